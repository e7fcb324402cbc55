// Private: the merge of every file's reader output into one, with each
// manifest folded into the lockfiles that resolve it.
import { posix } from "../_path.ts";
import { OutputBuilder } from "./_builder.ts";
import { packageKey } from "./purl.ts";
import { type Reach, reach, reachScopes } from "./_reach.ts";
import type { ExtraLinks, Reader, ReaderResult } from "./_reader.ts";
import type { Component, Ecosystem, Edge, Project, ReaderOutput, Scope } from "./types.ts";
import { compareEdges, ROOT_ID } from "./types.ts";
import { compareStrings } from "../_util.ts";

/** One file read: its path, its reader and what the reader made of it. */
export interface ReadFile {
  /** Path relative to the project root, `/`-separated. */
  path: string;
  /** The reader. */
  reader: Reader;
  /** Its output. */
  output: ReaderResult;
  /**
   * For a lockfile a manifest names (deno.json's `"lock"`, see `Reader.lockOption`; a Gradle
   * script's `lockFile = file("…")`, see `ReaderContext.namedBy`): that manifest's folder,
   * whose manifests it resolves.
   */
  folder?: string;
  /**
   * Whether the manifest names it for each project (a Gradle `allprojects { lockFile = … }`):
   * the lock of any project of the build, not only of the manifest's own.
   */
  eachProject?: true;
}

/** The id of the locks' member that is the manifest's project, if any. */
function memberOf(
  manifest: ReaderResult,
  locks: readonly ReaderResult[],
  ecosystem: Ecosystem,
): string | undefined {
  const name = manifest.project?.name;
  if (name === undefined) return undefined;
  const wanted = packageKey(ecosystem, name);
  for (const lock of locks) {
    for (const m of lock.members) if (packageKey(ecosystem, m.name) === wanted) return m.id;
  }
  return undefined;
}

/**
 * Folds a manifest into the lockfiles that resolve it. Each declaration
 * becomes a partial component with the id of every locked package of the same
 * name (by the ecosystem's name rule; direct, with the declared scopes, groups
 * and source), which the merge unites with the locked one; declarations the
 * locks do not have (build requirements, members' own packages, stale
 * entries) are dropped: the lockfile says what ships. A workspace member's
 * manifest (its project is a member of the locks) declares from that member,
 * not from the root; a declaration that names a member links to it, and so
 * does one from a folder of the project's own (`localDeclarations`), or, when
 * the lock has that folder as a package (a checkout outside the project), is
 * that package, declared (`path`: the manifest's, its source). `unmatched`
 * names the declarations (build requirements aside) that found
 * neither a locked package nor a member; with `keepUnmatched` (locks that
 * lock only what they list) those stay, as declared, and so does a pin whose
 * name the locks have with no version only (a requirements file's range that
 * no pin settled). `member` tells whether
 * the manifest's project is a member of the locks. The extras its
 * declarations ask for follow their edges. With `edgesPerMember` (locks whose
 * member entries name each dependency exactly) a member's declaration is only
 * the locked package that member's edges reach, and a declaration that
 * reaches several locked versions of its name (a crate declared at two
 * versions, in two tables) gives each the declared scopes that member's
 * edge to it has, when it has any (none, when another of those versions has
 * one: that version is the declaration's, as a crate from two git refs, one
 * a dev-dependency): the lock's reader matched each declaration to its
 * version; the manifest's one component for the name cannot. With `satisfies` (a lock
 * above that does not know the manifest's project, which it locks nothing for)
 * a declaration is only the locked versions its range admits:
 * vercel/next.js's `examples/blog-starter` pinning `typescript` 4.9.5 does not
 * use the root's 5.5.3, nor a `tools/` crate asking `serde = "0.9"` the root
 * Cargo.lock's 1.0.190.
 */
function foldManifest(
  manifest: ReaderResult,
  locks: readonly ReaderResult[],
  ecosystem: Ecosystem,
  options: {
    path: string;
    keepUnmatched: boolean;
    edgesPerMember: boolean;
    satisfies?: (version: string, range: string | undefined, pinned?: boolean) =>
      | boolean
      | undefined;
  },
): { output: ReaderOutput; extras: ExtraLinks; unmatched: string[]; member: boolean } {
  const { keepUnmatched, satisfies } = options;
  const key = (name: string): string => packageKey(ecosystem, name);
  const lockMember = memberOf(manifest, locks, ecosystem);
  // Or the member for its project that `underOwnMember` made.
  const self = lockMember ?? ownMember(manifest) ?? ROOT_ID;
  // A lock that names each member's dependencies exactly: a member's declaration is what it
  // reaches.
  const memberEdges = options.edgesPerMember && lockMember !== undefined
    ? Map.groupBy(locks.flatMap((l) => l.edges).filter((e) => e.from === self), (e) => e.to)
    : undefined;
  const reached = memberEdges === undefined ? undefined : new Set(memberEdges.keys());
  const locked = Map.groupBy(
    locks.flatMap((l) => l.components).filter((c) => reached?.has(c.id) ?? true),
    (c) => key(c.name),
  );
  const members = Map.groupBy(locks.flatMap((l) => l.members), (m) => key(m.name));
  const targets = new Map<string, string[]>();
  const components: Component[] = [];
  const unmatched: string[] = [];
  /**
   * Of several locked versions a declaration reaches, those the member's edges reach in a
   * scope (all of them when none does).
   */
  const narrowed = (ids: readonly string[], scope: Scope): readonly string[] => {
    if (ids.length < 2) return ids;
    const fitting = ids.filter((id) => memberEdges?.get(id)?.some((e) => e.scope === scope));
    return fitting.length > 0 ? fitting : ids;
  };
  /** A locked package the manifest declares: direct, in the declared scopes and groups. */
  const declare = (
    target: Component,
    declared: Pick<Component, "scopes" | "groups" | "sources">,
  ): void => {
    components.push({
      id: target.id,
      ecosystem: target.ecosystem,
      name: target.name,
      version: target.version,
      purl: target.purl,
      hashes: [],
      direct: true,
      scopes: declared.scopes,
      groups: declared.groups,
      sources: declared.sources,
    });
  };
  for (const declared of manifest.components) {
    const range = declared.specifier ?? declared.version;
    const pinned = declared.specifier === undefined && declared.version !== undefined;
    const named = locked.get(key(declared.name)) ?? [];
    // A registry package of the same index that a lock listing only what it lists names with
    // no version (a requirements file's range no pin settled) does not settle a registry pin:
    // it is the manifest's.
    const unsettled = pinned && keepUnmatched && declared.downloadLocation === undefined
      ? named.filter((c) =>
        c.version === undefined && c.downloadLocation === undefined &&
        qualifiers(c.purl) === qualifiers(declared.purl)
      )
      : [];
    const matches = named.filter((c) =>
      !unsettled.includes(c) && (satisfies === undefined || c.version === undefined ||
        satisfies(c.version, range, pinned) !== false)
    );
    const linked = (members.get(key(declared.name)) ?? []).map((m) => m.id);
    targets.set(declared.id, [...matches.map((m) => m.id), ...linked]);
    if (matches.length + linked.length === 0 && unsettled.length > 0) {
      targets.set(declared.id, [declared.id]);
      components.push(declared);
    } else if (
      matches.length + linked.length === 0 && declared.scopes.some((s) => s !== "build")
    ) {
      unmatched.push(declared.name);
      if (keepUnmatched) {
        targets.set(declared.id, [declared.id]);
        components.push(declared);
      }
    }
    const ids = matches.map((m) => m.id);
    for (const target of matches) {
      const scopes = declared.scopes.filter((s) => narrowed(ids, s).includes(target.id));
      // Another locked version is the one the member's edges reach in the declared scopes: this
      // one is another declaration's (a crate from two git refs, one a dev-dependency).
      const elsewhere = ids.some((id) =>
        id !== target.id && declared.scopes.some((s) => narrowed(ids, s).includes(id))
      );
      if (scopes.length === 0 && elsewhere) continue;
      declare(target, scopes.length > 0 ? { ...declared, scopes } : declared);
    }
  }
  // The manifest's own members (a nested package.json is one) stay, so do their edges: what
  // they declare and the lock lacks is reached from them (vercel/next.js's examples/*).
  for (const m of manifest.members) if (!targets.has(m.id)) targets.set(m.id, [m.id]);
  const folded = <E extends Edge>(edge: E): E[] => {
    const from = edge.from === ROOT_ID ? [lockMember ?? ROOT_ID] : targets.get(edge.from) ?? [];
    return from.flatMap((f) =>
      narrowed(targets.get(edge.to) ?? [], edge.scope).filter((to) => f !== to)
        .map((to) => ({ ...edge, from: f, to }))
    );
  };
  // What the manifest declares from a folder of its own is the edge to the member it is; one
  // the lock has as a package (a folder outside the project, another checkout: poetry2nix's
  // `trivial = { path = "../trivial" }`) is that package, declared.
  const localEdges = (manifest.localDeclarations ?? []).flatMap(({ name, scope }) => {
    const own = (members.get(key(name)) ?? []).filter((m) => m.id !== self);
    if (own.length > 0) return own.map((m) => ({ from: self, to: m.id, scope }));
    const packages = locked.get(key(name)) ?? [];
    for (const target of packages) {
      declare(target, { scopes: [scope], groups: [], sources: [options.path] });
    }
    return packages.map((c) => ({ from: self, to: c.id, scope }));
  });
  return {
    output: {
      members: manifest.members,
      components,
      edges: [...manifest.edges.flatMap(folded), ...localEdges],
    },
    extras: { asks: (manifest.extras?.asks ?? []).flatMap(folded), gates: [] },
    unmatched,
    member: lockMember !== undefined,
  };
}

/** The member for a manifest's own project that {@linkcode underOwnMember} made, if any. */
function ownMember(manifest: ReaderResult): string | undefined {
  const purl = manifest.project?.purl;
  return purl === undefined ? undefined : manifest.members.find((m) => m.id === purl)?.id;
}

/** Every folder from a file's own up to the root (`.`). */
function foldersUp(path: string): string[] {
  const out: string[] = [];
  for (let dir = posix.dirname(path);; dir = posix.dirname(dir)) {
    out.push(dir);
    if (dir === "." || dir === "/" || dir === "") return out;
  }
}

/** The folder of each lockfile read (see {@linkcode lockFolder}), worked out once. */
const LOCK_FOLDERS = new WeakMap<ReadFile, string>();

/**
 * The folder whose manifests a lockfile resolves.
 *
 * @param lock A lockfile read.
 * @returns Its folder (the project's, for one kept in a folder of its own).
 */
export function lockFolder(lock: ReadFile): string {
  let folder = LOCK_FOLDERS.get(lock);
  if (folder === undefined) {
    folder = lock.folder ?? lock.reader.coveredFolder?.(lock.path) ?? posix.dirname(lock.path);
    LOCK_FOLDERS.set(lock, folder);
  }
  return folder;
}

/**
 * The files read, by folder: the lockfiles of each (by {@linkcode lockFolder}), the locks that
 * name each as one of the project's own packages (`memberFolders`), the manifests of each; each
 * list in the files' order. Finding a manifest's locks among all files for every manifest took
 * time growing with the square of their count (3,000 folders of a pyproject.toml and a
 * requirements.txt: 13 s).
 */
interface FileIndex {
  /** How many files the index holds: a list that grew since is indexed again. */
  size: number;
  locks: Map<string, ReadFile[]>;
  naming: Map<string, ReadFile[]>;
  manifests: Map<string, ReadFile[]>;
}

const FILE_INDEXES = new WeakMap<readonly ReadFile[], FileIndex>();

/** The {@linkcode FileIndex} of a list of files read, made once per list (and size). */
function fileIndex(files: readonly ReadFile[]): FileIndex {
  const known = FILE_INDEXES.get(files);
  if (known !== undefined && known.size === files.length) return known;
  const index: FileIndex = {
    size: files.length,
    locks: new Map(),
    naming: new Map(),
    manifests: new Map(),
  };
  for (const f of files) {
    if (f.reader.kind === "manifest") pushTo(index.manifests, posix.dirname(f.path), f);
    if (f.reader.kind !== "lock") continue;
    pushTo(index.locks, lockFolder(f), f);
    for (const folder of new Set(f.output.memberFolders ?? [])) pushTo(index.naming, folder, f);
  }
  FILE_INDEXES.set(files, index);
  return index;
}

/** Adds a value to the list a map keeps under a key. */
function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * The lockfiles that resolve a manifest at `path`: of the lock readers
 * `accepts` admits, those of the nearest folder, the manifest's own or one
 * above, that has any; a lock whose reader `covers` only its `folder` counts
 * only in the manifest's own folder.
 */
function resolvingLocks(
  path: string,
  accepts: (lock: Reader) => boolean,
  files: readonly ReadFile[],
): ReadFile[] {
  const own = posix.dirname(path);
  const { locks } = fileIndex(files);
  for (const dir of foldersUp(path)) {
    const found = (locks.get(dir) ?? []).filter((l) =>
      accepts(l.reader) && (dir === own || l.reader.covers !== "folder") &&
      (l.reader.owns?.(l.path, path) ?? true)
    );
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * The lockfiles that resolve a manifest read: those of {@linkcode resolvingLocks}
 * when they know its project (they are of its own folder, or it is one of their
 * members); else, when any do, the locks that name its folder as one of the
 * project's own packages (`memberFolders`: `repo_a/uv.lock`'s editable
 * `../common`), as a workspace lock above names its members; else those of
 * {@linkcode resolvingLocks}, if any. A manifest that `standsAlone` has only
 * those that know its project (of its own folder, or naming it: a path crate of a sibling's lock),
 * and so has one of a folder that the nearest locks only link (`linkedFolders`: a pnpm, Yarn or
 * Bun `link:` folder, whose dependencies they do not install): it stays declared.
 */
function manifestLocks(manifest: ReadFile, files: readonly ReadFile[]): ReadFile[] {
  const accepts = resolverOf(manifest.reader);
  const nearest = resolvingLocks(manifest.path, accepts, files);
  const folder = posix.dirname(manifest.path);
  const linked = nearest.some((l) => l.output.linkedFolders?.includes(folder));
  if (!linked && knowsProject(nearest, manifest)) return nearest;
  const naming = (fileIndex(files).naming.get(folder) ?? []).filter((f) => accepts(f.reader));
  if (knowsProject(naming, manifest)) return naming;
  return manifest.output.standsAlone || linked ? [] : nearest;
}

/** Whether locks that resolve a manifest know its project: they are of its folder, or it is their member. */
function knowsProject(locks: readonly ReadFile[], manifest: ReadFile): boolean {
  const { path, reader, output } = manifest;
  return locks.length > 0 && (lockFolder(locks[0]) === posix.dirname(path) ||
    memberOf(output, locks.map((l) => l.output), reader.ecosystem) !== undefined);
}

/** Which lock readers resolve the files of a manifest reader (see `Reader.resolvedBy`). */
function resolverOf(manifest: Reader): (lock: Reader) => boolean {
  const names = manifest.resolvedBy;
  return names === undefined
    ? (lock) => lock.ecosystem === manifest.ecosystem
    : (lock) => names.includes(lock.name);
}

/**
 * The union of the outputs. One alone is kept as is: a reader's output is
 * already what a builder gives (sorted, unique, no dangling edge: see
 * `ReaderOutput`), and building it again costs a large lockfile about as much
 * as its reader's own build.
 */
function union(outputs: readonly ReaderOutput[]): ReaderOutput {
  if (outputs.length === 1) {
    const { members, components, edges } = outputs[0];
    return { members, components, edges };
  }
  const builder = new OutputBuilder();
  for (const output of outputs) builder.addOutput(output);
  return builder.build({ danglingEdges: "throw" });
}

/** The node of a package's extra in the walk of {@linkcode withReachedScopes} (no inventory id). */
function extraNode(id: string, extra: string): string {
  return `${id}\0[${extra}]`;
}

/**
 * The output with the scopes of the given components computed from the paths
 * that reach them from the root's edges (the declarations of the manifests
 * folded in): dev-only, optional-only or runtime. A package's extra is
 * followed only where a dependent asks for it (`extras`), with that
 * dependent's scope, as uv.lock's are (see `reachedScopes` of uv_lock.ts): a
 * runtime package's extra that only a dev group asks for is dev. A package
 * that only extras nobody asks for reach is optional, through them. When the
 * project declares nothing, the readers' scopes stand.
 */
function withReachedScopes(
  output: ReaderOutput,
  ids: ReadonlySet<string>,
  extras: ExtraLinks,
): ReaderOutput {
  /** The extras of `from` through which it depends on `to`, by `from\0to`. */
  const gated = Map.groupBy(extras.gates, (g) => `${g.from}\0${g.to}`);
  /** The edges out of each node; `byExtras`: a gated dependency only through its extra's node. */
  const graph = (byExtras: boolean): Map<string, [string, Scope][]> => {
    const next = new Map<string, [string, Scope][]>();
    const add = (from: string, to: string, scope: Scope): void => {
      let out = next.get(from);
      if (out === undefined) next.set(from, out = []);
      out.push([to, scope === "build" ? "dev" : scope]); // build-only is not shipped
    };
    for (const edge of output.edges) {
      const through = gated.has(`${edge.from}\0${edge.to}`);
      if (!through) add(edge.from, edge.to, edge.scope);
      else if (!byExtras) add(edge.from, edge.to, "optional");
    }
    if (byExtras) {
      for (const a of extras.asks) {
        // Asked by a dependency through an extra: from that extra's node.
        const froms = gated.get(`${a.from}\0${a.to}`)?.map((g) => extraNode(g.from, g.extra));
        if (froms === undefined) add(a.from, extraNode(a.to, a.extra), a.scope);
        else for (const from of froms) add(from, extraNode(a.to, a.extra), "runtime");
      }
      for (const g of extras.gates) add(extraNode(g.from, g.extra), g.to, "runtime");
    }
    return next;
  };
  const walk = (next: Map<string, [string, Scope][]>): Reach =>
    reach(next.get(ROOT_ID)!, (id) => next.get(id) ?? []);
  const byExtras = graph(true);
  if (!byExtras.has(ROOT_ID)) return output;
  const reached = walk(byExtras);
  const isReached = (id: string): boolean => reached.prod.has(id) || reached.dev.has(id);
  // What only extras nobody asks for reach: as an optional dependency of its dependent.
  const fallback = extras.gates.length > 0 && [...ids].some((id) => !isReached(id))
    ? walk(graph(false))
    : undefined;
  const components = output.components.map((c) => {
    if (!ids.has(c.id)) return c;
    const from = isReached(c.id) ? reached : fallback ?? reached;
    return { ...c, scopes: reachScopes(from, c.id) };
  });
  return { ...output, components };
}

/**
 * The files with every member id that is also a component id (a reader that
 * names its project by its purl, and another file that locks the published
 * release of the same name and version: `docs/requirements.txt` pinning
 * `mylib==1.0.0`) made `workspace:<id>` in that file's output, members and
 * edges alike: the project's own code and the registry package stay two
 * nodes. Done before folding, so that folded edges name the new id.
 */
function withDistinctMemberIds(files: readonly ReadFile[]): readonly ReadFile[] {
  const components = new Set(files.flatMap((f) => f.output.components.map((c) => c.id)));
  return files.map((f) => {
    const renamed = new Map<string, string>();
    for (const m of f.output.members) {
      if (components.has(m.id)) renamed.set(m.id, `workspace:${m.id}`);
    }
    if (renamed.size === 0) return f;
    const id = (node: string): string => renamed.get(node) ?? node;
    const ends = <E extends { from: string; to: string }>(e: E): E => ({
      ...e,
      from: id(e.from),
      to: id(e.to),
    });
    const { extras } = f.output;
    const output = {
      ...f.output,
      members: f.output.members.map((m) => ({ ...m, id: id(m.id) })),
      edges: f.output.edges.map(ends),
      ...extras === undefined
        ? {}
        : { extras: { asks: extras.asks.map(ends), gates: extras.gates.map(ends) } },
    };
    return { ...f, output };
  });
}

/**
 * The files with every NuGet package written in several cases (`Newtonsoft.Json@13.0.3` in one
 * project, `newtonsoft.json@13.0.3` in another) spelled one way, so that it is one component
 * whose scopes, sources and edges merge: NuGet ids and versions are case-insensitive, while the
 * purl-spec `nuget` type keeps the case, so each spelling would be a purl of its own. The
 * spelling kept is a lock's (`packages.lock.json`, `packages.config`: what was restored) over a
 * project file's declaration, else the first file's in path order, else, in one file, the first
 * in id order. Other ecosystems' purls already are one per package (case-folded or
 * case-sensitive).
 */
function withOneNugetSpelling(files: readonly ReadFile[]): readonly ReadFile[] {
  const nuget = (c: Component): boolean => c.ecosystem === "nuget";
  const spelling = new Map<string, Component>();
  const order = files.filter((f) => f.output.components.some(nuget)).sort((a, b) =>
    Number(a.reader.kind !== "lock") - Number(b.reader.kind !== "lock") ||
    compareStrings(a.path, b.path)
  );
  if (order.length === 0) return files;
  for (const f of order) {
    for (const c of f.output.components) {
      if (nuget(c) && !spelling.has(c.id.toLowerCase())) spelling.set(c.id.toLowerCase(), c);
    }
  }
  return files.map((f) => {
    // The components of the file spelled otherwise, by id (a NuGet reader's output has no extras).
    const renamed = new Map<string, Component>();
    for (const c of f.output.components) {
      const kept = nuget(c) ? spelling.get(c.id.toLowerCase())! : c;
      if (kept.id !== c.id) renamed.set(c.id, kept);
    }
    if (renamed.size === 0) return f;
    const id = (node: string): string => renamed.get(node)?.id ?? node;
    const builder = new OutputBuilder();
    builder.addOutput({
      members: f.output.members,
      components: f.output.components.map((c) => {
        const kept = renamed.get(c.id);
        if (kept === undefined) return c;
        const { id, name, version, purl } = kept;
        return { ...c, id, name, purl, ...version === undefined ? {} : { version } };
      }),
      edges: f.output.edges.map((e) => ({ ...e, from: id(e.from), to: id(e.to) })),
    });
    return { ...f, output: { ...f.output, ...builder.build() } };
  });
}

/**
 * How near a file in a folder is to one at `from`: 0 in the same folder, `n`
 * in the folder `n` levels above, `Infinity` in a folder below; `undefined`
 * in another branch of the tree (another project's files).
 */
function nearness(from: string): (folder: string) => number | undefined {
  const a = posix.dirname(from);
  const ups = new Map<string, number>();
  foldersUp(from).forEach((dir, i) => ups.has(dir) || ups.set(dir, i));
  return (b) => ups.get(b) ?? (a === "." || b.startsWith(`${a}/`) ? Infinity : undefined);
}

/** A purl's qualifiers (the index a package comes from), as written. */
function qualifiers(purl: string): string {
  const at = purl.indexOf("?");
  return at === -1 ? "" : purl.slice(at).replace(/#.*$/s, "");
}

/** The rank of the nearest of some pins, `Infinity` for none. */
function nearestRank(pins: readonly Pin[]): number {
  return pins.reduce((min, p) => Math.min(min, p.rank), Infinity);
}

/** A pin of a package in a file, and how near that file is (see {@linkcode nearness}). */
interface Pin {
  rank: number;
  path: string;
  component: Component;
}

/**
 * The files with each of their `ranges` (a version-less declaration of a
 * reader that can tell whether a version `satisfies` it: `flask>=2` in a
 * requirements-dev.txt) made the package another file of the same reader
 * pins (`flask==2.0.1` in requirements.txt), with the declaration's scopes,
 * groups and sources, when that pin is from the same index and satisfies
 * its range. The pins looked at are those of the nearest files: the same
 * folder, else the nearest folder above, else the folders below; when none of
 * them names the package, those of the manifests of the folder it resolves,
 * which it stands for (a requirements.txt listing `langchain-anthropic` beside
 * the pyproject.toml that pins `langchain-anthropic==1.0.0a5`). A declaration
 * that those pins do not satisfy, or that several versions satisfy, stays as
 * declared, with a warning; so do those no pin names (one warning per file).
 */
function withRangesResolved(
  files: readonly ReadFile[],
  warnings: Set<string>,
): readonly ReadFile[] {
  // The manifests of its own folder that each lock whose output names ranges resolves.
  const standsFor = new Map<ReadFile, ReadFile[]>();
  if (files.some((f) => f.output.ranges !== undefined)) {
    for (const m of files.filter((f) => f.reader.kind === "manifest")) {
      for (const lock of manifestLocks(m, files)) {
        if (lock.output.ranges === undefined || lockFolder(lock) !== posix.dirname(m.path)) {
          continue;
        }
        standsFor.set(lock, [...standsFor.get(lock) ?? [], m]);
      }
    }
  }
  // Each reader's files (each file's folder worked out once): a file's pins are its fellows'.
  const byReader = new Map<Reader, { file: ReadFile; folder: string }[]>();
  for (const file of files) {
    pushTo(byReader, file.reader, { file, folder: posix.dirname(file.path) });
  }
  const pathsOf = new Map<Reader, Set<string>>();
  return files.map((f) => {
    const satisfies = f.reader.satisfies;
    if (f.output.ranges === undefined || satisfies === undefined) return f;
    const key = (name: string): string => packageKey(f.reader.ecosystem, name);
    const rankOf = nearness(f.path);
    /** The registry pins of `others`, by name, ranked by their nearness to `f`. */
    const pinsOf = (others: readonly { file: ReadFile; folder: string }[]): Map<string, Pin[]> => {
      const pins = new Map<string, Pin[]>();
      for (const { file: other, folder } of others) {
        const rank = other === f ? undefined : rankOf(folder);
        if (rank === undefined) continue;
        for (const c of other.output.components) {
          if (c.version === undefined || c.downloadLocation !== undefined) continue;
          pushTo(pins, key(c.name), { rank, path: other.path, component: c });
        }
      }
      return pins;
    };
    const fellows = byReader.get(f.reader)!;
    const pinned = pinsOf(fellows);
    const manifestPins = pinsOf(
      (standsFor.get(f) ?? []).map((m) => ({ file: m, folder: posix.dirname(m.path) })),
    );
    const ranges = new Set(f.output.ranges);
    const renamed = new Map<string, Component>();
    const unpinned: string[] = [];
    // A declaration of an included file that is read on its own (`-r requirements.txt` of
    // home-assistant's requirements_all.txt) is warned about once, by that file.
    let readAlone = pathsOf.get(f.reader);
    if (readAlone === undefined) {
      readAlone = new Set(fellows.map(({ file }) => file.path));
      pathsOf.set(f.reader, readAlone);
    }
    const warnedElsewhere = (c: Component): boolean =>
      c.sources.length > 0 && c.sources.every((s) => s !== f.path && readAlone.has(s));
    for (const declared of f.output.components) {
      // A package of another index (another `repository_url`) is another package.
      const candidatesIn = (pins: Map<string, Pin[]>): Pin[] =>
        (ranges.has(declared.id) ? pins.get(key(declared.name)) ?? [] : [])
          .filter((p) => qualifiers(p.component.purl) === qualifiers(declared.purl));
      // The nearest pins: another requirements file's, or the pyproject.toml's it stands for
      // when that is nearer (a sub-project's own pin beats the root's requirements.txt).
      const fromFiles = candidatesIn(pinned);
      const fromManifests = candidatesIn(manifestPins);
      const candidates = nearestRank(fromManifests) < nearestRank(fromFiles)
        ? fromManifests
        : fromFiles;
      if (candidates.length === 0) {
        if (ranges.has(declared.id) && !warnedElsewhere(declared)) {
          unpinned.push(`${declared.name}${declared.specifier ?? ""}`);
        }
        continue;
      }
      const nearest = nearestRank(candidates);
      const near = candidates.filter((p) => p.rank === nearest);
      const fitting = near.filter((p) =>
        satisfies(p.component.version!, declared.specifier) !== false
      );
      const versions = new Set(fitting.map((p) => p.component.id));
      if (versions.size === 1) {
        const { id, ecosystem, name, version, purl } = fitting[0].component;
        renamed.set(declared.id, { ...declared, id, ecosystem, name, version, purl });
        delete renamed.get(declared.id)!.specifier;
        continue;
      }
      if (warnedElsewhere(declared)) continue;
      const pins = someNames(
        [...new Set(near.map((p) => `${p.component.purl} (${p.path})`))].sort(compareStrings),
      );
      warnings.add(
        `${f.path}: "${declared.name}${declared.specifier ?? ""}" is ` +
          (versions.size === 0
            ? `not satisfied by ${pins}`
            : `satisfied by several pins: ${pins}`) +
          ": it is listed as declared, with no version",
      );
    }
    if (unpinned.length > 0) {
      const n = unpinned.length;
      warnings.add(
        `${f.path}: ${n} ${n === 1 ? "requirement pins" : "requirements pin"} no version, ` +
          `and no requirements file near it pins ${n === 1 ? "it" : "them"} ` +
          `(${someNames(unpinned.sort(compareStrings))}): listed as declared, with no version`,
      );
    }
    if (renamed.size === 0) return f;
    const id = (node: string): string => renamed.get(node)?.id ?? node;
    const output = {
      ...f.output,
      components: f.output.components.map((c) => renamed.get(c.id) ?? c),
      edges: f.output.edges.map((e) => ({ ...e, from: id(e.from), to: id(e.to) })),
    };
    return { ...f, output };
  });
}

/** At most five names, then how many in all. */
function someNames(names: readonly string[]): string {
  return names.slice(0, 5).join(", ") + (names.length > 5 ? `, … (${names.length} in all)` : "");
}

/**
 * The warning for the manifests no lockfile resolves: one for them all, so
 * that a workspace without a lock (a Cargo library, a Maven reactor) does not
 * repeat it for every member; the summary and the index list each file.
 */
function declaredOnlyWarning(
  paths: readonly string[],
  counts: ReadonlyMap<string, number>,
): string | undefined {
  const rest = "as declared (versions only where pinned, no transitive dependencies)";
  if (paths.length === 0) return undefined;
  if (paths.length === 1) {
    const n = counts.get(paths[0])!;
    return `${paths[0]} is declared, not resolved: no lockfile vouch reads resolves it, so its ` +
      `${n} ${n === 1 ? "dependency is" : "dependencies are"} ${rest}`;
  }
  return `${paths.length} manifests are declared, not resolved (${someNames(paths)}): no ` +
    `lockfile vouch reads resolves them, so their dependencies are ${rest}`;
}

/** What {@linkcode mergeOutputs} gives. */
export interface Merged {
  /** One output: components unique by id, every edge end known. */
  output: ReaderOutput;
  /**
   * One line each, naming its file: every reader's warnings, a manifest
   * resolved by a lock that lacks what it declares, a manifest declared but
   * not resolved. Sorted, unique.
   */
  warnings: string[];
  /**
   * The manifests read whose declarations no lockfile resolves ("declared,
   * not resolved": versions as declared, no transitive dependencies), sorted.
   */
  declaredOnly: string[];
}

/**
 * An inherited warning (see `ReaderResult.inheritedWarnings`) with the files that inherit it:
 * all of them while the line stays within {@linkcode MAX_WARNING}, else their count and the
 * first ones.
 */
function inheritedBy(text: string, files: string[]): string {
  const whose = files.length === 1
    ? "the file that inherits it"
    : `the ${files.length} files that inherit it`;
  const all = `${text} (the same for ${whose}: ${files.join(", ")})`;
  if (all.length <= MAX_WARNING) return all;
  const named: string[] = [];
  const line = (): string =>
    `${text} (the same for ${whose}: ${named.join(", ")}, and ${files.length - named.length} more)`;
  for (const file of files) {
    named.push(file);
    if (line().length > MAX_WARNING) {
      named.pop();
      break;
    }
  }
  return line();
}

/** The longest warning kept whole: a file's text quoted in one (a Condition) may be any length. */
const MAX_WARNING = 1000;

/** A warning cut to {@linkcode MAX_WARNING} characters, saying how much was left out. */
function bounded(warning: string): string {
  if (warning.length <= MAX_WARNING) return warning;
  // Never half a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(warning[MAX_WARNING - 1]) ? MAX_WARNING - 1 : MAX_WARNING;
  return `${warning.slice(0, end)}… (${warning.length - end} more characters)`;
}

/**
 * Whether the locks of a manifest's own folder, below the root, leave its
 * project to it: they lock its packages but have neither a member for it nor
 * an edge from the root (a `service-a/poetry.lock` or `service-a/pdm.lock`
 * beside `service-a/pyproject.toml`, one project of a monorepo), so what it
 * declares would hang from the root of the scan.
 */
function leftToManifest(locks: readonly ReadFile[], manifest: ReadFile): boolean {
  const { path, reader, output } = manifest;
  return locks.length > 0 && lockFolder(locks[0]) === posix.dirname(path) &&
    memberOf(output, locks.map((l) => l.output), reader.ecosystem) === undefined &&
    locks.every((l) => !l.output.edges.some((e) => e.from === ROOT_ID));
}

/**
 * The file with the edges `fromRoot` picks hung from a member for `project`
 * instead (the asks for extras too), which the root depends on.
 */
function hungFromMember(
  file: ReadFile,
  project: Project,
  fromRoot: (edge: Edge) => boolean,
): ReadFile {
  const { output } = file;
  const builder = new OutputBuilder();
  builder.addOutput({ ...output, edges: output.edges.filter((e) => !fromRoot(e)) });
  const { name, version, purl } = project;
  const self = builder.member({
    id: purl!,
    name,
    ...version === undefined ? {} : { version },
    purl,
  });
  builder.edge(ROOT_ID, self, "runtime");
  for (const e of output.edges.filter(fromRoot)) builder.edge(self, e.to, e.scope);
  const { extras } = output;
  const asks = extras?.asks.map((a) => fromRoot(a) ? { ...a, from: self } : a);
  return {
    ...file,
    output: {
      ...output,
      ...builder.build(),
      ...extras === undefined ? {} : { extras: { ...extras, asks: asks! } },
    },
  };
}

/**
 * The file with the declarations of a manifest below the root that names a
 * project of its own and that no lock resolves, or only a lock above that
 * does not know that project (a lockless `native/Cargo.toml` crate, a
 * `docs/pyproject.toml` under the root's uv.lock), or only locks of its own
 * folder that leave the project to it ({@linkcode leftToManifest}: a
 * `service-a/poetry.lock`), hung from a member for that project, which the
 * root depends on, as a nested go.mod's module, a lockless package.json's
 * folder and a subfolder's package-lock.json are: they hung from the root with
 * no node for the project. A manifest whose reader already makes its members
 * (a Maven module) is left as is.
 */
function underOwnMember(file: ReadFile, files: readonly ReadFile[]): ReadFile {
  const { path, reader, output } = file;
  const project = output.project;
  if (reader.kind !== "manifest" || !path.includes("/") || project?.purl === undefined) return file;
  const members = new Set(output.members.map((m) => m.id));
  const fromRoot = (e: Edge): boolean => e.from === ROOT_ID && !members.has(e.to);
  if (!output.edges.some(fromRoot) && output.localDeclarations === undefined) return file;
  const locks = manifestLocks(file, files);
  if (knowsProject(locks, file) && !leftToManifest(locks, file)) return file;
  return hungFromMember(file, project, fromRoot);
}

/**
 * A lock below the root whose packages hang from the root of the scan while a
 * manifest of its folder, which it resolves, names the project they are for
 * (a `sdk/python/requirements.txt` beside `sdk/python/pyproject.toml`, a
 * `php/composer.lock` beside `php/composer.json`), with those edges from a
 * member for that project, which the root depends on, as a subfolder's
 * `uv.lock`, `Pipfile.lock` or `package-lock.json` has them (a lock that reads
 * its manifest itself names the project: `composer.lock`): the project was
 * missing from the scan and its dependencies were the root's. A lock that has
 * a member for the project, or whose folder's manifests name none or several,
 * is left as is.
 */
function lockUnderOwnMember(lock: ReadFile, files: readonly ReadFile[]): ReadFile {
  const { reader, output } = lock;
  const folder = lockFolder(lock);
  if (reader.kind !== "lock" || folder === "." || !output.edges.some((e) => e.from === ROOT_ID)) {
    return lock;
  }
  const projects = new Map<string, Project>();
  // A lock that reads its manifest itself names the project (composer.lock).
  const named = output.project?.purl;
  if (named !== undefined && memberOf(output, [output], reader.ecosystem) === undefined) {
    projects.set(named, output.project!);
  }
  for (const f of fileIndex(files).manifests.get(folder) ?? []) {
    const purl = f.output.project?.purl;
    if (
      purl === undefined || !resolvingLocks(f.path, resolverOf(f.reader), files).includes(lock) ||
      memberOf(f.output, [output], f.reader.ecosystem) !== undefined
    ) continue;
    projects.set(purl, f.output.project!);
  }
  if (projects.size !== 1) return lock;
  return hungFromMember(lock, [...projects.values()][0], (e) => e.from === ROOT_ID);
}

/**
 * The edges from the project of a manifest that no lock resolves to the members of the scan
 * that its declarations from folders of its own name (`localDeclarations`: a lockless uv
 * workspace member's `shared = { workspace = true }`), from the member for its project when
 * {@linkcode underOwnMember} made one, else from the root.
 */
function localMemberEdges(file: ReadFile, files: readonly ReadFile[]): Edge[] {
  const { output, reader } = file;
  if (output.localDeclarations === undefined) return [];
  const key = (name: string): string => packageKey(reader.ecosystem, name);
  const self = ownMember(output) ?? ROOT_ID;
  const members = Map.groupBy(
    files.filter((f) => f.reader.ecosystem === reader.ecosystem).flatMap((f) => f.output.members),
    (m) => key(m.name),
  );
  return output.localDeclarations.flatMap(({ name, scope }) =>
    [...new Set((members.get(key(name)) ?? []).map((m) => m.id))].filter((id) => id !== self)
      .map((to) => ({ from: self, to, scope }))
  );
}

/**
 * The scopes a lockless workspace member's extras take from the manifests of the scan that
 * ask for them (`localDeclarations` with `extras`): a uv workspace root's runtime
 * `pydantic-ai-slim[openai]` (pydantic/pydantic-ai) installs the member's `openai` extra with
 * the root, so what that extra declares is runtime too, not only optional as in the member's
 * own manifest. A lock that resolves either manifest computes scopes itself (its reach).
 */
function withAskedMemberExtras(files: readonly ReadFile[]): ReadFile[] {
  const lockless = (f: ReadFile): boolean =>
    f.reader.kind === "manifest" && manifestLocks(f, files).length === 0;
  /** Per lockless member, the extras asked for in each scope. */
  const asked = new Map<ReadFile, Map<Scope, Set<string>>>();
  for (const f of files) {
    const { ecosystem } = f.reader;
    const wanted = (f.output.localDeclarations ?? []).filter((d) => d.extras !== undefined);
    if (wanted.length === 0 || !lockless(f)) continue;
    for (const { name, scope, extras } of wanted) {
      const member = files.find((m) =>
        m !== f && m.reader.ecosystem === ecosystem && m.output.project !== undefined &&
        packageKey(ecosystem, m.output.project.name) === packageKey(ecosystem, name)
      );
      if (member === undefined || !lockless(member)) continue;
      const byScope = asked.get(member) ?? new Map<Scope, Set<string>>();
      asked.set(member, byScope);
      const keys = byScope.get(scope) ?? new Set<string>();
      byScope.set(scope, keys);
      for (const e of extras!) keys.add(packageKey(ecosystem, e));
    }
  }
  if (asked.size === 0) return [...files];
  return files.map((f) => {
    const asks = asked.get(f);
    if (asks === undefined) return f;
    // An extra naming the member's own others (`all`) asks for those too, and theirs in turn:
    // once per scope, so that a long chain of extras costs its length.
    const includes = f.output.extraIncludes ?? {};
    for (const extras of asks.values()) {
      const todo = [...extras];
      while (todo.length > 0) {
        for (const named of includes[todo.pop()!] ?? []) {
          const key = packageKey(f.reader.ecosystem, named);
          if (extras.has(key)) continue;
          extras.add(key);
          todo.push(key);
        }
      }
    }
    const components = f.output.components.map((c) => {
      if (!c.scopes.includes("optional")) return c;
      const scopes = new Set(c.scopes);
      for (const [scope, extras] of asks) {
        if (c.groups.some((g) => extras.has(packageKey(f.reader.ecosystem, g)))) scopes.add(scope);
      }
      return scopes.size === c.scopes.length
        ? c
        : { ...c, scopes: [...scopes].sort(compareStrings) };
    });
    return { ...f, output: { ...f.output, components } };
  });
}

/**
 * The lock above that installs the project of a lock's folder, if any: the
 * JavaScript lock of the workspace (or `file:` folder) that it locks with its
 * dependencies, as npm, pnpm, Yarn and Bun install a workspace from the
 * workspace root's lock, and Deno a workspace member from the root's deno.lock; the
 * `Cargo.lock` of the workspace whose member it is,
 * which Cargo builds the member with. A lock left in such a folder
 * (`packages/a/package-lock.json` under the root's `package-lock.json`, a
 * member crate's `crates/core/Cargo.lock`) is not used, and its stale
 * versions are no part of the build. A `link:` folder, which its own lock
 * installs, has no dependencies in the lock above; a crate that the workspace
 * excludes (`fuzz/`) is no member of it.
 */
function installedFromAbove(lock: ReadFile, files: readonly ReadFile[]): ReadFile | undefined {
  const folder = lockFolder(lock);
  const { kind, ecosystem } = lock.reader;
  if (kind !== "lock" || folder === ".") return undefined;
  const self = ecosystem === "npm" || ecosystem === "jsr"
    ? `workspace:${folder}`
    : ecosystem === "cargo"
    ? files.find((f) => f.reader.kind === "manifest" && f.path === `${folder}/Cargo.toml`)
      ?.output.project?.purl
    : undefined;
  if (self === undefined) return undefined;
  return files.find((above) => {
    const at = lockFolder(above);
    return above !== lock && above.reader.kind === "lock" && above.reader.ecosystem === ecosystem &&
      (at === "." || folder.startsWith(`${at}/`)) && above.output.edges.some((e) =>
        e.from === self
      );
  });
}

/**
 * Merges the outputs of every file read. A manifest is resolved by the
 * lockfiles that its reader admits (`Reader.resolvedBy`, by default those of
 * its ecosystem) in the nearest folder that has any, its own or one above
 * (only its own for a lock that `covers` one `folder`), or, when those do not
 * know its project, by the locks that have its folder as a member's
 * (`memberFolders`, see {@linkcode manifestLocks}). A resolved manifest of
 * a project such a lock knows (its root or a member) adds nothing when every
 * resolving lock `recordsDeclarations`: the lock says it all. Otherwise it is
 * folded into them (see {@linkcode foldManifest}); a manifest folded into a
 * lock of a folder above that does not know its project, and whose
 * declarations that lock lacks, gives a warning: those declarations are not in
 * the inventory. A manifest that no lock resolves keeps its declarations and
 * is "declared only" (with a warning) when it has any. Reader warnings are
 * kept, but those of a manifest the lock says it all for. A NuGet package
 * written in several cases is one component (see {@linkcode withOneNugetSpelling}).
 * The order of `read` does not matter.
 *
 * @param read The files read, with their outputs.
 * @returns The merged output, the warnings and the declared-only manifests.
 */
export function mergeOutputs(read: readonly ReadFile[]): Merged {
  const warnings = new Set<string>();
  // Each inherited warning with the files that inherit it (see `ReaderResult.inheritedWarnings`).
  const inherited = new Map<string, Set<string>>();
  const inherit = (f: ReadFile): void => {
    for (const { warning, by } of f.output.inheritedWarnings ?? []) {
      const files = inherited.get(warning);
      if (files) files.add(by);
      else inherited.set(warning, new Set([by]));
    }
  };
  const used = read.filter((f) => {
    const above = installedFromAbove(f, read);
    if (above === undefined) return true;
    // A member's npm-shrinkwrap.json is published with its package, for those who install it
    // from the registry (npm reads a dependency's shrinkwrap then, and a workspace's never).
    const published = f.path.endsWith("/npm-shrinkwrap.json");
    warnings.add(
      `${f.path} is not used: ${lockFolder(f)}/ is a workspace member of ${above.path}, ` +
        `which locks it (${
          published
            ? "npm installs a workspace from that lock; a member's shrinkwrap is what an " +
              "install of its published package uses"
            : "a lock left in a workspace member is stale"
        }): its packages are not in the SBOM; ${
          published
            ? "keep it, and --exclude it to silence this"
            : `delete it, or --exclude ${f.path}`
        }`,
    );
    return false;
  });
  const hung = used.map((f) => lockUnderOwnMember(f, used));
  const own = hung.map((f) => underOwnMember(f, hung));
  const files = withAskedMemberExtras(
    withRangesResolved(withDistinctMemberIds(withOneNugetSpelling(own)), warnings),
  );
  const outputs: ReaderOutput[] = [];
  const extras: ExtraLinks[] = [];
  const declaredOnly: string[] = [];
  const declaredCount = new Map<string, number>();
  for (const f of files) {
    const { ecosystem, kind } = f.reader;
    const resolving = kind === "manifest" ? manifestLocks(f, files) : [];
    if (resolving.length === 0) {
      outputs.push(f.output);
      for (const w of f.output.contentWarnings ?? []) warnings.add(w);
      const local = localMemberEdges(f, files);
      if (local.length > 0) outputs.push({ members: [], components: [], edges: local });
      if (f.output.extras !== undefined) extras.push(f.output.extras);
      for (const w of f.output.warnings ?? []) warnings.add(w);
      inherit(f);
      if (kind === "manifest" && f.output.components.length > 0) {
        declaredOnly.push(f.path);
        declaredCount.set(f.path, f.output.components.length);
      }
      continue;
    }
    const locks = resolving.map((l) => l.output);
    const above = lockFolder(resolving[0]) !== posix.dirname(f.path);
    const known = knowsProject(resolving, f);
    for (const w of f.output.contentWarnings ?? []) warnings.add(w);
    if (known && resolving.every((l) => l.reader.recordsDeclarations)) {
      continue; // the lock says it all, its members and structure included
    }
    const listsOnly = resolving.every((l) => l.reader.listsOnly);
    // A manifest of another project under the lock keeps what the lock lacks, as declared:
    // leaving it out would be an SBOM that lies by omission.
    const folded = foldManifest(f.output, locks, ecosystem, {
      path: f.path,
      keepUnmatched: listsOnly || !known,
      edgesPerMember: resolving.every((l) => l.reader.edgesPerMember),
      ...known ? {} : { satisfies: f.reader.satisfies },
    });
    outputs.push(folded.output);
    extras.push(folded.extras);
    for (const w of f.output.warnings ?? []) warnings.add(w);
    inherit(f);
    if (listsOnly && folded.unmatched.length > 0) {
      warnings.add(
        `${f.path} is resolved by ${resolving.map((l) => l.path).join(", ")}, which ` +
          `${resolving.length === 1 ? "does" : "do"} not list ${someNames(folded.unmatched)}: ` +
          "those are as declared (versions only where pinned, no transitive dependencies)",
      );
    } else if (above && !folded.member && folded.unmatched.length > 0 && ecosystem === "npm") {
      // A package.json below a JavaScript lock that is none of its workspaces: installing from
      // that lock installs nothing it declares (npm, pnpm, Yarn and Bun install the workspaces
      // their globs name, less those a negated pattern excludes), so "resolved by" would lie.
      const dir = posix.dirname(f.path);
      const one = resolving.length === 1;
      warnings.add(
        `${f.path} is no workspace of ${resolving.map((l) => l.path).join(", ")} (installing ` +
          `from ${one ? "it" : "them"} installs nothing ${dir}/ declares): what it declares ` +
          `(${someNames(folded.unmatched)}) is as declared (versions only where pinned, no ` +
          `transitive dependencies); make ${dir}/ a workspace, give it its own lockfile, or ` +
          "--exclude it",
      );
    } else if (above && !folded.member && folded.unmatched.length > 0) {
      warnings.add(
        `${f.path} is resolved by ${resolving.map((l) => l.path).join(", ")}, which does not ` +
          `lock what it declares (${someNames(folded.unmatched)}): those are as declared ` +
          "(versions only where pinned, no transitive dependencies); lock them there, give " +
          `${posix.dirname(f.path)}/ its own lockfile, or --exclude it`,
      );
    }
  }
  const warning = declaredOnlyWarning(declaredOnly.sort(compareStrings), declaredCount);
  if (warning !== undefined) warnings.add(warning);
  for (const [text, by] of inherited) {
    // The declaring file says it itself too, when read: one line for all.
    warnings.delete(text);
    warnings.add(inheritedBy(text, [...by].sort(compareStrings)));
  }
  const derived = new Set<string>();
  for (const f of files) {
    if (f.output.scopesFromDeclarations) { for (const c of f.output.components) derived.add(c.id); }
  }
  const merged = union(outputs);
  return {
    output: derived.size === 0 ? merged : withReachedScopes(merged, derived, {
      asks: extras.flatMap((e) => e.asks),
      gates: extras.flatMap((e) => e.gates),
    }),
    warnings: [...warnings].map(bounded).sort(compareStrings),
    declaredOnly: declaredOnly.sort(compareStrings),
  };
}

/**
 * The lockfiles read that resolve a dependency file vouch does not read at
 * `path` (see {@linkcode mergeOutputs} for where a lock counts): of `readers`
 * when given, else of `ecosystem`; with `asMember`, only the locks that lock its
 * folder as one of the project's own (`memberFolders`: a workspace member).
 *
 * @param path The file's path.
 * @param by The lock readers that resolve it: an ecosystem, or reader names; `asMember`.
 * @param files The files read.
 * @param below When none at or above its folder does, whether the lockfiles of a folder
 *   below its own resolve it (see `KnownFile.declaresForOthersOnly`); none do when omitted.
 * @returns The lockfiles (none when it is not resolved).
 */
export function locksResolving(
  path: string,
  by: { ecosystem?: Ecosystem; readers?: readonly string[]; asMember?: boolean },
  files: readonly ReadFile[],
  below?: (folder: string) => boolean,
): ReadFile[] {
  const accepts = by.readers !== undefined
    ? (lock: Reader): boolean => by.readers!.includes(lock.name)
    : (lock: Reader): boolean => lock.ecosystem === by.ecosystem;
  const folder = posix.dirname(path);
  if (by.asMember) {
    return (fileIndex(files).naming.get(folder) ?? []).filter((f) => accepts(f.reader));
  }
  const found = resolvingLocks(path, accepts, files);
  if (found.length > 0 || below === undefined) return found;
  return files.filter((f) => {
    const at = lockFolder(f);
    return f.reader.kind === "lock" && accepts(f.reader) &&
      (folder === "." || at.startsWith(`${folder}/`)) && below(at);
  });
}

/**
 * The output with the member that is the project itself folded into the root:
 * the root crate of a Cargo workspace (`Cargo.lock` lists it as a member, its
 * Cargo.toml names the project), the root module that a nested go.mod
 * replaces with `../..`. Its edges become the root's and it is listed once, as
 * the project, not also as one of its own parts. A member is the project when
 * its purl is one of the project's.
 *
 * @param output The merged output.
 * @param projectPurls The project's purls (the one its manifest states, the one
 *   `--release` versions), `undefined` where it has none.
 * @returns The output, the same object when no member is the project.
 */
export function withoutProjectMember(
  output: ReaderOutput,
  projectPurls: readonly (string | undefined)[],
): ReaderOutput {
  const purls = new Set(projectPurls.filter((p) => p !== undefined));
  const selves = new Set(
    output.members.filter((m) => m.purl !== undefined && purls.has(m.purl)).map((m) => m.id),
  );
  if (selves.size === 0) return output;
  const root = (id: string): string => selves.has(id) ? ROOT_ID : id;
  const seen = new Set<string>();
  const edges: Edge[] = [];
  for (const edge of output.edges) {
    const [from, to] = [root(edge.from), root(edge.to)];
    // The project's edges to itself go; a member's edge to it stays, to the root.
    if (from === ROOT_ID && to === ROOT_ID) continue;
    const key = `${from}\0${to}\0${edge.scope}`;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push(from === edge.from && to === edge.to ? edge : { ...edge, from, to });
  }
  return {
    members: output.members.filter((m) => !selves.has(m.id)),
    components: output.components,
    edges: edges.sort(compareEdges),
  };
}
