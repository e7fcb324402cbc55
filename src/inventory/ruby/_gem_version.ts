// Private: RubyGems' version order and requirements (`Gem::Version`, `Gem::Requirement`), for
// telling whether a gem pinned in one declaration satisfies a range another writes.

/** A version's segments: numbers, and the words of a pre-release (`1.0.0.rc1` → 1, 0, 0, "rc", 1). */
function segments(version: string): (number | string)[] | undefined {
  if (!/^\d+(?:\.[0-9A-Za-z]+)*(?:-[0-9A-Za-z.-]+)?$/.test(version)) return undefined;
  // `1.0.0-rc1` is `1.0.0.pre.rc1`, as RubyGems reads it.
  const words = version.replace(/-/g, ".pre.").match(/\d+|[A-Za-z]+/g) ?? [];
  const all = words.map((w) => /^\d+$/.test(w) ? Number(w) : w);
  // Trailing zeros do not count, of the release (`1.0` is `1`, `1.0.0.rc1` is `1.rc1`) nor of
  // the pre-release.
  const at = all.findIndex((w) => typeof w === "string");
  const release = at === -1 ? all : all.slice(0, at);
  const pre = at === -1 ? [] : all.slice(at);
  while (release.length > 1 && release.at(-1) === 0) release.pop();
  while (pre.at(-1) === 0) pre.pop();
  return [...release, ...pre];
}

/** Orders two versions as RubyGems does; `undefined` when one is not a version. */
export function compareGemVersions(a: string, b: string): number | undefined {
  const x = segments(a);
  const y = segments(b);
  if (x === undefined || y === undefined) return undefined;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const l = x[i] ?? 0;
    const r = y[i] ?? 0;
    if (l === r) continue;
    // A word (a pre-release) sorts before any number.
    if (typeof l === "string" && typeof r === "number") return -1;
    if (typeof l === "number" && typeof r === "string") return 1;
    return l < r ? -1 : 1;
  }
  return 0;
}

/**
 * Whether a version satisfies every requirement (`"~> 1.2"`, `">= 1, < 3"` as separate
 * strings, `"!= 1.5"`, a bare `"1.2.3"` meaning `= 1.2.3`), as `Gem::Requirement` tells;
 * `undefined` when one cannot be read.
 *
 * @param version The version.
 * @param requirements The requirements, each `<op> <version>`.
 * @returns Whether it satisfies them all.
 */
export function gemSatisfies(
  version: string,
  requirements: readonly string[],
): boolean | undefined {
  for (const requirement of requirements) {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\S+)\s*$/.exec(requirement);
    if (!m) return undefined;
    const [, op = "=", wanted] = m;
    const order = compareGemVersions(version, wanted);
    if (order === undefined) return undefined;
    let holds: boolean;
    if (op === "~>") {
      // `~> 1.2.3`: >= 1.2.3 and < 1.3; `~> 1.2`: >= 1.2 and < 2 (the last segment dropped,
      // the one before bumped; pre-release words dropped first).
      const parts = wanted.split(/[.-]/).filter((p) => /^\d+$/.test(p)).map(Number);
      const kept = parts.length > 1 ? parts.slice(0, -1) : parts;
      kept[kept.length - 1]++;
      holds = order >= 0 && compareGemVersions(version, kept.join("."))! < 0;
    } else {
      holds = op === "="
        ? order === 0
        : op === "!="
        ? order !== 0
        : op === ">"
        ? order > 0
        : op === "<"
        ? order < 0
        : op === ">="
        ? order >= 0
        : order <= 0;
    }
    if (!holds) return false;
  }
  return true;
}
