/**
 * Reader for `versions.lock`, the lock two Gradle plugins write at the build's root for every
 * project of the build. Neither says what is declared (`versions.props`, the build scripts do):
 * no edges, no component marked direct; each locked module is a `pkg:maven` component with the
 * version as written.
 *
 * - Palantir's gradle-consistent-versions (`com.palantir.consistent-versions`, `./gradlew
 *   --write-locks`): each line `group:name:version (N constraints: hash)` (the hash is that of
 *   the module's dependents, for merge conflicts). Lines before `[Test dependencies]` are the
 *   production classpaths (the compile and runtime classpaths of the main source sets:
 *   runtime); those after it, the classpaths of the test source sets (`test`,
 *   `integrationTest`) only: dev. `#` comments (the header the plugin writes) and blank lines
 *   (which newer versions write between lines) are skipped.
 * - Carrot Search's gradle-dependencychecks (`com.carrotsearch.gradle.dependencychecks`, `./gradlew
 *   writeLocks`: Apache Lucene, HPPC): JSON; `configurationGroups` maps each group the build
 *   names to its modules (`"group:name:version": "<key>,refs=N"`), and `because` each key to the
 *   configurations (and projects) that resolve them: a module's scopes are those of its
 *   configurations, as in a Gradle lock (`testRuntimeClasspath` dev, `annotationProcessor` build,
 *   `compileClasspath` alone build, `runtimeClasspath` runtime), over every group that lists it.
 *
 * The name is common (a kernel build's or a dotfiles repo's pinned tool versions): the scan
 * reads a `versions.lock` only when its text is one of these (see the registry).
 *
 * @module
 */
import { VouchError } from "../../errors.ts";
import { OutputBuilder } from "../_builder.ts";
import type { ReaderResult } from "../_reader.ts";
import type { Scope } from "../types.ts";
import { isRecord } from "../../_util.ts";
import { keyLine, parseJsonObject } from "../_formats/json.ts";
import { mavenName, mavenPurl } from "./_maven.ts";
import { gradleScopes } from "./gradle_lockfile.ts";

const CODE = "inventory.versions_lock.invalid";
/** The section marker the plugin writes before the test dependencies (ConflictSafeLockFile). */
const TEST_MARKER = "[Test dependencies]";
/** A line as the plugin reads it: `group:name:version (N constraints: hash)`. */
const LINE = /^([^(:\s]+):([^(:\s]+):([^(:\s]+)\s+\((\d+) constraints: (\w+)\)$/;

/** One locked module. */
export interface VersionsLockLine {
  /** The group. */
  group: string;
  /** The module name. */
  name: string;
  /** The version, as written. */
  version: string;
  /** Whether it is in the `[Test dependencies]` section. */
  test: boolean;
  /** The 1-based line. */
  line: number;
}

function invalid(path: string, line: number, what: string): VouchError {
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `regenerate ${path} with its plugin (\`./gradlew --write-locks\`; gradle-dependencychecks: \`./gradlew writeLocks\`)`,
  );
}

/**
 * Parses the lines of a `versions.lock`.
 *
 * @param text The file's text.
 * @param path Its path, for messages.
 * @returns The locked modules, in file order.
 * @throws {VouchError} `inventory.versions_lock.invalid` for a line of another shape (a
 *   truncated or garbled one), a module locked twice or a second `[Test dependencies]`.
 */
export function parseVersionsLock(text: string, path: string): VersionsLockLine[] {
  const out: VersionsLockLine[] = [];
  const seen = new Map<string, number>();
  let test = 0;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n?|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const at = i + 1;
    if (line === "" || line.startsWith("#")) continue;
    if (line === TEST_MARKER) {
      if (test !== 0) {
        throw invalid(path, at, `a second ${TEST_MARKER} (the first is line ${test})`);
      }
      test = at;
      continue;
    }
    const m = LINE.exec(line);
    if (m === null) {
      throw invalid(
        path,
        at,
        `expected group:name:version (N constraints: hash), found ${JSON.stringify(line)}`,
      );
    }
    const [, group, name, version] = m;
    const key = `${group}:${name}`;
    const first = seen.get(key);
    if (first !== undefined) throw invalid(path, at, `${key} is locked twice (also line ${first})`);
    seen.set(key, at);
    out.push({ group, name, version, test: test !== 0, line: at });
  }
  return out;
}

/** A module of a gradle-dependencychecks lock. */
export interface DependencyChecksModule {
  /** The group. */
  group: string;
  /** The module name. */
  name: string;
  /** The version, as written. */
  version: string;
  /**
   * The configurations that resolve it (`because`), over every group that lists it; distinct.
   * Modules of one `because` key share one array.
   */
  configurations: readonly string[];
}

/**
 * The modules of a gradle-dependencychecks lock (JSON), each with the configurations that resolve
 * it, over every group that lists it.
 *
 * @param text The file's text.
 * @param path Its path, for messages.
 * @returns The modules, by `group:name:version`, in file order.
 * @throws {VouchError} `inventory.versions_lock.invalid` for invalid JSON (a duplicate key
 *   included), a module that is not `group:name:version`, or a key `because` does not explain.
 */
export function parseDependencyChecksLock(
  text: string,
  path: string,
): Map<string, DependencyChecksModule> {
  const lock = parseJsonObject(text, path, CODE);
  const bad = (key: string, what: string): VouchError => invalid(path, keyLine(text, key), what);
  const { configurationGroups: groups, because } = lock;
  if (!isRecord(groups)) throw bad("configurationGroups", "configurationGroups is not an object");
  if (!isRecord(because)) throw bad("because", "because is not an object");
  const out = new Map<string, DependencyChecksModule>();
  /** The distinct configurations of each `because` key, found once (many modules share a key). */
  const explained = new Map<string, string[]>();
  const configurationsOf = (key: string, id: string): string[] => {
    const known = explained.get(key);
    if (known !== undefined) return known;
    const sources = Object.hasOwn(because, key) ? because[key] : undefined;
    const configurations = Array.isArray(sources)
      ? sources.map((s) => isRecord(s) ? s.configuration : undefined)
      : [];
    if (configurations.length === 0 || configurations.some((c) => typeof c !== "string")) {
      throw bad(id, `${id}: because has no configurations for ${key}`);
    }
    const distinct = [...new Set(configurations as string[])];
    explained.set(key, distinct);
    return distinct;
  };
  /** Each module's `because` keys (a module in several groups gathers theirs). */
  const keysOf = new Map<string, Set<string>>();
  for (const [groupName, modules] of Object.entries(groups)) {
    if (!isRecord(modules)) throw bad(groupName, `group ${groupName} is not an object`);
    for (const [id, source] of Object.entries(modules)) {
      const parts = id.split(":");
      if (parts.length !== 3 || parts.some((p) => p === "" || /\s/.test(p))) {
        throw bad(id, `expected "group:name:version", found ${JSON.stringify(id)}`);
      }
      const key = typeof source === "string" ? /^([^,]+),refs=\d+$/.exec(source)?.[1] : undefined;
      if (key === undefined) {
        throw bad(id, `${id}: expected "<key>,refs=N", found ${JSON.stringify(source)}`);
      }
      configurationsOf(key, id);
      const [group, name, version] = parts;
      if (!keysOf.has(id)) {
        out.set(id, { group, name, version, configurations: [] });
        keysOf.set(id, new Set());
      }
      keysOf.get(id)!.add(key);
    }
  }
  // A module of one key (most are) shares that key's array: thousands of modules of one key
  // with thousands of configurations are not copied module by module.
  for (const [id, module] of out) {
    const keys = [...keysOf.get(id)!];
    module.configurations = keys.length === 1
      ? explained.get(keys[0])!
      : [...new Set(keys.flatMap((k) => explained.get(k)!))];
  }
  return out;
}

/**
 * Reads a `versions.lock`, of either plugin (a JSON object is gradle-dependencychecks').
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root.
 * @returns The components (no members, no edges).
 * @throws {VouchError} As {@linkcode parseVersionsLock} or {@linkcode parseDependencyChecksLock}.
 */
export function readVersionsLock(text: string, options: { path: string }): ReaderResult {
  const { path } = options;
  // The scopes of a set of configurations, told once for the modules that share it.
  const scopesOf = new Map<readonly string[], Scope[]>();
  const modules: { group: string; name: string; version: string; scopes: Scope[] }[] =
    /^\uFEFF?\s*\{/.test(text)
      ? [...parseDependencyChecksLock(text, path).values()].map((m) => {
        if (!scopesOf.has(m.configurations)) {
          scopesOf.set(m.configurations, gradleScopes([...m.configurations], false));
        }
        return { ...m, scopes: scopesOf.get(m.configurations)! };
      })
      : parseVersionsLock(text, path).map((l) => ({ ...l, scopes: [l.test ? "dev" : "runtime"] }));
  const out = new OutputBuilder();
  for (const m of modules) {
    const coordinates = { groupId: m.group, artifactId: m.name, version: m.version };
    out.component({
      purl: mavenPurl(coordinates),
      ecosystem: "maven",
      name: mavenName(coordinates),
      version: m.version,
      scopes: m.scopes,
      sources: [path],
    });
  }
  return out.build();
}
