import assert from "node:assert/strict";
import { uuidV5 } from "../../src/digest.ts";
import { compareStrings } from "../../src/_util.ts";
import { contentUuid, downloadUrl, sortedUnique, usableHashes } from "../../src/sbom/_common.ts";

Deno.test("downloadUrl: absolute URLs only", () => {
  for (
    const url of [
      "https://files.pythonhosted.org/packages/x.whl",
      "git+https://github.com/a/b?rev=1#abc",
      "git+ssh://git@github.com/a/b.git",
    ]
  ) assert.equal(downloadUrl(url), url);
  for (const bad of [undefined, "", "../vendor/x", "/abs/path", "https://a b/c", "registry+"]) {
    assert.equal(downloadUrl(bad), undefined, String(bad));
  }
});

Deno.test("usableHashes: well-formed, lowercased, unique, sorted", () => {
  const sha256 = "AB".repeat(32);
  assert.deepEqual(
    usableHashes([
      { alg: "sha512", hex: "1".repeat(128) },
      { alg: "sha256", hex: sha256 },
      { alg: "sha256", hex: sha256.toLowerCase() },
      { alg: "md5", hex: "2".repeat(32) },
      { alg: "sha1", hex: "3".repeat(41) },
      { alg: "sha384", hex: "z".repeat(96) },
    ]),
    [
      { alg: "md5", hex: "2".repeat(32) },
      { alg: "sha256", hex: "ab".repeat(32) },
      { alg: "sha512", hex: "1".repeat(128) },
    ],
  );
});

Deno.test("contentUuid: the v5 UUID of the JSON text", async () => {
  assert.equal(await contentUuid({ a: 1 }), await uuidV5('{"a":1}'));
  assert.notEqual(await contentUuid({ a: 1 }), await contentUuid({ a: 2 }));
});

Deno.test("sortedUnique: sorted, one item per equal run, input untouched", () => {
  const input = [{ k: "b", n: 1 }, { k: "a", n: 2 }, { k: "b", n: 3 }, { k: "a", n: 4 }];
  const byKey = (x: { k: string }, y: { k: string }): number => compareStrings(x.k, y.k);
  assert.deepEqual(sortedUnique(input, byKey), [{ k: "a", n: 2 }, { k: "b", n: 1 }]);
  assert.equal(input[0].k, "b");
  assert.deepEqual(sortedUnique([], compareStrings), []);
});
