import assert from "node:assert/strict";
import { readPackageJson } from "../../../src/inventory/javascript/package_json.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { cpuStopwatch, fixture, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { assertValidSboms, BERRY_APP, byId } from "./_js_readers.ts";
import { treeContext, writeTree } from "../_tree.ts";

function read(dir: string, path = "package.json"): ReturnType<typeof readPackageJson> {
  const { load, list } = treeContext(dir);
  return readPackageJson(load(path)!, { path, load, list });
}

Deno.test("readPackageJson: declared ranges, no versions invented", async () => {
  const out = read(fixture("js", "package-json", "no-lock"));
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "lockless",
    version: "0.1.0",
    purl: "pkg:npm/lockless@0.1.0",
    license: "MIT",
  });
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.specifier ?? "-"} ${c.version ?? "-"} ${c.scopes}`),
    [
      "pkg:jsr/%40std/path ^1.0.8 - runtime",
      "pkg:npm/JSONStream ~1.3.5 - runtime",
      // In dependencies and devDependencies: npm has it dev at the root, pnpm, Yarn, Bun and
      // consumers runtime; both are kept, at the dependencies range, with a warning.
      "pkg:npm/express ^4.18.2 - dev,runtime",
      "pkg:npm/fsevents ^2.3.2 - optional",
      "pkg:npm/is-positive?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fkevva%2Fis-positive.git%4097edff6 github:kevva/is-positive#97edff6 - runtime",
      "pkg:npm/left-pad@1.3.0 - 1.3.0 runtime", // an exact pin is the version npm installs
      "pkg:npm/react >=17 - runtime",
      "pkg:npm/react-dom >=17 - optional",
      // file:../shared: a folder outside the project, another checkout, is third-party code.
      // Was: a member `workspace:../shared`, as if the project's own.
      "pkg:npm/shared file:../shared - runtime",
      "pkg:npm/string-width ^4.2.0 - runtime",
      "pkg:npm/typescript ^5.4.0 - dev",
      "pkg:npm/xlsx@0.20.2?download_url=https:%2F%2Fcdn.sheetjs.com%2Fxlsx-0.20.2%2Fxlsx-0.20.2.tgz - 0.20.2 runtime",
    ],
  );
  assert.ok(out.components.every((c) => c.direct));
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.name} ${m.version}`), [
    "workspace:packages/tool tool 2.0.0", // workspace:*, found through "workspaces"
  ]);
  // "declared, not resolved" is the inventory's to say; the reader's one warning is express's.
  assert.deepEqual(out.warnings, [
    "package.json: express is in both dependencies (^4.18.2) and devDependencies (^4.0.0): npm " +
    "installs it at the project's root as a dev dependency (`npm install --omit=dev` leaves it " +
    "out), pnpm, Yarn, Bun and the package's consumers as a production one: it is listed as " +
    "both, at the dependencies range; declare it in one field only",
  ]);
  assert.ok(edgesFrom(out, ROOT_ID).includes("pkg:npm/typescript dev"));
  assert.ok(edgesFrom(out, ROOT_ID).includes("pkg:npm/express dev"));
  assert.ok(edgesFrom(out, ROOT_ID).includes("pkg:npm/express runtime"));
  await assertValidSboms(out, "package.json");
});

Deno.test("readPackageJson: a nested package.json is a member", () => {
  const nested = read(fixture("js", "package-json", "no-lock"), "packages/tool/package.json");
  assert.equal(nested.project?.name, "tool");
  assert.deepEqual(nested.members.map((m) => m.id), ["workspace:packages/tool"]);
  assert.deepEqual(edgesFrom(nested, "workspace:packages/tool"), ["pkg:npm/ms runtime"]);
  assert.deepEqual(byId(nested).get("pkg:npm/ms")?.specifier, "^2.1.3");
});

Deno.test("without a lockfile: declared, not resolved, with one warning for all the package.json", async () => {
  const warnings: string[] = [];
  const inventory = await readInventory(fixture("js", "package-json", "no-lock"), {
    onWarning: (w) => warnings.push(w),
  });
  assert.deepEqual(inventory.declaredOnly, ["package.json", "packages/tool/package.json"]);
  assert.deepEqual(warnings, [
    "2 manifests are declared, not resolved (package.json, packages/tool/package.json): no " +
    "lockfile vouch reads resolves them, so their dependencies are as declared (versions only " +
    "where pinned, no transitive dependencies)",
    "package.json: express is in both dependencies (^4.18.2) and devDependencies (^4.0.0): npm " +
    "installs it at the project's root as a dev dependency (`npm install --omit=dev` leaves it " +
    "out), pnpm, Yarn, Bun and the package's consumers as a production one: it is listed as " +
    "both, at the dependencies range; declare it in one field only",
  ]);
  assert.deepEqual(inventory.warnings, warnings);
});

Deno.test("a lockfile above resolves a package.json: the lock's word; what it lacks is declared, with a warning", async () => {
  const warnings: string[] = [];
  const inventory = await readInventory(fixture("js", "package-json", "covered"), {
    onWarning: (w) => warnings.push(w),
  });
  // What the lock lacks is kept as declared (never left out of the SBOM).
  assert.deepEqual(inventory.components.map((c) => [c.id, c.specifier, c.direct]), [
    ["pkg:npm/debug", "^4.3.4", true],
    ["pkg:npm/ms@2.1.3", undefined, true],
  ]);
  assert.equal(inventory.project.name, "covered");
  assert.deepEqual(inventory.declaredOnly, []);
  assert.deepEqual(inventory.sources, ["app/package.json", "package.json", "pnpm-lock.yaml"]);
  assert.deepEqual(warnings, [
    "app/package.json is no workspace of pnpm-lock.yaml (installing from it installs nothing " +
    "app/ declares): what it declares (debug) is as declared (versions only where pinned, no " +
    "transitive dependencies); make app/ a workspace, give it its own lockfile, or --exclude it",
  ]);
});

Deno.test("a package.json a negated workspace pattern leaves out is no workspace of the lock, and the warning says so", async () => {
  // `npm install` (npm 11) with `"workspaces": ["packages/**", "!packages/skip"]` links
  // packages/a alone and installs nothing packages/skip declares (pnpm 10, Yarn 4 and Bun 1.3
  // leave it out too). Was: "resolved by package-lock.json, which does not lock what it
  // declares", as if the lock were stale.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({
        name: "root",
        version: "1.0.0",
        private: true,
        workspaces: ["packages/**", "!packages/skip"],
      }),
      "package-lock.json": JSON.stringify(NEGATED_LOCK, null, 2),
      "packages/a/package.json": JSON.stringify({
        name: "a",
        version: "1.0.0",
        dependencies: { ms: "2.1.3" },
      }),
      "packages/skip/package.json": JSON.stringify({
        name: "skip",
        version: "1.0.0",
        dependencies: { "is-number": "7.0.0" },
      }),
    });
    const warnings: string[] = [];
    await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(warnings, [
      "packages/skip/package.json is no workspace of package-lock.json (installing from it " +
      "installs nothing packages/skip/ declares): what it declares (is-number) is as declared " +
      "(versions only where pinned, no transitive dependencies); make packages/skip/ a " +
      "workspace, give it its own lockfile, or --exclude it",
    ]);
  });
});

/** What `npm install` (npm 11) writes for `"workspaces": ["packages/**", "!packages/skip"]`. */
const NEGATED_LOCK = {
  "name": "root",
  "version": "1.0.0",
  "lockfileVersion": 3,
  "requires": true,
  "packages": {
    "": {
      "name": "root",
      "version": "1.0.0",
      "workspaces": [
        "packages/**",
        "!packages/skip",
      ],
    },
    "node_modules/a": {
      "resolved": "packages/a",
      "link": true,
    },
    "node_modules/b": {
      "resolved": "packages/deep/b",
      "link": true,
    },
    "node_modules/ms": {
      "version": "2.1.3",
      "integrity":
        "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==",
      "license": "MIT",
    },
    "packages/a": {
      "version": "1.0.0",
      "dependencies": {
        "ms": "2.1.3",
      },
    },
    "packages/deep/b": {
      "version": "1.0.0",
      "dependencies": {
        "ms": "2.1.3",
      },
    },
  },
};

Deno.test("readPackageJson rejects malformed JSON with file:line", () => {
  assertVouchError(
    () => read(fixture("js", "package-json", "invalid")),
    "inventory.package_json.invalid",
    /^package\.json:5: invalid JSON/,
  );
});

Deno.test("readPackageJson: pnpm-workspace.yaml's packages locate workspace: members, negations excluding", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n  - '!**/test/**'\n",
      "package.json": JSON.stringify({
        name: "root",
        devDependencies: { "@acme/lib": "workspace:*", "@acme/fixture": "workspace:^" },
      }),
      "packages/lib/package.json": JSON.stringify({ name: "@acme/lib", version: "1.0.0" }),
      "packages/test/package.json": JSON.stringify({ name: "@acme/fixture", version: "0.0.0" }),
    });
    const { load, list } = treeContext(dir);
    const out = readPackageJson(load("package.json")!, { path: "package.json", load, list });
    // '!**/test/**' excludes @acme/fixture: no member of that name, which pnpm refuses.
    assert.deepEqual(out.members.map((m) => m.id), ["workspace:packages/lib"]);
    assert.deepEqual(out.components.map((c) => `${c.id} ${c.specifier}`), [
      "pkg:npm/%40acme/fixture workspace:^",
    ]);
  });
});

Deno.test("readPackageJson: a workspace: range naming no member is a warning and the package as declared, no phantom member (voidzero-dev/vite-plus: submodules not checked out)", async () => {
  await withTempDir(async (dir) => {
    // vite-plus's `vite` and `rolldown` are git submodules listed in pnpm-workspace.yaml;
    // unchecked out, pnpm, Yarn and Bun refuse `workspace:*` ("no package named vite").
    // Was: members `workspace:?vite`, `workspace:?@rolldown/pluginutils`, no warning.
    await writeTree(dir, {
      "pnpm-workspace.yaml":
        "packages:\n  - packages/*\n  - rolldown/packages/*\n  - vite/packages/*\n",
      "package.json": JSON.stringify({ name: "vite-plus-monorepo", private: true }),
      "packages/cli/package.json": JSON.stringify({
        name: "vite-plus",
        version: "1.0.0",
        dependencies: {
          vite: "workspace:*",
          pluginutils: "workspace:@rolldown/pluginutils@^",
          prompts: "workspace:^",
        },
      }),
      "packages/prompts/package.json": JSON.stringify({ name: "prompts", version: "0.1.0" }),
    });
    const out = read(dir, "packages/cli/package.json");
    assert.deepEqual(out.members.map((m) => m.id), [
      "workspace:packages/cli",
      "workspace:packages/prompts",
    ]);
    assert.deepEqual(out.components.map((c) => `${c.id} ${c.version} ${c.specifier}`), [
      "pkg:npm/%40rolldown/pluginutils undefined workspace:@rolldown/pluginutils@^",
      "pkg:npm/vite undefined workspace:*",
    ]);
    assert.deepEqual(out.warnings, [
      "packages/cli/package.json: vite is workspace:*, but no workspace member is named vite: " +
      "it is declared, unresolved (pnpm, Yarn and Bun refuse to install it)",
      "packages/cli/package.json: pluginutils is workspace:@rolldown/pluginutils@^, but no " +
      "workspace member is named @rolldown/pluginutils: it is declared, unresolved (pnpm, Yarn " +
      "and Bun refuse to install it)",
    ]);
  });
});

// Without a lock, Yarn's `exec:` range was an npm package (`pkg:npm/gen`), where the yarn.lock
// reader gives the generated package `pkg:generic`; and `jsr:` under a name that is no
// @scope/name (which pnpm and Yarn refuse) gave a pkg:jsr that names nothing, without a word.
Deno.test("readPackageJson: an exec: range is a generated package; jsr: needs a scoped name; a file: tarball's version is in its name", () => {
  const text = JSON.stringify({
    name: "app",
    dependencies: {
      gen: "exec:./scripts/gen.js",
      j2: "jsr:^1.0.0",
      "@std/path": "jsr:^1.0.0",
      // A tarball on disk: its version from its name, as the locks give it (was none).
      x: "file:vendor/x-1.2.0.tgz",
      "@s/y": "../y/s-y-2.0.0.tgz",
    },
  });
  const out = readPackageJson(text, { path: "web/package.json", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:generic/gen",
    "pkg:jsr/%40std/path",
    "pkg:jsr/j2",
    "pkg:npm/%40s/y@2.0.0",
    "pkg:npm/x@1.2.0",
  ]);
  assert.deepEqual(out.warnings, [
    "web/package.json: j2 is jsr:^1.0.0, but a JSR package is named @scope/name (pnpm and Yarn " +
    "refuse it): its purl pkg:jsr/j2 names no JSR package; write jsr:@scope/name@^1.0.0",
  ]);
});

Deno.test("readPackageJson: workspace:<name>@<range> is the member <name> under an alias, workspace:../<folder> the member there; a jsr: pin is its version (voidzero-dev/vite-plus layout)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
      "package.json": JSON.stringify({ name: "vite-plus-monorepo", private: true }),
      "packages/cli/package.json": JSON.stringify({
        name: "vite-plus",
        version: "1.0.0",
        dependencies: {
          vite: "workspace:@voidzero-dev/vite-plus-core@*",
          prompts: "workspace:prompts@^",
          tools: "workspace:../tools",
          "@std/path": "jsr:1.0.8",
          cases: "jsr:@luca/cases@=1.0.0",
          "@std/fs": "jsr:^1.0.19",
        },
      }),
      "packages/core/package.json": JSON.stringify({
        name: "@voidzero-dev/vite-plus-core",
        version: "0.0.0",
      }),
      "packages/prompts/package.json": JSON.stringify({ name: "prompts", version: "0.1.0" }),
      "packages/tools/package.json": JSON.stringify({ name: "@vp/tools", version: "0.2.0" }),
    });
    const { load, list } = treeContext(dir);
    const path = "packages/cli/package.json";
    const out = readPackageJson(load(path)!, { path, load, list });
    // Not phantom members `workspace:?vite` (pkg:npm/vite) and `workspace:?tools`.
    assert.deepEqual(out.members.map((m) => `${m.id} ${m.purl}`), [
      "workspace:packages/cli pkg:npm/vite-plus@1.0.0",
      "workspace:packages/core pkg:npm/%40voidzero-dev/vite-plus-core@0.0.0",
      "workspace:packages/prompts pkg:npm/prompts@0.1.0",
      "workspace:packages/tools pkg:npm/%40vp/tools@0.2.0",
    ]);
    assert.deepEqual(
      out.components.map((c) => `${c.id} ${c.version ?? "-"} ${c.specifier ?? "-"}`),
      [
        "pkg:jsr/%40luca/cases@1.0.0 1.0.0 -",
        "pkg:jsr/%40std/fs - ^1.0.19",
        "pkg:jsr/%40std/path@1.0.8 1.0.8 -",
      ],
    );
  });
});

Deno.test("readPackageJson: a member's workspace: or link: to the root package is the project itself, no phantom member (antfu/vite-plugin-md layout)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pnpm-workspace.yaml": "packages:\n  - example\n",
      "package.json": JSON.stringify({ name: "vite-plugin-md", version: "0.12.4" }),
      "example/package.json": JSON.stringify({
        private: true,
        devDependencies: { "vite-plugin-md": "workspace:*" },
        dependencies: { "the-root": "link:.." },
      }),
    });
    const { load, list } = treeContext(dir);
    const out = readPackageJson(load("example/package.json")!, {
      path: "example/package.json",
      load,
      list,
    });
    assert.deepEqual(out.members.map((m) => m.id), ["workspace:example"]);
    assert.deepEqual(edgesFrom(out, "workspace:example"), [`${ROOT_ID} dev`, `${ROOT_ID} runtime`]);
    const whole = await readInventory(dir);
    assert.deepEqual(whole.members.map((m) => m.id), ["workspace:example"]);
  });
});

Deno.test("readPackageJson: a plain range a workspace's version satisfies names that workspace, as npm and Yarn link it", async () => {
  await withTempDir(async (dir) => {
    const deps = {
      "@acme/core": "^1.2.0", // 1.4.0-rc.1 is a prerelease: not in ^1.2.0, a registry package
      "@acme/util": "~2.3", // 2.3.7
      cli: ">= 0.9.0 <1", // 0.9.5
      docs: "1.0.0 - 1.x || 3", // 1.5.0
      legacy: "2.0.0", // the member is 1.0.0: the registry's legacy@2.0.0
      tool: "latest", // a dist-tag: no version to compare, the registry's
      plain: "*",
    };
    await writeTree(dir, {
      "package.json": JSON.stringify({ name: "root", workspaces: ["packages/*"] }),
      "packages/app/package.json": JSON.stringify({ name: "app", dependencies: deps }),
      "packages/core/package.json": JSON.stringify({ name: "@acme/core", version: "1.4.0-rc.1" }),
      "packages/util/package.json": JSON.stringify({ name: "@acme/util", version: "2.3.7" }),
      "packages/cli/package.json": JSON.stringify({ name: "cli", version: "0.9.5" }),
      "packages/docs/package.json": JSON.stringify({ name: "docs", version: "1.5.0" }),
      "packages/legacy/package.json": JSON.stringify({ name: "legacy", version: "1.0.0" }),
      "packages/tool/package.json": JSON.stringify({ name: "tool", version: "3.0.0" }),
      "packages/plain/package.json": JSON.stringify({ name: "plain", version: "0.0.1" }),
    });
    const path = "packages/app/package.json";
    const { load, list } = treeContext(dir);
    const out = readPackageJson(load(path)!, { path, load, list });
    assertWellFormed(out);
    assert.deepEqual(out.components.map((c) => `${c.id} ${c.specifier ?? "-"}`), [
      "pkg:npm/%40acme/core ^1.2.0",
      "pkg:npm/legacy@2.0.0 -",
      "pkg:npm/tool latest",
    ]);
    assert.deepEqual(edgesFrom(out, "workspace:packages/app"), [
      "pkg:npm/%40acme/core runtime",
      "pkg:npm/legacy@2.0.0 runtime",
      "pkg:npm/tool runtime",
      "workspace:packages/cli runtime",
      "workspace:packages/docs runtime",
      "workspace:packages/plain runtime",
      "workspace:packages/util runtime",
    ]);
  });
});

Deno.test("readPackageJson: a peer also declared as a dependency is that one declaration; a peer naming a workspace is it", async () => {
  // The "peer + dev" pattern: npm's later dev edge replaces the peer edge, pnpm and Yarn install
  // the dev dependency. Was: an extra version-less pkg:npm/react (and pkg:npm/%40acme/ui) beside
  // the dev pin, and a registry component for a peer on a pnpm workspace.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n",
      "package.json": JSON.stringify({ name: "root", private: true }),
      "packages/app/package.json": JSON.stringify({
        name: "app",
        peerDependencies: { react: "^18 || ^19", "@acme/ui": "^2.0.0", lodash: "^4" },
        devDependencies: { react: "19.0.0" },
        dependencies: { lodash: "^4.17.21" },
        peerDependenciesMeta: { react: { optional: true } },
      }),
      "packages/ui/package.json": JSON.stringify({ name: "@acme/ui", version: "1.0.0" }),
    });
    const path = "packages/app/package.json";
    const { load, list } = treeContext(dir);
    const out = readPackageJson(load(path)!, { path, load, list });
    assertWellFormed(out);
    assert.deepEqual(out.components.map((c) => `${c.id} ${c.specifier ?? "-"} ${c.scopes}`), [
      "pkg:npm/lodash ^4.17.21 runtime",
      "pkg:npm/react@19.0.0 - dev",
    ]);
    assert.deepEqual(edgesFrom(out, "workspace:packages/app"), [
      "pkg:npm/lodash runtime",
      "pkg:npm/react@19.0.0 dev",
      "workspace:packages/ui runtime",
    ]);
  });
});

Deno.test("readPackageJson: .yarnrc.yml's catalogs are read as Yarn merges its settings, onConflict a directive", () => {
  // Yarn reads `catalog`/`catalogs` from its merged configuration (configUtils.ts
  // resolveValueAt: a map with `onConflict` is a directive, its value the rest of the map or its
  // `value`), as _yarnrc.ts reads them for yarn.lock. Was: the file's plain YAML, so the
  // `value` map hid `react` (a warning, its range unknown) and `onConflict` was a package name.
  const rc = [
    "catalog:",
    "  onConflict: reset",
    "  value:",
    "    react: ^18.3.1",
    "catalogs:",
    "  tools:",
    "    onConflict: extend",
    "    typescript: ~5.6.3",
    "nodeLinker: node-modules",
    "",
  ].join("\n");
  const manifest = JSON.stringify({
    name: "app",
    packageManager: "yarn@4.10.3",
    dependencies: { react: "catalog:" },
    devDependencies: { typescript: "catalog:tools" },
  });
  const files: Record<string, string> = { ".yarnrc.yml": rc, "package.json": manifest };
  const out = readPackageJson(manifest, { path: "package.json", load: (p) => files[p] });
  assert.equal(out.warnings, undefined);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.specifier}`), [
    "pkg:npm/react ^18.3.1",
    "pkg:npm/typescript ~5.6.3",
  ]);
});

Deno.test("readPackageJson: a catalog: range is the catalog's (pnpm-workspace.yaml, Bun's workspaces, .yarnrc.yml)", () => {
  // Without a lock, `catalog:` names no package range: the catalog does, and may alias another
  // package (`npm:rolldown-vite@latest`). Was: `pkg:npm/vite` with the specifier `catalog:`.
  const member = JSON.stringify({
    name: "core",
    dependencies: {
      "estree-walker": "catalog:",
      lodash: "catalog:legacy",
      vite: "catalog:default",
    },
    devDependencies: { missing: "catalog:" },
  });
  const specs = (files: Record<string, string>): string[] => {
    const result = readPackageJson(member, {
      path: "packages/core/package.json",
      load: (p) => files[p],
    });
    // The tools refuse a catalog that names nothing: a warning, not a silent specifier.
    assert.deepEqual(result.warnings, [
      "packages/core/package.json: missing is catalog:, which no catalog of the workspace " +
      "defines (pnpm-workspace.yaml, the root package.json, .yarnrc.yml): its range is unknown",
    ]);
    return result.components.map((c) => `${c.id} ${c.specifier}`);
  };
  const expected = [
    "pkg:npm/estree-walker ^2.0.2",
    "pkg:npm/lodash ^4.17.21",
    "pkg:npm/missing catalog:", // in no catalog: left as declared
    "pkg:npm/rolldown-vite latest",
  ];
  const catalogYaml = [
    "catalog:",
    "  estree-walker: ^2.0.2",
    "  vite: npm:rolldown-vite@latest",
    "catalogs:",
    "  legacy:",
    "    lodash: ^4.17.21",
    "",
  ];
  assert.deepEqual(
    specs({
      "pnpm-workspace.yaml": ["packages:", "  - packages/*", ...catalogYaml].join("\n"),
    }),
    expected,
  );
  const catalogs = {
    catalog: { "estree-walker": "^2.0.2", vite: "npm:rolldown-vite@latest" },
    catalogs: { legacy: { lodash: "^4.17.21" } },
  };
  assert.deepEqual(
    specs({
      "package.json": JSON.stringify({
        name: "root",
        workspaces: { packages: ["packages/*"], ...catalogs },
      }),
    }),
    expected,
  );
  // pnpm's default catalog may be written `catalogs.default` too.
  assert.deepEqual(
    specs({
      "pnpm-workspace.yaml": [
        "catalogs:",
        "  default:",
        "    estree-walker: ^2.0.2",
        "    vite: npm:rolldown-vite@latest",
        "  legacy:",
        "    lodash: ^4.17.21",
        "",
      ].join("\n"),
    }),
    expected,
  );
});

Deno.test("readPackageJson: .yarnrc.yml catalogs are read as Yarn reads them (catalog:default is catalogs.default)", () => {
  // Yarn 4.18: `catalog:` is the top-level `catalog` only, `catalog:default` the `catalogs` entry
  // named default only ("catalog \"default\" not found" beside a top-level catalog alone); pnpm
  // and Bun read both as the default catalog. Was: catalog:default got the top-level catalog's range.
  const member = JSON.stringify({
    name: "a",
    dependencies: { ms: "catalog:", debug: "catalog:default", chalk: "catalog:x" },
  });
  const read = (rc: string): { specs: string[]; warnings: string[] } => {
    const files: Record<string, string> = { ".yarnrc.yml": rc };
    const out = readPackageJson(member, { path: "packages/a/package.json", load: (p) => files[p] });
    return {
      specs: out.components.map((c) => `${c.id} ${c.specifier}`),
      warnings: out.warnings ?? [],
    };
  };
  const both = read(
    [
      "catalog:",
      "  ms: ^2.1.3",
      "  debug: ^4.3.0",
      "catalogs:",
      "  default:",
      "    ms: ^2.0.0",
      "    debug: ^4.4.0",
      "  x:",
      "    chalk: ^4.1.2",
      "",
    ].join("\n"),
  );
  assert.deepEqual(both.specs, [
    "pkg:npm/chalk ^4.1.2",
    "pkg:npm/debug ^4.4.0",
    "pkg:npm/ms ^2.1.3",
  ]);
  assert.deepEqual(both.warnings, []);
  const topOnly = read(["catalog:", "  ms: ^2.1.3", "  debug: ^4.3.0", ""].join("\n"));
  assert.deepEqual(topOnly.specs, [
    "pkg:npm/chalk catalog:x",
    "pkg:npm/debug catalog:default",
    "pkg:npm/ms ^2.1.3",
  ]);
  assert.equal(topOnly.warnings.length, 2);
  assert.match(topOnly.warnings.join("\n"), /debug is catalog:default, which no catalog/);
});

Deno.test("readPackageJson: a registry's tarball URL added under another name is that registry's package", () => {
  // oven-sh/bun's yarn-stuff declares `"remote": "https://registry.npmjs.org/abbrev/-/abbrev-1.1.1.tgz"`.
  // Was: pkg:npm/remote?download_url=…, another npm package than abbrev 1.1.1.
  const text = JSON.stringify({
    name: "a",
    dependencies: { remote: "https://registry.npmjs.org/abbrev/-/abbrev-1.1.1.tgz" },
  });
  const out = readPackageJson(text, { path: "package.json", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/abbrev@1.1.1"]);
});

Deno.test("readPackageJson: a bare path is a file: one, never GitHub's owner/repo", () => {
  // npm-package-arg reads a range starting with `.` or `/` as a file spec (pnpm, Yarn and Bun
  // too). Was: `./local` a component pkg:npm/loc?vcs_url=git+https://github.com/./local.git.
  const files: Record<string, string> = {
    "package.json": JSON.stringify({
      name: "app",
      dependencies: { loc: "./local", up: "../outside" },
    }),
    "local/package.json": JSON.stringify({ name: "locpkg", version: "0.2.0" }),
  };
  const out = readPackageJson(files["package.json"], {
    path: "package.json",
    load: (p) => files[p],
  });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:local"]);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.specifier}`), [
    "pkg:npm/up file:../outside",
  ]);
});

Deno.test("without a lockfile: a file:/portal: member under vendor/ has its declarations, which the tools install", async () => {
  // The scan never enters vendor/, so no reading of it gave the member's package.json: its
  // dependencies were missing without a word. npm, pnpm, Yarn (portal:) and Bun install a local
  // folder's dependencies with it (vendor/localdep's ms and semver, vendor/portaldep's kleur).
  // Two members naming each other are read once each; a link: one is read as a scanned one is
  // (Yarn 1 installs its dependencies, pnpm, Yarn 2+ and Bun do not: the lock says which).
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({
        name: "web",
        version: "0.1.0",
        dependencies: {
          express: "^4.19.2",
          localdep: "file:vendor/localdep",
          portaldep: "portal:vendor/portaldep",
          linked: "link:vendor/linked",
        },
      }),
      "vendor/linked/package.json": JSON.stringify({
        name: "linked",
        version: "1.0.0",
        dependencies: { chalk: "^4.1.2" },
      }),
      "vendor/localdep/package.json": JSON.stringify({
        name: "localdep",
        version: "0.3.0",
        dependencies: { ms: "^2.1.0", semver: "^7.6.0", portaldep: "file:../portaldep" },
      }),
      "vendor/portaldep/package.json": JSON.stringify({
        name: "portaldep",
        version: "0.4.0",
        dependencies: { kleur: "^4.1.5", localdep: "file:../localdep" },
      }),
    });
    const inventory = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(inventory.members.map((m) => m.id).sort(), [
      "workspace:vendor/linked",
      "workspace:vendor/localdep",
      "workspace:vendor/portaldep",
    ]);
    assert.deepEqual(inventory.components.map((c) => `${c.purl} ${c.specifier} ${c.scopes}`), [
      "pkg:npm/chalk ^4.1.2 runtime",
      "pkg:npm/express ^4.19.2 runtime",
      "pkg:npm/kleur ^4.1.5 runtime",
      "pkg:npm/ms ^2.1.0 runtime",
      "pkg:npm/semver ^7.6.0 runtime",
    ]);
  });
});

Deno.test("without a lockfile: a workspace in a folder the scan never enters is a member with its declarations", async () => {
  // A JavaScript action of the repository, listed in the root's workspaces: npm 11 links it
  // and locks @actions/core for it. The scan never enters .github, so nothing read it: the
  // member and its dependencies were missing without a word.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({
        name: "hidden-ws",
        version: "1.0.0",
        private: true,
        workspaces: ["packages/*", ".github/actions/*"],
        devDependencies: { typescript: "^5.4.0" },
      }),
      ".github/actions/notify/package.json": JSON.stringify({
        name: "notify-action",
        version: "1.0.0",
        private: true,
        dependencies: { "@actions/core": "^1.10.1" },
      }),
      "packages/app/package.json": JSON.stringify({
        name: "app",
        version: "1.0.0",
        dependencies: { ms: "^2.1.3" },
      }),
    });
    const inventory = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(inventory.members.map((m) => m.id).sort(), [
      "workspace:.github/actions/notify",
      "workspace:packages/app",
    ]);
    assert.deepEqual(inventory.components.map((c) => `${c.purl} ${c.specifier} ${c.scopes}`), [
      "pkg:npm/%40actions/core ^1.10.1 runtime",
      "pkg:npm/ms ^2.1.3 runtime",
      "pkg:npm/typescript ^5.4.0 dev",
    ]);
  });
});

Deno.test("readPackageJson: an optional dependency overrides a dependency of the same name", () => {
  // npm 11 locks only the optional one (its root record drops ms from dependencies), as pnpm
  // (the importer's optionalDependencies), Yarn 1 and 4 and Bun do: ms ^2.1.3, optional. Was:
  // ms required with the dependencies' range ^2.0.0.
  const text = JSON.stringify({
    name: "opt",
    version: "1.0.0",
    dependencies: { ms: "^2.0.0" },
    optionalDependencies: { ms: "^2.1.3" },
  });
  const out = readPackageJson(text, { path: "package.json", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.specifier} ${c.scopes}`), [
    "pkg:npm/ms ^2.1.3 optional",
  ]);
});

Deno.test("readPackageJson: a link: that names no folder of the tree (Bun's link:<name>) is a warning, not a member", async () => {
  await withTempDir(async (dir) => {
    // fernandobelotto/bun-monorepo: `bun link` registered `shared`, which packages/private links.
    await writeTree(dir, {
      "packages/private/package.json": JSON.stringify({
        name: "private",
        dependencies: { shared: "link:shared", tool: "link:../tool", ms: "^2.1.3" },
      }),
      "packages/tool/package.json": JSON.stringify({ name: "tool", version: "1.0.0" }),
    });
    const out = read(dir, "packages/private/package.json");
    assert.deepEqual(out.members.map((m) => m.id), [
      "workspace:packages/private",
      "workspace:packages/tool",
    ]);
    assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/ms"]);
    assert.deepEqual(out.warnings, [
      "packages/private/package.json: shared is link:shared, which names no folder of the tree " +
      "(Bun's link:<name> is a package `bun link` registered on the developer's machine): it is " +
      "not in the SBOM",
    ]);
  });
});

Deno.test("readPackageJson: a Yarn patch: range is the patched package's own range, with its patch files", () => {
  // Yarn's patch:<source descriptor, %-encoded>#<patch files>::<parameters>. Was: pkg:npm/lodash
  // with no version and the whole patch: string as its specifier.
  const text = JSON.stringify({
    name: "app",
    dependencies: {
      lodash: "patch:lodash@npm%3A4.17.21#./.yarn/patches/lodash.patch",
      "react-native":
        "patch:react-native@npm%3A%5E0.72.0#~/.yarn/patches/rn.patch::version=0.72.4&hash=abc",
      "left-pad": "patch:left-pad@1.3.0#./a.patch&./b.patch", // the Yarn docs' form, two files
      "lodash-es": "patch:lodash@npm%3A4.17.20#~/.yarn/patches/es.patch", // another package
    },
  });
  const out = readPackageJson(text, { path: "packages/app/package.json", load: () => undefined });
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.specifier ?? "-"} ${c.patches}`),
    [
      "pkg:npm/left-pad@1.3.0 - packages/app/a.patch,packages/app/b.patch",
      "pkg:npm/lodash@4.17.20 - .yarn/patches/es.patch",
      "pkg:npm/lodash@4.17.21 - packages/app/.yarn/patches/lodash.patch",
      "pkg:npm/react-native ^0.72.0 .yarn/patches/rn.patch",
    ],
  );
});

Deno.test("readPackageJson: pnpm overrides rewrite the declarations (pnpm-workspace.yaml, package.json pnpm.overrides); a parent>child one applies to the parent's, a deeper selector is a warning (voidzero-dev/vite-plus layout)", async () => {
  await withTempDir(async (dir) => {
    // vite-plus declares `"vite": "catalog:"`, which no catalog defines: its override makes it
    // the member vite-plus-core. Was: a warning that the catalog is undefined, pkg:npm/vite.
    await writeTree(dir, {
      "pnpm-workspace.yaml": [
        "packages:",
        "  - packages/*",
        "catalog:",
        "  typescript: ^6.0.0",
        "overrides:",
        "  vite: workspace:@voidzero-dev/vite-plus-core@*",
        "  semver@^5.0.0: 5.7.2",
        "  ms@>=3: 3.0.0",
        "  lodash@<4.17.21: 4.17.21",
        "  tool: link:./vendor/tool",
        "  app@1>debug: 4.4.0",
        "  app@2>ms: 3.0.0",
        "  react>semver: 7.0.0",
        "  a>b>left-pad: 1.0.0",
        "  monorepo>app>left-pad: 1.0.0",
        "  left-pad: '-'",
        "",
      ].join("\n"),
      "package.json": JSON.stringify({
        name: "vite-plus-monorepo",
        private: true,
        devDependencies: { vite: "catalog:", typescript: "catalog:" },
        dependencies: { chalk: "^5.3.0" },
        pnpm: { overrides: { vite: "npm:rolldown-vite@7", "color-name": "$chalk" } },
      }),
      "packages/core/package.json": JSON.stringify({
        name: "@voidzero-dev/vite-plus-core",
        version: "0.0.0",
      }),
      "vendor/tool/package.json": JSON.stringify({ name: "tool", version: "1.0.0" }),
      "packages/app/package.json": JSON.stringify({
        name: "app",
        version: "1.2.0",
        dependencies: {
          semver: "~5.3.0", // meets ^5.0.0: overridden
          lodash: ">=4.17.0", // meets <4.17.21: overridden
          tool: "^1.0.0", // link:./vendor/tool, from the root: the member there
          ms: "^2.1.3", // does not meet >=3, app is no 2.x: as declared
          debug: "^4.3.4", // app@1>debug: app 1.2.0's debug
          "left-pad": "^1.3.0", // monorepo>app>left-pad: a warning, not removed
          "color-name": "^1.1.4", // $chalk: the root's range
        },
      }),
    });
    const root = read(dir);
    assert.equal(root.warnings, undefined);
    assert.deepEqual(edgesFrom(root, ROOT_ID), [
      "pkg:npm/chalk runtime",
      "pkg:npm/typescript dev",
      "workspace:packages/core dev",
    ]);
    const app = read(dir, "packages/app/package.json");
    assert.deepEqual(app.components.map((c) => `${c.id} ${c.specifier ?? "-"}`), [
      "pkg:npm/color-name ^5.3.0",
      "pkg:npm/debug@4.4.0 -",
      "pkg:npm/left-pad ^1.3.0",
      "pkg:npm/lodash@4.17.21 -",
      "pkg:npm/ms ^2.1.3",
      "pkg:npm/semver@5.7.2 -", // react>semver: another package's
    ]);
    assert.deepEqual(app.members.map((m) => m.id), [
      "workspace:packages/app",
      "workspace:vendor/tool",
    ]);
    assert.deepEqual(app.warnings, [
      "packages/app/package.json: left-pad is ^1.3.0; the pnpm override monorepo>app>left-pad: " +
      "1.0.0, a " +
      "selector vouch does not apply: it is as declared",
    ]);
  });
});

Deno.test("readPackageJson: the root's Yarn resolutions rewrite declarations as pnpm, Yarn Berry and Bun apply them (pnpm.overrides winning); not where Yarn classic or npm locks the tree (jestjs/jest layout)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({
        name: "monorepo",
        private: true,
        workspaces: ["packages/*"],
        dependencies: { lodash: "^4.17.0", react: "^18.0.0", chalk: "^4.1.0" },
        devDependencies: { "@types/node": "^16.10.0", minimist: "^1.2.0", ms: "^2.0.0" },
        resolutions: {
          lodash: "4.17.21",
          "**/minimist": "1.2.8",
          "@types/node@npm:^16.10.0": "18.19.0",
          "debug/ms": "2.1.3", // debug's ms, not the root's
          react: "18.3.1", // pnpm.overrides says otherwise
          "jest-environment-node": "workspace:*",
          "@testing-library/react-native/pretty-format": "workspace:*",
        },
        pnpm: { overrides: { react: "18.2.0" } },
      }),
      "packages/env/package.json": JSON.stringify({
        name: "jest-environment-node",
        version: "30.0.0",
      }),
      "packages/format/package.json": JSON.stringify({
        name: "pretty-format",
        version: "30.0.0",
        dependencies: { "jest-environment-node": "^29.0.0" },
      }),
    });
    const root = read(dir);
    assert.equal(root.warnings, undefined);
    assert.deepEqual(root.components.map((c) => `${c.id} ${c.specifier ?? "-"}`), [
      "pkg:npm/%40types/node@18.19.0 -",
      "pkg:npm/chalk ^4.1.0",
      "pkg:npm/lodash@4.17.21 -",
      "pkg:npm/minimist@1.2.8 -",
      "pkg:npm/ms ^2.0.0",
      "pkg:npm/react@18.2.0 -",
    ]);
    // A member's declaration is rewritten too: the resolution makes it the workspace.
    assert.deepEqual(
      edgesFrom(read(dir, "packages/format/package.json"), "workspace:packages/format"),
      [
        "workspace:packages/env runtime",
      ],
    );
    // Yarn classic resolves a project's own declarations without `resolutions`; npm ignores them.
    // A classic lock is one the yarn.lock reader reads as classic (a header with trailing
    // spaces and CRLF line ends is still the header).
    for (
      const [lock, text] of [
        ["yarn.lock", "# yarn lockfile v1\n"],
        ["yarn.lock", "# yarn lockfile v1  \r\n"],
        ["package-lock.json", "{}"],
      ]
    ) {
      await Deno.writeTextFile(`${dir}/${lock}`, text);
      assert.deepEqual(
        read(dir).components.filter((c) => c.version !== undefined).map((c) => c.id),
        [
          "pkg:npm/react@18.2.0",
        ],
        lock,
      );
      await Deno.remove(`${dir}/${lock}`);
    }
  });
});

Deno.test("readInventory: a workspace outside the root (`../shared`) is a component with what npm, Yarn Berry and Bun lock of it", async () => {
  // A lock in a subfolder scanned on its own, whose package.json lists a workspace beside it.
  const locks: Record<string, [string, string]> = {
    "package-lock.json": [
      "pkg:npm/shared@1.0.0",
      [
        "{",
        '  "name": "app",',
        '  "version": "1.0.0",',
        '  "lockfileVersion": 3,',
        '  "requires": true,',
        '  "packages": {',
        '    "": {',
        '      "name": "app",',
        '      "version": "1.0.0",',
        '      "workspaces": ["../shared"],',
        '      "dependencies": {"debug": "^4"}',
        "    },",
        '    "../shared": {',
        '      "name": "shared",',
        '      "version": "1.0.0",',
        '      "dependencies": {"ms": "^2.1.3"}',
        "    },",
        '    "node_modules/debug": {',
        '      "version": "4.3.4",',
        '      "resolved": "https://registry.npmjs.org/debug/-/debug-4.3.4.tgz",',
        '      "integrity": "sha512-PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgI+FofouKHmAAAAAAA==",',
        '      "dependencies": {"ms": "2.1.2"}',
        "    },",
        '    "node_modules/debug/node_modules/ms": {',
        '      "version": "2.1.2",',
        '      "resolved": "https://registry.npmjs.org/ms/-/ms-2.1.2.tgz",',
        '      "integrity": "sha512-sGkPx+VjMtmA6MX27oA4FBFELFCZZ4S4XqeGOXCv68tT+jb3vk/RyaKWP0PTKyWtmLSM0b+adUTEvbs1PEaH2w=="',
        "    },",
        '    "node_modules/ms": {',
        '      "version": "2.1.3",',
        '      "resolved": "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz",',
        '      "integrity": "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="',
        "    },",
        '    "node_modules/shared": {',
        '      "resolved": "../shared",',
        '      "link": true',
        "    }",
        "  }",
        "}",
      ].join("\n"),
    ],
    "yarn.lock": [
      "pkg:npm/shared",
      [
        '# This file is generated by running "yarn install" inside your project.',
        "# Manual changes might be lost - proceed with caution!",
        "",
        ...BERRY_APP,
        '    debug: "npm:^4"',
        "  languageName: unknown",
        "  linkType: soft",
        "",
        '"debug@npm:^4":',
        "  version: 4.3.4",
        '  resolution: "debug@npm:4.3.4"',
        "  dependencies:",
        '    ms: "npm:2.1.2"',
        "  checksum: 10c0/d6f644b19812e97b5d871658d6d3400ecd4787faeb9b8990c1e7608288664be77257104a58d033bcf1a0e0945ff06468ebe53e2dff36e248424c7273117dac09",
        "  languageName: node",
        "  linkType: hard",
        "",
        '"ms@npm:2.1.2":',
        "  version: 2.1.2",
        '  resolution: "ms@npm:2.1.2"',
        "  checksum: 10c0/5edc1c6a4390075a3ca27f4d4161c46b374b1c3b2d63f846db6fff0c513203c3ac3b14a24a6f09d8bf21407a4842113b5d9aa359d266299c3d6cf9e92db66dbe",
        "  languageName: node",
        "  linkType: hard",
        "",
        '"ms@npm:^2.1.3":',
        "  version: 2.1.3",
        '  resolution: "ms@npm:2.1.3"',
        "  checksum: 10c0/2b83283b8caf7e952ad6b0443a87cd9ee263bc32c4d78c5b678ac03556175059679b4b8513b021b16a27f6d2a35484703129129f35b6cdfe418ef6473b1f8f23",
        "  languageName: node",
        "  linkType: hard",
        "",
        '"shared@workspace:../shared":',
        "  version: 0.0.0-use.local",
        '  resolution: "shared@workspace:../shared"',
        "  dependencies:",
        '    ms: "npm:^2.1.3"',
        "  languageName: unknown",
        "  linkType: soft",
      ].join("\n"),
    ],
    "bun.lock": [
      "pkg:npm/shared@1.0.0",
      [
        "{",
        '  "lockfileVersion": 1,',
        '  "workspaces": {',
        '    "": {',
        '      "name": "app",',
        '      "dependencies": {',
        '        "debug": "^4",',
        "      },",
        "    },",
        '    "../shared": {',
        '      "name": "shared",',
        '      "version": "1.0.0",',
        '      "dependencies": {',
        '        "ms": "^2.1.3",',
        "      },",
        "    },",
        "  },",
        '  "packages": {',
        '    "debug": ["debug@4.3.4", "", { "dependencies": { "ms": "2.1.2" } }, "sha512-PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgI+FofouKHmAAAAAAA=="],',
        '    "debug/ms": ["ms@2.1.2", "", {}, "sha512-sGkPx+VjMtmA6MX27oA4FBFELFCZZ4S4XqeGOXCv68tT+jb3vk/RyaKWP0PTKyWtmLSM0b+adUTEvbs1PEaH2w=="],',
        '    "ms": ["ms@2.1.3", "", {}, "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA=="],',
        '    "shared": ["shared@workspace:../shared"],',
        "  }",
        "}",
      ].join("\n"),
    ],
  };
  for (const [lock, [shared, text]] of Object.entries(locks)) {
    await withTempDir(async (dir) => {
      await writeTree(dir, {
        "shared/package.json": JSON.stringify({ name: "shared", version: "1.0.0" }),
        "app/package.json": JSON.stringify({
          name: "app",
          version: "1.0.0",
          workspaces: ["../shared"],
          dependencies: { debug: "^4" },
        }),
        [`app/${lock}`]: text,
      });
      // Was: exit 2, inventory.outside_root for ../shared/package.json (Yarn and Bun: a member).
      const inventory = await readInventory(`${dir}/app`);
      assert.deepEqual(inventory.members, [], lock);
      assert.deepEqual(inventory.components.map((c) => c.purl), [
        "pkg:npm/debug@4.3.4",
        "pkg:npm/ms@2.1.2",
        "pkg:npm/ms@2.1.3",
        shared,
      ], lock);
      assert.deepEqual(edgesFrom(inventory, shared), ["pkg:npm/ms@2.1.3 runtime"], lock);
    });
  }
});

Deno.test("readPackageJson: a pnpm override's key splits at a > after a name, not at one in a range (foo@>2, app>foo@>=2, foo@3 || >=2, pnpm's parseOverrides); an unparsable parent matches no package, nameless or not", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({
        dependencies: { foo: "^3.0.0", bar: "^1.0.0", baz: "^2.0.0", qux: "^1.0.0" },
        pnpm: {
          overrides: {
            "foo@>2": "4.0.0",
            "bar@0.1 || >=1": "1.5.0",
            "baz@>=3": "3.0.0", // ^2.0.0 does not meet >=3: as declared
            "x/y/z>qux": "9.9.9", // no parent pnpm can parse: it matches no package
          },
        },
      }),
      "packages/app/package.json": JSON.stringify({
        name: "app",
        version: "1.2.0",
        dependencies: { ms: "^2.1.3" },
      }),
      "pnpm-workspace.yaml": "packages:\n  - packages/*\noverrides:\n  app>ms@>=2: 2.1.2\n",
    });
    const root = read(dir);
    assert.equal(root.warnings, undefined);
    assert.deepEqual(root.components.map((c) => `${c.id} ${c.specifier ?? "-"}`), [
      "pkg:npm/bar@1.5.0 -",
      "pkg:npm/baz ^2.0.0",
      "pkg:npm/foo@4.0.0 -",
      "pkg:npm/qux ^1.0.0",
    ]);
    const app = read(dir, "packages/app/package.json");
    assert.deepEqual(app.components.map((c) => `${c.id} ${c.specifier ?? "-"}`), [
      "pkg:npm/ms@2.1.2 -",
    ]);
  });
});

Deno.test("readPackageJson: a pnpm override's $<dep> is the root's optionalDependencies range, else its dependencies', else its devDependencies' (pnpm's createVersionReferencesReplacer)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({
        name: "root",
        devDependencies: { chokidar: "^3.0.0", typescript: "^5.4.0", react: "^18.0.0" },
        dependencies: { chokidar: "^3.5.0", react: "^18.2.0" },
        optionalDependencies: { chokidar: "^3.6.0" },
        pnpm: { overrides: { a: "$chokidar", b: "$react", c: "$typescript" } },
      }),
      "packages/app/package.json": JSON.stringify({
        name: "app",
        dependencies: { a: "^1.0.0", b: "^1.0.0", c: "^1.0.0" },
      }),
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
    });
    const app = read(dir, "packages/app/package.json");
    assert.equal(app.warnings, undefined);
    // Was: ^3.5.0 for $chokidar, dependencies' before optionalDependencies'.
    assert.deepEqual(app.components.map((c) => `${c.id} ${c.specifier ?? "-"}`), [
      "pkg:npm/a ^3.6.0",
      "pkg:npm/b ^18.2.0",
      "pkg:npm/c ^5.4.0",
    ]);
  });
});

Deno.test("readPackageJson: 8,000 declarations and 8,000 pnpm overrides are read in linear time", async () => {
  const names = Array.from({ length: 8_000 }, (_, i) => `dep${i}`);
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({
        dependencies: Object.fromEntries(names.map((n) => [n, "^1.0.0"])),
        pnpm: { overrides: Object.fromEntries(names.map((n) => [`${n}@>=1`, "1.2.0"])) },
      }),
    });
    const elapsed = cpuStopwatch();
    const out = read(dir);
    // Was: 10 s (every override's key split and parsed again for every declaration).
    assert.ok(elapsed() < 2_000, `${elapsed()} ms`);
    assert.equal(out.components.filter((c) => c.version === "1.2.0").length, 8_000);
  });
});

Deno.test("a range that is no string, or a dependency field that is no object, is a warning and not in the SBOM, with or without a lock (npm refuses it: arborist's Edge, 'must provide string spec')", async () => {
  await withTempDir(async (dir) => {
    const manifest = {
      name: "app",
      version: "1.0.0",
      dependencies: { ms: "^2.1.3", q: [1], r: 5 },
      devDependencies: ["typescript"],
      peerDependencies: null,
    };
    const lock = "# yarn lockfile v1\n\n\nms@^2.1.3:\n" +
      '  version "2.1.3"\n  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz"\n';
    const expected = [
      'package.json: dependencies gives q [1], r 5, no ranges (npm refuses them: "must provide ' +
      'string spec"): they are not in the SBOM',
      "package.json: devDependencies is no object of names and ranges: none of it is in the SBOM",
    ];
    await writeTree(dir, { "package.json": JSON.stringify(manifest) });
    assert.deepEqual(read(dir).components.map((c) => c.id), ["pkg:npm/ms"]);
    let warnings: string[] = [];
    await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(warnings.filter((w) => w.startsWith("package.json:")), expected);
    await writeTree(dir, { "yarn.lock": lock });
    warnings = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
    // Never "declares q@, which yarn.lock does not lock": it declares nothing a tool installs.
    assert.deepEqual(warnings, expected);
  });
});

Deno.test("ranges that are no string are one warning a field, the first 10 named, each shown short", async () => {
  await withTempDir(async (dir) => {
    // Was: 50,000 warnings for 50,000 such ranges, and a range's whole JSON in its own.
    let deep: unknown = [];
    for (let i = 0; i < 30; i++) deep = [deep];
    const dependencies: Record<string, unknown> = { deep };
    for (let i = 0; i < 50_000; i++) dependencies[`p${i}`] = i;
    await writeTree(dir, { "package.json": JSON.stringify({ name: "app", dependencies }) });
    const warnings: string[] = [];
    await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.equal(warnings.length, 1); // first: a diff of 50,000 lines takes minutes to print
    assert.deepEqual(warnings, [
      `package.json: dependencies gives deep ${"[".repeat(31)}${"]".repeat(8)}…, p0 0, p1 1, ` +
      "p2 2, p3 3, p4 4, p5 5, p6 6, p7 7, p8 8 and 49991 more, no ranges (npm refuses them: " +
      '"must provide string spec"): they are not in the SBOM',
    ]);
  });
});

Deno.test("readPackageJson: an scp-like git remote is a git source, never a registry package", () => {
  // hosted-git-info (npm-package-arg's and pnpm's first question) reads `git@github.com:u/r.git`
  // as GitHub's `github:u/r` (GitLab's, Bitbucket's alike: npm-package-arg 12's resolve gives
  // type git); on another host Bun 1.4.5 and Yarn Berry clone it (npm-package-arg's isGit makes
  // `npm install git@<host>:path` a `git+ssh://` one too).
  // Was: pkg:npm/a, pkg:npm/c, pkg:npm/d, pkg:npm/e, registry packages of those names.
  const text = JSON.stringify({
    name: "app",
    dependencies: {
      a: "git@github.com:user/a.git",
      b: "git+ssh://git@github.com/user/b.git",
      c: "git@github.com:user/c.git#v1.2.3",
      d: "git@gitlab.com:grp/sub/d.git",
      e: "git@git.example.com:x/e.git#abc",
    },
  });
  const out = readPackageJson(text, { path: "package.json", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.purl} ${c.specifier}`), [
    "pkg:npm/a?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fuser%2Fa.git git@github.com:user/a.git",
    "pkg:npm/b?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fuser%2Fb.git git+ssh://git@github.com/user/b.git",
    "pkg:npm/c?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fuser%2Fc.git%40v1.2.3 git@github.com:user/c.git#v1.2.3",
    "pkg:npm/d?vcs_url=git%2Bhttps:%2F%2Fgitlab.com%2Fgrp%2Fsub%2Fd.git git@gitlab.com:grp/sub/d.git",
    "pkg:npm/e?vcs_url=git%2Bssh:%2F%2Fgit%40git.example.com%2Fx%2Fe.git%40abc git@git.example.com:x/e.git#abc",
  ]);
});
