// deno-lint-ignore-file no-explicit-any
import assert from "node:assert/strict";
import { FILES } from "../../src/bundle/bundle_index.ts";
import {
  checkIndexContext,
  checkStatement,
  statementFacts,
} from "../../src/verify/statement_check.ts";
import { bundle, EXPECT } from "./_bundle.ts";

async function statement(): Promise<Record<string, unknown>> {
  const b = await bundle("hmac");
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
  ];
  for (const [edit, code] of edits) {
    const s = await statement();
    edit(s);
    const result = checkStatement(s);
    assert.deepEqual(result.checks.map((c) => c.code), [code]);
    assert.equal(result.statement, undefined);
  }
  assert.equal(checkStatement("x").checks[0].code, "statement.type");
});

Deno.test("checkIndexContext compares the index with the statement", async () => {
  const b = await bundle("hmac");
  const index = JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.index}`));
  const { statement: s } = checkStatement(
    JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.provenance}`)),
  );
  assert.deepEqual(checkIndexContext(index, s!).map((c) => c.code), ["index.context_ok"]);
  index.created = "2000-01-01T00:00:00Z";
  index.tool.version = "9";
  assert.deepEqual(checkIndexContext(index, s!).map((c) => c.code), [
    "index.context_mismatch",
    "index.context_mismatch",
  ]);
});
