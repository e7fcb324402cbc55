// Keyless signing orchestrated, against the local instance in process: one
// certificate for the ephemeral key, any number of payloads, each bundle
// verified before it is handed back; several logs and TSAs; the defaults.
import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { keyIdFromSpki } from "../../../src/signing/keys.ts";
import { planKeyless, startKeyless } from "../../../src/sigstore/sign/keyless.ts";
import { PUBLIC_GOOD_SERVICES } from "../../../src/sigstore/sign/signing_config.ts";
import { publicGoodTrustedRoot } from "../../../src/sigstore/trust_root.ts";
import { parseCertificate } from "../../../src/sigstore/x509/certificate.ts";
import { sigstoreVerdict } from "../../_sigstore.ts";
import { keylessOptions, localStack } from "../_keyless.ts";
import { MOCK_IDENTITY } from "../_mock_stack.ts";

const stack = await localStack();
const statement = (n: number): Uint8Array =>
  new TextEncoder().encode(JSON.stringify({
    _type: "https://in-toto.io/Statement/v1",
    subject: [{ name: `a${n}`, digest: { sha256: "ab".repeat(32) } }],
    predicateType: "https://example.com/p",
    predicate: {},
  }));

Deno.test("planKeyless: public good by default, the token found without the network", () => {
  const plan = planKeyless({}, { SIGSTORE_ID_TOKEN: "t" });
  assert.deepEqual(plan.services, PUBLIC_GOOD_SERVICES);
  assert.equal(plan.trustedRoot, publicGoodTrustedRoot());
  assert.deepEqual(plan.token, { kind: "value", token: "t", origin: "$SIGSTORE_ID_TOKEN" });
  assert.deepEqual(
    [plan.transport.timeoutMs, plan.transport.attempts, plan.transport.backoffMs],
    [30_000, 3, 1_000],
  );
  assert.throws(
    () => planKeyless({}, {}),
    (e: unknown) => e instanceof VouchError && e.code === "sigstore.token_missing",
  );
});

Deno.test("startKeyless: one certificate for many payloads, each bundle verified, by vouch and by sigstore-js", async () => {
  const before = stack.requests.length;
  const options = keylessOptions(stack, { rekorVersion: 1 });
  const session = await startKeyless(planKeyless(options, {}), () => new Date());
  assert.equal(session.identity.subjectAlternativeName, MOCK_IDENTITY.san);
  for (const n of [1, 2, 3]) {
    const { bundle, verification } = await session.sign(statement(n));
    assert.equal(verification.verified, true);
    assert.deepEqual(verification.payload?.bytes, statement(n));
    // The key id declared before signing is the certificate key's.
    const leaf = parseCertificate(
      Uint8Array.fromBase64(bundle.verificationMaterial.certificate.rawBytes),
    );
    assert.equal(keyIdFromSpki(leaf.spki), session.keyid);
    assert.deepEqual(
      sigstoreVerdict(bundle, {
        artifact: new Uint8Array(),
        trustedRootJson: stack.trustedRootJson,
        identity: MOCK_IDENTITY,
      }),
      { ok: true },
    );
  }
  const calls = stack.requests.slice(before);
  assert.equal(calls.filter((r) => r.endsWith("/api/v2/signingCert")).length, 1, "one certificate");
  assert.equal(calls.filter((r) => r.endsWith("/api/v1/log/entries")).length, 3);
});

Deno.test("startKeyless: two Rekor logs (a signing config's ALL) give two entries, each verified", async () => {
  const options = keylessOptions(stack);
  options.services = {
    fulcioUrl: stack.url,
    rekor: [{ url: stack.url, apiVersion: 1 }, { url: stack.url, apiVersion: 2 }],
    tsaUrls: [`${stack.url}/api/v1/timestamp`],
  };
  const session = await startKeyless(planKeyless(options, {}), () => new Date());
  const { bundle, verification } = await session.sign(statement(9));
  assert.deepEqual(bundle.verificationMaterial.tlogEntries.map((e) => e.kindVersion.version), [
    "0.0.1",
    "0.0.2",
  ]);
  assert.equal(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps.length, 1);
  assert.equal(verification.logEntries.length, 2);
  assert.deepEqual(verification.times.map((t) => t.source).sort(), [
    "timestamp-authority",
    "transparency-log",
  ]);
});

Deno.test("startKeyless: an expired token is refused before Fulcio is asked", async () => {
  const before = stack.requests.length;
  const options = keylessOptions(stack, {}, {
    identityToken: `${btoa('{"alg":"none"}')}.${
      btoa(JSON.stringify({ iss: "https://i", sub: "s", exp: 1 }))
    }.`,
  });
  await assert.rejects(
    startKeyless(planKeyless(options, {}), () => new Date()),
    (e: unknown) => e instanceof VouchError && e.code === "sigstore.token_invalid",
  );
  assert.equal(stack.requests.length, before);
});
