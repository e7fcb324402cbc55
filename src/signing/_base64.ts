// Private: strict standard base64 (RFC 4648 §4, with padding) for DSSE and PEM.

/** A character outside the standard alphabet (a simple class: no backtracking on any length). */
const NOT_ALPHABET = /[^A-Za-z0-9+/]/;

/**
 * Encodes bytes as standard padded base64.
 *
 * @param bytes The bytes.
 * @returns The base64 text.
 */
export function encodeBase64(bytes: Uint8Array): string {
  return bytes.toBase64();
}

/**
 * Whether a text is standard padded base64 (RFC 4648 §4), without decoding it.
 *
 * @param text The text.
 * @returns `true` for standard padded base64.
 */
export function isStandardBase64(text: string): boolean {
  // Not a pattern of repeated groups: V8's backtracking stack overflowed on one past about 4.8
  // million characters (the payload of a 3.6 MB SBOM's bundle).
  return text.length % 4 === 0 && !NOT_ALPHABET.test(text.slice(0, text.length - padding(text)));
}

/** How many `=` end a text: 2, 1 or 0. */
function padding(text: string): number {
  return text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
}

/** The standard alphabet, in the order of the values its characters encode. */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Whether a text is the one standard padded base64 text of its bytes: standard, with the unused
 * bits of its last character zero (the text `encodeBase64` gives back), without decoding it.
 *
 * @param text The text.
 * @returns `true` for the canonical base64 text of some bytes.
 */
export function isCanonicalBase64(text: string): boolean {
  if (!isStandardBase64(text)) return false;
  const pad = padding(text);
  if (pad === 0) return true;
  const last = ALPHABET.indexOf(text[text.length - pad - 1]);
  return last >= 0 && last % (pad === 2 ? 16 : 4) === 0;
}

/**
 * Decodes standard padded base64; anything else (URL-safe alphabet, missing
 * padding, stray characters) gives `undefined`.
 *
 * @param text The base64 text.
 * @returns The bytes, or `undefined` when the text is not standard base64.
 */
export function decodeBase64(text: string): Uint8Array | undefined {
  return isStandardBase64(text) ? Uint8Array.fromBase64(text) : undefined;
}
