import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  verify,
} from "node:crypto";
import { isVouchError, type VouchError } from "../../src/errors.ts";
import {
  encodePem,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  keyIdFromSpki,
} from "../../src/signing/keys.ts";

const data = new TextEncoder().encode("payload");

function spkiOf(pem: string): Uint8Array {
  return new Uint8Array(createPublicKey(pem).export({ type: "spki", format: "der" }));
}

/** Asserts a VouchError with `code` whose message and hint never contain the PEM body. */
async function assertKeyError(
  action: () => Promise<unknown>,
  code: string,
  pem: string,
): Promise<void> {
  const body = pem.split("\n").filter((line) => line && !line.startsWith("-----"));
  try {
    await action();
  } catch (error) {
    assert.ok(isVouchError(error), `expected a VouchError, got ${error}`);
    assert.equal(error.code, code, error.message);
    assert.ok(!error.message.includes("\n") && !error.hint.includes("\n"));
    for (const line of body.filter((l) => l.length >= 8)) {
      assert.ok(!error.message.includes(line) && !error.hint.includes(line), "leaks key material");
      assert.ok(!error.message.includes(line.slice(0, 8)), "leaks key material");
    }
    return;
  }
  assert.fail(`expected ${code}`);
}

Deno.test("keyIdFromSpki is base64(SHA-256(SPKI DER))", () => {
  const spki = new Uint8Array([0x30, 0x00, 1, 2, 3]);
  assert.equal(keyIdFromSpki(spki), createHash("sha256").update(spki).digest("base64"));
  assert.equal(keyIdFromSpki(new Uint8Array(0)), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
});

Deno.test("encodePem wraps base64 at 64 characters", () => {
  const pem = encodePem("PUBLIC KEY", new Uint8Array(100).fill(7));
  const lines = pem.trimEnd().split("\n");
  assert.equal(lines[0], "-----BEGIN PUBLIC KEY-----");
  assert.equal(lines.at(-1), "-----END PUBLIC KEY-----");
  assert.deepEqual(lines.slice(1, -1).map((l) => l.length), [64, 64, 8]);
  assert.equal(
    lines.slice(1, -1).join(""),
    Buffer.from(new Uint8Array(100).fill(7)).toString("base64"),
  );
});

for (const algorithm of ["ed25519", "ecdsa-p256"] as const) {
  Deno.test(`${algorithm}: generate, import, sign, verify; key ids agree`, async () => {
    const pair = await generateKeyPair(algorithm);
    assert.match(pair.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.match(pair.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.equal(
      pair.keyid,
      createHash("sha256").update(spkiOf(pair.publicKeyPem)).digest("base64"),
    );
    const imported = await importPrivateKey(pair.privateKeyPem);
    assert.equal(imported.algorithm, algorithm);
    assert.equal(imported.keyid, pair.keyid);
    assert.equal(imported.publicKeyPem, pair.publicKeyPem);
    assert.equal(imported.signer.keyid, pair.keyid);
    assert.equal(imported.signer.algorithm, algorithm);
    const verifier = await importPublicKey(pair.publicKeyPem);
    assert.equal(verifier.keyid, pair.keyid);
    assert.equal(verifier.algorithm, algorithm);
    const sig = await imported.signer.sign(data);
    assert.equal(await verifier.verify(data, sig), true);
    assert.equal(await verifier.verify(new TextEncoder().encode("other"), sig), false);
    assert.equal(await verifier.verify(data, new Uint8Array([1, 2, 3])), false);
    // node:crypto (OpenSSL conventions: ECDSA in DER) accepts our signature too.
    const nodeAlg = algorithm === "ed25519" ? null : "sha256";
    assert.equal(verify(nodeAlg, data, createPublicKey(pair.publicKeyPem), sig), true);
  });
}

Deno.test("keys made by node:crypto (OpenSSL PKCS#8/SPKI) import and sign", async () => {
  for (const [type, options] of [["ed25519", {}], ["ec", { namedCurve: "prime256v1" }]] as const) {
    const { privateKey, publicKey } = generateKeyPairSync(
      type as "ec",
      options as { namedCurve: string },
    );
    const privatePem = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    const publicPem = publicKey.export({ type: "spki", format: "pem" }) as string;
    const imported = await importPrivateKey(privatePem);
    assert.equal(imported.keyid, keyIdFromSpki(spkiOf(publicPem)));
    const verifier = await importPublicKey(publicPem);
    assert.equal(await verifier.verify(data, await imported.signer.sign(data)), true);
  }
});

Deno.test("PEM with surrounding text and CRLF line ends imports", async () => {
  const pair = await generateKeyPair("ed25519");
  const wrapped = `comment line\r\n${pair.publicKeyPem.replaceAll("\n", "\r\n")}trailer\n`;
  assert.equal((await importPublicKey(wrapped)).keyid, pair.keyid);
});

Deno.test("malformed keys give key.malformed", async () => {
  const pair = await generateKeyPair("ecdsa-p256");
  const body = pair.privateKeyPem.split("\n").slice(1, -2).join("\n");
  const cases: Record<string, string> = {
    "not PEM": "hello",
    empty: "",
    "bare base64": body,
    "bad base64": "-----BEGIN PRIVATE KEY-----\n!!!notbase64!!!\n-----END PRIVATE KEY-----\n",
    "empty body": "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
    "mismatched END": pair.privateKeyPem.replace("END PRIVATE KEY", "END PUBLIC KEY"),
    "bad DER": `-----BEGIN PRIVATE KEY-----\n${
      btoa("\x30\x05\x02\x01")
    }\n-----END PRIVATE KEY-----\n`,
    truncated: encodePem(
      "PRIVATE KEY",
      new Uint8Array(Buffer.from(body.replaceAll("\n", ""), "base64")).subarray(0, 40),
    ),
    "not PKCS#8": encodePem("PRIVATE KEY", new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])),
  };
  for (const [name, pem] of Object.entries(cases)) {
    await assertKeyError(() => importPrivateKey(pem), "key.malformed", pem).catch((e) => {
      throw new Error(`${name}: ${e.message}`);
    });
  }
  await assertKeyError(
    () => importPublicKey(encodePem("PUBLIC KEY", new Uint8Array([0x30, 0x00]))),
    "key.malformed",
    "",
  );
  // A P-256 SPKI whose point is not on the curve: Deno's WebCrypto imports it without
  // checking the point, so all we can require is that nothing ever verifies with it.
  const spki = spkiOf(pair.publicKeyPem);
  spki.fill(0x01, spki.length - 64);
  const offCurve = await importPublicKey(encodePem("PUBLIC KEY", spki)).catch((e) => e);
  if (isVouchError(offCurve)) {
    assert.equal(offCurve.code, "key.malformed");
  } else {
    const { signer } = await importPrivateKey(pair.privateKeyPem);
    assert.equal(await offCurve.verify(data, await signer.sign(data)), false);
  }
});

Deno.test("RSA keys give key.unsupported (private and public)", async () => {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  ) as CryptoKeyPair;
  const privatePem = encodePem(
    "PRIVATE KEY",
    new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey)),
  );
  const publicPem = encodePem(
    "PUBLIC KEY",
    new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey)),
  );
  await assertKeyError(() => importPrivateKey(privatePem), "key.unsupported", privatePem);
  await assertKeyError(() => importPublicKey(publicPem), "key.unsupported", publicPem);
  try {
    await importPublicKey(publicPem);
  } catch (error) {
    assert.match((error as Error).message, /RSA/);
  }
  const traditional = privatePem.replaceAll("PRIVATE KEY", "RSA PRIVATE KEY");
  await assertKeyError(() => importPrivateKey(traditional), "key.unsupported", traditional);
  // An RSA key labelled EC PRIVATE KEY is no SEC1 key: the hint converts it (and fails clearly).
  const sec1 = privatePem.replaceAll("PRIVATE KEY", "EC PRIVATE KEY");
  await assertKeyError(() => importPrivateKey(sec1), "key.malformed", sec1);
});

Deno.test("encrypted private keys give key.encrypted", async () => {
  const pkcs8 = [
    "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiK1mQ8dmlnHwICCAAw",
    "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEK9EXAMPLEONLYNOTAREALKEY00=",
    "-----END ENCRYPTED PRIVATE KEY-----",
    "",
  ].join("\n");
  await assertKeyError(() => importPrivateKey(pkcs8), "key.encrypted", pkcs8);
  const cosign = pkcs8.replaceAll("ENCRYPTED PRIVATE KEY", "ENCRYPTED SIGSTORE PRIVATE KEY");
  await assertKeyError(() => importPrivateKey(cosign), "key.encrypted", cosign);
  const legacy = [
    "-----BEGIN EC PRIVATE KEY-----",
    "Proc-Type: 4,ENCRYPTED",
    "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF",
    "",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "-----END EC PRIVATE KEY-----",
    "",
  ].join("\n");
  await assertKeyError(() => importPrivateKey(legacy), "key.encrypted", legacy);
});

Deno.test("EC keys on other curves give key.curve", async () => {
  const pair = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-384" }, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const privatePem = encodePem(
    "PRIVATE KEY",
    new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey)),
  );
  const publicPem = encodePem(
    "PUBLIC KEY",
    new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey)),
  );
  await assertKeyError(() => importPrivateKey(privatePem), "key.curve", privatePem);
  await assertKeyError(() => importPublicKey(publicPem), "key.curve", publicPem);
  try {
    await importPublicKey(publicPem);
  } catch (error) {
    assert.match((error as Error).message, /P-384/);
  }
});

Deno.test("the wrong PEM kind gives key.not_private / key.not_public", async () => {
  const pair = await generateKeyPair("ed25519");
  await assertKeyError(
    () => importPrivateKey(pair.publicKeyPem),
    "key.not_private",
    pair.publicKeyPem,
  );
  await assertKeyError(
    () => importPublicKey(pair.privateKeyPem),
    "key.not_public",
    pair.privateKeyPem,
  );
  const certificate = pair.publicKeyPem.replaceAll("PUBLIC KEY", "CERTIFICATE");
  await assertKeyError(() => importPublicKey(certificate), "key.unsupported", certificate);
});

Deno.test("generateKeyPair rejects an unknown algorithm", async () => {
  await assert.rejects(generateKeyPair("rsa" as "ed25519"), { code: "key.unsupported" });
});

/** Imports `pem`, signs, and checks the signature with the public key node:crypto derives. */
async function assertSigns(pem: string, expectedKeyid: string): Promise<void> {
  const key = await importPrivateKey(pem);
  assert.equal(key.algorithm, "ecdsa-p256");
  assert.equal(key.keyid, expectedKeyid);
  const signature = await key.signer.sign(data);
  assert.ok(verify("sha256", data, key.publicKeyPem, Buffer.from(signature)), "signature verifies");
}

function p256(): { sec1: string; pkcs8: string; keyid: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    sec1: privateKey.export({ type: "sec1", format: "pem" }) as string,
    pkcs8: privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    keyid: keyIdFromSpki(new Uint8Array(publicKey.export({ type: "spki", format: "der" }))),
  };
}

Deno.test("a SEC1 P-256 key (EC PRIVATE KEY) is accepted: same key id as its PKCS#8 form", async () => {
  const { sec1, pkcs8, keyid } = p256();
  assert.match(sec1, /^-----BEGIN EC PRIVATE KEY-----\n/);
  await assertSigns(sec1, keyid);
  await assertSigns(pkcs8, keyid);
  // Without the optional public key inside: WebCrypto derives it.
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" });
  const d = Buffer.from(jwk.d!, "base64url");
  const bare = encodePem(
    "EC PRIVATE KEY",
    new Uint8Array([
      ...[0x30, 0x31, 0x02, 0x01, 0x01, 0x04, 0x20, ...d],
      ...[0xa0, 0x0a, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07],
    ]),
  );
  await assertSigns(
    bare,
    keyIdFromSpki(spkiOf(privateKey.export({ type: "pkcs8", format: "pem" }) as string)),
  );
});

Deno.test("a key made by `openssl ecparam -genkey -name prime256v1` (EC PARAMETERS block first) is accepted", async () => {
  let pem: string;
  try {
    const out = await new Deno.Command("openssl", {
      args: ["ecparam", "-genkey", "-name", "prime256v1"],
      stdout: "piped",
      stderr: "null",
    }).output();
    assert.equal(out.code, 0);
    pem = new TextDecoder().decode(out.stdout);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
    console.log("skipped: openssl is not installed");
    return;
  }
  assert.match(pem, /^-----BEGIN EC PARAMETERS-----\n[\s\S]+-----BEGIN EC PRIVATE KEY-----\n/);
  const keyid = keyIdFromSpki(
    new Uint8Array(
      createPublicKey(createPrivateKey(pem)).export({ type: "spki", format: "der" }),
    ),
  );
  await assertSigns(pem, keyid);
});

Deno.test("SEC1 keys on other curves give key.curve; without a named curve, the openssl pkcs8 command", async () => {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-384" });
  const p384 = privateKey.export({ type: "sec1", format: "pem" }) as string;
  await assertKeyError(() => importPrivateKey(p384), "key.curve", p384);
  const noCurve = encodePem(
    "EC PRIVATE KEY",
    new Uint8Array([0x30, 0x25, 0x02, 0x01, 0x01, 0x04, 0x20, ...new Uint8Array(32).fill(7)]),
  );
  await assertKeyError(() => importPrivateKey(noCurve), "key.malformed", noCurve);
  try {
    await importPrivateKey(noCurve);
  } catch (error) {
    assert.equal(
      (error as VouchError).hint,
      "Convert it to PKCS#8: `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem`.",
    );
  }
});

Deno.test("PEM keys with literal \\n line breaks (a one-line variable) are accepted", async () => {
  const { sec1, pkcs8, keyid } = p256();
  for (const pem of [sec1, pkcs8]) {
    await assertSigns(pem.replaceAll("\n", "\\n"), keyid);
    await assertSigns(pem.replaceAll("\n", "\\r\\n"), keyid);
    await assertSigns(pem.trimEnd().replaceAll("\n", "\\n"), keyid);
  }
  const publicPem = createPublicKey(pkcs8).export({ type: "spki", format: "pem" }) as string;
  assert.equal((await importPublicKey(publicPem.replaceAll("\n", "\\n"))).keyid, keyid);
});

Deno.test("encrypted keys: each kind gets a hint that works", async () => {
  const body = "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiK1mQ8dmlnHwICCAAw";
  const hintOf = async (pem: string): Promise<string> => {
    await assertKeyError(() => importPrivateKey(pem), "key.encrypted", pem);
    try {
      await importPrivateKey(pem);
    } catch (error) {
      return (error as VouchError).hint;
    }
    return "";
  };
  for (const label of ["ENCRYPTED SIGSTORE PRIVATE KEY", "ENCRYPTED COSIGN PRIVATE KEY"]) {
    const hint = await hintOf(`-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`);
    assert.match(hint, /vouch keygen --algorithm ecdsa-p256 --out release/);
    assert.match(hint, /cosign import-key-pair --key release\.key/);
  }
  const pkcs8 =
    `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
  assert.match(await hintOf(pkcs8), /openssl pkcs8 -in key\.pem -out plain\.pem/);
  const legacy = [
    "-----BEGIN EC PRIVATE KEY-----",
    "Proc-Type: 4,ENCRYPTED",
    "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF",
    "",
    body,
    "-----END EC PRIVATE KEY-----",
  ].join("\n");
  assert.match(
    await hintOf(legacy),
    /`openssl pkcs8 -topk8 -nocrypt -in key\.pem -out key\.pkcs8\.pem`/,
  );
});

Deno.test("text with no PEM block: the hint names the file-path case (GitLab File variables)", async () => {
  const value = "/builds/tmp/VOUCH_PRIVATE_KEY_FILE";
  await assertKeyError(() => importPrivateKey(value), "key.malformed", value);
  try {
    await importPrivateKey(value);
  } catch (error) {
    assert.match((error as VouchError).hint, /--private-key PATH/);
  }
});

Deno.test("ephemeralKey: a P-256 key whose private half cannot leave memory; low-S DER signatures", async () => {
  const { ephemeralKey, keyIdFromSpki, importPublicKey, encodePem } = await import(
    "../../src/signing/keys.ts"
  );
  const { isEcdsaLowS } = await import("../../src/signing/ecdsa_der.ts");
  const key = await ephemeralKey();
  assert.equal(key.signer.algorithm, "ecdsa-p256");
  assert.equal(key.signer.keyid, keyIdFromSpki(key.spki));
  const verifier = await importPublicKey(encodePem("PUBLIC KEY", key.spki));
  const data = new TextEncoder().encode("payload");
  for (let i = 0; i < 8; i++) {
    const sig = await key.signer.sign(data);
    assert.equal(sig[0], 0x30);
    assert.ok(isEcdsaLowS(sig));
    assert.ok(await verifier.verify(data, sig));
  }
  assert.notEqual((await ephemeralKey()).signer.keyid, key.signer.keyid, "a new key each time");
});
