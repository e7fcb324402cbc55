import assert from "node:assert/strict";
import { compareSemver, type SemVer } from "../../src/inventory/_semver.ts";

Deno.test("compareSemver: the precedence list of semver 2.0.0 §11, in order", () => {
  // 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-alpha.beta < 1.0.0-beta < 1.0.0-beta.2
  // < 1.0.0-beta.11 < 1.0.0-rc.1 < 1.0.0 < 1.0.1 < 1.1.0 < 2.0.0
  const ordered: SemVer[] = [
    [1, 0, 0, ["alpha"]],
    [1, 0, 0, ["alpha", "1"]],
    [1, 0, 0, ["alpha", "beta"]],
    [1, 0, 0, ["beta"]],
    [1, 0, 0, ["beta", "2"]],
    [1, 0, 0, ["beta", "11"]],
    [1, 0, 0, ["rc", "1"]],
    [1, 0, 0, []],
    [1, 0, 1, []],
    [1, 1, 0, []],
    [2, 0, 0, []],
  ];
  for (let i = 0; i < ordered.length; i++) {
    for (let j = 0; j < ordered.length; j++) {
      assert.equal(Math.sign(compareSemver(ordered[i], ordered[j])), Math.sign(i - j), `${i} ${j}`);
    }
  }
  // Numerically equal identifiers written differently still order (never "equal" early).
  assert.ok(compareSemver([1, 0, 0, ["01", "b"]], [1, 0, 0, ["1", "a"]]) < 0);
});
