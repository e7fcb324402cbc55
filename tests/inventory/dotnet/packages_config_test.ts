import assert from "node:assert/strict";
import {
  parsePackagesConfig,
  readPackagesConfig,
} from "../../../src/inventory/dotnet/packages_config.ts";
import { readerFor } from "../../../src/inventory/_registry.ts";
import { fixture } from "../../_util.ts";
import { assertVouchError, assertWellFormed } from "../_lockfile_invariants.ts";
import { assertSbomRefusesEvery, readValidProject } from "../_reader_cases.ts";

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

Deno.test("readPackagesConfig: every entry exact as written, developmentDependency → build, no graph", () => {
  // The form of the NuGet docs' packages.config reference.
  const text = Deno.readTextFileSync(fixture(...DIR, "web", "Web", "packages.config"));
  const out = readPackagesConfig(text, { path: "Web/packages.config" });
  assertWellFormed(out);
  assert.equal(out.components.length, 9);
  const byName = new Map(out.components.map((c) => [c.name, c]));
  assert.equal(
    byName.get("Microsoft.Web.Infrastructure")?.purl,
    "pkg:nuget/Microsoft.Web.Infrastructure@1.0.0.0",
  );
  assert.equal(byName.get("RouteMagic")?.purl, "pkg:nuget/RouteMagic@1.3");
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
