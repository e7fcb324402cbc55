import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { readPoetryLock } from "../../../src/inventory/python/poetry_lock.ts";
import { pypiPurl } from "../../../src/inventory/purl.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { fixture, SHARED_DIR, skipWithoutShared } from "../../_util.ts";
import { allHashes } from "../_lockfile_invariants.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";

function readFixture(name: string): ReturnType<typeof readPoetryLock> {
  return readPoetryLock(Deno.readTextFileSync(fixture("python", name)), { path: name });
}

function hasCode(code: string, line: RegExp): (e: unknown) => boolean {
  return (e) => e instanceof VouchError && e.code === code && line.test(e.message);
}

Deno.test("readPoetryLock: 2.x packages, groups, optional extras, sources", () => {
  const out = readFixture("poetry.lock");
  const byName = new Map(out.components.map((c) => [c.name, c]));
  assert.equal(out.components.length, 7);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/demo-local@0.1.0"]);
  assert.ok(out.components.every((c) => !c.direct));
  assert.ok(!out.edges.some((e) => e.from === ROOT_ID));
  const core = byName.get("poetry-core");
  const vcs =
    "git+https://github.com/python-poetry/poetry-core.git@89abcdef0123456789abcdef0123456789abcdef";
  assert.equal(core?.id, pypiPurl("poetry-core", "2.0.0", { vcs_url: vcs }));
  assert.equal(core?.downloadLocation, vcs);
  const sdk = byName.get("internal-sdk");
  assert.equal(
    sdk?.id,
    pypiPurl("internal-sdk", "3.0.1", { repository_url: "https://pypi.example.com/simple" }),
  );
  assert.equal(
    sdk?.downloadLocation,
    "https://pypi.example.com/packages/internal_sdk-3.0.1.tar.gz",
  );
  assert.deepEqual(byName.get("pytest")?.scopes, ["dev"]);
  assert.deepEqual(byName.get("pytest")?.groups, ["dev", "test"]);
  assert.deepEqual(byName.get("Tomli")?.scopes, ["optional"]);
  assert.deepEqual(byName.get("Tomli")?.groups, ["toml"]);
  assert.equal(byName.get("Tomli")?.id, "pkg:pypi/tomli@2.0.1");
  assert.deepEqual(byName.get("certifi")?.hashes, [], "two files: each keeps its hash");
  assert.deepEqual(
    byName.get("certifi")?.distributions?.map((d) => [d.file, d.hashes[0].hex.slice(0, 8)]),
    [
      ["certifi-2024.7.4-py3-none-any.whl", "c0e5b2c0"],
      ["certifi-2024.7.4.tar.gz", "5a1e7645"],
    ],
  );
});

Deno.test("readPoetryLock: edges link each locked version a dependency names", () => {
  const out = readFixture("poetry.lock");
  const edges = out.edges.map((e) => `${e.from} ${e.to} ${e.scope}`);
  assert.ok(edges.includes("pkg:pypi/pytest@8.3.2 pkg:pypi/urllib3@1.26.19 runtime"));
  assert.ok(edges.includes("pkg:pypi/pytest@8.3.2 pkg:pypi/urllib3@2.2.2 runtime"));
  assert.ok(edges.includes("pkg:pypi/pytest@8.3.2 pkg:pypi/tomli@2.0.1 runtime"));
  assert.ok(edges.includes("pkg:pypi/urllib3@2.2.2 pkg:pypi/certifi@2024.7.4 optional"));
  assert.ok(edges.some((e) => e.endsWith("pkg:pypi/demo-local@0.1.0 runtime")));
  assert.equal(out.edges.length, 6);
});

Deno.test("readPoetryLock: 1.x categories and [metadata.files]", () => {
  const out = readFixture("poetry_v1.lock");
  // A category is a scope, no group: Poetry 1.2–1.4 wrote `dev` for every group but `main`
  // (poetry2nix tests/dependency-groups: Flask of group `foo` is `category = "dev"`).
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes, c.groups, allHashes(c).length]), [
    ["pkg:pypi/mock@5.1.0", ["dev"], [], 1],
    ["pkg:pypi/six@1.16.0", ["runtime"], [], 2],
  ]);
  assert.deepEqual(out.edges, [{
    from: "pkg:pypi/mock@5.1.0",
    to: "pkg:pypi/six@1.16.0",
    scope: "runtime",
  }]);
});

/** The `[metadata]` Poetry writes last, whole. */
const METADATA = '[metadata]\nlock-version = "2.0"\npython-versions = "^3.9"\n' +
  `content-hash = "${"5".repeat(64)}"\n`;

Deno.test("readPoetryLock: a dependency's exact version names its locked version by PEP 440 equality", () => {
  // Poetry locks a package at the version the index wrote (`pretty_version`): `1.0.0-beta14`.
  const pkg = (name: string, version: string, deps = ""): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\ndescription = ""\noptional = false\n` +
    `python-versions = "*"\nfiles = []\n${deps}\n`;
  const lock = pkg("app-lib", "1.0", '\n[package.dependencies]\nrich = "1.0.0-beta14"\n') +
    pkg("rich", "1.0.0-beta14") + pkg("rich", "2.0") + METADATA;
  const out = readPoetryLock(lock, { path: "poetry.lock" });
  assert.deepEqual(out.edges.filter((e) => e.from !== ROOT_ID).map((e) => `${e.from} ${e.to}`), [
    "pkg:pypi/app-lib@1.0 pkg:pypi/rich@1.0.0-beta14",
  ]);
});

Deno.test("readPoetryLock: unsupported and truncated locks", async () => {
  await loadTomlParser(); // invalid TOML is smol-toml's to report
  assert.throws(
    () => readFixture("poetry_unsupported.lock"),
    hasCode("inventory.poetry_lock.unsupported_version", /^poetry_unsupported\.lock:9: /),
  );
  assert.throws(
    () => readFixture("invalid/poetry-truncated/poetry.lock"),
    hasCode("inventory.poetry_lock.invalid", /^invalid\/poetry-truncated\/poetry\.lock:7:/),
  );
  assert.throws(
    () => readPoetryLock(`[[package]]\nname = "x"\n\n${METADATA}`, { path: "p.lock" }),
    hasCode("inventory.poetry_lock.invalid", /^p\.lock:1: /),
  );
  // A name that is a table (no text form) or empty: refused at its package (were a TypeError,
  // exit 3, and a purl with no name, refused naming the file alone).
  for (const name of ["{ x = 1 }", '""']) {
    assert.throws(
      () =>
        readPoetryLock(
          `[[package]]\nname = "a"\nversion = "1"\n\n[[package]]\nname = ${name}\nversion = "1"\n\n` +
            METADATA,
          { path: "p.lock" },
        ),
      hasCode("inventory.poetry_lock.invalid", /^p\.lock:5: package without a non-empty `name`/),
    );
  }
  // Cut inside [metadata], before its content-hash (no Poetry writes it without): it was read.
  for (const cut of [1, 2, 3]) {
    const text = `[[package]]\nname = "x"\nversion = "1"\n\n${
      METADATA.split("\n").slice(0, cut).join("\n")
    }\n`;
    assert.throws(
      () => readPoetryLock(text, { path: "poetry.lock" }),
      hasCode(
        "inventory.poetry_lock.invalid",
        new RegExp(`^poetry\\.lock:${4 + cut}: \\[metadata\\] has no content-hash`),
      ),
      `cut after ${cut} lines of [metadata]`,
    );
  }
  // An empty (or blank, or header-only) file is no lock either: Poetry refuses it ("The lock file
  // does not have a metadata entry"); it was read as a lock of nothing.
  for (const text of ["", " \n\t\n", "# This file is automatically @generated by Poetry 1.8.3\n"]) {
    assert.throws(
      () => readPoetryLock(text, { path: "poetry.lock" }),
      hasCode("inventory.poetry_lock.invalid", /^poetry\.lock:1: no \[metadata\] table/),
      JSON.stringify(text),
    );
  }
});

Deno.test("readPoetryLock: a lock without lock-version (Poetry 1.0, 0.12) is read as 1.0", () => {
  const v10 = readFixture("poetry_v1_0.lock");
  assert.deepEqual(v10.components.map((c) => [c.id, c.scopes]), [
    ["pkg:pypi/attrs@19.3.0", ["runtime"]],
    ["pkg:pypi/more-itertools@8.0.2", ["dev"]],
  ]);
  const attrs = v10.components[0];
  assert.deepEqual(attrs.distributions?.map((d) => d.file), [
    "attrs-19.3.0-py2.py3-none-any.whl",
    "attrs-19.3.0.tar.gz",
  ]);
  const v012 = readFixture("poetry_v0_12.lock");
  assert.deepEqual(v012.components.map((c) => [c.id, c.scopes]), [
    ["pkg:pypi/certifi@2018.11.29", ["runtime"]],
    ["pkg:pypi/pytest@4.1.1", ["dev"]],
  ]);
  // [metadata.hashes]: bare SHA-256 hex, one per file, no file names.
  assert.deepEqual(allHashes(v012.components[0]), [
    { alg: "sha256", hex: "47f9c83ef4c0c621eaef743f133f09fa8a74a9b75f037e8624f83bd1b6626cb7" },
    { alg: "sha256", hex: "993f830721089fef441cdfeb4b2c8c9df86f0c63239f06bd025a76a7daddb033" },
  ]);
  assert.deepEqual(v012.components[1].hashes, [
    { alg: "sha256", hex: "41568ea7ecb4a68d7f63837cf65b92ce8d0105e43196ff2b26622995bb3dc4b2" },
  ]);
  assert.throws(
    () => readPoetryLock('[[package]]\nname = "x"\nversion = "1"\n', { path: "p.lock" }),
    hasCode("inventory.poetry_lock.invalid", /^p\.lock:3: no \[metadata\]/),
  );
});

Deno.test("readPoetryLock: a 1.x lock cut inside [metadata.files] or [metadata.hashes] is invalid", () => {
  // Poetry 0.12–1.2 write an entry for every package; its locker reads each (KeyError without).
  const cases: [string, string, string][] = [
    ["poetry_v1.lock", "mock = [", 'files] has no entry for "mock"'],
    ["poetry_v1_0.lock", "more-itertools = [", 'files] has no entry for "more-itertools"'],
    ["poetry_v0_12.lock", "pytest = [", 'hashes] has no entry for "pytest"'],
    ["poetry_v1.lock", "[metadata.files]", 'files] has no entry for "six"'],
  ];
  for (const [name, before, message] of cases) {
    const text = Deno.readTextFileSync(fixture("python", name));
    const cut = text.slice(0, text.indexOf(`\n${before}`) + 1);
    const last = cut.trimEnd().split("\n").length;
    assert.throws(
      () => readPoetryLock(cut, { path: "poetry.lock" }),
      hasCode(
        "inventory.poetry_lock.invalid",
        new RegExp(`^poetry\\.lock:${last}: \\[metadata\\.${message.replace(/[[\]]/g, "\\$&")}`),
      ),
      `${name} cut before ${before}`,
    );
  }
  // An empty entry (a git or directory package's) is one; its name as Poetry writes it or not.
  const lock = '[[package]]\nname = "Foo.Bar"\nversion = "1"\ncategory = "main"\n' +
    'optional = false\npython-versions = "*"\n\n[package.source]\ntype = "git"\n' +
    'url = "https://x/foo.git"\nreference = "main"\nresolved_reference = "abc"\n\n' +
    '[metadata]\nlock-version = "1.1"\npython-versions = "^3.8"\n' +
    `content-hash = "${"1".repeat(64)}"\n\n[metadata.files]\n`;
  for (const entry of ['"Foo.Bar" = []\n', "foo-bar = []\n"]) {
    assert.equal(readPoetryLock(lock + entry, { path: "poetry.lock" }).components.length, 1);
  }
});

Deno.test("readPoetryLock: a directory dependency outside the project is a component", () => {
  const out = readFixture("poetry_outside_path.lock");
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), [
    ["pkg:pypi/common@1.4.0", ["runtime"]],
  ]);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/shared-models@0.2.0"]);
});

Deno.test("readPoetryLock: a directory package whose folder holds no Python project (a submodule not checked out) is a warning", () => {
  // Poetry refuses it (poetry-core's DirectoryDependency: "does not exist", "does not seem to
  // be a Python package" without setup.py, setup.cfg or pyproject.toml). Was: a member, silently.
  const dir = (name: string, version: string, url: string): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\ndescription = ""\noptional = false\n` +
    `python-versions = ">=3.11"\ngroups = ["main"]\nfiles = []\ndevelop = true\n\n` +
    `[package.source]\ntype = "directory"\nurl = "${url}"\n\n`;
  const lock = dir("legacy", "1.0", "vendor-src/legacy") + dir("lib", "0.1.0", "libs/lib") +
    dir("proto", "0.2.0", "external/proto") +
    '[metadata]\nlock-version = "2.1"\npython-versions = ">=3.11"\n' +
    `content-hash = "${"0".repeat(64)}"\n`;
  const files: Record<string, string> = {
    "libs/lib/pyproject.toml": '[tool.poetry]\nname = "lib"\nversion = "0.1.0"\n',
    "vendor-src/legacy/setup.cfg": "[metadata]\nname = legacy\n",
  };
  const out = readPoetryLock(lock, { path: "poetry.lock", load: (p) => files[p] });
  assert.deepEqual(out.members.map((m) => m.id), [
    "pkg:pypi/legacy@1.0",
    "pkg:pypi/lib@0.1.0",
    "pkg:pypi/proto@0.2.0",
  ]);
  assert.deepEqual(out.warnings, [
    "poetry.lock installs proto (external/proto) from a folder with no pyproject.toml, setup.py " +
    "or setup.cfg in the project (a git submodule not checked out?): Poetry refuses to install " +
    "it, and the SBOM has it as first-party code without knowing its contents",
  ]);
  files["external/proto/setup.py"] = "from setuptools import setup\nsetup(name='proto')\n";
  assert.equal(
    readPoetryLock(lock, { path: "poetry.lock", load: (p) => files[p] }).warnings,
    undefined,
  );
});

Deno.test("readPoetryLock: corpus locks give exactly the locked packages", () => {
  if (skipWithoutShared("poetry.lock corpus accuracy")) return;
  const cases: Array<[string, number, string[]]> = [
    ["python-poetry__poetry/poetry.lock", 78, [
      "pkg:pypi/dulwich@1.2.1",
      "pkg:pypi/requests@2.33.1",
      "pkg:pypi/types-requests@2.33.0.20260503",
      pypiPurl("poetry-core", "2.4.1", {
        vcs_url:
          "git+https://github.com/python-poetry/poetry-core.git@e3998b0e111dc03e4aa721fd054c48e5c7de6fc5",
      }),
    ]],
    ["Textualize__textual/poetry.lock", 111, [
      "pkg:pypi/markdown-it-py@3.0.0",
      "pkg:pypi/rich@14.2.0",
      "pkg:pypi/tree-sitter@0.25.2",
    ]],
  ];
  for (const [file, count, samples] of cases) {
    const out = readPoetryLock(Deno.readTextFileSync(`${SHARED_DIR}/corpus/${file}`), {
      path: "poetry.lock",
    });
    const ids = new Set(out.components.map((c) => c.id));
    assert.equal(ids.size, count, file);
    for (const s of samples) assert.ok(ids.has(s), `${file}: ${s}`);
    assert.ok(out.components.every((c) => !c.direct));
    assert.ok(out.edges.every((e) => ids.has(e.from) && ids.has(e.to)), file);
  }
  const textual = readPoetryLock(
    Deno.readTextFileSync(`${SHARED_DIR}/corpus/Textualize__textual/poetry.lock`),
    { path: "poetry.lock" },
  );
  const treeSitter = textual.components.find((c) => c.name === "tree-sitter");
  assert.deepEqual(treeSitter?.scopes, ["optional"]);
  assert.deepEqual(treeSitter?.groups, ["syntax"]);
});

Deno.test("readPoetryLock: a git source's subdirectory is the SPDX #<sub_path> of its vcs_url", () => {
  const lock = '[[package]]\nname = "sub-pkg"\nversion = "0.1.0"\ndescription = ""\n' +
    'optional = false\npython-versions = "*"\nfiles = []\n\n[package.source]\ntype = "git"\n' +
    'url = "https://github.com/acme/mono.git"\nreference = "main"\n' +
    'resolved_reference = "4a23745badf5bf5ef7928f1e346e9986bd696d82"\nsubdirectory = "libs/sub"\n\n' +
    '[metadata]\nlock-version = "2.0"\npython-versions = "^3.12"\ncontent-hash = "0"\n';
  const [pkg] = readPoetryLock(lock, { path: "poetry.lock" }).components;
  assert.equal(
    pkg.downloadLocation,
    "git+https://github.com/acme/mono.git@4a23745badf5bf5ef7928f1e346e9986bd696d82#libs/sub",
  );
});

Deno.test("readPoetryLock: a url source's subdirectory stays with its download_url (#subdirectory=)", () => {
  const lock = '[[package]]\nname = "sub-pkg"\nversion = "0.1.0"\ndescription = ""\n' +
    'optional = false\npython-versions = "*"\nfiles = [\n    {file = "mono-1.0.tar.gz", ' +
    'hash = "sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760"},\n]\n\n' +
    '[package.source]\ntype = "url"\nurl = "https://h.example/mono-1.0.tar.gz"\n' +
    'subdirectory = "libs/sub"\n\n' +
    '[metadata]\nlock-version = "2.0"\npython-versions = "^3.12"\ncontent-hash = "0"\n';
  const [pkg] = readPoetryLock(lock, { path: "poetry.lock" }).components;
  assert.equal(pkg.downloadLocation, "https://h.example/mono-1.0.tar.gz#subdirectory=libs/sub");
  assert.equal(
    pkg.purl,
    pypiPurl("sub-pkg", "0.1.0", {
      download_url: "https://h.example/mono-1.0.tar.gz#subdirectory=libs/sub",
    }),
  );
});

Deno.test("readPoetryLock: a file source (a distribution file on disk) has its file_name, no download location", () => {
  // `poetry add ./vendor/x-1.0-py3-none-any.whl`: poetry-core's FileDependency, source type
  // `file` and the path as its url. Was: PyPI's plain pkg:pypi/x@1.0.
  const lock = '[[package]]\nname = "x"\nversion = "1.0"\ndescription = ""\n' +
    'optional = false\npython-versions = "*"\nfiles = [\n    {file = "x-1.0-py3-none-any.whl", ' +
    'hash = "sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760"},\n]\n\n' +
    '[package.source]\ntype = "file"\nurl = "vendor/x-1.0-py3-none-any.whl"\n\n' +
    '[metadata]\nlock-version = "2.0"\npython-versions = "^3.12"\ncontent-hash = "0"\n';
  const [pkg] = readPoetryLock(lock, { path: "poetry.lock" }).components;
  assert.equal(pkg.downloadLocation, undefined);
  assert.equal(pkg.purl, "pkg:pypi/x@1.0?file_name=x-1.0-py3-none-any.whl");
});

Deno.test("readPoetryLock: a Poetry 1.5–1.8 lock (no category, no groups) leaves scopes to the declarations", () => {
  const old = readFixture("poetry-1.8/poetry.lock");
  assert.equal(old.scopesFromDeclarations, true);
  assert.equal(readFixture("poetry.lock").scopesFromDeclarations, undefined, "groups recorded");
  assert.equal(readFixture("poetry_v1.lock").scopesFromDeclarations, undefined, "categories");
});

Deno.test("readPoetryLock: a Poetry 2.1 per-group `markers` table keeps a main+dev package runtime", () => {
  // Shaped like PorticoFoundry/portico-docs' poetry.lock (Poetry 2.1.4): colorama is in `main`
  // (through click) and in `dev` (through pytest, on win32 only), so `markers` is a table by group.
  const lock = `[[package]]\nname = "colorama"\nversion = "0.4.6"\noptional = false\n` +
    `python-versions = "*"\ngroups = ["main", "dev"]\nfiles = []\n` +
    `markers = {dev = "sys_platform == \\"win32\\""}\n\n` +
    `[[package]]\nname = "iniconfig"\nversion = "2.1.0"\noptional = false\n` +
    `python-versions = ">=3.8"\ngroups = ["dev"]\nfiles = []\n\n` +
    `[metadata]\nlock-version = "2.1"\npython-versions = "^3.13"\ncontent-hash = "00"\n`;
  const out = readPoetryLock(lock, { path: "poetry.lock" });
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes, c.groups]), [
    ["pkg:pypi/colorama@0.4.6", ["dev", "runtime"], ["dev"]],
    ["pkg:pypi/iniconfig@2.1.0", ["dev"], ["dev"]],
  ]);
});

Deno.test("readPoetryLock: a directory package in a folder the scan skips (vendor/) is a component", () => {
  const dir = (name: string, version: string, url: string): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\ndescription = ""\noptional = false\n` +
    `python-versions = ">=3.11"\ngroups = ["main"]\nfiles = []\ndevelop = true\n\n` +
    `[package.source]\ntype = "directory"\nurl = "${url}"\n\n`;
  const lock = dir("x", "1.2.0", "vendor/x") + dir("lib", "0.1.0", "libs/lib") +
    '[metadata]\nlock-version = "2.1"\npython-versions = ">=3.11"\n' +
    `content-hash = "${"0".repeat(64)}"\n`;
  const out = readPoetryLock(lock, { path: "poetry.lock" });
  // Was: a member of a folder the scan never enters, in no SBOM.
  assert.deepEqual(out.components.map((c) => c.name), ["x"]);
  assert.equal(out.components[0].version, "1.2.0");
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/lib@0.1.0"]);
  // Looked into, not read: vendor/x holds no Python project (Poetry also takes a setup.cfg).
  const missing = readPoetryLock(lock, { path: "poetry.lock", peek: () => undefined });
  assert.match(
    missing.warnings?.[0] ?? "",
    /^poetry\.lock installs x \(vendor\/x\) from a folder the scan skips with no pyproject\.toml, setup\.py or setup\.cfg .*Poetry refuses/,
  );
  const there = readPoetryLock(lock, {
    path: "poetry.lock",
    peek: (p) => p === "vendor/x/setup.cfg" ? "[metadata]\nname = x\n" : undefined,
  });
  assert.equal(there.warnings, undefined);
});
