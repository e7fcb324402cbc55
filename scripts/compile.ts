/**
 * Builds the standalone `vouch` binaries with `deno compile`, writes
 * `SHA256SUMS` over them, and attests them with vouch itself (dogfooding).
 *
 * ```sh
 * deno task compile                                    # every target
 * deno task compile --target x86_64-unknown-linux-gnu  # one target (repeatable)
 * deno task compile --targets aarch64-apple-darwin,x86_64-apple-darwin
 * DENORT_BIN=/path/to/denort deno task compile --target x86_64-unknown-linux-gnu  # offline
 * ```
 *
 * Output: `dist/vouch-<version>-<target>[.exe]`, `dist/SHA256SUMS` and the
 * evidence in `dist/attestation/`. Signing keys come from `VOUCH_SIGNING_KEY`
 * (HMAC) and `VOUCH_PRIVATE_KEY` (PEM), as for `vouch attest`.
 *
 * @module
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isVouchError, type Problem, VouchError } from "../src/errors.ts";
import { VERSION } from "../src/version.ts";
import { attest } from "../src/attest.ts";
import { formatSha256Sums } from "../src/bundle/checksums.ts";
import { hashFile } from "../src/provenance/subjects.ts";
import type { Env } from "../src/provenance/context.ts";
import { parseArgs, suggest } from "../src/cli/args.ts";
import { resolveSecret } from "../src/cli/secrets.ts";

/** The platforms a release is compiled for (`deno compile --target` values). */
export const TARGETS: readonly string[] = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
];

/**
 * The permissions baked into every binary: vouch reads, writes and reads the
 * environment; the network is for keyless signing only (every other run
 * revokes it at start); no subprocess, no FFI.
 */
export const PERMISSION_FLAGS: readonly string[] = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-net",
];

/**
 * The V8 flags baked into every binary. No optimizing compiler (TurboFan, Maglev), the
 * interpreter and its baseline compiler only: a vouch run is short and its code cold, and on
 * the corpus optimizing hot functions on V8's background threads cost more CPU than the faster
 * code saved. A young generation of at most 2 MB: a larger one keeps moving into fresh memory,
 * and a page fault costs more than the scavenges a small one adds. Together, `vouch sbom`
 * took 20 to 32% less CPU on jest, mermaid, axios and crewAI and 20% less on a synthetic
 * 10,000-package lock; a 50,000-package one took 8% more. V8 on the main thread only
 * (`--single-threaded`, which includes `--single-threaded-gc`): most of what a run allocates
 * lives to its end, and sharing each small scavenge with helper threads cost more than it saved
 * (jest 0.35 → 0.30 s CPU, 0.38 → 0.33 s wall; mermaid 0.30 → 0.26 s CPU, 0.34 → 0.29 s wall;
 * medians of 11 interleaved runs); without V8's other helper threads (compile tasks) a jest run
 * switches threads some 15 times instead of 120 and takes 6% less CPU and wall time, mermaid 9%
 * less CPU (`perf stat`, 4 interleaved rounds of 5 runs). Workers still hash in parallel: each
 * is a thread of its own, which the flag does not touch. Every function compiled with its module
 * (`--no-lazy`): Deno's code cache of a module holds what was compiled when the module was, so
 * lazily compiled functions were parsed and compiled again on every run; with the flag they come
 * from the cache, and a module is parsed once, not pre-parsed first: `vouch sbom` of jest, mermaid
 * and axios runs 5 to 6% fewer instructions (valgrind), and without a code cache (its first run)
 * 1% fewer; of jest, mermaid and midday it takes 2 to 6% less CPU (medians of 31 interleaved
 * runs).
 */
export const V8_FLAGS: readonly string[] = [
  "--no-opt",
  "--no-maglev",
  "--max-semi-space-size=2",
  "--single-threaded",
  "--no-lazy",
];

/** {@linkcode V8_FLAGS} as one `deno run` / `deno compile` flag. */
export const V8_FLAGS_ARG = `--v8-flags=${V8_FLAGS.join(",")}`;

/** What the script was asked to do. */
export interface CompilePlan {
  /** The targets, in {@linkcode TARGETS} order, without duplicates. */
  targets: string[];
  /** Where binaries go (default `dist`). */
  outDir: string;
  /** `--help` was given. */
  help: boolean;
}

const USAGE = `Usage: deno task compile [--target TARGET]... [--targets T1,T2] [--out-dir DIR]

Compiles main.ts into dist/vouch-<version>-<target>[.exe] for each target
(default: all of ${TARGETS.join(", ")}),
writes dist/SHA256SUMS and attests the binaries into dist/attestation/.

Environment: DENORT_BIN (a local denort binary, for one target at a time),
VOUCH_SIGNING_KEY (HMAC key), VOUCH_PRIVATE_KEY (PEM private key).
`;

/**
 * Parses the script's flags and checks them against the environment.
 *
 * @param argv The arguments.
 * @param options `env`: the environment (only `DENORT_BIN` is read).
 * @returns The plan.
 * @throws {VouchError} `args.*` for bad flags; `compile.unknown_target` for a
 *   target Deno cannot compile to; `compile.denort_bin_many_targets` when
 *   `DENORT_BIN` is set and more than one target is selected.
 */
export function parseCompileArgs(argv: string[], options: { env: Env }): CompilePlan {
  const args = parseArgs(argv, [
    { name: "target", type: "list" },
    { name: "targets", type: "string" },
    { name: "out-dir", type: "string" },
    { name: "help", type: "boolean" },
  ]);
  if (args.positionals.length > 0) {
    throw new VouchError(
      "args.unexpected_argument",
      `compile takes no argument ${JSON.stringify(args.positionals[0])}`,
      "pick targets with --target TARGET or --targets T1,T2",
    );
  }
  const asked = [
    ...((args.flags.target as string[] | undefined) ?? []),
    ...((args.flags.targets as string | undefined)?.split(",") ?? []),
  ].map((t) => t.trim()).filter((t) => t !== "");
  for (const target of asked) {
    if (!TARGETS.includes(target)) {
      const guess = suggest(target, TARGETS);
      throw new VouchError(
        "compile.unknown_target",
        `unknown target ${JSON.stringify(target)}`,
        guess ? `did you mean ${guess}?` : `use one of: ${TARGETS.join(", ")}`,
      );
    }
  }
  const targets = asked.length === 0 ? [...TARGETS] : TARGETS.filter((t) => asked.includes(t));
  const denortBin = options.env.DENORT_BIN;
  if (denortBin !== undefined && denortBin !== "" && targets.length > 1) {
    throw new VouchError(
      "compile.denort_bin_many_targets",
      `DENORT_BIN=${denortBin} is one runtime, but ${targets.length} targets are selected`,
      "pass the one --target that DENORT_BIN was built for",
    );
  }
  return {
    targets,
    outDir: (args.flags["out-dir"] as string | undefined) ?? "dist",
    help: args.flags.help === true,
  };
}

/**
 * The file name of one release binary.
 *
 * @param target A {@linkcode TARGETS} entry.
 * @param options `version`: the release version.
 * @returns `vouch-<version>-<target>`, with `.exe` for Windows.
 */
export function binaryName(target: string, options: { version: string }): string {
  return `vouch-${options.version}-${target}${target.includes("-windows-") ? ".exe" : ""}`;
}

/** The hashing worker module, which `deno compile` must be told to embed. */
export const WORKER_MODULE = "src/provenance/_hash_worker.ts";

/**
 * The `deno compile` arguments for one target.
 *
 * @param target A {@linkcode TARGETS} entry.
 * @param options `version`, `outDir` and the `entry` module (default `main.ts`).
 * @returns The arguments after the `deno` executable.
 */
export function compileArgs(
  target: string,
  options: { version: string; outDir: string; entry?: string },
): string[] {
  return [
    "compile",
    ...PERMISSION_FLAGS,
    V8_FLAGS_ARG,
    // Worker modules are not found by static analysis: include the hashing worker explicitly.
    "--include",
    WORKER_MODULE,
    "--target",
    target,
    "--output",
    join(options.outDir, binaryName(target, options)),
    options.entry ?? "main.ts",
  ];
}

/**
 * The environment variables `deno compile` is given: where deno and its cache
 * live, a temp folder, a local runtime and the proxy settings for the runtime
 * download. Everything else, signing keys above all, stays in this process.
 */
export const COMPILE_ENV_NAMES: readonly string[] = [
  "PATH",
  "HOME",
  "DENO_DIR",
  "XDG_CACHE_HOME",
  "TMPDIR",
  "DENORT_BIN",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "https_proxy",
  "http_proxy",
  "no_proxy",
];

/**
 * The environment of the `deno compile` child process: only the
 * {@linkcode COMPILE_ENV_NAMES} that are set and non-empty. The child runs
 * with a cleared environment, so `VOUCH_SIGNING_KEY`, `VOUCH_PRIVATE_KEY` and
 * any other secret never reach it.
 *
 * @param env This process's environment.
 * @returns The variables to pass, in {@linkcode COMPILE_ENV_NAMES} order.
 */
export function compileEnv(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of COMPILE_ENV_NAMES) {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (value !== undefined && value !== "") out[name] = value;
  }
  return out;
}

// deno prints colours even into a pipe when it thinks it may.
// deno-lint-ignore no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Explains a failed `deno compile` from its stderr, in one line.
 *
 * @param stderr What `deno compile` printed on stderr.
 * @param options The `target` compiled.
 * @returns `compile.offline` when the Deno runtime (denort) could not be
 *   downloaded, `compile.runtime_unavailable` when it could not be set up for
 *   another reason, `compile.denort_missing` when `DENORT_BIN` names no file,
 *   otherwise `compile.failed` with deno's first error line.
 */
export function classifyCompileFailure(stderr: string, options: { target: string }): Problem {
  const text = stderr.replace(ANSI, "");
  const missing = /Could not find denort at '([^']*)'/.exec(text);
  if (missing) {
    return {
      code: "compile.denort_missing",
      message: `DENORT_BIN=${missing[1]} does not exist`,
      hint: `point DENORT_BIN at a denort binary for ${options.target}, or unset it`,
    };
  }
  if (/error sending request for url \(\S*denort-/.test(text)) {
    return {
      code: "compile.offline",
      message: `cannot download the Deno runtime for ${options.target} (no network)`,
      hint: "set DENORT_BIN to a local denort binary",
    };
  }
  const baseBinary = /Setting up base binary\.?\s*\n\s*1: (.*)/.exec(text);
  if (baseBinary) {
    return {
      code: "compile.runtime_unavailable",
      message: `cannot get the Deno runtime for ${options.target}: ${baseBinary[1].trim()}`,
      hint: "set DENORT_BIN to a local denort binary",
    };
  }
  const first = text.split("\n").map((l) => l.trim()).find((l) => l.startsWith("error:")) ??
    text.split("\n").map((l) => l.trim()).find((l) => l !== "") ?? "no output";
  return {
    code: "compile.failed",
    message: `deno compile failed for ${options.target}: ${first.replace(/^error:\s*/, "")}`,
    hint: "fix the error above, then run deno task compile again",
  };
}

/**
 * The names of the release binaries among a directory's entries: the
 * `vouch-*` regular files, sorted (the set `SHA256SUMS` and the attestation cover).
 *
 * @param entries The directory entries.
 * @returns The sorted file names.
 */
export function releaseBinaries(entries: Iterable<{ name: string; isFile: boolean }>): string[] {
  return [...entries].filter((e) => e.isFile && e.name.startsWith("vouch-")).map((e) => e.name)
    .sort();
}

function fail(problem: Problem): void {
  console.error(`compile: ${problem.message}; ${problem.hint}`);
}

async function compileTarget(
  target: string,
  outDir: string,
  env: Env,
): Promise<Problem | undefined> {
  const args = compileArgs(target, { version: VERSION, outDir });
  console.error(`compile: ${target} -> ${args[args.indexOf("--output") + 1]}`);
  const result = await new Deno.Command(Deno.execPath(), {
    args,
    env: compileEnv(env),
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (result.success) return undefined;
  const stderr = new TextDecoder().decode(result.stderr);
  const problem = classifyCompileFailure(stderr, { target });
  if (problem.code === "compile.failed") console.error(stderr.replace(ANSI, "").trimEnd());
  return problem;
}

async function writeChecksums(outDir: string): Promise<string[]> {
  const names = releaseBinaries(Deno.readDirSync(outDir));
  const entries = [];
  for (const name of names) entries.push({ name, ...(await hashFile(join(outDir, name))) });
  await Deno.writeTextFile(join(outDir, "SHA256SUMS"), formatSha256Sums(entries));
  return names;
}

async function attestBinaries(outDir: string, env: Env): Promise<number> {
  const secret = (defaults: string[]): string | undefined =>
    resolveSecret({}, {
      names: { file: "--signing-key-file", env: "--signing-key-env" },
      defaults,
      env,
      readTextFile: (path) => Deno.readTextFileSync(path),
    }).value;
  const report = await attest({
    projectRoot: ".",
    subjects: [`${outDir}/vouch-*`],
    lockfiles: ["deno.lock"],
    outputDir: `${outDir}/attestation`,
    release: VERSION,
    hmacKey: secret(["VOUCH_SIGNING_KEY"]),
    privateKeyPem: secret(["VOUCH_PRIVATE_KEY"]),
    env,
  });
  for (const b of report.blockers) {
    console.error(`compile: attestation blocked[${b.code}]: ${b.message}; ${b.hint}`);
  }
  console.error(
    `compile: attestation ${report.passed ? "passed" : "blocked"}: ${report.bundle_path}`,
  );
  return report.passed ? 0 : 1;
}

async function main(argv: string[], env: Env): Promise<number> {
  let plan: CompilePlan;
  try {
    plan = parseCompileArgs(argv, { env });
  } catch (error) {
    if (!isVouchError(error)) throw error;
    fail(error);
    return 2;
  }
  if (plan.help) {
    console.log(USAGE);
    return 0;
  }
  // Paths (main.ts, deno.lock, dist/) are relative to the repository root.
  Deno.chdir(fileURLToPath(new URL("..", import.meta.url)));
  await Deno.mkdir(plan.outDir, { recursive: true });
  for (const target of plan.targets) {
    const problem = await compileTarget(target, plan.outDir, env);
    if (problem) {
      fail(problem);
      return 1;
    }
  }
  const names = await writeChecksums(plan.outDir);
  console.error(`compile: ${join(plan.outDir, "SHA256SUMS")} covers ${names.join(", ")}`);
  try {
    return await attestBinaries(plan.outDir, env);
  } catch (error) {
    if (!isVouchError(error)) throw error;
    fail(error);
    return 1;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args, Deno.env.toObject()));
