import assert from "node:assert/strict";
import { spdxExpression } from "../../src/sbom/_license.ts";

Deno.test("spdxExpression: accepts valid SPDX expressions (trimmed)", () => {
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
  ) assert.equal(spdxExpression(valid), valid, valid);
  assert.equal(spdxExpression("  MIT  "), "MIT");
});

Deno.test("spdxExpression: rejects free text, placeholders and broken syntax", () => {
  for (
    const invalid of [
      undefined,
      "",
      "   ",
      "MIT License",
      "BSD 3-Clause",
      "Apache Software License 2.0",
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
      "MIT WITH (Classpath-exception-2.0)",
      "LicenseRef-x+",
      "LicenseRef-",
      "mit or apache-2.0",
      "SEE LICENSE IN LICENSE.txt",
      "MIT/X11",
      "GPL-2.0++",
    ]
  ) assert.equal(spdxExpression(invalid), undefined, String(invalid));
});
