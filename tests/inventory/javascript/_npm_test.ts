import assert from "node:assert/strict";
import {
  hostedArchiveVcsUrl,
  isBerryLock,
  isYarnClassicLock,
  joinPath,
  loadPackageJson,
  manifestProjectFields,
  npmComponent,
  npmLicense,
  originQualifiers,
  tarballVersion,
  workspaceFolders,
  yarnPatchedRange,
} from "../../../src/inventory/javascript/_npm.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { toCycloneDx, toSpdx } from "../../../src/sbom/mod.ts";
import { cpuStopwatch, withTempDir } from "../../_util.ts";
import { BERRY_APP } from "./_js_readers.ts";
import { assertSbomsValid, writeTree } from "../_tree.ts";

Deno.test("npmComponent: names keep their case; origin qualifiers; hashes; license", () => {
  const resolved = "https://registry.npmjs.org/JSONStream/-/JSONStream-1.3.5.tgz";
  const c = npmComponent({
    name: "JSONStream",
    version: "1.3.5",
    qualifiers: originQualifiers("JSONStream", resolved),
    hashes: [{ alg: "sha1", hex: "0".repeat(40) }],
    downloadLocation: resolved,
    license: "(MIT OR Apache-2.0)",
    scopes: ["dev"],
    sources: ["package-lock.json"],
  });
  assert.equal(c.purl, "pkg:npm/JSONStream@1.3.5");
  assert.equal(c.ecosystem, "npm");
  assert.equal(c.name, "JSONStream");
  assert.deepEqual(c.hashes, [{ alg: "sha1", hex: "0".repeat(40) }]);
  assert.equal(c.license, "(MIT OR Apache-2.0)");
  assert.deepEqual(c.sources, ["package-lock.json"]);
  const other = npmComponent({
    name: "a",
    version: "1.0.0",
    qualifiers: { download_url: "https://h/a.tgz" },
    sources: ["x"],
  });
  assert.equal(other.purl, "pkg:npm/a@1.0.0?download_url=https:%2F%2Fh%2Fa.tgz");
});

Deno.test("npmComponent: a @jsr/scope__name package is the JSR package, its npm tarball a distribution", () => {
  const resolved = "https://npm.jsr.io/~/11/@jsr/std__path/1.0.8.tgz";
  const hash = { alg: "sha512" as const, hex: "ab".repeat(64) };
  const c = npmComponent({
    name: "@jsr/std__path",
    version: "1.0.8",
    qualifiers: originQualifiers("@jsr/std__path", resolved),
    hashes: [hash],
    downloadLocation: resolved,
    sources: ["package-lock.json"],
  });
  assert.equal(c.purl, "pkg:jsr/%40std/path@1.0.8");
  assert.equal(c.ecosystem, "jsr");
  assert.equal(c.name, "@std/path");
  assert.equal(c.hashes, undefined, "deno.lock's JSR hash is of another file: no package hash");
  assert.deepEqual([...c.distributions ?? []], [{ url: resolved, hashes: [hash] }]);
  assert.equal(c.downloadLocation, resolved);
  assert.equal(
    npmComponent({ name: "@jsr/nounderscore", version: "1.0.0", sources: [] }).purl,
    "pkg:npm/%40jsr/nounderscore@1.0.0",
  );
});

Deno.test("npmLicense: the string, the legacy {type} object, nothing else", () => {
  assert.equal(npmLicense("MIT"), "MIT");
  assert.equal(npmLicense({ type: "ISC", url: "x" }), "ISC");
  for (const value of [undefined, null, 3, ["MIT"], { name: "MIT" }]) {
    assert.equal(npmLicense(value), undefined, JSON.stringify(value));
  }
});

Deno.test("tarballVersion: only a name-<version>.tgz file name gives a version", () => {
  assert.equal(
    tarballVersion("xlsx", "https://cdn.sheetjs.com/xlsx-0.20.2/xlsx-0.20.2.tgz"),
    "0.20.2",
  );
  assert.equal(tarballVersion("@s/pkg", "https://h/pkg-1.0.0-beta.1.tgz?x=1"), "1.0.0-beta.1");
  assert.equal(tarballVersion("pkg", "https://h/pkg-1.0.0.tar.gz"), "1.0.0");
  // npm pack's name for a scoped package; an unscoped name is never cut short.
  assert.equal(tarballVersion("@s/pkg", "vendor/s-pkg-0.0.0-abc123.tgz"), "0.0.0-abc123");
  assert.equal(tarballVersion("xpkg", "vendor/pkg-1.0.0.tgz"), undefined);
  assert.equal(tarballVersion("pkg", "https://h/latest.tgz"), undefined);
  assert.equal(tarballVersion("pkg", "https://h/other-1.0.0.tgz"), undefined);
  assert.equal(tarballVersion("pkg", "https://h/pkg-main.tgz"), undefined);
  // A malformed %-escape is read as written (was a URIError: an internal error).
  assert.equal(tarballVersion("pkg", "https://h/pkg-1.0.0%zz.tgz"), undefined);
});

Deno.test("originQualifiers: the npm registry needs none; other registries, git, other URLs", () => {
  assert.deepEqual(originQualifiers("a", "https://registry.npmjs.org/a/-/a-1.0.0.tgz"), {});
  assert.deepEqual(originQualifiers("a", undefined), {});
  assert.deepEqual(originQualifiers("a", ""), {});
  // The public registry's full mirrors serve the same packages: the same purls.
  for (
    const host of ["registry.yarnpkg.com", "registry.npmmirror.com", "registry.npm.taobao.org"]
  ) {
    assert.deepEqual(originQualifiers("@s/a", `https://${host}/@s/a/-/a-1.0.0.tgz`), {});
  }
  assert.deepEqual(originQualifiers("a", "http://registry.npm.taobao.org/a/-/a-1.0.0.tgz"), {});
  assert.deepEqual(originQualifiers("a", "https://npm.example.com/a/-/a-1.0.0.tgz"), {
    repository_url: "https://npm.example.com",
  });
  for (
    const [vcs, url] of [
      ["git+ssh://git@github.com/x/a.git#abc", "git+https://github.com/x/a.git@abc"],
      ["git+ssh://git@git.example.com/x/a.git#abc", "git+ssh://git@git.example.com/x/a.git@abc"],
      ["github:x/a#abc", "git+https://github.com/x/a.git@abc"],
      ["gitlab:x/a", "git+https://gitlab.com/x/a.git"],
    ]
  ) {
    assert.deepEqual(originQualifiers("a", vcs), { vcs_url: url });
  }
  assert.deepEqual(originQualifiers("a", "https://h/a.tgz"), { download_url: "https://h/a.tgz" });
});

Deno.test("originQualifiers: a hosted archive of a commit (GitHub codeload, GitLab, Bitbucket) is its git source (vcs_url)", () => {
  const sha = "97edff6f525f192a3f83cea1944765f769ae2678";
  assert.deepEqual(
    originQualifiers("is-positive", `https://codeload.github.com/kevva/is-positive/tar.gz/${sha}`),
    { vcs_url: `git+https://github.com/kevva/is-positive.git@${sha}` },
  );
  // pnpm's `path` of a package built from a folder of the repository: the SPDX #sub_path.
  assert.deepEqual(
    originQualifiers("x", `https://codeload.github.com/o/mono/tar.gz/${sha}`, {
      subPath: "/packages/x",
    }),
    { vcs_url: `git+https://github.com/o/mono.git@${sha}#packages/x` },
  );
  assert.equal(
    hostedArchiveVcsUrl("https://codeload.github.com/o/r/tar.gz/refs%2Ftags%2Fv1.0.0"),
    "git+https://github.com/o/r.git@refs/tags/v1.0.0",
  );
  // The same archive as github.com links it (hermeto's and cachito's yarn.lock fixtures).
  assert.deepEqual(
    originQualifiers("r", `https://github.com/o/r/archive/${sha}.tar.gz`),
    { vcs_url: `git+https://github.com/o/r.git@${sha}` },
  );
  assert.equal(
    hostedArchiveVcsUrl("https://github.com/o/r/archive/refs/tags/v1.0.0.zip"),
    "git+https://github.com/o/r.git@refs/tags/v1.0.0",
  );
  // GitHub's older links to the same archives (`tarball`/`zipball`, which redirect to codeload's
  // `legacy.tar.gz`), as NativeScript CLI 6's npm-shrinkwrap.json locks `bplist-parser`.
  assert.deepEqual(
    originQualifiers(
      "bplist-parser",
      "https://github.com/telerik/node-bplist-parser/tarball/master",
    ),
    { vcs_url: "git+https://github.com/telerik/node-bplist-parser.git@master" },
  );
  assert.equal(
    hostedArchiveVcsUrl(`https://github.com/o/r/zipball/${sha}`),
    `git+https://github.com/o/r.git@${sha}`,
  );
  // GitLab's and Bitbucket's archives (hosted-git-info's tarball templates, as Yarn classic locks
  // `gitlab:`/`bitbucket:`) are their git source too, spelt as their remotes are.
  assert.deepEqual(
    originQualifiers("r", `https://gitlab.com/g/sub/r/repository/archive.tar.gz?ref=${sha}`),
    { vcs_url: `git+https://gitlab.com/g/sub/r.git@${sha}` },
  );
  assert.deepEqual(
    originQualifiers("r", `https://bitbucket.org/o/r/get/${sha}.tar.gz`),
    { vcs_url: `git+https://bitbucket.org/o/r.git@${sha}` },
  );
  // Another GitHub URL, another host, a path that is no repository's: a plain download.
  for (
    const url of [
      "https://gitlab.com/a/repository/archive.tar.gz?ref=abc",
      "https://gitlab.com/g/my repo/repository/archive.tar.gz?ref=abc",
      "https://github.com/o/r/releases/download/v1/r-1.0.0.tgz",
      "https://codeload.example.com/o/r/tar.gz/abc",
      "https://gitlab.com/g/r/uploads/abc/r-1.0.0.tgz",
      "https://bitbucket.org/o/r/downloads/r-1.0.0.tar.gz",
    ]
  ) {
    assert.equal(hostedArchiveVcsUrl(url), undefined, url);
    assert.deepEqual(originQualifiers("r", url), { download_url: url });
  }
});

/** A Berry lock whose root workspace depends on `x` by `range`, which resolves to `resolution`. */
function berryLock(range: string, resolution: string): string {
  return [
    ...BERRY_APP,
    `    x: "${range}"`,
    "  languageName: unknown",
    "  linkType: soft",
    "",
    `"x@${range}":`,
    "  version: 1.0.0",
    `  resolution: "${resolution}"`,
    "  languageName: node",
    "  linkType: hard",
    "",
  ].join("\n");
}

/** A pnpm 9 lock whose root depends on `x` by `specifier`, locked as `version` with `resolution`. */
function pnpmLock(specifier: string, version: string, resolution: string): string {
  return [
    "lockfileVersion: '9.0'",
    "importers:",
    "  .:",
    "    dependencies:",
    "      x:",
    `        specifier: ${specifier}`,
    `        version: ${version}`,
    "packages:",
    `  x@${version}:`,
    `    resolution: ${resolution}`,
    "    version: 1.0.0",
    "snapshots:",
    `  x@${version}: {}`,
    "",
  ].join("\n");
}

/** `x` from `https://codeload.github.com/o/x/tar.gz/<CODELOAD_SHA>`, as each JavaScript lock writes it. */
const CODELOAD_SHA = "0123456789abcdef0123456789abcdef01234567";
const CODELOAD_URL = `https://codeload.github.com/o/x/tar.gz/${CODELOAD_SHA}`;
const CODELOAD_LOCKS: Record<string, Record<string, string>> = {
  "package-lock.json": {
    "package-lock.json": JSON.stringify({
      name: "app",
      lockfileVersion: 3,
      packages: {
        "": { name: "app", dependencies: { x: CODELOAD_URL } },
        "node_modules/x": { version: "1.0.0", resolved: CODELOAD_URL },
      },
    }),
  },
  "yarn.lock (classic)": {
    "yarn.lock": [
      "# yarn lockfile v1",
      "",
      '"x@github:o/x":',
      '  version "1.0.0"',
      `  resolved "${CODELOAD_URL}"`,
      "",
    ].join("\n"),
  },
  "yarn.lock (berry)": { "yarn.lock": berryLock(CODELOAD_URL, `x@${CODELOAD_URL}`) },
  "pnpm-lock.yaml": {
    "pnpm-lock.yaml": pnpmLock("github:o/x", CODELOAD_URL, `{tarball: ${CODELOAD_URL}}`),
  },
  // bun.lock records no version for a tarball URL (and this file name gives none).
  "bun.lock": {
    "bun.lock": JSON.stringify({
      lockfileVersion: 1,
      workspaces: { "": { name: "app", dependencies: { x: CODELOAD_URL } } },
      packages: { x: [`x@${CODELOAD_URL}`, {}] },
    }),
  },
  "package.json (no lock)": {},
  // The same commit as each tool writes `"x": "github:o/x#<sha>"`: npm as an ssh remote, Yarn
  // Berry as an https one, pnpm's git resolution, Bun and a package.json as the shorthand.
  "package-lock.json (ssh remote)": {
    "package-lock.json": JSON.stringify({
      name: "app",
      lockfileVersion: 3,
      packages: {
        "": { name: "app", dependencies: { x: `github:o/x#${CODELOAD_SHA}` } },
        "node_modules/x": {
          version: "1.0.0",
          resolved: `git+ssh://git@github.com/o/x.git#${CODELOAD_SHA}`,
        },
      },
    }),
  },
  "yarn.lock (berry, https remote)": {
    "yarn.lock": berryLock(
      `github:o/x#${CODELOAD_SHA}`,
      `x@https://github.com/o/x.git#commit=${CODELOAD_SHA}`,
    ),
  },
  "pnpm-lock.yaml (git resolution)": {
    "pnpm-lock.yaml": pnpmLock(
      `git+ssh://git@github.com/o/x.git#${CODELOAD_SHA}`,
      `git+ssh://git@github.com/o/x.git#${CODELOAD_SHA}`,
      `{commit: ${CODELOAD_SHA}, repo: git@github.com:o/x.git, type: git}`,
    ),
  },
  "bun.lock (shorthand)": {
    "bun.lock": JSON.stringify({
      lockfileVersion: 1,
      workspaces: { "": { name: "app", dependencies: { x: `github:o/x#${CODELOAD_SHA}` } } },
      packages: { x: [`x@github:o/x#${CODELOAD_SHA}`, {}, `o-x-${CODELOAD_SHA.slice(0, 7)}`] },
    }),
  },
  "package.json (shorthand, no lock)": {
    "package.json": JSON.stringify({ name: "app", dependencies: { x: `o/x#${CODELOAD_SHA}` } }),
  },
};

Deno.test("a GitHub repository at a commit is one git source in every JavaScript lock, however written", async () => {
  // `.git` as npm expands a shorthand and the purl-spec's npm example has it.
  const vcs = `vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fo%2Fx.git%40${CODELOAD_SHA}`;
  for (const [lock, files] of Object.entries(CODELOAD_LOCKS)) {
    await withTempDir(async (dir) => {
      const manifest = { name: "app", dependencies: { x: CODELOAD_URL } };
      await writeTree(dir, { "package.json": JSON.stringify(manifest), ...files });
      const inventory = await readInventory(dir);
      const versioned = lock.startsWith("bun") || lock.startsWith("package.json") ? "" : "@1.0.0";
      assert.deepEqual(
        inventory.components.map((c) => c.purl),
        [`pkg:npm/x${versioned}?${vcs}`],
        lock,
      );
    });
  }
});

Deno.test("workspaceFolders: literal folders, one-level globs through list, negations exclude", () => {
  const manifest = {
    path: "package.json",
    json: { workspaces: { packages: ["app", "packages/*", "!packages/skip", "missing/*"] } },
  };
  const dirs: Record<string, string[]> = {
    packages: ["a", "b", "skip", ".hidden", "node_modules"],
  };
  const exists = (folder: string): boolean => folder !== "packages/b";
  assert.deepEqual(
    workspaceFolders(manifest, "", (folder) => dirs[folder], exists),
    ["app", "packages/a"],
  );
  assert.deepEqual(workspaceFolders(manifest, "", undefined, () => true), ["app"]);
  assert.equal(joinPath("a/b", "../c"), "a/c");
  assert.equal(joinPath("", "."), "");
});

Deno.test("workspaceFolders: a negated glob excludes what it matches, in any place, as npm and pnpm do", () => {
  const dirs: Record<string, string[]> = {
    "": ["packages", "e2e"],
    packages: ["a", "b", "legacy-x", "tools"],
    "packages/b": ["a", "test"],
    "packages/tools": ["test"],
    "packages/tools/test": ["fixture"],
    e2e: ["test"],
  };
  const list = (folder: string): string[] | undefined => dirs[folder];
  const folders = (workspaces: unknown[]): string[] =>
    workspaceFolders({ path: "package.json", json: { workspaces } }, "", list, () => true);
  // The `package.json` example: a literal folder and a wildcard negation, after the positive one.
  assert.deepEqual(folders(["packages/*", "!packages/b", "!packages/legacy-*"]), [
    "packages/a",
    "packages/tools",
  ]);
  // Before it: npm and pnpm (fast-glob `ignore`) still exclude.
  assert.deepEqual(folders(["!packages/b", "packages/*"]), [
    "packages/a",
    "packages/legacy-x",
    "packages/tools",
  ]);
  // pnpm-workspace.yaml's `'!**/test/**'`: every test folder and everything below it.
  assert.deepEqual(folders(["packages/**", "e2e/*", "!**/test/**"]), [
    "packages",
    "packages/a",
    "packages/b",
    "packages/b/a",
    "packages/legacy-x",
    "packages/tools",
  ]);
  // npm's exception: a later pattern the negation covers cancels it.
  assert.deepEqual(folders(["packages/*", "!packages/b/**", "packages/b/a"]), [
    "packages/a",
    "packages/b",
    "packages/b/a",
    "packages/legacy-x",
    "packages/tools",
  ]);
  // `!!x` is `x`; a leading `./` or `/` is dropped, as npm drops it.
  assert.deepEqual(folders(["!!./packages/a", "/e2e/test", "!!!e2e/test"]), ["packages/a"]);
});

Deno.test("loadPackageJson: a version written with a leading v is read as npm reads it", () => {
  const text = '{ "name": "app", "version": "v1.2.3" }';
  const manifest = loadPackageJson(() => text, "pkg-v/package.json");
  assert.equal(manifest?.version, "1.2.3");
  assert.deepEqual(manifestProjectFields(manifest), {
    project: { name: "app", version: "1.2.3", purl: "pkg:npm/app@1.2.3" },
  });
  const plain = loadPackageJson(() => '{ "name": "app", "version": "2.0.0-rc.1" }', "p.json");
  assert.equal(plain?.version, "2.0.0-rc.1");
});

Deno.test("manifestProjectFields: a private package.json names a tooling identity; no name, no project", () => {
  const manifest = loadPackageJson(() => '{ "name": "ui", "private": true }', "ui/package.json");
  assert.deepEqual(manifestProjectFields(manifest), {
    project: { name: "ui", purl: "pkg:npm/ui" },
    projectIsTooling: true,
  });
  assert.deepEqual(manifestProjectFields(loadPackageJson(() => "{}", "x/package.json")), {});
  assert.deepEqual(manifestProjectFields(undefined), {});
});

/** The graph's packages in a pnpm 7 lock (v5.4): each one's lines after its resolution. */
const PNPM5_PACKAGES: Record<string, string[]> = {
  addon: [],
  lib: [
    "dependencies:",
    "  shared: 1.0.0",
    "optionalDependencies:",
    "  addon: 1.0.0",
    "  native: 1.0.0",
    "dev: false",
  ],
  native: ["dev: false", "optional: true"],
  shared: ["dev: false"],
  tool: [
    "dependencies:",
    "  addon: 1.0.0",
    "optionalDependencies:",
    "  watcher: 1.0.0",
    "dev: true",
  ],
  watcher: ["dev: true", "optional: true"],
};

/** The graph's packages in a Yarn Berry lock: each one's lines after its resolution. */
const BERRY_DEPENDENCIES: Record<string, string[]> = {
  addon: [],
  lib: [
    "dependencies:",
    '  addon: "npm:^1.0.0"',
    '  native: "npm:^1.0.0"',
    '  shared: "npm:^1.0.0"',
    "dependenciesMeta:",
    "  addon:",
    "    optional: true",
    "  native:",
    "    optional: true",
  ],
  native: [],
  shared: [],
  tool: [
    "dependencies:",
    '  addon: "npm:^1.0.0"',
    '  watcher: "npm:^1.0.0"',
    "dependenciesMeta:",
    "  watcher:",
    "    optional: true",
  ],
  watcher: [],
};

/** One graph (see the reachScopes test in ../_reach_test.ts) as each JavaScript lockfile writes it. */
const SCOPE_GRAPH: Record<string, Record<string, string>> = {
  "package-lock.json": {
    "package-lock.json": JSON.stringify({
      name: "app",
      version: "1.0.0",
      lockfileVersion: 3,
      requires: true,
      packages: {
        "": {
          name: "app",
          version: "1.0.0",
          dependencies: { lib: "^1.0.0" },
          devDependencies: { tool: "^1.0.0" },
        },
        "node_modules/addon": { version: "1.0.0", devOptional: true },
        "node_modules/lib": {
          version: "1.0.0",
          dependencies: { shared: "^1.0.0" },
          optionalDependencies: { addon: "^1.0.0", native: "^1.0.0" },
        },
        "node_modules/native": { version: "1.0.0", optional: true },
        "node_modules/shared": { version: "1.0.0" },
        "node_modules/tool": {
          version: "1.0.0",
          dev: true,
          dependencies: { addon: "^1.0.0" },
          optionalDependencies: { watcher: "^1.0.0" },
        },
        "node_modules/watcher": { version: "1.0.0", dev: true, optional: true },
      },
    }),
  },
  "yarn.lock": {
    "yarn.lock": [
      "# yarn lockfile v1",
      "",
      "addon@^1.0.0:",
      '  version "1.0.0"',
      "",
      "lib@^1.0.0:",
      '  version "1.0.0"',
      "  dependencies:",
      '    shared "^1.0.0"',
      "  optionalDependencies:",
      '    addon "^1.0.0"',
      '    native "^1.0.0"',
      "",
      "native@^1.0.0:",
      '  version "1.0.0"',
      "",
      "shared@^1.0.0:",
      '  version "1.0.0"',
      "",
      "tool@^1.0.0:",
      '  version "1.0.0"',
      "  dependencies:",
      '    addon "^1.0.0"',
      "  optionalDependencies:",
      '    watcher "^1.0.0"',
      "",
      "watcher@^1.0.0:",
      '  version "1.0.0"',
      "",
    ].join("\n"),
  },
  "pnpm-lock.yaml": {
    "pnpm-lock.yaml": [
      "lockfileVersion: '9.0'",
      "",
      "importers:",
      "",
      "  .:",
      "    dependencies:",
      "      lib:",
      "        specifier: ^1.0.0",
      "        version: 1.0.0",
      "    devDependencies:",
      "      tool:",
      "        specifier: ^1.0.0",
      "        version: 1.0.0",
      "",
      "packages:",
      "",
      ...["addon", "lib", "native", "shared", "tool", "watcher"].flatMap((name) => [
        `  ${name}@1.0.0:`,
        `    resolution: {tarball: https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz}`,
        "",
      ]),
      "snapshots:",
      "",
      "  addon@1.0.0: {}",
      "",
      "  lib@1.0.0:",
      "    dependencies:",
      "      shared: 1.0.0",
      "    optionalDependencies:",
      "      addon: 1.0.0",
      "      native: 1.0.0",
      "",
      "  native@1.0.0:",
      "    optional: true",
      "",
      "  shared@1.0.0: {}",
      "",
      "  tool@1.0.0:",
      "    dependencies:",
      "      addon: 1.0.0",
      "    optionalDependencies:",
      "      watcher: 1.0.0",
      "",
      "  watcher@1.0.0:",
      "    optional: true",
      "",
    ].join("\n"),
  },
  // pnpm 7's flags: `dev: false` only run time reaches it, `dev: true` only the dev tree, no
  // flag both; `optional: true` every path is optional. addon has neither, as if runtime.
  "pnpm-lock.yaml 5.4": {
    "pnpm-lock.yaml": [
      "lockfileVersion: 5.4",
      "",
      "specifiers:",
      "  lib: ^1.0.0",
      "  tool: ^1.0.0",
      "",
      "dependencies:",
      "  lib: 1.0.0",
      "",
      "devDependencies:",
      "  tool: 1.0.0",
      "",
      "packages:",
      "",
      ...Object.entries(PNPM5_PACKAGES).flatMap(([name, lines]) => [
        `  /${name}/1.0.0:`,
        `    resolution: {integrity: sha512-${btoa(name.padEnd(64, "-"))}}`,
        ...lines.map((line) => `    ${line}`),
        "",
      ]),
    ].join("\n"),
  },
  // Yarn Berry: a workspace's dev dependencies are among its dependencies, the package.json
  // tells them apart; an optional dependency is one `dependenciesMeta` marks optional.
  "yarn.lock berry": {
    "yarn.lock": [
      ...BERRY_APP,
      '    lib: "npm:^1.0.0"',
      '    tool: "npm:^1.0.0"',
      "  languageName: unknown",
      "  linkType: soft",
      "",
      ...Object.entries(BERRY_DEPENDENCIES).flatMap(([name, lines]) => [
        `"${name}@npm:^1.0.0":`,
        "  version: 1.0.0",
        `  resolution: "${name}@npm:1.0.0"`,
        ...lines.map((line) => `  ${line}`),
        "  languageName: node",
        "  linkType: hard",
        "",
      ]),
    ].join("\n"),
  },
  "bun.lock": {
    "bun.lock": JSON.stringify({
      lockfileVersion: 1,
      workspaces: {
        "": {
          name: "app",
          dependencies: { lib: "^1.0.0" },
          devDependencies: { tool: "^1.0.0" },
        },
      },
      packages: {
        addon: ["addon@1.0.0", "", {}, ""],
        lib: ["lib@1.0.0", "", {
          dependencies: { shared: "^1.0.0" },
          optionalDependencies: { addon: "^1.0.0", native: "^1.0.0" },
        }, ""],
        native: ["native@1.0.0", "", {}, ""],
        shared: ["shared@1.0.0", "", {}, ""],
        tool: ["tool@1.0.0", "", {
          dependencies: { addon: "^1.0.0" },
          optionalDependencies: { watcher: "^1.0.0" },
        }, ""],
        watcher: ["watcher@1.0.0", "", {}, ""],
      },
    }),
  },
};

Deno.test("one graph, every JavaScript lock: the same scopes, CycloneDX and SPDX alike", async () => {
  const manifest = JSON.stringify({
    name: "app",
    version: "1.0.0",
    dependencies: { lib: "^1.0.0" },
    devDependencies: { tool: "^1.0.0" },
  });
  const options = {
    created: new Date(0),
    reproducible: true,
    tool: { name: "vouch", version: "t" },
  };
  for (const [lock, files] of Object.entries(SCOPE_GRAPH)) {
    await withTempDir(async (dir) => {
      await writeTree(dir, { "package.json": manifest, ...files });
      const inventory = await readInventory(dir);
      assert.deepEqual(inventory.sources, [lock.split(" ")[0], "package.json"].sort(), lock);
      const bom = await toCycloneDx(inventory, options);
      const cyclonedx = new Map(bom.components.map((c) => [c.name, c.scope]));
      // name, inventory scopes, CycloneDX scope
      assert.deepEqual(
        inventory.components.map((c) => `${c.name} ${c.scopes} ${cyclonedx.get(c.name)}`),
        [
          "addon dev,optional optional", // optional at run time, needed by the dev tool
          "lib runtime required",
          "native optional optional",
          "shared runtime required",
          "tool dev excluded",
          "watcher dev excluded", // an optional dependency of a dev dependency: dev only
        ],
        lock,
      );
      const spdx = await toSpdx(inventory, options);
      const names = new Map(spdx.packages.map((p) => [p.SPDXID, p.name]));
      const relations = spdx.relationships
        .filter((r) => r.relationshipType !== "DESCRIBES")
        .map((r) =>
          `${names.get(r.spdxElementId)} ${r.relationshipType} ${names.get(r.relatedSpdxElement)}`
        );
      assert.deepEqual(relations.sort(), [
        "addon OPTIONAL_DEPENDENCY_OF lib",
        "app DEPENDS_ON lib",
        "lib DEPENDS_ON shared",
        "native OPTIONAL_DEPENDENCY_OF lib",
        "tool DEPENDS_ON addon",
        "tool DEV_DEPENDENCY_OF app",
        "watcher OPTIONAL_DEPENDENCY_OF tool",
      ], lock);
      await assertSbomsValid(inventory, lock);
    });
  }
});

Deno.test("workspaceFolders: ** at any depth (none included), ? in a name, no node_modules or dot folders", () => {
  const dirs: Record<string, string[]> = {
    "": ["libs", "node_modules", "packages"],
    node_modules: ["pkg-z"],
    packages: ["a", "group", "node_modules", ".cache"],
    "packages/a": ["src", "node_modules"],
    "packages/a/src": [],
    "packages/group": ["b", "c1"],
    "packages/group/b": ["fixtures"],
    "packages/group/b/fixtures": ["x"],
    "packages/group/b/fixtures/x": [],
    "packages/group/c1": [],
    "packages/node_modules": ["dep"],
    "packages/.cache": ["y"],
    libs: ["one", "two"],
    "libs/one": ["pkg-a", "pkg-bb"],
    "libs/two": ["deep"],
    "libs/two/deep": ["pkg-c"],
  };
  const withManifest = new Set([
    "packages",
    "packages/a",
    "packages/group/b",
    "packages/group/b/fixtures/x", // npm and Yarn take a nested package.json too
    "packages/group/c1",
    "packages/node_modules/dep",
    "packages/.cache/y",
    "libs/one/pkg-a",
    "libs/one/pkg-bb",
    "libs/two/deep/pkg-c",
    "node_modules/pkg-z",
  ]);
  const folders = (
    patterns: string[],
    list: (f: string) => string[] | undefined = (f) => dirs[f],
  ): string[] =>
    workspaceFolders(
      { path: "package.json", json: { workspaces: patterns } },
      "",
      list,
      (f) => withManifest.has(f),
    );
  assert.deepEqual(folders(["packages/**"]), [
    "packages",
    "packages/a",
    "packages/group/b",
    "packages/group/b/fixtures/x",
    "packages/group/c1",
  ]);
  assert.deepEqual(folders(["./packages/**/"]), folders(["packages/**"]), "./ and / trimmed");
  assert.deepEqual(folders(["libs/**/pkg-?"]), ["libs/one/pkg-a", "libs/two/deep/pkg-c"]);
  assert.deepEqual(folders(["packages/group/c?"]), ["packages/group/c1"]);
  assert.deepEqual(folders(["**/pkg-*"]), [
    "libs/one/pkg-a",
    "libs/one/pkg-bb",
    "libs/two/deep/pkg-c",
  ]);
  assert.deepEqual(folders(["packages/**/**"]), folders(["packages/**"]), "each folder once");
  // The same folders whatever the base: the lock's folder, relative to the tree's root.
  const nested = (f: string) => dirs[f.replace(/^sub\//, "")];
  assert.deepEqual(
    workspaceFolders(
      { path: "sub/package.json", json: { workspaces: ["packages/**"] } },
      "sub",
      nested,
      (f) => withManifest.has(f),
    ),
    folders(["packages/**"]),
  );
  assert.deepEqual(folders(["packages/**"], () => undefined), ["packages"], "unlisted: ** is none");
});

Deno.test("a ** workspace glob: yarn v1 and a lockless package.json find the same deep members", async () => {
  await withTempDir(async (dir) => {
    const files = {
      "package.json": JSON.stringify({ private: true, workspaces: ["packages/**"] }),
      "packages/a/package.json": JSON.stringify({
        name: "a",
        version: "1.0.0",
        dependencies: { ms: "^2.1.3" },
      }),
      "packages/group/b/package.json": JSON.stringify({
        name: "b",
        version: "2.0.0",
        dependencies: { a: "workspace:*" },
      }),
      // Installed copies are never workspaces.
      "packages/group/b/node_modules/a/package.json": JSON.stringify({ name: "a" }),
    };
    await writeTree(dir, files);
    const lockless = await readInventory(dir);
    await writeTree(dir, {
      "yarn.lock": '# yarn lockfile v1\n\nms@^2.1.3:\n  version "2.1.3"\n',
    });
    const yarn = await readInventory(dir);
    for (const [label, inventory] of [["package.json", lockless], ["yarn.lock", yarn]] as const) {
      assert.deepEqual(
        inventory.members.map((m) => `${m.id} ${m.purl}`),
        ["workspace:packages/a pkg:npm/a@1.0.0", "workspace:packages/group/b pkg:npm/b@2.0.0"],
        label,
      );
      assert.ok(
        inventory.edges.some((e) =>
          e.from === "workspace:packages/group/b" && e.to === "workspace:packages/a"
        ),
        `${label}: b's workspace:* dependency on a`,
      );
    }
    assert.deepEqual(yarn.components.map((c) => `${c.id} ${c.scopes}`), [
      "pkg:npm/ms@2.1.3 runtime",
    ]);
  });
});

Deno.test("originQualifiers: a tarball in the tree has no URL to download it from, but its file_name", () => {
  // purl-spec: `download_url` is "a direct package web download URL", `file_name` "an extra file
  // name of a package archive". Was: no qualifier, the registry's x@1.0.0 to any reader.
  const file = { file_name: "x-1.0.0.tgz" };
  assert.deepEqual(originQualifiers("x", "file:vendor/x-1.0.0.tgz"), file);
  assert.deepEqual(originQualifiers("x", "vendor/x-1.0.0.tgz"), file);
  // Yarn 1's SHA-1 after `#`; Berry's locator suffixes.
  assert.deepEqual(originQualifiers("x", "file:vendor/x-1.0.0.tgz#b0bde2814c75"), file);
  assert.deepEqual(originQualifiers("x", "vendor/x-1.0.0.tgz::locator=app%40workspace%3A."), file);
  // A folder is none.
  assert.deepEqual(originQualifiers("x", "file:libs/x"), {});
  assert.deepEqual(originQualifiers("x", "https://cdn.example/x-1.0.0.tgz"), {
    download_url: "https://cdn.example/x-1.0.0.tgz",
  });
});

Deno.test("workspaceFolders: a glob of many wildcards is matched without backtracking (`p/*a*a…*b` against a folder of a's hung vouch)", () => {
  const manifest = {
    path: "package.json",
    json: { workspaces: [`p/${"*a".repeat(16)}*b`, "p/a*"] },
  };
  const dirs: Record<string, string[]> = { p: ["a".repeat(64)] };
  const elapsed = cpuStopwatch();
  assert.deepEqual(workspaceFolders(manifest, "", (folder) => dirs[folder], () => true), [
    `p/${"a".repeat(64)}`,
  ]);
  assert.ok(elapsed() < 4_000, "too slow");
});

// A package.json is untrusted: `/::.*$/` tried every `::` of a range with a line break to the
// line's end, so the time grew with the square of its size (200 KB of `:`: over 20 s).
Deno.test("yarnPatchedRange: a range of many `::` and a line break takes linear time", () => {
  const range = `patch:a@1.0.0${":".repeat(200_000)}\n#./a.patch`;
  const elapsed = cpuStopwatch();
  assert.deepEqual(yarnPatchedRange("a", range, "."), { range: "1.0.0", patches: [] });
  assert.ok(elapsed() < 4_000);
});

Deno.test("isBerryLock, isYarnClassicLock: by the lines Yarn writes, as the yarn.lock reader tells them apart", () => {
  const classic =
    '# THIS IS AN AUTOGENERATED FILE.\n# yarn lockfile v1\n\n\nms@^2.1.3:\n  version "2.1.3"\n';
  const berry =
    '# generated by Yarn\n\n__metadata:\n  version: 8\n\n"ms@npm:^2.1.3":\n  version: 2.1.3\n';
  assert.deepEqual([isBerryLock(classic), isYarnClassicLock(classic)], [false, true]);
  assert.deepEqual([isBerryLock(berry), isYarnClassicLock(berry)], [true, false]);
  // The header with trailing spaces, or CRLF line ends, is still the header.
  assert.equal(isYarnClassicLock(classic.replace("v1\n", "v1  \n")), true);
  assert.equal(isYarnClassicLock(classic.replaceAll("\n", "\r\n")), true);
  assert.equal(isBerryLock(berry.replaceAll("\n", "\r\n")), true);
  // Only at the start of a line: in a key or a value it is no marker.
  assert.equal(isBerryLock('"x__metadata:@npm:1":\n  version: 1\n'), false);
  assert.equal(isYarnClassicLock("a # yarn lockfile v1\n"), false);
  // A lock with both is Berry's, as the reader reads it; a text with neither is neither.
  assert.equal(isYarnClassicLock(`${classic}__metadata:\n  version: 8\n`), false);
  assert.deepEqual([isBerryLock(""), isYarnClassicLock("")], [false, false]);
});

Deno.test("joinPath: normalises dot segments, doubled and trailing slashes, and keeps dotted names as they are", () => {
  const cases: [string[], string][] = [
    [["packages/a", "package.json"], "packages/a/package.json"],
    [[".github/actions/x", "package.json"], ".github/actions/x/package.json"],
    [["a/.b", "..c/d"], "a/.b/..c/d"],
    [["a/./b"], "a/b"],
    [["./a"], "a"],
    [["a//b/"], "a/b"],
    [["a/b/.."], "a"],
    [["a", "../.."], ".."],
    [["..", "x"], "../x"],
    [["/abs", "x"], "/abs/x"],
    [["", "."], ""],
    [["a/."], "a"],
    [["a/.", "."], "a"],
  ];
  for (const [parts, joined] of cases) assert.equal(joinPath(...parts), joined, parts.join(" + "));
});
