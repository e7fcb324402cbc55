import assert from "node:assert/strict";
import { readNugetLock } from "../../../src/inventory/dotnet/nuget_lock.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { toCycloneDx } from "../../../src/sbom/mod.ts";
import { fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../../_util.ts";
import { assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { assertSbomsValid, treeContext, treeLoad, writeTree } from "../_tree.ts";
import { assertSbomRefusesEvery } from "../_reader_cases.ts";

const SOLUTION = fixture("dotnet", "nuget_lock", "solution");
const MELA = "pkg:nuget/Microsoft.Extensions.Logging.Abstractions";

function readSolution(path: string): ReturnType<typeof readNugetLock> {
  const load = treeLoad(SOLUTION);
  return readNugetLock(load(path)!, { path, load });
}

function summary(out: ReturnType<typeof readNugetLock>): string[] {
  return out.components.map((c) =>
    `${c.id} ${c.scopes.join(",")}${c.direct ? " direct" : ""}${c.hashes.length ? " #" : ""}`
  );
}

Deno.test("readNugetLock: every framework and runtime graph, one component per name@version", () => {
  const out = readSolution("App/packages.lock.json");
  assertWellFormed(out);
  assert.deepEqual(summary(out), [
    "pkg:nuget/Microsoft.Extensions.DependencyInjection.Abstractions@8.0.1 runtime #",
    `${MELA}@6.0.4 runtime direct #`, // net6.0, a direct dependency of the Lib member
    `${MELA}@8.0.1 runtime direct #`, // net8.0
    "pkg:nuget/Serilog@3.1.1 runtime direct #", // in both frameworks: once
    "pkg:nuget/StyleCop.Analyzers.Unstable@1.2.0.556 build #", // only through the analyzer
    "pkg:nuget/StyleCop.Analyzers@1.2.0-beta.556 build direct #", // PrivateAssets="all"
    "pkg:nuget/System.IO.Ports@8.0.0 runtime #", // net8.0/linux-x64
    "pkg:nuget/System.Memory@4.5.5 runtime direct #",
    "pkg:nuget/runtime.linux-x64.runtime.native.System.IO.Ports@8.0.0 runtime #",
  ]);
  assert.deepEqual(out.members.map((m) => [m.id, m.name, m.version, m.purl]), [
    ["pkg:nuget/app", "App", "2.0.0", "pkg:nuget/App@2.0.0"],
    ["pkg:nuget/lib", "Lib", "1.0.0", "pkg:nuget/Lib@1.0.0"], // named as its project file
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:nuget/app runtime"]);
  assert.deepEqual(edgesFrom(out, "pkg:nuget/app"), [
    "pkg:nuget/Serilog@3.1.1 runtime",
    "pkg:nuget/StyleCop.Analyzers@1.2.0-beta.556 build",
    "pkg:nuget/lib runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:nuget/lib"), [
    `${MELA}@6.0.4 runtime`,
    `${MELA}@8.0.1 runtime`,
    "pkg:nuget/System.Memory@4.5.5 runtime",
  ]);
  // net6.0's dependency on System.Runtime 4.3.0 has no entry (the framework provides it): no edge.
  assert.deepEqual(edgesFrom(out, `${MELA}@6.0.4`), ["pkg:nuget/System.Memory@4.5.5 runtime"]);
  const serilog = out.components.find((c) => c.name === "Serilog")!;
  assert.equal(serilog.hashes[0].alg, "sha512");
  assert.match(serilog.hashes[0].hex, /^[0-9a-f]{128}$/);
  assert.deepEqual(serilog.sources, ["App/packages.lock.json"]);
});

Deno.test("readNugetLock: a test project's packages are dev; v2 CentralTransitive; a lock at the root", () => {
  const tests = readSolution("Tests/packages.lock.json");
  assertWellFormed(tests);
  assert.deepEqual(summary(tests), [
    "pkg:nuget/Microsoft.NET.Test.Sdk@17.10.0 dev direct #",
    "pkg:nuget/Serilog@3.1.1 runtime direct #", // App's own dependency, reached through App
    "pkg:nuget/xunit@2.8.1 dev direct #",
  ]);
  assert.deepEqual(edgesFrom(tests, "pkg:nuget/tests"), [
    "pkg:nuget/Microsoft.NET.Test.Sdk@17.10.0 dev",
    "pkg:nuget/app dev",
    "pkg:nuget/lib dev",
    "pkg:nuget/xunit@2.8.1 dev",
  ]);
  assert.deepEqual(edgesFrom(tests, "pkg:nuget/app"), [
    "pkg:nuget/Serilog@3.1.1 runtime",
    "pkg:nuget/lib runtime", // "Lib" written with capitals in the dependencies
  ]);
  const path = "packages.lock.json";
  const text = Deno.readTextFileSync(fixture("dotnet", "nuget_lock", "central", path));
  const central = readNugetLock(text, { path, load: () => undefined });
  assertWellFormed(central);
  assert.deepEqual(summary(central), [
    "pkg:nuget/Azure.Core@1.40.0 runtime direct #",
    "pkg:nuget/Newtonsoft.Json@13.0.3 runtime direct #",
    "pkg:nuget/NoHash@1.0.0 runtime",
    "pkg:nuget/System.Text.Json@8.0.4 runtime #",
  ]);
  assert.deepEqual(central.members, []);
  assert.deepEqual(edgesFrom(central, ROOT_ID), [
    "pkg:nuget/Azure.Core@1.40.0 runtime",
    "pkg:nuget/Newtonsoft.Json@13.0.3 runtime",
  ]);
});

Deno.test("readNugetLock: a lock at the root reads its project file as one in a folder does", async () => {
  const dir = fixture("dotnet", "nuget_lock", "root-project");
  const { load, files } = treeContext(dir);
  const out = readNugetLock(load("packages.lock.json")!, {
    path: "packages.lock.json",
    load,
    files,
  });
  assertWellFormed(out);
  assert.deepEqual(summary(out), [
    "pkg:nuget/Serilog@3.1.1 runtime direct #",
    "pkg:nuget/StyleCop.Analyzers.Unstable@1.2.0.556 build #", // only through the analyzer
    "pkg:nuget/StyleCop.Analyzers@1.2.0-beta.556 build direct #", // PrivateAssets="all"
  ]);
  assert.deepEqual(out.members, [], "the root project is the root, not a member");
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:nuget/Serilog@3.1.1 runtime",
    "pkg:nuget/StyleCop.Analyzers@1.2.0-beta.556 build",
  ]);
  const inventory = await readInventory(dir);
  assert.equal(inventory.project.name, "Service");
  const bom = await toCycloneDx(inventory, {
    created: new Date(0),
    reproducible: true,
    tool: { name: "vouch", version: "t" },
  });
  assert.deepEqual(bom.components.map((c) => `${c.name} ${c.scope}`), [
    "Serilog required",
    "StyleCop.Analyzers.Unstable excluded",
    "StyleCop.Analyzers excluded",
  ]);
  await assertSbomsValid(inventory, "nuget root project");
});

Deno.test("readNugetLock: a test project at the root makes its packages dev", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Service.Tests.fsproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>' +
        '<PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.10.0" />' +
        '<PackageReference Include="xunit" Version="2.8.1" /></ItemGroup></Project>',
      "packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "net8.0": {
            "Microsoft.NET.Test.Sdk": { type: "Direct", resolved: "17.10.0" },
            xunit: { type: "Direct", resolved: "2.8.1", dependencies: { "xunit.core": "2.8.1" } },
            "xunit.core": { type: "Transitive", resolved: "2.8.1" },
          },
        },
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.name} ${c.scopes}`), [
      "Microsoft.NET.Test.Sdk dev",
      "xunit.core dev",
      "xunit dev",
    ]);
  });
});

// Cryptoc1/LiteDbContext: its Directory.Build.targets adds Microsoft.NET.Test.Sdk and xunit to every
// project under `'$(IsTestProject)' == 'true'`, which the library never sets; that reference, read
// because vouch does not evaluate the Condition, made the library a test project: all its
// packages, LiteDB too, were dev. Its test project, whose lock has the test SDK, stays one.
Deno.test("readNugetLock: a test package referenced only under an unevaluated Condition makes no test project", async () => {
  await withTempDir(async (dir) => {
    const lock = (direct: Record<string, string>): string =>
      JSON.stringify({
        version: 1,
        dependencies: {
          "net10.0": Object.fromEntries(
            Object.entries(direct).map((
              [name, version],
            ) => [name, { type: "Direct", requested: `[${version}, )`, resolved: version }]),
          ),
        },
      });
    await writeTree(dir, {
      "Directory.Build.props": "<Project><PropertyGroup><TargetFrameworks>net10.0;" +
        "</TargetFrameworks><RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>" +
        '</PropertyGroup><ItemGroup><PackageReference Include="MinVer" Version="7.0.0" ' +
        'PrivateAssets="all" /></ItemGroup></Project>',
      "Directory.Build.targets": "<Project>\n" +
        "  <ItemGroup Condition=\" '$(IsTestProject)' == 'true' \">\n" +
        '    <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />\n' +
        '    <PackageReference Include="xunit" Version="2.9.3" />\n' +
        "  </ItemGroup>\n</Project>\n",
      "src/LiteDbContext.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>' +
        '<PackageReference Include="LiteDB" Version="6.0.0-prerelease.77" /></ItemGroup></Project>',
      "src/packages.lock.json": lock({ LiteDB: "6.0.0-prerelease.77", MinVer: "7.0.0" }),
      "test/LiteDbContext.Tests.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<IsTestProject>true</IsTestProject></PropertyGroup></Project>",
      "test/packages.lock.json": lock({
        MinVer: "7.0.0",
        "Microsoft.NET.Test.Sdk": "18.0.1",
        xunit: "2.9.3",
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.name} ${c.scopes}`), [
      "LiteDB runtime",
      "Microsoft.NET.Test.Sdk dev",
      "MinVer build,dev",
      "xunit dev",
    ]);
  });
});

// Found by the .NET sweep (AtyaLibraries/Atya.Templates.NuGetPackage): a test project whose own
// MSBuild SDK (`<Project Sdk="Atya.Build.Sdk">`) adds the test packages; the project file declares
// none, the lock has Microsoft.NET.Test.Sdk and xunit.v3 as Direct. Its packages were runtime.
Deno.test("readNugetLock: a test package the lock has as Direct makes a test project", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "src/Lib/Lib.csproj": '<Project Sdk="Atya.Build.Sdk"><PropertyGroup>' +
        "<PackageId>Atya.Lib</PackageId></PropertyGroup></Project>",
      "tests/Lib.Tests/Lib.Tests.csproj": '<Project Sdk="Atya.Build.Sdk"><ItemGroup>' +
        '<ProjectReference Include="..\\..\\src\\Lib\\Lib.csproj" /></ItemGroup></Project>',
      "tests/Lib.Tests/packages.lock.json": JSON.stringify({
        version: 2,
        dependencies: {
          "net10.0": {
            "Microsoft.NET.Test.Sdk": {
              type: "Direct",
              requested: "[18.6.0, )",
              resolved: "18.6.0",
            },
            NSubstitute: {
              type: "Direct",
              requested: "[5.3.0, )",
              resolved: "5.3.0",
              dependencies: { "Castle.Core": "5.1.1" },
            },
            "Castle.Core": { type: "Transitive", resolved: "5.1.1" },
            "Atya.Lib": { type: "Project", dependencies: { "Atya.Guards": "[1.0.0, )" } },
            "Atya.Guards": { type: "CentralTransitive", requested: "[1.0.0, )", resolved: "1.0.0" },
          },
        },
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.name} ${c.scopes}`), [
      "Atya.Guards runtime", // the library's own dependency, through the library
      "Castle.Core dev",
      "Microsoft.NET.Test.Sdk dev",
      "NSubstitute dev",
    ]);
    // The xUnit.net v3 packages, which need no test SDK, make one too.
    const lock = (direct: string): string =>
      JSON.stringify({
        version: 1,
        dependencies: { "net8.0": { [direct]: { type: "Direct", resolved: "3.2.2" } } },
      });
    const out = readNugetLock(lock("xunit.v3.mtp-v2"), {
      path: "T/packages.lock.json",
      load: () => undefined,
    });
    assert.deepEqual(out.components.map((c) => c.scopes), [["dev"]]);
  });
});

// Found by the JVM/.NET sweep (CollapseLauncher/Hi3Helper.EncTool, a library with IsTrimmable and
// IsAotCompatible): the .NET SDK adds Microsoft.NET.ILLink.Tasks itself (PrivateAssets="all"), and
// a .NET Framework target Microsoft.NETFramework.ReferenceAssemblies; the lock has them as Direct
// though no project file declares them. They were runtime; they are build tools.
Deno.test("readNugetLock: the build tools the .NET SDK references itself are build", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Tool.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<TargetFrameworks>net9.0;net472</TargetFrameworks><IsTrimmable>true</IsTrimmable>" +
        '</PropertyGroup><ItemGroup><PackageReference Include="Google.Protobuf" Version="3.30.0" />' +
        "</ItemGroup></Project>",
      "packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "net9.0": {
            "Google.Protobuf": { type: "Direct", requested: "[3.30.0, )", resolved: "3.30.0" },
            "Microsoft.NET.ILLink.Tasks": {
              type: "Direct",
              requested: "[9.0.2, )",
              resolved: "9.0.2",
            },
          },
          ".NETFramework,Version=v4.7.2": {
            "Google.Protobuf": { type: "Direct", requested: "[3.30.0, )", resolved: "3.30.0" },
            "Microsoft.NETFramework.ReferenceAssemblies": {
              type: "Direct",
              requested: "[1.0.3, )",
              resolved: "1.0.3",
              dependencies: { "Microsoft.NETFramework.ReferenceAssemblies.net472": "1.0.3" },
            },
            "Microsoft.NETFramework.ReferenceAssemblies.net472": {
              type: "Transitive",
              resolved: "1.0.3",
            },
          },
        },
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.name} ${c.scopes}`), [
      "Google.Protobuf runtime",
      "Microsoft.NET.ILLink.Tasks build",
      "Microsoft.NETFramework.ReferenceAssemblies.net472 build",
      "Microsoft.NETFramework.ReferenceAssemblies build",
    ]);
  });
});

// Found by the JVM/.NET sweep (0xced/Chisel, a netstandard2.0 MSBuild task): the .NET SDK
// references NETStandard.Library itself, and for .NET Standard 2.0 and later with
// PrivateAssets="All" (Microsoft.NET.Sdk.DefaultItems.targets): reference assemblies and build
// targets, no dependency of the package. It was runtime, with Microsoft.NETCore.Platforms; it is
// still a run-time dependency of a netstandard1.x project.
Deno.test("readNugetLock: NETStandard.Library the SDK references for netstandard2.0 is build", async () => {
  const library = (version: string): Record<string, unknown> => ({
    type: "Direct",
    requested: `[${version}, )`,
    resolved: version,
    dependencies: { "Microsoft.NETCore.Platforms": "1.1.0" },
  });
  const platforms = { type: "Transitive", resolved: "1.1.0" };
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Chisel.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<TargetFramework>netstandard2.0</TargetFramework></PropertyGroup><ItemGroup>" +
        '<PackageReference Include="PolySharp" Version="1.14.1" /></ItemGroup></Project>',
      "packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          ".NETStandard,Version=v2.0": {
            "NETStandard.Library": library("2.0.3"),
            "PolySharp": { type: "Direct", requested: "[1.14.1, )", resolved: "1.14.1" },
            "Microsoft.NETCore.Platforms": platforms,
          },
        },
      }),
    });
    const modern = await readInventory(dir);
    assert.deepEqual(modern.components.map((c) => `${c.name}@${c.version} ${c.scopes}`), [
      "Microsoft.NETCore.Platforms@1.1.0 build",
      "NETStandard.Library@2.0.3 build",
      "PolySharp@1.14.1 runtime",
    ]);
    await writeTree(dir, {
      "Chisel.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<TargetFramework>netstandard1.3</TargetFramework></PropertyGroup></Project>",
      "packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "netstandard1.3": {
            "NETStandard.Library": library("1.6.1"),
            "Microsoft.NETCore.Platforms": platforms,
          },
        },
      }),
    });
    const old = await readInventory(dir);
    assert.deepEqual(old.components.map((c) => `${c.name}@${c.version} ${c.scopes}`), [
      "Microsoft.NETCore.Platforms@1.1.0 runtime",
      "NETStandard.Library@1.6.1 runtime",
    ]);
  });
});

// Found by the NuGet sweep (1llum1n4t1s/TurnOffTheDisplay, an app with PublishAot): the .NET SDK
// adds the Native AOT compiler Microsoft.DotNet.ILCompiler itself (PrivateAssets="all"), and the
// lock's runtime-specific graph gives it its runtime.<rid> pack. Both were runtime; they are the
// compiler, never in the output.
Deno.test("readNugetLock: the Native AOT compiler the .NET SDK references itself is build", async () => {
  await withTempDir(async (dir) => {
    const compiler = (dependencies?: Record<string, string>): Record<string, unknown> => ({
      type: "Direct",
      requested: "[10.0.12, )",
      resolved: "10.0.12",
      ...(dependencies === undefined ? {} : { dependencies }),
    });
    await writeTree(dir, {
      "App.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<TargetFramework>net10.0-windows8.0</TargetFramework><PublishAot>true</PublishAot>" +
        '</PropertyGroup><ItemGroup><PackageReference Include="Velopack" Version="1.2.161" />' +
        "</ItemGroup></Project>",
      "packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "net10.0-windows8.0": {
            "Microsoft.DotNet.ILCompiler": compiler(),
            "Velopack": { type: "Direct", requested: "[1.2.161, )", resolved: "1.2.161" },
          },
          "net10.0-windows8.0/win-x64": {
            "Microsoft.DotNet.ILCompiler": compiler({
              "runtime.win-x64.Microsoft.DotNet.ILCompiler": "10.0.12",
            }),
            "runtime.win-x64.Microsoft.DotNet.ILCompiler": {
              type: "Transitive",
              resolved: "10.0.12",
            },
          },
        },
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.name} ${c.scopes}`), [
      "Microsoft.DotNet.ILCompiler build",
      "Velopack runtime",
      "runtime.win-x64.Microsoft.DotNet.ILCompiler build",
    ]);
  });
});

Deno.test("readNugetLock: the scan of a solution gives one member per project and valid SBOMs", async () => {
  const inventory = await readInventory(SOLUTION);
  assert.deepEqual(inventory.members.map((m) => m.name), ["App", "Lib", "Tests"]);
  assert.equal(inventory.components.length, 11);
  const byId = new Map(inventory.components.map((c) => [c.id, c]));
  assert.deepEqual(byId.get("pkg:nuget/xunit@2.8.1")?.scopes, ["dev"]);
  assert.deepEqual(byId.get("pkg:nuget/Serilog@3.1.1")?.sources, [
    "App/packages.lock.json",
    "Tests/packages.lock.json",
  ], "the project files add no component when a lock covers them");
  await assertSbomsValid(inventory, "nuget solution");
});

// Bad input in files (truncated, duplicate keys, wrong version, invalid UTF-8, …): the golden
// cases under fixtures/dotnet/nuget_lock/invalid/ (tests/inventory/golden_test.ts).
Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(
    ["dotnet", "nuget_lock"],
    "inventory.nuget_lock.invalid",
  );
  // truncated, wrong version, duplicate keys, invalid UTF-8
  for (const name of ["truncated", "version", "duplicate", "utf8", "no-framework", "empty-id"]) {
    assert.ok(cases.includes(name), name);
  }
});

Deno.test({
  name: "readNugetLock: the Flow.Launcher solution (4 locks) is read whole",
  ignore: skipWithoutShared("the Flow.Launcher NuGet corpus test"),
  fn: async () => {
    const inventory = await readInventory(`${SHARED_DIR}/corpus/Flow-Launcher__Flow.Launcher`);
    // Counted with python3 json over the 4 packages.lock.json: 177 distinct (name, resolved)
    // among Direct/Transitive entries (4 names resolved in two versions across projects);
    // the Project entries name 3 projects, plus the 4th (Flow.Launcher) that owns a lock.
    assert.equal(inventory.components.length, 177);
    assert.deepEqual(inventory.members.map((m) => m.purl), [
      "pkg:nuget/Flow.Launcher@1.0.0",
      "pkg:nuget/Flow.Launcher.Core@1.0.0",
      "pkg:nuget/Flow.Launcher.Infrastructure@1.0.0",
      "pkg:nuget/Flow.Launcher.Plugin@5.2.0",
    ]);
    const byId = new Map(inventory.components.map((c) => [c.id, c]));
    for (
      const [purl, scopes] of [
        ["pkg:nuget/iNKORE.UI.WPF.Modern@0.10.1", "runtime"], // case kept
        ["pkg:nuget/Fody@6.9.3", "build"], // PrivateAssets in every project
        ["pkg:nuget/JetBrains.Annotations@2025.2.2", "runtime"],
      ]
    ) assert.equal(byId.get(purl)?.scopes.join(","), scopes, purl);
    assert.ok(inventory.components.every((c) => c.hashes.length === 1 && c.version !== undefined));
    assert.ok(
      !inventory.components.some((c) =>
        c.name.toLowerCase().startsWith("flow.launcher.") &&
        c.name !== "Flow.Launcher.Localization"
      ),
      "projects are members, never components",
    );
    await assertSbomsValid(inventory, "Flow-Launcher__Flow.Launcher");
  },
});

// Shaped like an older real lock (Azure/bicep, 2021): the framework written as
// `.NETStandard,Version=v2.0` and one empty section per runtime identifier.
Deno.test("readNugetLock: a framework named the long way, runtime sections empty", () => {
  const text = JSON.stringify({
    version: 1,
    dependencies: {
      ".NETStandard,Version=v2.0": {
        "Azure.Core": {
          type: "Direct",
          requested: "[1.14.0, )",
          resolved: "1.14.0",
          dependencies: { "System.Memory": "4.5.4" },
        },
        "System.Memory": { type: "Transitive", resolved: "4.5.4" },
      },
      ".NETStandard,Version=v2.0/linux-x64": {},
      ".NETStandard,Version=v2.0/win-x64": {},
    },
  });
  const out = readNugetLock(text, { path: "Lib/packages.lock.json", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(summary(out), [
    "pkg:nuget/Azure.Core@1.14.0 runtime direct",
    "pkg:nuget/System.Memory@4.5.4 runtime",
  ]);
});

// NuGet 7.x writes version 3 for a project with several targets of one framework, told apart by
// alias (NuGet/NuGet.Client#7105, PackagesLockFileFormat): each alias (`alias/rid`) is a key of
// the root whose object names its framework and holds the dependencies. It was refused (exit 2).
Deno.test("readNugetLock: version 3, one target per alias (and runtime), each naming its framework", () => {
  const hash =
    "oeXVp35q0tQFyJlZf1SFhZ8tiL9UnEoXtROknFKkYW4o+npI72SW1CzmuiywmjyrPrc1FOLsG7hPZc9I14Dlog==";
  const text = JSON.stringify(
    {
      version: 3,
      production: {
        framework: "net8.0",
        dependencies: {
          "Newtonsoft.Json": {
            type: "Direct",
            requested: "[13.0.3, )",
            resolved: "13.0.3",
            contentHash: hash,
          },
        },
      },
      "production/linux-x64": {
        framework: "net8.0",
        dependencies: {
          "Newtonsoft.Json": { type: "Direct", requested: "[13.0.3, )", resolved: "13.0.3" },
          "System.IO.Ports": { type: "Transitive", resolved: "8.0.0" },
        },
      },
      staging: {
        framework: "net8.0",
        dependencies: {
          "Newtonsoft.Json": {
            type: "Direct",
            requested: "[12.0.1, )",
            resolved: "12.0.1",
            dependencies: { "System.Memory": "4.5.5" },
          },
          "System.Memory": { type: "Transitive", resolved: "4.5.5" },
        },
      },
    },
    null,
    2,
  );
  const out = readNugetLock(text, { path: "App/packages.lock.json", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(summary(out), [
    "pkg:nuget/Newtonsoft.Json@12.0.1 runtime direct",
    "pkg:nuget/Newtonsoft.Json@13.0.3 runtime direct #",
    "pkg:nuget/System.IO.Ports@8.0.0 runtime",
    "pkg:nuget/System.Memory@4.5.5 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:nuget/Newtonsoft.Json@12.0.1"), [
    "pkg:nuget/System.Memory@4.5.5 runtime",
  ]);
});

// Found by sweep 21 (the NuGet twin of 5225225/in-place-string-map's stale Cargo.lock): a
// PackageReference the lock beside the project does not have was left out of the SBOM without a
// word; `dotnet restore` (not in locked mode) re-resolves and ships it. A reference under a
// Condition vouch cannot evaluate may not hold, and a GlobalPackageReference is locked as Direct.
Deno.test("readNugetLock: what the project declares and the lock does not lock is warned about", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Directory.Packages.props": "<Project><PropertyGroup>" +
        "<ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>" +
        '<ItemGroup><PackageVersion Include="Serilog" Version="3.1.1" />' +
        '<PackageVersion Include="Polly" Version="8.4.0" />' +
        '<PackageVersion Include="Humanizer" Version="2.14.1" />' +
        '<GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />' +
        "</ItemGroup></Project>",
      "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>' +
        '<PackageReference Include="serilog" /><PackageReference Include="Polly" />' +
        "</ItemGroup><ItemGroup Condition=\"'$(Configuration)' == 'Release'\">" +
        '<PackageReference Include="Humanizer" /></ItemGroup></Project>',
      "src/App/packages.lock.json": JSON.stringify({
        version: 2,
        dependencies: {
          "net8.0": {
            "Nerdbank.GitVersioning": { type: "Direct", resolved: "3.6.133" },
            Serilog: { type: "Direct", resolved: "3.1.1" },
          },
          "net8.0/linux-x64": {},
        },
      }),
    });
    const path = "src/App/packages.lock.json";
    const context = treeContext(dir);
    const out = readNugetLock(context.load(path)!, { path, ...context });
    assertWellFormed(out);
    assert.deepEqual(out.warnings?.filter((w) => w.startsWith(path)), [
      `${path} does not lock what src/App/App.csproj declares (Polly): the lock is out of date ` +
      "and those packages are not in the SBOM; run `dotnet restore --force-evaluate` and commit " +
      path,
    ], "Serilog is locked whatever its case, Humanizer is conditioned");
    const inventory = await readInventory(dir);
    assert.ok(inventory.warnings?.some((w) => w.startsWith(`${path} does not lock`)));
  });
});

// Found by sweep 19 (.NET): a PackageReference whose version was raised after the lock was
// written (13.0.1 -> 13.0.3) kept the old locked version without a word, though NuGet finds such
// a lock out of date (PackagesLockFileUtilities.HasProjectDependencyChanged: a Direct entry's
// `requested` must be the reference's range; `--locked-mode` fails with NU1004). A version in
// another normalized form (`8.0` for `[8.0.0, )`) is the same, and a Condition-ed or floating
// declaration is not compared.
Deno.test("readNugetLock: a declared version the lock requests no more is warned about", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<TargetFrameworks>net8.0;netstandard2.0</TargetFrameworks>" +
        "<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile></PropertyGroup>" +
        '<ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" />' +
        '<PackageReference Include="Serilog" Version="4.0" />' +
        '<PackageReference Include="Polly" Version="8.*" />' +
        "</ItemGroup><ItemGroup Condition=\"'$(Configuration)' == 'Release'\">" +
        '<PackageReference Include="Humanizer" Version="2.14.1" /></ItemGroup></Project>',
      "src/App/packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: Object.fromEntries(
          ["net8.0", ".NETStandard,Version=v2.0"].map((tfm) => [tfm, {
            Humanizer: { type: "Direct", requested: "[2.13.14, )", resolved: "2.13.14" },
            "Newtonsoft.Json": { type: "Direct", requested: "[13.0.1, )", resolved: "13.0.1" },
            Polly: { type: "Direct", requested: "[8.*, )", resolved: "8.4.0" },
            Serilog: { type: "Direct", requested: "[4.0.0, )", resolved: "4.0.0" },
            ...tfm === "net8.0" ? {} : {
              "NETStandard.Library": { type: "Direct", requested: "[2.0.3, )", resolved: "2.0.3" },
            },
          }]),
        ),
      }),
    });
    const path = "src/App/packages.lock.json";
    const context = treeContext(dir);
    const out = readNugetLock(context.load(path)!, { path, ...context });
    assertWellFormed(out);
    assert.deepEqual(out.warnings?.filter((w) => w.startsWith(path)), [
      `${path} locks other versions than src/App/App.csproj declares (Newtonsoft.Json 13.0.3: ` +
      "the lock requests [13.0.1, )): the lock is out of date (a restore re-resolves them; " +
      "`--locked-mode` fails, NU1004) and the SBOM has the locked versions; run " +
      `\`dotnet restore --force-evaluate\` and commit ${path}`,
    ]);
    assert.ok(out.components.some((c) => c.id === "pkg:nuget/Newtonsoft.Json@13.0.1"));
  });
});

// A lock written before the project changed its target frameworks (net6.0 -> net9.0) was read
// without a word, though NuGet finds it out of date (PackagesLockFileUtilities.IsLockFileStillValid:
// PackagesLockFile_MismatchedTargetFrameworks when the counts differ, NewTargetFramework for a
// framework the lock lacks; `--locked-mode` fails, NU1004). Frameworks compare as NuGet's do: the
// long name of older locks is the short one, and a platform without a version is the lock's
// `windows7.0`; frameworks set under a Condition are not compared.
Deno.test("readNugetLock: a lock of other target frameworks than the project's is warned about", async () => {
  const project = (frameworks: string, condition = ""): string =>
    '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
    `<TargetFrameworks${condition}>${frameworks}</TargetFrameworks></PropertyGroup>` +
    '<ItemGroup><PackageReference Include="Serilog" Version="4.0.0" /></ItemGroup></Project>';
  const lock = (...frameworks: string[]): string =>
    JSON.stringify({
      version: 1,
      dependencies: Object.fromEntries(frameworks.map((tfm) => [tfm, {
        Serilog: { type: "Direct", requested: "[4.0.0, )", resolved: "4.0.0" },
      }])),
    });
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "App/App.csproj": project("net8.0;net9.0"),
      "App/packages.lock.json": lock("net6.0", "net8.0", "net8.0/linux-x64"),
      "Win/Win.csproj": project("net8.0-windows;net472"),
      "Win/packages.lock.json": lock("net8.0-windows7.0", ".NETFramework,Version=v4.7.2"),
      "Cond/Cond.csproj": project("net8.0;net9.0", " Condition=\"'$(OS)' == 'Windows_NT'\""),
      "Cond/packages.lock.json": lock("net6.0"),
    });
    const context = treeContext(dir);
    const read = (path: string) => readNugetLock(context.load(path)!, { path, ...context });
    const path = "App/packages.lock.json";
    assert.deepEqual(read(path).warnings, [
      `${path} locks the target frameworks net6.0, net8.0 while App/App.csproj targets net8.0, ` +
      "net9.0: the lock is out of date (a restore re-resolves it; `--locked-mode` fails, NU1004) " +
      `and the SBOM has what it locks; run \`dotnet restore --force-evaluate\` and commit ${path}`,
    ]);
    assert.equal(read("Win/packages.lock.json").warnings, undefined);
    assert.equal(read("Cond/packages.lock.json").warnings, undefined);
  });
});

// Found by sweep 19 (.NET): a declared package the lock has only as Transitive (it was a
// dependency of another before the project named it) was said to be missing from the SBOM, which
// has it at the locked version.
Deno.test("readNugetLock: a declared package locked only as transitive is not said to be missing", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "App.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<TargetFramework>net8.0</TargetFramework></PropertyGroup><ItemGroup>" +
        '<PackageReference Include="Serilog.Sinks.Console" Version="6.0.0" />' +
        '<PackageReference Include="Serilog" Version="4.0.0" />' +
        '<PackageReference Include="Polly" Version="8.4.0" /></ItemGroup></Project>',
      "packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "net8.0": {
            "Serilog.Sinks.Console": {
              type: "Direct",
              requested: "[6.0.0, )",
              resolved: "6.0.0",
              dependencies: { Serilog: "4.0.0" },
            },
            Serilog: { type: "Transitive", resolved: "4.0.0" },
          },
        },
      }),
    });
    const path = "packages.lock.json";
    const context = treeContext(dir);
    const out = readNugetLock(context.load(path)!, { path, ...context });
    assertWellFormed(out);
    assert.deepEqual(out.warnings?.filter((w) => w.startsWith(path)), [
      `${path} does not lock what App.csproj declares (Polly): the lock is out of date and those ` +
      "packages are not in the SBOM; run `dotnet restore --force-evaluate` and commit " + path,
      `${path} locks what App.csproj declares only as transitive dependencies (Serilog): the ` +
      "lock is out of date (a restore re-resolves them) and the SBOM has them at the versions " +
      "it locks; run `dotnet restore --force-evaluate` and commit " + path,
    ]);
    assert.ok(out.components.some((c) => c.id === "pkg:nuget/Serilog@4.0.0"));
  });
});

Deno.test("readNugetLock: a referenced project the lock lacks is warned about, unless its reference is conditioned", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>' +
        '<ProjectReference Include="../Core/Core.csproj" />' +
        '<ProjectReference Include="..\\Data\\Data.csproj" />' +
        '<ProjectReference Include="../Named/Named.csproj" />' +
        "</ItemGroup><ItemGroup Condition=\"'$(TargetFramework)' == 'net48'\">" +
        '<ProjectReference Include="../Legacy/Legacy.csproj" /></ItemGroup></Project>',
      "src/Core/Core.csproj": '<Project Sdk="Microsoft.NET.Sdk" />',
      "src/Data/Data.csproj": '<Project Sdk="Microsoft.NET.Sdk" />',
      "src/Named/Named.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<PackageId>Acme.Named</PackageId></PropertyGroup></Project>",
      "src/Legacy/Legacy.csproj": '<Project Sdk="Microsoft.NET.Sdk" />',
      "src/App/packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "net8.0": {
            core: { type: "Project" },
            "acme.named": { type: "Project" },
          },
        },
      }),
    });
    const path = "src/App/packages.lock.json";
    const context = treeContext(dir);
    const out = readNugetLock(context.load(path)!, { path, ...context });
    assertWellFormed(out);
    assert.deepEqual(out.warnings, [
      `${path} does not lock the projects src/App/App.csproj references (Data): the lock is out ` +
      "of date and those packages are not in the SBOM; run `dotnet restore --force-evaluate` and " +
      `commit ${path}`,
    ], "Core is locked in lowercase, Named by its PackageId, Legacy is conditioned");
  });
});

Deno.test("readNugetLock: a Project entry is named after its project file, not the lock's lowercase key", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // Two project files beside the lock: vouch cannot tell whose it is, so no references are
      // followed; the Project entries' files are found in the tree.
      "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk" />',
      "src/App/Other.csproj": '<Project Sdk="Microsoft.NET.Sdk" />',
      "src/Acme.Core/Acme.Core.csproj": '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup>' +
        "<Version>2.1.0</Version></PropertyGroup></Project>",
      "lib/Shared.Utils.fsproj": '<Project Sdk="Microsoft.NET.Sdk" />',
      "src/App/packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "net8.0": {
            "acme.core": { type: "Project" },
            "shared.utils": { type: "Project" },
            "gone.project": { type: "Project" },
          },
        },
      }),
    });
    const path = "src/App/packages.lock.json";
    const context = treeContext(dir);
    const out = readNugetLock(context.load(path)!, { path, ...context });
    assertWellFormed(out);
    assert.deepEqual(
      out.members.map((m) => [m.id, m.name, m.purl]).filter(([, name]) => name !== "App"),
      [
        ["pkg:nuget/acme.core", "Acme.Core", "pkg:nuget/Acme.Core@2.1.0"],
        ["pkg:nuget/gone.project", "gone.project", "pkg:nuget/gone.project"],
        ["pkg:nuget/shared.utils", "Shared.Utils", "pkg:nuget/Shared.Utils@1.0.0"],
      ],
    );
  });
});

Deno.test("readNugetLock: NuGet locks no DotNetCliToolReference: the project's are read from it", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // A tool is restored as a project of its own (GetRestoreDotnetCliToolsTask): not in the lock.
      "src/Web/Web.csproj": '<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup>' +
        "<TargetFramework>netcoreapp2.1</TargetFramework>" +
        "<RestorePackagesWithLockFile>true</RestorePackagesWithLockFile></PropertyGroup>" +
        '<ItemGroup><PackageReference Include="Serilog" Version="2.7.1" />' +
        '<DotNetCliToolReference Include="Microsoft.DotNet.Watcher.Tools" Version="2.0.2" />' +
        "</ItemGroup></Project>",
      "src/Web/packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "netcoreapp2.1": {
            Serilog: { type: "Direct", requested: "[2.7.1, )", resolved: "2.7.1" },
          },
        },
      }),
    });
    const path = "src/Web/packages.lock.json";
    const context = treeContext(dir);
    const out = readNugetLock(context.load(path)!, { path, ...context });
    assertWellFormed(out);
    assert.deepEqual(edgesFrom(out, "pkg:nuget/web"), [
      "pkg:nuget/Microsoft.DotNet.Watcher.Tools@2.0.2 build",
      "pkg:nuget/Serilog@2.7.1 runtime",
    ]);
    assert.equal(out.warnings, undefined, "a tool is not a declaration the lock lacks");
  });
});

Deno.test("readNugetLock: NuGet locks no PackageDownload nor project SDK: the project's are read from it", async () => {
  const lock = (direct: Record<string, string>): string =>
    JSON.stringify({
      version: 1,
      dependencies: {
        "net8.0": Object.fromEntries(
          Object.entries(direct).map(([name, v]) => [
            name,
            { type: "Direct", requested: `[${v}, )`, resolved: v },
          ]),
        ),
      },
    });
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // Nor the SDKs NuGet's SDK resolver restores (at global.json's version here).
      "global.json": '{ "msbuild-sdks": { "Microsoft.Build.CopyOnWrite": "1.0.334" } }',
      "build/_build.csproj": '<Project Sdk="Microsoft.NET.Sdk;Microsoft.Build.CopyOnWrite">' +
        "<ItemGroup>" +
        '<PackageReference Include="Nuke.Common" Version="8.1.4" />' +
        '<PackageReference Include="Microsoft.DotNet.ILCompiler" Version="8.0.11" />' +
        '<PackageDownload Include="GitVersion.Tool" Version="[6.3.0]" />' +
        '<PackageDownload Include="Microsoft.DotNet.ILCompiler" Version="[9.0.0]" />' +
        "</ItemGroup></Project>",
      "build/packages.lock.json": lock({
        "Microsoft.DotNet.ILCompiler": "8.0.11",
        "Nuke.Common": "8.1.4",
      }),
      "tests/Tests/Tests.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>' +
        '<PackageReference Include="Microsoft.NET.Test.Sdk" Version="17.12.0" />' +
        '<PackageDownload Include="Microsoft.NETCore.App.Runtime.win-x64" Version="[8.0.11]" />' +
        "</ItemGroup></Project>",
      "tests/Tests/packages.lock.json": lock({ "Microsoft.NET.Test.Sdk": "17.12.0" }),
    });
    const path = "build/packages.lock.json";
    const context = treeContext(dir);
    const out = readNugetLock(context.load(path)!, { path, ...context });
    assertWellFormed(out);
    assert.deepEqual(edgesFrom(out, "pkg:nuget/_build"), [
      "pkg:nuget/GitVersion.Tool@6.3.0 build",
      "pkg:nuget/Microsoft.Build.CopyOnWrite@1.0.334 build",
      "pkg:nuget/Microsoft.DotNet.ILCompiler@8.0.11 runtime",
      "pkg:nuget/Microsoft.DotNet.ILCompiler@9.0.0 build",
      "pkg:nuget/Nuke.Common@8.1.4 runtime",
    ]);
    assert.deepEqual(out.components.find((c) => c.name === "GitVersion.Tool")?.sources, [
      "build/_build.csproj",
    ]);
    assert.equal(out.warnings, undefined, "a download is not a declaration the lock lacks");
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes}`), [
      "pkg:nuget/GitVersion.Tool@6.3.0 build",
      "pkg:nuget/Microsoft.Build.CopyOnWrite@1.0.334 build",
      "pkg:nuget/Microsoft.DotNet.ILCompiler@8.0.11 runtime",
      "pkg:nuget/Microsoft.DotNet.ILCompiler@9.0.0 build",
      "pkg:nuget/Microsoft.NET.Test.Sdk@17.12.0 dev",
      "pkg:nuget/Microsoft.NETCore.App.Runtime.win-x64@8.0.11 dev", // a test project's
      "pkg:nuget/Nuke.Common@8.1.4 runtime",
    ]);
    await assertSbomsValid(inventory, "nuget lock downloads");
  });
});

// With a lock, the packages MSTest.Sdk references itself are the lock's (NuGet restores them with
// the project's own): no warning, and the project is a test project.
Deno.test("readNugetLock: an MSTest.Sdk project's lock has the SDK's packages, all dev", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "App.Tests/App.Tests.csproj": `<Project Sdk="MSTest.Sdk/3.6.1">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Moq" Version="4.20.72" /></ItemGroup>
</Project>
`,
      "App.Tests/packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "net8.0": {
            "MSTest.Analyzers": { type: "Direct", requested: "[3.6.1, )", resolved: "3.6.1" },
            "MSTest.TestAdapter": { type: "Direct", requested: "[3.6.1, )", resolved: "3.6.1" },
            "MSTest.TestFramework": { type: "Direct", requested: "[3.6.1, )", resolved: "3.6.1" },
            Moq: { type: "Direct", requested: "[4.20.72, )", resolved: "4.20.72" },
          },
        },
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.name} ${c.scopes}`), [
      "MSTest.Analyzers dev",
      "MSTest.Sdk build",
      "MSTest.TestAdapter dev",
      "MSTest.TestFramework dev",
      "Moq dev",
    ]);
    assert.equal(inventory.warnings?.some((w) => w.includes("packages of its own")), false);
  });
});

// A tree that sets RestorePackagesWithLockFile gives its traversal `dirs.proj` a lock too (NuGet
// restores it, microsoft/MSBuildSdks Traversal.props): what it locks is for the build, and the
// projects it builds are no dependencies of it. A build script beside a project owns no lock.
Deno.test("readNugetLock: a traversal dirs.proj's lock is build, and no member", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "dirs.proj": `<Project Sdk="Microsoft.Build.Traversal/4.1.0">
  <ItemGroup>
    <ProjectReference Include="src\\App\\App.csproj" />
    <PackageReference Include="Microsoft.Build.Artifacts" Version="6.1.48" />
  </ItemGroup>
</Project>
`,
      "packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "net8.0": {
            "Microsoft.Build.Artifacts": {
              type: "Direct",
              requested: "[6.1.48, )",
              resolved: "6.1.48",
            },
            app: { type: "Project", dependencies: { "Newtonsoft.Json": "[13.0.3, )" } },
            "Newtonsoft.Json": { type: "Transitive", resolved: "13.0.3" },
          },
        },
      }),
      "src/App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup>
</Project>
`,
      "src/App/build.proj": `<Project DefaultTargets="Build"><Target Name="Build" /></Project>\n`,
      "src/App/packages.lock.json": JSON.stringify({
        version: 1,
        dependencies: {
          "net8.0": {
            "Newtonsoft.Json": { type: "Direct", requested: "[13.0.3, )", resolved: "13.0.3" },
          },
        },
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes}`), [
      "pkg:nuget/Microsoft.Build.Artifacts@6.1.48 build",
      "pkg:nuget/Microsoft.Build.Traversal@4.1.0 build",
      "pkg:nuget/Newtonsoft.Json@13.0.3 runtime",
    ]);
    assert.deepEqual(edgesFrom(inventory, ROOT_ID), [
      "pkg:nuget/Microsoft.Build.Artifacts@6.1.48 build",
      "pkg:nuget/Microsoft.Build.Traversal@4.1.0 build",
      "pkg:nuget/app runtime",
    ]);
    assert.equal(inventory.warnings?.some((w) => w.includes("may all use it")) ?? false, false);
  });
});

// Visual Studio's "React and ASP.NET Core" template with a lock: NuGet has the client's esproj, which
// the server references, as a Project entry; that project is the npm one of the package.json
// beside it (Microsoft.VisualStudio.JavaScript.Sdk runs its scripts), not a .NET project.
Deno.test("readNugetLock: a Project entry of a *.esproj is the npm project beside it", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "App.Server/App.Server.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.AspNetCore.SpaProxy" Version="8.0.11" />
    <ProjectReference Include="..\\app.client\\app.client.esproj">
      <ReferenceOutputAssembly>false</ReferenceOutputAssembly>
    </ProjectReference>
  </ItemGroup>
</Project>
`,
      "App.Server/packages.lock.json": JSON.stringify(
        {
          version: 1,
          dependencies: {
            "net8.0": {
              "Microsoft.AspNetCore.SpaProxy": {
                type: "Direct",
                requested: "[8.0.11, )",
                resolved: "8.0.11",
                contentHash:
                  "5jVBbAe1x6NH8+SGyfGfc98WWb4+LSnZwHBYfGqe/ss84CHLA9oSkRVMyGcR/zJ7ViS7vu91jjj+I6w14smjOQ==",
              },
              "app.client": { type: "Project" },
            },
          },
        },
        null,
        2,
      ),
      "app.client/app.client.esproj":
        '<Project Sdk="Microsoft.VisualStudio.JavaScript.Sdk/1.0.1184077">\n' +
        "  <PropertyGroup><StartupCommand>npm run dev</StartupCommand></PropertyGroup>\n" +
        "</Project>\n",
      "app.client/package.json": '{ "name": "app.client", "private": true, "version": "0.0.0",' +
        ' "dependencies": { "react": "^18.3.1" } }\n',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.members.map((m) => `${m.id} ${m.name}`).sort(), [
      "pkg:nuget/app.server App.Server",
      "workspace:app.client app.client",
    ]);
    assert.deepEqual(edgesFrom(inventory, "pkg:nuget/app.server"), [
      "pkg:nuget/Microsoft.AspNetCore.SpaProxy@8.0.11 runtime",
      "workspace:app.client build",
    ]);
    await assertSbomsValid(inventory, "nuget lock esproj project");
  });
});
