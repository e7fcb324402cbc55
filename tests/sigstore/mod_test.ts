import assert from "node:assert/strict";
import * as sigstore from "../../src/sigstore/mod.ts";
import * as root from "../../mod.ts";

Deno.test("src/sigstore/mod.ts and mod.ts export the verifier and the trusted-root loaders", async () => {
  for (
    const name of [
      "verifyBundle",
      "loadTrustedRoot",
      "parseTrustedRoot",
      "publicGoodTrustedRoot",
      "SIGSTORE_CHECKS",
    ] as const
  ) {
    assert.equal(typeof sigstore[name], name === "SIGSTORE_CHECKS" ? "object" : "function", name);
    assert.equal(root[name], sigstore[name], `mod.ts re-exports ${name}`);
  }
  assert.equal(typeof sigstore.PUBLIC_GOOD_TRUSTED_ROOT_JSON, "string");
  const result = await root.verifyBundle({
    mediaType: "application/vnd.dev.sigstore.bundle.v0.3+json",
  });
  assert.deepEqual(result.checks.map((c) => c.code), ["bundle.malformed"]);
  assert.deepEqual({ ...root.publicGoodTrustedRoot() }, {
    ...root.loadTrustedRoot(sigstore.PUBLIC_GOOD_TRUSTED_ROOT_JSON),
  });
});
