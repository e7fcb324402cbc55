/**
 * The trust material of a Sigstore instance: a protobuf-JSON `TrustedRoot`
 * (sigstore/protobuf-specs `trustroot.proto`) parsed into the Fulcio
 * certificate authorities, the timestamp authorities, the Rekor
 * transparency logs and the CT logs, each with its validity window.
 *
 * A `null` field is an absent one (protobuf JSON). Validity windows are closed intervals (an `end` is inclusive). A
 * transparency- or CT-log key without a `validFor.start`, or of a type vouch
 * cannot verify, is kept but marked unusable: an entry that needs it fails
 * with the reason; so is an authority without certificates (it authenticates
 * nothing). Structural problems make the whole root invalid
 * (`trusted_root.invalid`).
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { isRecord, parseJsonText } from "../_util.ts";
import { decodeProtoBytes } from "./_bytes.ts";
import { DerError, formatInstant, type Instant, instantFromFields } from "./_asn1/reader.ts";
import { parsePublicKey, type PublicKey, spkiFromPkcs1 } from "./_crypto.ts";
import { type Certificate, parseCertificate } from "./x509/certificate.ts";
import { PUBLIC_GOOD_TRUSTED_ROOT_JSON } from "./public_good_trusted_root.ts";

/** A closed time interval; a missing bound is open. */
export interface ValidityWindow {
  /** Start (inclusive). */
  start?: Instant;
  /** End (inclusive). */
  end?: Instant;
}

/** A certificate authority (Fulcio) or timestamp authority of the root. */
export interface CertificateAuthority {
  /** The authority's URI, when given. */
  uri: string;
  /** The certificate chain as listed: for a TSA the signing (leaf) certificate first, then up to the root. */
  chain: Certificate[];
  /** When the authority may be used. */
  validFor: ValidityWindow;
}

/** A Rekor transparency log or a certificate-transparency log of the root. */
export interface TransparencyLog {
  /** The log's base URL. */
  baseUrl: string;
  /** The log id (Rekor v1 and CT: SHA-256 of the key's SPKI; Rekor v2: its checkpoint key id). */
  logId: Uint8Array;
  /** An explicit checkpoint key id, when the root gives one. */
  checkpointKeyId?: Uint8Array;
  /** The key, when usable. */
  key?: PublicKey;
  /** Why the key is not usable, when it is not. */
  keyProblem?: string;
  /** When the key may be used (start required for use). */
  validFor: ValidityWindow;
}

/** The trust material of a parsed trusted root (internal form). */
export interface TrustMaterial {
  /** The root's media type. */
  mediaType: string;
  /** Fulcio certificate authorities. */
  certificateAuthorities: CertificateAuthority[];
  /** RFC 3161 timestamp authorities. */
  timestampAuthorities: CertificateAuthority[];
  /** Rekor transparency logs. */
  tlogs: TransparencyLog[];
  /** Certificate-transparency logs. */
  ctlogs: TransparencyLog[];
}

/**
 * A parsed trusted root, ready for `verifyBundle` (made by
 * {@linkcode parseTrustedRoot}, {@linkcode loadTrustedRoot} or
 * {@linkcode publicGoodTrustedRoot}; its trust material stays internal).
 */
export interface TrustedRoot {
  /** The root's media type. */
  readonly mediaType: string;
  /** How many Fulcio certificate authorities it lists. */
  readonly certificateAuthorities: number;
  /** How many timestamp authorities it lists. */
  readonly timestampAuthorities: number;
  /** How many Rekor transparency logs it lists. */
  readonly tlogs: number;
  /** How many certificate-transparency logs it lists. */
  readonly ctlogs: number;
}

const MATERIAL = new WeakMap<TrustedRoot, TrustMaterial>();

/**
 * The trust material behind a trusted root.
 *
 * @param root A root made by this module.
 * @returns Its material.
 * @throws {VouchError} `trusted_root.invalid` for an object this module did not make.
 */
export function trustMaterial(root: TrustedRoot): TrustMaterial {
  const material = MATERIAL.get(root);
  if (material === undefined) throw invalid("not made by parseTrustedRoot or loadTrustedRoot");
  return material;
}

function invalid(reason: string): VouchError {
  return new VouchError(
    "trusted_root.invalid",
    `the trusted root is not valid: ${reason}`,
    "pass a Sigstore trusted_root.json (protobuf-specs TrustedRoot, e.g. from `cosign trusted-root create` or the instance's TUF repository)",
  );
}

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp (the protobuf-JSON form of `Timestamp`).
 *
 * @param text The timestamp, e.g. `2022-12-31T23:59:59.999Z`.
 * @returns The instant, or `undefined` when the text is not a valid timestamp.
 */
export function parseRfc3339(text: string): Instant | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const instant = instantFromFields(m.slice(1, 7).map(Number), m[7] ?? "");
  if (instant === undefined) return undefined;
  if (m[8] === "Z") return instant;
  const sign = m[8][0] === "-" ? -1n : 1n;
  const offset = BigInt(Number(m[8].slice(1, 3)) * 3600 + Number(m[8].slice(4, 6)) * 60);
  return instant - sign * offset * 1_000_000_000n;
}

/**
 * Tells whether an instant lies in a closed window.
 *
 * @param window The window.
 * @param instant The instant.
 * @returns `true` when `start <= instant <= end` (missing bounds are open).
 */
export function inWindow(window: ValidityWindow, instant: Instant): boolean {
  return (window.start === undefined || window.start <= instant) &&
    (window.end === undefined || instant <= window.end);
}

/**
 * Describes a window for messages.
 *
 * @param window The window.
 * @returns E.g. `from 2025-04-09T00:00:00Z to 2025-06-01T00:00:00Z`, `until …`, `from …`.
 */
export function describeWindow(window: ValidityWindow): string {
  const from = window.start === undefined ? [] : [`from ${formatInstant(window.start)}`];
  const to = window.end === undefined
    ? []
    : [`${from.length > 0 ? "to" : "until"} ${formatInstant(window.end)}`];
  return [...from, ...to].join(" ") || "at any time";
}

function parseWindow(value: unknown, where: string): ValidityWindow {
  if (value == null) return {};
  if (!isRecord(value)) throw invalid(`${where}.validFor is not an object`);
  const window: ValidityWindow = {};
  for (const bound of ["start", "end"] as const) {
    const text = value[bound];
    if (text == null) continue;
    const instant = typeof text === "string" ? parseRfc3339(text) : undefined;
    if (instant === undefined) throw invalid(`${where}.validFor.${bound} is not an RFC 3339 time`);
    window[bound] = instant;
  }
  if (window.start !== undefined && window.end !== undefined && window.end < window.start) {
    throw invalid(`${where}.validFor ends before it starts`);
  }
  return window;
}

function bytesField(value: unknown, where: string): Uint8Array {
  const bytes = typeof value === "string" ? decodeProtoBytes(value) : undefined;
  if (bytes === undefined || bytes.length === 0) throw invalid(`${where} is not base64 bytes`);
  return bytes;
}

function list(value: unknown, where: string): unknown[] {
  if (value == null) return [];
  if (!Array.isArray(value)) throw invalid(`${where} is not an array`);
  if (value.length > 256) throw invalid(`${where} has more than 256 entries`);
  return value;
}

/** PublicKeyDetails names (and enum numbers) whose raw bytes are a bare PKCS#1 RSAPublicKey. */
const PKCS1_DETAILS = new Set<unknown>(["PKCS1_RSA_PKCS1V5", "PKCS1_RSA_PSS", 1, 2]);

function parseLog(value: unknown, where: string): TransparencyLog {
  if (!isRecord(value)) throw invalid(`${where} is not an object`);
  if (!isRecord(value.logId)) throw invalid(`${where}.logId is missing`);
  const log: TransparencyLog = {
    baseUrl: typeof value.baseUrl === "string" ? value.baseUrl : "",
    logId: bytesField(value.logId.keyId, `${where}.logId.keyId`),
    validFor: {},
  };
  if (isRecord(value.checkpointKeyId)) {
    log.checkpointKeyId = bytesField(value.checkpointKeyId.keyId, `${where}.checkpointKeyId.keyId`);
  }
  const publicKey = value.publicKey;
  if (!isRecord(publicKey)) throw invalid(`${where}.publicKey is missing`);
  log.validFor = parseWindow(publicKey.validFor, `${where}.publicKey`);
  if (publicKey.rawBytes == null) {
    log.keyProblem = "the trusted root gives no key bytes";
    return log;
  }
  const raw = bytesField(publicKey.rawBytes, `${where}.publicKey.rawBytes`);
  try {
    log.key = parsePublicKey(PKCS1_DETAILS.has(publicKey.keyDetails) ? spkiFromPkcs1(raw) : raw);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    log.keyProblem = `its key cannot be used (${error.message})`;
  }
  if (log.validFor.start === undefined) {
    delete log.key;
    log.keyProblem = "its key has no validFor.start, so it is not valid at any time";
  }
  return log;
}

function parseAuthority(
  value: unknown,
  where: string,
  deferCertificates: boolean,
): CertificateAuthority {
  if (!isRecord(value)) throw invalid(`${where} is not an object`);
  // An absent or empty chain (protobuf: an empty message) is kept but can vouch for nothing:
  // its validity window is never lent to another authority.
  const chain = value.certChain;
  if (chain != null && !isRecord(chain)) throw invalid(`${where}.certChain is not an object`);
  const ders = list(chain?.certificates, `${where}.certChain.certificates`).map((cert, i) =>
    bytesField(
      isRecord(cert) ? cert.rawBytes : undefined,
      `${where}.certChain.certificates[${i}].rawBytes`,
    )
  );
  const parseChain = (): Certificate[] =>
    ders.map((der, i) => {
      try {
        return parseCertificate(der);
      } catch (error) {
        if (error instanceof DerError) {
          throw invalid(
            `${where}.certChain.certificates[${i}] is not a certificate (${error.message})`,
          );
        }
        throw error;
      }
    });
  const uri = typeof value.uri === "string" ? value.uri : "";
  const validFor = parseWindow(value.validFor, where);
  if (!deferCertificates) return { uri, chain: parseChain(), validFor };
  // The embedded root's certificates (checked by its test) are parsed when a chain is built:
  // a run uses one or two of its authorities.
  let parsed: Certificate[] | undefined;
  return {
    uri,
    get chain(): Certificate[] {
      return parsed ??= parseChain();
    },
    validFor,
  };
}

/**
 * Parses a trusted root (protobuf-JSON, already parsed from text).
 *
 * @example
 * ```ts
 * import { parseTrustedRoot } from "./trust_root.ts";
 * import { PUBLIC_GOOD_TRUSTED_ROOT_JSON } from "./public_good_trusted_root.ts";
 * const root = parseTrustedRoot(JSON.parse(PUBLIC_GOOD_TRUSTED_ROOT_JSON));
 * root.tlogs > 0; // true
 * ```
 *
 * @param value The parsed JSON.
 * @param options `deferCertificates`: parse each authority's certificates
 *   when its chain is first used, not now (for a root already known to be
 *   valid, such as the embedded one; a bad certificate then throws at use).
 * @returns The trust material.
 * @throws {VouchError} `trusted_root.invalid`, naming the field.
 */
export function parseTrustedRoot(
  value: unknown,
  options: { deferCertificates?: boolean } = {},
): TrustedRoot {
  if (!isRecord(value)) throw invalid("not a JSON object");
  const mediaType = value.mediaType;
  if (
    typeof mediaType !== "string" ||
    !mediaType.startsWith("application/vnd.dev.sigstore.trustedroot")
  ) throw invalid(`unknown mediaType ${JSON.stringify(mediaType)}`);
  const logs = (key: "tlogs" | "ctlogs"): TransparencyLog[] =>
    list(value[key], key).map((l, i) => parseLog(l, `${key}[${i}]`));
  const authorities = (key: "certificateAuthorities" | "timestampAuthorities") =>
    list(value[key], key).map((a, i) =>
      parseAuthority(a, `${key}[${i}]`, options.deferCertificates === true)
    );
  const material: TrustMaterial = {
    mediaType,
    certificateAuthorities: authorities("certificateAuthorities"),
    timestampAuthorities: authorities("timestampAuthorities"),
    tlogs: logs("tlogs"),
    ctlogs: logs("ctlogs"),
  };
  const root: TrustedRoot = Object.freeze({
    mediaType,
    certificateAuthorities: material.certificateAuthorities.length,
    timestampAuthorities: material.timestampAuthorities.length,
    tlogs: material.tlogs.length,
    ctlogs: material.ctlogs.length,
  });
  MATERIAL.set(root, material);
  return root;
}

/**
 * Parses a trusted root from its JSON text (a `trusted_root.json` file).
 *
 * @param text The file's text.
 * @returns The trust material.
 * @throws {VouchError} `trusted_root.invalid`.
 */
export function loadTrustedRoot(text: string): TrustedRoot {
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch {
    throw invalid("not JSON");
  }
  return parseTrustedRoot(value);
}

let publicGood: TrustedRoot | undefined;

/**
 * The embedded Sigstore public-good trusted root (parsed once).
 *
 * @returns The trust material.
 */
export function publicGoodTrustedRoot(): TrustedRoot {
  return publicGood ??= parseTrustedRoot(JSON.parse(PUBLIC_GOOD_TRUSTED_ROOT_JSON), {
    deferCertificates: true,
  });
}
