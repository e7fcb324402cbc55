/**
 * The Rekor client: logs a DSSE envelope signed by the Fulcio certificate's
 * key and returns the entry in a bundle's form. Rekor v1: `POST
 * /api/v1/log/entries` with a proposed `dsse` 0.0.1 entry (the envelope and
 * the certificate as verifier); the answer carries the canonicalized body,
 * the inclusion promise (signed entry timestamp) and the inclusion proof with
 * its checkpoint. Rekor v2: `POST /api/v2/log/entries` with a
 * `dsseRequestV002`; the answer is the `TransparencyLogEntry` itself (an
 * inclusion proof, no promise: a timestamp authority gives the time).
 * Whether the entry really records this signature, and its proofs hold, is
 * checked when the finished bundle is verified.
 *
 * @module
 */
import { isRecord } from "../../_util.ts";
import type { DsseEnvelope } from "../../signing/dsse.ts";
import { encodeBase64 } from "../../signing/_base64.ts";
import { encodePem } from "../../signing/keys.ts";
import type { TlogEntryJson } from "../../signing/keyless_bundle.ts";
import { decodeProtoBytes, fromHex, utf8 } from "../_bytes.ts";
import {
  callService,
  jsonAnswer,
  malformedAnswer,
  type ServiceCall,
  type Transport,
} from "./_http.ts";

/** A Rekor log to write to. */
export interface RekorLog {
  /** The base URL (`https://rekor.sigstore.dev`). */
  url: string;
  /** The major API version: 1 (`dsse` 0.0.1 entries) or 2 (`dsse` 0.0.2). */
  apiVersion: 1 | 2;
}

/** What is logged. */
export interface DsseLogRequest {
  /** The envelope (one signature). */
  envelope: DsseEnvelope;
  /** The signing certificate, DER. */
  certificate: Uint8Array;
}

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
const UINT = /^(?:0|[1-9][0-9]{0,18})$/;

/** Reads an answer's fields, failing with `sigstore.rekor_malformed` naming the field. */
class Reader {
  constructor(private readonly call: ServiceCall) {}

  fail(why: string): Error {
    return malformedAnswer(this.call, why);
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (!isRecord(value)) throw this.fail(`its answer has no object ${path}`);
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== "string" || value === "") throw this.fail(`its answer has no ${path}`);
    return value;
  }

  /** A non-negative int64, as a JSON number or a decimal string. */
  uint(value: unknown, path: string): string {
    const text = typeof value === "number" && Number.isSafeInteger(value) ? String(value) : value;
    if (typeof text !== "string" || !UINT.test(text)) {
      throw this.fail(`its answer's ${path} is not a non-negative integer`);
    }
    return text;
  }

  /** Hex (Rekor v1) as standard base64. */
  hex(value: unknown, path: string): string {
    const bytes = typeof value === "string" ? fromHex(value) : undefined;
    if (bytes === undefined) throw this.fail(`its answer's ${path} is not hex`);
    return encodeBase64(bytes);
  }

  /** Protobuf-JSON bytes (Rekor v2), as standard base64. */
  bytes(value: unknown, path: string): string {
    const bytes = typeof value === "string" ? decodeProtoBytes(value) : undefined;
    if (bytes === undefined) throw this.fail(`its answer's ${path} is not base64`);
    return encodeBase64(bytes);
  }

  list<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] {
    if (!Array.isArray(value)) throw this.fail(`its answer's ${path} is not a list`);
    return value.map((v, i) => item(v, `${path}[${i}]`));
  }

  /** An inclusion proof; its hashes hex (Rekor v1) or protobuf bytes (v2). */
  proof(
    value: unknown,
    checkpoint: unknown,
    hashes: "hex" | "bytes",
  ): TlogEntryJson["inclusionProof"] {
    const proof = this.object(value, "inclusionProof");
    const decode = (v: unknown, p: string) => hashes === "hex" ? this.hex(v, p) : this.bytes(v, p);
    return {
      logIndex: this.uint(proof.logIndex, "inclusionProof.logIndex"),
      rootHash: decode(proof.rootHash, "inclusionProof.rootHash"),
      treeSize: this.uint(proof.treeSize, "inclusionProof.treeSize"),
      hashes: this.list(proof.hashes ?? [], "inclusionProof.hashes", decode),
      checkpoint: { envelope: this.string(checkpoint, "inclusionProof.checkpoint") },
    };
  }

  /** The logged body must be the kind and version asked for. */
  body(encoded: string, kind: string, version: string): void {
    const bytes = decodeProtoBytes(encoded);
    const text = bytes === undefined ? undefined : utf8(bytes);
    let body: unknown;
    try {
      body = text === undefined ? undefined : JSON.parse(text);
    } catch {
      // reported below
    }
    if (!isRecord(body) || body.kind !== kind || body.apiVersion !== version) {
      throw this.fail(`the logged body is not a ${kind} ${version} entry`);
    }
  }
}

function v1Request(request: DsseLogRequest): unknown {
  const { envelope } = request;
  return {
    apiVersion: "0.0.1",
    kind: "dsse",
    spec: {
      proposedContent: {
        envelope: JSON.stringify({
          payload: envelope.payload,
          payloadType: envelope.payloadType,
          signatures: envelope.signatures.map(({ sig }) => ({ sig })),
        }),
        verifiers: [
          encodeBase64(new TextEncoder().encode(encodePem("CERTIFICATE", request.certificate))),
        ],
      },
    },
  };
}

/** Rekor v1's answer `{ "<uuid>": LogEntry }` as a bundle's entry. */
function v1Entry(answer: unknown, r: Reader): TlogEntryJson {
  const entries = Object.values(r.object(answer, "(the entry map)"));
  if (entries.length !== 1) throw r.fail(`its answer holds ${entries.length} entries, not one`);
  const entry = r.object(entries[0], "entry");
  const verification = r.object(entry.verification, "verification");
  const proof = r.object(verification.inclusionProof, "verification.inclusionProof");
  const body = r.string(entry.body, "body");
  r.body(body, "dsse", "0.0.1");
  return {
    logIndex: r.uint(entry.logIndex, "logIndex"),
    logId: { keyId: r.hex(entry.logID, "logID") },
    kindVersion: { kind: "dsse", version: "0.0.1" },
    integratedTime: r.uint(entry.integratedTime, "integratedTime"),
    inclusionPromise: {
      signedEntryTimestamp: r.bytes(
        verification.signedEntryTimestamp,
        "verification.signedEntryTimestamp",
      ),
    },
    inclusionProof: r.proof(proof, proof.checkpoint, "hex"),
    canonicalizedBody: r.bytes(body, "body"),
  };
}

function v2Request(request: DsseLogRequest): unknown {
  const { envelope } = request;
  return {
    dsseRequestV002: {
      envelope: {
        payload: envelope.payload,
        payloadType: envelope.payloadType,
        signatures: envelope.signatures.map(({ sig }) => ({ sig })),
      },
      verifiers: [{
        x509Certificate: { rawBytes: encodeBase64(request.certificate) },
        keyDetails: "PKIX_ECDSA_P256_SHA_256",
      }],
    },
  };
}

/** Rekor v2's answer, a `TransparencyLogEntry`, in vouch's form. */
function v2Entry(answer: unknown, r: Reader): TlogEntryJson {
  const entry = r.object(answer, "(the entry)");
  const kindVersion = r.object(entry.kindVersion, "kindVersion");
  if (kindVersion.kind !== "dsse" || kindVersion.version !== "0.0.2") {
    throw r.fail("its entry is not a dsse 0.0.2 entry");
  }
  const proof = r.object(entry.inclusionProof, "inclusionProof");
  const checkpoint = r.object(proof.checkpoint, "inclusionProof.checkpoint");
  const body = r.string(entry.canonicalizedBody, "canonicalizedBody");
  r.body(body, "dsse", "0.0.2");
  const out: TlogEntryJson = {
    logIndex: r.uint(entry.logIndex, "logIndex"),
    logId: { keyId: r.bytes(r.object(entry.logId, "logId").keyId, "logId.keyId") },
    kindVersion: { kind: "dsse", version: "0.0.2" },
    inclusionProof: r.proof(proof, checkpoint.envelope, "bytes"),
    canonicalizedBody: r.bytes(body, "canonicalizedBody"),
  };
  // Rekor v2 vouches for no integrated time; one it reports anyway is kept as given.
  if (entry.integratedTime !== undefined && entry.integratedTime !== "0") {
    out.integratedTime = r.uint(entry.integratedTime, "integratedTime");
  }
  return out;
}

/**
 * Logs a DSSE envelope in a Rekor log.
 *
 * @param log The log's URL and API version.
 * @param request The envelope and the signing certificate.
 * @param transport The fetch and its retry settings.
 * @returns The entry, as a bundle carries it.
 * @throws {VouchError} `sigstore.rekor_unavailable`, `sigstore.rekor_rejected`
 *   (a 4xx, 409 for an entry already logged), `sigstore.rekor_malformed`.
 */
export async function logDsse(
  log: RekorLog,
  request: DsseLogRequest,
  transport: Transport,
): Promise<TlogEntryJson> {
  const call: ServiceCall = {
    service: "rekor",
    url: `${log.url}/api/v${log.apiVersion}/log/entries`,
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(log.apiVersion === 1 ? v1Request(request) : v2Request(request)),
    maxBytes: MAX_ANSWER_BYTES,
  };
  const answer = jsonAnswer(await callService(call, transport), call);
  const reader = new Reader(call);
  return log.apiVersion === 1 ? v1Entry(answer, reader) : v2Entry(answer, reader);
}
