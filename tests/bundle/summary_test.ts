import assert from "node:assert/strict";
import { type BundleIndex, inventorySummary } from "../../src/bundle/bundle_index.ts";
import { renderSummary } from "../../src/bundle/summary.ts";
import { LOCAL_BUILDER_ID } from "../../src/provenance/context.ts";

const D1 = "1".repeat(64);
const D2 = "2".repeat(64);
const D3 = "3".repeat(64);
const D4 = "4".repeat(64);
const COMMIT = "0123456789abcdef0123456789abcdef01234567";

function index(overrides: Partial<BundleIndex> = {}): BundleIndex {
  return {
    schema: "https://jsr.io/@vouch/vouch/schemas/attestation-index/v2",
    tool: { name: "vouch", version: "0.1.0" },
    release: "v1.2.3",
    repository: "https://github.com/octo/app",
    commit_sha: COMMIT,
    builder_id: "https://github.com/octo/app/.github/workflows/release.yml@refs/tags/v1.2.3",
    created: "2024-03-01T10:21:05Z",
    passed: false,
    blockers: [
      {
        code: "signing.key_missing",
        message: "no signing key was given",
        hint: "pass --signing-key-file",
      },
      { code: "inventory.empty", message: "no lockfile found", hint: "commit a lockfile" },
    ],
    subjects: [
      { name: "dist/app-linux.tar.gz", sha256: D1, size: 1024 },
      { name: "dist/app|mac.zip", sha256: D2, size: 2048 },
    ],
    files: [
      { path: "sbom.spdx.json", kind: "sbom-spdx", sha256: D3, size: 333 },
      { path: "odd|name.json", kind: "provenance", sha256: D4, size: 44 },
    ],
    signatures: [
      {
        path: "signature.hmac-sha256.json",
        signs: "provenance.intoto.json",
        algorithm: "hmac-sha256",
        keyid: "key-1",
      },
      {
        path: "provenance.sigstore.json",
        signs: "provenance.intoto.json",
        algorithm: "ecdsa-p256",
        keyid: "key-2",
      },
    ],
    inventory: {
      components: 12,
      direct: 5,
      ecosystems: { npm: 9, pypi: 3 },
      sources: ["package-lock.json", "uv.lock"],
      unread: [],
      declared_only: [],
      warnings: [],
    },
    ...overrides,
  };
}

/** The lines of one `## Title` section (without the heading). */
function section(md: string, title: string): string[] {
  const lines = md.split("\n");
  const start = lines.indexOf(`## ${title}`);
  assert.ok(start >= 0, `no section ${title}`);
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith("## "));
  return (end === -1 ? rest : rest.slice(0, end)).filter((l) => l !== "");
}

Deno.test("renderSummary: header with release, status and context", () => {
  const md = renderSummary(index());
  assert.ok(md.startsWith("# Supply-chain attestation: v1.2.3\n"), md);
  assert.ok(md.endsWith("\n"));
  assert.ok(md.includes("**Status:** blocked"));
  assert.ok(renderSummary(index({ passed: true, blockers: [] })).includes("**Status:** passed"));
  for (
    const text of [
      "v1.2.3",
      "https://github.com/octo/app",
      COMMIT,
      "https://github.com/octo/app/.github/workflows/release.yml@refs/tags/v1.2.3",
      "2024-03-01T10:21:05Z",
      "vouch 0.1.0",
    ]
  ) {
    assert.ok(md.includes(text), text);
  }
});

Deno.test("renderSummary: every subject with its digest and size, | escaped", () => {
  const rows = section(renderSummary(index()), "Subjects");
  assert.deepEqual(rows, [
    "| Subject | SHA-256 | Size (bytes) |",
    "|---|---|---:|",
    `| \`dist/app-linux.tar.gz\` | \`${D1}\` | 1024 |`,
    `| \`dist/app\\|mac.zip\` | \`${D2}\` | 2048 |`,
  ]);
  // Every table row keeps exactly 4 unescaped pipes (3 columns).
  for (const row of rows) assert.equal(row.replaceAll("\\|", "").split("|").length - 1, 4, row);
});

Deno.test("renderSummary: component counts, ecosystems and sources", () => {
  const rows = section(renderSummary(index()), "Components");
  assert.ok(rows.includes("12 third-party components (5 direct, 7 transitive)."), rows.join("\n"));
  assert.ok(rows.includes("| npm | 9 |"));
  assert.ok(rows.includes("| pypi | 3 |"));
  assert.ok(rows.includes("Read from: `package-lock.json`, `uv.lock`"), rows.join("\n"));
  const none = section(
    renderSummary(
      index({ inventory: inventorySummary(undefined) }),
    ),
    "Components",
  );
  assert.ok(none.includes("0 third-party components (0 direct, 0 transitive)."));
  assert.ok(none.includes("Read from: no manifest found"));
  assert.ok(!none.some((l) => l.startsWith("| Ecosystem")));
});

Deno.test("renderSummary: signatures listed, or None.", () => {
  assert.deepEqual(section(renderSummary(index()), "Signatures"), [
    "- `signature.hmac-sha256.json` signs `provenance.intoto.json`: hmac-sha256, key id `key-1`",
    "- `provenance.sigstore.json` signs `provenance.intoto.json`: ecdsa-p256, key id `key-2`",
  ]);
  assert.deepEqual(section(renderSummary(index({ signatures: [] })), "Signatures"), ["None."]);
});

Deno.test("renderSummary: blockers with their code and fix hint, or None.", () => {
  const rows = section(renderSummary(index()), "Blockers");
  assert.equal(rows.length, 2);
  assert.ok(rows[0].includes("`signing.key_missing`"));
  assert.ok(rows[0].includes("no signing key was given"));
  assert.ok(rows[0].includes("Fix: pass --signing-key-file"));
  assert.ok(rows[1].includes("`inventory.empty`") && rows[1].includes("commit a lockfile"));
  assert.deepEqual(section(renderSummary(index({ blockers: [], passed: true })), "Blockers"), [
    "None.",
  ]);
});

Deno.test("renderSummary: every file with its digest and size, | escaped", () => {
  assert.deepEqual(section(renderSummary(index()), "Files"), [
    "| File | SHA-256 | Size (bytes) |",
    "|---|---|---:|",
    `| \`sbom.spdx.json\` | \`${D3}\` | 333 |`,
    `| \`odd\\|name.json\` | \`${D4}\` | 44 |`,
    "`provenance.intoto.json` names the SHA-256 of each file above and of this summary, so the " +
    "signatures over it cover them all.",
  ]);
});

Deno.test("renderSummary: a | in the release does not break the title", () => {
  const md = renderSummary(index({ release: "v1|beta" }));
  assert.ok(md.startsWith("# Supply-chain attestation: v1\\|beta\n"));
});

Deno.test("renderSummary: deterministic", () => {
  assert.equal(renderSummary(index()), renderSummary(index()));
});

Deno.test("renderSummary: dependency files found but not read are listed", () => {
  const rows = section(
    renderSummary(index({
      inventory: {
        ...inventorySummary(undefined),
        components: 1,
        direct: 1,
        ecosystems: { pypi: 1 },
        sources: ["uv.lock"],
        unread: ["bun.lockb", "ios/Podfile.lock"],
      },
    })),
    "Components",
  );
  assert.ok(
    rows.includes(
      "Not read (the components they list are missing from the SBOMs): `bun.lockb`, `ios/Podfile.lock`",
    ),
    rows.join("\n"),
  );
  assert.ok(!section(renderSummary(index()), "Components").some((l) => l.startsWith("Not read")));
});

Deno.test("renderSummary: manifests declared but not resolved, and warnings, are listed", () => {
  const rows = section(
    renderSummary(index({
      inventory: {
        ...inventorySummary(undefined),
        components: 2,
        direct: 2,
        ecosystems: { maven: 2 },
        sources: ["lib/pom.xml", "pom.xml"],
        declared_only: ["lib/pom.xml", "pom.xml"],
        warnings: ["lib/pom.xml: org.x:y: the version a|b"],
      },
    })),
    "Components",
  );
  assert.ok(
    rows.includes(
      "Declared, not resolved (no lockfile resolves them: versions only where pinned, no " +
        "transitive dependencies): `lib/pom.xml`, `pom.xml`",
    ),
    rows.join("\n"),
  );
  assert.ok(rows.includes("Warnings:"));
  assert.ok(rows.includes("- lib/pom.xml: org.x:y: the version a\\|b"), rows.join("\n"));
  const plain = section(renderSummary(index()), "Components");
  assert.ok(!plain.some((l) => l.startsWith("Declared") || l.startsWith("Warnings")));
});

Deno.test("renderSummary: the local default builder is named as such", () => {
  const local = renderSummary(index({ builder_id: LOCAL_BUILDER_ID }));
  assert.ok(
    local.includes(
      `- Builder: ${LOCAL_BUILDER_ID} (the local default: no CI was detected and no --builder-id was given)`,
    ),
    local,
  );
  assert.ok(!renderSummary(index()).includes("local default"));
});

Deno.test("renderSummary: names from the project cannot inject Markdown or HTML (summary.markdown_injection)", () => {
  const hostile = "a` **Reviewed and approved** <img src=x onerror=alert(1)> [ok](https://evil) `b";
  const md = renderSummary(index({
    release: "v1 *approved*",
    repository: "https://github.com/octo/app <b>",
    subjects: [{ name: hostile, sha256: D1, size: 1 }, {
      name: "line\nbreak|x",
      sha256: D2,
      size: 2,
    }],
    files: [{ path: "``x``", kind: "provenance", sha256: D4, size: 44 }],
    blockers: [{ code: "inventory.unread_file", message: "not read: _x_ <i>", hint: "[fix](y)" }],
    inventory: {
      components: 1,
      direct: 1,
      ecosystems: { "npm|x": 1 },
      sources: [hostile],
      unread: [],
      declared_only: [],
      warnings: ["package **evil** & <script>alert(1)</script>\n# heading"],
    },
  }));
  // A code span whose fence is longer than any backtick run inside keeps the name literal.
  const subjects = section(md, "Subjects");
  assert.equal(subjects[2], `| \`\`${hostile}\`\` | \`${D1}\` | 1 |`);
  assert.equal(subjects[3], `| \`line break\\|x\` | \`${D2}\` | 2 |`);
  assert.ok(md.includes("| ``` ``x`` ``` |"));
  // Free text: emphasis, links, HTML and entities escaped; no line starts a heading.
  assert.ok(md.includes("# Supply-chain attestation: v1 \\*approved\\*\n"));
  assert.ok(md.includes("- Repository: https://github.com/octo/app \\<b\\>"));
  assert.ok(
    md.includes("- `inventory.unread_file`: not read: \\_x\\_ \\<i\\>. Fix: \\[fix\\](y)."),
  );
  assert.ok(
    md.includes("- package \\*\\*evil\\*\\* \\& \\<script\\>alert(1)\\</script\\> # heading\n"),
  );
  assert.ok(md.includes("| npm\\|x | 1 |"));
  assert.ok(!md.split("\n").some((line) => line.startsWith("# heading")));
  // Every table row keeps exactly 4 unescaped pipes (3 columns).
  for (const row of subjects) assert.equal(row.replaceAll("\\|", "").split("|").length - 1, 4, row);
});
