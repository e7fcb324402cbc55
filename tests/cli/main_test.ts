// End-to-end tests of the CLI: `main.ts` under `deno run` with only the
// binary's permissions (--allow-read --allow-write --allow-env).
import assert from "node:assert/strict";
import { CONTEXT_FLAGS, demoProject, gitIn, readDir, runVouch } from "../_cli.ts";
import { skipWithoutShared } from "../_util.ts";
import { validateCycloneDx, validateSpdx } from "../_schemas.ts";

const SECRET = "e2e-hmac-secret-value-7f3a";

function assertUsageError(result: { code: number; stderr: string }, code: string): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(
    result.stderr,
    new RegExp(`^error\\[${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\]: .+\\n  hint: .+\\n$`),
  );
  assert.doesNotMatch(result.stderr, /^\s+at /m, "no stack trace");
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("--version and --help", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../../deno.json", import.meta.url)));
  const version = await runVouch(["--version"]);
  assert.equal(version.code, 0);
  assert.equal(version.stdout, `vouch ${config.version}\n`);
  for (
    const args of [
      ["--help"],
      ["attest", "--help"],
      ["supply-chain", "attest", "--help"],
      ["sbom", "--help"],
      ["verify", "--help"],
      ["keygen", "--help"],
    ]
  ) {
    const help = await runVouch(args);
    assert.equal(help.code, 0, args.join(" "));
    assert.match(help.stdout, /Usage/);
  }
  const attestHelp = await runVouch(["attest", "--help"]);
  for (
    const flag of ["--project-root", "--output-dir", "--subject", "--signing-key-file", "--format"]
  ) {
    assert.ok(attestHelp.stdout.includes(flag), flag);
  }
});

Deno.test("unknown flags and commands are rejected with a suggestion", async () => {
  const flag = await runVouch(["attest", "--relase", "v1"]);
  assertUsageError(flag, "args.unknown_flag");
  assert.match(flag.stderr, /did you mean --release\?/);
  const command = await runVouch(["atest"]);
  assertUsageError(command, "args.unknown_command");
  assert.match(command.stderr, /did you mean attest\?/);
  assertUsageError(await runVouch(["attest", "--format", "xml"]), "args.invalid_value");
  assertUsageError(await runVouch(["attest", "stray"]), "args.unexpected_argument");
});

Deno.test("input errors: exit 2, one line + hint, JSON errors, nothing written", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const base = ["attest", "--project-root", project, "--output-dir", out, ...CONTEXT_FLAGS];
  assertUsageError(await runVouch(base), "subjects.empty");
  assertUsageError(
    await runVouch([...base, "--subject", "dist/nope.whl"]),
    "subject.missing.dist/nope.whl",
  );
  assertUsageError(await runVouch([...base, "--subject", "dist"]), "subject.missing.dist");
  assertUsageError(
    await runVouch([...base, "--subject", "dist/*.exe"]),
    "subject.missing.dist/*.exe",
  );
  const json = await runVouch([...base, "--format", "json"]);
  assert.equal(json.code, 2);
  const parsed = JSON.parse(json.stdout);
  assert.equal(parsed.passed, false);
  assert.equal(parsed.errors[0].code, "subjects.empty");
  assert.ok(parsed.errors[0].message && parsed.errors[0].hint);
  assertUsageError(
    await runVouch([
      "attest",
      "--project-root",
      `${project}/missing`,
      "--output-dir",
      out,
      "--subject",
      "x",
    ]),
    "project_root.missing",
  );
  assertUsageError(
    await runVouch([...base, "--subject", "dist/*", "--commit-sha", "xyz"]),
    "context.invalid.commit-sha",
  );
  assertUsageError(
    await runVouch([...base, "--subject", "dist/*"], { env: { SOURCE_DATE_EPOCH: "yesterday" } }),
    "env.invalid.SOURCE_DATE_EPOCH",
  );
  assertUsageError(
    await runVouch([...base, "--subject", "dist/*", "--signing-key-env", "NOPE"]),
    "secret.env_unset",
  );
  assertUsageError(
    await runVouch([
      "attest",
      "--project-root",
      project,
      "--output-dir",
      project,
      "--subject",
      "dist/*",
    ]),
    "output_dir.unsafe",
  );
  assert.equal(await exists(out), false, "nothing written on input errors");
});

Deno.test("a missing context value names its flag", async () => {
  const project = await demoProject();
  const result = await runVouch([
    "attest",
    "--project-root",
    project,
    "--output-dir",
    `${project}/../out`,
    "--subject",
    "dist/*",
  ]);
  assertUsageError(result, "context.missing.release");
  assert.match(result.stderr, /--release/);
});

Deno.test("malformed pyproject.toml reports the line, without a stack trace", async () => {
  const project = await demoProject();
  await Deno.writeTextFile(
    `${project}/pyproject.toml`,
    '[project]\nname = "x"\ndependencies = [\n  "a",\n  oops\n]\n',
  );
  const result = await runVouch([
    "attest",
    "--project-root",
    project,
    "--output-dir",
    `${project}/../out`,
    "--subject",
    "dist/*",
    ...CONTEXT_FLAGS,
  ]);
  assertUsageError(result, "inventory.pyproject.invalid");
  assert.match(result.stderr, /pyproject\.toml:5/);
});

Deno.test("no key: evidence written, exit 1, blocker signature.missing_key", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const result = await runVouch([
    "attest",
    "--project-root",
    project,
    "--output-dir",
    out,
    "--subject",
    "dist/*",
    "--format",
    "json",
    ...CONTEXT_FLAGS,
  ]);
  assert.equal(result.code, 1, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.passed, false);
  assert.deepEqual(report.blockers.map((b: { code: string }) => b.code), ["signature.missing_key"]);
  assert.equal(report.signature_path, null);
  assert.match(result.stderr, /blocked\[signature\.missing_key\]/);
  const files = await readDir(out);
  assert.deepEqual([...files.keys()], [
    "SHA256SUMS",
    "provenance.intoto.json",
    "sbom.cyclonedx.json",
    "sbom.spdx.json",
    "supply_chain_attestation.json",
    "supply_chain_attestation.md",
  ]);
  assert.match(files.get("supply_chain_attestation.md")!, /signature\.missing_key/);
});

Deno.test("HMAC from the environment: signed, passed, secret never printed or written", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const args = [
    "attest",
    "--project-root",
    project,
    "--output-dir",
    out,
    "--subject",
    "dist/*",
    ...CONTEXT_FLAGS,
  ];
  for (
    const [how, extra, env] of [
      ["VOUCH_SIGNING_KEY", [], { VOUCH_SIGNING_KEY: SECRET }],
      ["DPONE_LOCAL_ATTESTATION_KEY", [], { DPONE_LOCAL_ATTESTATION_KEY: SECRET }],
      ["--signing-key-env", ["--signing-key-env", "MY_KEY"], { MY_KEY: SECRET }],
    ] as const
  ) {
    const result = await runVouch([...args, "--format", "json", ...extra], { env });
    assert.equal(result.code, 0, `${how}: ${result.stderr}`);
    const report = JSON.parse(result.stdout);
    assert.equal(report.passed, true);
    assert.equal(report.signature_path, `${out}/signature.hmac-sha256.json`);
    assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET), how);
    for (const [name, text] of await readDir(out)) {
      assert.ok(!text.includes(SECRET), `${how}: ${name}`);
    }
  }
  const envelope = JSON.parse(await Deno.readTextFile(`${out}/signature.hmac-sha256.json`));
  assert.equal(envelope.payloadType, "application/vnd.in-toto+json");
  assert.equal(envelope.signatures[0].keyid, "local-hmac");
  assert.equal(
    new TextDecoder().decode(Uint8Array.from(atob(envelope.payload), (c) => c.charCodeAt(0))),
    await Deno.readTextFile(`${out}/provenance.intoto.json`),
  );
  const argv = await runVouch([...args, "--signing-key", SECRET, "--signing-key-id", "ci-key"]);
  assert.equal(argv.code, 0, argv.stderr);
  assert.match(argv.stderr, /warning: --signing-key puts the secret in argv/);
  assert.ok(!argv.stderr.includes(SECRET) && !argv.stdout.includes(SECRET));
  assert.equal(
    JSON.parse(await Deno.readTextFile(`${out}/signature.hmac-sha256.json`)).signatures[0].keyid,
    "ci-key",
  );
  // A later run without a key leaves no stale signature behind.
  assert.equal((await runVouch(args)).code, 1);
  assert.equal(await exists(`${out}/signature.hmac-sha256.json`), false);
});

Deno.test("the supply-chain attest alias and the Markdown report on stdout", async () => {
  const project = await demoProject();
  const result = await runVouch(
    [
      "supply-chain",
      "attest",
      "--project-root",
      project,
      "--output-dir",
      `${project}/../out`,
      "--subject",
      "dist/*",
      ...CONTEXT_FLAGS,
    ],
    { env: { VOUCH_SIGNING_KEY: SECRET } },
  );
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^# Supply-chain attestation: v1\.0\.0/);
  assert.match(result.stdout, /`demo_app-1\.0\.0-py3-none-any\.whl`/);
});

Deno.test("JSON report: required keys and paths that exist", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const result = await runVouch(
    [
      "attest",
      "--project-root",
      project,
      "--output-dir",
      out,
      "--subject",
      "dist/*",
      "--format",
      "json",
      ...CONTEXT_FLAGS,
    ],
    { env: { VOUCH_SIGNING_KEY: SECRET } },
  );
  const report = JSON.parse(result.stdout);
  for (
    const key of [
      "passed",
      "release",
      "output_dir",
      "sbom_spdx_path",
      "sbom_cyclonedx_path",
      "provenance_path",
      "signature_path",
      "bundle_path",
      "markdown_path",
      "blockers",
    ]
  ) assert.ok(key in report, key);
  for (
    const key of [
      "sbom_spdx_path",
      "sbom_cyclonedx_path",
      "provenance_path",
      "signature_path",
      "bundle_path",
      "markdown_path",
    ]
  ) {
    assert.ok(await exists(report[key]), key);
  }
  assert.equal(report.release, "v1.0.0");
  assert.equal(report.output_dir, out);
});

Deno.test("determinism: with SOURCE_DATE_EPOCH two runs are byte-identical; without it only timestamps differ", async () => {
  const project = await demoProject();
  const run = async (out: string, env: Record<string, string>): Promise<Map<string, string>> => {
    const r = await runVouch(
      [
        "attest",
        "--project-root",
        project,
        "--output-dir",
        out,
        "--subject",
        "dist/*",
        ...CONTEXT_FLAGS,
      ],
      { env: { VOUCH_SIGNING_KEY: SECRET, ...env } },
    );
    assert.equal(r.code, 0, r.stderr);
    return await readDir(out);
  };
  const fixed = { SOURCE_DATE_EPOCH: "1700000000" };
  const a = await run(`${project}/../a`, fixed);
  const b = await run(`${project}/../b`, fixed);
  assert.deepEqual([...a.keys()], [...b.keys()]);
  for (const [name, text] of a) assert.equal(b.get(name), text, name);
  assert.match(a.get("sbom.cyclonedx.json")!, /"cdx:reproducible"/);
  assert.match(a.get("provenance.intoto.json")!, /"startedOn": "2023-11-14T22:13:20Z"/);

  const c = await run(`${project}/../c`, {});
  await new Promise((r) => setTimeout(r, 1100));
  const d = await run(`${project}/../d`, {});
  const stamp = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z/g;
  const signatureFree = (name: string): boolean =>
    !["signature.hmac-sha256.json", "supply_chain_attestation.json", "supply_chain_attestation.md"]
      .includes(name);
  // The provenance names the SBOMs' digests, which move with their timestamps.
  const digest = /[0-9a-f]{64}/g;
  const normal = (name: string, text: string): string =>
    name === "provenance.intoto.json"
      ? text.replace(stamp, "T").replace(digest, "H")
      : text.replace(stamp, "T");
  let differ = 0;
  for (const [name, text] of c) {
    if (text !== d.get(name)) differ++;
    if (signatureFree(name)) assert.equal(normal(name, d.get(name)!), normal(name, text), name);
  }
  assert.ok(differ > 0, "timestamps moved");
  assert.doesNotMatch(c.get("sbom.cyclonedx.json")!, /"cdx:reproducible"/);
});

Deno.test("SBOMs are valid, SHA256SUMS checks with sha256sum -c, the index lists every file", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const r = await runVouch(
    [
      "attest",
      "--project-root",
      project,
      "--output-dir",
      out,
      "--subject",
      "dist/*",
      ...CONTEXT_FLAGS,
    ],
    { env: { VOUCH_SIGNING_KEY: SECRET } },
  );
  assert.equal(r.code, 0, r.stderr);
  const files = await readDir(out);
  const cdx = JSON.parse(files.get("sbom.cyclonedx.json")!);
  assert.deepEqual(await validateCycloneDx(cdx), []);
  assert.ok(cdx.components.length >= 10);
  if (!skipWithoutShared("SPDX schema validation of the demo")) {
    assert.deepEqual(validateSpdx(JSON.parse(files.get("sbom.spdx.json")!)), []);
  }
  // Subjects are named by file name: SHA256SUMS checks the flat folder they sit in.
  const check = await new Deno.Command("sha256sum", {
    args: ["-c", `${out}/SHA256SUMS`],
    cwd: `${project}/dist`,
  }).output();
  assert.equal(check.code, 0, new TextDecoder().decode(check.stderr));
  const index = JSON.parse(files.get("supply_chain_attestation.json")!);
  const listed = index.files.map((f: { path: string }) => f.path).sort();
  assert.deepEqual(listed, [...files.keys()].filter((n) => n !== "supply_chain_attestation.json"));
  for (const f of index.files) {
    const bytes = await Deno.readFile(`${out}/${f.path}`);
    assert.equal(f.size, bytes.length);
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)))
      .map((b) => b.toString(16).padStart(2, "0")).join("");
    assert.equal(f.sha256, digest, f.path);
  }
  const provenance = JSON.parse(files.get("provenance.intoto.json")!);
  assert.deepEqual(provenance.subject.map((s: { name: string }) => s.name), [
    "demo_app-1.0.0-py3-none-any.whl",
    "demo_app-1.0.0.tar.gz",
  ]);
});

Deno.test("a failed run leaves the previous evidence untouched", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const args = ["attest", "--project-root", project, "--output-dir", out, ...CONTEXT_FLAGS];
  assert.equal(
    (await runVouch([...args, "--subject", "dist/*"], { env: { VOUCH_SIGNING_KEY: SECRET } })).code,
    0,
  );
  const before = await readDir(out);
  await Deno.writeTextFile(`${project}/uv.lock`, "version = 1\n[[package]\nname = 'x'\n");
  const failed = await runVouch([...args, "--subject", "dist/*"]);
  assertUsageError(failed, "inventory.uv_lock.invalid");
  assert.deepEqual(await readDir(out), before);
  const parent = [...Deno.readDirSync(`${project}/..`)].map((e) => e.name);
  assert.ok(
    !parent.some((n) => n.includes(".vouch-tmp-") || n.includes(".vouch-old-")),
    parent.join(","),
  );
  await Deno.writeTextFile(`${out}/../notes.txt`, "x");
  assertUsageError(
    await runVouch([
      "attest",
      "--project-root",
      project,
      "--output-dir",
      `${project}/dist`,
      "--subject",
      "dist/*",
      ...CONTEXT_FLAGS,
    ]),
    "output_dir.not_evidence",
  );
});

Deno.test("CI environment fallbacks: GitHub Actions and GitLab CI", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const sha = "0123456789abcdef0123456789abcdef01234567";
  const gh = await runVouch(
    [
      "attest",
      "--project-root",
      project,
      "--output-dir",
      out,
      "--subject",
      "dist/*",
      "--format",
      "json",
    ],
    {
      env: {
        GITHUB_ACTIONS: "true",
        GITHUB_REF_NAME: "v2.0.0",
        GITHUB_REF: "refs/tags/v2.0.0",
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_REPOSITORY: "example/demo-app",
        GITHUB_SHA: sha,
        GITHUB_RUN_ID: "42",
        GITHUB_WORKFLOW_REF: "example/demo-app/.github/workflows/release.yml@refs/tags/v2.0.0",
      },
    },
  );
  assert.equal(gh.code, 1, gh.stderr);
  const statement = JSON.parse(await Deno.readTextFile(`${out}/provenance.intoto.json`));
  assert.equal(statement.predicate.buildDefinition.externalParameters.release, "v2.0.0");
  assert.equal(
    statement.predicate.buildDefinition.externalParameters.repository,
    "https://github.com/example/demo-app",
  );
  assert.equal(statement.predicate.buildDefinition.externalParameters.ref, "refs/tags/v2.0.0");
  assert.equal(statement.predicate.buildDefinition.resolvedDependencies[0].digest.gitCommit, sha);
  assert.equal(
    statement.predicate.runDetails.builder.id,
    "https://github.com/example/demo-app/.github/workflows/release.yml@refs/tags/v2.0.0",
  );
  assert.equal(
    statement.predicate.runDetails.metadata.invocationId,
    "https://github.com/example/demo-app/actions/runs/42/attempts/1",
  );
  const gl = await runVouch(
    ["attest", "--project-root", project, "--output-dir", out, "--subject", "dist/*"],
    {
      env: {
        GITLAB_CI: "true",
        CI_COMMIT_TAG: "v3.0.0",
        CI_PROJECT_URL: "https://gitlab.com/example/demo-app",
        CI_COMMIT_SHA: sha,
        CI_JOB_URL: "https://gitlab.com/example/demo-app/-/jobs/7",
      },
    },
  );
  assert.equal(gl.code, 1, gl.stderr);
  const glStatement = JSON.parse(await Deno.readTextFile(`${out}/provenance.intoto.json`));
  assert.equal(glStatement.predicate.buildDefinition.externalParameters.release, "v3.0.0");
  assert.equal(
    glStatement.predicate.runDetails.builder.id,
    "https://gitlab.com/example/demo-app/-/jobs/7",
  );
});

Deno.test("git fallback: release, repository and commit read from .git without a git process", async () => {
  const project = await demoProject();
  const git = gitIn(project);
  await git("init", "-q", "-b", "main");
  await git("add", ".");
  await git("commit", "-qm", "init");
  await git("tag", "-a", "v9.9.9", "-m", "release");
  await git("remote", "add", "origin", "git@github.com:example/demo-app.git");
  const head = new TextDecoder().decode((await git("rev-parse", "HEAD")).stdout).trim();
  const r = await runVouch([
    "attest",
    "--project-root",
    project,
    "--output-dir",
    `${project}/../out`,
    "--subject",
    "dist/*",
    "--builder-id",
    "local-laptop",
    "--format",
    "json",
  ]);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(JSON.parse(r.stdout).release, "v9.9.9");
  const statement = JSON.parse(await Deno.readTextFile(`${project}/../out/provenance.intoto.json`));
  assert.equal(
    statement.predicate.buildDefinition.externalParameters.repository,
    "https://github.com/example/demo-app",
  );
  assert.equal(statement.predicate.buildDefinition.resolvedDependencies[0].digest.gitCommit, head);
  assert.equal(statement.predicate.runDetails.builder.id, "urn:vouch:builder:local-laptop");
});

Deno.test("vouch sbom prints one SBOM to stdout", async () => {
  const project = await demoProject();
  const cdx = await runVouch(["sbom", "--project-root", project]);
  assert.equal(cdx.code, 0, cdx.stderr);
  const bom = JSON.parse(cdx.stdout);
  assert.equal(bom.bomFormat, "CycloneDX");
  assert.deepEqual(await validateCycloneDx(bom), []);
  const spdx = await runVouch(["sbom", "--project-root", project, "--format", "spdx"]);
  assert.equal(JSON.parse(spdx.stdout).spdxVersion, "SPDX-2.3");
});

Deno.test("keygen + --private-key: Sigstore bundles for the provenance and both SBOMs", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const keygen = await runVouch([
    "keygen",
    "--algorithm",
    "ecdsa-p256",
    "--out",
    `${project}/../release`,
    "--format",
    "json",
  ]);
  assert.equal(keygen.code, 0, keygen.stderr);
  const { keyid, privateKeyPath } = JSON.parse(keygen.stdout);
  assert.equal((await Deno.stat(privateKeyPath)).mode! & 0o777, 0o600);
  const pem = await Deno.readTextFile(privateKeyPath);
  assertUsageError(await runVouch(["keygen", "--out", `${project}/../release`]), "key.exists");
  const body = pem.split("\n")[1];
  for (
    const [extra, env] of [
      [["--private-key", privateKeyPath], {}],
      [["--private-key-env", "RELEASE_KEY"], { RELEASE_KEY: pem }],
      [[], { VOUCH_PRIVATE_KEY: pem }],
    ] as const
  ) {
    const r = await runVouch(
      [
        "attest",
        "--project-root",
        project,
        "--output-dir",
        out,
        "--subject",
        "dist/*",
        "--format",
        "json",
        ...CONTEXT_FLAGS,
        ...extra,
      ],
      { env },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.ok(!r.stdout.includes(body) && !r.stderr.includes(body));
    const report = JSON.parse(r.stdout);
    assert.equal(report.sigstore_bundle_path, `${out}/provenance.sigstore.json`);
    assert.equal(report.sbom_spdx_sigstore_path, `${out}/sbom.spdx.sigstore.json`);
    assert.equal(report.sbom_cyclonedx_sigstore_path, `${out}/sbom.cyclonedx.sigstore.json`);
    assert.equal(report.signature_path, null);
  }
  const files = await readDir(out);
  for (
    const name of [
      "provenance.sigstore.json",
      "sbom.spdx.sigstore.json",
      "sbom.cyclonedx.sigstore.json",
    ]
  ) {
    const bundle = JSON.parse(files.get(name)!);
    assert.equal(bundle.mediaType, "application/vnd.dev.sigstore.bundle.v0.3+json");
    assert.equal(bundle.verificationMaterial.publicKey.hint, keyid);
    assert.equal(bundle.dsseEnvelope.signatures[0].keyid, keyid);
  }
  for (const text of files.values()) assert.ok(!text.includes(body));
  const spdxStatement = JSON.parse(
    atob(JSON.parse(files.get("sbom.spdx.sigstore.json")!).dsseEnvelope.payload),
  );
  assert.equal(spdxStatement.predicateType, "https://spdx.dev/Document");
  assert.deepEqual(spdxStatement.predicate, JSON.parse(files.get("sbom.spdx.json")!));
  const index = JSON.parse(files.get("supply_chain_attestation.json")!);
  assert.deepEqual(
    index.signatures.map((s: { path: string; signs: string }) => [s.path, s.signs]),
    [
      ["provenance.sigstore.json", "provenance.intoto.json"],
      ["sbom.spdx.sigstore.json", "sbom.spdx.json"],
      ["sbom.cyclonedx.sigstore.json", "sbom.cyclonedx.json"],
    ],
  );
  await Deno.writeTextFile(
    `${project}/../bad.key`,
    "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----\n",
  );
  assertUsageError(
    await runVouch([
      "attest",
      "--project-root",
      project,
      "--output-dir",
      out,
      "--subject",
      "dist/*",
      ...CONTEXT_FLAGS,
      "--private-key",
      `${project}/../bad.key`,
    ]),
    "key.malformed",
  );
});

Deno.test("in GitHub Actions: step summary, outputs and ::error:: annotations", async () => {
  const project = await demoProject();
  const summary = `${project}/../summary.md`;
  const output = `${project}/../output.txt`;
  const r = await runVouch(
    [
      "attest",
      "--project-root",
      project,
      "--output-dir",
      `${project}/../out`,
      "--subject",
      "dist/*",
      ...CONTEXT_FLAGS,
    ],
    { env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output } },
  );
  assert.equal(r.code, 1, r.stderr);
  assert.match(await Deno.readTextFile(summary), /^# Supply-chain attestation: v1\.0\.0/);
  const outputs = await Deno.readTextFile(output);
  assert.match(outputs, /^passed=false$/m);
  assert.match(
    outputs,
    new RegExp(`^bundle_path=${project}/\\.\\./out/supply_chain_attestation\\.json$`, "m"),
  );
  assert.match(r.stderr, /^::error title=signature\.missing_key::/m);
});

Deno.test("vouch verify: exit 0 on a good bundle, 1 on a tampered one, 2 on usage errors", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const keygen = await runVouch(["keygen", "--out", `${project}/../k`]);
  assert.equal(keygen.code, 0, keygen.stderr);
  const attested = await runVouch(
    [
      "attest",
      "--project-root",
      project,
      "--output-dir",
      out,
      "--subject",
      "dist/*",
      "--private-key",
      `${project}/../k.key`,
      ...CONTEXT_FLAGS,
    ],
    { env: { VOUCH_SIGNING_KEY: SECRET } },
  );
  assert.equal(attested.code, 0, attested.stderr);
  const args = [
    "verify",
    out,
    "--subject",
    `${project}/dist/*`,
    "--public-key",
    `${project}/../k.pub`,
    "--expect-release",
    "v1.0.0",
  ];
  const ok = await runVouch([...args, "--format", "json"], { env: { VOUCH_SIGNING_KEY: SECRET } });
  assert.equal(ok.code, 0, ok.stdout);
  const report = JSON.parse(ok.stdout);
  assert.equal(report.passed, true);
  assert.ok(report.checks.some((c: { code: string }) => c.code === "hmac.signature.verified"));
  assert.ok(report.checks.some((c: { code: string }) => c.code === "sigstore.signature.verified"));
  const wrongRelease = await runVouch([...args.slice(0, -1), "v2.0.0"]);
  assert.equal(wrongRelease.code, 1);
  assert.match(wrongRelease.stdout, /policy\.release_mismatch/);
  await Deno.writeTextFile(`${project}/dist/demo_app-1.0.0.tar.gz`, "tampered\n");
  const tampered = await runVouch(args);
  assert.equal(tampered.code, 1);
  assert.match(tampered.stdout, /subject\.digest_mismatch/);
  assertUsageError(await runVouch(["verify"]), "args.missing.dir");
  assertUsageError(await runVouch(["verify", `${project}/nope`]), "verify.dir_missing");
  assertUsageError(
    await runVouch([...args, "--public-key", `${project}/nope.pub`]),
    "verify.key_unreadable",
  );
});

Deno.test("an unquoted --subject glob expanded by the shell gets a hint to quote it", async () => {
  const project = await demoProject();
  try {
    await Deno.copyFile(
      `${project}/dist/demo_app-1.0.0-py3-none-any.whl`,
      `${project}/dist/demo_app-1.0.1-py3-none-any.whl`,
    );
    // The shell expands `dist/*.whl` before vouch starts: two words after --subject.
    const shell = await new Deno.Command("bash", {
      args: ["-c", 'exec "$0" "$@" --subject dist/*.whl', Deno.execPath(), ...[
        ...["run", "--quiet", "--allow-read", "--allow-write", "--allow-env"],
        new URL("../../main.ts", import.meta.url).pathname,
        ...["attest", "--output-dir", "../out", ...CONTEXT_FLAGS],
      ]],
      cwd: project,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const result = { code: shell.code, stderr: new TextDecoder().decode(shell.stderr) };
    assertUsageError(result, "args.unquoted_glob");
    assert.match(result.stderr, /"dist\/demo_app-1\.0\.1-py3-none-any\.whl" follows --subject/);
    assert.match(result.stderr, /hint: quote the pattern: --subject 'dist\/\*\.whl'/);
    assert.equal(await exists(`${project}/../out`), false, "nothing written");
    // Quoted, vouch expands it and attests both wheels.
    const quoted = await runVouch(
      [
        "attest",
        "--output-dir",
        "../out",
        "--subject",
        "dist/*.whl",
        ...CONTEXT_FLAGS,
        "--format",
        "json",
      ],
      { cwd: project },
    );
    assert.equal(quoted.code, 1, quoted.stderr); // written, blocked: no signing key
    assert.equal(JSON.parse(quoted.stdout).subjects.length, 2);
  } finally {
    await Deno.remove(`${project}/..`, { recursive: true });
  }
});

Deno.test("attest with a SEC1 key file, or VOUCH_PRIVATE_KEY with literal \\n: signed, verifies", async () => {
  const project = await demoProject();
  const out = `${project}/../evidence`;
  try {
    const { generateKeyPairSync } = await import("node:crypto");
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const sec1 = privateKey.export({ type: "sec1", format: "pem" }) as string;
    const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    await Deno.writeTextFile(`${project}/../sec1.pem`, sec1);
    await Deno.writeTextFile(
      `${project}/../release.pub`,
      publicKey.export({ type: "spki", format: "pem" }) as string,
    );
    for (
      const [extra, env] of [
        [["--private-key", `${project}/../sec1.pem`], {}],
        [[], { VOUCH_PRIVATE_KEY: pkcs8.trimEnd().replaceAll("\n", "\\n") }],
        [[], { VOUCH_PRIVATE_KEY: sec1.replaceAll("\n", "\\n") }],
      ] as const
    ) {
      const r = await runVouch([
        ...["attest", "--project-root", project, "--output-dir", out, "--subject", "dist/*"],
        ...CONTEXT_FLAGS,
        ...extra,
      ], { env });
      assert.equal(r.code, 0, r.stderr);
      const verified = await runVouch([
        ...["verify", out, "--subject", `${project}/dist/*`],
        ...["--public-key", `${project}/../release.pub`],
      ]);
      assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    }
  } finally {
    await Deno.remove(`${project}/..`, { recursive: true });
  }
});
