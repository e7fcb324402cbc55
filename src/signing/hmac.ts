/**
 * HMAC-SHA256 signers and verifiers for DSSE, keyed by a shared secret (the
 * UTF-8 bytes of the given string). Verification compares in constant time.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import type { Signer, Verifier } from "./dsse.ts";

const HMAC = { name: "HMAC", hash: "SHA-256" } as const;

function importSecret(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), HMAC, false, ["sign"]);
}

async function mac(key: CryptoKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign(HMAC, key, data as Uint8Array<ArrayBuffer>));
}

/**
 * Compares two byte strings in time that depends only on their lengths.
 *
 * @param a First bytes.
 * @param b Second bytes.
 * @returns `true` when equal.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

/** A PEM public key or certificate: text anyone may hold. */
const PUBLIC_PEM = /-----BEGIN [A-Z0-9 ]*(PUBLIC KEY|CERTIFICATE)-----/;

/**
 * Refuses an HMAC secret that anyone can know, so no one can sign with it: an
 * empty one, a PEM public key or certificate (say `--hmac-key-file key.pub`),
 * or the key id of a public key given beside it.
 *
 * @example
 * ```ts
 * import { checkHmacSecret } from "./hmac.ts";
 * checkHmacSecret("s3cret"); // fine
 * ```
 *
 * @param secret The HMAC secret.
 * @param options `publicKeyIds`: the key ids of the public keys given with it.
 * @throws {VouchError} `secret.empty` for an empty secret; `key.hmac_public` for public material.
 */
export function checkHmacSecret(secret: string, options: { publicKeyIds?: string[] } = {}): void {
  if (secret.trim() === "") {
    throw new VouchError(
      "secret.empty",
      "the HMAC key is empty",
      "pass the HMAC secret the evidence was signed with",
    );
  }
  if (PUBLIC_PEM.test(secret) || (options.publicKeyIds ?? []).includes(secret.trim())) {
    throw new VouchError(
      "key.hmac_public",
      "the HMAC key is public key material (a PEM public key or certificate, or a public key's " +
        "key id): anyone could sign with it",
      "pass the HMAC secret itself; a public key goes to --public-key",
    );
  }
}

/**
 * An HMAC-SHA256 signer.
 *
 * @example
 * ```ts
 * import { hmacSigner } from "./hmac.ts";
 * const signer = await hmacSigner("s3cret", { keyid: "ci" });
 * (await signer.sign(new Uint8Array([1]))).length; // 32
 * ```
 *
 * @param secret The shared secret; its UTF-8 bytes are the key.
 * @param options `keyid`: the key id written into signatures.
 * @returns The signer.
 */
export async function hmacSigner(secret: string, options: { keyid: string }): Promise<Signer> {
  const key = await importSecret(secret);
  return { keyid: options.keyid, algorithm: "hmac-sha256", sign: (data) => mac(key, data) };
}

/**
 * An HMAC-SHA256 verifier; compares the expected MAC in constant time.
 *
 * @param secret The shared secret; its UTF-8 bytes are the key.
 * @param options `keyid`: the key id this verifier answers to.
 * @returns The verifier.
 */
export async function hmacVerifier(secret: string, options: { keyid: string }): Promise<Verifier> {
  const key = await importSecret(secret);
  return {
    keyid: options.keyid,
    algorithm: "hmac-sha256",
    verify: async (data, signature) => constantTimeEqual(await mac(key, data), signature),
  };
}
