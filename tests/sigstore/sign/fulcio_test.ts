// The Fulcio client against @sigstore/mock's Fulcio (in process): the request
// (token, PEM key, a proof of possession over the token's subject), the leaf
// and its identity, and every answer that is not a certificate for the key sent.
import assert from "node:assert/strict";
import nodeCrypto from "node:crypto";
import { Buffer } from "node:buffer";
import { VouchError } from "../../../src/errors.ts";
import { ephemeralKey } from "../../../src/signing/keys.ts";
import { DEFAULT_TRANSPORT } from "../../../src/sigstore/sign/_http.ts";
import { requestSigningCertificate } from "../../../src/sigstore/sign/fulcio.ts";
import { localStack } from "../_keyless.ts";
import { MOCK_IDENTITY, mockToken } from "../_mock_stack.ts";

const stack = await localStack();
const key = await ephemeralKey();
const token = mockToken();
const request = { token, subject: MOCK_IDENTITY.san, spki: key.spki, signer: key.signer };

function transport(fetch: typeof globalThis.fetch = stack.fetch): typeof DEFAULT_TRANSPORT & {
  fetch: typeof globalThis.fetch;
} {
  return { ...DEFAULT_TRANSPORT, fetch, attempts: 1 };
}

/** A fetch answering every request with this JSON (status 201). */
const answering = (body: unknown): typeof fetch => () =>
  Promise.resolve(new Response(JSON.stringify(body), { status: 201 }));

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof VouchError, String(e));
    assert.equal(e.code, code, e.message);
    assert.ok(!e.message.includes(token));
    return true;
  });
}

Deno.test("Fulcio: the leaf for the key sent, with the token's identity; the request Fulcio v2 reads", async () => {
  // deno-lint-ignore no-explicit-any
  let sent: Record<string, any> = {};
  const spy: typeof fetch = async (input, init) => {
    sent = JSON.parse(String(init?.body));
    return await stack.fetch(input, init);
  };
  const cert = await requestSigningCertificate(stack.url, request, transport(spy));
  assert.equal(cert.identity.subjectAlternativeName, MOCK_IDENTITY.san);
  assert.equal(cert.identity.issuer, MOCK_IDENTITY.issuer);
  assert.ok(new nodeCrypto.X509Certificate(Buffer.from(cert.certificate)).publicKey.equals(
    nodeCrypto.createPublicKey({ key: Buffer.from(key.spki), format: "der", type: "spki" }),
  ));
  assert.equal(sent.credentials.oidcIdentityToken, token);
  assert.equal(sent.publicKeyRequest.publicKey.algorithm, "ECDSA");
  assert.match(sent.publicKeyRequest.publicKey.content, /^-----BEGIN PUBLIC KEY-----\n/);
  // The proof of possession: the key's signature (DER) over the subject.
  const publicKey = nodeCrypto.createPublicKey(sent.publicKeyRequest.publicKey.content);
  const proof = Buffer.from(sent.publicKeyRequest.proofOfPossession, "base64");
  assert.ok(nodeCrypto.verify("sha256", Buffer.from(MOCK_IDENTITY.san), publicKey, proof));
});

Deno.test("Fulcio: refusals, outages and answers that are not a certificate for this key", async () => {
  await rejectsWith(
    requestSigningCertificate(`${stack.url}/fault/status-401`, request, transport()),
    "sigstore.fulcio_rejected",
  );
  await rejectsWith(
    requestSigningCertificate(`${stack.url}/fault/status-503`, request, transport()),
    "sigstore.fulcio_unavailable",
  );
  await rejectsWith(
    requestSigningCertificate(`${stack.url}/fault/other-key`, request, transport()),
    "sigstore.fulcio_key_mismatch",
  );
  const answers: unknown[] = [
    [],
    {},
    {
      signedCertificateDetachedSct: { chain: { certificates: [] }, signedCertificateTimestamp: "" },
    },
    { signedCertificateEmbeddedSct: { chain: { certificates: [] } } },
    { signedCertificateEmbeddedSct: { chain: { certificates: [42] } } },
    { signedCertificateEmbeddedSct: { chain: { certificates: ["not a PEM"] } } },
    {
      signedCertificateEmbeddedSct: {
        chain: { certificates: ["-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n"] },
      },
    },
  ];
  for (const answer of answers) {
    await rejectsWith(
      requestSigningCertificate(stack.url, request, transport(answering(answer))),
      "sigstore.fulcio_malformed",
    );
  }
});
