import assert from "node:assert/strict";
import * as sbom from "../../src/sbom/mod.ts";
import { toCycloneDx } from "../../src/sbom/cyclonedx.ts";
import { toSpdx } from "../../src/sbom/spdx.ts";

Deno.test("sbom/mod.ts re-exports both writers", () => {
  assert.equal(sbom.toSpdx, toSpdx);
  assert.equal(sbom.toCycloneDx, toCycloneDx);
});
