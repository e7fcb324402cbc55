import assert from "node:assert/strict";
import { nugetSources } from "../../../src/inventory/dotnet/_nuget_config.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { withTempDir } from "../../_util.ts";
import { assertVouchError } from "../_lockfile_invariants.ts";
import { writeTree } from "../_tree.ts";

// NuGet.Configuration: `Settings.OrderedSettingsFileNames` (nuget.config, NuGet.config,
// NuGet.Config: the first of a folder), the folders up from the project's, the nearest file
// winning and `<clear/>` dropping what the files above added (the user-level NuGet.Config's
// nuget.org among them); `PackageSourceMapping`: the pattern naming the id most closely.
const config = (sections: string): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n${sections}</configuration>\n`;
const CONTOSO = "https://pkgs.dev.azure.com/contoso/_packaging/feed/nuget/v3/index.json";
const FABRIKAM = "https://nuget.pkg.github.com/fabrikam/index.json";

Deno.test("nugetSources: the source a package comes from, by nuget.config", () => {
  const of = (files: Record<string, string>, id: string, folder = "src/App") =>
    nugetSources(folder, (p) => files[p])?.sourceOf(id);
  // No nuget.config: nuget.org, nothing to say.
  assert.equal(of({}, "Serilog"), undefined);
  // Added beside nuget.org, no mapping: NuGet takes the first that answers, vouch cannot tell
  // which, keeps nuget.org and says so.
  const added = config(
    `  <packageSources>\n    <add key="contoso" value="${CONTOSO}" />\n` +
      "  </packageSources>\n",
  );
  assert.deepEqual(of({ "nuget.config": added }, "Contoso.Logging"), {
    warning: "nuget.config: NuGet takes packages from whichever of the sources nuget.org, " +
      "contoso answers first (no packageSourceMapping says which), so vouch cannot tell which " +
      "a package came from: their purls assume nuget.org",
  });
  // nuget.org alone, by its v3 and its v2 URL: nothing to say.
  const twice = config(
    '  <packageSources>\n    <add key="nuget.org v2" value="https://www.nuget.org/api/v2/" />\n' +
      "  </packageSources>\n",
  );
  assert.deepEqual(of({ "nuget.config": twice }, "Serilog"), {});
  // Any host of nuget.org's is nuget.org (NuGet's UriUtility.IsNuGetOrg: `nuget.org` or
  // `*.nuget.org`, case ignored): the bare host of its old v2 feed too.
  const bare = config(
    "  <packageSources>\n    <clear />\n" +
      '    <add key="nuget" value="HTTPS://NuGet.org/api/v2/" />\n  </packageSources>\n',
  );
  assert.deepEqual(of({ "nuget.config": bare }, "Serilog"), {});
  // The only source left after <clear/>, in a folder above the project.
  const only = config(
    `  <packageSources>\n    <clear />\n    <add key="contoso" ` +
      `value="https://user:token@pkgs.dev.azure.com/contoso/_packaging/feed/nuget/v3/index.json" />\n` +
      "  </packageSources>\n",
  );
  assert.deepEqual(of({ "NuGet.Config": only }, "Serilog"), { repositoryUrl: CONTOSO });
  // A nearer file adds nuget.org again; one nearer still disables it.
  const nearer = config(
    '  <packageSources>\n    <add key="nuget.org" ' +
      'value="https://api.nuget.org/v3/index.json" />\n  </packageSources>\n',
  );
  assert.match(
    of({ "NuGet.Config": only, "src/nuget.config": nearer }, "Serilog")?.warning ?? "",
    /^src\/nuget\.config: .* sources contoso, nuget\.org answers first .*assume nuget\.org$/,
  );
  const disabled = config(
    "  <disabledPackageSources>\n" +
      '    <add key="nuget.org" value="true" />\n  </disabledPackageSources>\n',
  );
  assert.deepEqual(
    of({ "NuGet.Config": only, "src/nuget.config": nearer, "src/App/nuget.config": disabled }, "x"),
    { repositoryUrl: CONTOSO },
  );
  // A source keyed by its URL, credentials and all: the warning names it without them.
  const keyedByUrl = config(
    "  <packageSources>\n" +
      '    <add key="https://ci:Sup3rS3cret@pkgs.example.com/nuget/v3/index.json" ' +
      'value="https://ci:Sup3rS3cret@pkgs.example.com/nuget/v3/index.json" />\n' +
      "  </packageSources>\n",
  );
  const shown = of({ "nuget.config": keyedByUrl }, "Contoso.Logging")?.warning ?? "";
  assert.match(
    shown,
    /sources nuget\.org, https:\/\/pkgs\.example\.com\/nuget\/v3\/index\.json answers/,
  );
  assert.ok(!shown.includes("Sup3rS3cret"));
  // Several sources and no mapping: a warning.
  const several = config(
    `  <packageSources>\n    <clear />\n    <add key="contoso" ` +
      `value="${CONTOSO}" />\n    <add key="fabrikam" value="${FABRIKAM}" />\n  </packageSources>\n`,
  );
  assert.match(
    of({ "nuget.config": several }, "Contoso.Logging")?.warning ?? "",
    /nuget\.config: NuGet takes packages from whichever of the sources contoso, fabrikam answers first .*: their purls name no repository_url/,
  );
  // A mapping: the exact id, else the longest prefix, case ignored.
  const mapped = several.replace(
    "</configuration>",
    "  <packageSourceMapping>\n" +
      '    <packageSource key="nuget.org">\n      <package pattern="*" />\n    </packageSource>\n' +
      '    <packageSource key="contoso">\n      <package pattern="Contoso.*" />\n' +
      '      <package pattern="Fabrikam.Special" />\n    </packageSource>\n' +
      '    <packageSource key="fabrikam">\n      <package pattern="fabrikam.*" />\n' +
      "    </packageSource>\n  </packageSourceMapping>\n</configuration>",
  );
  const files = { "nuget.config": mapped };
  assert.deepEqual(of(files, "Contoso.Logging"), { repositoryUrl: CONTOSO });
  assert.deepEqual(of(files, "Fabrikam.Core"), { repositoryUrl: FABRIKAM });
  assert.deepEqual(of(files, "Fabrikam.Special"), { repositoryUrl: CONTOSO });
  // `*` maps to nuget.org, which <clear/> dropped: no source (NuGet fails, NU1100).
  assert.deepEqual(of(files, "Serilog"), {});
  // A folder source: an absolute one is a file:// URL, a relative one has none.
  const folder = (value: string) =>
    config(
      `  <packageSources>\n    <clear />\n    <add key="local" value="${value}" />\n` +
        "  </packageSources>\n",
    );
  assert.deepEqual(of({ "nuget.config": folder("/srv/feed") }, "X", ""), {
    repositoryUrl: "file:///srv/feed",
  });
  assert.match(
    of({ "nuget.config": folder("./packages") }, "X", ".")?.warning ?? "",
    /takes packages from the folder \.\/packages \(source local\), which has no URL/,
  );
  // A URL naming an environment variable, which NuGet expands: its value is not known.
  for (
    const value of [
      `https://pkgs.dev.azure.com/%AZDO_ORG%/_packaging/feed/nuget/v3/index.json`,
      "%FEED_URL%",
    ]
  ) {
    assert.match(
      of({ "nuget.config": folder(value) }, "X", "")?.warning ?? "",
      /^nuget\.config: the source local, .*, names the environment variable %(AZDO_ORG|FEED_URL)%, which NuGet expands when it restores: .*no repository_url$/,
    );
  }
  // A URL's percent-encoding is no variable.
  const encoded = "https://feed.example/a%20b/%E2%80%99/%2Fx%/index.json";
  assert.deepEqual(of({ "nuget.config": folder(encoded) }, "X", ""), { repositoryUrl: encoded });
  // Only the first of a folder's names counts.
  assert.match(
    of({ "nuget.config": added, "NuGet.Config": only }, "Serilog")?.warning ?? "",
    /sources nuget\.org, contoso answers first/,
  );
  assertVouchError(
    () => of({ "nuget.config": "<packageSources/>" }, "X"),
    "inventory.nuget_config.invalid",
    /nuget\.config:1: the root element is <packageSources>, not <configuration>/,
  );
});

Deno.test("readInventory: a project's and its lock's packages of a mapped private feed", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "nuget.config": config(
        `  <packageSources>\n    <clear />\n    <add key="nuget.org" ` +
          `value="https://api.nuget.org/v3/index.json" protocolVersion="3" />\n` +
          `    <add key="contoso" value="${CONTOSO}" />\n  </packageSources>\n` +
          "  <packageSourceMapping>\n" +
          '    <packageSource key="nuget.org">\n      <package pattern="*" />\n' +
          '    </packageSource>\n    <packageSource key="contoso">\n' +
          '      <package pattern="Contoso.*" />\n    </packageSource>\n' +
          "  </packageSourceMapping>\n",
      ),
      "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n' +
        "    <TargetFramework>net8.0</TargetFramework>\n" +
        "    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>\n" +
        "  </PropertyGroup>\n  <ItemGroup>\n" +
        '    <PackageReference Include="Contoso.Logging" Version="1.2.0" />\n' +
        '    <PackageReference Include="Serilog" Version="4.0.0" />\n  </ItemGroup>\n</Project>\n',
      "src/App/packages.lock.json": JSON.stringify(
        {
          version: 1,
          dependencies: {
            "net8.0": {
              "Contoso.Logging": {
                type: "Direct",
                requested: "[1.2.0, )",
                resolved: "1.2.0",
                contentHash: "A".repeat(86) + "==",
              },
              Serilog: {
                type: "Direct",
                requested: "[4.0.0, )",
                resolved: "4.0.0",
                contentHash: "B".repeat(86) + "==",
              },
            },
          },
        },
        null,
        2,
      ),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:nuget/Contoso.Logging@1.2.0?repository_url=https:%2F%2Fpkgs.dev.azure.com%2Fcontoso%2F" +
      "_packaging%2Ffeed%2Fnuget%2Fv3%2Findex.json",
      "pkg:nuget/Serilog@4.0.0",
    ]);
  });
});

Deno.test("readInventory: a Nuget.Config in another case is read as Windows reads it, with a warning", async () => {
  const files: Record<string, string> = {
    "Nuget.Config": config(
      `  <packageSources>\n    <clear />\n    <add key="contoso" value="${CONTOSO}" />\n` +
        "  </packageSources>\n",
    ),
    "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n' +
      "    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n" +
      '    <PackageReference Include="Contoso.Logging" Version="1.2.0" />\n  </ItemGroup>\n' +
      "</Project>\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.purl), [
      "pkg:nuget/Contoso.Logging@1.2.0?repository_url=https:%2F%2Fpkgs.dev.azure.com" +
      "%2Fcontoso%2F_packaging%2Ffeed%2Fnuget%2Fv3%2Findex.json",
    ]);
    assert.match(
      (inventory.warnings ?? []).join("\n"),
      /Nuget\.Config: NuGet reads it on Windows and macOS, .* but not on Linux/,
    );
  });
});

Deno.test("readInventory: no credential of a nuget.config reaches the inventory", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "nuget.config": config(
        `  <packageSources>\n    <clear />\n    <add key="contoso" ` +
          'value="https://ci:Sup3rS3cret@pkgs.dev.azure.com/contoso/_packaging/feed/nuget/v3/index.json" />\n' +
          "  </packageSources>\n  <packageSourceCredentials>\n    <contoso>\n" +
          '      <add key="Username" value="ci-user" />\n' +
          '      <add key="ClearTextPassword" value="HunterToken42" />\n' +
          "    </contoso>\n  </packageSourceCredentials>\n",
      ),
      "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n' +
        "    <TargetFramework>net8.0</TargetFramework>\n  </PropertyGroup>\n  <ItemGroup>\n" +
        '    <PackageReference Include="Contoso.Logging" Version="1.2.0" />\n  </ItemGroup>\n' +
        "</Project>\n",
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:nuget/Contoso.Logging@1.2.0?repository_url=https:%2F%2Fpkgs.dev.azure.com%2Fcontoso%2F" +
      "_packaging%2Ffeed%2Fnuget%2Fv3%2Findex.json",
    ]);
    const text = JSON.stringify(inventory);
    for (const secret of ["Sup3rS3cret", "ci:", "ci-user", "HunterToken42"]) {
      assert.ok(!text.includes(secret), secret);
    }
  });
});

Deno.test("readInventory: a project's RestoreSources replace the nuget.config sources, as NuGet takes them", async () => {
  const csproj = (group: string): string =>
    '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n' +
    `    <TargetFramework>net8.0</TargetFramework>\n${group}  </PropertyGroup>\n  <ItemGroup>\n` +
    '    <PackageReference Include="Contoso.Logging" Version="1.2.0" />\n  </ItemGroup>\n' +
    "</Project>\n";
  const tree = (props: string): Record<string, string> => ({
    // nuget.org and fabrikam: left alone, a warning that vouch cannot tell which.
    "nuget.config": config(
      `  <packageSources>\n    <add key="fabrikam" value="${FABRIKAM}" />\n  </packageSources>\n`,
    ),
    "Directory.Build.props":
      `<Project>\n  <PropertyGroup>\n${props}  </PropertyGroup>\n</Project>\n`,
    "src/App/App.csproj": csproj(""),
  });
  const read = async (files: Record<string, string>) => {
    let out: { ids: string[]; warnings: string[] } = { ids: [], warnings: [] };
    await withTempDir(async (dir) => {
      await writeTree(dir, files);
      const inventory = await readInventory(dir);
      // Not the project's being read without a lock.
      const warnings = (inventory.warnings ?? []).filter((w) => !w.includes("not resolved"));
      out = { ids: inventory.components.map((c) => c.id), warnings };
    });
    return out;
  };
  const contoso = "pkg:nuget/Contoso.Logging@1.2.0?repository_url=https:%2F%2Fpkgs.dev.azure.com" +
    "%2Fcontoso%2F_packaging%2Ffeed%2Fnuget%2Fv3%2Findex.json";
  // The project's one source: its URL, no warning.
  let out = await read(tree(`    <RestoreSources>${CONTOSO}</RestoreSources>\n`));
  assert.deepEqual(out, { ids: [contoso], warnings: [] });
  // `Clear`, then an additional source: that one alone.
  out = await read(
    tree(
      "    <RestoreSources>Clear</RestoreSources>\n" +
        `    <RestoreAdditionalProjectSources>${CONTOSO}</RestoreAdditionalProjectSources>\n`,
    ),
  );
  assert.deepEqual(out, { ids: [contoso], warnings: [] });
  // Added to the settings' nuget.org and fabrikam: three, which vouch cannot tell apart.
  out = await read(
    tree(`    <RestoreAdditionalProjectSources>${CONTOSO}</RestoreAdditionalProjectSources>\n`),
  );
  assert.deepEqual(out.ids, ["pkg:nuget/Contoso.Logging@1.2.0"]);
  assert.match(
    out.warnings.join("\n"),
    /sources nuget\.org, fabrikam, https:\/\/pkgs\.dev\.azure\.com\/contoso\/.* answers first/,
  );
  // One with credentials in its URL, beside nuget.org: named in the warning without them.
  out = await read(
    tree(
      "    <RestoreSources>https://api.nuget.org/v3/index.json;" +
        "https://ci:Sup3rS3cret@pkgs.example.com/nuget/v3/index.json</RestoreSources>\n",
    ),
  );
  assert.deepEqual(out.ids, ["pkg:nuget/Contoso.Logging@1.2.0"]);
  assert.match(
    out.warnings.join("\n"),
    /sources nuget\.org, https:\/\/pkgs\.example\.com\/nuget\/v3\/index\.json answers first/,
  );
  assert.ok(!out.warnings.join("\n").includes("Sup3rS3cret"));
  // A computed one (the environment's): the settings' sources, with a warning.
  out = await read(tree("    <RestoreSources>$(PRIVATE_FEED)</RestoreSources>\n"));
  assert.deepEqual(out.ids, ["pkg:nuget/Contoso.Logging@1.2.0"]);
  assert.match(out.warnings.join("\n"), /src\/App\/App\.csproj: its RestoreSources is computed/);
  assert.match(out.warnings.join("\n"), /sources nuget\.org, fabrikam answers first/);
  // `$(RestoreSources);…`, the self-reference no file before set: empty, the listed URL alone.
  out = await read(tree(`    <RestoreSources>$(RestoreSources);${CONTOSO}</RestoreSources>\n`));
  assert.deepEqual(out, { ids: [contoso], warnings: [] });
  out = await read(
    tree(
      "    <RestoreSources>Clear</RestoreSources>\n    <RestoreAdditionalProjectSources>" +
        `$(RestoreAdditionalProjectSources);${CONTOSO}</RestoreAdditionalProjectSources>\n`,
    ),
  );
  assert.deepEqual(out, { ids: [contoso], warnings: [] });
  // Another property beside it is still computed.
  out = await read(
    tree(`    <RestoreSources>$(RestoreSources);$(PRIVATE_FEED);${CONTOSO}</RestoreSources>\n`),
  );
  assert.match(out.warnings.join("\n"), /its RestoreSources is computed/);
  // Without a nuget.config too.
  const files = tree(`    <RestoreSources>${CONTOSO}</RestoreSources>\n`);
  delete files["nuget.config"];
  assert.deepEqual(await read(files), { ids: [contoso], warnings: [] });
});
