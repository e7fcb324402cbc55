/**
 * Release subjects: expanding `--subject` patterns and hashing the files they
 * name, streaming, so memory stays flat whatever the file size.
 *
 * @module
 */
import { globSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "../_path.ts";
import { VouchError } from "../errors.ts";
import { compareStrings } from "../_util.ts";
import { describeFsProblem, fsProblem, pathExists } from "../_fs.ts";
import { hashFile } from "./_hash_file.ts";

export { hashFile };

/** A subject file located on disk. */
export interface SubjectPath {
  /** Name recorded in the provenance: the path relative to the project root, `/`-separated. */
  name: string;
  /** Absolute path to read. */
  path: string;
}

/** A hashed subject. */
export interface Subject extends SubjectPath {
  /** Lowercase hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

const GLOB_CHARS = /[*?[\]{}]/;

/** True for a regular file (following links); false for folders and dangling links. */
function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

function subjectName(root: string, path: string, keepOutsidePaths: boolean): string {
  // Only a Windows separator becomes `/`: on POSIX a backslash is part of a file name.
  const rel = sep === "\\" ? relative(root, path).replaceAll("\\", "/") : relative(root, path);
  if (!(rel.startsWith("../") || rel === ".." || isAbsolute(rel))) return rel;
  // Outside the project root: the base name, never an absolute path or `..` (unless asked).
  return keepOutsidePaths ? path : rel.split("/").pop()!;
}

function missing(pattern: string, why: string): VouchError {
  return new VouchError(
    `subject.missing.${pattern}`,
    `subject ${pattern}: ${why}`,
    "build the release artifacts first, or fix the --subject path (relative to --project-root)",
  );
}

function checkFile(pattern: string, path: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (error) {
    const problem = fsProblem(error);
    throw missing(
      pattern,
      problem && problem !== "missing" ? describeFsProblem(problem) : "no such file",
    );
  }
  if (!info.isFile) throw missing(pattern, "not a regular file");
  try {
    Deno.openSync(path).close();
  } catch {
    throw missing(pattern, "cannot be read");
  }
}

/**
 * The regular files a glob matches below `root`; a folder it cannot search is an error, and so
 * is a file whose name is not UTF-8 (read as U+FFFD, it names no file: never silently dropped).
 */
function glob(pattern: string, root: string): string[] {
  try {
    const paths = globSync(pattern, { cwd: root }).map((p) => resolve(root, p));
    const lossy = paths.find((p) => p.includes("\uFFFD") && !pathExists(p));
    if (lossy !== undefined) {
      throw missing(pattern, "it matches a file whose name is not valid UTF-8; rename that file");
    }
    return paths.filter(isFile);
  } catch (error) {
    const problem = fsProblem(error);
    if (problem === undefined) throw error;
    throw missing(pattern, `a folder on its way cannot be searched: ${describeFsProblem(problem)}`);
  }
}

/**
 * Expands `--subject` values (paths or glob patterns, relative to `root`) into
 * files, sorted by name, each checked to be a readable regular file.
 *
 * @param patterns The values given.
 * @param options `root`: the project root the patterns are relative to;
 *   `keepOutsidePaths`: a file outside `root` is named by its absolute path
 *   instead of its base name (for `verify`, where names only match and two
 *   downloads may share a file name).
 * @returns The subjects, sorted by name, without duplicates.
 * @throws {VouchError} `subjects.empty` when none is given;
 *   `subject.missing.<pattern>` when one names nothing usable.
 */
export function expandSubjects(
  patterns: string[],
  options: { root: string; keepOutsidePaths?: boolean },
): SubjectPath[] {
  if (patterns.length === 0) {
    throw new VouchError(
      "subjects.empty",
      "no release subject given",
      "pass --subject PATH (repeatable, globs allowed) for each release artifact",
    );
  }
  const root = resolve(options.root);
  const named = new Map<string, SubjectPath>();
  for (const pattern of patterns) {
    const files = GLOB_CHARS.test(pattern) ? glob(pattern, root) : [resolve(root, pattern)];
    if (files.length === 0) throw missing(pattern, "the pattern matches no file");
    for (const path of files) {
      checkFile(pattern, path);
      const name = subjectName(root, path, options.keepOutsidePaths ?? false);
      const other = named.get(name);
      if (other && other.path !== path) {
        throw new VouchError(
          `subject.duplicate.${name}`,
          `two subjects would both be named ${name}: ${other.path} and ${path}`,
          "keep subjects inside --project-root so their names are distinct paths",
        );
      }
      named.set(name, { name, path });
    }
  }
  return [...named.values()].sort(byName);
}

function byName(a: SubjectPath, b: SubjectPath): number {
  return compareStrings(a.name, b.name);
}

/**
 * Names subjects the way release downloads see them (as GitHub's attest
 * actions and cosign do): by file name when no other subject has the same
 * file name, else by the path relative to the project root that
 * {@linkcode expandSubjects} gave. `SHA256SUMS` then checks the flat files of a
 * release download with `sha256sum -c`.
 *
 * @example
 * ```ts
 * import { shortSubjectNames } from "./subjects.ts";
 * shortSubjectNames([
 *   { name: "dist/app.whl", path: "/p/dist/app.whl" },
 *   { name: "linux/app", path: "/p/linux/app" },
 *   { name: "mac/app", path: "/p/mac/app" },
 * ]).map((s) => s.name); // ["app.whl", "linux/app", "mac/app"]
 * ```
 *
 * @param subjects Subjects named by relative path (distinct names).
 * @returns The same subjects, renamed, sorted by name.
 */
export function shortSubjectNames<T extends SubjectPath>(subjects: T[]): T[] {
  const base = (s: SubjectPath): string => s.name.split("/").pop()!;
  const counts = new Map<string, number>();
  for (const s of subjects) counts.set(base(s), (counts.get(base(s)) ?? 0) + 1);
  return subjects.map((s) => (counts.get(base(s)) === 1 ? { ...s, name: base(s) } : s))
    .sort(byName);
}

/** Progress callback: bytes hashed so far of one file. */
export type HashProgress = (name: string, done: number, total: number) => void;

/** Below this many bytes in all, subjects are hashed on the main thread (a worker costs more to start). */
const WORKER_THRESHOLD = 64 * 1024 * 1024;

type Hashed = { sha256: string; size: number };

/** A pool of hashing workers, each taking one file at a time. */
class WorkerPool {
  #workers: Worker[];
  #pending = new Map<number, {
    resolve: (value: Hashed) => void;
    reject: (error: Error) => void;
    onProgress?: (done: number, total: number) => void;
  }>();
  #next = 0;

  constructor(size: number) {
    this.#workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL("./_hash_worker.ts", import.meta.url), { type: "module" });
      worker.onmessage = (event: MessageEvent) => {
        const m = event.data;
        const job = this.#pending.get(m.id);
        if (!job) return;
        if ("error" in m) {
          this.#pending.delete(m.id);
          job.reject(new Error(m.error));
        } else if ("sha256" in m) {
          this.#pending.delete(m.id);
          job.resolve({ sha256: m.sha256, size: m.size });
        } else job.onProgress?.(m.done, m.total);
      };
      return worker;
    });
  }

  hash(
    lane: number,
    path: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<Hashed> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, onProgress });
      this.#workers[lane].postMessage({ id, path });
    });
  }

  close(): void {
    for (const w of this.#workers) w.terminate();
  }
}

/**
 * Hashes every subject, several at a time: on worker threads (one per core,
 * at most one per file) when there are several subjects worth it, otherwise
 * on the main thread.
 *
 * @param subjects The located subjects.
 * @param options `concurrency` (default: the core count) and `onProgress`.
 * @returns The hashed subjects in the same order.
 */
export async function hashSubjects(
  subjects: SubjectPath[],
  options: { concurrency?: number; onProgress?: HashProgress } = {},
): Promise<Subject[]> {
  const out: Subject[] = new Array(subjects.length);
  const lanes = Math.max(
    1,
    Math.min(options.concurrency ?? navigator.hardwareConcurrency ?? 2, subjects.length),
  );
  const total = subjects.reduce((sum, s) => sum + Deno.statSync(s.path).size, 0);
  const pool = lanes > 1 && total >= WORKER_THRESHOLD ? new WorkerPool(lanes) : undefined;
  let next = 0;
  try {
    await Promise.all(Array.from({ length: lanes }, async (_, lane) => {
      while (next < subjects.length) {
        const i = next++;
        const s = subjects[i];
        const onProgress = options.onProgress &&
          ((d: number, t: number) => options.onProgress!(s.name, d, t));
        const digest = pool
          ? await pool.hash(lane, s.path, onProgress)
          : await hashFile(s.path, { onProgress });
        out[i] = { ...s, ...digest };
      }
    }));
  } finally {
    pool?.close();
  }
  return out;
}
