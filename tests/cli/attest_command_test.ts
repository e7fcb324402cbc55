// In-process tests of `vouch attest` through its run(argv, io) and through runCli.
import assert from "node:assert/strict";
import { run } from "../../src/cli/attest_command.ts";
import { runCli } from "../../src/cli/main.ts";
import { ATTEST_HELP } from "../../src/cli/help.ts";
import { CONTEXT_FLAGS, demoProject } from "../_cli.ts";
import { fakeIo } from "./_fake_io.ts";

const CLEAR = "\r\x1b[2K";
const SECRET = "in-process-hmac-secret-42";
const NOT_SIGNED_HINT =
  "pass --signing-key-file/--signing-key-env (HMAC), --private-key (Ed25519/ECDSA) or --keyless (Sigstore), or set VOUCH_SIGNING_KEY";

async function setup(): Promise<{ project: string; out: string; args: string[] }> {
  const project = await demoProject();
  const out = `${project}/../out`;
  return {
    project,
    out,
    args: ["--project-root", project, "--output-dir", out, "--subject", "dist/*", ...CONTEXT_FLAGS],
  };
}

/** Runs `fn` with `performance.now` advancing two seconds per call, so progress always shows. */
async function withFastClock<T>(fn: () => Promise<T>): Promise<T> {
  const original = performance.now;
  let t = 0;
  performance.now = () => (t += 2000);
  try {
    return await fn();
  } finally {
    performance.now = original;
  }
}

Deno.test("attest --help prints the help text only", async () => {
  const io = fakeIo();
  assert.equal(await run(["--help"], io), 0);
  assert.equal(io.out, ATTEST_HELP);
  assert.equal(io.err, "");
});

Deno.test("attest: md on stdout by default, the blocker on stderr, exit 1 without a key", async () => {
  const { out, args } = await setup();
  const io = fakeIo();
  assert.equal(await run(args, io), 1);
  assert.equal(io.out, await Deno.readTextFile(`${out}/supply_chain_attestation.md`));
  assert.match(io.out, /^#/m);
  assert.equal(
    io.err,
    `blocked[signature.missing_key]: the provenance is not signed: no signing key was given\n  hint: ${NOT_SIGNED_HINT}\n`,
  );
});

Deno.test("attest --format json: the report without the Markdown text", async () => {
  const { out, args } = await setup();
  const io = fakeIo({ env: { VOUCH_SIGNING_KEY: SECRET } });
  assert.equal(await run([...args, "--format", "json"], io), 0);
  const report = JSON.parse(io.out);
  assert.equal(
    io.out,
    JSON.stringify(report, null, 2) + "\n",
    "two-space JSON with a final newline",
  );
  assert.equal("markdown" in report, false);
  assert.equal(report.passed, true);
  assert.equal(report.release, "v1.0.0");
  assert.equal(report.output_dir, out);
  assert.equal(report.bundle_path, `${out}/supply_chain_attestation.json`);
  assert.equal(report.signature_path, `${out}/signature.hmac-sha256.json`);
  assert.equal(report.sigstore_bundle_path, null);
  assert.deepEqual(report.blockers, []);
  assert.deepEqual(report.subjects.map((s: { name: string }) => s.name), [
    "demo_app-1.0.0-py3-none-any.whl",
    "demo_app-1.0.0.tar.gz",
  ]);
  assert.equal(io.err, "");
});

Deno.test("attest --signing-key: the argv warning, and the secret is never printed", async () => {
  const { out, args } = await setup();
  const io = fakeIo();
  assert.equal(await run([...args, "--signing-key", SECRET], io), 0);
  assert.equal(
    io.err,
    "warning: --signing-key puts the secret in argv, which other processes can read; prefer --signing-key-file or --signing-key-env\n",
  );
  assert.ok(!io.out.includes(SECRET));
  for await (const e of Deno.readDir(out)) {
    assert.ok(!(await Deno.readTextFile(`${out}/${e.name}`)).includes(SECRET), e.name);
  }
});

Deno.test("attest --signing-key-file is read through io.readTextFile, without a warning", async () => {
  const { out, args } = await setup();
  const io = fakeIo({ files: { "/virtual/hmac.key": `${SECRET}\n` } });
  assert.equal(await run([...args, "--signing-key-file", "/virtual/hmac.key"], io), 0);
  assert.equal(io.err, "");
  const index = JSON.parse(await Deno.readTextFile(`${out}/supply_chain_attestation.json`));
  assert.deepEqual(index.signatures.map((s: { algorithm: string }) => s.algorithm), [
    "hmac-sha256",
  ]);
});

Deno.test("attest: hashing progress on a terminal, cleared at the end", async () => {
  const { args } = await setup();
  const io = fakeIo({ tty: true, env: { VOUCH_SIGNING_KEY: SECRET } });
  assert.equal(await withFastClock(() => run(args, io)), 0);
  const progress = io.errWrites.filter((w) => w.includes("hashing "));
  assert.ok(progress.length > 0, JSON.stringify(io.errWrites));
  for (const line of progress) {
    assert.ok(line.startsWith(`${CLEAR}hashing `), JSON.stringify(line));
    assert.match(
      line.slice(CLEAR.length),
      /^hashing dist\/demo_app-1\.0\.0[^:]*: \d+\/\d+ MiB, \d+ MiB\/s$/,
    );
  }
  assert.equal(io.errWrites.at(-1), CLEAR, "the progress line is cleared");
});

Deno.test("attest: no progress output when stderr is not a terminal", async () => {
  const { args } = await setup();
  const io = fakeIo({ tty: false, env: { VOUCH_SIGNING_KEY: SECRET } });
  assert.equal(await withFastClock(() => run(args, io)), 0);
  assert.equal(io.err, "");
  assert.ok(!io.err.includes("\x1b"));
});

Deno.test("attest in GitHub Actions: summary and outputs appended through io, ::error on stderr", async () => {
  const { out, args } = await setup();
  const io = fakeIo({
    env: {
      GITHUB_ACTIONS: "true",
      GITHUB_STEP_SUMMARY: "/gh/summary",
      GITHUB_OUTPUT: "/gh/output",
    },
  });
  assert.equal(await run(args, io), 1);
  assert.equal(io.appended.get("/gh/summary"), io.out);
  const outputs = io.appended.get("/gh/output")!;
  assert.ok(outputs.startsWith("passed=false\n"), outputs);
  assert.ok(outputs.includes(`bundle_path=${out}/supply_chain_attestation.json\n`), outputs);
  assert.ok(outputs.includes("signature_path=\n"), outputs);
  assert.match(io.err, /^::error title=signature\.missing_key::the provenance is not signed/m);
});

Deno.test("attest in GitHub Actions: warnings also become ::warning annotations", async () => {
  const { args } = await setup();
  const io = fakeIo({ env: { GITHUB_ACTIONS: "true" } });
  assert.equal(await run([...args, "--signing-key", SECRET], io), 0);
  const warning =
    "--signing-key puts the secret in argv, which other processes can read; prefer --signing-key-file or --signing-key-env";
  assert.equal(io.err.split("\n")[0], `warning: ${warning}`);
  assert.equal(io.err.split("\n")[1], `::warning::${warning}`);
  assert.ok(!io.err.includes(SECRET));
});

Deno.test("runCli in GitHub Actions: an exit-2 error is also an ::error annotation and a step summary", async () => {
  const { project, out } = await setup();
  const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: "/gh/summary" };
  for (const words of [["attest"], ["supply-chain", "attest"]]) {
    const io = fakeIo({ env });
    const argv = [...words, "--project-root", project, "--output-dir", out, ...CONTEXT_FLAGS];
    assert.equal(await runCli([...argv, "--subject", "missing/*.whl"], io), 2);
    const [plain, hint, annotation, ...rest] = io.err.split("\n");
    assert.match(plain, /^error\[subject\.missing\.missing\/\*\.whl\]: /);
    assert.match(hint, /^ {2}hint: /);
    assert.match(annotation, /^::error title=subject\.missing\.missing\/\*\.whl::subject missing/);
    assert.deepEqual(rest, [""]);
    const summary = io.appended.get("/gh/summary")!;
    assert.match(summary, new RegExp(`^# vouch ${words.join(" ")}: error\n`));
    assert.match(summary, /exit code 2 \(usage or input error\)/);
    assert.match(summary, /- Error: `subject\.missing\.missing\/\*\.whl`: /);
    assert.equal(io.out, "", "stdout stays empty (no --format json)");
  }
  // Outside GitHub Actions: neither.
  const plain = fakeIo({ env: { GITHUB_STEP_SUMMARY: "/gh/summary" } });
  assert.equal(await runCli(["attest", "--bogus"], plain), 2);
  assert.doesNotMatch(plain.err, /::error/);
  assert.equal(plain.appended.size, 0);
  // An unknown command is not named in the summary title.
  const unknown = fakeIo({ env });
  assert.equal(await runCli(["atest"], unknown), 2);
  assert.match(unknown.appended.get("/gh/summary")!, /^# vouch: error\n/);
  assert.match(unknown.err, /^::error title=args\.unknown_command::/m);
});

Deno.test("runCli: a VouchError is exit 2, error[code] and hint; JSON errors with --format json", async () => {
  const { project, out } = await setup();
  const base = ["--project-root", project, "--output-dir", out, ...CONTEXT_FLAGS];
  for (const format of [["--format", "json"], ["--format=json"]]) {
    const io = fakeIo();
    assert.equal(await runCli(["supply-chain", "attest", ...base, ...format], io), 2);
    assert.equal(
      io.err,
      "error[subjects.empty]: no release subject given\n  hint: pass --subject PATH (repeatable, globs allowed) for each release artifact\n",
    );
    assert.deepEqual(JSON.parse(io.out), {
      passed: false,
      errors: [{
        code: "subjects.empty",
        message: "no release subject given",
        hint: "pass --subject PATH (repeatable, globs allowed) for each release artifact",
      }],
    });
  }
  const md = fakeIo();
  assert.equal(await runCli(["attest", ...base], md), 2);
  assert.equal(md.out, "", "no JSON without --format json");
  assert.match(md.err, /^error\[subjects\.empty\]: /);
});

Deno.test("runCli: an unexpected Error is exit 3, error[internal], stack only with VOUCH_DEBUG", async () => {
  const { args } = await setup();
  const failing = (): void => {
    throw new Error("disk full");
  };
  const env = {};
  const io = fakeIo({ env });
  io.stdout = failing;
  assert.equal(await runCli(["attest", ...args], io), 3);
  assert.ok(
    io.err.endsWith(
      "error[internal]: unexpected failure: disk full\n  hint: please report this with the command you ran\n",
    ),
    io.err,
  );
  assert.doesNotMatch(io.err, /^\s+at /m, "no stack trace");

  const { args: args2 } = await setup();
  const debug = fakeIo({ env: { VOUCH_DEBUG: "1" } });
  debug.stdout = failing;
  assert.equal(await runCli(["attest", ...args2], debug), 3);
  assert.match(debug.err, /error\[internal\]: unexpected failure: disk full\n/);
  assert.match(debug.err, /Error: disk full\n\s+at /, "the stack follows with VOUCH_DEBUG");
});

Deno.test("attest: an unwritable GITHUB_OUTPUT is a warning, stdout keeps one JSON report", async () => {
  const project = await demoProject();
  const io = fakeIo({
    env: {
      GITHUB_ACTIONS: "true",
      GITHUB_OUTPUT: "/nonexistent-dir/out.txt",
      VOUCH_SIGNING_KEY: "k",
    },
    append: (path, text) => Deno.writeTextFileSync(path, text, { append: true }),
  });
  const code = await run(
    [
      "--project-root",
      project,
      "--output-dir",
      `${project}/../out`,
      "--subject",
      "dist/*",
      "--format",
      "json",
      ...CONTEXT_FLAGS,
    ],
    io,
  );
  assert.equal(code, 0);
  assert.equal(JSON.parse(io.out).passed, true);
  assert.match(io.err, /warning: could not write the GitHub Actions summary or outputs/);
});

Deno.test("attest --allow-unread and --exclude; each unread file warned once on stderr", async () => {
  const { project, args } = await setup();
  await Deno.writeTextFile(`${project}/conan.lock`, "{}");
  const env = { VOUCH_SIGNING_KEY: SECRET };
  const blocked = fakeIo({ env });
  assert.equal(await run([...args, "--format", "json"], blocked), 1);
  assert.equal(
    blocked.errWrites.filter((w) => w.startsWith("warning: conan.lock is not read")).length,
    1,
  );
  assert.ok(blocked.err.includes("blocked[inventory.unread_file]: conan.lock is not read"));
  assert.deepEqual(JSON.parse(blocked.out).blockers.map((b: { code: string }) => b.code), [
    "inventory.unread_file",
  ]);
  const allowed = fakeIo({ env });
  assert.equal(await run([...args, "--allow-unread", "conan.lock"], allowed), 0);
  const excluded = fakeIo({ env });
  assert.equal(await run([...args, "--exclude", "conan.lock"], excluded), 0);
  assert.ok(!excluded.err.includes("conan.lock"));
});
