import assert from "node:assert/strict";
import { bytesEqual } from "../../src/verify/_bytes.ts";

Deno.test("bytesEqual: equal bytes, views into larger buffers, and every kind of difference", () => {
  const a = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
  assert.equal(bytesEqual(a, a.slice()), true);
  assert.equal(bytesEqual(new Uint8Array(), new Uint8Array()), true);
  const framed = new Uint8Array(1010);
  framed.set(a, 5);
  assert.equal(bytesEqual(framed.subarray(5, 1005), a), true);
  assert.equal(bytesEqual(framed.subarray(4, 1004), a), false);
  assert.equal(bytesEqual(a.subarray(0, 999), a), false);
  const last = a.slice();
  last[999] ^= 1;
  assert.equal(bytesEqual(last, a), false);
});
