// checkSignatures on keyless Sigstore bundles (a Fulcio certificate, not a
// key): verified by src/sigstore against the identity policy, never accepted
// without one; vouch's own keyless bundles pass every form check, and who
// signed each one is handed back for the index. The evidence is attested
// keyless with the local Sigstore instance (@sigstore/mock), in process.
import assert from "node:assert/strict";
import { readEvidenceDir } from "../../src/verify/index_check.ts";
import { checkSignatures } from "../../src/verify/signature_check.ts";
import { checkStatement } from "../../src/verify/statement_check.ts";
import { parseJson } from "../../src/verify/_read.ts";
import { FILES, toJsonText } from "../../src/bundle/bundle_index.ts";
import { publicGoodTrustedRoot } from "../../src/sigstore/trust_root.ts";
import { KEYLESS_POLICY, keylessEvidence } from "../sigstore/_keyless.ts";
import { MOCK_IDENTITY } from "../sigstore/_mock_stack.ts";

type Input = Parameters<typeof checkSignatures>[0];

const BUNDLES = [FILES.sigstoreBundle, FILES.spdxSigstoreBundle, FILES.cyclonedxSigstoreBundle];

/** The evidence files of a keyless-attested folder, as checkSignatures takes them. */
async function keylessInput(): Promise<Input & { trustedRoot: Input["sigstore"] }> {
  const { dir, trustedRoot } = await keylessEvidence();
  const { files } = await readEvidenceDir(dir);
  const parsed = parseJson(files.get(FILES.provenance)!, FILES.provenance);
  const { statement } = checkStatement(parsed.check ? undefined : parsed.value);
  assert.ok(statement);
  return { files, statement, publicKeys: [], trustedRoot: { trustedRoot } };
}

const failures = (checks: { code: string; ok: boolean }[]): string[] =>
  checks.filter((c) => !c.ok).map((c) => c.code);

Deno.test("keyless bundles vouch wrote: verified against the identity, every form check passes, signers handed back", async () => {
  const input = await keylessInput();
  const trustedRoot = input.trustedRoot!.trustedRoot;
  const result = await checkSignatures({
    ...input,
    sigstore: { identity: KEYLESS_POLICY, trustedRoot },
  });
  assert.deepEqual(failures(result.checks), []);
  const codes = result.checks.filter((c) => c.file === FILES.sigstoreBundle).map((c) => c.code);
  for (
    const code of [
      "sigstore.payload_ok",
      "sigstore.identity.ok",
      "sigstore.certificate.chain_ok",
      "sigstore.sct.verified",
      "sigstore.tlog.set_verified",
      "sigstore.tlog.inclusion_verified",
      "sigstore.tlog.body_ok",
      "sigstore.signature.verified",
    ]
  ) {
    assert.ok(codes.includes(code), code);
  }
  assert.deepEqual(result.signedPayloads, [input.files.get(FILES.provenance)]);
  assert.deepEqual([...result.signers.keys()].sort(), [...BUNDLES].sort());
  const signer = result.signers.get(FILES.sigstoreBundle)!;
  assert.equal(signer.identity, MOCK_IDENTITY.san);
  assert.equal(signer.issuer, MOCK_IDENTITY.issuer);
  assert.equal(signer.tlog_entries.length, 1);
  assert.match(signer.tlog_entries[0].log_index, /^\d+$/);
  assert.match(signer.tlog_entries[0].integrated_time ?? "", /^\d{4}-\d\d-\d\dT/);
  // The statement declares each bundle's key: the certificate's, one ephemeral key for all three.
  const declared = input.statement!.predicate.runDetails.vouch_signatures;
  assert.deepEqual(
    declared.filter((d) => BUNDLES.includes(d.path as typeof BUNDLES[number])).map((d) =>
      d.algorithm
    ),
    ["sigstore-keyless", "sigstore-keyless", "sigstore-keyless"],
  );
  assert.equal(new Set(declared.map((d) => d.keyid)).size, 1);
});

Deno.test("keyless bundle without an identity policy: a failing check, never silently accepted", async () => {
  const input = await keylessInput();
  const trustedRoot = input.trustedRoot!.trustedRoot;
  const result = await checkSignatures({ ...input, sigstore: { trustedRoot } });
  assert.deepEqual(failures(result.checks), [
    "sigstore.identity_required",
    "spdx_sigstore.identity_required",
    "cyclonedx_sigstore.identity_required",
    "signature.required",
  ]);
  assert.deepEqual(result.signedPayloads, []);
  assert.equal(result.signers.size, 0);
});

Deno.test("keyless bundle: another identity, issuer or trusted root fails", async () => {
  const input = await keylessInput();
  const trustedRoot = input.trustedRoot!.trustedRoot;
  const run = (identity: typeof KEYLESS_POLICY, root = trustedRoot) =>
    checkSignatures({
      ...input,
      requireSignature: false,
      sigstore: { identity, trustedRoot: root },
    });
  const other = await run({
    ...KEYLESS_POLICY,
    subjectAlternativeName: "https://github.com/evil/app",
  });
  assert.deepEqual(failures(other.checks), [
    "sigstore.identity.san_mismatch",
    "spdx_sigstore.identity.san_mismatch",
    "cyclonedx_sigstore.identity.san_mismatch",
  ]);
  assert.equal(other.signers.size, 0);
  const issuer = await run({ ...KEYLESS_POLICY, issuer: "https://gitlab.com" });
  assert.ok(failures(issuer.checks).includes("sigstore.identity.issuer_mismatch"));
  const publicGood = await run(KEYLESS_POLICY, publicGoodTrustedRoot());
  assert.ok(failures(publicGood.checks).includes("sigstore.tlog.unknown_log"));
  assert.ok(failures(publicGood.checks).includes("sigstore.time.none_verified"));
  assert.equal(publicGood.signers.size, 0);
});

Deno.test("keyless bundle for another statement (the SBOM's, same certificate) in place of the provenance's", async () => {
  const input = await keylessInput();
  const trustedRoot = input.trustedRoot!.trustedRoot;
  input.files.set(FILES.sigstoreBundle, input.files.get(FILES.spdxSigstoreBundle)!);
  const result = await checkSignatures({
    ...input,
    sigstore: { identity: KEYLESS_POLICY, trustedRoot },
  });
  // Its own signature, log entry and certificate verify: only what it signs is wrong.
  assert.deepEqual(failures(result.checks), ["sigstore.payload_mismatch"]);
  assert.equal(result.signers.has(FILES.sigstoreBundle), true);
});

Deno.test("a keyless bundle re-serialized (fields reordered, a key id added) is not vouch's form", async () => {
  const input = await keylessInput();
  const trustedRoot = input.trustedRoot!.trustedRoot;
  const original = JSON.parse(new TextDecoder().decode(input.files.get(FILES.sigstoreBundle)!));
  const { mediaType, verificationMaterial, dsseEnvelope } = original;
  const variants: [string, unknown][] = [
    ["fields reordered", { dsseEnvelope, mediaType, verificationMaterial }],
    ["envelope keyid", {
      ...original,
      dsseEnvelope: {
        ...dsseEnvelope,
        signatures: [{ keyid: "", sig: dsseEnvelope.signatures[0].sig }],
      },
    }],
    ["a field added", { ...original, extra: true }],
    ["media type v0.2", {
      ...original,
      mediaType: "application/vnd.dev.sigstore.bundle+json;version=0.2",
    }],
  ];
  for (const [name, value] of variants) {
    input.files.set(FILES.sigstoreBundle, new TextEncoder().encode(toJsonText(value)));
    const result = await checkSignatures({
      ...input,
      sigstore: { identity: KEYLESS_POLICY, trustedRoot },
    });
    assert.ok(failures(result.checks).includes("sigstore.not_canonical"), name);
  }
});
