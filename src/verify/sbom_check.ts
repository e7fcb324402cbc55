/**
 * Structural checks of the SBOMs (SPDX 2.3 and CycloneDX 1.6 JSON), without
 * a schema library and without network, and of the index's inventory
 * summary against the CycloneDX BOM. Pure.
 *
 * @module
 */
import { type BundleIndex, FILES } from "../bundle/bundle_index.ts";
import { fail, isRecord, isText, pass, quote, type VerifyCheck } from "./_check.ts";

const SPDX_ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const ELEMENT_REF = /^(DocumentRef-[A-Za-z0-9.-]+:)?SPDXRef-[A-Za-z0-9.-]+$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function spdxPackagesProblem(packages: unknown): string | undefined {
  if (!Array.isArray(packages) || packages.length === 0) return "packages is not a non-empty array";
  const ids = new Set<string>();
  for (const [i, p] of packages.entries()) {
    if (!isRecord(p) || typeof p.SPDXID !== "string" || !SPDX_ID.test(p.SPDXID)) {
      return `packages[${i}].SPDXID is not SPDXRef-…`;
    }
    if (ids.has(p.SPDXID)) return `SPDXID ${quote(p.SPDXID)} is used twice`;
    if (!isText(p.name) || !isText(p.downloadLocation)) {
      return `packages[${i}] lacks name or downloadLocation`;
    }
    ids.add(p.SPDXID);
  }
  return undefined;
}

function spdxRelationshipsProblem(doc: Record<string, unknown>): string | undefined {
  const known = new Set([
    "SPDXRef-DOCUMENT",
    ...list(doc.packages).map((p) => (p as { SPDXID: string }).SPDXID),
  ]);
  if (!Array.isArray(doc.relationships)) return "relationships is not an array";
  for (const [i, r] of doc.relationships.entries()) {
    if (!isRecord(r) || !isText(r.relationshipType)) return `relationships[${i}] has no type`;
    for (const end of [r.spdxElementId, r.relatedSpdxElement]) {
      const ok = end === "NOASSERTION" || end === "NONE" ||
        (typeof end === "string" && ELEMENT_REF.test(end) &&
          (end.startsWith("DocumentRef-") || known.has(end)));
      if (!ok) return `relationships[${i}] refers to unknown element ${quote(end)}`;
    }
  }
  const describes = doc.relationships.some((r) =>
    r.spdxElementId === "SPDXRef-DOCUMENT" && r.relationshipType === "DESCRIBES"
  );
  return describes ? undefined : "no DESCRIBES relationship from SPDXRef-DOCUMENT";
}

function spdxProblem(doc: unknown): string | undefined {
  if (!isRecord(doc)) return "not a JSON object";
  if (doc.spdxVersion !== "SPDX-2.3") {
    return `spdxVersion is ${quote(doc.spdxVersion)}, expected "SPDX-2.3"`;
  }
  if (doc.dataLicense !== "CC0-1.0") {
    return `dataLicense is ${quote(doc.dataLicense)}, expected "CC0-1.0"`;
  }
  if (doc.SPDXID !== "SPDXRef-DOCUMENT") return `SPDXID is ${quote(doc.SPDXID)}`;
  if (!isText(doc.name)) return "name is missing";
  if (
    !isText(doc.documentNamespace) || !/^[a-z][a-z0-9+.-]*:\/\/\S+$/.test(doc.documentNamespace)
  ) {
    return "documentNamespace is not a URI";
  }
  const info = doc.creationInfo;
  if (!isRecord(info) || typeof info.created !== "string" || !TIMESTAMP.test(info.created)) {
    return "creationInfo.created is not YYYY-MM-DDThh:mm:ssZ";
  }
  if (!Array.isArray(info.creators) || info.creators.length === 0 || !info.creators.every(isText)) {
    return "creationInfo.creators is not a non-empty list";
  }
  return spdxPackagesProblem(doc.packages) ?? spdxRelationshipsProblem(doc);
}

function cdxComponentsProblem(components: unknown, refs: Set<string>): string | undefined {
  if (components === undefined) return undefined;
  if (!Array.isArray(components)) return "components is not an array";
  for (const [i, c] of components.entries()) {
    if (!isRecord(c) || !isText(c.type) || !isText(c.name)) {
      return `components[${i}] lacks type or name`;
    }
    const ref = c["bom-ref"];
    if (ref !== undefined) {
      if (!isText(ref) || refs.has(ref)) {
        return `components[${i}] bom-ref ${quote(ref)} is empty or reused`;
      }
      refs.add(ref);
    }
    const nested = cdxComponentsProblem(c.components, refs);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

function cdxDependenciesProblem(dependencies: unknown, refs: Set<string>): string | undefined {
  if (dependencies === undefined) return undefined;
  if (!Array.isArray(dependencies)) return "dependencies is not an array";
  for (const [i, d] of dependencies.entries()) {
    if (!isRecord(d) || typeof d.ref !== "string" || !refs.has(d.ref)) {
      return `dependencies[${i}].ref is not a known bom-ref`;
    }
    const bad = list(d.dependsOn).find((r) => typeof r !== "string" || !refs.has(r));
    if (bad !== undefined || (d.dependsOn !== undefined && !Array.isArray(d.dependsOn))) {
      return `dependencies[${i}].dependsOn refers to unknown ${quote(bad)}`;
    }
  }
  return undefined;
}

function cycloneDxProblem(bom: unknown): string | undefined {
  if (!isRecord(bom)) return "not a JSON object";
  if (bom.bomFormat !== "CycloneDX") return `bomFormat is ${quote(bom.bomFormat)}`;
  if (bom.specVersion !== "1.6") return `specVersion is ${quote(bom.specVersion)}, expected "1.6"`;
  if (typeof bom.serialNumber !== "string" || !URN_UUID.test(bom.serialNumber)) {
    return "serialNumber is not urn:uuid:…";
  }
  if (!Number.isSafeInteger(bom.version) || (bom.version as number) < 1) {
    return "version is not a positive integer";
  }
  if (!isRecord(bom.metadata)) return "metadata is not an object";
  const refs = new Set<string>();
  const root = bom.metadata.component;
  if (root !== undefined && cdxComponentsProblem([root], refs) !== undefined) {
    return "metadata.component lacks type, name or a unique bom-ref";
  }
  return cdxComponentsProblem(bom.components, refs) ??
    cdxDependenciesProblem(bom.dependencies, refs);
}

/**
 * Checks that a parsed document is an SPDX 2.3 JSON document (structure only).
 *
 * @param doc The parsed `sbom.spdx.json`.
 * @returns One check.
 */
export function checkSpdx(doc: unknown): VerifyCheck {
  const problem = spdxProblem(doc);
  return problem === undefined
    ? pass("sbom.spdx_ok", "an SPDX 2.3 document", FILES.spdx)
    : fail("sbom.spdx_invalid", problem, FILES.spdx);
}

/**
 * Checks that a parsed document is a CycloneDX 1.6 JSON BOM (structure only).
 *
 * @param bom The parsed `sbom.cyclonedx.json`.
 * @returns One check.
 */
export function checkCycloneDx(bom: unknown): VerifyCheck {
  const problem = cycloneDxProblem(bom);
  return problem === undefined
    ? pass("sbom.cyclonedx_ok", "a CycloneDX 1.6 BOM", FILES.cyclonedx)
    : fail("sbom.cyclonedx_invalid", problem, FILES.cyclonedx);
}

function propertyValue(properties: unknown, name: string): string[] {
  return list(properties).flatMap((p) =>
    isRecord(p) && p.name === name && typeof p.value === "string" ? [p.value] : []
  );
}

function sortedText(values: string[]): string {
  return JSON.stringify([...values].sort());
}

/**
 * Compares the index's inventory summary with a CycloneDX BOM that passed
 * {@linkcode checkCycloneDx}: component count, direct count, ecosystems (purl
 * types), sources and the files found but not read.
 *
 * @param index The bundle index.
 * @param bom The parsed CycloneDX BOM.
 * @returns One check.
 */
export function checkInventorySummary(index: BundleIndex, bom: unknown): VerifyCheck {
  const doc = bom as { components?: unknown[]; metadata: Record<string, unknown> };
  const components = list(doc.components).filter(isRecord);
  const ecosystems: Record<string, number> = {};
  for (const c of components) {
    const type = /^pkg:([a-z0-9.+-]+)\//i.exec(String(c.purl ?? ""))?.[1] ?? "unknown";
    ecosystems[type] = (ecosystems[type] ?? 0) + 1;
  }
  const summary = index.inventory;
  const pairs: [string, unknown, unknown][] = [
    ["components", summary.components, components.length],
    [
      "direct",
      summary.direct,
      components.filter((c) => propertyValue(c.properties, "vouch:direct")[0] === "true").length,
    ],
    [
      "ecosystems",
      sortedText(Object.entries(summary.ecosystems).map(([k, v]) => `${k}=${v}`)),
      sortedText(Object.entries(ecosystems).map(([k, v]) => `${k}=${v}`)),
    ],
    [
      "sources",
      sortedText(summary.sources),
      sortedText(propertyValue(doc.metadata.properties, "vouch:source")),
    ],
    [
      "unread",
      sortedText(summary.unread ?? []),
      sortedText(propertyValue(doc.metadata.properties, "vouch:unread")),
    ],
  ];
  const bad = pairs.find(([, a, b]) => a !== b);
  return bad === undefined
    ? pass(
      "index.inventory_ok",
      "the index's inventory summary matches the CycloneDX BOM",
      FILES.index,
    )
    : fail(
      "index.inventory_mismatch",
      `index inventory.${bad[0]} is ${quote(bad[1])}, the CycloneDX BOM gives ${quote(bad[2])}`,
      FILES.index,
    );
}
