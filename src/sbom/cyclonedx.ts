/**
 * The CycloneDX 1.6 (JSON) writer: turns an {@linkcode Inventory} into a BOM
 * whose metadata component is the project (members nested in it), whose
 * components are the third-party packages, and whose dependency graph has one
 * entry per node.
 *
 * @module
 */
import {
  compareStrings,
  contentUuid,
  downloadUrl,
  formatTimestamp,
  usableHashes,
} from "./_common.ts";
import { inventoryGraph } from "./_graph.ts";
import { spdxExpression } from "./_license.ts";
import type { SbomOptions } from "./options.ts";
import { type Component, type HashAlgorithm, type Inventory, ROOT_ID } from "../inventory/types.ts";

/** CycloneDX hash algorithm names vouch emits. */
export type CycloneDxHashAlgorithm = "MD5" | "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

/** A component hash. */
export interface CycloneDxHash {
  /** The algorithm. */
  alg: CycloneDxHashAlgorithm;
  /** Lowercase hex digest. */
  content: string;
}

/** A name/value property. */
export interface CycloneDxProperty {
  /** Property name, e.g. `vouch:scope`. */
  name: string;
  /** Property value. */
  value: string;
}

/** A license given as an SPDX expression. */
export interface CycloneDxLicenseExpression {
  /** The SPDX license expression. */
  expression: string;
}

/** A link to where the component is distributed from. */
export interface CycloneDxExternalReference {
  /** Always `distribution`. */
  type: "distribution";
  /** The download URL. */
  url: string;
}

/** A component: the project, a workspace member or a third-party package. */
export interface CycloneDxComponent {
  /** `application` for the project, `library` otherwise. */
  type: "application" | "library";
  /** Unique reference in the BOM (the inventory id). */
  "bom-ref": string;
  /** Name. */
  name: string;
  /** Exact version, only when known. */
  version?: string;
  /** One-line description. */
  description?: string;
  /** `required` when used at runtime or build time, else `optional`. */
  scope?: "required" | "optional";
  /** Hashes of the distribution. */
  hashes?: CycloneDxHash[];
  /** The license when it is a valid SPDX expression. */
  licenses?: CycloneDxLicenseExpression[];
  /** Package URL. */
  purl?: string;
  /** Where it is downloaded from. */
  externalReferences?: CycloneDxExternalReference[];
  /** vouch's extra facts (`vouch:scope`, `vouch:direct`, …), sorted. */
  properties?: CycloneDxProperty[];
  /** Nested components (the project's workspace members). */
  components?: CycloneDxComponent[];
}

/** A tool that produced the BOM. */
export interface CycloneDxTool {
  /** Always `application`. */
  type: "application";
  /** Tool name. */
  name: string;
  /** Tool version. */
  version: string;
}

/** BOM metadata. */
export interface CycloneDxMetadata {
  /** `YYYY-MM-DDThh:mm:ssZ`. */
  timestamp: string;
  /** The generating tools, in the object form. */
  tools: { components: CycloneDxTool[] };
  /** The project. */
  component: CycloneDxComponent;
  /** `vouch:source` per file read, and `cdx:reproducible` in reproducible mode. */
  properties?: CycloneDxProperty[];
}

/** The direct dependencies of one node. */
export interface CycloneDxDependency {
  /** The node's `bom-ref`. */
  ref: string;
  /** `bom-ref`s it depends on (all scopes), sorted, unique. */
  dependsOn: string[];
}

/** A CycloneDX 1.6 BOM (JSON serialization). */
export interface CycloneDxDocument {
  /** The JSON schema of CycloneDX 1.6. */
  $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json";
  /** Always `CycloneDX`. */
  bomFormat: "CycloneDX";
  /** Always `1.6`. */
  specVersion: "1.6";
  /** `urn:uuid:…` derived from the content (timestamp excluded). */
  serialNumber: string;
  /** Always 1. */
  version: 1;
  /** Metadata. */
  metadata: CycloneDxMetadata;
  /** Third-party components, sorted by `bom-ref`. */
  components: CycloneDxComponent[];
  /** One entry per node: the project, then members, then components. */
  dependencies: CycloneDxDependency[];
}

const HASH_ALGORITHM: Record<HashAlgorithm, CycloneDxHashAlgorithm> = {
  md5: "MD5",
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha384: "SHA-384",
  sha512: "SHA-512",
};

/** The properties, unique, sorted by name then value. */
function sortedProperties(properties: CycloneDxProperty[]): CycloneDxProperty[] {
  const unique = new Map(properties.map((p) => [JSON.stringify([p.name, p.value]), p]));
  return [...unique.values()].sort((a, b) =>
    compareStrings(a.name, b.name) || compareStrings(a.value, b.value)
  );
}

/** `{ licenses }` when the license is a valid SPDX expression, else nothing. */
function licensesField(license: string | undefined): Pick<CycloneDxComponent, "licenses"> {
  const expression = spdxExpression(license);
  return expression !== undefined ? { licenses: [{ expression }] } : {};
}

function componentProperties(component: Component): CycloneDxProperty[] {
  return sortedProperties([
    { name: "vouch:scope", value: [...new Set(component.scopes)].sort().join(",") },
    { name: "vouch:direct", value: String(component.direct) },
    ...(component.specifier !== undefined && component.version === undefined
      ? [{ name: "vouch:specifier", value: component.specifier }]
      : []),
    ...component.groups.map((group) => ({ name: "vouch:group", value: group })),
  ]);
}

function thirdParty(component: Component): CycloneDxComponent {
  const hashes = usableHashes(component.hashes).map(({ alg, hex }): CycloneDxHash => ({
    alg: HASH_ALGORITHM[alg],
    content: hex,
  }));
  const url = downloadUrl(component.downloadLocation);
  const required = component.scopes.some((s) => s === "runtime" || s === "build");
  return {
    type: "library",
    "bom-ref": component.id,
    name: component.name,
    ...(component.version !== undefined ? { version: component.version } : {}),
    scope: required ? "required" : "optional",
    ...(hashes.length > 0 ? { hashes } : {}),
    ...licensesField(component.license),
    purl: component.purl,
    ...(url !== undefined ? { externalReferences: [{ type: "distribution", url }] } : {}),
    properties: componentProperties(component),
  };
}

/**
 * Writes a CycloneDX 1.6 BOM for an inventory.
 *
 * The output is deterministic: the same inventory and options give a
 * deep-equal BOM, and `serialNumber` changes with the content but not with
 * `options.created`.
 *
 * @example
 * ```ts
 * import { toCycloneDx } from "./cyclonedx.ts";
 * const bom = toCycloneDx(
 *   { project: { name: "demo", version: "1.0.0" }, members: [], components: [], edges: [], sources: [] },
 *   { created: new Date(0), reproducible: true, tool: { name: "vouch", version: "0.1.0" } },
 * );
 * bom.metadata.timestamp; // "1970-01-01T00:00:00Z"
 * ```
 *
 * @param inventory The inventory to describe.
 * @param options Creation time, reproducible mode and tool.
 * @returns A JSON-able CycloneDX BOM.
 * @throws {Error} When the inventory is inconsistent (reused id, edge to an unknown node).
 * @throws {VouchError} `sbom.invalid_created` when `options.created` cannot be formatted.
 */
export function toCycloneDx(inventory: Inventory, options: SbomOptions): CycloneDxDocument {
  const graph = inventoryGraph(inventory);
  const timestamp = formatTimestamp(options.created);
  const { project } = inventory;

  const members = graph.members.map((member): CycloneDxComponent => ({
    type: "library",
    "bom-ref": member.id,
    name: member.name,
    ...(member.version !== undefined ? { version: member.version } : {}),
    ...(member.purl !== undefined ? { purl: member.purl } : {}),
  }));
  const root: CycloneDxComponent = {
    type: "application",
    "bom-ref": ROOT_ID,
    name: project.name,
    ...(project.version !== undefined ? { version: project.version } : {}),
    ...(project.description !== undefined ? { description: project.description } : {}),
    ...licensesField(project.license),
    ...(project.purl !== undefined ? { purl: project.purl } : {}),
    ...(members.length > 0 ? { components: members } : {}),
  };
  const metadataProperties = sortedProperties([
    ...(options.reproducible ? [{ name: "cdx:reproducible", value: "true" }] : []),
    ...inventory.sources.map((value) => ({ name: "vouch:source", value })),
  ]);

  const dependsOn = new Map<string, Set<string>>();
  for (
    const id of [
      ROOT_ID,
      ...graph.members.map((m) => m.id),
      ...graph.components.map((c) => c.id),
    ]
  ) {
    dependsOn.set(id, new Set());
  }
  for (const edge of graph.edges) dependsOn.get(edge.from)!.add(edge.to);

  const bom: CycloneDxDocument = {
    $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: "",
    version: 1,
    metadata: {
      timestamp: "",
      tools: {
        components: [{
          type: "application",
          name: options.tool.name,
          version: options.tool.version,
        }],
      },
      component: root,
      ...(metadataProperties.length > 0 ? { properties: metadataProperties } : {}),
    },
    components: graph.components.map(thirdParty),
    dependencies: [...dependsOn].map(([ref, refs]) => ({
      ref,
      dependsOn: [...refs].sort(compareStrings),
    })),
  };
  bom.serialNumber = `urn:uuid:${contentUuid(bom)}`;
  bom.metadata.timestamp = timestamp;
  return bom;
}
