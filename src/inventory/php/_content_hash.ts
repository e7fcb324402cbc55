// Private: the hash by which Composer tells whether composer.lock is up to date with
// composer.json (its Locker's getContentHash), computed as Composer computes it.

import { isRecord } from "../../_util.ts";
import { md5Hex } from "../_digest_sync.ts";
import { asciiJsonString } from "../_formats/json.ts";

const encoder = new TextEncoder();

/** The keys of composer.json whose content the hash covers (Composer's Locker::getContentHash). */
const RELEVANT_KEYS = [
  "name",
  "version",
  "require",
  "require-dev",
  "conflict",
  "replace",
  "provide",
  "minimum-stability",
  "prefer-stable",
  "repositories",
  "extra",
];

/**
 * A value of `json_decode($text, true)` as PHP's `json_encode` writes it without flags: an empty
 * or index-keyed object is a PHP list (`[]`); `undefined` where the JavaScript value cannot tell
 * what PHP would write (an index-like key, which JavaScript orders first).
 */
function phpJson(value: unknown): string | undefined {
  if (value === null) return "null";
  if (typeof value === "boolean" || typeof value === "number") return String(value);
  if (typeof value === "string") return asciiJsonString(value, "php");
  if (Array.isArray(value)) {
    const items = value.map(phpJson);
    return items.includes(undefined) ? undefined : `[${items.join(",")}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return "[]";
  if (entries.some(([key]) => /^(?:0|-?[1-9]\d*)$/.test(key))) return undefined;
  const parts: string[] = [];
  for (const [key, item] of entries) {
    const encoded = phpJson(item);
    if (encoded === undefined) return undefined;
    parts.push(`${asciiJsonString(key, "php")}:${encoded}`);
  }
  return `{${parts.join(",")}}`;
}

/** The nesting PHP's `json_decode` takes by default (its `$depth`), past which it decodes nothing. */
const PHP_JSON_DEPTH = 512;

/** Whether JSON text nests arrays and objects deeper than PHP's `json_decode` takes. */
function tooDeep(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string, escapes included.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c) i++;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > PHP_JSON_DEPTH) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** A JSON number as written: an integer PHP reads as one and writes back the same. */
const PLAIN_INTEGER = /^-?(?:0|[1-9]\d{0,14})$/;

/**
 * What composer.lock records to tell whether it is up to date with composer.json, as Composer
 * computes it (its Locker): `content-hash`, the MD5 of the JSON of composer.json's relevant
 * keys (and `config.platform`), sorted; for a lock of Composer before 1.3, which records `hash`,
 * the MD5 of the whole file.
 *
 * @param text composer.json's text (valid JSON).
 * @param kind Which one the lock records.
 * @returns The hash in lowercase hex; `undefined` when composer.json holds a value whose encoding
 *   by PHP vouch does not reproduce (a fraction or exponent, which PHP writes as a float, a
 *   large number, an index-like key), or that nests deeper than PHP's `json_decode` reads.
 */
export function composerLockHash(text: string, kind: "content-hash" | "hash"): string | undefined {
  if (kind === "hash") return md5Hex(encoder.encode(text));
  // Composer reads no composer.json nested deeper than json_decode's depth (nor would the
  // JavaScript parser's reviver below).
  if (tooDeep(text)) return undefined;
  let plain = true;
  const json = JSON.parse(
    text,
    // The source of each number (JSON.parse source text access): `1.0` is PHP's float.
    ((_key: string, value: unknown, context?: { source?: string }) => {
      if (typeof value === "number" && !PLAIN_INTEGER.test(context?.source ?? "")) plain = false;
      return value;
    }) as (key: string, value: unknown) => unknown,
  ) as Record<string, unknown>;
  if (!plain) return undefined;
  const relevant: Record<string, unknown> = {};
  for (const key of RELEVANT_KEYS) if (Object.hasOwn(json, key)) relevant[key] = json[key];
  // Composer's isset($content['config']['platform']): a `null` platform counts as none.
  const platform = isRecord(json.config) ? json.config.platform : undefined;
  if (platform !== undefined && platform !== null) relevant.config = { platform };
  const sorted = Object.fromEntries(
    Object.keys(relevant).sort().map((key) => [key, relevant[key]]),
  );
  const encoded = phpJson(sorted);
  return encoded === undefined ? undefined : md5Hex(encoder.encode(encoded));
}
