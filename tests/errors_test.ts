import assert from "node:assert/strict";
import { isVouchError, type Problem, VouchError } from "../src/errors.ts";

Deno.test("VouchError: code, message and hint; an Error named VouchError", () => {
  const error = new VouchError("subjects.empty", "no release subject given", "pass --subject PATH");
  assert.equal(error.code, "subjects.empty");
  assert.equal(error.message, "no release subject given");
  assert.equal(error.hint, "pass --subject PATH");
  assert.equal(error.name, "VouchError");
  assert.ok(error instanceof Error);
  assert.ok(error instanceof VouchError);
  assert.equal(typeof error.stack, "string");
  assert.match(String(error), /^VouchError: no release subject given$/);
});

Deno.test("VouchError.toProblem: a plain record with exactly code, message and hint", () => {
  const error = new VouchError("a.b", "what went wrong", "how to fix it");
  const problem: Problem = error.toProblem();
  assert.deepEqual(problem, { code: "a.b", message: "what went wrong", hint: "how to fix it" });
  assert.equal(Object.getPrototypeOf(problem), Object.prototype);
  assert.equal(
    JSON.stringify(problem),
    '{"code":"a.b","message":"what went wrong","hint":"how to fix it"}',
  );
});

Deno.test("isVouchError: true only for VouchError instances", () => {
  assert.equal(isVouchError(new VouchError("c", "m", "h")), true);
  assert.equal(isVouchError(new Error("m")), false);
  assert.equal(isVouchError(new TypeError("m")), false);
  assert.equal(isVouchError({ code: "c", message: "m", hint: "h" }), false, "a look-alike record");
  assert.equal(isVouchError(undefined), false);
  assert.equal(isVouchError(null), false);
  assert.equal(isVouchError("error"), false);
  class Sub extends VouchError {}
  assert.equal(isVouchError(new Sub("c", "m", "h")), true);
});

Deno.test("VouchError can be thrown and caught by code", () => {
  assert.throws(
    () => {
      throw new VouchError("x.y", "msg", "hint");
    },
    (e: unknown) => isVouchError(e) && e.code === "x.y" && e.hint === "hint",
  );
});
