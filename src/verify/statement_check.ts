/**
 * Structural checks of the provenance: an in-toto Statement v1 with a SLSA
 * Provenance v1 predicate, and the facts (repository, commit, builder,
 * release) the bundle index and the policy compare with it. Pure.
 *
 * @module
 */
import { type BundleIndex, FILES } from "../bundle/bundle_index.ts";
import {
  IN_TOTO_STATEMENT_TYPE,
  type ProvenanceStatement,
  SLSA_PROVENANCE_TYPE,
} from "../provenance/statement.ts";
import { fail, isRecord, isText, pass, quote, SHA256_HEX, type VerifyCheck } from "./_check.ts";

/** The facts of a statement that expectations and the index are compared with. */
export interface StatementFacts {
  /** `buildDefinition.externalParameters.repository`. */
  repository?: string;
  /** The `gitCommit` digest of the `git+` resolved dependency. */
  commit?: string;
  /** `runDetails.builder.id`. */
  builder?: string;
  /** `buildDefinition.externalParameters.release`. */
  release?: string;
}

function subjectProblem(subject: unknown): string | undefined {
  if (!Array.isArray(subject) || subject.length === 0) return "subject is not a non-empty array";
  const names = new Set<string>();
  for (const [i, s] of subject.entries()) {
    if (!isRecord(s) || !isText(s.name) || !isRecord(s.digest)) {
      return `subject[${i}] is not {name, digest}`;
    }
    if (!SHA256_HEX.test(String(s.digest.sha256))) {
      return `subject[${i}] has no lowercase hex sha256 digest`;
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
  if (!isRecord(run.metadata)) return "runDetails.metadata is not an object";
  return undefined;
}

/**
 * Checks that a parsed document is an in-toto v1 Statement with a SLSA v1 provenance predicate.
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
  ];
  const checks = problems.flatMap(([code, problem]) =>
    problem === undefined ? [] : [fail(code, problem, file)]
  );
  if (checks.length > 0) return { checks };
  return {
    checks: [pass("statement.ok", "an in-toto v1 Statement with SLSA v1 provenance", file)],
    statement: value as unknown as ProvenanceStatement,
  };
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * The repository, commit, builder and release a (checked) statement names.
 *
 * @param statement A statement that passed {@linkcode checkStatement}.
 * @returns The facts; a field is absent when the statement does not name it.
 */
export function statementFacts(statement: ProvenanceStatement): StatementFacts {
  const def = statement.predicate.buildDefinition;
  const params = def.externalParameters as Record<string, unknown>;
  const deps: unknown[] = def.resolvedDependencies ?? [];
  const source = deps.find((d) =>
    isRecord(d) && typeof d.uri === "string" && d.uri.startsWith("git+") && isRecord(d.digest)
  ) as { digest: Record<string, unknown> } | undefined;
  return {
    repository: text(params.repository),
    commit: text(source?.digest.gitCommit),
    builder: text(statement.predicate.runDetails.builder.id),
    release: text(params.release),
  };
}

/**
 * Compares the (unsigned) index's release, repository, commit, builder, creation
 * time and tool with the provenance statement.
 *
 * @param index The bundle index.
 * @param statement The provenance statement.
 * @returns One check per field that disagrees, or one passing check.
 */
export function checkIndexContext(
  index: BundleIndex,
  statement: ProvenanceStatement,
): VerifyCheck[] {
  const facts = statementFacts(statement);
  const run = statement.predicate.runDetails;
  const versions: unknown = run.builder.version;
  const pairs: [string, unknown, unknown][] = [
    ["release", index.release, facts.release],
    ["repository", index.repository, facts.repository],
    ["commit_sha", index.commit_sha, facts.commit],
    ["builder_id", index.builder_id, facts.builder],
    ["created", index.created, run.metadata.startedOn],
    [
      "tool.version",
      index.tool.version,
      isRecord(versions) && Object.hasOwn(versions, index.tool.name)
        ? versions[index.tool.name]
        : undefined,
    ],
  ];
  const checks = pairs.filter(([, a, b]) => a !== b).map(([field, a, b]) =>
    fail(
      "index.context_mismatch",
      `index ${field} is ${quote(a)}, the provenance says ${quote(b)}`,
      FILES.index,
    )
  );
  return checks.length > 0 ? checks : [
    pass(
      "index.context_ok",
      "the index names the same release, source and builder as the provenance",
      FILES.index,
    ),
  ];
}
