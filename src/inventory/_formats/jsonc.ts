import { VouchError } from "../../errors.ts";
import { isRecord, parseJsonText } from "../../_util.ts";
import { type JsonObject, lineAt, loneSurrogate, strictnessError } from "./json.ts";

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
// deno-lint-ignore no-control-regex -- JSON forbids raw control characters in strings
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

/** Where and why a JSONC text is invalid. */
class Invalid {
  constructor(readonly offset: number, readonly reason: string) {}
}

/**
 * Checks a JSONC text in one pass (JSON plus `//` and `/* *\/` comments and
 * trailing commas) and returns it as plain JSON: comments and trailing commas
 * cut out. Objects that repeat a key and strings with a lone surrogate escape
 * are rejected, as by the JSON parser. Iterative, so any nesting
 * depth is fine.
 */
function toJson(text: string): string | Invalid {
  /** Ranges to leave out (comments, trailing commas), mostly in order. */
  const cuts: [number, number][] = [];
  const cut = (from: number, to: number): void => void cuts.push([from, to]);
  /** Open containers: `[` or the keys of an object. */
  const stack: (Set<string> | "[")[] = [];
  let expect: "value" | "key" | "colon" | "after" = "value";
  let opened = false; // just after `{` or `[`
  let comma = -1; // offset of a `,` that may turn out to be trailing
  let i = 0;
  for (;;) {
    // Whitespace and comments.
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
        const end = text.indexOf("\n", i);
        cut(i, end === -1 ? text.length : end);
        i = end === -1 ? text.length : end;
      } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
        const end = text.indexOf("*/", i + 2);
        if (end === -1) return new Invalid(i, "unterminated /* comment");
        cut(i, end + 2);
        i = end + 2;
      } else break;
    }
    if (i >= text.length) {
      if (stack.length > 0 || expect !== "after") return new Invalid(i, "unexpected end of input");
      cuts.sort((a, b) => a[0] - b[0]);
      const out: string[] = [];
      let copied = 0;
      for (const [from, to] of cuts) {
        out.push(text.slice(copied, from));
        copied = to;
      }
      out.push(text.slice(copied));
      return out.join("");
    }
    const c = text[i];
    const top = stack[stack.length - 1];
    if (comma !== -1) {
      if ((c === "}" || c === "]") && !opened) cut(comma, comma + 1);
      comma = -1;
    }
    if (expect === "after") {
      if (top === undefined) return new Invalid(i, `unexpected ${JSON.stringify(c)} after the end`);
      if (c === ",") {
        comma = i++;
        expect = top === "[" ? "value" : "key";
        opened = false;
        continue;
      }
      if (c !== (top === "[" ? "]" : "}")) {
        return new Invalid(
          i,
          `expected ',' or '${top === "[" ? "]" : "}"}', found ${JSON.stringify(c)}`,
        );
      }
      stack.pop();
      i++;
      continue;
    }
    if (expect === "colon") {
      if (c !== ":") return new Invalid(i, `expected ':' after a key, found ${JSON.stringify(c)}`);
      i++;
      expect = "value";
      continue;
    }
    if ((c === "}" && expect === "key") || (c === "]" && expect === "value" && top === "[")) {
      stack.pop();
      i++;
      expect = "after";
      opened = false;
      continue;
    }
    if (c === '"') {
      // `test` on the sticky pattern moves lastIndex past the body without building a match.
      STRING_BODY.lastIndex = i + 1;
      STRING_BODY.test(text);
      const end = STRING_BODY.lastIndex;
      if (text[end] !== '"') {
        return new Invalid(
          end,
          end >= text.length ? "unterminated string" : "invalid character or escape in a string",
        );
      }
      const raw = text.slice(i + 1, end);
      // The text is valid UTF-8: only an escape can make a lone surrogate.
      const value = raw.includes("\\") ? JSON.parse(text.slice(i, end + 1)) as string : raw;
      if (value !== raw && !value.isWellFormed()) {
        return new Invalid(i, loneSurrogate(text.slice(i, end + 1)));
      }
      if (expect === "key") {
        const keys = top as Set<string>;
        if (keys.has(value)) return new Invalid(i, `duplicate key ${JSON.stringify(value)}`);
        keys.add(value);
        expect = "colon";
      } else expect = "after";
      i = end + 1;
      opened = false;
      continue;
    }
    if (expect === "key") {
      return new Invalid(i, `expected a key in double quotes, found ${JSON.stringify(c)}`);
    }
    if (c === "{" || c === "[") {
      stack.push(c === "{" ? new Set() : "[");
      expect = c === "{" ? "key" : "value";
      opened = true;
      i++;
      continue;
    }
    NUMBER.lastIndex = LITERAL.lastIndex = i;
    const match = NUMBER.exec(text) ?? LITERAL.exec(text);
    if (!match || match[0] === "") {
      return new Invalid(i, `expected a value, found ${JSON.stringify(c)}`);
    }
    i += match[0].length;
    expect = "after";
    opened = false;
  }
}

/**
 * A string (to its end if unterminated; any character after a backslash: `JSON.parse` judges
 * the escape), an opening bracket and a comma after it (kept: `[,]` stays invalid), or a comma
 * before a closing bracket, which the replacement `$1` cuts. No backtracking: each
 * alternative's first character differs, as do the two of a string's body.
 */
const TRAILING_COMMA = /("(?:[^"\\]|\\[\s\S])*"?|[[{][ \t\n\r]*,)|,(?=[ \t\n\r]*[\]}])/g;

/**
 * A comma before a closing bracket with a line break between them: never one inside a string,
 * which holds no raw line break. Not one just after an opening bracket (`[\n,\n]` stays
 * invalid), as {@linkcode TRAILING_COMMA} keeps it.
 */
const TRAILING_COMMA_BEFORE_LINE_BREAK = /,(?<![[{][ \t\n\r]*,)(?=[ \t\r]*\n[ \t\n\r]*[\]}])/g;

/** A comma before a closing bracket on its line, maybe in a string (`"a, ]"`). */
const TRAILING_COMMA_IN_LINE = /,[ \t\r]*[\]}]/g;

/** A line's white space up to its first character, when that is a comma. */
const LEADING_COMMA = /[ \t\r]*,/y;

/**
 * The text with its trailing commas cut, as `text.replace(TRAILING_COMMA, "$1")` cuts them, whose
 * match of every string costs a fifth of a bun.lock's reading, cold. A comma before a line break
 * is cut by a regexp that looks at no string; a line with a comma before a bracket on it (Bun
 * writes `"os": [ "linux", "android", ]`) by {@linkcode TRAILING_COMMA}, from the line's start,
 * as a JSON string never spans lines: the same text whenever it is valid JSON after the cuts
 * (when it is not, `toJson` reads the original). A line starting with a comma (a bracket may
 * open on the line before it) is left to the replacement of the whole text.
 */
function withoutTrailingCommas(text: string): string {
  const json = text.replace(TRAILING_COMMA_BEFORE_LINE_BREAK, "");
  const parts: string[] = [];
  let copied = 0;
  TRAILING_COMMA_IN_LINE.lastIndex = 0;
  for (
    let m = TRAILING_COMMA_IN_LINE.exec(json);
    m !== null;
    m = TRAILING_COMMA_IN_LINE.exec(json)
  ) {
    const start = json.lastIndexOf("\n", m.index) + 1;
    const next = json.indexOf("\n", m.index);
    const end = next === -1 ? json.length : next;
    LEADING_COMMA.lastIndex = start;
    if (LEADING_COMMA.test(json)) return text.replace(TRAILING_COMMA, "$1");
    parts.push(json.slice(copied, start), json.slice(start, end).replace(TRAILING_COMMA, "$1"));
    copied = end;
    TRAILING_COMMA_IN_LINE.lastIndex = end;
  }
  if (copied === 0) return json;
  parts.push(json.slice(copied));
  return parts.join("");
}

/** What {@linkcode fastValue} returns when it cannot read the text. */
const UNREAD = Symbol("unread");

/**
 * The value of a JSONC text without comments (as `bun.lock` is written), by native code: its
 * trailing commas cut by a regexp, `JSON.parse` checks the rest, then duplicate keys and lone
 * surrogate escapes are looked for as the JSON readers do. {@linkcode UNREAD} when any of it
 * fails (a comment, a syntax error, such a string): {@linkcode toJson} then gives the reason,
 * or the text. Only a comma after a value is cut, as `toJson` cuts: a text this accepts, it
 * accepts.
 */
function fastValue(text: string): unknown {
  const json = withoutTrailingCommas(text);
  let value: unknown;
  try {
    value = parseJsonText(json);
  } catch {
    return UNREAD;
  }
  return strictnessError(json, value) === undefined ? value : UNREAD;
}

/**
 * Parses a JSONC document (JSON with comments and trailing commas, as
 * `bun.lock` is written) that must be an object. Strict otherwise: a syntax
 * error or a repeated key is a {@linkcode VouchError} naming
 * the file and line.
 *
 * @param text The text.
 * @param file The file's path, for messages.
 * @param code The error code (e.g. `inventory.bun_lock.invalid`).
 * @returns The parsed object.
 */
export function parseJsoncObject(text: string, file: string, code: string): JsonObject {
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let value = fastValue(body);
  if (value === UNREAD) {
    const json = toJson(body);
    if (json instanceof Invalid) {
      const line = lineAt(body, json.offset);
      throw new VouchError(
        code,
        `${file}:${line}: invalid JSONC: ${json.reason}`,
        `fix the syntax at line ${line} of ${file} (or regenerate the file)`,
      );
    }
    value = parseJsonText(json);
  }
  if (!isRecord(value)) {
    throw new VouchError(
      code,
      `${file}:1: expected an object at the top level`,
      `regenerate ${file} with its package manager`,
    );
  }
  return value;
}
