// Private: the dependency files of common ecosystems that vouch does not read
// (those it reads are the registry's, `_registry.ts`). The scan reports every
// file of this list (`inventory.unread_file`) unless a lockfile that was read
// resolves it, so a project is never silently half read. The README lists the
// same files (a test checks it).
import { parseJsonText } from "../_util.ts";
import type { Ecosystem } from "./types.ts";
import { type Load, NeedsModule } from "./_reader.ts";

/** The Gradle script parser, once {@linkcode loadGradleScript} has imported it. */
let gradle: typeof import("./java/_gradle_script.ts") | undefined;

/**
 * Imports the Gradle script parser: only a Gradle build asks the functions of its scripts'
 * kinds, and importing it cost every run about 20 M instructions (3 ms, cold).
 */
async function loadGradleScript(): Promise<void> {
  gradle ??= await import("./java/_gradle_script.ts");
}

/** The Gradle script parser; throws `NeedsModule` until {@linkcode loadGradleScript} ran. */
function gradleScript(): typeof import("./java/_gradle_script.ts") {
  if (gradle === undefined) throw new NeedsModule("the Gradle script parser", loadGradleScript);
  return gradle;
}

/** A conda environment file's top-level `dependencies:` key (its list follows on the next lines). */
const CONDA_DEPENDENCIES = /^dependencies:[ \t]*(?:#.*)?$/m;

/**
 * Whether a file's text is a conda environment (see `conda env create --file`): a YAML
 * mapping with a top-level `dependencies` list.
 *
 * @param text The file's text.
 * @returns `true` for a conda environment.
 */
function condaEnvironment(text: string): boolean {
  return CONDA_DEPENDENCIES.test(text);
}

/** A lockfile a dependency file names (see `KnownFile.namesLocks`). */
export interface NamedLockfile {
  /** Its path from the project root, when the file says it literally. */
  path?: string;
  /** What names it, as written (`lockFile = file("…")`), for messages. */
  written: string;
  /** The 1-based line. */
  line: number;
  /** The file it is set in, when not the file that names it (the build's settings script). */
  in?: string;
  /** Why its path is not known, when it is not (`it is computed`). */
  why?: string;
  /** The lock its tool keeps by default, which it does not use once the file names this one. */
  replaces?: string;
  /** Whether it is named for each project (`allprojects { }`): any project's own lock. */
  each?: true;
  /**
   * The script whose lock it is, when not the file that names it (a build script a settings
   * script names with `buildFileName`): the lock is that script's folder's.
   */
  by?: string;
}

/** Where a known file lies, for {@linkcode KnownFile.declaresNothing}. */
export interface DeclaringPlace {
  /** Its path from the project root, `/`-separated. */
  path: string;
  /** The files of a folder of the tree (from the project root; `""` or `.` is the root). */
  files: (folder: string) => string[] | undefined;
  /** The sub-folders of a folder of the tree. */
  folders: (folder: string) => string[] | undefined;
}

/** A kind of dependency file. */
export interface KnownFile {
  // A base-name glob (`Podfile.lock`, `*.csproj`); `folder/glob`: a file that counts only
  // in that folder; `folder/**/glob`: in that folder or any folder below it.
  /** The file name pattern (see the comment above). */
  name: string;
  /** The tool or ecosystem that writes it, as shown to users. */
  tool: string;
  /** `lock`: resolved versions; `manifest`: declarations. */
  kind: "lock" | "manifest";
  /**
   * The purl ecosystem of a manifest whose packages a lockfile of that
   * ecosystem describes: such a manifest counts as read when vouch read a
   * lockfile of the ecosystem in its folder or a folder above.
   */
  covers?: Ecosystem;
  /**
   * With `covers`: only lockfiles of these readers resolve it (a Gradle lock
   * resolves `build.gradle`, not an sbt build).
   */
  resolvedBy?: readonly string[];
  /**
   * With `covers`: lock readers that stand for it only in part. Requirements
   * files beside a setup.py need not list all it declares (its
   * `extras_require`): resolved by those alone, it counts as read, with a
   * warning that what it declares beyond them is not in the SBOM, unless
   * `declaredBy`, a manifest read beside it, declares the project (its
   * declarations are checked against the locks).
   */
  partlyResolvedBy?: { readers: readonly string[]; declaredBy: string };
  /**
   * With `covers`: whether a file with this text declares nothing for its own project, only
   * for projects below it (a Gradle root script whose `dependencies` are all in `subprojects
   * { }`): then, when no lockfile at or above its folder resolves it, those read in folders
   * below do (the subprojects' locks lock what it declares for them).
   */
  declaresForOthersOnly?: (text: string) => boolean;
  /**
   * With `declaresForOthersOnly`: the files that make a folder below it the root of a build of
   * its own (Gradle's settings scripts: `examples/x` built apart), whose locks, there and
   * below, are that build's and do not resolve it.
   */
  buildRoots?: readonly string[];
  /**
   * With `declaresForOthersOnly`: the lock readers whose files lock only the project of their own
   * folder (a Gradle lock: "unique per project", each project's `gradle.lockfile` in its folder).
   * One of a folder above is another project's and does not resolve a file of this kind that
   * declares dependencies of its own; the build's other locks (verification metadata, a
   * `versions.lock`) still do.
   */
  ownFolderLocks?: readonly string[];
  /**
   * With `ownFolderLocks`: the locks of its own folder that lock only the build's classpath
   * (`buildscript-gradle.lockfile`: its script's `buildscript { }` classpath, not its project's
   * configurations), which do not resolve a file whose text `declaresModules` of its own.
   */
  classpathLocks?: { name: RegExp; declaresModules: (text: string) => boolean };
  /**
   * Imports the module its functions need (a Gradle script's parser), which they do without until
   * then by throwing `NeedsModule`: the inventory awaits it for each file of the kind the scan
   * found before it asks them, and the scan reads again once it is loaded.
   */
  load?: () => Promise<void>;
  /** Why it is not read, when vouch has a reader for its tool's files but not for this one. */
  reason?: string;
  /** What the user can do, when there is something better than `--allow-unread`. */
  hint?: string;
  /**
   * A file that, beside it, says the same and is read instead (`bun.lock`
   * for `bun.lockb`): then this one is not reported as unread.
   */
  supersededBy?: string;
  /** The error code when it is named with `--lockfile` (default `inventory.unknown_lockfile`). */
  code?: string;
  /**
   * Whether a file of this kind with this text declares no dependency at all
   * (an autoloader's composer.json): then there is nothing to read, and it
   * counts as read, not reported. `place`: its path and the tree's listings (a folder's
   * files, its sub-folders), for a kind whose folder holds dependencies too (a Helm chart's
   * `charts/`).
   */
  declaresNothing?: (text: string, place: DeclaringPlace) => boolean;
  /**
   * For a file name other tools use too (NuGet 3's `project.json`; Nx's project configuration
   * is one as well): the scan counts a file of that name only when `recognizes` its text, and
   * passes over any other as no dependency file, as it does a reader's (`Reader.sharedName`).
   */
  sharedName?: true;
  /** Whether a file's text is the tool's (NuGet 3's `project.json` has a `frameworks` object). */
  recognizes?: (text: string) => boolean;
  /**
   * For a file name a reader reads too (Helm 2's `requirements.lock`, which is Rye's lock's
   * name): the scan reports a file of that name as this kind, not read, when `recognizes` its
   * text, and leaves any other to the reader.
   */
  overReader?: true;
  /**
   * The lockfiles a file of this kind names at paths of its choosing, whose names the scan
   * does not know (a Gradle script's `dependencyLocking { lockFile = file("…") }`): the
   * scan reads each one there is with the reader `reader`, as the lock of the file's
   * folder; one named at a path vouch cannot tell, or not in the tree, leaves the file
   * unread, saying so, with `hint`. `files` lists a folder's files (for a path that names
   * several, one per project); `peek` reads a file without counting it read (a file it looks
   * into, `load`ed when it names a lock).
   */
  namesLocks?: {
    reader: string;
    hint: string;
    /**
     * Whether its locks are looked for after the other files': a lock another file names too
     * (a Gradle settings script's, which its build's scripts name as well) is that file's.
     */
    after?: true;
    find(
      text: string,
      path: string,
      load: Load,
      files: (folder: string) => string[] | undefined,
      peek: Load,
    ): NamedLockfile[];
  };
}

/** How a kind finds the lockfiles a file names (see `KnownFile.namesLocks`). */
type FindLocks = NonNullable<KnownFile["namesLocks"]>["find"];

/**
 * Whether a requirements.yml is Ansible Galaxy's: a mapping with `roles` or `collections`, or
 * (the older form) a list of roles by `src` or `name`; not a Helm 2 chart's requirements.yaml,
 * whose `dependencies` list has `name` entries too.
 *
 * @param text The file's text.
 * @returns `true` for Galaxy's requirements.
 */
function ansibleRequirements(text: string): boolean {
  if (/^dependencies:/m.test(text)) return false;
  return /^(?:roles|collections):/m.test(text) || /^- (?:src|name):/m.test(text);
}

/**
 * Whether a Helm chart's Chart.yaml declares no chart it depends on: a chart of `apiVersion: v2`
 * (Helm 3) lists those in its own `dependencies`, and this one has no entry there (no key, a null
 * or `[]` value), as kubernetes-sigs/external-dns's chart: its metadata alone. A chart of
 * `apiVersion: v1` lists them in the requirements.yaml beside it, so its Chart.yaml says nothing
 * of them and stays reported; so does a chart with subcharts copied into its `charts/` folder
 * (Helm installs them undeclared), and one that is such a copy, another chart's dependency.
 *
 * @param text The file's text.
 * @param place Its path and the tree's listings.
 * @returns `true` for a Helm 3 chart without dependencies.
 */
function chartDeclaresNothing(text: string, place: DeclaringPlace): boolean {
  const folder = place.path.includes("/") ? place.path.slice(0, place.path.lastIndexOf("/")) : "";
  const under = (name: string): string => folder === "" ? name : `${folder}/${name}`;
  const subcharts = [
    ...place.files(under("charts")) ?? [],
    ...place.folders(under("charts")) ?? [],
  ];
  if (subcharts.length > 0) return false;
  const parent = folder.includes("/") ? folder.slice(0, folder.lastIndexOf("/")) : "";
  if (parent.split("/").at(-1) === "charts") {
    const chart = parent.includes("/") ? parent.slice(0, parent.lastIndexOf("/")) : "";
    if (place.files(chart)?.includes("Chart.yaml")) return false;
  }
  const version = yamlTopValue(text, "apiVersion");
  return version !== undefined && /^["']?v2["']?$/.test(version) &&
    yamlTopEmpty(text, "dependencies");
}

/** A YAML line's value without its comment, trimmed. */
function yamlValue(line: string): string {
  return line.replace(/(?:^|[ \t])#.*$/, "").trim();
}

/** The value written on the line of a top-level key of a YAML mapping, or `undefined` without it. */
function yamlTopValue(text: string, key: string): string | undefined {
  const line = text.split(/\r?\n/).find((l) => l.startsWith(`${key}:`));
  return line === undefined ? undefined : yamlValue(line.slice(key.length + 1));
}

/**
 * Whether a top-level key of a YAML mapping holds nothing: it is not there, or its value is null
 * (`~`, `null`, none) or an empty list or mapping (`[]`, `{}`).
 */
function yamlTopEmpty(text: string, key: string): boolean {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (at === -1) return true;
  const rest = yamlValue(lines[at].slice(key.length + 1));
  if (["[]", "{}", "~", "null"].includes(rest)) return true;
  if (rest !== "") return false;
  // A block value: the entries that follow, indented or (YAML allows it) `- ` at the margin.
  const next = lines.slice(at + 1).find((l) => yamlValue(l) !== "" && !/^---|^\.\.\./.test(l));
  return next === undefined || !/^(?:[ \t]|-(?:[ \t]|$))/.test(next);
}

/**
 * Whether a package.xml is a ROS package's manifest (REP 127, 140 and 149: catkin's and ament's
 * `<package>`, `format="2"` or `"3"` since ROS 2 and Noetic), which declares the packages it
 * builds and runs with (`<depend>`, `<build_depend>`, `<exec_depend>`, `<test_depend>`, …):
 * ros-navigation/navigation2's nav2_amcl/package.xml. The name is common (a PEAR package's, a
 * Salesforce or Qt installer manifest's): only a `<package>` root with such declarations is one.
 *
 * @param text The file's text.
 * @returns `true` for a ROS package manifest that declares dependencies.
 */
function rosPackageManifest(text: string): boolean {
  const body = text.replace(/<!--[\s\S]*?-->/g, "");
  const root = /^\s*(?:<\?[\s\S]*?\?>\s*)*<package(?:\s[^>]*)?>/.exec(body);
  if (root === null || /xmlns\s*=/.test(root[0])) return false;
  return /<(?:build_|buildtool_|build_export_|buildtool_export_|exec_|run_|test_|doc_)?depend[\s>]/
    .test(body);
}

/**
 * Whether a shadow-cljs.edn declares no dependency of its own: its `:dependencies` vector has no
 * `[coordinate "version"]` entry (the ClojureScript libraries shadow-cljs fetches from Clojars and
 * Maven Central: 7even/endless-ships' re-frame, reagent, …). One that takes them from a deps.edn
 * (`:deps`) or project.clj (`:lein`), both reported themselves, lists none.
 *
 * @param text The file's text.
 * @returns `true` when it declares no dependency.
 */
function shadowCljsDeclaresNothing(text: string): boolean {
  const code = text.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/;.*$/gm, "");
  return !/:dependencies\s*\[\s*[[(]/.test(code);
}

/**
 * A source text without its comments and the contents of its string literals (`//` and `/* *\/`
 * comments, `"…"` strings: Swift's), so that a word in them counts for nothing.
 */
function swiftCode(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/"(?:[^"\\\n]|\\.)*"/g, '""')
    .replace(/\/\/.*$/gm, "");
}

/**
 * Whether a SwiftPM manifest declares no package dependency: it calls no `.package(…)` (by URL,
 * registry id or path; a target's dependencies name products of those, or its own targets), as
 * SnapKit/SnapKit's Package.swift.
 */
function swiftManifestDeclaresNothing(text: string): boolean {
  return !/\.package\s*\(/.test(swiftCode(text));
}

/** Whether a Podspec (Ruby) declares no pod dependency: no `.dependency` call (SnapKit.podspec). */
function podspecDeclaresNothing(text: string): boolean {
  const code = text.replace(/^=begin[\s\S]*?^=end/gm, "").replace(
    /(["'])(?:(?!\1)[^\\\n]|\\.)*\1/g,
    "''",
  )
    .replace(/#.*$/gm, "");
  return !/\.dependency\b/.test(code);
}

/** Whether a JSON podspec declares no pod dependency, in its spec or any subspec. */
function podspecJsonDeclaresNothing(text: string): boolean {
  const json = jsonObject(text);
  if (json === undefined) return false;
  const declares = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(declares);
    const object = objectOf(value);
    if (object === undefined) return false;
    return Object.entries(object).some(([key, v]) =>
      key === "dependencies" ? Object.keys(objectOf(v) ?? { x: 1 }).length > 0 : declares(v)
    );
  };
  return !declares(json);
}

/** Whether a SwiftPM Package.resolved pins no package (`"pins": []`, v1's `object.pins`). */
function packageResolvedDeclaresNothing(text: string): boolean {
  const json = jsonObject(text);
  const pins = json?.pins ?? objectOf(json?.object)?.pins;
  return Array.isArray(pins) && pins.length === 0;
}

/**
 * Whether a Rails app's config/importmap.rb pins no package of its own: none from a CDN
 * (`to: "https://ga.jspm.io/npm:lodash@4.17.21/lodash.js"`, importmap-rails 0.x's `version:` and
 * `from:`), none that `bin/importmap pin` downloaded (`# @3.1.1`), and none whose file is in the
 * app's vendor/javascript (vendored by hand: `pin "jquery", to: "jquery.min.js"`, `pin_all_from
 * "vendor/javascript/languages"`). What is left are the app's own modules (`pin "application"`,
 * `pin_all_from "app/javascript/controllers"`) and the assets of its gems, which its Bundler lock
 * lists (`pin "@hotwired/turbo-rails", to: "turbo.min.js"`, as the turbo-rails and stimulus-rails
 * installers append them to every new Rails app's importmap).
 *
 * @param text The file's text.
 * @param place Its path and the tree's listings (the app's vendor/javascript).
 * @returns `true` when it pins nothing of its own.
 */
function importmapDeclaresNothing(text: string, place: DeclaringPlace): boolean {
  const config = place.path.slice(0, place.path.lastIndexOf("/"));
  const app = config.includes("/") ? config.slice(0, config.lastIndexOf("/")) : "";
  const vendor = app === "" ? "vendor/javascript" : `${app}/vendor/javascript`;
  const vendored = (file: string): boolean => {
    const at = file.lastIndexOf("/");
    const folder = at === -1 ? vendor : `${vendor}/${file.slice(0, at)}`;
    return place.files(folder)?.includes(file.slice(at + 1)) === true;
  };
  for (const line of text.split(/\r?\n/)) {
    const pin = /^[ \t]*pin[ \t(]+["']([^"']+)["'](.*)$/.exec(line);
    const all = /^[ \t]*pin_all_from[ \t(]+["']([^"']+)["']/.exec(line);
    if (all !== null && /^(?:\.\/)?vendor\//.test(all[1])) return false;
    if (pin === null) continue;
    const rest = pin[2];
    if (/#[ \t]*@\d/.test(rest)) return false;
    const code = rest.replace(/#.*$/, "");
    if (/\b(?:version|from):/.test(code)) return false;
    const to = /\bto:[ \t]*["']([^"']+)["']/.exec(code)?.[1];
    if (to !== undefined && /^https?:/i.test(to)) return false;
    if (vendored(to ?? `${pin[1]}.js`)) return false;
  }
  return true;
}

/** A setuptools file that requirements files stand for only in part, unless a pyproject.toml declares the project. */
const SETUPTOOLS_PARTLY = { readers: ["requirements"], declaredBy: "pyproject.toml" };

/** A JSON object's entries, or `undefined` when the value is no object. */
function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value as Record<string, unknown>
    : undefined;
}

/** The JSON object a text is, or `undefined` when it is not valid JSON or no object. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    return objectOf(parseJsonText(text));
  } catch {
    return undefined;
  }
}

/**
 * Whether a project.json is NuGet 3's (.NET Core 1.0 and UWP projects before
 * PackageReference): NuGet's project.json reference gives it a `frameworks` object, which
 * Nx's project configuration of that name has not. Not valid JSON (NuGet read it with
 * JSON.NET, which takes comments): it may be NuGet's.
 */
function isNugetProjectJson(text: string): boolean {
  let json: unknown;
  try {
    json = parseJsonText(text);
  } catch {
    return true;
  }
  return objectOf(objectOf(json)?.frameworks) !== undefined;
}

/**
 * Whether a NuGet 3 project.json declares no package: no `dependencies` or `tools` entry,
 * in its top or in a framework's section (`"frameworks": {"net45": {}}` alone).
 */
function projectJsonDeclaresNothing(text: string): boolean {
  const json = jsonObject(text);
  if (json === undefined) return false;
  const sections = [json, ...Object.values(objectOf(json.frameworks) ?? {})];
  return sections.every((section) =>
    ["dependencies", "tools"].every((field) =>
      Object.keys(objectOf(objectOf(section)?.[field]) ?? {}).length === 0
    )
  );
}

/**
 * Whether a setup.cfg declares no requirement: no `install_requires`,
 * `setup_requires` or `tests_require` in `[options]`, no
 * `[options.extras_require]` entry (setuptools' declarative config), no
 * `requires-dist` in `[metadata]` (pbr, d2to1): a file of tool settings only,
 * as huggingface/transformers' (`[isort]`, `[flake8]`, `[tool:pytest]`).
 */
function setupCfgRequiresNothing(text: string): boolean {
  let section = "";
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]*)\]/.exec(line);
    if (header) {
      section = header[1].trim().toLowerCase();
      continue;
    }
    // A key starts its line (an indented line continues the value above); comments are skipped.
    const key = /^([^\s#;=:][^=:]*?)\s*[=:]/.exec(line)?.[1].toLowerCase().replaceAll("-", "_");
    if (key === undefined) continue;
    if (section === "options.extras_require") return false;
    if (section === "options" && /^(install|setup|tests)_requires?$/.test(key)) return false;
    if (section === "metadata" && /^requires(_dist)?$/.test(key)) return false;
  }
  return true;
}

/** A Gradle build script: resolved by the build's lock files, no other Maven-ecosystem lock. */
const GRADLE_BUILD = {
  tool: "Gradle",
  kind: "manifest",
  covers: "maven",
  resolvedBy: ["gradle_lockfile", "gradle_verification", "versions_lock"],
  hint:
    "enable Gradle dependency locking (`gradle dependencies --write-locks`) and commit the lock files",
} as const;

/** A Gradle lock of a build's classpath: a script's `buildscript { }`, the settings'. */
const CLASSPATH_LOCK = /^(?:buildscript|settings)-gradle\.lockfile$/;

/** A Gradle build script: it may put its lock elsewhere than beside it. */
const GRADLE_SCRIPT = {
  ...GRADLE_BUILD,
  load: loadGradleScript,
  declaresForOthersOnly: (text: string) => !gradleScript().declaresOwnDependencies(text, false),
  buildRoots: ["settings.gradle", "settings.gradle.kts"],
  ownFolderLocks: ["gradle_lockfile"],
  classpathLocks: {
    name: CLASSPATH_LOCK,
    declaresModules: (text: string) => gradleScript().declaresOwnModules(text, false),
  },
  namesLocks: {
    reader: "gradle_lockfile",
    hint:
      'name the lock at a literal path inside the project (`lockFile = file("gradle/locks/app.lockfile")`) so that vouch reads it',
    find: (...args: Parameters<FindLocks>) => gradleScript().namedLocks(...args),
  },
} as const;

const DENO_LOCK = "commit the deno.lock that deno writes beside it, which vouch reads";
const PIP_COMPILE =
  "compile it to the requirements.txt it stands for (`pip-compile`, `uv pip compile`) and commit that, which vouch reads";
const PROJECT_JSON_MIGRATE = "migrate the project to PackageReference (`dotnet migrate`) and " +
  "commit the packages.lock.json that RestorePackagesWithLockFile writes, which vouch reads";
const SETUPTOOLS_COMPILE = "compile what it installs to a requirements.txt beside it with " +
  "`uv pip compile --all-extras <file> -o requirements.txt` or `pip-compile --all-extras <file>`, " +
  "and commit that, which vouch reads";

/** Every dependency file vouch knows of but does not read, grouped by ecosystem. */
export const KNOWN_FILES: readonly KnownFile[] = [
  // JavaScript / TypeScript
  {
    name: "bun.lockb",
    tool: "Bun (binary lockfile)",
    kind: "lock",
    hint: "run `bun install --save-text-lockfile` to write the text bun.lock",
    supersededBy: "bun.lock",
    code: "inventory.bun_lockb.binary",
  },
  { name: "deno.json", tool: "Deno", kind: "manifest", covers: "jsr", hint: DENO_LOCK },
  { name: "deno.jsonc", tool: "Deno", kind: "manifest", covers: "jsr", hint: DENO_LOCK },
  // A library's Bower metadata often declares nothing (hammerjs/hammer.js': name, main, ignore):
  // only `dependencies` and `devDependencies` say what `bower install` installs.
  {
    name: "bower.json",
    tool: "Bower",
    kind: "manifest",
    declaresNothing: (text: string) => {
      const json = jsonObject(text);
      return json !== undefined &&
        ["dependencies", "devDependencies"].every((field) =>
          json[field] === undefined || json[field] === null ||
          Object.keys(objectOf(json[field]) ?? { x: 1 }).length === 0
        );
    },
  },
  // A Rails app's JavaScript pins (`pin "lodash", to: "https://ga.jspm.io/npm:lodash@4.17.21/…"`).
  {
    name: "config/importmap.rb",
    tool: "Rails importmap",
    kind: "manifest",
    declaresNothing: importmapDeclaresNothing,
  },
  // Python
  {
    name: "requirements*.in",
    tool: "pip-tools",
    kind: "manifest",
    covers: "pypi",
    hint: PIP_COMPILE,
  },
  {
    name: "requirements/**/*.in",
    tool: "pip-tools",
    kind: "manifest",
    covers: "pypi",
    hint: PIP_COMPILE,
  },
  // uv's lock of one PEP 723 script (`uv lock --script x.py`): the script's own environment.
  { name: "*.py.lock", tool: "uv (script lock)", kind: "lock" },
  {
    name: "setup.py",
    tool: "setuptools",
    kind: "manifest",
    covers: "pypi",
    partlyResolvedBy: SETUPTOOLS_PARTLY,
    hint: SETUPTOOLS_COMPILE.replaceAll("<file>", "setup.py"),
  },
  {
    name: "setup.cfg",
    tool: "setuptools",
    kind: "manifest",
    covers: "pypi",
    partlyResolvedBy: SETUPTOOLS_PARTLY,
    hint: SETUPTOOLS_COMPILE.replaceAll("<file>", "setup.cfg"),
    declaresNothing: setupCfgRequiresNothing,
  },
  {
    name: "Pipfile",
    tool: "Pipenv",
    kind: "manifest",
    covers: "pypi",
    hint: "run `pipenv lock` and commit the Pipfile.lock it writes, which vouch reads",
  },
  // Hatch's own file: its environments' dependencies, read with the pyproject.toml beside it (the
  // pyproject reader loads it, which makes it read).
  {
    name: "hatch.toml",
    tool: "Hatch",
    kind: "manifest",
    hint: "vouch reads hatch.toml with the pyproject.toml beside it",
  },
  // The name is common too: a Rails app's config/environment.yml of its deployments
  // (AskalotCQA/askalot), an API test suite's URLs per stage (CleberQa/httparty_api). Only a file
  // with conda's top-level `dependencies` list is one.
  {
    name: "environment.yml",
    tool: "conda",
    kind: "manifest",
    sharedName: true,
    recognizes: condaEnvironment,
  },
  {
    name: "environment.yaml",
    tool: "conda",
    kind: "manifest",
    sharedName: true,
    recognizes: condaEnvironment,
  },
  // The conda environment of an MLflow project (its MLproject's `conda_env: conda.yaml`) or a
  // Robocorp robot (its robot.yaml's `condaConfigFile: conda.yaml`): an environment.yml by
  // another name, with conda packages and a `pip:` list. The name is not conda's own: only a
  // file with a top-level `dependencies` list is one.
  {
    name: "conda.yaml",
    tool: "conda",
    kind: "manifest",
    sharedName: true,
    recognizes: condaEnvironment,
  },
  {
    name: "conda.yml",
    tool: "conda",
    kind: "manifest",
    sharedName: true,
    recognizes: condaEnvironment,
  },
  { name: "conda-lock.yml", tool: "conda-lock", kind: "lock" },
  // conda-lock's lock of another name (`--lockfile env.conda-lock.yml`), and its explicit
  // per-platform locks (`--kind explicit`: `conda-linux-64.lock`).
  { name: "*.conda-lock.yml", tool: "conda-lock", kind: "lock" },
  { name: "conda-*.lock", tool: "conda-lock", kind: "lock" },
  { name: "pixi.toml", tool: "pixi", kind: "manifest" },
  { name: "pixi.lock", tool: "pixi", kind: "lock" },
  // Go
  {
    name: "go.sum",
    tool: "Go",
    kind: "lock",
    hint: "vouch reads go.sum with the go.mod beside it",
  },
  { name: "Gopkg.toml", tool: "dep", kind: "manifest" },
  { name: "Gopkg.lock", tool: "dep", kind: "lock" },
  { name: "glide.yaml", tool: "Glide", kind: "manifest" },
  { name: "glide.lock", tool: "Glide", kind: "lock" },
  // The lock of vndr (moby/moby, containerd before Go modules) and of Rancher's trash
  // (AlekSi/trash): an import path and the revision it vendors, a line each. The name is not theirs
  // alone: only a file with such a line is one.
  {
    name: "vendor.conf",
    tool: "vndr / trash (Go)",
    kind: "lock",
    sharedName: true,
    recognizes: (text: string) =>
      /^[ \t]*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\/\S+[ \t]+\S+/m.test(text.replace(/#.*$/gm, "")),
  },
  // godep's lock: the revision of each package it copied into the project (`godep save`).
  { name: "Godeps/Godeps.json", tool: "godep", kind: "lock" },
  // Ruby: a gemspec is read with the Gemfile or Bundler lock that names it.
  {
    name: "*.gemspec",
    tool: "RubyGems",
    kind: "manifest",
    covers: "gem",
    hint: "add a Gemfile beside it that says `gemspec`, run `bundle lock` and commit the " +
      "Gemfile.lock it writes, which vouch reads",
  },
  // PHP: the PHAR tools Phive installs for the project (phpab, psalm, php-cs-fixer), each with its
  // version constraint and the version installed (`installed="3.86.0"`), outside Composer's lock:
  // `.phive/phars.xml` since Phive 0.14, the project's `phive.xml` before.
  { name: ".phive/phars.xml", tool: "Phive (PHAR tools)", kind: "lock" },
  { name: "phive.xml", tool: "Phive (PHAR tools)", kind: "lock" },
  // Appraisal's variants of a gem's bundle (collectiveidea/audited's `appraise 'rails52' do gem
  // 'rails', …`), from which `appraisal generate` writes gemfiles/<name>.gemfile, which vouch reads:
  // with those beside it, it says nothing more.
  {
    name: "Appraisals",
    tool: "Appraisal",
    kind: "manifest",
    hint: "run `bundle exec appraisal generate` and commit the gemfiles/*.gemfile it writes, " +
      "which vouch reads",
    // Each `appraise "name"` is written as gemfiles/<name>.gemfile, the name's characters other
    // than word characters and dots made `_` (Appraisal#gemfile_name).
    declaresNothing: (text: string, place: DeclaringPlace) => {
      const at = place.path.lastIndexOf("/");
      const gemfiles = at === -1 ? "gemfiles" : `${place.path.slice(0, at)}/gemfiles`;
      const written = new Set(place.files(gemfiles) ?? []);
      return [...text.matchAll(/^[ \t]*appraise[ \t(]+(["'])([^"'\n]+)\1/gm)].every(([, , name]) =>
        written.has(`${name.replace(/[^\w.]/g, "_")}.gemfile`)
      );
    },
  },
  // JVM
  { name: "build.gradle", ...GRADLE_SCRIPT },
  {
    name: "build.gradle.kts",
    ...GRADLE_SCRIPT,
    declaresForOthersOnly: (text: string) => !gradleScript().declaresOwnDependencies(text, true),
    classpathLocks: {
      name: CLASSPATH_LOCK,
      declaresModules: (text: string) => gradleScript().declaresOwnModules(text, true),
    },
  },
  // A settings script that names a lock (`buildscript { dependencyLocking { lockFile = … } }`,
  // `gradle.allprojects { }`): found from the build's scripts, or from it when the build has no
  // root build script; or that names build scripts (`buildFileName`), whose locks it finds. It declares nothing the SBOM would lack: only a lock it names that vouch
  // cannot read leaves it unread. Another is no dependency file.
  ...["settings.gradle", "settings.gradle.kts"].map((name) => ({
    name,
    tool: "Gradle",
    kind: "manifest" as const,
    sharedName: true as const,
    load: loadGradleScript,
    // Its code, not a comment (`// lockFile = file(…)`) nor a string, names them. Blanking keeps
    // every other character where it is: a text without either name needs no parser.
    recognizes: (text: string) =>
      (text.includes("lockFile") || text.includes("buildFileName")) &&
      /\b(?:lockFile|buildFileName)\b/.test(
        gradleScript().scriptCode(text, name.endsWith(".kts")).code,
      ),
    declaresNothing: () => true,
    namesLocks: {
      reader: "gradle_lockfile",
      hint: GRADLE_SCRIPT.namesLocks.hint,
      after: true as const,
      find: (...args: Parameters<FindLocks>) => gradleScript().settingsNamedLocks(...args),
    },
  })),
  // The version catalogs: declarations the build scripts use, resolved as they are. Besides the
  // default `libs`, a settings script may create others from files of gradle/ (Signal-Android's
  // gradle/test-libs.versions.toml, lint-libs.versions.toml).
  { name: "gradle/*.versions.toml", ...GRADLE_BUILD },
  // A lock named like one that no build script of the tree names (`lockFile`) and that is not at a
  // place Gradle uses by default: vouch cannot tell which project or classpath it locks.
  {
    name: "*-gradle.lockfile",
    tool: "Gradle",
    kind: "lock",
    reason:
      "no build or settings script of the tree names it as a lock (`lockFile`), and it is not at a path Gradle uses by default, so vouch cannot tell what it locks",
    hint:
      'name it in the script at a literal path (`lockFile = file("locks/app-gradle.lockfile")`), or remove it if Gradle no longer writes it',
  },
  { name: "build.sbt", tool: "sbt", kind: "manifest" },
  // Mill's build files (`mvn"org.typelevel::cats-core::2.13.0"` in `mvnDeps`, `ivy"…"` before 1.0):
  // the root's build.mill (build.sc before Mill 0.12) and a sub-folder's package.mill.
  // Scala CLI's project file: its `//> using dep` directives (MateuszKubuszok/renamer's
  // `//> using dep com.olvind.tui::tui::0.0.7`). Other Scala sources may have the name: only one
  // with such a directive is one.
  {
    name: "project.scala",
    tool: "Scala CLI",
    kind: "manifest",
    sharedName: true,
    recognizes: (text: string) =>
      /^[ \t]*\/\/>[ \t]*using[ \t]+(?:(?:test|compileOnly)\.)?(?:deps?|dependency|dependencies|libs?)\b/m
        .test(text),
  },
  { name: "build.mill", tool: "Mill", kind: "manifest" },
  { name: "build.sc", tool: "Mill", kind: "manifest" },
  { name: "package.mill", tool: "Mill", kind: "manifest" },
  { name: "ivy.xml", tool: "Ivy", kind: "manifest" },
  { name: "deps.edn", tool: "Clojure", kind: "manifest" },
  { name: "project.clj", tool: "Leiningen", kind: "manifest" },
  // A ClojureScript build's own libraries, beside the package.json of its npm ones.
  {
    name: "shadow-cljs.edn",
    tool: "shadow-cljs",
    kind: "manifest",
    declaresNothing: shadowCljsDeclaresNothing,
  },
  // .NET
  { name: "Directory.Packages.props", tool: "NuGet", kind: "manifest", covers: "nuget" },
  // The versions file of the Microsoft.Build.CentralPackageVersions SDK (microsoft/MSBuildSdks),
  // which its Sdk.targets imports (`GetPathOfFileAbove('Packages.props')`): the msbuild reader
  // reads it for the projects that use the SDK; one no project uses is reported.
  {
    name: "Packages.props",
    tool: "Microsoft.Build.CentralPackageVersions",
    kind: "manifest",
    covers: "nuget",
    hint: "vouch reads it with the projects that use the Microsoft.Build.CentralPackageVersions " +
      "SDK, which imports it; no project here does",
  },
  // NuGet 3's project.json (and the project.lock.json restore wrote beside it), which
  // PackageReference replaced: MediatR's src/*/project.json of 2016.
  {
    name: "project.json",
    tool: "NuGet 3 (project.json)",
    kind: "manifest",
    hint: PROJECT_JSON_MIGRATE,
    sharedName: true,
    recognizes: isNugetProjectJson,
    declaresNothing: projectJsonDeclaresNothing,
  },
  {
    name: "project.lock.json",
    tool: "NuGet 3 (project.json)",
    kind: "lock",
    hint: PROJECT_JSON_MIGRATE,
  },
  { name: "paket.dependencies", tool: "Paket", kind: "manifest" },
  // ASP.NET's client-side libraries (LibMan), from CDNs: `"library": "jquery@3.7.1"`.
  { name: "libman.json", tool: "LibMan", kind: "manifest" },
  { name: "paket.lock", tool: "Paket", kind: "lock" },
  // C / C++
  { name: "conanfile.txt", tool: "Conan", kind: "manifest" },
  { name: "conanfile.py", tool: "Conan", kind: "manifest" },
  { name: "conan.lock", tool: "Conan", kind: "lock" },
  // Meson's subprojects: each wrap pins a dependency's source (a `[wrap-file]` archive and its
  // hash, a `[wrap-git]` revision): git/git's subprojects/zlib.wrap, GNOME/glib's.
  { name: "subprojects/*.wrap", tool: "Meson", kind: "manifest" },
  { name: "vcpkg.json", tool: "vcpkg", kind: "manifest" },
  // Swift / Apple
  // A package without dependencies, SnapKit/SnapKit's, declares nothing in its manifest and
  // podspec, and pins nothing.
  {
    name: "Package.swift",
    tool: "Swift Package Manager",
    kind: "manifest",
    declaresNothing: swiftManifestDeclaresNothing,
  },
  // A manifest for Swift tools of a version and later (`Package@swift-5.9.swift`), which
  // SwiftPM reads instead of Package.swift there.
  {
    name: "Package@swift-*.swift",
    tool: "Swift Package Manager",
    kind: "manifest",
    declaresNothing: swiftManifestDeclaresNothing,
  },
  {
    name: "Package.resolved",
    tool: "Swift Package Manager",
    kind: "lock",
    declaresNothing: packageResolvedDeclaresNothing,
  },
  { name: "Podfile", tool: "CocoaPods", kind: "manifest" },
  { name: "Podfile.lock", tool: "CocoaPods", kind: "lock" },
  {
    name: "*.podspec",
    tool: "CocoaPods",
    kind: "manifest",
    declaresNothing: podspecDeclaresNothing,
  },
  {
    name: "*.podspec.json",
    tool: "CocoaPods",
    kind: "manifest",
    declaresNothing: podspecJsonDeclaresNothing,
  },
  // The Swift command-line tools Mint installs, each at a version (`realm/SwiftLint@0.54.0`).
  { name: "Mintfile", tool: "Mint", kind: "manifest" },
  { name: "Cartfile", tool: "Carthage", kind: "manifest" },
  // Carthage's second manifest: dependencies only the project's own builds and tests use.
  { name: "Cartfile.private", tool: "Carthage", kind: "manifest" },
  { name: "Cartfile.resolved", tool: "Carthage", kind: "lock" },
  // Dart / Flutter
  { name: "pubspec.yaml", tool: "Dart pub", kind: "manifest" },
  { name: "pubspec.lock", tool: "Dart pub", kind: "lock" },
  // Elixir / Erlang
  { name: "mix.exs", tool: "Mix", kind: "manifest" },
  { name: "mix.lock", tool: "Mix", kind: "lock" },
  { name: "rebar.config", tool: "rebar3", kind: "manifest" },
  { name: "rebar.lock", tool: "rebar3", kind: "lock" },
  // Haskell
  { name: "*.cabal", tool: "Cabal", kind: "manifest" },
  { name: "cabal.project", tool: "Cabal", kind: "manifest" },
  {
    name: "stack.yaml",
    tool: "Stack",
    kind: "manifest",
    // The name is not Stack's alone (a Docker Swarm stack's compose file): Stack's names the
    // snapshot it builds on (`resolver:`, or `snapshot:` since Stack 3), which it requires.
    sharedName: true,
    recognizes: (text: string) => /^(?:resolver|snapshot):/m.test(text),
  },
  { name: "stack.yaml.lock", tool: "Stack", kind: "lock" },
  { name: "cabal.project.freeze", tool: "Cabal", kind: "lock" },
  // The freeze file of another project file (`cabal freeze --project-file=cabal.project.ghc96`).
  { name: "cabal.project.*.freeze", tool: "Cabal", kind: "lock" },
  // D, Gleam, OCaml
  { name: "dub.json", tool: "dub (D)", kind: "manifest" },
  { name: "dub.sdl", tool: "dub (D)", kind: "manifest" },
  { name: "dub.selections.json", tool: "dub (D)", kind: "lock" },
  // (Gleam's lock, `manifest.toml`, is too common a name to tell; its gleam.toml is reported.)
  { name: "gleam.toml", tool: "Gleam", kind: "manifest" },
  { name: "*.opam", tool: "opam", kind: "manifest" },
  { name: "*.opam.locked", tool: "opam", kind: "lock" },
  // Lua
  { name: "*.rockspec", tool: "LuaRocks", kind: "manifest" },
  { name: "luarocks.lock", tool: "LuaRocks", kind: "lock" },
  // Nim
  { name: "*.nimble", tool: "Nimble", kind: "manifest" },
  { name: "nimble.lock", tool: "Nimble", kind: "lock" },
  // Bazel's Rust rules (rules_rust crate_universe): a Cargo lockfile named for its
  // `crates_repository` (Kong's `crate_locks/atc_router.Cargo.lock`), and the rules' own lock.
  {
    name: "*.Cargo.lock",
    tool: "Bazel rules_rust",
    kind: "lock",
    hint:
      "it is a Cargo.lock named for a Bazel crates_repository (cargo_lockfile); vouch reads one only as Cargo.lock beside its Cargo.toml",
  },
  { name: "*Cargo.Bazel.lock", tool: "Bazel rules_rust", kind: "lock" },
  { name: "cargo-bazel-lock.json", tool: "Bazel rules_rust", kind: "lock" },
  // Others
  // A ROS package (catkin, ament): the packages it builds and runs with, which rosdep installs.
  {
    name: "package.xml",
    tool: "ROS",
    kind: "manifest",
    sharedName: true,
    recognizes: rosPackageManifest,
  },
  { name: "flake.nix", tool: "Nix", kind: "manifest" },
  { name: "flake.lock", tool: "Nix", kind: "lock" },
  // The pinned sources of a Nix project without flakes (niv's, npins').
  { name: "nix/sources.json", tool: "niv (Nix)", kind: "lock" },
  { name: "npins/sources.json", tool: "npins (Nix)", kind: "lock" },
  { name: "renv.lock", tool: "renv (R)", kind: "lock" },
  { name: "packrat/packrat.lock", tool: "Packrat (R)", kind: "lock" },
  // An R package's metadata (Debian control format); the name is common, the fields are R's.
  {
    name: "DESCRIPTION",
    tool: "R package",
    kind: "manifest",
    sharedName: true,
    recognizes: (text: string) => /^Package:[ \t]*\S/m.test(text) && /^Version:/m.test(text),
  },
  { name: "Project.toml", tool: "Julia Pkg", kind: "manifest" },
  { name: "Manifest.toml", tool: "Julia Pkg", kind: "lock" },
  // The other names Julia loads a project and its manifest from (base/loading.jl `project_names`,
  // `manifest_names`: `JuliaManifest-v1.11.toml` and `Manifest-v1.11.toml` before the others).
  { name: "JuliaProject.toml", tool: "Julia Pkg", kind: "manifest" },
  { name: "JuliaManifest.toml", tool: "Julia Pkg", kind: "lock" },
  { name: "Manifest-v*.toml", tool: "Julia Pkg", kind: "lock" },
  { name: "JuliaManifest-v*.toml", tool: "Julia Pkg", kind: "lock" },
  { name: "cpanfile", tool: "Perl (cpanm)", kind: "manifest" },
  { name: "cpanfile.snapshot", tool: "Carton (Perl)", kind: "lock" },
  { name: "elm.json", tool: "Elm", kind: "manifest" },
  // PureScript's Spago: spago.yaml and spago.lock (Spago 0.93 and later), spago.dhall and the
  // package set packages.dhall before.
  { name: "spago.yaml", tool: "Spago (PureScript)", kind: "manifest" },
  { name: "spago.lock", tool: "Spago (PureScript)", kind: "lock" },
  { name: "spago.dhall", tool: "Spago (PureScript)", kind: "manifest" },
  { name: "packages.dhall", tool: "Spago (PureScript)", kind: "lock" },
  { name: "build.zig.zon", tool: "Zig", kind: "manifest" },
  { name: "shard.yml", tool: "Crystal Shards", kind: "manifest" },
  { name: "shard.lock", tool: "Crystal Shards", kind: "lock" },
  { name: "MODULE.bazel", tool: "Bazel", kind: "manifest" },
  { name: "WORKSPACE", tool: "Bazel", kind: "manifest" },
  { name: "WORKSPACE.bazel", tool: "Bazel", kind: "manifest" },
  { name: "MODULE.bazel.lock", tool: "Bazel", kind: "lock" },
  // rules_jvm_external's pinned Maven artifacts (`bazel run @maven//:pin`).
  { name: "maven_install.json", tool: "Bazel rules_jvm_external", kind: "lock" },
  // The Unity Package Manager's project manifest and lock (a Unity project's Packages/).
  {
    name: "Packages/manifest.json",
    tool: "Unity Package Manager",
    kind: "manifest",
    // The name is common: only one with Unity's `dependencies` object (`"com.unity.ugui": "1.0.0"`) is one.
    sharedName: true,
    recognizes: (text: string) => objectOf(jsonObject(text)?.dependencies) !== undefined,
  },
  { name: "Packages/packages-lock.json", tool: "Unity Package Manager", kind: "lock" },
  // The Buf Schema Registry modules a Protobuf workspace depends on (`buf dep update`).
  { name: "buf.lock", tool: "Buf", kind: "lock" },
  { name: "jsonnetfile.json", tool: "jsonnet-bundler", kind: "manifest" },
  { name: "jsonnetfile.lock.json", tool: "jsonnet-bundler", kind: "lock" },
  { name: "Berksfile", tool: "Berkshelf (Chef)", kind: "manifest" },
  { name: "Berksfile.lock", tool: "Berkshelf (Chef)", kind: "lock" },
  { name: ".terraform.lock.hcl", tool: "Terraform", kind: "lock" },
  // The libraries of an embedded build (`lib_deps`), and the projects a Zephyr workspace pins.
  { name: "platformio.ini", tool: "PlatformIO", kind: "manifest" },
  { name: "west.yml", tool: "Zephyr west", kind: "manifest" },
  { name: "Brewfile", tool: "Homebrew Bundle", kind: "manifest" },
  { name: "Brewfile.lock.json", tool: "Homebrew Bundle", kind: "lock" },
  { name: "helmfile.yaml", tool: "Helmfile", kind: "manifest" },
  { name: "helmfile.lock", tool: "Helmfile", kind: "lock" },
  { name: "vendir.yml", tool: "Carvel vendir", kind: "manifest" },
  { name: "vendir.lock.yml", tool: "Carvel vendir", kind: "lock" },
  // The Nix packages of a development environment (Jetify devbox, devenv).
  { name: "devbox.json", tool: "devbox", kind: "manifest" },
  { name: "devbox.lock", tool: "devbox", kind: "lock" },
  { name: "devenv.yaml", tool: "devenv", kind: "manifest" },
  { name: "devenv.lock", tool: "devenv", kind: "lock" },
  // Puppet modules (r10k, librarian-puppet).
  { name: "Puppetfile", tool: "Puppet", kind: "manifest" },
  { name: "Puppetfile.lock", tool: "Puppet", kind: "lock" },
  // The roles and collections an Ansible project installs (`ansible-galaxy install -r …`), and
  // a collection's own dependencies. The requirements name is common: only one with Galaxy's
  // `roles`/`collections` keys, or a list of `src`/`name` entries, is one.
  {
    name: "requirements.yml",
    tool: "Ansible Galaxy",
    kind: "manifest",
    sharedName: true,
    recognizes: ansibleRequirements,
  },
  {
    name: "requirements.yaml",
    tool: "Ansible Galaxy",
    kind: "manifest",
    sharedName: true,
    recognizes: ansibleRequirements,
  },
  // An Ansible collection's metadata: the collections it requires are its `dependencies` (a
  // mapping of `namespace.name` to a version range); ansible-collections/community.general's
  // has none (`# dependencies:`, commented out).
  {
    name: "galaxy.yml",
    tool: "Ansible Galaxy",
    kind: "manifest",
    declaresNothing: (text: string) => yamlTopEmpty(text, "dependencies"),
  },
  { name: "Chart.yaml", tool: "Helm", kind: "manifest", declaresNothing: chartDeclaresNothing },
  { name: "Chart.lock", tool: "Helm", kind: "lock" },
  // The lock of a chart of `apiVersion: v1` (Helm 2's, which Helm 3 still writes for one:
  // pkg/downloader/manager.go `writeLock(…, APIVersionV1)`), a YAML file with the chart's
  // `dependencies`, their `digest` and when it was `generated`, beside its Chart.yaml and
  // requirements.yaml; the name is also Rye's lock's, which the requirements reader reads.
  {
    name: "requirements.lock",
    tool: "Helm",
    kind: "lock",
    overReader: true,
    recognizes: (text: string) => /^dependencies:/m.test(text) && /^digest:/m.test(text),
  },
];

/** `*` in a name pattern: any run of characters but `/`. */
function namePattern(glob: string): RegExp {
  const body = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${body.join("[^/]*")}$`);
}

/** The known files by exact base name, and those with a `*` or a folder. */
const EXACT = new Map<string, KnownFile>();
const PATTERNS: { folder?: string; deep: boolean; pattern: RegExp; known: KnownFile }[] = [];
for (const known of KNOWN_FILES) {
  const slash = known.name.indexOf("/");
  const deep = known.name.includes("/**/");
  const name = known.name.slice(known.name.lastIndexOf("/") + 1);
  if (slash === -1 && !name.includes("*")) EXACT.set(name, known);
  else {
    PATTERNS.push({
      folder: slash === -1 ? undefined : known.name.slice(0, slash),
      deep,
      pattern: namePattern(name),
      known,
    });
  }
}

/**
 * The known kind of a dependency file, by its base name and its folder.
 *
 * @param file The file's base name.
 * @param folder Its folder, `/`-separated from the project root (the base
 *   name is enough but for names that count in any folder below one).
 * @returns The kind, or `undefined` when the name is not a known dependency file.
 */
export function knownFile(file: string, folder: string): KnownFile | undefined {
  const exact = EXACT.get(file);
  if (exact !== undefined) return exact;
  const name = folder.slice(folder.lastIndexOf("/") + 1);
  return PATTERNS.find((p) =>
    (p.folder === undefined || p.folder === name ||
      (p.deep && `/${folder}/`.includes(`/${p.folder}/`))) && p.pattern.test(file)
  )?.known;
}
