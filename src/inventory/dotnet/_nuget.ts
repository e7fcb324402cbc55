// Private: what the NuGet lock and MSBuild project readers share: the
// `pkg:nuget` purl and the id of a project of the solution (a member).
import { formatPurl } from "../purl.ts";
import type { Member } from "../types.ts";

/**
 * Builds a `pkg:nuget` purl (purl-spec `nuget` type: no namespace, the name's
 * case kept; the merge spells a package that files write in several cases one
 * way, see `withOneNugetSpelling` in `_fold.ts`).
 *
 * @param name The package id as written.
 * @param version The version, when known.
 * @param repositoryUrl The source it comes from, when not nuget.org (see `_nuget_config.ts`).
 * @returns The purl.
 */
export function nugetPurl(name: string, version?: string, repositoryUrl?: string): string {
  return formatPurl({
    type: "nuget",
    name,
    version,
    qualifiers: { repository_url: repositoryUrl },
  });
}

/** Dot-separated identifiers of a SemVer release label or build metadata. */
const LABEL = "[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*";
/** A NuGet version: one to four numbers, a release label, build metadata. */
const NUGET_VERSION = new RegExp(
  `^(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?(?:\\.(\\d+))?(-${LABEL})?(?:\\+${LABEL})?$`,
);

/**
 * Whether `version` is a NuGet version (`NuGetVersion.TryParse`): one to four numbers, a release
 * label, build metadata; no range.
 *
 * @param version A version as written.
 * @returns Whether NuGet reads it as a version.
 */
export function isNugetVersion(version: string): boolean {
  return NUGET_VERSION.test(version);
}

/**
 * NuGet's normalized form of a version, as `NuGetVersion.ToNormalizedString` writes it: each
 * number without leading zeros, at least three numbers (`5.0` is `5.0.0`), a fourth that is zero
 * left out (`13.0.1.0` is `13.0.1`), build metadata (`+…`) dropped, the release label kept as
 * written. It is the package's version on a feed and in `packages.lock.json`, so a project's
 * `Version="5.0"` and a lock's `5.0.0` are one version. Any other text is returned as it is.
 *
 * @param version A version as written.
 * @returns The normalized version.
 */
export function normalizeNugetVersion(version: string): string {
  const parts = NUGET_VERSION.exec(version);
  if (parts === null) return version;
  const number = (digits = "0"): string => digits.replace(/^0+(?=\d)/, "");
  const revision = number(parts[4]);
  return `${number(parts[1])}.${number(parts[2])}.${number(parts[3])}` +
    `${revision === "0" ? "" : `.${revision}`}${parts[5] ?? ""}`;
}

/**
 * A project of the solution as a member. Its id is the lowercased
 * `pkg:nuget/<name>` without version: NuGet names projects case-insensitively
 * (`packages.lock.json` writes them in lowercase) and only the project file
 * knows the version, so every reader must form the same id.
 *
 * @param name The project name (the project file's base name).
 * @param version The version, when known.
 * @param packageId The package id, when it differs from the name.
 * @returns The member.
 */
export function projectMember(name: string, version?: string, packageId?: string): Member {
  const member: Member = {
    id: nugetPurl(name.toLowerCase()),
    name,
    purl: nugetPurl(packageId ?? name, version),
  };
  if (version !== undefined) member.version = version;
  return member;
}
