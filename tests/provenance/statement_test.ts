import assert from "node:assert/strict";
import type { BuildContext } from "../../src/provenance/context.ts";
import type { Subject } from "../../src/provenance/subjects.ts";
import {
  buildStatement,
  CYCLONEDX_PREDICATE_TYPE,
  IN_TOTO_STATEMENT_TYPE,
  sbomStatement,
  SLSA_PROVENANCE_TYPE,
  SPDX_PREDICATE_TYPE,
  type StatementInput,
  VOUCH_BUILD_TYPE,
} from "../../src/provenance/statement.ts";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const DIGEST_A = "a".repeat(64);
const DIGEST_B = "b".repeat(64);
const LOCK_DIGEST = "c".repeat(64);
const MANIFEST_DIGEST = "d".repeat(64);

const CONTEXT: BuildContext = {
  release: "v1.2.3",
  repository: "https://github.com/octo/app",
  commitSha: COMMIT,
  builderId: "https://github.com/octo/app/.github/workflows/release.yml@refs/tags/v1.2.3",
  ref: "refs/tags/v1.2.3",
  invocationUri: "https://github.com/octo/app/actions/runs/42/attempts/1",
  ci: "github-actions",
};

/** Hashed subjects as attest has them: with the local path, which must never be written. */
const SUBJECTS: Subject[] = [
  { name: "dist/app-linux.tar.gz", path: "/abs/dist/app-linux.tar.gz", sha256: DIGEST_A, size: 10 },
  { name: "dist/app-mac.tar.gz", path: "/abs/dist/app-mac.tar.gz", sha256: DIGEST_B, size: 20 },
];

function input(overrides: Partial<StatementInput> = {}): StatementInput {
  return {
    subjects: SUBJECTS,
    context: CONTEXT,
    inputs: [
      { name: "package-lock.json", sha256: LOCK_DIGEST },
      { name: "package.json", sha256: MANIFEST_DIGEST },
    ],
    startedOn: new Date("2024-03-01T10:20:30.456Z"),
    finishedOn: new Date("2024-03-01T10:21:05.999Z"),
    invocationId: "urn:uuid:11111111-2222-5333-8444-555555555555",
    tool: { name: "vouch", version: "0.1.0" },
    byproducts: [
      { name: "SHA256SUMS", digest: { sha256: DIGEST_A }, mediaType: "text/plain" },
      { name: "sbom.spdx.json", digest: { sha256: DIGEST_B }, mediaType: "application/spdx+json" },
    ],
    signatures: [{
      path: "signature.hmac-sha256.json",
      signs: "provenance.intoto.json",
      algorithm: "hmac-sha256",
      keyid: "ci",
    }],
    blockers: [{ code: "inventory.x", message: "m", hint: "h" }],
    ...overrides,
  };
}

Deno.test("buildStatement: in-toto v1 statement with a SLSA v1 predicate", () => {
  assert.equal(IN_TOTO_STATEMENT_TYPE, "https://in-toto.io/Statement/v1");
  assert.equal(SLSA_PROVENANCE_TYPE, "https://slsa.dev/provenance/v1");
  assert.deepEqual(buildStatement(input()), {
    _type: "https://in-toto.io/Statement/v1",
    subject: [
      { name: "dist/app-linux.tar.gz", digest: { sha256: DIGEST_A }, annotations: { size: 10 } },
      { name: "dist/app-mac.tar.gz", digest: { sha256: DIGEST_B }, annotations: { size: 20 } },
    ],
    predicateType: "https://slsa.dev/provenance/v1",
    predicate: {
      buildDefinition: {
        buildType: VOUCH_BUILD_TYPE,
        externalParameters: {
          release: "v1.2.3",
          repository: "https://github.com/octo/app",
          ref: "refs/tags/v1.2.3",
        },
        internalParameters: { ci: "github-actions" },
        resolvedDependencies: [
          {
            uri: "git+https://github.com/octo/app@refs/tags/v1.2.3",
            digest: { gitCommit: COMMIT },
          },
          { name: "package-lock.json", digest: { sha256: LOCK_DIGEST } },
          { name: "package.json", digest: { sha256: MANIFEST_DIGEST } },
        ],
      },
      runDetails: {
        builder: {
          id: "https://github.com/octo/app/.github/workflows/release.yml@refs/tags/v1.2.3",
          version: { vouch: "0.1.0" },
        },
        metadata: {
          invocationId: "https://github.com/octo/app/actions/runs/42/attempts/1",
          startedOn: "2024-03-01T10:20:30Z",
          finishedOn: "2024-03-01T10:21:05Z",
        },
        byproducts: [
          { name: "SHA256SUMS", digest: { sha256: DIGEST_A }, mediaType: "text/plain" },
          {
            name: "sbom.spdx.json",
            digest: { sha256: DIGEST_B },
            mediaType: "application/spdx+json",
          },
        ],
        vouch_signatures: [{
          path: "signature.hmac-sha256.json",
          signs: "provenance.intoto.json",
          algorithm: "hmac-sha256",
          keyid: "ci",
        }],
        vouch_blockers: [{ code: "inventory.x", message: "m", hint: "h" }],
      },
    },
  });
});

Deno.test("buildStatement: extension fields follow SLSA's <vendor>_<field> convention", () => {
  const run = buildStatement(input()).predicate.runDetails;
  const extensions = Object.keys(run).filter((k) =>
    !["builder", "metadata", "byproducts"].includes(k)
  );
  assert.deepEqual(extensions, ["vouch_signatures", "vouch_blockers"]);
});

Deno.test("buildStatement: the build type is an absolute https URI", () => {
  const { buildType } = buildStatement(input()).predicate.buildDefinition;
  assert.equal(new URL(buildType).protocol, "https:");
});

Deno.test("buildStatement: subjects never carry local paths; the size is an annotation", () => {
  const text = JSON.stringify(buildStatement(input()));
  assert.ok(!text.includes("/abs/"), text);
  for (const s of buildStatement(input()).subject) {
    assert.deepEqual(Object.keys(s), ["name", "digest", "annotations"]);
    assert.deepEqual(Object.keys(s.annotations), ["size"]);
  }
});

Deno.test("buildStatement: without a CI run URI the given invocation id is used", () => {
  const context: BuildContext = { ...CONTEXT, invocationUri: undefined, ci: "local" };
  const st = buildStatement(input({ context }));
  assert.equal(
    st.predicate.runDetails.metadata.invocationId,
    "urn:uuid:11111111-2222-5333-8444-555555555555",
  );
  assert.deepEqual(st.predicate.buildDefinition.internalParameters, { ci: "local" });
});

Deno.test("buildStatement: without a ref, no ref parameter and a bare source URI", () => {
  const context: BuildContext = { ...CONTEXT, ref: undefined };
  const def = buildStatement(input({ context })).predicate.buildDefinition;
  assert.deepEqual(def.externalParameters, {
    release: "v1.2.3",
    repository: "https://github.com/octo/app",
  });
  assert.deepEqual(def.resolvedDependencies[0], {
    uri: "git+https://github.com/octo/app",
    digest: { gitCommit: COMMIT },
  });
});

Deno.test("buildStatement: --exclude and --allow-unread are external parameters, when given", () => {
  const def = buildStatement(input({ scan: { exclude: ["examples", "docs/**"], allowUnread: [] } }))
    .predicate.buildDefinition;
  assert.deepEqual(def.externalParameters.exclude, ["examples", "docs/**"]);
  assert.equal("allowUnread" in def.externalParameters, false);
  const plain = buildStatement(input()).predicate.buildDefinition.externalParameters;
  assert.deepEqual(Object.keys(plain), ["release", "repository", "ref"]);
});

Deno.test("buildStatement: no inputs leaves only the source dependency", () => {
  const def = buildStatement(input({ inputs: [] })).predicate.buildDefinition;
  assert.equal(def.resolvedDependencies.length, 1);
  assert.equal(def.resolvedDependencies[0].digest?.gitCommit, COMMIT);
});

Deno.test("buildStatement: timestamps are YYYY-MM-DDThh:mm:ssZ", () => {
  const meta = buildStatement(input()).predicate.runDetails.metadata;
  for (const t of [meta.startedOn, meta.finishedOn]) {
    assert.match(t, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  }
});

Deno.test("buildStatement: pure, the same input gives deep-equal output, input untouched", () => {
  const a = input();
  const before = structuredClone(a);
  const first = buildStatement(a);
  const second = buildStatement(a);
  assert.deepEqual(first, second);
  assert.notEqual(first, second);
  assert.deepEqual(buildStatement(input()), first);
  assert.deepEqual(a, before);
  assert.equal(JSON.stringify(buildStatement(input())), JSON.stringify(first));
});

Deno.test("sbomStatement: an in-toto statement about the subjects with the SBOM as predicate", () => {
  const subjects = input().subjects;
  const spdx = { spdxVersion: "SPDX-2.3", packages: [] };
  assert.deepEqual(
    sbomStatement(subjects, { predicateType: SPDX_PREDICATE_TYPE, document: spdx }),
    {
      _type: "https://in-toto.io/Statement/v1",
      subject: [
        { name: "dist/app-linux.tar.gz", digest: { sha256: DIGEST_A }, annotations: { size: 10 } },
        { name: "dist/app-mac.tar.gz", digest: { sha256: DIGEST_B }, annotations: { size: 20 } },
      ],
      predicateType: "https://spdx.dev/Document",
      predicate: spdx,
    },
  );
  assert.equal(CYCLONEDX_PREDICATE_TYPE, "https://cyclonedx.org/bom");
  const cdx = sbomStatement(subjects, {
    predicateType: CYCLONEDX_PREDICATE_TYPE,
    document: { bomFormat: "CycloneDX" },
  });
  assert.equal(cdx.predicateType, "https://cyclonedx.org/bom");
  // The same subject list as the provenance statement.
  assert.deepEqual(cdx.subject, buildStatement(input()).subject);
});
