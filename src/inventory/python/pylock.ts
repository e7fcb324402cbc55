/**
 * Reader for PEP 751 lock files: `pylock.toml` and every `pylock.<name>.toml`.
 *
 * @module
 */

import { posix } from "../../_path.ts";
import { distributionFields, OutputBuilder } from "../_builder.ts";
import { localPlace, memberFolders, scannedPlace } from "../_paths.ts";
import { parseToml, type TomlTable } from "../_formats/toml.ts";
import {
  archiveUrl,
  at,
  declaredProject,
  fileHostQualifiers,
  fileNameOf,
  folderMember,
  holdsPythonProject,
  invalid,
  isHex,
  isSdist,
  isTable,
  localArchiveQualifiers,
  lockProject,
  lowercaseHex,
  missingFolderWarning,
  NameIndex,
  namesDevelopment,
  nthLine,
  projectNode,
  pypiComponent,
  repositoryUrl,
  skippedWithoutProject,
  versionFromFileName,
} from "./_python.ts";
import { gitVcsUrl, withSubPath } from "../_vcs.ts";
import { pep503Name, pypiPurl } from "../purl.ts";
import { invalidVersion, tomlKeyLine } from "../_errors.ts";
import { type Marker, markerNames, mayHold, parseMarker } from "./_markers.ts";
import { parseRequirement } from "./pep508.ts";
import type { Distribution, Hash, HashAlgorithm, Scope } from "../types.ts";
import type { ReaderResult } from "../_reader.ts";
import { ROOT_ID } from "../types.ts";

/** Options of {@linkcode readPylock}. */
export interface PylockOptions {
  /** The file's path relative to the project root. */
  path: string;
  /**
   * Reads another file of the project (root-relative path): a `directory` package's folder is
   * checked for a Python project (see {@linkcode holdsPythonProject}), and gives the version its
   * project states (see `declaredProject`), which PEP 751 leaves out of a source tree's entry.
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

const READER = "pylock";
const ALGORITHMS: ReadonlySet<string> = new Set(["sha1", "sha256", "sha384", "sha512", "md5"]);

/** One distribution file of a package (an sdist, a wheel or an archive). */
interface DistFile {
  /** File name, when known. */
  name?: string;
  url?: string;
  path?: string;
  hashes: Hash[];
}

/** One `[[packages]]` entry, checked. */
interface Entry {
  /** The table as written (dependencies are matched against it key by key). */
  table: TomlTable;
  name: string;
  version?: string;
  marker?: Marker;
  registry?: string;
  vcs?: string;
  directory?: string;
  archive?: DistFile;
  /** The folder of the archive the package is built from (`archive.subdirectory`). */
  archiveSubdirectory?: string;
  /** The sdist and wheels (registry distributions), sdist first. */
  files: DistFile[];
  dependencies: Record<string, unknown>[];
  /** PDM's `[packages.tool.pdm] dependencies` (PEP 508 strings), when there is no `dependencies`. */
  toolDependencies: string[];
  /** A distribution is named only (no `url` or `path`). */
  unlocated?: boolean;
  /** Nothing to install from: no source and no distribution (as pipenv writes some). */
  sourceless?: boolean;
}

interface Lock {
  extras: string[];
  groups: string[];
  defaultGroups: string[];
  entries: Entry[];
}

type Fail = (what: string) => Error;

function strings(value: unknown, fail: Fail, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    throw fail(`\`${field}\` must be a list of strings`);
  }
  return value;
}

function optionalString(
  table: TomlTable,
  key: string,
  fail: Fail,
  field: string,
): string | undefined {
  const value = table[key];
  if (value !== undefined && typeof value !== "string") throw fail(`\`${field}\` must be a string`);
  return value;
}

/**
 * Checks one file table. Hot (a lock may list thousands of wheels): the
 * field's name (`wheels[3]`) is built only for an error message.
 */
function distFile(value: unknown, fail: Fail, field: () => string): DistFile {
  if (!isTable(value)) throw fail(`\`${field()}\` must be a table`);
  const { name, url, path, hashes } = value;
  const file: DistFile = { hashes: [] };
  if (name !== undefined) {
    if (typeof name !== "string") throw fail(`\`${field()}.name\` must be a string`);
    file.name = name;
  }
  if (url !== undefined) {
    if (typeof url !== "string") throw fail(`\`${field()}.url\` must be a string`);
    file.url = url;
  }
  if (path !== undefined) {
    if (typeof path !== "string") throw fail(`\`${field()}.path\` must be a string`);
    file.path = path;
  }
  // PEP 751 requires `url` or `path`; `pdm export -f pylock` wrote only `name` when pdm.lock
  // had no file URLs (pdm-project/pdm#3517): the file is still known by its name.
  if (url === undefined && path === undefined && file.name === undefined) {
    throw fail(`\`${field()}\` has no \`url\`, \`path\` or \`name\``);
  }
  if (!isTable(hashes)) throw fail(`\`${field()}.hashes\` must be a table with at least one hash`);
  let count = 0;
  for (const alg in hashes) {
    count++;
    const hex = hashes[alg];
    if (typeof hex !== "string") throw fail(`\`${field()}.hashes.${alg}\` must be a string`);
    const key = ALGORITHMS.has(alg) ? alg : alg.toLowerCase();
    if (!ALGORITHMS.has(key)) continue; // e.g. blake2b: valid, but not one vouch records
    if (!isHex(hex)) throw fail(`\`${field()}.hashes.${alg}\` is not hex`);
    file.hashes.push({ alg: key as HashAlgorithm, hex: lowercaseHex(hex) });
  }
  if (count === 0) throw fail(`\`${field()}.hashes\` must be a table with at least one hash`);
  return file;
}

/** The version in the file name of the first distribution that has one. */
function versionFromFile(name: string, files: DistFile[]): string | undefined {
  for (const file of files) {
    const version = versionFromFileName(name, file.name ?? file.url ?? file.path ?? "");
    if (version !== undefined) return version;
  }
  return undefined;
}

function checkEntry(pkg: TomlTable, fail: Fail, { pipenv }: { pipenv: boolean }): Entry {
  const name = pkg.name;
  if (typeof name !== "string" || name === "") throw fail("package without a `name`");
  const failHere: Fail = (what) => fail(`package "${name}": ${what}`);
  const entry: Entry = { table: pkg, name, files: [], dependencies: [], toolDependencies: [] };
  const version = optionalString(pkg, "version", failHere, "version");
  if (version === "") throw failHere("`version` is empty");
  const marker = optionalString(pkg, "marker", failHere, "marker");
  optionalString(pkg, "requires-python", failHere, "requires-python");
  entry.registry = optionalString(pkg, "index", failHere, "index");
  if (marker !== undefined) {
    try {
      entry.marker = parseMarker(marker);
    } catch (error) {
      throw failHere((error as Error).message);
    }
  }
  const sources = ["vcs", "directory", "archive"].filter((k) => pkg[k] !== undefined);
  const distributions = pkg.sdist !== undefined || pkg.wheels !== undefined;
  if (sources.length > 1 || (sources.length === 1 && distributions)) {
    throw failHere(
      `\`${
        [...sources, ...(distributions ? ["sdist/wheels"] : [])].join("` and `")
      }\` exclude each other`,
    );
  }
  // pip's `Package.__post_init__` and uv refuse a package with nothing to install from: what a
  // lock cut inside a package leaves (`name` and `version` alone). pipenv writes such packages
  // for the Pipfile.lock entries without hashes (pipenv/utils/pylock.py, `from_lockfile`), and
  // reads them back: in its files they are kept, with a warning.
  const wheels = Array.isArray(pkg.wheels) && pkg.wheels.length > 0;
  if (sources.length === 0 && pkg.sdist === undefined && !wheels) {
    if (!pipenv) {
      throw failHere(
        "it has no `vcs`, `directory`, `archive`, `sdist` or `wheels` to install from (cut short?)",
      );
    }
    entry.sourceless = true;
  }
  if (pkg.vcs !== undefined) {
    if (!isTable(pkg.vcs)) throw failHere("`vcs` must be a table");
    const type = optionalString(pkg.vcs, "type", failHere, "vcs.type");
    const url = optionalString(pkg.vcs, "url", failHere, "vcs.url") ??
      optionalString(pkg.vcs, "path", failHere, "vcs.path");
    const commit = optionalString(pkg.vcs, "commit-id", failHere, "vcs.commit-id");
    if (type === undefined || url === undefined || commit === undefined) {
      throw failHere("`vcs` needs `type`, `url` (or `path`) and `commit-id`");
    }
    const subPath = optionalString(pkg.vcs, "subdirectory", failHere, "vcs.subdirectory");
    entry.vcs = type === "git"
      ? gitVcsUrl(url, commit, { subPath })
      : withSubPath(`${type}+${url}@${commit}`, subPath);
  }
  if (pkg.directory !== undefined) {
    if (!isTable(pkg.directory)) throw failHere("`directory` must be a table");
    const folder = optionalString(pkg.directory, "path", failHere, "directory.path");
    if (folder === undefined) throw failHere("`directory` needs a `path`");
    // The package is in the `subdirectory` of the source tree, when there is one.
    const sub = optionalString(pkg.directory, "subdirectory", failHere, "directory.subdirectory");
    entry.directory = sub === undefined ? folder : posix.join(folder, sub);
  }
  if (pkg.archive !== undefined) {
    entry.archive = distFile(pkg.archive, failHere, () => "archive");
    entry.archiveSubdirectory = optionalString(
      pkg.archive as TomlTable,
      "subdirectory",
      failHere,
      "archive.subdirectory",
    );
  }
  if (pkg.sdist !== undefined) entry.files.push(distFile(pkg.sdist, failHere, () => "sdist"));
  if (pkg.wheels !== undefined) {
    if (!Array.isArray(pkg.wheels)) throw failHere("`wheels` must be an array of tables");
    for (let i = 0; i < pkg.wheels.length; i++) {
      entry.files.push(distFile(pkg.wheels[i], failHere, () => `wheels[${i}]`));
    }
  }
  entry.version = version ?? versionFromFile(name, entry.archive ? [entry.archive] : entry.files);
  entry.unlocated = [entry.archive, ...entry.files].some((f) => f && !f.url && !f.path);
  if (pkg.dependencies !== undefined) {
    if (!Array.isArray(pkg.dependencies) || !pkg.dependencies.every(isTable)) {
      throw failHere("`dependencies` must be an array of tables");
    }
    for (const dep of pkg.dependencies) {
      if (typeof dep.name !== "string") throw failHere("a dependency without a `name`");
    }
    entry.dependencies = pkg.dependencies;
  } else {
    // Tool tables are informational: anything unexpected there is skipped, not an error.
    const tool = isTable(pkg.tool) && isTable(pkg.tool.pdm) ? pkg.tool.pdm : undefined;
    if (Array.isArray(tool?.dependencies)) {
      entry.toolDependencies = tool.dependencies.filter((d): d is string => typeof d === "string");
    }
  }
  return entry;
}

/** Decodes the lock: its version, extras and groups, and every package entry. */
function decode(text: string, path: string): Lock {
  const doc = parseToml(text, path, `inventory.${READER}.invalid`);
  const lockVersion = doc["lock-version"];
  if (typeof lockVersion !== "string" || !/^1\.\d+$/.test(lockVersion)) {
    throw invalidVersion(
      READER,
      `${path}:${tomlKeyLine(text, "lock-version") ?? 1}`, // however written; else the first line
      lockVersion === undefined
        ? "no `lock-version` (this is not a PEP 751 lock file)"
        : `lock-version ${JSON.stringify(lockVersion)}`,
      "PEP 751 lock-version 1.x",
    );
  }
  const topLevel = (key: string): Fail => (what) =>
    invalid(READER, at(path, nthLine(text, new RegExp(`^\\s*\\[*${key}\\b`)) ?? 1), what);
  // PEP 751 requires `created-by` (the tool that wrote the lock), as `lock-version` and
  // `packages`: every locker writes it, above the packages; a file without it is cut short.
  const createdBy = doc["created-by"];
  if (typeof createdBy !== "string") {
    throw topLevel("created-by")(
      createdBy === undefined
        ? "no `created-by` (PEP 751 requires it): the file is cut short or not a lock file"
        : "`created-by` must be a string",
    );
  }
  const packages = doc.packages;
  if (!Array.isArray(packages) || !packages.every(isTable)) {
    throw topLevel("packages")("`packages` must be an array of tables");
  }
  strings(doc.environments, topLevel("environments"), "environments");
  return {
    extras: strings(doc.extras, topLevel("extras"), "extras"),
    groups: strings(doc["dependency-groups"], topLevel("dependency-groups"), "dependency-groups"),
    defaultGroups: strings(doc["default-groups"], topLevel("default-groups"), "default-groups"),
    entries: packages.map((pkg, i) =>
      checkEntry(
        pkg,
        (what) => invalid(READER, at(path, nthLine(text, /^\s*\[\[packages\]\]/, i)), what),
        { pipenv: createdBy === "pipenv" },
      )
    ),
  };
}

/** Scopes and groups of a package, from its marker: default install, extras, dependency groups. */
function scopesOf(entry: Entry, lock: Lock): { scopes: Scope[]; groups: string[] } {
  if (entry.marker === undefined) return { scopes: ["runtime"], groups: [] };
  const marker = entry.marker;
  const named = markerNames(marker);
  const defaults = new Set(lock.defaultGroups);
  const none = new Set<string>();
  const scopes = new Set<Scope>();
  const groups: string[] = [];
  if (mayHold(marker, { extras: none, groups: defaults })) scopes.add("runtime");
  for (const extra of named.extras) {
    if (mayHold(marker, { extras: new Set([extra]), groups: defaults })) {
      scopes.add("optional");
      groups.push(extra);
    }
  }
  for (const group of named.groups) {
    if (defaults.has(group)) continue;
    if (mayHold(marker, { extras: none, groups: new Set([group]) })) {
      scopes.add("dev");
      groups.push(group);
    }
  }
  return { scopes: [...scopes], groups };
}

/**
 * Whether the file is a `pylock.<name>.toml` whose name says development
 * (`pylock.dev.toml`, `pylock.test.toml`, `pylock.docs.toml`): what it
 * installs by default is dev, as for a `requirements-dev.txt`.
 */
function isDevelopmentLock(path: string): boolean {
  const name = /^pylock\.(.+)\.toml$/.exec(path.slice(path.lastIndexOf("/") + 1))?.[1];
  return name !== undefined && namesDevelopment(name);
}

/** An archive URL naming a file on disk: `file:`, or Hatch's `{root:uri}` (see `mapEntry`). */
const LOCAL_ARCHIVE_URL = /^(?:file:|\{root:uri\})/i;

/**
 * The purl qualifiers of a registry entry: its `index` as `repository_url`, unless PyPI. Without
 * an `index` (PEP 751: the index the files were found on, "if applicable"; `pip lock` writes none,
 * each package's one file by its URL), where its files are (see `fileHostQualifiers`).
 */
function registryQualifiers(entry: Entry): Record<string, string | undefined> {
  if (entry.registry !== undefined) return { repository_url: repositoryUrl(entry.registry) };
  return fileHostQualifiers(entry.files.flatMap((f) => f.url === undefined ? [] : [f.url]));
}

/**
 * Adds one entry: a component, a member or the project (`self`: the root, or
 * for a lock in a subfolder the member for its project); returns its node id.
 * The files of an entry whose component has other files in other entries
 * (`shared`) are all distributions; those of a registry entry have its `registry` qualifiers (see
 * `registryQualifiers`).
 */
function mapEntry(
  builder: OutputBuilder,
  entry: Entry,
  { lock, path, self, excluded, load }: {
    lock: Lock;
    path: string;
    self: string;
    excluded: PylockOptions["excluded"];
    load: PylockOptions["load"];
  },
  { shared, registry }: { shared: boolean; registry: Record<string, string | undefined> },
): string {
  const { name } = entry;
  let { version } = entry;
  if (entry.directory !== undefined) {
    // PEP 751 leaves out a source tree's `version` ("MUST NOT be included when it cannot be
    // guaranteed to be consistent with the code used"): the one its project states, when the
    // folder is in the tree and declares the package's name. It had been left without one.
    const inTree = localPlace(path, entry.directory);
    const declared = inTree.kind === "inside" && load !== undefined
      ? declaredProject(inTree.path!, load)
      : undefined;
    if (declared?.name === pep503Name(name)) version ??= declared.version;
    const place = scannedPlace(path, entry.directory, excluded);
    if (place.kind === "self") return self;
    if (place.kind === "inside") return builder.member(folderMember(place.path!, name, version));
  }
  let qualifiers: Record<string, string | undefined> = {};
  let downloadLocation: string | undefined;
  let files: { hashes: Hash[]; distributions: Distribution[] } | undefined;
  if (entry.vcs !== undefined) {
    downloadLocation = entry.vcs;
    qualifiers = { vcs_url: entry.vcs };
  } else if (entry.archive !== undefined) {
    // One on disk is no download: PDM's export writes a local archive's `path` beside its
    // `url`, the project's `file:///${PROJECT_ROOT}/…`, Hatch's `{root:uri}/…` or an absolute
    // `file:///…` (pdm/formats/pylock.py: `{"url": req.get_full_url()}`, the URL
    // FileRequirement.relocate has the build backend make, `relative_path_to_url`).
    const { url, path: onDisk } = entry.archive;
    const remote = url !== undefined && !LOCAL_ARCHIVE_URL.test(url) ? url : undefined;
    // The folder it is built from stays with the URL (`#subdirectory=`), as uv.lock's url source.
    downloadLocation = remote === undefined
      ? undefined
      : archiveUrl(remote, entry.archiveSubdirectory);
    // One on disk is no URL: its `file_name`.
    const local = onDisk ?? url;
    qualifiers = downloadLocation === undefined && local !== undefined
      ? localArchiveQualifiers(local) ?? {}
      : { download_url: downloadLocation };
    files = { hashes: entry.archive.hashes, distributions: [] };
  } else if (entry.files.length > 0) {
    qualifiers = registry;
    const urls = entry.files.map((f) => f.url).filter((u): u is string => u !== undefined);
    downloadLocation = urls.find(isSdist) ?? urls[0];
    // One file's hashes are the package's; several files (of this entry or of all the
    // entries of its component) keep theirs, each a distribution (url, file name, hashes).
    const distributions = entry.files.map((f) => {
      // PEP 751: without `name`, the file name is the last part of the URL or path.
      const d: Distribution = { file: f.name ?? fileNameOf(f.url ?? f.path!), hashes: f.hashes };
      if (f.url !== undefined) d.url = f.url;
      return d;
    });
    files = shared ? { hashes: [], distributions } : distributionFields(distributions);
  }
  const { scopes, groups } = scopesOf(entry, lock);
  return builder.component(pypiComponent({
    name,
    version,
    qualifiers,
    files,
    downloadLocation,
    scopes: isDevelopmentLock(path)
      ? scopes.map((scope) => scope === "runtime" ? "dev" : scope)
      : scopes,
    groups,
    source: path,
  }));
}

/** Whether `want` (a dependency's key) matches `have` (the package's value): equal, or a sub-table. */
function matches(want: unknown, have: unknown): boolean {
  if (isTable(want)) {
    return isTable(have) && Object.entries(want).every(([k, v]) => matches(v, have[k]));
  }
  if (Array.isArray(want)) return JSON.stringify(want) === JSON.stringify(have);
  return want === have;
}

/**
 * Reads a PEP 751 lock file (`pylock.toml`, `pylock.<name>.toml`): every
 * package entry, registry (`index` → the `repository_url` qualifier when not
 * PyPI; without one, files off PyPI's file host → their URL or folder, see
 * `registryQualifiers`), `vcs` (`vcs_url` at `commit-id`), `archive` (`download_url`, with its
 * `subdirectory` as `#subdirectory=`) or
 * `directory` (the folder is its `path` joined with its `subdirectory`: the
 * project's own is the root, another folder of the project a
 * {@linkcode Member}). Scopes come from each `marker`: installed by default
 * → runtime; only with an extra → optional; only with a dependency group
 * that is not a default group → dev (the extra or group names are the
 * groups); in a `pylock.<name>.toml` whose name says development
 * (`pylock.dev.toml`, `pylock.test.toml`, as for `requirements-dev.txt`),
 * what it installs by default is dev. Hashes: an archive's, or the one file's when a package has one
 * sdist or wheel; several files (of one entry, or of the entries that list
 * one name and version, e.g. once per marker) are the package's
 * distributions, each with its URL, file name and hashes (not the package's
 * own hashes). Edges
 * come from `[[packages.dependencies]]` (matched key by key), or, written by
 * PDM, from `[packages.tool.pdm] dependencies` (by name); what the project
 * itself or a member depends on is direct.
 *
 * @example
 * ```ts
 * import { readPylock } from "./pylock.ts";
 * const lock = 'lock-version = "1.0"\ncreated-by = "x"\n\n[[packages]]\nname = "idna"\n' +
 *   'version = "3.10"\nsdist = { url = "https://x/idna-3.10.tar.gz", hashes = { sha256 = "' +
 *   "ab".repeat(32) + '" } }\n';
 * readPylock(lock, { path: "pylock.toml" }).components[0].purl; // "pkg:pypi/idna@3.10"
 * ```
 *
 * @param text The file's text.
 * @param options Its path.
 * @returns Members, components and edges.
 * @throws {VouchError} `inventory.pylock.invalid` for malformed TOML (duplicate
 *   keys included), wrong types, exclusive sources together, a
 *   `[[packages.dependencies]]` entry that matches no package (cut short) or a
 *   lock-version other than 1.x.
 */
export function readPylock(text: string, options: PylockOptions): ReaderResult {
  const { path } = options;
  const lock = decode(text, path);
  const builder = new OutputBuilder();
  const index = new NameIndex<{ id: string; table: TomlTable }>();
  // The registry components with several files, over all their entries (the same file twice
  // is one): a file other than the first one seen tells (hot: no set of every URL hashed).
  // The qualifiers and purl of each registry entry (an sdist or wheels), made once (hot: each
  // tells its files' host by all their URLs): entries that share a purl (PEP 751 lists a
  // package once per marker, index or set of files) are one component.
  const registries = lock.entries.map((entry) =>
    entry.files.length === 0 ? {} : registryQualifiers(entry)
  );
  const purls = lock.entries.map((entry, i) =>
    entry.files.length === 0 ? undefined : pypiPurl(entry.name, entry.version, registries[i])
  );
  const firstFiles = new Map<string | undefined, string>();
  const severalFiles = new Set<string | undefined>();
  lock.entries.forEach((entry, i) => {
    for (const f of entry.files) {
      const file = f.url ?? f.path ?? f.name!;
      const first = firstFiles.get(purls[i]);
      if (first === undefined) firstFiles.set(purls[i], file);
      else if (first !== file) {
        severalFiles.add(purls[i]);
        break;
      }
    }
  });
  const own = lock.entries.find((e) =>
    e.directory !== undefined && localPlace(path, e.directory).kind === "self"
  );
  const self = own === undefined ? ROOT_ID : projectNode(builder, path, own);
  const ids = lock.entries.map((entry, i) =>
    mapEntry(
      builder,
      entry,
      { lock, path, self, excluded: options.excluded, load: options.load },
      { shared: severalFiles.has(purls[i]), registry: registries[i] },
    )
  );
  lock.entries.forEach((entry, i) => index.add(entry.name, { id: ids[i], table: entry.table }));
  lock.entries.forEach((entry, i) => {
    for (const dep of entry.dependencies) {
      const keys = Object.keys(dep).filter((k) => k !== "name");
      const found = index.get(dep.name as string)
        .filter((node) => keys.every((k) => matches(dep[k], node.table[k])));
      // PEP 751: each dependency names another entry of this lock (found key by key). One
      // that names none points past a cut (the lock lost the entries after it); no locker
      // writes it (pip and uv write none; PDM writes `[packages.tool.pdm]`, read below).
      if (found.length === 0) {
        throw invalid(
          READER,
          at(path, nthLine(text, /^\s*\[\[packages\]\]/, i)),
          `package "${entry.name}": dependency ${JSON.stringify(dep)} matches no [[packages]] ` +
            "entry (PEP 751: each names one): the file is cut short",
        );
      }
      for (const node of found) builder.edge(ids[i], node.id, "runtime");
    }
    // PDM lists every requirement of the package, those no environment of the lock installs
    // too (`tomli; python_version < "3.11"`): a name with no entry is no cut.
    for (const requirement of entry.toolDependencies) {
      let name: string;
      try {
        name = parseRequirement(requirement).name;
      } catch {
        continue; // tool data is informational
      }
      for (const node of index.get(name)) builder.edge(ids[i], node.id, "runtime");
    }
  });
  const out: ReaderResult = {
    ...builder.build({ directFromEdges: true }),
    ...memberFolders(
      lock.entries.map((e) =>
        e.directory === undefined ? undefined : scannedPlace(path, e.directory, options.excluded)
      ),
    ),
  };
  // uv (`uv pip sync pylock.toml`) and pip build a folder from its pyproject.toml or setup.py only.
  const missing = lock.entries.flatMap((e) => {
    const place = e.directory === undefined
      ? undefined
      : scannedPlace(path, e.directory, options.excluded);
    return place?.kind === "inside" && options.load &&
        !holdsPythonProject(place.path!, options.load)
      ? [`${e.name} (${place.path})`]
      : [];
  });
  if (missing.length > 0) out.warnings = [missingFolderWarning(path, missing, { tool: "uv" })];
  const unbuildable = lock.entries.flatMap((e) => {
    const skipped = e.directory === undefined ? undefined : skippedWithoutProject(
      scannedPlace(path, e.directory, options.excluded),
      options.peek,
    );
    return skipped === undefined ? [] : [`${e.name} (${skipped})`];
  });
  if (unbuildable.length > 0) {
    (out.warnings ??= []).push(
      missingFolderWarning(path, unbuildable, { tool: "uv", skipped: true }),
    );
  }
  const unlocated = lock.entries.filter((e) => e.unlocated).map((e) => e.name);
  if (unlocated.length > 0) {
    (out.warnings ??= []).push(
      `${path}: ${unlocated.length} package(s) with a distribution that has no \`url\` or \`path\` ` +
        `(PEP 751 requires one; re-export the lock), named by its file name only: ` +
        unlocated.slice(0, 5).join(", ") + (unlocated.length > 5 ? ", …" : ""),
    );
  }
  const sourceless = lock.entries.filter((e) => e.sourceless).map((e) => e.name);
  if (sourceless.length > 0) {
    (out.warnings ??= []).push(
      `${path}: pipenv wrote ${sourceless.length} package(s) with nothing to install from (no ` +
        "`vcs`, `directory`, `archive`, `sdist` or `wheels`, which PEP 751 requires; pip refuses " +
        "the file), read by their name and `version` (if any) only: " +
        sourceless.slice(0, 5).join(", ") +
        (sourceless.length > 5 ? ", …" : ""),
    );
  }
  return own === undefined ? out : { ...out, ...lockProject(own.name, own.version) };
}
