import assert from "node:assert/strict";
import { readPackageLock } from "../../../src/inventory/javascript/package_lock.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { fixture, SHARED_DIR, skipWithoutShared } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { treeContext } from "../_tree.ts";

const read = (file: string) =>
  readPackageLock(Deno.readTextFileSync(fixture("js", file)), { path: "package-lock.json" });

const LIB = "workspace:packages/lib";
const LIB_PURL = "pkg:npm/%40demo/lib@0.2.0";
const TESTER = "pkg:npm/tester@1.0.0?repository_url=https:%2F%2Fnpm.example.com";
// `git+ssh://git@github.com/stevemao/left-pad.git#…`: GitHub's one spelling, its https remote.
const LEFT_PAD = "pkg:npm/left-pad@1.3.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fstevemao" +
  "%2Fleft-pad.git%405e5a4e3b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f";

Deno.test("readPackageLock reads a workspace lock: members, aliases, nesting, scopes", () => {
  const out = read("workspace/package-lock.json");
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "demo",
    version: "1.0.0",
    purl: "pkg:npm/demo@1.0.0",
    license: "MIT",
  });
  assert.deepEqual(out.members, [
    { id: LIB, name: "@demo/lib", version: "0.2.0", purl: LIB_PURL },
  ]);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/%40scope/util@2.1.0",
    "pkg:npm/bundled-dep@1.0.0",
    "pkg:npm/debug@2.6.9",
    "pkg:npm/debug@4.3.4",
    "pkg:npm/fsevents@2.3.3",
    LEFT_PAD,
    "pkg:npm/ms@2.0.0",
    "pkg:npm/ms@2.1.2",
    "pkg:npm/ms@2.1.3",
    "pkg:npm/strip-ansi@6.0.1",
    TESTER,
    "pkg:npm/typescript@5.4.5",
  ]);
  const byId = new Map(out.components.map((c) => [c.id, c]));
  assert.deepEqual(byId.get("pkg:npm/fsevents@2.3.3")?.scopes, ["dev", "optional"]);
  assert.deepEqual(byId.get("pkg:npm/ms@2.0.0")?.scopes, ["dev"]);
  assert.deepEqual(byId.get("pkg:npm/ms@2.1.3")?.scopes, ["runtime"]);
  assert.deepEqual(byId.get("pkg:npm/debug@2.6.9")?.hashes, [
    { alg: "sha1", hex: "483c4315ae8bcbd9b0a7f526947467d6c061eaae" },
  ]);
  assert.deepEqual(byId.get("pkg:npm/%40scope/util@2.1.0")?.hashes, [{
    alg: "sha512",
    hex: "4aab757e6b7e2fe6160f060e1acef064f39998b0639d2cdbdc1c670eb762f1dc" +
      "9eb2dfe69c164dcf6f3529d15325163b22c60a6f50264dbda1fa5261a5cf067e",
  }]);
  const bundled = byId.get("pkg:npm/bundled-dep@1.0.0");
  assert.equal(bundled?.downloadLocation, undefined);
  assert.deepEqual(bundled?.hashes, []);
  assert.equal(
    byId.get(TESTER)?.downloadLocation,
    "https://npm.example.com/tester/-/tester-1.0.0.tgz",
  );
  // A git source is its SPDX form (`@<commit>`; `#` would name a sub-path), as in the vcs_url.
  assert.equal(
    byId.get(LEFT_PAD)?.downloadLocation,
    "git+https://github.com/stevemao/left-pad.git@5e5a4e3b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f",
  );
  assert.deepEqual(
    out.components.filter((c) => c.direct).map((c) => c.id),
    ["pkg:npm/%40scope/util@2.1.0", "pkg:npm/debug@4.3.4", LEFT_PAD, TESTER],
  );
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/%40scope/util@2.1.0 runtime",
    `${LEFT_PAD} runtime`,
    `${TESTER} dev`,
    `${LIB} runtime`,
  ]);
  // Nested node_modules win over hoisted ones; links lead to the member.
  assert.deepEqual(edgesFrom(out, "pkg:npm/%40scope/util@2.1.0"), [
    "pkg:npm/ms@2.1.3 runtime",
    `${LIB} runtime`,
  ]);
  assert.deepEqual(edgesFrom(out, LIB), ["pkg:npm/debug@4.3.4 runtime"]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/debug@4.3.4"), ["pkg:npm/ms@2.1.2 runtime"]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/debug@2.6.9"), ["pkg:npm/ms@2.0.0 runtime"]);
  assert.deepEqual(edgesFrom(out, TESTER), [
    "pkg:npm/bundled-dep@1.0.0 runtime",
    "pkg:npm/debug@2.6.9 runtime",
    "pkg:npm/fsevents@2.3.3 optional",
    "pkg:npm/strip-ansi@6.0.1 runtime",
    "pkg:npm/typescript@5.4.5 optional",
  ]);
});

const TOOL = "pkg:npm/tool?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Ftool.git" +
  "%404f6c1e0d9a3b2c7e8f9a0b1c2d3e4f5a6b7c8d9e";
const VENDORED = "pkg:npm/vendored@0.4.2?file_name=vendored-0.4.2.tgz";

Deno.test("readPackageLock reads a lockfileVersion 1 lock: nesting, aliases, git, file:, bundled", () => {
  const { load } = treeContext(fixture("js", "v1"));
  const out = readPackageLock(load("package-lock.json")!, { path: "package-lock.json", load });
  assertWellFormed(out);
  assert.equal(out.project?.purl, "pkg:npm/legacy@2.0.0");
  // A file: folder is first-party: a member, never a component.
  assert.deepEqual(out.members.map((m) => m.name), ["localdep"]);
  const scopes = out.components.map((c) => `${c.id} ${c.scopes.join(",")}`);
  assert.deepEqual(scopes, [
    "pkg:npm/array-flatten@2.1.1 runtime",
    "pkg:npm/bindings@1.5.0 optional",
    "pkg:npm/router@1.3.3 runtime",
    "pkg:npm/setprototypeof@1.1.0 runtime",
    "pkg:npm/setprototypeof@1.2.0 dev",
    "pkg:npm/tap@12.7.0 dev",
    `${TOOL} runtime`,
    "pkg:npm/underscore@1.9.1 runtime",
    `${VENDORED} runtime`,
    "pkg:npm/watcher@1.0.4 optional",
  ]);
  // The root's declarations come from package.json; requires resolve the Node way.
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/router@1.3.3 runtime",
    "pkg:npm/tap@12.7.0 dev",
    `${TOOL} runtime`,
    "pkg:npm/underscore@1.9.1 runtime",
    `${VENDORED} runtime`,
    "pkg:npm/watcher@1.0.4 optional",
    "workspace:packages/localdep runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/router@1.3.3"), [
    "pkg:npm/array-flatten@2.1.1 runtime",
    "pkg:npm/setprototypeof@1.1.0 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/watcher@1.0.4"), ["pkg:npm/bindings@1.5.0 runtime"]);
  // Without a package.json, the top-level packages nothing requires are the direct ones (and
  // what the member requires).
  const alone = readPackageLock(load("package-lock.json")!, { path: "package-lock.json" });
  assert.deepEqual(
    alone.components.filter((c) => c.direct).map((c) => c.name),
    ["array-flatten", "router", "tap", "tool", "underscore", "vendored", "watcher"],
  );
});

Deno.test("readPackageLock: an empty root name is no name (was a purl with no name, refused without a line)", () => {
  const lock = (rootName: string) =>
    JSON.stringify({
      name: "app",
      lockfileVersion: 3,
      packages: { "": { name: rootName, version: "1.0.0" } },
    });
  const out = readPackageLock(lock(""), { path: "package-lock.json" });
  assert.equal(out.project?.purl, "pkg:npm/app@1.0.0");
});

Deno.test("readPackageLock: the lock's name beside a nameless package.json is npm's folder default, no project", () => {
  // go-gitea/gitea: a package.json with no name, its lock `"name": "gitea"` (the folder's).
  const lock = JSON.stringify({
    name: "gitea",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { dependencies: { dayjs: "1.11.13" }, engines: { node: ">= 18.0.0" } },
      "node_modules/dayjs": { version: "1.11.13", license: "MIT" },
    },
  });
  const nameless = '{"type": "module", "dependencies": {"dayjs": "1.11.13"}}';
  const out = readPackageLock(lock, { path: "package-lock.json", load: () => nameless });
  assert.equal(out.project, undefined);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/dayjs@1.11.13"]);
  const named = '{"name": "gitea", "dependencies": {"dayjs": "1.11.13"}}';
  const stated = readPackageLock(lock, { path: "package-lock.json", load: () => named });
  assert.equal(stated.project?.purl, "pkg:npm/gitea");
});

Deno.test("readPackageLock: the package.json beside the lock is the project, not the lock's copy of it", () => {
  // Rahaf89/cyf_ecommerce: a project copied from cyf_hotels and renamed in its package.json, the
  // lock not reinstalled since (npm reads the package.json as the root, the lock's record only
  // when there is none; its next save writes the new name).
  const stale = JSON.stringify({
    name: "cyf-hotels-api",
    version: "0.0.1",
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      pg: {
        version: "7.18.2",
        resolved: "https://registry.npmjs.org/pg/-/pg-7.18.2.tgz",
        integrity:
          "sha512-Mvt0dGYMwvEADNKy5PMQGlzPudKcKKzJds/VbOeZJpb6f/pI3mmoXX0JksPgI3l3JPP/2Apq7F36O63J7mgveA==",
      },
    },
  });
  const manifest = JSON.stringify({
    name: "cyf-ecommerce-api",
    version: "0.0.1",
    description: "API",
    license: "ISC",
    dependencies: { pg: "^7.18.2" },
  });
  const out = readPackageLock(stale, { path: "package-lock.json", load: () => manifest });
  assert.deepEqual(out.project, {
    name: "cyf-ecommerce-api",
    version: "0.0.1",
    purl: "pkg:npm/cyf-ecommerce-api@0.0.1",
    license: "ISC",
    description: "API",
  });
  // A v3 lock records no description (markedjs/marked's package.json has one).
  const v3 = JSON.stringify({
    name: "marked",
    version: "18.0.9",
    lockfileVersion: 3,
    requires: true,
    packages: { "": { name: "marked", version: "18.0.9", license: "MIT" } },
  });
  const described = '{"name": "marked", "version": "18.0.9", "license": "MIT", ' +
    '"description": "A markdown parser built for speed"}';
  const marked = readPackageLock(v3, { path: "package-lock.json", load: () => described });
  assert.equal(marked.project?.description, "A markdown parser built for speed");
  // With no package.json to read (`--lockfile` of a lone lock), the lock's record names it.
  const lone = readPackageLock(stale, { path: "package-lock.json" });
  assert.equal(lone.project?.purl, "pkg:npm/cyf-hotels-api@0.0.1");
});

Deno.test("readPackageLock: a workspace is named by its own package.json, not the lock's older record", () => {
  // morganney/npm-workspaces, after a release bumped packages/foo to 1.1.0 without `npm install`.
  const lock = JSON.stringify({
    name: "npm-workspaces-monorepo",
    version: "0.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": {
        name: "npm-workspaces-monorepo",
        version: "0.0.0",
        workspaces: ["packages/foo", "packages/bar"],
      },
      "node_modules/bar": { resolved: "packages/bar", link: true },
      "node_modules/foo": { resolved: "packages/foo", link: true },
      "node_modules/lodash.debounce": {
        version: "4.0.8",
        resolved: "https://registry.npmjs.org/lodash.debounce/-/lodash.debounce-4.0.8.tgz",
      },
      "packages/bar": { version: "1.0.0", dependencies: { "lodash.debounce": "^4.0.8" } },
      "packages/foo": { version: "1.0.0" },
    },
  });
  const files: Record<string, string> = {
    "package.json": '{"name": "npm-workspaces-monorepo", "version": "0.0.0", ' +
      '"workspaces": ["packages/foo", "packages/bar"]}',
    "packages/foo/package.json": '{"name": "foo", "version": "1.1.0"}',
    "packages/bar/package.json":
      '{"name": "bar", "version": "1.0.0", "dependencies": {"lodash.debounce": "^4.0.8"}}',
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assert.deepEqual(out.members, [
    {
      id: "workspace:packages/bar",
      name: "bar",
      version: "1.0.0",
      purl: "pkg:npm/bar@1.0.0",
    },
    {
      id: "workspace:packages/foo",
      name: "foo",
      version: "1.1.0",
      purl: "pkg:npm/foo@1.1.0",
    },
  ]);
  // Without the folder's package.json to read, the lock's record names it.
  const lone = readPackageLock(lock, { path: "package-lock.json" });
  assert.equal(lone.members?.find((m) => m.name === "foo")?.version, "1.0.0");
});

Deno.test("readPackageLock rejects malformed lockfileVersion 1 entries with their line", () => {
  assertVouchError(
    () =>
      readPackageLock(
        '{"lockfileVersion": 1, "dependencies": {\n"a": {"version": "1.0.0"},\n"b": 3}}',
        {
          path: "package-lock.json",
        },
      ),
    "inventory.package_lock.invalid",
    /^package-lock\.json:3: package "b" is not an object/,
  );
  assertVouchError(
    () =>
      readPackageLock(
        '{"lockfileVersion": 1, "dependencies": {\n"a": {"dependencies": {\n"c": {"resolved": "x"}}}}}',
        { path: "package-lock.json" },
      ),
    "inventory.package_lock.invalid",
    /^package-lock\.json:2: package "a" has no version/,
  );
});

Deno.test("readPackageLock refuses a lockfileVersion 1 tree nested deeper than npm ever nests (was a stack overflow, exit 3)", () => {
  const nested = (depth: number): string => {
    let tree = "{}";
    for (let i = depth; i > 0; i--) {
      tree = `{\n"p${i}": {"version": "1.0.0", "dependencies": ${tree}}}`;
    }
    return `{"lockfileVersion": 1, "dependencies": ${tree}}`;
  };
  const deepest = readPackageLock(nested(128), { path: "package-lock.json" });
  assert.equal(deepest.components.length, 128);
  assertVouchError(
    () => readPackageLock(nested(20_000), { path: "package-lock.json" }),
    "inventory.package_lock.invalid",
    /^package-lock\.json:130: package "p129" is nested more than 128 levels deep/,
  );
});

Deno.test("readPackageLock rejects an unknown lockfileVersion and malformed or truncated files", () => {
  assertVouchError(
    () => read("invalid/wrong-version/package-lock.json"),
    "inventory.package_lock.unsupported_version",
    // The line of the lockfileVersion key, not the file's first.
    /^package-lock\.json:4: lockfileVersion 4 /,
  );
  assertVouchError(
    () => read("invalid/malformed/package-lock.json"),
    "inventory.package_lock.invalid",
    /^package-lock\.json:42: invalid JSON/,
  );
  assertVouchError(
    () => read("invalid/truncated/package-lock.json"),
    "inventory.package_lock.invalid",
    /^package-lock\.json:65: invalid JSON: Unterminated string/,
  );
  assertVouchError(
    () =>
      readPackageLock(
        '{"lockfileVersion": 3, "packages": {\n"": {},\n"node_modules/x": "1.0.0"}}',
        { path: "a/package-lock.json" },
      ),
    "inventory.package_lock.invalid",
    /^a\/package-lock\.json:3: package "node_modules\/x" is not an object/,
  );
});

// @jsr/ npm-compat packages: tests/inventory/mod_test.ts (one component with deno.lock's).

function readCorpus(project: string): ReturnType<typeof readPackageLock> {
  const text = Deno.readTextFileSync(`${SHARED_DIR}/corpus/${project}/package-lock.json`);
  return readPackageLock(text, { path: "package-lock.json" });
}

Deno.test("readPackageLock matches the opentelemetry-js lock exactly", () => {
  if (skipWithoutShared("opentelemetry-js package-lock accuracy")) return;
  // Speed is measured by `deno task bench` (cli-corpus), never asserted here.
  const out = readCorpus("open-telemetry__opentelemetry-js");
  assertWellFormed(out);
  // Independently counted with a script: 1,726 entries − root − 56 links − 56 workspace folders,
  // deduplicated by (name field or last node_modules segment, version).
  assert.equal(out.components.length, 1435);
  assert.equal(out.members.length, 56);
  const ids = new Set(out.components.map((c) => c.id));
  for (
    const purl of [
      "pkg:npm/string-width@4.2.3", // via the alias node_modules/string-width-cjs
      "pkg:npm/string-width@5.1.2",
      "pkg:npm/strip-ansi@6.0.1",
      "pkg:npm/wrap-ansi@7.0.0",
      "pkg:npm/%40types/node@18.19.130",
      "pkg:npm/%40types/node@8.10.66",
      "pkg:npm/string-width@8.2.2",
      "pkg:npm/eslint@10.8.1",
    ]
  ) assert.ok(ids.has(purl), purl);
  assert.ok(![...ids].some((id) => /(string-width|strip-ansi|wrap-ansi)-cjs/.test(id)));
  assert.ok(out.members.some((m) => m.purl === "pkg:npm/%40opentelemetry/api@1.9.1"));
  assert.ok(!out.components.some((c) => c.name.startsWith("@opentelemetry/sdk-trace-base")));
});

Deno.test("readPackageLock matches the marked lock: bundled entries and the self tarball", () => {
  if (skipWithoutShared("marked package-lock accuracy")) return;
  const out = readCorpus("markedjs__marked");
  assertWellFormed(out);
  // 652 entries → 616 distinct name@version; marked@18.0.0 exists twice with different
  // integrity (registry tarball and the GitHub tarball aliased as marked-repo).
  assert.equal(out.components.length, 617);
  assert.deepEqual(out.members, []);
  const marked = out.components.filter((c) => c.name === "marked").map((c) => c.id);
  assert.deepEqual(marked, [
    "pkg:npm/marked@12.0.2",
    "pkg:npm/marked@15.0.12",
    "pkg:npm/marked@18.0.0",
    // GitHub's `tarball/v18.0.0` link: the git source at that tag, as its codeload archive is.
    "pkg:npm/marked@18.0.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fmarkedjs%2Fmarked.git%40v18.0.0",
    "pkg:npm/marked@9.1.6",
  ]);
  assert.equal(out.components.filter((c) => c.downloadLocation === undefined).length, 143 - 15);
});

Deno.test("readPackageLock: a member and a registry package of the same name and version are two nodes", () => {
  // A workspace `foo` 1.0.0, and the published foo 1.0.0 installed under a dependency.
  const lock = JSON.stringify({
    name: "root",
    lockfileVersion: 3,
    packages: {
      "": { name: "root", workspaces: ["packages/*"], dependencies: { bar: "^1.0.0" } },
      "node_modules/bar": { version: "1.0.0", dependencies: { foo: "1.0.0" } },
      "node_modules/bar/node_modules/foo": { version: "1.0.0" },
      "node_modules/foo": { resolved: "packages/foo", link: true },
      "packages/foo": { name: "foo", version: "1.0.0" },
    },
  });
  const out = readPackageLock(lock, { path: "sub/package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(out.members, [{ id: "workspace:sub", name: "root", purl: "pkg:npm/root" }, {
    id: "workspace:sub/packages/foo",
    name: "foo",
    version: "1.0.0",
    purl: "pkg:npm/foo@1.0.0",
  }]);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/bar@1.0.0", "pkg:npm/foo@1.0.0"]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/bar@1.0.0"), ["pkg:npm/foo@1.0.0 runtime"]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["workspace:sub runtime"]);
  assert.deepEqual(edgesFrom(out, "workspace:sub"), [
    "pkg:npm/bar@1.0.0 runtime",
    "workspace:sub/packages/foo runtime",
  ]);
});

Deno.test("readPackageLock: an entry without a version is a package not installed, or one whose own package.json has none", () => {
  // npm 7+ records an optional peer it does not install with flags only (npm/cli#4796), and a
  // git dependency whose package.json has no version without one.
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": { name: "app", dependencies: { "ts-jest": "^29.0.0", tool: "github:acme/tool" } },
      "node_modules/ts-jest": {
        version: "29.1.2",
        peerDependencies: { "jest-resolve": "^29.0.0" },
        peerDependenciesMeta: { "jest-resolve": { optional: true } },
      },
      "node_modules/jest-resolve": { dev: true, optional: true, peer: true },
      "node_modules/tool": {
        resolved: "git+https://github.com/acme/tool.git#4f6c1e0d9a3b2c7e8f9a0b1c2d3e4f5a6b7c8d9e",
      },
    },
  });
  const out = readPackageLock(lock, { path: "package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [TOOL, "pkg:npm/ts-jest@29.1.2"]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/ts-jest@29.1.2"), []);
});

Deno.test("readPackageLock: a file: folder outside the project is a third-party component, one inside a member", () => {
  // `file:../../shared-utils` (another checkout) and `file:tools` (a folder of the project), as npm 7+ links them.
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": {
        name: "app",
        dependencies: { tools: "file:tools" },
        devDependencies: { "shared-utils": "file:../../shared-utils" },
      },
      "../../shared-utils": {
        name: "shared-utils",
        version: "1.4.0",
        license: "MIT",
        dev: true,
        dependencies: { ms: "^2.1.3" },
      },
      "node_modules/ms": { version: "2.1.3", dev: true },
      "node_modules/shared-utils": { resolved: "../../shared-utils", link: true, dev: true },
      "node_modules/tools": { resolved: "tools", link: true },
      "tools": { name: "tools", version: "0.0.1" },
    },
  });
  const out = readPackageLock(lock, { path: "app/package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:app", "workspace:app/tools"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.license}`), [
    "pkg:npm/ms@2.1.3 dev undefined",
    "pkg:npm/shared-utils@1.4.0 dev MIT",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/shared-utils@1.4.0"), ["pkg:npm/ms@2.1.3 runtime"]);
  assert.deepEqual(edgesFrom(out, "workspace:app"), [
    "pkg:npm/shared-utils@1.4.0 dev",
    "workspace:app/tools runtime",
  ]);
});

Deno.test("readPackageLock: an extraneous entry (nothing requires it, npm prunes it) is dev, not runtime", () => {
  // npm writes `extraneous` instead of the dev/optional flags (a package left in node_modules,
  // a stale workspace link); `npm ci` does not install it.
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": { name: "app", dependencies: { ms: "^2.1.3" } },
      "node_modules/ms": {
        version: "2.1.3",
        resolved: "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz",
      },
      "node_modules/vm2": {
        version: "3.9.19",
        resolved: "https://registry.npmjs.org/vm2/-/vm2-3.9.19.tgz",
        extraneous: true,
        dependencies: { acorn: "^8.7.0" },
      },
      "node_modules/acorn": {
        version: "8.11.3",
        resolved: "https://registry.npmjs.org/acorn/-/acorn-8.11.3.tgz",
        extraneous: true,
      },
    },
  });
  const out = readPackageLock(lock, { path: "package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.direct}`), [
    "pkg:npm/acorn@8.11.3 dev false",
    "pkg:npm/ms@2.1.3 runtime true",
    "pkg:npm/vm2@3.9.19 dev false",
  ]);
});

Deno.test("readPackageLock: an extraneous bundled entry ships with its bundler: its scope, no stale lock", () => {
  // npm 11's lock of a project depending on npm@6.14.18, whose tarball bundles packages nothing
  // of it requires: npm writes them `extraneous` and `inBundle`, and `npm ci --omit=dev` still
  // installs them, inside the bundler's folder (reify extracts bundled dependencies with their
  // bundler). Was: dev, warned as a lock older than its package.json that `npm ci` prunes.
  const lock = JSON.stringify({
    name: "b2",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "b2", version: "1.0.0", dependencies: { npm: "6.14.18" } },
      "node_modules/npm": {
        version: "6.14.18",
        resolved: "https://registry.npmjs.org/npm/-/npm-6.14.18.tgz",
        bundleDependencies: ["abbrev", "lodash._baseindexof"],
        dependencies: { abbrev: "~1.1.1" },
      },
      "node_modules/npm/node_modules/abbrev": { version: "1.1.1", inBundle: true },
      "node_modules/npm/node_modules/lodash._baseindexof": {
        version: "3.1.0",
        extraneous: true,
        inBundle: true,
      },
      // The project's own bundled dependency nothing requires: npm installs it from the
      // registry, and prunes it as extraneous.
      "node_modules/left-over": { version: "1.0.0", extraneous: true, inBundle: true },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "b2",
      version: "1.0.0",
      dependencies: { npm: "6.14.18" },
    }),
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:npm/abbrev@1.1.1 runtime",
    "pkg:npm/left-over@1.0.0 dev",
    "pkg:npm/lodash._baseindexof@3.1.0 runtime",
    "pkg:npm/npm@6.14.18 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/npm@6.14.18"), [
    "pkg:npm/abbrev@1.1.1 runtime",
    "pkg:npm/lodash._baseindexof@3.1.0 runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "package-lock.json locks left-over@1.0.0, which nothing the project declares reaches (a " +
    "lock older than its package.json files; `npm ci` prunes it): the SBOM keeps it as the " +
    "lock does, dev; run `npm install` to update the lock",
  ]);
});

Deno.test("readPackageLock: a lockfileVersion 1 file: folder keeps its flags and its nested packages", () => {
  // npm 6 writes a `file:` folder as `"version": "file:…"` with its dev/optional flags and
  // the packages it installed for the folder nested under it (was: the nested ones dropped,
  // the dev flag lost, so a dev-only folder outside the project was runtime).
  const lock = JSON.stringify({
    name: "app",
    version: "0.1.0",
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      "ms": { version: "2.1.3", resolved: "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz" },
      "shared-utils": {
        version: "file:../../shared-utils",
        dev: true,
        requires: { kleur: "^4.1.5" },
        dependencies: {
          kleur: {
            version: "4.1.5",
            resolved: "https://registry.npmjs.org/kleur/-/kleur-4.1.5.tgz",
            dev: true,
          },
        },
      },
      "tools": {
        version: "file:tools",
        optional: true,
        requires: { ms: "^2.0.0" },
        dependencies: {
          ms: {
            version: "2.0.0",
            resolved: "https://registry.npmjs.org/ms/-/ms-2.0.0.tgz",
            optional: true,
          },
        },
      },
    },
  });
  const manifest = JSON.stringify({
    name: "app",
    version: "0.1.0",
    dependencies: { ms: "^2.1.3" },
    optionalDependencies: { tools: "file:tools" },
    devDependencies: { "shared-utils": "file:../../shared-utils" },
  });
  const files: Record<string, string> = { "app/package.json": manifest };
  const out = readPackageLock(lock, { path: "app/package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:app", "workspace:app/tools"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/kleur@4.1.5 dev",
    "pkg:npm/ms@2.0.0 optional",
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/shared-utils dev",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/shared-utils"), ["pkg:npm/kleur@4.1.5 runtime"]);
  assert.deepEqual(edgesFrom(out, "workspace:app/tools"), ["pkg:npm/ms@2.0.0 runtime"]);
});

Deno.test("readPackageLock: a lockfileVersion 1 file: folder declares the devDependencies its record has", () => {
  // npm 6.14 wrote this for `"lib": "file:lib"`, lib/package.json declaring is-number as a
  // devDependency: npm 6 installs a linked folder's dependencies, not its devDependencies, and
  // `npm ci` (npm 6) installs this lock as it is. Was: a warning that is-number is not locked.
  const lock = JSON.stringify({
    name: "fdev",
    version: "1.0.0",
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      debug: {
        version: "4.4.3",
        resolved: "https://registry.npmjs.org/debug/-/debug-4.4.3.tgz",
        requires: { ms: "^2.1.3" },
      },
      lib: { version: "file:lib", requires: { debug: "^4" } },
      ms: { version: "2.1.3", resolved: "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz" },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "fdev",
      version: "1.0.0",
      dependencies: { lib: "file:lib", ms: "^2.1.3" },
    }),
    "lib/package.json": JSON.stringify({
      name: "lib",
      version: "0.1.0",
      dependencies: { debug: "^4" },
      devDependencies: { "is-number": "^7.0.0" },
    }),
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(edgesFrom(out, "workspace:lib"), ["pkg:npm/debug@4.4.3 runtime"]);
  // npm 8 with --lockfile-version 1 installs it, as npm 7+ does, and records it in `requires`.
  const npm8 = JSON.parse(lock);
  npm8.dependencies.lib.requires["is-number"] = "^7.0.0";
  npm8.dependencies["is-number"] = { version: "7.0.0", dev: true };
  const v8 = readPackageLock(JSON.stringify(npm8), {
    path: "package-lock.json",
    load: (p) => files[p],
  });
  assert.equal(v8.warnings, undefined);
  assert.deepEqual(edgesFrom(v8, "workspace:lib"), [
    "pkg:npm/debug@4.4.3 runtime",
    "pkg:npm/is-number@7.0.0 dev",
  ]);
});

Deno.test("readPackageLock: a lockfileVersion 1 registry tarball URL under another name is the package the URL names", () => {
  // npm 6 wrote this for `"foo-odd": "https://registry.npmjs.org/is-odd/-/is-odd-3.0.1.tgz"`:
  // the key is the folder's name, the URL says the package (npm 7+ records `name: "is-odd"`).
  // Was: pkg:npm/foo-odd with no version.
  const lock = JSON.stringify({
    name: "app",
    version: "0.9.0",
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      "foo-odd": {
        version: "https://registry.npmjs.org/is-odd/-/is-odd-3.0.1.tgz",
        integrity:
          "sha512-CQpnWPrDwmP1+SMHXZhtLtJv90yiyVfluGsX5iNCVkrhQtU3TQHsUWPG9wkdk9Lgd5yNpAg9jQEo90CBaXgWMA==",
        requires: { "is-number": "^6.0.0" },
      },
      "is-number": {
        version: "6.0.0",
        resolved: "https://registry.npmjs.org/is-number/-/is-number-6.0.0.tgz",
      },
    },
  });
  const manifest = JSON.stringify({
    name: "app",
    dependencies: { "foo-odd": "https://registry.npmjs.org/is-odd/-/is-odd-3.0.1.tgz" },
  });
  const out = readPackageLock(lock, { path: "package-lock.json", load: () => manifest });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.downloadLocation}`), [
    "pkg:npm/is-number@6.0.0 https://registry.npmjs.org/is-number/-/is-number-6.0.0.tgz",
    "pkg:npm/is-odd@3.0.1 https://registry.npmjs.org/is-odd/-/is-odd-3.0.1.tgz",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:npm/is-odd@3.0.1 runtime"]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/is-odd@3.0.1"), ["pkg:npm/is-number@6.0.0 runtime"]);
});

Deno.test("readPackageLock: a file: folder npm copied (install-links) is its member, as a linked one is", () => {
  // npm 11 with install-links=true (npm 9.0's default) wrote this for `"inst": "file:libs/inst"`:
  // a copy in node_modules, no `link`, no folder entry. Was: a component pkg:npm/inst@0.0.7
  // beside the member workspace:libs/inst (the package.json reader's). A folder outside the
  // project stays a component, as a link there does.
  const lock = JSON.stringify({
    name: "c11",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": {
        name: "c11",
        version: "1.0.0",
        dependencies: { inst: "file:libs/inst", shared: "file:../shared" },
      },
      "node_modules/depd": { version: "2.0.0" },
      "node_modules/inst": {
        version: "0.0.7",
        resolved: "file:libs/inst",
        dependencies: { depd: "2.0.0" },
      },
      "node_modules/inst/node_modules/ms": { version: "2.1.3" },
      "node_modules/shared": { version: "3.1.4", resolved: "file:../shared" },
    },
  });
  const out = readPackageLock(lock, { path: "package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(out.members, [
    { id: "workspace:libs/inst", name: "inst", version: "0.0.7", purl: "pkg:npm/inst@0.0.7" },
  ]);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/depd@2.0.0",
    "pkg:npm/ms@2.1.3",
    "pkg:npm/shared@3.1.4",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/shared@3.1.4 runtime",
    "workspace:libs/inst runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:libs/inst"), ["pkg:npm/depd@2.0.0 runtime"]);
  assert.deepEqual(out.memberFolders, ["libs/inst"]);
});

Deno.test("readPackageLock: a linked folder outside the lock's folder installs nothing of its own, so no warning (bitwarden's apps/desktop/src)", () => {
  // npm 11 wrote this for apps/desktop/src/package.json: a `file:` folder above the lock's folder
  // is linked, and npm installs none of its declarations there (the folder's own install does);
  // one below the lock's folder gets its dependencies and devDependencies installed.
  const lock = JSON.stringify({
    name: "@bitwarden/desktop",
    version: "2025.8.1",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": {
        name: "@bitwarden/desktop",
        version: "2025.8.1",
        dependencies: {
          "@bitwarden/desktop-napi": "file:../desktop_native/napi",
          argon2: "0.41.1",
          x: "file:packages/x",
        },
      },
      "../desktop_native/napi": {
        name: "@bitwarden/desktop-napi",
        version: "0.1.0",
        dependencies: { ms: "2.1.3" },
        devDependencies: { "@napi-rs/cli": "2.18.4" },
      },
      "node_modules/@bitwarden/desktop-napi": { resolved: "../desktop_native/napi", link: true },
      "node_modules/argon2": { version: "0.41.1" },
      "node_modules/x": { resolved: "packages/x", link: true },
      "packages/x": { name: "x", version: "0.1.0", devDependencies: { "is-number": "7.0.0" } },
    },
  });
  const out = readPackageLock(lock, { path: "apps/desktop/src/package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/argon2@0.41.1"]);
  assert.deepEqual(out.warnings, [
    "apps/desktop/src/packages/x/package.json declares is-number@7.0.0, which " +
    "apps/desktop/src/package-lock.json does not lock: it is not in the SBOM; run `npm install` " +
    "to update the lock",
  ]);
});

Deno.test("readPackageLock: what the project declares and the lock does not resolve is a warning", () => {
  // A lock out of sync with package.json (`npm ci` refuses it): those packages are not in the
  // SBOM, and the reader says so (was: dropped silently). A peer npm may leave uninstalled
  // (`--legacy-peer-deps`) is no such case.
  const v3 = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": {
        name: "app",
        workspaces: ["packages/a"],
        dependencies: { ms: "^2.1.3", "left-pad": "^1.3.0" },
        peerDependencies: { react: "^18.0.0" },
      },
      "node_modules/ms": { version: "2.1.3" },
      "node_modules/a": { resolved: "packages/a", link: true },
      "packages/a": { name: "a", version: "1.0.0", devDependencies: { debug: "^4.3.4" } },
    },
  });
  const out = readPackageLock(v3, { path: "app/package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
  assert.deepEqual(out.warnings, [
    "app/package.json declares left-pad@^1.3.0, which app/package-lock.json does not lock: it " +
    "is not in the SBOM; run `npm install` to update the lock",
    "app/packages/a/package.json declares debug@^4.3.4, which app/package-lock.json does not " +
    "lock: it is not in the SBOM; run `npm install` to update the lock",
  ]);
  // lockfileVersion 1: the declarations are the package.json's.
  const v1 = JSON.stringify({
    name: "app",
    lockfileVersion: 1,
    dependencies: { ms: { version: "2.1.3" } },
  });
  const manifest = JSON.stringify({
    name: "app",
    dependencies: { ms: "^2.1.3", "left-pad": "^1.3.0" },
  });
  const old = readPackageLock(v1, { path: "package-lock.json", load: () => manifest });
  assert.deepEqual(old.warnings, [
    "package.json declares left-pad@^1.3.0, which package-lock.json does not lock: it is not " +
    "in the SBOM; run `npm install` to update the lock",
  ]);
  assert.equal(readPackageLock(v1, { path: "package-lock.json" }).warnings, undefined);
});

Deno.test("readPackageLock: the project's and members' declarations are their package.json's, not the lock's copy", () => {
  // npm reads the package.json of the project (arborist's loadRoot) and of each linked folder
  // (resolveLinks) afresh; `packages[""]` is the copy npm wrote when it last saved the lock. A
  // dependency added to package.json since (`npm ci`: "Missing: left-pad@… from lock file") is
  // a warning and not in the SBOM; one removed since is no dependency of the project (npm ci
  // leaves it out) and a warning; one the lock has below is resolved, as npm resolves it. Was:
  // the lock's copy read, both silent, debug a dependency of the project.
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": {
        name: "app",
        workspaces: ["packages/a"],
        dependencies: { ms: "^2.1.3", debug: "^4.3.4" },
      },
      "node_modules/a": { resolved: "packages/a", link: true },
      "node_modules/debug": { version: "4.3.4", dependencies: { ms: "2.1.2" } },
      "node_modules/debug/node_modules/ms": { version: "2.1.2" },
      "node_modules/is-number": { version: "7.0.0" },
      "node_modules/ms": { version: "2.1.3" },
      "packages/a": {
        name: "a",
        version: "1.0.0",
        dependencies: { "is-number": "^7.0.0" },
        devDependencies: { "left-pad": "^1.3.0", "is-odd": "^3.0.1" },
      },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      workspaces: ["packages/a"],
      dependencies: { ms: "^2.1.3", "left-pad": "^1.3.0" },
      devDependencies: { "is-number": "^7.0.0" },
    }),
    "packages/a/package.json": JSON.stringify({
      name: "a",
      version: "1.0.0",
      dependencies: { "is-number": "^7.0.0" },
    }),
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/debug@4.3.4",
    "pkg:npm/is-number@7.0.0",
    "pkg:npm/ms@2.1.2",
    "pkg:npm/ms@2.1.3",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/is-number@7.0.0 dev",
    "pkg:npm/ms@2.1.3 runtime",
    "workspace:packages/a runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "package.json does not declare debug@^4.3.4, which package-lock.json records for it (a " +
    "lock older than the package.json): npm installs what package.json declares, so it is no " +
    "dependency of that package in the SBOM; nothing else reaches debug (`npm ci` prunes it): " +
    "the SBOM keeps it as the lock does, dev; run `npm install` to update the lock",
    "package.json declares left-pad@^1.3.0, which package-lock.json does not lock: it is not " +
    "in the SBOM; run `npm install` to update the lock",
    "packages/a/package.json does not declare left-pad@^1.3.0, is-odd@^3.0.1, which " +
    "package-lock.json records for it (a lock older than the package.json): npm installs what " +
    "package.json declares, so they are no dependency of that package in the SBOM; run `npm " +
    "install` to update the lock",
    // What only debug needed: pruned with it.
    "package-lock.json locks ms@2.1.2, which nothing the project declares reaches (a lock " +
    "older than its package.json files; `npm ci` prunes it): the SBOM keeps it as the lock " +
    "does, dev; run `npm install` to update the lock",
  ]);
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")}`),
    [
      "pkg:npm/debug@4.3.4 dev",
      "pkg:npm/is-number@7.0.0 runtime",
      "pkg:npm/ms@2.1.2 dev",
      "pkg:npm/ms@2.1.3 runtime",
    ],
  );
  // Without a package.json to read, the lock's copy: the same edges as before.
  const bare = readPackageLock(lock, { path: "package-lock.json", load: () => undefined });
  assert.deepEqual(edgesFrom(bare, ROOT_ID), [
    "pkg:npm/debug@4.3.4 runtime",
    "pkg:npm/ms@2.1.3 runtime",
    "workspace:packages/a runtime",
  ]);
});

Deno.test("readPackageLock: what nothing the project declares reaches is pruned by npm ci: dev, warned once", () => {
  // `npm uninstall`-less removal: package.json no longer declares chalk, and the lock keeps
  // chalk, what only it needs (ansi-styles) and an entry nothing records at all (a lock edited
  // or merged: stale). npm ci's buildIdealTree reloads the lock with the root read afresh
  // (loadVirtual with a root: flags suspect), calcDepFlags clears `extraneous` along the edges
  // from the root, and #idealTreePrune drops the rest. Was: three runtime components, silent
  // but for chalk's removed declaration.
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": { name: "app", dependencies: { chalk: "^4.1.2", ms: "^2.1.3" } },
      "node_modules/ansi-styles": { version: "4.3.0" },
      "node_modules/chalk": { version: "4.1.2", dependencies: { "ansi-styles": "^4.1.0" } },
      "node_modules/ms": { version: "2.1.3" },
      "node_modules/stale": { version: "1.0.0" },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", dependencies: { ms: "^2.1.3" } }),
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:npm/ansi-styles@4.3.0 dev",
    "pkg:npm/chalk@4.1.2 dev",
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/stale@1.0.0 dev",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:npm/ms@2.1.3 runtime"]);
  assert.deepEqual(out.warnings, [
    "package.json does not declare chalk@^4.1.2, which package-lock.json records for it (a " +
    "lock older than the package.json): npm installs what package.json declares, so it is no " +
    "dependency of that package in the SBOM; nothing else reaches chalk (`npm ci` prunes it): " +
    "the SBOM keeps it as the lock does, dev; run `npm install` to update the lock",
    "package-lock.json locks ansi-styles@4.3.0, stale@1.0.0, which nothing the project " +
    "declares reaches (a lock older than its package.json files; `npm ci` prunes them): the " +
    "SBOM keeps them as the lock does, dev; run `npm install` to update the lock",
  ]);
});

Deno.test("readPackageLock: an optional dependency npm left out is no stale lock", () => {
  // Arborist's #pruneFailedOptional drops an optional dependency it cannot resolve (a
  // platform package not published, a failed fetch) from the tree it locks: `npm install`
  // leaves it out again. Shape of the root of actions/hello-world-javascript-action
  // (`"optionalDependencies": { "@rollup/rollup-linux-x64-gnu": "*" }`). Was: "run `npm
  // install` to update the lock", as for a lock older than its package.json.
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": {
        name: "app",
        // fsevents in both fields, as some packages declare it: optional, warned once.
        dependencies: { ms: "^2.1.3", "left-pad": "^1.3.0", fsevents: "^2.3.3" },
        optionalDependencies: { "@rollup/rollup-linux-x64-gnu": "*", fsevents: "^2.3.3" },
      },
      "node_modules/ms": { version: "2.1.3" },
    },
  });
  const out = readPackageLock(lock, { path: "package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(out.warnings, [
    "package.json declares left-pad@^1.3.0, which package-lock.json does not lock: it is not " +
    "in the SBOM; run `npm install` to update the lock",
    "package.json declares optional @rollup/rollup-linux-x64-gnu@*, fsevents@^2.3.3, which " +
    "package-lock.json does not lock: they are not in the SBOM (`npm install` leaves out an " +
    "optional dependency it cannot resolve)",
  ]);
});

Deno.test("readPackageLock: a locked package's dependency no entry up its path resolves is a warning naming it", () => {
  // A lock cut between entries: debug's ms and chokidar's readdirp are gone. Arborist has those
  // edges missing (`npm ci`: "Missing: ms@… from lock file"); chokidar's optional fsevents and
  // a peer, which npm may leave out, are not named. Was: the edges dropped, no warning.
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": { name: "app", dependencies: { debug: "^4.3.4", chokidar: "^3.6.0" } },
      "node_modules/chokidar": {
        version: "3.6.0",
        dependencies: { readdirp: "~3.6.0", fsevents: "~2.3.2" },
        optionalDependencies: { fsevents: "~2.3.2" },
        peerDependencies: { typescript: "*" },
      },
      "node_modules/debug": { version: "4.3.4", dependencies: { ms: "2.1.2" } },
    },
  });
  const out = readPackageLock(lock, { path: "package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:npm/chokidar@3.6.0",
    "pkg:npm/debug@4.3.4",
  ]);
  assert.deepEqual(out.warnings, [
    "package-lock.json: node_modules/chokidar → readdirp@~3.6.0, node_modules/debug → ms@2.1.2: " +
    "the lock has no entry for these dependencies up the package's node_modules path (a lock " +
    "cut short or edited; `npm ci` refuses it): not in the SBOM; run `npm install` to update " +
    "the lock",
  ]);
});

Deno.test("readPackageLock: a peer the same record also declares as a dependency is that dependency's edge", () => {
  // Arborist loads peer edges first and the dev/prod edge of the same name replaces it. Was: a
  // runtime edge beside the dev one (SPDX DEPENDS_ON and DEV_DEPENDENCY_OF).
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": {
        name: "app",
        peerDependencies: { react: "^18.0.0", ms: "^2.0.0" },
        devDependencies: { react: "^18.2.0" },
      },
      "node_modules/react": { version: "18.2.0", dev: true },
      "node_modules/ms": { version: "2.1.3", peer: true },
    },
  });
  const out = readPackageLock(lock, { path: "package-lock.json" });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/react@18.2.0 dev",
  ]);
});

Deno.test("readPackageLock reads an npm 4 shrinkwrap (no lockfileVersion) as a lockfileVersion 1 tree", () => {
  // npm's docs: no lockfileVersion is an "ancient" shrinkwrap of npm before 5, which npm still
  // reads (128technology/js-license-generator's). It was inventory.package_lock.unsupported_version,
  // exit 2. It records no `requires`: only the project's declarations are edges, and it says so.
  const entry = (name: string, version: string, dev: boolean, more: object = {}) => ({
    version,
    from: `${name}@>=${version} <99.0.0`,
    resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz`,
    ...(dev ? { dev: true } : {}),
    ...more,
  });
  const lock = JSON.stringify(
    {
      name: "js-license-generator",
      version: "1.0.0",
      dependencies: {
        "acorn": entry("acorn", "5.2.1", true),
        "acorn-jsx": entry("acorn-jsx", "3.0.1", true, {
          dependencies: { acorn: entry("acorn", "3.3.0", true) },
        }),
        "eslint": entry("eslint", "3.19.0", true),
        "glob": entry("glob", "7.1.2", false),
        "nlf": entry("nlf", "1.4.3", false),
      },
    },
    null,
    2,
  );
  const manifest = JSON.stringify({
    name: "js-license-generator",
    dependencies: { nlf: "^1.4.3" },
    devDependencies: { eslint: "^3.19.0" },
  });
  const out = readPackageLock(lock, {
    path: "npm-shrinkwrap.json",
    load: (p) => p === "package.json" ? manifest : undefined,
  });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:npm/acorn-jsx@3.0.1 dev",
    "pkg:npm/acorn@3.3.0 dev",
    "pkg:npm/acorn@5.2.1 dev",
    "pkg:npm/eslint@3.19.0 dev",
    "pkg:npm/glob@7.1.2 runtime",
    "pkg:npm/nlf@1.4.3 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/eslint@3.19.0 dev",
    "pkg:npm/nlf@1.4.3 runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "npm-shrinkwrap.json has no lockfileVersion (npm 4 or before): it does not say which " +
    "package requires which, so the SBOM links only the project's own declarations; " +
    "regenerate it with npm 7 or later for the whole graph",
  ]);
});

Deno.test("readPackageLock: a link to the tree's root from a nested project's lock is the project, not a member of its own", () => {
  // example/ installs the library it shows from the repository's root (`"lib": "file:.."`): npm
  // links `node_modules/lib` to `..`. Was: a second member `workspace:` for the root, the
  // example's edge to the project lost from the SBOM. The root's declarations are not the
  // example install's (npm installs none of a folder's above the lock there): no warning.
  const lock = JSON.stringify({
    name: "example",
    lockfileVersion: 3,
    packages: {
      "": { name: "example", dependencies: { lib: "file:..", ms: "^2.1.3" } },
      "..": { name: "lib", version: "1.0.0", dependencies: { debug: "^4.3.4" } },
      "node_modules/lib": { resolved: "..", link: true },
      "node_modules/ms": { version: "2.1.3" },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "lib", version: "1.0.0" }),
    "example/package.json": JSON.stringify({
      name: "example",
      dependencies: { lib: "file:..", ms: "^2.1.3" },
    }),
  };
  const out = readPackageLock(lock, { path: "example/package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:example"]);
  assert.deepEqual(edgesFrom(out, "workspace:example"), [
    "pkg:npm/ms@2.1.3 runtime",
    `${ROOT_ID} runtime`,
  ]);
  assert.equal(out.warnings, undefined);
});

Deno.test("readPackageLock: an example's lock read alone does not call its link to the folder above cut short", () => {
  // npm 11 wrote this for example/package.json (`"zustand": "file:.."`), read with example/ as
  // the tree: npm installs nothing of the folder above for it (its own install does), and
  // `npm ci` installs this lock. Was: a warning that `..` → use-sync-external-store has no entry.
  const lock = JSON.stringify({
    name: "zustand-demo",
    version: "0.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": {
        name: "zustand-demo",
        version: "0.0.0",
        dependencies: { react: "^18.3.1", zustand: "file:.." },
      },
      "..": {
        name: "zustand",
        version: "4.5.5",
        dependencies: { "use-sync-external-store": "1.2.2" },
        peerDependencies: { "@types/react": ">=16.8", immer: ">=9.0.6", react: ">=16.8" },
        peerDependenciesMeta: {
          "@types/react": { optional: true },
          immer: { optional: true },
          react: { optional: true },
        },
      },
      "node_modules/js-tokens": { version: "4.0.0", license: "MIT" },
      "node_modules/loose-envify": {
        version: "1.4.0",
        license: "MIT",
        dependencies: { "js-tokens": "^3.0.0 || ^4.0.0" },
      },
      "node_modules/react": {
        version: "18.3.1",
        license: "MIT",
        dependencies: { "loose-envify": "^1.1.0" },
      },
      "node_modules/zustand": { resolved: "..", link: true },
    },
  });
  const manifest = JSON.stringify({
    name: "zustand-demo",
    version: "0.0.0",
    dependencies: { zustand: "file:..", react: "^18.3.1" },
  });
  const out = readPackageLock(lock, {
    path: "package-lock.json",
    load: (p) => p === "package.json" ? manifest : undefined,
  });
  assertWellFormed(out);
  // The folder above is outside the tree scanned (example/): its code was not.
  assert.deepEqual(out.warnings, [
    "package-lock.json: zustand is the local folder .., outside the scanned tree: vouch did not " +
    "scan its code or read its package.json, and the SBOM has it only as the lock records it " +
    "(no hashes; the registry package of that name is another); scan a folder that holds both " +
    "to include it",
  ]);
});

Deno.test("readPackageLock: a lockfileVersion 1 file: folder's peers are no edges: npm 6 installs no peers", () => {
  // lib/package.json asks react as a peer; the project installs react itself. npm 6 installs a
  // package's `dependencies` alone (lib/install/deps.js's loadDeps) and only warns about peers,
  // and an npm 7+ writing a v1 lock leaves peers out of `requires` (arborist's shrinkwrap.js).
  // Was: lib → react, an edge no lock records.
  const lock = JSON.stringify({
    name: "fpeer",
    version: "1.0.0",
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      "js-tokens": {
        version: "4.0.0",
        resolved: "https://registry.npmjs.org/js-tokens/-/js-tokens-4.0.0.tgz",
      },
      lib: { version: "file:lib", requires: { "js-tokens": "^4.0.0" } },
      react: {
        version: "16.14.0",
        resolved: "https://registry.npmjs.org/react/-/react-16.14.0.tgz",
        requires: { "js-tokens": "^4.0.0" },
      },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "fpeer",
      version: "1.0.0",
      dependencies: { lib: "file:lib", react: "^16.14.0" },
    }),
    "lib/package.json": JSON.stringify({
      name: "lib",
      version: "0.1.0",
      dependencies: { "js-tokens": "^4.0.0" },
      peerDependencies: { react: ">=16" },
    }),
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(edgesFrom(out, "workspace:lib"), ["pkg:npm/js-tokens@4.0.0 runtime"]);
});

Deno.test("readPackageLock: a workspace renamed in its package.json since the lock is a stale-lock warning", () => {
  // npm links a workspace under the name its package.json gives (arborist's setWorkspaces, from
  // @npmcli/map-workspaces); the lock links `node_modules/old-name`, so `npm ci` refuses it
  // ("Missing: new-name@1.0.0 from lock file", validate-lockfile.js). Was: the member named
  // new-name without a word.
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "app", workspaces: ["packages/*"] },
      "node_modules/ms": { version: "2.1.3" },
      "node_modules/old-name": { resolved: "packages/a", link: true },
      "node_modules/b": { resolved: "packages/b", link: true },
      "packages/a": { name: "old-name", version: "1.0.0", dependencies: { ms: "^2.1.3" } },
      "packages/b": { name: "b", version: "1.0.0" },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", workspaces: ["packages/*"] }),
    "packages/a/package.json": JSON.stringify({
      name: "new-name",
      version: "1.0.0",
      dependencies: { ms: "^2.1.3" },
    }),
    "packages/b/package.json": JSON.stringify({ name: "b", version: "1.0.0" }),
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.name}`), [
    "workspace:packages/a new-name",
    "workspace:packages/b b",
  ]);
  assert.deepEqual(out.warnings, [
    "packages/a/package.json names its package new-name, which package-lock.json links as " +
    "old-name (a lock older than the package.json; `npm ci` refuses it): run `npm install` to " +
    "update the lock",
  ]);
  // A `file:` dependency of the project is linked under the name it is declared by: no rename.
  const declared: Record<string, string> = {
    ...files,
    "package.json": JSON.stringify({
      name: "app",
      workspaces: ["packages/b"],
      dependencies: { "old-name": "file:packages/a" },
    }),
  };
  const fileDep = readPackageLock(lock, { path: "package-lock.json", load: (p) => declared[p] });
  assert.equal(fileDep.warnings?.some((w) => w.includes("links as")) ?? false, false);
});

Deno.test("readPackageLock: workspaces removed from package.json since the lock: npm prunes the members", () => {
  // The root package.json lists no workspaces any more: arborist's setWorkspaces finds none, so
  // the root has no workspace edges; loadVirtual's checkRootEdges sees the lock's differ and
  // marks the flags suspect, and buildIdealTree's #fixDepFlags prunes what nothing reaches:
  // `npm ci` installs neither member nor is-number, which only a declares. Was: both members and
  // is-number in the SBOM without a word.
  const packages = {
    "": { name: "app", workspaces: ["packages/*"], dependencies: { ms: "^2.1.3" } },
    "node_modules/a": { resolved: "packages/a", link: true },
    "node_modules/b": { resolved: "packages/b", link: true },
    "node_modules/is-number": { version: "7.0.0" },
    "node_modules/ms": { version: "2.1.3" },
    "packages/a": { name: "a", version: "1.0.0", dependencies: { "is-number": "^7.0.0" } },
    "packages/b": { name: "b", version: "1.0.0", dependencies: { ms: "^2.1.3" } },
  };
  const v3 = JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages });
  // npm 7 and 8 write both maps (lockfileVersion 2) and read `packages`.
  const v2 = JSON.stringify({
    name: "app",
    lockfileVersion: 2,
    requires: true,
    packages,
    dependencies: {
      a: { version: "file:packages/a", requires: { "is-number": "^7.0.0" } },
      b: { version: "file:packages/b", requires: { ms: "^2.1.3" } },
      "is-number": { version: "7.0.0" },
      ms: { version: "2.1.3" },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", dependencies: { ms: "^2.1.3" } }),
    "packages/a/package.json": JSON.stringify({
      name: "a",
      version: "1.0.0",
      dependencies: { "is-number": "^7.0.0", "left-pad": "^1.3.0" },
    }),
    "packages/b/package.json": JSON.stringify({
      name: "b",
      version: "1.0.0",
      dependencies: { ms: "^2.1.3" },
    }),
  };
  for (const lock of [v3, v2]) {
    const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
    assertWellFormed(out);
    assert.deepEqual(out.members, []);
    assert.deepEqual(out.memberFolders, undefined);
    assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
    assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:npm/ms@2.1.3 runtime"]);
    assert.deepEqual(out.warnings, [
      "package.json lists no workspaces, while package-lock.json links packages/a (a), " +
      "packages/b (b) as workspaces (a lock older than the package.json): npm installs none of " +
      "them (`npm ci` prunes them), so neither they nor what only they reach are in the SBOM; " +
      "run `npm install` to update the lock",
    ]);
  }
  // Still listed: the members, as before.
  const listed: Record<string, string> = {
    ...files,
    "package.json": JSON.stringify({
      name: "app",
      workspaces: ["packages/*"],
      dependencies: { ms: "^2.1.3" },
    }),
  };
  const kept = readPackageLock(v3, { path: "package-lock.json", load: (p) => listed[p] });
  assert.deepEqual(kept.members.map((m) => m.id), ["workspace:packages/a", "workspace:packages/b"]);
});

Deno.test('readPackageLock: a file: folder whose package.json names it "" is named as npm names it, not ""', () => {
  // CycloneDX's demo-local-deps (npm 8, lockfileVersion 2): packages/my-noname's package.json
  // has `"name": ""`, which Arborist reads as no name (packageName null): the link names it.
  const lock = JSON.stringify({
    name: "demo-local-deps",
    version: "0.0.0",
    lockfileVersion: 2,
    requires: true,
    packages: {
      "": {
        name: "demo-local-deps",
        version: "0.0.0",
        license: "Apache-2.0",
        dependencies: { "my-noname": "file:packages/my-noname" },
      },
      "node_modules/my-noname": { resolved: "packages/my-noname", link: true },
      "packages/my-noname": { version: "0.0.0", license: "Apache-2.0" },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "demo-local-deps",
      version: "0.0.0",
      dependencies: { "my-noname": "file:packages/my-noname" },
    }),
    "packages/my-noname/package.json": JSON.stringify({ name: "", version: "0.0.0" }),
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members, [{
    id: "workspace:packages/my-noname",
    name: "my-noname",
    version: "0.0.0",
    purl: "pkg:npm/my-noname@0.0.0",
  }]);
});

Deno.test("readPackageLock: a package.json range that is no string is no edge nor a 'does not lock' warning (npm refuses it: arborist's Edge, 'must provide string spec')", () => {
  const lock = JSON.stringify({
    name: "app",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "app", dependencies: { ms: "^2.1.3", q: 5 } },
      "node_modules/ms": { version: "2.1.3" },
      "node_modules/q": { version: "1.5.1" },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({ name: "app", dependencies: { ms: "^2.1.3", q: 5, r: [1] } }),
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  // Was: an edge to q, and "package.json declares r@1, which package-lock.json does not lock".
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:npm/ms@2.1.3 runtime"]);
  assert.deepEqual(out.warnings, [
    "package-lock.json locks q@1.5.1, which nothing the project declares reaches (a lock older " +
    "than its package.json files; `npm ci` prunes it): the SBOM keeps it as the lock does, dev; " +
    "run `npm install` to update the lock",
  ]);
});

Deno.test("readPackageLock: a link to a folder the lock records empty, with no package.json, is a warning", () => {
  // npm 11 with `"overrides": { "ms": "file:./vendor/ms" }` resolves the override from each
  // dependent's folder: it links debug's ms to node_modules/debug/vendor/ms, where nothing is
  // (`npm ls`: `ms@ invalid`). A link to a folder with its package.json is no such case.
  const lock = JSON.stringify({
    name: "ol-root",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": {
        name: "ol-root",
        version: "1.0.0",
        dependencies: { debug: "4.3.4", ok: "file:libs/ok" },
      },
      "libs/ok": { name: "ok", version: "0.1.0" },
      "node_modules/debug": {
        version: "4.3.4",
        resolved: "https://registry.npmjs.org/debug/-/debug-4.3.4.tgz",
        integrity:
          "sha512-PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgX+7G/vCNNhehwxfkQ==",
        dependencies: { ms: "2.1.2" },
      },
      "node_modules/debug/node_modules/ms": {
        resolved: "node_modules/debug/vendor/ms",
        link: true,
      },
      "node_modules/debug/vendor/ms": {},
      "node_modules/ok": { resolved: "libs/ok", link: true },
    },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "ol-root",
      version: "1.0.0",
      dependencies: { debug: "4.3.4", ok: "file:libs/ok" },
      overrides: { ms: "file:./vendor/ms" },
    }),
    "libs/ok/package.json": JSON.stringify({ name: "ok", version: "0.1.0" }),
    "vendor/ms/package.json": JSON.stringify({ name: "ms", version: "2.1.99" }),
  };
  const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.warnings, [
    "package-lock.json links node_modules/debug/node_modules/ms → node_modules/debug/vendor/ms: " +
    "a folder with no package.json, which the lock records empty (`npm ls`: invalid): no " +
    "package is there; a member without a version",
  ]);
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
    "workspace:libs/ok pkg:npm/ok@0.1.0",
    "workspace:node_modules/debug/vendor/ms pkg:npm/ms",
  ]);
});

Deno.test("readPackageLock: a link to a folder the lock has no entry for is a lock cut short, not an empty record", () => {
  // npm 11.21.2 wrote this lock for `"x": "file:./vendor/x"`, here without its `vendor/x` entry:
  // `npm ci` refuses it (arborist's loadVirtual: `Missing target in lock file: "vendor/x" is
  // referenced by "node_modules/x" but does not exist`), whether vendor/x has a package.json
  // or not; with the entry (`{}` included), it installs.
  const lock = JSON.stringify({
    name: "n1",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "n1", version: "1.0.0", dependencies: { x: "file:./vendor/x" } },
      "node_modules/x": { resolved: "vendor/x", link: true },
    },
  });
  const warning = "package-lock.json links node_modules/x → vendor/x: a folder it has no entry " +
    "for, a lock cut short or edited (`npm ci` refuses it: Missing target in lock file; `npm " +
    "install` writes it anew); the SBOM names the folder as its package.json, else the link, does";
  const root = JSON.stringify({
    name: "n1",
    version: "1.0.0",
    dependencies: { x: "file:./vendor/x" },
  });
  for (
    const [own, member] of [
      [undefined, "workspace:vendor/x pkg:npm/x"],
      [JSON.stringify({ name: "x", version: "1.0.0" }), "workspace:vendor/x pkg:npm/x@1.0.0"],
    ]
  ) {
    const files: Record<string, string | undefined> = {
      "package.json": root,
      "vendor/x/package.json": own,
    };
    const out = readPackageLock(lock, { path: "package-lock.json", load: (p) => files[p] });
    assertWellFormed(out);
    assert.deepEqual(out.warnings, [warning]);
    assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [member]);
  }
});

/** The warning for the probe's `outside` package, the folder `../outside` beside the project. */
function outsideWarning(lock: string): string {
  return `${lock}: outside is the local folder ../outside, outside the scanned tree: vouch did ` +
    "not scan its code or read its package.json, and the SBOM has it only as the lock records " +
    "it (no hashes; the registry package of that name is another); scan a folder that holds " +
    "both to include it";
}

Deno.test("readPackageLock: a linked folder outside the project is a component, with a warning naming it", () => {
  // `npm install` (npm 11) of `"outside": "file:../outside"`: a link to `../outside`, which the
  // scan does not hold. Was: pkg:npm/outside@2.0.0 and no word that its code went unscanned.
  const lock = [
    "{",
    '  "name": "app-npm",',
    '  "version": "1.0.0",',
    '  "lockfileVersion": 3,',
    '  "requires": true,',
    '  "packages": {',
    '    "": {',
    '      "name": "app-npm",',
    '      "version": "1.0.0",',
    '      "dependencies": {',
    '        "outside": "file:../outside"',
    "      }",
    "    },",
    '    "../outside": {',
    '      "version": "2.0.0",',
    '      "dependencies": {',
    '        "ms": "2.1.3"',
    "      }",
    "    },",
    '    "node_modules/outside": {',
    '      "resolved": "../outside",',
    '      "link": true',
    "    }",
    "  }",
    "}",
  ].join("\n");
  const out = readPackageLock(lock, { path: "package-lock.json", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/outside@2.0.0"]);
  assert.deepEqual(out.warnings, [outsideWarning("package-lock.json")]);
});

Deno.test("readPackageLock: a dependency is the nearest up its node_modules path, a middle folder's and a scoped one's too", () => {
  const nm = (path: string, version: string, dependencies: Record<string, string> = {}) => [
    path,
    { version, dependencies },
  ];
  const lock = JSON.stringify({
    lockfileVersion: 3,
    packages: Object.fromEntries([
      ["", { name: "app", dependencies: { a: "1", "@s/c": "1", d: "1" } }],
      nm("node_modules/a", "1.0.0", { b: "2", d: "1" }),
      nm("node_modules/a/node_modules/b", "2.0.0", { d: "3", e: "1" }),
      nm("node_modules/a/node_modules/b/node_modules/d", "3.0.0", { e: "1" }),
      nm("node_modules/a/node_modules/e", "2.0.0"),
      nm("node_modules/@s/c", "1.0.0", { d: "4", b: "1" }),
      nm("node_modules/@s/c/node_modules/d", "4.0.0", { b: "1" }),
      nm("node_modules/@s/c/node_modules/d/node_modules/b", "3.0.0"),
      nm("node_modules/b", "1.0.0", { d: "1" }),
      nm("node_modules/d", "1.0.0", { e: "1" }),
      nm("node_modules/e", "1.0.0"),
    ]),
  });
  const out = readPackageLock(lock, { path: "package-lock.json" });
  const edges = (id: string): string[] => edgesFrom(out, `pkg:npm/${id}`);
  assert.deepEqual(edges("a@1.0.0"), ["pkg:npm/b@2.0.0 runtime", "pkg:npm/d@1.0.0 runtime"]);
  // a's b: its own d, and a's e (the middle folder's).
  assert.deepEqual(edges("b@2.0.0"), ["pkg:npm/d@3.0.0 runtime", "pkg:npm/e@2.0.0 runtime"]);
  assert.deepEqual(edges("d@3.0.0"), ["pkg:npm/e@2.0.0 runtime"]);
  assert.deepEqual(edges("%40s/c@1.0.0"), ["pkg:npm/b@1.0.0 runtime", "pkg:npm/d@4.0.0 runtime"]);
  assert.deepEqual(edges("d@4.0.0"), ["pkg:npm/b@3.0.0 runtime"]);
  assert.deepEqual(edges("b@1.0.0"), ["pkg:npm/d@1.0.0 runtime"]);
  assert.deepEqual(edges("d@1.0.0"), ["pkg:npm/e@1.0.0 runtime"]);
});
