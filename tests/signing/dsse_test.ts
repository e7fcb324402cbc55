import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { createHash, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import {
  type DsseEnvelope,
  type DsseResult,
  IN_TOTO_PAYLOAD_TYPE,
  pae,
  signDsse,
  type Signer,
  type Verifier,
  verifyDsse,
} from "../../src/signing/dsse.ts";
import { hmacSigner, hmacVerifier } from "../../src/signing/hmac.ts";
import { generateKeyPair, importPrivateKey, importPublicKey } from "../../src/signing/keys.ts";

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const STATEMENT = text('{"_type":"https://in-toto.io/Statement/v1","subject":[]}');
const codes = (result: DsseResult): string[] => result.checks.map((c) => c.code);

async function keyPair(
  algorithm: "ed25519" | "ecdsa-p256",
): Promise<{ signer: Signer; verifier: Verifier }> {
  const pair = await generateKeyPair(algorithm);
  const { signer } = await importPrivateKey(pair.privateKeyPem);
  return { signer, verifier: await importPublicKey(pair.publicKeyPem) };
}

Deno.test("pae matches the DSSE specification test vector", () => {
  const bytes = pae("http://example.com/HelloWorld", text("hello world"));
  assert.equal(
    new TextDecoder().decode(bytes),
    "DSSEv1 29 http://example.com/HelloWorld 11 hello world",
  );
});

Deno.test("pae counts bytes, not characters, and handles an empty body", () => {
  assert.equal(new TextDecoder().decode(pae("t/é", text(""))), "DSSEv1 4 t/é 0 ");
  const binary = pae("x", new Uint8Array([0, 255, 10]));
  assert.deepEqual([...binary.subarray(-3)], [0, 255, 10]);
  assert.equal(new TextDecoder().decode(binary.subarray(0, 12)), "DSSEv1 1 x 3");
});

Deno.test("signDsse writes standard base64 payload and signatures, in-toto type by default", async () => {
  const signer = await hmacSigner("secret", { keyid: "k1" });
  const envelope = await signDsse(STATEMENT, [signer]);
  assert.equal(envelope.payloadType, IN_TOTO_PAYLOAD_TYPE);
  assert.deepEqual(new Uint8Array(Buffer.from(envelope.payload, "base64")), STATEMENT);
  assert.equal(envelope.signatures.length, 1);
  assert.equal(envelope.signatures[0].keyid, "k1");
  const expected = await signer.sign(pae(IN_TOTO_PAYLOAD_TYPE, STATEMENT));
  assert.equal(envelope.signatures[0].sig, Buffer.from(expected).toString("base64"));
  const custom = await signDsse(STATEMENT, [signer], { payloadType: "text/plain" });
  assert.equal(custom.payloadType, "text/plain");
  await assert.rejects(signDsse(STATEMENT, []), { code: "signature.missing_key" });
});

for (const algorithm of ["hmac-sha256", "ed25519", "ecdsa-p256"] as const) {
  Deno.test(`${algorithm}: sign and verify round trip; a changed payload fails`, async () => {
    const { signer, verifier } = algorithm === "hmac-sha256"
      ? {
        signer: await hmacSigner("s3cret", { keyid: "ci" }),
        verifier: await hmacVerifier("s3cret", { keyid: "ci" }),
      }
      : await keyPair(algorithm);
    const envelope = await signDsse(STATEMENT, [signer]);
    const result = await verifyDsse(JSON.parse(JSON.stringify(envelope)), [verifier]);
    assert.equal(result.ok, true);
    assert.deepEqual(codes(result), ["signature.verified"]);
    assert.deepEqual(result.payload, STATEMENT);
    assert.equal(result.payloadType, IN_TOTO_PAYLOAD_TYPE);

    const changed = {
      ...envelope,
      payload: Buffer.from(text('{"_type":"evil"}')).toString("base64"),
    };
    const bad = await verifyDsse(changed, [verifier]);
    assert.equal(bad.ok, false);
    assert.deepEqual(codes(bad), ["signature.invalid"]);
    assert.equal(bad.payload, undefined);

    const retyped = await verifyDsse({ ...envelope, payloadType: "text/plain" }, [verifier]);
    assert.deepEqual(codes(retyped), ["signature.invalid"]);

    // A type signed with U+FFFD, read back with a lone surrogate (the same UTF-8 in the PAE).
    const replaced = await signDsse(STATEMENT, [signer], { payloadType: "text/x\ufffd" });
    assert.equal((await verifyDsse(replaced, [verifier])).ok, true);
    const surrogate = await verifyDsse({ ...replaced, payloadType: "text/x\ud800" }, [verifier]);
    assert.deepEqual([surrogate.ok, codes(surrogate)], [false, ["envelope.malformed"]]);
  });
}

Deno.test("verifyDsse: a wrong key of the same id fails with signature.invalid", async () => {
  const a = await keyPair("ed25519");
  const b = await keyPair("ed25519");
  const envelope = await signDsse(STATEMENT, [a.signer]);
  const impostor = { ...b.verifier, keyid: a.signer.keyid };
  const result = await verifyDsse(envelope, [impostor]);
  assert.deepEqual([result.ok, codes(result)], [false, ["signature.invalid"]]);
  const hmac = await verifyDsse(
    await signDsse(STATEMENT, [await hmacSigner("a", { keyid: "k" })]),
    [
      await hmacVerifier("b", { keyid: "k" }),
    ],
  );
  assert.deepEqual(codes(hmac), ["signature.invalid"]);
});

Deno.test("verifyDsse: a verifier of another key type fails, never throws", async () => {
  const ec = await keyPair("ecdsa-p256");
  const ed = await keyPair("ed25519");
  const envelope = await signDsse(STATEMENT, [ec.signer]);
  const result = await verifyDsse(envelope, [{ ...ed.verifier, keyid: ec.signer.keyid }]);
  assert.deepEqual(codes(result), ["signature.invalid"]);
  const hmacEnvelope = await signDsse(STATEMENT, [await hmacSigner("x", { keyid: "k" })]);
  const viaEc = await verifyDsse(hmacEnvelope, [{ ...ec.verifier, keyid: "k" }]);
  assert.deepEqual(codes(viaEc), ["signature.invalid"]);
});

Deno.test("verifyDsse: no verifier with the key id gives signature.keyid_mismatch", async () => {
  const a = await keyPair("ed25519");
  const b = await keyPair("ed25519");
  const result = await verifyDsse(await signDsse(STATEMENT, [a.signer]), [b.verifier]);
  assert.equal(result.ok, false);
  assert.deepEqual(codes(result), ["signature.keyid_mismatch"]);
});

Deno.test("verifyDsse: an empty keyid is tried with every verifier", async () => {
  const a = await keyPair("ecdsa-p256");
  const b = await keyPair("ed25519");
  const envelope = await signDsse(STATEMENT, [{ ...a.signer, keyid: "" }]);
  const result = await verifyDsse(envelope, [b.verifier, a.verifier]);
  assert.deepEqual([result.ok, codes(result)], [true, ["signature.verified"]]);
  const none = await verifyDsse(envelope, [b.verifier]);
  assert.deepEqual([none.ok, codes(none)], [false, ["signature.invalid"]]);
});

Deno.test("verifyDsse: a missing keyid is read as empty and tried with every verifier", async () => {
  const a = await keyPair("ecdsa-p256");
  const b = await keyPair("ed25519");
  const { payloadType, payload, signatures } = await signDsse(STATEMENT, [a.signer]);
  const noKeyid = { payloadType, payload, signatures: [{ sig: signatures[0].sig }] };
  const result = await verifyDsse(noKeyid, [b.verifier, a.verifier]);
  assert.deepEqual([result.ok, codes(result)], [true, ["signature.verified"]]);
  assert.deepEqual(result.payload, STATEMENT);
  assert.ok(result.checks[0].message.includes(JSON.stringify(a.signer.keyid)), "names the key");
  // Still fails without the right key, or over other bytes.
  const none = await verifyDsse(noKeyid, [b.verifier]);
  assert.deepEqual([none.ok, codes(none)], [false, ["signature.invalid"]]);
  const tampered = { ...noKeyid, payload: Buffer.from("other").toString("base64") };
  const forged = await verifyDsse(tampered, [a.verifier, b.verifier]);
  assert.deepEqual([forged.ok, codes(forged)], [false, ["signature.invalid"]]);
  // A null keyid is protobuf JSON's "unset" too; any other non-string stays malformed.
  const nullKeyid = { ...noKeyid, signatures: [{ keyid: null, sig: signatures[0].sig }] };
  assert.deepEqual(codes(await verifyDsse(nullKeyid, [a.verifier])), ["signature.verified"]);
  // Two keyid-less signatures do not count as duplicate key ids.
  const second = await signDsse(STATEMENT, [b.signer]);
  const both = {
    ...noKeyid,
    signatures: [{ sig: signatures[0].sig }, { sig: second.signatures[0].sig }],
  };
  const twice = await verifyDsse(both, [a.verifier, b.verifier]);
  assert.deepEqual([twice.ok, codes(twice)], [true, ["signature.verified", "signature.verified"]]);
});

Deno.test("verifyDsse: several signatures — unknown keys tolerated, an invalid one fails", async () => {
  const a = await keyPair("ed25519");
  const b = await keyPair("ecdsa-p256");
  const envelope = await signDsse(STATEMENT, [a.signer, b.signer]);
  const onlyA = await verifyDsse(envelope, [a.verifier]);
  assert.deepEqual([onlyA.ok, codes(onlyA)], [true, [
    "signature.verified",
    "signature.keyid_mismatch",
  ]]);
  const both = await verifyDsse(envelope, [a.verifier, b.verifier]);
  assert.deepEqual(codes(both), ["signature.verified", "signature.verified"]);
  const flipped = Buffer.from(envelope.signatures[1].sig, "base64");
  flipped[10] ^= 0x01;
  const forged: DsseEnvelope = {
    ...envelope,
    signatures: [envelope.signatures[0], {
      keyid: b.signer.keyid,
      sig: flipped.toString("base64"),
    }],
  };
  const mixed = await verifyDsse(forged, [a.verifier, b.verifier]);
  assert.deepEqual([mixed.ok, codes(mixed)], [false, ["signature.verified", "signature.invalid"]]);
});

Deno.test("verifyDsse: zero signatures gives signature.none", async () => {
  const { verifier } = await keyPair("ed25519");
  const result = await verifyDsse({ payloadType: "t", payload: "", signatures: [] }, [verifier]);
  assert.deepEqual([result.ok, codes(result)], [false, ["signature.none"]]);
});

Deno.test("verifyDsse: duplicate key ids or signatures give signature.duplicate", async () => {
  const { signer, verifier } = await keyPair("ed25519");
  const envelope = await signDsse(STATEMENT, [signer]);
  const sameSig = {
    ...envelope,
    signatures: [envelope.signatures[0], { keyid: "other", sig: envelope.signatures[0].sig }],
  };
  const sameId = {
    ...envelope,
    signatures: [envelope.signatures[0], { keyid: signer.keyid, sig: "AAAA" }],
  };
  for (const duplicated of [sameSig, sameId]) {
    const result = await verifyDsse(duplicated, [verifier]);
    assert.deepEqual([result.ok, codes(result)], [false, ["signature.duplicate"]]);
  }
});

Deno.test("verifyDsse: garbage never throws and gives a stable code", async () => {
  const { signer, verifier } = await keyPair("ed25519");
  const good = await signDsse(STATEMENT, [signer]);
  const envelopeCases: unknown[] = [
    null,
    undefined,
    "not json",
    42,
    [],
    {},
    { ...good, payloadType: 7 },
    { ...good, payload: "not base64!" },
    { ...good, payload: "YWJj" + "-_" },
    { ...good, signatures: "nope" },
    { ...good, signatures: null },
  ];
  for (const envelope of envelopeCases) {
    const result = await verifyDsse(envelope, [verifier]);
    assert.deepEqual(
      [result.ok, codes(result)],
      [false, ["envelope.malformed"]],
      JSON.stringify(envelope),
    );
  }
  const signatureCases: unknown[] = [
    [null],
    ["sig"],
    [{ keyid: signer.keyid }],
    [{ keyid: signer.keyid, sig: "" }],
    [{ keyid: signer.keyid, sig: "%%%" }],
    [{ keyid: 1, sig: good.signatures[0].sig }],
  ];
  for (const signatures of signatureCases) {
    const result = await verifyDsse({ ...good, signatures }, [verifier]);
    assert.deepEqual(
      [result.ok, codes(result)],
      [false, ["signature.malformed"]],
      JSON.stringify(signatures),
    );
  }
});

Deno.test("verifyDsse: a throwing verifier counts as a failed verification", async () => {
  const { signer } = await keyPair("ed25519");
  const envelope = await signDsse(STATEMENT, [signer]);
  const result = await verifyDsse(envelope, [{
    keyid: signer.keyid,
    algorithm: "ed25519",
    verify: () => Promise.reject(new Error("boom")),
  }]);
  assert.deepEqual(codes(result), ["signature.invalid"]);
});

// Interop: envelopes built independently with node:crypto, the conventions of
// the Node/Sigstore ecosystem (Ed25519 raw signatures, ECDSA in DER).
function nodeEnvelope(
  privateKey: KeyObject,
  keyid: string,
  algorithm: string | null,
): DsseEnvelope {
  const payloadType = IN_TOTO_PAYLOAD_TYPE;
  const body = Buffer.from(STATEMENT);
  const paeBytes = Buffer.concat([
    Buffer.from(`DSSEv1 ${Buffer.byteLength(payloadType)} ${payloadType} ${body.length} `),
    body,
  ]);
  const sig = sign(algorithm, paeBytes, privateKey);
  return {
    payloadType,
    payload: body.toString("base64"),
    signatures: [{ keyid, sig: sig.toString("base64") }],
  };
}

for (
  const [label, type, algorithm] of [["ed25519", "ed25519", null], [
    "ecdsa-p256",
    "ec",
    "sha256",
  ]] as const
) {
  Deno.test(`interop: a ${label} envelope signed with node:crypto verifies`, async () => {
    const { privateKey, publicKey } = type === "ed25519"
      ? generateKeyPairSync("ed25519")
      : generateKeyPairSync("ec", { namedCurve: "P-256" });
    const spki = publicKey.export({ type: "spki", format: "der" });
    const keyid = createHash("sha256").update(spki).digest("base64");
    const verifier = await importPublicKey(
      publicKey.export({ type: "spki", format: "pem" }) as string,
    );
    assert.equal(verifier.keyid, keyid);
    const envelope = nodeEnvelope(privateKey, keyid, algorithm);
    const result = await verifyDsse(envelope, [verifier]);
    assert.deepEqual([result.ok, codes(result)], [true, ["signature.verified"]]);
    assert.deepEqual(result.payload, STATEMENT);
  });
}

Deno.test("signers are only called with the PAE", async () => {
  const seen: Uint8Array[] = [];
  const spy: Signer = {
    keyid: "spy",
    algorithm: "hmac-sha256",
    sign: (data) => {
      seen.push(data);
      return Promise.resolve(new Uint8Array([1, 2, 3]));
    },
  };
  const envelope = await signDsse(text("hi"), [spy], { payloadType: "t" });
  assert.equal(new TextDecoder().decode(seen[0]), "DSSEv1 1 t 2 hi");
  assert.equal(envelope.signatures[0].sig, "AQID");
});
