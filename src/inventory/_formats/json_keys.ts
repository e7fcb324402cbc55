/**
 * Duplicate object keys in JSON text. `JSON.parse` keeps the last of two
 * equal keys without a word; a lockfile with a repeated key is malformed
 * (which of the two did the tool mean?), so readers check for them.
 *
 * @module
 */

/**
 * Finds the first key that appears twice in the same JSON object. Run it on
 * text that `JSON.parse` accepted; linear, no recursion.
 *
 * @example
 * ```ts
 * import { findDuplicateKey } from "./json_keys.ts";
 * findDuplicateKey('{"a": 1, "b": {"a": 2}, "a": 3}'); // { key: "a", offset: 24 }
 * ```
 *
 * @param text Valid JSON.
 * @returns The repeated key and the offset of its second occurrence, or
 *   `undefined` when every object's keys are distinct.
 */
export function findDuplicateKey(text: string): { key: string; offset: number } | undefined {
  const stack: (Set<string> | undefined)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) { // {
      stack.push(new Set());
      expectKey = true;
    } else if (c === 0x5b) { // [
      stack.push(undefined);
      expectKey = false;
    } else if (c === 0x7d || c === 0x5d) { // } ]
      stack.pop();
    } else if (c === 0x2c) { // ,
      expectKey = stack[stack.length - 1] !== undefined;
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
        const raw = text.slice(i + 1, end);
        const key = escaped ? JSON.parse(`"${raw}"`) as string : raw;
        const keys = stack[stack.length - 1]!;
        if (keys.has(key)) return { key, offset: i };
        keys.add(key);
        expectKey = false;
      }
      i = end;
    }
  }
  return undefined;
}
