/**
 * Reader for the .NET local tool manifest, `dotnet-tools.json` (in a folder, or in its
 * `.config`): the NuGet tool packages `dotnet tool restore` installs, each at the exact
 * version the manifest names (dotnet/sdk's `ToolManifestEditor`: `"version"` of each tool is a
 * `NuGetVersion`, not a range; `"commands"` the commands it provides).
 *
 * `{ "version": 1, "isRoot": true, "tools": { "<package id>": { "version": "…", "commands": […] } } }`:
 * every tool is a direct `pkg:nuget` component at its version in NuGet's normalized form, scope
 * build (a tool the build or its developers run, never in the output). A tool package carries
 * what it runs with: NuGet resolves no dependency of it, so there are no other components.
 *
 * `dotnet tool restore` (dotnet/sdk's `ToolManifestFinder.TryFindToolManifestPackages`) reads,
 * in each folder from the current one up, `.config/dotnet-tools.json` and then
 * `dotnet-tools.json`, keeps the first manifest's tool of each package id, and stops after a
 * manifest with `"isRoot": true`. A manifest of another folder is used from that folder, so
 * every manifest of the tree counts, except where a folder has both: its `dotnet-tools.json`
 * is never read when the `.config` one is a root, and a tool of it that the `.config` one
 * also names is never used. Those are left out, with a warning.
 *
 * @module
 */
import { posix } from "../../_path.ts";
import { VouchError } from "../../errors.ts";
import { OutputBuilder } from "../_builder.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { keyLine, parseJsonObject } from "../_formats/json.ts";
import { ROOT_ID } from "../types.ts";
import { normalizeNugetVersion } from "./_nuget.ts";
import { nugetSources, sourcedNugetPurl } from "./_nuget_config.ts";

const CODE = "inventory.dotnet_tools.invalid";

/** The folder whose `dotnet-tools.json` `dotnet tool restore` reads first in each folder. */
const DOTNET_CONFIG_FOLDER = ".config";

/** One tool of the manifest. */
export interface ManifestTool {
  /** The package id as written. */
  id: string;
  /** The exact version as written. */
  version: string;
}

/**
 * Parses a `dotnet-tools.json` (no mapping).
 *
 * @param text The file's text.
 * @param path Its path, for messages.
 * @returns The tools, in file order.
 * @throws {VouchError} `inventory.dotnet_tools.invalid` for malformed JSON, a manifest version
 *   other than 1 (the SDK supports no other), no boolean `isRoot`, a `tools` that is not an
 *   object, or a tool without a string `version`, whose version is no NuGet version, or without
 *   `commands` (a non-empty list of strings): the SDK refuses each (dotnet/sdk's
 *   `ToolManifestEditor.GetToolManifestPackageFromOneManifestFile`, `JsonElementExtension`), and
 *   `dotnet tool restore` fails.
 */
export function parseDotnetTools(text: string, path: string): ManifestTool[] {
  return parseManifest(text, path).tools;
}

/** Parses a manifest: its tools, and whether it is a root (`"isRoot": true`). */
function parseManifest(text: string, path: string): { isRoot: boolean; tools: ManifestTool[] } {
  const manifest = parseJsonObject(text, path, CODE);
  const fail = (key: string, what: string): VouchError =>
    new VouchError(
      CODE,
      `${path}:${keyLine(text, key)}: ${what}`,
      `fix ${path} (dotnet tool install and dotnet tool update write it) and run vouch again`,
    );
  const version = manifest.version;
  if (version !== undefined && version !== 1) {
    throw fail("version", `the manifest version ${JSON.stringify(version)} is not 1`);
  }
  const tools = manifest.tools ?? {};
  if (typeof tools !== "object" || tools === null || Array.isArray(tools)) {
    throw fail("tools", "tools is not an object");
  }
  const out: ManifestTool[] = [];
  for (const [id, tool] of Object.entries(tools as Record<string, unknown>)) {
    const written = (tool as { version?: unknown } | null)?.version;
    if (typeof written !== "string") throw fail(id, `the tool ${id} has no version`);
    // NuGetVersion: up to four numeric parts, an optional prerelease label and metadata.
    if (!/^\d+(?:\.\d+){0,3}(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(written.trim())) {
      throw fail(
        id,
        `the tool ${id} has the version ${JSON.stringify(written)}, which is no NuGet version`,
      );
    }
    // The SDK runs a tool by a command its manifest entry names: it refuses an entry without
    // one (`FieldCommandsIsMissing`), and `commands` that is not a list of strings.
    const commands = (tool as { commands?: unknown }).commands;
    if (
      commands !== undefined &&
      (!Array.isArray(commands) || commands.some((c) => typeof c !== "string"))
    ) {
      throw fail(id, `the tool ${id} has \`commands\` that are not a list of strings`);
    }
    if (commands === undefined || commands.length === 0) {
      throw fail(id, `the tool ${id} has no commands`);
    }
    out.push({ id, version: written.trim() });
  }
  // `isRoot` must be there, true or false (`ManifestMissingIsRoot`): `dotnet tool install` and
  // `dotnet new tool-manifest` write it.
  if (typeof manifest.isRoot !== "boolean") {
    throw fail(
      "isRoot",
      manifest.isRoot === undefined
        ? "the manifest has no isRoot"
        : `isRoot ${JSON.stringify(manifest.isRoot)} is not true or false`,
    );
  }
  return { isRoot: manifest.isRoot, tools: out };
}

/**
 * The manifest that `dotnet tool restore` reads before a folder's `dotnet-tools.json`: the
 * folder's `.config/dotnet-tools.json` (see the module notes); `undefined` for a manifest in
 * `.config`, when there is none, or when it is invalid (its own read says so).
 */
function configManifest(
  path: string,
  load: Load,
): { path: string; isRoot: boolean; ids: Set<string> } | undefined {
  const folder = posix.dirname(path);
  if (posix.basename(folder) === DOTNET_CONFIG_FOLDER) return undefined;
  const config = posix.join(folder, DOTNET_CONFIG_FOLDER, "dotnet-tools.json");
  const text = load(config);
  if (text === undefined) return undefined;
  try {
    const { isRoot, tools } = parseManifest(text, config);
    // A PackageId is compared lowercased (dotnet/sdk's PackageId).
    return { path: config, isRoot, ids: new Set(tools.map((t) => t.id.toLowerCase())) };
  } catch (error) {
    if (error instanceof VouchError) return undefined;
    throw error;
  }
}

/**
 * Reads a `dotnet-tools.json` (see the module notes).
 *
 * @example
 * ```ts
 * import { readDotnetTools } from "./dotnet_tools.ts";
 * const text = '{"version":1,"isRoot":true,"tools":{"dotnet-ef":{"version":"8.0.11","commands":["dotnet-ef"]}}}';
 * readDotnetTools(text, { path: ".config/dotnet-tools.json" }).components[0].purl;
 * // "pkg:nuget/dotnet-ef@8.0.11"
 * ```
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root; `load`: reads the
 *   `nuget.config` files; `files`: lists a folder's files.
 * @returns The components (no members), each an edge from the root.
 * @throws {VouchError} `inventory.dotnet_tools.invalid` as {@linkcode parseDotnetTools}.
 */
export function readDotnetTools(
  text: string,
  options: { path: string; load?: Load; files?: (folder: string) => string[] | undefined },
): ReaderResult {
  const { path } = options;
  const tools = parseDotnetTools(text, path);
  const config = options.load === undefined ? undefined : configManifest(path, options.load);
  const warnings: string[] = [];
  // `dotnet tool restore` installs from the sources of the folder it runs in: the manifest's, or
  // the one holding its `.config` (dotnet/sdk's `ToolRestoreCommand`: a `PackageLocation` of its
  // `--configfile`, its `--add-source` feeds and the manifest's `FirstEffectDirectory`). It
  // evaluates no project, so no `RestoreSources` of a project file or `Directory.Build.props`
  // applies.
  const folder = posix.dirname(path);
  const sources = options.load === undefined ? undefined : nugetSources(
    posix.basename(folder) === DOTNET_CONFIG_FOLDER ? posix.dirname(folder) : folder,
    options.load,
    undefined,
    options.files,
  );
  const sourceWarnings = new Set<string>();
  const out = new OutputBuilder();
  if (config?.isRoot === true && tools.length > 0) {
    warnings.push(
      `${path}: dotnet tool restore never reads it: ${config.path} beside it, read first, ` +
        `is a root manifest ("isRoot": true); its tools are left out`,
    );
  }
  for (const tool of config?.isRoot === true ? [] : tools) {
    if (config?.ids.has(tool.id.toLowerCase()) === true) {
      warnings.push(
        `${path}: the tool ${tool.id} is never restored from it: ${config.path} beside it, ` +
          `read first, names it too; this one is left out`,
      );
      continue;
    }
    const version = normalizeNugetVersion(tool.version);
    const id = out.component({
      purl: sourcedNugetPurl(sources, tool.id, version, sourceWarnings),
      ecosystem: "nuget",
      name: tool.id,
      version,
      direct: true,
      scopes: ["build"],
      sources: [path],
    });
    out.edge(ROOT_ID, id, "build");
  }
  const result: ReaderResult = out.build();
  warnings.push(...sourceWarnings);
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}
