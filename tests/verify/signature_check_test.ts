import assert from "node:assert/strict";
import { checkIndex } from "../../src/verify/index_check.ts";
import { checkSignatures } from "../../src/verify/signature_check.ts";
import { checkStatement } from "../../src/verify/statement_check.ts";
import { parseJson } from "../../src/verify/_read.ts";
import { FILES } from "../../src/bundle/bundle_index.ts";
import { importPublicKey } from "../../src/signing/keys.ts";
import { bundle, HMAC_KEY } from "./_bundle.ts";

async function inputs(): Promise<Parameters<typeof checkSignatures>[0]> {
  const b = await bundle("both");
  const { files, index } = await checkIndex(b.dir);
  const parsed = parseJson(files.get(FILES.provenance)!, FILES.provenance);
  const { statement } = checkStatement(parsed.check ? undefined : parsed.value);
  return {
    files,
    index,
    statement,
    hmacKey: HMAC_KEY,
    publicKeys: [await importPublicKey(b.publicKeyPem!)],
  };
}

Deno.test("checkSignatures verifies all four signature files", async () => {
  const input = await inputs();
  const result = await checkSignatures(input);
  assert.deepEqual(result.checks.filter((c) => !c.ok), []);
  assert.equal(
    result.signedPayloads.length,
    1,
    "the two provenance signatures sign the same bytes",
  );
  assert.deepEqual(result.signedPayloads[0], input.files.get(FILES.provenance));
  const verified = result.checks.filter((c) => c.code.endsWith(".signature.verified")).map((c) =>
    c.file
  );
  assert.deepEqual(verified, [
    FILES.hmacSignature,
    FILES.sigstoreBundle,
    FILES.spdxSigstoreBundle,
    FILES.cyclonedxSigstoreBundle,
  ]);
});

Deno.test("SBOM bundles must sign the statement of the SBOM file as it is", async () => {
  const input = await inputs();
  const spdx = JSON.parse(new TextDecoder().decode(input.files.get(FILES.spdx)));
  spdx.name = "changed";
  input.files.set(FILES.spdx, new TextEncoder().encode(JSON.stringify(spdx, null, 2) + "\n"));
  const result = await checkSignatures(input);
  assert.deepEqual(result.checks.filter((c) => !c.ok).map((c) => c.code), [
    "spdx_sigstore.payload_mismatch",
  ]);
  const noStatement = await checkSignatures({ ...(await inputs()), statement: undefined });
  assert.deepEqual(noStatement.checks.filter((c) => !c.ok).map((c) => c.code), [
    "spdx_sigstore.payload_mismatch",
    "cyclonedx_sigstore.payload_mismatch",
  ]);
});

Deno.test("requireSignature false omits the signature.required check", async () => {
  const input = await inputs();
  const result = await checkSignatures({
    ...input,
    hmacKey: undefined,
    publicKeys: [],
    requireSignature: false,
  });
  assert.deepEqual(result.signedPayloads, []);
  assert.ok(!result.checks.some((c) => c.code === "signature.required"));
  assert.ok(result.checks.every((c) => c.ok));
});
