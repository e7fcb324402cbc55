// Checks src/inventory/purl.ts against the purl specification
// (package-url/purl-spec: "Character encoding", PURL-TYPES, test-suite-data.json
// and tests/spec/specification-test.json).
import assert from "node:assert/strict";
import {
  cargoPurl,
  formatPurl,
  genericUrlPurl,
  golangPurl,
  jsrNameFromNpm,
  jsrPurl,
  npmPurl,
  packageKey,
  pep503Name,
  PurlError,
  type PurlParts,
  pypiPurl,
  versionFromRelease,
  withPurlVersion,
} from "../../src/inventory/purl.ts";
import { isVouchError } from "../../src/errors.ts";
import { SHARED_DIR, skipWithoutShared } from "../_util.ts";

/** Build cases from the spec's test suites: the components and the canonical purl. */
const SPEC_BUILD_CASES: [string, PurlParts, string][] = [
  [
    "valid maven purl",
    { type: "maven", namespace: "org.apache.commons", name: "io", version: "1.3.4" },
    "pkg:maven/org.apache.commons/io@1.3.4",
  ],
  [
    "maven purl without version",
    { type: "maven", namespace: "org.apache.commons", name: "io" },
    "pkg:maven/org.apache.commons/io",
  ],
  [
    "go purl without version and with subpath (type lowercased, subpath slashes trimmed)",
    {
      type: "GOLANG",
      namespace: "google.golang.org",
      name: "genproto",
      subpath: "/googleapis/api/annotations/",
    },
    "pkg:golang/google.golang.org/genproto#googleapis/api/annotations",
  ],
  [
    "go purl with version and subpath",
    {
      type: "GOLANG",
      namespace: "google.golang.org",
      name: "genproto",
      version: "abcdedf",
      subpath: "/googleapis/api/annotations/",
    },
    "pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations",
  ],
  [
    "debian qualifiers",
    {
      type: "deb",
      namespace: "debian",
      name: "curl",
      version: "7.50.3-1",
      qualifiers: { arch: "i386", distro: "jessie" },
    },
    "pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie",
  ],
  [
    "docker: a hash image id as version keeps its colon",
    {
      type: "docker",
      namespace: "customer",
      name: "dockerimage",
      version: "sha256:244fd47e07d1004f0aed9c",
      qualifiers: { repository_url: "gcr.io" },
    },
    "pkg:docker/customer/dockerimage@sha256:244fd47e07d1004f0aed9c?repository_url=gcr.io",
  ],
  [
    "gem qualifier key lowercased",
    { type: "gem", name: "jruby-launcher", version: "1.1.2", qualifiers: { Platform: "java" } },
    "pkg:gem/jruby-launcher@1.1.2?platform=java",
  ],
  [
    "maven qualifiers: keys lowercased, slash kept in the value",
    {
      type: "Maven",
      namespace: "org.apache.xmlgraphics",
      name: "batik-anim",
      version: "1.9.1",
      qualifiers: { repositorY_url: "repo.spring.io/release", classifier: "sources" },
    },
    "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io%2Frelease",
  ],
  [
    "npm scope: @ percent-encoded",
    { type: "npm", namespace: "@angular", name: "animation", version: "12.3.1" },
    "pkg:npm/%40angular/animation@12.3.1",
  ],
  [
    "nuget names keep their case",
    { type: "Nuget", name: "EnterpriseLibrary.Common", version: "6.0.1304" },
    "pkg:nuget/EnterpriseLibrary.Common@6.0.1304",
  ],
  [
    "rpm qualifier keys lowercased",
    {
      type: "Rpm",
      namespace: "fedora",
      name: "curl",
      version: "7.50.3-1.fc25",
      qualifiers: { Distro: "fedora-25", Arch: "i386" },
    },
    "pkg:rpm/fedora/curl@7.50.3-1.fc25?arch=i386&distro=fedora-25",
  ],
  [
    "maven: case-sensitive namespace and name",
    { type: "maven", namespace: "HTTPClient", name: "HTTPClient", version: "0.3-3" },
    "pkg:maven/HTTPClient/HTTPClient@0.3-3",
  ],
  [
    "a space in the version and a qualifier value is %20",
    {
      type: "maven",
      namespace: "mygroup",
      name: "myartifact",
      version: "1.0.0 Final",
      qualifiers: { mykey: "my value" },
    },
    "pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value",
  ],
  [
    "conda qualifiers sorted by key",
    {
      type: "conda",
      name: "absl-py",
      version: "0.4.1",
      qualifiers: { type: "tar.bz2", subdir: "linux-64", channel: "main", build: "py36h06a4308_0" },
    },
    "pkg:conda/absl-py@0.4.1?build=py36h06a4308_0&channel=main&subdir=linux-64&type=tar.bz2",
  ],
  [
    "swift: a namespace of several segments",
    { type: "swift", namespace: "github.com/Alamofire", name: "Alamofire", version: "5.4.3" },
    "pkg:swift/github.com/Alamofire/Alamofire@5.4.3",
  ],
  [
    "multiple checksums: comma encoded, colons literal",
    {
      type: "generic",
      name: "openssl",
      version: "1.1.10g",
      qualifiers: { checksum: "sha1:ad9503c3e994a4f,sha256:41bf9088b3a1e6c1ef1d" },
    },
    "pkg:generic/openssl@1.1.10g?checksum=sha1:ad9503c3e994a4f%2Csha256:41bf9088b3a1e6c1ef1d",
  ],
  [
    "generic: download_url encodes / (not a separator there), keeps :, sorted after checksum",
    {
      type: "generic",
      name: "openssl",
      version: "1.1.10g",
      qualifiers: {
        download_url: "https://openssl.org/source/openssl-1.1.0g.tar.gz",
        checksum: "sha256:de4d501267da",
      },
    },
    "pkg:generic/openssl@1.1.10g?checksum=sha256:de4d501267da&download_url=https:%2F%2Fopenssl.org%2Fsource%2Fopenssl-1.1.0g.tar.gz",
  ],
  [
    "generic: vcs_url encodes + and @",
    {
      type: "generic",
      name: "bitwarderl",
      qualifiers: { vcs_url: "git+https://git.fsfe.org/dxtr/bitwarderl@cc55108da32" },
    },
    "pkg:generic/bitwarderl?vcs_url=git%2Bhttps:%2F%2Fgit.fsfe.org%2Fdxtr%2Fbitwarderl%40cc55108da32",
  ],
  [
    "npm: vcs_url with @commit",
    {
      type: "npm",
      name: "mypackage",
      version: "12.4.5",
      qualifiers: { vcs_url: "git://host.com/path/to/repo.git@4345abcd34343" },
    },
    "pkg:npm/mypackage@12.4.5?vcs_url=git:%2F%2Fhost.com%2Fpath%2Fto%2Frepo.git%404345abcd34343",
  ],
  [
    "pypi filename qualifier",
    {
      type: "pypi",
      name: "django",
      version: "1.11.1",
      qualifiers: { filename: "Django-1.11.1-py2.py3-none-any.whl" },
    },
    "pkg:pypi/django@1.11.1?filename=Django-1.11.1-py2.py3-none-any.whl",
  ],
  [
    "non-ASCII subpath: UTF-8 percent-encoded",
    { type: "npm", name: "foo", version: "1.0.0", subpath: "src/😃/file.js" },
    "pkg:npm/foo@1.0.0#src/%F0%9F%98%83/file.js",
  ],
  [
    "non-ASCII qualifier value: UTF-8 percent-encoded",
    {
      type: "npm",
      name: "foo",
      version: "1.0.0",
      qualifiers: { vcs_url: "https://a.com/b/c😃d.git" },
    },
    "pkg:npm/foo@1.0.0?vcs_url=https:%2F%2Fa.com%2Fb%2Fc%F0%9F%98%83d.git",
  ],
];

Deno.test("formatPurl: the spec's build examples", () => {
  for (const [description, parts, expected] of SPEC_BUILD_CASES) {
    assert.equal(formatPurl(parts), expected, description);
  }
});

Deno.test({
  name:
    "formatPurl: every build case of the purl-spec test suite: valid ones built, invalid ones refused",
  ignore: skipWithoutShared("the purl-spec test suite's build cases"),
  fn: () => {
    let checked = 0;
    let rejected = 0;
    for (const entry of Deno.readDirSync(`${SHARED_DIR}/purl-spec-tests`)) {
      if (!entry.name.endsWith("-test.json")) continue;
      const suite = JSON.parse(
        Deno.readTextFileSync(`${SHARED_DIR}/purl-spec-tests/${entry.name}`),
      );
      for (const test of suite.tests) {
        if (test.test_type !== "build") continue;
        const input = test.input;
        const parts: PurlParts = { type: input.type, name: input.name };
        if (input.namespace !== null) parts.namespace = input.namespace;
        if (input.version !== null) parts.version = input.version;
        if (input.qualifiers !== null) parts.qualifiers = input.qualifiers;
        if (input.subpath !== null) parts.subpath = input.subpath;
        const label = `${entry.name}: ${test.description}`;
        if (test.expected_failure) {
          // No type, no name, a key with a space: a typed, coded error, never a TypeError.
          assert.throws(
            () => formatPurl(parts),
            (e: unknown) => e instanceof PurlError && e.code === "inventory.purl_invalid",
            label,
          );
          rejected++;
          continue;
        }
        assert.equal(formatPurl(parts), test.expected_output, label);
        checked++;
      }
    }
    // 45 valid build cases and 6 to reject in the suite's commit named in SOURCES.md.
    assert.deepEqual([checked, rejected], [45, 6]);
  },
});

Deno.test("formatPurl: a part holding a URL with credentials, a version too long are refused, no secret in the message", () => {
  for (
    const parts of [
      { type: "composer", namespace: "acme", name: "x", version: "https://u:s3cret@h.example/x" },
      { type: "cargo", name: "x", version: "git+ssh://git:s3cret@github.com/o/r.git" },
      { type: "nuget", name: "https://__token__:s3cret@h.example/simple" },
    ]
  ) {
    assert.throws(() => formatPurl(parts), (e: unknown) => {
      assert.ok(e instanceof PurlError);
      assert.match(e.message, /holds a URL with credentials/);
      assert.ok(!e.message.includes("s3cret") && e.value.includes("s3cret"), e.message);
      return true;
    });
  }
  // A version CycloneDX cannot hold (it went into an SBOM that failed the schema).
  assert.throws(
    () => formatPurl({ type: "composer", namespace: "a", name: "b", version: "1".repeat(1025) }),
    (e: unknown) => e instanceof PurlError && /a version of 1025 characters/.test(e.message),
  );
  assert.equal(formatPurl({ type: "generic", name: "b", version: "1".repeat(1024) }).length, 1038);
  // An ssh user name is no secret; an `@` elsewhere is data.
  assert.equal(
    formatPurl({ type: "generic", name: "x", version: "git+ssh://git@h.example/r.git" }),
    "pkg:generic/x@git%2Bssh:%2F%2Fgit%40h.example%2Fr.git",
  );
  assert.equal(formatPurl({ type: "npm", name: "a@b" }), "pkg:npm/a%40b");
});

Deno.test("formatPurl: type lowercased, name and namespace case kept", () => {
  assert.equal(
    formatPurl({ type: "GitHub", namespace: "Package-URL", name: "Purl-Spec" }),
    "pkg:github/Package-URL/Purl-Spec",
  );
});

Deno.test("formatPurl: namespace segments and name are percent-encoded one by one", () => {
  assert.equal(
    formatPurl({ type: "generic", namespace: "my group/sub dir", name: "a/b?c#d@e&f=g" }),
    "pkg:generic/my%20group/sub%20dir/a%2Fb%3Fc%23d%40e%26f%3Dg",
  );
  assert.equal(
    formatPurl({ type: "generic", namespace: "/a//b/", name: "n" }),
    "pkg:generic/a/b/n",
    "empty namespace segments are dropped",
  );
  assert.equal(formatPurl({ type: "generic", namespace: "", name: "n" }), "pkg:generic/n");
  assert.equal(
    formatPurl({ type: "generic", namespace: "ns", name: "caf\u00e9" }),
    "pkg:generic/ns/caf%C3%A9",
    "UTF-8 before percent-encoding",
  );
});

Deno.test("formatPurl: the colon is never percent-encoded", () => {
  assert.equal(
    formatPurl({
      type: "generic",
      namespace: "a:b",
      name: "c:d",
      version: "1:2.0",
      qualifiers: { checksum: "sha256:00ff" },
      subpath: "e:f/g",
    }),
    "pkg:generic/a:b/c:d@1:2.0?checksum=sha256:00ff#e:f/g",
  );
});

Deno.test("formatPurl: unreserved characters . - _ ~ stay literal", () => {
  assert.equal(
    formatPurl({
      type: "generic",
      namespace: "a.b-c_d~e",
      name: "x.y-z_w~v",
      version: "1.0-rc_1~2",
    }),
    "pkg:generic/a.b-c_d~e/x.y-z_w~v@1.0-rc_1~2",
  );
});

Deno.test("formatPurl: characters outside the allowed set (!'()*) are percent-encoded", () => {
  // purl spec, "Character encoding": the allowed set is the alphanumerics and `.-_~`;
  // every other data octet MUST be percent-encoded.
  assert.equal(
    formatPurl({ type: "generic", name: "it's(a)*star!", version: "1(2)" }),
    "pkg:generic/it%27s%28a%29%2Astar%21@1%282%29",
  );
});

Deno.test("formatPurl: version is percent-encoded (+ of build metadata becomes %2B)", () => {
  assert.equal(
    formatPurl({ type: "cargo", name: "wasi", version: "0.11.0+wasi-snapshot-preview1" }),
    "pkg:cargo/wasi@0.11.0%2Bwasi-snapshot-preview1",
  );
  assert.equal(
    formatPurl({ type: "generic", name: "x", version: "1.0 beta/2#3?4@5" }),
    "pkg:generic/x@1.0%20beta%2F2%233%3F4%405",
  );
  assert.equal(formatPurl({ type: "generic", name: "x", version: "" }), "pkg:generic/x");
});

Deno.test("formatPurl: qualifiers keys lowercased and sorted, empty values dropped", () => {
  assert.equal(
    formatPurl({
      type: "generic",
      name: "x",
      qualifiers: { Zeta: "z", alpha: "a", Beta: "b", empty: "", missing: undefined },
    }),
    "pkg:generic/x?alpha=a&beta=b&zeta=z",
  );
  assert.equal(
    formatPurl({ type: "generic", name: "x", qualifiers: { a: "", b: undefined } }),
    "pkg:generic/x",
    "no ? when every value is empty",
  );
  assert.equal(formatPurl({ type: "generic", name: "x", qualifiers: {} }), "pkg:generic/x");
});

Deno.test("formatPurl: qualifier values keep : but encode / + @ & = ? # % and spaces", () => {
  assert.equal(
    formatPurl({
      type: "generic",
      name: "x",
      qualifiers: { vcs_url: "git+ssh://git@example.com/a/b.git?ref=main&x=1#frag 100%" },
    }),
    "pkg:generic/x?vcs_url=git%2Bssh:%2F%2Fgit%40example.com%2Fa%2Fb.git%3Fref%3Dmain%26x%3D1%23frag%20100%25",
  );
});

Deno.test("formatPurl: subpath segments encoded, empty . and .. segments dropped", () => {
  assert.equal(
    formatPurl({ type: "generic", name: "x", subpath: "/./docs/../my file#1/a?b/" }),
    "pkg:generic/x#docs/my%20file%231/a%3Fb",
  );
  assert.equal(formatPurl({ type: "generic", name: "x", subpath: "./../" }), "pkg:generic/x");
  assert.equal(formatPurl({ type: "generic", name: "x", subpath: "" }), "pkg:generic/x");
});

Deno.test("formatPurl: components in order type/namespace/name@version?qualifiers#subpath", () => {
  assert.equal(
    formatPurl({
      type: "golang",
      namespace: "github.com/gorilla",
      name: "context",
      version: "234fd47e07d1004f0aed9c",
      qualifiers: { k: "v" },
      subpath: "api",
    }),
    "pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c?k=v#api",
  );
});

Deno.test("pep503Name: runs of - _ . collapse to one -, lowercase", () => {
  assert.equal(pep503Name("My.PyPI_.--._Package"), "my-pypi-package");
  assert.equal(pep503Name("Foo__Bar"), "foo-bar");
  assert.equal(pep503Name("zope.interface"), "zope-interface");
  assert.equal(pep503Name("typing_extensions"), "typing-extensions");
  assert.equal(pep503Name("Django"), "django");
  assert.equal(pep503Name("ruamel.yaml.clib"), pep503Name("Ruamel_YAML-clib"));
});

Deno.test("pypiPurl: the spec's pypi examples and encoded qualifiers", () => {
  assert.equal(pypiPurl("Django_package", "1.11.1.dev1"), "pkg:pypi/django-package@1.11.1.dev1");
  assert.equal(pypiPurl("django-allauth", "12.23"), "pkg:pypi/django-allauth@12.23");
  assert.equal(pypiPurl("Django", "1.11.1"), "pkg:pypi/django@1.11.1");
  assert.equal(pypiPurl("requests"), "pkg:pypi/requests");
  assert.equal(pypiPurl("zope.interface", "6.0"), "pkg:pypi/zope-interface@6.0", "PEP 503");
  assert.equal(pypiPurl("Ruamel.YAML_Clib", "0.2.8"), "pkg:pypi/ruamel-yaml-clib@0.2.8");
  assert.equal(
    pypiPurl("torch", "2.3.0+cpu"),
    "pkg:pypi/torch@2.3.0%2Bcpu",
    "PEP 440 local version",
  );
  assert.equal(
    pypiPurl("Demo_Lib", "0.1.0", {
      vcs_url: "git+https://github.com/example/demo-lib.git@0123abc",
      repository_url: undefined,
    }),
    "pkg:pypi/demo-lib@0.1.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fexample%2Fdemo-lib.git%400123abc",
  );
});

Deno.test("npmPurl: case kept (purl-spec npm is case-sensitive), scope an encoded namespace", () => {
  assert.equal(npmPurl("@Babel/Core", "7.0.0"), "pkg:npm/%40Babel/Core@7.0.0");
  assert.equal(npmPurl("JSONStream", "1.3.5"), "pkg:npm/JSONStream@1.3.5");
  assert.equal(npmPurl("uWebSockets.js", "20.0.0"), "pkg:npm/uWebSockets.js@20.0.0");
  assert.equal(npmPurl("@angular/animation", "12.3.1"), "pkg:npm/%40angular/animation@12.3.1");
  assert.equal(npmPurl("LoDash", "4.17.21"), "pkg:npm/LoDash@4.17.21");
  assert.equal(npmPurl("foobar"), "pkg:npm/foobar");
  assert.equal(npmPurl("my-package.js", "1.0.0"), "pkg:npm/my-package.js@1.0.0");
  assert.equal(
    npmPurl("foobar", "1.2.3-alpha.1+build.456"),
    "pkg:npm/foobar@1.2.3-alpha.1%2Bbuild.456",
  );
  assert.equal(
    npmPurl("@scope/pkg", "1.0.0", { vcs_url: "git+ssh://git@github.com/a/b.git#abc" }),
    "pkg:npm/%40scope/pkg@1.0.0?vcs_url=git%2Bssh:%2F%2Fgit%40github.com%2Fa%2Fb.git%23abc",
  );
});

Deno.test("jsrPurl: pkg:jsr/%40scope/name@version", () => {
  assert.equal(jsrPurl("@std/path", "1.0.8"), "pkg:jsr/%40std/path@1.0.8");
  assert.equal(jsrPurl("@vouch/vouch"), "pkg:jsr/%40vouch/vouch");
  assert.equal(
    jsrPurl("@std/assert", "1.0.0-rc.1+meta"),
    "pkg:jsr/%40std/assert@1.0.0-rc.1%2Bmeta",
  );
});

Deno.test("npmPurl: a name that is not URL-safe is refused (a URL or a path where a name goes)", () => {
  for (const name of ["git+https://h.example/o/r.git", "a b", "@s/a/b", "@s c/a", "../x"]) {
    assert.throws(
      () => npmPurl(name, "1.0.0"),
      (e: unknown) =>
        e instanceof PurlError && e.value === name && /is no npm package name/.test(e.message) &&
        !e.message.includes("h.example"), // a URL is not quoted: it may hold a token
      name,
    );
  }
  // Old names keep what npm kept: case, `~`, `!`, `'`, `(`, `*`.
  assert.equal(npmPurl("JSONStream", "1.3.5"), "pkg:npm/JSONStream@1.3.5");
  assert.equal(npmPurl("@s/it's", "1.0.0"), "pkg:npm/%40s/it%27s@1.0.0");
});

Deno.test("npmPurl: refuses exactly the names whose parts encodeURIComponent changes (random)", () => {
  // The reference: the scope (after `@`, up to the first `/`) and the rest, or the whole name.
  const urlSafe = (name: string): boolean => {
    const slash = name.startsWith("@") ? name.indexOf("/") : -1;
    const parts = slash > 0 ? [name.slice(1, slash), name.slice(slash + 1)] : [name];
    return parts.every((part) => encodeURIComponent(part) === part);
  };
  const alphabet = ["a", "Z", "0", "_", "-", ".", "!", "~", "*", "'", "(", ")", "@", "/", " ", "%"];
  let seed = 7;
  const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let i = 0; i < 3000; i++) {
    let name = "";
    for (let n = random(8); n > 0; n--) name += alphabet[random(alphabet.length)];
    if (name === "") continue;
    const accepted = (() => {
      try {
        npmPurl(name, "1.0.0");
        return true;
      } catch (error) {
        // Refused as a name (not for another part: `@s/` has no name after its scope).
        if (error instanceof PurlError) return !/is no npm package name/.test(error.message);
        throw error;
      }
    })();
    assert.equal(accepted, urlSafe(name), name);
  }
});

Deno.test("golangPurl: a module path with an empty element is refused with the path to locate", () => {
  for (const path of ["golang.org/x/", "/golang.org/x", "golang.org//x"]) {
    assert.throws(
      () => golangPurl(path, "v1.0.0"),
      (e: unknown) =>
        e instanceof PurlError && e.value === path && /empty path element/.test(e.message),
    );
  }
});

Deno.test("golangPurl: the module path splits at its last slash, case preserved", () => {
  assert.equal(
    golangPurl("github.com/gorilla/context", "234fd47e07d1004f0aed9c"),
    "pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c",
  );
  assert.equal(
    golangPurl("github.com/Azure/azure-sdk-for-go/sdk/azcore", "v1.11.1"),
    "pkg:golang/github.com/Azure/azure-sdk-for-go/sdk/azcore@v1.11.1",
  );
  assert.equal(
    golangPurl("github.com/go-redis/redis", "v6.15.9+incompatible"),
    "pkg:golang/github.com/go-redis/redis@v6.15.9%2Bincompatible",
  );
  assert.equal(
    golangPurl("golang.org/x/net", "v0.0.0-20200405005733-88cbf1b4c40d"),
    "pkg:golang/golang.org/x/net@v0.0.0-20200405005733-88cbf1b4c40d",
  );
  assert.equal(golangPurl("rsc.io/quote/v3"), "pkg:golang/rsc.io/quote/v3");
  assert.equal(golangPurl("example", "v1.0.0"), "pkg:golang/example@v1.0.0");
});

Deno.test("cargoPurl: name case kept, build metadata encoded, qualifiers", () => {
  assert.equal(cargoPurl("rand", "0.7.2"), "pkg:cargo/rand@0.7.2");
  assert.equal(cargoPurl("Inflector", "0.11.4"), "pkg:cargo/Inflector@0.11.4");
  assert.equal(
    cargoPurl("wasi", "0.11.0+wasi-snapshot-preview1"),
    "pkg:cargo/wasi@0.11.0%2Bwasi-snapshot-preview1",
  );
  assert.equal(
    cargoPurl("mycrate", "0.1.0", {
      vcs_url: "git+https://github.com/example/mycrate?branch=main#0123abcd",
    }),
    "pkg:cargo/mycrate@0.1.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fexample%2Fmycrate%3Fbranch%3Dmain%230123abcd",
  );
  assert.equal(
    cargoPurl("internal", "1.0.0", {
      repository_url: "sparse+https://cargo.example.com/index/",
      vcs_url: undefined,
    }),
    "pkg:cargo/internal@1.0.0?repository_url=sparse%2Bhttps:%2F%2Fcargo.example.com%2Findex%2F",
  );
  assert.equal(cargoPurl("serde"), "pkg:cargo/serde");
});

Deno.test("formatPurl: the spec's rules for a type, a name and qualifier keys are enforced", () => {
  const refused: Array<[string, PurlParts, RegExp]> = [
    [
      "type starting with a digit",
      { type: "1nginx", name: "x" },
      /"1nginx" is no package URL type/,
    ],
    ["colon in the type", { type: "ng:inx", name: "x" }, /"ng:inx" is no package URL type/],
    ["empty type", { type: "", name: "x" }, /needs a type/],
    ["empty name", { type: "npm", name: "" }, /a package URL of type npm needs a name$/],
    ["key with a space", { type: "npm", name: "x", qualifiers: { "in production": "1" } }, /key/],
    ["key starting with a digit", { type: "npm", name: "x", qualifiers: { "1a": "1" } }, /key/],
    ["key given twice", { type: "npm", name: "x", qualifiers: { Arch: "a", arch: "b" } }, /twice/],
  ];
  for (const [label, parts, message] of refused) {
    assert.throws(
      () => formatPurl(parts),
      (e: unknown) => e instanceof PurlError && e.code === "inventory.purl_invalid",
      label,
    );
    assert.throws(() => formatPurl(parts), message, label);
  }
  // What the rules allow: `.`, `+`, `-` in a type; `.`, `-`, `_` in a key; an empty value is dropped.
  assert.equal(
    formatPurl({ type: "a.b+c-d", name: "x", qualifiers: { "x.y-z_w": "1", "arch": "" } }),
    "pkg:a.b+c-d/x?x.y-z_w=1",
  );
});

Deno.test("formatPurl: a lone surrogate is inventory.purl_invalid, not URIError (exit 3)", () => {
  for (const parts of [{ name: "x\udcff" }, { name: "x", version: "\ud800" }]) {
    assert.throws(
      () => formatPurl({ type: "npm", ...parts }),
      (e: unknown) => isVouchError(e) && e.code === "inventory.purl_invalid",
    );
  }
  assert.equal(formatPurl({ type: "npm", name: "emoji-😀" }), "pkg:npm/emoji-%F0%9F%98%80");
});

Deno.test("formatPurl: a control character in any part is inventory.purl_invalid, named by its code", () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ name: "a\u0000b" }, "U+0000"],
    [{ name: "x", version: "1.0\u001b[31m" }, "U+001B"],
    [{ namespace: "org\u007f", name: "x" }, "U+007F"],
    [{ name: "x", qualifiers: { download_url: "https://h/x\u0085.tgz" } }, "U+0085"],
    [{ name: "x", subpath: "lib\tsub" }, "U+0009"],
  ];
  for (const [parts, code] of cases) {
    assert.throws(
      () => formatPurl({ type: "npm", name: "x", ...parts }),
      (e: unknown) =>
        isVouchError(e) && e.code === "inventory.purl_invalid" && e.message.includes(code),
    );
  }
  // Not control characters: a no-break space, a soft hyphen, a line separator are encoded.
  assert.equal(
    formatPurl({ type: "generic", name: "a\u00a0\u00ad\u2028" }),
    "pkg:generic/a%C2%A0%C2%AD%E2%80%A8",
  );
});

Deno.test("jsrNameFromNpm: JSR's npm-compatibility names map back to @scope/name", () => {
  assert.equal(jsrNameFromNpm("@jsr/std__path"), "@std/path");
  assert.equal(jsrNameFromNpm("@jsr/luca__flag-x"), "@luca/flag-x");
  for (
    const name of [
      "@std/path",
      "@jsr/std",
      "@jsr/std__",
      "@jsr/Std__path",
      "jsr__x",
      "@jsr/a__b__c",
    ]
  ) {
    assert.equal(jsrNameFromNpm(name), undefined, name);
  }
});

Deno.test("packageKey: each ecosystem's rule for one package under two spellings", () => {
  assert.equal(packageKey("pypi", "Zope.Interface"), packageKey("pypi", "zope_interface"));
  assert.equal(packageKey("composer", "Vendor/Pkg"), "vendor/pkg");
  assert.equal(packageKey("nuget", "Newtonsoft.Json"), "newtonsoft.json");
  assert.notEqual(packageKey("npm", "JSONStream"), packageKey("npm", "jsonstream"));
  assert.equal(packageKey("cargo", "serde_json"), "serde_json");
});

Deno.test("versionFromRelease: a v-tag loses its v, except for Go", () => {
  assert.equal(versionFromRelease("v1.2.3", "pypi"), "1.2.3");
  assert.equal(versionFromRelease("V2.0.0-rc.1", "npm"), "2.0.0-rc.1");
  assert.equal(versionFromRelease("v1.2.3"), "1.2.3");
  assert.equal(versionFromRelease("v1.2.3", "golang"), "v1.2.3");
  assert.equal(versionFromRelease("1.2.3", "cargo"), "1.2.3");
  assert.equal(versionFromRelease("vnext", "npm"), "vnext");
  assert.equal(versionFromRelease("release-7", "pypi"), "release-7");
});

Deno.test("withPurlVersion: adds a version before qualifiers, keeps an existing one", () => {
  assert.equal(withPurlVersion("pkg:pypi/demo", "1.0"), "pkg:pypi/demo@1.0");
  assert.equal(withPurlVersion("pkg:npm/%40a/b?x=1", "2.0.0+b"), "pkg:npm/%40a/b@2.0.0%2Bb?x=1");
  assert.equal(withPurlVersion("pkg:golang/github.com/a/b", "v1"), "pkg:golang/github.com/a/b@v1");
  assert.equal(withPurlVersion("pkg:pypi/demo@1.0", "2.0"), "pkg:pypi/demo@1.0");
});

Deno.test("genericUrlPurl: host and folders are the namespace, the URL a qualifier", () => {
  assert.deepEqual(genericUrlPurl("https://deno.land/std@0.224.0/path/mod.ts"), {
    name: "deno.land/std@0.224.0/path/mod.ts",
    purl: "pkg:generic/deno.land/std%400.224.0/path/mod.ts?download_url=" +
      "https:%2F%2Fdeno.land%2Fstd%400.224.0%2Fpath%2Fmod.ts",
  });
  assert.deepEqual(genericUrlPurl("git+ssh://git@host.example/o/r.git@v1", "vcs_url"), {
    name: "host.example/o/r.git",
    purl:
      "pkg:generic/host.example/o/r.git?vcs_url=git%2Bssh:%2F%2Fgit%40host.example%2Fo%2Fr.git%40v1",
  });
  assert.equal(genericUrlPurl("https://h.example").name, "h.example");
});
