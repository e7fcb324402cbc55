import assert from "node:assert/strict";
import { readPnpmLock } from "../../../src/inventory/javascript/pnpm_lock.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { toCycloneDx } from "../../../src/sbom/mod.ts";
import { cpuStopwatch, fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../../_util.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { loadYamlParser } from "../../../src/inventory/_formats/yaml.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import {
  assertStaleMember,
  assertUndeclaredMember,
  assertValidSboms,
  byId,
  PNPM_V9_HEAD,
  STALE_MEMBER_FILES,
  UNDECLARED_MEMBER_FILES,
} from "./_js_readers.ts";
import { treeContext, writeTree } from "../_tree.ts";

/** The start of the `importers` of a v9 lock whose project depends on ms@2.1.3. */
const MS_ROOT_IMPORTER = [
  "importers:",
  "  .:",
  "    dependencies:",
  "      ms:",
  "        specifier: ^2.1.3",
  "        version: 2.1.3",
];

/** The end of a v9 lock that locks ms@2.1.3 alone: its `packages` and `snapshots`. */
const MS_ONLY = [
  "packages:",
  "  ms@2.1.3:",
  "    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}",
  "snapshots:",
  "  ms@2.1.3: {}",
  "",
];

function read(dir: string): ReturnType<typeof readPnpmLock> {
  const { load } = treeContext(dir);
  return readPnpmLock(load("pnpm-lock.yaml")!, { path: "pnpm-lock.yaml", load });
}

const IS_POSITIVE = "pkg:npm/is-positive@3.1.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fkevva" +
  "%2Fis-positive.git%4097edff6f525f192a3f83cea1944765f769ae2678";
// A hosted git package locked as a codeload tarball is its git source at that commit.
const LEFT_PAD = "pkg:npm/left-pad@1.3.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fstevemao" +
  "%2Fleft-pad.git%405e5a4e3";
const XLSX =
  "pkg:npm/xlsx@0.20.2?download_url=https:%2F%2Fcdn.sheetjs.com%2Fxlsx-0.20.2%2Fxlsx-0.20.2.tgz";

Deno.test("readPnpmLock: a package no importer reaches is dev, with a warning, whatever its flags", () => {
  // pnpm 12.23 `install --frozen-lockfile` of the v9 lock (pnpm's own, ms@2.1.3 added by hand, as
  // a merge leaves it) installs is-odd, is-number and left-pad, not ms: lockfile.filtering's
  // filterLockfileByImportersAndEngine keeps only what the importers' dependencies reach. The
  // v6 lock's `dev: false` said runtime.
  const v9 = [
    ...PNPM_V9_HEAD,
    "    dependencies:",
    "      is-odd:",
    "        specifier: 3.0.1",
    "        version: 3.0.1",
    "    devDependencies:",
    "      left-pad:",
    "        specifier: 1.3.0",
    "        version: 1.3.0",
    "",
    "packages:",
    "",
    "  is-number@6.0.0:",
    "    resolution: {integrity: sha512-Wu1VHeILBK8KAWJUAiSZQX94GmOE45Rg6/538fKwiloUu21KncEkYGPqob2oSZ5mUT73vLGrHQjKw3KMPwfDzg==}",
    "    engines: {node: '>=0.10.0'}",
    "",
    "  is-odd@3.0.1:",
    "    resolution: {integrity: sha512-CQpnWPrDwmP1+SMHXZhtLtJv90yiyVfluGsX5iNCVkrhQtU3TQHsUWPG9wkdk9Lgd5yNpAg9jQEo90CBaXgWMA==}",
    "    engines: {node: '>=4'}",
    "",
    "  left-pad@1.3.0:",
    "    resolution: {integrity: sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQGinBN9yTQT3bFlCBy/aVx2HrNcqQGsdot8ghrjyrvMCoEA==}",
    "",
    "  ms@2.1.3:",
    "    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}",
    "",
    "snapshots:",
    "",
    "  is-number@6.0.0: {}",
    "",
    "  is-odd@3.0.1:",
    "    dependencies:",
    "      is-number: 6.0.0",
    "",
    "  left-pad@1.3.0: {}",
    "",
    "  ms@2.1.3: {}",
  ];
  const v6 = [
    "lockfileVersion: '6.0'",
    "",
    "dependencies:",
    "  is-odd:",
    "    specifier: 3.0.1",
    "    version: 3.0.1",
    "",
    "packages:",
    "",
    "  /is-number@6.0.0:",
    "    resolution: {integrity: sha512-Wu1VHeILBK8KAWJUAiSZQX94GmOE45Rg6/538fKwiloUu21KncEkYGPqob2oSZ5mUT73vLGrHQjKw3KMPwfDzg==}",
    "    engines: {node: '>=0.10.0'}",
    "    dev: false",
    "",
    "  /is-odd@3.0.1:",
    "    resolution: {integrity: sha512-CQpnWPrDwmP1+SMHXZhtLtJv90yiyVfluGsX5iNCVkrhQtU3TQHsUWPG9wkdk9Lgd5yNpAg9jQEo90CBaXgWMA==}",
    "    engines: {node: '>=4'}",
    "    dependencies:",
    "      is-number: 6.0.0",
    "    dev: false",
    "",
    "  /ms@2.1.3:",
    "    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}",
    "    dev: false",
  ];
  for (const [lock, key] of [[v9, "ms@2.1.3"], [v6, "/ms@2.1.3"]] as const) {
    const out = readPnpmLock(lock.join("\n") + "\n", {
      path: "pnpm-lock.yaml",
      load: () => undefined,
    });
    assert.deepEqual(byId(out).get("pkg:npm/ms@2.1.3")?.scopes, ["dev"]);
    assert.deepEqual(byId(out).get("pkg:npm/is-number@6.0.0")?.scopes, ["runtime"]);
    assert.deepEqual(out.warnings, [
      `pnpm-lock.yaml locks ${key}, which no importer reaches (a lock edited by hand or merged; ` +
      "pnpm installs only what the importers reach, not it): the SBOM keeps it as the lock " +
      "does, dev",
    ]);
  }
});

Deno.test("readPnpmLock v9: importers are members, peers collapse, local folders are first-party", async () => {
  const out = read(fixture("js", "pnpm", "v9-workspace"));
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "demo-monorepo",
    version: "2.0.0",
    purl: "pkg:npm/demo-monorepo@2.0.0",
    license: "MIT",
  });
  assert.deepEqual(out.members, [
    {
      id: "workspace:packages/lib",
      name: "@demo/lib",
      version: "0.3.0",
      purl: "pkg:npm/%40demo/lib@0.3.0",
    },
    {
      id: "workspace:tools/local-plugin",
      name: "local-plugin",
      version: "0.0.1",
      purl: "pkg:npm/local-plugin@0.0.1",
    },
  ]);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:jsr/%40std/path@1.0.8", // @jsr/std__path is the JSR package
    "pkg:npm/%40demo/lib@0.3.0", // the registry copy of the member's name is a component
    "pkg:npm/JSONStream@1.3.5", // case kept
    "pkg:npm/ansi-regex@5.0.1",
    "pkg:npm/fsevents@2.3.3",
    IS_POSITIVE,
    "pkg:npm/js-tokens@4.0.0",
    LEFT_PAD,
    "pkg:npm/loose-envify@1.4.0",
    "pkg:npm/react-dom@18.2.0", // one component for react-dom@18.2.0(react@18.2.0)
    "pkg:npm/react@18.2.0",
    "pkg:npm/roughjs@4.6.6",
    "pkg:npm/string-width@4.2.3", // the alias string-width-cjs is the real package
    "pkg:npm/strip-ansi@6.0.1",
    "pkg:npm/typescript@5.4.5",
    XLSX,
  ]);
  const c = byId(out);
  assert.deepEqual(c.get("pkg:npm/roughjs@4.6.6")?.patches, ["patches/roughjs.patch"]);
  assert.deepEqual(c.get("pkg:npm/roughjs@4.6.6")?.scopes, ["dev"]);
  assert.deepEqual(c.get("pkg:npm/fsevents@2.3.3")?.scopes, ["optional"]);
  assert.deepEqual(c.get("pkg:npm/typescript@5.4.5")?.scopes, ["dev"]);
  assert.deepEqual(c.get("pkg:npm/%40demo/lib@0.3.0")?.scopes, ["dev"]);
  assert.deepEqual(c.get("pkg:npm/react@18.2.0")?.scopes, ["runtime"]);
  assert.deepEqual(c.get("pkg:npm/ms@2.1.3"), undefined);
  // python3: base64.b64decode(<the integrity's base64>).hex()
  assert.deepEqual(c.get("pkg:npm/JSONStream@1.3.5")?.hashes, [{
    alg: "sha512",
    hex: "13e8abb8d398f1557db382446ded5a3449ba322b333d1aff51f707333d13421d415d2c472be01257547" +
      "a5b81e98c1852792fb9e0f22c00c0819b00f4e8b2eca9",
  }]);
  assert.equal(c.get(XLSX)?.hashes.length, 0);
  assert.equal(
    c.get(IS_POSITIVE)?.downloadLocation,
    "git+https://github.com/kevva/is-positive.git@97edff6f525f192a3f83cea1944765f769ae2678",
  );
  assert.equal(c.get("pkg:jsr/%40std/path@1.0.8")?.ecosystem, "jsr");
  assert.equal(c.get("pkg:npm/strip-ansi@6.0.1")?.direct, false);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:jsr/%40std/path@1.0.8 runtime",
    "pkg:npm/%40demo/lib@0.3.0 dev",
    "pkg:npm/JSONStream@1.3.5 runtime",
    "pkg:npm/fsevents@2.3.3 optional",
    `${IS_POSITIVE} runtime`,
    `${LEFT_PAD} runtime`,
    "pkg:npm/react-dom@18.2.0 runtime",
    "pkg:npm/roughjs@4.6.6 dev",
    "pkg:npm/string-width@4.2.3 runtime",
    "pkg:npm/typescript@5.4.5 dev",
    `${XLSX} runtime`,
    "workspace:packages/lib runtime",
    "workspace:tools/local-plugin runtime", // file:tools/local-plugin
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/lib"), [
    "pkg:npm/react@18.2.0 runtime",
    "workspace:tools/local-plugin runtime", // link:../../tools/local-plugin
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:tools/local-plugin"), [
    "pkg:npm/loose-envify@1.4.0 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/react-dom@18.2.0"), [
    "pkg:npm/loose-envify@1.4.0 runtime",
    "pkg:npm/react@18.2.0 runtime",
  ]);
  await assertValidSboms(out, "pnpm-lock.yaml");
  const bom = await toCycloneDx(
    {
      project: out.project!,
      members: out.members,
      components: out.components,
      edges: out.edges,
      sources: [],
    },
    { created: new Date(0), reproducible: true, tool: { name: "vouch", version: "test" } },
  );
  const roughjs = bom.components.find((x) => x["bom-ref"] === "pkg:npm/roughjs@4.6.6");
  assert.deepEqual(
    roughjs?.properties?.filter((p) => p.name === "vouch:patch").map((p) => p.value),
    ["patches/roughjs.patch"],
  );
});

Deno.test("readPnpmLock v9: a package's bundledDependencies are named on it, no components of their own", () => {
  // pnpm 12.23.0's lock of a project on npm 10.9.2, whose tarball ships 68 packages: pnpm lists
  // their names and installs only npm ("+1" package), so the lock has no entry for them.
  const out = read(fixture("js", "pnpm", "v9-bundled"));
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/npm@10.9.2"]);
  const [npm] = out.components;
  assert.equal(npm.bundled?.length, 68);
  assert.deepEqual(npm.bundled?.slice(0, 2), ["@isaacs/string-locale-compare", "@npmcli/arborist"]);
  assert.ok(npm.bundled?.includes("semver"));
});

Deno.test("readPnpmLock v6: single-project form, dev flags, a GitHub key with name and version", () => {
  const out = read(fixture("js", "pnpm", "v6-single"));
  assertWellFormed(out);
  assert.deepEqual(out.members, []);
  const IS_POSITIVE_V6 = "pkg:npm/is-positive@3.1.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com" +
    "%2Fkevva%2Fis-positive.git%4097edff6f525f192a3f83cea1944765f769ae2678";
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.direct}`), [
    "pkg:npm/%40babel/core@7.23.5 dev true",
    "pkg:npm/%40babel/plugin-syntax-jsx@7.23.3 dev true",
    "pkg:npm/debug@4.3.4 runtime true",
    `${IS_POSITIVE_V6} runtime true`,
    "pkg:npm/ms@2.1.2 runtime false",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/%40babel/plugin-syntax-jsx@7.23.3"), [
    "pkg:npm/%40babel/core@7.23.5 runtime",
  ]);
});

Deno.test("readPnpmLock v5.4: slash keys, `_peer` suffixes, patches by name@version", () => {
  const out = read(fixture("js", "pnpm", "v5-workspace"));
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:packages/app"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    // A devDependency that run time reaches only as react-redux's optional peer (as pnpm 9 has it).
    "pkg:npm/%40types/react@18.0.28 dev,optional",
    "pkg:npm/fsevents@2.3.2 optional",
    "pkg:npm/is-number@6.0.0 runtime",
    "pkg:npm/is-odd@3.0.1 runtime",
    "pkg:npm/react-redux@8.0.5 runtime",
    "pkg:npm/typescript@4.9.5 dev",
  ]);
  assert.deepEqual(byId(out).get("pkg:npm/is-odd@3.0.1")?.patches, ["patches/is-odd@3.0.1.patch"]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/app"), [
    "pkg:npm/%40types/react@18.0.28 dev",
    "pkg:npm/fsevents@2.3.2 optional",
    "pkg:npm/is-odd@3.0.1 runtime",
    "pkg:npm/react-redux@8.0.5 runtime",
  ]);
});

// `ws` (runtime) with its optional peer `bufferutil` installed as a devDependency, locked by
// pnpm 7, 8 and 9 (`pnpm install --lockfile-only`). pnpm 9 writes the resolved optional peer in
// the snapshot's `optionalDependencies` (`--prod` installs it, `--no-optional` leaves it out);
// pnpm 7 and 8 in `dependencies`, its `peerDependenciesMeta` saying it is optional.
const OPTIONAL_PEER_LOCKS: Record<string, string> = {
  "5.4": [
    "lockfileVersion: 5.4",
    "",
    "specifiers:",
    "  bufferutil: 4.0.8",
    "  ws: 8.17.1",
    "",
    "dependencies:",
    "  ws: 8.17.1_bufferutil@4.0.8",
    "",
    "devDependencies:",
    "  bufferutil: 4.0.8",
    "",
    "packages:",
    "",
    "  /bufferutil/4.0.8:",
    "    resolution: {integrity: sha512-4T53u4PdgsXqKaIctwF8ifXlRTTmEPJ8iEPWFdGZvcf7sbwYo6FKFEX9eNNAnzFZ7EzJAQ3CJeOtCRA4rDp7Pw==}",
    "    engines: {node: '>=6.14.2'}",
    "    requiresBuild: true",
    "    dependencies:",
    "      node-gyp-build: 4.8.4",
    "",
    "  /node-gyp-build/4.8.4:",
    "    resolution: {integrity: sha512-LA4ZjwlnUblHVgq0oBF3Jl/6h/Nvs5fzBLwdEF4nuxnFdsfajde4WfxtJr3CaiH+F6ewcIB/q4jQ4UzPyid+CQ==}",
    "    hasBin: true",
    "",
    "  /ws/8.17.1_bufferutil@4.0.8:",
    "    resolution: {integrity: sha512-6XQFvXTkbfUOZOKKILFG1PDK2NDQs4azKQl26T0YS5CxqWLgXajbPZ+h4gZekJyRqFU8pvnbAbbs/3TgRPy+GQ==}",
    "    engines: {node: '>=10.0.0'}",
    "    peerDependencies:",
    "      bufferutil: ^4.0.1",
    "      utf-8-validate: '>=5.0.2'",
    "    peerDependenciesMeta:",
    "      bufferutil:",
    "        optional: true",
    "      utf-8-validate:",
    "        optional: true",
    "    dependencies:",
    "      bufferutil: 4.0.8",
    "    dev: false",
  ].join("\n") + "\n",
  "6.0": [
    "lockfileVersion: '6.0'",
    "",
    "settings:",
    "  autoInstallPeers: true",
    "  excludeLinksFromLockfile: false",
    "",
    "dependencies:",
    "  ws:",
    "    specifier: 8.17.1",
    "    version: 8.17.1(bufferutil@4.0.8)",
    "",
    "devDependencies:",
    "  bufferutil:",
    "    specifier: 4.0.8",
    "    version: 4.0.8",
    "",
    "packages:",
    "",
    "  /bufferutil@4.0.8:",
    "    resolution: {integrity: sha512-4T53u4PdgsXqKaIctwF8ifXlRTTmEPJ8iEPWFdGZvcf7sbwYo6FKFEX9eNNAnzFZ7EzJAQ3CJeOtCRA4rDp7Pw==}",
    "    engines: {node: '>=6.14.2'}",
    "    requiresBuild: true",
    "    dependencies:",
    "      node-gyp-build: 4.8.4",
    "",
    "  /node-gyp-build@4.8.4:",
    "    resolution: {integrity: sha512-LA4ZjwlnUblHVgq0oBF3Jl/6h/Nvs5fzBLwdEF4nuxnFdsfajde4WfxtJr3CaiH+F6ewcIB/q4jQ4UzPyid+CQ==}",
    "    hasBin: true",
    "",
    "  /ws@8.17.1(bufferutil@4.0.8):",
    "    resolution: {integrity: sha512-6XQFvXTkbfUOZOKKILFG1PDK2NDQs4azKQl26T0YS5CxqWLgXajbPZ+h4gZekJyRqFU8pvnbAbbs/3TgRPy+GQ==}",
    "    engines: {node: '>=10.0.0'}",
    "    peerDependencies:",
    "      bufferutil: ^4.0.1",
    "      utf-8-validate: '>=5.0.2'",
    "    peerDependenciesMeta:",
    "      bufferutil:",
    "        optional: true",
    "      utf-8-validate:",
    "        optional: true",
    "    dependencies:",
    "      bufferutil: 4.0.8",
    "    dev: false",
  ].join("\n") + "\n",
  "9.0": [
    ...PNPM_V9_HEAD,
    "    dependencies:",
    "      ws:",
    "        specifier: 8.17.1",
    "        version: 8.17.1(bufferutil@4.0.8)",
    "    devDependencies:",
    "      bufferutil:",
    "        specifier: 4.0.8",
    "        version: 4.0.8",
    "",
    "packages:",
    "",
    "  bufferutil@4.0.8:",
    "    resolution: {integrity: sha512-4T53u4PdgsXqKaIctwF8ifXlRTTmEPJ8iEPWFdGZvcf7sbwYo6FKFEX9eNNAnzFZ7EzJAQ3CJeOtCRA4rDp7Pw==}",
    "    engines: {node: '>=6.14.2'}",
    "",
    "  node-gyp-build@4.8.4:",
    "    resolution: {integrity: sha512-LA4ZjwlnUblHVgq0oBF3Jl/6h/Nvs5fzBLwdEF4nuxnFdsfajde4WfxtJr3CaiH+F6ewcIB/q4jQ4UzPyid+CQ==}",
    "    hasBin: true",
    "",
    "  ws@8.17.1:",
    "    resolution: {integrity: sha512-6XQFvXTkbfUOZOKKILFG1PDK2NDQs4azKQl26T0YS5CxqWLgXajbPZ+h4gZekJyRqFU8pvnbAbbs/3TgRPy+GQ==}",
    "    engines: {node: '>=10.0.0'}",
    "    peerDependencies:",
    "      bufferutil: ^4.0.1",
    "      utf-8-validate: '>=5.0.2'",
    "    peerDependenciesMeta:",
    "      bufferutil:",
    "        optional: true",
    "      utf-8-validate:",
    "        optional: true",
    "",
    "snapshots:",
    "",
    "  bufferutil@4.0.8:",
    "    dependencies:",
    "      node-gyp-build: 4.8.4",
    "",
    "  node-gyp-build@4.8.4: {}",
    "",
    "  ws@8.17.1(bufferutil@4.0.8):",
    "    optionalDependencies:",
    "      bufferutil: 4.0.8",
  ].join("\n") + "\n",
};

Deno.test("readPnpmLock: an installed optional peer is optional in v5.4, v6 and v9 alike", () => {
  for (const [version, lock] of Object.entries(OPTIONAL_PEER_LOCKS)) {
    const manifest = JSON.stringify({
      name: "peers-app",
      version: "1.0.0",
      private: true,
      dependencies: { ws: "8.17.1" },
      devDependencies: { bufferutil: "4.0.8" },
    });
    const files: Record<string, string> = { "package.json": manifest, "pnpm-lock.yaml": lock };
    const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: (p) => files[p] });
    assertWellFormed(out);
    assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.direct}`), [
      "pkg:npm/bufferutil@4.0.8 dev,optional true",
      "pkg:npm/node-gyp-build@4.8.4 dev,optional false",
      "pkg:npm/ws@8.17.1 runtime true",
    ], version);
    assert.deepEqual(edgesFrom(out, "pkg:npm/ws@8.17.1"), [
      "pkg:npm/bufferutil@4.0.8 optional",
    ], version);
  }
});

// pnpm copies `peerDependenciesMeta` from the package.json as it is, but drops from
// `peerDependencies` a name the package depends on itself: that one stays a dependency.
Deno.test("readPnpmLock v5/v6: a dependency of its own that peerDependenciesMeta marks optional stays runtime", () => {
  const lock = OPTIONAL_PEER_LOCKS["5.4"].replace(
    "    peerDependencies:\n      bufferutil: ^4.0.1\n",
    "    peerDependencies:\n",
  );
  assert.notEqual(lock, OPTIONAL_PEER_LOCKS["5.4"]);
  const manifest = JSON.stringify({
    name: "app",
    version: "1.0.0",
    dependencies: { ws: "8.17.1" },
  });
  const files: Record<string, string> = { "package.json": manifest, "pnpm-lock.yaml": lock };
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, "pkg:npm/ws@8.17.1"), ["pkg:npm/bufferutil@4.0.8 runtime"]);
});

Deno.test("readPnpmLock v5: a key under another registry's host has the name and version", () => {
  const lock = [
    "lockfileVersion: 5.4",
    "specifiers:",
    "  foo: ^1.0.0",
    "dependencies:",
    "  foo: registry.example.com/foo/1.0.0",
    "packages:",
    "  registry.example.com/foo/1.0.0:",
    "    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==, registry: https://registry.example.com/, tarball: https://registry.example.com/foo/-/foo-1.0.0.tgz}",
    "    dev: false",
  ].join("\n");
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/foo@1.0.0?repository_url=https:%2F%2Fregistry.example.com",
  ]);
});

Deno.test("readPnpmLock: 5.0–5.2, 5.4-inlineSpecifiers and both shapes of 7.0 are read", () => {
  const sri =
    "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==";
  const ids = (lock: string[]): string[] =>
    readPnpmLock(lock.join("\n"), { path: "pnpm-lock.yaml", load: () => undefined })
      .components.map((c) => `${c.id} ${c.scopes}`);
  // pnpm 5 (lockfileVersion 5.2): the 5.3 shape.
  assert.deepEqual(
    ids([
      "lockfileVersion: 5.2",
      "specifiers:",
      "  ms: ^2.1.3",
      "dependencies:",
      "  ms: 2.1.3",
      "packages:",
      "  /ms/2.1.3:",
      `    resolution: {integrity: ${sri}}`,
      "    dev: false",
    ]),
    ["pkg:npm/ms@2.1.3 runtime"],
  );
  // pnpm 7 with use-inline-specifiers-lockfile-format: v5 keys, `{specifier, version}` importers.
  assert.deepEqual(
    ids([
      "lockfileVersion: 5.4-inlineSpecifiers",
      "importers:",
      "  .:",
      "    devDependencies:",
      "      '@types/ms':",
      "        specifier: ^0.7.31",
      "        version: 0.7.31",
      "packages:",
      "  /@types/ms/0.7.31:",
      `    resolution: {integrity: ${sri}}`,
      "    dev: true",
    ]),
    ["pkg:npm/%40types/ms@0.7.31 dev"],
  );
  // pnpm 9 pre-releases wrote 7.0 first in the 6.x shape, then in the 9.0 one.
  assert.deepEqual(
    ids([
      "lockfileVersion: '7.0'",
      "dependencies:",
      "  is-negative:",
      "    specifier: github:kevva/is-negative#master",
      "    version: github.com/kevva/is-negative/219c424611ff4a2af15f7deeff4f93c62558c43d",
      "packages:",
      "  /is-positive@3.1.0:",
      `    resolution: {integrity: ${sri}}`,
      "    dev: false",
      "  github.com/kevva/is-negative/219c424611ff4a2af15f7deeff4f93c62558c43d:",
      "    resolution: {tarball: https://codeload.github.com/kevva/is-negative/tar.gz/219c424611ff4a2af15f7deeff4f93c62558c43d}",
      "    name: is-negative",
      "    version: 2.0.0",
      "    dependencies:",
      "      is-positive: 3.1.0",
      "    dev: false",
    ]),
    [
      "pkg:npm/is-negative@2.0.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fkevva%2Fis-negative.git" +
      "%40219c424611ff4a2af15f7deeff4f93c62558c43d runtime",
      "pkg:npm/is-positive@3.1.0 runtime",
    ],
  );
  assert.deepEqual(
    ids([
      "lockfileVersion: '7.0'",
      "importers:",
      "  .:",
      "    dependencies:",
      "      positive:",
      "        specifier: npm:is-positive@1.0.0",
      "        version: is-positive@1.0.0",
      "packages:",
      "  is-positive@1.0.0:",
      `    resolution: {integrity: ${sri}}`,
      "snapshots:",
      "  is-positive@1.0.0: {}",
    ]),
    ["pkg:npm/is-positive@1.0.0 runtime"],
  );
});

Deno.test("readPnpmLock: a runtime pnpm installs is pkg:generic with one distribution per platform", async () => {
  const lock = [
    "lockfileVersion: '9.0'",
    "importers:",
    "  .:",
    "    devDependencies:",
    "      deno:",
    "        specifier: runtime:^2.4.0",
    "        version: runtime:2.4.2",
    "      node:",
    "        specifier: runtime:22.0.0",
    "        version: runtime:22.0.0",
    "packages:",
    "  deno@runtime:2.4.2:",
    "    hasBin: true",
    "    resolution:",
    "      type: variations",
    "      variants:",
    "        - resolution:",
    "            archive: zip",
    "            bin: deno",
    "            integrity: sha256-cy885Q3GSmOXLKTvtIZ5KZwBZjzpGPcQ1pWmjOX0yTY=",
    "            type: binary",
    "            url: https://github.com/denoland/deno/releases/download/v2.4.2/deno-aarch64-apple-darwin.zip",
    "          targets:",
    "            - cpu: arm64",
    "              os: darwin",
    "        - resolution:",
    "            archive: zip",
    "            bin: deno",
    "            integrity: sha256-2Ed4YzIVt8uTz3aQhg1iQfYysIe9KhneEs1BDmsuFXo=",
    "            type: binary",
    "            url: https://github.com/denoland/deno/releases/download/v2.4.2/deno-x86_64-unknown-linux-gnu.zip",
    "          targets:",
    "            - cpu: x64",
    "              os: linux",
    "    version: 2.4.2",
    "  node@runtime:22.0.0:",
    "    hasBin: true",
    "    resolution:",
    "      integrities:",
    "        linux-x64: sha256-dLsPOoAwfFKUIcPthFF7j1Q4Z3CfQeU81z35nmRCr00=",
    "        win-x64: sha256-MtY5tH1MCmUf+PjX1BpFQWij1ARb43mF+agQz4zvYXQ=",
    "      type: nodeRuntime",
    "snapshots:",
    "  deno@runtime:2.4.2: {}",
    "  node@runtime:22.0.0: {}",
  ].join("\n");
  await loadYamlParser(); // block sequences are outside the fast YAML subset
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined });
  assertWellFormed(out);
  // The runtime, not the npm packages named `deno` and `node`.
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.ecosystem} ${c.scopes} ${c.direct}`), [
    "pkg:generic/deno@2.4.2 generic dev true",
    "pkg:generic/node@22.0.0 generic dev true",
  ]);
  const [deno, node] = out.components;
  assert.deepEqual(deno.hashes, []);
  assert.deepEqual(deno.distributions?.map((d) => `${d.url} ${d.hashes[0].alg}`), [
    "https://github.com/denoland/deno/releases/download/v2.4.2/deno-aarch64-apple-darwin.zip sha256",
    "https://github.com/denoland/deno/releases/download/v2.4.2/deno-x86_64-unknown-linux-gnu.zip sha256",
  ]);
  assert.deepEqual(node.distributions?.map((d) => `${d.file} ${d.hashes[0].hex.slice(0, 8)}`), [
    "node-v22.0.0-linux-x64.tar.gz 74bb0f3a",
    "node-v22.0.0-win-x64.zip 32d639b4",
  ]);
  await assertValidSboms(out, "pnpm-lock.yaml");
});

Deno.test("readPnpmLock: the first of two documents (pnpm itself) gives build components", () => {
  const out = read(fixture("js", "pnpm", "v9-two-documents"));
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/pnpm@11.0.0 build",
  ]);
});

Deno.test("readPnpmLock: pnpm 10's config dependencies, pinned in its configuration, are build components", () => {
  // `pnpm add --config` (pnpm 10.34) pins `<version>+<integrity>` in pnpm-workspace.yaml, or in
  // the package.json's `pnpm` field when it has one, not in the lock (pnpm 11 locks them in a
  // first document), and installs them in node_modules/.pnpm-config. Was: left out.
  const lock = ["lockfileVersion: '9.0'", ...MS_ROOT_IMPORTER, ...MS_ONLY].join("\n");
  const integrity =
    "sha512-3Fmur80S7+vmOKMmTdKS6JofiuvpUaBIdKEpgDyr9571FHo5Z4O2nrRUaSflxvwEakeYxIaFZ5MBaqAUnYHaeg==";
  const read = (files: Record<string, string>, text = lock): string[] =>
    readPnpmLock(text, { path: "pnpm-lock.yaml", load: (p) => files[p] }).components.map((c) =>
      `${c.id} ${c.scopes} ${c.hashes[0]?.alg}`
    );
  const expected = [
    "pkg:npm/%40pnpm/plugin-better-defaults@0.2.1 build sha512",
    "pkg:npm/ms@2.1.3 runtime sha512",
  ];
  const yaml = `configDependencies:\n  '@pnpm/plugin-better-defaults': 0.2.1+${integrity}\n`;
  assert.deepEqual(read({ "pnpm-workspace.yaml": yaml }), expected);
  const pnpmField = {
    configDependencies: { "@pnpm/plugin-better-defaults": `0.2.1+${integrity}` },
  };
  assert.deepEqual(
    read({ "package.json": JSON.stringify({ name: "app", pnpm: pnpmField }) }),
    expected,
  );
  // A lock of pnpm 11, whose first document locks them, is read alone.
  const two = read(
    { "pnpm-workspace.yaml": yaml },
    Deno.readTextFileSync(fixture("js", "pnpm", "v9-two-documents", "pnpm-lock.yaml")),
  );
  assert.deepEqual(two, ["pkg:npm/ms@2.1.3 runtime sha512", "pkg:npm/pnpm@11.0.0 build sha512"]);
});

// Bad input in files (truncated, duplicate keys, wrong version, invalid UTF-8, …): the golden
// cases under fixtures/js/pnpm/invalid/ (tests/inventory/golden_test.ts).
Deno.test("readPnpmLock: a document that is not a mapping is invalid", () => {
  const code = "inventory.pnpm_lock.invalid";
  assertVouchError(
    () => readPnpmLock("- a\n- b\n", { path: "x/pnpm-lock.yaml", load: () => undefined }),
    code,
    /^x\/pnpm-lock\.yaml:1: expected a YAML mapping/,
  );
});

Deno.test("readPnpmLock: a dependency the lock does not list is refused at its line, also without importers", () => {
  // A v6 lock of one project (no `importers:`) cut before `packages:` lists debug: its line, not 1.
  const text = "lockfileVersion: '6.0'\n\ndependencies:\n  debug:\n    specifier: ^4.3.4\n" +
    "    version: 4.3.4\n\npackages:\n";
  assertVouchError(
    () => readPnpmLock(text, { path: "pnpm-lock.yaml", load: () => undefined }),
    "inventory.pnpm_lock.invalid",
    /^pnpm-lock\.yaml:4: \. depends on debug 4\.3\.4, which the lock does not list/,
  );
});

/** A v9 lock's head: the project depends on debug@4.3.4, whose `packages` entry ends it. */
const DEBUG_V9 = [
  "lockfileVersion: '9.0'",
  "",
  "importers:",
  "  .:",
  "    dependencies:",
  "      debug:",
  "        specifier: ^4.3.4",
  "        version: 4.3.4",
  "",
  "packages:",
  "  debug@4.3.4:",
  "    resolution: {integrity: sha512-PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgX+7G/vCNNhehwxfkQ==}",
];

Deno.test("readPnpmLock: a v9 lock cut inside snapshots is refused where a dependency's snapshot is missing", () => {
  // debug@4.3.4 depends on ms@2.1.3, whose `packages` entry is there but whose snapshot was
  // cut off: to pnpm a package is a snapshot, so `Broken lockfile: no entry for 'ms@2.1.3'`.
  const text = [
    ...DEBUG_V9,
    "  ms@2.1.3:",
    "    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}",
    "",
    "snapshots:",
    "  debug@4.3.4:",
    "    dependencies:",
    "      ms: 2.1.3",
    "",
  ].join("\n");
  assertVouchError(
    () => readPnpmLock(text, { path: "pnpm-lock.yaml", load: () => undefined }),
    "inventory.pnpm_lock.invalid",
    /^pnpm-lock\.yaml:17: debug@4\.3\.4 depends on ms 2\.1\.3, which the lock lists in packages but not in snapshots/,
  );
});

Deno.test("readPnpmLock: a dependency without its version (a lock cut inside it) is refused", () => {
  // pnpm writes `{specifier, version}` for each importer dependency and a version for each
  // package dependency: one without is a lock cut short (it was dropped, exit 0).
  const v9 = (lines: string[]): string => [...DEBUG_V9.slice(0, 5), ...lines].join("\n");
  const read = (text: string) => () =>
    readPnpmLock(text, { path: "pnpm-lock.yaml", load: () => undefined });
  assertVouchError(
    read(v9(["      debug:", "        specifier: ^4"])),
    "inventory.pnpm_lock.invalid",
    /^pnpm-lock\.yaml:4: \.: dependency debug has no version \(cut short\?\)$/,
  );
  const v6 = "lockfileVersion: '6.0'\n\ndependencies:\n  debug:\n    specifier: ^4\n";
  assertVouchError(
    read(v6),
    "inventory.pnpm_lock.invalid",
    /^pnpm-lock\.yaml:4: the project: dependency debug has no version/,
  );
  const snapshot = v9([
    ...DEBUG_V9.slice(5),
    "",
    "snapshots:",
    "  debug@4.3.4:",
    "    dependencies:",
    "      ms:",
  ]);
  assertVouchError(
    read(snapshot),
    "inventory.pnpm_lock.invalid",
    /^pnpm-lock\.yaml:\d+: debug@4\.3\.4: dependency ms has no version/,
  );
});

// Corpus counts were established without vouch, from the lock text:
// - mermaid (v9): the `packages:` section has 2,360 top-level keys (awk: lines matching
//   /^  [^ ]/ between `packages:` and `snapshots:`), all distinct name@version and all from
//   the registry; the 2,372 `snapshots:` keys (peer and patch_hash suffixes) add none.
// - vue (v6): 937 `packages:` keys, one of them `file:` (the repository root itself);
//   the other 936 stay distinct after cutting the `(peer)` suffixes (sed, sort -u).
Deno.test("readPnpmLock reads the mermaid (v9) and vue (v6) corpus locks whole (SBOMs: corpus_scan_test.ts)", () => {
  if (skipWithoutShared("the pnpm corpus locks")) return;
  const mermaid = read(`${SHARED_DIR}/corpus/mermaid-js__mermaid`);
  assertWellFormed(mermaid);
  assert.equal(mermaid.components.length, 2360);
  assert.equal(mermaid.members.length, 10);
  const ids = new Set(mermaid.components.map((c) => c.id));
  for (
    const purl of [
      "pkg:npm/JSONSelect@0.4.0",
      "pkg:npm/JSV@4.0.2",
      "pkg:npm/roughjs@4.6.6",
      "pkg:npm/%40algolia/autocomplete-core@1.17.7",
      "pkg:npm/cypress@14.5.4",
    ]
  ) assert.ok(ids.has(purl), purl);
  assert.deepEqual(byId(mermaid).get("pkg:npm/roughjs@4.6.6")?.patches, ["patches/roughjs.patch"]);
  assert.ok(!mermaid.components.some((c) => c.name === "mermaid" && c.version === undefined));
  assert.ok(mermaid.members.some((m) => m.name === "mermaid"));

  const vue = read(`${SHARED_DIR}/corpus/vuejs__vue`);
  assertWellFormed(vue);
  assert.equal(vue.components.length, 936);
  assert.deepEqual(vue.members.map((m) => m.name), [
    "@vue/compiler-sfc",
    "vue-server-renderer",
    "vue-template-compiler",
  ]);
  assert.ok(vue.components.some((c) => c.id === "pkg:npm/JSONStream@1.3.5"));
  // `vue: file:../..` is the project itself: an edge back to the root, no component.
  assert.ok(!vue.components.some((c) => c.name === "vue"));
  assert.ok(edgesFrom(vue, "workspace:packages/template-compiler").includes(`${ROOT_ID} dev`));
});

Deno.test("a lock outside the fast YAML subset is read whole: the yaml package is loaded on demand", async () => {
  await withTempDir(async (dir) => {
    // The same lock with one flow mapping over two lines and an anchor (both outside the subset).
    const lock = Deno.readTextFileSync(fixture("js", "pnpm", "v6-single", "pnpm-lock.yaml"))
      .replace("engines: {node: '>=6.9.0'}", "engines: {\n      node: '>=6.9.0'}")
      .replace("settings:\n", "settings: &settings\n");
    await writeTree(dir, {
      "pnpm-lock.yaml": lock,
      "package.json": Deno.readTextFileSync(fixture("js", "pnpm", "v6-single", "package.json")),
    });
    const inventory = await readInventory(dir);
    const expected = await readInventory(fixture("js", "pnpm", "v6-single"));
    assert.deepEqual(inventory.components, expected.components);
  });
});

Deno.test("readPnpmLock: a git resolution written scp-style is an ssh:// vcs_url (a self-managed host: GitHub's, GitLab's and Bitbucket's are their https remote)", () => {
  const lock = [
    "lockfileVersion: '9.0'",
    "importers:",
    "  .:",
    "    dependencies:",
    "      priv: {specifier: 'git@gitlab.acme.dev:acme/priv.git', version: 'git+ssh://git@gitlab.acme.dev:acme/priv.git#89abcdef'}",
    "packages:",
    "  priv@git+ssh://git@gitlab.acme.dev:acme/priv.git#89abcdef:",
    "    resolution: {commit: 89abcdef, repo: 'git@gitlab.acme.dev:acme/priv.git', type: git}",
    "    version: 2.0.0",
    "snapshots:",
    "  priv@git+ssh://git@gitlab.acme.dev:acme/priv.git#89abcdef: {}",
  ].join("\n");
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/priv@2.0.0?vcs_url=git%2Bssh:%2F%2Fgit%40gitlab.acme.dev%2Facme%2Fpriv.git%4089abcdef",
  ]);
});

Deno.test("readPnpmLock: a hosted git package built from a folder of its repository (#path:) keeps the folder", () => {
  const sha = "4b1c0a9e2f3d5c6b7a8091a2b3c4d5e6f7a8b9c0";
  const tarball = `https://codeload.github.com/acme/tools/tar.gz/${sha}`;
  const key = `app-tooling@${tarball}#path:/packages/app-tooling`;
  const lock = [
    "lockfileVersion: '9.0'",
    "importers:",
    "  .:",
    "    devDependencies:",
    "      app-tooling:",
    `        specifier: github:acme/tools#${sha}&path:/packages/app-tooling`,
    `        version: ${tarball}#path:/packages/app-tooling`,
    "packages:",
    `  '${key}':`,
    `    resolution: {gitHosted: true, integrity: sha512-${
      "A".repeat(86)
    }==, path: /packages/app-tooling, tarball: ${tarball}}`,
    "    version: 0.4.0",
    "snapshots:",
    `  '${key}': {}`,
  ].join("\n");
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined });
  assert.deepEqual(out.components.map((c) => `${c.purl} ${c.scopes} ${c.downloadLocation}`), [
    "pkg:npm/app-tooling@0.4.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Ftools.git" +
    `%40${sha}%23packages%2Fapp-tooling dev ${tarball}`,
  ]);
});

Deno.test("readPnpmLock: a file:/link: folder outside the project is a third-party component, one inside a member", () => {
  // v9 and v6 forms of a `file:` dependency on another checkout beside the project, and one in it.
  const v9 = [
    "lockfileVersion: '9.0'",
    "importers:",
    "  .:",
    "    dependencies:",
    "      shared-utils: {specifier: 'file:../../shared-utils', version: 'file:../../shared-utils'}",
    "      tools: {specifier: 'file:tools', version: 'file:tools'}",
    "    devDependencies:",
    "      scratch: {specifier: 'link:../../scratch', version: 'link:../../scratch'}",
    "packages:",
    "  shared-utils@file:../../shared-utils:",
    "    resolution: {directory: ../../shared-utils, type: directory}",
    "    version: 1.4.0",
    "  tools@file:tools:",
    "    resolution: {directory: tools, type: directory}",
    "    version: 0.0.1",
    "snapshots:",
    "  shared-utils@file:../../shared-utils: {}",
    "  tools@file:tools: {}",
  ].join("\n");
  const v6 = [
    "lockfileVersion: '6.0'",
    "devDependencies:",
    "  shared-utils:",
    "    specifier: file:../../shared-utils",
    "    version: file:../../shared-utils",
    "packages:",
    "  file:../../shared-utils:",
    "    resolution: {directory: ../../shared-utils, type: directory}",
    "    name: shared-utils",
    "    version: 1.4.0",
    "    dev: true",
  ].join("\n");
  for (const [lock, scope] of [[v9, "runtime"], [v6, "dev"]]) {
    const out = readPnpmLock(lock, { path: "app/pnpm-lock.yaml", load: () => undefined });
    assertWellFormed(out);
    assert.deepEqual(out.components.map((c) => `${c.purl} ${c.scopes} ${c.downloadLocation}`), [
      ...(lock === v9 ? ["pkg:npm/scratch dev undefined"] : []),
      `pkg:npm/shared-utils@1.4.0 ${scope} undefined`,
    ]);
    assert.deepEqual(
      out.members.map((m) => m.id),
      lock === v9 ? ["workspace:app", "workspace:app/tools"] : ["workspace:app"],
    );
  }
});

Deno.test("readPnpmLock: an outside link: folder a package links to has that package's scopes", () => {
  // pnpm installs a package's linked folder with the package: a dev tool's link is dev.
  const v9 = [
    "lockfileVersion: '9.0'",
    "importers:",
    "  .:",
    "    dependencies:",
    "      lib: {specifier: 2.0.0, version: 2.0.0}",
    "    devDependencies:",
    "      tool: {specifier: 1.0.0, version: 1.0.0}",
    "packages:",
    "  lib@2.0.0:",
    "    resolution: {integrity: sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==}",
    "  tool@1.0.0:",
    "    resolution: {integrity: sha512-BBBBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==}",
    "snapshots:",
    "  lib@2.0.0:",
    "    optionalDependencies:",
    "      opt: link:../opt",
    "  tool@1.0.0:",
    "    dependencies:",
    "      ext: link:../ext",
  ].join("\n");
  const v6 = [
    "lockfileVersion: '6.0'",
    "devDependencies:",
    "  tool:",
    "    specifier: 1.0.0",
    "    version: 1.0.0",
    "packages:",
    "  /tool@1.0.0:",
    "    resolution: {integrity: sha512-BBBBAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==}",
    "    dependencies:",
    "      ext: link:../ext",
    "    dev: true",
  ].join("\n");
  for (const [lock, expected] of [[v9, ["ext dev", "opt optional"]], [v6, ["ext dev"]]] as const) {
    const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined });
    assertWellFormed(out);
    assert.deepEqual(
      out.components.filter((c) => c.version === undefined).map((c) => `${c.name} ${c.scopes}`),
      expected,
    );
  }
});

Deno.test("readPnpmLock: what a member's package.json declares and its importer lacks is a warning", () => {
  // A lock older than the package.json (`pnpm install --frozen-lockfile` refuses it): the new
  // declaration is not in the SBOM, and the reader says so (was: dropped silently).
  const lock = [
    "lockfileVersion: '9.0'",
    ...MS_ROOT_IMPORTER,
    "  packages/a:",
    "    devDependencies:",
    "      ms:",
    "        specifier: ^2.1.3",
    "        version: 2.1.3",
    ...MS_ONLY,
  ].join("\n");
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: (p) => STALE_MEMBER_FILES[p] });
  assertWellFormed(out);
  assertStaleMember(out, "pnpm-lock.yaml", "pnpm install");
  // What the importer records and the package.json no longer declares: a warning too (pnpm's
  // satisfiesPackageManifest compares both ways; was: silent). A peer it declares is none
  // (auto-install-peers records it), nor is anything when a .pnpmfile.cjs, whose readPackage
  // may add to a project's manifest, was used (the lock keeps its checksum).
  const undeclared = (files: Record<string, string>, text = lock): string[] | undefined =>
    readPnpmLock(text, { path: "pnpm-lock.yaml", load: (p) => files[p] }).warnings;
  assertUndeclaredMember(
    readPnpmLock(lock, { path: "pnpm-lock.yaml", load: (p) => UNDECLARED_MEMBER_FILES[p] }),
    "pnpm-lock.yaml",
    { install: "pnpm install", frozen: "pnpm install --frozen-lockfile" },
  );
  const peer = JSON.stringify({ name: "a", peerDependencies: { ms: "^2.1.3" } });
  assert.equal(
    undeclared({ ...UNDECLARED_MEMBER_FILES, "packages/a/package.json": peer }),
    undefined,
  );
  const hooked = lock.replace(
    "lockfileVersion: '9.0'",
    "lockfileVersion: '9.0'\npnpmfileChecksum: sha256-abc=",
  );
  assert.equal(undeclared(UNDECLARED_MEMBER_FILES, hooked), undefined);
});

Deno.test("readPnpmLock: a git dependency with no package.json is its repository, with no version (pnpm's with-non-package-dep fixture)", () => {
  // pnpm names such a package `<repository>#<ref>` and versions it 0.0.0 (pnpm/pnpm
  // __fixtures__/with-non-package-dep, a Deno library). Was: inventory.pnpm_lock.invalid, exit 2
  // ("camelcase#aeb6…" is no npm package name).
  const sha = "aeb6b15f9c9957c8fa56f9731e914c4d8a6d2f2b";
  const lock = [
    "lockfileVersion: '7.0'",
    "",
    "dependencies:",
    "  camelcase:",
    `    specifier: denolib/camelcase#${sha}`,
    `    version: github.com/denolib/camelcase/${sha}`,
    "",
    "packages:",
    "",
    `  github.com/denolib/camelcase/${sha}:`,
    `    resolution: {tarball: https://codeload.github.com/denolib/camelcase/tar.gz/${sha}}`,
    `    name: camelcase#${sha}`,
    "    version: 0.0.0",
    "    dev: false",
  ].join("\n");
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.version} ${c.direct}`), [
    `pkg:npm/camelcase?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fdenolib%2Fcamelcase.git%40${sha} undefined true`,
  ]);
});

Deno.test("readPnpmLock: pnpm 11's patchedDependencies (selector → hash) name the patch file the configuration gives", () => {
  // pnpm 11 locks only the hash (pnpm/pnpm#10911); the file is in pnpm-workspace.yaml, or the
  // package.json's `pnpm` field (oven-sh/bun's v9-patch-bare-hash-registry migration test).
  // Was: a patch named "patch_hash=2mxq…", no file.
  const lock = [
    "lockfileVersion: '9.0'",
    "patchedDependencies:",
    "  no-deps: 2mxqxzgazgkaqoljbgoadrshgq",
    "importers:",
    "  .:",
    "    dependencies:",
    "      no-deps: {specifier: ^1.0.0, version: 1.0.1(patch_hash=2mxqxzgazgkaqoljbgoadrshgq)}",
    "packages:",
    "  no-deps@1.0.1:",
    "    resolution: {integrity: sha512-3X6cn4+UJdXJuLPu11v8i/fGLe2PdI6v1yKTELam04lY5esCAFdG/qQts6N6rLrL6g1YRq+MKBAwxbmUQk355A==}",
    "snapshots:",
    "  no-deps@1.0.1(patch_hash=2mxqxzgazgkaqoljbgoadrshgq): {}",
  ].join("\n");
  const patches = (files: Record<string, string>): string[] | undefined =>
    readPnpmLock(lock, { path: "pnpm-lock.yaml", load: (p) => files[p] }).components[0].patches;
  assert.deepEqual(
    patches({ "pnpm-workspace.yaml": "patchedDependencies:\n  no-deps: patches/no-deps.patch\n" }),
    ["patches/no-deps.patch"],
  );
  assert.deepEqual(
    patches({
      "package.json": JSON.stringify({
        name: "app",
        pnpm: { patchedDependencies: { "no-deps": "patches/no-deps.patch" } },
      }),
    }),
    ["patches/no-deps.patch"],
  );
  assert.deepEqual(patches({}), ["patch_hash=2mxqxzgazgkaqoljbgoadrshgq"]);
});

Deno.test("readPnpmLock: an optional dependency the importer lacks is one pnpm could not resolve, not a stale lock", () => {
  // pnpm skips an optionalDependencies entry it cannot resolve and a frozen install skips it
  // again (its unresolvedOptionalDependencies): `pnpm install` would not add it, so the warning
  // does not tell the user to run it (it did). One the lock's ignoredOptionalDependencies
  // names (pnpm's createMatcher patterns) is left out by design: no warning.
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      dependencies: { ms: "^2.1.3", zod: "^3.23.0" },
      optionalDependencies: {
        "@parcel/watcher-wasm": "2.5.1",
        "@rollup/rollup-win32-x64-msvc": "4.9.0",
        "@rollup/rollup-linux-x64-gnu": "4.9.0",
        "fsevents": "2.3.3",
      },
    }),
  };
  const lock = (ignored: string[]): string =>
    [
      "lockfileVersion: '9.0'",
      ...(ignored.length === 0
        ? []
        : ["ignoredOptionalDependencies:", ...ignored.map((p) => `  - '${p}'`)]),
      ...MS_ROOT_IMPORTER,
      ...MS_ONLY,
    ].join("\n");
  const warnings = (ignored: string[]): string[] | undefined =>
    readPnpmLock(lock(ignored), { path: "pnpm-lock.yaml", load: (p) => files[p] }).warnings;
  const stale = "package.json declares zod@^3.23.0, which pnpm-lock.yaml does not lock: it is " +
    "not in the SBOM; run `pnpm install` to update the lock";
  const skipped = (names: string): string =>
    `package.json declares optional ${names}, which pnpm-lock.yaml does not lock: they are not ` +
    "in the SBOM (`pnpm install` leaves out an optional dependency it cannot resolve)";
  assert.deepEqual(warnings([]), [
    stale,
    skipped(
      "@parcel/watcher-wasm@2.5.1, @rollup/rollup-win32-x64-msvc@4.9.0, " +
        "@rollup/rollup-linux-x64-gnu@4.9.0, fsevents@2.3.3",
    ),
  ]);
  assert.deepEqual(warnings(["@rollup/*", "!@rollup/rollup-linux-*", "fsevents"]), [
    stale,
    skipped("@parcel/watcher-wasm@2.5.1, @rollup/rollup-linux-x64-gnu@4.9.0"),
  ]);
  // Only negations: every other name is ignored.
  assert.deepEqual(warnings(["!fsevents"]), [
    stale,
    "package.json declares optional fsevents@2.3.3, which pnpm-lock.yaml does not lock: it is " +
    "not in the SBOM (`pnpm install` leaves out an optional dependency it cannot resolve)",
  ]);
});

// The lock is untrusted: its patterns were compiled to regexes (`^a.*a.*…b$`), which backtrack
// for ever on a name that almost matches (this one took about a minute).
Deno.test("readPnpmLock: ignoredOptionalDependencies patterns of many wildcards match in linear time", () => {
  const name = "a".repeat(48);
  const text = [
    "lockfileVersion: '9.0'",
    "ignoredOptionalDependencies:",
    `  - '${"a*".repeat(10)}b'`,
    ...MS_ROOT_IMPORTER,
    ...MS_ONLY,
  ].join("\n");
  const load = (p: string): string | undefined =>
    p === "package.json"
      ? JSON.stringify({
        dependencies: { ms: "^2.1.3" },
        optionalDependencies: { [name]: "1.0.0" },
      })
      : undefined;
  const elapsed = cpuStopwatch();
  const { warnings } = readPnpmLock(text, { path: "pnpm-lock.yaml", load });
  assert.ok(elapsed() < 2_000);
  assert.equal(warnings?.length, 1, "not ignored: the pattern ends in b");
});

Deno.test("readPnpmLock: pnpm 1–2's shrinkwrap.yaml writes peers after a slash (`/ajv-keywords/3.2.0/ajv@6.5.2`)", () => {
  // The pnpm/spec shrinkwrap 3 shape: the 5.0 one, with `shrinkwrapVersion` for `lockfileVersion`.
  const lock = [
    "dependencies:",
    "  ajv: 6.5.2",
    "  ajv-keywords: /ajv-keywords/3.2.0/ajv@6.5.2",
    "packages:",
    "  /ajv-keywords/3.2.0/ajv@6.5.2:",
    "    dependencies:",
    "      ajv: 6.5.2",
    "    dev: false",
    "    peerDependencies:",
    "      ajv: ^6.0.0",
    "    resolution:",
    "      integrity: sha1-6GuBnGAs+IIa1jdBNpjx3sAhhHo=",
    "  /ajv/6.5.2:",
    "    dev: false",
    "    resolution:",
    "      integrity: sha512-hOs7GfvI6tUI1LfZddH82ky6mOMyTuY0mk7kE2pWpmhhUSkumzaTO5vbVwij39MdwPQWCV4Zv57Eo06NtL/GVA==",
    "registry: 'https://registry.npmjs.org/'",
    "shrinkwrapMinorVersion: 7",
    "shrinkwrapVersion: 3",
    "specifiers:",
    "  ajv: ^6.5.2",
    "  ajv-keywords: ^3.2.0",
    "",
  ].join("\n");
  const out = readPnpmLock(lock, { path: "shrinkwrap.yaml", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/ajv-keywords@3.2.0",
    "pkg:npm/ajv@6.5.2",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/ajv-keywords@3.2.0"), ["pkg:npm/ajv@6.5.2 runtime"]);
});

Deno.test("readInventory: a shrinkwrap.yaml without pnpm's version key is another tool's, passed over; pnpm 1–2's is read", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({ name: "app", version: "1.0.0" }),
      "deploy/shrinkwrap.yaml": "apiVersion: v1\nkind: Shrinkwrap\nitems: []\n",
    });
    // Was: error inventory.pnpm_lock.invalid, "lockfileVersion null is not supported".
    const passed = await readInventory(dir);
    assert.deepEqual(passed.sources, ["package.json"]);
    assert.deepEqual(passed.unread, []);
    // pnpm 1–2 wrote `shrinkwrapVersion` after the packages, at the top level.
    await writeTree(dir, {
      "shrinkwrap.yaml": "dependencies:\n  ms: 2.1.3\npackages:\n  /ms/2.1.3:\n    dev: false\n" +
        "    resolution:\n      integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==\n" +
        "shrinkwrapVersion: 3\nspecifiers:\n  ms: ^2.1.3\n",
    });
    const read = await readInventory(dir);
    assert.deepEqual(read.sources, ["package.json", "shrinkwrap.yaml"]);
    assert.deepEqual(read.components.map((c) => c.purl), ["pkg:npm/ms@2.1.3"]);
  });
});

Deno.test("readInventory: a pnpm importer outside the root is a component named by its link, its package.json unread", async () => {
  // A lock in a subfolder scanned on its own: pnpm-workspace.yaml there lists `../shared`.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "shared/package.json": JSON.stringify({ name: "shared", version: "1.0.0" }),
      "app/package.json": JSON.stringify({
        name: "app",
        dependencies: { shared: "link:../shared" },
      }),
      "app/pnpm-lock.yaml": [
        "lockfileVersion: '9.0'",
        "importers:",
        "  .:",
        "    dependencies:",
        "      shared: {specifier: 'link:../shared', version: 'link:../shared'}",
        "  ../shared:",
        "    devDependencies:",
        "      ms: {specifier: ^2.1.3, version: 2.1.3}",
        "  ../tools:",
        "    dependencies:",
        "      ms: {specifier: ^2.1.3, version: 2.1.3}",
        ...MS_ONLY,
      ].join("\n"),
    });
    // Was: exit 2, inventory.outside_root for ../shared/package.json.
    const inventory = await readInventory(`${dir}/app`);
    assert.deepEqual(inventory.members, []);
    assert.deepEqual(
      inventory.components.map((c) => `${c.purl} ${c.scopes}`),
      ["pkg:npm/ms@2.1.3 runtime", "pkg:npm/shared runtime"],
    );
    assert.deepEqual(edgesFrom(inventory, "pkg:npm/shared"), ["pkg:npm/ms@2.1.3 dev"]);
    assert.deepEqual(inventory.warnings, [
      "pnpm-lock.yaml: importer ../tools is a folder outside the project, and nothing in the " +
      "lock or rush.json names its package: it is not in the SBOM, its dependencies are",
      outsideWarning("pnpm-lock.yaml", "shared"),
    ]);
  });
});

Deno.test("readPnpmLock: a link: dependency a lock with excludeLinksFromLockfile leaves out is read from the package.json", () => {
  // pnpm's "links are not added to the lockfile when excludeLinksFromLockfile is true": the
  // link is installed from the specifier (was: dropped, with a warning that the lock is stale).
  const lock = [
    "lockfileVersion: '9.0'",
    "settings:",
    "  autoInstallPeers: true",
    "  excludeLinksFromLockfile: true",
    ...MS_ROOT_IMPORTER,
    ...MS_ONLY,
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      dependencies: { ms: "^2.1.3", "ext-tool": "link:../ext-tool" },
    }),
  };
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.warnings, [
    outsideWarning("pnpm-lock.yaml", "ext-tool"),
  ]);
  const ids = out.components.map((c) => c.id).sort();
  assert.deepEqual(ids, ["pkg:npm/ext-tool", "pkg:npm/ms@2.1.3"]);
  assert.deepEqual(byId(out).get("pkg:npm/ext-tool")?.scopes, ["runtime"]);
});

Deno.test("readPnpmLock: a link: to the tree's root from a nested project's lock is the project, not a member of its own (Alduino/pkg-lib example/)", async () => {
  await loadYamlParser();
  // example/ shows the library at the root: `"@alduino/pkg-lib": "file:.."`, which pnpm 6
  // links (`link:..`).
  const lock = [
    "lockfileVersion: 5.3",
    "",
    "specifiers:",
    "  '@alduino/pkg-lib': file:..",
    "  react: 17.0.2",
    "",
    "devDependencies:",
    "  '@alduino/pkg-lib': link:..",
    "  react: 17.0.2",
    "",
    "packages:",
    "",
    "  /react/17.0.2:",
    "    resolution: {integrity: sha512-gnhPt75i/dq/z3/6q/0asP78D0u592D5L1pd7M8P+dck6Fu/jJeL6iVVK23fptSUZj8Vjf++7wXA8UNclGQcbA==}",
    "    engines: {node: '>=0.10.0'}",
    "    dev: true",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "@alduino/pkg-lib", version: "0.6.2" }),
    "example/package.json": JSON.stringify({
      name: "example",
      version: "1.0.0",
      devDependencies: { "@alduino/pkg-lib": "file:..", react: "^17.0.2" },
    }),
  };
  const out = readPnpmLock(lock, { path: "example/pnpm-lock.yaml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:example"]);
  assert.deepEqual(edgesFrom(out, "workspace:example").sort(), [
    "pkg:npm/react@17.0.2 dev",
    `${ROOT_ID} dev`,
  ]);
});

Deno.test("readPnpmLock: an importer of a folder with no package.json, beside a project's, is a warning", () => {
  // packages/old was removed without `pnpm install`: pnpm installs the projects it finds (a
  // frozen install filters the lock by them), so none there; the SBOM keeps the importer as
  // the lock has it, and says so (was: silent). A lock read without any package.json, or an
  // importer outside the tree (another checkout), is no such case.
  const lock = [
    "lockfileVersion: '9.0'",
    ...MS_ROOT_IMPORTER,
    "  packages/old:",
    "    dependencies:",
    "      ms:",
    "        specifier: ^2.1.3",
    "        version: 2.1.3",
    "  ../other:",
    "    dependencies:",
    "      ms:",
    "        specifier: ^2.1.3",
    "        version: 2.1.3",
    ...MS_ONLY,
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", dependencies: { ms: "^2.1.3" } }),
  };
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.warnings, [
    "pnpm-lock.yaml: importer ../other is a folder outside the project, and nothing in the lock " +
    "or rush.json names its package: it is not in the SBOM, its dependencies are",
    "packages/old/package.json does not exist, though pnpm-lock.yaml has an importer for its " +
    "folder: pnpm installs no such project (a lock older than the workspace; `pnpm install` " +
    "drops the importer); the SBOM has it as the lock does",
  ]);
  assert.ok(out.members.some((m) => m.id === "workspace:packages/old"));
  assert.deepEqual(
    readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined }).warnings,
    out.warnings!.slice(0, 1),
  );
});

Deno.test("readPnpmLock: a link: into a member's publishConfig.directory is that member, not a member of its own", async () => {
  await loadYamlParser();
  // pnpm 10 links a workspace package by its `publishConfig.directory` (`link:../lib/dist`),
  // in one lock of the workspace and in a project's own (`sharedWorkspaceLockfile: false`),
  // and injects it from there.
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "multi-root", version: "1.0.0", private: true }),
    "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
    "packages/app/package.json": JSON.stringify({
      name: "@multi/app",
      version: "0.1.0",
      dependencies: { "@multi/lib": "workspace:^" },
    }),
    "packages/lib/package.json": JSON.stringify({
      name: "@multi/lib",
      version: "0.2.0",
      dependencies: { ms: "2.1.3" },
      publishConfig: { directory: "dist" },
    }),
  };
  const app = (indent: string): string[] => [
    `${indent}dependencies:`,
    `${indent}  '@multi/lib':`,
    `${indent}    specifier: workspace:^`,
    `${indent}    version: link:../lib/dist`,
  ];
  const shared = [
    "lockfileVersion: '9.0'",
    "importers:",
    "  .: {}",
    "  packages/app:",
    ...app("    "),
    "  packages/lib:",
    "    dependencies:",
    "      ms:",
    "        specifier: 2.1.3",
    "        version: 2.1.3",
    ...MS_ONLY,
  ].join("\n");
  const own = ["lockfileVersion: '9.0'", "importers:", "  .:", ...app("    "), ""].join("\n");
  // `injectWorkspacePackages: true` injects the member from that folder (`file:`).
  const injected = shared
    .replace("link:../lib/dist", "file:packages/lib/dist")
    .replace(
      "packages:\n",
      [
        "packages:",
        "  '@multi/lib@file:packages/lib/dist':",
        "    resolution: {directory: packages/lib/dist, type: directory}",
        "",
      ].join("\n"),
    )
    .replace(
      "snapshots:\n",
      "snapshots:\n  '@multi/lib@file:packages/lib/dist':\n    dependencies:\n      ms: 2.1.3\n",
    );
  for (
    const [path, lock] of [
      ["pnpm-lock.yaml", shared],
      ["packages/app/pnpm-lock.yaml", own],
      ["pnpm-lock.yaml", injected],
    ]
  ) {
    const out = readPnpmLock(lock, { path, load: (p) => files[p] });
    assertWellFormed(out);
    assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
      "workspace:packages/app pkg:npm/%40multi/app@0.1.0",
      "workspace:packages/lib pkg:npm/%40multi/lib@0.2.0",
    ]);
    assert.deepEqual(edgesFrom(out, "workspace:packages/app"), ["workspace:packages/lib runtime"]);
  }
});

/** The warning for a package `name` in the folder `../<name>` beside the project. */
function outsideWarning(lock: string, name = "outside"): string {
  return `${lock}: ${name} is the local folder ../${name}, outside the scanned tree: vouch did ` +
    "not scan its code or read its package.json, and the SBOM has it only as the lock records " +
    "it (no hashes; the registry package of that name is another); scan a folder that holds " +
    "both to include it";
}

Deno.test("readPnpmLock: a link: or file: folder outside the project is a component, with a warning naming it", () => {
  // `pnpm install` (pnpm 12) of `"outside": "link:../outside"` and of `"file:../outside"`.
  // Was: pkg:npm/outside and no word that the folder's code went unscanned.
  const linked = [
    ...PNPM_V9_HEAD,
    "    dependencies:",
    "      outside:",
    "        specifier: link:../outside",
    "        version: link:../outside",
  ].join("\n");
  const copied = [
    ...PNPM_V9_HEAD,
    "    dependencies:",
    "      outside:",
    "        specifier: file:../outside",
    "        version: file:../outside",
    "",
    "packages:",
    "",
    "  ms@2.1.3:",
    "    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}",
    "",
    "  outside@file:../outside:",
    "    resolution: {directory: ../outside, type: directory}",
    "",
    "snapshots:",
    "",
    "  ms@2.1.3: {}",
    "",
    "  outside@file:../outside:",
    "    dependencies:",
    "      ms: 2.1.3",
  ].join("\n");
  for (const lock of [linked, copied]) {
    const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined });
    assert.ok(out.components.some((c) => c.id === "pkg:npm/outside"));
    assert.deepEqual(out.warnings, [outsideWarning("pnpm-lock.yaml")]);
  }
});

Deno.test("readPnpmLock: a tarball of the tree is its file_name's, with the integrity pnpm locks for that file", () => {
  // `pnpm install` (pnpm 12) of `"x": "file:vendor/x-1.0.0.tgz"`: the integrity is the SHA-512
  // of vendor/x-1.0.0.tgz. Was: pkg:npm/x@1.0.0, the registry's to any reader.
  const lock = [
    ...PNPM_V9_HEAD,
    "    dependencies:",
    "      x:",
    "        specifier: file:vendor/x-1.0.0.tgz",
    "        version: file:vendor/x-1.0.0.tgz",
    "",
    "packages:",
    "",
    "  ms@2.1.3:",
    "    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}",
    "",
    "  x@file:vendor/x-1.0.0.tgz:",
    "    resolution: {integrity: sha512-NQxXQA5LjbBqLN6iB58gKCDRcn/mv1QCcULtrKY14/VsbZpbsmiDKus6zNFMM6LFfBiGq4imbLzwcBZBFiW0KA==, tarball: file:vendor/x-1.0.0.tgz}",
    "    version: 1.0.0",
    "",
    "snapshots:",
    "",
    "  ms@2.1.3: {}",
    "",
    "  x@file:vendor/x-1.0.0.tgz:",
    "    dependencies:",
    "      ms: 2.1.3",
  ].join("\n");
  const out = readPnpmLock(lock, { path: "pnpm-lock.yaml", load: () => undefined });
  const x = out.components.find((c) => c.name === "x");
  assert.equal(x?.purl, "pkg:npm/x@1.0.0?file_name=x-1.0.0.tgz");
  assert.equal(x?.downloadLocation, undefined);
  assert.deepEqual(x?.hashes.map((h) => h.hex.slice(0, 12)), ["350c57400e4b"]);
});

Deno.test("readPnpmLock: a dependency the project's packageExtensions add to a member is declared (pnpm extends workspace manifests too)", () => {
  // pnpm 9.15.9 wrote this lock: the root's `pnpm.packageExtensions` adds left-pad to the
  // member @acme/logger@1.0.0, whose package.json declares nothing, and pnpm locks the extended
  // importer (`pnpm install --frozen-lockfile`: "Lockfile is up to date"). Was: a warning that
  // the package.json does not declare left-pad, a stale lock.
  const lock = [
    "lockfileVersion: '9.0'",
    "",
    "settings:",
    "  autoInstallPeers: true",
    "  excludeLinksFromLockfile: false",
    "",
    "packageExtensionsChecksum: 034d8116eb4e8a9c03d3e1e3c8ad3fe4",
    "",
    "importers:",
    "",
    "  .: {}",
    "",
    "  packages/logger:",
    "    dependencies:",
    "      left-pad:",
    "        specifier: 1.3.0",
    "        version: 1.3.0",
    "",
    "packages:",
    "",
    "  left-pad@1.3.0:",
    "    resolution: {integrity: sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQGinBN9yTQT3bFlCBy/aVx2HrNcqQGsdot8ghrjyrvMCoEA==}",
    "",
    "snapshots:",
    "",
    "  left-pad@1.3.0: {}",
    "",
  ].join("\n");
  const files = (selector: string): Record<string, string> => ({
    "package.json": JSON.stringify({
      name: "root",
      private: true,
      pnpm: { packageExtensions: { [selector]: { dependencies: { "left-pad": "1.3.0" } } } },
    }),
    "pnpm-workspace.yaml": 'packages:\n  - "packages/*"\n',
    "packages/logger/package.json": JSON.stringify({ name: "@acme/logger", version: "1.0.0" }),
  });
  const read = (selector: string): ReturnType<typeof readPnpmLock> =>
    readPnpmLock(lock, { path: "pnpm-lock.yaml", load: (p) => files(selector)[p] });
  for (const selector of ["@acme/logger@1", "@acme/logger"]) {
    const out = read(selector);
    assertWellFormed(out);
    assert.equal(out.warnings, undefined, selector);
  }
  // A selector whose range the member's version does not satisfy extends nothing.
  assert.match(read("@acme/logger@2").warnings?.join("\n") ?? "", /does not declare left-pad/);
});

Deno.test("readInventory: what a .pnpmfile.cjs adds to the projects, which a pnpm 7 lock records with no checksum, is no stale lock (agoetc/dependency-limit-by-pnpm-monorepo)", async () => {
  // The repository's hook adds typescript to every manifest, its projects' too: pnpm 7.33 runs
  // readPackage on each project's manifest before it resolves, and records the result in the
  // importers; pnpm 8 and older keep no pnpmfileChecksum (pnpm 9 does). Was: a warning for
  // each project that its package.json does not declare typescript, a lock
  // `--frozen-lockfile` refuses, which pnpm installs as it is. pnpm 5 (lockfile 5.2 and older)
  // reads the hook from `pnpmfile.js` (pnpm 5.18.10: `path.join(prefix, "pnpmfile.js")`), pnpm 6
  // on from `.pnpmfile.cjs` only.
  const hook = "function readPackage(pkg) {\n  pkg.devDependencies = {\n" +
    "    ...pkg.devDependencies,\n    typescript: '^4.7.4',\n  }\n\n  return pkg\n}\n\n" +
    "module.exports = {\n  hooks: {\n    readPackage,\n  },\n}\n";
  const importer = (folder: string) => [
    `  ${folder}:`,
    "    specifiers:",
    "      typescript: ^4.7.4",
    "    devDependencies:",
    "      typescript: 4.8.4",
    "",
  ];
  const lock = (version: string) =>
    [
      `lockfileVersion: ${version}`,
      "",
      "importers:",
      "",
      ...importer("."),
      ...importer("packages/domain"),
      "packages:",
      "",
      "  /typescript/4.8.4:",
      "    resolution: {integrity: sha512-QCh+85mCy+h0IGff8r5XWzOVSbBO+KfeYrMQh7NJ58QujwcE22u+NUSmUxqF+un70P9GXKxa2HCNiTTMJknyjQ==}",
      "    engines: {node: '>=4.2.0'}",
      "    hasBin: true",
      "    dev: true",
      "",
    ].join("\n");
  const undeclared = (warnings: string[] | undefined) =>
    (warnings ?? []).filter((w) => w.includes("does not declare typescript")).length;
  for (
    const [version, file, other] of [
      ["5.4", ".pnpmfile.cjs", "pnpmfile.js"],
      ["5.2", "pnpmfile.js", ".pnpmfile.cjs"],
    ]
  ) {
    await withTempDir(async (dir) => {
      await writeTree(dir, {
        "package.json": JSON.stringify({ name: "enjoy-pnpm-monorepo", private: true }),
        "pnpm-workspace.yaml": "packages:\n  - 'packages/**'\n",
        "packages/domain/package.json": JSON.stringify({ name: "domain", version: "0.0.0" }),
        "pnpm-lock.yaml": lock(version),
      });
      const without = await readInventory(dir);
      assert.equal(undeclared(without.warnings), 2);
      // The other name, which that pnpm does not read, changes nothing.
      await writeTree(dir, { [other]: hook });
      assert.equal(undeclared((await readInventory(dir)).warnings), 2);
      await writeTree(dir, { [file]: hook });
      const hooked = await readInventory(dir);
      assert.equal(undeclared(hooked.warnings), 0, `${version} ${file}`);
      // The hook file is no input of the SBOM.
      assert.deepEqual(hooked.sources, without.sources);
      assert.deepEqual(hooked.components.map((c) => `${c.purl} ${c.scopes}`), [
        "pkg:npm/typescript@4.8.4 dev",
      ]);
    });
  }
  // pnpm 9 records the hook's checksum and refuses a frozen install of a lock without it: a
  // 9.0 lock with no pnpmfileChecksum beside a .pnpmfile.cjs is still checked.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({ name: "app", private: true }),
      ".pnpmfile.cjs": hook,
      "pnpm-lock.yaml": [
        ...PNPM_V9_HEAD.slice(0, 1),
        "",
        "importers:",
        "",
        "  .:",
        "    devDependencies:",
        "      ms:",
        "        specifier: ^2.1.3",
        "        version: 2.1.3",
        "",
        ...MS_ONLY,
      ].join("\n"),
    });
    const warnings = (await readInventory(dir)).warnings ?? [];
    assert.equal(warnings.filter((w) => w.includes("does not declare ms")).length, 1);
  });
});

Deno.test("pnpm-lock.yaml: a catalog entry the pnpm-workspace.yaml no longer has is a stale lock", () => {
  // azu/pnpm--frozen-lockfile-bug: the lock records catalog lodash 4.17.21, the workspace's
  // catalog says 4.0.0; pnpm's allCatalogsAreUpToDate finds such a lock out of date (was: silent).
  const lock = [
    "lockfileVersion: '9.0'",
    "settings:",
    "  autoInstallPeers: true",
    "  excludeLinksFromLockfile: false",
    "catalogs:",
    "  default:",
    "    lodash:",
    "      specifier: 4.17.21",
    "      version: 4.17.21",
    "  tools:",
    "    typescript:",
    "      specifier: ^5.6.0",
    "      version: 5.6.3",
    "importers:",
    "  .:",
    "    dependencies:",
    "      lodash:",
    "        specifier: 'catalog:'",
    "        version: 4.17.21",
    "    devDependencies:",
    "      typescript:",
    "        specifier: 'catalog:tools'",
    "        version: 5.6.3",
    "packages:",
    "  lodash@4.17.21:",
    "    resolution: {integrity: sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==}",
    "  typescript@5.6.3:",
    "    resolution: {integrity: sha512-hjcS1mhfuyi4WW8IWtjP7brDrG2cuDZukyrYrSauoXGNgx0S7zceP07adYkJycEr56BOUTNPzbInooiN3fn1qw==}",
    "snapshots:",
    "  lodash@4.17.21: {}",
    "  typescript@5.6.3: {}",
  ].join("\n");
  const manifest = JSON.stringify({
    name: "x",
    dependencies: { lodash: "catalog:" },
    devDependencies: { typescript: "catalog:tools" },
  });
  const warnings = (workspace: string | undefined): string[] | undefined =>
    readPnpmLock(lock, {
      path: "pnpm-lock.yaml",
      load: (p) =>
        p === "package.json" ? manifest : p === "pnpm-workspace.yaml" ? workspace : undefined,
    }).warnings;
  assert.equal(
    warnings("catalog:\n  lodash: 4.17.21\ncatalogs:\n  tools:\n    typescript: ^5.6.0\n"),
    undefined,
  );
  assert.deepEqual(warnings("catalog:\n  lodash: 4.0.0\n"), [
    "pnpm-lock.yaml records catalog entries pnpm-workspace.yaml no longer has: lodash: " +
    "4.17.21, now 4.0.0; typescript (catalog tools): ^5.6.0, which it no longer lists; pnpm " +
    "finds the lock out of date and resolves the catalog afresh; run `pnpm install` to update " +
    "it (the SBOM has the lock's versions)",
  ]);
  // `catalogs.default` is the default catalog too; no pnpm-workspace.yaml: not checked.
  assert.equal(
    warnings("catalogs:\n  default:\n    lodash: 4.17.21\n  tools:\n    typescript: ^5.6.0\n"),
    undefined,
  );
  assert.equal(warnings(undefined), undefined);
});
