// Hostile input: truncated DER, lengths past the end, 10,000-deep nesting,
// huge integers, bundles of 50 MB and random corruption: always a coded
// failure (verifyBundle never throws), within bounded time and memory.
import assert from "node:assert/strict";
import { verifyBundle } from "../../src/sigstore/verifier.ts";
import { loadTrustedRoot } from "../../src/sigstore/trust_root.ts";
import { SIGSTORE_CHECKS } from "../../src/sigstore/codes.ts";
import { writeDer } from "../../src/signing/_der.ts";
import { b64, IDENTITY, ISSUER, makeBundle, makeStack, trustedRootJson } from "./_stack.ts";

const stack = await makeStack();
const root = loadTrustedRoot(trustedRootJson(stack));
const options = {
  trustedRoot: root,
  now: stack.now,
  identity: { subjectAlternativeName: IDENTITY, issuer: ISSUER },
};
// deno-lint-ignore no-explicit-any
type Json = any;

async function failureCodes(bundle: unknown, artifact: Uint8Array): Promise<string[]> {
  const result = await verifyBundle(bundle, { ...options, artifact: { bytes: artifact } });
  assert.equal(result.verified, false);
  const codes = result.checks.filter((c) => !c.ok).map((c) => c.code);
  assert.ok(codes.length > 0);
  for (const code of codes) assert.ok(code in SIGSTORE_CHECKS, code);
  return codes;
}

function nested(depth: number): Uint8Array {
  let der: Uint8Array = new Uint8Array([0x05, 0]);
  for (let i = 0; i < depth; i++) der = writeDer(0x30, der);
  return der;
}

Deno.test("hostile DER in every DER field: coded failures", async () => {
  const { bundle, artifact } = await makeBundle(stack, { rekor: "v2" });
  const good = bundle as Json;
  const cert = Uint8Array.from(
    atob(good.verificationMaterial.certificate.rawBytes),
    (c) => c.charCodeAt(0),
  );
  const hostile: Uint8Array[] = [
    cert.subarray(0, cert.length - 10), // truncated
    new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 1, 2, 3]), // length past the end
    nested(10_000), // 10,000 levels
    writeDer(0x30, writeDer(0x02, new Uint8Array(60_000).fill(0x7f))), // a huge integer
    new Uint8Array([0x30, 0x80, 0x00, 0x00]), // indefinite length
  ];
  for (const der of hostile) {
    const asCert = structuredClone(good);
    asCert.verificationMaterial.certificate.rawBytes = b64(der);
    assert.equal((await failureCodes(asCert, artifact))[0], "certificate.malformed");
    const asTimestamp = structuredClone(good);
    asTimestamp.verificationMaterial.timestampVerificationData.rfc3161Timestamps[0]
      .signedTimestamp = b64(der);
    assert.ok((await failureCodes(asTimestamp, artifact)).includes("timestamp.malformed"));
    const asSignature = structuredClone(good);
    asSignature.messageSignature.signature = b64(der);
    assert.ok((await failureCodes(asSignature, artifact)).includes("signature.invalid"));
  }
});

Deno.test("hostile JSON: deep nesting, wrong types everywhere, a 50 MB bundle", async () => {
  const { bundle, artifact } = await makeBundle(stack, {});
  // 10,000-deep JSON: refused before parsing (as bytes) or walked one fixed path (as a value).
  const deep = "[".repeat(10_000) + "]".repeat(10_000);
  assert.deepEqual(await failureCodes(new TextEncoder().encode(deep), artifact), ["bundle.json"]);
  assert.deepEqual(await failureCodes(JSON.parse(deep), artifact), ["bundle.malformed"]);
  let deepValue: Json = {};
  for (let i = 0; i < 10_000; i++) deepValue = { verificationMaterial: deepValue };
  assert.ok(
    (await failureCodes({ ...bundle, verificationMaterial: deepValue }, artifact)).length > 0,
  );
  // Every field replaced by a value of each wrong type.
  const paths: string[][] = [];
  const walk = (value: Json, path: string[]) => {
    if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
    paths.push(path);
  };
  walk(bundle, []);
  for (const path of paths.filter((p) => p.length > 0)) {
    for (const replacement of [null, -1, "x", {}]) {
      const copy = structuredClone(bundle) as Json;
      let target = copy;
      for (const key of path.slice(0, -1)) target = target[key];
      target[path.at(-1)!] = replacement;
      const result = await verifyBundle(copy, { ...options, artifact: { bytes: artifact } });
      for (const check of result.checks) assert.ok(check.code in SIGSTORE_CHECKS, check.code);
    }
  }
  // 50 MB: a canonicalized body of that size is read, hashed, and fails as a mismatch.
  const big = structuredClone(bundle) as Json;
  big.verificationMaterial.tlogEntries[0].canonicalizedBody = b64(
    new Uint8Array(37_500_000).fill(0x41),
  );
  const text = JSON.stringify(big);
  assert.ok(text.length > 50_000_000);
  const codes = await failureCodes(new TextEncoder().encode(text), artifact);
  assert.ok(
    codes.includes("tlog.set_invalid") && codes.includes("tlog.body_mismatch"),
    String(codes),
  );
  // Over 256 MiB: refused from its size.
  assert.deepEqual(await failureCodes(new Uint8Array(256 * 1024 * 1024 + 1), artifact), [
    "bundle.too_large",
  ]);
});

Deno.test("random corruption of a valid bundle file: never a throw, always coded", async () => {
  const { bundle, artifact } = await makeBundle(stack, { content: "dsse", timestamp: true });
  const bytes = new TextEncoder().encode(JSON.stringify(bundle));
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  let rejected = 0;
  for (let i = 0; i < 150; i++) {
    const copy = bytes.slice();
    for (let n = 1 + Math.floor(random() * 4); n > 0; n--) {
      copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
    }
    const result = await verifyBundle(copy, { ...options, artifact: { bytes: artifact } });
    for (const check of result.checks) assert.ok(check.code in SIGSTORE_CHECKS, check.code);
    if (!result.verified) rejected++;
  }
  assert.ok(rejected > 100, `only ${rejected} of 150 corruptions were rejected`);
});
