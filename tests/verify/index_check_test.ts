import assert from "node:assert/strict";
import { FILES } from "../../src/bundle/bundle_index.ts";
import { checkIndex, indexShapeProblem, unsafePathReason } from "../../src/verify/index_check.ts";
import { bundle } from "./_bundle.ts";

Deno.test("unsafePathReason", () => {
  assert.equal(unsafePathReason("SHA256SUMS"), undefined);
  assert.equal(unsafePathReason("a/b.json"), undefined);
  for (const p of ["", "/etc/passwd", "../x", "a/../b", "a\\b", "C:x", "a//b", "./a", "a\0b"]) {
    assert.notEqual(unsafePathReason(p), undefined, p);
  }
});

Deno.test("indexShapeProblem names the first bad field", () => {
  assert.equal(indexShapeProblem([]), "the index is not a JSON object");
  assert.equal(
    indexShapeProblem({ tool: { name: "v", version: "1" } }),
    "release is not a non-empty string",
  );
});

Deno.test("checkIndex on a valid bundle reads every listed file", async () => {
  const b = await bundle("both");
  const result = await checkIndex(b.dir);
  assert.deepEqual(result.checks.filter((c) => !c.ok), []);
  assert.equal(result.files.size, 9);
  assert.ok(result.files.has(FILES.provenance));
  assert.equal(result.index?.files.length, 9);
});
