import assert from "node:assert/strict";
import { isVouchError } from "../../src/errors.ts";
import { ROOT_ID } from "../../src/inventory/types.ts";
import { type SpdxDocument, type SpdxPackage, toSpdx } from "../../src/sbom/spdx.ts";
import { skipWithoutShared } from "../_util.ts";
import { validateSpdx } from "../_schemas.ts";
import {
  allInventories,
  collidingInventory,
  distributedInventory,
  emptyInventory,
  OPTIONS,
  RICH,
  richInventory,
  tinyInventory,
} from "./_inventories.ts";

function byName(doc: SpdxDocument, name: string, version?: string): SpdxPackage {
  const found = doc.packages.filter((p) => p.name === name && p.versionInfo === version);
  assert.equal(found.length, 1, `exactly one package ${name} ${version}`);
  return found[0];
}

function triples(doc: SpdxDocument): string[] {
  return doc.relationships.map((r) =>
    `${r.spdxElementId} ${r.relationshipType} ${r.relatedSpdxElement}`
  );
}

Deno.test("toSpdx: every test inventory validates against the SPDX 2.3 schema", async () => {
  if (skipWithoutShared("SPDX schema validation")) return;
  for (const [name, inventory] of Object.entries(allInventories())) {
    assert.deepEqual(validateSpdx(await toSpdx(inventory, OPTIONS)), [], name);
  }
});

Deno.test("validateSpdx: reports a broken document (the check can fail)", async () => {
  if (skipWithoutShared("SPDX schema validation")) return;
  const doc = await toSpdx(richInventory(), OPTIONS);
  const broken = structuredClone(doc) as unknown as Record<string, unknown>;
  (broken.packages as Record<string, unknown>[])[1].externalRefs = [{
    referenceCategory: "PACKAGE_MANAGER",
    referenceType: "purl",
    referenceLocator: "pkg:npm/x@1",
  }];
  assert.notDeepEqual(validateSpdx(broken), []);
  const dangling = structuredClone(doc);
  dangling.relationships[1].relatedSpdxElement = "SPDXRef-nowhere";
  assert.match(validateSpdx(dangling).join("\n"), /unknown element "SPDXRef-nowhere"/);
  const badId = structuredClone(doc);
  badId.packages[2].SPDXID = "SPDXRef-a/b";
  assert.notDeepEqual(validateSpdx(badId), []);
});

Deno.test("toSpdx: document header and creation info", async () => {
  const doc = await toSpdx(tinyInventory(), OPTIONS);
  assert.equal(doc.spdxVersion, "SPDX-2.3");
  assert.equal(doc.dataLicense, "CC0-1.0");
  assert.equal(doc.SPDXID, "SPDXRef-DOCUMENT");
  assert.equal(doc.name, "demo-1.0.0");
  assert.equal(doc.creationInfo.created, "2024-05-06T07:08:09Z");
  assert.deepEqual(doc.creationInfo.creators, ["Tool: vouch-0.1.0"]);
  assert.equal(doc.creationInfo.comment, "Inventory read from: pyproject.toml, uv.lock");
  assert.match(
    doc.documentNamespace,
    /^https:\/\/spdx\.org\/spdxdocs\/demo-1\.0\.0-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.equal((await toSpdx(emptyInventory(), OPTIONS)).name, "empty");
});

Deno.test("toSpdx: created is formatted without milliseconds, in UTC", async () => {
  const created = new Date(Date.UTC(1999, 11, 31, 23, 59, 58, 999));
  const doc = await toSpdx(tinyInventory(), { ...OPTIONS, created });
  assert.equal(doc.creationInfo.created, "1999-12-31T23:59:58Z");
});

Deno.test("toSpdx: an invalid creation time is a VouchError", async () => {
  await assert.rejects(
    () => toSpdx(tinyInventory(), { ...OPTIONS, created: new Date(Number.NaN) }),
    (e: unknown) => isVouchError(e) && e.code === "time.invalid",
  );
});

Deno.test("toSpdx: packages of the tiny inventory", async () => {
  const doc = await toSpdx(tinyInventory(), OPTIONS);
  assert.deepEqual(doc.packages, [
    {
      SPDXID: "SPDXRef-Root-demo",
      name: "demo",
      versionInfo: "1.0.0",
      downloadLocation: "NOASSERTION",
      filesAnalyzed: false,
      licenseConcluded: "NOASSERTION",
      licenseDeclared: "MIT",
      copyrightText: "NOASSERTION",
      externalRefs: [{
        referenceCategory: "PACKAGE-MANAGER",
        referenceType: "purl",
        referenceLocator: "pkg:pypi/demo@1.0.0",
      }],
      primaryPackagePurpose: "APPLICATION",
    },
    {
      SPDXID: "SPDXRef-Package-pypi-requests-2.32.3",
      name: "requests",
      versionInfo: "2.32.3",
      downloadLocation: "https://files.pythonhosted.org/packages/requests-2.32.3.tar.gz",
      filesAnalyzed: false,
      licenseConcluded: "NOASSERTION",
      licenseDeclared: "Apache-2.0",
      copyrightText: "NOASSERTION",
      checksums: [{
        algorithm: "SHA256",
        checksumValue: tinyInventory().components[0].hashes[0].hex,
      }],
      externalRefs: [{
        referenceCategory: "PACKAGE-MANAGER",
        referenceType: "purl",
        referenceLocator: "pkg:pypi/requests@2.32.3",
      }],
      primaryPackagePurpose: "LIBRARY",
    },
  ]);
  assert.deepEqual(triples(doc), [
    "SPDXRef-DOCUMENT DESCRIBES SPDXRef-Root-demo",
    "SPDXRef-Root-demo DEPENDS_ON SPDXRef-Package-pypi-requests-2.32.3",
  ]);
});

Deno.test("toSpdx: one relationship per edge kind, members contained, sorted and unique", async () => {
  const inventory = richInventory();
  inventory.edges.push({ ...inventory.edges[0] }); // a duplicate edge must not duplicate output
  const doc = await toSpdx(inventory, OPTIONS);
  const id = (name: string, version?: string): string => byName(doc, name, version).SPDXID;
  const root = id("@acme/app", "2.0.0");
  const rels = triples(doc);
  assert.equal(rels[0], `SPDXRef-DOCUMENT DESCRIBES ${root}`);
  for (
    const expected of [
      `${root} CONTAINS ${id("@acme/cli", "2.0.0")}`,
      `${root} CONTAINS ${id("@acme/core", "2.0.0")}`,
      `${root} DEPENDS_ON ${id("@acme/cli", "2.0.0")}`,
      `${id("@acme/cli", "2.0.0")} DEPENDS_ON ${id("@acme/core", "2.0.0")}`,
      `${id("@acme/core", "2.0.0")} DEPENDS_ON ${id("lodash", "4.17.21")}`,
      `${id("@acme/cli", "2.0.0")} DEPENDS_ON ${id("lodash", "3.10.1")}`,
      `${id("@babel/core", "7.24.0")} DEPENDS_ON ${id("lodash", "4.17.21")}`,
      `${id("typescript", "5.4.5")} DEV_DEPENDENCY_OF ${root}`,
      `${id("@babel/core", "7.24.0")} DEV_DEPENDENCY_OF ${root}`,
      `${id("httpx")} DEV_DEPENDENCY_OF ${root}`,
      `${id("fsevents", "2.3.3")} OPTIONAL_DEPENDENCY_OF ${id("@acme/cli", "2.0.0")}`,
      `${id("esbuild", "0.20.2")} BUILD_DEPENDENCY_OF ${root}`,
    ]
  ) assert.ok(rels.includes(expected), `missing: ${expected}`);
  // DESCRIBES + 2 CONTAINS + one per unique edge.
  assert.equal(rels.length, 1 + 2 + richInventory().edges.length);
  const rest = rels.slice(1);
  assert.deepEqual(rest, [...new Set(rest)].sort());
});

Deno.test("toSpdx: no dangling references, SPDXIDs valid and unique", async () => {
  for (const [name, inventory] of Object.entries(allInventories())) {
    const doc = await toSpdx(inventory, OPTIONS);
    const ids = doc.packages.map((p) => p.SPDXID);
    assert.equal(new Set(ids).size, ids.length, name);
    for (const id of ids) assert.match(id, /^SPDXRef-[A-Za-z0-9.-]+$/, name);
    const known = new Set([...ids, "SPDXRef-DOCUMENT"]);
    for (const r of doc.relationships) {
      assert.ok(
        known.has(r.spdxElementId) && known.has(r.relatedSpdxElement),
        `${name}: ${JSON.stringify(r)}`,
      );
    }
    assert.equal(
      doc.packages.length,
      1 + inventory.members.length + inventory.components.length,
      name,
    );
  }
});

Deno.test("toSpdx: an edge to an unknown node, or a reused id, throws", async () => {
  const dangling = tinyInventory();
  dangling.edges.push({ from: ROOT_ID, to: "pkg:pypi/ghost@1.0.0", scope: "runtime" });
  await assert.rejects(() => toSpdx(dangling, OPTIONS), /unknown node "pkg:pypi\/ghost@1\.0\.0"/);
  const badFrom = tinyInventory();
  badFrom.edges.push({ from: "nobody", to: badFrom.components[0].id, scope: "dev" });
  await assert.rejects(() => toSpdx(badFrom, OPTIONS), /unknown node "nobody"/);
  const reused = tinyInventory();
  reused.members.push({ id: reused.components[0].id, name: "requests" });
  await assert.rejects(() => toSpdx(reused, OPTIONS), /used more than once/);
});

Deno.test("toSpdx: SPDXIDs are sanitized, and collisions are settled deterministically", async () => {
  const doc = await toSpdx(collidingInventory(), OPTIONS);
  assert.equal(doc.packages[0].SPDXID, "SPDXRef-Root-my-project");
  const ids = new Map(
    doc.packages.slice(1).map((p) => [p.externalRefs![0].referenceLocator, p.SPDXID]),
  );
  assert.equal(ids.get("pkg:npm/c@1.0.0"), "SPDXRef-Package-npm-c-1.0.0");
  const colliding = ["pkg:npm/a_b@1.0.0", "pkg:npm/a-b@1.0.0", "pkg:npm/a%2Bb@1.0.0"].map((p) =>
    ids.get(p)!
  );
  for (const id of colliding) assert.match(id, /^SPDXRef-Package-npm-a-b-1\.0\.0-[0-9a-f]{8}$/);
  assert.equal(new Set(colliding).size, 3);
  // The same ids whatever the input order.
  const reversed = collidingInventory();
  reversed.components.reverse();
  reversed.edges.reverse();
  assert.deepEqual(await toSpdx(reversed, OPTIONS), doc);
  // Without the collision, the plain sanitized id is used.
  const single = collidingInventory();
  single.components = single.components.filter((c) => c.id === "pkg:npm/a-b@1.0.0");
  single.edges = single.edges.filter((e) => e.to === "pkg:npm/a-b@1.0.0");
  assert.equal((await toSpdx(single, OPTIONS)).packages[1].SPDXID, "SPDXRef-Package-npm-a-b-1.0.0");
});

Deno.test("toSpdx: scoped names, git qualifiers, hashes and download locations", async () => {
  const doc = await toSpdx(richInventory(), OPTIONS);
  const babel = byName(doc, "@babel/core", "7.24.0");
  assert.equal(babel.SPDXID, "SPDXRef-Package-npm-babel-core-7.24.0");
  assert.deepEqual(babel.externalRefs, [{
    referenceCategory: "PACKAGE-MANAGER",
    referenceType: "purl",
    referenceLocator: RICH.babel,
  }]);
  assert.deepEqual(babel.checksums!.map((c) => c.algorithm), ["MD5", "SHA384"]);
  assert.deepEqual(byName(doc, "lodash", "4.17.21").checksums!.map((c) => c.algorithm), [
    "SHA512",
  ]);
  assert.deepEqual(byName(doc, "lodash", "3.10.1").checksums!.map((c) => c.algorithm), ["SHA1"]);
  const serde = byName(doc, "serde", "1.0.200");
  assert.equal(serde.externalRefs![0].referenceLocator, RICH.serde);
  assert.equal(serde.downloadLocation, "git+https://github.com/serde-rs/serde?rev=abc123#abc123");
  assert.equal(byName(doc, "vendored", "0.1.0").downloadLocation, "NOASSERTION"); // a local path
  assert.equal(byName(doc, "typescript", "5.4.5").downloadLocation, "NOASSERTION");
  assert.equal(byName(doc, "typescript", "5.4.5").checksums, undefined);
});

Deno.test("toSpdx: purposes and licenses", async () => {
  const doc = await toSpdx(richInventory(), OPTIONS);
  const root = byName(doc, "@acme/app", "2.0.0");
  assert.equal(root.primaryPackagePurpose, "APPLICATION");
  assert.equal(root.licenseDeclared, "Apache-2.0 OR MIT");
  assert.equal(root.description, "The app");
  for (const p of doc.packages.slice(1)) assert.equal(p.primaryPackagePurpose, "LIBRARY");
  assert.equal(byName(doc, "serde", "1.0.200").licenseDeclared, "MIT OR Apache-2.0");
  assert.equal(byName(doc, "@babel/core", "7.24.0").licenseDeclared, "NOASSERTION"); // free text
  for (const p of doc.packages) {
    assert.equal(p.licenseConcluded, "NOASSERTION");
    assert.equal(p.copyrightText, "NOASSERTION");
    assert.equal(p.filesAnalyzed, false);
  }
});

Deno.test("toSpdx: an unpinned component has no version and records its specifier", async () => {
  const httpx = byName(await toSpdx(richInventory(), OPTIONS), "httpx");
  assert.equal("versionInfo" in httpx, false);
  assert.match(httpx.comment!, /">=0\.27,<1"/);
  const pinned = byName(await toSpdx(richInventory(), OPTIONS), "lodash", "4.17.21");
  assert.equal(pinned.comment, undefined);
});

Deno.test("toSpdx: the empty inventory has the root package and DESCRIBES only", async () => {
  const doc = await toSpdx(emptyInventory(), OPTIONS);
  assert.equal(doc.packages.length, 1);
  assert.equal(doc.packages[0].versionInfo, undefined);
  assert.equal(doc.packages[0].externalRefs, undefined);
  assert.deepEqual(triples(doc), [`SPDXRef-DOCUMENT DESCRIBES ${doc.packages[0].SPDXID}`]);
  assert.equal(doc.creationInfo.comment, "Inventory read from: (no files)");
});

Deno.test("toSpdx: deterministic; the namespace follows content, not the creation time", async () => {
  const first = await toSpdx(richInventory(), OPTIONS);
  const again = await toSpdx(richInventory(), OPTIONS);
  assert.deepEqual(again, first);
  assert.equal(JSON.stringify(again), JSON.stringify(first));

  const later = await toSpdx(richInventory(), {
    ...OPTIONS,
    created: new Date("2030-01-01T00:00:00Z"),
  });
  assert.equal(later.documentNamespace, first.documentNamespace);
  assert.notEqual(later.creationInfo.created, first.creationInfo.created);

  const changed = richInventory();
  changed.components[0] = { ...changed.components[0], license: "ISC" };
  assert.notEqual((await toSpdx(changed, OPTIONS)).documentNamespace, first.documentNamespace);

  const bumped = tinyInventory();
  bumped.components[0].version = "2.32.4";
  assert.notEqual(
    (await toSpdx(bumped, OPTIONS)).documentNamespace,
    (await toSpdx(tinyInventory(), OPTIONS)).documentNamespace,
  );
});

Deno.test("toSpdx: a package of several files has no checksums; its files are in the comment", async () => {
  const doc = await toSpdx(distributedInventory(), OPTIONS);
  const wheels = byName(doc, "pydantic_core", "2.27.1");
  assert.equal(wheels.checksums, undefined);
  assert.match(
    wheels.comment ?? "",
    /^Distributed as 2 files \(per-file hashes\): https:\/\/\S+manylinux\.whl sha256:[0-9a-f]{64}; /,
  );
  assert.match(
    byName(doc, "certifi", "2024.7.4").comment ?? "",
    /certifi-2024\.7\.4\.tar\.gz sha256:/,
  );
  assert.match(byName(doc, "Django", "5.0.7").comment ?? "", /\(unnamed file\) sha256:/);
  const tiny = await toSpdx(tinyInventory(), OPTIONS);
  assert.equal(byName(tiny, "requests", "2.32.3").checksums?.length, 1, "one file: its checksum");
});

Deno.test("toSpdx: what a package's archive bundles is named in its comment", async () => {
  const inventory = richInventory();
  inventory.components.find((c) => c.id === RICH.lodash4)!.bundled = ["@npmcli/fs", "semver"];
  const doc = await toSpdx(inventory, OPTIONS);
  assert.equal(
    byName(doc, "lodash", "4.17.21").comment,
    "Its archive bundles @npmcli/fs, semver (at versions the lockfile does not record).",
  );
  assert.equal(byName(doc, "lodash", "3.10.1").comment, undefined);
  if (skipWithoutShared("SPDX schema validation")) return;
  assert.deepEqual(validateSpdx(doc), []);
});

Deno.test("toSpdx: licenseDeclared only for listed SPDX expressions; other text kept in the comment", async () => {
  const doc = await toSpdx(distributedInventory(), OPTIONS);
  assert.equal(byName(doc, "@std/path", "1.0.8").licenseDeclared, "MIT", "canonical case");
  const django = byName(doc, "Django", "5.0.7");
  assert.equal(django.licenseDeclared, "NOASSERTION");
  assert.match(
    django.comment ?? "",
    /Declared license \(not an SPDX license expression\): "BSD License"\./,
  );
  const certifi = byName(doc, "certifi", "2024.7.4");
  assert.equal(
    certifi.licenseDeclared,
    "NOASSERTION",
    "a LicenseRef needs its text in the document",
  );
  assert.match(certifi.comment ?? "", /Declared license: MPL-2\.0 OR LicenseRef-Certifi/);
  const root = byName(doc, "dist-demo", "3.0.0");
  assert.equal(root.licenseDeclared, "NOASSERTION");
  assert.match(root.comment ?? "", /LicenseRef-Acme-Proprietary/);
  assert.equal(byName(doc, "pydantic_core", "2.27.1").licenseDeclared, "NOASSERTION");
});

Deno.test("toSpdx: files found but not read are named in creationInfo.comment", async () => {
  const doc = await toSpdx(distributedInventory(), OPTIONS);
  assert.equal(
    doc.creationInfo.comment,
    "Inventory read from: poetry.lock, uv.lock. Found but not read: bun.lockb, ios/Podfile.lock",
  );
  const tiny = await toSpdx(tinyInventory(), OPTIONS);
  assert.equal(tiny.creationInfo.comment, "Inventory read from: pyproject.toml, uv.lock");
});
