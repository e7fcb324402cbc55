import assert from "node:assert/strict";
import {
  normalizeVersion,
  sameVersion,
  satisfies,
  validClause,
} from "../../../src/inventory/python/pep440.ts";

Deno.test("satisfies: comparison clauses, joined by commas", () => {
  assert.equal(satisfies("2.0.1", ">=2"), true);
  assert.equal(satisfies("2.0.1", ">=2,<3"), true);
  assert.equal(satisfies("2.0.1", ">=2.1"), false);
  assert.equal(satisfies("2.0.1", ">=2,!=2.0.1"), false);
  assert.equal(satisfies("2.0.1", "<=2.0.1"), true);
  assert.equal(satisfies("2.0.1", ">2.0.1"), false);
  assert.equal(satisfies("2.0.1", undefined), true);
  assert.equal(satisfies("2.0.1", ""), true);
});

Deno.test("satisfies: equality pads zeros, normalises spellings and ignores a local label", () => {
  assert.equal(satisfies("2.0", "==2.0.0"), true);
  assert.equal(satisfies("v1.0-1", "==1.0.post1"), true);
  assert.equal(satisfies("1.0ALPHA2", "==1.0a2"), true);
  assert.equal(satisfies("1.0+ubuntu1", "==1.0"), true);
  assert.equal(satisfies("1.0+ubuntu1", "==1.0+ubuntu2"), false);
  assert.equal(satisfies("1!1.0", "==1.0"), false);
});

Deno.test("satisfies: wildcards and the compatible release operator (PEP 440's examples)", () => {
  assert.equal(satisfies("1.1.post1", "==1.1.*"), true);
  assert.equal(satisfies("1.1a1", "==1.1.*"), true);
  assert.equal(satisfies("1.10", "==1.1.*"), false);
  assert.equal(satisfies("1.1", "!=1.1.*"), false);
  assert.equal(satisfies("2.2.5", "~=2.2"), true);
  assert.equal(satisfies("3.0", "~=2.2"), false);
  assert.equal(satisfies("1.4.5", "~=1.4.5"), true);
  assert.equal(satisfies("1.5.0", "~=1.4.5"), false);
});

Deno.test("satisfies: exclusive bounds leave out V's own pre-, post- and local releases", () => {
  assert.equal(satisfies("1.7.1", ">1.7"), true);
  assert.equal(satisfies("1.7.post2", ">1.7"), false);
  assert.equal(satisfies("1.7.post3", ">1.7.post2"), true);
  assert.equal(satisfies("1.7+local", ">1.7"), false);
  assert.equal(satisfies("1.7.0rc1", "<1.7"), false);
  assert.equal(satisfies("1.6.9", "<1.7"), true);
  assert.equal(satisfies("1.7.0a1", "<1.7.0rc1"), true);
});

Deno.test("satisfies: ordering of dev, pre, final and post releases", () => {
  assert.equal(satisfies("1.0.dev1", "<1.0a1"), true);
  assert.equal(satisfies("1.0", "<1.0.post1"), true);
  assert.equal(satisfies("1.0rc1", "<1.0.post1"), false); // a pre-release of V's own release
  assert.equal(satisfies("1.0.post1.dev1", "<=1.0.post1"), true);
  assert.equal(satisfies("1.0rc1", ">=1.0"), false);
});

Deno.test("satisfies: arbitrary equality, and no verdict for what is not PEP 440", () => {
  assert.equal(satisfies("foobar", "===foobar"), true);
  assert.equal(satisfies("foobar", ">=1"), undefined);
  assert.equal(satisfies("1.0", ">=abc"), undefined);
  assert.equal(satisfies("1.0", "~=1"), undefined);
});

Deno.test("sameVersion: PEP 440 equality (normalised forms), else the text but for case", () => {
  assert.equal(sameVersion("1.0", "v1.0.0"), true);
  assert.equal(sameVersion("1.0a1", "1.0alpha1"), true);
  assert.equal(sameVersion("1.0.post1", "1.0-1"), true);
  assert.equal(sameVersion("1.0", "1.0.1"), false);
  assert.equal(sameVersion("1.0", "1.0+local"), false);
  assert.equal(sameVersion("Foo-Bar", "foo-bar"), true);
  assert.equal(sameVersion("foo", "bar"), false);
});

Deno.test("validClause: packaging's Specifier grammar, per operator", () => {
  const valid: [string, string][] = [
    ["==", "2.0"],
    ["==", "2.*"],
    ["==", "v1!2.0rc1.post2.dev3+local.7"],
    ["!=", "1.0.*"],
    ["~=", "2.2"],
    ["~=", "2.2.post3"],
    [">=", "1.0a1"],
    ["<", "2"],
    ["===", "foobar"],
  ];
  const invalid: [string, string][] = [
    ["==", "2."], // a pin cut inside its version
    ["==", "2.2.3."],
    ["==", "1.*.2"],
    ["~=", "2"], // the compatible operator needs two release parts
    ["~=", "2.*"],
    [">=", "1.0+local"], // a local label only after == and !=
    [">=", "1.*"], // a wildcard only after == and !=
    ["<", "abc"],
    ["===", "a b"],
  ];
  for (const [op, version] of valid) assert.equal(validClause(op, version), true, op + version);
  for (const [op, version] of invalid) assert.equal(validClause(op, version), false, op + version);
});

Deno.test("normalizeVersion: packaging's str(Version(text)); not PEP 440 as written", () => {
  // Each pair checked against packaging 26.2's str(Version(text)).
  const cases: [string, string][] = [
    ["v23.5", "23.5"],
    ["1.0.0-beta14", "1.0.0b14"],
    ["1.0.0.RC1", "1.0.0rc1"],
    ["2.0-post1", "2.0.post1"],
    ["1!2.0.0-1", "1!2.0.0.post1"],
    ["0!1.0", "1.0"],
    ["01.02", "1.2"],
    ["1.0_DEV3", "1.0.dev3"],
    ["1.0c1", "1.0rc1"],
    ["1.0.preview", "1.0rc0"],
    ["1.0-r", "1.0.post0"],
    ["1.0pre2.post3.dev4+Ubuntu-1_02", "1.0rc2.post3.dev4+ubuntu.1.2"],
    [" 1.0 ", "1.0"],
    ["1.0.0.0.00", "1.0.0.0.0"],
    ["2023-nov", "2023-nov"],
    // Releases in their normal form already, and ones that only look so.
    ["0", "0"],
    ["10.0.20", "10.0.20"],
    ["1.2\n", "1.2"],
    ["\t1.2", "1.2"],
    ["1.02", "1.2"],
    ["1..2", "1..2"],
    ["1.2.", "1.2."],
    ["١.٢", "١.٢"],
  ];
  for (const [text, normal] of cases) assert.equal(normalizeVersion(text), normal, text);
});
