// Private: typed readers over the DER elements of src/signing/_der.ts for the
// X.509, CMS and RFC 3161 structures of the Sigstore verifier. Every reader
// checks the tag and the DER rules of its type and throws `DerError` naming
// what it was reading; callers map that to their own check code.
import {
  contextTag,
  type DerElement,
  DerError,
  oidToString,
  readChildren,
  readDer,
  TAG_BIT_STRING,
  TAG_BOOLEAN,
  TAG_GENERALIZED_TIME,
  TAG_IA5_STRING,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_PRINTABLE_STRING,
  TAG_SEQUENCE,
  TAG_SET,
  TAG_UTC_TIME,
  TAG_UTF8_STRING,
} from "../../signing/_der.ts";

export { contextTag, type DerElement, DerError, TAG_OCTET_STRING, TAG_SEQUENCE, TAG_SET };

/** A point in time: nanoseconds since the Unix epoch (exact for every format read here). */
export type Instant = bigint;

/** Nanoseconds per second. */
export const NANOS_PER_SECOND = 1_000_000_000n;

/**
 * Parses bytes that must be exactly one DER element.
 *
 * @param bytes The DER bytes.
 * @param what What is being read, for the error.
 * @returns The element.
 */
export function parseDer(bytes: Uint8Array, what: string): DerElement {
  try {
    return readDer(bytes);
  } catch (error) {
    throw new DerError(`${what}: ${(error as Error).message}`);
  }
}

/**
 * Checks an element's tag.
 *
 * @param element The element, or `undefined` when the structure ended early.
 * @param tag The expected tag byte.
 * @param what What is being read, for the error.
 * @returns The element.
 */
export function expectTag(element: DerElement | undefined, tag: number, what: string): DerElement {
  if (element === undefined) throw new DerError(`${what}: missing`);
  if (element.tag !== tag) {
    throw new DerError(
      `${what}: expected tag 0x${tag.toString(16)}, got 0x${element.tag.toString(16)}`,
    );
  }
  return element;
}

/**
 * The children of a constructed element.
 *
 * @param element The element.
 * @param what What is being read, for the error.
 * @returns The child elements in order.
 */
export function childrenOf(element: DerElement, what: string): DerElement[] {
  try {
    return readChildren(element.content);
  } catch (error) {
    throw new DerError(`${what}: ${(error as Error).message}`);
  }
}

/**
 * Reads a SEQUENCE (or SET, with `tag`) and returns its children.
 *
 * @param element The element.
 * @param what What is being read.
 * @param tag The expected tag (default SEQUENCE).
 * @returns The children.
 */
export function readSequence(
  element: DerElement | undefined,
  what: string,
  tag: number = TAG_SEQUENCE,
): DerElement[] {
  return childrenOf(expectTag(element, tag, what), what);
}

/**
 * Reads an OBJECT IDENTIFIER.
 *
 * @param element The element.
 * @param what What is being read.
 * @returns The dotted OID.
 */
export function readOid(element: DerElement | undefined, what: string): string {
  const el = expectTag(element, TAG_OID, what);
  try {
    return oidToString(el.content);
  } catch (error) {
    throw new DerError(`${what}: ${(error as Error).message}`);
  }
}

/**
 * Reads an INTEGER's content octets (two's complement, minimal encoding checked).
 *
 * @param element The element.
 * @param what What is being read.
 * @param tag The tag (default INTEGER; IMPLICIT-tagged integers pass theirs).
 * @returns The content octets.
 */
export function readInteger(
  element: DerElement | undefined,
  what: string,
  tag: number = TAG_INTEGER,
): Uint8Array {
  const { content } = expectTag(element, tag, what);
  if (content.length === 0) throw new DerError(`${what}: empty INTEGER`);
  if (
    content.length > 1 &&
    ((content[0] === 0 && (content[1] & 0x80) === 0) ||
      (content[0] === 0xff && (content[1] & 0x80) !== 0))
  ) throw new DerError(`${what}: INTEGER is not minimally encoded`);
  return content;
}

/**
 * Reads a non-negative INTEGER that fits in 31 bits.
 *
 * @param element The element.
 * @param what What is being read.
 * @param tag The tag (default INTEGER).
 * @returns The value.
 */
export function readSmallInteger(
  element: DerElement | undefined,
  what: string,
  tag: number = TAG_INTEGER,
): number {
  const content = readInteger(element, what, tag);
  if ((content[0] & 0x80) !== 0) throw new DerError(`${what}: negative INTEGER`);
  if (content.length > 4 || (content.length === 4 && content[0] > 0x7f)) {
    throw new DerError(`${what}: INTEGER too large`);
  }
  return content.reduce((n, b) => n * 256 + b, 0);
}

/**
 * Reads a BOOLEAN (DER: `0x00` or `0xff`).
 *
 * @param element The element.
 * @param what What is being read.
 * @returns The value.
 */
export function readBoolean(element: DerElement | undefined, what: string): boolean {
  const { content } = expectTag(element, TAG_BOOLEAN, what);
  if (content.length !== 1 || (content[0] !== 0 && content[0] !== 0xff)) {
    throw new DerError(`${what}: BOOLEAN is not DER`);
  }
  return content[0] === 0xff;
}

/**
 * Reads a BIT STRING and returns its bits (the unused-bits count must be 0
 * unless `allowUnused`).
 *
 * @param element The element.
 * @param what What is being read.
 * @param allowUnused Accept trailing unused bits (named bit lists such as KeyUsage).
 * @returns The bit bytes, without the unused-bits octet.
 */
export function readBitString(
  element: DerElement | undefined,
  what: string,
  allowUnused = false,
): Uint8Array {
  const { content } = expectTag(element, TAG_BIT_STRING, what);
  if (content.length === 0 || content[0] > 7 || (content.length === 1 && content[0] !== 0)) {
    throw new DerError(`${what}: malformed BIT STRING`);
  }
  if (content[0] !== 0 && !allowUnused) throw new DerError(`${what}: BIT STRING with unused bits`);
  return content.subarray(1);
}

/**
 * Reads an OCTET STRING.
 *
 * @param element The element.
 * @param what What is being read.
 * @param tag The tag (default OCTET STRING).
 * @returns The content octets.
 */
export function readOctetString(
  element: DerElement | undefined,
  what: string,
  tag: number = TAG_OCTET_STRING,
): Uint8Array {
  return expectTag(element, tag, what).content;
}

const STRING_TAGS = new Set([TAG_UTF8_STRING, TAG_PRINTABLE_STRING, TAG_IA5_STRING, 0x1a]);

/**
 * Reads a character string (UTF8String, PrintableString, IA5String or VisibleString).
 *
 * @param element The element.
 * @param what What is being read.
 * @returns The text.
 */
export function readString(element: DerElement | undefined, what: string): string {
  if (element === undefined) throw new DerError(`${what}: missing`);
  if (!STRING_TAGS.has(element.tag)) throw new DerError(`${what}: not a character string`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(element.content);
  } catch {
    throw new DerError(`${what}: not UTF-8`);
  }
}

const UTC_TIME = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/;
const GENERALIZED_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * Converts calendar fields to an instant, rejecting impossible dates.
 *
 * @param fields Year, month (1-12), day, hour, minute, second.
 * @param fraction Fractional-second digits (up to 9), or `""`.
 * @returns The instant, or `undefined` when a field is out of range.
 */
export function instantFromFields(fields: number[], fraction: string): Instant | undefined {
  const [year, month, day, hour, minute, second] = fields;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  if (
    !Number.isFinite(ms) || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt(fraction.padEnd(9, "0") || "0");
}

/**
 * Reads a UTCTime or GeneralizedTime (DER forms: `Z`, seconds present).
 *
 * @param element The element.
 * @param what What is being read.
 * @returns The instant.
 */
export function readTime(element: DerElement | undefined, what: string): Instant {
  if (element === undefined) throw new DerError(`${what}: missing`);
  const text = String.fromCharCode(...element.content.subarray(0, 40));
  let instant: Instant | undefined;
  if (element.tag === TAG_UTC_TIME && element.content.length <= 40) {
    const m = UTC_TIME.exec(text);
    if (m) {
      const yy = Number(m[1]);
      instant = instantFromFields(
        [yy >= 50 ? 1900 + yy : 2000 + yy, ...m.slice(2).map(Number)],
        "",
      );
    }
  } else if (element.tag === TAG_GENERALIZED_TIME && element.content.length <= 40) {
    const m = GENERALIZED_TIME.exec(text);
    if (m && !(m[7] ?? "").endsWith("0")) {
      instant = instantFromFields(m.slice(1, 7).map(Number), m[7] ?? "");
    }
  } else {
    throw new DerError(`${what}: not a UTCTime or GeneralizedTime`);
  }
  if (instant === undefined) throw new DerError(`${what}: malformed time`);
  return instant;
}

/**
 * Formats an instant as RFC 3339 UTC (millisecond precision).
 *
 * @param instant The instant.
 * @returns E.g. `2024-03-19T17:26:26.000Z`.
 */
export function formatInstant(instant: Instant): string {
  const ms = Number(instant / 1_000_000n);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return `${instant}ns`;
  return new Date(ms).toISOString();
}
