/**
 * The timestamp-authority client: asks a Sigstore timestamp authority for an
 * RFC 3161 timestamp over the signature (`POST` to the TSA's full URL, e.g.
 * `https://timestamp.sigstore.dev/api/v1/timestamp`, with the JSON request
 * Sigstore's TSA and sigstore-js use: the SHA-256 of the signature), answered
 * by a DER `TimeStampResp`. The answer must be a granted timestamp whose
 * message imprint is that digest; whether the TSA is trusted is checked when
 * the finished bundle is verified.
 *
 * @module
 */
import { encodeBase64 } from "../../signing/_base64.ts";
import { DerError } from "../_asn1/reader.ts";
import { equal, hash } from "../_bytes.ts";
import { parseTimestamp } from "../timestamp/rfc3161.ts";
import { callService, malformedAnswer, type Transport } from "./_http.ts";

const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Gets an RFC 3161 timestamp over a signature.
 *
 * @param tsaUrl The TSA's full URL.
 * @param signature The signature bytes.
 * @param transport The fetch and its retry settings.
 * @returns The DER TimeStampResp.
 * @throws {VouchError} `sigstore.tsa_unavailable`, `sigstore.tsa_rejected`,
 *   `sigstore.tsa_malformed` (not a granted timestamp over this signature).
 */
export async function requestTimestamp(
  tsaUrl: string,
  signature: Uint8Array,
  transport: Transport,
): Promise<Uint8Array> {
  const digest = await hash("sha256", signature);
  const call = {
    service: "tsa" as const,
    url: tsaUrl,
    method: "POST" as const,
    headers: { "Content-Type": "application/json", Accept: "application/timestamp-reply" },
    body: JSON.stringify({ artifactHash: encodeBase64(digest), hashAlgorithm: "sha256" }),
    maxBytes: MAX_ANSWER_BYTES,
  };
  const { bytes } = await callService(call, transport);
  let imprint: Uint8Array;
  try {
    const timestamp = parseTimestamp(bytes);
    if (timestamp.imprintHash !== "sha256") {
      throw malformedAnswer(call, `its timestamp imprints a ${timestamp.imprintHash} digest`);
    }
    imprint = timestamp.imprint;
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    throw malformedAnswer(call, `its answer is not a granted RFC 3161 timestamp: ${error.message}`);
  }
  if (!equal(imprint, digest)) {
    throw malformedAnswer(call, "its timestamp is over another digest than the signature's");
  }
  return bytes;
}
