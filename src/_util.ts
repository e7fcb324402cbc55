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

/** About how many UTF-16 code units {@linkcode jsonTextChunks} puts in one chunk. */
const CHUNK_LENGTH = 1 << 16;

/** How {@linkcode jsonTextChunks} lays a document out: indented, or as `JSON.stringify(value)`. */
interface Layout {
  /** What starts a line at each level the chunked document opens. */
  breaks: readonly string[];
  /** What follows a key. */
  colon: string;
  /** The indentation `JSON.stringify` is given for what stands at a level. */
  indent: number | undefined;
  /** What ends the text. */
  end: string;
}

const INDENTED: Layout = { breaks: ["\n", "\n  ", "\n    "], colon: ": ", indent: 2, end: "\n" };
const COMPACT: Layout = { breaks: ["", "", ""], colon: ":", indent: undefined, end: "" };

/** Whether a value is written entry by entry: an array or a plain object (no `toJSON`). */
function isOpened(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/**
 * The keys `JSON.stringify` writes of an object, in its order: those whose values are neither
 * `undefined`, functions nor symbols; `undefined` for an array, whose every index is written
 * (an array of millions of entries is never copied into pairs).
 */
function writtenKeys(container: Record<string, unknown> | unknown[]): string[] | undefined {
  if (Array.isArray(container)) return undefined;
  return Object.keys(container).filter((key) => {
    const entry = container[key];
    return entry !== undefined && typeof entry !== "function" && typeof entry !== "symbol";
  });
}

/** The entry at `index` of a container whose written keys are `keys`. */
function entryAt(
  container: Record<string, unknown> | unknown[],
  keys: string[] | undefined,
  index: number,
): unknown {
  return keys === undefined
    ? (container as unknown[])[index]
    : (container as Record<string, unknown>)[keys[index]];
}

/** An entry's text where it stands, `depth` levels in: each line of a nested value indented. */
function entryText(entry: unknown, depth: number, layout: Layout): string {
  const text = JSON.stringify(entry, null, layout.indent) ?? "null"; // an array's undefined is null
  return text.includes("\n") ? text.replaceAll("\n", layout.breaks[depth]) : text;
}

/** What comes before an entry of a container: its opening or a comma, the line start, the key. */
function entryLead(index: number, key: string | undefined, depth: number, layout: Layout): string {
  const open = index > 0 ? "," : key === undefined ? "[" : "{";
  const named = key === undefined ? "" : JSON.stringify(key) + layout.colon;
  return open + layout.breaks[depth] + named;
}

/** How a container that has `count` entries ends, `depth` levels in. */
function containerEnd(container: unknown, count: number, depth: number, layout: Layout): string {
  const [empty, close] = Array.isArray(container) ? ["[]", "]"] : ["{}", "}"];
  return count === 0 ? empty : layout.breaks[depth] + close;
}

/**
 * The text {@linkcode toJsonText} gives, in chunks of about 64 Ki code units,
 * in order: a large document (a 10,000-package SBOM or more) is written
 * without being held whole as one string, which would cost a run more memory
 * than the serializing itself. Its arrays and objects are written entry by
 * entry, each of their entries by `JSON.stringify`, indented where it stands.
 * A smaller one (fewer than 20,000 entries in it and its arrays and objects,
 * two levels down) is one chunk, made by one `JSON.stringify`, unless what
 * is deeper makes it too long for one string. With `compact`, the chunks are
 * those of `JSON.stringify(value)` instead.
 *
 * @example
 * ```ts
 * import { jsonTextChunks } from "./_util.ts";
 * [...jsonTextChunks({ a: [1, { b: 2 }], c: {} })].join(""); // toJsonText of it
 * ```
 *
 * @param value The document.
 * @param options `compact`: no indentation and no final newline, as `JSON.stringify(value)`.
 * @returns The chunks, which joined are `toJsonText(value)`.
 */
export function* jsonTextChunks(
  value: unknown,
  options: { compact?: boolean } = {},
): Generator<string, void, undefined> {
  const layout = options.compact ? COMPACT : INDENTED;
  if (!isOpened(value)) {
    yield `${JSON.stringify(value, null, layout.indent)}${layout.end}`;
    return;
  }
  const whole = entryCount(value) < WHOLE_ENTRIES ? wholeText(value, layout) : undefined;
  if (whole !== undefined) {
    yield whole;
    return;
  }
  let parts: string[] = [];
  let length = 0;
  // An entry's text of a chunk's length or more is its own part, never copied into a joined
  // chunk (nor prefixed: that string would be copied flat by whoever reads it).
  const put = (lead: string, text: string): void => {
    if (text.length < CHUNK_LENGTH) parts.push(lead + text);
    else parts.push(lead, text);
    length += lead.length + text.length;
  };
  const keys = writtenKeys(value);
  const count = keys?.length ?? (value as unknown[]).length;
  for (let i = 0; i < count; i++) {
    const child = entryAt(value, keys, i);
    const lead = entryLead(i, keys?.[i], 1, layout);
    if (!isOpened(child)) {
      put(lead, entryText(child, 1, layout));
    } else {
      put(lead, "");
      const childKeys = writtenKeys(child);
      const childCount = childKeys?.length ?? (child as unknown[]).length;
      for (let j = 0; j < childCount; j++) {
        put(
          entryLead(j, childKeys?.[j], 2, layout),
          entryText(entryAt(child, childKeys, j), 2, layout),
        );
        if (length >= CHUNK_LENGTH) {
          yield* joined(parts);
          parts = [];
          length = 0;
        }
      }
      put(containerEnd(child, childCount, 1, layout), "");
    }
    // A document of many scalars (`[0,0,…]`) is chunked too, not gathered whole.
    if (length >= CHUNK_LENGTH) {
      yield* joined(parts);
      parts = [];
      length = 0;
    }
  }
  put(containerEnd(value, count, 0, layout) + layout.end, "");
  yield* joined(parts);
}

/**
 * Below how many entries in a document and its arrays and objects, two levels down (a
 * 10,000-package SBOM has some 20,000), {@linkcode jsonTextChunks} makes its text whole, in one
 * `JSON.stringify`: that costs a cold run half the time of writing it entry by entry.
 */
const WHOLE_ENTRIES = 20_000;

/** How many entries a container and the containers in it have, one level down. */
function entryCount(container: Record<string, unknown> | unknown[]): number {
  const keys = writtenKeys(container);
  const count = keys?.length ?? (container as unknown[]).length;
  let total = count;
  for (let i = 0; i < count && total < WHOLE_ENTRIES; i++) {
    const child = entryAt(container, keys, i);
    if (isOpened(child)) total += writtenKeys(child)?.length ?? (child as unknown[]).length;
  }
  return total;
}

/** A small document's text, or `undefined` when it is too long for one string (huge strings). */
function wholeText(value: unknown, layout: Layout): string | undefined {
  try {
    return `${JSON.stringify(value, null, layout.indent)}${layout.end}`;
  } catch (error) {
    if (error instanceof RangeError) return undefined; // V8's longest string: written in chunks
    throw error;
  }
}

/** Parts as chunks: the small ones between two large ones joined, a large one on its own. */
function* joined(parts: string[]): Generator<string, void, undefined> {
  let start = 0;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].length < CHUNK_LENGTH) continue;
    if (i > start) yield parts.slice(start, i).join("");
    yield parts[i];
    start = i + 1;
  }
  if (start < parts.length) yield parts.slice(start).join("");
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
 * How many of the ascending numbers are below `value`: where it would go before any equal one,
 * found by halving (a reader asks this of its sorted offsets once per value it looks up).
 *
 * @example
 * ```ts
 * import { countBelow } from "./_util.ts";
 * countBelow([2, 5, 5, 9], 5); // 1
 * ```
 *
 * @param sorted The numbers, ascending.
 * @param value The value.
 * @returns The count of numbers below it.
 */
export function countBelow(sorted: readonly number[], value: number): number {
  let low = 0;
  for (let high = sorted.length; low < high;) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
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

/**
 * The shape of JSON text, counted without parsing it: the deepest array/object nesting, the
 * number of arrays and objects, and the most members one object holds (its commas and one;
 * brackets and commas inside strings ignored).
 *
 * @param text JSON text.
 * @returns The maximum depth, the container count and the largest object's member count.
 */
export function jsonShape(text: string): { depth: number; containers: number; members: number } {
  // From one structural character to the next, and from a string's opening quote to its closing
  // one, by native searches: a loop over every character took seconds on the tens of megabytes
  // of a large SBOM and its bundle.
  const structural = /["[\]{},]/g;
  let depth = 0;
  let max = 0;
  let containers = 0;
  let members = 0;
  /** The open containers' member counts so far: -1 for an array. */
  const open: number[] = [];
  for (let m = structural.exec(text); m !== null; m = structural.exec(text)) {
    const c = text.charCodeAt(m.index);
    if (c === 0x22) {
      const end = stringEnd(text, m.index);
      if (end === -1) break; // unterminated: the rest is the string's
      structural.lastIndex = end + 1;
    } else if (c === 0x2c) {
      if (open.length > 0 && open[open.length - 1] >= 0) {
        members = Math.max(members, ++open[open.length - 1] + 1);
      }
    } else if (c === 0x5b || c === 0x7b) {
      containers++;
      max = Math.max(max, ++depth);
      open.push(c === 0x7b ? 0 : -1);
      if (c === 0x7b) members = Math.max(members, 1);
    } else {
      depth--;
      open.pop();
    }
  }
  return { depth: max, containers, members };
}

/**
 * The most members one JSON object may have to be parsed: V8's `JSON.parse` aborts the whole
 * process (a failed check, not an exception) on an object of more than 8,388,607, which a
 * hostile file of 64 MB holds. Real files come nowhere near: a 150,000-package lock has 150,000
 * in its largest object.
 */
export const MAX_JSON_OBJECT_MEMBERS = 4_000_000;

/**
 * `JSON.parse`, but a text with an object of more than {@linkcode MAX_JSON_OBJECT_MEMBERS}
 * members is a `SyntaxError`, as invalid JSON is, instead of aborting the process.
 *
 * @example
 * ```ts
 * import { parseJsonText } from "./_util.ts";
 * parseJsonText('{"a": 1}'); // { a: 1 }
 * ```
 *
 * @param text JSON text.
 * @returns The value.
 */
export function parseJsonText(text: string): unknown {
  // A member takes four characters at the least (`"":0,`): a shorter text cannot hold that many.
  if (text.length >= 4 * MAX_JSON_OBJECT_MEMBERS) {
    const { members } = jsonShape(text);
    if (members > MAX_JSON_OBJECT_MEMBERS) {
      throw new SyntaxError(
        `an object of ${members} members, over the ${MAX_JSON_OBJECT_MEMBERS} vouch parses`,
      );
    }
  }
  return JSON.parse(text);
}

/**
 * The most properties one JavaScript object holds: V8 throws a `RangeError` ("Too many
 * properties to enumerate") on adding one more, which a hostile file of a mapping or table
 * with that many keys (some 100 MB) reaches in a parser or a reader.
 */
export const MAX_OBJECT_PROPERTIES = 8_388_607;

/**
 * Whether an error is V8's on adding a property to an object that holds
 * {@linkcode MAX_OBJECT_PROPERTIES}.
 *
 * @param error What was thrown.
 * @returns Whether it is that `RangeError`.
 */
export function isTooManyProperties(error: unknown): boolean {
  return error instanceof RangeError && error.message === "Too many properties to enumerate";
}

/** The index of the quote that closes the string opened at `open`: one after an even run of backslashes; -1 for none. */
function stringEnd(text: string, open: number): number {
  let end = text.indexOf('"', open + 1);
  while (end !== -1) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return -1;
}
