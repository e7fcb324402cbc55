/**
 * The build context recorded in provenance: release, repository, commit,
 * builder. Values come from flags first, then the CI environment (GitHub
 * Actions, GitLab CI), then the local git checkout.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { withoutCredentials } from "../inventory/_url.ts";
import type { GitCheckout } from "./git.ts";

/** Environment variables, as a plain record (passed in; never read here). */
export type Env = Record<string, string | undefined>;

/** The CI system vouch runs under. */
export type CiSystem = "github-actions" | "gitlab-ci" | "local";

/** What the caller states explicitly (the flags). */
export interface ContextFlags {
  /** `--release`. */
  release?: string;
  /** `--repository`. */
  repository?: string;
  /** `--commit-sha`. */
  commitSha?: string;
  /** `--builder-id`. */
  builderId?: string;
}

/** The resolved build context. */
export interface BuildContext {
  /** Release name (tag or version). */
  release: string;
  /** Source repository URL. */
  repository: string;
  /** Source commit (hex). */
  commitSha: string;
  /** Builder identity as a URI. */
  builderId: string;
  /** Source ref (e.g. `refs/tags/v1.0.0`) when known. */
  ref?: string;
  /** A URI identifying this build run when the CI system gives one. */
  invocationUri?: string;
  /** The CI system detected. */
  ci: CiSystem;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * What the CI environment says about the build.
 *
 * @param env The environment.
 * @returns The CI system and the values it provides.
 */
export function contextFromEnv(
  env: Env,
): ContextFlags & { ref?: string; invocationUri?: string; ci: CiSystem } {
  if (env.GITHUB_ACTIONS === "true" || nonEmpty(env.GITHUB_RUN_ID)) {
    const server = nonEmpty(env.GITHUB_SERVER_URL) ?? "https://github.com";
    const repo = nonEmpty(env.GITHUB_REPOSITORY);
    const runId = nonEmpty(env.GITHUB_RUN_ID);
    const workflowRef = nonEmpty(env.GITHUB_WORKFLOW_REF);
    return {
      ci: "github-actions",
      release: nonEmpty(env.GITHUB_REF_NAME),
      repository: repo && `${server}/${repo}`,
      commitSha: nonEmpty(env.GITHUB_SHA),
      builderId: workflowRef ? `${server}/${workflowRef}` : runId && `github-actions:${runId}`,
      ref: nonEmpty(env.GITHUB_REF),
      invocationUri: repo && runId
        ? `${server}/${repo}/actions/runs/${runId}/attempts/${
          nonEmpty(env.GITHUB_RUN_ATTEMPT) ?? "1"
        }`
        : undefined,
    };
  }
  if (env.GITLAB_CI === "true" || nonEmpty(env.CI_JOB_URL)) {
    const tag = nonEmpty(env.CI_COMMIT_TAG);
    const branch = nonEmpty(env.CI_COMMIT_BRANCH) ?? nonEmpty(env.CI_COMMIT_REF_NAME);
    return {
      ci: "gitlab-ci",
      release: tag ?? nonEmpty(env.CI_COMMIT_REF_NAME),
      repository: nonEmpty(env.CI_PROJECT_URL),
      commitSha: nonEmpty(env.CI_COMMIT_SHA),
      builderId: nonEmpty(env.CI_JOB_URL),
      ref: tag ? `refs/tags/${tag}` : branch && `refs/heads/${branch}`,
      invocationUri: nonEmpty(env.CI_JOB_URL),
    };
  }
  return { ci: "local" };
}

const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/;
/** A scheme with nothing after it (`github-actions:`, `https://`), or a value ending in `:`. */
const HALF_EMPTY = /^[A-Za-z][A-Za-z0-9+.-]*:\/*$|:$/;

/**
 * The builder id recorded outside CI when `--builder-id` is not given: vouch
 * run on a developer's machine (or any runner vouch does not recognise). The
 * summary says so.
 */
export const LOCAL_BUILDER_ID = "https://jsr.io/@vouch/vouch/builders/local/v1";

/**
 * Turns a builder id into a URI: a value that already is one is kept; any
 * other text becomes `urn:vouch:builder:<percent-encoded text>`.
 *
 * @param id The builder id as given.
 * @returns A URI.
 */
export function builderUri(id: string): string {
  return URI.test(id) ? id : `urn:vouch:builder:${encodeURIComponent(id)}`;
}

/**
 * A flag value, checked: `undefined` when not given; a blank value, or for a
 * URI flag a half-empty one, is an error.
 */
function given(value: string | undefined, flag: string, uri = false): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  const problem = trimmed === ""
    ? "is empty"
    : uri && HALF_EMPTY.test(trimmed)
    ? `${JSON.stringify(trimmed)} has nothing after its scheme`
    : undefined;
  if (problem === undefined) return trimmed;
  throw new VouchError(
    `context.invalid.${flag.slice(2)}`,
    `${flag} ${problem}`,
    `pass a complete value, or leave ${flag} out to use the CI environment or git`,
  );
}

function required(value: string | undefined, flag: string, where: string): string {
  if (value !== undefined) return value;
  const name = flag.slice(2);
  throw new VouchError(
    `context.missing.${name}`,
    `${flag} is required: it was not given and ${where}`,
    `pass ${flag} VALUE`,
  );
}

/**
 * Refuses a URL with credentials (`https://user:token@host/…`, as GitLab's
 * `CI_REPOSITORY_URL`): it would be published in the signed evidence. The
 * value is never shown.
 */
function refuseCredentials(url: string, flag: string, source: string): void {
  if (withoutCredentials(url) === url) return;
  throw new VouchError(
    `context.invalid.${flag.slice(2)}`,
    `the ${
      flag.slice(2)
    } URL from ${source} carries credentials (user:password@, a token before @ or in a token parameter); it would be published in the evidence, so it is not used or shown`,
    `pass the URL without credentials, e.g. ${flag} https://github.com/o/r (GitLab: $CI_PROJECT_URL)`,
  );
}

/**
 * Resolves the build context: flags win, then CI variables, then git. Outside
 * CI the builder id defaults to {@linkcode LOCAL_BUILDER_ID}.
 *
 * @param flags The explicit values.
 * @param sources `env` (environment) and `git` (what the checkout says).
 * @returns The context.
 * @throws {VouchError} `context.missing.<flag>` naming the flag still missing;
 *   `context.invalid.<flag>` for an empty or half-empty flag value (`""`,
 *   `github-actions:`, `https://`), a repository or builder URL with
 *   credentials, or a commit that is not full hex; `env.invalid.GITHUB_SERVER_URL` or
 *   `env.invalid.CI_JOB_URL` when the run's URL carries credentials.
 */
export function resolveContext(
  flags: ContextFlags,
  sources: { env: Env; git: GitCheckout },
): BuildContext {
  const ci = contextFromEnv(sources.env);
  const git = sources.git;
  const release = given(flags.release, "--release") ?? ci.release ?? git.tag;
  const repository = given(flags.repository, "--repository", true) ?? ci.repository ??
    git.remoteUrl;
  const commitSha = given(flags.commitSha, "--commit-sha") ?? ci.commitSha ?? git.commit;
  const builderId = given(flags.builderId, "--builder-id", true) ?? ci.builderId ??
    (ci.ci === "local" ? LOCAL_BUILDER_ID : undefined);
  const where = ci.ci === "local"
    ? "no CI environment was detected and the git checkout does not tell"
    : `the ${ci.ci} environment does not provide it`;
  const resolved = {
    release: required(release, "--release", where),
    repository: required(repository, "--repository", where),
    commitSha: required(commitSha, "--commit-sha", where).toLowerCase(),
    builderId: builderUri(required(builderId, "--builder-id", where)),
  };
  const from = (flag: string, value: string | undefined): string =>
    value !== undefined ? flag : `the ${ci.ci} environment`;
  refuseCredentials(resolved.repository, "--repository", from("--repository", flags.repository));
  refuseCredentials(resolved.builderId, "--builder-id", from("--builder-id", flags.builderId));
  // The run's URL has no flag: it comes from the CI environment whatever the flags say.
  const run = ci.invocationUri;
  if (run !== undefined && withoutCredentials(run) !== run) {
    const variable = ci.ci === "github-actions" ? "GITHUB_SERVER_URL" : "CI_JOB_URL";
    throw new VouchError(
      `env.invalid.${variable}`,
      `the run URL from ${variable} carries credentials (user:password@, a token before @ or in a token parameter); it would be published in the evidence, so it is not used or shown`,
      `set ${variable} without credentials`,
    );
  }
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(resolved.commitSha)) {
    throw new VouchError(
      "context.invalid.commit-sha",
      `--commit-sha ${
        JSON.stringify(resolved.commitSha)
      } is not a full 40- or 64-character hex commit id`,
      "pass the full commit id, e.g. the output of `git rev-parse HEAD`",
    );
  }
  return {
    ...resolved,
    ref: ci.ref ?? git.ref ?? (git.tag ? `refs/tags/${git.tag}` : undefined),
    invocationUri: ci.invocationUri,
    ci: ci.ci,
  };
}

/**
 * Reads `SOURCE_DATE_EPOCH` (whole seconds since 1970).
 *
 * @param env The environment.
 * @returns The date, or `undefined` when unset.
 * @throws {VouchError} `env.invalid.SOURCE_DATE_EPOCH` when set to anything else.
 */
export function sourceDateEpoch(env: Env): Date | undefined {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === "") return undefined;
  if (!/^\d{1,12}$/.test(value)) {
    throw new VouchError(
      "env.invalid.SOURCE_DATE_EPOCH",
      `SOURCE_DATE_EPOCH=${JSON.stringify(value)} is not a whole number of seconds`,
      "set SOURCE_DATE_EPOCH to a Unix time, e.g. $(git log -1 --format=%ct)",
    );
  }
  return new Date(Number(value) * 1000);
}
