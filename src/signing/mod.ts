/**
 * Signing: DSSE envelopes, HMAC and Ed25519 / ECDSA P-256 keys, key-pair
 * files, and Sigstore bundles (key-based, and vouch's keyless form).
 *
 * @module
 */
export * from "./dsse.ts";
export { isCanonicalBase64 } from "./_base64.ts";
export * from "./ecdsa_der.ts";
export * from "./hmac.ts";
export * from "./keys.ts";
export * from "./keygen.ts";
export * from "./keyless_bundle.ts";
export * from "./sigstore_bundle.ts";
