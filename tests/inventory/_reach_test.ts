import assert from "node:assert/strict";
import { flagScopes, reach, reachScopes } from "../../src/inventory/_reach.ts";
import type { Scope } from "../../src/inventory/types.ts";

Deno.test("flagScopes: dev-only is dev, optional or not; optional only for what run time may install", () => {
  const cases: [Parameters<typeof flagScopes>[0], Scope[]][] = [
    [{}, ["runtime"]],
    [{ dev: true }, ["dev"]],
    [{ dev: true, optional: true }, ["dev"]], // an optional dependency of a dev dependency
    [{ optional: true }, ["optional"]],
    [{ devOptional: true }, ["dev", "optional"]], // dev tree, and optional at run time
  ];
  for (const [flags, scopes] of cases) {
    assert.deepEqual(flagScopes(flags), scopes, JSON.stringify(flags));
  }
});

Deno.test("reachScopes: npm's dev, optional and devOptional flags computed from the graph", () => {
  // root -> lib (runtime) -> shared; lib -opt-> addon, native; root -dev-> tool -> addon;
  // tool -opt-> watcher.
  const graph: Record<string, [string, Scope][]> = {
    lib: [["shared", "runtime"], ["addon", "optional"], ["native", "optional"]],
    tool: [["addon", "runtime"], ["watcher", "optional"]],
  };
  const reached = reach<string>([["lib", "runtime"], ["tool", "dev"]], (n) => graph[n] ?? []);
  const scopes = Object.fromEntries(
    ["lib", "shared", "addon", "native", "tool", "watcher", "stray"].map((n) => [
      n,
      reachScopes(reached, n).join(","),
    ]),
  );
  assert.deepEqual(scopes, {
    lib: "runtime",
    shared: "runtime",
    addon: "dev,optional", // optional at run time, required by the dev tool: npm's devOptional
    native: "optional",
    tool: "dev",
    watcher: "dev", // optional, but only the dev tree reaches it
    stray: "runtime", // reached by nothing
  });
});

Deno.test("reach: a linked folder's own dev dependencies are dev, not runtime", () => {
  // app -> lib (runtime; a file: folder) -> ms (runtime), left-pad (lib's devDependencies)
  const edges: Record<string, [string, Scope][]> = {
    lib: [["ms", "runtime"], ["left-pad", "dev"]],
    ms: [],
    "left-pad": [],
  };
  const r = reach<string>([["lib", "runtime"]], (n) => edges[n]);
  assert.deepEqual(reachScopes(r, "ms"), ["runtime"]);
  assert.deepEqual(reachScopes(r, "left-pad"), ["dev"]);
  // Reached at runtime another way, it stays runtime.
  const both = reach<string>([["lib", "runtime"], ["left-pad", "runtime"]], (n) => edges[n]);
  assert.deepEqual(reachScopes(both, "left-pad"), ["runtime"]);
});
