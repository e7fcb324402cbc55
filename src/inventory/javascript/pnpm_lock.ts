/**
 * Reader for pnpm's `pnpm-lock.yaml` (lockfileVersion 5.x, 6.x, 7.x and 9.x).
 *
 * @module
 */

import { VouchError } from "../../errors.ts";
import { isRecord, wildcardMatch } from "../../_util.ts";
import { distributionFields, OutputBuilder } from "../_builder.ts";
import type { Load, ReaderContext, ReaderResult } from "../_reader.ts";
import { sriHashes } from "../_sri.ts";
import { linkedFolders, type LocalPlace, localPlace, memberFolders } from "../_paths.ts";
import { lineAt, objectAt } from "../_formats/json.ts";
import { parseYamlDocuments, type YamlMap } from "../_formats/yaml.ts";
import { formatPurl } from "../purl.ts";
import { gitVcsUrl, npmGitVcsUrl } from "../_vcs.ts";
import { type Distribution, ROOT_ID, type Scope } from "../types.ts";
import {
  flagScopes,
  folderMember,
  folderOf,
  joinPath,
  loadPackageJson,
  lockProjectNode,
  MANIFEST_FIELDS,
  manifestProjectFields,
  npmComponent,
  originQualifiers,
  outsideFolderWarning,
  type PackageJson,
  reach,
  reachScopes,
  tarballVersion,
  undeclaredRecordWarning,
  unlockedDeclarations,
  unlockedWarning,
  withoutExcludedMembers,
} from "./_npm.ts";
import { npmRangeSatisfied } from "./package_json.ts";
import {
  declaredScope,
  fromTemp,
  linkedProjects,
  relativeFolder,
  type RushLayout,
  rushLayout,
  type RushProject,
  rushResult,
  unlockedProjects,
} from "./_rush.ts";

const CODE = "inventory.pnpm_lock.invalid";

/** The dependency maps of an importer (pnpm's own config ones are build-time). */
const IMPORTER_FIELDS: ReadonlyArray<[string, Scope]> = [
  ...MANIFEST_FIELDS,
  ["configDependencies", "build"],
  ["packageManagerDependencies", "build"],
];

/** The dependency maps of a package or snapshot (no dev dependencies there). */
const PACKAGE_FIELDS = MANIFEST_FIELDS.filter(([, scope]) => scope !== "dev");

/** One dependency as the lock writes it: a name and a reference (version, key or link). */
interface Dep {
  name: string;
  ref: string;
  scope: Scope;
}

/** A decoded package (v5/v6 `packages` entry, v9 snapshot with its `packages` entry). */
interface Pkg {
  key: string;
  name: string;
  version?: string;
  resolution: YamlMap;
  deps: Dep[];
  /** v5/v6 `dev` flag (`undefined`: both dev and prod). */
  dev?: boolean;
  optional: boolean;
  patchHash?: string;
  /**
   * The names its `bundledDependencies` lists: packages its tarball ships, which the lock has
   * no entry for (see `Component.bundled`).
   */
  bundled?: string[];
  /** A JavaScript runtime pnpm installs (`node@runtime:22.0.0`, also `deno`, `bun`). */
  runtime?: boolean;
}

/**
 * A folder outside the project that a `link:` points to (another checkout): a
 * third-party component without a version, with the scopes of what links to it.
 */
interface Outside {
  outside: string;
  name: string;
  /** The scopes of the importer edges and packages that link to it. */
  scopes: Scope[];
  /** Whether a dependency links to it (an importer outside the project may be linked by none). */
  linked: boolean;
  /** Its dependencies, when it is an importer of the lock (pnpm installs them). */
  deps?: [Node, Scope][];
}

/** A dependency's target: a package, the id of a folder of the project, or an outside folder. */
type Node = Pkg | Outside | string;

/** One lock document, decoded. */
interface Decoded {
  major: 5 | 6 | 9;
  importers: Map<string, Dep[]>;
  packages: Map<string, Pkg>;
  /** `name@version` or `name` → patch file path (or `patch_hash=…`). */
  patches: Map<string, string>;
  /** patch hash → patch file path. */
  patchesByHash: Map<string, string>;
  /** A v9 document's `packages` (name@version → resolution…); its `snapshots` are `packages`. */
  infos?: YamlMap;
}

/**
 * An error at the line of `needle`: the last top-level-entry key it names
 * (v9 snapshots follow packages), else its first appearance, else line 1.
 */
function invalid(path: string, text: string, needle: string, what: string): VouchError {
  let at = -1;
  if (needle !== "" && !needle.startsWith("\n")) {
    at = Math.max(text.lastIndexOf(`\n  ${needle}:`), text.lastIndexOf(`\n  '${needle}':`));
  }
  if (at === -1) at = needle === "" ? -1 : text.indexOf(needle);
  const line = at === -1 ? 1 : lineAt(text, at + (text[at] === "\n" ? 1 : 0));
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `regenerate ${path} with \`pnpm install\``,
  );
}

function str(value: unknown): string | undefined {
  return typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : undefined;
}

function map(value: unknown): YamlMap {
  return isRecord(value) ? value : {};
}

/**
 * The format of a document, from `lockfileVersion` as written (`5.4`, `'6.0'`,
 * `'9.0'`): 5 for 5.0–5.4 (pnpm 3–7, also `5.4-inlineSpecifiers`) and for a
 * `shrinkwrapVersion` 3 or 4 (pnpm 1–2's shrinkwrap.yaml), 6 for 6.x
 * (pnpm 8), 9 for 9.x (pnpm 9–11); 7.x (pnpm 9 pre-releases) was written in
 * both the 6.x shape and the 9.0 one (`snapshots`), so its shape decides.
 */
function majorOf(doc: YamlMap): 5 | 6 | 9 | undefined {
  // pnpm 1–2's shrinkwrap.yaml (shrinkwrapVersion 3, 4), which pnpm 3 renamed lockfile 5.0.
  if (
    doc.lockfileVersion === undefined && [3, 4].includes(Math.trunc(Number(doc.shrinkwrapVersion)))
  ) {
    return 5;
  }
  const version = doc.lockfileVersion;
  const text = typeof version === "number"
    ? (Number.isInteger(version) ? version.toFixed(1) : String(version))
    : str(version);
  if (text === undefined) return undefined;
  if (/^5\.[0-4](?:-inlineSpecifiers)?$/.test(text)) return 5;
  if (/^6\.\d+$/.test(text)) return 6;
  if (/^7\.\d+$/.test(text)) return isRecord(doc.snapshots) ? 9 : 6;
  return /^9\.\d+$/.test(text) ? 9 : undefined;
}

/** The index of `@` between a (possibly scoped) name and what follows, or -1. */
function nameEnd(key: string): number {
  return key.indexOf("@", 1);
}

/** Splits the trailing `(…)` groups (peers, `patch_hash=`) off a v6/v9 key. */
function stripParens(key: string): { base: string; patchHash?: string } {
  let end = key.length;
  let patchHash: string | undefined;
  while (end > 0 && key[end - 1] === ")") {
    let depth = 0;
    let i = end - 1;
    for (; i > 0; i--) {
      if (key[i] === ")") depth++;
      else if (key[i] === "(" && --depth === 0) break;
    }
    if (i <= 0) break;
    const group = key.slice(i, end);
    if (group.startsWith("(patch_hash=")) patchHash = group.slice("(patch_hash=".length, -1);
    end = i;
  }
  return { base: key.slice(0, end), patchHash };
}

/**
 * The dependencies of an importer or package: a reference, or `{ specifier, version }` inline
 * (v6+, 5.4-inlineSpecifiers). One without its reference (`debug: {specifier: ^4}`, or nothing
 * after `debug:`: a lock cut inside it) is refused at the entry `key` (an importer's folder, a
 * package's key; "" for a single project's lock, whose dependencies are at its top level): pnpm
 * writes a version for each.
 */
function depsOf(
  entry: YamlMap,
  fields: ReadonlyArray<[string, Scope]>,
  ctx: { path: string; text: string },
  key: string,
): Dep[] {
  const deps: Dep[] = [];
  // `{ 0: a, 1: b }`, not `[a, b]`: no iterator per pair (the binary runs code cold).
  for (const { 0: field, 1: scope } of fields) {
    const named = entry[field];
    if (!isRecord(named)) continue;
    for (const name in named) {
      const value = named[name];
      const ref = isRecord(value) ? str(value.version) : str(value);
      if (ref === undefined) {
        throw invalid(
          ctx.path,
          ctx.text,
          key === "" ? name : key,
          `${key === "" ? "the project" : key}: dependency ${name} has no version (cut short?)`,
        );
      }
      deps.push({ name, ref, scope });
    }
  }
  return deps;
}

/**
 * Name and version of a registry key: v5 `/name/1.0.0_peers`, v6 `/name@1.0.0(peers)`;
 * pnpm 1–2's shrinkwrap.yaml (the v5 shape) wrote the peers after a slash, `/name/1.0.0/peer@2.0.0`.
 */
function registryKey(major: 5 | 6, key: string): { name: string; version: string } | undefined {
  const body = key.slice(1);
  if (major === 6) {
    const { base } = stripParens(body);
    const at = nameEnd(base);
    return at > 0 ? { name: base.slice(0, at), version: base.slice(at + 1) } : undefined;
  }
  const slash = body.startsWith("@") ? body.indexOf("/", body.indexOf("/") + 1) : body.indexOf("/");
  if (slash <= 0) return undefined;
  const rest = body.slice(slash + 1);
  return { name: body.slice(0, slash), version: rest.replace(/[_/].*$/s, "") };
}

/**
 * The patches of a document: selector → file, hash → file. pnpm 11 locks only each patch's
 * hash (`no-deps: 2mxq…`); its file is the one the project's configuration names for that
 * selector (`patchedDependencies` of pnpm-workspace.yaml, or of the `pnpm` field of the
 * package.json), else `patch_hash=<hash>`.
 */
function decodePatches(
  doc: YamlMap,
  configured: () => YamlMap,
): Pick<Decoded, "patches" | "patchesByHash"> {
  const patches = new Map<string, string>();
  const patchesByHash = new Map<string, string>();
  for (const [selector, value] of Object.entries(map(doc.patchedDependencies))) {
    const hash = isRecord(value) ? str(value.hash) : str(value);
    const file = (isRecord(value) ? str(value.path) : str(configured()[selector])) ??
      (hash === undefined ? selector : `patch_hash=${hash}`);
    patches.set(selector, file);
    if (hash !== undefined) patchesByHash.set(hash, file);
  }
  return { patches, patchesByHash };
}

function decodeImporters(doc: YamlMap, ctx: { path: string; text: string }): Map<string, Dep[]> {
  const importers = new Map<string, Dep[]>();
  if (isRecord(doc.importers)) {
    for (const [folder, entry] of Object.entries(doc.importers)) {
      importers.set(
        joinPath(folder),
        depsOf(map(entry), IMPORTER_FIELDS, ctx, folder),
      );
    }
  } else importers.set("", depsOf(doc, IMPORTER_FIELDS, ctx, ""));
  return importers;
}

/**
 * A v5/v6 package's dependencies. pnpm 7 and 8 write a resolved peer in `dependencies` whether
 * or not the package's `peerDependenciesMeta` marks it optional; pnpm 9 writes an optional one in
 * the snapshot's `optionalDependencies` (and `--no-optional` leaves it out): optional here too.
 * Only a peer: `peerDependenciesMeta` is copied from the package.json as it is, so it may mark a
 * name the package also depends on itself, which pnpm then drops from `peerDependencies` (a
 * dependency of its own, installed whatever the options).
 */
function v5v6Deps(entry: YamlMap, ctx: { path: string; text: string }, key: string): Dep[] {
  const deps = depsOf(entry, PACKAGE_FIELDS, ctx, key);
  const meta = entry.peerDependenciesMeta;
  const peers = entry.peerDependencies;
  if (!isRecord(meta) || !isRecord(peers)) return deps;
  return deps.map((dep) =>
    dep.scope === "runtime" && Object.hasOwn(peers, dep.name) && isRecord(meta[dep.name]) &&
      (meta[dep.name] as YamlMap).optional === true
      ? { ...dep, scope: "optional" }
      : dep
  );
}

/** The names a `bundledDependencies` list gives (pnpm writes one for a package that has some). */
function bundledNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value.filter((name): name is string => typeof name === "string" && name !== "");
  return names.length === 0 ? undefined : names;
}

/** Decodes one document of a v5/v6 lock (`packages` holds everything). */
function decodeV5V6(
  doc: YamlMap,
  major: 5 | 6,
  ctx: { path: string; text: string; patchFiles: () => YamlMap },
): Decoded {
  const packages = new Map<string, Pkg>();
  const entries = map(doc.packages);
  for (const key of Object.keys(entries)) {
    const entry = map(entries[key]);
    // `/name…` is the default registry; `host/name…` another one (name and version in the key).
    const hosted = /^[^/:]+\.[^/:]+\//.test(key) ? key.slice(key.indexOf("/")) : undefined;
    const parsed = key.startsWith("/")
      ? registryKey(major, key)
      : hosted === undefined
      ? undefined
      : registryKey(major, hosted);
    const name = str(entry.name) ?? parsed?.name;
    if (name === undefined) throw invalid(ctx.path, ctx.text, key, `package ${key} has no name`);
    const version = str(entry.version) ?? parsed?.version;
    packages.set(key, {
      key,
      name,
      version,
      resolution: map(entry.resolution),
      deps: v5v6Deps(entry, ctx, key),
      dev: typeof entry.dev === "boolean" ? entry.dev : undefined,
      optional: entry.optional === true,
      patchHash: major === 6 ? stripParens(key).patchHash : undefined,
      bundled: bundledNames(entry.bundledDependencies),
    });
  }
  return {
    major,
    importers: decodeImporters(doc, ctx),
    packages,
    ...decodePatches(doc, ctx.patchFiles),
  };
}

/** Decodes one document of a v9 lock (`packages` facts + `snapshots` graph). */
function decodeV9(
  doc: YamlMap,
  ctx: { path: string; text: string; patchFiles: () => YamlMap },
): Decoded {
  const infos = map(doc.packages);
  const snapshots = map(doc.snapshots);
  const packages = new Map<string, Pkg>();
  const decode = (key: string, snapshot: YamlMap): void => {
    const { base, patchHash } = stripParens(key);
    const at = nameEnd(base);
    const info = infos[base];
    if (at <= 0 || !isRecord(info)) {
      throw invalid(ctx.path, ctx.text, key, `snapshot ${key} has no entry in packages`);
    }
    const name = base.slice(0, at);
    const written = base.slice(at + 1);
    const runtime = written.startsWith("runtime:");
    packages.set(key, {
      key,
      name,
      version: /^\d/.test(written)
        ? written
        : str(info.version) ?? (runtime ? written.slice("runtime:".length) : undefined),
      resolution: map(info.resolution),
      deps: depsOf(snapshot, PACKAGE_FIELDS, ctx, key),
      optional: snapshot.optional === true,
      patchHash,
      runtime,
      bundled: bundledNames(info.bundledDependencies),
    });
  };
  // pnpm's packages are the snapshots, each with its `packages` entry merged in
  // (`convertLockfileV9ToLockfileObject`): a `packages` entry without a snapshot (a lock cut
  // inside `snapshots:`; pnpm writes one snapshot at least for each) is no package to pnpm.
  for (const key in snapshots) decode(key, map(snapshots[key]));
  return {
    major: 9,
    importers: decodeImporters(doc, ctx),
    packages,
    infos,
    ...decodePatches(doc, ctx.patchFiles),
  };
}

/** The package key a dependency reference points to (a `link:` folder is no package). */
function targetKey(major: 5 | 6 | 9, dep: Dep): string {
  const { name, ref } = dep;
  if (major === 9) {
    if (ref.startsWith("@")) return ref;
    const at = ref.indexOf("@");
    if (at === -1) return `${name}@${ref}`;
    const colon = ref.indexOf(":");
    const paren = ref.indexOf("(");
    const isKey = (colon === -1 || at < colon) && (paren === -1 || at < paren);
    return isKey ? ref : `${name}@${ref}`;
  }
  if (ref.startsWith("file:")) return ref;
  const paren = ref.indexOf("(");
  const slash = paren === -1 ? ref.indexOf("/") : ref.lastIndexOf("/", paren);
  if (slash !== -1) return ref;
  return major === 6 ? `/${name}@${ref}` : `/${name}/${ref}`;
}

/** The edges to packages among a package's edges: the list itself when no edge is to a folder. */
function packagesOnly(edges: [Node, Scope][]): [Pkg | Outside, Scope][] {
  for (const { 0: to } of edges) {
    if (typeof to === "string") {
      return edges.filter((e): e is [Pkg | Outside, Scope] => typeof e[0] !== "string");
    }
  }
  return edges as [Pkg | Outside, Scope][];
}

/** What the mapper reads besides the decoded documents. */
interface MapperContext {
  path: string;
  text: string;
  load: Load;
  lockDir: string;
  /** The folder the lock's paths are relative to: its own, or a Rush lock's temp folder. */
  base: string;
  /** A path of a lock in `base`, which `localPlace` resolves the lock's paths against. */
  at: string;
  /** The Rush monorepo the lock is of, if any. */
  rush?: RushLayout;
}

/** Builds the output of the decoded documents (the last is the project's). */
class PnpmMapper {
  readonly out = new OutputBuilder();
  /** Folder (relative to the lock) → member or root id. */
  readonly folders = new Map<string, string>();

  /** The lock's own project: the root, or the member of the lock's folder (see `lockProjectNode`). */
  readonly top: string;

  /** The `sources` of every component (the builder copies it). */
  readonly sources: readonly string[];

  /**
   * Where the folders lie whose dependencies the lock resolves: its importers and
   * `directory` packages (not a `link:` target: pnpm installs none of its dependencies).
   */
  readonly places: LocalPlace[] = [];

  /** Where the `link:` folders lie (see `linkedFolders` in `_paths.ts`). */
  readonly linked: LocalPlace[] = [];

  /** What the lock leaves open (an importer outside the project that nothing names). */
  readonly warnings: string[] = [];

  constructor(readonly ctx: MapperContext) {
    this.sources = [ctx.path];
    // A Rush lock's projects are the repository's: its temp folder is no project of it.
    this.top = ctx.rush !== undefined ? ROOT_ID : lockProjectNode(
      this.out,
      ctx.lockDir,
      loadPackageJson(ctx.load, joinPath(ctx.lockDir, "package.json")),
    );
  }

  /** The id of the first-party package in a folder (relative to the lock's folder). */
  folderId(folder: string, fallbackName?: string): string {
    const known = this.folders.get(folder);
    if (known !== undefined) return known;
    // The tree's root folder (`link:..` from a nested project's lock, an example app's link to
    // the library it shows) is the project itself, as a package.json's `link:..` is, not a
    // second node `workspace:` for it.
    if (joinPath(this.ctx.base, folder) === "") return ROOT_ID;
    const manifest = loadPackageJson(
      this.ctx.load,
      joinPath(this.ctx.base, folder, "package.json"),
    );
    const member = folderMember(
      joinPath(this.ctx.base, folder),
      manifest ?? (fallbackName === undefined ? undefined : {
        path: "",
        json: {},
        name: fallbackName,
      }),
    );
    const id = this.out.member(member);
    this.folders.set(folder, id);
    return id;
  }

  /**
   * The folder of the package a `link:` to `folder` (relative to the lock) installs, or an
   * injected `file:` one: pnpm links (injects) a workspace package whose package.json sets
   * `publishConfig.directory` by that folder unless `publishConfig.linkDirectory` is false
   * (`resolveLocalPackageDir`, resolving/npm-resolver), so `link:../lib/dist` is the member
   * in `../lib`.
   */
  publishedFrom(folder: string): string {
    const parts = folder.split("/");
    for (let i = parts.length - 1; i >= 0 && parts[i] !== ".." && folder !== ""; i--) {
      const owner = parts.slice(0, i).join("/");
      const config = loadPackageJson(
        this.ctx.load,
        joinPath(this.ctx.base, owner, "package.json"),
      )?.json.publishConfig;
      if (
        isRecord(config) && typeof config.directory === "string" &&
        config.linkDirectory !== false && joinPath(owner, config.directory) === folder
      ) return owner;
    }
    return folder;
  }

  /** Warns, once, of a folder outside the project (see {@linkcode outsideFolderWarning}). */
  warnOutside(name: string, folder: string): void {
    const warning = outsideFolderWarning(this.ctx.path, name, this.ctx.at, folder);
    if (!this.warnings.includes(warning)) this.warnings.push(warning);
  }

  /** The node id of a package: a member for a local folder, else a component. */
  packageId(pkg: Pkg, d: Decoded, scopes: Scope[]): string {
    const { resolution } = pkg;
    if (pkg.runtime) return this.runtimeId(pkg, scopes);
    if (resolution.type === "directory" || (pkg.key.startsWith("file:") && !resolution.tarball)) {
      // An injected workspace package is its folder's, or its `publishConfig.directory`'s.
      const directory = this.publishedFrom(
        joinPath(str(resolution.directory) ?? pkg.key.slice("file:".length)),
      );
      const place = localPlace(this.ctx.at, directory);
      // A folder outside the project (another checkout, `file:../../lib`) is third-party.
      if (place.kind !== "outside") {
        this.places.push(place);
        return this.folderId(directory, pkg.name);
      }
      this.warnOutside(pkg.name, directory);
      return this.out.component(npmComponent({
        name: pkg.name,
        version: pkg.version,
        scopes,
        sources: this.sources,
      }));
    }
    const tarball = str(resolution.tarball);
    // A dependency with no package.json (a git repository that is no npm package,
    // `denolib/camelcase#<commit>`): pnpm names it `<repository>#<ref>` and versions it 0.0.0,
    // neither of which the package states: the repository's name, no version.
    const own = pkg.name.indexOf("#");
    const name = own === -1 ? pkg.name : pkg.name.slice(0, own);
    let qualifiers: Record<string, string> | undefined;
    let downloadLocation: string | undefined;
    // The repository's folder the package is built from (pnpm 9's `#path:`).
    const subPath = str(resolution.path);
    if (resolution.type === "git") {
      const repo = str(resolution.repo) ?? "";
      // `git+` added, an scp-style `git@host:path` made its ssh:// URL, a shorthand expanded.
      qualifiers = {
        vcs_url: gitVcsUrl(npmGitVcsUrl(repo), str(resolution.commit), { subPath }),
      };
      downloadLocation = qualifiers.vcs_url;
    } else if (tarball !== undefined) {
      // A hosted git package (`github:owner/repo`) is a codeload tarball: `vcs_url`; a tarball
      // of the tree (`file:vendor/x-1.0.0.tgz`) its `file_name`, and no download location.
      qualifiers = originQualifiers(name, tarball, { subPath });
      if (!tarball.startsWith("file:")) downloadLocation = tarball;
    }
    const version = own !== -1
      ? undefined
      : pkg.version ?? (tarball === undefined ? undefined : tarballVersion(name, tarball));
    const patch = (pkg.patchHash === undefined ? undefined : d.patchesByHash.get(pkg.patchHash)) ??
      (d.major === 5 ? d.patches.get(`${pkg.name}@${version}`) : undefined);
    return this.out.component(npmComponent({
      name,
      version,
      qualifiers,
      hashes: sriHashes(str(resolution.integrity)),
      downloadLocation,
      scopes,
      sources: this.sources,
      patches: patch === undefined ? undefined : [patch],
      bundled: pkg.bundled,
    }));
  }

  /**
   * The component of a JavaScript runtime pnpm downloads (`devEngines.runtime`,
   * `node@runtime:22.0.0`): the runtime itself, not the npm package of that
   * name, so `pkg:generic/node@22.0.0` (as syft names a Node.js binary), with
   * one distribution per platform archive (`variations`: URL and integrity;
   * the older `nodeRuntime` form: integrities per platform, named as Node.js
   * names its release archives).
   */
  runtimeId(pkg: Pkg, scopes: Scope[]): string {
    const { resolution } = pkg;
    const distributions: Distribution[] = [];
    if (Array.isArray(resolution.variants)) {
      for (const variant of resolution.variants) {
        const file = map(map(variant).resolution);
        const url = str(file.url) ?? str(file.tarball);
        const hashes = sriHashes(str(file.integrity));
        if (url !== undefined || hashes.length > 0) distributions.push({ url, hashes });
      }
    }
    for (const [platform, integrity] of Object.entries(map(resolution.integrities))) {
      // Named as Node.js names its release archives (`node-v22.0.0-linux-x64.tar.gz`).
      const ext = platform.startsWith("win") ? "zip" : "tar.gz";
      const file = `${pkg.name}-v${pkg.version}-${platform}.${ext}`;
      distributions.push({ file, hashes: sriHashes(str(integrity)) });
    }
    return this.out.component({
      purl: formatPurl({ type: "generic", name: pkg.name, version: pkg.version }),
      ecosystem: "generic",
      name: pkg.name,
      version: pkg.version,
      ...distributionFields(distributions),
      scopes,
      sources: this.sources,
    });
  }

  /** Adds one decoded document: members, components, then edges. */
  add(d: Decoded, build: boolean): void {
    const { path, text, at, rush } = this.ctx;
    /** The importers outside the project (another checkout, never loaded): components. */
    const outsideImporters: string[] = [];
    for (const folder of d.importers.keys()) {
      const place = localPlace(at, folder);
      if (place.kind === "outside") {
        outsideImporters.push(folder);
        continue;
      }
      this.folders.set(folder, folder === "" ? this.top : this.folderId(folder));
      this.places.push(place);
    }
    /** The folders outside the project that links point to, by folder and name. */
    const outside = new Map<string, Outside>();
    const outsideNode = (folder: string, name: string): Outside => {
      const key = `${folder}\n${name}`;
      let node = outside.get(key);
      if (node === undefined) {
        outside.set(key, node = { outside: folder, name, scopes: [], linked: false });
      }
      return node;
    };
    /**
     * A dependency's target: a package of the lock, the id of a linked folder of
     * the project, or a linked folder outside it.
     */
    const resolve = (dep: Dep, from: string, owner: string): Node => {
      if (dep.ref.startsWith("link:")) {
        const folder = this.publishedFrom(joinPath(from, dep.ref.slice("link:".length)));
        const place = localPlace(at, folder);
        if (place.kind !== "outside") {
          this.linked.push(place);
          return this.folderId(folder, dep.name);
        }
        // A link to a folder outside the project (another checkout): third-party, no version.
        const node = outsideNode(folder, dep.name);
        node.linked = true;
        return node;
      }
      const key = targetKey(d.major, dep);
      const pkg = d.packages.get(key);
      if (pkg !== undefined) return pkg;
      const who = owner.trim().replace(/:$/, "");
      // A lock of one project (v5/v6) has no `importers:`: its dependencies are top-level
      // sections, where the dependency's own line is.
      const needle = owner.startsWith("\n") && !text.includes(owner) ? `\n  ${dep.name}:` : owner;
      const { base } = stripParens(key);
      // pnpm refuses it: ERR_PNPM_LOCKFILE_MISSING_DEPENDENCY, "Broken lockfile: no entry for".
      throw invalid(
        path,
        text,
        needle,
        `${who} depends on ${dep.name} ${dep.ref}, which the lock ${
          d.infos !== undefined && isRecord(d.infos[base])
            ? "lists in packages but not in snapshots"
            : "does not list"
        }`,
      );
    };
    const out = new Map<Pkg, [Node, Scope][]>();
    /** The packages that link to a folder of the project (few): their edges need filtering. */
    const linking = new Set<Pkg>();
    for (const pkg of d.packages.values()) {
      out.set(
        pkg,
        pkg.deps.map((dep) => {
          const to = resolve(dep, "", pkg.key);
          if (typeof to === "string") linking.add(pkg);
          return [to, dep.scope];
        }),
      );
    }
    const importerEdges: [string, Node, Scope][] = [];
    const roots: [Pkg | Outside, Scope][] = [];
    // An importer outside the project is the package a link or rush.json names for its folder
    // (no version: pnpm records none), with its dependencies; one nothing names is not in the
    // SBOM, but what pnpm installs for it is.
    for (const folder of outsideImporters) {
      const name = outsideImporterName(d, folder, rush);
      const deps = d.importers.get(folder)!.map((dep): [Node, Scope] => [
        resolve(dep, folder, `\n  ${folder}:`),
        dep.scope,
      ]);
      if (name === undefined) {
        this.warnings.push(
          `${path}: importer ${folder} is a folder outside the project, and nothing in the lock ` +
            "or rush.json names its package: it is not in the SBOM, its dependencies are",
        );
        for (const [to, scope] of deps) if (typeof to !== "string") roots.push([to, scope]);
        continue;
      }
      const node = outsideNode(folder, name);
      node.deps = deps;
    }
    for (const [folder, deps] of d.importers) {
      if (!this.folders.has(folder)) continue;
      for (const dep of deps) {
        const to = resolve(dep, folder, folder === "" ? "\n  .:" : `\n  ${folder}:`);
        importerEdges.push([this.folders.get(folder)!, to, dep.scope]);
        if (typeof to !== "string") roots.push([to, dep.scope]);
        if (typeof to !== "string" && "outside" in to) to.scopes.push(dep.scope);
      }
    }
    // Reachability from the importers decides, as for npm's flags (through packages only: a
    // linked folder is a member, whose importer edges are roots). v9 records no dev flag, and
    // the v5/v6 flags cannot say npm's `devOptional`: a package the dev tree requires and run
    // time reaches only through optional dependencies has neither flag there, as if runtime.
    const packageEdges = new Map<Pkg | Outside, [Pkg | Outside, Scope][]>();
    const next = (node: Pkg | Outside): [Pkg | Outside, Scope][] => {
      let edges = packageEdges.get(node);
      if (edges === undefined) {
        edges = "outside" in node
          ? packagesOnly(node.deps ?? [])
          : linking.has(node)
          ? packagesOnly(out.get(node)!)
          : out.get(node)! as [Pkg | Outside, Scope][];
        packageEdges.set(node, edges);
      }
      return edges;
    };
    // An importer outside the project that nothing links to is installed as a project is.
    for (const node of outside.values()) if (!node.linked) roots.push([node, "runtime"]);
    const reached = reach(roots, next);
    const ids = new Map<Pkg | Outside, string>();
    /**
     * The packages no importer reaches (a lock edited by hand or merged): pnpm installs only
     * what the importers reach (lockfile.filtering's filterLockfileByImportersAndEngine picks
     * the packages of their dependencies, down to the last; `pnpm install --frozen-lockfile`
     * installs no other), so they are dev, whatever their flags say. Not in a Rush lock, whose
     * temp folder's own importer (left out, see `withRushProjects`) installs the versions Rush
     * prefers: their flags say.
     */
    const unreached: string[] = [];
    for (const pkg of d.packages.values()) {
      const isReached = reached.prod.has(pkg) || reached.dev.has(pkg);
      if (!build && !isReached && rush === undefined) unreached.push(pkg.key);
      const scopes = build
        ? ["build" as const]
        : isReached
        ? reachScopes(reached, pkg)
        : flagScopes({ dev: pkg.dev === true || rush === undefined, optional: pkg.optional });
      ids.set(pkg, this.packageId(pkg, d, scopes));
      // An outside folder a package links to is installed with that package: its scopes.
      if (outside.size === 0) continue;
      for (const [to, scope] of out.get(pkg)!) {
        if (typeof to === "string" || !("outside" in to)) continue;
        to.scopes.push(...scopes.map((s) => s === "runtime" && scope === "optional" ? scope : s));
      }
    }
    if (unreached.length > 0) {
      const them = unreached.length === 1 ? "it" : "them";
      this.warnings.push(
        `${path} locks ${unreached.slice(0, 10).join(", ")}${
          unreached.length > 10 ? ` and ${unreached.length - 10} more` : ""
        }, which no importer reaches (a lock edited by hand or merged; pnpm installs only what ` +
          `the importers reach, not ${them}): the SBOM keeps ${them} as the lock does, dev`,
      );
    }
    for (const node of outside.values()) {
      this.warnOutside(node.name, node.outside);
      const scopes = build
        ? ["build" as const]
        : reached.prod.has(node) || reached.dev.has(node)
        ? reachScopes(reached, node)
        : node.scopes;
      ids.set(node, this.out.component(npmComponent({ name: node.name, scopes, sources: [path] })));
    }
    const idOf = (node: Node): string => typeof node === "string" ? node : ids.get(node)!;
    for (const [from, to, scope] of importerEdges) this.out.edge(from, idOf(to), scope);
    for (const node of outside.values()) {
      for (const [to, scope] of node.deps ?? []) this.out.edge(ids.get(node)!, idOf(to), scope);
      if (!node.linked) this.out.edge(this.top, ids.get(node)!, "runtime");
    }
    for (const { 0: pkg, 1: targets } of out) {
      const from = ids.get(pkg)!;
      for (const { 0: to, 1: scope } of targets) this.out.edge(from, idOf(to), scope);
    }
    for (const [folder, id] of this.folders) {
      if (folder !== "") this.out.edge(this.top, id, "runtime");
    }
  }
}

/**
 * The package name of an importer outside the project, whose package.json
 * vouch does not read: the project rush.json lists in that folder, else the
 * name the first `link:` to that folder gives it.
 */
function outsideImporterName(
  d: Decoded,
  folder: string,
  rush: RushLayout | undefined,
): string | undefined {
  for (const [name, project] of rush?.byName ?? []) {
    if (fromTemp(rush!, project.folder) === folder) return name;
  }
  const lists: [string, Dep[]][] = [
    ...d.importers,
    ...[...d.packages.values()].map((pkg): [string, Dep[]] => ["", pkg.deps]),
  ];
  for (const [from, deps] of lists) {
    for (const dep of deps) {
      if (dep.ref.startsWith("link:") && joinPath(from, dep.ref.slice("link:".length)) === folder) {
        return dep.name;
      }
    }
  }
  return undefined;
}

/**
 * A Rush lock's document with the projects of rush.json as its importers. The
 * temp folder's own importer (`.`: Rush's package, which depends on an older
 * lock's `@rush-temp` packages and on the versions Rush prefers) is none of the
 * repository's. An older lock's `@rush-temp/<name>` package is no component
 * but its project's importer: each dependency with the scope the project's
 * package.json gives it (the package lists devDependencies as dependencies),
 * and the projects it declares that Rush links itself (see `linkedProjects`)
 * linked. A project such a lock has no package for is an importer of those
 * links alone (see `unlockedProjects`); the package of a project rush.json no
 * longer lists stays, for `withoutRemovedProjects` to take out.
 */
function withRushProjects(
  d: Decoded,
  layout: RushLayout,
  path: string,
): { decoded: Decoded; unlocked: ReturnType<typeof unlockedProjects> } {
  const importers = new Map([...d.importers].filter(([folder]) => folder !== ""));
  const packages = new Map(d.packages);
  const links = (project: RushProject, listed: ReadonlySet<string>): Dep[] =>
    linkedProjects(layout, project, listed).map(({ name, to, scope }) => ({
      name,
      ref: `link:${relativeFolder(project.folder, to.folder)}`,
      scope,
    }));
  // An older lock installs no project as an importer: each is a `@rush-temp` package.
  const older = importers.size === 0;
  const temps: string[] = [];
  for (const [key, pkg] of d.packages) {
    const project = layout.byTempName.get(pkg.name);
    if (project === undefined) continue;
    temps.push(pkg.name);
    packages.delete(key);
    const deps = pkg.deps.map((dep): Dep => ({
      ...dep,
      scope: declaredScope(project, dep.name, dep.scope),
    }));
    deps.push(...links(project, new Set(deps.map((dep) => dep.name))));
    importers.set(fromTemp(layout, project.folder), deps);
  }
  const unlocked = older ? unlockedProjects(layout, temps, path) : [];
  for (const { project } of unlocked) {
    importers.set(fromTemp(layout, project.folder), links(project, new Set()));
  }
  return { decoded: { ...d, importers, packages }, unlocked };
}

/**
 * Adds to each importer the `link:` dependencies its package.json declares
 * and a lock written with `excludeLinksFromLockfile` leaves out by design
 * (pnpm links them from the specifier; `workspace:` links stay in the lock).
 */
function withExcludedLinks(
  d: Decoded,
  manifestOf: (folder: string) => PackageJson | undefined,
): void {
  for (const [folder, deps] of d.importers) {
    const manifest = manifestOf(folder);
    if (manifest === undefined) continue;
    const recorded = new Set(deps.map((dep) => dep.name));
    for (const [field, scope] of MANIFEST_FIELDS) {
      for (const [name, spec] of Object.entries(objectAt(manifest.json, field))) {
        if (typeof spec !== "string" || !spec.startsWith("link:") || recorded.has(name)) continue;
        deps.push({ name, ref: spec, scope });
        recorded.add(name);
      }
    }
  }
}

/**
 * The names pnpm's `packageExtensions` add to a project's manifest: pnpm extends every manifest
 * it reads, a workspace project's too, and locks the extended importer
 * (`@pnpm/hooks.read-package-hook` createPackageExtender: a selector `name` or `name@range`,
 * the range one the manifest's version satisfies, adds its `dependencies`,
 * `optionalDependencies` and `peerDependencies` to those the manifest lacks).
 */
function extendedNames(extensions: YamlMap, manifest: PackageJson | undefined): string[] {
  const name = manifest?.name;
  const version = str(manifest?.json.version);
  if (name === undefined) return [];
  const out: string[] = [];
  for (const [selector, extension] of Object.entries(extensions)) {
    const at = selector.indexOf("@", 1);
    const range = at < 0 ? undefined : selector.slice(at + 1);
    if ((at < 0 ? selector : selector.slice(0, at)) !== name) continue;
    if (
      range !== undefined && (version === undefined || npmRangeSatisfied(version, range) !== true)
    ) {
      continue;
    }
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies"]) {
      out.push(...Object.keys(map(map(extension)[field])));
    }
  }
  return out;
}

/**
 * A map of the project's pnpm configuration: the `field` of the pnpm-workspace.yaml beside
 * the lock (pnpm 10+), else of the `pnpm` field of its package.json.
 */
function pnpmSetting(load: Load, lockDir: string, field: string): YamlMap {
  const workspacePath = joinPath(lockDir, "pnpm-workspace.yaml");
  const workspace = load(workspacePath);
  const doc = workspace === undefined
    ? undefined
    : parseYamlDocuments(workspace, workspacePath, CODE).at(-1);
  if (isRecord(doc) && isRecord(doc[field])) return doc[field];
  const manifest = loadPackageJson(load, joinPath(lockDir, "package.json"));
  return map(map(manifest?.json.pnpm)[field]);
}

/**
 * The warning for a lock whose `catalogs` snapshot no longer matches the catalogs of the
 * pnpm-workspace.yaml beside it (`catalog:` is the `default` one, `catalogs:` the named ones):
 * pnpm resolves afresh, and a frozen install refuses the lock, when an entry's recorded
 * specifier differs from the workspace's (`@pnpm/lockfile.verification` allCatalogsAreUpToDate:
 * every snapshot entry's `specifier` must equal the configured one). Not checked without a
 * pnpm-workspace.yaml, where the catalogs live.
 */
function staleCatalogWarning(
  load: Load,
  lockDir: string,
  lock: YamlMap,
  path: string,
): string | undefined {
  const snapshot = map(lock.catalogs);
  if (Object.keys(snapshot).length === 0) return undefined;
  const workspacePath = joinPath(lockDir, "pnpm-workspace.yaml");
  const workspace = load(workspacePath);
  if (workspace === undefined) return undefined;
  const doc = map(parseYamlDocuments(workspace, workspacePath, CODE).at(-1));
  const named = map(doc.catalogs);
  const config = (name: string): YamlMap =>
    name === "default" && isRecord(doc.catalog) ? doc.catalog : map(named[name]);
  const stale: string[] = [];
  for (const [name, entries] of Object.entries(snapshot)) {
    for (const [alias, entry] of Object.entries(map(entries))) {
      const locked = map(entry).specifier;
      const wanted = config(name)[alias];
      if (locked === undefined || (wanted !== undefined && String(wanted) === String(locked))) {
        continue;
      }
      const label = name === "default" ? alias : `${alias} (catalog ${name})`;
      stale.push(
        wanted === undefined
          ? `${label}: ${String(locked)}, which it no longer lists`
          : `${label}: ${String(locked)}, now ${String(wanted)}`,
      );
    }
  }
  if (stale.length === 0) return undefined;
  return `${path} records catalog entries ${workspacePath} no longer has: ${stale.join("; ")}; ` +
    "pnpm finds the lock out of date and resolves the catalog afresh; run `pnpm install` to " +
    "update it (the SBOM has the lock's versions)";
}

/**
 * pnpm 10's config dependencies as the document pnpm 11 locks them in (the first of two):
 * pnpm 10 pins each in its configuration, not in the lock, as `<version>+<integrity>`
 * (`configDependencies` of pnpm-workspace.yaml, else of the package.json's `pnpm` field), and
 * installs it (node_modules/.pnpm-config) before anything else: a build component.
 */
function configDependencies(load: Load, lockDir: string): Decoded | undefined {
  const deps: Dep[] = [];
  const packages = new Map<string, Pkg>();
  for (const [name, value] of Object.entries(pnpmSetting(load, lockDir, "configDependencies"))) {
    const pinned = str(value);
    const plus = pinned?.indexOf("+") ?? -1;
    if (pinned === undefined || plus <= 0) continue;
    const version = pinned.slice(0, plus);
    const key = `${name}@${version}`;
    deps.push({ name, ref: version, scope: "build" });
    packages.set(key, {
      key,
      name,
      version,
      resolution: { integrity: pinned.slice(plus + 1) },
      deps: [],
      optional: false,
    });
  }
  if (deps.length === 0) return undefined;
  const none = new Map<string, string>();
  return {
    major: 9,
    importers: new Map([["", deps]]),
    packages,
    patches: none,
    patchesByHash: none,
  };
}

/**
 * Whether the lock's `ignoredOptionalDependencies` (pnpm's setting, which the
 * lock records) names an optional dependency: its patterns, with `*` for any
 * text and `!` to take names back out, the last that matches deciding (pnpm's
 * `createMatcher`).
 */
function ignoredOptional(patterns: unknown): (name: string) => boolean {
  const list = Array.isArray(patterns) ? patterns.filter((p) => typeof p === "string") : [];
  const rules = list.map((pattern: string) => {
    const negated = pattern.startsWith("!");
    return { negated, parts: (negated ? pattern.slice(1) : pattern).split("*") };
  });
  return (name) => {
    let matched = rules.length > 0 && rules.every((r) => r.negated);
    for (const rule of rules) if (wildcardMatch(rule.parts, name)) matched = !rule.negated;
    return matched;
  };
}

/**
 * The warnings for an importer whose package.json declares what the importer
 * lacks: a lock older than the package.json (`options.install` updates it:
 * `pnpm install`, or `rush update` in a Rush monorepo), but
 * for an `optionalDependencies` entry, which the install that wrote the lock
 * could not resolve and left out (a frozen install leaves it out again: pnpm's
 * `unresolvedOptionalDependencies`), or one `ignoredOptionalDependencies`
 * leaves out by design (no warning).
 */
function importerWarnings(
  manifest: PackageJson | undefined,
  recorded: ReadonlySet<string>,
  options: { lock: string; install: string; ignored: (name: string) => boolean },
): string[] {
  if (manifest === undefined) return [];
  const optional = objectAt(manifest.json, "optionalDependencies");
  const stale = unlockedDeclarations(
    manifest,
    (n) => recorded.has(n) || Object.hasOwn(optional, n),
  );
  const skipped = Object.entries(optional)
    .filter(([name, range]) =>
      typeof range === "string" && !recorded.has(name) && !options.ignored(name)
    )
    .map(([name, range]) => `${name}@${range}`);
  const { install } = options;
  return [
    ...(stale.length === 0
      ? []
      : [unlockedWarning(manifest.path, stale, { lock: options.lock, install })]),
    ...(skipped.length === 0
      ? []
      : [unlockedWarning(manifest.path, skipped, { lock: options.lock, install, optional: true })]),
  ];
}

/**
 * Reads a pnpm `pnpm-lock.yaml`: lockfileVersion 5.0–5.4 (pnpm 3–7, also
 * `5.4-inlineSpecifiers`; and pnpm 1–2's `shrinkwrap.yaml`, shrinkwrapVersion 3
 * and 4, of the same shape), 6.x (pnpm 8), 7.x (pnpm 9 pre-releases) and 9.x
 * (pnpm 9–11, including the two-document form whose first document, pnpm's
 * own config and package-manager dependencies, gives build components; pnpm 10 pins its config
 * dependencies in its configuration instead, read as that document). Importers are the project (`.`) and its workspace members,
 * named by their package.json; `link:`, `file:` folders and `directory`
 * resolutions in the project are first-party members, never components (a
 * folder outside it, another checkout, is a component; an importer there is
 * the package a `link:` to it or rush.json names, its package.json unread). Peer-suffixed keys
 * collapse to one component per name@version; git and tarball resolutions
 * carry `vcs_url` / `download_url`; `patchedDependencies` are recorded on the
 * patched component; `integrity` gives hashes. A runtime pnpm installs
 * (`node@runtime:22.0.0`, `deno@runtime:…`, `bun@runtime:…`) is the runtime
 * itself, `pkg:generic/node@22.0.0`, with its per-platform archives as
 * distributions. A dependency on a key the lock does not list is an error
 * (pnpm calls such a lock broken). A Rush monorepo's lock
 * (`common/config/rush/`, a subspace's `common/config/subspaces/<name>/`) is
 * read from the folder Rush installs it in, `common/temp/` (`common/temp/<name>/`):
 * its importers are the projects of rush.json, an older lock's `@rush-temp`
 * packages too (see `_rush.ts`).
 *
 * @example
 * ```ts
 * import { readPnpmLock } from "./pnpm_lock.ts";
 * const lock = [
 *   "lockfileVersion: '9.0'",
 *   "importers:",
 *   "  .:",
 *   "    dependencies:",
 *   "      ms: {specifier: ^2.1.3, version: 2.1.3}",
 *   "packages:",
 *   "  ms@2.1.3:",
 *   "    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}",
 *   "snapshots:",
 *   "  ms@2.1.3: {}",
 * ].join("\n");
 * const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined });
 * out.components[0].id; // "pkg:npm/ms@2.1.3"
 * ```
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root;
 *   `load`: reads the package.json files of the project and its members.
 * @returns Members, components, edges and the project (from the package.json
 *   beside the lock).
 * @throws {VouchError} `inventory.pnpm_lock.invalid` for malformed YAML, an
 *   unsupported lockfileVersion or a broken reference (with `file:line`).
 */
export function readPnpmLock(
  text: string,
  options: Pick<ReaderContext, "load" | "excluded" | "peek"> & { path: string },
): ReaderResult {
  const { path, load } = options;
  const docs = parseYamlDocuments(text, path, CODE);
  if (docs.length === 0 || !docs.every(isRecord)) {
    throw invalid(path, text, "", "expected a YAML mapping with a lockfileVersion");
  }
  const lockDir = folderOf(path);
  const rush = rushLayout(path, load, CODE);
  const base = rush?.temp ?? lockDir;
  let patchFiles: YamlMap | undefined;
  const ctx = {
    path,
    text,
    load,
    lockDir,
    base,
    at: rush === undefined ? path : joinPath(base, "pnpm-lock.yaml"),
    rush,
    patchFiles: () => patchFiles ??= pnpmSetting(load, lockDir, "patchedDependencies"),
  };
  const decoded = (docs as YamlMap[]).map((doc) => {
    const major = majorOf(doc);
    if (major === undefined) {
      throw invalid(
        path,
        text,
        "lockfileVersion",
        `lockfileVersion ${
          JSON.stringify(doc.lockfileVersion ?? null)
        } is not supported (5.x, 6.x, 7.x and 9.x are)`,
      );
    }
    return major === 9 ? decodeV9(doc, ctx) : decodeV5V6(doc, major, ctx);
  });
  // A lock of one document is pnpm 10's or older: its config dependencies are configured.
  const config = docs.length === 1 && rush === undefined
    ? configDependencies(load, lockDir)
    : undefined;
  if (config !== undefined) decoded.unshift(config);
  const rushProjects = rush === undefined
    ? undefined
    : withRushProjects(decoded.pop()!, rush, path);
  if (rushProjects !== undefined) decoded.push(rushProjects.decoded);
  const unlocked = new Map(
    (rushProjects?.unlocked ?? []).map((u) => [fromTemp(rush!, u.project.folder), u.warning]),
  );
  if (map((docs as YamlMap[]).at(-1)!.settings).excludeLinksFromLockfile === true) {
    withExcludedLinks(
      decoded.at(-1)!,
      (folder) =>
        loadPackageJson(
          load,
          joinPath(folder === "" ? lockDir : joinPath(base, folder), "package.json"),
        ),
    );
  }
  const mapper = new PnpmMapper(ctx);
  decoded.forEach((d, i) => mapper.add(d, i < decoded.length - 1));
  const manifest = loadPackageJson(load, joinPath(ctx.lockDir, "package.json"));
  const project = manifestProjectFields(manifest);
  // The project's importers (the last document) against their package.json files.
  const warnings = [...mapper.warnings];
  const ignored = ignoredOptional((docs as YamlMap[]).at(-1)!.ignoredOptionalDependencies);
  // pnpm runs the readPackage hook of the pnpmfile beside the lock on every project's manifest
  // before it resolves (pnpm 7.33's install: `project.manifest = await
  // opts.readPackageHook(clone(project.manifest), project.rootDir)`), so a lock may record what
  // the hook adds. pnpm 9 keeps the file's checksum in the lock (and refuses a frozen install
  // when it differs); pnpm 8 and older keep nothing: the file is `.pnpmfile.cjs` from pnpm 6
  // on (lockfile 5.3), `pnpmfile.js` before.
  const last = (docs as YamlMap[]).at(-1)!;
  const pnpmfile = majorOf(last) === 9
    ? undefined
    : last.shrinkwrapVersion !== undefined || /^5(?:\.[0-2])?$/.test(String(last.lockfileVersion))
    ? "pnpmfile.js"
    : ".pnpmfile.cjs";
  const hooked = last.pnpmfileChecksum !== undefined ||
    (pnpmfile !== undefined && (options.peek ?? load)(joinPath(lockDir, pnpmfile)) !== undefined);
  if (rush === undefined) {
    const catalogs = staleCatalogWarning(load, lockDir, last, path);
    if (catalogs !== undefined) warnings.push(catalogs);
  }
  let extensions: YamlMap | undefined;
  for (const [folder, deps] of decoded.at(-1)!.importers) {
    const rushWarning = unlocked.get(folder);
    if (rushWarning !== undefined) {
      warnings.push(rushWarning);
      continue;
    }
    const own = folder === ""
      ? manifest
      : loadPackageJson(load, joinPath(base, folder, "package.json"));
    // An importer of a folder of the tree without a package.json, where the project's own is
    // there to read: a project removed since the lock was written. pnpm installs the projects
    // it finds (a frozen install filters the lock by them), so none there.
    if (
      own === undefined && folder !== "" && manifest !== undefined && rush === undefined &&
      localPlace(path, folder).kind !== "outside"
    ) {
      const manifestPath = joinPath(base, folder, "package.json");
      warnings.push(
        `${manifestPath} does not exist, though ${path} has an importer for its folder: pnpm ` +
          "installs no such project (a lock older than the workspace; `pnpm install` drops the " +
          "importer); the SBOM has it as the lock does",
      );
      continue;
    }
    const recorded = new Set(deps.map((dep) => dep.name));
    warnings.push(...importerWarnings(own, recorded, {
      lock: path,
      install: rush === undefined ? "pnpm install" : "rush update",
      ignored,
    }));
    // A `.pnpmfile.cjs` may add dependencies to a project's manifest as pnpm reads it
    // (`readPackage`), and so may Rush's: not checked then.
    if (rush !== undefined || hooked) continue;
    // The project's `packageExtensions` extend its manifest too, and the lock records them.
    extensions ??= pnpmSetting(load, ctx.lockDir, "packageExtensions");
    for (const name of extendedNames(extensions, own)) recorded.delete(name);
    const undeclared = undeclaredRecordWarning(own, recorded, {
      lock: path,
      install: "pnpm install",
      frozen: "pnpm install --frozen-lockfile",
    });
    if (undeclared !== undefined) warnings.push(undeclared);
  }
  const result = withoutExcludedMembers({
    ...mapper.out.build({ directFromEdges: true }),
    ...project,
    ...memberFolders(mapper.places),
    ...linkedFolders(mapper.linked, mapper.places),
    ...(warnings.length > 0 ? { warnings } : {}),
  }, options.excluded);
  return rush === undefined ? result : rushResult(result, rush, path);
}
