/**
 * Reader for npm `package-lock.json` and `npm-shrinkwrap.json` (lockfileVersion
 * 1, 2 and 3).
 *
 * @module
 */

import { VouchError } from "../../errors.ts";
import { isRecord } from "../../_util.ts";
import { OutputBuilder } from "../_builder.ts";
import { type JsonObject, keyLine, objectAt, parseJsonObject, stringAt } from "../_formats/json.ts";
import { sriHashes } from "../_sri.ts";
import { localPlace, memberFolders } from "../_paths.ts";
import type { ReaderResult } from "../_reader.ts";
import {
  alsoDeclared,
  flagScopes,
  folderMember,
  folderOf,
  isLocalPath,
  joinPath,
  loadPackageJson,
  lockProjectNode,
  MANIFEST_FIELDS,
  manifestProjectFields,
  npmComponent,
  npmLicense,
  originQualifiers,
  outsideFolderWarning,
  ownNpmPurl,
  type PackageJson,
  reachableFrom,
  registryTarballName,
  tarballVersion,
  unlockedWarning,
  withoutExcludedMembers,
} from "./_npm.ts";
import { type Project, type ReaderOutput, ROOT_ID, type Scope } from "../types.ts";
import { posix } from "../../_path.ts";
import {
  declaredScope,
  fromTemp,
  linkedProjects,
  type RushLayout,
  rushLayout,
  type RushProject,
  rushResult,
  staleProjectWarning,
  unlockedProjects,
} from "./_rush.ts";

const CODE = "inventory.package_lock.invalid";
const NODE_MODULES = "node_modules/";
/** A folder's `node_modules` inside a path (`a/node_modules/b`). */
const NESTED = `/${NODE_MODULES}`;

/** The dependency maps of a lock entry and the scope each one gives its edges. */
const DEPENDENCY_FIELDS: ReadonlyArray<[string, Scope]> = [
  ["dependencies", "runtime"],
  ["optionalDependencies", "optional"],
  ["peerDependencies", "runtime"],
  ["devDependencies", "dev"],
];

/**
 * An entry's scopes from its flags. An `extraneous` entry is one nothing in the
 * project requires (npm writes that flag instead of the others, and prunes the
 * package instead of installing it): arborist starts every node as dev and
 * optional and clears the flags along the paths that reach it, so it is dev.
 */
function entryScopes(entry: JsonObject): Scope[] {
  if (entry.extraneous === true) return flagScopes({ dev: true, optional: true });
  return flagScopes({
    dev: entry.dev === true,
    optional: entry.optional === true,
    devOptional: entry.devOptional === true,
  });
}

/**
 * A lock entry of the project or a member with the declarations of its package.json in place of
 * the lock's record of them; with `v1Folder`, only the devDependencies and peerDependencies the
 * record has too.
 */
function withDeclarations(
  recorded: JsonObject,
  manifest: JsonObject,
  options: { v1Folder: boolean },
): JsonObject {
  const entry = { ...recorded };
  for (const field of [...DEPENDENCY_FIELDS.map(([f]) => f), "peerDependenciesMeta"]) {
    entry[field] = objectAt(manifest, field);
  }
  if (options.v1Folder) {
    for (const field of ["devDependencies", "peerDependencies"]) {
      entry[field] = Object.fromEntries(
        Object.entries(objectAt(manifest, field)).filter(([name]) =>
          DEPENDENCY_FIELDS.some(([f]) => Object.hasOwn(objectAt(recorded, f), name))
        ),
      );
    }
  }
  return entry;
}

/**
 * What (`[name, "name@range"]`) a lock's record of the project or a member declares and its
 * package.json does not, in none of its dependency fields.
 */
function undeclaredRecords(recorded: JsonObject, manifest: JsonObject): Array<[string, string]> {
  const declared = (name: string): boolean =>
    DEPENDENCY_FIELDS.some(([field]) => Object.hasOwn(objectAt(manifest, field), name));
  const out = new Map<string, string>();
  for (const [field] of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(objectAt(recorded, field))) {
      if (!declared(name) && !out.has(name)) {
        out.set(name, `${name}@${typeof range === "string" ? range : ""}`);
      }
    }
  }
  return [...out];
}

/**
 * The warning for what the lock records as declared by a package.json that no longer declares
 * it: npm installs what the package.json declares, so the project does not depend on it; the
 * package stays in the SBOM as the lock has it, dev when nothing else reaches it (`pruned`:
 * `npm ci` prunes it, see `unreachedComponents`).
 */
function undeclaredWarning(
  manifestPath: string,
  undeclared: readonly string[],
  options: { lock: string; pruned: readonly string[] },
): string {
  const is = undeclared.length === 1 ? "it is" : "they are";
  const { pruned } = options;
  const them = pruned.length === 1 ? "it" : "them";
  return `${manifestPath} does not declare ${undeclared.join(", ")}, which ${options.lock} ` +
    `records for it (a lock older than the package.json): npm installs what package.json ` +
    `declares, so ${is} no dependency of that package in the SBOM; ` +
    (pruned.length === 0 ? "" : `nothing else reaches ${pruned.join(", ")} (\`npm ci\` prunes ` +
      `${them}): the SBOM keeps ${them} as the lock does, dev; `) +
    "run `npm install` to update the lock";
}

/**
 * The components nothing reaches from the project and its members: what a lock older than its
 * package.json files keeps (a dependency removed without `npm install`, and what only it
 * needs). `npm ci` builds its tree from the lock with the package.json files read afresh
 * (buildIdealTree's #initTree calls loadVirtual with the root, which marks the flags suspect:
 * every node extraneous, dev and optional until calcDepFlags walks the edges from the root and
 * clears them), then #fixDepFlags prunes every node left extraneous (#idealTreePrune).
 */
function unreachedComponents(output: ReaderOutput): Set<string> {
  const reached = reachableFrom(
    output.edges,
    [ROOT_ID, ...output.members.map((m) => m.id)],
    new Set(),
  );
  return new Set(output.components.filter((c) => !reached.has(c.id)).map((c) => c.id));
}

/**
 * The warnings for the workspaces whose package.json names them otherwise than the root link the
 * lock has for them (`node_modules/old-name` → `packages/a`, whose package.json now says
 * `new-name`): npm links a workspace under the name its package.json gives (arborist's
 * setWorkspaces, through @npmcli/map-workspaces), so `npm ci` misses that link in the lock and
 * refuses it ("Missing: new-name@1.0.0 from lock file"). A `file:` dependency the project declares
 * is linked under its declared name, so a link the root package.json declares `file:` is not one
 * (npm/cli's root declares its workspaces by range, `"libnpmteam": "^8.0.2"`: they are).
 */
function renamedWorkspaces(
  linkTarget: ReadonlyMap<string, string>,
  root: PackageJson | undefined,
  options: {
    lock: string;
    lockDir: string;
    own: (folder: string) => boolean;
    load: ((path: string) => string | undefined) | undefined;
  },
): string[] {
  const { load } = options;
  if (root === undefined || load === undefined || !listsWorkspaces(root.json)) return [];
  const warnings: string[] = [];
  for (const [link, folder] of linkTarget) {
    const name = packageName(link, {});
    const linked = DEPENDENCY_FIELDS.some(([f]) => {
      const spec = objectAt(root.json, f)[name];
      return typeof spec === "string" && spec.startsWith("file:");
    });
    if (link !== NODE_MODULES + name || linked || !options.own(folder)) continue;
    const own = loadPackageJson(load, joinPath(options.lockDir, folder, "package.json"));
    if (own?.name === undefined || own.name === name) continue;
    warnings.push(
      `${own.path} names its package ${own.name}, which ${options.lock} links as ${name} (a ` +
        "lock older than the package.json; `npm ci` refuses it): run `npm install` to update " +
        "the lock",
    );
  }
  return warnings;
}

/** Whether a package.json, or a lock's record of one, lists workspaces (`[…]` or `{ packages }`). */
function listsWorkspaces(json: JsonObject): boolean {
  const field = json.workspaces;
  const patterns = isRecord(field) ? field.packages : field;
  return Array.isArray(patterns) && patterns.length > 0;
}

/**
 * The workspace links (`[link, folder]`) of a lock whose root package.json lists no workspaces
 * any more: arborist's setWorkspaces finds none there, so the root has no workspace edges;
 * loadVirtual's checkRootEdges sees those of the lock (`mapWorkspaces.virtual`) differ and marks
 * the tree's flags suspect, and buildIdealTree's #fixDepFlags then prunes every node the root's
 * edges do not reach (#idealTreePrune). `npm ci` accepts the lock (validateLockfile misses nothing)
 * and installs neither those members nor what only they reach. A link the root still declares
 * (npm/cli's `"libnpmteam": "^8.0.2"`) is reached, so kept.
 */
function unlistedWorkspaces(
  linkTarget: ReadonlyMap<string, string>,
  root: PackageJson | undefined,
  recorded: JsonObject,
  own: (folder: string) => boolean,
): Array<[string, string]> {
  if (root === undefined || listsWorkspaces(root.json) || !listsWorkspaces(recorded)) return [];
  return [...linkTarget].filter(([link, folder]) => {
    const name = packageName(link, {});
    return link === NODE_MODULES + name && own(folder) && !aboveLock(folder) &&
      !DEPENDENCY_FIELDS.some(([f]) => Object.hasOwn(objectAt(root.json, f), name));
  });
}

/** Whether the package.json beside the lock marks the project `private` (see `ReaderResult.projectIsTooling`). */
function isPrivate(
  load: ((path: string) => string | undefined) | undefined,
  lock: string,
): boolean {
  if (load === undefined) return false;
  return loadPackageJson(load, joinPath(folderOf(lock), "package.json"))?.json.private === true;
}

/** Whether a lock's location is a folder above the lock's (`..`, `../napi`): the tree's root or another checkout. */
function aboveLock(location: string): boolean {
  return location === ".." || location.startsWith("../");
}

/** The folder whose `node_modules` npm searches next (Node's upward walk). */
function parentFolder(location: string): string {
  const nested = /(?:^|\/)node_modules\/(?:@[^/]+\/)?[^/]+$/.exec(location);
  if (nested) return location.slice(0, nested.index);
  const slash = location.lastIndexOf("/");
  return slash === -1 ? "" : location.slice(0, slash);
}

/**
 * The package whose tarball ships an `extraneous` bundled entry, `node_modules/npm` for
 * `node_modules/npm/node_modules/lodash._baseindexof` (npm 6 bundles packages nothing of it
 * requires): the nearest package up its node_modules path that is not bundled itself. npm
 * writes the entry `extraneous`, yet installs it with that tarball, `npm ci --omit=dev` too:
 * reify extracts a bundled dependency with its bundler, never on its own (arborist's
 * reify.js, `inDepBundle`). The project's own bundleDependencies are installed from the
 * registry (npm bundles them when it packs the project), so an extraneous one is pruned.
 */
function bundlerOf(key: string, entry: JsonObject, entries: ReadonlyMap<string, JsonObject>):
  | string
  | undefined {
  if (entry.inBundle !== true || entry.extraneous !== true) return undefined;
  let folder = parentFolder(key);
  while (entries.get(folder)?.inBundle === true) folder = parentFolder(folder);
  const bundler = entries.get(folder);
  const installed = folder.startsWith(NODE_MODULES) || folder.includes(`/${NODE_MODULES}`);
  return installed && bundler !== undefined && bundler.link !== true ? folder : undefined;
}

function packageName(key: string, entry: JsonObject): string {
  const at = key.lastIndexOf(NODE_MODULES);
  return stringAt(entry, "name") ?? (at === -1 ? key : key.slice(at + NODE_MODULES.length));
}

function invalidEntry(text: string, path: string, key: string, what: string): VouchError {
  return new VouchError(
    CODE,
    `${path}:${keyLine(text, key)}: package ${JSON.stringify(key)} ${what}`,
    `regenerate ${path} with \`npm install\``,
  );
}

/** A git locator as npm 6 writes it in a lockfileVersion 1 `version`. */
const GIT_SPEC = /^(?:git\+|git:|github:|gitlab:|bitbucket:)/;
const TARBALL_FILE = /\.(?:tgz|tar\.gz|tar)$/;

/**
 * How deep a lockfileVersion 1 tree may nest `dependencies` (node_modules
 * inside node_modules): real trees stay far below it; a deeper one is refused
 * (its install paths would grow without bound), never a stack overflow.
 */
const MAX_NESTING = 128;

/**
 * The `packages` map (lockfileVersion 2 form) of a lockfileVersion 1 lock (npm
 * 5 and 6): its nested `dependencies` tree laid out by install location, each
 * entry's `version` read for what npm 6 wrote there (a version, an
 * `npm:name@version` alias, a git locator, a `file:` folder or tarball, a
 * tarball URL) and its `requires` as its dependencies. The root's declarations
 * come from the package.json beside the lock (a v1 lock does not record them);
 * without one, every top-level package nothing else requires is direct.
 */
function v1Packages(
  lock: JsonObject,
  text: string,
  path: string,
  load: ((path: string) => string | undefined) | undefined,
): Record<string, unknown> {
  const packages: Record<string, unknown> = {};
  const required = new Set<string>();
  const lay = (prefix: string, tree: JsonObject, depth: number): void => {
    for (const [name, raw] of Object.entries(tree)) {
      if (!isRecord(raw)) throw invalidEntry(text, path, name, "is not an object");
      if (depth > MAX_NESTING) {
        throw invalidEntry(text, path, name, `is nested more than ${MAX_NESTING} levels deep`);
      }
      const key = `${prefix}${NODE_MODULES}${name}`;
      const spec = stringAt(raw, "version");
      if (spec === undefined) throw invalidEntry(text, path, name, "has no version");
      const requires = objectAt(raw, "requires");
      for (const dep of Object.keys(requires)) required.add(dep);
      const entry: JsonObject = {
        resolved: raw.resolved,
        integrity: raw.integrity,
        dev: raw.dev,
        optional: raw.optional,
        dependencies: requires,
      };
      const alias = /^npm:(@?[^@]+)@(.+)$/.exec(spec);
      if (alias) {
        entry.name = alias[1];
        entry.version = alias[2];
      } else if (spec.startsWith("file:") && !TARBALL_FILE.test(spec)) {
        // A folder: a first-party package, as npm 7+ records it (a link and its folder,
        // relative to the lock's folder, with the link's flags); what npm 6 installed for
        // the folder is nested under it, so it lies in the folder's node_modules.
        const folder = joinPath(spec.slice("file:".length));
        packages[key] = { link: true, resolved: folder, dev: raw.dev, optional: raw.optional };
        packages[folder] ??= { dependencies: requires, dev: raw.dev, optional: raw.optional };
        lay(folder === "" ? "" : `${folder}/`, objectAt(raw, "dependencies"), depth + 1);
        continue;
      } else if (GIT_SPEC.test(spec) || spec.startsWith("file:") || /^https?:/.test(spec)) {
        // The package's own name and version are not recorded: a registry's tarball URL says
        // the package (`"foo-odd": "https://registry.npmjs.org/is-odd/-/is-odd-3.0.1.tgz"`,
        // the key only the folder's name), a tarball's file name may say the version.
        const real = /^https?:/.test(spec) ? registryTarballName(spec) : undefined;
        if (real !== undefined && real !== name) entry.name = real;
        entry.resolved = GIT_SPEC.test(spec) ? spec : stringAt(raw, "resolved") ?? spec;
        entry.version = GIT_SPEC.test(spec) ? undefined : tarballVersion(real ?? name, spec);
      } else {
        entry.version = spec;
      }
      packages[key] = entry;
      lay(`${key}/`, objectAt(raw, "dependencies"), depth + 1);
    }
  };
  lay("", objectAt(lock, "dependencies"), 1);
  const manifestText = load?.(joinPath(folderOf(path), "package.json"));
  const manifest = manifestText === undefined ? undefined : loadPackageJson(
    () => manifestText,
    joinPath(folderOf(path), "package.json"),
  );
  const root: JsonObject = {};
  if (manifest !== undefined) {
    for (const [field] of MANIFEST_FIELDS) root[field] = objectAt(manifest.json, field);
  } else {
    const top = Object.keys(objectAt(lock, "dependencies")).filter((name) => !required.has(name));
    root.dependencies = Object.fromEntries(top.map((name) => [name, "*"]));
  }
  packages[""] = root;
  return packages;
}

/**
 * The `packages` of a Rush lock (see _rush.ts) with the projects of rush.json
 * in them: the temp folder's own package (`""`, Rush's) declares nothing of
 * the repository's; a `@rush-temp/<name>` package, and what is nested in it, is
 * its project's folder (relative to the temp folder), each dependency in the
 * field of the project's package.json that names it (the package lists
 * devDependencies as dependencies), and the projects it declares that Rush
 * links itself (see `linkedProjects`) linked, as npm records a workspace's links.
 * A project the lock has no package for is a folder of those links alone (see
 * `unlockedProjects`); the package of a project rush.json no longer lists
 * stays, for `withoutRemovedProjects` to take out.
 */
function withRushProjects(
  packages: Record<string, unknown>,
  layout: RushLayout,
  path: string,
): { packages: Record<string, unknown>; warnings: string[] } {
  const out: Record<string, unknown> = { "": {} };
  const temp = /^node_modules\/(@rush-temp\/[^/]+)(\/.*)?$/;
  /** A project's folder entry, with the links to the projects it declares that Rush links. */
  const addProject = (project: RushProject, fields: Record<Scope, JsonObject>): void => {
    const folder = fromTemp(layout, project.folder);
    const listed = new Set([...Object.values(fields)].flatMap((f) => Object.keys(f)));
    for (const { name, to, scope } of linkedProjects(layout, project, listed)) {
      fields[scope][name] = "*";
      out[`${folder}/${NODE_MODULES}${name}`] = {
        link: true,
        resolved: fromTemp(layout, to.folder),
      };
    }
    out[folder] = {
      name: project.manifest?.name,
      version: project.manifest?.version,
      dependencies: fields.runtime,
      optionalDependencies: fields.optional,
      devDependencies: fields.dev,
    };
  };
  const noFields = (): Record<Scope, JsonObject> => ({
    runtime: {},
    optional: {},
    dev: {},
    build: {},
  });
  const temps: string[] = [];
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(packages)) {
    if (key === "") continue;
    const match = temp.exec(key);
    const project = match === null ? undefined : layout.byTempName.get(match[1]);
    if (project === undefined) {
      out[key] = value;
      continue;
    }
    if (match![2] !== undefined) {
      out[`${fromTemp(layout, project.folder)}${match![2]}`] = value;
      continue;
    }
    temps.push(project.tempName);
    const entry = isRecord(value) ? value : {};
    const fields = noFields();
    const listed = new Set<string>();
    for (const [field, scope] of DEPENDENCY_FIELDS) {
      for (const [name, range] of Object.entries(objectAt(entry, field))) {
        fields[declaredScope(project, name, scope)][name] = range;
        listed.add(name);
      }
    }
    const stale = staleProjectWarning(layout, project, { listed, lock: path });
    if (stale !== undefined) warnings.push(stale);
    addProject(project, fields);
  }
  const unlocked = unlockedProjects(layout, temps, path);
  for (const { project } of unlocked) addProject(project, noFields());
  return { packages: out, warnings: [...warnings, ...unlocked.map((u) => u.warning)] };
}

/**
 * Reads an npm `package-lock.json` or `npm-shrinkwrap.json` (lockfileVersion 2
 * or 3, its `packages` map; lockfileVersion 1, its nested `dependencies` tree,
 * with the root's declarations from the package.json beside it, which `load`
 * reads; a shrinkwrap of npm 4 or before, with no lockfileVersion, as a
 * lockfileVersion 1 tree that records no `requires`, with a warning). Workspace folders and the `link: true` entries pointing at them become
 * members (a linked folder outside the project, another checkout, is a
 * component); every other entry is a component whose name is its `name` field
 * (npm aliases) or the last `node_modules/` segment of its key, with its
 * `license`; JSR packages installed through npm (`@jsr/scope__name`) are
 * `pkg:jsr` components. Dependencies
 * are resolved the way Node does, walking up the nested `node_modules`
 * folders from the dependent's location. A Rush monorepo's
 * `common/config/rush/npm-shrinkwrap.json` is read from `common/temp/`, its
 * `@rush-temp` packages as the projects of rush.json (see `_rush.ts`).
 *
 * @example
 * ```ts
 * import { readPackageLock } from "./package_lock.ts";
 * const lock = JSON.stringify({
 *   name: "app", version: "1.0.0", lockfileVersion: 3,
 *   packages: {
 *     "": { name: "app", version: "1.0.0", dependencies: { ms: "^2.1.3" } },
 *     "node_modules/ms": { version: "2.1.3" },
 *   },
 * });
 * readPackageLock(lock, { path: "package-lock.json" }).components[0].id; // "pkg:npm/ms@2.1.3"
 * ```
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root;
 *   `load`: reads another file of the project (root-relative path).
 * @returns Members, components, edges, the root project, and a warning per package.json
 *   declaration the lock does not resolve (an optional one as one npm left out, no stale lock).
 */
export function readPackageLock(
  text: string,
  options: {
    path: string;
    load?: (path: string) => string | undefined;
    excluded?: (folder: string) => boolean;
  },
): ReaderResult {
  const { path } = options;
  const lock = parseJsonObject(text, path, CODE);
  const version = lock.lockfileVersion;
  // No lockfileVersion: an "ancient" shrinkwrap of npm 4 or before (npm's docs), which npm still
  // reads: a v1 `dependencies` tree without `requires`.
  const ancient = version === undefined && !isRecord(lock.packages) && isRecord(lock.dependencies);
  if (version !== 1 && version !== 2 && version !== 3 && !ancient) {
    throw new VouchError(
      "inventory.package_lock.unsupported_version",
      `${path}:${keyLine(text, "lockfileVersion")}: lockfileVersion ${
        JSON.stringify(version ?? null)
      } is not supported`,
      "regenerate it with npm 7 or later (`npm install --lockfile-version 3`)",
    );
  }
  if ((version === 1 || ancient) && !isRecord(lock.packages)) {
    lock.packages = v1Packages(lock, text, path, options.load);
  }
  if (!isRecord(lock.packages)) {
    throw new VouchError(CODE, `${path}:1: no "packages" map`, `regenerate ${path} with npm 7+`);
  }
  // A Rush lock is npm's in the temp folder: its paths are relative to it.
  const rush = options.load === undefined ? undefined : rushLayout(path, options.load, CODE);
  const rushProjects = rush === undefined ? undefined : withRushProjects(lock.packages, rush, path);
  if (rushProjects !== undefined) lock.packages = rushProjects.packages;
  const at = rush === undefined ? path : joinPath(rush.temp, posix.basename(path));
  const packages = lock.packages as Record<string, unknown>;
  const entries = new Map<string, JsonObject>();
  for (const key of Object.keys(packages)) {
    const entry = packages[key];
    if (!isRecord(entry)) throw invalidEntry(text, path, key, "is not an object");
    entries.set(key, entry);
  }

  const out = new OutputBuilder();
  const lockDir = rush?.temp ?? folderOf(path);
  const top = entries.get("") ?? {};
  // An empty name is no name (npm names the project after its folder then), and so is the
  // lock's own `name` when the package.json beside it has none: npm wrote its folder's name
  // there (gitea's `"name": "gitea"` beside a nameless package.json; its go.mod names it).
  // Rush's package (`rush-common`) names no project.
  const beside = rush || options.load === undefined
    ? undefined
    : loadPackageJson(options.load, joinPath(lockDir, "package.json"));
  const lockName = rush || (beside !== undefined && !beside.name)
    ? undefined
    : stringAt(lock, "name");
  const topName = stringAt(top, "name") || lockName || undefined;
  const topFields = {
    name: topName,
    version: stringAt(top, "version") ?? stringAt(lock, "version"),
  };
  // npm's root is the package.json beside the lock, read at each install (arborist's loadRoot:
  // `rpj(package.json).catch(() => lock.packages[""])`); the lock's record of it, a copy npm
  // wrote when it last saved the lock (without the description), names the project only when
  // no package.json names it: a package.json renamed or bumped since is the project.
  const named = beside?.name !== undefined ? beside : undefined;
  const self = rush !== undefined ? ROOT_ID : lockProjectNode(
    out,
    lockDir,
    named ??
      (topName === undefined && options.load !== undefined
        ? beside
        : { path: "", json: topFields, ...topFields }),
  );
  // Where each link points, and the id of every node (member or component) by location.
  const linkTarget = new Map<string, string>();
  const nodeId = new Map<string, string>([["", self]]);
  // `{ 0: key, 1: entry }`, not `[key, entry]`: no iterator per pair (the binary runs code cold).
  for (const { 0: key, 1: entry } of entries) {
    if (entry.link === true) linkTarget.set(key, stringAt(entry, "resolved") ?? "");
  }
  // A folder outside the project (another checkout, `file:../../lib`) is third-party: a component.
  const outside = (folder: string): boolean => localPlace(at, folder).kind === "outside";
  const ownFolders = new Set([...linkTarget.values()].filter((folder) => !outside(folder)));
  for (const key of entries.keys()) {
    if (
      key !== "" && !key.startsWith(NODE_MODULES) && !key.includes("/" + NODE_MODULES) &&
      !outside(key)
    ) {
      ownFolders.add(key);
    }
  }
  // A member's id is its folder (root-relative), never its purl: a registry package of the
  // same name and version (installed under a dependency, or by another lock) stays a component.
  // Named by its own package.json, as npm reads a linked folder's afresh (arborist's resolveLinks:
  // the user may have changed it since the lock was saved, a release's version bump); the lock's
  // record of it only when there is none to read.
  const memberId = (folder: string, name: string, entry = entries.get(folder) ?? {}): string => {
    // The tree's root folder (`file:..` from a nested project's lock, an example app's link to
    // the library it shows) is the project itself, as a package.json's `link:..` is.
    if (joinPath(lockDir, folder) === "") return ROOT_ID;
    const own = rush !== undefined || options.load === undefined
      ? undefined
      : loadPackageJson(options.load, joinPath(lockDir, folder, "package.json"));
    const json = { name, version: stringAt(entry, "version") };
    return out.member(
      folderMember(
        joinPath(lockDir, folder),
        own?.name !== undefined ? own : { path: "", json, ...json },
      ),
    );
  };
  /**
   * The links to a folder of the project the lock records empty (`{}`) and that has no
   * package.json: npm found no package there (`npm ls`: invalid). npm 11 writes such links for
   * a `file:` override, which it resolves from each dependent's folder, not the root's.
   */
  const empty: string[] = [];
  /**
   * The links to a folder the lock has no entry for: npm writes one for every link's target
   * (`{}` at least) and refuses a lock without it (arborist's loadVirtual, `#resolveLinks`:
   * EMISSINGTARGET, `Missing target in lock file`): a lock cut short or edited.
   */
  const untargeted: string[] = [];
  /** The folders outside the project the lock installs (see `outsideFolderWarning`), by name. */
  const outsideFolders = new Map<string, string>();
  for (const [link, target] of linkTarget) {
    let entry = entries.get(target);
    if (entry === undefined) {
      entries.set(target, entry = {});
      untargeted.push(`${link} → ${target}`);
    } else if (
      Object.keys(entry).length === 0 && ownFolders.has(target) && options.load !== undefined &&
      rush === undefined && options.load(joinPath(lockDir, target, "package.json")) === undefined
    ) empty.push(`${link} → ${target}`);
    const name = stringAt(entry, "name") ?? packageName(link, {});
    if (nodeId.has(target)) continue;
    if (!ownFolders.has(target)) outsideFolders.set(target, name);
    nodeId.set(
      target,
      ownFolders.has(target) ? memberId(target, name) : out.component(npmComponent({
        name,
        version: stringAt(entry, "version"),
        license: npmLicense(entry.license),
        scopes: entryScopes({ ...entries.get(link), ...entry }),
        sources: [path],
      })),
    );
  }
  for (const folder of ownFolders) {
    if (nodeId.has(folder)) continue;
    nodeId.set(folder, memberId(folder, stringAt(entries.get(folder) ?? {}, "name") ?? folder));
  }
  // A folder of the project npm copied instead of linking it (install-links, npm 9.0's default):
  // `"resolved": "file:libs/inst"`, no `link`, no folder entry. It is that folder's member, as a
  // link is; its dependencies resolve from the copy.
  for (const { 0: key, 1: entry } of entries) {
    const resolved = stringAt(entry, "resolved");
    if (nodeId.has(key) || linkTarget.has(key) || !resolved?.startsWith("file:")) continue;
    const folder = joinPath(resolved.slice("file:".length));
    if (outside(folder) && !TARBALL_FILE.test(folder)) {
      outsideFolders.set(folder, packageName(key, entry));
    }
    if (TARBALL_FILE.test(folder) || outside(folder)) continue;
    if (!nodeId.has(folder)) {
      ownFolders.add(folder);
      nodeId.set(folder, memberId(folder, packageName(key, entry), entry));
    }
    nodeId.set(key, nodeId.get(folder)!);
  }

  /** Each extraneous bundled entry's bundler, which ships it (see `bundlerOf`). */
  const shippedBy = new Map<string, string>();
  for (const { 0: key, 1: entry } of entries) {
    if (nodeId.has(key) || linkTarget.has(key)) continue;
    const name = packageName(key, entry);
    if (name === "") throw invalidEntry(text, path, key, "has an empty package name");
    const resolved = stringAt(entry, "resolved");
    // No version and no source: a package npm records but did not install (an optional peer,
    // `{ "dev": true, "optional": true, "peer": true }`, npm/cli#4796): not part of the tree.
    if (entry.version === undefined && resolved === undefined) continue;
    // No version, but a source: a git dependency or a tarball whose package.json has none
    // (a tarball named `name-1.0.0.tgz` says it).
    const pkgVersion = stringAt(entry, "version") ??
      (resolved === undefined || GIT_SPEC.test(resolved)
        ? undefined
        : tarballVersion(name, resolved));
    const qualifiers = originQualifiers(name, resolved);
    const bundler = bundlerOf(key, entry, entries);
    if (bundler !== undefined) shippedBy.set(key, bundler);
    nodeId.set(
      key,
      out.component(npmComponent({
        name,
        version: pkgVersion,
        qualifiers,
        hashes: sriHashes(stringAt(entry, "integrity")),
        // A git source is downloaded as its vcs_url says (`git+ssh://…#<sha>` is npm's spelling,
        // where SPDX reads `#` as a sub-path); a tarball, even a hosted archive, from its URL.
        downloadLocation: resolved === undefined || isLocalPath(resolved)
          ? undefined
          : GIT_SPEC.test(resolved)
          ? qualifiers.vcs_url
          : resolved,
        license: npmLicense(entry.license),
        scopes: entryScopes(bundler === undefined ? entry : entries.get(bundler)!),
        sources: [path],
      })),
    );
  }

  /**
   * The names in each folder's `node_modules` but the root's (`a` → `b` for
   * `a/node_modules/b`): a search up a node_modules path asks them, not `entries`.
   */
  const nested = new Map<string, Set<string>>();
  for (const key of entries.keys()) {
    for (let at = key.indexOf(NESTED); at !== -1; at = key.indexOf(NESTED, at + 1)) {
      const holder = key.slice(0, at);
      const names = nested.get(holder);
      if (names === undefined) nested.set(holder, new Set([key.slice(at + NESTED.length)]));
      else names.add(key.slice(at + NESTED.length));
    }
  }
  /** {@linkcode parentFolder} of each folder searched (every dependency of a package walks up). */
  const parents = new Map<string, string>();
  /** What each name found at the root resolves to (most searches end there). */
  const atRoot = new Map<string, string | undefined>();
  const resolve = (from: string, name: string): string | undefined => {
    for (let folder = from; folder !== "";) {
      if (nested.get(folder)?.has(name)) {
        const key = `${folder}/${NODE_MODULES}${name}`;
        return nodeId.get(linkTarget.get(key) ?? key);
      }
      let parent = parents.get(folder);
      if (parent === undefined) parents.set(folder, parent = parentFolder(folder));
      folder = parent;
    }
    let id = atRoot.get(name);
    if (id === undefined && !atRoot.has(name)) {
      const key = NODE_MODULES + name;
      id = entries.has(key) ? nodeId.get(linkTarget.get(key) ?? key) : undefined;
      atRoot.set(name, id);
    }
    return id;
  };
  const warnings: string[] = [
    ...ancient
      ? [
        `${path} has no lockfileVersion (npm 4 or before): it does not say which package ` +
        "requires which, so the SBOM links only the project's own declarations; regenerate it " +
        "with npm 7 or later for the whole graph",
      ]
      : [],
    ...rushProjects?.warnings ?? [],
    ...[...outsideFolders].map(([folder, name]) => outsideFolderWarning(path, name, at, folder)),
    ...renamedWorkspaces(linkTarget, beside, {
      lock: path,
      lockDir,
      own: (folder) => ownFolders.has(folder) && !aboveLock(folder),
      load: options.load,
    }),
  ];
  /** The package.json files that no longer declare what the lock records for them. */
  const removed: Array<{
    at: number;
    manifest: string;
    location: string;
    undeclared: Array<[string, string]>;
  }> = [];
  /**
   * A locked package's dependency found nowhere up its node_modules path (`node_modules/a →
   * b@^1.0.0`): a lock cut short or edited. Arborist's tree has that edge missing: `npm ci`
   * refuses the lock ("Missing: b@… from lock file"), `npm install` resolves it again. Not
   * refused: npm 11 writes locks that npm 10's `ci` calls missing such entries. An optional
   * one npm could not install on the platform it locked on is left out by design, a peer too.
   */
  const dangling: string[] = [];
  for (const { 0: location, 1: from } of nodeId) {
    // What the project or a member declares (a peer aside, which npm may leave out) and the
    // lock does not resolve: a lock out of sync with its package.json. A linked folder above
    // the lock's folder (`file:../napi`) is not one: npm installs none of its declarations
    // there (the folder's own install does).
    const declaring = location === "" ||
      (ownFolders.has(location) && !aboveLock(location));
    const recorded = entries.get(location) ?? {};
    // npm installs what the package.json declares, read afresh (arborist's loadRoot and
    // resolveLinks); the lock's record of it is the copy npm wrote when it last saved the lock,
    // read when there is no package.json (nor for a Rush project, whose record is its own).
    const manifest = !declaring || rush !== undefined || options.load === undefined
      ? undefined
      : location === ""
      ? beside
      : loadPackageJson(options.load, joinPath(lockDir, location, "package.json"));
    // npm 6 installs the devDependencies of the project alone, not those of a `file:` folder it
    // links (npm 7+ does, as it does a workspace's, and records them in the folder's `requires`
    // when it writes a lockfileVersion 1 lock), and no peers at all (lib/install/deps.js's
    // loadDeps reads `dependencies` alone; npm 7+ leaves peers out of a v1 lock's `requires`,
    // arborist's shrinkwrap.js): a v1 lock's folder has those its record has.
    const entry = manifest === undefined ? recorded : withDeclarations(recorded, manifest.json, {
      v1Folder: location !== "" && (version === 1 || ancient),
    });
    if (manifest !== undefined) {
      const undeclared = undeclaredRecords(recorded, manifest.json);
      if (undeclared.length > 0) {
        // Its words once the graph says what nothing reaches any more.
        removed.push({ at: warnings.length, manifest: manifest.path, location, undeclared });
        warnings.push("");
      }
    }
    const optionalPeers = objectAt(entry, "peerDependenciesMeta");
    const unlocked: string[] = [];
    // An optional dependency npm could not resolve (a platform package not published, a
    // failed fetch) is pruned from the tree it locks: no stale lock, `npm install` leaves it
    // out again (Arborist's failed optionals), as pnpm and Bun do.
    const skipped: string[] = [];
    // `{ 0: a, 1: b }`, not `[a, b]`: no iterator per pair (the binary runs code cold).
    for (const { 0: field, 1: scope } of DEPENDENCY_FIELDS) {
      const deps = objectAt(entry, field);
      for (const name of Object.keys(deps)) {
        const range = deps[name];
        if (field === "peerDependencies" && alsoDeclared(entry, name)) continue;
        // A package.json's range that is no string: npm refuses it (arborist's Edge, "must
        // provide string spec"); the package.json reader warns of it (undeclarableWarnings).
        if (manifest !== undefined && typeof range !== "string") continue;
        const to = resolve(location, name);
        const peerOptional = field === "peerDependencies" &&
          objectAt(optionalPeers, name).optional === true;
        if (to !== undefined) out.edge(from, to, peerOptional ? "optional" : scope);
        else if (declaring && field !== "peerDependencies") {
          // A name in both fields is optional: npm reads optionalDependencies over dependencies.
          const optional = field === "optionalDependencies" ||
            Object.hasOwn(objectAt(entry, "optionalDependencies"), name);
          if (optional && field !== "optionalDependencies") continue; // warned as optional
          (optional ? skipped : unlocked).push(`${name}@${range}`);
        } else if (
          field === "dependencies" && !ownFolders.has(location) && !aboveLock(location) &&
          !Object.hasOwn(objectAt(entry, "optionalDependencies"), name)
        ) dangling.push(`${location} → ${name}@${range}`);
      }
    }
    if (unlocked.length === 0 && skipped.length === 0) continue;
    const manifestPath = joinPath(lockDir, location, "package.json");
    if (unlocked.length > 0) {
      warnings.push(
        unlockedWarning(manifestPath, unlocked, { lock: path, install: "npm install" }),
      );
    }
    if (skipped.length > 0) {
      warnings.push(
        unlockedWarning(manifestPath, skipped, {
          lock: path,
          install: "npm install",
          optional: true,
        }),
      );
    }
  }
  for (const [key, bundler] of shippedBy) {
    const from = nodeId.get(bundler);
    if (from !== undefined) out.edge(from, nodeId.get(key)!, "runtime");
  }
  if (empty.length > 0) {
    warnings.push(
      `${path} links ${empty.join(", ")}: ${
        empty.length === 1 ? "a folder" : "folders"
      } with no package.json, which the lock records empty (\`npm ls\`: invalid): no package ` +
        `is there; ${empty.length === 1 ? "a member" : "each a member"} without a version`,
    );
  }
  if (untargeted.length > 0) {
    warnings.push(
      `${path} links ${untargeted.join(", ")}: ${
        untargeted.length === 1 ? "a folder" : "folders"
      } it has no entry for, a lock cut short or edited (\`npm ci\` refuses it: Missing target ` +
        "in lock file; `npm install` writes it anew); the SBOM names " +
        `${untargeted.length === 1 ? "the folder" : "each folder"} as its package.json, else ` +
        "the link, does",
    );
  }
  if (dangling.length > 0) {
    warnings.push(
      `${path}: ${dangling.join(", ")}: the lock has no entry for ${
        dangling.length === 1 ? "this dependency" : "these dependencies"
      } up the package's node_modules path (a lock cut short or edited; \`npm ci\` refuses it): ` +
        "not in the SBOM; run `npm install` to update the lock",
    );
  }
  for (const folder of ownFolders) out.edge(self, nodeId.get(folder)!, "runtime");
  const unlisted = unlistedWorkspaces(linkTarget, beside, top, (f) => ownFolders.has(f));
  if (unlisted.length > 0) {
    const links = unlisted.map(([link, folder]) => `${folder} (${packageName(link, {})})`);
    warnings.push(
      `${beside!.path} lists no workspaces, while ${path} links ${links.join(", ")} as ` +
        "workspaces (a lock older than the package.json): npm installs none of them (`npm ci` " +
        "prunes them), so neither they nor what only they reach are in the SBOM; run " +
        "`npm install` to update the lock",
    );
  }
  const unlistedIds = new Set(unlisted.map(([, folder]) => joinPath(lockDir, folder)));

  // What nothing reaches any more: `npm ci` prunes it (see `unreachedComponents`); dev, as
  // arborist leaves its flags. A Rush temp package's graph is the projects' (`rushResult`), an
  // ancient lock's has no edges between packages: neither says.
  const built = out.build({ directFromEdges: true });
  const pruned = rush !== undefined || ancient ? new Set<string>() : unreachedComponents(built);
  const told = new Set<string>();
  for (const { at, manifest, location, undeclared } of removed) {
    const gone = undeclared.filter(([dep]) => pruned.has(resolve(location, dep) ?? ""));
    for (const [dep] of gone) told.add(resolve(location, dep)!);
    warnings[at] = undeclaredWarning(manifest, undeclared.map(([, spec]) => spec), {
      lock: path,
      pruned: gone.map(([dep]) => dep),
    });
  }
  const untold = built.components.filter((c) => pruned.has(c.id) && !told.has(c.id))
    .map((c) => `${c.name}@${c.version ?? ""}`);
  if (untold.length > 0) {
    const them = untold.length === 1 ? "it" : "them";
    warnings.push(
      `${path} locks ${untold.slice(0, 10).join(", ")}${
        untold.length > 10 ? ` and ${untold.length - 10} more` : ""
      }, which nothing the project declares reaches (a lock older than its package.json files; ` +
        `\`npm ci\` prunes ${them}): the SBOM keeps ${them} as the lock does, dev; run ` +
        "`npm install` to update the lock",
    );
  }
  const devOptional = flagScopes({ dev: true, optional: true });
  const components = pruned.size === 0
    ? built.components
    : built.components.map((c) => pruned.has(c.id) ? { ...c, scopes: devOptional } : c);

  const { name, version: projectVersion } = topFields;
  const project: Project | undefined = named !== undefined
    ? manifestProjectFields(named).project
    : name === undefined
    ? undefined
    : {
      name,
      version: projectVersion,
      purl: ownNpmPurl(name, projectVersion),
      license: npmLicense(top.license),
      description: stringAt(top, "description"),
    };
  if (project?.purl === undefined) delete project?.purl;
  if (project?.license === undefined) delete project?.license;
  if (project?.description === undefined) delete project?.description;
  const result = withoutExcludedMembers({
    ...built,
    components,
    ...(project ? { project } : {}),
    ...(project && isPrivate(options.load, path) ? { projectIsTooling: true } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    // Rush's temp package lists devDependencies as dependencies: the projects' edges say.
    ...(rush !== undefined ? { scopesFromDeclarations: true } : {}),
    ...memberFolders(
      [...ownFolders].filter((folder) => !unlistedIds.has(joinPath(lockDir, folder)))
        .map((folder) => localPlace(at, folder)),
    ),
  }, (folder) => unlistedIds.has(folder) || options.excluded?.(folder) === true);
  return rush === undefined ? result : rushResult(result, rush, path);
}
