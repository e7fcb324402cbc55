import assert from "node:assert/strict";
import { FILES } from "../../src/bundle/bundle_index.ts";
import type { ProvenanceStatement } from "../../src/provenance/statement.ts";
import { checkEvidenceFiles } from "../../src/verify/evidence_check.ts";
import { readEvidenceDir } from "../../src/verify/index_check.ts";
import { bundle, flipByte } from "./_bundle.ts";

async function check(
  signing: "hmac" | "both",
  edit: (dir: string) => void,
): Promise<{ codes: string[]; named: string[] }> {
  const b = await bundle(signing);
  const statement: ProvenanceStatement = JSON.parse(
    Deno.readTextFileSync(`${b.dir}/${FILES.provenance}`),
  );
  edit(b.dir);
  const result = await checkEvidenceFiles(statement, await readEvidenceDir(b.dir));
  return {
    codes: result.checks.filter((c) => !c.ok).map((c) => `${c.code}:${c.file}`),
    named: [...result.named.keys()].sort(),
  };
}

Deno.test("checkEvidenceFiles: every byproduct matches, every file is named", async () => {
  const { codes, named } = await check("both", () => {});
  assert.deepEqual(codes, []);
  const all = Object.values(FILES).filter((f) => f !== FILES.index).sort();
  assert.deepEqual(named, all);
  const hmac = await check("hmac", () => {});
  assert.deepEqual(hmac.codes, []);
  assert.equal(hmac.named.length, 6);
});

Deno.test("checkEvidenceFiles: changed, missing and unnamed files", async () => {
  assert.deepEqual(
    (await check("hmac", (dir) => flipByte(`${dir}/${FILES.markdown}`, 3))).codes,
    [`evidence.digest_mismatch:${FILES.markdown}`],
  );
  assert.deepEqual(
    (await check("both", (dir) => Deno.removeSync(`${dir}/${FILES.spdxSigstoreBundle}`))).codes,
    [`evidence.file_missing:${FILES.spdxSigstoreBundle}`],
  );
  // A declared provenance signature is named (not by digest): its absence fails too.
  assert.deepEqual(
    (await check("both", (dir) => Deno.removeSync(`${dir}/${FILES.hmacSignature}`))).codes,
    [`evidence.file_missing:${FILES.hmacSignature}`],
  );
  const extra = await check("hmac", (dir) => {
    Deno.writeTextFileSync(`${dir}/${FILES.sigstoreBundle}`, "{}");
    Deno.writeTextFileSync(`${dir}/README`, "x");
    Deno.mkdirSync(`${dir}/empty`);
  });
  assert.deepEqual(extra.codes, [
    "evidence.unnamed_file:README",
    "evidence.unnamed_file:empty/",
    `evidence.unnamed_file:${FILES.sigstoreBundle}`,
  ]);
});
