import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  PUBLIC_GOOD_TRUSTED_ROOT_JSON,
  PUBLIC_GOOD_TRUSTED_ROOT_SHA256,
} from "../../src/sigstore/public_good_trusted_root.ts";
import { SHARED_DIR, skipWithoutShared } from "../_util.ts";

Deno.test("the embedded public-good root is its source file, byte for byte", async () => {
  const digest = createHash("sha256").update(PUBLIC_GOOD_TRUSTED_ROOT_JSON).digest("hex");
  assert.equal(digest, PUBLIC_GOOD_TRUSTED_ROOT_SHA256);
  assert.equal(
    JSON.parse(PUBLIC_GOOD_TRUSTED_ROOT_JSON).mediaType,
    "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
  );
  if (skipWithoutShared("the comparison with ../shared's public-good root")) return;
  const source = await Deno.readTextFile(
    `${SHARED_DIR}/sigstore-conformance/public-good-trusted-root.json`,
  );
  assert.equal(PUBLIC_GOOD_TRUSTED_ROOT_JSON, source);
});
