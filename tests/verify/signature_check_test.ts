import assert from "node:assert/strict";
import { checkIndex } from "../../src/verify/index_check.ts";
import { checkSignatures } from "../../src/verify/signature_check.ts";
import { checkStatement } from "../../src/verify/statement_check.ts";
import { parseJson } from "../../src/verify/_read.ts";
import { FILES } from "../../src/bundle/bundle_index.ts";
import { generateKeyPair, importPublicKey } from "../../src/signing/keys.ts";
import type { VerifyCheck } from "../../src/verify/_check.ts";
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

// --- Sigstore bundles without the cosign key id as hint ----------------------------------------

type Input = Parameters<typeof checkSignatures>[0];

/** Rewrites provenance.sigstore.json in the input's file map (the index is not re-checked here). */
function editSigstore(input: Input, edit: (json: SigstoreJson) => void): void {
  const json = JSON.parse(new TextDecoder().decode(input.files.get(FILES.sigstoreBundle)));
  edit(json);
  input.files.set(FILES.sigstoreBundle, new TextEncoder().encode(JSON.stringify(json)));
}

interface SigstoreJson {
  verificationMaterial: { publicKey: { hint?: string } };
  dsseEnvelope: { payload: string; signatures: { keyid?: string; sig: string }[] };
}

/** What sigstore-js writes without a hint: `publicKey: {}` and no signature keyid. */
function dropNames(json: SigstoreJson): void {
  delete json.verificationMaterial.publicKey.hint;
  delete json.dsseEnvelope.signatures[0].keyid;
}

function sigstoreChecks(result: { checks: VerifyCheck[] }): VerifyCheck[] {
  return result.checks.filter((c) => c.file === FILES.sigstoreBundle);
}

const failed = (result: { checks: VerifyCheck[] }): string[] =>
  result.checks.filter((c) => !c.ok).map((c) => c.code);

Deno.test("a Sigstore bundle with no hint and no keyid verifies by trying every given key", async () => {
  const input = await inputs();
  const [key] = input.publicKeys;
  const other = await importPublicKey((await generateKeyPair("ecdsa-p256")).publicKeyPem);
  editSigstore(input, dropNames);
  const result = await checkSignatures({ ...input, publicKeys: [other, key] });
  assert.deepEqual(failed(result), []);
  const checks = sigstoreChecks(result);
  assert.deepEqual(checks.map((c) => [c.code, c.ok]), [
    ["sigstore.payload_ok", true],
    ["sigstore.signature.verified", true],
    ["sigstore.hint_unmatched", true],
  ]);
  // Both name the key that verified (its cosign key id), not the other one.
  for (const check of checks.slice(1)) {
    assert.ok(check.message.includes(JSON.stringify(key.keyid)), check.message);
    assert.ok(!check.message.includes(JSON.stringify(other.keyid)), check.message);
  }
  assert.match(checks[2].message, /names no key/);
  // The index records the cosign key id of the key that verified: consistent.
  assert.ok(result.checks.some((c) => c.code === "index.signatures_ok" && c.ok));
  assert.equal(
    input.index!.signatures.find((s) => s.path === FILES.sigstoreBundle)!.keyid,
    key.keyid,
  );
  assert.equal(result.signedPayloads.length, 1);
});

Deno.test("a free-form or unknown hint is tried against every given key", async () => {
  const input = await inputs();
  const [key] = input.publicKeys;
  editSigstore(input, (json) => {
    json.verificationMaterial.publicKey.hint = "release-signing-key";
    json.dsseEnvelope.signatures[0].keyid = "release-signing-key";
  });
  const result = await checkSignatures(input);
  assert.deepEqual(failed(result), []);
  const unmatched = result.checks.find((c) => c.code === "sigstore.hint_unmatched");
  assert.match(unmatched?.message ?? "", /no given public key has key id "release-signing-key"/);
  assert.ok(unmatched!.message.includes(JSON.stringify(key.keyid)));
  // The index may record the bundle's own hint, or the id of the key that verified, nothing else.
  const indexWith = (keyid: string): Input => {
    const index = structuredClone(input.index!);
    index.signatures.find((s) => s.path === FILES.sigstoreBundle)!.keyid = keyid;
    return { ...input, index };
  };
  for (const keyid of ["release-signing-key", key.keyid]) {
    assert.deepEqual(failed(await checkSignatures(indexWith(keyid))), [], keyid);
  }
  assert.deepEqual(failed(await checkSignatures(indexWith("someone-else"))), [
    "index.signatures_mismatch",
  ]);
});

Deno.test("a hint-less bundle still fails with a wrong key or a tampered payload", async () => {
  const input = await inputs();
  editSigstore(input, dropNames);
  const wrong = await importPublicKey((await generateKeyPair("ed25519")).publicKeyPem);
  const result = await checkSignatures({ ...input, hmacKey: undefined, publicKeys: [wrong] });
  const checks = sigstoreChecks(result);
  assert.deepEqual(checks.map((c) => [c.code, c.ok]), [
    ["sigstore.payload_ok", true],
    ["sigstore.key_unknown", false],
  ]);
  assert.match(checks[1].message, /names no key .* none verifies the signature/);
  assert.ok(failed(result).includes("signature.required"));
  assert.ok(!result.checks.some((c) => c.code === "sigstore.hint_unmatched"));
  assert.deepEqual(result.signedPayloads, []);
  // Unverified, the file names no key, so the index's cosign key id is not confirmed.
  assert.ok(failed(result).includes("index.signatures_mismatch"));

  const tampered = await inputs();
  editSigstore(tampered, (json) => {
    dropNames(json);
    const payload = atob(json.dsseEnvelope.payload);
    json.dsseEnvelope.payload = btoa(payload.replace("demo", "dEmo"));
  });
  const forged = await checkSignatures({ ...tampered, hmacKey: undefined });
  assert.deepEqual(sigstoreChecks(forged).filter((c) => !c.ok).map((c) => c.code), [
    "sigstore.payload_mismatch",
    "sigstore.key_unknown",
  ]);
  assert.deepEqual(forged.signedPayloads, []);
});

Deno.test("a hint naming a given key is not retried with the others when it fails", async () => {
  const input = await inputs();
  const [key] = input.publicKeys;
  const other = await importPublicKey((await generateKeyPair("ed25519")).publicKeyPem);
  editSigstore(input, (json) => {
    json.verificationMaterial.publicKey.hint = other.keyid;
    delete json.dsseEnvelope.signatures[0].keyid;
  });
  const result = await checkSignatures({ ...input, publicKeys: [key, other] });
  assert.deepEqual(sigstoreChecks(result).filter((c) => !c.ok).map((c) => c.code), [
    "sigstore.signature.invalid",
  ]);
});

Deno.test("an empty keyid beside the cosign hint (sigstore-go's form) verifies as named", async () => {
  const input = await inputs();
  editSigstore(input, (json) => delete json.dsseEnvelope.signatures[0].keyid);
  const result = await checkSignatures(input);
  assert.deepEqual(failed(result), []);
  assert.ok(!result.checks.some((c) => c.code === "sigstore.hint_unmatched"));
  // Two different non-empty names still conflict.
  const conflict = await inputs();
  editSigstore(conflict, (json) => (json.dsseEnvelope.signatures[0].keyid = "another"));
  assert.deepEqual(
    sigstoreChecks(await checkSignatures(conflict)).filter((c) => !c.ok).map((c) => c.code),
    [
      "sigstore.hint_mismatch",
    ],
  );
});

Deno.test('an HMAC signature without keyid is read as keyid "": the secret verifies it', async () => {
  const input = await inputs();
  const json = JSON.parse(new TextDecoder().decode(input.files.get(FILES.hmacSignature)));
  delete json.signatures[0].keyid;
  input.files.set(FILES.hmacSignature, new TextEncoder().encode(JSON.stringify(json)));
  const result = await checkSignatures(input);
  assert.ok(result.checks.some((c) => c.code === "hmac.signature.verified" && c.ok));
  // The index still records the envelope's former label, which the file no longer names.
  assert.deepEqual(failed(result), ["index.signatures_mismatch"]);
  const wrong = await checkSignatures({ ...input, hmacKey: "not-the-secret" });
  assert.ok(failed(wrong).includes("hmac.signature.invalid"));
});
