import assert from "node:assert/strict";
import { FILES, INDEX_SCHEMA, toJsonText } from "../../src/bundle/bundle_index.ts";

Deno.test("toJsonText: two-space indentation and a final newline", () => {
  assert.equal(
    toJsonText({ a: 1, b: [true, null], c: { d: "x" }, e: [] }),
    '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ],\n  "c": {\n    "d": "x"\n  },\n  "e": []\n}\n',
  );
  assert.equal(toJsonText("s"), '"s"\n');
  assert.equal(toJsonText([]), "[]\n");
});

Deno.test("toJsonText: keeps key order and round-trips through JSON.parse", () => {
  const doc = { z: 1, a: { y: [1, { b: "é\u2028" }], x: null } };
  const text = toJsonText(doc);
  assert.ok(text.endsWith("}\n") && !text.endsWith("\n\n"));
  assert.deepEqual(JSON.parse(text), doc);
  assert.deepEqual(Object.keys(JSON.parse(text)), ["z", "a"]);
});

Deno.test("FILES: the evidence file names of the bundle", () => {
  assert.deepEqual({ ...FILES }, {
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
  });
  const names = Object.values(FILES);
  assert.equal(new Set(names).size, names.length);
  for (const n of names) assert.match(n, /^[A-Za-z0-9._-]+$/); // plain names, no folders
});

Deno.test("INDEX_SCHEMA: an absolute https URI", () => {
  assert.equal(INDEX_SCHEMA, "https://jsr.io/@vouch/vouch/schemas/attestation-index/v1");
  assert.equal(new URL(INDEX_SCHEMA).protocol, "https:");
});
