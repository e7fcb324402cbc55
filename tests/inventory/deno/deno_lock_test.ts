import assert from "node:assert/strict";
import { configuredLock, readDenoLock } from "../../../src/inventory/deno/deno_lock.ts";
import { loadInventory, readInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../../_util.ts";
import { writeTree } from "../_tree.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";

const read = (file: string) =>
  readDenoLock(Deno.readTextFileSync(fixture("deno", file)), { path: "deno.lock" });

/** From the registry its `tarball` names (fixtures/deno/v5), not npm's. */
const WRAP_ANSI = "pkg:npm/wrap-ansi@7.0.0?repository_url=https:%2F%2Fnpm.example.com";
const REMOTE = "pkg:generic/deno.land/std%400.200.0/path/mod.ts?download_url=" +
  "https:%2F%2Fdeno.land%2Fstd%400.200.0%2Fpath%2Fmod.ts";

Deno.test("readDenoLock reads a v5 workspace lock with peer-suffixed npm keys", () => {
  const out = read("v5/deno.lock");
  assertWellFormed(out);
  assert.deepEqual(out.members, [
    { id: "workspace:packages/app", name: "packages/app" },
    { id: "workspace:packages/web", name: "packages/web" },
  ]);
  assert.deepEqual(out.components.map((c) => c.id), [
    REMOTE,
    "pkg:jsr/%40std/assert@1.0.13",
    "pkg:jsr/%40std/internal@1.0.6",
    "pkg:npm/%40preact/signals-core@1.8.0",
    "pkg:npm/%40preact/signals@2.0.1",
    "pkg:npm/fsevents@2.3.3",
    "pkg:npm/preact@10.26.4",
    "pkg:npm/react-thing@1.0.0",
    "pkg:npm/react@18.3.1",
    "pkg:npm/react@19.0.0",
    WRAP_ANSI,
  ]);
  const byId = new Map(out.components.map((c) => [c.id, c]));
  assert.deepEqual(byId.get("pkg:jsr/%40std/assert@1.0.13")?.hashes, [
    { alg: "sha256", hex: "ad2bb602fb99b949986fae23b8fa6802abaf00f0035fa0c226f405dae05eed35" },
  ]);
  const thing = byId.get("pkg:npm/react-thing@1.0.0")!;
  assert.equal(thing.version, "1.0.0");
  assert.equal(thing.hashes.length, 1);
  assert.match(thing.hashes[0].hex, /^d0dd596626606b94[0-9a-f]{112}$/);
  assert.deepEqual(byId.get("pkg:npm/fsevents@2.3.3")?.scopes, ["optional"]);
  assert.deepEqual(byId.get("pkg:npm/react@19.0.0")?.scopes, ["runtime"]);
  assert.equal(
    byId.get(WRAP_ANSI)?.downloadLocation,
    "https://npm.example.com/wrap-ansi/-/wrap-ansi-7.0.0.tgz",
  );
  assert.equal(byId.get(REMOTE)?.name, "deno.land/std@0.200.0/path/mod.ts");
  assert.equal(byId.get(REMOTE)?.version, undefined);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:jsr/%40std/assert@1.0.13 runtime",
    "pkg:npm/preact@10.26.4 runtime",
    "workspace:packages/app runtime",
    "workspace:packages/web runtime",
  ]);
  // jsr:@app/core@0 resolves to no locked package: it is a workspace member, skipped.
  assert.deepEqual(edgesFrom(out, "workspace:packages/app"), [
    "pkg:npm/%40preact/signals@2.0.1 runtime",
    "pkg:npm/react-thing@1.0.0 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:packages/web"), [
    "pkg:npm/react-thing@1.0.0 runtime",
  ]);
  // Both peer variants' dependencies belong to the one collapsed component.
  assert.deepEqual(edgesFrom(out, "pkg:npm/react-thing@1.0.0"), [
    "pkg:npm/fsevents@2.3.3 optional",
    "pkg:npm/react@18.3.1 runtime",
    "pkg:npm/react@19.0.0 runtime",
    `${WRAP_ANSI} runtime`,
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:jsr/%40std/assert@1.0.13"), [
    "pkg:jsr/%40std/internal@1.0.6 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/%40preact/signals@2.0.1"), [
    "pkg:npm/%40preact/signals-core@1.8.0 runtime",
    "pkg:npm/preact@10.26.4 runtime",
  ]);
  assert.deepEqual(
    out.components.filter((c) => c.direct).map((c) => c.id),
    [
      "pkg:jsr/%40std/assert@1.0.13",
      "pkg:npm/%40preact/signals@2.0.1",
      "pkg:npm/preact@10.26.4",
      "pkg:npm/react-thing@1.0.0",
    ],
  );
});

Deno.test("readDenoLock reads v4 map-style npm dependencies and packageJson deps", () => {
  const out = read("v4/deno.lock");
  assertWellFormed(out);
  assert.deepEqual(out.members, []);
  assert.equal(out.components.length, 7);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:jsr/%40std/path@1.0.8 runtime",
    "pkg:npm/chalk@5.3.0 runtime",
    "pkg:npm/express@4.21.2 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/express@4.21.2"), [
    "pkg:npm/debug@2.6.9 runtime",
    "pkg:npm/legacy-ms@2.0.0 runtime",
    "pkg:npm/ms@2.1.3 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:npm/debug@2.6.9"), ["pkg:npm/ms@2.0.0 runtime"]);
});

Deno.test("readDenoLock reads v3 (packages table), v2 (npm only) and unversioned locks", () => {
  const v3 = read("v3/deno.lock");
  assertWellFormed(v3);
  assert.deepEqual(v3.components.map((c) => c.id), [
    "pkg:generic/deno.land/x/oak%40v12.6.1/mod.ts?download_url=https:%2F%2Fdeno.land%2Fx%2Foak" +
    "%40v12.6.1%2Fmod.ts",
    "pkg:jsr/%40std/assert@0.221.0",
    "pkg:jsr/%40std/fmt@0.221.0",
    "pkg:npm/ansi-styles@4.3.0",
    "pkg:npm/chalk@4.1.2",
    "pkg:npm/color-convert@2.0.1",
    "pkg:npm/preact-render-to-string@6.2.1",
    "pkg:npm/preact@10.19.2",
  ]);
  assert.deepEqual(edgesFrom(v3, ROOT_ID), [
    "pkg:jsr/%40std/assert@0.221.0 runtime",
    "pkg:npm/chalk@4.1.2 runtime",
    "pkg:npm/preact-render-to-string@6.2.1 runtime",
    "pkg:npm/preact@10.19.2 runtime",
  ]);
  assert.deepEqual(edgesFrom(v3, "pkg:jsr/%40std/assert@0.221.0"), [
    "pkg:jsr/%40std/fmt@0.221.0 runtime",
  ]);
  assert.deepEqual(edgesFrom(v3, "pkg:npm/chalk@4.1.2"), ["pkg:npm/ansi-styles@4.3.0 runtime"]);
  const v2 = read("v2/deno.lock");
  assertWellFormed(v2);
  assert.deepEqual(v2.components.map((c) => c.purl).filter((p) => p.startsWith("pkg:npm")), [
    "pkg:npm/chalk@4.1.2",
    "pkg:npm/has-flag@4.0.0",
    "pkg:npm/supports-color@7.2.0",
  ]);
  assert.equal(v2.components.length, 4);
  assert.deepEqual(edgesFrom(v2, "pkg:npm/supports-color@7.2.0"), [
    "pkg:npm/has-flag@4.0.0 runtime",
  ]);
  const v1 = read("v1/deno.lock");
  assertWellFormed(v1);
  assert.deepEqual(v1.components.map((c) => c.name), [
    "deno.land/std@0.150.0/fmt/colors.ts",
    "deno.land/x/cliffy@v0.25.7/mod.ts",
  ]);
});

Deno.test("readDenoLock leaves out data: URLs, inline modules that Deno before 2 locked", () => {
  // denoland/std's v2 lock keys a test's `import "data:text/javascript,…"` among its remote
  // modules: the module's code is the URL, nothing is downloaded, no dependency.
  const data = "data:text/javascript,%0Aimport%20*%20as%20JSONC%20from%20%22file%3A%2F%2F%2F" +
    "Users%2Fasher%2Fdeno_std%2Fencoding%2Fjsonc.ts%22%3B%0A";
  const url = "https://deno.land/std@0.200.0/path/mod.ts";
  const hash = "30455035d6d728394781c10755351742dd731e3db6771b1843f9b9e490104d37";
  const v2 = readDenoLock(
    JSON.stringify({ version: "2", remote: { [data]: hash, [url]: hash } }),
    { path: "deno.lock" },
  );
  assertWellFormed(v2);
  assert.deepEqual(v2.components.map((c) => c.id), [REMOTE]);
  // The unversioned lock of Deno before 1.28 had them too: still that lock, not an unknown one.
  const v1 = readDenoLock(JSON.stringify({ [data]: hash, [url]: hash }), { path: "deno.lock" });
  assert.deepEqual(v1.components.map((c) => c.id), [REMOTE]);
});

Deno.test("readDenoLock rejects other versions and malformed or truncated files", () => {
  assertVouchError(
    () => read("invalid/wrong-version/deno.lock"),
    "inventory.deno_lock.unsupported_version",
    /^deno\.lock:2: deno\.lock version "6" is not supported/,
  );
  assertVouchError(
    () => read("invalid/malformed/deno.lock"),
    "inventory.deno_lock.invalid",
    /^deno\.lock:12: invalid JSON/,
  );
  assertVouchError(
    () => read("invalid/truncated/deno.lock"),
    "inventory.deno_lock.invalid",
    /^deno\.lock:46: invalid JSON: Unexpected end of JSON input/,
  );
  assertVouchError(
    () => readDenoLock('{"version": "5",\n"npm": {\n"nover": {}}}', { path: "x/deno.lock" }),
    "inventory.deno_lock.invalid",
    /^x\/deno\.lock:3: npm entry "nover" is malformed/,
  );
  assertVouchError(
    () => readDenoLock('{"version": "4",\n"remote": {\n"not a url": "00"}}', { path: "deno.lock" }),
    "inventory.deno_lock.invalid",
    /^deno\.lock:3: remote entry "not a url" is not a URL/,
  );
});

Deno.test("readDenoLock matches the fresh v5 lock exactly", () => {
  if (skipWithoutShared("fresh deno.lock accuracy")) return;
  const text = Deno.readTextFileSync(`${SHARED_DIR}/corpus/denoland__fresh/deno.lock`);
  const out = readDenoLock(text, { path: "deno.lock" });
  assertWellFormed(out);
  // Counted with a script: 48 jsr keys + 808 npm keys, 808 distinct npm name@version once the
  // `_peer` suffixes (218 keys carry one) are cut; no remote entries.
  assert.equal(out.components.filter((c) => c.ecosystem === "jsr").length, 48);
  assert.equal(out.components.filter((c) => c.ecosystem === "npm").length, 808);
  assert.equal(out.components.length, 856);
  assert.equal(out.members.length, 6);
  assert.ok(!out.components.some((c) => c.version?.includes("_")));
  const ids = new Set(out.components.map((c) => c.id));
  for (
    const purl of [
      "pkg:jsr/%40std/toml@1.0.10",
      "pkg:jsr/%40std/toml@1.0.11",
      "pkg:jsr/%40deno/cache-dir@0.14.0",
      "pkg:jsr/%40deno/cache-dir@0.22.2",
      "pkg:npm/%40algolia/autocomplete-core@1.17.9", // key has a peer suffix
      "pkg:npm/%40prefresh/vite@2.4.11", // nested peer suffix (`__`)
      "pkg:npm/string-width@4.2.3", // target of the string-width-cjs alias
    ]
  ) assert.ok(ids.has(purl), purl);
  // Bare `jsr:@std/toml` means the single requirement `jsr:@std/toml@^1.0.3` → 1.0.11.
  assert.deepEqual(edgesFrom(out, "pkg:jsr/%40std/front-matter@1.0.9"), [
    "pkg:jsr/%40std/toml@1.0.11 runtime",
    "pkg:jsr/%40std/yaml@1.0.10 runtime",
  ]);
  assert.ok(
    edgesFrom(out, "workspace:packages/fresh").includes("pkg:npm/preact@10.29.1 runtime"),
  );
});

Deno.test("readDenoLock: an npm entry @jsr/scope__name is the JSR package", () => {
  const out = readDenoLock(
    JSON.stringify({
      version: "5",
      specifiers: { "npm:@jsr/std__path@^1.0.8": "1.0.8" },
      npm: {
        "@jsr/std__path@1.0.8": {
          integrity: "sha512-" + "A".repeat(86) + "==",
          tarball: "https://npm.jsr.io/~/11/@jsr/std__path/1.0.8.tgz",
        },
      },
      workspace: { dependencies: ["npm:@jsr/std__path@^1.0.8"] },
    }),
    { path: "deno.lock" },
  );
  assert.deepEqual(out.components.map((c) => [c.id, c.name, c.ecosystem, c.direct]), [
    ["pkg:jsr/%40std/path@1.0.8", "@std/path", "jsr", true],
  ]);
  assert.deepEqual(out.components[0].hashes, []);
  assert.equal(out.components[0].distributions?.[0].hashes[0].alg, "sha512");
});

Deno.test("readDenoLock: an npm entry's tarball of another registry is its repository_url, as the npm locks give it", () => {
  // Deno writes `tarball` where the package does not come from the default registry (an
  // .npmrc registry): the purl names that registry, as package-lock.json's `resolved` does.
  const integrity = "sha512-" + "A".repeat(86) + "==";
  const out = readDenoLock(
    JSON.stringify({
      version: "5",
      specifiers: {
        "npm:@acme/ui@^2.0.0": "2.1.0",
        "npm:lodash@^4.17.21": "4.17.21",
        "npm:left-pad@^1.3.0": "1.3.0",
      },
      npm: {
        "@acme/ui@2.1.0": {
          integrity,
          tarball: "https://npm.acme.test/repository/npm/@acme/ui/-/ui-2.1.0.tgz",
        },
        "left-pad@1.3.0": {
          integrity,
          tarball: "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
        },
        "lodash@4.17.21": { integrity, tarball: "https://files.acme.test/lodash.tgz" },
      },
      workspace: {
        dependencies: ["npm:@acme/ui@^2.0.0", "npm:left-pad@^1.3.0", "npm:lodash@^4.17.21"],
      },
    }),
    { path: "deno.lock" },
  );
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.purl, c.downloadLocation]), [
    [
      "pkg:npm/%40acme/ui@2.1.0?repository_url=https:%2F%2Fnpm.acme.test%2Frepository%2Fnpm",
      "https://npm.acme.test/repository/npm/@acme/ui/-/ui-2.1.0.tgz",
    ],
    [
      "pkg:npm/left-pad@1.3.0",
      "https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz",
    ],
    [
      "pkg:npm/lodash@4.17.21?download_url=https:%2F%2Ffiles.acme.test%2Flodash.tgz",
      "https://files.acme.test/lodash.tgz",
    ],
  ]);
});

Deno.test("readDenoLock: a packageJson dependency the package.json lists only in devDependencies is dev", () => {
  const dir = fixture("deno", "package-json-dev");
  const load = (path: string): string | undefined => {
    try {
      return Deno.readTextFileSync(`${dir}/${path}`);
    } catch {
      return undefined;
    }
  };
  const text = load("deno.lock")!;
  const scopes = (out: ReturnType<typeof readDenoLock>) =>
    out.components.map((c) => [c.name, c.scopes]);
  assert.deepEqual(scopes(readDenoLock(text, { path: "deno.lock", load })), [
    ["@types/react", ["dev"]],
    ["csstype", ["runtime"]],
    ["prettier", ["dev"]],
    ["react", ["runtime"]],
    ["typescript", ["optional"]], // app: in optionalDependencies (and devDependencies)
  ]);
  assert.deepEqual(
    scopes(readDenoLock(text, { path: "deno.lock" })).map(([, s]) => s),
    [["runtime"], ["runtime"], ["runtime"], ["runtime"], ["runtime"]],
    "without the package.json files nothing tells dev",
  );
});

// An alias in devDependencies (`"my-lodash": "npm:lodash@^4"`): the lock names the package it
// installs (`npm:lodash@^4`), which was runtime.
Deno.test("readDenoLock: a packageJson dependency aliased in devDependencies is dev", () => {
  const sri = `sha512-${btoa(String.fromCharCode(...new Uint8Array(64)))}`;
  const lock = JSON.stringify({
    version: "5",
    specifiers: { "npm:lodash@^4": "4.17.21", "npm:chalk@5": "5.3.0" },
    npm: { "lodash@4.17.21": { integrity: sri }, "chalk@5.3.0": { integrity: sri } },
    workspace: { packageJson: { dependencies: ["npm:chalk@5", "npm:lodash@^4"] } },
  });
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      dependencies: { chalk: "5" },
      devDependencies: { "my-lodash": "npm:lodash@^4" },
    }),
  };
  const out = readDenoLock(lock, { path: "deno.lock", load: (p) => files[p] });
  assert.deepEqual(out.components.map((c) => [c.name, c.scopes]), [
    ["chalk", ["runtime"]],
    ["lodash", ["dev"]],
  ]);
});

Deno.test("readDenoLock: a packageJson dependency the package.json lists in optionalDependencies is optional", () => {
  const sri = `sha512-${btoa(String.fromCharCode(...new Uint8Array(64)))}`;
  const lock = JSON.stringify({
    version: "5",
    specifiers: {
      "npm:chokidar@^3.6.0": "3.6.0",
      "npm:fsevents@^2.3.3": "2.3.3",
      "npm:react@^18": "18.3.1",
    },
    npm: {
      "chokidar@3.6.0": { integrity: sri, optionalDependencies: ["fsevents"] },
      "fsevents@2.3.3": { integrity: sri, os: ["darwin"] },
      "react@18.3.1": { integrity: sri },
    },
    workspace: {
      packageJson: {
        dependencies: ["npm:chokidar@^3.6.0", "npm:fsevents@^2.3.3", "npm:react@^18"],
      },
    },
  });
  const files: Record<string, string> = {
    // npm: an optionalDependencies entry overrides one of the same name in dependencies.
    "package.json": JSON.stringify({
      dependencies: { chokidar: "^3.6.0", react: "^18", fsevents: "^2.3.3" },
      optionalDependencies: { fsevents: "^2.3.3" },
    }),
  };
  const out = readDenoLock(lock, { path: "deno.lock", load: (p) => files[p] });
  assert.deepEqual(out.components.map((c) => [c.name, c.direct, c.scopes]), [
    ["chokidar", true, ["runtime"]],
    ["fsevents", true, ["optional"]],
    ["react", true, ["runtime"]],
  ]);
  assert.ok(out.edges.some((e) => e.to === "pkg:npm/fsevents@2.3.3" && e.scope === "optional"));
});

// dsherret/dax: `npm:esbuild@0.20.0` is written in a build script, not in deno.json, so no
// declaration reaches it; its 23 platform packages (`optionalDependencies`) were required.
Deno.test("readDenoLock: what a package no declaration reaches needs optionally is optional", () => {
  const sri = `sha512-${btoa(String.fromCharCode(...new Uint8Array(64)))}`;
  const lock = JSON.stringify({
    version: "5",
    specifiers: {
      "jsr:@std/path@1": "1.1.4",
      "npm:@types/node@*": "22.15.15",
      "npm:esbuild@0.20.0": "0.20.0",
    },
    jsr: { "@std/path@1.1.4": { integrity: "a".repeat(64) } },
    npm: {
      "@esbuild/linux-x64@0.20.0": { integrity: sri, os: ["linux"], cpu: ["x64"] },
      "@esbuild/win32-x64@0.20.0": { integrity: sri, os: ["win32"], cpu: ["x64"] },
      "@types/node@22.15.15": { integrity: sri, dependencies: ["undici-types"] },
      "esbuild@0.20.0": {
        integrity: sri,
        optionalDependencies: ["@esbuild/linux-x64", "@esbuild/win32-x64"],
        scripts: true,
        bin: true,
      },
      "undici-types@6.21.0": { integrity: sri },
    },
    workspace: { dependencies: ["jsr:@std/path@1"] },
  });
  const out = readDenoLock(lock, { path: "deno.lock" });
  assert.deepEqual(out.components.map((c) => [c.name, c.scopes]), [
    ["@std/path", ["runtime"]],
    ["@esbuild/linux-x64", ["optional"]],
    ["@esbuild/win32-x64", ["optional"]],
    ["@types/node", ["runtime"]],
    ["esbuild", ["runtime"]],
    ["undici-types", ["runtime"]],
  ]);
});

Deno.test("readDenoLock: a JSR package's bare npm: dependency is the one requirement of that name, however many versions are locked", () => {
  // denoland/saaskit's lock (Deno 2, v5): @fresh/plugin-tailwind needs postcss@8.4.35, and
  // tailwindcss's peer is postcss@8.5.3. `specifiers` holds one postcss requirement, so Deno
  // writes the dependency as the bare `npm:postcss` and reads it back as `npm:postcss@8.4.35`.
  const sri = `sha512-${btoa(String.fromCharCode(...new Uint8Array(64)))}`;
  const lock = JSON.stringify({
    version: "5",
    specifiers: {
      "jsr:@fresh/plugin-tailwind@^0.0.1-alpha.7": "0.0.1-alpha.7",
      "npm:postcss@8.4.35": "8.4.35",
      "npm:tailwindcss@3.4.1": "3.4.1_postcss@8.5.3",
    },
    jsr: {
      "@fresh/plugin-tailwind@0.0.1-alpha.7": {
        integrity: "b940991bdb76f0995dc58b25183f1001d72c4020e049d384ad3fb751556aa2a9",
        dependencies: ["npm:postcss", "npm:tailwindcss@3.4.1"],
      },
    },
    npm: {
      "nanoid@3.3.11": { integrity: sri, bin: true },
      "postcss@8.4.35": { integrity: sri, dependencies: ["nanoid"] },
      "postcss@8.5.3": { integrity: sri, dependencies: ["nanoid"] },
      "tailwindcss@3.4.1_postcss@8.5.3": { integrity: sri, dependencies: ["postcss@8.5.3"] },
    },
    workspace: { dependencies: ["jsr:@fresh/plugin-tailwind@^0.0.1-alpha.7"] },
  });
  const out = readDenoLock(lock, { path: "deno.lock" });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, "pkg:jsr/%40fresh/plugin-tailwind@0.0.1-alpha.7"), [
    "pkg:npm/postcss@8.4.35 runtime",
    "pkg:npm/tailwindcss@3.4.1 runtime",
  ]);
});

Deno.test("readDenoLock: an npm package deno.json links from a folder of the project is that member, not a component", () => {
  // Deno 2.9 wrote this for `"links": ["./local-foo"]` (local-foo/package.json: local-foo
  // 2.3.4): the npm entry of a linked package has no integrity, and `workspace.links` names it.
  // Was: pkg:npm/local-foo@2.3.4 beside the member workspace:local-foo (the package.json
  // reader's). A linked folder outside the project (`../greeter`) stays a component, as an
  // npm lock's link outside the project is.
  const sri =
    "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/AAAAAAAAAA==" +
    "tXtF3WRTlA==";
  const lock = JSON.stringify(
    {
      version: "5",
      specifiers: {
        "npm:greeter@0.1.0": "0.1.0",
        "npm:local-foo@2.3.4": "2.3.4",
        "npm:picocolors@1.1.1": "1.1.1",
      },
      npm: {
        "greeter@0.1.0": {},
        "local-foo@2.3.4": { dependencies: ["ms"] },
        "ms@2.1.3": { integrity: sri },
        "picocolors@1.1.1": { integrity: sri },
      },
      workspace: {
        dependencies: ["npm:greeter@0.1.0", "npm:local-foo@2.3.4", "npm:picocolors@1.1.1"],
        links: {
          "npm:greeter@0.1.0": {},
          "npm:local-foo@2.3.4": { dependencies: ["npm:ms@2.1.3"] },
        },
      },
    },
    null,
    2,
  );
  const files: Record<string, string> = {
    "app/deno.json": '{ "nodeModulesDir": "auto", "links": ["./local-foo", "../greeter"] }',
    "app/local-foo/package.json": '{ "name": "local-foo", "version": "2.3.4" }',
  };
  const out = readDenoLock(lock, { path: "app/deno.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members, [
    {
      id: "workspace:app/local-foo",
      name: "local-foo",
      version: "2.3.4",
      purl: "pkg:npm/local-foo@2.3.4",
    },
  ]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes}`), [
    "pkg:npm/greeter@0.1.0 runtime",
    "pkg:npm/ms@2.1.3 runtime",
    "pkg:npm/picocolors@1.1.1 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:npm/greeter@0.1.0 runtime",
    "pkg:npm/picocolors@1.1.1 runtime",
    "workspace:app/local-foo runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:app/local-foo"), ["pkg:npm/ms@2.1.3 runtime"]);
});

Deno.test("readDenoLock: a JSR package deno.json links from a folder of the project is that member, with its dependencies", () => {
  // Deno 2.9 wrote this for `"links": ["./greeter"]` (greeter/deno.json: @acme/greeter 0.1.0,
  // importing npm:ms@2.1.3): no jsr entry, only `workspace.links`. Was: no member, and ms
  // reached from nothing.
  const lock = JSON.stringify(
    {
      version: "5",
      specifiers: { "npm:ms@2.1.3": "2.1.3" },
      npm: {
        "ms@2.1.3": {
          integrity:
            "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==",
        },
      },
      workspace: {
        dependencies: ["jsr:@acme/greeter@0.1"],
        links: { "jsr:@acme/greeter@0.1.0": { dependencies: ["npm:ms@2.1.3"] } },
      },
    },
    null,
    2,
  );
  const files: Record<string, string> = {
    "deno.json":
      '{ "links": ["./greeter"], "imports": { "@acme/greeter": "jsr:@acme/greeter@^0.1.0" } }',
    "greeter/deno.json": '{ "name": "@acme/greeter", "version": "0.1.0", "exports": "./mod.ts" }',
  };
  const out = readDenoLock(lock, { path: "deno.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members, [
    {
      id: "workspace:greeter",
      name: "@acme/greeter",
      version: "0.1.0",
      purl: "pkg:jsr/%40acme/greeter@0.1.0",
    },
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["workspace:greeter runtime"]);
  assert.deepEqual(edgesFrom(out, "workspace:greeter"), ["pkg:npm/ms@2.1.3 runtime"]);
});

Deno.test("readDenoLock: Deno before 2.3.6 called links `patch` (deno.json) and `patches` (the lock)", () => {
  // What Deno 2.3 wrote for `"patch": ["./greeter"]`, which Deno still reads: the same member.
  const lock = JSON.stringify({
    version: "5",
    specifiers: { "npm:ms@2.1.3": "2.1.3" },
    npm: {
      "ms@2.1.3": {
        integrity:
          "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
      },
    },
    workspace: {
      dependencies: ["jsr:@acme/greeter@0.1"],
      patches: { "jsr:@acme/greeter@0.1.0": { dependencies: ["npm:ms@2.1.3"] } },
    },
  });
  const files: Record<string, string> = {
    "deno.json": '{ "patch": ["./greeter"] }',
    "greeter/deno.json": '{ "name": "@acme/greeter", "version": "0.1.0", "exports": "./mod.ts" }',
  };
  const out = readDenoLock(lock, { path: "deno.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
    "workspace:greeter pkg:jsr/%40acme/greeter@0.1.0",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["workspace:greeter runtime"]);
  assert.deepEqual(edgesFrom(out, "workspace:greeter"), ["pkg:npm/ms@2.1.3 runtime"]);
});

Deno.test("readDenoLock: a workspace member is its folder from the project root, named by its deno.json or package.json", () => {
  // Deno 2.9 wrote this for app/deno.json `"workspace": ["./packages/core",
  // "./packages/nodepkg"]`, core a JSR package (deno.json), nodepkg an npm one (package.json
  // only). Was: workspace:packages/core named "packages/core", a folder the project does not
  // have, and nodepkg twice (the package.json reader's workspace:app/packages/nodepkg).
  const sri =
    "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/AAAAAAAAAA==" +
    "tXtF3WRTlA==";
  const lock = JSON.stringify(
    {
      version: "5",
      specifiers: { "npm:ms@^2.1.0": "2.1.3", "npm:semver@^7.6.0": "7.6.3" },
      npm: { "ms@2.1.3": { integrity: sri }, "semver@7.6.3": { integrity: sri } },
      workspace: {
        members: {
          "packages/core": { dependencies: ["npm:ms@^2.1.0"] },
          "packages/nodepkg": { packageJson: { dependencies: ["npm:semver@^7.6.0"] } },
        },
      },
    },
    null,
    2,
  );
  const files: Record<string, string> = {
    "app/deno.json": '{ "workspace": ["./packages/core", "./packages/nodepkg"] }',
    "app/packages/core/deno.json":
      '{ "name": "@d2/core", "version": "0.1.0", "exports": "./mod.ts" }',
    "app/packages/nodepkg/package.json": '{ "name": "@d2/nodepkg", "version": "1.0.0" }',
  };
  const out = readDenoLock(lock, { path: "app/deno.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members, [
    {
      id: "workspace:app/packages/core",
      name: "@d2/core",
      version: "0.1.0",
      purl: "pkg:jsr/%40d2/core@0.1.0",
    },
    {
      id: "workspace:app/packages/nodepkg",
      name: "@d2/nodepkg",
      version: "1.0.0",
      purl: "pkg:npm/%40d2/nodepkg@1.0.0",
    },
  ]);
  assert.deepEqual(edgesFrom(out, "workspace:app/packages/core"), ["pkg:npm/ms@2.1.3 runtime"]);
  assert.deepEqual(edgesFrom(out, "workspace:app/packages/nodepkg"), [
    "pkg:npm/semver@7.6.3 runtime",
  ]);
});

Deno.test("readDenoLock: a member's dependency on another member by name is the edge to it", () => {
  // Deno 2.9 wrote this for an npm workspace (package.json `"workspaces": ["packages/*"]`),
  // packages/a declaring `"@d6/b": "*"`: the lock records the request, and no package for it
  // (Deno links the member). Was: no edge from a to b; an npm lock gives one.
  const lock = JSON.stringify(
    {
      version: "5",
      specifiers: { "npm:ms@2.1.3": "2.1.3" },
      npm: {
        "ms@2.1.3": {
          integrity:
            "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==",
        },
      },
      workspace: {
        members: {
          "packages/a": { packageJson: { dependencies: ["npm:@d6/b@*", "npm:ms@2.1.3"] } },
          "packages/b": {},
        },
      },
    },
    null,
    2,
  );
  const files: Record<string, string> = {
    "package.json": '{ "name": "d6", "workspaces": ["packages/*"] }',
    "packages/a/package.json":
      '{ "name": "@d6/a", "version": "1.0.0", "dependencies": { "@d6/b": "*", "ms": "2.1.3" } }',
    "packages/b/package.json": '{ "name": "@d6/b", "version": "0.5.0" }',
  };
  const out = readDenoLock(lock, { path: "deno.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, "workspace:packages/a"), [
    "pkg:npm/ms@2.1.3 runtime",
    "workspace:packages/b runtime",
  ]);
});

Deno.test("readDenoLock: the deno.json beside the lock names the project, the JSR package it publishes", () => {
  // The shape of denoland/deployctl: a v4 lock and a deno.json with `name` and `version`.
  const lock = JSON.stringify({
    version: "4",
    specifiers: { "jsr:@std/fmt@1": "1.0.2" },
    jsr: { "@std/fmt@1.0.2": { integrity: "a".repeat(64) } },
  });
  const files: Record<string, string> = {
    "tools/deno.jsonc": '{\n  // the CLI\n  "name": "@acme/cli",\n  "version": "1.12.0",\n' +
      '  "license": "MIT",\n  "imports": { "@std/fmt": "jsr:@std/fmt@1" },\n}\n',
  };
  const out = readDenoLock(lock, { path: "tools/deno.lock", load: (p) => files[p] });
  assert.deepEqual(out.project, {
    name: "@acme/cli",
    version: "1.12.0",
    purl: "pkg:jsr/%40acme/cli@1.12.0",
    license: "MIT",
  });
  assert.equal(
    readDenoLock(lock, { path: "deno.lock", load: () => '{"imports": {}}' }).project,
    undefined,
  );
});

/** A v4 lock of jsr:@std/path@1 and the package.json dependency npm:chalk@5. */
const SMALL_LOCK = JSON.stringify(
  {
    version: "4",
    specifiers: { "jsr:@std/path@1": "1.0.8", "npm:chalk@5": "5.3.0" },
    jsr: {
      "@std/path@1.0.8": {
        integrity: "c7ff7c94e7a6db83ed0b1b54cfc857c316fcd3aed822485adcefd4a14a84ebfd",
      },
    },
    npm: {
      "chalk@5.3.0": {
        integrity:
          "sha512-R6G5W20deEVt7LWgjWjMjS/hrVeqyhfoh+xos/TYXIcTUi6BpBEMOLJfrGz1r6xJbkg8ZNlazxh/gzJSW9Et1w==",
      },
    },
    workspace: {
      dependencies: ["jsr:@std/path@1"],
      packageJson: { dependencies: ["npm:chalk@5"] },
    },
  },
  null,
  2,
);

Deno.test("configuredLock: where a deno.json's \"lock\" puts Deno's lockfile", () => {
  const cases: Array<[string, string, string | undefined]> = [
    ["{}", "deno.json", "deno.lock"],
    ['{"lock": true}', "app/deno.json", "app/deno.lock"],
    ['{"lock": {"frozen": true}}', "app/deno.json", "app/deno.lock"],
    ['{"lock": false}', "app/deno.json", undefined],
    ['{"lock": "./my.lock"}', "app/deno.json", "app/my.lock"],
    ['{"lock": "../deno.lock"}', "app/deno.json", "deno.lock"],
    ['{"lock": {"path": "locks/deno.lock", "frozen": true}}', "deno.jsonc", "locks/deno.lock"],
    ['{\n  // comment\n  "lock": "x.lock",\n}', "deno.jsonc", "x.lock"],
    ["not json", "deno.json", "deno.lock"],
    ['{"lock": ""}', "app/deno.json", "app/deno.lock"],
  ];
  for (const [text, path, expected] of cases) {
    assert.equal(configuredLock(text, path), expected, `${path}: ${text}`);
  }
});

Deno.test('a deno.json with "lock": false: the deno.lock beside it is not Deno\'s, and not read', async () => {
  // Deno uses no lockfile then (deno_config's resolve_lockfile_path): a deno.lock left there
  // says nothing of what Deno resolves. It was read as the project's lock, and the deno.json
  // counted as resolved.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "deno.json": '{ "lock": false, "imports": { "@std/path": "jsr:@std/path@1" } }',
      "deno.lock": SMALL_LOCK,
    });
    const warnings: string[] = [];
    const { inventory, blockers } = await loadInventory(dir, {
      onWarning: (w) => warnings.push(w),
    });
    assert.deepEqual(inventory.components, []);
    assert.deepEqual(inventory.sources, []);
    assert.deepEqual(inventory.unread, ["deno.json"]);
    assert.ok(
      warnings.includes(
        'deno.lock is not read: deno.json beside it turns the lockfile off (its "lock"), so ' +
          "Deno does not use it",
      ),
      warnings.join("\n"),
    );
    assert.match(
      blockers.find((b) => b.message.startsWith("deno.json "))?.hint ?? "",
      /^its "lock" turns Deno's lockfile off: remove that and commit the lockfile Deno then writes/,
    );
  });
});

Deno.test('a lockfile a deno.json(c) names with "lock" is read, whatever its name; the deno.lock beside it is not', async () => {
  // `"lock": { "path": "./deno-lock.json", "frozen": true }`: Deno reads and writes that file
  // only. It was not read (no reader for its name) and the stray deno.lock was read instead.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "deno.jsonc": '{\n  // JSR package\n  "name": "@acme/tool",\n  "version": "1.2.0",\n' +
        '  "lock": { "path": "./deno-lock.json", "frozen": true },\n}\n',
      "deno-lock.json": SMALL_LOCK,
      "deno.lock": SMALL_LOCK.replaceAll("1.0.8", "0.9.0"),
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:jsr/%40std/path@1.0.8",
      "pkg:npm/chalk@5.3.0",
    ]);
    assert.equal(inventory.project.purl, "pkg:jsr/%40acme/tool@1.2.0");
    assert.deepEqual(inventory.sources, ["deno-lock.json", "deno.jsonc"]);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(warnings, [
      'deno.lock is not read: deno.jsonc beside it names deno-lock.json as its lockfile (its "lock"), so Deno does not use it',
    ]);
  });
});

Deno.test("a lockfile a deno.json names in a subfolder is its folder's project's lock", async () => {
  // `"lock": "locks/deno.lock"`: the workspace and its package.json are the deno.json's folder's.
  // Read as locks/'s own lock, it looked for the package.json there (chalk, a devDependency,
  // was runtime) and left the deno.json unread.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "app/deno.json": '{ "lock": "locks/deno.lock" }',
      "app/package.json": '{ "devDependencies": { "chalk": "^5.3.0" } }',
      "app/locks/deno.lock": SMALL_LOCK,
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(
      inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`),
      ["pkg:jsr/%40std/path@1.0.8 runtime", "pkg:npm/chalk@5.3.0 dev"],
    );
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(inventory.sources, [
      "app/deno.json",
      "app/locks/deno.lock",
      "app/package.json",
    ]);
  });
});

Deno.test('a deno.json whose "lock" names a file that is not in the project says so', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "deno.json": '{ "lock": "../shared/deno.lock" }',
      "sub/deno.json": '{ "lock": "missing.lock" }',
      "other/deno.json": '{ "lock": { "frozen": true } }',
    });
    const { blockers } = await loadInventory(dir);
    const unread = blockers.filter((b) => b.code === "inventory.unread_file");
    assert.deepEqual(unread.map((b) => b.hint.split(";")[0]), [
      'its "lock" names ../shared/deno.lock as Deno\'s lockfile, which is not in the project: commit it there, which vouch reads',
      // The default, deno.lock beside it, keeps the usual hint.
      "commit the deno.lock that deno writes beside it, which vouch reads",
      'its "lock" names sub/missing.lock as Deno\'s lockfile, which is not in the project: commit it there, which vouch reads',
    ]);
  });
});

// deno.json's "lock" may name any file; named with `--lockfile`, it was refused for its name.
Deno.test("readInventory: --lockfile reads a deno.lock of any name by its shape, refuses other JSON", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "deno.json": '{ "name": "@acme/tool", "version": "1.2.0", "lock": "locks/deno-lock.json" }\n',
      "locks/deno-lock.json": SMALL_LOCK,
      "locks/other.json": '{ "version": "4", "name": "not-a-lock" }\n',
    });
    const inventory = await readInventory(dir, { lockfiles: ["locks/deno-lock.json"] });
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:jsr/%40std/path@1.0.8",
      "pkg:npm/chalk@5.3.0",
    ]);
    assert.deepEqual(inventory.sources, ["locks/deno-lock.json"]);
    await assert.rejects(
      () => readInventory(dir, { lockfiles: ["locks/other.json"] }),
      (error: Error & { code?: string }) =>
        error.code === "inventory.unknown_lockfile" &&
        error.message.includes("no reader for this file name"),
    );
  });
});

// Deno locks a workspace in the root's deno.lock alone, and ignores a member's "lock" ("lock"
// field can only be specified in the workspace root deno.json file): a member's stale
// deno.lock added its old chalk 4.0.0 silently, and the lock a member's "lock" named was read.
Deno.test("a deno.lock, or the lock a member's deno.json names, in a Deno workspace member is not used", async () => {
  const root = JSON.parse(SMALL_LOCK);
  root.workspace = { members: { "packages/a": { dependencies: ["npm:chalk@5"] } } };
  const stale = SMALL_LOCK.replaceAll("5.3.0", "4.0.0");
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "deno.json": '{ "workspace": ["./packages/a"] }\n',
      "deno.lock": JSON.stringify(root),
      "packages/a/deno.json": '{ "name": "@acme/a", "version": "1.0.0" }\n',
      "packages/a/deno.lock": stale,
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:jsr/%40std/path@1.0.8",
      "pkg:npm/chalk@5.3.0",
    ]);
    assert.deepEqual(warnings, [
      "packages/a/deno.lock is not used: packages/a/ is a workspace member of deno.lock, which " +
      "locks it (a lock left in a workspace member is stale): its packages are not in the SBOM; " +
      "delete it, or --exclude packages/a/deno.lock",
    ]);
    await writeTree(dir, {
      "packages/a/deno.json": '{ "name": "@acme/a", "version": "1.0.0", "lock": "a.lock" }\n',
      "packages/a/a.lock": stale,
    });
    const named = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(named.components.map((c) => c.id), [
      "pkg:jsr/%40std/path@1.0.8",
      "pkg:npm/chalk@5.3.0",
    ]);
  });
});
