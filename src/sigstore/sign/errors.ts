/**
 * The catalogue of keyless-signing error codes: every {@linkcode VouchError}
 * the signing stage (`src/sigstore/sign/`) throws, with its one-line fix.
 * Codes are stable; the message of an error carries the values (service URL,
 * HTTP status, the failing checks), never the identity token.
 *
 * @module
 */
import { VouchError } from "../../errors.ts";

/** Every signing error code, with its hint. */
export const SIGN_ERRORS = {
  "sigstore.token_missing": "in GitHub Actions give the job `permissions: id-token: write`; " +
    "in GitLab CI add `id_tokens: SIGSTORE_ID_TOKEN: aud: sigstore`; elsewhere pass " +
    "--identity-token-env NAME with a variable holding an OIDC token for audience sigstore",
  "sigstore.token_unavailable":
    "the CI token endpoint did not answer; re-run the job (GitHub Actions: ACTIONS_ID_TOKEN_REQUEST_URL)",
  "sigstore.token_rejected":
    "the CI token endpoint refused the request: check `permissions: id-token: write` on the job",
  "sigstore.token_malformed":
    "the CI token endpoint answered without a token; re-run the job, or pass --identity-token-env",
  "sigstore.token_invalid":
    "pass an unexpired OIDC identity token (a JWT with iss and sub claims) issued for audience sigstore",
  "sigstore.fulcio_unavailable":
    "Fulcio did not answer after the retries; re-run later or check --fulcio-url / the signing config",
  "sigstore.fulcio_rejected":
    "Fulcio refused the identity token: check its issuer is one Fulcio trusts and its audience is sigstore",
  "sigstore.fulcio_malformed":
    "Fulcio's answer is not a certificate chain with an embedded SCT: check --fulcio-url points at Fulcio",
  "sigstore.fulcio_key_mismatch":
    "Fulcio certified another key than the one vouch sent: the instance is misbehaving; nothing was signed",
  "sigstore.rekor_unavailable":
    "Rekor did not answer after the retries; re-run later or check --rekor-url / the signing config",
  "sigstore.rekor_rejected":
    "Rekor refused the entry (HTTP 4xx, 409: already logged); check --rekor-url and re-run",
  "sigstore.rekor_malformed":
    "Rekor's answer is not a log entry with an inclusion proof: check --rekor-url points at Rekor",
  "sigstore.tsa_unavailable":
    "the timestamp authority did not answer after the retries; re-run later or check --tsa-url",
  "sigstore.tsa_rejected": "the timestamp authority refused the request; check --tsa-url",
  "sigstore.tsa_malformed":
    "the timestamp authority's answer is not an RFC 3161 timestamp over the signature; check --tsa-url",
  "sigstore.self_verification_failed":
    "the bundle does not verify against the instance's trusted root: pass the --trusted-root of the " +
    "instance you sign with (the checks that failed are named); nothing was written",
  "sigstore.trusted_root_required":
    "pass --trusted-root FILE, the trusted_root.json of that instance (vouch never fetches it)",
  "sigstore.signing_config_invalid":
    "pass a Sigstore signing_config.json v0.2 (mediaType application/vnd.dev.sigstore.signingconfig.v0.2+json) with a usable CA and Rekor log",
  "sigstore.url_invalid":
    "give an https:// URL (http:// only for 127.0.0.1, ::1 or localhost), without query or fragment",
} as const;

/** A signing error code. */
export type SignErrorCode = keyof typeof SIGN_ERRORS;

/**
 * A signing error with its catalogue hint.
 *
 * @param code The code.
 * @param message One line with the values.
 * @returns The error.
 */
export function signError(code: SignErrorCode, message: string): VouchError {
  return new VouchError(code, message, SIGN_ERRORS[code]);
}
