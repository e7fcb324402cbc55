import assert from "node:assert/strict";
import {
  DerError,
  oidToString,
  readChildren,
  readDer,
  TAG_BIT_STRING,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
  writeConstructed,
  writeDer,
} from "../../src/signing/_der.ts";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

Deno.test("DER tag constants", () => {
  assert.deepEqual(
    [TAG_INTEGER, TAG_BIT_STRING, TAG_OCTET_STRING, TAG_OID, TAG_SEQUENCE],
    [0x02, 0x03, 0x04, 0x06, 0x30],
  );
});

Deno.test("writeDer: short and long definite lengths, minimal", () => {
  assert.deepEqual(writeDer(TAG_INTEGER, bytes(0x01)), bytes(0x02, 0x01, 0x01));
  assert.deepEqual(writeDer(TAG_OCTET_STRING, bytes()), bytes(0x04, 0x00));
  const at127 = writeDer(TAG_OCTET_STRING, new Uint8Array(127));
  assert.deepEqual(at127.subarray(0, 2), bytes(0x04, 0x7f));
  assert.equal(at127.length, 129);
  const at128 = writeDer(TAG_OCTET_STRING, new Uint8Array(128));
  assert.deepEqual(at128.subarray(0, 3), bytes(0x04, 0x81, 0x80));
  assert.equal(at128.length, 131);
  const at256 = writeDer(TAG_OCTET_STRING, new Uint8Array(256));
  assert.deepEqual(at256.subarray(0, 4), bytes(0x04, 0x82, 0x01, 0x00));
  const at70000 = writeDer(TAG_OCTET_STRING, new Uint8Array(70000));
  assert.deepEqual(at70000.subarray(0, 5), bytes(0x04, 0x83, 0x01, 0x11, 0x70));
  assert.equal(at70000.length, 70005);
});

Deno.test("readDer: reads back what writeDer wrote", () => {
  for (const size of [0, 1, 127, 128, 255, 256, 65535, 65536]) {
    const content = Uint8Array.from({ length: size }, (_, i) => i % 251);
    const element = readDer(writeDer(TAG_OCTET_STRING, content));
    assert.equal(element.tag, TAG_OCTET_STRING);
    assert.deepEqual(element.content, content, `size ${size}`);
  }
});

Deno.test("readChildren: the elements of a SEQUENCE, in order", () => {
  const seq = writeDer(
    TAG_SEQUENCE,
    new Uint8Array([
      ...writeDer(TAG_INTEGER, bytes(0x05)),
      ...writeDer(TAG_OID, bytes(0x2b, 0x65, 0x70)),
      ...writeDer(TAG_BIT_STRING, new Uint8Array(200)),
    ]),
  );
  const outer = readDer(seq);
  assert.equal(outer.tag, TAG_SEQUENCE);
  const children = readChildren(outer.content);
  assert.deepEqual(children.map((c) => c.tag), [TAG_INTEGER, TAG_OID, TAG_BIT_STRING]);
  assert.deepEqual(children[0].content, bytes(0x05));
  assert.equal(oidToString(children[1].content), "1.3.101.112");
  assert.equal(children[2].content.length, 200);
  assert.deepEqual(readChildren(new Uint8Array()), []);
});

Deno.test("readDer: malformed DER throws DerError", () => {
  const cases: [string, Uint8Array][] = [
    ["empty", bytes()],
    ["tag only", bytes(0x30)],
    ["multi-byte tag", bytes(0x1f, 0x01, 0x00)],
    ["indefinite length", bytes(0x30, 0x80, 0x00, 0x00)],
    ["non-minimal long form for a short length", bytes(0x04, 0x81, 0x05, 1, 2, 3, 4, 5)],
    ["leading zero length byte", bytes(0x04, 0x82, 0x00, 0x80, ...new Uint8Array(128))],
    ["more than 4 length bytes", bytes(0x04, 0x85, 0, 0, 0, 0, 1, 0)],
    ["length bytes past the end", bytes(0x04, 0x82, 0x01)],
    ["content past the end", bytes(0x04, 0x05, 1, 2)],
    ["trailing bytes", bytes(0x02, 0x01, 0x01, 0x00)],
  ];
  for (const [what, der] of cases) {
    assert.throws(() => readDer(der), DerError, what);
  }
  assert.throws(() => readChildren(bytes(0x02, 0x01, 0x01, 0x02)), DerError, "truncated child");
});

Deno.test("DerError is an Error", () => {
  assert.ok(new DerError("x") instanceof Error);
});

Deno.test("oidToString: well-known object identifiers", () => {
  assert.equal(oidToString(bytes(0x2b, 0x65, 0x70)), "1.3.101.112", "Ed25519");
  assert.equal(
    oidToString(bytes(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01)),
    "1.2.840.10045.2.1",
    "id-ecPublicKey",
  );
  assert.equal(
    oidToString(bytes(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07)),
    "1.2.840.10045.3.1.7",
    "prime256v1",
  );
  assert.equal(
    oidToString(bytes(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01)),
    "1.2.840.113549.1.1.1",
    "rsaEncryption",
  );
  assert.equal(oidToString(bytes(0x00)), "0.0");
  assert.equal(oidToString(bytes(0x4f)), "1.39");
  assert.equal(oidToString(bytes(0x50)), "2.0");
  assert.equal(oidToString(bytes(0x88, 0x37, 0x03)), "2.999.3", "a first arc of 80 or more");
});

Deno.test("oidToString: malformed identifiers throw DerError", () => {
  assert.throws(() => oidToString(bytes()), DerError, "empty");
  assert.throws(() => oidToString(bytes(0x2b, 0x86)), DerError, "unterminated arc");
  assert.throws(() => oidToString(bytes(0x2b, 0x80, 0x01)), DerError, "non-minimal arc");
  assert.throws(() => oidToString(bytes(0x80, 0x01)), DerError, "non-minimal first arc");
});

Deno.test("writeConstructed: children concatenated in order; reads back", () => {
  const a = writeDer(TAG_INTEGER, bytes(0x05));
  const b = writeDer(TAG_OCTET_STRING, bytes(0xaa, 0xbb));
  const seq = writeConstructed(TAG_SEQUENCE, [a, b]);
  assert.deepEqual(seq, bytes(0x30, 0x07, 0x02, 0x01, 0x05, 0x04, 0x02, 0xaa, 0xbb));
  assert.deepEqual(readChildren(readDer(seq).content), [
    { tag: TAG_INTEGER, content: bytes(0x05), raw: a },
    { tag: TAG_OCTET_STRING, content: bytes(0xaa, 0xbb), raw: b },
  ]);
  assert.deepEqual(writeConstructed(0xa1, []), bytes(0xa1, 0x00));
});
