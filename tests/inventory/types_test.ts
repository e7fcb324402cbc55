import assert from "node:assert/strict";
import { compareEdges, type Edge, ROOT_ID } from "../../src/inventory/types.ts";

Deno.test("compareEdges: by from, then to, then scope, in code-unit order", () => {
  const edges: Edge[] = [
    { from: "b", to: "a", scope: "runtime" },
    { from: "a", to: "b", scope: "runtime" },
    { from: "a", to: "b", scope: "dev" },
    { from: "a", to: "B", scope: "runtime" },
    { from: ROOT_ID, to: "a", scope: "runtime" },
  ];
  assert.deepEqual(edges.sort(compareEdges).map((e) => `${e.from} ${e.to} ${e.scope}`), [
    "a B runtime",
    "a b dev",
    "a b runtime",
    "b a runtime",
    "root a runtime",
  ]);
  assert.equal(compareEdges(edges[0], { ...edges[0] }), 0);
});
