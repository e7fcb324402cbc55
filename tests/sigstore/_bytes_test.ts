import assert from "node:assert/strict";
import {
  concat,
  decodePem,
  decodeProtoBytes,
  equal,
  fromHex,
  hash,
  toHex,
  utf8,
} from "../../src/sigstore/_bytes.ts";

Deno.test("decodeProtoBytes: standard or URL-safe, padded or not, wrapped lines; nothing else", () => {
  const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x01]);
  for (const text of ["+/+/AQ==", "-_-_AQ==", "+/+/AQ", "-_-_AQ", "+/+/\nAQ==", "+/+/\r\nAQ=="]) {
    assert.deepEqual(decodeProtoBytes(text), bytes, text);
  }
  for (const text of ["+_+/AQ==", "AQ=", "A", "AQ===", "A=Q=", "INVALID!!!BASE64", "AQ== "]) {
    assert.equal(decodeProtoBytes(text), undefined, text);
  }
  assert.deepEqual(decodeProtoBytes(""), new Uint8Array());
});

Deno.test("hex, hash, concat, equal, utf8, decodePem", async () => {
  assert.equal(toHex(new Uint8Array([0, 255])), "00ff");
  assert.deepEqual(fromHex("00FF"), new Uint8Array([0, 255]));
  assert.equal(fromHex("0"), undefined);
  assert.equal(fromHex("zz"), undefined);
  assert.equal(
    toHex(await hash("sha256", new TextEncoder().encode("a"), new TextEncoder().encode("bc"))),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.deepEqual(concat(new Uint8Array([1]), new Uint8Array([2, 3])), new Uint8Array([1, 2, 3]));
  assert.ok(equal(new Uint8Array([1]), new Uint8Array([1])));
  assert.equal(equal(new Uint8Array([1]), new Uint8Array([1, 2])), false);
  assert.equal(utf8(new Uint8Array([0xff])), undefined);
  assert.deepEqual(decodePem("-----BEGIN PUBLIC KEY-----\nAQID\n-----END PUBLIC KEY-----\n"), {
    label: "PUBLIC KEY",
    der: new Uint8Array([1, 2, 3]),
  });
  assert.equal(decodePem("-----BEGIN A-----\nAQID\n-----END B-----\n"), undefined);
  assert.equal(decodePem("AQID"), undefined);
});
