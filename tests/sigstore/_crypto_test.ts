import assert from "node:assert/strict";
import {
  defaultScheme,
  parsePublicKey,
  schemeFromAlgorithm,
  spkiFromPkcs1,
  verifyDigestSignature,
  verifySignature,
} from "../../src/sigstore/_crypto.ts";
import { DerError, parseDer, readSequence } from "../../src/sigstore/_asn1/reader.ts";
import { ctx, int, oid, seq } from "./_der_builder.ts";
import { makeKey, makeRsaKey, sha256, sign } from "./_stack.ts";

const message = new TextEncoder().encode("signed bytes");

Deno.test("parsePublicKey: ECDSA P-256/P-384/P-521, Ed25519, RSA; others refused", async () => {
  for (
    const [kind, type] of [["P-256", "ecdsa-p256"], ["P-384", "ecdsa-p384"], [
      "Ed25519",
      "ed25519",
    ]] as const
  ) {
    assert.equal(parsePublicKey((await makeKey(kind)).spki).type, type);
  }
  const p521 = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-521" }, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  assert.equal(
    parsePublicKey(new Uint8Array(await crypto.subtle.exportKey("spki", p521.publicKey))).type,
    "ecdsa-p521",
  );
  const { spki: rsaSpki } = await makeRsaKey();
  assert.equal(parsePublicKey(rsaSpki).type, "rsa");
  // A bare PKCS#1 key wrapped back into an SPKI is the same key.
  const [, bits] = readSequence(parseDer(rsaSpki, "spki"), "spki");
  assert.deepEqual(spkiFromPkcs1(bits.content.subarray(1)), rsaSpki);
  assert.throws(
    () => parsePublicKey(seq(seq(oid("1.3.101.113")), new Uint8Array([3, 1, 0]))),
    /unsupported algorithm/,
  );
  assert.throws(
    () =>
      parsePublicKey(
        seq(seq(oid("1.2.840.10045.2.1"), oid("1.3.132.0.10")), new Uint8Array([3, 1, 0])),
      ),
    /curve/,
  );
  assert.throws(() => parsePublicKey(new Uint8Array([0x30, 0x03, 0x02, 0x01])), DerError);
});

Deno.test("verifySignature: each key type; tampered data, wrong scheme or garbage gives false", async () => {
  for (const kind of ["P-256", "P-384", "Ed25519"] as const) {
    const key = await makeKey(kind);
    const hash = kind === "P-384" ? "SHA-384" : "SHA-256";
    const signature = await sign(key, message, hash);
    const publicKey = parsePublicKey(key.spki);
    assert.equal(await verifySignature(publicKey, message, { signature }), true, kind);
    assert.equal(await verifySignature(publicKey, new Uint8Array(3), { signature }), false);
    assert.equal(
      await verifySignature(publicKey, message, { signature: new Uint8Array(5) }),
      false,
    );
    assert.equal(
      await verifySignature(publicKey, message, {
        signature,
        scheme: { kind: "rsa-pkcs1", hash: "sha256" },
      }),
      false,
    );
  }
  // ECDSA P-384 key with SHA-256 (as the staging TSA signs).
  const p384 = await makeKey("P-384");
  const sig256 = await sign(p384, message, "SHA-256");
  assert.equal(
    await verifySignature(parsePublicKey(p384.spki), message, {
      signature: sig256,
      scheme: { kind: "ecdsa", hash: "sha256" },
    }),
    true,
  );
  assert.equal(
    await verifySignature(parsePublicKey(p384.spki), message, { signature: sig256 }),
    false,
  );
});

Deno.test("schemeFromAlgorithm: signature OIDs, CMS key OIDs with a digest, RSA-PSS parameters", () => {
  assert.deepEqual(schemeFromAlgorithm("1.2.840.10045.4.3.3"), { kind: "ecdsa", hash: "sha384" });
  assert.deepEqual(schemeFromAlgorithm("1.2.840.113549.1.1.11"), {
    kind: "rsa-pkcs1",
    hash: "sha256",
  });
  assert.deepEqual(schemeFromAlgorithm("1.2.840.10045.2.1", { digest: "sha512" }), {
    kind: "ecdsa",
    hash: "sha512",
  });
  assert.throws(() => schemeFromAlgorithm("1.2.840.10045.2.1", { digest: "sha1" }), /SHA-1/);
  assert.throws(
    () => schemeFromAlgorithm("1.2.840.113549.1.1.5"),
    /unsupported signature algorithm/,
  );
  const sha256Id = seq(oid("2.16.840.1.101.3.4.2.1"));
  const pss = seq(
    ctx(0, true, sha256Id),
    ctx(1, true, seq(oid("1.2.840.113549.1.1.8"), sha256Id)),
    ctx(2, true, int(32)),
  );
  assert.deepEqual(schemeFromAlgorithm("1.2.840.113549.1.1.10", { params: pss }), {
    kind: "rsa-pss",
    hash: "sha256",
    saltLength: 32,
  });
  assert.throws(() => schemeFromAlgorithm("1.2.840.113549.1.1.10", { params: seq() }), /SHA-1/);
  assert.throws(() => schemeFromAlgorithm("1.2.840.113549.1.1.10"), /parameters missing/);
});

Deno.test("verifyDigestSignature: ECDSA and RSA over a digest agree with WebCrypto; Ed25519 cannot", async () => {
  for (const [kind, hash] of [["P-256", "sha256"], ["P-384", "sha384"]] as const) {
    const key = await makeKey(kind);
    const signature = await sign(key, message, hash === "sha384" ? "SHA-384" : "SHA-256");
    const publicKey = parsePublicKey(key.spki);
    const digest = new Uint8Array(
      await crypto.subtle.digest(hash === "sha384" ? "SHA-384" : "SHA-256", message),
    );
    assert.equal(await verifyDigestSignature(publicKey, digest, { signature }), true, kind);
    digest[0] ^= 1;
    assert.equal(await verifyDigestSignature(publicKey, digest, { signature }), false, kind);
  }
  const ed = await makeKey("Ed25519");
  assert.equal(
    await verifyDigestSignature(parsePublicKey(ed.spki), sha256(message), {
      signature: await sign(ed, message),
    }),
    undefined,
  );
  assert.deepEqual(defaultScheme(parsePublicKey(ed.spki)), { kind: "ed25519", hash: "sha512" });
});
