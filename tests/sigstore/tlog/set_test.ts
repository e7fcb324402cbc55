import assert from "node:assert/strict";
import { setPayload, verifySet } from "../../../src/sigstore/tlog/set.ts";
import { parsePublicKey } from "../../../src/sigstore/_crypto.ts";
import type { TlogEntry } from "../../../src/sigstore/bundle.ts";
import { makeKey, sign } from "../_stack.ts";

function entry(overrides: Partial<TlogEntry> = {}): TlogEntry {
  return {
    position: 0,
    logIndex: 27246492n,
    logId: new Uint8Array(32).fill(0xab),
    kind: "hashedrekord",
    version: "0.0.1",
    integratedTime: 1689177396n,
    body: new TextEncoder().encode('{"kind":"hashedrekord"}'),
    ...overrides,
  };
}

Deno.test("setPayload: the canonical JSON Rekor signs (RFC 8785 key order, integers, hex log id)", () => {
  assert.equal(
    new TextDecoder().decode(setPayload(entry())),
    `{"body":"eyJraW5kIjoiaGFzaGVkcmVrb3JkIn0=","integratedTime":1689177396,"logID":"${
      "ab".repeat(32)
    }","logIndex":27246492}`,
  );
});

Deno.test("verifySet: the log's signature over the payload verifies; any change breaks it", async () => {
  const key = await makeKey("P-256");
  const good = entry();
  good.inclusionPromise = await sign(key, setPayload(good));
  const publicKey = parsePublicKey(key.spki);
  assert.equal(await verifySet(good, publicKey), true);
  for (
    const changed of [
      { logIndex: 27246493n },
      { integratedTime: 1689177397n },
      { logId: new Uint8Array(32) },
      { body: new TextEncoder().encode("{}") },
    ]
  ) {
    assert.equal(
      await verifySet({ ...good, ...changed }, publicKey),
      false,
      JSON.stringify(Object.keys(changed)),
    );
  }
  assert.equal(await verifySet(entry(), publicKey), false, "no promise");
  assert.equal(
    await verifySet(good, parsePublicKey((await makeKey("P-256")).spki)),
    false,
    "another key",
  );
});
