import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { readPdmLock } from "../../../src/inventory/python/pdm_lock.ts";
import { pypiPurl } from "../../../src/inventory/purl.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { fixture, SHARED_DIR, skipWithoutShared } from "../../_util.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";
import { NeedsModule } from "../../../src/inventory/_reader.ts";

function readFixture(name: string): ReturnType<typeof readPdmLock> {
  return readPdmLock(Deno.readTextFileSync(fixture("python", name)), { path: name });
}

// First in this file: the TOML parser (smol-toml) is not loaded yet.
Deno.test("readPdmLock: a pyproject.toml outside the fast TOML subset waits for the TOML parser, not read as absent", async () => {
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n[[package]]\nname = "requests"\n' +
    'version = "2.32.3"\ngroups = ["security"]\n';
  // A multi-line string: smol-toml's to read.
  const pyproject = '[project]\nname = "demo"\ndescription = """\nA demo.\n"""\n' +
    '[project.optional-dependencies]\nsecurity = ["requests"]\n';
  const read = () =>
    readPdmLock(lock, {
      path: "pdm.lock",
      load: (p) => p === "pyproject.toml" ? pyproject : undefined,
    })
      .components.map((c) => `${c.name} ${c.scopes.join("+")}`);
  let scopes: string[];
  try {
    scopes = read();
  } catch (error) {
    // The inventory loads the parser and reads again (a bad manifest alone is skipped).
    assert.ok(error instanceof NeedsModule, String(error));
    await error.load();
    scopes = read();
  }
  assert.deepEqual(scopes, ["requests optional"]);
});

Deno.test("readPdmLock: extras entries collapse into one component", () => {
  const out = readFixture("pdm.lock");
  const httpx = out.components.filter((c) => c.name === "httpx");
  assert.equal(httpx.length, 1);
  assert.deepEqual(httpx[0].hashes, [], "two files: no package-level hash");
  assert.equal(httpx[0].distributions?.length, 2);
  assert.ok(httpx[0].distributions!.every((d) => d.file !== undefined && d.hashes.length === 1));
  assert.deepEqual(httpx[0].groups, ["socks"]);
  assert.deepEqual(httpx[0].scopes, ["dev", "runtime"]);
  assert.deepEqual(out.components.map((c) => c.name), ["httpx", "idna", "pytest", "socksio"]);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/demo-plugin@0.2.0"]);
});

Deno.test("readPdmLock: git and url files, edges without the root", () => {
  const out = readFixture("pdm.lock");
  const vcs =
    "git+https://github.com/pytest-dev/pytest.git@fedcba9876543210fedcba9876543210fedcba98";
  const pytest = out.components.find((c) => c.name === "pytest");
  assert.equal(pytest?.id, pypiPurl("pytest", "8.3.2", { vcs_url: vcs }));
  assert.equal(pytest?.downloadLocation, vcs);
  assert.deepEqual(pytest?.scopes, ["dev"]);
  const idna = out.components.find((c) => c.name === "idna");
  assert.equal(
    idna?.downloadLocation,
    "https://files.pythonhosted.org/packages/21/ed/idna-3.7.tar.gz",
  );
  assert.deepEqual(out.edges.map((e) => `${e.from} ${e.to}`), [
    "pkg:pypi/demo-plugin@0.2.0 pkg:pypi/httpx@0.27.0",
    "pkg:pypi/httpx@0.27.0 pkg:pypi/idna@3.7",
    "pkg:pypi/httpx@0.27.0 pkg:pypi/socksio@1.0.0",
  ]);
  assert.ok(out.components.every((c) => !c.direct));
});

Deno.test("readPdmLock: a PDM 1 lock (3.x) with its files in [metadata.files]", () => {
  const out = readFixture("pdm_v3.lock");
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:pypi/click@8.0.3",
    "pkg:pypi/colorama@0.4.4",
    "pkg:pypi/markdown@3.3.6",
    "pkg:pypi/pysocks@1.7.1",
    "pkg:pypi/requests@2.26.0",
  ]);
  const byName = new Map(out.components.map((c) => [c.name, c]));
  // One file: the package's own hash; several: one distribution each.
  assert.deepEqual(byName.get("colorama")?.hashes, [{
    alg: "sha256",
    hex: "9f47eda37229f68eee03b24b9748937c7dc3868f906e8ba69fbcbdd3bc5dc3e2",
  }]);
  assert.deepEqual(byName.get("colorama")?.scopes, ["dev"]);
  assert.deepEqual(byName.get("click")?.hashes, []);
  assert.deepEqual(byName.get("click")?.distributions?.map((d) => d.file), [
    "click-8.0.3-py3-none-any.whl",
    "click-8.0.3.tar.gz",
  ]);
  assert.equal(byName.get("Markdown")?.distributions?.length, 2, "key matched by PEP 503 name");
  assert.equal(byName.get("requests")?.hashes.length, 1, "extras key matched");
  assert.deepEqual(out.edges.map((e) => `${e.from} ${e.to}`), [
    "pkg:pypi/click@8.0.3 pkg:pypi/colorama@0.4.4",
    "pkg:pypi/requests@2.26.0 pkg:pypi/pysocks@1.7.1",
  ]);
});

Deno.test("readPdmLock: a dependency's exact pin names its locked version by PEP 440 equality", () => {
  const lock = '[metadata]\nlock_version = "4.4"\ncontent_hash = "sha256:00"\n\n' +
    '[[package]]\nname = "app-lib"\nversion = "1.0"\ndependencies = ["rich==1.0.0b14"]\n\n' +
    '[[package]]\nname = "rich"\nversion = "1.0.0-beta14"\n\n' +
    '[[package]]\nname = "rich"\nversion = "2.0"\n';
  const out = readPdmLock(lock, { path: "pdm.lock" });
  assert.deepEqual(out.edges.filter((e) => e.from !== ROOT_ID).map((e) => `${e.from} ${e.to}`), [
    "pkg:pypi/app-lib@1.0 pkg:pypi/rich@1.0.0-beta14",
  ]);
});

Deno.test("readPdmLock: a 4.0-4.2 lock takes its hashes from [metadata.files]", () => {
  const lock =
    '[[package]]\nname = "idna"\nversion = "3.7"\n\n[metadata]\nlock_version = "4.2"\n\n' +
    '[metadata.files]\n"idna 3.7" = [\n  {url = "https://files.example/idna-3.7.tar.gz", ' +
    'hash = "sha256:028ff3aadf0609c1fd278d8ea3089299412a7a8b9bd005dd08b9f8285bcb5cfc"},\n]\n';
  const [idna] = readPdmLock(lock, { path: "pdm.lock" }).components;
  assert.equal(
    idna.hashes[0]?.hex,
    "028ff3aadf0609c1fd278d8ea3089299412a7a8b9bd005dd08b9f8285bcb5cfc",
  );
  assert.equal(idna.downloadLocation, "https://files.example/idna-3.7.tar.gz");
  assert.throws(
    () =>
      readPdmLock('[metadata]\nlock_version = "4.1"\n\n[metadata.files]\nidna = []\n', {
        path: "pdm.lock",
      }),
    (e: unknown) =>
      e instanceof VouchError && e.code === "inventory.pdm_lock.invalid" &&
      e.message.startsWith("pdm.lock:4: "),
  );
});

Deno.test("readPdmLock: an early PDM 1 lock names the major version alone", () => {
  // As frostming/marko's pdm.lock of 2021: `lock_version = "3"`, the files in [metadata.files].
  const lock = '[[package]]\nname = "toml"\nversion = "0.10.2"\n' +
    'requires_python = ">=2.6,!=3.0.*,!=3.1.*,!=3.2.*"\n\n[metadata]\nlock_version = "3"\n' +
    'content_hash = "sha256:adf99f6862dbd13a499a11a6f2acdbf0ee6a5b5cf9530f67b181add13baeafac"\n\n' +
    '[metadata.files]\n"toml 0.10.2" = [\n    {file = "toml-0.10.2-py2.py3-none-any.whl", ' +
    'hash = "sha256:806143ae5bfb6a3c6e736a764057db0e6a0e05e338b5630894a5f779cabb4f9b"},\n]\n';
  const [toml] = readPdmLock(lock, { path: "pdm.lock" }).components;
  assert.equal(toml.purl, "pkg:pypi/toml@0.10.2");
  assert.equal(
    toml.hashes[0]?.hex,
    "806143ae5bfb6a3c6e736a764057db0e6a0e05e338b5630894a5f779cabb4f9b",
  );
});

Deno.test("readPdmLock: unsupported version and bad dependency", async () => {
  await loadTomlParser(); // invalid TOML is smol-toml's to report
  assert.throws(
    () => readFixture("pdm_unsupported.lock"),
    (e: unknown) =>
      e instanceof VouchError && e.code === "inventory.pdm_lock.unsupported_version" &&
      e.message.startsWith("pdm_unsupported.lock:3: "),
  );
  assert.throws(
    () => readFixture("pdm_bad_dependency.lock"),
    (e: unknown) =>
      e instanceof VouchError && e.code === "inventory.pdm_lock.invalid" &&
      e.message.startsWith("pdm_bad_dependency.lock:9: ") && e.message.includes("bad name here"),
  );
  assert.throws(
    () => readPdmLock("[metadata\n", { path: "pdm.lock" }),
    (e: unknown) =>
      e instanceof VouchError && e.code === "inventory.pdm_lock.invalid" &&
      /^pdm\.lock:1:/.test(e.message),
  );
  // Found by fuzzing, each refused naming the file alone: no [metadata] at all (the first line),
  // a [metadata] without lock_version (its line), a `package` written as an assignment.
  const cases: [text: string, code: string, message: string][] = [
    // Empty, blank or header-only: no lock PDM can use (it was read as a lock of nothing).
    [
      "",
      "inventory.pdm_lock.unsupported_version",
      "pdm.lock:1: pdm.lock has no [metadata] lock_version",
    ],
    [
      "# This file is @generated by PDM.\n# It is not intended for manual editing.\n",
      "inventory.pdm_lock.unsupported_version",
      "pdm.lock:1: pdm.lock has no [metadata] lock_version",
    ],
    [
      '[[package]]\nname = "a"\nversion = "1.0"\n',
      "inventory.pdm_lock.unsupported_version",
      "pdm.lock:1: pdm.lock has no [metadata] lock_version",
    ],
    [
      '[[package]]\nname = "a"\nversion = "1.0"\n\n[metadata]\ngroups = []\n',
      "inventory.pdm_lock.unsupported_version",
      "pdm.lock:5: pdm.lock has no [metadata] lock_version",
    ],
    [
      'package = 3\n\n[metadata]\ngroups = ["default"]\nlock_version = "4.5.0"\n',
      "inventory.pdm_lock.invalid",
      "pdm.lock:1: `package` must be an array of tables",
    ],
    // A dependency written with TOML escapes (a blank one, quotes in its marker): its own line.
    [
      '[[package]]\nname = "a"\nversion = "1.0"\ndependencies = [\n  "\\r",\n]\n\n' +
      '[metadata]\ngroups = ["default"]\nlock_version = "4.5.0"\n',
      "inventory.pdm_lock.invalid",
      'pdm.lock:5: invalid requirement "": it is empty',
    ],
    [
      '[[package]]\nname = "a"\nversion = "1.0"\ndependencies = [\n  "b>>>1; os_name == \\"nt\\"",\n]\n\n' +
      '[metadata]\ngroups = ["default"]\nlock_version = "4.5.0"\n',
      "inventory.pdm_lock.invalid",
      'pdm.lock:5: invalid requirement "b>>>1; os_name == "nt"": bad version clause ">>>1"',
    ],
  ];
  for (const [text, code, message] of cases) {
    assert.throws(
      () => readPdmLock(text, { path: "pdm.lock" }),
      (e: unknown) => e instanceof VouchError && e.code === code && e.message === message,
      message,
    );
  }
});

Deno.test("readPdmLock: corpus lock gives exactly the locked packages", () => {
  if (skipWithoutShared("pdm.lock corpus accuracy")) return;
  const text = Deno.readTextFileSync(`${SHARED_DIR}/corpus/pdm-project__pdm/pdm.lock`);
  const out = readPdmLock(text, { path: "pdm.lock" });
  const ids = new Set(out.components.map((c) => c.id));
  assert.equal(ids.size, 96);
  assert.equal(out.components.length, 96);
  for (
    const s of [
      "pkg:pypi/hishel@1.2.1",
      "pkg:pypi/httpx@0.28.1",
      "pkg:pypi/coverage@7.13.5",
      "pkg:pypi/mkdocstrings@1.0.4",
    ]
  ) {
    assert.ok(ids.has(s), s);
  }
  assert.ok(out.edges.every((e) => ids.has(e.from) && ids.has(e.to)));
  assert.ok(!out.edges.some((e) => e.from === e.to));
});

Deno.test("readPdmLock: a git source's subdirectory is the SPDX #<sub_path> of its vcs_url", () => {
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n[[package]]\nname = "sub-pkg"\n' +
    'version = "0.1.0"\ngit = "https://github.com/acme/mono.git"\nref = "main"\n' +
    'revision = "4a23745badf5bf5ef7928f1e346e9986bd696d82"\nsubdirectory = "libs/sub"\n';
  const [pkg] = readPdmLock(lock, { path: "pdm.lock" }).components;
  assert.equal(
    pkg.downloadLocation,
    "git+https://github.com/acme/mono.git@4a23745badf5bf5ef7928f1e346e9986bd696d82#libs/sub",
  );
});

// PDM locks a Mercurial (or Subversion, Bazaar) checkout under that VCS's key, as it does a git
// one under `git` (VcsRequirement.as_lockfile_entry): it was read as a package from the index.
Deno.test("readPdmLock: an hg checkout is a vcs_url at its revision, as a git one is", () => {
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n[[package]]\nname = "devcron"\n' +
    'version = "0.4"\nrequires_python = ">=3.6"\nhg = "https://bitbucket.org/dbenamy/devcron"\n' +
    'ref = "0.4"\nrevision = "a1b2c3d4e5f6"\nsummary = "A cron for development"\n' +
    'groups = ["default"]\n';
  const [pkg] = readPdmLock(lock, { path: "pdm.lock" }).components;
  const vcs = "hg+https://bitbucket.org/dbenamy/devcron@a1b2c3d4e5f6";
  assert.equal(pkg.downloadLocation, vcs);
  assert.equal(pkg.purl, pypiPurl("devcron", "0.4", { vcs_url: vcs }));
});

// With `static_urls` a pdm.lock has the URLs PDM downloads each file from, and no index: a private
// index's files were named as PyPI's package (a PyPI package of that name is another one).
Deno.test("readPdmLock: static_urls files off PyPI's host give the purl their URL, not PyPI", () => {
  const lock =
    '[metadata]\ngroups = ["default"]\nstrategy = ["inherit_metadata", "static_urls"]\n' +
    'lock_version = "4.5.0"\n\n[[package]]\nname = "click"\nversion = "8.1.8"\n' +
    'groups = ["default"]\nfiles = [\n' +
    '    {url = "https://files.pythonhosted.org/packages/7e/d4/click-8.1.8-py3-none-any.whl", ' +
    `hash = "sha256:${"a".repeat(64)}"},\n]\n\n` +
    '[[package]]\nname = "internal-lib"\nversion = "1.2.0"\ngroups = ["default"]\nfiles = [\n' +
    '    {url = "https://pkgs.example.com/packages/internal_lib-1.2.0-py3-none-any.whl", ' +
    `hash = "sha256:${"b".repeat(64)}"},\n` +
    '    {url = "https://pkgs.example.com/packages/internal_lib-1.2.0.tar.gz", ' +
    `hash = "sha256:${"c".repeat(64)}"},\n]\n`;
  const purls = readPdmLock(lock, { path: "pdm.lock" }).components.map((c) => c.purl).sort();
  assert.deepEqual(purls, [
    pypiPurl("click", "8.1.8"),
    pypiPurl("internal-lib", "1.2.0", { repository_url: "https://pkgs.example.com/packages/" }),
  ]);
});

// PDM searches PyPI and each [[tool.pdm.source]] (one named `pypi` replaces PyPI); the lock does
// not record which served a package: all named PyPI's, without a word.
Deno.test("readPdmLock: a source named pypi is every package's index; with another beside PyPI, a warning", () => {
  const lock = '[metadata]\ngroups = ["default"]\ncross_platform = true\nstatic_urls = false\n' +
    'lock_version = "4.3"\n\n[[package]]\nname = "aiosignal"\nversion = "1.3.1"\n' +
    'requires_python = ">=3.7"\nfiles = [\n    {file = "aiosignal-1.3.1.tar.gz", ' +
    `hash = "sha256:${"a".repeat(64)}"},\n]\n`;
  const read = (source: string) =>
    readPdmLock(lock, {
      path: "pdm.lock",
      load: (p) =>
        p === "pyproject.toml"
          ? '[project]\nname = "demo"\nversion = "0.1.0"\ndependencies = ["aiosignal"]\n\n' +
            '[[tool.pdm.source]]\nname = "' + source + '"\n' +
            'url = "https://u:s3cret@pypi.tuna.tsinghua.edu.cn/simple"\nverify_ssl = true\n'
          : undefined,
    });
  const mirror = read("pypi");
  assert.deepEqual(mirror.components.map((c) => c.purl), [
    pypiPurl("aiosignal", "1.3.1", { repository_url: "https://pypi.tuna.tsinghua.edu.cn/simple" }),
  ]);
  assert.equal(mirror.warnings, undefined);
  // A source at PyPI's legacy URL, which PyPI redirects to pypi.org, is PyPI: nothing ambiguous.
  const legacy = readPdmLock(lock, {
    path: "pdm.lock",
    load: (p) =>
      p === "pyproject.toml"
        ? '[project]\nname = "demo"\n\n[[tool.pdm.source]]\nname = "old"\n' +
          'url = "https://pypi.python.org/simple/"\n'
        : undefined,
  });
  assert.deepEqual(legacy.components.map((c) => c.purl), [pypiPurl("aiosignal", "1.3.1")]);
  assert.equal(legacy.warnings, undefined);
  const extra = read("tuna");
  assert.deepEqual(extra.components.map((c) => c.purl), [pypiPurl("aiosignal", "1.3.1")]);
  assert.deepEqual(extra.warnings, [
    "pdm.lock: PDM takes each package from whichever of https://pypi.org/simple, " +
    "https://pypi.tuna.tsinghua.edu.cn/simple ([[tool.pdm.source]] of pyproject.toml) offers " +
    "the best match, and the lock does not record which, so the index of aiosignal is " +
    "ambiguous: their purls name the first (lock with `pdm lock --static-urls` to record each " +
    "file's URL)",
  ]);
});

// PDM's `include_packages`/`exclude_packages` (pdm.utils.filtered_sources, patterns normalized
// as RepositoryConfig does): a source that includes a package is the only one searched for it;
// one that excludes it is not searched. vouch named PyPI for every package, with a warning that
// the index of each was ambiguous. The sources as PDM users write them for PyTorch on Intel XPU.
Deno.test("readPdmLock: include_packages and exclude_packages pick the one index PDM searched", () => {
  const entry = (name: string, version: string) =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\ngroups = ["default"]\nfiles = [\n` +
    `    {file = "${name.replaceAll("-", "_")}-${version}-py3-none-any.whl", ` +
    `hash = "sha256:${"a".repeat(64)}"},\n]\n\n`;
  const lock = '[metadata]\ngroups = ["default"]\nstrategy = ["inherit_metadata"]\n' +
    'lock_version = "4.5.0"\n\n' + entry("torch", "2.8.0+xpu") +
    entry("intel-extension-for-pytorch", "2.8.10+xpu") + entry("oneccl-bind-pt", "2.8.0+xpu") +
    entry("numpy", "2.3.2");
  const out = readPdmLock(lock, {
    path: "pdm.lock",
    load: (p) =>
      p === "pyproject.toml"
        ? '[project]\nname = "demo"\nversion = "0.1.0"\n\n' +
          '[[tool.pdm.source]]\nname = "pytorch"\nurl = "https://download.pytorch.org/whl/xpu"\n' +
          'include_packages = ["torch", "torchvision", "torchaudio", "pytorch-triton-xpu"]\n' +
          'exclude_packages = ["*"]\n\n[[tool.pdm.source]]\nname = "intel"\n' +
          'url = "https://pytorch-extension.intel.com/release-whl/stable/xpu/us/"\n' +
          'include_packages = ["intel-extension-for-pytorch", "oneccl_bind_pt"]\n' +
          'exclude_packages = ["*"]\n'
        : undefined,
  });
  const intel = {
    repository_url: "https://pytorch-extension.intel.com/release-whl/stable/xpu/us/",
  };
  assert.deepEqual(out.components.map((c) => c.purl).sort(), [
    pypiPurl("intel-extension-for-pytorch", "2.8.10+xpu", intel),
    pypiPurl("numpy", "2.3.2"),
    pypiPurl("oneccl-bind-pt", "2.8.0+xpu", intel),
    pypiPurl("torch", "2.8.0+xpu", { repository_url: "https://download.pytorch.org/whl/xpu" }),
  ]);
  assert.equal(out.warnings, undefined);
});

// An include wins over an exclude of the same source and of others; a source named pypi stands
// where it is listed (PyPI is put first only when none is), so it is not the first searched.
Deno.test("readPdmLock: a package no source excludes is ambiguous; one every source excludes, a warning", () => {
  const entry = (name: string) =>
    `[[package]]\nname = "${name}"\nversion = "1.0.0"\ngroups = ["default"]\nfiles = [\n` +
    `    {file = "${name.replaceAll("-", "_")}-1.0.0.tar.gz", hash = "sha256:${
      "a".repeat(64)
    }"},\n]\n\n`;
  const lock = '[metadata]\ngroups = ["default"]\nstrategy = ["inherit_metadata"]\n' +
    'lock_version = "4.5.0"\n\n' + entry("Foo_Core") + entry("bar-baz") + entry("requests") +
    entry("secret-tool");
  const out = readPdmLock(lock, {
    path: "pdm.lock",
    load: (p) =>
      p === "pyproject.toml"
        ? '[project]\nname = "demo"\nversion = "0.1.0"\n\n' +
          '[[tool.pdm.source]]\nname = "private"\nurl = "https://private.example.org/simple"\n' +
          'include_packages = ["foo", "Foo_*"]\nexclude_packages = ["bar-*", "secret-?ool"]\n\n' +
          '[[tool.pdm.source]]\nname = "pypi"\nurl = "https://pypi.org/simple"\n' +
          'exclude_packages = ["foo*", "secret-[a-z]*"]\n'
        : undefined,
  });
  assert.deepEqual(out.components.map((c) => c.purl).sort(), [
    pypiPurl("bar-baz", "1.0.0"),
    pypiPurl("foo-core", "1.0.0", { repository_url: "https://private.example.org/simple" }),
    pypiPurl("requests", "1.0.0", { repository_url: "https://private.example.org/simple" }),
    pypiPurl("secret-tool", "1.0.0"),
  ]);
  assert.deepEqual(out.warnings, [
    "pdm.lock: every [[tool.pdm.source]] of pyproject.toml keeps secret-tool out " +
    "(`exclude_packages`), so PDM took them from a source configured elsewhere (pdm.toml, the " +
    "user's configuration), which vouch does not read: their purls name no index",
    "pdm.lock: PDM takes each package from whichever of https://private.example.org/simple, " +
    "https://pypi.org/simple ([[tool.pdm.source]] of pyproject.toml) offers the best match, and " +
    "the lock does not record which, so the index of requests is ambiguous: their purls name " +
    "the first (lock with `pdm lock --static-urls` to record each file's URL)",
  ]);
});

// A `subdirectory` that is no string was ignored (the archive's root was the download location);
// pylock.toml refuses its `archive.subdirectory` the same way.
Deno.test("readPdmLock: a non-string subdirectory is invalid, at its package", () => {
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n[[package]]\nname = "sub-pkg"\n' +
    'version = "0.1.0"\nurl = "https://h.example/mono-1.0.zip"\nsubdirectory = 5\n';
  assert.throws(
    () => readPdmLock(lock, { path: "pdm.lock" }),
    (error: unknown) =>
      error instanceof VouchError && error.code === "inventory.pdm_lock.invalid" &&
      /^pdm\.lock:4: package "sub-pkg" has a non-string `subdirectory`$/.test(error.message),
  );
});

Deno.test("readPdmLock: a url source's folder stays on its download_url as uv.lock gives it, egg and hash fragments dropped, the hash kept as its file's", () => {
  const entry = (name: string, tail: string) =>
    `[[package]]\nname = "${name}"\nversion = "0.1.0"\ngroups = ["default"]\n${tail}\n`;
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n' +
    // As the requirement wrote it (PDM's FileRequirement keeps the URL whole) ...
    entry("in-url", 'url = "https://h.example/mono-1.0.zip#egg=in-url&subdirectory=libs/a"') +
    // ... or with the folder apart, as a requirement read back from a direct_url.json has it.
    entry("apart", 'url = "https://h.example/mono-1.0.zip"\nsubdirectory = "libs/b"') +
    entry("hashed", 'url = "https://h.example/hashed-0.1.0.tar.gz#sha256=' + "a".repeat(64) + '"');
  const out = readPdmLock(lock, { path: "pdm.lock" });
  assert.deepEqual(out.components.map((c) => c.downloadLocation), [
    "https://h.example/mono-1.0.zip#subdirectory=libs/b",
    "https://h.example/hashed-0.1.0.tar.gz",
    "https://h.example/mono-1.0.zip#subdirectory=libs/a",
  ]);
  assert.deepEqual(out.components[1].hashes, [{ alg: "sha256", hex: "a".repeat(64) }]);
  assert.equal(
    out.components[0].purl,
    pypiPurl("apart", "0.1.0", {
      download_url: "https://h.example/mono-1.0.zip#subdirectory=libs/b",
    }),
  );
});

Deno.test("readPdmLock: a local distribution file is a package wherever it lies, with its file_name, no download location", () => {
  // The purl-spec's `file_name` says it is that file (was: the index's plain purl).
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n' +
    // `pdm add ./vendor/…whl`: PDM writes the file's `path`, as it does a folder's.
    '[[package]]\nname = "vendored"\nversion = "3.1"\n' +
    'path = "./vendor/vendored-3.1-py3-none-any.whl"\ngroups = ["default"]\n\n' +
    // Early PDM 2 wrote a local file as a URL under the project's root.
    '[[package]]\nname = "localfile"\nversion = "2.0"\n' +
    'url = "file:///${PROJECT_ROOT}/dist/localfile-2.0.tar.gz"\ngroups = ["default"]\n\n' +
    '[[package]]\nname = "inner"\nversion = "0.1.0"\npath = "./libs/inner"\n' +
    'editable = true\ngroups = ["default"]\n';
  const out = readPdmLock(lock, { path: "pdm.lock" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.downloadLocation]), [
    ["pkg:pypi/localfile@2.0?file_name=localfile-2.0.tar.gz", undefined],
    ["pkg:pypi/vendored@3.1?file_name=vendored-3.1-py3-none-any.whl", undefined],
  ]);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/inner@0.1.0"]);
});

Deno.test("readPdmLock: a folder's `file:///${PROJECT_ROOT}/…` URL is percent-decoded, as PDM reads it", () => {
  // PDM quotes the path into the URL (PDMBackend.relative_path_to_url) and unquotes it back
  // (get_relative_path). Was: the folder `my%20lib`, missing, so a "no pyproject.toml" warning.
  const lock = '[metadata]\nlock_version = "4.4"\n\n[[package]]\nname = "mylib"\n' +
    'version = "0.2.0"\nurl = "file:///${PROJECT_ROOT}/libs/my%20lib"\ngroups = ["default"]\n';
  const files: Record<string, string> = {
    "libs/my lib/pyproject.toml": '[project]\nname = "mylib"\nversion = "0.2.0"\n',
  };
  const out = readPdmLock(lock, { path: "pdm.lock", load: (p) => files[p] });
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/mylib@0.2.0"]);
  assert.deepEqual(out.memberFolders, ["libs/my lib"]);
  assert.equal(out.warnings, undefined);
});

Deno.test("readPdmLock: a path package whose folder holds no Python project (a submodule not checked out) is a warning", () => {
  // PDM refuses it (FileRequirement._check_installable: "The local path … is not installable"
  // without setup.py or pyproject.toml). Was: a member, silently.
  const pkg = (name: string, version: string, path: string): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\npath = "${path}"\n` +
    'editable = true\ngroups = ["default"]\n\n';
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n' + pkg("lib", "0.1.0", "./libs/lib") +
    pkg("proto", "0.2.0", "./external/proto") + pkg("cfg", "1.0", "./libs/cfg");
  const files: Record<string, string> = {
    "libs/lib/pyproject.toml": '[project]\nname = "lib"\nversion = "0.1.0"\n',
    // setup.cfg alone is no project for PDM (nor pip).
    "libs/cfg/setup.cfg": "[metadata]\nname = cfg\n",
  };
  const out = readPdmLock(lock, { path: "pdm.lock", load: (p) => files[p] });
  assert.deepEqual(out.members.map((m) => m.id), [
    "pkg:pypi/cfg@1.0",
    "pkg:pypi/lib@0.1.0",
    "pkg:pypi/proto@0.2.0",
  ]);
  assert.deepEqual(out.warnings, [
    "pdm.lock installs proto (external/proto), cfg (libs/cfg) from a folder with no " +
    "pyproject.toml or setup.py in the project (a git submodule not checked out?): PDM refuses " +
    "to install them, and the SBOM has them as first-party code without knowing their contents",
  ]);
  files["external/proto/pyproject.toml"] = '[project]\nname = "proto"\nversion = "0.2.0"\n';
  files["libs/cfg/setup.py"] = "from setuptools import setup\nsetup()\n";
  assert.equal(readPdmLock(lock, { path: "pdm.lock", load: (p) => files[p] }).warnings, undefined);
});

Deno.test("readPdmLock: a lock without per-package groups leaves scopes to the declarations", () => {
  assert.equal(readFixture("pdm-4.1/pdm.lock").scopesFromDeclarations, true);
  assert.equal(readFixture("pdm.lock").scopesFromDeclarations, undefined, "groups recorded");
});

Deno.test("readPdmLock: a group named after an extra of the pyproject.toml beside the lock is optional, another dev", () => {
  const lock = [
    "[metadata]",
    'groups = ["default", "security", "test"]',
    'lock_version = "4.5.0"',
    "",
    "[[package]]",
    'name = "idna"',
    'version = "3.7"',
    'groups = ["default", "security"]',
    "",
    "[[package]]",
    'name = "requests"',
    'version = "2.32.3"',
    'groups = ["security"]',
    'dependencies = ["urllib3<3,>=1.21.1"]',
    "",
    "[[package]]",
    'name = "urllib3"',
    'version = "2.2.2"',
    'groups = ["security", "test"]',
    "",
    "[[package]]",
    'name = "pytest"',
    'version = "8.2.2"',
    'groups = ["test"]',
  ].join("\n");
  const pyproject = [
    "[project]",
    'name = "demo"',
    'dependencies = ["idna"]',
    "[project.optional-dependencies]",
    'Security = ["requests"]',
    "[tool.pdm.dev-dependencies]",
    'test = ["pytest"]',
  ].join("\n");
  const scopes = (load?: (p: string) => string | undefined) =>
    readPdmLock(lock, { path: "app/pdm.lock", load }).components.map((c) =>
      `${c.name} ${c.scopes.join("+")}`
    );
  assert.deepEqual(scopes((p) => p === "app/pyproject.toml" ? pyproject : undefined), [
    "idna optional+runtime",
    "pytest dev",
    "requests optional",
    "urllib3 dev+optional",
  ]);
  // Without the manifest the lock does not tell extras from dev groups: dev, as before.
  assert.deepEqual(scopes(), [
    "idna dev+runtime",
    "pytest dev",
    "requests dev",
    "urllib3 dev",
  ]);
});

Deno.test("readPdmLock: a group named after an extra of a workspace member's pyproject.toml is optional", () => {
  // A PDM monorepo: the member packages/core (editable, by path) declares the extra `fast`.
  const lock = [
    "[metadata]",
    'groups = ["default", "fast", "lint"]',
    'lock_version = "4.5.0"',
    "",
    "[[package]]",
    'name = "core"',
    'version = "0.1.0"',
    'path = "./packages/core"',
    "editable = true",
    'groups = ["default"]',
    "",
    "[[package]]",
    'name = "orjson"',
    'version = "3.10.0"',
    'groups = ["fast"]',
    "",
    "[[package]]",
    'name = "ruff"',
    'version = "0.5.0"',
    'groups = ["lint"]',
  ].join("\n");
  const files: Record<string, string> = {
    "pyproject.toml": '[project]\nname = "mono"\nversion = "0.0.0"\n',
    "packages/core/pyproject.toml": '[project]\nname = "core"\nversion = "0.1.0"\n' +
      '[project.optional-dependencies]\nfast = ["orjson"]\n',
  };
  const out = readPdmLock(lock, { path: "pdm.lock", load: (p) => files[p] });
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/core@0.1.0"]);
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.scopes.join("+")}`), [
    "orjson optional",
    "ruff dev",
  ]);
});

Deno.test("readPdmLock: a path package outside the project is a component, one inside a member", () => {
  // `pdm add ../../common` from app/: another checkout beside the project, and a folder of it.
  const lock = [
    "[metadata]",
    'groups = ["default"]',
    'strategy = ["inherit_metadata"]',
    'lock_version = "4.5.0"',
    'content_hash = "sha256:0"',
    "",
    "[[package]]",
    'name = "Common-Lib"',
    'version = "1.4.0"',
    'requires_python = ">=3.11"',
    'path = "../../common"',
    'summary = ""',
    'groups = ["default"]',
    "",
    "[[package]]",
    'name = "tools"',
    'version = "0.0.1"',
    'path = "./tools"',
    "editable = true",
    'summary = ""',
    'groups = ["default"]',
  ].join("\n");
  const out = readPdmLock(lock, { path: "app/pdm.lock", load: () => undefined });
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), [
    ["pkg:pypi/common-lib@1.4.0", ["runtime"]],
  ]);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/tools@0.0.1"]);
  assert.deepEqual(out.memberFolders, ["app/tools"]);
});

// PDM 0.x and 1.0-1.1 locks, shaped as their `format_lockfile` and `write_lockfile` wrote them
// (pdm-project/pdm pdm/cli/actions.py, pdm/project/core.py of 2020): `sections`, a
// `[package.dependencies]` table of specifiers (a list of PEP 508 strings from PDM 1.2,
// pdm-project/pdm#236), the files under `"name version"`.
const OLD_PACKAGES = '[[package]]\nname = "click"\nsections = ["default"]\nversion = "7.1.2"\n' +
  'summary = "Composable command line interface toolkit"\n\n' +
  '[[package]]\nname = "flask"\nsections = ["default"]\nversion = "1.1.2"\n' +
  'summary = "A simple framework for building complex web applications."\n\n' +
  '[package.dependencies]\nclick = ">=5.1"\nitsdangerous = {version = ">=0.24"}\n' +
  'Jinja2 = {version = ">=2.10.1", extras = ["i18n"]}\n\n' +
  '[[package]]\nname = "itsdangerous"\nsections = ["default"]\nversion = "1.1.0"\n\n' +
  '[[package]]\nname = "jinja2"\nsections = ["default"]\nversion = "2.11.2"\n\n' +
  '[[package]]\nname = "pytest"\nsections = ["dev"]\nversion = "6.0.1"\n\n';
const OLD_FILES = '"click 7.1.2" = [\n' +
  `    {file = "click-7.1.2-py2.py3-none-any.whl", hash = "sha256:${"1".repeat(64)}"},\n` +
  `    {file = "click-7.1.2.tar.gz", hash = "sha256:${"2".repeat(64)}"},\n]\n` +
  `"pytest 6.0.1" = [\n    {file = "pytest-6.0.1.tar.gz", hash = "sha256:${"3".repeat(64)}"},\n]\n`;

function assertOldLock(out: ReturnType<typeof readPdmLock>): void {
  assert.deepEqual(out.components.map((c) => `${c.purl} ${c.scopes.join("+")}`), [
    "pkg:pypi/click@7.1.2 runtime",
    "pkg:pypi/flask@1.1.2 runtime",
    "pkg:pypi/itsdangerous@1.1.0 runtime",
    "pkg:pypi/jinja2@2.11.2 runtime",
    "pkg:pypi/pytest@6.0.1 dev",
  ]);
  const byName = new Map(out.components.map((c) => [c.name, c]));
  assert.equal(byName.get("click")?.distributions?.length, 2);
  assert.equal(byName.get("pytest")?.hashes[0]?.hex, "3".repeat(64));
  assert.deepEqual(out.edges.map((e) => `${e.from} ${e.to}`), [
    "pkg:pypi/flask@1.1.2 pkg:pypi/click@7.1.2",
    "pkg:pypi/flask@1.1.2 pkg:pypi/itsdangerous@1.1.0",
    "pkg:pypi/flask@1.1.2 pkg:pypi/jinja2@2.11.2",
  ]);
}

Deno.test("readPdmLock: a PDM 1.0-1.5 lock (lock_version 2) with a dependencies table", () => {
  const lock = OLD_PACKAGES +
    `[metadata]\nlock_version = "2"\ncontent_hash = "sha256:${"a".repeat(64)}"\n\n` +
    `[metadata.files]\n${OLD_FILES}`;
  assertOldLock(readPdmLock(lock, { path: "pdm.lock" }));
});

// PDM 0.12.2-0.12.3 (pdm-project/pdm#196) already wrote lock_version "2" and [metadata.files],
// between the [root] locks and PDM 1: an extras entry is the package again with `extras`, its
// files under "name[extra] version", a table of dependencies that names the package itself.
// Shaped like a lock PDM 0.12.3 wrote (SocketDev/socket-patch's pdm-native fixtures).
Deno.test("readPdmLock: a PDM 0.12.3 lock (lock_version 2): an extras entry with `extras` is its package", () => {
  const hash = (c: string): string => `hash = "sha256:${c.repeat(64)}"`;
  const lock = '[[package]]\nname = "PySocks"\nsections = ["default"]\nversion = "1.7.1"\n\n' +
    '[[package]]\nname = "urllib3"\nsections = ["default"]\nversion = "1.26.18"\n\n' +
    '[[package]]\nname = "urllib3"\nsections = ["default"]\nversion = "1.26.18"\n' +
    'extras = ["socks"]\n\n[package.dependencies]\nPySocks = "!=1.5.7,<2.0,>=1.5.6"\n' +
    'urllib3 = "==1.26.18"\n\n' +
    `[metadata]\nlock_version = "2"\ncontent_hash = "sha256:${"a".repeat(64)}"\n\n\n` +
    `[metadata.files]\n"pysocks 1.7.1" = [\n    {file = "PySocks-1.7.1.tar.gz", ${
      hash("1")
    }},\n]\n` +
    `"urllib3 1.26.18" = [\n    {file = "urllib3-1.26.18.tar.gz", ${hash("2")}},\n]\n` +
    `"urllib3[socks] 1.26.18" = [\n    {file = "urllib3-1.26.18.tar.gz", ${hash("2")}},\n]\n`;
  const out = readPdmLock(lock, { path: "pdm.lock" });
  assert.deepEqual(
    out.components.map((c) => `${c.purl} ${c.scopes.join("+")} ${c.hashes[0]?.hex[0]}`),
    ["pkg:pypi/pysocks@1.7.1 runtime 1", "pkg:pypi/urllib3@1.26.18 runtime 2"],
  );
  assert.deepEqual(out.edges.map((e) => `${e.from} ${e.to}`), [
    "pkg:pypi/urllib3@1.26.18 pkg:pypi/pysocks@1.7.1",
  ]);
});

Deno.test("readPdmLock: a PDM 0.x lock: no lock_version, a [root] table, the files in [metadata]", () => {
  const lock = OLD_PACKAGES + `[metadata]\n${OLD_FILES}\n` +
    `[root]\nmeta_version = "0.0.1"\ncontent_hash = "md5:${"b".repeat(32)}"\n`;
  assertOldLock(readPdmLock(lock, { path: "pdm.lock" }));
  // Without the [root] table it is no PDM lock vouch knows.
  assert.throws(
    () => readPdmLock(OLD_PACKAGES + `[metadata]\n${OLD_FILES}`, { path: "pdm.lock" }),
    (e: unknown) => e instanceof VouchError && e.code === "inventory.pdm_lock.unsupported_version",
  );
});

Deno.test("readPdmLock: a path package in a folder the scan skips (vendor/, --exclude) is a component", () => {
  const pkg = (name: string, version: string, path: string): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\npath = "${path}"\n` +
    'editable = true\ngroups = ["default"]\n\n';
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n' + pkg("x", "1.2.0", "./vendor/x") +
    pkg("y", "2.0", "./third_party/y") + pkg("lib", "0.1.0", "./libs/lib");
  const out = readPdmLock(lock, {
    path: "pdm.lock",
    excluded: (folder) => folder === "third_party" || folder.startsWith("third_party/"),
  });
  // Was: members of folders the scan never enters, in no SBOM.
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/x@1.2.0", "pkg:pypi/y@2.0"]);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/lib@0.1.0"]);
  // Looked into, not read: vendor/x holds no Python project (a git submodule not checked out).
  const peeked = readPdmLock(lock, {
    path: "pdm.lock",
    excluded: (folder) => folder === "third_party" || folder.startsWith("third_party/"),
    peek: (p) => p === "third_party/y/setup.py" ? "from setuptools import setup\n" : undefined,
  });
  assert.deepEqual(peeked.warnings, [
    "pdm.lock installs x (vendor/x) from a folder the scan skips with no pyproject.toml or " +
    "setup.py (a git submodule not checked out?): PDM refuses to install it, and the SBOM has " +
    "it as the lock records it",
  ]);
});

Deno.test("readPdmLock: a local file's name is decoded once from a URL, never from a `path`", () => {
  // PDM writes `path` as it is (FileRequirement.str_path) and quotes a path into its
  // `file:///${PROJECT_ROOT}/…` URL (PDMBackend.relative_path_to_url: urllib.parse.quote).
  // Was: `path`'s `%2B` decoded to `+`, the URL's `%252B` decoded twice to `+`.
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n' +
    '[[package]]\nname = "a"\nversion = "1.0+cpu"\n' +
    'path = "./vendor/a-1.0%2Bcpu-py3-none-any.whl"\ngroups = ["default"]\n\n' +
    '[[package]]\nname = "b"\nversion = "1.0+cpu"\n' +
    'url = "file:///${PROJECT_ROOT}/vendor/b-1.0%252Bcpu.tar.gz"\ngroups = ["default"]\n';
  const out = readPdmLock(lock, { path: "pdm.lock" });
  assert.deepEqual(out.components.map((c) => c.purl), [
    pypiPurl("a", "1.0+cpu", { file_name: "a-1.0%2Bcpu-py3-none-any.whl" }),
    pypiPurl("b", "1.0+cpu", { file_name: "b-1.0%2Bcpu.tar.gz" }),
  ]);
});

Deno.test("readPdmLock: Hatch's `{root:uri}/…` URL is a path of the project, not a download", () => {
  // PDM writes it for a hatchling project (HatchBackend.relative_path_to_url, quoted) and reads
  // it back as a path (models/backends.py get_relative_path: unquote). Was: a download_url
  // `{root:uri}/…` no tool reads, and the folder's package a third-party component.
  const lock = '[metadata]\nlock_version = "4.5.0"\n\n' +
    '[[package]]\nname = "mylib"\nversion = "0.2.0"\n' +
    'url = "{root:uri}/libs/my%20lib"\ngroups = ["default"]\n\n' +
    '[[package]]\nname = "vendored"\nversion = "3.1"\n' +
    'url = "{root:uri}/vendor/vendored-3.1.tar.gz"\ngroups = ["default"]\n';
  const files: Record<string, string> = {
    "libs/my lib/pyproject.toml": '[project]\nname = "mylib"\nversion = "0.2.0"\n',
  };
  const out = readPdmLock(lock, { path: "pdm.lock", load: (p) => files[p] });
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/mylib@0.2.0"]);
  assert.deepEqual(out.memberFolders, ["libs/my lib"]);
  assert.deepEqual(out.components.map((c) => [c.purl, c.downloadLocation]), [
    ["pkg:pypi/vendored@3.1?file_name=vendored-3.1.tar.gz", undefined],
  ]);
  assert.equal(out.warnings, undefined);
});
