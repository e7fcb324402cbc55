// deno-lint-ignore-file no-import-prefix
// Private: the one check of SPDX license expressions (SPDX 2.3, Annex D) that
// both SBOM writers use. Identifiers are looked up in the SPDX license list
// (the `spdx-license-ids` and `spdx-exceptions` packages, pinned here and in
// deno.json: a JSON subpath must be a full npm: specifier, or the published
// JSR package cannot resolve it) case-insensitively and written in the list's
// case. The list is loaded only when an expression names an id outside the
// few that most packages use (loading npm data costs a run about 15 ms).

/**
 * The ids most packages declare, in the list's case, known without loading
 * the list (a test checks that each one is on it, deprecated ones included).
 */
export const COMMON_LICENSE_IDS: readonly string[] = [
  "0BSD",
  "AGPL-3.0-only",
  "AGPL-3.0-or-later",
  "Apache-2.0",
  "Artistic-2.0",
  "BlueOak-1.0.0",
  "BSD-2-Clause",
  "BSD-3-Clause",
  "BSL-1.0",
  "CC-BY-3.0",
  "CC-BY-4.0",
  "CC0-1.0",
  "EPL-1.0",
  "EPL-2.0",
  "GPL-2.0",
  "GPL-2.0-only",
  "GPL-2.0-or-later",
  "GPL-3.0",
  "GPL-3.0-only",
  "GPL-3.0-or-later",
  "ISC",
  "LGPL-2.1",
  "LGPL-2.1-only",
  "LGPL-2.1-or-later",
  "LGPL-3.0",
  "LGPL-3.0-only",
  "LGPL-3.0-or-later",
  "MIT",
  "MIT-0",
  "MPL-2.0",
  "OFL-1.1",
  "PostgreSQL",
  "Python-2.0",
  "Unlicense",
  "WTFPL",
  "Zlib",
];
const COMMON_IDS: ReadonlyMap<string, string> = byLowerCase(COMMON_LICENSE_IDS);

function byLowerCase(ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id.toLowerCase(), id]));
}

/** The license and exception ids by lowercase id, once loaded. */
let lists: { licenses: Map<string, string>; exceptions: Map<string, string> } | undefined;

/** The tokens of an expression: parentheses and runs of other non-space characters. */
function tokensOf(license: string): string[] {
  return license.match(/\(|\)|[^\s()]+/g) ?? [];
}

/**
 * Loads the SPDX license and exception lists unless every id in the given
 * texts is one of the common ids (or a `LicenseRef-`): call it before
 * {@linkcode spdxLicenseExpression} checks those texts.
 *
 * @param licenses The declared license texts that will be checked.
 */
export async function loadLicenseLists(licenses: Iterable<string | undefined>): Promise<void> {
  if (lists !== undefined) return;
  for (const license of licenses) {
    if (license === undefined) continue;
    const uncommon = tokensOf(license).some((token) =>
      // An exception id (after WITH) is on the exception list only.
      token === "WITH" || (token !== "(" && token !== ")" && !OPERATORS.has(token) &&
        !LICENSE_REF.test(token) && !COMMON_IDS.has(withoutPlus(token).toLowerCase()))
    );
    if (!uncommon) continue;
    const [ids, deprecated, exceptions] = await Promise.all([
      import("npm:spdx-license-ids@3.0.24/index.json", { with: { type: "json" } }),
      import("npm:spdx-license-ids@3.0.24/deprecated.json", { with: { type: "json" } }),
      import("npm:spdx-exceptions@2.5.0/index.json", { with: { type: "json" } }),
    ]);
    lists ??= {
      licenses: byLowerCase([...ids.default, ...deprecated.default]),
      exceptions: byLowerCase(exceptions.default),
    };
    return;
  }
}

/** An id with its `+` suffix (or-later) cut off. */
function withoutPlus(token: string): string {
  return token.endsWith("+") && !token.endsWith("++") ? token.slice(0, -1) : token;
}

/** The listed id of a token (`+` cut off), in the list's case. */
function listedId(id: string): string | undefined {
  const key = id.toLowerCase();
  const known = (lists?.licenses ?? COMMON_IDS).get(key);
  if (known === undefined && lists === undefined) {
    throw new Error(`internal: the SPDX license list is not loaded (needed for ${id})`);
  }
  return known;
}

const LICENSE_REF = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;
const OPERATORS = new Set(["AND", "OR", "WITH"]);

/** Recursive-descent parser over the tokens; builds the canonical text. */
class Parser {
  #tokens: string[];
  #pos = 0;
  /** The canonical tokens, in order. */
  readonly out: string[] = [];

  constructor(tokens: string[]) {
    this.#tokens = tokens;
  }

  /** Parses the whole token list; `true` when it is one complete expression. */
  parseAll(): boolean {
    return this.#or() && this.#pos === this.#tokens.length;
  }

  #accept(token: string): boolean {
    if (this.#tokens[this.#pos] !== token) return false;
    this.out.push(token);
    this.#pos++;
    return true;
  }

  #or(): boolean {
    if (!this.#and()) return false;
    while (this.#accept("OR")) if (!this.#and()) return false;
    return true;
  }

  #and(): boolean {
    if (!this.#term()) return false;
    while (this.#accept("AND")) if (!this.#term()) return false;
    return true;
  }

  #term(): boolean {
    if (this.#accept("(")) return this.#or() && this.#accept(")");
    const token = this.#tokens[this.#pos];
    if (token === undefined || OPERATORS.has(token)) return false;
    let id: string | undefined;
    if (LICENSE_REF.test(token)) id = token;
    else {
      const bare = withoutPlus(token);
      const known = listedId(bare);
      if (known !== undefined) id = bare === token ? known : `${known}+`;
    }
    if (id === undefined) return false;
    this.out.push(id);
    this.#pos++;
    if (!this.#accept("WITH")) return true;
    const named = this.#tokens[this.#pos];
    if (named !== undefined && lists === undefined) {
      throw new Error(`internal: the SPDX exception list is not loaded (needed for ${named})`);
    }
    const exception = lists?.exceptions.get(named?.toLowerCase() ?? "");
    if (exception === undefined) return false;
    this.out.push(exception);
    this.#pos++;
    return true;
  }
}

/**
 * The declared license as a valid SPDX license expression, in canonical form,
 * when it is one: identifiers from the SPDX license list (deprecated ones
 * included) matched case-insensitively and written in the list's case,
 * `LicenseRef-…` references, upper-case `AND`/`OR`/`WITH`, parentheses and
 * the `+` suffix. Free text (`MIT License`, `BSD`), placeholders (`UNKNOWN`,
 * npm's `UNLICENSED`, SPDX's `NONE`/`NOASSERTION`) and broken syntax give
 * `undefined`. Readers keep the text as the file states it; the SBOM writers
 * call this, after {@linkcode loadLicenseLists} of the texts.
 *
 * @example
 * ```ts
 * import { loadLicenseLists, spdxLicenseExpression } from "./_license.ts";
 * await loadLicenseLists(["apache-2.0 OR mit", "MIT License"]);
 * spdxLicenseExpression("apache-2.0 OR mit"); // "Apache-2.0 OR MIT"
 * spdxLicenseExpression("MIT License"); // undefined
 * ```
 *
 * @param license The declared license text, if any.
 * @returns The canonical expression, or `undefined` when it is not a valid one.
 * @throws {Error} An internal error when the text needs the list and
 *   {@linkcode loadLicenseLists} did not load it.
 */
export function spdxLicenseExpression(license: string | undefined): string | undefined {
  if (license === undefined) return undefined;
  const tokens = tokensOf(license);
  if (tokens.length === 0) return undefined;
  const parser = new Parser(tokens);
  if (!parser.parseAll()) return undefined;
  return parser.out.join(" ").replaceAll("( ", "(").replaceAll(" )", ")");
}

/**
 * Whether a valid expression names only licenses of the SPDX list (no
 * `LicenseRef-`): only those can stand in an SPDX document without an
 * extracted-license text.
 *
 * @param expression A canonical expression from {@linkcode spdxLicenseExpression}.
 * @returns `true` when it has no license reference.
 */
export function isListedOnly(expression: string): boolean {
  return !expression.includes("LicenseRef-");
}

/**
 * Whether a declared license text carries information: not empty and not a
 * placeholder for "unknown" (`UNKNOWN`, `NONE`, `NOASSERTION`).
 *
 * @param license The declared text, if any.
 * @returns `true` when it is worth recording.
 */
export function isInformativeLicense(license: string | undefined): license is string {
  if (license === undefined) return false;
  const text = license.trim().toUpperCase();
  return text !== "" && text !== "UNKNOWN" && text !== "NONE" && text !== "NOASSERTION";
}
