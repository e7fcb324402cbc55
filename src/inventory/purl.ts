/**
 * Package URL (purl) construction following the purl specification.
 *
 * @module
 */

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

/** Text that percent-encoding leaves as it is. */
const UNRESERVED = /^[A-Za-z0-9._~:-]*$/;

/** Percent-encodes all but letters, digits, `.-_~` and `:` (the purl spec's rule). */
function encodeSegment(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replaceAll("%3A", ":");
}

/** Qualifier values keep `/` and `:` literal, as in the purl spec's `vcs_url=git%2Bhttps://…` example. */
function encodeQualifier(value: string): string {
  return encodeSegment(value).replaceAll("%2F", "/");
}

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
 */
export function formatPurl(parts: PurlParts): string {
  let out = `pkg:${parts.type.toLowerCase()}/`;
  if (parts.namespace) {
    out += parts.namespace.split("/").filter((s) => s !== "").map(encodeSegment).join("/") + "/";
  }
  out += encodeSegment(parts.name);
  if (parts.version !== undefined && parts.version !== "") {
    out += "@" + encodeSegment(parts.version);
  }
  const qualifiers = Object.entries(parts.qualifiers ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== "")
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (qualifiers.length > 0) {
    out += "?" + qualifiers.map(([k, v]) => `${k}=${encodeQualifier(v)}`).join("&");
  }
  if (parts.subpath) {
    const segments = parts.subpath.split("/").filter((s) => s !== "" && s !== "." && s !== "..");
    if (segments.length > 0) out += "#" + segments.map(encodeSegment).join("/");
  }
  return out;
}

/**
 * Normalizes a Python package name the way the purl spec's `pypi` type does:
 * lowercase, `_` replaced by `-`.
 *
 * @param name Distribution name as written.
 * @returns The purl name.
 */
export function pypiPurlName(name: string): string {
  return name.toLowerCase().replaceAll("_", "-");
}

/**
 * Normalizes a Python distribution name per PEP 503 (runs of `-_.` become `-`,
 * lowercase). Use it to compare names, not to print them.
 *
 * @param name Distribution name as written.
 * @returns The normalized name.
 */
export function pep503Name(name: string): string {
  return name.replace(/[-_.]+/g, "-").toLowerCase();
}

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
  return formatPurl({ type: "pypi", name: pypiPurlName(name), version, qualifiers });
}

/**
 * Builds a `pkg:npm` purl; a scoped name `@scope/name` becomes namespace
 * `@scope`. The case of the name is kept (the purl-spec `npm` type is case
 * sensitive: `JSONStream` and `jsonstream` are different packages).
 *
 * @param name The npm package name, possibly scoped.
 * @param version Exact version, if known.
 * @param qualifiers Extra qualifiers.
 * @returns The purl.
 */
export function npmPurl(
  name: string,
  version?: string,
  qualifiers?: Record<string, string | undefined>,
): string {
  const slash = name.startsWith("@") ? name.indexOf("/") : -1;
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
 * Builds a `pkg:golang` purl from a module path (case preserved).
 *
 * @param modulePath Go module path, e.g. `github.com/spf13/cobra`.
 * @param version Module version, e.g. `v1.8.0`.
 * @returns The purl.
 */
export function golangPurl(modulePath: string, version?: string): string {
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
