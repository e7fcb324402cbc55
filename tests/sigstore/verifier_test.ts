// verifyBundle end to end on bundles made by the test instance (_stack.ts):
// every content/log/version/key combination verifies, and each way of breaking
// a bundle fails with its code.
import assert from "node:assert/strict";
import {
  type BundleVerification,
  verifyBundle,
  type VerifyBundleOptions,
} from "../../src/sigstore/verifier.ts";
import { loadTrustedRoot, type TrustedRoot } from "../../src/sigstore/trust_root.ts";
import { isVouchError } from "../../src/errors.ts";
import {
  ARTIFACT,
  b64,
  type BundleOptions,
  IDENTITY,
  ISSUER,
  leafExtensions,
  makeBundle,
  makeKey,
  makeStack,
  makeTimestamp,
  OIDS,
  pem,
  sha256,
  sign,
  signCertificate,
  type Stack,
  statementFor,
  tbsCertificate,
  trustedRootJson,
  X,
} from "./_stack.ts";
import { pae } from "../../src/signing/dsse.ts";
import { ecdsaRawToDer } from "../../src/signing/ecdsa_der.ts";
import { toHex } from "../../src/sigstore/_bytes.ts";

const stack: Stack = await makeStack();
const root: TrustedRoot = loadTrustedRoot(trustedRootJson(stack));
const keyless = { identity: { subjectAlternativeName: IDENTITY, issuer: ISSUER } };

async function verify(
  options: BundleOptions = {},
  verifyOptions: VerifyBundleOptions = {},
  edit?: (bundle: Record<string, unknown>) => void,
): Promise<BundleVerification> {
  const made = await makeBundle(stack, options);
  edit?.(made.bundle);
  return await verifyBundle(made.bundle, {
    artifact: { bytes: made.artifact },
    trustedRoot: root,
    now: stack.now,
    ...(options.publicKey === undefined
      ? keyless
      : { publicKey: pem("PUBLIC KEY", options.publicKey.spki) }),
    ...verifyOptions,
  });
}

/** The intermediate CA of another instance, to issue leaves the trusted root does not cover. */
async function foreignIssuer(): Promise<
  { cert: Uint8Array; key: Awaited<ReturnType<typeof makeKey>>; name: Uint8Array }
> {
  const other = await makeStack(stack.now);
  return {
    cert: other.ca.intermediate,
    key: other.ca.intermediateKey,
    name: other.ca.intermediateName,
  };
}

function failures(result: { checks: { code: string; ok: boolean }[] }): string[] {
  return result.checks.filter((c) => !c.ok).map((c) => c.code);
}

// deno-lint-ignore no-explicit-any
type Json = any;

Deno.test("verifyBundle: every content, log, version and key material verifies", async () => {
  const key = await makeKey("P-256");
  for (const content of ["message", "dsse"] as const) {
    for (const rekor of ["v1", "v2"] as const) {
      for (const version of ["0.1", "0.2", "0.3"] as const) {
        if (rekor === "v2" && version === "0.1") continue;
        for (const publicKey of [undefined, key]) {
          const result = await verify({ content, rekor, version, publicKey });
          const what = `${content} ${rekor} v${version} ${publicKey ? "key" : "keyless"}`;
          assert.deepEqual(failures(result), [], what);
          assert.equal(result.verified, true, what);
        }
      }
    }
  }
  // A key-signed bundle needs no log entry at all; an intoto 0.0.2 entry is read too.
  assert.equal((await verify({ rekor: "none", publicKey: key, timestamp: false })).verified, true);
  assert.equal((await verify({ content: "dsse", dsseKind: "intoto" })).verified, true);
});

Deno.test("verifyBundle: returns what verified: signer identity, times, log entries, payload", async () => {
  const result = await verify({ content: "dsse", rekor: "v1", timestamp: true });
  assert.equal(result.verified, true);
  assert.equal(result.signer?.type, "certificate");
  if (result.signer?.type !== "certificate") return;
  assert.equal(result.signer.identity.subjectAlternativeName, IDENTITY);
  assert.equal(result.signer.identity.subjectAlternativeNameType, "uri");
  assert.equal(result.signer.identity.issuer, ISSUER);
  assert.deepEqual(result.signer.identity.workflow, {
    repository: "vouch-test/app",
    ref: "refs/tags/v1.0.0",
    sha: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
    workflow: IDENTITY,
    runUrl: "https://github.com/vouch-test/app/actions/runs/1/attempts/1",
  });
  assert.deepEqual(result.times.map((t) => t.source).sort(), [
    "timestamp-authority",
    "transparency-log",
  ]);
  assert.equal(result.times[0].time, stack.now.toISOString());
  assert.equal(result.logEntries.length, 1);
  assert.equal(result.logEntries[0].log, "https://rekor.vouch.test");
  assert.equal(result.logEntries[0].logIndex, "1005");
  assert.equal(result.logEntries[0].kind, "dsse 0.0.1");
  assert.equal(result.payload?.type, "application/vnd.in-toto+json");
  const key = await makeKey("P-256");
  const keyed = await verify({ publicKey: key });
  assert.deepEqual(keyed.signer, { type: "publicKey", keyId: b64(sha256(key.spki)) });
  // A failed verification returns no signer, time or entry.
  const failed = await verify({}, {
    identity: { subjectAlternativeName: "other", issuer: ISSUER },
  });
  assert.equal(failed.verified, false);
  assert.equal(failed.signer, undefined);
  assert.deepEqual([failed.times, failed.logEntries], [[], []]);
});

Deno.test("verifyBundle: a statement with a key twice in one object is refused, whichever value a reader keeps", async () => {
  const other = new TextEncoder().encode("another file\n");
  const real = new TextDecoder().decode(statementFor(ARTIFACT));
  const decoy = JSON.stringify(JSON.parse(new TextDecoder().decode(statementFor(other))).subject);
  // sigstore-go (protojson) refuses the statement; JSON.parse keeps the last `subject`, the
  // artifact's, so without the strict read the artifact verified as a subject.
  const twice = real.replace('"subject":', `"subject":${decoy},"subject":`);
  assert.equal(JSON.parse(twice).subject[0].name, "artifact.txt");
  const result = await verify({ content: "dsse", payload: new TextEncoder().encode(twice) });
  assert.deepEqual(failures(result), ["artifact.statement_invalid"]);
  const check = result.checks.find((c) => c.code === "artifact.statement_invalid")!;
  assert.match(check.message, /DSSE payload:1: invalid JSON: duplicate key "subject"/);
  // Deeper too: a digest set naming sha256 twice.
  const digest = real.replace('"sha256":', `"sha256":"${"0".repeat(64)}","sha256":`);
  assert.deepEqual(
    failures(await verify({ content: "dsse", payload: new TextEncoder().encode(digest) })),
    ["artifact.statement_invalid"],
  );
});

Deno.test("verifyBundle: the artifact must be the signed one", async () => {
  const other = new TextEncoder().encode("another file\n");
  assert.deepEqual(
    failures(await verify({}, { artifact: { bytes: other } })),
    ["artifact.digest_mismatch", "tlog.body_mismatch", "signature.invalid"],
  );
  // Without the artifact: only the missing artifact fails (the log entry matches the bundle's digest).
  assert.deepEqual(failures(await verify({}, { artifact: undefined })), ["artifact.required"]);
  // DSSE: the artifact must be a subject of the statement.
  assert.deepEqual(failures(await verify({ content: "dsse" }, { artifact: { bytes: other } })), [
    "artifact.not_a_subject",
  ]);
  // DSSE without an artifact: the envelope alone verifies.
  assert.equal((await verify({ content: "dsse" }, { artifact: undefined })).verified, true);
  const notStatement = await verify({ content: "dsse", payload: new TextEncoder().encode("[]") });
  assert.deepEqual(failures(notStatement), ["artifact.statement_invalid"]);
  // The Statement's _type must be one we know: missing or unknown is never read as v1
  // (the suite's dsse-statement-missing-type / -unknown-type cases), keyless or key-signed.
  const key = await makeKey("P-256");
  const statement = JSON.parse(new TextDecoder().decode(statementFor(ARTIFACT)));
  for (
    const [type, verified] of [
      [undefined, false],
      ["https://in-toto.io/Statement/v2", false],
      [42, false],
      ["https://in-toto.io/Statement/v0.1", true],
      ["https://in-toto.io/Statement/v1", true],
    ] as const
  ) {
    const payload = new TextEncoder().encode(JSON.stringify({ ...statement, _type: type }));
    for (const options of [{}, { publicKey: key, rekor: "v2" }] as BundleOptions[]) {
      const result = await verify({ content: "dsse", payload, ...options });
      assert.deepEqual(
        failures(result),
        verified ? [] : ["artifact.statement_invalid"],
        `${type} ${options.publicKey ? "key" : "keyless"}`,
      );
    }
  }
  // A digest (sha256:HEX) verifies a message signature without the bytes (ECDSA over the digest).
  const bySha = await verify({}, { artifact: { sha256: sha256(ARTIFACT) } });
  assert.deepEqual(failures(bySha), []);
  const wrongSha = await verify({}, { artifact: { sha256: sha256(other) } });
  assert.deepEqual(failures(wrongSha), [
    "artifact.digest_mismatch",
    "tlog.body_mismatch",
    "signature.invalid",
  ]);
});

Deno.test("verifyBundle: a keyless bundle needs an identity policy, and the identity must match", async () => {
  assert.deepEqual(failures(await verify({}, { identity: undefined })), [
    "identity.policy_required",
  ]);
  assert.deepEqual(
    failures(
      await verify({}, {
        identity: { subjectAlternativeName: IDENTITY, issuer: "https://accounts.google.com" },
      }),
    ),
    ["identity.issuer_mismatch"],
  );
  assert.deepEqual(
    failures(
      await verify({}, {
        identity: {
          subjectAlternativeNameRegExp: "^https://github\\.com/other/",
          issuer: ISSUER,
        },
      }),
    ),
    ["identity.san_mismatch"],
  );
  assert.equal(
    (await verify({}, {
      identity: { subjectAlternativeNameRegExp: "vouch-test/app/\\.github", issuer: ISSUER },
    }))
      .verified,
    true,
  );
});

Deno.test("verifyBundle: a key-signed bundle needs the key, and only the right key verifies", async () => {
  const key = await makeKey("P-256");
  const made = await makeBundle(stack, { publicKey: key });
  const noKey = await verifyBundle(made.bundle, {
    artifact: { bytes: made.artifact },
    trustedRoot: root,
    now: stack.now,
    ...keyless,
  });
  assert.deepEqual(failures(noKey), ["key.required"]);
  const other = await makeKey("P-256");
  const wrong = await verifyBundle(made.bundle, {
    artifact: { bytes: made.artifact },
    trustedRoot: root,
    now: stack.now,
    publicKey: pem("PUBLIC KEY", other.spki),
  });
  assert.deepEqual(failures(wrong), ["tlog.body_mismatch", "signature.invalid"]);
  await assert.rejects(
    () => verifyBundle(made.bundle, { publicKey: "not a key" }),
    (e) => isVouchError(e) && e.code === "key.malformed",
  );
});

Deno.test("verifyBundle: a key and an identity policy at once are refused, whatever the bundle", async () => {
  // The suite's managed-key-and-client-identity case: never verify against one and drop the other.
  const key = await makeKey("P-256");
  const both = { ...keyless, publicKey: pem("PUBLIC KEY", key.spki) };
  assert.deepEqual(failures(await verify({ publicKey: key }, both)), ["identity.policy_conflict"]);
  const keylessBundle = await verify({}, both);
  assert.deepEqual(failures(keylessBundle), ["identity.policy_conflict"]);
  assert.equal(keylessBundle.verified, false);
  assert.equal(keylessBundle.signer, undefined);
});

Deno.test("verifyBundle: the signing certificate must be a Sigstore leaf from a trusted CA", async () => {
  const key = await makeKey("P-256");
  const base = leafExtensions(key.spki, stack);
  const withoutEku = base.filter((e) => e.oid !== "2.5.29.37");
  assert.deepEqual(failures(await verify({ leaf: { key, extensions: withoutEku } })), [
    "certificate.profile",
  ]);
  const ca = [...base, X.basicConstraints(true)];
  assert.deepEqual(failures(await verify({ leaf: { key, extensions: ca } })), [
    "certificate.profile",
  ]);
  const critical = [...base, { oid: "1.2.3.4.5", critical: true, value: new Uint8Array([5, 0]) }];
  assert.deepEqual(failures(await verify({ leaf: { key, extensions: critical } })), [
    "certificate.profile",
  ]);
  // A leaf issued by another CA (logged in the trusted logs): no path to the trusted root.
  const foreign = await verify({ leaf: { issuer: await foreignIssuer() } });
  assert.deepEqual(failures(foreign), ["certificate.chain_invalid"]);
  // The EKU chain: a leaf without codeSigning is refused even if the CA would allow it.
  const timestamping = [...withoutEku, X.extKeyUsage(false, OIDS.timeStamping)];
  assert.deepEqual(failures(await verify({ leaf: { key, extensions: timestamping } })), [
    "certificate.profile",
  ]);
});

Deno.test("verifyBundle: a Fulcio extension that is not one DER string fails; an unreadable issuer is never the legacy one", async () => {
  // sigstore-go's ParseExtensions refuses the certificate ("unexpected trailing bytes in
  // DER-encoded string"); reading .1.8 as absent made the legacy .1.1 the issuer.
  const key = await makeKey("P-256");
  const evil = X.fulcio(8, "https://evil.example").value;
  const replaced = (arc: number, value: Uint8Array) =>
    leafExtensions(key.spki, stack).map((e) =>
      e.oid === `1.3.6.1.4.1.57264.1.${arc}` ? { ...e, value } : e
    );
  const trailing = replaced(8, new Uint8Array([...evil, 0]));
  assert.deepEqual(failures(await verify({ leaf: { key, extensions: trailing } })), [
    "certificate.profile",
    "identity.issuer_mismatch",
  ]);
  const raw = replaced(8, new TextEncoder().encode(ISSUER));
  assert.deepEqual(failures(await verify({ leaf: { key, extensions: raw } })), [
    "certificate.profile",
    "identity.issuer_mismatch",
  ]);
  const ref = replaced(14, new TextEncoder().encode("refs/tags/v1.0.0"));
  assert.deepEqual(failures(await verify({ leaf: { key, extensions: ref } })), [
    "certificate.profile",
  ]);
});

Deno.test("verifyBundle: SCTs: a tampered SCT fails, a missing one fails", async () => {
  assert.deepEqual(failures(await verify({ leaf: { tamperSct: true } })), ["sct.invalid"]);
  assert.deepEqual(failures(await verify({ leaf: { noSct: true } })), ["sct.missing"]);
  assert.deepEqual(
    failures(await verify({ leaf: { sctExtensions: new Uint8Array([0, 0, 5, 1, 2, 3, 4, 5]) } })),
    [],
  );
});

Deno.test("verifyBundle: signing times must be verified and inside the certificate's validity", async () => {
  const late = new Date(stack.now.getTime() + 60 * 60_000);
  const later = { now: new Date(late.getTime() + 60_000) };
  assert.deepEqual(failures(await verify({ integratedTime: late }, later)), [
    "time.outside_certificate",
  ]);
  assert.deepEqual(
    failures(await verify({ rekor: "v2", timestamp: { time: late } }, later)),
    ["time.outside_certificate"],
  );
  // Rekor v2 gives no time: without a timestamp there is no verified time.
  assert.deepEqual(failures(await verify({ rekor: "v2", timestamp: false })), [
    "time.none_verified",
  ]);
  // Rekor v1 without a promise (v0.2+) and without a timestamp: no verified time.
  assert.deepEqual(failures(await verify({ version: "0.2", noPromise: true })), [
    "time.none_verified",
  ]);
  // A time in the future of `now` fails (beyond the clock skew tolerance).
  const past = new Date(stack.now.getTime() - 60 * 60_000);
  assert.deepEqual(failures(await verify({}, { now: past })), ["tlog.time_in_future"]);
  assert.deepEqual(failures(await verify({ rekor: "v2" }, { now: past })), [
    "timestamp.in_future",
  ]);
});

Deno.test("verifyBundle: transparency-log entries are verified in full", async () => {
  assert.deepEqual(failures(await verify({ rekor: "none" })), ["tlog.required"]);
  assert.deepEqual(
    failures(
      await verify({}, {}, (b: Json) => (b.verificationMaterial.tlogEntries[0].logIndex = "1006")),
    ),
    ["tlog.set_invalid", "time.none_verified"],
  );
  const forged = await makeKey("P-256");
  assert.deepEqual(failures(await verify({ checkpoint: { signingKey: forged } })), [
    "tlog.checkpoint_invalid",
  ]);
  assert.deepEqual(failures(await verify({ checkpoint: { origin: "other.log - 1" } })), [
    "tlog.checkpoint_invalid",
  ]);
  assert.deepEqual(
    failures(
      await verify({}, {}, (b: Json) => {
        const proof = b.verificationMaterial.tlogEntries[0].inclusionProof;
        proof.hashes = [...proof.hashes].reverse();
      }),
    ),
    ["tlog.inclusion_invalid"],
  );
  assert.deepEqual(
    failures(
      await verify({
        body: (body: Json) => ({
          ...body,
          spec: { ...body.spec, data: { hash: { algorithm: "sha256", value: "00".repeat(32) } } },
        }),
      }),
    ),
    ["tlog.body_mismatch"],
  );
  // An entry of a log the trusted root does not list.
  assert.deepEqual(
    failures(
      await verify(
        {},
        {},
        (
          b: Json,
        ) => (b.verificationMaterial.tlogEntries[0].logId.keyId = b64(sha256(new Uint8Array(1)))),
      ),
    ),
    ["tlog.unknown_log", "time.none_verified"],
  );
});

Deno.test("verifyBundle: RFC 3161 timestamps are verified against the trusted TSAs", async () => {
  const other = await makeKey("P-256");
  assert.deepEqual(
    failures(await verify({ rekor: "v2", timestamp: { signature: new Uint8Array(8) } })),
    ["timestamp.imprint_mismatch", "time.none_verified"],
  );
  assert.deepEqual(
    failures(await verify({ rekor: "v2", timestamp: { signingKey: other } })),
    ["timestamp.signature_invalid", "time.none_verified"],
  );
  assert.deepEqual(
    failures(await verify({ rekor: "v2", timestamp: { certHash: new Uint8Array(32) } })),
    ["timestamp.untrusted", "time.none_verified"],
  );
  assert.deepEqual(
    failures(await verify({ rekor: "v2", timestamp: { status: 2 } })),
    ["timestamp.malformed", "time.none_verified"],
  );
});

Deno.test("verifyBundle: bundle files: bytes are read as bounded JSON", async () => {
  const made = await makeBundle(stack, {});
  const bytes = new TextEncoder().encode(JSON.stringify(made.bundle));
  const result = await verifyBundle(bytes, {
    artifact: { bytes: made.artifact },
    trustedRoot: root,
    now: stack.now,
    ...keyless,
  });
  assert.equal(result.verified, true);
  for (
    const [text, code] of [
      ["{", "bundle.json"],
      ["[".repeat(100) + "]".repeat(100), "bundle.json"],
      ["{}", "bundle.media_type"],
    ]
  ) {
    const bad = await verifyBundle(new TextEncoder().encode(text), keyless);
    assert.deepEqual(failures(bad), [code], text.slice(0, 10));
  }
  assert.deepEqual(failures(await verifyBundle(new Uint8Array([0xff, 0xfe]), keyless)), [
    "bundle.json",
  ]);
});

Deno.test("verifyBundle: an embedded chain certificate is never trusted, a root in it is refused; a v0.3 bundle may not carry a chain", async () => {
  const made = await makeBundle(stack, { version: "0.2" });
  const chain = (made.bundle as Json).verificationMaterial.x509CertificateChain.certificates;
  chain.push({ rawBytes: b64(stack.ca.intermediate) });
  const verifyMade = () =>
    verifyBundle(made.bundle, {
      artifact: { bytes: made.artifact },
      trustedRoot: root,
      now: stack.now,
      ...keyless,
    });
  assert.deepEqual(failures(await verifyMade()), []);
  // Signers must not include a root CA (the suite's bundle-with-root-cert_fail): refused,
  // even the trusted root's own.
  chain.push({ rawBytes: b64(stack.ca.root) });
  const withRoot = await verifyMade();
  assert.deepEqual(failures(withRoot), ["certificate.root_in_bundle"]);
  assert.match(withRoot.checks.find((c) => !c.ok)!.message, /certificate 2 of the bundle's chain/);
  // A chain of CA certificates the trusted root does not list: carried in the bundle, still not trusted.
  const other = await makeStack(stack.now);
  const foreign = await makeBundle(stack, {
    version: "0.2",
    leaf: {
      issuer: {
        cert: other.ca.intermediate,
        key: other.ca.intermediateKey,
        name: other.ca.intermediateName,
      },
    },
  });
  (foreign.bundle as Json).verificationMaterial.x509CertificateChain.certificates.push(
    { rawBytes: b64(other.ca.intermediate) },
    { rawBytes: b64(other.ca.root) },
  );
  const untrusted = await verifyBundle(foreign.bundle, {
    artifact: { bytes: foreign.artifact },
    trustedRoot: root,
    now: stack.now,
    ...keyless,
  });
  assert.deepEqual(failures(untrusted), [
    "certificate.root_in_bundle",
    "certificate.chain_invalid",
  ]);
  const v03 = await makeBundle(stack, { version: "0.3" });
  const material = (v03.bundle as Json).verificationMaterial;
  material.x509CertificateChain = { certificates: [material.certificate] };
  delete material.certificate;
  const refused = await verifyBundle(v03.bundle, {
    artifact: { bytes: v03.artifact },
    trustedRoot: root,
    now: stack.now,
    ...keyless,
  });
  assert.deepEqual(failures(refused), ["bundle.version_rules"]);
});

Deno.test("verifyBundle: a key-signed bundle needs no verified time: its entry's inclusion proof suffices", async () => {
  const key = await makeKey("P-256");
  // Rekor v2 without a timestamp, Rekor v1 without a promise (the suite's
  // intoto-canonical-log-entry shape), no log at all.
  for (
    const options of [
      { rekor: "v2", timestamp: false },
      { rekor: "v2" },
      { noPromise: true },
      { content: "dsse", dsseKind: "intoto", noPromise: true },
      { rekor: "none", timestamp: false },
    ] as BundleOptions[]
  ) {
    const result = await verify({ publicKey: key, ...options });
    assert.deepEqual(failures(result), [], JSON.stringify(options));
    assert.equal(result.verified, true);
    // A Rekor v1 entry's global log index is signed only by its inclusion promise (its
    // inclusion proof is of a shard): without one it is reported as the bundle's word.
    assert.deepEqual(
      result.logEntries.map((e) => e.logIndexBound),
      options.rekor === "none" ? [] : [options.rekor === "v2"],
      JSON.stringify(options),
    );
  }
  // The entry itself must still verify: a forged checkpoint or another log fails.
  const forged = await makeKey("P-256");
  assert.deepEqual(
    failures(await verify({ publicKey: key, rekor: "v2", checkpoint: { signingKey: forged } })),
    ["tlog.checkpoint_invalid"],
  );
  // A keyless bundle still needs one.
  assert.deepEqual(failures(await verify({ rekor: "v2", timestamp: false })), [
    "time.none_verified",
  ]);
});

Deno.test("verifyBundle: a DSSE envelope logged as hashedrekord binds the PAE's digest and the envelope signature", async () => {
  const key = await makeKey("P-256");
  // Rekor v1 (hashedrekord 0.0.1, the suite's dsse-with-hashedrekord cases) and v2 (0.0.2).
  for (const rekor of ["v1", "v2"] as const) {
    for (const publicKey of [undefined, key]) {
      const result = await verify({ content: "dsse", dsseKind: "hashedrekord", rekor, publicKey });
      assert.deepEqual(failures(result), [], `${rekor} ${publicKey ? "key" : "keyless"}`);
      assert.equal(result.logEntries[0].kind, `hashedrekord 0.0.${rekor === "v1" ? 1 : 2}`);
      assert.equal(result.logEntries[0].logIndexBound, true, "a promise (v1) or one tree (v2)");
    }
  }
  const leafKey = await makeKey("P-256");
  const base = { content: "dsse", dsseKind: "hashedrekord", leaf: { key: leafKey } } as const;
  const envelope = (b: Json) => b.dsseEnvelope;
  const resign = async (b: Json, signer: typeof leafKey, payload?: Uint8Array) => {
    const env = envelope(b);
    if (payload !== undefined) env.payload = b64(payload);
    const bytes = Uint8Array.from(atob(env.payload), (c) => c.charCodeAt(0));
    env.signatures[0].sig = b64(await sign(signer, pae(env.payloadType, bytes)));
  };
  // Another key's signature over the same envelope (dsse-with-hashedrekord-invalid-sig).
  const other = await makeKey("P-256");
  const made = await makeBundle(stack, base);
  await resign(made.bundle, other);
  assert.deepEqual(failures(await verifyMade(made)), ["tlog.body_mismatch", "signature.invalid"]);
  // Another statement signed by the same key (…-mismatch-envelope): valid alone, not the one logged.
  const envelopeSwap = await makeBundle(stack, base);
  const statement = JSON.parse(new TextDecoder().decode(statementFor(ARTIFACT)));
  statement.predicate = { note: "statement B" };
  await resign(envelopeSwap.bundle, leafKey, new TextEncoder().encode(JSON.stringify(statement)));
  const swapped = await verifyMade(envelopeSwap);
  assert.deepEqual(failures(swapped), ["tlog.body_mismatch"]);
  // Another valid signature by the same key over the same envelope (…-mismatch-sig): an ECDSA
  // signature (r, s) has a twin (r, n − s); WebCrypto here signs deterministically.
  const sigSwap = await makeBundle(stack, base);
  const env = envelope(sigSwap.bundle);
  const raw = new Uint8Array(
    await crypto.subtle.sign(
      { name: "ECDSA", hash: "SHA-256" },
      leafKey.privateKey,
      pae(
        env.payloadType,
        Uint8Array.from(atob(env.payload), (c) => c.charCodeAt(0)),
      ) as Uint8Array<
        ArrayBuffer
      >,
    ),
  );
  const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
  const s = BigInt(`0x${toHex(raw.subarray(32))}`);
  const twin = Uint8Array.from(
    (n - s).toString(16).padStart(64, "0").match(/../g)!,
    (h) => parseInt(h, 16),
  );
  env.signatures[0].sig = b64(ecdsaRawToDer(Uint8Array.of(...raw.subarray(0, 32), ...twin)));
  assert.notEqual(env.signatures[0].sig, b64(ecdsaRawToDer(raw)));
  assert.deepEqual(failures(await verifyMade(sigSwap)), ["tlog.body_mismatch"]);
  // The logged digest must be the PAE's, not the payload's, even when the signature matches.
  for (const rekor of ["v1", "v2"] as const) {
    const payloadDigest = await verify({
      ...base,
      rekor,
      body: (body: Json) => {
        const text = JSON.stringify(body);
        const made = JSON.parse(text);
        const statementBytes = statementFor(ARTIFACT);
        if (rekor === "v1") made.spec.data.hash.value = toHex(sha256(statementBytes));
        else made.spec.hashedRekordV002.data.digest = b64(sha256(statementBytes));
        return made;
      },
    });
    assert.deepEqual(failures(payloadDigest), ["tlog.body_mismatch"], rekor);
    assert.match(payloadDigest.checks.find((c) => !c.ok)!.message, /PAE/);
  }
});

async function verifyMade(
  made: Awaited<ReturnType<typeof makeBundle>>,
  options: VerifyBundleOptions = {},
): Promise<BundleVerification> {
  return await verifyBundle(made.bundle, {
    artifact: { bytes: made.artifact },
    trustedRoot: root,
    now: stack.now,
    ...keyless,
    ...options,
  });
}

Deno.test("verifyBundle: a log entry swapped in from another signing is refused (CVE-2022-36056)", async () => {
  // Two valid signings of the same artifact; the second's entry (valid in itself: promise, proof)
  // put into the first bundle must not verify it.
  for (
    const options of [{}, { version: "0.1" }, { rekor: "v2" }, {
      content: "dsse",
    }] as BundleOptions[]
  ) {
    const first = await makeBundle(stack, options);
    const second = await makeBundle(stack, options);
    assert.deepEqual(failures(await verifyMade(first)), []);
    (first.bundle as Json).verificationMaterial.tlogEntries =
      (second.bundle as Json).verificationMaterial.tlogEntries;
    assert.deepEqual(
      failures(await verifyMade(first)),
      ["tlog.body_mismatch"],
      JSON.stringify(options),
    );
  }
  // Key-signed: an entry of another key's signing.
  const key = await makeKey("P-256");
  const other = await makeKey("P-256");
  const mine = await makeBundle(stack, { publicKey: key });
  const theirs = await makeBundle(stack, { publicKey: other });
  (mine.bundle as Json).verificationMaterial.tlogEntries =
    (theirs.bundle as Json).verificationMaterial.tlogEntries;
  assert.deepEqual(
    failures(
      await verifyMade(mine, { identity: undefined, publicKey: pem("PUBLIC KEY", key.spki) }),
    ),
    ["tlog.body_mismatch"],
  );
});

Deno.test("verifyBundle: every timestamp must verify and lie in the certificate's validity", async () => {
  // The suite's rekor2-multiple-timestamps-one-outside-cert-validity: a second, valid timestamp
  // over the same signature, made after the certificate expired.
  const late = new Date(stack.now.getTime() + 60 * 60_000);
  const made = await makeBundle(stack, { rekor: "v2" });
  const signature = Uint8Array.from(
    atob((made.bundle as Json).messageSignature.signature),
    (c) => c.charCodeAt(0),
  );
  const lateStamp = await makeTimestamp(stack.tsa, { signature, time: late });
  (made.bundle as Json).verificationMaterial.timestampVerificationData.rfc3161Timestamps.push({
    signedTimestamp: b64(lateStamp),
  });
  const result = await verifyMade(made, { now: new Date(late.getTime() + 60_000) });
  assert.deepEqual(failures(result), ["time.outside_certificate"]);
  // A second timestamp that does not verify fails the bundle too, though the first one does.
  const bad = await makeBundle(stack, { rekor: "v2" });
  const forged = await makeTimestamp(stack.tsa, {
    signature,
    time: stack.now,
    signingKey: await makeKey("P-256"),
  });
  (bad.bundle as Json).verificationMaterial.timestampVerificationData.rfc3161Timestamps.push({
    signedTimestamp: b64(forged),
  });
  assert.deepEqual(failures(await verifyMade(bad)), ["timestamp.imprint_mismatch"]);
});

Deno.test("verifyBundle: a log proven by its inclusion proof alone must be valid at the verified timestamps", async () => {
  // A Rekor v2 entry (or a v1 entry without its promise) carries no signed time: its
  // integratedTime, if any, is the bundle's word. The log key's window is checked at the
  // RFC 3161 times instead, so a retired (or not yet valid) log key proves nothing signed then.
  const day = 24 * 60 * 60_000;
  const windowed = (validFor: Json) =>
    loadTrustedRoot(trustedRootJson(stack, (r: Json) => {
      for (const log of r.tlogs) log.publicKey.validFor = validFor;
    }));
  const retired = windowed({
    start: new Date(stack.now.getTime() - 2 * day).toISOString(),
    end: new Date(stack.now.getTime() - day).toISOString(),
  });
  const future = windowed({ start: new Date(stack.now.getTime() + day).toISOString() });
  const stale = { integratedTime: new Date(stack.now.getTime() - 1.5 * day) };
  const key = await makeKey("P-256");
  for (
    const options of [
      { rekor: "v2" },
      { rekor: "v2", content: "dsse" },
      { noPromise: true, timestamp: true },
      { rekor: "v2", publicKey: key },
    ] as BundleOptions[]
  ) {
    const signer = options.publicKey === undefined
      ? {}
      : { identity: undefined, publicKey: pem("PUBLIC KEY", key.spki) };
    for (const trustedRoot of [retired, future]) {
      const made = await makeBundle(stack, options);
      // An integratedTime inside the window, unsigned, changes nothing.
      const entry = (made.bundle as Json).verificationMaterial.tlogEntries[0];
      entry.integratedTime = String(Math.floor(stale.integratedTime.getTime() / 1000));
      assert.deepEqual(
        failures(await verifyMade(made, { trustedRoot, ...signer })),
        ["tlog.unknown_log"],
        JSON.stringify(options),
      );
    }
    assert.deepEqual(failures(await verifyMade(await makeBundle(stack, options), signer)), []);
  }
  // An inclusion promise vouches for its own time: the window is checked there, as before.
  assert.deepEqual(
    failures(await verifyMade(await makeBundle(stack, stale), { trustedRoot: retired })),
    ["time.outside_certificate"],
  );
});

Deno.test("verifyBundle: authorities without certificates lend no validity window", async () => {
  // The suite's rekor2-timestamp-wrong-tsa-validity-borrow: the TSA that signed is out of its
  // window; an unrelated TSA entry without certificates covers the time.
  const now = stack.now.getTime();
  const around = {
    start: new Date(now - 60_000).toISOString(),
    end: new Date(now + 60_000).toISOString(),
  };
  const text = trustedRootJson(stack, (r: Json) => {
    r.timestampAuthorities[0].validFor = {
      start: new Date(now - 120_000).toISOString(),
      end: around.start,
    };
    r.timestampAuthorities.push({
      uri: "https://unrelated.tsa",
      certChain: { certificates: [] },
      validFor: around,
    });
    r.certificateAuthorities.unshift({
      uri: "https://unrelated.ca",
      certChain: { certificates: [] },
      validFor: around,
    });
  });
  const borrowed = loadTrustedRoot(text);
  const made = await makeBundle(stack, { rekor: "v2" });
  assert.deepEqual(failures(await verifyMade(made, { trustedRoot: borrowed })), [
    "timestamp.untrusted",
    "time.none_verified",
  ]);
  // The certificate-less CA entry breaks nothing: a Rekor v1 bundle still verifies.
  assert.deepEqual(
    failures(await verifyMade(await makeBundle(stack, {}), { trustedRoot: borrowed })),
    [],
  );
});

Deno.test("verifyBundle: issuers are chosen by key and signature, never by name alone", async () => {
  // The suite's sct-duplicate-intermediate-name: a decoy CA with the intermediate's exact name
  // and another key; the SCT's issuer key hash must come from the verified chain.
  const decoyKey = await makeKey("P-384");
  const from = new Date(stack.now.getTime() - 365 * 24 * 3600_000);
  const to = new Date(stack.now.getTime() + 365 * 24 * 3600_000);
  for (const withKeyId of [true, false]) {
    const decoy = await signCertificate(
      tbsCertificate({
        serial: 9,
        issuer: stack.ca.intermediateName,
        subject: stack.ca.intermediateName,
        notBefore: from,
        notAfter: to,
        spki: decoyKey.spki,
        extensions: [
          X.keyUsage("keyCertSign", "cRLSign"),
          X.basicConstraints(true, 0),
          ...(withKeyId ? [X.subjectKeyId(decoyKey.spki)] : []),
        ],
        signer: decoyKey,
      }),
      decoyKey,
    );
    const roots = [
      // Its own authority, listed before the genuine one.
      trustedRootJson(stack, (r: Json) =>
        r.certificateAuthorities.unshift({
          uri: "https://decoy.fulcio",
          certChain: { certificates: [{ rawBytes: b64(decoy) }] },
          validFor: { start: from.toISOString() },
        })),
      // Inside the genuine authority's chain, first.
      trustedRootJson(
        stack,
        (r: Json) =>
          r.certificateAuthorities[0].certChain.certificates.unshift({ rawBytes: b64(decoy) }),
      ),
    ];
    for (const [i, text] of roots.entries()) {
      const result = await verifyMade(await makeBundle(stack, {}), {
        trustedRoot: loadTrustedRoot(text),
      });
      assert.deepEqual(
        failures(result),
        [],
        `decoy ${withKeyId ? "with" : "without"} key id, root ${i}`,
      );
    }
  }
});
