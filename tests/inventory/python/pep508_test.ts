import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import {
  normalizeSpecifier,
  parseRequirement,
  pinnedVersion,
} from "../../../src/inventory/python/pep508.ts";

Deno.test("parseRequirement reads name, sorted extras, normalized specifier and marker", () => {
  assert.deepEqual(
    parseRequirement("Requests[socks, security] >= 2.8.1 , < 3 ; python_version < '3.8'"),
    {
      name: "Requests",
      extras: ["security", "socks"],
      specifier: ">=2.8.1,<3",
      marker: "python_version < '3.8'",
    },
  );
});

Deno.test("parseRequirement accepts the parenthesized form and trailing comments", () => {
  assert.deepEqual(parseRequirement("build (>=1.2.1,<2.0.0)  # the frontend"), {
    name: "build",
    extras: [],
    specifier: ">=1.2.1,<2.0.0",
  });
  assert.deepEqual(parseRequirement("  tomli (>=2.0.1) ; python_version < '3.11'"), {
    name: "tomli",
    extras: [],
    specifier: ">=2.0.1",
    marker: "python_version < '3.11'",
  });
  assert.deepEqual(parseRequirement("pkg[]"), { name: "pkg", extras: [] });
});

Deno.test("parseRequirement reads direct URL references with markers", () => {
  assert.deepEqual(
    parseRequirement(
      "poetry-core @ git+https://github.com/python-poetry/poetry-core.git@v2.0#egg=x",
    ),
    {
      name: "poetry-core",
      extras: [],
      url: "git+https://github.com/python-poetry/poetry-core.git@v2.0#egg=x",
    },
  );
  assert.deepEqual(
    parseRequirement("pip[x] @ https://e.com/pip-1.0.zip ; sys_platform == 'win32'"),
    {
      name: "pip",
      extras: ["x"],
      url: "https://e.com/pip-1.0.zip",
      marker: "sys_platform == 'win32'",
    },
  );
});

Deno.test("parseRequirement rejects malformed requirements with a stable code", () => {
  for (
    const bad of [
      "",
      "# only a comment",
      ">=1.0",
      "name here",
      "x[unclosed",
      "x (>=1",
      "x;",
      "x @ ",
      "x >=1,",
    ]
  ) {
    assert.throws(
      () => parseRequirement(bad),
      (e: unknown) => e instanceof VouchError && e.code === "inventory.requirement.invalid",
      bad,
    );
  }
});

Deno.test("pinnedVersion: a == clause without wildcard or ===, which the other clauses admit", () => {
  assert.equal(pinnedVersion("==1.2.3"), "1.2.3");
  assert.equal(pinnedVersion("===1.0-custom"), "1.0-custom");
  assert.equal(pinnedVersion("==1.2.*"), undefined);
  assert.equal(pinnedVersion(">=1.2"), undefined);
  // pip installs the one version such a specifier admits (was: none, as for a range).
  assert.equal(pinnedVersion("==1.2,!=1.3"), "1.2");
  assert.equal(pinnedVersion(">=1.0,==1.5"), "1.5");
  assert.equal(pinnedVersion("==1.5,==1.5"), "1.5");
  assert.equal(pinnedVersion("==1.2,==1.3"), undefined);
  assert.equal(pinnedVersion("==1.2,>2"), undefined);
  assert.equal(pinnedVersion("==1.2.*,<1.2.5"), undefined);
  assert.equal(pinnedVersion(undefined), undefined);
});

Deno.test("pinnedVersion: a == pin in PEP 440 normal form, as pip compares it; === as written", () => {
  assert.equal(pinnedVersion("==v23.5"), "23.5");
  assert.equal(pinnedVersion("==1.0.0-beta14"), "1.0.0b14");
  assert.equal(pinnedVersion("==1.0.0.RC1"), "1.0.0rc1");
  assert.equal(pinnedVersion("==2.0-post1"), "2.0.post1");
  assert.equal(pinnedVersion("==v1.0,>=1.0"), "1.0");
  assert.equal(pinnedVersion("===1.0.0.RC1"), "1.0.0.RC1");
  assert.equal(pinnedVersion("==2023-nov"), "2023-nov");
});

Deno.test("normalizeSpecifier removes whitespace and keeps order", () => {
  assert.equal(normalizeSpecifier(" ~= 1.4 , != 1.4.2 "), "~=1.4,!=1.4.2");
  assert.equal(normalizeSpecifier(""), "");
});
