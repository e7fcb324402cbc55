// Reverse interop: bundles produced by sigstore-js's own signing library (@sigstore/sign's
// DSSEBundleBuilder with a key-based Signer, serialized by @sigstore/bundle's bundleToJSON) are
// accepted by vouch — parseSigstoreBundle, verifyDsse and the whole verify() of an attest() bundle.
//
// What sigstore-js writes (protobuf JSON, which omits empty strings and empty lists):
// - mediaType `application/vnd.dev.sigstore.bundle.v0.3+json`;
// - verificationMaterial `{ publicKey: { hint }, timestampVerificationData: {} }`: no
//   `tlogEntries` key, an empty timestamp object (no witnesses);
// - the signature's `keyid` is the Signer's `hint`; without a hint both are empty, so the JSON has
//   `publicKey: {}` and a signature with no `keyid` key at all.
// vouch parses and verifies all three forms: the hint is optional and carries no trust. When it is
// the cosign key id (base64 SHA-256 of the SPKI DER) of a given key, that key verifies; when it is
// empty or free-form, every given key is tried (`sigstore.hint_unmatched` names the one that
// verified). A wrong key or other payload bytes still fail. Inside vouch evidence, though, a
// signature file must also be in the one form vouch writes (so no byte of it can change while
// the signature stays valid): sigstore-js's JSON layout is `sigstore.not_canonical`, a hint other
// than the key id the provenance declares is `sigstore.keyid_mismatch`, and an ECDSA signature
// with a high S (node:crypto does not normalize) is `sigstore.signature.high_s`. The same
// signature put in vouch's form (low S) verifies completely.
import assert from "node:assert/strict";
import { createHash, generateKeyPairSync } from "node:crypto";
import { attest } from "../../src/attest.ts";
import { FILES, toJsonText } from "../../src/bundle/bundle_index.ts";
import { sha256Hex } from "../../src/digest.ts";
import { type DsseEnvelope, IN_TOTO_PAYLOAD_TYPE, verifyDsse } from "../../src/signing/dsse.ts";
import { importPublicKey } from "../../src/signing/keys.ts";
import { ecdsaDerToRaw, ecdsaLowS, ecdsaRawToDer } from "../../src/signing/ecdsa_der.ts";
import {
  parseSigstoreBundle,
  SIGSTORE_BUNDLE_MEDIA_TYPE,
  toSigstoreBundle,
} from "../../src/signing/sigstore_bundle.ts";
import { verify, type VerifyReport } from "../../src/verify/mod.ts";
import { sigstoreSignDsse, sigstoreVerifyBundle } from "../_sigstore.ts";
import {
  CONTEXT,
  copyFlat,
  DEMO,
  EXPECT,
  failedCodes,
  SUBJECTS,
  tempDir,
} from "../verify/_bundle.ts";

type Algorithm = "ed25519" | "ecdsa-p256";

const STATEMENT = new TextEncoder().encode(
  '{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a","digest":{"sha256":"' +
    "cd".repeat(32) + '"}}],"predicateType":"https://slsa.dev/provenance/v1","predicate":{}}',
);

/** A key pair made with node:crypto, independently of vouch's key code. */
interface Keys {
  privateKeyPem: string;
  publicKeyPem: string;
  spkiDer: Uint8Array;
  /** cosign's key id: base64(SHA-256(SPKI DER)). */
  cosignKeyId: string;
}

function nodeKeys(algorithm: Algorithm): Keys {
  const { privateKey, publicKey } = algorithm === "ed25519"
    ? generateKeyPairSync("ed25519")
    : generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spkiDer = new Uint8Array(publicKey.export({ type: "spki", format: "der" }));
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }) as string,
    spkiDer,
    cosignKeyId: createHash("sha256").update(spkiDer).digest("base64"),
  };
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function signatureBytes(json: unknown): Uint8Array {
  // deno-lint-ignore no-explicit-any
  const sig: string = (json as any).dsseEnvelope.signatures[0].sig;
  return Uint8Array.from(atob(sig), (c) => c.charCodeAt(0));
}

/** Checks the signature encoding sigstore-js produced: raw 64 bytes (Ed25519) or DER (ECDSA). */
function assertSignatureShape(algorithm: Algorithm, sig: Uint8Array): void {
  if (algorithm === "ed25519") assert.equal(sig.length, 64);
  else {
    assert.equal(sig[0], 0x30, "ECDSA signatures are DER SEQUENCEs");
    assert.equal(sig[1], sig.length - 2);
  }
}

for (const algorithm of ["ed25519", "ecdsa-p256"] as const) {
  Deno.test(`sigstore-js ${algorithm} bundle with the cosign hint: vouch parses and verifies it`, async () => {
    const keys = nodeKeys(algorithm);
    const hint = keys.cosignKeyId;
    const json = await sigstoreSignDsse(STATEMENT, { ...keys, hint });
    const sig = signatureBytes(json);
    assertSignatureShape(algorithm, sig);
    // Exactly what sigstore-js wrote.
    assert.deepEqual(json, {
      mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE,
      verificationMaterial: { publicKey: { hint }, timestampVerificationData: {} },
      dsseEnvelope: {
        payload: base64(STATEMENT),
        payloadType: IN_TOTO_PAYLOAD_TYPE,
        signatures: [{ sig: base64(sig), keyid: hint }],
      },
    });
    // Control: sigstore-js's own verifier accepts what its signer made.
    sigstoreVerifyBundle(json, { spkiDer: keys.spkiDer, hint, algorithm });

    const verifier = await importPublicKey(keys.publicKeyPem);
    assert.equal(verifier.keyid, hint, "vouch's key id is cosign's");
    assert.equal(verifier.algorithm, algorithm);
    const parsed = parseSigstoreBundle(json);
    assert.deepEqual(parsed, {
      mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE,
      verificationMaterial: {
        publicKey: { hint },
        tlogEntries: [],
        timestampVerificationData: { rfc3161Timestamps: [] },
      },
      dsseEnvelope: {
        payloadType: IN_TOTO_PAYLOAD_TYPE,
        payload: base64(STATEMENT),
        signatures: [{ keyid: hint, sig: base64(sig) }],
      },
    });
    const result = await verifyDsse(parsed.dsseEnvelope, [verifier]);
    assert.deepEqual(result.checks.map((c) => c.code), ["signature.verified"]);
    assert.equal(result.ok, true);
    assert.deepEqual(result.payload, STATEMENT);
    assert.equal(result.payloadType, IN_TOTO_PAYLOAD_TYPE);
    // The raw JSON envelope (keyid present) verifies too.
    // deno-lint-ignore no-explicit-any
    const raw = await verifyDsse((json as any).dsseEnvelope, [verifier]);
    assert.equal(raw.ok, true);

    // And it can fail: another payload under the same signature, or another key with the same id.
    const tampered: DsseEnvelope = { ...parsed.dsseEnvelope, payload: base64(STATEMENT.slice(1)) };
    assert.deepEqual((await verifyDsse(tampered, [verifier])).checks.map((c) => c.code), [
      "signature.invalid",
    ]);
    const other = await importPublicKey(nodeKeys(algorithm).publicKeyPem);
    const impostor = await verifyDsse(parsed.dsseEnvelope, [{ ...other, keyid: hint }]);
    assert.deepEqual(impostor.checks.map((c) => c.code), ["signature.invalid"]);
  });

  Deno.test(`sigstore-js ${algorithm} bundle without a hint: vouch parses and verifies it`, async () => {
    const keys = nodeKeys(algorithm);
    const json = await sigstoreSignDsse(STATEMENT, keys);
    const sig = base64(signatureBytes(json));
    // sigstore-js writes an empty hint and an empty keyid, which protobuf JSON omits.
    assert.deepEqual(json, {
      mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE,
      verificationMaterial: { publicKey: {}, timestampVerificationData: {} },
      dsseEnvelope: {
        payload: base64(STATEMENT),
        payloadType: IN_TOTO_PAYLOAD_TYPE,
        signatures: [{ sig }],
      },
    });
    // sigstore-js verifies it when the trusted key is registered under the empty hint.
    sigstoreVerifyBundle(json, { spkiDer: keys.spkiDer, hint: "", algorithm });

    // vouch fills in the empty hint and keyid.
    const parsed = parseSigstoreBundle(json);
    assert.deepEqual(parsed.verificationMaterial.publicKey, { hint: "" });
    assert.deepEqual(parsed.dsseEnvelope.signatures, [{ keyid: "", sig }]);
    const verifier = await importPublicKey(keys.publicKeyPem);
    const other = await importPublicKey(nodeKeys(algorithm).publicKeyPem);
    // An empty keyid is tried with every key: the right one verifies, whatever the order.
    const result = await verifyDsse(parsed.dsseEnvelope, [other, verifier]);
    assert.deepEqual(result.checks.map((c) => c.code), ["signature.verified"]);
    assert.ok(result.checks[0].message.includes(JSON.stringify(keys.cosignKeyId)));
    assert.deepEqual(result.payload, STATEMENT);
    // The raw protobuf-JSON envelope (no keyid key at all) verifies the same way.
    // deno-lint-ignore no-explicit-any
    const raw = await verifyDsse((json as any).dsseEnvelope, [verifier]);
    assert.deepEqual(raw.checks.map((c) => c.code), ["signature.verified"]);

    // And it can fail: only another key, or another payload under the same signature.
    const wrongKey = await verifyDsse(parsed.dsseEnvelope, [other]);
    assert.deepEqual([wrongKey.ok, wrongKey.checks.map((c) => c.code)], [false, [
      "signature.invalid",
    ]]);
    const tampered: DsseEnvelope = { ...parsed.dsseEnvelope, payload: base64(STATEMENT.slice(1)) };
    const forged = await verifyDsse(tampered, [other, verifier]);
    assert.deepEqual([forged.ok, forged.checks.map((c) => c.code)], [false, ["signature.invalid"]]);
  });
}

Deno.test("sigstore-js bundle with a free-form hint: parsed as is; DSSE keys are picked by keyid", async () => {
  const keys = nodeKeys("ed25519");
  const hint = "release-signing-key";
  const json = await sigstoreSignDsse(STATEMENT, { ...keys, hint });
  sigstoreVerifyBundle(json, { spkiDer: keys.spkiDer, hint, algorithm: "ed25519" });
  const parsed = parseSigstoreBundle(json);
  assert.equal(parsed.verificationMaterial.publicKey.hint, hint);
  assert.equal(parsed.dsseEnvelope.signatures[0].keyid, hint);
  // verifyDsse alone selects keys by a non-empty keyid, so vouch's cosign-named key is not
  // tried there; verify() tries every given key for such a bundle (tested below).
  const verifier = await importPublicKey(keys.publicKeyPem);
  const result = await verifyDsse(parsed.dsseEnvelope, [verifier]);
  assert.deepEqual(result.checks.map((c) => c.code), ["signature.keyid_mismatch"]);
  // The signature itself is good: under the hint as key id, vouch verifies it.
  const aliased = await verifyDsse(parsed.dsseEnvelope, [{ ...verifier, keyid: hint }]);
  assert.deepEqual(aliased.checks.map((c) => c.code), ["signature.verified"]);
});

// verify() of a real attest() bundle whose provenance.sigstore.json is replaced by sigstore-js's
// bundle over the same provenance.intoto.json bytes, re-indexed.

interface Attested {
  dir: string;
  keys: Keys;
}

const attested = new Map<Algorithm, Promise<Attested>>();

async function attestWith(algorithm: Algorithm): Promise<Attested> {
  const keys = nodeKeys(algorithm);
  const dir = `${tempDir()}/bundle`;
  await attest({
    projectRoot: DEMO,
    outputDir: dir,
    subjects: ["dist/*"],
    ...CONTEXT,
    privateKeyPem: keys.privateKeyPem,
    env: { SOURCE_DATE_EPOCH: "1700000000" },
  });
  return { dir, keys };
}

/** A private copy of an attest() bundle signed with a node:crypto key. */
async function attestedCopy(algorithm: Algorithm): Promise<Attested> {
  if (!attested.has(algorithm)) attested.set(algorithm, attestWith(algorithm));
  const template = await attested.get(algorithm)!;
  const dir = `${tempDir()}/bundle`;
  copyFlat(template.dir, dir);
  return { ...template, dir };
}

/**
 * Writes a bundle as provenance.sigstore.json and re-indexes it (the file's sha256 and size), as
 * someone replacing vouch's signature file would.
 */
async function replaceSigstoreBundle(dir: string, json: unknown): Promise<Uint8Array> {
  const bytes = new TextEncoder().encode(toJsonText(json));
  Deno.writeFileSync(`${dir}/${FILES.sigstoreBundle}`, bytes);
  const indexPath = `${dir}/${FILES.index}`;
  const index = JSON.parse(Deno.readTextFileSync(indexPath));
  const entry = index.files.find((f: { path: string }) => f.path === FILES.sigstoreBundle);
  entry.sha256 = await sha256Hex(bytes);
  entry.size = bytes.length;
  Deno.writeTextFileSync(indexPath, toJsonText(index));
  return bytes;
}

/** sigstore-js's bundle in the form vouch writes: vouch's JSON layout, ECDSA in low-S form. */
function inVouchForm(json: unknown, algorithm: Algorithm): unknown {
  const bundle = parseSigstoreBundle(json);
  const [signature] = bundle.dsseEnvelope.signatures;
  const sig = algorithm === "ed25519"
    ? signature.sig
    : ecdsaRawToDer(ecdsaLowS(ecdsaDerToRaw(Uint8Array.fromBase64(signature.sig)))).toBase64();
  return toSigstoreBundle(
    { ...bundle.dsseEnvelope, signatures: [{ ...signature, sig }] },
    { hint: bundle.verificationMaterial.publicKey.hint },
  );
}

function codesOf(report: VerifyReport): string[] {
  return report.checks.map((c) => c.code);
}

/** The failed checks of a report are all among `allowed`, and `required` are among them. */
function failsOnly(report: VerifyReport, allowed: string[], required: string[]): void {
  const failed = failedCodes(report);
  assert.ok(failed.every((c) => allowed.includes(c)), failed.join(", "));
  for (const code of required) assert.ok(failed.includes(code), `${code}: ${failed.join(", ")}`);
}

for (const algorithm of ["ed25519", "ecdsa-p256"] as const) {
  Deno.test(`verify() checks an attest() bundle re-signed by sigstore-js; in vouch's form it passes (${algorithm})`, async () => {
    const { dir, keys } = await attestedCopy(algorithm);
    const provenance = Deno.readFileSync(`${dir}/${FILES.provenance}`);
    const original = Deno.readFileSync(`${dir}/${FILES.sigstoreBundle}`);
    const ours = parseSigstoreBundle(JSON.parse(new TextDecoder().decode(original)));
    assert.equal(ours.verificationMaterial.publicKey.hint, keys.cosignKeyId);

    const json = await sigstoreSignDsse(provenance, { ...keys, hint: keys.cosignKeyId });
    const written = await replaceSigstoreBundle(dir, json);
    assert.notDeepEqual(written, original, "the file really is sigstore-js's");
    if (algorithm === "ed25519") {
      // Ed25519 is deterministic: the same key over the same PAE gives vouch's own signature.
      assert.equal(base64(signatureBytes(json)), ours.dsseEnvelope.signatures[0].sig);
    }
    const options = { publicKeys: [keys.publicKeyPem], expect: EXPECT, ...SUBJECTS };
    const asIs = await verify(dir, options);
    for (const code of ["sigstore.payload_ok", "sigstore.signature.verified"]) {
      assert.ok(codesOf(asIs).includes(code), code);
    }
    failsOnly(asIs, ["sigstore.not_canonical", "sigstore.signature.high_s"], [
      "sigstore.not_canonical",
    ]);

    const normalized = await replaceSigstoreBundle(dir, inVouchForm(json, algorithm));
    if (algorithm === "ed25519") assert.deepEqual(normalized, original, "vouch's very bytes");
    const report = await verify(dir, options);
    assert.deepEqual(failedCodes(report), []);
    assert.equal(report.passed, true);
    const codes = codesOf(report);
    for (
      const code of [
        "sigstore.payload_ok",
        "sigstore.signature.verified",
        "index.derived_ok",
        "signature.required",
        "policy.commit_ok",
      ]
    ) assert.ok(codes.includes(code), code);
    assert.equal(codes.filter((c) => c === "subject.verified").length, 2);

    // The check is real: a sigstore-js bundle over other bytes is refused.
    const other = await sigstoreSignDsse(STATEMENT, { ...keys, hint: keys.cosignKeyId });
    await replaceSigstoreBundle(dir, inVouchForm(other, algorithm));
    const bad = failedCodes(await verify(dir, options));
    assert.ok(bad.includes("sigstore.payload_mismatch"), bad.join(", "));
  });
}

for (const algorithm of ["ed25519", "ecdsa-p256"] as const) {
  Deno.test(`verify() finds the key of sigstore-js bundles with no hint or a free-form hint, but they are not the declared key id (${algorithm})`, async () => {
    const { dir, keys } = await attestedCopy(algorithm);
    const provenance = Deno.readFileSync(`${dir}/${FILES.provenance}`);
    const other = nodeKeys(algorithm === "ed25519" ? "ecdsa-p256" : "ed25519");
    // Another trusted key first: the right one is found by trying each.
    const options = {
      publicKeys: [other.publicKeyPem, keys.publicKeyPem],
      expect: EXPECT,
      ...SUBJECTS,
    };
    const assertFoundByTrial = (report: VerifyReport, hint: string): void => {
      const unmatched = report.checks.find((c) => c.code === "sigstore.hint_unmatched");
      assert.equal(unmatched?.ok, true, hint);
      assert.equal(unmatched?.file, FILES.sigstoreBundle);
      assert.ok(unmatched!.message.includes(JSON.stringify(keys.cosignKeyId)), unmatched!.message);
      const codes = codesOf(report);
      for (const code of ["sigstore.signature.verified", "signature.required"]) {
        assert.ok(codes.includes(code), code);
      }
      // The provenance declares the cosign key id: any other name in the file is refused.
      failsOnly(report, [
        "sigstore.keyid_mismatch",
        "sigstore.not_canonical",
        "sigstore.signature.high_s",
      ], ["sigstore.keyid_mismatch"]);
    };

    // No hint: publicKey is {}.
    const hintless = await sigstoreSignDsse(provenance, keys);
    await replaceSigstoreBundle(dir, hintless);
    assertFoundByTrial(await verify(dir, options), "");
    await replaceSigstoreBundle(dir, inVouchForm(hintless, algorithm));
    assertFoundByTrial(await verify(dir, options), "");

    // A free-form hint.
    const hint = "release-signing-key";
    const freeForm = await sigstoreSignDsse(provenance, { ...keys, hint });
    await replaceSigstoreBundle(dir, freeForm);
    assertFoundByTrial(await verify(dir, options), hint);
    await replaceSigstoreBundle(dir, inVouchForm(freeForm, algorithm));
    assertFoundByTrial(await verify(dir, options), hint);
  });
}

Deno.test("verify() still refuses hint-less sigstore-js bundles by a wrong key or over other bytes", async () => {
  const { dir, keys } = await attestedCopy("ed25519");
  const provenance = Deno.readFileSync(`${dir}/${FILES.provenance}`);
  const options = { publicKeys: [keys.publicKeyPem], ...SUBJECTS }; // no policy expectations
  const form = ["sigstore.not_canonical", "sigstore.keyid_mismatch"];

  // Signed by a key that is not given: no given key verifies it.
  const stranger = nodeKeys("ed25519");
  await replaceSigstoreBundle(dir, await sigstoreSignDsse(provenance, stranger));
  const unknown = await verify(dir, options);
  const keyUnknown = unknown.checks.find((c) => c.code === "sigstore.key_unknown");
  assert.match(keyUnknown?.message ?? "", /names no key .*none verifies the signature/);
  assert.deepEqual(failedCodes(unknown), ["sigstore.key_unknown", ...form, "signature.required"]);
  assert.ok(!codesOf(unknown).includes("sigstore.hint_unmatched"));

  // Signed by the right key, but over other bytes than provenance.intoto.json.
  await replaceSigstoreBundle(dir, await sigstoreSignDsse(STATEMENT, keys));
  assert.deepEqual(failedCodes(await verify(dir, options)), [
    "sigstore.payload_mismatch",
    ...form,
  ]);

  // The right signature, its payload swapped afterwards: the signature no longer verifies.
  const json = await sigstoreSignDsse(STATEMENT, keys);
  // deno-lint-ignore no-explicit-any
  (json as any).dsseEnvelope.payload = base64(provenance);
  await replaceSigstoreBundle(dir, json);
  assert.deepEqual(failedCodes(await verify(dir, options)), [
    "sigstore.key_unknown",
    ...form,
    "signature.required",
  ]);
});
