/**
 * The CycloneDX 1.6 (JSON) writer: turns an {@linkcode Inventory} into a BOM
 * whose metadata component is the project (members nested in it), whose
 * components are the third-party packages, and whose dependency graph has one
 * entry per node.
 *
 * @module
 */
import { contentUuid, downloadUrl, loadLicensesOf, sortedUnique, usableHashes } from "./_common.ts";
import { compareStrings, utcSeconds } from "../_util.ts";
import { inventoryGraph } from "./_graph.ts";
import { isInformativeLicense, spdxLicenseExpression } from "../inventory/_license.ts";
import type { SbomOptions } from "./options.ts";
import {
  type Component,
  type Hash,
  type HashAlgorithm,
  type Inventory,
  ROOT_ID,
} from "../inventory/types.ts";

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

/** A license known only by the text the source states (not an SPDX expression). */
export interface CycloneDxNamedLicense {
  /** The license, by name. */
  license: {
    /** The declared text, as the source states it. */
    name: string;
  };
}

/** A file the component is distributed as, or the repository it is built from. */
export interface CycloneDxExternalReference {
  /**
   * `distribution` for a file; `vcs` for a version-control location (the
   * SPDX 2.3 form `git+https://host/repo@<commit>`, the commit kept).
   */
  type: "distribution" | "vcs";
  /** The download URL or VCS location, or the file name when the lockfile records no URL. */
  url: string;
  /** Says when `url` is only a file name. */
  comment?: string;
  /** The file's hashes, when the component has several files. */
  hashes?: CycloneDxHash[];
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
  /**
   * `required` when used at runtime, `optional` when only optionally (extras,
   * optional dependencies), `excluded` when only for development, tests or
   * builds.
   */
  scope?: "required" | "optional" | "excluded";
  /** Hashes of the distribution. */
  hashes?: CycloneDxHash[];
  /** The declared license: an SPDX expression when valid, else by name. */
  licenses?: CycloneDxLicenseExpression[] | CycloneDxNamedLicense[];
  /** Package URL. */
  purl?: string;
  /** Where it is downloaded from: one reference, or one per file with its hashes. */
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
  /**
   * `vouch:source` per file read, `vouch:unread` per dependency file found
   * but not read, `vouch:declared-only` per manifest read that no lockfile
   * resolves ("declared, not resolved"), `vouch:warning` per thing the files
   * read leave open, and `cdx:reproducible` in reproducible mode.
   */
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

function compareProperties(a: CycloneDxProperty, b: CycloneDxProperty): number {
  return compareStrings(a.name, b.name) || compareStrings(a.value, b.value);
}

/** The declared license: a one-expression list when valid SPDX, else the text by name. */
function licenses(
  license: string | undefined,
): CycloneDxLicenseExpression[] | CycloneDxNamedLicense[] | undefined {
  const expression = spdxLicenseExpression(license);
  if (expression !== undefined) return [{ expression }];
  return isInformativeLicense(license) ? [{ license: { name: license.trim() } }] : undefined;
}

function cdxHashes(hashes: readonly Hash[]): CycloneDxHash[] {
  return usableHashes(hashes).map(({ alg, hex }): CycloneDxHash => ({
    alg: HASH_ALGORITHM[alg],
    content: hex,
  }));
}

/** The CycloneDX scope: runtime → required, optional → optional, dev/build only → excluded. */
function scopeOf(component: Component): CycloneDxComponent["scope"] {
  if (component.scopes.includes("runtime")) return "required";
  return component.scopes.includes("optional") ? "optional" : "excluded";
}

/**
 * A version-control location as the readers write it (the SPDX 2.3 form
 * `<vcs_tool>+<transport>://…[@<revision>][#<sub_path>]`: `git+https://…`,
 * `git+ssh://…`, `hg+https://…`): a repository, not a file.
 */
const VCS_LOCATION = /^(?:git|hg|svn|bzr)\+[A-Za-z][A-Za-z0-9+.-]*:\/\//i;

/** The reference type of a location: `vcs` for a repository, else `distribution`. */
function referenceType(url: string): CycloneDxExternalReference["type"] {
  return VCS_LOCATION.test(url) ? "vcs" : "distribution";
}

/**
 * The external references: one per file of a component with several (each
 * with its hashes; a file known only by name says so), else the download
 * location; a version-control location (a git dependency) is a `vcs`
 * reference, a file a `distribution` one.
 */
function references(component: Component): CycloneDxExternalReference[] {
  const out: CycloneDxExternalReference[] = [];
  const distributions = component.distributions ?? [];
  for (let i = 0; i < distributions.length; i++) {
    const d = distributions[i];
    const url = d.url ?? d.file;
    if (url === undefined) continue;
    const ref: CycloneDxExternalReference = { type: referenceType(url), url };
    if (d.url === undefined) ref.comment = "file name; the lockfile records no URL";
    const hashes = cdxHashes(d.hashes);
    if (hashes.length > 0) ref.hashes = hashes;
    out.push(ref);
  }
  const url = downloadUrl(component.downloadLocation);
  if (url !== undefined && !out.some((r) => r.url === url)) {
    out.unshift({ type: referenceType(url), url });
  }
  return out;
}

/** The values of a short list, unique and sorted (a one-item list as is). */
function uniqueValues(values: readonly string[]): readonly string[] {
  return values.length < 2 ? values : sortedUnique(values, compareStrings);
}

/** Adds a property per value (indexed: a cold run's for-of makes an iterator per list). */
function addProperties(
  properties: CycloneDxProperty[],
  name: string,
  values: readonly string[],
): void {
  for (let i = 0; i < values.length; i++) properties.push({ name, value: values[i] });
}

/**
 * `vouch:bundled`…, `vouch:direct`, `vouch:distribution-hash`…, `vouch:group`…, `vouch:patch`…,
 * `vouch:scope`, `vouch:specifier`: already in property order.
 */
function componentProperties(component: Component): CycloneDxProperty[] {
  const properties: CycloneDxProperty[] = [];
  if (component.bundled !== undefined) {
    addProperties(properties, "vouch:bundled", uniqueValues(component.bundled));
  }
  properties.push({ name: "vouch:direct", value: String(component.direct) });
  // Only over lists there are: once per component of a cold run, a for-of makes an iterator
  // even for an empty list.
  if (component.distributions !== undefined) {
    // Files known by neither URL nor name (pip's several `--hash` values): one property per hash.
    const unnamed = component.distributions.filter((d) =>
      d.url === undefined && d.file === undefined
    );
    const hashes = unnamed.flatMap((d) => usableHashes(d.hashes).map((h) => `${h.alg}:${h.hex}`));
    addProperties(properties, "vouch:distribution-hash", uniqueValues(hashes));
  }
  if (component.groups.length > 0) {
    addProperties(properties, "vouch:group", uniqueValues(component.groups));
  }
  if (component.patches !== undefined) {
    addProperties(properties, "vouch:patch", uniqueValues(component.patches));
  }

  properties.push({ name: "vouch:scope", value: uniqueValues(component.scopes).join(",") });
  if (component.specifier !== undefined && component.version === undefined) {
    properties.push({ name: "vouch:specifier", value: component.specifier });
  }
  return properties;
}

function thirdParty(component: Component): CycloneDxComponent {
  // Optional keys are set only when present, in the BOM's key order.
  const out = {
    type: "library",
    "bom-ref": component.id,
    name: component.name,
  } as CycloneDxComponent;
  if (component.version !== undefined) out.version = component.version;
  out.scope = scopeOf(component);
  const hashes = cdxHashes(component.hashes);
  if (hashes.length > 0) out.hashes = hashes;
  const declared = licenses(component.license);
  if (declared !== undefined) out.licenses = declared;
  out.purl = component.purl;
  const refs = references(component);
  if (refs.length > 0) out.externalReferences = refs;
  out.properties = componentProperties(component);
  return out;
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
 * const bom = await toCycloneDx(
 *   { project: { name: "demo", version: "1.0.0" }, members: [], components: [], edges: [], sources: [] },
 *   { created: new Date(0), reproducible: true, tool: { name: "vouch", version: "0.1.0" } },
 * );
 * bom.metadata.timestamp; // "1970-01-01T00:00:00Z"
 * ```
 *
 * @param inventory The inventory to describe.
 * @param options Creation time, reproducible mode and tool.
 * @returns A JSON-able CycloneDX BOM (resolves once its serial number is hashed).
 * @throws {Error} When the inventory is inconsistent (reused id, edge to an unknown node).
 * @throws {VouchError} `time.invalid` when `options.created` cannot be formatted.
 */
export async function toCycloneDx(
  inventory: Inventory,
  options: SbomOptions,
): Promise<CycloneDxDocument> {
  await loadLicensesOf(inventory);
  const graph = inventoryGraph(inventory);
  const timestamp = utcSeconds(options.created);
  const { project } = inventory;

  const members = graph.members.map((member): CycloneDxComponent => {
    const out = { type: "library", "bom-ref": member.id, name: member.name } as CycloneDxComponent;
    if (member.version !== undefined) out.version = member.version;
    if (member.purl !== undefined) out.purl = member.purl;
    return out;
  });
  const root = {
    type: "application",
    "bom-ref": ROOT_ID,
    name: project.name,
  } as CycloneDxComponent;
  if (project.version !== undefined) root.version = project.version;
  if (project.description !== undefined) root.description = project.description;
  const projectLicenses = licenses(project.license);
  if (projectLicenses !== undefined) root.licenses = projectLicenses;
  if (project.purl !== undefined) root.purl = project.purl;
  if (members.length > 0) root.components = members;
  const metadataProperties = inventory.sources.map((value) => ({ name: "vouch:source", value }));
  for (const value of inventory.unread ?? []) {
    metadataProperties.push({ name: "vouch:unread", value });
  }
  for (const value of inventory.declaredOnly ?? []) {
    metadataProperties.push({ name: "vouch:declared-only", value });
  }
  for (const value of inventory.warnings ?? []) {
    metadataProperties.push({ name: "vouch:warning", value });
  }
  if (options.reproducible) metadataProperties.push({ name: "cdx:reproducible", value: "true" });

  // Edges are sorted by `from` then `to`: each node's targets arrive sorted, repeats adjacent.
  const dependsOn = new Map<string, string[]>([[ROOT_ID, []]]);
  for (const m of graph.members) dependsOn.set(m.id, []);
  for (const c of graph.components) dependsOn.set(c.id, []);
  for (const edge of graph.edges) {
    const refs = dependsOn.get(edge.from)!;
    if (refs[refs.length - 1] !== edge.to) refs.push(edge.to);
  }

  const metadata: CycloneDxMetadata = {
    timestamp: "",
    tools: {
      components: [{
        type: "application",
        name: options.tool.name,
        version: options.tool.version,
      }],
    },
    component: root,
  };
  if (metadataProperties.length > 0) {
    metadata.properties = sortedUnique(metadataProperties, compareProperties);
  }
  const dependencies: CycloneDxDependency[] = [];
  for (const [ref, refs] of dependsOn) dependencies.push({ ref, dependsOn: refs });
  const bom: CycloneDxDocument = {
    $schema: "http://cyclonedx.org/schema/bom-1.6.schema.json",
    bomFormat: "CycloneDX",
    specVersion: "1.6",
    serialNumber: "",
    version: 1,
    metadata,
    components: graph.components.map(thirdParty),
    dependencies,
  };
  bom.serialNumber = `urn:uuid:${await contentUuid(bom)}`;
  bom.metadata.timestamp = timestamp;
  return bom;
}
