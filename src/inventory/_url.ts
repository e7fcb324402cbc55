// Private: URLs as lockfiles write them may carry credentials (a private
// index `https://user:token@host/simple`, a git remote
// `https://${GITHUB_TOKEN}@github.com/…`); none of them may reach an SBOM.

/**
 * `scheme://userinfo@` at the start of a URL (`git+https://…` included): up to
 * the authority's last `@`, as WHATWG URL and Python's `urlsplit` (pip) read
 * a password holding an unescaped `@` (`https://u:p@ss@host/…`).
 */
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/i;

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
  return `${scheme}${keptUserinfo(scheme.slice(0, -3), userinfo)}${url.slice(whole.length)}`;
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

/**
 * A text (an error message quoting the input) with the credentials of every
 * URL in it dropped, as {@linkcode withoutCredentials} drops them; the scheme
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
  if (!text.includes("@") || !text.includes("://")) return text;
  return text.replace(USERINFO_IN_TEXT, (_, userinfo: string, at: number) => {
    const scheme = /[a-z][a-z0-9+.-]*$/i.exec(text.slice(Math.max(0, at - 64), at))?.[0] ?? "";
    return `://${keptUserinfo(scheme, userinfo)}`;
  });
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
