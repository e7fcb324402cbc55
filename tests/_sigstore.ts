// Test-only wrapper around sigstore-js, the independent verifier (@sigstore/verify),
// signer (@sigstore/sign) and mock Sigstore services (@sigstore/mock) used by the interop
// tests. The only module that imports these npm packages. @sigstore/sign 5.1.0 depends on the same @sigstore/bundle 5.0.1,
// @sigstore/core 4.x and @sigstore/protobuf-specs 0.5.2 as @sigstore/verify 4.1.3.
// deno-lint-ignore-file no-import-prefix
import { Buffer } from "node:buffer";
import nodeCrypto from "node:crypto";
import { bundleFromJSON, bundleToJSON } from "npm:@sigstore/bundle@5.0.1";
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  rekorV2Handler,
  tsaHandler,
} from "npm:@sigstore/mock@0.13.0";
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

/** @sigstore/mock's service initializers and request handlers, for the local Sigstore stack (tests/sigstore/_mock_stack.ts). */
export const sigstoreMock = {
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  fulcioHandler,
  rekorHandler,
  rekorV2Handler,
  tsaHandler,
};

/**
 * Sets a @sigstore/mock TSA's clock to whole seconds. Its times otherwise carry
 * milliseconds in DER's shortest form (`.84`), which sigstore-js's time parser
 * (exactly three fraction digits) refuses one time in ten or so; vouch reads both.
 *
 * @param tsa The TSA from `initializeTSA`.
 * @returns The same TSA.
 */
export function wholeSecondTsa<T>(tsa: T): T {
  (tsa as { getCurrentTime: () => Date }).getCurrentTime = () =>
    new Date(Math.floor(Date.now() / 1000) * 1000);
  return tsa;
}

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

/** The initialized @sigstore/mock services a trusted root is made from. */
export interface MockServices {
  /** The Rekor log's URL (its host is the checkpoints' signer name). */
  tlogUrl: string;
  /** The Rekor log. */
  tlog: { publicKey: ArrayBufferView };
  /** The Fulcio CA. */
  ca: { rootCertificate: ArrayBufferView };
  /** The CT log. */
  ctlog: { publicKey: ArrayBufferView; logID: ArrayBufferView };
  /** The TSA. */
  tsa: { intCertificate: ArrayBufferView; rootCertificate: ArrayBufferView };
}

const b64 = (bytes: ArrayBufferView) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");

/**
 * The trusted root of @sigstore/mock services, as a Sigstore client builds it:
 * the CA root certificate, the CT log key (log id: the CT log's `logID`), the
 * Rekor key (log id: SHA-256 of its SPKI DER) and the TSA chain (signing
 * certificate, then root), each valid from 2020.
 *
 * @param services The initialized services.
 * @returns The trusted root JSON text.
 */
export function mockTrustedRootJson(services: MockServices): string {
  const { tlog, ca, ctlog, tsa } = services;
  const start = "2020-01-01T00:00:00Z";
  const key = (rawBytes: ArrayBufferView) => ({
    rawBytes: b64(rawBytes),
    keyDetails: "PKIX_ECDSA_P256_SHA_256",
    validFor: { start },
  });
  const spki = Buffer.from(
    tlog.publicKey.buffer,
    tlog.publicKey.byteOffset,
    tlog.publicKey.byteLength,
  );
  return JSON.stringify(
    {
      mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
      tlogs: [{
        baseUrl: services.tlogUrl,
        hashAlgorithm: "SHA2_256",
        publicKey: key(tlog.publicKey),
        logId: { keyId: nodeCrypto.createHash("sha256").update(spki).digest("base64") },
      }],
      certificateAuthorities: [{
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor: { start },
      }],
      ctlogs: [{
        baseUrl: "http://ctfe.mock",
        hashAlgorithm: "SHA2_256",
        publicKey: key(ctlog.publicKey),
        logId: { keyId: b64(ctlog.logID) },
      }],
      timestampAuthorities: [{
        certChain: {
          certificates: [{ rawBytes: b64(tsa.intCertificate) }, {
            rawBytes: b64(tsa.rootCertificate),
          }],
        },
        validFor: { start },
      }],
    },
    null,
    2,
  );
}

/** A keyless bundle made with @sigstore/mock's services, and what verifies it. */
export interface MockBundle {
  /** The bundle (protobuf JSON). */
  bundle: Record<string, unknown>;
  /** The signed artifact. */
  artifact: Uint8Array;
  /** The trusted root of the mock services, JSON text. */
  trustedRootJson: string;
  /** The certificate's identity and issuer. */
  identity: { san: string; issuer: string };
}

/**
 * Signs an artifact keyless with sigstore-js's mock services (@sigstore/mock):
 * a Fulcio CA with a CT log issues the certificate, a Rekor v1 log logs the
 * hashedrekord entry (inclusion promise and proof), a TSA timestamps the
 * signature; the bundle (v0.3) and the trusted root are assembled as a
 * Sigstore client does.
 *
 * @returns The bundle, the artifact, the trusted root and the identity.
 */
export async function sigstoreMockBundle(): Promise<MockBundle> {
  const keyPair = () => nodeCrypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const ctlog = await initializeCTLog(keyPair());
  const ca = await initializeCA(keyPair(), ctlog);
  const url = "http://127.0.0.1:3000";
  const tlog = await initializeTLog(url, keyPair());
  const tsa = wholeSecondTsa(await initializeTSA(keyPair()));
  const identity = {
    san: "https://github.com/mock/app/.github/workflows/release.yml@refs/tags/v1",
    issuer: "https://token.actions.githubusercontent.com",
  };
  const leafKey = keyPair();
  const cert = Buffer.from(
    await ca.issueCertificate({
      publicKey: new Uint8Array(leafKey.publicKey.export({ format: "der", type: "spki" })),
      subjectAltName: identity.san,
      extensions: [{ oid: "1.3.6.1.4.1.57264.1.8", value: identity.issuer }],
    }) as Uint8Array,
  );
  const artifact = Buffer.from("signed by the mock services\n");
  const digest = nodeCrypto.createHash("sha256").update(artifact).digest();
  const signature = nodeCrypto.sign("sha256", artifact, leafKey.privateKey);
  const pem = `-----BEGIN CERTIFICATE-----\n${
    cert.toString("base64").match(/.{1,64}/g)!.join("\n")
  }\n-----END CERTIFICATE-----\n`;
  const entries = await tlog.log({
    apiVersion: "0.0.1",
    kind: "hashedrekord",
    spec: {
      data: { hash: { algorithm: "sha256", value: digest.toString("hex") } },
      signature: {
        content: signature.toString("base64"),
        publicKey: { content: Buffer.from(pem).toString("base64") },
      },
    },
  });
  // deno-lint-ignore no-explicit-any
  const logged = Object.values(entries)[0] as any;
  const proof = logged.verification.inclusionProof;
  const timestamp = new Uint8Array(
    await tsa.timestamp({
      artifactHash: nodeCrypto.createHash("sha256").update(signature).digest(),
      hashAlgorithmOID: "2.16.840.1.101.3.4.2.1",
      nonce: 1,
      policyOID: "1.3.6.1.4.1.57264.2",
      certReq: true,
    }) as Uint8Array,
  );
  const bundle = {
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
    verificationMaterial: {
      certificate: { rawBytes: b64(cert) },
      tlogEntries: [{
        logIndex: String(logged.logIndex),
        logId: { keyId: b64(Buffer.from(logged.logID, "hex")) },
        kindVersion: { kind: "hashedrekord", version: "0.0.1" },
        integratedTime: String(logged.integratedTime),
        inclusionPromise: { signedEntryTimestamp: logged.verification.signedEntryTimestamp },
        inclusionProof: {
          logIndex: String(proof.logIndex),
          rootHash: b64(Buffer.from(proof.rootHash, "hex")),
          treeSize: String(proof.treeSize),
          hashes: proof.hashes,
          checkpoint: { envelope: proof.checkpoint },
        },
        canonicalizedBody: logged.body,
      }],
      timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: b64(timestamp) }] },
    },
    messageSignature: {
      messageDigest: { algorithm: "SHA2_256", digest: b64(digest) },
      signature: b64(signature),
    },
  };
  const trustedRootJson = mockTrustedRootJson({ tlogUrl: url, tlog, ca, ctlog, tsa });
  return { bundle, artifact: new Uint8Array(artifact), trustedRootJson, identity };
}
