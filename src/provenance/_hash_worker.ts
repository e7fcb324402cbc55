// A worker that hashes files for hashSubjects: one request at a time,
// `{ id, path }` in, `{ id, done, total }` progress and `{ id, sha256, size }`
// or `{ id, error }` out.
import { hashFile } from "./_hash_file.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ id: number; path: string }>) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = async (event) => {
  const { id, path } = event.data;
  try {
    const result = await hashFile(path, {
      onProgress: (done, total) => scope.postMessage({ id, done, total }),
    });
    scope.postMessage({ id, ...result });
  } catch (error) {
    scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
