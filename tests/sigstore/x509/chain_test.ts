import assert from "node:assert/strict";
import { certificateKey, issuedBy, verifyChain } from "../../../src/sigstore/x509/chain.ts";
import { type Certificate, OID, parseCertificate } from "../../../src/sigstore/x509/certificate.ts";
import type { CertificateAuthority } from "../../../src/sigstore/trust_root.ts";
import { name } from "../_der_builder.ts";
import {
  type Ext,
  issueLeaf,
  type KeyPair,
  makeKey,
  makeStack,
  OIDS,
  signCertificate,
  tbsCertificate,
  X,
} from "../_stack.ts";

const stack = await makeStack();
const ns = (d: Date): bigint => BigInt(d.getTime()) * 1_000_000n;
const now = ns(stack.now);
const YEAR = 365 * 24 * 3600_000;

function authority(...chain: Uint8Array[]): CertificateAuthority {
  return { uri: "test", chain: chain.map((c) => parseCertificate(c)), validFor: {} };
}

const trusted = authority(stack.ca.intermediate, stack.ca.root);

async function leafCert(): Promise<Certificate> {
  return parseCertificate((await issueLeaf(stack)).cert);
}

/** A CA certificate signed by `signer`. */
async function caCert(options: {
  subject: string;
  issuer: string;
  key: KeyPair;
  signer: KeyPair;
  extensions?: Ext[];
}): Promise<Uint8Array> {
  return await signCertificate(
    tbsCertificate({
      serial: 3,
      issuer: name({ o: "vouch.test", cn: options.issuer }),
      subject: name({ o: "vouch.test", cn: options.subject }),
      notBefore: new Date(stack.now.getTime() - YEAR),
      notAfter: new Date(stack.now.getTime() + YEAR),
      spki: options.key.spki,
      extensions: options.extensions ?? [X.keyUsage("keyCertSign"), X.basicConstraints(true)],
      signer: options.signer,
    }),
    options.signer,
  );
}

Deno.test("verifyChain: leaf → intermediate → root at the signing time", async () => {
  const leaf = await leafCert();
  const result = await verifyChain(leaf, {
    authorities: [trusted],
    time: now,
    purpose: OID.codeSigning,
  });
  assert.ok("path" in result, "problem" in result ? result.problem : "");
  if ("path" in result) assert.equal(result.path.length, 3);
  // A trust anchor need not be self-signed: the authority's last certificate is the anchor.
  const intermediateOnly = authority(stack.ca.intermediate);
  assert.ok(
    "path" in
      await verifyChain(leaf, {
        authorities: [intermediateOnly],
        time: now,
        purpose: OID.codeSigning,
      }),
  );
});

Deno.test("verifyChain: outside any certificate's validity, or the authority's window, fails", async () => {
  const leaf = await leafCert();
  const after = ns(new Date(stack.now.getTime() + 3600_000));
  const late = await verifyChain(leaf, {
    authorities: [trusted],
    time: after,
    purpose: OID.codeSigning,
  });
  assert.match("problem" in late ? late.problem : "", /is not valid at/);
  const closed = { ...trusted, validFor: { end: now - 1n } };
  const outside = await verifyChain(leaf, {
    authorities: [closed],
    time: now,
    purpose: OID.codeSigning,
  });
  assert.match(
    "problem" in outside ? outside.problem : "",
    /no certificate authority of the trusted root is valid/,
  );
  // The end of the window is inclusive.
  const inclusive = { ...trusted, validFor: { end: now } };
  assert.ok(
    "path" in
      await verifyChain(leaf, { authorities: [inclusive], time: now, purpose: OID.codeSigning }),
  );
});

Deno.test("verifyChain: a leaf of another CA, or with a broken signature, has no path", async () => {
  const other = await makeStack(stack.now);
  const foreign = parseCertificate((await issueLeaf(other)).cert);
  const result = await verifyChain(foreign, {
    authorities: [trusted],
    time: now,
    purpose: OID.codeSigning,
  });
  assert.match(
    "problem" in result ? result.problem : "",
    /no certificate of the trusted root issued|does not verify/,
  );
  const tampered = new Uint8Array((await issueLeaf(stack)).cert);
  tampered[tampered.length - 5] ^= 1;
  const broken = await verifyChain(parseCertificate(tampered), {
    authorities: [trusted],
    time: now,
    purpose: OID.codeSigning,
  });
  assert.match("problem" in broken ? broken.problem : "", /does not verify/);
  // Another authority that does issue it is tried too.
  assert.ok(
    "path" in
      await verifyChain(foreign, {
        authorities: [trusted, authority(other.ca.intermediate, other.ca.root)],
        time: now,
        purpose: OID.codeSigning,
      }),
  );
});

Deno.test("verifyChain: issuers must be CAs, within path length, allowed the purpose, without unknown critical extensions", async () => {
  const rootKey = await makeKey("P-256");
  const midKey = await makeKey("P-256");
  const root = await caCert({ subject: "r", issuer: "r", key: rootKey, signer: rootKey });
  const leafWith = async (midExtensions: Ext[], sub?: { key: KeyPair; extensions: Ext[] }) => {
    const mid = await caCert({
      subject: "m",
      issuer: "r",
      key: midKey,
      signer: rootKey,
      extensions: midExtensions,
    });
    const chain = [mid, root];
    let issuer = { cert: mid, key: midKey, name: name({ o: "vouch.test", cn: "m" }) };
    if (sub !== undefined) {
      const subCert = await caCert({
        subject: "s",
        issuer: "m",
        key: sub.key,
        signer: midKey,
        extensions: sub.extensions,
      });
      chain.unshift(subCert);
      issuer = { cert: subCert, key: sub.key, name: name({ o: "vouch.test", cn: "s" }) };
    }
    const leaf = parseCertificate(
      (await issueLeaf(stack, {
        issuer,
        extensions: [
          X.keyUsage("digitalSignature"),
          X.extKeyUsage(false, OIDS.codeSigning),
          X.sanUri("x"),
        ],
      })).cert,
    );
    const result = await verifyChain(leaf, {
      authorities: [authority(...chain)],
      time: now,
      purpose: OID.codeSigning,
    });
    return "problem" in result ? result.problem : "ok";
  };
  const ca = [X.keyUsage("keyCertSign"), X.basicConstraints(true)];
  assert.equal(await leafWith(ca), "ok");
  assert.match(await leafWith([X.keyUsage("keyCertSign")]), /not a CA/);
  assert.match(
    await leafWith([X.keyUsage("digitalSignature"), X.basicConstraints(true)]),
    /may not sign certificates/,
  );
  assert.match(
    await leafWith([...ca, X.extKeyUsage(false, OIDS.timeStamping)]),
    /not allowed to certify this purpose/,
  );
  assert.equal(await leafWith([...ca, X.extKeyUsage(false, "2.5.29.37.0")]), "ok");
  assert.match(
    await leafWith([...ca, { oid: "2.5.29.30", critical: true, value: new Uint8Array([0x30, 0]) }]),
    /unknown critical/,
  );
  const subKey = await makeKey("P-256");
  const limited = [X.keyUsage("keyCertSign"), X.basicConstraints(true, 0)];
  assert.match(await leafWith(limited, { key: subKey, extensions: ca }), /allows 0 intermediate/);
  assert.equal(
    await leafWith([X.keyUsage("keyCertSign"), X.basicConstraints(true, 1)], {
      key: subKey,
      extensions: ca,
    }),
    "ok",
  );
});

Deno.test("issuedBy and certificateKey: cached, never throw", async () => {
  const leaf = await leafCert();
  const intermediate = parseCertificate(stack.ca.intermediate);
  assert.equal(await issuedBy(leaf, intermediate), true);
  assert.equal(await issuedBy(leaf, intermediate), true);
  assert.equal(await issuedBy(leaf, parseCertificate(stack.ca.root)), false);
  assert.equal(certificateKey(leaf)?.type, "ecdsa-p256");
  assert.equal(certificateKey(intermediate)?.type, "ecdsa-p384");
});
