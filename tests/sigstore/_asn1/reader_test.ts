import assert from "node:assert/strict";
import {
  DerError,
  formatInstant,
  instantFromFields,
  parseDer,
  readBitString,
  readBoolean,
  readInteger,
  readOid,
  readSequence,
  readSmallInteger,
  readString,
  readTime,
} from "../../../src/sigstore/_asn1/reader.ts";
import { writeDer } from "../../../src/signing/_der.ts";
import { bool, generalizedTime, int, oid, seq, utcTime, utf8String } from "../_der_builder.ts";

const el = (bytes: Uint8Array) => parseDer(bytes, "test");
const der = (tag: number, ...content: number[]) => writeDer(tag, new Uint8Array(content));

Deno.test("readTime: UTCTime (1950-2049) and GeneralizedTime with fractions, exactly", () => {
  assert.equal(
    readTime(el(utcTime(new Date("2049-12-31T23:59:59Z"))), "t"),
    BigInt(Date.UTC(2049, 11, 31, 23, 59, 59)) * 1_000_000n,
  );
  assert.equal(
    readTime(el(utcTime(new Date("1950-01-01T00:00:00Z"))), "t"),
    BigInt(Date.UTC(1950, 0, 1)) * 1_000_000n,
  );
  assert.equal(
    readTime(el(generalizedTime(new Date("2025-06-12T12:02:20Z"))), "t"),
    BigInt(Date.UTC(2025, 5, 12, 12, 2, 20)) * 1_000_000n,
  );
  const fraction = writeDer(0x18, new TextEncoder().encode("20250612120220.123456789Z"));
  assert.equal(readTime(el(fraction), "t") % 1_000_000_000n, 123456789n);
  for (
    const text of [
      "20250230120000Z",
      "20250612120220",
      "2025061212022Z",
      "20250612120220.10Z",
      "20250612240000Z",
      "20250612120220.Z",
    ]
  ) {
    assert.throws(
      () => readTime(el(writeDer(0x18, new TextEncoder().encode(text))), "t"),
      DerError,
      text,
    );
  }
  assert.throws(
    () => readTime(el(writeDer(0x17, new TextEncoder().encode("250612120220+0100"))), "t"),
    DerError,
  );
  assert.throws(() => readTime(el(int(5)), "t"), /not a UTCTime/);
  assert.equal(
    instantFromFields([2024, 2, 29, 0, 0, 0], ""),
    BigInt(Date.UTC(2024, 1, 29)) * 1_000_000n,
  );
  assert.equal(instantFromFields([2023, 2, 29, 0, 0, 0], ""), undefined);
  assert.equal(formatInstant(0n), "1970-01-01T00:00:00.000Z");
  assert.equal(formatInstant(10n ** 30n), `${10n ** 30n}ns`);
});

Deno.test("readInteger / readSmallInteger: minimal encodings, sign, 31-bit bound", () => {
  assert.deepEqual(readInteger(el(int(128)), "i"), new Uint8Array([0, 128]));
  assert.equal(readSmallInteger(el(int(0x7fffffff)), "i"), 0x7fffffff);
  assert.throws(() => readSmallInteger(el(int(0x80000000)), "i"), /too large/);
  assert.throws(() => readSmallInteger(el(der(0x02, 0xff)), "i"), /negative/);
  assert.throws(() => readInteger(el(der(0x02, 0, 1)), "i"), /not minimally encoded/);
  assert.throws(() => readInteger(el(der(0x02, 0xff, 0x80)), "i"), /not minimally encoded/);
  assert.throws(() => readInteger(el(der(0x02)), "i"), /empty/);
  // A huge integer is read as bytes, never converted.
  const huge = writeDer(0x02, new Uint8Array(100_000).fill(0x11));
  assert.equal(readInteger(el(huge), "i").length, 100_000);
  assert.throws(() => readSmallInteger(el(huge), "i"), /too large/);
});

Deno.test("readBoolean, readBitString, readOid, readString: DER rules", () => {
  assert.equal(readBoolean(el(bool(true)), "b"), true);
  assert.throws(() => readBoolean(el(der(0x01, 1)), "b"), /not DER/);
  assert.deepEqual(readBitString(el(der(0x03, 0, 0xaa)), "b"), new Uint8Array([0xaa]));
  assert.throws(() => readBitString(el(der(0x03, 1, 0xaa)), "b"), /unused bits/);
  assert.deepEqual(readBitString(el(der(0x03, 1, 0xaa)), "b", true), new Uint8Array([0xaa]));
  assert.throws(() => readBitString(el(der(0x03, 8, 0)), "b", true), /malformed/);
  assert.throws(() => readBitString(el(der(0x03)), "b"), /malformed/);
  assert.equal(readOid(el(oid("1.3.6.1.4.1.57264.1.8")), "o"), "1.3.6.1.4.1.57264.1.8");
  assert.throws(() => readOid(el(der(0x06, 0x80)), "o"), DerError);
  assert.equal(readString(el(utf8String("héllo")), "s"), "héllo");
  assert.throws(() => readString(el(der(0x0c, 0xff)), "s"), /not UTF-8/);
  assert.throws(() => readString(el(int(1)), "s"), /not a character string/);
  assert.throws(() => readString(undefined, "s"), /missing/);
});

Deno.test("hostile DER: truncation, lengths past the end, long length fields, 10,000-deep nesting", () => {
  const good = seq(int(1), int(2));
  for (let cut = 0; cut < good.length; cut++) {
    assert.throws(() => parseDer(good.subarray(0, cut), "x"), DerError);
  }
  assert.throws(
    () => parseDer(new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff]), "x"),
    /bad length|truncated/,
  );
  assert.throws(() => parseDer(new Uint8Array([0x30, 0x85, 1, 0, 0, 0, 0]), "x"), /bad length/);
  assert.throws(() => parseDer(new Uint8Array([0x30, 0x80, 0, 0]), "x"), /indefinite/);
  assert.throws(() => parseDer(new Uint8Array([0x1f, 0x81, 0x00]), "x"), /multi-byte tags/);
  // 10,000 nested SEQUENCEs: each level is read on demand, without recursion.
  let nested: Uint8Array = new Uint8Array([0x05, 0x00]);
  for (let i = 0; i < 10_000; i++) nested = writeDer(0x30, nested);
  let level = parseDer(nested, "deep");
  for (let i = 0; i < 10_000; i++) level = readSequence(level, "deep")[0];
  assert.equal(level.tag, 0x05);
  assert.throws(() => readSequence(el(int(1)), "s"), /expected tag 0x30/);
});
