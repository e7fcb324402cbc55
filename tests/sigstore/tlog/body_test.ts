import assert from "node:assert/strict";
import { checkBody, isRekorV2Entry } from "../../../src/sigstore/tlog/body.ts";
import { parseBundle, type SignedEntity } from "../../../src/sigstore/bundle.ts";
import { hash, type HashName } from "../../../src/sigstore/_bytes.ts";
import type { SigstoreCheck } from "../../../src/sigstore/codes.ts";
import {
  b64,
  type BundleOptions,
  canonical,
  makeBundle,
  makeKey,
  makeStack,
  sha256,
} from "../_stack.ts";

const stack = await makeStack();
// deno-lint-ignore no-explicit-any
type Json = any;

async function entity(
  options: BundleOptions,
): Promise<{ entity: SignedEntity; artifact: Uint8Array; leaf?: Uint8Array }> {
  const made = await makeBundle(stack, options);
  const parsed = parseBundle(made.bundle);
  assert.ok(parsed.entity, parsed.check.message);
  return { entity: parsed.entity, artifact: made.artifact, leaf: made.leaf };
}

async function bodyCheck(
  options: BundleOptions,
  change?: (body: Json) => void,
  keyDer?: Uint8Array,
): Promise<SigstoreCheck> {
  const { entity: e, artifact, leaf } = await entity(options);
  const entry = e.tlogEntries[0];
  if (change) {
    const body = JSON.parse(new TextDecoder().decode(entry.body));
    change(body);
    entry.body = new TextEncoder().encode(canonical(body));
  }
  const der = keyDer ?? (options.publicKey ? options.publicKey.spki : leaf!);
  return await checkBody(entry, {
    content: e.content,
    key: { kind: options.publicKey ? "publicKey" : "certificate", der, type: "ecdsa-p256" },
    artifactDigest: (h) => hash(h, artifact),
  });
}

Deno.test("checkBody: every supported kind records the bundle's signature, key and digest", async () => {
  const key = await makeKey("P-256");
  for (
    const options of [
      {},
      { content: "dsse" },
      { content: "dsse", dsseKind: "intoto" },
      { rekor: "v2" },
      { rekor: "v2", content: "dsse" },
      { publicKey: key },
      { rekor: "v2", publicKey: key },
      { content: "dsse", publicKey: key },
    ] as BundleOptions[]
  ) {
    const check = await bodyCheck(options);
    assert.equal(
      check.code,
      "tlog.body_ok",
      `${JSON.stringify({ ...options, publicKey: !!options.publicKey })}: ${check.message}`,
    );
  }
});

Deno.test("checkBody: Rekor v2 hashedrekord over DSSE records the PAE digest", async () => {
  const { entity: e, leaf } = await entity({ rekor: "v2", content: "dsse" });
  const content = e.content;
  assert.equal(content.type, "dsseEnvelope");
  if (content.type !== "dsseEnvelope") return;
  const entry = e.tlogEntries[0];
  const pae = new TextEncoder().encode(
    `DSSEv1 ${content.payloadType.length} ${content.payloadType} ${content.payload.length} `,
  );
  const paeDigest = sha256(pae, content.payload);
  entry.kind = "hashedrekord";
  entry.body = new TextEncoder().encode(canonical({
    apiVersion: "0.0.2",
    kind: "hashedrekord",
    spec: {
      hashedRekordV002: {
        data: { algorithm: "SHA2_256", digest: b64(paeDigest) },
        signature: {
          content: b64(content.signature),
          verifier: {
            keyDetails: "PKIX_ECDSA_P256_SHA_256",
            x509Certificate: { rawBytes: b64(leaf!) },
          },
        },
      },
    },
  }));
  const expect = {
    content,
    key: { kind: "certificate" as const, der: leaf!, type: "ecdsa-p256" as const },
    artifactDigest: () => Promise.resolve(undefined),
  };
  assert.equal((await checkBody(entry, expect)).code, "tlog.body_ok");
  entry.body = new TextEncoder().encode(
    new TextDecoder().decode(entry.body).replace(b64(paeDigest), b64(sha256(content.payload))),
  );
  assert.match((await checkBody(entry, expect)).message, /PAE/);
});

Deno.test("checkBody: a Rekor v2 verifier without keyDetails (the protobuf default) is not a mismatch", async () => {
  const key = await makeKey("P-256");
  for (const options of [{ rekor: "v2" }, { rekor: "v2", publicKey: key }] as BundleOptions[]) {
    for (const unspecified of [undefined, "PUBLIC_KEY_DETAILS_UNSPECIFIED"]) {
      const check = await bodyCheck(options, (b) => {
        b.spec.hashedRekordV002.signature.verifier.keyDetails = unspecified;
      });
      assert.equal(check.code, "tlog.body_ok", check.message);
    }
  }
});

Deno.test("checkBody: another signature, key, digest, count or kind is a mismatch", async () => {
  const zero = b64(new Uint8Array(70));
  const cases: [BundleOptions, (b: Json) => void, RegExp][] = [
    [{}, (b) => (b.spec.signature.content = zero), /signature/],
    [{}, (b) => (b.spec.data.hash.value = "00".repeat(32)), /artifact digest/],
    [{}, (b) => (b.spec.data.hash.algorithm = "md5"), /algorithm/],
    [
      {},
      (
        b,
      ) => (b.spec.signature.publicKey.content = b64(
        new TextEncoder().encode("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
      )),
      /public key/,
    ],
    [{}, (b) => (b.kind = "dsse"), /says hashedrekord/],
    [{ content: "dsse" }, (b) => (b.spec.payloadHash.value = "00".repeat(32)), /payload hash/],
    [
      { content: "dsse" },
      (b) => b.spec.signatures.push(b.spec.signatures[0]),
      /exactly one signature/,
    ],
    [{ content: "dsse" }, (b) => (b.spec.signatures[0].verifier = "bm90IHBlbQ=="), /PEM/],
    [
      { content: "dsse", dsseKind: "intoto" },
      (b) => (b.spec.content.envelope.payloadType = "text/plain"),
      /payloadType/,
    ],
    [
      { content: "dsse", dsseKind: "intoto" },
      (b) => (b.spec.content.envelope.signatures[0].sig = b64(new TextEncoder().encode(zero))),
      /signature/,
    ],
    [
      { rekor: "v2" },
      (b) => (b.spec.hashedRekordV002.signature.verifier.keyDetails = "PKIX_ED25519"),
      /keyDetails/,
    ],
    [
      { rekor: "v2" },
      (b) => (b.spec.hashedRekordV002.signature.verifier.x509Certificate.rawBytes = zero),
      /x509Certificate/,
    ],
    [{ rekor: "v2" }, (b) => (b.spec.hashedRekordV002.data.digest = zero), /artifact digest/],
    [
      { rekor: "v2", content: "dsse" },
      (b) => (b.spec.dsseV002.payloadHash.digest = zero),
      /payload hash/,
    ],
    [{ rekor: "v2" }, (b) => delete b.spec.hashedRekordV002, /no spec\.hashedRekordV002/],
  ];
  for (const [options, change, message] of cases) {
    const check = await bodyCheck(options, change);
    assert.equal(check.code, "tlog.body_mismatch", `${message}: ${check.message}`);
    assert.match(check.message, message);
  }
});

Deno.test("checkBody: unsupported kinds and unreadable bodies", async () => {
  const { entity: e, artifact, leaf } = await entity({});
  const entry = e.tlogEntries[0];
  const expect = {
    content: e.content,
    key: { kind: "certificate" as const, der: leaf! },
    artifactDigest: (h: HashName) => hash(h, artifact),
  };
  assert.equal(
    (await checkBody({ ...entry, kind: "rekord" }, expect)).code,
    "tlog.body_unsupported",
  );
  assert.equal(
    (await checkBody({ ...entry, version: "0.0.9" }, expect)).code,
    "tlog.body_unsupported",
  );
  assert.equal(
    (await checkBody({ ...entry, body: new Uint8Array([0xff]) }, expect)).code,
    "tlog.body_mismatch",
  );
  assert.equal(
    (await checkBody({ ...entry, body: new TextEncoder().encode("[1]") }, expect)).code,
    "tlog.body_mismatch",
  );
  // Without a key to compare, the signature and digest still are.
  assert.equal((await checkBody(entry, { ...expect, key: undefined })).code, "tlog.body_ok");
  assert.match((await checkBody(entry, { ...expect, key: undefined })).message, /key not compared/);
});

Deno.test("isRekorV2Entry: hashedrekord and dsse 0.0.2", () => {
  const base = {
    position: 0,
    logIndex: 0n,
    logId: new Uint8Array(),
    integratedTime: 0n,
    body: new Uint8Array(),
  };
  assert.equal(isRekorV2Entry({ ...base, kind: "hashedrekord", version: "0.0.2" }), true);
  assert.equal(isRekorV2Entry({ ...base, kind: "dsse", version: "0.0.2" }), true);
  assert.equal(isRekorV2Entry({ ...base, kind: "intoto", version: "0.0.2" }), false);
  assert.equal(isRekorV2Entry({ ...base, kind: "hashedrekord", version: "0.0.1" }), false);
});
