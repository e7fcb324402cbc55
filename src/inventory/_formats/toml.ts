import { VouchError } from "../../errors.ts";
import { NeedsModule } from "../_reader.ts";
import { lineAt } from "./json.ts";
import { isTooManyProperties, MAX_OBJECT_PROPERTIES } from "../../_util.ts";

/** A parsed TOML table. */
export type TomlTable = Record<string, unknown>;

/** Raised inside the fast reader when the text is outside the subset it reads. */
const OUTSIDE = Symbol("outside the fast subset");

// ---------------------------------------------------------------------------
// The fast reader: the TOML that lockfile writers (uv, PEP 751, Poetry, PDM,
// Cargo) emit. One pass over the text: `[table]` and `[[array.of.tables]]`
// headers, `key = value` lines with bare, quoted and dotted keys, basic and
// literal strings on one line, decimal integers, booleans, offset
// date-times, arrays (over several lines, trailing comma) and one-line inline
// tables, comments. Anything else (multi-line strings, floats, other number
// forms, local dates and times, duplicate keys, redefined tables, a header or
// dotted key that would extend a table some other construct made) throws
// OUTSIDE and smol-toml decides, so it also reports every error. Results equal
// smol-toml's (tested); tables inherit nothing, as smol-toml's null-prototype ones.

/** How a table came to be: the only tables a header or a dotted key may extend. */
const IMPLICIT = 1; // a super-table of a header (`a` of `[a.b]`), not yet a header itself
const DEFINED = 2; // a `[header]`, or an element of a `[[header]]`
const DOTTED = 3; // made by a dotted key (`a` of `a.b = 1`)
const TABLE_ARRAY = 4; // the array of a `[[header]]`

/** The deepest nesting of arrays and inline tables the fast reader reads (smol-toml's: 1,000). */
const MAX_DEPTH = 100;

/**
 * An offset date-time as lockfiles write it (`1979-05-27T07:32:00Z`,
 * `…T00:32:00.999999-07:00`); other forms are smol-toml's.
 */
const OFFSET_DATE_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})/y;

/**
 * The prototype of the fast reader's tables: an empty object with no prototype
 * itself, so that a table inherits nothing (no `__proto__`, `constructor` or
 * `toString`), as smol-toml's null-prototype tables do. Not `Object.create(null)`:
 * V8 makes that a dictionary-mode object, several times slower to fill and read;
 * and `new Table()` is made faster than `Object.setPrototypeOf({}, null)` (a
 * uv.lock's thousands of wheel tables took a fifth of its parse that way).
 */
class Table {}
delete (Table.prototype as { constructor?: unknown }).constructor;
Object.setPrototypeOf(Table.prototype, null);

/** A new, empty table that inherits nothing (see {@linkcode Table}). */
function table(): TomlTable {
  return new Table() as TomlTable;
}

/** The bare keys read last, by first character and length (see `FastReader.key`). */
const KEYS: (string | undefined)[] = new Array(128 << 5).fill(undefined);

/**
 * Whether `key` (as long as the key at `at`, with the same first character) is written at `at`
 * of `s`: compared code by code (hot: a short key, for which `startsWith` is slower).
 */
function sameAt(s: string, at: number, key: string): boolean {
  for (let i = key.length - 1; i > 0; i--) {
    if (s.charCodeAt(at + i) !== key.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * The texts of a bare key, its `=` and the spaces around them read last (`url = `), by their
 * first two characters (see `FastReader.knownKeyEquals`), and their keys.
 */
const KEY_EQUALS_TEXTS: (string | undefined)[] = new Array(1 << 14).fill(undefined);
const KEY_EQUALS_KEYS: string[] = new Array(1 << 14).fill("");

/**
 * A text of its own, for the caches above, which outlive the read: V8 keeps a slice of 13
 * characters or more as a view of the whole text it was cut from (a lock's `requires-python = `
 * kept a 40 MB file alive after its read). Shorter slices are copies already.
 */
function own(text: string): string {
  return text.length < 13 ? text : (" " + text).slice(1);
}

/** 1 for the characters of a bare key (`A-Za-z0-9_-`), by code. */
const BARE_KEY = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") {
  BARE_KEY[c.charCodeAt(0)] = 1;
}

function isBareKeyChar(c: number): boolean {
  return BARE_KEY[c] === 1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

class FastReader {
  /** Position in the text. */
  p = 0;
  /** How each table made by a header or a dotted key came to be (inline tables are not here). */
  readonly kinds = new Map<unknown, number>();
  /** The text has no control character but tabs and line feeds (see {@linkcode string}). */
  readonly plain: boolean;
  /** The next line feed and backslash at or after the last string's start (the length: none). */
  lineFeed = -1;
  backslash = -1;

  constructor(
    readonly s: string,
    readonly dates: typeof import("smol-toml").TomlDate | undefined,
  ) {
    this.plain = !CONTROL_CHARACTERS.some((c) => s.includes(c));
  }

  document(): TomlTable {
    const s = this.s;
    const root = table();
    let current = root;
    if (s.charCodeAt(0) === 0xfeff) this.p = 1;
    for (;;) {
      this.skipBlank();
      if (this.p >= s.length) return root;
      if (s.charCodeAt(this.p) === 0x5b) current = this.header(root);
      else this.keyValue(current);
      this.endOfLine();
    }
  }

  /** Skips spaces and tabs. */
  skipSpaces(): void {
    let c = this.s.charCodeAt(this.p);
    while (c === 0x20 || c === 0x09) c = this.s.charCodeAt(++this.p);
  }

  /** Skips spaces, tabs, line ends and comments. */
  skipBlank(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.p);
      if (c === 0x20 || c === 0x09 || c === 0x0a) this.p++;
      else if (c === 0x0d && s.charCodeAt(this.p + 1) === 0x0a) this.p += 2;
      else if (c === 0x23) this.comment();
      else return;
    }
  }

  /** A comment, up to its line end; control characters in it are smol-toml's to report. */
  comment(): void {
    const s = this.s;
    for (let p = this.p + 1;; p++) {
      const c = s.charCodeAt(p);
      if (c >= 0x20 && c !== 0x7f) continue;
      if (c === 0x09) continue;
      if (c === 0x0a || p >= s.length || (c === 0x0d && s.charCodeAt(p + 1) === 0x0a)) {
        this.p = p;
        return;
      }
      throw OUTSIDE;
    }
  }

  /** After a key-value or a header: spaces, an optional comment and a line end (or the end). */
  endOfLine(): void {
    this.skipSpaces();
    const s = this.s;
    if (s.charCodeAt(this.p) === 0x23) this.comment();
    const c = s.charCodeAt(this.p);
    if (c === 0x0a) this.p++;
    else if (c === 0x0d && s.charCodeAt(this.p + 1) === 0x0a) this.p += 2;
    else if (this.p < s.length) throw OUTSIDE;
  }

  /** One key (bare or quoted, not dotted) and the spaces after it. */
  key(): string {
    const s = this.s;
    const c = s.charCodeAt(this.p);
    let key: string;
    if (c === 0x22 || c === 0x27) key = this.string(c);
    else {
      const start = this.p;
      let p = start;
      while (isBareKeyChar(s.charCodeAt(p))) p++;
      const length = p - start;
      if (length === 0) throw OUTSIDE;
      // The same few keys again and again: the string seen last with this first character
      // and length, when it is this one, is already a property name (V8 need not look it up).
      const slot = ((s.charCodeAt(start) & 0x7f) << 5) | (length & 0x1f);
      const seen = KEYS[slot];
      if (seen !== undefined && seen.length === length && sameAt(s, start, seen)) key = seen;
      else key = KEYS[slot] = own(s.slice(start, p));
      this.p = p;
    }
    this.skipSpaces();
    return key;
  }

  /**
   * The key of a bare key, `=` and the spaces around them written as a text read before
   * (hot: the same few keys on every line, compared at once, not scanned), the position after
   * them; `undefined` (the position unchanged) when they are not.
   */
  knownKeyEquals(): string | undefined {
    const s = this.s;
    const slot = ((s.charCodeAt(this.p) & 0x7f) << 7) | (s.charCodeAt(this.p + 1) & 0x7f);
    const text = KEY_EQUALS_TEXTS[slot];
    if (text === undefined || !s.startsWith(text, this.p)) return undefined;
    this.p += text.length;
    this.skipSpaces();
    return KEY_EQUALS_KEYS[slot];
  }

  /**
   * After a key, `=` and the spaces around them read from `start` to here: keeps their text
   * for {@linkcode knownKeyEquals} when the key is bare.
   */
  rememberKeyEquals(start: number, key: string): void {
    const s = this.s;
    const c = s.charCodeAt(start);
    if (!isBareKeyChar(c)) return;
    const slot = ((c & 0x7f) << 7) | (s.charCodeAt(start + 1) & 0x7f);
    KEY_EQUALS_TEXTS[slot] = own(s.slice(start, this.p));
    KEY_EQUALS_KEYS[slot] = own(key);
  }

  /** A `[table]` or `[[array.of.tables]]` header; returns the table its key-values go to. */
  header(root: TomlTable): TomlTable {
    const s = this.s;
    const array = s.charCodeAt(++this.p) === 0x5b;
    if (array) this.p++;
    this.skipSpaces();
    let parent = root;
    let key = this.key();
    while (s.charCodeAt(this.p) === 0x2e) {
      this.p++;
      this.skipSpaces();
      parent = this.superTable(parent, key);
      key = this.key();
    }
    if (s.charCodeAt(this.p++) !== 0x5d) throw OUTSIDE;
    if (array && s.charCodeAt(this.p++) !== 0x5d) throw OUTSIDE;
    const kinds = this.kinds;
    const existing = Object.hasOwn(parent, key) ? parent[key] : undefined;
    if (array) {
      let list = existing as TomlTable[] | undefined;
      if (list === undefined) {
        parent[key] = list = [];
        kinds.set(list, TABLE_ARRAY);
      } else if (kinds.get(list) !== TABLE_ARRAY) throw OUTSIDE;
      const element = table();
      list.push(element);
      kinds.set(element, DEFINED);
      return element;
    }
    if (existing === undefined) {
      const created = table();
      parent[key] = created;
      kinds.set(created, DEFINED);
      return created;
    }
    if (kinds.get(existing) !== IMPLICIT) throw OUTSIDE; // defined twice, or not a header's
    kinds.set(existing, DEFINED);
    return existing as TomlTable;
  }

  /** The table `key` of `parent` that a header goes through: made here, or a header's. */
  superTable(parent: TomlTable, key: string): TomlTable {
    if (!Object.hasOwn(parent, key)) {
      const created = table();
      parent[key] = created;
      this.kinds.set(created, IMPLICIT);
      return created;
    }
    const existing = parent[key];
    const kind = this.kinds.get(existing);
    if (kind === IMPLICIT || kind === DEFINED) return existing as TomlTable;
    if (kind === TABLE_ARRAY) return (existing as TomlTable[]).at(-1)!;
    throw OUTSIDE;
  }

  /** `key = value`, the key dotted or not, into `current`. */
  keyValue(current: TomlTable): void {
    const s = this.s;
    const known = this.knownKeyEquals();
    if (known !== undefined) {
      if (Object.hasOwn(current, known)) throw OUTSIDE;
      current[known] = this.value(0);
      return;
    }
    const start = this.p;
    let target = current;
    let key = this.key();
    while (s.charCodeAt(this.p) === 0x2e) {
      this.p++;
      this.skipSpaces();
      if (!Object.hasOwn(target, key)) {
        const created = table();
        target[key] = created;
        this.kinds.set(created, DOTTED);
        target = created;
      } else {
        const existing = target[key];
        if (this.kinds.get(existing) !== DOTTED) throw OUTSIDE;
        target = existing as TomlTable;
      }
      key = this.key();
    }
    if (s.charCodeAt(this.p) !== 0x3d || Object.hasOwn(target, key)) throw OUTSIDE;
    this.p++;
    this.skipSpaces();
    if (target === current) this.rememberKeyEquals(start, key);
    target[key] = this.value(0);
  }

  value(depth: number): unknown {
    const s = this.s;
    const c = s.charCodeAt(this.p);
    if (c === 0x22 || c === 0x27) return this.string(c);
    if (c === 0x5b) return this.array(depth);
    if (c === 0x7b) return this.inlineTable(depth);
    if (c === 0x74 && s.startsWith("true", this.p)) {
      this.p += 4;
      return true;
    }
    if (c === 0x66 && s.startsWith("false", this.p)) {
      this.p += 5;
      return false;
    }
    if (isDigit(c) && s.charCodeAt(this.p + 4) === 0x2d) return this.date();
    return this.integer();
  }

  /** A decimal integer without underscores (`0`, `42`, `-17`, `+3`), exact as a number. */
  integer(): number {
    const s = this.s;
    const start = this.p;
    let c = s.charCodeAt(start);
    if (c === 0x2b || c === 0x2d) c = s.charCodeAt(++this.p);
    if (c === 0x30) {
      if (this.p !== start) throw OUTSIDE; // `-0` and `+0`: smol-toml's
      this.p++;
      return 0;
    }
    // Summed digit by digit (hot: a file size on every wheel line), no slice to convert; the
    // digit test written out (a call per digit costs in the CLI's interpreter-only V8).
    const digits = this.p;
    let value = 0;
    while (c >= 0x30 && c <= 0x39) {
      value = value * 10 + (c - 0x30);
      c = s.charCodeAt(++this.p);
    }
    // Up to 15 digits are exact; longer ones may not be (smol-toml refuses those).
    if (this.p === digits || this.p - digits > 15) throw OUTSIDE;
    return s.charCodeAt(start) === 0x2d ? -value : value;
  }

  /** An offset date-time, as smol-toml's `TomlDate` (which needs smol-toml loaded). */
  date(): Date {
    OFFSET_DATE_TIME.lastIndex = this.p;
    if (!OFFSET_DATE_TIME.test(this.s)) throw OUTSIDE;
    if (this.dates === undefined) throw OUTSIDE;
    const date = new this.dates(this.s.slice(this.p, OFFSET_DATE_TIME.lastIndex));
    if (Number.isNaN(date.getTime())) throw OUTSIDE;
    this.p = OFFSET_DATE_TIME.lastIndex;
    return date;
  }

  /** A basic (`"`) or literal (`'`) string on one line. */
  string(quote: number): string {
    const s = this.s;
    let p = this.p + 1;
    if (s.charCodeAt(p) === quote && s.charCodeAt(p + 1) === quote) throw OUTSIDE; // multi-line
    // Most strings have no escape, and most texts no control character but line feeds and
    // tabs: the closing quote before the next line feed and backslash ends the string (hot:
    // indexOf, not a loop or a regex over the characters).
    if (this.plain) {
      const end = s.indexOf(quote === 0x22 ? '"' : "'", p);
      if (this.lineFeed < p) this.lineFeed = after(s, "\n", p);
      if (this.backslash < p) this.backslash = after(s, "\\", p);
      if (end !== -1 && end < this.lineFeed && (quote === 0x27 || end < this.backslash)) {
        this.p = end + 1;
        return s.slice(p, end);
      }
    }
    let start = p;
    let out = "";
    for (;;) {
      const c = s.charCodeAt(p);
      if (c >= 0x20) {
        if (c === quote) break;
        if (c === 0x5c && quote === 0x22) {
          out += s.slice(start, p);
          p = this.escape(p);
          out += this.escaped;
          start = p;
          continue;
        }
        if (c === 0x7f) throw OUTSIDE;
      } else if (c !== 0x09) throw OUTSIDE; // a control character, a line end or the end
      p++;
    }
    this.p = p + 1;
    return out === "" ? s.slice(start, p) : out + s.slice(start, p);
  }

  /** The character of the last escape read by {@linkcode escape}. */
  escaped = "";

  /** Reads the escape at `p` (a backslash) into `escaped`; returns the position after it. */
  escape(p: number): number {
    const e = this.s.charCodeAt(p + 1);
    const simple = SIMPLE_ESCAPES.get(e);
    if (simple !== undefined) {
      this.escaped = simple;
      return p + 2;
    }
    const length = e === 0x75 ? 4 : e === 0x55 ? 8 : 0; // \uXXXX, \UXXXXXXXX
    const hex = this.s.slice(p + 2, p + 2 + length);
    if (length === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw OUTSIDE;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw OUTSIDE;
    this.escaped = String.fromCodePoint(code);
    return p + 2 + length;
  }

  /** An array, possibly over several lines, with comments and a trailing comma. */
  array(depth: number): unknown[] {
    if (depth === MAX_DEPTH) throw OUTSIDE;
    this.p++;
    const list: unknown[] = [];
    const s = this.s;
    for (;;) {
      this.skipBlank();
      const first = s.charCodeAt(this.p);
      if (first === 0x5d) break;
      // Hot (a lock's lists of file and dependency tables): a table read without `value`'s
      // dispatch, and a comma right after an item without a call to skip nothing.
      list.push(first === 0x7b ? this.inlineTable(depth + 1) : this.value(depth + 1));
      let c = s.charCodeAt(this.p);
      if (c !== 0x2c) {
        this.skipBlank();
        c = s.charCodeAt(this.p);
      }
      if (c === 0x2c) this.p++;
      else if (c === 0x5d) break;
      else throw OUTSIDE;
    }
    this.p++;
    return list;
  }

  /**
   * A package file's table as a locker writes it on every line of the package's files, read by
   * one regex (hot: read pair by pair, uv's were a third of crewAI's uv.lock's parse in the
   * binary's cold code): uv.lock's `{ url = "…", hash = "…", size = 1, upload-time = "…" }` (the
   * last two optional) and PDM's pylock.toml `{name = "…",url = "…",hashes = {sha256 = "…"}}`
   * (with spaces after the commas too). Else `undefined`, the position unchanged, for
   * {@linkcode inlineTable} to read it pair by pair.
   *
   * @param depth The depth of the table (PDM's holds one more).
   */
  fileTable(depth: number): TomlTable | undefined {
    const s = this.s;
    // Named stores in the order written: the same tables as the pairs would make.
    if (s.charCodeAt(this.p + 1) === 0x20) {
      UV_FILE_TABLE.lastIndex = this.p;
      const match = UV_FILE_TABLE.exec(s);
      if (match === null) return undefined;
      this.p = UV_FILE_TABLE.lastIndex;
      const file = table();
      file.url = match[1];
      file.hash = match[2];
      if (match[3] !== undefined) file.size = Number(match[3]);
      if (match[4] !== undefined) file["upload-time"] = match[4];
      return file;
    }
    if (depth + 1 === MAX_DEPTH) return undefined;
    PDM_FILE_TABLE.lastIndex = this.p;
    const match = PDM_FILE_TABLE.exec(s);
    if (match === null) return undefined;
    this.p = PDM_FILE_TABLE.lastIndex;
    const file = table();
    file.name = match[1];
    file.url = match[3];
    const hashes = table();
    hashes.sha256 = match[4];
    file.hashes = hashes;
    return file;
  }

  /** An inline table on one line (TOML 1.0: no line ends, no trailing comma; no dotted keys here). */
  inlineTable(depth: number): TomlTable {
    if (depth === MAX_DEPTH) throw OUTSIDE;
    const file = this.fileTable(depth);
    if (file !== undefined) return file;
    this.p++;
    const result = table();
    const s = this.s;
    this.skipSpaces();
    if (s.charCodeAt(this.p) === 0x7d) {
      this.p++;
      return result;
    }
    for (;;) {
      let key = this.knownKeyEquals();
      if (key === undefined) {
        const start = this.p;
        key = this.key();
        if (s.charCodeAt(this.p) !== 0x3d) throw OUTSIDE;
        this.p++;
        this.skipSpaces();
        this.rememberKeyEquals(start, key);
      }
      // No prototype: a key is there when its value is (no value is `undefined`).
      if (result[key] !== undefined) throw OUTSIDE;
      result[key] = this.value(depth + 1);
      // The spaces skipped here, not by a call (hot: after every pair).
      let c = s.charCodeAt(this.p);
      while (c === 0x20 || c === 0x09) c = s.charCodeAt(++this.p);
      this.p++;
      if (c === 0x7d) return result;
      if (c !== 0x2c) throw OUTSIDE;
      this.skipSpaces();
    }
  }
}

/**
 * A basic string on one line without escapes or control characters (a tab is none), as
 * {@linkcode FastReader.string} reads one.
 */
const PLAIN_STRING = String.raw`"([^"\\\0-\x08\n-\x1f\x7f]*)"`;

/**
 * uv's file table (see {@linkcode FastReader.fileTable}): its size an integer that
 * {@linkcode FastReader.integer} reads (no sign, no leading zero, up to 15 digits).
 */
const UV_FILE_TABLE = new RegExp(
  String.raw`\{ url = ${PLAIN_STRING}, hash = ${PLAIN_STRING}(?:, size = (0|[1-9][0-9]{0,14}))?` +
    String.raw`(?:, upload-time = ${PLAIN_STRING})? \}`,
  "y",
);

/** PDM's file table (see {@linkcode FastReader.fileTable}): one separator after both commas. */
const PDM_FILE_TABLE = new RegExp(
  String.raw`\{name = ${PLAIN_STRING},( ?)url = ${PLAIN_STRING},\2hashes = \{sha256 = ` +
    String.raw`${PLAIN_STRING}\}\}`,
  "y",
);

/** The control characters that no string holds (a tab may; a line feed ends a line). */
const CONTROL_CHARACTERS = Array.from(
  { length: 0x20 },
  (_, c) => String.fromCharCode(c),
).filter((c) => c !== "\t" && c !== "\n").concat("\x7f");

/** The position of the first `c` at or after `from` in `s`, or its length when there is none. */
function after(s: string, c: string, from: number): number {
  const at = s.indexOf(c, from);
  return at === -1 ? s.length : at;
}

const SIMPLE_ESCAPES = new Map<number, string>([
  [0x62, "\b"],
  [0x74, "\t"],
  [0x6e, "\n"],
  [0x66, "\f"],
  [0x72, "\r"],
  [0x65, "\x1b"],
  [0x22, '"'],
  [0x5c, "\\"],
]);

/**
 * The document read by the fast reader, or `undefined` when it is outside
 * the subset that reader reads.
 *
 * @param text The TOML text.
 * @returns The table, as smol-toml would give it.
 */
export function fastToml(text: string): TomlTable | undefined {
  const reader = new FastReader(text, smol?.TomlDate);
  try {
    return reader.document();
  } catch (error) {
    if (error === OUTSIDE) return undefined;
    // A table of more keys than an object holds: V8's RangeError, where the key was read.
    if (isTooManyProperties(error)) throw new TooManyKeys(reader.p);
    throw error;
  }
}

/** A table of more keys than an object holds, at an offset of the text. */
class TooManyKeys {
  constructor(readonly offset: number) {}
}

// ---------------------------------------------------------------------------

/** smol-toml, once loaded (lockfiles that the fast reader reads never need it). */
let smol: typeof import("smol-toml") | undefined;

/**
 * Loads the full TOML parser (smol-toml) that {@linkcode parseToml} uses for
 * what its fast reader does not read. Until it is loaded, such input throws
 * `NeedsModule`; the inventory loads it and reads again.
 */
export async function loadTomlParser(): Promise<void> {
  smol ??= await import("smol-toml");
}

/**
 * Parses TOML text (v1.0.0); on failure throws a {@linkcode VouchError} with
 * `code` naming the file and line. The TOML lockfile writers emit is read by
 * a fast reader; anything else goes to smol-toml (loaded on demand: see
 * {@linkcode loadTomlParser}), which also reports every error.
 *
 * @param text The TOML source.
 * @param file The file's path, for the message.
 * @param code The error code to use (e.g. `inventory.pyproject.invalid`).
 * @returns The parsed table.
 * @throws {VouchError} `code` with `file:line:column` for invalid TOML.
 * @throws {NeedsModule} when the text needs smol-toml and it is not loaded yet.
 */
export function parseToml(text: string, file: string, code: string): TomlTable {
  const tooMany = (line?: number): VouchError =>
    new VouchError(
      code,
      `${file}${line === undefined ? "" : `:${line}`}: invalid TOML: a table of more than ` +
        `${MAX_OBJECT_PROPERTIES} keys`,
      `fix the TOML${line === undefined ? "" : ` at line ${line}`} of ${file}`,
    );
  let fast: TomlTable | undefined;
  try {
    fast = fastToml(text);
  } catch (error) {
    if (error instanceof TooManyKeys) throw tooMany(lineAt(text, error.offset));
    throw error;
  }
  if (fast !== undefined) return fast;
  if (smol === undefined) throw new NeedsModule("the TOML parser", loadTomlParser);
  try {
    return smol.parse(text) as TomlTable;
  } catch (error) {
    // smol-toml's tables are objects too; its RangeError tells no place.
    if (isTooManyProperties(error)) throw tooMany();
    if (error instanceof smol.TomlError) {
      const first = error.message.split("\n")[0].replace(/^Invalid TOML document: /, "");
      throw new VouchError(
        code,
        `${file}:${error.line}:${error.column}: invalid TOML: ${first}`,
        `fix the TOML syntax at line ${error.line} of ${file}`,
      );
    }
    throw error;
  }
}
