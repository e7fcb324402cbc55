import assert from "node:assert/strict";
import { findDuplicateKey } from "../../../src/inventory/_formats/json_keys.ts";

Deno.test("findDuplicateKey: the second occurrence of a key in the same object", () => {
  assert.equal(findDuplicateKey('{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}'), undefined);
  assert.deepEqual(findDuplicateKey('{"a": 1, "b": {"a": 2}, "a": 3}'), { key: "a", offset: 24 });
  assert.deepEqual(findDuplicateKey('{"x": {"k": 1,\n "k": 2}}'), { key: "k", offset: 16 });
  assert.equal(findDuplicateKey('{"a": "a", "b": "a"}'), undefined, "values are not keys");
  assert.equal(findDuplicateKey('{"a": ["a", "a"]}'), undefined, "array items are not keys");
  assert.equal(findDuplicateKey('{"a\\"b": 1, "a\\\\": 2}'), undefined);
  assert.deepEqual(
    findDuplicateKey('{"\\u0061": 1, "a": 2}'),
    { key: "a", offset: 14 },
    "escapes decoded",
  );
  assert.deepEqual(findDuplicateKey('[{"k": {}, "k": []}]'), { key: "k", offset: 11 });
  assert.equal(findDuplicateKey("[]"), undefined);
  for (
    const text of [
      '{"a": 1, "b": {"a": 2}, "a": 3}',
      '{"x": [{"k": 1, "k": 2}]}',
      '{"a": {}, "b": [1]}',
    ]
  ) {
    assert.deepEqual(findDuplicateKey(text, JSON.parse(text)), findDuplicateKey(text), text);
  }
});
