/**
 * Embedded signed certificate timestamps (RFC 6962 §3.2-3.3): the SCT list
 * extension of the signing certificate is decoded and each SCT is verified
 * with the trusted root's CT log of its log id (valid at the SCT's time)
 * over the precertificate: the certificate's TBS with the SCT extension
 * removed, bound to the SHA-256 of the issuer's SubjectPublicKeyInfo.
 *
 * SCTs from logs the trusted root does not list are skipped; an SCT from a
 * listed log that does not verify fails the check; at least one must verify.
 *
 * @module
 */
import { writeDer } from "../../signing/_der.ts";
import {
  DerError,
  formatInstant,
  parseDer,
  TAG_OCTET_STRING,
  TAG_SEQUENCE,
} from "../_asn1/reader.ts";
import { concat, equal, hash, type HashName, toHex } from "../_bytes.ts";
import { type SignatureScheme, verifySignature } from "../_crypto.ts";
import { failed, passed, type SigstoreCheck } from "../codes.ts";
import { inWindow, type TransparencyLog } from "../trust_root.ts";
import { type Certificate, findExtension, OID } from "./certificate.ts";

/** One decoded SCT. */
export interface Sct {
  /** SCT version (0 = v1). */
  version: number;
  /** The log id (SHA-256 of the log key). */
  logId: Uint8Array;
  /** Milliseconds since the epoch. */
  timestamp: bigint;
  /** The CtExtensions bytes. */
  extensions: Uint8Array;
  /** TLS HashAlgorithm. */
  hashAlgorithm: number;
  /** TLS SignatureAlgorithm. */
  signatureAlgorithm: number;
  /** The signature. */
  signature: Uint8Array;
}

const MAX_SCTS = 32;

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}
  take(n: number): Uint8Array {
    if (this.offset + n > this.bytes.length) throw new DerError("SCT list: truncated");
    const out = this.bytes.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  uint(n: number): number {
    return this.take(n).reduce((v, b) => v * 256 + b, 0);
  }
  vector(lengthBytes: number): Uint8Array {
    return this.take(this.uint(lengthBytes));
  }
  get done(): boolean {
    return this.offset === this.bytes.length;
  }
}

/**
 * Decodes the value of the SCT list extension (an OCTET STRING holding a TLS
 * `SignedCertificateTimestampList`).
 *
 * @param value The extnValue content.
 * @returns The SCTs.
 * @throws {DerError} For a malformed list.
 */
export function parseSctList(value: Uint8Array): Sct[] {
  const outer = parseDer(value, "SCT list");
  if (outer.tag !== TAG_OCTET_STRING) throw new DerError("SCT list: not an OCTET STRING");
  const list = new Reader(outer.content);
  const items = new Reader(list.vector(2));
  if (!list.done) throw new DerError("SCT list: trailing bytes");
  const scts: Sct[] = [];
  while (!items.done) {
    if (scts.length === MAX_SCTS) throw new DerError(`SCT list: more than ${MAX_SCTS} SCTs`);
    const r = new Reader(items.vector(2));
    const sct: Sct = {
      version: r.uint(1),
      logId: r.take(32),
      timestamp: BigInt(r.uint(4)) * 0x1_0000_0000n + BigInt(r.uint(4)),
      extensions: r.vector(2),
      hashAlgorithm: r.uint(1),
      signatureAlgorithm: r.uint(1),
      signature: r.vector(2),
    };
    if (!r.done) throw new DerError("SCT: trailing bytes");
    scts.push(sct);
  }
  return scts;
}

/**
 * The precertificate TBS of a certificate: its TBSCertificate re-encoded
 * without the SCT list extension (RFC 6962 §3.2).
 *
 * @param cert The certificate.
 * @returns The DER TBSCertificate.
 */
export function precertificateTbs(cert: Certificate): Uint8Array {
  const kept = cert.extensions.filter((e) => e.oid !== OID.sctList).map((e) => e.raw);
  const fields = cert.tbsFields.flatMap((field) => {
    if (field.tag !== 0xa3) return [field.raw];
    return kept.length === 0 ? [] : [writeDer(0xa3, writeDer(TAG_SEQUENCE, concat(...kept)))];
  });
  return writeDer(TAG_SEQUENCE, concat(...fields));
}

const HASHES: Record<number, HashName> = { 4: "sha256", 5: "sha384", 6: "sha512" };

function schemeOf(sct: Sct): SignatureScheme | undefined {
  const hashName = HASHES[sct.hashAlgorithm];
  if (hashName === undefined) return undefined;
  if (sct.signatureAlgorithm === 3) return { kind: "ecdsa", hash: hashName };
  if (sct.signatureAlgorithm === 1) return { kind: "rsa-pkcs1", hash: hashName };
  return undefined;
}

function signedData(sct: Sct, issuerKeyHash: Uint8Array, tbs: Uint8Array): Uint8Array {
  const head = new Uint8Array(12);
  head[0] = sct.version;
  head[1] = 0; // certificate_timestamp
  new DataView(head.buffer).setBigUint64(2, sct.timestamp);
  head[10] = 0;
  head[11] = 1; // precert_entry
  const tbsLength = new Uint8Array([tbs.length >> 16, (tbs.length >> 8) & 0xff, tbs.length & 0xff]);
  const extLength = new Uint8Array([sct.extensions.length >> 8, sct.extensions.length & 0xff]);
  return concat(head, issuerKeyHash, tbsLength, tbs, extLength, sct.extensions);
}

/**
 * Verifies the SCTs embedded in a certificate.
 *
 * @param leaf The certificate.
 * @param options `issuer`: the certificate that issued it; `ctlogs`: the trusted CT logs.
 * @returns One check: `sct.verified`, `sct.missing` or `sct.invalid`.
 */
export async function verifyScts(
  leaf: Certificate,
  options: { issuer: Certificate; ctlogs: TransparencyLog[] },
): Promise<SigstoreCheck> {
  const extension = findExtension(leaf, OID.sctList);
  if (extension === undefined) {
    return failed("sct.missing", "the signing certificate carries no SCT list extension");
  }
  let scts: Sct[];
  try {
    scts = parseSctList(extension.value);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    return failed("sct.invalid", `the SCT list is malformed: ${error.message}`);
  }
  const tbs = precertificateTbs(leaf);
  const issuerKeyHash = await hash("sha256", options.issuer.spki);
  const verifiedBy: string[] = [];
  for (const sct of scts) {
    const time = sct.timestamp * 1_000_000n;
    const logs = options.ctlogs.filter((l) => l.key !== undefined && equal(l.logId, sct.logId));
    if (logs.length === 0) continue; // a log this root does not trust: ignored
    const current = logs.filter((l) => inWindow(l.validFor, time));
    const scheme = schemeOf(sct);
    if (current.length === 0 || sct.version !== 0 || scheme === undefined) {
      return failed(
        "sct.invalid",
        current.length === 0
          ? `the SCT of log ${toHex(sct.logId).slice(0, 16)}… is dated ${
            formatInstant(time)
          }, outside the log's validity`
          : `the SCT of log ${
            toHex(sct.logId).slice(0, 16)
          }… has an unsupported version or algorithm`,
      );
    }
    const data = signedData(sct, issuerKeyHash, tbs);
    let ok = false;
    for (const log of current) {
      if (await verifySignature(log.key!, data, { signature: sct.signature, scheme })) {
        ok = true;
        verifiedBy.push(log.baseUrl || toHex(sct.logId).slice(0, 16));
        break;
      }
    }
    if (!ok) {
      return failed("sct.invalid", `the SCT of log ${current[0].baseUrl} does not verify`);
    }
  }
  return verifiedBy.length > 0
    ? passed("sct.verified", `SCT verified with CT log ${verifiedBy.join(", ")}`)
    : failed(
      "sct.missing",
      `none of the ${scts.length} embedded SCT(s) is from a CT log of the trusted root`,
    );
}
