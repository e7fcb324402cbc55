// Private: every reader vouch has, in one list. The scan, `--lockfile` and the
// hints that name the supported files are built from it. Adding a format is one
// module in its ecosystem folder plus one entry here. Order matters only for
// choosing the project's identity: earlier readers of root files win.
import { basename, dirname, join, posix } from "../_path.ts";
import { NeedsModule, type Reader, type ReaderContext } from "./_reader.ts";
import type { GoWorkspace } from "./go/go_mod.ts";
import { isDenoLockText } from "./deno/_lock_shape.ts";
import { compareStrings, parseJsonText } from "../_util.ts";

/**
 * A reader's module, imported on first use: a run reads few formats, and
 * importing all of them costs every run (several ms per module, cold). Until
 * it is loaded, the getter throws `NeedsModule`; the inventory loads it and
 * reads again.
 */
function lazy<M>(load: () => Promise<M>): () => M {
  let module: M | undefined;
  const loadOnce = async (): Promise<void> => {
    module ??= await load();
  };
  // The error is made when thrown: making 33 at start cost every run 7 M instructions (each
  // captures the stack of the module's evaluation).
  return () => {
    if (module === undefined) throw new NeedsModule("a reader module", loadOnce);
    return module;
  };
}

const pyproject = lazy(() => import("./python/pyproject.ts"));
const requirements = lazy(() => import("./python/requirements.ts"));
const uvLock = lazy(() => import("./python/uv_lock.ts"));
const poetryLock = lazy(() => import("./python/poetry_lock.ts"));
const pdmLock = lazy(() => import("./python/pdm_lock.ts"));
const packageLock = lazy(() => import("./javascript/package_lock.ts"));
const pnpmLock = lazy(() => import("./javascript/pnpm_lock.ts"));
const yarnLock = lazy(() => import("./javascript/yarn_lock.ts"));
const bunLock = lazy(() => import("./javascript/bun_lock.ts"));
const packageJson = lazy(() => import("./javascript/package_json.ts"));
const denoLock = lazy(() => import("./deno/deno_lock.ts"));
const cargoLock = lazy(() => import("./rust/cargo_lock.ts"));
const cargoToml = lazy(() => import("./rust/cargo_toml.ts"));
const goMod = lazy(() => import("./go/go_mod.ts"));
const composerLock = lazy(() => import("./php/composer_lock.ts"));
const composerJson = lazy(() => import("./php/composer_json.ts"));
const gemfileLock = lazy(() => import("./ruby/gemfile_lock.ts"));
const gemfile = lazy(() => import("./ruby/gemfile.ts"));
/**
 * `Gemfile.lock` and the lock of an alternate Gemfile: `Gemfile.next.lock`, `rails_7.gemfile.lock`,
 * `dev_gems.rb.lock` (rubygems' `tool/bundler/dev_gems.rb`).
 */
const ALTERNATE_GEMFILE_LOCK = /^(?:Gemfile(?:[._-][^/]+)?|[^/]+\.(?:gemfile|rb))\.lock$/;
/**
 * Whether another Gemfile of the scan (`Gemfile`, `gems.rb`, a `*.gemfile`) evaluates a file with
 * `eval_gemfile` and a literal path, which Bundler takes relative to the evaluating Gemfile's
 * folder.
 */
function evaluatedByGemfile(path: string, c: ReaderContext): boolean {
  const gemfiles = (c.scanned?.() ?? []).filter((p) =>
    p !== path && /^(?:Gemfile|gems\.rb|[^/]+\.gemfile)$/.test(basename(p))
  );
  return gemfiles.some((file) => {
    const folder = dirname(file) === "." ? "" : dirname(file);
    const text = c.load(file) ?? "";
    // The literal path, also inside `File.expand_path("gemfiles/rubocop.gemfile", __dir__)` or
    // `File.join(__dir__, "gemfiles", …)`, relative to the Gemfile's folder.
    return [...text.matchAll(/^[ \t]*eval_gemfile\b(.*)$/gm)].some(([, rest]) => {
      const parts = [...rest.matchAll(/(["'])([^"'\n]*)\1/g)].map((m) => m[2]);
      return [parts, parts.slice(-1)].some((list) =>
        list.length > 0 && posix.normalize(posix.join(folder, ...list)) === path
      );
    });
  });
}

/** An alternate Gemfile as Appraisal names it (`gemfiles/rails_7.1.gemfile`), which Bundler locks in `<name>.lock`. */
const APPRAISAL_GEMFILE = /^[^/]+\.gemfile$/;

/**
 * Whether a Gemfile lock is an alternate Gemfile's, a variant the project is tested against or
 * a tool's: Appraisal's `*.gemfile.lock`, a tool Gemfile's `*.rb.lock`, and a `Gemfile.<x>.lock`
 * beside another Gemfile lock of its folder (`Gemfile.next.lock` beside `Gemfile.lock`). A
 * `Gemfile.<x>.lock` that is the only lock of its folder (`Gemfile.saas.lock`, no
 * `Gemfile.lock`) is that folder's lock: Bundler has no main Gemfile but the one
 * `BUNDLE_GEMFILE` names, whose lock it writes beside it.
 */
function alternateGemfileLock(path: string, c: ReaderContext): boolean {
  const name = basename(path);
  if (name === "Gemfile.lock" || name === "gems.locked") return false;
  if (!name.startsWith("Gemfile")) return true;
  const folder = dirname(path).replaceAll("\\", "/").replace(/^\.$/, "");
  // Without a listing, the main lock only.
  const names = c.files?.(folder) ??
    ["Gemfile.lock", "gems.locked"].filter((n) => c.load(sibling(path, n)) !== undefined);
  return names.some((n) => n !== name && (n === "gems.locked" || ALTERNATE_GEMFILE_LOCK.test(n)));
}
const pipfileLock = lazy(() => import("./python/pipfile_lock.ts"));
const pylock = lazy(() => import("./python/pylock.ts"));
const mavenPom = lazy(() => import("./java/maven_pom.ts"));
const gradleLockfile = lazy(() => import("./java/gradle_lockfile.ts"));
const gradleVerification = lazy(() => import("./java/gradle_verification.ts"));
const versionsLock = lazy(() => import("./java/versions_lock.ts"));
const nugetLock = lazy(() => import("./dotnet/nuget_lock.ts"));
const msbuild = lazy(() => import("./dotnet/msbuild.ts"));
const packagesConfig = lazy(() => import("./dotnet/packages_config.ts"));
const dotnetTools = lazy(() => import("./dotnet/dotnet_tools.ts"));

/**
 * Whether a requirements file is in a folder below a `requirements/` folder
 * (celery's `requirements/extras/redis.txt`, edx-platform's
 * `requirements/edx/base.txt`): the scan reads it on its own only when no
 * file read includes it, as its name does not say whether it lists the
 * project's requirements or those of an extra another file includes.
 */
function belowRequirementsFolder(path: string): boolean {
  const folders = path.split("/").slice(0, -1);
  const at = folders.lastIndexOf("requirements");
  return at !== -1 && at < folders.length - 1;
}

/**
 * A text file of a `requirements/` folder that is no requirements file: its
 * README, license or change log (pip is never pointed at one).
 */
const DOCUMENT = /^(?:readme|licen[cs]e|notice|copying|authors|changelog|changes|contributing)\b/i;

/** A path beside `path` (same folder), `/`-separated. */
function sibling(path: string, name: string): string {
  return join(dirname(path), name).replaceAll("\\", "/");
}

/**
 * The `go.work` workspace a go.mod belongs to: the nearest go.work in its
 * folder or above (as Go looks for it) when one of its `use` directives names
 * the go.mod's folder.
 */
function goWorkspaceOf(
  goModPath: string,
  load: (path: string) => string | undefined,
  memo: Map<string, unknown> | undefined,
): GoWorkspace | undefined {
  const folder = dirname(goModPath).replaceAll("\\", "/").replace(/^\.$/, "");
  const parts = folder === "" ? [] : folder.split("/");
  for (let n = parts.length; n >= 0; n--) {
    const path = [...parts.slice(0, n), "go.work"].join("/");
    const text = load(path);
    if (text === undefined) continue;
    // Read once per go.work and tree: it reads every used go.mod.
    const key = `go_mod:work:${path}`;
    const workspace = (memo?.get(key) as GoWorkspace | undefined) ??
      goMod().goWorkspace(text, { path, load });
    memo?.set(key, workspace);
    return workspace.folders.includes(folder) ? workspace : undefined;
  }
  return undefined;
}

/**
 * The modules the go.mod files the inventory reads declare (see `treeModules`), found once per
 * reading of the tree; `undefined` when the context does not say which files it reads.
 */
function goModulesOf(c: ReaderContext): ReadonlyMap<string, string> | undefined {
  if (c.scanned === undefined) return undefined;
  const key = "go_mod:modules";
  const known = c.memo?.get(key) as ReadonlyMap<string, string> | undefined;
  if (known !== undefined) return known;
  const paths = c.scanned().filter((p) => basename(p) === "go.mod").sort(compareStrings);
  const modules = goMod().treeModules(paths, c.load);
  c.memo?.set(key, modules);
  return modules;
}

/**
 * A Palantir gradle-consistent-versions `versions.lock`: the header every version of the plugin writes
 * (`# Run ./gradlew --write-locks to regenerate this file`, `… writeVersionsLocks …`) or a line
 * `group:name:version (N constraints: hash)`.
 */
const PALANTIR_VERSIONS_LOCK =
  /^(?:# Run \.\/gradlew [\w-]+ to regenerate this file\b|[ \t]*[^(:\s]+:[^(:\s]+:[^(:\s]+[ \t]+\(\d+ constraints: \w+\)[ \t]*\r?$)/m;
/** A Carrot Search gradle-dependencychecks `versions.lock`: a JSON object of `configurationGroups`. */
const DEPENDENCY_CHECKS_LOCK = /^\uFEFF?\s*\{[^]*?"configurationGroups"\s*:/;

/** The names a composer.json's text replaces or provides (lowercased), and its own name. */
function composerStands(text: string): { name?: string; stands: Set<string> } {
  let doc: unknown;
  try {
    doc = parseJsonText(text.replace(/^\uFEFF/, ""));
  } catch {
    return { stands: new Set() }; // its own read reports it
  }
  const record = typeof doc === "object" && doc !== null ? doc as Record<string, unknown> : {};
  const stands = new Set<string>();
  for (const field of ["replace", "provide"]) {
    const map = record[field];
    if (typeof map !== "object" || map === null || Array.isArray(map)) continue;
    for (const name of Object.keys(map)) stands.add(name.toLowerCase());
  }
  const name = typeof record.name === "string" ? record.name.toLowerCase() : undefined;
  return { name, stands };
}

/**
 * The names that the composer.json files of the folders above a composer.json replace or provide
 * (lowercased), of those that replace or provide it: the other packages of the monorepo it is a
 * package of (see `ComposerJsonOptions.above`). None for another project of the tree.
 */
function composerStandsAbove(path: string, text: string, c: ReaderContext): Set<string> {
  const names = new Set<string>();
  const own = composerStands(text).name;
  if (own === undefined) return names;
  for (let folder = dirname(path); folder !== "." && folder !== ""; folder = dirname(folder)) {
    const above = dirname(folder);
    const file = above === "." || above === "" ? "composer.json" : `${above}/composer.json`;
    const aboveText = c.load(file);
    if (aboveText === undefined) continue;
    const { stands } = composerStands(aboveText);
    if (stands.has(own)) { for (const name of stands) names.add(name); }
  }
  return names;
}

/** Every reader, in priority order. */
export const READERS: readonly Reader[] = [
  {
    name: "pyproject",
    ecosystem: "pypi",
    kind: "manifest",
    files: ["pyproject.toml"],
    matches: (f) => f === "pyproject.toml",
    read: (text, path, c) =>
      pyproject().readPyproject(text, {
        path,
        release: c.release,
        load: c.load,
        memo: c.memo,
        excluded: c.excluded,
        // A requirements file the inventory reads itself (`c.reads`; absent, any there is).
        readsFile: (file) =>
          readerFor(file)?.name === "requirements" &&
          (c.reads?.(file) ?? c.load(file) !== undefined),
      }),
    // Loaded: asked only of a pyproject.toml read. A pinned declaration's range is its version.
    satisfies: (version, range) =>
      pyproject().satisfies(
        version,
        range !== undefined && /^\d/.test(range) ? `==${range}` : range,
      ),
  },
  {
    name: "uv_lock",
    ecosystem: "pypi",
    kind: "lock",
    files: ["uv.lock"],
    matches: (f) => f === "uv.lock",
    recordsDeclarations: true,
    read: (text, path, c) =>
      uvLock().readUvLock(text, { path, load: c.load, excluded: c.excluded, peek: c.peek }),
  },
  {
    name: "poetry_lock",
    ecosystem: "pypi",
    kind: "lock",
    files: ["poetry.lock"],
    matches: (f) => f === "poetry.lock",
    // A `directory` package's entry lists its dependencies (its groups are not installed).
    edgesPerMember: true,
    read: (text, path, c) =>
      poetryLock().readPoetryLock(text, {
        path,
        load: c.load,
        excluded: c.excluded,
        peek: c.peek,
      }),
  },
  {
    name: "pdm_lock",
    ecosystem: "pypi",
    kind: "lock",
    files: ["pdm.lock"],
    matches: (f) => f === "pdm.lock",
    // A `path` package's entry lists its dependencies (its groups are not installed).
    edgesPerMember: true,
    read: (text, path, c) =>
      pdmLock().readPdmLock(text, { path, load: c.load, excluded: c.excluded, peek: c.peek }),
  },
  {
    name: "requirements",
    utf16: true,
    ecosystem: "pypi",
    kind: "lock",
    listsOnly: true,
    files: [
      "requirements*.txt",
      "*-requirements.txt",
      "*_requirements.txt",
      "*.requirements.txt",
      "requirements/**/*.txt",
      "requirements.lock",
      "requirements-dev.lock",
    ],
    // Rye's lockfiles `requirements.lock` and `requirements-dev.lock` are requirements files too.
    matches: (f, folders) =>
      /^(?:requirements.*|[\w.-]+[-_.]requirements)\.txt$/.test(f) ||
      f === "requirements.lock" || f === "requirements-dev.lock" ||
      (f.endsWith(".txt") && folders.includes("requirements") && !DOCUMENT.test(f)),
    readUnlessIncluded: (path) => belowRequirementsFolder(path),
    // A `requirements/` folder holds the pins of the project above it (`uv pip compile
    // requirements/base.in` of `-e .`, apache/superset), and so do its subfolders
    // (edx-platform's `requirements/edx/base.txt`); any other file, its own folder's.
    coveredFolder: (path) => {
      const folders = posix.dirname(path).split("/");
      const at = folders.lastIndexOf("requirements");
      return at === -1 ? posix.dirname(path) : folders.slice(0, at).join("/") || ".";
    },
    read: (text, path, c) => {
      const warnings: string[] = [];
      return requirements().readRequirements(text, {
        path,
        include: (rel) => c.load(sibling(path, rel)),
        mxdev: requirements().mxdevConfig(path, c.load, (w) => warnings.push(w)),
        warnings,
        excluded: c.excluded,
        peek: c.peek,
        readAlone: (rel) => {
          const included = sibling(path, rel);
          return readerFor(included)?.name === "requirements" && !belowRequirementsFolder(included);
        },
      });
    },
    // Loaded: only the outputs of requirements files read name `ranges`.
    satisfies: (version, range) => requirements().satisfies(version, range),
  },
  {
    name: "package_lock",
    ecosystem: "npm",
    kind: "lock",
    files: ["package-lock.json", "npm-shrinkwrap.json"],
    matches: (f) => f === "package-lock.json" || f === "npm-shrinkwrap.json",
    recordsDeclarations: true,
    read: (text, path, c) =>
      packageLock().readPackageLock(text, { path, load: c.load, excluded: c.excluded }),
  },
  {
    name: "pnpm_lock",
    ecosystem: "npm",
    kind: "lock",
    // pnpm 1–2 named its lock shrinkwrap.yaml (older Rush repositories keep one), a name other
    // tools' YAML has too: the scan reads one with pnpm's top-level version key only.
    files: ["pnpm-lock.yaml", "shrinkwrap.yaml"],
    matches: (f) => f === "pnpm-lock.yaml" || f === "shrinkwrap.yaml",
    sharedName: ["shrinkwrap.yaml"],
    recognizes: (text) => /^(?:lockfileVersion|shrinkwrapVersion):/m.test(text),
    recordsDeclarations: true,
    read: (text, path, c) =>
      pnpmLock().readPnpmLock(text, { path, load: c.load, excluded: c.excluded, peek: c.peek }),
  },
  {
    name: "yarn_lock",
    ecosystem: "npm",
    kind: "lock",
    files: ["yarn.lock"],
    matches: (f) => f === "yarn.lock",
    recordsDeclarations: true,
    read: (text, path, c) => yarnLock().readYarnLock(text, { path, ...c }),
  },
  {
    name: "bun_lock",
    ecosystem: "npm",
    kind: "lock",
    files: ["bun.lock"],
    matches: (f) => f === "bun.lock",
    recordsDeclarations: true,
    read: (text, path, c) =>
      bunLock().readBunLock(text, { path, load: c.load, excluded: c.excluded }),
  },
  {
    name: "package_json",
    ecosystem: "npm",
    kind: "manifest",
    files: ["package.json"],
    matches: (f) => f === "package.json",
    resolvedBy: ["package_lock", "pnpm_lock", "yarn_lock", "bun_lock", "deno_lock"],
    read: (text, path, c) => packageJson().readPackageJson(text, { path, ...c }),
    // Loaded: asked only of a package.json read.
    satisfies: (version, range) => packageJson().npmRangeSatisfied(version, range),
  },
  {
    name: "deno_lock",
    ecosystem: "jsr",
    kind: "lock",
    files: ["deno.lock"],
    matches: (f) => f === "deno.lock",
    recordsDeclarations: true,
    lockOption: {
      manifests: ["deno.json", "deno.jsonc"],
      tool: "Deno",
      setting: '"lock"',

      lockOf: (text, path) => denoLock().configuredLock(text, path),
    },
    // A lock deno.json's "lock" names may have any name.
    recognizes: isDenoLockText,
    read: (text, path, c) =>
      denoLock().readDenoLock(text, { path, load: c.load, config: c.namedBy }),
  },
  {
    name: "cargo_lock",
    ecosystem: "cargo",
    kind: "lock",
    files: ["Cargo.lock"],
    matches: (f) => f === "Cargo.lock",
    edgesPerMember: true,
    read: (text, path, c) => cargoLock().readCargoLock(text, { path, load: c.load, list: c.list }),
  },
  {
    name: "cargo_toml",
    ecosystem: "cargo",
    kind: "manifest",
    files: ["Cargo.toml"],
    matches: (f) => f === "Cargo.toml",
    read: (text, path, c) =>
      cargoToml().readCargoToml(text, { path, release: c.release, load: c.load }),
    // Loaded: asked only of a Cargo.toml read.
    satisfies: (version, range, pinned) =>
      range === undefined ||
      cargoToml().cargoRequirementAccepts(pinned ? `=${range}` : range, version),
  },
  {
    name: "go_mod",
    ecosystem: "golang",
    kind: "lock",
    // Also a `vendor.mod`: the module file of a repository that is no Go module by choice
    // (docker/cli, moby/moby: "There is no 'go.mod' file", CalVer), which its scripts pass to
    // `go mod tidy`/`go mod vendor` with `-modfile=vendor.mod`, with its `vendor.sum`; what it
    // requires is what the repository vendors and builds. Beside a go.mod, which Go uses unless
    // told otherwise, it is not read.
    files: ["go.mod", "vendor.mod"],
    matches: (f) => f === "go.mod" || f === "vendor.mod",
    read: (text, path, c) => {
      const vendorMod = basename(path) === "vendor.mod";
      if (vendorMod && c.load(sibling(path, "go.mod")) !== undefined) {
        return {
          members: [],
          components: [],
          edges: [],
          warnings: [
            `${path} is not read: the go.mod beside it is the module's, which Go uses unless ` +
            "a build names the other with -modfile",
          ],
        };
      }
      const goSumPath = sibling(path, vendorMod ? "vendor.sum" : "go.sum");
      const workspace = goWorkspaceOf(path, c.load, c.memo);
      return goMod().readGoMod(text, {
        path,
        goSum: c.load(goSumPath),
        goSumPath,
        workspace,
        load: c.load,
        modules: goModulesOf(c),
      });
    },
  },
  {
    name: "composer_lock",
    ecosystem: "composer",
    kind: "lock",
    files: ["composer.lock"],
    matches: (f) => f === "composer.lock",
    // It reads the composer.json beside it (and those of its in-tree `path` packages) itself.
    recordsDeclarations: true,
    read: (text, path, c) => {
      const manifestPath = sibling(path, "composer.json");
      return composerLock().readComposerLock(text, {
        path,
        manifest: c.load(manifestPath),
        manifestPath,
        release: c.release,
        load: c.load,
        devTool: composerLock().isBinPluginTool(path, c.load),
      });
    },
  },
  {
    name: "composer_json",
    ecosystem: "composer",
    kind: "manifest",
    files: ["composer.json"],
    matches: (f) => f === "composer.json",
    read: (text, path, c) =>
      composerJson().readComposerJson(text, {
        path,
        ...c,
        above: composerStandsAbove(path, text, c),
      }),
  },
  {
    name: "gemfile_lock",
    ecosystem: "gem",
    kind: "lock",
    // Bundler locks a Gemfile named X in X.lock: also alternate Gemfiles (Appraisal's
    // gemfiles/*.gemfile, a dual boot's Gemfile.next, a tool's dev_gems.rb).
    files: ["Gemfile.lock", "gems.locked", "Gemfile.*.lock", "*.gemfile.lock", "*.rb.lock"],
    matches: (f) => f === "gems.locked" || ALTERNATE_GEMFILE_LOCK.test(f),
    // An Appraisal `*.gemfile` is locked by its own `<name>.gemfile.lock` only: not by another
    // variant's lock beside it, nor by the project's Gemfile.lock, nor does its lock stand for
    // the folder's Gemfile.
    owns: (lock, manifest) => {
      const gemfile = lock.slice(0, -".lock".length);
      return !APPRAISAL_GEMFILE.test(basename(gemfile)) &&
          !APPRAISAL_GEMFILE.test(basename(manifest)) ||
        manifest === gemfile;
    },
    // It reads the Gemfile beside it itself.
    recordsDeclarations: true,
    read: (text, path, c) => {
      const gemfilePath = path.endsWith("gems.locked")
        ? sibling(path, "gems.rb")
        : path.slice(0, -".lock".length);
      return gemfileLock().readGemfileLock(text, {
        path,
        gemfile: c.load(gemfilePath),
        gemfilePath,
        load: (rel) => c.load(sibling(path, rel)),
        alternate: alternateGemfileLock(path, c),
      });
    },
  },
  {
    name: "gemfile",
    ecosystem: "gem",
    kind: "manifest",
    // Appraisal's `gemfiles/<name>.gemfile` too: a variant the project is tested against, whose
    // lock many repositories do not commit (collectiveidea/audited).
    files: ["Gemfile", "gems.rb", "*.gemfile"],
    matches: (f) => f === "Gemfile" || f === "gems.rb" || APPRAISAL_GEMFILE.test(f),
    read: (text, path, c) => {
      const alternate = APPRAISAL_GEMFILE.test(basename(path));
      // A `*.gemfile` that a Gemfile of the tree evaluates (`eval_gemfile
      // "gemfiles/rubocop.gemfile"`, palkan/test-prof, anycable) is part of that Gemfile, which
      // reads it: no variant of its own.
      if (alternate && evaluatedByGemfile(path, c)) {
        return { members: [], components: [], edges: [] };
      }
      return gemfile().readGemfileManifest(text, { path, ...c, alternate });
    },
  },
  {
    name: "pipfile_lock",
    ecosystem: "pypi",
    kind: "lock",
    // Pipenv locks the Pipfile that PIPENV_PIPFILE names as `<that path>.lock`
    // (pipenv/project.py `lockfile_location`), whatever its name (`pipfile_location` returns
    // PIPENV_PIPFILE as given): `Pipfile.prod` is locked in `Pipfile.prod.lock`, `dev.Pipfile`
    // in `dev.Pipfile.lock`. A copy named `Pipfile.lock.<env>` no Pipenv reads (its lock's name
    // ends in `.lock`).
    files: ["Pipfile.lock", "Pipfile.*.lock", "*.Pipfile.lock"],
    matches: (f) => /^(?:[^/]+\.)?Pipfile\.(?:[^/]+\.)?lock$/.test(f),
    read: (text, path, c) => {
      const pipfilePath = path.slice(0, -".lock".length);
      return pipfileLock().readPipfileLock(text, {
        path,
        pipfile: c.load(pipfilePath),
        pipfilePath,
        load: c.load,
        peek: c.peek,
        excluded: c.excluded,
      });
    },
  },
  {
    name: "pylock",
    ecosystem: "pypi",
    kind: "lock",
    files: ["pylock.toml", "pylock.*.toml"],
    matches: (f) => /^pylock\.(?:[^.]+\.)?toml$/.test(f),
    read: (text, path, c) =>
      pylock().readPylock(text, { path, load: c.load, excluded: c.excluded, peek: c.peek }),
  },
  {
    name: "maven_pom",
    utf16: true,
    ecosystem: "maven",
    kind: "manifest",
    files: ["pom.xml"],
    matches: (f) => f === "pom.xml",
    resolvedBy: [],
    read: (text, path, c) => mavenPom().readMavenPom(text, { path, load: c.load, reads: c.reads }),
  },
  {
    name: "gradle_lockfile",
    ecosystem: "maven",
    kind: "lock",
    files: ["gradle.lockfile", "buildscript-gradle.lockfile", "gradle/dependency-locks/*.lockfile"],
    matches: (f, folders) =>
      /^((buildscript|settings)-)?gradle\.lockfile$/.test(f) ||
      (folders.at(-1) === "dependency-locks" && f.endsWith(".lockfile")),
    // The header Gradle writes atop every lock it writes (LockFileReaderWriter).
    recognizes: (text) =>
      /^\uFEFF?# This is a Gradle generated file for dependency locking\.(?:\r?\n|$)/.test(text),
    coveredFolder: (path) =>
      posix.dirname(path).endsWith("dependency-locks")
        ? posix.dirname(posix.dirname(posix.dirname(path)))
        : posix.dirname(path),
    read: (text, path, c) =>
      gradleLockfile().readGradleLockfile(text, {
        path,
        load: c.load,
        files: c.files,
        memo: c.memo,
        namedBy: c.namedBy,
        peek: c.peek,
        list: c.list,
      }),
  },
  {
    name: "gradle_verification",
    utf16: true,
    ecosystem: "maven",
    kind: "lock",
    files: ["gradle/verification-metadata.xml"],
    matches: (f, folders) => f === "verification-metadata.xml" && folders.at(-1) === "gradle",
    coveredFolder: (path) => posix.dirname(posix.dirname(path)),
    read: (text, path, c) =>
      gradleVerification().readGradleVerification(text, {
        path,
        load: c.load,
        files: c.files,
        list: c.list,
        excluded: c.excluded,
        peek: c.peek,
      }),
  },
  {
    name: "versions_lock",
    ecosystem: "maven",
    kind: "lock",
    files: ["versions.lock"],
    matches: (f) => f === "versions.lock",
    // Other tools name their files so too; the scan reads the plugin's only.
    sharedName: true,
    // Asked before the module is loaded (the scan): a plugin's header, a line or its JSON.
    recognizes: (text) => PALANTIR_VERSIONS_LOCK.test(text) || DEPENDENCY_CHECKS_LOCK.test(text),
    read: (text, path) => versionsLock().readVersionsLock(text, { path }),
  },
  {
    name: "nuget_lock",
    utf16: true,
    ecosystem: "nuget",
    kind: "lock",
    files: ["packages.lock.json"],
    matches: (f) => /^packages\.([^/]+\.)?lock\.json$/.test(f),
    covers: "folder",
    owns: (lock, manifest) => {
      const project = /^packages\.(.+)\.lock\.json$/.exec(posix.basename(lock))?.[1];
      return project === undefined || posix.basename(manifest).replace(/\.[^.]+$/, "") === project;
    },
    recordsDeclarations: true,
    read: (text, path, c) =>
      nugetLock().readNugetLock(text, { path, load: c.load, files: c.files, list: c.list }),
  },
  {
    name: "dotnet_tools",
    ecosystem: "nuget",
    kind: "lock",
    files: ["dotnet-tools.json"],
    matches: (f) => f === "dotnet-tools.json",
    covers: "folder",
    // Tools only: no project's packages.
    listsOnly: true,
    read: (text, path, c) =>
      dotnetTools().readDotnetTools(text, { path, load: c.load, files: c.files }),
  },
  {
    name: "packages_config",
    utf16: true,
    ecosystem: "nuget",
    kind: "lock",
    files: ["packages.config", "packages.<project>.config"],
    matches: (f) => /^packages\.(?:[^/]+\.)?config$/.test(f),
    covers: "folder",
    read: (text, path, c) =>
      packagesConfig().readPackagesConfig(text, { path, load: c.load, files: c.files }),
  },
  {
    name: "msbuild",
    utf16: true,
    ecosystem: "nuget",
    kind: "manifest",
    files: [
      "*.csproj",
      "*.fsproj",
      "*.vbproj",
      "*.sqlproj",
      "*.wixproj",
      "*.proj",
      "*.esproj",
      "*.pyproj",
    ],
    // Not `*.shproj`, `*.nuproj`: no NuGet restore reads them (see BUILD_EXTENSIONS, msbuild.ts).
    matches: (f) => /\.(?:cs|fs|vb|sql|wix|es|py)?proj$/.test(f),
    resolvedBy: ["nuget_lock"],
    read: (text, path, c) =>
      msbuild().readMsbuildProject(text, { path, load: c.load, files: c.files, list: c.list }),
  },
];

/**
 * The reader of a file, by its base name and the names of its folders.
 *
 * @param path A `/`-separated path.
 * @returns The reader, or `undefined` when vouch reads no such file.
 */
export function readerFor(path: string): Reader | undefined {
  const parts = path.split("/");
  const file = parts.pop() ?? "";
  return READERS.find((r) => r.matches(file, parts));
}

/** The supported file names, for hints: `a, b, … or z`. */
export function supportedFiles(): string {
  const names = READERS.flatMap((r) => r.files);
  return `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
}
