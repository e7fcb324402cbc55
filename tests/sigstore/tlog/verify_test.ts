import assert from "node:assert/strict";
import {
  CLOCK_SKEW_SECONDS,
  type TlogResult,
  verifyTlogEntry,
} from "../../../src/sigstore/tlog/verify.ts";
import { parseBundle, type SignedEntity } from "../../../src/sigstore/bundle.ts";
import { loadTrustedRoot, trustMaterial } from "../../../src/sigstore/trust_root.ts";
import { hash } from "../../../src/sigstore/_bytes.ts";
import { type BundleOptions, makeBundle, makeStack, trustedRootJson } from "../_stack.ts";

const stack = await makeStack();
const NS = 1_000_000_000n;
const nowNs = BigInt(stack.now.getTime()) * 1_000_000n;

// deno-lint-ignore no-explicit-any
type Json = any;

async function run(
  options: BundleOptions,
  editRoot?: (root: Json) => void,
  now = nowNs,
): Promise<TlogResult> {
  const made = await makeBundle(stack, options);
  const parsed = parseBundle(made.bundle);
  const entity = parsed.entity as SignedEntity;
  const root = trustMaterial(loadTrustedRoot(trustedRootJson(stack, editRoot)));
  return await verifyTlogEntry(entity.tlogEntries[0], {
    trustedRoot: root,
    now,
    expect: {
      content: entity.content,
      key: { kind: "certificate", der: made.leaf! },
      artifactDigest: (h) => hash(h, made.artifact),
    },
  });
}

const codes = (r: { checks: { code: string; ok: boolean }[] }): string[] =>
  r.checks.map((c) => `${c.ok ? "" : "!"}${c.code}`);

Deno.test("verifyTlogEntry: Rekor v1 with promise and proof; the integrated time is verified", async () => {
  const result = await run({});
  assert.deepEqual(codes(result), ["tlog.set_verified", "tlog.inclusion_verified", "tlog.body_ok"]);
  assert.equal(result.time, nowNs - (nowNs % NS));
  assert.equal(result.log?.baseUrl, "https://rekor.vouch.test");
});

Deno.test("verifyTlogEntry: Rekor v2 gives an inclusion proof and no time", async () => {
  const result = await run({ rekor: "v2" });
  assert.deepEqual(codes(result), ["tlog.inclusion_verified", "tlog.body_ok"]);
  assert.equal(result.time, undefined);
});

Deno.test("verifyTlogEntry: a Rekor v2 entry's log index is its inclusion proof's (nothing else vouches for it)", async () => {
  const made = await makeBundle(stack, { rekor: "v2" });
  const entry = (made.bundle as Json).verificationMaterial.tlogEntries[0];
  assert.equal(entry.logIndex, entry.inclusionProof.logIndex);
  entry.logIndex = String(BigInt(entry.logIndex) + 1000n);
  const entity = parseBundle(made.bundle).entity as SignedEntity;
  const result = await verifyTlogEntry(entity.tlogEntries[0], {
    trustedRoot: trustMaterial(loadTrustedRoot(trustedRootJson(stack))),
    now: nowNs,
    expect: {
      content: entity.content,
      key: { kind: "certificate", der: made.leaf! },
      artifactDigest: (h) => hash(h, made.artifact),
    },
  });
  assert.deepEqual(codes(result), ["!tlog.inclusion_invalid", "tlog.body_ok"]);
  assert.match(result.checks[0].message, /log index/);
  assert.equal(result.log, undefined);
});

Deno.test("verifyTlogEntry: the log key's validity: start required, end inclusive", async () => {
  const seconds = BigInt(Math.floor(stack.now.getTime() / 1000));
  const at = (s: bigint) => new Date(Number(s) * 1000).toISOString();
  const setWindow = (start: string | undefined, end?: string) => (root: Json) => {
    root.tlogs[0].publicKey.validFor = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
  };
  assert.deepEqual(codes(await run({}, setWindow(at(seconds - 10n), at(seconds)))).slice(0, 1), [
    "tlog.set_verified",
  ]);
  const after = await run({}, setWindow(at(seconds - 10n), at(seconds - 1n)));
  assert.deepEqual(codes(after).slice(0, 1), ["!tlog.unknown_log"]);
  const before = await run({}, setWindow(at(seconds + 1n)));
  assert.deepEqual(codes(before).slice(0, 1), ["!tlog.unknown_log"]);
  const noStart = await run({}, setWindow(undefined));
  assert.deepEqual(codes(noStart), ["!tlog.unknown_log", "tlog.body_ok"]);
  assert.match(noStart.checks[0].message, /no validFor.start/);
});

Deno.test("verifyTlogEntry: an entry of an unknown log, a bad promise, a wrong checkpoint", async () => {
  const unknown = await run({}, (root) => (root.tlogs = [root.tlogs[1]]));
  assert.deepEqual(codes(unknown), ["!tlog.unknown_log", "tlog.body_ok"]);
  const other = await makeStack();
  const forged = await run(
    {},
    (
      root,
    ) => (root.tlogs[0].publicKey.rawBytes = btoa(String.fromCharCode(...other.rekorV1.key.spki))),
  );
  assert.deepEqual(codes(forged), [
    "!tlog.set_invalid",
    "!tlog.checkpoint_invalid",
    "tlog.body_ok",
  ]);
  const sized = await run({ checkpoint: { size: 10 } });
  assert.deepEqual(codes(sized), ["tlog.set_verified", "!tlog.checkpoint_invalid", "tlog.body_ok"]);
});

Deno.test("verifyTlogEntry: an integrated time beyond the clock skew is refused", async () => {
  const skew = CLOCK_SKEW_SECONDS * NS;
  assert.deepEqual(codes(await run({}, undefined, nowNs - skew + NS)), [
    "tlog.set_verified",
    "tlog.inclusion_verified",
    "tlog.body_ok",
  ]);
  const late = await run({}, undefined, nowNs - skew - 2n * NS);
  assert.deepEqual(codes(late), [
    "tlog.set_verified",
    "!tlog.time_in_future",
    "tlog.inclusion_verified",
    "tlog.body_ok",
  ]);
});
