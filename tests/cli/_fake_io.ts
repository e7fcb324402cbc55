// An in-memory CliIo for in-process command tests: captures stdout, stderr and
// appended files; reads in-memory files first, then the disk.
import type { CliIo } from "../../src/cli/io.ts";
import type { Env } from "../../src/provenance/context.ts";

/** A CliIo that records what a command wrote. */
export interface FakeIo extends CliIo {
  /** Everything written to stdout, joined. */
  readonly out: string;
  /** Everything written to stderr, joined. */
  readonly err: string;
  /** The writes to stderr, one entry per call. */
  readonly errWrites: string[];
  /** Text appended per path. */
  readonly appended: Map<string, string>;
  /** How many times the command dropped the network permission. */
  readonly revoked: number;
}

/**
 * Makes a fake CliIo.
 *
 * @param options `env`, `tty` (stderrIsTerminal), `files` (path → text read before the disk),
 *   `append` (replaces the recording appender), `fetch` (default: one that refuses, as no
 *   test touches the network).
 * @returns The io and what it captured.
 */
export function fakeIo(
  options: {
    env?: Env;
    tty?: boolean;
    files?: Record<string, string>;
    append?: (path: string, text: string) => void;
    fetch?: typeof fetch;
  } = {},
): FakeIo {
  let revoked = 0;
  const out: string[] = [];
  const errWrites: string[] = [];
  const appended = new Map<string, string>();
  const files = options.files ?? {};
  return {
    stdout: (text) => void out.push(text),
    stderr: (text) => void errWrites.push(text),
    env: options.env ?? {},
    stderrIsTerminal: options.tty ?? false,
    readTextFile: (path) => files[path] ?? Deno.readTextFileSync(path),
    appendTextFile: options.append ??
      ((path, text) => void appended.set(path, (appended.get(path) ?? "") + text)),
    revokeNetwork: () => void revoked++,
    fetch: options.fetch ??
      (() => Promise.reject(new Deno.errors.NotCapable("the fake io has no network"))),
    get revoked() {
      return revoked;
    },
    get out() {
      return out.join("");
    },
    get err() {
      return errWrites.join("");
    },
    errWrites,
    appended,
  };
}
