/**
 * The bundle index `supply_chain_attestation.json`: every evidence file with
 * its SHA-256 and size, the subjects, the tool and the release.
 *
 * @module
 */
import type { Problem } from "../errors.ts";

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

/** A signature recorded in the index. */
export interface IndexedSignature {
  /** Path of the signature file. */
  path: string;
  /** Path of the file whose content the signature binds. */
  signs: string;
  /** The signing algorithm. */
  algorithm: "hmac-sha256" | "ed25519" | "ecdsa-p256";
  /** The key id. */
  keyid: string;
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
   * CycloneDX BOM's `vouch:unread` properties. Absent in evidence written
   * before vouch listed them.
   */
  unread?: string[];
}

/** The format identifier written in {@linkcode BundleIndex.schema}. */
export const INDEX_SCHEMA = "https://jsr.io/@vouch/vouch/schemas/attestation-index/v1";

/**
 * Serializes a JSON document the way every vouch file is written: two-space
 * indentation and a final newline.
 *
 * @param value The document.
 * @returns The text.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}
