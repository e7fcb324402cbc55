// verify() on evidence attested keyless (the local Sigstore instance, in
// process): it passes with the identity and the instance's root, recomputing
// who signed into the index; and every attack fails: a bundle from another
// identity, for another statement, with a swapped certificate, a replayed
// Rekor entry, the other ECDSA form of its signature, or an index that names
// another signer.
import assert from "node:assert/strict";
import { FILES, toJsonText } from "../../src/bundle/bundle_index.ts";
import { ecdsaDerToRaw, ecdsaRawToDer } from "../../src/signing/ecdsa_der.ts";
import { verify } from "../../src/verify/mod.ts";
import { attest } from "../../src/attest.ts";
import { KEYLESS_POLICY, keylessEvidence, keylessOptions } from "../sigstore/_keyless.ts";
import { mockToken } from "../sigstore/_mock_stack.ts";
import { CONTEXT, DEMO, EXPECT, failedCodes, HMAC_KEY, SUBJECTS, tempDir } from "./_bundle.ts";

// deno-lint-ignore no-explicit-any
type Json = Record<string, any>;

function readJson(dir: string, file: string): Json {
  return JSON.parse(Deno.readTextFileSync(`${dir}/${file}`));
}

function editJson(dir: string, file: string, edit: (json: Json) => void): void {
  const json = readJson(dir, file);
  edit(json);
  Deno.writeTextFileSync(`${dir}/${file}`, toJsonText(json));
}

/** Edits a provenance signature file and names its new digest and size in the index, as an attacker would. */
async function forgeSignatureFile(
  dir: string,
  file: string,
  edit: (bundle: Json) => Json | void,
): Promise<void> {
  const bundle = readJson(dir, file);
  Deno.writeTextFileSync(`${dir}/${file}`, toJsonText(edit(bundle) ?? bundle));
  const bytes = Deno.readFileSync(`${dir}/${file}`);
  const sha256 = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)).toHex();
  editJson(dir, FILES.index, (index) => {
    Object.assign(index.files.find((f: Json) => f.path === file), { sha256, size: bytes.length });
  });
}

async function check(dir: string, identity = KEYLESS_POLICY): Promise<string[]> {
  const { trustedRoot } = await keylessEvidence();
  const report = await verify(dir, {
    ...SUBJECTS,
    expect: EXPECT,
    sigstore: { identity, trustedRoot },
  });
  return failedCodes(report);
}

Deno.test("keyless evidence verifies with the identity; the index's signers are recomputed from the bundles", async () => {
  for (const rekorVersion of [1, 2] as const) {
    const { dir } = await keylessEvidence({ rekorVersion });
    assert.deepEqual(await check(dir), [], `Rekor v${rekorVersion}`);
    const index = readJson(dir, FILES.index);
    assert.equal(index.signatures.filter((s: Json) => s.signer !== undefined).length, 3);
  }
});

Deno.test("attack: the index names another signer, or none", async () => {
  const edits: [string, (index: Json) => void][] = [
    ["another identity", (i) => (i.signatures[0].signer.identity = "https://github.com/evil/app")],
    ["another log index", (i) => (i.signatures[0].signer.tlog_entries[0].log_index = "1")],
    ["no signer", (i) => delete i.signatures[0].signer],
    ["a signer added to nothing", (i) => (i.signatures[0].signer.extra = true)],
  ];
  for (const [name, edit] of edits) {
    const { dir } = await keylessEvidence();
    editJson(dir, FILES.index, edit);
    assert.deepEqual(await check(dir), ["index.signatures_mismatch"], name);
  }
});

Deno.test("attack: evidence signed by another identity fails the identity policy, each bundle", async () => {
  const { stack } = await keylessEvidence();
  const dir = `${tempDir()}/evidence`;
  await attest({
    projectRoot: DEMO,
    outputDir: dir,
    subjects: ["dist/*"],
    ...CONTEXT,
    keyless: keylessOptions(stack, {}, {
      identityToken: mockToken({
        sub: "https://github.com/evil/app/.github/workflows/x.yml@refs/heads/main",
      }),
    }),
  });
  const failed = await check(dir);
  for (const prefix of ["sigstore", "spdx_sigstore", "cyclonedx_sigstore"]) {
    assert.ok(failed.includes(`${prefix}.identity.san_mismatch`), prefix);
  }
  assert.ok(failed.includes("signature.required"));
});

Deno.test("attack: a keyless bundle of another run (another statement, another key) in place of this one", async () => {
  const { dir } = await keylessEvidence();
  const other = await keylessEvidence({ hmac: true });
  Deno.copyFileSync(`${other.dir}/${FILES.sigstoreBundle}`, `${dir}/${FILES.sigstoreBundle}`);
  const failed = await check(dir);
  assert.ok(failed.includes("sigstore.payload_mismatch"), failed.join());
  assert.ok(failed.includes("sigstore.keyid_mismatch"), failed.join());
});

Deno.test("attack: the certificate of another run swapped into the bundle", async () => {
  const { dir } = await keylessEvidence();
  const other = await keylessEvidence({ hmac: true });
  const certificate = readJson(other.dir, FILES.sigstoreBundle).verificationMaterial.certificate;
  editJson(dir, FILES.sigstoreBundle, (b) => (b.verificationMaterial.certificate = certificate));
  const failed = await check(dir);
  for (
    const code of [
      "sigstore.signature.invalid",
      "sigstore.tlog.body_mismatch",
      "sigstore.keyid_mismatch",
    ]
  ) {
    assert.ok(failed.includes(code), `${code}: ${failed.join()}`);
  }
});

Deno.test("attack: a replayed Rekor entry (the SBOM bundle's, same certificate, same log)", async () => {
  const { dir } = await keylessEvidence();
  const entries = readJson(dir, FILES.spdxSigstoreBundle).verificationMaterial.tlogEntries;
  editJson(dir, FILES.sigstoreBundle, (b) => (b.verificationMaterial.tlogEntries = entries));
  const failed = await check(dir);
  assert.ok(failed.includes("sigstore.tlog.body_mismatch"), failed.join());
  assert.ok(!failed.includes("sigstore.tlog.set_verified"), "the entry itself is genuine");
});

Deno.test("attack: the other valid ECDSA form of the signature (n - s)", async () => {
  const { dir } = await keylessEvidence();
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  editJson(dir, FILES.sigstoreBundle, (b) => {
    const raw = ecdsaDerToRaw(Uint8Array.fromBase64(b.dsseEnvelope.signatures[0].sig));
    const s = BigInt(`0x${raw.subarray(32).toHex()}`);
    raw.set(Uint8Array.fromHex((n - s).toString(16).padStart(64, "0")), 32);
    b.dsseEnvelope.signatures[0].sig = ecdsaRawToDer(raw).toBase64();
  });
  const failed = await check(dir);
  assert.ok(failed.includes("sigstore.signature.high_s"), failed.join());
  assert.ok(failed.includes("sigstore.tlog.body_mismatch"), "Rekor logged the original");
});

Deno.test("keyless evidence without an identity, or with the public-good root: never accepted", async () => {
  const { dir } = await keylessEvidence();
  const none = failedCodes(await verify(dir, { ...SUBJECTS }));
  assert.ok(none.includes("sigstore.identity_required"));
  assert.ok(none.includes("signature.required"));
  const publicGood = failedCodes(
    await verify(dir, { ...SUBJECTS, sigstore: { identity: KEYLESS_POLICY } }),
  );
  assert.ok(publicGood.includes("sigstore.tlog.unknown_log"));
});

Deno.test("attack: the keyless provenance bundle swapped for a key-based one no given key checks", async () => {
  // HMAC-signed too, so the HMAC signature alone meets signature.required: the declared keyless
  // bundle must still be one (its certificate verified), not a key-based bundle with any signature.
  const { dir, trustedRoot } = await keylessEvidence({ hmac: true });
  const declared = readJson(dir, FILES.provenance).predicate.runDetails.vouch_signatures
    .find((s: Json) => s.path === FILES.sigstoreBundle);
  const sig = ecdsaRawToDer(new Uint8Array(64).fill(1)).toBase64();
  await forgeSignatureFile(dir, FILES.sigstoreBundle, (keyless) => {
    const { payload, payloadType } = keyless.dsseEnvelope;
    return {
      mediaType: keyless.mediaType,
      verificationMaterial: { publicKey: { hint: declared.keyid }, tlogEntries: [] },
      dsseEnvelope: { payloadType, payload, signatures: [{ keyid: declared.keyid, sig }] },
    };
  });
  const report = await verify(dir, {
    ...SUBJECTS,
    expect: EXPECT,
    hmacKey: HMAC_KEY,
    sigstore: { identity: KEYLESS_POLICY, trustedRoot },
  });
  assert.ok(
    failedCodes(report).includes("sigstore.algorithm_mismatch"),
    failedCodes(report).join(),
  );
  assert.equal(report.passed, false);
});

Deno.test("attack: a log index nothing vouches for (Rekor v2 entry edited; Rekor v1 entry stripped of its promise)", async () => {
  const forgeIndex = (dir: string, edit: (entry: Json) => void) =>
    forgeSignatureFile(dir, FILES.sigstoreBundle, (b) => {
      edit(b.verificationMaterial.tlogEntries[0]);
      editJson(dir, FILES.index, (index) => {
        const signer = index.signatures.find((s: Json) => s.path === FILES.sigstoreBundle).signer;
        signer.tlog_entries[0] = { ...signer.tlog_entries[0], log_index: "31337" };
        signer.tlog_entries[0].integrated_time = null;
      });
    });
  const v2 = await keylessEvidence({ rekorVersion: 2 });
  await forgeIndex(v2.dir, (entry) => (entry.logIndex = "31337"));
  assert.ok((await check(v2.dir)).includes("sigstore.tlog.inclusion_invalid"), "Rekor v2");
  // Rekor v1 with a TSA: without its promise the entry still verifies by its proof and the
  // timestamp, but then nothing binds its log index; vouch writes the promise.
  const { stack } = v2;
  const v1 = `${tempDir()}/evidence`;
  await attest({
    projectRoot: DEMO,
    outputDir: v1,
    subjects: ["dist/*"],
    ...CONTEXT,
    keyless: keylessOptions(stack, { tsa: [`${stack.url}/api/v1/timestamp`] }),
  });
  assert.deepEqual(await check(v1), []);
  await forgeIndex(v1, (entry) => {
    delete entry.inclusionPromise;
    delete entry.integratedTime;
    entry.logIndex = "31337";
  });
  assert.deepEqual(await check(v1), ["sigstore.not_canonical"], "Rekor v1");
});

Deno.test("attack: a Rekor v1 intoto 0.0.2 entry of the same signature, its promise stripped, names any log index", async () => {
  // intoto 0.0.2 is a Rekor v1 kind: only its inclusion promise binds its global log index (its
  // proof is of a shard's tree). Anyone may log the published envelope as intoto; stripped of its
  // promise, the entry still verifies by its proof, and its log index is then the bundle's word.
  const { dir, stack } = await keylessEvidence();
  const bundle = readJson(dir, FILES.sigstoreBundle);
  const envelope = bundle.dsseEnvelope;
  const certPem = `-----BEGIN CERTIFICATE-----\n${
    bundle.verificationMaterial.certificate.rawBytes.match(/.{1,64}/g).join("\n")
  }\n-----END CERTIFICATE-----\n`;
  const b64 = (text: string) => new TextEncoder().encode(text).toBase64();
  const payloadHash = new Uint8Array(
    await crypto.subtle.digest("SHA-256", Uint8Array.fromBase64(envelope.payload)),
  ).toHex();
  const proposed = {
    apiVersion: "0.0.2",
    kind: "intoto",
    spec: {
      content: {
        envelope: {
          payloadType: envelope.payloadType,
          signatures: [{ sig: b64(envelope.signatures[0].sig), publicKey: b64(certPem) }],
        },
        hash: { algorithm: "sha256", value: "00".repeat(32) },
        payloadHash: { algorithm: "sha256", value: payloadHash },
      },
    },
  };
  const answer = await (await stack.fetch(`${stack.url}/api/v1/log/entries`, {
    method: "POST",
    body: JSON.stringify(proposed),
  })).json();
  const logged = Object.values(answer as Json)[0] as Json;
  const proof = logged.verification.inclusionProof;
  const hexToB64 = (hex: string) => Uint8Array.fromHex(hex).toBase64();
  const forged = {
    logIndex: "31337",
    logId: { keyId: hexToB64(logged.logID) },
    kindVersion: { kind: "intoto", version: "0.0.2" },
    inclusionProof: {
      logIndex: String(proof.logIndex),
      rootHash: hexToB64(proof.rootHash),
      treeSize: String(proof.treeSize),
      hashes: proof.hashes.map(hexToB64),
      checkpoint: { envelope: proof.checkpoint },
    },
    canonicalizedBody: logged.body,
  };
  await forgeSignatureFile(dir, FILES.sigstoreBundle, (b) => {
    b.verificationMaterial.tlogEntries.push(forged);
    editJson(dir, FILES.index, (index) => {
      const signer = index.signatures.find((s: Json) => s.path === FILES.sigstoreBundle).signer;
      signer.tlog_entries.push({ log: stack.url, log_index: "31337", integrated_time: null });
    });
  });
  assert.deepEqual(await check(dir), ["sigstore.not_canonical"]);
});
