import assert from "node:assert/strict";
import { ROOT_ID } from "../../src/inventory/types.ts";
import { inventoryGraph } from "../../src/sbom/_graph.ts";
import { RICH, richInventory } from "./_inventories.ts";

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
