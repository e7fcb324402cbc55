// hashFile's digests and streaming are tested through its public re-export in subjects_test.ts.
import assert from "node:assert/strict";
import { hashFile } from "../../src/provenance/_hash_file.ts";
import * as subjects from "../../src/provenance/subjects.ts";

function importsOf(name: string): string[] {
  const text = Deno.readTextFileSync(new URL(`../../src/provenance/${name}`, import.meta.url));
  return [...text.matchAll(/^import [^;]* from "([^"]+)";$/gm)].map((m) => m[1]);
}

Deno.test("_hash_file: a hashing worker loads only node:crypto (each node: module costs a worker tens of ms)", () => {
  assert.deepEqual(importsOf("_hash_worker.ts"), ["./_hash_file.ts"]);
  assert.deepEqual(importsOf("_hash_file.ts"), ["node:crypto"]);
  assert.equal(subjects.hashFile, hashFile);
});
