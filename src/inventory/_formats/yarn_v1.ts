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

/** A bare word read as a number. */
const NUMBER = /^[0-9]+(?:\.[0-9]+)?$/;

/** A bare word with a leading zero, read as a word. */
const LEADING_ZERO = /^0[0-9]/;

/** A scalar: a quoted string (JSON escapes), `true`/`false`, a number, or a bare word. */
function scalar(token: string, quoted: boolean): unknown {
  if (quoted) return token;
  if (token === "true") return true;
  if (token === "false") return false;
  if (NUMBER.test(token) && !LEADING_ZERO.test(token)) return Number(token);
  return token;
}

/**
 * The field names of nearly every entry, given as these strings rather than new slices, by
 * length (an `undefined` hole where none has it).
 */
const KNOWN_KEYS: (string | undefined)[] = [];
for (const key of ["version", "resolved", "integrity", "dependencies", "optionalDependencies"]) {
  KNOWN_KEYS[key.length] = key;
}

/** `text[from, to)` when it is one of {@linkcode KNOWN_KEYS}. */
function knownKey(text: string, from: number, to: number): string | undefined {
  const key = KNOWN_KEYS[to - from];
  return key !== undefined && text.startsWith(key, from) ? key : undefined;
}

/**
 * Nearly every line: spaces, then a key (a quoted string without escapes, or a bare word
 * without `:`, `,` or quotes, not a comment) and either `:` (a block or an entry header of one
 * specifier) or a space and a value (the same, a bare one without `:`), then the line's end
 * (no trailing space). The general code reads any other line; on these, it reads the same.
 */
const SIMPLE_LINE =
  / *(?:"[^"\\\n\r]*"|[^\s,:"#][^\s,:"]*)(?::| (?:"[^"\\\n\r]*"|[^\s,:"][^\s,:"]*))\r?(?:\n|$)/y;

/**
 * A quoted string without escapes. The line's end cut from the text (spaces and CRs) holds no
 * quote, so it closes before the line's end if at all.
 */
const QUOTED = /"[^"\\\n]*"/y;

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
  /**
   * Objects open at each indentation level (level 0 is the entry's fields): the first `depth`.
   * Neither this array nor `keys` is ever cut short: V8 frees an array's store when it is
   * emptied, and a new one on the next push was most of a read's garbage (2 MB of excalidraw's).
   */
  const stack: Record<string, unknown>[] = [];
  let depth = 0;
  let lineNo = 0;
  // The current line is text[from, to) (trailing spaces and `\r` cut); tokens are read in place.
  let to = 0;
  let tokenText = "";
  let tokenQuoted = false;
  /** The current line's keys: the first `keyCount` (a header's are copied: its specifiers). */
  const keys: string[] = [];
  let keyCount = 0;
  /** Reads one token at `i` (a quoted string or a bare word) into tokenText; returns its end. */
  const token = (i: number): number => {
    if (text.charCodeAt(i) === 0x22) {
      QUOTED.lastIndex = i;
      if (QUOTED.test(text)) {
        tokenQuoted = true;
        tokenText = text.slice(i + 1, QUOTED.lastIndex - 1);
        return QUOTED.lastIndex;
      }
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
    lineNo++;
    SIMPLE_LINE.lastIndex = from;
    const simple = SIMPLE_LINE.test(text);
    let first = from;
    let next = 0;
    if (simple) {
      next = SIMPLE_LINE.lastIndex;
      if (text.charCodeAt(next - 1) === 0x0a) next--;
      to = text.charCodeAt(next - 1) === 0x0d ? next - 1 : next;
      while (text.charCodeAt(first) === 0x20) first++;
    } else {
      const newline = text.indexOf("\n", from);
      to = newline === -1 ? text.length : newline;
      next = to;
      while (to > from && (text[to - 1] === "\r" || text[to - 1] === " ")) to--;
      while (text.charCodeAt(first) === 0x20 && first < to) first++;
      if (first === to || text[first] === "#") {
        to = next;
        continue;
      }
      if (text[first] === "\t") throw fail(lineNo, "tab in indentation");
    }
    const indent = first - from;
    if (indent % 2 !== 0) throw fail(lineNo, `odd indentation (${indent} spaces)`);
    const level = indent / 2;
    if (level > depth) throw fail(lineNo, "unexpected indentation");
    depth = level;
    keyCount = 0;
    let value: unknown;
    let block = false;
    if (simple) {
      // The shape SIMPLE_LINE matched tells where the key ends: at the closing quote, the ':'
      // or the first space; a quoted value has no escapes.
      block = text.charCodeAt(to - 1) === 0x3a;
      const quoted = text.charCodeAt(first) === 0x22;
      const keyEnd = block
        ? to - 1
        : quoted
        ? text.indexOf('"', first + 1) + 1
        : text.indexOf(" ", first);
      keys[keyCount++] = quoted
        ? text.slice(first + 1, keyEnd - 1)
        : knownKey(text, first, keyEnd) ??
          text.slice(first, keyEnd);
      if (!block) {
        value = text.charCodeAt(keyEnd + 1) === 0x22
          ? text.slice(keyEnd + 2, to - 1)
          : scalar(text.slice(keyEnd + 1, to), false);
      }
    } else {
      let i = first;
      for (;;) {
        i = token(i);
        keys[keyCount++] = tokenText;
        if (text[i] === "," && i < to) {
          if (text[i + 1] !== " " || i + 1 >= to) throw fail(lineNo, "expected a space after ','");
          i += 2;
          continue;
        }
        if (text[i] === ":" && i === to - 1) {
          block = true;
          break;
        }
        if (i >= to || text[i] !== " " || keyCount > 1) {
          throw fail(lineNo, "expected a value or ':'");
        }
        if (token(i + 1) !== to) throw fail(lineNo, "unexpected text after the value");
        value = scalar(tokenText, tokenQuoted);
        break;
      }
    }
    to = next;
    if (level === 0) {
      if (!block) throw fail(lineNo, "an entry header must end with ':'");
      for (let k = 0; k < keyCount; k++) {
        const spec = keys[k];
        if (seen.has(spec)) throw fail(lineNo, `specifier ${JSON.stringify(spec)} appears twice`);
        seen.add(spec);
      }
      const fields: Record<string, unknown> = {};
      entries.push({ specs: keys.slice(0, keyCount), line: lineNo, fields });
      stack[depth++] = fields;
      continue;
    }
    const parent = stack[level - 1];
    if (keyCount > 1) throw fail(lineNo, "several keys on a field line");
    const name = keys[0];
    if (Object.hasOwn(parent, name) || name === "__proto__") {
      throw fail(lineNo, `key ${JSON.stringify(name)} appears twice`);
    }
    try {
      if (block) {
        const child: Record<string, unknown> = {};
        parent[name] = child;
        stack[depth++] = child;
      } else parent[name] = value;
    } catch (error) {
      // A block of more keys than an object holds: V8's RangeError, an internal error before.
      if (!isTooManyProperties(error)) throw error;
      throw fail(lineNo, `a block of more than ${MAX_OBJECT_PROPERTIES} keys`);
    }
  }
  return entries;
}
