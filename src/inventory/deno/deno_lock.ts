/**
 * Reader for Deno's `deno.lock` (versions 2 to 5, and the unversioned
 * remote-only lock of Deno before 1.28).
 *
 * @module
 */

import { VouchError } from "../../errors.ts";
import { isRecord, parseJsonText } from "../../_util.ts";
import { OutputBuilder } from "../_builder.ts";
import { type JsonObject, keyLine, objectAt, parseJsonObject, stringAt } from "../_formats/json.ts";
import { parseJsoncObject } from "../_formats/jsonc.ts";
import { sriHashes } from "../_sri.ts";
import { isDataUrl, isUnversionedLock, SUPPORTED_VERSIONS } from "./_lock_shape.ts";
import { genericUrlPurl, jsrPurl } from "../purl.ts";
import {
  folderMember,
  folderOf,
  joinPath,
  loadPackageJson,
  npmComponent,
  originQualifiers,
} from "../javascript/_npm.ts";
import { isOutside } from "../_paths.ts";
import type { Load } from "../_reader.ts";
import type { Hash, Member, Project, ReaderOutput, Scope } from "../types.ts";
import { ROOT_ID } from "../types.ts";

const CODE = "inventory.deno_lock.invalid";

/** The tables of a lock, in the version 4/5 layout. */
interface Tables {
  specifiers: JsonObject;
  jsr: JsonObject;
  npm: JsonObject;
  remote: JsonObject;
}

/**
 * The tables of a lock of any version, laid out as version 4/5 has them:
 * version 3 nests `specifiers`, `jsr` and `npm` under `packages` and resolves
 * a specifier to a full `jsr:name@version` / `npm:name@version`; version 2 has
 * only npm (`npm.specifiers` without the `npm:` prefix, `npm.packages`); the
 * unversioned lock is a map of remote URLs to their hashes.
 */
function tables(lock: JsonObject, version: string | undefined): Tables {
  if (version === undefined) {
    return { specifiers: {}, jsr: {}, npm: {}, remote: lock };
  }
  const remote = objectAt(lock, "remote");
  if (version === "4" || version === "5") {
    const [specifiers, jsr, npm] = ["specifiers", "jsr", "npm"].map((f) => objectAt(lock, f));
    return { specifiers, jsr, npm, remote };
  }
  const packages = version === "3" ? objectAt(lock, "packages") : objectAt(lock, "npm");
  const prefix = version === "3" ? "" : "npm:";
  const specifiers: JsonObject = {};
  for (const [specifier, resolved] of Object.entries(objectAt(packages, "specifiers"))) {
    if (typeof resolved !== "string") continue;
    // `jsr:@std/fmt@0.221.0` / `npm:chalk@5.3.0` (v3), `chalk@5.3.0` (v2) → the version.
    specifiers[prefix + specifier] = splitNameAt(resolved.replace(/^(jsr|npm):/, ""))[1] ?? "";
  }
  const npm = version === "3" ? objectAt(packages, "npm") : objectAt(packages, "packages");
  return { specifiers, jsr: objectAt(packages, "jsr"), npm, remote };
}

/** Splits `name@rest` where the name may be scoped (`@scope/name@rest`). */
function splitNameAt(value: string): [string, string | undefined] {
  const at = value.indexOf("@", 1);
  return at === -1 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}

function sha256(value: unknown): Hash[] {
  return typeof value === "string" && /^[0-9a-f]{64}$/i.test(value)
    ? [{ alg: "sha256", hex: value.toLowerCase() }]
    : [];
}

/** The dependency references of an entry: v5 arrays, or v4-style `{alias: target}` maps. */
function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (!isRecord(value)) return [];
  // v4-style maps: `alias: "name@version_peer"` (or `"npm:name@…"`), or `alias: "version"`.
  return Object.entries(value).flatMap(([alias, target]) => {
    if (typeof target !== "string") return [];
    const locked = target.replace(/^npm:/, "");
    return [locked.includes("@", 1) ? `${alias}@npm:${locked}` : `${alias}@${locked}`];
  });
}

/** Ids of the nodes reachable from `starts` over the edges a filter admits. */
function reachable(
  starts: string[],
  next: Map<string, Array<[string, Scope]>>,
  admit: (scope: Scope) => boolean,
): Set<string> {
  const seen = new Set(starts);
  const queue = [...starts];
  while (queue.length > 0) {
    for (const [to, scope] of next.get(queue.pop()!) ?? []) {
      if (admit(scope) && !seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

/**
 * The scope a `package.json` gives the names it declares other than as
 * plain `dependencies`: deno.lock's `packageJson.dependencies` lists them all
 * alike. `optionalDependencies` are optional (npm: an entry there overrides
 * one of the same name in `dependencies`); names only in `devDependencies`
 * are dev. None when the file is not there or not an object (the package.json
 * reader reports it).
 */
function declaredScopes(load: Load | undefined, path: string): Map<string, Scope> {
  const text = load?.(path);
  let json: unknown;
  try {
    json = text === undefined ? undefined : parseJsonText(text);
  } catch {
    return new Map();
  }
  if (!isRecord(json)) return new Map();
  // An alias (`"my-lodash": "npm:lodash@^4"`) is named by the package it installs too: Deno
  // records that package's request in the lock (`npm:lodash@^4`).
  const names = (field: string): string[] => {
    const table = json[field];
    return isRecord(table)
      ? Object.entries(table).flatMap(([key, value]) =>
        typeof value === "string" && value.startsWith("npm:")
          ? [key, splitNameAt(value.slice(4))[0]]
          : [key]
      )
      : [];
  };
  const runtime = new Set(names("dependencies"));
  const out = new Map<string, Scope>();
  for (const name of names("devDependencies")) if (!runtime.has(name)) out.set(name, "dev");
  for (const name of names("optionalDependencies")) out.set(name, "optional");
  return out;
}

/** Deno's configuration files, in the order Deno looks for them in a folder. */
const CONFIG_FILES = ["deno.json", "deno.jsonc"];

/**
 * The lockfile a `deno.json` (or `deno.jsonc`) names with its `"lock"` option,
 * as Deno resolves it (deno_config's `resolve_lockfile_path`): `false` turns
 * the lockfile off (`undefined`); a path, or an object's `path`, is relative
 * to the file's folder; anything else (`true`, `{ "frozen": true }`, no
 * option) is `deno.lock` beside it. A file that is no JSONC object names that
 * default too (reading the lock reports it).
 *
 * @param text The configuration file's text.
 * @param path Its path relative to the project root.
 * @returns The lockfile's path relative to the project root (it may climb
 *   out of it: `../x`), or `undefined` when Deno uses none.
 */
export function configuredLock(text: string, path: string): string | undefined {
  let option: unknown;
  try {
    option = parseJsoncObject(text, path, CODE).lock;
  } catch {
    option = undefined;
  }
  if (option === false) return undefined;
  const named = typeof option === "string" ? option : isRecord(option) ? option.path : undefined;
  const folder = folderOf(path);
  // An empty path names the folder itself, no file: the default stands.
  if (typeof named !== "string" || named === "") return joinPath(folder, "deno.lock");
  return named.startsWith("/") ? named : joinPath(folder, named);
}

/**
 * The project a `deno.json` (or `deno.jsonc`) states: the JSR package it
 * publishes (`name`, `version`, `license`), when it names one. The file is
 * `config` when given, else the first of {@linkcode CONFIG_FILES} in `folder`.
 */
function denoProject(
  load: Load | undefined,
  folder: string,
  config: string | undefined,
): Project | undefined {
  const json = configFile(load, folder, config);
  const name = json === undefined ? undefined : stringAt(json, "name");
  if (name === undefined || name === "") return undefined;
  const version = stringAt(json!, "version") || undefined;
  const license = stringAt(json!, "license");
  return {
    name,
    ...(version === undefined ? {} : { version }),
    purl: jsrPurl(name, version),
    ...(license === undefined ? {} : { license }),
  };
}

/**
 * A workspace member: its folder (root-relative), named by the JSR package its
 * deno.json (or deno.jsonc) publishes, else by its package.json (a member may
 * have only that), else by the folder.
 */
function workspaceMember(load: Load | undefined, folder: string): Member {
  const project = denoProject(load, folder, undefined);
  if (project === undefined) {
    return folderMember(
      folder,
      load === undefined ? undefined : loadPackageJson(load, joinPath(folder, "package.json")),
    );
  }
  const { name, version, purl } = project;
  return { id: `workspace:${folder}`, name, ...(version === undefined ? {} : { version }), purl };
}

/**
 * The configuration file of the lock's folder, parsed: `config` when given,
 * else the first of {@linkcode CONFIG_FILES} in `folder`; `undefined` when
 * there is none.
 */
function configFile(
  load: Load | undefined,
  folder: string,
  config: string | undefined,
): JsonObject | undefined {
  for (
    const path of config === undefined ? CONFIG_FILES.map((f) => joinPath(folder, f)) : [config]
  ) {
    const text = load?.(path);
    if (text !== undefined) return parseJsoncObject(text, path, CODE);
  }
  return undefined;
}

/**
 * The project's own folders among those the configuration file `links` (a
 * local package used in place of the registry's: Deno's `npm link`): each
 * folder with the member its deno.json (a JSR package) or package.json (an npm
 * one) names, by the `jsr:`/`npm:name@version` key the lock's `workspace.links`
 * gives it. A folder outside the project (another checkout) is none: an npm
 * package there stays a component, as an npm lock's link outside the project is.
 */
function linkedMembers(
  load: Load | undefined,
  folder: string,
  config: string | undefined,
  links: JsonObject,
): Map<string, [Member, string]> {
  const out = new Map<string, [Member, string]>();
  if (Object.keys(links).length === 0 || load === undefined) return out;
  const file = configFile(load, folder, config);
  // `patch`: the name before Deno 2.3.6, which Deno still reads.
  const listed = file?.links ?? file?.patch;
  for (const link of Array.isArray(listed) ? listed : []) {
    if (typeof link !== "string") continue;
    const linked = joinPath(folder, link);
    if (isOutside(linked)) continue;
    const jsr = denoProject(load, linked, undefined);
    const manifest = loadPackageJson(load, joinPath(linked, "package.json"));
    if (jsr !== undefined && `jsr:${jsr.name}@${jsr.version}` in links) {
      out.set(`jsr:${jsr.name}@${jsr.version}`, [workspaceMember(load, linked), linked]);
    } else if (
      manifest?.name !== undefined && `npm:${manifest.name}@${manifest.version}` in links
    ) {
      out.set(`npm:${manifest.name}@${manifest.version}`, [folderMember(linked, manifest), linked]);
    }
  }
  return out;
}

/**
 * Reads a `deno.lock` (versions 2 to 5, or the unversioned remote-only lock of
 * Deno before 1.28). `jsr` entries become `pkg:jsr`
 * components (sha256 integrity), `npm` entries become `pkg:npm` components
 * whose version never carries the peer-dependency suffix (keys that differ
 * only by it collapse into one component), `remote` URLs become
 * `pkg:generic` components with their sha256 (but for `data:` URLs, inline
 * modules with nothing to download). A workspace member is its folder from
 * the project root, named by the JSR package its deno.json publishes or by its
 * package.json. The workspace's (and each
 * member's) `dependencies` and `packageJson.dependencies` give the direct
 * dependencies; a specifier that resolves to no locked package is a workspace
 * member: the edge to the member of that name, if any. A `packageJson` dependency that the
 * `package.json` beside it lists only in `devDependencies` is a dev one, and
 * one it lists in `optionalDependencies` an optional one. A package the
 * configuration file `links` from a folder of the project (`workspace.links`)
 * is that folder's member, named by its deno.json (JSR) or package.json (npm),
 * not a component, and what it needs its edges. The `deno.json`
 * (or `deno.jsonc`) beside the lock names the project when it publishes a
 * JSR package (`name`, `version`, `license`). A lock that a configuration
 * file names elsewhere (its `"lock"` option) is that file's folder's: its
 * workspace members and `package.json` files are there, and the file names
 * the project.
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root;
 *   `load`: reads the workspace's `package.json` files; `config`: the
 *   configuration file that names the lock, when it is not beside it.
 * @returns Members (workspace folders), components and edges.
 */
export function readDenoLock(
  text: string,
  options: { path: string; load?: Load; config?: string },
): ReaderOutput & { project?: Project } {
  const { path } = options;
  const lock = parseJsonObject(text, path, CODE);
  const version = lock.version;
  const unversioned = version === undefined && isUnversionedLock(lock);
  if (!unversioned && (typeof version !== "string" || !SUPPORTED_VERSIONS.includes(version))) {
    throw new VouchError(
      "inventory.deno_lock.unsupported_version",
      `${path}:${keyLine(text, "version")}: deno.lock version ${
        JSON.stringify(version ?? null)
      } is not supported`,
      "regenerate it with Deno 2 (`deno install` writes version 4 or 5)",
    );
  }
  const { specifiers, jsr, npm, remote } = tables(lock, unversioned ? undefined : `${version}`);
  const out = new OutputBuilder();
  const workspace = objectAt(lock, "workspace");
  const base = folderOf(options.config ?? path);
  // `patches`: what Deno before 2.3.6 called the lock's links.
  const links = isRecord(workspace.links) ? workspace.links : objectAt(workspace, "patches");
  const linked = linkedMembers(options.load, base, options.config, links);
  const ids = new Map<string, string>(); // "jsr:<key>" / "npm:<key>" → component or member id
  const keysByName = new Map<string, string[]>(); // "jsr:<name>" / "npm:<name>" → keys

  const addEntries = (kind: "jsr" | "npm", table: JsonObject): void => {
    for (const [key, entry] of Object.entries(table)) {
      const [name, rest] = splitNameAt(key);
      if (!isRecord(entry) || rest === undefined || rest === "") {
        throw new VouchError(
          CODE,
          `${path}:${keyLine(text, key)}: ${kind} entry ${JSON.stringify(key)} is malformed`,
          `regenerate ${path} with \`deno install\``,
        );
      }
      const pkgVersion = kind === "npm" ? rest.split("_")[0] : rest;
      const named = keysByName.get(`${kind}:${name}`) ?? [];
      keysByName.set(`${kind}:${name}`, named.concat(key));
      const member = linked.get(`${kind}:${name}@${pkgVersion}`)?.[0];
      if (member !== undefined) {
        ids.set(`${kind}:${key}`, out.member(member));
        continue;
      }
      const integrity = stringAt(entry, "integrity");
      const tarball = stringAt(entry, "tarball");
      // A JSR package installed through npm (`@jsr/scope__name`) is the JSR package; the
      // `tarball` of another registry than npm's names it, as the npm locks' URLs do.
      const id = out.component(
        kind === "npm"
          ? npmComponent({
            name,
            version: pkgVersion,
            qualifiers: originQualifiers(name, tarball),
            hashes: sriHashes(integrity),
            downloadLocation: tarball,
            sources: [path],
          })
          : {
            purl: jsrPurl(name, pkgVersion),
            ecosystem: kind,
            name,
            version: pkgVersion,
            hashes: sha256(integrity),
            downloadLocation: tarball,
            sources: [path],
          },
      );
      ids.set(`${kind}:${key}`, id);
    }
  };
  addEntries("jsr", jsr);
  addEntries("npm", npm);
  for (const [url, hash] of Object.entries(remote)) {
    if (isDataUrl(url)) continue; // inline code of the project's own modules, not a dependency
    if (!URL.canParse(url)) {
      throw new VouchError(
        CODE,
        `${path}:${keyLine(text, url)}: remote entry ${JSON.stringify(url)} is not a URL`,
        `regenerate ${path} with \`deno install\``,
      );
    }
    const { name, purl } = genericUrlPurl(url);
    out.component({
      purl,
      ecosystem: "generic",
      name,
      hashes: sha256(hash),
      downloadLocation: url,
      sources: [path],
    });
  }

  const specifiersByName = new Map<string, string[]>();
  for (const specifier of Object.keys(specifiers)) {
    const [name] = splitNameAt(specifier.replace(/^(jsr|npm):/, ""));
    const key = `${specifier.slice(0, 3)}:${name}`;
    specifiersByName.set(key, (specifiersByName.get(key) ?? []).concat(specifier));
  }
  /** Resolves `jsr:…`/`npm:…` specifiers, `name`, `name@key-rest` and `alias@npm:…` refs. */
  const resolve = (reference: string, defaultKind: "jsr" | "npm"): string | undefined => {
    const locked = stringAt(specifiers, reference);
    const kind = reference.startsWith("jsr:")
      ? "jsr"
      : reference.startsWith("npm:")
      ? "npm"
      : defaultKind;
    const bare = reference.replace(/^(jsr|npm):/, "");
    const [name, rest] = splitNameAt(bare);
    if (rest?.startsWith("npm:")) return resolve(rest, "npm");
    const exact = ids.get(`${kind}:${locked === undefined ? bare : `${name}@${locked}`}`);
    if (exact !== undefined || locked !== undefined) return exact;
    if (rest !== undefined) return undefined;
    // Deno shortens a reference to the bare name when it is unambiguous (deno_lockfile's
    // printer.rs): a JSR package's `jsr:`/`npm:` dependency when `specifiers` holds one
    // requirement of that name, however many versions of it are locked, and Deno reads it
    // back as that requirement (lockfile_content.rs, `to_resolved_specifiers`); an npm
    // package's dependency (no prefix) when one version of it is locked.
    const requirements = specifiersByName.get(`${kind}:${name}`) ?? [];
    const named = keysByName.get(`${kind}:${name}`) ?? [];
    if (bare !== reference && requirements.length === 1) {
      const viaSpecifier = ids.get(`${kind}:${name}@${stringAt(specifiers, requirements[0])}`);
      if (viaSpecifier !== undefined) return viaSpecifier;
    }
    return named.length === 1 ? ids.get(`${kind}:${named[0]}`) : undefined;
  };
  const next = new Map<string, Array<[string, Scope]>>();
  const link = (from: string, reference: string, kind: "jsr" | "npm", scope: Scope): void => {
    const to = resolve(reference, kind);
    if (to === undefined) return;
    out.edge(from, to, scope);
    next.set(from, (next.get(from) ?? []).concat([[to, scope]]));
  };
  for (const [kind, table] of [["jsr", jsr], ["npm", npm]] as const) {
    for (const [key, entry] of Object.entries(table)) {
      const from = ids.get(`${kind}:${key}`)!;
      const fields = entry as JsonObject;
      for (const ref of references(fields.dependencies)) link(from, ref, kind, "runtime");
      for (const field of ["optionalDependencies", "optionalPeers"]) {
        for (const ref of references(fields[field])) link(from, ref, kind, "optional");
      }
    }
  }

  const roots: Array<[string, JsonObject, string]> = [[ROOT_ID, workspace, base]];
  const memberNamed = new Map<string, string>(); // a named member's name → its id
  const addRoot = (member: Member, config: JsonObject, folder: string): void => {
    out.edge(ROOT_ID, out.member(member), "runtime");
    roots.push([member.id, config, folder]);
    if (member.purl !== undefined) memberNamed.set(member.name, member.id);
  };
  for (const [key, [member, folder]] of linked) addRoot(member, objectAt(links, key), folder);
  for (const [folder, member] of Object.entries(objectAt(workspace, "members"))) {
    const at = joinPath(base, folder);
    addRoot(workspaceMember(options.load, at), isRecord(member) ? member : {}, at);
  }
  /**
   * A root's declaration: a locked package, else a member of that name (Deno links a member a
   * member declares, `"@d6/b": "*"`, and locks no package for it).
   */
  const declare = (from: string, ref: string, scope: Scope): void => {
    const kind = ref.startsWith("jsr:") ? "jsr" : "npm";
    const member = resolve(ref, kind) === undefined
      ? memberNamed.get(splitNameAt(ref.replace(/^(jsr|npm):/, ""))[0])
      : undefined;
    if (member === undefined) link(from, ref, kind, scope);
    else if (member !== from) out.edge(from, member, scope);
  };
  for (const [from, config, folder] of roots) {
    for (const ref of references(config.dependencies)) declare(from, ref, "runtime");
    const packageJson = references(objectAt(config, "packageJson").dependencies);
    const declared = packageJson.length > 0
      ? declaredScopes(options.load, joinPath(folder, "package.json"))
      : new Map<string, Scope>();
    for (const ref of packageJson) {
      const name = splitNameAt(ref.replace(/^(jsr|npm):/, ""))[0];
      declare(from, ref, declared.get(name) ?? "runtime");
    }
  }

  // Scopes: dev when reachable from the project only through a package.json's
  // devDependencies, optional when only through optional edges. A package that no
  // declaration reaches (a `npm:esbuild@0.20.0` written in the code, not in deno.json) is
  // a runtime one, and what it needs optionally (esbuild's platform packages) optional.
  const declared = reachable(roots.map(([id]) => id), next, () => true);
  const targets = new Set([...next.values()].flatMap((list) => list.map(([to]) => to)));
  const starts = [
    ...roots.map(([id]) => id),
    ...[...ids.values()].filter((id) => !declared.has(id) && !targets.has(id)),
  ];
  const runtime = reachable(starts, next, (scope) => scope === "runtime");
  const shipped = reachable(starts, next, (scope) => scope !== "dev");
  const any = reachable(starts, next, () => true);
  const output = out.build({ directFromEdges: true });
  for (const component of output.components) {
    if (!any.has(component.id) || runtime.has(component.id)) continue;
    component.scopes = [shipped.has(component.id) ? "optional" : "dev"];
  }
  const project = denoProject(options.load, base, options.config);
  return project === undefined ? output : { ...output, project };
}
