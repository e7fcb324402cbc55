// Private: the contract every manifest/lockfile reader fulfils, so that the
// scan, the `--lockfile` check and the "supported files" hints are all built
// from one registry (`_registry.ts`).
import type { Ecosystem, Edge, Project, ReaderOutput, Scope } from "./types.ts";

/**
 * A reader's output, with the project it describes when the file names one,
 * and what it could not establish (one line each, naming the file; e.g. a
 * version managed by a Maven parent POM that is not in the tree).
 */
export type ReaderResult = ReaderOutput & {
  project?: Project;
  /**
   * The project it names is a tooling identity: a package.json marked
   * `private` (never published), a pyproject.toml with neither a runtime
   * dependency nor a build system; or one a lock infers from its own entry
   * for its folder (a Pipfile.lock `path: "."`, a pylock.toml `directory`
   * `.`). Another file of its folder that names a
   * project names it instead (jenkins' pom.xml over its private `jenkins-ui`
   * package.json, gitea's go.mod over its lint-only pyproject.toml).
   */
  projectIsTooling?: true;
  warnings?: string[];
  /**
   * Warnings about what another file declares that this one inherits (a Maven parent's
   * profiles), each with the file that inherits it (`by`, this one or another it reads): every
   * module of a build would say the same, so the merge says each once, naming those files, and
   * in place of the same warning of the declaring file's own (see `mergeOutputs`).
   */
  inheritedWarnings?: { warning: string; by: string }[];
  /**
   * What the file includes that vouch cannot read (a requirements file's `-r https://…`, which
   * pip downloads): each by where it is (a URL) and why, an unread input of the scan as an
   * unread file is, so that `vouch attest` blocks on it (`inventory.unread_file`) unless
   * `--allow-unread` names it.
   */
  unreadIncludes?: { path: string; reason: string; hint?: string }[];
  /**
   * Warnings about the file's own content (a declaration no tool installs),
   * kept when a lock's word replaces the manifest's, which drops `warnings`.
   */
  contentWarnings?: string[];
  /**
   * The lock does not record which packages are dev-only or optional (a
   * Poetry 1.5–1.8 lock, a PDM lock without per-package groups): the merge
   * gives its components the scopes of the paths that reach them from the
   * project's declarations (its manifest folded in), as a JavaScript lock's
   * are computed.
   */
  scopesFromDeclarations?: boolean;
  /**
   * The extras of its dependencies, for the scopes computed from the paths
   * that reach a package (see `scopesFromDeclarations`): a package's extra is
   * followed only where a dependent asks for it, with that dependent's scope.
   */
  extras?: ExtraLinks;
  /**
   * The ids of its version-less components that are registry declarations
   * (a name and maybe a range, no URL, no folder: `flask>=2` in a
   * requirements-dev.txt): a version another file of the same reader pins
   * resolves them when it satisfies their range (see `Reader.satisfies` and
   * `_fold.ts`). Sorted.
   */
  ranges?: string[];
  /**
   * The other files read as part of it (a requirements file's `-r` and `-c`
   * includes), root-relative, `/`-separated: a file the reader reads only
   * when nothing includes it (see `Reader.readUnlessIncluded`) is not read
   * again on its own. Sorted.
   */
  included?: string[];
  /**
   * For a lock: the folders of the project (root-relative, `/`-separated)
   * other than its own that it locks as the project's own packages, their
   * dependencies included (a uv `editable` or `directory` package, a Poetry or
   * pylock `directory` one, a PDM or Pipfile.lock `path` one, a Cargo path
   * crate, an npm, pnpm, Yarn or Bun `file:` folder, a Yarn `portal:` one; not
   * a `link:` one): a manifest there that no lock at or above its
   * folder knows (a sibling `../common/pyproject.toml`) folds into it as a
   * member's does (see `_fold.ts`). Sorted.
   */
  memberFolders?: string[];
  /**
   * For a JavaScript lock: the folders of the project (root-relative,
   * `/`-separated) that it only links (a pnpm, Yarn or Bun `link:` folder that
   * is no workspace or `file:` folder of it too): pnpm, Yarn and Bun install
   * none of their dependencies, so the manifest there is not resolved by this
   * lock, though it names their packages as members (see `_fold.ts`). Sorted.
   */
  linkedFolders?: string[];
  /**
   * For a manifest: what it declares from a folder of the project's own (a
   * Poetry `path =` dependency, a PEP 508 `file:` URL, a uv `path` or
   * `workspace` source), by name and scope. Such a package is no component;
   * folded into a lock that has it as a member, it is the edge from the
   * manifest's project to that member, and into one that has it as a package
   * (a folder outside the project), that package, declared (see `_fold.ts`).
   * `extras`: the extras of it asked for (a uv workspace root's
   * `pydantic-ai-slim[openai]`), PEP 685 names.
   */
  localDeclarations?: Array<{ name: string; scope: Scope; extras?: string[] }>;
  /**
   * For a manifest: its extras that name its project's own other extras, with
   * those they name themselves (`all = ["app[openai,anthropic]"]`: `all`
   * installs `openai` and `anthropic`), PEP 685 names, sorted: a manifest
   * asking for `all` asks for them too, and for what they name in turn (see `_fold.ts`).
   */
  extraIncludes?: Record<string, string[]>;
  /**
   * For a manifest: its project is built alone, never with a lock of a folder
   * above (a crate that the `[workspace]` above excludes, which Cargo makes a
   * workspace root of its own, locked by a `Cargo.lock` beside it): only a
   * lock of its own folder resolves it (see `_fold.ts`).
   */
  standsAlone?: true;
  /**
   * For a lock of a monorepo whose own configuration names no package (a Rush
   * `rush.json`): that file's path. Its folder is the repository, which is the
   * project: no project of it in a folder below names the SBOM's root, each is
   * a member (see `projectOf` in mod.ts).
   */
  repositoryConfig?: string;
  /**
   * For a lock of a project below the root of its build, when the tree's root is that build's
   * root (a Gradle subproject's lock, or the build's `gradle/verification-metadata.xml`, the
   * settings script at the root): the build's root
   * project, as the build names it (Gradle's `rootProject.name`). It names the SBOM's root when
   * no file of the root's folder is read (see `projectOf` in mod.ts).
   */
  rootProject?: Project;
  /**
   * For a file that orders a build and builds no project of its own (an MSBuild traversal
   * `dirs.proj`): its folder is not thereby a project's, so it does not decide which folder
   * names the SBOM's root (see `projectOf` in mod.ts).
   */
  buildsNoProject?: true;
};

/** Which dependencies ask for extras, and which a package has only through one of its extras. */
export interface ExtraLinks {
  /** `from` depends on `to` in `scope` asking for its `extra` (`httpx[http2]`); PEP 685 names. */
  asks: Array<Edge & { extra: string }>;
  /** `from` depends on `to` only through its own `extra` (an optional dependency); PEP 685 names. */
  gates: Array<{ from: string; to: string; extra: string }>;
}

/** Reads a file relative to the project root; `undefined` when it does not exist. */
export type Load = (relativePath: string) => string | undefined;

/** What a reader may use besides the text of its own file. */
export interface ReaderContext {
  /** Reads another file of the project (path relative to the root, `/`-separated). */
  load: Load;
  /**
   * Reads a file of the project as `load` does, without counting it read: it is no input of
   * the SBOM, and a file the scan found stays unread unless read otherwise (a Gradle root
   * build script no lock resolves, which a subproject's lock looks into for the root
   * project's group). Absent: the reader does without.
   */
  peek?: Load;
  /**
   * Lists the names of the folders in a folder of the project (relative to the
   * root, `""` for the root); `undefined` when it does not exist. Readers
   * expand workspace globs with it and do without when it is not given.
   */
  list?: (folder: string) => string[] | undefined;
  /**
   * Lists the names of the files in a folder of the project (as `list`);
   * `undefined` when it does not exist. Readers find the file a lockfile
   * belongs to beside it (a NuGet lock's project file) with it, and do
   * without when it is not given.
   */
  files?: (folder: string) => string[] | undefined;
  /**
   * Lives for one reading of the tree: what a reader derives from several
   * files and would otherwise derive again for every file (a workspace's
   * members by name), keyed by the reader's name and a path. Absent: derive
   * it each time.
   */
  memo?: Map<string, unknown>;
  /**
   * Whether the inventory reads a file of the project on its own (the scan
   * found it, or `--lockfile` names it): a reader that leaves to that file's
   * own read what it would say of it (a Maven parent's dependencies) says it
   * itself when not. Absent: every such file is read.
   */
  reads?: (path: string) => boolean;
  /**
   * The files the inventory reads (the scan's, `--lockfile`'s), root-relative: a reader that
   * tells the project's own modules by the tree's other files (a go.mod requiring the module
   * of another go.mod of the tree) looks through them. Absent: it knows the files it loads.
   */
  scanned?: () => readonly string[];
  /**
   * Whether `--exclude` skips a folder of the project (root-relative,
   * `/`-separated; the folder or one above it matches). Readers leave out a
   * workspace member there; absent: nothing is excluded.
   */
  excluded?: (folder: string) => boolean;
  /**
   * The version of a project whose version is dynamic: the release name, as
   * a version of the reader's ecosystem (`v1.2.3` → `1.2.3`, except Go).
   */
  release?: string;
  /**
   * For a lockfile that a manifest names as its tool's lock (deno.json's `"lock"`, see
   * `Reader.lockOption`; a Gradle script's `dependencyLocking { lockFile = file("…") }`), read
   * for that and not for its name: that manifest's path. The lock is the project's of that
   * manifest's folder, wherever it lies; the reader learns from the manifest what it is.
   */
  namedBy?: string;
}

/** One reader: which files it reads and how. */
export interface Reader {
  /** Reader name, as in error codes (`inventory.<name>.invalid`). */
  name: string;
  /** The ecosystem of what it reads. */
  ecosystem: Ecosystem;
  /** `lock`: resolved versions; `manifest`: declarations only. */
  kind: "lock" | "manifest";
  /** The file names it reads, as shown to users (e.g. `requirements*.txt`). */
  files: readonly string[];
  /**
   * Its tool reads a file that starts with a UTF-16 byte-order mark as UTF-16
   * (XML parsers; pip, for requirements files and those they include; NuGet).
   * Absent: such a file, and one it loads, is refused, as its tool reads UTF-8.
   */
  utf16?: boolean;
  /**
   * For a manifest reader: the lock readers that resolve its files (see
   * `_fold.ts`); absent: every lock reader of its ecosystem. Empty when no
   * lockfile resolves it (Maven has none): its files are always "declared,
   * not resolved".
   */
  resolvedBy?: readonly string[];
  /**
   * For a lock reader: where the manifests it resolves may be. `tree` (the
   * default): its folder and every folder below (a workspace lock); `folder`:
   * its own folder only (a NuGet `packages.lock.json` belongs to one project).
   */
  covers?: "folder" | "tree";
  /**
   * For a lock reader whose lockfile records what its projects declare
   * (npm/pnpm importers, Bun and Yarn workspaces, NuGet `Direct` entries, the
   * uv.lock entries of the project and its members, which name the version of
   * each dependency locked several times): a manifest of a project the lock
   * knows (its root or a member) adds nothing to what the lock says; other
   * manifests are folded as usual.
   */
  recordsDeclarations?: boolean;
  /**
   * For a lock reader whose files lock only what they list (requirements
   * files: a `requirements-dev.txt` beside a `pyproject.toml` pins the dev
   * tools, not the project's dependencies): a manifest that only such files
   * resolve keeps, as declared, what none of them lists (build requirements
   * aside) instead of losing it.
   */
  listsOnly?: boolean;
  /**
   * For a lock reader whose members' entries name the exact package each of
   * their dependencies is (Cargo.lock's `name version (source)`), or list
   * exactly what is installed for them (a poetry.lock `directory` or pdm.lock
   * `path` package: its main dependencies, not its dev groups, which the tool
   * installs for the project being locked only): a declaration of a member's
   * manifest is the locked package that member's edges reach, not every locked
   * version of its name (another version is another crate's dependency), and
   * none when the member's entry lacks it (a stale lock, a member's dev group
   * whose tool the project's own dev group locks).
   */
  edgesPerMember?: boolean;
  /**
   * For a lock reader: whether a lockfile resolves a manifest of its folder
   * (see `covers`), when its name says whose it is (NuGet's
   * `packages.<project>.lock.json` belongs to `<project>.csproj` only).
   *
   * @param lockPath The lockfile's path.
   * @param manifestPath The manifest's path.
   * @returns `false` when the lockfile is another project's.
   */
  owns?(lockPath: string, manifestPath: string): boolean;
  /**
   * For a lock reader whose outputs name `ranges`, or a manifest reader (its
   * declarations folded into a lock above that does not know its project: a
   * locked version its range does not admit is not the one it declares):
   * whether a version satisfies a range as its files write it.
   *
   * @param version The pinned version.
   * @param range The declared range; `undefined` for none (any version).
   * @param pinned The range is the one version a declaration pins, no range (Cargo's `=1.2.3`
   *   declares version 1.2.3, which written as a range is `^1.2.3`).
   * @returns `false` when it does not; `undefined` when it cannot be told.
   */
  satisfies?(version: string, range: string | undefined, pinned?: boolean): boolean | undefined;
  /**
   * For a lock reader: the folder whose manifests it resolves, when not the
   * lockfile's own (`gradle/verification-metadata.xml` describes the build
   * in the folder above `gradle/`).
   *
   * @param path The lockfile's path.
   * @returns A folder path (`.` for the root).
   */
  coveredFolder?(path: string): string;
  /**
   * For a lock reader: whether a file's text is unmistakably of its format (the header its
   * tool writes), so that a file named with `--lockfile` whose name no reader knows (a lock a
   * build keeps at a path of its choosing) is read with it.
   */
  recognizes?(text: string): boolean;
  /**
   * For a lock reader of a file name other tools use too (`versions.lock`): the scan reads a
   * file of that name only when `recognizes` its text, and passes over any other as no
   * dependency file (`--lockfile` reads it all the same). A list names the shared ones among
   * its file names (pnpm 1–2's `shrinkwrap.yaml`, not `pnpm-lock.yaml`).
   */
  sharedName?: true | readonly string[];
  /**
   * For a lock reader whose tool's manifest may name its lockfile, or turn it
   * off (deno.json's `"lock"`): the scan reads the lockfile a manifest names,
   * whatever its name, and not a lockfile of the manifest's folder that the
   * tool does not use.
   */
  lockOption?: {
    /** The base names of the manifests, in the order the tool looks for them in a folder. */
    manifests: readonly string[];
    /** The tool, as shown to users (`Deno`). */
    tool: string;
    /** The manifest's setting that names the lockfile, as shown to users (`"lock"`). */
    setting: string;
    /**
     * The lockfile a manifest names.
     *
     * @param text The manifest's text.
     * @param path Its path relative to the project root, `/`-separated.
     * @returns The lockfile's path relative to the project root (its
     *   default when it names none), `undefined` when the tool uses none.
     */
    lockOf(text: string, path: string): string | undefined;
  };
  /**
   * Tells whether the reader reads a file.
   *
   * @param file The file's base name.
   * @param folders The names of the folders above it, from the project root down.
   */
  matches(file: string, folders: readonly string[]): boolean;
  /**
   * For a reader whose files include others (`-r`): whether the scan reads a
   * file only when no other file it reads includes it (see
   * `ReaderResult.included`); one that is included is read as part of its
   * includers. Absent: every file is read.
   *
   * @param path The file's path.
   */
  readUnlessIncluded?(path: string): boolean;
  /**
   * Reads one file. Pure: the same text (and loaded files) give the same output.
   *
   * @param text The file's text.
   * @param path Its path relative to the project root, `/`-separated.
   * @param context Other files and the release.
   */
  read(text: string, path: string, context: ReaderContext): ReaderResult;
}

/**
 * Runs a reader's function, loading first each module it needs that is not
 * loaded yet (see {@linkcode NeedsModule}): the reader's own, then a parser
 * it falls back to.
 *
 * @param run The function.
 * @returns What it returns once the modules it needs are loaded.
 */
export async function withModules<T>(run: () => T): Promise<T> {
  for (const loaded = new Set<() => Promise<void>>();;) {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof NeedsModule) || loaded.has(error.load)) throw error;
      loaded.add(error.load);
      await error.load();
    }
  }
}

/**
 * Thrown by a reader that needs a module that is not loaded yet (a heavy
 * parser used only for uncommon input, loaded on demand to keep start-up
 * short): the inventory awaits {@linkcode NeedsModule.load} and reads the file
 * again. Readers stay synchronous and pure.
 */
export class NeedsModule extends Error {
  /**
   * @param what The module, for the message.
   * @param load Loads it; the reader succeeds once it has resolved.
   */
  constructor(what: string, readonly load: () => Promise<void>) {
    super(`internal: ${what} is not loaded yet`);
    this.name = "NeedsModule";
  }
}
