// Private: what every JavaScript reader (package-lock, pnpm, yarn, bun,
// package.json; deno.lock for its npm entries) shares: the component of one
// npm package (and of the JSR packages that npm-compatible registries serve as
// `@jsr/scope__name`), the qualifiers telling where a non-registry package
// came from, versions read from tarball file names, licenses, and the
// package.json fields the readers use.
import { gitVcsUrl, type GitVcsUrlOptions, hostedGitUrl, npmGitVcsUrl } from "../_vcs.ts";
import { posix } from "../../_path.ts";
import { isRecord } from "../../_util.ts";
import type { ComponentInit, OutputBuilder } from "../_builder.ts";
import type { ReaderResult } from "../_reader.ts";
import { TextCache } from "../_text_cache.ts";
import { decodePercent } from "../_url.ts";
import { unlockedWarning } from "../_unlocked.ts";
import { objectAt, parseJsonObject, stringAt } from "../_formats/json.ts";
import { segmentMatches } from "../_glob.ts";
import { isOutside } from "../_paths.ts";
import {
  formatPurl,
  jsrNameFromNpm,
  jsrPurl,
  npmPurl,
  PurlError,
  versionFromRelease,
} from "../purl.ts";
import { type Edge, type Member, type Project, ROOT_ID, type Scope } from "../types.ts";

export { flagScopes, type NpmFlags, type Reach, reach, reachScopes } from "../_reach.ts";
export { unlockedWarning };

/** The dependency maps of a package.json and the scope each one gives. */
export const MANIFEST_FIELDS: ReadonlyArray<[string, Scope]> = [
  ["dependencies", "runtime"],
  ["optionalDependencies", "optional"],
  ["devDependencies", "dev"],
];

/**
 * The public registry and its public full mirrors (Yarn's, npmmirror and its
 * former taobao name): the same packages, byte for byte, so the same purls.
 */
const PUBLIC_REGISTRY =
  /^https?:\/\/registry\.(?:npmjs\.org|yarnpkg\.com|npmmirror\.com|npm\.taobao\.org)\//;

/**
 * Whether a locked location is a file of the tree (`file:vendor/x.tgz`, a
 * bare relative path), not a URL.
 *
 * @param location The location as the lock writes it.
 * @returns `true` for a local path.
 */
export function isLocalPath(location: string): boolean {
  return location.startsWith("file:") || !URL_SCHEME.test(location);
}

/**
 * A range that is a path (`./lib`, `../x.tgz`, `/opt/lib`, `.`): a `file:` one to npm
 * (npm-package-arg's file spec), pnpm, Yarn (Berry binds it as `file:<path>`) and Bun,
 * never GitHub's `owner/repo`.
 */
export const BARE_PATH = /^(?:\.{0,2}\/|\.\.?$)/;

/** A package tarball's file name or path (`x-1.0.0.tgz`, `lib/x.tar.gz`). */
export const TARBALL = /\.(?:tgz|tar\.gz)$/;

/** A tarball file npm, pnpm, Yarn and Bun install from (also a plain `.tar`). */
const TARBALL_FILE = /\.(?:tgz|tar\.gz|tar)$/;

/** A URL's scheme (a constant: made once, not per package). */
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A source archive of a repository at a commit on a public git host, as Yarn
 * classic and pnpm lock a hosted git dependency (`github:owner/repo`,
 * `gitlab:…`, `bitbucket:…`, from hosted-git-info's tarball templates):
 * group 1 is the repository's path, 2 the commit (or ref).
 */
const HOSTED_ARCHIVES: readonly { host: string; archive: RegExp }[] = [
  // codeload, GitHub's archive server (`…/tar.gz/<commit>`)
  {
    host: "github.com",
    archive:
      /^https:\/\/codeload\.github\.com\/([^/?#@]+\/[^/?#@]+)\/(?:legacy\.)?(?:tar\.gz|zip)\/([^?#]+)$/,
  },
  // the same archive as github.com links it, which redirects there (`…/archive/refs/tags/<tag>.zip`)
  {
    host: "github.com",
    archive: /^https:\/\/github\.com\/([^/?#@]+\/[^/?#@]+)\/archive\/([^?#]+?)\.(?:tar\.gz|zip)$/,
  },
  // GitHub's older archive links, which redirect to codeload's `legacy.tar.gz`/`legacy.zip`
  // (`…/tarball/<ref>`, as NativeScript CLI 6's npm-shrinkwrap.json locks a dependency)
  {
    host: "github.com",
    archive: /^https:\/\/github\.com\/([^/?#@]+\/[^/?#@]+)\/(?:tarball|zipball)\/([^?#]+)$/,
  },
  // GitLab (groups nest)
  {
    host: "gitlab.com",
    archive: /^https:\/\/gitlab\.com\/([^?#@]+?)\/repository\/archive\.tar\.gz\?ref=([^&#]+)$/,
  },
  // Bitbucket
  {
    host: "bitbucket.org",
    archive: /^https:\/\/bitbucket\.org\/([^/?#@]+\/[^/?#@]+)\/get\/([^/?#]+)\.tar\.gz$/,
  },
];

/**
 * The VCS URL a source archive of a hosted repository stands for (see
 * {@linkcode HOSTED_ARCHIVES}): `git+https://<host>/<path>.git@<commit>`, the
 * git source the archive is made from, spelt as every other reference to that
 * repository (see {@linkcode hostedGitUrl}); `undefined` for any other URL.
 *
 * @example
 * ```ts
 * import { hostedArchiveVcsUrl } from "./_npm.ts";
 * hostedArchiveVcsUrl("https://codeload.github.com/kevva/is-positive/tar.gz/97edff6");
 * // "git+https://github.com/kevva/is-positive.git@97edff6"
 * hostedArchiveVcsUrl("https://gitlab.com/g/sub/r/repository/archive.tar.gz?ref=97edff6");
 * // "git+https://gitlab.com/g/sub/r.git@97edff6"
 * ```
 *
 * @param url The locked tarball URL.
 * @param options The folder of the repository the package is built from.
 * @returns The VCS URL, or `undefined`.
 */
export function hostedArchiveVcsUrl(
  url: string,
  options: GitVcsUrlOptions = {},
): string | undefined {
  for (const { host, archive } of HOSTED_ARCHIVES) {
    const match = archive.exec(url);
    // A path that is no repository's (`gitlab.com/a`, a space in it) is a plain download.
    const repository = match ? hostedGitUrl(`https://${host}/${match[1]}`) : undefined;
    if (repository !== undefined) return gitVcsUrl(repository, decodePercent(match![2]), options);
  }
  return undefined;
}

/**
 * The purl qualifiers telling where a package came from, given the URL or
 * locator the lock records: none for the public registry (or one of its
 * public mirrors), `repository_url` for another registry, `vcs_url` for git
 * (a hosted repository's archive of a commit included, GitHub's codeload one
 * among them: the git source at that commit, see
 * {@linkcode hostedArchiveVcsUrl}), `download_url` for any other
 * URL. A tarball in the tree (`file:vendor/x-1.0.0.tgz`) has no URL to
 * download it from (the purl-spec's `download_url` is "a direct package web
 * download URL") and is no registry's: its `file_name`, "an extra file name
 * of a package archive", says the package is that archive, not the
 * registry's `x@1.0.0`. A folder gives none.
 *
 * @param name The package's name.
 * @param resolved The locked URL or locator.
 * @param options The folder of the repository a hosted archive's package
 *   is built from (pnpm's `path` of a hosted git tarball).
 * @returns The qualifiers.
 */
export function originQualifiers(
  name: string,
  resolved: string | undefined,
  options: GitVcsUrlOptions = {},
): Record<string, string> {
  if (resolved === undefined || resolved === "" || PUBLIC_REGISTRY.test(resolved)) return {};
  if (isLocalPath(resolved)) {
    // Yarn 1 writes the file's SHA-1 after `#`, Berry its own suffixes after `#` and `::`.
    const file = resolved.replace(/^file:/, "").replace(/(?:#|::).*$/s, "");
    return TARBALL_FILE.test(file) ? { file_name: posix.basename(file) } : {};
  }
  if (/^(git\+|git:|github:|gitlab:|bitbucket:)/.test(resolved)) {
    return { vcs_url: npmGitVcsUrl(resolved) };
  }
  const archive = hostedArchiveVcsUrl(resolved, options);
  if (archive !== undefined) return { vcs_url: archive };
  const registryTarball = resolved.indexOf(`/${name}/-/`);
  return registryTarball > 0
    ? { repository_url: resolved.slice(0, registryTarball) }
    : { download_url: resolved };
}

/**
 * The package a registry's tarball URL is of: every npm registry serves `<name>`'s
 * tarballs as `…/<name>/-/<name without scope>-<version>.tgz`
 * (`https://registry.npmjs.org/@types/node/-/node-20.4.5.tgz`); `undefined` for any other URL.
 *
 * @example
 * ```ts
 * import { registryTarballName } from "./_npm.ts";
 * registryTarballName("https://registry.npmjs.org/abbrev/-/abbrev-1.1.1.tgz"); // "abbrev"
 * ```
 */
export function registryTarballName(url: string): string | undefined {
  const match = /\/((?:@[^/?#]+\/)?([^/?#@]+))\/-\/([^/?#]+)\.tgz(?:[?#].*)?$/s.exec(url);
  return match !== null && match[3].startsWith(`${match[2]}-`) ? match[1] : undefined;
}

/**
 * The version in a tarball URL's file name when it reads `name-<version>.tgz`
 * (the unscoped part of the name, as registries serve it) or, for a scoped
 * package, `scope-name-<version>.tgz` (as `npm pack` and `bun pm pack` write
 * it: `@pikit/core` → `pikit-core-0.0.0-abcdef1234.tgz`), else `undefined`.
 */
export function tarballVersion(name: string, url: string): string | undefined {
  const file = decodePercent(url.replace(/[?#].*$/s, "").split("/").at(-1) ?? "");
  const match = /^(.+)\.(?:tgz|tar\.gz)$/.exec(file);
  if (!match) return undefined;
  const bases = [name.slice(name.lastIndexOf("/") + 1)];
  if (name.startsWith("@")) bases.push(name.slice(1).replace("/", "-"));
  const base = bases.find((b) => match[1].startsWith(`${b}-`));
  if (base === undefined) return undefined;
  const version = match[1].slice(base.length + 1);
  return /^v?\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]*)?$/.test(version) ? version : undefined;
}

/**
 * The license a package.json or lock entry declares: the `license` string,
 * or the legacy `{ "type": "MIT" }` object.
 *
 * @param value The `license` field.
 * @returns The text as stated, or `undefined`.
 */
export function npmLicense(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  return isRecord(value) && typeof value.type === "string" ? value.type : undefined;
}

/**
 * The component occurrence of an npm package. A JSR package installed through
 * JSR's npm compatibility layer (`@jsr/scope__name` from `npm.jsr.io`) is the
 * JSR package: `pkg:jsr/@scope/name@version`, the same component a deno.lock
 * gives; the npm-compatible tarball and its hashes are one of its
 * `distributions`, not the package's own hashes (deno.lock's JSR hash is of a
 * different file), and the npm origin qualifiers do not apply.
 *
 * @example
 * ```ts
 * import { npmComponent } from "./_npm.ts";
 * npmComponent({ name: "@jsr/std__path", version: "1.0.8", sources: ["package-lock.json"] }).purl;
 * // "pkg:jsr/%40std/path@1.0.8"
 * npmComponent({ name: "JSONStream", version: "1.3.5", sources: ["package-lock.json"] }).purl;
 * // "pkg:npm/JSONStream@1.3.5"
 * ```
 *
 * @param init The occurrence, with the name as installed and the purl
 *   qualifiers of its origin (see {@linkcode originQualifiers}).
 * @returns What `OutputBuilder.component` takes.
 */
export function npmComponent(
  init: Omit<ComponentInit, "purl" | "ecosystem"> & {
    qualifiers?: Record<string, string>;
    /**
     * The script of the project that generates the package at install time
     * (Yarn's `exec:` protocol): no registry has it, so it is
     * `pkg:generic/<name>@<version>` (a scope is the namespace), with no
     * download location.
     */
    generator?: string;
  },
): ComponentInit {
  const out: ComponentInit = {
    purl: "",
    ecosystem: "npm",
    name: init.name,
    version: init.version,
    specifier: init.specifier,
    hashes: init.hashes,
    downloadLocation: init.downloadLocation,
    license: init.license,
    direct: init.direct,
    scopes: init.scopes,
    groups: init.groups,
    sources: init.sources,
    patches: init.patches,
    bundled: init.bundled,
  };
  if (init.generator !== undefined) {
    const slash = init.name.startsWith("@") ? init.name.indexOf("/") : -1;
    out.purl = formatPurl({
      type: "generic",
      namespace: slash > 0 ? init.name.slice(0, slash) : undefined,
      name: slash > 0 ? init.name.slice(slash + 1) : init.name,
      version: init.version,
    });
    out.ecosystem = "generic";
    out.downloadLocation = undefined;
    return out;
  }
  const jsr = jsrNameFromNpm(init.name);
  if (jsr === undefined) {
    out.purl = npmPurl(init.name, init.version, init.qualifiers);
    return out;
  }
  const hashes = [...init.hashes ?? []];
  const url = init.downloadLocation;
  out.purl = jsrPurl(jsr, init.version);
  out.ecosystem = "jsr";
  out.name = jsr;
  out.hashes = undefined;
  out.distributions = url !== undefined || hashes.length > 0 ? [{ url, hashes }] : [];
  return out;
}

/** Yarn classic's header line, which a yarn.lock that is not Berry's has. */
export const YARN_V1_HEADER = /^# yarn lockfile v1\s*$/m;

/**
 * Whether a yarn.lock is Berry's: a line starts with `__metadata:`. Found by a native search,
 * as `/^__metadata:/m` would find it: that regex reads a classic lock line by line.
 *
 * @param text The lock's text.
 * @returns `true` for a Berry (Yarn 2+) lock.
 */
export function isBerryLock(text: string): boolean {
  const prefix = "__metadata:";
  for (let at = text.indexOf(prefix); at !== -1; at = text.indexOf(prefix, at + 1)) {
    if (at === 0 || LINE_END.test(text[at - 1])) return true;
  }
  return false;
}

/** What ends a line for a multi-line regex's `^`. */
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * Whether a yarn.lock is Yarn classic's (v1), as the yarn.lock reader tells them apart: not
 * Berry's, and with the `# yarn lockfile v1` header line (near the top: found at once).
 *
 * @param text The lock's text.
 * @returns `true` for a classic lock.
 */
export function isYarnClassicLock(text: string): boolean {
  return !isBerryLock(text) && YARN_V1_HEADER.test(text);
}

/** A `/`-separated path joined and normalised (`a/b/../c` → `a/c`, root `""`). */
export function joinPath(...parts: string[]): string {
  const plain = parts.filter((p) => p !== "" && p !== ".").join("/");
  // Most paths have nothing to normalise: no `.`/`..` segment, no `//`, no trailing `/`.
  if (!NOT_NORMAL.test(plain)) return plain;
  const joined = posix.normalize(plain || ".");
  return joined === "." ? "" : joined.replace(/\/$/, "");
}

/**
 * A path that may have something to normalise (a `.` or `..` segment, `//`, a leading or
 * trailing `/`): a `.` or `/` first or after a `/`, or a `/` last. Normalising one that has
 * nothing (`.github/x`) gives it back.
 */
const NOT_NORMAL = /^[./]|\/[./]|\/$/;

/** The folder of a `/`-separated file path (`""` for the root). */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** What a package.json says about its package. */
export interface PackageJson {
  /** Its path. */
  path: string;
  /** The parsed object. */
  json: Record<string, unknown>;
  /** `name`, when a string. */
  name?: string;
  /** `version`, when a string (a leading `v` dropped, as npm reads it). */
  version?: string;
}

/**
 * Loads and parses a package.json; `undefined` when it does not exist or lies
 * outside the project (another checkout a lock names: vouch reads only the
 * project's own files, and such a folder is a component, known by what the
 * lock records of it).
 *
 * @throws {VouchError} `inventory.package_json.invalid` for malformed JSON.
 */
export function loadPackageJson(
  load: (path: string) => string | undefined,
  path: string,
): PackageJson | undefined {
  if (isOutside(path)) return undefined;
  const text = load(path);
  if (text === undefined) return undefined;
  const json = PARSED.get(
    text,
    () => parseJsonObject(text, path, "inventory.package_json.invalid"),
  );
  // npm reads `"version": "v1.2.3"` as 1.2.3 (normalize-package-data cleans it).
  const version = stringAt(json, "version");
  return {
    path,
    json,
    // An empty name is none: Arborist's packageName for `"name": ""` is null, the folder names it.
    name: stringAt(json, "name") || undefined,
    version: version === undefined ? undefined : versionFromRelease(version, "npm"),
  };
}

/** Parsed package.json files: a workspace's readers look at each other's (never mutated). */
const PARSED = new TextCache<Record<string, unknown>>();

/**
 * The project a package.json describes, as a reader's result fields: none
 * without a name; a tooling identity when it is marked `private` (see
 * `ReaderResult.projectIsTooling`).
 */
export function manifestProjectFields(
  manifest: PackageJson | undefined,
): Pick<ReaderResult, "project" | "projectIsTooling"> {
  const project = manifest === undefined ? undefined : manifestProject(manifest);
  if (project === undefined) return {};
  return manifest!.json.private === true ? { project, projectIsTooling: true } : { project };
}

/** The project a package.json describes (its license when a string). */
function manifestProject(manifest: PackageJson): Project | undefined {
  if (manifest.name === undefined) return undefined;
  const project: Project = { name: manifest.name };
  if (manifest.version !== undefined) project.version = manifest.version;
  const purl = ownNpmPurl(manifest.name, manifest.version);
  if (purl !== undefined) project.purl = purl;
  const license = npmLicense(manifest.json.license);
  if (license !== undefined) project.license = license;
  const description = stringAt(manifest.json, "description");
  if (description !== undefined) project.description = description;
  return project;
}

/**
 * The warning for a local folder outside the scanned tree that a lock
 * installs (`file:../x`, pnpm's and Yarn's `link:../x`, Yarn's
 * `portal:../x`, a workspace in `../shared`): vouch reads nothing there, so
 * the folder's code was not scanned and its component is only what the lock
 * records (a name, a version at most, no hashes).
 *
 * @param lock The lock's path.
 * @param name The package's name.
 * @param at The path the lock's folders are written from (the lock's, or a
 *   Rush lock's in `common/temp/`).
 * @param folder The folder, as the lock writes it (`../outside`).
 * @returns The warning, naming the folder from the scanned folder.
 * @example
 * ```ts
 * import { outsideFolderWarning } from "./_npm.ts";
 * outsideFolderWarning("pnpm-lock.yaml", "outside", "pnpm-lock.yaml", "../outside");
 * ```
 */
export function outsideFolderWarning(
  lock: string,
  name: string,
  at: string,
  folder: string,
): string {
  const shown = posix.isAbsolute(folder) ? folder : joinPath(folderOf(at), folder);
  return `${lock}: ${name} is the local folder ${shown}, outside the scanned tree: vouch did ` +
    "not scan its code or read its package.json, and the SBOM has it only as the lock records " +
    "it (no hashes; the registry package of that name is another); scan a folder that holds " +
    "both to include it";
}

/**
 * The member (first-party package) a folder of the project holds, named by
 * its package.json (or by the folder when that is missing). Its id is
 * `workspace:<folder>` (root-relative): never a purl, so that a registry
 * package of the same name and version stays a distinct component.
 */
export function folderMember(folder: string, manifest: PackageJson | undefined): Member {
  const id = `workspace:${folder}`;
  const name = manifest?.name;
  if (name === undefined) return { id, name: folder };
  const purl = ownNpmPurl(name, manifest?.version);
  const member: Member = manifest?.version === undefined
    ? { id, name }
    : { id, name, version: manifest.version };
  if (purl !== undefined) member.purl = purl;
  return member;
}

/**
 * The purl of a package the project itself names (its root or a workspace
 * member), or none when the name is no npm package name: a private root
 * may be named as a bare scope (`"@opentui"`, never published), and that
 * name still names the project. Registry packages stay strict (`npmComponent`).
 *
 * @example
 * ownNpmPurl("@opentui", "0.1.0"); // undefined
 * ownNpmPurl("@opentui/core", "0.1.92"); // "pkg:npm/%40opentui/core@0.1.92"
 */
export function ownNpmPurl(name: string, version?: string): string | undefined {
  try {
    return npmPurl(name, version);
  } catch (e) {
    if (e instanceof PurlError) return undefined;
    throw e;
  }
}

/**
 * The nodes that edges lead to from some, themselves included, never through a
 * node of `skip`.
 *
 * @param edges The edges.
 * @param starts The nodes to start from.
 * @param skip The nodes neither reached nor passed through.
 * @returns The reached nodes.
 */
export function reachableFrom(
  edges: readonly Edge[],
  starts: Iterable<string>,
  skip: ReadonlySet<string>,
): Set<string> {
  const next = Map.groupBy(edges, (e) => e.from);
  const seen = new Set([...starts].filter((id) => !skip.has(id)));
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const { to } of next.get(queue[i]) ?? []) {
      if (skip.has(to) || seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

/**
 * A JavaScript reader's output without the workspace members in folders that
 * `--exclude` skips (`--exclude test` and a pnpm importer `test/fixtures/app`):
 * such a member is no member, its edges (in and out) are gone, and the
 * packages that only it reached are not listed: the user asked to skip that
 * folder. The `direct` mark of what it alone declared goes too; components'
 * scopes stay as the lock gives them.
 *
 * @param result The reader's output.
 * @param excluded Whether `--exclude` skips a folder (see `ReaderContext.excluded`).
 * @returns The output, the same object when nothing is excluded.
 */
export function withoutExcludedMembers(
  result: ReaderResult,
  excluded: ((folder: string) => boolean) | undefined,
): ReaderResult {
  const prefix = "workspace:";
  const dropped = new Set(
    excluded === undefined ? [] : result.members
      .filter((m) => m.id.startsWith(prefix) && excluded(m.id.slice(prefix.length)))
      .map((m) => m.id),
  );
  if (dropped.size === 0) return result;
  const projects = [ROOT_ID, ...result.members.map((m) => m.id)];
  const before = reachableFrom(result.edges, projects, new Set());
  const after = reachableFrom(result.edges, projects, dropped);
  const kept = (id: string): boolean => id === ROOT_ID || after.has(id) || !before.has(id);
  const edges = result.edges.filter((e) => kept(e.from) && kept(e.to));
  const declaredBy = new Set(
    edges.filter((e) => e.from === ROOT_ID || e.from.startsWith(prefix)).map((e) => e.to),
  );
  // The warnings about what a dropped member's package.json declares (see `unlockedWarning`).
  const warnings = result.warnings?.filter((w) =>
    !dropped.has(`${prefix}${folderOf(w.slice(0, w.indexOf(" ")))}`)
  );
  return {
    ...result,
    ...(warnings === undefined ? {} : { warnings }),
    members: result.members.filter((m) => kept(m.id)),
    components: result.components.filter((c) => kept(c.id)).map((c) =>
      c.direct && !declaredBy.has(c.id) ? { ...c, direct: false } : c
    ),
    edges,
  };
}

/**
 * The node a lockfile's own project hangs from: the root for a lock at the
 * project's root; for a separate project in a subfolder (a
 * `docs/package-lock.json` beside its own `docs/package.json`, no workspace of
 * the root), the member of that folder, which the root depends on, as a
 * nested Cargo.lock's own crate is a member.
 *
 * @param out The reader's builder.
 * @param lockDir The lock's folder (`""` for the root).
 * @param manifest What names the lock's project (its package.json, or the lock's record of it).
 * @returns The id of the lock's project node.
 */
export function lockProjectNode(
  out: OutputBuilder,
  lockDir: string,
  manifest: PackageJson | undefined,
): string {
  if (lockDir === "") return ROOT_ID;
  const id = out.member(folderMember(lockDir, manifest));
  out.edge(ROOT_ID, id, "runtime");
  return id;
}

/**
 * Whether `dependencies`, `optionalDependencies` or `devDependencies` of a
 * package.json (or a lock's record of one) names a package: a peer of that
 * name is that declaration (see {@linkcode declaredDependencies}).
 *
 * @param record The package.json object or the lock's record.
 * @param name The peer's name.
 * @returns `true` when another field names it.
 */
export function alsoDeclared(record: Record<string, unknown>, name: string): boolean {
  return MANIFEST_FIELDS.some(([field]) => Object.hasOwn(objectAt(record, field), name));
}

/**
 * The declared dependencies of a package.json: `[name, range, scope, peer]`.
 * A peer that `dependencies`, `optionalDependencies` or `devDependencies` also
 * names (the common "peer + dev" pattern) is left out: that declaration is
 * what the tools install (npm's later edge replaces the peer one; pnpm and
 * Yarn install the dev dependency, not the peer). A `dependencies` entry that
 * `optionalDependencies` also names is left out too: the optional one, its
 * range, is what npm (normalize-package-data), pnpm, Yarn 1 (`cleanDependencies`
 * keeps `optionalDependencies` first), Yarn 2+ and Bun install.
 */
export function declaredDependencies(
  manifest: PackageJson,
): [string, string, Scope, boolean][] {
  const out: [string, string, Scope, boolean][] = [];
  const optionals = objectAt(manifest.json, "optionalDependencies");
  // `{ 0: a, 1: b }`, not `[a, b]`: no iterator per pair (the binary runs code cold).
  for (const { 0: field, 1: scope } of MANIFEST_FIELDS) {
    const declared = objectAt(manifest.json, field);
    for (const name of Object.keys(declared)) {
      const range = declared[name];
      // An optional dependency overrides a dependency of the same name, in every tool.
      if (field === "dependencies" && Object.hasOwn(optionals, name)) continue;
      if (typeof range === "string") out.push([name, range, scope, false]);
    }
  }
  const peers = objectAt(manifest.json, "peerDependencies");
  const meta = objectAt(manifest.json, "peerDependenciesMeta");
  for (const name of Object.keys(peers)) {
    const range = peers[name];
    if (alsoDeclared(manifest.json, name) || typeof range !== "string") continue;
    const optional = isRecord(meta[name]) && meta[name].optional === true;
    out.push([name, range, optional ? "optional" : "runtime", true]);
  }
  return out;
}

/** The fields that declare dependencies, peers included. */
const DECLARING_FIELDS = [...MANIFEST_FIELDS.map(([field]) => field), "peerDependencies"];

/**
 * What {@linkcode declaredDependencies} passes over in a package.json, one
 * warning a field: a dependency field that is no object, its ranges that are no
 * string (the first 10, each shown to 40 characters). npm refuses such a range
 * at install (arborist's Edge: "must provide string spec"); normalize-package-data
 * drops it with a warning.
 *
 * @param manifest The package.json.
 * @returns The warnings, each beginning with the file's path.
 */
export function undeclarableWarnings(manifest: PackageJson): string[] {
  const warnings: string[] = [];
  const path = manifest.path;
  const shown = (range: unknown): string => {
    const text = JSON.stringify(range);
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
  };
  for (const field of DECLARING_FIELDS) {
    const value = manifest.json[field];
    if (value === undefined || value === null) continue; // none declared, to every tool
    if (!isRecord(value)) {
      warnings.push(
        `${path}: ${field} is no object of names and ranges: none of it is in the SBOM`,
      );
      continue;
    }
    // Most fields give only strings: looked at without a pair per name (cold code).
    let strings = true;
    for (const name in value) if (typeof value[name] !== "string") strings = false;
    if (strings) continue;
    const given = Object.entries(value).filter(([, range]) => typeof range !== "string");
    const one = given.length === 1;
    const more = given.length > 10 ? ` and ${given.length - 10} more` : "";
    warnings.push(
      `${path}: ${field} gives ${
        given.slice(0, 10).map(([name, range]) => `${name} ${shown(range)}`).join(", ")
      }${more}, no range${one ? "" : "s"} (npm refuses ${one ? "it" : "them"}: "must provide ` +
        `string spec"): ${one ? "it is" : "they are"} not in the SBOM`,
    );
  }
  return warnings;
}

/**
 * The workspace folders (relative to `base`, `/`-separated) that the
 * `workspaces` field of a package.json names: literal folders, and glob
 * patterns expanded with `list` when the reader was given one, as npm and
 * Yarn expand them: `*` and `?` within one folder name, `**` for any depth
 * (none included: `packages/**` is `packages` and every folder below it);
 * wildcards skip dot folders and neither goes into `node_modules`. A folder
 * counts when `exists` says so (it has a package.json).
 *
 * A negated pattern (`!packages/excluded`, `!packages/legacy-*`; an odd number
 * of `!`, `!!x` is `x`) excludes the folders it matches, whatever its place in
 * the list, as npm (`@npmcli/map-workspaces`, which passes negations to glob
 * as `ignore`) and pnpm do: one ending in `/**` the folder and everything
 * below it. npm's one exception is kept: a later pattern that the negation
 * itself covers (`["packages/**", "!packages/b/**", "packages/b/a"]`) cancels
 * the negation. Yarn 1 has no negations (`negations: false`): its
 * `resolveWorkspaces` globs each pattern on its own with glob 7, which takes a
 * leading `!` literally, and installs the union, `packages/skip` of
 * `["packages/*", "!packages/skip"]` included; a negated pattern names nothing.
 */
export function workspaceFolders(
  manifest: PackageJson,
  base: string,
  list: ((folder: string) => string[] | undefined) | undefined,
  exists: (folder: string) => boolean,
  negations = true,
): string[] {
  const field = manifest.json.workspaces;
  const patterns = Array.isArray(field)
    ? field
    : isRecord(field) && Array.isArray(field.packages)
    ? field.packages
    : [];
  const found = new Set<string>();
  /** The folders each negated pattern matches, while no later pattern cancels it. */
  const excluded: Set<string>[] = [];
  for (const raw of patterns) {
    if (typeof raw !== "string") continue;
    const bangs = /^!*/.exec(raw)![0].length;
    if (bangs > 0 && !negations) continue;
    const folders = expandWorkspaceGlob(raw.slice(bangs).replace(/^\.?\/+/, ""), base, list);
    if (bangs % 2 === 1) {
      excluded.push(new Set(folders));
      continue;
    }
    // npm drops an earlier negation that matches this pattern (every folder it names).
    for (let i = excluded.length - 1; i >= 0; i--) {
      const negated = excluded[i];
      if (folders.length > 0 && folders.every((f) => negated.has(f))) excluded.splice(i, 1);
    }
    for (const f of folders) found.add(f);
  }
  return [...found]
    .filter((f) => f !== "" && !excluded.some((n) => n.has(f)) && exists(f))
    .sort();
}

/**
 * The folders (relative to `base`) a workspace glob names: see
 * {@linkcode workspaceFolders}; a literal folder whether or not it exists.
 */
function expandWorkspaceGlob(
  pattern: string,
  base: string,
  list: ((folder: string) => string[] | undefined) | undefined,
): string[] {
  /** The subfolders of a folder a wildcard may enter (dot folders only for a dot pattern). */
  const subfolders = (folder: string, dot: boolean): string[] =>
    (list?.(joinPath(base, folder)) ?? []).filter((n) =>
      n !== "node_modules" && (dot || !n.startsWith("."))
    );
  let folders = [""];
  for (const part of joinPath(pattern).split("/")) {
    if (part === "**") {
      const all = [...new Set(folders)];
      const seen = new Set(all);
      for (let i = 0; i < all.length; i++) {
        for (const n of subfolders(all[i], false)) {
          const below = joinPath(all[i], n);
          if (seen.has(below)) continue;
          seen.add(below);
          all.push(below);
        }
      }
      folders = all;
    } else if (/[*?]/.test(part)) {
      // Not a regex: `*a*a…*b` backtracked for minutes on a folder name of a's.
      folders = folders.flatMap((f) =>
        subfolders(f, part.startsWith(".")).filter((n) => segmentMatches(part, n))
          .map((n) => joinPath(f, n))
      );
    } else {
      // The pattern is normalised (a `..` only leads it): nothing to normalise again, which
      // cost each part the whole path so far (quadratic: a path of 64,000 folders took 7 s).
      folders = folders.map((f) => f === "" ? part : `${f}/${part}`);
    }
  }
  return folders;
}

/**
 * The declarations (`name@range`, peers aside: tools need not install them)
 * of a package.json that `locked` says its lock does not record.
 *
 * @param manifest The package.json.
 * @param locked Whether the lock records a declaration of the manifest.
 * @returns Those it does not, in the manifest's order.
 */
export function unlockedDeclarations(
  manifest: PackageJson,
  locked: (name: string, range: string) => boolean,
): string[] {
  const out: string[] = [];
  const optionals = objectAt(manifest.json, "optionalDependencies");
  for (const [field] of MANIFEST_FIELDS) {
    for (const [name, range] of Object.entries(objectAt(manifest.json, field))) {
      // The optional one overrides it (see `declaredDependencies`): no tool locks this range.
      if (field === "dependencies" && Object.hasOwn(optionals, name)) continue;
      if (typeof range === "string" && !locked(name, range)) out.push(`${name}@${range}`);
    }
  }
  return out;
}

/**
 * The warning for a project or member whose package.json declares a name
 * (not a peer) that its lock's record of it (a pnpm importer, a Bun workspace,
 * a Berry workspace entry) does not: a lock older than the package.json.
 *
 * @param manifest The package.json (`undefined`: none, no warning).
 * @param recorded The names the lock records for it.
 * @param options `lock`: the lock's path; `install`: the command that updates it.
 * @returns The warning, or `undefined` when the lock records every declaration.
 */
export function staleRecordWarning(
  manifest: PackageJson | undefined,
  recorded: ReadonlySet<string>,
  options: { lock: string; install: string },
): string | undefined {
  if (manifest === undefined) return undefined;
  const unlocked = unlockedDeclarations(manifest, (name) => recorded.has(name));
  return unlocked.length === 0 ? undefined : unlockedWarning(manifest.path, unlocked, options);
}

/**
 * The warning for a project or member whose lock record (a pnpm importer, a Bun workspace, a
 * Berry workspace entry) holds a name its package.json declares in none of its dependency fields
 * (peers included): a lock older than the package.json, which a frozen install refuses. The
 * SBOM has what the lock records.
 *
 * @param manifest The package.json (`undefined`: none, no warning).
 * @param recorded The names the lock records for it.
 * @param options `lock`: the lock's path; `install`: the command that updates it; `frozen`: the
 *   install that refuses it.
 * @returns The warning, or `undefined` when the package.json declares every name recorded.
 */
export function undeclaredRecordWarning(
  manifest: PackageJson | undefined,
  recorded: Iterable<string>,
  options: { lock: string; install: string; frozen: string },
): string | undefined {
  if (manifest === undefined) return undefined;
  const fields = [...MANIFEST_FIELDS.map(([field]) => field), "peerDependencies"];
  const undeclared = [...recorded].filter((name) =>
    !fields.some((field) => Object.hasOwn(objectAt(manifest.json, field), name))
  );
  if (undeclared.length === 0) return undefined;
  const it = undeclared.length === 1 ? "it" : "them";
  return `${manifest.path} does not declare ${undeclared.join(", ")}, which ${options.lock} ` +
    `records for it (a lock older than the package.json, which \`${options.frozen}\` ` +
    `refuses): the SBOM has ${it} as the lock does; run \`${options.install}\` to update the lock`;
}

/**
 * Catalogs by the name a range gives after `catalog:` (`""` for `catalog:` alone), for
 * `catalog:` / `catalog:<name>` ranges.
 */
export type Catalogs = Map<string, Record<string, unknown>>;

/**
 * The catalogs that pnpm-workspace.yaml or a root package.json (Bun's, at its top or in its
 * `workspaces`) state, each a `catalog` and named `catalogs`, as pnpm and Bun read them: the
 * default catalog is `catalog` or `catalogs.default` (they refuse both), named by `catalog:` and
 * by `catalog:default` alike. The first source to name a catalog gives it.
 *
 * @param sources The files' values, first the one that wins.
 * @returns The catalogs by name.
 */
export function catalogsOf(sources: readonly unknown[]): Catalogs {
  const out: Catalogs = new Map();
  const put = (name: string, catalog: unknown): void => {
    if (isRecord(catalog) && !out.has(name)) out.set(name, catalog);
  };
  for (const source of sources) {
    if (!isRecord(source)) continue;
    put("", source.catalog);
    put("default", source.catalog);
    const named = isRecord(source.catalogs) ? source.catalogs : {};
    for (const [name, catalog] of Object.entries(named)) {
      put(name, catalog);
      if (name === "default") put("", catalog);
    }
  }
  return out;
}

/**
 * The catalogs of a `.yarnrc.yml` as Yarn's catalog plugin reads them: `catalog:` is the
 * top-level `catalog`, `catalog:<name>` the `catalogs` entry of that name, `catalog:default`
 * too (Yarn 4.18 resolves `catalog:default` only from `catalogs.default`, and `catalog:` only
 * from `catalog`: "catalog not found" otherwise).
 *
 * @param doc The `.yarnrc.yml` value.
 * @returns The catalogs by name.
 */
export function yarnCatalogs(doc: unknown): Catalogs {
  const out: Catalogs = new Map();
  if (!isRecord(doc)) return out;
  if (isRecord(doc.catalog)) out.set("", doc.catalog);
  const named = isRecord(doc.catalogs) ? doc.catalogs : {};
  for (const [name, catalog] of Object.entries(named)) {
    if (isRecord(catalog)) out.set(name, catalog);
  }
  return out;
}

/**
 * The range a catalog gives a dependency declared `catalog:` or `catalog:<name>`.
 *
 * @param catalogs The catalogs.
 * @param name The dependency's name.
 * @param range Its declared range (starts with `catalog:`).
 * @returns The catalog's range, or `undefined` when no catalog names it.
 */
export function catalogRange(catalogs: Catalogs, name: string, range: string): string | undefined {
  const value = catalogs.get(range.slice("catalog:".length))?.[name];
  return typeof value === "string" ? value : undefined;
}

/**
 * A Yarn patch file (of a `patch:` range or locator) as a path from the project's root, read as
 * Yarn reads it: `~/` starts at the project's root, a relative path at the workspace that
 * declares the patch (`./patches/x.patch` of `packages/a` is `packages/a/patches/x.patch`); a
 * builtin patch keeps its name.
 *
 * @param file The patch file as the range writes it.
 * @param folder The declaring workspace's folder (`""` for the root).
 * @returns The path, or the builtin patch's name.
 */
export function yarnPatchFile(file: string, folder: string): string {
  if (file.startsWith("~/")) return joinPath(file.slice(2));
  return YARN_BUILTIN_PATCH.test(file) ? file : joinPath(folder, file);
}

/** A builtin patch of Yarn's (`optional!builtin<compat/typescript>`), not a file. */
export const YARN_BUILTIN_PATCH = /(?:^|[!~])builtin<[^>]*>$/;

/**
 * The package a Yarn `patch:` range patches, as declared: its source descriptor
 * (`patch:lodash@npm%3A4.17.21#~/.yarn/patches/x.patch::version=4.17.21&hash=abc`, %-encoded,
 * the `::` parameters dropped) as a range of the declared name (`4.17.21`; `npm:<source>@<range>`
 * when the source is another package), and its patch files (see {@linkcode yarnPatchFile}).
 *
 * @example
 * ```ts
 * import { yarnPatchedRange } from "./_npm.ts";
 * yarnPatchedRange("lodash", "patch:lodash@npm%3A4.17.21#./p.patch", "app").range; // "4.17.21"
 * ```
 *
 * @param name The declared name.
 * @param range The declared `patch:` range.
 * @param folder The declaring package.json's folder.
 * @returns The patched package's range and the patch files.
 */
export function yarnPatchedRange(
  name: string,
  range: string,
  folder: string,
): { range: string; patches: string[] } {
  const body = range.slice("patch:".length).replace(/::.*$/s, "");
  const hash = body.indexOf("#");
  const source = decodePercent(hash === -1 ? body : body.slice(0, hash));
  const files = hash === -1 ? "" : decodePercent(body.slice(hash + 1));
  const patches = files.split("&").filter((f) => f !== "").map((f) => yarnPatchFile(f, folder));
  const at = source.indexOf("@", 1);
  const sourceName = at === -1 ? source : source.slice(0, at);
  const sourceRange = at === -1 ? "*" : source.slice(at + 1);
  // `npm:<other>@<range>` (an alias source) stays; `npm:<range>` is Yarn's default protocol.
  const own = /^npm:(?:@[^/@]+\/)?[^@]+@/.test(sourceRange)
    ? sourceRange
    : sourceRange.replace(/^npm:/, "");
  return {
    range: sourceName === name || own.startsWith("npm:") ? own : `npm:${sourceName}@${own}`,
    patches,
  };
}
