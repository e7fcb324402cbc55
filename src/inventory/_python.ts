// Private helpers shared by the Python readers (pyproject, requirements, uv.lock,
// poetry.lock, pdm.lock): error construction, hash parsing, a component/edge
// accumulator with deterministic output, and Poetry constraint conversion.
import { VouchError } from "../errors.ts";
import { pep503Name, pypiPurl } from "./purl.ts";
import type { Component, Edge, Hash, HashAlgorithm, Member, ReaderOutput, Scope } from "./types.ts";
import { ROOT_ID } from "./types.ts";

/** The default PyPI index, which needs no `repository_url` qualifier. */
const DEFAULT_INDEXES = new Set([
  "https://pypi.org/simple",
  "https://pypi.org/simple/",
  "https://pypi.python.org/simple",
  "https://pypi.python.org/simple/",
  "https://pypi.org/pypi",
  "https://pypi.org",
]);

/**
 * The `repository_url` qualifier for a package index: `undefined` for PyPI itself.
 *
 * @param index The index URL as the file writes it.
 * @returns The qualifier value, or `undefined`.
 */
export function repositoryUrl(index: string | undefined): string | undefined {
  if (index === undefined || index === "" || DEFAULT_INDEXES.has(index)) return undefined;
  return index;
}

/**
 * Builds the `inventory.<reader>.invalid` error.
 *
 * @param reader Reader name, e.g. `uv_lock`.
 * @param where `path` or `path:line`.
 * @param what What is wrong.
 * @returns The error to throw.
 */
export function invalid(reader: string, where: string, what: string): VouchError {
  const file = where.replace(/:\d+$/, "");
  return new VouchError(
    `inventory.${reader}.invalid`,
    `${where}: ${what}`,
    `fix ${file} (or regenerate it with its tool) and run vouch again`,
  );
}

/**
 * Builds the `inventory.<reader>.unsupported_version` error.
 *
 * @param reader Reader name, e.g. `uv_lock`.
 * @param where `path` or `path:line`.
 * @param what Which version was found.
 * @param supported Which versions vouch reads.
 * @returns The error to throw.
 */
export function unsupportedVersion(
  reader: string,
  where: string,
  what: string,
  supported: string,
): VouchError {
  return new VouchError(
    `inventory.${reader}.unsupported_version`,
    `${where}: ${what}`,
    `regenerate the lockfile with a tool that writes ${supported}`,
  );
}

/**
 * The 1-based line of the `index`-th (0-based) line matching `pattern` (a
 * regular expression, or a string the line must contain), for error messages
 * about parsed TOML (which has no positions).
 *
 * @param text The file text.
 * @param pattern A per-line pattern or substring.
 * @param index Which match.
 * @returns The line number, or `undefined` when there are fewer matches.
 */
export function nthLine(text: string, pattern: RegExp | string, index = 0): number | undefined {
  const matches = typeof pattern === "string"
    ? (line: string): boolean => line.includes(pattern)
    : (line: string): boolean => pattern.test(line);
  let seen = 0;
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf("\n", start);
    const current = text.slice(start, end === -1 ? text.length : end);
    if (matches(current)) {
      if (seen === index) return line;
      seen++;
    }
    if (end === -1) break;
    start = end + 1;
    line++;
  }
  return undefined;
}

/**
 * `path:line` when the line is known, else `path`.
 *
 * @param path The file path.
 * @param line The line, if known.
 * @returns The location.
 */
export function at(path: string, line: number | undefined): string {
  return line === undefined ? path : `${path}:${line}`;
}

const HASH_ALGORITHMS: ReadonlySet<string> = new Set([
  "sha1",
  "sha256",
  "sha384",
  "sha512",
  "md5",
]);

/**
 * Parses `alg:hex` (or `alg=hex`, as in URL fragments) into a {@linkcode Hash}.
 *
 * @param text The hash as written.
 * @returns The hash, or `undefined` when the algorithm is unknown or the hex malformed.
 */
export function parseHash(text: string): Hash | undefined {
  const match = /^([A-Za-z0-9]+)[:=]([0-9A-Fa-f]+)$/.exec(text.trim());
  if (!match) return undefined;
  const alg = match[1].toLowerCase();
  if (!HASH_ALGORITHMS.has(alg)) return undefined;
  return { alg: alg as HashAlgorithm, hex: match[2].toLowerCase() };
}

function sortedHashes(hashes: Iterable<Hash>): Hash[] {
  const unique = new Map<string, Hash>();
  for (const hash of hashes) unique.set(`${hash.alg}:${hash.hex}`, hash);
  return [...unique.entries()].sort(([a], [b]) => compare(a, b)).map(([, hash]) => hash);
}

/**
 * Plain code-unit string comparison (locale-independent, deterministic).
 *
 * @param a First string.
 * @param b Second string.
 * @returns Negative, zero or positive.
 */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The `vcs_url` qualifier / download location of a git checkout:
 * `git+<url>@<commit>`.
 *
 * @param url The repository URL (with or without `git+`).
 * @param commit The resolved commit, if known.
 * @returns The VCS URL.
 */
export function gitVcsUrl(url: string, commit: string | undefined): string {
  const base = url.startsWith("git+") ? url : `git+${url}`;
  return commit ? `${base}@${commit}` : base;
}

/**
 * Whether a distribution file name is a source distribution (not a wheel).
 *
 * @param fileName File name or URL.
 * @returns `true` for an sdist.
 */
export function isSdist(fileName: string): boolean {
  return !/\.whl(?:[?#].*)?$/i.test(fileName);
}

/** The fields a reader gives for a new component (the rest is derived). */
export interface ComponentInit {
  /** Name as written in the file. */
  name: string;
  /** Exact version. */
  version?: string;
  /** Declared constraint when unpinned. */
  specifier?: string;
  /** purl qualifiers (`vcs_url`, `download_url`, `repository_url`). */
  qualifiers?: Record<string, string | undefined>;
  /** Hashes. */
  hashes?: Hash[];
  /** Download URL. */
  downloadLocation?: string;
  /** Declared by the project itself. */
  direct?: boolean;
  /** Scopes known from the file itself. */
  scopes?: Iterable<Scope>;
  /** Group / extra names. */
  groups?: Iterable<string>;
  /** Source file, when not the builder's own path. */
  source?: string;
}

interface Draft {
  component: Component;
  hashes: Hash[];
  scopes: Set<Scope>;
  groups: Set<string>;
  sources: Set<string>;
}

/**
 * Accumulates components, members and edges of one Python file and emits a
 * deterministic {@linkcode ReaderOutput}. Components with the same purl merge.
 */
export class OutputBuilder {
  readonly #path: string;
  readonly #drafts = new Map<string, Draft>();
  readonly #members = new Map<string, Member>();
  readonly #edges = new Map<string, Edge>();

  /**
   * Creates a builder.
   *
   * @param path The file path, used as every component's source.
   */
  constructor(path: string) {
    this.#path = path;
  }

  /**
   * Adds (or merges into) a component; returns its id (the purl).
   *
   * @param init The component fields.
   * @returns The component id.
   */
  addComponent(init: ComponentInit): string {
    const purl = pypiPurl(init.name, init.version, init.qualifiers);
    let draft = this.#drafts.get(purl);
    if (draft === undefined) {
      draft = {
        component: {
          id: purl,
          ecosystem: "pypi",
          name: init.name,
          version: init.version,
          specifier: init.version === undefined ? init.specifier : undefined,
          purl,
          hashes: [],
          downloadLocation: init.downloadLocation,
          direct: false,
          scopes: [],
          groups: [],
          sources: [],
        },
        hashes: [],
        scopes: new Set(),
        groups: new Set(),
        sources: new Set(),
      };
      this.#drafts.set(purl, draft);
    }
    const { component } = draft;
    component.direct ||= init.direct === true;
    component.downloadLocation ??= init.downloadLocation;
    if (component.version === undefined) component.specifier ??= init.specifier;
    draft.hashes.push(...(init.hashes ?? []));
    for (const scope of init.scopes ?? []) draft.scopes.add(scope);
    for (const group of init.groups ?? []) draft.groups.add(group);
    draft.sources.add(init.source ?? this.#path);
    return purl;
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
    for (const group of groups) draft.groups.add(group);
  }

  /**
   * Whether an id is a known component.
   *
   * @param id The id.
   * @returns `true` when a component has that id.
   */
  isComponent(id: string): boolean {
    return this.#drafts.has(id);
  }

  /**
   * Adds a first-party member.
   *
   * @param member The member.
   */
  addMember(member: Member): void {
    if (!this.#members.has(member.id)) this.#members.set(member.id, member);
  }

  /**
   * Adds an edge (self-edges are dropped, duplicates merge).
   *
   * @param from Depending node id.
   * @param to Depended-on node id.
   * @param scope Scope of the dependency.
   */
  addEdge(from: string, to: string, scope: Scope): void {
    if (from === to) return;
    this.#edges.set(`${from}\n${to}\n${scope}`, { from, to, scope });
  }

  /**
   * Gives every component without a scope of its own the scopes through which
   * it is reachable from the root and the members: the scope of the first edge
   * of each path (runtime when unreachable). Linear in nodes and edges.
   */
  propagateScopes(): void {
    const out = new Map<string, string[]>();
    for (const edge of this.#edges.values()) {
      const list = out.get(edge.from);
      if (list) list.push(edge.to);
      else out.set(edge.from, [edge.to]);
    }
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
        for (const next of out.get(id) ?? []) {
          if (!seen.has(next) && !starts.has(next)) {
            seen.add(next);
            queue.push(next);
          }
        }
      }
    };
    const seedsByScope = new Map<Scope, string[]>();
    for (const edge of this.#edges.values()) {
      if (!starts.has(edge.from)) continue;
      const seeds = seedsByScope.get(edge.scope);
      if (seeds) seeds.push(edge.to);
      else seedsByScope.set(edge.scope, [edge.to]);
    }
    for (const [scope, seeds] of seedsByScope) walk(scope, seeds);
    for (const [id, draft] of this.#drafts) {
      if (draft.scopes.size > 0) continue;
      for (const scope of reached.get(id) ?? ["runtime" as const]) draft.scopes.add(scope);
    }
  }

  /**
   * The sorted output. Edges whose ends are unknown are dropped.
   *
   * @returns The reader output.
   */
  build(): ReaderOutput {
    const known = (id: string): boolean =>
      id === ROOT_ID || this.#drafts.has(id) || this.#members.has(id);
    const components = [...this.#drafts.values()].map((draft): Component => {
      const component = { ...draft.component };
      component.hashes = sortedHashes(draft.hashes);
      component.scopes = [...(draft.scopes.size > 0 ? draft.scopes : ["runtime" as const])]
        .sort(compare);
      component.groups = [...draft.groups].sort(compare);
      component.sources = [...draft.sources].sort(compare);
      if (component.version !== undefined) delete component.specifier;
      for (const key of ["version", "specifier", "downloadLocation", "license"] as const) {
        if (component[key] === undefined) delete component[key];
      }
      return component;
    }).sort((a, b) => compare(a.id, b.id));
    const members = [...this.#members.values()].sort((a, b) => compare(a.id, b.id));
    const edges = [...this.#edges.values()]
      .filter((edge) => known(edge.from) && known(edge.to))
      .sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to) || compare(a.scope, b.scope));
    return { members, components, edges };
  }
}

/**
 * Index of lock entries by PEP 503 name, for resolving dependency names.
 */
export class NameIndex<T> {
  readonly #byName = new Map<string, T[]>();

  /**
   * Adds an entry under a name.
   *
   * @param name Distribution name as written.
   * @param entry The entry.
   */
  add(name: string, entry: T): void {
    const key = pep503Name(name);
    const list = this.#byName.get(key);
    if (list) list.push(entry);
    else this.#byName.set(key, [entry]);
  }

  /**
   * The entries under a name (empty when unknown).
   *
   * @param name Distribution name as written.
   * @returns The entries.
   */
  get(name: string): readonly T[] {
    return this.#byName.get(pep503Name(name)) ?? [];
  }
}

/**
 * Narrows an unknown TOML value to a table.
 *
 * @param value The value.
 * @returns `true` for a plain table.
 */
export function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) &&
    !(value instanceof Date);
}

function bumpedUpper(release: number[], position: number): string {
  const upper = release.slice(0, position + 1);
  upper[position]++;
  while (upper.length < release.length) upper.push(0);
  return upper.join(".");
}

function poetryClause(clause: string): string | undefined {
  const text = clause.replace(/\s+/g, "");
  if (text === "" || text === "*") return undefined;
  const caret = /^\^(\d+(?:\.\d+)*)(.*)$/.exec(text);
  const tilde = /^~(?!=)(\d+(?:\.\d+)*)(.*)$/.exec(text);
  if (caret) {
    const release = caret[1].split(".").map(Number);
    const firstNonZero = release.findIndex((n) => n !== 0);
    const position = firstNonZero === -1 ? release.length - 1 : firstNonZero;
    return `>=${caret[1]}${caret[2]},<${bumpedUpper(release, position)}`;
  }
  if (tilde) {
    const release = tilde[1].split(".").map(Number);
    const position = release.length === 1 ? 0 : 1;
    return `>=${tilde[1]}${tilde[2]},<${bumpedUpper(release, position)}`;
  }
  if (/^[0-9]/.test(text)) return `==${text}`;
  if (/^=[0-9]/.test(text)) return `=${text}`;
  return text;
}

/**
 * Converts a Poetry version constraint (`^1.2`, `~1.2`, `*`, `1.2.3`,
 * `>=1,<2`) into a PEP 440 specifier; `||` alternatives are kept as written.
 *
 * @param constraint The Poetry constraint.
 * @returns The specifier, or `undefined` for "any version".
 */
export function poetryConstraint(constraint: string): string | undefined {
  const trimmed = constraint.trim();
  if (trimmed.includes("||") || trimmed.includes("|")) return trimmed.replace(/\s+/g, " ");
  const clauses = trimmed.split(",").map(poetryClause).filter((c): c is string => c !== undefined);
  return clauses.length === 0 ? undefined : clauses.join(",");
}
