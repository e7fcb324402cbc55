import assert from "node:assert/strict";
import {
  cargoRequirementAccepts,
  excludedFromWorkspace,
  readCargoToml,
} from "../../../src/inventory/rust/cargo_toml.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";
import { cpuStopwatch } from "../../_util.ts";

const APP = `[package]
name = "app"
version = "0.3.0"
license = "MIT OR Apache-2.0"
description = """
  A demo app.
"""

[dependencies]
serde = { version = "1.0", features = ["derive"] }
anyhow = "=1.0.86"
core = { path = "crates/core" }
tokio = { version = "1", optional = true }
yaml = { package = "serde_yaml", version = "0.9" }
fork = { git = "https://github.com/example/fork", rev = "abc123" }

[dev-dependencies]
insta = "1.39"

[build-dependencies]
cc = "1"

[target.'cfg(windows)'.dependencies]
winapi = "0.3"
`;

Deno.test("readCargoToml: identity, every dependency table, scopes, exact and ranged versions", async () => {
  await loadTomlParser(); // the manifest has a float, outside the fast TOML subset
  const out = readCargoToml(APP, { path: "Cargo.toml" });
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "app",
    purl: "pkg:cargo/app@0.3.0",
    version: "0.3.0",
    license: "MIT OR Apache-2.0",
    description: "A demo app.",
  });
  const fork = "pkg:cargo/fork?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fexample%2Ffork%40abc123";
  assert.deepEqual(out.components.map((c) => [c.id, c.version, c.specifier, c.scopes]), [
    ["pkg:cargo/anyhow@1.0.86", "1.0.86", undefined, ["runtime"]],
    ["pkg:cargo/cc", undefined, "1", ["build"]],
    [fork, undefined, undefined, ["runtime"]],
    ["pkg:cargo/insta", undefined, "1.39", ["dev"]],
    ["pkg:cargo/serde", undefined, "1.0", ["runtime"]],
    ["pkg:cargo/serde_yaml", undefined, "0.9", ["runtime"]],
    ["pkg:cargo/tokio", undefined, "1", ["optional"]],
    ["pkg:cargo/winapi", undefined, "0.3", ["runtime"]],
  ]);
  assert.ok(out.components.every((c) => c.direct && c.sources[0] === "Cargo.toml"));
  assert.deepEqual(edgesFrom(out, ROOT_ID).length, 8, "path dependency skipped");
});

Deno.test("readCargoToml: workspace inheritance from the root manifest, loaded through `load`", () => {
  const root = `[workspace]
members = ["crates/*"]

[workspace.package]
version = "2.1.0"
license = "Apache-2.0"

[workspace.dependencies]
serde = { version = "1.0.210" }
regex = "=1.10.5"
sibling = { path = "crates/sibling" }
`;
  const member = `[package]
name = "member"
version.workspace = true
license = { workspace = true }

[dependencies]
serde = { workspace = true, features = ["derive"] }
regex.workspace = true
sibling = { workspace = true }
`;
  const loaded: string[] = [];
  const out = readCargoToml(member, {
    path: "crates/member/Cargo.toml",
    load: (path) => {
      loaded.push(path);
      return path === "Cargo.toml" ? root : undefined;
    },
  });
  assert.deepEqual(loaded, ["crates/Cargo.toml", "Cargo.toml"]);
  assert.deepEqual(out.project, {
    name: "member",
    purl: "pkg:cargo/member@2.1.0",
    version: "2.1.0",
    license: "Apache-2.0",
  });
  assert.deepEqual(out.components.map((c) => [c.id, c.specifier]), [
    ["pkg:cargo/regex@1.10.5", undefined],
    ["pkg:cargo/serde", "1.0.210"],
  ]);
  const virtual = readCargoToml(root, { path: "Cargo.toml" });
  assert.equal(virtual.project, undefined, "a virtual workspace has no package");
  assert.deepEqual(
    virtual.components,
    [],
    "workspace.dependencies are no declarations by themselves",
  );
});

Deno.test("readCargoToml: the release is the version of a package that states none", () => {
  const out = readCargoToml('[package]\nname = "x"\n', { path: "Cargo.toml", release: "1.4.0" });
  assert.equal(out.project?.purl, "pkg:cargo/x@1.4.0");
});

Deno.test("readCargoToml: malformed TOML and wrong types are inventory.cargo_toml.invalid", async () => {
  await loadTomlParser(); // invalid TOML is smol-toml's to report
  assertVouchError(
    () => readCargoToml('[package\nname = "x"\n', { path: "Cargo.toml" }),
    "inventory.cargo_toml.invalid",
    /^Cargo\.toml:1:\d+: invalid TOML/,
  );
  assertVouchError(
    () =>
      readCargoToml('[package]\nname = "x"\n\n[dependencies]\nserde = 1\n', { path: "Cargo.toml" }),
    "inventory.cargo_toml.invalid",
    /^Cargo\.toml:5: dependency "serde" must be a version string or a table/,
  );
  assertVouchError(
    () => readCargoToml('dependencies = 3\n[package]\nname = "x"\n', { path: "Cargo.toml" }),
    "inventory.cargo_toml.invalid",
    /^Cargo\.toml:1: dependencies must be a table/,
  );
  // A table written as an assignment: its line (was the file alone).
  assertVouchError(
    () => readCargoToml('package = "x"\n[dependencies]\n', { path: "Cargo.toml" }),
    "inventory.cargo_toml.invalid",
    /^Cargo\.toml:1: \[package\] must be a table/,
  );
  // Cargo: "package name cannot be empty"; was a purl error naming the file alone.
  assertVouchError(
    () => readCargoToml('[package]\nversion = "1.0.0"\nname = ""\n', { path: "Cargo.toml" }),
    "inventory.cargo_toml.invalid",
    /^Cargo\.toml:3: \[package\] name is empty \(Cargo refuses it\)$/,
  );
  // Found by fuzzing: a dependency with an empty name written as a literal key (`''`) or in a
  // table header was named by the file alone, with no line.
  for (
    const [dependencies, line] of [
      ["[dependencies]\nserde = '1.0'\n'' = '1.0'\n", 6],
      ['[dependencies.""]\nversion = "1.0"\n', 4],
      ["[dependencies]\n'' . version = '1.0'\n", 5],
    ] as const
  ) {
    assertVouchError(
      () =>
        readCargoToml(`[package]\nname = "app"\nversion = "0.1.0"\n${dependencies}`, {
          path: "Cargo.toml",
        }),
      "inventory.cargo_toml.invalid",
      new RegExp(`^Cargo\\.toml:${line}: a dependency with an empty name$`),
    );
  }
});

Deno.test("readCargoToml: a git source with a control character is refused at its dependency (fuzz)", () => {
  // Its vcs_url was refused at no line (a root's [patch]), or at line 1 (a reference alone).
  const root = '[workspace]\nmembers = ["seed"]\n\n[patch.crates-io.radicle-avatar]\n' +
    'git = "\\n"\nbranch = "main"\n';
  const member = '[package]\nname = "seed"\nversion = "1.0.0"\n\n[dependencies]\n' +
    'radicle-avatar = "0"\n';
  assertVouchError(
    () =>
      readCargoToml(member, {
        path: "seed/Cargo.toml",
        load: (p) => p === "Cargo.toml" ? root : undefined,
      }),
    "inventory.cargo_toml.invalid",
    /^Cargo\.toml:4: the git source of dependency "radicle-avatar" holds a control character: "\\n"$/,
  );
  assertVouchError(
    () =>
      readCargoToml(
        '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
          'avatar = { git = "https://github.com/radicle-dev/radicle-avatar", branch = "\\u0007" }\n',
        { path: "Cargo.toml" },
      ),
    "inventory.cargo_toml.invalid",
    /^Cargo\.toml:6: the git source of dependency "avatar" holds a control character: "\\u0007"$/,
  );
});

Deno.test("readCargoToml: a root that excludes the crate is not its workspace; Cargo looks further up", () => {
  const files: Record<string, string> = {
    "Cargo.toml":
      '[workspace]\nmembers = ["vendor/fork"]\n\n[workspace.dependencies]\nserde = "=1.0.1"\n',
    "vendor/Cargo.toml":
      '[workspace]\nexclude = ["fork"]\n\n[workspace.dependencies]\nserde = "=9.9.9"\n',
  };
  const member = '[package]\nname = "fork"\n[dependencies]\nserde = { workspace = true }\n';
  const out = readCargoToml(member, { path: "vendor/fork/Cargo.toml", load: (p) => files[p] });
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:cargo/serde@1.0.1"]);
});

Deno.test("excludedFromWorkspace: whole path components, literal members win, globs do not", () => {
  const ws = { members: ["crates/*", "tools/keep"], exclude: ["crates/old", "./tools/"] };
  assert.equal(excludedFromWorkspace("crates/old", ws), true);
  assert.equal(excludedFromWorkspace("crates/old/sub", ws), true);
  assert.equal(excludedFromWorkspace("crates/older", ws), false);
  assert.equal(excludedFromWorkspace("tools/keep", ws), false);
  assert.equal(excludedFromWorkspace("tools/other", ws), true);
  assert.equal(excludedFromWorkspace("x", { members: [], exclude: ["./"] }), true);
  assert.equal(excludedFromWorkspace("crates/new", { members: [], exclude: ["crates/*"] }), false);
});

Deno.test("readCargoToml: a path dependency outside the project is declared; one inside is the project's", () => {
  const out = readCargoToml(
    '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
      'ext = { path = "../ext", version = "=1.2.0" }\nown = { path = "crates/own" }\n',
    { path: "Cargo.toml" },
  );
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.purl, c.version]), [[
    "pkg:cargo/ext@1.2.0",
    "1.2.0",
  ]]);
});

Deno.test("readCargoToml: a path dependency under vendor/ is vendored third-party code: declared", () => {
  const out = readCargoToml(
    '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
      'zlib-sys = { path = "vendor/zlib-sys", version = "1.3" }\nown = { path = "crates/own" }\n',
    { path: "Cargo.toml" },
  );
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.purl, c.specifier]), [
    ["pkg:cargo/zlib-sys", "1.3"],
  ]);
});

Deno.test("readCargoToml: every dependency of a cargo-fuzz crate is dev", () => {
  const out = readCargoToml(
    '[package]\nname = "app-fuzz"\nversion = "0.0.0"\n\n[package.metadata]\ncargo-fuzz = true\n\n' +
      '[dependencies]\nlibfuzzer-sys = "0.4"\narbitrary = { version = "1", optional = true }\n',
    { path: "fuzz/Cargo.toml" },
  );
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.purl, c.scopes.join()]), [
    ["pkg:cargo/arbitrary", "dev"],
    ["pkg:cargo/libfuzzer-sys", "dev"],
  ]);
});

// Without a Cargo.lock a crate of an alternative registry (`registry = "name"`) read as crates.io's:
// the index is in the project's .cargo/config.toml, `[registries.<name>] index`.
Deno.test("readCargoToml: a crate of another registry carries the index the project's .cargo/config.toml gives", () => {
  const files: Record<string, string> = {
    ".cargo/config.toml": '[registries.acme]\nindex = "sparse+https://crates.acme.test/index/"\n' +
      '[registries]\nold = { index = "https://git.acme.test/index.git" }\n',
    // nearer the manifest wins, and `config` is read when both exist (as Cargo does)
    "crates/app/.cargo/config": '[registries.old]\nindex = "https://git.acme.test/new-index"\n',
    "crates/app/.cargo/config.toml": '[registries.old]\nindex = "https://ignored.test/"\n',
  };
  const manifest = '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
    'tool = { version = "=1.2.0", registry = "acme" }\n' +
    'legacy = { version = "0.3", registry = "old" }\n' +
    'serde = { version = "1", registry = "crates-io" }\n' +
    'published = { version = "2", registry-index = "sparse+https://crates.acme.test/index/" }\n' +
    'mystery = { version = "1", registry = "elsewhere" }\n';
  const out = readCargoToml(manifest, { path: "crates/app/Cargo.toml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:cargo/legacy?repository_url=https:%2F%2Fgit.acme.test%2Fnew-index",
    "pkg:cargo/mystery",
    "pkg:cargo/published?repository_url=https:%2F%2Fcrates.acme.test%2Findex%2F",
    "pkg:cargo/serde",
    "pkg:cargo/tool@1.2.0?repository_url=https:%2F%2Fcrates.acme.test%2Findex%2F",
  ]);
  assert.equal(out.warnings?.length, 1);
  assert.match(
    out.warnings![0],
    /crates\/app\/Cargo\.toml declares mystery \(registry "elsewhere"\)/,
  );
  // Without the configuration the warning names every such crate.
  const alone = readCargoToml(manifest, { path: "Cargo.toml" });
  assert.match(alone.warnings![0], /tool \(registry "acme"\), legacy \(registry "old"\), mystery/);
  // Beside a Cargo.lock, which says each crate's registry, it is no warning.
  const lock: Record<string, string> = { ...files, "crates/app/Cargo.lock": "version = 4\n" };
  const locked = readCargoToml(manifest, { path: "crates/app/Cargo.toml", load: (p) => lock[p] });
  assert.equal(locked.warnings, undefined);
});

// Without a Cargo.lock, a dependency the workspace root's [patch] swaps for a fork read as the
// crates.io (or upstream git) crate: Cargo builds the patch's crate instead.
Deno.test("readCargoToml: a dependency the root's [patch.<source>] patches is the patch's crate", () => {
  const root = '[workspace]\nmembers = ["app"]\n\n[workspace.dependencies]\nserde = "1.0"\n\n' +
    '[patch.crates-io]\nserde = { git = "https://github.com/acme/serde", branch = "fix" }\n' +
    'log2 = { package = "log", path = "../forks/log" }\nown = { path = "crates/own" }\n\n' +
    '[patch."https://github.com/tokio-rs/tokio.git"]\ntokio = { git = "https://github.com/acme/tokio", rev = "abc123", version = "1.40" }\n\n' +
    '[patch.acme]\ntool = { path = "vendor/tool" }\n';
  const app = '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
    'serde.workspace = true\nlog = "0.4"\nown = "0.1"\nanyhow = "1"\n' +
    'tokio = { git = "https://github.com/tokio-rs/tokio" }\n' +
    'tool = { version = "=2.0.0", registry = "acme" }\n' +
    'rand = { git = "https://github.com/rust-random/rand" }\n';
  const files: Record<string, string> = {
    "Cargo.toml": root,
    ".cargo/config.toml": '[registries.acme]\nindex = "sparse+https://crates.acme.test/"\n',
  };
  const out = readCargoToml(app, { path: "app/Cargo.toml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.purl, c.specifier ?? c.version]), [
    ["pkg:cargo/anyhow", "1"],
    ["pkg:cargo/log", "0.4"], // by a folder outside the project: no registry's, no repository's
    ["pkg:cargo/rand?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Frust-random%2Frand", undefined],
    [
      "pkg:cargo/serde?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fserde%40fix",
      "1.0",
    ],
    ["pkg:cargo/tokio?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Ftokio%40abc123", "1.40"],
    ["pkg:cargo/tool@2.0.0", "2.0.0"], // vendored under vendor/: third-party code
  ]);
  assert.ok(!out.components.some((c) => c.name === "own"), "patched by the project's own crate");
});

Deno.test("cargoRequirementAccepts: Cargo's caret default, tilde, exact, wildcard and comparison requirements", () => {
  const cases: [string, string, boolean][] = [
    ["0.7", "0.7.3", true],
    ["0.7", "0.8.5", false],
    ["0.8", "0.8.5", true],
    ["1.2", "1.9.0", true],
    ["1.2", "2.0.0", false],
    ["^0.0.3", "0.0.3", true],
    ["^0.0.3", "0.0.4", false],
    ["^0.0", "0.0.9", true],
    ["^0", "0.9.0", true],
    ["~1.2.3", "1.2.9", true],
    ["~1.2.3", "1.3.0", false],
    ["~1", "1.9.0", true],
    ["=1.2.3", "1.2.3", true],
    ["=1.2.3", "1.2.4", false],
    ["=1.2", "1.2.7", true],
    ["1.*", "1.5.0", true],
    ["1.2.*", "1.3.0", false],
    ["*", "9.9.9", true],
    [">=1, <2", "1.9.0", true],
    [">=1, <2", "2.0.0", false],
    [">1.2", "1.2.9", false],
    [">1.2", "1.3.0", true],
    ["<=1.2", "1.2.9", true],
    ["<=1.2", "1.3.0", false],
    ["^1.0.0-beta.1", "1.0.0-beta.2", true],
    // A pre-release only for a comparator naming a pre-release of its major.minor.patch.
    ["1", "1.5.0-beta.1", false],
    ["1", "2.0.0-alpha.1", false],
    ["<2", "2.0.0-alpha.1", false],
    ["*", "1.0.0-rc.1", false],
    [">=1.2.0-rc.1", "1.2.0-rc.2", true],
    [">=1.2.0-rc.1", "1.3.0-rc.1", false],
    [">=1.2.0-rc.1, <2", "1.2.0-rc.2", true],
    ["=0.3.0-alpha.4", "0.3.0-alpha.4", true],
    ["0.3.0-alpha.4", "0.3.0-alpha.5", true],
    ["0.3.0-alpha.4", "0.3.0-alpha.3", false],
    ["1", "0.7.1+5.3.1-0-g81034ce", false],
    ["not a requirement", "1.0.0", true],
  ];
  for (const [requirement, version, accepts] of cases) {
    assert.equal(
      cargoRequirementAccepts(requirement, version),
      accepts,
      `${requirement} ${version}`,
    );
  }
});

// The manifest is untrusted: a requirement or a source URL with a long run of spaces or slashes
// not at its end took time growing with its square (`^\s*…\s*$`, `/\/+$/`: 20 s and more here).
Deno.test("readCargoToml, cargoRequirementAccepts: long runs of spaces or slashes take linear time", () => {
  const elapsed = cpuStopwatch();
  assert.equal(cargoRequirementAccepts(`${" ".repeat(150_000)}x`, "1.0.0"), true);
  assert.equal(cargoRequirementAccepts(` >= 1.2 , < 2 `, "1.5.0"), true);
  assert.equal(cargoRequirementAccepts(` >= 1.2 , < 2 `, "2.0.0"), false);
  const url = `https://github.com/acme/x${"/".repeat(150_000)}y`;
  const root = `[workspace]\nmembers = ["app"]\n\n[patch."${url}"]\nx = { path = "x" }\n`;
  const app =
    `[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nx = { git = "${url}" }\n`;
  const files: Record<string, string> = { "Cargo.toml": root };
  const out = readCargoToml(app, { path: "app/Cargo.toml", load: (p) => files[p] });
  assert.deepEqual(out.components, [], "patched by the project's own crate");
  assert.ok(elapsed() < 3_000);
});

Deno.test("readCargoToml: a crate of an edition before 2024 may say [project] for [package], as Cargo reads it", () => {
  // Shaped like a 2016 crate's manifest: Cargo warns that `[project]` is deprecated and builds it.
  const old = '[project]\nname = "mio-old"\nversion = "0.5.1"\nauthors = ["Carl"]\n\n' +
    '[dependencies]\nlibc = "=0.2.4"\nslab = "0.1.0"\n\n[dev-dependencies]\nenv_logger = "0.3.0"\n';
  const out = readCargoToml(old, { path: "Cargo.toml" });
  assertWellFormed(out);
  assert.equal(out.project?.purl, "pkg:cargo/mio-old@0.5.1");
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), [
    ["pkg:cargo/env_logger", ["dev"]],
    ["pkg:cargo/libc@0.2.4", ["runtime"]],
    ["pkg:cargo/slab", ["runtime"]],
  ]);
  assertVouchError(
    () => readCargoToml('[project]\nname = "x"\nedition = "2024"\n', { path: "x/Cargo.toml" }),
    "inventory.cargo_toml.invalid",
    /^x\/Cargo\.toml:1: \[project\] is not supported as of the 2024 edition/,
  );
});

Deno.test("readCargoToml: a manifest with neither [package] nor [workspace] is refused, as Cargo does", () => {
  assertVouchError(
    () => readCargoToml('[dependencies]\nserde = "1"\n', { path: "tools/Cargo.toml" }),
    "inventory.cargo_toml.invalid",
    /^tools\/Cargo\.toml:1: has neither a \[package\] nor a \[workspace\] table$/,
  );
});

Deno.test("readCargoToml: of a `workspace = true` dependency Cargo takes only features, optional, default-features, public", () => {
  const root = '[workspace]\nmembers = ["app"]\n\n[workspace.dependencies]\n' +
    'serde = "=1.0.200"\nrand = { version = "0.8", package = "rand-fork" }\n';
  const app = '[package]\nname = "app"\n\n[dependencies]\n' +
    'serde = { workspace = true, package = "serde-fork", version = "=2.0.0" }\n' +
    'rand = { workspace = true, optional = true, features = ["std"] }\n';
  const out = readCargoToml(app, {
    path: "app/Cargo.toml",
    load: (p) => ({ "Cargo.toml": root })[p],
  });
  assert.deepEqual(out.components.map((c) => [c.id, c.specifier, c.scopes]), [
    ["pkg:cargo/rand-fork", "0.8", ["optional"]],
    ["pkg:cargo/serde@1.0.200", undefined, ["runtime"]],
  ]);
  assert.equal(out.warnings?.length, 1);
  assert.match(
    out.warnings![0],
    /^app\/Cargo\.toml inherits serde \(package, version\) from the workspace/,
  );
});

// Cargo refuses a `workspace = true` dependency that the root's [workspace.dependencies] does
// not list ("`dependency.tokio` was not found in `workspace.dependencies`"), or with no workspace
// root at all (a member folder read on its own): it was a version-less component, with no word.
Deno.test("readCargoToml: a `workspace = true` dependency that no workspace root declares is warned of", () => {
  const app = '[package]\nname = "app"\n\n[dependencies]\n' +
    'serde = { workspace = true }\ntokio.workspace = true\nlog = "0.4"\n';
  const root = '[workspace]\nmembers = ["app"]\n\n[workspace.dependencies]\nserde = "=1.0.200"\n';
  const member = readCargoToml(app, {
    path: "app/Cargo.toml",
    load: (p) => ({ "Cargo.toml": root })[p],
  });
  assert.deepEqual(member.components.map((c) => c.id), [
    "pkg:cargo/log",
    "pkg:cargo/serde@1.0.200",
    "pkg:cargo/tokio",
  ]);
  assert.deepEqual(member.warnings, [
    "app/Cargo.toml inherits tokio from the workspace (`workspace = true`), but Cargo.toml's " +
    "[workspace.dependencies] does not list it (Cargo refuses this manifest): its version is " +
    "unknown; declare it in [workspace.dependencies], or read the project from its workspace root",
  ]);
  const alone = readCargoToml(app, { path: "Cargo.toml", load: () => undefined });
  assert.match(
    alone.warnings?.[0] ?? "",
    /^Cargo\.toml inherits serde, tokio from the workspace \(`workspace = true`\), but the project has no workspace root to declare them \(Cargo refuses this manifest unless one above the tree does\): their versions are unknown/,
  );
});

// maturin's (pyo3-pack's) Cargo.toml: `default = ["log", "upload", "rustls"]` turns on the
// optional pretty_env_logger, reqwest and rpassword, which every default build compiles in; they
// were listed optional, as if not installed. keyring (a non-default feature's), human-panic (no
// feature's) and tracing (only a weak `tracing?/log`) stay optional.
Deno.test("readCargoToml: an optional dependency the default feature turns on is runtime", async () => {
  await loadTomlParser();
  const out = readCargoToml(
    `[package]
name = "pyo3-pack"
version = "0.7.0"

[dependencies]
keyring = { version = "0.7.0", optional = true }
reqwest = { version = "0.9.18", optional = true, default-features = false }
rpassword = { version = "3.0.2", optional = true }
human-panic = { version = "1.0.1", optional = true }
pretty_env_logger = { version = "0.3.0", optional = true }
tracing = { version = "0.1", optional = true }
zip = { version = "0.5.2", optional = true }

[features]
default = ["auditwheel", "log", "upload", "rustls", "tracing?/log", "zip-support"]
auditwheel = []
upload = ["reqwest", "rpassword"]
password-storage = ["upload", "keyring"]
log = ["dep:pretty_env_logger"]
rustls = ["reqwest/rustls-tls"]
zip-support = ["zip/deflate"]
`,
    { path: "Cargo.toml" },
  );
  assert.deepEqual(out.components.map((c) => [c.name, c.scopes]), [
    ["human-panic", ["optional"]],
    ["keyring", ["optional"]],
    ["pretty_env_logger", ["runtime"]],
    ["reqwest", ["runtime"]],
    ["rpassword", ["runtime"]],
    ["tracing", ["optional"]],
    ["zip", ["runtime"]],
  ]);
});

// Cargo's resolver (activate_dep_feature): a `name/feature` that turns on the optional `name`
// turns on the feature `name` too when `[features]` defines one ("the old behavior before weak
// dependencies"), and with it what that feature lists: tokio-util here.
Deno.test("readCargoToml: a default `name/feature` turns on the feature `name` and what it lists", async () => {
  await loadTomlParser();
  const out = readCargoToml(
    `[package]
name = "app"
version = "0.1.0"

[dependencies]
tokio = { version = "1", optional = true }
tokio-util = { version = "0.7", optional = true }
bytes = { version = "1", optional = true }

[features]
default = ["tokio/rt"]
tokio = ["dep:tokio", "dep:tokio-util"]
bytes = ["dep:bytes"]
`,
    { path: "Cargo.toml" },
  );
  assert.deepEqual(out.components.map((c) => [c.name, c.scopes]), [
    ["bytes", ["optional"]],
    ["tokio", ["runtime"]],
    ["tokio-util", ["runtime"]],
  ]);
});
