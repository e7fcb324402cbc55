import assert from "node:assert/strict";
import { isVouchError } from "../../../src/errors.ts";
import { OutputBuilder } from "../../../src/inventory/_builder.ts";
import {
  codeHostArchive,
  distributionFiles,
  fileHostQualifiers,
  isHex,
  isSdist,
  lowercaseHex,
  nthLine,
  parseHash,
  pipUrl,
  poetryConstraint,
  pypiComponent,
  readLockDocument,
  repositoryUrl,
  versionFromFileName,
} from "../../../src/inventory/python/_python.ts";
import type { Hash } from "../../../src/inventory/types.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { loadTomlParser } from "../../../src/inventory/_formats/toml.ts";

Deno.test("poetryConstraint converts caret, tilde, exact and wildcard constraints", () => {
  assert.equal(poetryConstraint("^1.2.3"), ">=1.2.3,<2.0.0");
  assert.equal(poetryConstraint("^0.2.3"), ">=0.2.3,<0.3.0");
  assert.equal(poetryConstraint("^0.0.3"), ">=0.0.3,<0.0.4");
  assert.equal(poetryConstraint("^0.0"), ">=0.0,<0.1");
  assert.equal(poetryConstraint("^0"), ">=0,<1");
  assert.equal(poetryConstraint("~1.2.3"), ">=1.2.3,<1.3.0");
  assert.equal(poetryConstraint("~1"), ">=1,<2");
  assert.equal(poetryConstraint("~=1.4"), "~=1.4");
  assert.equal(poetryConstraint("1.2.3"), "==1.2.3");
  assert.equal(poetryConstraint("=1.2.3"), "==1.2.3");
  assert.equal(poetryConstraint("1.2.*"), "==1.2.*");
  assert.equal(poetryConstraint(">= 1.0, < 2"), ">=1.0,<2");
  assert.equal(poetryConstraint("*"), undefined);
  assert.equal(poetryConstraint("^1.0 || ^2.0"), "^1.0 || ^2.0");
});

Deno.test("parseHash lowercases hex and rejects unknown algorithms", () => {
  assert.deepEqual(parseHash("sha256:ABCDEF01"), { alg: "sha256", hex: "abcdef01" });
  assert.deepEqual(parseHash("md5=00ff"), { alg: "md5", hex: "00ff" });
  assert.equal(parseHash("blake2:00"), undefined);
  assert.equal(parseHash("sha256:xyz"), undefined);
  // Any number of digits, a SHA-512 digest's and more, odd ones too; none is no hash.
  const sha512 = "0123456789abcdef".repeat(8);
  assert.deepEqual(parseHash(`sha512:${sha512}`), { alg: "sha512", hex: sha512 });
  assert.deepEqual(parseHash(`sha256:${sha512}ab`), { alg: "sha256", hex: `${sha512}ab` });
  assert.deepEqual(parseHash("sha1:abc"), { alg: "sha1", hex: "abc" });
  assert.deepEqual(parseHash("sha256:aB0 "), { alg: "sha256", hex: "ab0" });
  assert.deepEqual(parseHash(" sha256:aB01 "), { alg: "sha256", hex: "ab01" });
  assert.equal(parseHash("sha256:"), undefined);
  assert.equal(parseHash("sha256:ab:cd"), undefined);
  assert.equal(parseHash("sha2560:abcd"), undefined);
});

Deno.test("isHex: hex digits of either case, any number of them, at least one", () => {
  for (const text of ["00", "aBcD", "abc", "0".repeat(128), "f".repeat(129), "F".repeat(200)]) {
    assert.ok(isHex(text), text);
  }
  for (const text of ["", "g0", "ab ", " ab", "0x00", "ab:cd", "é0"]) assert.ok(!isHex(text), text);
});

Deno.test("versionFromFileName: wheels and sdists, any spelling of the name, percent-decoded", () => {
  assert.equal(
    versionFromFileName("zope.interface", "zope_interface-6.1-cp312-none-any.whl"),
    "6.1",
  );
  assert.equal(versionFromFileName("Django", "https://x/y/django-5.0.1.tar.gz?sig=1"), "5.0.1");
  assert.equal(
    versionFromFileName("fava", "https://x/fava-1.30.dev24%2Bg1c2.tar.gz"),
    "1.30.dev24+g1c2",
  );
  assert.equal(versionFromFileName("foo", "foo_bar-1.0.tar.gz"), undefined);
  assert.equal(versionFromFileName("foo", "main.zip"), undefined);
  // Found by fuzzing: the name was made into a pattern (`(` an invalid one: an internal error).
  assert.equal(versionFromFileName("a(b", "https://files/a(b-1.0.tar.gz"), "1.0");
  assert.equal(versionFromFileName("a.*", "a_x-1.0.tar.gz"), undefined);
  const long = "a".repeat(100_000);
  assert.equal(versionFromFileName(long, `${long}-2.0-py3-none-any.whl`), "2.0");
});

Deno.test("small helpers: repositoryUrl, nthLine", () => {
  assert.equal(repositoryUrl("https://pypi.org/simple"), undefined);
  assert.equal(repositoryUrl("https://pypi.org/simple/"), undefined);
  assert.equal(repositoryUrl("https://pypi.example.com/simple"), "https://pypi.example.com/simple");
  for (
    const near of [
      "https://pypi.org/simple//",
      "https://pypi.org/simplex",
      "https://pypi.org/simple ",
    ]
  ) {
    assert.equal(repositoryUrl(near), near);
  }
  // A folder of wheels (uv's flat index written as a path) is no URL: no qualifier.
  assert.equal(repositoryUrl("../../files"), undefined);
  assert.equal(repositoryUrl("/srv/wheels"), undefined);
  assert.equal(repositoryUrl("C:\\wheels"), undefined);
  assert.equal(repositoryUrl("file:///srv/wheels"), "file:///srv/wheels");
  // PyPI's legacy host and paths, which it redirects to pypi.org: PyPI, no qualifier. Was: the
  // qualifier, as of another index.
  for (
    const legacy of [
      "http://pypi.python.org/simple",
      "http://pypi.python.org/simple/",
      "https://pypi.python.org/pypi",
      "https://pypi.python.org/pypi/",
      "HTTPS://PyPI.org/simple/",
      "https://pypi.org/",
    ]
  ) assert.equal(repositoryUrl(legacy), undefined, legacy);
  assert.equal(repositoryUrl("https://pypi.org/Simple"), "https://pypi.org/Simple");
  assert.equal(repositoryUrl("https://test.pypi.org/simple"), "https://test.pypi.org/simple");
  assert.equal(repositoryUrl("https://pypi.org.evil/simple"), "https://pypi.org.evil/simple");
  assert.equal(nthLine("a\n[[package]]\nb\n[[package]]\n", /^\[\[package\]\]/, 1), 4);
  assert.equal(nthLine("a\nb", "zzz"), undefined);
});

Deno.test("OutputBuilder merges by purl, drops self and dangling edges, propagates scopes", () => {
  const b = new OutputBuilder();
  const pypi = (name: string, version: string, hashes?: Hash[]): string =>
    b.component(pypiComponent({ name, version, hashes, source: "uv.lock" }));
  const a = pypi("A", "1", [{ alg: "sha256", hex: "bb".repeat(32) }]);
  const again = pypi("a", "1", [{ alg: "sha256", hex: "aa".repeat(32) }, {
    alg: "sha256",
    hex: "bb".repeat(32),
  }]);
  assert.equal(a, again);
  const c = pypi("c", "2");
  const d = pypi("d", "3");
  b.edge(ROOT_ID, a, "runtime");
  b.edge(ROOT_ID, c, "dev");
  b.edge(c, d, "runtime");
  b.edge(a, a, "runtime");
  b.edge(a, "pkg:pypi/missing@1", "runtime");
  b.declare(c, ["test"]);
  b.propagateScopes();
  const out = b.build();
  assert.deepEqual(out.components.map((x) => [x.id, x.scopes, x.direct, x.groups]), [
    ["pkg:pypi/a@1", ["runtime"], false, []],
    ["pkg:pypi/c@2", ["dev"], true, ["test"]],
    ["pkg:pypi/d@3", ["dev"], false, []],
  ]);
  assert.deepEqual(out.components[0].hashes.map((h) => h.hex), ["aa".repeat(32), "bb".repeat(32)]);
  assert.equal(out.edges.length, 3);
});

Deno.test("pypiComponent derives the purl and the single source", () => {
  assert.deepEqual(
    pypiComponent({
      name: "My_Pkg",
      version: "1.0",
      specifier: "==1.0",
      qualifiers: { repository_url: "https://example.com/simple" },
      direct: true,
      scopes: ["dev"],
      source: "requirements/dev.txt",
    }),
    {
      name: "My_Pkg",
      version: "1.0",
      specifier: "==1.0",
      direct: true,
      scopes: ["dev"],
      purl: "pkg:pypi/my-pkg@1.0?repository_url=https:%2F%2Fexample.com%2Fsimple",
      ecosystem: "pypi",
      sources: ["requirements/dev.txt"],
    },
  );
  assert.equal(pypiComponent({ name: "x", source: "pyproject.toml" }).purl, "pkg:pypi/x");
});

Deno.test("distributionFiles: one file gives the component its hashes, several stay per file", () => {
  assert.deepEqual(
    distributionFiles([
      { url: "https://f/x-1.tar.gz", hash: "sha256:AB" },
      "not a table",
      undefined,
      { file: "x-1-py3-none-any.whl", hash: "blake2:00" },
      { url: "https://f/x-1-py3-none-any.whl" },
      { hash: "md5:0F" },
      { size: 3 },
    ]),
    {
      hashes: [],
      distributions: [
        { url: "https://f/x-1.tar.gz", hashes: [{ alg: "sha256", hex: "ab" }] },
        { file: "x-1-py3-none-any.whl", hashes: [] },
        { url: "https://f/x-1-py3-none-any.whl", hashes: [] },
        { hashes: [{ alg: "md5", hex: "0f" }] },
      ],
      url: "https://f/x-1.tar.gz",
    },
  );
  assert.deepEqual(
    distributionFiles([{ url: "https://f/x-1-py3-none-any.whl", hash: "sha256:cd" }]),
    {
      hashes: [{ alg: "sha256", hex: "cd" }],
      distributions: [],
      url: "https://f/x-1-py3-none-any.whl",
    },
    "one file: its hashes are the component's",
  );
  assert.deepEqual(
    distributionFiles([{ url: "https://f/x-1-py3-none-any.whl" }, { url: "https://f/x-1.zip" }])
      .url,
    "https://f/x-1.zip",
    "the sdist is the download location",
  );
  assert.deepEqual(distributionFiles([]), { hashes: [], distributions: [], url: undefined });
});

Deno.test("readLockDocument parses, checks `package` and locates packages", async () => {
  await loadTomlParser(); // invalid TOML is smol-toml's to report
  const text = 'version = 1\n\n[[package]]\nname = "a"\n\n[[package]]\nname = "b"\n';
  const lock = readLockDocument(text, { path: "x/uv.lock", reader: "uv_lock" });
  assert.equal(lock.doc.version, 1);
  assert.deepEqual(lock.packages.map((p) => p.name), ["a", "b"]);
  assert.equal(lock.where(0), "x/uv.lock:3");
  assert.equal(lock.where(1), "x/uv.lock:6");
  assert.equal(lock.where(2), "x/uv.lock");
  assert.deepEqual(lock.nameAndVersion(0), { name: "a", version: undefined });
  const checked = readLockDocument(
    '[[package]]\nname = "a"\nversion = "1"\n\n[[package]]\nversion = "2"\n\n' +
      '[[package]]\nname = "c"\nversion = 3\n',
    { path: "pdm.lock", reader: "pdm_lock" },
  );
  assert.deepEqual(checked.nameAndVersion(0), { name: "a", version: "1" });
  assert.throws(() => checked.nameAndVersion(1), {
    code: "inventory.pdm_lock.invalid",
    message: "pdm.lock:5: package without a `name`",
  });
  assert.throws(() => checked.nameAndVersion(2), {
    code: "inventory.pdm_lock.invalid",
    message: 'pdm.lock:8: package "c" has a non-string `version`',
  });
  assert.deepEqual(readLockDocument("", { path: "pdm.lock", reader: "pdm_lock" }).packages, []);
  const failure = (source: string): unknown => {
    try {
      readLockDocument(source, { path: "poetry.lock", reader: "poetry_lock" });
    } catch (error) {
      return error;
    }
    return undefined;
  };
  const strings = failure('package = ["x"]\n');
  assert.ok(isVouchError(strings));
  assert.equal(strings.message, "poetry.lock:1: `package` must be an array of tables");
  const notTables = failure('a = 1\n\n[package]\nname = "x"\n');
  assert.ok(isVouchError(notTables));
  assert.equal(notTables.code, "inventory.poetry_lock.invalid");
  assert.equal(notTables.message, "poetry.lock:3: `package` must be an array of tables");
  const badToml = failure("[[package]\n");
  assert.ok(isVouchError(badToml));
  assert.equal(badToml.code, "inventory.poetry_lock.invalid");
  assert.match(badToml.message, /^poetry\.lock:1:\d+: invalid TOML/);
});

Deno.test("pipUrl: egg, subdirectory and hash fragments are not the location", () => {
  const hex = "ab".repeat(32);
  assert.deepEqual(pipUrl("git+https://h.example/x.git@v1#egg=x[cli]&subdirectory=libs/y"), {
    url: "git+https://h.example/x.git@v1#libs/y",
    vcs: true,
    egg: "x",
    hashes: [],
  });
  assert.deepEqual(pipUrl(`https://h.example/x-1.0.tar.gz#sha256=${hex}`), {
    url: "https://h.example/x-1.0.tar.gz",
    vcs: false,
    hashes: [{ alg: "sha256", hex }],
  });
  assert.deepEqual(pipUrl("https://h.example/x-1.0.tar.gz"), {
    url: "https://h.example/x-1.0.tar.gz",
    vcs: false,
    hashes: [],
  });
  // An archive's folder that is built stays with its URL, as uv writes it (was dropped).
  assert.deepEqual(pipUrl(`https://h.example/repo.zip#subdirectory=libs/y&sha256=${hex}`), {
    url: "https://h.example/repo.zip#subdirectory=libs/y",
    vcs: false,
    hashes: [{ alg: "sha256", hex }],
  });
});

Deno.test("codeHostArchive: GitHub's, Gitea's and GitLab's snapshots name their repository; an index's archive folder does not", () => {
  assert.equal(
    codeHostArchive("https://github.com/drkjam/netaddr/archive/rel-0.7.5.tar.gz"),
    "netaddr",
  );
  assert.equal(codeHostArchive("https://codeberg.org/o/lib/archive/v1.0.zip#sha256=ab"), "lib");
  assert.equal(
    codeHostArchive("https://gitlab.com/group/sub/lib/-/archive/v1.0/lib-v1.0.tar.gz"),
    "lib",
  );
  for (
    const url of [
      "https://files.example.com/pypi/archive/pkg/pkg-1.0.tar.gz",
      "https://example.com/a/b/c/archive/pkg-1.0.tar.gz",
      "https://github.com/o/r/releases/download/v1/r-1.0.tar.gz",
      "git+https://github.com/o/r/archive/v1.tar.gz",
    ]
  ) assert.equal(codeHostArchive(url), undefined, url);
});

Deno.test("isSdist: a wheel by its .whl (any case, before a query or fragment), anything else is an sdist", () => {
  for (
    const wheel of [
      "a-1-py3-none-any.whl",
      "https://h/a-1-py3-none-any.WHL",
      ".whl",
      "x.Whl?s=1",
      "x.whl#sha256=ab",
    ]
  ) {
    assert.equal(isSdist(wheel), false, wheel);
  }
  for (
    const sdist of [
      "a-1.tar.gz",
      "a-1.zip",
      "whl",
      "a.whl.tar.gz",
      "x.whlx",
      "x.whl/y",
      "x.tar.gz?f=.whl/",
    ]
  ) {
    assert.equal(isSdist(sdist), true, sdist);
  }
});

Deno.test("lowercaseHex: capitals lowered, a lowercase text given back as it is", () => {
  assert.equal(lowercaseHex("AbC0"), "abc0");
  const lower = "ab".repeat(32);
  assert.equal(lowercaseHex(lower), lower);
});

Deno.test("fileHostQualifiers: PyPI's host in any case or scheme, duplicates, one folder, a mix", () => {
  const pypi = "https://files.pythonhosted.org/packages/ab/cd/x-1.0-py3-none-any.whl";
  const off = "https://pkgs.example.com/simple/x/x-1.0.tar.gz";
  assert.deepStrictEqual(fileHostQualifiers([]), {});
  assert.deepStrictEqual(fileHostQualifiers([pypi, pypi]), {});
  assert.deepStrictEqual(
    fileHostQualifiers([
      "HTTPS://Files.PythonHosted.org/p/x.whl",
      "http://files.pythonhosted.org/p/y.whl",
    ]),
    {},
  );
  assert.deepStrictEqual(fileHostQualifiers(["https://files.pythonhosted.org.evil/p/x.whl"]), {
    download_url: "https://files.pythonhosted.org.evil/p/x.whl",
  });
  assert.deepStrictEqual(fileHostQualifiers([off, off]), { download_url: off });
  assert.deepStrictEqual(
    fileHostQualifiers([off, "https://pkgs.example.com/simple/x/x-1.0-py3-none-any.whl?v=1"]),
    { repository_url: "https://pkgs.example.com/simple/x/" },
  );
  assert.deepStrictEqual(fileHostQualifiers([pypi, off]), { download_url: off });
  assert.deepStrictEqual(fileHostQualifiers([pypi, "https://h.example/x-1.0-py3-none-any.whl"]), {
    download_url: pypi,
  });
});
