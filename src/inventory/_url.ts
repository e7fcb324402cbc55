// Private: URLs as lockfiles write them may carry credentials (a private
// index `https://user:token@host/simple`, a git remote
// `https://${GITHUB_TOKEN}@github.com/…`, a signed download
// `…?X-Amz-Signature=…`, a feed with its token in the path: MyGet, Gemfury,
// Cloudsmith, Anaconda); none of them may reach an SBOM.

/**
 * `scheme://userinfo@` at the start of a URL (`git+https://…` included): up to
 * the authority's last `@`, as WHATWG URL and Python's `urlsplit` (pip) read
 * a password holding an unescaped `@` (`https://u:p@ss@host/…`).
 */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;

/**
 * A query parameter's name that says its value is a secret: a token (`token`, `access_token`,
 * `private_token`, `X-Amz-Security-Token`), a signature or the credential it was made with (S3
 * and GCS presigned URLs' `X-Amz-Signature`, `X-Amz-Credential`, `X-Goog-Signature`, an Azure
 * SAS's `sig`), a password, secret or key (`api_key`, `key`, `client_secret`), `auth`. Compared
 * after its `%`-escapes are decoded, case ignored.
 */
const SECRET_PARAM =
  /(?:^|[-_])(?:token|secret|password|passwd|pwd|sig|signature|credential|key|apikey|auth)$/i;

/**
 * The path segments that hosted registries take a token in, each with what replaces them (the
 * feed's URL with its credentials given apart, as its users are told to write it): a MyGet feed's
 * `/auth/<token>` (`https://www.myget.org/F/<feed>/auth/<token>/…`: dropped); an Anaconda
 * `/t/<token>` (`https://pypi.anaconda.org/t/<token>/<owner>/simple`, conda channels: dropped,
 * as conda's own URL sanitizer drops it); a Cloudsmith entitlement token in place of `public` or
 * `basic` (`https://dl.cloudsmith.io/<token>/<owner>/<repo>/…`: `basic`); a Gemfury token before
 * the account (`https://pypi.fury.io/<token>/<account>/`, `npm-proxy.fury.io`: dropped), told
 * from an account name by a capital letter (account names are lowercase; tokens are random
 * mixed-case letters and digits).
 */
const TOKEN_PATHS: readonly [RegExp, string][] = [
  [/^([a-z][a-z0-9+.-]*:\/\/(?:[^/?#]*\.)?myget\.org\/F\/[^/?#]+)\/auth\/[^/?#]+/i, "$1"],
  [
    /^([a-z][a-z0-9+.-]*:\/\/(?:[^/?#]*\.)?anaconda\.(?:org|com|cloud)(?::\d+)?(?:\/[^/?#]+)*?)\/t\/[^/?#]+/i,
    "$1",
  ],
  [
    /^([a-z][a-z0-9+.-]*:\/\/dl\.cloudsmith\.io(?::\d+)?\/)(?!(?:public|basic)(?:[/?#]|$))[^/?#]+(?=\/[^/?#])/i,
    "$1basic",
  ],
  [
    /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/(?:[^/?#]*\.)?fury\.io(?::\d+)?)\/[^/?#]*[A-Z][^/?#]*(?=\/[^/?#])/,
    "$1",
  ],
];

/**
 * The hosts of {@linkcode TOKEN_PATHS}, any case: a URL that names none holds no token in its
 * path. One native search (four `includes` of the segments cost three times as much in a cold
 * run, and missed a MyGet `/AUTH/` in capitals, which its case-blind pattern drops).
 */
const TOKEN_HOSTS = /myget\.org|anaconda\.(?:org|com|cloud)|cloudsmith\.io|fury\.io/i;

/**
 * Whether a URL may hold a token in its path: one of {@linkcode TOKEN_HOSTS} up to the first `/`
 * after its `://`, where each pattern of {@linkcode TOKEN_PATHS} has its host (searched there
 * only: a search of the whole URL cost a uv.lock's read 8% in optimized code).
 */
function mayHaveTokenPath(url: string): boolean {
  const at = url.indexOf("://");
  if (at === -1) return false;
  const slash = url.indexOf("/", at + 3);
  return TOKEN_HOSTS.test(url.slice(at + 3, slash === -1 ? url.length : slash));
}

/**
 * A URL without the credentials it may carry: the whole userinfo of an
 * http(s) URL (a token is often written as the user name), the password of
 * any other (`ssh://git@host/…` keeps its user name, which selects the
 * account, not a secret); the query parameters that carry a secret (see
 * {@linkcode SECRET_PARAM}: a presigned download's signature, an access token),
 * and a token in the path of a feed that takes one there (MyGet, Anaconda,
 * Cloudsmith, Gemfury: see {@linkcode TOKEN_PATHS}). Anything else is returned
 * unchanged.
 *
 * @example
 * ```ts
 * import { withoutCredentials } from "./_url.ts";
 * withoutCredentials("https://user:s3cret@pypi.example/simple"); // "https://pypi.example/simple"
 * withoutCredentials("git+ssh://git@github.com/o/r.git"); // "git+ssh://git@github.com/o/r.git"
 * withoutCredentials("https://h.example/a.whl?X-Amz-Signature=ab&v=1"); // "https://h.example/a.whl?v=1"
 * ```
 *
 * @param url The URL as written.
 * @returns The URL without credentials.
 */
export function withoutCredentials(url: string): string {
  // Most URLs have no `@`, `?` or token path: no regex.
  const bare = url.includes("@") ? withoutUserinfo(url) : url;
  return bare.includes("?") || mayHaveTokenPath(bare) ? withoutSecretParts(bare) : bare;
}

/** A URL without the credentials of its `userinfo@` (see {@linkcode withoutCredentials}). */
function withoutUserinfo(url: string): string {
  const match = USERINFO.exec(url);
  if (!match) return url;
  const [whole, scheme, userinfo] = match;
  return `${scheme}${keptUserinfo(scheme.slice(0, -3), userinfo)}${url.slice(whole.length)}`;
}

/**
 * A URL without its secret query parameters and path tokens (see
 * {@linkcode withoutCredentials}); its fragment (`#sha256=…`, `#egg=…`) is kept as written.
 */
function withoutSecretParts(url: string): string {
  const hash = url.indexOf("#");
  const fragment = hash === -1 ? "" : url.slice(hash);
  const rest = hash === -1 ? url : url.slice(0, hash);
  const q = rest.indexOf("?");
  const path = TOKEN_PATHS.reduce(
    (kept, [token, replacement]) => kept.replace(token, replacement),
    q === -1 ? rest : rest.slice(0, q),
  );
  if (q === -1) return path + fragment;
  const kept = rest.slice(q + 1).split("&").filter((param) => {
    const eq = param.indexOf("=");
    return !SECRET_PARAM.test(decodePercent(eq === -1 ? param : param.slice(0, eq)));
  });
  return `${path}${kept.length === 0 ? "" : `?${kept.join("&")}`}${fragment}`;
}

/**
 * What stays of a URL's `userinfo@`: nothing for http(s) or an unknown scheme (a URL quoted
 * from its `://`), the user name (no password) else.
 */
function keptUserinfo(scheme: string, userinfo: string): string {
  if (scheme === "" || /(?:^|\+)https?$/i.test(scheme)) return "";
  const colon = userinfo.indexOf(":");
  return `${colon === -1 ? userinfo : userinfo.slice(0, colon)}@`;
}

/**
 * The `userinfo@` after a `://` inside a text (up to whitespace, a quote or the
 * end of the authority; its last `@`, as {@linkcode USERINFO}). Every attempt
 * stops at the next `/`, so the scan is linear in the text however many `://`
 * it holds.
 */
const USERINFO_IN_TEXT = /:\/\/([^\s"'`<>/?#]*)@/g;

/** A URL inside a text: from its scheme up to whitespace, a quote or an angle bracket. */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>]+/gi;

/**
 * A text (an error message quoting the input) with the credentials of every
 * URL in it dropped, as {@linkcode withoutCredentials} drops them (userinfo,
 * secret query parameters, path tokens); the scheme
 * is read back from the `://` (a URL cut inside its scheme, `+https://…`, is
 * still an https URL).
 *
 * @example
 * ```ts
 * import { textWithoutCredentials } from "./_url.ts";
 * textWithoutCredentials("a depends on https://u:s3cret@h.example/a.tgz, which…");
 * // "a depends on https://h.example/a.tgz, which…"
 * ```
 *
 * @param text Any text.
 * @returns The text without credentials.
 */
export function textWithoutCredentials(text: string): string {
  if (!text.includes("://")) return text;
  const bare = !text.includes("@") ? text : text.replace(
    USERINFO_IN_TEXT,
    (_, userinfo: string, at: number) => {
      const scheme = /[a-z][a-z0-9+.-]*$/i.exec(text.slice(Math.max(0, at - 64), at))?.[0] ?? "";
      return `://${keptUserinfo(scheme, userinfo)}`;
    },
  );
  return bare.includes("?") || TOKEN_HOSTS.test(bare)
    ? bare.replace(URL_IN_TEXT, (url) => withoutSecretParts(url))
    : bare;
}

/**
 * A URL component with its `%`-escapes decoded, or as written when an escape
 * is malformed (`%zz`, a lone `%`): a name read from a URL never throws.
 *
 * @example
 * ```ts
 * import { decodePercent } from "./_url.ts";
 * decodePercent("a%40b"); // "a@b"
 * decodePercent("100%"); // "100%"
 * ```
 *
 * @param text The component as written.
 * @returns The decoded component.
 */
export function decodePercent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
