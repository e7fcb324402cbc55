import assert from "node:assert/strict";
import {
  isValidKeyName,
  logKeyName,
  noteKeyId,
  parseCheckpoint,
  parseSignedNote,
  verifyCheckpoint,
} from "../../../src/sigstore/tlog/checkpoint.ts";
import { parsePublicKey, spkiFromPkcs1 } from "../../../src/sigstore/_crypto.ts";
import {
  b64,
  makeCheckpoint,
  makeKey,
  makeStack,
  noteKeyId as stackKeyId,
  sha256,
} from "../_stack.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

Deno.test("parseSignedNote: the C2SP signed-note example splits into text and one signature", () => {
  const note = "If you think cryptography is the answer to your problem,\n" +
    "then you don't know what your problem is.\n\n" +
    "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  const signed = parseSignedNote(note);
  assert.equal(
    signed.text,
    "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n",
  );
  assert.equal(signed.signatures.length, 1);
  assert.equal(signed.signatures[0].name, "PeterNeumann");
  assert.equal(hex(signed.signatures[0].keyId), "c74f20a3");
  assert.equal(signed.signatures[0].signature.length, 64);
});

Deno.test("parseSignedNote: malformed notes are refused with the reason", () => {
  const line = `\u2014 log ${b64(new Uint8Array(40))}\n`;
  for (
    const [note, reason] of [
      [`a\nb\n${line}`, /no blank line/],
      [`a\n\n\u2014 log notbase64!\n`, /malformed signature line|not base64/],
      [`a\n\n\u2014 log ${b64(new Uint8Array(4))}\n`, /not base64 of a key id/],
      [`a\n\n${line.slice(0, -1)}`, /does not end in a newline/],
      [`a\tb\n\n${line}`, /control characters/],
      [`a\n\n\u2014 lo+g ${b64(new Uint8Array(40))}\n`, /malformed signature line/],
      [`a\n\n- log ${b64(new Uint8Array(40))}\n`, /malformed signature line/],
      [`a\n\n${line.repeat(101)}`, /more than 100 signatures/],
    ] as const
  ) {
    assert.throws(() => parseSignedNote(note), reason, JSON.stringify(note.slice(0, 30)));
  }
  // The text may hold blank lines: the last blank line separates the signatures.
  assert.equal(parseSignedNote(`a\n\nb\n\n${line}`).text, "a\n\nb\n");
});

Deno.test("parseCheckpoint: origin, decimal size, base64 SHA-256 root, extension lines", () => {
  const root = b64(new Uint8Array(32).fill(7));
  const cp = parseCheckpoint(`rekor.sigstore.dev - 1\n42\n${root}\nTimestamp: 1\n`);
  assert.equal(cp.origin, "rekor.sigstore.dev - 1");
  assert.equal(cp.size, 42n);
  assert.deepEqual(cp.rootHash, new Uint8Array(32).fill(7));
  assert.deepEqual(cp.extensions, ["Timestamp: 1"]);
  for (
    const text of [
      `42\n${root}\n`, // missing origin (conformance rekor2-checkpoint-missing-origin)
      `log\n${root}\n`, // missing size
      `log\n042\n${root}\n`, // leading zero
      `log\n-1\n${root}\n`,
      `log\n18446744073709551616\n${root}\n`, // 2^64
      `log\n1\n${b64(new Uint8Array(31))}\n`,
      `log\n1\n${root}\n\n`,
      `log\n1\n${root}`,
      `\n1\n${root}\n`,
    ]
  ) assert.throws(() => parseCheckpoint(text), JSON.stringify(text.slice(0, 20)));
});

Deno.test("noteKeyId: Ed25519 = SHA-256(name || 0x0A || 0x01 || key), ECDSA = SHA-256(SPKI), RSA = 0xff form", async () => {
  // The Rekor v2 staging log of the conformance suite: its log id is the full hash.
  const spki = Uint8Array.from(
    atob("MCowBQYDK2VwAyEAPn+AREHoBaZ7wgS1zBqpxmLSGnyhxXj4lFxSdWVB8o8="),
    (c) => c.charCodeAt(0),
  );
  const ed = parsePublicKey(spki);
  assert.equal(hex(await noteKeyId("log2025-alpha1.rekor.sigstage.dev", ed)), "f30d5a99");
  assert.equal(hex(await noteKeyId("another.name", ed)) === "f30d5a99", false);
  const ec = await makeKey("P-256");
  assert.deepEqual(
    await noteKeyId("any name", parsePublicKey(ec.spki)),
    sha256(ec.spki).subarray(0, 4),
  );
  // RSA: SHA-256(name || 0x0A || 0xff || "PKIX-RSA-PKCS#1v1.5" || SPKI)[:4].
  const pkcs1 = new Uint8Array([
    0x30,
    0x0d,
    0x02,
    0x08,
    0x00,
    0xc0,
    1,
    2,
    3,
    4,
    5,
    6,
    0x02,
    0x01,
    0x03,
  ]).subarray(0, 15);
  const rsa = parsePublicKey(spkiFromPkcs1(pkcs1));
  const expected = sha256(
    new TextEncoder().encode("log\n"),
    new Uint8Array([0xff]),
    new TextEncoder().encode("PKIX-RSA-PKCS#1v1.5"),
    rsa.spki,
  );
  assert.deepEqual(await noteKeyId("log", rsa), expected.subarray(0, 4));
});

Deno.test("logKeyName and isValidKeyName", () => {
  assert.equal(logKeyName("https://rekor.sigstore.dev"), "rekor.sigstore.dev");
  assert.equal(logKeyName("http://127.0.0.1:3000/"), "127.0.0.1:3000");
  assert.equal(logKeyName("https://example.com/log/"), "example.com/log");
  assert.ok(isValidKeyName("witness.example/w1"));
  assert.equal(isValidKeyName("a b"), false);
  assert.equal(isValidKeyName("a+b"), false);
  assert.equal(isValidKeyName(""), false);
});

Deno.test("verifyCheckpoint: the log's signature verifies; witnesses and unknown keys are ignored", async () => {
  const stack = await makeStack();
  for (const log of [stack.rekorV1, stack.rekorV2]) {
    const key = parsePublicKey(log.key.spki);
    const origin = log === stack.rekorV1 ? `${log.name} - 99` : log.name;
    const witness = `\u2014 witness.example/w1 ${b64(new Uint8Array(76))}\n`;
    const other = await makeKey("P-256");
    const sameNameOtherKey = await makeCheckpoint(log, {
      origin,
      size: 3,
      root: sha256(),
      signingKey: other,
      keyId: sha256(other.spki).subarray(0, 4),
    });
    const otherLine = sameNameOtherKey.slice(sameNameOtherKey.indexOf("\u2014"));
    const note = await makeCheckpoint(log, {
      origin,
      size: 3,
      root: sha256(),
      otherLines: [{ line: witness, before: true }, { line: otherLine }],
    });
    const result = await verifyCheckpoint(note, { name: log.name, key });
    assert.ok("checkpoint" in result, "problem" in result ? result.problem : "");
    if ("checkpoint" in result) assert.equal(result.checkpoint.size, 3n);
  }
});

Deno.test("verifyCheckpoint: forged, unsigned, mis-named or foreign-origin checkpoints are refused", async () => {
  const stack = await makeStack();
  const log = stack.rekorV2;
  const key = parsePublicKey(log.key.spki);
  const check = async (note: string) => {
    const result = await verifyCheckpoint(note, { name: log.name, key });
    return "problem" in result ? result.problem : "accepted";
  };
  const signed = (options: Partial<Parameters<typeof makeCheckpoint>[1]>) =>
    makeCheckpoint(log, { origin: log.name, size: 1, root: sha256(), ...options });
  const forger = await makeKey("Ed25519");
  assert.match(await check(await signed({ signingKey: forger })), /does not verify/);
  assert.match(await check(await signed({ keyId: new Uint8Array(4) })), /no signature by/);
  const otherName = { keyName: "other.log", keyId: stackKeyId(log, "other.log") };
  assert.match(await check(await signed(otherName)), /no signature by/);
  assert.match(await check(await signed({ origin: "other.log" })), /origin/);
  assert.match(await check(`${log.name}\n1\n${b64(sha256())}\n\n`), /malformed/);
  // A checkpoint key id the trusted root names explicitly is accepted.
  const explicit = new Uint8Array([1, 2, 3, 4]);
  const note = await makeCheckpoint(log, {
    origin: log.name,
    size: 1,
    root: sha256(),
    keyId: explicit,
  });
  assert.ok(
    "checkpoint" in
      await verifyCheckpoint(note, { name: log.name, key, checkpointKeyId: explicit }),
  );
});
