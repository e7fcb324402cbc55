/**
 * Reader for Cargo's manifest `Cargo.toml`: the package's identity (name,
 * version, license, description; `workspace = true` fields inherited from the
 * workspace root) and its declared dependencies. Beside a `Cargo.lock` the
 * declarations are folded into the locked crates; alone they are declared
 * components with their version requirements, never a made-up version.
 *
 * @module
 */

import { OutputBuilder } from "../_builder.ts";
import { at, invalid, nthLine, tomlKeyLine } from "../_errors.ts";
import { parseToml, type TomlTable } from "../_formats/toml.ts";
import { cargoPurl } from "../purl.ts";
import { withoutTrailing } from "../../_util.ts";
import { compareSemver, type SemVer } from "../_semver.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { type Project, ROOT_ID, type Scope } from "../types.ts";
import { isOwnFolder, type LocalPlace, localPlace } from "../_paths.ts";

const READER = "cargo_toml";

/** Options of {@linkcode readCargoToml}. */
export interface CargoTomlOptions {
  /** The file's path relative to the project root, `/`-separated. */
  path: string;
  /** The version of a package whose manifest states none. */
  release?: string;
  /** Reads another file of the project: the workspace root's `Cargo.toml` for inherited fields. */
  load?: Load;
}

/** The dependency tables of a manifest and the scope each one gives. */
const TABLES: ReadonlyArray<[string, Scope]> = [
  ["dependencies", "runtime"],
  ["dev-dependencies", "dev"],
  ["dev_dependencies", "dev"],
  ["build-dependencies", "build"],
  ["build_dependencies", "build"],
];

/** One declared dependency, decoded. */
interface Declaration {
  name: string;
  requirement?: string;
  vcsUrl?: string;
  /** A git dependency's source (see {@linkcode gitSourceKey}). */
  git?: string;
  /** The `repository_url` of a crate of another registry than crates.io (see {@linkcode registryUrl}). */
  repositoryUrl?: string;
  /** The name of its `registry` when the project's Cargo configuration does not say its index. */
  unknownRegistry?: string;
  /** The `[patch]` tables that would patch it, by {@linkcode sourceKey} (none for a `path` one). */
  sources: string[];
  local: boolean;
  /**
   * A `path` dependency that is not the project's own crate: its folder lies outside the
   * project (another checkout's crate) or under a `vendor/` folder (vendored third-party code).
   */
  outside: boolean;
  /** Where a `path` dependency's folder lies (see {@linkcode localPlace}). */
  place?: LocalPlace;
  scope: Scope;
  /** The keys of a `workspace = true` entry that Cargo ignores (see {@linkcode INHERITED_KEYS}). */
  unused?: string[];
  /** A `workspace = true` entry that no `[workspace.dependencies]` of the root declares. */
  notInherited?: true;
}

/**
 * The keys Cargo reads of a dependency inherited from the workspace
 * (`workspace = true`); it ignores any other, with a warning.
 */
const INHERITED_KEYS = new Set([
  "workspace",
  "features",
  "default-features",
  "default_features",
  "optional",
  "public",
]);

/** The root's `[workspace.dependencies]` and the root manifest's path (their paths' base). */
interface Inherited {
  table: TomlTable;
  path?: string;
}

/** crates.io's index, as Cargo writes it in a `Cargo.lock` `source` (git and sparse). */
const CRATES_IO = new Set([
  "registry+https://github.com/rust-lang/crates.io-index",
  "sparse+https://index.crates.io/",
]);

/**
 * The purl `repository_url` of a registry index: a `Cargo.lock` `source`
 * (`registry+<url>`, `sparse+<url>`) or a configured `index` (a git index's URL
 * bare, a sparse one with `sparse+`), as the URL without its prefix;
 * `undefined` for crates.io, the purl type's default.
 *
 * @example
 * ```ts
 * import { registryUrl } from "./cargo_toml.ts";
 * registryUrl("sparse+https://crates.acme.test/index/"); // "https://crates.acme.test/index/"
 * registryUrl("registry+https://github.com/rust-lang/crates.io-index"); // undefined
 * ```
 *
 * @param index The source or index.
 * @returns The URL, or `undefined` for crates.io.
 */
export function registryUrl(index: string): string | undefined {
  const source = /^(registry|sparse)\+/.test(index) ? index : `registry+${index}`;
  return CRATES_IO.has(source) ? undefined : source.replace(/^(registry|sparse)\+/, "");
}

/**
 * The index of each registry that the project's Cargo configuration names
 * (`[registries.<name>] index = …`): `.cargo/config.toml`, or `.cargo/config`
 * (which Cargo reads when both exist), in the manifest's folder and each
 * folder above it up to the project's root, a nearer one winning, as Cargo
 * merges them. The user's `$CARGO_HOME/config.toml` is not the project's and
 * is not read.
 */
function registryIndexes(manifestPath: string, load: Load | undefined): Map<string, string> {
  const out = new Map<string, string>();
  const parts = manifestPath.split("/").slice(0, -1);
  for (; load !== undefined; parts.pop()) {
    const folder = [...parts, ".cargo"].join("/");
    for (const name of ["config", "config.toml"]) {
      const path = `${folder}/${name}`;
      const text = load(path);
      if (text === undefined) continue;
      const registries = parseToml(text, path, `inventory.${READER}.invalid`).registries;
      for (const [key, value] of Object.entries(isTable(registries) ? registries : {})) {
        if (isTable(value) && typeof value.index === "string" && !out.has(key)) {
          out.set(key, value.index);
        }
      }
      break;
    }
    if (parts.length === 0) break;
  }
  return out;
}

/**
 * A `[patch.<source>]` key or a dependency's source as Cargo matches them:
 * `crates-io` (or its index's URL), a registry's name, or a git repository's or
 * registry index's URL (compared without `git+`/`registry+`/`sparse+`, case,
 * a trailing `/` or `.git`).
 */
function sourceKey(source: string): string {
  if (!source.includes("://")) return source === "crates-io" ? source : `name:${source}`;
  if (registryUrl(source) === undefined) return "crates-io";
  return withoutTrailing(source.replace(/^(git|registry|sparse)\+/, "").toLowerCase(), "/")
    .replace(/\.git$/, "");
}

/**
 * A git source as a lock's package names it, without its locked commit
 * (`git+<url>?branch=dev`), in a form that compares as Cargo's sources do: the
 * URL as {@linkcode sourceKey} compares it, the reference (`?rev=`, `?tag=`,
 * `?branch=`; none for the default branch) decoded. Cargo writes the reference
 * form-urlencoded (its `PrettyRef` with `url_encoded`: `?branch=feat%2Fx` for
 * the branch `feat/x`) and reads it back so (`GitReference::from_query`: the
 * last of `branch`, `ref`, `rev`, `tag`; other keys ignored).
 *
 * @param source A lock's `source` of a git package, with or without `#<commit>`.
 * @returns The key.
 */
export function gitSourceKey(source: string): string {
  const [url, query] = source.replace(/#.*$/s, "").split("?", 2);
  let reference: [string, string] | undefined;
  for (const [key, value] of new URLSearchParams(query ?? "")) {
    if (key === "branch" || key === "ref") reference = ["branch", value];
    else if (key === "rev" || key === "tag") reference = [key, value];
  }
  return gitKey(url, reference);
}

/** The key of a git source (see {@linkcode gitSourceKey}): its URL and its reference, as declared. */
function gitKey(url: string, reference: [string, string] | undefined): string {
  return reference === undefined ? sourceKey(url) : `${sourceKey(url)}?${reference.join("=")}`;
}

function isTable(value: unknown): value is TomlTable {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date);
}

class Manifest {
  readonly doc: TomlTable;
  readonly text: string;
  readonly path: string;
  /**
   * The `[package]` table, or the `[project]` one that Cargo takes in its stead before the
   * 2024 edition (deprecated, with a warning; old crates have it); `undefined` when neither.
   */
  readonly package: unknown;
  readonly #load: Load | undefined;
  #registries?: Map<string, string>;
  constructor(text: string, path: string, load?: Load) {
    this.text = text;
    this.path = path;
    this.#load = load;
    this.doc = parseToml(text, path, `inventory.${READER}.invalid`);
    this.package = this.doc.package ?? this.doc.project;
    if (this.package === undefined && this.doc.workspace === undefined) {
      // Cargo: "manifest is missing either a `[package]` or a `[workspace]`".
      throw invalid(READER, at(path, 1), "has neither a [package] nor a [workspace] table");
    }
    if (this.doc.package === undefined && isTable(this.package)) {
      const edition = this.package.edition;
      if (typeof edition === "string" && edition >= "2024") {
        throw this.fail(
          `[project] is not supported as of the ${edition} edition (Cargo's words): write [package]`,
          "[project]",
        );
      }
    }
  }

  /** The index of a registry the project's Cargo configuration names (read when first asked). */
  registryIndex(name: string): string | undefined {
    this.#registries ??= registryIndexes(this.path, this.#load);
    return this.#registries.get(name);
  }

  fail(what: string, near: string | RegExp): Error {
    return invalid(READER, at(this.path, nthLine(this.text, near)), what);
  }

  table(value: unknown, what: string): TomlTable {
    if (value === undefined) return {};
    if (!isTable(value)) {
      const line = nthLine(this.text, what) ?? tomlKeyLine(this.text, what);
      throw invalid(READER, at(this.path, line), `${what} must be a table`);
    }
    return value;
  }
}

/** The strings of a `[workspace]` array (`members`, `exclude`); other entries are not paths. */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((m): m is string => typeof m === "string") : [];
}

/** `folder` is `path` or inside it, compared by whole path components as Cargo does. */
function within(folder: string, path: string): boolean {
  const prefix = withoutTrailing(path.replace(/^(\.\/+)+/, ""), "/");
  return prefix === "" || prefix === "." || folder === prefix || folder.startsWith(`${prefix}/`);
}

/**
 * Whether Cargo leaves the crate in `folder` (relative to the workspace
 * root's folder, `/`-separated) out of the workspace: a `[workspace] exclude`
 * path is the folder or one above it, and no `members` entry names it or a
 * folder above it literally. As Cargo, entries are plain paths compared by
 * whole components (an `exclude` entry is no glob; a member glob such as
 * `crates/*` does not override an exclusion).
 *
 * @param folder The crate's folder relative to the root's folder.
 * @param workspace The root's `members` and `exclude` entries.
 * @returns `true` when the crate is excluded.
 */
export function excludedFromWorkspace(
  folder: string,
  workspace: { members: readonly string[]; exclude: readonly string[] },
): boolean {
  return workspace.exclude.some((path) => within(folder, path)) &&
    !workspace.members.some((path) => within(folder, path));
}

/**
 * The workspace root manifest: this one when it has `[workspace]`, else the
 * nearest above whose `[workspace] exclude` does not leave this crate out
 * (Cargo looks further up past a root that excludes it). `excluded`: a root
 * above excludes it and none further up takes it.
 */
function workspaceRoot(
  manifest: Manifest,
  load: Load | undefined,
): { root?: Manifest; excluded: boolean } {
  if (manifest.doc.workspace !== undefined) return { root: manifest, excluded: false };
  const parts = manifest.path.split("/").slice(0, -1);
  const folder = parts.join("/");
  let excluded = false;
  while (load !== undefined && parts.length > 0) {
    parts.pop();
    const path = [...parts, "Cargo.toml"].join("/");
    const text = load(path);
    if (text === undefined) continue;
    const candidate = new Manifest(text, path);
    if (candidate.doc.workspace === undefined) continue;
    const workspace = candidate.table(candidate.doc.workspace, "[workspace]");
    const relative = folder.slice(parts.length === 0 ? 0 : parts.join("/").length + 1);
    const config = { members: strings(workspace.members), exclude: strings(workspace.exclude) };
    if (!excludedFromWorkspace(relative, config)) return { root: candidate, excluded: false };
    excluded = true;
  }
  return { excluded };
}

/** The root's `[workspace.dependencies]`, with the root's path. */
function inheritedDependencies(root: Manifest | undefined): Inherited {
  return { table: workspaceTable(root, "dependencies"), path: root?.path };
}

/** `[workspace.<key>]` of the root, or `{}`. */
function workspaceTable(root: Manifest | undefined, key: string): TomlTable {
  if (root === undefined) return {};
  const workspace = root.table(root.doc.workspace, "[workspace]");
  return root.table(workspace[key], `[workspace.${key}]`);
}

/**
 * An empty key, basic or literal (`"" = "1"`, `'' = '1'`, `[dependencies.""]`, `{ "" = "1" }`):
 * where a dependency with an empty name stands.
 */
const EMPTY_KEY = /(?:^|[.[{,])\s*(?:""|'')\s*[=.\]]/;

function decode(
  manifest: Manifest,
  key: string,
  value: unknown,
  scope: Scope,
  inherited: Inherited,
): Declaration {
  if (key === "") throw manifest.fail("a dependency with an empty name", EMPTY_KEY);
  if (typeof value === "string") {
    return {
      name: key,
      requirement: value,
      sources: ["crates-io"],
      local: false,
      outside: false,
      scope,
    };
  }
  if (!isTable(value)) {
    throw manifest.fail(`dependency "${key}" must be a version string or a table`, key);
  }
  let spec: TomlTable = value;
  let unused: string[] | undefined;
  let notInherited: true | undefined;
  if (value.workspace === true) {
    // Cargo builds the workspace's declaration: of the crate's own keys it takes only these,
    // and warns of any other ("unused manifest key": a `package`, `version`, `git`, `path`).
    const base = inherited.table[key];
    const own = Object.fromEntries(Object.entries(value).filter(([k]) => INHERITED_KEYS.has(k)));
    spec = typeof base === "string"
      ? { version: base, ...own }
      : { ...(isTable(base) ? base : {}), ...own };
    unused = Object.keys(value).filter((k) => !INHERITED_KEYS.has(k));
    notInherited = base === undefined || undefined;
  }
  const text = (field: string): string | undefined => {
    const v = spec[field];
    if (v !== undefined && typeof v !== "string") {
      throw manifest.fail(`"${field}" of dependency "${key}" must be a string`, key);
    }
    return v;
  };
  const git = text("git");
  const local = text("path");
  // A path inherited from `[workspace.dependencies]` is relative to the workspace root.
  const base = value.workspace === true ? inherited.path ?? manifest.path : manifest.path;
  const kind = ["rev", "tag", "branch"].find((k) => text(k) !== undefined);
  const ref = kind === undefined ? undefined : text(kind);
  // No git URL or reference holds one (Cargo's Url::parse trims or drops it and refuses what is
  // left empty: "invalid url"): the purl's vcs_url cannot, and it was refused at no line, or the
  // file's first line for a reference of it alone.
  // deno-lint-ignore no-control-regex
  const control = [git, ref].find((v) => v !== undefined && /[\0-\x1f\x7f-\x9f]/.test(v));
  if (control !== undefined) {
    throw manifest.fail(
      `the git source of dependency "${key}" holds a control character: ${JSON.stringify(control)}`,
      key,
    );
  }
  // `registry-index` is what `cargo package` writes for `registry` in a published manifest.
  const registry = text("registry");
  const index = text("registry-index") ??
    (registry === undefined || registry === "crates-io"
      ? undefined
      : manifest.registryIndex(registry));
  const place = local === undefined ? undefined : localPlace(base, local);
  const optional = spec.optional === true && scope === "runtime";
  const sources = local !== undefined
    ? []
    : git !== undefined
    ? [sourceKey(git)]
    : [index, registry ?? "crates-io"].filter((k) => k !== undefined).map(sourceKey);
  return {
    name: text("package") ?? key,
    requirement: text("version"),
    vcsUrl: git === undefined
      ? undefined
      : `${git.startsWith("git+") ? "" : "git+"}${git}${ref ? `@${ref}` : ""}`,
    git: git === undefined ? undefined : gitKey(git, kind ? [kind, ref!] : undefined),
    repositoryUrl: index === undefined ? undefined : registryUrl(index),
    unknownRegistry: index === undefined && registry !== "crates-io" ? registry : undefined,
    sources,
    local: local !== undefined,
    outside: place !== undefined && !isOwnFolder(place),
    place,
    scope: optional ? "optional" : scope,
    ...unused?.length ? { unused } : {},
    ...notInherited ? { notInherited } : {},
  };
}

/**
 * What the workspace root's `[patch.<source>]` tables put in place of a
 * dependency (Cargo reads them from the root only): the crate of the same name
 * (its `package`, else its key) in the table of the dependency's source, as a
 * declaration of the root (a `path` there is relative to it), the
 * dependency's version requirement kept when the patch states none; else the
 * dependency itself. A patch applies only when the crate it names has a
 * version the requirement accepts, which only a lock records: without one,
 * every patch is taken to apply.
 */
function patched(declaration: Declaration, root: Manifest): Declaration {
  const patch = root.table(root.doc.patch, "[patch]");
  for (const [source, entries] of Object.entries(patch)) {
    if (!declaration.sources.includes(sourceKey(source))) continue;
    for (const [key, value] of Object.entries(root.table(entries, `patch.${source}`))) {
      const name = isTable(value) && typeof value.package === "string" ? value.package : key;
      if (name !== declaration.name) continue;
      const by = decode(root, key, value, declaration.scope, { table: {} });
      return { ...by, requirement: by.requirement ?? declaration.requirement };
    }
  }
  return declaration;
}

/**
 * Whether the manifest is a cargo-fuzz crate (`[package.metadata]
 * cargo-fuzz = true`, which `cargo fuzz init` writes): fuzz targets, built
 * only to fuzz the project, never shipped.
 */
function isFuzzCrate(manifest: Manifest): boolean {
  const pkg = manifest.package;
  const metadata = isTable(pkg) ? pkg.metadata : undefined;
  return isTable(metadata) && metadata["cargo-fuzz"] === true;
}

/**
 * The keys of the optional dependencies that the `default` feature turns on, through the
 * features it lists in turn: Cargo builds them unless `--no-default-features`, so they are
 * runtime, not optional. `dep:name`, `name/feature` (with the feature `name`, when `[features]`
 * defines one, as Cargo's resolver does) and a feature `[features]` does not define (the
 * implicit feature of the optional dependency `name`) turn `name` on; a weak `name?/feature`
 * does not.
 */
function enabledByDefault(manifest: Manifest): Set<string> {
  const features = manifest.table(manifest.doc.features, "[features]");
  const on = new Set<string>();
  const seen = new Set<string>();
  const visit = (feature: string): void => {
    if (seen.has(feature)) return;
    seen.add(feature);
    const list = features[feature];
    if (!Array.isArray(list)) {
      on.add(feature);
      return;
    }
    for (const item of list) {
      if (typeof item !== "string" || item.includes("?/")) continue;
      if (item.startsWith("dep:")) on.add(item.slice(4));
      else if (item.includes("/")) {
        // Cargo turns on the feature of the dependency's name too, when there is one.
        const name = item.slice(0, item.indexOf("/"));
        on.add(name);
        visit(name);
      } else visit(item);
    }
  };
  if (Array.isArray(features.default)) visit("default");
  return on;
}

/**
 * The declared dependencies; every one of a cargo-fuzz crate is dev (see {@linkcode isFuzzCrate}),
 * an optional one the `default` feature turns on runtime (see {@linkcode enabledByDefault}).
 */
function declarations(manifest: Manifest, inherited: Inherited): Declaration[] {
  const out: Declaration[] = [];
  const fuzz = isFuzzCrate(manifest);
  const byDefault = enabledByDefault(manifest);
  const collect = (owner: TomlTable, prefix: string): void => {
    for (const [table, scope] of TABLES) {
      const entries = manifest.table(owner[table], `${prefix}${table}`);
      for (const [key, value] of Object.entries(entries)) {
        const declaration = decode(manifest, key, value, fuzz ? "dev" : scope, inherited);
        out.push(
          declaration.scope === "optional" && byDefault.has(key)
            ? { ...declaration, scope: "runtime" }
            : declaration,
        );
      }
    }
  };
  collect(manifest.doc, "");
  const targets = manifest.table(manifest.doc.target, "target");
  for (const [cfg, body] of Object.entries(targets)) {
    collect(manifest.table(body, `target.${cfg}`), `target.${cfg}.`);
  }
  return out;
}

/**
 * The crates that `[patch.<source>]` tables and `[replace]` swap for a `path`
 * crate that is not the project's own (outside it, or under `vendor/`): in
 * the lock they have no `source`, like the project's crates, and only the
 * manifest tells them apart. Cargo reads them from the workspace root.
 */
function thirdPartyOverrides(manifest: Manifest): string[] {
  const out: string[] = [];
  const add = (key: string, value: unknown, name: (key: string) => string): void => {
    if (!isTable(value) || typeof value.path !== "string") return;
    if (isOwnFolder(localPlace(manifest.path, value.path))) return;
    out.push(typeof value.package === "string" ? value.package : name(key));
  };
  const patch = manifest.table(manifest.doc.patch, "[patch]");
  for (const [source, entries] of Object.entries(patch)) {
    const table = manifest.table(entries, `patch.${source}`);
    for (const [key, value] of Object.entries(table)) add(key, value, (k) => k);
  }
  // `[replace]` keys are package ids: `name:version` or `source#name:version`.
  const replace = manifest.table(manifest.doc.replace, "[replace]");
  for (const [key, value] of Object.entries(replace)) {
    add(key, value, (k) => k.replace(/^.*#/, "").replace(/:.*$/, ""));
  }
  return out;
}

/**
 * The crates that a `[patch.<source>]` of the project's Cargo configuration swaps for a `path`
 * crate that is not the project's own (see {@linkcode thirdPartyOverrides}): Cargo reads `[patch]`
 * from `.cargo/config.toml` (or `.cargo/config`) as from the workspace root's manifest, a path there
 * being relative to the folder that holds `.cargo/` (Cargo's configuration reference, `[patch]`),
 * and the lock has the crate, as for a manifest's, as a path crate without a `source`. The files
 * are those {@linkcode registryIndexes} reads: in the manifest's folder and each above it.
 */
function configOverrides(manifestPath: string, load: Load | undefined): string[] {
  const out: string[] = [];
  const parts = manifestPath.split("/").slice(0, -1);
  for (; load !== undefined; parts.pop()) {
    for (const name of ["config", "config.toml"]) {
      const path = [...parts, ".cargo", name].join("/");
      const text = load(path);
      if (text === undefined) continue;
      const patch = parseToml(text, path, `inventory.${READER}.invalid`).patch;
      for (const entries of Object.values(isTable(patch) ? patch : {})) {
        for (const [key, value] of Object.entries(isTable(entries) ? entries : {})) {
          if (!isTable(value) || typeof value.path !== "string") continue;
          if (isOwnFolder(localPlace([...parts, "Cargo.toml"].join("/"), value.path))) continue;
          out.push(typeof value.package === "string" ? value.package : key);
        }
      }
      break;
    }
    if (parts.length === 0) break;
  }
  return out;
}

/**
 * One declaration of a crate: its scope, version requirement (none for a git or path one) and,
 * for a git one, its source (see {@linkcode gitSourceKey}).
 */
export interface DeclaredUse {
  scope: Scope;
  requirement?: string;
  git?: string;
}

/** A comparator of a Cargo version requirement: operator, major, minor, patch, prerelease. */
const COMPARATOR =
  /^(\^|~|=|>=|<=|>|<)?\s*v?(\*|\d+)(?:\.(\*|\d+))?(?:\.(\*|\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+\S*)?$/;

/** A version as semver orders it (build metadata dropped); `undefined` when it is none. */
function semver(version: string): SemVer | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+.*)?$/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] ? m[4].split(".") : []] : undefined;
}

/**
 * Whether a Cargo version requirement accepts a version, by the rules of
 * Cargo's semver: comparators joined by `,` must all hold; a bare version is
 * a caret requirement (`1.2` is `>=1.2.0, <2.0.0`, `0.2` is `>=0.2.0,
 * <0.3.0`); `~1.2` is `>=1.2.0, <1.3.0`; `=`, and `*` in place of a part, fix
 * the parts written; `>`, `>=`, `<`, `<=` compare with the parts written. A
 * pre-release version is accepted only by a requirement one of whose
 * comparators names a pre-release of the same major.minor.patch (`>=1.2.0-rc.1`
 * accepts 1.2.0-rc.2, but `1`, `*` and `<2` accept no 2.0.0-alpha). A
 * requirement it cannot read accepts every version.
 *
 * @example
 * ```ts
 * import { cargoRequirementAccepts } from "./cargo_toml.ts";
 * cargoRequirementAccepts("0.7", "0.8.5"); // false
 * cargoRequirementAccepts(">=1.2, <2", "1.9.0"); // true
 * cargoRequirementAccepts("1", "1.5.0-beta.1"); // false
 * ```
 *
 * @param requirement The requirement as written.
 * @param version The version.
 * @returns Whether it accepts the version.
 */
export function cargoRequirementAccepts(requirement: string, version: string): boolean {
  const v = semver(version);
  if (v === undefined) return true;
  const comparators = requirement.split(",").map((part) =>
    // Trimmed first: spaces around it in the regex would be tried split every way.
    COMPARATOR.exec(part.trim())
  );
  // A pre-release only where a comparator names one of the same major.minor.patch.
  if (
    v[3].length > 0 && comparators.every((m) => m !== null) &&
    !comparators.some((m) =>
      m?.[5] !== undefined && [m[2], m[3], m[4]].join(".") === v.slice(0, 3).join(".")
    )
  ) return false;
  return comparators.every((m) => {
    if (m === null) return true;
    const [, op = "^", major, minor, patch, pre] = m;
    if (major === "*") return true;
    // The parts written (a `*` ends them) and the version they make, the rest 0.
    const parts = [major, minor, patch].filter((x) => x !== undefined);
    const written = parts.indexOf("*") === -1 ? parts.length : parts.indexOf("*");
    const n = [0, 1, 2].map((i) => (i < written ? Number(parts[i]) : 0));
    const at: SemVer = [n[0], n[1], n[2], written === 3 && pre ? pre.split(".") : []];
    // The version past the parts written (`1.2` → 2.0.0 for a bump of part 0).
    const next = (part: number): SemVer => {
      const [x, y, z] = [0, 1, 2].map((i) => (i < part ? n[i] : i === part ? n[i] + 1 : 0));
      return [x, y, z, []];
    };
    const within = (upper: SemVer): boolean =>
      compareSemver(v, at) >= 0 && compareSemver(v, upper) < 0;
    const fixed = op === "=" || written < parts.length;
    if (fixed) return written === 3 ? compareSemver(v, at) === 0 : within(next(written - 1));
    if (op === "^") {
      const first = n.findIndex((x, i) => x !== 0 || i === written - 1);
      return within(next(Math.min(first, written - 1)));
    }
    if (op === "~") return within(next(written === 1 ? 0 : 1));
    if (op === ">=") return compareSemver(v, at) >= 0;
    if (op === "<") return compareSemver(v, at) < 0;
    // `>1.2` is `>=1.3.0` and `<=1.2` is `<1.3.0`: past the parts written.
    if (op === ">") {
      return written === 3 ? compareSemver(v, at) > 0 : compareSemver(v, next(written - 1)) >= 0;
    }
    return written === 3 ? compareSemver(v, at) <= 0 : compareSemver(v, next(written - 1)) < 0;
  });
}

/** What a `Cargo.toml` declares, as the Cargo.lock reader needs it. */
export interface CargoDeclarations {
  /** `[package] name`, when there is one. */
  name?: string;
  /**
   * The declarations of each crate (by its real name, `package = …` renames resolved): a crate
   * declared twice, at two versions (`rand` and `rand07 = { package = "rand" … }`) or in two
   * tables, has one for each.
   */
  scopes: Map<string, DeclaredUse[]>;
  /** `[workspace] members` (folder globs), when a workspace root. */
  members: string[];
  /** `[workspace] exclude` (folders left out of the workspace), when a workspace root. */
  exclude: string[];
  /**
   * The crates it declares, patches (`[patch.<source>]`) or replaces (`[replace]`) by a `path`
   * outside the project (another checkout's code) or under a `vendor/` folder (vendored
   * third-party code): not the project's own crates.
   */
  outside: Set<string>;
  /** The folders of the project's own crates it declares by a `path` (see {@linkcode isOwnFolder}). */
  folders: LocalPlace[];
}

/**
 * The package, the declared dependencies with their scopes (runtime,
 * optional, dev, build; `[target.*]` tables included), the workspace
 * member globs and excluded folders of a `Cargo.toml`, and the path crates
 * it names that are not the project's own.
 *
 * @param text The file's text.
 * @param options `path`: its path; `load`: reads the workspace root for inherited entries.
 * @returns The declarations.
 * @throws {VouchError} `inventory.cargo_toml.invalid` for malformed TOML or wrong types.
 */
export function cargoDeclarations(
  text: string,
  options: { path: string; load?: Load },
): CargoDeclarations {
  const manifest = new Manifest(text, options.path);
  const pkg = manifest.table(manifest.package, "[package]");
  const scopes = new Map<string, DeclaredUse[]>();
  const outside = new Set<string>();
  const folders: LocalPlace[] = [];
  if (manifest.package !== undefined) {
    const { root } = workspaceRoot(manifest, options.load);
    for (const d of declarations(manifest, inheritedDependencies(root))) {
      if (d.outside) outside.add(d.name);
      else if (d.place !== undefined) folders.push(d.place);
      // A `[patch]` swaps the source the lock has the crate from (another git repository, a
      // path: Cargo's `PackageRegistry::patch` locks the patch's source instead), unless its
      // version does not fit (`[[patch.unused]]`), so the declaration is of either source.
      const patch = patched(d, root ?? manifest);
      for (const git of new Set([d.git, ...patch === d ? [] : [patch.git]])) {
        const known = scopes.get(d.name) ?? [];
        if (
          known.some((u) => u.scope === d.scope && u.requirement === d.requirement && u.git === git)
        ) {
          continue;
        }
        const use = { scope: d.scope, requirement: d.requirement };
        scopes.set(d.name, known.concat(git === undefined ? use : { ...use, git }));
      }
    }
  }
  for (const name of thirdPartyOverrides(manifest)) outside.add(name);
  for (const name of configOverrides(options.path, options.load)) outside.add(name);
  const workspace = manifest.table(manifest.doc.workspace, "[workspace]");
  return {
    ...(typeof pkg.name === "string" ? { name: pkg.name } : {}),
    scopes,
    members: strings(workspace.members),
    exclude: strings(workspace.exclude),
    outside,
    folders,
  };
}

function projectOf(
  manifest: Manifest,
  root: Manifest | undefined,
  release: string | undefined,
): Project | undefined {
  const pkg = manifest.table(manifest.package, "[package]");
  if (pkg.name === undefined) return undefined;
  if (typeof pkg.name !== "string") throw manifest.fail("[package] name must be a string", "name");
  // Cargo: "package name cannot be empty" (its line: a purl without a name named none).
  if (pkg.name === "") throw manifest.fail("[package] name is empty (Cargo refuses it)", "name");
  const inherited = workspaceTable(root, "package");
  const field = (key: string): string | undefined => {
    const value = isTable(pkg[key]) && (pkg[key] as TomlTable).workspace === true
      ? inherited[key]
      : pkg[key];
    return typeof value === "string" ? value : undefined;
  };
  const version = field("version") ?? release;
  const project: Project = { name: pkg.name, purl: cargoPurl(pkg.name, version) };
  if (version !== undefined) project.version = version;
  const license = field("license");
  if (license !== undefined) project.license = license;
  const description = field("description");
  if (description !== undefined) project.description = description.trim();
  return project;
}

/**
 * Reads a `Cargo.toml`: the package's identity and its declared
 * dependencies (`[dependencies]`, dev, build, `[target.*]`), each a direct
 * `pkg:cargo` component with an edge from the root in its scope (runtime,
 * `optional = true` → optional unless the `default` feature turns it on, dev, build; every one of a cargo-fuzz crate,
 * `[package.metadata] cargo-fuzz = true`, is dev: fuzz targets are never
 * shipped). A requirement `=1.2.3` is an
 * exact version; any other (`1.2`, `^1`, `>=1, <2`) is kept as the
 * specifier. Path dependencies are the project's own crates and are skipped,
 * but for those outside the project or under a `vendor/` folder (third-party
 * code: components);
 * git dependencies carry `vcs_url`, those of another registry its index as
 * `repository_url` (`registry-index`, or the `[registries.<name>] index` of
 * the project's `.cargo/config.toml`); `workspace = true` entries take the
 * workspace root's `[workspace.dependencies]` entry, and a dependency the
 * root's `[patch.<source>]` patches is the crate the patch names (see
 * {@linkcode patched}). A workspace root, a crate that the workspace above
 * excludes and one with no workspace above `standsAlone` (a lock above is not its own). A workspace root without `[package]` declares nothing
 * itself. `[project]`, which Cargo takes for `[package]` before the 2024
 * edition, is read as it; a manifest with neither, nor a `[workspace]`, is
 * refused, as Cargo refuses it.
 *
 * @example
 * ```ts
 * import { readCargoToml } from "./cargo_toml.ts";
 * const out = readCargoToml('[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1"\n', {
 *   path: "Cargo.toml",
 * });
 * out.project?.purl; // "pkg:cargo/app@0.1.0"
 * out.components[0].specifier; // "1"
 * ```
 *
 * @param text The file's text.
 * @param options The file's path, the release, and `load` for the workspace root.
 * @returns Components, root edges and the package as project.
 * @throws {VouchError} `inventory.cargo_toml.invalid` for malformed TOML or wrong types.
 */
export function readCargoToml(
  text: string,
  options: CargoTomlOptions,
): ReaderResult {
  const manifest = new Manifest(text, options.path, options.load);
  const { root, excluded } = workspaceRoot(manifest, options.load);
  const project = projectOf(manifest, root, options.release);
  const builder = new OutputBuilder();
  const unknown = new Set<string>();
  const ignored: string[] = [];
  const notInherited: string[] = [];
  if (manifest.package !== undefined) {
    for (const declared of declarations(manifest, inheritedDependencies(root))) {
      if (declared.unused) ignored.push(`${declared.name} (${declared.unused.join(", ")})`);
      if (declared.notInherited) notInherited.push(declared.name);
      const d = patched(declared, root ?? manifest);
      if (d.local && !d.outside) continue; // the project's own crate
      if (d.unknownRegistry !== undefined) {
        unknown.add(`${d.name} (registry "${d.unknownRegistry}")`);
      }
      const exact = /^\s*=\s*([0-9][^\s,]*)\s*$/.exec(d.requirement ?? "")?.[1];
      const id = builder.component({
        purl: cargoPurl(d.name, exact, { vcs_url: d.vcsUrl, repository_url: d.repositoryUrl }),
        ecosystem: "cargo",
        name: d.name,
        version: exact,
        specifier: exact === undefined ? d.requirement : undefined,
        downloadLocation: d.vcsUrl,
        direct: true,
        scopes: [d.scope],
        sources: [options.path],
      });
      builder.edge(ROOT_ID, id, d.scope);
    }
  }
  // Cargo builds a workspace root (a crate with a `[workspace]` of its own: all-is-cubes'
  // `fuzz/`), a crate the workspace above excludes, and a crate with no workspace above
  // (`tools/x` below a root crate that has none), with a Cargo.lock beside it: a lock above
  // resolves it only where it locks the crate (a path dependency of the crate there).
  const alone = excluded || root === manifest || root === undefined;
  const output: ReaderResult = { ...builder.build(), ...alone ? { standsAlone: true } : {} };
  // The workspace's Cargo.lock, when there is one, says each crate's registry.
  const lock = (root ?? manifest).path.replace(/Cargo\.toml$/, "Cargo.lock");
  const warnings: string[] = [];
  if (ignored.length > 0) {
    warnings.push(
      `${options.path} inherits ${ignored.join(", ")} from the workspace (\`workspace = true\`) ` +
        `with keys Cargo ignores (it warns of an unused manifest key and builds the workspace's ` +
        `declaration, as the SBOM has it): move them to [workspace.dependencies] or drop them`,
    );
  }
  if (notInherited.length > 0) {
    const them = notInherited.length === 1 ? "it" : "them";
    // With no root in the tree, one above it (a member folder read on its own) may declare them.
    const where = root === undefined
      ? `the project has no workspace root to declare ${them} (Cargo refuses this manifest ` +
        "unless one above the tree does)"
      : `${root.path}'s [workspace.dependencies] does not list ${them} (Cargo refuses this manifest)`;
    warnings.push(
      `${options.path} inherits ${notInherited.join(", ")} from the workspace ` +
        `(\`workspace = true\`), but ${where}: ${
          notInherited.length === 1 ? "its version is" : "their versions are"
        } unknown; declare ${them} in [workspace.dependencies], or read the project from its ` +
        "workspace root",
    );
  }
  if (unknown.size > 0 && options.load?.(lock) === undefined) {
    warnings.push(
      `${options.path} declares ${
        [...unknown].join(", ")
      } of a registry that no \`.cargo/config.toml\` of the project configures (\`[registries.<name>] index\`): their purls name no registry, as crates.io's do; commit the configuration or a Cargo.lock`,
    );
  }
  if (warnings.length > 0) output.warnings = warnings;
  return project ? { ...output, project } : output;
}
