/**
 * SBOM writers: SPDX 2.3 and CycloneDX 1.6 documents from an inventory.
 *
 * @example
 * ```ts
 * import { toCycloneDx, toSpdx } from "./mod.ts";
 * const inventory = {
 *   project: { name: "demo", version: "1.0.0" },
 *   members: [],
 *   components: [],
 *   edges: [],
 *   sources: ["uv.lock"],
 * };
 * const options = { created: new Date(0), reproducible: true, tool: { name: "vouch", version: "0.1.0" } };
 * (await toSpdx(inventory, options)).spdxVersion; // "SPDX-2.3"
 * (await toCycloneDx(inventory, options)).specVersion; // "1.6"
 * ```
 *
 * @module
 */
export type { SbomOptions } from "./options.ts";
export { toSpdx } from "./spdx.ts";
export type {
  SpdxChecksum,
  SpdxChecksumAlgorithm,
  SpdxCreationInfo,
  SpdxDocument,
  SpdxExternalRef,
  SpdxPackage,
  SpdxRelationship,
  SpdxRelationshipType,
} from "./spdx.ts";
export { toCycloneDx } from "./cyclonedx.ts";
export type {
  CycloneDxComponent,
  CycloneDxDependency,
  CycloneDxDocument,
  CycloneDxExternalReference,
  CycloneDxHash,
  CycloneDxHashAlgorithm,
  CycloneDxLicenseExpression,
  CycloneDxMetadata,
  CycloneDxNamedLicense,
  CycloneDxProperty,
  CycloneDxTool,
} from "./cyclonedx.ts";
