/**
 * Reader for `pdm.lock`: lock_version 4.x (PDM 2), 3.x and 2 (PDM 1, and PDM
 * 0.12.2-0.12.3 before it), whose `[[package]]` tables have the same keys;
 * PDM 1 (and 0.12.2-0.12.3) and the early PDM 2 locks
 * (4.0–4.2) keep the files of every package apart, in `[metadata.files]`
 * keyed by `"name version"`, and PDM 0.x's (no lock_version, a `[root]`
 * table) in `[metadata]` itself. Before PDM 1.2 a package's `dependencies`
 * were a table of specifiers, not PEP 508 strings. The same package locked once per extras set
 * (`name[extra]`) collapses into one component. The lock does not say which
 * packages the root requires, so no edge starts at the root.
 *
 * @module
 */

import { posix } from "node:path";
import { isVouchError } from "../../errors.ts";
import { parseToml } from "../_formats/toml.ts";
import { OutputBuilder } from "../_builder.ts";
import { compareStrings } from "../../_util.ts";
import {
  archiveUrl,
  at,
  DISTRIBUTION_FILE,
  distributionFiles,
  fileHostQualifiers,
  holdsPythonProject,
  invalid,
  isPypiIndex,
  isTable,
  localArchiveQualifiers,
  missingFolderWarning,
  NameIndex,
  nthLine,
  pipUrl,
  purlMember,
  pypiComponent,
  readLockDocument,
  repositoryUrl,
  skippedWithoutProject,
  tomlKeyLine,
  unsupportedVersion,
} from "./_python.ts";
import { gitVcsUrl, withSubPath } from "../_vcs.ts";
import { decodePercent, withoutCredentials } from "../_url.ts";
import { type LocalPlace, memberFolders, scannedPlace } from "../_paths.ts";
import { parseRequirement, pinnedVersion } from "./pep508.ts";
import { sameVersion } from "./pep440.ts";
import { pep503Name } from "../purl.ts";
import type { Scope } from "../types.ts";
import type { ExtraLinks, ReaderResult } from "../_reader.ts";

/** Options of {@linkcode readPdmLock}. */
export interface PdmLockOptions {
  /** The file's path relative to the project root. */
  path: string;
  /**
   * Reads another file of the project (root-relative path): the
   * `pyproject.toml` beside the lock and those of the members (`path`
   * packages in the project), whose `[project.optional-dependencies]` say
   * which of the lock's groups are extras. Without it every group other
   * than `default` is taken for a dev group.
   */
  load?: (path: string) => string | undefined;
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

const READER = "pdm_lock";

/** The version control systems PDM checks packages out of (pdm.models.requirements VCS_SCHEMA). */
const PDM_VCS = ["git", "hg", "svn", "bzr"] as const;

type Table = Record<string, unknown>;

interface Node {
  id: string;
  version?: string;
}

function scopesAndGroups(
  pkg: Table,
  extras: ReadonlySet<string>,
): { scopes: Scope[]; groups: string[] } {
  // PDM 1 wrote the groups as `sections`; a lock without either does not say.
  const written = pkg.groups ?? pkg.sections;
  const declared = Array.isArray(written)
    ? written.filter((g): g is string => typeof g === "string")
    : ["default"];
  const groups = declared.filter((g) => g !== "default");
  const scopes: Scope[] = [];
  if (declared.includes("default")) scopes.push("runtime");
  // A group named after an extra (`[project.optional-dependencies]`) is optional; any other, dev.
  if (groups.some((g) => extras.has(pep503Name(g)))) scopes.push("optional");
  if (groups.some((g) => !extras.has(pep503Name(g)))) scopes.push("dev");
  return { scopes, groups };
}

/** The extras a `pyproject.toml` declares (PEP 503 names); none when unread. */
function extrasOf(manifest: string, load: PdmLockOptions["load"]): string[] {
  const text = load?.(manifest);
  if (text === undefined) return [];
  try {
    const project = parseToml(text, manifest, "inventory.pyproject.invalid").project;
    const extras = isTable(project) ? project["optional-dependencies"] : undefined;
    return isTable(extras) ? Object.keys(extras).map(pep503Name) : [];
  } catch (error) {
    // The pyproject reader reports a broken manifest itself; a parser not loaded yet is awaited.
    if (!isVouchError(error)) throw error;
    return [];
  }
}

/** PyPI's index, which PDM searches unless a source named `pypi` replaces it. */
const PYPI_INDEX = "https://pypi.org/simple";

/** A place PDM takes index packages from, with the packages it is limited to or kept from. */
interface PdmSource {
  /** Its URL, credentials dropped. */
  url: string;
  /** `include_packages`: the only packages PDM takes from here (fnmatch patterns). */
  include: string[];
  /** `exclude_packages`: packages PDM never takes from here (fnmatch patterns). */
  exclude: string[];
}

/**
 * A source's pattern list as PDM reads it (RepositoryConfig's `_normalize_pattern`): each run of
 * characters other than letters, digits, `?`, `*`, `[`, `]` and `-` a `-`, lowercased, so that
 * `oneccl_bind_pt` matches the normalized name `oneccl-bind-pt`. Anything else is no pattern.
 */
function patterns(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((p) =>
    typeof p === "string" ? [p.replace(/[^A-Za-z0-9?*[\]-]+/g, "-").toLowerCase()] : []
  );
}

/**
 * The places PDM takes index packages from: PyPI and each `[[tool.pdm.source]]` of the
 * `pyproject.toml` beside the lock (PDM docs, tool.pdm: a source "works as if
 * `--extra-index-url` is passed", one named `pypi` overrides PyPI's URL; a `find_links` source
 * is a location too), credentials dropped. None when the manifest is unread or names no source.
 */
function pdmSources(path: string, load: PdmLockOptions["load"]): PdmSource[] {
  const manifest = posix.join(posix.dirname(path), "pyproject.toml");
  const text = load?.(manifest);
  if (text === undefined) return [];
  let sources: unknown;
  try {
    const tool = parseToml(text, manifest, "inventory.pyproject.invalid").tool;
    sources = isTable(tool) && isTable(tool.pdm) ? tool.pdm.source : undefined;
  } catch (error) {
    // The pyproject reader reports a broken manifest itself; a parser not loaded yet is awaited.
    if (!isVouchError(error)) throw error;
    return [];
  }
  if (!Array.isArray(sources)) return [];
  // Project.sources: keyed by name (a later one of a name replaces the earlier in its place),
  // PyPI put first unless a source named `pypi` stands for it where it is listed.
  const byName = new Map<unknown, Table>();
  for (const s of sources) if (isTable(s)) byName.set(s.name, s);
  const named = [...byName.values()].filter((s) => typeof s.url === "string");
  if (named.length === 0) return [];
  const all = byName.has("pypi") ? named : [{ url: PYPI_INDEX }, ...named];
  const seen = new Set<string>();
  return all.flatMap((s) => {
    const url = withoutCredentials(s.url as string);
    // A legacy spelling of PyPI's URL (`https://pypi.python.org/simple`) is PyPI: see isPypiIndex.
    const key = isPypiIndex(url) ? PYPI_INDEX : url;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ url, include: patterns(s.include_packages), exclude: patterns(s.exclude_packages) }];
  });
}

/**
 * Whether a name matches a pattern as Python's `fnmatch.fnmatch` matches it on POSIX
 * (`fnmatch.translate`: `*` any run, `?` one character, `[seq]` a class with `a-z` ranges, a `[`
 * without its `]` literal; case-sensitive). A normalized pattern (see `patterns`) has no `!`, so
 * no negated class. Walked with a pointer back to the last `*` only, not by a regex: the
 * patterns come from a file vouch does not trust.
 */
function fnmatches(pattern: string, name: string): boolean {
  type Token = "*" | ((c: string) => boolean);
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") {
      if (tokens.at(-1) !== "*") tokens.push("*");
    } else if (c === "?") tokens.push(() => true);
    else if (c === "[") {
      // fnmatch.translate: a `]` first in the class is one of its characters.
      let j = pattern[i + 1] === "]" ? i + 2 : i + 1;
      while (j < pattern.length && pattern[j] !== "]") j++;
      if (j >= pattern.length) {
        tokens.push((d) => d === "[");
        continue;
      }
      const body = pattern.slice(i + 1, j);
      const ranges: Array<[string, string]> = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === "-" && k + 2 < body.length) {
          ranges.push([body[k], body[k + 2]]);
          k += 2;
        } else ranges.push([body[k], body[k]]);
      }
      tokens.push((d) => ranges.some(([lo, hi]) => lo <= d && d <= hi));
      i = j;
    } else tokens.push((d) => d === c);
  }
  let t = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    const token = tokens[t];
    if (token !== undefined && token !== "*" && token(name[n])) {
      t++;
      n++;
    } else if (token === "*") {
      star = t++;
      resume = n;
    } else if (star !== -1) {
      t = star + 1;
      n = ++resume;
    } else return false;
  }
  while (tokens[t] === "*") t++;
  return t === tokens.length;
}

/**
 * The sources PDM searches for a package (pdm.utils.filtered_sources): those whose
 * `include_packages` match its name (lowercased, each run of other characters than letters
 * and digits a `-`), if any does; else those whose `exclude_packages` do not.
 */
function sourcesFor(name: string, sources: readonly PdmSource[]): PdmSource[] {
  const key = name.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase();
  const preference = sources.map((s) =>
    s.include.some((p) => fnmatches(p, key))
      ? true
      : s.exclude.some((p) => fnmatches(p, key))
      ? false
      : undefined
  );
  const included = sources.filter((_, i) => preference[i] === true);
  return included.length > 0 ? included : sources.filter((_, i) => preference[i] === undefined);
}

/**
 * The extras of the project (PEP 503 names): those of the `pyproject.toml`
 * beside the lock and of each workspace member's in the project, the `path`
 * packages of the lock (a PDM monorepo).
 */
function projectExtras(
  path: string,
  packages: readonly Table[],
  load: PdmLockOptions["load"],
  excluded: PdmLockOptions["excluded"],
): Set<string> {
  const folders = new Set([posix.normalize(posix.dirname(path))]);
  for (const pkg of packages) {
    const place = folderPlace(path, pkg, excluded);
    if (place?.path !== undefined) folders.add(place.path);
  }
  return new Set([...folders].flatMap((dir) => extrasOf(posix.join(dir, "pyproject.toml"), load)));
}

/**
 * Where a local package lies, as written relative to the project: its `path`
 * (a folder, or a distribution file: `pdm add ./vendor/x-1.0-py3-none-any.whl`),
 * or the URL under the project's root that PDM writes for a local file when it
 * has no `path`: early PDM 2's `file:///${PROJECT_ROOT}/…`, or Hatch's
 * `{root:uri}/…` when the project builds with hatchling
 * (`FileRequirement.relocate`: the backend's `relative_path_to_url`).
 * PDM writes the `path` as the path is (`FileRequirement.str_path`), the URL
 * percent-encoded (`PDMBackend`'s and `HatchBackend`'s `relative_path_to_url`:
 * `urllib.parse.quote`), and reads either URL back decoded
 * (`get_relative_path`: `urllib.parse.unquote`):
 * `file:///${PROJECT_ROOT}/my%20lib` is the folder `./my lib`.
 */
function localPath(pkg: Table): string | undefined {
  if (typeof pkg.path === "string") return pkg.path;
  const rooted = typeof pkg.url === "string" ? ROOT_URL.exec(pkg.url) : null;
  return rooted === null ? undefined : `./${decodePercent(rooted[1])}`;
}

/** PDM's and Hatch's URLs of the project's root, before a path in it. */
const ROOT_URL = /^(?:file:\/\/\/?\$\{PROJECT_ROOT\}|\{root:uri\})\/(.*)$/;

/**
 * Where a local package's folder lies: none for a distribution file, a
 * package wherever it lies (uv.lock's `path` source, pip's local archive).
 */
function folderPlace(
  lockPath: string,
  pkg: Table,
  excluded: PdmLockOptions["excluded"],
): LocalPlace | undefined {
  const local = localPath(pkg);
  return local === undefined || DISTRIBUTION_FILE.test(local)
    ? undefined
    : scannedPlace(lockPath, local, excluded);
}

function withoutExtras(name: string): string {
  return name.replace(/\[.*$/, "");
}

/** The extras a package entry is locked for (PEP 685 names): PDM 2's `extras`, PDM 1's `name[extra]`. */
function entryExtras(pkg: Table, written: string): string[] {
  const listed = Array.isArray(pkg.extras) ? pkg.extras : /\[(.*)\]/.exec(written)?.[1].split(",");
  return (listed ?? []).filter((e): e is string => typeof e === "string" && e.trim() !== "")
    .map((e) => pep503Name(e.trim()));
}

/**
 * The `[metadata.files]` table of PDM 1 and early PDM 2 locks: the files of
 * each package under `"name version"` (`name` as locked, possibly with
 * `[extras]`), here keyed by the PEP 503 name and the version.
 */
function metadataFiles(table: unknown, where: () => string): Map<string, unknown[]> {
  const byKey = new Map<string, unknown[]>();
  if (table === undefined) return byKey;
  if (!isTable(table)) throw invalid(READER, where(), "`[metadata.files]` must be a table");
  for (const [key, files] of Object.entries(table)) {
    const space = key.lastIndexOf(" ");
    if (space <= 0 || !Array.isArray(files)) {
      throw invalid(
        READER,
        where(),
        `\`[metadata.files]\` entry "${key}" is not "name version" = [files]`,
      );
    }
    const name = pep503Name(withoutExtras(key.slice(0, space)));
    const id = `${name} ${key.slice(space + 1)}`;
    if (!byKey.has(id)) byKey.set(id, files); // an extras entry repeats the files
  }
  return byKey;
}

/** One dependency of a locked package: its name, the version it pins, the extras it asks for. */
interface Dependency {
  name: string;
  pin?: string;
  asked: string[];
}

/**
 * The dependencies of a package entry: PEP 508 strings (PDM 1.2 and later,
 * pdm-project/pdm#236), or before that a table of `name = "<specifier>"` or
 * `name = {version = "<specifier>", extras = [...], ...}`, as PDM 0.x and 1.0-1.1 wrote them.
 */
function dependenciesOf(pkg: Table, text: string, path: string, where: () => string): Dependency[] {
  const deps = pkg.dependencies ?? [];
  if (isTable(deps)) {
    return Object.entries(deps).map(([written, value]) => {
      const spec = isTable(value) ? value.version : value;
      if (typeof spec !== "string" && spec !== undefined) {
        throw invalid(READER, where(), `dependency "${written}" of "${pkg.name}" has no specifier`);
      }
      const asked = isTable(value) ? entryExtras(value, written) : entryExtras({}, written);
      return { name: withoutExtras(written), pin: pinnedVersion(spec), asked };
    });
  }
  if (!Array.isArray(deps)) throw invalid(READER, where(), "`dependencies` must be an array");
  return deps.map((dep) => {
    if (typeof dep !== "string") {
      throw invalid(READER, where(), `dependency of "${pkg.name}" must be a string`);
    }
    try {
      const requirement = parseRequirement(dep);
      return {
        name: requirement.name,
        pin: pinnedVersion(requirement.specifier),
        asked: requirement.extras.map(pep503Name),
      };
    } catch (error) {
      if (isVouchError(error)) {
        // As written in the TOML (quoted, escapes and all), else the package's header line.
        const line = nthLine(text, JSON.stringify(dep)) ??
          (dep.trim() === "" ? undefined : nthLine(text, dep));
        throw invalid(READER, line === undefined ? where() : at(path, line), error.message);
      }
      throw error;
    }
  });
}

/**
 * Reads a `pdm.lock`: every locked package once (extras entries merged), its
 * hashes, git/URL source, groups (`default` is runtime, a group named after
 * an extra of the pyproject.toml beside it or of a workspace member's, the
 * lock's `path` packages in the project, optional; any other group dev) and
 * the dependency edges between packages. `path` packages of the project's
 * folders are first-party members; one outside the project (another
 * checkout) is a component.
 *
 * @example
 * ```ts
 * import { readPdmLock } from "./pdm_lock.ts";
 * const lock = '[metadata]\ngroups = ["default"]\nlock_version = "4.5.0"\n\n' +
 *   '[[package]]\nname = "idna"\nversion = "3.7"\ngroups = ["default"]\n';
 * readPdmLock(lock, { path: "pdm.lock" }).components[0].purl; // "pkg:pypi/idna@3.7"
 * ```
 *
 * @param text The file's text.
 * @param options The file's path.
 * @returns Members, components and edges between them.
 * @throws {VouchError} `inventory.pdm_lock.invalid` for malformed content,
 *   `inventory.pdm_lock.unsupported_version` for a lock_version other than
 *   2, 3.x or 4.x (PDM 0.x's `[root]` lock has none), or none (an empty file).
 */
export function readPdmLock(text: string, options: PdmLockOptions): ReaderResult {
  const { path } = options;
  const { doc, packages, where, nameAndVersion } = readLockDocument(text, { path, reader: READER });
  const metadata = isTable(doc.metadata) ? doc.metadata : undefined;
  const lockVersion = metadata?.lock_version;
  // PDM 0.x (before 0.12.2, pdm-project/pdm#196) wrote no lock_version: a `[root]` table of
  // `meta_version` and `content_hash`, and the files of each package in `[metadata]` itself.
  const legacy = lockVersion === undefined && isTable(doc.root) &&
    typeof doc.root.meta_version === "string";
  // An early PDM 1 lock names the major alone: `lock_version = "3"` (frostming/marko's of 2021);
  // PDM 0.12.2-1.5 wrote `"2"`.
  if (!legacy && (typeof lockVersion !== "string" || !/^(?:2|[34](?:\.\d+)*)$/.test(lockVersion))) {
    throw unsupportedVersion(
      READER,
      // Where it is, else its table, else (no metadata at all) the file's first line.
      `${path}:${tomlKeyLine(text, "metadata.lock_version") ?? tomlKeyLine(text, "metadata") ?? 1}`,
      lockVersion === undefined
        ? "pdm.lock has no [metadata] lock_version"
        : `pdm.lock lock_version ${JSON.stringify(lockVersion)} is not supported`,
      "pdm.lock lock_version 2, 3.x or 4.x, or PDM 0.x's with a [root] table",
    );
  }
  const sharedFiles = metadataFiles(
    legacy ? metadata : metadata?.files,
    () => at(path, tomlKeyLine(text, legacy ? "metadata" : "metadata.files")),
  );
  const extras = projectExtras(path, packages, options.load, options.excluded);
  const sources = pdmSources(path, options.load);
  /**
   * Index packages whose source PDM chose among several, which the lock does not record, by
   * the sources it searched (joined); under `""`, those every source keeps out.
   */
  const unsourced = new Map<string, string[]>();
  const builder = new OutputBuilder();
  const index = new NameIndex<Node>();
  const ids: string[] = [];
  const places: LocalPlace[] = [];
  /** `path` packages in a folder of the project that holds no Python project. */
  const missing: string[] = [];
  /** Packages built from folders the scan skips that hold no Python project. */
  const unbuildable: string[] = [];
  packages.forEach((pkg: Table, i: number) => {
    // A PDM 1 lock names an extras entry `name[extra]`; PDM 2 writes `extras`.
    const { name: written, version } = nameAndVersion(i);
    const name = withoutExtras(written);
    if (pkg.subdirectory !== undefined && typeof pkg.subdirectory !== "string") {
      throw invalid(READER, where(i), `package "${written}" has a non-string \`subdirectory\``);
    }
    let id: string;
    const place = folderPlace(path, pkg, options.excluded);
    // A folder of the project is first-party; one outside it (another checkout) is third-party,
    // as a local distribution file is wherever it lies.
    if (place !== undefined && place.kind !== "outside") {
      places.push(place);
      // PDM refuses it (FileRequirement._check_installable: "The local path … is not
      // installable" without setup.py or pyproject.toml; a missing folder fails its build).
      if (
        place.kind === "inside" && options.load && !holdsPythonProject(place.path!, options.load)
      ) {
        missing.push(`${name} (${place.path})`);
      }
      id = builder.member(purlMember(name, version));
    } else {
      const skipped = skippedWithoutProject(place, options.peek);
      if (skipped !== undefined) unbuildable.push(`${name} (${skipped})`);
      const files = Array.isArray(pkg.files)
        ? pkg.files
        : sharedFiles.get(`${pep503Name(name)} ${version}`) ?? [];
      let dist = distributionFiles(files);
      let qualifiers: Record<string, string | undefined> = {};
      let downloadLocation = dist.url;
      // PDM locks a checkout of any VCS it supports under that VCS's key (VcsRequirement's
      // `{vcs: repo, ref, revision}`; VCS_SCHEMA is git, hg, svn, bzr).
      const vcs = PDM_VCS.find((kind) => typeof pkg[kind] === "string");
      if (vcs !== undefined) {
        const repo = pkg[vcs] as string;
        const commit = [pkg.revision, pkg.ref].find((r): r is string => typeof r === "string");
        const subPath = typeof pkg.subdirectory === "string" ? pkg.subdirectory : undefined;
        downloadLocation = vcs === "git"
          ? gitVcsUrl(repo, commit, { subPath })
          : withSubPath(`${vcs}+${repo}${commit ? `@${commit}` : ""}`, subPath);
        qualifiers = { vcs_url: downloadLocation };
      } else if (typeof pkg.url === "string" && !/^(?:file:|\{root:uri\}\/)/i.test(pkg.url)) {
        // A local file (`file:`, Hatch's `{root:uri}/…`) has no download location, as a `path`
        // has none.
        // PDM writes a URL requirement's `url` as the requirement gave it (`#subdirectory=`,
        // `#egg=`, `#sha256=` and all), and a `subdirectory` beside it when it had one apart,
        // which PDM then builds (FileRequirement.as_file_link): the folder stays with the URL.
        const written = pipUrl(pkg.url);
        downloadLocation = typeof pkg.subdirectory === "string"
          ? archiveUrl(pkg.url.replace(/#.*$/, ""), pkg.subdirectory)
          : written.url;
        qualifiers = { download_url: downloadLocation };
        // Its `#sha256=` is the hash of its one file, which pip checks: `files` may not say it.
        if (dist.distributions.length === 0) {
          dist = { ...dist, hashes: [...dist.hashes, ...written.hashes] };
        }
      } else {
        // A distribution file on disk (a `path`, or a `file:` URL): its `file_name`.
        const local = localPath(pkg) ?? (typeof pkg.url === "string" ? pkg.url : undefined);
        // A package of an index. The lock names none, but with `static_urls` it has the URLs PDM
        // downloads its files from (off PyPI's host: a private index's); without them, the one
        // source PDM searches, else the first, with a warning.
        const urls = files.flatMap((f) => isTable(f) && typeof f.url === "string" ? [f.url] : []);
        if (local !== undefined) qualifiers = localArchiveQualifiers(local) ?? {};
        else if (urls.length > 0) qualifiers = fileHostQualifiers(urls);
        else if (sources.length > 0) {
          const searched = sourcesFor(name, sources);
          const urls = searched.map((s) => s.url);
          qualifiers = { repository_url: repositoryUrl(urls[0]) };
          if (urls.length !== 1) {
            const key = urls.join(", ");
            unsourced.set(key, [...unsourced.get(key) ?? [], pep503Name(name)]);
          }
        }
      }
      id = builder.component(pypiComponent({
        name,
        version,
        qualifiers,
        files: dist,
        downloadLocation,
        ...scopesAndGroups(pkg, extras),
        source: path,
      }));
    }
    ids.push(id);
    if (!index.get(name).some((node) => node.id === id)) index.add(name, { id, version });
  });
  const links: ExtraLinks = { asks: [], gates: [] };
  /** The dependencies of each package's entry without extras; those of its extras entries. */
  const base = new Map<string, Set<string>>();
  const throughExtras: Array<{ from: string; to: string; extras: string[] }> = [];
  packages.forEach((pkg: Table, i: number) => {
    const own = entryExtras(pkg, nameAndVersion(i).name);
    if (own.length === 0 && !base.has(ids[i])) base.set(ids[i], new Set());
    for (const { name, pin, asked } of dependenciesOf(pkg, text, path, () => where(i))) {
      const candidates = index.get(name);
      const exact = candidates.filter((c) =>
        pin !== undefined && c.version !== undefined && sameVersion(c.version, pin)
      );
      for (const node of exact.length > 0 ? exact : candidates) {
        builder.edge(ids[i], node.id, "runtime");
        for (const extra of asked) {
          links.asks.push({ from: ids[i], to: node.id, scope: "runtime", extra });
        }
        if (own.length === 0) base.get(ids[i])!.add(node.id);
        else throughExtras.push({ from: ids[i], to: node.id, extras: own });
      }
    }
  });
  // What an extras entry adds to its package's own dependencies comes with those extras only.
  for (const { from, to, extras: own } of throughExtras) {
    if (from === to || base.get(from)?.has(to) !== false) continue;
    for (const extra of own) links.gates.push({ from, to, extra });
  }
  // A lock without per-package groups does not say which are dev: the project's
  // declarations tell (see `scopesFromDeclarations`).
  const scopesKnown = packages.some((p: Table) =>
    p.groups !== undefined || p.sections !== undefined
  );
  const output: ReaderResult = { ...builder.build(), ...memberFolders(places) };
  if (missing.length > 0) output.warnings = [missingFolderWarning(path, missing, { tool: "PDM" })];
  if (unbuildable.length > 0) {
    (output.warnings ??= []).push(
      missingFolderWarning(path, unbuildable, { tool: "PDM", skipped: true }),
    );
  }
  for (const [searched, names] of [...unsourced].sort(([a], [b]) => compareStrings(a, b))) {
    const unique = [...new Set(names)].sort(compareStrings);
    const shown = unique.slice(0, 5).join(", ") +
      (unique.length > 5 ? `, … (${unique.length} in all)` : "");
    (output.warnings ??= []).push(
      searched === ""
        ? `${path}: every [[tool.pdm.source]] of pyproject.toml keeps ${shown} out ` +
          "(`exclude_packages`), so PDM took them from a source configured elsewhere (pdm.toml, " +
          "the user's configuration), which vouch does not read: their purls name no index"
        : `${path}: PDM takes each package from whichever of ${searched} ` +
          "([[tool.pdm.source]] of pyproject.toml) offers the best match, and the lock does not " +
          `record which, so the index of ${shown} is ambiguous: their purls name the first ` +
          "(lock with `pdm lock --static-urls` to record each file's URL)",
    );
  }
  return scopesKnown ? output : { ...output, scopesFromDeclarations: true, extras: links };
}
