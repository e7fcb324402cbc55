import assert from "node:assert/strict";
import { isVouchError } from "../../src/errors.ts";
import { ROOT_ID } from "../../src/inventory/types.ts";
import {
  type CycloneDxComponent,
  type CycloneDxDocument,
  toCycloneDx,
} from "../../src/sbom/cyclonedx.ts";
import { validateCycloneDx } from "../_schemas.ts";
import {
  allInventories,
  DIST,
  distributedInventory,
  emptyInventory,
  OPTIONS,
  RICH,
  richInventory,
  tinyInventory,
} from "./_inventories.ts";

function byRef(bom: CycloneDxDocument, ref: string): CycloneDxComponent {
  const found = bom.components.find((c) => c["bom-ref"] === ref);
  assert.ok(found, `component ${ref}`);
  return found;
}

function property(component: CycloneDxComponent, name: string): string[] {
  return (component.properties ?? []).filter((p) => p.name === name).map((p) => p.value);
}

function dependsOn(bom: CycloneDxDocument, ref: string): string[] {
  const found = bom.dependencies.filter((d) => d.ref === ref);
  assert.equal(found.length, 1, `one dependency entry for ${ref}`);
  return found[0].dependsOn;
}

Deno.test("toCycloneDx: every test inventory passes the official 1.6 validator", async () => {
  for (const [name, inventory] of Object.entries(allInventories())) {
    for (const reproducible of [false, true]) {
      const bom = await toCycloneDx(inventory, { ...OPTIONS, reproducible });
      assert.deepEqual(await validateCycloneDx(bom), [], name);
    }
  }
});

Deno.test("validateCycloneDx: reports a broken BOM (the check can fail)", async () => {
  const bom = await toCycloneDx(richInventory(), OPTIONS);
  const badScope = structuredClone(bom) as unknown as { components: Record<string, unknown>[] };
  badScope.components[0].scope = "dev";
  assert.notDeepEqual(await validateCycloneDx(badScope), []);
  const dangling = structuredClone(bom);
  dangling.dependencies[0].dependsOn.push("pkg:npm/ghost@1.0.0");
  assert.match((await validateCycloneDx(dangling)).join("\n"), /unknown bom-ref "pkg:npm\/ghost/);
});

Deno.test("toCycloneDx: header, timestamp and tools", async () => {
  const bom = await toCycloneDx(tinyInventory(), OPTIONS);
  assert.equal(bom.bomFormat, "CycloneDX");
  assert.equal(bom.specVersion, "1.6");
  assert.equal(bom.version, 1);
  assert.match(
    bom.serialNumber,
    /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.equal(bom.metadata.timestamp, "2024-05-06T07:08:09Z");
  assert.deepEqual(bom.metadata.tools, {
    components: [{ type: "application", name: "vouch", version: "0.1.0" }],
  });
  await assert.rejects(
    () => toCycloneDx(tinyInventory(), { ...OPTIONS, created: new Date("nonsense") }),
    (e: unknown) => isVouchError(e) && e.code === "time.invalid",
  );
});

Deno.test("toCycloneDx: metadata component is the root, with members nested", async () => {
  const bom = await toCycloneDx(richInventory(), OPTIONS);
  assert.deepEqual(bom.metadata.component, {
    type: "application",
    "bom-ref": ROOT_ID,
    name: "@acme/app",
    version: "2.0.0",
    description: "The app",
    licenses: [{ expression: "Apache-2.0 OR MIT" }],
    purl: "pkg:npm/%40acme/app@2.0.0",
    components: [
      { type: "library", "bom-ref": RICH.cli, name: "@acme/cli", version: "2.0.0", purl: RICH.cli },
      {
        type: "library",
        "bom-ref": RICH.core,
        name: "@acme/core",
        version: "2.0.0",
        purl: RICH.core,
      },
    ],
  });
  // Members are not third-party components.
  assert.equal(bom.components.some((c) => c["bom-ref"] === RICH.core), false);
  const empty = (await toCycloneDx(emptyInventory(), OPTIONS)).metadata.component;
  assert.deepEqual(empty, { type: "application", "bom-ref": ROOT_ID, name: "empty" });
});

Deno.test("toCycloneDx: cdx:reproducible only in reproducible mode; one vouch:source per file", async () => {
  const plain = await toCycloneDx(richInventory(), OPTIONS);
  assert.deepEqual(plain.metadata.properties, [
    { name: "vouch:source", value: "package-lock.json" },
    { name: "vouch:source", value: "package.json" },
    { name: "vouch:source", value: "pyproject.toml" },
  ]);
  const reproducible = await toCycloneDx(richInventory(), { ...OPTIONS, reproducible: true });
  assert.deepEqual(reproducible.metadata.properties?.[0], {
    name: "cdx:reproducible",
    value: "true",
  });
  assert.equal(reproducible.metadata.properties?.length, 4);
  assert.equal((await toCycloneDx(emptyInventory(), OPTIONS)).metadata.properties, undefined);
  assert.deepEqual(
    (await toCycloneDx(emptyInventory(), { ...OPTIONS, reproducible: true })).metadata.properties,
    [
      { name: "cdx:reproducible", value: "true" },
    ],
  );
});

Deno.test("toCycloneDx: the tiny inventory's component in full", async () => {
  const inventory = tinyInventory();
  assert.deepEqual((await toCycloneDx(inventory, OPTIONS)).components, [{
    type: "library",
    "bom-ref": "pkg:pypi/requests@2.32.3",
    name: "requests",
    version: "2.32.3",
    scope: "required",
    hashes: [{ alg: "SHA-256", content: inventory.components[0].hashes[0].hex }],
    licenses: [{ expression: "Apache-2.0" }],
    purl: "pkg:pypi/requests@2.32.3",
    externalReferences: [{
      type: "distribution",
      url: "https://files.pythonhosted.org/packages/requests-2.32.3.tar.gz",
    }],
    properties: [
      { name: "vouch:direct", value: "true" },
      { name: "vouch:scope", value: "runtime" },
    ],
  }]);
});

Deno.test("toCycloneDx: what a package's archive bundles is one vouch:bundled property per name, first", async () => {
  const inventory = richInventory();
  inventory.components.find((c) => c.id === RICH.lodash4)!.bundled = ["@npmcli/fs", "semver"];
  const bom = await toCycloneDx(inventory, OPTIONS);
  const lodash = byRef(bom, RICH.lodash4);
  assert.deepEqual(property(lodash, "vouch:bundled"), ["@npmcli/fs", "semver"]);
  assert.equal(lodash.properties?.[0].name, "vouch:bundled", "properties stay sorted by name");
  assert.deepEqual(property(byRef(bom, RICH.lodash3), "vouch:bundled"), []);
  assert.deepEqual(await validateCycloneDx(bom), []);
});

Deno.test("toCycloneDx: components are unique, sorted, with scope and vouch properties", async () => {
  const bom = await toCycloneDx(richInventory(), OPTIONS);
  const refs = bom.components.map((c) => c["bom-ref"]);
  assert.deepEqual(refs, [...new Set(refs)].sort());
  assert.equal(refs.length, richInventory().components.length);
  const scope = (ref: string): string | undefined => byRef(bom, ref).scope;
  assert.equal(scope(RICH.lodash4), "required"); // runtime
  assert.equal(scope(RICH.esbuild), "excluded"); // build only
  assert.equal(scope(RICH.babel), "required"); // dev + runtime
  assert.equal(scope(RICH.typescript), "excluded"); // dev only
  assert.equal(scope(RICH.fsevents), "optional"); // optional
  assert.deepEqual(property(byRef(bom, RICH.babel), "vouch:scope"), ["dev,runtime"]);
  assert.deepEqual(property(byRef(bom, RICH.typescript), "vouch:scope"), ["dev"]);
  assert.deepEqual(property(byRef(bom, RICH.typescript), "vouch:group"), ["lint", "test"]);
  assert.deepEqual(property(byRef(bom, RICH.lodash4), "vouch:direct"), ["false"]);
  assert.deepEqual(property(byRef(bom, RICH.esbuild), "vouch:direct"), ["true"]);
  assert.deepEqual(property(byRef(bom, RICH.lodash4), "vouch:specifier"), []);
  for (const component of bom.components) {
    const names = component.properties!.map((p) => `${p.name}=${p.value}`);
    assert.deepEqual(names, [...names].sort(), component["bom-ref"]);
  }
});

Deno.test("toCycloneDx: scoped names, git qualifiers, hashes, licenses, download URLs", async () => {
  const bom = await toCycloneDx(richInventory(), OPTIONS);
  const babel = byRef(bom, RICH.babel);
  assert.equal(babel.name, "@babel/core");
  assert.equal(babel.purl, RICH.babel);
  assert.deepEqual(babel.hashes!.map((h) => h.alg), ["MD5", "SHA-384"]);
  assert.deepEqual(babel.licenses, [{ license: { name: "BSD 3-Clause License" } }]); // free text
  assert.deepEqual(byRef(bom, RICH.lodash4).hashes!.map((h) => h.alg), ["SHA-512"]);
  assert.deepEqual(byRef(bom, RICH.lodash3).hashes!.map((h) => h.alg), ["SHA-1"]);
  const serde = byRef(bom, RICH.serde);
  assert.equal(serde.purl, RICH.serde);
  assert.deepEqual(serde.licenses, [{ expression: "MIT OR Apache-2.0" }]);
  // A git location is the repository, not a file: a vcs reference.
  assert.deepEqual(serde.externalReferences, [{
    type: "vcs",
    url: "git+https://github.com/serde-rs/serde?rev=abc123#abc123",
  }]);
  assert.equal(byRef(bom, RICH.vendored).externalReferences, undefined); // local path
  assert.equal(byRef(bom, RICH.typescript).externalReferences, undefined);
});

Deno.test("toCycloneDx: an unpinned component has no version and records its specifier", async () => {
  const httpx = byRef(await toCycloneDx(richInventory(), OPTIONS), RICH.httpx);
  assert.equal("version" in httpx, false);
  assert.deepEqual(property(httpx, "vouch:specifier"), [">=0.27,<1"]);
});

Deno.test("toCycloneDx: one dependency entry per node, merged across scopes, no dangling refs", async () => {
  const inventory = richInventory();
  inventory.edges.push({ from: RICH.cli, to: RICH.babel, scope: "dev" }); // same pair, other scope
  const bom = await toCycloneDx(inventory, OPTIONS);
  assert.deepEqual(
    bom.dependencies.map((d) => d.ref),
    [ROOT_ID, RICH.cli, RICH.core, ...bom.components.map((c) => c["bom-ref"])],
  );
  assert.deepEqual(dependsOn(bom, ROOT_ID), [
    RICH.cli,
    RICH.core,
    RICH.babel,
    RICH.esbuild,
    RICH.typescript,
    RICH.httpx,
  ]);
  assert.deepEqual(dependsOn(bom, RICH.cli), [
    RICH.serde,
    RICH.core,
    RICH.babel,
    RICH.fsevents,
    RICH.lodash3,
  ]);
  assert.deepEqual(dependsOn(bom, RICH.core), [RICH.vendored, RICH.lodash4]);
  assert.deepEqual(dependsOn(bom, RICH.babel), [RICH.lodash4]);
  assert.deepEqual(dependsOn(bom, RICH.lodash4), []);
  const refs = new Set([
    ROOT_ID,
    ...bom.metadata.component.components!.map((c) => c["bom-ref"]),
    ...bom.components.map((c) => c["bom-ref"]),
  ]);
  for (const d of bom.dependencies) {
    assert.ok(refs.has(d.ref), d.ref);
    for (const to of d.dependsOn) assert.ok(refs.has(to), to);
    assert.deepEqual(d.dependsOn, [...new Set(d.dependsOn)].sort());
  }
  assert.deepEqual((await toCycloneDx(emptyInventory(), OPTIONS)).dependencies, [
    { ref: ROOT_ID, dependsOn: [] },
  ]);
});

Deno.test("toCycloneDx: an edge to an unknown node throws", async () => {
  const inventory = tinyInventory();
  inventory.edges.push({
    from: inventory.components[0].id,
    to: "pkg:pypi/ghost",
    scope: "runtime",
  });
  await assert.rejects(() => toCycloneDx(inventory, OPTIONS), /unknown node "pkg:pypi\/ghost"/);
});

Deno.test("toCycloneDx: deterministic; the serial number follows content, not the timestamp", async () => {
  const first = await toCycloneDx(richInventory(), OPTIONS);
  const again = await toCycloneDx(richInventory(), OPTIONS);
  assert.deepEqual(again, first);
  assert.equal(JSON.stringify(again), JSON.stringify(first));

  const shuffled = richInventory();
  shuffled.components.reverse();
  shuffled.members.reverse();
  shuffled.edges.reverse();
  assert.deepEqual(await toCycloneDx(shuffled, OPTIONS), first);

  const later = await toCycloneDx(richInventory(), { ...OPTIONS, created: new Date(0) });
  assert.equal(later.serialNumber, first.serialNumber);
  assert.equal(later.metadata.timestamp, "1970-01-01T00:00:00Z");

  const changed = richInventory();
  changed.components[2] = { ...changed.components[2], version: "7.24.1" };
  assert.notEqual((await toCycloneDx(changed, OPTIONS)).serialNumber, first.serialNumber);
  const rehashed = tinyInventory();
  rehashed.components[0].hashes = [{ alg: "sha256", hex: "0".repeat(64) }];
  assert.notEqual(
    (await toCycloneDx(rehashed, OPTIONS)).serialNumber,
    (await toCycloneDx(tinyInventory(), OPTIONS)).serialNumber,
  );
});

Deno.test("toCycloneDx: several files are distribution references, each with its hashes", async () => {
  const bom = await toCycloneDx(distributedInventory(), OPTIONS);
  const wheels = byRef(bom, DIST.wheels);
  assert.equal(wheels.hashes, undefined, "no package-level hash for several files");
  assert.deepEqual(
    wheels.externalReferences?.map((r) => [r.url.split("/").at(-1), r.hashes?.length]),
    [["pydantic_core-2.27.1-cp312-cp312-manylinux.whl", 1], ["pydantic_core-2.27.1.tar.gz", 1]],
  );
  const poetry = byRef(bom, DIST.poetry).externalReferences!;
  assert.deepEqual(poetry.map((r) => r.url), [
    "certifi-2024.7.4-py3-none-any.whl",
    "certifi-2024.7.4.tar.gz",
  ]);
  assert.ok(poetry.every((r) => r.comment === "file name; the lockfile records no URL"));
  const pip = byRef(bom, DIST.pip);
  assert.equal(pip.externalReferences, undefined);
  assert.equal(property(pip, "vouch:distribution-hash").length, 2);
  assert.ok(property(pip, "vouch:distribution-hash").every((v) => /^sha256:[0-9a-f]{64}$/.test(v)));
  const jsr = byRef(bom, DIST.jsr);
  assert.deepEqual(jsr.externalReferences?.map((r) => r.hashes?.[0].alg), ["SHA-512"]);
});

Deno.test("toCycloneDx: scope runtime → required, optional → optional, dev/build only → excluded", async () => {
  const bom = await toCycloneDx(distributedInventory(), OPTIONS);
  assert.equal(byRef(bom, DIST.jsr).scope, "required");
  assert.equal(byRef(bom, DIST.wheels).scope, "optional");
  assert.equal(byRef(bom, DIST.poetry).scope, "excluded");
  assert.equal(byRef(bom, DIST.pip).scope, "excluded");
});

Deno.test("toCycloneDx: licenses as canonical expressions, free text by name", async () => {
  const bom = await toCycloneDx(distributedInventory(), OPTIONS);
  assert.deepEqual(byRef(bom, DIST.jsr).licenses, [{ expression: "MIT" }]);
  assert.deepEqual(byRef(bom, DIST.poetry).licenses, [{
    expression: "MPL-2.0 OR LicenseRef-Certifi",
  }]);
  assert.deepEqual(byRef(bom, DIST.pip).licenses, [{ license: { name: "BSD License" } }]);
  assert.equal(byRef(bom, DIST.wheels).licenses, undefined);
  assert.deepEqual(bom.metadata.component.licenses, [{
    expression: "LicenseRef-Acme-Proprietary",
  }]);
});

Deno.test("toCycloneDx: files found but not read are vouch:unread metadata properties", async () => {
  const bom = await toCycloneDx(distributedInventory(), OPTIONS);
  assert.deepEqual(
    bom.metadata.properties?.filter((p) => p.name === "vouch:unread").map((p) => p.value),
    ["bun.lockb", "ios/Podfile.lock"],
  );
  const plain = await toCycloneDx(tinyInventory(), OPTIONS);
  assert.ok(!plain.metadata.properties?.some((p) => p.name === "vouch:unread"));
});
