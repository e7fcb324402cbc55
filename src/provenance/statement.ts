/**
 * The in-toto Statement v1 carrying a SLSA Provenance v1 predicate.
 *
 * @module
 */
import { isRecord, utcSeconds } from "../_util.ts";
import type { Problem } from "../errors.ts";
import type { BuildContext } from "./context.ts";

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
  /** The media type of the resource. */
  mediaType?: string;
  /** Extra facts about the resource. */
  annotations?: Record<string, unknown>;
}

/** A subject of a vouch statement: a release artifact with its SHA-256 and size. */
export interface SubjectDescriptor {
  /** The subject name: its file name, or its path when two subjects share a file name. */
  name: string;
  /** The SHA-256 of its bytes. */
  digest: { sha256: string };
  /** `size`: its length in bytes. */
  annotations: { size: number };
}

/** An evidence file the provenance names (a SLSA byproduct): name, SHA-256, media type. */
export interface Byproduct {
  /** The file name in the evidence directory. */
  name: string;
  /** Its SHA-256. */
  digest: { sha256: string };
  /** Its media type. */
  mediaType: string;
}

/**
 * A signature vouch makes over the evidence, declared in the statement before
 * anything is signed (so the key ids and algorithms are signed too).
 */
export interface SignatureRecord {
  /** The signature file. */
  path: string;
  /** The file whose content it binds. */
  signs: string;
  /**
   * The signing algorithm; `sigstore-keyless`: an ephemeral ECDSA P-256 key
   * certified by Fulcio, the signature logged in Rekor.
   */
  algorithm: "hmac-sha256" | "ed25519" | "ecdsa-p256" | "sigstore-keyless";
  /**
   * The key id written in the signature file; for `sigstore-keyless`, the
   * cosign key id of the ephemeral key, base64(SHA-256(SPKI DER)), which the
   * bundle's certificate must certify.
   */
  keyid: string;
}

/** SLSA Provenance v1 predicate (the fields vouch writes). */
export interface SlsaProvenance {
  /** What was built and how. */
  buildDefinition: {
    buildType: string;
    externalParameters: Record<string, string | string[]>;
    internalParameters: Record<string, unknown>;
    resolvedDependencies: ResourceDescriptor[];
  };
  /**
   * Who built it and when; the evidence files it wrote (`byproducts`); and two
   * vouch extension fields: the signatures made over the evidence
   * (`vouch_signatures`) and what blocks a pass (`vouch_blockers`).
   */
  runDetails: {
    builder: { id: string; version: Record<string, string> };
    metadata: { invocationId: string; startedOn: string; finishedOn: string };
    byproducts: Byproduct[];
    vouch_signatures: SignatureRecord[];
    vouch_blockers: Problem[];
  };
}

/** An in-toto Statement v1 with SLSA provenance. */
export interface ProvenanceStatement {
  /** Always {@linkcode IN_TOTO_STATEMENT_TYPE}. */
  _type: string;
  /** The artifacts, with their digests and sizes. */
  subject: SubjectDescriptor[];
  /** Always {@linkcode SLSA_PROVENANCE_TYPE}. */
  predicateType: string;
  /** The provenance. */
  predicate: SlsaProvenance;
}

/** Inputs of {@linkcode buildStatement}. */
export interface StatementInput {
  /** The hashed subjects. */
  subjects: NamedSubject[];
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
  /** The other evidence files, already written (sorted by the caller). */
  byproducts: Byproduct[];
  /** The signatures that will be made over the evidence. */
  signatures: SignatureRecord[];
  /** What prevents a pass. */
  blockers: Problem[];
  /**
   * How the scan was narrowed (`--exclude`, `--allow-unread`): recorded so
   * that what the SBOMs leave out is part of the signed evidence.
   */
  scan?: { exclude?: string[]; allowUnread?: string[] };
}

/** A hashed subject: its name, SHA-256 and size. */
export interface NamedSubject {
  /** The subject name. */
  name: string;
  /** Lowercase hex SHA-256. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

/**
 * The in-toto subject list of a vouch statement: name, SHA-256 and, as an
 * annotation, the size in bytes.
 *
 * @param subjects The hashed subjects.
 * @returns The descriptors, in the same order.
 */
export function subjectDescriptors(subjects: NamedSubject[]): SubjectDescriptor[] {
  return subjects.map((s) => ({
    name: s.name,
    digest: { sha256: s.sha256 },
    annotations: { size: s.size },
  }));
}

/**
 * Builds the provenance statement. Pure: the same input gives the same statement.
 *
 * @param input The subjects, context, inputs and times.
 * @returns The statement.
 */
export function buildStatement(input: StatementInput): ProvenanceStatement {
  const { context } = input;
  const externalParameters: Record<string, string | string[]> = {
    release: context.release,
    repository: context.repository,
  };
  if (context.ref) externalParameters.ref = context.ref;
  const { exclude = [], allowUnread = [] } = input.scan ?? {};
  if (exclude.length > 0) externalParameters.exclude = exclude;
  if (allowUnread.length > 0) externalParameters.allowUnread = allowUnread;
  const sourceUri = `git+${context.repository}${context.ref ? `@${context.ref}` : ""}`;
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: subjectDescriptors(input.subjects),
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
        byproducts: input.byproducts.map(({ name, digest, mediaType }) => ({
          name,
          digest: { sha256: digest.sha256 },
          mediaType,
        })),
        vouch_signatures: input.signatures.map(({ path, signs, algorithm, keyid }) => ({
          path,
          signs,
          algorithm,
          keyid,
        })),
        vouch_blockers: input.blockers.map(({ code, message, hint }) => ({ code, message, hint })),
      },
    },
  };
}

/** The facts of a statement that expectations and the bundle index are compared with. */
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

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * The repository, commit, builder and release a statement names. Reads
 * defensively: the statement may come from an untrusted file.
 *
 * @param statement A statement with `buildDefinition` and `runDetails.builder` objects.
 * @returns The facts; a field is absent when the statement does not name it as a string.
 */
export function statementFacts(statement: ProvenanceStatement): StatementFacts {
  const def = statement.predicate.buildDefinition;
  const params = def.externalParameters as Record<string, unknown>;
  const deps: unknown[] = Array.isArray(def.resolvedDependencies) ? def.resolvedDependencies : [];
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

/** The predicate type of an SPDX SBOM attestation. */
export const SPDX_PREDICATE_TYPE = "https://spdx.dev/Document";
/** The predicate type of a CycloneDX SBOM attestation. */
export const CYCLONEDX_PREDICATE_TYPE = "https://cyclonedx.org/bom";

/** An in-toto Statement v1 whose predicate is an SBOM. */
export interface SbomStatement {
  /** Always {@linkcode IN_TOTO_STATEMENT_TYPE}. */
  _type: string;
  /** The release artifacts the SBOM describes. */
  subject: SubjectDescriptor[];
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
  subjects: NamedSubject[],
  sbom: { predicateType: string; document: unknown },
): SbomStatement {
  return {
    _type: IN_TOTO_STATEMENT_TYPE,
    subject: subjectDescriptors(subjects),
    predicateType: sbom.predicateType,
    predicate: sbom.document,
  };
}
