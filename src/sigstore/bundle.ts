/**
 * Sigstore bundles (sigstore/protobuf-specs `bundle.proto`, JSON form) read
 * into a typed signed entity: the signed content (message signature or DSSE
 * envelope), the key material (certificate, certificate chain or public-key
 * hint), the transparency-log entries and the RFC 3161 timestamps. Media
 * types v0.1, v0.2 and v0.3 (both spellings) are read, with the rules each
 * version adds; anything else is a coded failure naming the field. As the
 * protobuf JSON mapping says, a `null` field is an absent one.
 *
 * @module
 */
import { isRecord } from "../_util.ts";
import { decodeProtoBytes, type HashName } from "./_bytes.ts";
import { failed, passed, type SigstoreCheck } from "./codes.ts";

/** A bundle version vouch reads. */
export type BundleVersion = "0.1" | "0.2" | "0.3";

/** The signed content of a bundle. */
export type BundleContent =
  | {
    /** A signature over the artifact (hashedrekord). */
    type: "messageSignature";
    /** The digest the bundle says the artifact has (an unauthenticated hint). */
    digest?: { algorithm: HashName; value: Uint8Array };
    /** The signature bytes. */
    signature: Uint8Array;
  }
  | {
    /** A DSSE envelope (attestations). */
    type: "dsseEnvelope";
    /** The payload type. */
    payloadType: string;
    /** The payload bytes. */
    payload: Uint8Array;
    /** The one signature's bytes. */
    signature: Uint8Array;
  };

/** The key material of a bundle. */
export type BundleMaterial =
  | {
    /** X.509 certificates (keyless). */
    type: "certificate";
    /** Which field carried them. */
    form: "certificate" | "x509CertificateChain";
    /** DER certificates, the signing (leaf) certificate first. */
    certificates: Uint8Array[];
  }
  | {
    /** A key known out of band. */
    type: "publicKey";
    /** The hint naming it (carries no trust; may be empty). */
    hint: string;
  };

/** An inclusion proof of a log entry. */
export interface InclusionProof {
  /** The entry's index in the (shard's) tree. */
  logIndex: bigint;
  /** The tree's root hash. */
  rootHash: Uint8Array;
  /** The tree's size. */
  treeSize: bigint;
  /** The audit path, leaf to root. */
  hashes: Uint8Array[];
  /** The signed checkpoint (note text). */
  checkpoint: string;
}

/** A transparency-log entry of a bundle. */
export interface TlogEntry {
  /** Position in the bundle (for messages). */
  position: number;
  /** The entry's global log index. */
  logIndex: bigint;
  /** The log id (key id) of the log. */
  logId: Uint8Array;
  /** Entry kind (`hashedrekord`, `dsse`, `intoto`). */
  kind: string;
  /** Entry kind version (`0.0.1`, `0.0.2`). */
  version: string;
  /** Integrated time in seconds (0 when absent, as in Rekor v2). */
  integratedTime: bigint;
  /** The signed entry timestamp, when there is an inclusion promise. */
  inclusionPromise?: Uint8Array;
  /** The inclusion proof, when there is one (always with its checkpoint). */
  inclusionProof?: InclusionProof;
  /** The canonicalized entry body as logged. */
  body: Uint8Array;
}

/** A bundle, read. */
export interface SignedEntity {
  /** Its media type. */
  mediaType: string;
  /** Its version. */
  version: BundleVersion;
  /** What is signed. */
  content: BundleContent;
  /** The key material. */
  material: BundleMaterial;
  /** Transparency-log entries. */
  tlogEntries: TlogEntry[];
  /** DER RFC 3161 TimeStampResp values. */
  timestamps: Uint8Array[];
}

/** Most log entries a bundle may carry. */
export const MAX_TLOG_ENTRIES = 32;
/** Most RFC 3161 timestamps a bundle may carry. */
export const MAX_TIMESTAMPS = 32;
/** Most certificates a bundle chain may carry. */
export const MAX_CHAIN_CERTIFICATES = 10;
const MAX_PROOF_HASHES = 64;
const MAX_CHECKPOINT_CHARS = 64 * 1024;
const INT64_MAX = (1n << 63n) - 1n;

const MEDIA_TYPE_PREFIX = "application/vnd.dev.sigstore.bundle";

/**
 * The version of a bundle media type, when vouch reads it.
 *
 * @param mediaType The media type.
 * @returns `0.1`, `0.2`, `0.3`, or `undefined`.
 */
export function bundleVersion(mediaType: string): BundleVersion | undefined {
  const legacy = /^application\/vnd\.dev\.sigstore\.bundle\+json;version=(0\.[123])$/.exec(
    mediaType,
  );
  if (legacy) return legacy[1] as BundleVersion;
  const modern = /^application\/vnd\.dev\.sigstore\.bundle\.v0\.3(?:\.\d+)?\+json$/.exec(mediaType);
  return modern ? "0.3" : undefined;
}

/** Thrown inside the parser; becomes one failing check. */
class BundleProblem extends Error {
  constructor(readonly check: SigstoreCheck) {
    super(check.message);
  }
}

function malformed(message: string): BundleProblem {
  return new BundleProblem(failed("bundle.malformed", message));
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (!isRecord(value)) throw malformed(`${where} is missing or not an object`);
  return value;
}

function bytes(value: unknown, where: string, options: { empty?: boolean } = {}): Uint8Array {
  if (typeof value !== "string") throw malformed(`${where} is missing or not a string`);
  const decoded = decodeProtoBytes(value);
  if (decoded === undefined) throw malformed(`${where} is not valid base64`);
  if (decoded.length === 0 && !options.empty) throw malformed(`${where} is empty`);
  return decoded;
}

function text(value: unknown, where: string): string {
  if (typeof value !== "string" || value === "") {
    throw malformed(`${where} is missing or not a string`);
  }
  return value;
}

function array(value: unknown, where: string, max: number): unknown[] {
  if (value == null) return []; // protobuf JSON omits empty repeated fields (or writes null)
  if (!Array.isArray(value)) throw malformed(`${where} is not an array`);
  if (value.length > max) {
    throw new BundleProblem(
      failed("bundle.limits", `${where} has ${value.length} entries (at most ${max})`),
    );
  }
  return value;
}

/**
 * Reads a protobuf-JSON int64 (a decimal string, or a JSON number that is a safe integer).
 *
 * @param value The value.
 * @param where The field, for the message.
 * @param options `optional`: a missing value reads as 0.
 * @returns The value, in [0, 2^63 - 1].
 */
function int64(value: unknown, where: string, options: { optional?: boolean } = {}): bigint {
  if (value == null && options.optional) return 0n;
  let result: bigint | undefined;
  if (typeof value === "string" && /^-?\d{1,20}$/.test(value)) result = BigInt(value);
  else if (typeof value === "number" && Number.isSafeInteger(value)) result = BigInt(value);
  if (result === undefined) throw malformed(`${where} is missing or not an integer`);
  if (result < 0n || result > INT64_MAX) throw malformed(`${where} is out of range (${value})`);
  return result;
}

const HASH_ALGORITHMS: Record<string, HashName | undefined> = {
  SHA2_256: "sha256",
  SHA2_384: "sha384",
  SHA2_512: "sha512",
  "1": "sha256",
  "2": "sha384",
  "3": "sha512",
};

function parseContent(value: Record<string, unknown>): BundleContent {
  const hasMessage = value.messageSignature != null;
  const hasDsse = value.dsseEnvelope != null;
  if (hasMessage === hasDsse) {
    throw malformed("the bundle must carry exactly one of messageSignature and dsseEnvelope");
  }
  if (hasMessage) {
    const message = record(value.messageSignature, "messageSignature");
    const content: BundleContent = {
      type: "messageSignature",
      signature: bytes(message.signature, "messageSignature.signature"),
    };
    if (message.messageDigest != null) {
      const digest = record(message.messageDigest, "messageSignature.messageDigest");
      const algorithm = HASH_ALGORITHMS[String(digest.algorithm)];
      if (algorithm === undefined) {
        throw malformed(
          `messageSignature.messageDigest.algorithm ${
            JSON.stringify(digest.algorithm)
          } is not supported`,
        );
      }
      content.digest = {
        algorithm,
        value: bytes(digest.digest, "messageSignature.messageDigest.digest"),
      };
    }
    return content;
  }
  const envelope = record(value.dsseEnvelope, "dsseEnvelope");
  const signatures = array(envelope.signatures, "dsseEnvelope.signatures", 1);
  if (signatures.length !== 1) throw malformed("dsseEnvelope.signatures must hold one signature");
  const signature = record(signatures[0], "dsseEnvelope.signatures[0]");
  if (signature.keyid != null && typeof signature.keyid !== "string") {
    throw malformed("dsseEnvelope.signatures[0].keyid is not a string");
  }
  const payloadType = text(envelope.payloadType, "dsseEnvelope.payloadType");
  // The PAE signs its UTF-8 bytes: a lone surrogate encodes as U+FFFD, so "x\uD800" would
  // verify with the signature over "x\uFFFD" and be reported as a type nobody signed.
  if (!payloadType.isWellFormed()) {
    throw malformed("dsseEnvelope.payloadType is not well-formed Unicode (a lone surrogate)");
  }
  return {
    type: "dsseEnvelope",
    payloadType,
    payload: bytes(envelope.payload, "dsseEnvelope.payload", { empty: true }),
    signature: bytes(signature.sig, "dsseEnvelope.signatures[0].sig"),
  };
}

function parseMaterial(value: Record<string, unknown>, version: BundleVersion): BundleMaterial {
  const forms = ["publicKey", "x509CertificateChain", "certificate"].filter((k) =>
    value[k] != null
  );
  if (forms.length !== 1) {
    throw malformed(
      "verificationMaterial must carry exactly one of publicKey, x509CertificateChain and certificate",
    );
  }
  if (forms[0] === "publicKey") {
    const key = record(value.publicKey, "verificationMaterial.publicKey");
    const hint = key.hint ?? "";
    if (typeof hint !== "string") {
      throw malformed("verificationMaterial.publicKey.hint is not a string");
    }
    return { type: "publicKey", hint };
  }
  if (forms[0] === "certificate") {
    const cert = record(value.certificate, "verificationMaterial.certificate");
    return {
      type: "certificate",
      form: "certificate",
      certificates: [bytes(cert.rawBytes, "verificationMaterial.certificate.rawBytes")],
    };
  }
  if (version === "0.3") {
    throw new BundleProblem(
      failed(
        "bundle.version_rules",
        "a v0.3 bundle carries its signing certificate in verificationMaterial.certificate, not x509CertificateChain",
      ),
    );
  }
  const chain = record(value.x509CertificateChain, "verificationMaterial.x509CertificateChain");
  const list = array(
    chain.certificates,
    "verificationMaterial.x509CertificateChain.certificates",
    MAX_CHAIN_CERTIFICATES,
  );
  if (list.length === 0) throw malformed("verificationMaterial.x509CertificateChain is empty");
  return {
    type: "certificate",
    form: "x509CertificateChain",
    certificates: list.map((c, i) => {
      const where = `verificationMaterial.x509CertificateChain.certificates[${i}]`;
      return bytes(record(c, where).rawBytes, `${where}.rawBytes`);
    }),
  };
}

function parseProof(value: unknown, where: string, version: BundleVersion): InclusionProof {
  const proof = record(value, where);
  const hashes = array(proof.hashes, `${where}.hashes`, MAX_PROOF_HASHES).map((h, i) =>
    bytes(h, `${where}.hashes[${i}]`)
  );
  const rootHash = bytes(proof.rootHash, `${where}.rootHash`);
  const parsed = {
    logIndex: int64(proof.logIndex, `${where}.logIndex`, { optional: true }),
    rootHash,
    treeSize: int64(proof.treeSize, `${where}.treeSize`),
    hashes,
  };
  // Every version: a proof is only checked against a checkpoint signed by the log, so one
  // without is refused, never skipped (sigstore-go tlog.ParseTransparencyLogEntry: "inclusion
  // proof missing required checkpoint"; sigstore-js verifyTLogInclusion checks any proof
  // present against its checkpoint and fails without one).
  if (proof.checkpoint == null) {
    throw new BundleProblem(
      failed(
        "bundle.version_rules",
        `${where}: a v${version} bundle entry's inclusion proof needs a checkpoint`,
      ),
    );
  }
  const checkpoint = record(proof.checkpoint, `${where}.checkpoint`).envelope;
  if (typeof checkpoint !== "string" || checkpoint.length > MAX_CHECKPOINT_CHARS) {
    throw malformed(`${where}.checkpoint.envelope is missing or longer than 64 KiB`);
  }
  return { ...parsed, checkpoint };
}

function parseEntry(value: unknown, position: number, version: BundleVersion): TlogEntry {
  const where = `tlogEntries[${position}]`;
  const entry = record(value, where);
  const kindVersion = record(entry.kindVersion, `${where}.kindVersion`);
  const parsed: TlogEntry = {
    position,
    logIndex: int64(entry.logIndex, `${where}.logIndex`),
    logId: bytes(record(entry.logId, `${where}.logId`).keyId, `${where}.logId.keyId`),
    kind: text(kindVersion.kind, `${where}.kindVersion.kind`),
    version: text(kindVersion.version, `${where}.kindVersion.version`),
    integratedTime: int64(entry.integratedTime, `${where}.integratedTime`, { optional: true }),
    body: bytes(entry.canonicalizedBody, `${where}.canonicalizedBody`),
  };
  if (entry.inclusionPromise != null) {
    parsed.inclusionPromise = bytes(
      record(entry.inclusionPromise, `${where}.inclusionPromise`).signedEntryTimestamp,
      `${where}.inclusionPromise.signedEntryTimestamp`,
    );
  }
  const rule = (message: string): BundleProblem =>
    new BundleProblem(failed("bundle.version_rules", `${where}: ${message}`));
  if (entry.inclusionProof != null) {
    parsed.inclusionProof = parseProof(entry.inclusionProof, `${where}.inclusionProof`, version);
  } else if (version !== "0.1") {
    throw rule(`a v${version} bundle entry needs an inclusion proof`);
  }
  if (version === "0.1" && parsed.inclusionPromise === undefined) {
    throw rule("a v0.1 bundle entry needs an inclusion promise");
  }
  return parsed;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function checkDuplicates(entries: TlogEntry[], timestamps: Uint8Array[]): void {
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      if (
        entries[i].logIndex === entries[j].logIndex && sameBytes(entries[i].logId, entries[j].logId)
      ) {
        throw new BundleProblem(
          failed("bundle.limits", `tlogEntries[${i}] and [${j}] are the same log entry`),
        );
      }
    }
  }
  for (let i = 0; i < timestamps.length; i++) {
    for (let j = i + 1; j < timestamps.length; j++) {
      if (sameBytes(timestamps[i], timestamps[j])) {
        throw new BundleProblem(
          failed("bundle.limits", `rfc3161Timestamps[${i}] and [${j}] are the same timestamp`),
        );
      }
    }
  }
}

/**
 * Reads a bundle (JSON already parsed). Never throws.
 *
 * @param value The parsed JSON.
 * @returns The signed entity and a `bundle.ok` check, or no entity and the
 *   one failing check (`bundle.media_type`, `bundle.malformed`,
 *   `bundle.version_rules` or `bundle.limits`).
 */
export function parseBundle(value: unknown): { entity?: SignedEntity; check: SigstoreCheck } {
  try {
    const bundle = record(value, "the bundle");
    const mediaType = bundle.mediaType;
    const version = typeof mediaType === "string" ? bundleVersion(mediaType) : undefined;
    if (version === undefined) {
      return {
        check: failed(
          "bundle.media_type",
          mediaType === undefined
            ? "no mediaType: not a Sigstore bundle (cosign's older `--bundle` format has none)"
            : typeof mediaType === "string" && mediaType.startsWith(MEDIA_TYPE_PREFIX)
            ? `unsupported bundle version: ${JSON.stringify(mediaType).slice(0, 100)}`
            : `not a Sigstore bundle media type: ${JSON.stringify(mediaType).slice(0, 100)}`,
        ),
      };
    }
    const material = record(bundle.verificationMaterial, "verificationMaterial");
    const content = parseContent(bundle);
    const keyMaterial = parseMaterial(material, version);
    const tlogEntries = array(
      material.tlogEntries,
      "verificationMaterial.tlogEntries",
      MAX_TLOG_ENTRIES,
    )
      .map((e, i) => parseEntry(e, i, version));
    const tsData = material.timestampVerificationData;
    const timestamps = tsData == null ? [] : array(
      record(tsData, "timestampVerificationData").rfc3161Timestamps,
      "timestampVerificationData.rfc3161Timestamps",
      MAX_TIMESTAMPS,
    ).map((t, i) => {
      const where = `timestampVerificationData.rfc3161Timestamps[${i}]`;
      return bytes(record(t, where).signedTimestamp, `${where}.signedTimestamp`);
    });
    checkDuplicates(tlogEntries, timestamps);
    const entity: SignedEntity = {
      mediaType: mediaType as string,
      version,
      content,
      material: keyMaterial,
      tlogEntries,
      timestamps,
    };
    const what = content.type === "messageSignature" ? "message signature" : "DSSE envelope";
    const key = keyMaterial.type === "publicKey" ? "a public key" : "a certificate";
    return {
      entity,
      check: passed(
        "bundle.ok",
        `Sigstore bundle v${version}: ${what} signed with ${key}, ${tlogEntries.length} log entr${
          tlogEntries.length === 1 ? "y" : "ies"
        }, ${timestamps.length} timestamp(s)`,
      ),
    };
  } catch (error) {
    if (error instanceof BundleProblem) return { check: error.check };
    throw error;
  }
}
