import assert from "node:assert/strict";
import {
  joinPath,
  loadPackageJson,
  manifestProject,
  npmComponent,
  npmLicense,
  originQualifiers,
  reach,
  reachScopes,
  tarballVersion,
  workspaceFolders,
} from "../../../src/inventory/javascript/_npm.ts";
import type { Scope } from "../../../src/inventory/types.ts";

Deno.test("npmComponent: names keep their case; origin qualifiers; hashes; license", () => {
  const resolved = "https://registry.npmjs.org/JSONStream/-/JSONStream-1.3.5.tgz";
  const c = npmComponent({
    name: "JSONStream",
    version: "1.3.5",
    qualifiers: originQualifiers("JSONStream", resolved),
    hashes: [{ alg: "sha1", hex: "0".repeat(40) }],
    downloadLocation: resolved,
    license: "(MIT OR Apache-2.0)",
    scopes: ["dev"],
    sources: ["package-lock.json"],
  });
  assert.equal(c.purl, "pkg:npm/JSONStream@1.3.5");
  assert.equal(c.ecosystem, "npm");
  assert.equal(c.name, "JSONStream");
  assert.deepEqual(c.hashes, [{ alg: "sha1", hex: "0".repeat(40) }]);
  assert.equal(c.license, "(MIT OR Apache-2.0)");
  assert.deepEqual(c.sources, ["package-lock.json"]);
  const other = npmComponent({
    name: "a",
    version: "1.0.0",
    qualifiers: { download_url: "https://h/a.tgz" },
    sources: ["x"],
  });
  assert.equal(other.purl, "pkg:npm/a@1.0.0?download_url=https://h/a.tgz");
});

Deno.test("npmComponent: a @jsr/scope__name package is the JSR package, its npm tarball a distribution", () => {
  const resolved = "https://npm.jsr.io/~/11/@jsr/std__path/1.0.8.tgz";
  const hash = { alg: "sha512" as const, hex: "ab".repeat(64) };
  const c = npmComponent({
    name: "@jsr/std__path",
    version: "1.0.8",
    qualifiers: originQualifiers("@jsr/std__path", resolved),
    hashes: [hash],
    downloadLocation: resolved,
    sources: ["package-lock.json"],
  });
  assert.equal(c.purl, "pkg:jsr/%40std/path@1.0.8");
  assert.equal(c.ecosystem, "jsr");
  assert.equal(c.name, "@std/path");
  assert.equal(c.hashes, undefined, "deno.lock's JSR hash is of another file: no package hash");
  assert.deepEqual([...c.distributions ?? []], [{ url: resolved, hashes: [hash] }]);
  assert.equal(c.downloadLocation, resolved);
  assert.equal(
    npmComponent({ name: "@jsr/nounderscore", version: "1.0.0", sources: [] }).purl,
    "pkg:npm/%40jsr/nounderscore@1.0.0",
  );
});

Deno.test("npmLicense: the string, the legacy {type} object, nothing else", () => {
  assert.equal(npmLicense("MIT"), "MIT");
  assert.equal(npmLicense({ type: "ISC", url: "x" }), "ISC");
  for (const value of [undefined, null, 3, ["MIT"], { name: "MIT" }]) {
    assert.equal(npmLicense(value), undefined, JSON.stringify(value));
  }
});

Deno.test("tarballVersion: only a name-<version>.tgz file name gives a version", () => {
  assert.equal(
    tarballVersion("xlsx", "https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz"),
    "0.20.2",
  );
  assert.equal(tarballVersion("@s/pkg", "https://h/pkg-1.0.0-beta.1.tgz?x=1"), "1.0.0-beta.1");
  assert.equal(tarballVersion("pkg", "https://h/pkg-1.0.0.tar.gz"), "1.0.0");
  assert.equal(tarballVersion("pkg", "https://h/latest.tgz"), undefined);
  assert.equal(tarballVersion("pkg", "https://h/other-1.0.0.tgz"), undefined);
  assert.equal(tarballVersion("pkg", "https://h/pkg-main.tgz"), undefined);
});

Deno.test("originQualifiers: the npm registry needs none; other registries, git, other URLs", () => {
  assert.deepEqual(originQualifiers("a", "https://registry.npmjs.org/a/-/a-1.0.0.tgz"), {});
  assert.deepEqual(originQualifiers("a", undefined), {});
  assert.deepEqual(originQualifiers("a", ""), {});
  // The public registry's full mirrors serve the same packages: the same purls.
  for (
    const host of ["registry.yarnpkg.com", "registry.npmmirror.com", "registry.npm.taobao.org"]
  ) {
    assert.deepEqual(originQualifiers("@s/a", `https://${host}/@s/a/-/a-1.0.0.tgz`), {});
  }
  assert.deepEqual(originQualifiers("a", "http://registry.npm.taobao.org/a/-/a-1.0.0.tgz"), {});
  assert.deepEqual(originQualifiers("a", "https://npm.example.com/a/-/a-1.0.0.tgz"), {
    repository_url: "https://npm.example.com",
  });
  for (const vcs of ["git+ssh://git@github.com/x/a.git#abc", "github:x/a#abc", "gitlab:x/a"]) {
    assert.deepEqual(originQualifiers("a", vcs), { vcs_url: vcs });
  }
  assert.deepEqual(originQualifiers("a", "https://h/a.tgz"), { download_url: "https://h/a.tgz" });
});

Deno.test("workspaceFolders: literal folders, one-level globs through list, negations skipped", () => {
  const manifest = {
    path: "package.json",
    json: { workspaces: { packages: ["app", "packages/*", "!packages/skip", "missing/*"] } },
  };
  const dirs: Record<string, string[]> = { packages: ["a", "b", ".hidden", "node_modules"] };
  const exists = (folder: string): boolean => folder !== "packages/b";
  assert.deepEqual(
    workspaceFolders(manifest, "", (folder) => dirs[folder], exists),
    ["app", "packages/a"],
  );
  assert.deepEqual(workspaceFolders(manifest, "", undefined, () => true), ["app"]);
  assert.equal(joinPath("a/b", "../c"), "a/c");
  assert.equal(joinPath("", "."), "");
});

Deno.test("loadPackageJson: a version written with a leading v is read as npm reads it", () => {
  const text = '{ "name": "app", "version": "v1.2.3" }';
  const manifest = loadPackageJson(() => text, "pkg-v/package.json");
  assert.equal(manifest?.version, "1.2.3");
  assert.equal(manifestProject(manifest!)?.purl, "pkg:npm/app@1.2.3");
  const plain = loadPackageJson(() => '{ "name": "app", "version": "2.0.0-rc.1" }', "p.json");
  assert.equal(plain?.version, "2.0.0-rc.1");
});

Deno.test("reach: a linked folder's own dev dependencies are dev, not runtime", () => {
  // app -> lib (runtime; a file: folder) -> ms (runtime), left-pad (lib's devDependencies)
  const edges: Record<string, [string, Scope][]> = {
    lib: [["ms", "runtime"], ["left-pad", "dev"]],
    ms: [],
    "left-pad": [],
  };
  const r = reach<string>([["lib", "runtime"]], (n) => edges[n]);
  assert.deepEqual(reachScopes(r, "ms"), ["runtime"]);
  assert.deepEqual(reachScopes(r, "left-pad"), ["dev"]);
  // Reached at runtime another way, it stays runtime.
  const both = reach<string>([["lib", "runtime"], ["left-pad", "runtime"]], (n) => edges[n]);
  assert.deepEqual(reachScopes(both, "left-pad"), ["runtime"]);
});
