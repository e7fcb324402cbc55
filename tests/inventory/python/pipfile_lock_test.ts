import assert from "node:assert/strict";
import { readPipfileLock } from "../../../src/inventory/python/pipfile_lock.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { readerFor } from "../../../src/inventory/_registry.ts";
import { pypiPurl } from "../../../src/inventory/purl.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { cpuStopwatch, fixture, skipWithoutShared, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import {
  assertInvalidFixtures,
  assertSbomRefusesEvery,
  readCorpusProject,
  readValidProject,
} from "../_reader_cases.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";

const DIR = ["python", "pipfile_lock"];

function readCase(name: string, withPipfile = true): ReturnType<typeof readPipfileLock> {
  const text = Deno.readTextFileSync(fixture(...DIR, name, "Pipfile.lock"));
  const pipfile = withPipfile ? Deno.readTextFileSync(fixture(...DIR, name, "Pipfile")) : undefined;
  return readPipfileLock(text, { path: "Pipfile.lock", pipfile });
}

const GIT = pypiPurl("flask-login", undefined, {
  vcs_url:
    "git+https://github.com/maxcountryman/flask-login.git@30675c56b651389d47ea7dd5f1a2cdb6f4e1d3a7",
});
const INTERNAL = pypiPurl("acme-utils", "1.4.0", {
  repository_url: "https://pypi.internal.example.com/simple",
});
const TARBALL = pypiPurl("tarball-dep", "0.9", {
  download_url: "https://example.com/downloads/tarball_dep-0.9.tar.gz",
});

Deno.test("readPipfileLock: every category's pins, VCS, file and index entries", () => {
  const out = readCase("basic");
  assertWellFormed(out);
  assert.deepEqual(
    out.components.map((c) => c.id),
    [
      INTERNAL,
      "pkg:pypi/certifi@2024.8.30",
      GIT,
      "pkg:pypi/iniconfig@2.0.0",
      "pkg:pypi/pytest@8.3.3",
      "pkg:pypi/requests@2.32.3",
      "pkg:pypi/sphinx@8.1.3",
      TARBALL,
      "pkg:pypi/typing-extensions@4.12.2",
      pypiPurl("zope.interface", "7.0.3"),
    ].sort(),
  );
  const byId = new Map(out.components.map((c) => [c.id, c]));
  assert.equal(byId.get(GIT)?.version, undefined, "a VCS entry without a version has none");
  assert.match(byId.get(GIT)?.downloadLocation ?? "", /^git\+https:\/\/github\.com\/.*@30675c5/);
  assert.equal(
    byId.get(TARBALL)?.downloadLocation,
    "https://example.com/downloads/tarball_dep-0.9.tar.gz",
  );
  assert.equal(byId.get("pkg:pypi/requests@2.32.3")?.name, "requests");
});

Deno.test("readPipfileLock: a file or archive path without a pin takes the version of its file name", () => {
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
    default: {
      "wheel-dep": { file: "https://example.com/dl/wheel_dep-2.1.0-py3-none-any.whl" },
      "local-sdist": { path: "./vendor/local_sdist-0.4.0.post1.tar.gz" },
      "branch-zip": { file: "https://github.com/acme/branch-zip/archive/main.zip" },
    },
    develop: {},
  });
  const out = readPipfileLock(lock, { path: "Pipfile.lock" });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:pypi/branch-zip?download_url=https:%2F%2Fgithub.com%2Facme%2Fbranch-zip%2Farchive%2Fmain.zip",
    "pkg:pypi/local-sdist@0.4.0.post1?file_name=local_sdist-0.4.0.post1.tar.gz",
    "pkg:pypi/wheel-dep@2.1.0?download_url=https:%2F%2Fexample.com%2Fdl%2Fwheel_dep-2.1.0-py3-none-any.whl",
  ]);
});

Deno.test("readPipfileLock: a `file` that is a local path is a folder or archive, not a URL", () => {
  // stewartmiles/pipenv_editable_install_repro's another_venv/Pipfile.lock: older Pipenv kept the
  // absolute folder of `pipenv install -e <folder>` under `file`; Pipenv hands it to pip as a path.
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
    default: {
      "test-hello": {
        editable: true,
        file: "/home/stewart/src/pipenv_editable_install_repro/test-hello",
      },
      "local-sdist": { file: "file:///opt/dist/local_sdist-0.4.0.tar.gz" },
      "inner": { editable: true, file: "./libs/inner" },
    },
    develop: {},
  });
  const out = readPipfileLock(lock, { path: "Pipfile.lock" });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:pypi/local-sdist@0.4.0?file_name=local_sdist-0.4.0.tar.gz",
    "pkg:pypi/test-hello",
  ]);
  assert.deepEqual(out.components.map((c) => c.downloadLocation), [undefined, undefined]);
  assert.deepEqual(out.members.map((m) => m.id), ["workspace:libs/inner"]);
});

Deno.test("readPipfileLock: default is runtime, develop dev, other categories dev with a group", () => {
  const byName = new Map(readCase("basic").components.map((c) => [c.name, c]));
  assert.deepEqual(byName.get("requests")?.scopes, ["runtime"]);
  assert.deepEqual(byName.get("pytest")?.scopes, ["dev"]);
  assert.deepEqual(byName.get("typing-extensions")?.scopes, ["dev", "runtime"]);
  assert.deepEqual(byName.get("sphinx")?.scopes, ["dev"]);
  assert.deepEqual(byName.get("sphinx")?.groups, ["docs"]);
});

Deno.test("readPipfileLock: hashes only when they describe one file", () => {
  const byName = new Map(readCase("basic").components.map((c) => [c.name, c]));
  assert.deepEqual(byName.get("iniconfig")?.hashes, [{
    alg: "sha256",
    hex: "b6a85871a79d2e3b22d2d1b94ac2824226a63c6b741c88f7ae975f18b6778374",
  }]);
  assert.deepEqual(byName.get("requests")?.hashes, [], "two files: not the package's own hash");
});

Deno.test("readPipfileLock: the project itself and its folders are not components", () => {
  const out = readCase("basic");
  assert.deepEqual(out.members, [{
    id: "workspace:libs/shared",
    name: "shared",
    purl: "pkg:pypi/shared",
  }]);
  assert.ok(!out.components.some((c) => c.name === "webapp" || c.name === "shared"));
  // Its own entry (`"webapp": {"path": "."}`) names the project, unless a manifest does.
  assert.deepEqual(out.project, { name: "webapp", purl: "pkg:pypi/webapp" });
  assert.equal(out.projectIsTooling, true);
});

Deno.test("readInventory: a Pipfile.lock's own entry names the project only when no manifest beside it does", async () => {
  // pypa/pipenv's Pipfile.lock: `"pipenv": {"editable": true, "path": "."}`.
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/Pipfile.lock`,
      JSON.stringify({
        _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
        default: { pipenv: { editable: true, path: "." } },
        develop: {},
      }),
    );
    assert.deepEqual((await readInventory(dir)).project, {
      name: "pipenv",
      purl: "pkg:pypi/pipenv",
    });
    await Deno.writeTextFile(
      `${dir}/pyproject.toml`,
      '[project]\nname = "pipenv"\nversion = "2025.0.4"\n\n[build-system]\nrequires = ["setuptools"]\n',
    );
    assert.deepEqual((await readInventory(dir)).project.purl, "pkg:pypi/pipenv@2025.0.4");
  });
});

Deno.test("readPipfileLock: the Pipfile's packages are direct, in their categories", () => {
  const out = readCase("basic");
  assert.deepEqual(
    edgesFrom(out, ROOT_ID),
    [
      `${INTERNAL} runtime`,
      `${GIT} runtime`,
      "pkg:pypi/pytest@8.3.3 dev",
      "pkg:pypi/requests@2.32.3 runtime",
      "workspace:libs/shared runtime",
      "pkg:pypi/sphinx@8.1.3 dev",
      `${TARBALL} runtime`,
      "pkg:pypi/typing-extensions@4.12.2 dev",
      `${pypiPurl("zope.interface", "7.0.3")} runtime`,
    ].sort(),
  );
  assert.equal(out.components.filter((c) => c.direct).length, 8);
  assert.equal(out.components.find((c) => c.name === "certifi")?.direct, false);
  const alone = readCase("basic", false);
  assert.equal(alone.components.length, 10);
  assert.deepEqual(alone.edges, [], "Pipfile.lock records no edges");
  assert.ok(alone.components.every((c) => !c.direct));
});

Deno.test("readPipfileLock: a lock whose _meta.hash is not the Pipfile's is a warning, as Pipenv tells it", () => {
  // plette's Pipfile.get_hash: a Pipfile changed since the lock was written (a package
  // dropped, a specifier changed). `pipenv sync` installs the lock as it is; `pipenv install
  // --deploy` refuses it. Was: silent. The hash is Python's (see _pipfile_hash_test.ts).
  const text = readCase("basic").warnings;
  assert.equal(text, undefined, "the fixture's lock was written for its Pipfile");
  const lock = Deno.readTextFileSync(fixture(...DIR, "basic", "Pipfile.lock"));
  const pipfile = Deno.readTextFileSync(fixture(...DIR, "basic", "Pipfile"));
  const warnings = (changed: string, locked = lock): string[] | undefined =>
    readPipfileLock(locked, { path: "Pipfile.lock", pipfile: changed }).warnings;
  assert.deepEqual(warnings(pipfile.replace('requests = "~=2.32"', 'requests = "~=2.31"')), [
    "Pipfile has changed since Pipfile.lock was written (the lock's _meta.hash is not that of " +
    "Pipfile, as Pipenv checks it): `pipenv sync` installs the lock as it is, and so does the " +
    "SBOM (`pipenv install --deploy` refuses it); run `pipenv lock` to update the lock",
  ]);
  // A Pipenv before package categories (2022.10) hashed the Pipfile without `[docs]`: fresh.
  const old = JSON.parse(lock);
  old._meta.hash.sha256 = "1ced631109f8b14b2b8252f83256b94edd85250bbfa89a6cce5117a55905fc5f";
  assert.equal(warnings(pipfile, JSON.stringify(old)), undefined);
  // No recorded hash: nothing to compare.
  delete old._meta.hash;
  assert.equal(warnings("[packages]\n", JSON.stringify(old)), undefined);
});

Deno.test("readPipfileLock: bad input is inventory.pipfile_lock.* with file:line", async () => {
  await loadTomlParser(); // invalid TOML is smol-toml's to report
  assertInvalidFixtures(DIR, "Pipfile.lock", (text, path) => readPipfileLock(text, { path }), [
    ["truncated", "inventory.pipfile_lock.invalid", /^Pipfile\.lock:55: invalid JSON/],
    [
      "duplicate-key",
      "inventory.pipfile_lock.invalid",
      /^Pipfile\.lock:52: invalid JSON: duplicate key "version"/,
    ],
    [
      "wrong-version",
      "inventory.pipfile_lock.invalid",
      /^Pipfile\.lock:6: .*pipfile-spec 7/,
    ],
    [
      "invalid-utf8",
      "inventory.pipfile_lock.invalid",
      /^Pipfile\.lock:88: the file is not valid UTF-8/,
    ],
    [
      "not-a-pin",
      "inventory.pipfile_lock.invalid",
      /^Pipfile\.lock:91: package "pytest": `version` "=>8" is not a PEP 440 version specifier/,
    ],
  ]);
  const meta =
    '"_meta": {"pipfile-spec": 6, "sources": [{"name": "pypi", "url": "https://pypi.org/simple"}]}';
  const invalid: [string, RegExp][] = [
    [`{${meta}, "default": []}`, /`default` must be an object/],
    [
      `{${meta}, "default": {"a": {"version": "==1", "index": "nope"}}}`,
      /index "nope" is not one of _meta.sources/,
    ],
    [
      `{${meta}, "default": {"a": {"version": "==1", "hashes": ["sha256"]}}}`,
      /hash "sha256" is not `alg:hex`/,
    ],
    [
      `{${meta}, "default": {"a": {"editable": true}}}`,
      /package "a" has no `version`, VCS, `path` or `file`/,
    ],
    [`{${meta}, "default": {"a": "==1"}}`, /package "a" must be an object/],
  ];
  for (const [text, message] of invalid) {
    assertVouchError(
      () => readPipfileLock(text, { path: "Pipfile.lock" }),
      "inventory.pipfile_lock.invalid",
      message,
    );
  }
  assertVouchError(
    () =>
      readPipfileLock(`{${meta}}`, { path: "Pipfile.lock", pipfile: "[packages]\na = 1\na = 2\n" }),
    "inventory.pipfile_lock.invalid",
    /^Pipfile:3:\d+: invalid TOML/,
  );
  assertVouchError(
    () => readPipfileLock('{"default": {}}', { path: "Pipfile.lock" }),
    "inventory.pipfile_lock.invalid",
    /no `_meta.pipfile-spec` is not a version vouch reads \(it reads pipfile-spec 1 to 6\)/,
  );
});

Deno.test("the fixture projects give valid SBOMs", async () => {
  for (const name of ["basic"]) {
    const inventory = await readValidProject(fixture(...DIR, name));
    assert.ok(inventory.components.length > 0, name);
  }
});

Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(DIR, "inventory.pipfile_lock.invalid");
  // truncated, wrong version, duplicate keys, invalid UTF-8
  for (const name of ["truncated", "wrong-version", "duplicate-key", "invalid-utf8"]) {
    assert.ok(cases.includes(name), name);
  }
});

// bridgecrewio/checkov, counted without vouch:
//   python3 -c "import json, re; d = json.load(open('Pipfile.lock'))
//     n = lambda s: re.sub(r'[-_.]+', '-', s).lower()
//     print(len({(n(k), v['version']) for c in ('default', 'develop') for k, v in d[c].items()}))"
// → 161 (99 default + 87 develop, 25 names in both at the same version); the Pipfile names 46
// [packages] and 37 [dev-packages] (jsonschema in both), all locked in their category: 82
// distinct direct packages.
Deno.test({
  name: "readPipfileLock: bridgecrewio/checkov corpus is read whole",
  ignore: skipWithoutShared("the Pipfile.lock corpus test"),
  fn: async () => {
    const inventory = await readCorpusProject("bridgecrewio__checkov");
    assert.equal(inventory.components.length, 161);
    assert.equal(inventory.components.filter((c) => c.direct).length, 82);
    assert.equal(inventory.components.filter((c) => c.scopes.includes("dev")).length, 87);
    assert.equal(inventory.components.filter((c) => c.scopes.includes("runtime")).length, 99);
    const ids = new Set(inventory.components.map((c) => c.id));
    for (
      const purl of [
        pypiPurl("boolean.py", "5.0"),
        "pkg:pypi/pyston@2.3.5",
        "pkg:pypi/bc-jsonpath-ng@1.6.1",
        "pkg:pypi/pytest@7.4.4",
        "pkg:pypi/coverage@7.6.1",
      ]
    ) assert.ok(ids.has(purl), purl);
    assert.deepEqual(inventory.sources, ["Pipfile", "Pipfile.lock"]);
  },
});

Deno.test("readPipfileLock: a VCS entry's subdirectory is the SPDX #<sub_path> of its vcs_url", () => {
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [] },
    default: {
      "sub-pkg": {
        git: "https://github.com/acme/mono.git",
        ref: "4a23745badf5bf5ef7928f1e346e9986bd696d82",
        subdirectory: "libs/sub",
      },
    },
    develop: {},
  });
  const [pkg] = readPipfileLock(lock, { path: "Pipfile.lock" }).components;
  assert.equal(
    pkg.downloadLocation,
    "git+https://github.com/acme/mono.git@4a23745badf5bf5ef7928f1e346e9986bd696d82#libs/sub",
  );
});

Deno.test("readPipfileLock: a member folder and a registry package of its name are two nodes", async () => {
  // The scan also reads docs/requirements.txt, which names the member's published package.
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/docs`);
    await Deno.writeTextFile(
      `${dir}/Pipfile.lock`,
      JSON.stringify({
        _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
        default: { shared: { editable: true, path: "./shared" } },
        develop: {},
      }),
    );
    await Deno.writeTextFile(`${dir}/docs/requirements.txt`, "shared\n");
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.members.map((m) => [m.id, m.purl]), [
      ["workspace:shared", "pkg:pypi/shared"],
    ]);
    assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:pypi/shared"]);
  });
});

// chrisguest75/python_examples' torch_package_client locks two packages from a source whose
// url is `${CODEARTIFACT_URL}` (an AWS CodeArtifact index that Pipenv expands from the
// environment): their purls named no repository, which reads as PyPI, without a word.
// Credentials from the environment are dropped anyway and leave the index known.
Deno.test("readPipfileLock: an index whose URL comes from the environment is not known: a warning names its packages", () => {
  const lock = JSON.stringify(
    {
      _meta: {
        "pipfile-spec": 6,
        sources: [
          { name: "pypi", url: "https://pypi.org/simple", verify_ssl: true },
          { name: "codeartifact", url: "${CODEARTIFACT_URL}", verify_ssl: true },
          {
            name: "nexus",
            url: "https://${NEXUS_USER}:${NEXUS_PASSWORD}@nexus.example.com/simple",
            verify_ssl: true,
          },
        ],
      },
      default: {
        "empty-test-package": { hashes: [], index: "codeartifact", version: "==0.0.3" },
        "internal-lib": { hashes: [], index: "nexus", version: "==1.0" },
        "torch-test-package": { hashes: [], index: "codeartifact", version: "==0.0.8" },
      },
      develop: {},
    },
    null,
    4,
  );
  const out = readPipfileLock(lock, { path: "Pipfile.lock" });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:pypi/empty-test-package@0.0.3",
    "pkg:pypi/internal-lib@1.0?repository_url=https:%2F%2Fnexus.example.com%2Fsimple",
    "pkg:pypi/torch-test-package@0.0.8",
  ]);
  assert.deepEqual(out.warnings, [
    "Pipfile.lock:12: the index ${CODEARTIFACT_URL} is read from the environment when Pipenv " +
    "installs, and the lock does not record its value: the purls of empty-test-package, " +
    "torch-test-package name no repository (pkg:pypi reads as PyPI)",
  ]);
});

Deno.test("readPipfileLock: Pipenv's placeholder key for a path it could not name names nothing", () => {
  // psf/requests-html: `pipenv install -e .` keyed the project `"e1839a8"` (the last 7 hex digits
  // of the SHA-256 of "."), which is no package name (pypa/pipenv#1928).
  const lock = JSON.stringify({
    _meta: {
      "pipfile-spec": 6,
      sources: [{ name: "pypi", url: "https://pypi.python.org/simple" }],
    },
    default: {},
    develop: {
      "e1839a8": { editable: true, path: "." },
      "c36b9d4": { editable: true, path: "./plugins/dep" },
    },
  });
  const out = readPipfileLock(lock, { path: "Pipfile.lock" });
  assert.equal(out.project, undefined);
  assert.deepEqual(out.members, [{
    id: "workspace:plugins/dep",
    name: "dep",
    purl: "pkg:pypi/dep",
  }]);
  assert.deepEqual(out.components, []);
});

Deno.test("readPipfileLock: the project keyed by Pipenv's placeholder is named as its setup.cfg names it", () => {
  // abravalheri/dummy-pipenv-example-for-pyscaffold: `"e1839a8" = {path = ".", editable = true}`
  // beside a PyScaffold setup.cfg (no pyproject.toml); pip installs `-e .` under setup.cfg's name.
  // Was: the project unnamed (the SBOM's root had no purl), while a member so keyed was named.
  const lock = JSON.stringify({
    _meta: {
      hash: { sha256: "e290d106892a6ec0ac880711a7d426baebae22db2ea8abda65dcf1c10fe07f3b" },
      "pipfile-spec": 6,
      requires: { python_version: "3.6" },
      sources: [{ name: "pypi", url: "https://pypi.org/simple", verify_ssl: true }],
    },
    default: {
      appdirs: { hashes: [], version: "==1.4.3" },
      e1839a8: { editable: true, path: "." },
    },
    develop: {},
  });
  const files: Record<string, string> = {
    "setup.cfg": "[metadata]\nname = dummy-pipenv-example-for-pyscaffold\nlicense = mit\n\n" +
      "[options]\npackage_dir =\n    =src\ninstall_requires = \n",
  };
  const out = readPipfileLock(lock, { path: "Pipfile.lock", load: (p) => files[p] });
  assert.equal(out.project?.purl, "pkg:pypi/dummy-pipenv-example-for-pyscaffold");
  assert.deepEqual(out.members, []);
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/appdirs@1.4.3"]);
});

// pip installs an editable folder under the name its metadata gives (pyproject.toml's
// [project] or [tool.poetry], setup.cfg's [metadata]), whatever the folder is called.
Deno.test("readPipfileLock: a member keyed by its name takes the version its folder's pyproject.toml or setup.cfg states", () => {
  // `pipenv install -e ./libs/foo` writes `"foo": {"editable": true, "path": "./libs/foo"}`, no
  // version: pip installs the folder at the version its metadata states. Was: pkg:pypi/foo.
  const files: Record<string, string> = {
    "libs/foo/pyproject.toml": '[project]\nname = "Foo"\nversion = "0.2.0"\n',
    "libs/bar/setup.cfg": "[metadata]\nname = bar\nversion = 1.4\n",
    "libs/dyn/pyproject.toml": '[project]\nname = "dyn"\ndynamic = ["version"]\n',
    "libs/other/pyproject.toml": '[project]\nname = "not-other"\nversion = "9.9"\n',
  };
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
    default: {
      foo: { editable: true, path: "./libs/foo" },
      bar: { path: "libs/bar" },
      dyn: { editable: true, path: "./libs/dyn" },
      other: { editable: true, path: "./libs/other" },
      gone: { editable: true, path: "./libs/gone" },
    },
    develop: {},
  });
  const out = readPipfileLock(lock, { path: "Pipfile.lock", load: (p) => files[p] });
  assert.deepEqual(out.members.map((m) => [m.id, m.purl]), [
    ["workspace:libs/bar", "pkg:pypi/bar@1.4"],
    ["workspace:libs/dyn", "pkg:pypi/dyn"], // a dynamic version is computed at build time
    ["workspace:libs/foo", "pkg:pypi/foo@0.2.0"],
    ["workspace:libs/gone", "pkg:pypi/gone"], // not in the tree (a warning says so)
    ["workspace:libs/other", "pkg:pypi/other"], // its metadata names another package
  ]);
});

Deno.test("readPipfileLock: the project's own entry keyed by its name takes the version its setup.cfg states", () => {
  // `"my-tool": {"editable": true, "path": "."}` beside a setup.cfg project (no pyproject.toml,
  // which would name the project itself). Was: pkg:pypi/my-tool, as a member so keyed was.
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
    default: { "my-tool": { editable: true, path: "." }, idna: { version: "==3.10" } },
    develop: {},
  });
  const files: Record<string, string> = {
    "setup.cfg": "[metadata]\nname = my_tool\nversion = 1.3.0\n",
    "setup.py": "from setuptools import setup\nsetup()\n",
  };
  const out = readPipfileLock(lock, { path: "Pipfile.lock", load: (p) => files[p] });
  assert.equal(out.project?.purl, "pkg:pypi/my-tool@1.3.0");
  // Its metadata naming another package gives no version.
  files["setup.cfg"] = "[metadata]\nname = other\nversion = 9.0\n";
  const other = readPipfileLock(lock, { path: "Pipfile.lock", load: (p) => files[p] });
  assert.equal(other.project?.purl, "pkg:pypi/my-tool");
});

Deno.test("readPipfileLock: a path entry whose folder holds no Python project (a submodule not checked out) is a warning", () => {
  // `pipenv sync` runs pip, which refuses the folder (req/constructors.py: "does not appear to be
  // a Python project: neither 'setup.py' nor 'pyproject.toml' found"); the go.mod reader words
  // the same case. Was: a member, silently.
  const files: Record<string, string> = {
    "libs/present/pyproject.toml": '[project]\nname = "present"\nversion = "0.1.0"\n',
    "libs/old/setup.py": "from setuptools import setup\nsetup(name='old')\n",
  };
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
    default: {
      old: { path: "./libs/old" },
      present: { editable: true, path: "./libs/present" },
      sub: { editable: true, path: "./libs/sub" },
    },
    develop: {},
  });
  const out = readPipfileLock(lock, { path: "Pipfile.lock", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), [
    "workspace:libs/old",
    "workspace:libs/present",
    "workspace:libs/sub",
  ]);
  assert.deepEqual(out.warnings, [
    "Pipfile.lock installs sub (libs/sub) from a folder with no pyproject.toml or setup.py in " +
    "the project (a git submodule not checked out?): pip refuses to install it, and the SBOM " +
    "has it as first-party code without knowing its contents",
  ]);
});

Deno.test("readPipfileLock: an editable folder Pipenv could not name is named as its pyproject.toml or setup.cfg names it", () => {
  const files: Record<string, string> = {
    "plugins/dep/pyproject.toml":
      '[project]\nname = "Acme_Dep.Plugin"\nversion = "1.2.0"\ndependencies = ["idna"]\n',
    "libs/core/setup.cfg": "[metadata]\nname = acme.core\nversion = attr: acme.core.__version__\n",
    "tools/cli/pyproject.toml": '[tool.poetry]\nname = "acme-cli"\nversion = "0.3.1"\n',
  };
  const load = (path: string): string | undefined => files[path];
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
    default: {
      "c36b9d4": { editable: true, path: "./plugins/dep" },
      "0f1e2d3": { editable: true, path: "./libs/core" },
      "5a6b7c8": { editable: true, path: "./scripts/setup_py_only" },
    },
    develop: {},
  });
  const out = readPipfileLock(lock, { path: "Pipfile.lock", load });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => [m.id, m.name, m.purl]), [
    ["workspace:libs/core", "acme-core", "pkg:pypi/acme-core"], // an attr: version is computed
    ["workspace:plugins/dep", "acme-dep-plugin", "pkg:pypi/acme-dep-plugin@1.2.0"],
    // A setup.py alone names it only when run: the folder's name.
    ["workspace:scripts/setup_py_only", "setup_py_only", "pkg:pypi/setup-py-only"],
  ]);
  // A lock of Pipenv before pipfile-spec: its `-e <path>` keys.
  const old = JSON.stringify({
    _meta: { hash: { sha256: "0".repeat(64) }, requires: {}, sources: [] },
    default: { "-e ./tools/cli": "*" },
    develop: {},
  });
  assert.deepEqual(readPipfileLock(old, { path: "Pipfile.lock", load }).members, [{
    id: "workspace:tools/cli",
    name: "acme-cli",
    version: "0.3.1",
    purl: "pkg:pypi/acme-cli@0.3.1",
  }]);
});

Deno.test("readPipfileLock: a file URL's #sha256= is not its download_url but its file's hash", () => {
  const a = "b20eff5e564529711544066d7dc0f7661df41232ae263619dede5059799cdfca";
  const b = "c".repeat(64);
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
    default: {
      soupsieve: {
        file: `https://files.example.org/soupsieve-1.9.1.tar.gz#sha256=${a}`,
        version: "==1.9.1",
      },
      // The same hash in `hashes` too: still the one file's, not one of several.
      tablib: {
        file: `https://files.example.org/tablib-3.5.0.tar.gz#sha256=${b}`,
        hashes: [`sha256:${b}`],
        version: "==3.5.0",
      },
      // An old index's `#md5=` beside a `sha256:` entry: two hashes of the one file.
      wheezy: {
        file: `https://files.example.org/wheezy-1.0.tar.gz#md5=${"d".repeat(32)}`,
        hashes: [`sha256:${a}`],
        version: "==1.0",
      },
    },
    develop: {},
  });
  const out = readPipfileLock(lock, { path: "Pipfile.lock" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.hashes, c.distributions]), [
    [
      pypiPurl("soupsieve", "1.9.1", {
        download_url: "https://files.example.org/soupsieve-1.9.1.tar.gz",
      }),
      [{ alg: "sha256", hex: a }],
      undefined,
    ],
    [
      pypiPurl("tablib", "3.5.0", {
        download_url: "https://files.example.org/tablib-3.5.0.tar.gz",
      }),
      [{ alg: "sha256", hex: b }],
      undefined,
    ],
    [
      pypiPurl("wheezy", "1.0", { download_url: "https://files.example.org/wheezy-1.0.tar.gz" }),
      [{ alg: "md5", hex: "d".repeat(32) }, { alg: "sha256", hex: a }],
      undefined,
    ],
  ]);
});

Deno.test("readPipfileLock: a file URL's pip fragments: #egg= is not its download_url, #subdirectory= is", () => {
  // Pipenv passes `file` to pip as written (`name @ <file>`), as requirements.txt has it.
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
    default: {
      "django-cms": {
        file: "https://github.com/divio/django-cms/archive/release/3.4.x.zip#egg=django-cms",
        version: "==3.4.7",
      },
      pycocotools: {
        file: "https://github.com/cocodataset/cocoapi/archive/master.zip" +
          "#subdirectory=PythonAPI&egg=pycocotools",
        version: "==2.0",
      },
    },
    develop: {},
  });
  const out = readPipfileLock(lock, { path: "Pipfile.lock" });
  assert.deepEqual(out.components.map((c) => c.purl), [
    pypiPurl("django-cms", "3.4.7", {
      download_url: "https://github.com/divio/django-cms/archive/release/3.4.x.zip",
    }),
    pypiPurl("pycocotools", "2.0", {
      download_url:
        "https://github.com/cocodataset/cocoapi/archive/master.zip#subdirectory=PythonAPI",
    }),
  ]);
});

Deno.test("readPipfileLock: a URL Pipenv keyed by its placeholder is named by what it says", () => {
  // whamcloud/integrated-manager-for-lustre: `"0643a09": {"file": ".../netaddr/archive/…"}`;
  // Pipenv keys a VCS or file URL it could not name as it does a path (pypa/pipenv#1928).
  const lock = JSON.stringify({
    _meta: {
      "pipfile-spec": 6,
      sources: [{ name: "pypi", url: "https://pypi.org/simple" }],
    },
    default: {
      "0643a09": {
        file: "https://github.com/drkjam/netaddr/archive/rel-0.7.5.tar.gz",
        version: "==0.7.5",
      },
      "1b2c3d4": { file: "https://files.example.com/pkgs/six-1.16.0-py2.py3-none-any.whl" },
      "5e6f7a8": {
        git: "https://github.com/acme/widgets.git#egg=acme-widgets",
        ref: "4a23745badf5bf5ef7928f1e346e9986bd696d82",
      },
      "9abcdef": { git: "https://github.com/acme/gadgets.git", ref: "v2.0" },
      "c0ffee1": { path: "./dist/acme_tools-0.3.0.tar.gz" },
    },
    develop: {},
  });
  const pipfile = `[packages]\n"0643a09" = {file = "https://github.com/drkjam/netaddr/archive/` +
    `rel-0.7.5.tar.gz"}\n"9abcdef" = {git = "https://github.com/acme/gadgets.git", ref = "v2.0"}\n`;
  const out = readPipfileLock(lock, { path: "Pipfile.lock", pipfile });
  assert.deepEqual(out.components.map((c) => [c.name, c.purl]), [
    ["acme_tools", "pkg:pypi/acme-tools@0.3.0?file_name=acme_tools-0.3.0.tar.gz"],
    [
      "acme-widgets",
      pypiPurl("acme-widgets", undefined, {
        vcs_url: "git+https://github.com/acme/widgets.git@4a23745badf5bf5ef7928f1e346e9986bd696d82",
      }),
    ],
    [
      "gadgets",
      pypiPurl("gadgets", undefined, {
        vcs_url: "git+https://github.com/acme/gadgets.git@v2.0",
      }),
    ],
    [
      "netaddr",
      pypiPurl("netaddr", "0.7.5", {
        download_url: "https://github.com/drkjam/netaddr/archive/rel-0.7.5.tar.gz",
      }),
    ],
    [
      "six",
      pypiPurl("six", "1.16.0", {
        download_url: "https://files.example.com/pkgs/six-1.16.0-py2.py3-none-any.whl",
      }),
    ],
  ]);
  assert.deepEqual(
    out.components.filter((c) => c.direct).map((c) => c.name),
    ["gadgets", "netaddr"],
    "the Pipfile names them by the same placeholder",
  );
  assert.equal(out.warnings?.length, 1);
  assert.match(out.warnings![0], /^Pipfile\.lock:\d+: .*gadgets \(9abcdef\), netaddr \(0643a09\)/);
});

// A package of both [packages] and [dev-packages] is one entry per category: the warning said
// "keyed 2 package(s) … gadgets (9abcdef), gadgets (9abcdef)" for one package.
Deno.test("readPipfileLock: a placeholder-keyed package of both categories is named once in the warning", () => {
  const gadgets = { git: "https://github.com/acme/gadgets.git", ref: "v2.0" };
  const lock = JSON.stringify(
    {
      _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
      default: { "9abcdef": gadgets },
      develop: { "9abcdef": gadgets },
    },
    null,
    4,
  );
  const out = readPipfileLock(lock, { path: "Pipfile.lock" });
  assert.deepEqual(out.components.map((c) => [c.name, c.scopes]), [["gadgets", [
    "dev",
    "runtime",
  ]]]);
  assert.equal(out.warnings?.length, 1);
  assert.match(
    out.warnings![0],
    /^Pipfile\.lock:\d+: Pipenv keyed 1 package\(s\) .*: gadgets \(9abcdef\)$/,
  );
});

Deno.test("readPipfileLock: a range written instead of a pin keeps the package, version-less, with a warning", () => {
  // Pipenv 2020.5.28 locked `django = "==2.2.*"` as written (pypa/pipenv#4278, #4293).
  const lock = JSON.stringify(
    {
      _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
      default: {
        django: {
          hashes: [
            "sha256:69897097095f336d5aeef45b4103dceae51c00afa6d3ae198a2a18e519791b7a",
            "sha256:6ecd229e1815d4fc5240fc98f1cca78c41e7a8cd3e3f2eefadc4735031077916",
          ],
          index: "pypi",
          version: "==2.2.*",
        },
        pytz: { index: "pypi", version: "==2020.1" },
      },
      develop: { django: { index: "pypi", version: "==2.2.*" }, anything: { version: "*" } },
    },
    null,
    4,
  );
  const out = readPipfileLock(lock, {
    path: "Pipfile.lock",
    pipfile: '[packages]\ndjango = "==2.2.*"\npytz = "*"\n',
  });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.version, c.specifier]), [
    ["pkg:pypi/anything", undefined, undefined],
    ["pkg:pypi/django", undefined, "==2.2.*"],
    ["pkg:pypi/pytz@2020.1", "2020.1", undefined],
  ]);
  assert.deepEqual(out.components[1].scopes, ["dev", "runtime"]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:pypi/django runtime",
    "pkg:pypi/pytz@2020.1 runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "Pipfile.lock:12: the lock pins no version of 2 package(s), only a range (a Pipenv bug, " +
    "pypa/pipenv#4278): their purls have no version: anything (*), django (==2.2.*)",
  ]);
});

Deno.test("readPipfileLock: a lock in a subfolder hangs the Pipfile's packages from a member for its folder", () => {
  const text = Deno.readTextFileSync(fixture(...DIR, "basic", "Pipfile.lock"));
  const pipfile = Deno.readTextFileSync(fixture(...DIR, "basic", "Pipfile"));
  const atRoot = readPipfileLock(text, { path: "Pipfile.lock", pipfile });
  // Its own entry (`"webapp": {"path": "."}`) names the member.
  const out = readPipfileLock(text, { path: "services/web/Pipfile.lock", pipfile });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), [
    "pkg:pypi/webapp",
    "workspace:services/web/libs/shared",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:pypi/webapp runtime"]);
  assert.deepEqual(
    edgesFrom(out, "pkg:pypi/webapp"),
    edgesFrom(atRoot, ROOT_ID).map((e) =>
      e.replace("workspace:libs/", "workspace:services/web/libs/")
    )
      .sort(),
  );
  // Without an entry of its own: a member named by its folder.
  const lock = JSON.stringify({
    _meta: { "pipfile-spec": 6, sources: [{ name: "pypi", url: "https://pypi.org/simple" }] },
    default: { idna: { version: "==3.10", index: "pypi" } },
    develop: { pytest: { version: "==8.3.3", index: "pypi" } },
  });
  const plain = readPipfileLock(lock, {
    path: "api/Pipfile.lock",
    pipfile: '[packages]\nidna = "*"\n\n[dev-packages]\npytest = "*"\n',
  });
  assert.deepEqual(plain.members, [{ id: "workspace:api", name: "api" }]);
  assert.deepEqual(plain.edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
    "root workspace:api runtime",
    "workspace:api pkg:pypi/idna@3.10 runtime",
    "workspace:api pkg:pypi/pytest@8.3.3 dev",
  ]);
});

Deno.test("readPipfileLock: a git URL of 50,000 '#' before a line break is read in linear time", async () => {
  const git = `https://github.com/a/b.git#${"#".repeat(50_000)}\nx`;
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/Pipfile.lock`,
      JSON.stringify({ _meta: { "pipfile-spec": 6 }, default: { b: { git, ref: "abc" } } }),
    );
    const elapsed = cpuStopwatch();
    await readInventory(dir).catch(() => undefined);
    // Was: 3 s for 50,000 (`/#.*$/` retried from every '#' up to the line break).
    assert.ok(elapsed() < 2_000, `${elapsed()} ms`);
  });
});

// Found on chuck1/ws_sheets: a Pipfile.lock of 2017 Pipenv, before it wrote `pipfile-spec`, with
// the Pipfile's `"-e ." = "*"` and `"-e ../codemach" = "*"` copied as written (pip's `-e`
// requirements). plette, which Pipenv reads locks with, does not require `pipfile-spec`.
Deno.test("readPipfileLock: a lock of Pipenv before pipfile-spec, with its `-e <path>` keys", () => {
  const lock = JSON.stringify({
    _meta: {
      hash: { sha256: "2c98cec003d1dc0dcd5467334bc9c4063b1a58becf850184f79fcf1ec7419c10" },
      requires: {},
      sources: [{ url: "https://pypi.python.org/simple", verify_ssl: true }],
    },
    default: { "-e .": "*", "codemach": { version: "==0.3b4" }, "fs": { version: "==2.0.4" } },
    develop: {
      "-e ../codemach": "*",
      "-e git+https://github.com/chuck1/modconf.git#egg=modconf": "*",
      "sphinx": { version: "==1.6.2" },
    },
  });
  const out = readPipfileLock(lock, { path: "Pipfile.lock" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes.join(",")]), [
    ["pkg:pypi/codemach", "dev"], // the editable folder ../codemach, named after it
    ["pkg:pypi/codemach@0.3b4", "runtime"],
    ["pkg:pypi/fs@2.0.4", "runtime"],
    ["pkg:pypi/modconf?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fchuck1%2Fmodconf.git", "dev"],
    ["pkg:pypi/sphinx@1.6.2", "dev"],
  ]);
  assert.equal(out.project, undefined, "`-e .` is the project, unnamed");
  // A lock with no `_meta` at all is none Pipenv wrote.
  assertVouchError(
    () => readPipfileLock('{"default": {}}', { path: "Pipfile.lock" }),
    "inventory.pipfile_lock.invalid",
    /no `_meta.pipfile-spec`/,
  );
  // Any other string value stays refused.
  assertVouchError(
    () => readPipfileLock('{"_meta": {}, "default": {"a": "*"}}', { path: "Pipfile.lock" }),
    "inventory.pipfile_lock.invalid",
    /package "a" must be an object/,
  );
});

/** A Pipfile of ed-alertedh/multiple-pipenv-example's shape (one per environment). */
const ENV_PIPFILE =
  '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n' +
  '[packages]\nastor = "*"\n\n[dev-packages]\npytest = "*"\n';

/** The lock of {@linkcode ENV_PIPFILE}'s packages, with `hash` as the Pipfile's hash. */
function envLock(hash: string): unknown {
  const entry = (version: string): unknown => ({
    hashes: ["sha256:ff6d2e2962d834acb125cc4dcc80c54a8c17c253f4cc9d9c43b5102a560bb75d"],
    version: `==${version}`,
  });
  return {
    _meta: {
      hash: { sha256: hash },
      "pipfile-spec": 6,
      requires: {},
      sources: [{ name: "pypi", url: "https://pypi.org/simple", verify_ssl: true }],
    },
    default: { astor: entry("0.6.2") },
    develop: { pytest: entry("3.6.1") },
  };
}

Deno.test("readInventory: the lock Pipenv writes for a Pipfile PIPENV_PIPFILE names, Pipfile.<name>.lock", async () => {
  // ed-alertedh/multiple-pipenv-example's shape: one Pipfile per environment.
  await withTempDir(async (dir) => {
    const [pipfile, lock] = [
      ENV_PIPFILE,
      envLock("573a43b4bbb1ab846078e9f2c37f397c2aeaab8d0a6b209e2926394a54feb415"),
    ];
    await Deno.writeTextFile(`${dir}/Pipfile.linux_cpu`, pipfile);
    await Deno.writeTextFile(`${dir}/Pipfile.linux_cpu.lock`, JSON.stringify(lock, null, 4));
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.sources, ["Pipfile.linux_cpu", "Pipfile.linux_cpu.lock"]);
    assert.deepEqual(
      inventory.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.direct}`),
      ["pkg:pypi/astor@0.6.2 runtime true", "pkg:pypi/pytest@3.6.1 dev true"],
    );
  });
});

Deno.test("readerFor: Pipfile.lock, Pipfile.<name>.lock and <name>.Pipfile.lock, not a renamed copy", () => {
  // PIPENV_PIPFILE=dev.Pipfile is locked in dev.Pipfile.lock, as Pipfile.dev in Pipfile.dev.lock.
  for (
    const name of [
      "Pipfile.lock",
      "Pipfile.dev.lock",
      "sub/Pipfile.linux_cpu.lock",
      "dev.Pipfile.lock",
      "toolbox/sandbox/View.Pipfile.lock",
    ]
  ) {
    assert.equal(readerFor(name)?.name, "pipfile_lock", name);
  }
  // `Pipfile.lock.linux_cpu` (ed-alertedh/multiple-pipenv-example's copies) no Pipenv reads: a
  // lock's name is its Pipfile's and `.lock`.
  for (
    const name of [
      "Pipfile.lock.linux_cpu",
      "xPipfile.lock",
      "Pipfile.lock.bak",
      "Pipfile",
      ".Pipfile.lock",
    ]
  ) {
    assert.notEqual(readerFor(name)?.name, "pipfile_lock", name);
  }
});

Deno.test("readInventory: a Pipfile.<name>.lock without its Pipfile.<name> takes the plain Pipfile it locked, else warns", async () => {
  await withTempDir(async (dir) => {
    // The plain Pipfile's hash: the lock is its own, copied to another name.
    const [pipfile, lock] = [
      ENV_PIPFILE,
      envLock("197e0685794624d95fc27eaac0eb5e8eed3524ee21dd3a9221206e45e00eef84"),
    ];
    await Deno.writeTextFile(`${dir}/Pipfile`, pipfile);
    await Deno.writeTextFile(`${dir}/Pipfile.linux_cpu.lock`, JSON.stringify(lock, null, 4));
    let inventory = await readInventory(dir);
    assert.deepEqual(inventory.sources, ["Pipfile", "Pipfile.linux_cpu.lock"]);
    assert.deepEqual(
      inventory.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.direct}`),
      ["pkg:pypi/astor@0.6.2 runtime true", "pkg:pypi/pytest@3.6.1 dev true"],
    );
    assert.deepEqual(inventory.warnings ?? [], []);
    // A Pipfile the lock was not written for is not used.
    await Deno.writeTextFile(`${dir}/Pipfile`, pipfile.replace('astor = "*"', 'astor = ">=0.6"'));
    inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.direct), [false, false]);
    assert.match(
      (inventory.warnings ?? []).join("\n"),
      /Pipfile\.linux_cpu, the Pipfile Pipenv locked in Pipfile\.linux_cpu\.lock, is missing \(the lock's _meta\.hash is not that of Pipfile,/,
    );
    await Deno.remove(`${dir}/Pipfile`);
    inventory = await readInventory(dir);
    assert.match(
      (inventory.warnings ?? []).join("\n"),
      /Pipfile\.linux_cpu\.lock, is missing: no Pipenv/,
    );
  });
});

Deno.test("readInventory: dev.Pipfile.lock, the lock of PIPENV_PIPFILE=dev.Pipfile, with dev.Pipfile", async () => {
  await withTempDir(async (dir) => {
    const pipfile =
      '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n' +
      '[packages]\nastor = "*"\n';
    const lock = {
      _meta: {
        hash: { sha256: "0".repeat(64) },
        "pipfile-spec": 6,
        requires: {},
        sources: [{ name: "pypi", url: "https://pypi.org/simple", verify_ssl: true }],
      },
      default: { astor: { hashes: [], version: "==0.6.2" } },
      develop: {},
    };
    await Deno.writeTextFile(`${dir}/dev.Pipfile`, pipfile);
    await Deno.writeTextFile(`${dir}/dev.Pipfile.lock`, JSON.stringify(lock, null, 4));
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.sources, ["dev.Pipfile", "dev.Pipfile.lock"]);
    assert.deepEqual(
      inventory.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.direct}`),
      ["pkg:pypi/astor@0.6.2 runtime true"],
    );
  });
});

Deno.test("readPipfileLock: a path entry in a folder the scan skips (vendor/) is a component, versioned by its project", () => {
  const lock = JSON.stringify({
    _meta: { hash: { sha256: "0" }, "pipfile-spec": 6, requires: {}, sources: [] },
    default: {
      x: { editable: true, path: "./vendor/x" },
      e1839a8: { editable: true, path: "./vendor/y" },
      own: { editable: true, path: "./libs/own" },
    },
    develop: {},
  });
  const files: Record<string, string> = {
    "vendor/x/pyproject.toml": '[project]\nname = "x"\nversion = "1.2.0"\n',
    "vendor/y/pyproject.toml": '[project]\nname = "why"\nversion = "3.0"\n',
    "libs/own/pyproject.toml": '[project]\nname = "own"\nversion = "0.1.0"\n',
  };
  const out = readPipfileLock(lock, { path: "Pipfile.lock", load: (p) => files[p] });
  // Was: x and why members of folders the scan never enters, in no SBOM.
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/why@3.0", "pkg:pypi/x@1.2.0"]);
  assert.deepEqual(out.memberFolders, ["libs/own"]);
  // Looked into, not read: vendor/y holds no Python project (a git submodule not checked out).
  const peeked = readPipfileLock(lock, {
    path: "Pipfile.lock",
    load: (p) => files[p],
    peek: (p) => p.startsWith("vendor/y/") ? undefined : files[p],
  });
  assert.ok(
    peeked.warnings?.some((w) =>
      w.startsWith("Pipfile.lock installs e1839a8 (vendor/y) from a folder the scan skips")
    ),
    JSON.stringify(peeked.warnings),
  );
});
