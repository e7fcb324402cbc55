/**
 * Reader for NuGet's `packages.lock.json` (versions 1, 2 and 3, also named
 * `packages.<project>.lock.json`).
 *
 * Every target framework (and runtime-specific graph, `net8.0/win-x64`) is
 * read; a package resolved to the same version in several of them is one
 * component. `Direct`, `Transitive` and `CentralTransitive` entries are
 * `pkg:nuget` components with the `resolved` version; `contentHash` (base64
 * SHA-512 of the `.nupkg`) is their hash. `Project` entries are other
 * projects of the solution: members, never components, named after their
 * project file (NuGet writes the keys in lowercase). Each entry's
 * `dependencies` become edges to the package of that name in the same
 * framework (a dependency the framework itself provides, which NuGet prunes,
 * has no entry and no edge).
 *
 * The lock belongs to the project beside it (the root when the lock is at the
 * tree's root, else the member named after the project file there, or its
 * folder). That project file, wherever the lock is (see `projectBeside` in
 * `msbuild.ts`: the one project file of the folder, or the name in
 * `packages.<name>.lock.json`), gives the scopes the lock does not record:
 * `PrivateAssets="all"` or no run-time assets (`ExcludeAssets="runtime"`) → build, as is a
 * `Project` entry the project references with `ReferenceOutputAssembly="false"` (a source
 * generator), a test project (by the MSBuild reader's
 * rule, or one whose lock has a test package as `Direct`: `Microsoft.NET.Test.Sdk`,
 * `xunit.v3` …, which an MSBuild SDK of its own may add) → dev; transitive
 * packages take the scopes of the paths that reach them. A `Direct` entry no project
 * file declares is one the .NET SDK adds itself (`IsImplicitlyDefined`,
 * `PrivateAssets="all"`): `Microsoft.NET.ILLink.Tasks` (the trimmer's tasks
 * and analyzers, for `IsTrimmable`, `IsAotCompatible`, `PublishTrimmed`),
 * `Microsoft.DotNet.ILCompiler` (the Native AOT compiler, for `PublishAot`),
 * `Microsoft.NET.Sdk.WebAssembly.Pack` (the WebAssembly SDK's build targets) and
 * `Microsoft.NETFramework.ReferenceAssemblies` (a .NET Framework target's
 * reference assemblies) are build tools, never in the output → build; any
 * other → runtime. A package it declares or a
 * project it references (under no Condition vouch cannot evaluate) that the
 * lock lacks is warned about: the lock is out of date. NuGet locks no `PackageDownload` (a
 * package restore downloads that the project does not reference) nor `DotNetCliToolReference`
 * (a tool restored as a project of its own): the project file's are components too, at the
 * versions it lists (see `msbuild.ts`), build (dev in a test project), and so are the project
 * SDKs that NuGet's SDK resolver restores for its build (`<Project Sdk="X/1.0">`, a
 * `global.json`'s `msbuild-sdks`), build.
 *
 * The lock of a `*.proj` (a traversal `dirs.proj`, which NuGet restores; the lock of its folder
 * when no other project file is there) is the build's: its packages are build components of the
 * tree's root, it is no member, and the projects it builds (`Project` entries), with what only
 * they bring, are left to their own locks.
 *
 * @module
 */
import { posix } from "../../_path.ts";
import { VouchError } from "../../errors.ts";
import { compareStrings, isRecord } from "../../_util.ts";
import { OutputBuilder } from "../_builder.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { lineAt, parseJsonObject } from "../_formats/json.ts";
import { type Member, ROOT_ID, type Scope } from "../types.ts";
import { normalizeNugetVersion, projectMember } from "./_nuget.ts";
import { declaredNugetComponent, nugetSources, sourcedNugetPurl } from "./_nuget_config.ts";
import { parseFramework } from "./_frameworks.ts";
import {
  buildsNoProject,
  evaluateMsbuildProject,
  findProjectFile,
  javascriptProjectOf,
  memberOfProject,
  type MsbuildProject,
  projectBeside,
  projectReferenceScope,
  referencedProjects,
  referencesTestSdk,
} from "./msbuild.ts";

const CODE = "inventory.nuget_lock.invalid";
const TYPES = new Set(["Direct", "Transitive", "CentralTransitive", "Project"]);
/**
 * Build tools the .NET SDK references implicitly, with `PrivateAssets="all"` (lowercased): the
 * trimmer's tasks, the Native AOT compiler (`PublishAot`; its `runtime.<rid>.…` pack is its
 * dependency in the lock's runtime-specific graph), the WebAssembly SDK's pack, a .NET Framework
 * target's reference assemblies.
 */
const SDK_BUILD_PACKAGES = new Set([
  "microsoft.net.illink.tasks",
  "microsoft.dotnet.ilcompiler",
  "microsoft.net.sdk.webassembly.pack",
  "microsoft.netframework.referenceassemblies",
]);

/**
 * Whether a lock's target graph is of .NET Standard 2.0 or later (`netstandard2.0`,
 * `.NETStandard,Version=v2.0`, with or without its `/rid`): there the .NET SDK's implicit
 * `NETStandard.Library` is `PrivateAssets="All"` (Microsoft.NET.Sdk.DefaultItems.targets: its
 * reference assemblies and build targets, no dependency of the package the project packs), not
 * the run-time dependency it is of a `netstandard1.x` project.
 */
function netStandard2OrLater(graph: string): boolean {
  const framework = graph.split("/")[0];
  const long = /^\.NETStandard,Version=v(\d+)(?:\.\d+)*$/i.exec(framework);
  if (long !== null) return Number(long[1]) >= 2;
  const parsed = parseFramework(framework);
  return parsed?.identifier === ".NETStandard" && parsed.version[0] >= 2;
}

interface Entry {
  key: string;
  type: string;
  resolved?: string;
  /** The range the project requested (`Direct` and `CentralTransitive` entries). */
  requested?: string;
  /** The contentHash as hex. */
  sha512?: string;
  dependencies: string[];
}

function invalid(path: string, line: number, what: string): VouchError {
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `regenerate ${path} with \`dotnet restore --force-evaluate\``,
  );
}

/** The line of `"key":` at or after the line of `"after":`, for messages. */
function lineOf(text: string, key: string, after = ""): number {
  const from = after === "" ? 0 : Math.max(text.indexOf(JSON.stringify(after) + ":"), 0);
  const at = text.indexOf(JSON.stringify(key) + ":", from);
  return lineAt(text, at === -1 ? from : at);
}

/** The hex of a base64 SHA-512, or `undefined` when it is not one. */
function sha512Hex(base64: string): string | undefined {
  return /^[A-Za-z0-9+/]{86}==$/.test(base64) ? Uint8Array.fromBase64(base64).toHex() : undefined;
}

/**
 * The lock's target graphs, each by its key: `dependencies`' target frameworks
 * (`net8.0`, `net8.0/win-x64`) in versions 1 and 2; in version 3 (which NuGet writes for a
 * project with several targets of one framework, told apart by alias) every other key of the
 * root, an alias (`alias/rid`) whose object names its `framework` and holds its `dependencies`.
 */
function targetGraphs(
  lock: Record<string, unknown>,
  text: string,
  path: string,
): [string, unknown][] {
  const version = lock.version;
  if (version === 3) {
    const graphs: [string, unknown][] = [];
    for (const [alias, target] of Object.entries(lock)) {
      if (alias === "version") continue;
      if (
        !isRecord(target) || typeof target.framework !== "string" || target.framework === ""
      ) {
        throw invalid(
          path,
          lineOf(text, alias),
          `the target ${alias} is not an object with its framework and dependencies`,
        );
      }
      graphs.push([alias, target.dependencies ?? {}]);
    }
    return graphs;
  }
  if (version !== 1 && version !== 2) {
    throw invalid(
      path,
      lineOf(text, "version"),
      `packages.lock.json version ${JSON.stringify(version)} is not supported (1, 2 or 3)`,
    );
  }
  if (!isRecord(lock.dependencies)) {
    throw invalid(
      path,
      lineOf(text, "dependencies"),
      "`dependencies` is not an object of target frameworks",
    );
  }
  return Object.entries(lock.dependencies);
}

function decode(lock: Record<string, unknown>, text: string, path: string): Map<string, Entry[]> {
  const graphs = targetGraphs(lock, text, path);
  const frameworks = new Map<string, Entry[]>();
  // Frameworks repeat the same packages: each contentHash is decoded once.
  const hexes = new Map<string, string | undefined>();
  for (const [framework, packages] of graphs) {
    if (!isRecord(packages)) {
      throw invalid(
        path,
        lineOf(text, framework),
        `the target framework ${framework} is not an object`,
      );
    }
    const entries: Entry[] = [];
    for (const [key, value] of Object.entries(packages)) {
      const line = (): number => lineOf(text, key, framework);
      // NuGet writes no package without an id (its PackageIdValidator refuses an empty one): it
      // was refused as a purl without a name, at no line.
      if (key === "") throw invalid(path, line(), `a package of ${framework} has an empty id`);
      const raw = isRecord(value) ? value : {};
      const type = raw.type;
      if (typeof type !== "string" || !TYPES.has(type)) {
        throw invalid(
          path,
          line(),
          `${key} (${framework}) has no type Direct, Transitive, CentralTransitive or Project`,
        );
      }
      const entry: Entry = { key, type, dependencies: [] };
      const dependencies = raw.dependencies ?? {};
      let wellFormed = isRecord(dependencies);
      if (wellFormed) {
        for (const name in dependencies as Record<string, unknown>) {
          wellFormed &&= typeof (dependencies as Record<string, unknown>)[name] === "string";
          entry.dependencies.push(name);
        }
      }
      if (!wellFormed) {
        throw invalid(
          path,
          line(),
          `the dependencies of ${key} (${framework}) are not an object of versions`,
        );
      }
      if (typeof raw.requested === "string") entry.requested = raw.requested;
      if (type !== "Project") {
        if (typeof raw.resolved !== "string" || raw.resolved === "") {
          throw invalid(path, line(), `${key} (${framework}) has no resolved version`);
        }
        entry.resolved = raw.resolved;
        const contentHash = raw.contentHash;
        if (contentHash !== undefined) {
          let hex = typeof contentHash === "string" ? hexes.get(contentHash) : undefined;
          if (hex === undefined && typeof contentHash === "string") {
            hexes.set(contentHash, hex = sha512Hex(contentHash));
          }
          if (hex === undefined) {
            throw invalid(
              path,
              line(),
              `the contentHash of ${key} (${framework}) is not a base64 SHA-512`,
            );
          }
          entry.sha512 = hex;
        }
      }
      entries.push(entry);
    }
    frameworks.set(framework, entries);
  }
  return frameworks;
}

/**
 * The entries a framework's `Direct` packages reach, by lowercased name: those of a traversal
 * project's own graph, without the projects it builds (`Project` entries) and what only they bring.
 */
function reachedFromDirect(entries: Entry[]): Set<string> {
  const byName = new Map(entries.map((e) => [e.key.toLowerCase(), e]));
  const reached = new Set<string>();
  const queue = entries.filter((e) => e.type === "Direct");
  for (let entry = queue.pop(); entry !== undefined; entry = queue.pop()) {
    const lower = entry.key.toLowerCase();
    if (reached.has(lower)) continue;
    reached.add(lower);
    for (const name of entry.dependencies) {
      const next = byName.get(name.toLowerCase());
      if (next !== undefined && next.type !== "Project") queue.push(next);
    }
  }
  return reached;
}

/** Options of {@linkcode readNugetLock}. */
export interface NugetLockOptions {
  /** The lock's path relative to the tree's root. */
  path: string;
  /** Reads files of the tree: the project file beside the lock, the projects it references. */
  load: Load;
  /** Lists a folder's files (to find the project file beside the lock). */
  files?: (folder: string) => string[] | undefined;
  /** Lists a folder's folders (to find the project files of `Project` entries). */
  list?: (folder: string) => string[] | undefined;
}

/**
 * Reads a `packages.lock.json` (see the module notes).
 *
 * @param text The file's text.
 * @param options `path`: its path relative to the tree's root; `load`: reads
 *   the project file beside it; `files`: lists a folder's files (to find it);
 *   `list`: a folder's folders (to find the project files of `Project` entries).
 * @returns Members, components and edges.
 * @throws {VouchError} `inventory.nuget_lock.invalid` for malformed JSON, a
 *   repeated key, an unsupported version, an entry without type or resolved
 *   version or a contentHash that is not a base64 SHA-512;
 *   `inventory.msbuild.invalid` for a malformed project file beside it.
 */
export function readNugetLock(
  text: string,
  options: NugetLockOptions,
): ReaderResult {
  const { path } = options;
  const lock = parseJsonObject(text, path, CODE);
  const frameworks = decode(lock, text, path);
  const { project, warning } = projectBeside(path, options);
  const dir = posix.dirname(path);
  const out = new OutputBuilder();
  // A traversal `dirs.proj`'s lock: what it restores is for the build; it is no member.
  const orchestrating = project !== undefined && buildsNoProject(project);
  let self = ROOT_ID;
  if (dir !== "." && !orchestrating) {
    self = out.member(
      project === undefined ? projectMember(posix.basename(dir)) : memberOfProject(project),
    );
    out.edge(ROOT_ID, self, "runtime");
  }
  const referenced = project === undefined
    ? new Map()
    : referencedProjects(project, options.load, options);
  const declared = new Map((project?.packages ?? []).map((p) => [p.name.toLowerCase(), p.scope]));
  // A test package the lock has as Direct makes a test project, wherever it is declared (an
  // MSBuild SDK of the project's own, a file vouch does not read).
  const isTest = project?.isTest === true || referencesTestSdk(
    [...frameworks.values()].flatMap((entries) =>
      entries.filter((e) => e.type === "Direct").map((e) => e.key)
    ),
  );
  const directScope = (name: string, graph: string): Scope =>
    orchestrating ? "build" : isTest ? "dev" : declared.get(name.toLowerCase()) ??
      (SDK_BUILD_PACKAGES.has(name.toLowerCase()) ||
          (name.toLowerCase() === "netstandard.library" && netStandard2OrLater(graph))
        ? "build"
        : "runtime");
  // The lock records no package's source (only its contentHash): the project's nuget.config
  // files say it, as for its restore.
  const sources = nugetSources(dir, options.load, project?.restoreSources, options.files);
  const sourceWarnings = new Set<string>();
  // Frameworks mostly repeat the same packages: each name@version is added once.
  const added = new Map<string, string>();
  for (const [graph, entries] of frameworks) {
    // Node ids by name as written and lowercased (NuGet names are case-insensitive).
    const ids = new Map<string, string>();
    const lowerIds = new Map<string, string>();
    const idOf = (name: string): string | undefined =>
      ids.get(name) ?? lowerIds.get(name.toLowerCase());
    // The projects a traversal builds are no dependencies of it, nor what only they bring.
    const kept = orchestrating ? reachedFromDirect(entries) : undefined;
    for (const entry of entries) {
      const lower = entry.key.toLowerCase();
      if (kept !== undefined && !kept.has(lower)) continue;
      if (entry.type === "Project") {
        const named = projectEntry(entry.key, referenced, options);
        if (named === ROOT_ID) continue;
        const id = out.member(named);
        ids.set(entry.key, id);
        lowerIds.set(lower, id);
        const path = referenced.get(lower)?.path;
        const scope = isTest
          ? "dev"
          : project !== undefined && path !== undefined
          ? projectReferenceScope(project, path)
          : "runtime";
        out.edge(self, id, scope);
        continue;
      }
      const key = `${entry.key}@${entry.resolved}`;
      let id = added.get(key);
      if (id === undefined || entry.type === "Direct") {
        id = out.component({
          purl: sourcedNugetPurl(sources, entry.key, entry.resolved, sourceWarnings),
          ecosystem: "nuget",
          name: entry.key,
          version: entry.resolved,
          hashes: entry.sha512 === undefined ? [] : [{ alg: "sha512", hex: entry.sha512 }],
          direct: entry.type === "Direct",
          sources: [path],
        });
        added.set(key, id);
      }
      ids.set(entry.key, id);
      lowerIds.set(lower, id);
      if (entry.type === "Direct") out.edge(self, id, directScope(entry.key, graph));
    }
    for (const entry of entries) {
      const from = ids.get(entry.key);
      if (from === undefined) continue; // Left out of a traversal's lock.
      for (const dependency of entry.dependencies) {
        const to = idOf(dependency);
        if (to !== undefined) out.edge(from, to, "runtime");
      }
    }
  }
  // NuGet locks no PackageDownload nor DotNetCliToolReference: the project's are read from it; nor
  // the project's SDKs, which NuGet's SDK resolver restores apart from the project's graph.
  const unlocked = [
    ...(project?.downloads ?? []).map((d) => ({ ...d, scope: isTest ? "dev" as const : d.scope })),
    ...project?.sdks ?? [],
  ];
  for (const p of unlocked) {
    const id = out.component(declaredNugetComponent(sources, p, sourceWarnings));
    out.edge(self, id, p.scope);
  }
  out.propagateScopes();
  const result: ReaderResult = out.build({ directFromEdges: true });
  if (orchestrating) result.buildsNoProject = true;
  const warnings = warning === undefined ? [] : [warning];
  const stale = (what: string, missing: string[]): void => {
    if (missing.length === 0) return;
    warnings.push(
      `${path} does not lock ${what} (${missing.join(", ")}): ` +
        "the lock is out of date and those packages are not in the SBOM; run " +
        `\`dotnet restore --force-evaluate\` and commit ${path}`,
    );
  };
  if (project !== undefined) {
    // A declared package the lock has, but only as a transitive one, is in the SBOM at the
    // version the lock resolved for it; one it has not at all is missing.
    const locked = new Set(
      [...frameworks.values()].flatMap((entries) =>
        entries.filter((e) => e.type !== "Project").map((e) => e.key.toLowerCase())
      ),
    );
    const notDirect = unlockedPackages(project, frameworks);
    stale(`what ${project.path} declares`, notDirect.filter((n) => !locked.has(n.toLowerCase())));
    const indirect = notDirect.filter((n) => locked.has(n.toLowerCase()));
    if (indirect.length > 0) {
      warnings.push(
        `${path} locks what ${project.path} declares only as transitive dependencies ` +
          `(${indirect.join(", ")}): the lock is out of date (a restore re-resolves them) and ` +
          "the SBOM has them at the versions it locks; run `dotnet restore --force-evaluate` " +
          `and commit ${path}`,
      );
    }
    stale(
      `the projects ${project.path} references`,
      unlockedProjects(project, frameworks, referenced),
    );
    const targets = lock.version === 3 ? undefined : otherFrameworks(project, frameworks.keys());
    if (targets !== undefined) {
      warnings.push(
        `${path} locks the target frameworks ${targets.locked.join(", ")} while ` +
          `${project.path} targets ${targets.project.join(", ")}: the lock is out of date (a ` +
          "restore re-resolves it; `--locked-mode` fails, NU1004) and the SBOM has what it " +
          `locks; run \`dotnet restore --force-evaluate\` and commit ${path}`,
      );
    }
    const changed = changedPackages(project, frameworks);
    if (changed.length > 0) {
      warnings.push(
        `${path} locks other versions than ${project.path} declares (${changed.join("; ")}): ` +
          "the lock is out of date (a restore re-resolves them; `--locked-mode` fails, NU1004) " +
          "and the SBOM has the locked versions; run `dotnet restore --force-evaluate` and " +
          `commit ${path}`,
      );
    }
  }
  warnings.push(...sourceWarnings);
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

/**
 * The member a `Project` entry names: the project the lock's project
 * references by that name (file name, `PackageId` or `AssemblyName`), else
 * the project file of that name found near the lock (see
 * {@linkcode findProjectFile}), else the name as the lock writes it (NuGet
 * lowercases it). A `*.esproj`'s is the npm project beside it (see `javascriptProjectOf`).
 */
function projectEntry(
  key: string,
  referenced: ReadonlyMap<string, MsbuildProject>,
  options: NugetLockOptions,
): Member | typeof ROOT_ID {
  const known = referenced.get(key.toLowerCase());
  const file = known?.path ?? findProjectFile(key, posix.dirname(options.path), options);
  const javascript = file === undefined ? undefined : javascriptProjectOf(file, options.load);
  if (javascript !== undefined) return javascript;
  if (known !== undefined) return memberOfProject(known);
  const text = file === undefined ? undefined : options.load(file);
  if (text === undefined) return projectMember(key);
  return memberOfProject(evaluateMsbuildProject(text, { ...options, path: file! }));
}

/**
 * The projects a project references (under no Condition vouch cannot
 * evaluate) that no target framework of its lock has as a `Project` entry,
 * by any name NuGet may key it by (file name, `PackageId`, `AssemblyName`):
 * the lock is older than the project.
 */
function unlockedProjects(
  project: MsbuildProject,
  frameworks: ReadonlyMap<string, readonly Entry[]>,
  referenced: ReadonlyMap<string, MsbuildProject>,
): string[] {
  const locked = new Set<string>();
  for (const entries of frameworks.values()) {
    for (const e of entries) if (e.type === "Project") locked.add(e.key.toLowerCase());
  }
  const conditioned = new Set(project.conditionedReferences ?? []);
  const missing: string[] = [];
  for (const reference of project.projectReferences) {
    if (conditioned.has(reference)) continue;
    const name = posix.basename(reference).replace(/\.[^.]+$/, "");
    const found = [...referenced.values()].find((p) => p.path === reference);
    const names = [name, found?.packageId, found?.assemblyName];
    if (!names.some((n) => n !== undefined && locked.has(n.toLowerCase()))) missing.push(name);
  }
  return [...new Set(missing)].sort(compareStrings);
}

/**
 * The packages a project declares (under no Condition vouch cannot evaluate)
 * that no target framework of its lock has as a `Direct` entry: the lock is
 * older than the project (`dotnet restore` without `--locked-mode` would
 * re-resolve it and add them).
 */
function unlockedPackages(
  project: MsbuildProject,
  frameworks: ReadonlyMap<string, readonly Entry[]>,
): string[] {
  const direct = new Set<string>();
  for (const entries of frameworks.values()) {
    for (const e of entries) if (e.type === "Direct") direct.add(e.key.toLowerCase());
  }
  const missing = project.packages
    .filter((p) => !p.conditioned && !direct.has(p.name.toLowerCase()))
    .map((p) => p.name);
  return [...new Set(missing)].sort(compareStrings);
}

/**
 * A target framework as NuGet compares them (NuGetFramework's equality, versions without their
 * trailing zeros), from its short name (`net8.0`, `net472`, `net8.0-windows7.0`) or the long one
 * older locks write (`.NETCoreApp,Version=v3.1`): the framework and its platform, and the
 * platform's version apart; `undefined` for one vouch does not know (`uap10.0`, a profile).
 */
function comparedFramework(
  name: string,
): { framework: string; platformVersion: string } | undefined {
  const trimmed = (parts: number[]): string => {
    const kept = [...parts];
    while (kept.length > 0 && kept.at(-1) === 0) kept.pop();
    return kept.join(".");
  };
  const long = /^(\.NET(?:CoreApp|Standard|Framework)),Version=v(\d+(?:\.\d+)*)$/i.exec(
    name.trim(),
  );
  if (long !== null) {
    return {
      framework: `${long[1].toLowerCase()} ${trimmed(long[2].split(".").map(Number))} `,
      platformVersion: "",
    };
  }
  const parsed = parseFramework(name);
  if (parsed === undefined) return undefined;
  return {
    framework: `${parsed.identifier.toLowerCase()} ${trimmed(parsed.version)} ${
      parsed.platform ?? ""
    }`,
    platformVersion: trimmed(parsed.platformVersion),
  };
}

/**
 * The lock's target frameworks (its graphs' keys without their runtime) and the project's, when
 * they differ: NuGet's `PackagesLockFileUtilities.IsLockFileStillValid` finds such a lock out of
 * date (PackagesLockFile_MismatchedTargetFrameworks, NewTargetFramework), and a restore re-resolves
 * it. A platform the project writes without a version (`net8.0-windows`) is any version of it
 * (the SDK's default, `windows7.0`, is the lock's). `undefined` when they are the same, or when
 * the project's frameworks are not known in every build (see `targetFrameworks`) or one of
 * either is of a family vouch does not know.
 */
function otherFrameworks(
  project: MsbuildProject,
  graphs: Iterable<string>,
): { locked: string[]; project: string[] } | undefined {
  const targets = project.targetFrameworks;
  if (targets === undefined) return undefined;
  const locked = [...new Set([...graphs].map((graph) => graph.split("/")[0]))];
  const lockKeys = locked.map(comparedFramework);
  const projectKeys = targets.map(comparedFramework);
  if (lockKeys.includes(undefined) || projectKeys.includes(undefined)) return undefined;
  const same = (p: typeof projectKeys[number], l: typeof lockKeys[number]): boolean =>
    p!.framework === l!.framework &&
    (p!.platformVersion === "" || p!.platformVersion === l!.platformVersion);
  const matched = projectKeys.every((p) => lockKeys.some((l) => same(p, l))) &&
    lockKeys.every((l) => projectKeys.some((p) => same(p, l)));
  return matched ? undefined : { locked, project: targets };
}

/**
 * The packages a project pins (exact versions, under no Condition vouch cannot evaluate) whose
 * `Direct` entries in its lock all request a range from another version: NuGet's
 * `PackagesLockFileUtilities.IsLockFileStillValid` (`HasProjectDependencyChanged`) finds the lock
 * out of date when a direct dependency's range is not the entry's `requested` one, and a restore
 * re-resolves it (`--locked-mode` fails, NU1004). Each is described as `name version: the lock
 * requests range`. A range vouch cannot read (an exclusive or missing lower bound) is not compared.
 */
function changedPackages(
  project: MsbuildProject,
  frameworks: ReadonlyMap<string, readonly Entry[]>,
): string[] {
  const requested = new Map<string, { bounds: Set<string>; ranges: Set<string> }>();
  for (const entries of frameworks.values()) {
    for (const e of entries) {
      const bound = e.type === "Direct" && e.requested !== undefined
        ? /^\[\s*([^,\]\s]+)\s*[,\]]/.exec(e.requested)?.[1]
        : undefined;
      if (bound === undefined) continue;
      const lower = e.key.toLowerCase();
      const known = requested.get(lower) ?? { bounds: new Set(), ranges: new Set() };
      known.bounds.add(normalizeNugetVersion(bound));
      known.ranges.add(e.requested!);
      requested.set(lower, known);
    }
  }
  const declared = new Map<string, { name: string; versions: Set<string> } | null>();
  for (const p of project.packages) {
    const lower = p.name.toLowerCase();
    if (p.conditioned || p.version === undefined || declared.get(lower) === null) {
      declared.set(lower, null);
      continue;
    }
    const known = declared.get(lower) ?? { name: p.name, versions: new Set<string>() };
    known.versions.add(normalizeNugetVersion(p.version));
    declared.set(lower, known);
  }
  const changed: string[] = [];
  for (const [lower, pinned] of declared) {
    const locked = requested.get(lower);
    if (pinned === null || locked === undefined) continue;
    if ([...pinned.versions].some((v) => locked.bounds.has(v))) continue;
    changed.push(
      `${pinned.name} ${[...pinned.versions].join(", ")}: the lock requests ` +
        [...locked.ranges].join(", "),
    );
  }
  return changed.sort(compareStrings);
}
