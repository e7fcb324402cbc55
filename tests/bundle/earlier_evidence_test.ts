import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "../_util.ts";
import { INDEX_SCHEMA } from "../../src/bundle/bundle_index.ts";
import { INDEX_SCHEMA_PREFIX, isEarlierEvidence } from "../../src/bundle/earlier_evidence.ts";

const INDEX = "supply_chain_attestation.json";

function index(paths: unknown[], schema: unknown = INDEX_SCHEMA): string {
  return JSON.stringify({ schema, files: paths.map((path) => ({ path, sha256: "x", size: 1 })) });
}

/** Writes `files` (name → text; a name ending in `/` is a folder) into a fresh folder. */
async function folder(dir: string, name: string, files: Record<string, string>): Promise<string> {
  const path = join(dir, name);
  await Deno.mkdir(path);
  for (const [file, text] of Object.entries(files)) {
    if (file.endsWith("/")) await Deno.mkdir(join(path, file));
    else await Deno.writeTextFile(join(path, file), text);
  }
  return path;
}

Deno.test("isEarlierEvidence: the index schema prefix is the one of INDEX_SCHEMA", () => {
  assert.ok(INDEX_SCHEMA.startsWith(INDEX_SCHEMA_PREFIX));
});

Deno.test("isEarlierEvidence: a vouch index listing exactly the other files is evidence", async () => {
  await withTempDir(async (dir) => {
    const good = await folder(dir, "good", {
      [INDEX]: index(["SHA256SUMS", "sbom.spdx.json"]),
      SHA256SUMS: "",
      "sbom.spdx.json": "{}",
    });
    assert.equal(await isEarlierEvidence(good), true);
    // A later index version is still vouch's.
    const v2 = await folder(dir, "v2", {
      [INDEX]: index(["a"], `${INDEX_SCHEMA_PREFIX}v2`),
      a: "",
    });
    assert.equal(await isEarlierEvidence(v2), true);
  });
});

Deno.test("isEarlierEvidence: `{}` as the index beside tax-return.pdf and photos/ is not evidence", async () => {
  await withTempDir(async (dir) => {
    const cases: Record<string, string>[] = [
      { [INDEX]: "{}", "tax-return.pdf": "%PDF", "photos/": "" },
      { [INDEX]: "{}" },
      { [INDEX]: "[]" },
      { [INDEX]: "not json" },
      { [INDEX]: "\xff\xfe" },
      { [INDEX]: index([], "https://example.com/other-tool/v1") },
      { [INDEX]: JSON.stringify({ schema: INDEX_SCHEMA }) }, // no file list
      // The list does not match the folder: a file too many, a file too few.
      { [INDEX]: index(["SHA256SUMS"]), SHA256SUMS: "", "tax-return.pdf": "%PDF" },
      { [INDEX]: index(["SHA256SUMS", "sbom.spdx.json"]), SHA256SUMS: "" },
      // A listed path that is not a plain name, or listed twice.
      { [INDEX]: index(["photos/a.jpg"]), "photos/": "" },
      { [INDEX]: index(["a", "a"]), a: "" },
      { [INDEX]: index([7]), a: "" },
      // A subfolder is never vouch's, even when listed.
      { [INDEX]: index(["photos"]), "photos/": "" },
      // No index at all.
      { "tax-return.pdf": "%PDF" },
    ];
    let n = 0;
    for (const files of cases) {
      const path = await folder(dir, `case${n++}`, files);
      assert.equal(await isEarlierEvidence(path), false, JSON.stringify(files));
    }
  });
});

Deno.test("isEarlierEvidence: symlinks (as a file or as the index) are not evidence", async () => {
  await withTempDir(async (dir) => {
    const outside = join(dir, "outside.json");
    await Deno.writeTextFile(outside, index([]));
    const linkedIndex = await folder(dir, "a", {});
    await Deno.symlink(outside, join(linkedIndex, INDEX));
    assert.equal(await isEarlierEvidence(linkedIndex), false);
    const linkedFile = await folder(dir, "b", { [INDEX]: index(["x"]) });
    await Deno.symlink(outside, join(linkedFile, "x"));
    assert.equal(await isEarlierEvidence(linkedFile), false);
  });
});
