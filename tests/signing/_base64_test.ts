import assert from "node:assert/strict";
import { decodeBase64, encodeBase64, isCanonicalBase64 } from "../../src/signing/_base64.ts";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** RFC 4648 §10 test vectors. */
const VECTORS: [string, string][] = [
  ["", ""],
  ["f", "Zg=="],
  ["fo", "Zm8="],
  ["foo", "Zm9v"],
  ["foob", "Zm9vYg=="],
  ["fooba", "Zm9vYmE="],
  ["foobar", "Zm9vYmFy"],
];

Deno.test("encodeBase64 / decodeBase64: RFC 4648 test vectors", () => {
  for (const [plain, encoded] of VECTORS) {
    assert.equal(encodeBase64(text(plain)), encoded, plain);
    assert.deepEqual(decodeBase64(encoded), text(plain), encoded);
  }
});

Deno.test("encodeBase64: the standard alphabet with + and /", () => {
  assert.equal(encodeBase64(new Uint8Array([0xfb, 0xff, 0xbf])), "+/+/");
  assert.deepEqual(decodeBase64("+/+/"), new Uint8Array([0xfb, 0xff, 0xbf]));
});

Deno.test("encodeBase64: every byte value, and input larger than one 32 KiB chunk", () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  assert.deepEqual(decodeBase64(encodeBase64(all)), all);
  const big = Uint8Array.from({ length: 0x8000 * 2 + 7 }, (_, i) => (i * 31 + 7) % 256);
  const encoded = encodeBase64(big);
  assert.equal(encoded.length, Math.ceil(big.length / 3) * 4);
  assert.equal(encoded, btoa(Array.from(big, (b) => String.fromCharCode(b)).join("")));
  assert.deepEqual(decodeBase64(encoded), big);
});

Deno.test("decodeBase64: anything but standard padded base64 is undefined", () => {
  for (
    const bad of [
      "Zg",
      "Zm8",
      "Zg=",
      "Z===",
      "Zm9v====",
      "Zm9v=",
      "-_-_",
      "Zm9v\n",
      " Zm9v",
      "Zm 9v",
      "Zm9v!",
      "Zg==Zg==",
      "=",
    ]
  ) {
    assert.equal(decodeBase64(bad), undefined, JSON.stringify(bad));
  }
});

Deno.test("decodeBase64: the payload of a large SBOM's bundle, 8 MB of base64, decodes", () => {
  // A pattern of repeated groups overflowed the regexp stack past about 4.8 million characters
  // (a 3.6 MB SBOM): `vouch verify` stopped with an internal error on such a bundle.
  const big = Uint8Array.from({ length: 6_000_001 }, (_, i) => (i * 131 + 17) % 256);
  const encoded = encodeBase64(big);
  assert.ok(encoded.length > 8_000_000);
  assert.deepEqual(decodeBase64(encoded), big);
  assert.equal(decodeBase64(encoded.slice(0, -4) + "Zm9!"), undefined);
  assert.equal(decodeBase64(encoded + "="), undefined);
});

Deno.test("isCanonicalBase64: standard base64 whose last character's unused bits are zero", () => {
  for (const [plain, encoded] of VECTORS) assert.equal(isCanonicalBase64(encoded), true, plain);
  // "Zh==" and "Zm9=" decode as "Zg==" and "Zm8=" do, with other unused bits: not canonical.
  for (const other of ["Zh==", "Zm9=", "Zm+/Zh==", "==", "Zg", "Zg=", "-_-_"]) {
    assert.equal(isCanonicalBase64(other), false, other);
  }
  assert.equal(isCanonicalBase64("Zm9="), false);
  assert.equal(isCanonicalBase64("Zm8="), true);
});
