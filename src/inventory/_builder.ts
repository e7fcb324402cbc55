// Private: the one accumulator of members, components and edges that every
// reader and the inventory merge use. Repeated components (same purl) merge,
// repeated edges collapse, and the output is sorted and dangling-free.
import type { Component, Distribution, Edge, Hash, Member, ReaderOutput, Scope } from "./types.ts";
import { compareStrings } from "../_util.ts";
import { ROOT_ID } from "./types.ts";
import { textWithoutCredentials, withoutCredentials } from "./_url.ts";
import { posix } from "../_path.ts";
import { checkDigest } from "./_errors.ts";
import { VouchError } from "../errors.ts";

/**
 * The most components an inventory holds: 250,000, some ten times the largest real projects'
 * (a monorepo's lock of 20,000 packages), and about the most whose SBOMs attest can sign (a
 * 150,000-package CycloneDX BOM is 149 MB; evidence files are at most 256 MiB). A hostile
 * lockfile of millions of entries is refused before it costs gigabytes and minutes (1.5 million
 * Gradle coordinates took 4.5 GB and 460 s).
 */
export const MAX_COMPONENTS = 250_000;

/** The most dependency edges an inventory holds: ten per component at most. */
export const MAX_EDGES = 10 * MAX_COMPONENTS;

/** The list of each scope alone, shared by the edges that have only it. */
const ONE_SCOPE: ReadonlyMap<Scope, readonly Scope[]> = new Map(
  (["runtime", "dev", "optional", "build"] as const).map((
    scope,
  ) => [scope, Object.freeze([scope])]),
);

/** The error of an inventory over {@linkcode MAX_COMPONENTS} or {@linkcode MAX_EDGES}. */
function tooLarge(what: string): VouchError {
  return new VouchError(
    "inventory.too_large",
    `the project lists more than ${what}: more than vouch describes in one SBOM`,
    "no real project has so many: check for a generated or hostile file and --exclude it, or " +
      "attest the parts of the project apart (--lockfile)",
  );
}

/** What a reader knows about one occurrence of a component. */
export interface ComponentInit {
  /** The purl (also the id). */
  purl: string;
  /**
   * The id when it is not the purl: a patched copy of a package the project also installs
   * unpatched (see {@linkcode Component.id}).
   */
  id?: string;
  /** Ecosystem of the purl. */
  ecosystem: Component["ecosystem"];
  /** Package name as the file writes it. */
  name: string;
  /** Exact version (absent for unpinned declarations and unversioned downloads). */
  version?: string;
  /** Declared constraint; the first one given is kept while no version is known. */
  specifier?: string;
  /** Hashes of the one file the component is distributed as (see {@linkcode distributionFields}). */
  hashes?: Iterable<Hash>;
  /** The files, each with its hashes, of a component distributed as several. */
  distributions?: Iterable<Distribution>;
  /** Download URL; the first one given is kept. */
  downloadLocation?: string;
  /** The declared license as the file states it; the first one given is kept. */
  license?: string;
  /** Declared by the project itself. */
  direct?: boolean;
  /** Scopes of this occurrence; a component with none at all is runtime. */
  scopes?: Iterable<Scope>;
  /** Extras / dependency groups / features of this occurrence. */
  groups?: Iterable<string>;
  /** Files that mention it. */
  sources: Iterable<string>;
  /** Patches applied to it (see {@linkcode Component.patches}). */
  patches?: Iterable<string>;
  /** The packages its archive bundles (see {@linkcode Component.bundled}). */
  bundled?: Iterable<string>;
}

/** Options of {@linkcode OutputBuilder.build}. */
export interface BuildOptions {
  /** Also mark direct every component that the root or a member has an edge to. */
  directFromEdges?: boolean;
  /** What to do with an edge whose end is unknown: drop it (default) or throw. */
  danglingEdges?: "drop" | "throw";
}

/** The fields of a component occurrence that merge into an existing one. */
type Mergeable =
  & Pick<
    ComponentInit,
    | "hashes"
    | "distributions"
    | "scopes"
    | "groups"
    | "sources"
    | "downloadLocation"
    | "license"
    | "patches"
    | "bundled"
  >
  & { direct?: boolean };

interface Draft {
  /** Identity fields, in output key order; the lists below replace its arrays. */
  component: Component;
  /** Everything given, duplicates included (deduplicated once, in `build`). */
  hashes: Hash[];
  distributions: Distribution[];
  scopes: Scope[];
  groups: string[];
  sources: string[];
  patches: string[];
  bundled: string[];
  /**
   * The component itself while it was added once ({@linkcode OutputBuilder.add})
   * and nothing else changed it: already sorted and unique (see `ReaderOutput`),
   * `build` gives it as it is.
   */
  unchanged: Component | undefined;
}

/**
 * The empty lists of a draft and of its `component`, never changed: a draft's list is replaced
 * when items come (see {@linkcode appended}), `build` gives the component lists of its own.
 * Frozen: a push into it, which every draft would share, throws instead.
 */
const NO_ITEMS: never[] = Object.freeze([]) as unknown as never[];

/**
 * A draft's list sorted without repeats: the list itself when it is already
 * (most are: one scope, one source), as `build` is a builder's last step.
 */
function sortedUnique<T extends string>(list: T[]): T[] {
  let sorted = true;
  for (let i = 1; sorted && i < list.length; i++) sorted = list[i - 1] < list[i];
  return sorted ? list : [...new Set(list)].sort();
}

/** The key of a file: its URL and name, or, with neither, its hashes. */
function distributionKey(d: Distribution): string {
  if (d.url !== undefined || d.file !== undefined) return `${d.url ?? ""}\u0000${d.file ?? ""}`;
  const [first] = d.hashes;
  // A file with neither URL nor name is known by its hashes alone (most have one).
  return d.hashes.length === 1
    ? `\u0000\u0000${first.alg}:${first.hex}`
    : `\u0000\u0000${d.hashes.map((h) => `${h.alg}:${h.hex}`).join(" ")}`;
}

/**
 * Whether every file has a URL and no name (a uv.lock's wheels): then the URL is the file's key,
 * without building the longer one (`url` + NUL orders and matches as `url` does).
 */
function knownByUrl(list: Distribution[]): boolean {
  for (let i = 0; i < list.length; i++) {
    if (list[i].url === undefined || list[i].file !== undefined) return false;
  }
  return true;
}

/** The URL of a file known by it (see {@linkcode knownByUrl}). */
function urlOf(d: Distribution): string {
  return d.url!;
}

/** Whether two lists hold the same files (URL, name and hashes) in the same order. */
function sameFiles(a: readonly Distribution[], b: Iterable<Distribution>): boolean {
  if (!Array.isArray(b) || a.length !== b.length || a.length === 0) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.url !== y.url || x.file !== y.file || x.hashes.length !== y.hashes.length) return false;
    for (let j = 0; j < x.hashes.length; j++) {
      if (x.hashes[j].alg !== y.hashes[j].alg || x.hashes[j].hex !== y.hashes[j].hex) return false;
    }
  }
  return true;
}

/**
 * The files of a component, one per URL and file name, hashes united, sorted.
 * The given objects are reused when nothing changes (hot: a Pipfile.lock has
 * dozens of files per package).
 */
function mergedDistributions(list: Distribution[]): Distribution[] {
  // Known by their keys, each built once: a lock's URLs are slices of its text, and
  // comparing slices again and again (a sort of a package's dozens of wheels) cost more than
  // building the keys.
  const keys = knownByUrl(list) ? list.map(urlOf) : list.map(distributionKey);
  // Already in key order without repeats (a lock lists a package's files sorted): as it is.
  let sorted = true;
  for (let i = 1; sorted && i < list.length; i++) sorted = keys[i - 1] < keys[i];
  if (sorted && list.every((d) => d.hashes.length < 2)) return list;
  // The files of a key merge into the first one (its fields win), in list order; the keys are
  // then sorted natively (a comparator called per compare cost a uv.lock's read 10%, cold).
  // Each file is compared with the first of its key, not with the merged one: a file known by
  // its hashes alone has a key that merging would change.
  // The hashes of a key's files are gathered in one list, added to in place: a new list per
  // file took time growing with the square of their number (20,000 copies of a wheel's line in
  // a pylock.toml: 10 s).
  const firstOf = new Map<string, number>();
  const merged: Distribution[] = [];
  const gathered: Array<Hash[] | undefined> = [];
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    const at = firstOf.get(keys[i]);
    if (at === undefined) {
      firstOf.set(keys[i], merged.length);
      merged.push(d);
      gathered.push(undefined);
    } else {
      const hashes = gathered[at] ??= [...merged[at].hashes];
      for (const hash of d.hashes) hashes.push(hash);
    }
  }
  return sortedKeys(firstOf).map((key) => {
    const at = firstOf.get(key)!;
    const d = merged[at];
    const hashes = gathered[at] ?? d.hashes;
    if (hashes.length >= 2) return { ...d, hashes: sortedUniqueHashes(hashes) };
    return hashes === d.hashes ? d : { ...d, hashes };
  });
}

/**
 * The `hashes`/`distributions` of a component distributed as the given files:
 * one file gives the component its hashes (and its URL when no other
 * download location is known); several keep each file's hashes with the
 * file, so that a component's own hashes always describe one file.
 *
 * @example
 * ```ts
 * import { distributionFields } from "./_builder.ts";
 * const one = distributionFields([{ url: "https://x/a-1.tar.gz", hashes: [{ alg: "sha256", hex: "ab" }] }]);
 * one.hashes.length; // 1
 * const two = distributionFields([{ file: "a-1.tar.gz", hashes: [] }, { file: "a-1-py3-none-any.whl", hashes: [] }]);
 * two.distributions.length; // 2
 * ```
 *
 * @param files The files with their hashes (files with neither URL, name nor hash are dropped).
 * @returns Fields for {@linkcode ComponentInit}.
 */
export function distributionFields(
  files: readonly Distribution[],
): { hashes: Hash[]; distributions: Distribution[]; downloadLocation?: string } {
  const useful = files.filter((f) =>
    f.url !== undefined || f.file !== undefined || f.hashes.length > 0
  );
  if (useful.length === 1) {
    return { hashes: [...useful[0].hashes], distributions: [], downloadLocation: useful[0].url };
  }
  // `filter` made a new list: no copy of it.
  return { hashes: [], distributions: useful };
}

function sortedUniqueHashes(list: Hash[]): Hash[] {
  if (list.length < 2) return list;
  if (list.length === 2) {
    // The common case (SHA-1 and SHA-512 of one tarball), without a map and a sort.
    const [a, b] = list;
    // As `alg:hex` keys order (no algorithm name is a prefix of another), without building them.
    const order = compareStrings(a.alg, b.alg) || compareStrings(a.hex, b.hex);
    return order === 0 ? [a] : order < 0 ? [a, b] : [b, a];
  }
  const byKey = new Map(list.map((hash) => [`${hash.alg}:${hash.hex}`, hash]));
  return sortedKeys(byKey).map((key) => byKey.get(key)!);
}

/**
 * Accumulates members, components and edges and emits a sorted, dangling-free
 * {@linkcode ReaderOutput}. Components with the same purl merge: `direct` is
 * OR-ed, hashes, scopes, groups and sources are unioned, the first download
 * location (and license) is kept. Linear in what is added (plus sorting).
 */
export class OutputBuilder {
  readonly #members = new Map<string, Member>();
  readonly #drafts = new Map<string, Draft>();
  /** Edges by their ends: from → to → scopes (each once). */
  readonly #edges = new Map<string, Map<string, readonly Scope[]>>();
  /** How many edges {@linkcode OutputBuilder.#edges} holds. */
  #edgeCount = 0;

  /**
   * Adds a workspace member (first-party), keeping the first one per id.
   *
   * @param member The member.
   * @returns Its id.
   */
  member(member: Member): string {
    if (!this.#members.has(member.id)) this.#members.set(member.id, member);
    return member.id;
  }

  /**
   * Adds a component occurrence, or merges it into the component with the same id.
   *
   * @param init The occurrence.
   * @returns The component id (the purl, unless `init.id` gives another).
   */
  component(init: ComponentInit): string {
    const id = init.id ?? init.purl;
    const draft = this.#drafts.get(id) ?? this.#newDraft({
      id,
      ecosystem: init.ecosystem,
      name: init.name,
      version: init.version,
      specifier: undefined,
      purl: init.purl,
      hashes: NO_ITEMS,
      distributions: undefined,
      downloadLocation: undefined,
      direct: false,
      scopes: NO_ITEMS,
      groups: NO_ITEMS,
      sources: NO_ITEMS,
      license: undefined,
    });
    if (draft.component.version === undefined && init.specifier !== undefined) {
      draft.component.specifier ??= textWithoutCredentials(init.specifier);
    }
    this.#merge(draft, init);
    return id;
  }

  /**
   * Adds a finished component (another reader's output), or merges it into
   * the one with the same id. The first one's identity fields (and specifier)
   * are kept.
   *
   * @param component The component.
   * @returns Its id.
   */
  add(component: Component): string {
    const known = this.#drafts.get(component.id);
    const draft = known ?? this.#newDraft({ ...component });
    this.#merge(draft, component);
    if (known === undefined) draft.unchanged = component;
    return component.id;
  }

  /**
   * Adds every member, component and edge of a reader output.
   *
   * @param output The output.
   */
  addOutput(output: ReaderOutput): void {
    for (const member of output.members) this.member(member);
    for (const component of output.components) this.add(component);
    for (const edge of output.edges) this.edge(edge.from, edge.to, edge.scope);
  }

  /**
   * Marks a known component as declared by the project (direct) under groups.
   *
   * @param id Component id (unknown ids are ignored).
   * @param groups Group / extra names to add.
   */
  declare(id: string, groups: Iterable<string>): void {
    const draft = this.#drafts.get(id);
    if (draft === undefined) return;
    draft.component.direct = true;
    draft.groups = appended(draft.groups, groups, textWithoutCredentials);
    draft.unchanged = undefined;
  }

  /**
   * Tells whether a component id is known.
   *
   * @param id An id.
   * @returns `true` when a component has that id.
   */
  hasComponent(id: string): boolean {
    return this.#drafts.has(id);
  }

  /**
   * Adds an edge (duplicates and self-loops are dropped).
   *
   * @param from Depending node id.
   * @param to Depended-on node id.
   * @param scope The dependency's scope.
   */
  edge(from: string, to: string, scope: Scope): void {
    if (from === to) return;
    let targets = this.#edges.get(from);
    if (targets === undefined) this.#edges.set(from, targets = new Map());
    const scopes = targets.get(to);
    if (scopes !== undefined && scopes.includes(scope)) return;
    if (++this.#edgeCount > MAX_EDGES) throw tooLarge(`${MAX_EDGES.toLocaleString("en")} edges`);
    // Most pairs have one scope: its shared list (a list per edge was garbage), never changed.
    targets.set(to, scopes === undefined ? (ONE_SCOPE.get(scope) ?? [scope]) : [...scopes, scope]);
  }

  /**
   * Gives every component without a scope of its own the scopes through which
   * it is reachable from the root and the members: the scope of the first edge
   * of each path (runtime when unreachable). Linear in nodes and edges.
   */
  propagateScopes(): void {
    const starts = new Set([ROOT_ID, ...this.#members.keys()]);
    const reached = new Map<string, Set<Scope>>();
    const walk = (scope: Scope, seeds: string[]): void => {
      const seen = new Set<string>();
      const queue = seeds.filter((id) => !starts.has(id));
      for (const id of queue) seen.add(id);
      for (let i = 0; i < queue.length; i++) {
        const id = queue[i];
        let scopes = reached.get(id);
        if (!scopes) reached.set(id, scopes = new Set());
        scopes.add(scope);
        for (const next of this.#edges.get(id)?.keys() ?? []) {
          if (!seen.has(next) && !starts.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
    };
    const seedsByScope = new Map<Scope, string[]>();
    for (const start of starts) {
      for (const [to, scopes] of this.#edges.get(start) ?? []) {
        for (const scope of scopes) {
          const seeds = seedsByScope.get(scope);
          if (seeds) seeds.push(to);
          else seedsByScope.set(scope, [to]);
        }
      }
    }
    for (const [scope, seeds] of seedsByScope) walk(scope, seeds);
    for (const [id, draft] of this.#drafts) {
      if (draft.scopes.length === 0) draft.scopes = [...reached.get(id) ?? ["runtime" as const]];
    }
  }

  /**
   * Emits the sorted output: members and components by id, edges by
   * (from, to, scope); a component without any scope is runtime. The last
   * step of a builder: the output holds its lists.
   *
   * @param options Whether root/member edges make components direct; what to
   *   do with edges whose ends are unknown.
   * @returns The output.
   * @throws {Error} An internal error for an unknown edge end when
   *   `danglingEdges` is `"throw"`.
   */
  build(options: BuildOptions = {}): ReaderOutput {
    // Ids are sorted by the native default order (UTF-16 code units, as `compareStrings`):
    // the edges' ends one list at a time, not the edges with a comparator called from the sort
    // (cold, that sort was a third of a yarn.lock builder's work).
    const edges: Edge[] = [];
    const froms = sortedKeys(this.#edges);
    for (let i = 0; i < froms.length; i++) {
      const from = froms[i];
      const targets = this.#edges.get(from)!;
      const fromKnown = this.#known(from);
      // With `directFromEdges`, the ends of the root's and members' edges are direct.
      const fromOutside = options.directFromEdges === true && !this.#drafts.has(from);
      const tos = sortedKeys(targets);
      for (let j = 0; j < tos.length; j++) {
        const to = tos[j];
        if (fromKnown && this.#known(to)) {
          if (fromOutside) {
            const draft = this.#drafts.get(to);
            if (draft !== undefined) draft.component.direct = true;
          }
          const given = targets.get(to)!;
          const scopes = given.length > 1 ? [...given].sort() : given;
          for (let k = 0; k < scopes.length; k++) edges.push({ from, to, scope: scopes[k] });
        } else if (options.danglingEdges === "throw") {
          throw this.#firstDangling();
        }
      }
    }
    const components = sortedKeys(this.#drafts).map((id): Component => {
      const draft = this.#drafts.get(id)!;
      // Another builder's output, added once and left as it was (hot: a lock merged with
      // the manifests folded into it), is already built.
      if (draft.unchanged?.direct === draft.component.direct) return draft.unchanged;
      // Copy the defined fields in draft key order (no `delete`: it slows objects down).
      draft.component.distributions = draft.distributions.length > 0
        ? mergedDistributions(draft.distributions)
        : undefined;
      const fields = draft.component as unknown as Record<string, unknown>;
      const component: Record<string, unknown> = {};
      for (const key in fields) if (fields[key] !== undefined) component[key] = fields[key];
      // An empty list may be the shared `NO_ITEMS`: the output gets its own.
      component.hashes = draft.hashes.length > 0 ? sortedUniqueHashes(draft.hashes) : [];
      component.scopes = sortedUnique(draft.scopes.length > 0 ? draft.scopes : ["runtime"]);
      component.groups = draft.groups.length > 0 ? sortedUnique(draft.groups) : [];
      component.sources = draft.sources.length > 0 ? sortedUnique(draft.sources) : [];
      if (draft.patches.length > 0) component.patches = sortedUnique(draft.patches);
      if (draft.bundled.length > 0) component.bundled = sortedUnique(draft.bundled);
      return component as unknown as Component;
    });
    return {
      members: sortedKeys(this.#members).map((id) => this.#members.get(id)!),
      components,
      edges,
    };
  }

  /** Whether a node id is the root, a member or a component. */
  #known(id: string): boolean {
    return this.#drafts.has(id) || id === ROOT_ID || this.#members.has(id);
  }

  /** The error of the first edge, in the order added, with an unknown end. */
  #firstDangling(): Error {
    for (const [from, targets] of this.#edges) {
      for (const to of targets.keys()) {
        if (!this.#known(from) || !this.#known(to)) {
          return new Error(`internal: dangling inventory edge ${from} -> ${to}`);
        }
      }
    }
    return new Error("internal: no dangling inventory edge");
  }

  /** A new draft of a component (its identity fields; its lists empty). */
  #newDraft(component: Component): Draft {
    const draft: Draft = {
      component,
      hashes: NO_ITEMS,
      distributions: NO_ITEMS,
      scopes: NO_ITEMS,
      groups: NO_ITEMS,
      sources: NO_ITEMS,
      patches: NO_ITEMS,
      bundled: NO_ITEMS,
      unchanged: undefined,
    };
    if (this.#drafts.size >= MAX_COMPONENTS) {
      throw tooLarge(`${MAX_COMPONENTS.toLocaleString("en")} components`);
    }
    this.#drafts.set(component.id, draft);
    return draft;
  }

  #merge(draft: Draft, from: Mergeable): void {
    const { component } = draft;
    draft.unchanged = undefined;
    component.direct ||= from.direct === true;
    component.downloadLocation ??= from.downloadLocation === undefined
      ? undefined
      : withoutCredentials(from.downloadLocation);
    // Free text from the file (a specifier, a license, group and patch names) may quote a URL:
    // never its credentials.
    component.license ??= from.license === undefined
      ? undefined
      : textWithoutCredentials(from.license);
    if (from.hashes) {
      const known = draft.hashes.length;
      draft.hashes = appended(draft.hashes, from.hashes);
      for (let i = known; i < draft.hashes.length; i++) checkDigest(draft.hashes[i]);
    }
    // The same files again (a package listed in two sections or files) add nothing.
    if (from.distributions && !sameFiles(draft.distributions, from.distributions)) {
      draft.distributions = appended(draft.distributions, from.distributions, checkedFile);
    }
    if (from.scopes) draft.scopes = appended(draft.scopes, from.scopes);
    if (from.groups) draft.groups = appended(draft.groups, from.groups, textWithoutCredentials);
    draft.sources = appended(draft.sources, from.sources);
    if (from.patches) draft.patches = appended(draft.patches, from.patches, textWithoutCredentials);
    if (from.bundled) draft.bundled = appended(draft.bundled, from.bundled, textWithoutCredentials);
  }
}

/**
 * A file as a draft keeps it, its digests checked: the given object as it is unless its URL (or
 * a file name that is one) loses credentials (hot: uv.lock wheels).
 */
function checkedFile(file: Distribution): Distribution {
  for (const hash of file.hashes) checkDigest(hash);
  const url = file.url === undefined ? undefined : withoutCredentials(file.url);
  const name = file.file === undefined ? undefined : withoutCredentials(file.file);
  return url === file.url && name === file.file ? file : { ...file, url, file: name };
}

/** The keys of a map in `compareStrings` order (the native default sort: no comparator calls). */
function sortedKeys(map: Map<string, unknown>): string[] {
  return [...map.keys()].sort();
}

/**
 * The list with the items appended one by one (`push(...items)` passes each as an argument on
 * the stack, which overflowed, an internal error, on a gradle.lockfile line of 200,000
 * configurations); an empty list is replaced by a copy of the items of their size (cold, an
 * empty list pushed to grows to 17 slots: garbage, most lists hold one item).
 */
function appended<T, U = T>(to: U[], items: Iterable<T>, map?: (item: T) => U): U[] {
  // Most are arrays: indexed, without an iterator (cold, an iterator costs more than the push).
  const list = Array.isArray(items) ? items : Array.from(items);
  if (to.length === 0) return map === undefined ? list.slice() as unknown as U[] : list.map(map);
  for (let i = 0; i < list.length; i++) {
    to.push(map === undefined ? list[i] as unknown as U : map(list[i]));
  }
  return to;
}

/**
 * The node a lock's own project hangs from: the root for a lock at the root
 * of the scan; for a project of its own in a subfolder (`service/uv.lock`
 * beside `service/pyproject.toml`, a Gemfile's in a monorepo of services), a
 * member for it, which the root depends on: `member` (made only then), else
 * one named by its folder.
 *
 * @example
 * ```ts
 * import { lockFolderNode, OutputBuilder } from "./_builder.ts";
 * const builder = new OutputBuilder();
 * lockFolderNode(builder, "Gemfile.lock"); // "root"
 * lockFolderNode(builder, "api/Gemfile.lock"); // "workspace:api"
 * ```
 *
 * @param builder The reader's builder, which gets the member and its edge.
 * @param path The lock's path, relative to the project root.
 * @param member The lock's own member for its folder, when it names one.
 * @returns The node's id.
 */
export function lockFolderNode(
  builder: OutputBuilder,
  path: string,
  member?: () => Member,
): string {
  const folder = posix.dirname(posix.normalize(path));
  if (folder === ".") return ROOT_ID;
  const id = builder.member(member?.() ?? { id: `workspace:${folder}`, name: folder });
  builder.edge(ROOT_ID, id, "runtime");
  return id;
}
