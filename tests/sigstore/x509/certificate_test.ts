import assert from "node:assert/strict";
import {
  type Certificate,
  describeName,
  findExtension,
  isCa,
  OID,
  parseCertificate,
} from "../../../src/sigstore/x509/certificate.ts";
import { DerError } from "../../../src/sigstore/_asn1/reader.ts";
import { skipWithoutShared } from "../../_util.ts";
import { SUITE } from "../_conformance.ts";
import { ctx, int, name, seq, utcTime } from "../_der_builder.ts";
import {
  type Ext,
  type KeyPair,
  makeKey,
  makeStack,
  signCertificate,
  tbsCertificate,
  X,
} from "../_stack.ts";

const stack = await makeStack();

/** A certificate signed by its own key, with the given extensions. */
function selfSigned(key: KeyPair, extensions: Ext[]): Promise<Uint8Array> {
  return signCertificate(
    tbsCertificate({
      serial: 9,
      issuer: name({ cn: "i" }),
      subject: name({ cn: "s" }),
      notBefore: stack.now,
      notAfter: stack.now,
      spki: key.spki,
      extensions,
      signer: key,
    }),
    key,
  );
}

Deno.test("parseCertificate: a Fulcio leaf from the conformance suite", () => {
  if (skipWithoutShared("a real Fulcio certificate")) return;
  const bundle = JSON.parse(
    Deno.readTextFileSync(`${SUITE}/happy-path-v0.3-new-mediaType/bundle.sigstore.json`),
  );
  const der = Uint8Array.from(
    atob(bundle.verificationMaterial.certificate.rawBytes),
    (c) => c.charCodeAt(0),
  );
  const cert = parseCertificate(der);
  assert.equal(cert.version, 3);
  assert.equal(describeName(cert.issuer), "O=sigstore.dev, CN=sigstore-intermediate");
  assert.equal(describeName(cert.subject), "(empty)");
  assert.equal(isCa(cert), false);
  assert.deepEqual([...cert.keyUsage!], ["digitalSignature"]);
  assert.deepEqual(cert.extKeyUsage, [OID.codeSigning]);
  assert.equal(cert.subjectAltNames[0].type, "uri");
  assert.ok(findExtension(cert, OID.sctList) !== undefined);
  assert.deepEqual(cert.unknownCritical, []);
  assert.equal(cert.signatureOid, "1.2.840.10045.4.3.3");
  assert.equal(cert.notAfter - cert.notBefore, 600n * 1_000_000_000n);
});

Deno.test("parseCertificate: the test CA's certificates", () => {
  const root = parseCertificate(stack.ca.root);
  assert.deepEqual(root.basicConstraints, { ca: true });
  assert.deepEqual([...root.keyUsage!].sort(), ["cRLSign", "keyCertSign"]);
  assert.deepEqual(root.issuer, root.subject);
  const intermediate = parseCertificate(stack.ca.intermediate);
  assert.deepEqual(intermediate.basicConstraints, { ca: true, pathLength: 0 });
  assert.deepEqual(intermediate.authorityKeyId, root.subjectKeyId);
});

Deno.test("parseCertificate: SAN kinds, unknown critical extensions, duplicates", async () => {
  const key = await makeKey("P-256");
  const make = async (extensions: Ext[]): Promise<Certificate> =>
    parseCertificate(await selfSigned(key, extensions));
  const email = await make([X.sanEmail("dev@example.com")]);
  assert.deepEqual(email.subjectAltNames, [{ type: "email", value: "dev@example.com" }]);
  const critical = await make([{ oid: "1.2.3.4", critical: true, value: new Uint8Array([5, 0]) }]);
  assert.deepEqual(critical.unknownCritical, ["1.2.3.4"]);
  const nonCritical = await make([{ oid: "1.2.3.4", value: new Uint8Array([5, 0]) }]);
  assert.deepEqual(nonCritical.unknownCritical, []);
  await assert.rejects(() => make([X.sanEmail("a@b"), X.sanEmail("c@d")]), /appears twice/);
});

Deno.test("parseCertificate: malformed certificates throw DerError", async () => {
  const key = await makeKey("P-256");
  const good = await selfSigned(key, []);
  assert.equal(parseCertificate(good).version, 3);
  const bad: Uint8Array[] = [
    good.subarray(0, good.length - 1), // truncated
    new Uint8Array([...good, 0]), // trailing byte
    seq(), // empty
    seq(seq(ctx(0, true, int(7)))), // version 8
    new Uint8Array(70 * 1024), // too large
    new Uint8Array([0x30, 0x84, 0xff, 0xff, 0xff, 0xff]), // length past the end
    seq(
      seq(
        ctx(0, true, int(2)),
        int(1),
        seq(),
        seq(),
        seq(utcTime(new Date("2025-02-30T00:00:00Z")), utcTime(stack.now)),
      ),
    ),
  ];
  for (const der of bad) assert.throws(() => parseCertificate(der), DerError);
});

Deno.test("describeName never throws", () => {
  assert.equal(describeName(new Uint8Array([1, 2, 3])), "(unreadable name)");
  assert.equal(describeName(name({ o: "a", cn: "b" })), "O=a, CN=b");
});
