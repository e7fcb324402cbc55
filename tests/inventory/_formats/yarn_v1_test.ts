import assert from "node:assert/strict";
import { isVouchError } from "../../../src/errors.ts";
import { parseYarnV1 } from "../../../src/inventory/_formats/yarn_v1.ts";
import { MAX_OBJECT_PROPERTIES } from "../../../src/_util.ts";

const CODE = "inventory.yarn_lock.invalid";

Deno.test("parseYarnV1: entries with several specifiers, quoted and bare values, nested maps", () => {
  const text = [
    "# yarn lockfile v1",
    "",
    '"@a/b@^1", "@a/b@^1.1":',
    '  version "1.2.0"',
    '  resolved "https://registry.yarnpkg.com/@a/b/-/b-1.2.0.tgz#0123"',
    "  integrity sha512-AAAA",
    "  dependencies:",
    '    c "^2 || ^3"',
    '    "@d/e" "1.0.0"',
    "  optionalDependencies:",
    "    f latest",
    "  bundled true",
    "  count 3",
    "",
    '"c@^2 || ^3":',
    '  version "3.0.0"',
    "",
  ].join("\n");
  assert.deepEqual(parseYarnV1(text, "yarn.lock", CODE), [
    {
      specs: ["@a/b@^1", "@a/b@^1.1"],
      line: 3,
      fields: {
        version: "1.2.0",
        resolved: "https://registry.yarnpkg.com/@a/b/-/b-1.2.0.tgz#0123",
        integrity: "sha512-AAAA",
        dependencies: { c: "^2 || ^3", "@d/e": "1.0.0" },
        optionalDependencies: { f: "latest" },
        bundled: true,
        count: 3,
      },
    },
    { specs: ["c@^2 || ^3"], line: 15, fields: { version: "3.0.0" } },
  ]);
  assert.deepEqual(parseYarnV1("", "yarn.lock", CODE), []);
});

Deno.test("parseYarnV1: strict about indentation, quotes, duplicates and stray text", () => {
  const cases: [string, RegExp][] = [
    ['a@1:\n   version "1"\n', /^yarn\.lock:2: invalid yarn\.lock: odd indentation/],
    ['a@1:\n\tversion "1"\n', /^yarn\.lock:2: invalid yarn\.lock: tab in indentation/],
    ['a@1:\n  version "1\n', /^yarn\.lock:2: invalid yarn\.lock: unterminated quoted string/],
    ['a@1:\n  version "\\q"\n', /^yarn\.lock:2: invalid yarn\.lock: invalid escape/],
    [
      'a@1:\n  version "1"\na@1:\n  version "1"\n',
      /^yarn\.lock:3: invalid yarn\.lock: specifier "a@1" appears twice/,
    ],
    [
      'a@1:\n  version "1"\n  version "2"\n',
      /^yarn\.lock:3: invalid yarn\.lock: key "version" appears twice/,
    ],
    [
      'a@1:\n  version "1" extra\n',
      /^yarn\.lock:2: invalid yarn\.lock: unexpected text after the value/,
    ],
    ['a@1\n  version "1"\n', /^yarn\.lock:1: invalid yarn\.lock: expected a value or ':'/],
    ['a@1 "x"\n', /^yarn\.lock:1: invalid yarn\.lock: an entry header must end with ':'/],
    ['a@1:\n    version "1"\n', /^yarn\.lock:2: invalid yarn\.lock: unexpected indentation/],
    ["a@1,b@1:\n", /^yarn\.lock:1: invalid yarn\.lock: expected a space after ','/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseYarnV1(text, "yarn.lock", CODE),
      (error: unknown) => isVouchError(error) && error.code === CODE && message.test(error.message),
      text,
    );
  }
});

Deno.test("parseYarnV1: a block of more keys than an object holds is refused at its line", () => {
  // V8 throws a RangeError on an object's 8,388,608th property: an internal error (exit 3)
  // before, on a 125 MB yarn.lock of one entry with 9.5 million fields.
  const lines = ["p@1.0.0:"];
  for (let i = 0; i <= MAX_OBJECT_PROPERTIES; i++) lines.push(`  f${i} "1"`);
  const line = MAX_OBJECT_PROPERTIES + 2; // of the key past the most
  assert.throws(
    () => parseYarnV1(lines.join("\n"), "yarn.lock", CODE),
    (error) =>
      isVouchError(error) && error.code === CODE &&
      error.message === `yarn.lock:${line}: invalid yarn.lock: a block of more than 8388607 keys`,
  );
});
