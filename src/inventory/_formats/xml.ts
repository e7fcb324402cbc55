/**
 * A small, safe XML 1.0 parser for build files (pom.xml, *.csproj,
 * verification-metadata.xml): elements, attributes, text, CDATA, comments,
 * processing instructions, the XML declaration, the predefined and numeric
 * character references. Namespaces are not resolved: names keep their prefix
 * as written (`m:project`); {@linkcode localName} drops it.
 *
 * Safe by construction: no entity is ever defined or expanded besides the
 * five predefined ones and character references (no XXE, no "billion
 * laughs"); a DOCTYPE with an internal subset is refused and an external one
 * is skipped, never fetched; nesting is bounded. Every well-formedness error
 * is a {@linkcode VouchError} with the caller's code and `file:line:column`.
 *
 * @module
 */
import { VouchError } from "../../errors.ts";
import { countBelow } from "../../_util.ts";

/** An element: its name as written, attributes, children and where it starts. */
export interface XmlElement {
  /** The qualified name as written, e.g. `project` or `m:project`. */
  name: string;
  /** Attributes by qualified name (a null-prototype object), values with references decoded. */
  attributes: Record<string, string>;
  /** Child elements and text (text and CDATA merged; comments and PIs dropped). */
  children: (XmlElement | string)[];
  /** Offset of the element's `<` in the text (see {@linkcode lineColumn}). */
  offset: number;
}

/** A parsed document. */
export interface XmlDocument {
  /** The root element. */
  root: XmlElement;
  /** The `encoding` of the XML declaration, when there is one. */
  encoding?: string;
}

/** Options of {@linkcode parseXml}. */
export interface ParseXmlOptions {
  /** Deepest element nesting accepted (default 256). */
  maxDepth?: number;
}

const PREDEFINED: Record<string, string> = {
  lt: "<",
  gt: ">",
  amp: "&",
  apos: "'",
  quot: '"',
};
// An approximation of XML's Name production that accepts every real name.
const NAME = /[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]*/y;
// Characters XML 1.0 forbids anywhere in a document.
// deno-lint-ignore no-control-regex
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const REFERENCE = /&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_:][-A-Za-z0-9_:.]*);/y;

/**
 * The 1-based line and column of an offset.
 *
 * @param text The text.
 * @param offset A character offset into `text`.
 * @returns Line and column (columns count UTF-16 code units).
 */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  if (lineStarts?.text !== text) {
    const starts = [0];
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    lineStarts = { text, starts };
  }
  const { starts } = lineStarts;
  // The line is the number of line starts at or before the offset (the first is 0).
  const line = countBelow(starts, offset + 1);
  return { line, column: offset - starts[line - 1] + 1 };
}

/**
 * Where the lines of the text last asked about start: a reader asks for the line of one element
 * after another (each `<Import>` of an MSBuild file); counting the lines up to each one took
 * time growing with the square of their number (20,000 imports: 17 s).
 */
let lineStarts: { text: string; starts: number[] } | undefined;

/**
 * The name without its namespace prefix (`m:project` → `project`).
 *
 * @param name A qualified name.
 * @returns The local part.
 */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

/**
 * The child elements of an element, optionally only those with a local name.
 *
 * @param element The parent.
 * @param name A local name to keep.
 * @returns The children, in document order.
 */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== "string" && (name === undefined || localName(child.name) === name)) {
      out.push(child);
    }
  }
  return out;
}

/**
 * The text of an element: its text children joined, surrounding whitespace trimmed.
 *
 * @param element The element.
 * @returns The text (`""` when there is none).
 */
export function textOf(element: XmlElement): string {
  let text = "";
  for (const child of element.children) if (typeof child === "string") text += child;
  return text.trim();
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** ASCII letters, `_` and `:`. */
function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

/** ASCII digits, `-` and `.`. */
function isNameRest(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

/** The index in `raw` of index `i` of `raw` with its CR LF / CR line ends turned into LF. */
function rawIndex(raw: string, i: number): number {
  let r = 0;
  for (let n = 0; n < i; n++, r++) if (raw[r] === "\r" && raw[r + 1] === "\n") r++;
  return r;
}

/**
 * The most elements and attributes a document may hold, together: a parsed element takes some
 * 400 bytes, and 9.5 million (a 207 MB pom.xml of empty properties) ran the heap out (a crash,
 * not an error); one object holds at most 8,388,607 attributes (a RangeError past). Real build
 * files hold thousands (a large verification-metadata.xml, some 100,000).
 */
export const MAX_XML_NODES = 2_000_000;

class Parser {
  readonly text: string;
  readonly path: string;
  readonly code: string;
  readonly maxDepth: number;
  i = 0;
  /** The elements and attributes read so far (see {@linkcode MAX_XML_NODES}). */
  nodes = 0;

  constructor(text: string, path: string, code: string, maxDepth: number) {
    this.text = text;
    this.path = path;
    this.code = code;
    this.maxDepth = maxDepth;
  }

  fail(reason: string, offset = this.i): never {
    const { line, column } = lineColumn(this.text, offset);
    throw new VouchError(
      this.code,
      `${this.path}:${line}:${column}: invalid XML: ${reason}`,
      `fix the XML at line ${line} of ${this.path}`,
    );
  }

  /** Counts an element or attribute starting at `i`: more than {@linkcode MAX_XML_NODES} fail. */
  count(): void {
    if (++this.nodes > MAX_XML_NODES) {
      this.fail(`more than ${MAX_XML_NODES} elements and attributes`);
    }
  }

  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.i);
  }

  space(): boolean {
    const start = this.i;
    for (let c = this.text.charCodeAt(this.i); isSpace(c); c = this.text.charCodeAt(++this.i));
    return this.i > start;
  }

  name(what: string): string {
    const start = this.i;
    // ASCII names without a regular expression (the common case), the rest with NAME.
    let c = this.text.charCodeAt(start);
    if (isNameStart(c)) {
      let end = start + 1;
      for (
        c = this.text.charCodeAt(end);
        isNameStart(c) || isNameRest(c);
        c = this.text.charCodeAt(++end)
      );
      if (c < 0x80 || Number.isNaN(c)) {
        this.i = end;
        return this.text.slice(start, end);
      }
    }
    NAME.lastIndex = start;
    const match = NAME.exec(this.text);
    if (!match) this.fail(`expected ${what}, found ${this.found()}`);
    this.i = NAME.lastIndex;
    return match[0];
  }

  found(): string {
    return this.i >= this.text.length ? "the end of the file" : JSON.stringify(this.text[this.i]);
  }

  expect(token: string, what = JSON.stringify(token)): void {
    if (!this.startsWith(token)) this.fail(`expected ${what}, found ${this.found()}`);
    this.i += token.length;
  }

  /** Index just past `end`, searching from the current position; fails when absent. */
  until(end: string, what: string): number {
    const at = this.text.indexOf(end, this.i);
    if (at === -1) this.fail(`${what} is not closed by ${end}`);
    return at;
  }

  /** Decodes character and predefined entity references in raw text starting at `offset`. */
  decode(raw: string, offset: number): string {
    const value = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
    let amp = value.indexOf("&");
    if (amp === -1) return value;
    // Offsets below are into `value`; map them back to `raw` only for messages.
    const at = (i: number): number => offset + (value === raw ? i : rawIndex(raw, i));
    let out = "";
    let from = 0;
    for (; amp !== -1; amp = value.indexOf("&", from)) {
      REFERENCE.lastIndex = amp;
      const match = REFERENCE.exec(value);
      if (!match) this.fail("a bare '&' (write &amp;)", at(amp));
      const ref = match[1];
      let decoded: string;
      if (ref[0] === "#") {
        const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        const legal = code === 0x9 || code === 0xa || code === 0xd ||
          (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) ||
          (code >= 0x10000 && code <= 0x10ffff);
        if (!legal) this.fail(`${match[0]} is not a legal XML character`, at(amp));
        decoded = String.fromCodePoint(code);
      } else {
        const predefined = PREDEFINED[ref];
        if (predefined === undefined) {
          this.fail(
            `undefined entity &${ref}; (vouch expands no custom or external entities)`,
            at(amp),
          );
        }
        decoded = predefined;
      }
      out += value.slice(from, amp) + decoded;
      from = amp + match[0].length;
    }
    return out + value.slice(from);
  }

  /** Comment, PI or whitespace between markup outside the root; returns false at anything else. */
  misc(): boolean {
    if (this.space()) return true;
    if (this.startsWith("<!--")) {
      this.comment();
      return true;
    }
    if (this.startsWith("<?")) {
      this.instruction();
      return true;
    }
    return false;
  }

  comment(): void {
    this.i += 4;
    const end = this.until("-->", "a comment");
    const dashes = this.text.indexOf("--", this.i);
    if (dashes < end) this.fail("'--' inside a comment", dashes); // also catches `--->`
    this.i = end + 3;
  }

  instruction(): void {
    const start = this.i;
    this.i += 2;
    const target = this.name("a processing instruction target");
    if (target.toLowerCase() === "xml") {
      this.fail("an XML declaration is allowed only at the very start", start);
    }
    this.i = this.until("?>", "a processing instruction") + 2;
  }

  declaration(): string | undefined {
    // `<?xml` followed by whitespace: the XML declaration (at offset 0 only).
    if (!/^<\?xml[ \t\r\n]/.test(this.text.slice(this.i, this.i + 6))) return undefined;
    const end = this.until("?>", "the XML declaration");
    const body = this.text.slice(this.i + 5, end);
    const pairs = [...body.matchAll(/([A-Za-z]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)];
    const values = new Map(pairs.map((m) => [m[1], m[2] ?? m[3]]));
    const version = values.get("version");
    if (version === undefined || !/^1\.\d+$/.test(version)) {
      this.fail("the XML declaration has no version 1.x");
    }
    for (const key of values.keys()) {
      if (!["version", "encoding", "standalone"].includes(key)) {
        this.fail(`unknown ${JSON.stringify(key)} in the XML declaration`);
      }
    }
    this.i = end + 2;
    return values.get("encoding");
  }

  doctype(): void {
    this.i += 9; // <!DOCTYPE
    if (!this.space()) this.fail("expected whitespace after <!DOCTYPE");
    this.name("the document type name");
    this.space();
    if (this.startsWith("SYSTEM") || this.startsWith("PUBLIC")) {
      const isPublic = this.startsWith("PUBLIC");
      this.i += 6;
      for (let literals = isPublic ? 2 : 1; literals > 0; literals--) {
        this.space();
        const quote = this.text[this.i];
        if (quote !== '"' && quote !== "'") {
          this.fail(`expected a quoted identifier in the DOCTYPE`);
        }
        this.i++;
        this.i = this.until(quote, "a DOCTYPE identifier") + 1;
      }
      this.space();
    }
    if (this.startsWith("[")) {
      this.fail(
        "a DOCTYPE with an internal subset (entity or DTD declarations) is not accepted",
      );
    }
    this.expect(">", "'>' closing the DOCTYPE");
  }

  /** Reads a start tag from `<`; returns the element and whether it was empty (`/>`). */
  startTag(): { element: XmlElement; empty: boolean } {
    const offset = this.i;
    this.count();
    this.i++;
    const name = this.name("an element name");
    const attributes: Record<string, string> = Object.create(null);
    for (;;) {
      const spaced = this.space();
      if (this.startsWith("/>")) {
        this.i += 2;
        return { element: { name, attributes, children: [], offset }, empty: true };
      }
      if (this.startsWith(">")) {
        this.i++;
        return { element: { name, attributes, children: [], offset }, empty: false };
      }
      if (!spaced) {
        this.fail(`expected whitespace, '>' or '/>' in <${name}>, found ${this.found()}`);
      }
      const at = this.i;
      this.count();
      const key = this.name("an attribute name");
      this.space();
      this.expect("=", `'=' after the attribute ${key}`);
      this.space();
      const quote = this.text[this.i];
      if (quote !== '"' && quote !== "'") this.fail(`expected a quoted value for ${key}`);
      const start = ++this.i;
      const end = this.until(quote, `the value of ${key}`);
      const raw = this.text.slice(start, end);
      const lt = raw.indexOf("<");
      if (lt !== -1) this.fail(`'<' inside the value of ${key}`, start + lt);
      if (key in attributes) this.fail(`duplicate attribute ${key} in <${name}>`, at);
      // Literal white space becomes spaces; character references (&#10;) stay what they say.
      const flat = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n|[\t\n\r]/g, " ") : raw;
      attributes[key] = this.decode(flat, start);
      this.i = end + 1;
    }
  }

  textUntil(parent: XmlElement, end: number): void {
    if (end === this.i) return;
    const raw = this.text.slice(this.i, end);
    const cdataEnd = raw.indexOf("]]>");
    if (cdataEnd !== -1) this.fail("']]>' in text", this.i + cdataEnd);
    this.appendText(parent, this.decode(raw, this.i));
    this.i = end;
  }

  appendText(parent: XmlElement, value: string): void {
    const last = parent.children.length - 1;
    if (last >= 0 && typeof parent.children[last] === "string") {
      parent.children[last] += value;
    } else if (value !== "") parent.children.push(value);
  }

  element(): XmlElement {
    const first = this.startTag();
    if (first.empty) return first.element;
    const stack: XmlElement[] = [first.element];
    while (stack.length > 0) {
      const current = stack[stack.length - 1];
      const lt = this.text.indexOf("<", this.i);
      if (lt === -1) {
        const opened = lineColumn(this.text, current.offset).line;
        this.fail(
          `the file ends before </${current.name}> (opened on line ${opened})`,
          this.text.length,
        );
      }
      this.textUntil(current, lt);
      if (this.startsWith("</")) {
        const at = this.i;
        this.i += 2;
        const name = this.name("an element name");
        this.space();
        this.expect(">", `'>' closing </${name}>`);
        if (name !== current.name) {
          this.fail(`</${name}> does not close <${current.name}>`, at);
        }
        stack.pop();
      } else if (this.startsWith("<!--")) {
        this.comment();
      } else if (this.startsWith("<![CDATA[")) {
        const start = this.i + 9;
        this.i = start;
        const end = this.until("]]>", "a CDATA section");
        this.appendText(current, this.text.slice(start, end).replace(/\r\n?/g, "\n"));
        this.i = end + 3;
      } else if (this.startsWith("<?")) {
        this.instruction();
      } else if (this.startsWith("<!")) {
        this.fail("unexpected '<!' in element content");
      } else {
        if (stack.length >= this.maxDepth) {
          this.fail(`elements nest deeper than ${this.maxDepth} levels`);
        }
        const { element, empty } = this.startTag();
        current.children.push(element);
        if (!empty) stack.push(element);
      }
    }
    return first.element;
  }

  document(): XmlDocument {
    if (this.text.charCodeAt(0) === 0xfeff) this.i = 1;
    const encoding = this.declaration();
    this.checkCharacters();
    let doctype = false;
    for (;;) {
      if (this.misc()) continue;
      if (this.startsWith("<!DOCTYPE")) {
        if (doctype) this.fail("a second DOCTYPE");
        doctype = true;
        this.doctype();
        continue;
      }
      if (this.startsWith("<") && !this.startsWith("</") && !this.startsWith("<!")) break;
      this.fail(
        this.i >= this.text.length
          ? "no root element"
          : `expected the root element, found ${this.found()}`,
      );
    }
    const root = this.element();
    while (this.misc());
    if (this.i < this.text.length) {
      this.fail(`content after the root element </${root.name}>`);
    }
    return encoding === undefined ? { root } : { root, encoding };
  }

  /**
   * Rejects characters XML forbids. (Bytes that are not valid in the file's
   * encoding never get here: `decodeText` refuses them.)
   */
  checkCharacters(): void {
    const bad = FORBIDDEN.exec(this.text);
    if (bad) {
      const hex = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
      this.fail(`the character U+${hex} is not allowed in XML`, bad.index);
    }
  }
}

/**
 * Parses an XML document.
 *
 * @example
 * ```ts
 * import { parseXml, textOf } from "./xml.ts";
 * const { root } = parseXml("<a><b x='1'>hi &amp; bye</b></a>", "a.xml", "inventory.x.invalid");
 * textOf(root.children[0] as never); // "hi & bye"
 * ```
 *
 * @param text The document (a leading byte-order mark is skipped).
 * @param path The file's path, for messages.
 * @param code The error code (e.g. `inventory.maven_pom.invalid`).
 * @param options `maxDepth`: the deepest nesting accepted (default 256).
 * @returns The document.
 * @throws {VouchError} `code` for any well-formedness error, an internal
 *   DTD subset, an undefined entity or too deep nesting.
 */
export function parseXml(
  text: string,
  path: string,
  code: string,
  options: ParseXmlOptions = {},
): XmlDocument {
  return new Parser(text, path, code, options.maxDepth ?? 256).document();
}
