/**
 * Duplicate object keys in JSON text. `JSON.parse` keeps the last of two
 * equal keys without a word; a lockfile with a repeated key is malformed
 * (which of the two did the tool mean?), so readers check for them.
 *
 * @module
 */

/** How many keys the objects of a parsed value have, all together (no recursion). */
function keyCount(value: unknown): number {
  let count = 0;
  const stack = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== "object" || item === null) continue;
    if (Array.isArray(item)) {
      for (const element of item) stack.push(element);
      continue;
    }
    for (const key in item) {
      count++;
      stack.push((item as Record<string, unknown>)[key]);
    }
  }
  return count;
}

/**
 * Finds the first key that appears twice in the same JSON object. Run it on
 * text that `JSON.parse` accepted; linear, no recursion. When the parsed value
 * is given and has as many keys as the text writes, no key repeats and no
 * key is compared.
 *
 * @example
 * ```ts
 * import { findDuplicateKey } from "./json_keys.ts";
 * findDuplicateKey('{"a": 1, "b": {"a": 2}, "a": 3}'); // { key: "a", offset: 24 }
 * ```
 *
 * @param text Valid JSON.
 * @param parsed `JSON.parse(text)`, for the quick check.
 * @returns The repeated key and the offset of its second occurrence, or
 *   `undefined` when every object's keys are distinct.
 */
export function findDuplicateKey(
  text: string,
  parsed?: unknown,
): { key: string; offset: number } | undefined {
  if (parsed !== undefined && scan(text, false) === keyCount(parsed)) return undefined;
  const found = scan(text, true);
  return typeof found === "number" ? undefined : found;
}

/** Counts the keys the text writes, or (`compare`) finds the first repeated one. */
function scan(text: string, compare: boolean): number | { key: string; offset: number } {
  const stack: (Set<string> | undefined)[] = [];
  const objects: boolean[] = [];
  let expectKey = false;
  let keys = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) { // {
      stack.push(compare ? new Set() : undefined);
      objects.push(true);
      expectKey = true;
    } else if (c === 0x5b) { // [
      stack.push(undefined);
      objects.push(false);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) { // } ]
      stack.pop();
      objects.pop();
    } else if (c === 0x2c) { // ,
      expectKey = objects[objects.length - 1] === true;
    } else if (c === 0x22) { // "
      let end = i + 1;
      let escaped = false;
      for (; end < text.length; end++) {
        const d = text.charCodeAt(end);
        if (d === 0x5c) {
          escaped = true;
          end++;
        } else if (d === 0x22) break;
      }
      if (expectKey) {
        keys++;
        if (compare) {
          const raw = text.slice(i + 1, end);
          const key = escaped ? JSON.parse(`"${raw}"`) as string : raw;
          const seen = stack[stack.length - 1]!;
          if (seen.has(key)) return { key, offset: i };
          seen.add(key);
        }
        expectKey = false;
      }
      i = end;
    }
  }
  return keys;
}
