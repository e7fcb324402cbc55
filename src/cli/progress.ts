/**
 * Per-file hashing progress for an interactive terminal: shown only once
 * hashing has taken over a second, and only where stderr is a TTY.
 *
 * @module
 */
import type { HashProgress } from "../provenance/subjects.ts";
import { terminalText } from "../_markdown.ts";

const MIB = 1024 * 1024;

/**
 * Makes a progress callback that writes a single updating line.
 *
 * @param write Writes text to the terminal (stderr).
 * @param options `now` is the clock in milliseconds (default `performance.now`).
 * @returns The callback and `done()` to clear the line at the end.
 */
export function terminalProgress(
  write: (text: string) => void,
  options: { now?: () => number } = {},
): { onProgress: HashProgress; done: () => void } {
  const now = options.now ?? (() => performance.now());
  const start = now();
  let last = 0;
  let shown = false;
  const onProgress: HashProgress = (name, done, total) => {
    const t = now();
    if (t - start < 1000 || t - last < 100) return;
    last = t;
    shown = true;
    const rate = done / MIB / ((t - start) / 1000);
    write(
      `\r\x1b[2Khashing ${terminalText(name).replaceAll("\n", "\\u000a")}: ${
        (done / MIB).toFixed(0)
      }/${(total / MIB).toFixed(0)} MiB, ${rate.toFixed(0)} MiB/s`,
    );
  };
  return { onProgress, done: () => shown && write("\r\x1b[2K") };
}
