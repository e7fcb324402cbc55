// Shared test helpers: fixture paths, the optional ../shared/ reference folder.
import process from "node:process";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root. */
export const REPO_ROOT: string = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");

/**
 * Absolute path of a file or folder under `fixtures/`.
 *
 * @param parts Path segments below `fixtures/`.
 * @returns The absolute path.
 */
export function fixture(...parts: string[]): string {
  return [REPO_ROOT, "fixtures", ...parts].join("/");
}

function existingShared(): string | undefined {
  const dir = `${REPO_ROOT}/../shared`;
  try {
    return Deno.statSync(dir).isDirectory ? Deno.realPathSync(dir) : undefined;
  } catch {
    return undefined;
  }
}

/** Absolute path of `../shared/` beside the repository, or `undefined` where it is absent. */
export const SHARED_DIR: string | undefined = existingShared();

/**
 * Whether tests that need `../shared/` must be skipped; prints the reason once per call site.
 *
 * @param what What the test would have checked.
 * @returns `true` when `../shared/` is absent.
 */
export function skipWithoutShared(what: string): boolean {
  if (SHARED_DIR !== undefined) return false;
  console.log(`skipping ${what}: ../shared/ is not present beside the repository`);
  return true;
}

/**
 * Runs `fn` with a fresh temporary folder, removed afterwards whatever happens.
 *
 * @param fn The work.
 * @param options `prefix` of the folder name.
 */
export async function withTempDir(
  fn: (dir: string) => Promise<void> | void,
  options: { prefix?: string } = {},
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: options.prefix ?? "vouch-test-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/**
 * A stopwatch on the CPU time of this process (user and system, every thread), in
 * milliseconds: the guards against runaway (quadratic, backtracking) work use it, as other
 * load on the machine stretches wall time several-fold and CPU time hardly at all.
 *
 * @returns A function giving the CPU milliseconds spent since the call.
 */
export function cpuStopwatch(): () => number {
  const start = process.cpuUsage();
  return (): number => {
    const spent = process.cpuUsage(start);
    return (spent.user + spent.system) / 1000;
  };
}

/**
 * A seeded pseudo-random generator (mulberry32): the same numbers on every run, for tests that
 * compare readers on many generated texts.
 *
 * @param seed The seed.
 * @returns A function giving an integer in `[0, n)`.
 */
export function seededRandom(seed: number): (n: number) => number {
  let a = seed;
  return (n) => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}
