import assert from "node:assert/strict";
import { isVouchError, type VouchError } from "../../../src/errors.ts";
import {
  asciiJsonString,
  keyLine,
  lineAt,
  objectAt,
  parseJsonObject,
  stringAt,
} from "../../../src/inventory/_formats/json.ts";
import { seededRandom } from "../../_util.ts";

function jsonError(text: string, path = "package-lock.json"): VouchError {
  try {
    parseJsonObject(text, path, "inventory.package_lock.invalid");
  } catch (error) {
    assert.ok(isVouchError(error), String(error));
    return error;
  }
  assert.fail("expected a VouchError");
}

Deno.test("lineAt: the 1-based line of an offset", () => {
  const text = "ab\ncd\n\nef";
  assert.equal(lineAt(text, 0), 1);
  assert.equal(lineAt(text, 2), 1, "the newline itself is on line 1");
  assert.equal(lineAt(text, 3), 2);
  assert.equal(lineAt(text, 6), 3);
  assert.equal(lineAt(text, 7), 4);
  assert.equal(lineAt("no newline", 5), 1);
});

Deno.test('keyLine: the line of the first `"key":`, or 1', () => {
  const text = '{\n  "name": "x",\n  "packages": {\n    "node_modules/a": {}\n  }\n}\n';
  assert.equal(keyLine(text, "name"), 2);
  assert.equal(keyLine(text, "packages"), 3);
  assert.equal(keyLine(text, "node_modules/a"), 4);
  assert.equal(keyLine(text, "absent"), 1);
  assert.equal(keyLine('{\n "v": "name"\n}', "name"), 1, "a value equal to the key does not count");
  // Jackson's pretty printer (a Gradle plugin's lock) writes a space before the colon.
  assert.equal(keyLine('{\n  "v" : "name",\n  "name" : {}\n}', "name"), 3);
});

Deno.test("parseJsonObject: an object parses", () => {
  assert.deepEqual(parseJsonObject('{"a": {"b": [1, "x"]}}', "p.json", "c"), {
    a: { b: [1, "x"] },
  });
});

Deno.test("parseJsonObject: a non-object top level is an error on line 1", () => {
  for (const text of ["[1, 2]", "null", '"x"', "42"]) {
    const error = jsonError(text, "deno.lock");
    assert.equal(error.code, "inventory.package_lock.invalid");
    assert.equal(error.message, "deno.lock:1: expected a JSON object at the top level");
    assert.equal(error.hint, "regenerate deno.lock with its package manager");
  }
});

Deno.test("parseJsonObject: the engine-reported line of a syntax error", () => {
  const error = jsonError('{\n  "a": 1\n}\n}\n');
  assert.equal(error.code, "inventory.package_lock.invalid");
  assert.match(error.message, /^package-lock\.json:4: invalid JSON: /);
  assert.ok(!error.message.includes(" in JSON at position"), error.message);
  assert.equal(
    error.hint,
    "fix the JSON syntax at line 4 of package-lock.json (or regenerate the file)",
  );
});

Deno.test("parseJsonObject: truncated input reports the last line", () => {
  const error = jsonError('{\n  "a": 1,\n  "b": ');
  assert.equal(error.message, "package-lock.json:3: invalid JSON: Unexpected end of JSON input");
  assert.equal(
    error.hint,
    "fix the JSON syntax at line 3 of package-lock.json (or regenerate the file)",
  );
  assert.equal(
    jsonError("").message,
    "package-lock.json:1: invalid JSON: Unexpected end of JSON input",
  );
});

Deno.test("parseJsonObject: a stray comma is reported on its line", () => {
  const error = jsonError('{\n  "a": 1,\n\n  "b": [1,,2]\n}\n');
  assert.match(error.message, /^package-lock\.json:4: invalid JSON: /);
});

Deno.test("parseJsonObject: an unexpected token is reported on its line, in one line", () => {
  // V8 reports no position for "Unexpected token" errors; the module must find the line itself.
  const text = '{\n  "name": "demo",\n  "version": oops\n}\n';
  const error = jsonError(text);
  assert.match(error.message, /^package-lock\.json:3: invalid JSON: /);
  assert.equal(
    error.hint,
    "fix the JSON syntax at line 3 of package-lock.json (or regenerate the file)",
  );
  assert.ok(!error.message.includes("\n"), `one line: ${JSON.stringify(error.message)}`);
});

Deno.test("parseJsonObject: a long document's error message does not quote the source", () => {
  const filler = Array.from({ length: 40 }, (_, i) => `  "k${i}": ${i},`).join("\n");
  const text = `{\n${filler}\n  "bad": nope\n}\n`;
  const error = jsonError(text);
  assert.match(error.message, /^package-lock\.json:42: invalid JSON: /);
  assert.ok(!error.message.includes("\n"), `one line: ${JSON.stringify(error.message)}`);
  assert.ok(!error.message.includes('"k1"'), "no excerpt of the file");
});

Deno.test("objectAt and stringAt: typed members, absent or mistyped as empty/undefined", () => {
  const value = { o: { x: 1 }, s: "text", a: [1], n: null, num: 3 };
  assert.deepEqual(objectAt(value, "o"), { x: 1 });
  assert.deepEqual(objectAt(value, "a"), {});
  assert.deepEqual(objectAt(value, "n"), {});
  assert.deepEqual(objectAt(value, "s"), {});
  assert.deepEqual(objectAt(value, "missing"), {});
  assert.equal(stringAt(value, "s"), "text");
  assert.equal(stringAt(value, "num"), undefined);
  assert.equal(stringAt(value, "o"), undefined);
  assert.equal(stringAt(value, "missing"), undefined);
});

Deno.test("parseJsonObject: a duplicate key in one object is an error on its line", () => {
  const error = jsonError('{\n  "packages": {\n    "a": 1,\n    "b": 2,\n    "a": 3\n  }\n}');
  assert.equal(error.code, "inventory.package_lock.invalid");
  assert.match(
    error.message,
    /^package-lock\.json:5: invalid JSON: duplicate key "a" in one object/,
  );
  assert.match(jsonError('{"\\u0061": 1, "a": 2}').message, /duplicate key "a"/, "keys unescaped");
  assert.match(jsonError('{"x": [{"k": 1, "k": 1}]}').message, /:1: .*duplicate key "k"/);
});

Deno.test("parseJsonObject: keys are counted right with and without escaped quotes", () => {
  // No escaped quote (the quick count): values that start with `:` are not keys.
  const colons = '{"a": ":", "b": {"c": ": x", "d": [":", {"e": ":"}]}, "f": "::"}';
  assert.deepEqual(parseJsonObject(colons, "x.json", "c"), JSON.parse(colons));
  assert.match(jsonError('{"a": ":", "b": {"a": ":", "a": ":"}}').message, /duplicate key "a"/);
  assert.match(jsonError('{"a": {"k": ":"}, "a": 2}').message, /:1: .*duplicate key "a"/);
  // With escaped quotes (the scan).
  const escaped = '{"q\\"": "x\\":", "r": {"q\\"": 1}}';
  assert.deepEqual(parseJsonObject(escaped, "x.json", "c"), JSON.parse(escaped));
  assert.match(jsonError('{"q\\"": 1, "r": 0, "q\\"": 2}').message, /duplicate key "q\\""/);
});

Deno.test("parseJsonObject: a duplicate is found whatever the keys' spacing, escapes or place", () => {
  // A key with white space before its colon, and one repeated without.
  assert.match(jsonError('{"a" : 1, "b": 1, "b": 2}').message, /duplicate key "b"/);
  assert.match(jsonError('{"a"\n:\n{"b":1,"b":2}}').message, /duplicate key "b"/);
  // A value holding `":` and a repeated key.
  assert.match(jsonError('{"x": "\\":", "k": 1, "k": 2}').message, /duplicate key "k"/);
  assert.match(jsonError('{"x": ":x", "k": 1, "k": 2}').message, /duplicate key "k"/);
  // A key whose closing quote ends the first 1 MiB count chunk and whose colon starts the next.
  const pad = "x".repeat((1 << 20) - 13);
  assert.equal(`{"p": "${pad}", "k"`.length, 1 << 20);
  assert.match(jsonError(`{"p": "${pad}", "k": 1, "k": 2}`).message, /duplicate key "k"/);
  assert.deepEqual(Object.keys(parseJsonObject(`{"p": "${pad}", "k": 1}`, "x.json", "c")), [
    "p",
    "k",
  ]);
  // The top level is checked for its type after the keys: a string is not its characters.
  assert.match(jsonError('"abc"').message, /expected a JSON object/);
});

Deno.test("parseJsonObject: random objects with and without a repeated key", () => {
  const random = seededRandom(9);
  const keys = ["a", "b", ":", '\\"', '\\":', "\\u0061", " :"];
  const space = ["", " ", "\n", " \t"];
  const pick = <T>(items: T[]): T => items[random(items.length)];
  /** An object text, and whether one of its objects repeats a key (by its value). */
  const object = (depth: number): [string, boolean] => {
    const names = Array.from({ length: random(4) }, () => pick(keys));
    let repeated = new Set(names.map((name) => JSON.parse(`"${name}"`))).size < names.length;
    const members = names.map((name) => {
      let value = JSON.stringify(pick([":", "x", '":', 1]));
      if (depth > 0 && random(2) === 0) {
        const [inner, innerRepeated] = object(depth - 1);
        value = random(2) === 0 ? inner : `[${inner}, ${value}]`;
        repeated ||= innerRepeated;
      }
      return `"${name}"${pick(space)}:${pick(space)}${value}`;
    });
    return [`{${members.join(",")}}`, repeated];
  };
  for (let i = 0; i < 2000; i++) {
    const [text, repeated] = object(3);
    if (repeated) assert.match(jsonError(text).message, /duplicate key/, text);
    else assert.deepEqual(parseJsonObject(text, "x.json", "c"), JSON.parse(text), text);
  }
});

Deno.test("parseJsonObject: the same key in different objects, or a repeated value, is fine", () => {
  const text = '{"a": {"k": 1}, "b": {"k": 2}, "c": ["k", "k"], "d": "k", "k": {"a": "a:"}}';
  assert.deepEqual(parseJsonObject(text, "x.json", "c"), JSON.parse(text));
  const tricky = '{"s": "{\\"a\\": 1, \\"a\\": 2}", "t": "\\\\", "a": 1}';
  assert.deepEqual(parseJsonObject(tricky, "x.json", "c"), JSON.parse(tricky), "braces in strings");
  const deep = `{"a": ${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
  assert.deepEqual(Object.keys(parseJsonObject(deep, "x.json", "c")), ["a"], "any depth");
});

Deno.test("parseJsonObject: a lone surrogate escape is a coded error with the line, not a crash", () => {
  for (const escaped of ["x\\udcff", "\\ud800", "\\ud83dx", "\\ude00\\ud83d"]) {
    const error = jsonError(`{\n  "packages": {\n    "node_modules/${escaped}": {}\n  }\n}`);
    assert.match(
      error.message,
      /^package-lock\.json:3: invalid JSON: the string .* has a lone UTF-16 surrogate escape/,
      escaped,
    );
  }
  assert.deepEqual(
    parseJsonObject('{"e": "\\ud83d\\ude00"}', "x.json", "c"),
    { e: "😀" },
    "a surrogate pair is one character",
  );
});

Deno.test("asciiJsonString: PHP's json_encode and Python's json.dumps escapes of one string", () => {
  const text = 'a"\\/\b\f\n\r\t\x01\x7fé😀';
  // PHP: `/` escaped, DEL as it is; Python: `/` as it is, DEL escaped; both non-ASCII as \u.
  assert.equal(
    asciiJsonString(text, "php"),
    '"a\\"\\\\\\/\\b\\f\\n\\r\\t\\u0001\x7f\\u00e9\\ud83d\\ude00"',
  );
  assert.equal(
    asciiJsonString(text, "python"),
    '"a\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u007f\\u00e9\\ud83d\\ude00"',
  );
});
