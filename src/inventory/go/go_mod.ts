/**
 * Reader for Go's `go.mod` (with `go.sum` checked for presence).
 *
 * @module
 */

import { isVouchError, VouchError } from "../../errors.ts";
import { OutputBuilder } from "../_builder.ts";
import { golangPurl } from "../purl.ts";
import type { ReaderResult } from "../_reader.ts";
import { ROOT_ID } from "../types.ts";
import { isOutside, localPlace } from "../_paths.ts";
import { compareSemver, type SemVer } from "../_semver.ts";

const CODE = "inventory.go_mod.invalid";
const VERBS = new Set([
  "module",
  "go",
  "toolchain",
  "godebug",
  "require",
  "replace",
  "exclude",
  "retract",
  "tool",
  "ignore",
]);
/** The directives of a `go.work` file. */
const WORK_VERBS = new Set(["go", "toolchain", "godebug", "use", "replace"]);

/** How many arguments the directives vouch reads take. */
/** A module version as Go's semver.IsValid takes it: `v`, then 1 to 3 numbers, a pre-release, a build. */
const GO_VERSION =
  /^v(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?)?$/;

/**
 * A canonical module version (Go's module.CanonicalVersion leaves it as it is): three numbers, a
 * pre-release, `+incompatible` as the only build suffix.
 */
const CANONICAL_VERSION =
  /^v(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+incompatible)?$/;

/** A `go` directive's version as Go's modfile takes it (GoVersionRE): `1.22`, `1.22.5`, `1.21rc1`. */
const GO_DIRECTIVE_VERSION = /^[1-9]\d*\.(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))?(?:[a-z]+\d+)?$/;

/** The directives that list or change a module's dependencies: without a `module`, Go's refusal. */
const LISTING_VERBS: ReadonlySet<string> = new Set(["require", "replace", "exclude", "tool"]);

/** The directives Go's modfile refuses to see twice (`repeated module statement`). */
const SINGLE = new Set(["module", "go", "toolchain"]);

const ARITY: Record<string, number> = {
  module: 1,
  go: 1,
  toolchain: 1,
  require: 2,
  exclude: 2,
  tool: 1,
};

/** One directive line: its verb, its arguments, whether it says `// indirect`. */
interface Directive {
  verb: string;
  args: string[];
  indirect: boolean;
  line: number;
}

/**
 * Refuses what Go's modfile refuses in a go.mod or go.work: a second `module`,
 * `go` or `toolchain` line, a `go` version not `1.N[.N][rcN]`.
 */
function checkSingles(directives: readonly Directive[], path: string): void {
  const seen = new Set<string>();
  for (const { verb, args, line } of directives) {
    if (SINGLE.has(verb)) {
      if (seen.has(verb)) throw invalid(path, line, `repeated ${verb} statement`);
      seen.add(verb);
    }
    if (verb === "go" && args.length === 1 && !GO_DIRECTIVE_VERSION.test(args[0])) {
      throw invalid(
        path,
        line,
        `invalid go version ${JSON.stringify(args[0])} (Go writes 1.23 or 1.23.0)`,
      );
    }
  }
}

function invalid(path: string, line: number, what: string): VouchError {
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `fix ${path} (\`go mod tidy\` rewrites it)`,
  );
}

/** The value of a "quoted" token (Go's escapes that JSON shares; others are an input error). */
function unquote(body: string, path: string, line: number): string {
  try {
    return JSON.parse(`"${body}"`);
  } catch {
    throw invalid(path, line, "bad escape or control character in a quoted string");
  }
}

/** Splits a line into tokens (bare, "quoted" or `raw`) and its trailing comment. */
function tokenize(text: string, path: string, line: number): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  const pattern = /\s*(?:(\/\/.*)|"((?:[^"\\]|\\.)*)"|`([^`]*)`|([^\s"`]+))/y;
  let match: RegExpExecArray | null;
  let comment = "";
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
    if (match[1] !== undefined) {
      comment = match[1];
      break;
    }
    tokens.push(match[2] !== undefined ? unquote(match[2], path, line) : match[3] ?? match[4]);
  }
  if (comment === "" && pattern.lastIndex < text.trimEnd().length) {
    throw invalid(path, line, "unterminated quoted string");
  }
  return { tokens, comment };
}

/**
 * Whether a line's comment marks its requirement indirect, as Go's modfile reads it (isIndirect):
 * the words after `//` are `indirect` alone, or the first is `indirect;` (`// indirect; pinned`).
 * `// indirect // gomodjail:confined` is no such mark: Go takes the requirement as direct (and
 * `go mod tidy` writes `// indirect; indirect // …` to mark it).
 */
function isIndirect(comment: string): boolean {
  const words = comment.slice(2).trim().split(/\s+/);
  return words.length === 1 ? words[0] === "indirect" : words[0] === "indirect;";
}

function parseDirectives(text: string, path: string, verbs = VERBS): Directive[] {
  const directives: Directive[] = [];
  let block: { verb: string; line: number } | undefined;
  text.split("\n").forEach((raw, index) => {
    const line = index + 1;
    // Go's lexer takes `\r` (CRLF files) and trailing blanks as white space.
    const { tokens, comment } = tokenize(raw.trimEnd(), path, line);
    const indirect = isIndirect(comment);
    if (tokens.length === 0) return;
    if (block !== undefined) {
      if (tokens.length === 1 && tokens[0] === ")") block = undefined;
      else directives.push({ verb: block.verb, args: tokens, indirect, line });
      return;
    }
    const [verb, ...args] = tokens;
    if (!verbs.has(verb)) throw invalid(path, line, `unknown directive ${JSON.stringify(verb)}`);
    if (args.length === 1 && args[0] === "(") block = { verb, line };
    else directives.push({ verb, args, indirect, line });
  });
  if (block !== undefined) throw invalid(path, block.line, `${block.verb} block is never closed`);
  return directives;
}

function isLocalPath(target: string): boolean {
  return /^(\.\.?(\/|\\|$)|\/|[A-Za-z]:[\\/])/.test(target);
}

/** Compares two module versions by semver precedence (`v1.2.3`, `v0.0.0-2020…-abc`, `+incompatible`). */
function compareVersions(a: string, b: string): number {
  const parse = (v: string): SemVer => {
    const [core, pre = ""] = v.replace(/^v/, "").replace(/\+.*$/, "").split(/-(.*)/s);
    const [major = 0, minor = 0, patch = 0] = core.split(".").map(Number);
    return [major, minor, patch, pre === "" ? [] : pre.split(".")];
  };
  return compareSemver(parse(a), parse(b));
}

/**
 * Whether the `go` directive predates module graph pruning (Go 1.17): such a
 * go.mod lists only the modules it needs itself, not the whole build list;
 * no directive reads as go 1.16.
 */
function beforePruning(goVersion: string | undefined): boolean {
  const [major, minor] = (goVersion ?? "1.16").split(".").map(Number);
  return major === 1 && minor < 17;
}

/** Reads `go.sum`: the set of `module version` pairs that have a module-zip `h1:` hash. */
function zipSums(goSum: string, path: string): Set<string> {
  const sums = new Set<string>();
  goSum.split("\n").forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields.length === 1 && fields[0] === "") return;
    if (fields.length !== 3 || !/^h\d+:[A-Za-z0-9+/]+=*$/.test(fields[2])) {
      throw invalid(path, index + 1, "expected `<module> <version>[/go.mod] h1:<hash>`");
    }
    if (!fields[1].endsWith("/go.mod")) sums.add(`${fields[0]} ${fields[1]}`);
  });
  return sums;
}

/**
 * The required modules that provide only tools: for each `tool` package, the
 * required module whose path is the longest prefix of the package path (none
 * when the main module provides it), when its requirement says `// indirect`
 * (no package of the main module imports it). `unprovided`: the tool packages
 * that neither a required module, the main module nor a module of the
 * workspace provides: go.mod lacks their requirements (`go mod tidy` adds
 * them; until then Go cannot build them).
 */
function toolModules(
  directives: readonly Directive[],
  module: string | undefined,
  workspaceModules: ReadonlySet<string> = new Set(),
): { toolOnly: Set<string>; unprovided: string[] } {
  const required = new Map<string, boolean>();
  for (const { verb, args, indirect } of directives) {
    if (verb === "require") required.set(args[0], (required.get(args[0]) ?? true) && indirect);
  }
  const toolOnly = new Set<string>();
  const unprovided: string[] = [];
  for (const { verb, args } of directives) {
    if (verb !== "tool") continue;
    const tool = args[0];
    const within = (path: string): boolean => tool === path || tool.startsWith(`${path}/`);
    let provider = module !== undefined && within(module) ? module : undefined;
    for (const path of required.keys()) {
      if (within(path) && path.length > (provider?.length ?? 0)) provider = path;
    }
    if (provider !== undefined && required.get(provider)) toolOnly.add(provider);
    if (provider === undefined && ![...workspaceModules].some(within)) unprovided.push(tool);
  }
  return { toolOnly, unprovided };
}

/**
 * What a module (`path` or `path version`) is replaced by: a module and
 * version, or a local folder (no version) and whether that folder lies
 * outside the project (relative to the file that names it).
 */
type Replacements = Map<string, [string, string | undefined, boolean]>;

/**
 * A valid module version as Go's module.CanonicalVersion writes it: `v1.22` is `v1.22.0`, `v1`
 * is `v1.0.0`, and a build suffix other than `+incompatible` is dropped.
 */
function canonicalVersion(version: string): string {
  const plus = version.indexOf("+");
  const base = plus === -1 ? version : version.slice(0, plus);
  const build = plus === -1 ? "" : version.slice(plus);
  const numbers = base.split("-", 1)[0].split(".").length;
  return base + ".0".repeat(3 - numbers) + (build === "+incompatible" ? build : "");
}

/**
 * Refuses a version Go's modfile does not take (`must be of the form v1.2.3`), in a go.mod or a
 * go.work alike (modfile's parseVersion). A valid one that is not canonical (`v1.22`,
 * `v1.2.3+meta`) is refused in a go.mod: the go command looks it up as a query (modload's
 * fixVersion: `v1.22` is the newest v1.22.x release) and rewrites the file, which a build with
 * `-mod=readonly`, the default, refuses; no version of the module is known from the file. A
 * go.work is parsed without that fixer (modload's ReadWorkFile passes none to
 * modfile.ParseWork), so there modfile's parseVersion takes its canonical form (`v1.22.0`).
 *
 * @returns The version as Go takes it (`undefined` for none).
 */
function checkVersion(
  version: string | undefined,
  verb: string,
  args: string[],
  path: string,
  line: number,
  work = false,
): string | undefined {
  if (version === undefined || CANONICAL_VERSION.test(version)) return version;
  const shown = version.length > 64 ? `${version.slice(0, 64)}…` : version;
  if (!GO_VERSION.test(version)) {
    throw invalid(path, line, `${verb} ${args[0]}: invalid version ${JSON.stringify(shown)}`);
  }
  if (work) return canonicalVersion(version);
  throw invalid(
    path,
    line,
    `${verb} ${args[0]}: version ${JSON.stringify(shown)} is not canonical (v1.2.3): the go ` +
      "command looks up the release it names and rewrites the file, which a build with " +
      "-mod=readonly refuses",
  );
}

function addReplacement(
  into: Replacements,
  args: string[],
  path: string,
  line: number,
  work = false,
): void {
  const arrow = args.indexOf("=>");
  const from = args.slice(0, arrow);
  const to = args.slice(arrow + 1);
  if (arrow < 1 || from.length > 2 || to.length < 1 || to.length > 2) {
    throw invalid(path, line, "malformed replace directive");
  }
  // Go refuses an empty module path (module.CheckPath: "empty string"); a `""` token is the only way to
  // write it, and it names no module a purl could.
  if (to[0] === "") throw invalid(path, line, "replace directive with an empty replacement path");
  if (from.length === 2) from[1] = checkVersion(from[1], "replace", args, path, line, work)!;
  if (to.length === 2) to[1] = checkVersion(to[1], "replace", args, path, line, work)!;
  if (to.length === 1 && !isLocalPath(to[0])) {
    throw invalid(path, line, `replacement ${to[0]} needs a version`);
  }
  const outside = to.length === 1 && localPlace(path, to[0]).kind === "outside";
  into.set(from.join(" "), [to[0], to[1], outside]);
}

/** What a `go.work` file makes of the modules it uses (see {@linkcode goWorkspace}). */
export interface GoWorkspace {
  /** The folders of the modules it uses, relative to the project root (`""` for the root). */
  folders: string[];
  /** The module paths of those modules: built from the tree, never downloaded. */
  modules: Set<string>;
  /** The go.work file's path, relative to the project root. */
  path: string;
  /**
   * The used folders of the project (relative to its root) that have no
   * go.mod: Go refuses every command in the workspace (`cannot load module x
   * listed in go.work file`).
   */
  unloaded: string[];
  /** Its `replace` directives, which win over those of the modules' go.mod files. */
  replaced: Replacements;
  /**
   * Those of its `replace` directives (`X => ./x`) that replace a module a used go.mod requires
   * by a folder of the project without a go.mod: Go refuses to build it, as for a go.mod's.
   */
  missingFolders: string[];
  /**
   * The `replace` directives of the used modules' go.mod files: in workspace
   * mode those of every workspace module apply to the whole build (the
   * module's own win over another's; go.work's over both).
   */
  moduleReplaced: Replacements;
  /**
   * The highest version of each module that a used module's go.mod requires:
   * the workspace has one build list, computed by minimal version selection
   * over every workspace module, so no module is built at a lower version.
   */
  selected: Map<string, string>;
}

function joinFolder(base: string, relative: string): string {
  const parts = base === "" ? [] : base.split("/");
  for (const part of relative.replaceAll("\\", "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts.at(-1) !== "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/**
 * Reads a `go.work` file: the modules its `use` directives name (their
 * folders, and the module path each folder's go.mod declares), its `replace`
 * directives, and from the used go.mod files their replacements and the
 * highest version each requires of every module. In workspace mode Go builds
 * a required module that is one of these from its folder, applies go.work's
 * replacements over those of the modules' go.mod files, and builds every
 * module at one version for the whole workspace: minimal version selection
 * over all workspace modules, at least the highest any of them requires.
 *
 * @param text The go.work text.
 * @param options `path`: its path relative to the project root; `load` reads
 *   the used modules' go.mod files (a folder without one is left out).
 * @returns The workspace.
 * @throws {VouchError} `inventory.go_mod.invalid` for a malformed file.
 */
export function goWorkspace(
  text: string,
  options: { path: string; load: (path: string) => string | undefined },
): GoWorkspace {
  const { path, load } = options;
  const base = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  const workspace: GoWorkspace = {
    folders: [],
    modules: new Set(),
    path,
    unloaded: [],
    replaced: new Map(),
    missingFolders: [],
    moduleReplaced: new Map(),
    selected: new Map(),
  };
  /** Each module replacement's first place and where it leads (a module, or a folder of the tree). */
  const firstReplaced = new Map<string, { where: string; line: number; to: string }>();
  const conflicts: { key: string; where: string; line: number; to: string; other: string }[] = [];
  const directives = parseDirectives(text, path, WORK_VERBS);
  checkSingles(directives, path);
  for (const { verb, args, line } of directives) {
    if (verb === "replace") addReplacement(workspace.replaced, args, path, line, true);
    if (verb !== "use") continue;
    if (args.length !== 1) throw invalid(path, line, "malformed use directive");
    const folder = joinFolder(base, args[0]);
    workspace.folders.push(folder);
    const goModPath = folder === "" ? "go.mod" : `${folder}/go.mod`;
    const goMod = load(goModPath);
    if (goMod === undefined) {
      // A folder outside the project (`../lib`) is another checkout's: not the tree's to tell.
      if (!folder.startsWith("../") && folder !== ".." && !folder.startsWith("/")) {
        workspace.unloaded.push(folder);
      }
      continue;
    }
    for (const directive of parseDirectives(goMod, goModPath)) {
      const { verb, args, line } = directive;
      if (verb === "module" && args.length === 1) workspace.modules.add(args[0]);
      if (verb === "replace" && args.indexOf("=>") >= 1) {
        const own: Replacements = new Map();
        addReplacement(own, args, goModPath, line);
        for (const [key, value] of own) {
          const [target, version] = value;
          const to = version === undefined
            ? (target.startsWith("/") ? target : joinFolder(folder, target))
            : `${target}@${version}`;
          const first = firstReplaced.get(key);
          if (first === undefined) firstReplaced.set(key, { where: goModPath, line, to });
          else if (first.to !== to) {
            conflicts.push({
              key,
              where: goModPath,
              line,
              to,
              other: `${first.to} (${first.where})`,
            });
          }
          if (!workspace.moduleReplaced.has(key)) workspace.moduleReplaced.set(key, value);
        }
      }
      if (verb !== "require" || args.length !== 2 || !GO_VERSION.test(args[1])) continue;
      const seen = workspace.selected.get(args[0]);
      if (seen === undefined || compareVersions(args[1], seen) > 0) {
        workspace.selected.set(args[0], args[1]);
      }
    }
  }
  // Go refuses a workspace whose modules replace one module differently, unless go.work
  // replaces it (for that version or all versions) itself, when it looks the module up: not
  // for a workspace module, built from its folder and never replaced (etcd's api/go.mod
  // replaces itself by ./FORBIDDEN_DEPENDENCY, its client/v3/go.mod by ../../api), nor for a
  // module no workspace module requires (etcd's `go.etcd.io/etcd => ./FORBIDDEN_DEPENDENCY`
  // in each module, a guard against bad imports).
  for (const { key, where, line, to, other } of conflicts) {
    const module = key.split(" ")[0];
    if (workspace.modules.has(module) || !workspace.selected.has(module)) continue;
    if (workspace.replaced.has(key) || workspace.replaced.has(module)) continue;
    const at = key.replace(" ", "@");
    throw invalid(
      where,
      line,
      `conflicting replacements for ${at} in the workspace: ${to} and ${other}, which Go ` +
        `refuses; choose one with a replace in ${path}`,
    );
  }
  // A required module go.work replaces by a folder of the project, relative to go.work's: the
  // folder must contain a go.mod (go.dev/ref/mod, go.work's replace directive: "as in a go.mod
  // file"; modload's rawGoModData fails `reading ./x/go.mod`). Not a workspace module (built from
  // its folder, never replaced) nor one no used go.mod requires (never looked up).
  for (const [key, [target, version, outside]] of workspace.replaced) {
    const [module, at] = key.split(" ");
    const selected = workspace.selected.get(module);
    if (version !== undefined || outside || workspace.modules.has(module)) continue;
    if (selected === undefined || (at !== undefined && at !== selected)) continue;
    const folder = joinFolder(base, target);
    if (load(folder === "" ? "go.mod" : `${folder}/go.mod`) === undefined) {
      workspace.missingFolders.push(`${key} => ${target}`);
    }
  }
  return workspace;
}

/**
 * The modules the go.mod files of the tree declare, each with its first go.mod (in the order
 * given): what a module of the tree requiring one of them at a version (no `replace`) builds
 * with, downloaded, in place of the tree's code. A go.mod that does not parse is left out (its
 * own read refuses it).
 *
 * @param paths The go.mod files of the tree, root-relative.
 * @param load Reads a file of the project.
 * @returns Module path to go.mod path.
 */
export function treeModules(
  paths: readonly string[],
  load: (path: string) => string | undefined,
): Map<string, string> {
  const modules = new Map<string, string>();
  for (const file of paths) {
    const text = load(file);
    if (text === undefined) continue;
    let declared: string | undefined;
    try {
      declared = parseDirectives(text, file).find((d) => d.verb === "module")?.args[0];
    } catch (error) {
      if (!isVouchError(error)) throw error;
    }
    if (declared !== undefined && !modules.has(declared)) modules.set(declared, file);
  }
  return modules;
}

/**
 * The warning for required modules replaced by a folder of the project that has no go.mod (a
 * git submodule not checked out): Go refuses to build (the replacement folder "must contain a
 * go.mod file", go.dev/ref/mod; modload's rawGoModData fails `reading ./x/go.mod: no such
 * file`).
 */
function missingFolderWarning(path: string, missing: readonly string[]): string {
  return `${path} replaces ${missing.join(", ")}, a folder with no go.mod in the project ` +
    `(a git submodule not checked out?): Go refuses to build it, and the SBOM has ` +
    `${missing.length === 1 ? "it" : "them"} as first-party code without ` +
    `${missing.length === 1 ? "its" : "their"} requirements`;
}

/**
 * Reads a `go.mod`. Each `require` is a `pkg:golang` component with an edge
 * from the module (go.mod has no finer graph; `// indirect` ones are not
 * `direct`): the root for the go.mod at the root, else a member for the
 * module (a nested module, a workspace module), which the root depends on. A `replace` makes the replacement module the component — it is
 * what gets built; a replacement by a local directory of the project is
 * first-party code and becomes a member, one outside the project (`../lib`
 * from the root, an absolute path) another checkout's code: a component
 * without a version. `exclude`d versions are dropped; `retract` is ignored.
 * Within a `go.work` workspace (`workspace`, see {@linkcode goWorkspace}) a
 * required module the workspace uses is a member too; every workspace
 * module's replacements apply and go.work's win over them; and a required
 * module is at the version the workspace's build list selects: the highest
 * any workspace module's go.mod requires (Go's minimal version selection
 * over the workspace; the modules' own go.mod requirements, not in the tree,
 * are not followed, so this is the lowest version Go may select).
 * `go.sum`, when given, is syntax-checked and added to the `sources` of every
 * component it has a module `h1:` hash for; those dirhashes are not file
 * hashes, so they are never put in `hashes`. Before Go 1.17 (a `go` directive
 * below 1.17, or none) go.mod does not list the whole build list: every other
 * module go.sum has a module `h1:` hash for (its highest version) is an
 * indirect component too, but for one that go.mod requires, a `replace` or
 * the workspace stands in for (go.sum may keep its hash from before), and
 * none when go.mod requires nothing (its build list is the module alone); without
 * a go.sum a warning says the list is incomplete (only go.mod's requirements
 * are components).
 *
 * A `tool` directive (Go 1.24) names a package built as a tool (`go tool`,
 * `go generate`), not linked into the module's programs. The required module
 * that provides it (the longest required module path that is a prefix of the
 * package path; none when the main module provides it) is a direct `build`
 * component when its requirement says `// indirect`, which Go writes when no
 * package of the main module imports it; without `// indirect` the main
 * module's own code imports it too and it stays `runtime`. The modules a tool
 * needs in turn are `// indirect` requirements like those of the main
 * module's packages: go.mod has no graph to tell them apart (go.sum neither),
 * so they stay `runtime` (never too few runtime components).
 *
 * A requirement of the module's own path (a cycle: a module it requires requires it back) is
 * none: Go builds the main module from its folder, whatever version is required.
 *
 * A requirement of a module of the project at a version, no `replace` (a nested module requiring
 * the root module; `tools/go.mod` requiring `lib/go.mod`'s module; a module a go.mod in a folder
 * above or in `modules` declares) stays a component, with a warning: Go downloads that version,
 * the project's code at another commit, to build the module alone.
 *
 * A go.mod with directives but no `module` one is refused, as Go refuses it;
 * an empty one (a module boundary: it keeps its folder out of the module
 * above) lists nothing.
 *
 * A required module that this go.mod replaces by a folder of the project with
 * no go.mod in it (`load` does not find one: a git submodule not checked out)
 * is a warning: Go refuses to build it, and the member has no requirements.
 *
 * @param goMod The `go.mod` text.
 * @param options `path`: the go.mod path; `goSum`/`goSumPath`: the go.sum text and path;
 *   `load`: reads a file of the project (the go.mod of a replacement folder); `modules`: the
 *   modules the other go.mod files of the tree declare (see {@linkcode treeModules}).
 * @returns Members, components, edges and the module as project.
 */
export function readGoMod(
  goMod: string,
  options: {
    path: string;
    goSum?: string;
    goSumPath?: string;
    workspace?: GoWorkspace;
    load?: (path: string) => string | undefined;
    modules?: ReadonlyMap<string, string>;
  },
): ReaderResult {
  const { path } = options;
  const goSumPath = options.goSumPath ?? path.replace(/go\.mod$/, "go.sum");
  const sums = options.goSum === undefined ? new Set<string>() : zipSums(options.goSum, goSumPath);
  const directives = parseDirectives(goMod, path);
  const replaced: Replacements = new Map();
  const excluded = new Set<string>();
  let module: string | undefined;
  let goVersion: string | undefined;
  checkSingles(directives, path);
  for (const { verb, args, line } of directives) {
    if (ARITY[verb] !== undefined && ARITY[verb] !== args.length) {
      throw invalid(path, line, `malformed ${verb} directive`);
    }
    if (args[0] === "" && ["module", "require", "replace", "exclude", "tool"].includes(verb)) {
      throw invalid(path, line, `${verb} directive with an empty module path`);
    }
    if (verb === "require" || verb === "exclude") checkVersion(args[1], verb, args, path, line);
    if (verb === "module") module = args[0];
    if (verb === "go") goVersion = args[0];
    if (verb === "exclude") excluded.add(`${args[0]} ${args[1]}`);
    if (verb === "replace") addReplacement(replaced, args, path, line);
  }
  const listing = directives.find((d) => LISTING_VERBS.has(d.verb));
  if (module === undefined && listing !== undefined) {
    // Go refuses to build in it ("no module declaration in go.mod"). One that lists nothing (empty,
    // or a `go` line only) still keeps its folder out of the module above, a boundary Go honours
    // without reading it: it lists nothing and is read as such.
    throw invalid(
      path,
      listing.line,
      "no module declaration, which Go refuses (`go mod edit -module=<path>` adds it)",
    );
  }
  // This go.mod's own replacements: a local target is relative to its folder.
  const own = new Map(replaced);
  const ownFolder = (module: string, version: string): boolean => {
    const key = replaced.has(`${module} ${version}`) ? `${module} ${version}` : module;
    return own.get(key) !== undefined && own.get(key) === replaced.get(key);
  };
  const base = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "";
  /** Required modules replaced by a folder of the project that has no go.mod. */
  const missingFolders: string[] = [];
  const workspace = options.workspace;
  if (workspace !== undefined) {
    // Every workspace module's replacements apply to the one build (this module's own first).
    for (const [key, value] of workspace.moduleReplaced) {
      if (!replaced.has(key)) replaced.set(key, value);
    }
    // go.work's replacements win over the go.mod ones of the same module, whatever the version.
    const overridden = new Set([...workspace.replaced.keys()].map((key) => key.split(" ")[0]));
    for (const key of replaced.keys()) if (overridden.has(key.split(" ")[0])) replaced.delete(key);
    for (const [key, value] of workspace.replaced) replaced.set(key, value);
  }

  const out = new OutputBuilder();
  // A go.mod below the root is a module of its own (a nested module, a workspace module): a
  // member that its requirements hang from (the project itself when it is the one read).
  let self = ROOT_ID;
  if (module !== undefined && path.includes("/")) {
    const purl = golangPurl(module);
    self = out.member({ id: purl, name: module, purl });
    out.edge(ROOT_ID, self, "runtime");
  }
  const { toolOnly, unprovided } = toolModules(directives, module, workspace?.modules);
  /** A requirement's version (in a workspace, the one the whole build list selects, never lower) and what stands for it. */
  const resolved = (args: string[]): [string, string, string | undefined, boolean] => {
    const unified = workspace?.selected.get(args[0]);
    const required = unified !== undefined && compareVersions(unified, args[1]) > 0
      ? unified
      : args[1];
    const [target, version, outside] = replaced.get(`${args[0]} ${required}`) ??
      replaced.get(args[0]) ?? [args[0], required, false];
    return [required, target, version, outside];
  };
  // A required module replaced by a folder of the project is the module the folder's go.mod
  // declares, the member that go.mod is read as: Go takes a folder whose go.mod declares another
  // path (`X => ./dir`, dir/go.mod `module Y`; modload's goModSummary: for a local replacement
  // "Anything goes"). Required modules replaced by one folder (`X => ./dir`, `Y => ./dir`): Go
  // refuses the build (modload's checkMultiplePaths: "./dir@ used for two different module
  // paths (X and Y)"), a module version being one module path. The folder is one module of the
  // project, the one its go.mod declares (without a go.mod, the first).
  const byFolder = new Map<string, string[]>();
  for (const { verb, args } of directives) {
    if (verb !== "require" || excluded.has(`${args[0]} ${args[1]}`) || args[0] === module) continue;
    if (workspace?.modules.has(args[0])) continue;
    const [required, target, version, outside] = resolved(args);
    if (version !== undefined || outside) continue;
    // Relative to the file whose replacement is in effect: this go.mod or go.work (another
    // workspace module's go.mod is that module's to tell).
    const key = replaced.has(`${args[0]} ${required}`) ? `${args[0]} ${required}` : args[0];
    const folder = ownFolder(args[0], required)
      ? joinFolder(base, target)
      : workspace !== undefined && workspace.replaced.get(key) === replaced.get(key)
      ? joinFolder(joinFolder(workspace.path, ".."), target)
      : undefined;
    if (folder === undefined) continue;
    const paths = byFolder.get(folder) ?? [];
    if (!paths.includes(args[0])) byFolder.set(folder, [...paths, args[0]]);
  }
  const folderModule = new Map<string, string>();
  const shared: string[] = [];
  for (const [folder, paths] of byFolder) {
    const goModText = options.load?.(folder === "" ? "go.mod" : `${folder}/go.mod`);
    const declared = goModText === undefined
      ? undefined
      : parseDirectives(goModText, folder === "" ? "go.mod" : `${folder}/go.mod`)
        .find((d) => d.verb === "module")?.args[0];
    const chosen = declared ?? paths[0];
    for (const p of paths) folderModule.set(p, chosen);
    if (paths.length < 2) continue;
    shared.push(
      `${path} replaces ${paths.join(" and ")} by one folder, ${folder === "" ? "." : folder}, ` +
        `which Go refuses to build ("used for two different module paths"): the SBOM has ` +
        `it once, as ${chosen}`,
    );
  }
  // The modules of the go.mod files in the folders above (the project's root module, a nested
  // module holding this one), each with its go.mod, then those of the tree's other go.mod files.
  const above = new Map<string, string>();
  const folders = base === "" ? [] : base.split("/");
  for (let n = folders.length - 1; n >= 0 && options.load !== undefined; n--) {
    const file = [...folders.slice(0, n), "go.mod"].join("/");
    const text = options.load(file);
    const declared = text === undefined
      ? undefined
      : parseDirectives(text, file).find((d) => d.verb === "module")?.args[0];
    if (declared !== undefined && !above.has(declared)) above.set(declared, file);
  }
  for (const [declared, file] of options.modules ?? []) {
    if (file !== path && !above.has(declared)) above.set(declared, file);
  }
  /** Requirements of a module of the project (a go.mod of the tree) at a version: `module@version (file)`. */
  const ownAtVersion: string[] = [];
  /** The modules go.mod requires (after replacements). */
  const listed = new Set<string>();
  for (const { verb, args, indirect } of directives) {
    if (verb !== "require" || excluded.has(`${args[0]} ${args[1]}`)) continue;
    // A requirement of the module itself (a cycle through a module that requires it back;
    // cweill/gotests#117 dropped one) is none: Go builds the main module from its folder, its empty version
    // winning over every other (modload's cmpVersion), and `go mod tidy` drops it.
    if (args[0] === module) continue;
    const [required, target, version, outside] = resolved(args);
    if (options.workspace?.modules.has(args[0]) || (version === undefined && !outside)) {
      const name = folderModule.get(args[0]) ?? args[0];
      const purl = golangPurl(name);
      out.edge(self, out.member({ id: purl, name, purl }), "runtime");
      const folder = joinFolder(base, target);
      if (
        version === undefined && options.load !== undefined && ownFolder(args[0], required) &&
        !workspace?.modules.has(args[0]) &&
        options.load(folder === "" ? "go.mod" : `${folder}/go.mod`) === undefined
      ) missingFolders.push(`${args[0]} => ${target}`);
      continue;
    }
    if (version === undefined) {
      // A folder outside the project: another checkout's code, a component without a version.
      const id = out.component({
        purl: golangPurl(args[0]),
        ecosystem: "golang",
        name: args[0],
        direct: !indirect,
        scopes: ["runtime"],
        sources: [path],
      });
      out.edge(self, id, "runtime");
      listed.add(args[0]);
      continue;
    }
    const owner = target === args[0] ? above.get(target) : undefined;
    if (owner !== undefined) ownAtVersion.push(`${target}@${version} (${owner})`);
    const tool = toolOnly.has(args[0]);
    const scope = tool ? "build" : "runtime";
    const id = out.component({
      purl: golangPurl(target, version),
      ecosystem: "golang",
      name: target,
      version,
      direct: tool || !indirect,
      scopes: [scope],
      sources: sums.has(`${target} ${version}`) ? [path, goSumPath] : [path],
    });
    out.edge(self, id, scope);
    listed.add(target);
  }
  const required = new Set(
    directives.filter((d) => d.verb === "require" && d.args[0] !== module).map((d) => d.args[0]),
  );
  // A module that requires nothing builds with nothing (the build list grows from go.mod's
  // requirements): what its go.sum lists is stale (`go mod tidy` drops it), not its modules.
  if (beforePruning(goVersion) && required.size > 0) {
    // The build list's other modules: those go.sum has the source of (highest version each).
    // Not a module go.mod requires or that a replace or the workspace stands in for (a local
    // folder, another module): go.sum may still hash its download from before the replace.
    const highest = new Map<string, string>();
    for (const pair of sums) {
      const [target, version] = pair.split(" ");
      const seen = highest.get(target);
      if (seen === undefined || compareVersions(version, seen) > 0) highest.set(target, version);
    }
    for (const [target, version] of highest) {
      if (
        listed.has(target) || required.has(target) || target === module ||
        workspace?.modules.has(target) || replaced.has(target) ||
        replaced.has(`${target} ${version}`) || excluded.has(`${target} ${version}`)
      ) continue;
      const id = out.component({
        purl: golangPurl(target, version),
        ecosystem: "golang",
        name: target,
        version,
        direct: false,
        sources: [goSumPath],
      });
      out.edge(self, id, "runtime");
    }
  }
  const output: ReaderResult = out.build({ directFromEdges: false });
  const warnings: string[] = [];
  if (unprovided.length > 0) {
    // A tool whose module go.mod does not require: Go cannot build it, the SBOM cannot list it.
    warnings.push(
      `${path} names tool${unprovided.length === 1 ? "" : "s"} ${
        unprovided.join(", ")
      } that no module it requires provides: its requirements are incomplete and the SBOM ` +
        `has no component for ${unprovided.length === 1 ? "it" : "them"} (run \`go mod tidy\`, ` +
        `which adds the modules, and commit ${path})`,
    );
  }
  // What the workspace leaves open is said once, by the go.mod of the first folder it loads from
  // the tree (one outside it, `use ../other`, is another checkout's: vouch reads no go.mod there).
  const first = workspace?.folders.find((f) => !workspace.unloaded.includes(f) && !isOutside(f));
  const told = first === base ? workspace : undefined;
  if (told !== undefined && told.unloaded.length > 0) {
    // modload's loadModFile: "go: cannot load module ./x listed in go.work file: open
    // x/go.mod: no such file or directory", for every command in workspace mode.
    const folders = told.unloaded.map((f) => f === "" ? "." : f).join(", ");
    warnings.push(
      `${told.path} uses ${folders}, with no go.mod in the project: Go refuses every ` +
        `command in the workspace ("cannot load module ... listed in go.work file"); the SBOM ` +
        `has the workspace's other modules`,
    );
  }
  if (told !== undefined && told.missingFolders.length > 0) {
    warnings.push(missingFolderWarning(told.path, told.missingFolders));
  }
  if (missingFolders.length > 0) warnings.push(missingFolderWarning(path, missingFolders));
  warnings.push(...shared);
  if (ownAtVersion.length > 0) {
    // Without a replace or a go.work the build of this module (on its own, as `cd sub && go
    // build` does) downloads that version from the module proxy (modload's goModSummary looks a
    // required module up by path and version only): the project's code at another commit, not
    // the checkout's, which the SBOM lists as such.
    const one = ownAtVersion.length === 1;
    warnings.push(
      `${path} requires ${ownAtVersion.join(", ")}, the project's own ` +
        `${one ? "module at a version" : "modules at versions"}: Go builds ${module ?? path} ` +
        `with ${one ? "that version" : "those versions"} downloaded, the project's code at ` +
        `another commit, not this checkout's, and the SBOM lists ` +
        `${one ? "it as a component" : "them as components"} (a \`replace\` by the folder, or ` +
        `a go.work using it, builds ${one ? "it" : "them"} from the tree)`,
    );
  }
  if (beforePruning(goVersion) && options.goSum === undefined && listed.size > 0) {
    // Before Go 1.17 go.mod lists only part of the build list; go.sum would give the rest.
    const said = goVersion === undefined
      ? "has no go directive (read as before Go 1.17)"
      : `says go ${goVersion} (before Go 1.17)`;
    const count = `${listed.size} module${listed.size === 1 ? "" : "s"}`;
    warnings.push(
      `${path} ${said}: its requirements are only part of the modules the build uses, and ` +
        `there is no ${goSumPath} to complete them; the SBOM has only the ${count} it requires ` +
        `(commit go.sum: \`go mod tidy\` writes it)`,
    );
  }
  if (warnings.length > 0) output.warnings = warnings;
  return module === undefined
    ? output
    : { ...output, project: { name: module, purl: golangPurl(module) } };
}
