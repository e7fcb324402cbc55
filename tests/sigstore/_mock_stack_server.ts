// Serves the local Sigstore instance of _mock_stack.ts over HTTP on 127.0.0.1
// (an ephemeral port), for the tests that run the vouch CLI as a process.
// Run as a program it prints one JSON line, `{"url": …, "trustedRootJson": …}`,
// once it serves, and stops when killed; `startStackServer` runs it as a
// child process (the test runner itself has no network permission).
import { makeMockStack, type MockStack } from "./_mock_stack.ts";

/** A running instance. */
export interface StackServer {
  /** Its base URL, `http://127.0.0.1:PORT`. */
  url: string;
  /** Its trusted root, JSON text. */
  trustedRootJson: string;
  /** Stops it. */
  stop(): Promise<void>;
}

/**
 * Starts the instance in a child process (network: 127.0.0.1 only).
 *
 * @returns The running instance; stop it at the end of the test.
 */
export async function startStackServer(): Promise<StackServer> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--allow-net=127.0.0.1", "--allow-env", import.meta.filename!],
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stop = async () => {
    await reader.cancel();
    child.kill();
    await child.status;
  };
  let line = "";
  try {
    while (!line.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the Sigstore stack server exited before serving");
      line += value;
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const { url, trustedRootJson } = JSON.parse(line);
  return { url, trustedRootJson, stop };
}

if (import.meta.main) {
  const ready = Promise.withResolvers<MockStack>();
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    async (request) => (await ready.promise).handle(request),
  );
  const stack = await makeMockStack(`http://127.0.0.1:${server.addr.port}`);
  ready.resolve(stack);
  console.log(JSON.stringify({ url: stack.url, trustedRootJson: stack.trustedRootJson }));
}
