import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHmac } from "node:crypto";
import {
  checkHmacSecret,
  constantTimeEqual,
  hmacSigner,
  hmacVerifier,
} from "../../src/signing/hmac.ts";
import { isVouchError } from "../../src/errors.ts";
import { generateKeyPair } from "../../src/signing/keys.ts";

const data = new TextEncoder().encode("DSSEv1 1 t 2 hi");

Deno.test("hmacSigner computes HMAC-SHA256 keyed by the UTF-8 secret", async () => {
  const signer = await hmacSigner("sécret", { keyid: "ci" });
  assert.equal(signer.keyid, "ci");
  assert.equal(signer.algorithm, "hmac-sha256");
  const expected = createHmac("sha256", Buffer.from("sécret", "utf8")).update(data).digest();
  assert.deepEqual(await signer.sign(data), new Uint8Array(expected));
});

Deno.test("hmacVerifier accepts the right MAC only", async () => {
  const signer = await hmacSigner("one", { keyid: "k" });
  const verifier = await hmacVerifier("one", { keyid: "k" });
  const other = await hmacVerifier("two", { keyid: "k" });
  const mac = await signer.sign(data);
  assert.equal(verifier.algorithm, "hmac-sha256");
  assert.equal(await verifier.verify(data, mac), true);
  assert.equal(await other.verify(data, mac), false);
  assert.equal(await verifier.verify(new TextEncoder().encode("other"), mac), false);
  assert.equal(await verifier.verify(data, mac.subarray(0, 31)), false);
  assert.equal(await verifier.verify(data, new Uint8Array(0)), false);
});

Deno.test("constantTimeEqual compares content and length", () => {
  assert.equal(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])), true);
  assert.equal(constantTimeEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])), false);
  assert.equal(constantTimeEqual(new Uint8Array([1]), new Uint8Array([1, 0])), false);
  assert.equal(constantTimeEqual(new Uint8Array(0), new Uint8Array(0)), true);
});

Deno.test("attack: HMAC key confusion: checkHmacSecret refuses secrets anyone can know", async () => {
  const pair = await generateKeyPair("ed25519");
  const refused = (secret: string, code: string, publicKeyIds?: string[]): void =>
    assert.throws(
      () => checkHmacSecret(secret, { publicKeyIds }),
      (e: unknown) => isVouchError(e) && e.code === code,
      JSON.stringify(secret.slice(0, 30)),
    );
  refused("", "secret.empty");
  refused(" \n", "secret.empty");
  refused(pair.publicKeyPem, "key.hmac_public");
  refused(pair.publicKeyPem.trimEnd(), "key.hmac_public");
  refused("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "key.hmac_public");
  refused("-----BEGIN EC PUBLIC KEY-----", "key.hmac_public");
  refused(pair.keyid, "key.hmac_public", [pair.keyid]);
  // A secret is fine, and so is a private key's PEM (no one else holds it).
  checkHmacSecret("s3cret", { publicKeyIds: [pair.keyid] });
  checkHmacSecret(pair.keyid);
  checkHmacSecret(pair.privateKeyPem);
});
