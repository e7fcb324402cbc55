import assert from "node:assert/strict";
import { basename } from "node:path";
import { readInventory } from "../../../src/inventory/mod.ts";
import type { Inventory, Scope } from "../../../src/inventory/types.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { cpuStopwatch, fixture, withTempDir } from "../../_util.ts";
import { writeTree } from "../_tree.ts";
import { assertVouchError } from "../_lockfile_invariants.ts";
import { relativeFolder, rushLayout } from "../../../src/inventory/javascript/_rush.ts";

/** Each component's purl with its scopes, sorted. */
function scoped(inventory: Inventory): string[] {
  return inventory.components.map((c) => `${c.purl} ${c.scopes.join(",")}`);
}

/** The edges from a node, as `to scope`. */
function from(inventory: Inventory, id: string): string[] {
  return inventory.edges.filter((e) => e.from === id).map((e) => `${e.to} ${e.scope}`);
}

/** What a Rush repository's SBOM must never have: members that are no project, manifests left unresolved. */
function assertRushShape(inventory: Inventory, folders: string[]): void {
  assert.deepEqual(inventory.members.map((m) => m.id), folders.map((f) => `workspace:${f}`));
  assert.deepEqual(from(inventory, ROOT_ID), folders.map((f) => `workspace:${f} runtime`));
  assert.deepEqual(inventory.declaredOnly ?? [], []);
  assert.deepEqual(inventory.warnings ?? [], []);
  assert.ok(inventory.components.every((c) => !c.purl.startsWith("pkg:npm/%40rush-temp/")));
}

Deno.test("Rush pnpm lock: importers are relative to common/temp, `.` is Rush's own project (AeolusZane/rush)", async () => {
  const inventory = await readInventory(fixture("js", "rush", "pnpm-importers"));
  // Was: members `common/config/rush`, `common/packages/components`, `common/packages/hooks`, the
  // projects' package.json files declared, not resolved, and version-less react, react-dom.
  assertRushShape(inventory, ["packages/components", "packages/hooks"]);
  assert.deepEqual(inventory.members.map((m) => m.purl), [
    "pkg:npm/%40aeo/components@1.0.3",
    "pkg:npm/%40aeo/hooks@1.0.1",
  ]);
  assert.deepEqual(from(inventory, "workspace:packages/components"), [
    "pkg:npm/react-dom@18.2.0 runtime",
    "pkg:npm/react@18.2.0 runtime",
    "workspace:packages/hooks runtime",
  ]);
  assert.deepEqual(scoped(inventory), [
    "pkg:npm/js-tokens@4.0.0 runtime",
    "pkg:npm/loose-envify@1.4.0 runtime",
    "pkg:npm/react-dom@18.2.0 runtime",
    "pkg:npm/react@18.2.0 runtime",
    "pkg:npm/scheduler@0.23.0 runtime",
  ]);
});

Deno.test("Rush pnpm lock without importers: each @rush-temp package is its project, scoped by its package.json (ArthurIvanov/rush-monorepo)", async () => {
  const inventory = await readInventory(fixture("js", "rush", "pnpm-temp-projects"));
  assertRushShape(inventory, ["libraries/my-controls", "tools/my-toolchain"]);
  // The temp package lists devDependencies as dependencies; the project it declares, Rush links.
  assert.deepEqual(from(inventory, "workspace:libraries/my-controls"), [
    "pkg:npm/typescript@3.9.10 dev",
    "workspace:tools/my-toolchain dev",
  ]);
  const scopes = new Map(inventory.components.map((c) => [c.purl, c.scopes]));
  assert.deepEqual(scopes.get("pkg:npm/colors@1.4.0"), ["runtime"] satisfies Scope[]);
  for (const dev of ["typescript@3.9.10", "rimraf@2.7.1", "glob@7.2.0", "%40types/node@10.17.60"]) {
    assert.deepEqual(scopes.get(`pkg:npm/${dev}`), ["dev"], dev);
  }
  assert.equal(inventory.components.length, 15);
});

Deno.test("Rush subspaces: each lock's importers are relative to common/temp/<subspace> (william2958/rush-subspace-demo)", async () => {
  const inventory = await readInventory(fixture("js", "rush", "pnpm-subspaces"));
  const projects = ["libA", "libB", "packageA", "packageB"].map((p) => `subspaces/${p}`);
  assertRushShape(inventory, projects);
  // A project of another subspace is linked to, not duplicated.
  assert.deepEqual(from(inventory, "workspace:subspaces/packageB"), [
    "pkg:npm/eslint-rule-composer@0.3.0 runtime",
    "workspace:subspaces/libA runtime",
  ]);
  assert.deepEqual(inventory.components.map((c) => c.purl), [
    "pkg:npm/eslint-rule-composer@0.3.0",
    "pkg:npm/js-tokens@4.0.0",
    "pkg:npm/lodash@4.17.20",
    "pkg:npm/loose-envify@1.4.0",
    "pkg:npm/react@18.2.0",
  ]);
});

Deno.test("Rush yarn.lock: each @rush-temp entry is its project, scoped by its package.json (kamontat/rush-example)", async () => {
  const inventory = await readInventory(fixture("js", "rush", "yarn-temp-projects"));
  // Was: @rush-temp/* components, a member common/config/rush, @nd/toolchain-cli a dev
  // component (a project, which Rush links), every package runtime.
  assertRushShape(inventory, ["libs/decoder", "tools/cli", "tools/logger"]);
  assert.deepEqual(from(inventory, "workspace:libs/decoder"), [
    "workspace:tools/cli dev",
    "workspace:tools/logger dev",
  ]);
  assert.deepEqual(from(inventory, "workspace:tools/cli"), [
    "pkg:npm/%40types/node@10.17.6 dev",
    "pkg:npm/colors@1.3.2 runtime",
    "pkg:npm/rimraf@2.6.2 dev",
    "pkg:npm/typescript@3.6.4 dev",
  ]);
  const runtime = inventory.components.filter((c) => c.scopes.includes("runtime"));
  assert.deepEqual(runtime.map((c) => c.purl), ["pkg:npm/colors@1.3.2"]);
  assert.equal(inventory.components.length, 15);
});

Deno.test("Rush npm-shrinkwrap.json: each @rush-temp package is its project, scoped by its package.json (RichG82/rush-sandbox)", async () => {
  const inventory = await readInventory(fixture("js", "rush", "npm-temp-projects"));
  // Was: @rush-temp/* components, a member common/config/rush named rush-common, rimraf and
  // typescript twice (version-less dev ones from the package.json files, declared-only), all runtime.
  assertRushShape(inventory, ["apps/main", "controls/ui", "tools/my-toolchain"]);
  assert.deepEqual(from(inventory, "workspace:controls/ui"), [
    "pkg:npm/rimraf@2.6.3 dev",
    "pkg:npm/typescript@3.3.1 dev",
  ]);
  assert.equal(inventory.components.length, 13);
  assert.ok(inventory.components.every((c) => c.scopes.join() === "dev"));
});

Deno.test("Rush npm-shrinkwrap.json in a folder of the scan: what a @rush-temp package nests is its project's, a project it declares is linked", async () => {
  const lock = {
    name: "rush-common",
    version: "0.0.0",
    lockfileVersion: 1,
    requires: true,
    dependencies: {
      "@rush-temp/app": {
        version: "file:projects/app.tgz",
        requires: { colors: "1.4.0", typescript: "3.9.10" },
        dependencies: { colors: { version: "1.4.0" } },
      },
      "@rush-temp/lib": { version: "file:projects/lib.tgz", requires: { colors: "1.3.2" } },
      colors: { version: "1.3.2" },
      typescript: { version: "3.9.10" },
    },
  };
  const app = {
    name: "@my/app",
    version: "1.0.0",
    dependencies: { colors: "1.4.0", "@my/lib": "^1.0.0" },
    devDependencies: { typescript: "3.9.10" },
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "web/rush.json":
        '{\n  // Rush\n  "projects": [\n    { "packageName": "@my/app", "projectFolder": "apps/app" },\n' +
        '    { "packageName": "@my/lib", "projectFolder": "libs/lib" },\n  ]\n}\n',
      "web/common/config/rush/npm-shrinkwrap.json": JSON.stringify(lock, null, 2),
      "web/apps/app/package.json": JSON.stringify(app),
      "web/libs/lib/package.json": JSON.stringify({
        name: "@my/lib",
        version: "1.0.0",
        dependencies: { colors: "1.3.2" },
      }),
    });
    const inventory = await readInventory(dir);
    assertRushShape(inventory, ["web/apps/app", "web/libs/lib"]);
    assert.deepEqual(from(inventory, "workspace:web/apps/app"), [
      "pkg:npm/colors@1.4.0 runtime",
      "pkg:npm/typescript@3.9.10 dev",
      "workspace:web/libs/lib runtime",
    ]);
    assert.deepEqual(from(inventory, "workspace:web/libs/lib"), ["pkg:npm/colors@1.3.2 runtime"]);
    assert.deepEqual(scoped(inventory), [
      "pkg:npm/colors@1.3.2 runtime",
      "pkg:npm/colors@1.4.0 runtime",
      "pkg:npm/typescript@3.9.10 dev",
    ]);
  });
});

/** pnpm 2's common/config/rush/shrinkwrap.yaml of RichG82/rush-sandbox (d005cd9), its ui project's part. */
const RUSH_SHRINKWRAP = [
  "dependencies:",
  "  '@rush-temp/ui': 'file:projects/ui.tgz'",
  "  typescript: 3.3.1",
  "packages:",
  "  /typescript/3.3.1:",
  "    dev: false",
  "    engines:",
  "      node: '>=4.2.0'",
  "    hasBin: true",
  "    resolution:",
  "      integrity: sha512-cTmIDFW7O0IHbn1DPYjkiebHxwtCMU+eTy30ZtJNBPF9j2O1ITu5XH2YnBeVRKWHqF+3JQwWJv0Q0aUgX8W7IA==",
  "  'file:projects/ui.tgz':",
  "    dependencies:",
  "      typescript: 3.3.1",
  "    dev: false",
  "    name: '@rush-temp/ui'",
  "    resolution:",
  "      integrity: sha512-nvLc9DBLL4zSMR2u+Z2HZnxunR8GchUL2oumQu0pH/iCtAVwiNqz0V/P4ce2IBydzmb9hHmN6EYBz91j23BE2Q==",
  "      tarball: 'file:projects/ui.tgz'",
  "    version: 0.0.0",
  "registry: 'https://registry.npmjs.org/'",
  "shrinkwrapMinorVersion: 9",
  "shrinkwrapVersion: 3",
  "specifiers:",
  "  '@rush-temp/ui': 'file:./projects/ui.tgz'",
  "  typescript: ^3.3.1",
  "",
].join("\n");

Deno.test("Rush with pnpm 1–2: common/config/rush/shrinkwrap.yaml (shrinkwrapVersion 3) is read as the 5.0 lock it became", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "rush.json": '{\n  "pnpmVersion": "2.15.1",\n  "projects": [\n' +
        '    { "packageName": "ui", "projectFolder": "controls/ui", "reviewCategory": "production" }\n  ]\n}\n',
      "common/config/rush/shrinkwrap.yaml": RUSH_SHRINKWRAP,
      "controls/ui/package.json": JSON.stringify({
        name: "ui",
        version: "1.0.0",
        dependencies: {},
        devDependencies: { typescript: "^3.3.1" },
      }),
    });
    // Was: nothing read but the package.json, declared-only (typescript with no version).
    const inventory = await readInventory(dir);
    // The repository is the project, its one project a member (was: the project ui, no member).
    assert.deepEqual(inventory.project, { name: basename(dir) });
    assertRushShape(inventory, ["controls/ui"]);
    assert.deepEqual(from(inventory, "workspace:controls/ui"), ["pkg:npm/typescript@3.3.1 dev"]);
    assert.deepEqual(inventory.sources, [
      "common/config/rush/shrinkwrap.yaml",
      "controls/ui/package.json",
      "rush.json",
    ]);
    assert.deepEqual(scoped(inventory), ["pkg:npm/typescript@3.3.1 dev"]);
  });
});

/** A fixture's files by path, for a tree to change. */
async function fixtureTree(name: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const walk = async (dir: string, rel: string): Promise<void> => {
    for await (const entry of Deno.readDir(dir)) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory) await walk(`${dir}/${entry.name}`, path);
      else files[path] = await Deno.readTextFile(`${dir}/${entry.name}`);
    }
  };
  await walk(fixture("js", "rush", name), "");
  return files;
}

/** The projects a fixture's rush.json lists. */
function projectsOf(rush: string): { packageName: string; projectFolder: string }[] {
  return [...rush.matchAll(/"packageName":\s*"([^"]+)",\s*"projectFolder":\s*"([^"]+)"/g)]
    .map(([, packageName, projectFolder]) => ({ packageName, projectFolder }));
}

/** rush.json with its projects as given (the rest of the file as it was). */
function withProjects(
  text: string,
  projects: { packageName: string; projectFolder: string }[],
): string {
  const start = text.indexOf('"projects"');
  return `${text.slice(0, start)}"projects": ${JSON.stringify(projects)}\n}\n`;
}

/** The three older locks: each fixture, its lock, and two projects (the first declares the second). */
const OLDER_LOCKS = [
  {
    fixture: "pnpm-temp-projects",
    lock: "common/config/rush/pnpm-lock.yaml",
    kept: { packageName: "my-controls", projectFolder: "libraries/my-controls" },
    removed: { packageName: "my-toolchain", projectFolder: "tools/my-toolchain" },
  },
  {
    fixture: "yarn-temp-projects",
    lock: "common/config/rush/yarn.lock",
    kept: { packageName: "@nd/library-decoder", projectFolder: "libs/decoder" },
    removed: { packageName: "@nd/toolchain-cli", projectFolder: "tools/cli" },
  },
  {
    fixture: "npm-temp-projects",
    lock: "common/config/rush/npm-shrinkwrap.json",
    kept: { packageName: "ui", projectFolder: "controls/ui" },
    removed: { packageName: "my-toolchain", projectFolder: "tools/my-toolchain" },
  },
];

Deno.test("Rush older locks: the @rush-temp package of a project rush.json no longer lists is a warning, and what only it installs is not in the SBOM", async () => {
  for (const { fixture: name, lock, removed } of OLDER_LOCKS) {
    const tree = await fixtureTree(name);
    const all = await readInventory(fixture("js", "rush", name));
    const rush = tree["rush.json"];
    const left = projectsOf(rush).filter((p) => p.packageName !== removed.packageName);
    tree["rush.json"] = withProjects(rush, left);
    for (const path of Object.keys(tree)) {
      if (path.startsWith(`${removed.projectFolder}/`)) delete tree[path];
    }
    await withTempDir(async (dir) => {
      await writeTree(dir, tree);
      const inventory = await readInventory(dir);
      // Was: nothing said; pnpm and Yarn kept what only it installed, runtime (colors, glob…).
      const unscoped = removed.packageName.replace(/^@[^/]+\//, "");
      const stale = new RegExp(
        `^${lock} has @rush-temp/${unscoped}, the package of a project rush.json no longer ` +
          "lists: the lock is stale \\(`rush update` drops it\\)",
      );
      assert.equal((inventory.warnings ?? []).filter((w) => stale.test(w)).length, 1, name);
      assert.deepEqual(
        inventory.members.map((m) => m.id),
        left.map((p) => `workspace:${p.projectFolder}`).sort(),
      );
      assert.deepEqual(inventory.declaredOnly ?? [], []);
      assert.ok(inventory.components.every((c) => !c.purl.startsWith("pkg:npm/%40rush-temp/")));
      // What stays is what the kept project installs, with the scopes it had.
      const before = new Map(all.components.map((c) => [c.id, c.scopes.join()]));
      const reached = new Set([ROOT_ID, ...left.map((p) => `workspace:${p.projectFolder}`)]);
      for (let size = 0; size !== reached.size;) {
        size = reached.size;
        for (const e of inventory.edges) if (reached.has(e.from)) reached.add(e.to);
      }
      for (const c of inventory.components) {
        assert.ok(reached.has(c.id), `${name}: ${c.id} is installed for the project`);
        if (before.get(c.id) === "dev") assert.deepEqual(c.scopes, ["dev"], `${name}: ${c.id}`);
      }
    });
  }
});

Deno.test("Rush older locks: a project of rush.json the lock has no @rush-temp package for is a member, with a stale-lock warning, in every reader", async () => {
  for (const { fixture: name, lock, kept } of OLDER_LOCKS) {
    const tree = await fixtureTree(name);
    const rush = tree["rush.json"];
    const added = { packageName: "newbie", projectFolder: "apps/newbie" };
    tree["rush.json"] = withProjects(rush, [...projectsOf(rush), added]);
    tree["apps/newbie/package.json"] = JSON.stringify({
      name: "newbie",
      version: "1.0.0",
      dependencies: { [kept.packageName]: "*", "left-pad": "^1.3.0" },
      devDependencies: { colors: "^1.3.2" },
    });
    await withTempDir(async (dir) => {
      await writeTree(dir, tree);
      const inventory = await readInventory(dir);
      // Was: for npm and pnpm, no member and apps/newbie/package.json declared, not resolved.
      assert.ok(inventory.members.some((m) => m.id === "workspace:apps/newbie"), name);
      assert.deepEqual(inventory.declaredOnly ?? [], [], name);
      assert.deepEqual(from(inventory, "workspace:apps/newbie"), [
        `workspace:${kept.projectFolder} runtime`,
      ]);
      assert.deepEqual(inventory.warnings, [
        `${lock} has no @rush-temp/newbie for apps/newbie, a project of rush.json: the lock is ` +
        "stale (`rush update` adds it); what its package.json declares (left-pad@^1.3.0, " +
        "colors@^1.3.2) is not in the SBOM",
      ]);
    });
  }
});

Deno.test("Rush: the repository is the project, every project a member, also when one lies above the others", async () => {
  const tree = await fixtureTree("pnpm-temp-projects");
  tree["rush.json"] = tree["rush.json"].replace('"tools/my-toolchain"', '"toolchain"');
  for (const path of Object.keys(tree)) {
    if (!path.startsWith("tools/my-toolchain/")) continue;
    tree[path.replace("tools/my-toolchain/", "toolchain/")] = tree[path];
    delete tree[path];
  }
  await withTempDir(async (dir) => {
    await writeTree(dir, tree);
    const inventory = await readInventory(dir);
    // Was: the project my-toolchain (the one folder of the shallowest depth), not a member.
    assert.deepEqual(inventory.project, { name: basename(dir) });
    assertRushShape(inventory, ["libraries/my-controls", "toolchain"]);
    assert.deepEqual(from(inventory, "workspace:libraries/my-controls"), [
      "pkg:npm/typescript@3.9.10 dev",
      "workspace:toolchain dev",
    ]);
  });
});

Deno.test("Rush older locks: a project's declaration of a project rush.json no longer lists is a stale-lock warning naming `rush update`, in every reader", async () => {
  for (const { fixture: name, lock, kept, removed } of OLDER_LOCKS) {
    const tree = await fixtureTree(name);
    const rush = tree["rush.json"];
    tree["rush.json"] = withProjects(
      rush,
      projectsOf(rush).filter((p) => p.packageName !== removed.packageName),
    );
    for (const path of Object.keys(tree)) {
      if (path.startsWith(`${removed.projectFolder}/`)) delete tree[path];
    }
    // The kept project declares the removed one (npm's fixture: added here, as Rush links it).
    const manifest = `${kept.projectFolder}/package.json`;
    const json = JSON.parse(tree[manifest]);
    json.dependencies ??= {};
    if (json.devDependencies?.[removed.packageName] === undefined) {
      json.dependencies[removed.packageName] ??= "*";
    }
    const range = json.devDependencies?.[removed.packageName] ??
      json.dependencies[removed.packageName];
    tree[manifest] = JSON.stringify(json);
    await withTempDir(async (dir) => {
      await writeTree(dir, tree);
      const inventory = await readInventory(dir);
      // Was: nothing said with npm and Yarn (Rush linked it, so the lock never listed it);
      // pnpm said to run `pnpm install`, which Rush's lock is not updated by.
      assert.deepEqual(
        (inventory.warnings ?? []).filter((w) => w.startsWith(`${manifest} declares`)),
        [
          `${manifest} declares ${removed.packageName}@${range}, which ${lock} does not lock: ` +
          "it is not in the SBOM; run `rush update` to update the lock",
        ],
        name,
      );
    });
  }
});

Deno.test("rushLayout: @rush-temp names in package-name order, `-1`, `-2`… after a name taken, in linear time", () => {
  const names = ["@b/x", "@a/x-1", "@c/x", "x", "@d/x"];
  const config = (packageNames: string[]): string =>
    JSON.stringify({
      projects: packageNames.map((packageName, i) => ({ packageName, projectFolder: `p/${i}` })),
    });
  const load = (text: string) => (path: string) => path === "rush.json" ? text : undefined;
  const layout = rushLayout("common/config/rush/pnpm-lock.yaml", load(config(names)), "code")!;
  // Rush's order: @a/x-1, @b/x, @c/x, @d/x, x (its `_generateTempNameForProject`).
  assert.deepEqual(
    [...layout.byTempName].map(([temp, project]) => `${temp} ${project.folder}`),
    [
      "@rush-temp/x-1 p/1",
      "@rush-temp/x p/0",
      "@rush-temp/x-2 p/2",
      "@rush-temp/x-3 p/4",
      "@rush-temp/x-4 p/3",
    ],
  );
  // Was: each name tried every suffix from 1 again, 50 million tries for 10,000 projects.
  const many = Array.from({ length: 10_000 }, (_, i) => `@s${i}/x`);
  const elapsed = cpuStopwatch();
  const big = rushLayout("common/config/rush/pnpm-lock.yaml", load(config(many)), "code")!;
  assert.ok(elapsed() < 2_000);
  assert.equal(big.byTempName.size, 10_000);
});

Deno.test("rushLayout: a rush.json Rush refuses (projects no array of {packageName, projectFolder} strings, a packageName listed twice) is invalid at its line", () => {
  const load = (text: string) => (path: string) => path === "rush.json" ? text : undefined;
  const layout = (text: string) => () =>
    rushLayout("common/config/rush/pnpm-lock.yaml", load(text), "inventory.pnpm_lock.invalid");
  const code = "inventory.pnpm_lock.invalid";
  const project = (packageName: unknown, projectFolder: unknown = "p/a") =>
    JSON.stringify({ packageName, projectFolder });
  // Was: each left out without a word, every @rush-temp package then a "removed project".
  assertVouchError(layout('{\n  "rushVersion": "5.0.0"\n}'), code, /^rush\.json:1: no "projects"/);
  assertVouchError(
    layout('{\n  "projects": "x"\n}'),
    code,
    /^rush\.json:2: "projects" is no array/,
  );
  for (const bad of ["null", "5", '"a"', project(5), project("a", null), '{"packageName": "a"}']) {
    assertVouchError(
      layout(`{\n  "projects": [\n    ${bad}\n  ]\n}`),
      code,
      /^rush\.json:2: project 1 of "projects" has no packageName and projectFolder strings/,
    );
  }
  assertVouchError(
    layout(`{\n  "projects": [\n    ${project("@s/a")},\n    ${project("@s/a", "p/b")}\n  ]\n}`),
    code,
    /^rush\.json:4: the project name "@s\/a" is listed twice/,
  );
});

Deno.test("Rush: a project folder outside the repository (`../x`, which Rush accepts) is a component named by rush.json", async () => {
  const lock = [
    "lockfileVersion: 5.3",
    "importers:",
    "  .:",
    "    specifiers: {}",
    "  ../../apps/a:",
    "    specifiers:",
    "      x: workspace:*",
    "    dependencies:",
    "      x: link:../../../x",
    "  ../../../x:",
    "    specifiers:",
    "      ms: ^2.1.3",
    "    dependencies:",
    "      ms: 2.1.3",
    "  ../../../y:",
    "    specifiers:",
    "      ms: ^2.1.3",
    "    devDependencies:",
    "      ms: 2.1.3",
    "packages:",
    "  /ms/2.1.3:",
    "    resolution: {integrity: sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==}",
    "    dev: false",
  ].join("\n");
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "x/package.json": JSON.stringify({ name: "x", version: "1.0.0" }),
      "repo/rush.json": JSON.stringify({
        projects: [
          { packageName: "a", projectFolder: "apps/a" },
          { packageName: "x", projectFolder: "../x" },
          { packageName: "@s/y", projectFolder: "../y" },
        ],
      }),
      "repo/apps/a/package.json": JSON.stringify({
        name: "a",
        version: "1.0.0",
        dependencies: { x: "workspace:*" },
      }),
      "repo/common/config/rush/pnpm-lock.yaml": lock,
    });
    // Was: exit 2, inventory.outside_root for ../x/package.json.
    const inventory = await readInventory(`${dir}/repo`);
    assert.deepEqual(inventory.members.map((m) => m.id), ["workspace:apps/a"]);
    assert.deepEqual(scoped(inventory), [
      "pkg:npm/%40s/y runtime",
      "pkg:npm/ms@2.1.3 runtime",
      "pkg:npm/x runtime",
    ]);
    assert.deepEqual(from(inventory, ROOT_ID), [
      "pkg:npm/%40s/y runtime",
      "workspace:apps/a runtime",
    ]);
    assert.deepEqual(from(inventory, "workspace:apps/a"), ["pkg:npm/x runtime"]);
    assert.deepEqual(from(inventory, "pkg:npm/x"), ["pkg:npm/ms@2.1.3 runtime"]);
    assert.deepEqual(from(inventory, "pkg:npm/%40s/y"), ["pkg:npm/ms@2.1.3 dev"]);
    // Named from the scanned folder, not from common/temp/ where Rush installs.
    assert.deepEqual(
      inventory.warnings?.map((w) => w.slice(0, w.indexOf(", outside"))),
      [
        "common/config/rush/pnpm-lock.yaml: @s/y is the local folder ../y",
        "common/config/rush/pnpm-lock.yaml: x is the local folder ../x",
      ],
    );
  });
});

Deno.test("relativeFolder: from a folder of the tree to another, which may lie outside the root", () => {
  assert.equal(relativeFolder("common/temp", "apps/a"), "../../apps/a");
  // Was: `../../x`, which named the tree's own folder x.
  assert.equal(relativeFolder("common/temp", "../x"), "../../../x");
  assert.equal(relativeFolder("apps/a", "../../x"), "../../../../x");
  assert.equal(relativeFolder("a", "a"), "");
});

Deno.test("Rush yarn.lock: the @rush-temp entry of a project outside the repository (`../cli`) is a component named by rush.json", async () => {
  const tree = await fixtureTree("yarn-temp-projects");
  const moved: Record<string, string> = {};
  for (const [path, text] of Object.entries(tree)) {
    moved[path.startsWith("tools/cli/") ? path.replace("tools/cli/", "../cli/") : `repo/${path}`] =
      text;
  }
  moved["repo/rush.json"] = moved["repo/rush.json"].replace('"tools/cli"', '"../cli"');
  await withTempDir(async (dir) => {
    const files: Record<string, string> = {};
    for (const [path, text] of Object.entries(moved)) files[path.replace(/^\.\.\//, "")] = text;
    await writeTree(dir, files);
    const inventory = await readInventory(`${dir}/repo`);
    // Was: the member workspace:../cli, its dependencies those of no project.
    assert.deepEqual(inventory.members.map((m) => m.id), [
      "workspace:libs/decoder",
      "workspace:tools/logger",
    ]);
    assert.deepEqual(from(inventory, "workspace:tools/logger"), [
      "pkg:npm/%40nd/toolchain-cli dev",
    ]);
    assert.deepEqual(from(inventory, "pkg:npm/%40nd/toolchain-cli"), [
      "pkg:npm/%40types/node@10.17.6 runtime",
      "pkg:npm/colors@1.3.2 runtime",
      "pkg:npm/rimraf@2.6.2 runtime",
      "pkg:npm/typescript@3.6.4 runtime",
    ]);
  });
});

Deno.test("Rush npm-shrinkwrap.json: a `__proto__` key among the packages names nothing, its contents no packages", async () => {
  // Written as JSON text: JSON.parse makes `__proto__` an own key, which the Rush rewrite of the
  // packages assigns (becoming the map's prototype): its entries must stay out of the lock.
  const lock = `{
    "name": "rush-common",
    "version": "0.0.0",
    "lockfileVersion": 3,
    "requires": true,
    "packages": {
      "": { "name": "rush-common", "version": "0.0.0" },
      "__proto__": { "node_modules/evil": { "version": "6.6.6" } },
      "node_modules/@rush-temp/app": {
        "version": "0.0.0",
        "resolved": "file:projects/app.tgz",
        "dependencies": { "colors": "1.4.0", "evil": "6.6.6" }
      },
      "node_modules/colors": { "version": "1.4.0" }
    }
  }`;
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "rush.json": '{ "projects": [{ "packageName": "@my/app", "projectFolder": "apps/app" }] }',
      "common/config/rush/npm-shrinkwrap.json": lock,
      "apps/app/package.json": JSON.stringify({
        name: "@my/app",
        version: "1.0.0",
        dependencies: { colors: "1.4.0" },
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:npm/colors@1.4.0"]);
    assert.deepEqual(from(inventory, "workspace:apps/app"), ["pkg:npm/colors@1.4.0 runtime"]);
  });
});
