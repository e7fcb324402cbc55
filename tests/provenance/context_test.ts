import assert from "node:assert/strict";
import { VouchError } from "../../src/errors.ts";
import {
  builderUri,
  type ContextFlags,
  contextFromEnv,
  type Env,
  LOCAL_BUILDER_ID,
  resolveContext,
} from "../../src/provenance/context.ts";
import type { GitCheckout } from "../../src/provenance/git.ts";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const SHA2 = "fedcba9876543210fedcba9876543210fedcba98";
const SHA256 = "ab".repeat(32);

const GITHUB: Env = {
  GITHUB_ACTIONS: "true",
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_REPOSITORY: "octo/app",
  GITHUB_SHA: SHA,
  GITHUB_REF: "refs/tags/v1.2.3",
  GITHUB_REF_NAME: "v1.2.3",
  GITHUB_RUN_ID: "4242",
  GITHUB_RUN_ATTEMPT: "2",
  GITHUB_WORKFLOW_REF: "octo/app/.github/workflows/release.yml@refs/tags/v1.2.3",
};

const GITLAB_TAG: Env = {
  GITLAB_CI: "true",
  CI_PROJECT_URL: "https://gitlab.example.com/group/proj",
  CI_COMMIT_SHA: SHA,
  CI_COMMIT_TAG: "v2.0.0",
  CI_COMMIT_REF_NAME: "v2.0.0",
  CI_JOB_URL: "https://gitlab.example.com/group/proj/-/jobs/77",
};

const NO_GIT: GitCheckout = {};

function throwsCode(fn: () => unknown, code: string, inMessage?: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VouchError, `expected a VouchError, got ${e}`);
    assert.equal(e.code, code);
    if (inMessage) assert.ok(e.message.includes(inMessage), e.message);
    assert.ok(e.hint.length > 0);
    return true;
  });
}

Deno.test("resolveContext: GitHub Actions environment", () => {
  assert.deepEqual(resolveContext({}, { env: GITHUB, git: NO_GIT }), {
    ci: "github-actions",
    release: "v1.2.3",
    repository: "https://github.com/octo/app",
    commitSha: SHA,
    builderId: "https://github.com/octo/app/.github/workflows/release.yml@refs/tags/v1.2.3",
    ref: "refs/tags/v1.2.3",
    invocationUri: "https://github.com/octo/app/actions/runs/4242/attempts/2",
  });
});

Deno.test("resolveContext: GitHub without a workflow ref falls back to the run id", () => {
  const env = { ...GITHUB, GITHUB_WORKFLOW_REF: undefined, GITHUB_RUN_ATTEMPT: undefined };
  const ctx = resolveContext({}, { env, git: NO_GIT });
  assert.equal(ctx.builderId, "github-actions:4242");
  assert.equal(ctx.invocationUri, "https://github.com/octo/app/actions/runs/4242/attempts/1");
});

Deno.test("resolveContext: GitHub Enterprise server URL is used for every URI", () => {
  const env = { ...GITHUB, GITHUB_SERVER_URL: "https://ghe.example.com" };
  const ctx = resolveContext({}, { env, git: NO_GIT });
  assert.equal(ctx.repository, "https://ghe.example.com/octo/app");
  assert.equal(
    ctx.builderId,
    "https://ghe.example.com/octo/app/.github/workflows/release.yml@refs/tags/v1.2.3",
  );
  assert.equal(ctx.invocationUri, "https://ghe.example.com/octo/app/actions/runs/4242/attempts/2");
});

Deno.test("contextFromEnv: GitHub is detected by GITHUB_RUN_ID alone", () => {
  const got = contextFromEnv({ GITHUB_RUN_ID: "9" });
  assert.equal(got.ci, "github-actions");
  assert.equal(got.builderId, "github-actions:9");
  assert.equal(got.invocationUri, undefined); // no repository: no run URL
});

Deno.test("contextFromEnv: nothing set is local with no values", () => {
  assert.deepEqual(contextFromEnv({}), { ci: "local" });
  assert.deepEqual(contextFromEnv({ GITHUB_ACTIONS: "false", GITLAB_CI: "" }), { ci: "local" });
});

Deno.test("resolveContext: GitLab tag pipeline", () => {
  assert.deepEqual(resolveContext({}, { env: GITLAB_TAG, git: NO_GIT }), {
    ci: "gitlab-ci",
    release: "v2.0.0",
    repository: "https://gitlab.example.com/group/proj",
    commitSha: SHA,
    builderId: "https://gitlab.example.com/group/proj/-/jobs/77",
    ref: "refs/tags/v2.0.0",
    invocationUri: "https://gitlab.example.com/group/proj/-/jobs/77",
  });
});

Deno.test("resolveContext: GitLab branch pipeline", () => {
  const env = {
    ...GITLAB_TAG,
    CI_COMMIT_TAG: undefined,
    CI_COMMIT_BRANCH: "main",
    CI_COMMIT_REF_NAME: "main",
  };
  const ctx = resolveContext({}, { env, git: NO_GIT });
  assert.equal(ctx.ci, "gitlab-ci");
  assert.equal(ctx.ref, "refs/heads/main");
  assert.equal(ctx.release, "main");
  // An explicit --release wins over the branch name.
  assert.equal(resolveContext({ release: "1.0.0" }, { env, git: NO_GIT }).release, "1.0.0");
});

Deno.test("resolveContext: flags override the CI environment and git", () => {
  const flags: ContextFlags = {
    release: "v9.9.9",
    repository: "https://example.org/mirror",
    commitSha: SHA2,
    builderId: "https://builder.example/runner-1",
  };
  const git: GitCheckout = { commit: SHA, tag: "v0.0.1", remoteUrl: "https://git.example/x" };
  for (const env of [GITHUB, GITLAB_TAG, {}]) {
    const ctx = resolveContext(flags, { env, git });
    assert.equal(ctx.release, "v9.9.9");
    assert.equal(ctx.repository, "https://example.org/mirror");
    assert.equal(ctx.commitSha, SHA2);
    assert.equal(ctx.builderId, "https://builder.example/runner-1");
  }
});

Deno.test("resolveContext: empty and half-empty flag values are context.invalid.<flag>, never a fallback", () => {
  const cases: [ContextFlags, string][] = [
    [{ release: "" }, "release"],
    [{ release: "  " }, "release"],
    [{ repository: "" }, "repository"],
    [{ repository: "https://" }, "repository"],
    [{ repository: "git:" }, "repository"],
    [{ commitSha: "" }, "commit-sha"],
    [{ commitSha: " " }, "commit-sha"],
    [{ builderId: "" }, "builder-id"],
    [{ builderId: "github-actions:" }, "builder-id"],
    [{ builderId: " github-actions: " }, "builder-id"],
    [{ builderId: "https://" }, "builder-id"],
    [{ builderId: "urn:vouch:builder:" }, "builder-id"],
  ];
  for (const [flags, flag] of cases) {
    // Even where CI or git could fill the value in: the flag was given, so it is an error.
    for (const env of [GITHUB, {}]) {
      throwsCode(
        () =>
          resolveContext(flags, { env, git: { commit: SHA, tag: "v1", remoteUrl: "https://x/y" } }),
        `context.invalid.${flag}`,
        `--${flag}`,
      );
    }
  }
  // Surrounding blanks of a complete value are trimmed.
  assert.equal(resolveContext({ release: " v9 " }, { env: GITHUB, git: NO_GIT }).release, "v9");
});

Deno.test("resolveContext: a repository or builder URL carrying credentials is refused, never published or echoed", () => {
  const token = "glpat-s3cretT0kenValue";
  const git = { commit: SHA, tag: "v1", remoteUrl: "https://x/y" };
  const cases: [ContextFlags, Env, string, string][] = [
    // GitLab's CI_REPOSITORY_URL passed as the repository: the job token is in it.
    [
      { repository: `https://gitlab-ci-token:${token}@gitlab.example.com/group/proj.git` },
      GITLAB_TAG,
      "repository",
      "--repository",
    ],
    [{ repository: `https://${token}@github.com/octo/app` }, {}, "repository", "--repository"],
    [{ builderId: `https://u:${token}@ci.example/job/1` }, {}, "builder-id", "--builder-id"],
    [
      {},
      { ...GITHUB, GITHUB_SERVER_URL: `https://u:${token}@github.example` },
      "repository",
      "github-actions",
    ],
  ];
  for (const [flags, env, flag, where] of cases) {
    assert.throws(() => resolveContext(flags, { env, git }), (e: unknown) => {
      assert.ok(e instanceof VouchError, `expected a VouchError, got ${e}`);
      assert.equal(e.code, `context.invalid.${flag}`);
      assert.ok(e.message.includes(where), e.message);
      assert.ok(!`${e.message}${e.hint}`.includes(token), e.message);
      return true;
    });
  }
  // The run's URL comes from the environment whatever the flags say: with a clean repository and
  // builder given, the token in GITHUB_SERVER_URL (or CI_JOB_URL) reached the provenance's
  // invocationId.
  const clean = { repository: "https://github.com/octo/app", builderId: "https://ci.example/b" };
  for (
    const [env, variable] of [
      [{ ...GITHUB, GITHUB_SERVER_URL: `https://u:${token}@github.example` }, "GITHUB_SERVER_URL"],
      [
        { ...GITLAB_TAG, CI_JOB_URL: `https://${token}@gitlab.example.com/g/p/-/jobs/7` },
        "CI_JOB_URL",
      ],
    ] as const
  ) {
    assert.throws(() => resolveContext(clean, { env, git }), (e: unknown) => {
      assert.ok(e instanceof VouchError, `expected a VouchError, got ${e}`);
      assert.equal(e.code, `env.invalid.${variable}`);
      assert.ok(!`${e.message}${e.hint}`.includes(token), e.message);
      return true;
    });
  }
  // A user name that selects an account is no secret (ssh), and git's remote is stripped already.
  const ssh = resolveContext({ repository: "ssh://git@github.com/octo/app" }, { env: GITHUB, git });
  assert.equal(ssh.repository, "ssh://git@github.com/octo/app");
});

Deno.test("resolveContext: falls back to the git checkout outside CI", () => {
  const git: GitCheckout = {
    commit: SHA,
    ref: "refs/heads/main",
    tag: "v3.1.0",
    remoteUrl: "https://github.com/octo/local",
  };
  const ctx = resolveContext({ builderId: "https://builder.example/laptop" }, { env: {}, git });
  assert.deepEqual(ctx, {
    ci: "local",
    release: "v3.1.0",
    repository: "https://github.com/octo/local",
    commitSha: SHA,
    builderId: "https://builder.example/laptop",
    ref: "refs/heads/main",
    invocationUri: undefined,
  });
  // Without a symbolic ref, the tag's ref is recorded.
  const detached = resolveContext({ builderId: "b:1" }, {
    env: {},
    git: { ...git, ref: undefined },
  });
  assert.equal(detached.ref, "refs/tags/v3.1.0");
  // Neither: no ref.
  const bare = resolveContext(
    { builderId: "b:1", release: "r" },
    { env: {}, git: { commit: SHA, remoteUrl: "https://x.example/y" } },
  );
  assert.equal(bare.ref, undefined);
});

Deno.test("resolveContext: CI values win over git", () => {
  const git: GitCheckout = { commit: SHA2, tag: "v0.0.1", remoteUrl: "https://git.example/x" };
  const ctx = resolveContext({}, { env: GITHUB, git });
  assert.equal(ctx.commitSha, SHA);
  assert.equal(ctx.release, "v1.2.3");
  assert.equal(ctx.repository, "https://github.com/octo/app");
});

Deno.test("resolveContext: each missing value names its flag", () => {
  const full: ContextFlags = {
    release: "v1",
    repository: "https://example.org/r",
    commitSha: SHA,
    builderId: "https://b.example/1",
  };
  const cases: [keyof ContextFlags, string][] = [
    ["release", "release"],
    ["repository", "repository"],
    ["commitSha", "commit-sha"],
    ["builderId", "builder-id"],
  ];
  for (const [key, flag] of cases) {
    const flags = { ...full, [key]: undefined };
    // Outside CI the builder id has a default (see the local builder test).
    if (key !== "builderId") {
      throwsCode(
        () => resolveContext(flags, { env: {}, git: NO_GIT }),
        `context.missing.${flag}`,
        `--${flag}`,
      );
    }
    // Also under CI that does not provide it.
    throwsCode(
      () => resolveContext(flags, { env: { GITLAB_CI: "true" }, git: NO_GIT }),
      `context.missing.${flag}`,
      `--${flag}`,
    );
  }
});

Deno.test("resolveContext: outside CI the builder id defaults to the documented local builder", () => {
  const git: GitCheckout = { commit: SHA, tag: "v1", remoteUrl: "https://x.example/r" };
  assert.equal(LOCAL_BUILDER_ID, "https://jsr.io/@vouch/vouch/builders/local/v1");
  assert.equal(resolveContext({}, { env: {}, git }).builderId, LOCAL_BUILDER_ID);
  // A given one wins; CI without a builder id still needs the flag (no silent local default there).
  assert.equal(
    resolveContext({ builderId: "https://b.example/1" }, { env: {}, git }).builderId,
    "https://b.example/1",
  );
  throwsCode(
    () => resolveContext({}, { env: { GITLAB_CI: "true" }, git }),
    "context.missing.builder-id",
    "--builder-id",
  );
});

Deno.test("resolveContext: an invalid commit sha is context.invalid.commit-sha", () => {
  const base: ContextFlags = { release: "v1", repository: "https://x.example/r", builderId: "b:1" };
  for (
    const bad of ["abc123", SHA.slice(0, 39), SHA + "0", "g".repeat(40), `${SHA.slice(0, 39)} `]
  ) {
    throwsCode(
      () => resolveContext({ ...base, commitSha: bad }, { env: {}, git: NO_GIT }),
      "context.invalid.commit-sha",
    );
  }
  // From the environment too.
  throwsCode(
    () => resolveContext({}, { env: { ...GITHUB, GITHUB_SHA: "main" }, git: NO_GIT }),
    "context.invalid.commit-sha",
  );
});

Deno.test("resolveContext: 40- and 64-hex commits accepted, uppercase lowercased", () => {
  const base: ContextFlags = { release: "v1", repository: "https://x.example/r", builderId: "b:1" };
  const env = {};
  assert.equal(
    resolveContext({ ...base, commitSha: SHA.toUpperCase() }, { env, git: NO_GIT }).commitSha,
    SHA,
  );
  assert.equal(
    resolveContext({ ...base, commitSha: SHA256 }, { env, git: NO_GIT }).commitSha,
    SHA256,
  );
  assert.equal(
    resolveContext({}, { env: { ...GITHUB, GITHUB_SHA: SHA2.toUpperCase() }, git: NO_GIT })
      .commitSha,
    SHA2,
  );
});

Deno.test("builderUri: keeps URIs, wraps plain text as urn:vouch:builder", () => {
  assert.equal(builderUri("https://ci.example/runner"), "https://ci.example/runner");
  assert.equal(builderUri("urn:example:builder:1"), "urn:example:builder:1");
  assert.equal(builderUri("github-actions:42"), "github-actions:42");
  assert.equal(builderUri("my-laptop"), "urn:vouch:builder:my-laptop");
  assert.equal(builderUri("Jane's laptop"), "urn:vouch:builder:Jane's%20laptop");
  assert.equal(builderUri("a/b c"), "urn:vouch:builder:a%2Fb%20c");
  // Through resolveContext.
  const ctx = resolveContext(
    { release: "v1", repository: "https://x.example/r", commitSha: SHA, builderId: "build box 7" },
    { env: {}, git: NO_GIT },
  );
  assert.equal(ctx.builderId, "urn:vouch:builder:build%20box%207");
});
