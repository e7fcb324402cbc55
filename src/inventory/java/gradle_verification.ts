/**
 * Reader for Gradle's dependency verification file,
 * `gradle/verification-metadata.xml`: every `<component group name version>`
 * Gradle verified, with the checksums of each artifact file.
 *
 * Components are `pkg:maven` purls without qualifiers, the same ids as the
 * lock files', so both merge into one component; a module without a group
 * (`group=""`: an Ivy module such as the Kotlin/Native distribution
 * `kotlin-native-prebuilt-linux-x86_64`) is no Maven coordinate and is
 * `pkg:generic/<name>@<version>`, its only file's checksums its own, and so is a tool's release
 * archive the Kotlin Gradle plugin downloads for Kotlin/JS and Kotlin/Wasm under Ivy coordinates
 * (`org.nodejs:node`, `com.yarnpkg:yarn`, `com.github.webassembly:binaryen`, `google.d8:v8`, whose
 * revision `linux64-rel-11.9.85` names its platform and version `11.9.85`: Node.js is
 * `pkg:generic/node@…`, as pnpm's `node@runtime:` is; its per-platform archives are its
 * distributions, no checksum its own). Every verified file is one
 * of the component's distributions (file name and checksums). The
 * component's own hashes describe the one file its purl names: by the
 * purl-spec `maven` type, a purl without `type` and `classifier` qualifiers
 * is the `<name>-<version>.jar`; so only that file's checksums are the
 * component's, and a component without that jar (a POM-only module, an
 * `.aar`) has no hashes of its own. A checksum with `<also-trust>` alternatives
 * names no one file: Gradle accepts any of them, and its writer
 * (`WriteDependencyVerificationFile` reads the existing file into a
 * `DependencyVerifierBuilder` before adding what it computes, and
 * `ChecksumBuilder.addChecksum` keeps the first value, the others as
 * alternatives) puts the checksum of the file it has just verified among the
 * alternatives when an older one was there first; so that algorithm's checksum
 * of that file is recorded nowhere, with one warning.
 *
 * The file says nothing about scopes: they are taken from the build's lock
 * files when there are any (`gradle.lockfile`, `buildscript-gradle.lockfile`,
 * `settings-gradle.lockfile` beside `gradle/`, the legacy per-configuration
 * `gradle/dependency-locks/*.lockfile`, those a project's build script names
 * (`dependencyLocking { lockFile = file("…") }`), those of `buildSrc`, of the
 * builds `settings.gradle(.kts)` includes (`includeBuild`: for their plugins, or
 * parts of a composite build, which the current build's file verifies) and of the
 * projects it includes, and of every other project folder below the
 * build's root that has a lock (a project included under a computed name), outputs,
 * sources, hidden folders and other builds (a folder with its own settings script
 * that the build does not include) aside), so that the merged component keeps the
 * lock's scopes. A component that no lock lists is runtime; one with only a
 * POM (a parent POM, a BOM, a plugin marker) is left out unless a lock lists
 * it, as it is metadata of another module rather than a dependency. One with
 * only the sources of the Gradle distribution (`gradle:gradle`, `gradle-8.7-src.zip`, which an
 * IDE's sync resolves) is left out too: no dependency of the project. One with
 * only Gradle Module Metadata (`.module`: the root module of a Kotlin
 * Multiplatform library, `androidx.collection:collection`) was resolved and
 * is kept, as the lock files list it, unless a higher version of the same
 * module has a file of its own (a jar, an aar; its sources or javadoc jar, which an
 * IDE's sync verifies, count as none): Gradle reads the metadata of
 * every version a conflict brings into the graph and downloads the files of the
 * one it selects, the highest, so that version lost the conflict
 * (`androidx.activity:activity` 1.7.0 beside 1.8.0's aar).
 *
 * The file does not list what its `<configuration>` trusts: a module a `<trusted-key>` signs or a
 * `<trust>` rule names has no entry (Gradle writes entries with `pgp,sha256` only for what no
 * trusted key signs). A build with no lock file has no other list of its modules, so such a file
 * is read with a warning that those modules are missing.
 *
 * @module
 */
import { posix } from "../../_path.ts";
import { VouchError } from "../../errors.ts";
import { invalidVersion } from "../_errors.ts";
import { OutputBuilder } from "../_builder.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import {
  childElements,
  lineColumn,
  localName,
  parseXml,
  type XmlElement,
} from "../_formats/xml.ts";
import type { Hash, HashAlgorithm, Scope } from "../types.ts";
import { gradleModuleId, isToolDistribution } from "./_maven.ts";
import {
  declaredPlatforms,
  gradleRootProject,
  includedBuilds,
  lockedScopes,
  pluginBuilds,
} from "./gradle_lockfile.ts";
import { gradleScriptNames, namedLocks, scriptCode } from "./_gradle_script.ts";

const CODE = "inventory.gradle_verification.invalid";
const ALGORITHMS: Record<string, { alg: HashAlgorithm; hexLength: number }> = {
  md5: { alg: "md5", hexLength: 32 },
  sha1: { alg: "sha1", hexLength: 40 },
  sha256: { alg: "sha256", hexLength: 64 },
  sha512: { alg: "sha512", hexLength: 128 },
};

/** One verified artifact file of a component. */
export interface VerifiedArtifact {
  /** The file name, e.g. `guava-33.0.0-jre.jar`. */
  name: string;
  /** Its checksums. */
  hashes: Hash[];
  /**
   * The offsets of its checksums that have `<also-trust>` alternatives (left
   * out of `hashes`: the file the build used may have any of them).
   */
  ambiguous: number[];
}

/** One verified component. */
export interface VerifiedComponent {
  /** The group. */
  group: string;
  /** The module name. */
  name: string;
  /** The version. */
  version: string;
  /** The verified files. */
  artifacts: VerifiedArtifact[];
}

function invalid(path: string, text: string, offset: number, what: string): VouchError {
  const { line } = lineColumn(text, offset);
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `regenerate ${path} with \`gradle --write-verification-metadata sha256\``,
  );
}

function attribute(
  element: XmlElement,
  name: string,
  fail: (offset: number, what: string) => never,
  options: { empty?: boolean } = {},
): string {
  const value = element.attributes[name];
  if (value === undefined || (value === "" && !options.empty)) {
    fail(element.offset, `<${element.name}> has no ${name} attribute`);
  }
  return value;
}

/**
 * Parses a verification metadata file (no mapping).
 *
 * @param text The file's text.
 * @param path Its path, for messages.
 * @returns The components, in file order.
 * @throws {VouchError} `inventory.gradle_verification.invalid` for malformed
 *   XML, a schema version other than 1.x, a missing attribute, a checksum
 *   that is not hex of the right length, or a repeated component or artifact.
 */
export function parseGradleVerification(text: string, path: string): VerifiedComponent[] {
  return parseVerification(text, path).components;
}

/**
 * What the file's `<configuration>` trusts without a `<components>` entry: the offset of its
 * first `<trusted-key>` (a key Gradle accepts the signature of, for every module of the group,
 * name or version it names, or for all), or of its first `<trust>` rule of `<trusted-artifacts>`
 * that names modules (`group`, `name`, `version`), whose files Gradle does not verify. Gradle
 * checks neither against an entry, and `--write-verification-metadata pgp,sha256` writes entries
 * only for the files those keys do not sign: the modules so trusted are not in the file (the
 * rules Gradle writes itself, for `-sources.jar` and `-javadoc.jar` files or the `gradle:gradle`
 * sources an IDE fetches, name no dependency's module and do not count).
 */
interface Trusts {
  /** The offset of the first trusted key, if any. */
  key?: number;
  /** How many keys are trusted. */
  keys: number;
  /** The offset of the first trust rule that names modules, if any. */
  rule?: number;
  /** How many such rules there are. */
  rules: number;
}

/** Parses the file: its components and what its configuration trusts (see {@linkcode Trusts}). */
function parseVerification(
  text: string,
  path: string,
): { components: VerifiedComponent[]; trusts: Trusts } {
  const { root } = parseXml(text, path, CODE);
  const fail = (offset: number, what: string): never => {
    throw invalid(path, text, offset, what);
  };
  if (localName(root.name) !== "verification-metadata") {
    fail(root.offset, `the root element is <${root.name}>, not <verification-metadata>`);
  }
  // Gradle names the format's version in the schema location it writes
  // (`dependency-verification-1.3.xsd`); a file without one is read as 1.x.
  const schema = /dependency-verification-(\d+)\.(\d+)\.xsd/.exec(
    Object.entries(root.attributes).find(([k]) => localName(k) === "schemaLocation")?.[1] ?? "",
  );
  if (schema !== null && schema[1] !== "1") {
    throw invalidVersion(
      "gradle_verification",
      `${path}:${lineColumn(text, root.offset).line}`,
      `the dependency-verification schema ${schema[1]}.${schema[2]}`,
      "the dependency-verification schema 1.x, as Gradle 6 to 9 write it",
    );
  }
  const components: VerifiedComponent[] = [];
  const seen = new Set<string>();
  for (const list of childElements(root, "components")) {
    for (const element of childElements(list, "component")) {
      // A module without a group (an Ivy module such as the Kotlin/Native distribution) is written `group=""`.
      const group = attribute(element, "group", fail, { empty: true });
      const name = attribute(element, "name", fail);
      const version = attribute(element, "version", fail);
      const key = `${group}:${name}:${version}`;
      if (seen.has(key)) fail(element.offset, `the component ${key} appears twice`);
      seen.add(key);
      const artifacts: VerifiedArtifact[] = [];
      const files = new Set<string>();
      for (const artifact of childElements(element, "artifact")) {
        const file = attribute(artifact, "name", fail);
        if (files.has(file)) fail(artifact.offset, `the artifact ${file} of ${key} appears twice`);
        files.add(file);
        const hashes: Hash[] = [];
        const ambiguous: number[] = [];
        for (const child of childElements(artifact)) {
          const known = ALGORITHMS[localName(child.name)];
          if (known === undefined) continue; // pgp, ignored-keys
          const hex = attribute(child, "value", fail).toLowerCase();
          if (hex.length !== known.hexLength || !/^[0-9a-f]+$/.test(hex)) {
            fail(child.offset, `the ${known.alg} of ${file} is not ${known.hexLength} hex digits`);
          }
          const alternatives = childElements(child, "also-trust")
            .map((a) => attribute(a, "value", fail).toLowerCase());
          if (alternatives.some((a) => a !== hex)) ambiguous.push(child.offset);
          else hashes.push({ alg: known.alg, hex });
        }
        artifacts.push({ name: file, hashes, ambiguous });
      }
      components.push({ group, name, version, artifacts });
    }
  }
  const trusts: Trusts = { keys: 0, rules: 0 };
  for (const configuration of childElements(root, "configuration")) {
    for (const list of childElements(configuration, "trusted-keys")) {
      for (const key of childElements(list, "trusted-key")) {
        trusts.key ??= key.offset;
        trusts.keys++;
      }
    }
    for (const list of childElements(configuration, "trusted-artifacts")) {
      for (const rule of childElements(list, "trust")) {
        const { group, name, version } = rule.attributes;
        if (group === undefined && name === undefined && version === undefined) continue;
        if (group === "gradle" && name === "gradle") continue;
        trusts.rule ??= rule.offset;
        trusts.rules++;
      }
    }
  }
  return { components, trusts };
}

/**
 * The file a type-less `pkg:maven` purl names: `<name>-<version>.jar` (the
 * purl-spec `maven` type: no `type` qualifier means `jar`, no `classifier`
 * means none), when it was verified.
 */
function purlFile(c: VerifiedComponent, type = "jar"): VerifiedArtifact | undefined {
  if (c.group === "") return c.artifacts.length === 1 ? c.artifacts[0] : undefined;
  // A tool's release archives are per platform (`node-v22.0.0-linux-x64.tar.gz`): its files.
  if (isToolDistribution({ groupId: c.group, artifactId: c.name })) return undefined;
  const file = `${c.name}-${c.version}.${type}`;
  return c.artifacts.find((a) => a.name === file);
}

/**
 * `toml` for a version catalog, whose only file (beside its metadata) is the TOML the
 * version-catalog plugin publishes (see the Gradle lock reader's `lockedType`), as its
 * lock's purl says; else none (a jar).
 */
function verifiedType(c: VerifiedComponent): "toml" | undefined {
  const files = c.artifacts.filter((a) => !isMetadata(a));
  return files.length > 0 && files.every((a) => a.name.endsWith(".toml")) ? "toml" : undefined;
}

/** Folders never searched for a project's lock: outputs, sources, dependencies. */
const NOT_PROJECTS = new Set(["build", "buildSrc", "node_modules", "out", "src", "target"]);

/**
 * The folders below a build's root (`at("")`) that hold a project's lock file, as
 * `a/b/`: the projects a settings script includes under a computed name
 * (`include(":subprojects:$name")`) or places elsewhere (`projectDir`) are not in its
 * text. Hidden folders and those of {@linkcode NOT_PROJECTS} are skipped, and so is a
 * folder with a settings script of its own that is none of the build's `included` builds
 * (another build, which its own verification file verifies); four levels deep.
 */
function lockFolders(
  at: (rel: string) => string,
  list: (folder: string) => string[] | undefined,
  files: (folder: string) => string[] | undefined,
  included: ReadonlySet<string>,
  excluded?: (folder: string) => boolean,
): string[] {
  const out: string[] = [];
  const visit = (folder: string, depth: number): void => {
    for (const name of list(at(folder).replace(/\/$/, "")) ?? []) {
      if (name.startsWith(".") || NOT_PROJECTS.has(name)) continue;
      const child = `${folder}${name}/`;
      if (excluded?.(at(child).slice(0, -1))) continue;
      const names = files(at(child).slice(0, -1)) ?? [];
      const settings = names.includes("settings.gradle") || names.includes("settings.gradle.kts");
      if (settings && !included.has(child)) continue;
      if (
        names.includes("gradle.lockfile") || names.includes("buildscript-gradle.lockfile") ||
        names.includes("build.gradle") || names.includes("build.gradle.kts")
      ) {
        out.push(child);
      }
      if (depth < 4) visit(child, depth + 1);
    }
  };
  visit("", 1);
  return out;
}

/**
 * The lock files of the Gradle build whose verification file is at `path`:
 * the root's, buildSrc's, and those of the builds `settings.gradle(.kts)`
 * includes for their plugins and of the projects it includes (with `list`,
 * every project folder below the root that has a lock).
 */
function buildLocks(
  path: string,
  load: Load,
  files?: (folder: string) => string[] | undefined,
  list?: (folder: string) => string[] | undefined,
  excluded?: (folder: string) => boolean,
): { path: string; text: string; build: boolean }[] {
  const gradleDir = posix.dirname(path);
  const root = posix.basename(gradleDir) === "gradle" ? posix.dirname(gradleDir) : gradleDir;
  const at = (rel: string): string => (root === "." ? rel : `${root}/${rel}`);
  // buildSrc is verified by the same file; its locks are build scope.
  const folders = ["", "buildSrc/"];
  const pluginFolders = new Set<string>();
  const groovy = load(at("settings.gradle"));
  const raw = groovy ?? load(at("settings.gradle.kts")) ?? "";
  const kotlin = groovy === undefined;
  // Builds included for their plugins (build-logic) are verified by the same file; their locks are build scope.
  for (const build of pluginBuilds(raw, kotlin)) {
    folders.push(`${build}/`);
    pluginFolders.add(`${build}/`);
  }
  // A composite build's other builds are verified by the same file (the current build's).
  const included = new Set(includedBuilds(raw, kotlin).map((build) => `${build}/`));
  for (const build of included) folders.push(build);
  // What the script says: a commented-out include is none.
  const settings = scriptCode(raw, kotlin).said;
  for (const include of settings.matchAll(/\binclude\b\s*\(?((?:\s*["'][^"'\n]+["']\s*,?)+)/g)) {
    for (const project of include[1].matchAll(/["']([^"'\n]+)["']/g)) {
      const folder = project[1].replace(/^:/, "").replaceAll(":", "/");
      if (folder !== "" && !folder.split("/").includes("..")) folders.push(`${folder}/`);
    }
  }
  if (list !== undefined && files !== undefined) {
    for (const folder of lockFolders(at, list, files, included, excluded)) {
      if (!folders.includes(folder)) folders.push(folder);
    }
  }
  const inPlugin = (folder: string): boolean =>
    [...pluginFolders].some((p) => folder.startsWith(p));
  const locks: { path: string; text: string; build: boolean }[] = [];
  for (const folder of new Set(folders)) {
    // The legacy per-configuration locks of the project (Gradle 4.8 to 6): `gradle/dependency-locks/*.lockfile`.
    const legacy = (files?.(at(`${folder}gradle/dependency-locks`)) ?? [])
      .filter((f) => f.endsWith(".lockfile")).sort()
      .map((f) => `gradle/dependency-locks/${f}`);
    for (
      const file of [
        "gradle.lockfile",
        "buildscript-gradle.lockfile",
        "settings-gradle.lockfile",
        ...legacy,
      ]
    ) {
      if (folder !== "" && file === "settings-gradle.lockfile") continue;
      const lockPath = at(`${folder}${file}`);
      const text = load(lockPath);
      if (text !== undefined) {
        locks.push({ path: lockPath, text, build: inPlugin(folder) });
      }
    }
    // A lock the project's build script puts elsewhere (`dependencyLocking { lockFile = … }`):
    // the script Gradle runs, the first of its names that exists.
    for (const name of gradleScriptNames("build")) {
      const script = load(at(`${folder}${name}`));
      if (script === undefined) continue;
      for (const named of namedLocks(script, at(`${folder}${name}`), load, files)) {
        const text = named.path === undefined || locks.some((l) => l.path === named.path)
          ? undefined
          : load(named.path);
        if (text === undefined) continue;
        locks.push({ path: named.path!, text, build: named.buildscript || inPlugin(folder) });
      }
      break;
    }
  }
  return locks;
}

/** Whether a verified file is a module's metadata (a POM, Gradle Module Metadata), not one of its files. */
function isMetadata(artifact: VerifiedArtifact): boolean {
  return artifact.name.endsWith(".pom") || artifact.name.endsWith(".module");
}

/**
 * Whether a verified file tells nothing of the module's being used: its metadata, or the sources
 * or javadoc an IDE's sync downloads (IntelliJ fetches `-sources.jar` for what it shows, a version
 * that lost a conflict too), never on a classpath.
 */
function isAuxiliary(artifact: VerifiedArtifact): boolean {
  return isMetadata(artifact) || artifact.name.endsWith("-sources.jar") ||
    artifact.name.endsWith("-javadoc.jar");
}

/**
 * Whether a component is the sources of the Gradle distribution that runs the build
 * (`gradle:gradle:8.7`, `gradle-8.7-src.zip`, from the "Gradle distributions" repository), which an
 * IDE's sync resolves to show the build scripts' API (gradle/gradle#29039): no dependency of the
 * project, nor on any classpath.
 */
function isGradleSources(c: VerifiedComponent): boolean {
  return c.group === "gradle" && c.name === "gradle" &&
    c.artifacts.every((a) => a.name === `gradle-${c.version}-src.zip`);
}

/** Gradle's special qualifiers, lowest first; any other word is below `rc` (and above `dev`). */
const QUALIFIERS = ["rc", "snapshot", "final", "ga", "release", "sp"];

/**
 * Compares two versions in Gradle's version order (its "Version ordering"
 * rules): parts split at `.`, `-`, `_`, `+` and between digits and letters;
 * a number is above a word; `dev` is below every other word and `rc`,
 * `snapshot`, `final`, `ga`, `release`, `sp` (in that order) above them; other
 * words compare as strings; an extra numeric part makes a version higher, an
 * extra word lower.
 */
function compareGradleVersions(a: string, b: string): number {
  const parts = (v: string): string[] =>
    v.split(/[.\-_+]/).flatMap((p) => p.match(/\d+|\D+/g) ?? []);
  const rank = (word: string): number => {
    const lower = word.toLowerCase();
    if (lower === "dev") return -1;
    return QUALIFIERS.indexOf(lower) + 1;
  };
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    const pNumber = /^\d/.test(p);
    const qNumber = /^\d/.test(q);
    if (pNumber && qNumber) {
      const diff = BigInt(p) - BigInt(q);
      if (diff !== 0n) return diff > 0n ? 1 : -1;
    } else if (pNumber !== qNumber) {
      return pNumber ? 1 : -1;
    } else if (rank(p) !== rank(q)) {
      return rank(p) - rank(q);
    } else if (p !== q) {
      return p < q ? -1 : 1;
    }
  }
  if (x.length === y.length) return 0;
  const extra = x.length > y.length ? x[y.length] : y[x.length];
  const longerHigher = /^\d/.test(extra) ? 1 : -1;
  return x.length > y.length ? longerHigher : -longerHigher;
}

/**
 * Reads `gradle/verification-metadata.xml` (see the module notes).
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root;
 *   `load`: reads the build's settings and lock files for scopes; `files`:
 *   lists a folder's files, for the legacy per-configuration locks (without
 *   it they are not read); `list`: lists a folder's folders, to find the locks
 *   of projects the settings script does not name literally (with `files`);
 *   `excluded`: the folders `--exclude` skips; `peek`: reads a file without counting it read,
 *   for the root project's name, group and version (without it the build is not named).
 * @returns The components (no members, no edges), and for the tree root's build its root
 *   project as the settings script names it (`rootProject`).
 * @throws {VouchError} `inventory.gradle_verification.invalid` as
 *   {@linkcode parseGradleVerification}; `inventory.gradle_lockfile.invalid`
 *   for a malformed lock file of the build.
 */
export function readGradleVerification(
  text: string,
  options: {
    path: string;
    load: Load;
    files?: (folder: string) => string[] | undefined;
    list?: (folder: string) => string[] | undefined;
    excluded?: (folder: string) => boolean;
    peek?: Load;
  },
): ReaderResult {
  const { path, load, files, list, excluded, peek } = options;
  const { components, trusts } = parseVerification(text, path);
  const locks = buildLocks(path, load, files, list, excluded);
  // A platform a build script takes is locked with its POM's purl (see declaredPlatforms).
  const locked = lockedScopes(
    locks,
    (lock) => declaredPlatforms(lock, { peek, list, files }),
  );
  const out = new OutputBuilder();
  // The highest version of each module with a verified file other than metadata (Gradle
  // downloaded it): one comparison per component, not one per pair of versions of a module.
  const highestWithFiles = new Map<string, string>();
  for (const c of components) {
    if (c.artifacts.every(isAuxiliary)) continue;
    const key = `${c.group}:${c.name}`;
    const highest = highestWithFiles.get(key);
    if (highest === undefined || compareGradleVersions(c.version, highest) > 0) {
      highestWithFiles.set(key, c.version);
    }
  }
  let unscoped = 0;
  const ambiguous: number[] = []; // offsets of checksums with also-trust alternatives
  for (const component of components) {
    let type: string | undefined = verifiedType(component);
    const coordinates = {
      groupId: component.group,
      artifactId: component.name,
      version: component.version,
    };
    if (type === undefined && locked.has(gradleModuleId({ ...coordinates, type: "pom" }).purl)) {
      type = "pom";
    }
    const id = gradleModuleId({
      groupId: component.group,
      artifactId: component.name,
      version: component.version,
      type,
    });
    const { purl, ecosystem, name } = id;
    const scopes: Scope[] | undefined = locked.has(purl) ? [...locked.get(purl)!] : undefined;
    // Only a POM may be another module's metadata (a parent, an imported BOM, a plugin marker);
    // Gradle reads a `.module` file only for a module it resolves (a Kotlin Multiplatform root
    // module, whose variants are in other modules, has nothing else), and its locks list it,
    // or for a version that lost a conflict to a higher one, whose files it then downloaded.
    if (scopes === undefined && component.artifacts.length > 0) {
      if (component.artifacts.every((a) => a.name.endsWith(".pom"))) continue;
      if (isGradleSources(component)) continue;
      const highest = highestWithFiles.get(`${component.group}:${component.name}`);
      if (
        component.artifacts.every(isAuxiliary) && highest !== undefined &&
        compareGradleVersions(highest, component.version) > 0
      ) continue;
    }
    if (scopes === undefined) unscoped++;
    ambiguous.push(...component.artifacts.flatMap((a) => a.ambiguous));
    out.component({
      purl,
      ecosystem,
      name,
      version: id.version,
      hashes: purlFile(component, type)?.hashes ?? [],
      distributions: component.artifacts.map((a) => ({ file: a.name, hashes: a.hashes })),
      scopes,
      sources: [path],
    });
  }
  const result: ReaderResult = out.build();
  const warnings: string[] = [];
  if (unscoped > 0) {
    warnings.push(
      `${path}: ${unscoped} verified components are in no Gradle lock file; their scope is unknown and reported as runtime`,
    );
  }
  // Without a lock, the file is the build's only list of its modules, and it lists none that a
  // trusted key or a trust rule lets Gradle accept (25huizengek1/ical-proxy trusts the key of
  // io.ktor and lists no Ktor module).
  const first = Math.min(trusts.key ?? Infinity, trusts.rule ?? Infinity);
  if (locks.length === 0 && first !== Infinity) {
    const what = [
      trusts.keys > 0 ? `${trusts.keys} <trusted-key> entries` : [],
      trusts.rules > 0 ? `${trusts.rules} <trust> rules naming modules` : [],
    ].flat().join(" and ");
    warnings.push(
      `${path}:${lineColumn(text, first).line}: its ${what} let Gradle accept modules without ` +
        "a <component> entry, and `--write-verification-metadata pgp,sha256` writes none for " +
        "what a trusted key signs: with no Gradle lock file to list the build's modules, those " +
        "are not in the SBOM; lock the build (`dependencyLocking { lockAllConfigurations() }`, " +
        "`gradle dependencies --write-locks`) and commit its lock files",
    );
  }
  if (ambiguous.length > 0) {
    const { line } = lineColumn(text, ambiguous[0]);
    warnings.push(
      `${path}:${line}: ${ambiguous.length} checksums have <also-trust> alternatives (the first here); ` +
        "Gradle accepts any of them, so which file the build used is unknown and none is recorded",
    );
  }
  if (warnings.length > 0) result.warnings = warnings;
  // The tree root's build, verified: named by its settings script's rootProject.name (Gradle's
  // DefaultProjectDescriptor), as its locks name it, the scripts peeked at (naming it reads
  // nothing more than the search for locks does). A root lock, when there is one, names it too.
  const root = path === "gradle/verification-metadata.xml" ? gradleRootProject(peek) : undefined;
  if (root !== undefined) result.rootProject = root;
  return result;
}
