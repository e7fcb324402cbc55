// A Sigstore instance made in the test, from scratch (WebCrypto keys and the
// DER writers of _der_builder.ts): a Fulcio CA (root + intermediate), a CT log,
// a Rekor v1 log (ECDSA P-256), a Rekor v2 log (Ed25519), a timestamp
// authority, the trusted root that lists them, and a signer making bundles of
// every shape. Every part can be altered to build negative cases.
import { createHash } from "node:crypto";
import { ecdsaRawToDer } from "../../src/signing/ecdsa_der.ts";
import { pae } from "../../src/signing/dsse.ts";
import {
  b64,
  bits,
  bool,
  cat,
  ctx,
  generalizedTime,
  int,
  name,
  nul,
  octets,
  oid,
  pem,
  seq,
  set,
  utcTime,
  utf8String,
  writeDer,
} from "./_der_builder.ts";

type Bytes = Uint8Array<ArrayBuffer>;

/** A key pair and its SPKI. */
export interface KeyPair {
  /** The algorithm family. */
  kind: "P-256" | "P-384" | "Ed25519";
  /** WebCrypto private key. */
  privateKey: CryptoKey;
  /** DER SubjectPublicKeyInfo. */
  spki: Bytes;
}

/** Makes a key pair. */
export async function makeKey(kind: KeyPair["kind"]): Promise<KeyPair> {
  const params = kind === "Ed25519" ? { name: "Ed25519" } : { name: "ECDSA", namedCurve: kind };
  const pair = await crypto.subtle.generateKey(params, true, ["sign", "verify"]) as CryptoKeyPair;
  return {
    kind,
    privateKey: pair.privateKey,
    spki: new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey)),
  };
}

/** An RSA PKCS#1 v1.5 / SHA-256 key pair (2048 bits) and its SPKI. */
export async function makeRsaKey(): Promise<{ pair: CryptoKeyPair; spki: Bytes }> {
  const pair = await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  ) as CryptoKeyPair;
  return { pair, spki: new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey)) };
}

/** Signs bytes (ECDSA as ASN.1 DER; ECDSA hash SHA-256 unless `hash` says otherwise). */
export async function sign(key: KeyPair, data: Uint8Array, hash = "SHA-256"): Promise<Bytes> {
  if (key.kind === "Ed25519") {
    return new Uint8Array(await crypto.subtle.sign("Ed25519", key.privateKey, data as Bytes));
  }
  const raw = await crypto.subtle.sign({ name: "ECDSA", hash }, key.privateKey, data as Bytes);
  return ecdsaRawToDer(new Uint8Array(raw));
}

/** SHA-256. */
export function sha256(...parts: Uint8Array[]): Bytes {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

/** One certificate extension. */
export interface Ext {
  /** Dotted OID. */
  oid: string;
  /** Critical flag. */
  critical?: boolean;
  /** The extnValue content (DER of the extension's value). */
  value: Uint8Array;
}

/** Encodes an Extension. */
export function ext(e: Ext): Bytes {
  return seq(oid(e.oid), ...(e.critical ? [bool(true)] : []), octets(e.value));
}

/** Extension helpers. */
export const X = {
  basicConstraints: (ca: boolean, pathLen?: number): Ext => ({
    oid: "2.5.29.19",
    critical: true,
    value: seq(...(ca ? [bool(true)] : []), ...(pathLen === undefined ? [] : [int(pathLen)])),
  }),
  keyUsage: (...usages: ("digitalSignature" | "keyCertSign" | "cRLSign")[]): Ext => {
    let byte = 0;
    if (usages.includes("digitalSignature")) byte |= 0x80;
    if (usages.includes("keyCertSign")) byte |= 0x04;
    if (usages.includes("cRLSign")) byte |= 0x02;
    return { oid: "2.5.29.15", critical: true, value: writeDer(0x03, new Uint8Array([1, byte])) };
  },
  extKeyUsage: (critical: boolean, ...oids: string[]): Ext => ({
    oid: "2.5.29.37",
    critical,
    value: seq(...oids.map(oid)),
  }),
  subjectKeyId: (spki: Uint8Array): Ext => ({
    oid: "2.5.29.14",
    value: octets(sha256(spki).subarray(0, 20)),
  }),
  authorityKeyId: (spki: Uint8Array): Ext => ({
    oid: "2.5.29.35",
    value: seq(ctx(0, false, sha256(spki).subarray(0, 20))),
  }),
  sanUri: (uri: string): Ext => ({
    oid: "2.5.29.17",
    critical: true,
    value: seq(ctx(6, false, new TextEncoder().encode(uri))),
  }),
  sanEmail: (email: string): Ext => ({
    oid: "2.5.29.17",
    critical: true,
    value: seq(ctx(1, false, new TextEncoder().encode(email))),
  }),
  /** A Fulcio extension 1.3.6.1.4.1.57264.1.<arc>: raw (arcs 1-6) or a DER UTF8String. */
  fulcio: (arc: number, value: string): Ext => ({
    oid: `1.3.6.1.4.1.57264.1.${arc}`,
    value: arc <= 6 ? new TextEncoder().encode(value) : utf8String(value),
  }),
};

/** OIDs used by the builders. */
export const OIDS = {
  codeSigning: "1.3.6.1.5.5.7.3.3",
  timeStamping: "1.3.6.1.5.5.7.3.8",
  ecdsaSha256: "1.2.840.10045.4.3.2",
  ecdsaSha384: "1.2.840.10045.4.3.3",
  ed25519: "1.3.101.112",
  sha256: "2.16.840.1.101.3.4.2.1",
  sctList: "1.3.6.1.4.1.11129.2.4.2",
};

/** What goes into a certificate. */
export interface CertSpec {
  /** Serial number. */
  serial: number;
  /** Issuer name (DER). */
  issuer: Uint8Array;
  /** Subject name (DER). */
  subject: Uint8Array;
  /** Validity start. */
  notBefore: Date;
  /** Validity end. */
  notAfter: Date;
  /** The certified key's SPKI. */
  spki: Uint8Array;
  /** Extensions, in order. */
  extensions: Ext[];
  /** Who signs. */
  signer: KeyPair;
}

function signatureAlgorithm(key: KeyPair): Bytes {
  if (key.kind === "Ed25519") return seq(oid(OIDS.ed25519));
  return seq(oid(key.kind === "P-384" ? OIDS.ecdsaSha384 : OIDS.ecdsaSha256));
}

/** The TBSCertificate of a spec. */
export function tbsCertificate(spec: CertSpec): Bytes {
  return seq(
    ctx(0, true, int(2)),
    int(spec.serial),
    signatureAlgorithm(spec.signer),
    spec.issuer,
    seq(utcTime(spec.notBefore), utcTime(spec.notAfter)),
    spec.subject,
    spec.spki,
    ...(spec.extensions.length === 0 ? [] : [ctx(3, true, seq(...spec.extensions.map(ext)))]),
  );
}

/** Signs a TBS into a certificate. */
export async function signCertificate(tbs: Uint8Array, signer: KeyPair): Promise<Bytes> {
  const hash = signer.kind === "P-384" ? "SHA-384" : "SHA-256";
  return seq(tbs, signatureAlgorithm(signer), bits(await sign(signer, tbs, hash)));
}

/** A CT log. */
export interface CtLog {
  /** Its key. */
  key: KeyPair;
  /** Its log id: SHA-256 of the SPKI. */
  logId: Bytes;
}

/** An SCT over a precertificate TBS (RFC 6962 §3.2), TLS-encoded. */
export async function makeSct(
  log: CtLog,
  options: { tbs: Uint8Array; issuerSpki: Uint8Array; time: Date; extensions?: Uint8Array },
): Promise<Bytes> {
  const extensions = options.extensions ?? new Uint8Array();
  const timestamp = new Uint8Array(8);
  new DataView(timestamp.buffer).setBigUint64(0, BigInt(options.time.getTime()));
  const u16 = (n: number) => new Uint8Array([n >> 8, n & 0xff]);
  const u24 = (n: number) => new Uint8Array([n >> 16, (n >> 8) & 0xff, n & 0xff]);
  const signed = cat(
    new Uint8Array([0, 0]),
    timestamp,
    u16(1),
    sha256(options.issuerSpki),
    u24(options.tbs.length),
    options.tbs,
    u16(extensions.length),
    extensions,
  );
  const signature = await sign(log.key, signed);
  return cat(
    new Uint8Array([0]),
    log.logId,
    timestamp,
    u16(extensions.length),
    extensions,
    new Uint8Array([4, 3]),
    u16(signature.length),
    signature,
  );
}

/** The SCT list extension holding SCTs. */
export function sctListExtension(scts: Uint8Array[]): Ext {
  const u16 = (n: number) => new Uint8Array([n >> 8, n & 0xff]);
  const items = cat(...scts.map((s) => cat(u16(s.length), s)));
  return { oid: OIDS.sctList, value: octets(cat(u16(items.length), items)) };
}

/** Canonical JSON (keys sorted; the values used here are plain). */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) =>
      v !== undefined
    )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** RFC 6962 Merkle tree hash of leaves [from, to). */
function mth(leaves: Uint8Array[]): Bytes {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return sha256(new Uint8Array([0]), leaves[0]);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(new Uint8Array([1]), mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

/** RFC 6962 §2.1.1 audit path of leaf m. */
function auditPath(m: number, leaves: Uint8Array[]): Bytes[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k
    ? [...auditPath(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...auditPath(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

/** A tree of `size` leaves with `entry` at `index` (others are filler), its root and the entry's audit path. */
export function merkleTree(
  entry: Uint8Array,
  index: number,
  size: number,
): { root: Bytes; proof: Bytes[] } {
  const leaves = Array.from(
    { length: size },
    (_, i) => i === index ? entry : new TextEncoder().encode(`leaf ${i}`),
  );
  return { root: mth(leaves), proof: auditPath(index, leaves) };
}

/** A Rekor log of the stack. */
export interface RekorLog {
  /** Its key. */
  key: KeyPair;
  /** Its log id. */
  logId: Bytes;
  /** The name it signs checkpoints under (its base URL host). */
  name: string;
  /** Its base URL. */
  baseUrl: string;
}

/** The C2SP note key id a log key signs with. */
export function noteKeyId(log: RekorLog, keyName = log.name): Bytes {
  if (log.key.kind === "Ed25519") {
    return sha256(
      new TextEncoder().encode(`${keyName}\n`),
      new Uint8Array([1]),
      log.key.spki.subarray(-32),
    ).subarray(0, 4);
  }
  return sha256(log.key.spki).subarray(0, 4);
}

/** A signed checkpoint. */
export async function makeCheckpoint(
  log: RekorLog,
  options: {
    origin: string;
    size: number;
    root: Uint8Array;
    extensions?: string[];
    /** Extra signature lines placed before (`before`) or after the log's. */
    otherLines?: { line: string; before?: boolean }[];
    /** Sign as another key (a forged checkpoint). */
    signingKey?: KeyPair;
    /** Key name and key id used on the log's line. */
    keyName?: string;
    keyId?: Uint8Array;
  },
): Promise<string> {
  const text = [
    options.origin,
    String(options.size),
    b64(options.root),
    ...(options.extensions ?? []),
    "",
  ]
    .join("\n");
  const signature = await sign(options.signingKey ?? log.key, new TextEncoder().encode(text));
  const line = `\u2014 ${options.keyName ?? log.name} ${
    b64(cat(options.keyId ?? noteKeyId(log), signature))
  }\n`;
  const before = (options.otherLines ?? []).filter((l) => l.before).map((l) => l.line);
  const after = (options.otherLines ?? []).filter((l) => !l.before).map((l) => l.line);
  return `${text}\n${before.join("")}${line}${after.join("")}`;
}

/** A timestamp authority. */
export interface Tsa {
  /** Root certificate (DER). */
  root: Bytes;
  /** Root key. */
  rootKey: KeyPair;
  /** Signing certificate (DER). */
  leaf: Bytes;
  /** Signing key. */
  leafKey: KeyPair;
  /** Names, for the signer identifier. */
  rootName: Bytes;
  /** The signing certificate's serial. */
  leafSerial: number;
}

/** Options of {@linkcode makeTimestamp}. */
export interface TimestampOptions {
  /** What is timestamped (the bundle signature). */
  signature: Uint8Array;
  /** The time vouched for. */
  time: Date;
  /** Embed these certificates in the token. */
  embed?: Uint8Array[];
  /** Replace the ESSCertIDv2 hash. */
  certHash?: Uint8Array;
  /** Sign as another key. */
  signingKey?: KeyPair;
  /** The signer identifier's issuer name and serial (default: the TSA's signing certificate). */
  sid?: { issuer: Uint8Array; serial: number };
  /** PKIStatus (default 0, granted). */
  status?: number;
  /** Replace the messageDigest attribute. */
  messageDigest?: Uint8Array;
}

/** An RFC 3161 TimeStampResp, CMS SignedData with one signer. */
export async function makeTimestamp(tsa: Tsa, options: TimestampOptions): Promise<Bytes> {
  const tstInfo = seq(
    int(1),
    oid("1.3.6.1.4.1.57264.2"),
    seq(seq(oid(OIDS.sha256)), octets(sha256(options.signature))),
    int(0xdeadbeef),
    generalizedTime(options.time),
  );
  const attributes = [
    seq(oid("1.2.840.113549.1.9.3"), set(oid("1.2.840.113549.1.9.16.1.4"))),
    seq(oid("1.2.840.113549.1.9.4"), set(octets(options.messageDigest ?? sha256(tstInfo)))),
    seq(
      oid("1.2.840.113549.1.9.16.2.47"),
      set(seq(seq(seq(octets(options.certHash ?? sha256(tsa.leaf)))))),
    ),
  ];
  const signedAttrs = set(...attributes);
  const signature = await sign(options.signingKey ?? tsa.leafKey, signedAttrs);
  const sid = options.sid ?? { issuer: tsa.rootName, serial: tsa.leafSerial };
  const signerInfo = seq(
    int(1),
    seq(sid.issuer, int(sid.serial)),
    seq(oid(OIDS.sha256)),
    ctx(0, true, ...attributes),
    seq(oid(OIDS.ecdsaSha256)),
    octets(signature),
  );
  const signedData = seq(
    int(3),
    set(seq(oid(OIDS.sha256))),
    seq(oid("1.2.840.113549.1.9.16.1.4"), ctx(0, true, octets(tstInfo))),
    ...(options.embed === undefined ? [] : [ctx(0, true, ...options.embed)]),
    set(signerInfo),
  );
  return seq(
    seq(int(options.status ?? 0)),
    seq(oid("1.2.840.113549.1.7.2"), ctx(0, true, signedData)),
  );
}

/** The whole test instance. */
export interface Stack {
  /** Fulcio root and intermediate. */
  ca: {
    root: Bytes;
    rootKey: KeyPair;
    intermediate: Bytes;
    intermediateKey: KeyPair;
    intermediateName: Bytes;
  };
  /** The CT log. */
  ctlog: CtLog;
  /** The Rekor v1 log (ECDSA P-256). */
  rekorV1: RekorLog;
  /** The Rekor v2 log (Ed25519). */
  rekorV2: RekorLog;
  /** The TSA. */
  tsa: Tsa;
  /** When "now" is, for signing. */
  now: Date;
}

const MINUTE = 60_000;
const YEAR = 365 * 24 * 60 * MINUTE;

/** Makes a fresh instance; its certificates are valid from a year before `now` for ten years. */
export async function makeStack(now: Date = new Date("2025-06-01T12:00:00Z")): Promise<Stack> {
  const [rootKey, intermediateKey, ctKey, rekorKey, rekorV2Key, tsaRootKey, tsaKey] = await Promise
    .all([
      makeKey("P-384"),
      makeKey("P-384"),
      makeKey("P-256"),
      makeKey("P-256"),
      makeKey("Ed25519"),
      makeKey("P-384"),
      makeKey("P-256"),
    ]);
  const from = new Date(now.getTime() - YEAR);
  const to = new Date(now.getTime() + 10 * YEAR);
  const rootName = name({ o: "vouch.test", cn: "test fulcio root" });
  const intermediateName = name({ o: "vouch.test", cn: "test fulcio intermediate" });
  const root = await signCertificate(
    tbsCertificate({
      serial: 1,
      issuer: rootName,
      subject: rootName,
      notBefore: from,
      notAfter: to,
      spki: rootKey.spki,
      extensions: [
        X.keyUsage("keyCertSign", "cRLSign"),
        X.basicConstraints(true),
        X.subjectKeyId(rootKey.spki),
      ],
      signer: rootKey,
    }),
    rootKey,
  );
  const intermediate = await signCertificate(
    tbsCertificate({
      serial: 2,
      issuer: rootName,
      subject: intermediateName,
      notBefore: from,
      notAfter: to,
      spki: intermediateKey.spki,
      extensions: [
        X.keyUsage("keyCertSign", "cRLSign"),
        X.extKeyUsage(false, OIDS.codeSigning),
        X.basicConstraints(true, 0),
        X.subjectKeyId(intermediateKey.spki),
        X.authorityKeyId(rootKey.spki),
      ],
      signer: rootKey,
    }),
    rootKey,
  );
  const tsaRootName = name({ o: "vouch.test", cn: "test tsa root" });
  const tsaRoot = await signCertificate(
    tbsCertificate({
      serial: 1,
      issuer: tsaRootName,
      subject: tsaRootName,
      notBefore: from,
      notAfter: to,
      spki: tsaRootKey.spki,
      extensions: [X.keyUsage("keyCertSign", "cRLSign"), X.basicConstraints(true, 0)],
      signer: tsaRootKey,
    }),
    tsaRootKey,
  );
  const tsa: Tsa = {
    root: tsaRoot,
    rootKey: tsaRootKey,
    leafKey: tsaKey,
    rootName: tsaRootName,
    leafSerial: 77,
    leaf: await makeTsaLeaf({ rootKey: tsaRootKey, rootName: tsaRootName, key: tsaKey, from, to }),
  };
  return {
    ca: { root, rootKey, intermediate, intermediateKey, intermediateName },
    ctlog: { key: ctKey, logId: sha256(ctKey.spki) },
    rekorV1: {
      key: rekorKey,
      logId: sha256(rekorKey.spki),
      name: "rekor.vouch.test",
      baseUrl: "https://rekor.vouch.test",
    },
    rekorV2: {
      key: rekorV2Key,
      logId: sha256(
        new TextEncoder().encode("log2025.rekor.vouch.test\n"),
        new Uint8Array([1]),
        rekorV2Key.spki.subarray(-32),
      ),
      name: "log2025.rekor.vouch.test",
      baseUrl: "https://log2025.rekor.vouch.test",
    },
    tsa,
    now,
  };
}

/** A TSA signing certificate (critical extKeyUsage timeStamping unless told otherwise). */
export function makeTsaLeaf(options: {
  rootKey: KeyPair;
  rootName: Uint8Array;
  key: KeyPair;
  from: Date;
  to: Date;
  extensions?: Ext[];
}): Promise<Bytes> {
  return signCertificate(
    tbsCertificate({
      serial: 77,
      issuer: options.rootName,
      subject: name({ o: "vouch.test", cn: "test tsa" }),
      notBefore: options.from,
      notAfter: options.to,
      spki: options.key.spki,
      extensions: options.extensions ??
        [X.keyUsage("digitalSignature"), X.extKeyUsage(true, OIDS.timeStamping)],
      signer: options.rootKey,
    }),
    options.rootKey,
  );
}

/** The identity the default leaf carries. */
export const IDENTITY =
  "https://github.com/vouch-test/app/.github/workflows/release.yml@refs/tags/v1.0.0";
/** The OIDC issuer the default leaf carries. */
export const ISSUER = "https://token.actions.githubusercontent.com";

/** The default leaf extensions (before the SCT list). */
export function leafExtensions(spki: Uint8Array, stack: Stack): Ext[] {
  return [
    X.keyUsage("digitalSignature"),
    X.extKeyUsage(false, OIDS.codeSigning),
    X.subjectKeyId(spki),
    X.authorityKeyId(stack.ca.intermediateKey.spki),
    X.sanUri(IDENTITY),
    X.fulcio(1, ISSUER),
    X.fulcio(5, "vouch-test/app"),
    X.fulcio(8, ISSUER),
    X.fulcio(12, "https://github.com/vouch-test/app"),
    X.fulcio(13, "4b825dc642cb6eb9a060e54bf8d69288fbee4904"),
    X.fulcio(14, "refs/tags/v1.0.0"),
    X.fulcio(18, IDENTITY),
    X.fulcio(21, "https://github.com/vouch-test/app/actions/runs/1/attempts/1"),
  ];
}

/** Options of {@linkcode issueLeaf}. */
export interface LeafOptions {
  /** The leaf's key (default: a new P-256 key). */
  key?: KeyPair;
  /** Extensions instead of the default ones (the SCT list is added after them). */
  extensions?: Ext[];
  /** Validity start (default: stack.now - 1 minute). */
  notBefore?: Date;
  /** Validity end (default: notBefore + 10 minutes). */
  notAfter?: Date;
  /** No SCT list. */
  noSct?: boolean;
  /** Change the SCT after signing it. */
  tamperSct?: boolean;
  /** Extensions bytes inside the SCT. */
  sctExtensions?: Uint8Array;
  /** Issue with the root directly (no intermediate). */
  issuer?: { cert: Uint8Array; key: KeyPair; name: Uint8Array };
}

/** Issues a Fulcio-style leaf certificate with an embedded SCT. */
export async function issueLeaf(
  stack: Stack,
  options: LeafOptions = {},
): Promise<{ cert: Bytes; key: KeyPair }> {
  const key = options.key ?? await makeKey("P-256");
  const notBefore = options.notBefore ?? new Date(stack.now.getTime() - MINUTE);
  const notAfter = options.notAfter ?? new Date(notBefore.getTime() + 10 * MINUTE);
  const issuer = options.issuer ?? {
    cert: stack.ca.intermediate,
    key: stack.ca.intermediateKey,
    name: stack.ca.intermediateName,
  };
  const base: CertSpec = {
    serial: 4242,
    issuer: issuer.name,
    subject: seq(),
    notBefore,
    notAfter,
    spki: key.spki,
    extensions: options.extensions ?? leafExtensions(key.spki, stack),
    signer: issuer.key,
  };
  if (options.noSct) return { cert: await signCertificate(tbsCertificate(base), issuer.key), key };
  const sct = await makeSct(stack.ctlog, {
    tbs: tbsCertificate(base),
    issuerSpki: issuer.key.spki,
    time: notBefore,
    extensions: options.sctExtensions,
  });
  if (options.tamperSct) sct[sct.length - 1] ^= 1;
  const final = { ...base, extensions: [...base.extensions, sctListExtension([sct])] };
  return { cert: await signCertificate(tbsCertificate(final), issuer.key), key };
}

/** The trusted-root JSON of a stack; `edit` may change it before it is returned. */
export function trustedRootJson(
  stack: Stack,
  edit?: (root: Record<string, unknown[]>) => void,
): string {
  const start = new Date(stack.now.getTime() - 2 * YEAR).toISOString();
  const log = (l: RekorLog) => ({
    baseUrl: l.baseUrl,
    hashAlgorithm: "SHA2_256",
    publicKey: {
      rawBytes: b64(l.key.spki),
      keyDetails: l.key.kind === "Ed25519" ? "PKIX_ED25519" : "PKIX_ECDSA_P256_SHA_256",
      validFor: { start },
    },
    logId: { keyId: b64(l.logId) },
  });
  const root: Record<string, unknown[]> = {
    tlogs: [log(stack.rekorV1), log(stack.rekorV2)],
    certificateAuthorities: [{
      subject: { organization: "vouch.test", commonName: "test fulcio" },
      uri: "https://fulcio.vouch.test",
      certChain: {
        certificates: [{ rawBytes: b64(stack.ca.intermediate) }, { rawBytes: b64(stack.ca.root) }],
      },
      validFor: { start },
    }],
    ctlogs: [{
      baseUrl: "https://ctfe.vouch.test",
      hashAlgorithm: "SHA2_256",
      publicKey: {
        rawBytes: b64(stack.ctlog.key.spki),
        keyDetails: "PKIX_ECDSA_P256_SHA_256",
        validFor: { start },
      },
      logId: { keyId: b64(stack.ctlog.logId) },
    }],
    timestampAuthorities: [{
      subject: { organization: "vouch.test", commonName: "test tsa" },
      uri: "https://tsa.vouch.test",
      certChain: {
        certificates: [{ rawBytes: b64(stack.tsa.leaf) }, { rawBytes: b64(stack.tsa.root) }],
      },
      validFor: { start },
    }],
  };
  edit?.(root);
  return JSON.stringify({
    mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1",
    ...root,
  });
}

/** What {@linkcode makeBundle} signs and how. */
export interface BundleOptions {
  /** The artifact (message signature) or the in-toto statement's subject (DSSE). */
  artifact?: Uint8Array;
  /** Message signature (hashedrekord) or DSSE envelope (default message). */
  content?: "message" | "dsse";
  /** Which log, if any (default v1). */
  rekor?: "v1" | "v2" | "none";
  /** Bundle version (default 0.3). */
  version?: "0.1" | "0.2" | "0.3";
  /** Add an RFC 3161 timestamp (default: only for Rekor v2 or no log). */
  timestamp?: boolean | Partial<TimestampOptions>;
  /** Sign with this key and put only a public-key hint in the bundle (key-based). */
  publicKey?: KeyPair;
  /** Leaf options (keyless). */
  leaf?: LeafOptions;
  /** Integrated time (default: stack.now). */
  integratedTime?: Date;
  /** Leave out the inclusion promise (v1). */
  noPromise?: boolean;
  /** The tree: entry position and size (default index 5 of 9). */
  tree?: { index: number; size: number };
  /** Checkpoint options (origin, other lines, forged key …). */
  checkpoint?: Partial<Parameters<typeof makeCheckpoint>[1]>;
  /** Log the entry with this body instead (a mismatching entry). */
  body?: (body: Record<string, unknown>) => Record<string, unknown>;
  /**
   * The entry kind of a DSSE envelope (default dsse: 0.0.1 on Rekor v1, 0.0.2 on v2): intoto
   * 0.0.2 (v1 only), or hashedrekord over the PAE (0.0.1 on v1, 0.0.2 on v2).
   */
  dsseKind?: "dsse" | "intoto" | "hashedrekord";
  /** The DSSE payload (default: an in-toto statement naming the artifact). */
  payload?: Uint8Array;
}

/** The default artifact. */
export const ARTIFACT = new TextEncoder().encode("hello, vouch\n");

/** An in-toto statement naming `artifact` as its subject. */
export function statementFor(artifact: Uint8Array): Bytes {
  return new TextEncoder().encode(JSON.stringify({
    _type: "https://in-toto.io/Statement/v1",
    subject: [{
      name: "artifact.txt",
      digest: {
        sha256: Array.from(sha256(artifact), (b) => b.toString(16).padStart(2, "0")).join(""),
      },
    }],
    predicateType: "https://slsa.dev/provenance/v1",
    predicate: {},
  }));
}

const hex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** Signs an artifact and assembles a bundle (JSON object) with the stack's services. */
export async function makeBundle(stack: Stack, options: BundleOptions = {}): Promise<{
  bundle: Record<string, unknown>;
  artifact: Uint8Array;
  leaf?: Uint8Array;
}> {
  const artifact = options.artifact ?? ARTIFACT;
  const content = options.content ?? "message";
  const rekor = options.rekor ?? "v1";
  const version = options.version ?? "0.3";
  const keyed = options.publicKey;
  const leaf = keyed === undefined ? await issueLeaf(stack, options.leaf) : undefined;
  const signingKey = keyed ?? leaf!.key;
  const payload = options.payload ?? statementFor(artifact);
  const payloadType = "application/vnd.in-toto+json";
  const signature = content === "message"
    ? await sign(signingKey, artifact)
    : await sign(signingKey, pae(payloadType, payload));
  const keyPem = keyed === undefined
    ? pem("CERTIFICATE", leaf!.cert)
    : pem("PUBLIC KEY", keyed.spki);
  const verifier = keyed === undefined
    ? { keyDetails: "PKIX_ECDSA_P256_SHA_256", x509Certificate: { rawBytes: b64(leaf!.cert) } }
    : { keyDetails: "PKIX_ECDSA_P256_SHA_256", publicKey: { rawBytes: b64(keyed.spki) } };
  let body: Record<string, unknown>;
  let kind: string;
  let apiVersion: string;
  // What a hashedrekord entry digests: the artifact, or a DSSE envelope's PAE.
  const hashed = content === "message" ? artifact : pae(payloadType, payload);
  if (rekor === "v2") {
    apiVersion = "0.0.2";
    if (content === "message" || options.dsseKind === "hashedrekord") {
      kind = "hashedrekord";
      body = {
        apiVersion,
        kind,
        spec: {
          hashedRekordV002: {
            data: { algorithm: "SHA2_256", digest: b64(sha256(hashed)) },
            signature: { content: b64(signature), verifier },
          },
        },
      };
    } else {
      kind = "dsse";
      body = {
        apiVersion,
        kind,
        spec: {
          dsseV002: {
            payloadHash: { algorithm: "SHA2_256", digest: b64(sha256(payload)) },
            signatures: [{ content: b64(signature), verifier }],
          },
        },
      };
    }
  } else if (content === "message" || options.dsseKind === "hashedrekord") {
    kind = "hashedrekord";
    apiVersion = "0.0.1";
    body = {
      apiVersion,
      kind,
      spec: {
        data: { hash: { algorithm: "sha256", value: hex(sha256(hashed)) } },
        signature: {
          content: b64(signature),
          publicKey: { content: b64(new TextEncoder().encode(keyPem)) },
        },
      },
    };
  } else if (options.dsseKind === "intoto") {
    kind = "intoto";
    apiVersion = "0.0.2";
    body = {
      apiVersion,
      kind,
      spec: {
        content: {
          envelope: {
            payloadType,
            signatures: [{
              sig: b64(new TextEncoder().encode(b64(signature))),
              publicKey: b64(new TextEncoder().encode(keyPem)),
            }],
          },
          hash: { algorithm: "sha256", value: hex(sha256(new TextEncoder().encode("envelope"))) },
          payloadHash: { algorithm: "sha256", value: hex(sha256(payload)) },
        },
      },
    };
  } else {
    kind = "dsse";
    apiVersion = "0.0.1";
    body = {
      apiVersion,
      kind,
      spec: {
        envelopeHash: {
          algorithm: "sha256",
          value: hex(sha256(new TextEncoder().encode("envelope"))),
        },
        payloadHash: { algorithm: "sha256", value: hex(sha256(payload)) },
        signatures: [{
          signature: b64(signature),
          verifier: b64(new TextEncoder().encode(keyPem)),
        }],
      },
    };
  }
  if (options.body) body = options.body(body);
  const canonicalBody = new TextEncoder().encode(canonical(body));
  const tlogEntries: unknown[] = [];
  const log = rekor === "v2" ? stack.rekorV2 : stack.rekorV1;
  if (rekor !== "none") {
    const { index, size } = options.tree ?? { index: 5, size: 9 };
    const tree = merkleTree(canonicalBody, index, size);
    const integrated = Math.floor((options.integratedTime ?? stack.now).getTime() / 1000);
    // Rekor v1 shards: a global index past the shard's own; a Rekor v2 log is one tree.
    const logIndex = rekor === "v2" ? index : 1000 + index;
    const checkpoint = await makeCheckpoint(log, {
      origin: rekor === "v2" ? log.name : `${log.name} - 1234567890`,
      size,
      root: tree.root,
      ...options.checkpoint,
    });
    const entry: Record<string, unknown> = {
      logIndex: String(logIndex),
      logId: { keyId: b64(log.logId) },
      kindVersion: { kind, version: apiVersion },
      ...(rekor === "v1" ? { integratedTime: String(integrated) } : {}),
      inclusionProof: {
        logIndex: String(index),
        rootHash: b64(tree.root),
        treeSize: String(size),
        hashes: tree.proof.map(b64),
        checkpoint: { envelope: checkpoint },
      },
      canonicalizedBody: b64(canonicalBody),
    };
    if (rekor === "v1" && !options.noPromise) {
      const set = canonical({
        body: b64(canonicalBody),
        integratedTime: integrated,
        logID: hex(log.logId),
        logIndex,
      });
      entry.inclusionPromise = {
        signedEntryTimestamp: b64(await sign(log.key, new TextEncoder().encode(set))),
      };
    }
    if (version === "0.1") delete entry.inclusionProof;
    tlogEntries.push(entry);
  }
  const material: Record<string, unknown> = { tlogEntries };
  if (keyed !== undefined) material.publicKey = { hint: b64(sha256(keyed.spki)) };
  else if (version === "0.3") material.certificate = { rawBytes: b64(leaf!.cert) };
  else material.x509CertificateChain = { certificates: [{ rawBytes: b64(leaf!.cert) }] };
  const wantTimestamp = options.timestamp ?? (rekor !== "v1");
  if (wantTimestamp) {
    const extra = typeof wantTimestamp === "object" ? wantTimestamp : {};
    const ts = await makeTimestamp(stack.tsa, { signature, time: stack.now, ...extra });
    material.timestampVerificationData = { rfc3161Timestamps: [{ signedTimestamp: b64(ts) }] };
  }
  const mediaType = version === "0.3"
    ? "application/vnd.dev.sigstore.bundle.v0.3+json"
    : `application/vnd.dev.sigstore.bundle+json;version=${version}`;
  const bundle: Record<string, unknown> = { mediaType, verificationMaterial: material };
  if (content === "message") {
    bundle.messageSignature = {
      messageDigest: { algorithm: "SHA2_256", digest: b64(sha256(artifact)) },
      signature: b64(signature),
    };
  } else {
    bundle.dsseEnvelope = {
      payload: b64(payload),
      payloadType,
      signatures: [{ sig: b64(signature), keyid: "" }],
    };
  }
  return { bundle, artifact, leaf: leaf?.cert };
}

/** Standard base64 of bytes (re-exported for tests). */
export { b64, int, nul, pem };
