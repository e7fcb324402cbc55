import assert from "node:assert/strict";
import { isVouchError, type VouchError } from "../../../src/errors.ts";
import { parseToml } from "../../../src/inventory/_formats/toml.ts";

function tomlError(
  text: string,
  file = "pyproject.toml",
  code = "inventory.pyproject.invalid",
): VouchError {
  try {
    parseToml(text, file, code);
  } catch (error) {
    assert.ok(isVouchError(error), String(error));
    return error;
  }
  assert.fail("expected a VouchError");
}

Deno.test("parseToml: tables, arrays of tables, inline tables and values", () => {
  const table = parseToml(
    [
      "[project]",
      'name = "demo"',
      'dependencies = ["a>=1", "b"]',
      "",
      "[tool.poetry.dependencies]",
      'python = "^3.10"',
      'x = { version = "1.0", optional = true }',
      "",
      "[[package]]",
      'name = "a"',
      "size = 12",
      "[[package]]",
      'name = "b"',
      "ratio = 1.5",
      "",
    ].join("\n"),
    "pyproject.toml",
    "inventory.pyproject.invalid",
  );
  // smol-toml builds null-prototype objects; compare the data.
  assert.deepEqual(JSON.parse(JSON.stringify(table)), {
    project: { name: "demo", dependencies: ["a>=1", "b"] },
    tool: { poetry: { dependencies: { python: "^3.10", x: { version: "1.0", optional: true } } } },
    package: [{ name: "a", size: 12 }, { name: "b", ratio: 1.5 }],
  });
  assert.deepEqual(Object.keys(parseToml("", "empty.toml", "c")), []);
});

Deno.test("parseToml: a syntax error is a VouchError with the given code and file:line:column", () => {
  const error = tomlError('[project]\nname = "x"\ndependencies = [\n  "a",\n  oops\n]\n');
  assert.equal(error.code, "inventory.pyproject.invalid");
  assert.match(error.message, /^pyproject\.toml:5:\d+: invalid TOML: \S/);
  assert.ok(!error.message.includes("\n"), "one line");
  assert.ok(!error.message.includes("Invalid TOML document"), "the engine's prefix is removed");
  assert.equal(error.hint, "fix the TOML syntax at line 5 of pyproject.toml");
});

Deno.test("parseToml: line and column of the offending character", () => {
  const error = tomlError("a = 1\nb = \n", "uv.lock", "inventory.uv_lock.invalid");
  assert.equal(error.code, "inventory.uv_lock.invalid");
  assert.match(error.message, /^uv\.lock:2:(\d+): invalid TOML: /);
  const column = Number(/^uv\.lock:2:(\d+):/.exec(error.message)![1]);
  assert.ok(column >= 4 && column <= 5, `column ${column}`);
  assert.equal(error.hint, "fix the TOML syntax at line 2 of uv.lock");
});

Deno.test("parseToml: a redefined key or table is an error on its line", () => {
  const key = tomlError("a = 1\na = 2\n", "Cargo.lock", "inventory.cargo_lock.invalid");
  assert.match(key.message, /^Cargo\.lock:2:\d+: invalid TOML: /);
  assert.equal(key.hint, "fix the TOML syntax at line 2 of Cargo.lock");
  const table = tomlError("[t]\nx = 1\n\n[t]\n", "p.toml", "c");
  assert.match(table.message, /^p\.toml:4:\d+: invalid TOML: /);
});
