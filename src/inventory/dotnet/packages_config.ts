/**
 * Reader for NuGet's legacy `packages.config` (and `packages.<project>.config`):
 * the packages a .NET Framework project installed, one
 * `<package id version targetFramework developmentDependency allowedVersions/>`
 * each.
 *
 * The file is flat: it lists every installed package, those the project
 * asked for and their dependencies alike, with the exact version installed;
 * it records no graph. So every entry is a `pkg:nuget` component with its
 * version in NuGet's normalized form (NuGet 2 wrote the nuspec's `1.0.0.0`, NuGet 3
 * writes `1.0.0`: one version, as a lock writes it) and no edges, and none is marked
 * direct.
 * `developmentDependency="true"` (a build-time tool or analyzer, never a
 * dependency of the package the project makes) → build; every other entry of
 * a test project → dev; else runtime. The project file beside it (`*.csproj`,
 * read by the MSBuild reader; found as `projectBeside` in `msbuild.ts` says)
 * is the member that installed them, and it is a test project by the MSBuild
 * reader's rule (`IsTestProject`, the test project type GUID) or when the
 * file installs a package that makes it one (`Microsoft.NET.Test.Sdk`: see
 * `referencesTestSdk` in `msbuild.ts`). `targetFramework` is kept as the
 * component's group; `allowedVersions` only limits later updates and is not
 * read.
 *
 * A solution's `.nuget/packages.config` (which the scan reads beside a `.sln`, `.slnx` or
 * `.slnf`) lists its solution-level packages: `nuget restore` of the solution installs them into
 * its packages folder (NuGet.CommandLine's `RestoreCommand.ProcessSolutionFile`), but no project
 * references them; they are the build's tools (a test runner, psake, `NuGet.CommandLine`) → build. So is a
 * Cake build's `tools/packages.config` (and `tools/Addins/`, `tools/Modules/`) beside a `*.cake`
 * script: Cake's bootstrappers (`build.ps1`, `build.sh`) install it into `tools/` to run the
 * script (Cake itself, its addins and modules), and no project references it.
 *
 * The packages' sources come from the settings a restore of the nearest solution at or above the
 * file reads (see `settingsFolder`): its `.nuget/NuGet.Config` first, then the `nuget.config`
 * files of the solution's folder and those above it.
 *
 * @module
 */
import { VouchError } from "../../errors.ts";
import { posix } from "../../_path.ts";
import { OutputBuilder } from "../_builder.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { childElements, lineColumn, localName, parseXml } from "../_formats/xml.ts";
import { normalizeNugetVersion } from "./_nuget.ts";
import { nugetSources, sourcedNugetPurl } from "./_nuget_config.ts";

/** A solution's settings folder (NuGet's `NuGetConstants.NuGetSolutionSettingsFolder`). */
const NUGET_SOLUTION_FOLDER = ".nuget";
import { projectBeside, referencesTestSdk } from "./msbuild.ts";

const CODE = "inventory.packages_config.invalid";

/** One `<package>` entry. */
export interface ConfigPackage {
  /** The package id as written. */
  id: string;
  /** The installed version as written. */
  version: string;
  /** The `targetFramework` it was installed for, when written. */
  targetFramework?: string;
  /** Whether it is marked `developmentDependency="true"`. */
  development: boolean;
  /** The 1-based line of the entry. */
  line: number;
}

/**
 * Parses a `packages.config` (no mapping).
 *
 * @param text The file's text.
 * @param path Its path, for messages.
 * @returns The entries, in file order.
 * @throws {VouchError} `inventory.packages_config.invalid` for malformed XML,
 *   a root other than `<packages>`, an entry without `id` or `version`, a
 *   `developmentDependency` other than `true`/`false`, or an id listed twice
 *   (NuGet refuses the file then).
 */
export function parsePackagesConfig(text: string, path: string): ConfigPackage[] {
  const { root } = parseXml(text, path, CODE);
  const fail = (offset: number, what: string): VouchError =>
    new VouchError(
      CODE,
      `${path}:${lineColumn(text, offset).line}: ${what}`,
      `fix ${path} (or reinstall its packages with NuGet) and run vouch again`,
    );
  if (localName(root.name) !== "packages") {
    throw fail(root.offset, `the root element is <${root.name}>, not <packages>`);
  }
  const packages: ConfigPackage[] = [];
  const seen = new Map<string, number>();
  for (const element of childElements(root)) {
    if (localName(element.name) !== "package") {
      throw fail(element.offset, `<${element.name}> is not a <package> entry`);
    }
    const line = lineColumn(text, element.offset).line;
    const id = element.attributes.id?.trim();
    const version = element.attributes.version?.trim();
    if (!id) throw fail(element.offset, "a <package> without an id");
    if (!version) throw fail(element.offset, `package ${id} has no version`);
    const development = element.attributes.developmentDependency?.trim().toLowerCase();
    if (development !== undefined && development !== "true" && development !== "false") {
      throw fail(
        element.offset,
        `package ${id}: developmentDependency ${JSON.stringify(development)} is not true or false`,
      );
    }
    const first = seen.get(id.toLowerCase());
    if (first !== undefined) {
      throw fail(element.offset, `package ${id} is listed twice (also on line ${first})`);
    }
    seen.set(id.toLowerCase(), line);
    const entry: ConfigPackage = { id, version, development: development === "true", line };
    const framework = element.attributes.targetFramework?.trim();
    if (framework) entry.targetFramework = framework;
    packages.push(entry);
  }
  return packages;
}

/**
 * Whether a `packages.config` is the tools list of a Cake build: `tools/packages.config`,
 * `tools/Addins/packages.config` or `tools/Modules/packages.config` of a folder that holds a
 * `*.cake` script (the paths Cake's bootstrappers install from).
 */
function cakeTools(path: string, files?: (folder: string) => string[] | undefined): boolean {
  const match = /^(?:(.*)\/)?tools\/(?:(?:Addins|Modules)\/)?packages\.config$/.exec(path);
  if (match === null || files === undefined) return false;
  return files(match[1] ?? "")?.some((name) => name.endsWith(".cake")) === true;
}

/**
 * The folder whose settings files (and those of the folders above it) a `packages.config`'s
 * restore reads: `<solution folder>/.nuget` for the nearest solution (`.sln`, the XML `.slnx`,
 * `.slnf`) at or above the file, as nuget.exe's `restore` of a solution (NuGet.CommandLine's
 * `RestoreCommand.ReadSettings`; `.slnx` since NuGet 6.14, NuGet/NuGet.Client#6321) and MSBuild's
 * restore with `RestorePackagesConfig` (MSBuild 17.13 builds a `.slnx` too; NuGet.targets
 * hands `$(SolutionDir)` to GetRestoreSettingsTask as `RestoreSolutionDirectory` for this project
 * style, and `RestoreSettingsUtils.ReadSettings` loads from its `.nuget`) read them, as Visual
 * Studio does (`VSSettings`); a settings file between the project and the solution is not read.
 * Without a solution (or a lister of the folders' files), the file's own folder.
 */
function settingsFolder(folder: string, files?: (folder: string) => string[] | undefined): string {
  let dir = folder === "." ? "" : folder;
  for (;;) {
    if (files?.(dir)?.some((name) => /\.sln[xf]?$/i.test(name)) === true) {
      return dir === "" ? NUGET_SOLUTION_FOLDER : `${dir}/${NUGET_SOLUTION_FOLDER}`;
    }
    if (dir === "" || files === undefined) return folder;
    const up = posix.dirname(dir);
    dir = up === "." ? "" : up;
  }
}

/**
 * Reads a `packages.config` (see the module notes).
 *
 * @example
 * ```ts
 * import { readPackagesConfig } from "./packages_config.ts";
 * const text = '<packages><package id="Newtonsoft.Json" version="13.0.3" targetFramework="net48" /></packages>';
 * readPackagesConfig(text, { path: "packages.config" }).components[0].purl;
 * // "pkg:nuget/Newtonsoft.Json@13.0.3"
 * ```
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root;
 *   `load`: reads the project file beside it (without it, no project is
 *   read); `files`: lists a folder's files (to find it).
 * @returns The components (no members, no edges).
 * @throws {VouchError} `inventory.packages_config.invalid` as {@linkcode parsePackagesConfig};
 *   `inventory.msbuild.invalid` for a malformed project file beside it.
 */
export function readPackagesConfig(
  text: string,
  options: { path: string; load?: Load; files?: (folder: string) => string[] | undefined },
): ReaderResult {
  const { path, load } = options;
  const packages = parsePackagesConfig(text, path);
  // A solution's `.nuget` folder holds no project, nor do a Cake build's tools folders.
  const toolsOnly = posix.basename(posix.dirname(path)) === NUGET_SOLUTION_FOLDER ||
    cakeTools(path, options.files);
  const { project, warning } = load === undefined || toolsOnly
    ? {}
    : projectBeside(path, { load, files: options.files });
  const test = project?.isTest === true || referencesTestSdk(packages.map((p) => p.id));
  const out = new OutputBuilder();
  // No project's `RestoreSources` / `RestoreAdditionalProjectSources`: a packages.config restore
  // downloads from the settings' sources only. nuget.exe's `RestoreCommand` takes
  // `GetPackageSources(Settings)` (its `-Source` options, else the settings); MSBuild's restore
  // with `RestorePackagesConfig` (NuGet.Build.Tasks' `BuildTasksUtility.PerformNuGetV2RestoreAsync`)
  // builds its repositories from a `PackageSourceProvider` of the settings files, the project
  // spec's `Sources` only naming them in its summary; NuGet.targets gathers no
  // `RestoreAdditionalProjectSources` for this project style (`_GetRestoreSettingsPerFramework`
  // runs for PackageReference-compatible projects only).
  const sources = load === undefined ? undefined : nugetSources(
    settingsFolder(posix.dirname(path), options.files),
    load,
    undefined,
    options.files,
  );
  const sourceWarnings = new Set<string>();
  for (const p of packages) {
    const version = normalizeNugetVersion(p.version);
    out.component({
      purl: sourcedNugetPurl(sources, p.id, version, sourceWarnings),
      ecosystem: "nuget",
      name: p.id,
      version,
      scopes: [p.development || toolsOnly ? "build" : test ? "dev" : "runtime"],
      groups: p.targetFramework === undefined ? [] : [p.targetFramework],
      sources: [path],
    });
  }
  const result: ReaderResult = out.build();
  const warnings = [...warning === undefined ? [] : [warning], ...sourceWarnings];
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}
