// In-process tests of `vouch verify` through its run(argv, io).
import assert from "node:assert/strict";
import { run } from "../../src/cli/verify_command.ts";
import { run as attestRun } from "../../src/cli/attest_command.ts";
import { VERIFY_HELP } from "../../src/cli/help.ts";
import { isVouchError } from "../../src/errors.ts";
import { CONTEXT_FLAGS, demoProject } from "../_cli.ts";
import { fakeIo } from "./_fake_io.ts";

const SECRET = "verify-in-process-secret";

/** An HMAC-signed bundle of the demo project. */
async function bundle(): Promise<{ project: string; dir: string }> {
  const project = await demoProject();
  const dir = `${project}/../evidence`;
  const io = fakeIo({ env: { VOUCH_SIGNING_KEY: SECRET } });
  const args = ["--project-root", project, "--output-dir", dir, "--subject", "dist/*"];
  assert.equal(await attestRun([...args, ...CONTEXT_FLAGS], io), 0, io.err);
  return { project, dir };
}

interface Report {
  passed: boolean;
  checks: { code: string; ok: boolean }[];
}

function codes(report: Report, ok: boolean): string[] {
  return report.checks.filter((c) => c.ok === ok).map((c) => c.code);
}

Deno.test("verify --help prints the help text only", async () => {
  const io = fakeIo();
  assert.equal(await run(["--help"], io), 0);
  assert.equal(io.out, VERIFY_HELP);
});

Deno.test("verify: md by default and with --format md; JSON with --format json", async () => {
  const { dir } = await bundle();
  const env = { VOUCH_SIGNING_KEY: SECRET };
  const md = fakeIo({ env });
  assert.equal(await run([dir], md), 0);
  assert.ok(md.out.startsWith("# vouch verify: PASSED\n"), md.out);
  assert.match(md.out, /^\| ok \| `signature\.required` \|/m);
  const explicit = fakeIo({ env });
  assert.equal(await run([dir, "--format", "md"], explicit), 0);
  assert.equal(explicit.out, md.out);
  const json = fakeIo({ env });
  assert.equal(await run([dir, "--format", "json"], json), 0);
  const report: Report = JSON.parse(json.out);
  assert.equal(report.passed, true);
  assert.deepEqual(codes(report, false), []);
  assert.ok(codes(report, true).includes("hmac.signature.verified"));
  assert.ok(codes(report, true).includes("signature.required"));
  assert.equal(md.err + explicit.err + json.err, "");
});

Deno.test("verify: without a key the signature requirement fails (exit 1); --require-signature=false relaxes it", async () => {
  const { dir } = await bundle();
  const strict = fakeIo();
  assert.equal(await run([dir, "--format", "json"], strict), 1);
  const failed: Report = JSON.parse(strict.out);
  assert.equal(failed.passed, false);
  assert.deepEqual(codes(failed, false), ["signature.required"]);
  assert.ok(codes(failed, true).includes("hmac.not_checked"));

  const bare = fakeIo();
  assert.equal(await run([dir, "--require-signature", "--format", "json"], bare), 1);

  const relaxed = fakeIo();
  assert.equal(await run([dir, "--require-signature=false", "--format", "json"], relaxed), 0);
  const report: Report = JSON.parse(relaxed.out);
  assert.equal(report.passed, true);
  assert.ok(!report.checks.some((c) => c.code === "signature.required"));
  const md = fakeIo();
  assert.equal(await run([dir, "--require-signature=false", "--format", "md"], md), 0);
  assert.ok(md.out.startsWith("# vouch verify: PASSED\n"));
});

Deno.test("verify --hmac-key-file is read through io.readTextFile; a wrong key fails", async () => {
  const { dir } = await bundle();
  const good = fakeIo({ files: { "/virtual/key": `${SECRET}\n` } });
  assert.equal(await run([dir, "--hmac-key-file", "/virtual/key"], good), 0, good.out);
  const bad = fakeIo({ files: { "/virtual/key": "another secret" } });
  assert.equal(await run([dir, "--hmac-key-file", "/virtual/key", "--format", "json"], bad), 1);
  assert.ok(codes(JSON.parse(bad.out), false).includes("signature.required"));
});

Deno.test("verify --expect-*: a mismatch fails the policy (exit 1)", async () => {
  const { dir } = await bundle();
  const env = { VOUCH_SIGNING_KEY: SECRET };
  const ok = fakeIo({ env });
  assert.equal(await run([dir, "--expect-release", "v1.0.0", "--format", "json"], ok), 0);
  assert.ok(codes(JSON.parse(ok.out), true).includes("policy.release_ok"));
  const wrong = fakeIo({ env });
  assert.equal(await run([dir, "--expect-release", "v2.0.0", "--format", "json"], wrong), 1);
  assert.deepEqual(codes(JSON.parse(wrong.out), false), ["policy.release_mismatch"]);
});

Deno.test("verify: usage errors are VouchErrors", async () => {
  const { dir } = await bundle();
  const code = (c: string) => (e: unknown): boolean => isVouchError(e) && e.code === c;
  await assert.rejects(run([], fakeIo()), code("args.missing.dir"));
  await assert.rejects(run([dir, "extra"], fakeIo()), code("args.unexpected_argument"));
  await assert.rejects(
    run([dir, "--public-key", `${dir}/no-such.pub`], fakeIo()),
    code("verify.key_unreadable"),
  );
  await assert.rejects(run([dir, "--hmac-key-env", "NOPE"], fakeIo()), code("secret.env_unset"));
  await assert.rejects(run([dir, "--format", "xml"], fakeIo()), code("args.invalid_value"));
});

Deno.test('attack: vouch verify "" (an empty path) is verify.dir_missing, never exit 3', async () => {
  await assert.rejects(
    () => run([""], fakeIo()),
    (e: unknown) =>
      isVouchError(e) && e.code === "verify.dir_missing" && /empty path/.test(e.message),
  );
});
