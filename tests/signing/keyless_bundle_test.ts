// vouch's one keyless bundle form: written in one field order, and any other
// field, type, order, media type or signature count is told apart.
import assert from "node:assert/strict";
import { keylessBundleForm, toKeylessBundle } from "../../src/signing/keyless_bundle.ts";
import { SIGSTORE_BUNDLE_MEDIA_TYPE } from "../../src/signing/sigstore_bundle.ts";
import { toJsonText } from "../../src/bundle/bundle_index.ts";

const ENTRY = {
  logIndex: "7",
  logId: { keyId: "AAAA" },
  kindVersion: { kind: "dsse", version: "0.0.1" },
  integratedTime: "1700000000",
  inclusionPromise: { signedEntryTimestamp: "BBBB" },
  inclusionProof: {
    logIndex: "0",
    rootHash: "CCCC",
    treeSize: "1",
    hashes: [],
    checkpoint: { envelope: "note\n" },
  },
  canonicalizedBody: "DDDD",
};

const ENVELOPE = {
  payloadType: "application/vnd.in-toto+json",
  payload: "e30=",
  signatures: [{ keyid: "k", sig: "EEEE" }],
};

Deno.test("toKeylessBundle: v0.3, the certificate, entries, timestamps and an envelope without key id, in one order", () => {
  const bundle = toKeylessBundle({
    envelope: ENVELOPE,
    certificate: new Uint8Array([1, 2, 3]),
    tlogEntries: [ENTRY],
    timestamps: [new Uint8Array([4, 5])],
  });
  assert.equal(
    toJsonText(bundle),
    toJsonText({
      mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE,
      verificationMaterial: {
        certificate: { rawBytes: "AQID" },
        tlogEntries: [ENTRY],
        timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: "BAU=" }] },
      },
      dsseEnvelope: {
        payload: "e30=",
        payloadType: ENVELOPE.payloadType,
        signatures: [{ sig: "EEEE" }],
      },
    }),
  );
  const noTsa = toKeylessBundle({
    envelope: ENVELOPE,
    certificate: new Uint8Array([1]),
    tlogEntries: [ENTRY],
    timestamps: [],
  });
  assert.equal("timestampVerificationData" in noTsa.verificationMaterial, false);
  assert.throws(() =>
    toKeylessBundle({
      envelope: { ...ENVELOPE, signatures: [] },
      certificate: new Uint8Array(),
      tlogEntries: [],
      timestamps: [],
    })
  );
});

Deno.test("keylessBundleForm: vouch's form comes back byte for byte; anything else does not", () => {
  const bundle = toKeylessBundle({
    envelope: ENVELOPE,
    certificate: new Uint8Array([9]),
    tlogEntries: [ENTRY],
    timestamps: [],
  });
  const text = toJsonText(bundle);
  assert.equal(toJsonText(keylessBundleForm(JSON.parse(text))), text);
  const parsed = () => JSON.parse(text);
  const reordered = parsed();
  reordered.verificationMaterial = {
    tlogEntries: reordered.verificationMaterial.tlogEntries,
    certificate: reordered.verificationMaterial.certificate,
  };
  const extra = parsed();
  extra.verificationMaterial.tlogEntries[0].extra = 1;
  for (const other of [reordered, extra]) {
    assert.notEqual(toJsonText(keylessBundleForm(other)), toJsonText(other));
  }
  // deno-lint-ignore no-explicit-any
  const invalid: [string, (b: any) => void][] = [
    [
      "another media type",
      (b) => b.mediaType = "application/vnd.dev.sigstore.bundle+json;version=0.2",
    ],
    ["a number index", (b) => b.verificationMaterial.tlogEntries[0].logIndex = 7],
    ["no certificate", (b) => delete b.verificationMaterial.certificate],
    ["a chain instead", (b) => {
      b.verificationMaterial.x509CertificateChain = {
        certificates: [b.verificationMaterial.certificate],
      };
      delete b.verificationMaterial.certificate;
    }],
    ["two signatures", (b) => b.dsseEnvelope.signatures.push({ sig: "FFFF" })],
    ["a null field", (b) => b.dsseEnvelope.payload = null],
    ["not an object", (b) => b.dsseEnvelope = []],
    [
      "a v1 entry without its promise",
      (b) => delete b.verificationMaterial.tlogEntries[0].inclusionPromise,
    ],
    // A Rekor v1 kind at 0.0.2 is no Rekor v2 entry: without its promise its log index is unbound.
    ["an intoto 0.0.2 entry", (b) => {
      const entry = b.verificationMaterial.tlogEntries[0];
      entry.kindVersion = { kind: "intoto", version: "0.0.2" };
      delete entry.inclusionPromise;
      delete entry.integratedTime;
    }],
    [
      "a hashedrekord entry",
      (b) => b.verificationMaterial.tlogEntries[0].kindVersion.kind = "hashedrekord",
    ],
    [
      "an unknown version",
      (b) => b.verificationMaterial.tlogEntries[0].kindVersion.version = "0.0.3",
    ],
  ];
  for (const [name, edit] of invalid) {
    const b = parsed();
    edit(b);
    assert.equal(keylessBundleForm(b), undefined, name);
  }
  assert.equal(keylessBundleForm("bundle"), undefined);
});
