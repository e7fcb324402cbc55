/**
 * The Fulcio client: `POST /api/v2/signingCert` with the identity token, the
 * ephemeral public key and the proof of possession (the key's signature over
 * the token's subject), answered by a certificate chain whose leaf carries an
 * embedded SCT. The leaf must certify exactly the key sent.
 *
 * @module
 */
import { isRecord } from "../../_util.ts";
import { encodeBase64 } from "../../signing/_base64.ts";
import { encodePem } from "../../signing/keys.ts";
import type { Signer } from "../../signing/dsse.ts";
import { DerError } from "../_asn1/reader.ts";
import { decodePem, equal } from "../_bytes.ts";
import { type SignerIdentity, signerIdentity } from "../policy.ts";
import { parseCertificate } from "../x509/certificate.ts";
import { callService, jsonAnswer, malformedAnswer, type Transport } from "./_http.ts";
import { signError } from "./errors.ts";

/** The certificate Fulcio issued. */
export interface SigningCertificate {
  /** The leaf, DER. */
  certificate: Uint8Array;
  /** Who it certifies (SAN, OIDC issuer, the Fulcio extensions). */
  identity: SignerIdentity & { issuer: string };
}

/** What the certificate request needs. */
export interface CertificateRequest {
  /** The OIDC identity token. */
  token: string;
  /** What the proof of possession signs (see `tokenClaims`). */
  subject: string;
  /** The ephemeral key's SPKI DER. */
  spki: Uint8Array;
  /** Signs with the ephemeral key (ECDSA DER). */
  signer: Signer;
}

const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Asks Fulcio for a signing certificate.
 *
 * @param fulcioUrl The CA's base URL (`https://fulcio.sigstore.dev`).
 * @param request The token, subject, key and signer.
 * @param transport The fetch and its retry settings.
 * @returns The leaf certificate and its identity.
 * @throws {VouchError} `sigstore.fulcio_unavailable`, `sigstore.fulcio_rejected`,
 *   `sigstore.fulcio_malformed`, `sigstore.fulcio_key_mismatch`.
 */
export async function requestSigningCertificate(
  fulcioUrl: string,
  request: CertificateRequest,
  transport: Transport,
): Promise<SigningCertificate> {
  const proof = await request.signer.sign(new TextEncoder().encode(request.subject));
  const call = {
    service: "fulcio" as const,
    url: `${fulcioUrl}/api/v2/signingCert`,
    method: "POST" as const,
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({
      credentials: { oidcIdentityToken: request.token },
      publicKeyRequest: {
        publicKey: { algorithm: "ECDSA", content: encodePem("PUBLIC KEY", request.spki) },
        proofOfPossession: encodeBase64(proof),
      },
    }),
    maxBytes: MAX_ANSWER_BYTES,
    secret: request.token,
  };
  const answer = jsonAnswer(await callService(call, transport), call);
  if (isRecord(answer) && answer.signedCertificateDetachedSct !== undefined) {
    throw malformedAnswer(
      call,
      "it gave a certificate with a detached SCT, which a Sigstore bundle cannot carry",
    );
  }
  const embedded = isRecord(answer) ? answer.signedCertificateEmbeddedSct : undefined;
  const chain = isRecord(embedded) ? embedded.chain : undefined;
  const pems = isRecord(chain) ? chain.certificates : undefined;
  if (!Array.isArray(pems) || pems.length === 0 || typeof pems[0] !== "string") {
    throw malformedAnswer(
      call,
      "its answer has no signedCertificateEmbeddedSct.chain.certificates",
    );
  }
  const block = decodePem(pems[0]);
  if (block?.label !== "CERTIFICATE") {
    throw malformedAnswer(call, "the first certificate of its chain is not a PEM CERTIFICATE");
  }
  let leaf;
  try {
    leaf = parseCertificate(block.der);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    throw malformedAnswer(call, `its certificate is not DER X.509: ${error.message}`);
  }
  if (!equal(leaf.spki, request.spki)) {
    throw signError(
      "sigstore.fulcio_key_mismatch",
      `Fulcio at ${fulcioUrl} issued a certificate for another public key than the one sent`,
    );
  }
  const identity = signerIdentity(leaf);
  if (identity?.issuer === undefined) {
    throw malformedAnswer(
      call,
      "its certificate names no identity (URI, email or username SAN) or no OIDC issuer extension",
    );
  }
  return { certificate: block.der, identity: { ...identity, issuer: identity.issuer } };
}
