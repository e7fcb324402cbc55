/**
 * Asymmetric keys for DSSE signing: PEM parsing (PKCS#8 private keys, SPKI
 * public keys), Ed25519 and ECDSA P-256 signers and verifiers on WebCrypto,
 * key generation, and cosign-style key ids. ECDSA signatures are ASN.1 DER,
 * as Sigstore expects. Errors never repeat key material.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { VouchError } from "../errors.ts";
import { decodeBase64, encodeBase64 } from "./_base64.ts";
import {
  type DerElement,
  DerError,
  oidToString,
  readChildren,
  readDer,
  TAG_BIT_STRING,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
  writeConstructed,
  writeDer,
} from "./_der.ts";
import type { Signer, Verifier } from "./dsse.ts";
import { ecdsaDerToRaw, ecdsaLowS, ecdsaRawToDer } from "./ecdsa_der.ts";

/** Asymmetric key algorithms vouch supports. */
export type KeyAlgorithm = "ed25519" | "ecdsa-p256";

/** A private key ready to sign, with its public half. */
export interface ImportedPrivateKey {
  /** Signs with the private key (ECDSA signatures in DER). */
  signer: Signer;
  /** The matching public key, SPKI PEM. */
  publicKeyPem: string;
  /** base64(SHA-256(SPKI DER)) of the public key. */
  keyid: string;
  /** The key's algorithm. */
  algorithm: KeyAlgorithm;
}

/** A freshly generated key pair in PEM form. */
export interface GeneratedKeyPair {
  /** PKCS#8 PEM (`PRIVATE KEY`), unencrypted. */
  privateKeyPem: string;
  /** SPKI PEM (`PUBLIC KEY`). */
  publicKeyPem: string;
  /** base64(SHA-256(SPKI DER)) of the public key. */
  keyid: string;
}

type Bytes = Uint8Array<ArrayBuffer>;

const WEBCRYPTO: Record<
  KeyAlgorithm,
  { key: EcKeyImportParams | Algorithm; sign: EcdsaParams | Algorithm }
> = {
  "ed25519": { key: { name: "Ed25519" }, sign: { name: "Ed25519" } },
  "ecdsa-p256": {
    key: { name: "ECDSA", namedCurve: "P-256" },
    sign: { name: "ECDSA", hash: "SHA-256" },
  },
};

const OID_ED25519 = "1.3.101.112";
const OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
const OID_P256 = "1.2.840.10045.3.1.7";
const CURVE_NAMES: Record<string, string> = {
  "1.3.132.0.34": "P-384",
  "1.3.132.0.35": "P-521",
  "1.3.132.0.10": "secp256k1",
};
const ALGORITHM_NAMES: Record<string, string> = {
  "1.2.840.113549.1.1.1": "RSA",
  "1.2.840.113549.1.1.10": "RSA-PSS",
  "1.2.840.10040.4.1": "DSA",
  "1.3.101.113": "Ed448",
  "1.3.101.110": "X25519",
  "1.3.101.111": "X448",
};
const SUPPORTED_HINT = "Use an Ed25519 or ECDSA P-256 key, e.g. one made by `vouch keygen`.";
/** The command that turns any unencrypted (or passphrase-protected) OpenSSL private key into PKCS#8. */
const TO_PKCS8 = "openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem";

function malformed(what: string, hint?: string): VouchError {
  return new VouchError(
    "key.malformed",
    `the key is not valid: ${what}`,
    hint ?? "Pass an unencrypted PKCS#8 private key or SPKI public key in PEM form.",
  );
}

/**
 * The cosign key id of a public key: base64(SHA-256(SPKI DER)), the value of a
 * Sigstore bundle's `publicKey.hint`.
 *
 * @param spkiDer The DER-encoded SubjectPublicKeyInfo.
 * @returns Standard base64 of the SHA-256 digest.
 */
export function keyIdFromSpki(spkiDer: Uint8Array): string {
  return createHash("sha256").update(spkiDer).digest("base64");
}

/**
 * Encodes DER bytes as a PEM block with 64-character lines.
 *
 * @param label The PEM label, e.g. `PUBLIC KEY`.
 * @param der The DER bytes.
 * @returns The PEM text, ending in a newline.
 */
export function encodePem(label: string, der: Uint8Array): string {
  const lines = encodeBase64(der).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

function encrypted(label: string, body: string): VouchError | undefined {
  if (/COSIGN|SIGSTORE/.test(label)) {
    // cosign's own format (scrypt + NaCl secretbox), which no other tool decrypts: make a
    // key both tools read instead; cosign imports PEM keys.
    return new VouchError(
      "key.encrypted",
      `the key is cosign's encrypted format (${label}), which vouch cannot read`,
      "Make a key both tools use: `vouch keygen --algorithm ecdsa-p256 --out release`, give vouch release.key and cosign `cosign import-key-pair --key release.key` (it writes import-cosign.key); verify with release.pub.",
    );
  }
  if (label.includes("ENCRYPTED")) {
    return new VouchError(
      "key.encrypted",
      `the key is encrypted (${label})`,
      "Decrypt it first, e.g. `openssl pkcs8 -in key.pem -out plain.pem` (keep it private).",
    );
  }
  if (/Proc-Type:\s*4,ENCRYPTED/.test(body)) {
    return new VouchError(
      "key.encrypted",
      `the key is encrypted (${label} with a passphrase)`,
      `Decrypt it to PKCS#8 first: \`${TO_PKCS8}\` (asks for the passphrase; keep the output private).`,
    );
  }
  return undefined;
}

function decodePem(pem: string): { label: string; der: Bytes } {
  // A PEM kept in a one-line variable often has literal "\n" for its line breaks (never part
  // of base64 or of a PEM header, so always safe to read as line breaks).
  const text = pem.replace(/\\r\\n|\\n/g, "\n");
  const blocks = [...text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g)];
  // `openssl ecparam -genkey` writes an EC PARAMETERS block before the key: skip it.
  const match = blocks.find((m) => m[1] !== "EC PARAMETERS") ?? blocks[0];
  if (!match) {
    throw malformed(
      "no PEM block (-----BEGIN ...----- / -----END ...-----) found",
      "Pass the PEM text; a value that names a file (e.g. a GitLab File variable) goes to --private-key PATH.",
    );
  }
  const [, label, body] = match;
  const problem = encrypted(label, body);
  if (problem) throw problem;
  const der = decodeBase64(body.replace(/\s+/g, ""));
  if (!der || der.length === 0) throw malformed(`the ${label} PEM body is not base64`);
  return { label, der: der as Bytes };
}

function algorithmOf(identifier: DerElement | undefined): KeyAlgorithm {
  if (identifier?.tag !== TAG_SEQUENCE) throw malformed("missing AlgorithmIdentifier");
  const [oid, parameters] = readChildren(identifier.content);
  if (oid?.tag !== TAG_OID) throw malformed("missing algorithm OID");
  const algorithm = oidToString(oid.content);
  if (algorithm === OID_ED25519) return "ed25519";
  if (algorithm === OID_EC_PUBLIC_KEY) {
    if (parameters?.tag !== TAG_OID) throw malformed("EC key without a named curve");
    const curve = oidToString(parameters.content);
    if (curve === OID_P256) return "ecdsa-p256";
    throw new VouchError(
      "key.curve",
      `EC key on curve ${CURVE_NAMES[curve] ?? curve}; only P-256 is supported`,
      "Generate a P-256 key (`vouch keygen --algorithm ecdsa-p256`) or an Ed25519 key.",
    );
  }
  throw new VouchError(
    "key.unsupported",
    `unsupported key algorithm ${ALGORITHM_NAMES[algorithm] ?? algorithm}`,
    SUPPORTED_HINT,
  );
}

function structure(der: Bytes, kind: "pkcs8" | "spki"): KeyAlgorithm {
  try {
    const top = readDer(der);
    if (top.tag !== TAG_SEQUENCE) throw malformed("not a DER SEQUENCE");
    const children = readChildren(top.content);
    if (kind === "pkcs8") {
      if (children[0]?.tag !== TAG_INTEGER || children[2]?.tag !== TAG_OCTET_STRING) {
        throw malformed("not a PKCS#8 PrivateKeyInfo");
      }
      return algorithmOf(children[1]);
    }
    if (children.length !== 2 || children[1].tag !== TAG_BIT_STRING) {
      throw malformed("not a SubjectPublicKeyInfo");
    }
    return algorithmOf(children[0]);
  } catch (error) {
    if (error instanceof DerError) throw malformed(`bad DER (${error.message})`);
    throw error;
  }
}

/** DER content of the OIDs id-ecPublicKey (1.2.840.10045.2.1) and prime256v1 (1.2.840.10045.3.1.7). */
const OID_EC_PUBLIC_KEY_DER = new Uint8Array([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01]);
const OID_P256_DER = new Uint8Array([0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]);
const TAG_EC_PARAMETERS = 0xa0; // [0] EXPLICIT in ECPrivateKey
const TAG_EC_PUBLIC_KEY = 0xa1; // [1] EXPLICIT in ECPrivateKey

/**
 * SEC1 `EC PRIVATE KEY` (RFC 5915 ECPrivateKey, what `openssl ecparam -genkey`
 * writes) → PKCS#8 PrivateKeyInfo, for P-256 keys: the curve moves from the
 * key's parameters to the AlgorithmIdentifier, as `openssl pkcs8 -topk8` does.
 */
function sec1ToPkcs8(der: Bytes): Bytes {
  const notSec1 = (what: string): VouchError =>
    malformed(`not a SEC1 EC private key (${what})`, `Convert it to PKCS#8: \`${TO_PKCS8}\`.`);
  let fields: DerElement[];
  try {
    const top = readDer(der);
    if (top.tag !== TAG_SEQUENCE) throw notSec1("not a SEQUENCE");
    fields = readChildren(top.content);
  } catch (error) {
    if (error instanceof DerError) throw notSec1(`bad DER: ${error.message}`);
    throw error;
  }
  const [version, privateKey, ...optional] = fields;
  if (version?.tag !== TAG_INTEGER || version.content.length !== 1 || version.content[0] !== 1) {
    throw notSec1("version is not 1");
  }
  if (privateKey?.tag !== TAG_OCTET_STRING) throw notSec1("no private key");
  const parameters = optional.find((f) => f.tag === TAG_EC_PARAMETERS);
  const publicKey = optional.find((f) => f.tag === TAG_EC_PUBLIC_KEY);
  let curve: string | undefined;
  try {
    const oid = parameters && readDer(parameters.content);
    curve = oid?.tag === TAG_OID ? oidToString(oid.content) : undefined;
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
  }
  if (curve === undefined) throw notSec1("no named curve");
  if (curve !== OID_P256) {
    throw new VouchError(
      "key.curve",
      `EC key on curve ${CURVE_NAMES[curve] ?? curve}; only P-256 is supported`,
      "Generate a P-256 key (`vouch keygen --algorithm ecdsa-p256`) or an Ed25519 key.",
    );
  }
  const ecPrivateKey = writeConstructed(TAG_SEQUENCE, [
    writeDer(TAG_INTEGER, version.content),
    writeDer(TAG_OCTET_STRING, privateKey.content),
    ...(publicKey ? [writeDer(TAG_EC_PUBLIC_KEY, publicKey.content)] : []),
  ]);
  return writeConstructed(TAG_SEQUENCE, [
    writeDer(TAG_INTEGER, new Uint8Array([0])),
    writeConstructed(TAG_SEQUENCE, [
      writeDer(TAG_OID, OID_EC_PUBLIC_KEY_DER),
      writeDer(TAG_OID, OID_P256_DER),
    ]),
    writeDer(TAG_OCTET_STRING, ecPrivateKey),
  ]);
}

function unsupportedLabel(label: string): VouchError {
  return new VouchError("key.unsupported", `unsupported PEM block ${label}`, SUPPORTED_HINT);
}

async function webcrypto<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch {
    throw malformed("WebCrypto rejected the key");
  }
}

function makeVerifier(key: CryptoKey, algorithm: KeyAlgorithm, keyid: string): Verifier {
  const params = WEBCRYPTO[algorithm].sign;
  return {
    keyid,
    algorithm,
    verify: async (data, signature) => {
      try {
        const sig = algorithm === "ecdsa-p256" ? ecdsaDerToRaw(signature) : signature;
        return await crypto.subtle.verify(params, key, sig as Bytes, data as Bytes);
      } catch {
        return false;
      }
    },
  };
}

function makeSigner(key: CryptoKey, algorithm: KeyAlgorithm, keyid: string): Signer {
  const params = WEBCRYPTO[algorithm].sign;
  return {
    keyid,
    algorithm,
    sign: async (data) => {
      const raw = new Uint8Array(await crypto.subtle.sign(params, key, data as Bytes));
      // Low-S: the one form of an ECDSA signature vouch writes (and verify requires).
      return algorithm === "ecdsa-p256" ? ecdsaRawToDer(ecdsaLowS(raw)) : raw;
    },
  };
}

/**
 * Imports an unencrypted PEM private key (Ed25519 or ECDSA P-256) and derives
 * its public key and key id: PKCS#8 (`PRIVATE KEY`), or SEC1 (`EC PRIVATE
 * KEY`, as `openssl ecparam -genkey` writes it, its `EC PARAMETERS` block
 * skipped). Literal `\n` sequences (a PEM kept on one line) read as line
 * breaks.
 *
 * Errors (VouchError): `key.malformed`, `key.encrypted`, `key.unsupported`,
 * `key.curve`, `key.not_private` (a public key was given).
 *
 * @param pem The PEM text (`-----BEGIN PRIVATE KEY-----`).
 * @returns The signer, public key PEM, key id and algorithm.
 */
export async function importPrivateKey(pem: string): Promise<ImportedPrivateKey> {
  const decoded = decodePem(pem);
  const { label } = decoded;
  if (label === "PUBLIC KEY" || label === "CERTIFICATE") {
    throw new VouchError(
      "key.not_private",
      `expected a private key but got a ${label} PEM`,
      "Pass the private key file (PREFIX.key), not the public key.",
    );
  }
  if (label !== "PRIVATE KEY" && label !== "EC PRIVATE KEY") throw unsupportedLabel(label);
  const der = label === "EC PRIVATE KEY" ? sec1ToPkcs8(decoded.der) : decoded.der;
  const algorithm = structure(der, "pkcs8");
  const params = WEBCRYPTO[algorithm];
  const { privateKey, spki } = await webcrypto(async () => {
    const privateKey = await crypto.subtle.importKey("pkcs8", der, params.key, true, ["sign"]);
    const { d: _d, key_ops: _ops, ...jwk } = await crypto.subtle.exportKey("jwk", privateKey);
    const publicKey = await crypto.subtle.importKey("jwk", jwk, params.key, true, ["verify"]);
    return { privateKey, spki: new Uint8Array(await crypto.subtle.exportKey("spki", publicKey)) };
  });
  const keyid = keyIdFromSpki(spki);
  return {
    signer: makeSigner(privateKey, algorithm, keyid),
    publicKeyPem: encodePem("PUBLIC KEY", spki),
    keyid,
    algorithm,
  };
}

/**
 * Imports an SPKI PEM public key (Ed25519 or ECDSA P-256) as a verifier whose
 * key id is base64(SHA-256(SPKI DER)).
 *
 * Errors (VouchError): `key.malformed`, `key.unsupported`, `key.curve`,
 * `key.not_public` (a private key was given), `key.encrypted`.
 *
 * @param pem The PEM text (`-----BEGIN PUBLIC KEY-----`).
 * @returns The verifier.
 */
export async function importPublicKey(pem: string): Promise<Verifier> {
  const { label, der } = decodePem(pem);
  if (label.endsWith("PRIVATE KEY")) {
    throw new VouchError(
      "key.not_public",
      `expected a public key but got a ${label} PEM`,
      "Pass the public key file (PREFIX.pub); never share the private key.",
    );
  }
  if (label !== "PUBLIC KEY") throw unsupportedLabel(label);
  const algorithm = structure(der, "spki");
  const key = await webcrypto(() =>
    crypto.subtle.importKey("spki", der, WEBCRYPTO[algorithm].key, false, ["verify"])
  );
  return makeVerifier(key, algorithm, keyIdFromSpki(der));
}

/** An ECDSA P-256 key made in memory for one keyless signing run. */
export interface EphemeralKey {
  /** Signs with the private half (DER, low-S); its key id is the cosign key id of the public half. */
  signer: Signer;
  /** The public half, SPKI DER. */
  spki: Uint8Array;
}

/**
 * Makes an ECDSA P-256 key in memory whose private half cannot be exported
 * (WebCrypto `extractable: false`): it never reaches a file, a log or another
 * process, and is gone with the returned signer.
 *
 * @returns The signer and the public key.
 */
export async function ephemeralKey(): Promise<EphemeralKey> {
  const pair = await crypto.subtle.generateKey(WEBCRYPTO["ecdsa-p256"].key, false, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  return { signer: makeSigner(pair.privateKey, "ecdsa-p256", keyIdFromSpki(spki)), spki };
}

/**
 * Generates a new key pair.
 *
 * @example
 * ```ts
 * import { generateKeyPair } from "./keys.ts";
 * const pair = await generateKeyPair("ed25519");
 * pair.publicKeyPem.startsWith("-----BEGIN PUBLIC KEY-----"); // true
 * ```
 *
 * @param algorithm `ed25519` or `ecdsa-p256`.
 * @returns PKCS#8 and SPKI PEMs and the key id.
 */
export async function generateKeyPair(algorithm: KeyAlgorithm): Promise<GeneratedKeyPair> {
  if (!Object.hasOwn(WEBCRYPTO, algorithm)) {
    throw new VouchError(
      "key.unsupported",
      `unsupported key algorithm ${algorithm}`,
      SUPPORTED_HINT,
    );
  }
  const params = WEBCRYPTO[algorithm];
  const pair = await crypto.subtle.generateKey(params.key, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", pair.publicKey));
  return {
    privateKeyPem: encodePem("PRIVATE KEY", pkcs8),
    publicKeyPem: encodePem("PUBLIC KEY", spki),
    keyid: keyIdFromSpki(spki),
  };
}
