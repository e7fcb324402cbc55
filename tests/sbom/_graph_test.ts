import assert from "node:assert/strict";
import { ROOT_ID } from "../../src/inventory/types.ts";
import { inventoryGraph } from "../../src/sbom/_graph.ts";
import { RICH, richInventory } from "./_inventories.ts";
import { seededRandom } from "../_util.ts";

Deno.test("inventoryGraph: sorts members, components and edges; drops duplicate edges", () => {
  const inventory = richInventory();
  inventory.members.reverse();
  inventory.components.reverse();
  inventory.edges.push({ ...inventory.edges[3] });
  const graph = inventoryGraph(inventory);
  assert.deepEqual(graph.members.map((m) => m.id), [RICH.cli, RICH.core]);
  const ids = graph.components.map((c) => c.id);
  assert.deepEqual(ids, [...ids].sort());
  const keys = graph.edges.map((e) => `${e.from} ${e.to} ${e.scope}`);
  assert.deepEqual(keys, [...new Set(keys)].sort());
  assert.equal(keys.length, richInventory().edges.length);
  // The input is not mutated.
  assert.equal(inventory.components[0].id, RICH.vendored);
});

Deno.test("inventoryGraph: reused ids and unknown edge ends are bugs", () => {
  const reusedRoot = richInventory();
  reusedRoot.members.push({ id: ROOT_ID, name: "root" });
  assert.throws(() => inventoryGraph(reusedRoot), /"root" is used more than once/);
  const dangling = richInventory();
  dangling.edges.push({ from: RICH.core, to: "pkg:npm/ghost@1.0.0", scope: "optional" });
  assert.throws(() => inventoryGraph(dangling), /unknown node "pkg:npm\/ghost@1\.0\.0"/);
});

Deno.test("inventoryGraph: any order and repeats give the sorted unique graph", () => {
  const random = seededRandom(9);
  const sorted = inventoryGraph(richInventory());
  for (let round = 0; round < 200; round++) {
    const inventory = richInventory();
    // Shuffled (or kept sorted, every third round), with repeated edges now and then.
    for (const list of [inventory.members, inventory.components, inventory.edges] as unknown[][]) {
      if (round % 3 === 0) continue;
      for (let i = list.length - 1; i > 0; i--) {
        const j = random(i + 1);
        [list[i], list[j]] = [list[j], list[i]];
      }
    }
    const repeats = random(3);
    for (let i = 0; i < repeats; i++) {
      const at = random(inventory.edges.length);
      inventory.edges.splice(at, 0, { ...inventory.edges[at] });
    }
    assert.deepEqual(inventoryGraph(inventory), sorted);
  }
});
