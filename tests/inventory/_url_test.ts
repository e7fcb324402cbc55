import assert from "node:assert/strict";
import {
  decodePercent,
  textWithoutCredentials,
  withoutCredentials,
} from "../../src/inventory/_url.ts";

Deno.test("withoutCredentials: http(s) userinfo dropped, an ssh user name kept", () => {
  assert.equal(
    withoutCredentials("https://__token__:glpat-x1@gitlab.example/api/v4/packages/pypi/simple"),
    "https://gitlab.example/api/v4/packages/pypi/simple",
  );
  assert.equal(
    withoutCredentials("git+https://${GITHUB_TOKEN}@github.com/acme/x.git@v1"),
    "git+https://github.com/acme/x.git@v1",
  );
  assert.equal(withoutCredentials("http://u@h.example/a@b"), "http://h.example/a@b");
  assert.equal(
    withoutCredentials("git+ssh://git@github.com/o/r.git@abc"),
    "git+ssh://git@github.com/o/r.git@abc",
  );
  assert.equal(
    withoutCredentials("ssh://deploy:pw@h.example/r.git"),
    "ssh://deploy@h.example/r.git",
  );
  assert.equal(withoutCredentials("https://h.example/x@1.0.tgz"), "https://h.example/x@1.0.tgz");
  assert.equal(withoutCredentials("./vendor/x.whl"), "./vendor/x.whl");
  // A password with an unescaped `@`: the authority's last `@` ends the userinfo, as pip's
  // urlsplit and WHATWG URL read it (found by the fuzz: `p@ss` was kept, and refused).
  assert.equal(
    withoutCredentials("https://u:p@ss@pypi.internal.example/simple"),
    "https://pypi.internal.example/simple",
  );
  assert.equal(withoutCredentials("ssh://git:p@ss@h.example/r.git"), "ssh://git@h.example/r.git");
});

Deno.test("textWithoutCredentials: every URL of a text loses its credentials", () => {
  assert.equal(
    textWithoutCredentials(
      'a depends on https://u:t0k@h.example/a.tgz, b on "registry+https://t0k@h.example/i" and git+ssh://git:pw@h/r',
    ),
    'a depends on https://h.example/a.tgz, b on "registry+https://h.example/i" and git+ssh://git@h/r',
  );
  assert.equal(textWithoutCredentials("a@1.0.0 and mailto:x@y"), "a@1.0.0 and mailto:x@y");
  // A URL cut inside its scheme (a message quoting part of a requirement) is still https.
  assert.equal(
    textWithoutCredentials('bad version clause "+https://t0k@github.com/o/r.git#abc"'),
    'bad version clause "+https://github.com/o/r.git#abc"',
  );
  assert.equal(textWithoutCredentials('clause "://t0k@h.example/r"'), 'clause "://h.example/r"');
  assert.equal(
    textWithoutCredentials("index https://u:p@ss@h.example/simple and https://h.example/x@1.tgz"),
    "index https://h.example/simple and https://h.example/x@1.tgz",
  );
});

Deno.test("withoutCredentials: secret query parameters and path tokens dropped", () => {
  // An S3 presigned download (pylock archive URL, a Bun tarball): its signature and credential.
  assert.equal(
    withoutCredentials(
      "https://b.s3.amazonaws.com/x-1.0.whl?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F1" +
        "&X-Amz-Date=20261203T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=9f2c" +
        "#sha256=ab",
    ),
    "https://b.s3.amazonaws.com/x-1.0.whl?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
      "&X-Amz-Date=20261203T000000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host#sha256=ab",
  );
  // An Azure SAS, a GitLab private token, an API key: the query goes when nothing else is left.
  assert.equal(
    withoutCredentials("https://a.blob.core.windows.net/c/x.tgz?sv=2024-01-01&sig=abc%3D"),
    "https://a.blob.core.windows.net/c/x.tgz?sv=2024-01-01",
  );
  assert.equal(
    withoutCredentials(
      "https://gitlab.example/api/v4/projects/1/packages/npm/x.tgz?private_token=glpat",
    ),
    "https://gitlab.example/api/v4/projects/1/packages/npm/x.tgz",
  );
  assert.equal(
    withoutCredentials("https://u:p@h.example/simple?api_key=k1&Access_Token=t&x=1"),
    "https://h.example/simple?x=1",
  );
  // A MyGet feed with its token in the path: the feed's public URL.
  assert.equal(
    withoutCredentials(
      "https://www.myget.org/F/acme/auth/1d2c3b4a-0000-4000-8000-123456789abc/api/v3/index.json",
    ),
    "https://www.myget.org/F/acme/api/v3/index.json",
  );
  // In capitals too, as its pattern reads it (a path checked in lower case only kept the token).
  assert.equal(
    withoutCredentials("https://WWW.MYGET.ORG/F/acme/AUTH/t0k3n/api/v3/index.json"),
    "https://WWW.MYGET.ORG/F/acme/api/v3/index.json",
  );
  assert.equal(
    textWithoutCredentials("feed https://www.myget.org/F/acme/AUTH/t0k3n/api here"),
    "feed https://www.myget.org/F/acme/api here",
  );
  // Anaconda, Cloudsmith and Gemfury feeds with their token in the path: the URL their users
  // write with the token given apart.
  const tokens: [string, string][] = [
    [
      "https://pypi.anaconda.org/t/an-19ec59a6-f3b4-4d62-a686-a882d9c1f209/acme/simple",
      "https://pypi.anaconda.org/acme/simple",
    ],
    [
      "https://conda.anaconda.org/t/ab-1234/conda-forge/linux-64/zlib-1.3.1-h0_2.conda",
      "https://conda.anaconda.org/conda-forge/linux-64/zlib-1.3.1-h0_2.conda",
    ],
    [
      "registry+https://dl.cloudsmith.io/Xy7kQ2pLm9/acme/crates/cargo/index.git",
      "registry+https://dl.cloudsmith.io/basic/acme/crates/cargo/index.git",
    ],
    [
      "https://dl.cloudsmith.io/Xy7kQ2pLm9/acme/py/python/simple/x/x-1.0.tar.gz#sha256=ab",
      "https://dl.cloudsmith.io/basic/acme/py/python/simple/x/x-1.0.tar.gz#sha256=ab",
    ],
    ["https://pypi.fury.io/zNzsk7gQsYY335HLzW9x/acme/", "https://pypi.fury.io/acme/"],
    [
      "https://npm-proxy.fury.io/iQe2xgJjTKscoNsbBNit/acme/x/-/x-1.0.0.tgz",
      "https://npm-proxy.fury.io/acme/x/-/x-1.0.0.tgz",
    ],
  ];
  for (const [url, kept] of tokens) assert.equal(withoutCredentials(url), kept);
  // What is no secret stays: other parameters, a `/auth/` or `/t/` path elsewhere, a feed's
  // public URL, a fragment.
  for (
    const url of [
      "https://h.example/x.tgz?keyword=a&monkey=1&ref=main",
      "https://h.example/auth/x/simple",
      "https://h.example/t/x/simple",
      "https://conda.anaconda.org/conda-forge/noarch/x-1.0-py_0.conda",
      "https://dl.cloudsmith.io/public/caddy/stable/gpg.key",
      "https://dl.cloudsmith.io/basic/acme/repo/maven/a/b/1.0/b-1.0.jar",
      "https://pypi.fury.io/acme/fastfields/",
      "https://npm-proxy.fury.io/syngenta-digital/",
      "git+https://github.com/o/r.git?rev=abc#subdirectory=p&token=x",
    ]
  ) {
    assert.equal(withoutCredentials(url), url);
  }
});

Deno.test("textWithoutCredentials: a URL's secret query parameters are dropped inside a text", () => {
  assert.equal(
    textWithoutCredentials(
      'x comes from "https://h.example/x.tgz?token=t0k&v=2" and https://www.myget.org/F/f/auth/t0k/api' +
        " (index https://pypi.fury.io/zNzsk7gQsYY335HLzW9x/acme/)",
    ),
    'x comes from "https://h.example/x.tgz?v=2" and https://www.myget.org/F/f/api' +
      " (index https://pypi.fury.io/acme/)",
  );
  assert.equal(textWithoutCredentials("a?token=b is no URL"), "a?token=b is no URL");
});

Deno.test("decodePercent: escapes decoded, a malformed one kept as written", () => {
  assert.equal(decodePercent("%40s%2Fa"), "@s/a");
  assert.equal(decodePercent("v1%zz"), "v1%zz");
  assert.equal(decodePercent("100%"), "100%");
});
