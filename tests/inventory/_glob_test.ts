// src/inventory/_glob.ts against node:path's matchesGlob: the same answer on a grid of
// relative paths and patterns (literals, `*`, `?`, `**`, dots), and the fallback to
// node:path for other syntax.
import assert from "node:assert/strict";
import { matchesGlob as nodeMatchesGlob } from "node:path";
import { globPattern, loadGlobMatcher, matchesGlob } from "../../src/inventory/_glob.ts";
import { cpuStopwatch } from "../_util.ts";

/** Every sequence of 1 to `max` items of `pool`. */
function sequences(pool: string[], max: number): string[][] {
  let level: string[][] = pool.map((p) => [p]);
  const out = [...level];
  for (let n = 2; n <= max; n++) {
    level = level.flatMap((seq) => pool.map((p) => [...seq, p]));
    out.push(...level);
  }
  return out;
}

const PATHS = sequences(["a", "src", "it", ".x", "x.lock", "a.b", "ab"], 3).map((s) => s.join("/"));
const PATTERNS = sequences(
  ["**", "*", "a", "src", "it", "*.lock", "a*", "?", "*b", "a?", ".x", ".*", "x.*"],
  3,
).map((s) => s.join("/"));

Deno.test("matchesGlob: as node:path's on every path and pattern of the grid", () => {
  if (Deno.build.os !== "linux") return; // elsewhere node:path's matcher is used itself
  let matches = 0;
  for (const pattern of PATTERNS) {
    for (const path of PATHS) {
      const expected = nodeMatchesGlob(path, pattern);
      assert.equal(matchesGlob(path, pattern), expected, `${path} ~ ${pattern}`);
      if (expected) matches++;
    }
  }
  assert.ok(matches > 1000, `only ${matches} matching pairs`);
});

Deno.test("matchesGlob: other syntax needs loadGlobMatcher, then matches as node:path", async () => {
  const patterns = ["src/{it,test}", "[ab]*", "*.+(lock|json)", "a\\*"];
  await loadGlobMatcher(patterns);
  for (const pattern of patterns) {
    for (const path of ["src/it", "src/test", "ab", "b.lock", "x.json", "a*", "c"]) {
      assert.equal(
        matchesGlob(path, pattern),
        nodeMatchesGlob(path, pattern),
        `${path} ~ ${pattern}`,
      );
    }
  }
});

Deno.test("globPattern: a leading ./ and trailing slashes are dropped", () => {
  assert.equal(globPattern("./docs/"), "docs");
  assert.equal(globPattern("docs//"), "docs");
  assert.equal(globPattern("./"), "");
  assert.equal(globPattern("a/./b"), "a/./b");
});

// A workspace member glob comes from an untrusted manifest: a long run of slashes not at its end
// took time growing with its square (`/\/+$/`).
Deno.test("globPattern: no leading ./ or trailing /, in linear time", () => {
  assert.equal(globPattern("./packages/*/"), "packages/*");
  const elapsed = cpuStopwatch();
  assert.equal(globPattern(`a${"/".repeat(200_000)}b//`), `a${"/".repeat(200_000)}b`);
  assert.ok(elapsed() < 2_000);
});

// uv's member globs come from an untrusted pyproject.toml: a segment of many wildcards became a
// regex (`^[^/]*a[^/]*a…b$`) that backtracked for ever on a long name that almost matches.
Deno.test("matchesGlob: a segment of many wildcards against a long name takes polynomial time", () => {
  const pattern = `packages/${"*a".repeat(12)}*b`;
  const name = "a".repeat(250);
  const elapsed = cpuStopwatch();
  assert.equal(matchesGlob(`packages/${name}`, pattern), false);
  assert.equal(matchesGlob(`packages/${name}b`, pattern), true);
  assert.equal(matchesGlob(`packages/.${name}b`, pattern), false, "no leading dot");
  assert.ok(elapsed() < 2_000);
});

// The same for a pattern of many `**`: every way to split the path among them was tried (about
// 4 s for 20 of them against a path 12 folders deep, doubling with each one more).
Deno.test("matchesGlob: a pattern of many ** takes polynomial time", () => {
  const pattern = `${Array(30).fill("**").join("/")}/nope`;
  const path = Array(12).fill("d").join("/");
  const elapsed = cpuStopwatch();
  assert.equal(matchesGlob(path, pattern), false);
  assert.equal(matchesGlob(`${path}/nope`, pattern), true);
  assert.ok(elapsed() < 2_000);
});
