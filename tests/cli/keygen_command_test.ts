// In-process tests of `vouch keygen` through its run(argv, io) and through runCli.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { run } from "../../src/cli/keygen_command.ts";
import { runCli } from "../../src/cli/main.ts";
import { KEYGEN_HELP } from "../../src/cli/help.ts";
import { isVouchError } from "../../src/errors.ts";
import { fakeIo } from "./_fake_io.ts";

function pemDer(pem: string, label: string): Uint8Array<ArrayBuffer> {
  const match = new RegExp(
    `^-----BEGIN ${label}-----\\n([A-Za-z0-9+/=\\n]+)-----END ${label}-----\\n?$`,
  )
    .exec(pem);
  assert.ok(match, pem);
  return Uint8Array.from(atob(match[1].replaceAll("\n", "")), (c) => c.charCodeAt(0));
}

function keyId(spki: Uint8Array): string {
  return createHash("sha256").update(spki).digest("base64");
}

Deno.test("keygen --help prints the help text only", async () => {
  const io = fakeIo();
  assert.equal(await run(["--help"], io), 0);
  assert.equal(io.out, KEYGEN_HELP);
});

Deno.test("keygen: text output names both files and the key id; Ed25519 by default", async () => {
  const dir = await Deno.makeTempDir();
  const prefix = `${dir}/release`;
  const io = fakeIo();
  assert.equal(await run(["--out", prefix], io), 0);
  const spki = pemDer(await Deno.readTextFile(`${prefix}.pub`), "PUBLIC KEY");
  const keyid = keyId(spki);
  assert.equal(
    io.out,
    `private key: ${prefix}.key (keep it secret)\npublic key:  ${prefix}.pub\nkey id:      ${keyid}\n`,
  );
  assert.equal(io.err, "");
  await crypto.subtle.importKey("spki", spki, { name: "Ed25519" }, true, ["verify"]);
  const pkcs8 = pemDer(await Deno.readTextFile(`${prefix}.key`), "PRIVATE KEY");
  await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, false, ["sign"]);
  if (Deno.build.os !== "windows") {
    assert.equal((await Deno.stat(`${prefix}.key`)).mode! & 0o777, 0o600);
  }
});

Deno.test("keygen --algorithm ecdsa-p256 --format json", async () => {
  const dir = await Deno.makeTempDir();
  const prefix = `${dir}/p256`;
  const io = fakeIo();
  assert.equal(
    await run(["--algorithm", "ecdsa-p256", "--out", prefix, "--format", "json"], io),
    0,
  );
  const result = JSON.parse(io.out);
  const spki = pemDer(await Deno.readTextFile(`${prefix}.pub`), "PUBLIC KEY");
  assert.deepEqual(result, {
    algorithm: "ecdsa-p256",
    privateKeyPath: `${prefix}.key`,
    publicKeyPath: `${prefix}.pub`,
    keyid: keyId(spki),
  });
  await crypto.subtle.importKey("spki", spki, { name: "ECDSA", namedCurve: "P-256" }, true, [
    "verify",
  ]);
});

Deno.test("keygen: usage errors are VouchErrors; an existing key is never overwritten", async () => {
  const dir = await Deno.makeTempDir();
  const code = (c: string) => (e: unknown): boolean => isVouchError(e) && e.code === c;
  await assert.rejects(run([], fakeIo()), code("args.missing.out"));
  await assert.rejects(
    run(["--out", `${dir}/x`, "--algorithm", "rsa"], fakeIo()),
    code("args.invalid_value"),
  );
  await assert.rejects(
    run(["stray", "--out", `${dir}/x`], fakeIo()),
    code("args.unexpected_argument"),
  );
  await Deno.writeTextFile(`${dir}/taken.pub`, "keep me");
  await assert.rejects(run(["--out", `${dir}/taken`], fakeIo()), code("key.exists"));
  assert.equal(await Deno.readTextFile(`${dir}/taken.pub`), "keep me");
  await assert.rejects(Deno.stat(`${dir}/taken.key`), Deno.errors.NotFound);
});

Deno.test("runCli keygen: error[code] + hint on stderr, exit 2, JSON errors with --format json", async () => {
  const text = fakeIo();
  assert.equal(await runCli(["keygen"], text), 2);
  assert.equal(
    text.err,
    "error[args.missing.out]: vouch keygen needs --out PREFIX\n  hint: e.g. --out release-signing\n",
  );
  assert.equal(text.out, "");
  const json = fakeIo();
  assert.equal(await runCli(["keygen", "--format", "json"], json), 2);
  assert.deepEqual(JSON.parse(json.out), {
    passed: false,
    errors: [{
      code: "args.missing.out",
      message: "vouch keygen needs --out PREFIX",
      hint: "e.g. --out release-signing",
    }],
  });
});

Deno.test("runCli keygen: a missing output folder is an input error (exit 2), not an internal failure", async () => {
  const dir = await Deno.makeTempDir();
  const io = fakeIo();
  const code = await runCli(["keygen", "--out", `${dir}/no/such/folder/release`], io);
  assert.equal(code, 2, io.err);
  assert.doesNotMatch(io.err, /error\[internal\]/);
  assert.match(io.err, /^error\[[a-z_.]+\]: .+\n {2}hint: .+\n$/);
});
