// `vouch attest --keyless`: the flags (in process, the local Sigstore instance
// as the io's fetch), and end to end as a process with exactly the binary's
// permissions against the instance served over HTTP on 127.0.0.1 by a child
// process this test starts and stops: the bundles verify with `vouch
// verify-bundle`, `vouch verify` and sigstore-js, with the expected identity
// only; the GitHub Actions token exchange and GitLab's SIGSTORE_ID_TOKEN; the
// token never printed or written; faults leave the earlier evidence as it was.
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../../src/cli/main.ts";
import { CONTEXT_FLAGS, demoProject, readDir, runVouch } from "../_cli.ts";
import { sigstoreVerdict } from "../_sigstore.ts";
import { localStack } from "../sigstore/_keyless.ts";
import { GITHUB_REQUEST_TOKEN, MOCK_IDENTITY, mockToken } from "../sigstore/_mock_stack.ts";
import { startStackServer } from "../sigstore/_mock_stack_server.ts";
import { fakeIo } from "./_fake_io.ts";

const IDENTITY_FLAGS = [
  ...["--certificate-identity", MOCK_IDENTITY.san],
  ...["--certificate-oidc-issuer", MOCK_IDENTITY.issuer],
];

/** A demo project with the trusted root of an instance beside it, and attest's common flags. */
async function setup(
  trustedRootJson: string,
): Promise<{ project: string; root: string; out: string; args: string[] }> {
  const project = await demoProject();
  const root = join(project, "..", "trusted_root.json");
  await Deno.writeTextFile(root, trustedRootJson);
  const out = join(project, "..", "evidence");
  return {
    project,
    root,
    out,
    args: [
      ...["attest", "--project-root", project, "--output-dir", out],
      ...["--subject", "dist/*", ...CONTEXT_FLAGS],
    ],
  };
}

Deno.test("attest --keyless flags: what needs what, and what excludes what (nothing fetched)", async () => {
  const stack = await localStack();
  const { args, root } = await setup(stack.trustedRootJson);
  const before = stack.requests.length;
  const cases: [string[], string, RegExp?][] = [
    [["--fulcio-url", stack.url], "args.keyless_only", /--fulcio-url/],
    [["--trusted-root", root], "args.keyless_only"],
    [["--keyless", "--sigstore-staging"], "sigstore.trusted_root_required", /staging/],
    [
      ["--keyless", "--fulcio-url", stack.url, "--rekor-url", stack.url],
      "sigstore.trusted_root_required",
    ],
    [["--keyless", "--fulcio-url", stack.url, "--trusted-root", root], "args.instance_incomplete"],
    [["--keyless", "--sigstore-staging", "--signing-config", root], "args.conflicting_flags"],
    [["--keyless", "--signing-config", root, "--tsa-url", stack.url], "args.conflicting_flags"],
    [
      [
        "--keyless",
        "--fulcio-url",
        "http://fulcio.example",
        "--rekor-url",
        stack.url,
        "--trusted-root",
        root,
      ],
      "sigstore.url_invalid",
      /--fulcio-url/,
    ],
    [["--keyless", "--signing-config", `${root}.missing`], "attest.signing_config_unreadable"],
    [["--keyless", "--signing-config", root], "sigstore.signing_config_invalid", /mediaType/],
    [["--keyless", "--private-key", root], "args.conflicting_flags"],
    [["--keyless", "--identity-token-env", "UNSET_TOKEN_VARIABLE"], "secret.env_unset"],
    [["--keyless"], "sigstore.token_missing", /permissions: id-token: write/],
  ];
  for (const [extra, code, message] of cases) {
    const io = fakeIo({ env: { GITHUB_ACTIONS: "true" }, fetch: stack.fetch });
    assert.equal(await runCli([...args, ...extra], io), 2, extra.join(" "));
    assert.match(
      io.err,
      new RegExp(`^error\\[${code.replace(".", "\\.")}\\]`),
      `${extra.join(" ")}: ${io.err}`,
    );
    if (message) assert.match(io.err, message, extra.join(" "));
  }
  assert.equal(stack.requests.length, before, "no flag error reaches the network");
});

Deno.test("attest --keyless --signing-config: Rekor v2 and a TSA chosen by the config, in process", async () => {
  const stack = await localStack();
  const { args, root, out, project } = await setup(stack.trustedRootJson);
  const config = join(project, "..", "signing_config.json");
  const service = (url: string, version: number, operator = "local.test") => ({
    url,
    majorApiVersion: version,
    validFor: { start: "2024-01-01T00:00:00Z" },
    operator,
  });
  await Deno.writeTextFile(
    config,
    JSON.stringify({
      mediaType: "application/vnd.dev.sigstore.signingconfig.v0.2+json",
      caUrls: [service(stack.url, 1)],
      rekorTlogUrls: [service(`${stack.url}/fault/status-500`, 1), service(stack.url, 2)],
      tsaUrls: [service(`${stack.url}/api/v1/timestamp`, 1)],
      rekorTlogConfig: { selector: "ANY" },
      tsaConfig: { selector: "ANY" },
    }),
  );
  const io = fakeIo({ env: { SIGSTORE_ID_TOKEN: mockToken() }, fetch: stack.fetch });
  const code = await runCli(
    [...args, "--keyless", "--signing-config", config, "--trusted-root", root, "--format", "json"],
    io,
  );
  assert.equal(code, 0, io.err);
  assert.equal(io.revoked, 0, "keyless keeps the network");
  const bundle = JSON.parse(await Deno.readTextFile(join(out, "provenance.sigstore.json")));
  assert.deepEqual(bundle.verificationMaterial.tlogEntries[0].kindVersion, {
    kind: "dsse",
    version: "0.0.2",
  });
  assert.equal(bundle.verificationMaterial.timestampVerificationData.rfc3161Timestamps.length, 1);
  const report = JSON.parse(io.out);
  assert.equal(report.signatures[0].signer.identity, MOCK_IDENTITY.san);
  assert.equal(report.signatures[0].signer.tlog_entries[0].integrated_time, null);
});

Deno.test("every command but attest --keyless drops the network permission at start", async () => {
  const stack = await localStack();
  const { args } = await setup(stack.trustedRootJson);
  for (
    const [argv, revoked] of [
      [["--version"], 1],
      [["help"], 1],
      [["verify", "/nonexistent"], 1],
      [["sbom", "--help"], 1],
      [args, 2], // runCli and the attest command: it is not keyless
      [[...args, "--keyless=false"], 2],
      [["supply-chain", ...args, "--keyless"], 0],
      [[...args, "--keyless"], 0],
    ] as const
  ) {
    const io = fakeIo({ fetch: stack.fetch });
    await runCli([...argv], io);
    assert.equal(io.revoked, revoked, argv.join(" "));
  }
});

Deno.test({
  name:
    "vouch attest --keyless as a process against the local instance over HTTP; the bundles verify with vouch and sigstore-js",
  fn: async () => {
    const server = await startStackServer();
    const guard = AbortSignal.timeout(120_000); // a hang guard only
    try {
      const { args, root, out, project } = await setup(server.trustedRootJson);
      const token = mockToken({ jti: "cli-token-marker-41c9" });
      const instance = [
        ...["--keyless", "--identity-token-env", "RELEASE_OIDC_TOKEN"],
        ...["--fulcio-url", server.url, "--rekor-url", server.url],
        ...["--tsa-url", `${server.url}/api/v1/timestamp`, "--trusted-root", root],
      ];
      const run = await runVouch([...args, ...instance, "--format", "json"], {
        env: { RELEASE_OIDC_TOKEN: token },
        signal: guard,
      });
      assert.equal(run.code, 0, run.stderr);
      const report = JSON.parse(run.stdout);
      assert.equal(report.passed, true);
      const provenance = report.signatures.find((s: { path: string }) =>
        s.path === "provenance.sigstore.json"
      );
      assert.equal(provenance.algorithm, "sigstore-keyless");
      assert.equal(provenance.signer.identity, MOCK_IDENTITY.san);
      assert.equal(provenance.signer.issuer, MOCK_IDENTITY.issuer);
      assert.equal(provenance.signer.tlog_entries[0].log, server.url);
      assert.equal(provenance.signer.timestamps.length, 1);
      // The token is never printed or written.
      for (
        const [name, text] of [
          ["stdout", run.stdout],
          ["stderr", run.stderr],
          ...await readDir(out),
        ]
      ) {
        assert.ok(!text.includes(token) && !text.includes("cli-token-marker"), name);
      }

      // vouch verify-bundle: the artifact is a subject of the signed statement.
      const artifact = join(project, "dist", "demo_app-1.0.0.tar.gz");
      const verifyBundle = (bundle: string, identity: string[]) =>
        runVouch(
          [
            "verify-bundle",
            "--bundle",
            join(out, bundle),
            ...identity,
            "--trusted-root",
            root,
            artifact,
          ],
          { signal: guard },
        );
      for (
        const bundle of [
          "provenance.sigstore.json",
          "sbom.spdx.sigstore.json",
          "sbom.cyclonedx.sigstore.json",
        ]
      ) {
        const ok = await verifyBundle(bundle, IDENTITY_FLAGS);
        assert.equal(ok.code, 0, `${bundle}: ${ok.stdout}${ok.stderr}`);
        const parsed = JSON.parse(await Deno.readTextFile(join(out, bundle)));
        assert.deepEqual(
          sigstoreVerdict(parsed, {
            artifact: new Uint8Array(),
            trustedRootJson: server.trustedRootJson,
            identity: MOCK_IDENTITY,
          }),
          { ok: true },
          bundle,
        );
      }
      const otherIdentity = await verifyBundle("provenance.sigstore.json", [
        ...[
          "--certificate-identity",
          "https://github.com/evil/app/.github/workflows/x.yml@refs/heads/main",
        ],
        ...["--certificate-oidc-issuer", MOCK_IDENTITY.issuer],
      ]);
      assert.equal(otherIdentity.code, 1);
      assert.match(otherIdentity.stdout, /identity\.san_mismatch/);

      // vouch verify: everything, with the identity; another identity or issuer fails.
      const verify = (identity: string[]) =>
        runVouch(
          [
            "verify",
            out,
            "--subject",
            "dist/*",
            ...identity,
            "--trusted-root",
            root,
            "--format",
            "json",
          ],
          { cwd: project, signal: guard },
        );
      const good = await verify(IDENTITY_FLAGS);
      assert.equal(good.code, 0, good.stdout);
      const wrongIssuer = await verify([
        ...["--certificate-identity", MOCK_IDENTITY.san],
        ...["--certificate-oidc-issuer", "https://gitlab.com"],
      ]);
      assert.equal(wrongIssuer.code, 1);
      assert.ok(
        JSON.parse(wrongIssuer.stdout).checks.some((c: { code: string; ok: boolean }) =>
          c.code === "sigstore.identity.issuer_mismatch" && !c.ok
        ),
      );
      const noIdentity = await verify([]);
      assert.equal(noIdentity.code, 1);

      // A refusing Fulcio (no retry) and a TSA that is down (retried): exit 2, one code each,
      // the evidence of the first run untouched.
      const before = await readDir(out);
      const fault = (extra: string[]) =>
        runVouch([...args, ...instance, ...extra], {
          env: { RELEASE_OIDC_TOKEN: token },
          signal: guard,
        });
      const refused = await fault(["--fulcio-url", `${server.url}/fault/status-400`]);
      assert.equal(refused.code, 2, refused.stderr);
      assert.match(
        refused.stderr,
        /^error\[sigstore\.fulcio_rejected\]: Fulcio at http:\/\/127\.0\.0\.1:\d+\/fault\/status-400\/api\/v2\/signingCert refused the request: HTTP 400/,
      );
      const down = await fault(["--tsa-url", "http://127.0.0.1:9/api/v1/timestamp"]);
      assert.equal(down.code, 2, down.stderr);
      assert.match(down.stderr, /^error\[sigstore\.tsa_unavailable\]: .* failed 3 time\(s\)/);
      assert.deepEqual(await readDir(out), before);
      for (const text of [refused.stderr, down.stderr]) assert.ok(!text.includes(token));
    } finally {
      await server.stop();
    }
  },
});

Deno.test({
  name:
    "vouch attest --keyless in GitHub Actions (token exchange) and GitLab CI (SIGSTORE_ID_TOKEN) as a process",
  fn: async () => {
    const server = await startStackServer();
    const guard = AbortSignal.timeout(120_000); // a hang guard only
    try {
      const { args, root, out } = await setup(server.trustedRootJson);
      const instance = [
        ...["--keyless", "--fulcio-url", server.url, "--rekor-url", server.url],
        ...["--trusted-root", root, "--format", "json"],
      ];
      const github = {
        GITHUB_ACTIONS: "true",
        ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: GITHUB_REQUEST_TOKEN,
      };
      const gha = await runVouch([...args, ...instance], { env: github, signal: guard });
      assert.equal(gha.code, 0, gha.stderr);
      assert.equal(JSON.parse(gha.stdout).signatures[0].signer.identity, MOCK_IDENTITY.san);
      for (
        const [name, text] of [
          ["stdout", gha.stdout],
          ["stderr", gha.stderr],
          ...await readDir(out),
        ]
      ) {
        assert.ok(!text.includes(GITHUB_REQUEST_TOKEN), name);
      }
      // A bearer the endpoint refuses: sigstore.token_rejected, the bearer not shown.
      const refused = await runVouch([...args, ...instance], {
        env: { ...github, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "wrong-bearer-0f3a9c" },
        signal: guard,
      });
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /^error\[sigstore\.token_rejected\]/);
      assert.match(refused.stderr, /::error title=sigstore\.token_rejected::/);
      assert.ok(
        !refused.stderr.includes("wrong-bearer") && !refused.stdout.includes("wrong-bearer"),
      );
      // No id-token permission: the error names it.
      const none = await runVouch([...args, ...instance], {
        env: { GITHUB_ACTIONS: "true" },
        signal: guard,
      });
      assert.equal(none.code, 2);
      assert.match(none.stderr, /sigstore\.token_missing.*permissions: id-token: write/);

      const gitlab = await runVouch([...args, ...instance], {
        env: { GITLAB_CI: "true", SIGSTORE_ID_TOKEN: mockToken() },
        signal: guard,
      });
      assert.equal(gitlab.code, 0, gitlab.stderr);
    } finally {
      await server.stop();
    }
  },
});
