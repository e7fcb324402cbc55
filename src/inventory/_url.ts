// Private: URLs as lockfiles write them may carry credentials (a private
// index `https://user:token@host/simple`, a git remote
// `https://${GITHUB_TOKEN}@github.com/…`); none of them may reach an SBOM.

/** `scheme://userinfo@` at the start of a URL (`git+https://…` included). */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i;

/**
 * A URL without the credentials it may carry: the whole userinfo of an
 * http(s) URL (a token is often written as the user name), the password of
 * any other (`ssh://git@host/…` keeps its user name, which selects the
 * account, not a secret). Anything else is returned unchanged.
 *
 * @example
 * ```ts
 * import { withoutCredentials } from "./_url.ts";
 * withoutCredentials("https://user:s3cret@pypi.example/simple"); // "https://pypi.example/simple"
 * withoutCredentials("git+ssh://git@github.com/o/r.git"); // "git+ssh://git@github.com/o/r.git"
 * ```
 *
 * @param url The URL as written.
 * @returns The URL without credentials.
 */
export function withoutCredentials(url: string): string {
  if (!url.includes("@")) return url; // no user information (most URLs): no regex
  const match = USERINFO.exec(url);
  if (!match) return url;
  const [whole, scheme, userinfo] = match;
  const rest = url.slice(whole.length);
  if (/(?:^|\+)https?:\/\/$/i.test(scheme)) return `${scheme}${rest}`;
  const colon = userinfo.indexOf(":");
  return colon === -1 ? url : `${scheme}${userinfo.slice(0, colon)}@${rest}`;
}
