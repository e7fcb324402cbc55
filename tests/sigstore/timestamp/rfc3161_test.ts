import assert from "node:assert/strict";
import { parseTimestamp, verifyTimestamp } from "../../../src/sigstore/timestamp/rfc3161.ts";
import {
  type CertificateAuthority,
  loadTrustedRoot,
  trustMaterial,
} from "../../../src/sigstore/trust_root.ts";
import { parseCertificate } from "../../../src/sigstore/x509/certificate.ts";
import { DerError, parseDer, readSequence } from "../../../src/sigstore/_asn1/reader.ts";
import {
  makeKey,
  makeStack,
  makeTimestamp,
  makeTsaLeaf,
  OIDS,
  type TimestampOptions,
  trustedRootJson,
  X,
} from "../_stack.ts";

const stack = await makeStack();
const authorities = trustMaterial(loadTrustedRoot(trustedRootJson(stack))).timestampAuthorities;
const signature = new TextEncoder().encode("the bundle signature");
const ns = (d: Date): bigint => BigInt(d.getTime()) * 1_000_000n;
const now = ns(stack.now);

async function check(
  options: Partial<TimestampOptions> = {},
  override: { authorities?: CertificateAuthority[]; now?: bigint; der?: Uint8Array } = {},
): Promise<{ code: string; message: string; time?: bigint }> {
  const der = override.der ??
    await makeTimestamp(stack.tsa, { signature, time: stack.now, ...options });
  const result = await verifyTimestamp(der, {
    signature,
    authorities: override.authorities ?? authorities,
    now: override.now ?? now,
    skew: 300n * 1_000_000_000n,
    position: 0,
  });
  return { code: result.check.code, message: result.check.message, time: result.time };
}

Deno.test("verifyTimestamp: a timestamp of the trusted TSA over the signature", async () => {
  const ok = await check();
  assert.equal(ok.code, "timestamp.verified", ok.message);
  assert.equal(ok.time, now);
  // The TSA's own certificate embedded in the token changes nothing.
  assert.equal(
    (await check({ embed: [stack.tsa.leaf, stack.tsa.root] })).code,
    "timestamp.verified",
  );
});

Deno.test("verifyTimestamp: made for another signature, or with another message digest or key", async () => {
  assert.equal((await check({ signature: new Uint8Array(3) })).code, "timestamp.imprint_mismatch");
  assert.equal(
    (await check({ messageDigest: new Uint8Array(32) })).code,
    "timestamp.signature_invalid",
  );
  assert.equal(
    (await check({ signingKey: await makeKey("P-256") })).code,
    "timestamp.signature_invalid",
  );
});

Deno.test("verifyTimestamp: an untrusted TSA, even with its certificate embedded, is refused", async () => {
  const other = await makeStack(stack.now);
  const foreign = await makeTimestamp(other.tsa, {
    signature,
    time: stack.now,
    embed: [other.tsa.leaf],
  });
  const result = await check({}, { der: foreign });
  assert.equal(result.code, "timestamp.untrusted", result.message);
  // An embedded certificate that is not the authority's own.
  const spoof = await check({
    embed: [other.tsa.leaf],
    sid: { issuer: other.tsa.rootName, serial: 77 },
  });
  assert.equal(spoof.code, "timestamp.untrusted");
  assert.equal((await check({ certHash: new Uint8Array(32) })).code, "timestamp.untrusted");
  assert.equal(
    (await check({ sid: { issuer: stack.tsa.rootName, serial: 78 } })).code,
    "timestamp.untrusted",
  );
});

Deno.test("verifyTimestamp: the TSA's validity window (end inclusive) and certificate profile", async () => {
  const window = (start?: bigint, end?: bigint) =>
    authorities.map((a) => ({ ...a, validFor: { start, end } }));
  assert.equal(
    (await check({}, { authorities: window(undefined, now) })).code,
    "timestamp.verified",
  );
  assert.equal(
    (await check({}, { authorities: window(undefined, now - 1n) })).code,
    "timestamp.untrusted",
  );
  assert.equal((await check({}, { authorities: window(now + 1n) })).code, "timestamp.untrusted");
  const year = 365 * 24 * 3600_000;
  const from = new Date(stack.now.getTime() - year);
  const to = new Date(stack.now.getTime() + year);
  for (
    const extensions of [
      [X.keyUsage("digitalSignature"), X.extKeyUsage(false, OIDS.timeStamping)],
      [X.keyUsage("digitalSignature"), X.extKeyUsage(true, OIDS.timeStamping, OIDS.codeSigning)],
      [X.keyUsage("digitalSignature"), X.extKeyUsage(true, OIDS.timeStamping), {
        oid: "1.2.3",
        critical: true,
        value: new Uint8Array([5, 0]),
      }],
    ]
  ) {
    const leaf = await makeTsaLeaf({
      rootKey: stack.tsa.rootKey,
      rootName: stack.tsa.rootName,
      key: stack.tsa.leafKey,
      from,
      to,
      extensions,
    });
    const tsa = { ...stack.tsa, leaf };
    const der = await makeTimestamp(tsa, { signature, time: stack.now });
    const authority = {
      uri: "t",
      chain: [parseCertificate(leaf), parseCertificate(stack.tsa.root)],
      validFor: {},
    };
    assert.equal((await check({}, { der, authorities: [authority] })).code, "timestamp.untrusted");
  }
  // A signing certificate expired at the timestamp's time.
  const expired = await makeTsaLeaf({
    rootKey: stack.tsa.rootKey,
    rootName: stack.tsa.rootName,
    key: stack.tsa.leafKey,
    from,
    to: new Date(stack.now.getTime() - 1000),
  });
  const der = await makeTimestamp({ ...stack.tsa, leaf: expired }, { signature, time: stack.now });
  const chain = [parseCertificate(expired), parseCertificate(stack.tsa.root)];
  assert.equal(
    (await check({}, { der, authorities: [{ uri: "t", chain, validFor: {} }] })).code,
    "timestamp.untrusted",
  );
});

Deno.test("verifyTimestamp: the window is the signing TSA's own: no other authority lends it", async () => {
  // The suite's rekor2-timestamp-wrong-tsa-validity-borrow case: the genuine TSA's window ended
  // before the timestamp; an unrelated authority (no certificates, or another TSA's) covers it.
  const ended = authorities.map((a) => ({ ...a, validFor: { end: now - 1n } }));
  const covering = { validFor: { start: now - 1n, end: now + 1n } };
  const other = await makeStack(stack.now);
  const otherTsa = {
    uri: "other",
    chain: [parseCertificate(other.tsa.leaf), parseCertificate(other.tsa.root)],
    ...covering,
  };
  for (
    const lender of [
      { uri: "empty", chain: [], ...covering },
      { uri: "", chain: [], ...covering },
      otherTsa,
    ]
  ) {
    for (const embed of [undefined, [stack.tsa.leaf]]) {
      const result = await check({ embed }, { authorities: [...ended, lender] });
      assert.equal(result.code, "timestamp.untrusted", `${lender.uri}: ${result.message}`);
      assert.equal(result.time, undefined);
      // The reason named is the signing TSA's window, not the lender's lack of a certificate.
      assert.match(result.message, /its signing certificate is .*'s, trusted only until /);
    }
  }
  // An authority without certificates next to the genuine one in its window changes nothing.
  const alongside = await check({}, {
    authorities: [{ uri: "", chain: [], ...covering }, ...authorities],
  });
  assert.equal(alongside.code, "timestamp.verified", alongside.message);
});

Deno.test("verifyTimestamp: an authority listing only its CA: the embedded signing certificate must chain to it", async () => {
  const caOnly = [{ uri: "t", chain: [parseCertificate(stack.tsa.root)], validFor: {} }];
  assert.equal(
    (await check({ embed: [stack.tsa.leaf] }, { authorities: caOnly })).code,
    "timestamp.verified",
  );
  assert.equal((await check({}, { authorities: caOnly })).code, "timestamp.untrusted");
});

Deno.test("verifyTimestamp: refused responses, malformed DER and future times", async () => {
  assert.equal((await check({ status: 2 })).code, "timestamp.malformed");
  assert.equal(
    (await check({}, { der: new Uint8Array([0x30, 0x03, 0x02, 0x01]) })).code,
    "timestamp.malformed",
  );
  const future = await check({}, { now: now - 600n * 1_000_000_000n });
  assert.equal(future.code, "timestamp.in_future");
  assert.equal(future.time, now);
});

Deno.test("parseTimestamp: a TimeStampResp and a bare TimeStampToken", async () => {
  const response = await makeTimestamp(stack.tsa, { signature, time: stack.now });
  const parsed = parseTimestamp(response);
  assert.equal(parsed.genTime, now);
  assert.equal(parsed.imprintHash, "sha256");
  assert.equal(parsed.certId.hash, "sha256");
  const [, token] = readSequence(parseDer(response, "t"), "t");
  assert.equal(parseTimestamp(token.raw).genTime, now);
  assert.throws(() => parseTimestamp(new Uint8Array([5, 0])), DerError);
});
