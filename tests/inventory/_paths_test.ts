import assert from "node:assert/strict";
import { isOutside, isOwnFolder, localPlace, scannedPlace } from "../../src/inventory/_paths.ts";

Deno.test("localPlace: the lockfile's folder, another folder of the project, or outside", () => {
  assert.deepEqual(localPlace("Gemfile.lock", "."), { kind: "self", path: "." });
  assert.deepEqual(localPlace("app/Pipfile.lock", "./"), { kind: "self", path: "app" });
  assert.deepEqual(localPlace("app/pylock.toml", "../libs/x/"), { kind: "inside", path: "libs/x" });
  assert.deepEqual(localPlace("composer.lock", "packages\\billing"), {
    kind: "inside",
    path: "packages/billing",
  });
  for (const outside of ["../x", "/opt/gems/x", "C:/x", "file:///x", "https://x/y.whl"]) {
    assert.deepEqual(localPlace("composer.lock", outside), { kind: "outside" }, outside);
  }
  assert.deepEqual(localPlace("a/b/Gemfile.lock", "../../.."), { kind: "outside" });
});

Deno.test("isOwnFolder: the project's folders, but not vendor/ ones nor those outside", () => {
  const own = (lock: string, local: string): boolean => isOwnFolder(localPlace(lock, local));
  assert.equal(own("Gemfile.lock", "."), true);
  assert.equal(own("Cargo.toml", "crates/core"), true);
  assert.equal(own("app/Cargo.toml", "../vendor/zlib-sys"), false);
  assert.equal(own("Cargo.toml", "third_party/vendor/tls"), false);
  assert.equal(own("Cargo.toml", "vendored/x"), true, "a whole path component, not a prefix");
  assert.equal(own("Cargo.toml", "../outside"), false);
});

Deno.test("isOutside: a root-relative path that climbs out, is absolute or a URL", () => {
  for (const inside of ["", ".", "a/b", "a/../b", "..x/package.json", "a/.."]) {
    assert.equal(isOutside(inside), false, inside);
  }
  for (const outside of ["..", "../x", "a/../../x", "/x", "C:/x", "file:///x"]) {
    assert.equal(isOutside(outside), true, outside);
  }
});

Deno.test("scannedPlace: a folder the scan skips is outside; the root, from a nested lock, is not", () => {
  assert.deepEqual(scannedPlace("package-lock.json", "vendor/x"), {
    kind: "outside",
    skipped: "vendor/x",
  });
  // `file:..` from example/: the root folder, normalized to `.`, which is no hidden folder.
  assert.deepEqual(scannedPlace("example/package-lock.json", ".."), { kind: "inside", path: "." });
  assert.deepEqual(scannedPlace("package-lock.json", "libs/x", (f) => f === "libs/x"), {
    kind: "outside",
    skipped: "libs/x",
  });
});

Deno.test("isOutside: as localPlace says, for paths that may leave the project and many that cannot", () => {
  const paths = [
    "",
    ".",
    "a/package.json",
    "a/./b",
    "a//b",
    "..",
    "../a",
    "a/../..",
    "a/../b",
    "a/..b",
    "/abs",
    "//host/x",
    "C:/x",
    "file:x",
    "https://example.com/x",
    "a\\..\\..\\x",
    "~/x",
    ".hidden/..x",
  ];
  const alphabet = ["/", ".", "a", "\\", ":", "~"];
  for (let n = 0; n < 2_000; n++) {
    let path = "";
    for (let i = n; i > 0; i = Math.floor(i / alphabet.length)) {
      path += alphabet[i % alphabet.length];
    }
    paths.push(path);
  }
  for (const path of paths) {
    assert.equal(isOutside(path), localPlace(".", path).kind === "outside", path);
  }
});
