// Private: signature verification over a digest, for the one case WebCrypto
// cannot serve (it always hashes the message itself): a message signature
// checked against an artifact known only by its digest. ECDSA (NIST P-256,
// P-384, P-521; SEC 1 §4.1.4) and RSASSA-PKCS1-v1_5 (RFC 8017 §8.2.2), in
// BigInt arithmetic. Verification handles public data only, so it need not
// be constant-time.
import { ecdsaDerToRaw } from "../signing/ecdsa_der.ts";
import type { HashName } from "./_bytes.ts";
import { DerError, parseDer, readInteger, readSequence } from "./_asn1/reader.ts";

/** The parts of a public key this module reads (see `PublicKey` in ./_crypto.ts). */
export interface PrehashKey {
  /** The key type, e.g. `ecdsa-p256` or `rsa`. */
  type: string;
  /** The subjectPublicKey bits: an uncompressed EC point or a PKCS#1 RSAPublicKey. */
  keyBits: Uint8Array;
}

interface Curve {
  p: bigint;
  b: bigint;
  n: bigint;
  gx: bigint;
  gy: bigint;
  bytes: number;
}

const CURVES: Record<string, Curve> = {
  "ecdsa-p256": {
    p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
    b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
    n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
    gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
    gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
    bytes: 32,
  },
  "ecdsa-p384": {
    p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
    b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
    n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
    gx:
      0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n,
    gy:
      0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn,
    bytes: 48,
  },
  "ecdsa-p521": {
    p: (1n << 521n) - 1n,
    b: 0x0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef109e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b503f00n,
    n: 0x01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409n,
    gx:
      0x00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5bd66n,
    gy:
      0x011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd16650n,
    bytes: 66,
  },
};

/** A point in Jacobian coordinates; `z === 0n` is the point at infinity. */
type Point = [bigint, bigint, bigint];

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

function modPow(base: bigint, exponent: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

function double([x, y, z]: Point, p: bigint): Point {
  if (z === 0n || y === 0n) return [0n, 1n, 0n];
  // a = -3: alpha = 3 (x - z^2)(x + z^2)
  const delta = (z * z) % p;
  const gamma = (y * y) % p;
  const beta = (x * gamma) % p;
  const alpha = mod(3n * (x - delta) * (x + delta), p);
  const x3 = mod(alpha * alpha - 8n * beta, p);
  const z3 = mod((y + z) * (y + z) - gamma - delta, p);
  const y3 = mod(alpha * (4n * beta - x3) - 8n * gamma * gamma, p);
  return [x3, y3, z3];
}

function add(a: Point, b: Point, p: bigint): Point {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const [x1, y1, z1] = a;
  const [x2, y2, z2] = b;
  const z1z1 = (z1 * z1) % p;
  const z2z2 = (z2 * z2) % p;
  const u1 = (x1 * z2z2) % p;
  const u2 = (x2 * z1z1) % p;
  const s1 = (((y1 * z2) % p) * z2z2) % p;
  const s2 = (((y2 * z1) % p) * z1z1) % p;
  if (u1 === u2) return s1 === s2 ? double(a, p) : [0n, 1n, 0n];
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = (h * h) % p;
  const hhh = (hh * h) % p;
  const v = (u1 * hh) % p;
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  const z3 = (((h * z1) % p) * z2) % p;
  return [x3, y3, z3];
}

function toBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  return value;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

function verifyEcdsa(
  curve: Curve,
  key: PrehashKey,
  digest: Uint8Array,
  signature: Uint8Array,
): boolean {
  const point = key.keyBits;
  if (point.length !== 1 + 2 * curve.bytes || point[0] !== 0x04) return false; // uncompressed only
  const qx = toBigInt(point.subarray(1, 1 + curve.bytes));
  const qy = toBigInt(point.subarray(1 + curve.bytes));
  const { p, n } = curve;
  if (qx >= p || qy >= p || mod(qy * qy - (qx * qx * qx - 3n * qx + curve.b), p) !== 0n) {
    return false;
  }
  let raw: Uint8Array;
  try {
    raw = ecdsaDerToRaw(signature, { scalarBytes: curve.bytes });
  } catch {
    return false;
  }
  const r = toBigInt(raw.subarray(0, curve.bytes));
  const s = toBigInt(raw.subarray(curve.bytes));
  if (r <= 0n || r >= n || s <= 0n || s >= n) return false;
  let e = toBigInt(digest);
  const excess = digest.length * 8 - bitLength(n);
  if (excess > 0) e >>= BigInt(excess);
  const w = modPow(s, n - 2n, n);
  const u1 = (e * w) % n;
  const u2 = (r * w) % n;
  const g: Point = [curve.gx, curve.gy, 1n];
  const q: Point = [qx, qy, 1n];
  const gq = add(g, q, p);
  let acc: Point = [0n, 1n, 0n];
  for (let i = Math.max(bitLength(u1), bitLength(u2)) - 1; i >= 0; i--) {
    acc = double(acc, p);
    const bit = BigInt(i);
    const b1 = (u1 >> bit) & 1n;
    const b2 = (u2 >> bit) & 1n;
    if (b1 && b2) acc = add(acc, gq, p);
    else if (b1) acc = add(acc, g, p);
    else if (b2) acc = add(acc, q, p);
  }
  if (acc[2] === 0n) return false;
  const zInv = modPow(acc[2], p - 2n, p);
  const x = (acc[0] * ((zInv * zInv) % p)) % p;
  return x % n === r;
}

/** The DER DigestInfo prefix (RFC 8017 §9.2, note 1) of the SHA-2 hash with OID arc `arc`. */
function digestInfoPrefix(arc: number, length: number): number[] {
  const oid = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, arc];
  return [0x30, 0x11 + length, 0x30, 0x0d, ...oid, 0x05, 0x00, 0x04, length];
}

const DIGEST_INFO: Partial<Record<HashName, number[]>> = {
  sha256: digestInfoPrefix(1, 32),
  sha384: digestInfoPrefix(2, 48),
  sha512: digestInfoPrefix(3, 64),
};

function verifyRsa(
  key: PrehashKey,
  digest: Uint8Array,
  signature: Uint8Array,
  hash: HashName,
): boolean {
  const prefix = DIGEST_INFO[hash];
  if (prefix === undefined) return false;
  const [modulus, exponent] = readSequence(
    parseDer(key.keyBits, "RSA public key"),
    "RSA public key",
  );
  const nBytes = readInteger(modulus, "RSA modulus");
  const n = toBigInt(nBytes);
  const e = toBigInt(readInteger(exponent, "RSA exponent"));
  const k = Math.ceil(bitLength(n) / 8);
  if (k > 2048 || e <= 1n || e > (1n << 64n) || signature.length !== k) {
    throw new DerError("RSA key or signature out of range");
  }
  const s = toBigInt(signature);
  if (s >= n) return false;
  let m = modPow(s, e, n);
  const expected = [...prefix, ...digest];
  const em = new Uint8Array(k);
  for (let i = k - 1; i >= 0; i--, m >>= 8n) em[i] = Number(m & 0xffn);
  const padLength = k - 3 - expected.length;
  if (padLength < 8 || em[0] !== 0 || em[1] !== 1 || em[2 + padLength] !== 0) return false;
  for (let i = 2; i < 2 + padLength; i++) if (em[i] !== 0xff) return false;
  return expected.every((b, i) => em[3 + padLength + i] === b);
}

/**
 * Verifies an ECDSA or RSA PKCS#1 v1.5 signature over a digest.
 *
 * @param key The public key (ECDSA P-256/P-384/P-521 or RSA).
 * @param digest The digest of the message.
 * @param options `signature` (ECDSA in ASN.1 DER); `hash`: the hash that made the digest.
 * @returns Whether the signature verifies.
 * @throws {DerError} For a malformed RSA key.
 */
export function verifyPrehashed(
  key: PrehashKey,
  digest: Uint8Array,
  options: { signature: Uint8Array; hash: HashName },
): boolean {
  if (key.type === "rsa") return verifyRsa(key, digest, options.signature, options.hash);
  const curve = CURVES[key.type];
  return curve === undefined ? false : verifyEcdsa(curve, key, digest, options.signature);
}
