// The timestamp-authority client against @sigstore/mock's TSA (in process).
import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { DEFAULT_TRANSPORT } from "../../../src/sigstore/sign/_http.ts";
import { requestTimestamp } from "../../../src/sigstore/sign/tsa.ts";
import { parseTimestamp } from "../../../src/sigstore/timestamp/rfc3161.ts";
import { localStack } from "../_keyless.ts";

const stack = await localStack();
const transport = { ...DEFAULT_TRANSPORT, fetch: stack.fetch, attempts: 1 };
const signature = new Uint8Array(71).fill(7);
const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", signature));

Deno.test("TSA: a granted RFC 3161 timestamp over the signature's SHA-256", async () => {
  let sent: Record<string, unknown> = {};
  const der = await requestTimestamp(`${stack.url}/api/v1/timestamp`, signature, {
    ...transport,
    fetch: async (input, init) => {
      sent = JSON.parse(String(init?.body));
      return await stack.fetch(input, init);
    },
  });
  assert.deepEqual(parseTimestamp(der).imprint, digest);
  assert.deepEqual(sent, { artifactHash: digest.toBase64(), hashAlgorithm: "sha256" });
});

Deno.test("TSA: refusals, outages and answers that are not a timestamp over this signature", async () => {
  const cases: [string, string][] = [
    [`${stack.url}/fault/status-400/api/v1/timestamp`, "sigstore.tsa_rejected"],
    [`${stack.url}/fault/status-503/api/v1/timestamp`, "sigstore.tsa_unavailable"],
    [`${stack.url}/fault/down/api/v1/timestamp`, "sigstore.tsa_unavailable"],
    [`${stack.url}/fault/garbage/api/v1/timestamp`, "sigstore.tsa_malformed"],
    [`${stack.url}/fault/other-digest/api/v1/timestamp`, "sigstore.tsa_malformed"],
  ];
  for (const [url, code] of cases) {
    await assert.rejects(
      requestTimestamp(url, signature, transport),
      (e: unknown) => e instanceof VouchError && e.code === code,
      url,
    );
  }
});
