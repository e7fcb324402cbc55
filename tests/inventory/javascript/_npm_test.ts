import assert from "node:assert/strict";
import {
  npmComponent,
  npmLicense,
  npmOriginQualifiers,
} from "../../../src/inventory/javascript/_npm.ts";

Deno.test("npmComponent: names keep their case; origin qualifiers; SRI hashes; license", () => {
  const c = npmComponent({
    name: "JSONStream",
    version: "1.3.5",
    resolved: "https://registry.npmjs.org/JSONStream/-/JSONStream-1.3.5.tgz",
    integrity: "sha1-AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    license: "(MIT OR Apache-2.0)",
    scopes: ["dev"],
    source: "package-lock.json",
  });
  assert.equal(c.purl, "pkg:npm/JSONStream@1.3.5");
  assert.equal(c.ecosystem, "npm");
  assert.equal(c.name, "JSONStream");
  assert.deepEqual(c.hashes, [{ alg: "sha1", hex: "0".repeat(40) }]);
  assert.equal(c.license, "(MIT OR Apache-2.0)");
  assert.deepEqual(c.sources, ["package-lock.json"]);
});

Deno.test("npmComponent: a @jsr/scope__name package is the JSR package, its npm tarball a distribution", () => {
  const resolved = "https://npm.jsr.io/~/11/@jsr/std__path/1.0.8.tgz";
  const c = npmComponent({
    name: "@jsr/std__path",
    version: "1.0.8",
    resolved,
    integrity: "sha512-" + "A".repeat(86) + "==",
    source: "package-lock.json",
  });
  assert.equal(c.purl, "pkg:jsr/%40std/path@1.0.8");
  assert.equal(c.ecosystem, "jsr");
  assert.equal(c.name, "@std/path");
  assert.equal(c.hashes, undefined, "deno.lock's JSR hash is of another file: no package hash");
  const distributions = [...c.distributions ?? []];
  assert.equal(distributions.length, 1);
  const [tarball] = distributions;
  assert.equal(tarball.url, resolved);
  assert.equal([...tarball.hashes][0].alg, "sha512");
  assert.equal(c.downloadLocation, resolved);
});

Deno.test("npmOriginQualifiers: the npm registry needs none; git, other registries, tarballs", () => {
  assert.deepEqual(npmOriginQualifiers("a", "https://registry.npmjs.org/a/-/a-1.tgz"), {});
  assert.deepEqual(npmOriginQualifiers("a", undefined), {});
  assert.deepEqual(npmOriginQualifiers("a", "git+ssh://git@github.com/x/a.git#abc"), {
    vcs_url: "git+ssh://git@github.com/x/a.git#abc",
  });
  assert.deepEqual(npmOriginQualifiers("a", "https://npm.example.com/a/-/a-1.tgz"), {
    repository_url: "https://npm.example.com",
  });
  assert.deepEqual(npmOriginQualifiers("a", "https://cdn.example.com/a.tgz"), {
    download_url: "https://cdn.example.com/a.tgz",
  });
});

Deno.test("npmLicense: the string, the legacy {type} object, nothing else", () => {
  assert.equal(npmLicense("MIT"), "MIT");
  assert.equal(npmLicense({ type: "ISC", url: "x" }), "ISC");
  for (const value of [undefined, null, 3, ["MIT"], { name: "MIT" }]) {
    assert.equal(npmLicense(value), undefined, JSON.stringify(value));
  }
});
