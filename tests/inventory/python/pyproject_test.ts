import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { pypiPurl } from "../../../src/inventory/purl.ts";
import { readPyproject } from "../../../src/inventory/python/pyproject.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { cpuStopwatch, fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../../_util.ts";
import { assertSbomsValid, writeTree } from "../_tree.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";

function readFixture(name: string, release?: string): ReturnType<typeof readPyproject> {
  return readPyproject(Deno.readTextFileSync(fixture("python", name)), { path: name, release });
}

function invalidWith(message: RegExp): (e: unknown) => boolean {
  return (e) =>
    e instanceof VouchError && e.code === "inventory.pyproject.invalid" && message.test(e.message);
}

Deno.test("readPyproject: PEP 621 project, dynamic version, license table", () => {
  const out = readFixture("pyproject.toml", "2.0.0");
  assert.deepEqual(out.project, {
    name: "Demo_App",
    version: "2.0.0",
    purl: "pkg:pypi/demo-app@2.0.0",
    license: "Apache-2.0 OR MIT",
    description: "A demo application",
  });
  assert.equal(readFixture("pyproject.toml").project?.version, undefined);
  assert.deepEqual(out.members, []);
});

Deno.test("readPyproject: runtime, optional, groups (nested includes), build", () => {
  const out = readFixture("pyproject.toml");
  const byName = new Map(out.components.map((c) => [c.name, c]));
  assert.deepEqual([...byName.keys()].sort(), [
    "attrs",
    "hatch-vcs",
    "hatchling",
    "local-thing",
    "orjson",
    "pre-commit",
    "private-lib",
    "pytest",
    "requests",
    "ruff",
    "tomli",
  ]);
  // `file:///srv/local-thing`: a folder outside the project, another checkout's package.
  assert.equal(byName.get("local-thing")?.id, "pkg:pypi/local-thing");
  assert.equal(byName.get("local-thing")?.downloadLocation, undefined);
  const requests = byName.get("requests");
  assert.equal(requests?.id, "pkg:pypi/requests");
  assert.equal(requests?.specifier, ">=2.31,<3");
  assert.deepEqual(requests?.scopes, ["optional", "runtime"]);
  assert.deepEqual(requests?.groups, ["fast"]);
  assert.equal(byName.get("attrs")?.id, "pkg:pypi/attrs@23.2.0");
  assert.equal(byName.get("attrs")?.specifier, undefined);
  assert.deepEqual(byName.get("ruff")?.groups, ["dev", "lint", "test"]);
  assert.deepEqual(byName.get("pytest")?.groups, ["dev", "test"]);
  assert.deepEqual(byName.get("hatchling")?.scopes, ["build"]);
  const vcs = "git+https://github.com/example/private-lib.git@v2.0";
  assert.equal(byName.get("private-lib")?.id, pypiPurl("private-lib", undefined, { vcs_url: vcs }));
  assert.equal(byName.get("private-lib")?.downloadLocation, vcs);
  assert.ok(out.components.every((c) => c.direct && c.sources[0] === "pyproject.toml"));
  const edges = out.edges.map((e) => `${e.from} ${e.to} ${e.scope}`);
  assert.ok(edges.includes(`${ROOT_ID} pkg:pypi/requests runtime`));
  assert.ok(edges.includes(`${ROOT_ID} pkg:pypi/requests optional`));
  assert.ok(edges.includes(`${ROOT_ID} pkg:pypi/hatchling build`));
});

Deno.test("readPyproject: classic Poetry manifest", () => {
  const out = readFixture("pyproject_poetry.toml");
  assert.deepEqual(out.project, {
    name: "poetry-demo",
    version: "1.4.0",
    purl: "pkg:pypi/poetry-demo@1.4.0",
    description: "Classic Poetry project",
    license: "Proprietary License",
  });
  const byName = new Map(out.components.map((c) => [c.name, c]));
  assert.ok(!byName.has("python"));
  // `local-lib = { path = "../local-lib" }`: a folder outside the project, another checkout's
  // package, declared with no version.
  assert.equal(byName.get("local-lib")?.purl, "pkg:pypi/local-lib");
  assert.equal(byName.get("local-lib")?.version, undefined);
  assert.equal(byName.get("requests")?.specifier, ">=2.31,<3.0");
  assert.deepEqual(byName.get("requests")?.scopes, ["dev", "runtime"]);
  assert.equal(byName.get("pendulum")?.specifier, ">=2.1,<2.2");
  assert.equal(byName.get("zope.interface")?.id, "pkg:pypi/zope-interface@6.0", "PEP 503 name");
  assert.equal(byName.get("anything")?.specifier, undefined);
  assert.deepEqual(byName.get("tree-sitter")?.scopes, ["optional"]);
  assert.deepEqual(byName.get("tree-sitter")?.groups, ["syntax"]);
  assert.deepEqual(byName.get("black")?.scopes, ["dev"]);
  assert.equal(byName.get("black")?.version, "24.4.2");
  assert.deepEqual(byName.get("pytest")?.groups, ["test"]);
  assert.equal(
    byName.get("my-fork")?.id,
    pypiPurl("my-fork", undefined, {
      vcs_url: "git+https://github.com/example/my-fork.git@abc1234",
    }),
  );
  assert.equal(byName.get("multi")?.specifier, ">=1.0,<2.0");
});

Deno.test("readPyproject: PDM 1's version table ({from = …}, {use_scm = true}) is a dynamic version", () => {
  // pdm-project/pdm-backend in 2021 (pdm-pep517): the scan was refused whole, exit 2.
  for (const table of ['{from = "pdm/pep517/__init__.py"}', "{use_scm = true}"]) {
    const text = `[project]\nname = "pdm-pep517"\nversion = ${table}\ndynamic = ["version"]\n` +
      '[project.optional-dependencies]\nsetuptools = ["wheel"]\n';
    const out = readPyproject(text, { path: "pyproject.toml" });
    assert.deepEqual(out.project, { name: "pdm-pep517", purl: "pkg:pypi/pdm-pep517" });
    assert.deepEqual(out.components.map((c) => c.id), ["pkg:pypi/wheel"]);
  }
  assert.throws(
    () => readPyproject('[project]\nname = "a"\nversion = {x = 1}\n', { path: "p.toml" }),
    invalidWith(/^p\.toml:3: \[project\] version must be a string/),
  );
});

Deno.test("readPyproject: invalid files name the problem and line", async () => {
  await loadTomlParser(); // invalid TOML is smol-toml's to report
  assert.throws(
    () => readFixture("pyproject_cycle.toml"),
    invalidWith(/^pyproject_cycle\.toml:\d+: .*cycle: a -> b -> a/),
  );
  assert.throws(
    () => readFixture("pyproject_bad_type.toml"),
    invalidWith(
      /^pyproject_bad_type\.toml:4: \[project\] dependencies must be an array of strings/,
    ),
  );
  assert.throws(() => readPyproject("[project\n", { path: "p.toml" }), invalidWith(/^p\.toml:1:/));
  assert.throws(
    () => readPyproject("project = 3\n", { path: "p.toml" }),
    invalidWith(/^p\.toml:1: \[project\] must be a table/),
  );
  // An empty requirement, one of white space written as an escape: their lines (were the file alone).
  assert.throws(
    () =>
      readPyproject('[project]\nname = "x"\ndependencies = [\n  "ok",\n  "",\n]\n', {
        path: "p.toml",
      }),
    invalidWith(/^p\.toml:5: invalid requirement ""/),
  );
  assert.throws(
    () =>
      readPyproject('[project]\nname = "x"\ndependencies = ["ok", "\\r"]\n', { path: "p.toml" }),
    invalidWith(/^p\.toml:3: invalid requirement/),
  );
  // Found by fuzzing: an empty literal string (after a "" elsewhere), and a requirement with a
  // control character TOML 1.1 writes as `\e`: their lines (were the file alone).
  assert.throws(
    () =>
      readPyproject(
        '[project]\nname = "x"\ndescription = ""\ndependencies = [\n  "ok",\n  \'\',\n]\n',
        { path: "p.toml" },
      ),
    invalidWith(/^p\.toml:6: invalid requirement ""/),
  );
  assert.throws(
    () =>
      readPyproject('[project]\nname = "x"\ndependencies = [\n  "ok",\n  "python-do\\env",\n]\n', {
        path: "p.toml",
      }),
    invalidWith(/^p\.toml:5: invalid requirement/),
  );
  // A table written as an assignment, a string as a table: their lines (were the file alone).
  assert.throws(
    () => readPyproject('build-system = "x"\n[project]\nname = "x"\n', { path: "p.toml" }),
    invalidWith(/^p\.toml:1: \[build-system\] must be a table/),
  );
  assert.throws(
    () => readPyproject('[project]\nversion = "1"\n\n[project.name]\nx = 1\n', { path: "p.toml" }),
    invalidWith(/^p\.toml:4: \[project\] name must be a string/),
  );
  assert.throws(
    () =>
      readPyproject('[dependency-groups]\na = [{ include-group = "zz" }]\n', { path: "p.toml" }),
    invalidWith(/unknown group "zz"/),
  );
  assert.throws(
    () =>
      readPyproject('[project]\nname = "x"\ndependencies = ["ok", "bad name !"]\n', {
        path: "p.toml",
      }),
    invalidWith(/^p\.toml:3: invalid requirement "bad name !"/),
  );
});

Deno.test("readPyproject: no project name still reads dependencies", () => {
  const out = readPyproject('[build-system]\nrequires = ["setuptools>=61"]\n', {
    path: "pyproject.toml",
  });
  assert.equal(out.project, undefined);
  assert.deepEqual(out.components.map((c) => [c.id, c.specifier, c.scopes]), [
    ["pkg:pypi/setuptools", ">=61", ["build"]],
  ]);
  const prose = readPyproject(
    '[project]\nname = "p"\nlicense = { text = "BSD License, see LICENSE" }\n',
    {
      path: "pyproject.toml",
    },
  );
  assert.equal(
    prose.project?.license,
    "BSD License, see LICENSE",
    "kept as stated: the SBOM writers tell an SPDX expression from prose",
  );
});

Deno.test("readPyproject: corpus manifests", async () => {
  await loadTomlParser(); // multi-line strings are outside the fast TOML subset
  if (skipWithoutShared("pyproject corpus accuracy")) return;
  const counts: Array<[string, number]> = [
    ["psf__black", 39],
    ["pallets__flask", 27],
    ["python-poetry__poetry", 35],
    ["Textualize__textual", 43],
    ["pydantic__pydantic", 51], // pydantic-core is `{ workspace = true }` in [tool.uv.sources]
    // mcp-types is `{ workspace = true }`; its dependencies are uv-dynamic-versioning hook's
    ["modelcontextprotocol__python-sdk", 42],
    ["pdm-project__pdm", 43],
  ];
  for (const [dir, count] of counts) {
    const out = readPyproject(Deno.readTextFileSync(`${SHARED_DIR}/corpus/${dir}/pyproject.toml`), {
      path: "pyproject.toml",
      release: "1.0.0",
    });
    assert.equal(out.components.length, count, dir);
    assert.ok(out.project !== undefined, dir);
  }
  const black = readPyproject(
    Deno.readTextFileSync(`${SHARED_DIR}/corpus/psf__black/pyproject.toml`),
    {
      path: "pyproject.toml",
      release: "25.1.0",
    },
  );
  assert.equal(black.project?.purl, "pkg:pypi/black@25.1.0");
  assert.equal(black.project?.license, "MIT");
  const byName = new Map(black.components.map((c) => [c.name, c]));
  assert.deepEqual(byName.get("coverage")?.groups, ["cov-tests", "coverage", "dev", "fuzz"]);
  assert.equal(byName.get("hatch")?.id, "pkg:pypi/hatch@1.15.1");
  assert.equal(
    byName.get("diff-shades")?.id,
    pypiPurl("diff-shades", undefined, {
      download_url: "https://github.com/ichard26/diff-shades/archive/stable.zip",
    }),
  );
  assert.deepEqual(byName.get("uvloop")?.scopes, ["optional"]);
  const poetry = readPyproject(
    Deno.readTextFileSync(`${SHARED_DIR}/corpus/python-poetry__poetry/pyproject.toml`),
    { path: "pyproject.toml" },
  );
  assert.equal(poetry.project?.version, "2.5.0.dev0");
  assert.ok(poetry.components.some((c) => c.name === "poetry-core" && c.purl.includes("vcs_url=")));
});

Deno.test("readPyproject: a Poetry git dependency's subdirectory is the SPDX #<sub_path>", () => {
  const text = '[tool.poetry]\nname = "app"\nversion = "1.0.0"\n\n[tool.poetry.dependencies]\n' +
    'sub-pkg = { git = "https://github.com/acme/mono.git", rev = "abc1234", subdirectory = "libs/sub" }\n';
  const pkg = readPyproject(text, { path: "pyproject.toml" }).components
    .find((c) => c.name === "sub-pkg");
  assert.equal(
    pkg?.id,
    pypiPurl("sub-pkg", undefined, {
      vcs_url: "git+https://github.com/acme/mono.git@abc1234#libs/sub",
    }),
  );
});

Deno.test("readPyproject: a file: URL outside the project is another checkout's package; inside, the project's own", () => {
  const text = '[project]\nname = "app"\nversion = "1.0.0"\ndependencies = [\n' +
    '  "libx @ file:///${PROJECT_ROOT}/../../libx",\n' +
    '  "sibling @ file:///${PROJECT_ROOT}/../sibling",\n' +
    '  "absx @ file:///opt/src/absx",\n' +
    '  "relx[cli] @ file:../../relx",\n' +
    '  "inner @ file:///${PROJECT_ROOT}/packages/inner",\n' +
    '  "inner2 @ file:packages/inner2",\n' +
    '  "wheelx @ file:///${PROJECT_ROOT}/dist/wheelx-1.2-py3-none-any.whl",\n' +
    "]\n\n[tool.pdm.dev-dependencies]\n" +
    'dev = ["-e file:///${PROJECT_ROOT}/../../tool#egg=tool", "-e ../../anon", "-e ./packages/own"]\n';
  const out = readPyproject(text, { path: "svc/pyproject.toml" });
  const rows = out.components.map((c) => [c.id, c.scopes.join(), c.downloadLocation]);
  assert.deepEqual(rows, [
    ["pkg:pypi/absx", "runtime", undefined],
    ["pkg:pypi/libx", "runtime", undefined],
    ["pkg:pypi/relx", "runtime", undefined],
    ["pkg:pypi/tool", "dev", undefined],
    ["pkg:pypi/wheelx@1.2?file_name=wheelx-1.2-py3-none-any.whl", "runtime", undefined],
  ]);
  assert.deepEqual(out.localDeclarations, [
    { name: "sibling", scope: "runtime" },
    { name: "inner", scope: "runtime" },
    { name: "inner2", scope: "runtime" },
  ]);
  assert.deepEqual(out.warnings?.filter((w) => w.includes("anon")), [
    'svc/pyproject.toml: [tool.pdm.dev-dependencies] dev: "../../anon" is a folder outside the ' +
    "project that names no package (PDM learns its name by building it, vouch cannot): it is " +
    'not in the SBOM; add "#egg=<name>" to list it',
  ]);
});

Deno.test("readPyproject: PDM's [tool.pdm.dev-dependencies] are dev groups; local editables are the project's own", () => {
  const text = '[project]\nname = "app"\nversion = "1.0.0"\ndependencies = ["requests"]\n\n' +
    "[tool.pdm.dev-dependencies]\n" +
    'test = ["pytest>=8", "-e file:///${PROJECT_ROOT}/libs/helper#egg=helper"]\n' +
    'lint = ["ruff==0.5.0", "-e ./tools/lint", "-e git+https://github.com/acme/plug.git@v1#egg=plug"]\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  const rows = out.components.map((c) => [c.name, c.version, c.scopes.join(), c.groups.join()]);
  assert.deepEqual(rows, [
    ["plug", undefined, "dev", "lint"],
    ["pytest", undefined, "dev", "test"],
    ["requests", undefined, "runtime", ""],
    ["ruff", "0.5.0", "dev", "lint"],
  ]);
  // The local editable named by its #egg= is the project's own: an edge to the member, if any.
  assert.deepEqual(out.localDeclarations, [{ name: "helper", scope: "dev" }]);
  const plug = out.components.find((c) => c.name === "plug");
  assert.equal(
    plug?.purl,
    pypiPurl("plug", undefined, {
      vcs_url: "git+https://github.com/acme/plug.git@v1", // #egg= is no part of the location
    }),
  );
  assert.throws(
    () => readPyproject('[tool.pdm.dev-dependencies]\ntest = "pytest"\n', { path: "p.toml" }),
    invalidWith(/dev-dependencies\] test/),
  );
});

Deno.test("readPyproject: PDM 1.0-1.4's [project] dev-dependencies list is the dev group", () => {
  // PDM 1.5 moves it to `[tool.pdm.dev-dependencies] dev` (pdm-project/pdm#351).
  const text = '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = ["click"]\n' +
    'dev-dependencies = [\n    "pytest<7,>=6.2",\n    "-e ./libs/helper#egg=helper",\n]\n\n' +
    '[build-system]\nrequires = ["pdm-pep517"]\nbuild-backend = "pdm.pep517.api"\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  const rows = out.components.map((c) => [c.name, c.scopes.join(), c.groups.join()]);
  assert.deepEqual(rows, [
    ["click", "runtime", ""],
    ["pdm-pep517", "build", ""],
    ["pytest", "dev", "dev"],
  ]);
  assert.deepEqual(out.localDeclarations, [{ name: "helper", scope: "dev" }]);
  assert.throws(
    () => readPyproject('[project]\nname = "a"\ndev-dependencies = "pytest"\n', { path: "p.toml" }),
    invalidWith(/\[project\] dev-dependencies must be an array of strings/),
  );
});

Deno.test("readPyproject: PDM's metadata before PEP 621 ([tool.pdm] with a name) is read", () => {
  // As frostming/marko's of 2020 (PDM 0.x): Pipfile-like tables, sections named by `extras` optional.
  const text = '[build-system]\nbuild-backend = "pdm.builders.api"\nrequires = ["pdm"]\n\n' +
    '[tool.pdm]\nname = "marko"\nversion = {from = "marko/__init__.py"}\nlicense = "MIT"\n' +
    'extras = ["toc", "codehilite"]\n\n[tool.pdm.dependencies]\n' +
    '"backports.html" = {version = "*", marker = "python_version < \'3.4\'"}\n' +
    'parver = {git = "https://github.com/RazerM/parver.git", ref = "0.3.1"}\n\n' +
    '[tool.pdm.dev-dependencies]\nflake8 = "*"\npytest = "<5.0.0,>=4.6.9"\n\n' +
    '[tool.pdm.toc-dependencies]\npython-slugify = "*"\n\n' +
    '[tool.pdm.codehilite-dependencies]\npygments = "*"\n\n[tool.pdm.cli]\nmarko = "marko.cli:main"\n';
  const out = readPyproject(text, { path: "pyproject.toml", release: "1.0.0" });
  assert.equal(out.project?.purl, "pkg:pypi/marko@1.0.0");
  assert.equal(out.project?.license, "MIT");
  const rows = out.components.map((c) => [c.purl, c.specifier, c.scopes.join(), c.groups.join()]);
  assert.deepEqual(rows, [
    ["pkg:pypi/backports-html", undefined, "runtime", ""],
    ["pkg:pypi/flake8", undefined, "dev", "dev"],
    [
      pypiPurl("parver", undefined, { vcs_url: "git+https://github.com/RazerM/parver.git@0.3.1" }),
      undefined,
      "runtime",
      "",
    ],
    ["pkg:pypi/pdm", undefined, "build", ""],
    ["pkg:pypi/pygments", undefined, "optional", "codehilite"],
    ["pkg:pypi/pytest", "<5.0.0,>=4.6.9", "dev", "dev"],
    ["pkg:pypi/python-slugify", undefined, "optional", "toc"],
  ]);
});

Deno.test("readPyproject: a PEP 508 URL's pip fragment is not its location (#subdirectory= is the SPDX #<sub_path>)", () => {
  const text = '[project]\nname = "app"\ndependencies = [\n' +
    '  "sub @ git+https://github.com/acme/mono.git@abc1234#subdirectory=libs/sub",\n' +
    `  "arch @ https://h.example/arch-1.0.tar.gz#sha256=${"ab".repeat(32)}",\n]\n`;
  const purls = readPyproject(text, { path: "pyproject.toml" }).components.map((c) => c.purl);
  assert.deepEqual(purls, [
    pypiPurl("arch", "1.0", { download_url: "https://h.example/arch-1.0.tar.gz" }),
    pypiPurl("sub", undefined, {
      vcs_url: "git+https://github.com/acme/mono.git@abc1234#libs/sub",
    }),
  ]);
});

Deno.test("readPyproject: a PEP 508 URL's #sha256= is the hash of its file, as pip's hash-checking mode reads it", () => {
  const hex = "ab".repeat(32);
  const text = '[project]\nname = "app"\ndependencies = [\n' +
    `  "arch @ https://h.example/arch-1.0.tar.gz#sha256=${hex.toUpperCase()}",\n` +
    '  "plain @ https://h.example/plain-2.0-py3-none-any.whl",\n]\n' +
    // A uv source in place of the URL: the URL's hash is not the source's file's.
    `optional-dependencies = { x = ["moved @ https://h.example/moved-1.0.tar.gz#sha256=${hex}"] }\n` +
    '[tool.uv.sources]\nmoved = { git = "https://github.com/acme/moved", rev = "v1" }\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(out.components.map((c) => [c.name, c.hashes]), [
    ["arch", [{ alg: "sha256", hex }]],
    ["moved", []],
    ["plain", []],
  ]);
});

Deno.test("readPyproject: one component per exact version declared; a wheel or sdist URL's file name gives the version", () => {
  const text = '[project]\nname = "app"\nversion = "1"\ndependencies = [\n' +
    "  \"numpy==1.24.4; python_version < '3.12'\",\n" +
    "  \"numpy==1.26.4; python_version >= '3.12'\",\n" +
    '  "numpy>=1.24",\n' +
    '  "pkg-b @ https://example.com/pkg_b-0.3.1-py3-none-any.whl",\n' +
    '  "zipped @ https://example.com/archive/main.zip",\n  "uvloop",\n]\n' +
    // Poetry 2 enriches `[project]`'s uvloop with both constraints: one component each.
    "[tool.poetry.dependencies]\nuvloop = [\n" +
    '  { version = "0.19.0", platform = "linux" },\n' +
    '  { version = "0.18.0", platform = "darwin" },\n]\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:pypi/numpy@1.24.4",
    "pkg:pypi/numpy@1.26.4",
    pypiPurl("pkg-b", "0.3.1", {
      download_url: "https://example.com/pkg_b-0.3.1-py3-none-any.whl",
    }),
    "pkg:pypi/uvloop@0.18.0",
    "pkg:pypi/uvloop@0.19.0",
    pypiPurl("zipped", undefined, { download_url: "https://example.com/archive/main.zip" }),
  ]);
});

Deno.test("readPyproject: a declaration without a pin takes none from another list's pin (simonw/datasette)", () => {
  // simonw/datasette's pyproject.toml: the docs extra asks for blacken-docs unpinned, the test
  // extra pins blacken-docs==1.20.0; `pip install datasette[docs]` takes any version. Likewise
  // `requests>=2` at run time is no 2.31.0 that only the test extra pins. Within one list the
  // unpinned declaration still joins the pin (numpy above).
  const text = '[project]\nname = "datasette"\ndynamic = ["version"]\n' +
    'dependencies = ["requests>=2"]\n[project.optional-dependencies]\n' +
    'docs = ["Sphinx==7.4.7", "blacken-docs"]\n' +
    'test = ["black==25.9.0", "blacken-docs==1.20.0", "requests==2.31.0", "blacken-docs"]\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.specifier, c.scopes, c.groups]), [
    ["pkg:pypi/black@25.9.0", undefined, ["optional"], ["test"]],
    ["pkg:pypi/blacken-docs", undefined, ["optional"], ["docs"]],
    ["pkg:pypi/blacken-docs@1.20.0", undefined, ["optional"], ["test"]],
    ["pkg:pypi/requests", ">=2", ["runtime"], []],
    ["pkg:pypi/requests@2.31.0", undefined, ["optional"], ["test"]],
    ["pkg:pypi/sphinx@7.4.7", undefined, ["optional"], ["docs"]],
  ]);
});

Deno.test("readPyproject: a declaration without a pin joins only a pin of its list its range admits", () => {
  // NumPy pinned for old Pythons and ranged for new ones: `pip install` on Python 3.12 takes
  // some numpy>=1.22, never the 1.21.6 of the other marker. A range that admits the pin joins it.
  const text = '[project]\nname = "app"\nversion = "1"\ndependencies = [\n' +
    "  \"numpy==1.21.6; python_version < '3.8'\",\n" +
    "  \"numpy>=1.22; python_version >= '3.8'\",\n" +
    '  "scipy==1.10.1",\n  "scipy>=1.10",\n]\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.specifier]), [
    ["pkg:pypi/numpy", ">=1.22"],
    ["pkg:pypi/numpy@1.21.6", undefined],
    ["pkg:pypi/scipy@1.10.1", undefined],
  ]);
  // Each declaration without a pin is checked against a few pins, not thousands (a hostile file
  // of 5,000 of each took 23 s). About 0.25 s now; the bound leaves room for a loaded machine.
  const many = Array.from({ length: 5000 }, (_, i) => `"x==1.${i}", "x>=9.${i}"`).join(", ");
  const elapsed = cpuStopwatch();
  readPyproject(`[project]\nname = "a"\nversion = "1"\ndependencies = [${many}]\n`, {
    path: "pyproject.toml",
  });
  assert.ok(elapsed() < 6_000, "too slow");
});

Deno.test("readPyproject: uv's and Rye's dev-dependencies are the dev group", () => {
  const text = '[project]\nname = "app"\nversion = "1"\ndependencies = ["requests==2.31.0"]\n' +
    '[tool.uv]\ndev-dependencies = ["pytest==8.0.0", "ruff>=0.4"]\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.scopes, c.groups]), [
    ["pkg:pypi/pytest@8.0.0", ["dev"], ["dev"]],
    ["pkg:pypi/requests@2.31.0", ["runtime"], []],
    ["pkg:pypi/ruff", ["dev"], ["dev"]],
  ]);
  const rye = readPyproject(
    '[project]\nname = "app"\n[tool.rye]\ndev-dependencies = ["pytest>=7"]\n',
    {
      path: "pyproject.toml",
    },
  );
  assert.deepEqual(rye.components.map((c) => [c.purl, c.scopes]), [["pkg:pypi/pytest", ["dev"]]]);
  assert.throws(
    () => readPyproject('[tool.uv]\ndev-dependencies = "pytest"\n', { path: "p.toml" }),
    invalidWith(/^p\.toml:2: \[tool\.uv\] dev-dependencies must be an array of strings/),
  );
});

Deno.test("readPyproject: [tool.uv.sources] and Poetry's source = … say where a declaration comes from", () => {
  const uv = readPyproject(
    '[project]\nname = "app"\nversion = "1"\ndependencies = ["torch==2.3.0", "mylib", ' +
      '"member-b", "flask==3.0.0", "wheelpkg", "requests==2.31.0", "localwheel"]\n' +
      '[tool.uv.sources]\ntorch = { index = "pytorch" }\nmylib = { path = "../mylib" }\n' +
      'member-b = { workspace = true }\nflask = { git = "https://github.com/pallets/flask", tag = "3.0.0" }\n' +
      'wheelpkg = { url = "https://example.com/wheelpkg-1.2.0-py3-none-any.whl" }\n' +
      'requests = [{ index = "pytorch", marker = "sys_platform == \'linux\'" }]\n' +
      'localwheel = { path = "wheels/localwheel-0.9.0-py3-none-any.whl" }\n' +
      '[[tool.uv.index]]\nname = "pytorch"\nurl = "https://download.pytorch.org/whl/cpu"\n',
    { path: "pyproject.toml" },
  );
  assert.deepEqual(uv.localDeclarations, [{ name: "member-b", scope: "runtime" }]);
  assert.deepEqual(uv.components.map((c) => c.purl), [
    pypiPurl("flask", "3.0.0", { vcs_url: "git+https://github.com/pallets/flask@3.0.0" }),
    // A file on disk: its `file_name`, as the locks and requirements files give it.
    pypiPurl("localwheel", "0.9.0", { file_name: "localwheel-0.9.0-py3-none-any.whl" }),
    // `../mylib`, out of the project: another checkout's package, declared.
    pypiPurl("mylib"),
    pypiPurl("requests", "2.31.0"),
    pypiPurl("torch", "2.3.0", { repository_url: "https://download.pytorch.org/whl/cpu" }),
    pypiPurl("wheelpkg", "1.2.0", {
      download_url: "https://example.com/wheelpkg-1.2.0-py3-none-any.whl",
    }),
  ]);
  const poetry = readPyproject(
    '[tool.poetry]\nname = "p"\nversion = "1"\n[tool.poetry.dependencies]\n' +
      'internal = { version = "1.2.3", source = "private" }\n' +
      'lib = { path = "../lib", develop = true }\n' +
      // A wheel or sdist file is the version its name says (poetry2nix tests/file-wheel-deps).
      'trivial = { path = "../trivial/dist/trivial-0.1.0-py3-none-any.whl" }\n' +
      '[tool.poetry.group.dev.dependencies]\ntools = { path = "tools" }\n' +
      '[[tool.poetry.source]]\nname = "private"\nurl = "https://pkgs.example.com/simple/"\n',
    { path: "pyproject.toml" },
  );
  assert.deepEqual(poetry.components.map((c) => c.purl), [
    pypiPurl("internal", "1.2.3", { repository_url: "https://pkgs.example.com/simple/" }),
    pypiPurl("lib"),
    pypiPurl("trivial", "0.1.0", { file_name: "trivial-0.1.0-py3-none-any.whl" }),
  ]);
  // A path dependency of the project's is its own: no component, an edge to the member, if any.
  assert.deepEqual(poetry.localDeclarations, [{ name: "tools", scope: "dev" }]);
});

// Poetry's `source` is per constraint (a multiple-constraint dependency's entries each name
// theirs): a package declared from several indexes is served by one per platform.
Deno.test("readPyproject: a Poetry dependency whose constraints name different sources is a warning", () => {
  const out = readPyproject(
    '[tool.poetry]\nname = "tfenv"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\n' +
      'python = ">=3.10,<3.12"\ntorch = [\n' +
      '    { version = "~2.1.2+cu121", source = "torch_cu121", markers = "sys_platform == \'linux\'" },\n' +
      '    { version = "~2.1.2", source = "PyPI", markers = "sys_platform == \'darwin\'" },\n]\n' +
      'tensorflow = "~2.15.0"\n\n[[tool.poetry.source]]\nname = "torch_cu121"\n' +
      'url = "https://download.pytorch.org/whl/cu121"\npriority = "supplemental"\n',
    { path: "pyproject.toml" },
  );
  assert.deepEqual(out.components.map((c) => c.purl), [
    pypiPurl("tensorflow"),
    pypiPurl("torch", undefined, { repository_url: "https://download.pytorch.org/whl/cu121" }),
  ]);
  assert.deepEqual(out.warnings, [
    "pyproject.toml:7: torch is declared from different package indexes " +
    "(https://download.pytorch.org/whl/cu121, the default index): which one serves it depends " +
    "on the platform or the install, and its purl names the first declaration's",
  ]);
});

// uv's "multiple sources": a list of sources, each behind a `marker` (or an `extra`, a `group`).
Deno.test("readPyproject: a [tool.uv.sources] list of conditional sources is a warning (its only unconditional one applies)", () => {
  const out = readPyproject(
    '[project]\nname = "slanggen"\nversion = "0.1.0"\ndependencies = ["torch>=2.6,<2.9", "mcp>=2,<3"]\n' +
      '\n[[tool.uv.index]]\nname = "pytorch-cpu"\nurl = "https://download.pytorch.org/whl/cpu"\n' +
      "explicit = true\n\n[tool.uv.sources]\n" +
      'torch = [{ index = "pytorch-cpu", marker = "sys_platform == \'linux\'" }]\n',
    { path: "pyproject.toml" },
  );
  assert.deepEqual(out.components.map((c) => c.purl), [pypiPurl("mcp"), pypiPurl("torch")]);
  assert.deepEqual(out.warnings, [
    "pyproject.toml:12: [tool.uv.sources] torch is a list of sources chosen by marker, extra " +
    "or group: which one uv takes depends on the platform or the install, and its purl names " +
    "the default index",
  ]);
  const single = readPyproject(
    '[project]\nname = "a"\nversion = "1"\ndependencies = ["torch"]\n[tool.uv.sources]\n' +
      'torch = [{ index = "cpu" }]\n[[tool.uv.index]]\nname = "cpu"\nurl = "https://x.example/cpu"\n',
    { path: "pyproject.toml" },
  );
  assert.deepEqual(single.components.map((c) => c.purl), [
    pypiPurl("torch", undefined, { repository_url: "https://x.example/cpu" }),
  ]);
  assert.equal(single.warnings, undefined);
});

Deno.test("readPyproject: a uv workspace member takes the root's [tool.uv.sources] (uv2nix workspace-members-test)", () => {
  // The root names `shared = { workspace = true }`; the members declare `shared` with no source
  // of their own: it is the member, not a version-less PyPI package.
  const root = '[project]\nname = "workspace-members-test"\nversion = "0.1.0"\n' +
    'dependencies = ["requests", "click"]\n\n' +
    '[tool.uv.workspace]\nmembers = ["packages/*", "apps/*"]\nexclude = ["apps/legacy"]\n\n' +
    "[tool.uv.sources]\nwebapp = { workspace = true }\napi = { workspace = true }\n" +
    'shared = { workspace = true }\nclick = { git = "https://github.com/pallets/click", tag = "8.1.7" }\n';
  const member =
    '[project]\nname = "cli"\nversion = "0.1.0"\ndependencies = ["shared", "click"]\n' +
    '\n[tool.uv.sources]\nclick = { index = "internal" }\n\n' +
    '[[tool.uv.index]]\nname = "internal"\nurl = "https://pkgs.example.com/simple"\n';
  const read = (path: string) =>
    readPyproject(member, { path, load: (p) => p === "pyproject.toml" ? root : undefined });
  const cli = read("apps/cli/pyproject.toml");
  assert.deepEqual(cli.localDeclarations, [{ name: "shared", scope: "runtime" }]);
  assert.deepEqual(cli.components.map((c) => c.purl), [
    // The member's own source replaces the root's.
    pypiPurl("click", undefined, { repository_url: "https://pkgs.example.com/simple" }),
  ]);
  // A folder the workspace excludes is no member: the root's sources are not its.
  const legacy = read("apps/legacy/pyproject.toml");
  assert.equal(legacy.localDeclarations, undefined);
  assert.deepEqual(legacy.components.map((c) => c.name).sort(), ["click", "shared"]);
});

// uv's member globs may use character classes (`packages/[ab]`), which vouch matches with
// node:path's matcher, loaded on demand: a member's read ended in an internal error (exit 3),
// "loadGlobMatcher was not awaited", instead of asking for the matcher and reading again.
Deno.test("readPyproject: a uv workspace member named by a glob beyond literals and wildcards", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pyproject.toml": '[project]\nname = "root"\nversion = "0.1.0"\n\n' +
        '[tool.uv.workspace]\nmembers = ["packages/[ab]"]\n\n' +
        "[tool.uv.sources]\nshared = { workspace = true }\n",
      "packages/a/pyproject.toml": '[project]\nname = "a"\nversion = "0.1.0"\n' +
        'dependencies = ["shared", "requests>=2"]\n',
      "packages/b/pyproject.toml": '[project]\nname = "shared"\nversion = "0.1.0"\n',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.name), ["requests"]);
  });
});

// uv's glob matcher refuses a member glob with a `[` that no `]` closes ("invalid range
// pattern"); node:path's matcher took time growing with the square of their number, per folder
// (10,000 of them: no answer in 30 s).
Deno.test("readPyproject: a uv workspace glob with an unclosed [ is refused at its line, as uv refuses it", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pyproject.toml": '[project]\nname = "root"\nversion = "0.1.0"\n\n' +
        `[tool.uv.workspace]\nmembers = ["packages/${"[".repeat(2_000)}*"]\n`,
      "packages/a/pyproject.toml": '[project]\nname = "a"\nversion = "0.1.0"\n',
    });
    const elapsed = cpuStopwatch();
    await assert.rejects(
      () => readInventory(dir),
      (e: unknown) =>
        e instanceof VouchError && e.code === "inventory.pyproject.invalid" &&
        /^pyproject\.toml:6: \[tool\.uv\.workspace\] members glob "packages\/\[\[/.test(
          e.message,
        ) &&
        e.message.endsWith("has a [ that no ] closes (uv refuses it: invalid range pattern)"),
    );
    assert.ok(elapsed() < 2_000, `${elapsed()} ms`);
  });
});

Deno.test("readPyproject: the project itself with extras is what those extras require (pdm's test group asks for pdm[pytest])", () => {
  const out = readPyproject(
    '[project]\nname = "pdm"\nversion = "2"\ndependencies = ["rich"]\n\n' +
      '[project.optional-dependencies]\npytest = ["pytest", "pytest-mock"]\nkeyring = ["keyring"]\n' +
      'all = ["pdm[keyring]"]\n\n[dependency-groups]\ntest = ["pdm[pytest]", "pytest-cov"]\n',
    { path: "pyproject.toml" },
  );
  assert.deepEqual(out.components.map((c) => [c.name, c.scopes, c.groups]), [
    ["keyring", ["optional"], ["keyring"]], // an extra naming its siblings adds no scope
    ["pytest", ["dev", "optional"], ["pytest", "test"]],
    ["pytest-cov", ["dev"], ["test"]],
    ["pytest-mock", ["dev", "optional"], ["pytest", "test"]],
    ["rich", ["runtime"], []],
  ]);
});

Deno.test("readPyproject: Hatch environments' dependencies are dev groups named for them, templates inherited", () => {
  const text = '[project]\nname = "app"\nversion = "1"\ndependencies = ["httpx"]\n\n' +
    '[tool.hatch.envs.default]\ndependencies = ["coverage[toml]>=7", "pytest"]\n\n' +
    '[tool.hatch.envs.types]\nextra-dependencies = ["mypy==1.11.0"]\n\n' +
    '[tool.hatch.envs.docs]\ntemplate = "docs"\ndependencies = [\n' +
    '  "mkdocs~={env:MKDOCS_VERSION:1.6}",\n  "app-theme @ {root:uri}/theme",\n' +
    '  "mkdocstrings{env:MKDOCSTRINGS_EXTRAS}",\n]\n\n' +
    '[tool.hatch.envs.lint]\ndetached = true\ndependencies = ["ruff>=0.6"]\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.specifier, c.scopes, c.groups]), [
    ["pkg:pypi/coverage", ">=7", ["dev"], ["default", "types"]], // types inherits default's
    ["pkg:pypi/httpx", undefined, ["runtime"], []],
    ["pkg:pypi/mkdocs", "~=1.6", ["dev"], ["docs"]], // {env:NAME:default} is its default
    ["pkg:pypi/mkdocstrings", undefined, ["dev"], ["docs"]], // an unknown field: the name only
    ["pkg:pypi/mypy@1.11.0", undefined, ["dev"], ["types"]],
    ["pkg:pypi/pytest", undefined, ["dev"], ["default", "types"]],
    ["pkg:pypi/ruff", ">=0.6", ["dev"], ["lint"]], // detached: no inheritance
  ]);
  assert.ok(out.components.every((c) => c.direct));
  assert.throws(
    () => readPyproject('[tool.hatch.envs.a]\ntemplate = "b"\n', { path: "p.toml" }),
    invalidWith(/^p\.toml:1: Hatch environment "a" has unknown template "b"/),
  );
  assert.throws(
    () =>
      readPyproject(
        '[tool.hatch.envs.a]\ntemplate = "b"\n[tool.hatch.envs.b]\ntemplate = "a"\n',
        { path: "p.toml" },
      ),
    invalidWith(/template cycle: a -> b -> a/),
  );
  assert.throws(
    () => readPyproject('[tool.hatch.envs.a]\ndependencies = "pytest"\n', { path: "p.toml" }),
    invalidWith(/^p\.toml:2: \[tool\.hatch\.envs\.a\] dependencies must be an array/),
  );
});

Deno.test("readPyproject: an empty name and version (PDM 1's application template) are none", () => {
  const text = [
    "[project]",
    'name = ""',
    'version = ""',
    'description = ""',
    'dependencies = ["requests[security]~=2.26"]',
  ].join("\n");
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.equal(out.project, undefined);
  assert.deepEqual(out.components.map((c) => [c.id, c.specifier, c.scopes]), [
    ["pkg:pypi/requests", "~=2.26", ["runtime"]],
  ]);
  const named = readPyproject('[project]\nname = "app"\nversion = ""\n', {
    path: "pyproject.toml",
  });
  assert.deepEqual(named.project, { name: "app", purl: "pkg:pypi/app" });
});

Deno.test("readPyproject: Flit's metadata before PEP 621 ([tool.flit.metadata]) declares the project's dependencies", () => {
  // The shape of early FastAPI's and Flit's own pyproject.toml (Flit < 3.2).
  const text = [
    "[build-system]",
    'requires = ["flit"]',
    'build-backend = "flit.buildapi"',
    "",
    "[tool.flit.metadata]",
    'module = "webkit"',
    'author = "A. Author"',
    'license = "MIT"',
    'requires = ["starlette >=0.9.11,<=0.10.1", "pydantic (>=0.17)"]',
    'dev-requires = ["tox"]',
    "",
    "[tool.flit.metadata.requires-extra]",
    'test = ["pytest >=4.0.0", "requests"]',
    'all = ["requests", "ujson"]',
  ].join("\n");
  const out = readPyproject(text, { path: "pyproject.toml", release: "0.1.0" });
  assert.deepEqual(out.project, {
    name: "webkit",
    version: "0.1.0",
    purl: "pkg:pypi/webkit@0.1.0",
    license: "MIT",
  });
  assert.deepEqual(out.components.map((c) => [c.id, c.specifier, c.scopes, c.groups]), [
    ["pkg:pypi/flit", undefined, ["build"], []],
    ["pkg:pypi/pydantic", ">=0.17", ["runtime"], []],
    ["pkg:pypi/pytest", ">=4.0.0", ["optional"], ["test"]],
    ["pkg:pypi/requests", undefined, ["optional"], ["all", "test"]],
    ["pkg:pypi/starlette", ">=0.9.11,<=0.10.1", ["runtime"], []],
    ["pkg:pypi/tox", undefined, ["optional"], ["dev"]],
    ["pkg:pypi/ujson", undefined, ["optional"], ["all"]],
  ]);
  const named = readPyproject('[tool.flit.metadata]\nmodule = "webkit"\ndist-name = "web-kit"\n', {
    path: "pyproject.toml",
  });
  assert.equal(named.project?.name, "web-kit");
});

// Shaped like Hatch projects (pypa/hatch's own, black's, httpx's): environments install the
// project's extras with `features`, and add dependencies by matrix variable or platform through
// `overrides`. Both were ignored: those packages were missing from the environment's group, or
// missing altogether (a dependency only an override names).
Deno.test("readPyproject: a Hatch environment's features and overrides add to its group; a matrix alone adds nothing", () => {
  const text = '[project]\nname = "app"\nversion = "1"\ndependencies = ["httpx"]\n\n' +
    "[project.optional-dependencies]\n" +
    'server = ["uvicorn>=0.30"]\ngrpc = ["grpcio==1.66.0"]\nAll = ["app[server,grpc]"]\n\n' +
    '[tool.hatch.envs.default]\ndependencies = ["pytest"]\n\n' +
    '[tool.hatch.envs.nightly]\nfeatures = ["all"]\n\n' +
    '[tool.hatch.envs.test]\nfeatures = ["server", "missing"]\n' +
    'dependencies = ["django~={matrix:django}.0"]\n\n' +
    '[[tool.hatch.envs.test.matrix]]\npython = ["3.11", "3.12"]\ndjango = ["4", "5"]\n\n' +
    "[tool.hatch.envs.test.overrides]\n" +
    'matrix.django.dependencies = ["asgiref", { value = "channels>=4", if = ["5"] }]\n' +
    'platform.windows.extra-dependencies = ["pywin32"]\n' +
    'env.CI.set-features = ["grpc"]\nname."^py3.12".env-vars = "NEW=1"\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.specifier, c.scopes, c.groups]), [
    ["pkg:pypi/asgiref", undefined, ["dev"], ["test"]], // an override, not evaluated
    ["pkg:pypi/channels", ">=4", ["dev"], ["test"]],
    ["pkg:pypi/django", undefined, ["dev"], ["test"]], // {matrix:…}: the name only
    ["pkg:pypi/grpcio@1.66.0", undefined, ["dev", "optional"], ["grpc", "nightly", "test"]],
    ["pkg:pypi/httpx", undefined, ["runtime"], []],
    // test sets its own dependencies, nightly inherits default's
    ["pkg:pypi/pytest", undefined, ["dev"], ["default", "nightly"]],
    ["pkg:pypi/pywin32", undefined, ["dev"], ["test"]],
    // The extra `all` names the project's own extras: theirs are installed.
    ["pkg:pypi/uvicorn", ">=0.30", ["dev", "optional"], ["nightly", "server", "test"]],
  ]);
  assert.deepEqual(out.warnings, [
    // Was: the name only, without a word.
    'pyproject.toml:19: "django~={matrix:django}.0": Hatch fills in {matrix:django} from each ' +
    "environment its matrix makes, which vouch does not expand: it is in the SBOM by its name only",
    'pyproject.toml: [tool.hatch.envs.test] features: "missing" is no extra of ' +
    "[project.optional-dependencies], so what it installs in the environment is not known",
  ]);
  assert.throws(
    () =>
      readPyproject(
        '[tool.hatch.envs.a.overrides]\nmatrix.v.dependencies = [{ if = ["1"] }]\n',
        { path: "p.toml" },
      ),
    invalidWith(/^p\.toml:2: .*every entry must be a string or an inline table with a value/),
  );
});

// Shaped like projects that keep Hatch's options in hatch.toml (`[envs.<name>]` at the top level):
// it was never read, so its environments' dependencies were missing, and the scan said nothing.
// Hatch reads it with the pyproject.toml beside it, each of its tables replacing [tool.hatch]'s.
Deno.test("readPyproject: a hatch.toml beside it is read with it and counts as read; alone it is unread", async () => {
  const files: Record<string, string> = {
    "pyproject.toml": '[project]\nname = "app"\nversion = "1"\ndependencies = ["httpx"]\n\n' +
      '[tool.hatch.envs.default]\ndependencies = ["nose"]\n',
    "hatch.toml": '[envs.default]\ndependencies = ["pytest", "httpx>=0.27"]\n\n' +
      '[envs.lint]\ndetached = true\ndependencies = ["ruff"]\n',
  };
  const load = (p: string): string | undefined => files[p];
  const out = readPyproject(files["pyproject.toml"], { path: "pyproject.toml", load });
  assert.deepEqual(out.components.map((c) => [c.purl, c.scopes, c.groups, c.sources]), [
    ["pkg:pypi/httpx", ["dev", "runtime"], ["default"], ["hatch.toml", "pyproject.toml"]],
    ["pkg:pypi/pytest", ["dev"], ["default"], ["hatch.toml"]],
    ["pkg:pypi/ruff", ["dev"], ["lint"], ["hatch.toml"]], // nose: replaced by hatch.toml's envs
  ]);
  assert.throws(
    () =>
      readPyproject('[project]\nname = "app"\n', {
        path: "pyproject.toml",
        load: (p) => p === "hatch.toml" ? "[envs.a]\ndependencies = 1\n" : undefined,
      }),
    invalidWith(/^hatch\.toml:2: \[envs\.a\] dependencies must be an array/),
  );
  await withTempDir(async (dir) => {
    await writeTree(dir, { ...files, "tools/hatch.toml": files["hatch.toml"] });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.sources, ["hatch.toml", "pyproject.toml"]);
    assert.deepEqual(inventory.unread, ["tools/hatch.toml"], "no pyproject.toml beside it");
    assert.ok(inventory.components.some((c) => c.name === "ruff"));
    await assertSbomsValid(inventory, "hatch.toml");
  });
});

Deno.test("readPyproject: dynamic dependencies set by uv-dynamic-versioning's hatch hook are read (pydantic/pydantic-ai)", () => {
  // pydantic/pydantic-ai's pydantic_ai_slim/pyproject.toml, shortened: `dynamic` dependencies
  // and extras that the hook fills in at build time, `{{ version }}` its own version.
  const text = '[project]\nname = "pydantic-ai-slim"\n' +
    'dynamic = ["version", "dependencies", "optional-dependencies"]\n\n' +
    "[tool.hatch.metadata.hooks.uv-dynamic-versioning]\n" +
    'dependencies = [\n    "griffe>=1.14.0",\n    "pydantic-graph=={{ version }}",\n' +
    "    \"exceptiongroup>=1.2.2; python_version < '3.11'\",\n]\n\n" +
    "[tool.hatch.metadata.hooks.uv-dynamic-versioning.optional-dependencies]\n" +
    'openai = ["openai>=2.11.0"]\nevals = ["pydantic-evals>=1,<={{ version }}"]\n' +
    'temporal = ["temporalio==1.20.0"]\nall = ["pydantic-ai-slim[openai]=={{ version }}"]\n\n' +
    '[dependency-groups]\ndev = ["pydantic-ai-slim[temporal]", "pytest"]\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.specifier, c.scopes, c.groups]), [
    ["pkg:pypi/exceptiongroup", ">=1.2.2", ["runtime"], []],
    ["pkg:pypi/griffe", ">=1.14.0", ["runtime"], []],
    ["pkg:pypi/openai", ">=2.11.0", ["optional"], ["openai"]],
    ["pkg:pypi/pydantic-evals", ">=1", ["optional"], ["evals"]], // the templated bound is no range
    ["pkg:pypi/pydantic-graph", undefined, ["runtime"], []], // its version is the build's
    ["pkg:pypi/pytest", undefined, ["dev"], ["dev"]],
    ["pkg:pypi/temporalio@1.20.0", undefined, ["dev", "optional"], ["dev", "temporal"]],
  ]);
  assert.equal(out.warnings, undefined);
});

Deno.test("readPyproject: dynamic dependencies that no file vouch reads lists are a warning, not a silent gap", () => {
  const warnings = (tables: string, readsFile?: (path: string) => boolean): string[] | undefined =>
    readPyproject(
      '[project]\nname = "app"\ndynamic = ["version", "dependencies", "optional-dependencies"]\n' +
        tables,
      { path: "app/pyproject.toml", readsFile },
    ).warnings;
  const unread = (field: string): string =>
    `app/pyproject.toml: [project] ${field} are dynamic (its build backend sets them), and vouch ` +
    "reads no file that lists them: they are not in the SBOM; lock the project (uv lock, " +
    "pip-compile) and commit the lockfile, which vouch reads";
  // Another build hook, or a template only the build evaluates.
  assert.deepEqual(warnings("[tool.hatch.metadata.hooks.custom]\n"), [
    unread("dependencies"),
    unread("optional-dependencies"),
  ]);
  assert.deepEqual(
    warnings(
      "[tool.hatch.metadata.hooks.uv-dynamic-versioning]\n" +
        'dependencies = ["a{% if true %}>=1{% endif %}"]\n' +
        "[tool.hatch.metadata.hooks.uv-dynamic-versioning.optional-dependencies]\nx = []\n",
    ),
    [unread("dependencies")],
  );
  // Requirements files that vouch reads on its own (setuptools', hatch-requirements-txt's),
  // by their paths from the project root; Poetry's tables.
  const read = new Set(["app/requirements.txt", "app/requirements-dev.txt"]);
  const setuptools = '[tool.setuptools.dynamic]\ndependencies = {file = ["requirements.txt"]}\n' +
    'optional-dependencies.dev = {file = ["requirements-dev.txt"]}\n';
  assert.equal(warnings(setuptools, (path) => read.has(path)), undefined);
  assert.deepEqual(warnings(setuptools), [unread("dependencies"), unread("optional-dependencies")]);
  assert.deepEqual(
    warnings(
      '[tool.setuptools.dynamic]\ndependencies = {file = ["requirements/base.in"]}\n' +
        'optional-dependencies.dev = {file = ["requirements-dev.txt"]}\n',
      (path) => read.has(path),
    ),
    [unread("dependencies")],
  );
  assert.equal(
    warnings(
      '[tool.hatch.metadata.hooks.requirements_txt]\nfiles = ["requirements.txt"]\n' +
        "[tool.hatch.metadata.hooks.requirements_txt.optional-dependencies]\n" +
        'dev = ["requirements-dev.txt"]\n',
      (path) => read.has(path),
    ),
    undefined,
  );
  assert.equal(
    warnings('[tool.poetry.dependencies]\nrich = "^13"\n[tool.poetry.extras]\nx = ["rich"]\n'),
    undefined,
  );
});

Deno.test("readPyproject: 200 KB of spaces or of `=={{` in a hook's requirement is read in linear time", () => {
  const hook = (requirement: string): string =>
    '[project]\nname = "app"\ndynamic = ["dependencies"]\n' +
    `[tool.hatch.metadata.hooks.uv-dynamic-versioning]\ndependencies = ["${requirement}"]\n`;
  // Was: minutes, each place of a run of spaces scanning the rest of it (the templated clause,
  // then the error's key), each `{{` the rest of the text.
  let elapsed = cpuStopwatch();
  assert.throws(
    () => readPyproject(hook(`a${" ".repeat(200_000)}b`), { path: "pyproject.toml" }),
    /invalid requirement/,
  );
  assert.ok(elapsed() < 2_000);
  elapsed = cpuStopwatch();
  const out = readPyproject(hook(`a${"=={{".repeat(50_000)}`), { path: "pyproject.toml" });
  assert.ok(elapsed() < 2_000);
  assert.equal(out.warnings?.length, 1);
});

Deno.test("readInventory: dynamic dependencies from a requirements file the scan reads give no warning; from another file, one", async () => {
  const pyproject = '[project]\nname = "app"\nversion = "1"\ndynamic = ["dependencies"]\n' +
    "[tool.setuptools.dynamic]\ndependencies = { file = [FILE] }\n";
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pyproject.toml": pyproject.replace("FILE", '"requirements.txt"'),
      "requirements.txt": "rich==13.9.4\n",
      "lib/pyproject.toml": pyproject.replace("FILE", '"requirements/base.in"'),
      "lib/requirements/base.in": "httpx\n",
    });
    const inventory = await readInventory(dir);
    assert.ok(inventory.components.some((c) => c.purl === "pkg:pypi/rich@13.9.4"));
    const unread = (path: string): string =>
      `${path}: [project] dependencies are dynamic (its build backend sets them), and ` +
      "vouch reads no file that lists them: they are not in the SBOM; lock the project (uv lock, " +
      "pip-compile) and commit the lockfile, which vouch reads";
    const dynamic = (warnings: string[] = []): string[] =>
      warnings.filter((w) => w.includes("are dynamic"));
    assert.deepEqual(dynamic(inventory.warnings), [unread("lib/pyproject.toml")]);
    // A requirements file the scan does not read (--exclude) lists nothing in the SBOM.
    // Was: no warning, the file taken as read because it is there and has a requirements name.
    const excluded = await readInventory(dir, { exclude: ["requirements.txt"] });
    assert.ok(!excluded.components.some((c) => c.purl === "pkg:pypi/rich@13.9.4"));
    assert.deepEqual(dynamic(excluded.warnings), [
      unread("lib/pyproject.toml"),
      unread("pyproject.toml"),
    ]);
  });
});

Deno.test("readInventory: dynamic dependencies from a requirements file outside the project root are a warning, not a failed scan", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "requirements.txt": "rich==13.9.4\n",
      "app/pyproject.toml": '[project]\nname = "app"\nversion = "1"\ndynamic = ["dependencies"]\n' +
        '[tool.hatch.metadata.hooks.requirements_txt]\nfiles = ["../requirements.txt"]\n',
    });
    // Was: error inventory.outside_root, the file loaded to learn whether the scan reads it.
    const inventory = await readInventory(`${dir}/app`);
    assert.deepEqual(inventory.warnings, [
      "pyproject.toml: [project] dependencies are dynamic (its build backend sets them), and " +
      "vouch reads no file that lists them: they are not in the SBOM; lock the project (uv lock, " +
      "pip-compile) and commit the lockfile, which vouch reads",
    ]);
  });
});

Deno.test("readInventory: a lockless uv workspace root asking for a member's extra gives that extra's packages its scope (pydantic/pydantic-ai)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // pydantic-ai's root depends on `pydantic-ai-slim[openai,…]`, a workspace member.
      "pyproject.toml": '[project]\nname = "app"\nversion = "1"\ndependencies = ["lib[http]"]\n' +
        '[dependency-groups]\ndev = ["lib[fast]"]\n[tool.uv.sources]\nlib = { workspace = true }\n' +
        '[tool.uv.workspace]\nmembers = ["lib"]\n',
      "lib/pyproject.toml": '[project]\nname = "lib"\nversion = "1"\ndependencies = ["idna"]\n' +
        '[project.optional-dependencies]\nhttp = ["httpx"]\nfast = ["orjson"]\nyaml = ["pyyaml"]\n',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.name, c.scopes]), [
      ["httpx", ["optional", "runtime"]],
      ["idna", ["runtime"]],
      ["orjson", ["dev", "optional"]],
      ["pyyaml", ["optional"]], // asked by nobody
    ]);
  });
});

Deno.test("readInventory: a member's extra that names its own other extras installs theirs for the root that asks for it", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // `all = ["lib[openai,anthropic]"]`, as pydantic-ai-slim's and many projects' `all` extras.
      "pyproject.toml": '[project]\nname = "app"\nversion = "1"\ndependencies = ["lib[all]"]\n' +
        '[tool.uv.sources]\nlib = { workspace = true }\n[tool.uv.workspace]\nmembers = ["lib"]\n',
      "lib/pyproject.toml": '[project]\nname = "lib"\nversion = "1"\ndependencies = ["idna"]\n' +
        '[project.optional-dependencies]\nopenai = ["openai"]\nanthropic = ["anthropic"]\n' +
        'all = ["lib[openai,anthropic]"]\nyaml = ["pyyaml"]\n',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.name, c.scopes]), [
      ["anthropic", ["optional", "runtime"]],
      ["idna", ["runtime"]],
      ["openai", ["optional", "runtime"]],
      ["pyyaml", ["optional"]], // in no extra that `all` names
    ]);
  });
});

Deno.test("readPyproject: a uv-dynamic-versioning hook's list or table of the wrong type is invalid at its own line", () => {
  const head = '[project]\nname = "app"\nversion = "1.0"\n' +
    'dynamic = ["dependencies", "optional-dependencies"]\n\n' +
    "[tool.hatch.metadata.hooks.uv-dynamic-versioning]\n";
  const cases: [string, RegExp][] = [
    // Was: no line (the message's own text searched for), then `dynamic`'s line 4.
    ['dependencies = "a"\n', /^pyproject\.toml:7: .* dependencies must be an array of strings/],
    [
      'dependencies = []\noptional-dependencies = ["b"]\n',
      /^pyproject\.toml:8: .* optional-dependencies must be a table/,
    ],
    [
      "dependencies = []\n[tool.hatch.metadata.hooks.uv-dynamic-versioning.optional-dependencies]\n" +
      'dev = ["x"]\ndocs = 5\n',
      /^pyproject\.toml:10: .* optional-dependencies "docs" must be an array of strings/,
    ],
  ];
  for (const [hook, message] of cases) {
    assert.throws(
      () => readPyproject(head + hook, { path: "pyproject.toml" }),
      invalidWith(message),
      hook,
    );
  }
});

Deno.test("readInventory: a long chain of a member's extras, each naming the next, costs its length", async () => {
  // Every extra's own extras were expanded in full, each requirement parsed again each time, and
  // recursively: 1,000 extras (30 KB) took 5 s, 2,000 overflowed the stack (an internal error).
  const n = 3000;
  const chain = Array.from({ length: n }, (_, i) => `e${i} = ["lib[e${i + 1}]", "p${i}"]\n`);
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pyproject.toml": '[project]\nname = "app"\nversion = "1"\ndependencies = ["lib[e1]"]\n' +
        '[tool.uv.sources]\nlib = { workspace = true }\n[tool.uv.workspace]\nmembers = ["lib"]\n',
      "lib/pyproject.toml": '[project]\nname = "lib"\nversion = "1"\n' +
        `[project.optional-dependencies]\n${chain.join("")}`,
    });
    const elapsed = cpuStopwatch();
    const inventory = await readInventory(dir);
    assert.ok(elapsed() < 6_000, "too slow"); // about 0.3 s
    const scopes = new Map(inventory.components.map((c) => [c.name, c.scopes]));
    assert.equal(scopes.size, n);
    assert.deepEqual(scopes.get("p0"), ["optional"]); // e0 is not asked for
    assert.deepEqual(scopes.get("p1"), ["optional", "runtime"]);
    assert.deepEqual(scopes.get(`p${n - 1}`), ["optional", "runtime"]);
  });
});

Deno.test("readPyproject: a Poetry dependency with an empty name is refused at its key (fuzz)", () => {
  // Poetry's schema takes names of [a-zA-Z-_.0-9]+ only; it was a purl without a name, at no line.
  for (
    const [table, key] of [
      ["dependencies", '""'],
      ["dev-dependencies", "''"],
      ["group.test.dependencies", '""'],
    ]
  ) {
    assert.throws(
      () =>
        readPyproject(
          `[tool.poetry]\nname = "p"\nversion = "1"\n\n[tool.poetry.${table}]\n` +
            `${key} = "^2.32"\nrich = "^13"\n`,
          { path: "pyproject.toml" },
        ),
      invalidWith(/^pyproject\.toml:6: a dependency with an empty name$/),
    );
  }
  // Its table's header: the quoted key was looked for in assignments only.
  assert.throws(
    () =>
      readPyproject(
        '[tool.poetry]\nname = "p"\nversion = "1"\n\n[tool.poetry.dependencies]\nrich = "^13"\n\n' +
          '[tool.poetry.dependencies.""]\nversion = "^2.32"\noptional = true\n',
        { path: "pyproject.toml" },
      ),
    invalidWith(/^pyproject\.toml:8: a dependency with an empty name$/),
  );
});

Deno.test("readPyproject: an include of an unknown dependency group is named at the include's line (fuzz)", () => {
  // An empty name was found on no line: the file alone was named.
  for (
    const [include, name] of [['{ include-group = "" }', ""], ["{include-group='lint'}", "lint"]]
  ) {
    assert.throws(
      () =>
        readPyproject(
          '[project]\nname = "p"\nversion = "1"\n\n[dependency-groups]\ntest = [\n  "pytest",\n' +
            `  ${include},\n]\n`,
          { path: "pyproject.toml" },
        ),
      invalidWith(
        new RegExp(
          `^pyproject\\.toml:8: dependency group "test" includes unknown group "${name}"$`,
        ),
      ),
    );
  }
});

Deno.test("readPyproject: dependency group names are compared normalized; an invalid or repeated one is refused (PEP 735)", () => {
  // "Tools MUST normalize these names before comparisons": an include of `Docs_Tools` is the
  // group `docs-tools`. Was: refused as an unknown group, a valid file. A name that is no valid
  // name (`""`, a space) and two that normalize alike are refused, as uv refuses them (was: read,
  // `""` as an empty group label).
  const head = '[project]\nname = "p"\nversion = "1"\n\n[dependency-groups]\n';
  const out = readPyproject(
    `${head}docs-tools = ["sphinx==7.4.7"]\ntest = ["pytest==8.0.0", {include-group = "Docs_Tools"}]\n`,
    { path: "pyproject.toml" },
  );
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.groups}`),
    ["pkg:pypi/pytest@8.0.0 test", "pkg:pypi/sphinx@7.4.7 docs-tools,test"],
  );
  for (
    const [groups, message] of [
      ['"" = ["pytest"]\n', /^pyproject\.toml:6: dependency group name "" is not a valid name/],
      [
        '"my tests" = ["pytest"]\n',
        /^pyproject\.toml:6: dependency group name "my tests" is not a valid name/,
      ],
      [
        'Test = ["pytest"]\ntest = ["nose"]\n',
        /^pyproject\.toml:7: dependency groups "Test" and "test" are one name once normalized/,
      ],
    ] as const
  ) {
    assert.throws(
      () => readPyproject(`${head}${groups}`, { path: "pyproject.toml" }),
      invalidWith(message),
    );
  }
});

Deno.test("readPyproject: a path dependency out of the project is another checkout's package, declared", () => {
  // An integrator project that develops against a sibling checkout (py_accountant's docs:
  // `py_accountant = { path = "../py_accountant", develop = true }`), scanned on its own: pip
  // installs that package, which no file of the tree names. It was left out of the SBOM unsaid.
  const text = '[tool.poetry]\nname = "tgbank"\nversion = "0.3.0"\n\n' +
    '[tool.poetry.dependencies]\npython = "^3.11"\n' +
    'py_accountant = { path = "../py_accountant", develop = true }\n' +
    'shared = { path = "libs/shared", develop = true }\n' +
    'aiogram = "3.4.1"\n';
  const root = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(root.components.map((c) => [c.purl, c.scopes]), [
    [pypiPurl("aiogram", "3.4.1"), ["runtime"]],
    [pypiPurl("py-accountant"), ["runtime"]],
  ]);
  assert.deepEqual(root.localDeclarations, [{ name: "shared", scope: "runtime" }]);
  // The same manifest in a folder of the scan: `../py_accountant` is a folder of the project.
  const nested = readPyproject(text, { path: "bots/pyproject.toml" });
  assert.deepEqual(nested.components.map((c) => c.purl), [pypiPurl("aiogram", "3.4.1")]);
  assert.deepEqual(nested.localDeclarations, [
    { name: "py-accountant", scope: "runtime" },
    { name: "shared", scope: "runtime" },
  ]);
});

Deno.test("readInventory: a path dependency into a folder the scan skips (vendor/, --exclude) is a component", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n' +
        'dependencies = ["x @ file:vendor/x", "y @ file:third_party/y", "own @ file:libs/own"]\n',
      "vendor/x/pyproject.toml": '[project]\nname = "x"\nversion = "1.2.0"\n',
      "third_party/y/pyproject.toml": '[project]\nname = "y"\nversion = "2.0"\n',
      "libs/own/pyproject.toml": '[project]\nname = "own"\nversion = "0.1.0"\n',
      // A uv project: the lock versions its vendored package.
      "tool/pyproject.toml": '[project]\nname = "tool"\nversion = "0.1.0"\n' +
        'dependencies = ["z"]\n\n[tool.uv.sources]\nz = { path = "vendor/z" }\n',
      "tool/vendor/z/pyproject.toml": '[project]\nname = "z"\nversion = "3.1.0"\n',
      "tool/uv.lock": 'version = 1\nrevision = 2\nrequires-python = ">=3.9"\n\n' +
        '[[package]]\nname = "tool"\nversion = "0.1.0"\nsource = { editable = "." }\n' +
        'dependencies = [\n    { name = "z" },\n]\n\n' +
        '[package.metadata]\nrequires-dist = [{ name = "z", directory = "vendor/z" }]\n\n' +
        '[[package]]\nname = "z"\nversion = "3.1.0"\nsource = { directory = "vendor/z" }\n',
    });
    const inventory = await readInventory(dir, { exclude: ["third_party"] });
    // Was: none of x, y and z (taken for the project's own folders, which the scan never reads).
    assert.deepEqual(inventory.components.map((c) => c.purl), [
      "pkg:pypi/x",
      "pkg:pypi/y",
      "pkg:pypi/z@3.1.0",
    ]);
    assert.ok(!inventory.sources.includes("tool/vendor/z/pyproject.toml"));
    // A vendored folder that is empty (a git submodule not checked out): uv refuses it.
    await Deno.remove(`${dir}/tool/vendor/z/pyproject.toml`);
    const warnings: string[] = [];
    await readInventory(dir, { exclude: ["third_party"], onWarning: (w) => warnings.push(w) });
    assert.ok(
      warnings.some((w) =>
        w.startsWith("tool/uv.lock installs z (tool/vendor/z) from a folder the scan skips")
      ),
      JSON.stringify(warnings),
    );
  });
});

Deno.test("readPyproject: Hatch's {root:uri} is the project's folder, to which the folder rules apply; {home:uri} is a warning", () => {
  const text = '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n' +
    '  "x @ {root:uri}/../x",\n  "own @ {root:uri}/libs/own",\n' +
    '  "w @ {root:parent:uri}/w",\n  "h @ {home:uri}/src/h",\n  "b @ {root:bar}/b",\n]\n\n' +
    '[project.optional-dependencies]\ndev = ["y @ {root:uri}/../y-1.0-py3-none-any.whl"]\n\n' +
    "[tool.hatch.metadata]\nallow-direct-references = true\n\n" +
    '[tool.hatch.envs.test]\ndependencies = ["z @ {root:uri}/../z", "{env:PYTEST:pytest}"]\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  // Was: x, w and y a download_url of `{root:uri}/…` (a URL no tool reads), own a component,
  // z (a Hatch environment's) left out without a word.
  assert.deepEqual(out.components.map((c) => [c.purl, c.downloadLocation]), [
    ["pkg:pypi/b", undefined],
    ["pkg:pypi/h", undefined],
    ["pkg:pypi/pytest", undefined],
    ["pkg:pypi/w", undefined],
    ["pkg:pypi/x", undefined],
    ["pkg:pypi/y@1.0?file_name=y-1.0-py3-none-any.whl", undefined],
    ["pkg:pypi/z", undefined],
  ]);
  // A folder of the project: its own code.
  assert.deepEqual(out.localDeclarations?.map((d) => d.name), ["own"]);
  assert.deepEqual(out.warnings, [
    'pyproject.toml:8: "h @ {home:uri}/src/h": Hatch fills in {home:uri} on the machine that ' +
    "builds the project, which vouch cannot know: it is in the SBOM by its name only",
    'pyproject.toml:9: "b @ {root:bar}/b": Hatch fills in {root:bar} on the machine that ' +
    "builds the project, which vouch cannot know: it is in the SBOM by its name only",
  ]);
});

Deno.test("readPyproject: a file: URL's path is percent-decoded, as pip's url_to_path decodes it", () => {
  const text = '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n' +
    '  "sibling @ file:%2E%2E/sibling",\n  "tool @ file:vendor%2Ftool",\n' +
    '  "own @ file:libs/my%20own",\n  "mylib @ file:///srv/my%20lib",\n]\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  // Was: sibling and tool taken for folders of the project (`%2E%2E`, `vendor%2Ftool`), own code.
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:pypi/mylib",
    "pkg:pypi/sibling",
    "pkg:pypi/tool",
  ]);
  assert.deepEqual(out.localDeclarations?.map((d) => d.name), ["own"]);
});

Deno.test("readPyproject: Poetry 2 takes [project]'s requirements, [tool.poetry.dependencies] only enriching them", () => {
  // poetry-core's DependencyGroup.dependencies_for_locking: beside `[project] dependencies`
  // an entry of `[tool.poetry.dependencies]` gives the requirement of its name its source;
  // one `[project]` does not name is left out (unless a field is dynamic: mixed groups).
  const text = '[project]\nname = "svc"\nversion = "1.0.0"\n' +
    'dependencies = ["requests (>=2.32,<3.0)", "mylib"]\n' +
    '[project.optional-dependencies]\nfast = ["orjson"]\n' +
    '[tool.poetry.dependencies]\nrequests = { version = ">=2.32", source = "internal" }\n' +
    'mylib = { git = "https://github.com/acme/mylib.git", tag = "v1.0.0" }\n' +
    'orjson = { version = "3.10.18", optional = true }\nextra-only = "^1.0"\n' +
    '[[tool.poetry.source]]\nname = "internal"\nurl = "https://pypi.acme.example/simple/"\n' +
    'priority = "explicit"\n';
  const out = readPyproject(text, { path: "pyproject.toml" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.scopes.join()]), [
    [
      pypiPurl("mylib", undefined, {
        vcs_url: "git+https://github.com/acme/mylib.git@v1.0.0",
      }),
      "runtime",
    ],
    ["pkg:pypi/orjson@3.10.18", "optional"],
    [
      pypiPurl("requests", undefined, { repository_url: "https://pypi.acme.example/simple/" }),
      "runtime",
    ],
  ]);
  // One requirement from one index: no "declared from different package indexes".
  assert.equal(out.warnings, undefined);
  // `dependencies` dynamic, `[project]` has extras only: Poetry adds its required entries.
  const mixed = readPyproject(
    '[project]\nname = "m"\nversion = "1"\ndynamic = ["dependencies"]\n' +
      '[project.optional-dependencies]\nx = ["rich"]\n' +
      '[tool.poetry.dependencies]\nclick = "8.1.7"\nrich = { version = "13.7.1", optional = true }\n',
    { path: "pyproject.toml" },
  );
  assert.deepEqual(mixed.components.map((c) => [c.purl, c.scopes.join()]), [
    ["pkg:pypi/click@8.1.7", "runtime"],
    ["pkg:pypi/rich@13.7.1", "optional"],
  ]);
});

Deno.test("readPyproject: Poetry 2.2 takes a [dependency-groups] group's requirements, its [tool.poetry.group] only enriching them", () => {
  // poetry-core Factory._configure_package_dependency_groups: [tool.poetry.group.dev] adds to
  // the DependencyGroup [dependency-groups] made, whose own requirements it then only enriches.
  const out = readPyproject(
    '[project]\nname = "svc"\nversion = "1.0.0"\ndependencies = ["requests"]\n' +
      '[dependency-groups]\ndev = ["pytest>=8", {include-group = "lint"}]\nlint = ["ruff"]\n' +
      '[tool.poetry.group.dev.dependencies]\npytest = { version = "^8.0", source = "internal" }\n' +
      'pytest-cov = "*"\n[tool.poetry.group.docs.dependencies]\nmkdocs = "^1.6"\n' +
      '[[tool.poetry.source]]\nname = "internal"\nurl = "https://pypi.acme.example/simple/"\n',
    { path: "pyproject.toml" },
  );
  assert.deepEqual(out.components.map((c) => [c.purl, c.scopes.join()]), [
    ["pkg:pypi/mkdocs", "dev"],
    [pypiPurl("pytest", undefined, { repository_url: "https://pypi.acme.example/simple/" }), "dev"],
    ["pkg:pypi/requests", "runtime"],
    ["pkg:pypi/ruff", "dev"],
  ]);
  assert.equal(out.warnings, undefined);
});
