/**
 * The catalogue of Sigstore verification check codes: every check
 * `verifyBundle()` can report, with the one-line hint for a failure.
 * Codes are stable; the message of a check carries the values. A code marked
 * `pass` is reported with `ok: true` when its check holds.
 *
 * @module
 */

/** One entry of the catalogue. */
export interface CheckSpec {
  /** What a failure means and what to do about it (passing codes: what held). */
  hint: string;
  /** `true` for the codes of passing checks. */
  pass?: true;
}

/** Every check code, with its hint. */
export const SIGSTORE_CHECKS = {
  "bundle.ok": { pass: true, hint: "the bundle is well-formed for its media type" },
  "bundle.too_large": {
    hint: "the bundle file is over 256 MiB, more than vouch attest writes; pass the bundle itself",
  },
  "bundle.json": { hint: "the bundle is not UTF-8 JSON; pass the .sigstore.json file" },
  "bundle.media_type": {
    hint: "the media type is missing or not a Sigstore bundle v0.1, v0.2 or v0.3",
  },
  "bundle.malformed": {
    hint: "a bundle field is missing or has the wrong type or encoding (the message names it)",
  },
  "bundle.version_rules": {
    hint:
      "the bundle breaks a rule of its version: v0.1 entries need an inclusion promise, v0.2+ an inclusion proof, any proof a checkpoint, v0.3 one certificate",
  },
  "bundle.limits": {
    hint:
      "the bundle has more entries than a verifier accepts (32 log entries, 32 timestamps, 10 certificates) or the same entry twice",
  },
  "artifact.ok": {
    pass: true,
    hint: "the artifact matches the signed message digest or is a subject of the signed statement",
  },
  "artifact.required": {
    hint: "a message-signature bundle signs an artifact: pass the artifact (path or sha256:HEX)",
  },
  "artifact.digest_mismatch": {
    hint:
      "the artifact is not the one the bundle's message digest names: check you passed the right file",
  },
  "artifact.digest_unavailable": {
    hint:
      "the bundle digests with another hash than the one given: pass the artifact file instead of sha256:HEX",
  },
  "artifact.statement_invalid": {
    hint:
      "the DSSE payload is not an in-toto Statement (payloadType application/vnd.in-toto+json, `_type` Statement v1 or v0.1)",
  },
  "artifact.not_a_subject": {
    hint:
      "the artifact's SHA-256 is not a subject of the signed in-toto Statement: check you passed the right file",
  },
  "signature.verified": { pass: true, hint: "the signature verifies with the signing key" },
  "signature.invalid": {
    hint:
      "the signature does not verify with the signing key: the bundle or the artifact was altered",
  },
  "signature.unsupported": {
    hint:
      "the signing key or algorithm cannot be verified here (e.g. Ed25519 over a digest): pass the artifact file",
  },
  "key.required": {
    hint: "the bundle is signed with a key, not a certificate: pass its public key with --key",
  },
  "certificate.malformed": {
    hint: "a certificate in the bundle is not a DER X.509 v3 certificate",
  },
  "certificate.profile": {
    hint:
      "the signing certificate is not a Sigstore leaf (a CA, no digitalSignature or codeSigning usage, an unknown critical or a malformed Fulcio extension)",
  },
  "certificate.root_in_bundle": {
    hint:
      "the bundle carries a root CA certificate, which signers must not include: re-sign, or remove the root from verificationMaterial",
  },
  "certificate.chain_ok": {
    pass: true,
    hint: "the signing certificate chains to a trusted certificate authority at the signing time",
  },
  "certificate.chain_invalid": {
    hint:
      "the signing certificate does not chain to a certificate authority of the trusted root valid at the signing time (wrong --trusted-root?)",
  },
  "sct.verified": {
    pass: true,
    hint: "an embedded SCT verifies with a certificate-transparency log of the trusted root",
  },
  "sct.missing": {
    hint: "the certificate carries no SCT from a certificate-transparency log of the trusted root",
  },
  "sct.invalid": {
    hint: "an embedded SCT is malformed or does not verify with its log's key",
  },
  "identity.ok": { pass: true, hint: "the certificate identity matches the policy" },
  "identity.policy_required": {
    hint:
      "a keyless bundle is verified only against an identity: pass --certificate-identity (or -regexp) and --certificate-oidc-issuer",
  },
  "identity.policy_conflict": {
    hint:
      "a bundle is signed by a key or by a certificate identity, never both: pass --key or --certificate-identity[-regexp] with --certificate-oidc-issuer, not both",
  },
  "identity.san_mismatch": {
    hint: "the certificate was issued to another identity than --certificate-identity",
  },
  "identity.issuer_mismatch": {
    hint: "the certificate's OIDC issuer (Fulcio extension) is not --certificate-oidc-issuer",
  },
  "tlog.required": {
    hint: "a keyless bundle must carry at least one transparency-log entry",
  },
  "tlog.unknown_log": {
    hint:
      "the entry's log is not in the trusted root, or its key is not usable at that time (wrong --trusted-root?)",
  },
  "tlog.set_verified": {
    pass: true,
    hint: "the inclusion promise (signed entry timestamp) verifies with the log's key",
  },
  "tlog.set_invalid": {
    hint: "the inclusion promise does not verify: the entry or its log index/time was altered",
  },
  "tlog.checkpoint_invalid": {
    hint:
      "the checkpoint is malformed, not signed by the log, names another log, or does not match the inclusion proof",
  },
  "tlog.inclusion_verified": {
    pass: true,
    hint: "the Merkle inclusion proof leads to the signed checkpoint's root hash",
  },
  "tlog.inclusion_invalid": {
    hint:
      "the inclusion proof does not lead to the checkpoint's root hash, or does not prove a Rekor v2 entry's log index",
  },
  "tlog.body_ok": {
    pass: true,
    hint: "the logged entry records this bundle's signature, key and artifact digest",
  },
  "tlog.body_mismatch": {
    hint:
      "the logged entry records another signature, key or artifact digest than the bundle: the log entry belongs to something else",
  },
  "tlog.body_unsupported": {
    hint:
      "the entry kind/version is not one vouch checks (hashedrekord 0.0.1/0.0.2, dsse 0.0.1/0.0.2, intoto 0.0.2)",
  },
  "tlog.time_in_future": {
    hint: "the entry's integrated time is later than now: the clock or the entry is wrong",
  },
  "timestamp.verified": {
    pass: true,
    hint: "the RFC 3161 timestamp verifies with a timestamp authority of the trusted root",
  },
  "timestamp.malformed": {
    hint: "a signed timestamp is not a granted RFC 3161 TimeStampResp with one signer",
  },
  "timestamp.untrusted": {
    hint:
      "no timestamp authority of the trusted root, valid at the timestamp's time, issued this timestamp",
  },
  "timestamp.imprint_mismatch": {
    hint: "the timestamp was made for another signature than the bundle's",
  },
  "timestamp.signature_invalid": {
    hint: "the timestamp's CMS signature or message digest does not verify",
  },
  "timestamp.in_future": {
    hint: "the timestamp's time is later than now: the clock or the timestamp is wrong",
  },
  "time.ok": {
    pass: true,
    hint: "every verified signing time lies within the certificate's validity",
  },
  "time.none_verified": {
    hint:
      "a keyless bundle needs a verified signing time: an inclusion promise (Rekor v1) or an RFC 3161 timestamp",
  },
  "time.outside_certificate": {
    hint: "a verified signing time lies outside the signing certificate's validity",
  },
} as const satisfies Record<string, CheckSpec>;

/** A check code of the Sigstore verifier. */
export type SigstoreCheckCode = keyof typeof SIGSTORE_CHECKS;

/** One finding of `verifyBundle()`. */
export interface SigstoreCheck {
  /** The stable code (see {@linkcode SIGSTORE_CHECKS}). */
  code: SigstoreCheckCode;
  /** Whether the check held. */
  ok: boolean;
  /** One line saying what was found. */
  message: string;
}

/**
 * A passing check.
 *
 * @param code The code.
 * @param message One line.
 * @returns The check.
 */
export function passed(code: SigstoreCheckCode, message: string): SigstoreCheck {
  return { code, ok: true, message };
}

/**
 * A failing check.
 *
 * @param code The code.
 * @param message One line.
 * @returns The check.
 */
export function failed(code: SigstoreCheckCode, message: string): SigstoreCheck {
  return { code, ok: false, message };
}
