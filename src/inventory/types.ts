/**
 * The neutral inventory model: every reader turns a manifest or lockfile into
 * these types, and every SBOM writer reads only these types.
 *
 * @module
 */
import { compareStrings } from "../_util.ts";

/** How a component is used by what depends on it. */
export type Scope = "runtime" | "dev" | "optional" | "build";

/** Hash algorithms a lockfile may record. */
export type HashAlgorithm = "sha1" | "sha256" | "sha384" | "sha512" | "md5";

/** One recorded hash of a component's distribution. */
export interface Hash {
  /** The algorithm. */
  alg: HashAlgorithm;
  /** Lowercase hex digest. */
  hex: string;
}

/**
 * One downloadable file of a component (an sdist or one wheel of a Python
 * package, a tarball of an npm-compatible registry): where it is and its
 * recorded hashes. Used when a component has several files, so that each
 * hash stays with the file it describes.
 */
export interface Distribution {
  /** Download URL, when the lockfile records one. */
  url?: string;
  /** File name, when the lockfile records one (e.g. poetry.lock records names, no URLs). */
  file?: string;
  /** The file's recorded hashes, sorted by algorithm then value. */
  hashes: Hash[];
}

/** The package ecosystem a component comes from (the purl type). */
export type Ecosystem =
  | "pypi"
  | "npm"
  | "cargo"
  | "golang"
  | "jsr"
  | "composer"
  | "gem"
  | "maven"
  | "nuget"
  | "generic";

/** A third-party package the project depends on. */
export interface Component {
  /**
   * Unique id in the inventory: the purl (distinct versions, distinct ids). A copy the project
   * patches (a Yarn `patch:` dependency) of a package it also installs unpatched is another
   * component with the same purl, its id `patch:<purl>#<its patches, &-joined>`.
   */
  id: string;
  /** The ecosystem (purl type). */
  ecosystem: Ecosystem;
  /** Package name as the ecosystem spells it (npm: with `@scope/`; go: module path). */
  name: string;
  /** Exact resolved version; absent when only a constraint is known. */
  version?: string;
  /** The declared version constraint when no exact version is known (e.g. `>=2,<3`). */
  specifier?: string;
  /** Package URL. */
  purl: string;
  /**
   * Hashes of the one file the component is distributed as, sorted by
   * algorithm then value. Empty when the lockfile records several files:
   * their hashes are in {@linkcode Component.distributions}.
   */
  hashes: Hash[];
  /**
   * The component's files, each with its own hashes, when the lockfile
   * records several (sdist + wheels); sorted by URL, then file name.
   */
  distributions?: Distribution[];
  /** Where the lockfile says the package is downloaded from. */
  downloadLocation?: string;
  /** True when the project itself declares it (not only pulled in transitively). */
  direct: boolean;
  /**
   * Every scope the component appears in, sorted, never empty: the kinds of
   * path from the project (its root and members) that reach it. `runtime`:
   * needed at run time; `optional`: run time may install it, but only
   * through optional links (extras, optional dependencies); `dev`, `build`:
   * reached by dev/test or build paths. A package only dev or build paths
   * reach is never `optional`, even when those paths go through an optional
   * dependency (an optional dependency of a dev dependency is `dev`), so
   * that unions stay meaningful when outputs merge and the SBOM writers map
   * alike whatever the reader: `runtime` → required, else `optional` →
   * optional, else (dev/build only) excluded.
   */
  scopes: Scope[];
  /** Extras / dependency groups / features it was declared under, sorted. */
  groups: string[];
  /** Files (relative to the project root, `/`-separated) that mention it, sorted. */
  sources: string[];
  /**
   * The declared license as the source states it (an SPDX expression or
   * free text); the SBOM writers check it with `spdxLicenseExpression`.
   */
  license?: string;
  /**
   * Patches the project applies to the package (pnpm `patchedDependencies`,
   * Yarn `patch:`): the patch file path relative to the lockfile's folder, or
   * a builtin patch's name, sorted. Absent when there are none.
   */
  patches?: string[];
  /**
   * The packages that ship inside its own archive (npm's `bundleDependencies`) and that the lock
   * does not install as packages of their own, by name, sorted: their code is in the component,
   * at the versions of the archive, which the lock does not record (pnpm lists the names; Bun
   * records versions it resolves but never installs). Absent when there are none.
   */
  bundled?: string[];
}

/** A first-party package of the project: the root, or a workspace member. */
export interface Member {
  /** Unique id in the inventory. */
  id: string;
  /** Name. */
  name: string;
  /** Version if known. */
  version?: string;
  /** Package URL if one can be formed. */
  purl?: string;
}

/** A dependency edge: `from` depends on `to` with a scope. */
export interface Edge {
  /** Id of the depending node: {@linkcode ROOT_ID}, a member id or a component id. */
  from: string;
  /** Id of the depended-on node: a member id or a component id. */
  to: string;
  /** The scope of this dependency. */
  scope: Scope;
}

/** The id that stands for the project root in {@linkcode Edge}s. */
export const ROOT_ID = "root";

/**
 * The order of edges everywhere they are listed: by `from`, then `to`, then
 * `scope` (code-unit order, as `compareStrings`).
 *
 * @param a An edge.
 * @param b Another edge.
 * @returns Negative, zero or positive, as for `Array.prototype.sort`.
 */
export function compareEdges(a: Edge, b: Edge): number {
  return compareStrings(a.from, b.from) || compareStrings(a.to, b.to) ||
    compareStrings(a.scope, b.scope);
}

/** What one reader produces from one file. */
export interface ReaderOutput {
  /** Workspace members found (never components). */
  members: Member[];
  /** Third-party components. */
  components: Component[];
  /** Dependency edges between {@linkcode ROOT_ID}, members and components. */
  edges: Edge[];
}

/** The project the inventory describes. */
export interface Project {
  /** Project name. */
  name: string;
  /** Project version, or `undefined` when it cannot be known. */
  version?: string;
  /** Package URL of the project when one can be formed. */
  purl?: string;
  /** Declared license as the manifest states it (an SPDX expression or free text). */
  license?: string;
  /** One-line description. */
  description?: string;
}

/** Everything vouch knows about what a project depends on. */
export interface Inventory {
  /** The project itself. */
  project: Project;
  /** Workspace members other than the root, sorted by id. */
  members: Member[];
  /** Third-party components, sorted by id, ids unique. */
  components: Component[];
  /** Dependency edges, sorted, unique, every end a known node. */
  edges: Edge[];
  /** The files that were read, relative to the project root, sorted. */
  sources: string[];
  /**
   * Dependency files the scan found but did not read (no reader for the
   * format, or a link to a file outside the project root), relative to the
   * project root, sorted. Absent or empty when every file found was read.
   */
  unread?: string[];
  /**
   * Manifests read whose declarations no lockfile resolves ("declared, not
   * resolved": versions only where the manifest pins them, no transitive
   * dependencies), relative to the project root, sorted. Absent or empty when
   * every manifest read is resolved by a lockfile.
   */
  declaredOnly?: string[];
  /**
   * What the files read leave open, one line each naming its file (a version
   * managed by a parent POM that is not in the tree, a Gemfile condition not
   * evaluated, a manifest declared but not resolved, …), sorted. Absent or
   * empty when there is nothing to say.
   */
  warnings?: string[];
}
