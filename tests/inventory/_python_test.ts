import assert from "node:assert/strict";
import {
  gitVcsUrl,
  nthLine,
  OutputBuilder,
  parseHash,
  poetryConstraint,
  repositoryUrl,
} from "../../src/inventory/_python.ts";
import { ROOT_ID } from "../../src/inventory/types.ts";

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
});

Deno.test("small helpers: repositoryUrl, gitVcsUrl, nthLine", () => {
  assert.equal(repositoryUrl("https://pypi.org/simple"), undefined);
  assert.equal(repositoryUrl("https://pypi.example.com/simple"), "https://pypi.example.com/simple");
  assert.equal(gitVcsUrl("https://g.com/x.git", "abc"), "git+https://g.com/x.git@abc");
  assert.equal(gitVcsUrl("git+ssh://g.com/x", undefined), "git+ssh://g.com/x");
  assert.equal(nthLine("a\n[[package]]\nb\n[[package]]\n", /^\[\[package\]\]/, 1), 4);
  assert.equal(nthLine("a\nb", "zzz"), undefined);
});

Deno.test("OutputBuilder merges by purl, drops self and dangling edges, propagates scopes", () => {
  const b = new OutputBuilder("uv.lock");
  const a = b.addComponent({ name: "A", version: "1", hashes: [{ alg: "sha256", hex: "bb" }] });
  const again = b.addComponent({
    name: "a",
    version: "1",
    hashes: [{ alg: "sha256", hex: "aa" }, { alg: "sha256", hex: "bb" }],
  });
  assert.equal(a, again);
  const c = b.addComponent({ name: "c", version: "2" });
  const d = b.addComponent({ name: "d", version: "3" });
  b.addEdge(ROOT_ID, a, "runtime");
  b.addEdge(ROOT_ID, c, "dev");
  b.addEdge(c, d, "runtime");
  b.addEdge(a, a, "runtime");
  b.addEdge(a, "pkg:pypi/missing@1", "runtime");
  b.declare(c, ["test"]);
  b.propagateScopes();
  const out = b.build();
  assert.deepEqual(out.components.map((x) => [x.id, x.scopes, x.direct, x.groups]), [
    ["pkg:pypi/a@1", ["runtime"], false, []],
    ["pkg:pypi/c@2", ["dev"], true, ["test"]],
    ["pkg:pypi/d@3", ["dev"], false, []],
  ]);
  assert.deepEqual(out.components[0].hashes.map((h) => h.hex), ["aa", "bb"]);
  assert.equal(out.edges.length, 3);
});
