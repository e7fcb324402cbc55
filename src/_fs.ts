/**
 * Safe file-system access shared by every stage: capped reads that open
 * nothing but regular files (a FIFO would block forever, `/dev/zero` never
 * ends), one classification of the errors the OS and Deno's sandbox raise,
 * and real paths of paths that may not exist yet.
 *
 * Callers turn an {@linkcode FsError} into their own coded `VouchError`;
 * {@linkcode describeFsProblem} gives the words for its message.
 *
 * @module
 */
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "./_path.ts";

/** The largest key or secret file vouch reads: 64 KiB (a PEM key is under 4 KiB). */
export const MAX_KEY_BYTES: number = 64 * 1024;

/**
 * Why a path could not be used:
 * `missing` (no such file), `not_regular` (a folder, FIFO, device or socket),
 * `too_large` (over the cap), `denied` (EACCES/EPERM), `not_allowed` (a system
 * path such as `/proc`, `/sys`, `/dev` that vouch's permissions exclude),
 * `read_only` (EROFS), `not_directory` (a parent is a file), `no_space`
 * (ENOSPC/EDQUOT), `loop` (too many symlinks).
 */
export type FsProblem =
  | "missing"
  | "not_regular"
  | "too_large"
  | "denied"
  | "not_allowed"
  | "read_only"
  | "not_directory"
  | "no_space"
  | "loop";

/** A file-system failure with its {@linkcode FsProblem}; never carries file contents. */
export class FsError extends Error {
  /** What went wrong. */
  readonly problem: FsProblem;
  /** The path concerned. */
  readonly path: string;

  /**
   * Creates an error.
   *
   * @param problem What went wrong.
   * @param path The path concerned.
   */
  constructor(problem: FsProblem, path: string) {
    super(`${path}: ${describeFsProblem(problem)}`);
    this.name = "FsError";
    this.problem = problem;
    this.path = path;
  }
}

const BY_CODE: Readonly<Record<string, FsProblem>> = {
  ENOENT: "missing",
  ENAMETOOLONG: "missing", // no file has such a name (a path a lockfile names may hold any text)
  EACCES: "denied",
  EPERM: "denied",
  EROFS: "read_only",
  ENOTDIR: "not_directory",
  ENOSPC: "no_space",
  EDQUOT: "no_space",
  ELOOP: "loop",
  EISDIR: "not_regular",
  ENXIO: "not_regular",
};

/**
 * Classifies an error thrown by a Deno or `node:fs` file-system call.
 *
 * @param error Anything caught.
 * @returns The problem, or `undefined` for an error that is not one of these
 *   (a bug, or an I/O error worth reporting as such).
 */
export function fsProblem(error: unknown): FsProblem | undefined {
  if (error instanceof FsError) return error.problem;
  if (error instanceof Deno.errors.NotCapable) return "not_allowed";
  if (error instanceof Deno.errors.NotFound) return "missing";
  if (error instanceof Deno.errors.PermissionDenied) return "denied";
  if (error instanceof Deno.errors.NotADirectory) return "not_directory";
  if (error instanceof Deno.errors.IsADirectory) return "not_regular";
  if (error instanceof Deno.errors.FilesystemLoop) return "loop";
  // Deno refuses an empty path, or one with a NUL byte (a lockfile's path may hold any text),
  // before asking the OS: there is no such file.
  if (
    error instanceof Error &&
    /^(?:empty path is not allowed|file name contained an unexpected NUL byte)/i.test(error.message)
  ) return "missing";
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && Object.hasOwn(BY_CODE, code) ? BY_CODE[code] : undefined;
}

/**
 * A few words for a problem, for error messages.
 *
 * @param problem The problem.
 * @returns E.g. `permission denied`.
 */
export function describeFsProblem(problem: FsProblem): string {
  switch (problem) {
    case "missing":
      return "no such file or directory";
    case "not_regular":
      return "not a regular file";
    case "too_large":
      return "too large";
    case "denied":
      return "permission denied";
    case "not_allowed":
      return "a system path (/proc, /sys, /dev) that vouch does not touch";
    case "read_only":
      return "read-only file system";
    case "not_directory":
      return "a parent of it is not a directory";
    case "no_space":
      return "no space left on the device";
    case "loop":
      return "too many levels of symbolic links";
  }
}

/**
 * Runs a file-system call, turning a classified failure into an {@linkcode FsError}.
 *
 * @param path The path, for the error.
 * @param call The call.
 * @returns What the call returns.
 * @throws {FsError} For a classified failure; anything else is rethrown.
 */
export function fsCall<T>(path: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    const problem = fsProblem(error);
    if (problem === undefined || error instanceof FsError) throw error;
    throw new FsError(problem, path);
  }
}

/**
 * `node:fs`, once {@linkcode loadNonBlockingOpen} has loaded it: the only
 * open that takes `O_NONBLOCK` (Deno's takes no flags).
 */
let nodeFs: typeof import("node:fs") | undefined;

/**
 * Loads what makes every open of {@linkcode readRegularFileSync} and
 * {@linkcode writeRegularFileSync} non-blocking (`node:fs`). Without it both
 * still refuse a FIFO, device or socket from its `stat`, before any open;
 * only a path swapped for a FIFO in the microseconds between that `stat` and
 * the open could then block (opening a FIFO waits for the other end). Loading
 * it closes that window, and costs a run about 60 ms of CPU when no other
 * `node:` module is loaded yet (its start-up), so the CLI loads it where it
 * writes files or loads `node:` modules anyway, and not for `vouch sbom` to
 * stdout.
 *
 * @example
 * ```ts
 * import { loadNonBlockingOpen } from "./_fs.ts";
 * await loadNonBlockingOpen();
 * ```
 */
export async function loadNonBlockingOpen(): Promise<void> {
  nodeFs ??= await import("node:fs");
}

/** An open file, checked by `fstat` to be a regular file. */
interface OpenFile {
  /** Its size when opened. */
  size: number;
  /** Reads into `buffer`; 0 at the end. */
  read(buffer: Uint8Array): number;
  /** Writes from `bytes`; the count written. */
  write(bytes: Uint8Array): number;
  /** Closes it. */
  close(): void;
}

/**
 * Opens a path that its `stat` (symlinks followed) says is a regular file,
 * or that does not exist yet when `write.create`; non-blocking when
 * {@linkcode loadNonBlockingOpen} ran; checked again with `fstat`.
 */
function openRegular(
  path: string,
  mode: { read: true } | { write: true; append: boolean },
  maxBytes = Infinity,
): OpenFile {
  let info: Deno.FileInfo | undefined;
  try {
    info = fsCall(path, () => Deno.statSync(path));
  } catch (error) {
    // A file to write may not exist yet: the open creates it.
    if ("read" in mode || fsProblem(error) !== "missing") throw error;
  }
  if (info !== undefined && !info.isFile) throw new FsError("not_regular", path);
  if (info !== undefined && info.size > maxBytes) throw new FsError("too_large", path);
  let file: OpenFile;
  let isFile: boolean;
  if (nodeFs !== undefined) {
    const { closeSync, constants: c, fstatSync, openSync, readSync, writeSync } = nodeFs;
    const flags = "read" in mode
      ? c.O_RDONLY
      : c.O_WRONLY | c.O_CREAT | (mode.append ? c.O_APPEND : c.O_TRUNC);
    const fd = fsCall(path, () => openSync(path, flags | c.O_NONBLOCK));
    const stat = fstatSync(fd);
    isFile = stat.isFile();
    file = {
      size: stat.size,
      read: (buffer) => fsCall(path, () => readSync(fd, buffer, 0, buffer.length, null)),
      write: (bytes) => fsCall(path, () => writeSync(fd, bytes)),
      close: () => closeSync(fd),
    };
  } else {
    const options: Deno.OpenOptions = "read" in mode
      ? { read: true }
      : { write: true, create: true, ...(mode.append ? { append: true } : { truncate: true }) };
    const handle = fsCall(path, () => Deno.openSync(path, options));
    const stat = fsCall(path, () => handle.statSync());
    isFile = stat.isFile;
    file = {
      size: stat.size,
      read: (buffer) => fsCall(path, () => handle.readSync(buffer)) ?? 0,
      write: (bytes) => fsCall(path, () => handle.writeSync(bytes)),
      close: () => handle.close(),
    };
  }
  if (!isFile) {
    file.close();
    throw new FsError("not_regular", path);
  }
  return file;
}

/**
 * Reads a regular file of at most `maxBytes`, synchronously. A folder, FIFO,
 * device or socket is refused from its `stat`, before any open (opening a
 * FIFO blocks until a writer comes); the open file is checked again, and the
 * open is non-blocking once {@linkcode loadNonBlockingOpen} ran. The size is
 * never trusted: at most `maxBytes + 1` bytes are read (`/proc` files report
 * size 0).
 *
 * @example
 * ```ts
 * import { MAX_KEY_BYTES, readRegularFileSync } from "./_fs.ts";
 * const bytes = readRegularFileSync("deno.json", { maxBytes: MAX_KEY_BYTES });
 * console.log(bytes.length > 0);
 * ```
 *
 * @param path The file (symlinks are followed).
 * @param options `maxBytes`: the cap.
 * @returns The bytes.
 * @throws {FsError} `missing`, `not_regular`, `too_large`, `denied`,
 *   `not_allowed`, `not_directory`, `loop`.
 */
export function readRegularFileSync(path: string, options: { maxBytes: number }): Uint8Array {
  const { maxBytes } = options;
  const file = openRegular(path, { read: true }, maxBytes);
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    // One read of the stated size (plus one byte, to see growth), then 1 MiB reads to the end.
    for (let size = Math.min(file.size, maxBytes) + 1;; size = 1024 * 1024) {
      const chunk = new Uint8Array(Math.min(size, maxBytes + 1 - total));
      let filled = 0;
      while (filled < chunk.length) {
        const n = file.read(chunk.subarray(filled));
        if (n === 0) break;
        filled += n;
      }
      total += filled;
      if (total > maxBytes) throw new FsError("too_large", path);
      chunks.push(filled === chunk.length ? chunk : chunk.subarray(0, filled));
      if (filled < chunk.length) break;
    }
    if (chunks.length === 1) return chunks[0];
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  } finally {
    file.close();
  }
}

/**
 * Writes (or, with `append`, appends) text to a regular file, creating it. A
 * FIFO, device or socket at the path is refused without blocking: from its
 * `stat` before any open, and from `fstat` before a byte is written; the
 * open is non-blocking once {@linkcode loadNonBlockingOpen} ran (a FIFO
 * without a reader then fails at once).
 *
 * @example
 * ```ts ignore
 * import { writeRegularFileSync } from "./_fs.ts";
 * writeRegularFileSync("sbom.json", "{}\n");
 * ```
 *
 * @param path The file (symlinks are followed).
 * @param text The text, written as UTF-8: whole, or in chunks one after the other.
 * @param options `append`: add to the end instead of replacing the contents.
 * @throws {FsError} `not_regular`, `denied`, `not_allowed`, `read_only`,
 *   `missing` (no such folder), `not_directory`, `no_space`, `loop`.
 */
export function writeRegularFileSync(
  path: string,
  text: string | Iterable<string>,
  options: { append?: boolean } = {},
): void {
  const file = openRegular(path, { write: true, append: options.append === true });
  try {
    const encoder = new TextEncoder();
    for (const chunk of typeof text === "string" ? [text] : text) {
      const bytes = encoder.encode(chunk);
      for (let offset = 0; offset < bytes.length;) offset += file.write(bytes.subarray(offset));
    }
  } finally {
    file.close();
  }
}

/**
 * The real path (symlinks resolved) of a path that may not exist yet: the
 * longest existing prefix is resolved and the rest appended. `..` is resolved
 * lexically first, as every vouch file operation does.
 *
 * @param path The path.
 * @returns The absolute real path.
 * @throws {FsError} When a prefix cannot be resolved (`denied`, `not_allowed`,
 *   `loop`, …) for any reason but absence.
 */
export function realPathOf(path: string): string {
  let current = resolve(path);
  const rest: string[] = [];
  for (;;) {
    try {
      return join(Deno.realPathSync(current), ...rest.reverse());
    } catch (error) {
      const problem = fsProblem(error);
      const parent = dirname(current);
      if (problem !== "missing" || parent === current) {
        throw problem === undefined ? error : new FsError(problem, path);
      }
      rest.push(basename(current));
      current = parent;
    }
  }
}

/**
 * Tells whether `inner` is `outer` or lies below it (both absolute).
 *
 * @param outer The containing path.
 * @param inner The path tested.
 * @returns `true` when `inner` is `outer` or inside it.
 */
export function isSameOrInside(outer: string, inner: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || !(rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

/**
 * Whether something (even a dangling link) has this name.
 *
 * @param path The path.
 */
export function pathExists(path: string): boolean {
  try {
    Deno.lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
