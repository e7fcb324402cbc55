// The catalogue of keyless-signing error codes: each is in the README's runbook,
// has a one-line hint, and is what signError makes.
import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { SIGN_ERRORS, signError } from "../../../src/sigstore/sign/errors.ts";
import { REPO_ROOT } from "../../_util.ts";

Deno.test("every signing error code is in the README's runbook, with a one-line hint", () => {
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);
  const runbook = readme.split("\n## Error code runbook\n")[1].split("\n## ")[0];
  const rows = runbook.split("\n").filter((l) => l.startsWith("| `"));
  for (const [code, hint] of Object.entries(SIGN_ERRORS)) {
    assert.ok(rows.some((r) => r.split("|")[1].includes(`\`${code}\``)), `runbook row of ${code}`);
    assert.ok(hint.length > 0 && !hint.includes("\n"), code);
  }
});

Deno.test("signError: the code, the message, the catalogue's hint", () => {
  const error = signError("sigstore.rekor_rejected", "Rekor at https://r refused: HTTP 409");
  assert.ok(error instanceof VouchError);
  assert.deepEqual(error.toProblem(), {
    code: "sigstore.rekor_rejected",
    message: "Rekor at https://r refused: HTTP 409",
    hint: SIGN_ERRORS["sigstore.rekor_rejected"],
  });
});
