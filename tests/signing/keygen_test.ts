import assert from "node:assert/strict";
import { createHash, createPublicKey } from "node:crypto";
import { VouchError } from "../../src/errors.ts";
import { writeKeyPair } from "../../src/signing/keygen.ts";
import { importPrivateKey, importPublicKey } from "../../src/signing/keys.ts";

async function inTempDir(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "vouch-keygen-" });
  try {
    await run(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

for (const algorithm of ["ed25519", "ecdsa-p256"] as const) {
  Deno.test(`writeKeyPair (${algorithm}) writes PREFIX.key (0600) and PREFIX.pub`, () =>
    inTempDir(async (dir) => {
      const written = await writeKeyPair(`${dir}/release`, { algorithm });
      assert.equal(written.privateKeyPath, `${dir}/release.key`);
      assert.equal(written.publicKeyPath, `${dir}/release.pub`);
      const privatePem = await Deno.readTextFile(written.privateKeyPath);
      const publicPem = await Deno.readTextFile(written.publicKeyPath);
      assert.match(privatePem, /^-----BEGIN PRIVATE KEY-----\n[\s\S]+-----END PRIVATE KEY-----\n$/);
      assert.match(publicPem, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+-----END PUBLIC KEY-----\n$/);
      if (Deno.build.os !== "windows") {
        assert.equal((await Deno.stat(written.privateKeyPath)).mode! & 0o777, 0o600);
      }
      const spki = createPublicKey(publicPem).export({ type: "spki", format: "der" });
      assert.equal(written.keyid, createHash("sha256").update(spki).digest("base64"));
      const imported = await importPrivateKey(privatePem);
      assert.equal(imported.algorithm, algorithm);
      assert.equal(imported.keyid, written.keyid);
      const verifier = await importPublicKey(publicPem);
      const data = new Uint8Array([1, 2, 3]);
      assert.equal(await verifier.verify(data, await imported.signer.sign(data)), true);
    }));
}

Deno.test("writeKeyPair refuses to overwrite either file and leaves them untouched", () =>
  inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/a.key`, "keep me");
    await assert.rejects(writeKeyPair(`${dir}/a`, { algorithm: "ed25519" }), {
      code: "key.exists",
    });
    assert.equal(await Deno.readTextFile(`${dir}/a.key`), "keep me");
    await assert.rejects(Deno.stat(`${dir}/a.pub`), Deno.errors.NotFound);

    await Deno.writeTextFile(`${dir}/b.pub`, "keep me too");
    await assert.rejects(writeKeyPair(`${dir}/b`, { algorithm: "ecdsa-p256" }), {
      code: "key.exists",
    });
    assert.equal(await Deno.readTextFile(`${dir}/b.pub`), "keep me too");
    await assert.rejects(Deno.stat(`${dir}/b.key`), Deno.errors.NotFound);

    const first = await writeKeyPair(`${dir}/c`, { algorithm: "ed25519" });
    const before = await Deno.readTextFile(first.privateKeyPath);
    await assert.rejects(writeKeyPair(`${dir}/c`, { algorithm: "ed25519" }), {
      code: "key.exists",
    });
    assert.equal(await Deno.readTextFile(first.privateKeyPath), before);
  }));

Deno.test("writeKeyPair makes a different key each time", () =>
  inTempDir(async (dir) => {
    const a = await writeKeyPair(`${dir}/a`, { algorithm: "ed25519" });
    const b = await writeKeyPair(`${dir}/b`, { algorithm: "ed25519" });
    assert.notEqual(a.keyid, b.keyid);
  }));

Deno.test("writeKeyPair under a regular file is key.unwritable, and writes nothing", () =>
  inTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/somefile`, "keep me");
    for (const prefix of [`${dir}/somefile/k`, `${dir}/somefile/deeper/k`]) {
      // The lstat in the key.exists check used to throw a bare NotADirectory (exit 3).
      await assert.rejects(
        writeKeyPair(prefix, { algorithm: "ed25519" }),
        (e: unknown) => {
          assert.ok(e instanceof VouchError, `expected a VouchError, got ${e}`);
          assert.equal(e.code, "key.unwritable");
          assert.equal(e.message, `cannot write ${prefix}.key: a parent is not a folder`);
          assert.ok(e.hint.length > 0);
          return true;
        },
      );
    }
    assert.equal(await Deno.readTextFile(`${dir}/somefile`), "keep me");
    assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["somefile"]);
  }));
