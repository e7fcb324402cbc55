/**
 * X.509 certificates (RFC 5280 §4): a strict DER parser that keeps the raw
 * bytes a verifier needs (the TBS, names, SubjectPublicKeyInfo, each
 * extension) and decodes the extensions path validation and Sigstore use:
 * basic constraints, key usage, extended key usage, key identifiers, the
 * subject alternative name, the embedded SCT list and the Fulcio OIDs.
 *
 * @module
 */
import {
  childrenOf,
  type DerElement,
  DerError,
  expectTag,
  type Instant,
  parseDer,
  readBitString,
  readBoolean,
  readInteger,
  readOctetString,
  readOid,
  readSequence,
  readSmallInteger,
  readString,
  readTime,
  TAG_SEQUENCE,
} from "../_asn1/reader.ts";
import { utf8 } from "../_bytes.ts";

/** Extension OIDs the verifier reads. */
export const OID = {
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectKeyId: "2.5.29.14",
  authorityKeyId: "2.5.29.35",
  subjectAltName: "2.5.29.17",
  sctList: "1.3.6.1.4.1.11129.2.4.2",
  codeSigning: "1.3.6.1.5.5.7.3.3",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  anyExtendedKeyUsage: "2.5.29.37.0",
} as const;

/** Extensions this parser understands, so they may be critical (RFC 5280 §4.2). */
const UNDERSTOOD = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  OID.subjectKeyId,
  OID.authorityKeyId,
  OID.subjectAltName,
]);

/** One extension, undecoded. */
export interface Extension {
  /** Dotted OID. */
  oid: string;
  /** The critical flag. */
  critical: boolean;
  /** The extnValue OCTET STRING content. */
  value: Uint8Array;
  /** The whole Extension element (for re-encoding). */
  raw: Uint8Array;
}

/** One subjectAltName entry. */
export interface GeneralName {
  /** The kind of name. */
  type: "email" | "dns" | "uri" | "ip" | "otherName" | "other";
  /** The value (otherName: its UTF8String; other kinds not decoded: empty). */
  value: string;
  /** For otherName: its type OID. */
  otherNameOid?: string;
}

/** A parsed certificate. */
export interface Certificate {
  /** The whole DER. */
  der: Uint8Array;
  /** The TBSCertificate element (signed bytes). */
  tbs: Uint8Array;
  /** The TBSCertificate's fields, for re-encoding (SCT precertificate). */
  tbsFields: DerElement[];
  /** X.509 version (1-3). */
  version: number;
  /** The serial number's content octets. */
  serial: Uint8Array;
  /** The raw DER issuer Name. */
  issuer: Uint8Array;
  /** The raw DER subject Name. */
  subject: Uint8Array;
  /** Start of validity. */
  notBefore: Instant;
  /** End of validity (inclusive). */
  notAfter: Instant;
  /** The raw DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** The signature algorithm OID. */
  signatureOid: string;
  /** The signature algorithm parameters element, if any. */
  signatureParams?: Uint8Array;
  /** The signature bits. */
  signature: Uint8Array;
  /** Every extension, in order. */
  extensions: Extension[];
  /** basicConstraints, when present. */
  basicConstraints?: { ca: boolean; pathLength?: number };
  /** keyUsage bits by name, when present. */
  keyUsage?: Set<KeyUsage>;
  /** extKeyUsage OIDs, when present. */
  extKeyUsage?: string[];
  /** subjectKeyIdentifier. */
  subjectKeyId?: Uint8Array;
  /** authorityKeyIdentifier's keyIdentifier. */
  authorityKeyId?: Uint8Array;
  /** subjectAltName entries (empty when absent). */
  subjectAltNames: GeneralName[];
  /** Critical extensions this parser does not understand (their OIDs). */
  unknownCritical: string[];
}

/** KeyUsage bit names (RFC 5280 §4.2.1.3). */
export type KeyUsage =
  | "digitalSignature"
  | "nonRepudiation"
  | "keyEncipherment"
  | "dataEncipherment"
  | "keyAgreement"
  | "keyCertSign"
  | "cRLSign"
  | "encipherOnly"
  | "decipherOnly";

const KEY_USAGE_BITS: KeyUsage[] = [
  "digitalSignature",
  "nonRepudiation",
  "keyEncipherment",
  "dataEncipherment",
  "keyAgreement",
  "keyCertSign",
  "cRLSign",
  "encipherOnly",
  "decipherOnly",
];

/** Largest certificate accepted (real ones are a few KiB). */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;

function parseExtensions(element: DerElement): Extension[] {
  const [list, extra] = childrenOf(element, "extensions");
  if (extra !== undefined) throw new DerError("extensions: trailing data");
  const extensions = readSequence(list, "extensions").map((ext): Extension => {
    const fields = readSequence(ext, "extension");
    const oid = readOid(fields[0], "extension id");
    let critical = false;
    let next = 1;
    if (fields[1]?.tag === 0x01) {
      // An explicit FALSE is not DER, but common enough (BER encoders) to read.
      critical = readBoolean(fields[1], "extension critical");
      next = 2;
    }
    const value = readOctetString(fields[next], "extension value");
    if (fields.length !== next + 1) throw new DerError("extension: trailing fields");
    return { oid, critical, value, raw: ext.raw };
  });
  if (extensions.length === 0) throw new DerError("extensions: empty");
  const seen = new Set<string>();
  for (const ext of extensions) {
    if (seen.has(ext.oid)) throw new DerError(`extensions: ${ext.oid} appears twice`);
    seen.add(ext.oid);
  }
  return extensions;
}

function parseGeneralName(element: DerElement): GeneralName {
  const text = (bytes: Uint8Array): string => {
    const value = utf8(bytes);
    if (value === undefined) throw new DerError("subjectAltName: not UTF-8");
    return value;
  };
  switch (element.tag) {
    case 0x81:
      return { type: "email", value: text(element.content) };
    case 0x82:
      return { type: "dns", value: text(element.content) };
    case 0x86:
      return { type: "uri", value: text(element.content) };
    case 0x87:
      return { type: "ip", value: "" };
    case 0xa0: {
      const [typeId, value] = childrenOf(element, "otherName");
      const otherNameOid = readOid(typeId, "otherName type");
      const [inner] = childrenOf(expectTag(value, 0xa0, "otherName value"), "otherName value");
      return { type: "otherName", value: readString(inner, "otherName value"), otherNameOid };
    }
    default:
      return { type: "other", value: "" };
  }
}

function decodeExtensions(cert: Certificate): void {
  for (const ext of cert.extensions) {
    const value = (): DerElement => parseDer(ext.value, ext.oid);
    switch (ext.oid) {
      case OID.basicConstraints: {
        const fields = readSequence(value(), "basicConstraints");
        let i = 0;
        const ca = fields[0]?.tag === 0x01
          ? readBoolean(fields[i++], "basicConstraints.cA")
          : false;
        const pathLength = fields[i] === undefined
          ? undefined
          : readSmallInteger(fields[i++], "basicConstraints.pathLen");
        if (i !== fields.length) throw new DerError("basicConstraints: trailing fields");
        cert.basicConstraints = pathLength === undefined ? { ca } : { ca, pathLength };
        break;
      }
      case OID.keyUsage: {
        const bits = readBitString(value(), "keyUsage", true);
        const usage = new Set<KeyUsage>();
        KEY_USAGE_BITS.forEach((name, bit) => {
          if ((bits[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) usage.add(name);
        });
        cert.keyUsage = usage;
        break;
      }
      case OID.extKeyUsage: {
        const oids = readSequence(value(), "extKeyUsage").map((e) => readOid(e, "extKeyUsage"));
        if (oids.length === 0) throw new DerError("extKeyUsage: empty");
        cert.extKeyUsage = oids;
        break;
      }
      case OID.subjectKeyId:
        cert.subjectKeyId = readOctetString(value(), "subjectKeyIdentifier");
        break;
      case OID.authorityKeyId: {
        const id = readSequence(value(), "authorityKeyIdentifier").find((f) => f.tag === 0x80);
        if (id !== undefined) cert.authorityKeyId = id.content;
        break;
      }
      case OID.subjectAltName: {
        const names = readSequence(value(), "subjectAltName").map(parseGeneralName);
        if (names.length === 0) throw new DerError("subjectAltName: empty");
        cert.subjectAltNames = names;
        break;
      }
    }
  }
  cert.unknownCritical = cert.extensions
    .filter((e) => e.critical && !UNDERSTOOD.has(e.oid))
    .map((e) => e.oid);
}

/**
 * Parses a DER certificate.
 *
 * @param der The certificate bytes.
 * @returns The certificate.
 * @throws {DerError} For anything that is not a well-formed DER X.509 certificate.
 */
export function parseCertificate(der: Uint8Array): Certificate {
  if (der.length > MAX_CERTIFICATE_BYTES) throw new DerError("certificate: larger than 64 KiB");
  const [tbsElement, outerAlgorithm, signatureBits, extra] = readSequence(
    parseDer(der, "certificate"),
    "certificate",
  );
  if (extra !== undefined) throw new DerError("certificate: trailing fields");
  const fields = readSequence(tbsElement, "tbsCertificate");
  let i = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    const [v, more] = childrenOf(fields[i++], "version");
    if (more !== undefined) throw new DerError("version: trailing data");
    version = readSmallInteger(v, "version") + 1;
    if (version < 2 || version > 3) throw new DerError(`version: unsupported ${version}`);
  }
  const serial = readInteger(fields[i++], "serialNumber");
  const innerAlgorithm = expectTag(fields[i++], TAG_SEQUENCE, "signature");
  const issuer = expectTag(fields[i++], TAG_SEQUENCE, "issuer").raw;
  const [notBefore, notAfter, more] = readSequence(fields[i++], "validity");
  if (more !== undefined) throw new DerError("validity: trailing fields");
  const subject = expectTag(fields[i++], TAG_SEQUENCE, "subject").raw;
  const spki = expectTag(fields[i++], TAG_SEQUENCE, "subjectPublicKeyInfo").raw;
  while (fields[i]?.tag === 0x81 || fields[i]?.tag === 0x82) i++; // unique identifiers
  let extensions: Extension[] = [];
  if (fields[i]?.tag === 0xa3) {
    if (version !== 3) throw new DerError("extensions in a certificate older than v3");
    extensions = parseExtensions(fields[i++]);
  }
  if (i !== fields.length) throw new DerError("tbsCertificate: unexpected fields");
  const algorithm = readSequence(outerAlgorithm, "signatureAlgorithm");
  if (
    innerAlgorithm.raw.length !== outerAlgorithm.raw.length ||
    !innerAlgorithm.raw.every((b, k) => b === outerAlgorithm.raw[k])
  ) throw new DerError("certificate: the two signature algorithms differ");
  const cert: Certificate = {
    der,
    tbs: tbsElement.raw,
    tbsFields: fields,
    version,
    serial,
    issuer,
    subject,
    notBefore: readTime(notBefore, "notBefore"),
    notAfter: readTime(notAfter, "notAfter"),
    spki,
    signatureOid: readOid(algorithm[0], "signatureAlgorithm"),
    signature: readBitString(signatureBits, "signatureValue"),
    extensions,
    subjectAltNames: [],
    unknownCritical: [],
  };
  if (algorithm[1] !== undefined) cert.signatureParams = algorithm[1].raw;
  decodeExtensions(cert);
  return cert;
}

/**
 * Finds an extension by OID.
 *
 * @param cert The certificate.
 * @param oid The dotted OID.
 * @returns The extension, or `undefined`.
 */
export function findExtension(cert: Certificate, oid: string): Extension | undefined {
  return cert.extensions.find((e) => e.oid === oid);
}

/**
 * Tells whether a certificate is a CA (basicConstraints cA, RFC 5280 §4.2.1.9).
 *
 * @param cert The certificate.
 * @returns `true` for a CA certificate.
 */
export function isCa(cert: Certificate): boolean {
  return cert.basicConstraints?.ca === true;
}

const NAME_ATTRIBUTES: Record<string, string> = {
  "2.5.4.3": "CN",
  "2.5.4.10": "O",
  "2.5.4.11": "OU",
  "2.5.4.6": "C",
};

/**
 * A short readable form of a DER Name for messages (`O=..., CN=...`); never throws.
 *
 * @param name The raw DER Name.
 * @returns The text (`(empty)` for an empty name).
 */
export function describeName(name: Uint8Array): string {
  try {
    const parts = readSequence(parseDer(name, "name"), "name").flatMap((rdn) =>
      readSequence(rdn, "rdn", 0x31).map((atv) => {
        const [type, value] = readSequence(atv, "attribute");
        const oid = readOid(type, "attribute type");
        return `${NAME_ATTRIBUTES[oid] ?? oid}=${readString(value, "attribute value")}`;
      })
    );
    return parts.length === 0 ? "(empty)" : parts.join(", ");
  } catch {
    return "(unreadable name)";
  }
}
