// Private: the scan of a project tree for dependency files. It returns the
// files a registered reader reads, and every other dependency file it met
// (a known format without a reader, a link that leaves the project, a FIFO):
// those are reported, never silently skipped.
import { join, posix } from "../_path.ts";
import { loadGlobMatcher } from "./_glob.ts";
import { entered, matchesAny, SKIPPED_PATHS } from "./_skipped.ts";
import { type KnownFile, knownFile } from "./_known_files.ts";
import type { Ecosystem } from "./types.ts";
import { readerFor } from "./_registry.ts";
import { readRegularFile, unreadable } from "./_files.ts";
import { withModules } from "./_reader.ts";
import { fsProblem, isSameOrInside } from "../_fs.ts";
import { VouchError } from "../errors.ts";
import { parseJsonText } from "../_util.ts";

export { matchesAny, SKIPPED_FOLDERS, SKIPPED_PATHS, skippedFolder } from "./_skipped.ts";

/**
 * How many folders below the project root the scan reads dependency files;
 * one found deeper is reported as not read (see {@linkcode tooDeep}).
 */
export const MAX_DEPTH = 4;

/**
 * A dependency file deeper than {@linkcode MAX_DEPTH}: not read, and said so.
 * A manifest there counts as read when a lock above it locks its folder as one
 * of the project's own (a deep workspace member); a lock above that does not
 * (a root requirements.txt over `examples/a/b/c/d/pyproject.toml`) says
 * nothing of what it declares.
 */
function tooDeep(path: string): UnreadFile {
  const reader = readerFor(path)!;
  const unread: UnreadFile = {
    path,
    reason:
      `it is more than ${MAX_DEPTH} folders below the project root, deeper than the scan reads`,
    hint: "scan its folder with --project-root, or name it with --lockfile",
  };
  if (reader.kind === "manifest") {
    unread.resolvedBy = { ecosystem: reader.ecosystem, asMember: true };
  }
  return unread;
}

/** A dependency file the scan found but will not read, and why. */
export interface UnreadFile {
  /** Path relative to the project root, `/`-separated. */
  path: string;
  /** Why it is not read (one clause, e.g. `vouch has no reader for Bun (binary lockfile) lockfiles`). */
  reason: string;
  /** What to do about it, beyond `--allow-unread`/`--exclude`. */
  hint?: string;
  /**
   * The lockfiles that resolve it (see `KnownFile.covers`): when the caller
   * read one, in its folder or above, the file counts as read.
   */
  resolvedBy?: {
    ecosystem: Ecosystem;
    readers?: readonly string[];
    /** Lock readers that stand for it only in part (see `KnownFile.partlyResolvedBy`). */
    partly?: { readers: readonly string[]; declaredBy: string };
    /** Whether its text lets locks below resolve it (see `KnownFile.declaresForOthersOnly`). */
    forOthersOnly?: (text: string) => boolean;
    /** The files that make a folder below it another build's (see `KnownFile.buildRoots`). */
    buildRoots?: readonly string[];
    /** The lock readers that resolve it only from its own folder (see `KnownFile.ownFolderLocks`). */
    ownFolderLocks?: readonly string[];
    /** Its own folder's locks of the build's classpath (see `KnownFile.classpathLocks`). */
    classpathLocks?: { name: RegExp; declaresModules: (text: string) => boolean };
    /** Only a lock that names its folder among its `memberFolders` resolves it (a deep member). */
    asMember?: boolean;
  };
  /** Whether its text declares no dependency at all: then it counts as read (see `KnownFile`). */
  declaresNothing?: KnownFile["declaresNothing"];
}

/** A dependency file not read because the file beside it that says the same is read. */
export interface SupersededFile {
  /** Path relative to the project root, `/`-separated. */
  path: string;
  /** The path of the file read instead. */
  by: string;
  /** Why, when the tool itself ignores it rather than the two saying the same. */
  reason?: string;
}

/** What a scan found. */
export interface ScanResult {
  /** Files a registered reader reads, sorted. */
  files: string[];
  /** Other dependency files, sorted by path. */
  unread: UnreadFile[];
  /** Files not read because a file beside them says the same (`bun.lockb` beside `bun.lock`), sorted. */
  superseded: SupersededFile[];
}

/**
 * Why vouch does not read a known dependency file, and what to do.
 *
 * @param path The file's path.
 * @param known Its kind.
 * @returns The unread file.
 */
export function unreadKnown(path: string, known: KnownFile): UnreadFile {
  const kind = known.kind === "lock" ? "lockfiles" : "manifests";
  const unread: UnreadFile = {
    path,
    reason: known.reason ?? `vouch has no reader for ${known.tool} ${kind}`,
  };
  if (known.hint !== undefined) unread.hint = known.hint;
  if (known.covers !== undefined) {
    unread.resolvedBy = { ecosystem: known.covers, readers: known.resolvedBy };
    if (known.partlyResolvedBy !== undefined) unread.resolvedBy.partly = known.partlyResolvedBy;
    if (known.declaresForOthersOnly !== undefined) {
      unread.resolvedBy.forOthersOnly = known.declaresForOthersOnly;
      if (known.buildRoots !== undefined) unread.resolvedBy.buildRoots = known.buildRoots;
      if (known.ownFolderLocks !== undefined) {
        unread.resolvedBy.ownFolderLocks = known.ownFolderLocks;
      }
      if (known.classpathLocks !== undefined) {
        unread.resolvedBy.classpathLocks = known.classpathLocks;
      }
    }
  }
  if (known.declaresNothing !== undefined) unread.declaresNothing = known.declaresNothing;
  return unread;
}

/**
 * The folder of a solution's settings, beside its `.sln`: NuGet's `restore` of a solution
 * (NuGet.CommandLine's `RestoreCommand.ProcessSolutionFile`, for a `.sln`, an XML `.slnx` since
 * NuGet 6.14 (NuGet/NuGet.Client#6321), or a `.slnf`) installs
 * the solution-level packages of `<solution folder>/.nuget/packages.config`
 * (`NuGetConstants.NuGetSolutionSettingsFolder`) beside those of its projects.
 */
const NUGET_SOLUTION_FOLDER = ".nuget";

/**
 * The folder where `dotnet tool restore` looks for the local tool manifest first, before the
 * folder's own `dotnet-tools.json` (dotnet/sdk's `ToolManifestFinder`: `.config/dotnet-tools.json`
 * of each folder up from the current one).
 */
const DOTNET_CONFIG_FOLDER = ".config";

/**
 * The folder of Phive's record of the PHAR tools it installs for a project (Phive 0.14 and later:
 * `.phive/phars.xml`; a known file vouch does not read, reported though hidden).
 */
const PHIVE_FOLDER = ".phive";

/** A JSON file's value, or `undefined` when it is no file or no JSON (the reader's to report). */
function peekJson(root: string, path: string): unknown {
  try {
    const bytes = readRegularFile(join(root, path), path);
    if (bytes === undefined) return undefined;
    return parseJsonText(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
}

/** A JSON value's entries when it is an object, else none. */
function entriesOf(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : {};
}

/**
 * The folders a composer.json installs packages into, from the project root, when inside the
 * project: its `config.vendor-dir` (which Composer takes relative to the composer.json's folder:
 * nextcloud/server's `lib/composer`), and the folder composer/installers gives each package the
 * composer.lock beside it locks by its `extra.installer-paths` (relative to it too: the first
 * path whose list names the package, its `vendor:` or its `type:`, with `{$name}`, `{$vendor}`
 * and `{$type}` the package's: a Drupal site's `web/core` and `web/modules/contrib/{$name}`,
 * markconroy/markie's, which commits them). They hold Composer's copies of third-party packages,
 * each with its own manifests (Drupal core's package.json and yarn.lock, a module's
 * composer.json), which that lock locks, as `vendor/` holds them by default. The scan does not
 * enter them, as it does not `vendor/`. A composer.json vouch cannot parse, or a folder named
 * from the environment, names none here.
 *
 * @param root The project root (absolute).
 * @param rel The folder of the composer.json, from the project root (`""` for the root).
 * @returns The folders, `/`-separated from the project root.
 */
function composerInstallDirs(root: string, rel: string): string[] {
  const at = (name: string): string => rel === "" ? name : `${rel}/${name}`;
  const json = entriesOf(peekJson(root, at("composer.json")));
  const written: string[] = [];
  const vendorDir = entriesOf(json.config)["vendor-dir"];
  if (typeof vendorDir === "string") written.push(vendorDir);
  const templates = Object.entries(entriesOf(entriesOf(json.extra)["installer-paths"]));
  if (templates.length > 0) {
    const lock = entriesOf(peekJson(root, at("composer.lock")));
    const locked = [lock.packages, lock["packages-dev"]].flatMap((list) =>
      Array.isArray(list) ? list.map(entriesOf) : []
    );
    for (const pkg of locked) {
      // The lock keeps each package's name as written (Composer's pretty name), which
      // composer/installers matches and installs under, case and all.
      if (typeof pkg.name !== "string" || !pkg.name.includes("/")) continue;
      const [vendor, short] = pkg.name.split("/", 2);
      const type = typeof pkg.type === "string" ? pkg.type : "library";
      // Composer's own types, which it installs itself (vendor-dir), never composer/installers.
      if (["library", "metapackage", "composer-plugin", "project"].includes(type)) continue;
      // A package of a `path` repository is the project's own code (a Drupal site's custom
      // module or theme, its package.json with it), wherever it is installed.
      if (entriesOf(pkg.dist).type === "path") continue;
      // composer/installers' BaseInstaller::getInstallPath: the first installer path whose list
      // names the package, `vendor:` or `type:`; `{$name}` is the package's `installer-name`
      // when its extra gives one.
      const template = templates.find(([, names]) =>
        (Array.isArray(names) ? names : [names]).some((n) =>
          [pkg.name, `vendor:${vendor}`, `type:${type}`].includes(n)
        )
      )?.[0];
      if (template === undefined) continue;
      const installerName = entriesOf(pkg.extra)["installer-name"];
      const named = typeof installerName === "string" && installerName !== ""
        ? installerName
        : short;
      written.push(
        template.replaceAll("{$name}", named).replaceAll("{$vendor}", vendor)
          .replaceAll("{$type}", type),
      );
    }
  }
  const folders: string[] = [];
  for (const dir of written) {
    // `{$home}` and absolute paths are outside the project; so is a folder above it.
    if (/^(?:[/\\~]|[A-Za-z]:)|[$]/.test(dir)) continue;
    const folder = posix.normalize(posix.join(rel === "" ? "." : rel, dir.replaceAll("\\", "/")))
      .replace(/\/+$/, "");
    if (folder !== "." && folder !== ".." && !folder.startsWith("../")) folders.push(folder);
  }
  return folders;
}

/** Whether a file name is a solution's that `nuget restore` takes (`.sln`, `.slnx`, `.slnf`). */
function isSolutionFile(name: string): boolean {
  return /\.sln[xf]?$/i.test(name);
}

/** Whether a file (its base name, its folder and its path) is one vouch reads or knows of. */
function isDependencyFile(file: string, folder: string, path: string): boolean {
  return readerFor(path) !== undefined || knownFile(file, folder) !== undefined;
}

/**
 * A file's text, decoded leniently (a bad byte is the reader's to report): `undefined` when it
 * is no regular file, `null` when it is over the size a reader reads.
 */
function lenientText(onDisk: string, path: string): string | null | undefined {
  let bytes: Uint8Array | undefined;
  try {
    bytes = readRegularFile(onDisk, path);
  } catch (error) {
    if (error instanceof VouchError && error.code === "inventory.file_too_large") return null;
    throw error;
  }
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

/**
 * Whether a file whose name a reader or a known kind shares with other tools
 * (`Reader.sharedName`, `KnownFile.sharedName`) is another tool's: its text is not one they
 * recognize.
 */
function ofAnotherTool(path: string, name: string, folder: string, onDisk: string): boolean {
  const kind = readerFor(path) ?? knownFile(name, folder);
  if (kind?.sharedName === undefined) return false;
  if (kind.sharedName !== true && !kind.sharedName.includes(name)) return false;
  const text = lenientText(onDisk, path);
  // No tool's file of that kind is so large: another tool's data, not a reason to stop.
  if (text === null) return true;
  return text === undefined || kind.recognizes?.(text) !== true;
}

/**
 * The known kind of a file whose name a reader reads too but whose text is another tool's
 * (`KnownFile.overReader`: Helm 2's `requirements.lock`, not Rye's), or `undefined`.
 */
function claimedByKnown(
  path: string,
  name: string,
  folder: string,
  onDisk: string,
): KnownFile | undefined {
  const known = knownFile(name, folder);
  if (known?.overReader !== true) return undefined;
  // Too large for the other tool's file (`null`): the reader's to report.
  const text = lenientText(onDisk, path);
  return typeof text === "string" && known.recognizes?.(text) === true ? known : undefined;
}

/** A symbolic link met by the scan: its target's kind, and whether it stays inside the root. */
function followLink(
  realRoot: string,
  path: string,
): "file" | "directory" | "outside" | "broken" | "special" {
  let target: string;
  let info: Deno.FileInfo;
  try {
    target = Deno.realPathSync(path);
    info = Deno.statSync(target);
  } catch {
    return "broken";
  }
  if (!isSameOrInside(realRoot, target)) {
    return info.isDirectory ? "directory" : "outside";
  }
  return info.isFile ? "file" : info.isDirectory ? "directory" : "special";
}

/**
 * Lists the dependency files below `root`: those up to {@linkcode MAX_DEPTH}
 * folders deep to read, deeper ones as not read; never into hidden folders, {@linkcode SKIPPED_FOLDERS} or what
 * `exclude` matches (see {@linkcode matchesAny}); symbolic links to folders
 * are not followed, links to files are read when their target is inside the
 * root.
 *
 * @param root The project root (absolute).
 * @param options `exclude`: patterns of folders and files to skip.
 * @returns The files to read and the others.
 * @throws {VouchError} `inventory.unreadable` for a folder that cannot be listed.
 */
export async function scanProject(
  root: string,
  options: { exclude?: readonly string[] } = {},
): Promise<ScanResult> {
  const exclude = options.exclude ?? [];
  await loadGlobMatcher([...exclude, ...SKIPPED_PATHS]);
  const realRoot = Deno.realPathSync(root);
  // A kind may need a module to tell a file (`KnownFile.load`): the scan starts again once loaded.
  return await withModules(() => scanTree(root, realRoot, exclude));
}

/** What {@linkcode scanProject} does once the glob matcher is loaded; `realRoot`: the root's real path. */
function scanTree(root: string, realRoot: string, exclude: readonly string[]): ScanResult {
  const files: string[] = [];
  const unread: UnreadFile[] = [];
  const superseded: SupersededFile[] = [];
  // The folders composer.json files install their packages into (see composerInstallDirs).
  const installDirs = new Set<string>();
  // The one file a tool reads in a hidden folder, which the scan does not enter: a solution's
  // `.nuget/packages.config` (see NUGET_SOLUTION_FOLDER), `.config/dotnet-tools.json` (see
  // DOTNET_CONFIG_FOLDER).
  const hiddenFile = (folder: string, name: string, depth: number): void => {
    const child = `${folder}/${name}`;
    if (matchesAny(child, exclude)) return;
    let info: Deno.FileInfo;
    try {
      info = Deno.lstatSync(join(root, child));
    } catch {
      return;
    }
    if (!info.isFile) return;
    if (depth <= MAX_DEPTH) files.push(child);
    else unread.push(tooDeep(child));
  };
  // The one known file of a hidden folder that the scan reports unread: Phive's `.phive/phars.xml`
  // (see PHIVE_FOLDER).
  const hiddenKnown = (folder: string, name: string): void => {
    const child = `${folder}/${name}`;
    const known = knownFile(name, folder);
    if (known === undefined || matchesAny(child, exclude)) return;
    try {
      if (!Deno.lstatSync(join(root, child)).isFile) return;
    } catch {
      return;
    }
    unread.push(unreadKnown(child, known));
  };
  // Synchronous: an async listing per folder costs a trip through the event loop and a thread.
  const walk = (rel: string, depth: number): void => {
    let entries: Deno.DirEntry[];
    try {
      entries = [...Deno.readDirSync(join(root, rel))];
    } catch (error) {
      const problem = fsProblem(error);
      if (problem === "denied" || problem === "not_allowed") {
        throw unreadable(rel === "" ? "." : rel, problem);
      }
      throw error;
    }
    const names = new Set(entries.map((e) => e.name));
    if (names.has("composer.json")) {
      for (const folder of composerInstallDirs(root, rel)) installDirs.add(folder);
    }
    for (const e of entries) {
      const child = rel === "" ? e.name : `${rel}/${e.name}`;
      if (matchesAny(child, exclude)) continue;
      if (e.isDirectory) {
        if (entered(e.name, child) && !installDirs.has(child)) walk(child, depth + 1);
        else if (e.name === NUGET_SOLUTION_FOLDER && [...names].some(isSolutionFile)) {
          hiddenFile(child, "packages.config", depth + 1);
        } else if (e.name === DOTNET_CONFIG_FOLDER) {
          hiddenFile(child, "dotnet-tools.json", depth + 1);
        } else if (e.name === PHIVE_FOLDER) hiddenKnown(child, "phars.xml");
        continue;
      }
      if (!isDependencyFile(e.name, rel, child)) continue;
      const link = e.isSymlink ? followLink(realRoot, join(root, child)) : undefined;
      const regular = e.isFile || link === "file";
      if (regular && ofAnotherTool(child, e.name, rel, join(root, child))) continue;
      const claimed = regular ? claimedByKnown(child, e.name, rel, join(root, child)) : undefined;
      if (claimed !== undefined) {
        unread.push(unreadKnown(child, claimed));
        continue;
      }
      if (regular && e.name === "package-lock.json" && names.has("npm-shrinkwrap.json")) {
        // npm installs npm-shrinkwrap.json and ignores a package-lock.json beside it (npm's
        // docs; arborist's Shrinkwrap.load: `data = sw || lock`).
        const by = rel === "" ? "npm-shrinkwrap.json" : `${rel}/npm-shrinkwrap.json`;
        if (!matchesAny(by, exclude)) {
          superseded.push({
            path: child,
            by,
            reason: `npm installs ${by} beside it, not this file; that is read instead`,
          });
          continue;
        }
      }
      if (regular && e.name === "build.gradle.kts" && names.has("build.gradle")) {
        // Gradle runs build.gradle and ignores a build.gradle.kts beside it, with a warning
        // (DefaultScriptFileResolver tries `.gradle` before `.gradle.kts`).
        const by = rel === "" ? "build.gradle" : `${rel}/build.gradle`;
        if (!matchesAny(by, exclude)) {
          superseded.push({
            path: child,
            by,
            reason: `Gradle runs ${by} beside it, not this file`,
          });
          continue;
        }
      }
      if (regular && readerFor(child) !== undefined) {
        if (depth <= MAX_DEPTH) files.push(child);
        else unread.push(tooDeep(child));
      } else if (regular) {
        const known = knownFile(e.name, rel);
        if (known === undefined) continue;
        const by = known.supersededBy;
        if (by !== undefined && names.has(by) && readerFor(`${rel}/${by}`) !== undefined) {
          superseded.push({ path: child, by: rel === "" ? by : `${rel}/${by}` });
        } else unread.push(unreadKnown(child, known));
      } else if (link === "outside") {
        unread.push({
          path: child,
          reason: "it is a symbolic link to a file outside the project root",
        });
      } else if (link === "broken") {
        unread.push({ path: child, reason: "it is a broken symbolic link" });
      } else if (link !== "directory") {
        unread.push({ path: child, reason: "it is not a regular file (a FIFO, socket or device)" });
      }
    }
  };
  walk("", 0);
  const byPath = (a: { path: string }, b: { path: string }): number =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  return { files: files.sort(), unread: unread.sort(byPath), superseded: superseded.sort(byPath) };
}
