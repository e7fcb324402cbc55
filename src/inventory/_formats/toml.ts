import { parse, TomlError } from "smol-toml";
import { VouchError } from "../../errors.ts";

/** A parsed TOML table. */
export type TomlTable = Record<string, unknown>;

/**
 * Parses TOML text; on failure throws a {@linkcode VouchError} with `code`
 * naming the file and line.
 *
 * @param text The TOML source.
 * @param file The file's path, for the message.
 * @param code The error code to use (e.g. `inventory.pyproject.invalid`).
 * @returns The parsed table.
 */
export function parseToml(text: string, file: string, code: string): TomlTable {
  try {
    return parse(text) as TomlTable;
  } catch (error) {
    if (error instanceof TomlError) {
      const first = error.message.split("\n")[0].replace(/^Invalid TOML document: /, "");
      throw new VouchError(
        code,
        `${file}:${error.line}:${error.column}: invalid TOML: ${first}`,
        `fix the TOML syntax at line ${error.line} of ${file}`,
      );
    }
    throw error;
  }
}
