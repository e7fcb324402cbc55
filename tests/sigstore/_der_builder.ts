// Test-only DER writers: enough ASN.1 to build certificates, CMS timestamps
// and SCT lists by hand (values are given, nothing is inferred).
import { Buffer } from "node:buffer";
import { writeDer } from "../../src/signing/_der.ts";
import { concat } from "../../src/sigstore/_bytes.ts";

export { writeDer };

/** Concatenates byte arrays. */
export const cat: (...parts: Uint8Array[]) => Uint8Array<ArrayBuffer> = concat;

/** SEQUENCE of the given encoded elements. */
export const seq = (...items: Uint8Array[]): Uint8Array<ArrayBuffer> =>
  writeDer(0x30, cat(...items));
/** SET of the given encoded elements (in the order given). */
export const set = (...items: Uint8Array[]): Uint8Array<ArrayBuffer> =>
  writeDer(0x31, cat(...items));
/** A context-specific element `[n]` wrapping encoded content. */
export const ctx = (
  n: number,
  constructed: boolean,
  ...items: Uint8Array[]
): Uint8Array<ArrayBuffer> => writeDer((constructed ? 0xa0 : 0x80) | n, cat(...items));
/** OCTET STRING. */
export const octets = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => writeDer(0x04, bytes);
/** UTF8String. */
export const utf8String = (text: string): Uint8Array<ArrayBuffer> =>
  writeDer(0x0c, new TextEncoder().encode(text));
/** PrintableString. */
export const printable = (text: string): Uint8Array<ArrayBuffer> =>
  writeDer(0x13, new TextEncoder().encode(text));
/** BOOLEAN. */
export const bool = (value: boolean): Uint8Array<ArrayBuffer> =>
  writeDer(0x01, new Uint8Array([value ? 0xff : 0]));
/** NULL. */
export const nul = (): Uint8Array<ArrayBuffer> => writeDer(0x05, new Uint8Array());
/** BIT STRING with no unused bits. */
export const bits = (bytes: Uint8Array): Uint8Array<ArrayBuffer> =>
  writeDer(0x03, cat(new Uint8Array([0]), bytes));

/** INTEGER from a non-negative number or big-endian magnitude bytes. */
export function int(value: number | bigint | Uint8Array): Uint8Array<ArrayBuffer> {
  let bytes: number[];
  if (value instanceof Uint8Array) bytes = [...value];
  else {
    let v = BigInt(value);
    bytes = [];
    do {
      bytes.unshift(Number(v & 0xffn));
      v >>= 8n;
    } while (v > 0n);
  }
  while (bytes.length > 1 && bytes[0] === 0 && (bytes[1] & 0x80) === 0) bytes.shift();
  if (bytes[0] & 0x80) bytes.unshift(0);
  return writeDer(0x02, new Uint8Array(bytes));
}

/** OBJECT IDENTIFIER from dotted form. */
export function oid(dotted: string): Uint8Array<ArrayBuffer> {
  const arcs = dotted.split(".").map(BigInt);
  const out: number[] = [];
  const values = [arcs[0] * 40n + arcs[1], ...arcs.slice(2)];
  for (const value of values) {
    const chunk: number[] = [Number(value & 0x7fn)];
    for (let v = value >> 7n; v > 0n; v >>= 7n) chunk.unshift(Number(v & 0x7fn) | 0x80);
    out.push(...chunk);
  }
  return writeDer(0x06, new Uint8Array(out));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** UTCTime (years 1950-2049). */
export function utcTime(date: Date): Uint8Array<ArrayBuffer> {
  const text =
    `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return writeDer(0x17, new TextEncoder().encode(text));
}

/** GeneralizedTime (whole seconds). */
export function generalizedTime(date: Date): Uint8Array<ArrayBuffer> {
  const text =
    `${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}` +
    `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return writeDer(0x18, new TextEncoder().encode(text));
}

/** A Name of `O=` and `CN=` attributes. */
export function name(fields: { o?: string; cn?: string }): Uint8Array<ArrayBuffer> {
  const rdns: Uint8Array[] = [];
  if (fields.o !== undefined) rdns.push(set(seq(oid("2.5.4.10"), printable(fields.o))));
  if (fields.cn !== undefined) rdns.push(set(seq(oid("2.5.4.3"), utf8String(fields.cn))));
  return seq(...rdns);
}

/** Standard base64. */
export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64");
}

/** PEM text of DER bytes. */
export function pem(label: string, der: Uint8Array): string {
  return `-----BEGIN ${label}-----\n${
    (b64(der).match(/.{1,64}/g) ?? []).join("\n")
  }\n-----END ${label}-----\n`;
}
