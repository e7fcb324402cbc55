/**
 * Reader for Composer's `composer.lock`, with the `composer.json` beside it
 * for the project's identity and its direct requirements.
 *
 * @module
 */

import { posix } from "../../_path.ts";
import { isRecord, parseJsonText, withoutTrailing } from "../../_util.ts";
import { composerLockHash } from "./_content_hash.ts";
import { OutputBuilder } from "../_builder.ts";
import { keyLine, lineAt, parseJsonObject } from "../_formats/json.ts";
import { localPlace } from "../_paths.ts";
import { at, invalid, invalidVersion } from "../_errors.ts";
import { gitVcsUrl } from "../_vcs.ts";
import { withoutCredentials } from "../_url.ts";
import { formatPurl } from "../purl.ts";
import { unlockedWarning } from "../_unlocked.ts";
import type { ReaderResult } from "../_reader.ts";
import type { Hash, Project, Scope } from "../types.ts";
import { ROOT_ID } from "../types.ts";

/** Options of {@linkcode readComposerLock}. */
export interface ComposerLockOptions {
  /** The lockfile's path relative to the project root. */
  path: string;
  /** The text of the `composer.json` beside it, when there is one. */
  manifest?: string;
  /** The manifest's path (default: `composer.json` beside the lockfile). */
  manifestPath?: string;
  /** The release: the project's version when `composer.json` states none. */
  release?: string;
  /**
   * Reads a file of the project (path relative to the root): the `composer.json` of each
   * package installed from a `path` repository of the tree, which the lock resolves.
   */
  load?: (path: string) => string | undefined;
  /**
   * The lock of a tool that the project's `require-dev` bin plugin installs
   * (see {@linkcode isBinPluginTool}): what it installs is dev.
   */
  devTool?: boolean;
}

/** The bin plugin: each `vendor-bin/<tool>/composer.json` is a tool installed on its own. */
const BIN_PLUGIN = "bamarni/composer-bin-plugin";

/**
 * Whether a composer.lock or composer.json is a file of a tool that bamarni/composer-bin-plugin
 * installs (`<target-directory>/<tool>/composer.lock`: `vendor-bin/` by default, or the one
 * level `extra.bamarni-bin.target-directory` names) for the project of the folder above, whose
 * composer.json requires the plugin in `require-dev` only: then the tool is installed only with
 * the dev requirements.
 *
 * @example
 * ```ts
 * import { isBinPluginTool } from "./composer_lock.ts";
 * const files: Record<string, string> = {
 *   "composer.json": '{"require-dev": {"bamarni/composer-bin-plugin": "^1.8"}}',
 * };
 * isBinPluginTool("vendor-bin/psalm/composer.lock", (p) => files[p]); // true
 * ```
 *
 * @param path The file's path relative to the project root.
 * @param load Reads a file of the project (path relative to the root).
 * @returns Whether it is such a tool's file.
 */
export function isBinPluginTool(path: string, load: (path: string) => string | undefined): boolean {
  const targetFolder = posix.dirname(posix.dirname(path));
  if (targetFolder === ".") return false;
  const folder = posix.dirname(targetFolder);
  let doc: unknown;
  try {
    doc = parseJsonText(load(posix.join(folder, "composer.json")) ?? "null");
  } catch {
    return false; // its own reader reports it
  }
  if (!isRecord(doc) || !isRecord(doc["require-dev"]) || !(BIN_PLUGIN in doc["require-dev"])) {
    return false;
  }
  if (isRecord(doc.require) && BIN_PLUGIN in doc.require) return false;
  const config = isRecord(doc.extra) ? doc.extra["bamarni-bin"] : undefined;
  const target = isRecord(config) && typeof config["target-directory"] === "string"
    ? config["target-directory"]
    : "vendor-bin";
  return posix.normalize(posix.join(folder, target)).replace(/\/$/, "") === targetFolder;
}

const READER = "composer_lock";
const CODE = `inventory.${READER}.invalid`;

/** One locked package, checked. */
interface Locked {
  name: string;
  version: string;
  dev: boolean;
  license?: string;
  dist?: { type: string; url?: string; shasum?: Hash };
  source?: { type: string; url: string; reference?: string };
  /** The repository that served it, when not Packagist (from its `notification-url`). */
  repository?: string;
  /** Whether it has a `notification-url`: a Composer repository that names one served it. */
  notified: boolean;
  requires: string[];
  /** Names it replaces or provides (virtual packages it stands for). */
  stands: string[];
  /** Where it is, for error messages (computed only then: it scans the text). */
  where: () => string;
}

/** The checked `composer.json`. */
export interface Manifest {
  project?: Project;
  /** Its `require` packages (platform ones aside): name and constraint. */
  require: [string, string][];
  /** Its `require-dev` packages, likewise. */
  requireDev: [string, string][];
  /** Names it replaces or provides: the root package stands for them. */
  stands: string[];
  /** What its `repositories` say of the packages off Composer repositories. */
  repositories: Repositories;
}

/** The packages composer.json's `repositories` provide other than through a Composer repository. */
export interface Repositories {
  /** Its VCS repositories (`vcs`, `git`, `github`, …), by {@linkcode repositoryKey}. */
  vcs: Set<string>;
  /**
   * The packages its `package` repositories define, by lowercased name: each definition's
   * `version` and dist `url`, as written.
   */
  inline: Map<string, { version?: string; url?: string }[]>;
  /**
   * Its `path` repositories: each one's `url`, as written, and the versions its
   * `options.versions` gives packages (by name, as written), which override theirs.
   */
  paths: { url: string; versions: Record<string, unknown> }[];
  /**
   * Its Composer repositories other than packagist.org (a Satis, WPackagist, a private one): each
   * one's `url`, without credentials, and whether it may serve a package, by its `only` and
   * `exclude` filters.
   */
  composer: { url: string; serves: (name: string) => boolean }[];
}

/** The `repositories` types that Composer's VcsRepository reads (a fork, a package off Packagist). */
const VCS_TYPES = new Set([
  "vcs",
  "git",
  "github",
  "gitlab",
  "bitbucket",
  "git-bitbucket",
  "hg",
  "hg-bitbucket",
  "fossil",
  "forgejo",
  "perforce",
  "svn",
]);

/**
 * An svn source as a version-control location: Composer's reference is a path below the
 * repository URL with the revision after `@` (`/tags/1.0.0/@42`, which its svn driver appends to
 * the URL), so `https://svn.example.com/acme/` gives `svn+https://svn.example.com/acme/tags/1.0.0@42`.
 */
function svnVcsUrl(url: string, reference: string | undefined): string {
  const at = reference?.lastIndexOf("@") ?? -1;
  const path = (at === -1 ? reference ?? "" : reference!.slice(0, at)).replace(/^\/*/, "/");
  const revision = at === -1 ? "" : reference!.slice(at + 1);
  const location = `${url.replace(/\/+$/, "")}${path}`.replace(/\/+$/, "");
  return `svn+${location}${revision === "" ? "" : `@${revision}`}`;
}

/**
 * A repository URL as a key that matches its other spellings: host and path, lowercased,
 * without scheme, credentials, `.git` or a trailing `/` (Composer's GitHub driver records a
 * `vcs` repository `https://github.com/fork/x` as the source `https://github.com/fork/x.git`,
 * or `git@github.com:fork/x.git` when private).
 */
function repositoryKey(url: string): string {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)(.+)$/.exec(url);
  const bare = scp ? `${scp[1]}/${scp[2]}` : url.replace(/^[a-z][\w+.-]*:\/\/([^@/]*@)?/i, "");
  return withoutTrailing(bare.toLowerCase(), "/").replace(/\.git$/, "");
}

/**
 * The VCS repositories (by key) and the packages `package` repositories define (a package
 * object or a list of them, one per version) of a composer.json's `repositories` (a list or a
 * map).
 */
function readRepositories(value: unknown): Repositories {
  const entries = (Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : [])
    .filter(isRecord);
  const inline = new Map<string, { version?: string; url?: string }[]>();
  for (const r of entries.filter((r) => r.type === "package")) {
    for (const p of Array.isArray(r.package) ? r.package : [r.package]) {
      if (!isRecord(p) || typeof p.name !== "string") continue;
      const url = isRecord(p.dist) && typeof p.dist.url === "string" ? p.dist.url : undefined;
      const version = typeof p.version === "string" ? p.version : undefined;
      const key = p.name.toLowerCase();
      inline.set(key, [...inline.get(key) ?? [], { version, url }]);
    }
  }
  return {
    vcs: new Set(
      entries.filter((r) => VCS_TYPES.has(String(r.type)) && typeof r.url === "string")
        .map((r) => repositoryKey(r.url as string)),
    ),
    inline,
    paths: entries.filter((r) => r.type === "path" && typeof r.url === "string").map((r) => ({
      url: r.url as string,
      versions: isRecord(r.options) && isRecord(r.options.versions) ? r.options.versions : {},
    })),
    composer: entries.filter((r) =>
      r.type === "composer" && typeof r.url === "string" && URL.canParse(r.url) &&
      new URL(r.url).hostname !== "packagist.org" &&
      new URL(r.url).hostname !== "repo.packagist.org"
    ).map((r) => {
      const only = namePatterns(r.only);
      const exclude = namePatterns(r.exclude);
      return {
        url: withoutTrailing(withoutCredentials(r.url as string), "/"),
        serves: (name: string) =>
          (only === undefined || only.test(name)) && (exclude === undefined || !exclude.test(name)),
      };
    }),
  };
}

/**
 * The package names a repository's `only` or `exclude` filter lists, as one pattern: Composer's
 * `BasePackage::packageNamesToRegexp`, `*` any characters, case-insensitive. `undefined` without
 * a list.
 */
function namePatterns(value: unknown): RegExp | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value.filter((n): n is string => typeof n === "string")
    .map((n) => n.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*"));
  return new RegExp(`^(?:${names.join("|")})$`, "i");
}

/**
 * Builds a `pkg:composer` purl: the vendor is the namespace; both are lowercased.
 *
 * @param name The package name `vendor/name`.
 * @param version The version as the lock writes it (`v1.2.3`, `dev-master`).
 * @param qualifiers Extra qualifiers (`repository_url`, `vcs_url`).
 * @returns The purl.
 */
export function composerPurl(
  name: string,
  version?: string,
  qualifiers?: Record<string, string | undefined>,
): string {
  const slash = name.indexOf("/");
  return formatPurl({
    type: "composer",
    namespace: name.slice(0, slash).toLowerCase(),
    name: name.slice(slash + 1).toLowerCase(),
    version,
    qualifiers,
  });
}

/** Composer's platform packages (its PlatformRepository::PLATFORM_PACKAGE_REGEX). */
const PLATFORM_PACKAGE =
  /^(?:php(?:-64bit|-ipv6|-zts|-debug)?|hhvm|(?:ext|lib)-[a-z0-9](?:[_.-]?[a-z0-9]+)*|composer(?:-(?:plugin|runtime)-api)?)$/i;

/**
 * Whether a requirement names a platform package (`php`, `ext-*`, `lib-*`,
 * `composer-plugin-api`, …): those are never installed. Another name without a vendor
 * (`symfony`, `""`) is no platform package but a requirement Composer cannot meet.
 */
function isPlatform(name: string): boolean {
  return PLATFORM_PACKAGE.test(name);
}

/** Composer's `license` (a string or a list of alternatives) as one SPDX expression. */
function licenseExpression(value: unknown): string | undefined {
  const list = (Array.isArray(value) ? value : [value])
    .filter((l): l is string => typeof l === "string" && l.trim() !== "")
    .map((l) =>
      l.trim().replace(/\s+(and|or|with)\s+/gi, (_m, op: string) => ` ${op.toUpperCase()} `)
    );
  if (list.length <= 1) return list[0];
  return list.map((l) => (/\s/.test(l) ? `(${l})` : l)).join(" OR ");
}

function names(
  value: unknown,
  fail: (what: string, field: string) => Error,
  field: string,
): string[] {
  // PHP writes an empty map as `[]` (json_encode of an empty array), which Composer takes.
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return [];
  if (!isRecord(value)) throw fail(`\`${field}\` must be an object`, field);
  return Object.keys(value);
}

function checkPackage(
  value: unknown,
  dev: boolean,
  where: () => string,
): Locked {
  const fail = (what: string): Error => invalid(READER, where(), what);
  if (!isRecord(value)) throw fail("a package must be an object");
  const { name, version } = value;
  if (typeof name !== "string" || !/^[^/\s]+\/[^/\s]+$/.test(name)) {
    throw fail("package without a `vendor/name` `name`");
  }
  const failHere = (what: string): Error => fail(`package "${name}": ${what}`);
  if (typeof version !== "string" || version === "") throw failHere("no `version`");
  const locked: Locked = {
    name,
    version,
    dev,
    requires: names(value.require, failHere, "require").filter((n) => !isPlatform(n)),
    notified: typeof value["notification-url"] === "string" && value["notification-url"] !== "",
    stands: [
      ...names(value.replace, failHere, "replace"),
      ...names(value.provide, failHere, "provide"),
    ],
    where,
  };
  const license = licenseExpression(value.license);
  if (license !== undefined) locked.license = license;
  const repository = repositoryUrl(value["notification-url"]);
  if (repository !== undefined) locked.repository = repository;
  const { dist, source } = value;
  if (dist !== undefined && dist !== null) {
    if (!isRecord(dist) || typeof dist.type !== "string") throw failHere("`dist` without a `type`");
    locked.dist = { type: dist.type };
    if (typeof dist.url === "string" && dist.url !== "") locked.dist.url = dist.url;
    if (typeof dist.shasum === "string" && dist.shasum !== "") {
      if (!/^[0-9a-fA-F]{40}$/.test(dist.shasum)) throw failHere("`dist.shasum` is not a SHA-1");
      locked.dist.shasum = { alg: "sha1", hex: dist.shasum.toLowerCase() };
    }
  }
  if (source !== undefined && source !== null) {
    if (!isRecord(source) || typeof source.type !== "string" || typeof source.url !== "string") {
      throw failHere("`source` without a `type` and `url`");
    }
    locked.source = { type: source.type, url: source.url };
    if (typeof source.reference === "string" && source.reference !== "") {
      locked.source.reference = source.reference;
    }
  }
  return locked;
}

/** The start of Packagist's notification URL. */
const PACKAGIST_DOWNLOADS = "https://packagist.org/";

/**
 * The `repository_url` qualifier of a package that a Composer repository other
 * than Packagist (the purl type's default) served: Composer records the
 * repository's download notification URL, `<repository>/downloads`, as the
 * package's `notification-url` (`https://packages.drupal.org/8/downloads`,
 * Private Packagist's `https://repo.packagist.com/<org>/downloads/`), else
 * that URL's origin. `undefined` for packagist.org or without one (a `vcs`,
 * `package` or `path` repository records none).
 */
function repositoryUrl(notification: unknown): string | undefined {
  // Most are Packagist's own (`https://packagist.org/downloads/`): told by their start, whose
  // host they are if they parse at all, not by two URL parses (hot: every package).
  if (typeof notification !== "string" || notification.startsWith(PACKAGIST_DOWNLOADS)) {
    return undefined;
  }
  if (!URL.canParse(notification)) return undefined;
  const url = new URL(notification);
  if (url.hostname === "packagist.org" || !/^https?:$/.test(url.protocol)) return undefined;
  const repository = withoutCredentials(notification).replace(/[?#].*$/, "");
  return /\/downloads\/?$/.test(repository)
    ? repository.replace(/\/downloads\/?$/, "")
    : url.origin;
}

/**
 * Reads a `composer.json`: its `require` / `require-dev` packages (platform ones aside) with
 * their constraints, what its root replaces or provides, its `repositories`, its project.
 *
 * @param text The file's text.
 * @param path Its path, for errors.
 * @param release The project's version when the file states none.
 * @param reader The reader whose error code it throws (`composer_lock`, `composer_json`).
 * @returns The checked manifest.
 * @throws {VouchError} `inventory.<reader>.invalid` for malformed JSON, duplicate keys or a
 *   `require` / `require-dev` / `replace` / `provide` that is no object.
 */
export function readManifest(
  text: string,
  path: string,
  release: string | undefined,
  reader = READER,
): Manifest {
  const doc = parseJsonObject(text, path, `inventory.${reader}.invalid`);
  const fail = (what: string, field: string): Error =>
    invalid(reader, at(path, keyLine(text, field)), what);
  const declared = (field: string): [string, string][] =>
    names(doc[field], fail, field).filter((n) => !isPlatform(n)).map((n) => {
      const constraint = (doc[field] as Record<string, unknown>)[n];
      return [n, typeof constraint === "string" ? constraint : ""];
    });
  const manifest: Manifest = {
    require: declared("require"),
    requireDev: declared("require-dev"),
    stands: [...names(doc.replace, fail, "replace"), ...names(doc.provide, fail, "provide")],
    repositories: readRepositories(doc.repositories),
  };
  if (typeof doc.name === "string" && doc.name.includes("/")) {
    const version = typeof doc.version === "string" ? doc.version : release;
    const project: Project = { name: doc.name, purl: composerPurl(doc.name, version) };
    if (version !== undefined) project.version = version;
    const license = licenseExpression(doc.license);
    if (license !== undefined) project.license = license;
    if (typeof doc.description === "string") project.description = doc.description;
    manifest.project = project;
  }
  return manifest;
}

/**
 * Decodes the lock: its packages, checked, in file order (`packages`, then `packages-dev`), and
 * the hash it records of composer.json (see `composerLockHash`).
 */
function decode(
  text: string,
  path: string,
): { locked: Locked[]; recorded?: ["content-hash" | "hash", string] } {
  const doc = parseJsonObject(text, path, CODE);
  const api = doc["plugin-api-version"];
  if (api !== undefined && !(typeof api === "string" && /^[12]\./.test(api))) {
    throw invalidVersion(
      READER,
      at(path, lineAt(text, text.indexOf('"plugin-api-version"'))),
      `plugin-api-version ${JSON.stringify(api)}`,
      "plugin-api-version 1.x or 2.x (Composer 1 and 2)",
    );
  }
  if (doc.packages === undefined) {
    throw invalid(READER, at(path, 1), "`packages` is missing: this is not a composer.lock");
  }
  const locked: Locked[] = [];
  for (const key of ["packages", "packages-dev"] as const) {
    const list = doc[key] ?? [];
    // Where the list is, for an error only (hot: `packages-dev` comes last in a large text).
    const keyAt = (): number => Math.max(text.indexOf(`"${key}"`), 0);
    if (!Array.isArray(list)) {
      throw invalid(READER, at(path, lineAt(text, keyAt())), `\`${key}\` must be an array`);
    }
    const occurrences = new Map<string, number>();
    for (const value of list) {
      const name = isRecord(value) && typeof value.name === "string" ? value.name : undefined;
      // The n-th package of a name in this list is at the n-th `"name": …` of it.
      const nth = name === undefined ? 0 : occurrences.get(name) ?? 0;
      if (name !== undefined) occurrences.set(name, nth + 1);
      const where = (): string => {
        const start = keyAt();
        let found = name === undefined ? -1 : start;
        for (let i = 0; i <= nth && found !== -1; i++) {
          found = text.indexOf(`"name": ${JSON.stringify(name)}`, found + 1);
        }
        return at(path, lineAt(text, found === -1 ? start : found));
      };
      locked.push(checkPackage(value, key === "packages-dev", where));
    }
  }
  // Composer compares `content-hash` when the lock has one, else `hash` (Locker::isFresh).
  for (const kind of ["content-hash", "hash"] as const) {
    const value = doc[kind];
    if (typeof value === "string" && value !== "") return { locked, recorded: [kind, value] };
  }
  return { locked };
}

/**
 * Reads a `composer.lock`: every package of `packages` (runtime) and
 * `packages-dev` (dev) with its version as written, `dist.shasum` (SHA-1)
 * when not empty, download location, license and `require` edges. Platform
 * requirements (`php`, `ext-*`, `lib-*`, `composer-plugin-api`, …) are not
 * packages and become nothing. A package installed from a `path` repository
 * inside the project is a first-party {@linkcode Member} (its `composer.json`
 * loaded with `load`, being resolved by the lock). With the
 * `composer.json` beside it, its `require` / `require-dev` are the root's
 * (direct) edges and its `name` / `version` / `license` the project. A
 * package installed from its `source` only, or from one of the manifest's VCS
 * `repositories` (a fork of a Packagist package), carries `vcs_url` (the
 * repository at the locked commit) in its purl; one a `package` repository of
 * the manifest defines, its archive's `download_url`; one that another
 * Composer repository served, its `repository_url`. An archive on disk (an
 * `artifact` repository's, which the lock records by its path) is no URL: no
 * `download_url` and no download location, but its `file_name` (its `shasum` is still its
 * hash).
 *
 * @example
 * ```ts
 * import { readComposerLock } from "./composer_lock.ts";
 * const lock = JSON.stringify({
 *   packages: [{ name: "psr/log", version: "3.0.2", license: ["MIT"] }],
 *   "packages-dev": [],
 * });
 * readComposerLock(lock, { path: "composer.lock" }).components[0].purl;
 * // "pkg:composer/psr/log@3.0.2"
 * ```
 *
 * @param text The lockfile's text.
 * @param options Its path, the manifest beside it, the release.
 * @returns Members, components, edges and (with a manifest) the project, and a
 *   warning naming what the manifest requires that the lock does not lock (a
 *   lock older than it: those packages are not in the SBOM).
 * @throws {VouchError} `inventory.composer_lock.invalid` for malformed JSON,
 *   duplicate keys, wrong types or a `plugin-api-version` other than 1.x / 2.x.
 */
export function readComposerLock(
  text: string,
  options: ComposerLockOptions,
): ReaderResult {
  const { path } = options;
  const { locked, recorded } = decode(text, path);
  const manifestPath = options.manifestPath ??
    posix.join(posix.dirname(path), "composer.json");
  let manifest: Manifest | undefined;
  if (options.manifest !== undefined) {
    manifest = readManifest(options.manifest, manifestPath, options.release);
  }
  const builder = new OutputBuilder();
  const ids = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const pkg of locked) {
    const key = pkg.name.toLowerCase();
    if (seen.has(key)) {
      throw invalid(READER, pkg.where(), `package "${pkg.name}" is locked twice`);
    }
    seen.set(key, pkg.name);
    ids.set(key, mapPackage(builder, pkg, options, manifest?.repositories));
  }
  for (const pkg of locked) {
    for (const stand of pkg.stands) {
      if (!ids.has(stand.toLowerCase())) {
        ids.set(stand.toLowerCase(), ids.get(pkg.name.toLowerCase())!);
      }
    }
  }
  for (const pkg of locked) {
    const from = ids.get(pkg.name.toLowerCase())!;
    for (const name of pkg.requires) {
      const to = ids.get(name.toLowerCase());
      if (to !== undefined) builder.edge(from, to, options.devTool ? "dev" : "runtime");
    }
  }
  // What composer.json requires that the lock does not lock (a lock older than it).
  const unlocked: [string, string][] = [];
  if (manifest) {
    const stands = new Set(manifest.stands.map((n) => n.toLowerCase()));
    const rootEdges = (list: [string, string][], scope: Scope): void => {
      for (const [name, constraint] of list) {
        const to = ids.get(name.toLowerCase());
        if (to !== undefined) builder.edge(ROOT_ID, to, scope);
        else if (!stands.has(name.toLowerCase()) && !unlocked.some(([n]) => n === name)) {
          unlocked.push([name, constraint]);
        }
      }
    };
    rootEdges(manifest.require, options.devTool ? "dev" : "runtime");
    rootEdges(manifest.requireDev, "dev");
  }
  const output: ReaderResult = builder.build({ directFromEdges: true });
  if (manifest?.project) output.project = manifest.project;
  if (unlocked.length > 0) {
    const update = `composer update ${unlocked.map(([name]) => name).join(" ")}`;
    // The constraint as written, after one `@`: a stability flag alone (`@dev`) is its own.
    const declared = unlocked.map(([name, constraint]) =>
      `${name}${constraint.startsWith("@") ? "" : "@"}${constraint}`
    );
    output.warnings = [unlockedWarning(manifestPath, declared, { lock: path, install: update })];
  } else if (
    options.manifest !== undefined && recorded !== undefined &&
    (composerLockHash(options.manifest, recorded[0]) ?? recorded[1]) !== recorded[1]
  ) {
    // Composer's own check (Locker::isFresh): composer.json changed since the lock was written
    // (a requirement dropped, a constraint changed). `composer install` installs the lock as it
    // is, with a warning, as the SBOM has it.
    output.warnings = [
      `${manifestPath} has changed since ${path} was written (the lock's ${recorded[0]} is not ` +
      `that of ${manifestPath}, as Composer checks it): \`composer install\` installs the lock ` +
      "as it is, and so does the SBOM; run `composer update` to update the lock",
    ];
  }
  return output;
}

/**
 * Whether a dist URL is a file of the disk: a path (Composer's `artifact` repository records
 * its archive's path as written in composer.json, relative or absolute) or a `file:` URL.
 */
export function isLocalFile(url: string): boolean {
  return url.startsWith("file:") || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url);
}

/**
 * The purl qualifiers of an archive on disk (a dist URL {@linkcode isLocalFile} says is one):
 * the purl-spec's `file_name`, "an extra file name of a package archive", says the package is
 * that archive, not Packagist's of the same name and version; `download_url` is "a direct
 * package web download URL", which a path is not.
 *
 * @example
 * ```ts
 * import { localArchiveQualifiers } from "./composer_lock.ts";
 * localArchiveQualifiers("artifacts/acme-lib-1.2.0.zip"); // { file_name: "acme-lib-1.2.0.zip" }
 * ```
 *
 * @param url The dist URL: a path, relative or absolute, or a `file:` URL.
 * @returns The `file_name` qualifier.
 */
export function localArchiveQualifiers(url: string): Record<string, string> {
  return { file_name: posix.basename(url.replace(/^file:(?:\/\/)?/, "")) };
}

/**
 * Adds one locked package (a component, or a member for an in-project path repository).
 * `repositories`: what composer.json's `repositories` provide.
 */
function mapPackage(
  builder: OutputBuilder,
  pkg: Locked,
  options: ComposerLockOptions,
  repositories: Repositories = { vcs: new Set(), inline: new Map(), paths: [], composer: [] },
): string {
  const { path } = options;
  const purl = composerPurl(
    pkg.name,
    pkg.version,
    pkg.repository === undefined ? undefined : { repository_url: pkg.repository },
  );
  const place = pkg.dist?.type === "path" ? localPlace(path, pkg.dist.url ?? "/") : undefined;
  if (place !== undefined && place.kind !== "outside") {
    // The lock resolves the member's composer.json (its `require` is the package's here):
    // loaded, it counts as read, not as a manifest without a lock.
    options.load?.(posix.join(place.path!, "composer.json"));
    return builder.member({ id: purl, name: pkg.name, version: pkg.version, purl });
  }
  // An archive on disk (an `artifact` repository's `artifacts/x-1.0.zip`, an absolute path, a
  // `package` repository's local file) has no URL to download it from: no download location and
  // no download_url, but its `file_name`, as for a tarball in the tree in the npm locks.
  const url = pkg.dist?.url;
  const download = pkg.dist?.type === "path" || url === undefined || isLocalFile(url)
    ? undefined
    : url;
  const vcs = pkg.source && pkg.source.type !== "path"
    ? (pkg.source.type === "git"
      ? gitVcsUrl(pkg.source.url, pkg.source.reference)
      : pkg.source.type === "svn"
      ? svnVcsUrl(pkg.source.url, pkg.source.reference)
      : `${pkg.source.type}+${pkg.source.url}${
        pkg.source.reference ? `@${pkg.source.reference}` : ""
      }`)
    : undefined;
  // A package no Composer repository served (it has no notification-url) is not Packagist's:
  // one of composer.json's VCS repositories (a fork, most often) or a `package` repository of
  // it (the package defined in place) provided it, and its dist (the fork's zipball at the
  // commit, the archive composer.json names) is not the Packagist package's.
  const offComposer = pkg.repository === undefined;
  const fromVcs = offComposer && pkg.source !== undefined &&
    repositories.vcs.has(repositoryKey(pkg.source.url));
  const inline = offComposer && repositories.inline.has(pkg.name.toLowerCase());
  let qualifiers: Record<string, string | undefined> | undefined;
  // A package installed from its repository only (no dist), or from a VCS repository of
  // composer.json, is identified by the commit; one composer.json defines, by its archive.
  if ((pkg.dist === undefined || fromVcs) && vcs !== undefined) {
    qualifiers = { repository_url: pkg.repository, vcs_url: vcs };
  } else if (inline && download !== undefined) {
    qualifiers = { download_url: withoutCredentials(download) };
  } else if (
    pkg.dist?.type !== "path" && url !== undefined && url !== "" && download === undefined
  ) {
    qualifiers = localArchiveQualifiers(url);
  } else if (!pkg.notified && !fromVcs && !inline && download !== undefined) {
    // Its archive came from a Composer repository whose packages.json names no `notify-batch`
    // (Satis' by default, WPackagist's; Packagist's always does), so Composer recorded no
    // `notification-url`: the one Composer repository of composer.json that may serve it.
    const served = repositories.composer.filter((r) => r.serves(pkg.name));
    if (served.length === 1) qualifiers = { repository_url: served[0].url };
  }
  return builder.component({
    purl: qualifiers === undefined ? purl : composerPurl(pkg.name, pkg.version, qualifiers),
    ecosystem: "composer",
    name: pkg.name,
    version: pkg.version,
    hashes: pkg.dist?.shasum ? [pkg.dist.shasum] : [],
    downloadLocation: download ?? vcs,
    scopes: [pkg.dev || options.devTool ? "dev" : "runtime"],
    license: pkg.license,
    sources: [path],
  });
}
