import assert from "node:assert/strict";
import { readCargoLock } from "../../../src/inventory/rust/cargo_lock.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { treeContext, writeTree } from "../_tree.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";

const read = (file: string) =>
  readCargoLock(Deno.readTextFileSync(fixture("rust", file)), { path: "Cargo.lock" });

/** Each component's purl, whether it is direct, and its scopes. */
const rows = (out: ReturnType<typeof readCargoLock>) =>
  out.components.map((c) => [c.purl, c.direct, c.scopes.join()]);

const SERDE_GIT = "pkg:cargo/serde@1.0.210?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fserde-rs" +
  "%2Fserde%400123456789abcdef0123456789abcdef01234567";
const TRACING = "pkg:cargo/tracing@0.1.40?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Ftokio-rs" +
  "%2Ftracing%40908cc432a5994f6e17c8f36e13c217dc40085704";
const LOCALE = "pkg:cargo/locale@0.2.2?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fexample" +
  "%2Flocale.git%4054c9fe6a247c3618c224ec57e6c3a747bc3a96e4";
const INTERNAL = "pkg:cargo/internal-tool@1.0.0?repository_url=https:%2F%2Fcrates.example.com" +
  "%2Findex";

Deno.test("readCargoLock reads members, git sources, registries and two versions", () => {
  const out = read("workspace/Cargo.lock");
  assertWellFormed(out);
  assert.deepEqual(out.members, [
    {
      id: "pkg:cargo/app-core@0.3.0",
      name: "app-core",
      version: "0.3.0",
      purl: "pkg:cargo/app-core@0.3.0",
    },
    { id: "pkg:cargo/app@0.3.0", name: "app", version: "0.3.0", purl: "pkg:cargo/app@0.3.0" },
  ]);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:cargo/bitflags@1.3.2",
    "pkg:cargo/bitflags@2.6.0",
    INTERNAL,
    LOCALE,
    "pkg:cargo/serde@1.0.210",
    SERDE_GIT,
    TRACING,
  ]);
  const byId = new Map(out.components.map((c) => [c.id, c]));
  assert.deepEqual(byId.get("pkg:cargo/bitflags@1.3.2")?.hashes, [
    { alg: "sha256", hex: "a6bc5d3de394df5b8e8124b10f4cf06950260b541de821db51eb228fcaf45704" },
  ]);
  assert.equal(
    byId.get("pkg:cargo/bitflags@2.6.0")?.downloadLocation,
    "https://crates.io/api/v1/crates/bitflags/2.6.0/download",
  );
  assert.equal(
    byId.get(TRACING)?.downloadLocation,
    "git+https://github.com/tokio-rs/tracing@908cc432a5994f6e17c8f36e13c217dc40085704",
  );
  assert.deepEqual(byId.get(SERDE_GIT)?.hashes, []);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:cargo/app-core@0.3.0 runtime",
    "pkg:cargo/app@0.3.0 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:cargo/app@0.3.0"), [
    "pkg:cargo/app-core@0.3.0 runtime",
    "pkg:cargo/bitflags@2.6.0 runtime",
    "pkg:cargo/serde@1.0.210 runtime",
    `${TRACING} runtime`,
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:cargo/app-core@0.3.0"), [
    "pkg:cargo/bitflags@1.3.2 runtime",
    `${INTERNAL} runtime`,
    `${LOCALE} runtime`,
    `${SERDE_GIT} runtime`,
  ]);
  assert.deepEqual(edgesFrom(out, TRACING), ["pkg:cargo/bitflags@2.6.0 runtime"]);
  assert.equal(out.components.filter((c) => c.direct).length, 7);
});

Deno.test("readCargoLock reads the unversioned v1 format with [metadata] checksums", () => {
  const out = read("v1/Cargo.lock");
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.hashes, c.direct]), [[
    "pkg:cargo/libc@0.2.155",
    [{ alg: "sha256", hex: "37fc29779165b637afe74b2938e6fd681e5234e3d88db51b3e85f745aaf89325" }],
    true,
  ]]);
  assert.deepEqual(edgesFrom(out, "pkg:cargo/hello@0.1.0"), ["pkg:cargo/libc@0.2.155 runtime"]);
});

Deno.test("readCargoLock reads the [root] package of Cargo before 1.24 as the member", () => {
  const out = read("v1-root/Cargo.lock");
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:cargo/oldapp@0.1.0"]);
  assert.deepEqual(edgesFrom(out, "pkg:cargo/oldapp@0.1.0"), [
    "pkg:cargo/libc@0.2.20 runtime",
    "pkg:cargo/rand@0.3.15 runtime",
  ]);
  assert.deepEqual(out.components.map((c) => [c.id, c.direct]), [
    ["pkg:cargo/libc@0.2.20", true],
    ["pkg:cargo/rand@0.3.15", true],
  ]);
});

Deno.test("readCargoLock: a v1 reference to a git package names its source without the commit", () => {
  // Cargo writes `name version (git+url)` in `dependencies` and `[metadata]`, and
  // `git+url#<commit>` as the package's `source` (xi-editor's fuzz lock, Cargo 0.18).
  const out = read("v1-git/Cargo.lock");
  assertWellFormed(out);
  const git = "pkg:cargo/fuzzer-sys@0.1.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fexample" +
    "%2Ffuzzer-sys.git%4036a3928eef5c3c38eb0f251962395bb510c39d46";
  assert.deepEqual(out.members.map((m) => m.id), [
    "pkg:cargo/parser-fuzz@0.0.1",
    "pkg:cargo/parser@0.2.0",
  ]);
  assert.deepEqual(out.components.map((c) => [c.id, c.hashes.length]), [
    ["pkg:cargo/cc@1.0.3", 1],
    [git, 0],
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:cargo/parser-fuzz@0.0.1"), [
    `${git} runtime`,
    "pkg:cargo/parser@0.2.0 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, git), ["pkg:cargo/cc@1.0.3 runtime"]);
});

Deno.test("readCargoLock: a reference without a source is the path crate when a registry crate has the same name and version", () => {
  // Cargo writes the source of a reference whose name and version two packages share, but a
  // path crate has none to write: `foo 0.1.0` is the member, `foo 0.1.0 (registry+…)` the
  // crate of crates.io (cargo's lookup_id takes the one path package for a sourceless one).
  const crates = "registry+https://github.com/rust-lang/crates.io-index";
  const out = readCargoLock(
    `version = 3

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "bar",
 "foo 0.1.0",
]

[[package]]
name = "bar"
version = "1.0.0"
source = "${crates}"
dependencies = [
 "foo 0.1.0 (${crates})",
]

[[package]]
name = "foo"
version = "0.1.0"

[[package]]
name = "foo"
version = "0.1.0"
source = "${crates}"
checksum = "${"2".repeat(64)}"
`,
    { path: "Cargo.lock" },
  );
  assertWellFormed(out);
  // The member has the purl of crates.io's foo 0.1.0, not its id.
  assert.deepEqual(out.members.map((m) => [m.id, m.purl]), [
    ["path:pkg:cargo/foo@0.1.0", "pkg:cargo/foo@0.1.0"],
    ["pkg:cargo/app@0.1.0", "pkg:cargo/app@0.1.0"],
  ]);
  assert.deepEqual(out.components.map((c) => [c.id, c.hashes.length]), [
    ["pkg:cargo/bar@1.0.0", 0],
    ["pkg:cargo/foo@0.1.0", 1],
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:cargo/app@0.1.0"), [
    "path:pkg:cargo/foo@0.1.0 runtime",
    "pkg:cargo/bar@1.0.0 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:cargo/bar@1.0.0"), ["pkg:cargo/foo@0.1.0 runtime"]);
});

Deno.test("readCargoLock: a package [replace] swapped for another is that other one", () => {
  const out = read("replace/Cargo.lock");
  assertWellFormed(out);
  const bar = "pkg:cargo/bar@0.1.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fbar" +
    "%400123456789abcdef0123456789abcdef01234567";
  assert.deepEqual(out.components.map((c) => c.id), [bar, "pkg:cargo/serde@1.0.210"]);
  assert.deepEqual(edgesFrom(out, "pkg:cargo/app@0.1.0"), [
    `${bar} runtime`,
    "pkg:cargo/serde@1.0.210 runtime",
  ]);
  assert.deepEqual(edgesFrom(out, bar), ["pkg:cargo/serde@1.0.210 runtime"]);
});

Deno.test("readCargoLock rejects unknown versions, bad TOML and unresolvable dependencies", async () => {
  await loadTomlParser(); // invalid TOML is smol-toml's to report
  assertVouchError(
    () => read("invalid/wrong-version/Cargo.lock"),
    "inventory.cargo_lock.unsupported_version",
    /^Cargo\.lock:1: Cargo\.lock version 5 is not supported/,
  );
  // Below Cargo's header comments: the line of the version, not the file's first.
  assertVouchError(
    () =>
      readCargoLock(
        "# This file is automatically @generated by Cargo.\n# It is not intended for manual editing.\nversion = 99\n",
        { path: "Cargo.lock" },
      ),
    "inventory.cargo_lock.unsupported_version",
    /^Cargo\.lock:3: Cargo\.lock version 99 is not supported/,
  );
  assertVouchError(
    () => read("invalid/malformed/Cargo.lock"),
    "inventory.cargo_lock.invalid",
    /^Cargo\.lock:44:\d+: invalid TOML/,
  );
  assertVouchError(
    () => read("invalid/dangling/Cargo.lock"),
    "inventory.cargo_lock.invalid",
    /^Cargo\.lock:4: dependency "missing" of app 0\.1\.0 matches 0 packages/,
  );
});

function readCorpus(project: string): ReturnType<typeof readCargoLock> {
  const text = Deno.readTextFileSync(`${SHARED_DIR}/corpus/${project}/Cargo.lock`);
  return readCargoLock(text, { path: "Cargo.lock" });
}

Deno.test("readCargoLock matches the ruff lock exactly", () => {
  if (skipWithoutShared("ruff Cargo.lock accuracy")) return;
  const out = readCorpus("astral-sh__ruff");
  assertWellFormed(out);
  // Counted with tomllib: 556 packages, 51 without `source`, 505 distinct (name, version, source).
  assert.equal(out.members.length, 51);
  assert.equal(out.components.length, 505);
  assert.ok(out.members.some((m) => m.name === "ruff"));
  assert.ok(!out.components.some((c) => c.purl.includes("?")));
  const names = new Map<string, number>();
  for (const c of out.components) names.set(c.name, (names.get(c.name) ?? 0) + 1);
  assert.equal([...names.values()].filter((n) => n > 1).length, 34);
});

Deno.test("readCargoLock matches the lapce lock exactly, git sources included", () => {
  if (skipWithoutShared("lapce Cargo.lock accuracy")) return;
  const out = readCorpus("lapce__lapce");
  assertWellFormed(out);
  assert.equal(out.members.length, 5);
  assert.equal(out.components.length, 747);
  assert.equal(out.components.filter((c) => c.purl.includes("?vcs_url=")).length, 24);
  const ids = new Set(out.components.map((c) => c.id));
  for (
    const purl of [
      "pkg:cargo/locale_config@0.3.1-alpha.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Flapce" +
      "%2Flocale_config.git%4054c9fe6a247c3618c224ec57e6c3a747bc3a96e4", // ?branch=lapce
      "pkg:cargo/wasi-experimental-http-wasmtime@0.10.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Flapce" +
      "%2Fwasi-experimental-http%4021419eb785cb583ead180f25a9685fa16de7f326", // bare #sha
      "pkg:cargo/Inflector@0.11.4",
    ]
  ) assert.ok(ids.has(purl), purl);
});

Deno.test("readCargoLock scopes the edges of members by what their Cargo.toml declares", () => {
  const dir = fixture("rust", "dev-scopes");
  const { load, list } = treeContext(dir);
  const read = (withManifests: boolean) =>
    readCargoLock(load("Cargo.lock")!, {
      path: "Cargo.lock",
      ...withManifests ? { load, list } : {},
    });
  const out = read(true);
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.scopes.join(",")}`), [
    "cc build",
    "console dev",
    "insta dev",
    "log optional",
    "serde dev,runtime",
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:cargo/ws-a@0.1.0"), [
    "pkg:cargo/cc@1.2.10 build",
    "pkg:cargo/insta@1.42.0 dev",
    "pkg:cargo/serde@1.0.217 dev",
    "pkg:cargo/serde@1.0.217 runtime",
    "pkg:cargo/ws-b@0.2.0 runtime",
  ]);
  // Without the manifests, a lock alone cannot tell: every edge is runtime.
  assert.ok(read(false).components.every((c) => c.scopes.join() === "runtime"));
});

Deno.test("readCargoLock: a crate `[workspace] exclude` leaves out is no member, glob or not", () => {
  // crates/a-old shares the member's name; Cargo leaves it out of the workspace
  // (exclude beats the `crates/*` glob), so its dev-dependency on serde says
  // nothing about the member's runtime one.
  const files: Record<string, string> = {
    "Cargo.toml": '[workspace]\nmembers = ["crates/*", "tools/keep"]\n' +
      'exclude = ["crates/a-old", "./tools/"]\n',
    "crates/a-old/Cargo.toml": '[package]\nname = "core"\n[dev-dependencies]\nserde = "1"\n',
    "crates/core/Cargo.toml": '[package]\nname = "core"\n[dependencies]\nserde = "1"\n',
    "tools/keep/Cargo.toml": '[package]\nname = "keep"\n[build-dependencies]\ncc = "1"\n',
  };
  const lock = `version = 4

[[package]]
name = "cc"
version = "1.2.10"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "core"
version = "0.1.0"
dependencies = ["serde"]

[[package]]
name = "keep"
version = "0.1.0"
dependencies = ["cc"]

[[package]]
name = "serde"
version = "1.0.217"
source = "registry+https://github.com/rust-lang/crates.io-index"
`;
  const folders: Record<string, string[]> = {
    "": ["crates", "tools"],
    "crates": ["a-old", "core"],
    "tools": ["keep"],
  };
  const out = readCargoLock(lock, {
    path: "Cargo.lock",
    load: (path) => files[path],
    list: (folder) => folders[folder],
  });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.scopes.join(",")}`), [
    "cc build", // tools/keep is a literal member: exclude "tools" does not override it
    "serde runtime",
  ]);
});

Deno.test("readCargoLock: a path crate outside the project is a component; one inside stays a member", () => {
  const files: Record<string, string> = {
    "Cargo.toml": '[workspace]\nmembers = ["app"]\n\n[workspace.dependencies]\n' +
      'shared = { path = "../shared" }\n',
    "app/Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
      'vendored = { path = "../../vendor/vendored", version = "2.0" }\n' +
      'inner = { path = "../inner" }\nshared = { workspace = true }\n',
  };
  const lock = 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
    'dependencies = ["inner", "shared", "vendored"]\n\n' +
    '[[package]]\nname = "inner"\nversion = "0.3.0"\n\n' +
    '[[package]]\nname = "shared"\nversion = "1.1.0"\n\n' +
    '[[package]]\nname = "vendored"\nversion = "2.0.4"\n';
  const out = readCargoLock(lock, {
    path: "Cargo.lock",
    load: (p) => files[p],
    list: (folder) => folder === "" ? ["app"] : [],
  });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:cargo/app@0.1.0", "pkg:cargo/inner@0.3.0"]);
  assert.deepEqual(rows(out), [
    ["pkg:cargo/shared@1.1.0", true, "runtime"],
    ["pkg:cargo/vendored@2.0.4", true, "runtime"],
  ]);
});

Deno.test("readCargoLock: a crate under vendor/ (a path dependency, [patch], [replace]) is vendored third-party code: a component", () => {
  const files: Record<string, string> = {
    "Cargo.toml": '[workspace]\nmembers = ["app"]\n\n' +
      '[patch.crates-io]\nlibc = { path = "vendor/libc" }\nown-fork = { path = "forks/own-fork" }\n\n' +
      "[patch.'https://github.com/example/tls']\nmytls = { path = \"third_party/vendor/tls\", " +
      'package = "tls" }\n\n[replace]\n"bytes:1.6.0" = { path = "vendor/bytes" }\n',
    "app/Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
      'zlib-sys = { path = "../vendor/zlib-sys" }\nlibc = "0.2"\nown-fork = "1"\n' +
      'tls = { git = "https://github.com/example/tls" }\nbytes = "1.6"\n',
  };
  const lock = 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
    'dependencies = ["bytes", "libc", "own-fork", "tls", "zlib-sys"]\n\n' +
    '[[package]]\nname = "bytes"\nversion = "1.6.0"\n\n' +
    '[[package]]\nname = "libc"\nversion = "0.2.155"\n\n' +
    '[[package]]\nname = "own-fork"\nversion = "1.0.0"\n\n' +
    '[[package]]\nname = "tls"\nversion = "0.4.0"\n\n' +
    '[[package]]\nname = "zlib-sys"\nversion = "1.3.1"\ndependencies = ["zlib-build"]\n\n' +
    '[[package]]\nname = "zlib-build"\nversion = "0.1.0"\n';
  const out = readCargoLock(lock, {
    path: "Cargo.lock",
    load: (p) => files[p],
    list: (folder) => folder === "" ? ["app", "forks", "vendor"] : [],
  });
  assertWellFormed(out);
  // A fork kept as the project's own code (forks/) stays a member, as a Bundler PATH gem does.
  assert.deepEqual(out.members.map((m) => m.id), [
    "pkg:cargo/app@0.1.0",
    "pkg:cargo/own-fork@1.0.0",
  ]);
  assert.deepEqual(rows(out), [
    ["pkg:cargo/bytes@1.6.0", true, "runtime"],
    ["pkg:cargo/libc@0.2.155", true, "runtime"],
    ["pkg:cargo/tls@0.4.0", true, "runtime"],
    ["pkg:cargo/zlib-build@0.1.0", false, "runtime"],
    ["pkg:cargo/zlib-sys@1.3.1", true, "runtime"],
  ]);
});

Deno.test("readCargoLock: a crate the Cargo configuration's [patch] takes from vendor/ or outside the project is a component", () => {
  // Cargo reads [patch] from .cargo/config.toml as from the root manifest (a path relative to the
  // folder holding .cargo/); Cargo 1.95 locked `foo = "1"` patched so as `foo` without a source.
  const files: Record<string, string> = {
    "Cargo.toml": '[workspace]\nmembers = ["app"]\n',
    ".cargo/config.toml": '[patch.crates-io]\nfoo = { path = "vendor/foo" }\n' +
      "[patch.'https://github.com/example/term']\n" +
      'term = { path = "../term/term_core", package = "term_core" }\n',
    "app/Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nfoo = "1"\n' +
      'term_core = { git = "https://github.com/example/term" }\nown = { path = "../own" }\n',
    "own/Cargo.toml": '[package]\nname = "own"\nversion = "0.2.0"\n',
  };
  const lock = 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
    'dependencies = ["foo", "own", "term_core"]\n\n' +
    '[[package]]\nname = "foo"\nversion = "1.0.0"\n\n' +
    '[[package]]\nname = "own"\nversion = "0.2.0"\n\n' +
    '[[package]]\nname = "term_core"\nversion = "0.5.0"\n';
  const out = readCargoLock(lock, {
    path: "Cargo.lock",
    load: (p) => files[p],
    list: (folder) => folder === "" ? ["app", "own", "vendor"] : [],
  });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:cargo/app@0.1.0", "pkg:cargo/own@0.2.0"]);
  assert.deepEqual(rows(out), [
    ["pkg:cargo/foo@1.0.0", true, "runtime"],
    ["pkg:cargo/term_core@0.5.0", true, "runtime"],
  ]);
});

Deno.test("readCargoLock: a path crate that only a crate outside the project depends on is outside too: a component", () => {
  const files: Record<string, string> = {
    "Cargo.toml": '[workspace]\nmembers = ["app"]\n',
    "app/Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
      'outside = { path = "../../outside" }\ninner = { path = "../inner" }\n',
  };
  // ../outside's own Cargo.toml (not in the tree) says `outside2 = { path = "../outside2" }`.
  const lock = 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
    'dependencies = ["inner", "outside"]\n\n' +
    '[[package]]\nname = "inner"\nversion = "0.3.0"\ndependencies = ["helper"]\n\n' +
    '[[package]]\nname = "helper"\nversion = "0.1.0"\n\n' +
    '[[package]]\nname = "outside"\nversion = "1.0.0"\ndependencies = ["outside2"]\n\n' +
    '[[package]]\nname = "outside2"\nversion = "2.0.0"\ndependencies = ["serde"]\n\n' +
    '[[package]]\nname = "serde"\nversion = "1.0.200"\n' +
    'source = "registry+https://github.com/rust-lang/crates.io-index"\n';
  const out = readCargoLock(lock, {
    path: "Cargo.lock",
    load: (p) => files[p],
    list: (folder) => folder === "" ? ["app"] : [],
  });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), [
    "pkg:cargo/app@0.1.0",
    "pkg:cargo/helper@0.1.0",
    "pkg:cargo/inner@0.3.0",
  ]);
  assert.deepEqual(rows(out), [
    ["pkg:cargo/outside2@2.0.0", false, "runtime"],
    ["pkg:cargo/outside@1.0.0", true, "runtime"],
    ["pkg:cargo/serde@1.0.200", false, "runtime"],
  ]);
  assert.ok(
    out.edges.some((e) =>
      `${e.from} ${e.to}` === "pkg:cargo/outside@1.0.0 pkg:cargo/outside2@2.0.0"
    ),
  );
});

// A member the root names whose folder is not in the tree (an `xtask` or a submodule not checked
// out): Cargo fails ("failed to load manifest for workspace member"), and vouch only has what the
// lock says of it. A glob that matches no folder names no member.
Deno.test("readCargoLock: a workspace member the root names without a Cargo.toml in the tree is warned about", () => {
  const files: Record<string, string> = {
    "Cargo.toml": '[workspace]\nmembers = ["a", "xtask", "tools/*"]\nresolver = "2"\n',
    "a/Cargo.toml": '[package]\nname = "a"\nversion = "0.1.0"\nedition = "2021"\n\n' +
      '[dependencies]\nitoa = "1"\n',
    "Cargo.lock": "# This file is automatically @generated by Cargo.\n" +
      "# It is not intended for manual editing.\nversion = 4\n\n" +
      '[[package]]\nname = "a"\nversion = "0.1.0"\ndependencies = [\n "itoa",\n]\n\n' +
      '[[package]]\nname = "itoa"\nversion = "1.0.11"\n' +
      'source = "registry+https://github.com/rust-lang/crates.io-index"\n' +
      'checksum = "49f1f14873335454500d59611f1cf4a4b0f786f9ac11f4312a78e4cf2566695b"\n\n' +
      '[[package]]\nname = "xtask"\nversion = "0.1.0"\n',
  };
  const out = readCargoLock(files["Cargo.lock"], {
    path: "Cargo.lock",
    load: (p) => files[p],
    list: () => [],
  });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:cargo/a@0.1.0", "pkg:cargo/xtask@0.1.0"]);
  assert.deepEqual(out.warnings, [
    "Cargo.toml names the workspace member xtask, which has no Cargo.toml in the project (a git " +
    "submodule not checked out?): Cargo refuses to build the workspace, and the SBOM has only " +
    "what Cargo.lock locks for it",
  ]);
});

// Found by sweep 21 on 5225225/in-place-string-map: its Cargo.toml declares the dev-dependencies
// proptest and proptest-derive, and the Cargo.lock stored with it locks only the crate itself.
// Cargo locks every declared dependency (whatever the features and targets) and `cargo build`
// would add them to the lock; vouch left them out of the SBOM without a word.
Deno.test("readCargoLock: what a member's Cargo.toml declares and the lock does not lock is warned about (5225225/in-place-string-map)", () => {
  const files: Record<string, string> = {
    "Cargo.toml": '[package]\nname = "in-place-string-map"\nversion = "0.1.0"\n\n' +
      '[dev-dependencies]\nproptest = "0.10.1"\nproptest-derive = "0.2.0"\n',
    "Cargo.lock": 'version = 3\n\n[[package]]\nname = "in-place-string-map"\nversion = "0.1.0"\n',
  };
  const load = (path: string): string | undefined => files[path];
  const stale = readCargoLock(files["Cargo.lock"], { path: "Cargo.lock", load });
  assert.deepEqual(stale.warnings, [
    "Cargo.lock does not lock what its workspace declares (Cargo.toml declares proptest, " +
    "proptest-derive): the lock is out of date and those crates are not in the SBOM; run " +
    "`cargo update --workspace` and commit Cargo.lock",
  ]);
  // Renamed, target-specific, optional and path dependencies are locked under their crate names.
  files["Cargo.toml"] =
    '[workspace]\nmembers = ["b"]\n\n[package]\nname = "a"\nversion = "0.1.0"\n\n' +
    '[dependencies]\nserde_crate = { package = "serde", version = "1" }\n' +
    'log = { version = "0.4", optional = true }\nb = { path = "b" }\n\n' +
    "[target.'cfg(windows)'.dependencies]\nwinapi = \"0.3\"\n";
  files["b/Cargo.toml"] =
    '[package]\nname = "b"\nversion = "0.2.0"\n\n[build-dependencies]\ncc = "1"\n';
  const registry = 'source = "registry+https://github.com/rust-lang/crates.io-index"\n';
  files["Cargo.lock"] = 'version = 3\n\n[[package]]\nname = "a"\nversion = "0.1.0"\n' +
    'dependencies = [\n "b",\n "log",\n "serde",\n "winapi",\n]\n\n' +
    '[[package]]\nname = "b"\nversion = "0.2.0"\ndependencies = [\n "cc",\n]\n\n' +
    ["cc 1.2.10", "log 0.4.22", "serde 1.0.217", "winapi 0.3.9"].map((p) =>
      `[[package]]\nname = "${p.split(" ")[0]}"\nversion = "${p.split(" ")[1]}"\n${registry}\n`
    ).join("");
  const locked = readCargoLock(files["Cargo.lock"], { path: "Cargo.lock", load, list: () => [] });
  assertWellFormed(locked);
  assert.equal(locked.components.length, 4);
  assert.equal(locked.warnings, undefined, "every declaration is locked");
  files["b/Cargo.toml"] += '\n[dev-dependencies]\ninsta = "1"\n';
  assert.match(
    readCargoLock(files["Cargo.lock"], { path: "Cargo.lock", load, list: () => [] }).warnings![0],
    /\(b\/Cargo.toml declares insta\)/,
    "a workspace member's manifest too",
  );
  // A member the lock does not have at all (added to the workspace after the lock was written).
  files["Cargo.toml"] = files["Cargo.toml"].replace('members = ["b"]', 'members = ["b", "c"]');
  files["c/Cargo.toml"] = '[package]\nname = "c"\nversion = "0.3.0"\n';
  assert.match(
    readCargoLock(files["Cargo.lock"], { path: "Cargo.lock", load, list: () => [] }).warnings![0],
    /; c\/Cargo.toml declares the crate c itself\)/,
  );
});

Deno.test("readCargoLock: a cargo-fuzz crate's dependencies are dev: fuzz targets are never shipped", () => {
  const files: Record<string, string> = {
    "fuzz/Cargo.toml": '[package]\nname = "app-fuzz"\nversion = "0.0.0"\npublish = false\n\n' +
      "[package.metadata]\ncargo-fuzz = true\n\n[dependencies]\nlibfuzzer-sys = " +
      '"0.4"\n\n[dependencies.app]\npath = ".."\n\n[workspace]\nmembers = ["."]\n',
    "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nmemchr = "2"\n',
  };
  const CRATES = 'source = "registry+https://github.com/rust-lang/crates.io-index"\n';
  const lock = 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
    'dependencies = ["memchr"]\n\n[[package]]\nname = "app-fuzz"\nversion = "0.0.0"\n' +
    'dependencies = ["app", "libfuzzer-sys"]\n\n' +
    `[[package]]\nname = "libfuzzer-sys"\nversion = "0.4.7"\n${CRATES}\n` +
    `[[package]]\nname = "memchr"\nversion = "2.7.4"\n${CRATES}`;
  const out = readCargoLock(lock, { path: "fuzz/Cargo.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), [
    "pkg:cargo/app-fuzz@0.0.0",
    "pkg:cargo/app@0.1.0",
  ]);
  assert.deepEqual(out.components.map((c) => [c.purl, c.scopes.join()]), [
    ["pkg:cargo/libfuzzer-sys@0.4.7", "dev"],
    ["pkg:cargo/memchr@2.7.4", "runtime"],
  ]);
});

Deno.test("scan: a member's Cargo.toml declaration is the package its lock entry names, not every version of that name (sweep 29)", async () => {
  // rand 0.7.3 is only the dev-dependency old's; app's own rand is 0.8.5. serde, which app's
  // manifest declares but its (stale) lock entry does not list, is reached through old only.
  const CRATES = 'source = "registry+https://github.com/rust-lang/crates.io-index"\n';
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
        'rand = "0.8"\nserde = "1"\n\n[dev-dependencies]\nold = "1"\n',
      "Cargo.lock": 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
        'dependencies = ["old", "rand 0.8.5"]\n\n' +
        `[[package]]\nname = "old"\nversion = "1.0.0"\n${CRATES}` +
        'dependencies = ["rand 0.7.3", "serde"]\n\n' +
        `[[package]]\nname = "rand"\nversion = "0.7.3"\n${CRATES}\n` +
        `[[package]]\nname = "rand"\nversion = "0.8.5"\n${CRATES}\n` +
        `[[package]]\nname = "serde"\nversion = "1.0.200"\n${CRATES}`,
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => [c.id, c.direct, c.scopes.join()]), [
      ["pkg:cargo/old@1.0.0", true, "dev"],
      ["pkg:cargo/rand@0.7.3", false, "dev"],
      ["pkg:cargo/rand@0.8.5", true, "runtime"],
      ["pkg:cargo/serde@1.0.200", false, "dev"],
    ]);
    assert.deepEqual(inventory.edges.filter((e) => e.from === ROOT_ID).map((e) => e.to), [
      "pkg:cargo/old@1.0.0",
      "pkg:cargo/rand@0.8.5",
    ]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /\(Cargo\.toml declares serde\)/, "the stale lock is warned about");
  });
});

Deno.test("readCargoLock: a crate of another registry, git or sparse index, carries its repository_url; crates.io's none", () => {
  const lock = 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
    'dependencies = ["tool", "legacy", "serde"]\n\n' +
    '[[package]]\nname = "tool"\nversion = "1.2.0"\nsource = "sparse+https://crates.acme.test/index/"\n\n' +
    '[[package]]\nname = "legacy"\nversion = "0.3.1"\nsource = "registry+https://git.acme.test/index"\n\n' +
    '[[package]]\nname = "serde"\nversion = "1.0.210"\nsource = "sparse+https://index.crates.io/"\n';
  const out = readCargoLock(lock, { path: "Cargo.lock" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.purl, c.downloadLocation]), [
    ["pkg:cargo/legacy@0.3.1?repository_url=https:%2F%2Fgit.acme.test%2Findex", undefined],
    [
      "pkg:cargo/serde@1.0.210",
      "https://crates.io/api/v1/crates/serde/1.0.210/download",
    ],
    ["pkg:cargo/tool@1.2.0?repository_url=https:%2F%2Fcrates.acme.test%2Findex%2F", undefined],
  ]);
});

Deno.test("readCargoLock: one crate locked from crates.io's git and sparse index alike is one component", () => {
  // Cargo keeps each package's source when a lock written before 1.68 is updated with the
  // sparse protocol on: both are crates.io, one purl.
  const sum = "ddc6f9cc94d67c0e21aaf7eda3a010fd3af78ebf6e096aa6e2e13c79749cce4f";
  const lock = 'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n' +
    ' "serde 1.0.200 (registry+https://github.com/rust-lang/crates.io-index)",\n' +
    ' "serde 1.0.200 (sparse+https://index.crates.io/)",\n]\n\n' +
    '[[package]]\nname = "serde"\nversion = "1.0.200"\n' +
    `source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${sum}"\n\n` +
    '[[package]]\nname = "serde"\nversion = "1.0.200"\n' +
    `source = "sparse+https://index.crates.io/"\nchecksum = "${sum}"\n`;
  const out = readCargoLock(lock, { path: "Cargo.lock" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.purl, c.hashes.length]), [
    ["pkg:cargo/serde@1.0.200", 1],
  ]);
});

// A crate declared at two versions, one of them renamed (`rand07 = { package = "rand" … }`), in
// two tables: each locked version took both scopes, the dev-only one runtime too.
Deno.test("readCargoLock: a crate declared twice, at two versions in two tables, has each version in its own scope", async () => {
  const manifest = '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
    'rand07 = { package = "rand", version = "0.7" }\n\n[dev-dependencies]\nrand = "0.8"\n';
  const lock = 'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
    'dependencies = [\n "rand 0.7.3",\n "rand 0.8.5",\n]\n\n' +
    '[[package]]\nname = "rand"\nversion = "0.7.3"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n\n' +
    '[[package]]\nname = "rand"\nversion = "0.8.5"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n';
  const files: Record<string, string> = { "Cargo.toml": manifest };
  const out = readCargoLock(lock, { path: "Cargo.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(rows(out), [
    ["pkg:cargo/rand@0.7.3", true, "runtime"],
    ["pkg:cargo/rand@0.8.5", true, "dev"],
  ]);
  // The scan folds the manifest's one `pkg:cargo/rand` declaration into each version in the
  // scopes the lock's edges to it have.
  await withTempDir(async (dir) => {
    await writeTree(dir, { "Cargo.toml": manifest, "Cargo.lock": lock });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.direct, c.scopes.join()]), [
      ["pkg:cargo/rand@0.7.3", true, "runtime"],
      ["pkg:cargo/rand@0.8.5", true, "dev"],
    ]);
    assert.deepEqual(edgesFrom(inventory, ROOT_ID), [
      "pkg:cargo/rand@0.7.3 runtime",
      "pkg:cargo/rand@0.8.5 dev",
    ]);
  });
});

Deno.test("scan: a fuzz/Cargo.lock's view of the project's own crates is the fuzz build's, not theirs (cargo fuzz init)", async () => {
  // `cargo fuzz init` writes fuzz/ as a workspace of its own that depends on the crate by
  // `path = ".."`: fuzz/Cargo.lock locks that crate's dependencies again, here an older memchr.
  const CRATES = 'source = "registry+https://github.com/rust-lang/crates.io-index"\n';
  const pkg = (name: string, version: string, deps: string[], registry = false): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\n${registry ? CRATES : ""}` +
    (deps.length > 0 ? `dependencies = [${deps.map((d) => `"${d}"`).join(", ")}]\n` : "") + "\n";
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
        'core-x = { path = "crates/core" }\n\n[workspace]\nmembers = ["crates/*"]\nexclude = ["fuzz"]\n',
      "crates/core/Cargo.toml": '[package]\nname = "core-x"\nversion = "0.1.0"\n\n' +
        '[dependencies]\nmemchr = "2"\n',
      "Cargo.lock": "version = 3\n\n" + pkg("app", "0.1.0", ["core-x"]) +
        pkg("core-x", "0.1.0", ["memchr"]) + pkg("memchr", "2.7.2", [], true),
      "fuzz/Cargo.toml": '[package]\nname = "app-fuzz"\nversion = "0.0.0"\n\n' +
        "[package.metadata]\ncargo-fuzz = true\n\n[dependencies]\n" +
        'libfuzzer-sys = "0.4"\napp = { path = ".." }\n\n[workspace]\nmembers = ["."]\n',
      "fuzz/Cargo.lock": "version = 3\n\n" + pkg("app", "0.1.0", ["core-x"]) +
        pkg("app-fuzz", "0.0.0", ["app", "libfuzzer-sys"]) + pkg("core-x", "0.1.0", ["memchr"]) +
        pkg("libfuzzer-sys", "0.4.7", [], true) + pkg("memchr", "2.6.0", [], true),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.scopes.join()]), [
      ["pkg:cargo/libfuzzer-sys@0.4.7", "dev"],
      ["pkg:cargo/memchr@2.6.0", "dev"],
      ["pkg:cargo/memchr@2.7.2", "runtime"],
    ]);
    assert.deepEqual(edgesFrom(inventory, "pkg:cargo/core-x@0.1.0"), [
      "pkg:cargo/memchr@2.7.2 runtime",
    ]);
    assert.ok(
      edgesFrom(inventory, "pkg:cargo/app-fuzz@0.0.0").includes("pkg:cargo/memchr@2.6.0 dev"),
    );

    // A lock left in a member's folder: Cargo builds the member with the workspace's lock.
    await writeTree(dir, {
      "crates/core/Cargo.lock": "version = 3\n\n" + pkg("core-x", "0.1.0", ["memchr"]) +
        pkg("memchr", "2.5.0", [], true),
    });
    const warnings: string[] = [];
    const stale = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.ok(!stale.components.some((c) => c.id === "pkg:cargo/memchr@2.5.0"));
    assert.deepEqual(edgesFrom(stale, "pkg:cargo/core-x@0.1.0"), [
      "pkg:cargo/memchr@2.7.2 runtime",
    ]);
    assert.ok(
      warnings.some((w) => w.startsWith("crates/core/Cargo.lock is not used")),
      warnings.join(),
    );
  });
});

// A Cargo.lock cut before its first package was read as an empty lock, exit 0. Cargo locks every
// crate of the workspace, so one whose workspace has crates and that has no package is cut short;
// an empty workspace's lock (or one read without its manifests) has nothing to miss.
Deno.test("readCargoLock: no package in the lock of a workspace with crates is cut short", async () => {
  await loadTomlParser();
  const dir = fixture("rust", "manifest-and-lock");
  const manifest = Deno.readTextFileSync(`${dir}/Cargo.toml`);
  const load = (p: string): string | undefined => p === "Cargo.toml" ? manifest : undefined;
  const head = "# This file is automatically @generated by Cargo.\n" +
    "# It is not intended for manual editing.\nversion = 4\n\n";
  assertVouchError(
    () => readCargoLock(head, { path: "Cargo.lock", load }),
    "inventory.cargo_lock.invalid",
    /^Cargo\.lock:3: no \[\[package\]\], though the workspace has app: Cargo locks each crate/,
  );
  assert.equal(readCargoLock(head, { path: "Cargo.lock" }).members.length, 0);
  const empty = (p: string): string | undefined =>
    p === "Cargo.toml" ? "[workspace]\nmembers = []\n" : undefined;
  assert.equal(readCargoLock(head, { path: "Cargo.lock", load: empty }).members.length, 0);
  // Cut before `version` (Cargo 1.53+ writes it, older Cargo its crates): nothing Cargo writes.
  for (const cut of ["", "# This file is automatically @generated by "]) {
    assertVouchError(
      () => readCargoLock(cut, { path: "Cargo.lock" }),
      "inventory.cargo_lock.invalid",
      /^Cargo\.lock:1: no `version` and no \[\[package\]\]: .* empty or cut short$/,
    );
  }
  // Cut after the root package: its dependencies name packages the lock no longer has.
  const text = Deno.readTextFileSync(`${dir}/Cargo.lock`);
  assertVouchError(
    () =>
      readCargoLock(text.slice(0, text.indexOf("\n\n", text.indexOf("[[package]]")) + 1), {
        path: "Cargo.lock",
        load,
      }),
    "inventory.cargo_lock.invalid",
    /^Cargo\.lock:4: dependency "helper" of app 0\.1\.0 matches 0 packages/,
  );
});

// As `cargo generate-lockfile` writes it: `?tag=` and `?branch=` sources of one repository.
const ALPHA_REPO = "git+https://github.com/acme/alpha";
const TWO_REFS: Record<string, string> = {
  "Cargo.toml": '[workspace]\nmembers = ["app"]\n\n[workspace.dependencies]\n' +
    'alpha = { git = "https://github.com/acme/alpha", tag = "v0.1.0" }\n',
  "app/Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n' +
    "[dependencies]\nalpha.workspace = true\n\n[dev-dependencies]\n" +
    'alpha2 = { package = "alpha", git = "https://github.com/acme/alpha.git", branch = "dev" }\n',
  "Cargo.lock": "version = 4\n\n" +
    `[[package]]\nname = "alpha"\nversion = "0.1.0"\nsource = "${ALPHA_REPO}?tag=v0.1.0#` +
    '4e607a118d6de6482f64fc3ebe914f3682bb4bed"\n\n' +
    `[[package]]\nname = "alpha"\nversion = "0.1.1"\nsource = "${ALPHA_REPO}.git?branch=dev#` +
    '6976764a8e512847830178844244190fe20607f5"\n\n' +
    '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "alpha 0.1.0",\n' +
    ' "alpha 0.1.1",\n]\n',
};

Deno.test("readCargoLock: a crate from two git refs takes the scope of each ref's declaration", () => {
  const out = readCargoLock(TWO_REFS["Cargo.lock"], {
    path: "Cargo.lock",
    load: (path) => TWO_REFS[path],
  });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.version} ${c.scopes.join(",")}`), [
    "alpha 0.1.0 runtime",
    "alpha 0.1.1 dev",
  ]);
});

Deno.test("readInventory: each git ref of a crate keeps its own declaration's scope", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, TWO_REFS);
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.version} ${c.direct} ${c.scopes}`), [
      "0.1.0 true runtime",
      "0.1.1 true dev",
    ]);
  });
});

Deno.test("readCargoLock: a crate from crates.io and from git takes each declaration's scope", () => {
  // As `cargo generate-lockfile` writes it; `ryu = "1"` accepts the git crate's version too.
  const files: Record<string, string> = {
    "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n' +
      '[dependencies]\nryu = "1"\n\n[dev-dependencies]\nryu2 = { package = "ryu", git = ' +
      '"https://github.com/acme/ryu", rev = "76a5cf31e36ef235bc05d221336b86243c62b762" }\n',
    "Cargo.lock": "version = 4\n\n" +
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "ryu 1.0.18",\n' +
      ' "ryu 1.0.20",\n]\n\n' +
      '[[package]]\nname = "ryu"\nversion = "1.0.18"\n' +
      'source = "registry+https://github.com/rust-lang/crates.io-index"\n' +
      'checksum = "4033a639aeb97466846e956763657a5ef52c2798d46a953239c9de3e66f0417f"\n\n' +
      '[[package]]\nname = "ryu"\nversion = "1.0.20"\nsource = "git+https://github.com/acme/ryu' +
      "?rev=76a5cf31e36ef235bc05d221336b86243c62b762#76a5cf31e36ef235bc05d221336b86243c62b762" +
      '"\n',
  };
  const out = readCargoLock(files["Cargo.lock"], {
    path: "Cargo.lock",
    load: (path) => files[path],
  });
  assert.deepEqual(out.components.map((c) => `${c.version} ${c.scopes.join(",")}`), [
    "1.0.18 runtime",
    "1.0.20 dev",
  ]);
});

Deno.test("readCargoLock: a crate a [patch] swaps for another git repository keeps its declaration's scope", () => {
  // As `cargo generate-lockfile` writes it: the runtime `foo` from acme/foo's main is patched to
  // come from fork/foo (Cargo locks the patch's source), the dev `foo2` is other/foo's tag v1
  // (a patch of acme/foo would patch every reference of it: one package, both scopes).
  const files: Record<string, string> = {
    "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n' +
      '[dependencies]\nfoo = { git = "https://github.com/acme/foo", branch = "main" }\n\n' +
      '[dev-dependencies]\nfoo2 = { package = "foo", git = "https://github.com/other/foo", ' +
      'tag = "v1" }\n\n[patch."https://github.com/acme/foo"]\n' +
      'foo = { git = "https://github.com/fork/foo" }\n',
    "Cargo.lock": "version = 4\n\n" +
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n' +
      ' "foo 1.0.0 (git+https://github.com/fork/foo)",\n' +
      ' "foo 1.0.0 (git+https://github.com/other/foo?tag=v1)",\n]\n\n' +
      '[[package]]\nname = "foo"\nversion = "1.0.0"\nsource = "git+https://github.com/fork/foo' +
      '#9d2a7c1be2b1f0c0e8d1c6b5a4f3e2d1c0b9a8f7"\n\n' +
      '[[package]]\nname = "foo"\nversion = "1.0.0"\nsource = "git+https://github.com/other/foo' +
      '?tag=v1#5c067377943ae5027c18dcaf1d605e1edf12a8c5"\n',
  };
  const out = readCargoLock(files["Cargo.lock"], { path: "Cargo.lock", load: (p) => files[p] });
  assert.deepEqual(out.components.map((c) => `${c.scopes.join(",")} ${c.purl}`), [
    "runtime pkg:cargo/foo@1.0.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Ffork%2Ffoo%409d2a7c1be2b1f0c0e8d1c6b5a4f3e2d1c0b9a8f7",
    "dev pkg:cargo/foo@1.0.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fother%2Ffoo%405c067377943ae5027c18dcaf1d605e1edf12a8c5",
  ]);
});

Deno.test("readCargoLock: a ?branch= that Cargo URL-encodes in the lock is the declared branch", () => {
  // Cargo 1.95's lock: `PrettyRef` writes the branch `dev/a+b#1&z=2%41` form-urlencoded.
  const files: Record<string, string> = {
    "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n' +
      '[dependencies]\nfoo = { git = "https://github.com/acme/foo", branch = "dev/a+b#1&z=2%41" }' +
      '\n\n[dev-dependencies]\nfoo2 = { package = "foo", git = "https://github.com/acme/foo", ' +
      'tag = "v1" }\n',
    "Cargo.lock": "version = 4\n\n" +
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n' +
      ' "foo 1.0.0 (git+https://github.com/acme/foo?branch=dev%2Fa%2Bb%231%26z%3D2%2541)",\n' +
      ' "foo 1.0.0 (git+https://github.com/acme/foo?tag=v1)",\n]\n\n' +
      '[[package]]\nname = "foo"\nversion = "1.0.0"\nsource = "git+https://github.com/acme/foo' +
      '?branch=dev%2Fa%2Bb%231%26z%3D2%2541#9d2a7c1be2b1f0c0e8d1c6b5a4f3e2d1c0b9a8f7"\n\n' +
      '[[package]]\nname = "foo"\nversion = "1.0.0"\nsource = "git+https://github.com/acme/foo' +
      '?tag=v1#5c067377943ae5027c18dcaf1d605e1edf12a8c5"\n',
  };
  const out = readCargoLock(files["Cargo.lock"], { path: "Cargo.lock", load: (p) => files[p] });
  assert.deepEqual(out.components.map((c) => `${c.version} ${c.scopes.join(",")} ${c.purl}`), [
    "1.0.0 dev pkg:cargo/foo@1.0.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Ffoo%405c067377943ae5027c18dcaf1d605e1edf12a8c5",
    "1.0.0 runtime pkg:cargo/foo@1.0.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Ffoo%409d2a7c1be2b1f0c0e8d1c6b5a4f3e2d1c0b9a8f7",
  ]);
});
