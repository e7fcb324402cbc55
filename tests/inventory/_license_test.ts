import assert from "node:assert/strict";
import {
  COMMON_LICENSE_IDS,
  isInformativeLicense,
  isListedOnly,
  loadLicenseLists,
  spdxLicenseExpression,
} from "../../src/inventory/_license.ts";

// First in this module: the list is loaded once per process, by the next test at the latest.
Deno.test("spdxLicenseExpression: common ids need no list; any other id needs it loaded", async () => {
  const common = ["MIT", "apache-2.0 OR mit", "(MIT OR ISC) AND BSD-3-Clause", "GPL-2.0+"];
  await loadLicenseLists(common);
  assert.deepEqual(common.map(spdxLicenseExpression), [
    "MIT",
    "Apache-2.0 OR MIT",
    "(MIT OR ISC) AND BSD-3-Clause",
    "GPL-2.0+",
  ]);
  assert.equal(spdxLicenseExpression("LicenseRef-Own"), "LicenseRef-Own");
  assert.throws(() => spdxLicenseExpression("Beerware"), /internal: the SPDX license list/);
  assert.throws(
    () => spdxLicenseExpression("MIT WITH MIT"),
    /internal: the SPDX exception list/,
  );
  await loadLicenseLists(["MIT", undefined, "Beerware"]);
  assert.equal(spdxLicenseExpression("beerware"), "Beerware");
});

Deno.test("COMMON_LICENSE_IDS: each is on the SPDX list, in the list's case", async () => {
  const [ids, deprecated] = await Promise.all([
    import("spdx-license-ids/index.json", { with: { type: "json" } }),
    import("spdx-license-ids/deprecated.json", { with: { type: "json" } }),
  ]);
  const listed = new Set<string>([...ids.default, ...deprecated.default]);
  for (const id of COMMON_LICENSE_IDS) assert.ok(listed.has(id), id);
});

Deno.test("spdxLicenseExpression: accepts valid SPDX expressions (trimmed, canonical)", () => {
  for (
    const valid of [
      "MIT",
      "Apache-2.0",
      "GPL-2.0+",
      "MIT OR Apache-2.0",
      "(MIT OR Apache-2.0) AND BSD-3-Clause",
      "GPL-2.0-or-later WITH Classpath-exception-2.0",
      "LicenseRef-Proprietary",
      "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
      "((MIT))",
      "MIT AND (LGPL-2.1-or-later OR BSD-3-Clause)",
    ]
  ) assert.equal(spdxLicenseExpression(valid), valid, valid);
  assert.equal(spdxLicenseExpression("  MIT  "), "MIT");
});

Deno.test("spdxLicenseExpression: identifiers match case-insensitively and take the list's case", () => {
  assert.equal(spdxLicenseExpression("mit"), "MIT");
  assert.equal(spdxLicenseExpression("apache-2.0 OR mit"), "Apache-2.0 OR MIT");
  assert.equal(
    spdxLicenseExpression("gpl-2.0-or-later with classpath-exception-2.0"),
    undefined,
    "operators stay upper case (SPDX: matched case-sensitively)",
  );
  assert.equal(
    spdxLicenseExpression("gpl-2.0-or-later WITH CLASSPATH-exception-2.0"),
    "GPL-2.0-or-later WITH Classpath-exception-2.0",
  );
  assert.equal(spdxLicenseExpression("( MIT OR bsd-2-clause )"), "(MIT OR BSD-2-Clause)");
});

Deno.test("spdxLicenseExpression: rejects free text, unknown ids, placeholders and broken syntax", () => {
  for (
    const invalid of [
      undefined,
      "",
      "   ",
      "MIT License",
      "BSD 3-Clause",
      "BSD",
      "Apache Software License 2.0",
      "Foo-1.0",
      "UNKNOWN",
      "UNLICENSED",
      "NOASSERTION",
      "NONE",
      "MIT OR",
      "OR MIT",
      "MIT AND AND Apache-2.0",
      "(MIT",
      "MIT)",
      "()",
      "MIT WITH",
      "MIT WITH MIT",
      "MIT WITH (Classpath-exception-2.0)",
      "LicenseRef-x+",
      "LicenseRef-",
      "mit or apache-2.0",
      "SEE LICENSE IN LICENSE.txt",
      "MIT/X11",
      "GPL-2.0++",
    ]
  ) assert.equal(spdxLicenseExpression(invalid), undefined, String(invalid));
});

Deno.test("isListedOnly: false once a license reference appears", () => {
  assert.equal(isListedOnly("MIT OR Apache-2.0"), true);
  assert.equal(isListedOnly("MIT OR LicenseRef-x"), false);
});

Deno.test("isInformativeLicense: text worth recording, not placeholders", () => {
  for (const text of ["MIT License", "UNLICENSED", "BSD"]) assert.ok(isInformativeLicense(text));
  for (const text of [undefined, "", " ", "UNKNOWN", "none", "NOASSERTION"]) {
    assert.ok(!isInformativeLicense(text), String(text));
  }
});
