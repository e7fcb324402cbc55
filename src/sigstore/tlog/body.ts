/**
 * The consistency of a log entry with the bundle (Sigstore client spec,
 * "Transparency log entry"): the canonicalized body Rekor logged must record
 * the bundle's signature, its signing certificate or key, and the artifact
 * digest (for a DSSE envelope: the payload hash, or for Rekor v2
 * hashedrekord-over-DSSE the hash of the PAE). Kinds: hashedrekord 0.0.1
 * and 0.0.2, dsse 0.0.1 and 0.0.2, intoto 0.0.2. The dsse 0.0.1 envelope
 * hash and the intoto envelope hash depend on the envelope's serialization
 * and are not compared; everything they stand for is.
 *
 * @module
 */
import { isRecord } from "../../_util.ts";
import { pae } from "../../signing/dsse.ts";
import {
  decodePem,
  decodeProtoBytes,
  equal,
  fromHex,
  hash,
  type HashName,
  utf8,
} from "../_bytes.ts";
import type { KeyType } from "../_crypto.ts";
import type { BundleContent, TlogEntry } from "../bundle.ts";
import { failed, passed, type SigstoreCheck } from "../codes.ts";

/** What a log entry must record. */
export interface BodyExpectation {
  /** The bundle's signed content. */
  content: BundleContent;
  /** The signing certificate (DER) or public key (SPKI DER), when known. */
  key?: { kind: "certificate" | "publicKey"; der: Uint8Array; type?: KeyType };
  /** The artifact's digest under a hash, when the artifact is known that way. */
  artifactDigest: (algorithm: HashName) => Promise<Uint8Array | undefined>;
}

/** Thrown inside the checks; becomes the one failing check. */
class Mismatch extends Error {}

type Json = Record<string, unknown>;

function field(value: unknown, path: string): Json {
  if (!isRecord(value)) throw new Mismatch(`the entry body has no ${path}`);
  return value;
}

function b64(value: unknown, path: string): Uint8Array {
  const bytes = typeof value === "string" ? decodeProtoBytes(value) : undefined;
  if (bytes === undefined) throw new Mismatch(`the entry body's ${path} is not base64`);
  return bytes;
}

function sameSignature(logged: Uint8Array, expect: BodyExpectation): void {
  if (!equal(logged, expect.content.signature)) {
    throw new Mismatch("the logged signature is not the bundle's signature");
  }
}

function samePemKey(value: unknown, path: string, expect: BodyExpectation): void {
  if (expect.key === undefined) return;
  const pem = utf8(b64(value, path));
  const block = pem === undefined ? undefined : decodePem(pem);
  if (block === undefined) throw new Mismatch(`the entry body's ${path} is not a PEM block`);
  const label = expect.key.kind === "certificate" ? "CERTIFICATE" : "PUBLIC KEY";
  if (block.label !== label || !equal(block.der, expect.key.der)) {
    throw new Mismatch(
      `the logged ${block.label.toLowerCase()} is not the bundle's signing ${
        expect.key.kind === "certificate" ? "certificate" : "key"
      }`,
    );
  }
}

const KEY_DETAILS: Record<KeyType, RegExp> = {
  "ecdsa-p256": /^PKIX_ECDSA_P256_SHA_256$/,
  "ecdsa-p384": /^PKIX_ECDSA_P384_SHA_384$/,
  "ecdsa-p521": /^PKIX_ECDSA_P521_SHA_512$/,
  "ed25519": /^PKIX_ED25519(?:_PH)?$/,
  "rsa": /^PKIX_RSA_/,
};

function sameV2Verifier(value: unknown, path: string, expect: BodyExpectation): void {
  const verifier = field(value, path);
  if (expect.key === undefined) return;
  const form = expect.key.kind === "certificate" ? "x509Certificate" : "publicKey";
  const logged = b64(field(verifier[form], `${path}.${form}`).rawBytes, `${path}.${form}.rawBytes`);
  if (!equal(logged, expect.key.der)) {
    throw new Mismatch(
      `the logged ${form} is not the bundle's signing ${
        expect.key.kind === "certificate" ? "certificate" : "key"
      }`,
    );
  }
  // keyDetails is a protobuf enum: its default (unspecified) is omitted from the JSON.
  const details = verifier.keyDetails;
  const unspecified = details == null || details === "PUBLIC_KEY_DETAILS_UNSPECIFIED" ||
    details === 0;
  if (
    !unspecified && expect.key.type !== undefined &&
    !KEY_DETAILS[expect.key.type].test(String(details))
  ) {
    throw new Mismatch(
      `the logged keyDetails ${JSON.stringify(details)} do not fit a ${expect.key.type} key`,
    );
  }
}

const V1_HASHES: Record<string, HashName> = {
  sha256: "sha256",
  sha384: "sha384",
  sha512: "sha512",
};
const V2_HASHES: Record<string, HashName> = {
  SHA2_256: "sha256",
  SHA2_384: "sha384",
  SHA2_512: "sha512",
};

/** The digest the entry must record for the signed thing, under `algorithm`. */
async function signedDigest(
  expect: BodyExpectation,
  algorithm: HashName,
): Promise<Uint8Array | undefined> {
  const { content } = expect;
  if (content.type === "dsseEnvelope") {
    return hash(algorithm, pae(content.payloadType, content.payload));
  }
  const given = await expect.artifactDigest(algorithm);
  if (given !== undefined) return given;
  return content.digest?.algorithm === algorithm ? content.digest.value : undefined;
}

/** A logged hash: Rekor v1 `{algorithm: "sha256", value: hex}`, v2 `{algorithm: "SHA2_256", digest: base64}`. */
interface LoggedHash {
  bytes: Uint8Array;
  algorithm?: HashName;
}

function loggedHash(value: unknown, path: string, rekor: 1 | 2): LoggedHash {
  const h = field(value, path);
  return rekor === 1
    ? { bytes: hex(h.value, `${path}.value`), algorithm: V1_HASHES[String(h.algorithm)] }
    : { bytes: b64(h.digest, `${path}.digest`), algorithm: V2_HASHES[String(h.algorithm)] };
}

async function sameDigest(logged: LoggedHash, expect: BodyExpectation): Promise<void> {
  const { algorithm } = logged;
  if (algorithm === undefined) throw new Mismatch("the logged digest algorithm is not supported");
  const expected = await signedDigest(expect, algorithm);
  if (expected === undefined) {
    throw new Mismatch(`the artifact's ${algorithm} digest is not known to compare with the log`);
  }
  if (!equal(logged.bytes, expected)) {
    throw new Mismatch(
      expect.content.type === "dsseEnvelope"
        ? "the logged digest is not the digest of this DSSE envelope's PAE"
        : "the logged artifact digest is not the artifact's digest",
    );
  }
}

async function samePayloadHash(logged: LoggedHash, expect: BodyExpectation): Promise<void> {
  const { content } = expect;
  if (content.type !== "dsseEnvelope") throw new Mismatch("a DSSE entry logs a message signature");
  if (logged.algorithm === undefined) {
    throw new Mismatch("the logged payload hash algorithm is not supported");
  }
  if (!equal(logged.bytes, await hash(logged.algorithm, content.payload))) {
    throw new Mismatch("the logged payload hash is not the hash of the envelope's payload");
  }
}

function one(value: unknown, path: string): Json {
  if (!Array.isArray(value) || value.length !== 1) {
    throw new Mismatch(`the entry body's ${path} must hold exactly one signature`);
  }
  return field(value[0], `${path}[0]`);
}

function hex(value: unknown, path: string): Uint8Array {
  const bytes = typeof value === "string" ? fromHex(value) : undefined;
  if (bytes === undefined) throw new Mismatch(`the entry body's ${path} is not hex`);
  return bytes;
}

const KINDS: Record<string, (spec: Json, expect: BodyExpectation) => Promise<void>> = {
  "hashedrekord/0.0.1": async (spec, expect) => {
    const signature = field(spec.signature, "spec.signature");
    sameSignature(b64(signature.content, "spec.signature.content"), expect);
    const key = field(signature.publicKey, "spec.signature.publicKey");
    samePemKey(key.content, "spec.signature.publicKey.content", expect);
    await sameDigest(loggedHash(field(spec.data, "spec.data").hash, "spec.data.hash", 1), expect);
  },
  "hashedrekord/0.0.2": async (outer, expect) => {
    const at = "spec.hashedRekordV002";
    const spec = field(outer.hashedRekordV002, at);
    const signature = field(spec.signature, `${at}.signature`);
    sameSignature(b64(signature.content, `${at}.signature.content`), expect);
    sameV2Verifier(signature.verifier, `${at}.signature.verifier`, expect);
    await sameDigest(loggedHash(spec.data, `${at}.data`, 2), expect);
  },
  "dsse/0.0.1": async (spec, expect) => {
    await samePayloadHash(loggedHash(spec.payloadHash, "spec.payloadHash", 1), expect);
    const signature = one(spec.signatures, "spec.signatures");
    sameSignature(b64(signature.signature, "spec.signatures[0].signature"), expect);
    samePemKey(signature.verifier, "spec.signatures[0].verifier", expect);
  },
  "dsse/0.0.2": async (outer, expect) => {
    const at = "spec.dsseV002";
    const spec = field(outer.dsseV002, at);
    await samePayloadHash(loggedHash(spec.payloadHash, `${at}.payloadHash`, 2), expect);
    const signature = one(spec.signatures, `${at}.signatures`);
    sameSignature(b64(signature.content, `${at}.signatures[0].content`), expect);
    sameV2Verifier(signature.verifier, `${at}.signatures[0].verifier`, expect);
  },
  "intoto/0.0.2": async (spec, expect) => {
    const content = field(spec.content, "spec.content");
    await samePayloadHash(loggedHash(content.payloadHash, "spec.content.payloadHash", 1), expect);
    const envelope = field(content.envelope, "spec.content.envelope");
    if (
      expect.content.type === "dsseEnvelope" && envelope.payloadType !== undefined &&
      envelope.payloadType !== expect.content.payloadType
    ) throw new Mismatch("the logged payloadType is not the envelope's");
    const signature = one(envelope.signatures, "spec.content.envelope.signatures");
    // intoto 0.0.2 stores the signature base64-encoded twice (Rekor); accept it encoded once too.
    const once = b64(signature.sig, "spec.content.envelope.signatures[0].sig");
    const text = utf8(once);
    const twice = text === undefined ? undefined : decodeProtoBytes(text);
    sameSignature(
      twice !== undefined && equal(twice, expect.content.signature) ? twice : once,
      expect,
    );
    samePemKey(signature.publicKey, "spec.content.envelope.signatures[0].publicKey", expect);
  },
};

/**
 * Tells whether an entry kind/version is a Rekor v2 entry (no integrated time to trust).
 *
 * @param entry The entry.
 * @returns `true` for hashedrekord and dsse 0.0.2.
 */
export function isRekorV2Entry(entry: TlogEntry): boolean {
  return entry.version === "0.0.2" && (entry.kind === "hashedrekord" || entry.kind === "dsse");
}

/**
 * Checks that a log entry records the bundle's signature, key and digest.
 *
 * @param entry The entry.
 * @param expect What it must record.
 * @returns `tlog.body_ok`, `tlog.body_mismatch` or `tlog.body_unsupported`.
 */
export async function checkBody(
  entry: TlogEntry,
  expect: BodyExpectation,
): Promise<SigstoreCheck> {
  const at = `log entry ${entry.logIndex}`;
  const check = KINDS[`${entry.kind}/${entry.version}`];
  if (check === undefined) {
    return failed(
      "tlog.body_unsupported",
      `${at}: kind ${entry.kind} ${entry.version} is not supported`,
    );
  }
  const text = utf8(entry.body);
  let body: unknown;
  try {
    body = text === undefined ? undefined : JSON.parse(text);
  } catch {
    // reported below
  }
  if (!isRecord(body)) {
    return failed("tlog.body_mismatch", `${at}: the entry body is not a JSON object`);
  }
  if (body.kind !== entry.kind || body.apiVersion !== entry.version) {
    return failed(
      "tlog.body_mismatch",
      `${at}: the bundle says ${entry.kind} ${entry.version}, the logged body is ${
        String(body.kind).slice(0, 40)
      } ${String(body.apiVersion).slice(0, 20)}`,
    );
  }
  try {
    await check(field(body.spec, "spec"), expect);
  } catch (error) {
    if (error instanceof Mismatch) return failed("tlog.body_mismatch", `${at}: ${error.message}`);
    throw error;
  }
  const key = expect.key === undefined ? " (key not compared: no key given)" : "";
  return passed(
    "tlog.body_ok",
    `${at} (${entry.kind} ${entry.version}) records this signature, key and digest${key}`,
  );
}
