// Test-only wrapper around sigstore-js, the independent verifier (@sigstore/verify) and
// signer (@sigstore/sign) used by the interop tests. The only module that imports these
// npm packages. @sigstore/sign 5.1.0 depends on the same @sigstore/bundle 5.0.1,
// @sigstore/core 4.x and @sigstore/protobuf-specs 0.5.2 as @sigstore/verify 4.1.3.
// deno-lint-ignore-file no-import-prefix
import { Buffer } from "node:buffer";
import nodeCrypto from "node:crypto";
import { bundleFromJSON, bundleToJSON } from "npm:@sigstore/bundle@5.0.1";
import { TrustedRoot } from "npm:@sigstore/protobuf-specs@0.5.2";
import { DSSEBundleBuilder } from "npm:@sigstore/sign@5.1.0";
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

/** Options of {@linkcode sigstoreSignDsse}. */
export interface SigstoreSignOptions {
  /** The signing key, PKCS#8 PEM (Ed25519 or ECDSA P-256). */
  privateKeyPem: string;
  /** Its SPKI PEM, handed to sigstore-js as the signer's key material. */
  publicKeyPem: string;
  /** The signer's key hint; omitted, sigstore-js writes none. */
  hint?: string;
  /** The DSSE payload type (default the in-toto one). */
  payloadType?: string;
}

/**
 * Signs a payload into a Sigstore bundle with sigstore-js's own DSSE bundle
 * builder (`@sigstore/sign`), using a key-based `Signer` and no witnesses (no
 * transparency log, no timestamp authority), and serializes it with
 * `@sigstore/bundle`'s `bundleToJSON`.
 *
 * @param payload The payload bytes.
 * @param options The key pair, the optional hint and payload type.
 * @returns The bundle in protobuf-JSON form, as sigstore-js writes it.
 */
export async function sigstoreSignDsse(
  payload: Uint8Array,
  options: SigstoreSignOptions,
): Promise<unknown> {
  const key = nodeCrypto.createPrivateKey(options.privateKeyPem);
  // Ed25519 signs the message itself; ECDSA needs the digest named (DER signature, as cosign).
  const digest = key.asymmetricKeyType === "ec" ? "sha256" : null;
  const signer = {
    sign: (data: Buffer) =>
      Promise.resolve({
        signature: nodeCrypto.sign(digest, data, key),
        key: {
          $case: "publicKey" as const,
          publicKey: options.publicKeyPem,
          ...(options.hint === undefined ? {} : { hint: options.hint }),
        },
      }),
  };
  const builder = new DSSEBundleBuilder({ signer, witnesses: [] });
  const bundle = await builder.create({
    data: Buffer.from(payload),
    type: options.payloadType ?? "application/vnd.in-toto+json",
  });
  return bundleToJSON(bundle);
}

/** What {@linkcode sigstoreVerdict} checks a bundle against. */
export interface SigstoreVerdictOptions {
  /** The artifact (message signatures; ignored for DSSE bundles, whose payload is verified). */
  artifact: Uint8Array;
  /** The trusted root, JSON text. */
  trustedRootJson: string;
  /** Keyless: the exact identity and issuer. */
  identity?: { san: string; issuer: string };
  /** Key-based: the SPKI DER and its type. */
  publicKey?: { spkiDer: Uint8Array; algorithm: "ed25519" | "ecdsa-p256" };
  /**
   * Key-based: how many log entries and timestamps must verify (default 1 and
   * 0: a key needs no signing time; vouch accepts key-signed bundles without
   * a log entry when the bundle has none).
   */
  tlogThreshold?: number;
}

/**
 * The verdict of sigstore-js (`@sigstore/verify`) on a bundle: verified with
 * the trusted root, sigstore-js's default thresholds (one log entry, one SCT
 * for certificates, one timestamp), and the identity (SAN as an anchored,
 * escaped pattern, issuer extension) or the key (under the bundle's hint).
 *
 * @param bundleJson The bundle as parsed JSON.
 * @param options The artifact, the trusted root and the identity or key.
 * @returns `{ ok: true }`, or `{ ok: false, error }` with sigstore-js's message.
 */
export function sigstoreVerdict(
  bundleJson: unknown,
  options: SigstoreVerdictOptions,
): { ok: true } | { ok: false; error: string } {
  try {
    const bundle = bundleFromJSON(bundleJson);
    const root = TrustedRoot.fromJSON(JSON.parse(options.trustedRootJson));
    const keys: Record<string, unknown> = {};
    if (options.publicKey !== undefined) {
      const material = (bundleJson as { verificationMaterial?: { publicKey?: { hint?: string } } })
        .verificationMaterial;
      keys[material?.publicKey?.hint ?? ""] = {
        rawBytes: Buffer.from(options.publicKey.spkiDer),
        keyDetails: KEY_DETAILS[options.publicKey.algorithm],
      };
    }
    const verifier = new Verifier(
      toTrustMaterial(root as never, keys as never),
      options.publicKey === undefined
        ? {}
        : { tlogThreshold: options.tlogThreshold ?? 1, timestampThreshold: 0, ctlogThreshold: 0 },
    );
    const policy = options.identity === undefined ? undefined : {
      subjectAlternativeName: `^${options.identity.san.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`,
      extensions: { issuer: options.identity.issuer },
    };
    verifier.verify(toSignedEntity(bundle, Buffer.from(options.artifact)), policy);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
