/**
 * Inventory: finds a project's manifests and lockfiles, runs one reader per
 * file, and merges their outputs into one neutral {@linkcode Inventory}.
 *
 * @module
 */
import { basename, isAbsolute, join, posix, relative, resolve } from "../_path.ts";
import { type Problem, VouchError } from "../errors.ts";
import { compareStrings } from "../_util.ts";
import { sha256Hex } from "../digest.ts";
import {
  checkProjectRoot,
  decodeText,
  notAFile,
  readRegularFile,
  statOrUndefined,
  unreadable,
} from "./_files.ts";
import { fsProblem, isSameOrInside } from "../_fs.ts";
import {
  lockFolder,
  locksResolving,
  mergeOutputs,
  type ReadFile,
  withoutProjectMember,
} from "./_fold.ts";
import {
  matchesAny,
  scanProject,
  SKIPPED_PATHS,
  type SupersededFile,
  type UnreadFile,
  unreadKnown,
} from "./_scan.ts";
import { type KnownFile, knownFile } from "./_known_files.ts";
import { loadGlobMatcher } from "./_glob.ts";
import { checkVersionLength, versionFromRelease, withPurlVersion } from "./purl.ts";
import { at, invalid, nameLine, nthLine, ValueError, writtenValueLine } from "./_errors.ts";
import { lineAt } from "./_formats/json.ts";
import { textWithoutCredentials } from "./_url.ts";
import type { Ecosystem, Inventory, Member, Project } from "./types.ts";
import {
  type Load,
  type Reader,
  type ReaderContext,
  type ReaderResult,
  withModules,
} from "./_reader.ts";
import { applyLockOptions } from "./_lock_option.ts";
import { readerFor, READERS, supportedFiles } from "./_registry.ts";

export * from "./types.ts";
export * from "./purl.ts";
export { checkProjectRoot, MAX_MANIFEST_BYTES } from "./_files.ts";
export { MAX_DEPTH, SKIPPED_FOLDERS } from "./_scan.ts";

/** Options of {@linkcode readInventory}. */
export interface ReadInventoryOptions {
  /** Read exactly these files (relative to the root or absolute) instead of scanning. */
  lockfiles?: string[];
  /** The release, used as the version of a project whose version is dynamic. */
  release?: string;
  /**
   * What the scan skips: paths relative to the root (e.g. the output
   * directory) and globs (`docs/**`; a glob without `/` matches a name at
   * any depth, e.g. `fixtures`).
   */
  exclude?: string[];
  /** Globs (same rules as `exclude`) of unread files that do not block `attest`. */
  allowUnread?: string[];
  /**
   * Called once per warning: what a file read leaves open (`Inventory.warnings`), each
   * unread or superseded file, a scan that found nothing.
   */
  onWarning?: (message: string) => void;
}

/** An inventory, the SHA-256 of every file it was read from, and what blocks a pass. */
export interface LoadedInventory {
  /** The inventory. */
  inventory: Inventory;
  /** Each file read (relative path) with its SHA-256, sorted by name. */
  inputs: { name: string; sha256: string }[];
  /**
   * `inventory.unread_file` for each unread file that `allowUnread` does not
   * match, `inventory.none` when the scan found nothing to read.
   */
  blockers: Problem[];
}

function outsideRoot(path: string): VouchError {
  return new VouchError(
    "inventory.outside_root",
    `${path} is outside --project-root: vouch reads only the project's own files`,
    "move the file into the project, or point --project-root at a folder that contains it",
  );
}

/**
 * The files `--lockfile` names, relative to the root, and the reader of each one whose name no
 * reader knows and whose text a reader recognizes (`Reader.recognizes`: a Gradle lock a build
 * keeps at a path of its choosing).
 */
function explicitFiles(
  root: string,
  lockfiles: string[],
): { files: string[]; recognized: Map<string, Reader> } {
  const recognized = new Map<string, Reader>();
  const files = lockfiles.map((given) => {
    const rel = relative(root, resolve(root, given)).replaceAll("\\", "/");
    const parts = rel.split("/");
    const known = knownFile(parts.at(-1) ?? "", parts.slice(0, -1).join("/"));
    let text: string | undefined;
    try {
      text = unreadText(root, rel)?.text;
    } catch {
      text = undefined; // a file too large or unreadable: refused for its name, as before
    }
    // A reader's file name that another tool's file has too (Helm's requirements.lock) is
    // refused as that tool's, as the scan reports it.
    const claimed = known?.overReader === true && text !== undefined &&
      known.recognizes?.(text) === true;
    if (readerFor(rel) && !claimed) return rel;
    const reader = text === undefined || claimed
      ? undefined
      : READERS.find((r) => r.kind === "lock" && r.recognizes?.(text));
    if (reader !== undefined) {
      recognized.set(rel, reader);
      return rel;
    }
    const reason = known === undefined
      ? "vouch has no reader for this file name"
      : unreadKnown(rel, known).reason;
    throw new VouchError(
      known?.code ?? "inventory.unknown_lockfile",
      `--lockfile ${given}: ${reason}`,
      known?.hint ?? `name a ${supportedFiles()}`,
    );
  });
  return { files, recognized };
}

/**
 * The project: the identity a file of the shallowest folder read states (a
 * tooling identity only when no other file there states one; then the first
 * reader's), else the root's name. A folder below the root names the project only when it is
 * the one folder of its depth that states an identity or holds a manifest (a .NET project
 * file below the root, a member, states none) and the root holds no
 * dependency file left unread (`pubspec.yaml`): sibling projects
 * (`web_embedding/ng-flutter`, `web_embedding/cra-flutter`) or a root whose
 * own manifest vouch does not read leave the root's name, and so does a monorepo's own
 * configuration that names no package (a Rush `rush.json`, see `repositoryConfig`): the
 * repository is the project, each of its projects a member. `statedPurl` is the
 * purl the manifest states, before `--release` gives it a version: the one a
 * member that is the project may carry (the module of a `server/go.mod`). When no file of the
 * root's folder is read, a build whose root the root is names it, as a lock below says
 * (`ReaderResult.rootProject`: a Gradle build's `rootProject.name`, its locks in subprojects).
 */
function projectOf(
  root: string,
  files: readonly ReadFile[],
  options: { release?: string; unread: readonly string[] },
): { project: Project; statedPurl?: string } {
  const release = options.release;
  const depth = (path: string): number => path.split("/").length;
  // A monorepo's own configuration (a Rush rush.json) is a file of its folder naming no package.
  const configs = files.flatMap((f) => f.output.repositoryConfig ?? []);
  // A file that builds no project (a traversal `dirs.proj`) does not make its folder the project's.
  const placing = files.filter((f) => !f.output.buildsNoProject);
  const top = Math.min(...placing.map((f) => depth(f.path)), ...configs.map(depth));
  const stating = files.filter((f) => depth(f.path) === top && f.output.project);
  // A sibling folder's manifest is another project even when it states no identity of its own
  // (bitwarden/server's src/Api/Api.csproj, a member, beside src/Admin/package.json).
  const projects = placing.filter((f) =>
    depth(f.path) === top && (f.output.project || f.reader.kind === "manifest")
  ).map((f) => f.path);
  const folders = new Set(
    [...projects, ...configs.filter((path) => depth(path) === top)]
      .map((path) => path.slice(0, path.lastIndexOf("/") + 1)),
  );
  const rootUnread = options.unread.some((path) => !path.includes("/"));
  const rank = (f: ReadFile): number =>
    (f.output.projectIsTooling ? READERS.length : 0) + READERS.indexOf(f.reader);
  const building = top > 1 ? files.find((f) => f.output.rootProject) : undefined;
  const declaring = building ??
    (top > 1 && (folders.size > 1 || rootUnread)
      ? undefined
      : stating.sort((a, b) => rank(a) - rank(b))[0]);
  const named = building?.output.rootProject ?? declaring?.output.project;
  const project: Project = named ? { ...named } : { name: basename(root) };
  // The manifest's free text (a description quoting a private URL) never carries credentials.
  for (const key of ["name", "version", "license", "description"] as const) {
    const text = project[key];
    if (text !== undefined) project[key] = textWithoutCredentials(text);
  }
  const ecosystem: Ecosystem | undefined = declaring?.reader.ecosystem;
  const statedPurl = project.purl;
  if (project.version === undefined && release !== undefined) {
    project.version = versionFromRelease(release, ecosystem);
    if (project.purl !== undefined) project.purl = withPurlVersion(project.purl, project.version);
  }
  return { project, statedPurl };
}

/**
 * Gives a project whose manifest states no version (a gemspec's `spec.version = Foo::VERSION`)
 * the version of the member that names it at one: an Appraisal gemfile's lock in `gemfiles/`
 * locks the project's own gem from `..` as Bundler evaluated its gemspec (`rails-snowflake
 * (0.1.0)`), so that member is the project, which the root is, not a part of itself. Members
 * that name it at several versions leave it as it is, and so does a member of another folder
 * (`workspace:packages/foo`): another package of the same name (npm installs a private root
 * `foo` with its workspace `packages/foo`, `foo@1.0.0`, and locks both).
 */
function withMemberVersion(project: Project, members: readonly Member[]): void {
  const purl = project.purl;
  if (project.version !== undefined || purl === undefined) return;
  const versions = new Set(
    members.flatMap((m) =>
      m.version !== undefined && m.purl === withPurlVersion(purl, m.version) &&
        !(m.id.startsWith("workspace:") && m.id !== "workspace:.")
        ? [m.version]
        : []
    ),
  );
  if (versions.size !== 1) return;
  const [version] = versions;
  project.version = version;
  project.purl = withPurlVersion(purl, version);
}

/**
 * The members that name a versioned project at another version (`m.version`): a lock older than
 * the manifest that states the version, such as an Appraisal gemfile's lock in `gemfiles/` that
 * still locks the project's own gem, from `..`, at the version its gemspec said then (Bundler
 * evaluates the gemspec again when it installs, and locks its version). The project is never a
 * member of itself. A member of another folder (`workspace:packages/foo`) is another package of
 * the same name (see {@linkcode withMemberVersion}).
 */
function staleProjectMembers(project: Project, members: readonly Member[]): Member[] {
  const purl = project.purl;
  if (purl === undefined || project.version === undefined) return [];
  const end = purl.search(/[?#]/);
  const base = end === -1 ? purl : purl.slice(0, end);
  const at = base.indexOf("@", base.lastIndexOf("/"));
  if (at === -1) return [];
  const unversioned = `${base.slice(0, at)}${end === -1 ? "" : purl.slice(end)}`;
  return members.filter((m) =>
    m.version !== undefined && m.version !== project.version && m.purl !== undefined &&
    m.purl === withPurlVersion(unversioned, m.version) &&
    !(m.id.startsWith("workspace:") && m.id !== "workspace:.")
  );
}

/** The start of a URL (`https://…`): an unread include that is no file of the tree. */
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/** How long a value is for its ends to name it where it is not written whole (see valueInvalid). */
const LONG_VALUE = 64;

/**
 * The reader's `inventory.<reader>.invalid` error for a value its file holds
 * that the reader cannot take (a package no purl can be built for, a digest
 * of the wrong length; a reader that can tell the line says so itself): the
 * line of the offending text when the file has it, as written or
 * JSON-escaped (a lone surrogate is an escape in the file).
 */
function valueInvalid(
  reader: Reader,
  files: Iterable<[string, string]>,
  error: ValueError,
): VouchError {
  const { value } = error;
  // A part made of several fields (`<url>@<reference>`): the line of the URL with credentials.
  // A scheme starts at the first letter of a run of scheme characters, tried once per run: a
  // start at each of them made a long value (a version of 200,000 letters) quadratic (53 s).
  const credentialUrl = /(?<![a-z0-9+.-])[0-9+.-]*([a-z][a-z0-9+.-]*:\/\/[^/\s"@]*@[^\s"@]*)/i
    .exec(value)?.[1];
  // A part built of several fields (`git+<url>@<rev>`, a URL from `github: "o/r"`) with a control
  // character: the field that holds it, between separators (found from the character: a pattern
  // run from each place made a long value quadratic).
  // deno-lint-ignore no-control-regex
  const control = value.search(/[\0-\x1f\x7f-\x9f]/);
  const controlPart = control === -1 ? undefined : fieldAround(value, control);
  let read: string | undefined;
  for (const [path, text] of files) {
    read ??= path;
    if (value === "") break;
    const lineOf = (part: string): number | undefined => {
      // A value over several lines (a newline in an XML text) is found whole, where it starts;
      // one the file writes with escapes (`"a\nb"`, `\r` that XML reads as `\n`, TOML's `\e`,
      // YAML's `''`), as written.
      if (part.includes("\n")) {
        const offset = text.indexOf(part);
        return offset === -1 ? writtenValueLine(text, part) : lineAt(text, offset);
      }
      return nameLine(text, part) ?? nthLine(text, JSON.stringify(part).slice(1, -1)) ??
        writtenValueLine(text, part);
    };
    // A `vcs_url` is written `git+<url>` where the file may have the URL alone. A long value
    // built of parts (a POM's `${revision}` and what the file writes after it) is found by an end
    // the file writes as it is.
    const line = lineOf(value) ??
      (value.startsWith("git+") ? lineOf(value.slice(4)) : undefined) ??
      (credentialUrl === undefined ? undefined : lineOf(credentialUrl)) ??
      (controlPart === undefined ? undefined : lineOf(controlPart)) ??
      (value.length > LONG_VALUE ? lineOf(value.slice(-LONG_VALUE)) : undefined) ??
      (value.length > LONG_VALUE ? lineOf(value.slice(0, LONG_VALUE)) : undefined);
    if (line !== undefined) return invalid(reader.name, at(path, line), error.message);
  }
  return invalid(reader.name, read!, error.message);
}

/** The run of `value` around `index` between the separators of a URL's fields (`/@:#?.`). */
function fieldAround(value: string, index: number): string {
  const separator = /[/@:#?.]/;
  let start = index;
  while (start > 0 && !separator.test(value[start - 1])) start--;
  let end = index + 1;
  while (end < value.length && !separator.test(value[end])) end++;
  return value.slice(start, end);
}

/**
 * A reader's refusal without the credentials of the URLs it quotes from the
 * file (`depends on https://user:token@host/x.tgz, which the lock does not
 * resolve`): secrets never reach an error message.
 */
function withoutSecrets(error: VouchError): VouchError {
  const message = textWithoutCredentials(error.message);
  const hint = textWithoutCredentials(error.hint);
  if (message === error.message && hint === error.hint) return error;
  return new VouchError(error.code, message, hint);
}

/**
 * A file the scan found that cannot be read may be no part of the release (a
 * deliberately broken lockfile among a tool's test fixtures): its error says
 * how to leave it out.
 */
function withExcludeHint(error: unknown, path: string): unknown {
  if (!(error instanceof VouchError) || !error.code.endsWith(".invalid")) return error;
  return new VouchError(
    error.code,
    error.message,
    `${error.hint}; if it is not part of the release (a test fixture), --exclude ${path}`,
  );
}

/**
 * Reads one file, loading on demand the modules the reader needs (see
 * `NeedsModule`): the reader's own, then a parser it falls back to. An error about a value (a
 * package-URL part, a digest) names the line of the value: in the file read, else in the first
 * of the files the scan `loaded` that has it (a value inherited from a parent POM, a gemspec,
 * Directory.Packages.props).
 */
async function readWith(
  reader: Reader,
  text: string,
  path: string,
  context: ReaderContext,
  loaded: () => Iterable<[string, string]>,
): Promise<ReaderResult> {
  try {
    const output = await withModules(() => reader.read(text, path, context));
    // A project's or member's version is no purl's (a member is `workspace:<folder>`), but the
    // SBOMs hold it all the same: refused as a component's is (a package.json of 1,500 `[`).
    const versions = [output.project?.version, output.rootProject?.version];
    for (const version of [...versions, ...output.members.map((m) => m.version)]) {
      if (version !== undefined) checkVersionLength(version);
    }
    return output;
  } catch (error) {
    if (error instanceof ValueError) {
      // A value the file inherits (a parent POM's, a gemspec's, Directory.Packages.props')
      // stands in another file the read loaded: named at its line there.
      const files = [[path, text] as [string, string], ...loaded()];
      throw withoutSecrets(valueInvalid(reader, files, error));
    }
    // Too many components for one SBOM: in the file read when its own are too many.
    if (error instanceof VouchError && error.code === "inventory.too_large") {
      throw new VouchError(error.code, `${path}: ${error.message}`, error.hint);
    }
    if (error instanceof VouchError) throw withoutSecrets(error);
    throw error;
  }
}

/**
 * The text of a file the scan does not read, to look into it: `undefined` when it is no
 * regular file or no text, or a link out of the root (the scan reports it unread as one: what
 * it says, of a lockfile's path, is not the project's).
 */
function unreadText(
  root: string,
  path: string,
  realRoot: string = Deno.realPathSync(root),
): { text: string; bytes: Uint8Array } | undefined {
  try {
    if (!isSameOrInside(realRoot, Deno.realPathSync(join(root, path)))) return undefined;
  } catch {
    return undefined; // missing or broken: no text
  }
  const bytes = readRegularFile(join(root, path), path);
  if (bytes === undefined) return undefined;
  try {
    return { text: decodeText(bytes, path, { code: "inventory.unread_file", utf16: true }), bytes };
  } catch {
    return undefined;
  }
}

/**
 * {@linkcode unreadText} of the files of one root, each looked into once in a run (a Gradle
 * build's settings scripts are looked into for each of its locks: nomulus' 35, some 300 times).
 * A file that cannot be read (too large, denied) throws each time it is asked for.
 */
function unreadTexts(
  root: string,
): (path: string) => { text: string; bytes: Uint8Array } | undefined {
  const realRoot = Deno.realPathSync(root);
  const known = new Map<string, { text: string; bytes: Uint8Array } | undefined>();
  return (path) => {
    if (known.has(path)) return known.get(path);
    const file = unreadText(root, path, realRoot);
    known.set(path, file);
    return file;
  };
}

/** The known kind of a file of the project, by its path (see `knownFile`). */
function knownAt(path: string): KnownFile | undefined {
  const slash = path.lastIndexOf("/");
  return knownFile(path.slice(slash + 1), path.slice(0, Math.max(slash, 0)));
}

/**
 * The lockfiles that files the scan found and does not read name at paths of their own
 * (`KnownFile.namesLocks`: a Gradle script's `dependencyLocking { lockFile = file("…") }`),
 * by path, with their reader and the file that names them; the files that name one
 * vouch cannot read (a computed path, a missing file), as unread, saying why; and the
 * default locks their tool no longer uses (`NamedLockfile.replaces`), each with why.
 */
function namedLockfiles(
  peekFile: (path: string) => { text: string } | undefined,
  unread: readonly UnreadFile[],
  loadAs: (reader: Reader) => Load,
  excluded: (path: string) => boolean,
  files: (folder: string) => string[] | undefined,
): {
  named: Map<string, { reader: Reader; by: string; each?: true }>;
  unfollowed: Map<string, UnreadFile>;
  unused: Map<string, string>;
} {
  const named = new Map<string, { reader: Reader; by: string; each?: true }>();
  const unfollowed = new Map<string, UnreadFile>();
  const unused = new Map<string, string>();
  const namesOf = (u: UnreadFile): KnownFile["namesLocks"] => knownAt(u.path)?.namesLocks;
  // A lock a file named `after` (a settings script) names too is the other file's.
  const ordered = [
    ...unread.filter((u) => !namesOf(u)?.after),
    ...unread.filter((u) => namesOf(u)?.after),
  ];
  for (const u of ordered) {
    const names = namesOf(u);
    if (names === undefined) continue;
    let text: string | undefined;
    try {
      text = peekFile(u.path)?.text;
    } catch {
      continue; // a file too large or unreadable is reported unread, as it is
    }
    if (text === undefined) continue;
    const reader = READERS.find((r) => r.name === names.reader)!;
    const load = loadAs(reader);
    const missed: string[] = [];
    const peek = (path: string): string | undefined => peekFile(path)?.text;
    for (const lock of names.find(text, u.path, load, files, peek)) {
      const where = `${
        lock.in === undefined ? "" : `${lock.in} `
      }line ${lock.line}, ${lock.written}`;
      if (lock.replaces !== undefined && lock.replaces !== lock.path) {
        unused.set(
          lock.replaces,
          `${lock.replaces} is not read: ${u.path} names another lock (${where}), so ` +
            `${knownFile(u.path.slice(u.path.lastIndexOf("/") + 1), "")?.tool ?? "its tool"} ` +
            "does not use it",
        );
      }
      if (lock.path === undefined) missed.push(`${where}: ${lock.why}`);
      else if (excluded(lock.path)) continue;
      else if (load(lock.path) === undefined) missed.push(`${where}: no such file`);
      else if (!named.has(lock.path)) {
        const by = lock.by ?? u.path;
        named.set(lock.path, { reader, by, ...lock.each ? { each: lock.each } : {} });
      }
    }
    if (missed.length === 0) continue;
    const reason = `it names a dependency lock vouch cannot read: ${missed.join("; ")}`;
    unfollowed.set(u.path, { path: u.path, reason, hint: names.hint });
  }
  for (const path of named.keys()) unused.delete(path);
  return { named, unfollowed, unused };
}

/** What the inventory stage found: the inventory, the bytes read, the files left unread. */
interface Found {
  inventory: Inventory;
  read: Map<string, Uint8Array>;
  unread: UnreadFile[];
  superseded: SupersededFile[];
  explicit: boolean;
}

/** The inventory, the bytes of every file it was read from, and the files not read. */
async function inventoryAndFiles(root: string, options: ReadInventoryOptions): Promise<Found> {
  checkProjectRoot(root);
  const absRoot = resolve(root);
  const explicit = options.lockfiles !== undefined && options.lockfiles.length > 0;
  const exclude = (options.exclude ?? []).map((p) =>
    isAbsolute(p) ? relative(absRoot, p).replaceAll("\\", "/") : p
  );
  // Readers ask which folders the scan skips (`skippedFolder`), named files or not.
  if (explicit) await loadGlobMatcher(SKIPPED_PATHS);
  const given = explicit ? explicitFiles(absRoot, options.lockfiles!) : undefined;
  const scanned = given !== undefined
    ? { files: given.files, unread: [], superseded: [] }
    : await scanProject(absRoot, { exclude });
  const read = new Map<string, { text: string; bytes: Uint8Array }>();
  const realRoot = Deno.realPathSync(absRoot);
  /** The real path of each folder of the project resolved so far, by its path in the project. */
  const realFolders = new Map<string, string>([["", realRoot]]);
  /** The real path of an entry of a folder whose real path is `parent`. */
  const realEntry = (parent: string, name: string): string => {
    const path = join(parent, name);
    return Deno.lstatSync(path).isSymlink ? Deno.realPathSync(path) : path;
  };
  const realFolder = (folder: string): string => {
    const known = realFolders.get(folder);
    if (known !== undefined) return known;
    // From the root down, a loop that stops at the first folder missing (a recursion from the
    // end was a stack overflow, and quadratic, for a path of 64,000 folders).
    let real = realRoot;
    let path = "";
    for (const name of folder.split("/")) {
      path = path === "" ? name : `${path}/${name}`;
      const kept = realFolders.get(path);
      real = kept ?? realEntry(real, name);
      if (kept === undefined) realFolders.set(path, real);
    }
    return real;
  };
  /**
   * The real path of a path of the project, resolved one folder at a time from the root's, each
   * folder's kept: `Deno.realPathSync` resolves every folder of the path on each call, so the
   * files a reader looks for in every folder up to the root (Directory.Build.props) cost the
   * square of the depth (1,000 folders deep: over 20 s).
   */
  const realPathIn = (rel: string): string => {
    const parts = rel.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.includes("..")) return Deno.realPathSync(join(absRoot, rel));
    if (parts.length === 0) return realRoot;
    return realEntry(realFolder(parts.slice(0, -1).join("/")), parts[parts.length - 1]);
  };
  const missing = new Set<string>();
  /** The go.mod files loaded so far (a go.work's modules), in load order. */
  const loadedGoMods: string[] = [];
  /**
   * Reads a file of the project once, decoded as the reader whose file it is decodes it, or
   * else as `loader`, the reader loading it (a go.sum, a Pipfile, a gemspec, a requirements
   * file's `-r` include), which also names a decoding error.
   */
  const loadAs = (loader: Reader): Load => (rel) => {
    const key = rel.replace(/^\.\//, "");
    const known = read.get(key);
    if (known) return known.text;
    if (missing.has(key)) return undefined;
    let real: string;
    try {
      real = realPathIn(key);
    } catch (error) {
      const problem = fsProblem(error);
      if (problem === "missing" || problem === "not_directory") {
        missing.add(key);
        return undefined;
      }
      if (problem === "denied" || problem === "not_allowed") throw unreadable(key, problem);
      // A link to itself (or a ring of links) on the way: what readRegularFile says of one, as
      // the tool reading it fails (ELOOP); the scan reports such a file unread, as broken.
      if (problem === "loop") throw notAFile(key, "a symbolic link loop");
      throw error;
    }
    if (!isSameOrInside(realRoot, real)) throw outsideRoot(key);
    const bytes = readRegularFile(join(absRoot, key), key);
    if (bytes === undefined) return undefined;
    // A file vouch has a reader for is that reader's to refuse, whichever reader loads it
    // (a package.json the package-lock.json reader loads first).
    const own = readerFor(key);
    const { name, utf16 } = own ?? loader;
    const text = decodeText(bytes, key, { code: `inventory.${name}.invalid`, utf16 });
    read.set(key, { text, bytes });
    if (own?.name === "go_mod") loadedGoMods.push(key);
    return text;
  };
  /** The names of the folders and files in a folder of the project; `undefined` when it is missing or outside. */
  const listed = new Map<string, { folders: string[]; files: string[] } | undefined>();
  const entries = (rel: string): { folders: string[]; files: string[] } | undefined => {
    if (!listed.has(rel)) listed.set(rel, listFolder(rel));
    return listed.get(rel);
  };
  const list = (rel: string): string[] | undefined => entries(rel)?.folders;
  const listFiles = (rel: string): string[] | undefined => entries(rel)?.files;
  const listFolder = (rel: string): { folders: string[]; files: string[] } | undefined => {
    const dir = join(absRoot, rel);
    try {
      if (!isSameOrInside(realRoot, realPathIn(rel))) return undefined;
      const all = [...Deno.readDirSync(dir)].sort((a, b) => compareStrings(a.name, b.name));
      return {
        folders: all.filter((e) => e.isDirectory).map((e) => e.name),
        files: all.filter((e) => e.isFile).map((e) => e.name),
      };
    } catch (error) {
      const problem = fsProblem(error);
      if (problem === "missing" || problem === "not_directory") return undefined;
      if (problem === "denied" || problem === "not_allowed") throw unreadable(rel || ".", problem);
      throw error;
    }
  };
  /** The text of a file of the project, when it is one and valid UTF-8, without counting it read. */
  const peek = unreadTexts(absRoot);
  /** Whether `--exclude` names a path or a folder above it. */
  const excluded = (path: string): boolean => {
    // Most scans exclude nothing: no split, slices and joins per path asked (readers ask per member).
    if (exclude.length === 0) return false;
    const parts = path.split("/");
    return parts.some((_, i) => matchesAny(parts.slice(0, i + 1).join("/"), exclude));
  };
  // What the manifests say of their lockfiles (deno.json's "lock"): the scan found them by name.
  const locks = await applyLockOptions(scanned, {
    manifest: (path) => peek(path)?.text,
    lock: (path, reader) => loadAs(reader)(path) !== undefined,
    excluded,
  });
  /** The files read only when no file read includes them (see `Reader.readUnlessIncluded`). */
  const unlessIncluded = explicit
    ? []
    : locks.files.filter((path) => readerFor(path)?.readUnlessIncluded?.(path));
  const files = locks.files.filter((path) => !unlessIncluded.includes(path));
  if (
    explicit && !files.includes("pyproject.toml") &&
    loadAs(readerFor("pyproject.toml")!)("pyproject.toml") !== undefined
  ) {
    files.push("pyproject.toml");
  }
  const outputs: ReadFile[] = [];
  const memo = new Map<string, unknown>();
  const queued = new Set(files);
  // The locks build scripts put elsewhere (Gradle's `lockFile = file("…")`): each is read as
  // the lock of its script's folder. One `--lockfile` names whose name no reader knows is read
  // as the lock of the script of the tree that names it, if one does (its scope is the
  // script's: buildSrc's is build), and no other is read.
  // (Found so, the scripts and what they load are read only if the lock's reader reads them.)
  const naming = explicit
    ? given!.recognized.size === 0 ? [] : (await scanProject(absRoot, { exclude })).unread
    : locks.unread;
  const discover = explicit ? (): Load => (path) => peek(path)?.text : loadAs;
  // The modules the unread files' kinds need before they are asked (a Gradle script's parser).
  const modules = new Set([...naming, ...locks.unread].map((u) => knownAt(u.path)?.load));
  for (const load of modules) await load?.();
  const scripts = namedLockfiles(peek, naming, discover, excluded, listFiles);
  if (explicit) {
    for (const path of [...scripts.named.keys()]) {
      if (!given!.recognized.has(path)) scripts.named.delete(path);
    }
    scripts.unused.clear();
  }
  // A default lock its script names another in place of is not its tool's: a stale one.
  for (const path of [...scripts.unused.keys()]) {
    const at = files.indexOf(path);
    if (at === -1 || locks.named.has(path)) {
      scripts.unused.delete(path);
      continue;
    }
    files.splice(at, 1);
    queued.delete(path);
  }
  for (const path of scripts.named.keys()) {
    if (queued.has(path)) continue;
    queued.add(path);
    files.push(path);
  }
  /**
   * The go.mod of a module a go.work `use`s, loaded from where the scan does
   * not go (`.citools/`, deeper than the scan reads), is read too: it is the
   * lock of a module of the workspace. Not with `--lockfile`, nor what
   * `--exclude` names. (Other loaded files are not: a requirements file's
   * `-r .ci/test.txt` is read as part of the file that includes it.)
   */
  const queueLoaded = (): void => {
    if (explicit) return;
    for (const key of loadedGoMods.splice(0).sort(compareStrings)) {
      if (queued.has(key)) continue;
      if (excluded(key)) continue;
      queued.add(key);
      files.push(key);
    }
  };
  const reads = (file: string): boolean => queued.has(file);
  const queuedFiles = (): readonly string[] => [...queued];
  const readOne = async (path: string): Promise<ReadFile> => {
    const named: { reader: Reader; by?: string; each?: true } | undefined = locks.named.get(path) ??
      scripts.named.get(path);
    const reader = named?.reader ?? given?.recognized.get(path) ?? readerFor(path)!;
    const load = loadAs(reader);
    const text = load(path);
    // A folder where the file should be reads as no file (a sibling a reader looks for).
    if (text === undefined && statOrUndefined(join(absRoot, path))?.isDirectory) {
      throw notAFile(path, "a folder");
    }
    if (text === undefined) {
      throw new VouchError(
        `inventory.lockfile_missing.${path}`,
        `--lockfile ${path}: no such file`,
        "check the path; it is relative to --project-root",
      );
    }
    const release = options.release === undefined
      ? undefined
      : versionFromRelease(options.release, reader.ecosystem);
    const namedBy = named?.by;
    const context = {
      load,
      peek: (file: string): string | undefined => peek(file)?.text,
      list,
      files: listFiles,
      memo,
      release,
      excluded,
      reads,
      scanned: queuedFiles,
      namedBy,
    };
    /** The other files the scan has read, in the order it read them. */
    const loaded = (): [string, string][] =>
      [...read].filter(([key]) => key !== path).map(([key, file]) => [key, file.text]);
    const output = await readWith(reader, text, path, context, loaded);
    return {
      path,
      reader,
      output,
      ...(namedBy === undefined ? {} : { folder: posix.dirname(namedBy) }),
      ...(named?.each ? { eachProject: named.each } : {}),
    };
  };
  /**
   * The manifests deeper than the scan reads that a reader loaded (a workspace
   * member's package.json, for its name) and that no lock read resolves: read
   * them too, or their declarations would be lost while they count as read.
   */
  const deepLoaded = (): string[] =>
    locks.unread.filter((u) =>
      !queued.has(u.path) && read.has(u.path) && u.resolvedBy !== undefined &&
      readerFor(u.path) !== undefined && locksResolving(u.path, u.resolvedBy, outputs).length === 0
    ).map((u) => u.path);
  /** Reads a file the scan found or the caller named; an error says how to leave out a found one. */
  const readFound = async (path: string): Promise<ReadFile> => {
    try {
      return await readOne(path);
    } catch (error) {
      throw explicit ? error : withExcludeHint(error, path);
    }
  };
  /** Reads the files queued and not read yet (one output each, in order); reading may queue more. */
  const readQueued = async (): Promise<void> => {
    while (outputs.length < files.length) {
      outputs.push(await readFound(files[outputs.length]));
      queueLoaded();
    }
  };
  await readQueued();
  for (let deep = deepLoaded(); deep.length > 0; deep = deepLoaded()) {
    for (const path of deep) {
      queued.add(path);
      files.push(path);
    }
    await readQueued();
  }
  // A file read only when nothing includes it: read unless a file read includes it, and kept
  // unless another such file includes it (a file is read once, as part of its includers).
  const includedBy = (found: readonly ReadFile[]): Set<string> =>
    new Set(found.flatMap((f) => f.output.included ?? []));
  const included = includedBy(outputs);
  const alone: ReadFile[] = [];
  for (const path of unlessIncluded) if (!included.has(path)) alone.push(await readFound(path));
  const includedAmong = includedBy(alone);
  for (const f of alone.filter((f) => !includedAmong.has(f.path))) {
    files.push(f.path);
    outputs.push(f);
  }
  const merged = mergeOutputs(outputs);
  /** An unread file that declares no dependency (`UnreadFile.declaresNothing`): read, then. */
  const declaresNothing = ({ path, declaresNothing }: UnreadFile): boolean => {
    const file = declaresNothing === undefined ? undefined : peek(path);
    const place = { path, files: listFiles, folders: list };
    if (file === undefined || !declaresNothing!(file.text, place)) return false;
    read.set(path, file);
    return true;
  };
  /**
   * An unread file that declares nothing for its own project and that locks read below it
   * resolve (`KnownFile.declaresForOthersOnly`: a Gradle root script of subprojects).
   */
  const resolvedBelow = ({ path, resolvedBy }: UnreadFile): boolean => {
    const forOthersOnly = resolvedBy?.forOthersOnly;
    if (forOthersOnly === undefined) return false;
    // A lock of a folder below that another build's root file makes its own is not this one's.
    const roots = resolvedBy!.buildRoots ?? [];
    const folder = posix.dirname(path);
    const sameBuild = (lockFolder: string): boolean => {
      const steps = (folder === "." ? lockFolder : lockFolder.slice(folder.length + 1)).split("/");
      return steps.every((_, i) => {
        const at = posix.join(folder, ...steps.slice(0, i + 1));
        return !roots.some((root) => listFiles(at)?.includes(root));
      });
    };
    if (locksResolving(path, resolvedBy!, outputs, sameBuild).length === 0) return false;
    const file = peek(path);
    return file !== undefined && forOthersOnly(file.text);
  };
  /**
   * The locks read that resolve an unread file, at its folder or above: of those that lock only
   * their own folder's project (`KnownFile.ownFolderLocks`: a Gradle lock above a subproject's
   * script is another project's), only its own folder's, unless it declares nothing of its own.
   */
  const resolving = (u: UnreadFile): ReadFile[] => {
    const by = u.resolvedBy;
    if (by === undefined) return [];
    const locks = locksResolving(u.path, by, outputs);
    const own = by.ownFolderLocks;
    if (own === undefined || locks.length === 0) return locks;
    const others = { ...by, readers: by.readers?.filter((r) => !own.includes(r)) };
    if (lockFolder(locks[0]) === posix.dirname(u.path)) {
      // Its folder's classpath locks alone (`buildscript-gradle.lockfile`) lock no module it
      // declares of its own.
      const classpath = by.classpathLocks;
      if (
        classpath === undefined ||
        !locks.every((l) =>
          own.includes(l.reader.name) && classpath.name.test(posix.basename(l.path))
        )
      ) return locks;
      const file = peek(u.path);
      if (file === undefined || !classpath.declaresModules(file.text)) return locks;
      return locksResolving(u.path, others, outputs);
    }
    // A lock a script names for each project (the settings script's `gradle.allprojects { }`)
    // is read as the naming script's folder's: it may be this file's own. One the root script
    // names for itself (its classpath's, `buildscript { lockFile = … }`) is another project's.
    if (locks.some((l) => l.eachProject)) return locks;
    const file = peek(u.path);
    if (file === undefined || by.forOthersOnly?.(file.text) !== false) return locks;
    return locksResolving(u.path, others, outputs);
  };
  const warnings = [...merged.warnings ?? [], ...locks.warnings, ...scripts.unused.values()];
  // A file that names a lock vouch cannot read stays unread, saying why.
  const unread = locks.unread.map((u) => scripts.unfollowed.get(u.path) ?? u).filter((u) => {
    if (scripts.unfollowed.has(u.path)) return true;
    if (read.has(u.path)) return false;
    const locks = resolving(u);
    if (locks.length === 0) return !resolvedBelow(u) && !declaresNothing(u);
    const partly = u.resolvedBy?.partly;
    if (
      partly !== undefined && locks.every((lock) => partly.readers.includes(lock.reader.name)) &&
      !read.has(join(u.path, "..", partly.declaredBy)) && !declaresNothing(u)
    ) warnings.push(partlyResolved(u.path, locks));
    return false;
  });
  // What a file read includes and vouch cannot read (a requirements file's `-r https://…`) is an
  // unread input too, once.
  for (const file of outputs) {
    for (const u of file.output.unreadIncludes ?? []) {
      if (!unread.some((known) => known.path === u.path)) unread.push(u);
    }
  }
  const unreadPaths = new Set(unread.map((u) => u.path));
  const { project, statedPurl } = projectOf(absRoot, outputs, {
    release: options.release,
    unread: [...unreadPaths],
  });
  withMemberVersion(project, merged.output.members);
  const stale = staleProjectMembers(project, merged.output.members);
  for (const m of stale) {
    const lock = outputs.find((f) => f.output.project?.purl === m.purl)?.path ?? "a lock";
    warnings.push(
      `${lock} locks the project ${project.name} at ${m.version}, not at the ${project.version} ` +
        "it states: the lock is older than the manifest (installing locks the project again, at " +
        `its version); the SBOM has the project once, at ${project.version}`,
    );
  }
  const inventory: Inventory = {
    project,
    // A member is the project by the purl its manifest states or the one --release versions,
    // or at a version a stale lock keeps.
    ...withoutProjectMember(merged.output, [statedPurl, project.purl, ...stale.map((m) => m.purl)]),
    // A file left unread is no source, though vouch looked into it (a Gradle script that names a
    // lock vouch cannot read): the SBOM lists each path once, as read or as not read.
    sources: [...read.keys()].filter((path) => !unreadPaths.has(path)).sort(compareStrings),
    unread: [...unreadPaths],
    declaredOnly: merged.declaredOnly,
    warnings: merged.warnings === undefined && warnings.length === 0 ? undefined : warnings,
  };
  const bytes = new Map([...read].map(([k, v]) => [k, v.bytes]));
  return { inventory, read: bytes, unread, superseded: scanned.superseded, explicit };
}

/**
 * The warning for a manifest that only requirements files stand for: they need
 * not list all it declares (a setup.py's `extras_require`).
 */
function partlyResolved(path: string, locks: readonly ReadFile[]): string {
  const names = locks.map((l) => l.path).sort(compareStrings);
  return `${path} is not read: ${names.join(", ")} ${
    names.length === 1 ? "stands" : "stand"
  } for it, so what it declares beyond ${
    names.length === 1 ? "that file" : "those files"
  } (install_requires, extras_require) is not ` +
    `in the SBOM; lock the project (pip-compile, uv pip compile, uv lock) to be sure`;
}

/** Tells the caller about each unread file, a manifest its lock does not resolve, a scan that found nothing. */
function warn(found: Found, root: string, onWarning?: (message: string) => void): void {
  if (onWarning === undefined) return;
  for (const message of found.inventory.warnings ?? []) onWarning(message);
  for (const s of found.superseded) {
    onWarning(
      `${s.path} is not read: ${s.reason ?? `${s.by} beside it says the same and is read instead`}`,
    );
  }
  for (const u of found.unread) {
    onWarning(`${u.path} is not read: ${u.reason}${u.hint ? ` (${u.hint})` : ""}`);
  }
  if (!found.explicit && found.inventory.sources.length === 0) {
    onWarning(`no manifest or lockfile that vouch reads was found under ${root}`);
  }
}

/**
 * Reads the inventory of the project at `root` and the digests of the files read.
 *
 * @param root The project root.
 * @param options Which files, the release, what to skip, which unread files
 *   are accepted, where warnings go.
 * @returns The inventory, its inputs and the blockers it raises.
 * @throws {VouchError} `project_root.missing` / `project_root.unreadable`
 *   when `root` cannot be scanned; `inventory.<reader>.invalid` for a
 *   malformed file (syntax, duplicate JSON keys, invalid UTF-8);
 *   `inventory.not_a_file`, `inventory.file_too_large`,
 *   `inventory.unreadable`, `inventory.outside_root` for a file that cannot be
 *   read safely; `inventory.lockfile_missing.<path>` for a named file that
 *   does not exist.
 */
export async function loadInventory(
  root: string,
  options: ReadInventoryOptions = {},
): Promise<LoadedInventory> {
  const found = await inventoryAndFiles(root, options);
  warn(found, root, options.onWarning);
  const { inventory, read } = found;
  const inputs = await Promise.all(
    inventory.sources.map(async (name) => ({ name, sha256: await sha256Hex(read.get(name)!) })),
  );
  await loadGlobMatcher(options.allowUnread ?? []);
  const blockers: Problem[] = found.unread
    .filter((u) => !matchesAny(u.path, options.allowUnread ?? []))
    .map((u): Problem => ({
      code: "inventory.unread_file",
      message: `${u.path} is not read: ${u.reason}; the SBOM does not include what it lists`,
      hint: `${u.hint ? `${u.hint}; or ` : ""}pass --allow-unread ${JSON.stringify(u.path)} to ` +
        "accept that" +
        // A remote include (see `ReaderResult.unreadIncludes`) is no file the scan can leave out.
        (URL_START.test(u.path)
          ? ""
          : `, or --exclude ${JSON.stringify(u.path)} if it is not part of the release`),
    }));
  if (!found.explicit && inventory.sources.length === 0) {
    blockers.push({
      code: "inventory.none",
      message: `no manifest or lockfile that vouch reads was found under ${root}`,
      hint:
        `run from the project folder or pass --project-root / --lockfile; vouch reads ${supportedFiles()}`,
    });
  }
  return { inventory, inputs, blockers };
}

/**
 * Reads the inventory of the project at `root`: scans for every supported
 * manifest and lockfile (or reads the named ones) and merges what they say.
 *
 * @example
 * ```ts
 * import { readInventory } from "../../mod.ts";
 * const inventory = await readInventory("fixtures/demo");
 * console.log(inventory.components.length);
 * ```
 *
 * @param root The project root.
 * @param options Which files, the release, folders to skip.
 * @returns The inventory.
 * @throws {VouchError} As {@linkcode loadInventory}.
 */
export async function readInventory(
  root: string,
  options: ReadInventoryOptions = {},
): Promise<Inventory> {
  const found = await inventoryAndFiles(root, options);
  warn(found, root, options.onWarning);
  return found.inventory;
}
