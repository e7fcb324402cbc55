import assert from "node:assert/strict";
import { createPublicKey } from "node:crypto";
import { type DsseEnvelope, signDsse, verifyDsse } from "../../src/signing/dsse.ts";
import { hmacSigner } from "../../src/signing/hmac.ts";
import {
  type GeneratedKeyPair,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
} from "../../src/signing/keys.ts";
import {
  parseSigstoreBundle,
  SIGSTORE_BUNDLE_MEDIA_TYPE,
  type SigstoreBundle,
  toSigstoreBundle,
} from "../../src/signing/sigstore_bundle.ts";
import { sigstoreVerifyBundle } from "../_sigstore.ts";

const STATEMENT = new TextEncoder().encode(
  '{"_type":"https://in-toto.io/Statement/v1","subject":[{"name":"a","digest":{"sha256":"' +
    "ab".repeat(32) + '"}}],"predicateType":"https://slsa.dev/provenance/v1","predicate":{}}',
);

interface Signed {
  pair: GeneratedKeyPair;
  keyid: string;
  envelope: DsseEnvelope;
  bundle: SigstoreBundle;
  spkiDer: Uint8Array;
}

async function signedBundle(algorithm: "ed25519" | "ecdsa-p256"): Promise<Signed> {
  const pair = await generateKeyPair(algorithm);
  const { signer, keyid } = await importPrivateKey(pair.privateKeyPem);
  const envelope = await signDsse(STATEMENT, [signer]);
  const bundle = toSigstoreBundle(envelope, { hint: keyid });
  const spkiDer = new Uint8Array(
    createPublicKey(pair.publicKeyPem).export({ type: "spki", format: "der" }),
  );
  return { pair, keyid, envelope, bundle, spkiDer };
}

Deno.test("toSigstoreBundle writes the v0.3 protobuf-JSON layout", async () => {
  const { keyid, envelope, bundle } = await signedBundle("ed25519");
  assert.deepEqual(JSON.parse(JSON.stringify(bundle)), {
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: { publicKey: { hint: keyid }, tlogEntries: [] },
    dsseEnvelope: {
      payloadType: "application/vnd.in-toto+json",
      payload: envelope.payload,
      signatures: [{ keyid, sig: envelope.signatures[0].sig }],
    },
  });
  assert.equal(SIGSTORE_BUNDLE_MEDIA_TYPE, bundle.mediaType);
  const stamped = toSigstoreBundle(envelope, { hint: keyid, rfc3161Timestamps: ["AAEC"] });
  assert.deepEqual(stamped.verificationMaterial.timestampVerificationData, {
    rfc3161Timestamps: [{ signedTimestamp: "AAEC" }],
  });
});

Deno.test("toSigstoreBundle needs exactly one signature whose keyid is the hint", async () => {
  const a = await importPrivateKey((await generateKeyPair("ed25519")).privateKeyPem);
  const b = await importPrivateKey((await generateKeyPair("ed25519")).privateKeyPem);
  const two = await signDsse(STATEMENT, [a.signer, b.signer]);
  assert.throws(() => toSigstoreBundle(two, { hint: a.keyid }), { code: "bundle.signatures" });
  const one = await signDsse(STATEMENT, [a.signer]);
  assert.throws(() => toSigstoreBundle(one, { hint: b.keyid }), { code: "bundle.hint" });
  const hmac = await signDsse(STATEMENT, [await hmacSigner("s", { keyid: "ci" })]);
  assert.throws(() => toSigstoreBundle(hmac, { hint: a.keyid }), { code: "bundle.hint" });
});

Deno.test("parseSigstoreBundle round-trips our bundles and the DSSE inside verifies", async () => {
  const { pair, bundle } = await signedBundle("ecdsa-p256");
  const parsed = parseSigstoreBundle(JSON.parse(JSON.stringify(bundle)));
  assert.deepEqual(parsed, bundle);
  const result = await verifyDsse(parsed.dsseEnvelope, [await importPublicKey(pair.publicKeyPem)]);
  assert.deepEqual(result.checks.map((c) => c.code), ["signature.verified"]);
});

Deno.test("parseSigstoreBundle fills in fields protobuf JSON omits (empty keyid, tlogEntries)", async () => {
  const { bundle } = await signedBundle("ed25519");
  const json = JSON.parse(JSON.stringify(bundle));
  delete json.verificationMaterial.tlogEntries;
  delete json.dsseEnvelope.signatures[0].keyid;
  json.mediaType = "application/vnd.dev.sigstore.bundle+json;version=0.3";
  json.verificationMaterial.timestampVerificationData = {
    rfc3161Timestamps: [{ signedTimestamp: "AAEC" }],
  };
  const parsed = parseSigstoreBundle(json);
  assert.deepEqual(parsed.verificationMaterial.tlogEntries, []);
  assert.equal(parsed.dsseEnvelope.signatures[0].keyid, "");
  assert.equal(parsed.mediaType, "application/vnd.dev.sigstore.bundle+json;version=0.3");
  assert.deepEqual(parsed.verificationMaterial.timestampVerificationData?.rfc3161Timestamps, [
    { signedTimestamp: "AAEC" },
  ]);
});

Deno.test("parseSigstoreBundle accepts a missing, empty or free-form hint (it carries no trust)", async () => {
  const { pair, bundle } = await signedBundle("ed25519");
  const verifier = await importPublicKey(pair.publicKeyPem);
  const cases: [string, (json: SigstoreBundle) => void, string][] = [
    ["missing", (json) => (json.verificationMaterial.publicKey = {} as { hint: string }), ""],
    ["empty", (json) => (json.verificationMaterial.publicKey.hint = ""), ""],
    [
      "free-form",
      (json) => (json.verificationMaterial.publicKey.hint = "release key"),
      "release key",
    ],
  ];
  for (const [name, edit, hint] of cases) {
    const json: SigstoreBundle = JSON.parse(JSON.stringify(bundle));
    edit(json);
    delete (json.dsseEnvelope.signatures[0] as { keyid?: string }).keyid;
    const parsed = parseSigstoreBundle(json);
    assert.deepEqual(parsed.verificationMaterial.publicKey, { hint }, name);
    assert.equal(parsed.dsseEnvelope.signatures[0].keyid, "", name);
    assert.deepEqual(parsed.dsseEnvelope.payload, bundle.dsseEnvelope.payload, name);
    // Parsing checks shape only: the envelope still verifies with the right key, and only with it.
    const result = await verifyDsse(parsed.dsseEnvelope, [verifier]);
    assert.deepEqual(result.checks.map((c) => c.code), ["signature.verified"], name);
    const other = await importPublicKey((await generateKeyPair("ed25519")).publicKeyPem);
    const wrong = await verifyDsse(parsed.dsseEnvelope, [other]);
    assert.deepEqual(wrong.checks.map((c) => c.code), ["signature.invalid"], name);
  }
});

Deno.test("parseSigstoreBundle rejects malformed bundles with bundle.malformed and a reason", async () => {
  const { bundle } = await signedBundle("ed25519");
  // deno-lint-ignore no-explicit-any
  const base = (): any => JSON.parse(JSON.stringify(bundle));
  const cases: [string, unknown, RegExp][] = [
    ["null", null, /not a JSON object/],
    ["array", [], /not a JSON object/],
    ["media type", { ...base(), mediaType: "application/json" }, /mediaType/],
    ["no material", { ...base(), verificationMaterial: undefined }, /verificationMaterial/],
    [
      "no publicKey",
      (() => {
        const b = base();
        delete b.verificationMaterial.publicKey;
        return b;
      })(),
      /publicKey is missing/,
    ],
    [
      "hint number",
      (() => {
        const b = base();
        b.verificationMaterial.publicKey.hint = 7;
        return b;
      })(),
      /hint is not a string/,
    ],
    [
      "tlog not array",
      (() => {
        const b = base();
        b.verificationMaterial.tlogEntries = {};
        return b;
      })(),
      /tlogEntries/,
    ],
    [
      "bad timestamp",
      (() => {
        const b = base();
        b.verificationMaterial.timestampVerificationData = { rfc3161Timestamps: [{}] };
        return b;
      })(),
      /signedTimestamp/,
    ],
    ["no envelope", { ...base(), dsseEnvelope: undefined }, /dsseEnvelope/],
    [
      "two signatures",
      (() => {
        const b = base();
        b.dsseEnvelope.signatures.push({ keyid: "x", sig: "AAAA" });
        return b;
      })(),
      /exactly one/,
    ],
    [
      "no signatures",
      (() => {
        const b = base();
        b.dsseEnvelope.signatures = [];
        return b;
      })(),
      /exactly one/,
    ],
    [
      "bad payload",
      (() => {
        const b = base();
        b.dsseEnvelope.payload = "***";
        return b;
      })(),
      /payload/,
    ],
    [
      "bad sig",
      (() => {
        const b = base();
        b.dsseEnvelope.signatures[0].sig = "";
        return b;
      })(),
      /sig/,
    ],
    [
      "keyid number",
      (() => {
        const b = base();
        b.dsseEnvelope.signatures[0].keyid = 3;
        return b;
      })(),
      /keyid/,
    ],
    [
      "payloadType",
      (() => {
        const b = base();
        b.dsseEnvelope.payloadType = null;
        return b;
      })(),
      /payloadType/,
    ],
  ];
  for (const [name, value, reason] of cases) {
    assert.throws(() => parseSigstoreBundle(value), (error: Error & { code?: string }) => {
      assert.equal(error.code, "bundle.malformed", name);
      assert.match(error.message, reason, name);
      return true;
    });
  }
});

Deno.test("parseSigstoreBundle rejects keyless and message-signature bundles as unsupported", async () => {
  const { bundle } = await signedBundle("ed25519");
  const keyless = JSON.parse(JSON.stringify(bundle));
  keyless.verificationMaterial = { certificate: { rawBytes: "AAAA" }, tlogEntries: [] };
  assert.throws(() => parseSigstoreBundle(keyless), { code: "bundle.unsupported" });
  const message = JSON.parse(JSON.stringify(bundle));
  delete message.dsseEnvelope;
  message.messageSignature = { signature: "AAAA" };
  assert.throws(() => parseSigstoreBundle(message), { code: "bundle.unsupported" });
});

// Interop: the independent verifier sigstore-js (@sigstore/verify) accepts our bundles,
// trusting only the public key, with no transparency log, CT log or timestamp.
for (const algorithm of ["ed25519", "ecdsa-p256"] as const) {
  Deno.test(`interop: sigstore-js verifies a ${algorithm} bundle and rejects tampering`, async () => {
    const { keyid, bundle, spkiDer } = await signedBundle(algorithm);
    const json = JSON.parse(JSON.stringify(bundle));
    sigstoreVerifyBundle(json, { spkiDer, hint: keyid, algorithm });

    const tampered = JSON.parse(JSON.stringify(bundle));
    tampered.dsseEnvelope.payload = btoa('{"_type":"https://in-toto.io/Statement/v1"}');
    assert.throws(() => sigstoreVerifyBundle(tampered, { spkiDer, hint: keyid, algorithm }), {
      message: /signature verification failed/,
    });
    const other = await signedBundle(algorithm);
    assert.throws(
      () => sigstoreVerifyBundle(json, { spkiDer: other.spkiDer, hint: keyid, algorithm }),
      { message: /signature verification failed/ },
    );
    assert.throws(
      () => sigstoreVerifyBundle(json, { spkiDer, hint: "someone-else", algorithm }),
      { message: /key not found/ },
    );
  });
}
