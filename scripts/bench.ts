/**
 * Performance bars of vouch, measured so that other load on the machine (2
 * shared cores) moves both sides of a comparison alike or stays out of the
 * figure.
 *
 * ```sh
 * deno task bench                 # every case (about 8 minutes on 2 cores)
 * deno task bench --quick         # smaller inputs, fewer rounds (about 2 minutes)
 * deno task bench --only scaling  # one case (repeatable)
 * ```
 *
 * Prints one table (case, vouch, reference, ratio, bar, ok/MISSED) and exits
 * 1 when a bar is missed. Big inputs are generated in a temporary folder and
 * removed at the end.
 *
 * How it measures:
 *
 * - A bar against a reference is on the median of per-round ratios, the two
 *   sides run back to back in each round (interleaved, the order rotating).
 * - An absolute bar on a whole process is on its CPU time (user + system of
 *   the process and its threads, from bash's `time`), in interleaved rounds
 *   after a warm-up run; waiting for a core, which other load causes, does
 *   not count in it as it does in wall time. The start-up floor (`deno run` of
 *   an empty script with the CLI's permissions and config) runs in the same rounds: the
 *   bar is on the median of the per-round CPU time over that floor, plus the
 *   floor of an idle machine (`IDLE_FLOOR_CPU_MS`), as other load inflates
 *   both alike, or the measured floor where that is lower (a faster machine).
 *   The raw medians (CPU and wall) are printed beside it.
 * - An in-process bar is on CPU time too (`process.cpuUsage`): the median of
 *   rounds after warm-up runs (the code is optimised by then: a reader's
 *   warm-up lasts five seconds, see `READER_WARM_UP`), the wall time beside
 *   it. The reader table also gives each lockfile's size per package and its
 *   read speed in MB/s: a lock that lists many files per package (a
 *   pylock.toml with twenty wheels each) costs more per package at the same
 *   speed.
 *
 * Cases:
 *
 * - `hash-throughput`: a process hashing one large file (1 GiB) vs `openssl dgst -sha256`,
 *   each net of its start-up (the same process over an empty file); rounds interleaved,
 *   the bar on the median ratio of wall times (the CPU ratio beside it).
 * - `hash-parallel`: the speed-up of `hashSubjects` over many files (default concurrency vs
 *   one at a time) relative to the speed-up of as many concurrent `openssl dgst` processes
 *   (interleaved rounds, median ratio: robust to other load on the machine).
 * - `hash-rss`: peak RSS of a child process hashing a (sparse) 4 GiB subject.
 * - `cli-corpus`: `vouch sbom` / `vouch attest` of the opentelemetry-js corpus (needs
 *   ../shared): CPU time of the process, and its peak RSS.
 * - `reader-corpus`: each reader of the second corpus batch in-process (CPU µs per
 *   package; each reader in child processes of its own, three, the median one counting, as
 *   a run reads one format: shared code is not made polymorphic, nor a run charged for
 *   another reader's garbage), and `vouch sbom` of its project as a whole process (CPU
 *   time), beside cdxgen when it is installed (needs ../shared).
 * - `scaling`: `readInventory` + `toCycloneDx` + `toSpdx` of synthetic lockfiles; the bar
 *   (CPU µs/package at the largest size over 1,000 packages) on the median of interleaved
 *   rounds.
 * - `startup`: `vouch --version` (CPU time of the process).
 * - `readers-jvm`: CPU µs per package of the Maven, Gradle, NuGet and MSBuild readers
 *   (synthetic files, in-process).
 * - `sigstore-verify`: one happy-path Sigstore bundle (the conformance suite's, needs
 *   ../shared) verified in-process after warm-up and as a whole `vouch verify-bundle`
 *   process, beside sigstore-js (`@sigstore/verify`) on the same bundle.
 *
 * @module
 */
import { randomFillSync } from "node:crypto";
import process from "node:process";
import { fileURLToPath } from "node:url";
import { isVouchError, VouchError } from "../src/errors.ts";
import { parseArgs } from "../src/cli/args.ts";
import { runCli } from "../src/cli/main.ts";
import { denoCliIo } from "../src/cli/io.ts";
import { hashSubjects, type SubjectPath } from "../src/provenance/subjects.ts";
import { readInventory } from "../src/inventory/mod.ts";
import { READERS } from "../src/inventory/_registry.ts";
import { NeedsModule, type ReaderContext } from "../src/inventory/_reader.ts";
import { toCycloneDx, toSpdx } from "../src/sbom/mod.ts";
import { TOOL } from "../src/version.ts";
import { jvmReaderInputs } from "./_bench_jvm.ts";
import { V8_FLAGS_ARG } from "./compile.ts";

/** The benchmark cases, in run order. */
export const CASES: readonly string[] = [
  "hash-throughput",
  "hash-parallel",
  "hash-rss",
  "cli-corpus",
  "reader-corpus",
  "scaling",
  "startup",
  "readers-jvm",
  "sigstore-verify",
];

/** A bar: `metric op limit`, e.g. `ratio >= 0.9` or `maxrss < 150 MB`. */
export interface Bar {
  /** What is compared (`ratio`, `wall`, `maxrss`). */
  metric: string;
  /** The comparison that must hold. */
  op: "<" | "<=" | ">=";
  /** The limit. */
  limit: number;
  /** Unit of the limit, printed after it (may be empty). */
  unit: string;
}

/** The outcome of one measured check. */
export interface Measured {
  /** Case label. */
  name: string;
  /** What vouch did, formatted. */
  vouch: string;
  /** What the reference did, formatted. */
  reference: string;
  /** vouch relative to the reference, when meaningful. */
  ratio?: number;
  /** The bar. */
  bar: Bar;
  /** The number the bar is checked against. */
  value: number;
}

/** A case that did not run, and why. */
export interface Skipped {
  /** Case label. */
  name: string;
  /** Why it did not run (or what failed). */
  skipped: string;
  /** True when the case failed rather than being skipped on purpose. */
  failed?: boolean;
}

/** One line of the result table. */
export type BenchResult = Measured | Skipped;

/** What the script was asked to do. */
export interface BenchPlan {
  /** Smaller inputs. */
  quick: boolean;
  /** The cases to run, in {@linkcode CASES} order. */
  cases: string[];
  /** `--help` was given. */
  help: boolean;
  /** Child mode: hash this file and print the peak RSS. */
  childHash?: string;
  /** Child mode: run the CLI in-process with these arguments and print the peak RSS. */
  childCli?: string[];
  /** Child mode: time the scaling passes over the lockfile in this folder. */
  childScaling?: string;
  /** Child mode: verify the happy-path bundle once with sigstore-js (the process reference). */
  childSigstoreJs?: boolean;
  /** Child mode: time one reader of the corpus (`index:rounds`). */
  childReader?: string;
}

const USAGE = `Usage: deno task bench [--quick] [--only CASE]...

Cases: ${CASES.join(", ")}.
Prints a table of vouch vs reference timings and exits 1 when a bar is missed.
`;

/**
 * Parses the script's arguments.
 *
 * @param argv The arguments.
 * @returns The plan.
 * @throws {VouchError} `args.unknown_flag`, `args.missing_value`, `args.invalid_value`,
 *   `args.unexpected_argument`.
 */
export function parseBenchArgs(argv: string[]): BenchPlan {
  const args = parseArgs(argv, [
    { name: "quick", type: "boolean" },
    { name: "only", type: "list", choices: CASES },
    { name: "help", type: "boolean" },
    { name: "child-hash", type: "string" },
    { name: "child-cli", type: "boolean" },
    { name: "child-scaling", type: "string" },
    { name: "child-sigstore-js", type: "boolean" },
    { name: "child-reader", type: "string" },
  ]);
  const only = (args.flags.only as string[] | undefined) ?? [];
  if (args.positionals.length > 0 && !args.flags["child-cli"]) {
    throw new VouchError(
      "args.unexpected_argument",
      `bench takes no argument ${JSON.stringify(args.positionals[0])}`,
      "see --help",
    );
  }
  return {
    quick: args.flags.quick === true,
    cases: CASES.filter((c) => only.length === 0 || only.includes(c)),
    help: args.flags.help === true,
    ...(args.flags["child-hash"] === undefined
      ? {}
      : { childHash: args.flags["child-hash"] as string }),
    ...(args.flags["child-cli"] ? { childCli: args.positionals } : {}),
    ...(args.flags["child-scaling"] === undefined
      ? {}
      : { childScaling: args.flags["child-scaling"] as string }),
    ...(args.flags["child-sigstore-js"] ? { childSigstoreJs: true } : {}),
    ...(args.flags["child-reader"] === undefined
      ? {}
      : { childReader: args.flags["child-reader"] as string }),
  };
}

/**
 * Tells whether a measured value meets a bar.
 *
 * @param bar The bar.
 * @param value The measured value.
 * @returns `true` when the bar holds.
 */
export function evaluateBar(bar: Bar, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  switch (bar.op) {
    case "<":
      return value < bar.limit;
    case "<=":
      return value <= bar.limit;
    case ">=":
      return value >= bar.limit;
  }
}

/**
 * Formats a bar for the table, e.g. `ratio ≥ 0.9` or `maxrss < 150 MB`.
 *
 * @param bar The bar.
 * @returns The text.
 */
export function formatBar(bar: Bar): string {
  const op = { "<": "<", "<=": "≤", ">=": "≥" }[bar.op];
  return `${bar.metric} ${op} ${bar.limit}${bar.unit === "" ? "" : ` ${bar.unit}`}`;
}

/**
 * Lays out rows as a left-aligned plain-text table with a rule under the header.
 *
 * @param header The column titles.
 * @param rows The cells (rows shorter than the header are padded).
 * @returns The table, one line per row, ending in a newline.
 */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)]
    .map((l) => `${l}\n`).join("");
}

/**
 * Whether a result is a missed bar or a failed case.
 *
 * @param result The result.
 * @returns `true` when the script must exit non-zero for it.
 */
export function isFailure(result: BenchResult): boolean {
  return "skipped" in result ? result.failed === true : !evaluateBar(result.bar, result.value);
}

/**
 * Renders the result table: case, vouch, reference, ratio, bar, status.
 *
 * @param results The results, in run order.
 * @returns The table text.
 */
export function formatResults(results: BenchResult[]): string {
  const rows = results.map((r): string[] => {
    if ("skipped" in r) {
      return [r.name, "", "", "", "", `${r.failed ? "FAILED" : "SKIPPED"}: ${r.skipped}`];
    }
    return [
      r.name,
      r.vouch,
      r.reference,
      r.ratio === undefined ? "—" : r.ratio.toFixed(3),
      formatBar(r.bar),
      isFailure(r) ? "MISSED" : "ok",
    ];
  });
  return formatTable(["case", "vouch", "reference", "ratio", "bar", "status"], rows);
}

/**
 * The median of some numbers (mean of the middle two for an even count).
 *
 * @param values At least one number.
 * @returns The median.
 */
export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Wall and CPU time of one run, in milliseconds. */
export interface RunTime {
  /** Elapsed (wall-clock) time. */
  wall: number;
  /** CPU time: user + system, of every thread of the process. */
  cpu: number;
}

/**
 * Reads what the bench's `time` wrapper prints: bash's `time` with
 * `TIMEFORMAT="%R %U %S"` (real, user and system seconds), then the
 * command's exit code on a line of its own.
 *
 * @param text The wrapper's output.
 * @returns The times in milliseconds and the exit code.
 * @throws {Error} When the text is not that.
 */
export function parseTimes(text: string): RunTime & { code: number } {
  const match = /^\s*(\d+(?:\.\d+)?) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)\s+(\d+)\s*$/.exec(text);
  if (!match) throw new Error(`not a timing: ${JSON.stringify(text.slice(0, 80))}`);
  const [wall, user, system, code] = match.slice(1).map(Number);
  return { wall: wall * 1000, cpu: (user + system) * 1000, code };
}

/**
 * The order of the runs of round `round`: the items rotated by the round
 * number, so that each takes every position in turn (none always runs first,
 * after the machine was idle, or last).
 *
 * @param items The items.
 * @param round The round number (from 0).
 * @returns The items in that round's order.
 */
export function roundOrder<T>(items: readonly T[], round: number): T[] {
  const k = items.length === 0 ? 0 : round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * The median wall time and the median CPU time of some runs.
 *
 * @param runs At least one run.
 * @returns The medians.
 */
export function medianTime(runs: RunTime[]): RunTime {
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

/**
 * Formats a time as `CPU 142.0 ms, wall 150.0 ms` (or in seconds).
 *
 * @param time The time (milliseconds).
 * @param unit The unit to print.
 * @returns The text.
 */
export function formatTime(time: RunTime, unit: "ms" | "s" = "ms"): string {
  return `CPU ${formatMs(time.cpu, unit)}, wall ${formatMs(time.wall, unit)}`;
}

function formatMs(ms: number, unit: "ms" | "s"): string {
  return unit === "s" ? `${(ms / 1000).toFixed(3)} s` : `${ms.toFixed(1)} ms`;
}

/** The bar of a whole process and what is printed beside its figure. */
export interface ProcessBar {
  /** The comparison. */
  op: Bar["op"];
  /** The CPU time limit, in `unit`. */
  limit: number;
  /** `ms` or `s`. */
  unit: "ms" | "s";
  /** The runs of the start-up floor (an empty `deno run`) in the same rounds. */
  floor?: RunTime[];
  /** The reference column. */
  reference?: string;
  /** vouch relative to the reference. */
  ratio?: number;
}

/**
 * CPU time of an empty `deno run` with vouch's config (the start-up every vouch
 * process pays) on an idle 2-core machine of the kind the bars were set on, in
 * milliseconds (79–85 ms measured there; 90–130 ms under other load).
 */
export const IDLE_FLOOR_CPU_MS = 85;

/**
 * The result line of a bar on a whole process. Without a floor: the median
 * CPU time of its runs against the limit. With the start-up floor (an empty
 * `deno run`, timed in the same interleaved rounds): the median over rounds
 * of the run's CPU time minus the floor's, plus {@linkcode IDLE_FLOOR_CPU_MS}
 * — what the run costs on an idle machine, as other load inflates the floor
 * and the run alike — or plus the floor's median when that is lower (a
 * faster machine than the one the idle floor was measured on: 18 to 28 ms on
 * 2026-12-03), which is then the run's median CPU time. The median wall time
 * is printed beside it.
 *
 * @param name Case label.
 * @param runs The process's runs.
 * @param bar The bar and what to print beside it.
 * @returns The measured result.
 */
export function processResult(name: string, runs: RunTime[], bar: ProcessBar): Measured {
  const time = medianTime(runs);
  const perUnit = bar.unit === "s" ? 1000 : 1;
  const f = (ms: number): string => formatMs(ms, bar.unit);
  if (bar.floor === undefined) {
    return {
      name,
      vouch: `${formatTime(time, bar.unit)} (median of ${runs.length})`,
      reference: bar.reference ?? "—",
      ...(bar.ratio === undefined ? {} : { ratio: bar.ratio }),
      bar: { metric: "CPU", op: bar.op, limit: bar.limit, unit: bar.unit },
      value: time.cpu / perUnit,
    };
  }
  const floor = bar.floor;
  const net = median(runs.map((run, i) => run.cpu - floor[i].cpu));
  const idle = Math.min(IDLE_FLOOR_CPU_MS, medianTime(floor).cpu);
  return {
    name,
    vouch: `${f(net + idle)} = CPU ${f(net)} over the empty deno run + ${
      f(idle)
    } (median of ${runs.length}: ${formatTime(time, bar.unit)}; empty deno run ${
      formatTime(medianTime(floor), bar.unit)
    })`,
    reference: bar.reference ?? "—",
    ...(bar.ratio === undefined ? {} : { ratio: bar.ratio }),
    bar: { metric: "CPU at idle floor", op: bar.op, limit: bar.limit, unit: bar.unit },
    value: (net + idle) / perUnit,
  };
}

/**
 * Reads the peak resident set size (`VmHWM`) from a `/proc/<pid>/status` text.
 *
 * @param status The file's text.
 * @returns The peak RSS in KiB.
 * @throws {Error} When the text has no `VmHWM` line.
 */
export function vmHwmKib(status: string): number {
  const match = /^VmHWM:\s*(\d+)\s*kB$/m.exec(status);
  if (!match) throw new Error("no VmHWM line in the process status");
  return Number(match[1]);
}

/** A package-lock.json (lockfileVersion 3) as a plain object. */
export interface PackageLockV3 {
  /** Project name. */
  name: string;
  /** Project version. */
  version: string;
  /** Always 3. */
  lockfileVersion: 3;
  /** Always true. */
  requires: true;
  /** The packages by location (`""` is the project itself). */
  packages: Record<string, Record<string, unknown>>;
}

/** A seeded pseudo-random generator (mulberry32) returning floats in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ["core", "util", "parse", "fast", "json", "http", "stream", "glob", "color", "path"];
const LICENSES = ["MIT", "ISC", "Apache-2.0", "BSD-3-Clause"];

/**
 * Builds a realistic synthetic `package-lock.json` (v3): top-level and nested
 * `node_modules` entries (some scoped, about 15% nested copies in other
 * versions, a few two levels deep), dependencies between packages that
 * resolve the way Node resolves them, sha512 integrity and registry URLs.
 * Deterministic for a given count and seed; every `name@version` is distinct.
 *
 * @param count How many packages (entries besides the root).
 * @param options `seed` of the pseudo-random choices (default 1).
 * @returns The lockfile object.
 */
export function syntheticPackageLock(
  count: number,
  options: { seed?: number } = {},
): PackageLockV3 {
  const random = prng(options.seed ?? 1);
  const pick = (n: number): number => Math.floor(random() * n);
  const nestedCount = count >= 10 ? Math.floor(count * 0.15) : 0;
  const topCount = count - nestedCount;
  const names = Array.from({ length: topCount }, (_, i) => {
    const base = `${WORDS[i % WORDS.length]}-${WORDS[pick(WORDS.length)]}-${i.toString(36)}`;
    return i % 6 === 5 ? `@scope-${i % 11}/${base}` : base;
  });
  const majors = names.map(() => pick(5));
  const versionOf = (major: number): string => `${major}.${pick(20)}.${pick(30)}`;
  const integrity = (): string => {
    const bytes = Array.from({ length: 64 }, () => pick(256));
    return `sha512-${btoa(String.fromCharCode(...bytes))}`;
  };
  const entry = (name: string, version: string): Record<string, unknown> => {
    const file = `${name.split("/").pop()}-${version}.tgz`;
    const e: Record<string, unknown> = {
      version,
      resolved: `https://registry.npmjs.org/${name}/-/${file}`,
      integrity: integrity(),
      license: LICENSES[pick(LICENSES.length)],
    };
    const roll = random();
    if (roll < 0.3) e.dev = true;
    else if (roll < 0.35) e.optional = true;
    return e;
  };
  const packages: Record<string, Record<string, unknown>> = {};
  const dependsOn = (key: string, target: number, version: string): void => {
    const deps = (packages[key].dependencies ??= {}) as Record<string, string>;
    deps[names[target]] = `^${version}`;
  };
  const topVersions = names.map((name, i) => {
    const version = versionOf(majors[i]);
    packages[`node_modules/${name}`] = entry(name, version);
    return version;
  });
  for (let i = 0; i < topCount && topCount > 1; i++) {
    for (let d = pick(5); d > 0; d--) {
      const target = pick(topCount);
      if (target !== i) dependsOn(`node_modules/${names[i]}`, target, topVersions[target]);
    }
  }
  const nestedKeys: string[] = [];
  for (let j = 0; j < nestedCount;) {
    const hostKey = nestedKeys.length > 0 && random() < 0.2
      ? nestedKeys[pick(nestedKeys.length)]
      : `node_modules/${names[pick(topCount)]}`;
    const target = pick(topCount);
    const key = `${hostKey}/node_modules/${names[target]}`;
    if (hostKey.endsWith(`/${names[target]}`) || key in packages) continue;
    // A major no top-level copy has, unique per nested copy: name@version stays distinct.
    const version = versionOf(5 + j);
    packages[key] = entry(names[target], version);
    dependsOn(hostKey, target, version);
    nestedKeys.push(key);
    j++;
  }
  const rootDeps = (from: number, to: number): Record<string, string> =>
    Object.fromEntries(
      names.slice(from, to).map((name, i) => [name, `^${topVersions[from + i]}`]),
    );
  const root: Record<string, unknown> = {
    name: "synthetic-app",
    version: "1.0.0",
    license: "MIT",
    dependencies: rootDeps(0, Math.min(20, topCount)),
    devDependencies: rootDeps(20, Math.min(30, topCount)),
  };
  const sorted = Object.keys(packages).sort();
  return {
    name: "synthetic-app",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: Object.fromEntries([["", root], ...sorted.map((k) => [k, packages[k]])]),
  };
}

/** The scaling case's reference size, also the warm-up lockfile of its child processes. */
const WARM_UP_PACKAGES = 1000;

/**
 * Checks the scaling bar: µs per package at the largest size must stay within
 * `factor` times µs per package at 1,000 packages (no quadratic behaviour).
 *
 * @param points Measured sizes and times (CPU ms of one pass), in any order; must include 1,000.
 * @param options `factor` (default 3).
 * @returns The result line of the scaling case.
 */
export function scalingResult(
  points: { packages: number; ms: number }[],
  options: { factor?: number } = {},
): Measured {
  const perPackage = (p: { packages: number; ms: number }): number => (p.ms * 1000) / p.packages;
  const base = points.find((p) => p.packages === WARM_UP_PACKAGES);
  if (base === undefined) {
    throw new Error(`the scaling case needs a ${WARM_UP_PACKAGES}-package point`);
  }
  const largest = points.reduce((a, b) => (b.packages > a.packages ? b : a));
  const ratio = perPackage(largest) / perPackage(base);
  return {
    name: `scaling ${largest.packages / 1000}k vs 1k`,
    vouch: `${perPackage(largest).toFixed(1)} µs/pkg @${largest.packages}`,
    reference: `${perPackage(base).toFixed(1)} µs/pkg @${base.packages}`,
    ratio,
    bar: { metric: "ratio", op: "<=", limit: options.factor ?? 3, unit: "" },
    value: ratio,
  };
}

/** One timing of a tool: a process over an empty file, then over the big one (ms). */
export interface NetTiming {
  /** Time of the process hashing an empty file (start-up and exit). */
  startup: number;
  /** Time of the process hashing the big file. */
  full: number;
}

/** One interleaved round: vouch and the reference, timed back to back. */
export interface NetRound {
  /** vouch's timing. */
  vouch: NetTiming;
  /** The reference's timing. */
  reference: NetTiming;
}

/**
 * Throughput of vouch relative to a reference, net of process start-up: per
 * round, (reference full − start-up) / (vouch full − start-up); the result is
 * the median of those ratios (robust to a round disturbed by other load).
 *
 * @param rounds At least one interleaved round.
 * @returns The median ratio (above 1: vouch is faster) and the median net times.
 */
export function netRatio(
  rounds: NetRound[],
): { ratio: number; vouchMs: number; referenceMs: number } {
  const net = (t: NetTiming): number => t.full - t.startup;
  return {
    ratio: median(rounds.map((r) => net(r.reference) / net(r.vouch))),
    vouchMs: median(rounds.map((r) => net(r.vouch))),
    referenceMs: median(rounds.map((r) => net(r.reference))),
  };
}

/**
 * The scaling bar over several interleaved rounds: the round whose ratio is the
 * median (of {@linkcode scalingResult} per round), the bar on that median.
 *
 * @param rounds Each round's points (every one with the 1,000-package point).
 * @param options As for {@linkcode scalingResult}.
 * @returns The result line of the scaling case.
 */
export function medianScalingResult(
  rounds: { packages: number; ms: number }[][],
  options: { factor?: number } = {},
): Measured {
  const results = rounds.map((points) => scalingResult(points, options));
  const ratio = median(results.map((r) => r.value));
  const closest = results.reduce((a, b) =>
    Math.abs(b.value - ratio) < Math.abs(a.value - ratio) ? b : a
  );
  return {
    ...closest,
    ratio,
    value: ratio,
    bar: { ...closest.bar, metric: `median ratio of ${rounds.length}` },
  };
}

/** The in-process bar of every reader: microseconds per package read. */
export const READER_BAR: Bar = { metric: "µs/package", op: "<=", limit: 20, unit: "µs" };

/**
 * The result line of one reader timed in-process.
 *
 * @param label `reader file` label.
 * @param time The median CPU and wall time of one read, in milliseconds.
 * @param packages How many components (and members) the read gave.
 * @returns The measured result against {@linkcode READER_BAR}, on CPU time.
 */
export function readerResult(label: string, time: RunTime, packages: number): Measured {
  const perPackage = packages === 0 ? Infinity : (time.cpu * 1000) / packages;
  return {
    name: `reader-corpus ${label}`,
    vouch: `CPU ${time.cpu.toFixed(2)} ms / ${packages} packages = ${
      perPackage.toFixed(1)
    } µs each (wall ${time.wall.toFixed(2)} ms)`,
    reference: "—",
    bar: READER_BAR,
    value: perPackage,
  };
}

// ---------------------------------------------------------------------------
// Measuring (I/O below this line).

const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");
const MAIN = `${REPO_ROOT}/main.ts`;
const SCRIPT = fileURLToPath(import.meta.url);
/** The corpus of ../shared (see its README). */
const CORPUS_ROOT = `${REPO_ROOT}/../shared/corpus`;
const CORPUS = `${CORPUS_ROOT}/open-telemetry__opentelemetry-js`;
const RUN_FLAGS = ["run", "--allow-read", "--allow-write", "--allow-env"];
const MIB = 1 << 20;

const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const megabytes = (kib: number): number => (kib * 1024) / 1e6;

/** Times an async action in milliseconds. */
async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await action();
  return performance.now() - start;
}

/** The CPU time (every thread of this process) and wall time of an action, in milliseconds. */
async function cpuTimed(action: () => unknown): Promise<RunTime> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await action();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpuStart);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** The untimed runs before the timed rounds: at least `runs` of each action, for at least `ms`. */
interface WarmUp {
  runs: number;
  ms?: number;
}

/**
 * The warm-up of the per-package reader bars. V8 optimises a read's top-level
 * functions (called once per read, their loops running via on-stack
 * replacement) only after many reads: with 5 warm-up reads the pnpm read of
 * mermaid measured 26 µs per package, with 30 reads 15.5 (and kept that);
 * composer.lock's decoding reaches its final tier after some 500 reads
 * (3.7 ms a read, 10 ms before), two seconds' worth, so a two-second warm-up
 * gave either. Five seconds of reads reach the final state for every corpus
 * file; the cold cost is the whole-process bar's.
 */
const READER_WARM_UP: WarmUp = { runs: 5, ms: 5000 };

/** How many child processes time each corpus reader (the median one counts). */
const READER_CHILDREN = 3;

/**
 * Times each action `n` times in interleaved rounds (the order rotating),
 * after the warm-up; returns each one's runs.
 */
async function inProcessRuns(
  n: number,
  actions: (() => unknown)[],
  warmUp: WarmUp,
): Promise<RunTime[][]> {
  const start = performance.now();
  for (let i = 0; i < warmUp.runs || performance.now() - start < (warmUp.ms ?? 0); i++) {
    for (const action of actions) await action();
  }
  const runs = actions.map((): RunTime[] => []);
  const indexes = actions.map((_, i) => i);
  for (let r = 0; r < n; r++) {
    for (const i of roundOrder(indexes, r)) runs[i].push(await cpuTimed(actions[i]));
  }
  return runs;
}

/**
 * Runs a command under bash's `time`: its wall time and the CPU time (user +
 * system) of the process and its threads, in milliseconds. Its output is
 * discarded; an exit code outside `okCodes` is an error (its message from a
 * second, untimed run).
 */
async function timedRun(spec: ProcessSpec): Promise<RunTime> {
  const out = await new Deno.Command("bash", {
    args: [
      "-c",
      'TIMEFORMAT="%R %U %S"; { time "$@" >/dev/null 2>&1; } 2>&1; echo "$?"',
      "_",
      spec.command,
      ...spec.args,
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "null",
    clearEnv: true,
    env: childEnv(),
  }).output();
  const { wall, cpu, code } = parseTimes(new TextDecoder().decode(out.stdout));
  const okCodes = spec.okCodes ?? [0];
  if (!okCodes.includes(code)) {
    await run(spec.command, spec.args, { okCodes }); // throws with the first line of stderr
    throw new Error(`${spec.command} ${spec.args.slice(0, 6).join(" ")} exited ${code}`);
  }
  return { wall, cpu };
}

/** A process to time: the command, its arguments, the exit codes that count as success. */
interface ProcessSpec {
  command: string;
  args: string[];
  okCodes?: number[];
}

/**
 * `deno run` of an empty script with the CLI's permissions and V8 flags and its
 * config (deno.json, deno.lock): the start-up floor of any run.
 */
async function floorSpec(dir: string): Promise<ProcessSpec> {
  await Deno.writeTextFile(`${dir}/empty.ts`, "");
  return {
    command: Deno.execPath(),
    args: [...RUN_FLAGS, V8_FLAGS_ARG, "--config", `${REPO_ROOT}/deno.json`, `${dir}/empty.ts`],
  };
}

/**
 * A `vouch` CLI run as a process: `deno run main.ts` with the binary's
 * permissions and V8 flags.
 */
function vouchSpec(args: string[], okCodes?: number[]): ProcessSpec {
  return { command: Deno.execPath(), args: [...RUN_FLAGS, V8_FLAGS_ARG, MAIN, ...args], okCodes };
}

/**
 * Times processes in interleaved rounds, the order rotating (see
 * {@linkcode roundOrder}), after one untimed warm-up run of each (Deno's
 * caches); returns each one's runs, in the order given.
 */
async function interleavedRuns(specs: ProcessSpec[], rounds: number): Promise<RunTime[][]> {
  for (const spec of specs) await timedRun(spec);
  const runs = specs.map((): RunTime[] => []);
  const indexes = specs.map((_, i) => i);
  for (let r = 0; r < rounds; r++) {
    for (const i of roundOrder(indexes, r)) runs[i].push(await timedRun(specs[i]));
  }
  return runs;
}

/** Writes `size` bytes made of one repeated 16 MiB random buffer. */
async function writeRandomFile(path: string, size: number, chunk: Uint8Array): Promise<void> {
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  for (let done = 0; done < size;) {
    const part = chunk.subarray(0, Math.min(chunk.length, size - done));
    for (let off = 0; off < part.length;) off += await file.write(part.subarray(off));
    done += part.length;
  }
  await file.syncData(); // no write-back left running into the timed work
}

/** Reads a file once so the page cache holds it. */
async function warm(path: string): Promise<void> {
  using file = await Deno.open(path);
  const buffer = new Uint8Array(16 * MIB);
  while ((await file.read(buffer)) !== null) { /* read through */ }
}

/** Child-process environment: no signing keys, no CI variables, Deno's cache kept. */
function childEnv(): Record<string, string> {
  const keep = ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "TMPDIR"];
  return Object.fromEntries([
    ["NO_COLOR", "1"],
    ...keep.flatMap((k) => (Deno.env.get(k) === undefined ? [] : [[k, Deno.env.get(k)!]])),
  ]);
}

/** Runs a command; returns its wall time, stdout and exit code. */
async function run(
  command: string,
  args: string[],
  options: { okCodes?: number[]; stdout?: boolean } = {},
): Promise<{ ms: number; stdout: string }> {
  const cmd = new Deno.Command(command, {
    args,
    stdin: "null",
    stdout: options.stdout ? "piped" : "null",
    stderr: "piped",
    clearEnv: true,
    env: childEnv(),
  });
  const start = performance.now();
  const out = await cmd.output();
  const ms = performance.now() - start;
  if (!(options.okCodes ?? [0]).includes(out.code)) {
    const err = new TextDecoder().decode(out.stderr).trim().split("\n")[0];
    const shown = args.map((a) => a.replace(`${REPO_ROOT}/`, "")).slice(0, 6).join(" ");
    throw new Error(`${command.split("/").pop()} ${shown} exited ${out.code}: ${err}`);
  }
  return { ms, stdout: options.stdout ? new TextDecoder().decode(out.stdout) : "" };
}

/**
 * Runs a child mode of this script and returns the JSON line it prints, with
 * the child's peak RSS (`VmHWM`). Deno denies `/proc/self/status` without
 * `--allow-all`, and getrusage(2) `ru_maxrss` counts the parent's memory at
 * spawn time, so the child prints its result, then waits for its stdin to
 * close while this process reads `/proc/<pid>/status` with `cat`.
 */
async function child(
  args: string[],
  denoFlags: string[] = [],
): Promise<Record<string, number | string>> {
  const proc = new Deno.Command(Deno.execPath(), {
    args: [...RUN_FLAGS, ...denoFlags, SCRIPT, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    clearEnv: true,
    env: childEnv(),
  }).spawn();
  const stderr = new Response(proc.stderr).text();
  const lines = proc.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await lines.read();
    if (done) break;
    text += value;
  }
  const status = text.includes("\n")
    ? (await run("cat", [`/proc/${proc.pid}/status`], { stdout: true })).stdout
    : "";
  await proc.stdin.close();
  await lines.cancel();
  const exit = await proc.status;
  if (!exit.success || status === "") {
    const why = (await stderr).trim().split("\n")[0];
    throw new Error(`child ${args.slice(0, 3).join(" ")} exited ${exit.code}: ${why}`);
  }
  return { ...JSON.parse(text.split("\n")[0]), maxrssKib: vmHwmKib(status) };
}

interface Sizes {
  largeFile: number;
  /** Rounds of the hashing cases. */
  rounds: number;
  manyFiles: [number, number];
  rssFile: number;
  scaling: number[];
  /** Rounds of the scaling case (the first over every size). */
  scalingRounds: number;
  /** Interleaved rounds of the whole-process bars. */
  processRounds: number;
  /** Interleaved rounds of the in-process bars. */
  inProcessRounds: number;
}

function sizes(quick: boolean): Sizes {
  return quick
    ? {
      largeFile: 256 * MIB,
      rounds: 3,
      manyFiles: [8, 32 * MIB],
      rssFile: 1024 * MIB,
      scaling: [100, WARM_UP_PACKAGES, 10000],
      scalingRounds: 3,
      processRounds: 5,
      inProcessRounds: 9,
    }
    : {
      largeFile: 1024 * MIB,
      rounds: 5,
      manyFiles: [8, 128 * MIB],
      rssFile: 4096 * MIB,
      scaling: [100, WARM_UP_PACKAGES, 10000, 50000],
      scalingRounds: 5,
      processRounds: 9,
      inProcessRounds: 21,
    };
}

type Context = { dir: string; sizes: Sizes; chunk: Uint8Array; log: (text: string) => void };

/** A process hashing `path`: `openssl dgst`, or this script's `--child-hash` mode (`hashSubjects`). */
function hashSpec(tool: "vouch" | "openssl", path: string): ProcessSpec {
  return tool === "openssl"
    ? { command: "openssl", args: ["dgst", "-sha256", "-r", path] }
    : { command: Deno.execPath(), args: [...RUN_FLAGS, SCRIPT, "--child-hash", path] };
}

/** The digest a hashing process prints. */
async function hashDigest(tool: "vouch" | "openssl", path: string): Promise<string> {
  const spec = hashSpec(tool, path);
  const out = (await run(spec.command, spec.args, { stdout: true })).stdout;
  return tool === "openssl" ? out.split(" ")[0] : JSON.parse(out).sha256;
}

async function benchThroughput(c: Context): Promise<BenchResult[]> {
  if (!(await installed("openssl", ["version"]))) {
    return [{ name: "hash-throughput", skipped: "openssl is not installed" }];
  }
  const path = `${c.dir}/large.bin`;
  const empty = `${c.dir}/empty.bin`;
  await writeRandomFile(path, c.sizes.largeFile, c.chunk);
  await Deno.writeFile(empty, new Uint8Array());
  await warm(path);
  // Both digests once, untimed: they must agree.
  const [ours, theirs] = [await hashDigest("vouch", path), await hashDigest("openssl", path)];
  if (ours !== theirs) throw new Error(`digest mismatch: ${ours} vs ${theirs}`);
  const specs = [
    hashSpec("vouch", empty),
    hashSpec("vouch", path),
    hashSpec("openssl", empty),
    hashSpec("openssl", path),
  ];
  const runs = await interleavedRuns(specs, c.sizes.rounds);
  const rounds = (metric: keyof RunTime): NetRound[] =>
    runs[0].map((_, r) => ({
      vouch: { startup: runs[0][r][metric], full: runs[1][r][metric] },
      reference: { startup: runs[2][r][metric], full: runs[3][r][metric] },
    }));
  const wall = netRatio(rounds("wall"));
  const cpu = netRatio(rounds("cpu"));
  const rate = (ms: number): string =>
    `${((c.sizes.largeFile / MIB) / (ms / 1000)).toFixed(0)} MiB/s`;
  return [{
    name: `hash-throughput ${c.sizes.largeFile / MIB} MiB, process net of start-up`,
    vouch: `wall ${seconds(wall.vouchMs)} (${rate(wall.vouchMs)}), CPU ${seconds(cpu.vouchMs)}`,
    reference: `openssl wall ${seconds(wall.referenceMs)} (${rate(wall.referenceMs)}), CPU ${
      seconds(cpu.referenceMs)
    } (CPU ratio ${cpu.ratio.toFixed(3)})`,
    ratio: wall.ratio,
    bar: { metric: `median wall ratio of ${runs[0].length}`, op: ">=", limit: 0.95, unit: "" },
    value: wall.ratio,
  }];
}

/** Whether a command runs (with arguments that only print its version). */
async function installed(command: string, versionArgs: string[]): Promise<boolean> {
  try {
    await run(command, versionArgs);
    return true;
  } catch {
    return false;
  }
}

/** Hashes `paths` with `lanes` concurrent `openssl dgst` processes (round-robin); returns the wall ms. */
function opensslLanes(paths: string[], lanes: number): Promise<number> {
  const groups = Array.from({ length: lanes }, (_, l) => paths.filter((_, i) => i % lanes === l));
  return timed(() =>
    Promise.all(groups.map((group) => run("openssl", ["dgst", "-sha256", "-r", ...group])))
  );
}

async function benchParallel(c: Context): Promise<BenchResult[]> {
  if (!(await installed("openssl", ["version"]))) {
    return [{ name: "hash-parallel", skipped: "openssl is not installed" }];
  }
  const [n, size] = c.sizes.manyFiles;
  const lanes = navigator.hardwareConcurrency;
  const subjects: SubjectPath[] = [];
  for (let i = 0; i < n; i++) {
    const path = `${c.dir}/many-${i}.bin`;
    await writeRandomFile(path, size, c.chunk);
    await warm(path);
    subjects.push({ name: `many-${i}.bin`, path });
  }
  const paths = subjects.map((s) => s.path);
  const times = {
    vouch1: [] as number[],
    vouchN: [] as number[],
    openssl1: [] as number[],
    opensslN: [] as number[],
  };
  const runs = [
    async () => times.vouch1.push(await timed(() => hashSubjects(subjects, { concurrency: 1 }))),
    async () => times.vouchN.push(await timed(() => hashSubjects(subjects))),
    async () => times.openssl1.push(await opensslLanes(paths, 1)),
    async () => times.opensslN.push(await opensslLanes(paths, lanes)),
  ];
  for (let i = 0; i < c.sizes.rounds; i++) {
    // Interleaved, the order alternating, so that each round's four runs see the same load.
    for (const measure of i % 2 === 0 ? runs : [...runs].reverse()) await measure();
  }
  // The speed-up vouch gets from its lanes, relative to the speed-up the same
  // machine gives `lanes` openssl processes in the same round: other load
  // lowers both alike, so the bar holds on a busy machine too.
  const ratio = median(
    times.vouch1.map((v1, i) => (v1 / times.vouchN[i]) / (times.openssl1[i] / times.opensslN[i])),
  );
  const speedUp = (one: number[], all: number[]): string =>
    `${(median(one) / median(all)).toFixed(2)}×`;
  return [{
    name: `hash-parallel ${n} × ${size / MIB} MiB, ${lanes} lanes`,
    vouch: `${seconds(median(times.vouchN))}, ${speedUp(times.vouch1, times.vouchN)} of 1 lane`,
    reference: `openssl ${seconds(median(times.opensslN))}, ${
      speedUp(times.openssl1, times.opensslN)
    } of 1 process`,
    ratio,
    bar: { metric: `median speed-up ratio of ${c.sizes.rounds}`, op: ">=", limit: 0.85, unit: "" },
    value: ratio,
  }];
}

async function benchRss(c: Context): Promise<BenchResult[]> {
  const path = `${c.dir}/sparse.bin`;
  {
    using file = await Deno.open(path, { write: true, create: true, truncate: true });
    await file.truncate(c.sizes.rssFile);
  }
  const out = await child(["--child-hash", path]);
  if (out.size !== c.sizes.rssFile) throw new Error(`child hashed ${out.size} bytes`);
  const mb = megabytes(Number(out.maxrssKib));
  return [{
    name: `hash-rss ${c.sizes.rssFile / MIB / 1024} GiB`,
    vouch: `maxrss ${mb.toFixed(1)} MB`,
    reference: "—",
    bar: { metric: "maxrss", op: "<", limit: 150, unit: "MB" },
    value: mb,
  }];
}

async function benchCorpus(c: Context): Promise<BenchResult[]> {
  const names = ["cli-corpus sbom", "cli-corpus attest"];
  try {
    Deno.statSync(`${CORPUS}/package-lock.json`);
  } catch {
    return names.map((name) => ({ name, skipped: `${CORPUS} is not present (../shared absent)` }));
  }
  const subject = `${c.dir}/subject.tgz`;
  await Deno.writeFile(subject, c.chunk.subarray(0, MIB));
  const commands: [string, string[], number, number[]][] = [
    ["sbom", ["sbom", "--project-root", CORPUS], 0.15, [0]],
    [
      "attest",
      [
        "attest",
        ...["--project-root", CORPUS, "--output-dir", `${c.dir}/evidence`, "--subject", subject],
        ...[
          "--release",
          "v1.0.0",
          "--repository",
          "https://github.com/open-telemetry/opentelemetry-js",
        ],
        ...["--commit-sha", "0123456789abcdef0123456789abcdef01234567"],
        ...["--builder-id", "https://github.com/open-telemetry/opentelemetry-js/actions/runs/1"],
        ...["--format", "json"],
      ],
      0.3,
      [0, 1], // 1: written but blocked, as no signing key is given
    ],
  ];
  // The floor, sbom and attest in interleaved rounds: the bars on CPU time.
  const specs = [await floorSpec(c.dir), ...commands.map(([, args, , ok]) => vouchSpec(args, ok))];
  const [floor, ...runs] = await interleavedRuns(specs, c.sizes.processRounds);
  const results: BenchResult[] = [];
  for (const [i, [what, args, limit, okCodes]] of commands.entries()) {
    const out = await child(["--child-cli", "--", ...args]);
    if (!okCodes.includes(Number(out.exit))) {
      throw new Error(`in-process ${what} exited ${out.exit}`);
    }
    const mb = megabytes(Number(out.maxrssKib));
    results.push(
      processResult(`cli-corpus ${what}`, runs[i], {
        op: "<=",
        limit,
        unit: "s",
        floor,
        reference: "cdxgen ≈ 4 s",
        ratio: medianTime(runs[i]).wall / 4000,
      }),
      {
        name: `cli-corpus ${what} maxrss`,
        vouch: `${mb.toFixed(1)} MB`,
        reference: "cdxgen ≈ 210 MB",
        ratio: mb / 210,
        bar: { metric: "maxrss", op: "<=", limit: 120, unit: "MB" },
        value: mb,
      },
    );
  }
  return results;
}

/**
 * The second corpus batch: reader name, corpus folder, the lockfile it reads
 * (the largest when several). `jestjs__jest`'s yarn.lock is the largest.
 */
export const READER_CORPUS: [string, string, string][] = [
  ["pnpm_lock", "mermaid-js__mermaid", "pnpm-lock.yaml"],
  ["pnpm_lock", "vuejs__vue", "pnpm-lock.yaml"],
  ["yarn_lock", "excalidraw__excalidraw", "yarn.lock"],
  ["yarn_lock", "jestjs__jest", "yarn.lock"],
  ["bun_lock", "midday-ai__midday", "bun.lock"],
  ["package_lock", "axios__axios", "package-lock.json"],
  ["composer_lock", "wallabag__wallabag", "composer.lock"],
  ["gemfile_lock", "huginn__huginn", "Gemfile.lock"],
  ["pipfile_lock", "bridgecrewio__checkov", "Pipfile.lock"],
  ["pylock", "library-data-platform__ldlite", "pylock.toml"],
  ["uv_lock", "crewAIInc__crewAI", "uv.lock"],
  ["maven_pom", "google__gson", "gson/pom.xml"],
  ["gradle_lockfile", "google__nomulus", "core/gradle.lockfile"],
  ["nuget_lock", "Flow-Launcher__Flow.Launcher", "Flow.Launcher/packages.lock.json"],
];

/** A reader context over a folder, as the scan gives readers (files read once). */
function folderContext(dir: string): ReaderContext {
  const files = new Map<string, string | undefined>();
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch {
      return undefined;
    }
  };
  return {
    load: (rel) => {
      if (!files.has(rel)) files.set(rel, attempt(() => Deno.readTextFileSync(`${dir}/${rel}`)));
      return files.get(rel);
    },
    list: (rel) =>
      attempt(() =>
        [...Deno.readDirSync(`${dir}/${rel}`)].filter((e) => e.isDirectory).map((e) => e.name)
      ),
  };
}

/** Runs a read once, loading the modules it needs on the way (see `NeedsModule`). */
async function firstRead(read: () => number): Promise<void> {
  for (let attempt = 0;; attempt++) {
    try {
      read();
      return;
    } catch (error) {
      if (!(error instanceof NeedsModule) || attempt > 4) throw error;
      await error.load();
    }
  }
}

/** One reader of the second corpus batch, ready to read its lockfile in-process. */
interface CorpusReader {
  label: string;
  dir: string;
  /** The lockfile's size in bytes (UTF-16 code units). */
  bytes: number;
  /** Reads the lockfile once; returns the components and members read. */
  read: () => number;
}

/** The reader of a {@linkcode READER_CORPUS} entry, its modules loaded; `undefined` without ../shared. */
async function corpusReader(entry: readonly [string, string, string]): Promise<
  CorpusReader | undefined
> {
  const [name, dir, file] = entry;
  const context = folderContext(`${CORPUS_ROOT}/${dir}`);
  const text = context.load(file);
  if (text === undefined) return undefined;
  const reader = READERS.find((r) => r.name === name)!;
  const read = (): number => {
    const out = reader.read(text, file, context);
    return out.components.length + out.members.length;
  };
  await firstRead(read);
  return { label: `${name} ${dir}`, dir, bytes: text.length, read };
}

/**
 * Child mode of the reader case: one reader of {@linkcode READER_CORPUS} in a
 * process of its own, as a run reads one format (no other reader's shapes
 * make the shared code polymorphic, no other reader's garbage is charged to
 * it); reports the median CPU and wall time of `rounds` reads after the
 * warm-up.
 */
async function childReader(spec: string): Promise<void> {
  const [index, rounds] = spec.split(":").map(Number);
  const reader = await corpusReader(READER_CORPUS[index]);
  if (reader === undefined) throw new Error(`${READER_CORPUS[index][1]} is not present`);
  const time = medianTime((await inProcessRuns(rounds, [reader.read], READER_WARM_UP))[0]);
  await report({ packages: reader.read(), bytes: reader.bytes, cpu: time.cpu, wall: time.wall });
}

async function benchReaders(c: Context): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const readers: { label: string; dir: string; bytes: number }[] = [];
  const times: RunTime[] = [];
  const packages: number[] = [];
  // In-process: each reader in a child process of its own (see `childReader`); each bar
  // on the median CPU time.
  for (const [i, [name, dir]] of READER_CORPUS.entries()) {
    const label = `${name} ${dir}`;
    try {
      await Deno.stat(`${CORPUS_ROOT}/${dir}`);
    } catch {
      results.push({
        name: `reader-corpus ${label}`,
        skipped: `${CORPUS_ROOT}/${dir} is not present`,
      });
      continue;
    }
    // Several children, the median one kept: a burst of load on the host (seen here: a
    // read three times slower for a second) spoils one child's rounds, not the figure.
    const outs = [];
    for (let n = 0; n < READER_CHILDREN; n++) {
      outs.push(await child(["--child-reader", `${i}:${c.sizes.inProcessRounds}`]));
    }
    const out = outs.sort((a, b) => Number(a.cpu) - Number(b.cpu))[outs.length >> 1];
    readers.push({ label, dir, bytes: Number(out.bytes) });
    times.push({ cpu: Number(out.cpu), wall: Number(out.wall) });
    packages.push(Number(out.packages));
  }
  // Whole processes: `vouch sbom` of each project and the floor, interleaved.
  const specs = [
    await floorSpec(c.dir),
    ...readers.map((r) => vouchSpec(["sbom", "--project-root", `${CORPUS_ROOT}/${r.dir}`])),
  ];
  const [floor, ...runs] = await interleavedRuns(specs, c.sizes.processRounds);
  const cdxgen = await installed("cdxgen", ["--version"]);
  const rows: string[][] = [];
  for (const [i, reader] of readers.entries()) {
    const inProcess = times[i];
    results.push(readerResult(reader.label, inProcess, packages[i]));
    const reference = cdxgen
      ? (await run("cdxgen", ["-o", `${c.dir}/cdxgen.json`, `${CORPUS_ROOT}/${reader.dir}`])).ms
      : undefined;
    const sbom = medianTime(runs[i]);
    results.push(processResult(`reader-corpus ${reader.label} sbom`, runs[i], {
      op: "<=",
      limit: 0.2,
      unit: "s",
      floor,
      reference: reference === undefined ? "cdxgen not installed" : `cdxgen ${seconds(reference)}`,
      ...(reference === undefined ? {} : { ratio: sbom.wall / reference }),
    }));
    rows.push([
      reader.label,
      String(packages[i]),
      (reader.bytes / 1000 / packages[i]).toFixed(2),
      ((inProcess.cpu * 1000) / packages[i]).toFixed(1),
      (reader.bytes / 1000 / inProcess.cpu).toFixed(0),
      sbom.cpu.toFixed(0),
      sbom.wall.toFixed(0),
      (sbom.cpu - medianTime(floor).cpu).toFixed(0),
    ]);
  }
  if (rows.length > 0) {
    c.log(formatTable(
      [
        "reader project",
        "packages",
        "KB/pkg",
        "µs/pkg CPU",
        "MB/s CPU",
        "sbom CPU ms",
        "sbom wall ms",
        "CPU over floor",
      ],
      rows,
    ));
  }
  return results;
}

const SBOM_OPTIONS = { created: new Date(0), reproducible: true, tool: TOOL };

/** One timed pass: read the inventory at `dir`, write both SBOMs; returns the component count. */
async function scalingPass(dir: string): Promise<number> {
  const inventory = await readInventory(dir);
  await toCycloneDx(inventory, SBOM_OPTIONS);
  await toSpdx(inventory, SBOM_OPTIONS);
  return inventory.components.length;
}

async function benchScaling(c: Context): Promise<BenchResult[]> {
  // Each size in a fresh process, so no size pays for the garbage of another.
  for (const n of new Set([WARM_UP_PACKAGES, ...c.sizes.scaling])) {
    await Deno.mkdir(`${c.dir}/scale-${n}`);
    const lock = JSON.stringify(syntheticPackageLock(n));
    await Deno.writeTextFile(`${c.dir}/scale-${n}/package-lock.json`, lock);
  }
  const measure = async (
    n: number,
  ): Promise<{ packages: number; ms: number; wallMs: number; maxrssKib: number }> => {
    const out = await child(["--child-scaling", `${c.dir}/scale-${n}`], ["--v8-flags=--expose-gc"]);
    if (out.packages !== n) throw new Error(`${n} packages read as ${out.packages} components`);
    return {
      packages: n,
      ms: Number(out.cpuMs),
      wallMs: Number(out.wallMs),
      maxrssKib: Number(out.maxrssKib),
    };
  };
  const points = [];
  for (const n of c.sizes.scaling) points.push(await measure(n));
  // More rounds of the two sizes the bar compares, interleaved (the order alternating): the
  // bar is on the median of the per-round ratios of CPU time.
  const largest = Math.max(...c.sizes.scaling);
  const rounds = [points];
  for (let i = 1; i < c.sizes.scalingRounds; i++) {
    const round = [];
    for (const n of roundOrder([largest, WARM_UP_PACKAGES], i)) round.push(await measure(n));
    rounds.push(round);
  }
  c.log(formatTable(
    ["packages", "CPU ms", "wall ms", "CPU µs/package", "maxrss MB"],
    points.map((p) => [
      String(p.packages),
      p.ms.toFixed(1),
      p.wallMs.toFixed(1),
      ((p.ms * 1000) / p.packages).toFixed(1),
      megabytes(p.maxrssKib).toFixed(1),
    ]),
  ));
  return [medianScalingResult(rounds)];
}

async function benchStartup(c: Context): Promise<BenchResult[]> {
  const [floor, runs] = await interleavedRuns(
    [await floorSpec(c.dir), vouchSpec(["--version"])],
    c.sizes.processRounds,
  );
  return [processResult("startup --version", runs, { op: "<", limit: 100, unit: "ms", floor })];
}

async function benchJvmReaders(c: Context): Promise<BenchResult[]> {
  const n = c.sizes.scaling.includes(50000) ? 10000 : 2000;
  const inputs = jvmReaderInputs(n);
  for (const input of inputs) {
    const count = input.read();
    if (count !== input.packages) {
      throw new Error(`${input.reader} read ${count} of ${input.packages} packages`);
    }
  }
  const runs = await inProcessRuns(
    c.sizes.inProcessRounds,
    inputs.map((i) => i.read),
    READER_WARM_UP,
  );
  return inputs.map((input, i) => {
    const time = medianTime(runs[i]);
    const perPackage = (ms: number): string => ((ms * 1000) / n).toFixed(2);
    return {
      name: `readers-jvm ${input.reader} ${n}`,
      vouch: `CPU ${perPackage(time.cpu)} µs/pkg (wall ${perPackage(time.wall)})`,
      reference: "—",
      bar: { metric: "CPU µs/pkg", op: "<=", limit: 20, unit: "µs" },
      value: (time.cpu * 1000) / n,
    };
  });
}

/** The conformance suite's happy-path bundle (identity and issuer are the suite's defaults). */
const HAPPY = {
  dir: `${REPO_ROOT}/../shared/sigstore-conformance/bundle-verify`,
  bundle: "happy-path-v0.3-new-mediaType/bundle.sigstore.json",
  artifact: "a.txt",
  identity:
    "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main",
  issuer: "https://token.actions.githubusercontent.com",
};

/** sigstore-js's verification of the happy-path bundle, loaded on demand (test-only dependency). */
async function sigstoreJsVerifier(): Promise<() => void> {
  const { sigstoreVerdict } = await import("../tests/_sigstore.ts");
  const bundle = JSON.parse(await Deno.readTextFile(`${HAPPY.dir}/${HAPPY.bundle}`));
  const artifact = await Deno.readFile(`${HAPPY.dir}/${HAPPY.artifact}`);
  const { PUBLIC_GOOD_TRUSTED_ROOT_JSON } = await import(
    "../src/sigstore/public_good_trusted_root.ts"
  );
  return () => {
    const verdict = sigstoreVerdict(bundle, {
      artifact,
      trustedRootJson: PUBLIC_GOOD_TRUSTED_ROOT_JSON,
      identity: { san: HAPPY.identity, issuer: HAPPY.issuer },
    });
    if (!verdict.ok) throw new Error(`sigstore-js did not verify the bundle: ${verdict.error}`);
  };
}

async function benchSigstore(c: Context): Promise<BenchResult[]> {
  const names = ["sigstore-verify in-process", "sigstore-verify process"];
  try {
    Deno.statSync(`${HAPPY.dir}/${HAPPY.bundle}`);
  } catch {
    return names.map((name) => ({
      name,
      skipped: `${HAPPY.dir} is not present (../shared absent)`,
    }));
  }
  const { verifyBundle } = await import("../src/sigstore/mod.ts");
  const bytes = await Deno.readFile(`${HAPPY.dir}/${HAPPY.bundle}`);
  const artifact = await Deno.readFile(`${HAPPY.dir}/${HAPPY.artifact}`);
  const identity = { subjectAlternativeName: HAPPY.identity, issuer: HAPPY.issuer };
  const ours = async (): Promise<void> => {
    const result = await verifyBundle(bytes, { artifact: { bytes: artifact }, identity });
    if (!result.verified) throw new Error("vouch did not verify the happy-path bundle");
  };
  const [oursRuns, theirsRuns] = await inProcessRuns(50, [ours, await sigstoreJsVerifier()], {
    runs: 20,
  });
  const cli = vouchSpec([
    "verify-bundle",
    ...["--bundle", `${HAPPY.dir}/${HAPPY.bundle}`],
    ...["--certificate-identity", HAPPY.identity, "--certificate-oidc-issuer", HAPPY.issuer],
    `${HAPPY.dir}/${HAPPY.artifact}`,
  ]);
  const reference = {
    command: Deno.execPath(),
    args: [...RUN_FLAGS, SCRIPT, "--child-sigstore-js"],
  };
  const [floor, runs, refRuns] = await interleavedRuns(
    [await floorSpec(c.dir), cli, reference],
    c.sizes.processRounds,
  );
  const [inProcess, theirs] = [medianTime(oursRuns), medianTime(theirsRuns)];
  return [
    {
      name: names[0],
      vouch: `${formatTime(inProcess)} (median of ${oursRuns.length})`,
      reference: `@sigstore/verify ${formatTime(theirs)}`,
      ratio: inProcess.cpu / theirs.cpu,
      bar: { metric: "CPU", op: "<=", limit: 20, unit: "ms" },
      value: inProcess.cpu,
    },
    processResult(names[1], runs, {
      op: "<=",
      limit: 150,
      unit: "ms",
      floor,
      reference: `@sigstore/verify process ${formatTime(medianTime(refRuns))}`,
      ratio: median(runs.map((r, i) => r.cpu / refRuns[i].cpu)),
    }),
  ];
}

const RUNNERS: Record<string, (c: Context) => Promise<BenchResult[]>> = {
  "hash-throughput": benchThroughput,
  "hash-parallel": benchParallel,
  "hash-rss": benchRss,
  "cli-corpus": benchCorpus,
  "reader-corpus": benchReaders,
  "scaling": benchScaling,
  "startup": benchStartup,
  "readers-jvm": benchJvmReaders,
  "sigstore-verify": benchSigstore,
};

/** Prints a child mode's result line, then waits until the parent closes stdin (see `child`). */
async function report(result: Record<string, unknown>): Promise<void> {
  console.log(JSON.stringify(result));
  const buffer = new Uint8Array(64);
  while ((await Deno.stdin.read(buffer)) !== null) { /* wait for EOF */ }
}

async function childHash(path: string): Promise<void> {
  const [subject] = await hashSubjects([{ name: path.split("/").pop()!, path }]);
  await report({ sha256: subject.sha256, size: subject.size });
}

async function childCli(args: string[]): Promise<void> {
  let bytes = 0;
  const exit = await runCli(args, {
    ...denoCliIo({ env: {}, stderrIsTerminal: false }),
    // Encoded as main.ts does before writing, so the peak RSS counts the output's bytes.
    stdout: (text) => void (bytes += new TextEncoder().encode(text).length),
    stderr: () => {},
  });
  await report({ exit, stdoutBytes: bytes });
}

/**
 * Child mode of the scaling case: warms the hot paths up on the 1,000-package
 * lockfile beside `dir`, then times passes over `dir` (garbage collected before
 * each when `--v8-flags=--expose-gc` is given) and reports the fastest.
 */
async function childScaling(dir: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
  for (let i = 0; i < 3; i++) await scalingPass(`${dir}/../scale-${WARM_UP_PACKAGES}`);
  const times: RunTime[] = [];
  let packages = 0;
  for (let i = 0; i < 3; i++) {
    gc();
    times.push(await cpuTimed(async () => (packages = await scalingPass(dir))));
  }
  const { cpu, wall } = medianTime(times);
  await report({ packages, cpuMs: cpu, wallMs: wall });
}

async function main(argv: string[]): Promise<number> {
  let plan: BenchPlan;
  try {
    plan = parseBenchArgs(argv);
  } catch (error) {
    if (!isVouchError(error)) throw error;
    const p = error.toProblem();
    console.error(`error[${p.code}]: ${p.message}\n  hint: ${p.hint}`);
    return 2;
  }
  if (plan.help) {
    console.log(USAGE);
    return 0;
  }
  if (plan.childHash !== undefined) {
    await childHash(plan.childHash);
    return 0;
  }
  if (plan.childScaling !== undefined) {
    await childScaling(plan.childScaling);
    return 0;
  }
  if (plan.childCli !== undefined) {
    await childCli(plan.childCli);
    return 0;
  }
  if (plan.childSigstoreJs) {
    (await sigstoreJsVerifier())();
    return 0;
  }
  if (plan.childReader !== undefined) {
    await childReader(plan.childReader);
    return 0;
  }

  const dir = await Deno.makeTempDir({ prefix: "vouch_bench_" });
  const chunk = randomFillSync(new Uint8Array(16 * MIB));
  const context: Context = { dir, sizes: sizes(plan.quick), chunk, log: (t) => console.log(t) };
  const results: BenchResult[] = [];
  const started = performance.now();
  try {
    for (const name of plan.cases) {
      console.log(`… ${name}`);
      // Each case gets its own folder, removed right after it so the next one starts clean.
      const caseDir = `${dir}/${name}`;
      await Deno.mkdir(caseDir);
      try {
        results.push(...(await RUNNERS[name]({ ...context, dir: caseDir })));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push({ name, skipped: message, failed: true });
      } finally {
        await Deno.remove(caseDir, { recursive: true });
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  console.log(`\n${formatResults(results)}`);
  console.log(`total ${seconds(performance.now() - started)}${plan.quick ? " (--quick)" : ""}`);
  const failures = results.filter(isFailure);
  if (failures.length > 0) {
    console.log(
      `${failures.length} bar(s) missed or failed: ${failures.map((f) => f.name).join(", ")}`,
    );
    return 1;
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
