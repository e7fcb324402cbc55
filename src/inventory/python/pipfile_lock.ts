/**
 * Reader for Pipenv's `Pipfile.lock` (pipfile-spec 1–6, and the locks of Pipenv before it wrote
 * one), with the `Pipfile`
 * beside it for the direct packages.
 *
 * @module
 */

import { posix } from "../../_path.ts";
import { isRecord } from "../../_util.ts";
import { OutputBuilder } from "../_builder.ts";
import { lineAt, parseJsonObject } from "../_formats/json.ts";
import { type LocalPlace, localPlace, memberFolders, scannedPlace } from "../_paths.ts";
import { parseToml } from "../_formats/toml.ts";
import { isPipfileHash } from "./_pipfile_hash.ts";
import {
  archiveNameVersion,
  at,
  codeHostArchive,
  declaredProject,
  DISTRIBUTION_FILE,
  fileNameOf,
  folderMember,
  hashOnlyFiles,
  holdsPythonProject,
  invalid,
  isTable,
  localArchiveQualifiers,
  lockProject,
  missingFolderWarning,
  NameIndex,
  parseHash,
  pipUrl,
  projectNode,
  pypiComponent,
  repositoryUrl,
  skippedWithoutProject,
  versionFromFileName,
} from "./_python.ts";
import { gitVcsUrl, withSubPath } from "../_vcs.ts";
import { withoutCredentials } from "../_url.ts";
import { invalidVersion } from "../_errors.ts";
import { isVouchError } from "../../errors.ts";
import { normalizeSpecifier, pinnedVersion } from "./pep508.ts";
import type { Hash, Scope } from "../types.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { pep503Name } from "../purl.ts";
import { ROOT_ID } from "../types.ts";

/** Options of {@linkcode readPipfileLock}. */
export interface PipfileLockOptions {
  /** The lockfile's path relative to the project root. */
  path: string;
  /** The text of the `Pipfile` beside it, when there is one. */
  pipfile?: string;
  /** The Pipfile's path (default: `Pipfile` beside the lockfile). */
  pipfilePath?: string;
  /** Reads a file of the project (an editable folder's pyproject.toml or setup.cfg, for its name). */
  load?: Load;
  /**
   * Whether `--exclude` names a folder of the project (root-relative): a package the lock
   * takes from a folder there, or from one the scan skips (`vendor/`), is no member but a
   * component (see `scannedPlace`). Absent: none is excluded.
   */
  excluded?: (folder: string) => boolean;
  /**
   * Reads a file of the project without counting it read: the plain `Pipfile` beside a
   * `Pipfile.<name>.lock` whose `Pipfile.<name>` is missing, which is used (and then loaded)
   * only when the lock's `_meta.hash` is its hash.
   */
  peek?: Load;
}

const READER = "pipfile_lock";
const CODE = `inventory.${READER}.invalid`;
const VCS = ["git", "hg", "svn", "bzr"] as const;
/**
 * The key Pipenv writes for a path or URL it could not name: the last 7 hex digits of the SHA-256
 * of what was given (`"e1839a8"` for `.`, pypa/pipenv#1928, pypa/pipenv#2448). It is no package
 * name.
 */
const PLACEHOLDER = /^[0-9a-f]{7}$/;
/**
 * The key of an editable requirement in a lock of Pipenv before pipfile-spec (2017): the
 * Pipfile's `"-e ." = "*"` (`pipenv install -e .`), copied as written, its value a string. It is
 * pip's `-e <path or VCS URL>`, and no package name.
 */
const EDITABLE_KEY = /^-e\s+(\S.*)$/s;
/**
 * A reference to an environment variable (`${NAME}`, `$NAME`), which Pipenv expands in a
 * source's `url` when it installs: the lock keeps the reference, not the value.
 */
const ENV_REFERENCE = /\$(?:\{\w+\}|[A-Za-z_])/;

/** One locked entry of one category, checked. */
interface Entry {
  /** The lock's key (the Pipfile's too). */
  key: string;
  /** The package name: the key, unless that is Pipenv's placeholder for a URL it could not name. */
  name: string;
  /** The name is the repository's, from a URL that names no package. */
  guessed?: boolean;
  category: string;
  version?: string;
  /** The range the lock wrote instead of a pin (`""` for `*`), when it did. */
  specifier?: string;
  hashes: Hash[];
  /** The index URL it was locked from. */
  index?: string;
  vcs?: string;
  /** `path` / `file` as written. */
  path?: string;
  file?: string;
}

/** The Pipfile category of a lock section (`default` ↔ `[packages]`, `develop` ↔ `[dev-packages]`). */
function categoryScope(category: string): { scope: Scope; groups: string[] } {
  if (category === "default") return { scope: "runtime", groups: [] };
  if (category === "develop") return { scope: "dev", groups: [] };
  return { scope: "dev", groups: [category] };
}

function checkEntry(
  name: string,
  value: unknown,
  category: string,
  sources: Map<string, string>,
  fail: (what: string) => Error,
): Entry {
  const editable = typeof value === "string" ? EDITABLE_KEY.exec(name)?.[1].trim() : undefined;
  if (editable !== undefined) value = editableRequirement(editable);
  if (!isRecord(value)) throw fail(`package "${name}" must be an object`);
  if (name === "") throw fail("a package with an empty name");
  const entry: Entry = { key: name, name, category, hashes: [] };
  if (value.version !== undefined) {
    const written = typeof value.version === "string" ? value.version.trim() : undefined;
    entry.version = pinnedVersion(written);
    if (entry.version === undefined) {
      entry.specifier = written === undefined ? undefined : lockedSpecifier(written);
      if (entry.specifier === undefined) {
        throw fail(
          `package "${name}": \`version\` ${JSON.stringify(value.version)} is not a PEP 440 ` +
            "version specifier",
        );
      }
    }
  }
  if (value.hashes !== undefined) {
    if (!Array.isArray(value.hashes)) throw fail(`package "${name}": \`hashes\` must be a list`);
    for (const text of value.hashes) {
      const hash = typeof text === "string" ? parseHash(text) : undefined;
      if (!hash) throw fail(`package "${name}": hash ${JSON.stringify(text)} is not \`alg:hex\``);
      entry.hashes.push(hash);
    }
  }
  for (const key of ["markers", "index"]) {
    if (value[key] !== undefined && typeof value[key] !== "string") {
      throw fail(`package "${name}": \`${key}\` must be a string`);
    }
  }
  if (typeof value.index === "string") {
    entry.index = sources.get(value.index);
    if (entry.index === undefined) {
      throw fail(`package "${name}": index "${value.index}" is not one of _meta.sources`);
    }
  }
  const vcs = VCS.find((kind) => typeof value[kind] === "string");
  if (vcs !== undefined) {
    const ref = typeof value.ref === "string" && value.ref !== "" ? value.ref : undefined;
    // Older Pipenv kept pip's `#egg=name&subdirectory=x` in the URL: not part of the location.
    const written = value[vcs] as string;
    const url = written.replace(/#.*$/s, "");
    const fragment = new URLSearchParams(written.slice(url.length + 1));
    const subPath = typeof value.subdirectory === "string"
      ? value.subdirectory
      : fragment.get("subdirectory") ?? undefined;
    if (unnamed(name)) Object.assign(entry, urlName(written, true));
    entry.vcs = vcs === "git" ? gitVcsUrl(url, ref, { subPath }) : withSubPath(
      `${url.startsWith(`${vcs}+`) ? "" : `${vcs}+`}${url}${ref ? `@${ref}` : ""}`,
      subPath,
    );
  } else if (typeof value.path === "string" || isLocalFile(value.file)) {
    const local = (value.path ?? value.file) as string;
    entry.path = local;
    // A folder `-e <path>` names is named after itself (see mapEntry).
    if (editable !== undefined) entry.name = posix.basename(posix.normalize(local));
    // A local archive so keyed is named by its file (a folder is, by its own name: mapEntry).
    if (PLACEHOLDER.test(name) && DISTRIBUTION_FILE.test(local)) {
      Object.assign(entry, urlName(local.replaceAll("\\", "/"), false));
    }
  } else if (typeof value.file === "string") {
    // Pipenv hands the URL to pip as written (`name @ <file>`): pip's `#egg=` and `#sha256=` are
    // not part of the location, its `#subdirectory=` stays with the archive (see `pipUrl`). A
    // `#sha256=` is the file's hash, which pip checks it against (as a `hashes` entry).
    const { url, hashes } = pipUrl(value.file);
    entry.file = url;
    for (const hash of hashes) {
      if (!entry.hashes.some((h) => h.alg === hash.alg && h.hex === hash.hex)) {
        entry.hashes.push(hash);
      }
    }
    if (PLACEHOLDER.test(name)) Object.assign(entry, urlName(value.file, false));
  } else if (entry.version === undefined && entry.specifier === undefined) {
    throw fail(`package "${name}" has no \`version\`, VCS, \`path\` or \`file\``);
  }
  return entry;
}

/** Whether a lock's key names no package: Pipenv's placeholder, or a pre-spec `-e <target>`. */
function unnamed(key: string): boolean {
  return PLACEHOLDER.test(key) || EDITABLE_KEY.test(key);
}

/**
 * The entry a pre-spec lock's `"-e <target>": "*"` stands for: an editable folder, or an
 * editable VCS checkout (`-e git+https://…#egg=name`, as pip reads it).
 */
function editableRequirement(target: string): Record<string, unknown> {
  const vcs = VCS.find((kind) => target.startsWith(`${kind}+`));
  if (vcs === undefined) return { path: target, editable: true };
  return { [vcs]: vcs === "git" ? target.slice(vcs.length + 1) : target, editable: true };
}

/**
 * Whether a `file` entry names a local path, not a URL: Pipenv hands `file` and `path` to pip
 * alike, a URL only when it starts with `http:`, `https:` or `ftp:`, else a path
 * (`install_req_from_pipfile`, pipenv/utils/dependencies.py). Older Pipenv wrote the absolute
 * folder of `pipenv install -e /abs/folder` so (`"file": "/home/u/src/x"`): a folder on the
 * locker's machine, no download location.
 */
function isLocalFile(file: unknown): file is string {
  return typeof file === "string" && !/^(?:https?|ftp):/i.test(file);
}

/**
 * The specifier a lock wrote instead of a pin (`"==2.2.*"`, Pipenv 2020.5.28, pypa/pipenv#4278;
 * `"*"`, pypa/pipenv#56): the package was locked, but which version of the range is not said.
 * `"*"` (any version) is `""`; `undefined` when the text is no PEP 440 specifier.
 */
function lockedSpecifier(text: string): string | undefined {
  if (text === "*") return "";
  try {
    const specifier = normalizeSpecifier(text);
    return specifier === "" ? undefined : specifier;
  } catch (error) {
    if (!isVouchError(error)) throw error;
    return undefined;
  }
}

/**
 * The name of a package Pipenv keyed by its placeholder, from its VCS or file URL: pip's `#egg=`,
 * else a wheel's or an sdist's file name, else (`guessed`) the repository's name (GitHub's and
 * GitLab's `<repo>/archive/<ref>.tar.gz`, `<repo>.git`), which need not be the package's.
 */
function urlName(url: string, vcs: boolean): { name: string; guessed?: true } {
  const egg = pipUrl(url).egg;
  if (egg !== undefined) return { name: egg };
  const named = vcs ? undefined : archiveNameVersion(url)?.name;
  if (named !== undefined) return { name: named };
  const repository = codeHostArchive(url) ?? fileNameOf(url);
  return { name: repository.replace(/\.git$/, "").replace(DISTRIBUTION_FILE, ""), guessed: true };
}

/** The entries of a lock, and what is not known of them. */
interface Decoded {
  entries: Entry[];
  warnings: string[];
  /** `_meta.hash.sha256`: the hash of the Pipfile the lock was written for. */
  pipfileHash?: string;
}

/**
 * Decodes the lock: the sources, then every entry of every category. A registry entry whose
 * index URL Pipenv takes from the environment (beyond its credentials) has no known index: a
 * warning names it.
 */
function decode(text: string, path: string): Decoded {
  const doc = parseJsonObject(text, path, CODE);
  const meta = doc._meta;
  const spec = isRecord(meta) ? meta["pipfile-spec"] : undefined;
  // Pipenv wrote no `pipfile-spec` before it numbered the format (2017): a `_meta` without one
  // is such a lock, read alike (plette, which Pipenv reads locks with, does not require it).
  const numbered = spec !== undefined || !isRecord(meta);
  if (
    numbered && (!Number.isInteger(spec) || (spec as number) < 1 || (spec as number) > 6)
  ) {
    const found = text.indexOf('"pipfile-spec"');
    throw invalidVersion(
      READER,
      at(path, lineAt(text, Math.max(found, text.indexOf('"_meta"'), 0))),
      spec === undefined ? "no `_meta.pipfile-spec`" : `pipfile-spec ${JSON.stringify(spec)}`,
      "pipfile-spec 1 to 6",
    );
  }
  const sources = new Map<string, string>();
  const list = isRecord(meta) && Array.isArray(meta.sources) ? meta.sources : [];
  for (const source of list) {
    if (!isRecord(source) || typeof source.url !== "string") {
      throw invalid(
        READER,
        at(path, lineAt(text, text.indexOf('"sources"'))),
        "a source without a `url`",
      );
    }
    if (typeof source.name === "string") sources.set(source.name, source.url);
  }
  const firstIndex = isRecord(list[0]) ? list[0].url as string : undefined;
  const entries: Entry[] = [];
  const unknownIndexes = new Map<string, string[]>();
  // Whether an index URL is read from the environment, by URL (hot: most entries name one).
  const fromEnvironment = new Map<string, boolean>();
  for (const [category, section] of Object.entries(doc)) {
    if (category === "_meta") continue;
    // Where the section is, for an error only (hot: `develop` comes late in a large text).
    const sectionAt = (): number => text.indexOf(`${JSON.stringify(category)}:`);
    if (!isRecord(section)) {
      throw invalid(
        READER,
        at(path, lineAt(text, sectionAt())),
        `\`${category}\` must be an object`,
      );
    }
    for (const [name, value] of Object.entries(section)) {
      const fail = (what: string): Error => {
        const start = sectionAt();
        const found = text.indexOf(`${JSON.stringify(name)}:`, start);
        return invalid(READER, at(path, lineAt(text, found === -1 ? start : found)), what);
      };
      const entry = checkEntry(name, value, category, sources, fail);
      const registry = entry.vcs === undefined && entry.path === undefined &&
        entry.file === undefined;
      if (registry) entry.index ??= firstIndex; // no `index`: the first (default) source
      const index = entry.index;
      if (index !== undefined) {
        let unknown = fromEnvironment.get(index);
        if (unknown === undefined) {
          unknown = ENV_REFERENCE.test(withoutCredentials(index));
          fromEnvironment.set(index, unknown);
        }
        if (unknown) {
          unknownIndexes.set(index, [...unknownIndexes.get(index) ?? [], name]);
          entry.index = undefined;
        }
      }
      entries.push(entry);
    }
  }
  const guessed = entries.filter((entry) => entry.guessed);
  const warnings = [...unknownIndexes].map(([url, names]) =>
    `${at(path, lineAt(text, Math.max(text.indexOf(JSON.stringify(url)), 0)))}: the index ` +
    `${withoutCredentials(url)} is read from the environment when Pipenv installs, and the lock ` +
    `does not record its value: the purls of ${names.slice(0, 5).join(", ")}` +
    `${
      names.length > 5 ? `, … (${names.length} in all)` : ""
    } name no repository (pkg:pypi reads as PyPI)`
  );
  const ranged = entries.filter((entry) => entry.specifier !== undefined);
  if (ranged.length > 0) {
    const first = text.indexOf(`${JSON.stringify(ranged[0].key)}:`);
    // One entry per category: a package of both is named once.
    const names = [
      ...new Set(ranged.map((entry) => `${entry.key} (${entry.specifier || "*"})`)),
    ].sort();
    warnings.push(
      `${at(path, lineAt(text, Math.max(first, 0)))}: the lock pins no version of ` +
        `${names.length} package(s), only a range (a Pipenv bug, pypa/pipenv#4278): their purls ` +
        `have no version: ${names.join(", ")}`,
    );
  }
  if (guessed.length > 0) {
    const first = text.indexOf(`${JSON.stringify(guessed[0].key)}:`);
    // One entry per category: a package of both is named once.
    const names = [...new Set(guessed.map((entry) => `${entry.name} (${entry.key})`))].sort();
    warnings.push(
      `${at(path, lineAt(text, Math.max(first, 0)))}: Pipenv keyed ${names.length} ` +
        `package(s) by a placeholder, and their URLs name no package: named after the ` +
        `repository (or the file), which may not be the package's name: ${names.join(", ")}`,
    );
  }
  const hash = isRecord(meta) && isRecord(meta.hash) ? meta.hash.sha256 : undefined;
  return { entries, warnings, ...(typeof hash === "string" ? { pipfileHash: hash } : {}) };
}

/** The categories the Pipfile declares each package in (`[packages]` → `default`, …). */
function declarations(doc: Record<string, unknown>): Map<string, string[]> {
  const declared = new Map<string, string[]>();
  for (const [table, value] of Object.entries(doc)) {
    if (table === "source" || table === "requires" || table === "pipenv" || table === "scripts") {
      continue;
    }
    if (!isTable(value)) continue;
    const category = table === "packages"
      ? "default"
      : table === "dev-packages"
      ? "develop"
      : table;
    for (const name of Object.keys(value)) {
      declared.set(name, [...declared.get(name) ?? [], category]);
    }
  }
  return declared;
}

/**
 * Reads a `Pipfile.lock`: every entry of `default` (runtime), `develop` (dev)
 * and any other category (dev, grouped by the category), with its `==` pin
 * (a range written instead, `"==2.2.*"` of Pipenv 2020.5.28, is kept as the
 * component's specifier: its purl has no version, and a warning names it),
 * its index (the `repository_url` qualifier when not PyPI), VCS (`vcs_url`
 * at `ref`), `file` (`download_url`) or `path`. An index whose URL Pipenv
 * takes from the environment (`${CODEARTIFACT_URL}`; credentials alone are
 * dropped anyway) is not known: its packages' purls name none, and a warning
 * says so. A `path` to a folder of the
 * project is a first-party {@linkcode Member} named by its key, and the
 * project's own entry (`path = "."`) names the project; a key that is
 * Pipenv's placeholder for a path it could not name (`"e1839a8"`) names
 * neither: the project or member takes the name its folder's pyproject.toml
 * or setup.cfg declares, else (a member) its folder's name. A VCS or `file` URL or a
 * local archive so keyed is named by it: its `#egg=`, else its wheel's or
 * sdist's file name, else the repository's name, with a warning (it may not
 * be the package's). Hashes: one `sha256` per
 * distribution file, without file names; a component's own `hashes` get them
 * only when there is exactly one file, several are one distribution each
 * (CycloneDX `vouch:distribution-hash`).
 * With the `Pipfile` beside it, its packages are direct, with edges from the
 * project in their categories' scopes: the root, or for a lock in a
 * subfolder a member for that folder's project, which the root depends on
 * (`projectNode`). A `Pipfile.<name>.lock` without its `Pipfile.<name>`
 * takes the plain `Pipfile` when the lock's `_meta.hash` is its hash, else a
 * warning says its Pipfile is missing. The lock records no edges between
 * packages.
 *
 * @example
 * ```ts
 * import { readPipfileLock } from "./pipfile_lock.ts";
 * const lock = JSON.stringify({
 *   _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
 *   default: { idna: { version: "==3.10", index: "pypi" } },
 *   develop: {},
 * });
 * readPipfileLock(lock, { path: "Pipfile.lock" }).components[0].purl; // "pkg:pypi/idna@3.10"
 * ```
 *
 * @param text The lockfile's text.
 * @param options Its path and the Pipfile beside it.
 * @returns Members, components and the root's edges.
 * @throws {VouchError} `inventory.pipfile_lock.invalid` for malformed JSON or
 *   Pipfile, duplicate keys, wrong types, a `version` that is no PEP 440
 *   specifier or a pipfile-spec other than 1–6.
 */
export function readPipfileLock(text: string, options: PipfileLockOptions): ReaderResult {
  const { path } = options;
  const { entries, warnings, pipfileHash } = decode(text, path);
  const builder = new OutputBuilder();
  const own = entries.find((entry) => folderPlace(entry, path, options.excluded)?.kind === "self");
  // The project's own entry names it, but Pipenv's placeholder key (`"e1839a8": {"path": "."}`,
  // written when it could not name the folder) does not: pip installs the folder under the name
  // its metadata gives, as for any other folder so keyed (see mapEntry). It had left the project
  // unnamed beside a setup.cfg that names it. Pipenv writes no version for it: the one its
  // metadata states (it had been left without one, as a member was).
  const declaredOwn = own === undefined ? undefined : folderProject(own, path, options.load);
  const ownProject = own === undefined || isPlaceholderName(own)
    ? declaredOwn
    : { name: own.name, version: own.version ?? declaredOwn?.version };
  // The project: its own entry, else (the Pipfile's packages are its) the lock's folder.
  const self = own !== undefined || options.pipfile !== undefined
    ? projectNode(builder, path, ownProject)
    : ROOT_ID;
  const index = new NameIndex<{ id: string; category: string }>();
  /** Entries in a folder of the project that holds no Python project: `name (folder)`. */
  const missing: string[] = [];
  /** Entries built from folders the scan skips that hold no Python project. */
  const unbuildable: string[] = [];
  for (const entry of entries) {
    const id = mapEntry(builder, entry, { path, self, load: options.load }, options.excluded);
    index.add(entry.key, { id, category: entry.category });
    const place = folderPlace(entry, path, options.excluded);
    if (
      place?.kind === "inside" && options.load && !holdsPythonProject(place.path!, options.load)
    ) {
      missing.push(`${entry.name} (${place.path})`);
    }
    const skipped = skippedWithoutProject(place, options.peek);
    if (skipped !== undefined) unbuildable.push(`${entry.name} (${skipped})`);
  }
  // pip refuses to install it ("does not appear to be a Python project"), as `pipenv sync` runs it.
  if (missing.length > 0) warnings.push(missingFolderWarning(path, missing, { tool: "pip" }));
  if (unbuildable.length > 0) {
    warnings.push(missingFolderWarning(path, unbuildable, { tool: "pip", skipped: true }));
  }
  const locked = lockedPipfile(options, pipfileHash, warnings);
  if (locked !== undefined) {
    const { path: pipfilePath, doc: pipfile } = locked;
    // Pipenv's own check (its calculate_pipfile_hash, plette's get_hash before 2026.4): a Pipfile
    // changed since the lock was written.
    // `pipenv sync` installs the lock as it is, as the SBOM has it.
    if (
      pipfileHash !== undefined && isPipfileHash(pipfile, pipfileHash.toLowerCase()) === false
    ) {
      warnings.push(
        `${pipfilePath} has changed since ${path} was written (the lock's _meta.hash is not ` +
          `that of ${pipfilePath}, as Pipenv checks it): \`pipenv sync\` installs the lock as ` +
          "it is, and so does the SBOM (`pipenv install --deploy` refuses it); run `pipenv " +
          "lock` to update the lock",
      );
    }
    for (const [name, categories] of declarations(pipfile)) {
      for (const node of index.get(name)) {
        if (!categories.includes(node.category)) continue;
        const { scope, groups } = categoryScope(node.category);
        builder.edge(self, node.id, scope);
        builder.declare(node.id, groups);
      }
    }
  }
  const out: ReaderResult = {
    ...builder.build(),
    ...memberFolders(entries.map((entry) => folderPlace(entry, path, options.excluded))),
  };
  if (warnings.length > 0) out.warnings = warnings;
  return ownProject === undefined
    ? out
    : { ...out, ...lockProject(ownProject.name, ownProject.version) };
}

/**
 * The Pipfile the lock was written for, parsed: the one beside it of its name (`Pipfile.prod` for
 * `Pipfile.prod.lock`: Pipenv's `lockfile_location` is `f"{pipfile_location}.lock"`,
 * pipenv/project.py). When a `Pipfile.<name>.lock`'s own Pipfile is missing, no Pipenv reads
 * it; the plain `Pipfile` beside it is the one it locked when the lock's `_meta.hash` is its hash
 * (a lock copied to another name), else a warning says that its Pipfile is missing.
 */
function lockedPipfile(
  options: PipfileLockOptions,
  pipfileHash: string | undefined,
  warnings: string[],
): { path: string; doc: Record<string, unknown> } | undefined {
  const { path } = options;
  const plainPath = posix.join(posix.dirname(path), "Pipfile");
  const pipfilePath = options.pipfilePath ?? plainPath;
  if (options.pipfile !== undefined) {
    return { path: pipfilePath, doc: parseToml(options.pipfile, pipfilePath, CODE) };
  }
  if (pipfilePath === plainPath) return undefined;
  const plain = (options.peek ?? options.load)?.(plainPath);
  const doc = plain === undefined ? undefined : parseToml(plain, plainPath, CODE);
  if (
    doc !== undefined && pipfileHash !== undefined &&
    isPipfileHash(doc, pipfileHash.toLowerCase()) === true
  ) {
    options.load?.(plainPath); // it is read: an input of the SBOM
    return { path: plainPath, doc };
  }
  warnings.push(
    `${pipfilePath}, the Pipfile Pipenv locked in ${path}, is missing` +
      (doc === undefined
        ? ""
        : ` (the lock's _meta.hash is not that of ${plainPath}, which it was not written for)`) +
      ": no Pipenv reads the lock, and the SBOM marks none of its packages direct",
  );
  return undefined;
}

/**
 * Whether an entry's key is Pipenv's placeholder for a local path it could not name
 * (`"e1839a8": {"path": ".", "editable": true}` of `pipenv install -e .`).
 */
function isPlaceholderName(entry: Entry): boolean {
  return entry.path !== undefined && unnamed(entry.key);
}

/**
 * Where an entry's `path` folder lies (a local archive, a wheel in the tree, is no folder); one
 * the scan skips (`./vendor/x`, see `scannedPlace`) is `outside`, as no manifest of the scan
 * makes it a member: its package is a component.
 */
function folderPlace(
  entry: Entry,
  path: string,
  excluded: PipfileLockOptions["excluded"],
): LocalPlace | undefined {
  if (entry.path === undefined || DISTRIBUTION_FILE.test(entry.path)) return undefined;
  return scannedPlace(path, entry.path, excluded);
}

/**
 * What a `path` entry's folder of the tree (the project's own `.` too) is installed as, for which
 * Pipenv writes no version: pip installs it under the name and at the version its project
 * declares (see `declaredProject`). For an entry keyed by Pipenv's placeholder, that name and
 * version; for one keyed by a name, the version when the folder declares that name (else
 * nothing: the key names another package). `undefined` for a folder outside the tree, an
 * archive, or without `load`.
 */
function folderProject(
  entry: Entry,
  path: string,
  load: Load | undefined,
): { name: string; version?: string } | undefined {
  if (entry.path === undefined || DISTRIBUTION_FILE.test(entry.path) || load === undefined) {
    return undefined;
  }
  const place = localPlace(path, entry.path);
  if (place.kind === "outside") return undefined;
  const declared = declaredProject(place.path!, load);
  return isPlaceholderName(entry) || declared?.name === pep503Name(entry.name)
    ? declared
    : undefined;
}

/** Adds one entry: a component, a member for a folder of the project, or the project (`self`). */
function mapEntry(
  builder: OutputBuilder,
  entry: Entry,
  { path, self, load }: { path: string; self: string; load?: Load },
  excluded: PipfileLockOptions["excluded"],
): string {
  const place = folderPlace(entry, path, excluded);
  if (place?.kind === "self") return self;
  // A folder of the tree (`pipenv install -e ./libs/x`, or one the scan skips, `./vendor/x`):
  // what its project declares (see folderProject). A member keyed by its name had been left
  // without its version (`pkg:pypi/x`).
  const declared = folderProject(entry, path, load);
  const placeholder = isPlaceholderName(entry);
  const name = (placeholder ? declared?.name : undefined) ?? entry.name;
  // A `file` (or a local archive `path`) without a pin: its file name says the version.
  const archive = entry.file ??
    (entry.path && DISTRIBUTION_FILE.test(entry.path) ? entry.path : undefined);
  const version = entry.version ?? declared?.version ??
    (archive === undefined ? undefined : versionFromFileName(name, archive));
  if (place?.kind === "inside") {
    // A folder Pipenv could not name is named as its project names itself, else after itself.
    const own = placeholder && declared === undefined ? posix.basename(place.path!) : name;
    return builder.member(folderMember(place.path!, own, version));
  }
  const { scope, groups } = categoryScope(entry.category);
  const qualifiers = entry.vcs
    ? { vcs_url: entry.vcs }
    : entry.file
    ? { download_url: entry.file }
    : (entry.path === undefined ? undefined : localArchiveQualifiers(entry.path)) ??
      { repository_url: repositoryUrl(entry.index) };
  return builder.component(pypiComponent({
    name,
    version,
    specifier: entry.specifier || undefined,
    qualifiers,
    // A URL or a local archive is one file: every hash is its own (an `#md5=` fragment beside a
    // `sha256:` entry). An index's package has a hash per file (its sdist and wheels).
    files: archive === undefined
      ? hashOnlyFiles(entry.hashes)
      : { hashes: entry.hashes, distributions: [] },
    downloadLocation: entry.vcs ?? entry.file,
    scopes: [scope],
    groups,
    source: path,
  }));
}
