/**
 * A syntactic checker for SPDX license expressions (SPDX 2.3, Annex D).
 *
 * @module
 */

const ID = /^[A-Za-z0-9.-]+$/;
const LICENSE_REF = /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;
const OPERATORS = new Set(["AND", "OR", "WITH"]);
/**
 * Words that parse as identifiers but that ecosystems use to say "no license
 * information" (`UNKNOWN` in Python metadata, `UNLICENSED` in npm): never a
 * declared license. `NONE` and `NOASSERTION` are SPDX special values, not
 * license expressions.
 */
const PLACEHOLDERS = new Set(["UNKNOWN", "UNLICENSED", "NONE", "NOASSERTION"]);

function isLicenseId(token: string): boolean {
  return ID.test(token) && !OPERATORS.has(token) && !PLACEHOLDERS.has(token.toUpperCase()) &&
    !token.startsWith("LicenseRef-") && !token.startsWith("DocumentRef-");
}

/** Recursive-descent parser over the tokens; `pos` is the next token. */
class Parser {
  #tokens: string[];
  #pos = 0;

  constructor(tokens: string[]) {
    this.#tokens = tokens;
  }

  /** Parses the whole token list; `true` when it is one complete expression. */
  parseAll(): boolean {
    return this.#or() && this.#pos === this.#tokens.length;
  }

  #peek(): string | undefined {
    return this.#tokens[this.#pos];
  }

  #accept(token: string): boolean {
    if (this.#peek() !== token) return false;
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
    const token = this.#peek();
    if (token === undefined) return false;
    const simple = LICENSE_REF.test(token) ||
      isLicenseId(token.endsWith("+") ? token.slice(0, -1) : token);
    if (!simple) return false;
    this.#pos++;
    if (!this.#accept("WITH")) return true;
    const exception = this.#peek();
    if (exception === undefined || !isLicenseId(exception)) return false;
    this.#pos++;
    return true;
  }
}

/**
 * The license as a declared SPDX license expression, when it is one.
 *
 * The check is syntactic (identifiers are not looked up in the SPDX license
 * list); operators must be upper case. Free text such as `MIT License` or
 * `BSD 3-Clause`, and placeholders such as `UNKNOWN`, give `undefined`.
 *
 * @param license The declared license text, if any.
 * @returns The trimmed expression, or `undefined` when it is not a valid one.
 */
export function spdxExpression(license: string | undefined): string | undefined {
  if (license === undefined) return undefined;
  const text = license.trim();
  const tokens = text.match(/\(|\)|[^\s()]+/g) ?? [];
  if (tokens.length === 0) return undefined;
  return new Parser(tokens).parseAll() ? text : undefined;
}
