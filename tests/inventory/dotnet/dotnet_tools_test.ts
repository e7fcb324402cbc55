import assert from "node:assert/strict";
import { parseDotnetTools, readDotnetTools } from "../../../src/inventory/dotnet/dotnet_tools.ts";
import { readerFor } from "../../../src/inventory/_registry.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { fixture, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { writeTree } from "../_tree.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import type { ReaderResult } from "../../../src/inventory/_reader.ts";

const CODE = "inventory.dotnet_tools.invalid";
const DIR = ["dotnet", "dotnet_tools"];

// As `dotnet tool install` writes it (dotnet/sdk's ToolManifestEditor), rollForward in both forms.
const MANIFEST = Deno.readTextFileSync(fixture(...DIR, "app", ".config", "dotnet-tools.json"));

Deno.test("readerFor: dotnet-tools.json, also in .config", () => {
  for (const name of ["dotnet-tools.json", ".config/dotnet-tools.json", "src/dotnet-tools.json"]) {
    assert.equal(readerFor(name)?.name, "dotnet_tools", name);
  }
  assert.notEqual(readerFor("dotnet-tools.json.bak")?.name, "dotnet_tools");
});

Deno.test("readDotnetTools: every tool at its exact version, direct, build", () => {
  const out = readDotnetTools(MANIFEST, { path: ".config/dotnet-tools.json" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.purl} ${c.scopes} ${c.direct}`), [
    "pkg:nuget/csharpier@0.30.2 build true",
    "pkg:nuget/dotnet-ef@8.0.11 build true",
    "pkg:nuget/paket@8.0.3 build true",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:nuget/csharpier@0.30.2 build",
    "pkg:nuget/dotnet-ef@8.0.11 build",
    "pkg:nuget/paket@8.0.3 build",
  ]);
  // An empty manifest, as `dotnet new tool-manifest` writes it.
  assert.deepEqual(
    readDotnetTools('{"version": 1, "isRoot": true, "tools": {}}', { path: "dotnet-tools.json" })
      .components,
    [],
  );
});

Deno.test("parseDotnetTools: what the SDK refuses is invalid, with its line", () => {
  const cases: [string, RegExp][] = [
    ['{"version": 2, "isRoot": true, "tools": {}}', /:1: the manifest version 2 is not 1/],
    ['{"version": 1, "isRoot": true, "tools": []}', /:1: tools is not an object/],
    [
      '{\n  "version": 1,\n  "tools": {\n    "dotnet-ef": {"commands": ["dotnet-ef"]}\n  }\n}',
      /:4: the tool dotnet-ef has no version/,
    ],
    [
      '{"version": 1, "tools": {"x": {"version": "8.*", "commands": ["x"]}}}',
      /the tool x has the version "8\.\*", which is no NuGet version/,
    ],
    ['{"version": 1,', /dotnet-tools\.json:1/],
    // dotnet/sdk's ToolManifestEditor: `ManifestMissingIsRoot`, `FieldCommandsIsMissing`, and
    // JsonElementExtension's type checks.
    [
      '{\n  "version": 1,\n  "tools": {\n    "x": {"version": "1.0.0", "commands": ["x"]}\n  }\n}',
      /dotnet-tools\.json:1: the manifest has no isRoot/,
    ],
    [
      '{\n  "version": 1,\n  "isRoot": "true",\n  "tools": {}\n}',
      /:3: isRoot "true" is not true or false/,
    ],
    [
      '{\n  "version": 1,\n  "isRoot": true,\n  "tools": {\n    "x": {"version": "1.0.0"}\n  }\n}',
      /:5: the tool x has no commands/,
    ],
    [
      '{"version": 1, "isRoot": true, "tools": {"x": {"version": "1.0.0", "commands": []}}}',
      /the tool x has no commands/,
    ],
    [
      '{"version": 1, "isRoot": true, "tools": {"x": {"version": "1.0.0", "commands": "x"}}}',
      /the tool x has `commands` that are not a list of strings/,
    ],
  ];
  for (const [text, message] of cases) {
    assertVouchError(() => parseDotnetTools(text, "dotnet-tools.json"), CODE, message);
  }
});

Deno.test("readInventory: a repository's .config/dotnet-tools.json beside its projects", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      ".config/dotnet-tools.json": MANIFEST,
      "src/App/App.csproj": '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>' +
        '<PackageReference Include="Serilog" Version="4.0.0" /></ItemGroup></Project>',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes} ${c.sources}`), [
      "pkg:nuget/Serilog@4.0.0 runtime src/App/App.csproj",
      "pkg:nuget/csharpier@0.30.2 build .config/dotnet-tools.json",
      "pkg:nuget/dotnet-ef@8.0.11 build .config/dotnet-tools.json",
      "pkg:nuget/paket@8.0.3 build .config/dotnet-tools.json",
    ]);
  });
});

Deno.test("readDotnetTools: a dotnet-tools.json beside .config/dotnet-tools.json, read first", () => {
  // dotnet/sdk's ToolManifestFinder: `.config/dotnet-tools.json`, then `dotnet-tools.json`, of
  // each folder; a package id already found is kept; a root manifest ends the search.
  const manifest = (isRoot: boolean, tools: Record<string, string>): string =>
    JSON.stringify({
      version: 1,
      isRoot,
      tools: Object.fromEntries(
        Object.entries(tools).map(([id, version]) => [id, { version, commands: [id] }]),
      ),
    });
  const plain = manifest(true, { "Dotnet-EF": "7.0.0", paket: "8.0.3" });
  const read = (config: string | undefined, path = "src/dotnet-tools.json"): ReaderResult =>
    readDotnetTools(plain, {
      path,
      load: (p) => p === "src/.config/dotnet-tools.json" ? config : undefined,
    });
  const root = read(manifest(true, { "dotnet-ef": "8.0.11" }));
  assert.deepEqual(root.components, []);
  assert.match(
    root.warnings?.join("\n") ?? "",
    /never reads it: src\/\.config\/dotnet-tools\.json/,
  );
  const notRoot = read(manifest(false, { "dotnet-ef": "8.0.11" }));
  assert.deepEqual(notRoot.components.map((c) => c.purl), ["pkg:nuget/paket@8.0.3"]);
  assert.match(notRoot.warnings?.join("\n") ?? "", /the tool Dotnet-EF is never restored from it/);
  // Without a `.config` manifest beside it, or for the `.config` one itself, every tool counts.
  for (const out of [read(undefined), read("{", "src/.config/dotnet-tools.json")]) {
    assert.equal(out.components.length, 2);
    assert.equal(out.warnings, undefined);
  }
});
