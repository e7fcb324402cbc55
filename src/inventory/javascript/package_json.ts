/**
 * Reader for a `package.json` that no JavaScript lockfile covers: its
 * declared dependencies, with their ranges, since nothing says which
 * versions get installed.
 *
 * @module
 */

import { OutputBuilder } from "../_builder.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { rejectInvalidUtf8 } from "../_formats/yaml.ts";
import { jsrPurl } from "../purl.ts";
import { ROOT_ID } from "../types.ts";
import {
  declaredDependencies,
  folderMember,
  folderOf,
  joinPath,
  loadPackageJson,
  manifestProject,
  npmComponent,
  tarballVersion,
  workspaceFolders,
} from "./_npm.ts";

/** The lockfiles that pin the dependencies of a package.json in their folder or below. */
export const JS_LOCKFILES: readonly string[] = [
  "package-lock.json",
  "npm-shrinkwrap.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lock",
  "bun.lockb",
  "deno.lock",
];

/**
 * The JavaScript lockfile that covers a package.json: one in its folder or
 * in an ancestor folder up to the project root, nearest first.
 *
 * @param path The package.json's path relative to the project root.
 * @param load Reads a file of the project (`undefined` when absent).
 * @returns The lockfile's path, or `undefined` when none covers it.
 */
export function coveringLockfile(path: string, load: Load): string | undefined {
  for (let folder = folderOf(path);; folder = folderOf(folder)) {
    for (const name of JS_LOCKFILES) {
      const lock = joinPath(folder, name);
      if (load(lock) !== undefined) return lock;
    }
    if (folder === "") return undefined;
  }
}

const EXACT = /^=?v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const GIT = /^(?:git\+|git:|github:|gitlab:|bitbucket:|ssh:)|^[\w.-]+\/[\w.-]+(?:#.*)?$/;

/**
 * Reads a package.json. When a JavaScript lockfile covers it (see
 * {@linkcode coveringLockfile}) it adds nothing: that lockfile says what is
 * installed. Otherwise every declared dependency (`dependencies`,
 * `devDependencies`, `optionalDependencies`, `peerDependencies`) is a
 * component without a version: the declared range is its `specifier` (an
 * exact `1.2.3` pin is its version); `npm:` aliases name the real package,
 * `jsr:` ones a JSR package, git and URL ranges carry `vcs_url` /
 * `download_url`; `workspace:`, `link:`, `file:` and `portal:` folders are
 * first-party members (a `workspace:` one located through the root's
 * `workspaces` when `list` is given, else named `workspace:?<name>`). A warning says that versions are unresolved. The root
 * package.json describes the project; a nested one is a member.
 *
 * @example
 * ```ts
 * import { readPackageJson } from "./package_json.ts";
 * const text = JSON.stringify({ name: "app", dependencies: { ms: "^2.1.3" } });
 * const out = readPackageJson(text, { path: "package.json", load: () => undefined });
 * out.components[0].specifier; // "^2.1.3"
 * ```
 *
 * @param text The file's text.
 * @param options `path`: its path relative to the project root; `load`: reads
 *   other files (to find a covering lockfile); `list`: lists folders (to find
 *   workspaces).
 * @returns The declared components, the project or member, and a warning.
 * @throws {VouchError} `inventory.package_json.invalid` for malformed JSON or
 *   invalid UTF-8.
 */
export function readPackageJson(
  text: string,
  options: { path: string; load: Load; list?: (folder: string) => string[] | undefined },
): ReaderResult {
  const { path, load, list } = options;
  rejectInvalidUtf8(text, path, "inventory.package_json.invalid");
  const manifest = loadPackageJson((p) => (p === path ? text : load(p)), path)!;
  const folder = folderOf(path);
  const project = folder === "" ? manifestProject(manifest) : undefined;
  const withProject = (out: ReaderResult): ReaderResult => project ? { ...out, project } : out;
  if (coveringLockfile(path, load) !== undefined) {
    return withProject({ members: [], components: [], edges: [] });
  }
  const out = new OutputBuilder();
  const from = folder === "" ? ROOT_ID : out.member(folderMember(folder, manifest));
  if (from !== ROOT_ID) out.edge(ROOT_ID, from, "runtime");
  const declared = declaredDependencies(manifest);
  /** The folder of the root's workspace named `name` (found with `list`), if any. */
  const workspaceFolder = (name: string): string | undefined => {
    const root = folder === "" ? manifest : loadPackageJson(load, "package.json");
    if (root === undefined) return undefined;
    const exists = (f: string): boolean =>
      loadPackageJson(load, joinPath(f, "package.json"))?.name === name;
    return workspaceFolders(root, "", list, exists)[0];
  };
  for (const [alias, range, scope] of declared) {
    const local = /^(workspace|link|file|portal):(.*)$/.exec(range);
    if (local && !(local[1] === "file" && /\.(?:tgz|tar\.gz)$/.test(local[2]))) {
      const target = local[1] === "workspace"
        ? workspaceFolder(alias) ?? `?${alias}`
        : joinPath(folder, local[2]);
      // Its own package.json names it, when the folder is inside the project.
      const there = target.startsWith("?") || target.startsWith("..")
        ? undefined
        : loadPackageJson(load, joinPath(target, "package.json"));
      const member = folderMember(target, there ?? { path: "", json: {}, name: alias });
      out.edge(from, out.member(member), scope);
      continue;
    }
    let name = alias;
    let specifier = range;
    const npmAlias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(range);
    if (npmAlias) [name, specifier] = [npmAlias[1], npmAlias[2] ?? "*"];
    const jsr = /^jsr:(?:(@[^/@]+\/[^@]+)@)?(.*)$/.exec(range);
    if (jsr) {
      const jsrName = jsr[1] ?? alias;
      const id = out.component({
        purl: jsrPurl(jsrName),
        ecosystem: "jsr",
        name: jsrName,
        specifier: jsr[2],
        scopes: [scope],
        sources: [path],
      });
      out.edge(from, id, scope);
      continue;
    }
    let qualifiers: Record<string, string> = {};
    let version: string | undefined;
    if (/^https?:/.test(specifier)) {
      qualifiers = { download_url: specifier };
      version = tarballVersion(name, specifier);
    } else if (GIT.test(specifier)) qualifiers = { vcs_url: specifier };
    else if (EXACT.test(specifier)) version = specifier.replace(/^=?v?/, "");
    const id = out.component(npmComponent({
      name,
      version,
      specifier: version === undefined ? specifier : undefined,
      qualifiers,
      scopes: [scope],
      sources: [path],
    }));
    out.edge(from, id, scope);
  }
  const result: ReaderResult = out.build({ directFromEdges: true });
  if (result.components.length > 0) {
    result.warnings = [
      `${path}: no lockfile covers it, so the versions of its ${result.components.length} ` +
      "declared dependencies are not resolved (ranges only, no transitive dependencies); " +
      "commit the package manager's lockfile for exact versions",
    ];
  }
  return withProject(result);
}
