/**
 * Reader for Bun's text lockfile `bun.lock` (lockfileVersion 0 to 3: Bun
 * 1.4 writes 2 for new lockfiles, its content the same as 1's, and 3 when the project has a
 * nested override, `"overrides": { "body-parser": { "debug": "2.6.8" } }`, its packages
 * written as 2's). Its
 * binary predecessor `bun.lockb` is not read (see `_known_files.ts`).
 *
 * @module
 */

import { npmGitVcsUrl } from "../_vcs.ts";
import { VouchError } from "../../errors.ts";
import { isRecord } from "../../_util.ts";
import { OutputBuilder } from "../_builder.ts";
import type { ReaderContext, ReaderResult } from "../_reader.ts";
import { sriHashes } from "../_sri.ts";
import { linkedFolders, type LocalPlace, localPlace, memberFolders } from "../_paths.ts";
import { keyLine, lineAt, objectAt, stringAt } from "../_formats/json.ts";
import { parseJsoncObject } from "../_formats/jsonc.ts";
import { ROOT_ID, type Scope } from "../types.ts";
import {
  alsoDeclared,
  folderMember,
  folderOf,
  joinPath,
  loadPackageJson,
  lockProjectNode,
  MANIFEST_FIELDS,
  manifestProjectFields,
  npmComponent,
  originQualifiers,
  outsideFolderWarning,
  type Reach,
  reach,
  reachScopes,
  staleRecordWarning,
  TARBALL,
  tarballVersion,
  undeclaredRecordWarning,
  unlockedWarning,
  withoutExcludedMembers,
} from "./_npm.ts";
import { type BunDep, isolatedGraph, isolatedLinker } from "./_bun_linker.ts";

const CODE = "inventory.bun_lock.invalid";

/** A `link:` reference that is a path (`./libs/x`, `../x`, `/abs`), not a `bun link` name. */
const LINK_PATH = /^(?:\.\.?(?:\/|$)|\/)/;

/** The dependency maps of a workspace or package and the scope each one gives. */
const FIELDS: ReadonlyArray<[string, Scope]> = [...MANIFEST_FIELDS, [
  "peerDependencies",
  "runtime",
]];

/** One `packages` entry, decoded. */
interface Entry {
  key: string;
  name: string;
  /** What follows `name@` in the entry's identifier. */
  ref: string;
  info: Record<string, unknown>;
  /** The registry tarball URL (npm entries; empty for the default registry). */
  url?: string;
  integrity?: string;
  /** The commit Bun resolved (git and GitHub entries). */
  tag?: string;
}

/** An error at the line of a `packages` entry (`"key": [`), else of the first `"key":`. */
function fail(text: string, path: string, key: string, what: string): VouchError {
  const entry = text.indexOf(`${JSON.stringify(key)}: [`);
  return new VouchError(
    CODE,
    `${path}:${entry === -1 ? keyLine(text, key) : lineAt(text, entry)}: ${what}`,
    `regenerate ${path} with \`bun install\``,
  );
}

/**
 * The parents of a `packages` key (`a/@s/b/c` → `a/@s/b`, `a`, ``), nearest first, but for
 * those no key nests under (not in `nests`: no `parent/name` is there to find); `""` is kept.
 */
function parentKeys(key: string, nests: ReadonlySet<string>): readonly string[] {
  let found: string[] | undefined;
  // Each name of the key in turn (a scoped one, `@s/b`, spans two parts), the key up to it.
  for (let start = 0;;) {
    let end = key.indexOf("/", start);
    if (end !== -1 && key.startsWith("@", start)) end = key.indexOf("/", end + 1);
    const parent = end === -1 ? key : key.slice(0, end);
    if (parent === "" || nests.has(parent)) (found ??= []).push(parent);
    if (end === -1) break;
    start = end + 1;
  }
  if (found === undefined) return ROOT_ONLY;
  found.reverse().push("");
  return found;
}

/** The parents of a key nothing nests under: the root alone (shared, never changed). */
const ROOT_ONLY: readonly string[] = [""];

/** Adds to `nests` each `p` that `key` nests under (`a/b/c` → `a`, `a/b`). */
function addNests(nests: Set<string>, key: string): void {
  for (let slash = key.indexOf("/"); slash !== -1; slash = key.indexOf("/", slash + 1)) {
    nests.add(key.slice(0, slash));
  }
}

function decodeEntry(text: string, path: string, key: string, value: unknown): Entry {
  if (!Array.isArray(value) || typeof value[0] !== "string") {
    throw fail(text, path, key, `package ${JSON.stringify(key)} is not an [identifier, …] array`);
  }
  const ident: string = value[0];
  // The project's own package, `["<name>@root:", info]`: a root package.json with no name is
  // `"@root:"` (Bun writes the entry when a dependency such as `file:.` resolves to the root).
  const at = ident === "@root:" ? 0 : ident.indexOf("@", 1);
  if (at <= 0 && ident !== "@root:") {
    throw fail(text, path, key, `package ${JSON.stringify(key)} has no name@version identifier`);
  }
  const name = ident.slice(0, at);
  const ref = ident.slice(at + 1);
  const npm = /^\d/.test(ref);
  const info = npm ? value[2] : value[1];
  // A tarball (a URL, or a file of the tree) is `[ident, info, integrity]`; a git or GitHub
  // entry `[ident, info, commit, integrity]`, like an npm one's integrity last.
  const tarball = !npm && /^https?:\/\/|\.(?:tgz|tar\.gz)(?:[?#].*)?$/s.test(ref);
  const integrity = tarball ? value[2] : value[3];
  return {
    key,
    name,
    ref,
    info: isRecord(info) ? info : {},
    url: npm && typeof value[1] === "string" ? value[1] : undefined,
    integrity: typeof integrity === "string" && integrity !== "" ? integrity : undefined,
    tag: !npm && !tarball && typeof value[2] === "string" ? value[2] : undefined,
  };
}

/**
 * Reads Bun's text lockfile `bun.lock` (JSONC, lockfileVersion 0 to 3).
 * Workspaces are the project (`""`) and its members (never components; a
 * registry package that shares a member's name is one). Every other
 * `packages` entry is a component named by its identifier (aliases are the
 * real package), with the integrity as hashes; nested `parent/child` keys are
 * the same components, resolved the way Bun installs them (nearest parent
 * first); with Bun's isolated linker (its default for a workspace project whose
 * lock has `configVersion` 1, or bunfig.toml's `[install] linker`) a package's
 * peer is what the nearest package above it on its install path provides. Tarball URLs without a version take it from a `name-<version>.tgz`
 * file name and carry `download_url` (`vcs_url` for a hosted git archive, GitHub's codeload one,
 * the git source at that commit; a registry's tarball, `…/name/-/name-1.0.0.tgz`,
 * is that registry's package: no qualifier for the public one, else `repository_url`);
 * git and GitHub entries carry `vcs_url`;
 * `file:` folders of the project are first-party members (one outside it,
 * another checkout, is a component, and so is a workspace there, with the name
 * and version its record gives; and a `link:<name>`, which Bun takes from its
 * global link folder, `bun link`'s; a `link:` path is a folder); `patchedDependencies` are
 * recorded on the patched component. A `"bundled": true` entry, and what only such entries
 * reach, is no component: Bun installs none of it (the dependent's tarball ships the copies,
 * whose versions the lock does not record). An optional dependency of a workspace
 * that the lock leaves out (Bun skips one it cannot resolve, such as a
 * platform package of the project's own next release) is a warning.
 *
 * @example
 * ```ts
 * import { readBunLock } from "./bun_lock.ts";
 * const lock = `{
 *   "lockfileVersion": 1,
 *   "workspaces": { "": { "name": "app", "dependencies": { "ms": "^2.1.3", }, }, },
 *   "packages": { "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="], },
 * }`;
 * readBunLock(lock, { path: "bun.lock", load: () => undefined }).components[0].id;
 * // "pkg:npm/ms@2.1.3"
 * ```
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root;
 *   `load`: reads the package.json beside it (the project's license and description).
 * @returns Members, components, edges and the project.
 * @throws {VouchError} `inventory.bun_lock.invalid` with `file:line` for
 *   malformed JSONC, an unsupported lockfileVersion, a malformed entry or a
 *   dependency the lock does not resolve.
 */
export function readBunLock(
  text: string,
  options: Pick<ReaderContext, "load" | "excluded"> & { path: string },
): ReaderResult {
  const { path, load } = options;
  const lock = parseJsoncObject(text, path, CODE);
  // Version 2 (Bun 1.4) is written exactly as 1; Bun only checks more when reading it. Version
  // 3 (Bun 1.4, for a nested override) only allows an object as an override's value.
  if (![0, 1, 2, 3].includes(lock.lockfileVersion as number)) {
    throw fail(
      text,
      path,
      "lockfileVersion",
      `lockfileVersion ${
        JSON.stringify(lock.lockfileVersion ?? null)
      } is not supported (0 to 3 are)`,
    );
  }
  const lockDir = folderOf(path);
  const out = new OutputBuilder();
  const workspaces = objectAt(lock, "workspaces");
  const rootRecord = isRecord(workspaces[""]) ? workspaces[""] : {};
  const rootManifest = loadPackageJson(load, joinPath(lockDir, "package.json"));
  const manifest = rootManifest ?? {
    path,
    json: rootRecord,
    name: stringAt(rootRecord, "name"),
    version: stringAt(rootRecord, "version"),
  };
  const top = lockProjectNode(out, lockDir, manifest);
  const folderIds = new Map<string, string>([["", top]]);
  /**
   * A member, named by its package.json (a workspace's only when it names the package: the
   * lock's record of it when not), as the other readers name members: what is released is the
   * folder's package.json, which a version bump since the lock was saved changed; else as the
   * lock's workspace entry says, or by the name a `file:` folder is linked under.
   */
  const folderId = (folder: string, name: string, version?: string, workspace = false): string => {
    let id = folderIds.get(folder);
    // The tree's root folder (`file:..` from a nested project's lock, an example app's link to
    // the library it shows) is the project itself, as a package.json's `link:..` is.
    if (id === undefined && joinPath(lockDir, folder) === "") return ROOT_ID;
    if (id === undefined) {
      const own = loadPackageJson(load, joinPath(lockDir, folder, "package.json"));
      const manifest = workspace && own?.name === undefined ? undefined : own;
      const member = manifest ?? { path: "", json: {}, name, version };
      id = out.member(folderMember(joinPath(lockDir, folder), member));
      folderIds.set(folder, id);
    }
    return id;
  };
  /**
   * Where the folders lie whose dependencies the lock resolves: the workspaces and
   * `file:` folders (not a `link:` one: Bun installs none of its dependencies).
   */
  const places: LocalPlace[] = [];
  /** Where the `link:` folders lie (see `linkedFolders` in `_paths.ts`). */
  const linked: LocalPlace[] = [];
  /** The workspaces outside the project (another checkout, never loaded), by folder. */
  const outsideWorkspaces = new Map<string, Record<string, unknown>>();
  for (const [folder, value] of Object.entries(workspaces)) {
    const ws = isRecord(value) ? value : {};
    if (localPlace(path, folder).kind === "outside") {
      outsideWorkspaces.set(joinPath(folder), ws);
      continue;
    }
    const name = stringAt(ws, "name");
    folderId(joinPath(folder), name ?? folder, stringAt(ws, "version"), name !== undefined);
    places.push(localPlace(path, folder));
  }

  const entries = new Map<string, Entry>();
  /** Every `p` that a key of `entries` nests under (`p/…`): see `parentKeys`. */
  const nests = new Set<string>();
  const packages = objectAt(lock, "packages");
  for (const key of Object.keys(packages)) {
    entries.set(key, decodeEntry(text, path, key, packages[key]));
    addNests(nests, key);
  }
  const patches = objectAt(lock, "patchedDependencies");
  /** Whether any package is patched: most locks patch none, and need no `name@version` keys. */
  const patching = Object.keys(patches).length > 0;
  const ids = new Map<Entry, string>();
  /** The entry a dependency named `name` of the package at `key` resolves to. */
  const resolve = (parents: readonly string[], name: string): Entry | undefined => {
    // Indexed: a cold run's for-of makes an iterator and a result object per dependency.
    for (let i = 0; i < parents.length; i++) {
      const parent = parents[i];
      const found = entries.get(parent === "" ? name : `${parent}/${name}`);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  /**
   * The optional dependencies of packages that the lock leaves out: Bun skips one it cannot
   * resolve when it reads the lock (`bun.lock.zig`: an optional dependency with no entry up the
   * package's path is passed over), as it skips one it could not resolve when it wrote the lock;
   * a lock cut short between entries loses some the same way. Named in a warning.
   */
  const leftOut: string[] = [];
  /** The names of the `"bundled": true` dependencies of each entry (by key): its tarball's own. */
  const bundledBy = new Map<string, string[]>();
  /**
   * Dependencies of a workspace or an entry, resolved as the lock's keys nest; unresolved
   * optional ones skipped (a workspace's are added to `skipped`, `name@range`: Bun leaves out
   * an optional dependency it cannot resolve, such as a platform package of the project's own
   * release), unresolved peers kept (an isolated install may link one to what a package above
   * provides). Without `skipped` (a package's), to `leftOut` as `<owner> → name@range`.
   */
  const depsOf = (
    owner: string,
    key: string,
    info: Record<string, unknown>,
    skipped?: string[],
  ): BunDep<Entry>[] => {
    const optionalPeers: unknown[] = Array.isArray(info.optionalPeers) ? info.optionalPeers : [];
    const parents = parentKeys(key, nests);
    const deps: BunDep<Entry>[] = [];
    // Indexed, and `[i][0]`, not `[a, b]`: no iterator (the binary runs code cold).
    for (let f = 0; f < FIELDS.length; f++) {
      const field = FIELDS[f][0];
      const scope = FIELDS[f][1];
      const map = info[field];
      if (!isRecord(map)) continue;
      const peer = field === "peerDependencies";
      for (const name in map) {
        // A peer that another field also names is an edge of its own (the "peer + dev" pattern
        // too): Bun's package.json parsing keeps a peer beside the declaration of that name, and
        // `Behavior.isEnabled` installs a peer whatever `--production` leaves out; but for an
        // optional one, which Bun installs for no one (`--production` installs no such package).
        if (peer && optionalPeers.includes(name) && alsoDeclared(info, name)) continue;
        const to = resolve(parents, name);
        // A `"bundled": true` entry ships in its dependent's tarball: Bun records the version it
        // resolves for it and installs nothing for the edge (its `Behavior.bundled`).
        if (to?.info.bundled === true) {
          const names = bundledBy.get(key);
          if (names === undefined) bundledBy.set(key, [name]);
          else names.push(name);
          continue;
        }
        const optional = scope === "optional" || (peer && optionalPeers.includes(name));
        if (to !== undefined || peer) {
          deps.push({ name, to, scope: optional ? "optional" : scope, peer });
        } else if (field === "optionalDependencies") {
          if (skipped !== undefined) skipped.push(`${name}@${map[name]}`);
          else leftOut.push(`${owner} → ${name}@${map[name]}`);
        } else if (!optional) {
          throw fail(
            text,
            path,
            owner,
            `${owner} depends on ${name}, which the lock does not resolve`,
          );
        }
      }
    }
    return deps;
  };
  /** The links of dependencies as the lock's keys resolve them (Bun's hoisted install). */
  const hoisted = (deps: readonly BunDep<Entry>[], skip?: ReadonlySet<Entry>): [Entry, Scope][] => {
    const links: [Entry, Scope][] = [];
    for (let i = 0; i < deps.length; i++) {
      const to = deps[i].to;
      if (to !== undefined && !skip?.has(to)) links.push([to, deps[i].scope]);
    }
    return links;
  };

  /**
   * The project's workspaces, member id and dependencies, the root first; an outside
   * workspace the lock does not name has no id.
   */
  const roots: [string | undefined, BunDep<Entry>[]][] = [[top, []]];
  const warnings: string[] = [];
  for (const [folder, value] of Object.entries(workspaces)) {
    if (outsideWorkspaces.has(joinPath(folder))) continue;
    const ws = isRecord(value) ? value : {};
    const id = folderIds.get(joinPath(folder))!;
    const name = stringAt(ws, "name");
    const own = folder === "" || name === undefined ? "" : name;
    const skipped: string[] = [];
    const deps = depsOf(folder === "" ? "workspaces" : folder, own, ws, skipped);
    if (folder === "") roots[0][1] = deps;
    else roots.push([id, deps]);
    if (skipped.length > 0) {
      warnings.push(
        unlockedWarning(joinPath(lockDir, folder, "package.json"), skipped, {
          lock: path,
          install: "bun install",
          optional: true,
        }),
      );
    }
  }
  // A workspace outside the project is a component: its `packages` entry
  // (`name@workspace:../x`), else one of its own, with the name, version and
  // dependencies its workspace record gives.
  const outsideVersions = new Map<Entry, string | undefined>();
  for (const [folder, ws] of outsideWorkspaces) {
    const name = stringAt(ws, "name");
    if (name === undefined) {
      warnings.push(
        `${path}: workspace ${folder} is a folder outside the project, and the lock does not ` +
          "name its package: it is not in the SBOM, its dependencies are",
      );
      roots.push([undefined, depsOf(folder, "", ws)]);
      continue;
    }
    let entry = [...entries.values()].find((e) =>
      e.ref.startsWith("workspace:") && joinPath(e.ref.slice("workspace:".length)) === folder
    );
    if (entry === undefined) {
      entry = { key: name, name, ref: `workspace:${folder}`, info: {} };
      entries.set(folder, entry);
      addNests(nests, folder);
    }
    entry.info = ws;
    outsideVersions.set(entry, stringAt(ws, "version"));
  }
  const entryDeps = new Map<Entry, BunDep<Entry>[]>();
  for (const entry of entries.values()) {
    entryDeps.set(entry, depsOf(entry.key, entry.key, entry.info));
  }
  /** Adds to `into` what `from` reaches through `entryDeps`, short of what `stop` holds. */
  const closure = (from: (Entry | undefined)[], into: Set<Entry>, stop: Set<Entry>): void => {
    const stack = from.filter((e): e is Entry => e !== undefined);
    while (stack.length > 0) {
      const entry = stack.pop()!;
      if (into.has(entry) || stop.has(entry)) continue;
      into.add(entry);
      const deps = entryDeps.get(entry)!;
      for (let i = 0; i < deps.length; i++) if (deps[i].to !== undefined) stack.push(deps[i].to!);
    }
  };
  const installed = new Set<Entry>();
  closure(
    [...roots.flatMap(([, deps]) => deps.map(({ to }) => to)), ...outsideVersions.keys()],
    installed,
    new Set(),
  );
  // What only bundled packages reach ships in their dependents' tarballs too (npm@10.9.2's
  // `npm/@isaacs/cliui`, a dependency of its bundled glob): Bun installs none of it, and the
  // versions it records are what the registry gave, not the copies the tarball ships (npm@10.9.2
  // bundles @npmcli/arborist 8.0.0, which a lock of 2026 records as 8.0.5).
  const bundled = new Set<Entry>();
  closure([...entries.values()].filter((e) => e.info.bundled === true), bundled, installed);
  for (const entry of bundled) {
    entries.delete(entry.key);
    entryDeps.delete(entry);
  }
  const targets = new Map<Entry, [Entry, Scope][]>();
  // `forEach`: a cold run's for-of over a Map makes an iterator and a pair per entry.
  entryDeps.forEach((deps, entry) => targets.set(entry, hoisted(deps, bundled)));
  // One that nothing depends on is installed as a project is.
  for (const entry of outsideVersions.keys()) {
    const linked = roots.some(([, deps]) => deps.some(({ to }) => to === entry)) ||
      [...targets.values()].some((list) => list.some(([to]) => to === entry));
    if (!linked) roots[0][1].push({ name: entry.name, to: entry, scope: "runtime", peer: false });
  }
  // Bun's isolated linker links a package's peers to what a package above it provides, where
  // the hoisted one finds them as the keys nest.
  const bunfig = joinPath(lockDir, "bunfig.toml");
  let firstLinks = roots.map(([, deps]) => hoisted(deps));
  // Walked only when asked: with the isolated linker, only for a package installed nowhere.
  const hoistedLinks = firstLinks.flat();
  /** The links of the hoisted layout (a copy before the isolated one replaces some). */
  let hoistedTargets = targets;
  let hoistedReach: Reach | undefined;
  const hoistedScopes = (entry: Entry): Scope[] =>
    reachScopes(hoistedReach ??= reach(hoistedLinks, (e) => hoistedTargets.get(e)!), entry);
  let scopesOf = hoistedScopes;
  const isolated = isolatedLinker(lock, { path: bunfig, text: load(bunfig) }, { code: CODE });
  const graph = isolated ? isolatedGraph(roots.map(([, deps]) => deps), entryDeps) : undefined;
  if (isolated && graph === undefined) {
    warnings.push(
      `${path}: Bun's isolated linker would install its packages in more copies than vouch ` +
        "follows (peers that resolve differently down every path): peers are read as the " +
        "hoisted layout gives them, so some edges and scopes may differ from the install",
    );
  }
  if (graph !== undefined) {
    hoistedTargets = new Map(targets);
    firstLinks = graph.firstEdges;
    // An entry no install path reaches (a key the hoisted layout needs, such as a peer Bun
    // installs at the top for a package that is not there in this layout) is nothing when
    // its package is installed from another entry; one of a package installed nowhere keeps
    // the links and scopes of the hoisted layout.
    const ident = ({ name, ref }: Entry): string => `${name}@${ref}`;
    const installed = new Set([...graph.targets.keys()].map(ident));
    const elsewhere = (entry: Entry): boolean =>
      !graph.targets.has(entry) && installed.has(ident(entry));
    for (const [entry, list] of graph.targets) targets.set(entry, list);
    for (const entry of targets.keys()) if (elsewhere(entry)) targets.set(entry, []);
    scopesOf = (entry) =>
      graph.targets.has(entry)
        ? reachScopes(graph.reached, entry)
        : elsewhere(entry)
        ? []
        : hoistedScopes(entry);
  }

  /**
   * The packages no workspace reaches (a lock edited by hand or merged): Bun installs none of them
   * (1.4.5's `bun install --frozen-lockfile` installs only what the workspaces' dependencies
   * reach), so they are dev, with a warning.
   */
  const stray: string[] = [];
  for (const entry of entries.values()) {
    const { name, ref } = entry;
    const local = /^(workspace|link|file|root):/.exec(ref);
    if (local && !(local[1] === "file" && TARBALL.test(ref))) {
      const folder = local[1] === "root" ? "" : joinPath(ref.slice(local[0].length));
      const place = localPlace(path, folder);
      // A folder outside the project (another checkout, `file:../../lib`, a workspace
      // `../shared`) is third-party; Bun records no version for a folder but a workspace. So
      // is a `link:<name>`: Bun takes it from its global link folder, where `bun link`
      // registered it. A `link:` path is a folder, written from the lock's folder as `file:`
      // ones are (a workspace's `link:../../libs/x` is locked `x@link:./libs/x`), which Bun
      // 1.4 symlinks into node_modules as it is, installing none of its dependencies.
      const global = local[1] === "link" && !LINK_PATH.test(ref.slice(local[0].length));
      const outside = global || (local[1] !== "root" && place.kind === "outside");
      if (!global) (local[1] === "link" ? linked : places).push(place);
      if (outside && !global) warnings.push(outsideFolderWarning(path, name, path, folder));
      ids.set(
        entry,
        outside
          ? out.component(npmComponent({
            name,
            version: outsideVersions.get(entry),
            scopes: scopesOf(entry),
            sources: [path],
          }))
          : folderId(folder, name),
      );
      continue;
    }
    let version: string | undefined;
    let qualifiers: Record<string, string> = {};
    let downloadLocation: string | undefined;
    if (/^\d/.test(ref)) {
      version = ref;
      if (entry.url) {
        qualifiers = originQualifiers(name, entry.url);
        downloadLocation = entry.url;
      }
    } else if (/^(git\+|git:|github:|gitlab:|bitbucket:|ssh:)/.test(ref)) {
      const vcs = npmGitVcsUrl(
        ref.includes("#") || entry.tag === undefined ? ref : `${ref}#${entry.tag}`,
      );
      qualifiers = { vcs_url: vcs };
      downloadLocation = vcs;
    } else if (/^https?:\/\//.test(ref)) {
      // A registry's tarball is that registry's package (none for the public one, else
      // repository_url); any other URL is its download_url.
      version = tarballVersion(name, ref);
      qualifiers = originQualifiers(name, ref);
      downloadLocation = ref;
    } else {
      // A tarball in the tree (`file:vendor/x-1.0.0.tgz`, or written as a bare path): no URL,
      // its `file_name`.
      version = tarballVersion(name, ref);
      qualifiers = originQualifiers(name, ref);
    }
    const patch = patching ? stringAt(patches, `${name}@${version}`) : undefined;
    if (!installed.has(entry)) stray.push(`${name}@${version ?? ref}`);
    ids.set(
      entry,
      out.component(npmComponent({
        name,
        version,
        qualifiers,
        hashes: sriHashes(entry.integrity),
        downloadLocation,
        scopes: installed.has(entry) ? scopesOf(entry) : ["dev"],
        sources: [path],
        patches: patch === undefined ? [] : [patch],
        bundled: bundledBy.get(entry.key),
      })),
    );
  }
  if (stray.length > 0) {
    const them = stray.length === 1 ? "it" : "them";
    warnings.push(
      `${path} locks ${stray.slice(0, 10).join(", ")}${
        stray.length > 10 ? ` and ${stray.length - 10} more` : ""
      }, which no workspace reaches (a lock edited by hand or merged; Bun installs only what ` +
        `the workspaces reach, not ${them}): the SBOM keeps ${them} as the lock does, dev`,
    );
  }
  roots.forEach(([from], i) => {
    if (from === undefined) return;
    for (const { 0: to, 1: scope } of firstLinks[i]) out.edge(from, ids.get(to)!, scope);
  });
  targets.forEach((list, entry) => {
    const from = ids.get(entry)!;
    for (let i = 0; i < list.length; i++) out.edge(from, ids.get(list[i][0])!, list[i][1]);
  });
  for (const [folder, id] of folderIds) if (folder !== "") out.edge(top, id, "runtime");

  for (const [folder, value] of Object.entries(workspaces)) {
    const ws = isRecord(value) ? value : {};
    const manifest = folder === ""
      ? rootManifest
      : loadPackageJson(load, joinPath(lockDir, folder, "package.json"));
    const recorded = new Set(FIELDS.flatMap(([field]) => Object.keys(objectAt(ws, field))));
    const install = "bun install";
    warnings.push(
      ...[
        staleRecordWarning(manifest, recorded, { lock: path, install }),
        undeclaredRecordWarning(manifest, recorded, {
          lock: path,
          install,
          frozen: "bun install --frozen-lockfile",
        }),
      ].filter((w): w is string => w !== undefined),
    );
  }
  if (leftOut.length > 0) {
    warnings.push(
      `${path}: ${leftOut.join(", ")}: the lock has no entry for ${
        leftOut.length === 1 ? "this optional dependency" : "these optional dependencies"
      } (Bun installs a package without one it could not resolve; a lock cut short loses ` +
        "some too): not in the SBOM; run `bun install` to update the lock if it is cut short",
    );
  }
  const project = manifestProjectFields(manifest);
  return withoutExcludedMembers({
    ...out.build({ directFromEdges: true }),
    ...project,
    ...(warnings.length > 0 ? { warnings } : {}),
    ...memberFolders(places),
    ...linkedFolders(linked, places),
  }, options.excluded);
}
