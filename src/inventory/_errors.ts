// Private: the errors every reader raises for bad input, and the line lookup
// their messages use (parsed TOML, YAML and XML carry no positions).
import { VouchError } from "../errors.ts";
import type { Hash, HashAlgorithm } from "./types.ts";
import { lineAt } from "./_formats/json.ts";

/**
 * An error about one value a reader met (a package-URL part, a digest): the scan
 * names it as the reader's `inventory.<reader>.invalid`, at the line of the value
 * as `value` gives it, in the file read or another file the scan read.
 */
export class ValueError extends VouchError {
  /** The offending text as the input writes it (`""` for a missing part), to locate it. */
  readonly value: string;

  /**
   * Creates the error.
   *
   * @param code The error code.
   * @param what What is wrong, one line.
   * @param hint How to fix it, one line.
   * @param value The offending text.
   */
  constructor(code: string, what: string, hint: string, value: string) {
    super(code, what, hint);
    this.name = "ValueError";
    this.value = value;
  }
}

/** The hex digits of a digest of each algorithm. */
const HEX_DIGITS: Record<HashAlgorithm, number> = {
  md5: 32,
  sha1: 40,
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/**
 * Checks a digest's length: one longer or shorter than its algorithm's is a file
 * cut short or edited, which no tool could check a download against.
 *
 * @example
 * ```ts
 * import { checkDigest } from "./_errors.ts";
 * checkDigest({ alg: "sha1", hex: "da39a3ee5e6b4b0d3255bfef95601890afd80709" }); // passes
 * ```
 *
 * @param hash The digest.
 * @param written The digest as the file writes it (an SRI `sha512-<base64>`), to locate it.
 * @throws {ValueError} `inventory.digest_invalid` for a length that is not the algorithm's.
 */
export function checkDigest(hash: Hash, written: string = hash.hex): void {
  const expected = HEX_DIGITS[hash.alg];
  if (hash.hex.length === expected) return;
  throw new ValueError(
    "inventory.digest_invalid",
    `the ${hash.alg} digest ${JSON.stringify(written)} is cut short or too long (a ${hash.alg} ` +
      `digest is ${expected / 2} bytes${written === hash.hex ? `, ${expected} hex digits` : ""})`,
    "fix the lockfile that records it (or regenerate it with its tool)",
    written,
  );
}

/**
 * Builds the `inventory.<reader>.invalid` error.
 *
 * @param reader Reader name, e.g. `uv_lock`.
 * @param where `path` or `path:line`.
 * @param what What is wrong.
 * @returns The error to throw.
 */
export function invalid(reader: string, where: string, what: string): VouchError {
  const file = where.replace(/:\d+$/, "");
  return new VouchError(
    `inventory.${reader}.invalid`,
    `${where}: ${what}`,
    `fix ${file} (or regenerate it with its tool) and run vouch again`,
  );
}

/**
 * Builds the `inventory.<reader>.invalid` error of a file whose format
 * version vouch does not read (the readers of issue 9 say `invalid` for a
 * wrong version, as for any other bad input).
 *
 * @param reader Reader name, e.g. `pylock`.
 * @param where `path` or `path:line`.
 * @param found The version found, as the file writes it (e.g. `lock-version "2.0"`).
 * @param read The versions vouch reads (e.g. `lock-version 1.x (PEP 751)`).
 * @returns The error to throw.
 */
export function invalidVersion(
  reader: string,
  where: string,
  found: string,
  read: string,
): VouchError {
  const file = where.replace(/:\d+$/, "");
  return new VouchError(
    `inventory.${reader}.invalid`,
    `${where}: ${found} is not a version vouch reads (it reads ${read})`,
    `regenerate ${file} with a tool that writes ${read}, or report the new version`,
  );
}

/**
 * Builds the `inventory.<reader>.unsupported_version` error.
 *
 * @param reader Reader name, e.g. `uv_lock`.
 * @param where `path` or `path:line`.
 * @param what Which version was found.
 * @param supported Which versions vouch reads.
 * @returns The error to throw.
 */
export function unsupportedVersion(
  reader: string,
  where: string,
  what: string,
  supported: string,
): VouchError {
  return new VouchError(
    `inventory.${reader}.unsupported_version`,
    `${where}: ${what}`,
    `regenerate the lockfile with a tool that writes ${supported}`,
  );
}

/**
 * The 1-based line of the `index`-th (0-based) line matching `pattern` (a
 * regular expression, or a string the line must contain), for error messages
 * about parsed TOML (which has no positions).
 *
 * @param text The file text.
 * @param pattern A per-line pattern or substring.
 * @param index Which match.
 * @returns The line number, or `undefined` when there are fewer matches.
 */
export function nthLine(text: string, pattern: RegExp | string, index = 0): number | undefined {
  const matches = typeof pattern === "string"
    ? (line: string): boolean => line.includes(pattern)
    : (line: string): boolean => pattern.test(line);
  let seen = 0;
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf("\n", start);
    const current = text.slice(start, end === -1 ? text.length : end);
    if (matches(current)) {
      if (seen === index) return line;
      seen++;
    }
    if (end === -1) break;
    start = end + 1;
    line++;
  }
  return undefined;
}

/** A text as a regular expression that matches it literally. */
function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The 1-based line of a name as a reader may have normalised it: as written,
 * else with another case and other runs of `-`, `_`, `.` (PEP 503).
 *
 * @param text The file text.
 * @param name The name (not empty).
 * @returns The line number, or `undefined` when no line has it.
 */
export function nameLine(text: string, name: string): number | undefined {
  const line = nthLine(text, name);
  // No registry takes a name past 1 Ki characters; as a pattern, one of 100,000 was too large
  // for a regular expression (an internal error).
  if (line !== undefined || name.length > MAX_NAME_PATTERN) return line;
  return nthLine(text, new RegExp(name.split(/[-_.]+/).map(escaped).join("[-_.]+"), "i"));
}

/** The longest name {@linkcode nameLine} looks for in another spelling. */
const MAX_NAME_PATTERN = 1024;

/**
 * One character of a value as a file may write it: raw, as any escape (`\n`, `\u0085`, TOML's
 * `\e`, `\x1b`), as an XML character reference (`&#10;`); a newline also as a `\r\n` or `\r`
 * (XML reads both as `\n`), a `'` also doubled (YAML's and TOML's single-quoted strings).
 */
function writtenChar(c: string): string {
  const raw = c === "\n" ? "\\r\\n|\\r|\\n" : c === "'" ? "''|'" : escaped(c);
  return `(?:${raw}|\\\\(?:u\\{?[0-9a-fA-F]{1,6}\\}?|U[0-9a-fA-F]{8}|x[0-9a-fA-F]{2}|[^\\n])|&#(?:x[0-9a-fA-F]{1,6}|[0-9]{1,7});)`;
}

/**
 * The 1-based line where a value a parser read from an escaped form stands (`"a\nb"`, `'it''s'`,
 * `"ws-oth\er"`): each character that may be written otherwise (a control character, a
 * backslash, a quote, a non-ASCII one) is looked for in each form, the others as they are.
 *
 * @example
 * ```ts
 * import { writtenValueLine } from "./_errors.ts";
 * writtenValueLine('name = "x"\ndep = "a\\u0085b"\n', "a\u0085b"); // 2
 * ```
 *
 * @param text The file text.
 * @param value The value as read (at most 1 Ki characters, one of them not plain: else `undefined`).
 * @returns The line number, or `undefined` when no line has it.
 */
export function writtenValueLine(text: string, value: string): number | undefined {
  // A value of plain characters only is found as it is (`nthLine`).
  if (value.length > MAX_NAME_PATTERN || !/[^\x20-\x7e]|["'\\]/.test(value)) return undefined;
  const pattern = [...value].map((c) =>
    /^[\x20-\x7e]$/.test(c) && !"\\\"'".includes(c) ? escaped(c) : writtenChar(c)
  )
    .join("");
  const found = new RegExp(pattern).exec(text);
  return found === null ? undefined : lineAt(text, found.index);
}

/**
 * The 1-based line where a TOML key is defined, for messages about its value:
 * its `[a.b]` or `[[a.b]]` header (or the first of its sub-tables', `[a.b.c]`),
 * else a header ending in its last part (`[x.b]`), else the first line
 * assigning its last part (`b = …`, `"b" = …`, `a.b = …`): a value of the
 * wrong type is often written as an assignment where a table is expected, or
 * as a table where a string is.
 *
 * @param text The TOML text.
 * @param key The dotted key, bare or in brackets (`tool.poetry`, `[build-system]`).
 * @returns The line number, or `undefined` when no line defines it.
 */
export function tomlKeyLine(text: string, key: string): number | undefined {
  const name = key.replace(/^\[+|\]+$/g, "");
  const last = escaped(name.slice(name.lastIndexOf(".") + 1));
  return nthLine(text, new RegExp(`^\\s*\\[+\\s*${escaped(name)}\\s*[\\].]`)) ??
    // A quoted last part (`[tool.poetry.dependencies.""]`) too.
    nthLine(text, new RegExp(`^\\s*\\[+[^\\]]*\\.(?:${last}|"${last}"|'${last}')\\s*\\]`)) ??
    nthLine(text, new RegExp(`^\\s*(?:[\\w.-]+\\.)?(?:${last}|"${last}"|'${last}')\\s*=`)) ??
    quotedLastPartLine(text, name);
}

/** The line assigning a quoted last part that holds dots (`"^2.32" = …` for `a.group.^2.32`). */
function quotedLastPartLine(text: string, name: string): number | undefined {
  for (let dot = name.indexOf("."); dot !== -1; dot = name.indexOf(".", dot + 1)) {
    const part = escaped(name.slice(dot + 1));
    const line = nthLine(text, new RegExp(`^\\s*(?:"${part}"|'${part}')\\s*=`));
    if (line !== undefined) return line;
  }
  return undefined;
}

/**
 * The 1-based line of a text's last line that is not blank (1 for a blank text): where a file
 * cut short ends, for messages about what it lacks.
 *
 * @param text The file text.
 * @returns The line number.
 */
export function lastLine(text: string): number {
  const lines = text.split("\n");
  let n = lines.length;
  while (n > 1 && lines[n - 1].trim() === "") n--;
  return n;
}

/**
 * `path:line` when the line is known, else `path`.
 *
 * @param path The file path.
 * @param line The line, if known.
 * @returns The location.
 */
export function at(path: string, line: number | undefined): string {
  return line === undefined ? path : `${path}:${line}`;
}
