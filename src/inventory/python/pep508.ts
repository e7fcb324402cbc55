/**
 * PEP 508 dependency specifiers: `name[extra] (>=1,<2) ; marker` and
 * `name @ url ; marker`.
 *
 * @module
 */

import { VouchError } from "../../errors.ts";
import { normalizeVersion, satisfies, validClause } from "./pep440.ts";

/** A parsed PEP 508 requirement. */
export interface Requirement {
  /** Distribution name as written. */
  name: string;
  /** Requested extras, sorted and unique. */
  extras: string[];
  /** Normalized version specifier (e.g. `>=2,<3`), absent when none. */
  specifier?: string;
  /** Environment marker as written (trimmed), absent when none. */
  marker?: string;
  /** Direct reference URL (`name @ url`), absent when none. */
  url?: string;
}

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
const CLAUSE = /^(~=|===|==|!=|<=|>=|<|>)\s*([^\s,;()]+)$/;

function fail(text: string, why: string): VouchError {
  return new VouchError(
    "inventory.requirement.invalid",
    `invalid requirement "${text.trim()}": ${why}`,
    "write the requirement as PEP 508 describes it, e.g. `name[extra]>=1.0,<2; python_version >= '3.9'`",
  );
}

/**
 * Normalizes a PEP 440 version specifier: whitespace removed inside each
 * clause, clauses kept in written order, joined by `,`.
 *
 * @example
 * ```ts
 * import { normalizeSpecifier } from "./pep508.ts";
 * normalizeSpecifier(">= 2 , < 3"); // ">=2,<3"
 * ```
 *
 * @param text The specifier as written (without parentheses).
 * @returns The normalized specifier (empty string for none).
 * @throws {VouchError} `inventory.requirement.invalid` for a malformed clause.
 */
export function normalizeSpecifier(text: string): string {
  return normalizeClauses(text, text);
}

function normalizeClauses(text: string, whole: string): string {
  if (text.trim() === "") return "";
  return text.split(",").map((raw) => {
    const match = CLAUSE.exec(raw.trim());
    if (!match || !validClause(match[1], match[2])) {
      throw fail(whole, `bad version clause "${raw.trim()}"`);
    }
    return match[1] + match[2];
  }).join(",");
}

/**
 * The exact version a specifier pins: a `==X` clause (no wildcard), X in
 * its PEP 440 normal form (`==v1.0-beta2`: `1.0b2`, the version pip installs), or
 * `===X`, X as written, which the specifier's other clauses admit (`>=1.0,==1.5`: 1.5, as
 * pip installs it; `==1.2,==1.3` and `==1.2,>2` pin nothing installable).
 *
 * @example
 * ```ts
 * import { pinnedVersion } from "./pep508.ts";
 * pinnedVersion("==1.2.3");     // "1.2.3"
 * pinnedVersion("==1.0.0.RC1"); // "1.0.0rc1"
 * pinnedVersion(">=1.0,==1.5"); // "1.5"
 * pinnedVersion(">=1.2");       // undefined
 * ```
 *
 * @param specifier A normalized specifier.
 * @returns The pinned version, or `undefined`.
 */
export function pinnedVersion(specifier: string | undefined): string | undefined {
  const pins = (specifier ?? "").split(",").flatMap((clause) => {
    const match = /^(===|==)(.+)$/.exec(clause.trim());
    if (match === null || (match[1] === "==" && match[2].includes("*"))) return [];
    // `===` is arbitrary equality, its text taken literally; `==` compares PEP 440 versions.
    return [match[1] === "==" ? normalizeVersion(match[2]) : match[2]];
  });
  if (pins.length === 0 || pins.some((pin) => pin !== pins[0])) return undefined;
  return !specifier!.includes(",") || satisfies(pins[0], specifier) === true ? pins[0] : undefined;
}

function splitUrl(rest: string, text: string): { url: string; marker?: string } {
  const body = rest.trim();
  const semicolon = /\s;/.exec(body);
  const url = (semicolon ? body.slice(0, semicolon.index) : body).trim();
  if (url === "" || /\s/.test(url)) throw fail(text, "bad URL after `@`");
  const marker = semicolon ? body.slice(semicolon.index + 2).trim() : undefined;
  if (marker === "") throw fail(text, "empty marker after `;`");
  return { url, marker };
}

/**
 * Parses one PEP 508 requirement. Trailing `# comments` are ignored; the
 * parenthesized form `name (>=1.0)` is accepted.
 *
 * @example
 * ```ts
 * import { parseRequirement } from "./pep508.ts";
 * parseRequirement("Requests[socks, security] (>= 2.8.1, < 3) ; python_version < '3.8'");
 * // { name: "Requests", extras: ["security", "socks"], specifier: ">=2.8.1,<3",
 * //   marker: "python_version < '3.8'" }
 * ```
 *
 * @param text The requirement.
 * @returns The parsed requirement.
 * @throws {VouchError} `inventory.requirement.invalid` when it is not PEP 508.
 */
export function parseRequirement(text: string): Requirement {
  const source = text.replace(/(^|\s)#.*$/s, "").trim();
  if (source === "") throw fail(text, "it is empty");
  const nameMatch = NAME.exec(source);
  if (!nameMatch) throw fail(text, "it does not start with a package name");
  const name = nameMatch[0];
  let rest = source.slice(name.length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith("[")) {
    const close = rest.indexOf("]");
    if (close === -1) throw fail(text, "unclosed `[` in extras");
    extras = rest.slice(1, close).split(",").map((e) => e.trim()).filter((e) => e !== "");
    for (const extra of extras) {
      if (NAME.exec(extra)?.[0] !== extra) throw fail(text, `bad extra name "${extra}"`);
    }
    extras = [...new Set(extras)].sort();
    rest = rest.slice(close + 1).trimStart();
  }
  const requirement: Requirement = { name, extras };
  if (rest.startsWith("@")) {
    const { url, marker } = splitUrl(rest.slice(1), text);
    requirement.url = url;
    if (marker !== undefined) requirement.marker = marker;
    return requirement;
  }
  const semicolon = rest.indexOf(";");
  let spec = (semicolon === -1 ? rest : rest.slice(0, semicolon)).trim();
  if (semicolon !== -1) {
    const marker = rest.slice(semicolon + 1).trim();
    if (marker === "") throw fail(text, "empty marker after `;`");
    requirement.marker = marker;
  }
  if (spec.startsWith("(")) {
    if (!spec.endsWith(")")) throw fail(text, "unclosed `(` around the version");
    spec = spec.slice(1, -1);
  }
  const specifier = normalizeClauses(spec, text);
  if (specifier !== "") requirement.specifier = specifier;
  return requirement;
}
