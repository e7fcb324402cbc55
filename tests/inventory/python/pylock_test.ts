import assert from "node:assert/strict";
import { readPylock } from "../../../src/inventory/python/pylock.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { readerFor } from "../../../src/inventory/_registry.ts";
import { pypiPurl } from "../../../src/inventory/purl.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { fixture, skipWithoutShared, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import {
  assertInvalidFixtures,
  assertSbomRefusesEvery,
  readCorpusProject,
  readValidProject,
} from "../_reader_cases.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";

const DIR = ["python", "pylock"];

// The fixtures' wheels have upload times: TOML date-times are smol-toml's `TomlDate`s.
await loadTomlParser();

function readCase(name: string, file = "pylock.toml"): ReturnType<typeof readPylock> {
  return readPylock(Deno.readTextFileSync(fixture(...DIR, name, file)), { path: file });
}

const GIT = pypiPurl("mylib-git", undefined, {
  vcs_url: "git+https://github.com/example/mylib.git@0123456789abcdef0123456789abcdef01234567",
});
const SPAM_1 = pypiPurl("spam", "1.0.0", { repository_url: "https://pypi.example.com/simple" });
const SPAM_2 = pypiPurl("spam", "2.0.0", { repository_url: "https://pypi.example.com/simple" });
const TARBALL = pypiPurl("tarball-dep", "0.9", {
  download_url: "https://example.com/downloads/tarball_dep-0.9.tar.gz",
});

Deno.test("readerFor: pylock.toml and every pylock.<name>.toml, nothing else", () => {
  for (const name of ["pylock.toml", "pylock.docs.toml", "sub/pylock.dev-2.toml"]) {
    assert.equal(readerFor(name)?.name, "pylock", name);
  }
  for (const name of ["pylock.a.b.toml", "pylock..toml", "xpylock.toml", "pylock.toml.bak"]) {
    assert.notEqual(readerFor(name)?.name, "pylock", name);
  }
});

Deno.test("readPylock: registry, VCS and archive packages; two versions of a name", () => {
  const out = readCase("basic");
  assertWellFormed(out);
  assert.deepEqual(
    out.components.map((c) => c.id),
    [
      "pkg:pypi/attrs@25.1.0",
      "pkg:pypi/cattrs@24.1.2",
      "pkg:pypi/iniconfig@2.0.0",
      GIT,
      "pkg:pypi/pysocks@1.7.1",
      "pkg:pypi/pytest@8.3.4",
      SPAM_1,
      SPAM_2,
      TARBALL,
    ],
  );
  const byId = new Map(out.components.map((c) => [c.id, c]));
  assert.equal(byId.get(GIT)?.version, undefined, "a source tree has no version");
  assert.equal(byId.get(TARBALL)?.version, "0.9", "taken from the archive's file name");
  assert.equal(
    byId.get(GIT)?.downloadLocation,
    "git+https://github.com/example/mylib.git@0123456789abcdef0123456789abcdef01234567",
  );
  assert.match(
    byId.get("pkg:pypi/cattrs@24.1.2")?.downloadLocation ?? "",
    /cattrs-24\.1\.2\.tar\.gz$/,
  );
});

Deno.test("readPylock: a package's own hashes only when they describe its one file", () => {
  const byId = new Map(readCase("basic").components.map((c) => [c.id, c]));
  assert.deepEqual(byId.get("pkg:pypi/attrs@25.1.0")?.hashes, [{
    alg: "sha256",
    hex: "c75a69e28a550a7e93789579c22aa26b0f5b83b75dc4e08fe092980051e1090a",
  }]);
  assert.deepEqual(byId.get("pkg:pypi/cattrs@24.1.2")?.hashes, [], "sdist + wheel: two files");
  assert.deepEqual(byId.get(TARBALL)?.hashes, [{
    alg: "sha256",
    hex: "3333333333333333333333333333333333333333333333333333333333333333",
  }]);
  assert.deepEqual(
    byId.get(SPAM_2)?.hashes.map((h) => h.alg),
    ["sha256"],
    "blake2b is valid but not recorded",
  );
});

Deno.test("readPylock: scopes and groups from markers (extras → optional, groups → dev)", () => {
  const byName = new Map(readCase("basic").components.map((c) => [c.id, c]));
  const scopes = (id: string): string =>
    `${byName.get(id)?.scopes.join(",")} ${byName.get(id)?.groups.join(",")}`;
  assert.equal(scopes("pkg:pypi/attrs@25.1.0"), "runtime ");
  assert.equal(scopes("pkg:pypi/pysocks@1.7.1"), "optional socks");
  assert.equal(scopes("pkg:pypi/pytest@8.3.4"), "dev dev");
  assert.equal(scopes("pkg:pypi/iniconfig@2.0.0"), "dev dev,docs");
  assert.equal(scopes(SPAM_1), "runtime ", "an environment marker may hold");
});

Deno.test("readPylock: the project's own directories are the root and members; edges", () => {
  const out = readCase("basic");
  assert.deepEqual(out.members.map((m) => [m.id, m.purl]), [
    ["workspace:libs/shared", "pkg:pypi/shared@0.1.0"],
  ]);
  assert.ok(!out.components.some((c) => c.name === "webapp" || c.name === "shared"));
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:pypi/attrs@25.1.0 runtime",
    "pkg:pypi/cattrs@24.1.2 runtime",
    `${SPAM_2} runtime`,
    "workspace:libs/shared runtime",
  ], "a dependency naming a version links that version only");
  assert.deepEqual(edgesFrom(out, "workspace:libs/shared"), [`${GIT} runtime`]);
  assert.deepEqual(edgesFrom(out, "pkg:pypi/pytest@8.3.4"), ["pkg:pypi/iniconfig@2.0.0 runtime"]);
  assert.deepEqual(
    out.components.filter((c) => c.direct).map((c) => c.id),
    ["pkg:pypi/attrs@25.1.0", "pkg:pypi/cattrs@24.1.2", GIT, SPAM_2],
  );
});

Deno.test("readPylock: named lock files are read and merged by the scan", async () => {
  const inventory = await readInventory(fixture(...DIR, "basic"));
  // The directory package's own pyproject.toml is read too (its declarations).
  assert.deepEqual(inventory.sources, [
    "libs/shared/pyproject.toml",
    "pylock.docs.toml",
    "pylock.toml",
  ]);
  assert.ok(inventory.components.some((c) => c.id === "pkg:pypi/sphinx@8.1.3"));
  assert.equal(inventory.components.length, 10);
});

Deno.test("readPylock: PDM's tool dependencies give the edges when there are no others", () => {
  const lock = `lock-version = "1.0"\ncreated-by = "pdm"\n\n` +
    `[[packages]]\nname = "a"\nversion = "1"\nwheels = [{url = "https://files.pythonhosted.org/packages/3a/4b/a-1-py3-none-any.whl", hashes = {sha256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}]\n` +
    `[packages.tool.pdm]\ndependencies = ["b>=1; python_version < '3.11'", "not a requirement!", 3]\n\n` +
    `[[packages]]\nname = "b"\nversion = "2"\nwheels = [{url = "https://files.pythonhosted.org/packages/5c/6d/b-2-py3-none-any.whl", hashes = {sha256 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}}]\n`;
  const out = readPylock(lock, { path: "pylock.toml" });
  assert.deepEqual(out.edges, [{ from: "pkg:pypi/a@1", to: "pkg:pypi/b@2", scope: "runtime" }]);
});

Deno.test("readPylock: a dependency that matches no package (a lock cut between packages) is invalid", () => {
  const lines = Deno.readTextFileSync(fixture(...DIR, "basic", "pylock.toml")).split("\n");
  const cut = (before: number): string => lines.slice(0, before - 1).join("\n") + "\n";
  const read = (text: string) => () => readPylock(text, { path: "pylock.toml" });
  // Cut before spam 2.0.0 (line 61): spam 1.0.0 is there, but webapp asks for 2.0.0.
  assertVouchError(
    read(cut(61)),
    "inventory.pylock.invalid",
    /^pylock\.toml:9: package "webapp": dependency \{"name":"spam","version":"2\.0\.0"\} matches no \[\[packages\]\] entry .*cut short/,
  );
  // Cut before iniconfig (line 89): pytest's dependency names no package at all.
  assertVouchError(
    read(cut(89) + lines.slice(95).join("\n")),
    "inventory.pylock.invalid",
    /^pylock\.toml:79: package "pytest": dependency \{"name":"iniconfig"\} matches no/,
  );
});

Deno.test("readPylock: a package with nothing to install from (a lock cut inside it) is invalid", () => {
  const head = `lock-version = "1.0"\ncreated-by = "uv"\n\n[[packages]]\nname = "idna"\n` +
    `version = "3.10"\n`;
  // pip's Package.__post_init__: without sdist or wheels, exactly one of vcs, directory, archive.
  for (const rest of ["", 'index = "https://pypi.org/simple"\n', "wheels = []\n"]) {
    assertVouchError(
      () => readPylock(head + rest, { path: "pylock.toml" }),
      "inventory.pylock.invalid",
      /^pylock\.toml:4: package "idna": it has no `vcs`, `directory`, `archive`, `sdist` or `wheels`/,
    );
  }
  const sdist =
    `sdist = { url = "https://files.pythonhosted.org/packages/f1/70/idna-3.10.tar.gz", ` +
    `hashes = { sha256 = "${"1".repeat(64)}" } }\n`;
  assert.equal(readPylock(head + sdist, { path: "pylock.toml" }).components.length, 1);
});

// pipenv's pylock writer (pipenv/utils/pylock.py, `from_lockfile`) writes a Pipfile.lock entry
// without hashes (editable, path, VCS, `version = "*"`) as a package with nothing to install from,
// and reads such files back: in a file pipenv wrote they are read, with a warning, not refused.
Deno.test("readPylock: pipenv's packages with nothing to install from are read, warned", () => {
  const lock = (by: string): string =>
    `lock-version = "1.0"\nenvironments = []\nextras = []\ndependency-groups = ["dev"]\n` +
    `default-groups = ["default"]\ncreated-by = "${by}"\n\n` +
    `[[packages]]\nname = "requests"\nversion = "2.32.3"\nindex = "https://pypi.org/simple/"\n\n` +
    `[[packages.wheels]]\nname = "requests-2.32.3-py3-none-any.whl"\n` +
    `url = "https://pypi.org/simple/requests/requests-2.32.3-py3-none-any.whl"\n\n` +
    `[packages.wheels.hashes]\nsha256 = "${"5".repeat(64)}"\n\n` +
    `[[packages]]\nname = "mylib"\nmarker = "'dev' in dependency_groups"\n` +
    `index = "https://pypi.org/simple/"\n\n` +
    `[[packages]]\nname = "six"\nversion = "1.17.0"\nindex = "https://pypi.org/simple/"\n`;
  const out = readPylock(lock("pipenv"), { path: "pylock.toml" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:pypi/mylib dev",
    "pkg:pypi/requests@2.32.3 runtime",
    "pkg:pypi/six@1.17.0 runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "pylock.toml: pipenv wrote 2 package(s) with nothing to install from (no `vcs`, `directory`, " +
    "`archive`, `sdist` or `wheels`, which PEP 751 requires; pip refuses the file), read by their " +
    "name and `version` (if any) only: mylib, six",
  ]);
  assertVouchError(
    () => readPylock(lock("uv"), { path: "pylock.toml" }),
    "inventory.pylock.invalid",
    /^pylock\.toml:20: package "mylib": it has no `vcs`/,
  );
});

Deno.test("readPylock: bad input is inventory.pylock.* with file:line", () => {
  assertInvalidFixtures(DIR, "pylock.toml", (text, path) => readPylock(text, { path }), [
    ["truncated", "inventory.pylock.invalid", /^pylock\.toml:73:\d+: invalid TOML/],
    [
      "wrong-version",
      "inventory.pylock.invalid",
      /^pylock\.toml:1: lock-version "2\.0"/,
    ],
    ["duplicate-key", "inventory.pylock.invalid", /^pylock\.toml:82:\d+: invalid TOML/],
    ["invalid-utf8", "inventory.pylock.invalid", /^pylock\.toml:101: the file is not valid UTF-8/],
    [
      "exclusive-sources",
      "inventory.pylock.invalid",
      /^pylock\.toml:96: package "mylib-git": `vcs` and `sdist\/wheels` exclude each other/,
    ],
  ]);
  const head = `lock-version = "1.0"\ncreated-by = "x"\n`;
  const invalid: [string, RegExp][] = [
    [`${head}packages = 3\n`, /^pylock\.toml:3: `packages` must be an array of tables/],
    [head, /^pylock\.toml:1: `packages` must be an array of tables/],
    [`${head}[[packages]]\nversion = "1"\n`, /^pylock\.toml:3: package without a `name`/],
    [
      `${head}[[packages]]\nname = "a"\nmarker = "python_version <"\n`,
      /package "a": expected a variable/,
    ],
    [
      `${head}[[packages]]\nname = "a"\nsdist = {url = "u", hashes = {}}\n`,
      /`sdist.hashes` must be a table with at least one hash/,
    ],
    [
      `${head}[[packages]]\nname = "a"\nsdist = {hashes = {sha256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}\n`,
      /`sdist` has no `url`, `path` or `name`/,
    ],
    [
      `${head}[[packages]]\nname = "a"\nwheels = [{url = "u", hashes = {sha256 = "xyz"}}]\n`,
      /`wheels\[0\].hashes.sha256` is not hex/,
    ],
    [
      `${head}[[packages]]\nname = "a"\nvcs = {type = "git", url = "u"}\n`,
      /`vcs` needs `type`, `url` \(or `path`\) and `commit-id`/,
    ],
    [
      `${head}dependency-groups = "dev"\npackages = []\n`,
      /^pylock\.toml:3: `dependency-groups` must be a list of strings/,
    ],
    [`${head}environments = "linux"\npackages = []\n`, /^pylock\.toml:3: `environments` must/],
    // PEP 751's required `created-by`: a lock cut before it was read as an empty one, exit 0.
    ['lock-version = "1.0"\n', /^pylock\.toml:1: no `created-by` \(PEP 751 requires it\)/],
    [
      'lock-version = "1.0"\nrequires-python = ">=3.10"\n',
      /^pylock\.toml:1: no `created-by` \(PEP 751 requires it\)/,
    ],
    [
      'lock-version = "1.0"\ncreated-by = 1\npackages = []\n',
      /^pylock\.toml:2: `created-by` must be a string/,
    ],
  ];
  for (const [text, message] of invalid) {
    assertVouchError(
      () => readPylock(text, { path: "pylock.toml" }),
      "inventory.pylock.invalid",
      message,
    );
  }
  assertVouchError(
    () => readPylock('created-by = "x"\n', { path: "pylock.toml" }),
    "inventory.pylock.invalid",
    /^pylock\.toml:1: no `lock-version`/,
  );
  // A lock-version written as a table: its line (was the file alone).
  assertVouchError(
    () => readPylock('created-by = "x"\n\n[lock-version]\nx = 1\n', { path: "pylock.toml" }),
    "inventory.pylock.invalid",
    /^pylock\.toml:3: lock-version \{"x":1\}/,
  );
});

Deno.test("the fixture projects give valid SBOMs", async () => {
  for (const name of ["basic"]) {
    const inventory = await readValidProject(fixture(...DIR, name));
    assert.ok(inventory.components.length > 0, name);
  }
});

Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(DIR, "inventory.pylock.invalid");
  // truncated, wrong version, duplicate keys, invalid UTF-8
  for (const name of ["truncated", "wrong-version", "duplicate-key", "invalid-utf8"]) {
    assert.ok(cases.includes(name), name);
  }
});

// library-data-platform/ldlite, counted without vouch:
//   python3 -c "import tomllib, re; n = lambda s: re.sub(r'[-_.]+', '-', s).lower()
//     print(len({(n(p['name']), p['version']) for f in ('pylock.toml', 'pylock.lint.toml',
//       'pylock.minimal.toml', 'pylock.maximal.toml') for p in tomllib.load(open(f, 'rb'))['packages']}))"
// → 45 (36 + 36 + 34 + 34 entries; pylock.lint.toml is a copy of pylock.toml; 9 names in two
// versions, the minimal resolution's older ones: coverage 7.10.7, duckdb 1.4.1, psycopg 3.2.0 …).
// Every package there has several files, so none has a hash of its own yet.
Deno.test({
  name: "readPylock: library-data-platform/ldlite corpus is read whole (four lock files)",
  ignore: skipWithoutShared("the pylock.toml corpus test"),
  fn: async () => {
    const inventory = await readCorpusProject("library-data-platform__ldlite");
    assert.equal(inventory.components.length, 45);
    assert.deepEqual(inventory.sources, [
      "pylock.lint.toml",
      "pylock.maximal.toml",
      "pylock.minimal.toml",
      "pylock.toml",
      "pyproject.toml",
    ]);
    const ids = new Set(inventory.components.map((c) => c.id));
    for (
      const purl of [
        "pkg:pypi/coverage@7.13.5",
        "pkg:pypi/coverage@7.10.7",
        "pkg:pypi/duckdb@1.4.1",
        "pkg:pypi/duckdb@1.5.1",
        "pkg:pypi/types-tqdm@4.64.0",
        "pkg:pypi/mypy@1.18.2",
      ]
    ) assert.ok(ids.has(purl), purl);
    const byId = new Map(inventory.components.map((c) => [c.id, c]));
    assert.deepEqual(byId.get("pkg:pypi/mypy@1.18.2")?.scopes, ["dev"]);
    assert.ok(byId.get("pkg:pypi/mypy@1.18.2")?.groups.includes("lint"));
    // pylock.toml installs it by default (runtime), so does pylock.lint.toml (a lint lock: dev).
    assert.deepEqual(byId.get("pkg:pypi/duckdb@1.5.1")?.scopes, ["dev", "runtime"]);
    assert.equal(byId.get("pkg:pypi/duckdb@1.5.1")?.direct, true, "pyproject.toml declares it");
    assert.equal(inventory.project.name, "ldlite");
  },
});

Deno.test("readPylock: a vcs subdirectory is the SPDX #<sub_path> of its vcs_url", () => {
  const lock = `lock-version = "1.0"\ncreated-by = "x"\n\n[[packages]]\nname = "sub-pkg"\n` +
    `vcs = {type = "git", url = "https://github.com/acme/mono.git", ` +
    `commit-id = "4a23745badf5bf5ef7928f1e346e9986bd696d82", subdirectory = "libs/sub"}\n`;
  const [pkg] = readPylock(lock, { path: "pylock.toml" }).components;
  assert.equal(
    pkg.downloadLocation,
    "git+https://github.com/acme/mono.git@4a23745badf5bf5ef7928f1e346e9986bd696d82#libs/sub",
  );
});

Deno.test("readPylock: a directory package whose folder holds no Python project (a submodule not checked out) is a warning", () => {
  // `uv pip sync pylock.toml` cannot build it (neither pyproject.toml nor setup.py), as pip
  // refuses such a folder. Was: a member, silently.
  const lock = `lock-version = "1.0"\ncreated-by = "uv"\n\n[[packages]]\nname = "app"\n` +
    `directory = { path = ".", editable = true }\n\n[[packages]]\nname = "lib"\n` +
    `version = "0.1.0"\ndirectory = { path = "libs/lib", editable = true }\n\n` +
    `[[packages]]\nname = "proto"\nversion = "0.2.0"\n` +
    `directory = { path = "external", subdirectory = "proto" }\n`;
  const files: Record<string, string> = {
    "libs/lib/pyproject.toml": '[project]\nname = "lib"\nversion = "0.1.0"\n',
  };
  const out = readPylock(lock, { path: "pylock.toml", load: (p) => files[p] });
  assert.deepEqual(out.members.map((m) => m.id), [
    "workspace:external/proto",
    "workspace:libs/lib",
  ]);
  assert.deepEqual(out.warnings, [
    "pylock.toml installs proto (external/proto) from a folder with no pyproject.toml or setup.py " +
    "in the project (a git submodule not checked out?): uv refuses to install it, and the SBOM " +
    "has it as first-party code without knowing its contents",
  ]);
  files["external/proto/setup.py"] = "from setuptools import setup\nsetup(name='proto')\n";
  assert.equal(
    readPylock(lock, { path: "pylock.toml", load: (p) => files[p] }).warnings,
    undefined,
  );
});

Deno.test("readPylock: a member folder and a registry package of its name and version are two nodes", async () => {
  // The scan also reads docs/requirements.txt, which pins the member's published release.
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/docs`);
    await Deno.writeTextFile(
      `${dir}/pylock.toml`,
      `lock-version = "1.0"\ncreated-by = "uv"\n\n[[packages]]\nname = "app"\n` +
        `directory = { path = ".", editable = true }\n\n[[packages]]\nname = "mylib"\n` +
        `version = "1.0.0"\ndirectory = { path = "packages/mylib", editable = true }\n`,
    );
    await Deno.writeTextFile(`${dir}/docs/requirements.txt`, "mylib==1.0.0\n");
    const inventory = await readInventory(dir);
    // The lock's package for its own folder names the project (no manifest beside it does).
    assert.deepEqual(inventory.project, { name: "app", purl: "pkg:pypi/app" });
    assert.deepEqual(inventory.members, [{
      id: "workspace:packages/mylib",
      name: "mylib",
      version: "1.0.0",
      purl: "pkg:pypi/mylib@1.0.0",
    }]);
    assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:pypi/mylib@1.0.0"]);
  });
});

Deno.test("readPylock: a distribution known by its name only (PDM's export) is read, with a warning", () => {
  // `pdm export -f pylock` from a pdm.lock without file URLs (pdm-project/pdm#3517).
  const lock = `lock-version = "1.0"\ncreated-by = "pdm"\ndefault-groups = ["default"]\n\n` +
    `[[packages]]\nname = "tox-pdm"\nversion = "0.7.2"\nmarker = "'default' in dependency_groups"\n` +
    `sdist = {name = "tox_pdm-0.7.2.tar.gz", hashes = {sha256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}\n` +
    `wheels = [{name = "tox_pdm-0.7.2-py3-none-any.whl", hashes = {sha256 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}}]\n`;
  const out = readPylock(lock, { path: "pylock.toml" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), [
    ["pkg:pypi/tox-pdm@0.7.2", ["runtime"]],
  ]);
  assert.deepEqual(out.components[0].distributions?.map((d) => d.file), [
    "tox_pdm-0.7.2-py3-none-any.whl",
    "tox_pdm-0.7.2.tar.gz",
  ]);
  assert.equal(out.warnings?.length, 1);
  assert.match(out.warnings![0], /^pylock\.toml: 1 package\(s\) .*: tox-pdm$/);
});

Deno.test("readPylock: uv's multi-use export (no default-groups) scopes by extras and groups", () => {
  // Shaped like `uv export --format pylock.toml` with selection markers (astral-sh/uv's
  // selectable_extras snapshot): no `default-groups`, so a `'dev' in dependency_groups`
  // clause is never part of the default install; an extra beats a group.
  const lock = `lock-version = "1.0"\ncreated-by = "uv"\nextras = ["fast", "slow"]\n` +
    `dependency-groups = ["dev"]\n\n` +
    `[[packages]]\nname = "dependency"\nversion = "1.0.0"\n` +
    `wheels = [{ url = "https://files.pythonhosted.org/packages/dependency-1.0.0-py3-none-any.whl", hashes = { sha256 = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } }]\n\n` +
    `[[packages]]\nname = "helper"\nversion = "1.0.0"\n` +
    `marker = "(sys_platform != 'linux' and 'dev' in dependency_groups) or (sys_platform == 'linux' and 'fast' in extras) or (sys_platform == 'linux' and 'dev' in dependency_groups)"\n` +
    `wheels = [{ url = "https://files.pythonhosted.org/packages/helper-1.0.0-py3-none-any.whl", hashes = { sha256 = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" } }]\n\n` +
    `[[packages]]\nname = "lint-only"\nversion = "2.0.0"\nmarker = "'dev' in dependency_groups"\n` +
    `wheels = [{ url = "https://files.pythonhosted.org/packages/lint_only-2.0.0-py3-none-any.whl", hashes = { sha256 = "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" } }]\n`;
  const out = readPylock(lock, { path: "pylock.toml" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), [
    ["pkg:pypi/dependency@1.0.0", ["runtime"]],
    ["pkg:pypi/helper@1.0.0", ["dev", "optional"]],
    ["pkg:pypi/lint-only@2.0.0", ["dev"]],
  ]);
});

Deno.test("readPylock: what a pylock.<name>.toml named for development installs by default is dev", () => {
  const wheel = (file: string, hex: string): string =>
    `wheels = [{ url = "https://files.pythonhosted.org/packages/${file}", ` +
    `hashes = { sha256 = "${hex.repeat(64)}" } }]\n`;
  const lock = `lock-version = "1.0"\ncreated-by = "pip"\n\n[[packages]]\nname = "pytest"\n` +
    `version = "8.3.5"\n${wheel("pytest-8.3.5-py3-none-any.whl", "a")}\n` +
    `[[packages]]\nname = "colorama"\nversion = "0.4.6"\nmarker = "'docs' in extras"\n` +
    wheel("colorama-0.4.6-py2.py3-none-any.whl", "b");
  const scopes = (path: string) =>
    readPylock(lock, { path }).components.map((c) => `${c.name} ${c.scopes.join()}`);
  assert.deepEqual(scopes("pylock.dev.toml"), ["colorama optional", "pytest dev"]);
  assert.deepEqual(scopes("tools/pylock.test-env.toml"), ["colorama optional", "pytest dev"]);
  for (const path of ["pylock.toml", "pylock.minimal.toml", "pylock.devices.toml"]) {
    assert.deepEqual(scopes(path), ["colorama optional", "pytest runtime"], path);
  }
});

Deno.test("readPylock: two entries of one name and version keep each file apart, with its URL", () => {
  // PEP 751 lists a package as often as its data varies (here by marker), each entry with its
  // own wheel: the one component has two files, neither of which its own hashes could describe.
  const wheel = (platform: string, hex: string): string =>
    `wheels = [{ url = "https://files.pythonhosted.org/packages/ab/cd/numpy-2.2.3-cp312-cp312-` +
    `${platform}.whl", hashes = { sha256 = "${hex.repeat(64)}" } }]\n`;
  const lock = `lock-version = "1.0"\ncreated-by = "mousebender"\n\n` +
    `[[packages]]\nname = "numpy"\nversion = "2.2.3"\nmarker = "sys_platform == 'win32'"\n` +
    wheel("win_amd64", "8") +
    `\n[[packages]]\nname = "numpy"\nversion = "2.2.3"\nmarker = "sys_platform == 'linux'"\n` +
    wheel("manylinux_2_17_x86_64", "3");
  const [numpy, ...rest] = readPylock(lock, { path: "pylock.toml" }).components;
  assert.deepEqual(rest, []);
  assert.deepEqual(numpy.hashes, [], "two files: no hashes of its own");
  const url = "https://files.pythonhosted.org/packages/ab/cd/";
  assert.deepEqual(numpy.distributions?.map((d) => [d.url, d.hashes.map((h) => h.hex[0])]), [
    [`${url}numpy-2.2.3-cp312-cp312-manylinux_2_17_x86_64.whl`, ["3"]],
    [`${url}numpy-2.2.3-cp312-cp312-win_amd64.whl`, ["8"]],
  ]);
});

Deno.test("readPylock: a directory's subdirectory is where the package is", () => {
  const lock = `lock-version = "1.0"\ncreated-by = "x"\n\n` +
    `[[packages]]\nname = "app"\ndirectory = { path = ".", editable = true }\n\n` +
    `[[packages]]\nname = "plugin"\ndirectory = { path = ".", subdirectory = "plugins/x" }\n\n` +
    `[[packages]]\nname = "tool"\ndirectory = { path = "tools", subdirectory = "./cli/" }\n`;
  const out = readPylock(lock, { path: "pylock.toml" });
  assert.equal(out.project?.name, "app");
  assert.deepEqual(out.members.map((m) => [m.id, m.name]), [
    ["workspace:plugins/x", "plugin"],
    ["workspace:tools/cli", "tool"],
  ]);
  assert.deepEqual(out.memberFolders, ["plugins/x", "tools/cli"]);
  assert.deepEqual(out.components, []);
});

Deno.test("readPylock: two entries of one name and version with the same one file keep its hashes", () => {
  const entry = (marker: string): string =>
    `\n[[packages]]\nname = "idna"\nversion = "3.10"\nmarker = "${marker}"\nwheels = [{ url = ` +
    `"https://files.pythonhosted.org/packages/76/c6/idna-3.10-py3-none-any.whl", ` +
    `hashes = { sha256 = "${"9".repeat(64)}" } }]\n`;
  const lock = `lock-version = "1.0"\ncreated-by = "x"\n` +
    entry("sys_platform == 'win32'") + entry("sys_platform == 'linux'");
  const [idna] = readPylock(lock, { path: "pylock.toml" }).components;
  assert.deepEqual(idna.hashes, [{ alg: "sha256", hex: "9".repeat(64) }]);
  assert.equal(idna.distributions, undefined);
});

Deno.test("readPylock: a lock in a subfolder hangs its project's dependencies from a member for it", () => {
  const text = Deno.readTextFileSync(fixture(...DIR, "basic", "pylock.toml"));
  const out = readPylock(text, { path: "services/web/pylock.toml" });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => [m.id, m.purl]), [
    ["pkg:pypi/webapp", "pkg:pypi/webapp"],
    ["workspace:services/web/libs/shared", "pkg:pypi/shared@0.1.0"],
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:pypi/webapp runtime"]);
  assert.deepEqual(edgesFrom(out, "pkg:pypi/webapp"), [
    "pkg:pypi/attrs@25.1.0 runtime",
    "pkg:pypi/cattrs@24.1.2 runtime",
    `${SPAM_2} runtime`,
    "workspace:services/web/libs/shared runtime",
  ]);
  assert.deepEqual(out.project, { name: "webapp", purl: "pkg:pypi/webapp" });
});

Deno.test("readInventory: Pipfile.lock and pylock.toml services of a monorepo are members the root depends on", async () => {
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/service-a`);
    await Deno.mkdir(`${dir}/service-b`);
    await Deno.writeTextFile(
      `${dir}/pyproject.toml`,
      '[project]\nname = "mono"\nversion = "1.0"\n',
    );
    await Deno.writeTextFile(`${dir}/service-a/Pipfile`, '[packages]\nrequests = "*"\n');
    await Deno.writeTextFile(
      `${dir}/service-a/Pipfile.lock`,
      JSON.stringify({
        _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
        default: { requests: { version: "==2.32.3" }, idna: { version: "==3.10" } },
        develop: {},
      }),
    );
    await Deno.writeTextFile(
      `${dir}/service-b/pyproject.toml`,
      '[project]\nname = "service-b"\nversion = "1.0.0"\ndependencies = ["click"]\n',
    );
    await Deno.writeTextFile(
      `${dir}/service-b/pylock.toml`,
      'lock-version = "1.0"\ncreated-by = "pdm"\n\n[[packages]]\nname = "service-b"\n' +
        'version = "1.0.0"\ndirectory = { path = ".", editable = true }\n' +
        'dependencies = [{ name = "click" }]\n\n[[packages]]\nname = "click"\nversion = "8.1.7"\n' +
        'wheels = [{ url = "https://files.pythonhosted.org/packages/00/5b/click-8.1.7-py3-none-any.whl", ' +
        `hashes = { sha256 = "${"a".repeat(64)}" } }]\n`,
    );
    const inventory = await readInventory(dir);
    const edges = inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`).sort();
    assert.deepEqual(edges, [
      "pkg:pypi/service-b@1.0.0 pkg:pypi/click@8.1.7 runtime",
      "root pkg:pypi/service-b@1.0.0 runtime",
      "root workspace:service-a runtime",
      "workspace:service-a pkg:pypi/requests@2.32.3 runtime",
    ]);
  });
});

Deno.test("readPylock: an archive's subdirectory stays with its download_url (#subdirectory=, as in uv.lock)", () => {
  // uv exports a url source built from `pkg/` of the archive as `archive.subdirectory`.
  const lock = `lock-version = "1.0"\ncreated-by = "uv"\n\n[[packages]]\nname = "sub-pkg"\n` +
    `version = "0.1.0"\narchive = { url = "https://github.com/acme/mono/archive/` +
    `4a23745badf5bf5ef7928f1e346e9986bd696d82.tar.gz", subdirectory = "pkg", hashes = { sha256 = ` +
    `"55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760" } }\n`;
  const [pkg] = readPylock(lock, { path: "pylock.toml" }).components;
  const url =
    "https://github.com/acme/mono/archive/4a23745badf5bf5ef7928f1e346e9986bd696d82.tar.gz" +
    "#subdirectory=pkg";
  assert.equal(pkg.downloadLocation, url);
  assert.equal(pkg.id, pypiPurl("sub-pkg", "0.1.0", { download_url: url }));
});

Deno.test("readPylock: an archive on disk (its path) has its file_name, no download_url", () => {
  // PEP 751: `archive.path` is a local archive's. Was: PyPI's plain pkg:pypi/x@1.0.
  const lock = `lock-version = "1.0"\ncreated-by = "uv"\n\n[[packages]]\nname = "x"\n` +
    `version = "1.0"\narchive = { path = "vendor/x-1.0.tar.gz", hashes = { sha256 = ` +
    `"55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760" } }\n`;
  const [pkg] = readPylock(lock, { path: "pylock.toml" }).components;
  assert.equal(pkg.downloadLocation, undefined);
  assert.equal(pkg.id, "pkg:pypi/x@1.0?file_name=x-1.0.tar.gz");
});

// PEP 751's `index` is the index the files were found on, "if applicable": Pyodide's wheels are
// on its CDN, and `pip lock` writes no `index` at all, each package's one file by its URL (pip's
// utils/pylock.py). Off PyPI's file host, the purl named no repository: it claimed PyPI.
Deno.test("readPylock: files without an index, off PyPI's file host, name where they are: one file's URL, several files' folder", () => {
  const cdn = "https://cdn.jsdelivr.net/pyodide/v0.27.2/full/";
  const hashes = (hex: string): string => `hashes = { sha256 = "${hex.repeat(64)}" }`;
  const lock = `lock-version = "1.0"\ncreated-by = "pip"\n\n` +
    `[[packages]]\nname = "regex"\nversion = "2024.9.11"\n` +
    `wheels = [{ url = "${cdn}regex-2024.9.11-cp312-cp312-pyodide_2024_0_wasm32.whl", ` +
    `${hashes("1")} }]\n\n` +
    `[[packages]]\nname = "numpy"\nversion = "2.0.2"\nwheels = [\n` +
    `  { url = "${cdn}numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl", ${hashes("2")} },\n` +
    `  { url = "${cdn}numpy-2.0.2-cp313-cp313-pyodide_2025_0_wasm32.whl", ${
      hashes("3")
    } },\n]\n\n` +
    // PyPI's own files need no `index` to be PyPI's.
    `[[packages]]\nname = "idna"\nversion = "3.10"\nwheels = [{ url = ` +
    `"https://files.pythonhosted.org/packages/76/c6/idna-3.10-py3-none-any.whl", ` +
    `${hashes("4")} }]\n`;
  const out = readPylock(lock, { path: "pylock.toml" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.purl, c.downloadLocation]), [
    [
      "pkg:pypi/idna@3.10",
      "https://files.pythonhosted.org/packages/76/c6/idna-3.10-py3-none-any.whl",
    ],
    [
      pypiPurl("numpy", "2.0.2", { repository_url: cdn }),
      `${cdn}numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl`,
    ],
    [
      pypiPurl("regex", "2024.9.11", {
        download_url: `${cdn}regex-2024.9.11-cp312-cp312-pyodide_2024_0_wasm32.whl`,
      }),
      `${cdn}regex-2024.9.11-cp312-cp312-pyodide_2024_0_wasm32.whl`,
    ],
  ]);
});

Deno.test("readPylock: a directory package in a folder the scan skips (vendor/) is a component", () => {
  const lock = `lock-version = "1.0"\ncreated-by = "uv"\n\n[[packages]]\nname = "app"\n` +
    `directory = { path = ".", editable = true }\n\n[[packages]]\nname = "lib"\n` +
    `version = "0.1.0"\ndirectory = { path = "libs/lib", editable = true }\n\n` +
    `[[packages]]\nname = "x"\nversion = "1.2.0"\ndirectory = { path = "vendor/x" }\n`;
  const out = readPylock(lock, { path: "pylock.toml" });
  // Was: a member of a folder the scan never enters, in no SBOM.
  assert.deepEqual(out.components.map((c) => [c.name, c.version]), [["x", "1.2.0"]]);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:libs/lib"]);
  // Looked into, not read: vendor/x holds no Python project.
  const peeked = readPylock(lock, { path: "pylock.toml", peek: () => undefined });
  assert.match(
    peeked.warnings?.[0] ?? "",
    /^pylock\.toml installs x \(vendor\/x\) from a folder the scan skips/,
  );
});

Deno.test("readPylock: a directory package takes the version its folder's pyproject.toml or setup.cfg states", () => {
  // PEP 751 leaves out a source tree's version (uv's export writes none for `directory`): pip
  // and uv install the folder at the version its metadata states. Was: pkg:pypi/foo.
  const lock = `lock-version = "1.0"\ncreated-by = "uv"\n\n[[packages]]\nname = "app"\n` +
    `directory = { path = ".", editable = true }\n\n[[packages]]\nname = "foo"\n` +
    `directory = { path = "libs/foo", editable = true }\n\n[[packages]]\nname = "bar"\n` +
    `directory = { path = "libs/bar" }\n\n[[packages]]\nname = "dyn"\n` +
    `directory = { path = "libs/dyn" }\n\n[[packages]]\nname = "x"\n` +
    `directory = { path = "vendor/x" }\n`;
  const files: Record<string, string> = {
    "libs/foo/pyproject.toml": '[project]\nname = "foo"\nversion = "0.2.0"\n',
    "libs/bar/setup.cfg": "[metadata]\nname = bar\nversion = 1.4\n",
    "libs/dyn/pyproject.toml": '[project]\nname = "dyn"\ndynamic = ["version"]\n',
    "vendor/x/pyproject.toml": '[tool.poetry]\nname = "x"\nversion = "3.0"\n',
  };
  const out = readPylock(lock, { path: "pylock.toml", load: (p) => files[p] });
  assert.deepEqual(out.members.map((m) => m.purl), [
    "pkg:pypi/bar@1.4",
    "pkg:pypi/dyn", // a dynamic version is computed at build time
    "pkg:pypi/foo@0.2.0",
  ]);
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/x@3.0"]);
});

Deno.test("readPylock: an archive on disk that PDM's export names by a file: URL too is its file_name, no download_url", () => {
  // pdm export -f pylock: `archive = {url = req.get_full_url(), path = req.str_path}`, the URL
  // the build backend makes of the path (PDMBackend: `file:///${PROJECT_ROOT}/…`; others an
  // absolute `file:///…`). Was: that URL as the purl's download_url.
  const text = 'lock-version = "1.0"\nrequires-python = ">=3.9"\ncreated-by = "pdm"\n\n' +
    '[[packages]]\nname = "localpkg"\nversion = "1.0"\n\n[packages.archive]\n' +
    'url = "file:///${PROJECT_ROOT}/dist/localpkg-1.0.tar.gz"\n' +
    'path = "./dist/localpkg-1.0.tar.gz"\nhashes = {sha256 = "' + "a".repeat(64) + '"}\n\n' +
    '[[packages]]\nname = "abspkg"\nversion = "2.0"\n\n[packages.archive]\n' +
    'url = "file:///home/u/wheels/abspkg-2.0-py3-none-any.whl"\n' +
    'hashes = {sha256 = "' + "b".repeat(64) + '"}\n';
  const out = readPylock(text, { path: "pylock.toml" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.downloadLocation]), [
    ["pkg:pypi/abspkg@2.0?file_name=abspkg-2.0-py3-none-any.whl", undefined],
    ["pkg:pypi/localpkg@1.0?file_name=localpkg-1.0.tar.gz", undefined],
  ]);
});

Deno.test("readPylock: a `%` in an archive's path is the file's own; a URL's is decoded once", () => {
  // PEP 751: `path` is a path, `url` a URL. Was: the path's `%2B` decoded to `+`.
  const hashes =
    'hashes = { sha256 = "55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760" }';
  const lock = `lock-version = "1.0"\ncreated-by = "pdm"\n\n` +
    `[[packages]]\nname = "x"\nversion = "1.0+cpu"\n` +
    `archive = { path = "vendor/x-1.0%2Bcpu.tar.gz", ${hashes} }\n\n` +
    `[[packages]]\nname = "y"\nversion = "1.0+cpu"\n` +
    `archive = { url = "file:///srv/wheels/y-1.0%2Bcpu.tar.gz", ${hashes} }\n`;
  const [x, y] = readPylock(lock, { path: "pylock.toml" }).components;
  assert.equal(x.id, pypiPurl("x", "1.0+cpu", { file_name: "x-1.0%2Bcpu.tar.gz" }));
  assert.equal(y.id, pypiPurl("y", "1.0+cpu", { file_name: "y-1.0+cpu.tar.gz" }));
});
