// Independent check: npm @sigstore/verify (sigstore-js) gives the same verdict
// as vouch, case by case, on every conformance bundle and on bundles of the
// test instance (keyless and key-signed, valid and broken).
import assert from "node:assert/strict";
import { verifyBundle } from "../../src/sigstore/verifier.ts";
import { loadTrustedRoot } from "../../src/sigstore/trust_root.ts";
import { PUBLIC_GOOD_TRUSTED_ROOT_JSON } from "../../src/sigstore/public_good_trusted_root.ts";
import { sigstoreMockBundle, sigstoreVerdict } from "../_sigstore.ts";
import { skipWithoutShared } from "../_util.ts";
import { conformanceCases } from "./_conformance.ts";
import {
  b64,
  type BundleOptions,
  IDENTITY,
  ISSUER,
  makeBundle,
  makeKey,
  makeStack,
  pem,
  sha256,
  trustedRootJson,
} from "./_stack.ts";

function spkiOfPem(text: string): Uint8Array {
  return Uint8Array.from(atob(text.replace(/-----[^-]+-----|\s/g, "")), (c) => c.charCodeAt(0));
}

Deno.test("interop: sigstore-js and vouch agree on every conformance case", async () => {
  if (skipWithoutShared("the conformance cases for the sigstore-js cross-check")) return;
  const disagreements: string[] = [];
  for (const c of conformanceCases()) {
    const bundle = JSON.parse(await Deno.readTextFile(c.bundle));
    const artifact = await Deno.readFile(c.artifact);
    const rootJson = c.trustedRoot === undefined
      ? PUBLIC_GOOD_TRUSTED_ROOT_JSON
      : await Deno.readTextFile(c.trustedRoot);
    const key = c.key === undefined ? undefined : await Deno.readTextFile(c.key);
    const theirs = sigstoreVerdict(bundle, {
      artifact,
      trustedRootJson: rootJson,
      ...(key === undefined
        ? { identity: { san: c.identity, issuer: c.issuer } }
        : { publicKey: { spkiDer: spkiOfPem(key), algorithm: "ecdsa-p256" as const } }),
    });
    const ours = await verifyBundle(bundle, {
      artifact: { bytes: artifact },
      trustedRoot: loadTrustedRoot(rootJson),
      ...(key === undefined
        ? { identity: { subjectAlternativeName: c.identity, issuer: c.issuer } }
        : { publicKey: key }),
    });
    if (theirs.ok !== ours.verified || ours.verified !== c.expectVerified) {
      disagreements.push(
        `${c.name}: sigstore-js ${theirs.ok}, vouch ${ours.verified}, expected ${c.expectVerified}`,
      );
    }
  }
  assert.deepEqual(disagreements, []);
});

Deno.test("interop: sigstore-js and vouch agree on the test instance's bundles, valid and broken", async () => {
  const stack = await makeStack(new Date());
  const rootJson = trustedRootJson(stack);
  const root = loadTrustedRoot(rootJson);
  const key = await makeKey("P-256");
  const forged = await makeKey("P-256");
  const scenarios: [string, BundleOptions, boolean][] = [];
  for (const content of ["message", "dsse"] as const) {
    for (const rekor of ["v1", "v2"] as const) {
      for (const version of ["0.1", "0.2", "0.3"] as const) {
        if (rekor === "v2" && version === "0.1") continue;
        scenarios.push([
          `${content} ${rekor} v${version} keyless`,
          { content, rekor, version },
          true,
        ]);
        scenarios.push([`${content} ${rekor} v${version} key`, {
          content,
          rekor,
          version,
          publicKey: key,
        }, true]);
      }
    }
    scenarios.push([`${content} key, no log entry`, {
      content,
      rekor: "none",
      publicKey: key,
      timestamp: false,
    }, true]);
    scenarios.push([`${content} tampered SCT`, { content, leaf: { tamperSct: true } }, false]);
    scenarios.push([
      `${content} forged checkpoint`,
      { content, checkpoint: { signingKey: forged } },
      false,
    ]);
    scenarios.push([`${content} forged timestamp`, {
      content,
      rekor: "v2",
      timestamp: { signingKey: forged },
    }, false]);
    scenarios.push([`${content} timestamp over another signature`, {
      content,
      rekor: "v2",
      timestamp: { signature: new Uint8Array(8) },
    }, false]);
    scenarios.push([`${content} Rekor v2 without timestamp`, {
      content,
      rekor: "v2",
      timestamp: false,
    }, false]);
    scenarios.push([`${content} entry of another signature`, {
      content,
      body: (body) =>
        JSON.parse(
          JSON.stringify(body).replace(
            /"(content|signature)":"[^"]+"/,
            `"$1":"${b64(new Uint8Array(70))}"`,
          ),
        ),
    }, false]);
  }
  const disagreements: string[] = [];
  for (const [name, options, expected] of scenarios) {
    const made = await makeBundle(stack, options);
    const theirs = sigstoreVerdict(made.bundle, {
      artifact: made.artifact,
      trustedRootJson: rootJson,
      ...(options.publicKey === undefined ? { identity: { san: IDENTITY, issuer: ISSUER } } : {
        publicKey: { spkiDer: options.publicKey.spki, algorithm: "ecdsa-p256" as const },
        tlogThreshold: options.rekor === "none" ? 0 : 1,
      }),
    });
    const ours = await verifyBundle(made.bundle, {
      artifact: { bytes: made.artifact },
      trustedRoot: root,
      ...(options.publicKey === undefined
        ? { identity: { subjectAlternativeName: IDENTITY, issuer: ISSUER } }
        : { publicKey: pem("PUBLIC KEY", options.publicKey.spki) }),
    });
    if (theirs.ok !== ours.verified || ours.verified !== expected) {
      const why = theirs.ok ? "" : ` (${theirs.error})`;
      const codes = ours.checks.filter((c) => !c.ok).map((c) => c.code).join(", ");
      disagreements.push(
        `${name}: sigstore-js ${theirs.ok}${why}, vouch ${ours.verified} [${codes}], expected ${expected}`,
      );
    }
  }
  assert.ok(scenarios.length >= 30);
  assert.deepEqual(disagreements, []);
  // The key id vouch reports is the bundle's cosign hint.
  const keyed = await makeBundle(stack, { publicKey: key });
  const result = await verifyBundle(keyed.bundle, {
    artifact: { bytes: keyed.artifact },
    trustedRoot: root,
    publicKey: pem("PUBLIC KEY", key.spki),
  });
  assert.deepEqual(result.signer, { type: "publicKey", keyId: b64(sha256(key.spki)) });
});

Deno.test("interop: a bundle made by sigstore-js's mock Sigstore services verifies with both", async () => {
  const mock = await sigstoreMockBundle();
  const theirs = sigstoreVerdict(mock.bundle, {
    artifact: mock.artifact,
    trustedRootJson: mock.trustedRootJson,
    identity: mock.identity,
  });
  const ours = await verifyBundle(mock.bundle, {
    artifact: { bytes: mock.artifact },
    trustedRoot: loadTrustedRoot(mock.trustedRootJson),
    identity: { subjectAlternativeName: mock.identity.san, issuer: mock.identity.issuer },
  });
  assert.deepEqual(ours.checks.filter((c) => !c.ok), []);
  assert.equal(ours.verified, true);
  assert.deepEqual(theirs, { ok: true });
  assert.deepEqual(ours.times.map((t) => t.source).sort(), [
    "timestamp-authority",
    "transparency-log",
  ]);
});
