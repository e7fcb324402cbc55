import assert from "node:assert/strict";
import { readBunLock } from "../../../src/inventory/javascript/bun_lock.ts";
import { loadInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { cpuStopwatch, fixture, SHARED_DIR, skipWithoutShared } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import {
  assertStaleMember,
  assertUndeclaredMember,
  assertValidSboms,
  byId,
  STALE_MEMBER_FILES,
  UNDECLARED_MEMBER_FILES,
} from "./_js_readers.ts";
import { treeContext } from "../_tree.ts";

function read(dir: string): ReturnType<typeof readBunLock> {
  const { load } = treeContext(dir, { code: "inventory.bun_lock.invalid" });
  return readBunLock(load("bun.lock")!, { path: "bun.lock", load });
}

const XLSX =
  "pkg:npm/xlsx@0.20.2?download_url=https:%2F%2Fcdn.sheetjs.com%2Fxlsx-0.20.2%2Fxlsx-0.20.2.tgz";
const NIGHTLY = "pkg:npm/nightly?download_url=https:%2F%2Fexample.com%2Fbuilds%2Flatest.tgz";
const REACT_17 = "pkg:npm/react@17.0.2?repository_url=https:%2F%2Fregistry.example.com";

Deno.test("readBunLock: workspaces, nested keys, aliases, tarballs, git, local folders, patches", async () => {
  const out = read(fixture("js", "bun", "workspace"));
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "bun-demo",
    version: "1.1.0",
    purl: "pkg:npm/bun-demo@1.1.0",
    license: "Apache-2.0",
  });
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
    "workspace:packages/ui pkg:npm/%40bun-demo/ui@0.2.0",
    "workspace:vendor/local pkg:npm/local@0.0.1",
  ]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.direct}`), [
    "pkg:jsr/%40std/path@1.0.8 runtime true", // @jsr/std__path, needed by the local folder
    "pkg:npm/is-positive?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fkevva%2Fis-positive.git%4097edff6 runtime true",
    "pkg:npm/js-tokens@4.0.0 runtime false",
    "pkg:npm/loose-envify@1.4.0 runtime false",
    `${NIGHTLY} runtime true`, // a tarball URL whose file name has no version
    "pkg:npm/object-assign@4.1.1 runtime false", // nested two levels: @bun-demo/ui/react/…
    `${REACT_17} runtime true`, // nested under the workspace @bun-demo/ui
    "pkg:npm/react@18.2.0 runtime true",
    "pkg:npm/string-width@4.2.3 runtime true", // the alias string-width-cjs
    "pkg:npm/typescript@5.4.5 dev true",
    `${XLSX} runtime true`, // version from xlsx-0.20.2.tgz
  ]);
  const c = byId(out);
  assert.deepEqual(c.get("pkg:npm/react@18.2.0")?.patches, ["patches/react@18.2.0.patch"]);
  assert.equal(
    c.get(REACT_17)?.downloadLocation,
    "https://registry.example.com/react/-/react-17.0.2.tgz",
  );
  assert.deepEqual(c.get("pkg:npm/js-tokens@4.0.0")?.hashes.map((h) => h.alg), ["sha512"]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/ui"), [
    `${REACT_17} runtime`,
    "pkg:npm/string-width@4.2.3 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, REACT_17), [
    "pkg:npm/loose-envify@1.4.0 runtime",
    "pkg:npm/object-assign@4.1.1 runtime",
  ]);
  assert.ok(edgesFrom(out, ROOT_ID).includes("workspace:vendor/local runtime"));
  await assertValidSboms(out, "bun.lock");
});

Deno.test("readBunLock: lockfileVersion 2 (Bun 1.4's new lockfiles) reads as 1", () => {
  const lock = (version: number): string =>
    `{ "lockfileVersion": ${version}, "configVersion": 1, "workspaces": { "": { "name": "app", ` +
    `"dependencies": { "ms": "^2.1.3", }, }, }, "packages": { "ms": ["ms@2.1.3", "", {}, ` +
    `"sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="], }, }`;
  const read = (version: number) =>
    readBunLock(lock(version), { path: "bun.lock", load: () => undefined });
  assert.deepEqual(read(2).components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/ms@2.1.3 runtime",
  ]);
  assert.deepEqual(read(2), read(1));
});

Deno.test("readBunLock: a package no workspace reaches is dev, with a warning", () => {
  // Bun 1.4.5's own lock with ms@2.1.3 added by hand (as a merge leaves it): `bun install
  // --frozen-lockfile` accepts it and installs is-odd and is-number, not ms.
  const lock = [
    "{",
    '  "lockfileVersion": 2,',
    '  "configVersion": 1,',
    '  "workspaces": {',
    '    "": {',
    '      "name": "bn",',
    '      "dependencies": {',
    '        "is-odd": "3.0.1",',
    "      },",
    "    },",
    "  },",
    '  "packages": {',
    '    "is-number": ["is-number@6.0.0", "", {}, "sha512-Wu1VHeILBK8KAWJUAiSZQX94GmOE45Rg6/538fKwiloUu21KncEkYGPqob2oSZ5mUT73vLGrHQjKw3KMPwfDzg=="],',
    "",
    '    "is-odd": ["is-odd@3.0.1", "", { "dependencies": { "is-number": "^6.0.0" } }, "sha512-CQpnWPrDwmP1+SMHXZhtLtJv90yiyVfluGsX5iNCVkrhQtU3TQHsUWPG9wkdk9Lgd5yNpAg9jQEo90CBaXgWMA=="],',
    "",
    '    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],',
    "  }",
    "}",
  ].join("\n");
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/is-number@6.0.0 runtime",
    "pkg:npm/is-odd@3.0.1 runtime",
    "pkg:npm/ms@2.1.3 dev",
  ]);
  assert.deepEqual(out.warnings, [
    "bun.lock locks ms@2.1.3, which no workspace reaches (a lock edited by hand or merged; Bun " +
    "installs only what the workspaces reach, not it): the SBOM keeps it as the lock does, dev",
  ]);
});

Deno.test("readBunLock: a tarball in the tree is versioned from its name, with no download_url", () => {
  const lock = `{ "lockfileVersion": 1, "workspaces": { "": { "name": "app", "dependencies": ` +
    `{ "x": "file:vendor/x-1.0.0.tgz", "y": "vendor/y-2.0.0.tgz" } } }, "packages": { ` +
    `"x": ["x@file:vendor/x-1.0.0.tgz", {}], "y": ["y@vendor/y-2.0.0.tgz", {}] } }`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.downloadLocation}`), [
    "pkg:npm/x@1.0.0?file_name=x-1.0.0.tgz undefined",
    "pkg:npm/y@2.0.0?file_name=y-2.0.0.tgz undefined",
  ]);
});

Deno.test("readBunLock: a tarball's integrity is its hash, a git entry's the one after its commit; a packed scoped tarball is versioned", () => {
  // Bun writes [ident, info, integrity] for a local or remote tarball and [ident, info, commit,
  // integrity] for git (oven-sh/bun test/cli/install tarball-integrity); npm pack names a scoped
  // package's tarball scope-name-<version>.tgz.
  const sha =
    "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/" +
    "tXtF3WRTlA==";
  const lock = `{ "lockfileVersion": 2, "configVersion": 1, "workspaces": { "": { "name": "app", ` +
    `"dependencies": { "@pikit/core": "file:vendor/pikit-core-0.0.0-abcdef1234.tgz", ` +
    `"nightly": "https://example.com/builds/nightly-1.2.0.tgz", "slug": "github:acme/slug" } } }, ` +
    `"packages": { ` +
    `"@pikit/core": ["@pikit/core@vendor/pikit-core-0.0.0-abcdef1234.tgz", {}, "${sha}"], ` +
    `"nightly": ["nightly@https://example.com/builds/nightly-1.2.0.tgz", {}, "${sha}"], ` +
    `"slug": ["slug@github:acme/slug#de5d975", {}, "acme-slug-de5d975", "${sha}"] } }`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.hashes.map((h) => h.alg)}`), [
    "pkg:npm/%40pikit/core@0.0.0-abcdef1234?file_name=pikit-core-0.0.0-abcdef1234.tgz sha512", // was no version and no hash
    "pkg:npm/nightly@1.2.0?download_url=https:%2F%2Fexample.com%2Fbuilds%2Fnightly-1.2.0.tgz sha512",
    "pkg:npm/slug?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fslug.git%40de5d975 sha512",
  ]);
});

Deno.test("readBunLock: lockfileVersion 3 (Bun 1.4.5 for a nested override) is read, its nested keys as before", () => {
  // As Bun 1.4.5 writes `"overrides": { "body-parser": { "debug": "2.6.8" } }` (was exit 2):
  // body-parser takes the hoisted debug@2.6.8, express its own debug@2.6.9.
  const lock = `{
  "lockfileVersion": 3,
  "configVersion": 1,
  "workspaces": {
    "": {
      "name": "x",
      "dependencies": {
        "body-parser": "1.20.2",
        "express": "4.19.2",
      },
    },
  },
  "overrides": {
    "body-parser": {
      "debug": "2.6.8",
    },
  },
  "packages": {
    "body-parser": ["body-parser@1.20.2", "", { "dependencies": { "debug": "2.6.9" } }, "sha512-ml9pReCu3M61kGlqoTm2umSXTlRTuGTx0bfYj+uIUKKYycG5NtSbeetV3faSU6R7ajOPw0g/J1PvK4qNy7s5bA=="],

    "debug": ["debug@2.6.8", "", { "dependencies": { "ms": "2.0.0" } }, "sha512-E22fsyWPt/lr4/UgQLt/pXqerGMDsanhbnmqIS3VAXuDi1v3IpiwXe2oncEIondHSBuPDWRoK/pMjlvi8FuOXQ=="],

    "express": ["express@4.19.2", "", { "dependencies": { "body-parser": "1.20.2", "debug": "2.6.9" } }, "sha512-5T6nhjsT+EOMzuck8JjBHARTHfMht0POzlA60WV2pMD3gyXw2LZnZ+ueGdNxG+0calOJcWKbpFcuzLZ91YWq9Q=="],

    "ms": ["ms@2.0.0", "", {}, "sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A=="],

    "express/debug": ["debug@2.6.9", "", { "dependencies": { "ms": "2.0.0" } }, "sha512-bC7ElrdJaJnPbAP+1EotYvqZsb3ecl5wi6Bfi6BJTUcNowp6cvspg0jXznRTKDjm/E7AdgFBVeAPVMNcKGsHMA=="],
  }
}
`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id).sort(), [
    "pkg:npm/body-parser@1.20.2",
    "pkg:npm/debug@2.6.8",
    "pkg:npm/debug@2.6.9",
    "pkg:npm/express@4.19.2",
    "pkg:npm/ms@2.0.0",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/body-parser@1.20.2"), ["pkg:npm/debug@2.6.8 runtime"]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/express@4.19.2"), [
    "pkg:npm/body-parser@1.20.2 runtime",
    "pkg:npm/debug@2.6.9 runtime",
  ]);
});

Deno.test('readBunLock: the root entry of a project with no name ("@root:", Bun\'s writer) is the project, not invalid', () => {
  // A dependency that resolves to the project itself (`"self": "file:."`) makes Bun write the
  // root package as ["<name>@root:", { bin }]: with no name, "@root:" (was exit 2).
  const lock = (ident: string): string =>
    `{ "lockfileVersion": 1, "configVersion": 1, "workspaces": { "": { "dependencies": ` +
    `{ "ms": "^2.1.3", "self": "file:." } } }, "packages": { "ms": ["ms@2.1.3", "", {}, ""], ` +
    `"self": ["${ident}", { "bin": { "x": "cli.js" } }] } }`;
  const read = (ident: string) =>
    readBunLock(lock(ident), { path: "bun.lock", load: () => undefined });
  assert.deepEqual(read("@root:").components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
  assert.deepEqual(read("@root:").members, read("app@root:").members);
});

// Bad input in files (truncated, duplicate keys, wrong version, invalid UTF-8, …): the golden
// cases under fixtures/js/bun/invalid/ (tests/inventory/golden_test.ts).
Deno.test("readBunLock: a package that is not an [identifier, …] array is invalid", () => {
  const code = "inventory.bun_lock.invalid";
  assertVouchError(
    () =>
      readBunLock('{"lockfileVersion": 1, "packages": {"x": "y"}}', {
        path: "bun.lock",
        load: () => undefined,
      }),
    code,
    /^bun\.lock:1: package "x" is not an \[identifier, …\] array/,
  );
});

Deno.test("bun.lockb: unread (blocker, with the command that writes bun.lock), refused by --lockfile, superseded by bun.lock", async () => {
  const warnings: string[] = [];
  const only = await loadInventory(fixture("js", "bun", "lockb-only"), {
    onWarning: (w) => warnings.push(w),
  });
  assert.deepEqual(only.inventory.unread, ["bun.lockb"]);
  assert.deepEqual(only.blockers.map((b) => b.code), ["inventory.unread_file"]);
  assert.match(only.blockers[0].hint, /bun install --save-text-lockfile/);
  assert.match(warnings.join("\n"), /bun\.lockb is not read: .*bun install --save-text-lockfile/);
  await assert.rejects(
    () => loadInventory(fixture("js", "bun", "lockb-only"), { lockfiles: ["bun.lockb"] }),
    (error: Error & { code?: string; hint?: string }) =>
      error.code === "inventory.bun_lockb.binary" &&
      /^--lockfile bun\.lockb: vouch has no reader for Bun \(binary lockfile\) lockfiles$/
        .test(error.message) &&
      /bun install --save-text-lockfile/.test(error.hint ?? ""),
  );
  warnings.length = 0;
  const both = await loadInventory(fixture("js", "bun", "lockb-and-text"), {
    onWarning: (w) => warnings.push(w),
  });
  assert.deepEqual(both.blockers, []);
  assert.deepEqual(both.inventory.unread, []);
  assert.deepEqual(both.inventory.sources, ["bun.lock"]);
  assert.ok(both.inventory.components.length > 0);
  assert.deepEqual(warnings, [
    "bun.lockb is not read: bun.lock beside it says the same and is read instead",
  ]);
});

// Corpus count established without vouch: Python strips the trailing commas of bun.lock
// (re.sub(r',(\s*[}\]])', r'\1', text)), json-loads it and collects the identifiers (first array
// item) of the 2,820 `packages` entries, leaving out workspace:/link:/root: and file: folders:
// 2,262 distinct name@version; 39 workspaces, one of them the root.
Deno.test("readBunLock reads the midday corpus lock whole (SBOMs: corpus_scan_test.ts)", () => {
  if (skipWithoutShared("the bun corpus lock")) return;
  const out = read(`${SHARED_DIR}/corpus/midday-ai__midday`);
  assertWellFormed(out);
  assert.equal(out.components.length, 2262);
  assert.equal(out.members.length, 38);
  const ids = new Set(out.components.map((c) => c.id));
  for (
    const purl of [
      XLSX,
      "pkg:npm/string-width@4.2.3",
      "pkg:npm/%40ai-sdk/provider@3.0.8",
      "pkg:npm/node-xlsx@0.24.0",
    ]
  ) assert.ok(ids.has(purl), purl);
  assert.ok(!out.components.some((c) => c.name.startsWith("@midday/")));
});

Deno.test("readBunLock: a tarball URL of a registry names the package as the registry does", () => {
  // `bun add https://registry.npmjs.org/chalk/-/chalk-4.1.2.tgz`: the registry's own chalk 4.1.2.
  const lock = `{
    "lockfileVersion": 1,
    "workspaces": { "": { "name": "app", "dependencies": {
      "chalk": "https://registry.npmjs.org/chalk/-/chalk-4.1.2.tgz",
      "lodash": "https://npm.example.com/lodash/-/lodash-4.17.21.tgz",
      "xlsx": "https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz",
    } } },
    "packages": {
      "chalk": ["chalk@https://registry.npmjs.org/chalk/-/chalk-4.1.2.tgz", {}],
      "lodash": ["lodash@https://npm.example.com/lodash/-/lodash-4.17.21.tgz", {}],
      "xlsx": ["xlsx@https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz", {}],
    }
  }`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assert.deepEqual(out.components.map((c) => [c.id, c.downloadLocation]), [
    ["pkg:npm/chalk@4.1.2", "https://registry.npmjs.org/chalk/-/chalk-4.1.2.tgz"],
    [
      "pkg:npm/lodash@4.17.21?repository_url=https:%2F%2Fnpm.example.com",
      "https://npm.example.com/lodash/-/lodash-4.17.21.tgz",
    ],
    [XLSX, "https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz"],
  ]);
});

Deno.test("readBunLock: a file:/link: folder outside the project is a third-party component, one inside a member", () => {
  const lock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": { "shared-ui": "file:../../shared-ui", "tools": "file:./tools" },
      "devDependencies": { "scratch": "link:scratch" },
    },
  },
  "packages": {
    "scratch": ["scratch@link:../../scratch", {}],
    "shared-ui": ["shared-ui@file:../../shared-ui", { "dependencies": { "ms": "^2.1.3" } }],
    "tools": ["tools@file:tools", {}],
    "ms": ["ms@2.1.3", "", {}, "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="],
  }
}`;
  const out = readBunLock(lock, { path: "app/bun.lock", load: () => undefined });
  assertWellFormed(out);
  // The lock is a separate project in app/: its own member, which the root depends on.
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:app", "workspace:app/tools"]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["workspace:app runtime"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/scratch dev",
    "pkg:npm/shared-ui runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/shared-ui"), ["pkg:npm/ms@2.1.3 runtime"]);
});

Deno.test("readBunLock: a link: package is Bun's global link, a third-party component, never a member", () => {
  // `bun link my-lib` saves `"my-lib": "link:my-lib"`, locked as `my-lib@link:my-lib`; Bun
  // installs it from its global link folder (PackageManager.globalLinkDirPath), not from
  // ./my-lib. Was: a first-party member workspace:my-lib, a folder the project does not have.
  const lock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "app", "dependencies": { "my-lib": "link:my-lib", "ms": "^2.1.3" } },
  },
  "packages": {
    "my-lib": ["my-lib@link:my-lib", {}],
    "ms": ["ms@2.1.3", "", {}, "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="],
  }
}`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.members, []);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/my-lib runtime",
  ]);
  // Nor is ./my-lib a folder the lock links: a package.json there is no member of it (was:
  // linkedFolders ["my-lib"], which left such a manifest unresolved as a linked folder's).
  assert.deepEqual(out.linkedFolders, undefined);
});

Deno.test("readBunLock: a link: path is that folder of the tree, a member whose dependencies Bun does not install", () => {
  // Bun 1.4.5's lock of a workspace declaring `"tool": "link:../../libs/tool"`: the path is
  // written from the lock's folder, and Bun symlinks node_modules/tool to libs/tool, installing
  // none of its dependencies. Was: a version-less pkg:npm/tool beside the member.
  const lock = `{
  "lockfileVersion": 2,
  "configVersion": 1,
  "workspaces": {
    "": {
      "name": "bnws-root",
      "dependencies": {
        "ms": "2.1.3",
      },
    },
    "packages/m": {
      "name": "m",
      "version": "0.1.0",
      "dependencies": {
        "tool": "link:../../libs/tool",
      },
    },
  },
  "packages": {
    "m": ["m@workspace:packages/m"],

    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],

    "tool": ["tool@link:./libs/tool", {}],
  }
}`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:libs/tool", "workspace:packages/m"]);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/m"), ["workspace:libs/tool runtime"]);
  assert.deepEqual(out.linkedFolders, ["libs/tool"]);
  assert.deepEqual(out.memberFolders, ["packages/m"]);
});

Deno.test("readBunLock: what a workspace's package.json declares and the lock lacks is a warning", () => {
  // A bun.lock older than the package.json (`bun install --frozen-lockfile` refuses it): the
  // new declaration is not in the SBOM, and the reader says so (was: dropped silently).
  const lock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "app", "dependencies": { "ms": "^2.1.3" } },
    "packages/a": { "name": "a", "devDependencies": { "ms": "^2.1.3" } },
  },
  "packages": {
    "a": ["a@workspace:packages/a"],
    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],
  }
}`;
  const out = readBunLock(lock, { path: "bun.lock", load: (p) => STALE_MEMBER_FILES[p] });
  assertWellFormed(out);
  assertStaleMember(out, "bun.lock", "bun install");
  // What the lock records and the package.json no longer declares: a warning too (was: silent).
  assertUndeclaredMember(
    readBunLock(lock, { path: "bun.lock", load: (p) => UNDECLARED_MEMBER_FILES[p] }),
    "bun.lock",
    { install: "bun install", frozen: "bun install --frozen-lockfile" },
  );
});

// As the npm, pnpm and Yarn readers: a release that bumped packages/a to 1.1.0 without
// `bun install` was still a@1.0.0 in the SBOM, named by the lock's record of the workspace.
Deno.test("readBunLock: a workspace member is named by its own package.json, else by the lock", () => {
  const lock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "app" },
    "packages/a": { "name": "a", "version": "1.0.0" },
    "packages/b": { "name": "b", "version": "2.0.0" },
  },
  "packages": {
    "a": ["a@workspace:packages/a"],
    "b": ["b@workspace:packages/b"],
  }
}`;
  const files: Record<string, string> = {
    "package.json": '{ "name": "app", "workspaces": ["packages/*"] }',
    "packages/a/package.json": '{ "name": "a", "version": "1.1.0" }',
  };
  const out = readBunLock(lock, { path: "bun.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
    "workspace:packages/a pkg:npm/a@1.1.0",
    "workspace:packages/b pkg:npm/b@2.0.0",
  ]);
});

Deno.test("readBunLock: a workspace's peer that it also declares as a dev dependency is runtime", () => {
  // The "peer + dev" pattern, as Bun 1.4.5 locks it. Bun keeps the peer as a dependency of its
  // own beside the dev one (install/lockfile/Package.zig: peers are not checked for duplicates)
  // and `Behavior.isEnabled` installs a peer under --production: `bun install --production
  // --frozen-lockfile` installs react 17.0.2 and what it needs. Was: the peer was dropped, so
  // react was dev (excluded) though a production install has it.
  const lock = `{
  "lockfileVersion": 2,
  "configVersion": 1,
  "workspaces": {
    "": {
      "name": "lib",
      "dependencies": {
        "ms": "^2.1.3",
      },
      "devDependencies": {
        "react": "^17.0.2",
      },
      "peerDependencies": {
        "react": ">=17",
      },
    },
  },
  "packages": {
    "js-tokens": ["js-tokens@4.0.0", "", {}, "sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ=="],

    "loose-envify": ["loose-envify@1.4.0", "", { "dependencies": { "js-tokens": "^3.0.0 || ^4.0.0" }, "bin": { "loose-envify": "cli.js" } }, "sha512-lyuxPGr/Wfhrlem2CL/UcnUc1zcqKAImBDzukY7Y5F/yQiNdko6+fRLevlw1HgMySw7f611UIY408EtxRSoK3Q=="],

    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],

    "object-assign": ["object-assign@4.1.1", "", {}, "sha512-rJgTQnkUnH1sFw8yT6VSU3zD3sWmu6sZhIseY8VX+GRu3P6F7Fu+JNDoXfklElbLJSnc3FUQHVe4cU5hj+BcUg=="],

    "react": ["react@17.0.2", "", { "dependencies": { "loose-envify": "^1.1.0", "object-assign": "^4.1.1" } }, "sha512-gnhPt75i/dq/z3/6q/0asP78D0u592D5L1pd7M8P+dck6Fu/jJeL6iVVK23fptSUZj8Vjf++7wXA8UNclGQcbA=="],
  }
}`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/react@17.0.2 dev",
    "pkg:npm/react@17.0.2 runtime",
  ]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/js-tokens@4.0.0 runtime",
    "pkg:npm/loose-envify@1.4.0 runtime",
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/object-assign@4.1.1 runtime",
    "pkg:npm/react@17.0.2 runtime",
  ]);
});

Deno.test("readBunLock: a workspace's optional peer that it also declares as a dev dependency is dev", () => {
  // As Bun 1.4.5 locks it: `bun install --production --frozen-lockfile` installs no react here
  // (an optional peer is installed for no one), so react stays dev.
  const lock = `{
  "lockfileVersion": 2,
  "configVersion": 1,
  "workspaces": {
    "": {
      "name": "lib",
      "devDependencies": {
        "react": "^17.0.2",
      },
      "peerDependencies": {
        "react": ">=17",
      },
      "optionalPeers": [
        "react",
      ],
    },
  },
  "packages": {
    "js-tokens": ["js-tokens@4.0.0", "", {}, "sha512-RdJUflcE3cUzKiMqQgsCu06FPu9UdIJO0beYbPhHN4k6apgJtifcoCtT9bcxOpYBtpD2kCM6Sbzg4CausW/PKQ=="],

    "loose-envify": ["loose-envify@1.4.0", "", { "dependencies": { "js-tokens": "^3.0.0 || ^4.0.0" }, "bin": { "loose-envify": "cli.js" } }, "sha512-lyuxPGr/Wfhrlem2CL/UcnUc1zcqKAImBDzukY7Y5F/yQiNdko6+fRLevlw1HgMySw7f611UIY408EtxRSoK3Q=="],

    "object-assign": ["object-assign@4.1.1", "", {}, "sha512-rJgTQnkUnH1sFw8yT6VSU3zD3sWmu6sZhIseY8VX+GRu3P6F7Fu+JNDoXfklElbLJSnc3FUQHVe4cU5hj+BcUg=="],

    "react": ["react@17.0.2", "", { "dependencies": { "loose-envify": "^1.1.0", "object-assign": "^4.1.1" } }, "sha512-gnhPt75i/dq/z3/6q/0asP78D0u592D5L1pd7M8P+dck6Fu/jJeL6iVVK23fptSUZj8Vjf++7wXA8UNclGQcbA=="],
  }
}`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:npm/react@17.0.2 dev"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/js-tokens@4.0.0 dev",
    "pkg:npm/loose-envify@1.4.0 dev",
    "pkg:npm/object-assign@4.1.1 dev",
    "pkg:npm/react@17.0.2 dev",
  ]);
});

Deno.test("readBunLock: a private root named as a bare scope is the project, with no purl (sst/opentui layout)", () => {
  // sst/opentui's root package.json is named "@opentui": no npm package name (a scope with no
  // name after it), but the root is private and never published. Was: the whole scan failed
  // with inventory.bun_lock.invalid ("@opentui" is no npm package name), exit 2.
  const lock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "@opentui", "devDependencies": { "ms": "^2.1.3" } },
    "packages/core": { "name": "@opentui/core", "version": "0.1.92" },
  },
  "packages": {
    "@opentui/core": ["@opentui/core@workspace:packages/core"],
    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],
  }
}`;
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "@opentui",
      private: true,
      workspaces: ["packages/*"],
      devDependencies: { ms: "^2.1.3" },
    }),
    "packages/core/package.json": JSON.stringify({ name: "@opentui/core", version: "0.1.92" }),
  };
  const out = readBunLock(lock, { path: "bun.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.project, { name: "@opentui" });
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
    "workspace:packages/core pkg:npm/%40opentui/core@0.1.92",
  ]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), ["pkg:npm/ms@2.1.3 dev"]);
});

Deno.test("readBunLock: a workspace's optional dependencies the lock leaves out are one warning (sst/opentui)", () => {
  // sst/opentui's packages/core declares its own platform builds (@opentui/core-darwin-arm64
  // 0.1.92, …) as optional dependencies: they are published with the release, so Bun resolves
  // none of them and leaves them out of the lock. They are not in the SBOM, and the reader says
  // so once (was: dropped silently); an optional peer nobody installs is no such case.
  const lock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "@opentui", "devDependencies": { "ms": "^2.1.3" } },
    "packages/core": {
      "name": "@opentui/core",
      "version": "0.1.92",
      "optionalDependencies": {
        "@opentui/core-darwin-arm64": "0.1.92",
        "@opentui/core-linux-x64": "0.1.92",
        "ms": "^2.1.3",
      },
      "peerDependencies": { "ws": "^8.18.0" },
      "optionalPeers": ["ws"],
    },
  },
  "packages": {
    "@opentui/core": ["@opentui/core@workspace:packages/core"],
    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],
  }
}`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/ms@2.1.3 dev,optional",
  ]);
  assert.deepEqual(out.warnings, [
    "packages/core/package.json declares optional @opentui/core-darwin-arm64@0.1.92, " +
    "@opentui/core-linux-x64@0.1.92, which bun.lock does not lock: they are not in the SBOM " +
    "(`bun install` leaves out an optional dependency it cannot resolve)",
  ]);
});

Deno.test("readBunLock: a package's optional dependency the lock leaves out is a warning naming it", () => {
  // chokidar's fsevents, cut off the end of the lock (or one Bun could not resolve): Bun reads
  // the lock without it (bun.lock.zig passes over an optional dependency with no entry up the
  // package's path). Was: dropped silently; its non-optional readdirp would be refused.
  const lock = `{
  "lockfileVersion": 1,
  "workspaces": { "": { "name": "app", "dependencies": { "chokidar": "^3.6.0" } } },
  "packages": {
    "chokidar": ["chokidar@3.6.0", "", { "dependencies": { "readdirp": "~3.6.0" }, "optionalDependencies": { "fsevents": "~2.3.2" } }, "sha512-7VT13fmjotKpGipCW9JEQAusEPE+Ei8nl6/g4FBAmIm0GOOLMua9NDDo/DWp0ZAxCr3cPq5ZpBqmPAQgDda2Pw=="],
    "readdirp": ["readdirp@3.6.0", "", {}, "sha512-hOS089on8RduqdbhvQ5Z37A0ESjsqz6qnRcffsMU3495FuTdqSm+7bhJ29JvIOsBDEEnan5DPu9t3To9VRlMzA=="],
  }
}`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/chokidar@3.6.0",
    "pkg:npm/readdirp@3.6.0",
  ]);
  assert.deepEqual(out.warnings, [
    "bun.lock: chokidar → fsevents@~2.3.2: the lock has no entry for this optional dependency " +
    "(Bun installs a package without one it could not resolve; a lock cut short loses some " +
    "too): not in the SBOM; run `bun install` to update the lock if it is cut short",
  ]);
});

// A lockfile is untrusted: `(?:[?#].*)?$` retried every `.tgz?` of an identifier holding a line
// break up to the line's end, so the time grew with the square of its size (300 KB: over 20 s).
Deno.test("readBunLock: an identifier of many `.tgz?` and a line break takes linear time", () => {
  const ident = `a@${".tgz?".repeat(60_000)}\n`;
  const lock = JSON.stringify({
    lockfileVersion: 1,
    workspaces: { "": { name: "x", dependencies: { a: "1" } } },
    packages: {
      a: [
        ident,
        {},
        "sha512-pKvURIxJVi2CgRXROh/M6pJ/UrTVRZKX+LQ+QtqJI4vBNibkPcs43bCCSIkn7JBPtCBXRDmD6IWFF51QVRr+Yg==",
      ],
    },
  });
  const elapsed = cpuStopwatch();
  readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assert.ok(elapsed() < 4_000);
});

/**
 * A workspace app with react 18 and styled-components (peer react), react 17 a dev dependency of
 * the root (the shape of a lock Bun 1.4.5 writes; `react-dom` is at the top for the hoisted
 * layout, where styled-components finds its peers there).
 */
const PEERS_LOCK = `{
  "lockfileVersion": 2,
  "configVersion": 1,
  "workspaces": {
    "": {
      "name": "shop",
      "devDependencies": {
        "react": "17.0.2",
      },
    },
    "packages/app": {
      "name": "app",
      "version": "1.0.0",
      "dependencies": {
        "react": "^18.2.0",
        "react-dom": "^18.2.0",
        "styled-components": "^5.3.11",
      },
    },
  },
  "packages": {
    "app": ["app@workspace:packages/app"],

    "loose-envify": ["loose-envify@1.4.0", "", {}, "sha512-lyuxPGr/Wfhrlem2CL/UcnUc1zcqKAImBDzukY7Y5F/yQiNdko6+fRLevlw1HgMySw7f611UIY408EtxRSoK3Q=="],

    "object-assign": ["object-assign@4.1.1", "", {}, "sha512-rJgTQnkUnH1sFw8yT6VSU3zD3sWmu6sZhIseY8VX+GRu3P6F7Fu+JNDoXfklElbLJSnc3FUQHVe4cU5hj+BcUg=="],

    "react": ["react@17.0.2", "", { "dependencies": { "loose-envify": "^1.1.0", "object-assign": "^4.1.1" } }, "sha512-gnhPt75i/dq/z3/6q/0asP78D0u592D5L1pd7M8P+dck6Fu/jJeL6iVVK23fptSUZj8Vjf++7wXA8UNclGQcbA=="],

    "react-dom": ["react-dom@18.3.1", "", { "dependencies": { "loose-envify": "^1.1.0" }, "peerDependencies": { "react": "^18.3.1" } }, "sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw=="],

    "styled-components": ["styled-components@5.3.11", "", { "peerDependencies": { "react": ">= 16.8.0", "react-dom": ">= 16.8.0" } }, "sha512-uuzIIfnVkagcVHv9nE0VPlHPSCmXIUGKfJ42LNjxCCTDTL5sgnJ8Z7GZBq0EnLYGln77tPpEpExt2+qa+cZqSw=="],

    "app/react": ["react@18.3.1", "", { "dependencies": { "loose-envify": "^1.1.0" } }, "sha512-wS+hAgJShR0KhEvPJArfuPVN1+Hz1t0Y6n5jLrGQbkb4urgPE/0Rve+1kMB1v/oWgHgm4WIcV+i7F2pTVj+2iQ=="],

    "app/react-dom": ["react-dom@18.3.1", "", { "dependencies": { "loose-envify": "^1.1.0" }, "peerDependencies": { "react": "^18.3.1" } }, "sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw=="],
  }
}`;

function readPeers(lock: string, bunfig?: string): ReturnType<typeof readBunLock> {
  const out = readBunLock(lock, {
    path: "bun.lock",
    load: (file) => file === "bunfig.toml" ? bunfig : undefined,
  });
  assertWellFormed(out);
  return out;
}

// Bun 1.3.2+ links a workspace project whose lock has `configVersion` 1 with its isolated
// linker: styled-components gets react 18 from app, as a real `bun install` (1.4.5) links it in
// node_modules/.bun; react 17 stays the root's dev dependency.
Deno.test("readBunLock: an isolated install links a peer to what the workspace above provides", () => {
  const out = readPeers(PEERS_LOCK);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/loose-envify@1.4.0 runtime",
    "pkg:npm/object-assign@4.1.1 dev",
    "pkg:npm/react-dom@18.3.1 runtime",
    "pkg:npm/react@17.0.2 dev",
    "pkg:npm/react@18.3.1 runtime",
    "pkg:npm/styled-components@5.3.11 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/styled-components@5.3.11"), [
    "pkg:npm/react-dom@18.3.1 runtime",
    "pkg:npm/react@18.3.1 runtime",
  ]);
  // The top-level react-dom is for the hoisted layout: isolated, nothing links it to react 17.
  assert.deepEqual(edgesFrom(out, "pkg:npm/react-dom@18.3.1"), [
    "pkg:npm/loose-envify@1.4.0 runtime",
    "pkg:npm/react@18.3.1 runtime",
  ]);
  // A second workspace with react 17 gets styled-components linked to it there.
  const legacy = readPeers(
    PEERS_LOCK.replace(
      `"packages/app": {`,
      `"packages/old": {
      "name": "old",
      "dependencies": {
        "react": "17.0.2",
        "styled-components": "^5.3.11",
      },
    },
    "packages/app": {`,
    ),
  );
  assert.deepEqual(edgesFrom(legacy, "pkg:npm/styled-components@5.3.11"), [
    "pkg:npm/react-dom@18.3.1 runtime",
    "pkg:npm/react@17.0.2 runtime",
    "pkg:npm/react@18.3.1 runtime",
  ]);
  assert.deepEqual(
    legacy.components.filter((c) => c.name === "react").map((c) => `${c.id} ${c.scopes}`),
    ["pkg:npm/react@17.0.2 runtime", "pkg:npm/react@18.3.1 runtime"],
  );
});

// The hoisted linker (a lock from before Bun 1.3.2, `configVersion` 0, or bunfig.toml's
// `linker = "hoisted"`) installs styled-components at the top, where it finds react 17.
Deno.test("readBunLock: a hoisted install links a peer where the lock's keys nest", () => {
  for (
    const out of [
      readPeers(PEERS_LOCK.replace(`"configVersion": 1`, `"configVersion": 0`)),
      readPeers(PEERS_LOCK, `[install]\nlinker = "hoisted"\n`),
    ]
  ) {
    assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
      "pkg:npm/loose-envify@1.4.0 runtime",
      "pkg:npm/object-assign@4.1.1 runtime",
      "pkg:npm/react-dom@18.3.1 runtime",
      "pkg:npm/react@17.0.2 runtime",
      "pkg:npm/react@18.3.1 runtime",
      "pkg:npm/styled-components@5.3.11 runtime",
    ]);
    assert.deepEqual(edgesFrom(out, "pkg:npm/styled-components@5.3.11"), [
      "pkg:npm/react-dom@18.3.1 runtime",
      "pkg:npm/react@17.0.2 runtime",
    ]);
  }
  // And bunfig.toml's `linker = "isolated"` makes an older lock's install isolated.
  const isolated = readPeers(
    PEERS_LOCK.replace(`"configVersion": 1`, `"configVersion": 0`),
    `[install]\nlinker = "isolated"\n`,
  );
  assert.deepEqual(edgesFrom(isolated, "pkg:npm/styled-components@5.3.11"), [
    "pkg:npm/react-dom@18.3.1 runtime",
    "pkg:npm/react@18.3.1 runtime",
  ]);
});

Deno.test("readBunLock: a lock whose isolated install would explode is read hoisted, with a warning", () => {
  // Each of n levels depends on the next through y and z, which provide the last level's peer
  // q<i> at two versions: Bun's isolated linker would make 2^n copies of it (was a hang).
  const sha =
    "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/" +
    "tXtF3WRTlA==";
  const lock = (n: number): string => {
    const packages: Record<string, unknown[]> = {
      w: ["w@workspace:packages/w"],
      [`x${n}`]: [`x${n}@1.0.0`, "", {
        peerDependencies: Object.fromEntries(Array.from({ length: n }, (_, i) => [`q${i}`, "*"])),
      }, sha],
    };
    for (let i = 0; i < n; i++) {
      packages[`x${i}`] = [`x${i}@1.0.0`, "", {
        dependencies: { [`y${i}`]: "1.0.0", [`z${i}`]: "1.0.0" },
      }, sha];
      for (const [via, version] of [["y", "1.0.0"], ["z", "2.0.0"]]) {
        packages[`${via}${i}`] = [`${via}${i}@1.0.0`, "", {
          dependencies: { [`x${i + 1}`]: "1.0.0", [`q${i}`]: version },
        }, sha];
      }
      packages[`q${i}`] = [`q${i}@1.0.0`, "", {}, sha];
      packages[`z${i}/q${i}`] = [`q${i}@2.0.0`, "", {}, sha];
    }
    return JSON.stringify({
      lockfileVersion: 1,
      configVersion: 1,
      workspaces: {
        "": { name: "app", dependencies: { x0: "1.0.0" } },
        "packages/w": { name: "w" },
      },
      packages,
    });
  };
  const read = (n: number) => readBunLock(lock(n), { path: "bun.lock", load: () => undefined });
  // Six levels are linked as Bun would (64 copies of x6), without a warning.
  assert.equal(read(6).warnings, undefined);
  const elapsed = cpuStopwatch();
  const out = read(40);
  assert.ok(elapsed() < 5_000, `${elapsed()} ms of CPU`);
  assert.equal(out.components.length, 40 * 5 + 1);
  assert.equal(out.warnings?.length, 1);
  assert.match(out.warnings![0], /^bun\.lock: Bun's isolated linker would install .* hoisted/);
});

Deno.test("readBunLock: a file: link to the tree's root from a nested project's lock is the project, not a member of its own", () => {
  // example/ installs the library it shows from the repository's root (`"lib": "file:.."`).
  // Was: a second member `workspace:` for the root, the example's edge to the project lost.
  const lock = `{
  "lockfileVersion": 1,
  "workspaces": {
    "": { "name": "example", "dependencies": { "lib": "file:..", "ms": "^2.1.3" } },
  },
  "packages": {
    "lib": ["lib@file:..", {}],
    "ms": ["ms@2.1.3", "", {}, "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="],
  }
}`;
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "lib", version: "1.0.0" }),
  };
  const out = readBunLock(lock, { path: "example/bun.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:example"]);
  assert.deepEqual(edgesFrom(out, "workspace:example"), [
    "pkg:npm/ms@2.1.3 runtime",
    `${ROOT_ID} runtime`,
  ]);
});

Deno.test("readBunLock: a bundled dependency and what only it reaches are not installed", () => {
  // Bun 1.4.5's lock of a project installing a package that bundles debug (its tarball ships
  // debug 4.3.4 and ms 2.1.2): Bun records what the registry gives for them, `"bundled": true`
  // on debug, and installs only bundle-demo and ms@2.0.0 ("2 packages installed").
  // Was: debug@4.4.3 and ms@2.1.3 components, with hashes of tarballs nothing fetches.
  const lock = `{
  "lockfileVersion": 2,
  "configVersion": 1,
  "workspaces": {
    "": {
      "name": "app",
      "dependencies": {
        "bundle-demo": "./bundle-demo-1.0.0.tgz",
        "ms": "2.0.0",
      },
    },
  },
  "packages": {
    "bundle-demo": ["bundle-demo@./bundle-demo-1.0.0.tgz", { "dependencies": { "debug": "^4.3.0" } }, "sha512-CGrStrooiiFwuPYDzxE78AOK6UAj4f7Tk2wP7RgUik4X3IzVryZ96BFLNDMpXkbuVT2e+JwwWVnR7NqkDkfJ4w=="],

    "ms": ["ms@2.0.0", "", {}, "sha512-Tpp60P6IUJDTuOq/5Z8cdskzJujfwqfOTkrwIwj7IRISpnkJnT6SyJ4PCPnGMoFjC9ddhal5KVIYtAt97ix05A=="],

    "bundle-demo/debug": ["debug@4.4.3", "", { "dependencies": { "ms": "^2.1.3" }, "peerDependencies": { "supports-color": "*" }, "optionalPeers": ["supports-color"], "bundled": true }, "sha512-RGwwWnwQvkVfavKVt22FGLw+xYSdzARwm0ru6DhTVA3umU5hZc28V3kO4stgYryrTlLpuvgI9GiijltAjNbcqA=="],

    "bundle-demo/ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],
  }
}
`;
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      version: "1.0.0",
      dependencies: { "bundle-demo": "./bundle-demo-1.0.0.tgz", ms: "2.0.0" },
    }),
  };
  const out = readBunLock(lock, { path: "bun.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.direct}`), [
    "pkg:npm/bundle-demo@1.0.0?file_name=bundle-demo-1.0.0.tgz runtime true",
    "pkg:npm/ms@2.0.0 runtime true",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/bundle-demo@1.0.0?file_name=bundle-demo-1.0.0.tgz"), []);
  assert.equal(out.warnings, undefined);
  // Not silently: the package names what its tarball bundles, without versions.
  assert.deepEqual(out.components.map((c) => c.bundled ?? "-"), [["debug"], "-"]);
});

/** The warning for the probe's `outside` package, the folder `../outside` beside the project. */
function outsideWarning(lock: string): string {
  return `${lock}: outside is the local folder ../outside, outside the scanned tree: vouch did ` +
    "not scan its code or read its package.json, and the SBOM has it only as the lock records " +
    "it (no hashes; the registry package of that name is another); scan a folder that holds " +
    "both to include it";
}

Deno.test("readBunLock: a file: folder outside the project is a component, with a warning naming it", () => {
  // `bun install` (Bun 1.4.5) of `"outside": "file:../outside"`. Was: pkg:npm/outside and no
  // word that the folder's code went unscanned.
  const lock = [
    "{",
    '  "lockfileVersion": 2,',
    '  "configVersion": 1,',
    '  "workspaces": {',
    '    "": {',
    '      "name": "app-bun",',
    '      "dependencies": {',
    '        "outside": "file:../outside",',
    "      },",
    "    },",
    "  },",
    '  "packages": {',
    '    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],',
    "",
    '    "outside": ["outside@file:../outside", { "dependencies": { "ms": "2.1.3" } }],',
    "  }",
    "}",
  ].join("\n");
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assert.ok(out.components.some((c) => c.id === "pkg:npm/outside"));
  assert.deepEqual(out.warnings, [outsideWarning("bun.lock")]);
});

Deno.test("readBunLock: a git dependency written scp-style is its ssh:// URL", () => {
  // `"e": "git@git.acme.dev:g/e.git"`: Bun locks it `git+ssh://` + the scp-like location
  // (repository.zig's Formatter writes `ssh://` before an scp-like repo). Was:
  // vcs_url `git+ssh://git@git.acme.dev:g/e.git@…`, a host with a colon and no port: no URL.
  const lock = `{ "lockfileVersion": 1, "workspaces": { "": { "name": "app", ` +
    `"dependencies": { "e": "git@git.acme.dev:g/e.git" } } }, "packages": { ` +
    `"e": ["e@git+ssh://git@git.acme.dev:g/e.git#0123456789abcdef0123456789abcdef01234567", ` +
    `{}, "0123456789abcdef0123456789abcdef01234567"] } }`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/e?vcs_url=git%2Bssh:%2F%2Fgit%40git.acme.dev%2Fg%2Fe.git%400123456789abcdef0123456789abcdef01234567",
  ]);
});

Deno.test("readBunLock: a dependency resolves to the nearest key it nests under, a scoped one's and a middle one's too", () => {
  const entry = (key: string, ident: string, deps: Record<string, string> = {}): string =>
    `${JSON.stringify(key)}: [${JSON.stringify(ident)}, "", { "dependencies": ${
      JSON.stringify(deps)
    } }, ""],`;
  const lock = `{
    "lockfileVersion": 1,
    "workspaces": { "": { "name": "app", "dependencies": { "a": "1", "b": "1", "@s/c": "1", "e": "1" } } },
    "packages": {
      ${entry("a", "a@1.0.0", { b: "2", "@s/c": "1", e: "1" })}
      ${entry("a/b", "b@2.0.0", { d: "3", e: "1" })}
      ${entry("a/b/d", "d@3.0.0", { e: "1" })}
      ${entry("a/e", "e@2.0.0")}
      ${entry("@s/c", "@s/c@1.0.0", { d: "4", b: "1" })}
      ${entry("@s/c/d", "d@4.0.0", { b: "1" })}
      ${entry("@s/c/d/b", "b@3.0.0")}
      ${entry("b", "b@1.0.0", { d: "1" })}
      ${entry("d", "d@1.0.0")}
      ${entry("e", "e@1.0.0")}
    },
  }`;
  const out = readBunLock(lock, { path: "bun.lock", load: () => undefined });
  const edges = (id: string): string[] => edgesFrom(out, `pkg:npm/${id}`);
  assert.deepEqual(edges("a@1.0.0"), [
    "pkg:npm/%40s/c@1.0.0 runtime",
    "pkg:npm/b@2.0.0 runtime",
    "pkg:npm/e@2.0.0 runtime",
  ]);
  // a/b's e is a's (the middle key), its d its own.
  assert.deepEqual(edges("b@2.0.0"), ["pkg:npm/d@3.0.0 runtime", "pkg:npm/e@2.0.0 runtime"]);
  assert.deepEqual(edges("d@3.0.0"), ["pkg:npm/e@2.0.0 runtime"]);
  assert.deepEqual(edges("%40s/c@1.0.0"), ["pkg:npm/b@1.0.0 runtime", "pkg:npm/d@4.0.0 runtime"]);
  assert.deepEqual(edges("d@4.0.0"), ["pkg:npm/b@3.0.0 runtime"]);
  assert.deepEqual(edges("b@1.0.0"), ["pkg:npm/d@1.0.0 runtime"]);
  assert.deepEqual(out.warnings, undefined);
});
