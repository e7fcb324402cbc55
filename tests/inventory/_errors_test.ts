import assert from "node:assert/strict";
import {
  at,
  checkDigest,
  nameLine,
  nthLine,
  tomlKeyLine,
  ValueError,
} from "../../src/inventory/_errors.ts";

Deno.test("nthLine and at: the n-th matching line, path:line when known", () => {
  assert.equal(nthLine("a\nb\na\n", "a", 1), 3);
  assert.equal(nthLine("a\n", /^z/), undefined);
  assert.equal(at("f", 2), "f:2");
  assert.equal(at("f", undefined), "f");
});

Deno.test("tomlKeyLine: a header, a sub-table's header, a header ending in the key, an assignment", () => {
  const text = [
    'name = "x"', // 1
    "[tool.poetry]", // 2
    "[[package]]", // 3
    '[metadata.files."a 1.0"]', // 4
    "[project.readme]", // 5
    '"build-system" = 3', // 6
    '"^2.32" = "x"', // 7
  ].join("\n");
  assert.equal(tomlKeyLine(text, "[tool.poetry]"), 2);
  assert.equal(tomlKeyLine(text, "package"), 3);
  assert.equal(tomlKeyLine(text, "metadata.files"), 4);
  assert.equal(tomlKeyLine(text, "readme"), 5);
  assert.equal(tomlKeyLine(text, "[build-system]"), 6);
  assert.equal(tomlKeyLine(text, "name"), 1);
  assert.equal(tomlKeyLine(text, "[tool.poetry.group.^2.32]"), 7, "a quoted part with dots");
  assert.equal(tomlKeyLine(text, "[dependency-groups]"), undefined);
});

Deno.test("nameLine: a name as written, else as PEP 503 normalised it", () => {
  const text = '[[package]]\nname = "Zope.Interface"\n\n[[package]]\nname = "a-b"\n';
  assert.equal(nameLine(text, "a-b"), 5);
  assert.equal(nameLine(text, "zope-interface"), 2);
  assert.equal(nameLine(text, "(x)"), undefined);
  // Found by fuzzing: a name of 100,000 characters not on any line as written (a package.json key
  // of backslashes, escaped in the file) made a pattern too large (an internal error).
  assert.equal(nameLine(text, "\\".repeat(100_000)), undefined);
  assert.equal(nameLine(`x\n${"a".repeat(100_000)}\n`, "a".repeat(100_000)), 2);
});

Deno.test("checkDigest: each algorithm's length passes; another is a ValueError naming the digest", () => {
  const lengths = { md5: 32, sha1: 40, sha256: 64, sha384: 96, sha512: 128 } as const;
  for (const [alg, digits] of Object.entries(lengths) as [keyof typeof lengths, number][]) {
    checkDigest({ alg, hex: "a".repeat(digits) });
    for (const wrong of [digits - 1, digits - 2, digits + 2, 0]) {
      const hex = "a".repeat(wrong);
      assert.throws(
        () => checkDigest({ alg, hex }),
        (e: unknown) =>
          e instanceof ValueError && e.code === "inventory.digest_invalid" && e.value === hex &&
          e.message ===
            `the ${alg} digest ${
              JSON.stringify(hex)
            } is cut short or too long (a ${alg} digest is ${
              digits / 2
            } bytes, ${digits} hex digits)`,
      );
    }
  }
});
