// Test-only wrapper around sigstore-js, the independent verifier used by the
// interop tests. The only module that imports these npm packages.
// deno-lint-ignore-file no-import-prefix
import { Buffer } from "node:buffer";
import nodeCrypto from "node:crypto";
import { bundleFromJSON } from "npm:@sigstore/bundle@5.0.1";
import { toSignedEntity, toTrustMaterial, Verifier } from "npm:@sigstore/verify@4.1.3";

// Deno's node:crypto has no default digest for EC keys: `crypto.verify(null, data, ecKey, sig)`
// throws "no default digest" where Node (OpenSSL) uses SHA-256. @sigstore/core verifies DSSE
// signatures exactly that way, so under Deno every ECDSA bundle would fail. Fill in OpenSSL's
// default (SHA-256 for EC) and change nothing else; under Node this shim is a no-op.
const nodeVerify = nodeCrypto.verify;
const patched = ((algorithm, data, key, signature, callback) => {
  const ecKey = !algorithm && typeof key === "object" && key !== null &&
    (key as nodeCrypto.KeyObject).asymmetricKeyType === "ec";
  return nodeVerify(ecKey ? "sha256" : algorithm, data, key, signature, callback!);
}) as typeof nodeCrypto.verify;
(nodeCrypto as { verify: typeof nodeCrypto.verify }).verify = patched;

/** The protobuf-specs `PublicKeyDetails` values sigstore-js knows for our key types. */
const KEY_DETAILS = { "ed25519": 7, "ecdsa-p256": 5 } as const; // PKIX_ED25519, PKIX_ECDSA_P256_SHA_256

/**
 * Verifies a Sigstore bundle (parsed JSON) with sigstore-js, trusting one public
 * key under `hint` and requiring no transparency log, CT log or timestamp.
 * Throws sigstore-js's own error when verification fails.
 *
 * @param bundleJson The bundle as parsed JSON.
 * @param options `spkiDer`: the trusted public key; `hint`: the key id it is known by;
 *   `algorithm`: its type.
 */
export function sigstoreVerifyBundle(
  bundleJson: unknown,
  options: { spkiDer: Uint8Array; hint: string; algorithm: "ed25519" | "ecdsa-p256" },
): void {
  const bundle = bundleFromJSON(bundleJson);
  const trust = toTrustMaterial(
    { certificateAuthorities: [], timestampAuthorities: [], tlogs: [], ctlogs: [] } as never,
    {
      [options.hint]: {
        rawBytes: Buffer.from(options.spkiDer),
        keyDetails: KEY_DETAILS[options.algorithm],
      },
    } as never,
  );
  const verifier = new Verifier(trust, {
    tlogThreshold: 0,
    ctlogThreshold: 0,
    timestampThreshold: 0,
  });
  verifier.verify(toSignedEntity(bundle));
}
