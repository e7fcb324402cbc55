/**
 * The bundle index `supply_chain_attestation.json`: every evidence file with
 * its SHA-256 and size, the subjects, the tool and the release, and who
 * signed each keyless bundle. Every field is derived ({@linkcode deriveIndex})
 * from the provenance statement, the evidence files the statement names, the
 * CycloneDX BOM and the verified keyless bundles, so `verify` can recompute
 * the whole index from signed data.
 *
 * @module
 */
import type { Problem } from "../errors.ts";
import { compareStrings, isRecord } from "../_util.ts";
// In _util.ts so that the CLI prints JSON without loading this module.
export { toJsonText } from "../_util.ts";
import { sha256Hex } from "../digest.ts";
import {
  type ProvenanceStatement,
  type SignatureRecord,
  statementFacts,
} from "../provenance/statement.ts";
import { SIGSTORE_BUNDLE_MEDIA_TYPE } from "../signing/sigstore_bundle.ts";
import type { BundleVerification } from "../sigstore/verifier.ts";

/** File names of the evidence bundle (the names the `dpone` command used). */
export const FILES = {
  spdx: "sbom.spdx.json",
  cyclonedx: "sbom.cyclonedx.json",
  provenance: "provenance.intoto.json",
  hmacSignature: "signature.hmac-sha256.json",
  sigstoreBundle: "provenance.sigstore.json",
  spdxSigstoreBundle: "sbom.spdx.sigstore.json",
  cyclonedxSigstoreBundle: "sbom.cyclonedx.sigstore.json",
  index: "supply_chain_attestation.json",
  markdown: "supply_chain_attestation.md",
  sha256sums: "SHA256SUMS",
} as const;

/** The kind each evidence file (every file but the index) is listed with. */
export const KIND_OF: Readonly<Record<string, FileKind>> = {
  [FILES.spdx]: "sbom-spdx",
  [FILES.cyclonedx]: "sbom-cyclonedx",
  [FILES.provenance]: "provenance",
  [FILES.hmacSignature]: "signature-hmac",
  [FILES.sigstoreBundle]: "sigstore-bundle",
  [FILES.spdxSigstoreBundle]: "sbom-sigstore-bundle",
  [FILES.cyclonedxSigstoreBundle]: "sbom-sigstore-bundle",
  [FILES.sha256sums]: "checksums",
  [FILES.markdown]: "summary",
};

/**
 * The evidence files the provenance names as byproducts (by SHA-256), with
 * their media types: every file but the index, the provenance itself and the
 * signatures over it.
 */
export const BYPRODUCT_MEDIA_TYPES: Readonly<Record<string, string>> = {
  [FILES.sha256sums]: "text/plain",
  [FILES.cyclonedx]: "application/vnd.cyclonedx+json",
  [FILES.cyclonedxSigstoreBundle]: SIGSTORE_BUNDLE_MEDIA_TYPE,
  [FILES.spdx]: "application/spdx+json",
  [FILES.spdxSigstoreBundle]: SIGSTORE_BUNDLE_MEDIA_TYPE,
  [FILES.markdown]: "text/markdown",
};

/** The signature files vouch writes, each with the file whose content it binds. */
export const SIGNATURE_TARGETS: Readonly<Record<string, string>> = {
  [FILES.hmacSignature]: FILES.provenance,
  [FILES.sigstoreBundle]: FILES.provenance,
  [FILES.spdxSigstoreBundle]: FILES.spdx,
  [FILES.cyclonedxSigstoreBundle]: FILES.cyclonedx,
};

/**
 * The largest evidence file vouch writes and reads: 256 MiB. `attest`
 * refuses (`evidence.too_large`) to write a bigger one, `verify` refuses to
 * read one (`file.too_large`), so attest never writes evidence verify rejects.
 */
export const MAX_EVIDENCE_FILE_BYTES: number = 256 * 1024 * 1024;

/** What a file in the bundle is. */
export type FileKind =
  | "sbom-spdx"
  | "sbom-cyclonedx"
  | "provenance"
  | "signature-hmac"
  | "sigstore-bundle"
  | "sbom-sigstore-bundle"
  | "checksums"
  | "summary";

/** One file of the bundle as the index lists it. */
export interface IndexedFile {
  /** Path relative to the bundle directory. */
  path: string;
  /** What it is. */
  kind: FileKind;
  /** Lowercase hex SHA-256. */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

/**
 * Who signed a keyless Sigstore bundle, as its verification found: the
 * certificate's identity and the log entries and timestamps that verified.
 */
export interface KeylessSignerRecord {
  /** The certificate's subject alternative name (e.g. the workflow ref). */
  identity: string;
  /** The OIDC issuer (Fulcio extension). */
  issuer: string;
  /** The transparency-log entries: the log, the entry's index, the integrated time (Rekor v1; `null` for v2). */
  tlog_entries: { log: string; log_index: string; integrated_time: string | null }[];
  /** The times RFC 3161 timestamp authorities vouched for. */
  timestamps: string[];
}

/**
 * A signature recorded in the index: as the statement declares it, and for a
 * keyless bundle, who signed it (derived from the verified bundle).
 */
export type IndexedSignature = SignatureRecord & { signer?: KeylessSignerRecord };

/**
 * The signer record of a verified keyless bundle.
 *
 * @param verification What `verifyBundle` found.
 * @returns The record, or `undefined` when the bundle did not verify or has no certificate.
 */
export function keylessSignerRecord(
  verification: BundleVerification,
): KeylessSignerRecord | undefined {
  const signer = verification.signer;
  if (!verification.verified || signer?.type !== "certificate") return undefined;
  return {
    identity: signer.identity.subjectAlternativeName,
    issuer: signer.identity.issuer ?? "",
    tlog_entries: verification.logEntries.map((e) => ({
      log: e.log,
      log_index: e.logIndex,
      integrated_time: e.integratedTime ?? null,
    })),
    timestamps: verification.times.filter((t) => t.source === "timestamp-authority").map((t) =>
      t.time
    ),
  };
}

/** The bundle index document. */
export interface BundleIndex {
  /** Format identifier of this document. */
  schema: string;
  /** The generating tool. */
  tool: { name: string; version: string };
  /** The release. */
  release: string;
  /** Source repository. */
  repository: string;
  /** Source commit. */
  commit_sha: string;
  /** Builder id. */
  builder_id: string;
  /** When the evidence was made (`YYYY-MM-DDThh:mm:ssZ`). */
  created: string;
  /** True when no blocker stands. */
  passed: boolean;
  /** What prevents a pass, with fixes. */
  blockers: Problem[];
  /** The release artifacts. */
  subjects: { name: string; sha256: string; size: number }[];
  /** The evidence files. */
  files: IndexedFile[];
  /** Signatures made. */
  signatures: IndexedSignature[];
  /** Inventory summary. */
  inventory: InventorySummary;
}

/** Counts describing the inventory. */
export interface InventorySummary {
  /** Third-party components. */
  components: number;
  /** Of those, declared directly by the project. */
  direct: number;
  /** Components per ecosystem. */
  ecosystems: Record<string, number>;
  /** Manifests and lockfiles read. */
  sources: string[];
  /**
   * Dependency files found but not read (no reader, or unsafe to read): the
   * CycloneDX BOM's `vouch:unread` properties.
   */
  unread: string[];
  /**
   * Manifests read that no lockfile resolves ("declared, not resolved"): the
   * BOM's `vouch:declared-only` properties.
   */
  declared_only: string[];
  /** What the files read leave open: the BOM's `vouch:warning` properties. */
  warnings: string[];
}

/**
 * The format identifier written in {@linkcode BundleIndex.schema}. v2: every
 * field derives from the signed statement, which names every other file.
 */
export const INDEX_SCHEMA = "https://jsr.io/@vouch/vouch/schemas/attestation-index/v2";

/**
 * The schema of evidence written before v2, whose signatures do not cover
 * the SBOMs, the summary or `SHA256SUMS`: `verify` rejects it.
 */
export const OUTDATED_INDEX_SCHEMA = "https://jsr.io/@vouch/vouch/schemas/attestation-index/v1";

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function propertyValues(properties: unknown, name: string): string[] {
  return list(properties).flatMap((p) =>
    isRecord(p) && p.name === name && typeof p.value === "string" ? [p.value] : []
  );
}

/**
 * The inventory summary of a CycloneDX BOM written by vouch: top-level
 * components, those marked `vouch:direct`, counts per purl type, and the
 * `vouch:source` files read. `attest` writes it into the index and `verify`
 * recomputes it from the (signed) BOM, so every field added here stays covered
 * by the signature.
 *
 * @param bom The parsed `sbom.cyclonedx.json` (any shape: missing parts count as none).
 * @returns The summary.
 */
export function inventorySummary(bom: unknown): InventorySummary {
  const doc = isRecord(bom) ? bom : {};
  const components = list(doc.components).filter(isRecord);
  const counts = new Map<string, number>();
  for (const c of components) {
    const purl = typeof c.purl === "string" ? c.purl : "";
    const type = /^pkg:([a-z0-9.+-]+)\//i.exec(purl)?.[1] ?? "unknown";
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  return {
    components: components.length,
    direct: components.filter((c) => propertyValues(c.properties, "vouch:direct")[0] === "true")
      .length,
    ecosystems: Object.fromEntries([...counts].sort(([a], [b]) => compareStrings(a, b))),
    sources: propertyValues(metadata.properties, "vouch:source"),
    unread: propertyValues(metadata.properties, "vouch:unread"),
    declared_only: propertyValues(metadata.properties, "vouch:declared-only"),
    warnings: propertyValues(metadata.properties, "vouch:warning"),
  };
}

/** The evidence {@linkcode deriveIndex} reads besides the statement. */
export interface IndexSources {
  /** Every evidence file but the index (name → bytes). */
  files: ReadonlyMap<string, Uint8Array>;
  /** The parsed CycloneDX BOM. */
  bom: unknown;
  /** Who signed each keyless bundle (by path), from its verification. */
  signers?: ReadonlyMap<string, KeylessSignerRecord>;
}

/**
 * Derives the bundle index from the provenance statement, the evidence
 * files, the CycloneDX BOM and the verified keyless signers: `attest` writes
 * exactly this, and `verify` recomputes it and fails on any difference.
 *
 * @param statement A vouch provenance statement (checked: builder version, subjects with sizes).
 * @param sources The evidence files, the parsed BOM and the keyless signers.
 * @returns The index.
 */
export async function deriveIndex(
  statement: ProvenanceStatement,
  sources: IndexSources,
): Promise<BundleIndex> {
  const run = statement.predicate.runDetails;
  const facts = statementFacts(statement);
  const [[name, version]] = Object.entries(run.builder.version);
  const files: IndexedFile[] = [];
  for (const [path, bytes] of sources.files) {
    files.push({ path, kind: KIND_OF[path], sha256: await sha256Hex(bytes), size: bytes.length });
  }
  return {
    schema: INDEX_SCHEMA,
    tool: { name, version },
    release: facts.release ?? "",
    repository: facts.repository ?? "",
    commit_sha: facts.commit ?? "",
    builder_id: run.builder.id,
    created: run.metadata.startedOn,
    passed: run.vouch_blockers.length === 0,
    blockers: run.vouch_blockers.map(({ code, message, hint }) => ({ code, message, hint })),
    subjects: statement.subject.map((s) => ({
      name: s.name,
      sha256: s.digest.sha256,
      size: s.annotations.size,
    })),
    files: files.sort((a, b) => compareStrings(a.path, b.path)),
    signatures: run.vouch_signatures.map(({ path, signs, algorithm, keyid }) => {
      const signer = sources.signers?.get(path);
      return signer === undefined
        ? { path, signs, algorithm, keyid }
        : { path, signs, algorithm, keyid, signer };
    }),
    inventory: inventorySummary(sources.bom),
  };
}
