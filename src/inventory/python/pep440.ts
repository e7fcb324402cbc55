/**
 * PEP 440 versions and version specifiers: whether a version satisfies a
 * specifier (`2.0.1` and `>=2,<3`), as pip decides it.
 *
 * @module
 */

/** A parsed PEP 440 version. */
interface Version {
  epoch: number;
  release: number[];
  pre?: [string, number];
  post?: number;
  dev?: number;
  local?: (number | string)[];
}

// The public version scheme with its normalisations (packaging's VERSION_PATTERN).
const VERSION = new RegExp(
  "^\\s*v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)" +
    "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?" +
    "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?" +
    "(?:[-_.]?(dev)[-_.]?(\\d+)?)?" +
    "(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$",
  "i",
);

/** A release prefix with a wildcard (`==1.2.*`), as packaging's `==` and `!=` take it. */
const WILDCARD = /^v?(?:\d+!)?\d+(?:\.\d+)*\.\*$/i;

const PRE: Record<string, string> = { alpha: "a", beta: "b", c: "rc", pre: "rc", preview: "rc" };

function parse(text: string): Version | undefined {
  const m = VERSION.exec(text);
  if (m === null) return undefined;
  const version: Version = { epoch: Number(m[1] ?? 0), release: m[2].split(".").map(Number) };
  if (m[3] !== undefined) {
    const kind = m[3].toLowerCase();
    version.pre = [PRE[kind] ?? kind, Number(m[4] ?? 0)];
  }
  if (m[5] !== undefined) version.post = Number(m[5]);
  else if (m[6] !== undefined) version.post = Number(m[7] ?? 0);
  if (m[8] !== undefined) version.dev = Number(m[9] ?? 0);
  if (m[10] !== undefined) {
    version.local = m[10].toLowerCase().split(/[-_.]/).map((s) => /^\d+$/.test(s) ? Number(s) : s);
  }
  return version;
}

function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRelease(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const c = compareNumbers(a[i] ?? 0, b[i] ?? 0);
    if (c !== 0) return c;
  }
  return 0;
}

/** The pre-release rank: a dev release alone comes before every pre-release, a final after. */
function preKey(v: Version): [number, number] {
  if (v.pre !== undefined) return [["a", "b", "rc"].indexOf(v.pre[0]), v.pre[1]];
  return v.post === undefined && v.dev !== undefined ? [-1, 0] : [3, 0];
}

function compareLocal(a: Version["local"], b: Version["local"]): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (typeof x !== typeof y) return typeof x === "number" ? 1 : -1; // a number sorts after a string
    const c = typeof x === "number" ? compareNumbers(x, y as number) : x < y ? -1 : x > y ? 1 : 0;
    if (c !== 0) return c;
  }
  return 0;
}

function compare(a: Version, b: Version, local = true): number {
  const [pa, pb] = [preKey(a), preKey(b)];
  return compareNumbers(a.epoch, b.epoch) || compareRelease(a.release, b.release) ||
    compareNumbers(pa[0], pb[0]) || compareNumbers(pa[1], pb[1]) ||
    compareNumbers(a.post ?? -1, b.post ?? -1) ||
    compareNumbers(a.dev ?? Infinity, b.dev ?? Infinity) ||
    (local ? compareLocal(a.local, b.local) : 0);
}

/** `==V.*`: the version's segments, padded with zeros, start with the prefix's. */
function matchesPrefix(v: Version, prefix: Version): boolean {
  if (v.epoch !== prefix.epoch) return false;
  const release = prefix.release.map((n, i) => n === (v.release[i] ?? 0));
  if (!release.every(Boolean)) return false;
  const more = prefix.pre !== undefined || prefix.post !== undefined || prefix.dev !== undefined;
  if (!more) return true;
  // A prefix with a pre, post or dev part (`==1.0rc1.*`, rare): those parts must be equal.
  return compareRelease(v.release, prefix.release) === 0 &&
    v.pre?.join() === prefix.pre?.join() &&
    (prefix.post === undefined || v.post === prefix.post) &&
    (prefix.dev === undefined || v.dev === prefix.dev);
}

function isPre(v: Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

/** Whether `v` satisfies one clause; `undefined` when the clause is not PEP 440. */
function satisfiesClause(
  v: Version | undefined,
  text: string,
  clause: string,
): boolean | undefined {
  const m = /^(~=|===|==|!=|<=|>=|<|>)\s*(\S+)$/.exec(clause.trim());
  if (m === null) return undefined;
  const [, op, operand] = m;
  if (op === "===") return text.trim().toLowerCase() === operand.toLowerCase();
  if (v === undefined) return undefined;
  const wildcard = operand.endsWith(".*");
  const target = parse(wildcard ? operand.slice(0, -2) : operand);
  if (target === undefined || (wildcard && op !== "==" && op !== "!=")) return undefined;
  const pub: Version = { ...v, local: undefined };
  switch (op) {
    case "==":
    case "!=": {
      const equal = wildcard
        ? matchesPrefix(pub, target)
        : compare(target.local === undefined ? pub : v, target) === 0;
      return op === "==" ? equal : !equal;
    }
    case "~=": {
      if (target.release.length < 2) return undefined;
      const prefix: Version = { epoch: target.epoch, release: target.release.slice(0, -1) };
      return compare(pub, target) >= 0 && matchesPrefix(pub, prefix);
    }
    case "<=":
      return compare(pub, target) <= 0;
    case ">=":
      return compare(pub, target) >= 0;
    case "<":
      // `<V` excludes the pre-releases of V itself unless V is one.
      return compare(pub, target) < 0 &&
        (isPre(target) || !isPre(v) || compareRelease(v.release, target.release) !== 0 ||
          v.epoch !== target.epoch);
    default: {
      // `>V` excludes the post-releases of V unless V is one, and V's local versions.
      const base = v.epoch === target.epoch && compareRelease(v.release, target.release) === 0;
      if (compare(pub, target) <= 0) return false;
      if (target.post === undefined && v.post !== undefined && base && !target.pre && !v.pre) {
        return false;
      }
      return !(v.local !== undefined && compare(pub, target, false) === 0);
    }
  }
}

/**
 * Whether two versions are the same PEP 440 version (`1.0` and `v1.0.0`,
 * `1.0a1` and `1.0alpha1`); without a PEP 440 reading, whether their texts
 * are the same but for case.
 *
 * @example
 * ```ts
 * import { sameVersion } from "./pep440.ts";
 * sameVersion("2.0", "2.0.0"); // true
 * sameVersion("2.0", "2.0.1"); // false
 * ```
 *
 * @param a A version.
 * @param b Another.
 * @returns `true` when they are the same version.
 */
export function sameVersion(a: string, b: string): boolean {
  const [va, vb] = [parse(a), parse(b)];
  if (va === undefined || vb === undefined) {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
  }
  return compare(va, vb) === 0;
}

/** A release in its normal form (`1.2.3`, `0.10`): {@linkcode normalizeVersion} leaves it. */
const NORMAL_RELEASE = /^(?:0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))*$/;

/**
 * A PEP 440 version in its normal form, as packaging's `str(Version(text))`
 * writes it (pip compares and installs versions so: `v23.5` is `23.5`,
 * `1.0.0-beta14` is `1.0.0b14`, `2.0-post1` is `2.0.post1`); a text that is
 * not PEP 440 comes back as written.
 *
 * @example
 * ```ts
 * import { normalizeVersion } from "./pep440.ts";
 * normalizeVersion("v23.5");      // "23.5"
 * normalizeVersion("1.0.0.RC1");  // "1.0.0rc1"
 * normalizeVersion("2023-nov");   // "2023-nov"
 * ```
 *
 * @param text A version.
 * @returns Its normal form, or `text` when it is not PEP 440.
 */
export function normalizeVersion(text: string): string {
  // Most versions are in their normal form already: release numbers without leading zeros.
  if (NORMAL_RELEASE.test(text)) return text;
  const m = VERSION.exec(text);
  if (m === null) return text;
  // Digits as integers: packaging drops leading zeros (`01.02` is `1.2`) without a size limit.
  const int = (digits: string | undefined): string => (digits ?? "0").replace(/^0+(?=\d)/, "");
  const kind = m[3]?.toLowerCase();
  const epoch = int(m[1]);
  return (epoch === "0" ? "" : `${epoch}!`) + m[2].split(".").map(int).join(".") +
    (kind === undefined ? "" : `${PRE[kind] ?? kind}${int(m[4])}`) +
    (m[5] !== undefined ? `.post${int(m[5])}` : m[6] !== undefined ? `.post${int(m[7])}` : "") +
    (m[8] === undefined ? "" : `.dev${int(m[9])}`) +
    (m[10] === undefined
      ? ""
      : `+${
        m[10].toLowerCase().split(/[-_.]/).map((s) => /^\d+$/.test(s) ? int(s) : s).join(".")
      }`);
}

/**
 * Whether `version` may follow `operator` in a PEP 440 specifier clause, by
 * packaging's `Specifier` grammar (what pip and uv accept): `===` takes any
 * text without whitespace; `==` and `!=` a version or a release prefix with
 * `.*`; `~=` a version of at least two release parts without a local label;
 * `<`, `<=`, `>`, `>=` a version without a local label. A requirement cut
 * inside its version (`==2.`) is none of these.
 *
 * @example
 * ```ts
 * import { validClause } from "./pep440.ts";
 * validClause("==", "2.*");     // true
 * validClause("==", "2.");      // false
 * validClause("~=", "2");       // false
 * validClause(">=", "1.0+abc"); // false
 * ```
 *
 * @param operator The clause's operator (`==`, `~=`, …).
 * @param version The text after it, trimmed.
 * @returns `true` when the clause is valid.
 */
export function validClause(operator: string, version: string): boolean {
  if (operator === "===") return /^\S+$/.test(version);
  if (operator === "==" || operator === "!=") {
    return WILDCARD.test(version) || VERSION.test(version);
  }
  const m = VERSION.exec(version);
  if (m === null || m[10] !== undefined) return false;
  return operator !== "~=" || m[2].includes(".");
}

/**
 * Whether a version satisfies a PEP 440 specifier (clauses joined by `,`;
 * the empty specifier admits every version). A pre-release counts as
 * admitted: the version is one a file pins, which pip installs whatever the
 * specifier says of pre-releases.
 *
 * @example
 * ```ts
 * import { satisfies } from "./pep440.ts";
 * satisfies("2.0.1", ">=2,<3"); // true
 * satisfies("2.0.1", "~=2.1");  // false
 * ```
 *
 * @param version The version (PEP 440, or any text for `===`).
 * @param specifier The specifier, e.g. `>=2,!=2.0.2,<3`.
 * @returns `true` or `false`; `undefined` when the version or a clause is
 *   not PEP 440 (no verdict).
 */
export function satisfies(version: string, specifier: string | undefined): boolean | undefined {
  const clauses = (specifier ?? "").split(",").filter((c) => c.trim() !== "");
  const v = parse(version);
  let verdict: boolean | undefined = true;
  for (const clause of clauses) {
    const ok = satisfiesClause(v, version, clause);
    if (ok === false) return false;
    if (ok === undefined) verdict = undefined;
  }
  return verdict;
}
