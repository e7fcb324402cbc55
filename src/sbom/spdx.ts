/**
 * The SPDX 2.3 (JSON) writer: turns an {@linkcode Inventory} into an SPDX
 * document with one package per node and one relationship per edge.
 *
 * @module
 */
import { contentUuid, downloadUrl, loadLicensesOf, sortedUnique, usableHashes } from "./_common.ts";
import { compareStrings, utcSeconds } from "../_util.ts";
import { inventoryGraph } from "./_graph.ts";
import {
  isInformativeLicense,
  isListedOnly,
  spdxLicenseExpression,
} from "../inventory/_license.ts";
import type { SbomOptions } from "./options.ts";
import { sha256Hex } from "../digest.ts";
import {
  type Component,
  type Distribution,
  type Hash,
  type HashAlgorithm,
  type Inventory,
  ROOT_ID,
  type Scope,
} from "../inventory/types.ts";

/** SPDX checksum algorithm names vouch emits. */
export type SpdxChecksumAlgorithm = "MD5" | "SHA1" | "SHA256" | "SHA384" | "SHA512";

/** A package checksum. */
export interface SpdxChecksum {
  /** The algorithm. */
  algorithm: SpdxChecksumAlgorithm;
  /** Lowercase hex digest. */
  checksumValue: string;
}

/** A package's external reference: vouch emits the purl only. */
export interface SpdxExternalRef {
  /** Always `PACKAGE-MANAGER`. */
  referenceCategory: "PACKAGE-MANAGER";
  /** Always `purl`. */
  referenceType: "purl";
  /** The package URL. */
  referenceLocator: string;
}

/** One SPDX package. */
export interface SpdxPackage {
  /** `SPDXRef-…`, unique in the document. */
  SPDXID: string;
  /** Package name. */
  name: string;
  /** Exact version, only when known. */
  versionInfo?: string;
  /** Download URL, or `NOASSERTION`. */
  downloadLocation: string;
  /** Always `false`: vouch does not analyze files. */
  filesAnalyzed: false;
  /** Always `NOASSERTION`. */
  licenseConcluded: "NOASSERTION";
  /**
   * The declared license when it is a valid SPDX expression of listed
   * licenses, else `NOASSERTION` (the declared text is then in `comment`).
   */
  licenseDeclared: string;
  /** Always `NOASSERTION`. */
  copyrightText: "NOASSERTION";
  /** Checksums of the one file the package is distributed as, when recorded. */
  checksums?: SpdxChecksum[];
  /** The purl, when known. */
  externalRefs?: SpdxExternalRef[];
  /** `APPLICATION` for the project, `LIBRARY` for members and components. */
  primaryPackagePurpose: "APPLICATION" | "LIBRARY";
  /** One-line description (the project's). */
  description?: string;
  /**
   * Notes: the version constraint of an unpinned component, a declared
   * license that is no SPDX expression, the files (with hashes) of a package
   * distributed as several.
   */
  comment?: string;
}

/** The relationship types vouch emits. */
export type SpdxRelationshipType =
  | "DESCRIBES"
  | "CONTAINS"
  | "DEPENDS_ON"
  | "DEV_DEPENDENCY_OF"
  | "OPTIONAL_DEPENDENCY_OF"
  | "BUILD_DEPENDENCY_OF";

/** One relationship between two SPDX elements. */
export interface SpdxRelationship {
  /** The subject element. */
  spdxElementId: string;
  /** The relationship. */
  relationshipType: SpdxRelationshipType;
  /** The object element. */
  relatedSpdxElement: string;
}

/** Who made the document and when. */
export interface SpdxCreationInfo {
  /** `YYYY-MM-DDThh:mm:ssZ`. */
  created: string;
  /** `Tool: <name>-<version>`. */
  creators: string[];
  /** Names the files the inventory was read from, and those found but not read. */
  comment: string;
}

/** An SPDX 2.3 document (JSON serialization). */
export interface SpdxDocument {
  /** Always `SPDX-2.3`. */
  spdxVersion: "SPDX-2.3";
  /** Always `CC0-1.0`. */
  dataLicense: "CC0-1.0";
  /** Always `SPDXRef-DOCUMENT`. */
  SPDXID: "SPDXRef-DOCUMENT";
  /** Project name and version. */
  name: string;
  /** Unique URI derived from the document's content (creation time excluded). */
  documentNamespace: string;
  /** Creation information. */
  creationInfo: SpdxCreationInfo;
  /** The project, its members, then its components. */
  packages: SpdxPackage[];
  /** `DESCRIBES` first, then every other relationship sorted. */
  relationships: SpdxRelationship[];
}

const CHECKSUM_ALGORITHM: Record<HashAlgorithm, SpdxChecksumAlgorithm> = {
  md5: "MD5",
  sha1: "SHA1",
  sha256: "SHA256",
  sha384: "SHA384",
  sha512: "SHA512",
};

/** Edge scope → relationship; `reversed` puts `to` as the subject (`<to> X_OF <from>`). */
const EDGE_RELATIONSHIP: Record<Scope, { type: SpdxRelationshipType; reversed: boolean }> = {
  runtime: { type: "DEPENDS_ON", reversed: false },
  dev: { type: "DEV_DEPENDENCY_OF", reversed: true },
  optional: { type: "OPTIONAL_DEPENDENCY_OF", reversed: true },
  build: { type: "BUILD_DEPENDENCY_OF", reversed: true },
};

/** The `idstring` characters SPDX allows after `SPDXRef-`, from any text (purl prefix dropped). */
function idPart(text: string): string {
  let plain = text.replace(/^pkg:/, "");
  try {
    plain = decodeURIComponent(plain);
  } catch {
    // keep the percent-encoded form
  }
  return plain.replace(/[^A-Za-z0-9.]+/g, "-").replace(/^-+|-+$/g, "") || "x";
}

/**
 * Unique SPDXIDs for `[nodeId, base]` pairs, in order. A base shared by
 * several nodes gets a suffix from a hash of each node id, so the result does
 * not depend on the order; a counter settles any remaining clash.
 */
async function assignSpdxIds(
  entries: ReadonlyArray<readonly [string, string]>,
): Promise<Map<string, string>> {
  const uses = new Map<string, number>();
  for (const [, base] of entries) uses.set(base, (uses.get(base) ?? 0) + 1);
  const firsts = entries.map(([, base]) => base);
  const suffixed: Promise<void>[] = [];
  entries.forEach(([nodeId, base], i) => {
    if (uses.get(base)! < 2) return;
    suffixed.push(
      sha256Hex(nodeId).then((hex) => {
        firsts[i] = `${base}-${hex.slice(0, 8)}`;
      }),
    );
  });
  await Promise.all(suffixed);
  const taken = new Set<string>();
  const ids = new Map<string, string>();
  entries.forEach(([nodeId], i) => {
    const first = firsts[i];
    let candidate = first;
    for (let n = 2; taken.has(candidate); n++) candidate = `${first}-${n}`;
    taken.add(candidate);
    ids.set(nodeId, candidate);
  });
  return ids;
}

interface PackageFields {
  name: string;
  version?: string;
  purl?: string;
  license?: string;
  downloadLocation?: string;
  hashes?: Hash[];
  distributions?: Distribution[];
  purpose: SpdxPackage["primaryPackagePurpose"];
  description?: string;
  comment?: string;
  bundled?: string[];
}

/** The declared license for `licenseDeclared`, and the note when the text cannot go there. */
function declaredLicense(license: string | undefined): { declared: string; note?: string } {
  const expression = spdxLicenseExpression(license);
  if (expression !== undefined && isListedOnly(expression)) return { declared: expression };
  if (!isInformativeLicense(license)) return { declared: "NOASSERTION" };
  return {
    declared: "NOASSERTION",
    note: expression !== undefined
      ? `Declared license: ${expression} (a license reference whose text is not recorded).`
      : `Declared license (not an SPDX license expression): ${JSON.stringify(license.trim())}.`,
  };
}

/** The note listing the files of a package distributed as several, each with its hashes. */
function distributionsNote(distributions: readonly Distribution[] | undefined): string | undefined {
  if (distributions === undefined || distributions.length === 0) return undefined;
  const files = distributions.map((d) => {
    const hashes = usableHashes(d.hashes).map(({ alg, hex }) => `${alg}:${hex}`);
    return [d.url ?? d.file ?? "(unnamed file)", ...hashes].join(" ");
  });
  return `Distributed as ${files.length} files (per-file hashes): ${files.join("; ")}.`;
}

/** The note naming the packages a package's archive bundles (see `Component.bundled`). */
function bundledNote(bundled: readonly string[] | undefined): string | undefined {
  if (bundled === undefined || bundled.length === 0) return undefined;
  return `Its archive bundles ${bundled.join(", ")} (at versions the lockfile does not record).`;
}

function spdxPackage(spdxId: string, fields: PackageFields): SpdxPackage {
  // Optional keys are set only when present, in the document's key order.
  const pkg = { SPDXID: spdxId, name: fields.name } as SpdxPackage;
  if (fields.version !== undefined) pkg.versionInfo = fields.version;
  pkg.downloadLocation = downloadUrl(fields.downloadLocation) ?? "NOASSERTION";
  pkg.filesAnalyzed = false;
  pkg.licenseConcluded = "NOASSERTION";
  const license = declaredLicense(fields.license);
  pkg.licenseDeclared = license.declared;
  pkg.copyrightText = "NOASSERTION";
  const hashes = fields.hashes === undefined ? [] : usableHashes(fields.hashes);
  if (hashes.length > 0) {
    pkg.checksums = hashes.map(({ alg, hex }): SpdxChecksum => ({
      algorithm: CHECKSUM_ALGORITHM[alg],
      checksumValue: hex,
    }));
  }
  if (fields.purl !== undefined) {
    pkg.externalRefs = [{
      referenceCategory: "PACKAGE-MANAGER",
      referenceType: "purl",
      referenceLocator: fields.purl,
    }];
  }
  pkg.primaryPackagePurpose = fields.purpose;
  if (fields.description !== undefined) pkg.description = fields.description;
  const notes = [
    fields.comment,
    license.note,
    distributionsNote(fields.distributions),
    bundledNote(fields.bundled),
  ]
    .filter((n): n is string => n !== undefined);
  if (notes.length > 0) pkg.comment = notes.join(" ");
  return pkg;
}

/** The note on a component without an exact version (never a made-up version). */
function unpinnedComment(component: Component): string | undefined {
  if (component.version !== undefined) return undefined;
  return component.specifier !== undefined
    ? `Not pinned: declared version constraint "${component.specifier}"; no exact version resolved.`
    : "Not pinned: no version constraint declared; no exact version resolved.";
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "document";
}

/** `label: a, b, c` for a non-empty list (sorted), else nothing. */
function listed(label: string, values: readonly string[] | undefined, separator = ", "): string {
  return values !== undefined && values.length > 0
    ? `${label}: ${[...values].sort(compareStrings).join(separator)}`
    : "";
}

/**
 * Writes an SPDX 2.3 document for an inventory.
 *
 * The output is deterministic: the same inventory and options give a
 * deep-equal document, and `documentNamespace` changes with the content but
 * not with `options.created`.
 *
 * @example
 * ```ts
 * import { toSpdx } from "./spdx.ts";
 * const doc = await toSpdx(
 *   { project: { name: "demo", version: "1.0.0" }, members: [], components: [], edges: [], sources: [] },
 *   { created: new Date(0), reproducible: true, tool: { name: "vouch", version: "0.1.0" } },
 * );
 * doc.relationships[0].relationshipType; // "DESCRIBES"
 * ```
 *
 * @param inventory The inventory to describe.
 * @param options Creation time and tool.
 * @returns A JSON-able SPDX document (resolves once its namespace UUID is hashed).
 * @throws {Error} When the inventory is inconsistent (reused id, edge to an unknown node).
 * @throws {VouchError} `time.invalid` when `options.created` cannot be formatted.
 */
export async function toSpdx(inventory: Inventory, options: SbomOptions): Promise<SpdxDocument> {
  await loadLicensesOf(inventory);
  const graph = inventoryGraph(inventory);
  const created = utcSeconds(options.created);
  const { project } = inventory;
  const entries: (readonly [string, string])[] = [
    [ROOT_ID, `SPDXRef-Root-${idPart(project.name)}`],
  ];
  for (const m of graph.members) entries.push([m.id, `SPDXRef-Member-${idPart(m.id)}`]);
  for (const c of graph.components) entries.push([c.id, `SPDXRef-Package-${idPart(c.id)}`]);
  const ids = await assignSpdxIds(entries);
  const spdxId = (nodeId: string): string => ids.get(nodeId)!;
  const rootId = spdxId(ROOT_ID);

  const packages = [spdxPackage(rootId, { ...project, purpose: "APPLICATION" })];
  for (const m of graph.members) {
    packages.push(spdxPackage(spdxId(m.id), { ...m, purpose: "LIBRARY" }));
  }
  for (const c of graph.components) {
    packages.push(spdxPackage(spdxId(c.id), {
      name: c.name,
      version: c.version,
      purl: c.purl,
      license: c.license,
      downloadLocation: c.downloadLocation,
      hashes: c.hashes,
      distributions: c.distributions,
      purpose: "LIBRARY",
      comment: unpinnedComment(c),
      bundled: c.bundled,
    }));
  }

  const others: SpdxRelationship[] = [];
  const relate = (subject: string, type: SpdxRelationshipType, object: string): void => {
    others.push({ spdxElementId: subject, relationshipType: type, relatedSpdxElement: object });
  };
  for (const member of graph.members) relate(rootId, "CONTAINS", spdxId(member.id));
  for (const edge of graph.edges) {
    const { type, reversed } = EDGE_RELATIONSHIP[edge.scope];
    const from = spdxId(edge.from);
    const to = spdxId(edge.to);
    if (reversed) relate(to, type, from);
    else relate(from, type, to);
  }
  const relationships: SpdxRelationship[] = [
    {
      spdxElementId: "SPDXRef-DOCUMENT",
      relationshipType: "DESCRIBES",
      relatedSpdxElement: rootId,
    },
    ...sortedUnique(others, compareRelationships),
  ];

  const title = project.version !== undefined ? `${project.name}-${project.version}` : project.name;
  const document: SpdxDocument = {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: title,
    documentNamespace: "",
    creationInfo: {
      created: "",
      creators: [`Tool: ${options.tool.name}-${options.tool.version}`],
      comment: `Inventory read from: ${
        inventory.sources.length > 0
          ? [...inventory.sources].sort(compareStrings).join(", ")
          : "(no files)"
      }${listed(". Found but not read", inventory.unread)}${
        listed(". Declared, not resolved (no lockfile)", inventory.declaredOnly)
      }${listed(". Warnings", inventory.warnings, "; ")}`,
    },
    packages,
    relationships,
  };
  const uuid = await contentUuid(document);
  document.documentNamespace = `https://spdx.org/spdxdocs/${slug(title)}-${uuid}`;
  document.creationInfo.created = created;
  return document;
}

function compareRelationships(a: SpdxRelationship, b: SpdxRelationship): number {
  return compareStrings(a.spdxElementId, b.spdxElementId) ||
    compareStrings(a.relationshipType, b.relationshipType) ||
    compareStrings(a.relatedSpdxElement, b.relatedSpdxElement);
}
