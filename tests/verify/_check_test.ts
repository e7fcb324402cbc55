import assert from "node:assert/strict";
import { fail, isSha256, isText, pass, quote } from "../../src/verify/_check.ts";

Deno.test("pass/fail build checks; file only when given", () => {
  assert.deepEqual(pass("a.b", "m"), { code: "a.b", ok: true, message: "m" });
  assert.deepEqual(fail("a.c", "m", "f"), { code: "a.c", ok: false, message: "m", file: "f" });
});

Deno.test("quote is short and never throws", () => {
  assert.equal(quote("ab"), '"ab"');
  assert.equal(quote("x".repeat(200)).length, 85);
  assert.equal(quote([1]), "an array");
  assert.equal(quote({}), "an object");
  assert.equal(quote(undefined), "nothing");
  assert.equal(quote(3), "3");
  assert.equal(isText(""), false);
});

Deno.test("attack: hostile JSON values: isSha256 never converts an object ({toString: 1})", () => {
  assert.equal(isSha256("a".repeat(64)), true);
  for (
    const value of ["A".repeat(64), "a".repeat(63), ["a".repeat(64)], { toString: 1 }, null, 1]
  ) {
    assert.equal(isSha256(value), false, quote(value));
  }
});
