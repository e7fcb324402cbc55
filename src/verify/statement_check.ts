/**
 * Structural checks of the provenance: an in-toto Statement v1 with a SLSA
 * Provenance v1 predicate as vouch writes it: subjects with their sizes, the
 * evidence files it names (`runDetails.byproducts`), the signatures declared
 * over the evidence (`vouch_signatures`) and the blockers (`vouch_blockers`).
 * Everything the bundle index is derived from is checked here. Pure.
 *
 * @module
 */
import { BYPRODUCT_MEDIA_TYPES, FILES, SIGNATURE_TARGETS } from "../bundle/bundle_index.ts";
import {
  IN_TOTO_STATEMENT_TYPE,
  type ProvenanceStatement,
  SLSA_PROVENANCE_TYPE,
  statementFacts,
} from "../provenance/statement.ts";
import { fail, isRecord, isSha256, isText, pass, quote, type VerifyCheck } from "./_check.ts";

export { statementFacts };
export type { StatementFacts } from "../provenance/statement.ts";

/** Byproducts every statement names. */
const REQUIRED_BYPRODUCTS = [FILES.spdx, FILES.cyclonedx, FILES.sha256sums, FILES.markdown];

const ALGORITHMS = ["hmac-sha256", "ed25519", "ecdsa-p256", "sigstore-keyless"];

function subjectProblem(subject: unknown): string | undefined {
  if (!Array.isArray(subject) || subject.length === 0) return "subject is not a non-empty array";
  const names = new Set<string>();
  for (const [i, s] of subject.entries()) {
    if (!isRecord(s) || !isText(s.name) || !isRecord(s.digest)) {
      return `subject[${i}] is not {name, digest}`;
    }
    if (!isSha256(s.digest.sha256)) {
      return `subject[${i}] has no lowercase hex sha256 digest`;
    }
    const size = isRecord(s.annotations) ? s.annotations.size : undefined;
    if (!Number.isSafeInteger(size) || (size as number) < 0) {
      return `subject[${i}] has no annotations.size (a byte count)`;
    }
    if (names.has(s.name)) return `subject name ${quote(s.name)} appears twice`;
    names.add(s.name);
  }
  return undefined;
}

function buildDefinitionProblem(predicate: Record<string, unknown>): string | undefined {
  const def = predicate.buildDefinition;
  if (!isRecord(def)) return "predicate.buildDefinition is not an object";
  if (!isText(def.buildType)) return "buildDefinition.buildType is not a non-empty string";
  if (!isRecord(def.externalParameters)) {
    return "buildDefinition.externalParameters is not an object";
  }
  if (def.resolvedDependencies !== undefined && !Array.isArray(def.resolvedDependencies)) {
    return "buildDefinition.resolvedDependencies is not an array";
  }
  return undefined;
}

function runDetailsProblem(predicate: Record<string, unknown>): string | undefined {
  const run = predicate.runDetails;
  if (!isRecord(run)) return "predicate.runDetails is not an object";
  if (!isRecord(run.builder) || !isText(run.builder.id)) return "runDetails.builder.id is missing";
  const versions = run.builder.version;
  if (
    !isRecord(versions) || Object.keys(versions).length !== 1 ||
    !Object.entries(versions).every(([k, v]) => k !== "" && isText(v))
  ) return "runDetails.builder.version is not {tool: version}";
  if (!isRecord(run.metadata) || !isText(run.metadata.startedOn)) {
    return "runDetails.metadata.startedOn is missing";
  }
  return undefined;
}

function runDetails(predicate: Record<string, unknown>): Record<string, unknown> {
  return isRecord(predicate.runDetails) ? predicate.runDetails : {};
}

function byproductsProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return "runDetails.byproducts is not an array";
  const names = new Set<string>();
  for (const [i, b] of value.entries()) {
    const where = `byproducts[${i}]`;
    if (!isRecord(b) || typeof b.name !== "string" || !isRecord(b.digest)) {
      return `${where} is not {name, digest, mediaType}`;
    }
    if (!Object.hasOwn(BYPRODUCT_MEDIA_TYPES, b.name)) {
      return `${where} names ${quote(b.name)}, not an evidence file vouch writes`;
    }
    if (names.has(b.name)) return `${quote(b.name)} is named twice`;
    names.add(b.name);
    if (!isSha256(b.digest.sha256)) {
      return `${where} has no lowercase hex sha256 digest`;
    }
    if (b.mediaType !== BYPRODUCT_MEDIA_TYPES[b.name]) {
      return `${where} has media type ${quote(b.mediaType)}, expected ${
        BYPRODUCT_MEDIA_TYPES[b.name]
      }`;
    }
  }
  const missing = REQUIRED_BYPRODUCTS.find((name) => !names.has(name));
  return missing === undefined ? undefined : `runDetails.byproducts does not name ${missing}`;
}

function signaturesProblem(value: unknown, byproducts: unknown[]): string | undefined {
  if (!Array.isArray(value)) return "runDetails.vouch_signatures is not an array";
  const paths = new Set<string>();
  for (const [i, s] of value.entries()) {
    const where = `vouch_signatures[${i}]`;
    if (!isRecord(s) || typeof s.path !== "string" || typeof s.keyid !== "string") {
      return `${where} is not {path, signs, algorithm, keyid}`;
    }
    if (!Object.hasOwn(SIGNATURE_TARGETS, s.path)) {
      return `${where} names ${quote(s.path)}, not a signature file vouch writes`;
    }
    if (paths.has(s.path)) return `${quote(s.path)} is declared twice`;
    paths.add(s.path);
    if (s.signs !== SIGNATURE_TARGETS[s.path]) return `${s.path} is said to sign ${quote(s.signs)}`;
    const hmac = s.path === FILES.hmacSignature;
    if (!ALGORITHMS.includes(s.algorithm as string) || hmac !== (s.algorithm === "hmac-sha256")) {
      return `${s.path} has algorithm ${quote(s.algorithm)}`;
    }
  }
  // A signature file of an SBOM is itself a byproduct (named by digest), and vice versa.
  for (const b of byproducts) {
    const name = (b as { name: string }).name;
    if (Object.hasOwn(SIGNATURE_TARGETS, name) && !paths.has(name)) {
      return `byproduct ${name} is not a declared signature`;
    }
  }
  const named = new Set(byproducts.map((b) => (b as { name: string }).name));
  const unnamed = [...paths].find((p) =>
    SIGNATURE_TARGETS[p] !== FILES.provenance && !named.has(p)
  );
  return unnamed === undefined ? undefined : `signature ${unnamed} is not a byproduct`;
}

function blockersProblem(value: unknown): string | undefined {
  if (!Array.isArray(value)) return "runDetails.vouch_blockers is not an array";
  const bad = value.findIndex((b) =>
    !isRecord(b) || !isText(b.code) || typeof b.message !== "string" ||
    typeof b.hint !== "string"
  );
  return bad === -1 ? undefined : `vouch_blockers[${bad}] is not {code, message, hint}`;
}

/** The problems of the fields naming the evidence; old evidence has none of them. */
function evidenceProblems(run: Record<string, unknown>): [string, string | undefined][] {
  if (run.byproducts === undefined) {
    return [[
      "statement.byproducts_missing",
      "names no byproducts: written by an older vouch, whose signatures do not cover the " +
      "SBOMs, the summary or SHA256SUMS; attest the release again",
    ]];
  }
  const byproducts = byproductsProblem(run.byproducts);
  return [
    ["statement.byproducts", byproducts],
    [
      "statement.signatures",
      byproducts === undefined
        ? signaturesProblem(run.vouch_signatures, run.byproducts as unknown[])
        : undefined,
    ],
    ["statement.blockers", blockersProblem(run.vouch_blockers)],
  ];
}

/**
 * Checks that a parsed document is an in-toto v1 Statement with a SLSA v1
 * provenance predicate, as vouch writes it (subject sizes, byproducts,
 * declared signatures and blockers).
 *
 * @param value The parsed `provenance.intoto.json`.
 * @param options `file`: the name to report (default `provenance.intoto.json`).
 * @returns The checks, and the statement when every check passed.
 */
export function checkStatement(
  value: unknown,
  options: { file?: string } = {},
): { checks: VerifyCheck[]; statement?: ProvenanceStatement } {
  const file = options.file ?? FILES.provenance;
  if (!isRecord(value)) {
    return { checks: [fail("statement.type", "not a JSON object", file)] };
  }
  const predicate = isRecord(value.predicate) ? value.predicate : {};
  const problems: [string, string | undefined][] = [
    [
      "statement.type",
      value._type === IN_TOTO_STATEMENT_TYPE ? undefined : `_type is ${quote(value._type)}`,
    ],
    ["statement.subject", subjectProblem(value.subject)],
    [
      "statement.predicate_type",
      value.predicateType === SLSA_PROVENANCE_TYPE
        ? undefined
        : `predicateType is ${quote(value.predicateType)}, expected ${SLSA_PROVENANCE_TYPE}`,
    ],
    ["statement.build_definition", buildDefinitionProblem(predicate)],
    ["statement.run_details", runDetailsProblem(predicate)],
    ...evidenceProblems(runDetails(predicate)),
  ];
  const checks = problems.flatMap(([code, problem]) =>
    problem === undefined ? [] : [fail(code, problem, file)]
  );
  if (checks.length > 0) return { checks };
  return {
    checks: [
      pass(
        "statement.ok",
        "an in-toto v1 Statement with SLSA v1 provenance naming every evidence file",
        file,
      ),
    ],
    statement: value as unknown as ProvenanceStatement,
  };
}
