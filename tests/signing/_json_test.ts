import assert from "node:assert/strict";
import { isRecord } from "../../src/signing/_json.ts";

Deno.test("isRecord: parsed JSON objects only", () => {
  assert.equal(isRecord(JSON.parse('{"a": 1}')), true);
  assert.equal(isRecord({}), true);
  for (const text of ["[]", "[{}]", "null", "1", '"x"', "true"]) {
    assert.equal(isRecord(JSON.parse(text)), false, text);
  }
  assert.equal(isRecord(undefined), false);
});
