// deno-lint-ignore-file no-import-prefix
// Private: the one check of SPDX license expressions (SPDX 2.3, Annex D) that
// the readers and both SBOM writers use. Identifiers are looked up in the SPDX
// license list (the `spdx-license-ids` and `spdx-exceptions` packages, pinned
// here and in deno.json: a JSON subpath must be a full npm: specifier, or the
// published JSR package cannot resolve it) case-insensitively and written in
// the list's case.
import LICENSE_IDS from "npm:spdx-license-ids@3.0.24/index.json" with { type: "json" };
import DEPRECATED_IDS from "npm:spdx-license-ids@3.0.24/deprecated.json" with { type: "json" };
import EXCEPTION_IDS from "npm:spdx-exceptions@2.5.0/index.json" with { type: "json" };

function byLowerCase(ids: readonly string[]): Map<string, string> {
  return new Map(ids.map((id) => [id.toLowerCase(), id]));
}

/** The license and exception ids by lowercase id, built when an expression is first checked. */
let lists: { licenses: Map<string, string>; exceptions: Map<string, string> } | undefined;

function spdxLists(): { licenses: Map<string, string>; exceptions: Map<string, string> } {
  return lists ??= {
    licenses: byLowerCase([...LICENSE_IDS, ...DEPRECATED_IDS]),
    exceptions: byLowerCase(EXCEPTION_IDS),
  };
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
      const plus = token.endsWith("+") && !token.endsWith("++");
      const known = spdxLists().licenses.get((plus ? token.slice(0, -1) : token).toLowerCase());
      if (known !== undefined) id = plus ? `${known}+` : known;
    }
    if (id === undefined) return false;
    this.out.push(id);
    this.#pos++;
    if (!this.#accept("WITH")) return true;
    const exception = spdxLists().exceptions.get(this.#tokens[this.#pos]?.toLowerCase() ?? "");
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
 * call this.
 *
 * @example
 * ```ts
 * import { spdxLicenseExpression } from "./_license.ts";
 * spdxLicenseExpression("apache-2.0 OR mit"); // "Apache-2.0 OR MIT"
 * spdxLicenseExpression("MIT License"); // undefined
 * ```
 *
 * @param license The declared license text, if any.
 * @returns The canonical expression, or `undefined` when it is not a valid one.
 */
export function spdxLicenseExpression(license: string | undefined): string | undefined {
  if (license === undefined) return undefined;
  const tokens = license.match(/\(|\)|[^\s()]+/g) ?? [];
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
