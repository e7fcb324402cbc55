// Private: byte helpers of the Sigstore verifier (concatenation, comparison,
// hex, UTF-8, hashing and the protobuf-JSON base64 of `bytes` fields). Web
// APIs only: loading node:crypto would cost a CLI run more than verifying.

/** A hash function the verifier computes. */
export type HashName = "sha1" | "sha256" | "sha384" | "sha512";

/**
 * Concatenates byte arrays.
 *
 * @param parts The arrays, in order.
 * @returns One new array.
 */
export function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Compares two byte arrays (public data: not constant-time).
 *
 * @param a One array.
 * @param b The other.
 * @returns `true` when they hold the same bytes.
 */
export function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Lowercase hex of some bytes.
 *
 * @param bytes The bytes.
 * @returns The hex text.
 */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += b.toString(16).padStart(2, "0");
  return out;
}

/**
 * Decodes hex (either case); anything else gives `undefined`.
 *
 * @param text The hex text.
 * @returns The bytes, or `undefined`.
 */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const WEB_HASH: Record<HashName, string> = {
  sha1: "SHA-1",
  sha256: "SHA-256",
  sha384: "SHA-384",
  sha512: "SHA-512",
};

/**
 * Hashes some bytes (WebCrypto).
 *
 * @param name The hash function.
 * @param parts The bytes, hashed in order as one message.
 * @returns The digest.
 */
export async function hash(
  name: HashName,
  ...parts: Uint8Array[]
): Promise<Uint8Array<ArrayBuffer>> {
  const data = parts.length === 1 ? parts[0] : concat(...parts);
  return new Uint8Array(
    await crypto.subtle.digest(WEB_HASH[name], data as Uint8Array<ArrayBuffer>),
  );
}

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes strict UTF-8.
 *
 * @param bytes The bytes.
 * @returns The text, or `undefined` when the bytes are not UTF-8.
 */
export function utf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

const PROTO_BASE64 = /^(?:[A-Za-z0-9+/]*|[A-Za-z0-9\-_]*)={0,2}$/;

/**
 * Decodes a protobuf-JSON `bytes` value: standard or URL-safe base64, with or
 * without padding (as the protobuf JSON mapping accepts); line breaks are
 * ignored, as Go's and Python's decoders do (`base64` wraps its output).
 * Anything else, a mixed alphabet, misplaced padding or an impossible length,
 * gives `undefined`.
 *
 * @param encoded The base64 text.
 * @returns The bytes, or `undefined`.
 */
export function decodeProtoBytes(encoded: string): Uint8Array<ArrayBuffer> | undefined {
  const text = encoded.includes("\n") ? encoded.replace(/\r?\n/g, "") : encoded;
  if (!PROTO_BASE64.test(text)) return undefined;
  const body = text.replace(/=+$/, "");
  const padding = text.length - body.length;
  if (body.length % 4 === 1 || (padding > 0 && (body.length + padding) % 4 !== 0)) {
    return undefined;
  }
  const alphabet = /[-_]/.test(body) ? "base64url" : "base64";
  return Uint8Array.fromBase64(body, { alphabet, lastChunkHandling: "loose" });
}

/**
 * Decodes the single PEM block of a text (as logged in Rekor entries).
 *
 * @param text The PEM text.
 * @returns The block's label and DER bytes, or `undefined` when the text is
 *   not exactly one well-formed PEM block.
 */
export function decodePem(text: string): { label: string; der: Uint8Array } | undefined {
  const m = /^\s*-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\s]+?)-----END \1-----\s*$/.exec(
    text,
  );
  if (!m) return undefined;
  const der = decodeProtoBytes(m[2].replace(/\s+/g, ""));
  return der === undefined || der.length === 0 ? undefined : { label: m[1], der };
}
