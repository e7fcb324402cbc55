import assert from "node:assert/strict";
import {
  evaluateMsbuildProject,
  projectBeside,
  readMsbuildProject,
  referencesTestSdk,
  splitNugetVersion,
} from "../../../src/inventory/dotnet/msbuild.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { cpuStopwatch, fixture, withTempDir } from "../../_util.ts";
import { assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { assertSbomsValid, treeContext, treeLoad, writeTree } from "../_tree.ts";
import { assertSbomRefusesEvery } from "../_reader_cases.ts";

const CPM = fixture("dotnet", "msbuild", "cpm");

function readIn(root: string, path: string): ReturnType<typeof readMsbuildProject> {
  const load = treeLoad(root);
  return readMsbuildProject(load(path)!, { path, load });
}

function summary(out: ReturnType<typeof readMsbuildProject>): string[] {
  return out.components.map((c) =>
    `${c.id} ${c.scopes.join(",")}${c.specifier ? ` ${c.specifier}` : ""}`
  );
}

// An evaluation is taken again only while every file and listing it asked for is the same: a
// changed Directory.Build.props, or a listing, is evaluated afresh; what a caller changes in the
// project it gets is not in the next one.
Deno.test("evaluateMsbuildProject: again only while what it read is the same", () => {
  const project = '<Project Sdk="Microsoft.NET.Sdk">\n' +
    '  <ItemGroup><PackageReference Include="A" Version="$(AVersion)" /></ItemGroup>\n' +
    "</Project>\n";
  const props = (version: string): string =>
    `<Project><PropertyGroup><AVersion>${version}</AVersion></PropertyGroup></Project>\n`;
  const files: Record<string, string> = { "Directory.Build.props": props("1.0.0") };
  const load = (path: string): string | undefined => files[path];
  const versions = (options: { files?: (folder: string) => string[] | undefined } = {}) => {
    const out = evaluateMsbuildProject(project, { path: "app/App.csproj", load, ...options });
    const got = out.packages.map((p) => `${p.name} ${p.version ?? "-"}`);
    out.packages.push({ name: "Mutated", scope: "runtime", source: "x" });
    return got;
  };
  assert.deepEqual(versions(), ["A 1.0.0"]);
  assert.deepEqual(versions(), ["A 1.0.0"], "the same again, not what the caller added");
  files["Directory.Build.props"] = props("2.0.0");
  assert.deepEqual(versions(), ["A 2.0.0"]);
  delete files["Directory.Build.props"];
  files["app/Directory.Build.props"] = props("3.0.0");
  assert.deepEqual(versions(), ["A 3.0.0"]);
  // A listing that names the props file in another case: found through it.
  const listed = (names: string[]) => (folder: string) => folder === "app" ? names : [];
  files["app/directory.build.props"] = files["app/Directory.Build.props"];
  delete files["app/Directory.Build.props"];
  for (let twice = 0; twice < 2; twice++) {
    assert.deepEqual(versions({ files: listed(["directory.build.props", "App.csproj"]) }), [
      "A 3.0.0",
    ]);
    assert.deepEqual(versions({ files: listed(["App.csproj"]) }), ["A -"], "not listed: none");
  }
});

Deno.test("readMsbuildProject: a project at the root with versions, ranges and properties", () => {
  const out = readIn(fixture("dotnet", "msbuild", "single"), "Single.fsproj");
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "Single",
    purl: "pkg:nuget/Single@0.3.0",
    version: "0.3.0",
  });
  assert.deepEqual(out.members, []);
  assert.deepEqual(summary(out), [
    "pkg:nuget/Argu runtime 6.*", // floating: a specifier
    "pkg:nuget/FSharp.Core@8.0.301 runtime",
    "pkg:nuget/Fantomas.Core@6.3.9 build", // [6.3.9] exact; PrivateAssets includes all
    "pkg:nuget/FluentValidation@4.0.0 runtime", // <Version>$(FluentVersion)</Version>
    "pkg:nuget/NoVersion runtime",
  ]);
  assert.ok(out.components.every((c) => c.direct && c.sources.join() === "Single.fsproj"));
  assert.equal(edgesFrom(out, ROOT_ID).length, 5);
  assert.deepEqual(out.warnings, [
    "Single.fsproj: NoVersion has no version the tree defines; the purl has no version",
  ]);
});

Deno.test("readMsbuildProject: central package management, Directory.Build.props, overrides, test projects", () => {
  const api = readIn(CPM, "src/Api/Api.csproj");
  assertWellFormed(api);
  assert.equal(api.project, undefined, "a project in a folder is a member");
  assert.deepEqual(api.members.map((m) => [m.id, m.name, m.version, m.purl]), [
    ["pkg:nuget/api", "Api", "2.1.0-beta.1", "pkg:nuget/Example.Api@2.1.0-beta.1"],
    ["pkg:nuget/core", "Core", "1.4.2", "pkg:nuget/Core@1.4.2"],
  ]);
  assert.deepEqual(summary(api), [
    "pkg:nuget/Microsoft.CodeAnalysis.NetAnalyzers@8.0.0 build", // Directory.Build.props
    "pkg:nuget/Nerdbank.GitVersioning@3.6.133 build", // GlobalPackageReference
    "pkg:nuget/Newtonsoft.Json@13.0.3 runtime", // the central spelling of newtonsoft.json
    "pkg:nuget/Polly runtime [8.4.0,9.0)",
    "pkg:nuget/Serilog@3.0.0 runtime", // VersionOverride [3.0.0]
    "pkg:nuget/Unmanaged.Package runtime",
  ]);
  assert.deepEqual(edgesFrom(api, ROOT_ID), ["pkg:nuget/api runtime"]);
  assert.ok(edgesFrom(api, "pkg:nuget/api").includes("pkg:nuget/core runtime"));
  assert.deepEqual(api.warnings, [
    "src/Api/Api.csproj: Unmanaged.Package has no version the tree defines; the purl has no version",
  ]);

  const core = evaluateMsbuildProject(
    Deno.readTextFileSync(`${CPM}/src/Core/Core.csproj`),
    { path: "src/Core/Core.csproj", load: treeLoad(CPM) },
  );
  assert.deepEqual(core.packages.map((p) => [p.name, p.version, p.scope, p.source]), [
    // Update in the project turns the analyzer from Directory.Build.props into a runtime one.
    ["Microsoft.CodeAnalysis.NetAnalyzers", "8.0.0", "runtime", "Directory.Build.props"],
    ["Dapper", "2.1.35", "runtime", "src/Core/Core.csproj"],
    ["System.ValueTuple", "4.5.0", "runtime", "src/Core/Core.csproj"], // net472 only: counted
    ["Nerdbank.GitVersioning", "3.6.133", "build", "Directory.Packages.props"],
  ], "Removed.Later is removed");
  // Counted whatever the target framework, and never silently.
  assert.deepEqual(core.warnings, [
    `src/Core/Core.csproj:16: <PackageReference> System.ValueTuple is under the Condition "'$(TargetFramework)' == 'net472'", which vouch does not evaluate: it counts for every target framework and configuration`,
  ]);

  const tests = readIn(CPM, "tests/Api.Tests/Api.Tests.csproj");
  assert.ok(tests.components.every((c) => c.scopes.join() === "dev"), "a test project");
  assert.deepEqual(edgesFrom(tests, "pkg:nuget/api.tests").filter((e) => !e.includes("@")), [
    "pkg:nuget/api dev",
  ]);
  assert.equal(tests.members.find((m) => m.id === "pkg:nuget/api")?.version, "2.1.0-beta.1");
});

Deno.test("readMsbuildProject: the scan of a central-managed tree gives valid SBOMs", async () => {
  const inventory = await readInventory(CPM);
  assert.deepEqual(inventory.sources, [
    "Directory.Build.props",
    "Directory.Packages.props",
    "src/Api/Api.csproj",
    "src/Core/Core.csproj",
    "tests/Api.Tests/Api.Tests.csproj",
  ]);
  assert.deepEqual(inventory.members.map((m) => m.name), ["Api", "Api.Tests", "Core"]);
  assert.equal(inventory.components.length, 10);
  await assertSbomsValid(inventory, "msbuild cpm");
});

Deno.test("a packages.lock.json beside the project resolves it: the lock's packages only", async () => {
  const inventory = await readInventory(fixture("dotnet", "msbuild", "covered"));
  assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:nuget/Newtonsoft.Json@13.0.3"]);
  assert.equal(inventory.project.name, "Covered");
  assert.deepEqual(inventory.declaredOnly, []);
  assert.deepEqual(inventory.warnings, []);
});

Deno.test("test projects: IsTestProject, the legacy test project type, a Microsoft.NET.Test.Sdk reference", () => {
  const project = (properties: string, items = ""): boolean =>
    evaluateMsbuildProject(
      `<Project><PropertyGroup>${properties}</PropertyGroup><ItemGroup>${items}</ItemGroup></Project>`,
      { path: "P/P.csproj", load: () => undefined },
    ).isTest;
  assert.equal(project("<IsTestProject>true</IsTestProject>"), true);
  assert.equal(
    project(
      "<ProjectTypeGuids>{3ac096d0-a1c2-e12c-1390-a8335801fdab};" +
        "{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}</ProjectTypeGuids>",
    ),
    true,
    "Visual Studio's test project type, in any case",
  );
  assert.equal(
    project("", '<PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.10.0" />'),
    true,
  );
  assert.equal(
    project("<ProjectTypeGuids>{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}</ProjectTypeGuids>"),
    false,
    "a plain C# project",
  );
  assert.equal(project("", '<PackageReference Include="xunit" Version="2.8.1" />'), false);
  assert.equal(
    project(
      "",
      "<PackageReference Condition=\"'$(IsTestProject)' == 'true'\" " +
        'Include="Microsoft.NET.Test.Sdk" Version="17.10.0" />',
    ),
    false,
    "a test SDK referenced only under a Condition vouch does not evaluate is no proof",
  );
  assert.equal(referencesTestSdk(["xunit", "microsoft.NET.test.sdk"]), true);
  assert.equal(referencesTestSdk(["Microsoft.NET.Test.Sdk.Extra"]), false);
});

// Found by the .NET sweep (Humanizr/Humanizer's tests/Humanizer.Tests): an xUnit.net v3 test project
// on Microsoft Testing Platform references xunit.v3.mtp-v2 and no Microsoft.NET.Test.Sdk; xunit.v3.core
// (which every xunit.v3 package brings) sets IsTestProject in its buildTransitive props. Its packages
// were runtime.
Deno.test("test projects: an xUnit.net v3 package, which sets IsTestProject itself", () => {
  const isTest = (id: string): boolean =>
    evaluateMsbuildProject(
      `<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="${id}" Version="3.2.2" />` +
        '<PackageReference Include="Verify.XunitV3" Version="31.13.2" /></ItemGroup></Project>',
      { path: "tests/T/T.csproj", load: () => undefined },
    ).isTest;
  for (const id of ["xunit.v3", "xunit.v3.mtp-v2", "xunit.v3.mtp-off", "XUnit.V3.Core"]) {
    assert.equal(isTest(id), true, id);
  }
  // A library of test helpers references the extensibility package, never the core.
  assert.equal(isTest("xunit.v3.extensibility.core"), false);
  assert.equal(isTest("xunit.v3.assert"), false);
});

// Checked against the packages' props (sweep21jvm3): a project referencing MSTest's meta package
// `MSTest` only (the template `dotnet new mstest` writes with MSTest.Sdk off) is a test project, as
// the meta package's nuspec depends on Microsoft.NET.Test.Sdk with no `exclude` and that package's
// build props set IsTestProject; its packages were runtime. NUnit3TestAdapter's and
// xunit.runner.visualstudio's props do not set IsTestProject.
Deno.test("test projects: MSTest's meta package brings the test SDK's IsTestProject", () => {
  const evaluated = (id: string) =>
    evaluateMsbuildProject(
      '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net8.0</TargetFramework>' +
        `</PropertyGroup><ItemGroup><PackageReference Include="${id}" Version="3.6.4" />` +
        '<PackageReference Include="Moq" Version="4.20.72" /></ItemGroup></Project>',
      { path: "tests/App.Tests/App.Tests.csproj", load: () => undefined },
    );
  for (const id of ["MSTest", "mstest"]) {
    const project = evaluated(id);
    assert.equal(project.isTest, true, id);
    assert.deepEqual(project.packages.map((p) => `${p.name} ${p.scope}`), [
      `${id} dev`,
      "Moq dev",
    ]);
  }
  for (
    const id of [
      "MSTest.TestFramework",
      "MSTest.TestAdapter",
      "NUnit3TestAdapter",
      "xunit.runner.visualstudio",
    ]
  ) assert.equal(evaluated(id).isTest, false, id);
});

// Found by the .NET sweep (AArnott/Library.Template's test/Library.Tests): a TUnit test project
// references TUnit.Engine and no Microsoft.NET.Test.Sdk or xUnit.net package; TUnit.Engine.props
// (and the TUnit meta package's TUnit.props) set IsTestProject for the project that references it.
// Its packages were runtime. TUnit.Engine's buildTransitive props are empty: a library that
// references TUnit.Core or TUnit.Assertions only is no test project.
Deno.test("test projects: TUnit or TUnit.Engine, which set IsTestProject themselves", () => {
  const evaluated = (id: string) =>
    evaluateMsbuildProject(
      '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFrameworks>net10.0</TargetFrameworks>' +
        `<OutputType>Exe</OutputType></PropertyGroup><ItemGroup><PackageReference Include="${id}" ` +
        'Version="1.5.0" /><PackageReference Include="xunit.v3.assert" Version="3.2.2" />' +
        "</ItemGroup></Project>",
      { path: "test/Library.Tests/Library.Tests.csproj", load: () => undefined },
    );
  for (const id of ["TUnit.Engine", "TUnit", "tunit.engine"]) {
    const project = evaluated(id);
    assert.equal(project.isTest, true, id);
    assert.deepEqual(project.packages.map((p) => `${p.name} ${p.scope}`), [
      `${id} dev`,
      "xunit.v3.assert dev",
    ]);
  }
  for (const id of ["TUnit.Core", "TUnit.Assertions"]) {
    assert.equal(evaluated(id).isTest, false, id);
  }
});

Deno.test("projectBeside: a named file's project, else the one project file of its folder", async () => {
  await withTempDir(async (dir) => {
    const project = (name: string): string =>
      `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><AssemblyName>${name}</AssemblyName>` +
      "</PropertyGroup></Project>";
    await writeTree(dir, {
      "Root.csproj": project("Root"),
      "packages.lock.json": "{}",
      "src/Api/Web.Api.csproj": project("Web.Api"), // not named after its folder
      "src/Api/packages.lock.json": "{}",
      "two/A.csproj": project("A"),
      "two/B.fsproj": project("B"),
      "two/packages.config": "<packages />",
      "two/packages.A.config": "<packages />", // A has its own: the plain file is B's
      "two/packages.lock.json": "{}", // both may use it
      "vb/Vb.vbproj": project("Vb"),
      "vb/packages.Vb.lock.json": "{}",
    });
    const context = treeContext(dir);
    const owner = (path: string): string | undefined => {
      const found = projectBeside(path, { load: context.load, files: context.files });
      return found.project?.path ?? found.warning;
    };
    assert.equal(owner("packages.lock.json"), "Root.csproj", "at the tree's root");
    assert.equal(owner("src/Api/packages.lock.json"), "src/Api/Web.Api.csproj");
    assert.equal(owner("two/packages.A.config"), "two/A.csproj");
    assert.equal(owner("two/packages.config"), "two/B.fsproj");
    assert.equal(owner("vb/packages.Vb.lock.json"), "vb/Vb.vbproj");
    assert.match(
      owner("two/packages.lock.json")!,
      /^two\/packages\.lock\.json: the project files A\.csproj, B\.fsproj beside it may all use it/,
    );
    // Without a listing: the project named after the folder, none at the root.
    const unlisted = (path: string): string | undefined =>
      projectBeside(path, { load: context.load }).project?.path;
    assert.equal(unlisted("packages.lock.json"), undefined);
    assert.equal(unlisted("src/Api/packages.lock.json"), undefined);
    assert.equal(unlisted("vb/packages.Vb.lock.json"), "vb/Vb.vbproj");
  });
});

Deno.test("splitNugetVersion: exact, minimum, ranges and floating versions", () => {
  assert.deepEqual(splitNugetVersion("1.2.3"), { version: "1.2.3" });
  assert.deepEqual(splitNugetVersion("[1.2.3]"), { version: "1.2.3" });
  assert.deepEqual(splitNugetVersion("[1.2.3, 1.2.3]"), { version: "1.2.3" });
  assert.deepEqual(splitNugetVersion("[1.0,2.0]"), { specifier: "[1.0,2.0]" });
  assert.deepEqual(splitNugetVersion("[1.0,2.0)"), { specifier: "[1.0,2.0)" });
  assert.deepEqual(splitNugetVersion("(,1.0]"), { specifier: "(,1.0]" });
  assert.deepEqual(splitNugetVersion("1.*"), { specifier: "1.*" });
  // NuGet's normalized form, as a lock and the feed write it.
  assert.deepEqual(splitNugetVersion("5.0"), { version: "5.0.0" });
  assert.deepEqual(splitNugetVersion("[5.0]"), { version: "5.0.0" });
  assert.deepEqual(splitNugetVersion("[5.0, 5.0.0]"), { version: "5.0.0" });
  assert.deepEqual(splitNugetVersion("13.0.1.0"), { version: "13.0.1" });
  assert.deepEqual(splitNugetVersion("1.00.0.1"), { version: "1.0.0.1" });
  assert.deepEqual(splitNugetVersion("3.01.0"), { version: "3.1.0" });
  assert.deepEqual(splitNugetVersion("2.1.28+build.5"), { version: "2.1.28" });
  assert.deepEqual(splitNugetVersion("4.0-Beta.01"), { version: "4.0.0-Beta.01" });
});

// Bad input in files (truncated, duplicate keys, wrong version, invalid UTF-8, …): the golden
// cases under fixtures/dotnet/msbuild/invalid/ (tests/inventory/golden_test.ts).
Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(["dotnet", "msbuild"], "inventory.msbuild.invalid");
  // truncated, wrong version, duplicate keys, invalid UTF-8
  // A project file has no format version to be wrong (ToolsVersion is ignored by MSBuild 15+).
  for (const name of ["truncated", "duplicate-attribute", "utf8"]) {
    assert.ok(cases.includes(name), name);
  }
});

// Shaped like multi-targeting libraries: one version per target framework, in ItemGroups whose
// Condition names the framework. Each is a version the project uses, not a replacement.
Deno.test("evaluateMsbuildProject: versions under framework conditions are all kept", () => {
  const files: Record<string, string> = {
    "Directory.Packages.props": `<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'net8.0'">
    <PackageVersion Include="Microsoft.Extensions.Logging.Abstractions" Version="8.0.0" />
    <PackageVersion Include="Polly" Version="7.2.4" />
  </ItemGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'net6.0'">
    <PackageVersion Include="Microsoft.Extensions.Logging.Abstractions" Version="6.0.4" />
  </ItemGroup>
  <ItemGroup>
    <PackageVersion Include="Polly" Version="8.2.0" />
  </ItemGroup>
</Project>`,
    "src/Lib/Lib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net6.0;net8.0;netstandard2.0</TargetFrameworks></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.Extensions.Logging.Abstractions" />
    <PackageReference Include="Polly" />
  </ItemGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'netstandard2.0'">
    <PackageReference Include="System.Text.Json" VersionOverride="6.0.0" />
  </ItemGroup>
</Project>`,
    "src/Old/Old.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFrameworks>net462;net8.0</TargetFrameworks>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'net462'">
    <PackageReference Include="System.Text.Json" Version="6.0.9" />
  </ItemGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'net8.0'">
    <PackageReference Include="System.Text.Json" Version="8.0.4" />
  </ItemGroup>
</Project>`,
  };
  const load = (p: string): string | undefined => files[p];
  const versions = (path: string): string[] =>
    evaluateMsbuildProject(files[path], { path, load }).packages.map((p) =>
      `${p.name}@${p.version}`
    );
  assert.deepEqual(versions("src/Lib/Lib.csproj"), [
    "Microsoft.Extensions.Logging.Abstractions@8.0.0",
    "Microsoft.Extensions.Logging.Abstractions@6.0.4",
    "Polly@8.2.0", // an unconditioned definition after the conditioned one replaces it
    "System.Text.Json@6.0.0",
    "NETStandard.Library@2.0.3", // the SDK's, for its netstandard2.0
  ]);
  assert.deepEqual(versions("src/Old/Old.csproj"), [
    "System.Text.Json@6.0.9",
    "System.Text.Json@8.0.4",
  ]);
});

// A PackageReference without a Version in a project that turns central package management off
// (or a Directory.Packages.props that never turns it on) was said to have "no version the tree
// defines", though Directory.Packages.props names one: NuGet reads no PackageVersion then, and a
// reference without a Version is the lowest version a source has (NU1604, "Missing Package
// Version"). The warning says so now.
Deno.test("evaluateMsbuildProject: without central package management, Directory.Packages.props' versions do not apply", () => {
  const files: Record<string, string> = {
    "Directory.Packages.props": `<Project>
  <ItemGroup><PackageVersion Include="Serilog" Version="4.0.0" /></ItemGroup>
</Project>`,
    "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Serilog" />
    <PackageReference Include="Polly" Version="$(PollyVersion)" />
  </ItemGroup>
</Project>`,
  };
  const path = "src/App/App.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version}`), [
    "Serilog@undefined",
    "Polly@undefined",
  ]);
  assert.deepEqual(project.warnings, [
    `${path}: Serilog has no Version on its PackageReference, and central package management is ` +
    "off (ManagePackageVersionsCentrally is not true), so the PackageVersion items of " +
    "Directory.Packages.props do not apply: NuGet restores the lowest version a source has " +
    "(NU1604); the purl has no version",
    // A Version written from a property the tree does not define is as before.
    `${path}: Polly has no version the tree defines; the purl has no version`,
  ]);
});

Deno.test("evaluateMsbuildProject: a version property defined per target framework gives each inner build's version", () => {
  const files: Record<string, string> = {
    "Directory.Packages.props": `<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <PropertyGroup Condition="'$(TargetFramework)' == 'net8.0'">
    <ExtensionsVersion>8.0.0</ExtensionsVersion>
  </PropertyGroup>
  <PropertyGroup Condition="'$(TargetFramework)' == 'net9.0'">
    <ExtensionsVersion>9.0.0</ExtensionsVersion>
  </PropertyGroup>
  <PropertyGroup>
    <PollyVersion>7.2.4</PollyVersion>
    <PollyVersion Condition="'$(TargetFramework)' == 'net9.0'">8.2.0</PollyVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Microsoft.Extensions.Logging" Version="$(ExtensionsVersion)" />
    <PackageVersion Include="Polly" Version="$(PollyVersion)" />
  </ItemGroup>
</Project>`,
    "src/Multi/Multi.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net8.0;net9.0</TargetFrameworks></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.Extensions.Logging" />
    <PackageReference Include="Polly" />
  </ItemGroup>
</Project>`,
    // One TargetFramework: no inner build; Directory.Packages.props is read before the project
    // sets it, so the property is undefined there, in MSBuild as here.
    "src/Single/Single.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Microsoft.Extensions.Logging" /></ItemGroup>
</Project>`,
  };
  const load = (p: string): string | undefined => files[p];
  const multi = evaluateMsbuildProject(files["src/Multi/Multi.csproj"], {
    path: "src/Multi/Multi.csproj",
    load,
  });
  assert.deepEqual(multi.packages.map((p) => `${p.name}@${p.version}`), [
    "Microsoft.Extensions.Logging@8.0.0",
    "Microsoft.Extensions.Logging@9.0.0",
    "Polly@7.2.4",
    "Polly@8.2.0",
  ]);
  assert.deepEqual(multi.warnings, []);
  const single = evaluateMsbuildProject(files["src/Single/Single.csproj"], {
    path: "src/Single/Single.csproj",
    load,
  });
  assert.deepEqual(single.packages.map((p) => p.version), [undefined]);
  assert.match(single.warnings.join("\n"), /Microsoft\.Extensions\.Logging has no version/);
});

// In a project of several target frameworks, `'$(TargetFramework)' != 'net472'` holds in the outer
// evaluation (no framework set), so an item under it replaced (Include or Update) or removed the
// package that an earlier `== 'net472'` item gave: net472's version was lost. NuGet restores the
// items of each inner build (NuGet.targets runs _GenerateProjectRestoreGraphPerFramework with
// TargetFramework set to each framework), where that Condition is false for net472.
Deno.test("evaluateMsbuildProject: a package's version per target framework survives a later != Condition", () => {
  const project = (items: string): string =>
    `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net472;net8.0</TargetFrameworks></PropertyGroup>
  ${items}
</Project>`;
  const files: Record<string, string> = {
    "Include/Include.csproj": project(`<ItemGroup Condition="'$(TargetFramework)' == 'net472'">
    <PackageReference Include="System.Text.Json" Version="6.0.9" />
  </ItemGroup>
  <ItemGroup Condition="'$(TargetFramework)' != 'net472'">
    <PackageReference Include="System.Text.Json" Version="8.0.4" />
  </ItemGroup>`),
    "Update/Update.csproj": project(`<ItemGroup>
    <PackageReference Include="System.Text.Json" Version="6.0.9" />
    <PackageReference Update="System.Text.Json" Version="8.0.4"
      Condition="'$(TargetFramework)' != 'net472'" />
  </ItemGroup>`),
    "Remove/Remove.csproj": project(`<ItemGroup>
    <PackageReference Include="System.Memory" Version="4.5.5" />
    <PackageReference Remove="System.Memory" Condition="'$(TargetFramework)' != 'net472'" />
  </ItemGroup>`),
  };
  const versions = (path: string): string[] =>
    evaluateMsbuildProject(files[path], { path, load: (p) => files[p] }).packages.map((p) =>
      `${p.name}@${p.version}`
    );
  assert.deepEqual(versions("Include/Include.csproj"), [
    "System.Text.Json@8.0.4",
    "System.Text.Json@6.0.9",
  ]);
  assert.deepEqual(versions("Update/Update.csproj"), [
    "System.Text.Json@8.0.4",
    "System.Text.Json@6.0.9",
  ]);
  assert.deepEqual(versions("Remove/Remove.csproj"), ["System.Memory@4.5.5"]);
});

// A release engineer's SBOM lists what some build of the project restores: an item under a
// Condition false in every build (a literal `false`, a target framework the project does not
// target) is in none; one on the configuration or a framework it targets may be, and counts.
Deno.test("evaluateMsbuildProject: an item under a Condition false in every build of the project does not count", () => {
  const files: Record<string, string> = {
    "src/Other/Other.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
    "src/Lib/Lib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net8.0;net6.0</TargetFrameworks></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
    <PackageReference Include="Disabled" Version="1.0.0" Condition="false" />
    <PackageReference Include="Net6.Only" Version="2.0.0" Condition="'$(TargetFramework)' == 'net6.0'" />
    <PackageReference Include="Debug.Only" Version="3.0.0" Condition="'$(Configuration)' == 'Debug'" />
    <PackageReference Include="Generated.Only" Version="1.0.0" Condition="Exists('obj/gen.props')" />
    <ProjectReference Include="../Other/Other.csproj" Condition=" 'true' == 'false' " />
  </ItemGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'net462'">
    <PackageReference Include="System.ValueTuple" Version="4.5.0" />
  </ItemGroup>
  <Choose>
    <When Condition=" '$(TargetFramework)' == 'netstandard2.0' ">
      <ItemGroup><PackageReference Include="Standard.Only" Version="1.0.0" /></ItemGroup>
    </When>
    <Otherwise>
      <ItemGroup><PackageReference Include="Not.Standard" Version="1.0.0" /></ItemGroup>
    </Otherwise>
  </Choose>
</Project>`,
    "src/One/One.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup Condition="'$(TargetFramework)' != 'net8.0'">
    <PackageReference Include="Not.Net8" Version="1.0.0" />
  </ItemGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'net8.0'">
    <PackageReference Include="Net8" Version="1.0.0" />
  </ItemGroup>
</Project>`,
    // A framework a build may add (on Windows): its items count, as may those of an import left out.
    "src/Win/Win.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFrameworks>net8.0</TargetFrameworks>
    <TargetFrameworks Condition="'$(OS)' == 'Windows_NT'">$(TargetFrameworks);net462</TargetFrameworks>
  </PropertyGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'net462'">
    <PackageReference Include="System.ValueTuple" Version="4.5.0" />
  </ItemGroup>
</Project>`,
    "src/Imp/Imp.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <Import Project="../ci.props" Condition="'$(CI)' == 'true'" />
  <ItemGroup Condition="'$(TargetFramework)' == 'net462'">
    <PackageReference Include="System.ValueTuple" Version="4.5.0" />
  </ItemGroup>
</Project>`,
    // An SDK's property (Arcade's `NetCurrent`) names a framework vouch cannot know.
    "src/Sdk/Sdk.csproj": `<Project Sdk="Microsoft.DotNet.Arcade.Sdk">
  <PropertyGroup><TargetFrameworks>$(NetCurrent);net462</TargetFrameworks></PropertyGroup>
  <ItemGroup Condition="'$(TargetFramework)' == 'net10.0'">
    <PackageReference Include="System.ValueTuple" Version="4.5.0" />
  </ItemGroup>
</Project>`,
  };
  const load = (p: string): string | undefined => files[p];
  for (const path of ["src/Win/Win.csproj", "src/Imp/Imp.csproj", "src/Sdk/Sdk.csproj"]) {
    const names = evaluateMsbuildProject(files[path], { path, load }).packages.map((p) => p.name);
    assert.deepEqual(names, ["System.ValueTuple"], path);
  }
  const lib = evaluateMsbuildProject(files["src/Lib/Lib.csproj"], {
    path: "src/Lib/Lib.csproj",
    load,
  });
  assert.deepEqual(lib.packages.map((p) => p.name), [
    "Newtonsoft.Json",
    "Net6.Only",
    "Debug.Only",
    "Generated.Only", // a file the build may write
    "Not.Standard", // the <Otherwise> of a <When> that never holds: taken, no warning
  ]);
  assert.deepEqual(lib.projectReferences, []);
  assert.deepEqual(lib.warnings?.length, 3, "Net6.Only, Debug.Only and Generated.Only are noted");
  const one = evaluateMsbuildProject(files["src/One/One.csproj"], {
    path: "src/One/One.csproj",
    load,
  });
  assert.deepEqual([one.packages.map((p) => p.name), one.warnings ?? []], [["Net8"], []]);
});

// Each Condition on $(TargetFramework) is tried for each framework: a hostile project naming
// thousands of both took minutes (2,000 of each: 8 s, 8,000: 2 min). Past 64 frameworks, no
// real project's, such a Condition is not told false: its item counts, noted, as before the rule.
Deno.test("evaluateMsbuildProject: thousands of target frameworks and Conditions on them are quick, and count", () => {
  const frameworks = Array.from({ length: 3000 }, (_, i) => `net${i}`).join(";");
  const items = Array.from(
    { length: 3000 },
    (_, i) =>
      `<PackageReference Include="P${i}" Version="1.0.0" Condition="'$(TargetFramework)' == 'x${i}'" />`,
  ).join("\n");
  const path = "App.csproj";
  const text = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>${frameworks}</TargetFrameworks></PropertyGroup>
  <ItemGroup>${items}</ItemGroup>
</Project>`;
  const elapsed = cpuStopwatch();
  const out = evaluateMsbuildProject(text, { path, load: () => undefined });
  assert.ok(elapsed() < 2_000, "too slow");
  assert.equal(out.packages.length, 3000);
  assert.equal(out.warnings?.length, 3000);
});

// Runs of spaces in a Condition: the literal regex (`^\s*(!)?\s*'?\s*(true|false)`) backtracked in
// cubic time over leading spaces (5,000 took 20 s), the `or`/`and` split and the comparison in
// quadratic time over any long run.
Deno.test("evaluateMsbuildProject: Conditions with long runs of spaces take linear time", () => {
  const spaces = " ".repeat(200_000);
  const conditions = [
    `${spaces}x`,
    `!${spaces}x`,
    `'$(TargetFramework)' == 'net8.0'${spaces}x`,
    `${spaces}'$(TargetFramework)' == 'net8.0'${spaces}or${spaces}true${spaces}`,
  ];
  const groups = conditions.map((c, i) =>
    `<ItemGroup Condition="${c}"><PackageReference Include="P${i}" Version="1.0.0" /></ItemGroup>`
  ).join("\n");
  const text = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net8.0;net9.0</TargetFrameworks></PropertyGroup>
  ${groups}
</Project>`;
  const elapsed = cpuStopwatch();
  const out = evaluateMsbuildProject(text, { path: "App.csproj", load: () => undefined });
  assert.ok(elapsed() < 2_000, "too slow");
  assert.deepEqual(out.packages.map((p) => [p.name, p.conditioned ?? false]), [
    ["P0", true],
    ["P1", true],
    ["P2", true],
    ["P3", false],
  ]);
});

// Each <Import> names its line in a note; the lines were counted from the top for each one
// (20,000 imports vouch cannot find, as the fuzzer repeated arcade's: 17 s).
Deno.test("evaluateMsbuildProject: 40,000 <Import>s are noted in linear time", () => {
  const imports = '  <Import Project="$(RepositoryEngineeringDir)Analyzers.props" />\n'.repeat(
    40_000,
  );
  const text = `<Project Sdk="Microsoft.NET.Sdk">\n${imports}  <ItemGroup>
    <PackageReference Include="A" Version="1.0.0" />
  </ItemGroup>
</Project>`;
  const elapsed = cpuStopwatch();
  const out = evaluateMsbuildProject(text, { path: "App.csproj", load: () => undefined });
  // 0.7 s; counting from the top took 11 s (2.7 s for 20,000: too close to a bar).
  assert.ok(elapsed() < 3_000, `${elapsed()} ms`);
  assert.deepEqual(out.packages.map((p) => p.name), ["A"]);
  assert.match(out.warnings?.at(-1) ?? "", /^App\.csproj:40001: the <Import> of /);
});

// Shaped like PowerShell (every project imports a common props file, which imports the
// analyzers) and like repositories whose nested Directory.*.props chain to the one above.
Deno.test("evaluateMsbuildProject: <Import> of files of the tree, where they stand", () => {
  const files: Record<string, string> = {
    "Analyzers.props": `<Project>
  <ItemGroup>
    <PackageReference Include="StyleCop.Analyzers" Version="1.2.0-beta.354" PrivateAssets="all" />
  </ItemGroup>
</Project>`,
    "Common.props": `<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <Import Project=".\\Analyzers.props" />
  <PropertyGroup><JsonVersion>13.0.3</JsonVersion></PropertyGroup>
</Project>`,
    "Directory.Build.props": `<Project>
  <PropertyGroup><RepoRoot>$(MSBuildThisFileDirectory)</RepoRoot></PropertyGroup>
</Project>`,
    "Directory.Packages.props": `<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageVersion Include="Polly" Version="8.4.1" /></ItemGroup>
</Project>`,
    "src/Directory.Build.props": `<Project>
  <Import Project="$([MSBuild]::GetDirectoryNameOfFileAbove($(MSBuildThisFileDirectory).., Directory.Build.props))\\Directory.Build.props"
          Condition="Exists('$(MSBuildThisFileDirectory)../Directory.Build.props')" />
</Project>`,
    "src/Directory.Packages.props": `<Project>
  <Import Project="$([MSBuild]::GetPathOfFileAbove('Directory.Packages.props', '$(MSBuildThisFileDirectory)../'))" />
  <ItemGroup><PackageVersion Include="Serilog" Version="4.0.1" /></ItemGroup>
</Project>`,
    "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="..\\..\\Common.props" />
  <Import Project="$(RepoRoot)eng\\Versions.props" />
  <Import Project="$(MSBuildToolsPath)\\Microsoft.CSharp.targets" />
  <Import Project="Sdk.targets" Sdk="Microsoft.NET.Sdk" />
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" VersionOverride="$(JsonVersion)" />
    <PackageReference Include="Polly" />
    <PackageReference Include="Serilog" />
  </ItemGroup>
</Project>`,
  };
  const load = (p: string): string | undefined => files[p];
  const path = "src/App/App.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load });
  assert.deepEqual(
    project.packages.map((p) => `${p.name}@${p.version} ${p.scope} ${p.source}`),
    [
      "StyleCop.Analyzers@1.2.0-beta.354 build Analyzers.props", // imported by the import, first
      "Newtonsoft.Json@13.0.3 runtime src/App/App.csproj", // a property of the imported file
      "Polly@8.4.1 runtime src/App/App.csproj", // the root's central version, through the chain
      "Serilog@4.0.1 runtime src/App/App.csproj",
    ],
  );
  assert.deepEqual(project.warnings, [
    'src/App/App.csproj:3: the <Import> of "$(RepoRoot)eng\\\\Versions.props" is not read: ' +
    "vouch cannot find that file in the tree; what it declares is missing here",
    "src/App/App.csproj: StyleCop.Analyzers has a Version (1.2.0-beta.354) on its " +
    "PackageReference while its version is managed centrally, which NuGet refuses (NU1008); " +
    "no PackageVersion names it, so that Version is used",
  ]);
});

// Shaped like AArnott/Validation's src/Directory.Build.targets: it chains to the file of its own
// name above with $(MSBuildThisFile), which vouch left undefined (the import was not read).
Deno.test("evaluateMsbuildProject: $(MSBuildThisFile) and its siblings name the file being read", () => {
  const files: Record<string, string> = {
    "Directory.Build.props": `<Project>
  <PropertyGroup><JsonVersion>13.0.3</JsonVersion></PropertyGroup>
</Project>`,
    "src/Directory.Build.props": `<Project>
  <Import Project="$([MSBuild]::GetPathOfFileAbove($(MSBuildThisFile), $(MSBuildThisFileDirectory)..))" />
  <PropertyGroup>
    <Kind>$(MSBuildThisFileName)|$(MSBuildThisFileExtension)|$(MSBuildThisFileFullPath)</Kind>
  </PropertyGroup>
</Project>`,
    "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="$(JsonVersion)" />
    <PackageReference Include="Polly" Version="8.4.1" Condition="'$(Kind)' == 'Directory.Build|.props|/src/Directory.Build.props'" />
    <PackageReference Include="Serilog" Version="4.0.1" Condition="'$(MSBuildThisFile)' == 'App.csproj'" />
  </ItemGroup>
</Project>`,
  };
  const path = "src/App/App.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version}`), [
    "Newtonsoft.Json@13.0.3",
    "Polly@8.4.1",
    "Serilog@4.0.1",
  ]);
  assert.deepEqual(project.warnings, []);
});

// Shaped like App-vNext/Polly's Directory.Build.targets: unquoted operands, as MSBuild takes them.
Deno.test("evaluateMsbuildProject: a Condition compares unquoted operands too ($(ProjectType) != '')", () => {
  const files: Record<string, string> = {
    "src/Lib/Lib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><ProjectType>Library</ProjectType><SignAssembly>true</SignAssembly></PropertyGroup>
  <PropertyGroup Condition="$(ProjectType) != ''"><JsonVersion>13.0.3</JsonVersion></PropertyGroup>
  <PropertyGroup Condition="$(SignAssembly) == true"><PollyVersion>8.4.1</PollyVersion></PropertyGroup>
  <PropertyGroup Condition="$(ProjectType) == Test"><PollyVersion>7.0.0</PollyVersion></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="$(JsonVersion)" />
    <PackageReference Include="Polly" Version="$(PollyVersion)" />
  </ItemGroup>
</Project>`,
  };
  const path = "src/Lib/Lib.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version}`), [
    "Newtonsoft.Json@13.0.3",
    "Polly@8.4.1",
  ]);
  assert.deepEqual(project.warnings, []);
});

// Shaped like ShareX: its Directory.build.props (lowercase b) sets every project's Version;
// Windows, where it is built, finds it by any case.
Deno.test("evaluateMsbuildProject: a Directory.*.props named in another case counts (with a listing)", () => {
  const files: Record<string, string> = {
    "Directory.build.props": `<Project>
  <PropertyGroup><Version>16.0.0</Version></PropertyGroup>
</Project>`,
    "directory.packages.props": `<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup><PackageVersion Include="ZXing.Net" Version="0.16.11" /></ItemGroup>
</Project>`,
    "ShareX.ScreenCaptureLib/ShareX.ScreenCaptureLib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup><PackageReference Include="ZXing.Net" /></ItemGroup>
</Project>`,
  };
  const load = (p: string): string | undefined => files[p];
  const list = (folder: string): string[] =>
    Object.keys(files).filter((p) =>
      (p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : ".") === folder
    )
      .map((p) => p.slice(p.lastIndexOf("/") + 1));
  const path = "ShareX.ScreenCaptureLib/ShareX.ScreenCaptureLib.csproj";
  const out = readMsbuildProject(files[path], { path, load, files: list });
  assert.deepEqual(out.members.map((m) => m.purl), ["pkg:nuget/ShareX.ScreenCaptureLib@16.0.0"]);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:nuget/ZXing.Net@0.16.11"]);
  // Without a listing only the exact names are found: the SDK's default version, no version.
  const exact = readMsbuildProject(files[path], { path, load });
  assert.deepEqual(exact.members.map((m) => m.purl), ["pkg:nuget/ShareX.ScreenCaptureLib@1.0.0"]);
});

Deno.test("evaluateMsbuildProject: a Version on a centrally managed PackageReference (NuGet's NU1008) is a warning; the central version is used", () => {
  const files: Record<string, string> = {
    "Directory.Packages.props": `<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Polly" Version="8.2.0" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>`,
    "App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Polly" Version="7.0.0" />
    <PackageReference Include="Serilog" Version="3.1.1" />
    <PackageReference Include="Humanizer" VersionOverride="2.14.1" />
  </ItemGroup>
</Project>`,
  };
  const path = "App/App.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version}`), [
    "Polly@8.2.0",
    "Serilog@3.1.1",
    "Humanizer@2.14.1",
    "Nerdbank.GitVersioning@3.6.133",
  ]);
  // NuGet refuses a Version there whether or not a PackageVersion names the package.
  assert.deepEqual(project.warnings, [
    "App/App.csproj: Polly has a Version (7.0.0) on its PackageReference while its version is " +
    "managed centrally, which NuGet refuses (NU1008); the central version is used",
    "App/App.csproj: Serilog has a Version (3.1.1) on its PackageReference while its version is " +
    "managed centrally, which NuGet refuses (NU1008); no PackageVersion names it, so that " +
    "Version is used",
  ]);
});

// NuGet's RestoreCommand (AreCentralVersionRequirementsSatisfiedAsync) logs NU1013 and fails the
// restore for each VersionOverride when CentralPackageVersionOverrideEnabled is false; the
// CentralPackageVersions SDK's Sdk.targets copies VersionOverride to Version only under
// `'$(EnablePackageVersionOverride)' != 'false'`.
Deno.test("evaluateMsbuildProject: a VersionOverride with CentralPackageVersionOverrideEnabled false (NuGet's NU1013) is a warning and the central version is used; with the SDK's EnablePackageVersionOverride false it is not read", () => {
  const files: Record<string, string> = {
    "Directory.Packages.props": `<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
    <CentralPackageVersionOverrideEnabled>false</CentralPackageVersionOverrideEnabled>
  </PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Polly" Version="8.2.0" />
  </ItemGroup>
</Project>`,
    "App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Polly" VersionOverride="7.2.4" />
    <PackageReference Include="Humanizer" VersionOverride="2.14.1" />
  </ItemGroup>
</Project>`,
    "Legacy/Directory.Packages.props": "<Project />",
    "Legacy/Packages.props": `<Project>
  <PropertyGroup><EnablePackageVersionOverride>false</EnablePackageVersionOverride></PropertyGroup>
  <ItemGroup><PackageReference Update="Autofac" Version="5.1.4" /></ItemGroup>
</Project>`,
    "Legacy/Lib/Lib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <Sdk Name="Microsoft.Build.CentralPackageVersions" Version="2.1.3" />
  <PropertyGroup><TargetFramework>netstandard2.1</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Autofac" VersionOverride="6.0.0" /></ItemGroup>
</Project>`,
  };
  const evaluate = (path: string): { packages: string[]; warnings: string[] } => {
    const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
    return {
      packages: project.packages.map((p) => `${p.name}@${p.version}`),
      warnings: project.warnings,
    };
  };
  assert.deepEqual(evaluate("App/App.csproj"), {
    packages: ["Polly@8.2.0", "Humanizer@2.14.1"],
    warnings: [
      "App/App.csproj: Polly has a VersionOverride (7.2.4) while " +
      "CentralPackageVersionOverrideEnabled is false, which NuGet refuses (NU1013); the central " +
      "version is used",
      "App/App.csproj: Humanizer has a VersionOverride (2.14.1) while " +
      "CentralPackageVersionOverrideEnabled is false, which NuGet refuses (NU1013); no " +
      "PackageVersion names it, so that VersionOverride is used",
    ],
  });
  assert.deepEqual(evaluate("Legacy/Lib/Lib.csproj"), {
    packages: ["Autofac@5.1.4"],
    warnings: [],
  });
  // The SDK's property is not NuGet's: under NuGet's central management the override wins.
  files["Directory.Packages.props"] = files["Directory.Packages.props"].replaceAll(
    "CentralPackageVersionOverrideEnabled",
    "EnablePackageVersionOverride",
  );
  assert.deepEqual(evaluate("App/App.csproj"), {
    packages: ["Polly@7.2.4", "Humanizer@2.14.1"],
    warnings: [],
  });
});

// Without central package management NuGet still reads a VersionOverride, silently: the
// GetRestorePackageReferencesTask copies it onto the restore item whatever the project, and
// MSBuildRestoreUtility.AddPackageReferences takes `versionOverrideRange ?? versionRange` for
// every project; AreCentralVersionRequirementsSatisfiedAsync (NU1008, NU1013, ...) returns true
// at once when CentralPackageVersionsEnabled is false, so CentralPackageVersionOverrideEnabled
// is not looked at either.
Deno.test("evaluateMsbuildProject: without central package management a VersionOverride wins over the Version, without a warning, as NuGet's restore takes it", () => {
  const files: Record<string, string> = {
    "App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <CentralPackageVersionOverrideEnabled>false</CentralPackageVersionOverrideEnabled>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="13.0.1" VersionOverride="13.0.3" />
    <PackageReference Include="Serilog" VersionOverride="3.1.1" />
  </ItemGroup>
</Project>`,
  };
  const path = "App/App.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version}`), [
    "Newtonsoft.Json@13.0.3",
    "Serilog@3.1.1",
  ]);
  assert.deepEqual(project.warnings, []);
});

Deno.test("evaluateMsbuildProject: a file imported twice is read once, as MSBuild ignores the second import; nesting beyond 16 levels is a warning", () => {
  // Each props file imports the next one twice: read naively, the last is read 2^8 times.
  const files: Record<string, string> = {
    "App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk"><Import Project="../p0.props" /></Project>`,
  };
  for (let i = 0; i < 8; i++) {
    const next = `<Import Project="p${i + 1}.props" />`;
    files[`p${i}.props`] = `<Project>${next}${next}</Project>`;
  }
  files["p8.props"] =
    `<Project><ItemGroup><PackageReference Include="X" Version="1.0.0" /></ItemGroup></Project>`;
  let loads = 0;
  const load = (p: string): string | undefined => {
    loads++;
    return files[p];
  };
  const path = "App/App.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version}`), ["X@1.0.0"]);
  assert.ok(loads < 40, `${loads} loads`);
  assert.deepEqual(project.warnings, []);
  // A chain deeper than 16 imports stops there, with a warning (never in silence).
  const deep: Record<string, string> = {
    "App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk"><Import Project="../q0.props" /></Project>`,
  };
  for (let i = 0; i < 20; i++) {
    deep[`q${i}.props`] = `<Project><Import Project="q${i + 1}.props" /></Project>`;
  }
  deep["q20.props"] = "<Project />";
  const stopped = evaluateMsbuildProject(deep[path], { path, load: (p) => deep[p] });
  assert.deepEqual(stopped.warnings, [
    'q14.props:1: the <Import> of "q15.props" is not read: imports nest more than 16 levels deep here',
  ]);
});

// Shaped like repositories that reference a shared analyzer or source-generator project from
// Directory.Build.props / Directory.Build.targets or an imported props file: those references were
// ignored (only the project's own ProjectReferences counted), so every member lost that edge.
// MSBuild resolves a relative item path against the project being evaluated, wherever the item is
// written; `$(MSBuildThisFileDirectory)` names the declaring file's folder.
Deno.test("evaluateMsbuildProject: ProjectReferences of Directory.Build.props/.targets and imported files apply to every project, paths relative to the project", async () => {
  const files: Record<string, string> = {
    "Directory.Build.props": `<Project>
  <ItemGroup>
    <ProjectReference Include="$(MSBuildThisFileDirectory)src/Generators/Generators.csproj"
                      OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
</Project>`,
    "Directory.Build.targets": `<Project>
  <ItemGroup>
    <ProjectReference Include="$(MSBuildThisFileDirectory)src\\Shared\\Shared.csproj" />
  </ItemGroup>
</Project>`,
    // A relative Include in an imported file: relative to the project, not to eng/.
    "eng/Common.props": `<Project>
  <ItemGroup>
    <ProjectReference Include="../Core/Core.csproj" />
    <ProjectReference Include="../../../../Outside/Outside.csproj" />
  </ItemGroup>
</Project>`,
    "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="../../eng/Common.props" />
  <ItemGroup><ProjectReference Include="$(MSBuildProjectDirectory)/../Lib/Lib.csproj" /></ItemGroup>
</Project>`,
    "src/Core/Core.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
    "src/Lib/Lib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup><ProjectReference Remove="$(MSBuildThisFileDirectory)..\\Generators\\Generators.csproj" /></ItemGroup>
</Project>`,
    "src/Generators/Generators.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
    "src/Shared/Shared.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
  };
  const load = (p: string): string | undefined => files[p];
  const references = (path: string): string[] =>
    evaluateMsbuildProject(files[path], { path, load }).projectReferences;
  assert.deepEqual(references("src/App/App.csproj"), [
    "src/Generators/Generators.csproj", // Directory.Build.props
    "src/Core/Core.csproj", // eng/Common.props, relative to src/App/ (never outside the tree)
    "src/Lib/Lib.csproj",
    "src/Shared/Shared.csproj", // Directory.Build.targets
  ]);
  // Lib removes the generator the props file added; a project is never its own reference.
  assert.deepEqual(references("src/Lib/Lib.csproj"), ["src/Shared/Shared.csproj"]);
  assert.deepEqual(references("src/Generators/Generators.csproj"), ["src/Shared/Shared.csproj"]);
  assert.deepEqual(references("src/Shared/Shared.csproj"), ["src/Generators/Generators.csproj"]);

  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const inventory = await readInventory(dir);
    const edges = (from: string): string[] =>
      inventory.edges.filter((e) => e.from === from).map((e) => e.to).toSorted();
    assert.deepEqual(edges("pkg:nuget/app"), [
      "pkg:nuget/core",
      "pkg:nuget/generators",
      "pkg:nuget/lib",
      "pkg:nuget/shared",
    ]);
    assert.deepEqual(edges("pkg:nuget/lib"), ["pkg:nuget/shared"]);
    await assertSbomsValid(inventory, "msbuild shared ProjectReferences");
  });
});

// Shaped like bitwarden/server's src/Api/Api.csproj (a <Choose> whose <When> adds the commercial
// projects unless OSS is defined) and like the cross-platform WinForms projects whose
// <Otherwise> adds the package the Windows target framework does not need. A <Choose> was
// skipped whole: the packages in its branches were lost without a word.
Deno.test("evaluateMsbuildProject: the items of a <Choose> count, the first branch that holds ends it", () => {
  const files: Record<string, string> = {
    "src/Core/Core.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
    "bitwarden_license/src/Commercial.Core/Commercial.Core.csproj":
      `<Project Sdk="Microsoft.NET.Sdk" />`,
    "src/Api/Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFrameworks>net8.0-windows;net8.0</TargetFrameworks>
    <Flavor>web</Flavor>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="..\\Core\\Core.csproj" />
  </ItemGroup>
  <Choose>
    <When Condition="!$(DefineConstants.Contains('OSS'))">
      <ItemGroup>
        <ProjectReference Include="..\\..\\bitwarden_license\\src\\Commercial.Core\\Commercial.Core.csproj" />
      </ItemGroup>
    </When>
  </Choose>
  <Choose>
    <When Condition="'$(TargetFramework)' == 'net8.0-windows'">
      <PropertyGroup>
        <UseWindowsForms>true</UseWindowsForms>
      </PropertyGroup>
    </When>
    <Otherwise>
      <ItemGroup>
        <PackageReference Include="Core.System.Windows.Forms" Version="1.0.0-alpha6" />
      </ItemGroup>
    </Otherwise>
  </Choose>
  <Choose>
    <When Condition="'$(Flavor)' == 'web'">
      <PropertyGroup><SwaggerVersion>8.1.2</SwaggerVersion></PropertyGroup>
      <ItemGroup>
        <PackageReference Include="Swashbuckle.AspNetCore" Version="$(SwaggerVersion)" />
      </ItemGroup>
    </When>
    <Otherwise>
      <ItemGroup>
        <PackageReference Include="Not.Taken" Version="1.0.0" />
      </ItemGroup>
    </Otherwise>
  </Choose>
</Project>`,
  };
  const load = (p: string): string | undefined => files[p];
  const api = evaluateMsbuildProject(files["src/Api/Api.csproj"], {
    path: "src/Api/Api.csproj",
    load,
  });
  assert.deepEqual(api.packages.map((p) => `${p.name}@${p.version}`), [
    "Core.System.Windows.Forms@1.0.0-alpha6", // the Otherwise of a When vouch cannot evaluate
    "Swashbuckle.AspNetCore@8.1.2", // the When that holds, with its own properties
  ]);
  assert.deepEqual(api.projectReferences, [
    "src/Core/Core.csproj",
    "bitwarden_license/src/Commercial.Core/Commercial.Core.csproj",
  ]);
  assert.deepEqual(api.warnings, [
    `src/Api/Api.csproj:24: <PackageReference> Core.System.Windows.Forms is under the <Otherwise> of the Condition "'$(TargetFramework)' == 'net8.0-windows'", which vouch does not evaluate: it counts for every target framework and configuration`,
  ]);
});

// Shaped like Aldaviva/Unfucked's DI/DI.csproj: a release build references the published package,
// a debug one (the .NET SDK's default Configuration) the project and an MSBuild task. An unset
// Configuration was read as empty, so the When held and the Otherwise was dropped without a word.
Deno.test("evaluateMsbuildProject: a <When> on Configuration, which the SDK sets, does not end its <Choose>", () => {
  const files: Record<string, string> = {
    "Unfucked/Unfucked.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
    "DI/DI.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFrameworks>netstandard2.0;net6.0;net8.0</TargetFrameworks>
    <Flavor>lib</Flavor>
  </PropertyGroup>
  <Choose>
    <When Condition="'$(Configuration)' != 'Debug'">
      <ItemGroup>
        <PackageReference Include="Unfucked" Version="0.0.1-beta.49" />
      </ItemGroup>
    </When>
    <Otherwise>
      <ItemGroup>
        <ProjectReference Include="..\\Unfucked\\Unfucked.csproj" />
        <PackageReference Include="ReSharper.ExportAnnotations.Task" Version="1.4.0" PrivateAssets="all" />
      </ItemGroup>
    </Otherwise>
  </Choose>
  <Choose>
    <When Condition="'$(Flavor)' != 'app'">
      <ItemGroup>
        <PackageReference Include="JetBrains.Annotations" Version="2025.2.4" PrivateAssets="all" />
      </ItemGroup>
    </When>
    <Otherwise>
      <ItemGroup>
        <PackageReference Include="Not.Taken" Version="1.0.0" />
      </ItemGroup>
    </Otherwise>
  </Choose>
</Project>`,
  };
  const di = evaluateMsbuildProject(files["DI/DI.csproj"], {
    path: "DI/DI.csproj",
    load: (p) => files[p],
  });
  assert.deepEqual(di.packages.map((p) => `${p.name}@${p.version} ${p.scope}`), [
    "Unfucked@0.0.1-beta.49 runtime",
    "ReSharper.ExportAnnotations.Task@1.4.0 build",
    "JetBrains.Annotations@2025.2.4 build", // a property the files set: the When holds
    "NETStandard.Library@2.0.3 build", // the SDK's, for its netstandard2.0
  ]);
  assert.deepEqual(di.projectReferences, ["Unfucked/Unfucked.csproj"]);
  assert.deepEqual(di.warnings, [
    `DI/DI.csproj:9: <PackageReference> Unfucked is under the Condition "'$(Configuration)' != 'Debug'", which vouch does not evaluate: it counts for every target framework and configuration`,
    `DI/DI.csproj:15: <PackageReference> ReSharper.ExportAnnotations.Task is under the <Otherwise> of the Condition "'$(Configuration)' != 'Debug'", which vouch does not evaluate: it counts for every target framework and configuration`,
  ]);
});

// Shaped like Aldaviva/Unfucked, whose Directory.Build.props names every assembly
// `Unfucked.$(MSBuildProjectName)`: `dotnet pack` names the package after the assembly
// (NuGet.Build.Tasks.Pack.targets defaults PackageId to $(AssemblyName)), so Caching/Caching.csproj
// is the package Unfucked.Caching, not Caching (another package on nuget.org).
Deno.test("readMsbuildProject: a member's package id defaults to its AssemblyName", () => {
  const files: Record<string, string> = {
    "Directory.Build.props": `<Project>
  <PropertyGroup>
    <AssemblyName>Unfucked.$(MSBuildProjectName)</AssemblyName>
    <UnfuckedCachingVersion>0.0.1-beta.6</UnfuckedCachingVersion>
  </PropertyGroup>
</Project>`,
    "Caching/Caching.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFrameworks>netstandard2.0;netstandard2.1</TargetFrameworks>
    <Version>$(UnfuckedCachingVersion)</Version>
  </PropertyGroup>
</Project>`,
    "STUN/STUN.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <Version>0.0.1-beta.3</Version>
    <PackageId>Unfucked.Stun</PackageId>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="..\\Caching\\Caching.csproj" />
  </ItemGroup>
</Project>`,
  };
  const load = (p: string): string | undefined => files[p];
  const out = readMsbuildProject(files["STUN/STUN.csproj"], { path: "STUN/STUN.csproj", load });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => [m.id, m.name, m.purl]), [
    ["pkg:nuget/caching", "Caching", "pkg:nuget/Unfucked.Caching@0.0.1-beta.6"],
    ["pkg:nuget/stun", "STUN", "pkg:nuget/Unfucked.Stun@0.0.1-beta.3"], // PackageId wins
  ]);
});

// Shaped like projects whose csproj lists its PackageReferences first and the version properties
// below them, and whose Directory.Build.targets sets the shared versions and switches: MSBuild
// evaluates every property (Directory.Build.targets included) before any item, so those items got
// no version and a warning, and an item Condition on a switch set later was warned about.
Deno.test("evaluateMsbuildProject: items see every property, those below them and Directory.Build.targets' too; properties only those above", () => {
  const files: Record<string, string> = {
    "Directory.Build.targets": `<Project>
  <PropertyGroup>
    <SourceLinkVersion>8.0.0</SourceLinkVersion>
    <EnableSourceLink Condition="'$(EnableSourceLink)' == ''">true</EnableSourceLink>
  </PropertyGroup>
  <ItemGroup Condition="'$(EnableSourceLink)' == 'true'">
    <PackageReference Include="Microsoft.SourceLink.GitHub" Version="$(SourceLinkVersion)" PrivateAssets="all" />
  </ItemGroup>
</Project>`,
    "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Serilog" Version="$(SerilogVersion)" />
    <PackageReference Include="Newtonsoft.Json" Version="$(JsonVersion)" />
  </ItemGroup>
  <ItemGroup Condition="'$(UseDapper)' == 'true'">
    <PackageReference Include="Dapper" Version="2.1.35" />
  </ItemGroup>
  <PropertyGroup Condition="'$(Flavor)' == 'full'">
    <JsonVersion>13.0.3</JsonVersion>
  </PropertyGroup>
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <SerilogVersion>3.1.1</SerilogVersion>
    <Flavor>full</Flavor>
    <UseDapper>true</UseDapper>
  </PropertyGroup>
</Project>`,
  };
  const path = "src/App/App.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version} ${p.scope}`), [
    "Serilog@3.1.1 runtime", // defined below the item
    "Newtonsoft.Json@undefined runtime", // its property's Condition saw Flavor unset, as MSBuild's
    "Dapper@2.1.35 runtime", // a Condition on a property defined below: it holds
    "Microsoft.SourceLink.GitHub@8.0.0 build", // Directory.Build.targets, after the project
  ]);
  assert.deepEqual(project.warnings, [
    "src/App/App.csproj: Newtonsoft.Json has no version the tree defines; the purl has no version",
  ]);
});

// Shaped like Jellyfin plugins (Jellyfin.Controller and Jellyfin.Model with
// <ExcludeAssets>runtime</ExcludeAssets>: the server loads its own copies), a source generator
// referenced with ExcludeAssets="runtime", and packages referenced for compile or build assets
// only: none of them puts a file in the output, yet they were runtime.
const PLUGIN: Record<string, string> = {
  "Directory.Build.targets": `<Project>
  <ItemGroup>
    <PackageReference Update="Jellyfin.Model" ExcludeAssets="runtime" />
  </ItemGroup>
</Project>`,
  "Jellyfin.Plugin.Example/Jellyfin.Plugin.Example.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Jellyfin.Controller" Version="10.9.11">
      <ExcludeAssets>runtime</ExcludeAssets>
    </PackageReference>
    <PackageReference Include="Jellyfin.Model" Version="10.9.11" />
    <PackageReference Include="Riok.Mapperly" Version="4.1.1" ExcludeAssets="runtime" />
    <PackageReference Include="JetBrains.Annotations" Version="2024.3.0" IncludeAssets="compile" />
    <PackageReference Include="Microsoft.SourceLink.GitHub" Version="8.0.0" IncludeAssets="build;analyzers" />
    <PackageReference Include="AngleSharp" Version="1.1.2" IncludeAssets="runtime; build; native; contentfiles; analyzers" />
    <PackageReference Include="SQLitePCLRaw.lib.e_sqlite3" Version="2.1.10" IncludeAssets="native" />
  </ItemGroup>
</Project>`,
};

Deno.test("evaluateMsbuildProject: a reference that takes no runtime or native assets is build", () => {
  const path = "Jellyfin.Plugin.Example/Jellyfin.Plugin.Example.csproj";
  const project = evaluateMsbuildProject(PLUGIN[path], { path, load: (p) => PLUGIN[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name} ${p.scope}`), [
    "Jellyfin.Controller build",
    "Jellyfin.Model build", // ExcludeAssets by an Update in Directory.Build.targets
    "Riok.Mapperly build",
    "JetBrains.Annotations build",
    "Microsoft.SourceLink.GitHub build",
    "AngleSharp runtime", // runtime among the included assets
    "SQLitePCLRaw.lib.e_sqlite3 runtime", // its native library reaches the output
  ]);
});

Deno.test("a packages.lock.json: a Direct package the project takes no runtime assets of is build, and what only it brings", async () => {
  const lock = {
    version: 1,
    dependencies: {
      "net8.0": {
        "AngleSharp": {
          type: "Direct",
          requested: "[1.1.2, )",
          resolved: "1.1.2",
          dependencies: { "System.Text.Encoding.CodePages": "8.0.0" },
        },
        "Jellyfin.Controller": {
          type: "Direct",
          requested: "[10.9.11, )",
          resolved: "10.9.11",
          dependencies: {
            "Jellyfin.Common": "10.9.11",
            "System.Text.Encoding.CodePages": "8.0.0",
          },
        },
        "Jellyfin.Model": { type: "Direct", requested: "[10.9.11, )", resolved: "10.9.11" },
        "JetBrains.Annotations": {
          type: "Direct",
          requested: "[2024.3.0, )",
          resolved: "2024.3.0",
        },
        "Microsoft.SourceLink.GitHub": {
          type: "Direct",
          requested: "[8.0.0, )",
          resolved: "8.0.0",
        },
        "Riok.Mapperly": { type: "Direct", requested: "[4.1.1, )", resolved: "4.1.1" },
        "SQLitePCLRaw.lib.e_sqlite3": {
          type: "Direct",
          requested: "[2.1.10, )",
          resolved: "2.1.10",
        },
        "Jellyfin.Common": { type: "Transitive", resolved: "10.9.11" },
        "System.Text.Encoding.CodePages": { type: "Transitive", resolved: "8.0.0" },
      },
    },
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      ...PLUGIN,
      "Jellyfin.Plugin.Example/packages.lock.json": JSON.stringify(lock, null, 2),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.name} ${c.scopes}`), [
      "AngleSharp runtime",
      "Jellyfin.Common build", // only through Jellyfin.Controller
      "Jellyfin.Controller build",
      "Jellyfin.Model build",
      "JetBrains.Annotations build",
      "Microsoft.SourceLink.GitHub build",
      "Riok.Mapperly build",
      "SQLitePCLRaw.lib.e_sqlite3 runtime",
      "System.Text.Encoding.CodePages build,runtime", // AngleSharp's too
    ]);
    await assertSbomsValid(inventory, "msbuild runtime assets");
  });
});

// Shaped like AvaloniaUI/Avalonia's build/Rx.props (`<PackageReference Include="System.Reactive"
// Version="5.0" />`), imported by a project without a lock, beside one whose lock resolved it.
Deno.test("a version written short (5.0) is NuGet's 5.0.0: one component with a lock's 5.0.0", async () => {
  const lock = {
    version: 1,
    dependencies: {
      "net6.0": {
        "System.Reactive": { type: "Direct", requested: "[5.0.0, )", resolved: "5.0.0" },
      },
    },
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "build/Rx.props":
        `<Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <ItemGroup>
    <PackageReference Include="System.Reactive" Version="5.0" />
  </ItemGroup>
</Project>`,
      "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net6.0</TargetFramework></PropertyGroup>
  <Import Project="..\\..\\build\\Rx.props" />
</Project>`,
      "src/App/packages.lock.json": JSON.stringify(lock, null, 2),
      "src/Lib/Lib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net6.0</TargetFramework></PropertyGroup>
  <Import Project="..\\..\\build\\Rx.props" />
  <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.1.0" /></ItemGroup>
</Project>`,
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:nuget/Newtonsoft.Json@13.0.1",
      "pkg:nuget/System.Reactive@5.0.0",
    ]);
    assert.deepEqual(inventory.components.map((c) => c.version), ["13.0.1", "5.0.0"]);
  });
});

// Shaped like libraries that ship a source generator built in the same solution
// (<ProjectReference … OutputItemType="Analyzer" ReferenceOutputAssembly="false" />), and a
// project built first only for its output to be copied (OutputItemType="Content"): the
// generator runs in the compiler and is no part of the output, yet its edge was runtime.
const GENERATOR: Record<string, string> = {
  "src/Core/Core.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
  "src/Generators/Generators.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><IsRoslynComponent>true</IsRoslynComponent></PropertyGroup>
</Project>`,
  "src/Worker/Worker.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
  "src/Helper/Helper.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
  "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <ProjectReference Include="..\\Core\\Core.csproj" />
    <ProjectReference Include="..\\Generators\\Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
    <ProjectReference Include="..\\Worker\\Worker.csproj">
      <ReferenceOutputAssembly>false</ReferenceOutputAssembly>
    </ProjectReference>
    <ProjectReference Include="..\\Helper\\Helper.csproj" ReferenceOutputAssembly="false"
                      OutputItemType="Content" CopyToOutputDirectory="PreserveNewest" />
  </ItemGroup>
</Project>`,
};

Deno.test("a ProjectReference whose assembly is not referenced (a source generator's) is a build edge", async () => {
  const path = "src/App/App.csproj";
  const out = readMsbuildProject(GENERATOR[path], { path, load: (p) => GENERATOR[p] });
  assert.deepEqual(edgesFrom(out, "pkg:nuget/app"), [
    "pkg:nuget/core runtime",
    "pkg:nuget/generators build",
    "pkg:nuget/helper runtime", // its output is copied into App's
    "pkg:nuget/worker build", // built first, nothing of it referenced
  ]);
  // With a lock beside App, whose Project entries the reader scopes the same way.
  const lock = {
    version: 1,
    dependencies: {
      "net8.0": Object.fromEntries(
        ["core", "generators", "helper", "worker"].map((p) => [p, { type: "Project" }]),
      ),
    },
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, { ...GENERATOR, "src/App/packages.lock.json": JSON.stringify(lock) });
    const inventory = await readInventory(dir);
    assert.deepEqual(
      inventory.edges.filter((e) => e.from === "pkg:nuget/app").map((e) => `${e.to} ${e.scope}`),
      [
        "pkg:nuget/core runtime",
        "pkg:nuget/generators build",
        "pkg:nuget/helper runtime",
        "pkg:nuget/worker build",
      ],
    );
  });
});

// Shaped like AArnott/Validation's Validation.csproj: an <ItemDefinitionGroup> makes every
// PackageReference of the project PrivateAssets="all" ("all our own package references are just
// for building"); MSBuild applies item definitions to every item of the type it includes, wherever
// it stands. They were runtime.
Deno.test("evaluateMsbuildProject: an ItemDefinitionGroup gives the PackageReferences it defines their metadata", () => {
  const files: Record<string, string> = {
    "Directory.Build.props": `<Project>
  <ItemGroup>
    <PackageReference Include="Microsoft.SourceLink.GitHub" Version="1.0.0" />
  </ItemGroup>
  <ItemDefinitionGroup>
    <PackageReference GeneratePathProperty="true" />
  </ItemDefinitionGroup>
</Project>`,
    "src/Validation/Validation.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFrameworks>netstandard1.0;netstandard2.1;net45</TargetFrameworks>
  </PropertyGroup>
  <ItemDefinitionGroup>
    <PackageReference>
      <PrivateAssets>all</PrivateAssets>
    </PackageReference>
  </ItemDefinitionGroup>
  <ItemDefinitionGroup Condition="'$(Flavor)' == 'app'">
    <PackageReference ExcludeAssets="all" />
  </ItemDefinitionGroup>
  <ItemGroup>
    <PackageReference Include="Nerdbank.GitVersioning" Version="2.2.3" />
    <PackageReference Include="System.Runtime.InteropServices" Version="4.3.0" PrivateAssets="none" />
  </ItemGroup>
  <ItemGroup>
    <PackageReference Update="Nerdbank.GitVersioning" Version="2.2.4" />
  </ItemGroup>
</Project>`,
  };
  const path = "src/Validation/Validation.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version} ${p.scope}`), [
    "Microsoft.SourceLink.GitHub@1.0.0 build", // in Directory.Build.props, above the definition
    "Nerdbank.GitVersioning@2.2.4 build", // an Update keeps what the definition gave
    "System.Runtime.InteropServices@4.3.0 runtime", // its own PrivateAssets wins
    "NETStandard.Library@1.6.1 runtime", // the SDK's, for its netstandard1.x
  ]);
});

// Shaped like a NUKE build project (a tool it runs, downloaded, not referenced) and a repository's
// Directory.Build.targets that downloads the runtime packs of two releases for its tests.
const DOWNLOADS: Record<string, string> = {
  "Directory.Build.targets": `<Project>
  <PropertyGroup><PackVersion>9.0.0</PackVersion></PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="Microsoft.NETCore.App.Runtime.linux-x64;Microsoft.AspNetCore.App.Runtime.linux-x64" Version="[8.0.11];[$(PackVersion)]" />
    <PackageDownload Remove="Microsoft.DotNet.ILCompiler" />
  </ItemGroup>
</Project>`,
  "build/_build.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Nuke.Common" Version="8.1.4" />
  </ItemGroup>
  <ItemGroup>
    <PackageDownload Include="GitVersion.Tool" Version="[5.12.0]" />
    <PackageDownload Update="GitVersion.Tool" Version="[6.3.0]" />
    <PackageDownload Include="dotnet-validate" Version="0.0.1-preview.304" />
    <PackageDownload Include="ReportGenerator" Version="[5.4.1, 5.4.1]" />
    <PackageDownload Include="Microsoft.AspNetCore.App.Runtime.linux-x64" Version="[9.0.0]" />
    <PackageDownload Include="Microsoft.DotNet.ILCompiler" Version="[9.0.0]" />
    <PackageDownload Include="NoVersion.Tool" />
    <PackageDownload Include="Undefined.Tool" Version="[$(UndefinedToolVersion)]" />
  </ItemGroup>
  <ItemGroup Condition="'$(OS)' == 'Windows_NT'">
    <PackageDownload Include="vswhere" Version="[3.1.7]" />
  </ItemGroup>
</Project>`,
};

Deno.test("evaluateMsbuildProject: a PackageDownload is a build component at each exact version it lists", () => {
  const path = "build/_build.csproj";
  const project = evaluateMsbuildProject(DOWNLOADS[path], { path, load: (p) => DOWNLOADS[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version} ${p.scope}`), [
    "Nuke.Common@8.1.4 runtime",
  ]);
  assert.deepEqual(
    project.downloads.map((p) =>
      `${p.name}@${p.version ?? p.specifier} ${p.scope} ${p.source}${p.conditioned ? " ?" : ""}`
    ),
    [
      "GitVersion.Tool@6.3.0 build build/_build.csproj", // the Update's version
      "dotnet-validate@0.0.1-preview.304 build build/_build.csproj", // not exact: refused
      "ReportGenerator@5.4.1 build build/_build.csproj", // [a, a] is exact
      // The project's, then Directory.Build.targets' version (each once).
      "Microsoft.AspNetCore.App.Runtime.linux-x64@9.0.0 build build/_build.csproj",
      "Microsoft.AspNetCore.App.Runtime.linux-x64@8.0.11 build build/_build.csproj",
      "NoVersion.Tool@undefined build build/_build.csproj",
      "Undefined.Tool@undefined build build/_build.csproj",
      "vswhere@3.1.7 build build/_build.csproj ?",
      "Microsoft.NETCore.App.Runtime.linux-x64@8.0.11 build Directory.Build.targets",
      "Microsoft.NETCore.App.Runtime.linux-x64@9.0.0 build Directory.Build.targets",
    ],
    "Directory.Build.targets removes the ILCompiler download",
  );
  assert.deepEqual(project.warnings, [
    `build/_build.csproj:17: <PackageDownload> vswhere is under the Condition "'$(OS)' == 'Windows_NT'", which vouch does not evaluate: it counts for every target framework and configuration`,
    `build/_build.csproj: the PackageDownload dotnet-validate has the version "0.0.1-preview.304", which NuGet's restore refuses (only exact versions, [1.0.0]); the purl has no version`,
    "build/_build.csproj: the PackageDownload NoVersion.Tool has no Version, which NuGet's restore refuses; the purl has no version",
    "build/_build.csproj: the PackageDownload Undefined.Tool has no version the tree defines; the purl has no version",
  ]);

  const out = readMsbuildProject(DOWNLOADS[path], { path, load: (p) => DOWNLOADS[p] });
  assertWellFormed(out);
  assert.ok(summary(out).includes("pkg:nuget/GitVersion.Tool@6.3.0 build"));
  assert.ok(edgesFrom(out, "pkg:nuget/_build").includes("pkg:nuget/GitVersion.Tool@6.3.0 build"));
});

// RickStrahl/AlbumViewerVNext's web project of .NET Core 2.0 ran `dotnet watch` through a
// DotNetCliToolReference; the EF Core tools of that time were one too, their version as metadata.
Deno.test("evaluateMsbuildProject: a DotNetCliToolReference is a build component at its version", () => {
  const files: Record<string, string> = {
    "src/AlbumViewerNetCore/AlbumViewerNetCore.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>netcoreapp2.0</TargetFramework>
  </PropertyGroup>
	<ItemGroup>
		<PackageReference Include="Microsoft.AspNetCore.All" Version="2.0.0" />
		<PackageReference Include="Serilog.Extensions.Logging" Version="2.0.2" />
	</ItemGroup>
  <ItemGroup>
    <DotNetCliToolReference Include="Microsoft.DotNet.Watcher.Tools" Version="2.0.0" />
    <DotNetCliToolReference Include="Microsoft.EntityFrameworkCore.Tools.DotNet">
      <Version>2.0.0-*</Version>
    </DotNetCliToolReference>
    <DotNetCliToolReference Include="BundlerMinifier.Core" Version="$(BundlerVersion)" />
    <DotNetCliToolReference Include="Removed.Tool" Version="1.0.0" />
    <DotNetCliToolReference Remove="Removed.Tool" />
  </ItemGroup>
</Project>`,
  };
  const path = "src/AlbumViewerNetCore/AlbumViewerNetCore.csproj";
  const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version} ${p.scope}`), [
    "Microsoft.AspNetCore.All@2.0.0 runtime",
    "Serilog.Extensions.Logging@2.0.2 runtime",
  ]);
  assert.deepEqual(
    project.downloads.map((p) => `${p.name}@${p.version ?? p.specifier} ${p.scope}`),
    [
      "Microsoft.DotNet.Watcher.Tools@2.0.0 build", // the lowest version NuGet takes
      "Microsoft.EntityFrameworkCore.Tools.DotNet@2.0.0-* build", // floating: a specifier
      "BundlerMinifier.Core@undefined build",
    ],
  );
  assert.deepEqual(project.warnings, [
    `${path}: the DotNetCliToolReference BundlerMinifier.Core has no version the tree defines; the purl has no version`,
  ]);
  const out = readMsbuildProject(files[path], { path, load: (p) => files[p] });
  assertWellFormed(out);
  assert.ok(
    edgesFrom(out, "pkg:nuget/albumviewernetcore").includes(
      "pkg:nuget/Microsoft.DotNet.Watcher.Tools@2.0.0 build",
    ),
  );
});

// MSBuild's metadata names are case-insensitive; project files written by hand (or from a
// packages.config's `version=`) spell them in lowercase, as this real PackageDownload does.
// Conditions asked with MSBuild's framework functions were not evaluated: a version property
// set under `IsTargetFrameworkCompatible` was lost (no version in the purl), and a package under
// `'$(TargetFrameworkIdentifier)' == '.NETFramework'` in a project of .NET 8 and 9 counted.
Deno.test("evaluateMsbuildProject: Conditions on the target framework's functions and inferred properties", () => {
  const files: Record<string, string> = {
    "Lib/Lib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>netstandard2.0;net8.0</TargetFrameworks></PropertyGroup>
  <PropertyGroup Condition="$([MSBuild]::IsTargetFrameworkCompatible('$(TargetFramework)', 'net8.0'))">
    <JsonVersion>8.0.5</JsonVersion>
  </PropertyGroup>
  <PropertyGroup Condition="!$([MSBuild]::IsTargetFrameworkCompatible('$(TargetFramework)', 'net8.0'))">
    <JsonVersion>6.0.10</JsonVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="System.Text.Json" Version="$(JsonVersion)" />
  </ItemGroup>
  <ItemGroup Condition="'$(TargetFrameworkIdentifier)' == '.NETStandard'">
    <PackageReference Include="Microsoft.Bcl.AsyncInterfaces" Version="8.0.0" />
  </ItemGroup>
</Project>`,
    "App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net8.0;net9.0</TargetFrameworks></PropertyGroup>
  <ItemGroup Condition="'$(TargetFrameworkIdentifier)' == '.NETFramework'">
    <PackageReference Include="System.ValueTuple" Version="4.5.0" />
  </ItemGroup>
  <ItemGroup Condition="$(TargetFramework.StartsWith('net4'))">
    <PackageReference Include="Microsoft.NETFramework.ReferenceAssemblies" Version="1.0.3" />
  </ItemGroup>
  <ItemGroup Condition="$([MSBuild]::IsTargetFrameworkCompatible('$(TargetFramework)', 'netstandard2.1'))">
    <PackageReference Include="Everywhere" Version="1.0.0" />
  </ItemGroup>
  <ItemGroup Condition="$([MSBuild]::VersionGreaterThanOrEquals('$(TargetFrameworkVersion)', '9.0'))">
    <PackageReference Include="OnlyNine" Version="1.0.0" />
  </ItemGroup>
</Project>`,
  };
  const load = (p: string): string | undefined => files[p];
  const evaluated = (path: string): { packages: string[]; warnings: string[] } => {
    const project = evaluateMsbuildProject(files[path], { path, load });
    return {
      packages: project.packages.map((p) => `${p.name}@${p.version}`),
      warnings: project.warnings.map((w) => w.replace(/ is under .*/, "")),
    };
  };
  assert.deepEqual(evaluated("Lib/Lib.csproj"), {
    packages: [
      "System.Text.Json@6.0.10",
      "System.Text.Json@8.0.5",
      "Microsoft.Bcl.AsyncInterfaces@8.0.0",
      "NETStandard.Library@2.0.3", // the SDK's, for its netstandard2.0
    ],
    // netstandard2.0's build has it, net8.0's not: it counts, noted.
    warnings: ["Lib/Lib.csproj:13: <PackageReference> Microsoft.Bcl.AsyncInterfaces"],
  });
  assert.deepEqual(evaluated("App/App.csproj"), {
    packages: ["Everywhere@1.0.0", "OnlyNine@1.0.0"],
    warnings: ["App/App.csproj:13: <PackageReference> OnlyNine"],
  });
});

// The SDK infers TargetFrameworkIdentifier and the platform's properties in its targets, after the
// project file, and only of the frameworks vouch knows some: a Condition on one vouch cannot tell
// (a Xamarin framework's identifier, a workload's default platform version, the project file's
// own <When>, which sees them empty) was told false in every build, and its packages dropped.
Deno.test("evaluateMsbuildProject: a Condition on an inferred property vouch cannot tell drops nothing", () => {
  const files: Record<string, string> = {
    "Xamarin/Xamarin.csproj": `<Project Sdk="MSBuild.Sdk.Extras">
  <PropertyGroup><TargetFrameworks>netstandard2.0;monoandroid90;xamarinios10</TargetFrameworks></PropertyGroup>
  <ItemGroup Condition="'$(TargetFrameworkIdentifier)' == 'MonoAndroid'">
    <PackageReference Include="Xamarin.Android.Support.v4" Version="28.0.0.3" />
  </ItemGroup>
</Project>`,
    "Mobile/Mobile.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net8.0-android;net8.0-ios</TargetFrameworks></PropertyGroup>
  <ItemGroup Condition="'$(TargetPlatformVersion)' != ''">
    <PackageReference Include="Versioned" Version="1.0.0" />
  </ItemGroup>
</Project>`,
    "Desktop/Desktop.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0-windows10.0.19041.0</TargetFramework></PropertyGroup>
  <ItemGroup Condition="$(TargetPlatformIdentifier.StartsWith('Windows'))">
    <PackageReference Include="Microsoft.WindowsAppSDK" Version="1.5.240311000" />
  </ItemGroup>
  <ItemGroup Condition="'$(TargetPlatformVersion)' == '10.0.19041.0'">
    <PackageReference Include="CommunityToolkit.WinUI" Version="7.1.2" />
  </ItemGroup>
</Project>`,
    "Legacy/Legacy.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net472</TargetFramework></PropertyGroup>
  <Choose>
    <When Condition="'$(TargetFrameworkIdentifier)' != '.NETFramework'">
      <ItemGroup><PackageReference Include="System.Memory" Version="4.5.5" /></ItemGroup>
    </When>
  </Choose>
</Project>`,
  };
  const load = (p: string): string | undefined => files[p];
  const packages = (path: string): string[] =>
    evaluateMsbuildProject(files[path], { path, load }).packages.map((p) =>
      `${p.name}@${p.version}`
    );
  assert.deepEqual(packages("Xamarin/Xamarin.csproj"), ["Xamarin.Android.Support.v4@28.0.0.3"]);
  assert.deepEqual(packages("Mobile/Mobile.csproj"), ["Versioned@1.0.0"]);
  assert.deepEqual(packages("Desktop/Desktop.csproj"), [
    "Microsoft.WindowsAppSDK@1.5.240311000",
    "CommunityToolkit.WinUI@7.1.2",
  ]);
  // MSBuild chooses the <When> before the SDK's targets set TargetFrameworkIdentifier: '' != ….
  assert.deepEqual(packages("Legacy/Legacy.csproj"), ["System.Memory@4.5.5"]);
});

Deno.test("evaluateMsbuildProject: metadata elements under Conditions: the last that holds, each inner build's own", () => {
  const path = "App.csproj";
  const text = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFrameworks>net6.0;net8.0</TargetFrameworks></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.Extensions.Logging">
      <Version Condition="'$(TargetFramework)' == 'net6.0'">6.0.0</Version>
      <Version Condition="'$(TargetFramework)' == 'net8.0'">8.0.0</Version>
    </PackageReference>
    <PackageReference Include="Roslynator.Analyzers" Version="4.12.0">
      <PrivateAssets Condition="'$(Configuration)' == 'Debug'">none</PrivateAssets>
      <PrivateAssets>all</PrivateAssets>
    </PackageReference>
    <PackageReference Include="Polly" Version="8.2.0">
      <PrivateAssets Condition="false">all</PrivateAssets>
    </PackageReference>
  </ItemGroup>
</Project>`;
  const project = evaluateMsbuildProject(text, { path, load: () => undefined });
  assert.deepEqual(project.packages.map((p) => `${p.name}@${p.version} ${p.scope}`), [
    "Microsoft.Extensions.Logging@8.0.0 runtime",
    "Microsoft.Extensions.Logging@6.0.0 runtime",
    "Roslynator.Analyzers@4.12.0 build",
    "Polly@8.2.0 runtime",
  ]);
});

Deno.test("evaluateMsbuildProject: item metadata is named in any case (version=, <privateassets>)", () => {
  const path = "Native/Native.csproj";
  const files: Record<string, string> = {
    [path]: `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <PackageNameBase>Microsoft.VCRTForwarders</PackageNameBase>
    <Platform>x64</Platform>
    <PackageVersion>1.0.6</PackageVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$(PackageNameBase).$(Platform)" version="[$(PackageVersion)]" />
    <PackageReference Include="Newtonsoft.Json" version="13.0.3" />
    <PackageReference Include="StyleCop.Analyzers">
      <version>1.1.118</version>
      <privateAssets>all</privateAssets>
    </PackageReference>
  </ItemGroup>
</Project>`,
  };
  const project = evaluateMsbuildProject(files[path], { path, load: (p) => files[p] });
  assert.deepEqual(
    [...project.packages, ...project.downloads].map((p) => `${p.name}@${p.version} ${p.scope}`),
    [
      "Newtonsoft.Json@13.0.3 runtime",
      "StyleCop.Analyzers@1.1.118 build",
      "Microsoft.VCRTForwarders.x64@1.0.6 build",
    ],
  );
  assert.deepEqual(project.warnings, []);
});

// Shaped like Aldaviva's projects and many others: a project's own `<Version>1.0</Version>` (or
// `1.2.0.0`, or a VersionPrefix `2.1` with a suffix) is the package `dotnet pack` writes as
// `1.0.0`, NuGet's normalized form, which a feed and a lock have; the root's purl kept `@1.0`.
Deno.test("evaluateMsbuildProject: the project's own version is NuGet's normalized form", () => {
  const version = (properties: string): string | undefined => {
    const path = "App/App.csproj";
    const text =
      `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>${properties}</PropertyGroup></Project>`;
    return evaluateMsbuildProject(text, { path, load: () => undefined }).version;
  };
  assert.equal(version("<Version>1.0</Version>"), "1.0.0");
  assert.equal(version("<Version>1.2.0.0</Version>"), "1.2.0");
  assert.equal(version("<PackageVersion>01.2.3.4</PackageVersion>"), "1.2.3.4");
  assert.equal(
    version("<VersionPrefix>2.1</VersionPrefix><VersionSuffix>beta.1</VersionSuffix>"),
    "2.1.0-beta.1",
  );
  assert.equal(version(""), "1.0.0", "the SDK's default");
});

// Shaped like dotnet/extensions and dotnet/efcore: Directory.Build.props imports the Arcade SDK,
// whose Sdk.props imports the repository's eng/Versions.props (the folder of global.json's
// eng/), so every `$(…Version)` of Directory.Packages.props, and `$(RepositoryEngineeringDir)`,
// is defined; the versions were missing, each warned about.
Deno.test("evaluateMsbuildProject: the Arcade SDK imports eng/Versions.props of the repository's root", () => {
  const arcade = fixture("dotnet", "msbuild", "arcade");
  const versions = (path: string): string[] => {
    const load = treeLoad(arcade);
    const project = evaluateMsbuildProject(load(path)!, { path, load });
    assert.deepEqual(project.warnings, [], path);
    return [project.version!, ...project.packages.map((p) => `${p.name}@${p.version} ${p.scope}`)];
  };
  assert.deepEqual(versions("src/Lib/Lib.csproj"), [
    "9.0.1", // eng/Versions.props' VersionPrefix
    "StyleCop.Analyzers@1.2.0-beta.556 build", // from $(RepositoryEngineeringDir)Analyzers.props
    "Microsoft.Extensions.Logging@9.0.0 runtime",
    "Humanizer.Core@2.14.1 runtime",
  ]);
  assert.deepEqual(versions("src/Tool/Tool.csproj"), [
    "9.0.1",
    "StyleCop.Analyzers@1.2.0-beta.556 build",
    "System.CommandLine@2.0.0-beta4.24324.3 runtime",
  ]);
  // The SDK's Tests.props: a project named *.Tests is a test project (it references no test SDK:
  // the Arcade SDK adds it).
  assert.deepEqual(versions("test/Lib.Tests/Lib.Tests.csproj"), [
    "9.0.1",
    "StyleCop.Analyzers@1.2.0-beta.556 dev",
    "Humanizer.Core@2.14.1 dev",
  ]);
});

Deno.test("evaluateMsbuildProject: the Arcade SDK as a project's SDK, a RepoRoot set before it, its test projects, other SDKs", () => {
  const versionsProps = (version: string): string =>
    `<Project><PropertyGroup><JsonVersion>${version}</JsonVersion></PropertyGroup></Project>`;
  const reference =
    `<ItemGroup><PackageReference Include="Newtonsoft.Json" Version="$(JsonVersion)" /></ItemGroup>`;
  const files: Record<string, string> = {
    "global.json": `{ "msbuild-sdks": { "Microsoft.DotNet.Arcade.Sdk": "8.0.0-beta.24508.1" } }`,
    "eng/Versions.props": versionsProps("13.0.3"),
    "sub/eng/Versions.props": versionsProps("12.0.1"),
    "src/A/A.csproj":
      `<Project Sdk="Microsoft.NET.Sdk;Microsoft.DotNet.Arcade.Sdk/8.0.0">${reference}</Project>`,
    "src/B/B.csproj": `<Project><Sdk Name="Microsoft.DotNet.Arcade.Sdk" />${reference}</Project>`,
    // A RepoRoot the repository sets first is the SDK's.
    "src/C/C.csproj": `<Project>
  <PropertyGroup><RepoRoot>$(MSBuildThisFileDirectory)../../sub/</RepoRoot></PropertyGroup>
  <Import Project="Sdk.props" Sdk="Microsoft.DotNet.Arcade.Sdk" />
  ${reference}
</Project>`,
    // Another SDK's files are not the tree's: its versions stay undefined, warned about.
    "src/D/D.csproj": `<Project Sdk="Microsoft.Build.NoTargets/3.7.56">
  <Import Project="Sdk.props" Sdk="Microsoft.DotNet.Helix.Sdk" />
  ${reference}
</Project>`,
    // Test projects by name, unless the repository opts out of Arcade's test framework.
    "test/A.UnitTests/A.UnitTests.csproj": `<Project Sdk="Microsoft.DotNet.Arcade.Sdk" />`,
    "test/B.IntegrationTests/B.IntegrationTests.csproj": `<Project>
  <PropertyGroup><DisableArcadeTestFramework>true</DisableArcadeTestFramework></PropertyGroup>
  <Import Project="Sdk.props" Sdk="Microsoft.DotNet.Arcade.Sdk" />
</Project>`,
    "test/C.Tests/C.Tests.csproj": `<Project>
  <PropertyGroup><IsUnitTestProject>false</IsUnitTestProject></PropertyGroup>
  <Import Project="Sdk.props" Sdk="Microsoft.DotNet.Arcade.Sdk" />
</Project>`,
    "test/D.Tests/D.Tests.csproj": `<Project Sdk="Microsoft.NET.Sdk" />`,
    // Imported twice (by the project's Sdk attribute, after its Directory.Build.props' import):
    // MSBuild ignores the second import, which would have undone IsTestProject.
    "test/E/Directory.Build.props": `<Project>
  <Import Project="Sdk.props" Sdk="Microsoft.DotNet.Arcade.Sdk" />
  <PropertyGroup><IsTestProject>true</IsTestProject></PropertyGroup>
</Project>`,
    "test/E/E.csproj": `<Project Sdk="Microsoft.DotNet.Arcade.Sdk" />`,
    // Sdk.targets brings no file of the tree.
    "src/E/E.csproj": `<Project>${reference}
  <Import Project="Sdk.targets" Sdk="Microsoft.DotNet.Arcade.Sdk" />
</Project>`,
  };
  const evaluate = (path: string, load = (p: string): string | undefined => files[p]) => {
    const project = evaluateMsbuildProject(files[path], { path, load });
    return [project.packages.map((p) => p.version ?? "none").join(), ...project.warnings];
  };
  assert.deepEqual(evaluate("src/A/A.csproj"), ["13.0.3"]);
  assert.deepEqual(evaluate("src/B/B.csproj"), ["13.0.3"]);
  assert.deepEqual(evaluate("src/C/C.csproj"), ["12.0.1"]);
  const undefinedVersion = (path: string): string =>
    `${path}: Newtonsoft.Json has no version the tree defines; the purl has no version`;
  assert.deepEqual(evaluate("src/D/D.csproj"), [
    "none",
    undefinedVersion("src/D/D.csproj"),
    // Nor does MSBuild find it: NuGet's SDK resolver needs a version.
    "src/D/D.csproj:2: the SDK Microsoft.DotNet.Helix.Sdk has no version (neither the " +
    "reference nor the msbuild-sdks of a global.json above the project gives one): NuGet does " +
    "not restore it, and the package it would be is not in the SBOM",
  ]);
  assert.deepEqual(evaluate("src/E/E.csproj"), ["none", undefinedVersion("src/E/E.csproj")]);
  const isTest = (path: string): boolean =>
    evaluateMsbuildProject(files[path], { path, load: (p) => files[p] }).isTest;
  assert.deepEqual(
    ["A.UnitTests", "B.IntegrationTests", "C.Tests", "D.Tests", "E"].map((n) =>
      isTest(`test/${n}/${n}.csproj`)
    ),
    [true, false, false, false, true],
  );
  // Without a global.json (MSBuild would not find the SDK either), a warning says why.
  const withoutGlobal = (p: string): string | undefined =>
    p === "global.json" ? undefined : files[p];
  assert.deepEqual(evaluate("src/A/A.csproj", withoutGlobal), [
    "none",
    "src/A/A.csproj: the Arcade SDK's eng/Versions.props is not read: no global.json above the " +
    "project names the repository's root; the versions it defines are missing here",
    undefinedVersion("src/A/A.csproj"),
  ]);
  // A RepoRoot outside the tree (a Windows path) is said, not passed over in silence.
  files["src/F/F.csproj"] =
    `<Project><PropertyGroup><RepoRoot>C:\\src\\repo\\</RepoRoot></PropertyGroup>
  <Import Project="Sdk.props" Sdk="Microsoft.DotNet.Arcade.Sdk" />${reference}</Project>`;
  assert.deepEqual(evaluate("src/F/F.csproj"), [
    "none",
    "src/F/F.csproj:2: the Arcade SDK's eng/Versions.props is not read: its RepoRoot " +
    '"C:\\\\src\\\\repo\\\\" is outside the tree; the versions it defines are missing here',
    undefinedVersion("src/F/F.csproj"),
  ]);
});

Deno.test("readMsbuildProject: a value that expands to more than 1 Mi characters (properties doubling each other, an item naming a long one twice), or values past 16 Mi in all, is invalid at its line", async () => {
  const doubling = Array.from(
    { length: 40 },
    (_, i) => `    <P${i + 1}>$(P${i})$(P${i})</P${i + 1}>`,
  );
  const long = "x".repeat(600_000);
  const cases: [Record<string, string>, RegExp][] = [
    [
      {
        "Directory.Build.props": ["<Project>", "  <PropertyGroup>", "    <P0>ab</P0>", ...doubling]
          .concat(["  </PropertyGroup>", "</Project>"]).join("\n"),
        "App.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n</Project>',
      },
      // P19 is 2^20 characters, P20 ("$(P19)$(P19)", line 23) twice that.
      /^Directory\.Build\.props:23: "\$\(P19\)\$\(P19\)" expands to more than 1048576 characters$/,
    ],
    [
      {
        "App.csproj": [
          '<Project Sdk="Microsoft.NET.Sdk">',
          `  <PropertyGroup><Long>${long}</Long></PropertyGroup>`,
          "  <ItemGroup>",
          '    <PackageReference Include="$(Long);$(Long)" Version="1.0.0" />',
          "  </ItemGroup>",
          "</Project>",
        ].join("\n"),
      },
      /^App\.csproj:4: "\$\(Long\);\$\(Long\)" expands to more than 1048576 characters$/,
    ],
    [
      {
        "App.csproj": [
          '<Project Sdk="Microsoft.NET.Sdk">',
          `  <PropertyGroup><Long>${long}</Long>`,
          ...Array.from({ length: 30 }, (_, i) => `    <Q${i + 1}>${i + 1}$(Long)</Q${i + 1}>`),
          "  </PropertyGroup>",
          "</Project>",
        ].join("\n"),
      },
      // Each value is short of 1 Mi, but 28 of them add 16.8 M (a 940 KB project of 20,000 ran
      // out of memory).
      /^App\.csproj:30: "28\$\(Long\)" expands the project's values past 16777216 characters in all$/,
    ],
  ];
  for (const [files, message] of cases) {
    await withTempDir(async (dir) => {
      await writeTree(dir, files);
      // Was: exit 3, "Invalid string length", after seconds of doubling.
      assert.throws(() => readIn(dir, "App.csproj"), (error: Error & { code?: string }) => {
        assert.equal(error.code, "inventory.msbuild.invalid");
        assert.match(error.message, message);
        return true;
      });
    });
  }
});

// The F# SDK references FSharp.Core itself (Microsoft.FSharp.NetSdk.props, read before the
// project): a project pins it with `<PackageReference Update="FSharp.Core" Version="…" />`, the
// form the F# docs give. It was missing from the SBOM, the Update matching no reference.
Deno.test("readMsbuildProject: the F# SDK's implicit FSharp.Core, pinned by an Update or not", () => {
  const fsproj = (items: string, properties = ""): string =>
    '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <OutputType>Exe</OutputType>\n' +
    `    <TargetFramework>net8.0</TargetFramework>${properties}\n  </PropertyGroup>\n` +
    `  <ItemGroup>\n    <Compile Include="Program.fs" />\n  </ItemGroup>\n  <ItemGroup>\n${items}` +
    '    <PackageReference Include="Argu" Version="6.2.4" />\n  </ItemGroup>\n</Project>\n';
  const read = (text: string, more: Record<string, string> = {}) => {
    const files: Record<string, string> = { "src/App/App.fsproj": text, ...more };
    return readMsbuildProject(text, { path: "src/App/App.fsproj", load: (p) => files[p] });
  };
  const pinned = read(fsproj('    <PackageReference Update="FSharp.Core" Version="8.0.400" />\n'));
  assertWellFormed(pinned);
  assert.deepEqual(summary(pinned), [
    "pkg:nuget/Argu@6.2.4 runtime",
    "pkg:nuget/FSharp.Core@8.0.400 runtime",
  ]);
  assert.deepEqual(pinned.warnings ?? [], []);
  // Unpinned: the SDK's version, which the tree does not say.
  const unpinned = read(fsproj(""));
  assert.deepEqual(summary(unpinned), [
    "pkg:nuget/Argu@6.2.4 runtime",
    "pkg:nuget/FSharp.Core runtime",
  ]);
  assert.deepEqual(unpinned.warnings, [
    "src/App/App.fsproj: FSharp.Core, which the F# SDK references implicitly, is at the version " +
    "the SDK that builds it ships (FSharpCoreImplicitPackageVersion, which no file of the tree " +
    'sets; `<PackageReference Update="FSharp.Core" Version="…" />` pins it); the purl has no version',
  ]);
  // FSharpCoreImplicitPackageVersion set in the tree gives its version.
  const implicitVersion = read(
    fsproj(""),
    {
      "Directory.Build.props": "<Project><PropertyGroup><FSharpCoreImplicitPackageVersion>" +
        "9.0.300</FSharpCoreImplicitPackageVersion></PropertyGroup></Project>",
    },
  );
  assert.ok(summary(implicitVersion).includes("pkg:nuget/FSharp.Core@9.0.300 runtime"));
  // None when the project turns it off, or manages its versions centrally.
  const off = read(
    fsproj(
      "",
      "\n    <DisableImplicitFSharpCoreReference>true</DisableImplicitFSharpCoreReference>",
    ),
  );
  assert.deepEqual(summary(off), ["pkg:nuget/Argu@6.2.4 runtime"]);
  const central = read(fsproj("").replace(' Version="6.2.4"', ""), {
    "Directory.Packages.props": "<Project><PropertyGroup><ManagePackageVersionsCentrally>true" +
      '</ManagePackageVersionsCentrally></PropertyGroup><ItemGroup><PackageVersion Include="Argu" ' +
      'Version="6.2.4" /></ItemGroup></Project>',
  });
  assert.deepEqual(summary(central), ["pkg:nuget/Argu@6.2.4 runtime"]);
  // A C# project has none.
  const csharp = readMsbuildProject(fsproj(""), { path: "App.csproj", load: () => undefined });
  assert.deepEqual(summary(csharp), ["pkg:nuget/Argu@6.2.4 runtime"]);
});

// The .NET SDK references NETStandard.Library itself in a project that targets .NET Standard
// before 2.1 (Microsoft.NET.Sdk.DefaultItems.props), at NETStandardImplicitPackageVersion, which
// Microsoft.NET.Sdk.DefaultItems.targets defaults to 1.6.1 (1.x) or 2.0.3: a project without
// packages.lock.json had none, though a lock graph lists it (909af44 made it build there).
Deno.test("evaluateMsbuildProject: the .NET SDK's implicit NETStandard.Library of a netstandard target", () => {
  const packages = (project: string, props = ""): string[] =>
    evaluateMsbuildProject(project, {
      path: "Lib/Lib.csproj",
      load: (p) => p === "Directory.Build.props" && props !== "" ? props : undefined,
    }).packages.map((p) => `${p.name}@${p.version} ${p.scope}`);
  const csproj = (properties: string, sdk = "Microsoft.NET.Sdk"): string =>
    `<Project Sdk="${sdk}">\n  <PropertyGroup>\n${properties}  </PropertyGroup>\n</Project>\n`;
  assert.deepEqual(packages(csproj("    <TargetFramework>netstandard2.0</TargetFramework>\n")), [
    "NETStandard.Library@2.0.3 build",
  ]);
  // .NET Standard 1.x: 1.6.1, a run-time dependency (no PrivateAssets).
  assert.deepEqual(packages(csproj("    <TargetFramework>netstandard1.3</TargetFramework>\n")), [
    "NETStandard.Library@1.6.1 runtime",
  ]);
  // Several frameworks: once per version the .NET Standard ones take.
  assert.deepEqual(
    packages(
      csproj("    <TargetFrameworks>netstandard2.0;net8.0;netstandard1.6</TargetFrameworks>\n"),
    ),
    ["NETStandard.Library@2.0.3 build", "NETStandard.Library@1.6.1 runtime"],
  );
  // The version the tree sets.
  assert.deepEqual(
    packages(
      csproj("    <TargetFramework>netstandard2.0</TargetFramework>\n", "Microsoft.NET.Sdk.Web"),
      "<Project><PropertyGroup><NETStandardImplicitPackageVersion>2.0.1" +
        "</NETStandardImplicitPackageVersion></PropertyGroup></Project>",
    ),
    ["NETStandard.Library@2.0.1 build"],
  );
  // None: netstandard2.1 (a FrameworkReference), another framework, implicit references disabled,
  // a project that is not the .NET SDK's.
  assert.deepEqual(packages(csproj("    <TargetFramework>netstandard2.1</TargetFramework>\n")), []);
  assert.deepEqual(packages(csproj("    <TargetFramework>net8.0</TargetFramework>\n")), []);
  assert.deepEqual(
    packages(csproj(
      "    <TargetFramework>netstandard2.0</TargetFramework>\n" +
        "    <DisableImplicitFrameworkReferences>true</DisableImplicitFrameworkReferences>\n",
    )),
    [],
  );
  assert.deepEqual(
    packages(
      csproj(
        "    <TargetFramework>netstandard2.0</TargetFramework>\n",
        "Microsoft.Build.NoTargets/3.7.0",
      ),
    ),
    [],
  );
  // An `Update` of it pins it where the SDK has included it already (Sdk.props imports
  // Microsoft.Common.props, with Directory.Build.props, before Microsoft.NET.Sdk.props and its
  // DefaultItems.props): in the project and Directory.Build.targets, not in
  // Directory.Build.props (MSBuild's Update touches only the items before it). Was: ignored.
  const update = '<ItemGroup><PackageReference Update="NETStandard.Library" Version="2.0.1" />' +
    "</ItemGroup>";
  const netstandard = csproj("    <TargetFramework>netstandard2.0</TargetFramework>\n");
  const withFiles = (project: string, files: Record<string, string>): string[] =>
    evaluateMsbuildProject(project, { path: "Lib/Lib.csproj", load: (p) => files[p] })
      .packages.map((p) => `${p.name}@${p.version} ${p.scope}`);
  assert.deepEqual(withFiles(netstandard.replace("</Project>", `${update}\n</Project>`), {}), [
    "NETStandard.Library@2.0.1 build",
  ]);
  assert.deepEqual(
    withFiles(netstandard, { "Directory.Build.targets": `<Project>${update}</Project>` }),
    ["NETStandard.Library@2.0.1 build"],
  );
  assert.deepEqual(
    withFiles(netstandard, { "Directory.Build.props": `<Project>${update}</Project>` }),
    ["NETStandard.Library@2.0.3 build"],
  );
  // An explicit reference is the project's own.
  assert.deepEqual(
    packages(
      '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <TargetFramework>netstandard2.0' +
        "</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n    <PackageReference Include=" +
        '"NETStandard.Library" Version="2.0.0" />\n  </ItemGroup>\n</Project>\n',
    ),
    ["NETStandard.Library@2.0.0 runtime"],
  );
});

// Found on FreeApophis/StrongBox (and some 575 repositories with a Packages.props): the
// Microsoft.Build.CentralPackageVersions SDK (microsoft/MSBuildSdks) imports, in its
// Sdk.targets, the nearest Packages.props above the project, whose PackageReference Updates give
// the versions; NuGet's own central management turns it off.
Deno.test("evaluateMsbuildProject: the Microsoft.Build.CentralPackageVersions SDK's Packages.props gives the versions", () => {
  const files: Record<string, string> = {
    "Packages.props": `<Project>
  <ItemGroup>
    <PackageReference Update="Autofac" Version="5.1.4" />
    <PackageReference Update="System.CommandLine" Version="2.0.0-beta1.20214.1" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>`,
    "StrongBox/StrongBox.csproj":
      `<Project Sdk="Microsoft.NET.Sdk; Microsoft.Build.CentralPackageVersions">
  <ItemGroup>
    <PackageReference Include="Autofac" />
    <PackageReference Include="System.CommandLine" VersionOverride="2.0.0-beta4.22272.1" />
  </ItemGroup>
</Project>`,
    // The SDK named by an <Sdk> element of Directory.Build.targets, as its README shows.
    "Other/Directory.Build.targets":
      `<Project><Sdk Name="Microsoft.Build.CentralPackageVersions" Version="2.1.3" /></Project>`,
    "Other/Other.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup><PackageReference Include="Autofac" /></ItemGroup>
</Project>`,
  };
  const evaluate = (path: string): string[] =>
    evaluateMsbuildProject(files[path], { path, load: (p) => files[p] }).packages.map((p) =>
      `${p.name}@${p.version} ${p.scope}`
    );
  assert.deepEqual(evaluate("StrongBox/StrongBox.csproj"), [
    "Autofac@5.1.4 runtime",
    "System.CommandLine@2.0.0-beta4.22272.1 runtime",
    "Nerdbank.GitVersioning@3.6.133 build",
  ]);
  assert.deepEqual(evaluate("Other/Other.csproj"), [
    "Autofac@5.1.4 runtime",
    "Nerdbank.GitVersioning@3.6.133 build",
  ]);
  // NuGet's central package management turns the SDK off.
  files["Other/Directory.Build.props"] =
    `<Project><PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup></Project>`;
  assert.deepEqual(evaluate("Other/Other.csproj"), ["Autofac@undefined runtime"]);
});

// NuGet.targets adds Directory.Packages.props' GlobalPackageReferences under
// `'$(ManagePackageVersionsCentrally)' == 'true' And '$(RestoreEnableGlobalPackageReference)' !=
// 'false'`; the CentralPackageVersions SDK's Sdk.targets adds Packages.props' under
// `'$(EnableGlobalPackageReferences)' != 'false'` (its test CanDisableGlobalPackageReferences).
Deno.test("evaluateMsbuildProject: GlobalPackageReferences are none when RestoreEnableGlobalPackageReference (NuGet) or EnableGlobalPackageReferences (the CentralPackageVersions SDK) is false", () => {
  const files: Record<string, string> = {
    "Directory.Packages.props": `<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Polly" Version="8.2.0" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>`,
    "App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <RestoreEnableGlobalPackageReference>false</RestoreEnableGlobalPackageReference>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Polly" />
  </ItemGroup>
</Project>`,
    "Legacy/Packages.props": `<Project>
  <ItemGroup>
    <PackageReference Update="Autofac" Version="5.1.4" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>`,
    // Nearer than the root's, so that NuGet's central management is off there.
    "Legacy/Directory.Packages.props": "<Project />",
    "Legacy/Lib/Lib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <Sdk Name="Microsoft.Build.CentralPackageVersions" Version="2.1.3" />
  <PropertyGroup>
    <TargetFramework>netstandard2.1</TargetFramework>
    <EnableGlobalPackageReferences>false</EnableGlobalPackageReferences>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Autofac" />
  </ItemGroup>
</Project>`,
  };
  const evaluate = (path: string): string[] =>
    evaluateMsbuildProject(files[path], { path, load: (p) => files[p] }).packages.map((p) =>
      `${p.name}@${p.version}`
    );
  assert.deepEqual(evaluate("App/App.csproj"), ["Polly@8.2.0"]);
  assert.deepEqual(evaluate("Legacy/Lib/Lib.csproj"), ["Autofac@5.1.4"]);
  // Each property is its own tool's: the other one does not turn the references off.
  files["App/App.csproj"] = files["App/App.csproj"].replaceAll(
    "RestoreEnableGlobalPackageReference",
    "EnableGlobalPackageReferences",
  );
  assert.deepEqual(evaluate("App/App.csproj"), ["Polly@8.2.0", "Nerdbank.GitVersioning@3.6.133"]);
  files["Legacy/Lib/Lib.csproj"] = files["Legacy/Lib/Lib.csproj"].replaceAll(
    "EnableGlobalPackageReferences",
    "RestoreEnableGlobalPackageReference",
  );
  assert.deepEqual(evaluate("Legacy/Lib/Lib.csproj"), [
    "Autofac@5.1.4",
    "Nerdbank.GitVersioning@3.6.133",
  ]);
});

// The CentralPackageVersions SDK's Sdk.targets imports `GetPathOfFileAbove('Packages.props',
// $(MSBuildProjectDirectory))`; a project without the SDK never reads it.
Deno.test("readInventory: a Packages.props that no project using the Microsoft.Build.CentralPackageVersions SDK reads is unread, as an unused Directory.Packages.props is", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Packages.props": `<Project>
  <ItemGroup>
    <PackageReference Update="Autofac" Version="5.1.4" />
  </ItemGroup>
</Project>
`,
      "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Autofac" Version="6.0.0" /></ItemGroup>
</Project>
`,
    });
    const unused = await readInventory(dir);
    assert.deepEqual(unused.unread, ["Packages.props"]);
    assert.deepEqual(unused.components.map((c) => c.purl), ["pkg:nuget/Autofac@6.0.0"]);
    // Once the project uses the SDK, its Packages.props gives the version and is read.
    await writeTree(dir, {
      "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <Sdk Name="Microsoft.Build.CentralPackageVersions" Version="2.1.3" />
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Autofac" /></ItemGroup>
</Project>
`,
    });
    const used = await readInventory(dir);
    assert.deepEqual(used.unread, []);
    assert.ok(used.sources.includes("Packages.props"));
    // The SDK itself is a package of the build.
    assert.deepEqual(used.components.map((c) => c.purl), [
      "pkg:nuget/Autofac@5.1.4",
      "pkg:nuget/Microsoft.Build.CentralPackageVersions@2.1.3",
    ]);
  });
});

// MSBuild expands an item's wildcards (`*`, `?`, `**`) against the disk, relative to the project's
// folder, and drops what the item's Exclude names: `..\*\*.csproj` is every project of the
// sibling folders.
Deno.test("readMsbuildProject: a wildcard ProjectReference is every project of the tree it matches, less its Exclude", async () => {
  const project = (references = ""): string =>
    `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup>${references}</ItemGroup>
</Project>
`;
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "src/App/App.csproj": project(
        '\n    <ProjectReference Include="..\\*\\*.csproj" Exclude="..\\*.Tests\\*.csproj" />' +
          '\n    <ProjectReference Include="..\\..\\plugins\\**\\*.fsproj" />\n  ',
      ),
      "src/Core/Core.csproj": project(),
      "src/Data/Data.csproj": project(),
      "src/Core.Tests/Core.Tests.csproj": project(),
      "plugins/Audit/Audit.fsproj": project(),
      "plugins/vendor/Export/Export.fsproj": project(),
    });
    const path = "src/App/App.csproj";
    const context = treeContext(dir);
    const out = readMsbuildProject(context.load(path)!, { path, ...context });
    assert.deepEqual(out.members.map((m) => m.name).sort(), [
      "App",
      "Audit",
      "Core",
      "Data",
      "Export",
    ]);
    assert.deepEqual(edgesFrom(out, "pkg:nuget/app"), [
      "pkg:nuget/audit runtime",
      "pkg:nuget/core runtime",
      "pkg:nuget/data runtime",
      "pkg:nuget/export runtime",
    ]);
    assert.equal(out.warnings, undefined);
  });
});

Deno.test("readMsbuildProject: a ProjectReference the tree does not have (outside it, a submodule not checked out) is a warning, as MSBuild warns (MSB9008)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="..\\Lib\\Lib.csproj" />
    <ProjectReference Include="..\\Core\\Core.csproj" />
    <ProjectReference Include="..\\..\\..\\shared\\Shared.csproj" />
  </ItemGroup>
</Project>
`,
      "src/Core/Core.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
</Project>
`,
    });
    const out = readIn(dir, "src/App/App.csproj");
    assert.deepEqual(out.warnings, [
      "src/App/App.csproj references src/Lib/Lib.csproj, ..\\..\\..\\shared\\Shared.csproj, which " +
      "the tree does not have (outside it, or a git submodule not checked out): what that " +
      "project brings is not in the SBOM",
    ]);
    // Both projects of the tree are members, the missing one by its file's name.
    assert.deepEqual(out.members.map((m) => m.name).sort(), ["App", "Core", "Lib"]);
  });
});

Deno.test("readMsbuildProject: a ProjectReference written in another case than the tree's file is no 'tree does not have' warning: Windows finds it", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="..\\lib\\lib.csproj" />
    <ProjectReference Include="..\\Gone\\Gone.csproj" />
  </ItemGroup>
</Project>
`,
      "src/Lib/Lib.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
</Project>
`,
    });
    const context = treeContext(dir);
    const path = "src/App/App.csproj";
    const out = readMsbuildProject(context.load(path)!, { path, ...context });
    // Was: "src/App/App.csproj references src/lib/lib.csproj, src/Gone/Gone.csproj, which …".
    assert.deepEqual(out.warnings, [
      "src/App/App.csproj references src/Gone/Gone.csproj, which the tree does not have (outside " +
      "it, or a git submodule not checked out): what that project brings is not in the SBOM",
    ]);
  });
});

Deno.test("readMsbuildProject: a ProjectReference outside the tree that a Remove drops is no warning: MSBuild references it not", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // Directory.Build.props references a shared project the app removes (`Remove` matches
      // the path, normalized, as MSBuild matches file items).
      "Directory.Build.props": `<Project>
  <ItemGroup>
    <ProjectReference Include="$(MSBuildThisFileDirectory)..\\shared\\Shared.csproj" />
  </ItemGroup>
</Project>
`,
      "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup>
    <ProjectReference Remove="../../../shared/Shared.csproj" />
  </ItemGroup>
</Project>
`,
    });
    // Was: "src/App/App.csproj references /..\\shared\\Shared.csproj, which the tree does not have".
    assert.deepEqual(readIn(dir, "src/App/App.csproj").warnings, undefined);
  });
});

// NuGet's SDK resolver (NuGetSdkResolver.TryGetNuGetVersionForSdk) restores an SDK at the version
// its reference gives, else at the one the nearest global.json's msbuild-sdks gives; the .NET
// SDK's own SDKs come with it.
Deno.test("readInventory: the project SDKs NuGet restores are build packages of the project that names them", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "global.json": `{
  "sdk": { "version": "8.0.100", "rollForward": "latestFeature" },
  // Names in any case; the reference's version wins.
  "msbuild-sdks": {
    "microsoft.build.notargets": "3.7.56",
    "MSBuild.Sdk.Extras": "2.0.54",
    "Microsoft.Build.CopyOnWrite": "1.0"
  }
}
`,
      "src/App/App.csproj": `<Project Sdk="MSBuild.Sdk.Extras/3.0.44;Microsoft.NET.Sdk.Web">
  <Sdk Name="DotNet.ReproducibleBuilds.Isolated" Version="1.2.25" />
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
</Project>
`,
      // A minimum version is none: global.json's is taken; an import's $(…) is expanded.
      "build/Packaging.csproj": `<Project Sdk="Microsoft.Build.NoTargets/min=3.0">
  <PropertyGroup><ArcadeVersion>9.0.0-beta.24572.2</ArcadeVersion></PropertyGroup>
  <Import Project="Sdk.props" Sdk="Microsoft.DotNet.Arcade.Sdk" Version="$(ArcadeVersion)" />
  <Import Project="Sdk.props" Sdk="Microsoft.Build.CopyOnWrite" />
  <Import Project="Sdk.props" Sdk="Microsoft.NET.Sdk" />
</Project>
`,
      "tools/Lint/Lint.csproj": `<Project Sdk="Microsoft.NET.Sdk;MSBuild.Sdk.Extras">
  <Sdk Name="Unknown.Sdk" />
  <Sdk Name="Ranged.Sdk" Version="[1.0,2.0)" />
  <Import Project="Sdk.targets" Sdk="MSBuild.Sdk.Extras" Version="3.0.22" />
</Project>
`,
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes} ${c.sources}`), [
      "pkg:nuget/DotNet.ReproducibleBuilds.Isolated@1.2.25 build src/App/App.csproj",
      "pkg:nuget/MSBuild.Sdk.Extras@2.0.54 build tools/Lint/Lint.csproj",
      "pkg:nuget/MSBuild.Sdk.Extras@3.0.44 build src/App/App.csproj",
      "pkg:nuget/Microsoft.Build.CopyOnWrite@1.0.0 build build/Packaging.csproj",
      "pkg:nuget/Microsoft.Build.NoTargets@3.7.56 build build/Packaging.csproj",
      "pkg:nuget/Microsoft.DotNet.Arcade.Sdk@9.0.0-beta.24572.2 build build/Packaging.csproj",
      "pkg:nuget/Newtonsoft.Json@13.0.3 runtime src/App/App.csproj",
    ]);
    assert.deepEqual(
      (inventory.warnings ?? []).filter((w) => w.includes("SDK")),
      [
        "tools/Lint/Lint.csproj:2: the SDK Unknown.Sdk has no version (neither the reference " +
        "nor the msbuild-sdks of a global.json above the project gives one): NuGet does not " +
        "restore it, and the package it would be is not in the SBOM",
        `tools/Lint/Lint.csproj:3: the SDK Ranged.Sdk's version "[1.0,2.0)" is no NuGet ` +
        "version, which NuGet's SDK resolver does not restore: it is not in the SBOM",
        "tools/Lint/Lint.csproj:4: the SDK MSBuild.Sdk.Extras at version 3.0.22 is ignored: " +
        "MSBuild resolves an SDK once per build, at the version it first met (2.0.54; warning " +
        "MSB4240)",
      ],
    );
    await assertSbomsValid(inventory, "msbuild sdks");
  });
});

// MSTest.Sdk (microsoft/testfx src/Package/MSTest.Sdk) makes a test project and references
// MSTest's packages itself, at versions each release writes into its Sdk.props; Aspire.AppHost.Sdk
// (dotnet/aspire src/Aspire.AppHost.Sdk) references the dashboard and DCP packages of the building
// machine's runtime identifier. Without a lock those are unknown.
Deno.test("readInventory: an MSTest.Sdk project is a test project; the packages an SDK references itself are a warning without a lock", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "tests/App.Tests/App.Tests.csproj": `<Project Sdk="MSTest.Sdk/3.6.1">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Moq" Version="4.20.72" /></ItemGroup>
</Project>
`,
      "AppHost/AppHost.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <Sdk Name="Aspire.AppHost.Sdk" Version="9.1.0" />
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net9.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Aspire.Hosting.AppHost" Version="9.1.0" /></ItemGroup>
</Project>
`,
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes}`), [
      "pkg:nuget/Aspire.AppHost.Sdk@9.1.0 build",
      "pkg:nuget/Aspire.Hosting.AppHost@9.1.0 runtime",
      "pkg:nuget/MSTest.Sdk@3.6.1 build",
      "pkg:nuget/Moq@4.20.72 dev",
    ]);
    assert.deepEqual(
      (inventory.warnings ?? []).filter((w) => w.includes("packages of its own")),
      [
        "AppHost/AppHost.csproj:2: the SDK Aspire.AppHost.Sdk references packages of its own " +
        "(Aspire.Dashboard.Sdk.<rid> and Aspire.Hosting.Orchestration.<rid> at the version of " +
        "the project's Aspire.Hosting.AppHost, and from Aspire 13 Aspire.Hosting.AppHost at the " +
        "SDK's version when the project does not reference it), <rid> being the runtime " +
        "identifier of the machine that builds it (win-x64, linux-x64, osx-arm64…): without a " +
        "packages.lock.json vouch cannot know them, and they are not in the SBOM",
        "tests/App.Tests/App.Tests.csproj:1: the SDK MSTest.Sdk references packages of its own " +
        "(MSTest.TestFramework, MSTest.TestAdapter, MSTest.Analyzers, Microsoft.NET.Test.Sdk and " +
        "the Microsoft.Testing.* extensions its profile enables), at versions each release of " +
        "the SDK pins: without a packages.lock.json vouch cannot know them, and they are not in " +
        "the SBOM",
      ],
    );
    await assertSbomsValid(inventory, "msbuild implied sdk packages");
  });
});

// dotnet/msbuild Evaluator: a file's `Sdk` attribute and `<Sdk>` elements are implicit imports at
// its top, whose `$(…)` is expanded there (SdkReferencePropertyExpansion): in an imported file,
// with the properties defined before the import; in the project, before any file of the tree.
Deno.test("readInventory: an SDK reference's $(…) is expanded at the top of the file naming it", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "App/App.csproj": `<Project Sdk="MSBuild.Sdk.Extras/$(ExtrasVersion)">
  <Sdk Name="Microsoft.Build.CopyOnWrite" Version="$(CopyOnWriteVersion)" />
  <PropertyGroup>
    <ExtrasVersion>3.0.44</ExtrasVersion>
    <CopyOnWriteVersion>1.0.315</CopyOnWriteVersion>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>
</Project>
`,
      "Directory.Build.props": `<Project>
  <PropertyGroup><NoTargetsVersion>3.7.56</NoTargetsVersion></PropertyGroup>
  <Import Project="build/Shared.props" />
</Project>
`,
      "build/Shared.props": `<Project>
  <Sdk Name="Microsoft.Build.NoTargets" Version="$(NoTargetsVersion)" />
</Project>
`,
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes} ${c.sources}`), [
      "pkg:nuget/Microsoft.Build.NoTargets@3.7.56 build build/Shared.props",
    ]);
    assert.deepEqual(
      (inventory.warnings ?? []).filter((w) => w.includes("SDK")),
      [
        'App/App.csproj:1: the SDK "MSBuild.Sdk.Extras/$(ExtrasVersion)" names a property, ' +
        "which MSBuild expands before any file of the tree defines one (a project's SDKs are " +
        "resolved at its top): only an environment variable or a global property (-p:) sets " +
        "it, which vouch cannot know; that SDK's package is not in the SBOM",
        'App/App.csproj:2: the SDK "Microsoft.Build.CopyOnWrite/$(CopyOnWriteVersion)" names a ' +
        "property, which MSBuild expands before any file of the tree defines one (a project's " +
        "SDKs are resolved at its top): only an environment variable or a global property (-p:) " +
        "sets it, which vouch cannot know; that SDK's package is not in the SBOM",
      ],
    );
  });
});

// microsoft/MSBuildSdks src/Traversal/Sdk/Traversal.props: a traversal `dirs.proj` is restored by
// NuGet (RestoreProjectStyle PackageReference) and only orders the build of the projects it
// references (ReferenceOutputAssembly false): its SDK and packages are build components of the
// tree, and it is no member, nor the folder that names the project.
Deno.test("readInventory: a *.proj's SDK and packages are build components; it is no member and names no project", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "dirs.proj": `<Project Sdk="Microsoft.Build.Traversal/4.1.0">
  <ItemGroup>
    <ProjectReference Include="src\\**\\*.csproj" />
    <PackageReference Include="Microsoft.Build.Artifacts" Version="6.1.48" />
  </ItemGroup>
</Project>
`,
      "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
</Project>
`,
      "web/package.json": '{ "name": "webapp", "version": "2.0.0" }\n',
      // A build script of another age: no SDK, no package.
      "build/build.proj":
        `<Project ToolsVersion="4.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <Import Project="$(MSBuildExtensionsPath)\\MSBuildCommunityTasks\\MSBuild.Community.Tasks.Targets" />
  <Target Name="Build"><MSBuild Projects="..\\src\\App\\App.csproj" /></Target>
</Project>
`,
    });
    const inventory = await readInventory(dir);
    assert.equal(inventory.project.name, "webapp");
    assert.deepEqual(inventory.members.map((m) => m.name), ["App"]);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes} ${c.sources}`), [
      "pkg:nuget/Microsoft.Build.Artifacts@6.1.48 build dirs.proj",
      "pkg:nuget/Microsoft.Build.Traversal@4.1.0 build dirs.proj",
      "pkg:nuget/Newtonsoft.Json@13.0.3 runtime src/App/App.csproj",
    ]);
    assert.deepEqual(
      edgesFrom(inventory, ROOT_ID).filter((e) => e.startsWith("pkg:nuget/Microsoft.Build")),
      [
        "pkg:nuget/Microsoft.Build.Artifacts@6.1.48 build",
        "pkg:nuget/Microsoft.Build.Traversal@4.1.0 build",
      ],
    );
    assert.equal(inventory.warnings?.some((w) => w.includes("build.proj")), false);
    await assertSbomsValid(inventory, "msbuild traversal");
  });
});

// rr-wfm/MSBuild.Sdk.SqlProj's Sdk.props imports Microsoft.NET.Sdk's, and wixtoolset/wix's
// WixToolset.Sdk wix.props sets RestoreProjectStyle to PackageReference: NuGet restores a
// `*.sqlproj` (a .dacpac, its PackageReferences the databases it references) and a `*.wixproj`
// (an .msi of its extensions and of the projects it references) as it does a `.csproj`: projects.
// A `*.esproj` (Microsoft.VisualStudio.JavaScript.Sdk) runs the npm scripts of its package.json,
// whose reader reads its packages: its SDK is the build's, as a `*.proj`'s.
Deno.test("readInventory: a *.sqlproj and a *.wixproj are projects, a *.esproj's SDK is the build's", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "src/Db/Db.sqlproj": `<Project Sdk="MSBuild.Sdk.SqlProj/2.7.2">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <SqlServerVersion>Sql150</SqlServerVersion>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.SqlServer.Dacpacs.Master" Version="150.0.0" DacpacName="master" />
  </ItemGroup>
</Project>
`,
      "src/Setup/Setup.wixproj": `<Project Sdk="WixToolset.Sdk/5.0.2">
  <ItemGroup>
    <PackageReference Include="WixToolset.Util.wixext" Version="5.0.2" />
    <ProjectReference Include="..\\App\\App.csproj" />
  </ItemGroup>
</Project>
`,
      "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
</Project>
`,
      "web/web.esproj": `<Project Sdk="Microsoft.VisualStudio.JavaScript.Sdk/1.0.1184077">
  <PropertyGroup>
    <StartupCommand>npm run dev</StartupCommand>
    <BuildOutputFolder>$(MSBuildProjectDirectory)\\dist</BuildOutputFolder>
  </PropertyGroup>
</Project>
`,
      "web/package.json": '{ "name": "web", "version": "0.0.0", "private": true }\n',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.members.map((m) => m.name).sort(), ["App", "Db", "Setup"]);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes} ${c.sources}`), [
      "pkg:nuget/MSBuild.Sdk.SqlProj@2.7.2 build src/Db/Db.sqlproj",
      "pkg:nuget/Microsoft.SqlServer.Dacpacs.Master@150.0.0 runtime src/Db/Db.sqlproj",
      "pkg:nuget/Microsoft.VisualStudio.JavaScript.Sdk@1.0.1184077 build web/web.esproj",
      "pkg:nuget/WixToolset.Sdk@5.0.2 build src/Setup/Setup.wixproj",
      "pkg:nuget/WixToolset.Util.wixext@5.0.2 runtime src/Setup/Setup.wixproj",
    ]);
    assert.ok(edgesFrom(inventory, "pkg:nuget/setup").includes("pkg:nuget/app runtime"));
    assert.ok(
      edgesFrom(inventory, ROOT_ID).includes(
        "pkg:nuget/Microsoft.VisualStudio.JavaScript.Sdk@1.0.1184077 build",
      ),
    );
    await assertSbomsValid(inventory, "msbuild sqlproj wixproj esproj");
  });
});

// Python Tools for Visual Studio's project template: Microsoft.PythonTools.targets imports
// Microsoft.Common.targets, so NuGet restores a `*.pyproj` (a PackageReference of it is the
// build's), while pip installs its packages (requirements.txt). A shared project (`*.shproj`)
// imports only Visual Studio's CodeSharing files; its `*.projitems` is read with each project that
// imports it. NuProj's NuProj.targets has no Restore target: a `*.nuproj` is not read.
Deno.test("readInventory: a *.pyproj builds no project, a *.shproj and a *.nuproj are not read", async () => {
  const pyproj = (items: string): string =>
    `<?xml version="1.0" encoding="utf-8"?>
<Project DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003" ToolsVersion="4.0">
  <PropertyGroup>
    <Configuration Condition=" '$(Configuration)' == '' ">Debug</Configuration>
    <SchemaVersion>2.0</SchemaVersion>
    <ProjectGuid>{2b5a8d8e-0c4f-4a2e-9d3c-1f1e0c9d7a11}</ProjectGuid>
    <ProjectHome>.</ProjectHome>
    <StartupFile>app.py</StartupFile>
    <OutputPath>.</OutputPath>
    <Name>Web</Name>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="app.py" />
    <Content Include="requirements.txt" />${items}
  </ItemGroup>
  <PropertyGroup>
    <VisualStudioVersion Condition="'$(VisualStudioVersion)' == ''">10.0</VisualStudioVersion>
    <PtvsTargetsFile>$(MSBuildExtensionsPath32)\\Microsoft\\VisualStudio\\v$(VisualStudioVersion)\\Python Tools\\Microsoft.PythonTools.targets</PtvsTargetsFile>
  </PropertyGroup>
  <Import Condition="Exists($(PtvsTargetsFile))" Project="$(PtvsTargetsFile)" />
  <Import Condition="!Exists($(PtvsTargetsFile))" Project="$(MSBuildToolsPath)\\Microsoft.Common.targets" />
</Project>
`;
  const files: Record<string, string> = {
    "web/Web.pyproj": pyproj(""),
    "web/requirements.txt": "flask==3.0.0\n",
    "Shared/Shared.shproj": `<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="14.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup Label="Globals">
    <ProjectGuid>{6f0b1c2e-3d4a-4b5c-8d9e-0a1b2c3d4e5f}</ProjectGuid>
  </PropertyGroup>
  <Import Project="$(MSBuildExtensionsPath32)\\Microsoft\\VisualStudio\\v$(VisualStudioVersion)\\CodeSharing\\Microsoft.CodeSharing.Common.Default.props" />
  <Import Project="$(MSBuildExtensionsPath32)\\Microsoft\\VisualStudio\\v$(VisualStudioVersion)\\CodeSharing\\Microsoft.CodeSharing.Common.props" />
  <Import Project="Shared.projitems" Label="Shared" />
  <Import Project="$(MSBuildExtensionsPath32)\\Microsoft\\VisualStudio\\v$(VisualStudioVersion)\\CodeSharing\\Microsoft.CodeSharing.CSharp.targets" />
</Project>
`,
    "Shared/Shared.projitems": `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup>
    <HasSharedItems>true</HasSharedItems>
    <SharedGUID>6f0b1c2e-3d4a-4b5c-8d9e-0a1b2c3d4e5f</SharedGUID>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$(MSBuildThisFileDirectory)Helpers.cs" />
    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
  </ItemGroup>
</Project>
`,
    "App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <Import Project="..\\Shared\\Shared.projitems" Label="Shared" />
</Project>
`,
    "pack/App.nuproj": `<?xml version="1.0" encoding="utf-8"?>
<Project ToolsVersion="4.0" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
  <PropertyGroup>
    <Id>Contoso.App</Id>
    <Version>1.0.0</Version>
    <NuProjPath Condition=" '$(NuProjPath)' == '' ">$(MSBuildExtensionsPath)\\NuProj\\</NuProjPath>
  </PropertyGroup>
  <Import Project="$(NuProjPath)\\NuProj.props" Condition="Exists('$(NuProjPath)\\NuProj.props')" />
  <ItemGroup>
    <Dependency Include="Serilog"><Version>[2.10.0,)</Version></Dependency>
    <ProjectReference Include="..\\App\\App.csproj" />
  </ItemGroup>
  <Import Project="$(NuProjPath)\\NuProj.targets" />
</Project>
`,
  };
  const read = async (): Promise<Awaited<ReturnType<typeof readInventory>>> => {
    let out: Awaited<ReturnType<typeof readInventory>> | undefined;
    await withTempDir(async (dir) => {
      await writeTree(dir, files);
      out = await readInventory(dir);
    });
    return out!;
  };
  let inventory = await read();
  assert.deepEqual(inventory.members.map((m) => m.name), ["App"]);
  assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes} ${c.sources}`), [
    "pkg:nuget/Newtonsoft.Json@13.0.3 runtime Shared/Shared.projitems",
    "pkg:pypi/flask@3.0.0 runtime web/requirements.txt",
  ]);
  // Its import of PTVS's targets, through `$(PtvsTargetsFile)`, is Visual Studio's: no warning.
  assert.deepEqual(
    (inventory.warnings ?? []).filter((w) => !w.includes("is declared, not resolved")),
    [],
  );
  files["web/Web.pyproj"] = pyproj(
    '\n    <PackageReference Include="Microsoft.Python.Analysis" Version="1.0.0" />',
  );
  inventory = await read();
  assert.deepEqual(inventory.members.map((m) => m.name), ["App"]);
  assert.ok(
    edgesFrom(inventory, ROOT_ID).includes("pkg:nuget/Microsoft.Python.Analysis@1.0.0 build"),
  );
});

// Visual Studio's "React and ASP.NET Core" template: the server project references the client's
// esproj (ReferenceOutputAssembly false) to build it and publish its output. The esproj's
// Microsoft.VisualStudio.JavaScript.Sdk runs the npm scripts of the package.json beside it: the
// reference is to that npm project, not to a .NET project of its name.
const SPA_TREE: Record<string, string> = {
  "App.Server/App.Server.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <SpaRoot>..\\app.client</SpaRoot>
    <SpaProxyLaunchCommand>npm run dev</SpaProxyLaunchCommand>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.AspNetCore.SpaProxy" Version="8.0.11" />
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="..\\app.client\\app.client.esproj">
      <ReferenceOutputAssembly>false</ReferenceOutputAssembly>
    </ProjectReference>
  </ItemGroup>
</Project>
`,
  "app.client/app.client.esproj": `<Project Sdk="Microsoft.VisualStudio.JavaScript.Sdk/1.0.1184077">
  <PropertyGroup>
    <StartupCommand>npm run dev</StartupCommand>
    <JavaScriptTestRoot>src\\</JavaScriptTestRoot>
    <JavaScriptTestFramework>Jest</JavaScriptTestFramework>
    <ShouldRunBuildScript>false</ShouldRunBuildScript>
    <BuildOutputFolder>$(MSBuildProjectDirectory)\\dist</BuildOutputFolder>
  </PropertyGroup>
</Project>
`,
  "app.client/package.json": `{
  "name": "app.client",
  "private": true,
  "version": "0.0.0",
  "type": "module",
  "scripts": { "dev": "vite", "build": "vite build" },
  "dependencies": { "react": "^18.3.1" },
  "devDependencies": { "vite": "^5.4.10" }
}
`,
};

Deno.test("readInventory: a ProjectReference to a *.esproj is to the npm project beside it", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, SPA_TREE);
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.members.map((m) => `${m.id} ${m.name}`).sort(), [
      "pkg:nuget/app.server App.Server",
      "workspace:app.client app.client",
    ]);
    assert.deepEqual(edgesFrom(inventory, "pkg:nuget/app.server"), [
      "pkg:nuget/Microsoft.AspNetCore.SpaProxy@8.0.11 runtime",
      "workspace:app.client build",
    ]);
    assert.deepEqual(edgesFrom(inventory, "workspace:app.client"), [
      "pkg:npm/react runtime",
      "pkg:npm/vite dev",
    ]);
    await assertSbomsValid(inventory, "msbuild esproj reference");
  });
});
