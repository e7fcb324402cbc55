import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { sha256Hex, uuidV5, VOUCH_UUID_NAMESPACE } from "../src/digest.ts";

const SAMPLES = [
  "",
  "hello",
  '{"a":1}',
  "ünïcødé ✓ 😀",
  "lone \ud800 surrogate",
  "x".repeat(100_000),
];

/** The reference implementation vouch used before WebCrypto (node:crypto). */
function referenceUuidV5(name: string): string {
  const ns = Uint8Array.from(
    VOUCH_UUID_NAMESPACE.replaceAll("-", "").match(/../g)!.map((h) => parseInt(h, 16)),
  );
  const bytes = createHash("sha1").update(ns).update(name).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20)
  }`;
}

Deno.test("uuidV5: the UUIDs vouch has always derived (known values)", async () => {
  assert.equal(await uuidV5(""), "59460212-eec9-52b6-8057-11b591c874d6");
  assert.equal(await uuidV5("hello"), "cf1535e0-f101-56e7-8e64-6cc040261bf1");
  assert.equal(await uuidV5('{"a":1}'), "66dc287e-e582-5663-bc42-9bbb30a27f46");
  assert.equal(await uuidV5("ünïcødé ✓ 😀"), "18846ec8-5f42-5162-a4c1-11aa594a909a");
  assert.equal(await uuidV5("x".repeat(100_000)), "086a4bfe-b8e0-5a60-8fcc-5437f6e1f87e");
});

Deno.test("uuidV5: same as the node:crypto reference, version 5, RFC variant", async () => {
  for (const name of SAMPLES) {
    const uuid = await uuidV5(name);
    assert.equal(uuid, referenceUuidV5(name), JSON.stringify(name.slice(0, 20)));
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  }
  assert.notEqual(await uuidV5("a"), await uuidV5("b"));
});

Deno.test("uuidV5: a name in chunks is the same name, the buffer grown past 4 MiB", async () => {
  assert.equal(await uuidV5(["he", "", "llo"]), await uuidV5("hello"));
  assert.equal(await uuidV5([]), await uuidV5(""));
  assert.equal(await uuidV5(["", "hello"]), await uuidV5("hello"));
  assert.equal(await uuidV5([""]), "59460212-eec9-52b6-8057-11b591c874d6");
  assert.equal(await uuidV5(["ünïc", "ødé ✓ 😀"]), await uuidV5("ünïcødé ✓ 😀"));
  // Chunks whose UTF-8 fills the first buffer several times over: each grown one keeps all.
  const chunks = Array.from({ length: 40 }, (_, i) => `${i}é😀`.repeat(20_000));
  assert.equal(await uuidV5(chunks), referenceUuidV5(chunks.join("")));
});

Deno.test("sha256Hex: known values, text as UTF-8, bytes as given", async () => {
  assert.equal(
    await sha256Hex(""),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
  assert.equal(
    await sha256Hex("hello"),
    "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
  );
  for (const text of SAMPLES) {
    const expected = createHash("sha256").update(text).digest("hex");
    assert.equal(await sha256Hex(text), expected);
    assert.equal(await sha256Hex(new TextEncoder().encode(text)), expected);
  }
});

Deno.test("sha256Hex: a view into a larger buffer hashes only the view", async () => {
  const whole = new TextEncoder().encode("__hello__");
  assert.equal(await sha256Hex(whole.subarray(2, 7)), await sha256Hex("hello"));
});
