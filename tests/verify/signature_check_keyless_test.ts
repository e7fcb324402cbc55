// checkSignatures on keyless Sigstore bundles (a Fulcio certificate, not a
// key): verified by src/sigstore against the identity policy, never accepted
// without one. The bundles come from the test Sigstore instance.
import assert from "node:assert/strict";
import { readEvidenceDir } from "../../src/verify/index_check.ts";
import { checkSignatures } from "../../src/verify/signature_check.ts";
import { checkStatement } from "../../src/verify/statement_check.ts";
import { parseJson } from "../../src/verify/_read.ts";
import { FILES, toJsonText } from "../../src/bundle/bundle_index.ts";
import { loadTrustedRoot } from "../../src/sigstore/trust_root.ts";
import { IDENTITY, ISSUER, makeBundle, makeStack, trustedRootJson } from "../sigstore/_stack.ts";
import { bundle } from "./_bundle.ts";

type Input = Parameters<typeof checkSignatures>[0];

const stack = await makeStack();
const trustedRoot = loadTrustedRoot(trustedRootJson(stack));
const identity = { subjectAlternativeName: IDENTITY, issuer: ISSUER };

/** An HMAC-signed evidence folder whose provenance.sigstore.json is replaced by a keyless bundle. */
async function keylessInput(payload?: Uint8Array): Promise<Input> {
  const b = await bundle("hmac");
  const { files } = await readEvidenceDir(b.dir);
  const provenance = files.get(FILES.provenance)!;
  const parsed = parseJson(provenance, FILES.provenance);
  const { statement } = checkStatement(parsed.check ? undefined : parsed.value);
  const keyless = await makeBundle(stack, { content: "dsse", payload: payload ?? provenance });
  files.set(FILES.sigstoreBundle, new TextEncoder().encode(toJsonText(keyless.bundle)));
  return { files, statement, publicKeys: [], requireSignature: false };
}

const failures = (checks: { code: string; ok: boolean }[]): string[] =>
  checks.filter((c) => !c.ok).map((c) => c.code);

Deno.test("keyless provenance.sigstore.json: verified against the identity, its payload counts as signed", async () => {
  const input = await keylessInput();
  const result = await checkSignatures({ ...input, sigstore: { identity, trustedRoot } });
  assert.deepEqual(failures(result.checks), []);
  const codes = result.checks.filter((c) => c.file === FILES.sigstoreBundle).map((c) => c.code);
  for (
    const code of [
      "sigstore.payload_ok",
      "sigstore.identity.ok",
      "sigstore.certificate.chain_ok",
      "sigstore.signature.verified",
    ]
  ) {
    assert.ok(codes.includes(code), code);
  }
  assert.deepEqual(result.signedPayloads, [input.files.get(FILES.provenance)]);
});

Deno.test("keyless bundle without an identity policy: a failing check, never silently accepted", async () => {
  const input = await keylessInput();
  const result = await checkSignatures({ ...input, sigstore: { trustedRoot } });
  assert.deepEqual(failures(result.checks), ["sigstore.identity_required"]);
  assert.deepEqual(result.signedPayloads, []);
  const none = await checkSignatures(input);
  assert.deepEqual(failures(none.checks), ["sigstore.identity_required"]);
});

Deno.test("keyless bundle: another identity, another trusted root, another payload fail", async () => {
  const input = await keylessInput();
  const other = await checkSignatures({
    ...input,
    sigstore: {
      identity: { ...identity, subjectAlternativeName: "https://github.com/evil/app" },
      trustedRoot,
    },
  });
  assert.deepEqual(failures(other.checks), ["sigstore.identity.san_mismatch"]);
  assert.deepEqual(other.signedPayloads, []);
  const publicGood = await checkSignatures({ ...input, sigstore: { identity } });
  assert.ok(
    failures(publicGood.checks).includes("sigstore.certificate.chain_invalid") ||
      failures(publicGood.checks).includes("sigstore.tlog.unknown_log"),
  );
  const changed = await keylessInput(new TextEncoder().encode('{"_type":"other"}'));
  const mismatch = await checkSignatures({ ...changed, sigstore: { identity, trustedRoot } });
  assert.deepEqual(failures(mismatch.checks), ["sigstore.payload_mismatch"]);
});
