import assert from "node:assert/strict";
import * as signing from "../../src/signing/mod.ts";

Deno.test("signing/mod.ts re-exports the public API", () => {
  for (
    const name of [
      "pae",
      "signDsse",
      "verifyDsse",
      "hmacSigner",
      "hmacVerifier",
      "keyIdFromSpki",
      "importPrivateKey",
      "importPublicKey",
      "generateKeyPair",
      "writeKeyPair",
      "toSigstoreBundle",
      "parseSigstoreBundle",
      "ecdsaRawToDer",
      "ecdsaDerToRaw",
    ]
  ) {
    assert.equal(typeof (signing as Record<string, unknown>)[name], "function", name);
  }
  assert.equal(signing.IN_TOTO_PAYLOAD_TYPE, "application/vnd.in-toto+json");
  assert.equal(signing.SIGSTORE_BUNDLE_MEDIA_TYPE, "application/vnd.dev.sigstore.bundle.v0.3+json");
});
