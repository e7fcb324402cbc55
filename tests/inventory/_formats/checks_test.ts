import assert from "node:assert/strict";
import { duplicateJsonKey, replacementLine } from "../../../src/inventory/_formats/checks.ts";

Deno.test("replacementLine: the line of the first U+FFFD a lenient decoder left", () => {
  const bytes = new Uint8Array([...new TextEncoder().encode("a\nb\nc"), 0xff, 0x0a]);
  assert.equal(replacementLine(new TextDecoder().decode(bytes)), 3);
  assert.equal(replacementLine("all\nfine\n"), undefined);
});

Deno.test("duplicateJsonKey: a key written twice in one object, with its line", () => {
  const check = (text: string): ReturnType<typeof duplicateJsonKey> =>
    duplicateJsonKey(text, JSON.parse(text));
  assert.equal(check('{"a": 1, "b": {"a": 2}, "c": [{"a": 3}, {"a": 4}]}'), undefined);
  assert.deepEqual(check('{\n  "a": 1,\n  "a": 2\n}'), { key: "a", line: 3 });
  assert.deepEqual(check('{"x": [{"k": 1}, {\n"k": 1, "k": 2}]}'), { key: "k", line: 2 });
  assert.deepEqual(check('{"a": 1, "\\u0061": 2}'), { key: "a", line: 1 }, "escapes decoded");
  assert.equal(check('{"a": "\\": not a key", "b": "x\\\\"}'), undefined, "escaped quotes");
  assert.equal(check('{"a": "b:", "c": ["d", "e"]}'), undefined, "values are not keys");
  assert.equal(check("[]"), undefined);
});
