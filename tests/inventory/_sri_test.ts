import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { sriHashes } from "../../src/inventory/_sri.ts";

function digest(alg: string, data: string, encoding: "hex" | "base64"): string {
  return createHash(alg).update(data).digest(encoding);
}

Deno.test("sriHashes: sha512-<base64> becomes lowercase hex", () => {
  const b64 = digest("sha512", "hello", "base64");
  assert.deepEqual(sriHashes(`sha512-${b64}`), [
    { alg: "sha512", hex: digest("sha512", "hello", "hex") },
  ]);
  assert.deepEqual(sriHashes("sha1-qUqP5cyxm6YcTAhz05Hph5gvu9M="), [
    { alg: "sha1", hex: "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3" },
  ]);
});

Deno.test("sriHashes: several hashes in order, every supported algorithm", () => {
  const algs = ["sha512", "sha1", "sha256", "sha384", "md5"];
  const integrity = algs.map((a) => `${a}-${digest(a, "data", "base64")}`).join(" ");
  assert.deepEqual(
    sriHashes(integrity),
    algs.map((alg) => ({ alg, hex: digest(alg, "data", "hex") })),
  );
  const sep = `sha256-${digest("sha256", "x", "base64")}\n\t sha1-${digest("sha1", "x", "base64")}`;
  assert.deepEqual(
    sriHashes(sep).map((h) => h.alg),
    ["sha256", "sha1"],
    "any whitespace separates",
  );
});

Deno.test("sriHashes: algorithm names are case-insensitive; ?options are ignored", () => {
  const b64 = digest("sha256", "x", "base64");
  assert.deepEqual(sriHashes(`SHA256-${b64}?foo=bar`), [
    { alg: "sha256", hex: digest("sha256", "x", "hex") },
  ]);
});

Deno.test("sriHashes: unknown algorithms and malformed parts are ignored", () => {
  const good = `sha256-${digest("sha256", "x", "base64")}`;
  const ignored = [
    "sha3-abcd",
    "crc32-AAAA",
    "sha256",
    "-abcd",
    "sha256-",
    "sha256-not_base64!",
    "sha256-a=b",
    "sha256-abc===",
    "garbage",
  ];
  for (const part of ignored) assert.deepEqual(sriHashes(part), [], part);
  assert.deepEqual(
    sriHashes([...ignored, good].join(" ")),
    [{ alg: "sha256", hex: digest("sha256", "x", "hex") }],
  );
});

Deno.test("sriHashes: empty or absent input gives no hash", () => {
  assert.deepEqual(sriHashes(undefined), []);
  assert.deepEqual(sriHashes(""), []);
  assert.deepEqual(sriHashes("   "), []);
});

Deno.test("sriHashes: Object.prototype names are not algorithms (no hash, no crash)", () => {
  const b64 = digest("sha256", "x", "base64");
  const parts = [
    "constructor-abc",
    `constructor-${b64}`,
    `__proto__-${b64}`,
    `toString-${b64}`,
    `hasOwnProperty-${b64}`,
    `valueOf-${b64}`,
    `CONSTRUCTOR-${b64}`,
  ];
  for (const part of parts) assert.deepEqual(sriHashes(part), [], part);
  assert.deepEqual(sriHashes([...parts, `sha256-${b64}`].join(" ")), [
    { alg: "sha256", hex: digest("sha256", "x", "hex") },
  ]);
});

// A digest cut short (a truncated lockfile) decodes, but to fewer bytes than its algorithm's:
// npm's, pnpm's, Yarn's and Bun's integrity check would fail on every install.
Deno.test("sriHashes: a digest of another length than its algorithm's is refused, as written", () => {
  const full = digest("sha512", "x", "base64");
  for (const part of [`sha512-${full.slice(0, 40)}`, `sha1-${full}`, "sha256-AAAA"]) {
    assert.throws(
      () => sriHashes(`sha1-${digest("sha1", "x", "base64")} ${part}`),
      (e: Error & { code?: string; value?: string }) =>
        e.code === "inventory.digest_invalid" && e.value === part &&
        e.message.includes(`digest ${JSON.stringify(part)} is cut short or too long`),
      part,
    );
  }
});

Deno.test("sriHashes: base64 decoded as Node's Buffer.from decodes it, on random digests", () => {
  // Node: padding optional, a lone last character ignored, bits past the last byte unchecked;
  // vouch: nothing but base64 characters before at most two `=`, else the part is not a hash.
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const odd = ["=", "-", "_", "é", "\u{1F600}", ".", "%"];
  let seed = 5;
  const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 3000; round++) {
    const length = round < 2000 ? 86 + random(3) : random(12); // sha512's 86 to 88, or short
    let text = Array.from({ length }, () => alphabet[random(64)]).join("");
    if (random(4) === 0) text += "=".repeat(1 + random(3));
    if (random(6) === 0) {
      const at = random(text.length + 1);
      text = text.slice(0, at) + odd[random(odd.length)] + text.slice(at);
    }
    const body = text.replace(/=*$/, "");
    const valid = text.length - body.length <= 2 && body.length > 0 &&
      /^[A-Za-z0-9+/]+$/.test(body);
    const bytes = Buffer.from(text, "base64");
    const hex = bytes.toString("hex");
    let got: string | undefined;
    try {
      got = sriHashes(`sha512-${text}`)[0]?.hex;
    } catch (error) {
      // Decoded, but not 64 bytes: refused as cut short (Node's bytes are what was decoded).
      assert.equal((error as { code?: string }).code, "inventory.digest_invalid", text);
      assert.ok(valid && bytes.length !== 64, text);
      continue;
    }
    assert.equal(got, valid ? hex : undefined, text);
  }
});
