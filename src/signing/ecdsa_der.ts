/**
 * ECDSA signature encodings. WebCrypto produces and consumes the raw IEEE
 * P1363 form `r || s`; Sigstore, cosign and OpenSSL use ASN.1 DER
 * `SEQUENCE { INTEGER r, INTEGER s }`. These two functions convert between
 * them strictly.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { readChildren, readDer, TAG_INTEGER, TAG_SEQUENCE, writeDer } from "./_der.ts";

/** Byte length of one P-256 scalar (r or s) in the raw form. */
export const P256_SCALAR_BYTES = 32;

function malformed(reason: string): VouchError {
  return new VouchError(
    "signature.malformed",
    `ECDSA signature is not valid DER: ${reason}`,
    "Re-create the signature with a tool that emits ASN.1 DER ECDSA signatures.",
  );
}

function derInteger(scalar: Uint8Array): Uint8Array {
  let start = 0;
  while (start < scalar.length - 1 && scalar[start] === 0) start++;
  const trimmed = scalar.subarray(start);
  const content = new Uint8Array(trimmed.length + (trimmed[0] & 0x80 ? 1 : 0));
  content.set(trimmed, content.length - trimmed.length);
  return writeDer(TAG_INTEGER, content);
}

/**
 * Converts a raw `r || s` ECDSA signature (as WebCrypto returns it) to ASN.1 DER.
 *
 * @example
 * ```ts
 * import { ecdsaRawToDer } from "./ecdsa_der.ts";
 * const der = ecdsaRawToDer(new Uint8Array(64).fill(1));
 * der[0] === 0x30; // true
 * ```
 *
 * @param raw The raw signature: two big-endian scalars of equal length.
 * @returns The DER-encoded signature.
 */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  if (raw.length === 0 || raw.length % 2 !== 0) {
    throw new VouchError(
      "signature.malformed",
      `raw ECDSA signature has odd or zero length ${raw.length}`,
      "Pass the r || s bytes exactly as WebCrypto returned them.",
    );
  }
  const half = raw.length / 2;
  const r = derInteger(raw.subarray(0, half));
  const s = derInteger(raw.subarray(half));
  const body = new Uint8Array(r.length + s.length);
  body.set(r);
  body.set(s, r.length);
  return writeDer(TAG_SEQUENCE, body);
}

function rawScalar(content: Uint8Array, size: number): Uint8Array {
  if (content.length === 0) throw malformed("empty INTEGER");
  if (content[0] & 0x80) throw malformed("negative INTEGER");
  if (content.length > 1 && content[0] === 0 && (content[1] & 0x80) === 0) {
    throw malformed("INTEGER has a redundant leading zero");
  }
  const value = content[0] === 0 && content.length > 1 ? content.subarray(1) : content;
  if (value.length > size) throw malformed(`INTEGER longer than ${size} bytes`);
  const out = new Uint8Array(size);
  out.set(value, size - value.length);
  return out;
}

/**
 * Converts an ASN.1 DER ECDSA signature to the raw `r || s` form WebCrypto verifies.
 * Rejects anything that is not strict DER (trailing bytes, non-minimal integers,
 * negative values, oversize scalars) with `signature.malformed`.
 *
 * @example
 * ```ts
 * import { ecdsaDerToRaw, ecdsaRawToDer } from "./ecdsa_der.ts";
 * const raw = new Uint8Array(64).fill(0xff);
 * ecdsaDerToRaw(ecdsaRawToDer(raw)).every((b, i) => b === raw[i]); // true
 * ```
 *
 * @param der The DER signature.
 * @param options `scalarBytes`: the size of r and s in the raw form (32 for P-256).
 * @returns The raw signature of `2 * scalarBytes` bytes.
 */
export function ecdsaDerToRaw(
  der: Uint8Array,
  options: { scalarBytes?: number } = {},
): Uint8Array<ArrayBuffer> {
  const size = options.scalarBytes ?? P256_SCALAR_BYTES;
  let children;
  try {
    const sequence = readDer(der);
    if (sequence.tag !== TAG_SEQUENCE) throw malformed("not a SEQUENCE");
    children = readChildren(sequence.content);
  } catch (error) {
    if (error instanceof VouchError) throw error;
    throw malformed((error as Error).message);
  }
  if (children.length !== 2 || children.some((c) => c.tag !== TAG_INTEGER)) {
    throw malformed("expected SEQUENCE of two INTEGERs");
  }
  const out = new Uint8Array(2 * size);
  out.set(rawScalar(children[0].content, size));
  out.set(rawScalar(children[1].content, size), size);
  return out;
}

/** The order n of the P-256 group. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toHex()}`);
}

/**
 * Puts a raw P-256 `r || s` signature in low-S form: `s` is replaced by
 * `n − s` when it is above `n / 2`. Both forms verify; signing only in low-S
 * form makes a signature's bytes unique, so no one can swap in the other form.
 *
 * @example
 * ```ts
 * import { ecdsaLowS } from "./ecdsa_der.ts";
 * const raw = new Uint8Array(64).fill(1).fill(0xee, 32); // s = 0xeeee…: above n / 2
 * ecdsaLowS(raw)[32] === 0x11; // true: s became n − s
 * ```
 *
 * @param raw A raw P-256 signature (64 bytes).
 * @returns The low-S signature (the same bytes when `s` is already low).
 */
export function ecdsaLowS(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(raw);
  const s = toBigInt(raw.subarray(P256_SCALAR_BYTES));
  // An s of n or more is no signature at all: left for the verifier to reject.
  if (s <= P256_ORDER / 2n || s >= P256_ORDER) return out;
  out.set(
    Uint8Array.fromHex((P256_ORDER - s).toString(16).padStart(2 * P256_SCALAR_BYTES, "0")),
    P256_SCALAR_BYTES,
  );
  return out;
}

/**
 * Tells whether a DER P-256 ECDSA signature is in low-S form (`s ≤ n / 2`),
 * the form vouch signs in.
 *
 * @param der The DER signature.
 * @returns `false` for a high `s` or a signature that is not strict DER.
 */
export function isEcdsaLowS(der: Uint8Array): boolean {
  try {
    return toBigInt(ecdsaDerToRaw(der).subarray(P256_SCALAR_BYTES)) <= P256_ORDER / 2n;
  } catch {
    return false;
  }
}
