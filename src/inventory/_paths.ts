// Private: where a local path that a lockfile names lies, for telling the
// project's own packages (the root, members) from third-party ones.
import { posix } from "../_path.ts";
import { compareStrings } from "../_util.ts";
import { skippedFolder } from "./_skipped.ts";

/** A URL's scheme, and a trailing slash (constants: made once, not per call). */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const TRAILING_SLASH = /\/$/;

/** Where a local path lies relative to the project. */
export interface LocalPlace {
  /** `self`: the lockfile's own folder; `inside`: another folder of the project; `outside`. */
  kind: "self" | "inside" | "outside";
  /** The path relative to the project root, normalized (`inside` and `self` only). */
  path?: string;
  /**
   * `outside` only: the folder of the project it is, which the scan skips (`vendor/x`, see
   * {@linkcode scannedPlace}), relative to the project root.
   */
  skipped?: string;
}

/**
 * Where a path written in a lockfile lies: relative paths are relative to
 * the lockfile's folder; absolute paths, URLs and paths that climb out of
 * the project are `outside`.
 *
 * @param lockPath The lockfile's path relative to the project root, `/`-separated.
 * @param local The path as the lockfile writes it (`\` is taken as `/`).
 * @returns Where it lies.
 */
export function localPlace(lockPath: string, local: string): LocalPlace {
  const written = local.replaceAll("\\", "/");
  if (posix.isAbsolute(written) || SCHEME.test(written)) return { kind: "outside" };
  const folder = posix.normalize(posix.dirname(lockPath));
  const joined = posix.normalize(posix.join(folder, written)).replace(TRAILING_SLASH, "");
  if (joined === ".." || joined.startsWith("../")) return { kind: "outside" };
  return { kind: joined === folder ? "self" : "inside", path: joined };
}

/**
 * The folder of the project that the scan never enters and that holds a place `inside` it: one
 * of the folders skipped by default (`vendor/`, `node_modules/`, a hidden one; see
 * `skippedFolder`) or one `--exclude` names. Its package is read by no manifest of the scan, so
 * it is no member: readers take it as third-party code, as a folder outside the project.
 *
 * @param place Where the path lies (see {@linkcode localPlace}).
 * @param excluded Whether `--exclude` names a root-relative folder (or one above it).
 * @returns The skipped folder, or `undefined` (the scan enters it, or it is not `inside`).
 */
export function unscannedFolder(
  place: LocalPlace,
  excluded?: (folder: string) => boolean,
): string | undefined {
  // The root folder (`..` from a nested lock, normalized to `.`) is scanned, not a hidden one.
  if (place.kind !== "inside" || place.path === ".") return undefined;
  // `skippedFolder` takes a file's path: one in the folder, so that the folder's own name counts.
  return skippedFolder(`${place.path}/-`) ??
    (excluded?.(place.path!) ? place.path : undefined);
}

/**
 * Where a local path a lockfile names lies, as {@linkcode localPlace} says, but `outside` for a
 * folder the scan never enters ({@linkcode unscannedFolder}): a lock's package there is
 * third-party code copied into the tree (`source = { directory = "vendor/x" }`), a component
 * at the version the lock gives, not a member.
 *
 * @param lockPath The lockfile's path relative to the project root, `/`-separated.
 * @param local The path as the lockfile writes it.
 * @param excluded Whether `--exclude` names a root-relative folder (or one above it).
 * @returns Where it lies, for telling members from components.
 */
export function scannedPlace(
  lockPath: string,
  local: string,
  excluded?: (folder: string) => boolean,
): LocalPlace {
  const place = localPlace(lockPath, local);
  return unscannedFolder(place, excluded) === undefined
    ? place
    : { kind: "outside", skipped: place.path };
}

/**
 * What a path must hold to lie outside the project (see {@linkcode isOutside}): a leading `/`,
 * a `\`, a URL's `:` or a `..`.
 */
const MAY_LEAVE = /^\/|[\\:]|\.\./;

/**
 * Whether a path relative to the project root (`/`-separated) lies outside
 * the project: absolute, a URL, or climbing out of the root. A path that
 * cannot (most paths a reader asks about) is told at once, not normalized.
 *
 * @param path The root-relative path.
 * @returns `true` when it is outside.
 */
export function isOutside(path: string): boolean {
  return MAY_LEAVE.test(path) && localPlace(".", path).kind === "outside";
}

/**
 * Whether a local path is a folder of the project's own code: the lockfile's
 * folder or another inside the project, but not one under a `vendor/`
 * folder (third-party code copied into the tree: a vendored Bundler gem, a
 * Cargo crate patched from `vendor/`) and not one outside the project.
 *
 * @param place Where the path lies (see {@linkcode localPlace}).
 * @returns `true` for the project's own folders.
 */
export function isOwnFolder(place: LocalPlace): boolean {
  return place.kind === "self" ||
    (place.kind === "inside" && !place.path!.split("/").includes("vendor"));
}

/**
 * The `memberFolders` of a lock (see `ReaderResult` in `_reader.ts`): the
 * folders of `places` that are `inside` the project, unique and sorted; none
 * at all when there are none.
 *
 * @param places Where the local paths the lock names as the project's own lie.
 * @returns `{ memberFolders }`, or `{}`.
 */
export function memberFolders(
  places: Iterable<LocalPlace | undefined>,
): { memberFolders?: string[] } {
  const folders = new Set<string>();
  for (const place of places) if (place?.kind === "inside") folders.add(place.path!);
  return folders.size === 0 ? {} : { memberFolders: [...folders].sort(compareStrings) };
}

/**
 * The `linkedFolders` of a lock (see `ReaderResult` in `_reader.ts`): the
 * folders of `linked` that are `inside` the project and that no place of
 * `places` (where the lock installs the dependencies) has, unique and sorted;
 * none at all when there are none.
 *
 * @param linked Where the `link:` folders the lock names lie.
 * @param places Where the folders lie whose dependencies the lock installs.
 * @returns `{ linkedFolders }`, or `{}`.
 */
export function linkedFolders(
  linked: Iterable<LocalPlace>,
  places: Iterable<LocalPlace | undefined>,
): { linkedFolders?: string[] } {
  const installed = new Set(memberFolders(places).memberFolders);
  const folders = new Set<string>();
  for (const place of linked) {
    if (place.kind === "inside" && !installed.has(place.path!)) folders.add(place.path!);
  }
  return folders.size === 0 ? {} : { linkedFolders: [...folders].sort(compareStrings) };
}
