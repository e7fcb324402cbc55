import assert from "node:assert/strict";
import { isDenoLockText } from "../../../src/inventory/deno/_lock_shape.ts";

Deno.test("isDenoLockText: a supported version and a lock's tables only, or an unversioned URL map", () => {
  const yes = [
    '{"version":"5","specifiers":{},"jsr":{},"npm":{},"workspace":{}}',
    '{"version":"4","remote":{}}',
    '{"version":"3","packages":{"specifiers":{}},"redirects":{}}',
    '{"version":"2","remote":{},"npm":{"specifiers":{},"packages":{}}}',
    '{"https://deno.land/std/fs/mod.ts":"' + "a".repeat(64) + '"}',
  ];
  const no = [
    "",
    "[]",
    '"4"',
    "{}",
    '{"version":"6","specifiers":{}}',
    '{"version":4,"specifiers":{}}',
    '{"version":"4","name":"pkg"}',
    '{"lockfileVersion":3,"packages":{}}',
    '{"./src/mod.ts":"abc"}',
    '{"version":"4",', // truncated
  ];
  for (const text of yes) assert.equal(isDenoLockText(text), true, text);
  for (const text of no) assert.equal(isDenoLockText(text), false, text);
});
