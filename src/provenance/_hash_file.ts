// Private: hashing one file, in a module of its own so that a hashing
// worker loads only node:crypto (a worker starts a new isolate, and each
// node: module it loads costs tens of milliseconds).
import { createHash } from "node:crypto";

/** Read size of {@linkcode hashFile}: large enough to keep system calls rare, small enough to stay in cache. */
const READ_SIZE = 1 << 20;

/**
 * Hashes one file with SHA-256, streaming: blocking reads of 1 MiB into one
 * reused buffer, each hashed in place (no copy). Blocking reads cost half
 * the system time of Deno's asynchronous ones (which go through a thread
 * pool); several files are hashed in parallel on workers (see
 * {@linkcode hashSubjects}), so nothing waits on this thread meanwhile.
 *
 * @param path The file.
 * @param options `onProgress` is called after each chunk with the bytes done.
 * @returns The hex digest and the size.
 */
export function hashFile(
  path: string,
  options: { onProgress?: (done: number, total: number) => void } = {},
): Promise<{ sha256: string; size: number }> {
  try {
    using file = Deno.openSync(path);
    const total = file.statSync().size;
    const hash = createHash("sha256");
    const buffer = new Uint8Array(READ_SIZE);
    let size = 0;
    for (;;) {
      const n = file.readSync(buffer);
      if (n === null) break;
      hash.update(buffer.subarray(0, n));
      size += n;
      options.onProgress?.(size, total);
    }
    return Promise.resolve({ sha256: hash.digest("hex"), size });
  } catch (error) {
    return Promise.reject(error);
  }
}
