// Private: the hash by which Composer tells whether composer.lock is up to date with
// composer.json (its Locker's getContentHash), computed as Composer computes it.

const encoder = new TextEncoder();

/** The keys of composer.json whose content the hash covers (Composer's Locker::getContentHash). */
const RELEVANT_KEYS = [
  "name",
  "version",
  "require",
  "require-dev",
  "conflict",
  "replace",
  "provide",
  "minimum-stability",
  "prefer-stable",
  "repositories",
  "extra",
];

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
 * MD5 (RFC 1321) of bytes as lowercase hex: Composer's content hash is one. Not a security
 * digest: it only tells whether the lock was written for this composer.json, as Composer tells it.
 */
function md5Hex(data: Uint8Array): string {
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
    for (let i = 0; i < 64; i++) {
      let f: number, g: number;
      if (i < 16) [f, g] = [(b & c) | (~b & d), i];
      else if (i < 32) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (i < 48) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const sum = (a + f + K[i] + m[g]) >>> 0;
      const s = SHIFTS[(i >>> 4) * 4 + (i % 4)];
      [a, d, c] = [d, c, b];
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

/** A string as PHP's `json_encode` writes it without flags: `/` and non-ASCII escaped. */
function phpString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c === 0x2f) out += "\\/";
    else if (c === 0x08) out += "\\b";
    else if (c === 0x0c) out += "\\f";
    else if (c === 0x0a) out += "\\n";
    else if (c === 0x0d) out += "\\r";
    else if (c === 0x09) out += "\\t";
    else if (c < 0x20 || c >= 0x80) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += text[i];
  }
  return `${out}"`;
}

/**
 * A value of `json_decode($text, true)` as PHP's `json_encode` writes it without flags: an empty
 * or index-keyed object is a PHP list (`[]`); `undefined` where the JavaScript value cannot tell
 * what PHP would write (an index-like key, which JavaScript orders first).
 */
function phpJson(value: unknown): string | undefined {
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "string") return phpString(value);
  if (Array.isArray(value)) {
    const items = value.map(phpJson);
    return items.includes(undefined) ? undefined : `[${items.join(",")}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "[]";
  if (entries.some(([key]) => /^(?:0|-?[1-9]\d*)$/.test(key))) return undefined;
  const parts: string[] = [];
  for (const [key, item] of entries) {
    const encoded = phpJson(item);
    if (encoded === undefined) return undefined;
    parts.push(`${phpString(key)}:${encoded}`);
  }
  return `{${parts.join(",")}}`;
}

/** A JSON number as written: an integer PHP reads as one and writes back the same. */
const PLAIN_INTEGER = /^-?(?:0|[1-9]\d{0,14})$/;

/**
 * What composer.lock records to tell whether it is up to date with composer.json, as Composer
 * computes it (its Locker): `content-hash`, the MD5 of the JSON of composer.json's relevant
 * keys (and `config.platform`), sorted; for a lock of Composer before 1.3, which records `hash`,
 * the MD5 of the whole file.
 *
 * @param text composer.json's text (valid JSON).
 * @param kind Which one the lock records.
 * @returns The hash in lowercase hex; `undefined` when composer.json holds a value whose encoding
 *   by PHP vouch does not reproduce (a fraction or exponent, which PHP writes as a float, a
 *   large number, an index-like key).
 */
export function composerLockHash(text: string, kind: "content-hash" | "hash"): string | undefined {
  if (kind === "hash") return md5Hex(encoder.encode(text));
  let plain = true;
  const json = JSON.parse(
    text,
    // The source of each number (JSON.parse source text access): `1.0` is PHP's float.
    ((_key: string, value: unknown, context?: { source?: string }) => {
      if (typeof value === "number" && !PLAIN_INTEGER.test(context?.source ?? "")) plain = false;
      return value;
    }) as (key: string, value: unknown) => unknown,
  ) as Record<string, unknown>;
  if (!plain) return undefined;
  const relevant: Record<string, unknown> = {};
  for (const key of RELEVANT_KEYS) if (Object.hasOwn(json, key)) relevant[key] = json[key];
  const config = json.config;
  if (typeof config === "object" && config !== null && Object.hasOwn(config, "platform")) {
    relevant.config = { platform: (config as Record<string, unknown>).platform };
  }
  const sorted = Object.fromEntries(
    Object.keys(relevant).sort().map((key) => [key, relevant[key]]),
  );
  const encoded = phpJson(sorted);
  return encoded === undefined ? undefined : md5Hex(encoder.encode(encoded));
}
