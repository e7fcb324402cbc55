import assert from "node:assert/strict";
import {
  joinPath,
  jsrName,
  originQualifiers,
  packagePurl,
  tarballVersion,
  workspaceFolders,
} from "../../../src/inventory/javascript/_npm.ts";

Deno.test("jsrName and packagePurl: @jsr/scope__name is the JSR package", () => {
  assert.equal(jsrName("@jsr/std__path"), "@std/path");
  assert.equal(jsrName("@jsr/luca__cases"), "@luca/cases");
  assert.equal(jsrName("@jsr/nounderscore"), undefined);
  assert.equal(jsrName("@other/std__path"), undefined);
  assert.deepEqual(packagePurl("@jsr/std__path", "1.0.8"), {
    ecosystem: "jsr",
    name: "@std/path",
    purl: "pkg:jsr/%40std/path@1.0.8",
  });
  assert.equal(packagePurl("JSONStream", "1.3.5").purl, "pkg:npm/JSONStream@1.3.5");
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

Deno.test("originQualifiers: registry, other registries, git, other URLs", () => {
  assert.deepEqual(originQualifiers("a", "https://registry.npmjs.org/a/-/a-1.0.0.tgz"), {});
  assert.deepEqual(originQualifiers("a", "https://npm.example.com/a/-/a-1.0.0.tgz"), {
    repository_url: "https://npm.example.com",
  });
  assert.deepEqual(originQualifiers("a", "git+ssh://git@github.com/x/a.git#abc"), {
    vcs_url: "git+ssh://git@github.com/x/a.git#abc",
  });
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
