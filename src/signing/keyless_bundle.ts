/**
 * The one form of a keyless Sigstore bundle vouch writes: bundle v0.3
 * (`application/vnd.dev.sigstore.bundle.v0.3+json`) with the Fulcio leaf in
 * `verificationMaterial.certificate`, the transparency-log entries (Rekor v1
 * `dsse` 0.0.1 with inclusion promise and proof, or Rekor v2 `dsse` 0.0.2
 * with its proof), the RFC 3161 timestamps when a TSA signed, and the DSSE
 * envelope with one signature and no key id — the shape `cosign
 * verify-blob-attestation`, `gh attestation verify` and sigstore-js read.
 * Its fields always come in one order ({@linkcode keylessBundleForm}), so
 * `verify` can tell a bundle vouch wrote from one edited or re-serialized.
 *
 * @module
 */
import { isRecord } from "../_util.ts";
import { encodeBase64 } from "./_base64.ts";
import type { DsseEnvelope } from "./dsse.ts";
import { SIGSTORE_BUNDLE_MEDIA_TYPE } from "./sigstore_bundle.ts";

/** A transparency-log entry in a bundle (protobuf-specs `TransparencyLogEntry`, JSON form). */
export interface TlogEntryJson {
  /** The global log index (int64 as a string). */
  logIndex: string;
  /** The log's id. */
  logId: { keyId: string };
  /** Entry kind and version, e.g. `dsse` `0.0.1`. */
  kindVersion: { kind: string; version: string };
  /** Seconds since the epoch (Rekor v1; absent for Rekor v2). */
  integratedTime?: string;
  /** The signed entry timestamp (Rekor v1). */
  inclusionPromise?: { signedEntryTimestamp: string };
  /** The Merkle inclusion proof and the signed checkpoint. */
  inclusionProof: {
    logIndex: string;
    rootHash: string;
    treeSize: string;
    hashes: string[];
    checkpoint: { envelope: string };
  };
  /** The entry as logged, base64. */
  canonicalizedBody: string;
}

/** A keyless Sigstore bundle as vouch writes it. */
export interface KeylessBundle {
  /** Always {@linkcode SIGSTORE_BUNDLE_MEDIA_TYPE}. */
  mediaType: string;
  /** The certificate, the log entries and the timestamps. */
  verificationMaterial: {
    certificate: { rawBytes: string };
    tlogEntries: TlogEntryJson[];
    timestampVerificationData?: { rfc3161Timestamps: { signedTimestamp: string }[] };
  };
  /** The signed envelope: one signature, no key id. */
  dsseEnvelope: { payload: string; payloadType: string; signatures: { sig: string }[] };
}

/** A field shape: a string, a list of one shape, or an object with its fields in order. */
type Shape = "string" | readonly [Shape] | { readonly [field: string]: Shape };

const TLOG_ENTRY: Shape = {
  logIndex: "string",
  logId: { keyId: "string" },
  kindVersion: { kind: "string", version: "string" },
  integratedTime: "string",
  inclusionPromise: { signedEntryTimestamp: "string" },
  inclusionProof: {
    logIndex: "string",
    rootHash: "string",
    treeSize: "string",
    hashes: ["string"],
    checkpoint: { envelope: "string" },
  },
  canonicalizedBody: "string",
};

const BUNDLE: Shape = {
  mediaType: "string",
  verificationMaterial: {
    certificate: { rawBytes: "string" },
    tlogEntries: [TLOG_ENTRY],
    timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: "string" }] },
  },
  dsseEnvelope: { payload: "string", payloadType: "string", signatures: [{ sig: "string" }] },
};

const INVALID = Symbol("invalid");

/** The value with the shape's fields in the shape's order (others dropped), or INVALID. */
function rebuild(value: unknown, shape: Shape): unknown {
  if (shape === "string") return typeof value === "string" ? value : INVALID;
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return INVALID;
    const items = value.map((item) => rebuild(item, shape[0]));
    return items.includes(INVALID) ? INVALID : items;
  }
  if (!isRecord(value)) return INVALID;
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(shape as Record<string, Shape>)) {
    if (!Object.hasOwn(value, field)) continue;
    const rebuilt = rebuild(value[field], inner);
    if (rebuilt === INVALID) return INVALID;
    out[field] = rebuilt;
  }
  return out;
}

/**
 * Whether a log entry is one vouch writes: a `dsse` entry with its inclusion proof, and for Rekor
 * v1 (`dsse` 0.0.1) its inclusion promise and integrated time, the only things that bind its
 * log index (a Rekor v2 `dsse` 0.0.2 entry's is its proof's). Another kind is refused: a Rekor
 * v1 kind of another version (`intoto` 0.0.2) would pass for a Rekor v2 entry without its promise.
 */
function isVouchEntry(entry: Partial<TlogEntryJson>): boolean {
  if (entry.inclusionProof === undefined || entry.kindVersion?.kind !== "dsse") return false;
  switch (entry.kindVersion.version) {
    case "0.0.1":
      return entry.inclusionPromise !== undefined && entry.integratedTime !== undefined;
    case "0.0.2":
      return true;
    default:
      return false;
  }
}

/**
 * A parsed bundle in vouch's one keyless form: the fields vouch writes, in
 * its order (any other field dropped). Serialized, it equals the file's bytes
 * exactly when the file is a keyless bundle as vouch writes it.
 *
 * @param value A parsed bundle.
 * @returns The bundle in vouch's form, or `undefined` when it cannot be one
 *   (a field of the wrong type, another media type, no certificate, a log
 *   entry not `dsse` 0.0.1 or 0.0.2, without its proof or, Rekor v1, its
 *   promise, not one signature).
 */
export function keylessBundleForm(value: unknown): KeylessBundle | undefined {
  const bundle = rebuild(value, BUNDLE);
  if (bundle === INVALID) return undefined;
  const b = bundle as Partial<KeylessBundle>;
  const ok = b.mediaType === SIGSTORE_BUNDLE_MEDIA_TYPE &&
    b.verificationMaterial?.certificate?.rawBytes !== undefined &&
    b.verificationMaterial.tlogEntries?.every(isVouchEntry) === true &&
    b.dsseEnvelope?.signatures?.length === 1;
  return ok ? b as KeylessBundle : undefined;
}

/** The parts of a keyless bundle. */
export interface KeylessBundleParts {
  /** The envelope (one signature; its key id is not written). */
  envelope: DsseEnvelope;
  /** The Fulcio leaf certificate, DER. */
  certificate: Uint8Array;
  /** The log entries. */
  tlogEntries: TlogEntryJson[];
  /** DER RFC 3161 timestamp responses over the signature. */
  timestamps: Uint8Array[];
}

/**
 * Assembles a keyless bundle in vouch's one form.
 *
 * @param parts The envelope, certificate, log entries and timestamps.
 * @returns The bundle, ready for `toJsonText`.
 */
export function toKeylessBundle(parts: KeylessBundleParts): KeylessBundle {
  const { envelope } = parts;
  const bundle = keylessBundleForm({
    mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE,
    verificationMaterial: {
      certificate: { rawBytes: encodeBase64(parts.certificate) },
      tlogEntries: parts.tlogEntries,
      ...(parts.timestamps.length === 0 ? {} : {
        timestampVerificationData: {
          rfc3161Timestamps: parts.timestamps.map((t) => ({ signedTimestamp: encodeBase64(t) })),
        },
      }),
    },
    dsseEnvelope: {
      payload: envelope.payload,
      payloadType: envelope.payloadType,
      signatures: envelope.signatures.map(({ sig }) => ({ sig })),
    },
  });
  if (bundle === undefined) {
    throw new TypeError("a keyless bundle needs one signature and log entries with their proofs");
  }
  return bundle;
}
