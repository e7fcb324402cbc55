import assert from "node:assert/strict";
import {
  parsePackagesConfig,
  readPackagesConfig,
} from "../../../src/inventory/dotnet/packages_config.ts";
import { readerFor } from "../../../src/inventory/_registry.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { fixture, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed } from "../_lockfile_invariants.ts";
import { assertSbomRefusesEvery, readValidProject } from "../_reader_cases.ts";
import { treeContext, writeTree } from "../_tree.ts";

const DIR = ["dotnet", "packages_config"];
const CODE = "inventory.packages_config.invalid";

Deno.test("readerFor: packages.config and packages.<project>.config", () => {
  for (const name of ["packages.config", "Web/packages.Web.config"]) {
    assert.equal(readerFor(name)?.name, "packages_config", name);
  }
  for (const name of ["packages.lock.json", "packages.config.bak", "web.config"]) {
    assert.notEqual(readerFor(name)?.name, "packages_config", name);
  }
});

Deno.test("readPackagesConfig: every entry exact, in NuGet's normalized form, developmentDependency → build, no graph", () => {
  // The form of the NuGet docs' packages.config reference.
  const text = Deno.readTextFileSync(fixture(...DIR, "web", "Web", "packages.config"));
  const out = readPackagesConfig(text, { path: "Web/packages.config" });
  assertWellFormed(out);
  assert.equal(out.components.length, 9);
  const byName = new Map(out.components.map((c) => [c.name, c]));
  // Written 1.0.0.0 and 1.3 (NuGet 2 kept the nuspec's text): NuGet's versions 1.0.0 and 1.3.0,
  // as a packages.lock.json and the feed name them.
  assert.equal(
    byName.get("Microsoft.Web.Infrastructure")?.purl,
    "pkg:nuget/Microsoft.Web.Infrastructure@1.0.0",
  );
  assert.equal(byName.get("RouteMagic")?.purl, "pkg:nuget/RouteMagic@1.3.0");
  assert.equal(byName.get("RouteMagic")?.version, "1.3.0");
  assert.deepEqual(byName.get("Microsoft.Net.Compilers")?.scopes, ["build"]);
  assert.deepEqual(byName.get("Newtonsoft.Json")?.scopes, ["runtime"]);
  assert.deepEqual(byName.get("Newtonsoft.Json")?.groups, ["net46"]);
  // Flat: the file does not say which packages the project asked for.
  assert.ok(out.components.every((c) => !c.direct));
  assert.deepEqual(out.edges, []);
});

Deno.test("readPackagesConfig: the scan reads it beside its project file, which is the member", async () => {
  const inventory = await readValidProject(fixture(...DIR, "web"));
  assert.deepEqual(inventory.members.map((m) => m.name), ["Web"]);
  assert.equal(inventory.components.length, 9);
  assert.deepEqual(inventory.unread ?? [], []);
});

Deno.test("readPackagesConfig: a test project's packages are dev, its developmentDependency build", () => {
  const dir = fixture(...DIR, "legacy-tests");
  const { load, files } = treeContext(dir);
  const read = (path: string): string[] =>
    readPackagesConfig(load(path)!, { path, load, files }).components.map((c) =>
      `${c.name} ${c.scopes}`
    );
  // A legacy MSTest project: Visual Studio's test project type GUID in ProjectTypeGuids.
  assert.deepEqual(read("Web.Tests/packages.config"), [
    "Castle.Core dev",
    "MSTest.TestAdapter dev",
    "MSTest.TestFramework dev",
    "Moq dev",
    "StyleCop.Analyzers build",
  ]);
  assert.deepEqual(read("Web/packages.config"), ["Newtonsoft.Json runtime"]);
  // Without its project file the file alone cannot tell.
  const path = "Web.Tests/packages.config";
  assert.ok(
    readPackagesConfig(load(path)!, { path }).components.every((c) =>
      c.scopes.join() === (c.name === "StyleCop.Analyzers" ? "build" : "runtime")
    ),
  );
});

Deno.test("readPackagesConfig: installing Microsoft.NET.Test.Sdk, or IsTestProject, makes a test project", async () => {
  const config = (ids: string[]): string =>
    `<packages>${ids.map((id) => `<package id="${id}" version="1.0.0" />`).join("")}</packages>`;
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // At the tree's root, beside its project file.
      "Legacy.Tests.csproj": '<Project ToolsVersion="15.0"><PropertyGroup>' +
        "<OutputType>Library</OutputType></PropertyGroup></Project>",
      "packages.config": config(["Microsoft.NET.Test.Sdk", "NUnit"]),
      "Sdk.Tests/Sdk.Tests.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<IsTestProject>true</IsTestProject></PropertyGroup></Project>",
      "Sdk.Tests/packages.config": config(["NUnit"]),
      "Lib/Lib.csproj": '<Project Sdk="Microsoft.NET.Sdk" />',
      "Lib/packages.config": config(["NUnit.Extras"]), // a library may ship test helpers
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(
      inventory.components.map((c) => `${c.name} ${c.scopes} ${c.sources}`),
      [
        "Microsoft.NET.Test.Sdk dev packages.config",
        "NUnit.Extras runtime Lib/packages.config",
        "NUnit dev Sdk.Tests/packages.config,packages.config",
      ],
    );
  });
});

Deno.test("readPackagesConfig: a solution's .nuget/packages.config is its solution-level tools, build", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // App-vNext/Polly's: `nuget restore Polly.sln` installs them, no project references them.
      "Polly.sln": "\nMicrosoft Visual Studio Solution File, Format Version 12.00\n",
      ".nuget/packages.config": '<?xml version="1.0" encoding="utf-8"?>\n<packages>\n' +
        '  <package id="psake" version="4.2.0.1" />\n' +
        '  <package id="xunit.runners" version="1.9.1" />\n</packages>',
      "src/Polly/Polly.csproj": '<Project ToolsVersion="4.0"><PropertyGroup>' +
        "<OutputType>Library</OutputType></PropertyGroup></Project>",
      "src/Polly/packages.config": '<packages><package id="Newtonsoft.Json" version="6.0.1" ' +
        'targetFramework="net40" /></packages>',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(
      inventory.components.map((c) => `${c.purl} ${c.scopes} ${c.sources}`),
      [
        "pkg:nuget/Newtonsoft.Json@6.0.1 runtime src/Polly/packages.config",
        "pkg:nuget/psake@4.2.0.1 build .nuget/packages.config",
        "pkg:nuget/xunit.runners@1.9.1 build .nuget/packages.config",
      ],
    );
    assert.deepEqual(inventory.members.map((m) => m.name), ["Polly"]);
  });
});

Deno.test("readPackagesConfig: the sources are the solution's, its .nuget/NuGet.Config first", async () => {
  const config = (key: string, url: string): string =>
    '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n' +
    `    <clear />\n    <add key="${key}" value="${url}" />\n  </packageSources>\n</configuration>\n`;
  const contoso = "https://pkgs.dev.azure.com/contoso/_packaging/feed/nuget/v3/index.json";
  const files: Record<string, string> = {
    // `nuget restore Contoso.sln` reads .nuget/NuGet.Config, then the solution folder's.
    "Contoso.sln": "\nMicrosoft Visual Studio Solution File, Format Version 12.00\n",
    ".nuget/NuGet.Config": config("contoso", contoso),
    "nuget.config": config("fabrikam", "https://nuget.pkg.github.com/fabrikam/index.json"),
    // Between the project and the solution: not read by the solution's restore.
    "src/nuget.config": config("local", "https://pkgs.example.com/nuget/v3/index.json"),
    "src/App/App.csproj": '<Project ToolsVersion="4.0"><PropertyGroup>' +
      "<OutputType>Library</OutputType></PropertyGroup></Project>",
    "src/App/packages.config": '<packages><package id="Contoso.Logging" version="1.2.0" ' +
      'targetFramework="net48" /></packages>',
  };
  const purls = async (): Promise<string[]> => {
    let out: string[] = [];
    await withTempDir(async (dir) => {
      await writeTree(dir, files);
      out = (await readInventory(dir)).components.map((c) => c.purl);
    });
    return out;
  };
  assert.deepEqual(await purls(), [
    "pkg:nuget/Contoso.Logging@1.2.0?repository_url=https:%2F%2Fpkgs.dev.azure.com%2Fcontoso" +
    "%2F_packaging%2Ffeed%2Fnuget%2Fv3%2Findex.json",
  ]);
  // Without it, the solution folder's.
  delete files[".nuget/NuGet.Config"];
  assert.deepEqual(await purls(), [
    "pkg:nuget/Contoso.Logging@1.2.0?repository_url=https:%2F%2Fnuget.pkg.github.com" +
    "%2Ffabrikam%2Findex.json",
  ]);
});

Deno.test("readPackagesConfig: an XML .slnx is a solution: its .nuget/packages.config and .nuget/NuGet.Config count", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // `dotnet sln migrate`'s XML solution; nuget.exe 6.14 restores it as a .sln.
      "Contoso.slnx": '<Solution>\n  <Project Path="src/App/App.csproj" />\n</Solution>\n',
      ".nuget/packages.config": '<?xml version="1.0" encoding="utf-8"?>\n<packages>\n' +
        '  <package id="psake" version="4.2.0.1" />\n</packages>\n',
      ".nuget/NuGet.Config": '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n' +
        '  <packageSources>\n    <clear />\n    <add key="contoso" ' +
        'value="https://pkgs.dev.azure.com/contoso/_packaging/feed/nuget/v3/index.json" />\n' +
        "  </packageSources>\n</configuration>\n",
      "src/App/App.csproj": '<Project ToolsVersion="4.0"><PropertyGroup>' +
        "<OutputType>Library</OutputType></PropertyGroup></Project>",
      "src/App/packages.config": '<packages><package id="Contoso.Logging" version="1.2.0" ' +
        'targetFramework="net48" /></packages>',
    });
    const feed = "?repository_url=https:%2F%2Fpkgs.dev.azure.com%2Fcontoso%2F_packaging%2Ffeed" +
      "%2Fnuget%2Fv3%2Findex.json";
    assert.deepEqual(
      (await readInventory(dir)).components.map((c) => `${c.purl} ${c.scopes} ${c.sources}`),
      [
        `pkg:nuget/Contoso.Logging@1.2.0${feed} runtime src/App/packages.config`,
        `pkg:nuget/psake@4.2.0.1${feed} build .nuget/packages.config`,
      ],
    );
  });
});

Deno.test("readPackagesConfig: a Cake build's tools/packages.config (and Addins, Modules) is build", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // Cake's bootstrapper (build.ps1) installs tools/packages.config into tools/ to run
      // build.cake; tools/Addins/ and tools/Modules/ likewise. No project references them.
      "build.cake": 'var target = Argument("target", "Default");\nRunTarget(target);\n',
      "tools/packages.config": '<?xml version="1.0" encoding="utf-8"?>\n<packages>\n' +
        '    <package id="Cake" version="0.38.5" />\n</packages>\n',
      "tools/Addins/packages.config": '<packages>\n  <package id="Cake.Git" version="0.22.0" />\n' +
        "</packages>\n",
      // A `tools` folder of a build that is no Cake's stays as it was.
      "other/tools/packages.config": '<packages>\n  <package id="Newtonsoft.Json" ' +
        'version="13.0.3" />\n</packages>\n',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(
      inventory.components.map((c) => `${c.purl} ${c.scopes} ${c.sources}`),
      [
        "pkg:nuget/Cake.Git@0.22.0 build tools/Addins/packages.config",
        "pkg:nuget/Cake@0.38.5 build tools/packages.config",
        "pkg:nuget/Newtonsoft.Json@13.0.3 runtime other/tools/packages.config",
      ],
    );
  });
});

Deno.test("parsePackagesConfig: wrong root, stray element, bad developmentDependency are invalid", () => {
  const cases: [string, RegExp][] = [
    ["<configuration />", /^packages\.config:1: the root element is <configuration>/],
    ['<packages>\n  <pkg id="a" version="1" />\n</packages>', /:2: <pkg> is not a <package> entry/],
    [
      '<packages>\n  <package id="a" version="1" developmentDependency="yes" />\n</packages>',
      /:2: package a: developmentDependency "yes" is not true or false/,
    ],
    ['<packages>\n  <package version="1" />\n</packages>', /:2: a <package> without an id/],
  ];
  for (const [text, message] of cases) {
    assertVouchError(() => parsePackagesConfig(text, "packages.config"), CODE, message);
  }
});

Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(DIR, CODE);
  // truncated, duplicate keys, invalid UTF-8 (the file has no format version to be wrong)
  for (const name of ["truncated", "duplicate", "utf8"]) assert.ok(cases.includes(name), name);
});
