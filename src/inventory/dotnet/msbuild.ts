/**
 * Reader for MSBuild project files (`*.csproj`, `*.fsproj`, `*.vbproj`, and `*.proj`, which builds
 * no project of its own: see `readBuildProject`): the
 * NuGet packages a project **declares** with `PackageReference`, for projects
 * without a `packages.lock.json` (a project with one is read from its lock,
 * see below).
 *
 * Evaluation, in MSBuild's import order: the nearest `Directory.Build.props`
 * above the project (a name written in another case, `Directory.build.props`,
 * counts: Windows finds it), the nearest `Directory.Packages.props` (central package
 * management: `PackageVersion`, `GlobalPackageReference` (unless
 * `RestoreEnableGlobalPackageReference` is false), used when
 * `ManagePackageVersionsCentrally` is true), the project, then the nearest
 * `Directory.Build.targets`, then, for a project that uses the Microsoft.Build.CentralPackageVersions
 * SDK, the `Packages.props` it imports (see `Evaluation.importPackagesProps`); an `<Import>` (or `<ImportGroup>`) of a file of the tree is read
 * where it stands: a relative path, `$(MSBuildThisFileDirectory)`, and the
 * `GetPathOfFileAbove` / `GetDirectoryNameOfFileAbove` property functions that chain a
 * `Directory.*.props` to the one above it (the SDK's and Visual Studio's own imports are not
 * files of the tree and are skipped, but for the Arcade SDK's import of the repository's
 * `eng/Versions.props`, see `Evaluation.importSdk`; an import vouch cannot resolve is a warning). As MSBuild
 * does, every property of every file is evaluated first, in that order, then the item
 * definitions (`<ItemDefinitionGroup>`: metadata such as `PrivateAssets` for every item of a type
 * that does not set it) and the items after them all: an item's `$(Name)` and Condition see the
 * final value of a property defined below it or in `Directory.Build.targets`, a property (or
 * import, or `<When>`) only those defined above it.
 * Properties expand `$(Name)` (case-insensitive,
 * undefined is empty, later definitions win); a property whose `Condition`
 * is not a plain `'a' == 'b'` / `'a' != 'b'` comparison (a simple operand may be
 * unquoted: `$(ProjectType) != ''`), a literal `true`/`false` or `Exists('path')` (with
 * `and`/`or`) is skipped. An item under a Condition false in every build of the project is in
 * none and does not count: a literal one (`false`, `'true' == 'false'`), or one on
 * `$(TargetFramework)` alone false for each framework the project targets (`'$(TargetFramework)'
 * == 'net462'` in a project of `net8.0;net6.0`); a `<When>` of that kind is not taken. Any other
 * item Condition not known to hold does not drop the item (a build may set `Configuration` or
 * another property on its command line): every `PackageReference` of every target framework and
 * configuration counts, and a warning names each one under a Condition not known to hold; a package version declared again
 * under such a Condition (`'$(TargetFramework)' == 'net8.0'`) is one more
 * version of the package, not a replacement. `Update` and `Remove`
 * apply to the references declared before them. A project of several `TargetFrameworks` whose
 * files define a property or item metadata under a Condition on `$(TargetFramework)` (a package
 * version per framework), or a package item under one that holds only where no framework is set
 * (`'$(TargetFramework)' != 'net472'`, which would replace or remove what a `== 'net472'` item
 * gave), is evaluated again for each framework, as NuGet's restore evaluates its inner
 * builds: each one's versions and references count too.
 *
 * Versions as written: `[1.0]` is the exact version 1.0, a plain `1.0` is
 * the version NuGet picks (the lowest that satisfies it), other ranges and
 * floating versions (`[1.0,2.0)`, `1.*`) are specifiers. Scopes:
 * `PrivateAssets="all"` (analyzers, build tools) → build, as is a reference that takes none of
 * the package's run-time assets (`ExcludeAssets="runtime"`, `IncludeAssets="compile"` or
 * `"build;analyzers"`: neither `runtime` nor `native` reach the output); every reference of
 * a test project (`IsTestProject`, which the Arcade SDK sets for a project named `*.Tests`, the
 * Visual Studio test project type in
 * `ProjectTypeGuids`, one that uses MSTest.Sdk, or one that references `Microsoft.NET.Test.Sdk` (or MSTest's
 * meta package `MSTest`, which brings its props), xUnit.net v3 or TUnit, whose packages set
 * `IsTestProject`) → dev;
 * else runtime. `ProjectReference`s are edges to other members, never
 * components: those of the project and of every file it imports
 * (`Directory.Build.props`/`.targets` too, so a shared analyzer project is
 * every project's reference), a relative path resolved against the project
 * wherever it is written (as MSBuild resolves item paths;
 * `$(MSBuildThisFileDirectory)` names the declaring file's folder), inside
 * the tree only; wildcards (`..\\*\\*.csproj`, `**`) are expanded over the tree's files, less
 * what the item's `Exclude` names; a reference to the project itself is none (a shared file's
 * guard), and `Remove` drops the references declared before it. Their
 * Conditions count as for packages. A reference with
 * `ReferenceOutputAssembly="false"` (and no `OutputItemType`, or `"Analyzer"`: a source
 * generator project) only orders the build: a build edge.
 *
 * A `PackageDownload` (SDK-style projects, NuGet 5.3+: a package restore downloads to the global
 * packages folder, none of whose assets the project references, nor its dependencies: targeting
 * and runtime packs, a build's tools) is a direct component at each exact version its `Version`
 * lists (`[1.0.0];[2.0.0]`; NuGet takes nothing else, nor a central `PackageVersion`), scope
 * build (dev in a test project); `Update` and `Remove` apply to it as to a `PackageReference`.
 * So is a `DotNetCliToolReference` (a project-scoped .NET Core CLI tool, `dotnet watch` or
 * `dotnet ef` before the SDK shipped them), at its `Version` read as a `PackageReference`'s:
 * NuGet's restore restores each one as a tool project of its own
 * (NuGet.Build.Tasks' `GetRestoreDotnetCliToolsTask`), never in the project's graph or lock.
 *
 * The project SDKs that are NuGet packages (all but the .NET SDK's own, `Microsoft.NET.Sdk*`):
 * `<Project Sdk="X/1.0">`, `<Sdk Name="X" Version="1.0" />`, `<Import Project="Sdk.props" Sdk="X"
 * Version="1.0" />` (its `$(…)` expanded), else the version the nearest `global.json`'s
 * `msbuild-sdks` gives, as MSBuild's NuGet SDK resolver takes it and restores that package before
 * the evaluation: each is a direct component, build (see `_msbuild_sdks.ts`); one without a
 * version is a warning. A `$(…)` in the `Sdk` attribute or an `<Sdk>` is expanded at the top of
 * the file naming it, as MSBuild expands it there: in the project, before any file of the tree
 * defines a property, so it is a warning (see `Evaluation.sdkReference`).
 *
 * When a `packages.lock.json` (or `packages.<project>.lock.json`) is read
 * beside the project, the lock resolves it (see `_fold.ts`): the project is
 * then a member and its packages are the lock's (the lock reader reads this
 * file for the build scopes above and test projects, and for its `PackageDownload`s, which NuGet
 * does not lock). A `NuGetLockFilePath`
 * elsewhere is not followed: a warning says so.
 *
 * @module
 */
import { posix } from "../../_path.ts";
import { isOutside } from "../_paths.ts";
import { segmentMatches } from "../_glob.ts";
import { VouchError } from "../../errors.ts";
import { OutputBuilder } from "../_builder.ts";
import { TextCache } from "../_text_cache.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import {
  childElements,
  lineColumn,
  localName,
  parseXml,
  textOf,
  type XmlElement,
} from "../_formats/xml.ts";
import { type Member, type Project, ROOT_ID, type Scope } from "../types.ts";
import { folderMember, loadPackageJson } from "../javascript/_npm.ts";
import { normalizeNugetVersion, projectMember } from "./_nuget.ts";
import {
  impliedPackageWarnings,
  parseSdkAttribute,
  sdkPackages,
  type SdkReference,
  usesTestSdk,
} from "./_msbuild_sdks.ts";
import { declaredNugetComponent, nugetSources } from "./_nuget_config.ts";
import type { RestoreSources } from "./_nuget_config.ts";
import {
  conditionProperties,
  evaluateFrameworkFunctions,
  inferredProperties,
} from "./_frameworks.ts";

const CODE = "inventory.msbuild.invalid";
/**
 * Packages whose build files set `IsTestProject`: the test SDK, xUnit.net v3's core package
 * (`xunit.v3.core`, or its `.mtp-v1`/`.mtp-v2`/`.mtp-off` variants), which every xUnit.net v3
 * test package (`xunit.v3`, `xunit.v3.mtp-v2` …) brings and which needs no test SDK, and TUnit's
 * `TUnit` and `TUnit.Engine` (their `TUnit.props` and `TUnit.Engine.props` set it for the project
 * that references them; `TUnit.Engine`'s buildTransitive props are empty, so only a direct
 * reference counts: `TUnit.Core` or `TUnit.Assertions` alone make no test project), and MSTest's
 * meta package `MSTest`, whose nuspec (microsoft/testfx src/Package/MSTest/MSTest.nuspec) depends
 * on Microsoft.NET.Test.Sdk with no `exclude`, so that package's build props, which set
 * `IsTestProject`, are imported as the project's own (all but its uap10.0 group). Neither
 * NUnit3TestAdapter's nor xunit.runner.visualstudio's props set it (only `TestContainer`, or
 * Microsoft Testing Platform hooks), nor do MSTest.TestAdapter's or MSTest.TestFramework's.
 */
const TEST_PACKAGE =
  /^(?:microsoft\.net\.test\.sdk|mstest|xunit\.v3(?:\.core)?(?:\.mtp-(?:v1|v2|off))?|tunit(?:\.engine)?)$/i;
/** The Visual Studio project type GUID of a (legacy, non-SDK) test project. */
const TEST_PROJECT_TYPE = "3AC096D0-A1C2-E12C-1390-A8335801FDAB";
/**
 * The project files that build a project of the tree: C#, F#, Visual Basic, and the SDK-style
 * projects of other languages whose restore NuGet runs as a `.csproj`'s: a SQL database project
 * (MSBuild.Sdk.SqlProj's and Microsoft.Build.Sql's Sdk.props import Microsoft.NET.Sdk's; it
 * builds a `.dacpac`, its `PackageReference`s the databases it references) and a WiX installer
 * (WixToolset.Sdk's wix.props sets `RestoreProjectStyle` to `PackageReference`; it builds an
 * `.msi` of its extensions' packages and of the projects it references).
 */
const PROJECT_EXTENSIONS = [".csproj", ".fsproj", ".vbproj", ".sqlproj", ".wixproj"];
/**
 * The project files that build no project of the tree (see {@linkcode buildsNoProject}): a
 * `*.proj` (a traversal `dirs.proj`, a build script), a JavaScript project of Visual Studio
 * (`*.esproj`, Microsoft.VisualStudio.JavaScript.Sdk), whose project is its `package.json`'s, and
 * a Python project of Visual Studio (`*.pyproj`, Python Tools for Visual Studio), whose packages
 * are pip's (its `requirements.txt`): PTVS's Microsoft.PythonTools.targets imports
 * Microsoft.Common.targets, and with it NuGet's restore, so a `PackageReference` it declares is
 * restored all the same.
 *
 * Not read, as no NuGet restore reads them: a shared project (`*.shproj`) imports only Visual
 * Studio's CodeSharing props and targets and is built by no solution; its items are in its
 * `*.projitems`, which each project that uses it `<Import>`s (`Label="Shared"`) and whose read
 * takes its `PackageReference`s. A NuProj package project (`*.nuproj`, nuproj/nuproj) imports
 * NuProj.targets, which has no Restore target: its `Dependency` items are the dependencies of the
 * package it writes (a `.nuspec`'s, for its users to restore), and the packages it packs are
 * those of the `packages.config` of the projects it references, read as such.
 */
const BUILD_EXTENSIONS = [".proj", ".esproj", ".pyproj"];
/** A NuGet file read beside a project: `packages.[<project>.]lock.json` or `.config`. */
const NUGET_FILE = /^packages\.(?:(.+)\.)?(lock\.json|config)$/;
const PACKAGE_ITEMS = new Set([
  "PackageReference",
  "PackageVersion",
  "GlobalPackageReference",
  "PackageDownload",
  "DotNetCliToolReference",
]);
/** Toolset properties: an import through them is the SDK's or Visual Studio's, not a file of the tree. */
const TOOLSET_IMPORT =
  /\$\((?:MSBuildExtensionsPath(?:32|64)?|MSBuild(?:Tools|Bin|SDKs|FrameworkTools)Path\w*|VSToolsPath|MSBuildUserExtensionsPath|MSBuildProgramFiles32|NuGetPackageRoot)\)/i;
/**
 * A comparison of two operands, each quoted (`'$(TargetFramework)'`) or, as MSBuild also
 * takes a simple one, not (`$(ProjectType) != ''`, `$(SignAssembly) == true`).
 */
const COMPARISON =
  /^\(?\s*('[^']*'|\$\([A-Za-z_][\w-]*\)|[\w.]+)\s*(==|!=)\s*('[^']*'|\$\([A-Za-z_][\w-]*\)|[\w.]+)\s*\)?$/;

/**
 * `$(TargetFramework)` and the properties the SDK infers from it (lowercased): a Condition on
 * these alone is told for each framework of the project (see `Evaluation.never`).
 */
const FRAMEWORK_PROPERTIES: ReadonlySet<string> = new Set([
  "targetframework",
  "targetframeworkidentifier",
  "targetframeworkversion",
  "targetplatformidentifier",
  "targetplatformversion",
]);

/** A reference to one of {@linkcode FRAMEWORK_PROPERTIES} (`$(TargetFramework.StartsWith(…))` too). */
const FRAMEWORK_REFERENCE =
  /\$\(Target(?:Framework|FrameworkIdentifier|FrameworkVersion|PlatformIdentifier|PlatformVersion)\b/i;

/** `$([MSBuild]::GetPathOfFileAbove(file[, dir]))` and `GetDirectoryNameOfFileAbove(dir, file)`. */
const FILE_ABOVE =
  /\$\(\[MSBuild\]::(GetPathOfFileAbove|GetDirectoryNameOfFileAbove)\(\s*('[^']*'|[^,)]*?)\s*(?:,\s*('[^']*'|[^)]*?)\s*)?\)\)/gi;
/** The metadata of a `PackageReference` that vouch reads, by their key in {@linkcode Reference}. */
const REFERENCE_METADATA = [
  ["version", "Version"],
  ["versionOverride", "VersionOverride"],
  ["privateAssets", "PrivateAssets"],
  ["includeAssets", "IncludeAssets"],
  ["excludeAssets", "ExcludeAssets"],
] as const;
/** The asset types of a package that put its files in the output, to be loaded at run time. */
const RUNTIME_ASSETS = ["runtime", "native"];
/** The Arcade SDK, lowercased: the .NET team's build SDK, which imports `eng/Versions.props`. */
const ARCADE_SDK = "microsoft.dotnet.arcade.sdk";
/**
 * The SDK that managed versions centrally before NuGet did (microsoft/MSBuildSdks, deprecated
 * for NuGet's own): its Sdk.targets imports the nearest `Packages.props` above the project.
 */
const CENTRAL_PACKAGE_VERSIONS_SDK = "microsoft.build.centralpackageversions";
/** The Arcade SDK's kinds of test project (lowercased properties) and the project names they take. */
const ARCADE_TEST_KINDS = [
  ["isperformancetestproject", /\.PerformanceTests$/],
  ["isintegrationtestproject", /\.IntegrationTests$/],
  ["isunittestproject", /\.(?:Unit)?Tests$/],
] as const;
/**
 * The properties (lowercased) naming a project's package sources, which no SDK file imported
 * before the project sets: NuGet.targets, imported after it, only hands them to
 * GetRestoreSettingsTask in its `_GetRestoreSettings` target. A project's
 * `$(RestoreSources);https://…` before any other file sets them is the listed URLs alone (an
 * undefined property is empty), unless the environment has a `RestoreSources` variable (MSBuild
 * takes the environment's variables as properties), which vouch cannot see.
 */
const RESTORE_SOURCE_PROPERTIES = new Set(["restoresources", "restoreadditionalprojectsources"]);
/** The longest value a property expansion may make (no project's comes near: 1 Mi characters). */
const MAX_EXPANDED = 1 << 20;
/**
 * How many characters the property references of one evaluation may add in all (16 Mi): values
 * under {@linkcode MAX_EXPANDED} each, named by thousands of others, would fill the memory.
 */
const MAX_EXPANDED_IN_ALL = 16 * MAX_EXPANDED;
/**
 * The most files (and folders) a wildcard `ProjectReference` is expanded to: a solution's
 * projects are far fewer, and `**` over a large tree would list it whole.
 */
const MAX_WILDCARD_FILES = 4096;
/** How deep imports may nest (a cycle of imports ends here too). */
const MAX_IMPORT_DEPTH = 16;
/**
 * The most target frameworks for which a Condition on `$(TargetFramework)` is told false in
 * each (see `Evaluation.never`): no real project names so many, and each Condition costs one
 * evaluation per framework (a hostile project of thousands of each took minutes).
 */
const MAX_TARGET_FRAMEWORKS = 64;
/**
 * The F# SDK's implicit reference to FSharp.Core (Microsoft.FSharp.NetSdk.props, imported by the
 * SDK's props before the project): every SDK-style `.fsproj` has it, at the version
 * `FSharpCoreImplicitPackageVersion` says (the SDK sets it when no file does), unless
 * `DisableImplicitFSharpCoreReference` is `true` or the versions are managed centrally (the
 * props then set it so). A project pins it with `<PackageReference Update="FSharp.Core"
 * Version="…" />`.
 */
const FSHARP_CORE_IMPLICIT = parseXml(
  "<Project><ItemGroup>" +
    '<PackageReference Include="FSharp.Core" Version="$(FSharpCoreImplicitPackageVersion)" />' +
    "</ItemGroup></Project>",
  "Microsoft.FSharp.NetSdk.props",
  CODE,
).root;
/**
 * The Condition of {@linkcode FSHARP_CORE_IMPLICIT}'s item: the SDK's own, which the build's
 * command line does not change (a `-p:` is not how a project drops FSharp.Core).
 */
const FSHARP_CORE_CONDITION = "'$(DisableImplicitFSharpCoreReference)' != 'true' and " +
  "'$(ManagePackageVersionsCentrally)' != 'true'";
/** The `<ItemGroup>` of {@linkcode FSHARP_CORE_IMPLICIT}. */
const FSHARP_CORE_GROUP = childElements(FSHARP_CORE_IMPLICIT)[0];
/** The `<PackageReference>` of {@linkcode FSHARP_CORE_GROUP}. */
const FSHARP_CORE_ITEM = childElements(FSHARP_CORE_GROUP)[0];
/**
 * Where Microsoft.NET.Sdk.props imports Microsoft.NET.Sdk.DefaultItems.props, which includes the
 * implicit `NETStandard.Library` (see `implicitNetStandard`): after Microsoft.Common.props and the
 * Directory.Build.props it imports (the SDK's Sdk.props), before the project's own items. An
 * `Update` applies to the items included before it, so the project's `<PackageReference
 * Update="NETStandard.Library" Version="…" />` (or Directory.Build.targets') pins it and
 * Directory.Build.props' does not. An empty group: the item itself is `implicitNetStandard`'s.
 */
const NETSTANDARD_GROUP = childElements(
  parseXml("<Project><ItemGroup /></Project>", "Microsoft.NET.Sdk.DefaultItems.props", CODE).root,
)[0];
/**
 * Parsed project and `Directory.*` files by text: every project of a solution
 * reads the same `Directory.*` files and the projects it references.
 */
const PARSED = new Map<string, XmlElement>();

/**
 * The longest file {@linkcode PARSED} keeps (characters): real project and `Directory.*` files
 * are a few thousand; 512 of 500 KB each, and their trees, kept hundreds of MB in a process
 * that scans many trees.
 */
const MAX_PARSED_TEXT = 64 * 1024;

/** One declared package of a project. */
export interface PackageDeclaration {
  /** The package id as written. */
  name: string;
  /** The exact version, when the declaration pins one. */
  version?: string;
  /** The declared range when it is not exact. */
  specifier?: string;
  /** Its scope in this project. */
  scope: Scope;
  /** The file that declares it. */
  source: string;
  /** Declared only under a Condition vouch does not evaluate (it may not hold). */
  conditioned?: true;
}

/** What a project file declares, after evaluation. */
export interface MsbuildProject {
  /** The project file's path. */
  path: string;
  /** The project name: the file's base name without extension. */
  name: string;
  /** `PackageId` (else `AssemblyName`, its default) when set (and not the name). */
  packageId?: string;
  /** `AssemblyName` when set (and not the name). */
  assemblyName?: string;
  /** The project's version, when it is known. */
  version?: string;
  /** Whether it is a test project. */
  isTest: boolean;
  /** Declared packages (case-insensitively unique, first declaration's case). */
  packages: PackageDeclaration[];
  /**
   * Its `PackageDownload`s, one per version, and its `DotNetCliToolReference`s: packages restore
   * fetches that the project does not reference (NuGet locks none of them).
   */
  downloads: PackageDeclaration[];
  /**
   * The project SDKs NuGet's SDK resolver restores for its build (`<Project Sdk="X/1.0">`,
   * `<Sdk>`, `<Import Sdk>`, a version from `global.json`): build packages; absent when none.
   */
  sdks?: PackageDeclaration[];
  /**
   * The target frameworks it builds for, as written (`net8.0`), when every build has them (see
   * `certainFrameworks`); absent otherwise.
   */
  targetFrameworks?: string[];
  /** Paths of referenced projects, relative to the tree's root. */
  projectReferences: string[];
  /**
   * Those of `projectReferences` that only items under a Condition vouch does not evaluate
   * include (they may not hold); absent when none.
   */
  conditionedReferences?: string[];
  /**
   * Those of `projectReferences` whose every item has `ReferenceOutputAssembly="false"` (and no
   * `OutputItemType`, or `"Analyzer"`: a source generator's): build-time edges; absent when none.
   */
  buildReferences?: string[];
  /** Referenced projects outside the tree, as written; absent when none. */
  outsideReferences?: string[];
  /**
   * The sources its restore takes packages from instead of the `nuget.config` files' (literal
   * `RestoreSources`, `Clear` none), then the `RestoreAdditionalProjectSources` it adds; absent
   * when it sets neither (or either only as vouch cannot know: a warning).
   */
  restoreSources?: RestoreSources;
  /** What could not be established. */
  warnings: string[];
}

interface Reference {
  name: string;
  version?: string;
  /** Other versions, of declarations under a Condition vouch does not evaluate (one per target framework). */
  alternatives?: string[];
  versionOverride?: string;
  privateAssets?: string;
  includeAssets?: string;
  excludeAssets?: string;
  source: string;
  /** Every item that includes it is under a Condition vouch does not evaluate. */
  conditioned?: boolean;
  /** Only an SDK references it (the F# SDK's FSharp.Core), at a version the SDK may choose. */
  implicit?: true;
}

function invalid(path: string, text: string, offset: number, what: string): VouchError {
  const { line } = lineColumn(text, offset);
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `fix ${path} so that \`dotnet restore\` accepts it`,
  );
}

/** Lists the names of the files of a folder of the tree. */
type Files = (folder: string) => string[] | undefined;

/**
 * The nearest file named `name` in `folder` or above it (inside the tree). With a listing, a
 * name written in another case counts too (`Directory.build.props`): Windows, where most
 * of these projects are built, finds it.
 */
function nearest(
  folder: string,
  name: string,
  load: Load,
  files?: Files,
): { path: string; text: string } | undefined {
  for (let dir = folder;;) {
    const at = (file: string): string => (dir === "." ? file : `${dir}/${file}`);
    let path = at(name);
    let text = load(path);
    if (text === undefined && files !== undefined) {
      const other = files(dir)?.find((f) => f !== name && f.toLowerCase() === name.toLowerCase());
      if (other !== undefined) text = load(path = at(other));
    }
    if (text !== undefined) return { path, text };
    if (dir === ".") return undefined;
    dir = posix.dirname(dir);
  }
}

/**
 * The path from the tree's root that an MSBuild path names: relative to `dir`, or to the tree's
 * root when it starts with `/` (how vouch writes `$(MSBuildThisFileDirectory)`); `../…` outside it.
 */
function rootPath(dir: string, value: string): string {
  const path = value.trim().replaceAll("\\", "/");
  return path.startsWith("/")
    ? posix.normalize(path.replace(/^\/+/, "") || ".")
    : posix.normalize(posix.join(dir, path));
}

/** The tree path an MSBuild path names (see {@linkcode rootPath}); `undefined` outside the tree. */
function treePath(dir: string, value: string): string | undefined {
  const joined = rootPath(dir, value);
  return isOutside(joined) ? undefined : joined;
}

/** MSBuild's properties of the file being read, lowercase (see `Evaluation.thisFile`). */
const THIS_FILE_PROPERTIES = [
  "msbuildthisfiledirectory",
  "msbuildthisfile",
  "msbuildthisfilename",
  "msbuildthisfileextension",
  "msbuildthisfilefullpath",
];

/** How vouch writes a folder of the tree as an MSBuild directory (`$(MSBuildThisFileDirectory)`). */
function msbuildDirectory(dir: string): string {
  return dir === "." ? "/" : `/${dir}/`;
}

/**
 * How vouch writes a folder of the tree as an MSBuild directory without the trailing slash
 * (`$(MSBuildProjectDirectory)`, `GetDirectoryNameOfFileAbove`).
 */
function directoryValue(dir: string): string {
  return msbuildDirectory(dir).replace(/\/$/, "") || "/";
}

/** `alternatives` with `version` added once. */
function withAlternative(alternatives: string[] | undefined, version: string): string[] {
  return alternatives?.includes(version) ? alternatives : [...(alternatives ?? []), version];
}

/**
 * A `PackageDownload` (or a `DotNetCliToolReference`): its id as first written, the versions it
 * lists, where it is declared.
 */
interface Download {
  name: string;
  /** The `;`-separated parts of its `Version`, in order, each once. */
  versions: string[];
  source: string;
  /** Every item that includes it is under a Condition vouch does not evaluate. */
  conditioned: boolean;
}

/**
 * Splits a NuGet version into an exact version (`[1.0]`, or the range `[1.0, 1.0]` that only it
 * satisfies), in NuGet's normalized form (`1.0.0`, as a lock writes it), or a specifier.
 */
export function splitNugetVersion(version: string): { version?: string; specifier?: string } {
  const exact = /^\[\s*([^,[\]()\s]+)\s*(?:,\s*([^,[\]()\s]+)\s*)?\]$/.exec(version);
  const low = exact === null ? undefined : normalizeNugetVersion(exact[1]);
  if (exact && (exact[2] === undefined || normalizeNugetVersion(exact[2]) === low)) {
    return { version: low };
  }
  if (/[[\](),*\s]/.test(version)) return { specifier: version };
  return { version: normalizeNugetVersion(version) };
}

class Evaluation {
  readonly properties = new Map<string, string>();
  readonly references = new Map<string, Reference>();
  readonly versions = new Map<string, { name: string; version: string; alternatives?: string[] }>();
  readonly globals: Reference[] = [];
  /** `PackageDownload` items by lowercased id. */
  readonly downloads = new Map<string, Download>();
  /** `DotNetCliToolReference` items by lowercased id. */
  readonly tools = new Map<string, Download>();
  readonly projectReferences: string[] = [];
  /** Project references outside the tree, as written. */
  readonly outsideReferences: string[] = [];
  /** Project references that an item under no unevaluated Condition includes. */
  readonly certainReferences = new Set<string>();
  /** Project references that an item includes whose assembly this project references. */
  readonly runtimeReferences = new Set<string>();
  /** Package items under a Condition that is not known to hold (`file:line: what`). */
  readonly conditioned: string[] = [];
  /**
   * Properties (lowercased) whose value a build may not share: defined, or not, under a Condition
   * or in a `<Choose>` (`<TargetFrameworks Condition="'$(OS)' == 'Windows_NT'">`), or from a
   * property vouch does not know (an SDK's `$(NetCurrent)`) or a property function.
   */
  readonly uncertainProperties = new Set<string>();
  /**
   * Properties (lowercased) whose value is a path through a toolset property, last defined so
   * (PTVS's `.pyproj`: `<PtvsTargetsFile>$(MSBuildExtensionsPath32)\…\Microsoft.PythonTools.targets`):
   * an import of one is the toolset's, as one that names the toolset property itself.
   */
  readonly toolsetProperties = new Set<string>();
  /** An `<Import>` was left out (for a Condition, or not found) or read under an unknown Condition. */
  unsureImports = false;
  /** How many `<Choose>` elements are being read. */
  choosing = 0;
  /**
   * The item groups read, in order, with the enclosing `<Choose>` branch vouch cannot tell
   * holds.
   */
  readonly itemGroups: { group: XmlElement; path: string; text: string; uncertain?: string }[] = [];
  /** The `<ItemDefinitionGroup>`s read, in order. */
  readonly definitionGroups: { group: XmlElement; path: string }[] = [];
  /** Item definitions: the default metadata of items by type, both lowercased. */
  readonly definitions = new Map<string, Map<string, string>>();
  /**
   * The metadata `Update`s give the .NET SDK's implicit `NETStandard.Library` once it is
   * included (see {@linkcode NETSTANDARD_GROUP}); `undefined` before that, or for no SDK.
   */
  netStandardUpdates?: Partial<Reference>;
  /** Imports vouch could not read (`file:line: what`). */
  readonly importNotes: string[] = [];
  /** The files being read, innermost last (imports nest). */
  readonly reading: string[] = [];
  /** Every file read so far: MSBuild ignores a second import of one (warning MSB4011). */
  readonly read = new Set<string>();
  /** The SDKs (lowercased) whose `Sdk.props` vouch models that were imported so far. */
  readonly sdks = new Set<string>();
  /** Every SDK the files name, in import order (see `_msbuild_sdks.ts`). */
  readonly sdkReferences: SdkReference[] = [];
  /** Whether a file names the Microsoft.Build.CentralPackageVersions SDK (see `packagesProps`). */
  centralPackageVersionsSdk = false;
  /** Whether that SDK's `Packages.props` was read: its `GlobalPackageReference`s count. */
  packagesProps = false;
  /** The `Directory.Packages.props` read, when one is (see `evaluate`). */
  directoryPackagesProps?: string;
  readonly load: Load;
  readonly files?: Files;
  /** Lists the names of the folders of a folder of the tree (for wildcard item paths). */
  readonly list?: Files;
  /** The project being evaluated: what relative item paths, in any file it imports, are relative to. */
  readonly project: string;
  /** How many characters property references have added so far (see {@linkcode expand}). */
  expandedInAll = 0;
  /**
   * The target framework of an inner build (`TargetFramework` as a global property, which no
   * file's definition replaces), when this is one.
   */
  readonly innerFramework?: string;
  /**
   * A property or item metadata is defined under a Condition on `$(TargetFramework)`: its value
   * may differ by framework (see `innerBuilds`).
   */
  frameworkProperties = false;
  /**
   * The SDK's targets have inferred the properties of the target framework (the project file is
   * read): Conditions read after it see them.
   */
  frameworksInferred = false;

  constructor(
    project: string,
    options: { load: Load; files?: Files; list?: Files; targetFramework?: string },
  ) {
    this.project = project;
    this.load = options.load;
    this.files = options.files;
    this.list = options.list;
    this.properties.set("msbuildprojectdirectory", directoryValue(posix.dirname(project)));
    if (options.targetFramework !== undefined) {
      this.innerFramework = options.targetFramework;
      this.properties.set("targetframework", options.targetFramework);
    }
  }

  /**
   * Expands a value's `$(Name)` properties (an undefined one is empty).
   *
   * @throws {VouchError} When the value expands to more than {@linkcode MAX_EXPANDED} characters
   *   (properties that double each other's value grow without end: `<B>$(A)$(A)</B>`…), or the
   *   evaluation's references to more than {@linkcode MAX_EXPANDED_IN_ALL} in all (a long value
   *   named by thousands of properties), at the line of the file being read that writes it.
   */
  expand(value: string): string {
    let size = value.length;
    return value.replace(/\$\(([A-Za-z_][\w.-]*)\)/g, (reference, name: string) => {
      const expanded = this.properties.get(name.toLowerCase()) ?? "";
      size += expanded.length - reference.length;
      this.expandedInAll += expanded.length;
      if (size > MAX_EXPANDED || this.expandedInAll > MAX_EXPANDED_IN_ALL) {
        const path = this.reading.at(-1) ?? this.project;
        const text = this.load(path) ?? "";
        const what = size > MAX_EXPANDED
          ? `expands to more than ${MAX_EXPANDED} characters`
          : `expands the project's values past ${MAX_EXPANDED_IN_ALL} characters in all`;
        throw invalid(
          path,
          text,
          Math.max(text.indexOf(value), 0),
          `${JSON.stringify(value.slice(0, 80))} ${what}`,
        );
      }
      return expanded;
    });
  }

  /**
   * A condition's value: `undefined` when it is not a plain comparison (after the property
   * functions on target frameworks and versions are evaluated, see `_frameworks.ts`).
   */
  condition(written: string): boolean | undefined {
    const text = evaluateFrameworkFunctions(written, (value) => this.expand(value));
    // Each run of spaces is tried once (`\s+or` from each space of a long run took quadratic time),
    // and the regexes below read the Condition trimmed (spaces around optional parts backtracked).
    const or = text.split(/(?<!\s)\s+or\s+/i);
    if (or.length > 1) {
      const values = or.map((part) => this.condition(part));
      return values.includes(true) ? true : values.includes(undefined) ? undefined : false;
    }
    const and = text.split(/(?<!\s)\s+and\s+/i);
    if (and.length > 1) {
      const values = and.map((part) => this.condition(part));
      return values.includes(false) ? false : values.includes(undefined) ? undefined : true;
    }
    // MSBuild's boolean literals, bare or quoted (`Condition="false"`).
    const trimmed = text.trim();
    const literal = /^(!\s*)?(?:'\s*)?(true|false)(?:\s*')?$/i.exec(trimmed);
    if (literal) return (literal[2].toLowerCase() === "true") === (literal[1] === undefined);
    const exists = /^(!\s*)?Exists\(\s*'([^']*)'\s*\)$/i.exec(trimmed);
    if (exists) {
      const dir = posix.dirname(this.reading.at(-1) ?? ".");
      const path = treePath(dir, this.expandPath(exists[2], dir));
      const found = path !== undefined && this.load(path) !== undefined;
      return exists[1] === undefined ? found : !found;
    }
    const match = COMPARISON.exec(trimmed);
    if (!match) return undefined;
    const operand = (written: string): string =>
      this.expand(written.startsWith("'") ? written.slice(1, -1) : written).toLowerCase();
    const equal = operand(match[1]) === operand(match[3]);
    return match[2] === "==" ? equal : !equal;
  }

  /**
   * Whether a Condition holds in every build of the project, so that a `<When>` of it ends its
   * `<Choose>`: a literal one, one on the target framework alone true for each (see
   * {@linkcode Evaluation.inEveryFramework}), or one true whose other properties than the target
   * framework's are all defined by the files under no Condition. A property no file defines is not
   * empty in a build: the .NET SDK's `Microsoft.NET.Sdk.props` sets `Configuration` (`Debug`;
   * `dotnet pack` builds `Release`) and `Platform` (`AnyCPU`) before the project file is read,
   * and the environment and the command line set others, so `'$(Configuration)' != 'Debug'` is not
   * known to hold.
   */
  always(text: string): boolean {
    const names = conditionProperties(text);
    if (names === undefined || this.condition(text) !== true) return false;
    if (this.inEveryFramework(text, true)) return true;
    return [...names].every((name) =>
      FRAMEWORK_PROPERTIES.has(name) ||
      (this.properties.has(name) && !this.uncertainProperties.has(name))
    );
  }

  /**
   * Whether a Condition is false in every build of the project, so that what it guards is in
   * none: a literal one (`false`, `'a' == 'b'`; not `Exists('path')`), or one on the target
   * framework alone (see {@linkcode Evaluation.inEveryFramework}) false for each.
   */
  never(text: string): boolean {
    const names = conditionProperties(text);
    // Exists() asks of the build's disk, which may have files the tree lacks (generated ones).
    if (names?.size === 0) return !/exists\s*\(/i.test(text) && this.condition(text) === false;
    return this.inEveryFramework(text, false);
  }

  /**
   * Whether a Condition on the target framework alone (`$(TargetFramework)`, the properties the
   * SDK infers from it, the property functions of `_frameworks.ts`) has `value` for each target
   * framework the project names (`'$(TargetFramework)' == 'net462'` is false in a project of
   * `net8.0`), when those are set under no Condition, from known properties, and no import was
   * left out or read under an unknown Condition. A Condition on any other property
   * (`Configuration`, `OS`, a property a build may set on its command line) is not known.
   */
  inEveryFramework(text: string, value: boolean): boolean {
    const names = conditionProperties(text);
    if (names === undefined || names.size === 0) return false;
    if (![...names].every((name) => FRAMEWORK_PROPERTIES.has(name))) return false;
    const frameworks = this.certainFrameworks();
    if (frameworks === undefined || frameworks.length > MAX_TARGET_FRAMEWORKS) return false;
    // Before the SDK's targets infer them (a `<When>` or property of the project file), they are
    // empty in MSBuild, whatever the framework: not told here.
    const asked = [...names].filter((name) => name !== "targetframework");
    if (asked.length > 0 && !this.frameworksInferred) return false;
    const outer = new Map(
      [...FRAMEWORK_PROPERTIES].map((name) => [name, this.properties.get(name)]),
    );
    try {
      return frameworks.every((framework) => {
        this.properties.set("targetframework", framework);
        const inferred = this.inferFrameworkProperties(true);
        // A property vouch cannot infer for this framework (`monoandroid90`'s identifier).
        if (asked.some((name) => !inferred?.has(name))) return false;
        return this.condition(text) === value;
      });
    } finally {
      for (const [name, known] of outer) {
        if (known === undefined) this.properties.delete(name);
        else this.properties.set(name, known);
      }
    }
  }

  /**
   * Sets the properties the .NET SDK infers from `$(TargetFramework)` (`TargetFrameworkIdentifier`,
   * `TargetFrameworkVersion`, …; see `_frameworks.ts`), as its targets do after the project file:
   * those the files did not set, or (`replace`) all of them, for a framework of a known family.
   *
   * @returns What vouch infers (`undefined`: nothing, the framework is of no known family).
   */
  inferFrameworkProperties(replace: boolean): Map<string, string> | undefined {
    const framework = this.properties.get("targetframework")?.trim();
    const inferred = framework ? inferredProperties(framework) : undefined;
    for (const name of FRAMEWORK_PROPERTIES) {
      if (name === "targetframework" || !(replace || !this.properties.get(name))) continue;
      const value = inferred?.get(name);
      if (value) this.properties.set(name, value);
      else if (replace) this.properties.delete(name);
    }
    if (!replace) this.frameworksInferred = true;
    return inferred;
  }

  /**
   * The target frameworks of the project's every build, as far as read: `TargetFramework` (set
   * beside `TargetFrameworks`, it makes the one build of that framework), else those
   * `TargetFrameworks` names; `undefined` when they may differ by build (see
   * `uncertainProperties`: set under a Condition, from a property vouch does not know), an import
   * was left out or read under an unknown Condition, or none is set.
   */
  certainFrameworks(): string[] | undefined {
    const uncertain = this.uncertainProperties;
    if (
      this.unsureImports || uncertain.has("targetframework") || uncertain.has("targetframeworks")
    ) {
      return undefined;
    }
    const single = this.properties.get("targetframework")?.trim();
    const frameworks = single ? [single] : this.targetFrameworks();
    return frameworks.length === 0 ? undefined : frameworks;
  }

  /** The last `TargetFrameworks` value split, kept for the next Condition asked of it. */
  #split: { value: string; frameworks: string[] } | undefined;

  /** The distinct frameworks `$(TargetFrameworks)` names, split once per value it takes. */
  targetFrameworks(): string[] {
    const value = this.properties.get("targetframeworks") ?? "";
    if (this.#split?.value !== value) {
      const frameworks = [...new Set(value.split(";").map((t) => t.trim()).filter(Boolean))];
      this.#split = { value, frameworks };
    }
    return this.#split.frameworks;
  }

  /** Whether a value names a property whose value is a path through a toolset property. */
  throughToolset(value: string): boolean {
    return [...value.matchAll(/\$\(([^)]*)\)/g)].some((m) =>
      this.toolsetProperties.has(m[1].trim().toLowerCase())
    );
  }

  /** Expands a path: properties, then the `…OfFileAbove` property functions (from `dir`). */
  expandPath(value: string, dir: string): string {
    const unquote = (arg: string | undefined): string =>
      (arg ?? "").replace(/^'(.*)'$/, "$1").trim();
    return this.expand(value).replace(FILE_ABOVE, (_, fn: string, a?: string, b?: string) => {
      const [name, from] = fn.toLowerCase() === "getpathoffileabove"
        ? [unquote(a), unquote(b)]
        : [unquote(b), unquote(a)];
      const start = from === "" ? dir : treePath(dir, from);
      const found = start === undefined ? undefined : nearest(start, name, this.load, this.files);
      if (found === undefined) return "";
      return fn.toLowerCase() === "getpathoffileabove"
        ? `/${found.path}`
        : directoryValue(posix.dirname(found.path));
    });
  }

  /**
   * Reads an `<Import>` of a file of the tree where it stands. The SDK's and Visual Studio's
   * imports are skipped; one vouch cannot resolve or find is a note.
   */
  importFile(element: XmlElement, file: { path: string; text: string }, condition?: string): void {
    const raw = element.attributes.Project;
    if (raw === undefined || TOOLSET_IMPORT.test(raw) || this.throughToolset(raw)) return;
    const dir = posix.dirname(file.path);
    const at = `${file.path}:${lineColumn(file.text, element.offset).line}`;
    const note = (what: string): void => {
      this.unsureImports = true;
      this.importNotes.push(`${at}: the <Import> of ${JSON.stringify(raw)} ${what}`);
    };
    let holds: boolean | undefined = true;
    for (const c of [condition, element.attributes.Condition]) {
      if (c === undefined || holds === false) continue;
      const value = this.condition(c);
      holds = value === false ? false : value === undefined ? undefined : holds;
    }
    if (holds === false) {
      this.unsureImports = true;
      return;
    }
    const sdk = element.attributes.Sdk;
    if (sdk !== undefined) {
      // MSBuild expands the properties of an SDK import's Sdk and Version (its default
      // SdkReferencePropertyExpansion), as they stand where it is.
      const version = element.attributes.Version;
      this.sdkReferences.push({
        name: this.expand(sdk),
        ...(version === undefined ? {} : { version: this.expand(version) }),
        source: file.path,
        at,
      });
      if (sdkName(sdk) === CENTRAL_PACKAGE_VERSIONS_SDK) this.centralPackageVersionsSdk = true;
      if (!/^\s*sdk\.props\s*$/i.test(raw) || !this.importSdk(sdk, at)) return;
      if (holds === undefined) note("is under a Condition vouch does not evaluate: it is read");
      return;
    }
    const expanded = this.expandPath(raw, dir);
    const path = expanded.includes("$(") || expanded.trim() === ""
      ? undefined
      : treePath(dir, expanded);
    const text = path === undefined ? undefined : this.load(path);
    if (path === undefined || text === undefined || /[*?]/.test(path)) {
      note(
        "is not read: vouch cannot find that file in the tree; what it declares is missing here",
      );
      return;
    }
    // A file imported again (a cycle, or a diamond of imports that would otherwise grow
    // exponentially) is ignored, as MSBuild ignores it.
    if (this.read.has(path)) return;
    if (this.reading.length >= MAX_IMPORT_DEPTH) {
      note(`is not read: imports nest more than ${MAX_IMPORT_DEPTH} levels deep here`);
      return;
    }
    if (holds === undefined) {
      note("is under a Condition vouch does not evaluate: it is read");
    }
    this.file(this.parse(path, text), path, text);
  }

  /**
   * Reads the files of the tree that an SDK's `Sdk.props` imports, where it is imported (`<Import
   * Project="Sdk.props" Sdk="…" />`, or a project's `Sdk` attribute or `<Sdk>` element). Only the
   * Arcade SDK's (`Microsoft.DotNet.Arcade.Sdk`, the dotnet/* repositories') are known: its
   * RepoLayout.props sets `RepoRoot` (when unset: the folder of the nearest `global.json` above the
   * project, which names the SDK's version), `RepositoryEngineeringDir` (`$(RepoRoot)eng/`) and
   * `VersionsPropsPath` (`$(RepositoryEngineeringDir)Versions.props`), and its
   * DefaultVersions.props imports that file when it exists: the repository's package versions;
   * its Tests.props then tells test projects by name (see `arcadeTestProject`). Any other SDK's files are not of the tree: what they define stays undefined.
   *
   * @returns Whether the SDK is one vouch knows (its `Sdk.props` is modelled).
   */
  importSdk(sdk: string, at: string): boolean {
    const name = sdkName(sdk);
    if (name === CENTRAL_PACKAGE_VERSIONS_SDK) this.centralPackageVersionsSdk = true;
    if (name !== ARCADE_SDK) return false;
    // A second import of its Sdk.props (a project whose Sdk attribute names the SDK that
    // Directory.Build.props imports too) is ignored, as MSBuild ignores it (warning MSB4011).
    if (this.sdks.has(name)) return true;
    this.sdks.add(name);
    let root = this.properties.get("reporoot")?.trim() ?? "";
    if (root === "") {
      const found = nearest(posix.dirname(this.project), "global.json", this.load, this.files);
      root = found === undefined ? "" : msbuildDirectory(posix.dirname(found.path));
    }
    const unread = (why: string): boolean => {
      this.unsureImports = true;
      this.importNotes.push(
        `${at}: the Arcade SDK's eng/Versions.props is not read: ${why}; the versions it ` +
          "defines are missing here",
      );
      return true;
    };
    if (root === "") return unread("no global.json above the project names the repository's root");
    if (root.includes("$(")) {
      return unread(`vouch cannot evaluate its RepoRoot ${JSON.stringify(root)}`);
    }
    this.properties.set("reporoot", root);
    const engineering = `${root.replaceAll("\\", "/").replace(/\/*$/, "")}/eng/`;
    const versions = `${engineering}Versions.props`;
    this.properties.set("repositoryengineeringdir", engineering);
    this.properties.set("versionspropspath", versions);
    const path = treePath(".", versions);
    if (path === undefined) {
      return unread(`its RepoRoot ${JSON.stringify(root)} is outside the tree`);
    }
    const text = this.load(path);
    // Imported under `Exists('$(VersionsPropsPath)')`: a repository without one reads none.
    if (text !== undefined && !this.read.has(path)) {
      this.file(this.parse(path, text), path, text);
    }
    if (this.properties.get("disablearcadetestframework")?.trim().toLowerCase() !== "true") {
      this.arcadeTestProject();
    }
    return true;
  }

  /**
   * The Microsoft.Build.CentralPackageVersions SDK's Sdk.targets, imported after the project and
   * its `Directory.Build.targets`: unless NuGet manages the versions centrally
   * (`ManagePackageVersionsCentrally`), `EnableCentralPackageVersions` is `false` or the project
   * uses a `packages.config`, it imports `$(CentralPackagesFile)`, by default the nearest
   * `Packages.props` above the project, whose `<PackageReference Update="…" Version="…" />` items
   * give the project's references their versions and whose `GlobalPackageReference`s every
   * project references (`PrivateAssets` all) unless `EnableGlobalPackageReferences` is false; a
   * `VersionOverride` wins, as with NuGet's.
   */
  importPackagesProps(): void {
    if (!this.centralPackageVersionsSdk) return;
    const property = (name: string): string =>
      (this.properties.get(name) ?? "").trim().toLowerCase();
    if (
      property("managepackageversionscentrally") === "true" ||
      property("enablecentralpackageversions") === "false"
    ) return;
    const dir = posix.dirname(this.project);
    if (this.load(dir === "." ? "packages.config" : `${dir}/packages.config`) !== undefined) return;
    const custom = this.properties.get("centralpackagesfile")?.trim() ?? "";
    let found: { path: string; text: string } | undefined;
    if (custom === "") found = nearest(dir, "Packages.props", this.load, this.files);
    else {
      const expanded = this.expandPath(custom, dir);
      const path = expanded.includes("$(") ? undefined : treePath(dir, expanded);
      const text = path === undefined ? undefined : this.load(path);
      if (path === undefined || text === undefined) {
        this.unsureImports = true;
        this.importNotes.push(
          `${this.project}: the CentralPackagesFile ${JSON.stringify(custom)} of the ` +
            "Microsoft.Build.CentralPackageVersions SDK is not read: vouch cannot find that file " +
            "in the tree; the versions it defines are missing here",
        );
        return;
      }
      found = { path, text };
    }
    if (found === undefined || this.read.has(found.path)) return;
    this.packagesProps = true;
    this.file(this.parse(found.path, found.text), found.path, found.text);
  }

  /**
   * The Arcade SDK's Tests.props: a project named `*.Tests` or `*.UnitTests`, `*.IntegrationTests`,
   * `*.PerformanceTests` (unless its kind is set before) is a test project (`IsTestProject`, which
   * it sets false otherwise); the SDK adds its `Microsoft.NET.Test.Sdk` reference itself.
   */
  arcadeTestProject(): void {
    const name = this.properties.get("msbuildprojectname") ?? "";
    let test = false;
    for (const [kind, suffix] of ARCADE_TEST_KINDS) {
      if ((this.properties.get(kind) ?? "").trim() === "") {
        this.properties.set(kind, String(suffix.test(name)));
      }
      test ||= this.properties.get(kind)!.trim().toLowerCase() === "true";
    }
    this.properties.set("istestproject", String(test));
  }

  /** Whether an element's Condition is false in every build (see {@linkcode Evaluation.never}). */
  neverHolds(element: XmlElement): boolean {
    const condition = element.attributes.Condition;
    return condition !== undefined && this.never(condition);
  }

  applies(element: XmlElement): boolean {
    const condition = element.attributes.Condition;
    return condition === undefined || this.condition(condition) === true;
  }

  /**
   * Item metadata: an attribute or a child element, its name in any case (MSBuild's metadata
   * names are case-insensitive: `version="[1.0]"` is the `Version`). Of child elements under
   * Conditions, the last that holds, else the last that may (not one false in every build).
   */
  metadata(item: XmlElement, name: string): string | undefined {
    const lower = name.toLowerCase();
    const key = Object.keys(item.attributes).find((a) => a.toLowerCase() === lower);
    if (key !== undefined) return this.expand(item.attributes[key]).trim();
    const children = childElements(item).filter((c) =>
      localName(c.name).toLowerCase() === lower && !this.neverHolds(c)
    );
    // `<Version Condition="'$(TargetFramework)' == 'net8.0'">`: each inner build has its own.
    this.frameworkProperties ||= children.some((c) =>
      FRAMEWORK_REFERENCE.test(c.attributes.Condition ?? "")
    );
    // The last that holds, as a later definition replaces an earlier one; else the last that may.
    const child = children.findLast((c) => this.applies(c)) ?? children.at(-1);
    return child === undefined ? undefined : this.expand(textOf(child));
  }

  /**
   * Evaluates the item definitions, then the item groups, in order, once every file is read: as
   * MSBuild evaluates them after all properties (their Conditions and `$(…)` see the final
   * values), each with its own file's `$(MSBuildThisFileDirectory)`. An item definition (one
   * under a Condition that holds) gives the items of its type that do not set them their
   * metadata: `<ItemDefinitionGroup><PackageReference PrivateAssets="all" />`.
   */
  items(): void {
    for (const { group, path } of this.definitionGroups) {
      this.inFile(path, () => {
        if (!this.applies(group)) return;
        for (const definition of childElements(group)) {
          if (!this.applies(definition)) continue;
          const type = localName(definition.name).toLowerCase();
          const metadata = this.definitions.get(type) ?? new Map<string, string>();
          this.definitions.set(type, metadata);
          for (const [name, value] of Object.entries(definition.attributes)) {
            if (name !== "Condition") metadata.set(name.toLowerCase(), this.expand(value).trim());
          }
          for (const child of childElements(definition)) {
            if (this.applies(child)) {
              metadata.set(localName(child.name).toLowerCase(), this.expand(textOf(child)).trim());
            }
          }
        }
      });
    }
    for (const { group, uncertain, ...file } of this.itemGroups) {
      this.inFile(file.path, () => {
        if (group === NETSTANDARD_GROUP) {
          this.netStandardUpdates = {};
          return;
        }
        if (group === FSHARP_CORE_GROUP) {
          if (this.condition(FSHARP_CORE_CONDITION) !== false) {
            this.item(FSHARP_CORE_ITEM, { ...file, conditioned: false });
          }
          return;
        }
        if (this.neverHolds(group)) return;
        for (const item of childElements(group)) {
          if (this.neverHolds(item)) continue;
          // `'$(TargetFramework)' != 'net472'` holds here, where no framework is set, but not in
          // the inner build of net472, whose items NuGet restores (NuGet.targets runs
          // _GenerateProjectRestoreGraphPerFramework with each TargetFramework): each is read.
          this.frameworkProperties ||= PACKAGE_ITEMS.has(localName(item.name)) &&
            [group.attributes.Condition, item.attributes.Condition].some((c) =>
              c !== undefined && FRAMEWORK_REFERENCE.test(c) && this.condition(c) === true &&
              !this.inEveryFramework(c, true)
            );
          const conditioned = localName(item.name) === "ProjectReference"
            ? this.underCondition(item, group.attributes.Condition, uncertain) !== undefined
            : this.noteCondition(item, group.attributes.Condition, { ...file, uncertain });
          this.item(item, { ...file, conditioned });
        }
      });
    }
  }

  /**
   * Runs `evaluate` with `path` the file being read (its Exists() and
   * `$(MSBuildThisFileDirectory)`).
   */
  inFile(path: string, evaluate: () => void): void {
    this.reading.push(path);
    this.thisFile(path);
    evaluate();
    this.reading.pop();
    this.thisFile(this.reading.at(-1));
  }

  /**
   * Sets MSBuild's properties of the file being read (`$(MSBuildThisFileDirectory)`,
   * `$(MSBuildThisFile)`, `…FileName`, `…FileExtension`, `…FileFullPath`), or removes them
   * (`undefined`: no file).
   */
  thisFile(path: string | undefined): void {
    if (path === undefined) {
      for (const name of THIS_FILE_PROPERTIES) this.properties.delete(name);
      return;
    }
    const dir = msbuildDirectory(posix.dirname(path));
    const file = posix.basename(path);
    const dot = file.lastIndexOf(".");
    const extension = dot > 0 ? file.slice(dot) : "";
    this.properties.set("msbuildthisfiledirectory", dir);
    this.properties.set("msbuildthisfile", file);
    this.properties.set("msbuildthisfilename", file.slice(0, file.length - extension.length));
    this.properties.set("msbuildthisfileextension", extension);
    this.properties.set("msbuildthisfilefullpath", `${dir}${file}`);
  }

  /** An item's metadata, else its item definition's (for an item it includes). */
  defined(item: XmlElement, name: string): string | undefined {
    return this.metadata(item, name) ??
      this.definitions.get(localName(item.name).toLowerCase())?.get(name.toLowerCase());
  }

  /**
   * Records an SDK that a file's `Sdk` attribute or `<Sdk>` element names. MSBuild makes each an
   * implicit import at the top of that file and expands its `$(…)` there, before the file's own
   * properties (Evaluator's SdkReferencePropertyExpansion, ExpandUnescape by default). For the
   * project that is before any file of the tree (its Directory.Build.props comes through the
   * SDK's Sdk.props): only an environment variable or a global property (`-p:`) can define it,
   * which vouch cannot know, so such a reference is a warning, not a package.
   */
  sdkReference(
    name: string,
    version: string | undefined,
    where: { path: string; at: string },
  ): void {
    if (`${name}${version ?? ""}`.includes("$(") && where.path === this.project) {
      const written = version === undefined ? name : `${name}/${version}`;
      this.importNotes.push(
        `${where.at}: the SDK ${JSON.stringify(written.trim())} names a property, which MSBuild ` +
          "expands before any file of the tree defines one (a project's SDKs are resolved at " +
          "its top): only an environment variable or a global property (-p:) sets it, which " +
          "vouch cannot know; that SDK's package is not in the SBOM",
      );
      return;
    }
    this.sdkReferences.push({
      name: this.expand(name),
      ...(version === undefined ? {} : { version: this.expand(version) }),
      source: where.path,
      at: where.at,
    });
  }

  /**
   * Reads one file's imports and property groups, in order (MSBuild's first pass); its item
   * groups wait for {@linkcode Evaluation.items}.
   */
  file(root: XmlElement, path: string, text: string): void {
    this.reading.push(path);
    this.read.add(path);
    this.thisFile(path);
    // A project's SDKs (`<Project Sdk="A;B">`, `<Sdk Name="…" />`): their Sdk.props, first.
    const sdks = [
      ...(root.attributes.Sdk ?? "").split(";"),
      ...childElements(root, "Sdk").map((e) => e.attributes.Name ?? ""),
    ].filter((s) => s.trim() !== "");
    for (const sdk of sdks) this.importSdk(sdk, path);
    const at = (element: XmlElement): string => `${path}:${lineColumn(text, element.offset).line}`;
    for (const sdk of parseSdkAttribute(root.attributes.Sdk ?? "")) {
      this.sdkReference(sdk.name, sdk.version, { path, at: at(root) });
    }
    for (const element of childElements(root, "Sdk")) {
      const { Name: name, Version: version } = element.attributes;
      if (name !== undefined) this.sdkReference(name, version, { path, at: at(element) });
    }
    this.groups(root, { path, text });
    this.reading.pop();
    this.thisFile(this.reading.at(-1));
  }

  /**
   * Reads the groups of a project file, or of a `<When>`/`<Otherwise>` of a `<Choose>`, in
   * order: imports and properties now, item groups kept for the item pass. `uncertain` says which
   * enclosing branch vouch cannot tell MSBuild takes: its properties are not set (as those of a
   * PropertyGroup under such a Condition) and its package items count, each noted.
   */
  groups(parent: XmlElement, file: { path: string; text: string }, uncertain?: string): void {
    for (const group of childElements(parent)) {
      const kind = localName(group.name);
      if (kind === "Import") {
        this.importFile(group, file);
      } else if (kind === "ImportGroup") {
        for (const element of childElements(group, "Import")) {
          this.importFile(element, file, group.attributes.Condition);
        }
      } else if (kind === "PropertyGroup") {
        const applies = uncertain === undefined && this.applies(group);
        const guarded = this.choosing > 0 || group.attributes.Condition !== undefined;
        for (const property of childElements(group)) {
          const name = localName(property.name).toLowerCase();
          if (this.innerFramework !== undefined && name === "targetframework") continue;
          this.frameworkProperties ||= [
            uncertain,
            group.attributes.Condition,
            property.attributes.Condition,
          ]
            .some((c) => c !== undefined && FRAMEWORK_REFERENCE.test(c));
          const value = textOf(property);
          const unknown = /\$\(\[/.test(value) ||
            [...value.matchAll(/\$\(([^)]*)\)/g)].some((m) => {
              const reference = m[1].toLowerCase();
              // `<RestoreSources>$(RestoreSources);…`: empty before any file sets it.
              const empty = reference === name && RESTORE_SOURCE_PROPERTIES.has(name) &&
                !this.uncertainProperties.has(name);
              return !empty && !this.properties.has(reference);
            });
          if (guarded || unknown || property.attributes.Condition !== undefined) {
            this.uncertainProperties.add(name);
          }
          if (applies && this.applies(property)) {
            this.properties.set(name, this.expand(value));
            if (TOOLSET_IMPORT.test(value) || this.throughToolset(value)) {
              this.toolsetProperties.add(name);
            } else this.toolsetProperties.delete(name);
          }
        }
      } else if (kind === "ItemGroup") {
        this.itemGroups.push({ group, ...file, uncertain });
      } else if (kind === "ItemDefinitionGroup" && uncertain === undefined) {
        this.definitionGroups.push({ group, path: file.path });
      } else if (kind === "Choose") {
        this.choosing++;
        this.choose(group, file, uncertain);
        this.choosing--;
      }
    }
  }

  /**
   * A `<Choose>`: MSBuild takes the first `<When>` whose Condition holds, else the
   * `<Otherwise>`. A When whose Condition vouch cannot tell to hold may be the one taken, so its
   * items count (noted) and the branches after it are read too, as an ItemGroup under such a
   * Condition counts; a When that holds ends the Choose.
   */
  choose(element: XmlElement, file: { path: string; text: string }, uncertain?: string): void {
    const passed: string[] = [];
    for (const branch of childElements(element)) {
      const kind = localName(branch.name);
      if (kind === "Otherwise") {
        const of = passed.length === 1 ? "the Condition" : "the Conditions";
        // Taken for certain when every <When> before it never holds.
        const otherwise = passed.length === 0
          ? undefined
          : `the <Otherwise> of ${of} ${passed.join(", ")}`;
        this.groups(branch, file, uncertain ?? otherwise);
        return;
      }
      if (kind !== "When") continue;
      const condition = branch.attributes.Condition ?? "";
      if (this.never(condition)) continue;
      const holds = this.always(condition);
      passed.push(JSON.stringify(condition.trim()));
      this.groups(
        branch,
        file,
        uncertain ?? (holds ? undefined : `the Condition ${passed.at(-1)}`),
      );
      if (holds) return;
    }
  }

  /**
   * Notes a package item whose own or group's Condition (or enclosing `<Choose>` branch) vouch
   * cannot tell to hold (it depends on the target framework, configuration or platform of a
   * build): the item still counts, and the warning says so.
   *
   * @returns Whether it is under such a Condition.
   */
  noteCondition(
    item: XmlElement,
    groupCondition: string | undefined,
    file: { path: string; text: string; uncertain?: string },
  ): boolean {
    const kind = localName(item.name);
    if (!PACKAGE_ITEMS.has(kind)) return false;
    const under = this.underCondition(item, groupCondition, file.uncertain);
    if (under === undefined) return false;
    const name = item.attributes.Include ?? item.attributes.Update ?? item.attributes.Remove;
    this.conditioned.push(
      `${file.path}:${lineColumn(file.text, item.offset).line}: <${kind}> ${name} is under ` +
        `${under}, which vouch does not evaluate: ` +
        "it counts for every target framework and configuration",
    );
    return true;
  }

  /**
   * The Condition (the item's, its group's, or an enclosing `<Choose>` branch: `uncertain`)
   * that vouch cannot tell to hold for an item, described; `undefined` when none.
   */
  underCondition(
    item: XmlElement,
    groupCondition: string | undefined,
    uncertain: string | undefined,
  ): string | undefined {
    const unevaluated = [groupCondition, item.attributes.Condition].find((condition) =>
      condition !== undefined && this.condition(condition) !== true &&
      !this.inEveryFramework(condition, true)
    );
    return unevaluated === undefined
      ? uncertain
      : `the Condition ${JSON.stringify(unevaluated.trim())}`;
  }

  /**
   * Evaluates one item. A package version declared again under a Condition
   * vouch does not evaluate (`'$(TargetFramework)' == 'net8.0'`) is another
   * version of the package, not a replacement: multi-targeting projects use
   * one version per target framework.
   */
  item(
    item: XmlElement,
    file: { path: string; text: string; conditioned: boolean },
  ): void {
    const { path, text, conditioned } = file;
    const kind = localName(item.name);
    const include = item.attributes.Include;
    const update = item.attributes.Update;
    const remove = item.attributes.Remove;
    if (kind === "ProjectReference") {
      this.projectReference(item, conditioned);
      return;
    }
    if (!PACKAGE_ITEMS.has(kind)) return;
    const names = (value: string): string[] =>
      this.expand(value).split(";").map((s) => s.trim()).filter(Boolean);
    if (include === undefined && update === undefined && remove === undefined) {
      throw invalid(path, text, item.offset, `<${kind}> has no Include, Update or Remove`);
    }
    const version = this.metadata(item, "Version");
    if (kind === "PackageVersion") {
      for (const name of names(include ?? update ?? "")) {
        if (version === undefined) continue;
        const known = this.versions.get(name.toLowerCase());
        if (conditioned && known !== undefined && known.version !== version) {
          known.alternatives = withAlternative(known.alternatives, version);
        } else this.versions.set(name.toLowerCase(), { name, version });
      }
      return;
    }
    if (kind === "PackageDownload" || kind === "DotNetCliToolReference") {
      const into = kind === "PackageDownload" ? this.downloads : this.tools;
      this.download(into, { include, update, remove, version, names, path, conditioned });
      return;
    }
    if (kind === "GlobalPackageReference") {
      for (const name of names(include ?? "")) {
        this.globals.push({
          name,
          ...(version === undefined ? {} : { version }),
          privateAssets: "all",
          source: path,
        });
      }
      return;
    }
    if (remove !== undefined) {
      for (const name of names(remove)) this.references.delete(name.toLowerCase());
      return;
    }
    const written: Partial<Reference> = {};
    for (const [key, name] of REFERENCE_METADATA) {
      // An item definition gives an item its metadata when it is included, not when updated.
      const value = update === undefined ? this.defined(item, name) : this.metadata(item, name);
      if (value !== undefined) written[key] = value;
    }
    if (update !== undefined) {
      for (const name of names(update)) {
        const known = this.references.get(name.toLowerCase());
        if (known !== undefined) Object.assign(known, written);
        else if (name.toLowerCase() === "netstandard.library" && this.netStandardUpdates) {
          Object.assign(this.netStandardUpdates, written);
        }
      }
      return;
    }
    for (const name of names(include!)) {
      const reference: Reference = { name, source: path, ...written };
      if (conditioned) reference.conditioned = true;
      if (item === FSHARP_CORE_ITEM) reference.implicit = true;
      const key = name.toLowerCase();
      const known = this.references.get(key);
      // A second reference to the same package (NuGet warns, NU1504) adds to the first.
      const merged = known === undefined ? reference : {
        ...known,
        ...reference,
        name: known.name,
        conditioned: known.conditioned && conditioned,
      };
      if (reference.implicit === undefined) delete merged.implicit;
      if (
        conditioned && known?.version !== undefined && version !== undefined &&
        known.version !== version
      ) {
        merged.version = known.version;
        merged.alternatives = withAlternative(known.alternatives, version);
      }
      this.references.set(key, merged);
    }
  }

  /**
   * A `PackageDownload` (or a `DotNetCliToolReference`, `into` its own map): an Include adds its
   * versions (each `;`-separated part of `Version`) to those of the id (NuGet downloads every one),
   * an Update replaces them, a Remove drops the id.
   */
  download(into: Map<string, Download>, item: {
    include?: string;
    update?: string;
    remove?: string;
    version?: string;
    names: (value: string) => string[];
    path: string;
    conditioned: boolean;
  }): void {
    const { version, names, conditioned } = item;
    if (item.remove !== undefined) {
      for (const name of names(item.remove)) into.delete(name.toLowerCase());
      return;
    }
    const versions = (version ?? "").split(";").map((v) => v.trim()).filter(Boolean);
    for (const name of names(item.update ?? item.include!)) {
      const known = into.get(name.toLowerCase());
      if (item.update !== undefined) {
        if (known !== undefined && version !== undefined) known.versions = versions;
      } else if (known === undefined) {
        into.set(name.toLowerCase(), { name, versions, source: item.path, conditioned });
      } else {
        known.versions = [...new Set([...known.versions, ...versions])];
        known.conditioned &&= conditioned;
      }
    }
  }

  /**
   * A `ProjectReference`, in the project or in a file it imports (`Directory.Build.props`): a
   * relative path is relative to the project, wherever it is written (MSBuild resolves item paths
   * against the project; `$(MSBuildThisFileDirectory)` names the declaring file's folder). A
   * reference to the project itself (a shared file's guard) is none; `Remove` drops references
   * declared before it. `conditioned`: the item is under a Condition vouch does not evaluate.
   */
  projectReference(item: XmlElement, conditioned = false): void {
    const dir = posix.dirname(this.project);
    const targets = (value: string | undefined): string[] =>
      this.expand(value ?? "").split(";").flatMap((each) => {
        const target = each.trim() === "" ? undefined : treePath(dir, each);
        if (target === undefined) return [];
        const found = /[*?]/.test(target) ? this.wildcardFiles(target) : [target];
        return found.filter((path) => path !== this.project);
      });
    const { Include: include, Remove: remove, Exclude: exclude } = item.attributes;
    // An Exclude drops, from its own item's Include, the paths it names (wildcards expanded).
    const excluded = new Set(targets(exclude));
    // ReferenceOutputAssembly="false": the project is built first, its assembly not referenced;
    // with no OutputItemType, or "Analyzer" (a source generator or analyzer project), nothing of
    // it reaches the output.
    const buildOnly = this.defined(item, "ReferenceOutputAssembly")?.toLowerCase() === "false" &&
      ["", "analyzer"].includes(this.defined(item, "OutputItemType")?.toLowerCase() ?? "");
    /** The paths outside the tree, as written. */
    const outside = (value: string | undefined): string[] =>
      this.expand(value ?? "").split(";").map((each) => each.trim())
        .filter((written) => written !== "" && treePath(dir, written) === undefined);
    for (const written of outside(include)) {
      if (!this.outsideReferences.includes(written)) this.outsideReferences.push(written);
    }
    // `Remove` drops an outside reference too: MSBuild then neither looks for it nor warns.
    const gone = new Set(outside(remove).map((written) => rootPath(dir, written)));
    for (let i = this.outsideReferences.length - 1; i >= 0 && gone.size > 0; i--) {
      if (gone.has(rootPath(dir, this.outsideReferences[i]))) this.outsideReferences.splice(i, 1);
    }
    for (const target of targets(include)) {
      if (excluded.has(target)) continue;
      if (!this.projectReferences.includes(target)) this.projectReferences.push(target);
      if (!conditioned) this.certainReferences.add(target);
      if (!buildOnly) this.runtimeReferences.add(target);
    }
    const removed = new Set(targets(remove));
    for (let i = this.projectReferences.length - 1; i >= 0; i--) {
      if (!removed.has(this.projectReferences[i])) continue;
      this.certainReferences.delete(this.projectReferences[i]);
      this.runtimeReferences.delete(this.projectReferences[i]);
      this.projectReferences.splice(i, 1);
    }
  }

  /**
   * The files of the tree that a wildcard item path names (a project's `..\\*\\*.csproj`, every
   * project of its sibling folders), as MSBuild expands an item's Include: `*` and `?` within a
   * name (in any case, as Windows matches them), `**` any number of folders; none without
   * listings. At most {@linkcode MAX_WILDCARD_FILES}, in sorted order.
   */
  wildcardFiles(pattern: string): string[] {
    const { files, list } = this;
    if (files === undefined || list === undefined) return [];
    const parts = pattern.split("/");
    const first = parts.findIndex((part) => /[*?]/.test(part));
    const join = (folder: string, name: string): string =>
      folder === "" ? name : `${folder}/${name}`;
    const matches = (glob: string, name: string): boolean =>
      segmentMatches(glob.toLowerCase(), name.toLowerCase());
    /** A folder and every folder below it, up to the cap. */
    const below = (folder: string): string[] => {
      const all = [folder];
      for (let i = 0; i < all.length && all.length < MAX_WILDCARD_FILES; i++) {
        for (const name of list(all[i]) ?? []) all.push(join(all[i], name));
      }
      return all.slice(0, MAX_WILDCARD_FILES);
    };
    let folders = [parts.slice(0, first).join("/")];
    for (const part of parts.slice(first, -1)) {
      if (part === "." || part === "..") return [];
      folders = part === "**"
        ? [...new Set(folders.flatMap(below))]
        : folders.flatMap((f) =>
          (list(f) ?? []).filter((n) => matches(part, n)).map((n) => join(f, n))
        );
      folders = folders.slice(0, MAX_WILDCARD_FILES);
    }
    const name = parts.at(-1)!;
    if (name === "**") folders = [...new Set(folders.flatMap(below))];
    const found = folders.flatMap((f) =>
      (files(f) ?? []).filter((n) => name === "**" || matches(name, n)).map((n) => join(f, n))
    );
    return [...new Set(found)].sort().slice(0, MAX_WILDCARD_FILES);
  }

  parse(path: string, text: string): XmlElement {
    const known = PARSED.get(text);
    if (known !== undefined) return known;
    const { root } = parseXml(text, path, CODE);
    if (localName(root.name) !== "Project") {
      throw invalid(
        path,
        text,
        root.offset,
        `the root element is <${root.name}>, not an MSBuild <Project>`,
      );
    }
    if (text.length > MAX_PARSED_TEXT) return root;
    if (PARSED.size >= 512) PARSED.delete(PARSED.keys().next().value!);
    PARSED.set(text, root);
    return root;
  }
}

/**
 * Reads a project's files in MSBuild's order (`Directory.Build.props`, `Directory.Packages.props`,
 * the project, `Directory.Build.targets`, and what they import), then its items.
 *
 * @param targetFramework The framework of an inner build (see {@linkcode innerBuilds}).
 */
function evaluate(
  text: string,
  options: { path: string; load: Load; files?: Files; list?: Files },
  targetFramework?: string,
): Evaluation {
  const { path, load, files, list } = options;
  const dir = posix.dirname(path);
  const evaluation = new Evaluation(path, { load, files, list, targetFramework });
  evaluation.properties.set("msbuildprojectname", posix.basename(path).replace(/\.[^.]+$/, ""));
  const project = { path, text };
  const packagesProps = nearest(dir, "Directory.Packages.props", load, files);
  evaluation.directoryPackagesProps = packagesProps?.path;
  const sources = [
    nearest(dir, "Directory.Build.props", load, files),
    packagesProps,
    project,
    nearest(dir, "Directory.Build.targets", load, files),
  ];
  for (const source of sources) {
    if (source === project && fsharpSdkProject(evaluation.parse(path, text), path)) {
      // Before the project's own items: its `Update="FSharp.Core"` applies to it.
      evaluation.itemGroups.push({ group: FSHARP_CORE_GROUP, path, text });
    }
    if (source === project && netSdkProject(evaluation.parse(path, text))) {
      evaluation.itemGroups.push({ group: NETSTANDARD_GROUP, path, text });
    }
    if (source !== undefined) {
      evaluation.file(evaluation.parse(source.path, source.text), source.path, source.text);
    }
    // The SDK infers them in its targets, imported after the project (before its
    // Directory.Build.targets): its own Conditions see them empty, as in MSBuild.
    if (source === project) evaluation.inferFrameworkProperties(false);
  }
  evaluation.importPackagesProps();
  evaluation.items();
  return evaluation;
}

/** An SDK's name, lowercase: `Name/Version` (a version pinned in the attribute) names `Name`. */
function sdkName(sdk: string): string {
  return sdk.split("/")[0].trim().toLowerCase();
}

/** Whether a project is an SDK-style F# project (`<Project Sdk="Microsoft.NET.Sdk">`, `<Sdk>`). */
function fsharpSdkProject(root: XmlElement, path: string): boolean {
  return path.toLowerCase().endsWith(".fsproj") &&
    (root.attributes.Sdk !== undefined || childElements(root, "Sdk").length > 0);
}

/** Whether a project uses the .NET SDK (`Sdk="Microsoft.NET.Sdk"`, `.Web`, `<Sdk Name="…">`). */
function netSdkProject(root: XmlElement): boolean {
  const sdks = [
    ...(root.attributes.Sdk ?? "").split(";"),
    ...childElements(root, "Sdk").map((sdk) => sdk.attributes.Name ?? ""),
  ];
  return sdks.some((sdk) => /^\s*Microsoft\.NET\.Sdk\b/i.test(sdk));
}

/**
 * The .NET SDK's implicit `NETStandard.Library` of a project that targets .NET Standard before
 * 2.1 (Microsoft.NET.Sdk.DefaultItems.props: `<PackageReference Include="NETStandard.Library"
 * Version="$(NETStandardImplicitPackageVersion)" IsImplicitlyDefined="true" />` unless
 * `DisableImplicitFrameworkReferences` is `true`; 2.1 has a FrameworkReference, no package), at
 * `NETStandardImplicitPackageVersion`, which Microsoft.NET.Sdk.DefaultItems.targets defaults to
 * 1.6.1 for .NET Standard 1.x and 2.0.3 otherwise, unless an `Update` of it in the project (or
 * Directory.Build.targets) sets its `Version`. From 2.0 it is `PrivateAssets="All"`: build.
 */
function implicitNetStandard(
  evaluation: Evaluation,
  options: { path: string; isTest: boolean; warnings: string[] },
): PackageDeclaration[] {
  const property = (key: string): string | undefined =>
    evaluation.properties.get(key.toLowerCase())?.trim() || undefined;
  if (property("DisableImplicitFrameworkReferences")?.toLowerCase() === "true") return [];
  const single = property("TargetFramework");
  const majors: number[] = [];
  for (const framework of single === undefined ? evaluation.targetFrameworks() : [single]) {
    const inferred = inferredProperties(framework);
    const version = /^v(\d+)\.(\d+)/.exec(inferred?.get("targetframeworkversion") ?? "");
    if (inferred?.get("targetframeworkidentifier") !== ".NETStandard" || version === null) continue;
    const [major, minor] = [Number(version[1]), Number(version[2])];
    if (major < 2 || (major === 2 && minor < 1)) majors.push(major);
  }
  // An `Update` after the SDK's props gives its version (see NETSTANDARD_GROUP).
  const set = evaluation.netStandardUpdates?.version?.trim() ||
    property("NETStandardImplicitPackageVersion");
  const declarations = new Map<string, PackageDeclaration>();
  for (const major of majors) {
    const written = set ?? (major < 2 ? "1.6.1" : "2.0.3");
    const scope: Scope = options.isTest ? "dev" : major < 2 ? "runtime" : "build";
    const declaration: PackageDeclaration = {
      name: "NETStandard.Library",
      scope,
      source: options.path,
    };
    if (written.includes("$(")) {
      options.warnings.push(
        `${options.path}: NETStandard.Library, which the .NET SDK references implicitly, has ` +
          "no version the tree defines (NETStandardImplicitPackageVersion); the purl has no version",
      );
    } else Object.assign(declaration, splitNugetVersion(written));
    declarations.set(`${written} ${scope}`, declaration);
  }
  return [...declarations.values()];
}

/**
 * The inner builds of a project that targets several frameworks (`TargetFrameworks`, no
 * `TargetFramework`), one per framework, each evaluated with `TargetFramework` set as the SDK
 * and NuGet's restore set it: needed only when a property (or item metadata) is defined under a Condition on
 * `$(TargetFramework)` (`<PropertyGroup Condition="'$(TargetFramework)' == 'net8.0'">` with a
 * package version), whose value the outer evaluation, without a framework, does not have. A
 * project of one `TargetFramework` has no inner build: its `Directory.*.props` are read before
 * the project sets it, in MSBuild as here.
 */
function innerBuilds(
  outer: Evaluation,
  text: string,
  options: { path: string; load: Load; files?: Files; list?: Files },
): Evaluation[] {
  if (!outer.frameworkProperties || outer.properties.get("targetframework")?.trim()) return [];
  const frameworks = outer.targetFrameworks();
  if (frameworks.length > MAX_TARGET_FRAMEWORKS) return [];
  return frameworks.map((framework) => evaluate(text, options, framework));
}

/**
 * The versions written for a reference (`undefined` or `""` when it has none): its
 * `VersionOverride` (unless `overrides` is false; see {@linkcode overridesVersion}), else its
 * central `PackageVersion`'s (when versions are managed centrally), else its `Version`, with the
 * other versions of declarations under a Condition; then those of the same reference in each
 * inner build that the outer evaluation does not have.
 */
function declaredVersions(
  reference: Reference,
  outer: Evaluation,
  options: { central: boolean; overrides: boolean },
  inner: readonly Evaluation[],
): (string | undefined)[] {
  const { central } = options;
  const written = (evaluation: Evaluation, reference: Reference): (string | undefined)[] => {
    const chosen: { version?: string; alternatives?: string[] } =
      overridesVersion(reference, evaluation, options)
        ? { version: reference.versionOverride }
        : (central && evaluation.versions.get(reference.name.toLowerCase())) || reference;
    return [chosen.version, ...(chosen.alternatives ?? [])];
  };
  const known = (version: string | undefined): version is string =>
    version !== undefined && version !== "" && !version.includes("$(");
  const versions = written(outer, reference);
  const key = reference.name.toLowerCase();
  for (const evaluation of inner) {
    const same = evaluation.references.get(key) ??
      evaluation.globals.find((g) => g.name.toLowerCase() === key);
    for (const version of same === undefined ? [] : written(evaluation, same)) {
      if (known(version) && !versions.includes(version)) versions.push(version);
    }
  }
  return versions.some(known) ? versions.filter(known) : versions.slice(0, 1);
}

/**
 * Whether a reference's `VersionOverride` gives its version. With `overrides` false (NuGet's
 * `CentralPackageVersionOverrideEnabled`, the CentralPackageVersions SDK's
 * `EnablePackageVersionOverride`): under NuGet's central management only when no `PackageVersion`
 * names the package (restore refuses the override, NU1013; see `evaluateMsbuildProject`), and
 * never with the SDK, whose Sdk.targets then leaves `VersionOverride` unread.
 */
function overridesVersion(
  reference: Reference,
  evaluation: Evaluation,
  options: { central: boolean; overrides: boolean },
): boolean {
  if (reference.versionOverride === undefined) return false;
  if (options.overrides) return true;
  return options.central && !evaluation.versions.has(reference.name.toLowerCase());
}

/**
 * Evaluates a project file (see the module notes) without mapping it.
 *
 * @param text The project file's text.
 * @param options `path`: its path relative to the tree's root; `load`: reads
 *   the `Directory.*.props`/`.targets` files above it; `files`: lists a folder's
 *   files (to find those named in another case), `list` its folders (with `files`, to expand a
 *   wildcard `ProjectReference`).
 * @returns What it declares.
 * @throws {VouchError} `inventory.msbuild.invalid` for malformed XML (in the
 *   project or a `Directory.*` file), a root that is not `<Project>`, or an
 *   item without `Include`/`Update`/`Remove`.
 */
export function evaluateMsbuildProject(
  text: string,
  options: { path: string; load: Load; files?: Files; list?: Files },
): MsbuildProject {
  if (text.length > MAX_KEPT_PROJECT) return evaluateProject(text, options);
  const kept = EVALUATED.get(text, () => new Map());
  const key = `${options.files === undefined ? 0 : 1}${
    options.list === undefined ? 0 : 1
  }${options.path}`;
  const known = kept.get(key);
  const ask = [options.load, options.files, options.list];
  if (known !== undefined && known.inputs.every(([kind, arg, was]) => same(ask[kind]!(arg), was))) {
    return structuredClone(known.project);
  }
  const inputs: Input[] = [];
  const recorded = <T extends string | string[]>(
    kind: Input[0],
    read: ((arg: string) => T | undefined) | undefined,
  ): ((arg: string) => T | undefined) | undefined =>
    read && ((arg) => {
      const value = read(arg);
      inputs.push([kind, arg, Array.isArray(value) ? [...value] : value]);
      return value;
    });
  const project = evaluateProject(text, {
    path: options.path,
    load: recorded(0, options.load)!,
    files: recorded(1, options.files),
    list: recorded(2, options.list),
  });
  let read = 0;
  for (const [, , value] of inputs) read += typeof value === "string" ? value.length : 0;
  if (read <= MAX_KEPT_PROJECT) {
    // The oldest place of a text goes first: one template project at many paths (a tool
    // scanning many repositories) keeps no more than these.
    if (kept.size >= MAX_KEPT_PLACES) kept.delete(kept.keys().next().value!);
    kept.set(key, { inputs, project: structuredClone(project) });
  }
  return project;
}

/**
 * A file or folder listing an evaluation asked for: of `load` (0), `files` (1) or `list` (2),
 * the path asked, and what it gave.
 */
type Input = [0 | 1 | 2, string, string | string[] | undefined];

/** Whether a file's text or a folder's listing is what it was. */
function same(now: string | string[] | undefined, was: string | string[] | undefined): boolean {
  if (now === was) return true;
  return Array.isArray(now) && Array.isArray(was) && now.length === was.length &&
    now.every((entry, i) => entry === was[i]);
}

/**
 * The projects evaluated, by their text, then by path (and which listings were given): what each
 * evaluation asked and what it gave, and the project. A solution's lock files evaluate the
 * projects they reference again (Flow.Launcher's 4 projects, 20 times); one is taken again while
 * every file and listing it asked for is the same, which its evaluation depends on only.
 */
const EVALUATED = new TextCache<Map<string, { inputs: Input[]; project: MsbuildProject }>>(16);

/**
 * The most places (paths) {@linkcode EVALUATED} keeps an evaluation of one text at: with 16
 * texts and the characters each read (see {@linkcode MAX_KEPT_PROJECT}), it holds 64 evaluations
 * and what they read at most, whatever a process scans (unbounded, 400 evaluations of one
 * template, each beside its own 500 KB Directory.Build.props, kept 205 MB).
 */
const MAX_KEPT_PLACES = 4;

/**
 * The most characters {@linkcode EVALUATED} keeps of a project and of the files its evaluation
 * read, each: one that read more is evaluated each time (real ones read a few tens of thousands).
 */
const MAX_KEPT_PROJECT = 1024 * 1024;

/** What {@linkcode evaluateMsbuildProject} gives, computed. */
function evaluateProject(
  text: string,
  options: { path: string; load: Load; files?: Files; list?: Files },
): MsbuildProject {
  const { path } = options;
  const name = posix.basename(path).replace(/\.[^.]+$/, "");
  const evaluation = evaluate(text, options);
  const root = evaluation.parse(path, text);
  const property = (key: string): string | undefined => {
    const value = evaluation.properties.get(key.toLowerCase())?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const central = property("ManagePackageVersionsCentrally")?.toLowerCase() === "true";
  // A test package referenced only under a Condition vouch does not evaluate is no proof: a shared
  // Directory.Build.targets adds Microsoft.NET.Test.Sdk under `'$(IsTestProject)' == 'true'` to
  // every project, its libraries too.
  const isTest = property("IsTestProject")?.toLowerCase() === "true" ||
    property("ProjectTypeGuids")?.toUpperCase().includes(TEST_PROJECT_TYPE) === true ||
    referencesTestSdk(
      [...evaluation.references.values()].filter((r) => !r.conditioned)
        .map((r) => r.name),
    ) || usesTestSdk(evaluation.sdkReferences);
  const warnings: string[] = [
    ...evaluation.importNotes,
    ...evaluation.conditioned,
    ...impliedPackageWarnings(evaluation.sdkReferences),
  ];
  const packages: PackageDeclaration[] = [];
  const off = (key: string): boolean => property(key)?.toLowerCase() === "false";
  // NuGet.targets adds Directory.Packages.props' GlobalPackageReferences to the PackageReferences
  // unless `RestoreEnableGlobalPackageReference` is false; the CentralPackageVersions SDK's
  // Sdk.targets adds those of its Packages.props unless `EnableGlobalPackageReferences` is.
  const globals = central
    ? off("RestoreEnableGlobalPackageReference") ? [] : evaluation.globals
    : evaluation.packagesProps && !off("EnableGlobalPackageReferences")
    ? evaluation.globals
    : [];
  const references = [...evaluation.references.values(), ...globals];
  const inner = innerBuilds(evaluation, text, options);
  // A reference that only inner builds have (an item removed under `'$(TargetFramework)' !=
  // 'net472'`, which holds where no framework is set): NuGet restores it for those frameworks.
  for (const build of inner) {
    for (const [key, reference] of build.references) {
      if (
        !evaluation.references.has(key) && !references.some((r) => r.name.toLowerCase() === key)
      ) {
        references.push(reference);
      }
    }
  }
  // NuGet's restore refuses a VersionOverride when `CentralPackageVersionOverrideEnabled` is false
  // (RestoreCommand's AreCentralVersionRequirementsSatisfiedAsync: NU1013); the SDK's Sdk.targets
  // copies it to the Version only when `EnablePackageVersionOverride` is not false.
  const overrides =
    !off(central ? "CentralPackageVersionOverrideEnabled" : "EnablePackageVersionOverride") ||
    (!central && !evaluation.packagesProps);
  for (const reference of references) {
    const override = overridesVersion(reference, evaluation, { central, overrides });
    const managed = central && !override
      ? evaluation.versions.get(reference.name.toLowerCase())
      : undefined;
    if (central && reference.versionOverride !== undefined && !overrides) {
      warnings.push(
        `${path}: ${reference.name} has a VersionOverride (${reference.versionOverride}) while ` +
          "CentralPackageVersionOverrideEnabled is false, which NuGet refuses (NU1013); " +
          (override
            ? "no PackageVersion names it, so that VersionOverride is used"
            : "the central version is used"),
      );
    }
    if (
      central && reference.versionOverride === undefined && reference.version !== undefined &&
      !evaluation.globals.includes(reference)
    ) {
      warnings.push(
        `${path}: ${reference.name} has a Version (${reference.version}) on its PackageReference ` +
          "while its version is managed centrally, which NuGet refuses (NU1008); " +
          (managed === undefined
            ? "no PackageVersion names it, so that Version is used"
            : "the central version is used"),
      );
    }
    const buildOnly = assets(reference.privateAssets).includes("all") ||
      !flowsAtRunTime(reference);
    for (const written of declaredVersions(reference, evaluation, { central, overrides }, inner)) {
      const declaration: PackageDeclaration = {
        // A central version's name: one spelling for every project of the tree.
        name: managed?.name ?? reference.name,
        scope: isTest ? "dev" : buildOnly ? "build" : "runtime",
        source: reference.source,
        ...(reference.conditioned ? { conditioned: true as const } : {}),
      };
      // A Directory.Packages.props without central management on: restore reads no
      // PackageVersion, and a reference without a Version is the lowest version a source has
      // (NuGet's NU1604, "Missing Package Version").
      const unmanaged = !central && !evaluation.packagesProps && !reference.implicit &&
          !evaluation.uncertainProperties.has("managepackageversionscentrally") &&
          written === undefined
        ? evaluation.directoryPackagesProps
        : undefined;
      if (unmanaged !== undefined) {
        warnings.push(
          `${path}: ${reference.name} has no Version on its PackageReference, and central ` +
            "package management is off (ManagePackageVersionsCentrally is not true), so the " +
            `PackageVersion items of ${unmanaged} do not apply: NuGet restores the lowest ` +
            "version a source has (NU1604); the purl has no version",
        );
      } else if (written === undefined || written === "" || written.includes("$(")) {
        warnings.push(
          reference.implicit
            ? `${path}: ${reference.name}, which the F# SDK references implicitly, is at the ` +
              "version the SDK that builds it ships (FSharpCoreImplicitPackageVersion, which no " +
              'file of the tree sets; `<PackageReference Update="FSharp.Core" Version="…" />` ' +
              "pins it); the purl has no version"
            : `${path}: ${reference.name} has no version the tree defines; the purl has no version`,
        );
      } else Object.assign(declaration, splitNugetVersion(written));
      packages.push(declaration);
    }
  }
  if (!evaluation.references.has("netstandard.library") && netSdkProject(root)) {
    packages.push(...implicitNetStandard(evaluation, { path, isTest, warnings }));
  }
  const downloads = [
    ...[...evaluation.downloads.values()].flatMap((d) =>
      downloadDeclarations(d, { path, scope: isTest ? "dev" : "build", warnings })
    ),
    ...[...evaluation.tools.values()].flatMap((t) =>
      toolDeclarations(t, { path, scope: isTest ? "dev" : "build", warnings })
    ),
  ];
  const sdks = sdkPackages(
    evaluation.sdkReferences,
    nearest(posix.dirname(path), "global.json", options.load),
    warnings,
  ).map((sdk): PackageDeclaration => ({ ...sdk, scope: "build" }));
  const prefix = property("VersionPrefix");
  const suffix = property("VersionSuffix");
  // An SDK-style project without a version is 1.0.0 (the .NET SDK's default).
  const sdkDefault = root.attributes.Sdk === undefined ? undefined : "1.0.0";
  const version = property("PackageVersion") ?? property("Version") ??
    (prefix === undefined ? sdkDefault : suffix === undefined ? prefix : `${prefix}-${suffix}`);
  const lockPath = property("NuGetLockFilePath");
  if (lockPath !== undefined) {
    warnings.push(
      `${path}: its NuGetLockFilePath ${JSON.stringify(lockPath)} is not read (vouch reads ` +
        "packages.lock.json or packages.<project>.lock.json beside the project): its " +
        "declarations are read instead",
    );
  }
  const project: MsbuildProject = {
    path,
    name,
    isTest,
    packages,
    downloads,
    projectReferences: evaluation.projectReferences,
    warnings,
  };
  const restoreSources = restoreSourcesOf(evaluation, path, warnings);
  if (restoreSources !== undefined) project.restoreSources = restoreSources;
  const frameworks = evaluation.certainFrameworks();
  if (frameworks !== undefined) project.targetFrameworks = frameworks;
  if (sdks.length > 0) project.sdks = sdks;
  const conditioned = evaluation.projectReferences.filter((p) =>
    !evaluation.certainReferences.has(p)
  );
  if (conditioned.length > 0) project.conditionedReferences = conditioned;
  const buildReferences = evaluation.projectReferences.filter((p) =>
    !evaluation.runtimeReferences.has(p)
  );
  if (buildReferences.length > 0) project.buildReferences = buildReferences;
  if (evaluation.outsideReferences.length > 0) {
    project.outsideReferences = evaluation.outsideReferences;
  }
  // `dotnet pack` writes the package's version normalized (`1.0` is `1.0.0`), as the feed has it.
  if (version !== undefined && !version.includes("$(")) {
    project.version = normalizeNugetVersion(version);
  }
  // NuGet's pack targets default `PackageId` to the final `$(AssemblyName)`
  // (NuGet.Build.Tasks.Pack.targets), which the SDK defaults to the project name: a
  // `Directory.Build.props` that names assemblies `Company.$(MSBuildProjectName)` names packages so.
  const packageId = property("PackageId") ?? property("AssemblyName");
  if (packageId !== undefined && packageId !== name) project.packageId = packageId;
  const assemblyName = property("AssemblyName");
  if (assemblyName !== undefined && assemblyName !== name) project.assemblyName = assemblyName;
  return project;
}

/**
 * The sources a project's restore takes instead of its settings' (NuGet.targets hands
 * `RestoreSources` and `RestoreAdditionalProjectSources` to GetRestoreSettingsTask, whose
 * `RestoreSettingsUtils.GetValue` takes `RestoreSources` when set, none when it holds `Clear`,
 * else the enabled sources of the `nuget.config` files, and appends the additional ones). A value
 * vouch cannot know (under a Condition, from a property it does not know, the environment's
 * `$(FEED_URL)`) is a warning, and the settings' sources stand.
 */
function restoreSourcesOf(
  evaluation: Evaluation,
  path: string,
  warnings: string[],
): RestoreSources | undefined {
  const out: RestoreSources = {};
  for (
    const [name, key] of [["RestoreSources", "sources"], [
      "RestoreAdditionalProjectSources",
      "additional",
    ]] as const
  ) {
    const value = evaluation.properties.get(name.toLowerCase())?.trim() ?? "";
    if (evaluation.uncertainProperties.has(name.toLowerCase())) {
      warnings.push(
        `${path}: its ${name} is computed or set under a Condition, which vouch does not ` +
          "evaluate: the package sources are taken from the nuget.config files, and a purl may " +
          "name another source than restore used",
      );
      continue;
    }
    if (value === "") continue;
    const list = value.split(";").map((v) => v.trim()).filter((v) => v !== "");
    out[key] = key === "sources" && list.some((v) => v.toLowerCase() === "clear") ? [] : list;
  }
  return out.sources === undefined && out.additional === undefined ? undefined : out;
}

/**
 * A `PackageDownload`'s declarations, one per version. NuGet's restore takes only exact versions
 * (`[1.0.0]`) and refuses an item without one: a version it would refuse is a specifier, and a
 * warning says so.
 */
function downloadDeclarations(
  download: Download,
  options: { path: string; scope: Scope; warnings: string[] },
): PackageDeclaration[] {
  const { path, warnings } = options;
  const { name, source } = download;
  const declaration = (): PackageDeclaration => ({
    name,
    scope: options.scope,
    source,
    ...(download.conditioned ? { conditioned: true as const } : {}),
  });
  if (download.versions.length === 0) {
    warnings.push(
      `${path}: the PackageDownload ${name} has no Version, which NuGet's restore refuses; ` +
        "the purl has no version",
    );
    return [declaration()];
  }
  return download.versions.map((written) => {
    // `[$(Version)]` with the property undefined: `[]`.
    if (/^\[?\s*\]?$/.test(written) || written.includes("$(")) {
      warnings.push(
        `${path}: the PackageDownload ${name} has no version the tree defines; the purl has no version`,
      );
      return declaration();
    }
    const split = splitNugetVersion(written);
    if (split.version !== undefined && written.startsWith("[")) {
      return { ...declaration(), version: split.version };
    }
    warnings.push(
      `${path}: the PackageDownload ${name} has the version ${JSON.stringify(written)}, which ` +
        "NuGet's restore refuses (only exact versions, [1.0.0]); the purl has no version",
    );
    return { ...declaration(), specifier: written };
  });
}

/**
 * A `DotNetCliToolReference`'s declarations, one per version: its `Version` is the version range
 * of the tool project's one dependency (`GetRestoreDotnetCliToolsTask`), read as a
 * `PackageReference`'s (a plain `2.0.0` is the lowest version NuGet takes).
 */
function toolDeclarations(
  tool: Download,
  options: { path: string; scope: Scope; warnings: string[] },
): PackageDeclaration[] {
  const { path, warnings } = options;
  const declaration: PackageDeclaration = {
    name: tool.name,
    scope: options.scope,
    source: tool.source,
    ...(tool.conditioned ? { conditioned: true as const } : {}),
  };
  const versions = tool.versions.filter((v) => !v.includes("$("));
  if (versions.length < tool.versions.length || versions.length === 0) {
    warnings.push(
      `${path}: the DotNetCliToolReference ${tool.name} has no version the tree defines; ` +
        "the purl has no version",
    );
    if (versions.length === 0) return [declaration];
  }
  return versions.map((written) => ({ ...declaration, ...splitNugetVersion(written) }));
}

/** The asset types an `IncludeAssets`/`ExcludeAssets`/`PrivateAssets` value lists, lowercased. */
function assets(value: string | undefined): string[] {
  return (value ?? "").split(";").map((a) => a.trim().toLowerCase()).filter(Boolean);
}

/**
 * Whether a package reference puts the package's run-time files in the output: its
 * `IncludeAssets` (by default `all`) lists `runtime` or `native`, and its `ExcludeAssets` (by
 * default none) neither `runtime` nor `all`. `ExcludeAssets="runtime"` (a plug-in compiled against
 * its host's assemblies, a source generator) or `IncludeAssets="compile"` / `"build;analyzers"`
 * keep it out. (`ExcludeAssets="runtime"` leaves a package's native libraries in, but it is
 * written to keep a package out of the output, and few packages have any.)
 */
function flowsAtRunTime(reference: Reference): boolean {
  const included = reference.includeAssets === undefined
    ? ["all"]
    : assets(reference.includeAssets);
  const excluded = assets(reference.excludeAssets);
  return ["all", ...RUNTIME_ASSETS].some((a) => included.includes(a)) &&
    !["all", "runtime"].some((a) => excluded.includes(a));
}

/**
 * Whether packages a project uses make it a test project: one of them sets
 * `IsTestProject` in its build files, `Microsoft.NET.Test.Sdk` (also through MSTest's meta
 * package `MSTest`), an xUnit.net v3 package (`xunit.v3`, `xunit.v3.mtp-v2`, `xunit.v3.core` …) or TUnit's `TUnit` or
 * `TUnit.Engine` (by `PackageReference`, or installed through `packages.config`).
 *
 * @param packageIds The package ids (any case).
 * @returns `true` when such a package is among them.
 */
export function referencesTestSdk(packageIds: Iterable<string>): boolean {
  for (const id of packageIds) if (TEST_PACKAGE.test(id)) return true;
  return false;
}

/**
 * The project file a NuGet file beside it belongs to, evaluated: a
 * `packages.lock.json` or `packages.config`, or their
 * `packages.<project>.lock.json` / `packages.<project>.config` forms. NuGet
 * reads `packages.<project>.…` when the project has one, else the plain
 * file; so a named file belongs to `<project>.csproj` (`.fsproj`,
 * `.vbproj`), and a plain one to the project file of its folder, the tree's
 * root included, that has no named file of its own. Without `files` (no
 * listing), the project named after the folder (`App/App.csproj`) is looked
 * for. When several project files of the folder may use a plain file, none
 * is evaluated and a warning says so.
 *
 * @param path The NuGet file's path, relative to the tree's root.
 * @param options `load` reads files of the tree; `files` lists a folder's files.
 * @returns The project, when one is found; a warning, when it cannot be told.
 * @throws {VouchError} `inventory.msbuild.invalid` for a malformed project file.
 */
export function projectBeside(
  path: string,
  options: { load: Load; files?: Files; list?: Files },
): { project?: MsbuildProject; warning?: string } {
  const { load } = options;
  const match = NUGET_FILE.exec(posix.basename(path));
  if (match === null) return {};
  const [, named, kind] = match;
  const dir = posix.dirname(path);
  const at = (file: string): string => (dir === "." ? file : `${dir}/${file}`);
  const listed = options.files?.(dir);
  const evaluated = (file: string): { project?: MsbuildProject } => {
    const text = load(at(file));
    return text === undefined ? {} : {
      project: evaluateMsbuildProject(text, {
        path: at(file),
        load,
        files: options.files,
        list: options.list,
      }),
    };
  };
  const name = named ?? (listed === undefined && dir !== "." ? posix.basename(dir) : undefined);
  if (name !== undefined) {
    for (const extension of [...PROJECT_EXTENSIONS, ...BUILD_EXTENSIONS]) {
      const found = evaluated(`${name}${extension}`);
      if (found.project !== undefined) return found;
    }
    return {};
  }
  const ownersOf = (extensions: string[]): string[] =>
    (listed ?? []).filter((file) =>
      extensions.some((e) => file.endsWith(e)) &&
      !listed!.includes(`packages.${file.replace(/\.[^.]+$/, "")}.${kind}`)
    );
  // A `*.proj` (a traversal `dirs.proj`, which NuGet restores and gives a lock when the tree sets
  // RestorePackagesWithLockFile) owns it only when no other project file of the folder may: a
  // build script beside a project is no restore's.
  const projects = ownersOf(PROJECT_EXTENSIONS);
  const owners = projects.length > 0 ? projects : ownersOf(BUILD_EXTENSIONS);
  if (owners.length === 1) return evaluated(owners[0]);
  if (owners.length === 0) return {};
  return {
    warning: `${path}: the project files ${owners.join(", ")} beside it may all use it; ` +
      "vouch cannot tell whose it is, so no project's PrivateAssets or test-project scope applies " +
      `to it (name it packages.<project>.${kind} to say)`,
  };
}

/**
 * The project file named `name` (`<name>.csproj`, `.fsproj`, `.vbproj`, any
 * case: NuGet writes a lock's `Project` keys in lowercase) near `folder`: in
 * it or a folder above, in a folder of one of those, or in a folder named
 * `name` one level below (`src/<Name>/<Name>.csproj`, the usual layouts);
 * the nearest wins. Hidden folders are not looked in.
 *
 * @param name The project name, any case.
 * @param folder Where to look from (`.` for the root).
 * @param options `list` lists a folder's folders and `files` its files (`""` is the root).
 * @returns The file's path relative to the tree's root, when one is found.
 */
export function findProjectFile(
  name: string,
  folder: string,
  options: { list?: Files; files?: Files },
): string | undefined {
  const { list, files } = options;
  if (files === undefined) return undefined;
  const lower = name.toLowerCase();
  const join = (a: string, b: string): string => (a === "" ? b : `${a}/${b}`);
  const folders = (at: string): string[] => (list?.(at) ?? []).filter((f) => !f.startsWith("."));
  const fileIn = (at: string): string | undefined => {
    const file = files(at)?.find((f) =>
      PROJECT_EXTENSIONS.some((e) => f.toLowerCase() === `${lower}${e}`)
    );
    return file === undefined ? undefined : join(at, file);
  };
  const named = (at: string): string | undefined => {
    const match = folders(at).find((f) => f.toLowerCase() === lower);
    return match === undefined ? undefined : fileIn(join(at, match));
  };
  const parts = folder === "." ? [] : folder.split("/");
  for (let n = parts.length; n >= 0; n--) {
    const at = parts.slice(0, n).join("/");
    const found = fileIn(at) ?? named(at) ??
      folders(at).map((f) => fileIn(join(at, f)) ?? named(join(at, f))).find((p) =>
        p !== undefined
      );
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Whether the tree has a file at `path`, its folders' and its own name in any case when the
 * folders are listed (`list`: their folders, `files`: their files): Windows, where most of these
 * projects are built, finds `..\\lib\\lib.csproj` at `Lib/Lib.csproj`, so MSBuild builds it.
 */
function inTree(path: string, options: { load: Load; files?: Files; list?: Files }): boolean {
  if (options.load(path) !== undefined) return true;
  const { files, list } = options;
  if (files === undefined || list === undefined) return false;
  const same = (name: string) => (f: string): boolean => f.toLowerCase() === name.toLowerCase();
  const parts = path.split("/");
  let at = "";
  for (const folder of parts.slice(0, -1)) {
    const match = list(at)?.find(same(folder));
    if (match === undefined) return false;
    at = at === "" ? match : `${at}/${match}`;
  }
  return files(at)?.some(same(parts.at(-1)!)) ?? false;
}

/**
 * The projects a project references, directly or through others, by every
 * name NuGet may give them (file name, `PackageId`, `AssemblyName`;
 * lowercased). Projects whose file is not in the tree are left out.
 *
 * @param project The referencing project.
 * @param load Reads files of the tree.
 * @param options `files`: lists a folder's files (see {@linkcode evaluateMsbuildProject}).
 * @returns The referenced projects.
 * @throws {VouchError} `inventory.msbuild.invalid` for a malformed referenced project.
 */
export function referencedProjects(
  project: MsbuildProject,
  load: Load,
  options: { files?: Files; list?: Files } = {},
): Map<string, MsbuildProject> {
  const byName = new Map<string, MsbuildProject>();
  const seen = new Set([project.path]);
  const queue = [...project.projectReferences];
  for (let i = 0; i < queue.length; i++) {
    const path = queue[i];
    if (seen.has(path)) continue;
    seen.add(path);
    const text = load(path);
    if (text === undefined) continue;
    const found = evaluateMsbuildProject(text, {
      path,
      load,
      files: options.files,
      list: options.list,
    });
    for (const name of [found.name, found.packageId, found.assemblyName]) {
      if (name !== undefined && !byName.has(name.toLowerCase())) {
        byName.set(name.toLowerCase(), found);
      }
    }
    queue.push(...found.projectReferences);
  }
  return byName;
}

/**
 * The scope of a project's edge to a project it references: dev in a test project, build for a
 * reference whose assembly it does not reference (see `buildReferences`), else runtime.
 *
 * @param project The referencing project.
 * @param reference The referenced project's path, relative to the tree's root.
 * @returns The scope.
 */
export function projectReferenceScope(project: MsbuildProject, reference: string): Scope {
  if (project.isTest) return "dev";
  return project.buildReferences?.includes(reference) ? "build" : "runtime";
}

/**
 * A project as a member (the same record whichever reader forms it).
 *
 * @param project The evaluated project.
 * @returns The member.
 */
export function memberOfProject(project: MsbuildProject): Member {
  return projectMember(project.name, project.version, project.packageId);
}

/**
 * Reads an MSBuild project file (see the module notes). A project at the
 * tree's root is the root; any other is a member, which the root depends on.
 *
 * @param text The file's text.
 * @param options `path`: its path relative to the tree's root; `load`: reads
 *   `Directory.*` files and referenced projects; `files`: lists a folder's files, `list` its
 *   folders.
 * @returns Members, components, edges, the project (for a root project) and warnings.
 * @throws {VouchError} `inventory.msbuild.invalid` as {@linkcode evaluateMsbuildProject}.
 */
export function readMsbuildProject(
  text: string,
  options: { path: string; load: Load; files?: Files; list?: Files },
): ReaderResult {
  const project = evaluateMsbuildProject(text, options);
  if (buildsNoProject(project)) return readBuildProject(project, options);
  const out = new OutputBuilder();
  const isRoot = !project.path.includes("/");
  const member = memberOfProject(project);
  const self = isRoot ? ROOT_ID : out.member(member);
  if (!isRoot) out.edge(ROOT_ID, self, "runtime");
  const referenced = referencedProjects(project, options.load, options);
  const missing: string[] = [];
  for (const reference of project.projectReferences) {
    const name = posix.basename(reference).replace(/\.[^.]+$/, "");
    const found = referenced.get(name.toLowerCase());
    if (found === undefined && !inTree(reference, options)) missing.push(reference);
    const javascript = javascriptProjectOf(reference, options.load);
    if (javascript === ROOT_ID) continue;
    const id = out.member(
      javascript ?? (found === undefined ? projectMember(name) : memberOfProject(found)),
    );
    out.edge(self, id, projectReferenceScope(project, reference));
  }
  const sourceWarnings = addPackages(out, project, options, self);
  const result: ReaderResult = out.build();
  if (isRoot) {
    const root: Project = { name: project.packageId ?? project.name, purl: member.purl! };
    if (project.version !== undefined) root.version = project.version;
    result.project = root;
  }
  // MSBuild warns of a missing project (MSB9008) and builds without it; what it would bring is
  // unknown here.
  const absent = [...missing, ...project.outsideReferences ?? []];
  const warnings = absent.length === 0 ? [...project.warnings] : [
    ...project.warnings,
    `${project.path} references ${absent.join(", ")}, which the tree does not have (outside it, ` +
    "or a git submodule not checked out): what that project brings is not in the SBOM",
  ];
  warnings.push(...sourceWarnings);
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}

/**
 * The project a reference to a `*.esproj` builds: the npm project of the `package.json` beside it,
 * whose scripts Microsoft.VisualStudio.JavaScript.Sdk runs (`npm install` on restore, its build and
 * publish scripts; the esproj builds no .NET project of its own, see `readBuildProject`). An
 * ASP.NET Core SPA's server project references its client's esproj
 * (`ReferenceOutputAssembly="false"`) to build it and publish its output: that is a dependency on
 * the npm project, the member its readers give (`workspace:<folder>`, or the tree's root).
 * `undefined` for another reference, or an esproj with no `package.json` beside it.
 *
 * @param reference The referenced project file's path, relative to the tree's root.
 * @param load Reads a file of the tree.
 * @returns The npm project's member, `ROOT_ID` for the tree's root, or `undefined`.
 * @throws {VouchError} `inventory.package_json.invalid` for a malformed `package.json`.
 */
export function javascriptProjectOf(
  reference: string,
  load: Load,
): Member | typeof ROOT_ID | undefined {
  if (!reference.toLowerCase().endsWith(".esproj")) return undefined;
  const folder = posix.dirname(reference);
  const at = folder === "." ? "" : folder;
  const manifest = loadPackageJson(load, at === "" ? "package.json" : `${at}/package.json`);
  if (manifest === undefined) return undefined;
  return at === "" ? ROOT_ID : folderMember(at, manifest);
}

/**
 * Adds the packages a project references or downloads and the SDKs it names as direct components,
 * each with an edge from `from`, their purls naming the NuGet source each comes from.
 *
 * @param out The output to add them to.
 * @param project The evaluated project.
 * @param options `load`: reads files of the tree; `files`: lists a folder's files.
 * @param from The id the edges start from.
 * @param scope The scope of every component, in place of each package's own.
 * @returns The warnings of resolving their sources.
 */
function addPackages(
  out: OutputBuilder,
  project: MsbuildProject,
  options: { load: Load; files?: Files },
  from: string,
  scope?: Scope,
): Set<string> {
  const sources = nugetSources(
    posix.dirname(project.path),
    options.load,
    project.restoreSources,
    options.files,
  );
  const sourceWarnings = new Set<string>();
  for (const p of [...project.packages, ...project.downloads, ...project.sdks ?? []]) {
    const id = out.component({
      ...declaredNugetComponent(sources, p, sourceWarnings),
      scopes: [scope ?? p.scope],
    });
    out.edge(from, id, scope ?? p.scope);
  }
  return sourceWarnings;
}

/**
 * Whether a project is a `*.proj`, a `*.esproj` or a `*.pyproj`, which builds no project of the
 * tree (see {@linkcode readMsbuildProject}): a traversal `dirs.proj`, a build script, a JavaScript
 * project whose packages are its `package.json`'s, a Python project whose packages are pip's.
 *
 * @param project The evaluated project.
 * @returns `true` for a `*.proj`, a `*.esproj` or a `*.pyproj`.
 */
export function buildsNoProject(project: MsbuildProject): boolean {
  return BUILD_EXTENSIONS.some((e) => project.path.toLowerCase().endsWith(e));
}

/**
 * Reads a `*.proj`: a project that orders a build and builds no package of the tree (a
 * Microsoft.Build.Traversal `dirs.proj`, whose ProjectReferences reference no output assembly, or
 * a build script), a `*.esproj` (Visual Studio's JavaScript project: its SDK runs the npm
 * scripts of the `package.json` beside it, whose reader reads its packages) or a `*.pyproj`
 * (Visual Studio's Python project: pip installs its packages). NuGet restores it all the same
 * (the Traversal SDK's Traversal.props sets `RestoreProjectStyle` to `PackageReference`; PTVS's
 * targets import Microsoft.Common.targets), so the SDKs it names and the packages it
 * references or downloads are build components of the tree's root; it is no member, names no
 * project, and its ProjectReferences, the projects it builds, are no dependencies.
 *
 * @param project The evaluated project.
 * @param options `load`: reads files of the tree; `files`: lists a folder's files.
 * @returns Its components and warnings.
 */
function readBuildProject(
  project: MsbuildProject,
  options: { load: Load; files?: Files },
): ReaderResult {
  const out = new OutputBuilder();
  const sourceWarnings = addPackages(out, project, options, ROOT_ID, "build");
  const result: ReaderResult = { ...out.build(), buildsNoProject: true };
  const warnings = [...project.warnings, ...sourceWarnings];
  if (warnings.length > 0) result.warnings = warnings;
  return result;
}
