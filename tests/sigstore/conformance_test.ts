// The Sigstore conformance suite (bundle-verify cases in ../shared) run
// through the `vouch verify-bundle` CLI exactly as its SOURCES.md describes,
// with the compiled binary's permissions: every case must get its verdict.
import assert from "node:assert/strict";
import { runVouch } from "../_cli.ts";
import { skipWithoutShared } from "../_util.ts";
import { cliArgs, conformanceCases } from "./_conformance.ts";

Deno.test("conformance: every bundle-verify case through vouch verify-bundle", async () => {
  if (skipWithoutShared("the Sigstore conformance suite")) return;
  const cases = conformanceCases();
  assert.ok(cases.length >= 42, `expected the 42 cases, found ${cases.length}`);
  const wrong: string[] = [];
  // Two at a time: the machine's cores are shared.
  for (let i = 0; i < cases.length; i += 2) {
    await Promise.all(
      cases.slice(i, i + 2).map(async (c) => {
        const out = await runVouch(["verify-bundle", ...cliArgs(c)]);
        const expected = c.expectVerified ? 0 : 1;
        if (out.code !== expected) {
          wrong.push(
            `${c.name}: exit ${out.code}, expected ${expected}\n${out.stdout}${out.stderr}`,
          );
          return;
        }
        if (c.expectVerified) assert.match(out.stdout, /^vouch verify-bundle: VERIFIED /, c.name);
        else {assert.match(
            out.stdout,
            /^FAIL [a-z_]+\.[a-z_]+: /m,
            `${c.name}: no coded failure line`,
          );}
      }),
    );
  }
  const right = cases.length - wrong.length;
  console.log(`conformance: ${right}/${cases.length} cases verified as expected`);
  assert.deepEqual(wrong, []);
});
