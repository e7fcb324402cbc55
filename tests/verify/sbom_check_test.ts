// deno-lint-ignore-file no-explicit-any
import assert from "node:assert/strict";
import { FILES } from "../../src/bundle/bundle_index.ts";
import { checkCycloneDx, checkInventorySummary, checkSpdx } from "../../src/verify/sbom_check.ts";
import { bundle } from "./_bundle.ts";

async function docs(): Promise<{ spdx: any; cdx: any; index: any }> {
  const b = await bundle("hmac");
  const read = (p: string): any => JSON.parse(Deno.readTextFileSync(`${b.dir}/${p}`));
  return { spdx: read(FILES.spdx), cdx: read(FILES.cyclonedx), index: read(FILES.index) };
}

Deno.test("the producer's SBOMs pass", async () => {
  const { spdx, cdx, index } = await docs();
  assert.equal(checkSpdx(spdx).code, "sbom.spdx_ok");
  assert.equal(checkCycloneDx(cdx).code, "sbom.cyclonedx_ok");
  assert.equal(checkInventorySummary(index, cdx).code, "index.inventory_ok");
});

Deno.test("SPDX structural problems", async () => {
  const edits: ((d: any) => void)[] = [
    (d) => (d.spdxVersion = "SPDX-2.2"),
    (d) => (d.dataLicense = "MIT"),
    (d) => (d.SPDXID = "SPDXRef-X"),
    (d) => delete d.name,
    (d) => (d.documentNamespace = "nope"),
    (d) => (d.creationInfo.created = "yesterday"),
    (d) => (d.creationInfo.creators = []),
    (d) => (d.packages = []),
    (d) => (d.packages[1].SPDXID = d.packages[0].SPDXID),
    (d) => (d.packages[0].SPDXID = "bad id"),
    (d) => (d.relationships[0].relatedSpdxElement = "SPDXRef-Nowhere"),
    (
      d,
    ) => (d.relationships = d.relationships.filter((r: any) => r.relationshipType !== "DESCRIBES")),
  ];
  for (const [i, edit] of edits.entries()) {
    const { spdx } = await docs();
    edit(spdx);
    assert.equal(checkSpdx(spdx).code, "sbom.spdx_invalid", `edit ${i}`);
  }
});

Deno.test("CycloneDX structural problems and inventory mismatches", async () => {
  const edits: ((d: any) => void)[] = [
    (d) => (d.bomFormat = "SPDX"),
    (d) => (d.specVersion = "1.5"),
    (d) => (d.serialNumber = "urn:uuid:nope"),
    (d) => (d.version = 0),
    (d) => (d.metadata = []),
    (d) => (d.components = {}),
    (d) => delete d.components[0].name,
    (d) => (d.components[1]["bom-ref"] = d.components[0]["bom-ref"]),
    (d) => (d.dependencies[0].ref = "ghost"),
    (d) => d.dependencies[0].dependsOn.push("ghost"),
  ];
  for (const [i, edit] of edits.entries()) {
    const { cdx } = await docs();
    edit(cdx);
    assert.equal(checkCycloneDx(cdx).code, "sbom.cyclonedx_invalid", `edit ${i}`);
  }
  const summaryEdits: ((s: any) => void)[] = [
    (s) => s.components++,
    (s) => s.direct++,
    (s) => (s.ecosystems = { npm: s.components }),
    (s) => s.sources.push("extra.lock"),
    (s) => (s.unread = ["hidden/Podfile.lock"]),
  ];
  for (const edit of summaryEdits) {
    const { cdx, index } = await docs();
    edit(index.inventory);
    assert.equal(checkInventorySummary(index, cdx).code, "index.inventory_mismatch");
  }
});
