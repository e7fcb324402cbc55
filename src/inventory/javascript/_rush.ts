// Private: the layout of a Rush monorepo (rushjs.io), for the JavaScript lock
// readers. Rush keeps its lock in `common/config/rush/` (pnpm-lock.yaml, pnpm
// 1–2's shrinkwrap.yaml, npm-shrinkwrap.json or yarn.lock; a variant's in
// `variants/<name>/`) or, with subspaces,
// `common/config/subspaces/<name>/pnpm-lock.yaml`, and runs the
// package manager on a copy in `common/temp/` (`common/temp/<name>/`): the
// lock's paths are relative to that folder, whose own package is Rush's, not
// the repository's. The projects are those `rush.json` lists; an older lock
// (pnpm before workspaces, npm, Yarn) installs each as a synthetic
// `@rush-temp/<name>` package (`file:projects/<name>.tgz`) whose dependencies
// are the project's, its devDependencies among them.
import { isRecord } from "../../_util.ts";
import { posix } from "../../_path.ts";
import { VouchError } from "../../errors.ts";
import { keyLine, lineAt } from "../_formats/json.ts";
import { parseJsoncObject } from "../_formats/jsonc.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { ROOT_ID, type Scope } from "../types.ts";
import {
  joinPath,
  loadPackageJson,
  MANIFEST_FIELDS,
  type PackageJson,
  reachableFrom,
  staleRecordWarning,
  unlockedDeclarations,
} from "./_npm.ts";

/** A lock where Rush keeps it: group 1 the repository's folder, 2 the subspace. */
const RUSH_LOCK =
  /^(?:(.+)\/)?common\/config\/(?:rush\/(?:variants\/[^/]+\/)?|subspaces\/([^/]+)\/)(?:pnpm-lock\.yaml|shrinkwrap\.yaml|npm-shrinkwrap\.json|yarn\.lock)$/;

/** One project of rush.json. */
export interface RushProject {
  /** Its folder, root-relative. */
  folder: string;
  /** Its package.json, when there is one. */
  manifest?: PackageJson;
  /** The name of its `@rush-temp` package. */
  tempName: string;
}

/** What a lock of a Rush monorepo stands for. */
export interface RushLayout {
  /** The folder the package manager runs in, root-relative: `common/temp`, `common/temp/<subspace>`. */
  temp: string;
  /** The projects of rush.json by package name. */
  byName: Map<string, RushProject>;
  /** The projects of rush.json by the name of their `@rush-temp` package. */
  byTempName: Map<string, RushProject>;
  /** The path of rush.json, root-relative. */
  config: string;
}

/**
 * The Rush layout of a lock: `undefined` unless it lies where Rush keeps its
 * lock and a `rush.json` is at the root of that `common/` folder.
 *
 * @param lockPath The lock's path, root-relative.
 * @param load Reads a file of the project.
 * @param code The reader's error code, for a malformed rush.json.
 * @returns The layout, or `undefined` for any other lock.
 */
export function rushLayout(lockPath: string, load: Load, code: string): RushLayout | undefined {
  const match = RUSH_LOCK.exec(lockPath);
  if (match === null) return undefined;
  const repo = match[1] ?? "";
  const configPath = joinPath(repo, "rush.json");
  const text = load(configPath);
  if (text === undefined) return undefined;
  const listed = rushProjects(text, configPath, code);
  const byName = new Map<string, RushProject>();
  const byTempName = new Map<string, RushProject>();
  // Rush names the temp packages in package-name order, `-1`, `-2`… after a name taken. The
  // names taken only grow, so each unscoped name's next try starts after its last suffix (10,000
  // projects `@<scope>/x` would otherwise try 50 million names).
  listed.sort((a, b) => a.packageName.localeCompare(b.packageName));
  const nextSuffix = new Map<string, number>();
  for (const { packageName, projectFolder } of listed) {
    const folder = joinPath(repo, projectFolder);
    const unscoped = packageName.slice(packageName.indexOf("/") + 1);
    let n = nextSuffix.get(unscoped) ?? 0;
    let tempName = n === 0 ? `@rush-temp/${unscoped}` : `@rush-temp/${unscoped}-${n}`;
    while (byTempName.has(tempName)) tempName = `@rush-temp/${unscoped}-${++n}`;
    nextSuffix.set(unscoped, n + 1);
    const manifest = loadPackageJson(load, joinPath(folder, "package.json"));
    const project = { folder, manifest, tempName };
    byName.set(packageName, project);
    byTempName.set(tempName, project);
  }
  const temp = joinPath(repo, "common/temp", match[2] ?? "");
  return { temp, byName, byTempName, config: configPath };
}

/**
 * The projects of rush.json, checked as Rush checks them (its schema: `projects` an array of
 * objects with `packageName` and `projectFolder` strings; a name listed once).
 *
 * @throws {VouchError} `code` at the line of the first problem.
 */
function rushProjects(
  text: string,
  path: string,
  code: string,
): { packageName: string; projectFolder: string }[] {
  const projects = parseJsoncObject(text, path, code).projects;
  const invalid = (line: number, what: string): VouchError =>
    new VouchError(
      code,
      `${path}:${line}: ${what}`,
      `fix ${path} as Rush's schema says (\`rush update\` checks it)`,
    );
  if (projects === undefined) throw invalid(1, 'no "projects", which Rush requires');
  if (!Array.isArray(projects)) throw invalid(keyLine(text, "projects"), '"projects" is no array');
  const names = new Set<string>();
  for (const [i, p] of projects.entries()) {
    if (!isRecord(p) || typeof p.packageName !== "string" || typeof p.projectFolder !== "string") {
      throw invalid(
        keyLine(text, "projects"),
        `project ${i + 1} of "projects" has no packageName and projectFolder strings`,
      );
    }
    if (names.has(p.packageName)) {
      const line = lineAt(text, text.lastIndexOf(JSON.stringify(p.packageName)));
      throw invalid(line, `the project name ${JSON.stringify(p.packageName)} is listed twice`);
    }
    names.add(p.packageName);
  }
  return projects;
}

/**
 * A path of the temp folder's, as a path relative to it of a folder of the repository.
 *
 * @param layout The layout.
 * @param folder A folder, root-relative.
 * @returns The path from the temp folder (`../../libraries/a`).
 */
export function fromTemp(layout: RushLayout, folder: string): string {
  return relativeFolder(layout.temp, folder);
}

/**
 * The path from a folder of the tree to another folder, which may lie outside
 * the root (a rush.json `projectFolder` of `../x`, which Rush accepts). Not
 * from a folder outside the root: the way back in passes the root's own name,
 * which no root-relative path says (a project there has no package.json read,
 * so it links no project).
 *
 * @param from A folder inside the root, root-relative, normalised.
 * @param to A folder, root-relative, normalised.
 * @returns The relative path (`../../x`), `""` for the same folder.
 */
export function relativeFolder(from: string, to: string): string {
  // The root placed as many folders deep as `to` climbs out of it, so `..` stays in the tree.
  const anchor = `/${"_/".repeat(to.split("/").filter((p) => p === "..").length)}`;
  return posix.relative(`${anchor}${from}`, `${anchor}${to}`);
}

/**
 * The scope a project gives a dependency of its `@rush-temp` package, which
 * lists its dependencies and devDependencies alike as dependencies: optional
 * when the package lists it so, else that of the package.json field naming it
 * (runtime when none does).
 *
 * @param project The project.
 * @param name The dependency's name.
 * @param listed The scope the package lists it with.
 * @returns Its scope.
 */
export function declaredScope(project: RushProject, name: string, listed: Scope): Scope {
  if (listed === "optional") return listed;
  const json = project.manifest?.json ?? {};
  for (const [field, scope] of MANIFEST_FIELDS) {
    if (isRecord(json[field]) && Object.hasOwn(json[field], name)) return scope;
  }
  return "runtime";
}

/**
 * The projects of rush.json that a project declares and that its `@rush-temp`
 * package does not list: Rush links those to the project's folder itself
 * (a local project whose version the range admits), outside the lock.
 *
 * @param layout The layout.
 * @param project The project.
 * @param listed The names its `@rush-temp` package lists.
 * @returns Name, project and scope of each.
 */
export function linkedProjects(
  layout: RushLayout,
  project: RushProject,
  listed: ReadonlySet<string>,
): { name: string; to: RushProject; scope: Scope }[] {
  const out: { name: string; to: RushProject; scope: Scope }[] = [];
  for (const [field, scope] of MANIFEST_FIELDS) {
    const declared = project.manifest?.json[field];
    for (const name of isRecord(declared) ? Object.keys(declared) : []) {
      const to = layout.byName.get(name);
      if (to !== undefined && to !== project && !listed.has(name)) out.push({ name, to, scope });
    }
  }
  return out;
}

/**
 * The warning for a project whose package.json declares a name that its
 * `@rush-temp` package does not list and that no project of rush.json has
 * (Rush links those itself): a lock older than the package.json, which
 * `rush update` updates; what it declares so is not in the SBOM.
 *
 * @param layout The layout.
 * @param project The project.
 * @param options `listed`: the names its `@rush-temp` package lists;
 *   `lock`: the lock's path, for the warning.
 * @returns The warning, or `undefined` when the lock lists every declaration.
 */
export function staleProjectWarning(
  layout: RushLayout,
  project: RushProject,
  options: { listed: ReadonlySet<string>; lock: string },
): string | undefined {
  const recorded = new Set([...options.listed, ...layout.byName.keys()]);
  return staleRecordWarning(project.manifest, recorded, {
    lock: options.lock,
    install: "rush update",
  });
}

/**
 * The projects of rush.json that an older lock has no `@rush-temp` package
 * for: projects added after the lock was written, which `rush install`
 * refuses as out of date until `rush update` adds them. Each is a member
 * still, the projects it declares that Rush links itself linked; the lock
 * installs nothing else of its, so what else its package.json declares is not
 * in the SBOM, and its warning says so.
 *
 * @param layout The layout.
 * @param tempNames The `@rush-temp` names the lock has.
 * @param lock The lock's path, for the warning.
 * @returns Each such project, with its warning.
 */
export function unlockedProjects(
  layout: RushLayout,
  tempNames: Iterable<string>,
  lock: string,
): { project: RushProject; warning: string }[] {
  const locked = new Set(tempNames);
  const out: { project: RushProject; warning: string }[] = [];
  for (const [tempName, project] of layout.byTempName) {
    if (locked.has(tempName)) continue;
    const linked = new Set(linkedProjects(layout, project, new Set()).map((l) => l.name));
    const declared = project.manifest === undefined
      ? []
      : unlockedDeclarations(project.manifest, (name) => linked.has(name));
    const warning = `${lock} has no ${tempName} for ${project.folder}, a project of rush.json: ` +
      "the lock is stale (`rush update` adds it)" +
      (declared.length === 0
        ? ""
        : `; what its package.json declares (${declared.join(", ")}) is not in the SBOM`);
    out.push({ project, warning });
  }
  return out;
}

/**
 * A Rush lock reader's output as the repository's: rush.json is its
 * `repositoryConfig` (the repository is the project, every project of
 * rush.json a member, however many there are and wherever they lie), and the
 * package of a project rush.json no longer lists is taken out (see
 * `withoutRemovedProjects`).
 *
 * @param result The reader's output.
 * @param layout The layout.
 * @param lock The lock's path, for the warnings.
 * @returns The output.
 */
export function rushResult(result: ReaderResult, layout: RushLayout, lock: string): ReaderResult {
  return { ...withoutRemovedProjects(result, lock), repositoryConfig: layout.config };
}

/**
 * A Rush lock reader's output without the `@rush-temp` packages of projects
 * rush.json no longer lists, which the reader keeps as components: an older
 * lock's entries for removed projects, which `rush install` refuses as out of
 * date and `rush update` drops with what only they install. Those go from the
 * SBOM too (no project of the repository reaches them), and one warning for
 * each entry names the lock, the entry and what goes with it.
 *
 * @param result The reader's output.
 * @param lock The lock's path, for the warnings.
 * @returns The output, the same object when the lock has no such entry.
 */
function withoutRemovedProjects(result: ReaderResult, lock: string): ReaderResult {
  const removed = result.components.filter((c) => c.purl.startsWith("pkg:npm/%40rush-temp/"));
  if (removed.length === 0) return result;
  const byId = new Map(result.components.map((c) => [c.id, c]));
  const projects = [ROOT_ID, ...result.members.map((m) => m.id)];
  const kept = reachableFrom(result.edges, projects, new Set());
  const gone = new Set<string>();
  const warnings = [...result.warnings ?? []];
  for (const temp of removed) {
    const only = [...reachableFrom(result.edges, [temp.id], kept)];
    for (const id of only) gone.add(id);
    const what = only.filter((id) => id !== temp.id).map((id) => byId.get(id)!)
      .map((c) => `${c.name}@${c.version ?? c.specifier ?? ""}`);
    warnings.push(
      `${lock} has ${temp.name}, the package of a project rush.json no longer lists: the lock ` +
        "is stale (`rush update` drops it); " +
        (what.length === 0
          ? "it is not in the SBOM"
          : `neither it nor what no project of rush.json reaches through it (${
            what.join(", ")
          }) is in the SBOM`),
    );
  }
  return {
    ...result,
    components: result.components.filter((c) => !gone.has(c.id)),
    edges: result.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)),
    warnings,
  };
}
