/**
 * Reader for `uv.lock` (version 1, any revision): workspace members, the
 * root, registry/git/url/path packages with their hashes, and the dependency
 * graph including extras and dependency groups.
 *
 * @module
 */

import { OutputBuilder } from "../_builder.ts";
import {
  archiveUrl,
  at,
  distributionFiles,
  fileNameOf,
  holdsPythonProject,
  invalid,
  isTable,
  lastLine,
  localArchiveQualifiers,
  missingFolderWarning,
  nthLine,
  projectNode,
  purlMember,
  pypiComponent,
  readLockDocument,
  repositoryUrl,
  skippedWithoutProject,
  unsupportedVersion,
} from "./_python.ts";
import { gitVcsUrl } from "../_vcs.ts";
import { type LocalPlace, memberFolders, scannedPlace } from "../_paths.ts";
import { pep503Name } from "../purl.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { posix } from "../../_path.ts";
import type { Scope } from "../types.ts";

/** Options of {@linkcode readUvLock}. */
export interface UvLockOptions {
  /** The file's path relative to the project root. */
  path: string;
  /** Reads a file of the project (the `pyproject.toml` beside a lock without packages). */
  load?: Load;
  /**
   * Whether `--exclude` names a folder of the project (root-relative): a package the lock
   * takes from a folder there, or from one the scan skips (`vendor/`), is no member but a
   * component (see `scannedPlace`). Absent: none is excluded.
   */
  excluded?: (folder: string) => boolean;
  /**
   * Reads a file of the project without counting it read: a folder the scan skips that a
   * package is built from is looked into for its project (see `skippedWithoutProject`).
   */
  peek?: (path: string) => string | undefined;
}

const READER = "uv_lock";
const SOURCE_KINDS = ["registry", "git", "url", "path", "directory", "editable", "virtual"];
const FIRST_PARTY = new Set(["directory", "editable", "virtual"]);

type Table = Record<string, unknown>;

/**
 * Whether a line starts with `header`: `indexOf` scans, which are much faster
 * than a multi-line regex over a megabyte of lock.
 */
function hasLine(text: string, header: string): boolean {
  return text.startsWith(header) || text.includes(`\n${header}`) || text.includes(`\r${header}`);
}

/**
 * Whether a line starts with `[[distribution]]` and none with `[[package]]`: a
 * current lock's first package comes early, which ends the scan there.
 */
function isPreviewLock(text: string): boolean {
  return !hasLine(text, "[[package]]") && hasLine(text, "[[distribution]]");
}

interface Source {
  kind?: string;
  value?: string;
  /** The folder of a `url` archive the package is built from. */
  subdirectory?: string;
}

/** The `subdirectory` of a source URL's query (`<url>?subdirectory=<dir>&rev=<ref>#<commit>`). */
function querySubdirectory(value: string): string | undefined {
  const query = /\?([^#]*)/.exec(value)?.[1];
  return query === undefined
    ? undefined
    : new URLSearchParams(query).get("subdirectory") ?? undefined;
}

/**
 * A source as uv's first preview lockfile wrote it, one string
 * `<kind>+<url or path>`: `registry+https://pypi.org/simple`, `editable+.`,
 * `git+<url>?tag=<tag>#<commit>`, and a URL's as `direct+<url>`, its
 * folder as the query's `subdirectory` (uv 0.2's `Source::from_str`).
 */
function sourceString(value: string): Source {
  const plus = value.indexOf("+");
  const kind = value.slice(0, plus);
  const rest = value.slice(plus + 1);
  if (kind === "direct") {
    const subdirectory = querySubdirectory(rest);
    const source: Source = { kind: "url", value: rest.replace(/[?#].*$/, "") };
    if (subdirectory !== undefined) source.subdirectory = subdirectory;
    return source;
  }
  return plus > 0 && SOURCE_KINDS.includes(kind) ? { kind, value: rest } : {};
}

function sourceOf(value: unknown): Source {
  if (typeof value === "string") return sourceString(value);
  if (!isTable(value)) return {};
  const kind = SOURCE_KINDS.find((k) => typeof value[k] === "string");
  if (kind === undefined) return {};
  const source: Source = { kind, value: value[kind] as string };
  if (typeof value.subdirectory === "string") source.subdirectory = value.subdirectory;
  return source;
}

function sourceKey(source: Source): string {
  return source.kind === undefined ? "" : `${source.kind}=${source.value}`;
}

/** uv's git source: `<url>?subdirectory=<dir>&rev=<ref>#<commit>`. */
function gitUrl(value: string): string {
  const hash = value.indexOf("#");
  const commit = hash === -1 ? undefined : value.slice(hash + 1);
  const base = value.replace(/[?#].*$/, "");
  return gitVcsUrl(base, commit, { subPath: querySubdirectory(value) });
}

/**
 * A file table of uv's with no `url` as {@linkcode distributionFiles} reads
 * it: the wheel of a `path` source names its file by `filename`, a file of a
 * local index (a flat folder of wheels) by its `path`; either is the file's
 * name (`file`).
 */
function namedFile(value: unknown): unknown {
  if (!isTable(value) || typeof value.url === "string" || typeof value.file === "string") {
    return value;
  }
  const file = typeof value.filename === "string"
    ? value.filename
    : typeof value.path === "string"
    ? fileNameOf(value.path)
    : undefined;
  return file === undefined ? value : { ...value, file };
}

function component(
  builder: OutputBuilder,
  pkg: Table,
  path: string,
  { name, version, source, scopes }: {
    name: string;
    version?: string;
    source: Source;
    scopes: Scope[];
  },
): string {
  // Hot: one list, named in place.
  const files = Array.isArray(pkg.wheels) ? [pkg.sdist].concat(pkg.wheels) : [pkg.sdist];
  for (let i = 0; i < files.length; i++) files[i] = namedFile(files[i]);
  const dist = distributionFiles(files);
  let qualifiers: Record<string, string | undefined> = {};
  let downloadLocation: string | undefined;
  if (source.kind === "registry") {
    qualifiers = { repository_url: repositoryUrl(source.value) };
    downloadLocation = dist.url;
  } else if (source.kind === "git" && source.value) {
    downloadLocation = gitUrl(source.value);
    qualifiers = { vcs_url: downloadLocation };
  } else if (source.kind === "url" && source.value) {
    downloadLocation = archiveUrl(source.value, source.subdirectory);
    qualifiers = { download_url: downloadLocation };
  } else if (source.kind === "path" && source.value) {
    // A distribution file on disk (`uv add ./vendor/x-1.0.whl`): its `file_name`.
    qualifiers = localArchiveQualifiers(source.value) ?? {};
  }
  return builder.component(
    pypiComponent({
      name,
      version,
      qualifiers,
      files: dist,
      downloadLocation,
      scopes,
      source: path,
    }),
  );
}

interface Entry {
  name: string;
  version?: string;
  source: Source;
  /** A workspace member or the root (a folder of the project, or named in `[manifest] members`). */
  firstParty: boolean;
}

/**
 * A package's dependency groups: `dev-dependencies`, or `dependency-groups` as
 * uv 0.4.27 alone wrote them (astral-sh/uv#8599), which uv reads as an alias.
 */
function devGroups(pkg: Table): { field: string; table: unknown } {
  return pkg["dev-dependencies"] === undefined && pkg["dependency-groups"] !== undefined
    ? { field: "dependency-groups", table: pkg["dependency-groups"] }
    : { field: "dev-dependencies", table: pkg["dev-dependencies"] };
}

/** The indexes of the lock entries a dependency table (with its `name`) names. */
type Targets = (dep: Table, name: string) => readonly number[];

/** The targets of a name the lock does not have. */
const NONE: readonly number[] = [];

/**
 * {@linkcode Targets} over `entries`: every locked version of the name, or the
 * ones its `version` and `source` pin. Each table is resolved once (hot: the
 * scope walk and the edges ask for the same tables, the walk once per scope).
 */
function dependencyTargets(entries: readonly Entry[]): Targets {
  const byName = Map.groupBy(entries.keys(), (i) => pep503Name(entries[i].name));
  const sources = entries.map((entry) => sourceKey(entry.source));
  const resolved = new Map<Table, readonly number[]>();
  return (dep, name) => {
    let targets = resolved.get(dep);
    if (targets === undefined) {
      const named = byName.get(pep503Name(name)) ?? NONE;
      // Most dependencies name no version nor source: every locked version, no copy.
      const key = dep.source === undefined ? undefined : sourceKey(sourceOf(dep.source));
      targets = dep.version === undefined && key === undefined
        ? named
        : named.filter((i) =>
          (dep.version === undefined || entries[i].version === dep.version) &&
          (key === undefined || sources[i] === key)
        );
      resolved.set(dep, targets);
    }
    return targets;
  };
}

/**
 * The line of the dependency `{ name = "<name>", … }` listed in the package table whose
 * header is on line `header` (1-based), as uv writes it; else the header's.
 */
function dependencyLine(text: string, header: number, name: string): number {
  const lines = text.split("\n");
  for (let n = header; n < lines.length && !/^\[\[/.test(lines[n]); n++) {
    if (lines[n].includes(`name = "${name}"`)) return n + 1;
  }
  return header;
}

/**
 * Whether uv would have written a package in the lock: it locks a project (the `[project]` of
 * the `pyproject.toml` beside it) as one. A lock without packages is what uv writes for a
 * `pyproject.toml` without `[project]` (a Poetry 1 project's: Textualize/textual commits one),
 * so that alone is no sign of a cut.
 */
function locksAProject(path: string, load: Load | undefined): boolean {
  const pyproject = load?.(posix.join(posix.dirname(path), "pyproject.toml"));
  return pyproject !== undefined &&
    /^[ \t]*\[[ \t]*project[ \t]*\][ \t]*(?:#.*)?$/m.test(pyproject);
}

/**
 * The scopes through which each third-party package is installed, walking from
 * the project's packages (members and root: `dependencies` runtime,
 * `optional-dependencies` optional, `dev-dependencies` and the manifest's
 * requirements and groups dev). A package's own `optional-dependencies` are its
 * extras: they are followed only where a dependent asks for that extra
 * (`{ name = "httpx", extra = ["http2"] }`), with the scope of that dependent,
 * so a runtime package's extra that only a dev group requests is dev; so is
 * the extra of one of the project's own packages (the MCP SDK's dev group asks
 * for `mcp[cli]`: `typer` is optional and dev).
 * Malformed lists are skipped here; the edge pass refuses them.
 */
function reachedScopes(
  packages: Table[],
  entries: Entry[],
  options: { manifest: Table; targets: Targets },
): Scope[][] {
  const { manifest, targets } = options;
  const reached = entries.map((): Scope[] => []);
  // The extras of each package walked, in each scope (its own dependencies: `reached`).
  const seen = new Set<string>();
  // The dependency tables to walk and their scopes, side by side (hot: no pair, no copied list).
  const deps: Table[] = [];
  const scopes: Scope[] = [];
  const seed = (list: unknown, scope: Scope): void => {
    if (!Array.isArray(list)) return;
    for (let d = 0; d < list.length; d++) {
      const dep = list[d];
      if (!isTable(dep)) continue;
      deps.push(dep);
      scopes.push(scope);
    }
  };
  const seedGroups = (table: unknown, scope: Scope): void => {
    if (isTable(table)) { for (const list of Object.values(table)) seed(list, scope); }
  };
  entries.forEach((entry, i) => {
    if (!entry.firstParty) return;
    const pkg = packages[i];
    seed(pkg.dependencies, "runtime");
    seedGroups(pkg["optional-dependencies"], "optional");
    seedGroups(devGroups(pkg).table, "dev");
  });
  seed(manifest.requirements, "dev");
  seedGroups(manifest["dependency-groups"], "dev");
  for (let q = 0; q < deps.length; q++) {
    const dep = deps[q];
    const scope = scopes[q];
    if (typeof dep.name !== "string") continue;
    // `extra` in a package's lists; `extras` in the manifest's (requirements as declared).
    const asked = dep.extra ?? dep.extras;
    const found = targets(dep, dep.name);
    for (let t = 0; t < found.length; t++) {
      const i = found[t];
      const entry = entries[i];
      const pkg = packages[i];
      // An extra asked for, of the project's own packages too (a dev group's `mcp[cli]`).
      if (Array.isArray(asked)) {
        const optional = pkg["optional-dependencies"];
        for (const extra of asked) {
          if (typeof extra !== "string" || seen.has(`${i} ${scope} ${extra}`)) continue;
          seen.add(`${i} ${scope} ${extra}`);
          seed(isTable(optional) ? optional[extra] : undefined, scope);
        }
      }
      // The project's own packages are walked from, not through.
      if (entry.firstParty || reached[i].includes(scope)) continue;
      reached[i].push(scope);
      seed(pkg.dependencies, scope);
    }
  }
  return reached;
}

/**
 * Reads a `uv.lock`. The package whose source is `editable = "."` or
 * `virtual = "."` is the root, or, for a lock in a subfolder, a member the
 * root depends on (see `projectNode` in _python.ts), which the members and
 * the manifest's requirements hang from too; other
 * editable, virtual and directory packages of the project's folders and
 * `[manifest] members` are members; everything else (a folder
 * outside the project too) is a component. A dependency that names
 * a `version`/`source` links only that package; without them it links every
 * locked version of the name. The `[manifest.dependency-groups]` of a
 * workspace root that is no project are the root's dev dependencies, and so
 * are its `[manifest] requirements` (its `[tool.uv] dev-dependencies`). The
 * preview lockfile of uv before 0.3, whose packages are `[[distribution]]`
 * tables, is read the same way, with the `<kind>+<url or path>` string sources
 * of its first versions.
 *
 * @example
 * ```ts
 * import { readUvLock } from "./uv_lock.ts";
 * const out = readUvLock('version = 1\nrevision = 3\nrequires-python = ">=3.11"\n', {
 *   path: "uv.lock",
 * });
 * out.components.length; // 0
 * ```
 *
 * @param text The file's text.
 * @param options The file's path.
 * @returns Members, components and edges.
 * @throws {VouchError} `inventory.uv_lock.invalid` for malformed content,
 *   no `version` (an empty file), or a lock cut short: `revision` without `requires-python`,
 *   a package without `source`, a package's
 *   dependency that is no package of the lock, a `[manifest]` member that is none, or no package
 *   at all beside a `pyproject.toml` with `[project]`; `inventory.uv_lock.unsupported_version`
 *   for a lock version other than 1.
 */
export function readUvLock(text: string, options: UvLockOptions): ReaderResult {
  const { path } = options;
  // uv before 0.3 (its preview lockfile) wrote the same tables as `[[distribution]]`.
  const table = isPreviewLock(text) ? "distribution" : "package";
  const { doc, packages, where, nameAndVersion } = readLockDocument(text, {
    path,
    reader: READER,
    table,
  });
  // uv refuses a lock without `version` (missing field `version`): an empty or cut file.
  if (doc.version === undefined) {
    throw invalid(
      READER,
      at(path, 1),
      "no top-level `version` (uv writes `version = 1` first): the file is empty, truncated or not a uv.lock",
    );
  }
  if (doc.version !== 1) {
    throw unsupportedVersion(
      READER,
      at(path, nthLine(text, /^\s*version\s*=/)),
      `uv.lock version ${JSON.stringify(doc.version ?? null)} is not supported`,
      "uv.lock version 1",
    );
  }
  // uv's `LockWire` requires `requires-python` (a missing field); it did so before it wrote
  // `revision`, and writes it right after. A lock with a revision and none is cut short.
  if (doc.revision !== undefined && doc["requires-python"] === undefined) {
    throw invalid(
      READER,
      at(path, lastLine(text)),
      "no `requires-python` (uv writes it after `version` and `revision`): the file is cut short",
    );
  }
  const manifest = isTable(doc.manifest) ? doc.manifest : {};
  if (packages.length === 0 && locksAProject(path, options.load)) {
    throw invalid(
      READER,
      at(path, lastLine(text)),
      `no [[${table}]]: uv locks the project (the [project] of pyproject.toml) as a package, so the file is cut short`,
    );
  }
  const members = new Set(
    (Array.isArray(manifest.members) ? manifest.members : [])
      .filter((m): m is string => typeof m === "string")
      .map(pep503Name),
  );
  const builder = new OutputBuilder();
  const ids: string[] = [];
  const places: Array<LocalPlace | undefined> = [];
  const names = new Set<string>();
  const entries: Entry[] = packages.map((pkg: Table, i: number) => {
    const { name, version } = nameAndVersion(i);
    // Part of a package's identity in uv (PackageId: name, version, source): uv refuses a
    // package without it (missing field `source`).
    if (pkg.source === undefined) {
      throw invalid(
        READER,
        where(i),
        `package "${name}" has no \`source\` (uv writes one for every package): the file is cut short`,
      );
    }
    const source = sourceOf(pkg.source);
    // A local folder outside the project (a path dependency on another checkout) is third-party.
    const place = FIRST_PARTY.has(source.kind ?? "") && source.value !== undefined
      ? scannedPlace(path, source.value, options.excluded)
      : undefined;
    places.push(place);
    names.add(pep503Name(name));
    const firstParty = (place !== undefined && place.kind !== "outside") ||
      members.has(pep503Name(name));
    return { name, version, source, firstParty };
  });
  // uv writes the workspace's members in `[manifest]` and locks each as a package: one the lock
  // lacks was cut off.
  for (const member of members) {
    if (names.has(member)) continue;
    throw invalid(
      READER,
      at(path, nthLine(text, /^\s*members\s*=/) ?? lastLine(text)),
      `[manifest] members names "${member}", which is no package of the lock: the file is cut short`,
    );
  }
  const targets = dependencyTargets(entries);
  const scopes = reachedScopes(packages, entries, { manifest, targets });
  const own = entries.findIndex((e, i) => e.firstParty && places[i]?.kind === "self");
  const lockNode = projectNode(builder, path, own === -1 ? undefined : entries[own]);
  /** First-party folders of the lock that hold no Python project in the tree: `name (folder)`. */
  const missing: string[] = [];
  /** Packages built from folders the scan skips that hold no Python project: `name (folder)`. */
  const unbuildable: string[] = [];
  entries.forEach(({ name, version, source, firstParty }, i: number) => {
    let id: string;
    if (firstParty) {
      const folder = places[i]?.kind === "inside" ? places[i]?.path : undefined;
      // uv cannot build it ("Distribution not found at", or no pyproject.toml nor setup.py).
      if (folder !== undefined && options.load && !holdsPythonProject(folder, options.load)) {
        missing.push(`${name} (${folder})`);
      }
      if (i === own) id = lockNode;
      else {
        id = builder.member(purlMember(name, version));
        builder.edge(lockNode, id, "runtime");
      }
    } else {
      id = component(builder, packages[i], path, { name, version, source, scopes: scopes[i] });
      const skipped = skippedWithoutProject(places[i], options.peek);
      if (skipped !== undefined) unbuildable.push(`${name} (${skipped})`);
    }
    ids.push(id);
  });
  const firstParty = (id: string): boolean => !builder.hasComponent(id);
  const header = new RegExp(`^\\s*\\[\\[${table}\\]\\]`);
  const link = (
    from: { id: string; name: string; where: () => string; index?: number },
    list: unknown,
    scope: Scope,
    group: string | undefined,
  ): void => {
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      throw invalid(READER, from.where(), "dependency list must be an array");
    }
    for (let d = 0; d < list.length; d++) {
      const dep = list[d];
      if (!isTable(dep) || typeof dep.name !== "string") {
        throw invalid(READER, from.where(), `dependency without a \`name\` in "${from.name}"`);
      }
      const found = targets(dep, dep.name);
      // uv refuses a package's dependency that is no package of the lock (its
      // UnrecognizedDependency, or MissingDependencyVersion for a name it does not have): the
      // file lost that package. The manifest's requirements are requirements, not locked edges.
      if (found.length === 0 && from.index !== undefined) {
        const line = dependencyLine(text, nthLine(text, header, from.index) ?? 1, dep.name);
        throw invalid(
          READER,
          at(path, line),
          `"${from.name}" depends on "${dep.name}"${
            typeof dep.version === "string" ? ` ${dep.version}` : ""
          }, which is no package of the lock: the file is cut short`,
        );
      }
      for (let t = 0; t < found.length; t++) {
        const i = found[t];
        builder.edge(from.id, ids[i], scope);
        if (firstParty(from.id)) builder.declare(ids[i], group === undefined ? [] : [group]);
      }
    }
  };
  const groupTables = (
    from: { id: string; name: string; where: () => string; index?: number },
    field: string,
    table: unknown,
    scope: Scope,
  ): void => {
    if (table === undefined) return;
    if (!isTable(table)) throw invalid(READER, from.where(), `\`${field}\` must be a table`);
    for (const [group, list] of Object.entries(table)) link(from, list, scope, group);
  };
  packages.forEach((pkg: Table, i: number) => {
    const from = { id: ids[i], name: String(pkg.name), where: () => where(i), index: i };
    link(from, pkg.dependencies, "runtime", undefined);
    groupTables(from, "optional-dependencies", pkg["optional-dependencies"], "optional");
    const groups = devGroups(pkg);
    groupTables(from, groups.field, groups.table, "dev");
  });
  // A workspace root that is no project keeps its own requirements in the manifest: its
  // legacy `[tool.uv] dev-dependencies` (uv's "non-project requirements").
  const requirementsLine = () => at(path, nthLine(text, /^\s*requirements\s*=/));
  link(
    { id: lockNode, name: "[manifest]", where: requirementsLine },
    manifest.requirements,
    "dev",
    undefined,
  );
  // A workspace root that is no project keeps its own dependency groups in the manifest.
  groupTables(
    {
      id: lockNode,
      name: "[manifest]",
      where: () => at(path, nthLine(text, /^\s*\[manifest\.dependency-groups\]/)),
    },
    "dependency-groups",
    manifest["dependency-groups"],
    "dev",
  );
  builder.propagateScopes();
  const out: ReaderResult = { ...builder.build(), ...memberFolders(places) };
  if (missing.length > 0) out.warnings = [missingFolderWarning(path, missing, { tool: "uv" })];
  if (unbuildable.length > 0) {
    (out.warnings ??= []).push(
      missingFolderWarning(path, unbuildable, { tool: "uv", skipped: true }),
    );
  }
  return out;
}
