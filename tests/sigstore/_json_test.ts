import assert from "node:assert/strict";
import { MAX_BUNDLE_DEPTH, nestsDeeperThan, parseBundleJson } from "../../src/sigstore/_json.ts";

Deno.test("nestsDeeperThan: brackets inside strings and escapes do not count", () => {
  assert.equal(nestsDeeperThan('{"a":[[1]]}', 3), false);
  assert.equal(nestsDeeperThan('{"a":[[[1]]]}', 3), true);
  assert.equal(nestsDeeperThan('{"a":"[[[[\\"[[[["}', 1), false);
  assert.equal(nestsDeeperThan("[".repeat(1_000_000), MAX_BUNDLE_DEPTH), true);
});

Deno.test("parseBundleJson: UTF-8 JSON within the limits, else bundle.json / bundle.too_large", () => {
  assert.deepEqual(parseBundleJson(new TextEncoder().encode('{"a":1}')), { value: { a: 1 } });
  const code = (bytes: Uint8Array) => {
    const result = parseBundleJson(bytes);
    return "check" in result ? result.check.code : "ok";
  };
  assert.equal(code(new Uint8Array([0xc3])), "bundle.json");
  assert.equal(code(new TextEncoder().encode("{")), "bundle.json");
  assert.equal(code(new TextEncoder().encode("[".repeat(40) + "]".repeat(40))), "bundle.json");
  assert.equal(code(new Uint8Array(256 * 1024 * 1024 + 1)), "bundle.too_large");
  // An SBOM's bundle holds the SBOM: a 150 MB SBOM's is 211 MB, which vouch attest writes (the
  // limit was 64 MiB, and a keyless attest of an SBOM over 48 MB failed its own check).
  const large = new TextEncoder().encode(`{"a":"${"A".repeat(100 * 1024 * 1024)}"}`);
  assert.equal(code(large), "ok");
});
