import assert from "node:assert/strict";
import { readYarnLock } from "../../../src/inventory/javascript/yarn_lock.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { fixture, SHARED_DIR, skipWithoutShared } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import {
  assertUndeclaredMember,
  assertValidSboms,
  BERRY_APP,
  byId,
  UNDECLARED_MEMBER_FILES,
} from "./_js_readers.ts";
import { treeContext } from "../_tree.ts";

/** Reads a Berry lock of a root with one workspace, packages/lib, whose files `files` holds. */
function readWithLib(lock: string, files: Record<string, string>): ReturnType<typeof readYarnLock> {
  return readYarnLock(lock, {
    path: "yarn.lock",
    load: (p) => files[p],
    list: (f) => f === "" ? ["packages"] : f === "packages" ? ["lib"] : [],
  });
}

function read(dir: string): ReturnType<typeof readYarnLock> {
  const context = treeContext(dir);
  return readYarnLock(context.load("yarn.lock")!, { path: "yarn.lock", ...context });
}

const LEFT_PAD =
  "pkg:npm/left-pad@1.3.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fstevemao%2Fleft-pad.git" +
  "%405e5a4e3b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f";
const XLSX =
  "pkg:npm/xlsx@0.20.2?download_url=https:%2F%2Fcdn.sheetjs.com%2Fxlsx-0.20.2%2Fxlsx-0.20.2.tgz";
/**
 * `github:kevva/is-positive`, which Yarn classic locks as a codeload tarball of the commit and
 * Berry as its https remote: the same git source.
 */
const IS_POSITIVE = "pkg:npm/is-positive@3.1.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fkevva" +
  "%2Fis-positive.git%4097edff6f525f192a3f83cea1944765f769ae2678";

Deno.test("readYarnLock classic: multi-specifier entries, aliases, workspaces from package.json", async () => {
  const out = read(fixture("js", "yarn", "v1-workspace"));
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "yarn-classic-demo",
    version: "1.0.0",
    purl: "pkg:npm/yarn-classic-demo@1.0.0",
  });
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
    "workspace:packages/a pkg:npm/%40demo/a@1.0.0", // from "workspaces": ["packages/*"]
    // Yarn 1 has no negations: "!packages/excluded" leaves it in.
    "workspace:packages/excluded pkg:npm/%40demo/excluded@0.0.1",
    "workspace:vendor/local-lib pkg:npm/local-lib@0.1.0", // file: folder
  ]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.direct}`), [
    "pkg:npm/%40demo/a@0.9.0 dev true", // the registry package sharing the member's name
    "pkg:npm/JSONStream@1.3.5 dev true",
    "pkg:npm/ansi-regex@5.0.1 runtime false",
    "pkg:npm/debug@4.3.4 runtime true", // one entry for debug@^4.1.0 and debug@^4.3.4
    "pkg:npm/fsevents@2.3.3 optional true",
    "pkg:npm/is-number@6.0.0 runtime false",
    "pkg:npm/is-odd@3.0.1 runtime true",
    `${IS_POSITIVE} runtime true`,
    "pkg:npm/jsonparse@1.3.1 dev false",
    `${LEFT_PAD} runtime true`,
    "pkg:npm/ms@2.1.2 runtime true",
    "pkg:npm/string-width@4.2.3 runtime true", // string-width-cjs@npm:string-width@^4.2.0
    "pkg:npm/strip-ansi@6.0.1 runtime false",
    "pkg:npm/through@2.3.8?repository_url=https:%2F%2Fnpm.example.com dev false",
    `${XLSX} runtime true`,
  ]);
  const c = byId(out);
  // integrity (SHA-512) and the SHA-1 that classic Yarn writes after `#` in `resolved`.
  assert.deepEqual(c.get("pkg:npm/ms@2.1.2")?.hashes.map((h) => h.alg), ["sha1", "sha512"]);
  assert.deepEqual(c.get("pkg:npm/ms@2.1.2")?.hashes[0], {
    alg: "sha1",
    hex: "d09d1f357b443f493382a8eb3ccd183872ae6009",
  });
  assert.equal(
    c.get("pkg:npm/ms@2.1.2")?.downloadLocation,
    "https://registry.yarnpkg.com/ms/-/ms-2.1.2.tgz",
  );
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/%40demo/a@0.9.0 dev",
    "pkg:npm/debug@4.3.4 runtime",
    "pkg:npm/fsevents@2.3.3 optional",
    `${IS_POSITIVE} runtime`,
    `${LEFT_PAD} runtime`,
    "pkg:npm/string-width@4.2.3 runtime",
    `${XLSX} runtime`,
    "workspace:packages/a runtime",
    "workspace:packages/excluded runtime",
    "workspace:vendor/local-lib runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/excluded"), ["pkg:npm/is-odd@3.0.1 runtime"]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/a"), [
    "pkg:npm/JSONStream@1.3.5 dev",
    "pkg:npm/debug@4.3.4 runtime",
    "pkg:npm/ms@2.1.2 runtime",
  ]);
  // The git source in the purl, the archive that was fetched as the download location.
  assert.equal(
    c.get(IS_POSITIVE)?.downloadLocation,
    "https://codeload.github.com/kevva/is-positive/tar.gz/97edff6f525f192a3f83cea1944765f769ae2678",
  );
  await assertValidSboms(out, "yarn.lock");
});

Deno.test("readYarnLock classic without list or package.json: undepended entries are the roots", () => {
  const { load } = treeContext(fixture("js", "yarn", "v1-workspace"));
  const out = readYarnLock(load("yarn.lock")!, {
    path: "yarn.lock",
    load: (p) => (p === "yarn.lock" ? load(p) : undefined),
  });
  assert.equal(out.components.length, 15);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:vendor/local-lib"]);
  assert.ok(edgesFrom(out, ROOT_ID).includes("pkg:npm/JSONStream@1.3.5 runtime"));
  assert.ok(!edgesFrom(out, ROOT_ID).includes("pkg:npm/ms@2.1.2 runtime"));
});

Deno.test("readYarnLock Berry: workspaces, patches recorded, portal, resolutions, no checksum hashes", async () => {
  const out = read(fixture("js", "yarn", "berry-workspace"));
  assertWellFormed(out);
  assert.equal(out.project?.name, "@demo/monorepo");
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
    "workspace:packages/core pkg:npm/jest@30.0.0",
    "workspace:tools/portal-pkg pkg:npm/portal-pkg@2.0.0",
  ]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.direct}`), [
    "pkg:npm/%40types/node@18.19.130 runtime true", // "npm:*" through resolutions → 18.x
    "pkg:npm/fsevents@2.3.3 optional true", // patched and unpatched entries: one component
    `${IS_POSITIVE} runtime true`,
    "pkg:npm/jest@29.7.0 dev true", // a registry jest beside the workspace named jest
    "pkg:npm/lru-cache@10.4.3 runtime true",
    "pkg:npm/ms@2.1.3 runtime true",
    "pkg:npm/node-gyp@10.2.0 optional false",
    "pkg:npm/string-width@4.2.3 runtime true",
    "pkg:npm/typescript@5.4.5 dev true",
    `${XLSX} dev true`,
  ]);
  const c = byId(out);
  assert.deepEqual(c.get("pkg:npm/lru-cache@10.4.3")?.patches, [
    ".yarn/patches/lru-cache-npm-10.4.3-30c10b861a.patch",
  ]);
  assert.deepEqual(c.get("pkg:npm/fsevents@2.3.3")?.patches, ["optional!builtin<compat/fsevents>"]);
  assert.equal(c.get("pkg:npm/ms@2.1.3")?.patches, undefined);
  // Berry's checksum hashes Yarn's cache zip, not the tarball: never a component hash.
  assert.ok(out.components.every((x) => x.hashes.length === 0));
  assert.deepEqual(edgesFrom(out, "workspace:packages/core"), [
    "pkg:npm/%40types/node@18.19.130 runtime",
    "pkg:npm/fsevents@2.3.3 optional",
    `${IS_POSITIVE} runtime`,
    "pkg:npm/lru-cache@10.4.3 runtime",
    "pkg:npm/string-width@4.2.3 runtime",
    `${XLSX} dev`, // a devDependency of packages/core/package.json
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:tools/portal-pkg"), ["pkg:npm/ms@2.1.3 runtime"]);
  await assertValidSboms(out, "yarn.lock");
});

Deno.test("readYarnLock Berry: catalog: ranges from .yarnrc.yml, peers resolved through the parent, #commit:", async () => {
  const out = read(fixture("js", "yarn", "berry-catalog-peers"));
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:apps/web", "workspace:packages/ui"]);
  const TYPEGOOSE = "pkg:npm/typegoose@7.2.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Ftypegoose" +
    "%2Ftypegoose.git%403ed06e5097ab929f69755676fee419318aaec73a"; // `#commit:` is the commit
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.direct}`), [
    "pkg:npm/js-tokens@4.0.0 false",
    "pkg:npm/loose-envify@1.4.0 false",
    "pkg:npm/ms@2.1.3 true", // `catalog:` → the default catalog's ^2.1.3
    "pkg:npm/react-dom@18.3.1 true", // `catalog:react18`
    "pkg:npm/react@18.3.1 true",
    "pkg:npm/scheduler@0.23.2 false",
    `${TYPEGOOSE} true`,
  ]);
  // react-dom's peer react is the react its parent (the web workspace) depends on.
  assert.deepEqual(edgesFrom(out, "pkg:npm/react-dom@18.3.1"), [
    "pkg:npm/loose-envify@1.4.0 runtime",
    "pkg:npm/react@18.3.1 runtime",
    "pkg:npm/scheduler@0.23.2 runtime",
  ]);
  // So is the peer of the ui workspace; typegoose's peer mongoose is provided by no one: no edge.
  assert.deepEqual(edgesFrom(out, "workspace:packages/ui"), ["pkg:npm/react@18.3.1 runtime"]);
  assert.deepEqual(edgesFrom(out, TYPEGOOSE), []);
  await assertValidSboms(out, "yarn.lock");
});

Deno.test("readYarnLock Berry: catalog:default is the catalogs entry named default, not catalog", async () => {
  // Yarn 4.18 (`yarn why @types/ms`): the root's `catalog:` is the top-level catalog's 0.7.34,
  // the workspace's `catalog:default` the `catalogs.default` 0.7.31 (pnpm and Bun read
  // `catalog:default` as `catalog:`, and refuse a file that states both).
  const out = read(fixture("js", "yarn", "berry-catalog-default"));
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/%40types/ms@0.7.34 runtime",
    "workspace:packages/a runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/a"), ["pkg:npm/%40types/ms@0.7.31 runtime"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.direct}`), [
    "pkg:npm/%40types/ms@0.7.31 true",
    "pkg:npm/%40types/ms@0.7.34 true",
  ]);
  await assertValidSboms(out, "yarn.lock");
});

Deno.test("readYarnLock Berry: an scp-style git remote is a vcs_url with its commit", () => {
  const lock = [
    "__metadata:",
    "  version: 6",
    "  cacheKey: 8",
    "",
    '"app@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "app@workspace:."',
    "  dependencies:",
    '    lib: "git@git.acme.dev:acme/lib.git#main"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"lib@git@git.acme.dev:acme/lib.git#main":',
    "  version: 1.2.0",
    '  resolution: "lib@git@git.acme.dev:acme/lib.git#commit=0123456789abcdef0123456789abcdef01234567"',
    "  languageName: node",
    "  linkType: hard",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/lib@1.2.0?vcs_url=git%2Bssh:%2F%2Fgit%40git.acme.dev%2Facme%2Flib.git" +
    "%400123456789abcdef0123456789abcdef01234567",
  ]);
});

Deno.test("readYarnLock Berry: a malformed %-escape in a patch: locator is invalid at its line", () => {
  const lock = [
    "__metadata:",
    "  version: 8",
    "  cacheKey: 10c0",
    "",
    '"typescript@patch:typescript@npm%3A^5.4.0#optional!builtin<compat/typescript>":',
    "  version: 5.4.5",
    '  resolution: "typescript@patch:typescript@npm%3.0#optional!builtin<compat/typescript>::version=5.4.5&hash=5adc0c"',
    "  languageName: node",
    "  linkType: hard",
  ].join("\n");
  assertVouchError(
    () => readYarnLock(lock, { path: "yarn.lock", load: () => undefined }),
    "inventory.yarn_lock.invalid",
    /^yarn\.lock:5: entry .* has a malformed %-escape in typescript@npm%3\.0$/,
  );
});

Deno.test("readYarnLock Berry: locator= parameters nested deeper than Yarn nests them are refused, not read level by level (was: out of memory)", () => {
  // Yarn percent-encodes a parent locator in its child's; written unencoded, each level is read
  // anew from the rest of the string: 20,000 levels (460 kB) took 4 GB and crashed; 2,000 here.
  const nested = "y@portal:../x::locator=".repeat(2_000);
  const lock = [
    ...BERRY_APP,
    '    has: "portal:../x"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"has@portal:../x::locator=app%40workspace%3A.":',
    "  version: 0.0.0-use.local",
    `  resolution: "has@portal:../x::locator=${nested}app@workspace:."`,
    "  languageName: node",
    "  linkType: soft",
  ].join("\n");
  assertVouchError(
    () => readYarnLock(lock, { path: "yarn.lock", load: () => undefined }),
    "inventory.yarn_lock.invalid",
    /^yarn\.lock:13: entry has@portal:\.\.\/x::locator=app%40workspace%3A\. nests its locator= parameters more than 64 deep, as Yarn writes none$/,
  );
});

Deno.test("readYarnLock Berry: a resolution without a name is invalid at its entry's line", () => {
  // Yarn's parseLocator refuses both (`Invalid locator`); they were refused without a line.
  for (const resolution of ['""', '"ms@patch:#~/ms.patch"']) {
    const lock = [
      ...BERRY_APP,
      '    ms: "npm:2.1.3"',
      "  languageName: unknown",
      "  linkType: soft",
      "",
      '"ms@npm:2.1.3":',
      "  version: 2.1.3",
      `  resolution: ${resolution}`,
      "  languageName: node",
      "  linkType: hard",
    ].join("\n");
    assertVouchError(
      () => readYarnLock(lock, { path: "yarn.lock", load: () => undefined }),
      "inventory.yarn_lock.invalid",
      /^yarn\.lock:13: entry ms@npm:2\.1\.3 resolves to ".*", a locator without a name$/,
    );
  }
});

Deno.test("readYarnLock Berry: a catalog: range without .yarnrc.yml is the one entry of that name", () => {
  const dir = fixture("js", "yarn", "berry-catalog-peers");
  const context = treeContext(dir);
  const load = (path: string): string | undefined =>
    path.endsWith(".yarnrc.yml") ? undefined : context.load(path);
  const out = readYarnLock(load("yarn.lock")!, {
    path: "yarn.lock",
    ...context,
    load,
  });
  assert.ok(out.components.some((c) => c.id === "pkg:npm/react-dom@18.3.1" && c.direct));
  // Two entries of one name and no catalog to choose: the lock does not resolve it.
  const twice = load("yarn.lock")!.replace(
    '"ms@npm:^2.1.3":',
    '"ms@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "ms@npm:1.0.0"\n  languageName: node\n' +
      '  linkType: hard\n\n"ms@npm:^2.1.3":',
  );
  assertVouchError(
    () => readYarnLock(twice, { path: "yarn.lock", ...context, load }),
    "inventory.yarn_lock.invalid",
    /workspace web depends on ms@catalog:, which the lock does not resolve: no \.yarnrc\.yml from \.yarnrc\.yml up to the scanned folder gives its default catalog entry and the lock has no one entry of ms to stand for it$/,
  );
});

Deno.test("readYarnLock Berry: a catalog entry .yarnrc.yml lacks is said so, not only unresolved (fuzz)", () => {
  // Yarn fails too: `entry not found in catalog "default"` (plugin-catalog).
  const context = treeContext(fixture("js", "yarn", "berry-catalog-default"));
  const load = (path: string): string | undefined =>
    path === ".yarnrc.yml"
      ? context.load(path)!.replace('"@types/ms": 0.7.31', '"@types/node": 0.7.31')
      : context.load(path);
  assertVouchError(
    () => readYarnLock(load("yarn.lock")!, { path: "yarn.lock", ...context, load }),
    "inventory.yarn_lock.invalid",
    /^yarn\.lock:8: workspace @demo\/a depends on @types\/ms@catalog:default, which the lock does not resolve: no \.yarnrc\.yml from \.yarnrc\.yml up to the scanned folder has a catalog "default" entry for it \(Yarn fails: entry not found in catalog "default"\) and the lock has no one entry of @types\/ms to stand for it$/,
  );
});

Deno.test("readYarnLock Berry: catalogs of every .yarnrc.yml from the lock's folder up, merged", () => {
  // Yarn 4.18.1 (`yarn install` in app/, which wrote this lock): Configuration.find reads the
  // .yarnrc.yml of each folder up to `/` and merges them key by key (resolveRcFiles), the
  // nearer file winning: `catalog:` left-pad is app's 1.1.0, is-number the parent's ^7.0.0;
  // `catalog:tools` is-odd app's 2.0.0, is-even the parent's ^1.0.0.
  const context = treeContext(fixture("js", "yarn", "berry-catalog-parent-rc"));
  const out = readYarnLock(context.load("app/yarn.lock")!, { path: "app/yarn.lock", ...context });
  assert.deepEqual(out.warnings ?? [], []);
  assert.deepEqual(edgesFrom(out, "workspace:app"), [
    "pkg:npm/is-even@1.0.0 runtime",
    "pkg:npm/is-number@7.0.0 runtime",
    "pkg:npm/is-odd@2.0.0 runtime",
    "pkg:npm/left-pad@1.1.0 runtime",
  ]);
});

Deno.test("readYarnLock Berry: onConflict: reset in a .yarnrc.yml drops the farther files' catalog", () => {
  // Yarn 4.18.1 with this app/.yarnrc.yml: `is-even@catalog:tools: entry not found in catalog
  // "tools"` (YN0082): the lock's one is-even entry stands for it, said so.
  const context = treeContext(fixture("js", "yarn", "berry-catalog-parent-rc"));
  const load = (path: string): string | undefined =>
    path === "app/.yarnrc.yml"
      ? context.load(path)!.replace("  tools:\n", "  tools:\n    onConflict: reset\n")
      : context.load(path);
  const out = readYarnLock(load("app/yarn.lock")!, { path: "app/yarn.lock", ...context, load });
  assert.deepEqual(out.warnings, [
    "app/yarn.lock: is-even@catalog:tools: no .yarnrc.yml from app/.yarnrc.yml up to the " +
    "scanned folder gives its catalog entry (a .yarnrc.yml above the scanned folder or the " +
    "home folder's, which Yarn merges too, may; vouch reads neither): taken as the lock's one " +
    "entry of that name",
  ]);
  assert.ok(edgesFrom(out, "workspace:app").includes("pkg:npm/is-even@1.0.0 runtime"));
});

// Bad input in files (truncated, duplicate keys, wrong version, invalid UTF-8, …): the golden
// cases under fixtures/js/yarn/invalid/ (tests/inventory/golden_test.ts).
Deno.test("readYarnLock: text that is no Yarn lockfile, odd indentation are invalid", () => {
  const code = "inventory.yarn_lock.invalid";
  // CR-alone line ends: Yarn 1 reads the header comment up to the next LF, i.e. the whole file
  // (it read as an empty lock: a silently empty inventory).
  const v1 = '# yarn lockfile v1\n\nms@^2:\n  version "2.1.3"\n';
  for (
    const [text, line] of [[v1.replaceAll("\n", "\r"), 1], [
      v1.replace("ms@^2:\n", "ms@^2:\r"),
      3,
    ]] as const
  ) {
    assertVouchError(
      () => readYarnLock(text, { path: "yarn.lock", load: () => undefined }),
      code,
      new RegExp(`^yarn\\.lock:${line}: a line ends with a CR alone`),
    );
  }
  assertVouchError(
    () => readYarnLock("not a lock\n", { path: "yarn.lock", load: () => undefined }),
    code,
    /^yarn\.lock:1: not a Yarn lockfile/,
  );
  // Another version in Yarn 1's header: that line, as a version (it was line 1, "not a Yarn lockfile").
  assertVouchError(
    () =>
      readYarnLock(
        "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v99\n",
        { path: "yarn.lock", load: () => undefined },
      ),
    code,
    /^yarn\.lock:2: yarn lockfile v99 is not supported/,
  );
  assertVouchError(
    () =>
      readYarnLock('# yarn lockfile v1\n\nms@^2:\n   version "2.1.3"\n', {
        path: "a/yarn.lock",
        load: () => undefined,
      }),
    code,
    /^a\/yarn\.lock:4: invalid yarn\.lock: odd indentation/,
  );
});

// Corpus counts were established without vouch (a few lines of Python over the lock text):
// - excalidraw (classic): 1,444 entries (column-0 lines ending in ':'); with each entry named by
//   its first specifier (the real name after `npm:` for aliases) and its `version "…"` line,
//   1,441 distinct name@version pairs, all resolved from registry.yarnpkg.com.
// - jest (Berry): 2,227 `resolution:` lines, 71 of them `workspace:`; the other 2,156 give
//   2,150 distinct name@version once `patch:` locators are read as the package they patch.
Deno.test("readYarnLock reads the excalidraw (classic) and jest (Berry) corpus locks whole (SBOMs: corpus_scan_test.ts)", () => {
  if (skipWithoutShared("the yarn corpus locks")) return;
  const excalidraw = read(`${SHARED_DIR}/corpus/excalidraw__excalidraw`);
  assertWellFormed(excalidraw);
  assert.equal(excalidraw.components.length, 1441);
  assert.equal(excalidraw.members.length, 10); // excalidraw-app, packages/* (7), examples/* (2)
  const ids = new Set(excalidraw.components.map((c) => c.id));
  for (
    const purl of [
      "pkg:npm/string-width@4.2.3",
      "pkg:npm/%40excalidraw/mermaid-to-excalidraw@2.2.2",
      "pkg:npm/%40excalidraw/random-username@1.1.0",
      "pkg:npm/%40babel/code-frame@7.12.11",
    ]
  ) assert.ok(ids.has(purl), purl);
  assert.ok(!excalidraw.components.some((c) => c.name.endsWith("-cjs")));

  const jest = read(`${SHARED_DIR}/corpus/jestjs__jest`);
  assertWellFormed(jest);
  assert.equal(jest.components.length, 2151);
  assert.equal(jest.members.length, 70); // 71 workspaces, one of them the root
  const jestIds = byId(jest);
  // Registry copies of names that are also workspaces are components.
  assert.ok(jestIds.has("pkg:npm/jest-worker@29.7.0"));
  assert.ok(jest.members.some((m) => m.name === "jest-worker"));
  assert.ok(jest.members.some((m) => m.name === "jest"));
  // The root's `lru-cache@^10.0.1`-style resolutions patch the copies of the dependents whose
  // ranges they name; @asamuzakjp/css-color's `^10.4.3` keeps the package as it is.
  const lruPatch = ".yarn/patches/lru-cache-npm-10.4.3-30c10b861a.patch";
  assert.deepEqual(jestIds.get(`patch:pkg:npm/lru-cache@10.4.3#${lruPatch}`)?.patches, [lruPatch]);
  assert.equal(jestIds.get("pkg:npm/lru-cache@10.4.3")?.patches, undefined);
  assert.deepEqual(jestIds.get("pkg:npm/%40types/mdx@2.0.14")?.patches, [
    ".yarn/patches/@types-mdx-npm-2.0.14-ebb2ecb0d6.patch",
  ]);
  assert.ok(jest.components.every((c) => c.hashes.length === 0));
});

Deno.test("readYarnLock berry: a builtin compat patch of a dev dependency stays dev", () => {
  // Yarn writes `typescript@patch:…#~builtin<compat/typescript>` beside the npm entry; nothing
  // names the patch entry, which Yarn applies wherever the package is used.
  const out = read(fixture("js", "yarn", "berry-v6-compat-patch"));
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/path-parse@1.0.7 runtime",
    "pkg:npm/resolve@1.22.8 runtime",
    "pkg:npm/typescript@5.3.3 dev",
  ]);
});

Deno.test("readYarnLock classic: an npm: alias without a range is the package it names", () => {
  // `"my-pad": "npm:left-pad"` (any version) and a scoped target; the alias is not the package.
  const lock = [
    "# yarn lockfile v1",
    "",
    '"my-pad@npm:left-pad":',
    '  version "1.3.0"',
    '  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz"',
    "",
    '"my-node@npm:@types/node":',
    '  version "20.11.0"',
    '  resolved "https://registry.yarnpkg.com/@types/node/-/node-20.11.0.tgz"',
    "",
    '"my-ms@npm:ms@^2.1.0":',
    '  version "2.1.3"',
    "",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/%40types/node@20.11.0",
    "pkg:npm/left-pad@1.3.0",
    "pkg:npm/ms@2.1.3",
  ]);
});

Deno.test("readYarnLock classic: the workspaces of a yarn.lock Bun prints are members, not components", () => {
  // `bun install --yarn` (Bun's yarn printer): a workspace is `version "workspace:<folder>"`.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "# bun ./bun.lockb --hash: E151E01891DBD93E-1c58a71620b4e4d9-3F51147AB667CE03-f4f2d47740054ee8",
    "",
    "",
    "react@17.0.0:",
    '  version "17.0.0"',
    '  resolved "https://registry.npmjs.org/react/-/react-17.0.0.tgz"',
    "",
    "test-node-bun-base@base:",
    '  version "workspace:base"',
    '  resolved "workspace:base"',
    "  dependencies:",
    '    react "17.0.0"',
    "",
    "test-node-bun-other@other:",
    '  version "workspace:packages/other"',
    '  resolved "workspace:packages/other"',
    "  devDependencies:",
    '    react "17.0.0"',
    "",
    // What a package resolved to is written as its version: a git remote, a folder, a tarball.
    "gh@github:owner/gh:",
    '  version "github:owner/gh#4f6c1e0"',
    '  resolved "github:owner/gh#4f6c1e0"',
    "",
    '"local@./vendor/local":',
    '  version "vendor/local"',
    '  resolved "vendor/local"',
    "",
    '"tb@file:vendor/tb-1.0.0.tgz":',
    '  version "vendor/tb-1.0.0.tgz"',
    '  resolved "vendor/tb-1.0.0.tgz"',
    "",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.downloadLocation]), [
    [
      "pkg:npm/gh?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fowner%2Fgh.git%404f6c1e0",
      "git+https://github.com/owner/gh.git@4f6c1e0",
    ],
    ["pkg:npm/react@17.0.0", "https://registry.npmjs.org/react/-/react-17.0.0.tgz"],
    ["pkg:npm/tb@1.0.0?file_name=tb-1.0.0.tgz", undefined],
  ]);
  assert.deepEqual(out.members.map((m) => m.id), [
    "workspace:base",
    "workspace:packages/other",
    "workspace:vendor/local",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:base"), ["pkg:npm/react@17.0.0 runtime"]);
});

Deno.test("readYarnLock Berry: an exec: package (generated by a script) is pkg:generic, no registry claimed", () => {
  const lock = [
    ...BERRY_APP,
    '    "@acme/gen": "exec:./tools/gen.js"',
    '    holy-hand-grenade: "exec:./generate-holy-hand-grenade.js"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"@acme/gen@exec:./tools/gen.js::locator=app%40workspace%3A.":',
    "  version: 2.0.0",
    '  resolution: "@acme/gen@exec:./tools/gen.js#./tools/gen.js::hash=1a2b3c&locator=app%40workspace%3A."',
    "  dependencies:",
    '    left-pad: "npm:^1.3.0"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"holy-hand-grenade@exec:./generate-holy-hand-grenade.js::locator=app%40workspace%3A.":',
    "  version: 1.0.0",
    '  resolution: "holy-hand-grenade@exec:./generate-holy-hand-grenade.js#./generate-holy-hand-grenade.js::hash=3b5cbd&locator=app%40workspace%3A."',
    "  checksum: 10c0/6053ad5dc79d8fedfdc528e1bf75e3f4a1a4558a8184f55589e1e54ab8819f510b6c8d3a919bf900fac41998cb74a8a5c935aeee8069fa71fa8be9092f26a0d7",
    "  languageName: node",
    "  linkType: hard",
    "",
    '"left-pad@npm:^1.3.0":',
    "  version: 1.3.0",
    '  resolution: "left-pad@npm:1.3.0"',
    "  languageName: node",
    "  linkType: hard",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assert.deepEqual(
    out.components.map((c) => [c.id, c.ecosystem, c.direct, c.downloadLocation, c.hashes]),
    [
      ["pkg:generic/%40acme/gen@2.0.0", "generic", true, undefined, []],
      ["pkg:generic/holy-hand-grenade@1.0.0", "generic", true, undefined, []],
      ["pkg:npm/left-pad@1.3.0", "npm", false, undefined, []],
    ],
  );
  assert.ok(
    out.edges.some((e) =>
      e.from === "pkg:generic/%40acme/gen@2.0.0" && e.to === "pkg:npm/left-pad@1.3.0"
    ),
  );
});

Deno.test("readYarnLock: a portal:/link:/file: folder outside the project is a third-party component, one inside a member", () => {
  const berry = [
    ...BERRY_APP,
    '    shared-ui: "portal:../../shared-ui"',
    '    scratch: "link:../../scratch"',
    '    tools: "portal:./tools"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"scratch@link:../../scratch::locator=app%40workspace%3A.":',
    "  version: 0.0.0-use.local",
    '  resolution: "scratch@link:../../scratch::locator=app%40workspace%3A."',
    "  languageName: node",
    "  linkType: soft",
    "",
    '"shared-ui@portal:../../shared-ui::locator=app%40workspace%3A.":',
    "  version: 3.2.0",
    '  resolution: "shared-ui@portal:../../shared-ui::locator=app%40workspace%3A."',
    "  languageName: node",
    "  linkType: soft",
    "",
    '"tools@portal:./tools::locator=app%40workspace%3A.":',
    "  version: 0.0.1",
    '  resolution: "tools@portal:./tools::locator=app%40workspace%3A."',
    "  languageName: node",
    "  linkType: soft",
  ].join("\n");
  const out = readYarnLock(berry, { path: "app/yarn.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:app", "workspace:app/tools"]);
  // `link:` records no version (Yarn's 0.0.0-use.local placeholder is none).
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/scratch runtime",
    "pkg:npm/shared-ui@3.2.0 runtime",
  ]);
  const classic = [
    "# yarn lockfile v1",
    "",
    '"shared-ui@file:../../shared-ui":',
    '  version "3.2.0"',
    "",
  ].join("\n");
  const json = JSON.stringify({
    name: "app",
    devDependencies: { "shared-ui": "file:../../shared-ui" },
  });
  const old = readYarnLock(classic, {
    path: "app/yarn.lock",
    load: (p) => p === "app/package.json" ? json : undefined,
  });
  assertWellFormed(old);
  assert.deepEqual(old.members.map((m) => m.id), ["workspace:app"]);
  assert.deepEqual(old.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/shared-ui@3.2.0 dev",
  ]);
});

Deno.test("readYarnLock classic: a link: folder depends on what its package.json declares, which Yarn 1 installs and locks", () => {
  // As Yarn 1.22 locks `"tool": "link:./libs/tool"`: its LinkResolver reads the folder's
  // package.json, whose kind-of it installs and locks, but the link's entry lists nothing.
  // Was: kind-of unreached, dev, with a warning that Yarn installs no such package.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "",
    "",
    "kind-of@6.0.3:",
    '  version "6.0.3"',
    '  resolved "https://registry.yarnpkg.com/kind-of/-/kind-of-6.0.3.tgz#07c05034a6c349fa06e24fa35aa76db4580ce4dd"',
    "  integrity sha512-dcS1ul+9tmeD95T+x28/ehLgd9mENa3LsvDTtzm3vyBEO7RPptvAD+t44WVXaUjTBRcrpFeFlC8WCruUR456hw==",
    "",
    '"tool@link:./libs/tool":',
    '  version "0.0.0"',
    '  uid ""',
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", dependencies: { tool: "link:./libs/tool" } }),
    "libs/tool/package.json": JSON.stringify({
      name: "tool",
      version: "5.0.0",
      dependencies: { "kind-of": "6.0.3" },
      devDependencies: { jest: "^29.0.0" },
    }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.warnings, undefined);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:libs/tool"]);
  assert.deepEqual(edgesFrom(out, "workspace:libs/tool"), ["pkg:npm/kind-of@6.0.3 runtime"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/kind-of@6.0.3 runtime",
  ]);
  assert.deepEqual(out.memberFolders, ["libs/tool"]);
});

Deno.test("readYarnLock Berry: a portal a portal names lies relative to that portal's folder", () => {
  // Yarn 4's lock of two portals that both name `portal:../has-peer/` (Yarn's PortalFetcher
  // resolves it from the parent locator's folder, packages/provides-peer-100): one member.
  const parent = (name: string) =>
    `locator=${name}%40portal%3Apackages%2F${name}%3A%3Alocator%3Dapp%2540workspace%253A.`;
  const hasPeer = (name: string) => [
    `"has-peer@portal:../has-peer/::${parent(name)}":`,
    "  version: 0.0.0-use.local",
    `  resolution: "has-peer@portal:../has-peer/::${parent(name)}"`,
    "  peerDependencies:",
    "    is-string: ^1",
    "  languageName: node",
    "  linkType: soft",
    "",
  ];
  const provider = (name: string, version: string) => [
    "",
    `"${name}@portal:packages/${name}::locator=app%40workspace%3A.":`,
    "  version: 0.0.0-use.local",
    `  resolution: "${name}@portal:packages/${name}::locator=app%40workspace%3A."`,
    "  dependencies:",
    '    has-peer: "portal:../has-peer/"',
    `    is-string: "npm:${version}"`,
    "  languageName: node",
    "  linkType: soft",
  ];
  const isString = (version: string, checksum: string) => [
    `"is-string@npm:${version}":`,
    `  version: ${version}`,
    `  resolution: "is-string@npm:${version}"`,
    `  checksum: 10c0/${checksum}`,
    "  languageName: node",
    "  linkType: hard",
    "",
  ];
  const lock = [
    ...BERRY_APP,
    '    provides-peer-100: "portal:packages/provides-peer-100"',
    '    provides-peer-107: "portal:packages/provides-peer-107"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    ...hasPeer("provides-peer-100"),
    ...hasPeer("provides-peer-107"),
    ...isString(
      "1.0.0",
      "7924e64370497ae5ae34f7f791f6d0f1caae76f46f6bfcd8aba5c44e4113870eb0a7b2d864b03c5a39ed19fb7c7492d0aa6c643669812859969b8dafdc479e34",
    ),
    ...isString(
      "1.0.7",
      "905f805cbc6eedfa678aaa103ab7f626aac9ebbdc8737abb5243acaa61d9820f8edc5819106b8fcd1839e33db21de9f0116ae20de380c8382d16dc2a601921f6",
    ),
    ...provider("provides-peer-100", "1.0.0"),
    ...provider("provides-peer-107", "1.0.7"),
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), [
    "workspace:packages/has-peer",
    "workspace:packages/provides-peer-100",
    "workspace:packages/provides-peer-107",
  ]);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/is-string@1.0.0",
    "pkg:npm/is-string@1.0.7",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/provides-peer-100"), [
    "pkg:npm/is-string@1.0.0 runtime",
    "workspace:packages/has-peer runtime",
  ]);
});

Deno.test("readYarnLock Berry: a portal a file: folder names lies relative to that folder", () => {
  // Yarn 4.18's lock of libs/lib (`file:./libs/lib`) declaring `"x": "portal:../x"`, which Yarn
  // links to libs/x (its FileFetcher and PortalFetcher resolve a path from the parent's folder).
  const lock = [
    "__metadata:",
    "  version: 10",
    "  cacheKey: 10c0",
    "",
    '"lib@file:./libs/lib::locator=ybf%40workspace%3A.":',
    "  version: 3.0.0",
    '  resolution: "lib@file:./libs/lib#./libs/lib::hash=27e50a&locator=ybf%40workspace%3A."',
    "  dependencies:",
    '    x: "portal:../x"',
    "  checksum: 10c0/23f6472ca84c0cc6e95d17f7a751aeda1c68ca0c9c0748a4d004d68f76753e8d95991bf" +
    "669eab04af7bfa4bdfef6c9da226c087dae30f687c2f8277f8df7f382",
    "  languageName: node",
    "  linkType: hard",
    "",
    '"x@portal:../x::locator=lib%40file%3A.%2Flibs%2Flib%23.%2Flibs%2Flib%3A%3Ahash%3D27e50a%26' +
    'locator%3Dybf%2540workspace%253A.":',
    "  version: 0.0.0-use.local",
    '  resolution: "x@portal:../x::locator=lib%40file%3A.%2Flibs%2Flib%23.%2Flibs%2Flib%3A%3A' +
    'hash%3D27e50a%26locator%3Dybf%2540workspace%253A."',
    "  languageName: node",
    "  linkType: soft",
    "",
    '"ybf@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "ybf@workspace:."',
    "  dependencies:",
    '    lib: "file:./libs/lib"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:libs/lib", "workspace:libs/x"]);
  assert.deepEqual(out.components, []);
  assert.deepEqual(edgesFrom(out, "workspace:libs/lib"), ["workspace:libs/x runtime"]);
});

Deno.test("readYarnLock Berry: a workspace another one depends on brings its dependencies, not its dev ones", () => {
  // Yarn lists a workspace's devDependencies with its dependencies; only its package.json tells.
  const lock = [
    ...BERRY_APP,
    '    "@acme/lib": "workspace:^"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"@acme/lib@workspace:^, @acme/lib@workspace:packages/lib":',
    "  version: 0.0.0-use.local",
    '  resolution: "@acme/lib@workspace:packages/lib"',
    "  dependencies:",
    '    semver: "npm:^7.6.0"',
    '    vitest: "npm:^1.6.0"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"semver@npm:^7.6.0":',
    "  version: 7.6.2",
    '  resolution: "semver@npm:7.6.2"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"tinypool@npm:^0.8.3":',
    "  version: 0.8.4",
    '  resolution: "tinypool@npm:0.8.4"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"vitest@npm:^1.6.0":',
    "  version: 1.6.0",
    '  resolution: "vitest@npm:1.6.0"',
    "  dependencies:",
    '    tinypool: "npm:^0.8.3"',
    "  languageName: node",
    "  linkType: hard",
  ].join("\n");
  // Also when vitest is a peer as well (the "peer + dev" pattern: Yarn installs the dev one; was
  // runtime, the peer counted as a runtime declaration).
  for (const peerDependencies of [{}, { vitest: "^1.0.0" }]) {
    const files: Record<string, string> = {
      "package.json": JSON.stringify({
        name: "app",
        workspaces: ["packages/*"],
        dependencies: { "@acme/lib": "workspace:^" },
      }),
      "packages/lib/package.json": JSON.stringify({
        name: "@acme/lib",
        dependencies: { semver: "^7.6.0" },
        devDependencies: { vitest: "^1.6.0" },
        peerDependencies,
      }),
    };
    const out = readWithLib(lock, files);
    assertWellFormed(out);
    assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
      "pkg:npm/semver@7.6.2 runtime",
      "pkg:npm/tinypool@0.8.4 dev", // was runtime: app → lib → vitest followed as a dependency
      "pkg:npm/vitest@1.6.0 dev",
    ]);
  }
});

Deno.test("readYarnLock Berry: a peer a workspace's entry also depends on is that dependency, not the parent's (wojtekmaj/react-calendar layout)", () => {
  // The lib's entry records @types/react as a dependency (its devDependency) and as an optional
  // peer; the test workspace, which depends on lib, has it as a devDependency too.
  const lock = [
    ...BERRY_APP,
    '    "@types/react": "npm:*"',
    '    lib: "workspace:packages/lib"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"@types/react@npm:*":',
    "  version: 18.0.31",
    '  resolution: "@types/react@npm:18.0.31"',
    "  dependencies:",
    '    csstype: "npm:^3.0.2"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"csstype@npm:^3.0.2":',
    "  version: 3.1.1",
    '  resolution: "csstype@npm:3.1.1"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"lib@workspace:packages/lib":',
    "  version: 0.0.0-use.local",
    '  resolution: "lib@workspace:packages/lib"',
    "  dependencies:",
    '    "@types/react": "npm:*"',
    "  peerDependencies:",
    '    "@types/react": ^18.0.0',
    "  peerDependenciesMeta:",
    '    "@types/react":',
    "      optional: true",
    "  languageName: unknown",
    "  linkType: soft",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      workspaces: ["packages/*"],
      dependencies: { lib: "workspace:packages/lib" },
      devDependencies: { "@types/react": "*" },
    }),
    "packages/lib/package.json": JSON.stringify({
      name: "lib",
      devDependencies: { "@types/react": "*" },
      peerDependencies: { "@types/react": "^18.0.0" },
      peerDependenciesMeta: { "@types/react": { optional: true } },
    }),
  };
  const out = readWithLib(lock, files);
  assertWellFormed(out);
  // Were also optional: lib, a runtime dependency of app, had a peer edge to app's @types/react.
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/%40types/react@18.0.31 dev",
    "pkg:npm/csstype@3.1.1 dev",
  ]);
});

Deno.test("readYarnLock Berry: a name only peerDependenciesMeta lists is an optional peer (debug's supports-color, provided by mocha)", () => {
  // As Yarn 4 locks mocha: debug records supports-color in peerDependenciesMeta alone, and
  // Yarn gives debug's virtual instance mocha's supports-color.
  const lock = [
    ...BERRY_APP,
    '    mocha: "npm:^10.2.0"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"debug@npm:^4.3.5":',
    "  version: 4.4.3",
    '  resolution: "debug@npm:4.4.3"',
    "  dependencies:",
    '    ms: "npm:^2.1.3"',
    "  peerDependenciesMeta:",
    "    supports-color:",
    "      optional: true",
    "  checksum: 10c0/d79136ec6c83ecbefd0f6a5593da6a9c91ec4d7ddc4b54c883d6e71ec9accb5f67a1a5e96d00a328196b5b5c86d365e98d8a3a70856aaf16b4e7b1985e67f5a6",
    "  languageName: node",
    "  linkType: hard",
    "",
    '"mocha@npm:^10.2.0":',
    "  version: 10.8.2",
    '  resolution: "mocha@npm:10.8.2"',
    "  dependencies:",
    '    debug: "npm:^4.3.5"',
    '    supports-color: "npm:^8.1.1"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"ms@npm:^2.1.3":',
    "  version: 2.1.3",
    '  resolution: "ms@npm:2.1.3"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"supports-color@npm:^8.1.1":',
    "  version: 8.1.1",
    '  resolution: "supports-color@npm:8.1.1"',
    "  languageName: node",
    "  linkType: hard",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, "pkg:npm/debug@4.4.3"), [
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/supports-color@8.1.1 optional",
  ]);
});

Deno.test("readYarnLock Berry: another registry's __archiveUrl is its repository_url; git@host/path.git is an ssh remote", () => {
  const lock = [
    ...BERRY_APP,
    '    "@acme/icons": "npm:^6.4.0"',
    '    slugger: "git@git.acme.dev/acme/slugger.git"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"@acme/icons@npm:^6.4.0":',
    "  version: 6.4.0",
    '  resolution: "@acme/icons@npm:6.4.0::__archiveUrl=https%3A%2F%2Fnpm.acme.dev%2F%40acme%2Ficons%2F-%2F6.4.0%2Ficons-6.4.0.tgz"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"slugger@git@git.acme.dev/acme/slugger.git":',
    "  version: 0.3.1",
    '  resolution: "slugger@git@git.acme.dev/acme/slugger.git#commit=de5d97557a09ad61ae6ac48b1258b67d304660f0"',
    "  languageName: node",
    "  linkType: hard",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.downloadLocation]), [
    [
      "pkg:npm/%40acme/icons@6.4.0?repository_url=https:%2F%2Fnpm.acme.dev",
      "https://npm.acme.dev/@acme/icons/-/6.4.0/icons-6.4.0.tgz",
    ],
    [
      "pkg:npm/slugger@0.3.1?vcs_url=git%2Bssh:%2F%2Fgit%40git.acme.dev%2Facme%2Fslugger.git" +
      "%40de5d97557a09ad61ae6ac48b1258b67d304660f0",
      "git+ssh://git@git.acme.dev/acme/slugger.git@de5d97557a09ad61ae6ac48b1258b67d304660f0",
    ],
  ]);
});

Deno.test("readYarnLock Berry: a jsr: locator is the JSR package, one with the @jsr/ npm package Yarn locks beside it", () => {
  // Yarn 4.9's JSR protocol: the jsr: locator's name is the JSR package's, and a resolution
  // dependency locks it under its npm-compatibility name (@yarnpkg/plugin-jsr's helpers).
  const lock = [
    ...BERRY_APP,
    '    "@std/path": "jsr:^1.0.8"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"@std/path@jsr:^1.0.8":',
    "  version: 1.0.8",
    '  resolution: "@std/path@jsr:1.0.8"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"@std/path@npm:@jsr/std__path@^1.0.8":',
    "  version: 1.0.8",
    '  resolution: "@jsr/std__path@npm:1.0.8::__archiveUrl=https%3A%2F%2Fnpm.jsr.io%2F~%2F11%2F%40jsr%2Fstd__path%2F1.0.8.tgz"',
    "  checksum: 10c0/91d31d47806d2506daaf9e2cbfb14db1a349a412c7481f79dd4b37b62edc368bb127ab1403b17a8493f67b964cc5cab72beaf26350cba9af9afd83b7faf4b8f0",
    "  languageName: node",
    "  linkType: hard",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:jsr/%40std/path@1.0.8 runtime", // was also pkg:npm/%40std/path@1.0.8, no such npm package
  ]);
  // Nothing names the npm-compatibility entry, but its package is reached: no stale entry.
  assert.equal(out.warnings, undefined);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:jsr/%40std/path@1.0.8 runtime"]);
});

Deno.test("readYarnLock Berry: a file: folder is the folder before the # of its resolution (storybookjs/storybook layout)", () => {
  // Yarn 4.18 locks `"local-lib": "file:./vendor/local-lib"` of the root as resolution
  // `local-lib@file:./vendor/local-lib#./vendor/local-lib::hash=…&locator=…`. Was: a member
  // `workspace:vendor/local-lib#./vendor/local-lib`, its package.json not read.
  const lock = [
    ...BERRY_APP,
    '    local-lib: "file:./vendor/local-lib"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"kleur@npm:^4.1.5":',
    "  version: 4.1.5",
    '  resolution: "kleur@npm:4.1.5"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"local-lib@file:./vendor/local-lib::locator=app%40workspace%3A.":',
    "  version: 0.1.0",
    '  resolution: "local-lib@file:./vendor/local-lib#./vendor/local-lib::hash=acf486&locator=app%40workspace%3A."',
    "  dependencies:",
    '    kleur: "npm:^4.1.5"',
    "  languageName: node",
    "  linkType: hard",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      dependencies: { "local-lib": "file:./vendor/local-lib" },
    }),
    "vendor/local-lib/package.json": JSON.stringify({ name: "local-lib", version: "0.1.0" }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:vendor/local-lib"]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["workspace:vendor/local-lib runtime"]);
  assert.deepEqual(edgesFrom(out, "workspace:vendor/local-lib"), ["pkg:npm/kleur@4.1.5 runtime"]);
});

Deno.test("readYarnLock Berry: a bare path is the file: entry Yarn binds it to", () => {
  // plugin-file binds a range that is a bare path (`./vendor/lt-0.1.0.tgz`, `../lib`) as
  // `file:<path>`, the lock's key; the workspace's entry lists the range as written. Was: exit 2,
  // "depends on lt@./vendor/lt-0.1.0.tgz, which the lock does not resolve".
  const lock = [
    ...BERRY_APP,
    '    local-lib: "./vendor/local-lib"',
    '    lt: "./vendor/lt-0.1.0.tgz"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"local-lib@file:./vendor/local-lib::locator=app%40workspace%3A.":',
    "  version: 0.1.0",
    '  resolution: "local-lib@file:./vendor/local-lib#./vendor/local-lib::hash=acf486&locator=app%40workspace%3A."',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"lt@file:./vendor/lt-0.1.0.tgz::locator=app%40workspace%3A.":',
    "  version: 0.1.0",
    '  resolution: "lt@file:./vendor/lt-0.1.0.tgz::hash=a1b2c3&locator=app%40workspace%3A."',
    "  languageName: node",
    "  linkType: hard",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      dependencies: { "local-lib": "./vendor/local-lib", lt: "./vendor/lt-0.1.0.tgz" },
    }),
    "vendor/local-lib/package.json": JSON.stringify({ name: "local-lib", version: "0.1.0" }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/lt@0.1.0?file_name=lt-0.1.0.tgz runtime",
    "workspace:vendor/local-lib runtime",
  ]);
});

Deno.test("readYarnLock classic: a file: folder's dependencies have the scopes of the path to it", () => {
  // Classic Yarn copies a `file:` folder into node_modules like any package and records its
  // dependencies on its entry: what a dev-only folder brings is dev (was: the folder's own
  // package.json declared them as a workspace's, so runtime).
  const lock = [
    "# yarn lockfile v1",
    "",
    '"local-helper@file:tools/helper":',
    '  version "0.0.1"',
    "  dependencies:",
    '    picocolors "^1.0.0"',
    "",
    "ms@^2.1.3:",
    '  version "2.1.3"',
    '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz"',
    "",
    "picocolors@^1.0.0:",
    '  version "1.1.1"',
    '  resolved "https://registry.yarnpkg.com/picocolors/-/picocolors-1.1.1.tgz"',
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "app/package.json": JSON.stringify({
      name: "app",
      dependencies: { ms: "^2.1.3" },
      devDependencies: { "local-helper": "file:tools/helper" },
    }),
    "app/tools/helper/package.json": JSON.stringify({
      name: "local-helper",
      version: "0.0.1",
      dependencies: { picocolors: "^1.0.0" },
    }),
  };
  const out = readYarnLock(lock, { path: "app/yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), [
    "workspace:app",
    "workspace:app/tools/helper",
  ]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/picocolors@1.1.1 dev",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:app/tools/helper"), [
    "pkg:npm/picocolors@1.1.1 runtime",
  ]);
});

Deno.test("readYarnLock classic: what a package.json declares and the lock does not resolve is a warning", () => {
  // A stale or empty yarn.lock (`touch yarn.lock`; a dependency added without `yarn install`,
  // which `yarn install --frozen-lockfile` refuses): those packages are not in the SBOM, and
  // the reader says so (was: dropped silently). Peers and `link:` folders Yarn 1 does not lock.
  const files: Record<string, string> = {
    "app/package.json": JSON.stringify({
      name: "app",
      workspaces: ["packages/*"],
      dependencies: { "ms": "^2.1.3", "left-pad": "^1.3.0", "@app/b": "1.0.0" },
      devDependencies: { "eslint-rules": "link:./rules", "typescript": "^5.4.0" },
      peerDependencies: { react: "^18.0.0" },
    }),
    "app/packages/b/package.json": JSON.stringify({
      name: "@app/b",
      version: "1.0.0",
      dependencies: { ms: "^2.1.3" },
    }),
  };
  const lock = [
    "# yarn lockfile v1",
    "",
    "ms@^2.1.3:",
    '  version "2.1.3"',
    '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz"',
    "",
  ].join("\n");
  const options = {
    path: "app/yarn.lock",
    load: (p: string) => files[p],
    list: (dir: string) => dir === "app/packages" ? ["b"] : [],
  };
  const out = readYarnLock(lock, options);
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
  assert.deepEqual(out.warnings, [
    "app/package.json declares left-pad@^1.3.0, typescript@^5.4.0, which app/yarn.lock does " +
    "not lock: they are not in the SBOM; run `yarn install` to update the lock",
  ]);
  // An empty lock locks nothing: every declaration is named.
  const empty = readYarnLock("", options);
  assert.deepEqual(empty.components, []);
  assert.deepEqual(empty.warnings, [
    "app/package.json declares ms@^2.1.3, left-pad@^1.3.0, typescript@^5.4.0, which " +
    "app/yarn.lock does not lock: they are not in the SBOM; run `yarn install` to update the lock",
    "app/packages/b/package.json declares ms@^2.1.3, which app/yarn.lock does not lock: it is " +
    "not in the SBOM; run `yarn install` to update the lock",
  ]);
  // A complete lock: no warning.
  assert.equal(
    readYarnLock(lock, {
      ...options,
      load: (p) =>
        p === "app/package.json"
          ? JSON.stringify({ name: "app", dependencies: { ms: "^2.1.3" } })
          : undefined,
    }).warnings,
    undefined,
  );
});

Deno.test("readYarnLock Berry: what a workspace's package.json declares and its entry lacks is a warning", () => {
  // A yarn.lock older than the package.json (`yarn install --immutable` refuses it): the new
  // declaration is not in the SBOM, and the reader says so (was: dropped silently).
  const lock = [
    ...BERRY_APP,
    '    ms: "npm:^2.1.3"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"ms@npm:^2.1.3":',
    "  version: 2.1.3",
    '  resolution: "ms@npm:2.1.3"',
    "  checksum: 10c0/d924b57e7312b3b63ad21fc5b3dc0af5e78d61a1fc7cfb5457edaf26326bf62be5307cc87ffb6862ef1c2b33b0233cdb5d4f01c4c958cc0d660948b65a287a48",
    "  languageName: node",
    "  linkType: hard",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      dependencies: { ms: "^2.1.3", zod: "^3.23.0" },
      peerDependencies: { react: "^18.0.0" },
    }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
  assert.deepEqual(out.warnings, [
    "package.json declares zod@^3.23.0, which yarn.lock does not lock: it is not in the SBOM; " +
    "run `yarn install` to update the lock",
  ]);
});

Deno.test("readYarnLock Berry: what a workspace's entry records and its package.json no longer declares is a warning", () => {
  // A yarn.lock older than the package.json (`yarn install --immutable` refuses it); the SBOM
  // has what the lock records, and the reader says so (was: silent).
  const lock = [
    ...BERRY_APP,
    '    ms: "npm:^2.1.3"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"a@workspace:packages/a":',
    "  version: 0.0.0-use.local",
    '  resolution: "a@workspace:packages/a"',
    "  dependencies:",
    '    ms: "npm:^2.1.3"',
    "  peerDependencies:",
    '    react: "^18.0.0"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"ms@npm:^2.1.3":',
    "  version: 2.1.3",
    '  resolution: "ms@npm:2.1.3"',
    "  languageName: node",
    "  linkType: hard",
    "",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => UNDECLARED_MEMBER_FILES[p] });
  assertWellFormed(out);
  assertUndeclaredMember(out, "yarn.lock", {
    install: "yarn install",
    frozen: "yarn install --immutable",
  });
});

Deno.test("readYarnLock Berry: a workspace the lock has no entry for is a warning naming what it declares", () => {
  // Yarn writes an entry for every workspace (`--immutable` refuses a lock without one); a lock
  // cut before a workspace's entry, or older than the workspace, had dropped what the workspace
  // declares without a word.
  // BERRY_APP without its `dependencies:` line: the root declares none.
  const lock = [...BERRY_APP.slice(0, -1), "  languageName: unknown", "  linkType: soft", ""]
    .join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", private: true, workspaces: ["packages/*"] }),
    "packages/lib/package.json": JSON.stringify({ name: "lib", dependencies: { ms: "^2.1.3" } }),
  };
  const out = readWithLib(lock, files);
  assert.deepEqual(out.warnings, [
    "packages/lib/package.json declares ms@^2.1.3, which yarn.lock does not lock: it is not in " +
    "the SBOM; run `yarn install` to update the lock",
  ]);
});

Deno.test("readYarnLock classic: a workspace's file: tarball is found where Yarn 1 locks it, from the root (facebook/docusaurus layout)", () => {
  // packages/core declares `file:../../vendor/tiny-1.4.0.tgz`; `yarn install` (1.22.22) locks it
  // as `tiny@file:vendor/tiny-1.4.0.tgz`. Was: warned as not locked ("not in the SBOM") while
  // its component was there, with no edge from the workspace and not direct.
  const lock = [
    "# yarn lockfile v1",
    "",
    '"tiny@file:vendor/tiny-1.4.0.tgz":',
    '  version "1.4.0"',
    '  resolved "file:vendor/tiny-1.4.0.tgz#3ecacff0bfeef1a99bacb6ead8d5ab320b898dd1"',
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "root", private: true, workspaces: ["packages/*"] }),
    "packages/core/package.json": JSON.stringify({
      name: "@acme/core",
      dependencies: { tiny: "file:../../vendor/tiny-1.4.0.tgz" },
    }),
  };
  const out = readYarnLock(lock, {
    path: "yarn.lock",
    load: (p) => files[p],
    list: (f) => f === "" ? ["packages"] : f === "packages" ? ["core"] : [],
  });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.direct}`), [
    "pkg:npm/tiny@1.4.0?file_name=tiny-1.4.0.tgz runtime true",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/core"), [
    "pkg:npm/tiny@1.4.0?file_name=tiny-1.4.0.tgz runtime",
  ]);
});

Deno.test("readYarnLock classic: a tarball of the tree keeps the SHA-1 Yarn writes after its path", () => {
  // `resolved "file:vendor/x-1.4.0.tgz#<sha1>"`: the fragment is the SHA-1 of that file, as for
  // a registry URL (was: dropped, the component had no hash).
  const lock = [
    "# yarn lockfile v1",
    "",
    '"tiny@file:vendor/tiny-1.4.0.tgz":',
    '  version "1.4.0"',
    '  resolved "file:vendor/tiny-1.4.0.tgz#3ecacff0bfeef1a99bacb6ead8d5ab320b898dd1"',
    "",
  ].join("\n");
  const json = JSON.stringify({
    name: "app",
    dependencies: { tiny: "file:vendor/tiny-1.4.0.tgz" },
  });
  const out = readYarnLock(lock, {
    path: "yarn.lock",
    load: (p) => p === "package.json" ? json : undefined,
  });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.hashes, c.downloadLocation]), [
    [
      "pkg:npm/tiny@1.4.0?file_name=tiny-1.4.0.tgz",
      [{ alg: "sha1", hex: "3ecacff0bfeef1a99bacb6ead8d5ab320b898dd1" }],
      undefined,
    ],
  ]);
});

Deno.test("readYarnLock classic: a bare path is a file: one, its tarball's SHA-1 after the #", () => {
  // Yarn 1 locks `"./local"` and `"./lib1/package.tgz"` under the range as written, the tarball
  // with `resolved "<path>#<sha1>"` (seen in real locks: `"@app/lib1@../lib1/package.tgz"`).
  // Was: the folder a component pkg:npm/loc@0.2.0, the tarball a member
  // workspace:lib1/package.tgz#<sha1>.
  const lock = [
    "# yarn lockfile v1",
    "",
    '"@app/lib1@./lib1/package.tgz":',
    '  version "1.0.4"',
    '  resolved "./lib1/package.tgz#bcd32b108f210537b31b6b1754ea7e8c0ddf742a"',
    "",
    '"loc@./local":',
    '  version "0.2.0"',
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      dependencies: { "@app/lib1": "./lib1/package.tgz", loc: "./local" },
    }),
    "local/package.json": JSON.stringify({ name: "loc", version: "0.2.0" }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:local"]);
  assert.deepEqual(out.components.map((c) => [c.id, c.hashes, c.downloadLocation]), [
    [
      "pkg:npm/%40app/lib1@1.0.4?file_name=package.tgz",
      [{ alg: "sha1", hex: "bcd32b108f210537b31b6b1754ea7e8c0ddf742a" }],
      undefined,
    ],
  ]);
});

Deno.test("readYarnLock classic: a file: folder's dependency on a workspace is that workspace (cachito-testing/cachito-yarn-workspaces layout)", () => {
  // The root declares `bar: file:bar` (a workspace folder, locked as `bar@file:bar`) whose
  // package.json wants the workspace `not-baz@^1.0.0`: Yarn 1 links it and locks no entry for
  // it. Was: inventory.yarn_lock.invalid ("depends on not-baz@^1.0.0, which the lock does not
  // resolve"), exit 2 on a lock `yarn install` wrote.
  const lock = [
    "# yarn lockfile v1",
    "",
    '"bar@file:bar":',
    '  version "1.0.0"',
    "  dependencies:",
    '    not-baz "^1.0.0"',
    '    uuid "^9.0.0"',
    "",
    "dateformat@^5.0.3:",
    '  version "5.0.3"',
    '  resolved "https://registry.yarnpkg.com/dateformat/-/dateformat-5.0.3.tgz#fe2223eff3cc70ce716931cb3038b59a9280696e"',
    "",
    "uuid@^9.0.0:",
    '  version "9.0.0"',
    '  resolved "https://registry.yarnpkg.com/uuid/-/uuid-9.0.0.tgz#592f550650024a38ceb0c562f2f6aa435761efb5"',
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "npm_test",
      private: true,
      workspaces: ["./bar", "baz"],
      dependencies: { bar: "file:bar" },
    }),
    "bar/package.json": JSON.stringify({
      name: "bar",
      version: "1.0.0",
      dependencies: { uuid: "^9.0.0", "not-baz": "^1.0.0" },
    }),
    "baz/package.json": JSON.stringify({
      name: "not-baz",
      version: "1.0.0",
      dependencies: { dateformat: "^5.0.3" },
    }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:bar", "workspace:baz"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/dateformat@5.0.3 runtime",
    "pkg:npm/uuid@9.0.0 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:bar"), [
    "pkg:npm/uuid@9.0.0 runtime",
    "workspace:baz runtime",
  ]);
});

Deno.test("readYarnLock Berry: a patch: of several files records each, and a compat patch over the project's keeps both (hermeto berryscary layout)", () => {
  // Yarn 3.6.1 writes `left-pad@patch:left-pad@1.3.0#./a.patch&./b.patch`: two patch files joined
  // with `&` (was one "patch" of that joined text, no file); Yarn's compat patch of fsevents is
  // applied over the project's own patch (was: only the project's recorded).
  const lock = [
    "__metadata:",
    "  version: 6",
    "  cacheKey: 8",
    "",
    '"app@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "app@workspace:."',
    "  dependencies:",
    '    fsevents: "patch:fsevents@^2.3.2#./my-patches/fsevents.patch"',
    '    left-pad: "patch:left-pad@1.3.0#./my-patches/left-pad.patch&./my-patches/left-pad-2.patch"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"fsevents@npm:^2.3.2":',
    "  version: 2.3.2",
    '  resolution: "fsevents@npm:2.3.2"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"fsevents@patch:fsevents@^2.3.2#./my-patches/fsevents.patch::locator=app%40workspace%3A.":',
    "  version: 2.3.2",
    '  resolution: "fsevents@patch:fsevents@npm%3A2.3.2#./my-patches/fsevents.patch::version=2.3.2&hash=cf0bf0&locator=app%40workspace%3A."',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"fsevents@patch:fsevents@patch%3Afsevents@^2.3.2%23./my-patches/fsevents.patch#~builtin<compat/fsevents>":',
    "  version: 2.3.2",
    '  resolution: "fsevents@patch:fsevents@patch%3Afsevents@npm%253A2.3.2%23./my-patches/fsevents.patch%3A%3Aversion=2.3.2&hash=cf0bf0&locator=app%2540workspace%253A.#~builtin<compat/fsevents>::version=2.3.2&hash=df0bf1"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"left-pad@npm:1.3.0":',
    "  version: 1.3.0",
    '  resolution: "left-pad@npm:1.3.0"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"left-pad@patch:left-pad@1.3.0#./my-patches/left-pad.patch&./my-patches/left-pad-2.patch::locator=app%40workspace%3A.":',
    "  version: 1.3.0",
    '  resolution: "left-pad@patch:left-pad@npm%3A1.3.0#./my-patches/left-pad.patch&./my-patches/left-pad-2.patch::version=1.3.0&hash=a0f8ae&locator=app%40workspace%3A."',
    "  languageName: node",
    "  linkType: hard",
    "",
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assertWellFormed(out);
  const c = byId(out);
  assert.deepEqual(c.get("pkg:npm/left-pad@1.3.0")?.patches, [
    "my-patches/left-pad-2.patch",
    "my-patches/left-pad.patch",
  ]);
  assert.deepEqual(c.get("pkg:npm/fsevents@2.3.2")?.patches, [
    "my-patches/fsevents.patch",
    "~builtin<compat/fsevents>",
  ]);
});

Deno.test("readYarnLock Berry: a patch file is named from the lockfile's folder, a relative one from the workspace that declares it", () => {
  // Yarn reads `~/x.patch` from the project's root and `./x.patch` from the workspace the
  // `locator` parameter names (plugin-patch's loadPatchFiles). Was: `./patches/ms.patch` of
  // packages/a as written, a file of the root, and the root's `./` and `~/` spelt apart.
  /** A package's npm entry and its entry patched with `file`, declared by `locator`'s workspace. */
  const patched = (name: string, version: string, file: string, locator?: string): string[] => {
    const bound = locator === undefined ? "" : `::locator=${locator}`;
    const params = locator === undefined ? "" : `&locator=${locator}`;
    const source = `${name}@npm%3A${version}#${file}`;
    return [
      `"${name}@npm:${version}":`,
      `  version: ${version}`,
      `  resolution: "${name}@npm:${version}"`,
      "  languageName: node",
      "  linkType: hard",
      `"${name}@patch:${source}${bound}":`,
      `  version: ${version}`,
      `  resolution: "${name}@patch:${source}::version=${version}&hash=1a2b3c${params}"`,
      "  languageName: node",
      "  linkType: hard",
    ];
  };
  const lock = [
    ...BERRY_APP,
    '    debug: "patch:debug@npm%3A4.3.4#./.yarn/patches/debug.patch"',
    '    left-pad: "patch:left-pad@npm%3A1.3.0#~/.yarn/patches/left-pad.patch"',
    "  languageName: unknown",
    "  linkType: soft",
    '"a@workspace:packages/a":',
    "  version: 0.0.0-use.local",
    '  resolution: "a@workspace:packages/a"',
    "  dependencies:",
    '    ms: "patch:ms@npm%3A2.1.3#./patches/ms.patch"',
    "  languageName: unknown",
    "  linkType: soft",
    ...patched("debug", "4.3.4", "./.yarn/patches/debug.patch", "app%40workspace%3A."),
    ...patched("left-pad", "1.3.0", "~/.yarn/patches/left-pad.patch"),
    ...patched("ms", "2.1.3", "./patches/ms.patch", "a%40workspace%3Apackages%2Fa"),
  ].join("\n");
  const out = readYarnLock(lock, { path: "yarn.lock", load: () => undefined });
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.patches}`), [
    "pkg:npm/debug@4.3.4 .yarn/patches/debug.patch",
    "pkg:npm/left-pad@1.3.0 .yarn/patches/left-pad.patch",
    "pkg:npm/ms@2.1.3 packages/a/patches/ms.patch",
  ]);
  assertWellFormed(out);
});

Deno.test("readYarnLock: a registry's tarball URL added under another name is that registry's package (oven-sh/bun yarn-stuff layout)", () => {
  // `"remote": "https://registry.npmjs.org/abbrev/-/abbrev-1.1.1.tgz"`: Yarn locks only the name it
  // is added as. Was: pkg:npm/remote@1.1.1, another npm package than the abbrev 1.1.1 installed.
  const classic = [
    "# yarn lockfile v1",
    "",
    '"remote@https://registry.npmjs.org/abbrev/-/abbrev-1.1.1.tgz":',
    '  version "1.1.1"',
    '  resolved "https://registry.npmjs.org/abbrev/-/abbrev-1.1.1.tgz#f8f2c887ad10bf67f634f005b6987fed3179aac8"',
    "",
    '"scoped@https://npm.example.com/@acme/tools/-/tools-2.0.0.tgz":',
    '  version "2.0.0"',
    '  resolved "https://npm.example.com/@acme/tools/-/tools-2.0.0.tgz"',
    "",
  ].join("\n");
  const berry = [
    "__metadata:",
    "  version: 8",
    "  cacheKey: 10c0",
    "",
    '"remote@https://registry.npmjs.org/abbrev/-/abbrev-1.1.1.tgz":',
    "  version: 1.1.1",
    '  resolution: "remote@https://registry.npmjs.org/abbrev/-/abbrev-1.1.1.tgz"',
    "  languageName: node",
    "  linkType: hard",
    "",
  ].join("\n");
  const ids = (lock: string): string[] =>
    readYarnLock(lock, { path: "yarn.lock", load: () => undefined }).components.map((c) => c.id);
  assert.deepEqual(ids(classic), [
    "pkg:npm/%40acme/tools@2.0.0?repository_url=https:%2F%2Fnpm.example.com",
    "pkg:npm/abbrev@1.1.1",
  ]);
  assert.deepEqual(ids(berry), ["pkg:npm/abbrev@1.1.1"]);
});

Deno.test("readYarnLock classic: a file: folder that is the project's root is the project, not a member of its own (shqld/yarn-workspaces-utils layout)", () => {
  // example/ is a Yarn 1 workspace root of its own whose devDependency `"../"` (a bare path,
  // Yarn's implicit `file:`) is the repository's root package: the project itself.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "",
    "",
    "chalk@^2.3.0:",
    '  version "2.3.0"',
    '  resolved "https://registry.yarnpkg.com/chalk/-/chalk-2.3.0.tgz#b5ea48efc9c1793dccc9b4767c93914d3f2d52ba"',
    "",
    "redux@^3.7.2:",
    '  version "3.7.2"',
    '  resolved "https://registry.yarnpkg.com/redux/-/redux-3.7.2.tgz#06b73123215901d25d065be342eb026bc1c8537b"',
    "",
    "yarn-workspaces-utils@../:",
    '  version "0.0.1"',
    "  dependencies:",
    '    chalk "^2.3.0"',
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "yarn-workspaces-utils",
      version: "0.0.1",
      dependencies: { chalk: "^2.3.0" },
    }),
    "example/package.json": JSON.stringify({
      name: "example",
      version: "0.0.1",
      private: true,
      workspaces: ["modules/*"],
      devDependencies: { "yarn-workspaces-utils": "../" },
    }),
    "example/modules/workspace-b/package.json": JSON.stringify({
      name: "workspace-b",
      version: "0.0.1",
      dependencies: { redux: "^3.7.2" },
    }),
  };
  const out = readYarnLock(lock, {
    path: "example/yarn.lock",
    load: (p) => files[p],
    list: (folder) =>
      folder === "example/modules" ? ["workspace-b"] : folder === "example" ? ["modules"] : [],
  });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), [
    "workspace:example",
    "workspace:example/modules/workspace-b",
  ]);
  assert.deepEqual(
    out.edges.filter((e) => e.from === "workspace:example").map((e) => `${e.to} ${e.scope}`),
    [`${ROOT_ID} dev`, "workspace:example/modules/workspace-b runtime"],
  );
  assert.deepEqual(edgesFrom(out, ROOT_ID).sort(), [
    "pkg:npm/chalk@2.3.0 runtime",
    "workspace:example runtime",
  ]);
});

Deno.test("readYarnLock classic: a link: to the tree's root from a nested project's lock is the project's edge", () => {
  // example/ shows the library at the root: `"lib": "link:.."`, which Yarn 1 links (from the
  // lock's folder: LinkResolver's `path.resolve(config.lockfileFolder, loc)`) and never locks.
  // Was: no edge, as the package.json's `workspace:example → root` was folded into the lock,
  // which has no node for the project.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "",
    "",
    "ms@^2.1.3:",
    '  version "2.1.3"',
    '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"',
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "lib", version: "1.0.0" }),
    "example/package.json": JSON.stringify({
      name: "example",
      version: "1.0.0",
      dependencies: { ms: "^2.1.3" },
      devDependencies: { lib: "link:.." },
    }),
  };
  const out = readYarnLock(lock, { path: "example/yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:example"]);
  assert.deepEqual(edgesFrom(out, "workspace:example").sort(), [
    "pkg:npm/ms@2.1.3 runtime",
    `${ROOT_ID} dev`,
  ]);
  assert.equal(out.warnings, undefined);
});

Deno.test("readYarnLock: an entry nothing the package.json files declare reaches is a warning", () => {
  // left-pad was removed from package.json without `yarn install`: Yarn 1 records no project,
  // so only the graph tells. Yarn installs no such package and its next install drops the
  // entry; the SBOM keeps it, as the lock has it, dev (excluded), as npm scopes an extraneous
  // package. Was: silent, and runtime. A lock read without its
  // package.json has nothing to reach from: no warning.
  const lock = [
    "# yarn lockfile v1",
    "",
    "",
    "left-pad@^1.3.0:",
    '  version "1.3.0"',
    '  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#5b8a3a7765dfe001261dde915589e782f8c94d1e"',
    "",
    "ms@^2.1.3:",
    '  version "2.1.3"',
    '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"',
    "",
  ].join("\n");
  const manifest = JSON.stringify({ name: "app", dependencies: { ms: "^2.1.3" } });
  const out = readYarnLock(lock, {
    path: "yarn.lock",
    load: (p) => p === "package.json" ? manifest : undefined,
  });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/left-pad@1.3.0 dev",
    "pkg:npm/ms@2.1.3 runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "yarn.lock locks left-pad@1.3.0, which nothing the package.json files declare reaches: a " +
    "lock older than they are (Yarn installs no such package, and `yarn install` drops it " +
    "from the lock); the SBOM keeps it as the lock does, dev, as npm scopes an extraneous package",
  ]);
  assert.equal(
    readYarnLock(lock, { path: "yarn.lock", load: () => undefined }).warnings,
    undefined,
  );
});

Deno.test("readYarnLock Berry: packageExtensions in .yarnrc.yml add dependencies to the packages whose version they match", () => {
  // Yarn 4 locks chalk as published (no kleur) and extends it as it loads the lock: kleur is
  // chalk's dependency (`yarn why kleur`: chalk@npm:4.1.2), not a package nothing reaches.
  const lock = [
    "__metadata:",
    "  version: 8",
    "  cacheKey: 10c0",
    "",
    '"chalk@npm:4.1.2":',
    "  version: 4.1.2",
    '  resolution: "chalk@npm:4.1.2"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"kleur@npm:4.1.5":',
    "  version: 4.1.5",
    '  resolution: "kleur@npm:4.1.5"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"app@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "app@workspace:."',
    "  dependencies:",
    '    chalk: "npm:4.1.2"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", dependencies: { chalk: "4.1.2" } }),
    ".yarnrc.yml": [
      "nodeLinker: pnpm",
      "packageExtensions:",
      '  "chalk@*":',
      "    dependencies:",
      "      kleur: 4.1.5",
      '  "chalk@<4":', // not chalk 4.1.2's
      "    dependencies:",
      "      left-pad: 1.3.0",
      "",
    ].join("\n"),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(edgesFrom(out, "pkg:npm/chalk@4.1.2"), ["pkg:npm/kleur@4.1.5 runtime"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/chalk@4.1.2 runtime",
    "pkg:npm/kleur@4.1.5 runtime",
  ]);
});

Deno.test("readYarnLock v1: a resolutions target nothing depends on, which Yarn 1 locks itself, is no stale lock", () => {
  // Yarn 1.22 wrote this lock: it requests each `resolutions` target (fetchRequestFromCwd,
  // `hint: 'resolution'`) and locks it, with what it depends on, though it installs none.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "",
    "",
    "chalk@4.1.1:",
    '  version "4.1.1"',
    '  resolved "https://registry.yarnpkg.com/chalk/-/chalk-4.1.1.tgz#c80b3fab28bf6371e6863325eee67e618b77e6ad"',
    "  dependencies:",
    '    has-flag "^4.0.0"',
    "",
    "has-flag@^4.0.0:",
    '  version "4.0.0"',
    '  resolved "https://registry.yarnpkg.com/has-flag/-/has-flag-4.0.0.tgz#944771fd9c81c81265c4d6941860da06bb59479b"',
    "",
    "kleur@3.0.3:",
    '  version "3.0.3"',
    '  resolved "https://registry.yarnpkg.com/kleur/-/kleur-3.0.3.tgz#a79c9ecc86ee1ce3fa6206d1216c501f147fc07e"',
    "",
    "ms@2.1.1:",
    '  version "2.1.1"',
    '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.1.tgz#30a5864eb3ebb0a66f2ebe6d727af06a09d86e0a"',
    "",
  ].join("\n");
  const manifest = (extra: object): Record<string, string> => ({
    "package.json": JSON.stringify({
      name: "t",
      version: "1.0.0",
      dependencies: { ms: "2.1.1" },
      ...extra,
    }),
  });
  const forced = manifest({ resolutions: { "**/chalk": "4.1.1", "@t/app/@x/y/kleur": "3.0.3" } });
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => forced[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  // Installed by no one: dev, as an entry nothing reaches.
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/chalk@4.1.1 dev",
    "pkg:npm/has-flag@4.0.0 dev",
    "pkg:npm/kleur@3.0.3 dev",
    "pkg:npm/ms@2.1.1 runtime",
  ]);
  // Without the resolutions, the same entries are a stale lock.
  const plain = manifest({});
  assert.match(
    readYarnLock(lock, { path: "yarn.lock", load: (p) => plain[p] }).warnings?.[0] ?? "",
    /^yarn\.lock locks chalk@4\.1\.1, has-flag@4\.0\.0, kleur@3\.0\.3, which nothing/,
  );
});

Deno.test("readYarnLock v1: a file: folder only a resolutions target names is locked, installed nowhere: no member", () => {
  // Yarn 1.22.22 wrote this lock: it requests each `resolutions` target (fetchRequestFromCwd,
  // `hint: 'resolution'`) and locks it, but links only the project's own patterns
  // (linker.init(topLevelPatterns)): no node_modules/ms, nothing from vendor/ms. The resolution
  // keyed by the workspace's path (`@y1g/app/chalk`) matches nothing (the workspace's chalk is
  // 4.1.2 in node_modules): chalk@4.1.1 is locked, installed nowhere, so dev, with no warning.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "",
    "",
    "ansi-styles@^4.1.0:",
    '  version "4.3.0"',
    '  resolved "https://registry.yarnpkg.com/ansi-styles/-/ansi-styles-4.3.0.tgz#edd803628ae71c04c85ae7a0906edad34b648937"',
    "  integrity sha512-zbB9rCJAT1rbjiVDb2hqKFHNYLxgtk8NURxZ3IZwD3F6NtxbXZQCnnSi1Lkx+IDohdPlFp222wVALIheZJQSEg==",
    "  dependencies:",
    '    color-convert "^2.0.1"',
    "",
    "chalk@4.1.1:",
    '  version "4.1.1"',
    '  resolved "https://registry.yarnpkg.com/chalk/-/chalk-4.1.1.tgz#c80b3fab28bf6371e6863325eee67e618b77e6ad"',
    "  integrity sha512-diHzdDKxcU+bAsUboHLPEDQiw0qEe0qd7SYUn3HgcFlWgbDcfLGswOHYeGrHKzG9z6UYf01d9VFMfZxPM1xZSg==",
    "  dependencies:",
    '    ansi-styles "^4.1.0"',
    '    supports-color "^7.1.0"',
    "",
    "chalk@^4.0.0:",
    '  version "4.1.2"',
    '  resolved "https://registry.yarnpkg.com/chalk/-/chalk-4.1.2.tgz#aac4e2b7734a740867aeb16bf02aad556a1e7a01"',
    "  integrity sha512-oKnbhFyRIXpUuez8iBMmyEa4nbj4IOQyuhc/wy9kY7/WVPcwIO9VA668Pu8RkO7+0G76SLROeyw9CpQ061i4mA==",
    "  dependencies:",
    '    ansi-styles "^4.1.0"',
    '    supports-color "^7.1.0"',
    "",
    "color-convert@^2.0.1:",
    '  version "2.0.1"',
    '  resolved "https://registry.yarnpkg.com/color-convert/-/color-convert-2.0.1.tgz#72d3a68d598c9bdb3af2ad1e84f21d896abd4de3"',
    "  integrity sha512-RRECPsj7iu/xb5oKYcsFHSppFNnsj/52OVTRKb4zP5onXwVF3zVmmToNcOfGC+CRDpfK/U584fMg38ZHCaElKQ==",
    "  dependencies:",
    '    color-name "~1.1.4"',
    "",
    "color-name@~1.1.4:",
    '  version "1.1.4"',
    '  resolved "https://registry.yarnpkg.com/color-name/-/color-name-1.1.4.tgz#c2a09a87acbde69543de6f63fa3995c826c536a2"',
    "  integrity sha512-dOy+3AuW3a2wNbZHIuMZpTcgjGuLU/uBL/ubcZF9OXbDo8ff4O8yVp5Bf0efS8uEoYo5q4Fx7dY9OgQGXgAsQA==",
    "",
    "has-flag@4.0.0, has-flag@^4.0.0:",
    '  version "4.0.0"',
    '  resolved "https://registry.yarnpkg.com/has-flag/-/has-flag-4.0.0.tgz#944771fd9c81c81265c4d6941860da06bb59479b"',
    "  integrity sha512-EykJT/Q1KjTWctppgIAgfSO0tKVuZUjhgMr17kqTumMl6Afv3EISleU7qZUzoXDFTAHTDC4NOoG/ZxU3EvlMPQ==",
    "",
    "kleur@4.1.5:",
    '  version "4.1.5"',
    '  resolved "https://registry.yarnpkg.com/kleur/-/kleur-4.1.5.tgz#95106101795f7050c6c650f350c683febddb1780"',
    "  integrity sha512-o+NO+8WrRiQEE4/7nwRJhN1HWpVmJm511pBHUxPLtp0BUISzlBplORYSmTclCnJvQq2tKu/sgl3xVpkc7ZWuQQ==",
    "",
    '"ms@file:./vendor/ms":',
    '  version "2.1.3"',
    "  dependencies:",
    '    has-flag "4.0.0"',
    "",
    "supports-color@^7.1.0:",
    '  version "7.2.0"',
    '  resolved "https://registry.yarnpkg.com/supports-color/-/supports-color-7.2.0.tgz#1b7dcdcb32b8138801b3e478ba6a51caa89648da"',
    "  integrity sha512-qpCAvRl9stuOHveKsn7HncJRvv501qIacKzQlO/+Lwxc9+0q2wLyv4Dfvt80/DPn2pqOBsJdDiogXGR9+OvwRw==",
    "  dependencies:",
    '    has-flag "^4.0.0"',
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "y1g",
      version: "1.0.0",
      private: true,
      workspaces: ["packages/*"],
      dependencies: { kleur: "4.1.5" },
      resolutions: { ms: "file:./vendor/ms", "@y1g/app/chalk": "4.1.1" },
    }),
    "vendor/ms/package.json": JSON.stringify({
      name: "ms",
      version: "2.1.3",
      dependencies: { "has-flag": "4.0.0" },
    }),
    "packages/app/package.json": JSON.stringify({
      name: "@y1g/app",
      version: "1.0.0",
      dependencies: { chalk: "^4.0.0" },
    }),
  };
  const out = readYarnLock(lock, {
    path: "yarn.lock",
    load: (p) => files[p],
    list: (f) => f === "" ? ["packages", "vendor"] : f === "packages" ? ["app"] : [],
  });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:packages/app"]);
  assert.deepEqual(out.memberFolders, ["packages/app"]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/kleur@4.1.5 runtime",
    "workspace:packages/app runtime",
  ]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/ansi-styles@4.3.0 runtime",
    "pkg:npm/chalk@4.1.1 dev",
    "pkg:npm/chalk@4.1.2 runtime",
    "pkg:npm/color-convert@2.0.1 runtime",
    "pkg:npm/color-name@1.1.4 runtime",
    "pkg:npm/has-flag@4.0.0 runtime",
    "pkg:npm/kleur@4.1.5 runtime",
    "pkg:npm/supports-color@7.2.0 runtime",
  ]);
});

Deno.test("readYarnLock v1: a folder the resolutions force, locked under the ranges it replaces too, is that folder's member", () => {
  // Yarn 1.22 with `"resolutions": { "**/ms": "file:./vendor/ms" }`: one entry for every range
  // of ms, the path among them (sorted after the versions), no `resolved`.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "",
    "",
    "debug@4.3.4:",
    '  version "4.3.4"',
    '  resolved "https://registry.yarnpkg.com/debug/-/debug-4.3.4.tgz#1319f6579357f2338d3337d2cdd4914bb5dcc865"',
    "  dependencies:",
    '    ms "2.1.2"',
    "",
    'ms@2.1.2, ms@^2.0.0, "ms@file:./vendor/ms":',
    '  version "2.1.99-local"',
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "root",
      version: "1.0.0",
      dependencies: { debug: "4.3.4", ms: "^2.0.0" },
      resolutions: { "**/ms": "file:./vendor/ms" },
    }),
    "vendor/ms/package.json": JSON.stringify({ name: "ms", version: "2.1.99-local" }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
    "workspace:vendor/ms pkg:npm/ms@2.1.99-local",
  ]);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/debug@4.3.4"]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/debug@4.3.4"), ["workspace:vendor/ms runtime"]);
});

Deno.test("readYarnLock v1: a version the resolutions force on a folder's dependency, locked under its file: range too, is the registry's", () => {
  // Yarn 1.22 with `"resolutions": { "**/ms": "2.1.3" }` and a member's
  // `"ms": "file:../../vendor/ms"`: the path is one range of the entry Yarn fetched from the
  // registry (node_modules/ms is ms 2.1.3), not the folder.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "",
    "",
    'ms@2.1.3, "ms@file:vendor/ms":',
    '  version "2.1.3"',
    '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"',
    "  integrity sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "r",
      version: "1.0.0",
      private: true,
      workspaces: ["packages/*"],
      resolutions: { "**/ms": "2.1.3" },
    }),
    "packages/a/package.json": JSON.stringify({
      name: "a",
      version: "1.0.0",
      dependencies: { ms: "file:../../vendor/ms" },
    }),
    "vendor/ms/package.json": JSON.stringify({ name: "ms", version: "2.1.99-local" }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
  assert.ok(!out.members.some((m) => m.id === "workspace:vendor/ms"));
});

Deno.test("readYarnLock Berry: a packageExtensions range extends a prerelease as Yarn's satisfiesWithPrereleases admits it", () => {
  // Yarn tests an extension's range with prereleases included, else with the prerelease tags
  // dropped (semverUtils.satisfiesWithPrereleases): `chalk@*` and `chalk@^5.0.0` extend
  // chalk 5.0.0-rc.1, which npm's rules would refuse them; `chalk@<5.0.0-rc.0` does not.
  const lock = [
    "__metadata:",
    "  version: 8",
    "  cacheKey: 10c0",
    "",
    '"chalk@npm:5.0.0-rc.1":',
    "  version: 5.0.0-rc.1",
    '  resolution: "chalk@npm:5.0.0-rc.1"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"kleur@npm:4.1.5":',
    "  version: 4.1.5",
    '  resolution: "kleur@npm:4.1.5"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"ms@npm:2.1.3":',
    "  version: 2.1.3",
    '  resolution: "ms@npm:2.1.3"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"app@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "app@workspace:."',
    "  dependencies:",
    '    chalk: "npm:5.0.0-rc.1"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", dependencies: { chalk: "5.0.0-rc.1" } }),
    ".yarnrc.yml": [
      "packageExtensions:",
      '  "chalk@*":',
      "    dependencies:",
      "      kleur: 4.1.5",
      '  "chalk@^5.0.0":',
      "    dependencies:",
      "      ms: 2.1.3",
      '  "chalk@<5.0.0-rc.0":',
      "    dependencies:",
      "      left-pad: 1.3.0",
      "",
    ].join("\n"),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(edgesFrom(out, "pkg:npm/chalk@5.0.0-rc.1"), [
    "pkg:npm/kleur@4.1.5 runtime",
    "pkg:npm/ms@2.1.3 runtime",
  ]);
});

Deno.test("readYarnLock Berry: a dependency packageExtensions add that the lock does not resolve is a warning, not a broken lock", () => {
  // The .yarnrc.yml gained an extension after `yarn install`: Yarn would resolve and lock kleur
  // (`--immutable` refuses the lock). The lock itself says nothing of chalk's kleur.
  const lock = [
    ...BERRY_APP,
    '    chalk: "npm:4.1.2"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"chalk@npm:4.1.2":',
    "  version: 4.1.2",
    '  resolution: "chalk@npm:4.1.2"',
    "  languageName: node",
    "  linkType: hard",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", dependencies: { chalk: "4.1.2" } }),
    ".yarnrc.yml": 'packageExtensions:\n  "chalk@*":\n    dependencies:\n      kleur: ^4\n',
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/chalk@4.1.2 runtime",
  ]);
  assert.equal(out.warnings?.length, 1);
  assert.match(
    out.warnings![0],
    /^\.yarnrc\.yml: its packageExtensions add kleur@\^4 to chalk@npm:4\.1\.2, which yarn\.lock does not resolve/,
  );
});

/**
 * The entries Yarn 4.18.1 locks for query-ast 1.0.4 (invariant, js-tokens, lodash, loose-envify,
 * query-ast), between blank lines: the same in each lock of a project that installs it.
 */
const QUERY_AST_ENTRIES: readonly string[] = [
  "",
  '"invariant@npm:2.2.4":',
  "  version: 2.2.4",
  '  resolution: "invariant@npm:2.2.4"',
  "  dependencies:",
  '    loose-envify: "npm:^1.0.0"',
  "  languageName: node",
  "  linkType: hard",
  "",
  '"js-tokens@npm:^3.0.0 || ^4.0.0":',
  "  version: 4.0.0",
  '  resolution: "js-tokens@npm:4.0.0"',
  "  languageName: node",
  "  linkType: hard",
  "",
  '"lodash@npm:^4.17.21":',
  "  version: 4.18.1",
  '  resolution: "lodash@npm:4.18.1"',
  "  languageName: node",
  "  linkType: hard",
  "",
  '"loose-envify@npm:^1.0.0":',
  "  version: 1.4.0",
  '  resolution: "loose-envify@npm:1.4.0"',
  "  dependencies:",
  '    js-tokens: "npm:^3.0.0 || ^4.0.0"',
  "  bin:",
  "    loose-envify: cli.js",
  "  languageName: node",
  "  linkType: hard",
  "",
  '"query-ast@npm:1.0.4":',
  "  version: 1.0.4",
  '  resolution: "query-ast@npm:1.0.4"',
  "  dependencies:",
  '    invariant: "npm:2.2.4"',
  "  languageName: node",
  "  linkType: hard",
  "",
];

/** The head of a Berry lock as Yarn 4.18.1 writes it (lock version 10, cache key 10c0). */
const BERRY_HEAD = [
  '# This file is generated by running "yarn install" inside your project.',
  "# Manual changes might be lost - proceed with caution!",
  "",
  "__metadata:",
  "  version: 10",
  "  cacheKey: 10c0",
  "",
];

/**
 * The lock Yarn 4.18.1 wrote for a project depending on query-ast 1.0.4, checksums left out: the
 * builtin compatibility extension `query-ast@<1.0.5` (lodash) is in no entry's dependencies,
 * though Yarn resolved and locked lodash for it.
 */
const COMPAT_LOCK = [
  ...BERRY_HEAD,
  '"app@workspace:.":',
  "  version: 0.0.0-use.local",
  '  resolution: "app@workspace:."',
  "  dependencies:",
  '    query-ast: "npm:1.0.4"',
  "  languageName: unknown",
  "  linkType: soft",
  ...QUERY_AST_ENTRIES,
].join("\n");

/** COMPAT_LOCK's project. */
const COMPAT_FILES: Record<string, string> = {
  "package.json": JSON.stringify({
    name: "app",
    private: true,
    dependencies: { "query-ast": "1.0.4" },
  }),
  ".yarnrc.yml": "nodeLinker: node-modules\n",
};

Deno.test("readYarnLock Berry: Yarn's builtin compatibility extensions add their dependencies to the packages whose version they match", () => {
  // `yarn why lodash`: query-ast@npm:1.0.4 (plugin-compat's `query-ast@<1.0.5` extension).
  const out = readYarnLock(COMPAT_LOCK, { path: "yarn.lock", load: (p) => COMPAT_FILES[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(edgesFrom(out, "pkg:npm/query-ast@1.0.4"), [
    "pkg:npm/invariant@2.2.4 runtime",
    "pkg:npm/lodash@4.18.1 runtime",
  ]);
  assert.ok(out.components.every((c) => c.scopes.includes("runtime")));
});

Deno.test("readYarnLock Berry: a compatibility extension's dependency the lock does not resolve is no edge and no warning", () => {
  // A lock of a Yarn whose list had no `query-ast@<1.0.5` yet: it installed no lodash for it.
  const lock = COMPAT_LOCK.replace(/"lodash@npm:\^4\.17\.21":\n(?: {2}.*\n)+\n/, "");
  assert.ok(!lock.includes("lodash"));
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => COMPAT_FILES[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(edgesFrom(out, "pkg:npm/query-ast@1.0.4"), ["pkg:npm/invariant@2.2.4 runtime"]);
});

Deno.test("readYarnLock Berry: a patched copy beside the package as it is are two components, the patch on its copy only", () => {
  // Yarn 4.18.1 wrote this lock: workspace a depends on `patch:lodash@npm%3A4.17.21#…`, b on
  // lodash 4.17.21; it installs both (the patched copy in node_modules, the plain one in
  // packages/b/node_modules). The purl spec has no patch qualifier: one purl, two components.
  const lock = [
    ...BERRY_HEAD,
    '"a@workspace:packages/a":',
    "  version: 0.0.0-use.local",
    '  resolution: "a@workspace:packages/a"',
    "  dependencies:",
    '    lodash: "patch:lodash@npm%3A4.17.21#~/.yarn/patches/lodash.patch"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"b@workspace:packages/b":',
    "  version: 0.0.0-use.local",
    '  resolution: "b@workspace:packages/b"',
    "  dependencies:",
    '    lodash: "npm:4.17.21"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"lodash@npm:4.17.21":',
    "  version: 4.17.21",
    '  resolution: "lodash@npm:4.17.21"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"lodash@patch:lodash@npm%3A4.17.21#~/.yarn/patches/lodash.patch":',
    "  version: 4.17.21",
    '  resolution: "lodash@patch:lodash@npm%3A4.17.21#~/.yarn/patches/lodash.patch::version=4.17.21&hash=32914e"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"t5@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "t5@workspace:."',
    "  languageName: unknown",
    "  linkType: soft",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "t5", private: true, workspaces: ["packages/*"] }),
    ".yarnrc.yml": "nodeLinker: node-modules\n",
    "packages/a/package.json": JSON.stringify({
      name: "a",
      version: "1.0.0",
      dependencies: { lodash: "patch:lodash@npm%3A4.17.21#~/.yarn/patches/lodash.patch" },
    }),
    "packages/b/package.json": JSON.stringify({
      name: "b",
      version: "1.0.0",
      dependencies: { lodash: "4.17.21" },
    }),
  };
  const list = (f: string): string[] =>
    f === "" ? ["packages"] : f === "packages" ? ["a", "b"] : [];
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p], list });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  const patched = "patch:pkg:npm/lodash@4.17.21#.yarn/patches/lodash.patch";
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.purl} ${c.patches ?? "-"}`), [
    `${patched} pkg:npm/lodash@4.17.21 .yarn/patches/lodash.patch`,
    "pkg:npm/lodash@4.17.21 pkg:npm/lodash@4.17.21 -",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/a"), [`${patched} runtime`]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/b"), ["pkg:npm/lodash@4.17.21 runtime"]);
  assert.deepEqual(edgesFrom(out, patched), []);
});

Deno.test("readYarnLock Berry: a patch the root's resolutions apply stays on the one component", () => {
  // Yarn 4.18.1 wrote this lock for `"resolutions": {"lodash@npm:4.17.21": "patch:…"}`: the
  // workspace's entry records lodash as declared (`npm:4.17.21`, the plain entry, locked as
  // the patch's source), and Yarn installs only the patched copy.
  const lock = [
    ...BERRY_HEAD,
    '"lodash@npm:4.17.21":',
    "  version: 4.17.21",
    '  resolution: "lodash@npm:4.17.21"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"lodash@patch:lodash@npm%3A4.17.21#~/.yarn/patches/lodash.patch":',
    "  version: 4.17.21",
    '  resolution: "lodash@patch:lodash@npm%3A4.17.21#~/.yarn/patches/lodash.patch::version=4.17.21&hash=32914e"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"t6@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "t6@workspace:."',
    "  dependencies:",
    '    lodash: "npm:4.17.21"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "t6",
      private: true,
      dependencies: { lodash: "4.17.21" },
      resolutions: {
        "lodash@npm:4.17.21": "patch:lodash@npm%3A4.17.21#~/.yarn/patches/lodash.patch",
      },
    }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.patches}`), [
    "pkg:npm/lodash@4.17.21 .yarn/patches/lodash.patch",
  ]);
});

Deno.test("readYarnLock Berry: a resolution scoped to one parent patches that parent's copy only", () => {
  // Yarn 4.18.1 wrote this lock for `"debug@4.3.4/ms": "patch:ms@npm%3A2.1.2#./ms.patch"` with
  // the root on ms 2.1.2 too: both entries record ms as declared (`npm:2.1.2`), and Yarn
  // (CorePlugin.reduceDependency) gives debug 4.3.4 the patched copy, the root the plain one:
  // with node-modules, node_modules/ms is plain and node_modules/debug/node_modules/ms patched.
  const lock = [
    ...BERRY_HEAD,
    '"debug@npm:4.3.4":',
    "  version: 4.3.4",
    '  resolution: "debug@npm:4.3.4"',
    "  dependencies:",
    '    ms: "npm:2.1.2"',
    "  peerDependenciesMeta:",
    "    supports-color:",
    "      optional: true",
    "  languageName: node",
    "  linkType: hard",
    "",
    '"ms@npm:2.1.2":',
    "  version: 2.1.2",
    '  resolution: "ms@npm:2.1.2"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"ms@patch:ms@npm%3A2.1.2#./ms.patch::locator=t7%40workspace%3A.":',
    "  version: 2.1.2",
    '  resolution: "ms@patch:ms@npm%3A2.1.2#./ms.patch::version=2.1.2&hash=cd8551&locator=t7%40workspace%3A."',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"t7@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "t7@workspace:."',
    "  dependencies:",
    '    debug: "npm:4.3.4"',
    '    ms: "npm:2.1.2"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
  ].join("\n");
  const manifest = (resolutions: Record<string, string>): Record<string, string> => ({
    "package.json": JSON.stringify({
      name: "t7",
      private: true,
      dependencies: { debug: "4.3.4", ms: "2.1.2" },
      resolutions,
    }),
  });
  const read = (files: Record<string, string>): ReturnType<typeof readYarnLock> =>
    readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  const patch = "patch:ms@npm%3A2.1.2#./ms.patch";
  const out = read(manifest({ "debug@4.3.4/ms": patch }));
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  const patched = "patch:pkg:npm/ms@2.1.2#ms.patch";
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.patches ?? "-"}`), [
    `${patched} ms.patch`,
    "pkg:npm/debug@4.3.4 -",
    "pkg:npm/ms@2.1.2 -",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/debug@4.3.4"), [`${patched} runtime`]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/debug@4.3.4 runtime",
    "pkg:npm/ms@2.1.2 runtime",
  ]);
  // A parent's description is its locator's reference, not a range (Yarn normalises
  // `debug@^4.0.0` to the locator `debug@npm:^4.0.0`, which no package resolves to): no match,
  // and the patch, which nothing then names, is on no copy Yarn installs.
  const ranged = read(manifest({ "debug@^4.0.0/ms": patch }));
  assert.deepEqual(edgesFrom(ranged, "pkg:npm/debug@4.3.4"), ["pkg:npm/ms@2.1.2 runtime"]);
  // A key Yarn 1 reads and Berry refuses (a glob) gives nothing either.
  const glob = read(manifest({ "**/debug/ms": patch }));
  assert.deepEqual(edgesFrom(glob, "pkg:npm/debug@4.3.4"), ["pkg:npm/ms@2.1.2 runtime"]);
});

Deno.test("readYarnLock Berry: what only a patch's base depends on is locked, not installed", () => {
  // Yarn 4.18.1 wrote this lock for `"debug@4.3.4/ms": "2.1.3"` before `"debug":
  // "patch:debug@npm%3A4.3.4#./debug.patch"`: Yarn matches the scoped key against each
  // parent's locator, so the base (debug@npm:4.3.4, what the patch is made from) resolves ms to
  // 2.1.3 and the patch, which it installs in the base's place, to 2.1.2 as declared: with
  // node-modules, node_modules/ms is 2.1.2 and no ms 2.1.3 is installed anywhere.
  const lock = [
    ...BERRY_HEAD,
    '"debug@npm:4.3.4":',
    "  version: 4.3.4",
    '  resolution: "debug@npm:4.3.4"',
    "  dependencies:",
    '    ms: "npm:2.1.2"',
    "  peerDependenciesMeta:",
    "    supports-color:",
    "      optional: true",
    "  languageName: node",
    "  linkType: hard",
    "",
    '"debug@patch:debug@npm%3A4.3.4#./debug.patch::locator=t5%40workspace%3A.":',
    "  version: 4.3.4",
    '  resolution: "debug@patch:debug@npm%3A4.3.4#./debug.patch::version=4.3.4&hash=06af05&locator=t5%40workspace%3A."',
    "  dependencies:",
    '    ms: "npm:2.1.2"',
    "  peerDependenciesMeta:",
    "    supports-color:",
    "      optional: true",
    "  languageName: node",
    "  linkType: hard",
    "",
    '"ms@npm:2.1.2":',
    "  version: 2.1.2",
    '  resolution: "ms@npm:2.1.2"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"ms@npm:2.1.3":',
    "  version: 2.1.3",
    '  resolution: "ms@npm:2.1.3"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"t5@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "t5@workspace:."',
    "  dependencies:",
    '    debug: "npm:4.3.4"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "t5",
      private: true,
      dependencies: { debug: "4.3.4" },
      resolutions: {
        "debug@4.3.4/ms": "2.1.3",
        debug: "patch:debug@npm%3A4.3.4#./debug.patch",
      },
    }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  // Yarn locks ms 2.1.3 itself (no stale lock): kept as the lock has it, installed nowhere.
  assert.equal(out.warnings, undefined);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/debug@4.3.4 runtime",
    "pkg:npm/ms@2.1.2 runtime",
    "pkg:npm/ms@2.1.3 dev",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/debug@4.3.4"), ["pkg:npm/ms@2.1.2 runtime"]);
});

Deno.test("readYarnLock Berry: package extensions extend a workspace by its package.json's version", () => {
  // Yarn 4.18.1 wrote this lock for a workspace named unified, version 9.2.2: `unified@<10`
  // (builtin) adds @types/unist, which the workspace's entry does not list (`yarn why`:
  // unified@workspace:packages/u). Yarn resolves a workspace by its package.json, `0.0.0` when
  // it has no version (WorkspaceResolver), not by the lock's `0.0.0-use.local`.
  const lock = [
    ...BERRY_HEAD,
    '"@types/unist@npm:^2.0.0":',
    "  version: 2.0.11",
    '  resolution: "@types/unist@npm:2.0.11"',
    "  languageName: node",
    "  linkType: hard",
    ...QUERY_AST_ENTRIES,
    '"t2@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "t2@workspace:."',
    "  dependencies:",
    '    query-ast: "npm:1.0.4"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"unified@workspace:packages/u":',
    "  version: 0.0.0-use.local",
    '  resolution: "unified@workspace:packages/u"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
  ].join("\n");
  const files = (unified: Record<string, unknown>): Record<string, string> => ({
    "package.json": JSON.stringify({
      name: "t2",
      version: "1.0.0",
      private: true,
      workspaces: ["packages/*"],
      dependencies: { "query-ast": "1.0.4" },
    }),
    ".yarnrc.yml": "nodeLinker: node-modules\n",
    "packages/u/package.json": JSON.stringify({ name: "unified", private: true, ...unified }),
  });
  const list = (f: string): string[] => f === "" ? ["packages"] : f === "packages" ? ["u"] : [];
  for (const unified of [{ version: "9.2.2" }, {}]) {
    const tree = files(unified);
    const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => tree[p], list });
    assertWellFormed(out);
    assert.equal(out.warnings, undefined);
    assert.deepEqual(edgesFrom(out, "workspace:packages/u"), [
      "pkg:npm/%40types/unist@2.0.11 runtime",
    ]);
    assert.ok(out.components.every((c) => c.scopes.includes("runtime")));
  }
  // Version 10.0.0 is out of `<10`: Yarn drops @types/unist from the lock (stale here).
  const ten = files({ version: "10.0.0" });
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => ten[p], list });
  assert.deepEqual(edgesFrom(out, "workspace:packages/u"), []);
  assert.deepEqual(out.components.find((c) => c.name === "@types/unist")?.scopes, ["dev"]);
});

Deno.test("readYarnLock Berry: the packageExtensions of the .yarnrc.yml files above the lock are merged, the nearer one's winning", () => {
  // Yarn 4.18.1 run in app/ read app/.yarnrc.yml and the one above it (Configuration.find):
  // `yarn why kleur`: query-ast@npm:1.0.4 (via npm:4.1.4); ms 2.1.3 from the upper file.
  const lock = [
    ...BERRY_HEAD,
    '"app@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "app@workspace:."',
    "  dependencies:",
    '    query-ast: "npm:1.0.4"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"invariant@npm:2.2.4":',
    "  version: 2.2.4",
    '  resolution: "invariant@npm:2.2.4"',
    "  dependencies:",
    '    loose-envify: "npm:^1.0.0"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"js-tokens@npm:^3.0.0 || ^4.0.0":',
    "  version: 4.0.0",
    '  resolution: "js-tokens@npm:4.0.0"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"kleur@npm:4.1.4":',
    "  version: 4.1.4",
    '  resolution: "kleur@npm:4.1.4"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"lodash@npm:^4.17.21":',
    "  version: 4.18.1",
    '  resolution: "lodash@npm:4.18.1"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"loose-envify@npm:^1.0.0":',
    "  version: 1.4.0",
    '  resolution: "loose-envify@npm:1.4.0"',
    "  dependencies:",
    '    js-tokens: "npm:^3.0.0 || ^4.0.0"',
    "  bin:",
    "    loose-envify: cli.js",
    "  languageName: node",
    "  linkType: hard",
    "",
    '"ms@npm:2.1.3":',
    "  version: 2.1.3",
    '  resolution: "ms@npm:2.1.3"',
    "  languageName: node",
    "  linkType: hard",
    "",
    '"query-ast@npm:1.0.4":',
    "  version: 1.0.4",
    '  resolution: "query-ast@npm:1.0.4"',
    "  dependencies:",
    '    invariant: "npm:2.2.4"',
    "  languageName: node",
    "  linkType: hard",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    ".yarnrc.yml":
      'packageExtensions:\n  "query-ast@*":\n    dependencies:\n      kleur: 4.1.5\n      ms: 2.1.3\n',
    "app/.yarnrc.yml": 'nodeLinker: node-modules\npackageExtensions:\n  "query-ast@*":\n' +
      "    dependencies:\n      kleur: 4.1.4\n",
    "app/package.json": JSON.stringify({
      name: "app",
      private: true,
      dependencies: { "query-ast": "1.0.4" },
    }),
  };
  const out = readYarnLock(lock, { path: "app/yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(edgesFrom(out, "pkg:npm/query-ast@1.0.4"), [
    "pkg:npm/invariant@2.2.4 runtime",
    "pkg:npm/kleur@4.1.4 runtime",
    "pkg:npm/lodash@4.18.1 runtime",
    "pkg:npm/ms@2.1.3 runtime",
  ]);
  assert.ok(out.components.every((c) => c.scopes.includes("runtime")));
});

Deno.test("readYarnLock classic: a negated workspace pattern excludes nothing, as in Yarn 1", () => {
  // `yarn install` (1.22.22) with `"workspaces": ["packages/*", "!packages/skip"]` links
  // packages/skip and locks its is-number: Yarn 1 globs each pattern alone (glob 7 takes the
  // `!` literally). Was: skip left out as npm leaves it, is-number unreached and dev.
  const lock = [
    "# yarn lockfile v1",
    "",
    "",
    "is-number@7.0.0:",
    '  version "7.0.0"',
    '  resolved "https://registry.yarnpkg.com/is-number/-/is-number-7.0.0.tgz#7535345b896734d5f80c4d06c50955527a14f12b"',
    "  integrity sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "root",
      version: "1.0.0",
      private: true,
      workspaces: ["packages/*", "!packages/skip"],
    }),
    "packages/skip/package.json": JSON.stringify({
      name: "skip",
      version: "1.0.0",
      dependencies: { "is-number": "7.0.0" },
    }),
  };
  const out = readYarnLock(lock, {
    path: "yarn.lock",
    load: (p) => files[p],
    list: (f) => f === "" ? ["packages"] : f === "packages" ? ["skip"] : [],
  });
  assert.deepEqual(out.warnings ?? [], []);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:packages/skip"]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/skip"), ["pkg:npm/is-number@7.0.0 runtime"]);
});

Deno.test("readYarnLock classic: the lock Bun prints leaves out a negated workspace, as Bun does", () => {
  // `bun install --yarn` (1.4.5) with `"workspaces": ["packages/*", "!packages/excluded"]`:
  // Bun installs packages/a only (bun.lock's `workspaces` too) and prints this lock. Was:
  // packages/excluded a member, read as Yarn 1 takes the `!`.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "# bun ./bun.lockb --hash: 7CC5AE18D6FB25F1-4e7f5f0d06ff98e0-DA1A9206ED0B5829-24e5704951625353",
    "",
    "",
    '"a@packages/a":',
    '  version "workspace:packages/a"',
    '  resolved "workspace:packages/a"',
    "  dependencies:",
    '    ms "2.1.3"',
    "",
    "ms@2.1.3:",
    '  version "2.1.3"',
    '  resolved "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz"',
    "  integrity sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "root",
      private: true,
      workspaces: ["packages/*", "!packages/excluded"],
    }),
    "packages/a/package.json": JSON.stringify({
      name: "a",
      version: "1.0.0",
      dependencies: { ms: "2.1.3" },
    }),
    "packages/excluded/package.json": JSON.stringify({
      name: "excluded",
      version: "1.0.0",
      dependencies: { "is-number": "7.0.0" },
    }),
  };
  const out = readYarnLock(lock, {
    path: "yarn.lock",
    load: (p) => files[p],
    list: (f) => f === "" ? ["packages"] : f === "packages" ? ["a", "excluded"] : [],
  });
  assert.deepEqual(out.warnings ?? [], []);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:packages/a"]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/a"), ["pkg:npm/ms@2.1.3 runtime"]);
});

/** The warning for the probe's `outside` package, the folder `../outside` beside the project. */
function outsideWarning(lock: string): string {
  return `${lock}: outside is the local folder ../outside, outside the scanned tree: vouch did ` +
    "not scan its code or read its package.json, and the SBOM has it only as the lock records " +
    "it (no hashes; the registry package of that name is another); scan a folder that holds " +
    "both to include it";
}

/**
 * The yarn.lock `yarn install` (1.22.22) writes for `"outside": "link:../outside"`, whose
 * package.json declares ms 2.1.3: the link's entry is Yarn's fetch mock, with no dependencies.
 */
const CLASSIC_LINKED_OUTSIDE = [
  "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
  "# yarn lockfile v1",
  "",
  "",
  "ms@2.1.3:",
  '  version "2.1.3"',
  '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"',
  "  integrity sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==",
  "",
  '"outside@link:../outside":',
  '  version "0.0.0"',
  '  uid ""',
].join("\n");

Deno.test("readYarnLock: a portal: or link: folder outside the project is a component, with a warning naming it", () => {
  // `yarn install` of `"outside": "portal:../outside"` (Yarn 4.18.1) and of
  // `"link:../outside"` (1.22.22, which locks every link at its placeholder `version "0.0.0"`,
  // though ../outside/package.json says 2.0.0). Was: no word that the folder's code went
  // unscanned, and Yarn 1's pkg:npm/outside@0.0.0.
  const berry = [
    '# This file is generated by running "yarn install" inside your project.',
    "# Manual changes might be lost - proceed with caution!",
    "",
    "__metadata:",
    "  version: 10",
    "  cacheKey: 10c0",
    "",
    '"app-berry@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "app-berry@workspace:."',
    "  dependencies:",
    '    outside: "portal:../outside"',
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"ms@npm:2.1.3":',
    "  version: 2.1.3",
    '  resolution: "ms@npm:2.1.3"',
    "  checksum: 10c0/d924b57e7312b3b63ad21fc5b3dc0af5e78d61a1fc7cfb5457edaf26326bf62be5307cc87ffb6862ef1c2b33b0233cdb5d4f01c4c958cc0d660948b65a287a48",
    "  languageName: node",
    "  linkType: hard",
    "",
    '"outside@portal:../outside::locator=app-berry%40workspace%3A.":',
    "  version: 0.0.0-use.local",
    '  resolution: "outside@portal:../outside::locator=app-berry%40workspace%3A."',
    "  dependencies:",
    '    ms: "npm:2.1.3"',
    "  languageName: node",
    "  linkType: soft",
  ].join("\n");
  for (const [lock, root] of [[berry, "app-berry"], [CLASSIC_LINKED_OUTSIDE, "app-yarn1"]]) {
    const files: Record<string, string> = {
      "package.json": JSON.stringify({
        name: root,
        version: "1.0.0",
        dependencies: { outside: lock === berry ? "portal:../outside" : "link:../outside" },
      }),
    };
    const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
    assert.ok(out.components.some((c) => c.id === "pkg:npm/outside"), root);
    assert.ok(out.warnings?.includes(outsideWarning("yarn.lock")), root);
  }
});

Deno.test("readYarnLock: Yarn 1's link: folder outside the project has the dependencies it locks, none stale", () => {
  // `yarn install` (1.22.22) of `"outside": "link:../outside"`, ../outside/package.json
  // declaring ms 2.1.3: Yarn installs and locks ms but writes the link's entry as its fetch mock,
  // no dependencies. Was: ms unreached, dev, said to be a stale lock's.
  for (const field of ["dependencies", "devDependencies"]) {
    const files: Record<string, string> = {
      "package.json": JSON.stringify({
        name: "app",
        version: "1.0.0",
        [field]: { outside: "link:../outside" },
      }),
    };
    const out = readYarnLock(CLASSIC_LINKED_OUTSIDE, { path: "yarn.lock", load: (p) => files[p] });
    const scope = field === "dependencies" ? "runtime" : "dev";
    assert.deepEqual(edgesFrom(out, "pkg:npm/outside"), ["pkg:npm/ms@2.1.3 runtime"]);
    assert.deepEqual(
      out.components.find((c) => c.id === "pkg:npm/ms@2.1.3")?.scopes,
      out.components.find((c) => c.id === "pkg:npm/outside")?.scopes,
    );
    assert.ok(
      out.components.find((c) => c.id === "pkg:npm/ms@2.1.3")?.scopes.includes(scope),
      field,
    );
    assert.deepEqual(out.warnings, [
      outsideWarning("yarn.lock"),
      "yarn.lock: Yarn 1 lists no dependency under a `link:` entry (outside), though it " +
      "installs and locks them; ms@2.1.3, which nothing else reaches, the SBOM has as " +
      "outside's dependencies",
    ]);
  }
});

Deno.test("readYarnLock: several Yarn 1 link: folders outside the project share what only they reach, with no edge", () => {
  // `yarn install` (1.22.22) of dev `"o1": "link:../o1"` (declaring ms) and `"o2": "link:../o2"`
  // (declaring is-number): the lock cannot tell which folder brought which.
  const lock = [
    "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
    "# yarn lockfile v1",
    "",
    "",
    "is-number@7.0.0:",
    '  version "7.0.0"',
    '  resolved "https://registry.yarnpkg.com/is-number/-/is-number-7.0.0.tgz#7535345b896734d5f80c4d06c50955527a14f12b"',
    "  integrity sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==",
    "",
    "ms@2.1.3:",
    '  version "2.1.3"',
    '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"',
    "  integrity sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==",
    "",
    '"o1@link:../o1":',
    '  version "0.0.0"',
    '  uid ""',
    "",
    '"o2@link:../o2":',
    '  version "0.0.0"',
    '  uid ""',
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      version: "1.0.0",
      devDependencies: { o1: "link:../o1", o2: "link:../o2" },
    }),
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assert.deepEqual(edgesFrom(out, "pkg:npm/o1"), []);
  assert.deepEqual(edgesFrom(out, "pkg:npm/o2"), []);
  for (const id of ["pkg:npm/is-number@7.0.0", "pkg:npm/ms@2.1.3"]) {
    assert.deepEqual(
      out.components.find((c) => c.id === id)?.scopes,
      out.components.find((c) => c.id === "pkg:npm/o1")?.scopes,
      id,
    );
  }
  assert.equal(
    out.warnings?.find((w) => w.includes("lists no dependency")),
    "yarn.lock: Yarn 1 lists no dependency under a `link:` entry (o1, o2), though it installs " +
      "and locks them; is-number@7.0.0, ms@2.1.3, which nothing else reaches, the SBOM has as " +
      "theirs, scoped as they are, with no edge (which folder declares which, only their " +
      "package.json files tell)",
  );
  assert.ok(!out.warnings?.some((w) => w.includes("a lock older than")));
});

Deno.test("readYarnLock: a dependency that optionalDependencies also names is the optional one, not an unlocked range", () => {
  // Yarn 1.22.22: "optionalDependencies" has dependency "ms" with range "^2.1.3" that collides
  // with a dependency in "dependencies" (cleanDependencies keeps optionalDependencies first), so
  // it locks ms@^2.1.3 only. Was: a warning that yarn.lock does not lock ms@^2.0.0.
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "opt",
      version: "1.0.0",
      dependencies: { ms: "^2.0.0" },
      optionalDependencies: { ms: "^2.1.3" },
    }),
  };
  const lock = `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


ms@^2.1.3:
  version "2.1.3"
  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"
  integrity sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==
`;
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.warnings ?? [], []);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:npm/ms@2.1.3 optional"]);
});

Deno.test("readYarnLock: Yarn 1 keeps a name dependencies and devDependencies both declare in dependencies, with the first range not *", () => {
  // Yarn 1.22.22 warns that "dependencies" has dependency "kleur" with range "^4.0.0" that
  // collides with devDependencies, and locks kleur@^4.0.0 only (normalize-manifest/validate.js
  // cleanDependencies: the first of optionalDependencies, dependencies, devDependencies keeps the
  // name, with the first range that is neither empty nor `*`: semver's "*" takes the dev ^7.6.0).
  // Was: a warning that yarn.lock does not lock kleur@^4.1.5 and semver@*.
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "opt",
      version: "1.0.0",
      dependencies: { kleur: "^4.0.0", semver: "*" },
      devDependencies: { kleur: "^4.1.5", semver: "^7.6.0" },
    }),
  };
  const lock = `# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.
# yarn lockfile v1


kleur@^4.0.0:
  version "4.1.5"
  resolved "https://registry.yarnpkg.com/kleur/-/kleur-4.1.5.tgz#95106101795f7050c6c650f350c683febddb1780"
  integrity sha512-o+NO+8WrRiQEE4/7nwRJhN1HWpVmJm511pBHUxPLtp0BUISzlBplORYSmTclCnJvQq2tKu/sgl3xVpkc7ZWuQQ==

semver@^7.6.0:
  version "7.8.6"
  resolved "https://registry.yarnpkg.com/semver/-/semver-7.8.6.tgz#67c0cda133a3ceb6f70b803e67625bf969000424"
  integrity sha512-9lpSSU4Mly3mrtruwLs1eLK6+gzbzqeBFwRNjIjE+9LuDpWdYctrQlQ3ej1Ilgi7gknpsTRnPoLP8DpCHqHIJw==
`;
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.warnings ?? [], []);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/kleur@4.1.5 runtime",
    "pkg:npm/semver@7.8.6 runtime",
  ]);
});

/**
 * The lock Yarn 3.6.4 wrote for a project depending on babel-preset-react-app 10.0.1 (Create
 * React App 5's preset), cut to the entries that matter, their other dependencies and peers left
 * out: Yarn 3.2–3.7 and 4.0 bundle the compatibility extension `babel-preset-react-app@10.0.x`
 * adding `@babel/plugin-proposal-private-property-in-object@^7.16.0`, which 3.8 and 4.1 and
 * later replaced with one adding `^7.16.7`.
 */
const YARN3_COMPAT_LOCK = [
  '# This file is generated by running "yarn install" inside your project.',
  "# Manual changes might be lost - proceed with caution!",
  "",
  "__metadata:",
  "  version: 6",
  "  cacheKey: 8",
  "",
  '"@babel/plugin-proposal-private-property-in-object@npm:^7.16.0":',
  "  version: 7.21.11",
  '  resolution: "@babel/plugin-proposal-private-property-in-object@npm:7.21.11"',
  "  dependencies:",
  '    "@babel/plugin-syntax-private-property-in-object": ^7.14.5',
  "  languageName: node",
  "  linkType: hard",
  "",
  '"@babel/plugin-syntax-private-property-in-object@npm:^7.14.5":',
  "  version: 7.14.5",
  '  resolution: "@babel/plugin-syntax-private-property-in-object@npm:7.14.5"',
  "  languageName: node",
  "  linkType: hard",
  "",
  '"app@workspace:.":',
  "  version: 0.0.0-use.local",
  '  resolution: "app@workspace:."',
  "  dependencies:",
  "    babel-preset-react-app: 10.0.1",
  "  languageName: unknown",
  "  linkType: soft",
  "",
  '"babel-preset-react-app@npm:10.0.1":',
  "  version: 10.0.1",
  '  resolution: "babel-preset-react-app@npm:10.0.1"',
  "  languageName: node",
  "  linkType: hard",
  "",
].join("\n");

Deno.test("readYarnLock Berry: the builtin compatibility extensions are those of the project's Yarn release, named by yarnPath or packageManager", () => {
  const manifest = (packageManager?: string): string =>
    JSON.stringify({
      name: "app",
      private: true,
      packageManager,
      dependencies: { "babel-preset-react-app": "10.0.1" },
    });
  const read = (files: Record<string, string>): ReturnType<typeof readYarnLock> =>
    readYarnLock(YARN3_COMPAT_LOCK, { path: "yarn.lock", load: (p) => files[p] });
  const plugin = "pkg:npm/%40babel/plugin-proposal-private-property-in-object@7.21.11";
  const trees: Record<string, string>[] = [
    { "package.json": manifest("yarn@3.6.4") },
    // yarnPath's release wins: Yarn hands every command to it.
    {
      "package.json": manifest("yarn@4.18.1"),
      ".yarnrc.yml": "yarnPath: .yarn/releases/yarn-3.6.4.cjs\n",
    },
  ];
  for (const files of trees) {
    // Was: Yarn 4.18.1's list, whose extension adds ^7.16.7, which the lock does not resolve:
    // the plugin was unreached, dev, with a warning that Yarn drops it.
    const out = read(files);
    assertWellFormed(out);
    assert.equal(out.warnings, undefined);
    assert.deepEqual(edgesFrom(out, "pkg:npm/babel-preset-react-app@10.0.1"), [
      `${plugin} runtime`,
    ]);
    assert.ok(out.components.every((c) => c.scopes.includes("runtime")));
  }
  // Yarn 4.18.1 would add ^7.16.7 and install no ^7.16.0: the lock is older than its Yarn.
  const newer = read({ "package.json": manifest("yarn@4.18.1") });
  assert.deepEqual(edgesFrom(newer, "pkg:npm/babel-preset-react-app@10.0.1"), []);
  assert.match(newer.warnings?.join("\n") ?? "", /nothing the package\.json files declare reaches/);
});

Deno.test("readYarnLock Berry: a yarnPath that names no release takes the extensions of the newest release writing the lock's version", () => {
  // Yarn 1's `yarn policies set-version berry` names the file yarn-berry.cjs; the lock's version
  // 4 is what Yarn 2.x to 3.0.x write (Project.ts LOCKFILE_VERSION, read from each release's
  // bundle: 3.0.2 the newest), and 3.0.2 bundles no `terser@<=5.10.0` extension adding acorn (3.2.0 on).
  // Was: Yarn 4.18.1's list, terser depending on acorn: acorn, the project's dev dependency,
  // runtime too.
  const lock = [
    "__metadata:",
    "  version: 4",
    "  cacheKey: 8",
    "",
    '"acorn@npm:^8.5.0":',
    "  version: 8.7.0",
    '  resolution: "acorn@npm:8.7.0"',
    "  bin:",
    "    acorn: bin/acorn",
    "  languageName: node",
    "  linkType: hard",
    "",
    '"app@workspace:.":',
    "  version: 0.0.0-use.local",
    '  resolution: "app@workspace:."',
    "  dependencies:",
    "    acorn: ^8.5.0",
    "    terser: 5.7.2",
    "  languageName: unknown",
    "  linkType: soft",
    "",
    '"terser@npm:5.7.2":',
    "  version: 5.7.2",
    '  resolution: "terser@npm:5.7.2"',
    "  languageName: node",
    "  linkType: hard",
    "",
  ].join("\n");
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      private: true,
      dependencies: { terser: "5.7.2" },
      devDependencies: { acorn: "^8.5.0" },
    }),
    ".yarnrc.yml": "yarnPath: .yarn/releases/yarn-berry.cjs\n",
  };
  const out = readYarnLock(lock, { path: "yarn.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(edgesFrom(out, "pkg:npm/terser@5.7.2"), []);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/acorn@8.7.0 dev",
    "pkg:npm/terser@5.7.2 runtime",
  ]);
  // The same lock at version 6 (Yarn 3.2 to 3.8; 3.8.7 bundles the extension) is extended.
  const six = readYarnLock(lock.replace("version: 4", "version: 6"), {
    path: "yarn.lock",
    load: (p) => files[p],
  });
  assert.deepEqual(edgesFrom(six, "pkg:npm/terser@5.7.2"), ["pkg:npm/acorn@8.7.0 runtime"]);
});
