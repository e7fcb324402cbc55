// Private: how the inventory touches files. Every manifest and lockfile is
// opened without blocking, checked to be a regular file, read up to a fixed
// limit and decoded as strict UTF-8 (an XML file in the encoding it
// declares); the project root is checked before any scan. Imports no npm package (a test runs it as an unprivileged user).
import { join } from "../_path.ts";
import { VouchError } from "../errors.ts";
import { describeFsProblem, type FsProblem, fsProblem, readRegularFileSync } from "../_fs.ts";

/** The largest manifest or lockfile vouch reads: 256 MiB. */
export const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

/**
 * Builds `inventory.unreadable` for a file or folder the user may not read.
 *
 * @param path The path as shown to the user.
 * @param problem Why (default: permission denied).
 * @returns The error.
 */
export function unreadable(path: string, problem: FsProblem = "denied"): VouchError {
  return new VouchError(
    "inventory.unreadable",
    `${path} cannot be read: ${describeFsProblem(problem)}`,
    "make the project's manifests and lockfiles readable",
  );
}

/**
 * Builds `inventory.not_a_file` for a path that is no regular file.
 *
 * @param path The path as shown to the user.
 * @param what What it is instead (`a folder`, `a FIFO (named pipe)`).
 * @returns The error.
 */
export function notAFile(path: string, what: string): VouchError {
  return new VouchError(
    "inventory.not_a_file",
    `${path} is ${what}, not a regular file: vouch reads manifests and lockfiles only from regular files`,
    `replace ${path} with the file itself (a FIFO, device or socket is never read)`,
  );
}

function tooLarge(path: string): VouchError {
  return new VouchError(
    "inventory.file_too_large",
    `${path} is larger than ${
      MAX_MANIFEST_BYTES / 1024 / 1024
    } MiB, the limit for a manifest or lockfile`,
    `check that ${path} is the project's real lockfile; exclude its folder with --exclude if it is not`,
  );
}

function kindOf(path: string): string | undefined {
  const info = statOrUndefined(path);
  if (info === undefined || info.isDirectory) return undefined;
  if (info.isFifo) return "a FIFO (named pipe)";
  if (info.isSocket) return "a socket";
  return "a device or other special file";
}

/**
 * What is at a path (links followed), or `undefined` when nothing can be seen there.
 *
 * @param path The path on disk.
 * @returns Its file info, or `undefined`.
 */
export function statOrUndefined(path: string): Deno.FileInfo | undefined {
  try {
    return Deno.statSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Reads a manifest or lockfile: opened non-blocking (a FIFO never hangs the
 * run), refused unless it is a regular file, and read whole up to
 * {@linkcode MAX_MANIFEST_BYTES} (also when it grows while being read).
 *
 * @param path The file's path on disk.
 * @param shown The path to name in messages (relative to the project root).
 * @returns The bytes, or `undefined` when there is no such file (or it is a folder).
 * @throws {VouchError} `inventory.not_a_file`, `inventory.file_too_large`, `inventory.unreadable`.
 */
export function readRegularFile(path: string, shown: string): Uint8Array | undefined {
  try {
    return readRegularFileSync(path, { maxBytes: MAX_MANIFEST_BYTES });
  } catch (error) {
    const problem = fsProblem(error);
    switch (problem) {
      case "missing":
      case "not_directory":
        return undefined;
      case "too_large":
        throw tooLarge(shown);
      case "denied":
      case "not_allowed":
        throw unreadable(shown, problem);
      case "loop":
        throw notAFile(shown, "a symbolic link loop");
      case "not_regular": {
        const kind = kindOf(path);
        if (kind === undefined) return undefined;
        throw notAFile(shown, kind);
      }
    }
    throw error;
  }
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });
const REPLACING_UTF8 = new TextDecoder("utf-8");

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const length = b < 0x80
      ? 1
      : b >= 0xc2 && b <= 0xdf
      ? 2
      : b >= 0xe0 && b <= 0xef
      ? 3
      : b >= 0xf0 && b <= 0xf4
      ? 4
      : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const low = k === 1 && b === 0xe0 ? 0xa0 : k === 1 && b === 0xf0 ? 0x90 : 0x80;
      const high = k === 1 && b === 0xed ? 0x9f : k === 1 && b === 0xf4 ? 0x8f : 0xbf;
      if (c === undefined || c < low || c > high) return i;
    }
    i += length;
  }
  return bytes.length;
}

/**
 * Decodes a file as strict UTF-8 (a leading byte-order mark is dropped):
 * invalid bytes are an input error naming the line, never U+FFFD.
 *
 * @example
 * ```ts
 * import { decodeUtf8 } from "./_files.ts";
 * decodeUtf8(new TextEncoder().encode("café"), "requirements.txt", "inventory.requirements.invalid");
 * // "café"
 * ```
 *
 * @param bytes The file's bytes.
 * @param path The file's path, for the message.
 * @param code The error code (`inventory.<reader>.invalid`).
 * @returns The text.
 * @throws {VouchError} `code` with `path:line` when the bytes are not UTF-8.
 */
export function decodeUtf8(bytes: Uint8Array, path: string, code: string): string {
  // The replacing decoder is several times faster than the fatal one; it writes U+FFFD for
  // each invalid sequence, so a text without U+FFFD is what the fatal decoder gives.
  const text = REPLACING_UTF8.decode(bytes);
  if (!text.includes("\uFFFD")) return text;
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
    const byte = bytes[offset]?.toString(16).padStart(2, "0") ?? "end of file";
    throw new VouchError(
      code,
      `${path}:${line}: the file is not valid UTF-8 (byte 0x${byte} at offset ${offset})`,
      `save ${path} as UTF-8 (or regenerate it with its tool)`,
    );
  }
}

/** The UTF-16 byte-order mark a file starts with, as its bytes (`0xff 0xfe`: little-endian). */
function utf16ByteOrderMark(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "0xff 0xfe";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "0xfe 0xff";
  return undefined;
}

/** The encoding an XML document declares (`<?xml … encoding="…"?>`) or its UTF-16 byte-order mark gives. */
function xmlEncoding(bytes: Uint8Array): string | undefined {
  const mark = utf16ByteOrderMark(bytes);
  if (mark !== undefined) return mark === "0xff 0xfe" ? "utf-16le" : "utf-16be";
  // `<?xml` (ASCII), then the declaration up to `?>`: short, ASCII by definition.
  if (bytes[0] !== 0x3c || bytes[1] !== 0x3f || bytes[2] !== 0x78) return undefined;
  const head = String.fromCharCode(...bytes.subarray(0, Math.min(bytes.length, 256)));
  const declaration = /^<\?xml\s[^?]*\?>/.exec(head)?.[0] ?? "";
  const encoding = /\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(declaration)?.[2];
  return encoding !== undefined && !/^utf-?8$/i.test(encoding) ? encoding : undefined;
}

/** How {@linkcode decodeText} decodes a file. */
export interface DecodeOptions {
  /** The error code (`inventory.<reader>.invalid`). */
  code: string;
  /**
   * The file's tool decodes a file that starts with a UTF-16 byte-order mark
   * as UTF-16 (XML parsers, pip's requirements files, NuGet's lock). Without
   * it such a file is refused: its tool reads UTF-8 only, and the mark is no
   * UTF-8 (`FF FE` before UTF-8 text would decode to other characters).
   */
  utf16?: boolean;
}

/**
 * Decodes a manifest or lockfile. An XML document that declares another
 * encoding than UTF-8 (`<?xml version="1.0" encoding="ISO-8859-1"?>`, common
 * in old POMs) is decoded in that encoding (WHATWG labels: `ISO-8859-1`
 * decodes as windows-1252, its superset); a file that starts with a UTF-16
 * byte-order mark is UTF-16 where its tool reads it so
 * ({@linkcode DecodeOptions.utf16}), else refused; everything else is strict
 * UTF-8 ({@linkcode decodeUtf8}).
 *
 * @example
 * ```ts
 * import { decodeText } from "./_files.ts";
 * const latin1 = new Uint8Array([...new TextEncoder().encode('<?xml version="1.0" encoding="ISO-8859-1"?><a>'), 0xe9, ...new TextEncoder().encode("</a>")]);
 * decodeText(latin1, "pom.xml", { code: "inventory.maven_pom.invalid" }).endsWith("<a>é</a>"); // true
 * ```
 *
 * @param bytes The file's bytes.
 * @param path The file's path, for messages.
 * @param options The error code, and whether a UTF-16 byte-order mark is honoured.
 * @returns The text.
 * @throws {VouchError} `code` for bytes that are not valid in the encoding,
 *   a declared encoding that vouch cannot decode, or a UTF-16 byte-order mark
 *   where the file's tool reads UTF-8 only.
 */
export function decodeText(bytes: Uint8Array, path: string, options: DecodeOptions): string {
  const { code } = options;
  const utf16Mark = utf16ByteOrderMark(bytes);
  if (utf16Mark !== undefined && !options.utf16) {
    throw new VouchError(
      code,
      `${path}:1: the file starts with a UTF-16 byte-order mark (${utf16Mark}); its tool reads it as UTF-8 only`,
      `save ${path} as UTF-8 (or regenerate it with its tool)`,
    );
  }
  const encoding = xmlEncoding(bytes);
  if (encoding === undefined) return decodeUtf8(bytes, path, code);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new VouchError(
      code,
      `${path}:1: the declared encoding ${JSON.stringify(encoding)} is not one vouch can decode`,
      `save ${path} as UTF-8 (and declare encoding="UTF-8")`,
    );
  }
  try {
    return decoder.decode(bytes);
  } catch {
    const line = lineOfFirstError(bytes, encoding);
    throw new VouchError(
      code,
      `${path}:${line}: the file is not valid ${encoding}, the encoding it declares`,
      `save ${path} in the encoding it declares, or as UTF-8`,
    );
  }
}

/**
 * The line of the first bytes that are not valid in `encoding` (the error
 * path only): the shortest prefix a streaming decoder refuses, by bisection
 * (a streaming decoder keeps an incomplete sequence at the end for later, so
 * a prefix is refused exactly when it holds an error), then its lines.
 */
function lineOfFirstError(bytes: Uint8Array, encoding: string): number {
  const refused = (end: number): boolean => {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
      return false;
    } catch {
      return true;
    }
  };
  let [low, high] = [0, bytes.length]; // the whole text is refused (perhaps only at its end)
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (refused(middle)) high = middle;
    else low = middle + 1;
  }
  const before = new TextDecoder(encoding).decode(bytes.subarray(0, Math.max(0, high - 1)));
  return before.split("\n").length;
}

/**
 * Checks that the project root is a directory vouch can list and enter.
 *
 * @param root The project root.
 * @throws {VouchError} `project_root.missing` when it is absent or not a
 *   directory; `project_root.unreadable` when it cannot be read or entered
 *   (permission denied, or a system path such as `/proc`).
 */
export function checkProjectRoot(root: string): void {
  let isDirectory = false;
  try {
    isDirectory = Deno.statSync(root).isDirectory;
    // Listing needs read permission, looking at an entry needs search (x) permission.
    const first = isDirectory ? Deno.readDirSync(root)[Symbol.iterator]().next() : undefined;
    if (first && !first.done) Deno.lstatSync(join(root, first.value.name));
  } catch (error) {
    const problem = fsProblem(error);
    if (problem !== "missing" && problem !== "not_directory") {
      if (problem === undefined) throw error;
      throw new VouchError(
        "project_root.unreadable",
        `--project-root ${root} cannot be read: ${describeFsProblem(problem)}`,
        "make the folder readable and enterable (chmod u+rx), or run vouch as a user who can read it",
      );
    }
  }
  if (!isDirectory) {
    throw new VouchError(
      "project_root.missing",
      `--project-root ${root} is not a directory`,
      "run from the project folder or pass --project-root DIR",
    );
  }
}
