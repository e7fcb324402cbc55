/**
 * What a command may touch, the real process I/O, and the exit codes. The
 * network is an edge too: only `attest --keyless` keeps it; every other run
 * drops the permission at start (`revokeNetwork`).
 *
 * @module
 */
import type { Env } from "../provenance/context.ts";
import { MAX_KEY_BYTES, readRegularFileSync, writeRegularFileSync } from "../_fs.ts";

/** What the program may touch: output streams, environment, files. */
export interface CliIo {
  /** Writes to stdout. */
  stdout: (text: string) => void;
  /** Writes to stderr. */
  stderr: (text: string) => void;
  /** The environment. */
  env: Env;
  /** Whether stderr is an interactive terminal. */
  stderrIsTerminal: boolean;
  /**
   * Reads a key or secret file as text. The real one reads only regular files
   * of at most 64 KiB and throws an `FsError` otherwise (see `src/_fs.ts`).
   */
  readTextFile: (path: string) => string;
  /** Appends text to a file (GitHub Actions' step summary and outputs). */
  appendTextFile: (path: string, text: string) => void;
  /**
   * Drops the network permission for the rest of the process: called at the
   * start of every command except `attest --keyless`, so the binary can carry
   * `--allow-net` while everything else provably stays offline.
   */
  revokeNetwork: () => void;
  /** The network edge of keyless signing (Fulcio, Rekor, the TSA, the CI token endpoint). */
  fetch: typeof fetch;
}

/** Exit codes: 0 passed, 1 blocked or a failed check, 2 usage or input error, 3 internal failure. */
export const EXIT = { ok: 0, blocked: 1, usage: 2, internal: 3 } as const;

function writeAll(file: { writeSync(p: Uint8Array): number }, text: string): void {
  const bytes = new TextEncoder().encode(text);
  for (let off = 0; off < bytes.length;) off += file.writeSync(bytes.subarray(off));
}

/**
 * The real process I/O: stdout and stderr (written whole), the key files of
 * this machine (capped regular-file reads), the environment (the process's
 * own unless one is given), and the network (`fetch`, and the permission
 * revoked with `Deno.permissions.revokeSync`).
 *
 * @param options `env` replaces the process environment; `stderrIsTerminal`
 *   overrides the TTY check.
 * @returns The I/O for {@linkcode CliIo} users such as `runCli`.
 */
export function denoCliIo(options: { env?: Env; stderrIsTerminal?: boolean } = {}): CliIo {
  return {
    stdout: (text) => writeAll(Deno.stdout, text),
    stderr: (text) => writeAll(Deno.stderr, text),
    env: options.env ?? Deno.env.toObject(),
    stderrIsTerminal: options.stderrIsTerminal ?? Deno.stderr.isTerminal(),
    readTextFile: (path) =>
      new TextDecoder().decode(readRegularFileSync(path, { maxBytes: MAX_KEY_BYTES })),
    appendTextFile: (path, text) => writeRegularFileSync(path, text, { append: true }),
    revokeNetwork: () => void Deno.permissions.revokeSync({ name: "net" }),
    fetch: (input, init) => fetch(input, init),
  };
}
