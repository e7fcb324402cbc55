// A local Sigstore instance for the keyless-signing tests: Fulcio (with a CT
// log), Rekor v1 and v2 and a TSA, all served by @sigstore/mock's request
// handlers, plus a stand-in for GitHub Actions' OIDC token endpoint, and the
// trusted root built from the same keys. One request handler serves it: in
// process as a `fetch` (no network), or over HTTP on 127.0.0.1 by
// tests/sigstore/_mock_stack_server.ts.
//
// @sigstore/mock 0.13.0 differs from the real services in two places, so the
// handlers are wrapped here (test-only code; the product is not touched):
// - Rekor v1 logs a proposed `dsse` entry as sent, where Rekor verifies the
//   envelope with the verifier and logs the canonical form (`payloadHash`,
//   `envelopeHash` = SHA-256 of the envelope text sent, `signatures[{signature,
//   verifier}]`), which is what verifiers compare: the request is verified
//   and canonicalised that way before the handler sees it.
// - Rekor v2 logs its parsed request object (Buffers and all) instead of the
//   v2 `Entry`, and answers with an inclusion proof that cannot hold: the
//   entry's random log index in a tree of size 1, and the root hash (hex)
//   decoded as base64. The handler is given a log that receives the `Entry`
//   Rekor v2 logs (`dsseV002`: payload hash and the signature with its
//   certificate verifier), and its answer is corrected: log index 0 (the only
//   leaf of the one-entry tree the mock signs), the root hash the checkpoint
//   signs, and no integrated time (Rekor v2 gives none).
// - Its TSA writes the time with milliseconds in DER's shortest form (`.84`),
//   which sigstore-js's time parser (exactly three fraction digits) refuses one
//   time in ten or so (vouch reads it): its clock is set to whole seconds
//   (`wholeSecondTsa`).
//
// Faults are chosen by a path prefix, so one instance serves every scenario:
// `<base>/fault/<name>/api/...`, e.g. `--fulcio-url <base>/fault/status-500`:
// `status-NNN` (always that status), `once-NNN` (that status the first time),
// `garbage` (a 201 that is not JSON), `hang` (no answer until the client gives
// up), `down` (in process: a refused connection), `other-key` (Fulcio
// certifies another key), `other-digest` (the TSA stamps another digest),
// `replay` (Rekor answers with the entry it logged before), `bad-proof`
// (Rekor's inclusion proof gets a hash it does not have).
import { Buffer } from "node:buffer";
import nodeCrypto from "node:crypto";
import { mockTrustedRootJson, sigstoreMock, wholeSecondTsa } from "../_sigstore.ts";

/** The identity the test tokens carry: the SAN Fulcio certifies (the `sub` claim) and the issuer. */
export const MOCK_IDENTITY = {
  san: "https://github.com/example/demo-app/.github/workflows/release.yml@refs/tags/v1.0.0",
  issuer: "https://token.actions.githubusercontent.com",
};

/** The bearer token the fake GitHub token endpoint expects. */
export const GITHUB_REQUEST_TOKEN = "gh-request-bearer-7d1f4c0a9e";

/**
 * An unsigned JWT (the mock Fulcio reads the claims without checking a signature).
 *
 * @param claims The payload claims.
 * @returns The token.
 */
export function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

/** The identity token of {@linkcode MOCK_IDENTITY}, valid for an hour. */
export function mockToken(claims: Record<string, unknown> = {}): string {
  return unsignedJwt({
    iss: MOCK_IDENTITY.issuer,
    sub: MOCK_IDENTITY.san,
    aud: "sigstore",
    exp: Math.floor(Date.now() / 1000) + 3600,
    ...claims,
  });
}

/** A local Sigstore instance. */
export interface MockStack {
  /** Its base URL (every service lives under it). */
  url: string;
  /** The trusted root of its CA, CT log, Rekor log and TSA, JSON text. */
  trustedRootJson: string;
  /** Serves one request. */
  handle(request: Request): Promise<Response>;
  /** The same, as a fetch (no network). */
  fetch: typeof fetch;
  /** Every request served: `METHOD path`, in order. */
  requests: string[];
}

type Handler = { fn: (body: string) => Promise<{ statusCode: number; response: unknown }> };

const sha256 = (data: Uint8Array | string) => nodeCrypto.createHash("sha256").update(data).digest();

function pae(type: string, payload: Buffer): Buffer {
  const t = Buffer.from(type);
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${t.length} `),
    t,
    Buffer.from(` ${payload.length} `),
    payload,
  ]);
}

/** Throws (→ 400) unless the signature verifies with the certificate's key over the PAE. */
function verifyEnvelope(payloadType: string, payload: Buffer, sig: Buffer, cert: Buffer): void {
  const key = new nodeCrypto.X509Certificate(cert).publicKey;
  if (!nodeCrypto.verify("sha256", pae(payloadType, payload), key, sig)) {
    throw new Error("the envelope's signature does not verify with the verifier");
  }
}

/** Rekor v1: a proposed dsse entry → the canonical entry Rekor logs. */
function canonicalDsseV1(body: string): string {
  const proposed = JSON.parse(body);
  if (proposed.kind !== "dsse") return body;
  const { envelope, verifiers } = proposed.spec.proposedContent;
  const env = JSON.parse(envelope);
  const pem = Buffer.from(verifiers[0], "base64").toString();
  const cert = Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ""), "base64");
  const payload = Buffer.from(env.payload, "base64");
  verifyEnvelope(env.payloadType, payload, Buffer.from(env.signatures[0].sig, "base64"), cert);
  return JSON.stringify({
    apiVersion: "0.0.1",
    kind: "dsse",
    spec: {
      envelopeHash: { algorithm: "sha256", value: sha256(envelope).toString("hex") },
      payloadHash: { algorithm: "sha256", value: sha256(payload).toString("hex") },
      signatures: [{ signature: env.signatures[0].sig, verifier: verifiers[0] }],
    },
  });
}

/** Rekor v2: the parsed CreateEntryRequest → the Entry Rekor v2 logs. */
// deno-lint-ignore no-explicit-any
function dsseV2Entry(request: any): unknown {
  const { envelope, verifiers } = request.spec.dsseRequestV002;
  const cert: Buffer = verifiers[0].verifier.x509Certificate.rawBytes;
  const sig: Buffer = envelope.signatures[0].sig;
  verifyEnvelope(envelope.payloadType, envelope.payload, sig, cert);
  return {
    apiVersion: "0.0.2",
    kind: "dsse",
    spec: {
      dsseV002: {
        payloadHash: { algorithm: "SHA2_256", digest: sha256(envelope.payload).toString("base64") },
        signatures: [{
          content: sig.toString("base64"),
          verifier: {
            keyDetails: "PKIX_ECDSA_P256_SHA_256",
            x509Certificate: { rawBytes: cert.toString("base64") },
          },
        }],
      },
    },
  };
}

/** Rekor v2's answer with the one-leaf tree's proof the mock's checkpoint signs. */
function fixV2Answer(response: string): string {
  const entry = JSON.parse(response);
  const note = entry.inclusionProof.checkpoint.envelope.split("\n");
  entry.logIndex = "0";
  entry.inclusionProof.logIndex = "0";
  entry.inclusionProof.rootHash = note[2];
  delete entry.integratedTime;
  return JSON.stringify(entry);
}

function json(status: number, value: unknown): Response {
  return new Response(typeof value === "string" ? value : JSON.stringify(value), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

/**
 * Starts a local Sigstore instance.
 *
 * @param url Its base URL (the Rekor checkpoints are signed for its host).
 * @returns The instance.
 */
export async function makeMockStack(url: string): Promise<MockStack> {
  const keyPair = () => nodeCrypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
  const ctlog = await sigstoreMock.initializeCTLog(keyPair());
  const ca = await sigstoreMock.initializeCA(keyPair(), ctlog);
  const tlog = await sigstoreMock.initializeTLog(url, keyPair());
  const tsa = wholeSecondTsa(await sigstoreMock.initializeTSA(keyPair()));
  const trustedRootJson = mockTrustedRootJson({ tlogUrl: url, tlog, ca, ctlog, tsa });
  const v2Log = {
    // deno-lint-ignore no-explicit-any
    logV2: (request: any) => tlog.logV2(dsseV2Entry(request) as never),
  };
  const handlers: Record<string, Handler> = {
    "/api/v2/signingCert": sigstoreMock.fulcioHandler(ca) as Handler,
    "/api/v1/log/entries": sigstoreMock.rekorHandler(tlog) as Handler,
    "/api/v2/log/entries": sigstoreMock.rekorV2Handler(v2Log as never) as Handler,
    "/api/v1/timestamp": sigstoreMock.tsaHandler(tsa) as Handler,
  };
  const requests: string[] = [];
  const seen = new Map<string, number>();
  const lastRekor = new Map<string, string>();

  async function serve(service: string, body: string, fault: string): Promise<Response> {
    const handler = handlers[service];
    if (handler === undefined) return json(404, { code: 404, message: "no such path" });
    let input = body;
    try {
      if (service === "/api/v1/log/entries") input = canonicalDsseV1(body);
      if (service === "/api/v2/signingCert" && fault === "other-key") {
        const request = JSON.parse(body);
        request.publicKeyRequest.publicKey.content = keyPair().publicKey.export({
          type: "spki",
          format: "pem",
        });
        input = JSON.stringify(request);
      }
      if (service === "/api/v1/timestamp" && fault === "other-digest") {
        input = JSON.stringify({
          ...JSON.parse(body),
          artifactHash: sha256("other").toString("base64"),
        });
      }
    } catch (error) {
      return json(400, { code: 400, message: (error as Error).message });
    }
    const out = await handler.fn(input);
    let response = out.response;
    if (out.statusCode < 300 && service === "/api/v2/log/entries") {
      response = fixV2Answer(response as string);
    }
    if (out.statusCode < 300 && service.includes("/log/entries")) {
      const replayed = lastRekor.get(service);
      lastRekor.set(service, response as string);
      if (fault === "replay" && replayed !== undefined) response = replayed;
      if (fault === "bad-proof") {
        const answer = JSON.parse(response as string);
        const entry = service.includes("/v1/") ? Object.values(answer)[0] : answer;
        // deno-lint-ignore no-explicit-any
        const proof = (entry as any).verification?.inclusionProof ?? (entry as any).inclusionProof;
        proof.hashes = [service.includes("/v1/") ? "ab".repeat(32) : "q".repeat(43) + "="];
        response = JSON.stringify(answer);
      }
    }
    if (response instanceof Uint8Array) {
      return new Response(response as Uint8Array<ArrayBuffer>, {
        status: out.statusCode,
        headers: { "Content-Type": "application/timestamp-reply" },
      });
    }
    return json(out.statusCode, response);
  }

  function githubToken(request: Request): Response {
    const query = new URL(request.url).searchParams;
    if (request.headers.get("Authorization") !== `Bearer ${GITHUB_REQUEST_TOKEN}`) {
      return json(401, { message: "bad bearer" });
    }
    if (query.get("audience") !== "sigstore" || query.get("api-version") !== "2.0") {
      return json(400, { message: "audience sigstore and api-version 2.0 expected" });
    }
    return json(200, { value: mockToken() });
  }

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    requests.push(`${request.method} ${path}`);
    const match = /^(?:\/fault\/([a-z0-9-]+))?(\/.*)$/.exec(path)!;
    const [, fault = "", service] = match;
    const body = request.method === "POST" ? await request.text() : "";
    const count = (seen.get(path) ?? 0) + 1;
    seen.set(path, count);
    const status = /^status-(\d{3})$/.exec(fault)?.[1];
    if (status !== undefined) {
      return json(Number(status), { code: Number(status), message: "fault" });
    }
    const once = /^once-(\d{3})$/.exec(fault)?.[1];
    if (once !== undefined && count === 1) return json(Number(once), { code: Number(once) });
    if (fault === "garbage") return new Response("<html>not a service</html>", { status: 201 });
    if (fault === "hang") {
      await new Promise((resolve) => request.signal.addEventListener("abort", resolve));
      return new Response(null, { status: 504 });
    }
    if (service === "/token") return githubToken(request);
    return await serve(service, body, fault);
  }

  return {
    url,
    trustedRootJson,
    handle,
    // Like a real fetch: an abort rejects at once; the fault `down` is a refused connection.
    fetch: (input, init) => {
      const request = new Request(input, init);
      return new Promise((resolve, reject) => {
        if (new URL(request.url).pathname.startsWith("/fault/down/")) {
          return reject(new TypeError("error sending request: connection refused"));
        }
        const abort = () => reject(new DOMException("the request was aborted", "AbortError"));
        if (request.signal.aborted) return abort();
        request.signal.addEventListener("abort", abort, { once: true });
        handle(request).then(resolve, reject);
      });
    },
    requests,
  };
}
