// Private: checks that parsers leave to the reader. A file decoded with
// replacement (the inventory decodes bytes as lenient UTF-8) carries U+FFFD
// where a byte was not UTF-8; and `JSON.parse` keeps the last of two equal
// keys without a word. Both find the 1-based line, for `file:line` errors.
import { VouchError } from "../../errors.ts";
import { lineAt } from "./json.ts";

/**
 * The line of the first U+FFFD replacement character: the mark a lenient
 * UTF-8 decoder leaves where the bytes were not UTF-8.
 *
 * @param text The decoded text.
 * @returns The 1-based line, or `undefined` when there is none.
 */
export function replacementLine(text: string): number | undefined {
  const at = text.indexOf("\uFFFD");
  return at === -1 ? undefined : lineAt(text, at);
}

/**
 * Refuses text that a lenient UTF-8 decoder left a U+FFFD in.
 *
 * @param text The decoded text.
 * @param path The file's path, for the message.
 * @param code The error code (e.g. `inventory.pylock.invalid`).
 * @throws {VouchError} `code`, naming `path:line`, when the text has a U+FFFD.
 */
export function assertUtf8(text: string, path: string, code: string): void {
  const line = replacementLine(text);
  if (line === undefined) return;
  throw new VouchError(
    code,
    `${path}:${line}: not valid UTF-8`,
    `save ${path} as UTF-8 (or regenerate it with its tool) and run vouch again`,
  );
}

/** The number of object keys a JSON text writes: strings followed by `:`. */
function writtenKeys(text: string): number {
  let count = 0;
  for (let open = text.indexOf('"'); open !== -1;) {
    let close = text.indexOf('"', open + 1);
    for (;;) {
      let slashes = 0;
      while (text.charCodeAt(close - 1 - slashes) === 0x5c) slashes++;
      if (slashes % 2 === 0 || close === -1) break;
      close = text.indexOf('"', close + 1);
    }
    if (close === -1) break;
    let next = close + 1;
    let c = text.charCodeAt(next);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text.charCodeAt(++next);
    if (c === 0x3a) count++;
    open = text.indexOf('"', next);
  }
  return count;
}

function countKeys(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeys(item);
    return count;
  }
  const values = Object.values(value);
  count += values.length;
  for (const item of values) count += countKeys(item);
  return count;
}

/** Finds the first key written twice in one object, with its line (slow path). */
function firstDuplicate(text: string): { key: string; line: number } | undefined {
  const token = /"(?:[^"\\]|\\.)*"(\s*:)?|[{}[\]]/g;
  const stack: (Set<string> | undefined)[] = [];
  for (let match = token.exec(text); match !== null; match = token.exec(text)) {
    const t = match[0];
    if (t === "{") stack.push(new Set());
    else if (t === "[") stack.push(undefined);
    else if (t === "}" || t === "]") stack.pop();
    else if (match[1] !== undefined) {
      const keys = stack.at(-1);
      const raw = t.slice(0, t.lastIndexOf('"') + 1);
      const key = raw.includes("\\") ? JSON.parse(raw) as string : raw.slice(1, -1);
      if (keys?.has(key)) return { key, line: lineAt(text, match.index) };
      keys?.add(key);
    }
  }
  return undefined;
}

/**
 * The first object key a valid JSON text writes twice in the same object
 * (which `JSON.parse` silently collapses). Fast when there is none: the keys
 * written are counted with one regular-expression pass and compared with the
 * keys parsed.
 *
 * @param text A JSON text that `JSON.parse` accepted.
 * @param parsed What `JSON.parse` made of it.
 * @returns The key and its 1-based line, or `undefined`.
 */
export function duplicateJsonKey(
  text: string,
  parsed: unknown,
): { key: string; line: number } | undefined {
  return writtenKeys(text) === countKeys(parsed) ? undefined : firstDuplicate(text);
}
