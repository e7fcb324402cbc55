import assert from "node:assert/strict";
import {
  type BunDep,
  isolatedGraph,
  isolatedLinker,
} from "../../../src/inventory/javascript/_bun_linker.ts";
import type { Scope } from "../../../src/inventory/types.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";
import { assertVouchError } from "../_lockfile_invariants.ts";
import { cpuStopwatch } from "../../_util.ts";

// A bunfig.toml the fast reader does not read (the invalid one) needs the full parser.
await loadTomlParser();

const CODE = "inventory.bun_lock.invalid";

/** The linker of a lock with that `configVersion` and workspaces, and that bunfig.toml. */
function isolated(configVersion: unknown, workspaces: string[], bunfig?: string): boolean {
  const lock = { configVersion, workspaces: Object.fromEntries(workspaces.map((w) => [w, {}])) };
  return isolatedLinker(lock, { path: "bunfig.toml", text: bunfig }, { code: CODE });
}

Deno.test("isolatedLinker: the project's bunfig.toml decides, else configVersion 1 with a workspace", () => {
  assert.equal(isolated(1, ["", "packages/app"]), true);
  assert.equal(isolated(1, [""]), false); // no workspace besides the root
  assert.equal(isolated(0, ["", "packages/app"]), false);
  assert.equal(isolated(undefined, ["", "packages/app"]), false);
  assert.equal(isolated(1, ["", "packages/app"], '[install]\nlinker = "hoisted"\n'), false);
  assert.equal(isolated(0, [""], '[install]\nlinker = "isolated"\n'), true);
  // A bunfig.toml that says nothing of the linker (or something Bun does not know) leaves it.
  assert.equal(isolated(1, ["", "a"], '[install]\nlinker = "other"\n'), true);
  assert.equal(isolated(0, ["", "a"], "[run]\nbun = true\n"), false);
  assertVouchError(() => isolated(1, ["", "a"], "[install\n"), CODE, /bunfig\.toml:1/);
});

interface E {
  key: string;
}

const dep = (name: string, to: E | undefined, scope: Scope, peer = false): BunDep<E> => ({
  name,
  to,
  scope,
  peer,
});

Deno.test("isolatedGraph: a peer is what the nearest package above provides, per place installed", () => {
  // The root dev-depends on react 17 (what the lock's hoisted keys give styled-components);
  // workspace app depends on styled-components and react 18, workspace old on
  // styled-components and react 17: Bun links styled-components twice, once to each.
  const [react17, react18, sc, assign] = ["react@17", "react@18", "sc", "assign"].map((key) => ({
    key,
  }));
  const entries = new Map<E, BunDep<E>[]>([
    [react17, [dep("object-assign", assign, "runtime")]],
    [react18, []],
    [assign, []],
    [sc, [dep("react", react17, "runtime", true)]],
  ]);
  const root = [dep("react", react17, "dev")];
  const app = [dep("styled-components", sc, "runtime"), dep("react", react18, "runtime")];
  const only18 = isolatedGraph([root, app], entries)!;
  assert.deepEqual(only18.targets.get(sc), [[react18, "runtime"]]);
  assert.deepEqual(only18.firstEdges, [[[react17, "dev"]], [[sc, "runtime"], [
    react18,
    "runtime",
  ]]]);
  // react 17 and what it brings are reached from the root's dev declaration alone.
  assert.deepEqual([...only18.reached.runtime].map((e) => (e as E).key).sort(), [
    "react@18",
    "sc",
  ]);
  assert.deepEqual([...only18.reached.dev].map((e) => (e as E).key).sort(), [
    "assign",
    "react@17",
  ]);

  const old = [dep("styled-components", sc, "runtime"), dep("react", react17, "runtime")];
  const both = isolatedGraph([root, app, old], entries)!;
  assert.deepEqual(both.targets.get(sc), [[react18, "runtime"], [react17, "runtime"]]);
  assert.ok(both.reached.runtime.has(react17) && both.reached.runtime.has(assign));
});

Deno.test("isolatedGraph: an optional peer nobody provides is left out; a cycle links back", () => {
  const [a, b, types] = ["a", "b", "@types/x"].map((key) => ({ key }));
  const entries = new Map<E, BunDep<E>[]>([
    [a, [dep("b", b, "runtime"), dep("@types/x", undefined, "optional", true)]],
    [b, [dep("a", a, "runtime")]],
    [types, []],
  ]);
  const graph = isolatedGraph([[dep("a", a, "runtime")]], entries)!;
  assert.deepEqual(graph.targets.get(a), [[b, "runtime"]]);
  assert.deepEqual(graph.targets.get(b), [[a, "runtime"]]);
  assert.ok(!graph.reached.prod.has(types));
});

/** Links of a lock built to explode: each of n levels doubles the peers' resolutions below. */
function exploding(n: number): [BunDep<E>[], Map<E, BunDep<E>[]>] {
  const named = (prefix: string, count: number): E[] =>
    Array.from({ length: count }, (_, i) => ({ key: `${prefix}${i}` }));
  const [x, y, z, qa, qb] = [
    named("x", n + 1),
    named("y", n),
    named("z", n),
    named("qa", n),
    named("qb", n),
  ];
  const entries = new Map<E, BunDep<E>[]>();
  for (let i = 0; i < n; i++) {
    entries.set(x[i], [dep(`y${i}`, y[i], "runtime"), dep(`z${i}`, z[i], "runtime")]);
    entries.set(y[i], [dep(`x${i + 1}`, x[i + 1], "runtime"), dep(`q${i}`, qa[i], "runtime")]);
    entries.set(z[i], [dep(`x${i + 1}`, x[i + 1], "runtime"), dep(`q${i}`, qb[i], "runtime")]);
    entries.set(qa[i], []);
    entries.set(qb[i], []);
  }
  // The last level's peers are provided, differently, by every y and z above it.
  entries.set(x[n], Array.from({ length: n }, (_, i) => dep(`q${i}`, qa[i], "runtime", true)));
  return [[dep("x0", x[0], "runtime")], entries];
}

Deno.test("isolatedGraph: a lock built to explode gives up in linear time (was 2^n copies)", () => {
  // A small one is linked as Bun would: 2^6 copies of the last level.
  const [root, small] = exploding(6);
  assert.ok(isolatedGraph([root], small) !== undefined);
  // 30 levels were 2^30 copies (hours); 4,000 carry 4,000 names through 16 million places.
  for (const n of [30, 4000]) {
    const [top, entries] = exploding(n);
    const elapsed = cpuStopwatch();
    assert.equal(isolatedGraph([top], entries), undefined);
    assert.ok(elapsed() < 5_000, `${n} levels: ${elapsed()} ms of CPU`);
  }
});

Deno.test("isolatedGraph: a chain of 100,000 packages is linked without recursion (was a stack overflow)", () => {
  const chain = Array.from({ length: 100_001 }, (_, i) => ({ key: `p${i}` }));
  const entries = new Map<E, BunDep<E>[]>(
    chain.map((
      entry,
      i,
    ) => [entry, i < 100_000 ? [dep(`p${i + 1}`, chain[i + 1], "runtime")] : []]),
  );
  const graph = isolatedGraph([[dep("p0", chain[0], "runtime")]], entries)!;
  assert.equal(graph.targets.size, 100_001);
  assert.deepEqual(graph.targets.get(chain[99_999]), [[chain[100_000], "runtime"]]);
  assert.ok(graph.reached.runtime.has(chain[100_000]));
});
