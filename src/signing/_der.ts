// Private: a minimal, strict ASN.1 DER reader and writer (definite lengths,
// minimal length encodings, single-byte tags) for keys, signatures, X.509
// certificates and CMS. It never recurses: a caller descends one level at a
// time, so nesting depth costs nothing and hostile input cannot exhaust the stack.

/** One DER element: its tag byte and content bytes. */
export interface DerElement {
  /** The (single-byte) tag, e.g. `0x30` for SEQUENCE. */
  tag: number;
  /** The content octets. */
  content: Uint8Array;
  /** The whole element: tag, length and content octets (a view, not a copy). */
  raw: Uint8Array;
}

/** DER tag of INTEGER. */
export const TAG_INTEGER = 0x02;
/** DER tag of BIT STRING. */
export const TAG_BIT_STRING = 0x03;
/** DER tag of OCTET STRING. */
export const TAG_OCTET_STRING = 0x04;
/** DER tag of OBJECT IDENTIFIER. */
export const TAG_OID = 0x06;
/** DER tag of SEQUENCE. */
export const TAG_SEQUENCE = 0x30;
/** DER tag of BOOLEAN. */
export const TAG_BOOLEAN = 0x01;
/** DER tag of NULL. */
export const TAG_NULL = 0x05;
/** DER tag of UTF8String. */
export const TAG_UTF8_STRING = 0x0c;
/** DER tag of PrintableString. */
export const TAG_PRINTABLE_STRING = 0x13;
/** DER tag of IA5String. */
export const TAG_IA5_STRING = 0x16;
/** DER tag of UTCTime. */
export const TAG_UTC_TIME = 0x17;
/** DER tag of GeneralizedTime. */
export const TAG_GENERALIZED_TIME = 0x18;
/** DER tag of SET / SET OF. */
export const TAG_SET = 0x31;

/**
 * The tag of a context-specific element `[n]`.
 *
 * @param n The tag number (0-30).
 * @param constructed Whether the element is constructed (EXPLICIT tags and
 *   IMPLICIT constructed types) or primitive.
 * @returns The tag byte, e.g. `0xa0` for a constructed `[0]`.
 */
export function contextTag(n: number, constructed: boolean): number {
  return (constructed ? 0xa0 : 0x80) | n;
}

/** Raised for bytes that are not well-formed DER; callers map it to their own error. */
export class DerError extends Error {}

function readElement(bytes: Uint8Array, offset: number): { element: DerElement; end: number } {
  if (offset + 2 > bytes.length) throw new DerError("truncated element");
  const tag = bytes[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError("multi-byte tags are not supported");
  let length = bytes[offset + 1];
  let start = offset + 2;
  if (length === 0x80) throw new DerError("indefinite length");
  if (length > 0x80) {
    const count = length & 0x7f;
    if (count > 4 || start + count > bytes.length) throw new DerError("bad length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[start + i];
    if (bytes[start] === 0 || length < 0x80) throw new DerError("non-minimal length");
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new DerError("truncated content");
  return {
    element: { tag, content: bytes.subarray(start, end), raw: bytes.subarray(offset, end) },
    end,
  };
}

/**
 * Reads exactly one DER element spanning all of `bytes`.
 *
 * @param bytes The DER bytes.
 * @returns The element.
 */
export function readDer(bytes: Uint8Array): DerElement {
  const { element, end } = readElement(bytes, 0);
  if (end !== bytes.length) throw new DerError("trailing bytes");
  return element;
}

/**
 * Reads the consecutive elements that make up a constructed element's content.
 *
 * @param content The content octets of a SEQUENCE.
 * @returns The child elements in order.
 */
export function readChildren(content: Uint8Array): DerElement[] {
  const children: DerElement[] = [];
  let offset = 0;
  while (offset < content.length) {
    const { element, end } = readElement(content, offset);
    children.push(element);
    offset = end;
  }
  return children;
}

/**
 * Encodes one DER element.
 *
 * @param tag The tag byte.
 * @param content The content octets.
 * @returns The encoded element.
 */
export function writeDer(tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> {
  const length = content.length;
  const lengthBytes: number[] = [];
  if (length < 0x80) {
    lengthBytes.push(length);
  } else {
    for (let n = length; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n % 256);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  out.set(content, 1 + lengthBytes.length);
  return out;
}

/**
 * Encodes a constructed element (e.g. a SEQUENCE) from its encoded children.
 *
 * @param tag The tag byte.
 * @param children The encoded child elements, in order.
 * @returns The encoded element.
 */
export function writeConstructed(tag: number, children: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const content = new Uint8Array(children.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const child of children) {
    content.set(child, offset);
    offset += child.length;
  }
  return writeDer(tag, content);
}

/**
 * Decodes an OBJECT IDENTIFIER's content octets to dotted form.
 *
 * @param content The OID content octets.
 * @returns The dotted OID, e.g. `1.3.101.112`.
 */
export function oidToString(content: Uint8Array): string {
  if (content.length === 0 || (content[content.length - 1] & 0x80) !== 0) {
    throw new DerError("bad object identifier");
  }
  const arcs: number[] = [];
  let value = 0;
  for (const byte of content) {
    if (value === 0 && byte === 0x80) throw new DerError("non-minimal object identifier arc");
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs[0] < 80 ? Math.floor(arcs[0] / 40) : 2;
  return [first, arcs[0] - first * 40, ...arcs.slice(1)].join(".");
}
