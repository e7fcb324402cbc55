// In-process tests of `vouch verify-bundle` through its run(argv, io), on
// bundles of the test Sigstore instance written to a temp folder.
import assert from "node:assert/strict";
import { run } from "../../src/cli/verify_bundle_command.ts";
import { VERIFY_BUNDLE_HELP } from "../../src/cli/help.ts";
import { isVouchError } from "../../src/errors.ts";
import { fakeIo } from "./_fake_io.ts";
import { name } from "../sigstore/_der_builder.ts";
import {
  IDENTITY,
  ISSUER,
  makeBundle,
  makeKey,
  makeStack,
  pem,
  sha256,
  trustedRootJson,
} from "../sigstore/_stack.ts";

const stack = await makeStack();
const dir = await Deno.makeTempDir({ prefix: "vouch-verify-bundle-" });
const root = `${dir}/trusted_root.json`;
await Deno.writeTextFile(root, trustedRootJson(stack));
const keyless = await makeBundle(stack, {});
await Deno.writeTextFile(`${dir}/keyless.sigstore.json`, JSON.stringify(keyless.bundle));
await Deno.writeFile(`${dir}/artifact.txt`, keyless.artifact);
const key = await makeKey("P-256");
const keyed = await makeBundle(stack, { publicKey: key, rekor: "none", timestamp: false });
await Deno.writeTextFile(`${dir}/keyed.sigstore.json`, JSON.stringify(keyed.bundle));
await Deno.writeTextFile(`${dir}/key.pub`, pem("PUBLIC KEY", key.spki));

const IDENTITY_FLAGS = ["--certificate-identity", IDENTITY, "--certificate-oidc-issuer", ISSUER];
const base = ["--bundle", `${dir}/keyless.sigstore.json`, "--trusted-root", root];

async function usageError(argv: string[], code: string): Promise<void> {
  await assert.rejects(
    () => run(argv, fakeIo()),
    (e) => isVouchError(e) && e.code === code,
    `${code}: ${argv.join(" ")}`,
  );
}

Deno.test("verify-bundle --help", async () => {
  const io = fakeIo();
  assert.equal(await run(["--help"], io), 0);
  assert.equal(io.out, VERIFY_BUNDLE_HELP);
});

Deno.test("verify-bundle: a verified keyless bundle (text): signer, issuer, workflow claims, log, time", async () => {
  const io = fakeIo();
  assert.equal(await run([...base, ...IDENTITY_FLAGS, `${dir}/artifact.txt`], io), 0, io.out);
  const lines = io.out.split("\n");
  assert.equal(lines[0], `vouch verify-bundle: VERIFIED ${dir}/keyless.sigstore.json`);
  assert.ok(lines.includes(`  signer:     ${IDENTITY}`), io.out);
  assert.ok(lines.includes(`  issuer:     ${ISSUER}`));
  assert.ok(lines.includes("  repository: vouch-test/app"));
  assert.ok(lines.includes("  ref:        refs/tags/v1.0.0"));
  assert.ok(
    lines.some((l) =>
      /^ {2}log: {8}https:\/\/rekor\.vouch\.test index 1005 \(hashedrekord 0\.0\.1\), integrated /
        .test(l)
    ),
  );
  assert.ok(
    lines.some((l) => /^ {2}time: {7}2025-06-01T12:00:00\.000Z \(transparency-log\)$/.test(l)),
  );
});

Deno.test("verify-bundle: --format json, a regexp identity and a sha256: artifact", async () => {
  const io = fakeIo();
  const digest = Array.from(sha256(keyless.artifact), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
  const argv = [
    ...base,
    "--certificate-identity-regexp",
    "^https://github\\.com/vouch-test/",
    "--certificate-oidc-issuer",
    ISSUER,
    "--format",
    "json",
    `sha256:${digest}`,
  ];
  assert.equal(await run(argv, io), 0, io.out);
  const report = JSON.parse(io.out);
  assert.equal(report.verified, true);
  assert.equal(report.artifact, `sha256:${digest}`);
  assert.equal(report.signer.type, "certificate");
  assert.equal(report.signer.identity.subjectAlternativeName, IDENTITY);
  assert.equal(
    report.signer.identity.workflow.runUrl,
    "https://github.com/vouch-test/app/actions/runs/1/attempts/1",
  );
  assert.match(report.signer.certificate, /^-----BEGIN CERTIFICATE-----\n/);
  assert.equal(report.logEntries[0].logIndex, "1005");
  assert.equal(report.logEntries[0].logIndexBound, true, "signed by its inclusion promise");
  assert.ok(report.checks.every((c: { ok: boolean }) => c.ok));
});

// The conformance suite's CLI protocol: FILE_OR_DIGEST is a file when one of that name exists;
// a file named `sha256:<64 zeros>` holding the artifact was taken for a digest and failed.
Deno.test("verify-bundle: an existing file named sha256:<hex> is read as the artifact", async () => {
  const name = `sha256:${"0".repeat(64)}`;
  await Deno.writeFile(`${dir}/${name}`, keyless.artifact);
  const cwd = Deno.cwd();
  Deno.chdir(dir);
  try {
    const io = fakeIo();
    assert.equal(await run([...base, ...IDENTITY_FLAGS, name], io), 0, io.out + io.err);
  } finally {
    Deno.chdir(cwd);
    await Deno.remove(`${dir}/${name}`);
  }
});

Deno.test("verify-bundle: a FAIL line shows the control characters it quotes escaped", async () => {
  const io = fakeIo();
  const argv = [
    ...base,
    "--certificate-identity",
    "https://github.com/evil/\u009b2J\u202eapp",
    "--certificate-oidc-issuer",
    "https://token.actions.githubusercontent.com",
    `${dir}/artifact.txt`,
  ];
  assert.equal(await run(argv, io), 1);
  assert.match(io.out, /^FAIL identity\.san_mismatch: /m);
  assert.ok(io.out.includes("evil/\\u009b2J\\u202eapp"), io.out);
  assert.ok(!/[\u009b\u202e]/.test(io.out), "no raw CSI or bidi override on stdout");
});

Deno.test("verify-bundle: a line feed in a name a FAIL line quotes never starts a line of its own", async () => {
  // The certificate's issuer name comes from the bundle: "VERIFIED" on a line of its own would
  // read as the verdict of another bundle.
  const spoof = "x\nvouch verify-bundle: VERIFIED app.sigstore.json";
  const issuerKey = await makeKey("P-256");
  const forged = await makeBundle(stack, {
    leaf: { issuer: { cert: new Uint8Array(), key: issuerKey, name: name({ cn: spoof }) } },
  });
  await Deno.writeTextFile(`${dir}/forged.sigstore.json`, JSON.stringify(forged.bundle));
  await Deno.writeFile(`${dir}/forged.txt`, forged.artifact);
  const io = fakeIo();
  const argv = ["--bundle", `${dir}/forged.sigstore.json`, "--trusted-root", root];
  assert.equal(await run([...argv, ...IDENTITY_FLAGS, `${dir}/forged.txt`], io), 1);
  assert.match(
    io.out,
    /^FAIL certificate\.chain_invalid: .*x\\u000avouch verify-bundle: VERIFIED/m,
  );
  const lines = io.out.trimEnd().split("\n");
  assert.ok(lines.slice(1).every((l) => l.startsWith("FAIL ")), io.out);
});

Deno.test("verify-bundle: not verified: exit 1, one FAIL line per failed check", async () => {
  const io = fakeIo();
  const argv = [
    ...base,
    "--certificate-identity",
    "https://github.com/evil/app",
    "--certificate-oidc-issuer",
    "https://accounts.google.com",
    `${dir}/artifact.txt`,
  ];
  assert.equal(await run(argv, io), 1);
  assert.deepEqual(io.out.trimEnd().split("\n").slice(1).map((l) => l.split(":")[0]), [
    "FAIL identity.san_mismatch",
    "FAIL identity.issuer_mismatch",
  ]);
  const other = fakeIo();
  await Deno.writeTextFile(`${dir}/other.txt`, "other");
  assert.equal(await run([...base, ...IDENTITY_FLAGS, `${dir}/other.txt`], other), 1);
  assert.match(other.out, /^FAIL artifact\.digest_mismatch: /m);
});

Deno.test("verify-bundle --key: a key-signed bundle without a log entry; another key fails", async () => {
  const io = fakeIo();
  assert.equal(
    await run([
      "--bundle",
      `${dir}/keyed.sigstore.json`,
      "--key",
      `${dir}/key.pub`,
      `${dir}/artifact.txt`,
    ], io),
    0,
    io.out,
  );
  assert.match(io.out, /signer: {5}public key /);
  const other = await makeKey("P-256");
  await Deno.writeTextFile(`${dir}/other.pub`, pem("PUBLIC KEY", other.spki));
  const wrong = fakeIo();
  assert.equal(
    await run([
      "--bundle",
      `${dir}/keyed.sigstore.json`,
      "--key",
      `${dir}/other.pub`,
      `${dir}/artifact.txt`,
    ], wrong),
    1,
  );
  assert.match(wrong.out, /^FAIL signature\.invalid: /m);
  // A keyless bundle checked with only a key: the identity policy is missing.
  const noIdentity = fakeIo();
  assert.equal(
    await run([...base, "--key", `${dir}/key.pub`, `${dir}/artifact.txt`], noIdentity),
    1,
  );
  assert.match(noIdentity.out, /^FAIL identity\.policy_required: /m);
  // A key and an identity at once (the suite's managed-key-and-client-identity): refused, exit 1.
  for (const bundle of [`${dir}/keyed.sigstore.json`, base[1]]) {
    const both = fakeIo();
    assert.equal(
      await run([
        ...base.slice(2),
        ...IDENTITY_FLAGS,
        "--bundle",
        bundle,
        "--key",
        `${dir}/key.pub`,
        `${dir}/artifact.txt`,
      ], both),
      1,
      both.out,
    );
    assert.match(both.out, /^FAIL identity\.policy_conflict: /m);
  }
});

Deno.test("verify-bundle: a bundle over 256 MiB is refused from its size (exit 1)", async () => {
  const big = `${dir}/big.sigstore.json`;
  using file = await Deno.open(big, { write: true, create: true });
  await file.truncate(256 * 1024 * 1024 + 1);
  const io = fakeIo();
  assert.equal(await run(["--bundle", big, ...IDENTITY_FLAGS, `${dir}/artifact.txt`], io), 1);
  assert.match(io.out, /^FAIL bundle\.too_large: /m);
  await Deno.remove(big);
});

Deno.test("verify-bundle: usage and input errors (exit 2 through main)", async () => {
  const artifact = `${dir}/artifact.txt`;
  await usageError([...IDENTITY_FLAGS, artifact], "args.missing.bundle");
  await usageError([...base, ...IDENTITY_FLAGS], "args.missing.artifact");
  await usageError([...base, ...IDENTITY_FLAGS, artifact, "extra"], "args.unexpected_argument");
  await usageError([...base, artifact], "args.missing.policy");
  await usageError(
    [...base, "--certificate-identity", IDENTITY, artifact],
    "args.identity_incomplete",
  );
  await usageError(
    [...base, ...IDENTITY_FLAGS, "--certificate-identity-regexp", "x", artifact],
    "args.conflicting_flags",
  );
  await usageError([
    ...base,
    "--certificate-identity-regexp",
    "(",
    "--certificate-oidc-issuer",
    ISSUER,
    artifact,
  ], "args.invalid_value");
  await usageError([...base, ...IDENTITY_FLAGS, "sha256:abc"], "args.invalid_value");
  await usageError(
    [...base, ...IDENTITY_FLAGS, `${dir}/missing.txt`],
    "verify_bundle.artifact_unreadable",
  );
  await usageError([...base, ...IDENTITY_FLAGS, dir], "verify_bundle.artifact_unreadable");
  await usageError(
    ["--bundle", `${dir}/missing.json`, ...IDENTITY_FLAGS, artifact],
    "verify_bundle.bundle_unreadable",
  );
  await usageError(
    [...base, "--key", `${dir}/missing.pub`, artifact],
    "verify_bundle.key_unreadable",
  );
  await usageError([...base, "--key", root, artifact], "key.malformed");
  await usageError([
    "--bundle",
    `${dir}/keyless.sigstore.json`,
    "--trusted-root",
    `${dir}/missing.json`,
    ...IDENTITY_FLAGS,
    artifact,
  ], "verify.trusted_root_unreadable");
  await usageError([
    "--bundle",
    `${dir}/keyless.sigstore.json`,
    "--trusted-root",
    artifact,
    ...IDENTITY_FLAGS,
    artifact,
  ], "trusted_root.invalid");
  await usageError([...base, ...IDENTITY_FLAGS, "--format", "md", artifact], "args.invalid_value");
});
