/**
 * Reader for `poetry.lock` (lock-version 1.x and 2.x). Poetry's lock does not
 * record the root's own dependencies, so no component is marked direct and no
 * edge starts at the root; the manifest merge adds those.
 *
 * @module
 */

import { OutputBuilder } from "../_builder.ts";
import {
  archiveUrl,
  at,
  distributionFiles,
  holdsPythonProject,
  invalid,
  isTable,
  lastLine,
  localArchiveQualifiers,
  missingFolderWarning,
  NameIndex,
  nthLine,
  poetryConstraint,
  pypiComponent,
  readLockDocument,
  repositoryUrl,
  skippedWithoutProject,
  unsupportedVersion,
} from "./_python.ts";
import { gitVcsUrl } from "../_vcs.ts";
import { type LocalPlace, memberFolders, scannedPlace } from "../_paths.ts";
import { pinnedVersion } from "./pep508.ts";
import { sameVersion } from "./pep440.ts";
import { pep503Name, pypiPurl } from "../purl.ts";
import type { Scope } from "../types.ts";
import type { ExtraLinks, ReaderResult } from "../_reader.ts";

/** Options of {@linkcode readPoetryLock}. */
export interface PoetryLockOptions {
  /** The file's path relative to the project root. */
  path: string;
  /**
   * Reads another file of the project (root-relative path): a `directory` package's folder is
   * checked for a Python project (see {@linkcode holdsPythonProject}).
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

/** What makes a folder a project for Poetry (poetry-core's `is_python_project`). */
const POETRY_PROJECT_FILES: readonly string[] = ["pyproject.toml", "setup.py", "setup.cfg"];

const READER = "poetry_lock";

type Table = Record<string, unknown>;

interface Node {
  id: string;
  version: string;
}

function files(
  pkg: Table,
  legacy: Map<string, unknown[]>,
  several: boolean,
): ReturnType<typeof distributionFiles> {
  let list: unknown[] = Array.isArray(pkg.files) ? pkg.files : [];
  if (list.length === 0) {
    list = legacy.get(pep503Name(pkg.name as string)) ?? [];
    if (several) {
      const version = pkg.version as string;
      list = list.filter((f) =>
        isTable(f) && typeof f.file === "string" &&
        (f.file.includes(`-${version}-`) || f.file.includes(`-${version}.`))
      );
    }
  }
  return distributionFiles(list);
}

/**
 * A package's scopes and groups: Poetry 1.5+ `groups` (`main` is runtime, any other
 * group dev); before them, the `category`, `main` or `dev`, is a scope and no group
 * (Poetry 1.2–1.4 wrote `dev` for every group but `main`: `foo`'s Flask is no `dev` group's).
 */
function scopesAndGroups(
  pkg: Table,
  extras: string[],
): { scopes: Scope[]; groups: string[] } {
  const optional = pkg.optional === true;
  const named = Array.isArray(pkg.groups) ? pkg.groups : undefined;
  const declared = named
    ? named.filter((g): g is string => typeof g === "string")
    : [typeof pkg.category === "string" ? pkg.category : "main"];
  const scopes = new Set<Scope>();
  const groups: string[] = [];
  for (const group of declared) {
    if (group === "main") scopes.add(optional ? "optional" : "runtime");
    else {
      scopes.add("dev");
      if (named) groups.push(group);
    }
  }
  if (optional) groups.push(...extras);
  return { scopes: [...scopes], groups };
}

/** A dependency's entries (one per constraint): the pinned version, whether optional, the extras asked. */
function dependencyVersions(
  value: unknown,
): Array<{ version?: string; optional: boolean; extras: string[] }> {
  const list = Array.isArray(value) ? value : [value];
  return list.map((entry) => {
    const constraint = typeof entry === "string"
      ? entry
      : isTable(entry) && typeof entry.version === "string"
      ? entry.version
      : undefined;
    return {
      version: constraint === undefined ? undefined : pinnedVersion(poetryConstraint(constraint)),
      optional: isTable(entry) && entry.optional === true,
      extras: isTable(entry) && Array.isArray(entry.extras)
        ? entry.extras.filter((e): e is string => typeof e === "string").map(pep503Name)
        : [],
    };
  });
}

/** The bare name of a requirement as Poetry writes it in `[package.extras]`: `h2 (>=3,<5)`. */
function requirementName(text: string): string {
  return pep503Name(text.replace(/[\s\[(;<>=!~].*$/, ""));
}

/**
 * The extras of a package that install each of its dependencies (by PEP 503
 * name): its `[package.extras]`, and the `extra == "…"` of a dependency's markers.
 */
function extrasByDependency(pkg: Table): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (name: string, extra: string): void => {
    out.set(name, (out.get(name) ?? new Set()).add(pep503Name(extra)));
  };
  for (const [extra, list] of Object.entries(isTable(pkg.extras) ? pkg.extras : {})) {
    for (const text of Array.isArray(list) ? list : []) {
      if (typeof text === "string") add(requirementName(text), extra);
    }
  }
  for (const [name, value] of Object.entries(isTable(pkg.dependencies) ? pkg.dependencies : {})) {
    for (const entry of Array.isArray(value) ? value : [value]) {
      const markers = isTable(entry) && typeof entry.markers === "string" ? entry.markers : "";
      for (const m of markers.matchAll(/\bextra\s*==\s*["']([^"']+)["']/g)) {
        add(pep503Name(name), m[1]);
      }
    }
  }
  return out;
}

/**
 * Reads a `poetry.lock`: every locked package (hashes, git/url/legacy
 * sources, groups or categories, optional extras) and the dependency edges
 * between them. `directory` packages in the project's folders are
 * first-party members (one outside the project is a component). A lock without
 * `lock-version` (Poetry 0.12 and 1.0) is read as 1.0, as Poetry reads it,
 * with the file hashes of its `[metadata.files]` or (0.12) `[metadata.hashes]`.
 *
 * @example
 * ```ts
 * import { readPoetryLock } from "./poetry_lock.ts";
 * const lock = '[[package]]\nname = "idna"\nversion = "3.7"\noptional = false\n' +
 *   'groups = ["main"]\nfiles = []\n\n[metadata]\nlock-version = "2.1"\n' +
 *   `python-versions = ">=3.9"\ncontent-hash = "${"0".repeat(64)}"\n`;
 * readPoetryLock(lock, { path: "poetry.lock" }).components[0].purl; // "pkg:pypi/idna@3.7"
 * ```
 *
 * @param text The file's text.
 * @param options The file's path.
 * @returns Members, components and edges between them.
 * @throws {VouchError} `inventory.poetry_lock.invalid` for malformed content
 *   or a file without `[metadata]` or its `content-hash`, or a lock-version
 *   1.x one whose `[metadata.files]` lacks a package (cut short),
 *   `inventory.poetry_lock.unsupported_version` for a lock-version other than 1.x/2.x.
 */
export function readPoetryLock(text: string, options: PoetryLockOptions): ReaderResult {
  const { path } = options;
  const { doc, packages, where } = readLockDocument(text, { path, reader: READER });
  const metadata = isTable(doc.metadata) ? doc.metadata : undefined;
  // Poetry refuses it too ("The lock file does not have a metadata entry"), even empty.
  if (metadata === undefined) {
    throw invalid(
      READER,
      at(path, lastLine(text)),
      "no [metadata] table: the file is truncated or not a poetry.lock",
    );
  }
  // Every Poetry writes `[metadata]` last, `content-hash` its last key (after `lock-version`
  // and `python-versions`; then only 1.x's `[metadata.files]`): one without it is cut inside
  // it, and Poetry would not install from it (the lock is not fresh for any pyproject.toml).
  if (typeof metadata["content-hash"] !== "string") {
    throw invalid(
      READER,
      at(path, lastLine(text)),
      "[metadata] has no content-hash (Poetry writes it in every lock): the file is cut short",
    );
  }
  // Poetry reads a lock without `lock-version` (Poetry 0.12 and 1.0 wrote none) as 1.0.
  const lockVersion = metadata["lock-version"] ?? "1.0";
  if (typeof lockVersion !== "string" || !/^[12]\.\d+$/.test(lockVersion)) {
    throw unsupportedVersion(
      READER,
      at(path, nthLine(text, /^\s*lock-version\s*=/)),
      `poetry.lock lock-version ${JSON.stringify(lockVersion)} is not supported`,
      "poetry.lock lock-version 1.x or 2.x",
    );
  }
  const legacyFiles = new Map<string, unknown[]>();
  if (isTable(metadata.files)) {
    for (const [name, list] of Object.entries(metadata.files)) {
      if (Array.isArray(list)) legacyFiles.set(pep503Name(name), list);
    }
  } else if (isTable(metadata.hashes)) {
    // Poetry 0.12: `[metadata.hashes]`, the bare SHA-256 of each file of a package.
    for (const [name, list] of Object.entries(metadata.hashes)) {
      if (!Array.isArray(list)) continue;
      legacyFiles.set(
        pep503Name(name),
        list.map((hash) =>
          typeof hash === "string" && /^[0-9a-f]{64}$/i.test(hash)
            ? { hash: `sha256:${hash}` }
            : { hash }
        ),
      );
    }
  }
  // Every Poetry before lock-version 2.0 (0.12's `[metadata.hashes]`, 1.0–1.2's
  // `[metadata.files]`) writes an entry, maybe empty, for each package, and its locker
  // reads `files[name]` for each (a KeyError without it): a lock without one is cut short.
  if (lockVersion.startsWith("1.")) {
    const missing = packages.find((pkg: Table) =>
      !Array.isArray(pkg.files) && typeof pkg.name === "string" &&
      !legacyFiles.has(pep503Name(pkg.name))
    );
    if (missing !== undefined) {
      const table = !isTable(metadata.files) && isTable(metadata.hashes) ? "hashes" : "files";
      throw invalid(
        READER,
        at(path, lastLine(text)),
        `[metadata.${table}] has no entry for "${missing.name}" (Poetry writes one for every ` +
          "package and fails without it): the file is cut short",
      );
    }
  }
  const extrasOf = new Map<string, string[]>();
  if (isTable(doc.extras)) {
    for (const [extra, names] of Object.entries(doc.extras)) {
      for (const name of Array.isArray(names) ? names : []) {
        if (typeof name !== "string") continue;
        const key = requirementName(name);
        extrasOf.set(key, [...(extrasOf.get(key) ?? []), extra]);
      }
    }
  }
  const counts = new Map<string, number>();
  for (const pkg of packages) {
    // A name that is no string (a table has no text form) is refused below, at its line.
    const key = pep503Name(typeof pkg.name === "string" ? pkg.name : "");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const builder = new OutputBuilder();
  const index = new NameIndex<Node>();
  const ids: string[] = [];
  const places: LocalPlace[] = [];
  /** `directory` packages in a folder of the project that holds no Python project. */
  const missing: string[] = [];
  /** Packages built from folders the scan skips that hold no Python project. */
  const unbuildable: string[] = [];
  packages.forEach((pkg: Table, i: number) => {
    if (
      typeof pkg.name !== "string" || pkg.name === "" || typeof pkg.version !== "string" ||
      pkg.version === ""
    ) {
      throw invalid(READER, where(i), "package without a non-empty `name` and `version`");
    }
    const { name, version } = pkg;
    const source = isTable(pkg.source) ? pkg.source : {};
    const type = typeof source.type === "string" ? source.type : undefined;
    const url = typeof source.url === "string" ? source.url : undefined;
    // The folder of a git checkout or a URL's archive the package is built from.
    const subPath = typeof source.subdirectory === "string" ? source.subdirectory : undefined;
    let id: string;
    // A folder of the project is first-party; one outside it (another checkout) is third-party.
    const place = type === "directory"
      ? scannedPlace(path, url ?? ".", options.excluded)
      : undefined;
    if (place !== undefined && place.kind !== "outside") {
      places.push(place);
      // Poetry refuses it (poetry-core's DirectoryDependency: "Directory … does not exist",
      // "does not seem to be a Python package").
      if (
        place.kind === "inside" && options.load &&
        !holdsPythonProject(place.path!, options.load, POETRY_PROJECT_FILES)
      ) {
        missing.push(`${name} (${place.path})`);
      }
      id = pypiPurl(name, version);
      builder.member({ id, name, version, purl: id });
    } else {
      const skipped = skippedWithoutProject(place, options.peek, POETRY_PROJECT_FILES);
      if (skipped !== undefined) unbuildable.push(`${name} (${skipped})`);
      const dist = files(pkg, legacyFiles, (counts.get(pep503Name(name)) ?? 0) > 1);
      let qualifiers: Record<string, string | undefined> = {};
      let downloadLocation = dist.url;
      if (type === "git" && url) {
        const commit = [source.resolved_reference, source.reference]
          .find((r): r is string => typeof r === "string" && r !== "");
        downloadLocation = gitVcsUrl(url, commit, { subPath });
        qualifiers = { vcs_url: downloadLocation };
      } else if (type === "url" && url) {
        downloadLocation = archiveUrl(url, subPath);
        qualifiers = { download_url: downloadLocation };
      } else if (type === "legacy") {
        qualifiers = { repository_url: repositoryUrl(url) };
      } else if (type === "file" && url) {
        // A distribution file on disk (`poetry add ./vendor/x-1.0.whl`): its `file_name`.
        qualifiers = localArchiveQualifiers(url) ?? {};
      }
      id = builder.component(pypiComponent({
        name,
        version,
        qualifiers,
        files: dist,
        downloadLocation,
        ...scopesAndGroups(pkg, extrasOf.get(pep503Name(name)) ?? []),
        source: path,
      }));
    }
    ids.push(id);
    index.add(name, { id, version });
  });
  const extras: ExtraLinks = { asks: [], gates: [] };
  packages.forEach((pkg: Table, i: number) => {
    const deps = pkg.dependencies;
    if (deps === undefined) return;
    if (!isTable(deps)) throw invalid(READER, where(i), "`dependencies` must be a table");
    const installedBy = extrasByDependency(pkg);
    for (const [name, value] of Object.entries(deps)) {
      const candidates = index.get(name);
      const wanted = dependencyVersions(value);
      // Only through the package's own extras when every entry of it is optional.
      const gates = wanted.every((w) => w.optional) ? installedBy.get(pep503Name(name)) : undefined;
      for (const { version, optional, extras: asked } of wanted) {
        // PEP 440 equality: the lock's versions are as the index wrote them (`1.0.0-beta14`).
        const exact = candidates.filter((c) =>
          version !== undefined && sameVersion(c.version, version)
        );
        for (const node of exact.length > 0 ? exact : candidates) {
          const scope = optional ? "optional" : "runtime";
          builder.edge(ids[i], node.id, scope);
          for (const extra of asked) extras.asks.push({ from: ids[i], to: node.id, scope, extra });
          for (const extra of gates ?? []) extras.gates.push({ from: ids[i], to: node.id, extra });
        }
      }
    }
  });
  // Poetry 1.5–1.8 (lock-version 2.0) write neither `category` nor `groups`: the
  // project's declarations tell dev from runtime (see `scopesFromDeclarations`).
  const scopesKnown = packages.some((p: Table) =>
    p.groups !== undefined || p.category !== undefined
  );
  const output: ReaderResult = { ...builder.build(), ...memberFolders(places) };
  if (missing.length > 0) {
    output.warnings = [
      missingFolderWarning(path, missing, { tool: "Poetry", files: POETRY_PROJECT_FILES }),
    ];
  }
  if (unbuildable.length > 0) {
    (output.warnings ??= []).push(
      missingFolderWarning(path, unbuildable, {
        tool: "Poetry",
        files: POETRY_PROJECT_FILES,
        skipped: true,
      }),
    );
  }
  return scopesKnown ? output : { ...output, scopesFromDeclarations: true, extras };
}
