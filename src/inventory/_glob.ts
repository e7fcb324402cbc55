// Private: glob matching for `--exclude`, `--allow-unread`, the scan's skipped paths and uv
// workspace members (readers get `NeedsModule` for a pattern that needs `node:path`),
// with the semantics of `node:path`'s `matchesGlob` (minimatch). On Linux the common
// patterns — literal segments, `*`, `?` and `**` — are matched here; any other syntax
// (classes, braces, extglobs, escapes), and every pattern on macOS and Windows (where
// `matchesGlob` ignores case), by `node:path`, which costs start-up and is therefore
// loaded only when a pattern needs it (see loadGlobMatcher). Tested equal to
// `matchesGlob` on a grid of paths and patterns.

import { NeedsModule } from "./_reader.ts";
import { withoutTrailing } from "../_util.ts";

/** A compiled pattern segment: `**`, or a matcher of one path segment. */
/** `**`, or one segment's pattern of literal characters, `*` and `?`. */
type Segment = "**" | { glob: string };

/** `node:path`'s `matchesGlob`, once a pattern has needed it. */
let nodeMatchesGlob: ((path: string, pattern: string) => boolean) | undefined;

const compiled = new Map<string, Segment[] | undefined>();

/** Whether the patterns are matched here at all (`matchesGlob` is case-sensitive only on Linux). */
const OWN_MATCHER = Deno.build.os === "linux";

/** The pattern's segments, or `undefined` when it uses syntax beyond literals, `*`, `?`, `**`. */
function compile(pattern: string): Segment[] | undefined {
  if (!OWN_MATCHER) return undefined;
  if (compiled.has(pattern)) return compiled.get(pattern);
  let segments: Segment[] | undefined = [];
  for (const part of pattern.split("/")) {
    if (
      part === "" || part === "." || part === ".." || /[^A-Za-z0-9._*?~=,;:%^$ -]/.test(part) ||
      /^[#!]/.test(part) || (part.includes("**") && part !== "**")
    ) {
      segments = undefined;
      break;
    }
    if (part === "**") {
      segments.push("**");
      continue;
    }
    segments.push({ glob: part });
  }
  compiled.set(pattern, segments);
  return segments;
}

/**
 * Whether a path segment matches a segment's pattern (`*`: any run, `?`: one character). A
 * wildcard never matches a leading dot (minimatch without `dot`, as glob(3)). Matched by the
 * two-pointer walk that goes back to the last `*` only, in time at most the product of the two
 * lengths: a regex of many wildcards (`^a.*a.*a.*b$`) backtracks for ever on a long name that
 * almost matches, and uv's member globs and Composer's path repositories come from files
 * vouch does not trust.
 *
 * @example
 * ```ts
 * import { segmentMatches } from "./_glob.ts";
 * segmentMatches("pkg-*", "pkg-a"); // true
 * segmentMatches("*", ".git"); // false
 * ```
 *
 * @param glob The segment's pattern: literal characters, `*` and `?`.
 * @param name The path segment.
 * @returns `true` on a match.
 */
export function segmentMatches(glob: string, name: string): boolean {
  if ((glob[0] === "*" || glob[0] === "?") && name[0] === ".") return false;
  let g = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (g < glob.length && (glob[g] === "?" || (glob[g] !== "*" && glob[g] === name[n]))) {
      g++;
      n++;
    } else if (g < glob.length && glob[g] === "*") {
      star = g++;
      resume = n;
    } else if (star !== -1) {
      g = star + 1;
      n = ++resume;
    } else return false;
  }
  while (glob[g] === "*") g++;
  return g === glob.length;
}

/**
 * Whether `path` from segment `s` on matches `pattern` from segment `p` on. `failed` holds
 * the pairs `(p, s)` already known not to match: without it, a pattern of many `**` (from an
 * untrusted pyproject.toml) tries every way to split the path among them, in time growing
 * exponentially with their number; with it, each pair is tried once.
 */
function matchFrom(
  pattern: Segment[],
  p: number,
  path: string[],
  s: number,
  failed: Set<number>,
): boolean {
  if (p === pattern.length) return s === path.length;
  const key = p * (path.length + 1) + s;
  if (failed.has(key)) return false;
  const segment = pattern[p];
  let matched = false;
  if (segment !== "**") {
    matched = s < path.length && segmentMatches(segment.glob, path[s]) &&
      matchFrom(pattern, p + 1, path, s + 1, failed);
  } else {
    // `**` spans segments that do not start with a dot; at the end of a pattern, at least one.
    for (let k = s; k <= path.length && !matched; k++) {
      if (k > s || p < pattern.length - 1) matched = matchFrom(pattern, p + 1, path, k, failed);
      if (k < path.length && path[k].startsWith(".")) break;
    }
  }
  if (!matched) failed.add(key);
  return matched;
}

/**
 * Whether a relative, `/`-separated, normalized path matches a glob, as
 * `node:path`'s `matchesGlob` says.
 *
 * @param path The path (no empty, `.` or `..` segments).
 * @param pattern The glob.
 * @returns `true` on a match.
 * @throws {NeedsModule} When the pattern needs `node:path`'s matcher and it is not loaded yet
 *   (see {@linkcode loadGlobMatcher}): a reader's file is read again once it is.
 */
export function matchesGlob(path: string, pattern: string): boolean {
  const segments = compile(pattern);
  if (segments !== undefined) return matchFrom(segments, 0, path.split("/"), 0, new Set());
  if (nodeMatchesGlob === undefined) throw new NeedsModule("node:path's glob matcher", loadMatcher);
  return nodeMatchesGlob(path, pattern);
}

/**
 * A pattern as `--exclude` and `--allow-unread` take it: a leading `./` and
 * trailing `/` are dropped.
 *
 * @param raw The pattern as given.
 * @returns The pattern to match (`""` matches nothing).
 */
export function globPattern(raw: string): string {
  return withoutTrailing(raw.replace(/^\.\//, ""), "/");
}

/**
 * Loads `node:path`'s matcher when one of the patterns needs it, so that
 * {@linkcode matchesGlob} can match them.
 *
 * @param patterns The patterns about to be matched, as given (see {@linkcode globPattern}).
 */
export async function loadGlobMatcher(patterns: readonly string[]): Promise<void> {
  const needs = (raw: string): boolean => {
    const pattern = globPattern(raw);
    return pattern !== "" && compile(pattern) === undefined;
  };
  if (patterns.some(needs)) await loadMatcher();
}

/** Loads `node:path`'s matcher, once. */
async function loadMatcher(): Promise<void> {
  nodeMatchesGlob ??= (await import("node:path")).matchesGlob;
}
