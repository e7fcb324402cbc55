/**
 * Package URL (purl) construction following the purl specification, and the
 * per-ecosystem name rules that go with it.
 *
 * @module
 */
import { ValueError } from "./_errors.ts";
import type { Ecosystem } from "./types.ts";
import { textWithoutCredentials, withoutCredentials } from "./_url.ts";

/** The parts of a package URL. */
export interface PurlParts {
  /** Package type, e.g. `pypi`, `npm`. */
  type: string;
  /** Namespace, `/`-separated (e.g. `@scope` for npm, `github.com/x` for golang). */
  namespace?: string;
  /** Package name. */
  name: string;
  /** Version. */
  version?: string;
  /** Qualifiers (keys are lowercased and sorted on output; empty values dropped). */
  qualifiers?: Record<string, string | undefined>;
  /** Subpath inside the package. */
  subpath?: string;
}

/**
 * A package URL that cannot be formed from its parts (ECMA-427 "Rules for
 * each purl component"): no type, or one with characters other than ASCII
 * letters, digits, `.`, `+`, `-` or starting with a digit; no name; a
 * qualifier key other than ASCII letters, digits, `.`, `-`, `_` or starting
 * with a digit, or given twice; a part that is no Unicode text (a lone
 * surrogate); a version longer than CycloneDX takes (1,024 characters); a
 * part holding a URL with credentials (`https://user:token@…`: secrets never
 * reach an SBOM). Code `inventory.purl_invalid`; a reader's file turns it
 * into `inventory.<reader>.invalid` with the file and line (see `value`).
 */
export class PurlError extends ValueError {
  /**
   * Creates the error.
   *
   * @param what What is wrong, one line.
   * @param value The offending text.
   */
  constructor(what: string, value: string) {
    super(
      "inventory.purl_invalid",
      what,
      "fix the manifest or lockfile that names this package (or regenerate it with its tool)",
      value,
    );
    this.name = "PurlError";
  }
}

/** The longest version a component may have (CycloneDX 1.6 `version` maxLength). */
const MAX_VERSION = 1024;

/**
 * Refuses a version longer than an SBOM can hold: a component's (in its purl), a project's or a
 * member's (CycloneDX 1.6 `version` maxLength).
 *
 * @example
 * ```ts
 * import { checkVersionLength } from "./purl.ts";
 * checkVersionLength("1.2.3"); // no error
 * ```
 *
 * @param version The version.
 * @throws {PurlError} For a version over 1024 characters.
 */
export function checkVersionLength(version: string): void {
  if (version.length <= MAX_VERSION) return;
  throw new PurlError(
    `a version of ${version.length} characters (no package manager writes one; ` +
      `CycloneDX takes at most ${MAX_VERSION})`,
    version,
  );
}

/** A purl type: ASCII letters, digits, `.`, `+`, `-`, not starting with a digit. */
const TYPE = /^[A-Za-z.+-][A-Za-z0-9.+-]*$/;

/** A qualifier key: ASCII letters, digits, `.`, `-`, `_`, not starting with a digit. */
const QUALIFIER_KEY = /^[A-Za-z._-][A-Za-z0-9._-]*$/;

/** Text that percent-encoding leaves as it is. */
const UNRESERVED = /^[A-Za-z0-9._~:-]*$/;

/**
 * Percent-encodes all but letters, digits, `.-_~` and `:` (the purl spec's
 * rule, ECMA-427 "Character encoding": a separator character stays literal
 * only where it separates, and the colon everywhere). Every component goes
 * through it, qualifier values of every type included: a `/` in a
 * `vcs_url` or `repository_url` is data, so `%2F`. A lone UTF-16 surrogate
 * (legal in a JSON string escape, but no Unicode character) has no UTF-8
 * form: it is a coded input error.
 */
function encodeSegment(value: string): string {
  if (UNRESERVED.test(value)) return value;
  if (!value.isWellFormed()) {
    throw new PurlError(
      `the package URL part ${
        JSON.stringify(value)
      } contains a lone UTF-16 surrogate, which is no Unicode character`,
      value,
    );
  }
  const control = CONTROL.exec(value)?.[0];
  if (control !== undefined) {
    throw new PurlError(
      `the package URL part ${JSON.stringify(value)} contains the control character U+${
        control.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")
      }, which no package name, version or URL has`,
      value,
    );
  }
  const safe = textWithoutCredentials(value);
  if (safe !== value) {
    throw new PurlError(
      `the package URL part ${
        JSON.stringify(safe)
      } holds a URL with credentials (user:token@, a token or signature parameter, a token in a feed's path), which never go into an SBOM`,
      value,
    );
  }
  return encodeURIComponent(value)
    .replace(SUB_DELIMS, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%3A", ":");
}

/** A control character (C0, DEL, C1): in a name, version or URL, the mark of a damaged file. */
const CONTROL = /\p{Cc}/u;

/** What `encodeURIComponent` leaves but a purl segment encodes (a constant: made once). */
const SUB_DELIMS = /[!'()*]/g;

/**
 * Formats a canonical package URL.
 *
 * @example
 * ```ts
 * import { formatPurl } from "./purl.ts";
 * formatPurl({ type: "npm", namespace: "@babel", name: "core", version: "7.0.0" });
 * // "pkg:npm/%40babel/core@7.0.0"
 * ```
 *
 * @param parts The purl parts.
 * @returns The canonical string.
 * @throws {PurlError} `inventory.purl_invalid` for parts no purl can be built
 *   from (see {@linkcode PurlError}): the purl-spec suite's invalid build inputs.
 */
export function formatPurl(parts: PurlParts): string {
  const { type, name } = parts as { type: unknown; name: unknown };
  if (typeof type !== "string" || !TYPE.test(type)) {
    throw new PurlError(
      type === null || type === undefined || type === ""
        ? "a package URL needs a type"
        : `${JSON.stringify(type)} is no package URL type (ASCII letters, digits, ".", "+", "-", ` +
          "not starting with a digit)",
      typeof type === "string" ? type : "",
    );
  }
  if (typeof name !== "string" || name === "") {
    throw new PurlError(`a package URL of type ${type} needs a name`, "");
  }
  let out = `pkg:${type.toLowerCase()}/`;
  const namespace = parts.namespace;
  if (namespace && !namespace.includes("/")) out += encodeSegment(namespace) + "/";
  else if (namespace) {
    out += namespace.split("/").filter((s) => s !== "").map(encodeSegment).join("/") + "/";
  }
  out += encodeSegment(parts.name);
  if (parts.version !== undefined && parts.version !== "") {
    checkVersionLength(parts.version);
    out += "@" + encodeSegment(parts.version);
  }
  if (hasQualifiers(parts.qualifiers)) out += qualifierText(parts.qualifiers);
  if (parts.subpath) {
    const segments = parts.subpath.split("/").filter((s) => s !== "" && s !== "." && s !== "..");
    if (segments.length > 0) out += "#" + segments.map(encodeSegment).join("/");
  }
  return out;
}

/** Whether a purl's qualifiers have a value (most purls have none: no lists built). */
function hasQualifiers(
  qualifiers: PurlParts["qualifiers"],
): qualifiers is NonNullable<PurlParts["qualifiers"]> {
  for (const key in qualifiers) {
    const value = qualifiers[key];
    if (value !== undefined && value !== "") return true;
  }
  return false;
}

/** The `?key=value&…` part of a purl: keys lowercased and sorted, values encoded. */
function qualifierText(given: NonNullable<PurlParts["qualifiers"]>): string {
  const qualifiers = Object.entries(given)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")
    .map(([k, v]) => [k.toLowerCase(), k.endsWith("_url") ? withoutCredentials(v) : v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [i, [key]] of qualifiers.entries()) {
    if (!QUALIFIER_KEY.test(key)) {
      throw new PurlError(
        `${
          JSON.stringify(key)
        } is no package URL qualifier key (ASCII letters, digits, ".", "-", ` +
          '"_", not starting with a digit)',
        key,
      );
    }
    if (i > 0 && qualifiers[i - 1][0] === key) {
      throw new PurlError(`the package URL qualifier ${JSON.stringify(key)} is given twice`, key);
    }
  }
  return qualifiers.length > 0
    ? "?" + qualifiers.map(([k, v]) => `${k}=${encodeSegment(v)}`).join("&")
    : "";
}

/**
 * Normalizes a Python distribution name per PEP 503 (runs of `-_.` become `-`,
 * lowercase): the name in a `pkg:pypi` purl (purl-spec pypi type) and the key
 * to compare names by.
 *
 * @example
 * ```ts
 * import { pep503Name } from "./purl.ts";
 * pep503Name("Zope.Interface"); // "zope-interface"
 * ```
 *
 * @param name Distribution name as written.
 * @returns The normalized name.
 */
export function pep503Name(name: string): string {
  // Most names in a lock are written normalised already: no new string then.
  return NORMALISED.test(name) ? name : name.replace(/[-_.]+/g, "-").toLowerCase();
}

/** A name PEP 503 leaves as it is: lowercase letters and digits, single `-` between them. */
const NORMALISED = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Builds a `pkg:pypi` purl.
 *
 * @param name Distribution name as written.
 * @param version Exact version, if known.
 * @param qualifiers Extra qualifiers (e.g. `vcs_url`, `repository_url`).
 * @returns The purl.
 */
export function pypiPurl(
  name: string,
  version?: string,
  qualifiers?: Record<string, string | undefined>,
): string {
  return formatPurl({ type: "pypi", name: pep503Name(name), version, qualifiers });
}

/**
 * A name whose parts `encodeURIComponent` leaves as they are: the scope (after `@`, up to the first
 * `/`) and the rest, each of its unreserved characters only. One native test for the usual name
 * instead of an array, a callback and an encoding per part (cold: per package of a lock).
 */
const NPM_URL_SAFE = /^(?:@[\w.!~*'()-]*\/)?[\w.!~*'()-]*$/;

/** Whether `encodeURIComponent` leaves each part of an npm name as it is (`slash`: the scope's end). */
function urlSafeParts(name: string, slash: number): boolean {
  const parts = slash > 0 ? [name.slice(1, slash), name.slice(slash + 1)] : [name];
  return parts.every((part) => encodeURIComponent(part) === part);
}

/**
 * Builds a `pkg:npm` purl; a scoped name `@scope/name` becomes namespace
 * `@scope`. Names keep their case (purl-spec npm type: case-sensitive, as
 * the registry has names such as `JSONStream`).
 *
 * @param name The npm package name, possibly scoped.
 * @param version Exact version, if known.
 * @param qualifiers Extra qualifiers.
 * @returns The purl.
 * @throws {PurlError} for a name npm never accepted: one that is not
 *   URL-safe (`encodeURIComponent` changes it), as `validate-npm-package-name`
 *   checks it for old packages too (a URL or a path where a name goes).
 */
export function npmPurl(
  name: string,
  version?: string,
  qualifiers?: Record<string, string | undefined>,
): string {
  const slash = name.startsWith("@") ? name.indexOf("/") : -1;
  if (!NPM_URL_SAFE.test(name) && !urlSafeParts(name, slash)) {
    // A URL is not quoted: what precedes an `@` split off may be a token (`https://<token>@…`).
    const scheme = name.indexOf("://");
    throw new PurlError(
      scheme === -1
        ? `${JSON.stringify(name)} is no npm package name (npm names are URL-safe)`
        : `a URL (${name.slice(0, scheme + 3)}…) is no npm package name`,
      name,
    );
  }
  return slash > 0
    ? formatPurl({
      type: "npm",
      namespace: name.slice(0, slash),
      name: name.slice(slash + 1),
      version,
      qualifiers,
    })
    : formatPurl({ type: "npm", name, version, qualifiers });
}

/**
 * Builds a `pkg:jsr` purl for `@scope/name`.
 *
 * @param name The JSR package name `@scope/name`.
 * @param version Exact version, if known.
 * @returns The purl.
 */
export function jsrPurl(name: string, version?: string): string {
  const slash = name.indexOf("/");
  return formatPurl({
    type: "jsr",
    namespace: slash > 0 ? name.slice(0, slash) : undefined,
    name: slash > 0 ? name.slice(slash + 1) : name,
    version,
  });
}

/**
 * Builds a `pkg:generic` purl for a file known only by its URL: the host and
 * the path's folders are the namespace, its last segment the name, and the
 * URL itself a qualifier (`download_url`, or `vcs_url` for a checkout).
 *
 * @example
 * ```ts
 * import { genericUrlPurl } from "./purl.ts";
 * genericUrlPurl("https://deno.land/x/oak@v12.6.1/mod.ts").purl;
 * // "pkg:generic/deno.land/x/oak%40v12.6.1/mod.ts?download_url=https:%2F%2Fdeno.land%2Fx%2Foak%40v12.6.1%2Fmod.ts"
 * ```
 *
 * @param url An absolute URL (a `git+` prefix and an `@revision` are not part of the name).
 * @param qualifier The qualifier that carries the URL.
 * @returns The name (`host/path`) and the purl.
 */
export function genericUrlPurl(
  url: string,
  qualifier: "download_url" | "vcs_url" = "download_url",
): { name: string; purl: string } {
  const parsed = new URL(url.replace(/^[a-z]+\+/i, ""));
  const path = qualifier === "vcs_url" ? parsed.pathname.replace(/@[^/]*$/, "") : parsed.pathname;
  const parts = `${parsed.host}${path}`.split("/").filter((s) => s !== "");
  const name = parts.pop() ?? parsed.host;
  return {
    name: parts.concat(name).join("/"),
    purl: formatPurl({
      type: "generic",
      namespace: parts.join("/"),
      name,
      qualifiers: { [qualifier]: url },
    }),
  };
}

/**
 * Builds a `pkg:golang` purl from a module path (case preserved).
 *
 * @param modulePath Go module path, e.g. `github.com/spf13/cobra`.
 * @param version Module version, e.g. `v1.8.0`.
 * @returns The purl.
 * @throws {PurlError} for a module path with an empty element (`golang.org/x/`).
 */
export function golangPurl(modulePath: string, version?: string): string {
  if (modulePath.split("/").includes("")) {
    // Go's module.CheckPath: "empty path element" (a leading, trailing or doubled `/`).
    throw new PurlError(
      `the Go module path ${JSON.stringify(modulePath)} has an empty path element`,
      modulePath,
    );
  }
  const slash = modulePath.lastIndexOf("/");
  return formatPurl({
    type: "golang",
    namespace: slash > 0 ? modulePath.slice(0, slash) : undefined,
    name: slash > 0 ? modulePath.slice(slash + 1) : modulePath,
    version,
  });
}

/**
 * Builds a `pkg:cargo` purl.
 *
 * @param name Crate name.
 * @param version Exact version.
 * @param qualifiers Extra qualifiers (e.g. `vcs_url`, `repository_url`).
 * @returns The purl.
 */
export function cargoPurl(
  name: string,
  version?: string,
  qualifiers?: Record<string, string | undefined>,
): string {
  return formatPurl({ type: "cargo", name, version, qualifiers });
}

/**
 * The JSR package behind an npm-compatibility name: JSR serves `@scope/name`
 * on its npm registry (`npm.jsr.io`) as `@jsr/scope__name`. Readers of npm
 * lockfiles (package-lock, pnpm, yarn, bun) emit such an entry as the JSR
 * package, `pkg:jsr/@scope/name@version`, once.
 *
 * @example
 * ```ts
 * import { jsrNameFromNpm } from "./purl.ts";
 * jsrNameFromNpm("@jsr/std__path"); // "@std/path"
 * jsrNameFromNpm("@std/path"); // undefined
 * ```
 *
 * @param npmName The npm package name.
 * @returns The JSR name `@scope/name`, or `undefined` for any other npm name.
 */
export function jsrNameFromNpm(npmName: string): string | undefined {
  // Most names are not in the `@jsr` scope: told by two characters, no regex (hot: every npm
  // package of a lock).
  if (npmName.charCodeAt(1) !== 0x6a || npmName.charCodeAt(0) !== 0x40) return undefined; // "@j"
  const match = /^@jsr\/([a-z0-9][a-z0-9-]*)__([a-z0-9][a-z0-9-]*)$/.exec(npmName);
  return match ? `@${match[1]}/${match[2]}` : undefined;
}

/**
 * The key under which an ecosystem treats two package names as the same
 * package: PEP 503 for PyPI, lowercase for the case-insensitive registries
 * (Composer, NuGet), the name as written elsewhere (npm, JSR, Cargo, Go,
 * RubyGems, Maven are case-sensitive).
 *
 * @example
 * ```ts
 * import { packageKey } from "./purl.ts";
 * packageKey("pypi", "Flask_SQLAlchemy"); // "flask-sqlalchemy"
 * packageKey("npm", "JSONStream"); // "JSONStream"
 * ```
 *
 * @param ecosystem The ecosystem.
 * @param name The name as written.
 * @returns The comparison key.
 */
export function packageKey(ecosystem: Ecosystem, name: string): string {
  if (ecosystem === "pypi") return pep503Name(name);
  if (ecosystem === "composer" || ecosystem === "nuget") return name.toLowerCase();
  return name;
}

/**
 * The version a release name gives a project whose manifest states none: a
 * tag like `v1.2.3` loses its `v` (PEP 440, semver and the other ecosystems
 * write versions without it), except for Go, whose versions keep it.
 *
 * @example
 * ```ts
 * import { versionFromRelease } from "./purl.ts";
 * versionFromRelease("v1.2.3", "pypi"); // "1.2.3"
 * versionFromRelease("v1.2.3", "golang"); // "v1.2.3"
 * versionFromRelease("nightly", "npm"); // "nightly"
 * ```
 *
 * @param release The release name (e.g. a git tag).
 * @param ecosystem The project's ecosystem, if known.
 * @returns The version.
 */
export function versionFromRelease(release: string, ecosystem?: Ecosystem): string {
  return ecosystem !== "golang" && /^[vV]\d/.test(release) ? release.slice(1) : release;
}

/**
 * A purl with a version added, when it has none.
 *
 * @param purl A canonical purl (from {@linkcode formatPurl}).
 * @param version The version.
 * @returns The purl with `@version` before its qualifiers and subpath.
 */
export function withPurlVersion(purl: string, version: string): string {
  const end = purl.search(/[?#]/);
  const base = end === -1 ? purl : purl.slice(0, end);
  if (base.slice(base.lastIndexOf("/") + 1).includes("@")) return purl;
  return `${base}@${encodeSegment(version)}${end === -1 ? "" : purl.slice(end)}`;
}
