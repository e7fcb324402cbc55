// Private: synchronous digests of small texts for readers, which are synchronous: the hashes
// by which a lock tells whether it was written for its manifest (Composer's content-hash,
// Pipenv's `_meta.hash`). Not for security: vouch's own digests use WebCrypto (see
// src/digest.ts), and node:crypto costs a run ~0.1 s to load.

/** The per-round shift amounts of MD5 (RFC 1321). */
const SHIFTS = [
  7,
  12,
  17,
  22,
  5,
  9,
  14,
  20,
  4,
  11,
  16,
  23,
  6,
  10,
  15,
  21,
];

/** The sine-derived constants of MD5 (RFC 1321 §3.4). */
const K = Array.from(
  { length: 64 },
  (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0,
);

/**
 * MD5 (RFC 1321) of bytes as lowercase hex.
 *
 * @param data The bytes.
 * @returns 32 hex characters.
 */
export function md5Hex(data: Uint8Array): string {
  const length = ((data.length + 8) >>> 6) + 1 << 6;
  const bytes = new Uint8Array(length);
  bytes.set(data);
  bytes[data.length] = 0x80;
  const view = new DataView(bytes.buffer);
  view.setUint32(length - 8, (data.length * 8) >>> 0, true);
  view.setUint32(length - 4, Math.floor(data.length / 0x20000000), true);
  let a0 = 0x67452301, b0 = 0xefcdab89, c0 = 0x98badcfe, d0 = 0x10325476;
  const m = new Uint32Array(16);
  for (let block = 0; block < length; block += 64) {
    for (let i = 0; i < 16; i++) m[i] = view.getUint32(block + i * 4, true);
    let a = a0, b = b0, c = c0, d = d0;
    // Plain temporaries, no destructuring: a round allocated nothing (70 MB took 5 s).
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      const sum = (a + f + K[i] + m[g]) >>> 0;
      const s = SHIFTS[(i >>> 4) * 4 + (i % 4)];
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << s) | (sum >>> (32 - s)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  const out = new DataView(new ArrayBuffer(16));
  [a0, b0, c0, d0].forEach((word, i) => out.setUint32(i * 4, word, true));
  return new Uint8Array(out.buffer).toHex();
}

/**
 * The first 32 bits of the fractional parts of `root` of the first `n` primes (FIPS 180-4
 * §4.2.2, §5.3.3).
 */
function primeRoots(n: number, root: (x: number) => number): Uint32Array {
  const out = new Uint32Array(n);
  for (let candidate = 2, found = 0; found < n; candidate++) {
    let prime = true;
    for (let d = 2; d * d <= candidate; d++) if (candidate % d === 0) prime = false;
    if (!prime) continue;
    const r = root(candidate);
    out[found++] = Math.floor((r - Math.floor(r)) * 2 ** 32);
  }
  return out;
}

const SHA256_K = primeRoots(64, Math.cbrt);
const SHA256_H = primeRoots(8, Math.sqrt);

/**
 * SHA-256 (FIPS 180-4) of bytes as lowercase hex.
 *
 * @param data The bytes.
 * @returns 64 hex characters.
 */
export function sha256HexSync(data: Uint8Array): string {
  const length = ((data.length + 8) >>> 6) + 1 << 6;
  const bytes = new Uint8Array(length);
  bytes.set(data);
  bytes[data.length] = 0x80;
  const view = new DataView(bytes.buffer);
  view.setUint32(length - 8, Math.floor(data.length / 0x20000000));
  view.setUint32(length - 4, (data.length * 8) >>> 0);
  const h = SHA256_H.slice();
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
        SHA256_K[i] + w[i];
      const t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((word, i) => h[i] = h[i] + word);
  }
  const out = new DataView(new ArrayBuffer(32));
  h.forEach((word, i) => out.setUint32(i * 4, word));
  return new Uint8Array(out.buffer).toHex();
}
