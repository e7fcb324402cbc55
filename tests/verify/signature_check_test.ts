// deno-lint-ignore-file no-explicit-any
import assert from "node:assert/strict";
import { readEvidenceDir } from "../../src/verify/index_check.ts";
import { checkSignatures } from "../../src/verify/signature_check.ts";
import { checkStatement } from "../../src/verify/statement_check.ts";
import { parseJson } from "../../src/verify/_read.ts";
import { FILES, toJsonText } from "../../src/bundle/bundle_index.ts";
import { generateKeyPair, importPublicKey } from "../../src/signing/keys.ts";
import { ecdsaDerToRaw, ecdsaRawToDer, isEcdsaLowS } from "../../src/signing/ecdsa_der.ts";
import type { VerifyCheck } from "../../src/verify/_check.ts";
import { bundle, HMAC_KEY } from "./_bundle.ts";

async function inputs(
  signing: "both" | "ecdsa-p256" = "both",
): Promise<Parameters<typeof checkSignatures>[0]> {
  const b = await bundle(signing);
  const { files } = await readEvidenceDir(b.dir);
  const parsed = parseJson(files.get(FILES.provenance)!, FILES.provenance);
  const { statement } = checkStatement(parsed.check ? undefined : parsed.value);
  return {
    files,
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
// The mechanics of a bundle made by another tool still work (every given key is tried), but in
// vouch evidence such a bundle is not in vouch's form nor names the declared key id: it fails.

type Input = Parameters<typeof checkSignatures>[0];

/** Rewrites a JSON file in the input's file map, in vouch's JSON form. */
function editJson(input: Input, path: string, edit: (json: any) => void): void {
  const json = JSON.parse(new TextDecoder().decode(input.files.get(path)));
  edit(json);
  input.files.set(path, new TextEncoder().encode(toJsonText(json)));
}

/** Rewrites provenance.sigstore.json in the input's file map. */
function editSigstore(input: Input, edit: (json: SigstoreJson) => void): void {
  editJson(input, FILES.sigstoreBundle, edit);
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
  assert.deepEqual(failed(result), ["sigstore.not_canonical", "sigstore.keyid_mismatch"]);
  const checks = sigstoreChecks(result);
  assert.deepEqual(checks.map((c) => [c.code, c.ok]), [
    ["sigstore.payload_ok", true],
    ["sigstore.signature.verified", true],
    ["sigstore.hint_unmatched", true],
    ["sigstore.not_canonical", false],
    ["sigstore.keyid_mismatch", false],
  ]);
  // Both name the key that verified (its cosign key id), not the other one.
  for (const check of checks.slice(1, 3)) {
    assert.ok(check.message.includes(JSON.stringify(key.keyid)), check.message);
    assert.ok(!check.message.includes(JSON.stringify(other.keyid)), check.message);
  }
  assert.match(checks[2].message, /names no key/);
  assert.match(checks[4].message, /names key id "", the provenance declares/);
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
  assert.deepEqual(failed(result), ["sigstore.keyid_mismatch"]);
  const unmatched = result.checks.find((c) => c.code === "sigstore.hint_unmatched");
  assert.match(unmatched?.message ?? "", /no given public key has key id "release-signing-key"/);
  assert.ok(unmatched!.message.includes(JSON.stringify(key.keyid)));
  assert.equal(result.signedPayloads.length, 1);
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
    ["sigstore.not_canonical", false],
    ["sigstore.keyid_mismatch", false],
  ]);
  assert.match(checks[1].message, /names no key .* none verifies the signature/);
  assert.ok(failed(result).includes("signature.required"));
  assert.ok(!result.checks.some((c) => c.code === "sigstore.hint_unmatched"));
  assert.deepEqual(result.signedPayloads, []);

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
    "sigstore.not_canonical",
    "sigstore.keyid_mismatch",
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
    "sigstore.not_canonical",
    "sigstore.keyid_mismatch",
  ]);
});

Deno.test("an empty keyid beside the cosign hint (sigstore-go's form) verifies as named", async () => {
  const input = await inputs();
  editSigstore(input, (json) => delete json.dsseEnvelope.signatures[0].keyid);
  const result = await checkSignatures(input);
  assert.ok(result.checks.some((c) => c.code === "sigstore.signature.verified"));
  assert.ok(!result.checks.some((c) => c.code === "sigstore.hint_unmatched"));
  // But it is not the form vouch writes (which names the key id in both places).
  assert.deepEqual(failed(result), ["sigstore.not_canonical"]);
  // Two different non-empty names still conflict.
  const conflict = await inputs();
  editSigstore(conflict, (json) => (json.dsseEnvelope.signatures[0].keyid = "another"));
  assert.deepEqual(
    sigstoreChecks(await checkSignatures(conflict)).filter((c) => !c.ok).map((c) => c.code),
    ["sigstore.hint_mismatch", "sigstore.not_canonical"],
  );
});

Deno.test('an HMAC signature without keyid is read as keyid "": the secret verifies it', async () => {
  const input = await inputs();
  editJson(input, FILES.hmacSignature, (json) => delete json.signatures[0].keyid);
  const result = await checkSignatures(input);
  assert.ok(result.checks.some((c) => c.code === "hmac.signature.verified" && c.ok));
  // The provenance declares the envelope's label, which the file no longer names.
  assert.deepEqual(failed(result), ["hmac.keyid_mismatch"]);
  const wrong = await checkSignatures({ ...input, hmacKey: "not-the-secret" });
  assert.ok(failed(wrong).includes("hmac.signature.invalid"));
});

// --- what the signatures do not sign is pinned down too ------------------------------------------

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const ED25519_L = 2n ** 252n + 27742317777372353535851937790883648493n;

Deno.test("a signature file edited where no signature reaches is not vouch's form", async () => {
  const edits: [string, (input: Input) => void, string][] = [
    [FILES.hmacSignature, (i) => editJson(i, FILES.hmacSignature, (j) => (j.note = "ok")), "hmac"],
    [
      FILES.hmacSignature,
      (i) => {
        const text = new TextDecoder().decode(i.files.get(FILES.hmacSignature));
        i.files.set(FILES.hmacSignature, new TextEncoder().encode(text.replaceAll("  ", "\t")));
      },
      "hmac",
    ],
    // A second signature by the attacker's own HMAC key: DSSE lets it pass beside the first.
    [
      FILES.hmacSignature,
      (i) =>
        editJson(i, FILES.hmacSignature, (j) => j.signatures.push({ keyid: "x", sig: "AAAA" })),
      "hmac",
    ],
    [
      FILES.sigstoreBundle,
      (i) => editSigstore(i, (j: any) => (j.verificationMaterial.tlogEntries = [{ kind: "x" }])),
      "sigstore",
    ],
    [
      FILES.spdxSigstoreBundle,
      (i) => editJson(i, FILES.spdxSigstoreBundle, (j) => (j.extra = true)),
      "spdx_sigstore",
    ],
  ];
  for (const [path, edit, prefix] of edits) {
    const input = await inputs();
    edit(input);
    const result = await checkSignatures(input);
    assert.ok(failed(result).includes(`${prefix}.not_canonical`), `${path}: ${failed(result)}`);
    assert.ok(result.checks.some((c) => c.code === `${prefix}.signature.verified`), path);
  }
});

/** The same base64 text with other (ignored) padding bits: it decodes to the same bytes. */
function otherPaddingBits(text: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const at = text.replace(/=+$/, "").length - 1;
  const padding = text.endsWith("==") ? 4 : 2;
  const value = alphabet.indexOf(text[at]) ^ ((1 << padding) - 1);
  return text.slice(0, at) + alphabet[value] + text.slice(at + 1);
}

Deno.test("a signature's base64 with other padding bits (same bytes) is not vouch's form", async () => {
  for (
    const [path, prefix] of [[FILES.hmacSignature, "hmac"], [FILES.sigstoreBundle, "sigstore"]]
  ) {
    const input = await inputs();
    editJson(input, path, (j) => {
      const signature = (prefix === "hmac" ? j : j.dsseEnvelope).signatures[0];
      assert.match(signature.sig, /=$/);
      signature.sig = otherPaddingBits(signature.sig);
    });
    const result = await checkSignatures(input);
    assert.ok(result.checks.some((c) => c.code === `${prefix}.signature.verified`), path);
    assert.deepEqual(failed(result), [`${prefix}.not_canonical`], path);
  }
});

Deno.test("a relabelled key id fails: the provenance declares each file's key id", async () => {
  const input = await inputs();
  editJson(input, FILES.hmacSignature, (j) => (j.signatures[0].keyid = "prod-release-key"));
  const result = await checkSignatures(input);
  assert.ok(result.checks.some((c) => c.code === "hmac.signature.verified"));
  assert.deepEqual(failed(result), ["hmac.keyid_mismatch"]);
  assert.match(
    result.checks.find((c) => c.code === "hmac.keyid_mismatch")!.message,
    /"prod-release-key", the provenance declares "local-hmac"/,
  );
  // Without the secret the label is still checked.
  assert.deepEqual(failed(await checkSignatures({ ...input, hmacKey: undefined })), [
    "hmac.keyid_mismatch",
  ]);
});

Deno.test("a key verifying with another algorithm than declared fails", async () => {
  const input = await inputs();
  const declared = input.statement!.predicate.runDetails.vouch_signatures;
  declared.find((d) => d.path === FILES.sigstoreBundle)!.algorithm = "ecdsa-p256";
  assert.ok(failed(await checkSignatures(input)).includes("sigstore.algorithm_mismatch"));
});

Deno.test("ECDSA: the other valid form of a signature (n - s) is refused; vouch signs low-S", async () => {
  const input = await inputs("ecdsa-p256");
  const bundleJson = JSON.parse(new TextDecoder().decode(input.files.get(FILES.sigstoreBundle)));
  const der = Uint8Array.fromBase64(bundleJson.dsseEnvelope.signatures[0].sig);
  assert.ok(isEcdsaLowS(der), "vouch writes low-S signatures");
  const raw = ecdsaDerToRaw(der);
  const s = BigInt(`0x${raw.subarray(32).toHex()}`);
  raw.set(Uint8Array.fromHex((P256_N - s).toString(16).padStart(64, "0")), 32);
  editSigstore(
    input,
    (j: any) => (j.dsseEnvelope.signatures[0].sig = ecdsaRawToDer(raw).toBase64()),
  );
  const result = await checkSignatures(input);
  assert.ok(result.checks.some((c) => c.code === "sigstore.signature.verified"), "still valid");
  assert.deepEqual(failed(result), ["sigstore.signature.high_s"]);
});

Deno.test("Ed25519: a signature with S + L does not verify (no second form)", async () => {
  const input = await inputs();
  const bundleJson = JSON.parse(new TextDecoder().decode(input.files.get(FILES.sigstoreBundle)));
  const sig = Uint8Array.fromBase64(bundleJson.dsseEnvelope.signatures[0].sig);
  // S is the little-endian second half; adding the group order L gives the "same" scalar.
  const le = (bytes: Uint8Array): bigint => BigInt(`0x${bytes.toReversed().toHex()}`);
  const sPlusL = le(sig.subarray(32)) + ED25519_L;
  const bytes = Uint8Array.fromHex(sPlusL.toString(16).padStart(64, "0")).toReversed();
  sig.set(bytes, 32);
  editSigstore(input, (j: any) => (j.dsseEnvelope.signatures[0].sig = sig.toBase64()));
  assert.ok(failed(await checkSignatures(input)).includes("sigstore.signature.invalid"));
});
