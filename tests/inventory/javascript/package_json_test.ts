import assert from "node:assert/strict";
import {
  coveringLockfile,
  JS_LOCKFILES,
  readPackageJson,
} from "../../../src/inventory/javascript/package_json.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { fixture } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { assertValidSboms, byId, folderContext } from "./_js_readers.ts";

function read(dir: string, path = "package.json"): ReturnType<typeof readPackageJson> {
  const { load, list } = folderContext(dir);
  return readPackageJson(load(path)!, { path, load, list });
}

Deno.test("readPackageJson without a lockfile: declared ranges, no versions invented, a warning", async () => {
  const out = read(fixture("js", "package-json", "no-lock"));
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "lockless",
    version: "0.1.0",
    purl: "pkg:npm/lockless@0.1.0",
    license: "MIT",
  });
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.specifier ?? "-"} ${c.version ?? "-"} ${c.scopes}`),
    [
      "pkg:jsr/%40std/path ^1.0.8 - runtime",
      "pkg:npm/JSONStream ~1.3.5 - runtime",
      "pkg:npm/express ^4.18.2 - dev,runtime", // declared twice: the first range is kept
      "pkg:npm/fsevents ^2.3.2 - optional",
      "pkg:npm/is-positive?vcs_url=github:kevva/is-positive%2397edff6 github:kevva/is-positive#97edff6 - runtime",
      "pkg:npm/left-pad@1.3.0 - 1.3.0 runtime", // an exact pin is the version npm installs
      "pkg:npm/react >=17 - runtime",
      "pkg:npm/react-dom >=17 - optional",
      "pkg:npm/string-width ^4.2.0 - runtime",
      "pkg:npm/typescript ^5.4.0 - dev",
      "pkg:npm/xlsx@0.20.2?download_url=https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz - 0.20.2 runtime",
    ],
  );
  assert.ok(out.components.every((c) => c.direct));
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.name} ${m.version}`), [
    "workspace:../shared shared undefined", // file:../shared: outside the project, as written
    "workspace:packages/tool tool 2.0.0", // workspace:*, found through "workspaces"
  ]);
  assert.equal(out.warnings?.length, 1);
  assert.match(
    out.warnings![0],
    /^package\.json: no lockfile covers it, so the versions of its 11 declared dependencies are not resolved/,
  );
  assert.ok(edgesFrom(out, ROOT_ID).includes("pkg:npm/typescript dev"));
  await assertValidSboms(out, "package.json");
});

Deno.test("readPackageJson: a nested package.json is a member; a lockfile above covers it", () => {
  const nested = read(fixture("js", "package-json", "no-lock"), "packages/tool/package.json");
  assert.equal(nested.project, undefined);
  assert.deepEqual(nested.members.map((m) => m.id), ["workspace:packages/tool"]);
  assert.deepEqual(edgesFrom(nested, "workspace:packages/tool"), ["pkg:npm/ms runtime"]);
  assert.deepEqual(byId(nested).get("pkg:npm/ms")?.specifier, "^2.1.3");

  const dir = fixture("js", "package-json", "covered");
  const { load } = folderContext(dir);
  assert.equal(coveringLockfile("package.json", load), "pnpm-lock.yaml");
  assert.equal(coveringLockfile("app/package.json", load), "pnpm-lock.yaml");
  assert.equal(coveringLockfile("package.json", () => undefined), undefined);
  assert.ok(JS_LOCKFILES.includes("bun.lockb"));
  const covered = read(dir, "app/package.json");
  assert.deepEqual([covered.members, covered.components, covered.edges, covered.warnings], [
    [],
    [],
    [],
    undefined,
  ]);
  assert.equal(read(dir).project?.name, "covered");
});

Deno.test("the scan reads a package.json beside its lockfile once, through the lockfile", async () => {
  const inventory = await readInventory(fixture("js", "package-json", "covered"));
  assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
  assert.equal(inventory.project.name, "covered");
  assert.ok(inventory.sources.includes("app/package.json"));
});

Deno.test("readPackageJson rejects malformed JSON and invalid UTF-8 with file:line", () => {
  assertVouchError(
    () => read(fixture("js", "package-json", "invalid")),
    "inventory.package_json.invalid",
    /^package\.json:5: invalid JSON/,
  );
  assertVouchError(
    () =>
      readPackageJson('{\n "name": "x\uFFFD"\n}', {
        path: "a/package.json",
        load: () => undefined,
      }),
    "inventory.package_json.invalid",
    /^a\/package\.json:2: not valid UTF-8/,
  );
});
