/**
 * The OIDC identity token Fulcio certifies: where it comes from and what it
 * says. Sources, in order: a token given by the caller; the variable named by
 * `--identity-token-env`; GitLab CI's `SIGSTORE_ID_TOKEN` (an `id_tokens:`
 * entry); GitHub Actions' token endpoint (`ACTIONS_ID_TOKEN_REQUEST_URL` and
 * `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, audience `sigstore`). The token is a
 * secret: it is never written, printed or put in a message.
 *
 * @module
 */
import type { Env } from "../../provenance/context.ts";
import { callService, jsonAnswer, malformedAnswer, type Transport } from "./_http.ts";
import { signError } from "./errors.ts";

/** The audience Sigstore's Fulcio expects. */
export const SIGSTORE_AUDIENCE = "sigstore";

/** GitLab CI's variable for an `id_tokens:` entry named for Sigstore (cosign reads it too). */
export const GITLAB_TOKEN_VARIABLE = "SIGSTORE_ID_TOKEN";

/** Where the token comes from, found without any network call. */
export type TokenSource =
  | { kind: "value"; token: string; origin: string }
  | { kind: "github"; url: string; bearer: string; origin: string };

/** How the caller names the token. */
export interface TokenOptions {
  /** The token itself. */
  identityToken?: string;
  /** The environment variable holding it. */
  identityTokenEnv?: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Finds the token's source (no network): the given token, the named
 * variable, `SIGSTORE_ID_TOKEN`, or GitHub Actions' token endpoint.
 *
 * @param options The token or the variable naming it.
 * @param env The environment.
 * @returns The source.
 * @throws {VouchError} `sigstore.token_missing` when there is none (the
 *   message names `permissions: id-token: write` in GitHub Actions);
 *   `sigstore.token_invalid` for an invalid variable name.
 */
export function findTokenSource(options: TokenOptions, env: Env): TokenSource {
  if (options.identityToken !== undefined) {
    return { kind: "value", token: options.identityToken, origin: "the given identity token" };
  }
  const name = options.identityTokenEnv;
  if (name !== undefined) {
    if (!ENV_NAME.test(name)) {
      throw signError(
        "sigstore.token_invalid",
        "the value given to --identity-token-env is not an environment variable name; it is not shown",
      );
    }
    const value = env[name];
    if (value === undefined || value.trim() === "") {
      throw signError(
        "sigstore.token_missing",
        `--identity-token-env ${name}: the variable is ${
          value === undefined ? "not set" : "empty"
        }`,
      );
    }
    return { kind: "value", token: value.trim(), origin: `$${name}` };
  }
  const gitlab = env[GITLAB_TOKEN_VARIABLE];
  if (gitlab !== undefined && gitlab.trim() !== "") {
    return { kind: "value", token: gitlab.trim(), origin: `$${GITLAB_TOKEN_VARIABLE}` };
  }
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (url && bearer) {
    return { kind: "github", url, bearer, origin: "the GitHub Actions token endpoint" };
  }
  if (env.GITHUB_ACTIONS === "true") {
    throw signError(
      "sigstore.token_missing",
      "GitHub Actions gives this job no OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL is not set): " +
        "the workflow or job needs `permissions: id-token: write`",
    );
  }
  throw signError(
    "sigstore.token_missing",
    env.GITLAB_CI === "true"
      ? `GitLab CI gives this job no ${GITLAB_TOKEN_VARIABLE}: add an id_tokens: entry with aud: sigstore`
      : "no OIDC identity token: not in GitHub Actions or GitLab CI, and no --identity-token-env",
  );
}

/**
 * Gets the token from its source: the GitHub Actions exchange (GET the
 * request URL with `audience=sigstore`, bearer the request token; the answer
 * is `{"value": "<jwt>"}`), or the value as is.
 *
 * @param source Where the token comes from.
 * @param transport The fetch and its retry settings.
 * @returns The token.
 * @throws {VouchError} `sigstore.token_unavailable`, `sigstore.token_rejected`,
 *   `sigstore.token_malformed` for the exchange.
 */
export async function fetchIdentityToken(
  source: TokenSource,
  transport: Transport,
): Promise<string> {
  if (source.kind === "value") return source.token;
  let url: URL;
  try {
    url = new URL(source.url);
  } catch {
    throw signError("sigstore.token_invalid", "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL");
  }
  url.searchParams.set("audience", SIGSTORE_AUDIENCE);
  const call = {
    service: "token" as const,
    url: url.href,
    method: "GET" as const,
    headers: { Accept: "application/json", Authorization: `Bearer ${source.bearer}` },
    maxBytes: 64 * 1024,
    secret: source.bearer,
  };
  const answer = jsonAnswer(await callService(call, transport), call) as { value?: unknown };
  if (typeof answer?.value !== "string" || answer.value === "") {
    throw malformedAnswer(call, "its answer has no token (`value`)");
  }
  return answer.value;
}

/** What Fulcio reads from a token. */
export interface TokenClaims {
  /** `iss`. */
  issuer: string;
  /** What the proof of possession signs: the verified `email`, else `sub`. */
  subject: string;
}

/** An untrusted claim, quoted for a message. */
function shown(value: string): string {
  return JSON.stringify(value.slice(0, 100));
}

function base64UrlJson(part: string): unknown {
  try {
    const bytes = Uint8Array.fromBase64(part, {
      alphabet: "base64url",
      lastChunkHandling: "loose",
    });
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

/**
 * Reads the claims Fulcio uses from a JWT, without checking its signature
 * (Fulcio does): the issuer and the subject the proof of possession signs
 * (`email` when the token carries a verified one, as sigstore-js does, else
 * `sub`). An expired token (`exp` before `now`) is refused here rather than
 * by Fulcio.
 *
 * @param token The JWT.
 * @param now The clock.
 * @returns The claims.
 * @throws {VouchError} `sigstore.token_invalid`; the message never shows the token.
 */
export function tokenClaims(token: string, now: Date): TokenClaims {
  const parts = token.split(".");
  const payload = parts.length === 3 ? base64UrlJson(parts[1]) : undefined;
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) {
    throw signError("sigstore.token_invalid", "the identity token is not a JWT (it is not shown)");
  }
  const claims = payload as Record<string, unknown>;
  if (typeof claims.iss !== "string" || claims.iss === "") {
    throw signError("sigstore.token_invalid", "the identity token has no iss (issuer) claim");
  }
  if (typeof claims.exp === "number" && claims.exp * 1000 < now.getTime()) {
    throw signError(
      "sigstore.token_invalid",
      `the identity token of ${shown(claims.iss)} expired at ${
        new Date(claims.exp * 1000).toISOString()
      }`,
    );
  }
  if (typeof claims.email === "string" && claims.email !== "") {
    if (claims.email_verified !== true) {
      throw signError(
        "sigstore.token_invalid",
        `the identity token of ${shown(claims.iss)} carries an email its issuer did not verify`,
      );
    }
    return { issuer: claims.iss, subject: claims.email };
  }
  if (typeof claims.sub !== "string" || claims.sub === "") {
    throw signError(
      "sigstore.token_invalid",
      `the identity token of ${shown(claims.iss)} has no sub claim`,
    );
  }
  return { issuer: claims.iss, subject: claims.sub };
}
