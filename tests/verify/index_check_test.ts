// deno-lint-ignore-file no-explicit-any
import assert from "node:assert/strict";
import {
  type BundleIndex,
  FILES,
  OUTDATED_INDEX_SCHEMA,
  toJsonText,
} from "../../src/bundle/bundle_index.ts";
import {
  checkIndexFile,
  compareIndex,
  indexShapeProblem,
  readEvidenceDir,
} from "../../src/verify/index_check.ts";
import { bundle } from "./_bundle.ts";

Deno.test("indexShapeProblem names the first bad field", () => {
  assert.equal(indexShapeProblem([]), "the index is not a JSON object");
  assert.equal(
    indexShapeProblem({ schema: "s", tool: { name: "v", version: "1" } }),
    "release is not a non-empty string",
  );
});

Deno.test("attack: hostile JSON values: indexShapeProblem reports digests that are objects", async () => {
  const b = await bundle("hmac");
  for (
    const edit of [
      (i: any) => (i.subjects[0].sha256 = { toString: 1 }),
      (i: any) => (i.files[0].sha256 = { toString: 1, valueOf: 2 }),
      (i: any) => (i.files[1].sha256 = [{ toString: 1 }]),
    ]
  ) {
    const index = JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.index}`));
    edit(index);
    assert.match(indexShapeProblem(index) ?? "", /does not have the expected fields/);
  }
});

Deno.test("readEvidenceDir reads every vouch file, lists the rest, never follows a link out", async () => {
  const b = await bundle("both");
  Deno.writeTextFileSync(`${b.dir}/notes.txt`, "not read");
  Deno.mkdirSync(`${b.dir}/sub`);
  Deno.symlinkSync("/etc/hostname", `${b.dir}/${FILES.hmacSignature}.tmp`);
  Deno.removeSync(`${b.dir}/${FILES.markdown}`);
  Deno.symlinkSync("/etc/hostname", `${b.dir}/${FILES.markdown}`);
  const result = await readEvidenceDir(b.dir);
  assert.equal(result.files.size, 9);
  assert.ok(!result.files.has("notes.txt") && !result.files.has(FILES.markdown));
  assert.ok(result.entries.includes("sub/") && result.entries.includes("notes.txt"));
  assert.deepEqual([...result.unreadable], [FILES.markdown]);
  assert.deepEqual(result.checks.map((c) => [c.code, c.file]), [
    ["evidence.outside_dir", FILES.markdown],
  ]);
  const capped = await readEvidenceDir(b.dir, { maxFileBytes: 1000 });
  assert.ok(capped.checks.some((c) => c.code === "file.too_large" && c.file === FILES.spdx));
});

async function indexOf(edit: (index: any) => void): Promise<ReturnType<typeof checkIndexFile>> {
  const b = await bundle("hmac");
  const path = `${b.dir}/${FILES.index}`;
  const index = JSON.parse(Deno.readTextFileSync(path));
  edit(index);
  Deno.writeTextFileSync(path, toJsonText(index));
  return checkIndexFile(await readEvidenceDir(b.dir));
}

Deno.test("checkIndexFile: ok, outdated, unknown schema, malformed, missing", async () => {
  const codes = (r: { checks: { code: string }[] }): string[] => r.checks.map((c) => c.code);
  assert.deepEqual(codes(await indexOf(() => {})), ["index.ok"]);
  const outdated = await indexOf((i) => (i.schema = OUTDATED_INDEX_SCHEMA));
  assert.deepEqual(codes(outdated), ["index.schema_outdated"]);
  assert.match(outdated.checks[0].message, /older vouch/);
  assert.deepEqual(codes(await indexOf((i) => (i.schema = "x"))), ["index.schema"]);
  assert.deepEqual(codes(await indexOf((i) => delete i.subjects)), ["index.malformed"]);
  const b = await bundle("hmac");
  Deno.removeSync(`${b.dir}/${FILES.index}`);
  assert.deepEqual(codes(checkIndexFile(await readEvidenceDir(b.dir))), ["index.missing"]);
});

async function parts(): Promise<{ index: BundleIndex; bytes: Uint8Array }> {
  const b = await bundle("hmac");
  const bytes = Deno.readFileSync(`${b.dir}/${FILES.index}`);
  return { index: JSON.parse(new TextDecoder().decode(bytes)), bytes };
}

Deno.test("compareIndex: every field group, extra fields, then the exact bytes", async () => {
  const { index: expected, bytes } = await parts();
  assert.deepEqual(compareIndex({ index: expected, bytes }, expected).map((c) => c.code), [
    "index.derived_ok",
  ]);
  const cases: [(i: any) => void, string, RegExp][] = [
    [(i) => (i.release = "v9"), "index.context_mismatch", /release is "v9"/],
    [(i) => (i.tool.version = "9"), "index.context_mismatch", /tool.version/],
    [(i) => (i.passed = false), "index.blockers_mismatch", /passed is false/],
    [(i) => i.blockers.push({ code: "x" }), "index.blockers_mismatch", /entry too many/],
    [(i) => (i.subjects[0].size += 1), "index.subjects_mismatch", /subjects\[0\]\.size/],
    [(i) => (i.subjects[0].extra = 1), "index.subjects_mismatch", /not a field vouch writes/],
    [(i) => i.files.pop(), "index.files_mismatch", /lacks entry/],
    [(i) => (i.signatures = {}), "index.signatures_mismatch", /expected a list/],
    [(i) => delete i.inventory.sources, "index.inventory_mismatch", /sources is missing/],
    [(i) => (i.note = "Reviewed and approved"), "index.unknown_field", /"note"/],
  ];
  for (const [edit, code, message] of cases) {
    const { index, bytes } = await parts();
    edit(index);
    const checks = compareIndex({ index, bytes }, expected);
    assert.deepEqual(checks.map((c) => c.code), [code], code);
    assert.match(checks[0].message, message);
  }
  // Same values, other bytes (key order, spacing): not canonical.
  const { index } = await parts();
  const reordered = new TextEncoder().encode(JSON.stringify(index) + "\n");
  assert.deepEqual(compareIndex({ index: index, bytes: reordered }, expected).map((c) => c.code), [
    "index.not_canonical",
  ]);
  // A skipped field is not compared, and no pass is claimed.
  const skipped = await parts();
  skipped.index.inventory.components += 1;
  assert.deepEqual(
    compareIndex({ index: skipped.index, bytes }, expected, { skip: ["inventory"] }),
    [],
  );
});
