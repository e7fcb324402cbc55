/**
 * Publishes a directory of evidence atomically: every file is written into a
 * temporary directory beside the target, which then replaces the target by
 * rename. A failed run leaves the previous evidence untouched and no partial
 * files behind.
 *
 * Runs publishing to the same target take turns through a lock file beside
 * it (`.NAME.vouch-lock`, an advisory `flock` the OS releases when a process
 * dies); a run that cannot get it in time fails with `output_dir.busy`. The
 * lock holder removes what killed runs left beside the target
 * (`.NAME.vouch-tmp-*`, `.NAME.vouch-old-*`) when they hold only evidence:
 * while it holds the lock, no other run can be using them. A run killed between its two renames leaves
 * no target, only the earlier output as `.NAME.vouch-old-*`: the next run
 * puts it back before anything else.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "../_path.ts";
import { VouchError } from "../errors.ts";
import { describeFsProblem, type FsProblem, fsProblem } from "../_fs.ts";

/** How long a run waits for another run publishing to the same target, by default: 10 s. */
export const DEFAULT_LOCK_WAIT_MS = 10_000;

/** Options of {@linkcode publishDirectory} and {@linkcode checkReplaceable}. */
export interface PublishOptions {
  /**
   * Tells whether an existing, non-empty target is earlier output that may be
   * replaced (for vouch: a parseable index listing exactly the files in it).
   * Anything else is never replaced.
   */
  isEarlierOutput: (dir: string) => Promise<boolean>;
  /** How long to wait for the lock of another run, in ms (default {@linkcode DEFAULT_LOCK_WAIT_MS}). */
  lockWaitMs?: number;
  /**
   * The name of every file a run may publish, whatever its options (default: the files given):
   * a temporary folder a killed run left that holds only such files is removed.
   */
  fileNames?: ReadonlySet<string>;
}

function randomSuffix(): string {
  return crypto.randomUUID().slice(0, 8);
}

/** The hidden names of a run's own files beside `name`. */
function ownName(name: string, what: "tmp" | "old" | "lock"): string {
  return what === "lock" ? `.${name}.vouch-lock` : `.${name}.vouch-${what}-${randomSuffix()}`;
}

function leftoverPattern(name: string, kinds = "tmp|old"): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^\\.${escaped}\\.vouch-(?:${kinds})-[0-9a-f]{8}$`);
}

const CANNOT_WRITE: ReadonlySet<FsProblem> = new Set([
  "denied",
  "not_allowed",
  "read_only",
  "loop",
]);

/**
 * The coded error for a failed file-system call on the output directory.
 *
 * @param error What the call threw.
 * @param target The output directory, as given.
 * @returns An `output_dir.*` {@linkcode VouchError}, or `error` itself when it
 *   is a `VouchError` already or not a file-system problem (a bug).
 */
export function outputDirError(error: unknown, target: string): unknown {
  if (error instanceof VouchError) return error;
  const problem = fsProblem(error);
  if (problem === undefined) return error;
  const what = describeFsProblem(problem);
  if (problem === "not_directory") {
    return new VouchError(
      "output_dir.not_directory",
      `--output-dir ${target}: ${what}`,
      "choose another --output-dir",
    );
  }
  if (problem === "no_space") {
    return new VouchError(
      "output_dir.no_space",
      `--output-dir ${target} cannot be written: ${what}`,
      "free some space on that disk, or choose an --output-dir on another one",
    );
  }
  if (CANNOT_WRITE.has(problem)) {
    return new VouchError(
      "output_dir.unwritable",
      `--output-dir ${target} cannot be written: ${what}`,
      problem === "read_only"
        ? "choose an --output-dir on a writable file system (e.g. under the job's workspace or /tmp)"
        : "choose a folder you can write to",
    );
  }
  // `missing` here means the folder vanished under us, e.g. removed by hand meanwhile.
  return new VouchError(
    "output_dir.unwritable",
    `--output-dir ${target} cannot be written: ${what}`,
    "check that nothing else changes the folder or its parent while vouch runs",
  );
}

/** Runs `step`, turning file-system failures into coded `output_dir.*` errors. */
async function onOutputDir<T>(target: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw outputDirError(error, target);
  }
}

async function lstatOrUndefined(path: string): Promise<Deno.FileInfo | undefined> {
  try {
    return await Deno.lstat(path);
  } catch (error) {
    if (fsProblem(error) === "missing") return undefined;
    throw error;
  }
}

function notEvidence(target: string): VouchError {
  return new VouchError(
    "output_dir.not_evidence",
    `--output-dir ${target} is not empty and is not earlier vouch evidence (an index listing exactly the files in it): refusing to replace it`,
    "point --output-dir at a new or empty folder, or at a folder vouch wrote",
  );
}

/**
 * Checks that `target` may be published to: absent, an empty directory, or
 * earlier output (see {@linkcode PublishOptions.isEarlierOutput}). It only
 * looks; nothing is changed.
 *
 * @param target The directory.
 * @param options How earlier output is recognised.
 * @returns `true` when the directory exists (and will be replaced).
 * @throws {VouchError} `output_dir.not_directory`, `output_dir.not_evidence`
 *   or `output_dir.unwritable` (it cannot even be looked at).
 */
export async function checkReplaceable(target: string, options: PublishOptions): Promise<boolean> {
  return await onOutputDir(target, async () => {
    const info = await lstatOrUndefined(target);
    if (!info) return false;
    if (info.isSymlink) {
      throw new VouchError(
        "output_dir.not_directory",
        `--output-dir ${target} is a symbolic link: vouch replaces the folder itself, not what a link points to`,
        "pass the real folder as --output-dir",
      );
    }
    if (!info.isDirectory) {
      throw new VouchError(
        "output_dir.not_directory",
        `--output-dir ${target} exists and is not a directory`,
        "choose another --output-dir",
      );
    }
    // Another run may be swapping its evidence in meanwhile (the folder is gone for an instant
    // between its two renames): a folder that changed while it was looked at is that run's,
    // and the look under the lock decides (see `publishDirectory`).
    const swapped = async (): Promise<boolean> => {
      const now = await lstatOrUndefined(target);
      return now === undefined || now.ino !== info.ino || now.dev !== info.dev;
    };
    try {
      for await (const _ of Deno.readDir(target)) {
        if (await options.isEarlierOutput(target) || await swapped()) return true;
        throw notEvidence(target);
      }
    } catch (error) {
      if (fsProblem(error) === "missing" && await swapped()) return true;
      throw error;
    }
    return true;
  });
}

/** A held lock: {@linkcode release} removes the file, then lets go. */
interface Lock {
  release(): Promise<void>;
}

/**
 * Takes the lock file `path`, waiting up to `waitMs` for another holder.
 * After locking, the path must still name the locked file: a holder removes it
 * on release, and a waiter that opened the removed file must start over.
 */
async function takeLock(path: string, target: string, waitMs: number): Promise<Lock> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const existing = await lstatOrUndefined(path);
    if (existing && !existing.isFile) {
      throw new VouchError(
        "output_dir.unwritable",
        `--output-dir ${target}: its lock path ${path} exists and is not a regular file`,
        `remove ${path}`,
      );
    }
    const file = await Deno.open(path, { read: true, write: true, create: true });
    let held = false;
    try {
      if (await file.tryLock(true)) {
        const [mine, now] = [await file.stat(), await lstatOrUndefined(path)];
        held = now !== undefined && now.ino === mine.ino && now.dev === mine.dev;
      }
    } finally {
      if (!held) file.close();
    }
    if (held) {
      return {
        release: async () => {
          // Remove while still holding it; a leftover lock file (say, the folder was
          // made read-only meanwhile) is harmless: the next run takes it over.
          await Deno.remove(path).catch(() => {});
          file.close();
        },
      };
    }
    if (Date.now() >= deadline) {
      throw new VouchError(
        "output_dir.busy",
        `--output-dir ${target}: another vouch run is publishing there (it holds ${path})`,
        "wait for that run to finish and run again, or give each run its own --output-dir",
      );
    }
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * Removes the temporary and old folders killed runs left beside `name` in `parent`, when they
 * hold only what vouch puts there. An old folder that is neither empty nor earlier output is
 * kept: a run moved it aside and was killed before it could put it back (a folder swapped in by
 * something else, see `swapIn`), so it is the user's, not vouch's. So is a temporary one that
 * holds anything but regular files named as evidence files (`fileNames`: a killed run's partly
 * written output), unless it is earlier output.
 */
async function removeLeftovers(
  parent: string,
  name: string,
  options: PublishOptions & { fileNames: ReadonlySet<string> },
): Promise<void> {
  const pattern = leftoverPattern(name);
  const stale: string[] = [];
  for await (const entry of Deno.readDir(parent)) {
    if (entry.isDirectory && !entry.isSymlink && pattern.test(entry.name)) stale.push(entry.name);
  }
  for (const entry of stale) {
    const path = join(parent, entry);
    const ours = entry.includes(".vouch-old-")
      ? await emptyOrEarlier(path, options)
      : await onlyFilesNamed(path, options.fileNames) || await options.isEarlierOutput(path);
    if (ours) await Deno.remove(path, { recursive: true });
  }
}

/** Whether the folder `dir` holds nothing but regular files with these names (or nothing). */
async function onlyFilesNamed(dir: string, names: ReadonlySet<string>): Promise<boolean> {
  for await (const entry of Deno.readDir(dir)) {
    if (!entry.isFile || !names.has(entry.name)) return false;
  }
  return true;
}

async function writeAll(temp: string, files: Map<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of files) {
    if (name === "" || name.includes("/") || name.includes("\\") || name === "." || name === "..") {
      throw new Error(
        `internal: evidence file name ${JSON.stringify(name)} is not a plain file name`,
      );
    }
    const path = join(temp, name);
    if (typeof content === "string") await Deno.writeTextFile(path, content);
    else await Deno.writeFile(path, content);
  }
}

/** Whether the folder `dir` is empty or earlier output. */
async function emptyOrEarlier(dir: string, options: PublishOptions): Promise<boolean> {
  for await (const _ of Deno.readDir(dir)) return await options.isEarlierOutput(dir);
  return true;
}

/**
 * Replaces (or creates) `dir` with the complete folder `temp`, which is gone
 * afterwards. What was moved aside is looked at again before it is removed:
 * a folder swapped in or filled since the look under the lock (by something
 * other than vouch) is put back and refused, never deleted.
 */
async function swapIn(
  temp: string,
  dir: string,
  replacing: boolean,
  target: string,
  options: PublishOptions,
): Promise<void> {
  if (!replacing) {
    await Deno.rename(temp, dir);
    return;
  }
  const old = join(dirname(dir), ownName(basename(dir), "old"));
  await Deno.rename(dir, old);
  let replaceable = false;
  try {
    replaceable = await emptyOrEarlier(old, options);
  } finally {
    if (!replaceable) await Deno.rename(old, dir);
  }
  if (!replaceable) throw notEvidence(target);
  try {
    await Deno.rename(temp, dir);
  } catch (error) {
    await Deno.rename(old, dir);
    throw error;
  }
  try {
    await Deno.remove(old, { recursive: true });
  } catch (error) {
    // The earlier evidence cannot be removed (say, its folder is write-protected):
    // put it back, so that the failed run changes nothing (the caller removes temp).
    await Deno.rename(dir, temp);
    await Deno.rename(old, dir);
    throw error;
  }
}

/**
 * Puts back earlier output that a run killed between its two renames left as
 * `.NAME.vouch-old-*` with no `NAME` beside it, so the leftover cleanup that
 * follows never deletes the only copy. Without such output, the newest old folder that holds
 * anything is put back (a folder of the user's that a killed run had moved aside; the run
 * then refuses it as not evidence).
 */
async function restoreInterrupted(
  parent: string,
  name: string,
  options: PublishOptions,
): Promise<void> {
  const dir = join(parent, name);
  if (await lstatOrUndefined(dir)) return;
  const pattern = leftoverPattern(name, "old");
  let newest: { path: string; mtime: number } | undefined;
  let newestOther: { path: string; mtime: number } | undefined;
  for await (const entry of Deno.readDir(parent)) {
    if (!entry.isDirectory || !pattern.test(entry.name)) continue;
    const path = join(parent, entry.name);
    const mtime = (await Deno.lstat(path)).mtime?.getTime() ?? 0;
    if (await options.isEarlierOutput(path)) {
      if (newest === undefined || mtime > newest.mtime) newest = { path, mtime };
    } else if (
      (newestOther === undefined || mtime > newestOther.mtime) &&
      !await emptyOrEarlier(path, options)
    ) {
      newestOther = { path, mtime };
    }
  }
  const back = newest ?? newestOther;
  if (back) await Deno.rename(back.path, dir);
}

/**
 * Writes `files` as the complete contents of `target`, atomically, holding
 * the target's lock file meanwhile.
 *
 * @param target The directory to publish (created with its parents).
 * @param files File name → contents. Names are plain file names.
 * @param options How earlier output is recognised; how long to wait for the lock.
 * @throws {VouchError} `output_dir.not_directory`, `output_dir.not_evidence`,
 *   `output_dir.unwritable`, `output_dir.no_space`, `output_dir.busy`.
 */
export async function publishDirectory(
  target: string,
  files: Map<string, string | Uint8Array>,
  options: PublishOptions,
): Promise<void> {
  const dir = resolve(target);
  const parent = dirname(dir);
  const name = basename(dir);
  // Check first: under a regular file, mkdir would fail with a bare AlreadyExists.
  await checkReplaceable(target, options);
  await onOutputDir(target, () => Deno.mkdir(parent, { recursive: true }));
  const lock = await onOutputDir(
    target,
    () =>
      takeLock(
        join(parent, ownName(name, "lock")),
        target,
        options.lockWaitMs ?? DEFAULT_LOCK_WAIT_MS,
      ),
  );
  try {
    await onOutputDir(target, () => restoreInterrupted(parent, name, options));
    // Another run may have published meanwhile: look again, under the lock.
    const replacing = await checkReplaceable(target, options);
    await onOutputDir(target, async () => {
      await removeLeftovers(parent, name, {
        ...options,
        fileNames: options.fileNames ?? new Set(files.keys()),
      });
      const temp = join(parent, ownName(name, "tmp"));
      await Deno.mkdir(temp);
      try {
        await writeAll(temp, files);
        await swapIn(temp, dir, replacing, target, options);
      } catch (error) {
        await Deno.remove(temp, { recursive: true }).catch(() => {});
        throw error;
      }
    });
  } finally {
    await lock.release();
  }
}
