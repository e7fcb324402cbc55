// Private: the report types every verify unit produces, and small constructors.
import { isRecord } from "../_util.ts";

export { isRecord };

/** One finding of `verify()`. */
export interface VerifyCheck {
  /** Stable dotted code, e.g. `index.digest_mismatch`. */
  code: string;
  /** Whether this finding is a pass. */
  ok: boolean;
  /** One line saying what was found. */
  message: string;
  /** The bundle file (or subject) the finding is about, when there is one. */
  file?: string;
}

/** The outcome of `verify()`. */
export interface VerifyReport {
  /** True only when every check is ok. */
  passed: boolean;
  /** The bundle directory, as given. */
  dir: string;
  /** Every finding, in the order made. */
  checks: VerifyCheck[];
}

/**
 * A passing check.
 *
 * @param code The stable code.
 * @param message One line.
 * @param file The file it is about.
 * @returns The check.
 */
export function pass(code: string, message: string, file?: string): VerifyCheck {
  return file === undefined ? { code, ok: true, message } : { code, ok: true, message, file };
}

/**
 * A failing check.
 *
 * @param code The stable code.
 * @param message One line.
 * @param file The file it is about.
 * @returns The check.
 */
export function fail(code: string, message: string, file?: string): VerifyCheck {
  return file === undefined ? { code, ok: false, message } : { code, ok: false, message, file };
}

/**
 * Quotes an untrusted value for a one-line message: JSON, at most 80 characters, never throws.
 *
 * @param value Any value.
 * @returns The quoted text.
 */
export function quote(value: unknown): string {
  if (typeof value === "string") {
    const text = JSON.stringify(value.slice(0, 80));
    return value.length > 80 ? `${text.slice(0, -1)}..."` : text;
  }
  if (Array.isArray(value)) return "an array";
  if (isRecord(value)) return "an object";
  return value === undefined ? "nothing" : String(value);
}

/**
 * Tells whether a value is a non-empty string.
 *
 * @param value Anything.
 * @returns `true` for a string with at least one character.
 */
export function isText(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * Tells whether a value is a lowercase hex SHA-256, without converting it:
 * a parsed object such as `{"toString": 1}` cannot be made a string.
 *
 * @param value Anything.
 * @returns `true` for a string of 64 lowercase hex digits.
 */
export function isSha256(value: unknown): value is string {
  return typeof value === "string" && SHA256_HEX.test(value);
}
