// Private: shape checks for parsed JSON.

/**
 * Tells whether a parsed JSON value is an object (not an array, not null).
 *
 * @param value Any parsed JSON.
 * @returns `true` for a plain object.
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
