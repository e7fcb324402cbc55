import { VouchError } from "../../errors.ts";
import { isTooManyProperties, MAX_OBJECT_PROPERTIES } from "../../_util.ts";

/** One top-level entry of a Yarn classic lockfile: its specifiers and fields. */
export interface YarnV1Entry {
  /** The specifiers the entry resolves (`"a@^1", a@^1.1:` gives two). */
  specs: string[];
  /** The 1-based line of its header. */
  line: number;
  /** Its fields (`version`, `resolved`, nested `dependencies`, …). */
  fields: Record<string, unknown>;
}

/** A scalar: a quoted string (JSON escapes), `true`/`false`, a number, or a bare word. */
function scalar(token: string, quoted: boolean): unknown {
  if (quoted) return token;
  if (token === "true") return true;
  if (token === "false") return false;
  if (/^[0-9]+(?:\.[0-9]+)?$/.test(token) && !/^0[0-9]/.test(token)) return Number(token);
  return token;
}

/** The field names of nearly every entry, given as these strings rather than new slices. */
const KNOWN_KEYS = ["version", "resolved", "integrity", "dependencies", "optionalDependencies"];

/** `text[from, to)` when it is one of {@linkcode KNOWN_KEYS}. */
function knownKey(text: string, from: number, to: number): string | undefined {
  for (const key of KNOWN_KEYS) {
    if (key.length === to - from && text.startsWith(key, from)) return key;
  }
  return undefined;
}

/**
 * Parses a Yarn classic (v1) `yarn.lock`: its own indentation-based format
 * (not YAML) of `key value` pairs and `key:` blocks, with quoted strings and
 * comma-separated specifiers on entry headers. Strict: odd indentation,
 * unterminated strings, duplicate keys and stray tokens are errors.
 *
 * @param text The file's text.
 * @param file The file's path, for messages.
 * @param code The error code (e.g. `inventory.yarn_lock.invalid`).
 * @returns The top-level entries in file order.
 * @throws {VouchError} `code` with `file:line`.
 */
export function parseYarnV1(text: string, file: string, code: string): YarnV1Entry[] {
  const fail = (line: number, reason: string): VouchError =>
    new VouchError(
      code,
      `${file}:${line}: invalid yarn.lock: ${reason}`,
      `regenerate ${file} with \`yarn install\``,
    );
  const entries: YarnV1Entry[] = [];
  const seen = new Set<string>();
  /** Objects open at each indentation level (level 0 is the entry's fields). */
  const stack: Record<string, unknown>[] = [];
  let lineNo = 0;
  // The current line is text[from, to) (trailing spaces and `\r` cut); tokens are read in place.
  let to = 0;
  let tokenText = "";
  let tokenQuoted = false;
  /** The keys of the current line (an entry header's are copied: its specifiers). */
  const keys: string[] = [];
  /** Reads one token at `i` (a quoted string or a bare word) into tokenText; returns its end. */
  const token = (i: number): number => {
    if (text.charCodeAt(i) === 0x22) {
      let escaped = false;
      for (let j = i + 1; j < to; j++) {
        const c = text.charCodeAt(j);
        if (c === 0x5c) {
          escaped = true;
          j++;
        } else if (c === 0x22) {
          tokenQuoted = true;
          if (!escaped) tokenText = text.slice(i + 1, j);
          else {
            try {
              tokenText = JSON.parse(text.slice(i, j + 1));
            } catch {
              throw fail(lineNo, "invalid escape in a quoted string");
            }
          }
          return j + 1;
        }
      }
      throw fail(lineNo, "unterminated quoted string");
    }
    let j = i;
    for (; j < to; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x20 || c === 0x2c || (c === 0x3a && j === to - 1)) break;
    }
    if (j === i) {
      throw fail(lineNo, `unexpected ${JSON.stringify(j < to ? text[i] : "end of line")}`);
    }
    tokenText = knownKey(text, i, j) ?? text.slice(i, j);
    tokenQuoted = false;
    return j;
  };
  for (let from = 0; from <= text.length; from = to + 1) {
    const newline = text.indexOf("\n", from);
    to = newline === -1 ? text.length : newline;
    const next = to;
    while (to > from && (text[to - 1] === "\r" || text[to - 1] === " ")) to--;
    lineNo++;
    let first = from;
    while (text.charCodeAt(first) === 0x20 && first < to) first++;
    const indent = first - from;
    if (first === to || text[first] === "#") {
      to = next;
      continue;
    }
    if (text[first] === "\t") throw fail(lineNo, "tab in indentation");
    if (indent % 2 !== 0) throw fail(lineNo, `odd indentation (${indent} spaces)`);
    const level = indent / 2;
    if (level > stack.length) throw fail(lineNo, "unexpected indentation");
    stack.length = level;
    keys.length = 0;
    let i = first;
    let value: unknown;
    let block = false;
    for (;;) {
      i = token(i);
      keys.push(tokenText);
      if (text[i] === "," && i < to) {
        if (text[i + 1] !== " " || i + 1 >= to) throw fail(lineNo, "expected a space after ','");
        i += 2;
        continue;
      }
      if (text[i] === ":" && i === to - 1) {
        block = true;
        break;
      }
      if (i >= to || text[i] !== " " || keys.length > 1) {
        throw fail(lineNo, "expected a value or ':'");
      }
      if (token(i + 1) !== to) throw fail(lineNo, "unexpected text after the value");
      value = scalar(tokenText, tokenQuoted);
      break;
    }
    to = next;
    if (level === 0) {
      if (!block) throw fail(lineNo, "an entry header must end with ':'");
      for (const spec of keys) {
        if (seen.has(spec)) throw fail(lineNo, `specifier ${JSON.stringify(spec)} appears twice`);
        seen.add(spec);
      }
      const fields: Record<string, unknown> = {};
      entries.push({ specs: keys.slice(), line: lineNo, fields });
      stack.push(fields);
      continue;
    }
    const parent = stack[level - 1];
    if (keys.length > 1) throw fail(lineNo, "several keys on a field line");
    const name = keys[0];
    if (Object.hasOwn(parent, name) || name === "__proto__") {
      throw fail(lineNo, `key ${JSON.stringify(name)} appears twice`);
    }
    try {
      if (block) {
        const child: Record<string, unknown> = {};
        parent[name] = child;
        stack.push(child);
      } else parent[name] = value;
    } catch (error) {
      // A block of more keys than an object holds: V8's RangeError, an internal error before.
      if (!isTooManyProperties(error)) throw error;
      throw fail(lineNo, `a block of more than ${MAX_OBJECT_PROPERTIES} keys`);
    }
  }
  return entries;
}
