import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { md5Hex, sha256HexSync } from "../../src/inventory/_digest_sync.ts";

const encoder = new TextEncoder();

Deno.test("md5Hex and sha256HexSync: the RFC 1321 and FIPS 180-4 vectors", () => {
  assert.equal(md5Hex(encoder.encode("")), "d41d8cd98f00b204e9800998ecf8427e");
  assert.equal(
    md5Hex(encoder.encode("The quick brown fox jumps over the lazy dog")),
    "9e107d9d372bb6826bd81d3542a419d6",
  );
  assert.equal(
    sha256HexSync(encoder.encode("abc")),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    sha256HexSync(encoder.encode("")),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});

Deno.test("md5Hex and sha256HexSync: node:crypto's digests at every padding length", () => {
  // Lengths around the 56- and 64-byte block edges, several blocks, non-ASCII text as UTF-8.
  for (let n = 0; n < 200; n++) {
    const bytes = encoder.encode("é/ab".repeat(n).slice(0, n));
    assert.equal(md5Hex(bytes), createHash("md5").update(bytes).digest("hex"), `md5 ${n}`);
    assert.equal(
      sha256HexSync(bytes),
      createHash("sha256").update(bytes).digest("hex"),
      `sha256 ${n}`,
    );
  }
});
