import assert from "node:assert/strict";
import { parseSctList, precertificateTbs, verifyScts } from "../../../src/sigstore/x509/sct.ts";
import { parseCertificate } from "../../../src/sigstore/x509/certificate.ts";
import { loadTrustedRoot, trustMaterial } from "../../../src/sigstore/trust_root.ts";
import { DerError } from "../../../src/sigstore/_asn1/reader.ts";
import { octets } from "../_der_builder.ts";
import {
  issueLeaf,
  leafExtensions,
  makeKey,
  makeStack,
  sctListExtension,
  tbsCertificate,
  trustedRootJson,
} from "../_stack.ts";

const stack = await makeStack();
const material = trustMaterial(loadTrustedRoot(trustedRootJson(stack)));
const issuer = parseCertificate(stack.ca.intermediate);

Deno.test("precertificateTbs: the TBS without the SCT list extension, as the CT log signed it", async () => {
  const key = await makeKey("P-256");
  const extensions = leafExtensions(key.spki, stack);
  const spec = {
    serial: 4242,
    issuer: stack.ca.intermediateName,
    subject: new Uint8Array([0x30, 0]),
    notBefore: new Date(stack.now.getTime() - 60_000),
    notAfter: new Date(stack.now.getTime() + 540_000),
    spki: key.spki,
    extensions,
    signer: stack.ca.intermediateKey,
  };
  const { cert } = await issueLeaf(stack, { key, extensions });
  assert.deepEqual(precertificateTbs(parseCertificate(cert)), tbsCertificate(spec));
});

Deno.test("verifyScts: an SCT of a trusted CT log verifies (with or without SCT extensions)", async () => {
  for (const sctExtensions of [undefined, new Uint8Array([0, 0, 5, 0, 0, 0, 0, 42])]) {
    const leaf = parseCertificate((await issueLeaf(stack, { sctExtensions })).cert);
    const check = await verifyScts(leaf, { issuer, ctlogs: material.ctlogs });
    assert.equal(check.code, "sct.verified", check.message);
  }
});

Deno.test("verifyScts: tampered, missing, unknown-log and out-of-window SCTs", async () => {
  const tampered = parseCertificate((await issueLeaf(stack, { tamperSct: true })).cert);
  assert.equal(
    (await verifyScts(tampered, { issuer, ctlogs: material.ctlogs })).code,
    "sct.invalid",
  );
  const none = parseCertificate((await issueLeaf(stack, { noSct: true })).cert);
  assert.equal((await verifyScts(none, { issuer, ctlogs: material.ctlogs })).code, "sct.missing");
  const leaf = parseCertificate((await issueLeaf(stack)).cert);
  const unknown = await verifyScts(leaf, { issuer, ctlogs: [] });
  assert.equal(unknown.code, "sct.missing");
  assert.match(unknown.message, /none of the 1 embedded SCT/);
  const closed = material.ctlogs.map((l) => ({ ...l, validFor: { start: 0n, end: 1n } }));
  assert.equal((await verifyScts(leaf, { issuer, ctlogs: closed })).code, "sct.invalid");
  // With the wrong issuer key hash the precertificate does not match.
  const wrongIssuer = parseCertificate(stack.ca.root);
  assert.equal(
    (await verifyScts(leaf, { issuer: wrongIssuer, ctlogs: material.ctlogs })).code,
    "sct.invalid",
  );
});

Deno.test("parseSctList: TLS vectors are read exactly; malformed lists throw DerError", () => {
  const sct = new Uint8Array([
    0,
    ...new Array(32).fill(7),
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    9,
    0,
    0,
    4,
    3,
    0,
    2,
    0xaa,
    0xbb,
  ]);
  const ext = sctListExtension([sct]);
  const [parsed] = parseSctList(ext.value);
  assert.equal(parsed.version, 0);
  assert.equal(parsed.timestamp, 9n);
  assert.deepEqual(parsed.signature, new Uint8Array([0xaa, 0xbb]));
  for (
    const bad of [
      octets(new Uint8Array([0, 5, 0, 3, 1])), // list length past the end
      octets(new Uint8Array([0, 2, 0, 0, 9])), // trailing bytes after the list
      octets(new Uint8Array([0, 3, 0, 1, 0])), // an SCT cut short
      new Uint8Array([0x02, 0x01, 0x00]), // not an OCTET STRING
      octets(new Uint8Array([0, 0x0])).subarray(0, 3),
    ]
  ) assert.throws(() => parseSctList(bad), DerError);
  const many = sctListExtension(new Array(40).fill(sct));
  assert.throws(() => parseSctList(many.value), /more than 32/);
});
