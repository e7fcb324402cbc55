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
 * @returns The purl.
 */
export function nugetPurl(name: string, version?: string): string {
  return formatPurl({ type: "nuget", name, version });
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
