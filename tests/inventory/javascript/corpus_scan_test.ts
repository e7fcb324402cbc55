// The JavaScript corpus projects read the way `vouch sbom` reads them: the scan finds the lockfile
// and every package.json (covered by the lockfile, so they add nothing), and the SBOMs are valid.
import assert from "node:assert/strict";
import { readInventory } from "../../../src/inventory/mod.ts";
import { SHARED_DIR, skipWithoutShared } from "../../_util.ts";
import { assertValidSboms } from "./_js_readers.ts";

/** Project, lockfile, components and members (counted independently: see each reader's test). */
const JS_CORPUS: [string, string, number, number][] = [
  ["mermaid-js__mermaid", "pnpm-lock.yaml", 2360, 10],
  ["vuejs__vue", "pnpm-lock.yaml", 936, 3],
  ["excalidraw__excalidraw", "yarn.lock", 1441, 10],
  ["jestjs__jest", "yarn.lock", 2150, 70],
  ["midday-ai__midday", "bun.lock", 2262, 38],
];

Deno.test({
  name: "the JavaScript corpus projects are read whole by the scan, with valid SBOMs",
  ignore: skipWithoutShared("the JavaScript corpus scan"),
  fn: async () => {
    for (const [dir, lockfile, components, members] of JS_CORPUS) {
      const inventory = await readInventory(`${SHARED_DIR}/corpus/${dir}`);
      assert.equal(inventory.components.length, components, dir);
      assert.equal(inventory.members.length, members, dir);
      assert.ok(inventory.sources.includes(lockfile), dir);
      assert.ok(
        inventory.components.every((c) => c.version !== undefined || c.purl.includes("?")),
        dir,
      );
      await assertValidSboms({ ...inventory, project: inventory.project }, lockfile);
    }
  },
});
