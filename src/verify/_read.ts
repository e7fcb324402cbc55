// Private: bounded reads and defensive JSON parsing of untrusted bundle files.
import { MAX_EVIDENCE_FILE_BYTES } from "../bundle/bundle_index.ts";
import { jsonShape, jsonTextChunks, MAX_JSON_OBJECT_MEMBERS } from "../_util.ts";
import { fail, type VerifyCheck } from "./_check.ts";

/** The largest evidence file `verify()` reads: 256 MiB, the most `attest()` writes. */
export const MAX_FILE_BYTES: number = MAX_EVIDENCE_FILE_BYTES;

/** The deepest JSON nesting accepted; vouch's documents nest fewer than 10 levels. */
export const MAX_JSON_DEPTH = 64;

/** The bytes of a file, or the failed check saying why they could not be had. */
export type ReadResult = { bytes: Uint8Array; check?: undefined } | { check: VerifyCheck };

/**
 * A parsed JSON value (with, when asked, whether its text is the canonical
 * one), or the failed check saying why it did not parse.
 */
export type ParseResult =
  | { value: unknown; canonical?: boolean; check?: undefined }
  | { check: VerifyCheck };

/**
 * Reads a regular file of at most `limit` bytes; a larger file is refused
 * from its size, without reading it.
 *
 * @param path The path to open (symlinks are followed: check containment first).
 * @param file The name to report.
 * @param limit The largest size read (default {@linkcode MAX_FILE_BYTES}).
 * @returns The bytes, or a `file.too_large` / `file.not_regular` / `file.unreadable` check.
 */
export async function readCapped(
  path: string,
  file: string,
  limit: number = MAX_FILE_BYTES,
): Promise<ReadResult> {
  let handle: Deno.FsFile;
  try {
    // Opening a FIFO (or a device) for reading can block forever: look before opening.
    if (!(await Deno.stat(path)).isFile) {
      return { check: fail("file.not_regular", "not a regular file", file) };
    }
    handle = await Deno.open(path, { read: true });
  } catch (error) {
    return { check: fail("file.unreadable", `cannot open: ${(error as Error).name}`, file) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile) return { check: fail("file.not_regular", "not a regular file", file) };
    if (info.size > limit) {
      return {
        check: fail(
          "file.too_large",
          `${info.size} bytes is over the ${limit}-byte limit; not read`,
          file,
        ),
      };
    }
    const bytes = new Uint8Array(info.size);
    let done = 0;
    while (done < bytes.length) {
      const n = await handle.read(bytes.subarray(done));
      if (n === null) break;
      done += n;
    }
    return { bytes: bytes.subarray(0, done) };
  } catch (error) {
    return { check: fail("file.unreadable", `cannot read: ${(error as Error).name}`, file) };
  } finally {
    handle.close();
  }
}

/**
 * The most objects and arrays one evidence file may hold: 8 million. A
 * 256 MiB SBOM that vouch writes holds well under 4 million; a hostile
 * `[{},{},…]` of that size would hold 85 million, and parsing it would take
 * gigabytes of memory.
 */
export const MAX_JSON_CONTAINERS = 8_000_000;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Parses UTF-8 JSON bytes without ever throwing.
 *
 * @param bytes The file contents.
 * @param file The name to report.
 * @param options `canonical`: also tell whether the text is exactly what vouch
 *   writes for the value (`toJsonText`): no duplicate key, escape, number form
 *   or spacing that another reader could read differently.
 * @returns The value, or a `file.invalid_json` / `file.too_deep` / `file.too_complex` check.
 */
export function parseJson(
  bytes: Uint8Array,
  file: string,
  options: { canonical?: boolean } = {},
): ParseResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { check: fail("file.invalid_json", "not valid UTF-8", file) };
  }
  const shape = jsonShape(text);
  if (shape.depth > MAX_JSON_DEPTH) {
    return {
      check: fail("file.too_deep", `JSON nested deeper than ${MAX_JSON_DEPTH} levels`, file),
    };
  }
  if (shape.containers > MAX_JSON_CONTAINERS) {
    return {
      check: fail(
        "file.too_complex",
        `${shape.containers} JSON objects and arrays, over the ${MAX_JSON_CONTAINERS} limit; not parsed`,
        file,
      ),
    };
  }
  if (shape.members > MAX_JSON_OBJECT_MEMBERS) {
    return {
      check: fail(
        "file.too_complex",
        `an object of ${shape.members} members, over the ${MAX_JSON_OBJECT_MEMBERS} limit; not parsed`,
        file,
      ),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0].slice(0, 100);
    return { check: fail("file.invalid_json", `not JSON: ${reason}`, file) };
  }
  return options.canonical ? { value, canonical: isCanonicalText(value, text) } : { value };
}

/**
 * Whether a text is the canonical one of its value (the text `toJsonText` writes), compared chunk
 * by chunk ({@linkcode jsonTextChunks}) and given up at the first difference: the canonical
 * text of a large file is never held whole beside the file's text and its parsed value (for a
 * hostile 64 MiB `[0,0,…]`, it was a further 160 MB string).
 *
 * @example
 * ```ts
 * import { isCanonicalText } from "./_read.ts";
 * isCanonicalText({ a: 1 }, '{\n  "a": 1\n}\n'); // true
 * isCanonicalText({ a: 1 }, '{"a":1}'); // false
 * ```
 *
 * @param value A parsed JSON value.
 * @param text The text it was parsed from.
 * @returns `true` when the text is exactly what vouch writes for the value.
 */
export function isCanonicalText(value: unknown, text: string): boolean {
  let at = 0;
  try {
    for (const chunk of jsonTextChunks(value)) {
      if (!text.startsWith(chunk, at)) return false;
      at += chunk.length;
    }
  } catch (error) {
    // One entry's text can be longer than the longest string (a `RangeError`: a hostile file of a
    // few MB, a wide array nested 60 levels deep, is indented 120 spaces an entry): no text read
    // is it.
    if (error instanceof RangeError) return false;
    throw error;
  }
  return at === text.length;
}
