import assert from "node:assert/strict";
import {
  BYPRODUCT_MEDIA_TYPES,
  deriveIndex,
  FILES,
  INDEX_SCHEMA,
  inventorySummary,
  KIND_OF,
  MAX_EVIDENCE_FILE_BYTES,
  OUTDATED_INDEX_SCHEMA,
  SIGNATURE_TARGETS,
  toJsonText,
} from "../../src/bundle/bundle_index.ts";
import { buildStatement } from "../../src/provenance/statement.ts";
import { MAX_FILE_BYTES } from "../../src/verify/_read.ts";

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

Deno.test("INDEX_SCHEMA: an absolute https URI, v2; v1 is the outdated one", () => {
  assert.equal(INDEX_SCHEMA, "https://jsr.io/@vouch/vouch/schemas/attestation-index/v2");
  assert.equal(new URL(INDEX_SCHEMA).protocol, "https:");
  assert.equal(OUTDATED_INDEX_SCHEMA, INDEX_SCHEMA.replace(/v2$/, "v1"));
});

Deno.test("KIND_OF, BYPRODUCT_MEDIA_TYPES, SIGNATURE_TARGETS: one consistent file table", () => {
  const evidence = Object.values(FILES).filter((f) => f !== FILES.index).sort();
  assert.deepEqual(Object.keys(KIND_OF).sort(), evidence);
  // Byproducts: every file but the index, the provenance and the signatures over it.
  const overProvenance = Object.keys(SIGNATURE_TARGETS).filter((p) =>
    SIGNATURE_TARGETS[p] === FILES.provenance
  );
  assert.deepEqual(
    Object.keys(BYPRODUCT_MEDIA_TYPES).sort(),
    evidence.filter((f) => f !== FILES.provenance && !overProvenance.includes(f)),
  );
  for (const [signature, target] of Object.entries(SIGNATURE_TARGETS)) {
    assert.ok(Object.hasOwn(KIND_OF, signature) && Object.hasOwn(KIND_OF, target));
  }
});

Deno.test("MAX_EVIDENCE_FILE_BYTES: 256 MiB, the limit verify reads too", () => {
  assert.equal(MAX_EVIDENCE_FILE_BYTES, 256 * 1024 * 1024);
  assert.equal(MAX_FILE_BYTES, MAX_EVIDENCE_FILE_BYTES);
});

const BOM = {
  bomFormat: "CycloneDX",
  metadata: {
    properties: [
      { name: "cdx:reproducible", value: "true" },
      { name: "vouch:source", value: "package-lock.json" },
      { name: "vouch:source", value: "uv.lock" },
      { name: "vouch:unread", value: "ios/Podfile.lock" },
      { name: "vouch:declared-only", value: "pom.xml" },
      { name: "vouch:warning", value: "pom.xml: org.x:y: managed by a parent not in the tree" },
    ],
  },
  components: [
    { purl: "pkg:npm/a@1", properties: [{ name: "vouch:direct", value: "true" }] },
    { purl: "pkg:pypi/b@2", properties: [{ name: "vouch:direct", value: "false" }] },
    { purl: "pkg:npm/%40s/c@3" },
    { name: "no-purl" },
  ],
};

Deno.test("inventorySummary: counts, direct, ecosystems by purl type, sources from the BOM", () => {
  assert.deepEqual(inventorySummary(BOM), {
    components: 4,
    direct: 1,
    ecosystems: { npm: 2, pypi: 1, unknown: 1 },
    sources: ["package-lock.json", "uv.lock"],
    unread: ["ios/Podfile.lock"],
    declared_only: ["pom.xml"],
    warnings: ["pom.xml: org.x:y: managed by a parent not in the tree"],
  });
  const empty = {
    components: 0,
    direct: 0,
    ecosystems: {},
    sources: [],
    unread: [],
    declared_only: [],
    warnings: [],
  };
  for (const bom of [undefined, null, [], {}, { components: "x", metadata: 1 }]) {
    assert.deepEqual(inventorySummary(bom), empty);
  }
});

Deno.test("deriveIndex: every field from the statement, the files and the BOM", async () => {
  const D = "d".repeat(64);
  const statement = buildStatement({
    subjects: [{ name: "app.whl", sha256: D, size: 7 }],
    context: {
      release: "v1",
      repository: "https://example.com/r",
      commitSha: "0".repeat(40),
      builderId: "https://example.com/builder",
      ci: "local",
    },
    inputs: [],
    startedOn: new Date("2024-01-02T03:04:05Z"),
    finishedOn: new Date("2024-01-02T03:04:09Z"),
    invocationId: "urn:uuid:x",
    tool: { name: "vouch", version: "9.9.9" },
    byproducts: [],
    signatures: [{
      path: FILES.hmacSignature,
      signs: FILES.provenance,
      algorithm: "hmac-sha256",
      keyid: "k",
    }],
    blockers: [{ code: "c.x", message: "m", hint: "h" }],
  });
  const files = new Map([
    [FILES.spdx, new TextEncoder().encode("spdx")],
    [FILES.provenance, new Uint8Array()],
  ]);
  assert.deepEqual(await deriveIndex(statement, { files, bom: BOM }), {
    schema: INDEX_SCHEMA,
    tool: { name: "vouch", version: "9.9.9" },
    release: "v1",
    repository: "https://example.com/r",
    commit_sha: "0".repeat(40),
    builder_id: "https://example.com/builder",
    created: "2024-01-02T03:04:05Z",
    passed: false,
    blockers: [{ code: "c.x", message: "m", hint: "h" }],
    subjects: [{ name: "app.whl", sha256: D, size: 7 }],
    files: [
      {
        path: FILES.provenance,
        kind: "provenance",
        sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        size: 0,
      },
      {
        path: FILES.spdx,
        kind: "sbom-spdx",
        sha256: "09506966808c1acee3f06944b77f62b4b6de3bc6689991ece66401eb8b42432f",
        size: 4,
      },
    ],
    signatures: [{
      path: FILES.hmacSignature,
      signs: FILES.provenance,
      algorithm: "hmac-sha256",
      keyid: "k",
    }],
    inventory: inventorySummary(BOM),
  });
});

Deno.test("attack: hostile JSON values: a purl that is not a string counts as unknown, never throws", () => {
  const bom = {
    components: [{ purl: { toString: 1 } }, { purl: [{ toString: 1 }] }, { purl: 7 }],
  };
  assert.deepEqual(inventorySummary(bom).ecosystems, { unknown: 3 });
});
