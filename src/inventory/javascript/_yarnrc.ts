/**
 * Yarn Berry's settings from the `.yarnrc.yml` files of a project, merged as Yarn merges them.
 *
 * @module
 */

import { isRecord } from "../../_util.ts";
import { parseYamlDocuments } from "../_formats/yaml.ts";
import { joinPath } from "./_npm.ts";

/**
 * A merged setting: the `.yarnrc.yml` files that give it (comma-separated, as Yarn names them)
 * and its value; a map's values and a list's items are merged settings too.
 */
export type RcValue = {
  /** The files that give the value. */
  source: string;
  /** The value: a record of merged settings for a map, a list of them for a list. */
  value: unknown;
};

/** How Yarn tells values apart when it merges them. */
type Kind = "map" | "list" | "literal" | "none";

/** The kind of a value. */
function kindOf(value: unknown): Kind {
  if (value === undefined) return "none";
  if (isRecord(value)) return "map";
  return Array.isArray(value) ? "list" : "literal";
}

/**
 * A setting of a map as its file writes it: a map with a string `onConflict` is a merge
 * directive, its value the rest of the map (or its `value` when it has one).
 */
function directive(data: unknown, key: string): { onConflict: string; value: unknown } {
  const raw = isRecord(data) && Object.hasOwn(data, key) ? data[key] : undefined;
  if (!isRecord(raw) || typeof raw.onConflict !== "string") {
    return { onConflict: "default", value: raw };
  }
  if (Object.hasOwn(raw, "value")) return { onConflict: raw.onConflict, value: raw.value };
  const { onConflict, ...value } = raw;
  return { onConflict, value };
}

/** A value of one file as a merged setting, down to its leaves. */
function attach(value: unknown, source: string): RcValue {
  if (isRecord(value)) {
    const out: Record<string, RcValue> = {};
    for (const key of Object.keys(value)) out[key] = attach(value[key], source);
    return { source, value: out };
  }
  if (Array.isArray(value)) return { source, value: value.map((item) => attach(item, source)) };
  return { source, value };
}

/**
 * The value of `key` in `files[first..end)` (farthest file first) as Yarn's `resolveValueAt`
 * (yarnpkg/berry packages/yarnpkg-core/sources/configUtils.ts) resolves it: from the nearest
 * file back, a scalar is the nearest one's; maps and lists of the farther files are merged into
 * the nearer ones' until a file of another kind, one marked `onConflict: hardReset` (which is
 * left out) or `reset` (kept, nothing farther); `extend` on the farthest visible file makes every
 * file visible again. A map's keys are merged the same way, one by one.
 */
function resolveAt(
  files: [string, unknown][],
  key: string,
  start: number,
  end: number,
): RcValue | undefined {
  let first = start;
  let expected: Kind | undefined;
  const relevant: [string, unknown][] = [];
  let lastRelevant = end;
  let reset = 0;
  for (let at = end - 1; at >= first; at--) {
    const [source, data] = files[at];
    const { onConflict, value } = directive(data, key);
    const kind = kindOf(value);
    if (kind === "none") continue;
    expected ??= kind;
    if (kind !== expected || onConflict === "hardReset") {
      reset = lastRelevant;
      break;
    }
    if (kind === "literal") return { source, value };
    relevant.unshift([source, value]);
    if (onConflict === "reset") {
      reset = at;
      break;
    }
    if (onConflict === "extend" && at === first) first = 0;
    lastRelevant = at;
  }
  if (expected === undefined) return undefined;
  const source = relevant.map(([file]) => file).join(", ");
  if (expected === "list") {
    return {
      source,
      value: relevant.flatMap(([file, value]) =>
        (value as unknown[]).map((item) => attach(item, file))
      ),
    };
  }
  const keys = Object.keys(Object.assign({}, ...relevant.map(([, value]) => value)));
  const next = files.map(([file, data]): [string, unknown] => [file, directive(data, key).value]);
  // Yarn looks for the nearest file whose value is neither a map nor absent, but uses its
  // position counted from the nearest end as if it were counted from the farthest one (its
  // `findLastIndex` reverses a copy): the files after that position are the ones merged.
  let fromNearest = -1;
  for (let at = next.length - 1; at >= 0; at--) {
    const kind = kindOf(next[at][1]);
    if (kind !== "map" && kind !== "none") {
      fromNearest = next.length - 1 - at;
      break;
    }
  }
  const value: Record<string, RcValue | undefined> = {};
  if (fromNearest !== -1) {
    const slice = next.slice(fromNearest + 1);
    for (const name of keys) value[name] = resolveAt(slice, name, 0, slice.length);
  } else {
    for (const name of keys) value[name] = resolveAt(next, name, reset, next.length);
  }
  return { source, value };
}

/**
 * Yarn Berry's settings for a project: its `.yarnrc.yml` files from the scanned folder down to the
 * project's folder, merged as Yarn merges them (Configuration.find reads the `.yarnrc.yml` of
 * every folder from the project's up to `/`, and the home folder's as the farthest, and merges
 * them with `resolveRcFiles`, see {@linkcode resolveAt}); those above the scanned folder and the
 * home folder's are not read.
 *
 * @example
 * ```ts
 * import { yarnRc, yarnRcPlain } from "./_yarnrc.ts";
 * const files: Record<string, string> = {
 *   ".yarnrc.yml": "catalog:\n  a: ^1.0.0\n  b: ^2.0.0\n",
 *   "app/.yarnrc.yml": "catalog:\n  a: 1.1.0\n",
 * };
 * const rc = yarnRc((path) => files[path], "app", "inventory.yarn_lock.invalid");
 * yarnRcPlain(rc); // { catalog: { a: "1.1.0", b: "^2.0.0" } }
 * ```
 *
 * @param load Reads a file of the scanned tree (`undefined` when there is none).
 * @param dir The project's folder (`""` for the scanned folder).
 * @param code The error code for a file that is no YAML.
 * @returns The merged settings, `undefined` when no file gives any.
 */
export function yarnRc(
  load: (path: string) => string | undefined,
  dir: string,
  code: string,
): RcValue | undefined {
  const files: [string, unknown][] = [];
  const parts = dir === "" ? [] : dir.split("/");
  for (let depth = 0; depth <= parts.length; depth++) {
    const path = joinPath(...parts.slice(0, depth), ".yarnrc.yml");
    const text = load(path);
    // An empty file is no settings (Yarn's parseSyml gives `{}` for it).
    if (text !== undefined) files.push([path, parseYamlDocuments(text, path, code).at(-1) ?? {}]);
  }
  if (files.length === 0) return undefined;
  return resolveAt(files.map(([file, data]) => [file, { ".": data }]), ".", 0, files.length);
}

/**
 * A merged setting as a plain value: its files left out.
 *
 * @param rc The merged setting.
 * @returns The value, maps as records and lists as arrays.
 */
export function yarnRcPlain(rc: RcValue | undefined): unknown {
  const value = rc?.value;
  if (Array.isArray(value)) return value.map((item) => yarnRcPlain(item));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = yarnRcPlain(item as RcValue);
  return out;
}
