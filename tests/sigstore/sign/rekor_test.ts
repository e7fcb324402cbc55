// The Rekor client against @sigstore/mock's Rekor v1 and v2 (in process, with
// the canonicalisation the real services do): the entries in a bundle's form,
// the requests, and every answer that is not a log entry with its proofs.
import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { VouchError } from "../../../src/errors.ts";
import { signDsse } from "../../../src/signing/dsse.ts";
import { ephemeralKey } from "../../../src/signing/keys.ts";
import { DEFAULT_TRANSPORT } from "../../../src/sigstore/sign/_http.ts";
import { requestSigningCertificate } from "../../../src/sigstore/sign/fulcio.ts";
import { logDsse } from "../../../src/sigstore/sign/rekor.ts";
import { localStack } from "../_keyless.ts";
import { MOCK_IDENTITY, mockToken } from "../_mock_stack.ts";

const stack = await localStack();
const transport = { ...DEFAULT_TRANSPORT, fetch: stack.fetch, attempts: 1 };
const key = await ephemeralKey();
const { certificate } = await requestSigningCertificate(
  stack.url,
  { token: mockToken(), subject: MOCK_IDENTITY.san, spki: key.spki, signer: key.signer },
  transport,
);
const envelope = await signDsse(new TextEncoder().encode('{"_type":"x"}'), [key.signer]);
const request = { envelope, certificate };

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof VouchError, String(e));
    assert.equal(e.code, code, e.message);
    return true;
  });
}

Deno.test("Rekor v1: a dsse 0.0.1 entry with inclusion promise and proof; the proposed entry Rekor reads", async () => {
  // deno-lint-ignore no-explicit-any
  let sent: Record<string, any> = {};
  const spy: typeof fetch = async (input, init) => {
    sent = JSON.parse(String(init?.body));
    return await stack.fetch(input, init);
  };
  const entry = await logDsse({ url: stack.url, apiVersion: 1 }, request, {
    ...transport,
    fetch: spy,
  });
  assert.deepEqual(Object.keys(entry), [
    "logIndex",
    "logId",
    "kindVersion",
    "integratedTime",
    "inclusionPromise",
    "inclusionProof",
    "canonicalizedBody",
  ]);
  assert.deepEqual(entry.kindVersion, { kind: "dsse", version: "0.0.1" });
  assert.match(entry.integratedTime!, /^\d+$/);
  assert.equal(entry.inclusionProof.treeSize, "1");
  const body = JSON.parse(Buffer.from(entry.canonicalizedBody, "base64").toString());
  assert.deepEqual(Object.keys(body.spec), ["envelopeHash", "payloadHash", "signatures"]);
  assert.equal(body.spec.signatures[0].signature, envelope.signatures[0].sig);
  // What was sent: the envelope's JSON text without a key id, the certificate as a PEM verifier.
  assert.equal(sent.kind, "dsse");
  const proposed = JSON.parse(sent.spec.proposedContent.envelope);
  assert.deepEqual(proposed.signatures, [{ sig: envelope.signatures[0].sig }]);
  assert.match(
    Buffer.from(sent.spec.proposedContent.verifiers[0], "base64").toString(),
    /^-----BEGIN CERTIFICATE-----\n/,
  );
});

Deno.test("Rekor v2: a dsse 0.0.2 entry with its proof and no promise", async () => {
  const entry = await logDsse({ url: stack.url, apiVersion: 2 }, request, transport);
  assert.deepEqual(entry.kindVersion, { kind: "dsse", version: "0.0.2" });
  assert.equal(entry.integratedTime, undefined);
  assert.equal(entry.inclusionPromise, undefined);
  assert.ok(entry.inclusionProof.checkpoint.envelope.includes("\n\n"));
  assert.ok(stack.requests.includes("POST /api/v2/log/entries"));
});

Deno.test("Rekor: a refused entry (409, a signature the verifier does not verify), an outage", async () => {
  for (const version of [1, 2] as const) {
    const log = (url: string) => ({ url, apiVersion: version });
    await rejectsWith(
      logDsse(log(`${stack.url}/fault/status-409`), request, transport),
      "sigstore.rekor_rejected",
    );
    await rejectsWith(
      logDsse(log(`${stack.url}/fault/status-500`), request, transport),
      "sigstore.rekor_unavailable",
    );
    const forged = {
      ...envelope,
      signatures: [{ keyid: "", sig: Buffer.alloc(70, 1).toString("base64") }],
    };
    await rejectsWith(
      logDsse(log(stack.url), { ...request, envelope: forged }, transport),
      "sigstore.rekor_rejected",
    );
  }
});

Deno.test("Rekor: answers that are not an entry with its proofs are malformed", async () => {
  const v1 = await logDsse({ url: stack.url, apiVersion: 1 }, request, {
    ...transport,
    fetch: async (input, init) => {
      const answer = await (await stack.fetch(input, init)).json();
      return Response.json({ ...answer, other: Object.values(answer)[0] }, { status: 201 });
    },
  }).catch((e) => e);
  assert.equal(v1.code, "sigstore.rekor_malformed");
  assert.match(v1.message, /2 entries, not one/);
  // deno-lint-ignore no-explicit-any
  const tampered: [string, (entry: any) => void][] = [
    ["no inclusion proof", (e) => delete e.verification.inclusionProof],
    ["no promise", (e) => delete e.verification.signedEntryTimestamp],
    ["a hex root hash that is not hex", (e) => e.verification.inclusionProof.rootHash = "zz"],
    ["a negative index", (e) => e.logIndex = -1],
    [
      "another kind",
      (e) =>
        e.body = Buffer.from('{"kind":"hashedrekord","apiVersion":"0.0.1"}').toString("base64"),
    ],
  ];
  for (const [name, tamper] of tampered) {
    const error = await logDsse({ url: stack.url, apiVersion: 1 }, request, {
      ...transport,
      fetch: async (input, init) => {
        const answer = await (await stack.fetch(input, init)).json();
        tamper(Object.values(answer)[0]);
        return Response.json(answer, { status: 201 });
      },
    }).catch((e) => e);
    assert.equal(error.code, "sigstore.rekor_malformed", name);
  }
  const v2 = await logDsse({ url: stack.url, apiVersion: 2 }, request, {
    ...transport,
    fetch: async (input, init) => {
      const answer = await (await stack.fetch(input, init)).json();
      return Response.json({ ...answer, kindVersion: { kind: "dsse", version: "0.0.1" } }, {
        status: 201,
      });
    },
  }).catch((e) => e);
  assert.equal(v2.code, "sigstore.rekor_malformed");
});
