// Private: strict standard base64 (RFC 4648 §4, with padding) for DSSE and PEM.

/** A character outside the standard alphabet (a simple class: no backtracking on any length). */
const NOT_ALPHABET = /[^A-Za-z0-9+/]/;

/** The base64 characters `atob` decodes at a time (a multiple of 4): no string of the whole. */
const DECODE_CHUNK = 1 << 22;

/**
 * Encodes bytes as standard padded base64.
 *
 * @param bytes The bytes.
 * @returns The base64 text.
 */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * Decodes standard padded base64; anything else (URL-safe alphabet, missing
 * padding, stray characters) gives `undefined`.
 *
 * @param text The base64 text.
 * @returns The bytes, or `undefined` when the text is not standard base64.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  // Checked by hand: a pattern of repeated groups overflowed the regexp stack on the payload of
  // a 150 MB SBOM's bundle ("Maximum call stack size exceeded").
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  if (NOT_ALPHABET.test(text.slice(0, text.length - padding))) return undefined;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let at = 0;
  for (let i = 0; i < text.length; i += DECODE_CHUNK) {
    const binary = atob(text.slice(i, i + DECODE_CHUNK));
    for (let j = 0; j < binary.length; j++) bytes[at++] = binary.charCodeAt(j);
  }
  return bytes;
}
