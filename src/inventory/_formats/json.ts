import { VouchError } from "../../errors.ts";
import { isRecord, parseJsonText } from "../../_util.ts";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/**
 * Returns the 1-based line of a character offset.
 *
 * @param text The text.
 * @param offset A character offset into `text`.
 * @returns The line number.
 */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** What may follow a key before its value: white space (Jackson writes `"key" : value`) and `:`. */
const COLON = /\s*:/y;

/**
 * Returns the line where a JSON object key (`"key":`, `"key" :`) first appears, or 1.
 *
 * @param text The JSON text.
 * @param key The key.
 * @returns The 1-based line.
 */
export function keyLine(text: string, key: string): number {
  const quoted = JSON.stringify(key);
  for (let at = text.indexOf(quoted); at !== -1; at = text.indexOf(quoted, at + 1)) {
    COLON.lastIndex = at + quoted.length;
    if (COLON.test(text)) return lineAt(text, at);
  }
  return 1;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

function describe(c: string): string {
  return JSON.stringify(c);
}

/** The index just past the string starting at `i` (a `"`), or the offset and reason of its error. */
function stringEnd(text: string, i: number): number | { offset: number; reason: string } {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 0x22) return j + 1;
    if (c < 0x20) return { offset: j, reason: "a control character or line break inside a string" };
    if (c === 0x5c) {
      const e = text[j + 1];
      if (
        e === "u"
          ? !/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))
          : !'"\\/bfnrt'.includes(e ?? "x")
      ) {
        return { offset: j, reason: "an invalid escape sequence in a string" };
      }
      j += e === "u" ? 5 : 1;
    }
  }
  return { offset: text.length, reason: "Unterminated string in JSON" };
}

/**
 * Finds the first JSON syntax error: its offset and a one-line reason. A
 * small state machine (no recursion, so any nesting depth is fine), run only
 * after `JSON.parse` failed, because engines do not always report a position.
 */
function syntaxError(text: string): { offset: number; reason: string } | undefined {
  const stack: string[] = [];
  let state: "value" | "after" | "key" | "colon" = "value";
  let opened = false;
  let i = 0;
  const at = (reason: string): { offset: number; reason: string } => ({ offset: i, reason });
  for (;;) {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
    if (i >= text.length) {
      return stack.length === 0 && state === "after"
        ? undefined
        : at("Unexpected end of JSON input");
    }
    const c = text[i];
    if (state === "colon") {
      if (c !== ":") return at(`expected ':' after a property name, found ${describe(c)}`);
      i++;
      state = "value";
    } else if (state === "key") {
      if (c === "}" && opened) {
        stack.pop();
        i++;
        state = "after";
      } else if (c === '"') {
        const end = stringEnd(text, i);
        if (typeof end !== "number") return end;
        i = end;
        state = "colon";
      } else return at(`expected a property name in double quotes, found ${describe(c)}`);
      opened = false;
    } else if (state === "value") {
      if (c === "{" || c === "[") {
        stack.push(c);
        i++;
        state = c === "{" ? "key" : "value";
        opened = true;
        continue;
      }
      if (c === "]" && opened) {
        stack.pop();
        i++;
      } else if (c === '"') {
        const end = stringEnd(text, i);
        if (typeof end !== "number") return end;
        i = end;
      } else {
        NUMBER.lastIndex = LITERAL.lastIndex = i;
        const match = NUMBER.exec(text) ?? LITERAL.exec(text);
        if (!match || match[0] === "") return at(`expected a value, found ${describe(c)}`);
        i += match[0].length;
      }
      state = "after";
      opened = false;
    } else {
      const top = stack.at(-1);
      if (top === undefined) return at(`unexpected ${describe(c)} after the end of the document`);
      if (c === ",") state = top === "{" ? "key" : "value";
      else if (c === (top === "{" ? "}" : "]")) stack.pop();
      else return at(`expected ',' or '${top === "{" ? "}" : "]"}', found ${describe(c)}`);
      i++;
    }
  }
}

/**
 * Why a string with a lone UTF-16 surrogate escape (`"\\ud800"`) is refused.
 *
 * @param token The string as written, quotes included.
 * @returns The reason, for an `invalid JSON` message.
 */
export function loneSurrogate(token: string): string {
  return `the string ${token} has a lone UTF-16 surrogate escape, which is no ` +
    "Unicode character (RFC 8259 §8.2; I-JSON forbids it)";
}

/** An escape of a UTF-16 surrogate. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** The index of the `"` that closes the string opened at `start`, in valid JSON. */
function closingQuote(text: string, start: number): number {
  for (let q = text.indexOf('"', start + 1);; q = text.indexOf('"', q + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
}

/** How many keys the objects of a parsed value have, all together (no recursion: any depth). */
function parsedKeyCount(value: unknown): number {
  let count = 0;
  const stack = typeof value === "object" && value !== null ? [value] : [];
  // Only containers go on the stack, and arrays are walked by index: the cold loop's cost is per
  // step (half the Ir of pushing every value and iterating arrays with for-of).
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) {
        const element = item[i];
        if (typeof element === "object" && element !== null) stack.push(element);
      }
      continue;
    }
    for (const key in item as JsonObject) {
      count++;
      const member = (item as JsonObject)[key];
      if (typeof member === "object" && member !== null) stack.push(member);
    }
  }
  return count;
}

/**
 * How many keys a valid JSON text has: outside strings there is no
 * backslash, so every `"` found from the end of a string (or from the start)
 * opens the next one, and {@linkcode closingQuote} skips escaped quotes to
 * its end; a string is a key when what follows its closing quote starts with
 * `:` (after whitespace). Jumps from quote to quote with `indexOf`: no
 * substrings (splitting a 1.7 MB package-lock on `"` cost 47 ms cold), and
 * no loop over the characters between strings (a pretty-printed
 * composer.lock is one third indentation).
 */
function quotedKeyCount(text: string): number {
  let count = 0;
  for (let open = text.indexOf('"'); open !== -1;) {
    let next = closingQuote(text, open) + 1;
    let c = text.charCodeAt(next);
    while (c <= 0x20) c = text.charCodeAt(++next);
    if (c === 0x3a) count++;
    open = text.indexOf('"', next);
  }
  return count;
}

/** A `"` with white space before a `:`: a key written `"key" : value`, or such text in a string. */
const SPACED_KEY_END = /"[ \t\n\r]+:/;

/** The end of a key written `"key":`. */
const KEY_END = /":/g;

/** How much text one count of {@linkcode KEY_END} matches covers: bounds the array of matches. */
const KEY_END_CHUNK = 1 << 20;

/**
 * How many keys a valid JSON text has, or more, never fewer: the number of
 * `":` when no key has white space before its colon (each key ends so; a
 * string may hold `":` too, as `"\":"` or `":x"`), else
 * {@linkcode quotedKeyCount}. Native regexp matches, by chunks of
 * {@linkcode KEY_END_CHUNK}: a fifth of the Ir of the quote-to-quote loop on a
 * package-lock, cold.
 */
function keyCountAtLeast(text: string): number {
  if (SPACED_KEY_END.test(text)) return quotedKeyCount(text);
  let count = 0;
  for (let start = 0; start < text.length; start += KEY_END_CHUNK) {
    const end = start + KEY_END_CHUNK;
    count += text.slice(start, end).match(KEY_END)?.length ?? 0;
    if (text.charCodeAt(end - 1) === 0x22 && text.charCodeAt(end) === 0x3a) count++;
  }
  return count;
}

/**
 * In a syntactically valid document: the offset and reason of the first
 * duplicate object key or string with a lone surrogate escape, if any. Keys
 * are first only counted (by {@linkcode keyCountAtLeast}, which counts every
 * key written, maybe more): when the parsed value has as many, no object
 * repeats a key (a repeated key makes the parsed count smaller). Otherwise,
 * and for a document with a surrogate escape, an exact pass unescapes the
 * strings.
 *
 * @param text The JSON text, valid.
 * @param parsed Its value, as `JSON.parse` gives it.
 * @returns The offset and reason of the first such string, or `undefined`.
 */
export function strictnessError(
  text: string,
  parsed: unknown,
): { offset: number; reason: string } | undefined {
  const surrogates = text.includes("\\u") && SURROGATE_ESCAPE.test(text);
  // Without a surrogate escape, the keys are counted first: equal counts, no duplicate.
  if (!surrogates && keyCountAtLeast(text) === parsedKeyCount(parsed)) return undefined;
  // The exact pass: unescape every string, keep each object's keys.
  const keys: (Set<string> | undefined)[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue;
    if (c === 0x7b) keys.push(new Set()); // {
    else if (c === 0x5b) keys.push(undefined); // [
    else if (c === 0x7d || c === 0x5d) keys.pop(); // } ]
    else if (c === 0x22) {
      const end = closingQuote(text, i);
      let next = end + 1;
      while (next < text.length && text.charCodeAt(next) <= 0x20) next++;
      const token = text.slice(i, end + 1);
      const value: string = token.includes("\\") ? JSON.parse(token) : token.slice(1, -1);
      if (surrogates && !value.isWellFormed()) {
        return { offset: i, reason: loneSurrogate(token) };
      }
      const object = keys.at(-1);
      if (text.charCodeAt(next) === 0x3a && object !== undefined) {
        if (object.has(value)) {
          return {
            offset: i,
            reason: `duplicate key ${token} in one object (parsers disagree on which value counts)`,
          };
        }
        object.add(value);
      }
      i = end;
    }
  }
  return undefined;
}

/**
 * Parses a JSON document that must be an object, strictly: a syntax error, a
 * duplicate key in one object or a lone UTF-16 surrogate escape (legal in the
 * JSON grammar, but no Unicode character: RFC 8259 §8.2, RFC 7493) becomes a
 * {@linkcode VouchError} naming the file and line. Every JSON reader uses it.
 *
 * @example
 * ```ts
 * import { parseJsonObject } from "./json.ts";
 * parseJsonObject('{"a": 1}', "x.json", "inventory.x.invalid").a; // 1
 * // '{"a": 1, "a": 2}' throws inventory.x.invalid: "x.json:1: invalid JSON: duplicate key …"
 * ```
 *
 * @param text The JSON text.
 * @param path The file's path, for the message.
 * @param code The error code (e.g. `inventory.package_lock.invalid`).
 * @returns The parsed object.
 * @throws {VouchError} `code`, with `path:line` in the message.
 */
export function parseJsonObject(text: string, path: string, code: string): JsonObject {
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (error) {
    const found = syntaxError(text) ??
      { offset: 0, reason: (error as Error).message.split("\n")[0] };
    const line = lineAt(text, found.offset);
    throw new VouchError(
      code,
      `${path}:${line}: invalid JSON: ${found.reason}`,
      `fix the JSON syntax at line ${line} of ${path} (or regenerate the file)`,
    );
  }
  const strictness = strictnessError(text, value);
  if (strictness !== undefined) {
    const line = lineAt(text, strictness.offset);
    throw new VouchError(
      code,
      `${path}:${line}: invalid JSON: ${strictness.reason}`,
      `fix line ${line} of ${path} (or regenerate the file with its tool)`,
    );
  }
  if (!isRecord(value)) {
    throw new VouchError(
      code,
      `${path}:1: expected a JSON object at the top level`,
      `regenerate ${path} with its package manager`,
    );
  }
  return value;
}

/**
 * Reads an object-valued member, treating absence as empty.
 *
 * @param value The containing object.
 * @param key The member name.
 * @returns The member, or `{}`.
 */
export function objectAt(value: JsonObject, key: string): JsonObject {
  const member = value[key];
  return isRecord(member) ? member : {};
}

/**
 * Reads a string-valued member.
 *
 * @param value The containing object.
 * @param key The member name.
 * @returns The string, or `undefined` when absent or not a string.
 */
export function stringAt(value: JsonObject, key: string): string | undefined {
  const member = value[key];
  return typeof member === "string" ? member : undefined;
}

/**
 * A string as the JSON writers that escape all but printable ASCII write it (`\uXXXX`, lowercase,
 * a surrogate pair for a character beyond U+FFFF): PHP's `json_encode` without flags, which also
 * escapes `/` and leaves DEL as it is, or Python's `json.dumps` (`ensure_ascii`), which escapes
 * DEL. The lock hashes of Composer and Pipenv are of such text.
 *
 * @example
 * ```ts
 * import { asciiJsonString } from "./json.ts";
 * asciiJsonString("é/x", "php"); // '"\\u00e9\\/x"'
 * asciiJsonString("é/x", "python"); // '"\\u00e9/x"'
 * ```
 *
 * @param text The string.
 * @param writer Whose JSON: `php` or `python`.
 * @returns The quoted JSON string.
 */
export function asciiJsonString(text: string, writer: "php" | "python"): string {
  const php = writer === "php";
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x2f && php) out += "\\/";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c > 0x7f || (c === 0x7f && !php)) {
      out += `\\u${c.toString(16).padStart(4, "0")}`;
    } else out += text[i];
  }
  return `${out}"`;
}
