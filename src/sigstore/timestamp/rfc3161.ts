/**
 * RFC 3161 timestamps over a bundle's signature: the TimeStampResp (or bare
 * TimeStampToken) is parsed as CMS SignedData (RFC 5652) with one signer, and
 * verified against the trusted root's timestamp authorities:
 *
 * - the status is granted; the content is a TSTInfo whose message imprint is
 *   the hash of the bundle's signature;
 * - the signed attributes carry the content type, the message digest of the
 *   TSTInfo, and an ESSCertID(v2) (RFC 2634 / RFC 5035) naming the signing
 *   certificate by hash (and issuer/serial when given);
 * - the signer (by issuer and serial, or subject key id) is the signing
 *   certificate of an authority valid at the timestamp's time, or a
 *   certificate embedded in the token that chains to that authority; an
 *   embedded certificate never stands in for the trusted one;
 * - the signing certificate's extended key usage is exactly, and critically,
 *   timeStamping (RFC 3161 §2.3), and its path is valid at that time;
 * - the CMS signature over the DER SET OF signed attributes verifies.
 *
 * @module
 */
import {
  childrenOf,
  type DerElement,
  DerError,
  expectTag,
  formatInstant,
  type Instant,
  parseDer,
  readInteger,
  readOctetString,
  readOid,
  readSequence,
  readSmallInteger,
  readTime,
  TAG_SET,
} from "../_asn1/reader.ts";
import { concat, equal, hash, type HashName } from "../_bytes.ts";
import { HASH_OIDS, schemeFromAlgorithm, verifySignature } from "../_crypto.ts";
import { failed, passed, type SigstoreCheck } from "../codes.ts";
import { type CertificateAuthority, describeWindow, inWindow } from "../trust_root.ts";
import {
  type Certificate,
  describeName,
  findExtension,
  isCa,
  OID,
  parseCertificate,
} from "../x509/certificate.ts";
import { certificateKey, verifyChain } from "../x509/chain.ts";

const OID_SIGNED_DATA = "1.2.840.113549.1.7.2";
const OID_TST_INFO = "1.2.840.113549.1.9.16.1.4";
const OID_CONTENT_TYPE = "1.2.840.113549.1.9.3";
const OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4";
const OID_SIGNING_CERTIFICATE = "1.2.840.113549.1.9.16.2.12";
const OID_SIGNING_CERTIFICATE_V2 = "1.2.840.113549.1.9.16.2.47";
const MAX_EMBEDDED_CERTIFICATES = 10;

/** The signer identifier of a SignerInfo. */
type SignerId = { issuer: Uint8Array; serial: Uint8Array } | { subjectKeyId: Uint8Array };

/** A parsed timestamp token. */
export interface Timestamp {
  /** The time the TSA vouches for. */
  genTime: Instant;
  /** The message imprint's hash. */
  imprintHash: HashName;
  /** The message imprint. */
  imprint: Uint8Array;
  /** The TSTInfo DER (the eContent). */
  tstInfo: Uint8Array;
  /** Who signed. */
  signer: SignerId;
  /** The SignerInfo digest algorithm. */
  digest: HashName;
  /** The signed attributes re-tagged as SET OF (the signed bytes). */
  signedAttributes: Uint8Array;
  /** The messageDigest attribute. */
  messageDigest: Uint8Array;
  /** The ESSCertID(v2) hash algorithm and certificate hash, and the issuer serial when given. */
  certId: { hash: HashName; certHash: Uint8Array; serial?: Uint8Array };
  /** The signature algorithm OID and parameters. */
  signatureOid: string;
  /** The signature algorithm parameters, if any. */
  signatureParams?: Uint8Array;
  /** The signature. */
  signature: Uint8Array;
  /** Certificates embedded in the token. */
  certificates: Certificate[];
}

function hashOf(element: DerElement | undefined, what: string): HashName {
  const [oid] = readSequence(element, what);
  const name = HASH_OIDS[readOid(oid, what)];
  if (name === undefined) throw new DerError(`${what}: unsupported hash algorithm`);
  return name;
}

function attributeValue(attributes: DerElement[], oid: string): DerElement | undefined {
  const matches = attributes.filter((a) =>
    readOid(readSequence(a, "attribute")[0], "attribute type") === oid
  );
  if (matches.length > 1) throw new DerError(`signed attributes: ${oid} appears twice`);
  if (matches.length === 0) return undefined;
  const values = readSequence(
    readSequence(matches[0], "attribute")[1],
    "attribute values",
    TAG_SET,
  );
  if (values.length !== 1) throw new DerError(`signed attributes: ${oid} must have one value`);
  return values[0];
}

function parseCertId(attributes: DerElement[]): Timestamp["certId"] {
  const v2 = attributeValue(attributes, OID_SIGNING_CERTIFICATE_V2);
  const v1 = v2 === undefined ? attributeValue(attributes, OID_SIGNING_CERTIFICATE) : undefined;
  if (v2 === undefined && v1 === undefined) {
    throw new DerError("signed attributes: no signingCertificate (ESSCertID) attribute");
  }
  // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL }
  const [certs] = readSequence(v2 ?? v1, "signingCertificate");
  const [first] = readSequence(certs, "signingCertificate.certs");
  const fields = readSequence(first, "ESSCertID");
  let i = 0;
  let hashName: HashName = v2 === undefined ? "sha1" : "sha256";
  if (v2 !== undefined && fields[0]?.tag === 0x30) {
    hashName = hashOf(fields[i++], "ESSCertIDv2 hash");
  }
  const certHash = readOctetString(fields[i++], "ESSCertID certHash");
  const certId: Timestamp["certId"] = { hash: hashName, certHash };
  if (fields[i] !== undefined) {
    const [, serial] = readSequence(fields[i], "ESSCertID issuerSerial");
    certId.serial = readInteger(serial, "ESSCertID serial");
  }
  return certId;
}

function parseSignerId(element: DerElement | undefined): SignerId {
  if (element?.tag === 0x80) return { subjectKeyId: element.content };
  const [issuer, serial] = readSequence(element, "signer identifier");
  return {
    issuer: expectTag(issuer, 0x30, "signer issuer").raw,
    serial: readInteger(serial, "signer serial"),
  };
}

/**
 * Parses a DER TimeStampResp (or a bare TimeStampToken).
 *
 * @param der The bytes.
 * @returns The timestamp.
 * @throws {DerError} For anything that is not a granted timestamp with one signer.
 */
export function parseTimestamp(der: Uint8Array): Timestamp {
  let token = parseDer(der, "timestamp");
  const top = childrenOf(token, "timestamp");
  if (top[0]?.tag === 0x30) {
    // TimeStampResp: status first.
    const status = readSmallInteger(readSequence(top[0], "status")[0], "status");
    if (status !== 0 && status !== 1) {
      throw new DerError(`the timestamp was not granted (status ${status})`);
    }
    if (top[1] === undefined) throw new DerError("the response carries no timestamp token");
    token = top[1];
  }
  const [contentType, content] = readSequence(token, "timeStampToken");
  if (readOid(contentType, "content type") !== OID_SIGNED_DATA) {
    throw new DerError("the token is not SignedData");
  }
  const [signedDataElement] = childrenOf(expectTag(content, 0xa0, "SignedData"), "SignedData");
  const fields = readSequence(signedDataElement, "SignedData");
  const [eContentType, eContentWrapper] = readSequence(fields[2], "encapContentInfo");
  if (readOid(eContentType, "eContentType") !== OID_TST_INFO) {
    throw new DerError("the content is not a TSTInfo");
  }
  const [eContent] = childrenOf(expectTag(eContentWrapper, 0xa0, "eContent"), "eContent");
  const tstInfo = readOctetString(eContent, "eContent");
  let i = 3;
  let certificates: Certificate[] = [];
  if (fields[i]?.tag === 0xa0) {
    const list = childrenOf(fields[i++], "certificates");
    if (list.length > MAX_EMBEDDED_CERTIFICATES) {
      throw new DerError("too many embedded certificates");
    }
    certificates = list.filter((c) => c.tag === 0x30).map((c) => parseCertificate(c.raw));
  }
  if (fields[i]?.tag === 0xa1) i++; // crls
  const signerInfos = readSequence(fields[i], "signerInfos", TAG_SET);
  if (signerInfos.length !== 1) {
    throw new DerError(`the token has ${signerInfos.length} signers, not one`);
  }
  const info = readSequence(signerInfos[0], "SignerInfo");
  const signer = parseSignerId(info[1]);
  const digest = hashOf(info[2], "digestAlgorithm");
  const attributesElement = expectTag(info[3], 0xa0, "signedAttrs");
  const attributes = childrenOf(attributesElement, "signedAttrs");
  const type = attributeValue(attributes, OID_CONTENT_TYPE);
  if (type === undefined || readOid(type, "contentType attribute") !== OID_TST_INFO) {
    throw new DerError("signed attributes: contentType is not TSTInfo");
  }
  const messageDigest = attributeValue(attributes, OID_MESSAGE_DIGEST);
  if (messageDigest === undefined) throw new DerError("signed attributes: no messageDigest");
  const [signatureOid, signatureParams] = readSequence(info[4], "signatureAlgorithm");
  const parsed: Timestamp = {
    ...parseTstInfo(tstInfo),
    tstInfo,
    signer,
    digest,
    signedAttributes: concat(new Uint8Array([0x31]), attributesElement.raw.subarray(1)),
    messageDigest: readOctetString(messageDigest, "messageDigest"),
    certId: parseCertId(attributes),
    signatureOid: readOid(signatureOid, "signatureAlgorithm"),
    signature: readOctetString(info[5], "signature"),
    certificates,
  };
  if (signatureParams !== undefined && signatureParams.tag !== 0x05) {
    parsed.signatureParams = signatureParams.raw;
  }
  return parsed;
}

function parseTstInfo(der: Uint8Array): Pick<Timestamp, "genTime" | "imprintHash" | "imprint"> {
  const fields = readSequence(parseDer(der, "TSTInfo"), "TSTInfo");
  if (readSmallInteger(fields[0], "TSTInfo version") !== 1) {
    throw new DerError("TSTInfo version is not 1");
  }
  readOid(fields[1], "TSTInfo policy");
  const [algorithm, imprint] = readSequence(fields[2], "messageImprint");
  readInteger(fields[3], "TSTInfo serialNumber");
  return {
    imprintHash: hashOf(algorithm, "messageImprint hash"),
    imprint: readOctetString(imprint, "messageImprint"),
    genTime: readTime(fields[4], "genTime"),
  };
}

function matchesSigner(cert: Certificate, signer: SignerId): boolean {
  if ("subjectKeyId" in signer) {
    return cert.subjectKeyId !== undefined && equal(cert.subjectKeyId, signer.subjectKeyId);
  }
  return equal(cert.issuer, signer.issuer) && equal(cert.serial, signer.serial);
}

function timestampingProblem(cert: Certificate): string | undefined {
  const eku = findExtension(cert, OID.extKeyUsage);
  if (
    eku === undefined || !eku.critical || cert.extKeyUsage?.length !== 1 ||
    cert.extKeyUsage[0] !== OID.timeStamping
  ) {
    return `${
      describeName(cert.subject)
    } is not a timestamping certificate (critical extKeyUsage timeStamping only)`;
  }
  if (cert.unknownCritical.length > 0) {
    return `${describeName(cert.subject)} has unknown critical extension(s) ${
      cert.unknownCritical.join(", ")
    }`;
  }
  return undefined;
}

/** Finds the signing certificate within one authority, or why it cannot be used. */
async function signerWithin(
  ts: Timestamp,
  authority: CertificateAuthority,
): Promise<{ cert: Certificate } | { problem: string }> {
  const [first, ...rest] = authority.chain;
  if (first === undefined) return { problem: "the authority lists no certificate" };
  const embedded = ts.certificates.find((c) => matchesSigner(c, ts.signer));
  let cert: Certificate;
  let issuers: CertificateAuthority;
  if (!isCa(first)) {
    if (!matchesSigner(first, ts.signer)) {
      return { problem: "it was signed by another certificate than the authority's" };
    }
    if (embedded !== undefined && !equal(embedded.der, first.der)) {
      return { problem: "its embedded signing certificate is not the authority's" };
    }
    cert = first;
    issuers = { ...authority, chain: rest };
  } else {
    if (embedded === undefined) {
      return { problem: "the authority lists no signing certificate and the token embeds none" };
    }
    cert = embedded;
    issuers = authority;
  }
  const profile = timestampingProblem(cert);
  if (profile !== undefined) return { problem: profile };
  if (issuers.chain.length > 0) {
    const chain = await verifyChain(cert, {
      authorities: [issuers],
      time: ts.genTime,
      purpose: OID.timeStamping,
    });
    if ("problem" in chain) return chain;
  } else if (ts.genTime < cert.notBefore || ts.genTime > cert.notAfter) {
    return { problem: `its signing certificate is not valid at ${formatInstant(ts.genTime)}` };
  }
  if (
    !equal(await hash(ts.certId.hash, cert.der), ts.certId.certHash) ||
    (ts.certId.serial !== undefined && !equal(ts.certId.serial, cert.serial))
  ) {
    return { problem: "its ESSCertID names another signing certificate" };
  }
  return { cert };
}

/**
 * Verifies one RFC 3161 timestamp over a bundle signature. Never throws.
 *
 * @param der The DER TimeStampResp.
 * @param options `signature`: the bundle's signature bytes (what was timestamped);
 *   `authorities`: the trusted timestamp authorities; `now` and `skew` (ns) for
 *   the "not in the future" check; `position` for messages.
 * @returns The checks and, when the timestamp verified, its time.
 */
export async function verifyTimestamp(
  der: Uint8Array,
  options: {
    signature: Uint8Array;
    authorities: CertificateAuthority[];
    now: Instant;
    skew: Instant;
    position: number;
  },
): Promise<{ check: SigstoreCheck; time?: Instant }> {
  const at = `timestamp ${options.position}`;
  let ts: Timestamp;
  try {
    ts = parseTimestamp(der);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    return { check: failed("timestamp.malformed", `${at}: ${error.message}`) };
  }
  const when = formatInstant(ts.genTime);
  if (!equal(await hash(ts.imprintHash, options.signature), ts.imprint)) {
    return {
      check: failed("timestamp.imprint_mismatch", `${at} (${when}) was made for another signature`),
    };
  }
  if (!equal(await hash(ts.digest, ts.tstInfo), ts.messageDigest)) {
    return {
      check: failed(
        "timestamp.signature_invalid",
        `${at}: the messageDigest attribute is not the TSTInfo's digest`,
      ),
    };
  }
  const current = options.authorities.filter((a) => inWindow(a.validFor, ts.genTime));
  if (current.length === 0) {
    return {
      check: failed(
        "timestamp.untrusted",
        `${at}: no timestamp authority of the trusted root is valid at ${when}`,
      ),
    };
  }
  let problem = "";
  for (const authority of current) {
    const found = await signerWithin(ts, authority);
    if ("problem" in found) {
      problem = `${authorityName(authority)}: ${found.problem}`;
      continue;
    }
    const key = certificateKey(found.cert);
    let ok = false;
    try {
      const scheme = schemeFromAlgorithm(ts.signatureOid, {
        params: ts.signatureParams,
        digest: ts.digest,
      });
      ok = key !== undefined &&
        await verifySignature(key, ts.signedAttributes, { signature: ts.signature, scheme });
    } catch (error) {
      if (!(error instanceof DerError)) throw error;
    }
    if (!ok) {
      return {
        check: failed(
          "timestamp.signature_invalid",
          `${at}: the CMS signature does not verify with ${describeName(found.cert.subject)}`,
        ),
      };
    }
    if (ts.genTime > options.now + options.skew) {
      // Vouched for, but implausible: the bundle fails; the time still goes to the other checks.
      return {
        check: failed("timestamp.in_future", `${at}: its time ${when} is later than now`),
        time: ts.genTime,
      };
    }
    return {
      check: passed(
        "timestamp.verified",
        `${at}: ${when} by ${authority.uri || describeName(found.cert.subject)}`,
      ),
      time: ts.genTime,
    };
  }
  // The authority whose certificate signed it, when its window leaves out the time, is the reason.
  for (const authority of options.authorities) {
    if (current.includes(authority)) continue;
    if (!("cert" in await signerWithin(ts, { ...authority, validFor: {} }))) continue;
    problem = `its signing certificate is ${authorityName(authority)}'s, trusted only ${
      describeWindow(authority.validFor)
    }`;
    break;
  }
  return {
    check: failed(
      "timestamp.untrusted",
      `${at}: no trusted timestamp authority issued it (${problem})`,
    ),
  };
}

function authorityName(authority: CertificateAuthority): string {
  return authority.uri ||
    (authority.chain.length > 0 ? describeName(authority.chain[0].subject) : "an authority");
}
