// src/_path.ts against node:path: the same answer for every path of a grid of
// awkward ones (empty, `.`, `..`, repeated and trailing slashes, roots).
import assert from "node:assert/strict";
import * as node from "node:path";
import * as ours from "../src/_path.ts";

const SEGMENTS = ["", ".", "..", "a", "b.c", "...", ".d", "e f"];

/** Every path of up to three segments, each absolute or relative, with and without a trailing slash. */
function paths(): string[] {
  const out = new Set<string>(["/", "//", "///", "./", "../", "a//b", "/a/./b/../c//"]);
  const add = (parts: string[]): void => {
    for (const lead of ["", "/"]) {
      for (const trail of ["", "/"]) out.add(lead + parts.join("/") + trail);
    }
  };
  for (const a of SEGMENTS) {
    add([a]);
    for (const b of SEGMENTS) {
      add([a, b]);
      for (const c of SEGMENTS) add([a, b, c]);
    }
  }
  return [...out];
}

const PATHS = paths();

Deno.test("posix: normalize, dirname, basename, isAbsolute as node:path's posix", () => {
  for (const p of PATHS) {
    assert.equal(ours.posix.normalize(p), node.posix.normalize(p), `normalize(${p})`);
    assert.equal(ours.posix.dirname(p), node.posix.dirname(p), `dirname(${p})`);
    assert.equal(ours.posix.basename(p), node.posix.basename(p), `basename(${p})`);
    assert.equal(ours.posix.isAbsolute(p), node.posix.isAbsolute(p), `isAbsolute(${p})`);
  }
});

Deno.test("posix: join, resolve, relative of pairs as node:path's posix", () => {
  const sample = PATHS.filter((_, i) => i % 7 === 0);
  assert.equal(ours.posix.join(), node.posix.join());
  assert.equal(ours.posix.resolve(), node.posix.resolve());
  for (const a of sample) {
    assert.equal(ours.posix.resolve(a), node.posix.resolve(a), `resolve(${a})`);
    for (const b of sample) {
      assert.equal(ours.posix.join(a, b), node.posix.join(a, b), `join(${a}, ${b})`);
      assert.equal(ours.posix.resolve(a, b), node.posix.resolve(a, b), `resolve(${a}, ${b})`);
      assert.equal(ours.posix.relative(a, b), node.posix.relative(a, b), `relative(${a}, ${b})`);
    }
    assert.equal(ours.posix.join(a, "", "x", a), node.posix.join(a, "", "x", a));
  }
});

Deno.test("platform functions are node:path's on this platform", () => {
  for (const p of PATHS.filter((_, i) => i % 5 === 0)) {
    assert.equal(ours.basename(p), node.basename(p));
    assert.equal(ours.dirname(p), node.dirname(p));
    assert.equal(ours.isAbsolute(p), node.isAbsolute(p));
    assert.equal(ours.join(p, "x"), node.join(p, "x"));
    assert.equal(ours.resolve(p), node.resolve(p));
    assert.equal(ours.relative(p, "/tmp"), node.relative(p, "/tmp"));
  }
  assert.equal(ours.sep, node.sep);
});
