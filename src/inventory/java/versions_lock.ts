/**
 * Reader for `versions.lock`, the lock of Palantir's gradle-consistent-versions plugin
 * (`com.palantir.consistent-versions`, `./gradlew --write-locks`): one file at the build's root
 * for every project of the build.
 *
 * Each line `group:name:version (N constraints: hash)` is one locked module (the hash is that
 * of the module's dependents, for merge conflicts): a `pkg:maven` component with the version as
 * written. Lines before `[Test dependencies]` are the production classpaths (the compile and
 * runtime classpaths of the main source sets: runtime); those after it, the classpaths of the
 * test source sets (`test`, `integrationTest`) only: dev. `#` comments (the header the plugin
 * writes) and blank lines (which newer versions write between lines) are skipped. The file has
 * no graph and does not say what is declared (`versions.props` does, as version patterns): no
 * edges, no component marked direct.
 *
 * The name is common (a kernel build's or a dotfiles repo's pinned tool versions): the scan
 * reads a `versions.lock` only when its text is the plugin's (see the registry).
 *
 * @module
 */
import { VouchError } from "../../errors.ts";
import { OutputBuilder } from "../_builder.ts";
import type { ReaderResult } from "../_reader.ts";
import { mavenName, mavenPurl } from "./_maven.ts";

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
    `regenerate ${path} with \`./gradlew --write-locks\``,
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

/**
 * Reads a `versions.lock`.
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root.
 * @returns The components (no members, no edges).
 * @throws {VouchError} As {@linkcode parseVersionsLock}.
 */
export function readVersionsLock(text: string, options: { path: string }): ReaderResult {
  const { path } = options;
  const out = new OutputBuilder();
  for (const l of parseVersionsLock(text, path)) {
    const coordinates = { groupId: l.group, artifactId: l.name, version: l.version };
    out.component({
      purl: mavenPurl(coordinates),
      ecosystem: "maven",
      name: mavenName(coordinates),
      version: l.version,
      scopes: [l.test ? "dev" : "runtime"],
      sources: [path],
    });
  }
  return out.build();
}
