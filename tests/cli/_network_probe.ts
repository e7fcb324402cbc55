// Run as a program with the binary's permissions: fetches a URL, runs the CLI
// in this process with the real I/O (its output dropped), fetches the URL
// again, and prints what happened as one JSON line: the exit code, each
// fetch's outcome (`ok` or the error's name) and the net permission's state.
import { runCli } from "../../src/cli/main.ts";
import { denoCliIo } from "../../src/cli/io.ts";

async function tryFetch(url: string): Promise<string> {
  try {
    const response = await fetch(url);
    await response.body?.cancel();
    return "ok";
  } catch (error) {
    return (error as Error).name;
  }
}

if (import.meta.main) {
  const [url, ...argv] = Deno.args;
  const before = await tryFetch(url);
  const code = await runCli(argv, { ...denoCliIo(), stdout: () => {}, stderr: () => {} });
  const after = await tryFetch(url);
  const { state } = await Deno.permissions.query({ name: "net" });
  console.log(JSON.stringify({ code, before, after, state }));
}
