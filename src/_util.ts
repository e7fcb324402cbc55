/**
 * Small helpers every stage shares: the one string order, the one
 * timestamp format vouch writes, and the one shape check for parsed JSON.
 *
 * @module
 */
import { VouchError } from "./errors.ts";

/**
 * Compares strings by UTF-16 code units (never by locale), so sorted output
 * is the same on every machine.
 *
 * @param a First string.
 * @param b Second string.
 * @returns Negative, zero or positive.
 */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a === b ? 0 : 1;
}

/**
 * Formats a time as `YYYY-MM-DDThh:mm:ssZ` (UTC, no fraction): the form of
 * every timestamp vouch writes.
 *
 * @param date The time.
 * @returns The timestamp.
 * @throws {VouchError} `time.invalid` when the date is invalid or outside years 0000–9999.
 */
export function utcSeconds(date: Date): string {
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 0 || year > 9999) {
    throw new VouchError(
      "time.invalid",
      `the time ${String(date)} cannot be written as YYYY-MM-DDThh:mm:ssZ`,
      "set SOURCE_DATE_EPOCH to a Unix time in seconds between years 0000 and 9999",
    );
  }
  // Written out from the UTC fields (as `toISOString` gives them, without the fraction): a
  // cold run's first `toISOString` and regex cost more than the whole formatting.
  const pad = (n: number): string => String(n).padStart(2, "0");
  return `${String(year).padStart(4, "0")}-${pad(date.getUTCMonth() + 1)}-${
    pad(date.getUTCDate())
  }T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z`;
}

/**
 * Tells whether a parsed JSON value is an object (not an array, not null).
 *
 * @param value Any parsed JSON.
 * @returns `true` for a plain object.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Serializes a JSON document the way every vouch file is written: two-space
 * indentation and a final newline.
 *
 * @param value The document.
 * @returns The text.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/**
 * Whether a text is literal parts with a wildcard between each two (a glob of `*` only),
 * each wildcard standing for at least `least` characters of any kind. Matched leftmost part
 * by part, never by a regex: a regex of many wildcards (`^a.*a.*a.*b$`) backtracks for ever on
 * a long text that almost matches, and the patterns come from files vouch does not trust.
 *
 * @example
 * ```ts
 * import { wildcardMatch } from "./_util.ts";
 * wildcardMatch("@babel/*".split("*"), "@babel/core"); // true
 * wildcardMatch(["project-", ".lockfile"], "project-.lockfile", 1); // false
 * ```
 *
 * @param parts The literal parts, in order (`pattern.split("*")`).
 * @param text The text.
 * @param least The fewest characters a wildcard stands for.
 * @returns `true` on a match.
 */
export function wildcardMatch(parts: readonly string[], text: string, least = 0): boolean {
  if (parts.length === 1) return text === parts[0];
  if (!text.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (const part of parts.slice(1, -1)) {
    const found = text.indexOf(part, at + least);
    if (found === -1) return false;
    at = found + part.length;
  }
  const last = parts[parts.length - 1];
  return text.length - last.length >= at + least && text.endsWith(last);
}

/**
 * A text without the run of one character at its end (`https://x.test//` → `https://x.test`).
 * A loop, not `/\/+$/`: that regex retries from each character of a long run not at the end,
 * in time growing with the square of its length, on text vouch does not trust.
 *
 * @param text The text.
 * @param char The character, one UTF-16 code unit.
 * @returns The text without it at its end.
 */
export function withoutTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end--;
  return text.slice(0, end);
}
