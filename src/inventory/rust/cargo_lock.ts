/**
 * Reader for Rust's `Cargo.lock`.
 *
 * @module
 */

import { VouchError } from "../../errors.ts";
import { OutputBuilder } from "../_builder.ts";
import { parseToml, type TomlTable } from "../_formats/toml.ts";
import { cargoPurl } from "../purl.ts";
import { lastLine, nthLine } from "../_errors.ts";
import { type Edge, ROOT_ID, type Scope } from "../types.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { folderOf, joinPath, workspaceFolders } from "../javascript/_npm.ts";
import { type LocalPlace, memberFolders } from "../_paths.ts";
import {
  cargoDeclarations,
  cargoRequirementAccepts,
  type DeclaredUse,
  excludedFromWorkspace,
  gitSourceKey,
  registryUrl,
} from "./cargo_toml.ts";

const CODE = "inventory.cargo_lock.invalid";

interface LockedPackage {
  name: string;
  version: string;
  source?: string;
  checksum?: string;
  dependencies: string[];
  /** What `[replace]` swapped it for (`name version (source)`): that package is built instead. */
  replace?: string;
  id: string;
}

function lineOfPackage(text: string, name: string): number {
  const at = text.indexOf(`name = ${JSON.stringify(name)}`);
  return at === -1 ? 1 : text.slice(0, at).split("\n").length;
}

function invalid(path: string, line: number, what: string): VouchError {
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `regenerate ${path} with \`cargo generate-lockfile\``,
  );
}

/** The purl qualifiers and download location that a `source` implies. */
function origin(
  name: string,
  version: string,
  source: string,
): { qualifiers: Record<string, string>; downloadLocation?: string } {
  if (source.startsWith("git+")) {
    const hash = source.indexOf("#");
    const url = source.slice(0, hash === -1 ? undefined : hash).replace(/\?.*$/, "");
    const vcs = hash === -1 ? url : `${url}@${source.slice(hash + 1)}`;
    return { qualifiers: { vcs_url: vcs }, downloadLocation: vcs };
  }
  const repository = registryUrl(source);
  if (repository === undefined) {
    return {
      qualifiers: {},
      downloadLocation: `https://crates.io/api/v1/crates/${name}/${version}/download`,
    };
  }
  return { qualifiers: { repository_url: repository } };
}

function nameVersion(pkg: LockedPackage): string {
  return `${pkg.name} ${pkg.version}`;
}

/** A git source without its locked commit (`#<sha>`), which a dependency reference leaves out. */
function withoutPrecise(source: string | undefined): string | undefined {
  return source?.startsWith("git+") ? source.replace(/#.*$/s, "") : source;
}

/** A version as Cargo writes it: SemVer 2.0 (`1.0.0`, `0.3.0-alpha.1`, `1.2.3+build`). */
const CARGO_VERSION =
  /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

function readPackages(lock: TomlTable, text: string, path: string): LockedPackage[] {
  const listed = lock.package ?? [];
  if (!Array.isArray(listed)) throw invalid(path, 1, "`package` is not an array of tables");
  // Cargo before 1.24 wrote the root package (a workspace member, no source) as `[root]`.
  const raw = lock.root === undefined ? listed : [lock.root, ...listed];
  // Lockfile v1 keeps checksums in [metadata] as `checksum <name> <version> (<source>)`.
  const metadata = (lock.metadata ?? {}) as Record<string, unknown>;
  return raw.map((table: Record<string, unknown>, index) => {
    const { name, version, source, checksum, dependencies = [], replace } = table;
    if (typeof name !== "string" || typeof version !== "string") {
      throw invalid(path, 1, `[[package]] number ${index + 1} has no name or version`);
    }
    if (name === "") {
      throw invalid(
        path,
        nthLine(text, /^\s*name\s*=\s*(?:""|'')\s*$/) ?? 1,
        "a package with an empty name",
      );
    }
    if (!CARGO_VERSION.test(version)) {
      throw invalid(
        path,
        nthLine(text, `version = ${JSON.stringify(version)}`) ?? 1,
        `${name}'s version ${JSON.stringify(version)} is no semver version (Cargo writes one)`,
      );
    }
    if (
      (source !== undefined && typeof source !== "string") || !Array.isArray(dependencies) ||
      dependencies.some((d) => typeof d !== "string") ||
      (replace !== undefined && typeof replace !== "string")
    ) {
      throw invalid(path, lineOfPackage(text, name), `package ${name} has a malformed field`);
    }
    const legacy = metadata[`checksum ${name} ${version} (${source})`];
    const sum = typeof checksum === "string" ? checksum : legacy;
    // v1 writes `<none>` for a package without one; any other text is a SHA-256, which Cargo
    // compares with the download's: one cut short or not hex would fail every build.
    if (typeof sum === "string" && sum !== "<none>" && !/^[0-9a-fA-F]{64}$/.test(sum)) {
      throw invalid(
        path,
        nthLine(text, sum) ?? lineOfPackage(text, name),
        `${name} ${version}'s checksum ${JSON.stringify(sum)} is not a SHA-256 (64 hex digits)`,
      );
    }
    return {
      name,
      version,
      source,
      checksum: typeof sum === "string" && sum !== "<none>" ? sum.toLowerCase() : undefined,
      dependencies,
      ...(replace === undefined ? {} : { replace }),
      id: "",
    };
  });
}

/**
 * The scopes of an edge from a manifest's crate to a locked version of a crate
 * it declares: those of the declarations of that package's source (a git one
 * by its URL and reference, see {@linkcode gitSourceKey}) whose requirement
 * accepts that version (a crate declared at two versions, `rand = "0.8"` as a
 * dev-dependency and `rand07 = { package = "rand", version = "0.7" }`, has an
 * edge to each, in its own scope), or of all of them when none does; runtime
 * when the manifest is not there.
 */
function scopesOf(uses: readonly DeclaredUse[] | undefined, to: LockedPackage): Scope[] {
  if (uses === undefined) return ["runtime"];
  // Cargo tells one crate's declarations apart by source: a git one (its URL and
  // `?rev=`/`?tag=`/`?branch=`) is the package of that source, another the registry's.
  const git = to.source?.startsWith("git+") ? gitSourceKey(to.source) : undefined;
  const sourced = uses.filter((u) => u.git === git);
  const candidates = sourced.length > 0 ? sourced : uses;
  const accepting = candidates.filter((u) =>
    u.requirement === undefined || cargoRequirementAccepts(u.requirement, to.version)
  );
  return [...new Set((accepting.length > 0 ? accepting : candidates).map((u) => u.scope))];
}

/** Options of {@linkcode readCargoLock}. */
export interface CargoLockOptions {
  /** The file's path relative to the project root. */
  path: string;
  /** Reads another file of the project: the workspace's `Cargo.toml` files. */
  load?: Load;
  /** Lists the folders in a folder of the project, to expand `[workspace] members` globs. */
  list?: (folder: string) => string[] | undefined;
}

/**
 * The declared scopes of each workspace member's dependencies, by member
 * name: from the `Cargo.toml` beside the lock and those of its `[workspace]
 * members`; `pathCrates`, those of the other path crates they declare (in
 * turn), whose dev-dependencies Cargo does not lock. A Cargo.lock does not
 * say which kind of dependency an edge is; the manifests do. A crate that `[workspace] exclude` leaves out is no
 * member, even when a member glob matches its folder. `places`: where the
 * project's own path crates they declare lie, and those these declare in
 * turn (a sibling `../shared` crate, which the lock has with no folder);
 * `pathFolders`: the folder of each such crate, by name. `missing`: the members the root names
 * literally (no glob) whose folder has no `Cargo.toml` in the tree.
 */
function memberScopes(
  options: CargoLockOptions,
): {
  scopes: Map<string, Map<string, DeclaredUse[]>>;
  pathCrates: Map<string, Map<string, DeclaredUse[]>>;
  manifests: Map<string, string>;
  outside: Set<string>;
  places: LocalPlace[];
  pathFolders: Map<string, string>;
  missing: string[];
} {
  const { load, list } = options;
  const out = new Map<string, Map<string, DeclaredUse[]>>();
  const pathCrates = new Map<string, Map<string, DeclaredUse[]>>();
  const manifests = new Map<string, string>();
  const outside = new Set<string>();
  const places: LocalPlace[] = [];
  const pathFolders = new Map<string, string>();
  const base = folderOf(options.path);
  const rootPath = joinPath(base, "Cargo.toml");
  const rootText = load?.(rootPath);
  if (load === undefined || rootText === undefined) {
    return { scopes: out, pathCrates, manifests, outside, places, pathFolders, missing: [] };
  }
  const root = cargoDeclarations(rootText, { path: rootPath, load });
  places.push(...root.folders);
  if (root.name !== undefined) {
    out.set(root.name, root.scopes);
    manifests.set(root.name, rootPath);
  }
  for (const name of root.outside) outside.add(name);
  const manifest = { path: rootPath, json: { workspaces: root.members } };
  const exists = (folder: string): boolean =>
    load(joinPath(base, folder, "Cargo.toml")) !== undefined;
  const members = workspaceFolders(manifest, base, list, exists);
  // Cargo loads the manifest of each member the root names: one not in the tree (a git submodule
  // not checked out) fails the build ("failed to load manifest for workspace member").
  const missing = root.members.filter((m) =>
    !/[*?[]/.test(m) && !exists(joinPath(m)) && !excludedFromWorkspace(joinPath(m), root)
  );
  for (const folder of members.filter((f) => !excludedFromWorkspace(f, root))) {
    const path = joinPath(base, folder, "Cargo.toml");
    const member = cargoDeclarations(load(path)!, { path, load });
    if (member.name !== undefined && !out.has(member.name)) {
      out.set(member.name, member.scopes);
      manifests.set(member.name, path);
    }
    for (const name of member.outside) outside.add(name);
    places.push(...member.folders);
  }
  const seen = new Set([rootPath, ...manifests.values()]);
  for (const place of places) {
    const path = joinPath(place.path!, "Cargo.toml");
    const text = seen.has(path) ? undefined : load(path);
    seen.add(path);
    if (text === undefined) continue;
    const crate = cargoDeclarations(text, { path, load });
    // A path crate's edges take its kinds too (its build-dependencies are build).
    if (crate.name !== undefined && !pathCrates.has(crate.name)) {
      pathCrates.set(crate.name, crate.scopes);
      pathFolders.set(crate.name, place.path!);
    }
    places.push(...crate.folders);
  }
  return { scopes: out, pathCrates, manifests, outside, places, pathFolders, missing };
}

/**
 * The path crates of another workspace: those outside the lock's folder whose
 * own folder, or one above it, has a `Cargo.lock` of its own (fuzz/Cargo.lock's
 * `app = { path = ".." }`, whose workspace is the root's). That lock says what
 * they depend on in their own build; this one only what the build of its
 * members takes with them (see {@linkcode withForeignCratesInlined}).
 */
function foreignPathCrates(
  pathFolders: ReadonlyMap<string, string>,
  members: ReadonlySet<string>,
  options: CargoLockOptions,
): Set<string> {
  const { load } = options;
  const base = folderOf(options.path);
  const foreign = new Set<string>();
  if (load === undefined) return foreign;
  for (const [name, folder] of pathFolders) {
    if (members.has(name)) continue;
    for (let dir = folder; dir !== base; dir = folderOf(dir)) {
      if (load(joinPath(dir, "Cargo.lock")) !== undefined) {
        foreign.add(name);
        break;
      }
      if (dir === "") break;
    }
  }
  return foreign;
}

/**
 * The edges with those from the crates of `foreign` (another workspace's,
 * see {@linkcode foreignPathCrates}) taken by the crates that depend on them:
 * what this build resolves for such a crate is part of this build, in the
 * scope it is reached in (a fuzz crate's dev), not the crate's own, which
 * its workspace's lock says. Without this, the member that the two locks
 * share had the dependencies of both builds (fuzz/Cargo.lock's older
 * `memchr` a runtime dependency of the shipped crate).
 */
function withForeignCratesInlined(edges: readonly Edge[], foreign: ReadonlySet<string>): Edge[] {
  if (foreign.size === 0) return [...edges];
  const byFrom = Map.groupBy(edges, (e) => e.from);
  const out: Edge[] = [];
  for (const edge of edges) {
    if (foreign.has(edge.from)) continue;
    const seen = new Set<string>();
    for (const stack = [edge]; stack.length > 0;) {
      const { to, scope } = stack.pop()!;
      if (seen.has(`${to}\0${scope}`)) continue;
      seen.add(`${to}\0${scope}`);
      out.push({ from: edge.from, to, scope });
      if (!foreign.has(to)) continue;
      for (const next of byFrom.get(to) ?? []) {
        stack.push({ ...next, scope: scope === "runtime" ? next.scope : scope });
      }
    }
  }
  return out;
}

/**
 * What the members' `Cargo.toml` files declare that their entries in the
 * lock do not depend on: the lock is older than the manifests (Cargo locks
 * every declared dependency, whatever the features and targets), and
 * `cargo build` without `--locked` would add them to it; a member the lock
 * does not have at all is one too. One line per manifest, e.g.
 * `Cargo.toml declares proptest, serde`.
 */
function unlockedDeclarations(
  packages: readonly LockedPackage[],
  declared: ReadonlyMap<string, ReadonlyMap<string, DeclaredUse[]>>,
  manifests: ReadonlyMap<string, string>,
): string[] {
  const out: string[] = [];
  const members = new Set<string>();
  for (const pkg of packages) {
    const wanted = declared.get(pkg.name);
    if (pkg.source !== undefined || wanted === undefined) continue;
    members.add(pkg.name);
    const locked = new Set(pkg.dependencies.map((d) => d.split(" ")[0]));
    const missing = [...wanted.keys()].filter((name) => !locked.has(name)).sort();
    if (missing.length > 0) out.push(`${manifests.get(pkg.name)} declares ${missing.join(", ")}`);
  }
  // Cargo locks every member of the workspace, one without dependencies too.
  for (const [name, manifest] of manifests) {
    if (!members.has(name)) out.push(`${manifest} declares the crate ${name} itself`);
  }
  return out;
}

/**
 * Adds to `outside` every path crate (no `source`) that no workspace member
 * names and that only crates of `outside` depend on: a path dependency of a
 * crate outside the project (`../outside` depending on `../outside2`) is
 * outside it too, and its manifest is not there to say so.
 */
function addOutsideDependencies(
  packages: readonly LockedPackage[],
  outside: Set<string>,
  members: ReadonlySet<string>,
): void {
  const dependents = new Map<string, Set<string>>();
  for (const pkg of packages) {
    if (pkg.source !== undefined) continue;
    for (const dependency of pkg.dependencies) {
      const name = dependency.split(" ")[0];
      dependents.set(name, (dependents.get(name) ?? new Set()).add(pkg.name));
    }
  }
  for (let grew = outside.size > 0; grew;) {
    grew = false;
    for (const pkg of packages) {
      const by = dependents.get(pkg.name);
      if (
        pkg.source !== undefined || outside.has(pkg.name) || members.has(pkg.name) ||
        by === undefined || ![...by].every((name) => outside.has(name))
      ) continue;
      outside.add(pkg.name);
      grew = true;
    }
  }
}

/**
 * Reads a `Cargo.lock` (version 3 or 4, or the unversioned v1/v2 format).
 * Packages without a `source` are workspace members (first-party), but for
 * a crate that a member declares, or the root's `[patch.<source>]` /
 * `[replace]` swaps in, by a `path` outside the project (another checkout's
 * code) or under a `vendor/` folder (vendored third-party code, as a
 * Bundler PATH gem there): a component without qualifiers; and the path
 * crates that only such crates depend on. Every other package is
 * a `pkg:cargo` component: crates.io needs no qualifier,
 * other registries get `repository_url`, git sources get
 * `vcs_url=git+<url>@<commit>`. A package that `[replace]` swapped for
 * another (its `replace` field) is that other one. Dependencies in the `name`, `name version`
 * and `name version (source)` forms are resolved to the exact package. A
 * member's edges take the scopes its `Cargo.toml` declares them in (dev,
 * build, optional; runtime when the manifest is not there), and every crate
 * the scopes it is reached through.
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root;
 *   `load` and `list`: the workspace's manifests.
 * @returns Members, components and edges.
 */
export function readCargoLock(text: string, options: CargoLockOptions): ReaderResult {
  const { path } = options;
  const lock = parseToml(text, path, CODE);
  if (lock.version !== undefined && lock.version !== 3 && lock.version !== 4) {
    throw new VouchError(
      "inventory.cargo_lock.unsupported_version",
      `${path}:${nthLine(text, /^\s*version\s*=/) ?? 1}: Cargo.lock version ${
        JSON.stringify(lock.version)
      } is not supported`,
      "regenerate it with a Cargo release that writes version 3 or 4",
    );
  }
  const packages = readPackages(lock, text, path);
  const { scopes: declared, pathCrates, manifests, outside, places, pathFolders, missing } =
    memberScopes(
      options,
    );
  // Cargo locks every crate of the workspace (its root package and members) as a package: a lock
  // of a workspace that has crates but no package at all was cut short before the first. (An
  // out-of-date lock still has the crates it was made with; an empty workspace's has none.)
  // Nor does Cargo write a lock with neither: every workspace has a crate, and Cargo 1.53+
  // writes `version` first (an empty file, or one cut inside its first comment).
  if (packages.length === 0 && lock.version === undefined && lock.root === undefined) {
    throw invalid(
      path,
      lastLine(text),
      "no `version` and no [[package]]: Cargo writes at least the workspace's own crates, so the " +
        "file is empty or cut short",
    );
  }
  if (packages.length === 0 && declared.size > 0) {
    throw invalid(
      path,
      lastLine(text),
      `no [[package]], though the workspace has ${
        [...declared.keys()].join(", ")
      }: Cargo locks each crate of it, so the file is cut short`,
    );
  }
  addOutsideDependencies(packages, outside, new Set(declared.keys()));
  const foreign = foreignPathCrates(pathFolders, new Set(declared.keys()), options);
  const out = new OutputBuilder();
  const byName = new Map<string, LockedPackage[]>();
  // A path crate of the name and version of a registry or git crate has that crate's purl.
  const sourced = new Set(packages.filter((p) => p.source !== undefined).map(nameVersion));
  for (const pkg of packages) {
    byName.set(pkg.name, (byName.get(pkg.name) ?? []).concat(pkg));
    if (pkg.replace !== undefined) continue;
    // A package without a source is a path crate: the project's own, unless a manifest names
    // it by a folder outside the project or under vendor/ (third-party code: a component).
    if (pkg.source === undefined && !outside.has(pkg.name)) {
      const purl = cargoPurl(pkg.name, pkg.version);
      const id = sourced.has(nameVersion(pkg)) ? `path:${purl}` : purl;
      pkg.id = out.member({ id, name: pkg.name, version: pkg.version, purl });
      // Another workspace's crate is this build's through the crates that depend on it.
      if (!foreign.has(pkg.name)) out.edge(ROOT_ID, pkg.id, "runtime");
      continue;
    }
    const { qualifiers, downloadLocation } = pkg.source === undefined
      ? { qualifiers: {}, downloadLocation: undefined }
      : origin(pkg.name, pkg.version, pkg.source);
    pkg.id = out.component({
      purl: cargoPurl(pkg.name, pkg.version, qualifiers),
      ecosystem: "cargo",
      name: pkg.name,
      version: pkg.version,
      hashes: pkg.checksum ? [{ alg: "sha256", hex: pkg.checksum }] : [],
      downloadLocation,
      sources: [path],
    });
  }
  /**
   * The one package a `name`, `name version` or `name version (source)`
   * reference means. Cargo writes a reference's source without the `#<commit>`
   * its package's `source` ends with (a v1 lock's `(git+https://…/x.git)`):
   * sources are compared without it, as Cargo compares them.
   */
  const target = (reference: string, of: LockedPackage): LockedPackage => {
    const [name, version, source] = reference.split(" ");
    const wanted = source === undefined
      ? undefined
      : withoutPrecise(source.replace(/^\(|\)$/g, ""));
    const matching = (byName.get(name) ?? []).filter((c) =>
      (version === undefined || c.version === version) &&
      (wanted === undefined || withoutPrecise(c.source) === wanted)
    );
    // A path crate has no source to write: a reference without one is the path crate when
    // another package has its name and version (cargo's `lookup_id`).
    const paths = source === undefined ? matching.filter((c) => c.source === undefined) : [];
    const candidates = paths.length === 1 ? paths : matching;
    if (candidates.length !== 1) {
      throw invalid(
        path,
        lineOfPackage(text, of.name),
        `dependency "${reference}" of ${of.name} ${of.version} matches ${candidates.length} packages`,
      );
    }
    return candidates[0];
  };
  for (const pkg of packages) {
    if (pkg.replace !== undefined) pkg.id = target(pkg.replace, pkg).id;
  }
  const edges: Edge[] = [];
  for (const pkg of packages) {
    for (const dependency of pkg.dependencies) {
      const uses = pkg.source === undefined
        ? (declared.get(pkg.name) ?? pathCrates.get(pkg.name))?.get(dependency.split(" ")[0])
        : undefined;
      const to = target(dependency, pkg);
      for (const scope of scopesOf(uses, to)) {
        edges.push({ from: pkg.id, to: to.id, scope });
      }
    }
  }
  const foreignIds = new Set(
    packages.filter((p) => p.source === undefined && foreign.has(p.name)).map((p) => p.id),
  );
  for (const e of withForeignCratesInlined(edges, foreignIds)) out.edge(e.from, e.to, e.scope);
  out.propagateScopes();
  const result: ReaderResult = {
    ...out.build({ directFromEdges: true }),
    ...memberFolders(places),
  };
  const warnings: string[] = [];
  const unlocked = unlockedDeclarations(packages, declared, manifests);
  if (unlocked.length > 0) {
    warnings.push(
      `${path} does not lock what its workspace declares (${
        unlocked.join("; ")
      }): the lock is out of date and those crates are not in the SBOM; run \`cargo update --workspace\` and commit ${path}`,
    );
  }
  if (missing.length > 0) {
    const rootPath = joinPath(folderOf(path), "Cargo.toml");
    warnings.push(
      `${rootPath} names the workspace member${missing.length > 1 ? "s" : ""} ${
        missing.join(", ")
      }, which ${missing.length > 1 ? "have" : "has"} no Cargo.toml in the project (a git ` +
        "submodule not checked out?): Cargo refuses to build the workspace, and the SBOM has " +
        `only what ${path} locks for ${missing.length > 1 ? "them" : "it"}`,
    );
  }
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}
