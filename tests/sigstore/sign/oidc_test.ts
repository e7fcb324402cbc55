// The identity token: its sources in order, GitHub Actions' token exchange
// against the local stand-in of its endpoint (audience sigstore), GitLab's
// SIGSTORE_ID_TOKEN, the claims Fulcio reads, and messages that never show it.
import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { DEFAULT_TRANSPORT } from "../../../src/sigstore/sign/_http.ts";
import {
  fetchIdentityToken,
  findTokenSource,
  tokenClaims,
} from "../../../src/sigstore/sign/oidc.ts";
import { localStack } from "../_keyless.ts";
import { GITHUB_REQUEST_TOKEN, mockToken, unsignedJwt } from "../_mock_stack.ts";

const NOW = new Date();

function throwsCode(fn: () => unknown, code: string, pattern?: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VouchError, String(e));
    assert.equal(e.code, code, e.message);
    if (pattern) assert.match(e.message, pattern);
    return true;
  });
}

Deno.test("findTokenSource: the given token, the named variable, SIGSTORE_ID_TOKEN, then GitHub Actions", () => {
  const github = {
    ACTIONS_ID_TOKEN_REQUEST_URL: "https://gh.example/token?api-version=2.0",
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: "bearer",
  };
  const env = { ...github, SIGSTORE_ID_TOKEN: "gitlab-token", MINE: "  mine-token\n" };
  assert.deepEqual(findTokenSource({ identityToken: "given" }, env), {
    kind: "value",
    token: "given",
    origin: "the given identity token",
  });
  assert.deepEqual(findTokenSource({ identityTokenEnv: "MINE" }, env), {
    kind: "value",
    token: "mine-token",
    origin: "$MINE",
  });
  assert.equal(findTokenSource({}, env).origin, "$SIGSTORE_ID_TOKEN");
  assert.deepEqual(findTokenSource({}, { ...github, SIGSTORE_ID_TOKEN: "" }), {
    kind: "github",
    url: github.ACTIONS_ID_TOKEN_REQUEST_URL,
    bearer: "bearer",
    origin: "the GitHub Actions token endpoint",
  });
});

Deno.test("findTokenSource: no token is sigstore.token_missing, naming the fix of each CI", () => {
  throwsCode(
    () => findTokenSource({}, { GITHUB_ACTIONS: "true" }),
    "sigstore.token_missing",
    /permissions: id-token: write/,
  );
  throwsCode(
    () =>
      findTokenSource({}, { GITHUB_ACTIONS: "true", ACTIONS_ID_TOKEN_REQUEST_URL: "https://x" }),
    "sigstore.token_missing",
    /id-token: write/,
  );
  throwsCode(
    () => findTokenSource({}, { GITLAB_CI: "true" }),
    "sigstore.token_missing",
    /id_tokens: entry with aud: sigstore/,
  );
  throwsCode(() => findTokenSource({}, {}), "sigstore.token_missing", /--identity-token-env/);
  throwsCode(
    () => findTokenSource({ identityTokenEnv: "NOPE" }, {}),
    "sigstore.token_missing",
    /NOPE: the variable is not set/,
  );
  throwsCode(
    () => findTokenSource({ identityTokenEnv: "EMPTY" }, { EMPTY: " " }),
    "sigstore.token_missing",
    /empty/,
  );
  // A token pasted where the variable's name belongs is never shown.
  const token = mockToken();
  assert.throws(() => findTokenSource({ identityTokenEnv: token }, {}), (e: unknown) => {
    assert.ok(e instanceof VouchError && e.code === "sigstore.token_invalid");
    assert.ok(!e.message.includes(token.slice(0, 20)));
    return true;
  });
});

Deno.test("fetchIdentityToken: GitHub Actions' exchange asks for audience sigstore with the bearer", async () => {
  const stack = await localStack();
  const transport = { ...DEFAULT_TRANSPORT, fetch: stack.fetch, attempts: 1 };
  const source = {
    kind: "github" as const,
    url: `${stack.url}/token?api-version=2.0`,
    bearer: GITHUB_REQUEST_TOKEN,
    origin: "",
  };
  const token = await fetchIdentityToken(source, transport);
  assert.equal(tokenClaims(token, NOW).issuer, "https://token.actions.githubusercontent.com");
  assert.ok(stack.requests.includes("GET /token"));
  // A refused bearer: token_rejected, the bearer not in the message.
  await assert.rejects(
    fetchIdentityToken({ ...source, bearer: "wrong-bearer-abcdef" }, transport),
    (e: unknown) =>
      e instanceof VouchError && e.code === "sigstore.token_rejected" &&
      /HTTP 401/.test(e.message) &&
      !e.message.includes("wrong-bearer"),
  );
  // An endpoint that answers without a token, or is down.
  await assert.rejects(
    fetchIdentityToken({ ...source, url: `${stack.url}/fault/status-200/token` }, transport),
    (e: unknown) => e instanceof VouchError && e.code === "sigstore.token_malformed",
  );
  await assert.rejects(
    fetchIdentityToken({ ...source, url: `${stack.url}/fault/down/token` }, transport),
    (e: unknown) => e instanceof VouchError && e.code === "sigstore.token_unavailable",
  );
  assert.equal(await fetchIdentityToken({ kind: "value", token: "t", origin: "" }, transport), "t");
});

Deno.test("tokenClaims: the issuer, and the subject the proof of possession signs", () => {
  assert.deepEqual(
    tokenClaims(unsignedJwt({ iss: "https://i", sub: "repo:o/r:ref:refs/tags/v1" }), NOW),
    {
      issuer: "https://i",
      subject: "repo:o/r:ref:refs/tags/v1",
    },
  );
  assert.deepEqual(
    tokenClaims(
      unsignedJwt({ iss: "https://i", sub: "123", email: "a@b.c", email_verified: true }),
      NOW,
    ),
    { issuer: "https://i", subject: "a@b.c" },
  );
  throwsCode(
    () => tokenClaims(unsignedJwt({ iss: "https://i", sub: "1", email: "a@b.c" }), NOW),
    "sigstore.token_invalid",
    /did not verify/,
  );
  throwsCode(() => tokenClaims(unsignedJwt({ sub: "x" }), NOW), "sigstore.token_invalid", /no iss/);
  throwsCode(
    () => tokenClaims(unsignedJwt({ iss: "https://i" }), NOW),
    "sigstore.token_invalid",
    /no sub/,
  );
  throwsCode(
    () => tokenClaims(unsignedJwt({ iss: "https://i", sub: "x", exp: 1_000_000 }), NOW),
    "sigstore.token_invalid",
    /expired at 1970-01-12/,
  );
  for (const bad of ["", "a.b", "not.a.jwt", "a.!!!.c", `x.${btoa("[]")}.y`]) {
    throwsCode(
      () => tokenClaims(bad, NOW),
      "sigstore.token_invalid",
      /not a JWT \(it is not shown\)/,
    );
  }
});
