// The JavaScript readers are in the one registry: the scan finds their files and `--lockfile`
// accepts every one of their names.
import assert from "node:assert/strict";
import { readerFor, supportedFiles } from "../../../src/inventory/_registry.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { fixture } from "../../_util.ts";

Deno.test("the registry maps every JavaScript file name to its reader", () => {
  const names: [string, string][] = [
    ["package-lock.json", "package_lock"],
    ["pnpm-lock.yaml", "pnpm_lock"],
    ["apps/web/yarn.lock", "yarn_lock"],
    ["bun.lock", "bun_lock"],
    ["packages/a/package.json", "package_json"],
  ];
  for (const [path, reader] of names) assert.equal(readerFor(path)?.name, reader, path);
  assert.equal(readerFor("pnpm-workspace.yaml"), undefined);
  assert.equal(readerFor("bun.lockb"), undefined, "a known file vouch does not read");
  for (const file of ["pnpm-lock.yaml", "yarn.lock", "bun.lock", "package.json"]) {
    assert.ok(supportedFiles().includes(file), file);
  }
});

Deno.test("--lockfile names a JavaScript lockfile; its members' package.json files are loaded", async () => {
  const inventory = await readInventory(fixture("js", "yarn", "berry-workspace"), {
    lockfiles: ["yarn.lock"],
  });
  assert.equal(inventory.components.length, 10);
  assert.equal(inventory.project.name, "@demo/monorepo");
  assert.deepEqual(inventory.sources, [
    "package.json",
    "packages/core/package.json",
    "tools/portal-pkg/package.json",
    "yarn.lock",
  ]);
});

Deno.test("the scan of a pnpm workspace: the lock, and package.json files covered by it", async () => {
  const inventory = await readInventory(fixture("js", "pnpm", "v9-workspace"));
  assert.equal(inventory.components.length, 16);
  assert.deepEqual(inventory.members.map((m) => m.id), [
    "workspace:packages/lib",
    "workspace:tools/local-plugin",
  ]);
  assert.equal(inventory.project.name, "demo-monorepo");
});
