// The BigInt ECDSA / RSA verification over a digest, cross-checked against
// WebCrypto signatures: many random messages and keys, every curve.
import assert from "node:assert/strict";
import { verifyPrehashed } from "../../src/sigstore/_prehash.ts";
import { parsePublicKey } from "../../src/sigstore/_crypto.ts";
import { ecdsaRawToDer } from "../../src/signing/ecdsa_der.ts";
import { DerError } from "../../src/sigstore/_asn1/reader.ts";
import { makeRsaKey } from "./_stack.ts";

const HASHES = {
  "P-256": ["SHA-256", "sha256"],
  "P-384": ["SHA-384", "sha384"],
  "P-521": ["SHA-512", "sha512"],
} as const;

Deno.test("verifyPrehashed: ECDSA P-256, P-384, P-521 signatures made by WebCrypto verify; altered ones do not", async () => {
  for (const curve of ["P-256", "P-384", "P-521"] as const) {
    const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: curve }, true, [
      "sign",
      "verify",
    ]) as CryptoKeyPair;
    const key = parsePublicKey(
      new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey)),
    );
    const [webHash, hash] = HASHES[curve];
    for (let i = 0; i < 4; i++) {
      const message = crypto.getRandomValues(new Uint8Array(64));
      const signature = ecdsaRawToDer(
        new Uint8Array(
          await crypto.subtle.sign({ name: "ECDSA", hash: webHash }, pair.privateKey, message),
        ),
      );
      const digest = new Uint8Array(await crypto.subtle.digest(webHash, message));
      assert.equal(verifyPrehashed(key, digest, { signature, hash }), true, curve);
      const wrong = digest.slice();
      wrong[digest.length - 1] ^= 1;
      assert.equal(verifyPrehashed(key, wrong, { signature, hash }), false, curve);
      const bad = signature.slice();
      bad[bad.length - 1] ^= 1;
      assert.equal(verifyPrehashed(key, digest, { signature: bad, hash }), false, curve);
    }
    // r or s out of range, or garbage.
    assert.equal(
      verifyPrehashed(key, new Uint8Array(32), {
        signature: ecdsaRawToDer(new Uint8Array(64)),
        hash,
      }),
      false,
    );
    assert.equal(
      verifyPrehashed(key, new Uint8Array(32), { signature: new Uint8Array([1, 2]), hash }),
      false,
    );
  }
});

Deno.test("verifyPrehashed: RSA PKCS#1 v1.5; malformed keys throw DerError", async () => {
  const { pair, spki } = await makeRsaKey();
  const key = parsePublicKey(spki);
  const message = new TextEncoder().encode("artifact");
  const signature = new Uint8Array(
    await crypto.subtle.sign("RSASSA-PKCS1-v1_5", pair.privateKey, message),
  );
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", message));
  assert.equal(verifyPrehashed(key, digest, { signature, hash: "sha256" }), true);
  assert.equal(verifyPrehashed(key, digest, { signature, hash: "sha384" }), false);
  assert.equal(verifyPrehashed(key, new Uint8Array(32), { signature, hash: "sha256" }), false);
  assert.throws(
    () => verifyPrehashed(key, digest, { signature: signature.subarray(1), hash: "sha256" }),
    DerError,
  );
  assert.throws(
    () =>
      verifyPrehashed({ type: "rsa", keyBits: new Uint8Array([0x30, 0]) }, digest, {
        signature,
        hash: "sha256",
      }),
    DerError,
  );
  assert.equal(
    verifyPrehashed({ type: "ed25519", keyBits: new Uint8Array(32) }, digest, {
      signature,
      hash: "sha256",
    }),
    false,
  );
});
