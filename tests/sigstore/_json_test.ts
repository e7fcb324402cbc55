import assert from "node:assert/strict";
import {
  MAX_BUNDLE_CONTAINERS,
  MAX_BUNDLE_DEPTH,
  parseBundleJson,
} from "../../src/sigstore/_json.ts";

Deno.test("parseBundleJson: UTF-8 JSON within the limits, else bundle.json / bundle.too_large", () => {
  assert.deepEqual(parseBundleJson(new TextEncoder().encode('{"a":1}')), { value: { a: 1 } });
  const code = (bytes: Uint8Array) => {
    const result = parseBundleJson(bytes);
    return "check" in result ? result.check.code : "ok";
  };
  assert.equal(code(new Uint8Array([0xc3])), "bundle.json");
  assert.equal(code(new TextEncoder().encode("{")), "bundle.json");
  assert.equal(code(new TextEncoder().encode("[".repeat(40) + "]".repeat(40))), "bundle.json");
  // Brackets inside strings and escapes do not count.
  const deep = (n: number): string =>
    `{"a":"[[[[\\"[[[[",` + '"b":' + "[".repeat(n) + "]".repeat(n) + "}";
  assert.equal(code(new TextEncoder().encode(deep(MAX_BUNDLE_DEPTH - 1))), "ok");
  assert.equal(code(new TextEncoder().encode(deep(MAX_BUNDLE_DEPTH))), "bundle.json");
  assert.equal(code(new TextEncoder().encode("[".repeat(1_000_000))), "bundle.json");
  // Shallow, but too many objects to build (a 255 MiB one ran the heap out): refused unparsed.
  const many = (n: number): string => `[${new Array(n).fill("{}").join(",")}]`;
  assert.equal(code(new TextEncoder().encode(many(MAX_BUNDLE_CONTAINERS - 1))), "ok");
  const refused = parseBundleJson(new TextEncoder().encode(many(MAX_BUNDLE_CONTAINERS)));
  assert.ok("check" in refused && /objects and arrays/.test(refused.check.message ?? ""));
  assert.equal(code(new Uint8Array(256 * 1024 * 1024 + 1)), "bundle.too_large");
  // An SBOM's bundle holds the SBOM: a 150 MB SBOM's is 211 MB, which vouch attest writes (the
  // limit was 64 MiB, and a keyless attest of an SBOM over 48 MB failed its own check).
  const large = new TextEncoder().encode(`{"a":"${"A".repeat(100 * 1024 * 1024)}"}`);
  assert.equal(code(large), "ok");
});
