// attest({ keyless }) end to end in process: the local Sigstore instance
// (@sigstore/mock's Fulcio, Rekor v1/v2 and TSA) through an injected fetch.
// The evidence verifies with vouch's verify() and with sigstore-js; the index,
// report and summary name who signed; every service fault is one coded error
// and the evidence published before stays as it was.
import assert from "node:assert/strict";
import { attest, type AttestOptions } from "../src/attest.ts";
import { VouchError } from "../src/errors.ts";
import { FILES } from "../src/bundle/bundle_index.ts";
import { verify } from "../src/verify/mod.ts";
import { sigstoreVerdict } from "./_sigstore.ts";
import { KEYLESS_POLICY, keylessOptions, localStack } from "./sigstore/_keyless.ts";
import { MOCK_IDENTITY, mockToken } from "./sigstore/_mock_stack.ts";
import { CONTEXT, DEMO, EXPECT, failedCodes, SUBJECTS, tempDir } from "./verify/_bundle.ts";

const stack = await localStack();
const BUNDLES = [FILES.sigstoreBundle, FILES.spdxSigstoreBundle, FILES.cyclonedxSigstoreBundle];

function attestKeyless(
  outputDir: string,
  keyless = keylessOptions(stack),
  more: Partial<AttestOptions> = {},
): ReturnType<typeof attest> {
  return attest({
    projectRoot: DEMO,
    outputDir,
    subjects: ["dist/*"],
    ...CONTEXT,
    keyless,
    env: { SOURCE_DATE_EPOCH: "1700000000" },
    ...more,
  });
}

async function snapshot(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const e of Deno.readDir(dir)) {
    files.set(e.name, await Deno.readTextFile(`${dir}/${e.name}`));
  }
  return files;
}

for (const rekorVersion of [1, 2] as const) {
  Deno.test(`attest keyless (Rekor v${rekorVersion}): three bundles that vouch and sigstore-js verify, the signer in index, report and summary`, async () => {
    const dir = `${tempDir()}/evidence`;
    const report = await attestKeyless(dir, keylessOptions(stack, { rekorVersion }));
    assert.equal(report.passed, true);
    assert.equal(report.sigstore_bundle_path, `${dir}/${FILES.sigstoreBundle}`);
    const sigstore = report.signatures.filter((s) => s.algorithm === "sigstore-keyless");
    assert.deepEqual(sigstore.map((s) => s.path).sort(), [...BUNDLES].sort());
    for (const s of sigstore) {
      assert.equal(s.signer?.identity, MOCK_IDENTITY.san);
      assert.equal(s.signer?.issuer, MOCK_IDENTITY.issuer);
      assert.equal(s.signer?.tlog_entries.length, 1);
      assert.equal(s.signer?.tlog_entries[0].log, stack.url);
      assert.equal(s.signer?.tlog_entries[0].integrated_time === null, rekorVersion === 2);
      assert.equal(s.signer?.timestamps.length, rekorVersion === 2 ? 1 : 0);
    }
    const index = JSON.parse(await Deno.readTextFile(`${dir}/${FILES.index}`));
    assert.deepEqual(index.signatures, report.signatures);
    const summary = await Deno.readTextFile(`${dir}/${FILES.markdown}`);
    assert.ok(summary.includes(`certificate for \`${MOCK_IDENTITY.san}\``), summary);
    assert.ok(summary.includes("signed after this summary was written"));
    // vouch verify: every check passes with the identity and the instance's root.
    const trustedRoot = (keylessOptions(stack)).trustedRoot;
    const verified = await verify(dir, {
      ...SUBJECTS,
      expect: EXPECT,
      sigstore: { identity: KEYLESS_POLICY, trustedRoot },
    });
    assert.deepEqual(failedCodes(verified), []);
    assert.ok(verified.checks.some((c) => c.code === "index.derived_ok"));
    // sigstore-js, independently, on each bundle.
    for (const path of BUNDLES) {
      const bundle = JSON.parse(await Deno.readTextFile(`${dir}/${path}`));
      assert.equal(bundle.verificationMaterial.tlogEntries[0].kindVersion.kind, "dsse");
      assert.ok(bundle.verificationMaterial.certificate.rawBytes);
      assert.deepEqual(
        sigstoreVerdict(bundle, {
          artifact: new Uint8Array(),
          trustedRootJson: stack.trustedRootJson,
          identity: { san: MOCK_IDENTITY.san, issuer: MOCK_IDENTITY.issuer },
        }),
        { ok: true },
        path,
      );
      assert.equal(
        sigstoreVerdict(bundle, {
          artifact: new Uint8Array(),
          trustedRootJson: stack.trustedRootJson,
          identity: { san: "https://github.com/evil/app", issuer: MOCK_IDENTITY.issuer },
        }).ok,
        false,
      );
    }
  });
}

Deno.test("attest keyless with an HMAC key too: both signatures declared and verified", async () => {
  const dir = `${tempDir()}/evidence`;
  const report = await attestKeyless(dir, keylessOptions(stack), { hmacKey: "keyless-and-hmac" });
  assert.equal(report.passed, true);
  assert.deepEqual(report.signatures.map((s) => s.algorithm).sort(), [
    "hmac-sha256",
    "sigstore-keyless",
    "sigstore-keyless",
    "sigstore-keyless",
  ]);
  const result = await verify(dir, {
    ...SUBJECTS,
    hmacKey: "keyless-and-hmac",
    sigstore: { identity: KEYLESS_POLICY, trustedRoot: keylessOptions(stack).trustedRoot },
  });
  assert.deepEqual(failedCodes(result), []);
});

Deno.test("attest keyless and a private key: refused before anything is read or fetched", async () => {
  const before = stack.requests.length;
  await assert.rejects(
    attestKeyless(`${tempDir()}/evidence`, keylessOptions(stack), {
      privateKeyPem: "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n",
    }),
    (e: unknown) => e instanceof VouchError && e.code === "args.conflicting_flags",
  );
  assert.equal(stack.requests.length, before);
});

Deno.test("attest keyless without a token source: sigstore.token_missing before any network call", async () => {
  const before = stack.requests.length;
  for (
    const [env, pattern] of [
      [{ GITHUB_ACTIONS: "true" }, /permissions: id-token: write/],
      [{ GITLAB_CI: "true" }, /id_tokens:/],
      [{}, /--identity-token-env/],
    ] as const
  ) {
    await assert.rejects(
      attestKeyless(
        `${tempDir()}/evidence`,
        { ...keylessOptions(stack), identityToken: undefined },
        { env },
      ),
      (e: unknown) =>
        e instanceof VouchError && e.code === "sigstore.token_missing" && pattern.test(e.message),
    );
  }
  assert.equal(stack.requests.length, before);
});

/** A fault of the instance, and the error it must give. */
interface Fault {
  name: string;
  services: Parameters<typeof keylessOptions>[1];
  code: string;
  message?: RegExp;
}

/** A fault path of the instance, as a service URL. */
const at = (fault: string, path = ""): string => `${stack.url}/fault/${fault}${path}`;
const tsaAt = (fault: string): string[] => [at(fault, "/api/v1/timestamp")];

const FAULTS: Fault[] = [
  ...([
    ["Fulcio 400", "status-400", "sigstore.fulcio_rejected"],
    ["Fulcio 500", "status-500", "sigstore.fulcio_unavailable"],
    ["Fulcio answers garbage", "garbage", "sigstore.fulcio_malformed"],
    ["Fulcio certifies another key", "other-key", "sigstore.fulcio_key_mismatch"],
    ["Fulcio down", "down", "sigstore.fulcio_unavailable"],
  ] as const).map(([name, fault, code]) => ({ name, services: { fulcio: at(fault) }, code })),
  ...([
    ["Rekor 409", "status-409", "sigstore.rekor_rejected"],
    ["Rekor 500", "status-500", "sigstore.rekor_unavailable"],
    ["Rekor answers garbage", "garbage", "sigstore.rekor_malformed"],
  ] as const).map(([name, fault, code]) => ({ name, services: { rekor: at(fault) }, code })),
  {
    name: "Rekor times out",
    services: { rekor: at("hang") },
    code: "sigstore.rekor_unavailable",
    message: /no answer within/,
  },
  ...([1, 2] as const).map((rekorVersion) => ({
    name: `Rekor v${rekorVersion}'s inclusion proof does not match`,
    services: { rekor: at("bad-proof"), rekorVersion },
    code: "sigstore.self_verification_failed",
    message: /tlog\.inclusion_invalid/,
  })),
  {
    name: "Rekor replays an entry of another signature",
    services: { rekor: at("replay") },
    code: "sigstore.self_verification_failed",
    message: /tlog\.body_mismatch/,
  },
  ...([
    ["TSA down", "down", "sigstore.tsa_unavailable"],
    ["TSA 503", "status-503", "sigstore.tsa_unavailable"],
    ["TSA answers garbage", "garbage", "sigstore.tsa_malformed"],
    ["TSA stamps another digest", "other-digest", "sigstore.tsa_malformed"],
  ] as const).map(([name, fault, code]) => ({ name, services: { tsa: tsaAt(fault) }, code })),
];

Deno.test("attest keyless: every fault of the instance is one coded error, and the earlier evidence stays", async () => {
  const dir = `${tempDir()}/evidence`;
  await attestKeyless(dir);
  const before = await snapshot(dir);
  for (const fault of FAULTS) {
    const keyless = keylessOptions(stack, fault.services, { timeoutMs: 50, attempts: 2 });
    await assert.rejects(attestKeyless(dir, keyless), (e: unknown) => {
      assert.ok(e instanceof VouchError, `${fault.name}: ${e}`);
      assert.equal(e.code, fault.code, `${fault.name}: ${e.message}`);
      if (fault.message) assert.match(e.message, fault.message, fault.name);
      assert.ok(e.hint.length > 0);
      return true;
    });
    assert.deepEqual(await snapshot(dir), before, `${fault.name}: the evidence changed`);
  }
});

Deno.test("attest keyless: a service failing once is retried (bounded, with backoff) and the run succeeds", async () => {
  const waits: number[] = [];
  const before = stack.requests.length;
  const report = await attestKeyless(
    `${tempDir()}/evidence`,
    keylessOptions(stack, { fulcio: `${stack.url}/fault/once-503` }, {
      backoffMs: 7,
      sleep: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    }),
  );
  assert.equal(report.passed, true);
  assert.deepEqual(waits, [7]);
  const fulcioCalls = stack.requests.slice(before).filter((r) => r.includes("signingCert"));
  assert.equal(fulcioCalls.length, 2);
});

Deno.test("attest keyless against the wrong trusted root: nothing written, the failing checks named", async () => {
  const dir = `${tempDir()}/evidence`;
  await assert.rejects(
    attestKeyless(dir, { ...keylessOptions(stack), trustedRoot: undefined }),
    (e: unknown) =>
      e instanceof VouchError && e.code === "sigstore.self_verification_failed" &&
      /certificate\.chain_invalid|tlog\.unknown_log/.test(e.message),
  );
  assert.throws(() => Deno.statSync(dir), Deno.errors.NotFound);
});

Deno.test("attest keyless: the identity token is never written into the evidence", async () => {
  const token = mockToken({ jti: "unique-token-marker-5b2e" });
  const dir = `${tempDir()}/evidence`;
  await attestKeyless(dir, { ...keylessOptions(stack), identityToken: token });
  for (const [name, text] of await snapshot(dir)) {
    assert.ok(!text.includes(token), name);
    assert.ok(!text.includes("unique-token-marker"), name);
  }
});
