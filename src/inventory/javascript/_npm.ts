// Private: what every reader of an npm-style lockfile (package-lock, pnpm,
// yarn, bun) does the same way: the component of one locked package (purl
// with its origin qualifiers, SRI hashes, license, JSR's npm-compatibility
// packages as `pkg:jsr`), and the license field of a package.json.
import type { ComponentInit } from "../_builder.ts";
import { sriHashes } from "../_sri.ts";
import { jsrNameFromNpm, jsrPurl, npmPurl } from "../purl.ts";
import type { Scope } from "../types.ts";

/** The npm registry, which needs no `repository_url` qualifier. */
export const NPM_REGISTRY = "https://registry.npmjs.org/";

/**
 * The purl qualifiers telling where a non-registry npm package came from: a
 * git URL is `vcs_url`, another registry's tarball is `repository_url`, any
 * other tarball is `download_url`; the npm registry needs none.
 *
 * @param name The package name.
 * @param resolved Where the lockfile says it was fetched from.
 * @returns The qualifiers (empty for the npm registry).
 */
export function npmOriginQualifiers(
  name: string,
  resolved: string | undefined,
): Record<string, string> {
  if (resolved === undefined || resolved.startsWith(NPM_REGISTRY)) return {};
  if (/^(git\+|git:|github:)/.test(resolved)) return { vcs_url: resolved };
  const registryTarball = resolved.indexOf(`/${name}/-/`);
  return registryTarball > 0
    ? { repository_url: resolved.slice(0, registryTarball) }
    : { download_url: resolved };
}

/**
 * The license a package.json or lock entry declares: the `license` string,
 * or the legacy `{ "type": "MIT" }` object.
 *
 * @param value The `license` field.
 * @returns The text as stated, or `undefined`.
 */
export function npmLicense(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  const type = (value as { type?: unknown } | null)?.type;
  return typeof value === "object" && typeof type === "string" ? type : undefined;
}

/** One locked npm package, as any npm-style lockfile states it. */
export interface NpmPackageInit {
  /** The package name as installed (may be JSR's `@jsr/scope__name`). */
  name: string;
  /** The exact version. */
  version: string;
  /** Where it was fetched from (tarball or git URL). */
  resolved?: string;
  /** The SRI `integrity` string. */
  integrity?: string;
  /** The declared license (a `license` field). */
  license?: unknown;
  /** Declared by the project itself. */
  direct?: boolean;
  /** Scopes of this occurrence. */
  scopes?: Iterable<Scope>;
  /** Groups of this occurrence. */
  groups?: Iterable<string>;
  /** The lockfile's path. */
  source: string;
}

/**
 * The component of one locked npm package. A JSR package installed through
 * JSR's npm compatibility layer (`@jsr/scope__name` from `npm.jsr.io`) is the
 * JSR package: `pkg:jsr/@scope/name@version`, the same component a deno.lock
 * gives; the npm-compatible tarball and its hashes are one of its
 * `distributions`, not the package's own hashes (deno.lock's JSR hash is of a
 * different file).
 *
 * @example
 * ```ts
 * import { npmComponent } from "./_npm.ts";
 * npmComponent({ name: "@jsr/std__path", version: "1.0.8", source: "package-lock.json" }).purl;
 * // "pkg:jsr/%40std/path@1.0.8"
 * npmComponent({ name: "JSONStream", version: "1.3.5", source: "package-lock.json" }).purl;
 * // "pkg:npm/JSONStream@1.3.5"
 * ```
 *
 * @param init The locked package.
 * @returns What `OutputBuilder.component` takes.
 */
export function npmComponent(init: NpmPackageInit): ComponentInit {
  const { name, version, resolved, integrity, source } = init;
  const common = {
    version,
    downloadLocation: resolved,
    license: npmLicense(init.license),
    direct: init.direct,
    scopes: init.scopes,
    groups: init.groups,
    sources: [source],
  };
  const jsr = jsrNameFromNpm(name);
  if (jsr !== undefined) {
    const hashes = sriHashes(integrity);
    return {
      ...common,
      purl: jsrPurl(jsr, version),
      ecosystem: "jsr",
      name: jsr,
      distributions: resolved !== undefined || hashes.length > 0 ? [{ url: resolved, hashes }] : [],
    };
  }
  return {
    ...common,
    purl: npmPurl(name, version, npmOriginQualifiers(name, resolved)),
    ecosystem: "npm",
    name,
    hashes: sriHashes(integrity),
  };
}
