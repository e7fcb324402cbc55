/**
 * Reader for `package.json`: the project (root) or member (nested) it
 * describes and its declared dependencies. A JavaScript lockfile in its folder
 * or above resolves it (see `_fold.ts`: the lock says what is installed);
 * without one its declarations are the components, with their ranges,
 * "declared, not resolved".
 *
 * @module
 */

import { npmGitVcsUrl } from "../_vcs.ts";
import { OutputBuilder } from "../_builder.ts";
import type { Load, ReaderContext, ReaderResult } from "../_reader.ts";
import { jsrPurl } from "../purl.ts";
import { type Member, ROOT_ID, type Scope } from "../types.ts";
import { isRecord } from "../../_util.ts";
import { posix } from "../../_path.ts";
import { skippedFolder } from "../_skipped.ts";
import { isOutside } from "../_paths.ts";
import { parseYamlDocuments } from "../_formats/yaml.ts";
import { yarnRc, yarnRcPlain } from "./_yarnrc.ts";
import { at, invalid, nthLine } from "../_errors.ts";
import {
  BARE_PATH,
  catalogRange,
  type Catalogs,
  catalogsOf,
  declaredDependencies,
  folderMember,
  folderOf,
  isYarnClassicLock,
  joinPath,
  loadPackageJson,
  manifestProjectFields,
  npmComponent,
  originQualifiers,
  type PackageJson,
  registryTarballName,
  TARBALL,
  tarballVersion,
  undeclarableWarnings,
  withoutExcludedMembers,
  workspaceFolders,
  yarnCatalogs,
  yarnPatchedRange,
} from "./_npm.ts";
import { compareSemver, type SemVer } from "../_semver.ts";

/** A JSR package name: `@scope/name`. */
const JSR_NAME = /^@[a-z0-9-]+\/[a-z0-9-]+$/;

/** The `memo` key of the root package.json's workspaces by name. */
const WORKSPACES = "package_json:workspaces";
/** The `memo` key of the tree's overrides (see `treeOverrides`). */
const OVERRIDES = "package_json:overrides";
/** The `memo` key of whether the scan skips a member's folder, by folder (`readUnscanned`). */
const SKIPPED = "package_json:skipped";
/** The `memo` key of the package.json files of members' folders and their members, by folder. */
const FOLDERS = "package_json:folders";
/** The `memo` key of whether `--exclude` skips a member's folder, by folder (`excludedFolder`). */
const EXCLUDED = "package_json:excluded";

/** A folder's package.json (`undefined`: none) and the member it names. */
interface FolderManifest {
  manifest: PackageJson | undefined;
  member: Member | undefined;
}

const EXACT = /^=?v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const GIT = /^(?:git\+|git:|github:|gitlab:|bitbucket:|ssh:)|^[\w.-]+\/[\w.-]+(?:#.*)?$/;
/**
 * A git remote written scp-style, `git@github.com:user/repo.git[#ref]`: hosted-git-info (which
 * npm-package-arg and pnpm ask first) reads it on GitHub, GitLab and Bitbucket as their
 * `github:user/repo`; on another host Bun (1.4.5) and Yarn Berry clone it, and npm-package-arg's
 * `isGit` (a user, `@`, a host with a dot, `:`) makes `npm install git@host:path` a `git+ssh://`
 * one (in a package.json npm takes it for a folder, which it does not find). No scheme before
 * the `@`, so `patch:`/`npm:` ranges are none.
 */
const SCP_GIT = /^[^@:/#]+@[^:/#.]+\.[^:/#]+:(?!\/\/)[^#]+(?:#.*)?$/s;

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const PARTIAL =
  /^v?(\d+|[xX*])(?:\.(\d+|[xX*])(?:\.(\d+|[xX*])(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?)?)?$/;

/**
 * One comparator set of an npm range (`>=1.2.0 <2.0.0-0`, `^1.2`, `1.x`,
 * `1.0.0 - 2`) as `[operator, version]` bounds, or undefined when it is not a
 * semver range (a dist-tag, a URL).
 */
function comparators(set: string): [string, SemVer][] | undefined {
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(set);
  const parts = hyphen
    ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`]
    : set.replace(/(<=|>=|<|>|=|~>?|\^)\s+/g, "$1").split(/\s+/).filter(Boolean);
  const out: [string, SemVer][] = [];
  for (const part of parts.length === 0 ? ["*"] : parts) {
    const m = /^(<=|>=|<|>|=|~>?|\^)?\s*(.*)$/.exec(part)!;
    const op = m[1] ?? "";
    const v = PARTIAL.exec(m[2]);
    if (v === null) return undefined;
    const num = (s: string | undefined) =>
      s === undefined || /^[xX*]$/.test(s) ? undefined : Number(s);
    const [major, minor, patch] = [num(v[1]), num(v[2]), num(v[3])];
    const pre = v[4] === undefined ? [] : v[4].split(".");
    const low: SemVer = [major ?? 0, minor ?? 0, patch ?? 0, pre];
    /** The first version past the partial one at `level` (0 major, 1 minor, 2 patch). */
    const next = (level: number, tail = ["0"]): SemVer =>
      level === 0
        ? [low[0] + 1, 0, 0, tail]
        : level === 1
        ? [low[0], low[1] + 1, 0, tail]
        : [low[0], low[1], low[2] + 1, tail];
    const given = major === undefined ? 0 : minor === undefined ? 1 : patch === undefined ? 2 : 3;
    if (given === 0) {
      if (op === "<" || op === ">") out.push(["<", [0, 0, 0, ["0"]]]);
      continue; // *, x: any version
    }
    if (op === "^") {
      const level = low[0] !== 0 || given === 1 ? 0 : low[1] !== 0 || given === 2 ? 1 : 2;
      out.push([">=", low], ["<", next(level)]);
    } else if (op.startsWith("~")) out.push([">=", low], ["<", next(given === 1 ? 0 : 1)]);
    else if (given === 3) out.push([op === "" ? "=" : op, low]);
    else if (op === "" || op === "=") out.push([">=", low], ["<", next(given - 1)]);
    else if (op === ">") out.push([">=", next(given - 1, [])]);
    else if (op === "<=") out.push(["<", next(given - 1)]);
    else out.push([op, low]);
  }
  return out;
}

/**
 * Whether `version` satisfies the npm range `range` (node-semver's rules:
 * `||` sets, hyphen ranges, `^`, `~`, x-ranges; a prerelease only where a
 * comparator of its set has the same major.minor.patch and a prerelease, unless
 * `includePrerelease`, node-semver's option of that name).
 * Not a semver range (a dist-tag, a URL, a protocol): false.
 */
function satisfies(version: string, range: string, includePrerelease = false): boolean {
  const m = SEMVER.exec(version);
  if (m === null) return false;
  const v: SemVer = [Number(m[1]), Number(m[2]), Number(m[3]), m[4]?.split(".") ?? []];
  return range.trim().split("||").some((set) => {
    const bounds = comparators(set.trim());
    if (bounds === undefined) return false;
    const ok = bounds.every(([op, b]) => {
      const c = compareSemver(v, b);
      return op === "="
        ? c === 0
        : op === ">="
        ? c >= 0
        : op === ">"
        ? c > 0
        : op === "<"
        ? c < 0
        : c <= 0;
    });
    return ok &&
      (includePrerelease || v[3].length === 0 ||
        bounds.some(([op, b]) =>
          op !== "<" && b[3].length > 0 && b[0] === v[0] && b[1] === v[1] && b[2] === v[2]
        ));
  });
}

/**
 * Whether a locked version is one an npm range admits (see {@linkcode satisfies}):
 * `undefined` when the range is no semver range (a dist-tag such as `latest`,
 * a URL, a git or `workspace:` range), of which the version cannot be told.
 *
 * @param version The locked version.
 * @param range The declared range; `undefined` for none (any version).
 * @returns Whether it admits the version, or `undefined`.
 */
export function npmRangeSatisfied(version: string, range: string | undefined): boolean | undefined {
  if (range === undefined || satisfies(version, range)) return true;
  const semverRange = range.trim().split("||").every((set) =>
    comparators(set.trim()) !== undefined
  );
  return semverRange && SEMVER.test(version) ? false : undefined;
}

/**
 * Whether a version satisfies a range as Yarn (Berry) tests it, a `packageExtensions` key's
 * (semverUtils.satisfiesWithPrereleases): node-semver's test with prereleases included, else
 * the same with the prerelease tags of the version and of the range's comparators dropped, so
 * `1.0.0-rc.1` satisfies `*` and `^1.0.0`, which npm's rules refuse it.
 *
 * @param version The locked version.
 * @param range The range.
 * @returns Whether Yarn takes the version as the range's.
 */
export function yarnRangeSatisfied(version: string, range: string): boolean {
  const tag = /(\d+\.\d+\.\d+)-[0-9A-Za-z.-]+/g;
  return satisfies(version, range, true) ||
    satisfies(version.replace(tag, "$1"), range.replace(tag, "$1"), true);
}

/** A bound of a comparator set: the version and whether it is included. */
type Bound = { v: SemVer; included: boolean } | undefined;

/** The interval a comparator set admits (`undefined` bounds: unbounded). */
function interval(bounds: [string, SemVer][]): { low: Bound; high: Bound } {
  let low: Bound;
  let high: Bound;
  for (const [op, v] of bounds) {
    if (op !== "<" && op !== "<=") {
      const c = low === undefined ? 1 : compareSemver(v, low.v);
      if (c > 0 || c === 0 && op === ">") low = { v, included: op !== ">" };
    }
    if (op !== ">" && op !== ">=") {
      const c = high === undefined ? -1 : compareSemver(v, high.v);
      if (c < 0 || c === 0 && op === "<") high = { v, included: op !== "<" };
    }
  }
  return { low, high };
}

/**
 * Whether the npm ranges `a` and `b` admit a common version (node-semver's `intersects`,
 * prereleases aside), as pnpm tests an override's `name@<range>` selector against a declared
 * range; a range that is no semver range (`catalog:`, a URL) only when the two are the same text.
 */
function rangesIntersect(a: string, b: string): boolean {
  if (a.trim() === b.trim()) return true;
  const sets = (r: string) => r.trim().split("||").map((set) => comparators(set.trim()));
  const [as, bs] = [sets(a), sets(b)];
  if (as.includes(undefined) || bs.includes(undefined)) return false;
  return as.some((x) =>
    bs.some((y) => {
      const { low, high } = interval([...x!, ...y!]);
      if (low === undefined || high === undefined) return true;
      const c = compareSemver(low.v, high.v);
      return c < 0 || c === 0 && low.included && high.included;
    })
  );
}

/** A pnpm override: its key, split and parsed as pnpm parses it, its value, and how a warning names it. */
interface Override {
  key: string;
  value: string;
  /** How a warning names it: `the pnpm override <key>`, `the resolution <key>`. */
  shown: string;
  /** The selectors of the key, outermost first (see {@linkcode selectorParts}). */
  parts: string[];
  /** The last selector: the name and range of the package it rewrites. */
  child: RegExpExecArray;
}

/** The pnpm overrides of a tree, by the name of the package each rewrites. */
interface Overrides {
  byName: Map<string, Override[]>;
  /** The root package.json's ranges by name, for a `$<dep>` value (as pnpm reads them). */
  rootRanges: Map<string, string>;
}

/**
 * The overrides of a tree, as pnpm applies them: `overrides` of pnpm-workspace.yaml (pnpm 10's
 * place), then the root package.json's `pnpm.overrides`, then its Yarn `resolutions` (pnpm merges
 * them into its overrides, `pnpm.overrides` winning; Yarn Berry and Bun apply them too), each for
 * the keys the ones before lack, each key parsed once. A tree that Yarn classic or npm locks takes
 * no `resolutions` (Yarn classic resolves a project's own declarations without them, npm does not
 * read the field).
 */
function treeOverrides(load: Load, root: PackageJson | undefined): Overrides {
  const doc = treeYaml(load, "pnpm-workspace.yaml");
  const pnpm = root?.json.pnpm;
  const seen = new Set<string>();
  const byName = new Map<string, Override[]>();
  const add = (source: unknown, toKey: (key: string) => string | undefined, what: string) => {
    for (const [shown, value] of Object.entries(isRecord(source) ? source : {})) {
      const key = toKey(shown);
      if (typeof value !== "string" || key === undefined || seen.has(key)) continue;
      seen.add(key);
      const parts = selectorParts(key);
      const child = OVERRIDE_SPEC.exec(parts.at(-1)!);
      if (child === null) continue; // a key pnpm cannot parse rewrites nothing
      const list = byName.get(child[1]) ?? [];
      if (list.length === 0) byName.set(child[1], list);
      list.push({ key, value, shown: `${what} ${shown}`, parts, child });
    }
  };
  add(isRecord(doc) ? doc.overrides : undefined, (key) => key, "the pnpm override");
  add(isRecord(pnpm) ? pnpm.overrides : undefined, (key) => key, "the pnpm override");
  if (!yarnClassicOrNpmLocked(load)) add(root?.json.resolutions, resolutionKey, "the resolution");
  // pnpm's `$<dep>` reads optionalDependencies over dependencies over devDependencies.
  const rootRanges = new Map<string, string>();
  for (const field of ["devDependencies", "dependencies", "optionalDependencies"]) {
    const declared = root?.json[field];
    for (const [dep, range] of Object.entries(isRecord(declared) ? declared : {})) {
      if (typeof range === "string" && range !== "") rootRanges.set(dep, range);
    }
  }
  return { byName, rootRanges };
}

/** Whether the tree's root lock is Yarn classic's or npm's, which install without `resolutions`. */
function yarnClassicOrNpmLocked(load: Load): boolean {
  if (load("package-lock.json") !== undefined || load("npm-shrinkwrap.json") !== undefined) {
    return true;
  }
  return isYarnClassicLock(load("yarn.lock") ?? "");
}

/** One package of a Yarn `resolutions` path (`**`, a name, scoped or not, with a range after `@`). */
const RESOLUTION_PART = String.raw`(?:@[^/@]+/[^/@]+|[^/@]+)(?:@[^/]*)?`;
const RESOLUTION_KEY = new RegExp(`^${RESOLUTION_PART}(?:/${RESOLUTION_PART})*$`);

/**
 * A Yarn `resolutions` key as a pnpm selector: `parent/name` is `parent>name`, `**` (any depth,
 * none included) drops out, and `name@npm:<range>` (Yarn Berry's descriptor) is `name@<range>`;
 * `undefined` for a key that is no such path.
 */
function resolutionKey(key: string): string | undefined {
  if (!RESOLUTION_KEY.test(key)) return undefined;
  const parts = key.match(new RegExp(RESOLUTION_PART, "g"))!.filter((part) => part !== "**");
  if (parts.length === 0) return undefined;
  return parts.map((part) => part.replace(/^((?:@[^/@]+\/)?[^/@]+)@npm:/, "$1@")).join(">");
}

/** A `name` or `name@<range>` of an override's key: the name and the range (`>=2` has a `>`). */
const OVERRIDE_SPEC = /^((?:@[^/@>]+\/)?[^/@>]+)(?:@(.*))?$/s;

/**
 * Where pnpm's parseOverrides splits a key into parent and child: a `>` after a character other
 * than a space, `|` or `@` (not the `>` of a range: `foo@>2`, `foo@1 || >=2`).
 */
const PARENT_DELIMITER = /[^ |@]>/;

/** The selectors of an override's key, outermost first, split where pnpm splits them. */
function selectorParts(key: string): string[] {
  const parts: string[] = [];
  let rest = key;
  for (let at = rest.search(PARENT_DELIMITER); at !== -1; at = rest.search(PARENT_DELIMITER)) {
    parts.push(rest.slice(0, at + 1));
    rest = rest.slice(at + 2);
  }
  parts.push(rest);
  return parts;
}

/**
 * The range pnpm installs for a declaration its overrides rewrite, by pnpm's rules: a `name` key
 * rewrites every declaration of `name`, a `name@<range>` key those whose range meets it, a
 * `parent>name` key (`qar@1>zoo`) those of the package `parent` (at a version `<range>` admits);
 * of several, one naming the parent wins, then one with a range. The value `-` removes the
 * dependency, `$<dep>` is the root package.json's range of `<dep>`, a relative `link:`/`file:`
 * path is from the root (as a range of the declaring `folder`). Returns the new range, `null`
 * for a removed one, `undefined` for none; a warning for an override vouch does not apply (a
 * deeper selector `a>parent>name`, a `$<dep>` the root does not declare).
 */
function overridden(
  overrides: Overrides,
  owner: PackageJson,
  name: string,
  range: string,
  folder: string,
): { range?: string | null; warning?: string } {
  let best: (Override & { rank: number }) | undefined;
  for (const override of overrides.byName.get(name) ?? []) {
    const { parts, child, shown } = override;
    const parent = parts.length > 1 ? OVERRIDE_SPEC.exec(parts.at(-2)!) : undefined;
    // Another package's, or no package's (a parent pnpm cannot parse matches no manifest).
    if (parent === null || parent !== undefined && parent[1] !== owner.name) continue;
    // `a>app>name`: only where `a` depends on this package, which vouch does not follow.
    if (parts.length > 2) {
      return { warning: `${shown}: ${override.value}, a selector vouch does not apply` };
    }
    if (child[2] !== undefined && !rangesIntersect(range, child[2])) continue;
    if (parent?.[2] !== undefined && !satisfies(owner.version ?? "", parent[2])) continue;
    const rank = (parent === undefined ? 0 : 2) + (child[2] === undefined ? 0 : 1);
    if (best === undefined || rank > best.rank) best = { ...override, rank };
  }
  if (best === undefined) return {};
  const { shown, value } = best;
  if (value === "-") return { range: null };
  const local = /^(link:|file:)(?!\/)(.*)$/.exec(value);
  if (local) {
    return { range: local[1] + (posix.relative(folder || ".", joinPath(local[2])) || ".") };
  }
  if (!value.startsWith("$")) return { range: value };
  const ref = overrides.rootRanges.get(value.slice(1));
  return ref === undefined
    ? {
      warning: `${shown}: ${value}, which the root package.json does not declare`,
    }
    : { range: ref };
}

/**
 * The workspace globs of a tree: the root package.json's `workspaces`, else
 * pnpm-workspace.yaml's `packages` (as a package.json `workspaces` field).
 */
function pnpmWorkspace(load: Load, root: PackageJson | undefined): PackageJson | undefined {
  if (root?.json.workspaces !== undefined) return root;
  const path = "pnpm-workspace.yaml";
  const doc = treeYaml(load, path);
  if (doc === undefined) return root;
  const packages = isRecord(doc) && Array.isArray(doc.packages) ? doc.packages : [];
  return { path, json: { workspaces: packages } };
}

/**
 * The catalogs of a tree: pnpm-workspace.yaml's, the root package.json's
 * (Bun: at its top or in `workspaces`), .yarnrc.yml's (Yarn 4.10+, read as Yarn reads it: see
 * `yarnCatalogs`; the settings merged as Yarn merges them, `onConflict` a directive and no
 * package: see `yarnRc`, as for yarn.lock); the first to name a catalog gives it.
 */
function treeCatalogs(load: Load, root: PackageJson | undefined): Catalogs {
  const catalogs = catalogsOf([
    treeYaml(load, "pnpm-workspace.yaml"),
    root?.json,
    root?.json.workspaces,
  ]);
  const rc = yarnRcPlain(yarnRc(load, "", "inventory.package_json.invalid"));
  for (const [name, catalog] of yarnCatalogs(rc)) {
    if (!catalogs.has(name)) catalogs.set(name, catalog);
  }
  return catalogs;
}

/**
 * The warnings for names that `devDependencies` and `dependencies` or `optionalDependencies`
 * both declare. The tools disagree on them: npm loads `devDependencies` last and lets each new
 * edge replace the one before (arborist's Node `#loadDeps`/`#loadDepType`), so at the project's
 * root it has them dev (`npm install --omit=dev` leaves them out), while pnpm, Yarn, Bun and
 * every consumer of the published package install them for production. Such a name stays in
 * both scopes, at its `dependencies` range: an SBOM does not drop what may ship.
 *
 * @param declared What {@linkcode declaredDependencies} gives.
 * @param path The package.json's path.
 * @returns One warning a name declared in both.
 */
function declaredTwiceWarnings(
  declared: [string, string, Scope, boolean][],
  path: string,
): string[] {
  const warnings: string[] = [];
  // Indexed, no iterator per tuple (the binary runs code cold); most declare no name twice.
  let dev: Map<string, string> | undefined;
  for (let i = 0; i < declared.length; i++) {
    const d = declared[i];
    if (d[2] === "dev" && !d[3]) (dev ??= new Map()).set(d[0], d[1]);
  }
  if (dev === undefined) return warnings;
  for (let i = 0; i < declared.length; i++) {
    const { 0: name, 1: range, 2: scope, 3: peer } = declared[i];
    if (peer || scope === "dev" || !dev.has(name)) continue;
    const field = scope === "optional" ? "optionalDependencies" : "dependencies";
    warnings.push(
      `${path}: ${name} is in both ${field} (${range}) and devDependencies (${dev.get(name)}): ` +
        "npm installs it at the project's root as a dev dependency (`npm install --omit=dev` " +
        "leaves it out), pnpm, Yarn, Bun and the package's consumers as a production one: it is " +
        `listed as both, at the ${field} range; declare it in one field only`,
    );
  }
  return warnings;
}

/** A YAML file of the tree (its last document), `undefined` when there is none. */
function treeYaml(load: Load, path: string): unknown {
  const text = load(path);
  return text === undefined
    ? undefined
    : parseYamlDocuments(text, path, "inventory.package_json.invalid").at(-1);
}

/**
 * Reads a package.json: every declared dependency (`dependencies`, `devDependencies`,
 * `optionalDependencies`, `peerDependencies`) is a component without a version: the declared range
 * is its `specifier` (an exact `1.2.3` pin is its version, a `jsr:` one's too; a name that
 * `devDependencies` also declares is both, with a warning), once the tree's pnpm
 * overrides and Yarn resolutions have rewritten it (see {@linkcode overridden}); `npm:` aliases
 * name the real package, `jsr:` ones a JSR package, git and URL ranges carry `vcs_url` /
 * `download_url` (a hosted git archive, GitHub's codeload one, is its git source: `vcs_url`);
 * Yarn's `patch:` range is the patched package's own range (`patch:lodash@npm%3A4.17.21#…` is
 * lodash 4.17.21) with its patch files;
 * `workspace:`, `link:`, `file:` and `portal:` folders are first-party members (a `link:` that
 * names no folder of the tree, Bun's `link:<name>` of a package `bun link` registered, is a
 * warning; a `workspace:` one, `workspace:<name>@<range>` naming member `<name>`
 * (`workspace:../<folder>` the member in that folder), located through the root's `workspaces`, or
 * pnpm-workspace.yaml's `packages` when the root has none; one naming no member, which pnpm, Yarn
 * and Bun refuse to install, is a warning and the package as declared; the root package itself, named by `workspace:` or reached by `link:..`, is
 * the project). The package.json describes its project; a nested one is also a member, which the
 * root depends on. When a JavaScript lockfile resolves it, the inventory takes the lock's word
 * instead (see `_fold.ts`).
 *
 * @example
 * ```ts
 * import { readPackageJson } from "./package_json.ts";
 * const text = JSON.stringify({ name: "app", dependencies: { ms: "^2.1.3" } });
 * const out = readPackageJson(text, { path: "package.json", load: () => undefined });
 * out.components[0].specifier; // "^2.1.3"
 * ```
 *
 * @param text The file's text.
 * @param options `path`: its path relative to the project root; `load`: reads
 *   other package.json files; `list`: lists folders (to find workspaces).
 * @returns The declared components, the project and (when nested) its member.
 * @throws {VouchError} `inventory.package_json.invalid` for malformed JSON.
 */
export function readPackageJson(
  text: string,
  options: Pick<ReaderContext, "load" | "list" | "memo" | "excluded"> & { path: string },
): ReaderResult {
  return readManifest(text, options, new Set([options.path]));
}

/**
 * {@linkcode readPackageJson}, `seen` holding the package.json files of folders the scan never
 * enters that this reading has read already (a `file:` member under `vendor/` declaring another).
 */
function readManifest(
  text: string,
  options: Pick<ReaderContext, "load" | "list" | "memo" | "excluded"> & { path: string },
  seen: Set<string>,
): ReaderResult {
  const { path, load, list } = options;
  const manifest = loadPackageJson((p) => (p === path ? text : load(p)), path)!;
  const folder = folderOf(path);
  const project = manifestProjectFields(manifest);
  const out = new OutputBuilder();
  const from = folder === "" ? ROOT_ID : out.member(folderMember(folder, manifest));
  if (from !== ROOT_ID) out.edge(ROOT_ID, from, "runtime");
  const declared = declaredDependencies(manifest);
  const warnings = declaredTwiceWarnings(declared, path);
  /** The root package.json (this one at the root). */
  const rootManifest = folder === "" ? manifest : loadPackageJson(load, "package.json");
  /** The root's workspaces by name (found with `list`), made once per tree. */
  let found: Map<string, string> | undefined;
  const workspaces = (): Map<string, string> => {
    const known = found ?? options.memo?.get(WORKSPACES) as Map<string, string> | undefined;
    if (known !== undefined) return found = known;
    const byName = new Map<string, string>();
    const root = pnpmWorkspace(load, rootManifest);
    for (const f of root === undefined ? [] : workspaceFolders(root, "", list, () => true)) {
      const named = loadPackageJson(load, joinPath(f, "package.json"))?.name;
      if (named !== undefined && !byName.has(named)) byName.set(named, f);
    }
    options.memo?.set(WORKSPACES, byName);
    return found = byName;
  };
  const workspaceFolder = (name: string): string | undefined => workspaces().get(name);
  /**
   * The package.json of a member's folder and the member it names, made once per tree: every
   * package.json linking to the member asks (jest's 71 ask 290 times; the member's purl was
   * most of the cost).
   */
  const inFolder = (target: string): FolderManifest => {
    const byFolder = memoMap<FolderManifest>(options.memo, FOLDERS);
    let known = byFolder.get(target);
    if (known === undefined) {
      const manifest = loadPackageJson(load, joinPath(target, "package.json"));
      const member = manifest === undefined ? undefined : folderMember(target, manifest);
      known = { manifest, member };
      byFolder.set(target, known);
    }
    return known;
  };
  /** The root package's name (a workspace of its own to pnpm, Yarn and Bun). */
  const rootName = (): string | undefined => rootManifest?.name;
  /** Whether the root package.json lists workspaces (npm, Yarn, Bun; not pnpm's own file). */
  const npmWorkspaces = rootManifest?.json.workspaces !== undefined;
  let catalogs: Catalogs | undefined;
  let overrides: Overrides | undefined;
  /** The content warnings of the package.json files of unscanned members read here. */
  const innerContent: string[] = [];
  /**
   * Reads the package.json of a member in a folder the scan never enters (`vendor/x`,
   * `.github/actions/x`), once: no reading of the scan gives its declarations.
   */
  const readUnscanned = (target: string): void => {
    // Asked for each member that each one links to: remembered for the tree, by folder.
    const skipped = memoMap<boolean>(options.memo, SKIPPED);
    let unscanned = skipped.get(target);
    if (unscanned === undefined) {
      unscanned = skippedFolder(joinPath(target, "package.json")) !== undefined;
      skipped.set(target, unscanned);
    }
    if (!unscanned) return;
    const memberPath = joinPath(target, "package.json");
    if (seen.has(memberPath)) return;
    const memberText = load(memberPath);
    if (memberText === undefined) return;
    seen.add(memberPath);
    const inner = readManifest(memberText, { ...options, path: memberPath }, seen);
    out.addOutput(inner);
    warnings.push(...inner.warnings ?? []);
    innerContent.push(...inner.contentWarnings ?? []);
  };
  // `{ 0: a, … }`, not `[a, …]`: no iterator per tuple (the binary runs code cold).
  for (const { 0: alias, 1: declaredRange, 2: scope, 3: peer } of declared) {
    let range = declaredRange;
    // pnpm's overrides rewrite a declaration before anything else reads it.
    if (overrides === undefined) {
      overrides = options.memo?.get(OVERRIDES) as Overrides | undefined ??
        treeOverrides(load, rootManifest);
      options.memo?.set(OVERRIDES, overrides);
    }
    const override = overridden(overrides, manifest, alias, range, folder);
    if (override.warning !== undefined) {
      warnings.push(`${path}: ${alias} is ${range}; ${override.warning}: it is as declared`);
    }
    if (override.range === null) continue;
    if (override.range !== undefined) range = override.range;
    // A `catalog:` range is the one its catalog gives (it may alias another package).
    if (range.startsWith("catalog:")) {
      catalogs ??= treeCatalogs(load, rootManifest);
      const resolved = catalogRange(catalogs, alias, range);
      if (resolved === undefined) {
        warnings.push(
          `${path}: ${alias} is ${range}, which no catalog of the workspace defines ` +
            "(pnpm-workspace.yaml, the root package.json, .yarnrc.yml): its range is unknown",
        );
      } else range = resolved;
    }
    // Yarn's `patch:` range is the patched package's own range, with the patch files.
    let patches: string[] | undefined;
    if (range.startsWith("patch:")) ({ range, patches } = yarnPatchedRange(alias, range, folder));
    if (alias === "") {
      const line = nthLine(text, /""\s*:/);
      throw invalid("package_json", at(path, line), "a dependency with an empty package name");
    }
    // A bare path (`./lib`, `../x.tgz`) is a `file:` one to npm, pnpm, Yarn and Bun
    // (npm-package-arg's isFilespec), never GitHub's `owner/repo`.
    if (BARE_PATH.test(range)) range = `file:${range}`;
    const local = /^(workspace|link|file|portal):(.*)$/.exec(range);
    const fileTarball = local?.[1] === "file" && TARBALL.test(local[2]);
    if (local && !fileTarball) {
      // pnpm's and Bun's `workspace:<name>@<range>` links the member <name> under the alias;
      // pnpm's `workspace:../foo` the member in that folder, from the declaring package's.
      const byName = local[1] === "workspace" && !/^\.\.?(?:\/|$)/.test(local[2]);
      const named = byName ? /^((?:@[^/@]+\/)?[^/@]+)@/.exec(local[2])?.[1] ?? alias : alias;
      const target = byName
        ? workspaceFolder(named) ?? (named === rootName() ? "" : undefined)
        : joinPath(folder, local[2]);
      if (target === undefined) {
        // pnpm, Yarn and Bun refuse to install it (a member not checked out, a git submodule):
        // the package as declared, unresolvable, never a member the tree does not have.
        warnings.push(
          `${path}: ${alias} is ${range}, but no workspace member is named ${named}: it is ` +
            "declared, unresolved (pnpm, Yarn and Bun refuse to install it)",
        );
      }
      // The root package itself (`workspace:*` naming it, `link:..` to it) is the project.
      if (target === "") {
        out.edge(from, ROOT_ID, scope);
        continue;
      }
      // Neither, nor a folder outside the project (another checkout: no member but third-party
      // code, as in a lock, its package.json not read): the package as declared.
      if (target === undefined || isOutside(target)) {
        const id = out.component(npmComponent({
          name: named,
          specifier: range,
          scopes: [scope],
          sources: [path],
        }));
        out.edge(from, id, scope);
        continue;
      }
      // Its own package.json names it.
      const { manifest: there, member: own } = inFolder(target);
      const missing = local[1] === "link" && there === undefined &&
        list?.(folderOf(target))?.includes(target.slice(target.lastIndexOf("/") + 1)) === false;
      if (missing) {
        // Bun's `link:<name>` is a package `bun link` registered on a machine, not a folder.
        warnings.push(
          `${path}: ${alias} is ${range}, which names no folder of the tree (Bun's ` +
            "link:<name> is a package `bun link` registered on the developer's machine): it is " +
            "not in the SBOM",
        );
        continue;
      }
      const member = own ?? folderMember(target, { path: "", json: {}, name: named });
      out.edge(from, out.member(member), scope);
      // A member in a folder the scan never enters (`file:vendor/x`): no reading of the scan
      // gives its declarations, so they are read here, as those of a member the scan reads.
      if (there !== undefined) readUnscanned(target);
      continue;
    }
    // npm and Yarn link a workspace that a plain range names when its version satisfies it;
    // a peer that names a workspace (any workspace tool) is that workspace: the project
    // provides it.
    const sibling = npmWorkspaces || peer ? workspaceFolder(alias) : undefined;
    const siblingIn = sibling === undefined ? undefined : inFolder(sibling);
    const siblingJson = siblingIn?.manifest;
    if (
      siblingJson !== undefined &&
      (peer || siblingJson.version !== undefined && satisfies(siblingJson.version, range))
    ) {
      out.edge(from, out.member(siblingIn!.member!), scope);
      continue;
    }
    let name = alias;
    let specifier = range;
    const npmAlias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(range);
    if (npmAlias) [name, specifier] = [npmAlias[1], npmAlias[2] ?? "*"];
    const jsr = /^jsr:(?:(@[^/@]+\/[^@]+)@)?(.*)$/.exec(range);
    if (jsr) {
      const jsrName = jsr[1] ?? alias;
      if (!JSR_NAME.test(jsrName)) {
        warnings.push(
          `${path}: ${alias} is ${range}, but a JSR package is named @scope/name (pnpm and Yarn ` +
            `refuse it): its purl pkg:jsr/${jsrName} names no JSR package; write jsr:@scope/name@${
              jsr[2] || "<range>"
            }`,
        );
      }
      // An exact version (jsr:@luca/cases@1.0.0) is the one installed, as an npm pin is.
      const pinned = EXACT.test(jsr[2]) ? jsr[2].replace(/^=?v?/, "") : undefined;
      const id = out.component({
        purl: jsrPurl(jsrName, pinned),
        ecosystem: "jsr",
        name: jsrName,
        version: pinned,
        specifier: pinned === undefined ? jsr[2] : undefined,
        scopes: [scope],
        sources: [path],
      });
      out.edge(from, id, scope);
      continue;
    }
    let qualifiers: Record<string, string> = {};
    let version: string | undefined;
    // Yarn's `exec:` protocol: a package a script of the project generates at install time, from
    // no registry (`pkg:generic`, as the yarn.lock reader gives it).
    const script = /^exec:(.*)$/s.exec(specifier)?.[1];
    if (script !== undefined) {
      const id = out.component(npmComponent({
        name,
        specifier,
        generator: joinPath(folder, script.replace(/#.*$/s, "")),
        scopes: [scope],
        sources: [path],
      }));
      out.edge(from, id, scope);
      continue;
    }
    if (/^https?:/.test(specifier)) {
      // A registry's tarball URL is that registry's package, whatever the name it is added as.
      name = registryTarballName(specifier) ?? name;
      qualifiers = originQualifiers(name, specifier);
      version = tarballVersion(name, specifier);
    } else if (GIT.test(specifier) || SCP_GIT.test(specifier)) {
      // npm's `owner/repo` shorthand is GitHub's.
      qualifiers = {
        vcs_url: npmGitVcsUrl(
          /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(specifier) ? `github:${specifier}` : specifier,
        ),
      };
    } else if (EXACT.test(specifier)) version = specifier.replace(/^=?v?/, "");
    else if (fileTarball) {
      // A tarball on disk (`file:vendor/x-1.2.0.tgz`): its version from its name, as the locks'.
      version = tarballVersion(name, specifier);
    }
    const id = out.component(npmComponent({
      name,
      version,
      specifier: version === undefined ? specifier : undefined,
      qualifiers,
      scopes: [scope],
      sources: [path],
      patches,
    }));
    out.edge(from, id, scope);
  }
  // The root's workspaces in folders the scan never enters (`.github/actions/*`): npm, pnpm,
  // Yarn and Bun install them and their dependencies.
  if (folder === "") { for (const f of workspaces().values()) readUnscanned(f); }
  const result: ReaderResult = out.build({ directFromEdges: true });
  if (warnings.length > 0) result.warnings = warnings;
  const content = [...undeclarableWarnings(manifest), ...innerContent];
  if (content.length > 0) result.contentWarnings = content;
  return withoutExcludedMembers({ ...result, ...project }, excludedFolder(options));
}

/**
 * `options.excluded`, each folder's answer kept for the tree: every package.json's output holds
 * the members it links to, and each is asked about (jest: 1.6 M instructions of 1,000).
 */
function excludedFolder(
  options: Pick<ReaderContext, "memo" | "excluded">,
): ((folder: string) => boolean) | undefined {
  const excluded = options.excluded;
  if (excluded === undefined) return undefined;
  const known = memoMap<boolean>(options.memo, EXCLUDED);
  return (folder) => {
    let skipped = known.get(folder);
    if (skipped === undefined) {
      skipped = excluded(folder);
      known.set(folder, skipped);
    }
    return skipped;
  };
}

/** The map the reads of one tree keep under `key` in their memo (a new one without a memo). */
function memoMap<V>(memo: ReaderContext["memo"], key: string): Map<string, V> {
  let map = memo?.get(key) as Map<string, V> | undefined;
  if (map === undefined) {
    map = new Map();
    memo?.set(key, map);
  }
  return map;
}
