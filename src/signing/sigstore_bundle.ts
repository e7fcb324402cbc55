/**
 * Sigstore bundles (v0.3, protobuf-JSON form) for key-based DSSE signatures:
 * `verificationMaterial.publicKey.hint` names the key (vouch writes cosign's
 * convention, base64(SHA-256(SPKI DER)); read bundles may carry a free-form
 * hint or none), there are no transparency-log entries, and the
 * DSSE envelope carries exactly one signature. Such a bundle verifies with
 * `cosign verify-blob-attestation --bundle B --key K --insecure-ignore-tlog`
 * and with sigstore-js given the public key as trusted material.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { isRecord } from "../_util.ts";
import { isStandardBase64 } from "./_base64.ts";
import type { DsseEnvelope } from "./dsse.ts";

/** Media type of Sigstore bundle v0.3. */
export const SIGSTORE_BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

/** Bundle media types {@linkcode parseSigstoreBundle} accepts. */
export const ACCEPTED_BUNDLE_MEDIA_TYPES: readonly string[] = [
  SIGSTORE_BUNDLE_MEDIA_TYPE,
  "application/vnd.dev.sigstore.bundle+json;version=0.3",
  "application/vnd.dev.sigstore.bundle+json;version=0.2",
  "application/vnd.dev.sigstore.bundle+json;version=0.1",
];

/** RFC 3161 timestamps over the signature (protobuf `TimestampVerificationData`). */
export interface TimestampVerificationData {
  /** DER-encoded RFC 3161 timestamp responses, standard base64. */
  rfc3161Timestamps: { signedTimestamp: string }[];
}

/** The key-based verification material of a bundle. */
export interface VerificationMaterial {
  /**
   * Names the verifying key, or `""` when the bundle names none; never contains
   * the key itself and carries no trust.
   */
  publicKey: { hint: string };
  /** Transparency-log entries, kept as parsed (vouch writes none). */
  tlogEntries: Record<string, unknown>[];
  /** Optional signed timestamps. */
  timestampVerificationData?: TimestampVerificationData;
}

/** A Sigstore bundle holding a DSSE envelope signed with a known public key. */
export interface SigstoreBundle {
  /** The bundle media type. */
  mediaType: string;
  /** How to find and trust the verifying key. */
  verificationMaterial: VerificationMaterial;
  /** The signed envelope (exactly one signature). */
  dsseEnvelope: DsseEnvelope;
}

function malformed(reason: string): VouchError {
  return new VouchError(
    "bundle.malformed",
    `the Sigstore bundle is malformed: ${reason}`,
    "Pass a key-based Sigstore bundle v0.3 JSON file (verificationMaterial.publicKey and a DSSE envelope).",
  );
}

/**
 * Wraps a single-signature DSSE envelope in a Sigstore bundle v0.3.
 *
 * @param envelope The envelope; must have exactly one signature whose `keyid` equals `hint`.
 * @param options `hint`: the key id (base64(SHA-256(SPKI DER))); `rfc3161Timestamps`:
 *   optional base64 RFC 3161 timestamp tokens over the signature.
 * @returns The bundle, ready for `JSON.stringify`.
 */
export function toSigstoreBundle(
  envelope: DsseEnvelope,
  options: { hint: string; rfc3161Timestamps?: string[] },
): SigstoreBundle {
  if (envelope.signatures.length !== 1) {
    throw new VouchError(
      "bundle.signatures",
      `a Sigstore bundle holds exactly one signature, the envelope has ${envelope.signatures.length}`,
      "Sign with a single asymmetric key to make a Sigstore bundle.",
    );
  }
  if (envelope.signatures[0].keyid !== options.hint) {
    throw new VouchError(
      "bundle.hint",
      "the signature's key id does not match the bundle's public key hint",
      "Use the key id of the signing key (base64 SHA-256 of its SPKI DER) as the hint.",
    );
  }
  const verificationMaterial: VerificationMaterial = {
    publicKey: { hint: options.hint },
    tlogEntries: [],
  };
  if (options.rfc3161Timestamps !== undefined) {
    verificationMaterial.timestampVerificationData = {
      rfc3161Timestamps: options.rfc3161Timestamps.map((signedTimestamp) => ({ signedTimestamp })),
    };
  }
  return {
    mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE,
    verificationMaterial,
    dsseEnvelope: {
      payloadType: envelope.payloadType,
      payload: envelope.payload,
      signatures: envelope.signatures.map(({ keyid, sig }) => ({ keyid, sig })),
    },
  };
}

function base64Field(value: unknown, where: string): string {
  if (typeof value !== "string" || value === "" || !isStandardBase64(value)) {
    throw malformed(`${where} is not non-empty standard base64`);
  }
  return value;
}

function parseTimestamps(value: unknown): TimestampVerificationData | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw malformed("timestampVerificationData is not an object");
  const list = value.rfc3161Timestamps ?? [];
  if (!Array.isArray(list)) throw malformed("rfc3161Timestamps is not an array");
  return {
    rfc3161Timestamps: list.map((entry, i) => ({
      signedTimestamp: base64Field(
        isRecord(entry) ? entry.signedTimestamp : undefined,
        `rfc3161Timestamps[${i}].signedTimestamp`,
      ),
    })),
  };
}

function parseMaterial(value: unknown): VerificationMaterial {
  if (!isRecord(value)) throw malformed("verificationMaterial is missing");
  if (value.x509CertificateChain !== undefined || value.certificate !== undefined) {
    throw new VouchError(
      "bundle.unsupported",
      "certificate-based (keyless) Sigstore bundles are not supported",
      "Verify keyless bundles with cosign; vouch verifies bundles signed with a public key.",
    );
  }
  if (!isRecord(value.publicKey)) throw malformed("verificationMaterial.publicKey is missing");
  // The hint is optional and carries no trust (protobuf JSON omits an empty one): a verifier
  // looks its keys up by it or tries them all.
  const hint = value.publicKey.hint ?? "";
  if (typeof hint !== "string") {
    throw malformed("verificationMaterial.publicKey.hint is not a string");
  }
  // protobuf JSON omits empty repeated fields, so a missing list means none.
  const tlogEntries = value.tlogEntries ?? [];
  if (!Array.isArray(tlogEntries) || !tlogEntries.every(isRecord)) {
    throw malformed("verificationMaterial.tlogEntries is not an array of objects");
  }
  const material: VerificationMaterial = { publicKey: { hint }, tlogEntries };
  const timestamps = parseTimestamps(value.timestampVerificationData);
  if (timestamps !== undefined) material.timestampVerificationData = timestamps;
  return material;
}

function parseEnvelope(value: unknown, messageSignature: unknown): DsseEnvelope {
  if (value === undefined && messageSignature !== undefined) {
    throw new VouchError(
      "bundle.unsupported",
      "message-signature Sigstore bundles are not supported",
      "vouch verifies bundles that carry a DSSE envelope (attestations).",
    );
  }
  if (!isRecord(value)) throw malformed("dsseEnvelope is missing");
  if (typeof value.payloadType !== "string" || value.payloadType === "") {
    throw malformed("dsseEnvelope.payloadType is not a string");
  }
  const payload = base64Field(value.payload, "dsseEnvelope.payload");
  if (!Array.isArray(value.signatures) || value.signatures.length !== 1) {
    throw malformed("dsseEnvelope.signatures must hold exactly one signature");
  }
  const [signature] = value.signatures;
  if (!isRecord(signature)) throw malformed("dsseEnvelope.signatures[0] is not an object");
  // protobuf JSON omits an empty keyid.
  const keyid = signature.keyid ?? "";
  if (typeof keyid !== "string") {
    throw malformed("dsseEnvelope.signatures[0].keyid is not a string");
  }
  const sig = base64Field(signature.sig, "dsseEnvelope.signatures[0].sig");
  return { payloadType: value.payloadType, payload, signatures: [{ keyid, sig }] };
}

/**
 * Parses and checks the shape of a key-based Sigstore bundle (JSON already
 * parsed). It does not verify the signature: pass `dsseEnvelope` to
 * `verifyDsse` for that.
 *
 * Errors (VouchError): `bundle.malformed` with the reason; `bundle.unsupported`
 * for certificate-based or message-signature bundles.
 *
 * @param value The parsed JSON.
 * @returns The normalized bundle (omitted `hint`, `keyid` and `tlogEntries` filled in as empty).
 */
export function parseSigstoreBundle(value: unknown): SigstoreBundle {
  if (!isRecord(value)) throw malformed("not a JSON object");
  if (
    typeof value.mediaType !== "string" || !ACCEPTED_BUNDLE_MEDIA_TYPES.includes(value.mediaType)
  ) {
    throw malformed(`unknown mediaType ${JSON.stringify(value.mediaType)}`);
  }
  return {
    mediaType: value.mediaType,
    verificationMaterial: parseMaterial(value.verificationMaterial),
    dsseEnvelope: parseEnvelope(value.dsseEnvelope, value.messageSignature),
  };
}
