/**
 * DSSE (Dead Simple Signing Envelope) v1: the pre-authentication encoding,
 * signing with any number of {@linkcode Signer}s, and a verifier that never
 * throws and reports one stable-coded check per finding.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { isRecord } from "../_util.ts";
import { decodeBase64, encodeBase64, isStandardBase64 } from "./_base64.ts";

/** The payload type of in-toto statements. */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

/** Signature algorithms vouch can sign and verify with. */
export type SigningAlgorithm = "hmac-sha256" | "ed25519" | "ecdsa-p256";

/** One DSSE signature. */
export interface DsseSignature {
  /** Identifier of the key that made the signature (may be empty; optional when read). */
  keyid: string;
  /** The signature bytes, standard base64. */
  sig: string;
}

/** A DSSE envelope as serialized to JSON. */
export interface DsseEnvelope {
  /** Media type of the payload, e.g. {@linkcode IN_TOTO_PAYLOAD_TYPE}. */
  payloadType: string;
  /** The payload bytes, standard base64. */
  payload: string;
  /** The signatures over the PAE of payloadType and payload. */
  signatures: DsseSignature[];
}

/** Something that signs bytes with one key. */
export interface Signer {
  /** Identifier of the key, written to each signature's `keyid`. */
  keyid: string;
  /** The signature algorithm. */
  algorithm: SigningAlgorithm;
  /** Signs the given bytes (the PAE). */
  sign(data: Uint8Array): Promise<Uint8Array>;
}

/** Something that checks signatures made with one key. */
export interface Verifier {
  /** Identifier of the key; matched against each signature's `keyid`. */
  keyid: string;
  /** The signature algorithm. */
  algorithm: SigningAlgorithm;
  /** Tells whether `signature` is valid for `data`; never throws. */
  verify(data: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

/** One finding of {@linkcode verifyDsse}. */
export interface DsseCheck {
  /** Stable code, e.g. `signature.verified` or `signature.invalid`. */
  code: string;
  /** Whether this finding is a pass. */
  ok: boolean;
  /** One line saying what was found. */
  message: string;
}

/** The outcome of {@linkcode verifyDsse}. */
export interface DsseResult {
  /** `true` when at least one signature verified and nothing failed. */
  ok: boolean;
  /** The authenticated payload bytes; present only when `ok`. */
  payload?: Uint8Array;
  /** The authenticated payload type; present only when `ok`. */
  payloadType?: string;
  /** Every finding, in signature order. */
  checks: DsseCheck[];
}

const encoder = new TextEncoder();

/**
 * The DSSE v1 pre-authentication encoding:
 * `"DSSEv1" SP len(type) SP type SP len(body) SP body`, lengths in bytes as ASCII decimal.
 *
 * @example
 * ```ts
 * import { pae } from "./dsse.ts";
 * const bytes = pae("http://example.com/HelloWorld", new TextEncoder().encode("hello world"));
 * new TextDecoder().decode(bytes); // "DSSEv1 29 http://example.com/HelloWorld 11 hello world"
 * ```
 *
 * @param payloadType The payload type.
 * @param payload The payload bytes.
 * @returns The bytes that are signed.
 */
export function pae(payloadType: string, payload: Uint8Array): Uint8Array {
  const type = encoder.encode(payloadType);
  const head = encoder.encode(`DSSEv1 ${type.length} `);
  const middle = encoder.encode(` ${payload.length} `);
  const out = new Uint8Array(head.length + type.length + middle.length + payload.length);
  out.set(head);
  out.set(type, head.length);
  out.set(middle, head.length + type.length);
  out.set(payload, head.length + type.length + middle.length);
  return out;
}

/**
 * Signs a payload into a DSSE envelope, one signature per signer (in the given order).
 *
 * @param payload The payload bytes, e.g. a serialized in-toto statement.
 * @param signers The signers; at least one (else `signature.missing_key`).
 * @param options `payloadType`: defaults to {@linkcode IN_TOTO_PAYLOAD_TYPE}.
 * @returns The envelope.
 */
export async function signDsse(
  payload: Uint8Array,
  signers: Signer[],
  options: { payloadType?: string } = {},
): Promise<DsseEnvelope> {
  if (signers.length === 0) {
    throw new VouchError(
      "signature.missing_key",
      "no signing key was given",
      "Pass a private key (--private-key PREFIX.key) or an HMAC secret to sign with.",
    );
  }
  const payloadType = options.payloadType ?? IN_TOTO_PAYLOAD_TYPE;
  const bytes = pae(payloadType, payload);
  const signatures: DsseSignature[] = [];
  for (const signer of signers) {
    signatures.push({ keyid: signer.keyid, sig: encodeBase64(await signer.sign(bytes)) });
  }
  return { payloadType, payload: encodeBase64(payload), signatures };
}

function fail(code: string, message: string): DsseResult {
  return { ok: false, checks: [{ code, ok: false, message }] };
}

function shapeProblem(envelope: unknown): string | undefined {
  if (!isRecord(envelope)) return "the envelope is not a JSON object";
  if (typeof envelope.payloadType !== "string") return "payloadType is not a string";
  // The PAE signs its UTF-8 bytes: a lone surrogate would verify as the U+FFFD it encodes to.
  if (!envelope.payloadType.isWellFormed()) {
    return "payloadType is not well-formed Unicode (a lone surrogate)";
  }
  if (typeof envelope.payload !== "string" || !isStandardBase64(envelope.payload)) {
    return "payload is not standard base64";
  }
  if (!Array.isArray(envelope.signatures)) return "signatures is not an array";
  return undefined;
}

async function checkSignature(
  signature: unknown,
  index: number,
  data: Uint8Array,
  verifiers: Verifier[],
): Promise<DsseCheck> {
  const where = `signature ${index}`;
  const sig = isRecord(signature) && typeof signature.sig === "string"
    ? decodeBase64(signature.sig)
    : undefined;
  // keyid is optional in DSSE (protobuf JSON omits an empty one): missing means "".
  const keyid = isRecord(signature) ? signature.keyid ?? "" : undefined;
  if (typeof keyid !== "string" || !sig || sig.length === 0) {
    return {
      code: "signature.malformed",
      ok: false,
      message: `${where} is not {keyid?: string, sig: non-empty standard base64}`,
    };
  }
  // An empty keyid (cosign's convention) names no key: every verifier may try it.
  const candidates = keyid === "" ? verifiers : verifiers.filter((v) => v.keyid === keyid);
  if (candidates.length === 0) {
    return {
      code: "signature.keyid_mismatch",
      ok: false,
      message: `${where}: no trusted key has key id ${JSON.stringify(keyid)}`,
    };
  }
  for (const verifier of candidates) {
    if (await safeVerify(verifier, data, sig)) {
      return {
        code: "signature.verified",
        ok: true,
        message: `${where} verified with key ${
          JSON.stringify(verifier.keyid)
        } (${verifier.algorithm})`,
      };
    }
  }
  return {
    code: "signature.invalid",
    ok: false,
    message: `${where} does not verify with key id ${JSON.stringify(keyid)}`,
  };
}

async function safeVerify(verifier: Verifier, data: Uint8Array, sig: Uint8Array): Promise<boolean> {
  try {
    return await verifier.verify(data, sig);
  } catch {
    return false;
  }
}

function duplicateProblem(signatures: unknown[]): string | undefined {
  const keyids = new Set<string>();
  const sigs = new Set<string>();
  for (const signature of signatures) {
    if (!isRecord(signature)) continue;
    const { keyid, sig } = signature;
    if (typeof keyid === "string" && keyid !== "") {
      if (keyids.has(keyid)) return `two signatures have key id ${JSON.stringify(keyid)}`;
      keyids.add(keyid);
    }
    if (typeof sig === "string") {
      if (sigs.has(sig)) return "two signatures have the same signature bytes";
      sigs.add(sig);
    }
  }
  return undefined;
}

/**
 * Verifies a DSSE envelope against trusted verifiers. Never throws: every
 * problem becomes a failed check with a stable code — `envelope.malformed`,
 * `signature.none`, `signature.duplicate`, `signature.malformed`,
 * `signature.keyid_mismatch` (no trusted key with that key id),
 * `signature.invalid` (verification failed) — and each good signature a
 * `signature.verified` check. A signature with an empty or missing `keyid` is
 * tried with every verifier. The result is `ok` when at least one signature verified and
 * no signature was malformed or invalid; signatures by unknown keys alone do
 * not make it fail.
 *
 * @param envelope The parsed JSON, of any shape.
 * @param verifiers The trusted keys.
 * @returns The checks, and the payload when `ok`.
 */
export async function verifyDsse(envelope: unknown, verifiers: Verifier[]): Promise<DsseResult> {
  const problem = shapeProblem(envelope);
  if (problem !== undefined) return fail("envelope.malformed", problem);
  const { payloadType, payload, signatures } = envelope as {
    payloadType: string;
    payload: string;
    signatures: unknown[];
  };
  if (signatures.length === 0) return fail("signature.none", "the envelope has no signatures");
  const duplicate = duplicateProblem(signatures);
  if (duplicate !== undefined) return fail("signature.duplicate", duplicate);
  const body = decodeBase64(payload)!;
  const data = pae(payloadType, body);
  const checks: DsseCheck[] = [];
  for (const [index, signature] of signatures.entries()) {
    checks.push(await checkSignature(signature, index, data, verifiers));
  }
  const verified = checks.some((c) => c.code === "signature.verified");
  const broken = checks.some((c) =>
    c.code !== "signature.verified" && c.code !== "signature.keyid_mismatch"
  );
  if (verified && !broken) return { ok: true, payload: body, payloadType, checks };
  return { ok: false, checks };
}
