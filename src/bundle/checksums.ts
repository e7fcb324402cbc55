/**
 * `SHA256SUMS` in the format `sha256sum -c` reads.
 *
 * @module
 */

/**
 * Formats `SHA256SUMS` lines: `<hex>  <name>` for each entry, in the given order.
 *
 * @param entries Names with their SHA-256.
 * @returns The file contents (ends with a newline; empty for no entries).
 */
export function formatSha256Sums(entries: { name: string; sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.name}\n`).join("");
}

/**
 * Parses `SHA256SUMS` text (text or binary mode markers, `\`-escaped names
 * are not supported and reported as invalid).
 *
 * @param text The file contents.
 * @returns The entries, and the 1-based numbers of lines that do not parse.
 */
export function parseSha256Sums(
  text: string,
): { entries: { name: string; sha256: string }[]; invalidLines: number[] } {
  const entries: { name: string; sha256: string }[] = [];
  const invalidLines: number[] = [];
  text.split("\n").forEach((line, i) => {
    if (line === "") return;
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (m) entries.push({ sha256: m[1], name: m[2] });
    else invalidLines.push(i + 1);
  });
  return { entries, invalidLines };
}
