import { VouchError } from "../../errors.ts";
import { lineAt } from "./json.ts";
import { NeedsModule } from "../_reader.ts";
import { isTooManyProperties, MAX_OBJECT_PROPERTIES, withoutTrailing } from "../../_util.ts";

/** A parsed YAML mapping. */
export type YamlMap = Record<string, unknown>;

/** Raised inside the fast reader when a line is outside the subset it reads. */
const OUTSIDE = Symbol("outside the fast subset");

// ---------------------------------------------------------------------------
// The fast reader: the block YAML that lockfile writers (pnpm, Yarn) emit.
// One pass over the lines; anything else (anchors, tags, block or multi-line
// scalars, complex keys, duplicate keys, odd indentation) throws OUTSIDE and
// the full parser below decides. Results equal the `yaml` package's (tested).

// Module constants, not literals in `resolvePlain`: a cold run would make each anew per call.
const INT = /^[-+]?[0-9]+$/;
const OCTAL = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INFINITY = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;
/** Any of the six above: one test for the strings (`10/e3b0…`, `3543d4…`) that are none. */
const NUMBER = new RegExp(
  `^(?:${[INT, OCTAL, HEX, FLOAT, INFINITY, NAN].map((re) => re.source.slice(1, -1)).join("|")})$`,
);

/** Resolves a plain scalar with the YAML 1.2 core schema, as the `yaml` package does. */
function resolvePlain(text: string): unknown {
  if (text.length === 0) return null;
  const c = text.charCodeAt(0);
  // Most lockfile scalars start with another letter: no keyword compared for them.
  if (c === 0x7e || c === 0x6e || c === 0x4e) { // ~ n N
    if (text === "~" || text === "null" || text === "Null" || text === "NULL") return null;
  } else if (c === 0x74 || c === 0x54) { // t T
    if (text === "true" || text === "True" || text === "TRUE") return true;
  } else if (c === 0x66 || c === 0x46) { // f F
    if (text === "false" || text === "False" || text === "FALSE") return false;
  } else if (
    ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) && NUMBER.test(text)
  ) {
    if (INT.test(text)) return Number(text);
    if (OCTAL.test(text)) return parseInt(text.slice(2), 8);
    if (HEX.test(text)) return parseInt(text.slice(2), 16);
    if (FLOAT.test(text)) return parseFloat(text);
    if (INFINITY.test(text)) return text[0] === "-" ? -Infinity : Infinity;
    if (NAN.test(text)) return NaN;
  }
  return text;
}

/** The deepest flow-collection nesting the fast reader reads (as XML: 256 levels). */
const MAX_FLOW_DEPTH = 256;

/**
 * The deepest nesting given to the full parser: it recurses per level (a stack overflow, an
 * internal error, from some 800 levels) and takes some 10 µs a level (a line of 1 Mi `[` took
 * 11 s). No lockfile nests past ten.
 */
const MAX_DEPTH = 512;

// The reader compares char codes, not one-character strings: without an optimizing
// compiler (the binary runs without one), a string compare or `s[i]` is a generic call.
const SPACE = 0x20;
const TAB = 0x09;
const HASH = 0x23;
const DASH = 0x2d;
const DOT = 0x2e;
const QUESTION = 0x3f;
const COLON = 0x3a;
const COMMA = 0x2c;
const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The characters that cannot start a plain scalar, by code. */
const INDICATOR = new Uint8Array(128);
for (const c of "-?:,[]{}#&*!|>'\"%@`") INDICATOR[c.charCodeAt(0)] = 1;

/** Whether a char code (`NaN` past the end) cannot start a plain scalar. */
function isIndicator(c: number): boolean {
  return INDICATOR[c] === 1;
}

/**
 * Whether an indicator (`-`, `?`, `:`) followed by the char code `next` (`NaN` past the end)
 * starts a plain scalar after all.
 */
function isPlainSafe(next: number): boolean {
  return next === next && next !== SPACE && next !== TAB && next !== COMMA &&
    next !== OPEN_BRACKET && next !== CLOSE_BRACKET && next !== OPEN_BRACE &&
    next !== CLOSE_BRACE;
}

class LineReader {
  /** Position in the current line. */
  i = 0;
  /** The current line. */
  s = "";
  /** How many flow collections are open. */
  depth = 0;

  /** Skips spaces; returns true when the rest is empty or a comment. */
  restIsEmpty(): boolean {
    while (this.s.charCodeAt(this.i) === SPACE) this.i++;
    if (this.i >= this.s.length) return true;
    // A comment must follow whitespace (or start the text).
    return this.s.charCodeAt(this.i) === HASH &&
      (this.i === 0 || this.s.charCodeAt(this.i - 1) === SPACE);
  }

  /** A quoted scalar starting at `i`, ending on this line. */
  quoted(): string {
    const single = this.s.charCodeAt(this.i) === SINGLE_QUOTE;
    let out = "";
    let j = this.i + 1;
    for (;;) {
      const k = this.s.indexOf(single ? "'" : '"', j);
      const slash = single ? -1 : this.s.indexOf("\\", j);
      if (slash !== -1 && (k === -1 || slash < k)) {
        out += this.s.slice(j, slash) + unescape(this.s, slash);
        const e = this.s.charCodeAt(slash + 1);
        j = slash + (e === 0x75 ? 6 : e === 0x78 ? 4 : 2); // \u, \x
        continue;
      }
      if (k === -1) throw OUTSIDE; // multi-line or unterminated
      out += this.s.slice(j, k);
      if (single && this.s.charCodeAt(k + 1) === SINGLE_QUOTE) {
        out += "'";
        j = k + 2;
        continue;
      }
      this.i = k + 1;
      return out;
    }
  }

  /** A plain scalar in block context, to the end of the line or a comment. */
  blockPlain(): unknown {
    const start = this.i;
    const c = this.s.charCodeAt(start);
    if (
      isIndicator(c) &&
      !((c === DASH || c === QUESTION || c === COLON) && isPlainSafe(this.s.charCodeAt(start + 1)))
    ) {
      throw OUTSIDE;
    }
    let end = this.s.indexOf(" #", start);
    if (end === -1) end = this.s.length;
    // Spaces only: YAML's white space is space and tab (a no-break space ends a value).
    const text = withoutTrailing(this.s.slice(start, end), " ");
    if (text.includes(": ") || text.endsWith(":") || text.includes("\t")) throw OUTSIDE;
    this.i = this.s.length;
    return resolvePlain(text);
  }

  /**
   * A flow collection (`{…}` or `[…]`) on this line; deeper nesting than
   * {@linkcode MAX_FLOW_DEPTH} is left to the full parser (no recursion without bound).
   */
  flow(): unknown {
    if (this.depth === MAX_FLOW_DEPTH) throw OUTSIDE;
    this.depth++;
    const value = this.flowCollection();
    this.depth--;
    return value;
  }

  flowCollection(): unknown {
    const brace = this.s.charCodeAt(this.i++) === OPEN_BRACE;
    const close = brace ? CLOSE_BRACE : CLOSE_BRACKET;
    const map: YamlMap | undefined = brace ? {} : undefined;
    const list: unknown[] = [];
    for (;;) {
      this.skipSpaces();
      if (this.s.charCodeAt(this.i) === close) {
        this.i++;
        return map ?? list;
      }
      const item = this.flowScalarOrCollection(map !== undefined);
      this.skipSpaces();
      if (map !== undefined) {
        if (this.s.charCodeAt(this.i) !== COLON) throw OUTSIDE;
        this.i++;
        this.skipSpaces();
        const after = this.s.charCodeAt(this.i);
        const value = after === COMMA || after === CLOSE_BRACE
          ? null
          : this.flowScalarOrCollection(false);
        setKey(map, item, value);
        this.skipSpaces();
      } else {
        // A single-pair mapping in a sequence.
        if (this.s.charCodeAt(this.i) === COLON) throw OUTSIDE;
        list.push(item);
      }
      const next = this.s.charCodeAt(this.i);
      if (next === COMMA) this.i++;
      else if (next !== close) throw OUTSIDE;
    }
  }

  skipSpaces(): void {
    while (this.s.charCodeAt(this.i) === SPACE) this.i++;
  }

  flowScalarOrCollection(isKey: boolean): unknown {
    const c = this.s.charCodeAt(this.i);
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (isKey) throw OUTSIDE;
      return this.flow();
    }
    if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) return this.quoted();
    if (
      c !== c || // the end of the line
      (isIndicator(c) &&
        !((c === DASH || c === QUESTION || c === COLON) &&
          isPlainSafe(this.s.charCodeAt(this.i + 1))))
    ) {
      throw OUTSIDE;
    }
    const start = this.i;
    // Char codes: `, [ ] { }` end it, as does `:` before a space, `,`, `]`, `}` or the end.
    for (; this.i < this.s.length; this.i++) {
      const ch = this.s.charCodeAt(this.i);
      if (ch === 0x2c || ch === 0x5b || ch === 0x5d || ch === 0x7b || ch === 0x7d) break;
      if (ch === 0x3a) {
        const next = this.s.charCodeAt(this.i + 1); // NaN at the end
        if (next !== next || next === 0x20 || next === 0x2c || next === 0x5d || next === 0x7d) {
          break;
        }
      }
      if (ch === 0x23 && this.s.charCodeAt(this.i - 1) === 0x20) throw OUTSIDE;
    }
    const text = withoutTrailing(this.s.slice(start, this.i), " ");
    if (text === "" || text.includes("\t")) throw OUTSIDE;
    return resolvePlain(text);
  }
}

const ESCAPES: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\x85",
  _: "\xa0",
};

function unescape(s: string, slash: number): string {
  const e = s[slash + 1];
  if (e === "u" || e === "x") {
    const hex = s.slice(slash + 2, slash + (e === "u" ? 6 : 4));
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== (e === "u" ? 4 : 2)) throw OUTSIDE;
    const code = parseInt(hex, 16);
    if (code >= 0xd800 && code <= 0xdfff) throw OUTSIDE; // surrogate pairs: leave to the full parser
    return String.fromCharCode(code);
  }
  if (e === undefined || !Object.hasOwn(ESCAPES, e)) throw OUTSIDE;
  return ESCAPES[e];
}

/**
 * A key a mapping can take and does not have yet, stringified as the `yaml` package's `toJS`
 * stringifies keys.
 */
function newKey(map: YamlMap, key: unknown): string {
  if (key === null || typeof key === "object") throw OUTSIDE;
  const name = String(key);
  if (name === "__proto__" || Object.hasOwn(map, name)) throw OUTSIDE;
  return name;
}

/** Sets a mapping key the way the `yaml` package's `toJS` does. */
function setKey(map: YamlMap, key: unknown, value: unknown): void {
  map[newKey(map, key)] = value;
}

/** A mapping of more keys than an object holds, at a line (1-based). */
class TooManyKeys {
  constructor(readonly line: number) {}
}

// Parts of `SIMPLE_LINE`. A plain scalar that `resolvePlain` would return as it is: a first
// letter that starts no keyword (`n` before `u`, `t` before `r`, `f` before `a`), `_`, `/` or
// one of `^<=$(`, a version (two dots make no number) or digits and dots before a `/` (a Berry
// checksum, `10/3543d4…`, or a path, `./bin.js`: no number has one); the rest may be anything.
const SAFE_START = String
  .raw`(?:[A-EG-MO-SU-Za-eg-mo-su-z_/^<=$(]|[nN](?![uU])|[tT](?![rR])|[fF](?![aA]))`;
const PLAIN_KEY_REST = String.raw`[^\s:#"']*`;
/** The rest of a plain value: no white space, not ending with `:` (`a: b:` is no simple line). */
const PLAIN_VALUE_REST = String.raw`(?:\S*[^\s:])?`;
const FLOW_PLAIN = String.raw`[\w./~^<=+$(][^\s:#,[\]{}]*`;

/**
 * The most common lines of a lock, each told by one native match instead of the general line code:
 * `key:` or `key: value` at some indentation, nothing after it, with the empty lines before it (no
 * call of its own for each; a marker line, where a document ends, is no simple line). The key is
 * double-quoted, single-quoted or plain (a letter, `_` or `/`, then no white space, `:`, `#` or
 * quote); the value double-quoted without escapes, single-quoted without a doubled quote, plain
 * without white space (a letter, digit or one of `_./~^<=+$(` first: no indicator) not ending with
 * `:`, `{}`, `[]`, a flow mapping of one such plain key and a single-quoted or plain value
 * (`{node: '>=14'}`) or a flow sequence of one plain value (`[x64]`), plain values in flow ending
 * at any of `:#,[]{}`. Each is read as the general code reads it (see `fastDocument`); any other
 * line goes to that code. The groups hand over the indentation, the key and the value by kind, as
 * native substrings: a per-character loop or a slice per part cost more than the match array (cold,
 * measured). No nested quantifier: the match is linear in the line.
 *
 * Groups: 1 indentation; key 2 double-quoted, 3 single-quoted, 4 plain as it is, 5 plain to
 * resolve; value 6 double-quoted, 7 single-quoted, 8 plain as it is, 9 plain to resolve, 10 in
 * flow (few: one group, which keeps the match array of every line short); no value group: the
 * value is on the lines below.
 */
const SIMPLE_LINE = new RegExp(
  String.raw`\n*( *)(?:"([^"\\\n\r]*)"|'([^'\n\r]*)'|(${SAFE_START}${PLAIN_KEY_REST})|` +
    String.raw`([A-Za-z_/]${PLAIN_KEY_REST})):(?: (?:"([^"\\\n\r]*)"|'([^'\n\r]*)'|` +
    String.raw`(${SAFE_START}${PLAIN_VALUE_REST}|[0-9]+\.[0-9]+\.${PLAIN_VALUE_REST}|` +
    String.raw`[0-9.]+/${PLAIN_VALUE_REST})|` +
    String.raw`([\w./~^<=+$(]${PLAIN_VALUE_REST})|(\{\}|\[\]|` +
    String.raw`\{[A-Za-z_/][^\s:#"',[\]{}]*: (?:'[^'\n\r]*'|${FLOW_PLAIN})\}|` +
    String.raw`\[${FLOW_PLAIN}\])))?\r?(?:\n|$)`,
  "y",
);

/** The value of a line {@linkcode SIMPLE_LINE} matched, from group 9 or 10 (see there). */
function simpleValue(match: RegExpExecArray): unknown {
  const plain = match[9];
  if (plain !== undefined) return resolvePlain(plain);
  const flow = match[10];
  if (flow.length === 2) return flow === "{}" ? {} : [];
  if (flow.charCodeAt(0) === OPEN_BRACKET) return [resolvePlain(flow.slice(1, -1))];
  const map: YamlMap = {};
  const colon = flow.indexOf(":");
  const at = colon + 2; // the value's start, after `: `
  setKey(
    map,
    resolvePlain(flow.slice(1, colon)),
    flow.charCodeAt(at) === SINGLE_QUOTE
      ? flow.slice(at + 1, -2)
      : resolvePlain(flow.slice(at, -1)),
  );
  return map;
}

/** A plain key of group 5 of {@linkcode SIMPLE_LINE}, stringified as `setKey` does. */
function plainKey(text: string): string {
  const key = resolvePlain(text);
  if (key === null) throw OUTSIDE;
  return String(key);
}

/**
 * Reads one document, the lines from offset `from` up to offset `to` (the end of the text or the
 * start of a line) of `text`, the first being line `firstLine` (0-based); `endLine` is the line
 * at `to` (`undefined`: the text's last line + 1), where a mapping of too many keys closed at the
 * end is reported. `undefined` for an empty document.
 */
function fastDocument(
  text: string,
  from: number,
  to: number,
  firstLine: number,
  endLine: number | undefined,
): unknown {
  // The open collections, outermost first: indentation, and mapping or sequence (the other is
  // `undefined`). The innermost, at `depth` (-1 before the root), is in locals: read on every
  // line, they cost less there than as properties of a frame object (cold, measured).
  const indents: number[] = [];
  const maps: (YamlMap | undefined)[] = [];
  const lists: (unknown[] | undefined)[] = [];
  let depth = -1;
  let topIndent = 0;
  let topMap: YamlMap | undefined;
  let topList: unknown[] | undefined;
  // The key whose value is on the lines below (its map, key and indentation), if any: checked as
  // `newKey` checks when its line was read, stored as it is (nothing else goes into its map before).
  let pendingMap: YamlMap | undefined;
  let pendingKey = "";
  let pendingIndent = 0;
  let root: unknown = null;
  const reader = new LineReader();
  // Where the line being read starts (-1: past the last line), for the line of a mapping of too
  // many keys, counted only then: empty lines before a simple line are part of its match.
  let lineStart = from;
  try {
    for (let pos = from; pos < to;) {
      lineStart = pos;
      SIMPLE_LINE.lastIndex = pos;
      const simple = SIMPLE_LINE.exec(text);
      let line = "";
      let indent: number;
      let c = 0;
      let isItem = false;
      if (simple !== null) {
        indent = simple[1].length;
        pos = SIMPLE_LINE.lastIndex;
      } else {
        if (text.charCodeAt(pos) === NEWLINE) {
          // Empty lines before a line the regexp does not match: all skipped at once, for it
          // scanned them (one at a time, it would scan the rest of a long run again for each).
          while (text.charCodeAt(pos) === NEWLINE) pos++;
          continue;
        }
        const lineEnd = text.indexOf("\n", pos);
        line = text.slice(pos, lineEnd === -1 ? text.length : lineEnd);
        pos = lineEnd === -1 ? text.length : lineEnd + 1;
        if (line.charCodeAt(line.length - 1) === 0x0d) line = line.slice(0, -1); // CR
        indent = 0;
        while (line.charCodeAt(indent) === SPACE) indent++;
        if (indent === line.length) continue;
        c = line.charCodeAt(indent);
        if (c === HASH) continue;
        if (c === TAB) throw OUTSIDE;
        // A document marker (`---`, `...`) ends the document: another reading (see fastDocuments).
        if (indent === 0 && (c === DASH || c === DOT) && isMarker(line)) throw OUTSIDE;
        isItem = c === DASH &&
          (line.length === indent + 1 || line.charCodeAt(indent + 1) === SPACE);
      }
      let opens = false;
      if (depth === -1) {
        if (indent !== 0) throw OUTSIDE;
        opens = true;
      } else if (pendingMap !== undefined) {
        opens = indent > pendingIndent || (indent === pendingIndent && isItem);
        if (!opens) pendingMap[pendingKey] = null;
      }
      if (opens) {
        topIndent = indent;
        topList = isItem ? [] : undefined;
        topMap = isItem ? undefined : {};
        if (pendingMap === undefined) root = topList ?? topMap;
        else pendingMap[pendingKey] = topList ?? topMap;
        depth++;
        indents[depth] = topIndent;
        maps[depth] = topMap;
        lists[depth] = topList;
      }
      pendingMap = undefined;
      // Most lines go on the collection of the line before: none to close.
      if (topIndent !== indent || (topList !== undefined && !isItem)) {
        while (topIndent > indent || (topIndent === indent && topList !== undefined && !isItem)) {
          if (depth === 0) throw OUTSIDE; // a second root node
          depth--;
          topIndent = indents[depth];
          topMap = maps[depth];
          topList = lists[depth];
        }
        if (topIndent !== indent) throw OUTSIDE;
      }
      if (simple !== null) {
        const map = topMap;
        if (map === undefined) throw OUTSIDE;
        // One key group and at most one value group is set: the most common are read first.
        const key = simple[4] ?? simple[2] ?? simple[3] ?? plainKey(simple[5]);
        // `newKey`'s check, inline (a string key needs no more).
        if (key === "__proto__" || Object.hasOwn(map, key)) throw OUTSIDE;
        const value = simple[6] ?? simple[8] ?? simple[7];
        if (value !== undefined) map[key] = value;
        else if ((simple[9] ?? simple[10]) !== undefined) map[key] = simpleValue(simple);
        else {
          pendingKey = key;
          pendingMap = map;
          pendingIndent = indent;
        }
        continue;
      }
      reader.s = line;
      reader.i = indent;
      if (isItem) {
        if (!topList) throw OUTSIDE;
        reader.i = indent + 1;
        if (reader.restIsEmpty()) throw OUTSIDE; // nested block under `-`
        topList.push(blockValue(reader, true));
        continue;
      }
      if (!topMap) throw OUTSIDE;
      let key: unknown;
      if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) key = reader.quoted();
      else {
        if (
          c === QUESTION ||
          (isIndicator(c) &&
            !((c === DASH || c === COLON) && isPlainSafe(line.charCodeAt(indent + 1))))
        ) {
          throw OUTSIDE;
        }
        let colon = line.indexOf(": ", indent);
        if (colon === -1 && line.endsWith(":")) colon = line.length - 1;
        if (colon === -1) throw OUTSIDE;
        const text = line.slice(indent, colon);
        if (text.includes(" #") || text.endsWith(" ") || text.includes("\t")) throw OUTSIDE;
        key = resolvePlain(text);
        reader.i = colon;
      }
      if (line.charCodeAt(reader.i) !== COLON) throw OUTSIDE;
      reader.i++;
      if (reader.i < line.length && line.charCodeAt(reader.i) !== SPACE) throw OUTSIDE;
      if (reader.restIsEmpty()) {
        pendingKey = newKey(topMap, key);
        pendingMap = topMap;
        pendingIndent = indent;
        continue;
      }
      setKey(topMap, key, blockValue(reader, false));
    }
    lineStart = -1;
    if (pendingMap !== undefined) pendingMap[pendingKey] = null;
  } catch (error) {
    // A mapping of more keys than an object holds: V8's RangeError, at the line that adds one
    // (the document's last, `endLine`, when its last key closes it).
    if (!isTooManyProperties(error)) throw error;
    if (lineStart === -1) throw new TooManyKeys(endLine ?? text.split("\n").length);
    while (text.charCodeAt(lineStart) === NEWLINE) lineStart++;
    throw new TooManyKeys(firstLine + text.slice(from, lineStart).split("\n").length);
  }
  return depth === -1 ? undefined : root;
}

/** The value after `key: ` or `- `, which must end on its line. */
function blockValue(reader: LineReader, inList: boolean): unknown {
  const c = reader.s.charCodeAt(reader.i);
  let value: unknown;
  if (c === SINGLE_QUOTE || c === DOUBLE_QUOTE) value = reader.quoted();
  else if (c === OPEN_BRACE || c === OPEN_BRACKET) value = reader.flow();
  else {
    if (inList && c === DASH && reader.s.charCodeAt(reader.i + 1) === SPACE) throw OUTSIDE;
    return reader.blockPlain();
  }
  if (!reader.restIsEmpty()) throw OUTSIDE;
  return value;
}

/**
 * Whether a line starts with a document marker or a directive (`---`, `...`,
 * `%`): three `indexOf` scans, which are faster than one multi-line regex.
 */
function hasMarkers(text: string): boolean {
  return text.startsWith("---") || text.startsWith("...") || text.startsWith("%") ||
    text.includes("\n---") || text.includes("\n...") || text.includes("\n%");
}

/** Whether a line is a document marker: `---` or `...` alone, or before a space or tab. */
function isMarker(line: string): boolean {
  const c = line.charCodeAt(0);
  return line.charCodeAt(1) === c && line.charCodeAt(2) === c && isBlank(line.charCodeAt(3));
}

/** Every document of `text` read by the fast reader, or `undefined` when it cannot. */
function fastDocuments(text: string): unknown[] | undefined {
  // Most files are one document without markers or directives: read as one (a marker line or
  // a directive is outside what that reads), no search of the text for markers first.
  try {
    const doc = fastDocument(text, 0, text.length, 0, undefined);
    return doc === undefined ? [] : [doc];
  } catch (error) {
    if (error !== OUTSIDE) throw error;
  }
  if (!hasMarkers(text)) return undefined;
  const lines = text.split("\n");
  const docs: unknown[] = [];
  let start = 0;
  let startAt = 0; // the offset of line `start`
  let at = 0; // the offset of line `n`
  let explicit = false; // the current document began with `---`
  try {
    for (let n = 0; n <= lines.length; at += n < lines.length ? lines[n].length + 1 : 0, n++) {
      const line = n < lines.length ? lines[n] : "...";
      if (line.startsWith("%")) return undefined;
      const marker = line.startsWith("---") ? "---" : line.startsWith("...") ? "..." : undefined;
      if (marker === undefined) continue;
      if (!/^(?: +(?:#.*)?)?\r?$/.test(line.slice(3))) return undefined;
      const doc = fastDocument(text, startAt, Math.min(at, text.length), start, n);
      if (doc !== undefined || explicit) docs.push(doc ?? null);
      explicit = marker === "---";
      start = n + 1;
      startAt = at + line.length + 1;
    }
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    throw error;
  }
  return docs;
}

// ---------------------------------------------------------------------------

/** Whether the char code (`NaN` past the end) is white space or ends the text. */
function isBlank(c: number): boolean {
  return c !== c || c === SPACE || c === TAB || c === NEWLINE || c === 0x0d;
}

/**
 * The line where the text nests deeper than {@linkcode MAX_DEPTH} levels, or `undefined`:
 * block levels (each deeper indentation, each compact entry `- `/`? ` on a line) plus open flow
 * collections. One pass that tells where a node may start (a `[` inside a plain scalar opens
 * nothing) and skips quoted scalars and comments.
 */
function tooDeepAt(text: string): number | undefined {
  const indents: number[] = [];
  let line = 1;
  let lineStart = 0;
  let first = true;
  let flow = 0;
  let block = 0;
  let nodeStart = true;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      line++;
      lineStart = i + 1;
      first = quote === 0;
      block = 0;
      nodeStart = quote === 0 || nodeStart;
      continue;
    }
    if (quote !== 0) {
      if (c === BACKSLASH && quote === DOUBLE_QUOTE && text.charCodeAt(i + 1) !== NEWLINE) i++;
      else if (c === quote && quote === SINGLE_QUOTE && text.charCodeAt(i + 1) === SINGLE_QUOTE) {
        i++;
      } else if (c === quote) quote = 0;
      continue;
    }
    if (c === SPACE || c === TAB) continue;
    if (c === HASH && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
      const end = text.indexOf("\n", i);
      i = (end === -1 ? text.length : end) - 1;
      continue;
    }
    if (first && flow === 0 && c !== 0x0d) {
      // The first text of a line in block context: its indentation opens or closes levels.
      const column = i - lineStart;
      while (indents.length > 0 && indents[indents.length - 1] > column) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1] < column) indents.push(column);
    }
    first = false;
    const next = text.charCodeAt(i + 1);
    if (nodeStart && (c === OPEN_BRACKET || c === OPEN_BRACE)) flow++;
    else if (nodeStart && (c === DOUBLE_QUOTE || c === SINGLE_QUOTE)) quote = c;
    else if (nodeStart && flow === 0 && (c === DASH || c === QUESTION) && isBlank(next)) block++;
    else if ((c === CLOSE_BRACKET || c === CLOSE_BRACE) && flow > 0) flow--;
    else if (c === COMMA && flow > 0) nodeStart = true;
    else if (c === COLON && (isBlank(next) || flow > 0)) nodeStart = true;
    else nodeStart = false;
    if (indents.length + flow + block > MAX_DEPTH) return line;
    if (c === CLOSE_BRACKET || c === CLOSE_BRACE || quote !== 0) nodeStart = false;
  }
  return undefined;
}

/** The `yaml` package, once loaded (most lockfiles never need it). */
let yaml: typeof import("yaml") | undefined;

/**
 * Loads the full YAML parser (the `yaml` package) that
 * {@linkcode parseYamlDocuments} uses for what its fast reader does not read.
 * Until it is loaded, such input throws `NeedsModule`; the inventory loads it
 * and reads again.
 */
export async function loadYamlParser(): Promise<void> {
  yaml ??= await import("yaml");
}

/**
 * Parses every document of a YAML stream (YAML 1.2, core schema); duplicate
 * keys are errors. The block style that lockfile writers emit is read by a
 * fast line reader; anything else goes to the `yaml` package (loaded on
 * demand: see {@linkcode loadYamlParser}), which also reports every error.
 *
 * @param input The YAML text.
 * @param file The file's path, for messages.
 * @param code The error code (e.g. `inventory.pnpm_lock.invalid`).
 * @returns The documents' values (an empty stream gives `[]`).
 * @throws {VouchError} `code` with `file:line` for invalid YAML.
 * @throws {NeedsModule} when the input needs the `yaml` package and it is not loaded yet.
 */
export function parseYamlDocuments(input: string, file: string, code: string): unknown[] {
  // A CR alone is a line break in YAML (1.2, 5.4), as CRLF and LF are; the `yaml` package
  // reads only the last two. One LF per CR keeps every line number.
  const text = input.includes("\r") && /\r(?!\n)/.test(input)
    ? input.replace(/\r\n?/g, "\n")
    : input;
  let fast: unknown[] | undefined;
  try {
    fast = fastDocuments(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    if (!(error instanceof TooManyKeys)) throw error;
    throw tooManyKeys(file, code, error.line);
  }
  if (fast !== undefined) return fast;
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    throw new VouchError(
      code,
      `${file}:${deep}: invalid YAML: collections nested deeper than ${MAX_DEPTH} levels`,
      `fix the YAML at line ${deep} of ${file} (or regenerate the file)`,
    );
  }
  if (yaml === undefined) throw new NeedsModule("the YAML parser", loadYamlParser);
  // Not `prettyErrors`: it writes every error's context out, a scan of the text each (65,536
  // errors in a lock took 14 s); the first error's line is all a message needs.
  // `logLevel: "error"`: the package's warnings (a key that is a collection, `? [a]: 1`, which
  // it stringifies, as js-yaml does for Yarn and pnpm) went to stderr as Node's process warnings.
  const docs = yaml.parseAllDocuments(text, {
    uniqueKeys: true,
    strict: true,
    prettyErrors: false,
    logLevel: "error",
  });
  const list = Array.isArray(docs) ? docs : [];
  for (const doc of list) {
    // An implicit key over 1,024 characters breaks a limit of YAML 1.2 (7.4.2) that js-yaml, the
    // parser pnpm and Yarn read their locks with, does not apply: a long Berry key of many
    // descriptors is valid there. The `yaml` package reports it, and reads the key whole.
    const error = doc.errors.find((e) => e.code !== "KEY_OVER_1024_CHARS");
    if (error === undefined) continue;
    const line = lineAt(text, error.pos[0]);
    const reason = error.code === "DUPLICATE_KEY"
      ? "a mapping has the same key twice"
      : error.message.split("\n")[0];
    throw new VouchError(
      code,
      `${file}:${line}: invalid YAML: ${reason}`,
      `fix the YAML at line ${line} of ${file} (or regenerate the file)`,
    );
  }
  return list.map((doc) => {
    try {
      return doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      if (isTooManyProperties(error)) throw tooManyKeys(file, code, lineAt(text, doc.range[0]));
      // An alias to no anchor before it, or anchors that expand to more nodes than the text
      // holds (a "billion laughs"): the `yaml` package throws a ReferenceError, without a place.
      if (!(error instanceof ReferenceError)) throw error;
      const line = lineAt(text, failingAlias(doc) ?? doc.range[0]);
      throw new VouchError(
        code,
        `${file}:${line}: invalid YAML: ${error.message.split("\n")[0]}`,
        `fix the YAML at line ${line} of ${file} (or regenerate the file)`,
      );
    }
  });
}

/** The error for a mapping of more keys than a JavaScript object holds. */
function tooManyKeys(file: string, code: string, line: number): VouchError {
  return new VouchError(
    code,
    `${file}:${line}: invalid YAML: a mapping of more than ${MAX_OBJECT_PROPERTIES} keys`,
    `fix the YAML at line ${line} of ${file} (or regenerate the file)`,
  );
}

/**
 * The offset of the alias that fails: the first to an anchor not set before it (in the text's
 * order), else the document's first alias (an alias bomb), if any.
 */
function failingAlias(doc: import("yaml").Document): number | undefined {
  const anchors = new Set<string>();
  let first: number | undefined;
  let unresolved: number | undefined;
  yaml!.visit(doc, {
    Node(_, node): symbol | undefined {
      if (yaml!.isAlias(node)) {
        first ??= node.range?.[0];
        if (!anchors.has(node.source)) {
          unresolved = node.range?.[0];
          return yaml!.visit.BREAK;
        }
      } else if (node.anchor !== undefined) anchors.add(node.anchor);
      return undefined;
    },
  });
  return unresolved ?? first;
}
