import assert from "node:assert/strict";
import {
  leafHash,
  nodeHash,
  rootFromInclusionProof,
  verifyInclusion,
} from "../../../src/sigstore/tlog/merkle.ts";
import { merkleTree, sha256 } from "../_stack.ts";

const entry = new TextEncoder().encode("the entry");

Deno.test("leafHash and nodeHash: RFC 6962 domain separation", async () => {
  assert.deepEqual(await leafHash(entry), sha256(new Uint8Array([0]), entry));
  const [a, b] = [sha256(new Uint8Array([1])), sha256(new Uint8Array([2]))];
  assert.deepEqual(await nodeHash(a, b), sha256(new Uint8Array([1]), a, b));
  // The empty-string leaf of RFC 6962's test vectors.
  assert.equal(
    Array.from(await leafHash(new Uint8Array()), (x) => x.toString(16).padStart(2, "0")).join(""),
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  );
});

Deno.test("verifyInclusion: every index of every tree size up to 33 (proofs built per RFC 6962 §2.1.1)", async () => {
  for (let size = 1; size <= 33; size++) {
    for (let index = 0; index < size; index++) {
      const { root, proof } = merkleTree(entry, index, size);
      const ok = await verifyInclusion(await leafHash(entry), {
        index: BigInt(index),
        size: BigInt(size),
        proof,
        root,
      });
      assert.ok(ok, `index ${index} of ${size}`);
    }
  }
});

Deno.test("verifyInclusion: a proof for another index, size, leaf or root fails", async () => {
  const { root, proof } = merkleTree(entry, 5, 13);
  const leaf = await leafHash(entry);
  const ok = (index: bigint, size: bigint, p = proof, r = root, l = leaf) =>
    verifyInclusion(l, { index, size, proof: p, root: r });
  assert.ok(await ok(5n, 13n));
  assert.equal(await ok(4n, 13n), false);
  // A size with another path shape fails (sizes 13 and 14 share the shape: the checkpoint binds the size).
  assert.equal(await ok(5n, 6n), false);
  assert.equal(await ok(5n, 40n), false);
  assert.equal(await ok(13n, 13n), false, "index out of range");
  assert.equal(await ok(-1n, 13n), false);
  assert.equal(await ok(5n, 13n, proof.slice(1)), false, "a hash short");
  assert.equal(await ok(5n, 13n, [...proof, proof[0]]), false, "a hash too many");
  assert.equal(
    await ok(5n, 13n, [proof[0].subarray(0, 31), ...proof.slice(1)]),
    false,
    "not 32 bytes",
  );
  assert.equal(await ok(5n, 13n, proof, sha256(root)), false, "another root");
  assert.equal(
    await ok(5n, 13n, proof, root, await leafHash(new Uint8Array(1))),
    false,
    "another leaf",
  );
  assert.equal(await rootFromInclusionProof(leaf, { index: 0n, size: 0n, proof: [] }), undefined);
});

Deno.test("rootFromInclusionProof: bounded for huge sizes (no proof is long enough)", async () => {
  const size = (1n << 63n) - 1n;
  assert.equal(
    await rootFromInclusionProof(await leafHash(entry), {
      index: size - 2n,
      size,
      proof: [sha256(entry)],
    }),
    undefined,
  );
});
