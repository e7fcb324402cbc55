import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { pypiPurl } from "../../../src/inventory/purl.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { readUvLock } from "../../../src/inventory/python/uv_lock.ts";
import { fixture, SHARED_DIR, skipWithoutShared } from "../../_util.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";

function readFixture(name: string): ReturnType<typeof readUvLock> {
  return readUvLock(Deno.readTextFileSync(fixture("python", name)), { path: name });
}

function hasCode(code: string, line?: RegExp): (e: unknown) => boolean {
  return (e) => e instanceof VouchError && e.code === code && (line ?? /./).test(e.message);
}

Deno.test("readUvLock: root, workspace members and components", () => {
  const out = readFixture("uv.lock");
  assert.deepEqual(out.members.map((m) => m.id), [
    "pkg:pypi/demo-lib@0.1.0",
    "pkg:pypi/demo-tools",
  ]);
  const ids = out.components.map((c) => c.id);
  assert.equal(ids.length, 10);
  assert.ok(!ids.some((id) => id.includes("demo-app") || id.includes("demo-lib")));
  const known = new Set([ROOT_ID, ...ids, ...out.members.map((m) => m.id)]);
  for (const e of out.edges) assert.ok(known.has(e.from) && known.has(e.to), JSON.stringify(e));
  assert.ok(out.edges.some((e) => e.from === ROOT_ID && e.to === "pkg:pypi/demo-lib@0.1.0"));
  assert.ok(
    out.edges.some((e) =>
      e.from === "pkg:pypi/demo-tools" && e.to.startsWith("pkg:pypi/tarball-dep@0.9?")
    ),
  );
});

Deno.test("readUvLock: two versions, git, url and private-registry sources", () => {
  const out = readFixture("uv.lock");
  const byId = new Map(out.components.map((c) => [c.id, c]));
  const git = pypiPurl("mkdocs-theme", "1.0.0", {
    vcs_url: "git+https://github.com/example/mkdocs-theme@0123456789abcdef0123456789abcdef01234567",
  });
  assert.equal(
    byId.get(git)?.downloadLocation,
    "git+https://github.com/example/mkdocs-theme@0123456789abcdef0123456789abcdef01234567",
  );
  assert.deepEqual(byId.get(git)?.scopes, ["dev"]);
  assert.deepEqual(byId.get(git)?.groups, ["docs"]);
  const url = pypiPurl("tarball-dep", "0.9", {
    download_url: "https://example.com/downloads/tarball_dep-0.9.tar.gz",
  });
  assert.ok(byId.has(url));
  assert.ok(
    byId.has(
      pypiPurl("private-utils", "4.2.0", { repository_url: "https://pypi.example.com/simple" }),
    ),
  );
  // the root names each numpy version explicitly; demo-lib names none, so it links both
  const numpy = ["pkg:pypi/numpy@1.26.4", "pkg:pypi/numpy@2.1.0"];
  for (const id of numpy) {
    assert.ok(byId.has(id));
    assert.ok(out.edges.some((e) => e.from === ROOT_ID && e.to === id && e.scope === "runtime"));
    assert.ok(out.edges.some((e) => e.from === "pkg:pypi/demo-lib@0.1.0" && e.to === id));
  }
});

Deno.test("readUvLock: hashes, download locations, scopes, direct", () => {
  const out = readFixture("uv.lock");
  const idna = out.components.find((c) => c.id === "pkg:pypi/idna@3.7");
  assert.deepEqual(idna?.hashes, [], "sdist + wheel: no package-level hash");
  assert.deepEqual(idna?.distributions?.map((d) => [d.url?.split("/").at(-1), d.hashes]), [
    [
      "idna-3.7.tar.gz",
      [{
        alg: "sha256",
        hex: "028ff3aadf0609c1fd278d8ea3089299412a7a8b9bd005dd08b9f8285bcb5cfc",
      }],
    ],
    [
      "idna-3.7-py3-none-any.whl",
      [{
        alg: "sha256",
        hex: "82fee1fc78add43492d3a1898bfa6d8a904cc97d8427f683ed8e798d07761aa0",
      }],
    ],
  ]);
  assert.match(idna?.downloadLocation ?? "", /idna-3\.7\.tar\.gz$/);
  assert.equal(idna?.direct, false);
  // Also dev: the `test` group asks for the project's own `socks` extra, which asks for requests.
  assert.deepEqual(idna?.scopes, ["dev", "optional", "runtime"]);
  const iniconfig = out.components.find((c) => c.name === "iniconfig");
  assert.match(iniconfig?.downloadLocation ?? "", /\.whl$/);
  assert.deepEqual(iniconfig?.scopes, ["dev"]);
  const requests = out.components.find((c) => c.name === "requests");
  assert.equal(requests?.direct, true);
  assert.deepEqual(requests?.groups, ["socks"]);
  assert.ok(
    out.edges.some((e) =>
      e.from === "pkg:pypi/requests@2.32.3" && e.to === "pkg:pypi/pysocks@1.7.1" &&
      e.scope === "optional"
    ),
  );
  assert.deepEqual(requests?.sources, ["uv.lock"]);
});

Deno.test("readUvLock: empty lock, unsupported version, truncated file", async () => {
  await loadTomlParser(); // invalid TOML is smol-toml's to report
  assert.deepEqual(readFixture("uv_empty.lock"), { members: [], components: [], edges: [] });
  // An empty (or blank, or comment-only) file is no lock: uv refuses it (missing field `version`).
  for (const text of ["", " \n\t\n", "\uFEFF", "# cut\n"]) {
    assert.throws(
      () => readUvLock(text, { path: "uv.lock" }),
      hasCode("inventory.uv_lock.invalid", /^uv\.lock:1: no top-level `version`/),
      JSON.stringify(text),
    );
  }
  assert.throws(
    () => readFixture("invalid/uv-wrong-version/uv.lock"),
    hasCode("inventory.uv_lock.unsupported_version", /^invalid\/uv-wrong-version\/uv\.lock:1: /),
  );
  assert.throws(
    () => readFixture("invalid/uv-truncated/uv.lock"),
    hasCode("inventory.uv_lock.invalid", /^invalid\/uv-truncated\/uv\.lock:64:/),
  );
  assert.throws(
    () => readUvLock('version = 1\n\n[[package]]\nversion = "1"\n', { path: "uv.lock" }),
    hasCode("inventory.uv_lock.invalid", /^uv\.lock:3: package without a `name`/),
  );
});

// A uv.lock cut at a line boundary (between packages, or inside one) was read as whole, exit 0,
// its lost packages missing from the SBOM. uv refuses a package without `source` (its PackageId
// needs one) and a dependency that is no package of the lock (UnrecognizedDependency,
// MissingDependencyVersion); it locks the project and every `[manifest]` member as a package.
Deno.test("readUvLock: a lock cut at any line is refused: no source, a lost dependency, member or project", async () => {
  await loadTomlParser();
  const dir = fixture("python", "uv-workspace");
  const text = Deno.readTextFileSync(`${dir}/uv.lock`);
  const load = (p: string): string | undefined =>
    p === "pyproject.toml" ? Deno.readTextFileSync(`${dir}/pyproject.toml`) : undefined;
  const lines = text.split("\n");
  for (let n = 0; n < lines.length - 1; n++) {
    const cut = lines.slice(0, n).join("\n") + "\n";
    assert.throws(
      () => readUvLock(cut, { path: "uv.lock", load }),
      hasCode("inventory.uv_lock.invalid", /^uv\.lock:\d+: /),
      `cut after line ${n}`,
    );
  }
  const head = 'version = 1\nrevision = 3\nrequires-python = ">=3.11"\n';
  const refused = (lock: string, message: RegExp, pyproject?: string): void => {
    assert.throws(
      () => readUvLock(lock, { path: "uv.lock", load: () => pyproject }),
      hasCode("inventory.uv_lock.invalid", message),
    );
  };
  // What uv writes for a pyproject.toml without [project] (Textualize/textual's): read, empty.
  const poetry = '[tool.poetry]\nname = "textual"\n';
  assert.equal(readUvLock(head, { path: "uv.lock", load: () => poetry }).components.length, 0);
  refused(
    head,
    /^uv\.lock:3: no \[\[package\]\]: uv locks the project/,
    '[project]\nname = "app"\nversion = "1"\n',
  );
  const app = '\n[[package]]\nname = "app"\nversion = "1.0"\nsource = { virtual = "." }\n';
  refused(
    `${head}${app}dependencies = [\n    { name = "idna" },\n]\n`,
    /^uv\.lock:10: "app" depends on "idna", which is no package/,
  );
  refused(
    `${head}${app}\n[package.optional-dependencies]\nsocks = [{ name = "pysocks", version = "1.7.1" }]\n`,
    /^uv\.lock:11: "app" depends on "pysocks" 1\.7\.1, which is no package/,
  );
  refused(
    `${head}${app}\n[[package]]\nname = "idna"\nversion = "3.7"\n`,
    /^uv\.lock:10: package "idna" has no `source`/,
  );
  refused(
    `${head}\n[manifest]\nmembers = ["app", "lib"]\n${app}`,
    /^uv\.lock:6: \[manifest\] members names "lib", which is no package of the lock/,
  );
});

const CORPUS: Array<[string, number, string[]]> = [
  ["pydantic__pydantic/uv.lock", 174, [
    "pkg:pypi/numpy@2.2.6",
    "pkg:pypi/numpy@2.3.4",
    "pkg:pypi/pyodide-build@0.19.1",
    "pkg:pypi/pyodide-build@0.39.0",
    "pkg:pypi/rpds-py@0.30.0",
    "pkg:pypi/rpds-py@2026.6.3",
    pypiPurl("pydantic-docs", "0.0.1", {
      vcs_url:
        "git+https://github.com/pydantic/pydantic-docs@6f657b30593b00cf5f7c0b7eca74e83b3b6b7819",
    }),
  ]],
  ["modelcontextprotocol__python-sdk/uv.lock", 114, [
    "pkg:pypi/httpx@0.28.1",
    "pkg:pypi/pydantic@2.12.5",
    pypiPurl("strict-no-cover", "0.1.1", {
      vcs_url:
        "git+https://github.com/pydantic/strict-no-cover@7fc59da2c4dff919db2095a0f0e47101b657131d",
    }),
  ]],
  ["pallets__flask/uv.lock", 82, [
    "pkg:pypi/sphinx@8.1.3",
    "pkg:pypi/sphinx@8.2.3",
    "pkg:pypi/sphinx-autobuild@2024.10.3",
    "pkg:pypi/sphinx-autobuild@2025.8.25",
    "pkg:pypi/werkzeug@3.1.8",
  ]],
  ["Textualize__textual/uv.lock", 0, []],
];

Deno.test("readUvLock: corpus locks give exactly the third-party packages", () => {
  if (skipWithoutShared("uv.lock corpus accuracy")) return;
  for (const [file, count, samples] of CORPUS) {
    const out = readUvLock(Deno.readTextFileSync(`${SHARED_DIR}/corpus/${file}`), {
      path: "uv.lock",
    });
    const ids = new Set(out.components.map((c) => c.id));
    assert.equal(ids.size, count, file);
    for (const s of samples) assert.ok(ids.has(s), `${file}: ${s}`);
    const known = new Set([ROOT_ID, ...ids, ...out.members.map((m) => m.id)]);
    assert.ok(out.edges.every((e) => known.has(e.from) && known.has(e.to)), file);
  }
});

Deno.test("readUvLock: corpus workspaces become members, never components", () => {
  if (skipWithoutShared("uv.lock corpus workspaces")) return;
  const read = (file: string): ReturnType<typeof readUvLock> =>
    readUvLock(Deno.readTextFileSync(`${SHARED_DIR}/corpus/${file}`), { path: "uv.lock" });
  const pydantic = read("pydantic__pydantic/uv.lock");
  assert.deepEqual(pydantic.members.map((m) => m.name), ["pydantic-core"]);
  assert.ok(!pydantic.components.some((c) => c.name === "pydantic" || c.name === "pydantic-core"));
  assert.ok(pydantic.edges.some((e) => e.from === ROOT_ID && e.to === "pkg:pypi/pydantic-core"));
  const mcp = read("modelcontextprotocol__python-sdk/uv.lock");
  assert.equal(mcp.members.length, 16);
  assert.ok(mcp.members.some((m) => m.name === "mcp-structured-output-lowlevel"));
  assert.ok(!mcp.components.some((c) => c.name.startsWith("mcp")));
});

Deno.test("readUvLock: a git source's subdirectory is the SPDX #<sub_path> of its vcs_url", () => {
  const lock = 'version = 1\nrequires-python = ">=3.12"\n\n[[package]]\nname = "sub-pkg"\n' +
    'version = "0.1.0"\nsource = { git = "https://github.com/acme/mono?subdirectory=libs%2Fsub&rev=main#' +
    '4a23745badf5bf5ef7928f1e346e9986bd696d82" }\n';
  const [pkg] = readUvLock(lock, { path: "uv.lock" }).components;
  const vcs = "git+https://github.com/acme/mono@4a23745badf5bf5ef7928f1e346e9986bd696d82#libs/sub";
  assert.equal(pkg.downloadLocation, vcs);
  assert.equal(pkg.id, pypiPurl("sub-pkg", "0.1.0", { vcs_url: vcs }));
});

Deno.test("readUvLock: a url source's subdirectory stays with its download_url (#subdirectory=, as uv exports it)", () => {
  // uv's `Source::Direct { url, subdirectory }`: the package is built from `pkg/` of the archive.
  const lock = 'version = 1\nrevision = 2\nrequires-python = ">=3.12"\n\n[[package]]\n' +
    'name = "sub-pkg"\nversion = "0.1.0"\nsource = { url = "https://github.com/acme/mono/archive/' +
    '4a23745badf5bf5ef7928f1e346e9986bd696d82.tar.gz", subdirectory = "pkg" }\n' +
    'sdist = { hash = "sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760" }\n';
  const [pkg] = readUvLock(lock, { path: "uv.lock" }).components;
  const url =
    "https://github.com/acme/mono/archive/4a23745badf5bf5ef7928f1e346e9986bd696d82.tar.gz" +
    "#subdirectory=pkg";
  assert.equal(pkg.downloadLocation, url);
  assert.equal(pkg.id, pypiPurl("sub-pkg", "0.1.0", { download_url: url }));
});

Deno.test("readUvLock: a file with no url is named by its filename (a path wheel) or its path (a local index)", () => {
  // uv writes a wheel as `url`, `path` (a flat index of local files) or `filename` (the wheel of
  // a `path` source): only `url` was read, so a local index's files were "(unnamed file)".
  const lock = 'version = 1\nrevision = 3\nrequires-python = ">=3.12"\n\n' +
    '[[package]]\nname = "bar"\nversion = "2.0.0"\nsource = { registry = "../wheelhouse" }\n' +
    'sdist = { path = "bar-2.0.0.tar.gz", hash = "sha256:12f65c9b470abda6dc35cf8e63cc574b1c52b11df2c86030af0ac09b01b13ea9" }\n' +
    'wheels = [\n    { path = "bar-2.0.0-py3-none-any.whl", hash = "sha256:946d195a0d259cbba61165e88e65941f16e9b36ea6ddb97f00452bae8b1287d3" },\n]\n\n' +
    '[[package]]\nname = "foo"\nversion = "1.0.0"\n' +
    'source = { path = "wheels/foo-1.0.0-py3-none-any.whl" }\n' +
    'wheels = [\n    { filename = "foo-1.0.0-py3-none-any.whl", hash = "sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760" },\n]\n';
  const [bar, foo] = readUvLock(lock, { path: "uv.lock" }).components;
  assert.deepEqual(bar.distributions?.map((d) => [d.file, d.url, d.hashes[0].hex.slice(0, 8)]), [
    ["bar-2.0.0-py3-none-any.whl", undefined, "946d195a"],
    ["bar-2.0.0.tar.gz", undefined, "12f65c9b"],
  ]);
  // One file: its hash is the package's own, as for every reader.
  assert.deepEqual(foo.hashes.map((h) => h.hex.slice(0, 8)), ["55365417"]);
  // A `path` source is a file on disk: its purl-spec `file_name` (was: PyPI's plain purl).
  assert.equal(foo.id, "pkg:pypi/foo@1.0.0?file_name=foo-1.0.0-py3-none-any.whl");
});

Deno.test("readUvLock: the preview lockfile of uv 0.2 ([[distribution]] tables) is read", () => {
  const out = readFixture("uv_preview.lock");
  assert.deepEqual(out.components.map((c) => c.id).sort(), [
    pypiPurl("anyio", "3.7.0"),
    pypiPurl("idna", "3.6"),
  ]);
  assert.deepEqual(out.members, []);
  assert.ok(out.edges.some((e) => e.from === ROOT_ID && e.to === pypiPurl("anyio", "3.7.0")));
  assert.ok(
    out.edges.some((e) =>
      e.from === pypiPurl("anyio", "3.7.0") && e.to === pypiPurl("idna", "3.6")
    ),
  );
});

Deno.test("readUvLock: the first preview lockfile's string sources (editable+., git+, registry+, direct+)", () => {
  // Shaped as uv 0.2's `uv add` wrote it (astral-sh/uv crates/uv/tests/edit.rs, add_git), cut down.
  const out = readFixture("uv_preview_string.lock");
  const git =
    "git+https://github.com/astral-test/uv-public-pypackage@0dacfd662c64cb4ceb16e6cf65a157a8b715b979";
  const private_ = pypiPurl("private-utils", "4.2.0", {
    repository_url: "https://pypi.example.com/simple",
  });
  assert.deepEqual(
    out.components.map((c) => c.id).sort(),
    [
      pypiPurl("anyio", "3.7.0"),
      pypiPurl("idna", "3.6", {
        download_url: "https://example.com/idna-3.6.tar.gz#subdirectory=src",
      }),
      private_,
      pypiPurl("uv-public-pypackage", "0.1.0", { vcs_url: git }),
    ].sort(),
  );
  // The editable root is the project, not a component; its dependencies hang from the root.
  assert.deepEqual(out.members, []);
  assert.ok(out.edges.some((e) => e.from === ROOT_ID && e.to === private_));
  assert.ok(
    out.edges.some((e) => e.from === ROOT_ID && e.to.startsWith("pkg:pypi/uv-public-pypackage@")),
  );
});

Deno.test("readUvLock: the [manifest.dependency-groups] of a root that is no project are dev", () => {
  const out = readFixture("uv_virtual_root.lock");
  const scopes = new Map(out.components.map((c) => [c.name, c.scopes]));
  assert.deepEqual(scopes.get("pytest"), ["dev"]);
  assert.deepEqual(scopes.get("iniconfig"), ["dev"]);
  assert.deepEqual(scopes.get("idna"), ["runtime"]);
  const pytest = out.components.find((c) => c.name === "pytest")!;
  assert.equal(pytest.direct, true);
  assert.deepEqual(pytest.groups, ["dev"]);
  assert.ok(out.edges.some((e) => e.from === ROOT_ID && e.to === pytest.id && e.scope === "dev"));
});

Deno.test("readUvLock: an editable or directory source outside the project is a component", () => {
  const out = readFixture("uv_outside_path.lock");
  assert.deepEqual(out.components.map((c) => c.id), [pypiPurl("common", "1.4.0")]);
  assert.deepEqual(out.members.map((m) => m.id), [pypiPurl("shared-models", "0.2.0")]);
  assert.ok(out.edges.some((e) => e.from === ROOT_ID && e.to === pypiPurl("common", "1.4.0")));
});

Deno.test("readUvLock: [manifest] requirements (a virtual root's [tool.uv] dev-dependencies) are direct dev", () => {
  const text = Deno.readTextFileSync(fixture("python", "uv_manifest_requirements.lock"));
  const scopes = (path: string) =>
    readUvLock(text, { path }).components.map((c) => `${c.name} ${c.direct} ${c.scopes}`);
  // A virtual workspace root's `[tool.uv] dev-dependencies` (uv's non-project requirements).
  assert.deepEqual(scopes("uv.lock"), [
    "black true dev",
    "click false dev",
    "idna true runtime", // a member's own dependency
    "ruff true dev",
  ]);
  const out = readUvLock(text, { path: "uv.lock" });
  assert.ok(
    out.edges.some((e) =>
      e.from === ROOT_ID && e.to === pypiPurl("ruff", "0.8.4") && e.scope === "dev"
    ),
  );
  assert.throws(
    () =>
      readUvLock(text.replace(/requirements = \[[^\]]*\]\n/, "requirements = 3\n"), {
        path: "uv.lock",
      }),
    hasCode("inventory.uv_lock.invalid", /^uv\.lock:9: /),
  );
});

Deno.test("readUvLock: a lock with a revision but no requires-python is cut short", () => {
  // uv's LockWire requires `requires-python`; a lock of uv 0.3 has no revision.
  assert.throws(
    () => readUvLock("version = 1\nrevision = 3\n", { path: "uv.lock" }),
    hasCode("inventory.uv_lock.invalid", /^uv\.lock:2: no `requires-python`/),
  );
  assert.equal(readUvLock("version = 1\n", { path: "uv.lock" }).components.length, 0);
});

Deno.test("readUvLock: a package from a flat index that is a folder (a path, no URL) has no repository_url", () => {
  const lock = [
    "version = 1",
    "revision = 3",
    'requires-python = ">=3.12"',
    "",
    "[[package]]",
    'name = "app"',
    'version = "0.1.0"',
    'source = { editable = "." }',
    'dependencies = [{ name = "anyio" }]',
    "",
    "[[package]]",
    'name = "anyio"',
    'version = "4.9.0"',
    'source = { registry = "../wheels" }',
    'wheels = [{ path = "anyio-4.9.0-py3-none-any.whl" }]',
  ].join("\n");
  const out = readUvLock(lock, { path: "uv.lock" });
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:pypi/anyio@4.9.0"]);
});

// uv 0.4.27 alone wrote a package's groups as `[package.dependency-groups]` (astral-sh/uv#8599),
// which uv reads as `dev-dependencies`: AJpon/pyhon-uv-project-template's dev group (pytest,
// ruff, pre-commit and what they need) had no edge from the root and was all runtime.
Deno.test("readUvLock: uv 0.4.27's [package.dependency-groups] are dev groups, as uv reads them", () => {
  const registry = 'source = { registry = "https://pypi.org/simple" }';
  const text = [
    'version = 1\nrequires-python = ">=3.11"\n',
    `[[package]]\nname = "iniconfig"\nversion = "2.0.0"\n${registry}\n`,
    `[[package]]\nname = "pytest"\nversion = "8.3.3"\n${registry}`,
    'dependencies = [\n    { name = "iniconfig" },\n]\n',
    '[[package]]\nname = "python-uv-project-template"\nversion = "0.1.0"',
    'source = { virtual = "." }\n',
    '[package.dependency-groups]\ndev = [\n    { name = "pytest" },\n]\n',
    "[package.metadata]\n",
    '[package.metadata.dependency-groups]\ndev = [{ name = "pytest", specifier = ">=8.3.3" }]\n',
  ].join("\n");
  const out = readUvLock(text, { path: "uv.lock" });
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.scopes} ${c.groups}`), [
    "iniconfig dev ",
    "pytest dev dev",
  ]);
  assert.deepEqual(
    out.edges.filter((e) => e.from === ROOT_ID).map((e) => `${e.to} ${e.scope}`),
    ["pkg:pypi/pytest@8.3.3 dev"],
  );
});

// The extra such a group asks for is walked from it too: h2 is reached only through
// httpx[http2], which the group alone asks for.
Deno.test("readUvLock: the extra uv 0.4.27's [package.dependency-groups] asks for is dev", () => {
  const registry = 'source = { registry = "https://pypi.org/simple" }';
  const text = [
    'version = 1\nrequires-python = ">=3.11"\n',
    `[[package]]\nname = "h2"\nversion = "4.1.0"\n${registry}\n`,
    `[[package]]\nname = "httpx"\nversion = "0.27.2"\n${registry}`,
    '[package.optional-dependencies]\nhttp2 = [{ name = "h2" }]\n',
    '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\n',
    '[package.dependency-groups]\ndev = [{ name = "httpx", extra = ["http2"] }]\n',
  ].join("\n");
  const out = readUvLock(text, { path: "uv.lock" });
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.scopes}`), ["h2 dev", "httpx dev"]);
});

Deno.test("readUvLock: a package's extra has the scope of the dependents that ask for it", () => {
  // httpx is runtime, but only the dev group asks for httpx[http2]; only the `s3` extra of the
  // project asks for fsspec[s3]; aioboto3 (runtime) asks for aiobotocore[boto3].
  const registry = 'source = { registry = "https://pypi.org/simple" }';
  const pkg = (name: string, rest = "") =>
    `[[package]]\nname = "${name}"\nversion = "1.0"\n${registry}\n${rest}\n`;
  const text = [
    'version = 1\nrevision = 3\nrequires-python = ">=3.11"\n',
    '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }',
    'dependencies = [{ name = "httpx" }, { name = "fsspec" }, { name = "aioboto3" }]\n',
    '[package.optional-dependencies]\ns3 = [{ name = "fsspec", extra = ["s3"] }]\n',
    '[package.dev-dependencies]\ndev = [{ name = "httpx", extra = ["http2"] }]\n',
    pkg("aioboto3", 'dependencies = [{ name = "aiobotocore", extra = ["boto3"] }]'),
    pkg("aiobotocore", '[package.optional-dependencies]\nboto3 = [{ name = "boto3" }]'),
    pkg("boto3"),
    pkg("fsspec", '[package.optional-dependencies]\ns3 = [{ name = "s3fs" }]'),
    pkg("h2", 'dependencies = [{ name = "hpack" }]'),
    pkg("hpack"),
    pkg("httpx", '[package.optional-dependencies]\nhttp2 = [{ name = "h2" }]'),
    pkg("s3fs"),
  ].join("\n");
  const out = readUvLock(text, { path: "uv.lock" });
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.scopes}`), [
    "aioboto3 runtime",
    "aiobotocore runtime",
    "boto3 runtime",
    "fsspec optional,runtime",
    "h2 dev",
    "hpack dev",
    "httpx dev,runtime",
    "s3fs optional",
  ]);
  // The graph keeps the extra's edge as an optional one.
  assert.ok(
    out.edges.some((e) =>
      e.from === pypiPurl("httpx", "1.0") && e.to === pypiPurl("h2", "1.0") &&
      e.scope === "optional"
    ),
  );
});

Deno.test("readUvLock: an extra of the project's own package that a dev group asks for is dev too", () => {
  // modelcontextprotocol/python-sdk: the dev group asks for `mcp[cli]`, the project itself; its
  // `cli` extra's typer (and typer's shellingham) were optional only.
  const registry = 'source = { registry = "https://pypi.org/simple" }';
  const text = [
    'version = 1\nrevision = 3\nrequires-python = ">=3.10"\n',
    '[[package]]\nname = "mcp"\nversion = "1.0"\nsource = { editable = "." }\n',
    '[package.optional-dependencies]\ncli = [{ name = "typer" }]\n',
    '[package.dev-dependencies]\ndev = [{ name = "mcp", extra = ["cli"] }]\n',
    '[[package]]\nname = "shellingham"\nversion = "1.5.4"\n' + registry + "\n",
    '[[package]]\nname = "typer"\nversion = "0.17.4"\n' + registry,
    'dependencies = [{ name = "shellingham" }]\n',
  ].join("\n");
  const out = readUvLock(text, { path: "uv.lock" });
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.scopes}`), [
    "shellingham dev,optional",
    "typer dev,optional",
  ]);
});

Deno.test("readUvLock: an extra a virtual root's [manifest.dependency-groups] asks for is dev", () => {
  // The manifest writes requirements as declared: `extras`, not the packages' `extra`.
  const registry = 'source = { registry = "https://pypi.org/simple" }';
  const text = [
    'version = 1\nrevision = 3\nrequires-python = ">=3.11"\n',
    '[manifest]\nmembers = ["lib"]\n',
    "[manifest.dependency-groups]",
    'dev = [{ name = "httpx", extras = ["http2"], specifier = ">=0.28" }]\n',
    '[[package]]\nname = "h2"\nversion = "4.1.0"\n' + registry + "\n",
    '[[package]]\nname = "httpx"\nversion = "0.28.1"\n' + registry,
    '[package.optional-dependencies]\nhttp2 = [{ name = "h2" }]\n',
    '[[package]]\nname = "lib"\nversion = "0.1.0"\nsource = { editable = "lib" }',
    'dependencies = [{ name = "httpx" }]\n',
  ].join("\n");
  const out = readUvLock(text, { path: "uv.lock" });
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.scopes}`), [
    "h2 dev",
    "httpx dev,runtime",
  ]);
});

Deno.test("readUvLock: an editable or directory package whose folder holds no Python project (a submodule not checked out) is a warning", () => {
  // uv cannot build it (a missing folder: "Distribution not found at"; an empty one: neither
  // pyproject.toml nor setup.py), as pip refuses it; the go.mod reader words the same case.
  // Was: a member, silently.
  const lock = 'version = 1\nrevision = 3\nrequires-python = ">=3.11"\n\n' +
    '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\n' +
    'dependencies = [\n    { name = "legacy" },\n    { name = "lib" },\n    { name = "proto" },\n]\n\n' +
    '[[package]]\nname = "legacy"\nversion = "1.0"\nsource = { directory = "vendor-src/legacy" }\n\n' +
    '[[package]]\nname = "lib"\nversion = "0.1.0"\nsource = { editable = "libs/lib" }\n\n' +
    '[[package]]\nname = "proto"\nversion = "0.2.0"\nsource = { editable = "external/proto" }\n';
  const files: Record<string, string> = {
    "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n',
    "libs/lib/pyproject.toml": '[project]\nname = "lib"\nversion = "0.1.0"\n',
    "vendor-src/legacy/setup.py": "from setuptools import setup\nsetup(name='legacy')\n",
  };
  const out = readUvLock(lock, { path: "uv.lock", load: (p) => files[p] });
  assert.deepEqual(out.members.map((m) => m.id), [
    "pkg:pypi/legacy@1.0",
    "pkg:pypi/lib@0.1.0",
    "pkg:pypi/proto@0.2.0",
  ]);
  assert.deepEqual(out.warnings, [
    "uv.lock installs proto (external/proto) from a folder with no pyproject.toml or setup.py " +
    "in the project (a git submodule not checked out?): uv refuses to install it, and the SBOM " +
    "has it as first-party code without knowing its contents",
  ]);
  files["external/proto/pyproject.toml"] = '[project]\nname = "proto"\nversion = "0.2.0"\n';
  assert.equal(readUvLock(lock, { path: "uv.lock", load: (p) => files[p] }).warnings, undefined);
});

Deno.test("readUvLock: a lock in a subfolder hangs its project, members and manifest groups from a member for it", () => {
  const registry = 'source = { registry = "https://pypi.org/simple" }\n';
  const lock = 'version = 1\nrevision = 2\nrequires-python = ">=3.11"\n\n' +
    '[manifest]\nmembers = ["api", "worker"]\n\n[manifest.dependency-groups]\n' +
    'dev = [{ name = "ruff", specifier = ">=0.4" }]\n\n' +
    '[[package]]\nname = "api"\nversion = "0.1.0"\nsource = { editable = "packages/api" }\n' +
    'dependencies = [\n    { name = "idna" },\n]\n\n' +
    `[[package]]\nname = "idna"\nversion = "3.7"\n${registry}\n` +
    `[[package]]\nname = "ruff"\nversion = "0.4.4"\n${registry}\n` +
    '[[package]]\nname = "worker"\nversion = "0.1.0"\nsource = { virtual = "." }\n' +
    'dependencies = [\n    { name = "api", editable = "packages/api" },\n]\n';
  const edges = (path: string): string[] =>
    readUvLock(lock, { path }).edges.map((e) => `${e.from} ${e.to} ${e.scope}`);
  assert.deepEqual(
    edges("uv.lock"),
    [
      "pkg:pypi/api@0.1.0 pkg:pypi/idna@3.7 runtime",
      "root pkg:pypi/api@0.1.0 runtime",
      "root pkg:pypi/ruff@0.4.4 dev",
    ],
  );
  const worker = "pkg:pypi/worker@0.1.0";
  const sub = readUvLock(lock, { path: "services/worker/uv.lock" });
  assert.deepEqual(sub.members.map((m) => [m.id, m.purl]), [
    ["pkg:pypi/api@0.1.0", "pkg:pypi/api@0.1.0"],
    [worker, worker],
  ]);
  assert.deepEqual(sub.edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
    "pkg:pypi/api@0.1.0 pkg:pypi/idna@3.7 runtime",
    `${worker} pkg:pypi/api@0.1.0 runtime`,
    `${worker} pkg:pypi/ruff@0.4.4 dev`,
    `root ${worker} runtime`,
  ]);
  // A virtual workspace root (no project of its own): a member named by its folder.
  const virtual = lock.replace(/\[\[package\]\]\nname = "worker"[^]*$/, "")
    .replace('members = ["api", "worker"]', 'members = ["api"]');
  const tree = readUvLock(virtual, { path: "backend/uv.lock" });
  assert.deepEqual(tree.members.map((m) => m.id), ["pkg:pypi/api@0.1.0", "workspace:backend"]);
  assert.deepEqual(tree.edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
    "pkg:pypi/api@0.1.0 pkg:pypi/idna@3.7 runtime",
    "root workspace:backend runtime",
    "workspace:backend pkg:pypi/api@0.1.0 runtime",
    "workspace:backend pkg:pypi/ruff@0.4.4 dev",
  ]);
});

Deno.test("readUvLock: a `%` in a path source's file name is the file's own, not decoded", () => {
  // uv writes `path` as a plain path (uv-fs PortablePath), not a URL: a wheel saved under its
  // URL's name keeps `%2B`. Was: decoded to `+`, a file_name that is not the file on disk.
  const file = "torch-2.5.1%2Bcpu-cp312-cp312-linux_x86_64.whl";
  const lock = 'version = 1\nrevision = 3\nrequires-python = ">=3.12"\n\n' +
    `[[package]]\nname = "torch"\nversion = "2.5.1+cpu"\nsource = { path = "vendor/${file}" }\n` +
    `wheels = [\n    { filename = "${file}", hash = "sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760" },\n]\n`;
  const [torch] = readUvLock(lock, { path: "uv.lock" }).components;
  assert.equal(torch.id, pypiPurl("torch", "2.5.1+cpu", { file_name: file }));
});
