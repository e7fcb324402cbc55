import assert from "node:assert/strict";
import { FILES, toJsonText } from "../../src/bundle/bundle_index.ts";
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

Deno.test("checkIndex: a path listed twice is index.duplicate_path and read once", async () => {
  const b = await bundle("hmac");
  const path = `${b.dir}/${FILES.index}`;
  const index = JSON.parse(Deno.readTextFileSync(path));
  const first = index.files.find((f: { path: string }) => f.path === FILES.spdx);
  // The second listing has another digest: were it read, a digest mismatch would show.
  index.files.push({ ...first }, { ...first, sha256: "0".repeat(64) });
  Deno.writeTextFileSync(path, toJsonText(index));
  const result = await checkIndex(b.dir);
  assert.deepEqual(result.checks.filter((c) => !c.ok), [
    { code: "index.duplicate_path", ok: false, message: "listed twice", file: FILES.spdx },
    { code: "index.duplicate_path", ok: false, message: "listed twice", file: FILES.spdx },
  ]);
  const about = result.checks.filter((c) => c.file === FILES.spdx).map((c) => c.code);
  assert.deepEqual(about.filter((code) => code !== "index.duplicate_path"), ["index.file_ok"]);
  assert.ok(!result.checks.some((c) => c.code === "index.digest_mismatch"));
  assert.equal(result.files.has(FILES.spdx), true);
  assert.equal(result.index?.files.length, index.files.length);
});
