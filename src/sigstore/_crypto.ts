// Private: public keys and signature verification of the Sigstore verifier,
// on WebCrypto (ECDSA P-256/P-384/P-521, Ed25519, RSA PKCS#1 v1.5 and PSS).
// Signatures over a digest only (a message signature checked against
// `sha256:<hex>`, or an artifact too large to hold) go to ./_prehash.ts,
// loaded only then.
import { ecdsaDerToRaw } from "../signing/ecdsa_der.ts";
import { writeDer } from "../signing/_der.ts";
import type { HashName } from "./_bytes.ts";
import {
  childrenOf,
  DerError,
  expectTag,
  parseDer,
  readBitString,
  readOid,
  readSequence,
  readSmallInteger,
  TAG_SEQUENCE,
} from "./_asn1/reader.ts";

/** The key types the verifier knows. */
export type KeyType = "ecdsa-p256" | "ecdsa-p384" | "ecdsa-p521" | "ed25519" | "rsa";

/** A parsed public key. */
export interface PublicKey {
  /** Its type. */
  type: KeyType;
  /** The DER SubjectPublicKeyInfo. */
  spki: Uint8Array<ArrayBuffer>;
  /** The subjectPublicKey bits (EC point, Ed25519 key or PKCS#1 RSAPublicKey). */
  keyBits: Uint8Array;
}

/** How a signature is made. */
export interface SignatureScheme {
  /** The signature family. */
  kind: "ecdsa" | "rsa-pkcs1" | "rsa-pss" | "ed25519";
  /** The message digest (not used by Ed25519). */
  hash: HashName;
  /** RSA-PSS salt length in bytes. */
  saltLength?: number;
}

const OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
const OID_RSA = "1.2.840.113549.1.1.1";
const OID_ED25519 = "1.3.101.112";
const CURVES: Record<string, KeyType> = {
  "1.2.840.10045.3.1.7": "ecdsa-p256",
  "1.3.132.0.34": "ecdsa-p384",
  "1.3.132.0.35": "ecdsa-p521",
};
const CURVE_NAMES: Partial<Record<KeyType, string>> = {
  "ecdsa-p256": "P-256",
  "ecdsa-p384": "P-384",
  "ecdsa-p521": "P-521",
};
const SCALAR_BYTES: Partial<Record<KeyType, number>> = {
  "ecdsa-p256": 32,
  "ecdsa-p384": 48,
  "ecdsa-p521": 66,
};

/** Hash OIDs (AlgorithmIdentifier of digests). */
export const HASH_OIDS: Record<string, HashName> = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512",
};

const SIGNATURE_OIDS: Record<string, SignatureScheme> = {
  "1.2.840.10045.4.3.2": { kind: "ecdsa", hash: "sha256" },
  "1.2.840.10045.4.3.3": { kind: "ecdsa", hash: "sha384" },
  "1.2.840.10045.4.3.4": { kind: "ecdsa", hash: "sha512" },
  "1.2.840.113549.1.1.11": { kind: "rsa-pkcs1", hash: "sha256" },
  "1.2.840.113549.1.1.12": { kind: "rsa-pkcs1", hash: "sha384" },
  "1.2.840.113549.1.1.13": { kind: "rsa-pkcs1", hash: "sha512" },
  [OID_ED25519]: { kind: "ed25519", hash: "sha512" },
};
const OID_RSA_PSS = "1.2.840.113549.1.1.10";
const OID_MGF1 = "1.2.840.113549.1.1.8";

/**
 * Parses a DER SubjectPublicKeyInfo.
 *
 * @param spki The DER bytes.
 * @returns The key.
 * @throws {DerError} For malformed DER or an unsupported algorithm or curve.
 */
export function parsePublicKey(spki: Uint8Array): PublicKey {
  const [algorithm, bits, extra] = readSequence(parseDer(spki, "public key"), "public key");
  if (extra !== undefined) throw new DerError("public key: trailing fields");
  const [oid, params] = readSequence(algorithm, "public key algorithm");
  const algorithmOid = readOid(oid, "public key algorithm");
  const keyBits = readBitString(bits, "public key bits");
  const copy = new Uint8Array(spki);
  if (algorithmOid === OID_ED25519) {
    if (keyBits.length !== 32) throw new DerError("public key: Ed25519 key is not 32 bytes");
    return { type: "ed25519", spki: copy, keyBits };
  }
  if (algorithmOid === OID_EC_PUBLIC_KEY) {
    const type = CURVES[readOid(params, "public key curve")];
    if (type === undefined) throw new DerError("public key: unsupported elliptic curve");
    return { type, spki: copy, keyBits };
  }
  if (algorithmOid === OID_RSA) {
    readSequence(parseDer(keyBits, "RSA public key"), "RSA public key");
    return { type: "rsa", spki: copy, keyBits };
  }
  throw new DerError(`public key: unsupported algorithm ${algorithmOid}`);
}

/**
 * Wraps a PKCS#1 RSAPublicKey in a SubjectPublicKeyInfo (the trusted root's
 * `PKCS1_RSA_PKCS1V5` keys are stored bare).
 *
 * @param pkcs1 The DER RSAPublicKey.
 * @returns The DER SubjectPublicKeyInfo.
 */
export function spkiFromPkcs1(pkcs1: Uint8Array): Uint8Array<ArrayBuffer> {
  const algorithm = writeDer(
    TAG_SEQUENCE,
    new Uint8Array([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]),
  );
  const bits = new Uint8Array(pkcs1.length + 1);
  bits.set(pkcs1, 1);
  const bitString = writeDer(0x03, bits);
  const body = new Uint8Array(algorithm.length + bitString.length);
  body.set(algorithm);
  body.set(bitString, algorithm.length);
  return writeDer(TAG_SEQUENCE, body);
}

/**
 * The scheme a key signs with when nothing else says (Sigstore's defaults:
 * ECDSA with the curve's hash, RSA PKCS#1 v1.5 with SHA-256, pure Ed25519).
 *
 * @param key The key.
 * @returns The scheme.
 */
export function defaultScheme(key: PublicKey): SignatureScheme {
  switch (key.type) {
    case "ecdsa-p256":
      return { kind: "ecdsa", hash: "sha256" };
    case "ecdsa-p384":
      return { kind: "ecdsa", hash: "sha384" };
    case "ecdsa-p521":
      return { kind: "ecdsa", hash: "sha512" };
    case "ed25519":
      return { kind: "ed25519", hash: "sha512" };
    case "rsa":
      return { kind: "rsa-pkcs1", hash: "sha256" };
  }
}

function pssScheme(params: Uint8Array | undefined): SignatureScheme {
  // RSASSA-PSS-params: [0] hashAlgorithm, [1] maskGenAlgorithm, [2] saltLength, [3] trailerField.
  if (params === undefined) throw new DerError("RSA-PSS: parameters missing");
  let hash: HashName = "sha1";
  let saltLength = 20;
  for (
    const field of childrenOf(
      expectTag(parseDer(params, "RSA-PSS"), TAG_SEQUENCE, "RSA-PSS"),
      "RSA-PSS",
    )
  ) {
    const [inner] = childrenOf(field, "RSA-PSS field");
    if (field.tag === 0xa0) {
      hash = HASH_OIDS[readOid(readSequence(inner, "RSA-PSS hash")[0], "RSA-PSS hash")] ??
        "sha1";
    } else if (field.tag === 0xa1) {
      const [mgf, mgfHash] = readSequence(inner, "RSA-PSS mask generation");
      if (readOid(mgf, "RSA-PSS mask generation") !== OID_MGF1) {
        throw new DerError("RSA-PSS: unsupported mask generation function");
      }
      const mgfHashName = HASH_OIDS[readOid(readSequence(mgfHash, "MGF1 hash")[0], "MGF1 hash")];
      if (mgfHashName !== hash) throw new DerError("RSA-PSS: MGF1 hash differs from the hash");
    } else if (field.tag === 0xa2) {
      saltLength = readSmallInteger(inner, "RSA-PSS salt length");
    } else if (field.tag !== 0xa3) throw new DerError("RSA-PSS: unknown parameter");
  }
  if (hash === "sha1") throw new DerError("RSA-PSS with SHA-1 is not supported");
  return { kind: "rsa-pss", hash, saltLength };
}

/**
 * The scheme named by a signature AlgorithmIdentifier (X.509 and CMS). CMS
 * may name only the key algorithm (`ecPublicKey`, `rsaEncryption`) and give
 * the digest separately in `digest`.
 *
 * @param oid The algorithm OID.
 * @param options `params`: the raw parameters element, if any; `digest`: the CMS digest algorithm.
 * @returns The scheme.
 * @throws {DerError} For an unknown or unsupported algorithm.
 */
export function schemeFromAlgorithm(
  oid: string,
  options: { params?: Uint8Array; digest?: HashName } = {},
): SignatureScheme {
  const known = SIGNATURE_OIDS[oid];
  if (known !== undefined) return known;
  if (oid === OID_RSA_PSS) return pssScheme(options.params);
  if ((oid === OID_EC_PUBLIC_KEY || oid === OID_RSA) && options.digest !== undefined) {
    if (options.digest === "sha1") throw new DerError("SHA-1 signatures are not supported");
    return { kind: oid === OID_RSA ? "rsa-pkcs1" : "ecdsa", hash: options.digest };
  }
  throw new DerError(`unsupported signature algorithm ${oid}`);
}

const WEBCRYPTO_HASH: Record<HashName, string> = {
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha384: "SHA-384",
  sha512: "SHA-512",
};

const imported = new WeakMap<PublicKey, Map<string, Promise<CryptoKey>>>();

function importFor(key: PublicKey, scheme: SignatureScheme): Promise<CryptoKey> {
  let params: EcKeyImportParams | RsaHashedImportParams | Algorithm;
  if (scheme.kind === "ecdsa") params = { name: "ECDSA", namedCurve: CURVE_NAMES[key.type]! };
  else if (scheme.kind === "ed25519") params = { name: "Ed25519" };
  else {
    params = {
      name: scheme.kind === "rsa-pss" ? "RSA-PSS" : "RSASSA-PKCS1-v1_5",
      hash: WEBCRYPTO_HASH[scheme.hash],
    };
  }
  const cacheKey = `${scheme.kind}/${scheme.hash}`;
  let cache = imported.get(key);
  if (cache === undefined) imported.set(key, cache = new Map());
  let promise = cache.get(cacheKey);
  if (promise === undefined) {
    promise = crypto.subtle.importKey("spki", key.spki, params, false, ["verify"]);
    cache.set(cacheKey, promise);
  }
  return promise;
}

function compatible(key: PublicKey, scheme: SignatureScheme): boolean {
  if (scheme.kind === "ecdsa") return key.type.startsWith("ecdsa-");
  if (scheme.kind === "ed25519") return key.type === "ed25519";
  return key.type === "rsa";
}

/**
 * Verifies a signature over a message. Never throws: malformed signatures,
 * keys WebCrypto refuses and mismatched schemes all give `false`.
 *
 * @param key The public key.
 * @param message The signed bytes.
 * @param options `signature`: the signature (ECDSA in ASN.1 DER); `scheme`:
 *   how it was made (default: the key's {@linkcode defaultScheme}).
 * @returns Whether the signature verifies.
 */
export async function verifySignature(
  key: PublicKey,
  message: Uint8Array,
  options: { signature: Uint8Array; scheme?: SignatureScheme },
): Promise<boolean> {
  const scheme = options.scheme ?? defaultScheme(key);
  if (!compatible(key, scheme)) return false;
  try {
    const cryptoKey = await importFor(key, scheme);
    let signature: Uint8Array<ArrayBuffer> = new Uint8Array(options.signature);
    let algorithm: AlgorithmIdentifier | EcdsaParams | RsaPssParams = {
      name: cryptoKey.algorithm.name,
    };
    if (scheme.kind === "ecdsa") {
      signature = ecdsaDerToRaw(options.signature, { scalarBytes: SCALAR_BYTES[key.type] });
      algorithm = { name: "ECDSA", hash: WEBCRYPTO_HASH[scheme.hash] };
    } else if (scheme.kind === "rsa-pss") {
      algorithm = { name: "RSA-PSS", saltLength: scheme.saltLength ?? 32 };
    }
    return await crypto.subtle.verify(
      algorithm,
      cryptoKey,
      signature,
      message as Uint8Array<ArrayBuffer>,
    );
  } catch {
    return false;
  }
}

/**
 * Verifies a signature over a digest (the message itself is not at hand).
 * ECDSA and RSA PKCS#1 v1.5 only; other schemes give `undefined`.
 *
 * @param key The public key.
 * @param digest The message digest, made with `scheme.hash`.
 * @param options `signature`; `scheme` (default: the key's default).
 * @returns Whether it verifies, or `undefined` when the scheme cannot verify a digest.
 */
export async function verifyDigestSignature(
  key: PublicKey,
  digest: Uint8Array,
  options: { signature: Uint8Array; scheme?: SignatureScheme },
): Promise<boolean | undefined> {
  const scheme = options.scheme ?? defaultScheme(key);
  if (!compatible(key, scheme)) return false;
  if (scheme.kind !== "ecdsa" && scheme.kind !== "rsa-pkcs1") return undefined;
  const { verifyPrehashed } = await import("./_prehash.ts");
  try {
    return verifyPrehashed(key, digest, { signature: options.signature, hash: scheme.hash });
  } catch (error) {
    if (error instanceof DerError) return false;
    throw error;
  }
}
