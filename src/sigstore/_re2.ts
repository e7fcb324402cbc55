// Private: the one module that loads re2js (a port of RE2/J, whose engine is Go's regexp), so
// an identity pattern runs in time linear in the SAN, with Go's syntax and meaning. Loaded only
// by a dynamic import, when a pattern is given: `vouch sbom` and `vouch attest` never load it.
import { RE2JS, RE2JSException } from "re2js";

/**
 * Compiles a pattern as Go's `regexp.Compile` does (RE2 syntax, Perl flags: `\d` ASCII,
 * `(?i)` Unicode case folding, `(?P<n>…)` and `(?<n>…)` groups; no backreference, no
 * lookaround), with no flag: re2js's lookbehind extension stays off, as Go has none.
 *
 * @param pattern The pattern.
 * @returns Whether a text holds a match (Go's `MatchString`: unanchored), or the parser's
 *   message (Go's wording, e.g. "error parsing regexp: invalid escape sequence: `\1`").
 */
export function compileRe2(pattern: string): ((text: string) => boolean) | { error: string } {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(pattern);
  } catch (error) {
    if (!(error instanceof RE2JSException)) throw error;
    return { error: error.message };
  }
  return (text) => compiled.test(text);
}
