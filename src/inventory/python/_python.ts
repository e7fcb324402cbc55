// Private helpers shared by the Python readers (pyproject, requirements, uv.lock,
// poetry.lock, pdm.lock): error construction, hash parsing, the lockfile
// prologue, PyPI components for the shared OutputBuilder, and Poetry
// constraint conversion. The error helpers live in ../_errors.ts (re-exported here).
import {
  type ComponentInit,
  distributionFields,
  lockFolderNode,
  type OutputBuilder,
} from "../_builder.ts";
import { at, invalid, nthLine, tomlKeyLine } from "../_errors.ts";

export { at, invalid, lastLine, nthLine, tomlKeyLine, unsupportedVersion } from "../_errors.ts";
import { parseToml, type TomlTable } from "../_formats/toml.ts";
import { posix } from "../../_path.ts";
import { pep503Name, pypiPurl } from "../purl.ts";
import { subPathFolder, withSubPath } from "../_vcs.ts";
import type { Distribution, Hash, HashAlgorithm, Member, Project, Scope } from "../types.ts";
import type { LocalPlace } from "../_paths.ts";

/**
 * PyPI's index as files spell it: `https://pypi.org/simple`, the bare host, the `/pypi` path
 * (pip's and distutils' old default for PyPI's API), and the legacy host `pypi.python.org`
 * (pip's default index before 2018, `http:` in older files), which PyPI redirects to
 * `https://pypi.org` path for path (warehouse's migration guide, setuptools #1340), with or
 * without a trailing `/`. Scheme and host are compared lowercased (see {@linkcode isPypiIndex}).
 */
const PYPI_INDEX = /^https?:\/\/pypi\.(?:python\.)?org(?:\/simple|\/pypi)?\/?$/;

/**
 * Whether an index URL is PyPI's (see `PYPI_INDEX`): the one place the Python readers tell
 * PyPI from another index, for the `repository_url` qualifier and for telling two indexes apart.
 *
 * @param url The index URL as the file writes it (credentials dropped).
 * @returns `true` for a spelling of PyPI's index.
 */
export function isPypiIndex(url: string): boolean {
  // Hot (every registry package of a uv.lock or Pipfile.lock): PyPI's index as written most.
  if (url === "https://pypi.org/simple" || url === "https://pypi.org/simple/") return true;
  const parts = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]*)(.*)$/s.exec(url);
  return parts !== null && PYPI_INDEX.test(parts[1].toLowerCase() + parts[2]);
}

/**
 * The `repository_url` qualifier for a package index: `undefined` for PyPI
 * itself, and for a folder of wheels (uv's flat index at `../files`, written as
 * a path): a path is no URL.
 *
 * @param index The index URL as the file writes it.
 * @returns The qualifier value, or `undefined`.
 */
export function repositoryUrl(index: string | undefined): string | undefined {
  if (index === undefined || index === "" || isPypiIndex(index)) return undefined;
  return /^[A-Za-z][A-Za-z0-9+.-]+:/.test(index) ? index : undefined;
}

/** The algorithms vouch records, the most common first. */
const HASH_NAMES: readonly HashAlgorithm[] = ["sha256", "sha512", "sha384", "sha1", "md5"];
const HASH_ALGORITHMS: ReadonlySet<string> = new Set(HASH_NAMES);

/** Scratch for {@linkcode isHex}: room for the longest digest (SHA-512). */
const DIGEST = new Uint8Array(64);

/**
 * Whether a text is hex digits (either case, at least one). A digest (whole
 * bytes, up to SHA-512's) is checked by `setFromHex` in native code (hot: a
 * regex reads a 64-digit digest several times slower), anything else by a regex.
 *
 * @param text The text.
 * @returns `true` for hex digits.
 */
export function isHex(text: string): boolean {
  try {
    if (DIGEST.setFromHex(text).read === text.length && text.length > 0) return true;
  } catch {
    // An odd number of digits, or not a digit.
  }
  return HEX.test(text);
}

const HEX = /^[0-9a-fA-F]+$/;
const UPPER_HEX = /[A-F]/;

/**
 * Hex digits in lowercase: the text itself when it has no capital (most digests;
 * `toLowerCase` would copy it all the same).
 *
 * @param hex Hex digits.
 * @returns The digits in lowercase.
 */
export function lowercaseHex(hex: string): string {
  return UPPER_HEX.test(hex) ? hex.toLowerCase() : hex;
}

/**
 * Parses `alg:hex` (or `alg=hex`, as in URL fragments) into a {@linkcode Hash}.
 *
 * @param text The hash as written.
 * @returns The hash, or `undefined` when the algorithm is unknown or the hex malformed.
 */
export function parseHash(text: string): Hash | undefined {
  // The common form first: `alg:hex` as lockfiles write it (hot: no name sliced off and
  // looked up, no regex over the digits, no iterator in the binary's cold code).
  for (let i = 0; i < HASH_NAMES.length; i++) {
    const alg = HASH_NAMES[i];
    if (text.charCodeAt(alg.length) === 0x3a && text.startsWith(alg)) {
      const hex = text.slice(alg.length + 1);
      if (isHex(hex)) return { alg, hex: lowercaseHex(hex) };
      break;
    }
  }
  const match = /^([A-Za-z0-9]+)[:=]([0-9A-Fa-f]+)$/.exec(text.trim());
  if (!match) return undefined;
  const alg = match[1].toLowerCase();
  if (!HASH_ALGORITHMS.has(alg)) return undefined;
  return { alg: alg as HashAlgorithm, hex: match[2].toLowerCase() };
}

/** A pip requirement URL taken apart: see {@linkcode pipUrl}. */
export interface PipUrl {
  /** The location: no fragment; a VCS URL with pip's `subdirectory` as the SPDX `#<sub_path>`. */
  url: string;
  /** Whether it is a VCS URL (`git+…`, `hg+…`, `svn+…`, `bzr+…`). */
  vcs: boolean;
  /** The `#egg=` name, extras and specifiers cut off, and a version after it (see `eggVersion`). */
  egg?: string;
  /**
   * The version an `#egg=<name>-<version>` writes after the name (easy_install's form, `x-1.4`),
   * cut off `egg`: see {@linkcode eggName}.
   */
  eggVersion?: string;
  /** The hashes of the fragment (`#sha256=…`). */
  hashes: Hash[];
}

/**
 * Takes apart a URL as pip reads it in a requirement (`name @ <url>`, a bare
 * URL, `-e <url>`): its `#egg=`, `#subdirectory=` and `#<alg>=<hex>`
 * fragment parameters are not part of the location.
 *
 * @example
 * ```ts
 * import { pipUrl } from "./_python.ts";
 * pipUrl("git+https://h.example/x.git@v1#egg=x&subdirectory=libs/y").url;
 * // "git+https://h.example/x.git@v1#libs/y"
 * ```
 *
 * @param url The URL as written.
 * @returns The location, whether it is a VCS one, the egg name and the hashes.
 */
export function pipUrl(url: string): PipUrl {
  const hashIndex = url.indexOf("#");
  const fragment = new URLSearchParams(hashIndex === -1 ? "" : url.slice(hashIndex + 1));
  const bare = hashIndex === -1 ? url : url.slice(0, hashIndex);
  const vcs = /^(?:git|hg|svn|bzr)\+/.test(url);
  const hashes: Hash[] = [];
  for (const [key, value] of fragment) {
    const hash = parseHash(`${key}:${value}`);
    if (hash) hashes.push(hash);
  }
  const egg = eggName(fragment.get("egg")?.replace(/[\[=<>!~;].*$/, "") ?? "");
  return {
    // pip's `#subdirectory=` is the folder built: the SPDX `#<sub_path>` of a VCS location, kept
    // as written on an archive's URL (see `archiveUrl`).
    url: (vcs ? withSubPath : archiveUrl)(bare, fragment.get("subdirectory") ?? undefined),
    vcs,
    ...egg,
    hashes,
  };
}

/** A release version after an egg fragment's name: `-1.4`, `-2.0.1rc1`, `-0.9.post2` (a dot in it). */
const EGG_VERSION =
  /^(.+?)-(\d+(?:\.\d+)+(?:[._-]?(?:a|b|c|rc|alpha|beta|pre|preview|post|rev|r|dev)\d*)*)$/i;

/**
 * The project an `#egg=` fragment names. pip takes the whole fragment as the
 * name (pip/_internal/models/link.py `_egg_fragment`: `x-1.4` is a valid PEP 508
 * name, so not even its "non-PEP 508 name" deprecation), then refuses a project
 * whose metadata names another (resolution/resolvelib/candidates.py
 * `_check_metadata_consistency`: `MetadataInconsistent`, pip 20.3 on; the legacy
 * resolver warned "Fix your #egg=x-1.4 fragments" and installed the project by
 * its own name; older pip cut `-<version>` off, `_strip_postfix`). A
 * `<name>-<version>` fragment is easy_install's form: the project is `<name>`
 * (`x-1.4` is no project's name), its version the project's own, which the
 * fragment only claims. A fragment whose tail has no dot (`flake8-2020`) is a name.
 */
function eggName(fragment: string): { egg?: string; eggVersion?: string } {
  if (fragment === "") return {};
  const versioned = EGG_VERSION.exec(fragment);
  return versioned === null ? { egg: fragment } : { egg: versioned[1], eggVersion: versioned[2] };
}

/** A path or URL to a distribution file: a wheel or an sdist archive (a folder is neither). */
export const DISTRIBUTION_FILE = /\.(?:whl|zip|tar|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz)$/i;

/**
 * The URL of an archive (an sdist, a wheel, a snapshot of a repository) with
 * the folder of it that the package is built from (uv's and Poetry's
 * `subdirectory` of a URL source), as pip and uv write a direct reference:
 * `<url>#subdirectory=<folder>` (the PyPA direct URL's `subdirectory`; the
 * SPDX `#<sub_path>` is a VCS location's only). The archive's root: the URL
 * as is.
 *
 * @example
 * ```ts
 * import { archiveUrl } from "./_python.ts";
 * archiveUrl("https://h.example/mono-1.0.tar.gz", "libs/y");
 * // "https://h.example/mono-1.0.tar.gz#subdirectory=libs/y"
 * ```
 *
 * @param url The archive's URL.
 * @param subdirectory The folder, if any.
 * @returns The URL with its folder.
 */
export function archiveUrl(url: string, subdirectory: string | undefined): string {
  const folder = subPathFolder(subdirectory);
  if (folder === "") return url;
  return `${url}${url.includes("#") ? "&" : "#"}subdirectory=${folder}`;
}

/**
 * The purl qualifiers of a distribution file on disk (a wheel or an sdist a lock or requirement
 * names by its path or `file:` URL): the purl-spec's `file_name`, "an extra file name of a
 * package archive", says the package is that file, not the index's of the same name and
 * version; `download_url` is "a direct package web download URL", which a path is not. A
 * folder gives none.
 *
 * @example
 * ```ts
 * import { localArchiveQualifiers } from "./_python.ts";
 * localArchiveQualifiers("./vendor/idna-3.10-py3-none-any.whl");
 * // { file_name: "idna-3.10-py3-none-any.whl" }
 * ```
 *
 * @param location The file's path (`\\` separators too) or `file:` URL.
 * @returns The `file_name` qualifier, or `undefined` for a folder.
 */
export function localArchiveQualifiers(location: string): Record<string, string> | undefined {
  const path = location.replaceAll("\\", "/").replace(/[?#].*$/s, "");
  return DISTRIBUTION_FILE.test(path) ? { file_name: fileNameOf(path) } : undefined;
}

/**
 * The last part of a URL or path (its query and fragment dropped), percent-decoded once when
 * `location` is a URL (`https:`, `file:`): a path is as the tool wrote it, so a `%` in it is
 * the file's own (uv's `path`, PDM's `path`, pylock's `path`, Poetry's file `url`).
 *
 * @example
 * ```ts
 * import { fileNameOf } from "./_python.ts";
 * fileNameOf("https://h.example/x-1.0%2Bcpu-py3-none-any.whl"); // "x-1.0+cpu-py3-none-any.whl"
 * fileNameOf("vendor/x-1.0%2Bcpu-py3-none-any.whl"); // "x-1.0%2Bcpu-py3-none-any.whl"
 * ```
 *
 * @param location A URL, a path or a file name.
 * @returns The file name.
 */
export function fileNameOf(location: string): string {
  const last = location.replace(/[?#].*$/, "").split("/").at(-1) ?? "";
  // Two letters at least: `C:/…` is a Windows path.
  if (!/^[a-z][a-z0-9+.-]+:/i.test(location)) return last;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The name and version a wheel's or an sdist's file name carries
 * (`name-1.0-py3-none-any.whl`, `name-1.0.tar.gz`), when it can be told.
 *
 * @example
 * ```ts
 * import { archiveNameVersion } from "./_python.ts";
 * archiveNameVersion("https://x.example/idna-3.10-py3-none-any.whl");
 * // { name: "idna", version: "3.10" }
 * ```
 *
 * @param location The file name, or a URL or path ending with it.
 * @returns Its name and version, or `undefined`.
 */
export function archiveNameVersion(
  location: string,
): { name: string; version: string } | undefined {
  if (codeHostArchive(location) !== undefined) return undefined;
  const file = fileNameOf(location);
  const wheel = /^([^-]+)-([^-]+)(?:-[^-]+)?-[^-]+-[^-]+-[^-]+\.whl$/i.exec(file);
  if (wheel) return { name: wheel[1], version: wheel[2] };
  const sdist = /^(.+?)-(\d[^-]*)\.(?:tar\.gz|tar\.bz2|tar\.xz|tgz|zip)$/i.exec(file);
  return sdist ? { name: sdist[1], version: sdist[2] } : undefined;
}

/**
 * The repository of a code host's snapshot archive (GitHub's and Gitea's
 * `https://<host>/<owner>/<repo>/archive/<ref>.tar.gz`, GitLab's
 * `…/<repo>/-/archive/<ref>/<file>`): its file is named after a ref
 * (`rel-0.7.5.tar.gz`), not after a package. Another URL with an `archive`
 * folder (a package index's) is not one.
 *
 * @param location A URL.
 * @returns The repository's name, or `undefined` for another URL.
 */
export function codeHostArchive(location: string): string | undefined {
  const url = location.replace(/[?#].*$/, "");
  const gitlab = /^https?:\/\/[^/]+\/(?:[^/]+\/)+([^/]+)\/-\/archive\/[^/]+\/[^/]+$/i.exec(url);
  if (gitlab) return gitlab[1];
  return /^https?:\/\/[^/]+\/[^/]+\/([^/]+)\/archive\/[^/]+$/i.exec(url)?.[1];
}

/**
 * The version a distribution's file name carries (`name-1.0.tar.gz`, the
 * wheel `name-1.0-py3-none-any.whl`): a package locked from a URL or a file
 * without a written version has it there.
 *
 * @param name The package name (`-`, `_` and `.` match one another).
 * @param location The file name, or a URL or path ending with it.
 * @returns The version, or `undefined` when the file name is not the package's.
 */
export function versionFromFileName(name: string, location: string): string | undefined {
  const stem = fileNameOf(location).replace(/\.(?:whl|tar\.gz|zip|tar\.bz2|tar\.xz|tgz)$/i, "");
  // Compared part by part, not as a pattern made of the name: a name with `(` was an invalid
  // regular expression (an internal error), one of 100,000 letters one too large.
  const lower = stem.toLowerCase();
  let at = 0;
  for (const [n, part] of name.toLowerCase().split(/[-_.]+/).entries()) {
    if (n > 0) {
      SEPARATORS.lastIndex = at;
      if (!SEPARATORS.test(lower)) return undefined;
      at = SEPARATORS.lastIndex;
    }
    if (!lower.startsWith(part, at)) return undefined;
    at += part.length;
  }
  return /^-([^-]+)/.exec(stem.slice(at))?.[1];
}

/** A run of the separators PEP 503 takes as one another, where it starts (`lastIndex`). */
const SEPARATORS = /[-_.]+/y;

/**
 * Whether a distribution file name is a source distribution (not a wheel).
 *
 * @param fileName File name or URL.
 * @returns `true` for an sdist.
 */
export function isSdist(fileName: string): boolean {
  // Hot (every wheel of a package without an sdist): a name without a query or fragment by
  // its last four characters, no regex.
  if (!fileName.includes("?") && !fileName.includes("#")) {
    const at = fileName.length - 4;
    return !(fileName.charCodeAt(at) === 0x2e && (fileName.charCodeAt(at + 1) | 0x20) === 0x77 &&
      (fileName.charCodeAt(at + 2) | 0x20) === 0x68 &&
      (fileName.charCodeAt(at + 3) | 0x20) === 0x6c);
  }
  return !/\.whl(?:[?#].*)?$/i.test(fileName);
}

/** PyPI's file host, where the files of its index are (`https://files.pythonhosted.org/packages/…`). */
const PYPI_FILES = /^https?:\/\/files\.pythonhosted\.org\//i;

/**
 * The purl qualifiers of a package a lock names no index for but gives the URLs of its files
 * (`pip lock`'s pylock.toml, a pdm.lock with `static_urls`): files off PyPI's file host were not
 * PyPI's (Pyodide's wheels on a CDN, a private index's), so the purl names where they are, never
 * PyPI. One file: its URL, the `download_url`; several in one folder: the folder, the
 * `repository_url` (as a `--find-links` location, see `requirements.ts`); else the sdist's (or the
 * first file's) URL. None for files on PyPI's host, or no URL.
 *
 * @example
 * ```ts
 * import { fileHostQualifiers } from "./_python.ts";
 * fileHostQualifiers(["https://pkgs.example.com/packages/x-1.0-py3-none-any.whl"]);
 * // { download_url: "https://pkgs.example.com/packages/x-1.0-py3-none-any.whl" }
 * ```
 *
 * @param urls The URLs of the package's files.
 * @returns The `download_url` or `repository_url` qualifier, or none.
 */
export function fileHostQualifiers(urls: readonly string[]): Record<string, string> {
  // Most files are on PyPI's host: told without a set of their (long) URLs, by the regex alone
  // (a `startsWith` of the host first cost 4 times as much in optimized code, on URLs sliced
  // from the lock's text, and no less in a cold run).
  if (urls.every((url) => PYPI_FILES.test(url))) return {};
  const unique = [...new Set(urls)];
  const folders = new Set(unique.map((url) => {
    const bare = url.replace(/[?#].*$/s, "");
    return bare.slice(0, bare.lastIndexOf("/") + 1);
  }));
  return unique.length > 1 && folders.size === 1
    ? { repository_url: [...folders][0] }
    : { download_url: unique.find(isSdist) ?? unique[0] };
}

/**
 * The files of a lock entry (sdist, wheels): the tables among `files` with a
 * known `hash` (`alg:hex`), a `url` or a `file` name. One file gives the
 * component its hashes; several stay apart as `distributions`, each with its
 * own hashes (see `distributionFields` in `_builder.ts`). `url` is the sdist's
 * URL, else the first URL: the download location.
 *
 * @param files The entry's file tables (other values are skipped).
 * @returns The hashes, the distributions and the download URL.
 */
export function distributionFiles(
  files: readonly unknown[],
): { hashes: Hash[]; distributions: Distribution[]; url?: string } {
  const list: Distribution[] = [];
  // The download URL: the first sdist's, else the first one (hot: one pass, no lists).
  let firstUrl: string | undefined;
  let sdistUrl: string | undefined;
  for (const file of files) {
    if (!isTable(file)) continue;
    const hash = typeof file.hash === "string" ? parseHash(file.hash) : undefined;
    const url = typeof file.url === "string" ? file.url : undefined;
    const name = typeof file.file === "string" ? file.file : undefined;
    if (hash === undefined && url === undefined && name === undefined) continue;
    const hashes = hash ? [hash] : [];
    // Made whole in one literal (hot: a wheel each); a property added later would grow it.
    list.push(
      url === undefined
        ? name === undefined ? { hashes } : { file: name, hashes }
        : name === undefined
        ? { url, hashes }
        : { url, file: name, hashes },
    );
    if (url !== undefined) {
      firstUrl ??= url;
      if (sdistUrl === undefined && isSdist(url)) sdistUrl = url;
    }
  }
  const { hashes, distributions } = distributionFields(list);
  return { hashes, distributions, url: sdistUrl ?? firstUrl };
}

/**
 * The files of a package known only by their hashes (pip's `--hash` options,
 * Pipfile.lock's `hashes`: one per sdist or wheel, no file names): one hash is
 * the package's own; several are one file each, which CycloneDX lists as
 * `vouch:distribution-hash` properties, not as the package's hashes.
 *
 * @param hashes The hashes, one per file.
 * @returns The `files` of {@linkcode PypiComponentInit}.
 */
export function hashOnlyFiles(hashes: Hash[]): { hashes: Hash[]; distributions: Distribution[] } {
  return hashes.length > 1
    ? { hashes: [], distributions: hashes.map((hash) => ({ hashes: [hash] })) }
    : { hashes, distributions: [] };
}

/** What a Python reader knows about one occurrence of a PyPI component. */
export interface PypiComponentInit {
  /** Name as written in the file. */
  name: string;
  /** Exact version. */
  version?: string;
  /** Declared constraint when unpinned. */
  specifier?: string;
  /** purl qualifiers (`vcs_url`, `download_url`, `repository_url`). */
  qualifiers?: Record<string, string | undefined>;
  /** Hashes of its one file (when `files` is not given). */
  hashes?: Hash[];
  /** Its files (from {@linkcode distributionFiles}): one file's hashes, or several files; replaces `hashes`. */
  files?: { hashes: Hash[]; distributions: Distribution[] };
  /** Download URL. */
  downloadLocation?: string;
  /** Declared by the project itself. */
  direct?: boolean;
  /** Scopes known from the file itself. */
  scopes?: Iterable<Scope>;
  /** Group / extra names. */
  groups?: Iterable<string>;
  /** The file that mentions it. */
  source: string;
}

/**
 * The member a folder of the project holds (a `directory` / `path` entry of a
 * lock): its id is `workspace:<folder>` (root-relative), never its purl, so
 * that a registry package of the same name and version, locked by this file
 * or another one of the scan, stays a distinct component.
 *
 * @param folder The folder, relative to the project root.
 * @param name The package name.
 * @param version The version, when the lock says it.
 * @returns What `OutputBuilder.member` takes.
 */
export function folderMember(folder: string, name: string, version?: string): Member {
  const purl = pypiPurl(name, version);
  return { id: `workspace:${folder}`, name, ...(version === undefined ? {} : { version }), purl };
}

/** The files pip and uv build a folder's project from (see {@linkcode holdsPythonProject}). */
export const PROJECT_FILES: readonly string[] = ["pyproject.toml", "setup.py"];

/**
 * Whether a folder of the project holds a Python project an installer can build: by default a
 * `pyproject.toml` or a `setup.py` (pip's `_check_pyproject_or_setup_py`: "does not appear to be
 * a Python project: neither 'setup.py' nor 'pyproject.toml' found"; uv's source build and PDM's
 * `FileRequirement._check_installable` ask the same); Poetry also takes a `setup.cfg`.
 *
 * @param folder The folder, relative to the project root.
 * @param load Reads a file of the project.
 * @param files The files any one of which makes a project (default {@linkcode PROJECT_FILES}).
 * @returns `false` when it has none (a git submodule not checked out, a missing folder).
 */
export function holdsPythonProject(
  folder: string,
  load: (path: string) => string | undefined,
  files: readonly string[] = PROJECT_FILES,
): boolean {
  const file = (name: string): string =>
    folder === "" || folder === "." ? name : `${folder}/${name}`;
  return files.some((name) => load(file(name)) !== undefined);
}

/**
 * The name a folder's project declares, PEP 503-normalized, which pip installs it under, and its
 * version when written: pyproject.toml's `[project]` (PEP 621), else Poetry's `[tool.poetry]`,
 * else setup.cfg's `[metadata]` (setuptools' declarative config; an `attr:` or `file:` version
 * is computed); `undefined` without a name (a setup.py's, which only running it tells).
 * The lock readers name and version a folder they install with it (a Pipfile.lock `path`,
 * a pylock.toml `directory`), and the requirements reader a `-e .` project.
 *
 * @param folder The folder, relative to the project root.
 * @param load Reads a file of the project.
 * @returns The name (PEP 503-normalized) and the static version, if any.
 * @throws {VouchError} `inventory.pyproject.invalid` for a pyproject.toml that is no TOML.
 */
export function declaredProject(
  folder: string,
  load: (path: string) => string | undefined,
): { name: string; version?: string } | undefined {
  const pyprojectPath = posix.join(folder, "pyproject.toml");
  const pyproject = load(pyprojectPath);
  if (pyproject !== undefined) {
    const doc = parseToml(pyproject, pyprojectPath, "inventory.pyproject.invalid");
    const tool = isTable(doc.tool) ? doc.tool : {};
    for (const table of [doc.project, tool.poetry]) {
      if (isTable(table) && typeof table.name === "string" && table.name.trim() !== "") {
        const version = typeof table.version === "string" ? table.version.trim() : "";
        return { name: pep503Name(table.name.trim()), ...(version ? { version } : {}) };
      }
    }
  }
  const setupCfg = load(posix.join(folder, "setup.cfg"));
  const metadata = new Map<string, string>();
  let section = "";
  for (const line of setupCfg?.split(/\r?\n/) ?? []) {
    const header = /^\s*\[([^\]]*)\]/.exec(line);
    if (header) section = header[1].trim().toLowerCase();
    const field = section === "metadata"
      ? /^(name|version)\s*[=:]\s*(\S.*?)\s*$/i.exec(line)
      : null;
    if (field) metadata.set(field[1].toLowerCase(), field[2]);
  }
  const name = metadata.get("name");
  if (name === undefined) return undefined;
  const version = metadata.get("version");
  return {
    name: pep503Name(name),
    ...(version === undefined || /^(attr|file):/.test(version) ? {} : { version }),
  };
}

/** How {@linkcode missingFolderWarning} words its entries. */
export interface MissingFolderOptions {
  /** The installer that refuses them (`pip`, `uv`). */
  tool: string;
  /** The files the installer looks for (default {@linkcode PROJECT_FILES}). */
  files?: readonly string[];
  /**
   * The folders are ones the scan skips (`vendor/x`: see {@linkcode skippedWithoutProject}),
   * whose packages are components as the lock records them, not the project's own code.
   */
  skipped?: boolean;
}

/**
 * The warning for a lock's local entries whose folder holds no Python project (see
 * {@linkcode holdsPythonProject}), as the go.mod reader words a replacement folder without a
 * go.mod: the installer refuses them, and the SBOM has them all the same (as first-party code,
 * or, for folders the scan skips, as the lock records them).
 *
 * @param path The lock's path.
 * @param missing The entries, as `name (folder)`.
 * @param options The installer, its project files, and whether the folders are skipped ones.
 * @returns The warning.
 */
export function missingFolderWarning(
  path: string,
  missing: readonly string[],
  options: MissingFolderOptions,
): string {
  const { tool, files = PROJECT_FILES, skipped = false } = options;
  const named = files.length === 1
    ? files[0]
    : `${files.slice(0, -1).join(", ")} or ${files[files.length - 1]}`;
  const them = missing.length === 1 ? "it" : "them";
  const where = skipped
    ? `a folder the scan skips with no ${named}`
    : `a folder with no ${named} in the project`;
  const held = skipped
    ? `as the lock records ${them}`
    : `as first-party code without knowing ${missing.length === 1 ? "its" : "their"} contents`;
  return `${path} installs ${missing.join(", ")} from ${where} (a git submodule not checked ` +
    `out?): ${tool} refuses to install ${them}, and the SBOM has ${them} ${held}`;
}

/**
 * The folder the scan skips (`vendor/x`: see `scannedPlace`) that a lock's local package is
 * built from, when it holds no Python project (see {@linkcode holdsPythonProject}); looked
 * into with `peek`, which counts nothing read. `undefined` for any other place, or without
 * `peek`.
 *
 * @param place Where the package's folder lies.
 * @param peek Reads a file of the project without counting it read.
 * @param files The files any one of which makes a project (default {@linkcode PROJECT_FILES}).
 * @returns The skipped folder without a project, if any.
 */
export function skippedWithoutProject(
  place: LocalPlace | undefined,
  peek: ((path: string) => string | undefined) | undefined,
  files: readonly string[] = PROJECT_FILES,
): string | undefined {
  const folder = place?.skipped;
  return folder !== undefined && peek !== undefined && !holdsPythonProject(folder, peek, files)
    ? folder
    : undefined;
}

/**
 * The {@linkcode ComponentInit} of a PyPI occurrence: its purl is built from
 * the name, version and qualifiers; its one source is `init.source`.
 *
 * @param init The occurrence.
 * @returns What `OutputBuilder.component` (in `_builder.ts`) takes.
 */
export function pypiComponent(init: PypiComponentInit): ComponentInit {
  const { qualifiers, source, files, ...fields } = init;
  const component: ComponentInit = {
    ...fields,
    purl: pypiPurl(init.name, init.version, qualifiers),
    ecosystem: "pypi",
    sources: [source],
  };
  if (files !== undefined) {
    component.hashes = files.hashes;
    component.distributions = files.distributions;
  }
  return component;
}

/** A parsed Python lockfile (uv.lock, poetry.lock, pdm.lock) and its packages. */
export interface LockDocument {
  /** The whole document. */
  doc: TomlTable;
  /** The `[[package]]` (or `options.table`) tables (empty when there are none). */
  packages: TomlTable[];
  /**
   * Where a package is, for error messages.
   *
   * @param index The package's 0-based index in `packages`.
   * @returns `path:line` of its `[[package]]` header, or `path`.
   */
  where(index: number): string;
  /**
   * A package's `name` and optional `version`, checked.
   *
   * @param index The package's 0-based index in `packages`.
   * @returns The name (a non-empty string) and the version (a string, if given).
   * @throws {VouchError} `inventory.<reader>.invalid` when they are not.
   */
  nameAndVersion(index: number): { name: string; version?: string };
}

/**
 * Parses a Python lockfile and checks that `package` (or `options.table`) is
 * an array of tables.
 *
 * @param text The file's text.
 * @param options `path`: the file's path; `reader`: the reader name for error
 *   codes; `table`: the name of the array of package tables (default `package`).
 * @returns The document and its packages.
 * @throws {VouchError} `inventory.<reader>.invalid` for malformed TOML or a
 *   `package` that is not an array of tables.
 */
export function readLockDocument(
  text: string,
  options: { path: string; reader: string; table?: string },
): LockDocument {
  const { path, reader, table = "package" } = options;
  const doc = parseToml(text, path, `inventory.${reader}.invalid`);
  const packages = doc[table] ?? [];
  if (!Array.isArray(packages) || !packages.every(isTable)) {
    throw invalid(
      reader,
      at(path, nthLine(text, new RegExp(`^\\s*\\[+${table}`)) ?? tomlKeyLine(text, table)),
      `\`${table}\` must be an array of tables`,
    );
  }
  const header = new RegExp(`^\\s*\\[\\[${table}\\]\\]`);
  const where = (index: number): string => at(path, nthLine(text, header, index));
  const nameAndVersion = (index: number): { name: string; version?: string } => {
    const { name, version } = packages[index];
    if (typeof name !== "string" || name === "") {
      throw invalid(reader, where(index), "package without a `name`");
    }
    if (version !== undefined && typeof version !== "string") {
      throw invalid(reader, where(index), `package "${name}" has a non-string \`version\``);
    }
    if (version === "") {
      throw invalid(reader, where(index), `package "${name}" has an empty \`version\``);
    }
    return { name, version };
  };
  return { doc, packages, where, nameAndVersion };
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
  if (trimmed.includes("|")) return trimmed.replace(/\s+/g, " ");
  const clauses = trimmed.split(",").map(poetryClause).filter((c): c is string => c !== undefined);
  return clauses.length === 0 ? undefined : clauses.join(",");
}

/**
 * The words of a requirements file's name that say it is for development
 * only, by the common convention (`requirements-dev.txt`, `test-requirements.txt`,
 * `requirements/docs.txt`; cookiecutter-django's `requirements/local.txt`,
 * the local development environment beside `base.txt` and `production.txt`;
 * edx-platform's `requirements/edx/quality.txt` of linters and `coverage.txt`;
 * coveragepy's `requirements/tox.txt` and `pytest.txt`, the test runners, a
 * `requirements-typecheck.txt`, a `requirements-benchmark.txt` or
 * `benchmarks/requirements.txt` of benchmarking tools; pyvista's `requirements_style.txt` of
 * linters and formatters). Not `mypy`: python/mypy's own `mypy-requirements.txt` lists what
 * mypy needs at run time.
 */
const DEV_WORDS: ReadonlySet<string> = new Set([
  "dev",
  "devel",
  "develop",
  "development",
  "test",
  "tests",
  "testing",
  "lint",
  "linting",
  "doc",
  "docs",
  "typing",
  "ci",
  "qa",
  "quality",
  "coverage",
  "local",
  "tox",
  "pytest",
  "typecheck",
  "bench",
  "benchmark",
  "benchmarks",
  "style",
]);

/**
 * The developer tools a requirements file may be named for (`requirements/mypy.txt`,
 * `requirements-towncrier.txt`, `requirements/flake8.txt`): what a developer runs to type-check,
 * lint, format, build the docs or the change log, or run the git hooks (twisted/klein's
 * `requirements/pre-commit.txt`, read as the one word `precommit`). Not in
 * `<tool>-requirements.txt`, which may be the tool's own (python/mypy's `mypy-requirements.txt`
 * lists what mypy needs at run time).
 */
const TOOL_WORDS: ReadonlySet<string> = new Set([
  "mypy",
  "pyright",
  "towncrier",
  "flake8",
  "pylint",
  "ruff",
  "black",
  "isort",
  "sphinx",
  "mkdocs",
  "precommit",
]);

/**
 * Whether a file's name (`requirements-dev`, `test_requirements`, the `dev`
 * of `pylock.dev.toml`) says it is for development only: one of its words
 * (split at `-`, `_` and `.`) is a development, test, lint or documentation
 * word, by the common convention, or names a developer tool (`mypy.txt`; see
 * {@linkcode TOOL_WORDS}) but for `<tool>-requirements`.
 *
 * @param name The name (or a part of it), without extension.
 * @returns `true` for a development file's name.
 */
export function namesDevelopment(name: string): boolean {
  const words = name.toLowerCase().replace(/(^|[-_.])pre[-_.]?commit(?=$|[-_.])/g, "$1precommit")
    .split(/[-_.]+/);
  return words.some((word, i) =>
    DEV_WORDS.has(word) || (TOOL_WORDS.has(word) && !/^requirements?$/.test(words[i + 1] ?? ""))
  );
}

/**
 * Whether a file's name says it lists what builds the project (`build-requirements.txt`,
 * `requirements-build.txt`, `requirements/build.txt`: setuptools, Cython, wheel, as
 * `[build-system] requires` lists them), not what it runs with.
 *
 * @param name The name (or a part of it), without extension.
 * @returns `true` for a build file's name.
 */
export function namesBuild(name: string): boolean {
  return hasNameWord(name, BUILD_WORDS);
}

/** The words of a file's name that say it lists build requirements (see {@linkcode namesBuild}). */
const BUILD_WORDS: ReadonlySet<string> = new Set(["build"]);

/**
 * Whether one of the words of a file's name (split at `-`, `_` and `.`,
 * compared in lowercase) is one of `words`.
 *
 * @param name The name (or a part of it), without extension.
 * @param words Lowercase words.
 * @returns `true` when one matches.
 */
export function hasNameWord(name: string, words: ReadonlySet<string>): boolean {
  return name.toLowerCase().split(/[-_.]+/).some((word) => words.has(word));
}

/**
 * A package of the project's own that a lock names (the lock's own project, a
 * workspace member): its purl is its id.
 *
 * @param name The package name.
 * @param version The version, when the lock says it.
 * @returns The member.
 */
export function purlMember(name: string, version: string | undefined): Member {
  const id = pypiPurl(name, version);
  return { id, name, ...(version === undefined ? {} : { version }), purl: id };
}

/**
 * The node a lock's own project hangs from: the root for a lock at the root
 * of the scan; for a project of its own in a subfolder (`service/uv.lock`
 * beside `service/pyproject.toml`, `service/Pipfile.lock`, in a monorepo of
 * services), a member for it, which the root depends on, as a
 * `docs/package-lock.json`'s project is (named by its folder when the lock
 * has no entry for it: a virtual workspace root, a Pipfile's project, a
 * Gemfile's that is no gem's).
 *
 * @param builder The reader's builder, which gets the member and its edge.
 * @param path The lock's path, relative to the project root.
 * @param own The lock's own entry for its folder, if it has one.
 * @returns The node's id.
 */
export function projectNode(
  builder: OutputBuilder,
  path: string,
  own: { name: string; version?: string } | undefined,
): string {
  return lockFolderNode(
    builder,
    path,
    own === undefined ? undefined : () => purlMember(own.name, own.version),
  );
}

/**
 * The project a lock's own entry for the lock's folder names (a Pipfile.lock
 * `"pipenv": {"path": "."}`, a pylock.toml package whose `directory` is `.`):
 * a name that a manifest of the folder naming the project overrides (see
 * `ReaderResult.projectIsTooling`).
 *
 * @param name The entry's name.
 * @param version The entry's version, when the lock records one.
 * @returns The project and its rank.
 */
export function lockProject(
  name: string,
  version: string | undefined,
): { project: Project; projectIsTooling: true } {
  const project: Project = { name, purl: pypiPurl(name, version) };
  if (version !== undefined) project.version = version;
  return { project, projectIsTooling: true };
}
