/**
 * The vouch command-line entry point.
 *
 * @module
 */
import { runCli } from "./src/cli/main.ts";

function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  const bytes = new TextEncoder().encode(text);
  for (let off = 0; off < bytes.length;) off += file.writeSync(bytes.subarray(off));
}

if (import.meta.main) {
  const code = await runCli(Deno.args, {
    stdout: (text) => writeAll(Deno.stdout, text),
    stderr: (text) => writeAll(Deno.stderr, text),
    env: Deno.env.toObject(),
    stderrIsTerminal: Deno.stderr.isTerminal(),
    readTextFile: (path) => Deno.readTextFileSync(path),
    appendTextFile: (path, text) => Deno.writeTextFileSync(path, text, { append: true }),
  });
  Deno.exit(code);
}
