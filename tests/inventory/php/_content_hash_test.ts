import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { composerLockHash } from "../../../src/inventory/php/_content_hash.ts";
import { SHARED_DIR, skipWithoutShared } from "../../_util.ts";

const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

Deno.test("composerLockHash: a `hash` is the MD5 of the whole file", () => {
  const text = '{\n    "name": "acme/app"\n}\n';
  assert.equal(composerLockHash(text, "hash"), md5(text));
});

Deno.test("composerLockHash: a `content-hash` is the MD5 of PHP's json_encode of the relevant keys, sorted", () => {
  // Composer's Locker::getContentHash: the relevant keys and config.platform, ksorted,
  // json_encode without flags (`/` and non-ASCII escaped, `{}` decoded as an empty PHP array).
  const text = JSON.stringify({
    require: { "a/b": "^1.0" },
    name: "acme/app",
    description: "not covered",
    extra: { empty: {}, list: [1, "x"], "é": "x/y\n" },
    config: { platform: { php: "8.2" }, "sort-packages": true },
    "prefer-stable": true,
  });
  const php = '{"config":{"platform":{"php":"8.2"}},' +
    '"extra":{"empty":[],"list":[1,"x"],"\\u00e9":"x\\/y\\n"},"name":"acme\\/app",' +
    '"prefer-stable":true,"require":{"a\\/b":"^1.0"}}';
  assert.equal(composerLockHash(text, "content-hash"), md5(php));
  // What JavaScript cannot write back as PHP does: a float, a large number, an index-like key.
  for (const extra of ['{"x": 1.0}', '{"x": 1e3}', '{"x": 12345678901234567}', '{"0": "a"}']) {
    assert.equal(composerLockHash(`{"extra": ${extra}}`, "content-hash"), undefined, extra);
  }
});

Deno.test("composerLockHash: the content-hash of a real composer.json is its lock's (wallabag)", () => {
  if (skipWithoutShared("wallabag composer.json")) return;
  const dir = `${SHARED_DIR}/corpus/wallabag__wallabag`;
  const lock = JSON.parse(Deno.readTextFileSync(`${dir}/composer.lock`));
  assert.equal(
    composerLockHash(Deno.readTextFileSync(`${dir}/composer.json`), "content-hash"),
    lock["content-hash"],
  );
});

Deno.test("composerLockHash: a composer.json nested deeper than PHP's json_decode reads is not compared", () => {
  // json_decode's default depth is 512 (the top object is one level): Composer decodes nothing
  // deeper, so no lock holds its hash. Was: a hash for 600 levels, and an internal error
  // (JSON.parse's reviver out of stack) for 5000.
  const nested = (levels: number): string =>
    `{"name":"a\\"[b","extra":${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;
  const php = `{"extra":${"[".repeat(511)}${"]".repeat(511)},"name":"a\\"[b"}`;
  assert.equal(composerLockHash(nested(512), "content-hash"), md5(php));
  for (const levels of [513, 5000]) {
    assert.equal(composerLockHash(nested(levels), "content-hash"), undefined);
  }
});

Deno.test("composerLockHash: a null config.platform is none, as Composer's isset tells it", () => {
  // Locker::getContentHash adds config.platform only when isset($content['config']['platform']),
  // which is false for null. Was: hashed as {"config":{"platform":null}}, a stale-lock warning.
  const text = '{"require":{"a/b":"^1.0"},"config":{"platform":null}}';
  assert.equal(composerLockHash(text, "content-hash"), md5('{"require":{"a\\/b":"^1.0"}}'));
});
