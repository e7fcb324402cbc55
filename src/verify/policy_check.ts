/**
 * Policy checks: the expected repository, commit, builder and release are
 * compared with the SIGNED statement (the payload of a verified envelope),
 * never with the unsigned file. Pure.
 *
 * @module
 */
import { fail, pass, quote, type VerifyCheck } from "./_check.ts";
import { parseJson } from "./_read.ts";
import { checkStatement, type StatementFacts, statementFacts } from "./statement_check.ts";

/** Expectations the signed provenance must meet. */
export interface Expectations {
  /** The source repository URL. */
  repository?: string;
  /** The source commit. */
  commit?: string;
  /** The builder id. */
  builder?: string;
  /** The release name. */
  release?: string;
}

const FIELDS = ["repository", "commit", "builder", "release"] as const;

/**
 * Compares expectations with each verified payload.
 *
 * @param signedPayloads The payloads of the envelopes whose signature verified.
 * @param expect The expectations (absent fields are not checked).
 * @returns One check per expectation (per distinct signed payload).
 */
export function checkPolicy(signedPayloads: Uint8Array[], expect: Expectations): VerifyCheck[] {
  const wanted = FIELDS.filter((f) => expect[f] !== undefined);
  if (wanted.length === 0) return [];
  if (signedPayloads.length === 0) {
    return wanted.map((f) =>
      fail(
        "policy.unsigned",
        `expected ${f} not checked: no signature verified, so no signed statement`,
      )
    );
  }
  return signedPayloads.flatMap((payload) => {
    const parsed = parseJson(payload, "signed statement");
    const statement = parsed.check
      ? undefined
      : checkStatement(parsed.value, { file: "signed statement" }).statement;
    if (statement === undefined) {
      return [fail("policy.unreadable", "the signed payload is not a valid provenance statement")];
    }
    const facts: StatementFacts = statementFacts(statement);
    return wanted.map((f) =>
      facts[f] === expect[f]
        ? pass(`policy.${f}_ok`, `the signed provenance names ${f} ${quote(expect[f])}`)
        : fail(
          `policy.${f}_mismatch`,
          `expected ${f} ${quote(expect[f])}, the signed provenance says ${quote(facts[f])}`,
        )
    );
  });
}
