import { VouchError } from "../errors.ts";

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/**
 * Returns the 1-based line of a character offset.
 *
 * @param text The text.
 * @param offset A character offset into `text`.
 * @returns The line number.
 */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Returns the line where a JSON object key (`"key":`) first appears, or 1.
 *
 * @param text The JSON text.
 * @param key The key.
 * @returns The 1-based line.
 */
export function keyLine(text: string, key: string): number {
  return lineAt(text, Math.max(text.indexOf(JSON.stringify(key) + ":"), 0));
}

function failsBefore(text: string, end: number): boolean {
  try {
    JSON.parse(text.slice(0, end));
    return false;
  } catch (error) {
    return !(error as Error).message.startsWith("Unexpected end of JSON input");
  }
}

/** Finds the line of a JSON syntax error, even when the engine does not report a position. */
function errorLine(text: string, message: string): number {
  const reported = /\(line (\d+) column \d+\)/.exec(message);
  if (reported) return Number(reported[1]);
  if (!failsBefore(text, text.length)) return lineAt(text, text.length);
  // Every prefix shorter than the bad character only "ends early"; find the shortest that fails.
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (failsBefore(text, mid)) high = mid;
    else low = mid + 1;
  }
  return lineAt(text, high - 1);
}

function shortMessage(message: string): string {
  return message.replace(/ in JSON at position.*$/s, "").replace(/, ".*" is not valid JSON$/s, "");
}

/**
 * Parses a JSON document that must be an object; a syntax error becomes a
 * {@linkcode VouchError} naming the file and line.
 *
 * @param text The JSON text.
 * @param path The file's path, for the message.
 * @param code The error code (e.g. `inventory.package_lock.invalid`).
 * @returns The parsed object.
 */
export function parseJsonObject(text: string, path: string, code: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const line = errorLine(text, message);
    throw new VouchError(
      code,
      `${path}:${line}: invalid JSON: ${shortMessage(message)}`,
      `fix the JSON syntax at line ${line} of ${path} (or regenerate the file)`,
    );
  }
  if (!isObject(value)) {
    throw new VouchError(
      code,
      `${path}:1: expected a JSON object at the top level`,
      `regenerate ${path} with its package manager`,
    );
  }
  return value;
}

/**
 * Tells whether a value is a plain JSON object.
 *
 * @param value Anything.
 * @returns `true` for a non-null, non-array object.
 */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads an object-valued member, treating absence as empty.
 *
 * @param value The containing object.
 * @param key The member name.
 * @returns The member, or `{}`.
 */
export function objectAt(value: JsonObject, key: string): JsonObject {
  const member = value[key];
  return isObject(member) ? member : {};
}

/**
 * Reads a string-valued member.
 *
 * @param value The containing object.
 * @param key The member name.
 * @returns The string, or `undefined` when absent or not a string.
 */
export function stringAt(value: JsonObject, key: string): string | undefined {
  const member = value[key];
  return typeof member === "string" ? member : undefined;
}
