/**
 * Signed checkpoints: C2SP signed-note (a text, a blank line, signature lines
 * `— <name> base64(key id[4] || signature)`) carrying a C2SP tlog-checkpoint
 * body (origin, tree size, root hash, extension lines).
 *
 * A log's signature line is the one whose key name is the log's name (its
 * base URL without scheme) and whose key id is the log key's note key id:
 *
 * - Ed25519 (type 0x01): SHA-256(name || 0x0A || 0x01 || 32-byte key)[:4];
 * - ECDSA (Rekor's type 0x02, as transparency-dev/formats defines it):
 *   SHA-256(SubjectPublicKeyInfo DER)[:4], the name not hashed;
 * - RSA (0xff "PKIX-RSA-PKCS#1v1.5", rekor-tiles): SHA-256(name || 0x0A ||
 *   0xff || "PKIX-RSA-PKCS#1v1.5" || SPKI DER)[:4].
 *
 * Lines from other keys (witness cosignatures, unknown keys) are ignored; a
 * line from the log's key that does not verify rejects the note.
 *
 * @module
 */
import { equal, hash, toHex } from "../_bytes.ts";
import { type PublicKey, type SignatureScheme, verifySignature } from "../_crypto.ts";

/** One signature line of a signed note. */
export interface NoteSignature {
  /** The key name. */
  name: string;
  /** The 4-byte key id. */
  keyId: Uint8Array;
  /** The signature bytes. */
  signature: Uint8Array;
}

/** A signed note, split. */
export interface SignedNote {
  /** The signed text (ends in a newline). */
  text: string;
  /** The signature lines, in order. */
  signatures: NoteSignature[];
}

/** A checkpoint body. */
export interface Checkpoint {
  /** The log's origin line. */
  origin: string;
  /** The tree size. */
  size: bigint;
  /** The root hash. */
  rootHash: Uint8Array;
  /** Extension lines (e.g. Rekor v1's `Timestamp: …`). */
  extensions: string[];
}

const MAX_SIGNATURES = 100;
const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decodeStdBase64(text: string): Uint8Array | undefined {
  if (!STD_BASE64.test(text)) return undefined;
  return Uint8Array.fromBase64(text);
}

/**
 * Tells whether a key name is valid: non-empty, no Unicode space, no `+`.
 *
 * @param name The name.
 * @returns `true` when valid.
 */
export function isValidKeyName(name: string): boolean {
  return name !== "" && !/[\s+]/u.test(name);
}

/**
 * Splits a signed note (C2SP signed-note). Throws `Error` with the reason
 * for anything that is not a well-formed note.
 *
 * @param note The whole note text.
 * @returns The text and its signatures.
 */
export function parseSignedNote(note: string): SignedNote {
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new Error("control characters in the note");
  const split = note.lastIndexOf("\n\n");
  if (split < 0) throw new Error("no blank line before the signatures");
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (!block.endsWith("\n")) throw new Error("the signature block does not end in a newline");
  const lines = block.slice(0, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) throw new Error(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m || !isValidKeyName(m[1])) {
      throw new Error(`malformed signature line ${JSON.stringify(line.slice(0, 80))}`);
    }
    const bytes = decodeStdBase64(m[2]);
    if (bytes === undefined || bytes.length < 5) {
      throw new Error(`signature of ${m[1]} is not base64 of a key id and a signature`);
    }
    return { name: m[1], keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
  });
  return { text, signatures };
}

/**
 * Parses a checkpoint body (C2SP tlog-checkpoint). Throws `Error` with the reason.
 *
 * @param text The note text (ends in a newline).
 * @returns The checkpoint.
 */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith("\n")) throw new Error("the checkpoint does not end in a newline");
  const lines = text.slice(0, -1).split("\n");
  if (lines.length < 3) throw new Error("a checkpoint has an origin, a size and a root hash line");
  const [origin, size, root, ...extensions] = lines;
  if (origin === "") throw new Error("empty origin line");
  if (!/^(?:0|[1-9]\d{0,19})$/.test(size) || BigInt(size) >= 1n << 64n) {
    throw new Error(
      `the size line ${JSON.stringify(size.slice(0, 40))} is not a decimal tree size`,
    );
  }
  const rootHash = decodeStdBase64(root);
  if (rootHash === undefined || rootHash.length !== 32) {
    throw new Error("the root hash line is not base64 of a SHA-256 hash");
  }
  if (extensions.some((line) => line === "")) throw new Error("empty extension line");
  return { origin, size: BigInt(size), rootHash, extensions };
}

const RSA_ID = new TextEncoder().encode("PKIX-RSA-PKCS#1v1.5");

/**
 * The note key id of a log key under a name (see the module documentation).
 *
 * @param name The key name.
 * @param key The key.
 * @returns The 4-byte key id.
 */
export async function noteKeyId(name: string, key: PublicKey): Promise<Uint8Array> {
  const prefix = new TextEncoder().encode(`${name}\n`);
  switch (key.type) {
    case "ed25519":
      return (await hash("sha256", prefix, new Uint8Array([0x01]), key.keyBits)).subarray(0, 4);
    case "rsa":
      return (await hash("sha256", prefix, new Uint8Array([0xff]), RSA_ID, key.spki)).subarray(
        0,
        4,
      );
    default:
      return (await hash("sha256", key.spki)).subarray(0, 4);
  }
}

/**
 * The name a log signs its checkpoints under: its base URL without the
 * scheme and trailing slashes (`https://rekor.sigstore.dev` → `rekor.sigstore.dev`).
 *
 * @param baseUrl The log's base URL.
 * @returns The key name.
 */
export function logKeyName(baseUrl: string): string {
  return baseUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/\/+$/, "");
}

/** A log, as the checkpoint check needs it. */
export interface CheckpointLog {
  /** The log's key name. */
  name: string;
  /** The log key. */
  key: PublicKey;
  /** Another accepted key id (the trusted root's checkpointKeyId), if any. */
  checkpointKeyId?: Uint8Array;
}

/**
 * Verifies a signed checkpoint against a log: a signature line from the log's
 * key must exist and verify (over the note text), every line from that key
 * must verify, and the origin must name the log (`<name>` or Rekor v1's
 * `<name> - <tree id>`).
 *
 * @param note The signed note text.
 * @param log The log.
 * @returns The checkpoint, or the reason it is not acceptable.
 */
export async function verifyCheckpoint(
  note: string,
  log: CheckpointLog,
): Promise<{ checkpoint: Checkpoint } | { problem: string }> {
  let signed: SignedNote;
  let checkpoint: Checkpoint;
  try {
    signed = parseSignedNote(note);
    checkpoint = parseCheckpoint(signed.text);
  } catch (error) {
    return { problem: `malformed checkpoint: ${(error as Error).message}` };
  }
  const ids = [await noteKeyId(log.name, log.key)];
  if (log.checkpointKeyId !== undefined) ids.push(log.checkpointKeyId.subarray(0, 4));
  const mine = signed.signatures.filter((s) =>
    s.name === log.name && ids.some((id) => equal(id, s.keyId))
  );
  if (mine.length === 0) {
    return {
      problem: `the checkpoint has no signature by ${log.name} with key id ${toHex(ids[0])}`,
    };
  }
  // Rekor's ECDSA note signatures are over SHA-256 whatever the curve.
  const scheme: SignatureScheme | undefined = log.key.type.startsWith("ecdsa-")
    ? { kind: "ecdsa", hash: "sha256" }
    : undefined;
  const message = new TextEncoder().encode(signed.text);
  for (const s of mine) {
    if (!await verifySignature(log.key, message, { signature: s.signature, scheme })) {
      return { problem: `the checkpoint signature by ${log.name} does not verify` };
    }
  }
  const { origin } = checkpoint;
  if (origin !== log.name && !origin.startsWith(`${log.name} - `)) {
    return {
      problem: `the checkpoint origin ${
        JSON.stringify(origin.slice(0, 80))
      } is not the log ${log.name}`,
    };
  }
  return { checkpoint };
}
