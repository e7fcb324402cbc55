/**
 * `SHA256SUMS` in the format `sha256sum -c` reads, including GNU coreutils'
 * escaping: a name holding a backslash, a line feed or a carriage return is
 * written with `\\`, `\n`, `\r` and its line starts with a `\`.
 *
 * @module
 */

const NEEDS_ESCAPE = /[\\\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r" };
const UNESCAPES: Record<string, string> = { "\\": "\\", "n": "\n", "r": "\r" };

/**
 * Formats `SHA256SUMS` lines: `<hex>  <name>` for each entry, in the given
 * order; a name with a backslash, line feed or carriage return is escaped the
 * way GNU `sha256sum` writes it (`\<hex>  <escaped name>`).
 *
 * @example
 * ```ts
 * import { formatSha256Sums } from "./checksums.ts";
 * const sha256 = "a".repeat(64);
 * formatSha256Sums([{ name: "app.tar.gz", sha256 }]); // "aaa…a  app.tar.gz\n"
 * formatSha256Sums([{ name: "a\\b", sha256 }]); // "\\aaa…a  a\\\\b\n"
 * ```
 *
 * @param entries Names with their SHA-256.
 * @returns The file contents (ends with a newline; empty for no entries).
 */
export function formatSha256Sums(entries: { name: string; sha256: string }[]): string {
  return entries.map(({ name, sha256 }) =>
    NEEDS_ESCAPE.test(name)
      ? `\\${sha256}  ${name.replace(/[\\\n\r]/g, (c) => ESCAPES[c])}\n`
      : `${sha256}  ${name}\n`
  ).join("");
}

/** Undoes GNU escaping; `undefined` for a lone trailing `\` or an unknown escape. */
function unescapeName(name: string): string | undefined {
  let out = "";
  for (let i = 0; i < name.length; i++) {
    if (name[i] !== "\\") {
      out += name[i];
      continue;
    }
    const next = UNESCAPES[name[++i]];
    if (next === undefined) return undefined;
    out += next;
  }
  return out;
}

/**
 * Parses `SHA256SUMS` text as GNU `sha256sum -c` does for SHA-256 lines:
 * text (` `) or binary (`*`) mode markers, and lines starting with `\` whose
 * name is escaped (`\\`, `\n`, `\r`). Blank lines and a trailing carriage return
 * are skipped.
 *
 * @param text The file contents.
 * @returns The entries, and the 1-based numbers of lines that do not parse.
 */
export function parseSha256Sums(
  text: string,
): { entries: { name: string; sha256: string }[]; invalidLines: number[] } {
  const entries: { name: string; sha256: string }[] = [];
  const invalidLines: number[] = [];
  text.split("\n").forEach((raw, i) => {
    // Like sha256sum, a trailing carriage return (a CRLF file) is not part of the line.
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "") return;
    const m = /^(\\?)([0-9a-f]{64}) [ *](.+)$/s.exec(line);
    const name = m === null ? undefined : m[1] === "" ? m[3] : unescapeName(m[3]);
    if (m === null || name === undefined) invalidLines.push(i + 1);
    else entries.push({ sha256: m[2], name });
  });
  return { entries, invalidLines };
}
