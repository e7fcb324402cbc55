/**
 * What a command may touch, and the exit codes it returns.
 *
 * @module
 */
import type { Env } from "../provenance/context.ts";

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
  /** Reads a text file. */
  readTextFile: (path: string) => string;
  /** Appends text to a file (GitHub Actions' step summary and outputs). */
  appendTextFile: (path: string, text: string) => void;
}

/** Exit codes: 0 passed, 1 blocked or a failed check, 2 usage or input error, 3 internal failure. */
export const EXIT = { ok: 0, blocked: 1, usage: 2, internal: 3 } as const;
