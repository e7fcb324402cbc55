import assert from "node:assert/strict";
import {
  describeWindow,
  inWindow,
  loadTrustedRoot,
  parseRfc3339,
  parseTrustedRoot,
  publicGoodTrustedRoot,
  trustMaterial,
} from "../../src/sigstore/trust_root.ts";
import { isVouchError } from "../../src/errors.ts";
import { makeStack, trustedRootJson } from "./_stack.ts";

const stack = await makeStack();
// deno-lint-ignore no-explicit-any
type Json = any;

function rejects(text: string, reason: RegExp): void {
  assert.throws(
    () => loadTrustedRoot(text),
    (e) => isVouchError(e) && e.code === "trusted_root.invalid" && reason.test(e.message),
  );
}

Deno.test("publicGoodTrustedRoot: the embedded root parses, with usable keys", () => {
  const root = publicGoodTrustedRoot();
  assert.equal(root, publicGoodTrustedRoot(), "parsed once");
  assert.deepEqual(
    { ...root },
    {
      mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
      certificateAuthorities: 2,
      timestampAuthorities: 1,
      tlogs: 2,
      ctlogs: 2,
    },
  );
  const material = trustMaterial(root);
  assert.deepEqual(material.tlogs.map((l) => l.key?.type), ["ecdsa-p256", "ed25519"]);
  assert.equal(material.tlogs[1].baseUrl, "https://log2025-1.rekor.sigstore.dev");
  assert.deepEqual(material.certificateAuthorities.map((a) => a.chain.length), [1, 2]);
  assert.equal(
    material.certificateAuthorities[0].validFor.end,
    parseRfc3339("2022-12-31T23:59:59.999Z"),
  );
});

Deno.test("publicGoodTrustedRoot: certificates parsed on first use, each one valid (as an eager parse finds)", async () => {
  const { PUBLIC_GOOD_TRUSTED_ROOT_JSON } = await import(
    "../../src/sigstore/public_good_trusted_root.ts"
  );
  const eager = trustMaterial(parseTrustedRoot(JSON.parse(PUBLIC_GOOD_TRUSTED_ROOT_JSON)));
  const lazy = trustMaterial(publicGoodTrustedRoot());
  for (const key of ["certificateAuthorities", "timestampAuthorities"] as const) {
    assert.deepEqual(
      lazy[key].map((a) => a.chain.map((c) => c.subject)),
      eager[key].map((a) => a.chain.map((c) => c.subject)),
    );
  }
  // Deferred, a bad certificate throws the same coded error, at first use of its chain.
  const bad = trustedRootJson(stack, (r: Json) => {
    r.certificateAuthorities[0].certChain.certificates[0].rawBytes = btoa("junk");
  });
  const root = trustMaterial(parseTrustedRoot(JSON.parse(bad), { deferCertificates: true }));
  assert.throws(
    () => root.certificateAuthorities[0].chain,
    (e) =>
      isVouchError(e) && e.code === "trusted_root.invalid" &&
      /is not a certificate/.test(e.message),
  );
});

Deno.test("parseTrustedRoot: the handle is opaque and frozen; foreign objects are refused", () => {
  const root = loadTrustedRoot(trustedRootJson(stack));
  assert.ok(Object.isFrozen(root));
  assert.throws(
    () => trustMaterial({ ...root }),
    (e) => isVouchError(e) && e.code === "trusted_root.invalid",
  );
});

Deno.test("parseTrustedRoot: null fields are absent (protobuf JSON); PKCS#1 RSA CT keys are read", () => {
  const text = trustedRootJson(stack, (root: Json) => {
    root.tlogs[0].publicKey.validFor.end = null;
    root.ctlogs[0].checkpointKeyId = null;
    // A bare PKCS#1 RSAPublicKey, as the staging root's first CT log key.
    root.ctlogs.push({
      baseUrl: "https://rsa.ct",
      hashAlgorithm: "SHA2_256",
      publicKey: {
        rawBytes:
          "MIIBCgKCAQEAxv0mLGWHs6eC5UpU8KwBqozJWObfx6wyq4tBwdRSZSYhMb9HCnqyeUnW3VGfcLb+IHjpbVrFAHMV3uGDxKpFQaOh/I2Cg1JY3uWcJRhGtW0MxWHWk2ByWXgQGSKvymDGrPd3GdYxP4ZLlXJupfxPXU3fmwIP+O/YPd1JxGzSgTKTqqzFbMz91I1Vbk0ZOYDuLDQGfUJNa9HzULcEkGJmVovErJnGqkXPZW5R3iDRbGMmcuUwC6LoZTx7TPNmWJKu5U6D65IKuRZTDUmD/OZx3iyD9ggIpzrKdqYmrqCfn89l/qy1YS4yyl9YmX4MQMjBwKZnEG5y6KMAdgZh3cJkCwIDAQAB",
        keyDetails: "PKCS1_RSA_PKCS1V5",
        validFor: { start: "2021-01-01T00:00:00Z" },
      },
      logId: { keyId: btoa("x".repeat(32)) },
    });
  });
  const material = trustMaterial(loadTrustedRoot(text));
  assert.equal(material.tlogs[0].validFor.end, undefined);
  assert.equal(material.ctlogs[1].key?.type, "rsa");
});

Deno.test("parseTrustedRoot: a log key without validFor.start, or of an unknown type, is kept but unusable", () => {
  const text = trustedRootJson(stack, (root: Json) => {
    delete root.tlogs[0].publicKey.validFor;
    root.tlogs[1].publicKey.rawBytes = btoa("not a key");
  });
  const [noStart, badKey] = trustMaterial(loadTrustedRoot(text)).tlogs;
  assert.equal(noStart.key, undefined);
  assert.match(noStart.keyProblem ?? "", /no validFor.start/);
  assert.equal(badKey.key, undefined);
  assert.match(badKey.keyProblem ?? "", /cannot be used/);
});

Deno.test("parseTrustedRoot: an authority without certificates is kept, with an empty chain", () => {
  // protobuf JSON: an empty or absent certChain is an empty message, not a malformed root.
  const text = trustedRootJson(stack, (root: Json) => {
    root.timestampAuthorities.push({ uri: "https://empty.tsa", certChain: { certificates: [] } });
    root.timestampAuthorities.push({ uri: "https://no-chain.tsa", certChain: null });
    root.certificateAuthorities.push({ uri: "https://empty.ca", certChain: {} });
  });
  const material = trustMaterial(loadTrustedRoot(text));
  assert.deepEqual(material.timestampAuthorities.map((a) => a.chain.length), [2, 0, 0]);
  assert.deepEqual(material.certificateAuthorities.map((a) => a.chain.length), [2, 0]);
});

Deno.test("parseTrustedRoot: structural problems make the root invalid, naming the field", () => {
  rejects("{", /not JSON/);
  rejects("[]", /not a JSON object/);
  rejects(JSON.stringify({ mediaType: "application/json" }), /mediaType/);
  const edit = (change: (root: Json) => void) => trustedRootJson(stack, change);
  rejects(edit((r) => (r.tlogs = {})), /tlogs is not an array/);
  rejects(edit((r) => (r.tlogs[0].logId = undefined)), /tlogs\[0\].logId/);
  rejects(edit((r) => (r.tlogs[0].publicKey.validFor.start = "yesterday")), /not an RFC 3339 time/);
  rejects(
    edit((
      r,
    ) => (r.tlogs[0].publicKey.validFor = {
      start: "2025-01-02T00:00:00Z",
      end: "2025-01-01T00:00:00Z",
    })),
    /ends before it starts/,
  );
  rejects(edit((r) => (r.timestampAuthorities[0].certChain = "x")), /certChain is not an object/);
  rejects(
    edit((r) => (r.certificateAuthorities[0].certChain.certificates[0].rawBytes = btoa("junk"))),
    /is not a certificate/,
  );
  rejects(edit((r) => (r.ctlogs[0].logId.keyId = "!!")), /not base64/);
  rejects(edit((r) => (r.tlogs = new Array(300).fill(r.tlogs[0]))), /more than 256/);
});

Deno.test("parseRfc3339 and inWindow: offsets, fractions up to nanoseconds, closed intervals", () => {
  assert.equal(parseRfc3339("1970-01-01T00:00:01Z"), 1_000_000_000n);
  assert.equal(parseRfc3339("1970-01-01T00:00:00.000000001Z"), 1n);
  assert.equal(parseRfc3339("1970-01-01T01:00:00+01:00"), 0n);
  assert.equal(
    parseRfc3339("2022-12-31T23:59:59.999000Z"),
    parseRfc3339("2022-12-31T23:59:59.999Z"),
  );
  for (
    const bad of [
      "2025-02-30T00:00:00Z",
      "2025-01-01 00:00:00Z",
      "2025-01-01T24:00:00Z",
      "2025-01-01T00:00:00",
    ]
  ) {
    assert.equal(parseRfc3339(bad), undefined, bad);
  }
  assert.ok(inWindow({ start: 1n, end: 3n }, 3n));
  assert.ok(inWindow({ start: 1n, end: 3n }, 1n));
  assert.equal(inWindow({ start: 1n, end: 3n }, 4n), false);
  assert.ok(inWindow({}, 0n));
  assert.ok(parseTrustedRoot(JSON.parse(trustedRootJson(stack))).tlogs === 2);
});

Deno.test("describeWindow: both bounds, one, or none", () => {
  const [start, end] = ["2025-04-09T00:00:00Z", "2025-06-01T00:00:00Z"].map((t) => parseRfc3339(t));
  assert.equal(
    describeWindow({ start, end }),
    "from 2025-04-09T00:00:00.000Z to 2025-06-01T00:00:00.000Z",
  );
  assert.equal(describeWindow({ start }), "from 2025-04-09T00:00:00.000Z");
  assert.equal(describeWindow({ end }), "until 2025-06-01T00:00:00.000Z");
  assert.equal(describeWindow({}), "at any time");
});
