// deno-lint-ignore-file no-explicit-any
import assert from "node:assert/strict";
import { FILES } from "../../src/bundle/bundle_index.ts";
import { checkStatement, statementFacts } from "../../src/verify/statement_check.ts";
import { bundle, EXPECT } from "./_bundle.ts";

async function statement(signing: "hmac" | "both" = "hmac"): Promise<Record<string, unknown>> {
  const b = await bundle(signing);
  return JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.provenance}`));
}

Deno.test("checkStatement accepts the producer's statement and reads its facts", async () => {
  const result = checkStatement(await statement());
  assert.deepEqual(result.checks.map((c) => c.code), ["statement.ok"]);
  assert.deepEqual(statementFacts(result.statement!), EXPECT);
});

Deno.test("checkStatement reports each structural problem", async () => {
  const edits: [(s: Record<string, any>) => void, string][] = [
    [(s) => (s._type = "x"), "statement.type"],
    [(s) => (s.subject = []), "statement.subject"],
    [(s) => (s.subject[0].digest = { sha1: "a" }), "statement.subject"],
    [(s) => (s.subject[1].name = s.subject[0].name), "statement.subject"],
    [(s) => (s.predicateType = "https://slsa.dev/provenance/v0.2"), "statement.predicate_type"],
    [(s) => delete s.predicate.buildDefinition.buildType, "statement.build_definition"],
    [(s) => (s.predicate.buildDefinition.externalParameters = []), "statement.build_definition"],
    [(s) => delete s.predicate.runDetails.builder.id, "statement.run_details"],
    [(s) => delete s.predicate.runDetails.metadata, "statement.run_details"],
    [(s) => delete s.subject[0].annotations, "statement.subject"],
    [(s) => (s.subject[0].annotations.size = -1), "statement.subject"],
    [(s) => (s.predicate.runDetails.builder.version = {}), "statement.run_details"],
    [(s) => (s.predicate.runDetails.builder.version.other = "1"), "statement.run_details"],
    [(s) => delete s.predicate.runDetails.metadata.startedOn, "statement.run_details"],
    [(s) => delete s.predicate.runDetails.byproducts, "statement.byproducts_missing"],
    [(s) => (s.predicate.runDetails.byproducts = {}), "statement.byproducts"],
    [(s) => s.predicate.runDetails.byproducts.pop(), "statement.byproducts"],
    [(s) => (s.predicate.runDetails.byproducts[0].name = "../x"), "statement.byproducts"],
    [(s) => (s.predicate.runDetails.byproducts[0].mediaType = "x/y"), "statement.byproducts"],
    [(s) => (s.predicate.runDetails.byproducts[0].digest = {}), "statement.byproducts"],
    [
      (s) => s.predicate.runDetails.byproducts.push(s.predicate.runDetails.byproducts[0]),
      "statement.byproducts",
    ],
    [(s) => delete s.predicate.runDetails.vouch_signatures, "statement.signatures"],
    [(s) => (s.predicate.runDetails.vouch_signatures[0].path = "x.json"), "statement.signatures"],
    [(s) => (s.predicate.runDetails.vouch_signatures[0].signs = "x"), "statement.signatures"],
    [
      (s) => (s.predicate.runDetails.vouch_signatures[0].algorithm = "ed25519"),
      "statement.signatures",
    ],
    [(s) => delete s.predicate.runDetails.vouch_signatures[0].keyid, "statement.signatures"],
    [(s) => delete s.predicate.runDetails.vouch_blockers, "statement.blockers"],
    [(s) => s.predicate.runDetails.vouch_blockers.push({ code: "" }), "statement.blockers"],
  ];
  for (const [edit, code] of edits) {
    const s = await statement();
    edit(s);
    const result = checkStatement(s);
    assert.deepEqual(result.checks.map((c) => c.code), [code], code);
    assert.equal(result.statement, undefined);
  }
  assert.equal(checkStatement("x").checks[0].code, "statement.type");
});

Deno.test("attack: hostile JSON values: digests and algorithms that are objects are findings", async () => {
  const edits: [(s: Record<string, any>) => void, string][] = [
    [(s) => (s.subject[0].digest.sha256 = { toString: 1 }), "statement.subject"],
    [
      (s) => (s.predicate.runDetails.byproducts[0].digest.sha256 = [{ toString: 1 }]),
      "statement.byproducts",
    ],
    [
      (s) => (s.predicate.runDetails.vouch_signatures[0].algorithm = { toString: 1 }),
      "statement.signatures",
    ],
  ];
  for (const [edit, code] of edits) {
    const s = await statement();
    edit(s);
    assert.deepEqual(checkStatement(s).checks.map((c) => c.code), [code], code);
  }
});

Deno.test("checkStatement: declared SBOM signature files and byproducts must agree", async () => {
  const edits: ((run: Record<string, any>) => void)[] = [
    // A declared SBOM bundle the statement does not name by digest.
    (
      run,
    ) => (run.byproducts = run.byproducts.filter((b: any) => !b.name.endsWith("sigstore.json"))),
    // A named SBOM bundle that is not a declared signature.
    (run) => (run.vouch_signatures = run.vouch_signatures.slice(0, 2)),
    (run) => run.vouch_signatures.push(run.vouch_signatures[1]),
  ];
  for (const edit of edits) {
    const s: Record<string, any> = await statement("both");
    edit(s.predicate.runDetails);
    assert.deepEqual(checkStatement(s).checks.map((c) => c.code), ["statement.signatures"]);
  }
});

Deno.test("checkStatement: old evidence (no byproducts, no subject sizes) is named clearly", async () => {
  const s: Record<string, any> = await statement();
  for (const key of ["byproducts", "vouch_signatures", "vouch_blockers"]) {
    delete s.predicate.runDetails[key];
  }
  for (const subject of s.subject) delete subject.annotations;
  const checks = checkStatement(s).checks;
  assert.deepEqual(checks.map((c) => c.code), [
    "statement.subject",
    "statement.byproducts_missing",
  ]);
  assert.match(checks[1].message, /older vouch/);
});
