// Private: semver precedence (Semantic Versioning 2.0.0, §11), which npm
// ranges and Go module versions share.

/** A version as semver orders it: major, minor, patch and the prerelease identifiers. */
export type SemVer = [number, number, number, string[]];

/**
 * Orders two versions by semver precedence: major, minor and patch
 * numerically; a prerelease before its release; prerelease identifiers one
 * by one, numeric ones numerically and before alphanumeric ones, which
 * compare in ASCII order; a longer list after its prefix.
 *
 * @param a A version.
 * @param b Another version.
 * @returns Negative, zero or positive.
 */
export function compareSemver(a: SemVer, b: SemVer): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  const [x, y] = [a[3], b[3]];
  if (x.length === 0 || y.length === 0) return y.length - x.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === undefined || y[i] === undefined) return x[i] === undefined ? -1 : 1;
    const m = /^\d+$/.test(x[i]);
    const n = /^\d+$/.test(y[i]);
    if (m && n && Number(x[i]) !== Number(y[i])) return Number(x[i]) - Number(y[i]);
    if (m !== n) return m ? -1 : 1;
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return 0;
}
