/**
 * The in-toto Statement v1 carrying a SLSA Provenance v1 predicate.
 *
 * @module
 */
import { utcSeconds } from "../_util.ts";
import type { BuildContext } from "./context.ts";
import type { Subject } from "./subjects.ts";

/** The in-toto Statement v1 type URI. */
export const IN_TOTO_STATEMENT_TYPE = "https://in-toto.io/Statement/v1";
/** The SLSA Provenance v1 predicate type URI. */
export const SLSA_PROVENANCE_TYPE = "https://slsa.dev/provenance/v1";
/** The build type vouch records: a URI under the vouch module's own JSR address. */
export const VOUCH_BUILD_TYPE = "https://jsr.io/@vouch/vouch/build-types/attest/v1";

/** An in-toto ResourceDescriptor. */
export interface ResourceDescriptor {
  /** Name of the resource. */
  name?: string;
  /** URI of the resource. */
  uri?: string;
  /** Digests by algorithm. */
  digest?: Record<string, string>;
}

/** SLSA Provenance v1 predicate (the fields vouch writes). */
export interface SlsaProvenance {
  /** What was built and how. */
  buildDefinition: {
    buildType: string;
    externalParameters: Record<string, string>;
    internalParameters: Record<string, unknown>;
    resolvedDependencies: ResourceDescriptor[];
  };
  /** Who built it and when. */
  runDetails: {
    builder: { id: string; version?: Record<string, string> };
    metadata: { invocationId: string; startedOn: string; finishedOn: string };
  };
}

/** An in-toto Statement v1 with SLSA provenance. */
export interface ProvenanceStatement {
  /** Always {@linkcode IN_TOTO_STATEMENT_TYPE}. */
  _type: string;
  /** The artifacts, with their digests. */
  subject: { name: string; digest: { sha256: string } }[];
  /** Always {@linkcode SLSA_PROVENANCE_TYPE}. */
  predicateType: string;
  /** The provenance. */
  predicate: SlsaProvenance;
}

/** Inputs of {@linkcode buildStatement}. */
export interface StatementInput {
  /** The hashed subjects. */
  subjects: Subject[];
  /** The resolved build context. */
  context: BuildContext;
  /** Manifests and lockfiles read, with their SHA-256 (relative path → hex). */
  inputs: { name: string; sha256: string }[];
  /** When the run started and finished (already made reproducible by the caller). */
  startedOn: Date;
  /** When the run finished. */
  finishedOn: Date;
  /** A unique id for the run when the CI system gives none. */
  invocationId: string;
  /** The tool's name and version. */
  tool: { name: string; version: string };
}

function statementSubjects(subjects: Subject[]): { name: string; digest: { sha256: string } }[] {
  return subjects.map((s) => ({ name: s.name, digest: { sha256: s.sha256 } }));
}

/**
 * Builds the provenance statement. Pure: the same input gives the same statement.
 *
 * @param input The subjects, context, inputs and times.
 * @returns The statement.
 */
export function buildStatement(input: StatementInput): ProvenanceStatement {
  const { context } = input;
  const externalParameters: Record<string, string> = {
    release: context.release,
    repository: context.repository,
  };
  if (context.ref) externalParameters.ref = context.ref;
  const sourceUri = `git+${context.repository}${context.ref ? `@${context.ref}` : ""}`;
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: statementSubjects(input.subjects),
    predicateType: SLSA_PROVENANCE_TYPE,
    predicate: {
      buildDefinition: {
        buildType: VOUCH_BUILD_TYPE,
        externalParameters,
        internalParameters: { ci: context.ci },
        resolvedDependencies: [
          { uri: sourceUri, digest: { gitCommit: context.commitSha } },
          ...input.inputs.map((f) => ({ name: f.name, digest: { sha256: f.sha256 } })),
        ],
      },
      runDetails: {
        builder: { id: context.builderId, version: { [input.tool.name]: input.tool.version } },
        metadata: {
          invocationId: context.invocationUri ?? input.invocationId,
          startedOn: utcSeconds(input.startedOn),
          finishedOn: utcSeconds(input.finishedOn),
        },
      },
    },
  };
}

/** The predicate type of an SPDX SBOM attestation. */
export const SPDX_PREDICATE_TYPE = "https://spdx.dev/Document";
/** The predicate type of a CycloneDX SBOM attestation. */
export const CYCLONEDX_PREDICATE_TYPE = "https://cyclonedx.org/bom";

/** An in-toto Statement v1 whose predicate is an SBOM. */
export interface SbomStatement {
  /** Always {@linkcode IN_TOTO_STATEMENT_TYPE}. */
  _type: string;
  /** The release artifacts the SBOM describes. */
  subject: { name: string; digest: { sha256: string } }[];
  /** {@linkcode SPDX_PREDICATE_TYPE} or {@linkcode CYCLONEDX_PREDICATE_TYPE}. */
  predicateType: string;
  /** The SBOM document. */
  predicate: unknown;
}

/**
 * Wraps an SBOM as an in-toto statement about the release subjects, the form
 * `cosign attest --type spdxjson|cyclonedx` produces.
 *
 * @param subjects The hashed subjects.
 * @param sbom The predicate type and the SBOM document.
 * @returns The statement.
 */
export function sbomStatement(
  subjects: Subject[],
  sbom: { predicateType: string; document: unknown },
): SbomStatement {
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: statementSubjects(subjects),
    predicateType: sbom.predicateType,
    predicate: sbom.document,
  };
}
