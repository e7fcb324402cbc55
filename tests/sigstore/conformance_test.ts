// The Sigstore conformance suite (bundle-verify cases in ../shared) run
// through the `vouch verify-bundle` CLI exactly as its SOURCES.md describes,
// with the compiled binary's permissions: every case must get its verdict.
import assert from "node:assert/strict";
import { runVouch } from "../_cli.ts";
import { skipWithoutShared } from "../_util.ts";
import { cliArgs, conformanceCases } from "./_conformance.ts";

/** `sha256:<hex>` of a file: the artifact as the suite's harness passes it in its second run. */
async function digestArgument(path: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
  return `sha256:${new Uint8Array(digest).toHex()}`;
}

Deno.test("conformance: every bundle-verify case through vouch verify-bundle, by path and by digest", async () => {
  if (skipWithoutShared("the Sigstore conformance suite")) return;
  const cases = conformanceCases();
  assert.ok(cases.length >= 42, `expected the 42 cases, found ${cases.length}`);
  const runs = [
    ...cases.map((c) => ({ c, mode: "path", artifact: c.artifact })),
    ...await Promise.all(
      cases.map(async (c) => ({ c, mode: "digest", artifact: await digestArgument(c.artifact) })),
    ),
  ];
  const wrong: string[] = [];
  // Two at a time: the machine's cores are shared.
  for (let i = 0; i < runs.length; i += 2) {
    await Promise.all(
      runs.slice(i, i + 2).map(async ({ c, mode, artifact }) => {
        const out = await runVouch(["verify-bundle", ...cliArgs(c, artifact)]);
        const expected = c.expectVerified ? 0 : 1;
        if (out.code !== expected) {
          wrong.push(
            `${c.name} (${mode}): exit ${out.code}, expected ${expected}\n${out.stdout}${out.stderr}`,
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
  const right = runs.length - wrong.length;
  console.log(
    `conformance: ${right}/${runs.length} runs (${cases.length} cases, by path and by digest) as expected`,
  );
  assert.deepEqual(wrong, []);
});
