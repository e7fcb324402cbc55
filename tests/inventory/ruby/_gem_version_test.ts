import assert from "node:assert/strict";
import { compareGemVersions, gemSatisfies } from "../../../src/inventory/ruby/_gem_version.ts";

Deno.test("compareGemVersions: RubyGems' order, trailing zeros aside, pre-releases first", () => {
  assert.equal(compareGemVersions("1.0", "1"), 0);
  assert.equal(compareGemVersions("1.0.0.rc1", "1.rc1"), 0);
  assert.equal(compareGemVersions("1.10", "1.9"), 1);
  assert.equal(compareGemVersions("1.0.0.rc1", "1.0.0"), -1);
  assert.equal(compareGemVersions("1.0.0-rc1", "1.0.0.pre.rc1"), 0);
  assert.equal(compareGemVersions("2.0.a", "2.0.b"), -1);
  assert.equal(compareGemVersions("x", "1"), undefined);
});

Deno.test("gemSatisfies: every requirement, as Gem::Requirement tells", () => {
  assert.equal(gemSatisfies("1.3.4", ["< 2"]), true);
  assert.equal(gemSatisfies("1.3.4", [">= 1.1", "< 2"]), true);
  assert.equal(gemSatisfies("1.3.4", ["~> 1.2"]), true);
  assert.equal(gemSatisfies("2.0.0", ["~> 1.2"]), false);
  assert.equal(gemSatisfies("1.2.9", ["~> 1.2.3"]), true);
  assert.equal(gemSatisfies("1.3.0", ["~> 1.2.3"]), false);
  assert.equal(gemSatisfies("1.2.2", ["~> 1.2.3"]), false);
  assert.equal(gemSatisfies("1.5", ["!= 1.5.0"]), false);
  assert.equal(gemSatisfies("1.2.3", ["1.2.3"]), true);
  assert.equal(gemSatisfies("1.2.3", ["> 1.2.3"]), false);
  assert.equal(gemSatisfies("1.2.3", ["<= 1.2.3"]), true);
  assert.equal(gemSatisfies("1.2.3", []), true);
  assert.equal(gemSatisfies("1.2.3", ["~> x"]), undefined);
});
