// Tests of the pure parts of scripts/bench.ts: arguments, bars, tables, the
// synthetic lockfile. Nothing here is timed.
import assert from "node:assert/strict";
import { isVouchError } from "../../src/errors.ts";
import { readPackageLock } from "../../src/inventory/javascript/package_lock.ts";
import {
  type Bar,
  type BenchResult,
  CASES,
  evaluateBar,
  formatBar,
  formatResults,
  formatTable,
  formatTime,
  IDLE_FLOOR_CPU_MS,
  isFailure,
  median,
  medianScalingResult,
  medianTime,
  netRatio,
  type NetRound,
  parseBenchArgs,
  parseTimes,
  processResult,
  readerResult,
  roundOrder,
  scalingResult,
  syntheticPackageLock,
  vmHwmKib,
} from "../../scripts/bench.ts";

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (isVouchError(error)) return error.code;
    throw error;
  }
  throw new Error("no error thrown");
}

Deno.test("parseBenchArgs: every case by default, in run order", () => {
  assert.deepEqual(parseBenchArgs([]), { quick: false, cases: [...CASES], help: false });
  assert.equal(parseBenchArgs(["--quick"]).quick, true);
  assert.equal(parseBenchArgs(["--help"]).help, true);
});

Deno.test("parseBenchArgs: --only keeps the named cases in CASES order", () => {
  assert.deepEqual(parseBenchArgs(["--only", "startup", "--only=scaling"]).cases, [
    "scaling",
    "startup",
  ]);
});

Deno.test("parseBenchArgs: unknown case, flag or argument is a usage error", () => {
  assert.equal(codeOf(() => parseBenchArgs(["--only", "hashing"])), "args.invalid_value");
  assert.equal(codeOf(() => parseBenchArgs(["--fast"])), "args.unknown_flag");
  assert.equal(codeOf(() => parseBenchArgs(["scaling"])), "args.unexpected_argument");
});

Deno.test("parseBenchArgs: child modes", () => {
  assert.equal(parseBenchArgs(["--child-hash", "/tmp/f"]).childHash, "/tmp/f");
  assert.equal(parseBenchArgs(["--child-scaling", "/tmp/d"]).childScaling, "/tmp/d");
  assert.equal(parseBenchArgs(["--child-reader", "3:21"]).childReader, "3:21");
  assert.deepEqual(
    parseBenchArgs(["--child-cli", "--", "sbom", "--project-root", "x"]).childCli,
    ["sbom", "--project-root", "x"],
  );
});

Deno.test("evaluateBar: each comparison, at and around the limit", () => {
  const bar = (op: Bar["op"]): Bar => ({ metric: "ratio", op, limit: 0.6, unit: "" });
  assert.equal(evaluateBar(bar("<="), 0.6), true);
  assert.equal(evaluateBar(bar("<="), 0.61), false);
  assert.equal(evaluateBar(bar("<"), 0.6), false);
  assert.equal(evaluateBar(bar("<"), 0.59), true);
  assert.equal(evaluateBar(bar(">="), 0.6), true);
  assert.equal(evaluateBar(bar(">="), 0.59), false);
  assert.equal(evaluateBar(bar(">="), NaN), false);
  assert.equal(evaluateBar(bar("<"), -Infinity), false);
});

Deno.test("formatBar: metric, symbol, limit and unit", () => {
  assert.equal(formatBar({ metric: "maxrss", op: "<", limit: 150, unit: "MB" }), "maxrss < 150 MB");
  assert.equal(formatBar({ metric: "ratio", op: ">=", limit: 0.9, unit: "" }), "ratio ≥ 0.9");
  assert.equal(formatBar({ metric: "wall", op: "<=", limit: 0.15, unit: "s" }), "wall ≤ 0.15 s");
});

Deno.test("formatTable: columns padded to the widest cell, no trailing spaces", () => {
  const text = formatTable(["a", "long header"], [["wide cell", "x"], ["b"]]);
  assert.equal(
    text,
    "a          long header\n" +
      "---------  -----------\n" +
      "wide cell  x\n" +
      "b\n",
  );
});

const measured = (value: number): BenchResult => ({
  name: "startup",
  vouch: `${value} ms`,
  reference: "—",
  ratio: value / 200,
  bar: { metric: "wall", op: "<", limit: 100, unit: "ms" },
  value,
});

Deno.test("formatResults and isFailure: ok, MISSED, SKIPPED and FAILED lines", () => {
  const results: BenchResult[] = [
    measured(50),
    measured(150),
    { name: "cli-corpus", skipped: "no corpus" },
    { name: "hash-rss", skipped: "child exited 1", failed: true },
  ];
  assert.deepEqual(results.map(isFailure), [false, true, false, true]);
  const lines = formatResults(results).split("\n");
  assert.match(lines[0], /^case\s+vouch\s+reference\s+ratio\s+bar\s+status$/);
  assert.match(lines[2], /^startup\s+50 ms\s+—\s+0\.250\s+wall < 100 ms\s+ok$/);
  assert.match(lines[3], /^startup\s+150 ms\s+—\s+0\.750\s+wall < 100 ms\s+MISSED$/);
  assert.match(lines[4], /^cli-corpus\s+SKIPPED: no corpus$/);
  assert.match(lines[5], /^hash-rss\s+FAILED: child exited 1$/);
});

Deno.test("median: odd and even counts, input untouched", () => {
  const values = [5, 1, 3];
  assert.equal(median(values), 3);
  assert.deepEqual(values, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
});

Deno.test("netRatio: median of per-round ratios net of start-up; one disturbed round does not decide", () => {
  const round = (vouch: [number, number], reference: [number, number]): NetRound => ({
    vouch: { startup: vouch[0], full: vouch[1] },
    reference: { startup: reference[0], full: reference[1] },
  });
  const rounds = [
    round([100, 1100], [10, 1010]), // 1000 vs 1000: 1.0
    round([100, 900], [10, 1010]), // 800 vs 1000: 1.25
    round([400, 5400], [10, 1010]), // a round under load: 5000 vs 1000: 0.2
  ];
  assert.deepEqual(netRatio(rounds), { ratio: 1, vouchMs: 1000, referenceMs: 1000 });
  // Start-up is taken out: a slow start alone does not lower the ratio.
  assert.equal(netRatio([round([300, 1300], [5, 1005])]).ratio, 1);
});

Deno.test("vmHwmKib: reads the VmHWM line of a /proc status text", () => {
  const status = "Name:\tdeno\nVmPeak:\t  999999 kB\nVmHWM:\t   57104 kB\nVmRSS:\t   50000 kB\n";
  assert.equal(vmHwmKib(status), 57104);
  assert.throws(() => vmHwmKib("Name:\tdeno\n"), /VmHWM/);
});

Deno.test("scalingResult: µs/package at the largest size over 1,000", () => {
  const linear = scalingResult([
    { packages: 50000, ms: 2500 },
    { packages: 100, ms: 9 },
    { packages: 1000, ms: 40 },
  ]);
  assert.equal(linear.name, "scaling 50k vs 1k");
  assert.equal(linear.ratio, 50 / 40);
  assert.equal(linear.value, linear.ratio);
  assert.equal(isFailure(linear), false);
  const quadratic = scalingResult([{ packages: 1000, ms: 40 }, { packages: 10000, ms: 4000 }]);
  assert.equal(quadratic.ratio, 10);
  assert.equal(isFailure(quadratic), true);
  assert.equal(
    isFailure(scalingResult([{ packages: 1000, ms: 1 }, { packages: 5000, ms: 15 }])),
    false,
  );
  assert.throws(() => scalingResult([{ packages: 100, ms: 1 }]), /1000-package point/);
});

Deno.test("medianScalingResult: the bar on the median of the rounds' ratios", () => {
  const round = (base: number, large: number) => [
    { packages: 1000, ms: base },
    { packages: 50000, ms: large },
  ];
  const result = medianScalingResult([
    [{ packages: 100, ms: 5 }, ...round(40, 2500)], // 1.25
    round(40, 10000), // 5: a round disturbed by other load
    round(50, 3000), // 1.2
  ]);
  assert.equal(result.ratio, 1.25);
  assert.equal(result.value, 1.25);
  assert.equal(result.vouch, "50.0 µs/pkg @50000");
  assert.equal(result.bar.metric, "median ratio of 3");
  assert.equal(isFailure(result), false);
  assert.equal(medianScalingResult([round(40, 8000), round(40, 8000), round(40, 1)]).value, 4);
});

/** Where Node finds `name` when required from `location` (the upward node_modules walk). */
function nodeResolve(
  packages: Record<string, unknown>,
  location: string,
  name: string,
): string | undefined {
  let folder = location;
  for (;;) {
    const key = `${folder === "" ? "" : `${folder}/`}node_modules/${name}`;
    if (key in packages) return key;
    if (folder === "") return undefined;
    const cut = folder.lastIndexOf("/node_modules/");
    folder = cut === -1 ? "" : folder.slice(0, cut);
  }
}

Deno.test("syntheticPackageLock: exactly `count` packages besides the root, v3 shape", () => {
  for (const count of [0, 1, 9, 10, 1000]) {
    const lock = syntheticPackageLock(count);
    assert.equal(lock.lockfileVersion, 3);
    assert.equal(Object.keys(lock.packages).length, count + 1, `count ${count}`);
    assert.equal(Object.keys(lock.packages)[0], "");
  }
});

Deno.test("syntheticPackageLock: deterministic per seed", () => {
  assert.deepEqual(syntheticPackageLock(200), syntheticPackageLock(200));
  assert.deepEqual(syntheticPackageLock(200, { seed: 7 }), syntheticPackageLock(200, { seed: 7 }));
  assert.notDeepEqual(syntheticPackageLock(200, { seed: 7 }), syntheticPackageLock(200));
});

Deno.test("syntheticPackageLock: nested and scoped entries, realistic fields", () => {
  const lock = syntheticPackageLock(2000);
  const keys = Object.keys(lock.packages).filter((k) => k !== "");
  const depth = (k: string): number => k.split("node_modules/").length - 1;
  const nested = keys.filter((k) => depth(k) >= 2);
  assert.equal(nested.length, 300); // 15%
  assert.ok(keys.some((k) => depth(k) >= 3), "some entries two levels deep");
  assert.ok(keys.some((k) => /node_modules\/@scope-\d+\/[^/]+$/.test(k)), "scoped packages");
  assert.deepEqual(keys, [...keys].sort(), "sorted like npm writes them");
  for (const key of keys) {
    const entry = lock.packages[key];
    const name = key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
    const version = entry.version as string;
    assert.match(version, /^\d+\.\d+\.\d+$/);
    assert.equal(
      entry.resolved,
      `https://registry.npmjs.org/${name}/-/${name.split("/").pop()}-${version}.tgz`,
    );
    assert.match(entry.integrity as string, /^sha512-[A-Za-z0-9+/]{86}==$/);
  }
  assert.ok(keys.some((k) => lock.packages[k].dev === true), "dev packages");
});

Deno.test("syntheticPackageLock: every dependency resolves the way Node resolves it", () => {
  const lock = syntheticPackageLock(3000, { seed: 3 });
  let edges = 0;
  for (const [location, entry] of Object.entries(lock.packages)) {
    for (const field of ["dependencies", "devDependencies"]) {
      const deps = (entry[field] ?? {}) as Record<string, string>;
      for (const [name, range] of Object.entries(deps)) {
        const target = nodeResolve(lock.packages, location, name);
        assert.ok(target !== undefined, `${location} -> ${name}`);
        assert.equal(range, `^${lock.packages[target].version}`, `${location} -> ${target}`);
        edges++;
      }
    }
  }
  assert.ok(edges > 3000, `only ${edges} dependencies`);
});

Deno.test("syntheticPackageLock: vouch reads one distinct component per package", () => {
  const count = 5000;
  const out = readPackageLock(JSON.stringify(syntheticPackageLock(count)), {
    path: "package-lock.json",
  });
  assert.equal(out.components.length, count);
  assert.equal(out.project?.name, "synthetic-app");
  assert.ok(out.components.every((c) => c.hashes.some((h) => h.alg === "sha512")));
  assert.ok(out.edges.length > count, `only ${out.edges.length} edges`);
  assert.equal(out.components.filter((c) => c.direct).length, 30);
});

Deno.test("readerResult: CPU µs per package against the 20 µs bar, wall beside", () => {
  const ok = readerResult("composer_lock x", { cpu: 2.71, wall: 9 }, 271);
  assert.equal(ok.value, 10);
  assert.equal(ok.name, "reader-corpus composer_lock x");
  assert.equal(ok.vouch, "CPU 2.71 ms / 271 packages = 10.0 µs each (wall 9.00 ms)");
  assert.equal(isFailure(ok), false);
  const slow = readerResult("pylock x", { cpu: 1, wall: 0.5 }, 36);
  assert.equal(isFailure(slow), true, "27.8 µs each");
  const empty = readerResult("empty", { cpu: 1, wall: 1 }, 0);
  assert.equal(isFailure(empty), true, "no package read is a failure");
});

Deno.test("parseTimes: bash's time (real user sys seconds), then the exit code", () => {
  assert.deepEqual(parseTimes("0.152 0.101 0.030\n0\n"), { wall: 152, cpu: 131, code: 0 });
  assert.deepEqual(parseTimes("1.000 2.500 0.250\n1"), { wall: 1000, cpu: 2750, code: 1 });
  assert.throws(() => parseTimes("bash: foo: command not found\n127\n"), /not a timing/);
  assert.throws(() => parseTimes(""), /not a timing/);
});

Deno.test("roundOrder: rotated by the round, every item in every position in turn", () => {
  assert.deepEqual(roundOrder(["a", "b", "c"], 0), ["a", "b", "c"]);
  assert.deepEqual(roundOrder(["a", "b", "c"], 1), ["b", "c", "a"]);
  assert.deepEqual(roundOrder(["a", "b", "c"], 5), ["c", "a", "b"]);
  assert.deepEqual(roundOrder(["a", "b"], 3), ["b", "a"]);
  assert.deepEqual(roundOrder([], 2), []);
  const firsts = new Set([0, 1, 2, 3].map((r) => roundOrder([1, 2, 3, 4], r)[0]));
  assert.equal(firsts.size, 4);
});

Deno.test("medianTime and formatTime: wall and CPU medians taken apart", () => {
  const runs = [{ wall: 300, cpu: 100 }, { wall: 100, cpu: 120 }, { wall: 200, cpu: 500 }];
  assert.deepEqual(medianTime(runs), { wall: 200, cpu: 120 });
  assert.equal(formatTime({ wall: 150.04, cpu: 142 }), "CPU 142.0 ms, wall 150.0 ms");
  assert.equal(formatTime({ wall: 1500, cpu: 142 }, "s"), "CPU 0.142 s, wall 1.500 s");
});

Deno.test("processResult: the bar on the median CPU time over the floor of each round, plus the idle floor (or the floor, when lower)", () => {
  const runs = [{ wall: 900, cpu: 140 }, { wall: 160, cpu: 150 }, { wall: 170, cpu: 145 }];
  // Round 2 ran on a loaded machine: its floor rose with the run.
  const floor = [{ wall: 80, cpu: 90 }, { wall: 400, cpu: 125 }, { wall: 85, cpu: 85 }];
  const result = processResult("verify", runs, { op: "<=", limit: 150, unit: "ms", floor });
  // Over the floor: 50, 25, 60 ms; the median 50, plus the idle floor.
  assert.equal(result.value, 50 + IDLE_FLOOR_CPU_MS);
  assert.equal(
    result.vouch,
    `${(50 + IDLE_FLOOR_CPU_MS).toFixed(1)} ms = CPU 50.0 ms over the empty deno run + ` +
      `${IDLE_FLOOR_CPU_MS.toFixed(1)} ms (median of 3: CPU 145.0 ms, wall 170.0 ms; ` +
      "empty deno run CPU 90.0 ms, wall 85.0 ms)",
  );
  assert.equal(formatBar(result.bar), "CPU at idle floor ≤ 150 ms");
  assert.equal(result.reference, "—");
  assert.equal(isFailure(result), false, "a slow wall time under load does not decide");
  // The runs 60 ms slower, the floor as it was.
  const loaded = processResult("verify", runs.map((r) => ({ ...r, cpu: r.cpu + 60 })), {
    op: "<=",
    limit: 150,
    unit: "ms",
    floor,
  });
  assert.equal(isFailure(loaded), true, "60 ms more over the floor misses the bar");
  // A floor below the idle floor (a faster machine): the run's own CPU time, over the floor
  // plus the floor (median 30 ms): 110 + 30 ms.
  const fast = processResult("verify", runs, {
    op: "<=",
    limit: 150,
    unit: "ms",
    floor: floor.map((f) => ({ ...f, cpu: f.cpu - 60 })),
  });
  assert.equal(fast.value, 140);
  assert.ok(fast.vouch.startsWith("140.0 ms = CPU 110.0 ms over the empty deno run + 30.0 ms"));
  const seconds = processResult("sbom", [{ wall: 300, cpu: 250 }], {
    op: "<=",
    limit: 0.2,
    unit: "s",
    reference: "cdxgen 4.000 s",
    ratio: 0.075,
  });
  assert.equal(seconds.value, 0.25);
  assert.equal(seconds.vouch, "CPU 0.250 s, wall 0.300 s (median of 1)");
  assert.equal(seconds.ratio, 0.075);
  assert.equal(isFailure(seconds), true);
});
