import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { generateKeyPairSync, sign, verify } from "node:crypto";
import {
  ecdsaDerToRaw,
  ecdsaLowS,
  ecdsaRawToDer,
  isEcdsaLowS,
} from "../../src/signing/ecdsa_der.ts";
import { generateKeyPair, importPrivateKey } from "../../src/signing/keys.ts";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
const fromHex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "hex"));

function raw(r: string, s: string): Uint8Array {
  return fromHex(r.padStart(64, "0") + s.padStart(64, "0"));
}

Deno.test("ecdsaRawToDer: high bit set gets a 0x00 sign byte (72-byte signature)", () => {
  const sig = raw("ff".repeat(32), "80" + "00".repeat(31));
  const der = ecdsaRawToDer(sig);
  assert.equal(der.length, 72);
  assert.equal(
    hex(der),
    "3046" + "022100" + "ff".repeat(32) + "022100" + "80" + "00".repeat(31),
  );
  assert.deepEqual(ecdsaDerToRaw(der), sig);
});

Deno.test("ecdsaRawToDer: leading zero bytes are stripped, values stay positive", () => {
  const sig = raw("00007f" + "11".repeat(29), "01");
  const der = ecdsaRawToDer(sig);
  assert.equal(hex(der), "3023" + "021e7f" + "11".repeat(29) + "020101");
  assert.deepEqual(ecdsaDerToRaw(der), sig);
  const zero = raw("00", "00");
  assert.equal(hex(ecdsaRawToDer(zero)), "3006020100020100");
  assert.deepEqual(ecdsaDerToRaw(ecdsaRawToDer(zero)), zero);
  const stripped = raw("0080" + "22".repeat(30), "7f" + "33".repeat(31));
  assert.equal(hex(ecdsaRawToDer(stripped)).slice(0, 12), "304402200080");
  assert.deepEqual(ecdsaDerToRaw(ecdsaRawToDer(stripped)), stripped);
});

Deno.test("ecdsaRawToDer rejects raw input of odd or zero length", () => {
  for (const bad of [new Uint8Array(0), new Uint8Array(63)]) {
    assert.throws(() => ecdsaRawToDer(bad), { code: "signature.malformed" });
  }
});

Deno.test("ecdsa DER <-> raw round trips on random values and is 70-72 bytes for real signatures", async () => {
  for (let i = 0; i < 200; i++) {
    const sig = crypto.getRandomValues(new Uint8Array(64));
    if (i % 4 === 0) sig[0] = 0;
    if (i % 5 === 0) sig[32] = 0x80;
    assert.deepEqual(ecdsaDerToRaw(ecdsaRawToDer(sig)), sig);
  }
  const { signer } = await importPrivateKey((await generateKeyPair("ecdsa-p256")).privateKeyPem);
  const lengths = new Set<number>();
  for (let i = 0; i < 40; i++) lengths.add((await signer.sign(new Uint8Array([i]))).length);
  for (const length of lengths) assert.ok(length >= 68 && length <= 72, `length ${length}`);
  assert.ok(lengths.has(70) || lengths.has(71) || lengths.has(72));
});

Deno.test("node:crypto DER signatures convert to raw that WebCrypto verifies, and back", async () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const key = await crypto.subtle.importKey(
    "spki",
    new Uint8Array(publicKey.export({ type: "spki", format: "der" })),
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["verify"],
  );
  const data = new TextEncoder().encode("interop");
  for (let i = 0; i < 10; i++) {
    const der = new Uint8Array(sign("sha256", data, privateKey));
    const rawSig = ecdsaDerToRaw(der);
    const p1363 = sign("sha256", data, { key: privateKey, dsaEncoding: "ieee-p1363" });
    assert.equal(p1363.length, rawSig.length);
    assert.ok(await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, rawSig, data));
    assert.deepEqual(ecdsaRawToDer(rawSig), der);
  }
  const pkcs8 = new Uint8Array(privateKey.export({ type: "pkcs8", format: "der" }));
  const webKey = await crypto.subtle.importKey(
    "pkcs8",
    pkcs8,
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["sign"],
  );
  const webRaw = new Uint8Array(
    await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, webKey, data),
  );
  assert.ok(verify("sha256", data, publicKey, ecdsaRawToDer(webRaw)));
});

Deno.test("ecdsaDerToRaw rejects malformed DER with signature.malformed", () => {
  const good = ecdsaRawToDer(raw("11".repeat(32), "22".repeat(32)));
  const cases: Record<string, Uint8Array> = {
    empty: new Uint8Array(0),
    truncated: good.subarray(0, good.length - 1),
    trailing: new Uint8Array([...good, 0]),
    "not a sequence": fromHex("3106020101020101"),
    "one integer": fromHex("3003020101"),
    "three integers": fromHex("3009020101020101020101"),
    "octet string": fromHex("3006040101020101"),
    negative: fromHex("3006020181020101"),
    "redundant zero": fromHex("300702020001020101"),
    "empty integer": fromHex("30050200020101"),
    "indefinite length": fromHex("3080020101020101" + "0000"),
    "long-form short length": fromHex("308106020101020101"),
    oversize: fromHex("3026022201" + "00".repeat(32) + "020101"),
    "bad inner length": fromHex("3006020501020101"),
  };
  for (const [name, der] of Object.entries(cases)) {
    assert.throws(() => ecdsaDerToRaw(der), { code: "signature.malformed" }, name);
  }
});

Deno.test("ecdsaDerToRaw honours scalarBytes", () => {
  const sig = raw("01", "02");
  assert.equal(ecdsaDerToRaw(ecdsaRawToDer(sig), { scalarBytes: 48 }).length, 96);
});

const N = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const HALF = "7fffffff800000007fffffffffffffffde737d56d38bcf4279dce5617e3192a8"; // floor(n / 2)

Deno.test("ecdsaLowS: s above n / 2 becomes n - s; a low s and an out-of-range s are kept", () => {
  const r = "01";
  assert.equal(hex(ecdsaLowS(raw(r, HALF))), hex(raw(r, HALF)));
  const above = (BigInt(`0x${HALF}`) + 1n).toString(16);
  const flipped = (BigInt(`0x${N}`) - BigInt(`0x${above}`)).toString(16);
  assert.equal(hex(ecdsaLowS(raw(r, above))), hex(raw(r, flipped)));
  assert.equal(hex(ecdsaLowS(raw(r, N))), hex(raw(r, N)), "s = n is no signature: untouched");
  assert.ok(isEcdsaLowS(ecdsaRawToDer(raw(r, HALF))));
  assert.ok(!isEcdsaLowS(ecdsaRawToDer(raw(r, above))));
  assert.ok(!isEcdsaLowS(new Uint8Array([0x30, 0x00])), "not DER: not low-S");
});

Deno.test("vouch's ECDSA signatures are always low-S, and both forms verify with OpenSSL", async () => {
  const pair = await generateKeyPair("ecdsa-p256");
  const key = await importPrivateKey(pair.privateKeyPem);
  const data = new TextEncoder().encode("low-s");
  for (let i = 0; i < 32; i++) {
    const der = await key.signer.sign(data);
    assert.ok(isEcdsaLowS(der), `signature ${i}`);
    assert.ok(verify("sha256", data, pair.publicKeyPem, Buffer.from(der)));
    const raw2 = ecdsaDerToRaw(der);
    const high = (BigInt(`0x${N}`) - BigInt(`0x${hex(raw2.subarray(32))}`)).toString(16);
    const other = ecdsaRawToDer(raw(hex(raw2.subarray(0, 32)), high));
    assert.ok(verify("sha256", data, pair.publicKeyPem, Buffer.from(other)), "n - s verifies too");
  }
});
