/**
 * Path functions with the semantics of `node:path`, without its cost: loading
 * any `node:` module starts Deno's Node compatibility layer, about 20 ms of
 * every run for `node:path` alone. {@linkcode posix} is always our own (paths
 * inside lockfiles and relative project paths are `/`-separated everywhere);
 * the platform functions are ours on POSIX systems and `node:path`'s on
 * Windows, where drive letters and `\` need its rules. Tested equal to
 * `node:path`'s POSIX functions.
 *
 * @module
 */

const SLASH = 47; // "/"

/** Resolves `.`, `..` and empty segments of a path without its leading `/`. */
function normalizeSegments(path: string, absolute: boolean): string {
  const out: string[] = [];
  const segments = path.split("/");
  // Indexed: a cold run's for-of makes an iterator and a result object per segment.
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === "" || segment === ".") continue;
    if (segment !== "..") out.push(segment);
    else if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
    else if (!absolute) out.push("..");
  }
  return out.join("/");
}

function posixNormalize(path: string): string {
  if (path === "") return ".";
  const absolute = path.charCodeAt(0) === SLASH;
  let out = normalizeSegments(path, absolute);
  if (out === "" && !absolute) out = ".";
  if (out !== "" && path.charCodeAt(path.length - 1) === SLASH) out += "/";
  return absolute ? `/${out}` : out;
}

function posixJoin(...paths: string[]): string {
  const parts = paths.filter((p) => p !== "");
  return parts.length === 0 ? "." : posixNormalize(parts.join("/"));
}

function posixIsAbsolute(path: string): boolean {
  return path.charCodeAt(0) === SLASH;
}

function posixResolve(...paths: string[]): string {
  let resolved = "";
  let absolute = false;
  for (let i = paths.length - 1; i >= -1 && !absolute; i--) {
    const path = i >= 0 ? paths[i] : Deno.cwd();
    if (path === "") continue;
    resolved = `${path}/${resolved}`;
    absolute = posixIsAbsolute(path);
  }
  const out = normalizeSegments(resolved, absolute);
  return absolute ? `/${out}` : out === "" ? "." : out;
}

function posixRelative(from: string, to: string): string {
  if (from === to) return "";
  const a = posixResolve(from);
  const b = posixResolve(to);
  if (a === b) return "";
  const fromParts = a === "/" ? [] : a.slice(1).split("/");
  const toParts = b === "/" ? [] : b.slice(1).split("/");
  let common = 0;
  while (
    common < fromParts.length && common < toParts.length &&
    fromParts[common] === toParts[common]
  ) common++;
  return [...fromParts.slice(common).map(() => ".."), ...toParts.slice(common)].join("/");
}

function posixDirname(path: string): string {
  if (path === "") return ".";
  const hasRoot = path.charCodeAt(0) === SLASH;
  let end = -1;
  let trailing = true; // still in the trailing slashes
  for (let i = path.length - 1; i >= 1; i--) {
    if (path.charCodeAt(i) !== SLASH) trailing = false;
    else if (!trailing) {
      end = i;
      break;
    }
  }
  if (end === -1) return hasRoot ? "/" : ".";
  if (hasRoot && end === 1) return "//";
  return path.slice(0, end);
}

function posixBasename(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--;
  return end === 0 ? "" : path.slice(path.lastIndexOf("/", end - 1) + 1, end);
}

/** The path functions vouch uses, as `node:path` names them. */
export interface PathFunctions {
  /** As `path.basename(path)` (no extension argument). */
  basename(path: string): string;
  /** As `path.dirname`. */
  dirname(path: string): string;
  /** As `path.isAbsolute`. */
  isAbsolute(path: string): boolean;
  /** As `path.join`. */
  join(...paths: string[]): string;
  /** As `path.normalize`. */
  normalize(path: string): string;
  /** As `path.relative`. */
  relative(from: string, to: string): string;
  /** As `path.resolve` (relative to `Deno.cwd()`). */
  resolve(...paths: string[]): string;
  /** As `path.sep`. */
  sep: string;
}

/** POSIX path functions (`node:path`'s `posix`), on every platform. */
export const posix: PathFunctions = {
  basename: posixBasename,
  dirname: posixDirname,
  isAbsolute: posixIsAbsolute,
  join: posixJoin,
  normalize: posixNormalize,
  relative: posixRelative,
  resolve: posixResolve,
  sep: "/",
};

/** The platform's path functions: {@linkcode posix}, or `node:path`'s on Windows. */
const platform: PathFunctions = Deno.build.os === "windows" ? await import("node:path") : posix;

/** As `node:path`'s `basename` (one argument). */
export const basename: PathFunctions["basename"] = platform.basename;
/** As `node:path`'s `dirname`. */
export const dirname: PathFunctions["dirname"] = platform.dirname;
/** As `node:path`'s `isAbsolute`. */
export const isAbsolute: PathFunctions["isAbsolute"] = platform.isAbsolute;
/** As `node:path`'s `join`. */
export const join: PathFunctions["join"] = platform.join;
/** As `node:path`'s `relative`. */
export const relative: PathFunctions["relative"] = platform.relative;
/** As `node:path`'s `resolve`. */
export const resolve: PathFunctions["resolve"] = platform.resolve;
/** As `node:path`'s `sep`. */
export const sep: string = platform.sep;
