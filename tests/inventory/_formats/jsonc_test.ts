import assert from "node:assert/strict";
import { isVouchError, type VouchError } from "../../../src/errors.ts";
import { parseJsoncObject } from "../../../src/inventory/_formats/jsonc.ts";
import { seededRandom } from "../../_util.ts";

const CODE = "inventory.bun_lock.invalid";

function jsoncError(text: string): VouchError {
  try {
    parseJsoncObject(text, "bun.lock", CODE);
  } catch (error) {
    assert.ok(isVouchError(error), String(error));
    assert.equal(error.code, CODE);
    return error;
  }
  assert.fail("expected a VouchError");
}

Deno.test("parseJsoncObject: comments and trailing commas, otherwise JSON", () => {
  assert.deepEqual(
    parseJsoncObject(
      '\uFEFF{\n  // line\n  "a": [1, 2, /* block */],\n  "b": {"c": "// not a comment", "d": "/*",},\n  "e": "\\u00e9\\n",\n}\n',
      "bun.lock",
      CODE,
    ),
    { a: [1, 2], b: { c: "// not a comment", d: "/*" }, e: "é\n" },
  );
  assert.deepEqual(parseJsoncObject('{"a" /*x*/ : /*y*/ 1 /*z*/ , /*w*/ }', "f", CODE), { a: 1 });
  assert.deepEqual(parseJsoncObject('{"__proto__": {"x": 1}}', "f", CODE).__proto__, { x: 1 });
  assert.deepEqual(parseJsoncObject("{}", "f", CODE), {});
  assert.deepEqual(parseJsoncObject('{"a": "\\ud83d\\ude00"}', "f", CODE), { a: "\u{1F600}" });
});

Deno.test("parseJsoncObject: strict about everything else, with file:line", () => {
  const cases: [string, RegExp][] = [
    ['{"a": 1,\n "a": 2}', /^bun\.lock:2: invalid JSONC: duplicate key "a"/],
    ['{"a": {"b": 1, "b": 1}}', /^bun\.lock:1: invalid JSONC: duplicate key "b"/],
    ['{"a": [1,,2]}', /^bun\.lock:1: invalid JSONC: expected a value, found ","/],
    ["{,}", /^bun\.lock:1: invalid JSONC: expected a key in double quotes, found ","/],
    ['{"a": 1', /^bun\.lock:1: invalid JSONC: unexpected end of input/],
    ['{\n"a": "x', /^bun\.lock:2: invalid JSONC: unterminated string/],
    ['{"a": "\\q"}', /^bun\.lock:1: invalid JSONC: invalid character or escape in a string/],
    ['{"a": "tab\there"}', /^bun\.lock:1: invalid JSONC: invalid character or escape/],
    ['{"a": 01}', /^bun\.lock:1: invalid JSONC: expected ',' or '}', found "1"/],
    ["{'a': 1}", /^bun\.lock:1: invalid JSONC: expected a key in double quotes/],
    ['{"a": 1}\n}', /^bun\.lock:2: invalid JSONC: unexpected "}" after the end/],
    ['{"a": 1} /* open', /^bun\.lock:1: invalid JSONC: unterminated \/\* comment/],
    ['{"a": NaN}', /^bun\.lock:1: invalid JSONC: expected a value, found "N"/],
    ["[1, 2]", /^bun\.lock:1: expected an object at the top level/],
    // A lone surrogate escape, as the JSON readers refuse it (it was read, then written out).
    ['{\n"a": "x\\ud800"}', /^bun\.lock:2: invalid JSONC: the string "x\\ud800" has a lone UTF-16/],
    ['{"\\udc00": 1}', /^bun\.lock:1: invalid JSONC: the string "\\udc00" has a lone UTF-16/],
  ];
  for (const [text, message] of cases) assert.match(jsoncError(text).message, message, text);
});

Deno.test("parseJsoncObject: deep nesting does not overflow the stack", () => {
  const depth = 20000;
  const text = `{"a": ${"[".repeat(depth)}${"]".repeat(depth)}}`;
  assert.equal(Array.isArray(parseJsoncObject(text, "f", CODE).a), true);
});

Deno.test("parseJsoncObject: trailing commas only after a value, strings kept whole", () => {
  assert.deepEqual(
    parseJsoncObject(
      '{"a": [1, [2,], {"b": ",]"},\n ], "c": "\\",}", "d": {"e": {},},}',
      "f",
      CODE,
    ),
    { a: [1, [2], { b: ",]" }], c: '",}', d: { e: {} } },
  );
  const cases: [string, RegExp][] = [
    ['{"a": [,]}', /^bun\.lock:1: invalid JSONC: expected a value, found ","/],
    ['{"a": [ \n,\n]}', /^bun\.lock:2: invalid JSONC: expected a value, found ","/],
    ['{"a": {,}}', /^bun\.lock:1: invalid JSONC: expected a key in double quotes, found ","/],
    ['{"a": [1,,]}', /^bun\.lock:1: invalid JSONC: expected a value, found ","/],
    ['{"a":,}', /^bun\.lock:1: invalid JSONC: expected a value, found ","/],
    ['{"a",}', /^bun\.lock:1: invalid JSONC: expected ':' after a key, found ","/],
    ['{"a": [1,\u00a0]}', /^bun\.lock:1: invalid JSONC: expected a value, found "\u00a0"/],
    ['{"a": "x\\\n", "b": 1,}', /^bun\.lock:1: invalid JSONC: invalid character or escape/],
    ['{"a": 1, "\\u0061": 2,}', /^bun\.lock:1: invalid JSONC: duplicate key "a"/],
    ['{"a": 1,}\n,', /^bun\.lock:2: invalid JSONC: unexpected "," after the end/],
  ];
  for (const [text, message] of cases) assert.match(jsoncError(text).message, message, text);
});

/** The value or error message of a text. */
function outcome(text: string): unknown {
  try {
    return parseJsoncObject(text, "f", CODE);
  } catch (error) {
    return (error as Error).message;
  }
}

Deno.test("parseJsoncObject: a text reads as with a comment before it (random texts)", () => {
  // A comment at the start makes the text JSONC that JSON.parse refuses: read token by token.
  const tokens = [
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    '"a"',
    '"b"',
    '"\\u0061"',
    '"\\ud800"',
    '"\\ud83d\\ude00"',
    '",]"',
    '"\\\\"',
    '"',
    "\\",
    "1",
    "-0.5",
    "01",
    "true",
    "null",
    " ",
    "\n",
    "\u00a0",
    "/* c */",
    "// c\n",
  ];
  let seed = 7;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed >>> 16) % n;
  };
  const value = (depth: number): string => {
    const kind = random(depth > 3 ? 3 : 5);
    if (kind === 0) return ['"a"', "1", "null", '"x,]"'][random(4)];
    if (kind === 1) return "true";
    if (kind === 2) return '"\\u00e9"';
    const items: string[] = [];
    for (let i = random(4); i > 0; i--) {
      items.push(kind === 3 ? value(depth + 1) : `"${"abc"[random(3)]}": ${value(depth + 1)}`);
    }
    const body = items.join(random(2) ? ", " : ",\n") + (items.length > 0 && random(2) ? "," : "");
    return kind === 3 ? `[${body}]` : `{${body}}`;
  };
  for (let i = 0; i < 3000; i++) {
    let text = `{"x": ${value(0)}}`;
    for (let n = random(3); n > 0; n--) {
      const at = random(text.length + 1);
      text = random(3) === 0
        ? text.slice(0, at) + text.slice(at + 1)
        : text.slice(0, at) + tokens[random(tokens.length)] + text.slice(at);
    }
    assert.deepEqual(outcome(text), outcome(`/**/${text}`), text);
  }
});

Deno.test("parseJsoncObject: trailing commas cut as the comment-aware parser cuts them", () => {
  const lines =
    '{\n  "a": [ "x, ]", "y", ],\n  "b": {\n    "c": "d, }",\n  },\n  "e": [\n    1,\n  ],\n}\n';
  assert.deepEqual(parseJsoncObject(lines, "f", CODE), {
    a: ["x, ]", "y"],
    b: { c: "d, }" },
    e: [1],
  });
  // A comma just after an opening bracket is no trailing comma, on its line or the next.
  for (const text of ['{"a": [\n  ,\n]}', '{"a": [\n  , ]}', '{"a": {\n , }}', '{"a": [ , ]}']) {
    assert.match(jsoncError(text).message, /invalid JSONC/, text);
  }
  // A string may not hold a line break, even one before a comma and a bracket.
  assert.match(jsoncError('{"a": "x,\n]"}').message, /invalid JSONC/);
});

Deno.test("parseJsoncObject: random texts read as the comment-aware parser reads them", () => {
  const random = seededRandom(21);
  const pick = <T>(items: T[]): T => items[random(items.length)];
  const space = ["", " ", "\n", "  \n  ", "\r\n"];
  const strings = ['"x"', '", ]"', '",\\n}"', '"a\\"b, ]"', '"[,"', '"{"'];
  const value = (depth: number): string => {
    const items = Array.from(
      { length: random(4) },
      () => depth > 0 && random(2) === 0 ? value(depth - 1) : pick(strings),
    );
    const trailing = items.length > 0 && random(2) === 0 ? `,${pick(space)}` : "";
    if (random(2) === 0) return `[${pick(space)}${items.join(`,${pick(space)}`)}${trailing}]`;
    const members = items.map((item, i) => `"k${i}":${pick(space)}${item}`);
    return `{${pick(space)}${members.join(`,${pick(space)}`)}${trailing}${pick(space)}}`;
  };
  for (let i = 0; i < 3000; i++) {
    let text = `{"v": ${value(3)}}`;
    // Now and then a stray character somewhere: a comma, a bracket, a quote, a line break.
    if (random(3) === 0) {
      const at = random(text.length);
      text = text.slice(0, at) + pick([",", "]", "}", "[", '"', "\n", " ,"]) + text.slice(at);
    }
    // A comment makes the text the comment-aware parser's alone: the reference.
    const reference = `${text}\n// end`;
    let expected: unknown;
    try {
      expected = parseJsoncObject(reference, "f", CODE);
    } catch {
      expected = "invalid";
    }
    let actual: unknown;
    try {
      actual = parseJsoncObject(text, "f", CODE);
    } catch {
      actual = "invalid";
    }
    assert.deepEqual(actual, expected, JSON.stringify(text));
  }
});
