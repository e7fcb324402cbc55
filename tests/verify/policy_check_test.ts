import assert from "node:assert/strict";
import { FILES } from "../../src/bundle/bundle_index.ts";
import { checkPolicy } from "../../src/verify/policy_check.ts";
import { bundle, EXPECT } from "./_bundle.ts";

Deno.test("checkPolicy compares expectations with signed payloads", async () => {
  const b = await bundle("hmac");
  const payload = Deno.readFileSync(`${b.dir}/${FILES.provenance}`);
  assert.deepEqual(checkPolicy([payload], {}), []);
  assert.deepEqual(checkPolicy([payload], EXPECT).map((c) => c.code), [
    "policy.repository_ok",
    "policy.commit_ok",
    "policy.builder_ok",
    "policy.release_ok",
  ]);
  assert.deepEqual(checkPolicy([payload], { commit: "0".repeat(40) }).map((c) => c.code), [
    "policy.commit_mismatch",
  ]);
  assert.deepEqual(checkPolicy([], { release: "v1", builder: "b" }).map((c) => c.code), [
    "policy.unsigned",
    "policy.unsigned",
  ]);
  assert.deepEqual(
    checkPolicy([new TextEncoder().encode("{}")], { release: "v1" }).map((c) => c.code),
    [
      "policy.unreadable",
    ],
  );
});
