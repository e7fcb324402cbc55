// Checks src/inventory/purl.ts against the purl specification
// (package-url/purl-spec: "Character encoding", PURL-TYPES, test-suite-data.json
// and tests/spec/specification-test.json).
import assert from "node:assert/strict";
import {
  cargoPurl,
  formatPurl,
  golangPurl,
  jsrPurl,
  npmPurl,
  pep503Name,
  type PurlParts,
  pypiPurl,
  pypiPurlName,
} from "../../src/inventory/purl.ts";

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
    "pkg:maven/org.apache.xmlgraphics/batik-anim@1.9.1?classifier=sources&repository_url=repo.spring.io/release",
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
    "generic: download_url keeps :// and /, sorted after checksum",
    {
      type: "generic",
      name: "openssl",
      version: "1.1.10g",
      qualifiers: {
        download_url: "https://openssl.org/source/openssl-1.1.0g.tar.gz",
        checksum: "sha256:de4d501267da",
      },
    },
    "pkg:generic/openssl@1.1.10g?checksum=sha256:de4d501267da&download_url=https://openssl.org/source/openssl-1.1.0g.tar.gz",
  ],
  [
    "generic: vcs_url encodes + and @",
    {
      type: "generic",
      name: "bitwarderl",
      qualifiers: { vcs_url: "git+https://git.fsfe.org/dxtr/bitwarderl@cc55108da32" },
    },
    "pkg:generic/bitwarderl?vcs_url=git%2Bhttps://git.fsfe.org/dxtr/bitwarderl%40cc55108da32",
  ],
  [
    "npm: vcs_url with @commit",
    {
      type: "npm",
      name: "mypackage",
      version: "12.4.5",
      qualifiers: { vcs_url: "git://host.com/path/to/repo.git@4345abcd34343" },
    },
    "pkg:npm/mypackage@12.4.5?vcs_url=git://host.com/path/to/repo.git%404345abcd34343",
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
    "pkg:npm/foo@1.0.0?vcs_url=https://a.com/b/c%F0%9F%98%83d.git",
  ],
];

Deno.test("formatPurl: the spec's build examples", () => {
  for (const [description, parts, expected] of SPEC_BUILD_CASES) {
    assert.equal(formatPurl(parts), expected, description);
  }
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

Deno.test("formatPurl: qualifier values keep / and : but encode + @ & = ? # % and spaces", () => {
  assert.equal(
    formatPurl({
      type: "generic",
      name: "x",
      qualifiers: { vcs_url: "git+ssh://git@example.com/a/b.git?ref=main&x=1#frag 100%" },
    }),
    "pkg:generic/x?vcs_url=git%2Bssh://git%40example.com/a/b.git%3Fref%3Dmain%26x%3D1%23frag%20100%25",
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

Deno.test("pypiPurlName: lowercase, _ becomes -, dots kept", () => {
  assert.equal(pypiPurlName("Django_package"), "django-package");
  assert.equal(pypiPurlName("zope.interface"), "zope.interface");
  assert.equal(pypiPurlName("Ruamel.YAML_Clib"), "ruamel.yaml-clib");
  assert.equal(pypiPurlName("typing_extensions"), "typing-extensions");
  assert.equal(pypiPurlName("requests"), "requests");
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
    "pkg:pypi/demo-lib@0.1.0?vcs_url=git%2Bhttps://github.com/example/demo-lib.git%400123abc",
  );
});

Deno.test("npmPurl: case kept, scope split into an encoded namespace", () => {
  assert.equal(npmPurl("@Babel/Core", "7.0.0"), "pkg:npm/%40Babel/Core@7.0.0");
  assert.equal(npmPurl("@angular/animation", "12.3.1"), "pkg:npm/%40angular/animation@12.3.1");
  assert.equal(npmPurl("JSONStream", "1.3.5"), "pkg:npm/JSONStream@1.3.5");
  assert.equal(npmPurl("foobar"), "pkg:npm/foobar");
  assert.equal(npmPurl("my-package.js", "1.0.0"), "pkg:npm/my-package.js@1.0.0");
  assert.equal(
    npmPurl("foobar", "1.2.3-alpha.1+build.456"),
    "pkg:npm/foobar@1.2.3-alpha.1%2Bbuild.456",
  );
  assert.equal(
    npmPurl("@scope/pkg", "1.0.0", { vcs_url: "git+ssh://git@github.com/a/b.git#abc" }),
    "pkg:npm/%40scope/pkg@1.0.0?vcs_url=git%2Bssh://git%40github.com/a/b.git%23abc",
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
    "pkg:cargo/mycrate@0.1.0?vcs_url=git%2Bhttps://github.com/example/mycrate%3Fbranch%3Dmain%230123abcd",
  );
  assert.equal(
    cargoPurl("internal", "1.0.0", {
      repository_url: "sparse+https://cargo.example.com/index/",
      vcs_url: undefined,
    }),
    "pkg:cargo/internal@1.0.0?repository_url=sparse%2Bhttps://cargo.example.com/index/",
  );
  assert.equal(cargoPurl("serde"), "pkg:cargo/serde");
});
