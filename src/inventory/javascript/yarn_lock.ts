/**
 * Reader for Yarn's `yarn.lock`: classic (v1) and Berry (Yarn 2+).
 *
 * @module
 */

import { npmGitVcsUrl } from "../_vcs.ts";
import { VouchError } from "../../errors.ts";
import { compareStrings, isRecord } from "../../_util.ts";
import { type ComponentInit, OutputBuilder } from "../_builder.ts";
import type { ReaderContext, ReaderResult } from "../_reader.ts";
import { sriHashes } from "../_sri.ts";
import { isOutside, linkedFolders, type LocalPlace, localPlace, memberFolders } from "../_paths.ts";
import { lineAt, objectAt } from "../_formats/json.ts";
import { parseYarnV1 } from "../_formats/yarn_v1.ts";
import { parseYamlDocuments, type YamlMap } from "../_formats/yaml.ts";
import { type Hash, ROOT_ID, type Scope } from "../types.ts";
import { yarnRangeSatisfied } from "./package_json.ts";
import {
  YARN_COMPAT_DEPENDENCIES,
  YARN_COMPAT_NEWEST,
  YARN_LOCK_VERSION_NEWEST,
} from "./_yarn_compat.ts";
import { type RcValue, yarnRc, yarnRcPlain } from "./_yarnrc.ts";
import {
  BARE_PATH,
  catalogRange,
  type Catalogs,
  declaredDependencies,
  flagScopes,
  folderMember,
  folderOf,
  isBerryLock,
  isLocalPath,
  joinPath,
  loadPackageJson,
  lockProjectNode,
  manifestProjectFields,
  npmComponent,
  originQualifiers,
  outsideFolderWarning,
  type PackageJson,
  type Reach,
  reach,
  reachScopes,
  registryTarballName,
  staleRecordWarning,
  TARBALL,
  tarballVersion,
  undeclaredRecordWarning,
  unlockedDeclarations,
  unlockedWarning,
  withoutExcludedMembers,
  workspaceFolders,
  YARN_BUILTIN_PATCH,
  YARN_V1_HEADER,
  yarnCatalogs,
  yarnPatchFile,
} from "./_npm.ts";
import {
  declaredScope,
  fromTemp,
  linkedProjects,
  rushLayout,
  type RushProject,
  rushResult,
  staleProjectWarning,
  unlockedProjects,
} from "./_rush.ts";

const CODE = "inventory.yarn_lock.invalid";
const YARN_REGISTRY = "https://registry.yarnpkg.com/";

/** One dependency of an entry: the descriptor's name and range. */
interface Dep {
  name: string;
  range: string;
  scope: Scope;
  /** The entry it resolves to, once looked up (`null`: none). */
  target?: Entry | null;
  /**
   * Added by package extensions, not locked with the package: the `.yarnrc.yml` whose
   * `packageExtensions` add it, or {@linkcode BUILTIN} for Yarn's compatibility extensions.
   */
  extended?: string;
}

/** One lock entry, decoded from either format. */
interface Entry {
  specs: string[];
  /** The line of its header (computed on demand: only error messages need it). */
  line: (this: Entry) => number;
  /** Berry: the entry's key, as written (its header's line is looked up by it). */
  key?: string;
  name: string;
  version?: string;
  /** A first-party folder (workspace, portal, link, file folder), relative to the lock's folder. */
  folder?: string;
  workspace?: boolean;
  /**
   * A `link:` folder: Berry installs none of its dependencies (the lock resolves none); Yarn 1
   * installs them, though its entry lists none (see `linkManifests` in `readYarnLock`).
   */
  linked?: boolean;
  qualifiers: Readonly<Record<string, string>>;
  downloadLocation?: string;
  hashes: readonly Hash[];
  deps: Dep[];
  /** Berry `peerDependencies`: provided by what depends on the entry. */
  peers?: readonly Dep[];
  /** The patch files of a `patch:` entry (a builtin compat patch's name included). */
  patches?: string[];
  /**
   * Its own (outermost) patch is a builtin compat one, which Yarn applies wherever the package
   * is used (plugin-compat's reduceDependency), not only where a dependency names it.
   */
  builtinPatch?: boolean;
  /**
   * The unpatched package a `patch:` entry is made from (its source: the same component, but
   * for a copy of its own, see `ownCopies` in {@linkcode readYarnLock}).
   */
  base?: Dep;
  /** An `exec:` package: the script (relative to the lock's folder) that generates it. */
  generator?: string;
  /** Berry: the locator it resolves to (its `resolution`), which a `resolutions` key's parent names. */
  locator?: string;
}

function fail(path: string, line: number, what: string): VouchError {
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `regenerate ${path} with \`yarn install\``,
  );
}

/** A `%`-escaped part of a Berry entry's `patch:` locator (Yarn encodes it; a malformed escape is a broken lock). */
function decoded(entry: Entry, text: string, path: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw fail(path, entry.line(), `entry ${entry.specs[0]} has a malformed %-escape in ${text}`);
  }
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/** Splits `name@range` (the name may be scoped). */
function splitDescriptor(spec: string): { name: string; range: string } {
  const at = spec.indexOf("@", 1);
  return at === -1
    ? { name: spec, range: "" }
    : { name: spec.slice(0, at), range: spec.slice(at + 1) };
}

/** The package a Yarn 1 `resolutions` key forces: its last name (`ms` of `a/ms`, `@s/b` of `a/@s/b`). */
function forcedName(selector: string): string {
  const parts = selector.split("/");
  return parts.length > 1 && parts.at(-2)!.startsWith("@")
    ? parts.slice(-2).join("/")
    : parts.at(-1)!;
}

/** A URL's start (`https://`, `git+ssh://`): what a registry or git entry resolved to. */
const URL_SCHEME = /^[a-z][a-z\d+.-]*:\/\//i;

/** The start of a semver range (`^1.0.0`, `1.x`, `*`), not of a package name (`7zip-bin`). */
const SEMVER_RANGE = /^(?:[\^~<>=*]|v?\d+(?:\.|$)|[xX](?:\.|$))/;

/** A descriptor's range with its `::` parameters dropped and `%3A` decoded, for lookups. */
function normalRange(range: string): string {
  return range.includes("::") || range.includes("%3A")
    ? range.replace(/::[^#]*$/, "").replaceAll("%3A", ":")
    : range;
}

// Module constants, not literals in the functions that run per entry: a cold run would make
// each anew per call.
/** A SHA-1 in hex. */
const SHA1_HEX = /^[0-9a-f]{40}$/;
/** A git remote's start. */
const GIT_REF = /^(git\+|git:|ssh:|github:|gitlab:|bitbucket:|git@)/;
/** The fragment of a Berry git locator's commit (`commit=<sha>`, `commit:<sha>` before Yarn 3). */
const COMMIT_FRAGMENT = /^commit[=:]/;
/** An `http:` or `https:` range. */
const HTTP_RANGE = /^https?:/;
/** A `file:` or `link:` range, the protocol's name captured. */
const LOCAL_RANGE = /^(file|link):/;
/** What a classic lock's `version` holds when it is no version (a path, a URL). */
const NOT_A_VERSION = /[:/]/;

/** Yarn classic writes the tarball's SHA-1 as the fragment of `resolved` (a URL or a path). */
function fragmentSha1(fragment: string): Hash[] {
  return SHA1_HEX.test(fragment) ? [{ alg: "sha1", hex: fragment }] : [];
}

/** Qualifiers and download location of a git or tarball reference. */
function remote(
  name: string,
  ref: string,
): Pick<Entry, "qualifiers" | "downloadLocation" | "hashes"> {
  const hash = ref.indexOf("#");
  const url = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? "" : ref.slice(hash + 1);
  const git = GIT_REF.test(ref) ||
    url.endsWith(".git") ||
    COMMIT_FRAGMENT.test(fragment);
  if (git) {
    // Berry writes the resolved commit as `#commit=<sha>` (`#commit:<sha>` before Yarn 3).
    const vcs = npmGitVcsUrl(ref);
    return { qualifiers: { vcs_url: vcs }, downloadLocation: vcs, hashes: [] };
  }
  const hashes = fragmentSha1(fragment);
  const registryUrl = url.startsWith(YARN_REGISTRY)
    ? url.replace(YARN_REGISTRY, "https://registry.npmjs.org/")
    : url;
  // A tarball of the tree (a path, not a URL) has no download location.
  const downloadLocation = isLocalPath(url) ? undefined : url;
  return { qualifiers: originQualifiers(name, registryUrl), downloadLocation, hashes };
}

/** The dependency fields of a classic lock entry, with their scopes. */
const V1_DEPENDENCY_FIELDS = [["dependencies", "runtime"], [
  "optionalDependencies",
  "optional",
]] as const;

/** Decodes a classic lock. */
function decodeV1(text: string, path: string): Entry[] {
  return parseYarnV1(text, path, CODE).map(({ specs, line, fields }) => {
    const { name: alias, range } = splitDescriptor(specs[0]);
    // An npm: alias names its package, with a range or not (`npm:left-pad`, `npm:@types/node`),
    // and so does a registry's tarball URL (`remote@https://registry.npmjs.org/abbrev/-/…`).
    const real = range.startsWith("npm:") && !SEMVER_RANGE.test(range.slice(4))
      ? splitDescriptor(range.slice(4)).name
      : (HTTP_RANGE.test(range) ? registryTarballName(range) : undefined) ?? alias;
    const version = str(fields.version);
    const resolved = str(fields.resolved);
    const deps: Dep[] = [];
    // Indexed, no destructuring: a cold run's for-of makes an iterator and a result per item.
    for (let f = 0; f < V1_DEPENDENCY_FIELDS.length; f++) {
      const named = fields[V1_DEPENDENCY_FIELDS[f][0]];
      const scope = V1_DEPENDENCY_FIELDS[f][1];
      if (!isRecord(named)) continue;
      for (const name in named) {
        deps.push({ name, range: str(named[name]) ?? "", scope, target: undefined });
      }
    }
    const entry: Entry = {
      specs,
      line: () => line,
      name: real,
      version,
      qualifiers: {},
      hashes: [],
      deps,
    };
    // A folder the root's `resolutions` force is locked under each range it replaces too
    // (`ms@2.0.0, ms@^2.0.0, "ms@file:./vendor/ms"`, sorted): the entry is the folder's. A
    // version they force on a folder's dependency (`"ms@file:vendor/ms", ms@2.1.3`) is locked
    // from the URL it resolved to: that entry is the registry's (git host's).
    const pathRange = specs.length === 1 || (resolved !== undefined && URL_SCHEME.test(resolved))
      ? range
      : splitDescriptor(specs.find((spec) => /@(?:file|link):/.test(spec)) ?? specs[0]).range;
    // Yarn 1 locks a bare path (`./lib`, `../x.tgz`) under the range as written: a `file:` one.
    const spec = BARE_PATH.test(pathRange) ? `file:${pathRange}` : pathRange;
    const local = LOCAL_RANGE.exec(spec);
    if (local && (resolved === undefined || !TARBALL.test(pathRange))) {
      entry.folder = joinPath(spec.slice(local[0].length));
      entry.linked = local[1] === "link";
      return entry;
    }
    // Bun's yarn.lock printer writes what a package resolved to as its version: a workspace
    // (`workspace:<folder>`), a folder or a tarball of the tree (a bare path), a git
    // remote (`github:owner/repo#sha`); only a version is a version.
    const workspace = resolved?.startsWith("workspace:")
      ? resolved
      : version?.startsWith("workspace:")
      ? version
      : undefined;
    if (workspace !== undefined) {
      entry.folder = joinPath(workspace.slice("workspace:".length));
      return entry;
    }
    if (resolved === undefined && version === undefined) {
      throw fail(path, line, `entry ${specs[0]} has no version`);
    }
    if (
      resolved !== undefined && isLocalPath(resolved) &&
      !/^file:|\.(?:tgz|tar\.gz)(?:#|$)/.test(resolved)
    ) {
      entry.folder = joinPath(resolved);
      return entry;
    }
    if (version !== undefined && NOT_A_VERSION.test(version)) entry.version = undefined;
    if (resolved !== undefined && !resolved.startsWith("file:")) {
      Object.assign(entry, remote(real, resolved));
    } else if (resolved !== undefined) {
      entry.qualifiers = originQualifiers(real, resolved);
      entry.hashes = fragmentSha1(resolved.slice(resolved.indexOf("#") + 1));
    }
    const integrity = sriHashes(str(fields.integrity));
    if (integrity.length > 0) entry.hashes = [...entry.hashes, ...integrity];
    entry.version ??= resolved === undefined ? undefined : tarballVersion(real, resolved);
    return entry;
  });
}

/** The patches of an entry without any: one array for all (the builder copies what it is given). */
const NO_PATCHES: readonly string[] = [];

/** A Berry locator's parameters, read only. */
type LocatorParams = Pick<URLSearchParams, "get">;

/**
 * The parameters of a locator without any: one for all (most npm locators have none), as an
 * empty `URLSearchParams` answers (a cold run's `URLSearchParams.get` takes some 1.5 µs).
 */
const NO_PARAMS: LocatorParams = { get: () => null };

/** The `::key=value&…` parameters of a Berry locator, and what precedes them. */
function splitParams(ref: string): { body: string; params: LocatorParams } {
  const at = ref.indexOf("::");
  return at === -1
    ? { body: ref, params: NO_PARAMS }
    : { body: ref.slice(0, at), params: new URLSearchParams(ref.slice(at + 2)) };
}

/**
 * How deep `locator=` parameters nest at most. Yarn percent-encodes each in its parent's, so its
 * own grow by every level's escapes again and stay a few deep; a lock nesting them deeper (each
 * level read anew from the rest of the string) is no lock of Yarn's.
 */
const LOCATOR_DEPTH = 64;

/**
 * The folder of the package a `locator=` parameter names (`""` for the root): a workspace's, or a
 * `portal:`/`link:`/`file:` folder's, itself relative to its own parent, as Yarn's PortalFetcher
 * and LinkFetcher resolve a relative path from their parent locator's local path (the `has-peer`
 * that `portal:packages/a`'s `portal:../has-peer/` names is `packages/has-peer`).
 *
 * @param entry The entry whose locator it is, and `path` the lock's, for the error when parents
 *   nest deeper than {@linkcode LOCATOR_DEPTH}.
 */
function locatorFolder(params: LocatorParams, entry: Entry, path: string, depth = 0): string {
  const locator = params.get("locator");
  if (locator === null) return "";
  const { range } = splitDescriptor(locator);
  if (range.startsWith("workspace:")) return joinPath(range.slice("workspace:".length));
  const folder = /^(?:portal|link|file):/.exec(range);
  if (folder === null) return "";
  if (depth === LOCATOR_DEPTH) {
    throw fail(
      path,
      entry.line(),
      `entry ${entry.specs[0]} nests its locator= parameters more than ${LOCATOR_DEPTH} deep, ` +
        "as Yarn writes none",
    );
  }
  const { body, params: parent } = splitParams(range.slice(folder[0].length));
  return TARBALL.test(body)
    ? ""
    : joinPath(locatorFolder(parent, entry, path, depth + 1), body.replace(/#.*$/s, ""));
}

/** Decodes the resolution of a Berry entry into `entry`. */
function resolveBerry(entry: Entry, resolution: string, path: string): void {
  // Most are a registry's `name@npm:<version>`, without parameters: read in place, without the
  // objects of splitDescriptor and splitParams (measured, cold: some 2,000 entries in a lock).
  const npm = resolution.indexOf("@npm:", 1);
  if (npm !== -1 && resolution.indexOf("@", 1) === npm && resolution.indexOf("::", npm) === -1) {
    entry.name = resolution.slice(0, npm);
    entry.version ??= resolution.slice(npm + 5);
    return;
  }
  const { name, range } = splitDescriptor(resolution);
  // Yarn reads a resolution with parseLocator, which refuses one without a name (`""`, the
  // inner locator of `foo@patch:#./a.patch`): no Yarn wrote it.
  if (name === "") {
    throw fail(
      path,
      entry.line(),
      `entry ${entry.specs[0]} resolves to ${JSON.stringify(resolution)}, a locator without a name`,
    );
  }
  entry.name = name;
  const colon = range.indexOf(":");
  const protocol = colon === -1 ? "" : range.slice(0, colon + 1);
  const rest = range.slice(colon + 1);
  switch (protocol) {
    case "npm:": {
      const { body, params } = splitParams(rest);
      entry.version ??= body;
      // A package of another registry (an `npmScopes` server) keeps its tarball's URL.
      const archive = params.get("__archiveUrl");
      if (archive !== null) Object.assign(entry, remote(name, archive));
      return;
    }
    case "jsr:":
      // Yarn 4.9's JSR protocol locks `@std/path@jsr:1.0.8`, which it installs from JSR's npm
      // registry as `@jsr/std__path` (locked beside it): the JSR package, not an npm one.
      if (/^@[^/]+\/[^/]+$/.test(name)) entry.name = `@jsr/${name.slice(1).replace("/", "__")}`;
      entry.version ??= splitParams(rest).body;
      return;
    case "workspace:":
      entry.folder = joinPath(rest);
      entry.workspace = true;
      return;
    case "patch:": {
      const { body, params } = splitParams(rest);
      const hash = body.lastIndexOf("#");
      const inner = decoded(entry, hash === -1 ? body : body.slice(0, hash), path);
      // Yarn joins several patch files with `&` (`#./a.patch&./b.patch`); a patch of a patched
      // package (a builtin compat patch over the project's own) adds its own to the inner ones.
      const files = decoded(entry, hash === -1 ? "" : body.slice(hash + 1), path)
        .split("&").filter((file) => file !== "");
      // The outermost patch, read first, is the entry's own.
      entry.builtinPatch ??= files.length > 0 && files.every((f) => YARN_BUILTIN_PATCH.test(f));
      for (const file of files) {
        (entry.patches ??= []).push(yarnPatchFile(file, locatorFolder(params, entry, path)));
      }
      resolveBerry(entry, inner, path);
      return;
    }
    case "portal:":
    case "link:":
    case "file:": {
      const { body, params } = splitParams(rest);
      if (protocol === "file:" && TARBALL.test(body)) {
        entry.qualifiers = originQualifiers(entry.name, body);
        return;
      }
      // Yarn 3+ writes a `file:` folder twice, `file:./lib#./lib`: the path is before the `#`.
      entry.folder = joinPath(locatorFolder(params, entry, path), body.replace(/#.*$/s, ""));
      entry.linked = protocol === "link:";
      return;
    }
    case "exec:": {
      // Generated at install time by a script of the project: from no registry, no URL.
      const { body, params } = splitParams(rest);
      entry.generator = joinPath(locatorFolder(params, entry, path), body.replace(/#.*$/s, ""));
      if (entry.version === undefined) {
        throw fail(path, entry.line(), `entry ${entry.specs[0]} has no version`);
      }
      return;
    }
    case "http:":
    case "https:":
    case "git:":
    case "git+ssh:":
    case "git+https:":
    case "git+http:":
    case "ssh:":
    case "github:":
    case "gitlab:":
    case "bitbucket:": {
      // A registry's tarball URL is that registry's package, whatever the name it is added as.
      const real = protocol.startsWith("http") ? registryTarballName(range) ?? name : name;
      entry.name = real;
      Object.assign(entry, remote(real, range));
      entry.version ??= TARBALL.test(range) ? tarballVersion(real, range) : undefined;
      return;
    }
    default:
      // A git remote written scp-style (`git@github.com:user/repo.git#commit=…`).
      if (/^[\w.-]+@[\w.-]+:/.test(range)) Object.assign(entry, remote(name, range));
      // Yarn also reads `git@host/owner/repo.git` (a slash for the colon) as an ssh remote.
      else if (/^[\w.-]+@[\w.-]+\/[^#]+\.git(?:#|$)/.test(range)) {
        Object.assign(entry, remote(name, `ssh://${range}`));
      }
      if (entry.version === undefined) {
        throw fail(path, entry.line(), `entry ${entry.specs[0]} has no version`);
      }
  }
}

/** The line of a top-level key of a Berry lock, computed when an error needs it. */
function keyLine(text: string, key: string): number {
  for (const written of [`\n${JSON.stringify(key)}:`, `\n${key}:`]) {
    const at = text.indexOf(written);
    if (at !== -1) return lineAt(text, at + 1);
  }
  return 1;
}

/** The dependency fields Yarn 1 dedupes, in its order (normalize-manifest/validate.js). */
const YARN_CLASSIC_FIELDS = ["optionalDependencies", "dependencies", "devDependencies"];

/**
 * A package.json as Yarn 1 reads it: its `cleanDependencies` (normalize-manifest/validate.js)
 * keeps a name that more than one of `optionalDependencies`, `dependencies` and
 * `devDependencies` declare in the first of them only, with the first range that is neither
 * empty nor `*` ("dependencies" has dependency "kleur" with range "^4.0.0" that collides with a
 * dependency in "devDependencies": Yarn 1.22.22 locks kleur@^4.0.0 only).
 */
function yarnClassicManifest(manifest: PackageJson): PackageJson {
  const json = { ...manifest.json };
  const ranges = new Map<string, unknown>();
  for (const field of YARN_CLASSIC_FIELDS) {
    for (const [name, range] of Object.entries(objectAt(json, field))) {
      if (!ranges.has(name) && range && range !== "*") ranges.set(name, range);
    }
  }
  const kept = new Set<string>();
  for (const field of YARN_CLASSIC_FIELDS) {
    const deps = json[field];
    if (!isRecord(deps)) continue;
    const cleaned: Record<string, unknown> = {};
    for (const [name, range] of Object.entries(deps)) {
      if (kept.has(name)) continue;
      kept.add(name);
      cleaned[name] = ranges.get(name) ?? range;
    }
    json[field] = cleaned;
  }
  return { ...manifest, json };
}

/** The dependencies (or peers) of a Berry entry, optional where its `…Meta` says so. */
function berryDeps(map: unknown, meta: unknown): Dep[] {
  if (!isRecord(map)) return [];
  const flags = isRecord(meta) ? meta : undefined;
  // Sized, not grown by `push` (which makes room for 16): the lists live as long as the read.
  let count = 0;
  // `for…in`, not `Object.keys`: no array and no iterator per entry (a plain object).
  for (const _ in map) count++;
  const deps: Dep[] = new Array(count);
  let at = 0;
  for (const name in map) {
    const flag = flags?.[name];
    const range = map[name];
    deps[at++] = {
      name,
      // The usual string range and a dependency without meta flags take no call (cold).
      range: typeof range === "string" ? range : str(range) ?? "",
      scope: flag !== undefined && isRecord(flag) && flag.optional === true
        ? "optional"
        : "runtime",
      // Declared, not added by the lookup: an added property is a store of its own per object.
      target: undefined,
    };
  }
  return deps;
}

/**
 * A Berry entry's peers: its `peerDependencies`, and each name only its `peerDependenciesMeta`
 * lists (debug's `supports-color`), which Yarn makes a peer of any version (`*`) when it
 * resolves the package (the lock records the manifest as written).
 */
function withMetaPeers(value: Record<string, unknown>): unknown {
  const meta = value.peerDependenciesMeta;
  if (!isRecord(meta)) return value.peerDependencies;
  const peers = isRecord(value.peerDependencies) ? { ...value.peerDependencies } : {};
  for (const name of Object.keys(meta)) peers[name] ??= "*";
  return peers;
}

/**
 * A Berry `checksum`: the SHA-512 of the package's archive in Yarn's cache, in hex, after
 * the cache key (`10c0/`) since Yarn 3. Yarn checks every fetch against it: one cut short
 * (a truncated lock) fails every install, so it is refused though vouch does not record it.
 */
const BERRY_CHECKSUM = /^(?:[0-9a-z]+\/)?[0-9a-f]{128}$/;

/**
 * A Berry `resolutions` key, by @yarnpkg/parsers' resolution grammar: `[<from>/]<descriptor>`,
 * each a package name (scoped or not) with an optional `@<description>` (no `/` in it). A key
 * outside it (Yarn 1's glob `**\/x`) is one Yarn reports and ignores.
 */
const BERRY_RESOLUTION =
  /^(?:((?:@[^/@]+\/)?[^/@]+)(?:@([^/]+))?\/)?((?:@[^/@]+\/)?[^/@]+)(?:@([^/]+))?$/;

/**
 * A range or locator reference as Yarn normalises it (Configuration's normalizeDependency and
 * normalizeLocator): one without a protocol (a semver range, a version, a tag) is the default
 * protocol's, `npm:`.
 */
function berryNormal(range: string): string {
  return range.includes(":") || range.includes("/") ? range : `npm:${range}`;
}

/**
 * Applies the root's `resolutions` to each Berry entry's dependencies as Yarn does when it
 * resolves them (core's CorePlugin.reduceDependency, Yarn 4.18.1): the first key, in the order
 * written, that names the dependency (its range too, when the key gives one, normalised as
 * Yarn compares descriptors) and, when it names a parent (`debug@4.3.4/ms`), the entry (its
 * locator: name, and the reference when given) replaces the dependency's range by its value.
 * The lock records the dependencies as declared: a key scoped to one parent gives its target
 * (a `patch:` copy) to that parent's dependency only, while another dependent keeps the
 * descriptor the lock resolves (the package as it is). A value the lock has no entry for
 * leaves the dependency as the lock resolves it.
 */
function applyBerryResolutions(
  entries: Entry[],
  resolutions: [string, unknown][],
  find: (name: string, range: string) => Entry | undefined,
): void {
  /** The keys by the name they give a value for, in the order written (as Yarn indexes them). */
  const byName = new Map<string, { parent?: string; at?: string; range?: string; to: string }[]>();
  for (const [key, to] of resolutions) {
    const parts = typeof to === "string" ? BERRY_RESOLUTION.exec(key) : null;
    if (parts === null) continue;
    const [, parent, at, name, range] = parts;
    let rules = byName.get(name);
    if (rules === undefined) byName.set(name, rules = []);
    rules.push({
      ...(parent === undefined ? {} : { parent }),
      ...(at === undefined ? {} : { at: berryNormal(at) }),
      ...(range === undefined ? {} : { range: berryNormal(range) }),
      to: to as string,
    });
  }
  if (byName.size === 0) return;
  // Indexed, the locator split only for a dependency a key names: this runs per dependency.
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const locator = entry.locator;
    if (locator === undefined) continue;
    let self: { name: string; range: string } | undefined;
    for (let j = 0; j < entry.deps.length; j++) {
      const dep = entry.deps[j];
      const rules = byName.get(dep.name);
      if (rules === undefined) continue;
      const { name, range } = self ??= splitDescriptor(locator);
      const rule = rules.find((r) =>
        (r.range === undefined || r.range === berryNormal(dep.range)) &&
        (r.parent === undefined || (r.parent === name && (r.at ?? range) === range))
      );
      const target = rule === undefined ? undefined : find(dep.name, rule.to);
      if (target !== undefined) dep.target = target;
    }
  }
}

/**
 * What a Berry entry has none of until its resolution gives some: one for all (frozen), not an
 * object per entry that lives as long as the read (measured, cold: fewer survivors to copy).
 */
const NO_QUALIFIERS: Readonly<Record<string, string>> = Object.freeze({});
const NO_HASHES: readonly Hash[] = Object.freeze([]);
const NO_PEERS: readonly Dep[] = Object.freeze([]);

/** Decodes a Berry lock (YAML with `__metadata`). */
function decodeBerry(doc: YamlMap, text: string, path: string): Entry[] {
  const entries: Entry[] = [];
  /** An entry's line: one function for all, not a closure per entry. */
  const line = function (this: Entry): number {
    return keyLine(text, this.key!);
  };
  // `for…in`, not `Object.entries`: no pair per entry (the document is a plain object).
  for (const key in doc) {
    if (key === "__metadata") continue;
    const value = doc[key];
    if (!isRecord(value)) throw fail(path, keyLine(text, key), `entry ${key} is not a mapping`);
    const resolution = str(value.resolution);
    if (resolution === undefined) {
      throw fail(path, keyLine(text, key), `entry ${key} has no resolution`);
    }
    const checksum = value.checksum;
    if (
      checksum !== undefined && !(typeof checksum === "string" && BERRY_CHECKSUM.test(checksum))
    ) {
      const at = typeof checksum === "string" ? text.indexOf(`checksum: ${checksum}`) : -1;
      throw fail(
        path,
        at === -1 ? keyLine(text, key) : lineAt(text, at),
        `entry ${key}'s checksum ${JSON.stringify(checksum)} is no SHA-512 (128 hex digits)`,
      );
    }
    const deps = berryDeps(value.dependencies, value.dependenciesMeta);
    const peerMeta = value.peerDependenciesMeta;
    const peers = value.peerDependencies === undefined && peerMeta === undefined
      ? NO_PEERS
      : berryDeps(withMetaPeers(value), peerMeta);
    const entry: Entry = {
      specs: key.includes(",") ? key.split(/,\s*/) : [key],
      line,
      key,
      name: "",
      version: str(value.version),
      qualifiers: NO_QUALIFIERS,
      hashes: NO_HASHES,
      deps,
      peers,
      // Set here, not after: a property added later is a transition and a store of its own.
      locator: resolution,
    };
    resolveBerry(entry, resolution, path);
    const patched = key.includes("patch:")
      ? entry.specs.find((spec) => splitDescriptor(spec).range.startsWith("patch:"))
      : undefined;
    if (patched !== undefined) {
      const inner = decoded(entry, splitDescriptor(patched).range.slice(6).split("#")[0], path);
      entry.base = { ...splitDescriptor(inner), scope: "runtime" };
    }
    entries.push(entry);
  }
  return entries;
}

/** What adds a dependency that {@linkcode BUILTIN} marks: Yarn's builtin compatibility extensions. */
const BUILTIN = "builtin";

/** The package extensions Yarn applies. */
interface Extensions {
  /**
   * By package name: each range, what it adds and, for a builtin one not every Berry release
   * bundles, the range of the releases that do.
   */
  byName: Map<string, { range: string; deps: Dep[]; yarn?: string }[]>;
  /** Whether the project's Yarn release is in a range of releases. */
  bundled: (yarn: string) => boolean;
}

/** No package extensions (a classic lock's). */
const NO_EXTENSIONS: Extensions = { byName: new Map(), bundled: () => false };

/**
 * The package extensions Yarn applies to a Berry lock's packages (Configuration
 * `refreshPackageExtensions`): first the builtin compatibility ones (plugin-compat's
 * `registerPackageExtensions` hook, the list of `@yarnpkg/extensions`, see `_yarn_compat.ts`),
 * those the project's Yarn release bundles (see {@linkcode yarnRelease}; the newest release's
 * when it is unknown), then the `packageExtensions` of the project's settings (see `yarnRc`: the `.yarnrc.yml` files
 * from the lock's folder up, merged as Yarn merges them, key by key, the nearer file's value
 * winning); only those of the scanned tree are read. Only the dependencies they add are kept: a
 * peer they add is provided by a parent that depends on it already, so it reaches no other
 * package.
 */
function packageExtensions(rc: RcValue | undefined, release: string | undefined): Extensions {
  const byName: Extensions["byName"] = new Map();
  const add = (descriptor: string, deps: Dep[], yarn?: string): void => {
    const { name, range } = splitDescriptor(descriptor);
    let list = byName.get(name);
    if (list === undefined) byName.set(name, list = []);
    list.push({ range: range.replace(/^npm:/, ""), deps, yarn });
  };
  // Whether the release bundles an extension, by the range of releases that do, asked only for
  // a package the lock has: the 72 ranges are 13 different ones, each parsed once at most
  // (measured, cold: parsing them all takes more than the rest of the extensions).
  const inRelease = new Map<string, boolean>();
  const bundled = (yarn: string): boolean => {
    let inRange = inRelease.get(yarn);
    if (inRange === undefined) {
      inRelease.set(yarn, inRange = yarnRangeSatisfied(release ?? YARN_COMPAT_NEWEST, yarn));
    }
    return inRange;
  };
  for (let i = 0; i < YARN_COMPAT_DEPENDENCIES.length; i++) {
    const [descriptor, deps, yarn] = YARN_COMPAT_DEPENDENCIES[i];
    add(
      descriptor,
      berryDeps(deps, undefined).map((dep) => ({ ...dep, extended: BUILTIN })),
      yarn,
    );
  }
  for (const [descriptor, extension] of rcEntries(rcEntry(rc, "packageExtensions"))) {
    const deps = rcEntries(rcEntry(extension, "dependencies"));
    add(
      descriptor,
      deps.map(([name, dep]) => ({
        name,
        range: str(dep.value) ?? "",
        scope: "runtime",
        extended: dep.source,
      })),
    );
  }
  return { byName, bundled };
}

/**
 * The Berry release that installs a lock's project, whose builtin compatibility extensions apply:
 * the one `yarnPath` runs (`.yarn/releases/yarn-4.5.0.cjs`, the name `yarn set version` gives
 * the file; Yarn hands every command to it, and Corepack's Yarn too), else the one the
 * package.json beside the lock names in `packageManager` (`yarn@4.5.0+sha512.…`, which Corepack
 * runs); else, when neither names a Berry release (a `yarnPath` of `yarn-berry.cjs`, the name
 * Yarn 1's `yarn policies set-version berry` gives it), the newest release that writes the lock's version
 * (`__metadata.version`, Project.ts's LOCKFILE_VERSION: 4 in Yarn 2.x to 3.0.x, 5 in 3.1, 6 in
 * 3.2 to 3.8, 8 in 4.0 to 4.13, 9 in 4.14, 10 from 4.15 on): a lock Yarn 3 wrote is not read
 * with Yarn 4's extensions; `undefined` for a version no release of the list writes.
 */
function yarnRelease(
  rc: RcValue | undefined,
  manifest: PackageJson | undefined,
  lockVersion: number,
): string | undefined {
  const path = str(rcEntry(rc, "yarnPath")?.value);
  const named = path === undefined ? undefined : /(?:^|\/)yarn-(\d+\.\d+\.\d+)\.c?js$/.exec(path);
  const managed = /^yarn@(\d+\.\d+\.\d+)(?:\+|$)/.exec(str(manifest?.json.packageManager) ?? "");
  const release = named?.[1] ?? managed?.[1];
  return release === undefined || release.startsWith("1.")
    ? YARN_LOCK_VERSION_NEWEST[lockVersion]
    : release;
}

/** The setting of a merged map named `key` (`undefined` when it is no map or has none). */
function rcEntry(rc: RcValue | undefined, key: string): RcValue | undefined {
  return isRecord(rc?.value) ? rc.value[key] as RcValue | undefined : undefined;
}

/** The settings of a merged map, by key (none when it is no map). */
function rcEntries(rc: RcValue | undefined): [string, RcValue][] {
  if (!isRecord(rc?.value)) return [];
  return Object.entries(rc.value).filter((entry): entry is [string, RcValue] =>
    entry[1] !== undefined
  );
}

/**
 * Adds to an entry the dependencies that package extensions give a package of its name and
 * version: Yarn locks a package's manifest as published (a workspace's as declared) and extends
 * it as it loads the lock (Configuration.normalizePackage: an extension whose range the version
 * satisfies adds each dependency the package does not have yet, the first one of a name winning).
 */
function extend(entry: Entry, extensions: Extensions, version: string): void {
  const list = extensions.byName.get(entry.name);
  if (list === undefined) return;
  for (let i = 0; i < list.length; i++) {
    const { range, deps, yarn } = list[i];
    if (yarn !== undefined && !extensions.bundled(yarn)) continue;
    if (!yarnRangeSatisfied(version, range)) continue;
    for (const dep of deps) {
      if (!entry.deps.some((own) => own.name === dep.name)) entry.deps.push(dep);
    }
  }
}

/**
 * Berry records a package's `peerDependencies` as ranges, not as what they
 * resolve to: each one is provided by what depends on the package (its
 * parent declares it, or passes it on as a peer of its own). The edges from
 * each package to every entry its parents provide for each of its peers (an
 * optional peer nobody provides is no edge; one the package also depends on
 * is that dependency's edge only).
 */
function peerEdges(
  entries: Entry[],
  targets: Map<Entry, [Entry, Scope][]>,
  lookup: (dep: Dep) => Entry | undefined,
): [Entry, Entry, Scope][] {
  // Only the parents of entries with peers are ever asked for, each parent once, in the order
  // first met: a list, not a Set (no iterator nor callback per parent asked, cold). A parent's
  // edges are all pushed while its own list is read, so one it pushed already is the last.
  const parents = new Map<Entry, Entry[]>();
  targets.forEach((list, from) => {
    for (let i = 0; i < list.length; i++) {
      const to = list[i][0];
      // The usual entry without peers takes no Map lookup.
      if (to.peers === undefined || to.peers.length === 0) continue;
      let of = parents.get(to);
      if (of === undefined) parents.set(to, of = []);
      if (of[of.length - 1] !== from) of.push(from);
    }
  });
  /** What the parents of `entry` provide as `name` (memoised per entry and name). */
  const memo = new Map<Entry, Map<string, Set<Entry>>>();
  const depsByName = new Map<Entry, Map<string, Dep>>();
  const depNamed = (entry: Entry, name: string): Dep | undefined => {
    let byName = depsByName.get(entry);
    if (byName === undefined) {
      byName = new Map();
      // The first dependency of a name wins, as `Array.find` would give it.
      for (let i = entry.deps.length - 1; i >= 0; i--) {
        byName.set(entry.deps[i].name, entry.deps[i]);
      }
      depsByName.set(entry, byName);
    }
    return byName.get(name);
  };
  /** The entries on the path `provided` follows (empty between calls from the loop below). */
  const seen = new Set<Entry>();
  // Indexed loops, no callback made per call: cold, each costs.
  const provided = (entry: Entry, name: string): Set<Entry> => {
    let cache = memo.get(entry);
    const cached = cache?.get(name);
    if (cached !== undefined) return cached;
    const found = new Set<Entry>();
    seen.add(entry);
    const of = parents.get(entry);
    for (let i = 0; of !== undefined && i < of.length; i++) {
      const parent = of[i];
      const dep = depNamed(parent, name);
      const to = dep === undefined ? undefined : lookup(dep);
      if (to !== undefined) found.add(to);
      else if (hasPeer(parent, name) && !seen.has(parent)) {
        provided(parent, name).forEach((e) => void found.add(e));
      }
    }
    seen.delete(entry);
    if (seen.size === 0) {
      if (cache === undefined) memo.set(entry, cache = new Map());
      cache.set(name, found);
    }
    return found;
  };
  const edges: [Entry, Entry, Scope][] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    const peers = entry.peers;
    for (let j = 0; peers !== undefined && j < peers.length; j++) {
      const peer = peers[j];
      // A peer the entry also depends on (a workspace's "peer + dev") is that dependency.
      if (depNamed(entry, peer.name) !== undefined) continue;
      provided(entry, peer.name).forEach((to) => {
        if (to !== entry) edges.push([entry, to, peer.scope]);
      });
    }
  }
  return edges;
}

/** Whether an entry has a peer of a name. */
function hasPeer(entry: Entry, name: string): boolean {
  const peers = entry.peers;
  for (let i = 0; peers !== undefined && i < peers.length; i++) {
    if (peers[i].name === name) return true;
  }
  return false;
}

/**
 * What Yarn 1 installed for `link:` folders outside the project: its LinkResolver reads the
 * folder's package.json and requests what it declares, which the lock holds, but the entry
 * Yarn writes for the link is fetchOneRemote's mock (`version "0.0.0"`, no dependencies). The
 * entries nothing else reaches (`orphan`) are theirs, a lock written by `yarn install` keeping
 * no other: the ones no other of them depends on are what the folders declare.
 */
function outsideLinkDependencies(
  links: readonly Entry[],
  entries: readonly Entry[],
  orphan: (entry: Entry) => boolean,
  targets: ReadonlyMap<Entry, readonly (readonly [Entry, Scope])[]>,
): Entry[] {
  const orphans = entries.filter((entry) => !links.includes(entry) && orphan(entry));
  const dependedOn = new Set<Entry>();
  for (const entry of orphans) for (const [to] of targets.get(entry)!) dependedOn.add(to);
  return orphans.filter((entry) => !dependedOn.has(entry));
}

/** The warning for the dependencies of Yarn 1's `link:` folders outside the project. */
function outsideLinkWarning(path: string, links: readonly Entry[], deps: readonly Entry[]): string {
  const names = deps.map((dep) => `${dep.name}@${dep.version ?? ""}`);
  const listed = `${names.slice(0, 10).join(", ")}${
    names.length > 10 ? ` and ${names.length - 10} more` : ""
  }`;
  return `${path}: Yarn 1 lists no dependency under a \`link:\` entry (${
    links.map((link) => link.name).join(", ")
  }), though it installs and locks them; ${listed}, which nothing else reaches, ${
    links.length === 1
      ? `the SBOM has as ${links[0].name}'s dependencies`
      : "the SBOM has as theirs, scoped as they are, with no edge (which folder declares which, only their package.json files tell)"
  }`;
}

/**
 * The header line of the classic lock Bun prints (`bun install --yarn`; its Printer.Yarn.print
 * in src/install/lockfile.zig writes it after Yarn's two comment lines).
 */
const BUN_PRINTED = /^# bun \.\/bun\.lockb --hash:/m;

/**
 * Reads a Yarn `yarn.lock`, classic (v1, its own format) or Berry (Yarn 2+,
 * YAML with `__metadata`). Every resolved package is a component with its
 * version; `workspace:`, `portal:`, `link:` and `file:` folders (also the
 * `version "workspace:<folder>"` entries of the classic lock Bun prints) of the
 * project are first-party members, never components (a registry package
 * sharing a member's name is one; a folder outside the project, another
 * checkout, is one too); a `patch:` resolution is the patched package itself
 * with the patch recorded; npm aliases are the real package; classic
 * `integrity` and the SHA-1 in `resolved` URLs give hashes, Berry's
 * `checksum` (a hash of Yarn's cache archive, not of the tarball) does not.
 * Direct and dev dependencies come from the package.json of the project and
 * of each workspace (Berry names them in the lock; classic workspaces are
 * expanded from the root package.json when `options.list` is given). A Rush
 * monorepo's `common/config/rush/yarn.lock` is read from `common/temp/`, its
 * `@rush-temp` entries as the projects of rush.json (see `_rush.ts`).
 *
 * @example
 * ```ts
 * import { readYarnLock } from "./yarn_lock.ts";
 * const lock = '# yarn lockfile v1\n\nms@^2.1.3:\n  version "2.1.3"\n' +
 *   '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#a3dbd2c0b0e1a1cf56b59c6f6e1a5d9e4d6a13c1"\n';
 * const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
 * out.components[0].id; // "pkg:npm/ms@2.1.3"
 * ```
 *
 * @param text The file's text.
 * @param options `path`: the lock's path relative to the project root; `load` reads the
 *   package.json files (and `list` lists folders for classic workspaces).
 * @returns Members, components, edges and the project (root package.json).
 * @throws {VouchError} `inventory.yarn_lock.invalid` with `file:line` for
 *   malformed input, an unsupported Berry lock version, an entry without a
 *   version or resolution, or a dependency the lock does not resolve.
 */
export function readYarnLock(
  text: string,
  options: Pick<ReaderContext, "load" | "list" | "excluded"> & { path: string },
): ReaderResult {
  const { path, ...context } = options;
  const lockDir = folderOf(path);
  // A regex search of the whole lock only when it has a CR at all (most are LF only).
  const bareCr = text.includes("\r") ? text.search(/\r(?!\n)/) : -1;
  if (bareCr !== -1) {
    // Yarn 1 reads a comment up to the next LF (the header comment would swallow such a
    // file whole) and Yarn writes LF: a CR alone is a damaged lock, not an empty one.
    throw fail(
      path,
      lineAt(text, bareCr),
      "a line ends with a CR alone (old Mac line ends): Yarn would not read the entries",
    );
  }
  const berry = isBerryLock(text);
  const rcPath = joinPath(lockDir, ".yarnrc.yml");
  /** Berry's settings: the `.yarnrc.yml` files from the lock's folder up, merged. */
  let rc: RcValue | undefined;
  let entries: Entry[];
  let extensions: Extensions = NO_EXTENSIONS;
  if (berry) {
    const docs = parseYamlDocuments(text, path, CODE);
    const doc = docs.at(-1);
    const meta = isRecord(doc) && isRecord(doc.__metadata) ? doc.__metadata : {};
    const version = meta.version;
    if (
      !isRecord(doc) || docs.length !== 1 || typeof version !== "number" || version < 3 ||
      version > 10
    ) {
      const line = text.slice(0, Math.max(text.indexOf("  version:"), 0)).split("\n").length;
      throw fail(
        path,
        line,
        `Berry lock version ${JSON.stringify(version ?? null)} is not supported (3 to 10 are)`,
      );
    }
    entries = decodeBerry(doc, text, path);
    rc = yarnRc(context.load, lockDir, CODE);
    const manifest = loadPackageJson(context.load, joinPath(lockDir, "package.json"));
    extensions = packageExtensions(rc, yarnRelease(rc, manifest, version));
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      // Asked here, not in `extend`: most entries have none, and a call is dear (cold).
      if (!entry.workspace && entry.version !== undefined && extensions.byName.has(entry.name)) {
        extend(entry, extensions, entry.version);
      }
    }
  } else {
    // Another version in Yarn 1's header (`# yarn lockfile v2`): that line, as a version.
    const other = /^# yarn lockfile (v\S*)\s*$/m.exec(text);
    if (other !== null && other[1] !== "v1") {
      const line = text.slice(0, other.index).split("\n").length;
      throw fail(path, line, `yarn lockfile ${other[1]} is not supported (v1 and Berry's are)`);
    }
    if (!YARN_V1_HEADER.test(text) && text.trim() !== "") {
      throw fail(path, 1, "not a Yarn lockfile (no `# yarn lockfile v1` line and no `__metadata`)");
    }
    entries = decodeV1(text, path);
  }
  // A Rush lock (see _rush.ts) is Yarn's in the temp folder: its `@rush-temp/<name>` entries
  // are the projects of rush.json, what they depend on their declarations.
  const rush = berry ? undefined : rushLayout(path, context.load, CODE);
  const base = rush?.temp ?? lockDir;
  const at = rush === undefined ? path : joinPath(base, "yarn.lock");
  /** The `@rush-temp` entry of each project (by folder, relative to `base`). */
  const tempEntries = new Map<string, [Entry, RushProject]>();
  /**
   * The `@rush-temp` entry of a project outside the repository (a `projectFolder` of `../x`,
   * another checkout): the component rush.json names, no version, with the entry's dependencies.
   */
  const outsideProjects = new Map<RushProject, Entry>();
  if (rush !== undefined) {
    // The entry of a project rush.json no longer lists stays, for `withoutRemovedProjects`.
    entries = entries.filter((entry) => {
      const project = rush.byTempName.get(entry.name);
      if (project !== undefined && isOutside(project.folder)) {
        entry.name = [...rush.byName].find(([, p]) => p === project)![0];
        Object.assign(entry, { version: undefined, downloadLocation: undefined });
        Object.assign(entry, { qualifiers: {}, hashes: [] });
        outsideProjects.set(project, entry);
        return true;
      }
      if (project !== undefined) tempEntries.set(fromTemp(rush, project.folder), [entry, project]);
      return project === undefined;
    });
  }
  /** The projects of rush.json the lock has no entry for (by folder, relative to `base`). */
  const missingProjects = new Map(
    (rush === undefined ? [] : unlockedProjects(
      rush,
      [...tempEntries.values()].map(([entry]) => entry.name),
      path,
    )).map((u) => [fromTemp(rush!, u.project.folder), u]),
  );
  // Entries by descriptor: name, then range (as written and normalised).
  const bySpec = new Map<string, Map<string, Entry>>();
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    for (let j = 0; j < entry.specs.length; j++) {
      // splitDescriptor's, in place: no object per descriptor (cold).
      const spec = entry.specs[j];
      const at = spec.indexOf("@", 1);
      const name = at === -1 ? spec : spec.slice(0, at);
      const range = at === -1 ? "" : spec.slice(at + 1);
      let ranges = bySpec.get(name);
      if (ranges === undefined) bySpec.set(name, ranges = new Map());
      ranges.set(range, entry);
      const normal = normalRange(range);
      if (normal !== range) ranges.set(normal, entry);
    }
  }
  const root = loadPackageJson(context.load, joinPath(lockDir, "package.json"));
  const overrides = Object.entries(objectAt(root?.json ?? {}, "resolutions"));
  /**
   * The entry of a descriptor: as written, normalised, or with the protocol Berry binds a
   * range without one to (`file:` for a bare path, `./vendor/x.tgz`; `npm:` for the rest).
   */
  const find = (name: string, range: string): Entry | undefined => {
    const ranges = bySpec.get(name);
    return ranges === undefined ? undefined : ranges.get(range) ?? ranges.get(normalRange(range)) ??
      (/^[a-z+-]+:/.test(range)
        ? undefined
        : ranges.get(`${BARE_PATH.test(range) ? "file" : "npm"}:${range}`));
  };
  if (berry) applyBerryResolutions(entries, overrides, find);
  let catalogs: Catalogs | undefined;
  /** The `catalog:` dependencies that no `.yarnrc.yml` of the tree gives. */
  const offCatalog = new Set<string>();
  /**
   * The entry of a `catalog:` / `catalog:<name>` dependency (Yarn 4.10+): the range the
   * project's settings give (`catalog` / `catalogs` of the `.yarnrc.yml` files from the lock's
   * folder up, merged, see {@linkcode yarnRc}; read as {@link yarnCatalogs} reads them), else
   * the one entry of that name when the lock has only one (a warning: a `.yarnrc.yml` above the
   * scanned folder, or the home folder's, which vouch does not read, may give it).
   */
  const fromCatalog = (dep: Dep): Entry | undefined => {
    catalogs ??= yarnCatalogs(yarnRcPlain(rc));
    const range = catalogRange(catalogs, dep.name, dep.range);
    if (range !== undefined) return find(dep.name, range);
    const same = entries.filter((e) => e.name === dep.name && !e.workspace);
    if (same.length !== 1) return undefined;
    offCatalog.add(`${dep.name}@${dep.range}`);
    return same[0];
  };
  /**
   * Why the lock does not resolve a dependency: for a `catalog:` one, that no `.yarnrc.yml` of
   * the tree has an entry for it (Yarn fails: `entry not found in catalog`, plugin-catalog's
   * resolveDescriptorFromCatalog) and the lock no one entry of its name to stand for it.
   */
  const unresolved = (dep: Dep): string => {
    const reason = "which the lock does not resolve";
    if (!berry || !dep.range.startsWith("catalog:")) return reason;
    const name = dep.range.slice("catalog:".length);
    const catalog = name === "" ? "default catalog" : `catalog ${JSON.stringify(name)}`;
    const found = rc === undefined
      ? `no .yarnrc.yml from ${rcPath} up to the scanned folder gives its ${catalog} entry`
      : `no .yarnrc.yml from ${rcPath} up to the scanned folder has a ${catalog} entry for it ` +
        `(Yarn fails: entry not found in ${catalog})`;
    return `${reason}: ${found} and the lock has no one entry of ${dep.name} to stand for it`;
  };
  /**
   * The entry a dependency resolves to (looked up once per dependency), the root's `resolutions`
   * applied when needed (see `resolveUnlocked`).
   */
  const lookup = (dep: Dep): Entry | undefined => {
    if (dep.target === undefined) {
      dep.target = find(dep.name, dep.range) ?? resolveUnlocked(dep) ?? null;
    }
    return dep.target ?? undefined;
  };
  /**
   * The entry of a dependency the lock has no entry for as declared: its catalog's, or the one
   * the root's `resolutions` force.
   */
  const resolveUnlocked = (dep: Dep): Entry | undefined => {
    if (berry && dep.range.startsWith("catalog:")) return fromCatalog(dep);
    const bare = dep.range.replace(/^npm:/, "");
    for (const [selector, forced] of overrides) {
      const target = selector.replace(/^(?:\*\*\/|[^@/]*\/|@[^/]+\/[^/]+\/)(?=.)/, "");
      const matches = target === dep.name || target === `${dep.name}@${bare}` ||
        target === `${dep.name}@${dep.range}`;
      if (matches && typeof forced === "string") return find(dep.name, forced);
    }
    return undefined;
  };

  const out = new OutputBuilder();
  const manifests = new Map<string, PackageJson | undefined>();
  const manifestAt = (folder: string): PackageJson | undefined => {
    if (!manifests.has(folder)) {
      const manifest = loadPackageJson(context.load, joinPath(base, folder, "package.json"));
      manifests.set(
        folder,
        manifest === undefined || berry ? manifest : yarnClassicManifest(manifest),
      );
    }
    return manifests.get(folder);
  };
  const top = rush === undefined ? lockProjectNode(out, lockDir, root) : ROOT_ID;
  const folderIds = new Map<string, string>([["", top]]);
  const folderId = (folder: string, name: string): string => {
    let id = folderIds.get(folder);
    // The tree's root folder (`"../"` from a nested project's lock) is the project itself, as a
    // package.json's `link:..` is, not a second node `workspace:` for it.
    if (id === undefined && joinPath(base, folder) === "") id = ROOT_ID;
    if (id === undefined) {
      const manifest = manifestAt(folder) ?? { path: "", json: {}, name };
      id = out.member(folderMember(joinPath(base, folder), manifest));
      folderIds.set(folder, id);
    }
    return id;
  };
  manifests.set("", root === undefined || berry ? root : yarnClassicManifest(root));
  // A Rush lock's members are the projects of rush.json.
  for (const [name, project] of rush?.byName ?? []) {
    if (!isOutside(project.folder)) folderId(fromTemp(rush!, project.folder), name);
  }
  // Classic workspaces are not in the lock: the root package.json names them, expanded as the
  // tool that wrote the lock expands them: Yarn 1 takes a negated pattern literally, Bun (whose
  // `bun install --yarn` prints a classic lock) leaves out the folders it matches.
  if (!berry && root !== undefined) {
    const folders = workspaceFolders(
      root,
      lockDir,
      context.list,
      (f) => manifestAt(f) !== undefined,
      BUN_PRINTED.test(text.slice(0, text.indexOf("\n\n") >>> 0)),
    );
    for (const folder of folders) folderId(folder, folder);
  }
  /** Where the folders lie whose dependencies the lock resolves (workspaces, `file:`, `portal:`). */
  const places: LocalPlace[] = [...folderIds.keys()].map((folder) => localPlace(at, folder));
  /** Where the `link:` folders lie (see `linkedFolders` in `_paths.ts`). */
  const linked: LocalPlace[] = [];
  // The project and its workspaces declare; a `file:`/`link:` folder an entry names is
  // installed as that entry, its dependencies (on the entry) reached through it.
  const declaring = new Set(folderIds.keys());
  /**
   * The folders of Yarn 1's `link:` entries: its LinkResolver reads the folder's package.json
   * as a `file:` one's and installs its dependencies, which it locks, but the entry lists none:
   * what the package.json declares (not its dev dependencies) is what the folder depends on.
   */
  const linkManifests = new Set<string>();
  /**
   * The entry of what a folder's package.json declares: Yarn 1 locks a workspace's
   * `file:` path from the project's root (`file:../../vendor/x.tgz` in
   * packages/a is locked as `x@file:vendor/x.tgz`).
   */
  const declared = (folder: string, name: string, range: string, scope: Scope) =>
    lookup({ name, range, scope }) ??
      (range.startsWith("file:")
        ? find(name, `file:${joinPath(folder, range.slice("file:".length))}`)
        : undefined);
  /**
   * The `file:` folders of a classic lock that only a target of the root's `resolutions` names:
   * Yarn 1 requests each target (Install's fetchRequestFromCwd, `hint: 'resolution'`) and locks
   * it, but links only the project's own patterns and what they depend on (Install.init:
   * `linker.init(flattenedTopLevelPatterns)`, without the resolution requests): nothing is
   * installed from such a folder, which is no member.
   */
  function resolutionOnlyFolders(): Set<Entry> {
    const forced = new Set<Entry>();
    for (const [selector, range] of overrides) {
      const target = typeof range === "string" ? find(forcedName(selector), range) : undefined;
      if (target?.folder !== undefined && !target.linked) forced.add(target);
    }
    if (forced.size === 0) return forced;
    const requested = (to: Entry | undefined): void => {
      if (to !== undefined) forced.delete(to);
    };
    for (const entry of entries) for (const dep of entry.deps) requested(lookup(dep));
    for (const folder of declaring) {
      const manifest = manifestAt(folder);
      if (manifest === undefined) continue;
      for (const [name, range, scope] of declaredDependencies(manifest)) {
        requested(declared(folder, name, range, scope));
      }
    }
    return forced;
  }
  const unrequested = berry || rush !== undefined ? new Set<Entry>() : resolutionOnlyFolders();
  const ids = new Map<Entry, string>();
  /** The workspaces outside the project, components that Yarn installs as projects. */
  const outsideWorkspaces: Entry[] = [];
  /** The warnings for the folders outside the project (see `outsideFolderWarning`). */
  const outsideWarnings: string[] = [];
  /** Yarn 1's `link:` entries of folders outside the project (see `outsideLinkDependencies`). */
  const outsideLinks: Entry[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.folder === undefined || unrequested.has(entry)) continue;
    // A folder outside the project (another checkout, `portal:../../lib`, a workspace
    // `../shared` of a lock in a subfolder scanned on its own) is third-party.
    if (localPlace(at, entry.folder).kind === "outside") {
      outsideWarnings.push(outsideFolderWarning(path, entry.name, at, entry.folder));
      if (entry.linked && !berry) outsideLinks.push(entry);
      entry.folder = undefined;
      if (entry.workspace) outsideWorkspaces.push(entry);
      entry.workspace = false;
      // Yarn's placeholders for a package it links without reading a version: Berry's, and
      // Yarn 1's `version "0.0.0"` for every `link:` (1.22.22 locks a `link:../x` of a
      // package.json at 2.0.0 so).
      if (
        entry.version === "0.0.0-use.local" ||
        (entry.linked && !berry && entry.version === "0.0.0")
      ) entry.version = undefined;
      continue;
    }
    ids.set(entry, folderId(entry.folder, entry.name));
    (entry.linked && berry ? linked : places).push(localPlace(at, entry.folder));
    if (entry.linked && !berry) linkManifests.add(entry.folder);
  }

  // The first edges: what the project and its workspaces declare.
  const firstEdges: [string, Entry | string, Scope][] = [];
  /**
   * The first edges from `from` to what an entry lists (a Berry workspace's, a Rush project's
   * `@rush-temp` one), each with the scope `scopeOf` gives it.
   */
  const listedEdges = (
    entry: Entry,
    from: string,
    scopeOf: (dep: Dep) => Scope,
    who: string,
  ): void => {
    for (const dep of entry.deps) {
      const to = lookup(dep);
      if (to === undefined && dep.extended !== undefined) {
        unextend(entry, dep);
        continue;
      }
      if (to === undefined) {
        throw fail(
          path,
          entry.line(),
          `${who} depends on ${dep.name}@${dep.range}, ${unresolved(dep)}`,
        );
      }
      firstEdges.push([from, to, scopeOf(dep)]);
    }
  };
  /** The node of a Rush project: its member, or its component outside the repository. */
  const projectNode = (project: RushProject): Entry | string =>
    outsideProjects.get(project) ?? folderIds.get(fromTemp(rush!, project.folder))!;
  const warnings: string[] = [...outsideWarnings];
  /**
   * What the `.yarnrc.yml` files' packageExtensions add that the lock does not resolve, by file:
   * the file is newer than the lock (`yarn install` resolves and locks it; `--immutable` refuses
   * the lock). A builtin compatibility extension's is no warning: the Yarn that wrote the lock
   * had none such (Yarn adds to the list in its releases), and installs what the lock holds.
   */
  const unextended = new Map<string, string[]>();
  const unextend = (entry: Entry, dep: Dep): void => {
    if (dep.extended === BUILTIN) return;
    let list = unextended.get(dep.extended!);
    if (list === undefined) unextended.set(dep.extended!, list = []);
    list.push(`${dep.name}@${dep.range} to ${entry.specs[0]}`);
  };
  const membersByName = new Map<string, string>();
  for (const [folder, id] of folderIds) {
    const name = manifestAt(folder)?.name;
    if (name !== undefined) membersByName.set(name, id);
  }
  /** The names a manifest declares only as dev dependencies. */
  const devOnlyNames = (manifest: PackageJson | undefined): Set<string> => {
    const scopes = new Map<string, boolean>();
    for (const [name, , scope] of manifest === undefined ? [] : declaredDependencies(manifest)) {
      scopes.set(name, (scopes.get(name) ?? true) && scope === "dev");
    }
    return new Set([...scopes].filter(([, dev]) => dev).map(([name]) => name));
  };
  /** A Berry workspace's dev-only names (its lock entry lists them with the others). */
  const devOnlyOf = new Map<Entry, Set<string>>();
  if (berry) {
    for (const entry of entries) {
      if (!entry.workspace) continue;
      const manifest = manifestAt(entry.folder!);
      const devOnly = devOnlyNames(manifest);
      devOnlyOf.set(entry, devOnly);
      const recorded = new Set(entry.deps.map((dep) => dep.name));
      // Yarn extends a workspace by its package.json's version (WorkspaceResolver: `0.0.0`
      // without one), not the lock's `0.0.0-use.local`.
      if (manifest !== undefined) extend(entry, extensions, manifest.version || "0.0.0");
      warnings.push(
        ...[
          staleRecordWarning(manifest, recorded, { lock: path, install: "yarn install" }),
          undeclaredRecordWarning(manifest, recorded, {
            lock: path,
            install: "yarn install",
            frozen: "yarn install --immutable",
          }),
        ].filter((w): w is string => w !== undefined),
      );
      const scopeOf = (dep: Dep): Scope => devOnly.has(dep.name) ? "dev" : dep.scope;
      listedEdges(entry, ids.get(entry)!, scopeOf, `workspace ${entry.name}`);
    }
    // Yarn writes an entry for every workspace (and refuses, `--immutable` as in CI, a lock
    // without one): a workspace the lock lacks (a lock older than it, or cut short) locks
    // nothing of what it declares.
    const locked = new Set(entries.filter((e) => e.workspace).map((e) => e.folder));
    const workspaces = root === undefined
      ? []
      : workspaceFolders(root, lockDir, context.list, (f) => manifestAt(f) !== undefined);
    for (const folder of workspaces) {
      if (locked.has(folder)) continue;
      const warning = staleRecordWarning(manifestAt(folder), new Set(), {
        lock: path,
        install: "yarn install",
      });
      if (warning !== undefined) warnings.push(warning);
    }
  } else {
    /**
     * Whether a range is a `link:` to the tree's root folder (an example app's `link:..` to the
     * library it shows), which Yarn 1 links and never locks: the project itself, as the npm,
     * Bun and pnpm readers take it. Yarn 1 resolves the path from the lock's folder, not the
     * declaring package's (LinkResolver: `path.resolve(config.lockfileFolder, loc)`).
     */
    const linksRoot = (range: string): boolean =>
      range.startsWith("link:") && joinPath(base, range.slice("link:".length)) === "";
    for (const [folder, id] of folderIds) {
      const temp = tempEntries.get(folder);
      if (temp !== undefined) {
        // A Rush project: its `@rush-temp` entry lists what Yarn installed for it.
        const [entry, project] = temp;
        const scopeOf = (dep: Dep): Scope => declaredScope(project, dep.name, dep.scope);
        listedEdges(entry, id, scopeOf, entry.specs[0]);
        const listed = new Set(entry.deps.map((dep) => dep.name));
        for (const { to, scope } of linkedProjects(rush!, project, listed)) {
          firstEdges.push([id, projectNode(to), scope]);
        }
        const stale = staleProjectWarning(rush!, project, { listed, lock: path });
        if (stale !== undefined) warnings.push(stale);
        continue;
      }
      const stale = missingProjects.get(folder);
      if (stale !== undefined) {
        // A Rush project the lock has no entry for: it installs nothing of its.
        for (const { to, scope } of linkedProjects(rush!, stale.project, new Set())) {
          firstEdges.push([id, projectNode(to), scope]);
        }
        warnings.push(stale.warning);
        continue;
      }
      const linkOnly = !declaring.has(folder) && linkManifests.has(folder);
      const manifest = declaring.has(folder) || linkOnly ? manifestAt(folder) : undefined;
      if (manifest === undefined) continue;
      for (const [name, range, scope] of declaredDependencies(manifest)) {
        if (linkOnly && scope === "dev") continue;
        const to = declared(folder, name, range, scope) ?? membersByName.get(name) ??
          (linksRoot(range) ? ROOT_ID : undefined);
        if (to !== undefined) firstEdges.push([id, to, scope]);
      }
      // Yarn 1 locks no `link:` folder, nor a linked folder's dev dependencies, which it does
      // not install; anything else it installs it locks.
      const devOnly = linkOnly ? devOnlyNames(manifest) : undefined;
      const unlocked = unlockedDeclarations(
        manifest,
        (name, range) =>
          range.startsWith("link:") || membersByName.has(name) || devOnly?.has(name) === true ||
          declared(folder, name, range, "runtime") !== undefined,
      );
      if (unlocked.length > 0) {
        warnings.push(
          unlockedWarning(joinPath(base, folder, "package.json"), unlocked, {
            lock: path,
            install: "yarn install",
          }),
        );
      }
    }
    if (root === undefined && rush === undefined) {
      // No manifest: what no entry depends on must be what the project declares.
      const referenced = new Set<Entry>();
      for (const entry of entries) for (const dep of entry.deps) referenced.add(lookup(dep)!);
      for (const entry of entries) {
        if (!referenced.has(entry)) firstEdges.push([top, entry, "runtime"]);
      }
    }
  }
  // A workspace or Rush project outside the project that nothing depends on is installed as a
  // project is.
  for (const entry of outsideProjects.values()) {
    if (!firstEdges.some(([, to]) => to === entry)) firstEdges.push([top, entry, "runtime"]);
  }
  for (const entry of outsideWorkspaces) {
    if (!entries.some((e) => e.deps.some((dep) => lookup(dep) === entry))) {
      firstEdges.push([top, entry, "runtime"]);
    }
  }
  // A workspace another one depends on brings its own dependencies, not its dev
  // ones: those lead into the dev tree (the workspace itself is a root for them).
  const targets = new Map<Entry, [Entry, Scope][]>();
  /**
   * The edges from classic entries to workspaces: Yarn 1 links a workspace whose
   * version satisfies a range wherever it is named (a `file:` folder's dependency
   * included) and never locks it.
   */
  const memberEdges: [Entry, string, Scope][] = [];
  for (const entry of entries) {
    const devOnly = devOnlyOf.get(entry);
    // Sized, not grown by `push` (which makes room for 16): the lists live as long as the read.
    const list: [Entry, Scope][] = new Array(entry.deps.length);
    let listed = 0;
    // Indexed: a cold run's for-of makes an iterator and a result object per dependency.
    for (let i = 0; i < entry.deps.length; i++) {
      const dep = entry.deps[i];
      const to = lookup(dep);
      const member = to === undefined && !berry ? membersByName.get(dep.name) : undefined;
      if (member !== undefined) memberEdges.push([entry, member, dep.scope]);
      else if (to !== undefined) list[listed++] = [to, devOnly?.has(dep.name) ? "dev" : dep.scope];
      else if (dep.extended !== undefined) unextend(entry, dep);
      else {
        throw fail(
          path,
          entry.line(),
          `${entry.specs[0]} depends on ${dep.name}@${dep.range}, ${unresolved(dep)}`,
        );
      }
    }
    list.length = listed;
    targets.set(entry, list);
  }
  if (offCatalog.size > 0) {
    warnings.push(
      `${path}: ${[...offCatalog].join(", ")}: no .yarnrc.yml from ${rcPath} up to the ` +
        "scanned folder gives its catalog entry (a .yarnrc.yml above the scanned folder or the " +
        "home folder's, which Yarn merges too, may; vouch reads neither): taken as the lock's " +
        "one entry of that name",
    );
  }
  for (const [file, added] of unextended) {
    warnings.push(
      `${file}: its packageExtensions add ${added.join(", ")}, which ${path} does not ` +
        "resolve: a lock older than the .yarnrc.yml (`yarn install` locks what they add, " +
        "`yarn install --immutable` refuses this lock); not in the SBOM",
    );
  }
  /**
   * The `patch:` entries that are components of their own: Yarn installs the patched copy for
   * the dependencies that name the `patch:` descriptor and the package as it is for those that
   * name it (a workspace's `patch:` of lodash 4.17.21 beside another's plain lodash 4.17.21:
   * two copies in node_modules), so a project's own patch of a package something else depends
   * on is another component, not a patch of every copy (one the root's `resolutions` give only
   * some dependents, see {@linkcode applyBerryResolutions}, too). Not a builtin patch, which Yarn
   * applies wherever the package is used (the lock records the plain descriptor).
   */
  const ownCopies = new Set<Entry>();
  /** The `patch:` entries whose base the lock resolves, with it (Berry's only; a few). */
  const patched: Entry[] = [];
  const bases: Entry[] = [];
  for (let i = 0; berry && i < entries.length; i++) {
    const entry = entries[i];
    const base = entry.base && lookup(entry.base);
    if (base === undefined) continue;
    patched.push(entry);
    bases.push(base);
  }
  // What anything depends on is asked only for the project's own patches (not builtin ones).
  if (patched.some((entry) => !entry.builtinPatch)) {
    const depended = new Set<Entry>();
    for (let i = 0; i < firstEdges.length; i++) {
      const to = firstEdges[i][1];
      if (typeof to !== "string") depended.add(to);
    }
    targets.forEach((list) => {
      for (let i = 0; i < list.length; i++) depended.add(list[i][0]);
    });
    for (let i = 0; i < patched.length; i++) {
      if (!patched[i].builtinPatch && depended.has(bases[i])) ownCopies.add(patched[i]);
    }
  }
  for (let i = 0; i < patched.length; i++) {
    if (!ownCopies.has(patched[i])) targets.get(patched[i])!.push([bases[i], "runtime"]);
  }
  if (berry) {
    const edges = peerEdges(entries, targets, lookup);
    for (let i = 0; i < edges.length; i++) {
      const from = edges[i][0];
      const to = edges[i][1];
      const scope = edges[i][2];
      // A workspace's edges are first edges (its own `dependencies` are there already).
      if (from.workspace) firstEdges.push([ids.get(from)!, to, scope]);
      else targets.get(from)!.push([to, scope]);
    }
  }
  // Yarn applies a `patch:` entry made from a package (the builtin compat patches
  // of typescript, resolve, fsevents) wherever that package is used: it is
  // reached whenever its base is.
  const patchesOf = new Map<Entry, [Entry, Scope][]>();
  for (let i = 0; i < patched.length; i++) {
    if (!ownCopies.has(patched[i])) {
      patchesOf.set(bases[i], [...patchesOf.get(bases[i]) ?? [], [patched[i], "runtime"]]);
    }
  }
  // Yarn installs such a patch in place of its base, with the patch's own dependencies: the
  // base is only what the patch is made from (PatchResolver's resolution dependency), so what
  // the base's dependencies resolve to is locked, not installed. They differ only where the
  // root's `resolutions` name the parent with its version (`resolve@1.22.8/path-parse`), which
  // Yarn matches against the base's locator, not the patch's (see applyBerryResolutions).
  // A base that is a patch itself (the project's, under a builtin one) keeps its edge to its
  // own base, which it is made from.
  const baseOnly: Entry[] = [];
  patchesOf.forEach((_, base) => {
    const own = base.base && !ownCopies.has(base) ? lookup(base.base) : undefined;
    const list = targets.get(base)!;
    for (let i = 0; i < list.length; i++) if (list[i][0] !== own) baseOnly.push(list[i][0]);
    targets.set(base, own === undefined ? [] : [[own, "runtime"]]);
  });
  /** What the walk goes on to from an entry: its targets, and the patches made from it. */
  let nextOf = targets;
  if (patchesOf.size > 0) {
    nextOf = new Map(targets);
    patchesOf.forEach((patches, base) => nextOf.set(base, [...targets.get(base)!, ...patches]));
  }
  // A bound Map.get: no function of our own to run per entry walked (cold).
  const next = nextOf.get.bind(nextOf) as (entry: Entry) => [Entry, Scope][];
  const reachFrom = (seeds: [Entry, Scope][]): Reach =>
    reach(
      firstEdges.flatMap(([, to, scope]) =>
        typeof to === "string" ? [] : [[to, scope] as [Entry, Scope]]
      ).concat(seeds),
      next,
    );
  let reached = reachFrom([]);
  // Yarn 1 requests each target of the root's `resolutions` beside what the project declares
  // (Install's fetchRequestFromCwd: `hint: 'resolution'`), so it locks the target and what
  // that depends on even where nothing depends on it, and installs none of them: no stale lock.
  const requested = new Set<Entry>();
  if (!berry) {
    const stack: Entry[] = [];
    for (const [selector, forced] of overrides) {
      const target = typeof forced === "string" ? find(forcedName(selector), forced) : undefined;
      if (target !== undefined) stack.push(target);
    }
    for (let entry = stack.pop(); entry !== undefined; entry = stack.pop()) {
      if (requested.has(entry)) continue;
      requested.add(entry);
      for (const dep of entry.deps) {
        const to = lookup(dep);
        if (to !== undefined) stack.push(to);
      }
    }
  }
  if (outsideLinks.length > 0) {
    const linkDeps = outsideLinkDependencies(
      outsideLinks,
      entries,
      (entry) =>
        !ids.has(entry) && !unrequested.has(entry) && !requested.has(entry) &&
        !reached.prod.has(entry) && !reached.dev.has(entry),
      targets,
    );
    const seeds: [Entry, Scope][] = [];
    for (const dep of linkDeps) {
      if (outsideLinks.length === 1) targets.get(outsideLinks[0])!.push([dep, "runtime"]);
      else {
        for (const link of outsideLinks) {
          if (reached.prod.has(link)) seeds.push([dep, "runtime"]);
          else if (reached.dev.has(link)) seeds.push([dep, "dev"]);
        }
      }
    }
    if (linkDeps.length > 0) {
      reached = reachFrom(seeds);
      warnings.push(outsideLinkWarning(path, outsideLinks, linkDeps));
    }
  }
  /** The patched copy an entry is part of: one of `ownCopies`, or a patch made from one. */
  const patchedCopy = (entry: Entry): Entry | undefined => {
    for (let at: Entry | undefined = entry; at !== undefined; at = at.base && lookup(at.base)) {
      if (ownCopies.has(at)) return at;
    }
    return undefined;
  };
  // The components, one per entry (the workspaces are members already). Indexed loops: a cold
  // run's for-of over a Map makes an iterator and a pair per entry.
  const componentEntries: Entry[] = [];
  const inits: ReturnType<typeof npmComponent>[] = [];
  /** Whether some component's entry is reached by no path (rare: then its id is asked). */
  let someUnreached = false;
  // One array for every component: the builder copies what it is given.
  const sources = [path];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (ids.has(entry) || unrequested.has(entry)) continue;
    componentEntries.push(entry);
    if (!reached.prod.has(entry) && !reached.dev.has(entry)) someUnreached = true;
    const init = npmComponent({
      name: entry.name,
      version: entry.version,
      qualifiers: entry.qualifiers,
      hashes: entry.hashes,
      downloadLocation: entry.downloadLocation,
      scopes: reachScopes(reached, entry),
      sources,
      patches: entry.patches ?? NO_PATCHES,
      generator: entry.generator,
    });
    const copy = ownCopies.size === 0 ? undefined : patchedCopy(entry);
    if (copy !== undefined) {
      init.id = `patch:${init.purl}#${[...new Set(copy.patches)].sort(compareStrings).join("&")}`;
    }
    inits.push(init);
  }
  // What nothing the project declares reaches, as no entry of its package does (Yarn 4.9 locks a
  // JSR package's npm-compatibility entry, which nothing names, beside the one it resolves): an
  // entry a lock older than its package.json files kept. Yarn installs no such package (`yarn
  // install` drops it from the lock): dev, as npm scopes an extraneous one. A lock read without
  // any package.json has no roots: nothing to tell.
  const unreached: number[] = [];
  // Every entry reached: every id is (the usual case, which asks no id).
  if (firstEdges.length > 0 && someUnreached) {
    const reachedIds = new Set<string>();
    const initId = (init: ComponentInit): string => init.id ?? init.purl;
    for (let i = 0; i < inits.length; i++) {
      const entry = componentEntries[i];
      if (reached.prod.has(entry) || reached.dev.has(entry)) reachedIds.add(initId(inits[i]));
    }
    for (let i = 0; i < inits.length; i++) if (!reachedIds.has(initId(inits[i]))) unreached.push(i);
  }
  // What only a patch's base depends on: locked by Yarn itself, installed nowhere.
  if (berry && unreached.length > 0) {
    for (let entry = baseOnly.pop(); entry !== undefined; entry = baseOnly.pop()) {
      if (requested.has(entry)) continue;
      requested.add(entry);
      for (const [to] of targets.get(entry)!) baseOnly.push(to);
    }
  }
  const stale = unreached.filter((i) => !requested.has(componentEntries[i]));
  for (const i of unreached) inits[i].scopes = flagScopes({ dev: true, optional: true });
  if (stale.length > 0) {
    const names = [
      ...new Set(
        stale.map((i) => `${componentEntries[i].name}@${componentEntries[i].version ?? ""}`),
      ),
    ];
    const them = names.length === 1 ? "it" : "them";
    warnings.push(
      `${path} locks ${names.slice(0, 10).join(", ")}${
        names.length > 10 ? ` and ${names.length - 10} more` : ""
      }, which nothing the package.json files declare reaches: a lock older than they are ` +
        `(Yarn installs no such package, and \`yarn install\` drops ${them} from the lock); ` +
        `the SBOM keeps ${them} as the lock does, dev, as npm scopes an extraneous package`,
    );
  }
  for (let i = 0; i < inits.length; i++) ids.set(componentEntries[i], out.component(inits[i]));
  const idOf = (node: Entry | string): string => typeof node === "string" ? node : ids.get(node)!;
  for (let i = 0; i < firstEdges.length; i++) {
    out.edge(firstEdges[i][0], idOf(firstEdges[i][1]), firstEdges[i][2]);
  }
  for (const [from, to, scope] of memberEdges) {
    if (!unrequested.has(from)) out.edge(ids.get(from)!, to, scope);
  }
  targets.forEach((list, entry) => {
    if (entry.workspace || unrequested.has(entry)) return;
    const from = ids.get(entry)!;
    for (let i = 0; i < list.length; i++) out.edge(from, ids.get(list[i][0])!, list[i][1]);
  });
  for (const [folder, id] of folderIds) if (folder !== "") out.edge(top, id, "runtime");
  const result = withoutExcludedMembers({
    ...out.build({ directFromEdges: true }),
    ...manifestProjectFields(root),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...memberFolders(places),
    ...linkedFolders(linked, places),
  }, options.excluded);
  return rush === undefined ? result : rushResult(result, rush, path);
}
