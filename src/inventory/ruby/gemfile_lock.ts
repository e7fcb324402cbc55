/**
 * Reader for Bundler's `Gemfile.lock` (and `gems.locked`), with the Gemfile
 * beside it for the groups of the direct gems.
 *
 * @module
 */

import { posix } from "../../_path.ts";
import { compareStrings } from "../../_util.ts";
import { lockFolderNode, OutputBuilder } from "../_builder.ts";
import { isOwnFolder, type LocalPlace, localPlace } from "../_paths.ts";
import { at, invalid, invalidVersion, lastLine } from "../_errors.ts";
import { gitVcsUrl } from "../_vcs.ts";
import { withoutCredentials } from "../_url.ts";
import { unlockedWarning } from "../_unlocked.ts";
import { formatPurl } from "../purl.ts";
import type { Hash, HashAlgorithm, Project, ReaderOutput, Scope } from "../types.ts";
import { ROOT_ID } from "../types.ts";
import { type Gemfile, type GemfileLoad, type GemspecCall, readGemfile } from "./_gemfile.ts";
import { type Gemspec, readGemspec } from "./_gemspec.ts";

/** Options of {@linkcode readGemfileLock}. */
export interface GemfileLockOptions {
  /** The lockfile's path relative to the project root. */
  path: string;
  /** The text of the Gemfile (or gems.rb) beside it, when there is one. */
  gemfile?: string;
  /** The Gemfile's path (for notes). */
  gemfilePath?: string;
  /** Reads a file relative to the Gemfile's folder (for `eval_gemfile`). */
  load?: GemfileLoad;
  /**
   * The lock of an alternate Gemfile (`gemfiles/rails_7.gemfile.lock` of Appraisal,
   * `Gemfile.next.lock` of a dual boot): a variant the project is tested against, so what
   * it installs is dev.
   */
  alternate?: boolean;
}

/** What {@linkcode readGemfileLock} returns: the output, the project, notes. */
export type GemfileLockResult = ReaderOutput & {
  /** The project, when the lock's `PATH "."` gem is the project itself. */
  project?: Project;
  /** Parts of the Gemfile that were not understood (`file:line: what`). */
  warnings: string[];
};

const READER = "gemfile_lock";
const SOURCES = new Set(["GEM", "GIT", "PATH", "PLUGIN SOURCE"]);
const SECTIONS = new Set([
  ...SOURCES,
  "DEPENDENCIES",
  "CHECKSUMS",
  "PLATFORMS",
  "RUBY VERSION",
  "BUNDLED WITH",
]);
/** Sections that appear once (sources may repeat). */
const SINGLE = new Set(["DEPENDENCIES", "CHECKSUMS", "PLATFORMS", "RUBY VERSION", "BUNDLED WITH"]);
/** The Bundler versions whose lockfiles vouch reads. */
const BUNDLERS = "Bundler 1.x to 4.x";
/** rubygems.org, the default gem server (its purls name no repository). */
export const RUBYGEMS = /^https?:\/\/rubygems\.org\/?$/;
/** Bundler's `NAME_VERSION`: indentation, name, `(version[-platform])`, `!`, the rest. */
const NAME_VERSION =
  /^([ ]{2}|[ ]{4}|[ ]{6})(?![ ])(.*?)(?: \(([^)\-]*)(?:-([^)]*))?\))?(!)?(?: (.*))?$/;
const GEM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const GEM_VERSION = /^[0-9]+(?:\.[0-9A-Za-z]+)*$/;
const DEV_GROUPS = new Set(["development", "test"]);

interface Source {
  kind: string;
  options: Map<string, string[]>;
  line: number;
}

interface Spec {
  name: string;
  version: string;
  platform?: string;
  source: Source;
  dependencies: string[];
  line: number;
}

interface Lock {
  specs: Spec[];
  dependencies: { name: string; line: number }[];
  checksums: Map<string, Hash[]>;
}

/**
 * Builds a `pkg:gem` purl; a platform other than `ruby` is the `platform` qualifier.
 *
 * @param name The gem name.
 * @param version The version.
 * @param qualifiers `platform`, `vcs_url`, `repository_url`.
 * @returns The purl.
 */
export function gemPurl(
  name: string,
  version?: string,
  qualifiers?: Record<string, string | undefined>,
): string {
  return formatPurl({ type: "gem", name, version, qualifiers });
}

function fullName(name: string, version: string, platform: string | undefined): string {
  return platform === undefined ? `${name}-${version}` : `${name}-${version}-${platform}`;
}

function parseChecksums(text: string, fail: (what: string) => Error): Hash[] {
  return text.split(",").map((item) => {
    const m = /^([a-z0-9]+)=([0-9a-f]+)$/.exec(item.trim());
    if (!m || !["sha1", "sha256", "sha384", "sha512", "md5"].includes(m[1])) {
      throw fail(`checksum "${item.trim()}" is not \`algorithm=hex\``);
    }
    return { alg: m[1] as HashAlgorithm, hex: m[2] };
  });
}

/** Whether two sections name one source: the same kind and the same options, as written. */
function sameSource(a: Source, b: Source): boolean {
  if (a.kind !== b.kind || a.options.size !== b.options.size) return false;
  for (const [key, values] of a.options) {
    if (b.options.get(key)?.join("\n") !== values.join("\n")) return false;
  }
  return true;
}

/** Decodes the lockfile line by line, the way Bundler's parser reads it. */
function decode(text: string, path: string): Lock {
  const lock: Lock = { specs: [], dependencies: [], checksums: new Map() };
  const seenSections = new Set<string>();
  const seenSpecs = new Map<string, Spec>();
  // Specs of a section that repeats another one's (Bundler 1.1 wrote a GIT section once per gem
  // declared from it): checked once their dependency lines are read.
  const repeats: Spec[] = [];
  let section: string | undefined;
  let source: Source | undefined;
  let inSpecs = false;
  let spec: Spec | undefined;
  const lines = text.split("\n");
  lines.forEach((raw, index) => {
    const line = index + 1;
    const fail = (what: string): Error => invalid(READER, at(path, line), what);
    const body = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (body.trim() === "") return;
    if (!body.startsWith(" ")) {
      if (!SECTIONS.has(body)) {
        throw fail(
          /^[A-Z][A-Z ]*$/.test(body)
            ? `section "${body}" is not one of a Gemfile.lock of ${BUNDLERS} (a newer Bundler?)`
            : `"${body.slice(0, 40)}" is not a section of a Gemfile.lock`,
        );
      }
      if (SINGLE.has(body) && seenSections.has(body)) throw fail(`section ${body} appears twice`);
      seenSections.add(body);
      section = body;
      source = SOURCES.has(body) ? { kind: body, options: new Map(), line } : undefined;
      inSpecs = false;
      spec = undefined;
      return;
    }
    if (section === undefined) throw fail("an indented line before any section");
    if (source) {
      const option = /^ {2}([a-z_]+): (.*)$/i.exec(body);
      if (!inSpecs && option) {
        const values = source.options.get(option[1]) ?? [];
        if (values.length > 0 && option[1] !== "remote") {
          throw fail(`option "${option[1]}" is written twice`);
        }
        source.options.set(option[1], [...values, option[2]]);
        return;
      }
      if (body === "  specs:") {
        if (inSpecs) throw fail("`specs:` is written twice");
        inSpecs = true;
        return;
      }
      const m = NAME_VERSION.exec(body);
      if (!inSpecs || !m || (m[1].length === 4 && m[3] === undefined) || m[1].length === 2) {
        throw fail(`"${body.trim().slice(0, 60)}" is not a spec line`);
      }
      if (m[1].length === 4) {
        if (m[5] !== undefined || m[6] !== undefined) {
          throw fail(`"${body.trim()}" is not a spec line`);
        }
        if (!GEM_NAME.test(m[2]) || !GEM_VERSION.test(m[3])) {
          throw fail(`"${body.trim()}" is not a gem name and version`);
        }
        const key = fullName(m[2], m[3], m[4]);
        const first = seenSpecs.get(key);
        // No Bundler writes a spec twice in one section (it writes each source's specs once,
        // sorted and unique): a lock so written was edited or merged by hand.
        if (first?.source === source) throw fail(`gem ${key} is locked twice`);
        spec = { name: m[2], version: m[3], platform: m[4], source, dependencies: [], line };
        if (first === undefined) {
          seenSpecs.set(key, spec);
          lock.specs.push(spec);
        } else repeats.push(spec);
        return;
      }
      if (spec === undefined || !GEM_NAME.test(m[2])) {
        throw fail(`"${body.trim()}" is not a dependency of a spec`);
      }
      spec.dependencies.push(m[2]);
      return;
    }
    if (section === "DEPENDENCIES") {
      const m = NAME_VERSION.exec(body);
      if (!m || m[1].length !== 2 || !GEM_NAME.test(m[2]) || m[6] !== undefined) {
        throw fail(`"${body.trim()}" is not a dependency`);
      }
      lock.dependencies.push({ name: m[2], line });
    } else if (section === "CHECKSUMS") {
      const m = NAME_VERSION.exec(body);
      if (!m || m[1].length !== 2 || m[3] === undefined || m[5] !== undefined) {
        throw fail(`"${body.trim()}" is not a checksum line`);
      }
      const key = fullName(m[2], m[3], m[4]);
      if (lock.checksums.has(key)) throw fail(`the checksum of ${key} is written twice`);
      lock.checksums.set(key, m[6] === undefined ? [] : parseChecksums(m[6], fail));
    } else if (section === "PLATFORMS") {
      if (!/^ {2}[\w.-]+$/.test(body)) throw fail(`"${body.trim()}" is not a platform`);
    } else if (section === "BUNDLED WITH") {
      const version = /^ +([0-9]+)(?:\.[0-9A-Za-z]+)*$/.exec(body);
      if (!version) throw fail(`"${body.trim()}" is not a Bundler version`);
      const major = Number(version[1]);
      if (major < 1 || major > 4) {
        throw invalidVersion(READER, at(path, line), `BUNDLED WITH ${body.trim()}`, BUNDLERS);
      }
    }
  });
  // Bundler 1.1 wrote a GIT section once per gem the Gemfile declares from that repository
  // (MSch/bundlerbug: `activerecord` and `activesupport` from rails.git, each section listing the
  // repository's specs), and Bundler reads such a lock: its LockfileParser#parse_spec keys the
  // specs by full name, so a repeat is the same gem (rubygems/rubygems,
  // bundler/lib/bundler/lockfile_parser.rb). A spec repeated from the same source with the same
  // dependencies is that one gem; one from another source or with others no Bundler writes.
  for (const repeat of repeats) {
    const key = fullName(repeat.name, repeat.version, repeat.platform);
    const first = seenSpecs.get(key)!;
    if (
      !sameSource(first.source, repeat.source) ||
      first.dependencies.join("\n") !== repeat.dependencies.join("\n")
    ) {
      throw invalid(READER, at(path, repeat.line), `gem ${key} is locked twice`);
    }
  }
  // Bundler 2.5+, the one that writes CHECKSUMS, ends every lock with BUNDLED WITH (which
  // Bundler writes since 1.10): a lock with the one and not the other is cut short.
  const required = seenSections.has("CHECKSUMS")
    ? ["DEPENDENCIES", "PLATFORMS", "BUNDLED WITH"]
    : ["DEPENDENCIES", "PLATFORMS"];
  for (const section of required) {
    if (!seenSections.has(section)) {
      throw invalid(
        READER,
        at(path, lastLine(text)),
        `no ${section} section: the file is truncated or not a Gemfile.lock`,
      );
    }
  }
  return lock;
}

/**
 * Scope and groups of a direct gem, from its Gemfile declarations. In a gem's
 * own repository (a `PATH "."` gem) the Gemfile sets up development: what the
 * gem needs at run time is its gemspec's dependencies (the edges of the root),
 * so a gem the Gemfile declares is dev there, in its default group or any other (`:guard`,
 * `:ci`): nothing of the Gemfile ships with the gem.
 */
export function declaredScopes(
  gemfile: Gemfile | undefined,
  name: string,
  gemProject: boolean,
): { scopes: Scope[]; groups: string[] } {
  const runtime: Scope = gemProject ? "dev" : "runtime";
  const declarations = gemfile?.gems.get(name);
  if (declarations === undefined) return { scopes: [runtime], groups: [] };
  const scopes = new Set<Scope>();
  const groups = new Set<string>();
  for (const { groups: list } of declarations) {
    for (const g of list) if (g !== "default") groups.add(g);
    const others = list.filter((g) => !DEV_GROUPS.has(g));
    if (others.length === 0) scopes.add("dev");
    else if (others.every((g) => gemfile!.optionalGroups.has(g))) scopes.add("optional");
    else scopes.add(runtime);
  }
  return { scopes: [...scopes], groups: [...groups] };
}

/**
 * The warning for the gems the Gemfile declares for sure (outside conditions and blocks vouch
 * does not evaluate) that the lock's `DEPENDENCIES` does not list: Bundler lists every one
 * there, so the lock is older than the Gemfile, or cut short (`bundle install --frozen`
 * refuses it).
 */
function unlockedGems(
  gemfile: Gemfile | undefined,
  lock: Lock,
  paths: { gemfilePath: string; path: string },
): string[] {
  if (gemfile === undefined) return [];
  const listed = new Set(lock.dependencies.map(({ name }) => name));
  const unlocked = [...gemfile.gems]
    .filter(([name, declared]) => !listed.has(name) && declared.some((d) => !d.conditional))
    .map(([name]) => name)
    .sort(compareStrings);
  return unlocked.length === 0 ? [] : [
    unlockedWarning(paths.gemfilePath, unlocked, { lock: paths.path, install: "bundle install" }),
  ];
}

/**
 * The gemspec a `gemspec` call names, as the lock records it: the one `PATH` gem locked from
 * the call's folder (of its `name:`, if given) whose `<name>.gemspec` is there; undefined when
 * that cannot be told (a computed option, no loader, none or several).
 */
function lockedGemspec(
  call: GemspecCall,
  lock: Lock,
  options: { load?: GemfileLoad },
): { name: string; text: string; folder: string } | undefined {
  if (call.computed || options.load === undefined) return undefined;
  const folder = posix.normalize(call.path ?? ".").replace(/\/$/, "");
  const from = (spec: Spec): string =>
    posix.normalize(spec.source.options.get("remote")?.[0] ?? ".").replace(/\/$/, "");
  const names = new Set(
    lock.specs.filter((s) => s.source.kind === "PATH" && from(s) === folder)
      .map((s) => s.name).filter((name) => call.name === undefined || name === call.name),
  );
  const found = [...names].flatMap((name) => {
    const text = options.load!(posix.join(folder, `${name}.gemspec`));
    return text === undefined ? [] : [{ name, text, folder }];
  });
  return found.length === 1 ? found[0] : undefined;
}

/**
 * The Gemfile with the development dependencies of the gemspecs its `gemspec` calls name
 * declared in their groups: Bundler's `Dsl#gemspec` declares each in the call's
 * `development_group` (`:development` by default), so `DEPENDENCIES` lists it, unless the
 * Gemfile declares the gem itself, whose declaration Bundler keeps. A gemspec in a sub-folder
 * (`gemspec path: "vite_ruby"`, a repository of several gems) makes no gem project, whose
 * Gemfile is all dev anyway: there they are dev, not the runtime of the Gemfile's default group.
 * A computed `development_group:` (`development_group: ENV["CI"] ? :ci : :development`) names
 * a group vouch cannot tell: those dependencies keep the default group, with a note naming the
 * call.
 */
function withGemspecDevelopment(
  gemfile: Gemfile | undefined,
  lock: Lock,
  options: { gemfilePath: string; load?: GemfileLoad },
): Gemfile | undefined {
  if (gemfile === undefined) return undefined;
  const gems = new Map(gemfile.gems);
  const notes = [...gemfile.notes];
  for (const call of gemfile.gemspecs) {
    const found = lockedGemspec(call, lock, options);
    if (!found) continue;
    const where = posix.join(
      posix.dirname(options.gemfilePath),
      found.folder,
      `${found.name}.gemspec`,
    );
    let dependencies: Gemspec["dependencies"];
    try {
      dependencies = readGemspec(found.text, where, undefined).dependencies;
    } catch {
      continue; // refused by the static reading: the gems keep the Gemfile's groups
    }
    const development = dependencies.filter(({ name, scope }) =>
      scope === "dev" && !gemfile.gems.has(name)
    ).map(({ name }) => name);
    if (call.developmentGroups === undefined) {
      if (development.length > 0) {
        notes.push(
          `${call.where}: \`gemspec\`'s \`development_group:\` is computed, so the group Bundler ` +
            `declares ${where}'s development dependencies in cannot be told: ` +
            `${development.join(", ")} ${development.length === 1 ? "keeps" : "keep"} the ` +
            "Gemfile's default group",
        );
      }
      continue;
    }
    for (const name of development) {
      const declaration = { groups: call.developmentGroups, requirements: [], where };
      gems.set(name, [...(gems.get(name) ?? []), declaration]);
    }
  }
  return { ...gemfile, gems, notes };
}

/**
 * The warning for the dependencies of the gemspec a `gemspec` call names that the lock
 * does not lock at all: Bundler's `Dsl#gemspec` adds the gemspec's development dependencies to
 * the Gemfile's (`DEPENDENCIES` lists them, unless the Gemfile declares the gem itself, whose
 * declaration Bundler keeps), and the lock's `PATH` spec of the gem lists its runtime ones, so
 * each is locked; one that is not is a lock older than the gemspec (`bundle install --frozen`
 * refuses it). Those in a condition vouch does not evaluate are left out: Bundler may not have
 * met it. One the lock locks for another gem but does not list there is a lock older than the
 * gemspec too (see below): a warning of its own, as the gem is in the SBOM.
 */
function unlockedGemspec(
  gemfile: Gemfile,
  call: GemspecCall,
  lock: Lock,
  options: { gemfilePath: string; path: string; load?: GemfileLoad },
): string[] {
  const found = lockedGemspec(call, lock, options);
  if (found === undefined) return [];
  const { name, text, folder } = found;
  const gemspecPath = posix.join(posix.dirname(options.gemfilePath), folder, `${name}.gemspec`);
  const locked = new Set(lock.specs.map((s) => s.name));
  let dependencies: Gemspec["dependencies"];
  try {
    dependencies = readGemspec(text, gemspecPath, undefined).dependencies;
  } catch {
    // A gemspec its static reading refuses (a block it never ends) tells nothing here: the lock
    // is read as before, without this check.
    return [];
  }
  // Bundler never locks itself (the running Bundler is the `bundler` gem; the lock records its
  // version under BUNDLED WITH), though DEPENDENCIES lists a gemspec's `bundler`.
  const declared = dependencies
    .filter((d) => !d.conditional && d.name !== "bundler")
    .filter((d) => d.scope !== "dev" || !gemfile.gems.has(d.name));
  const unlocked = declared.filter((d) => !locked.has(d.name)).map((d) => d.name);
  // One locked for another gem, but missing where Bundler records it for the gemspec (the PATH
  // spec's dependencies, `DEPENDENCIES`), is as new: Bundler's `Definition#specs_changed?`
  // (`Index#subset?` compares each locked spec's dependencies with the gemspec's runtime ones;
  // `dependencies_for_source_changed?` the Gemfile's with `DEPENDENCIES`) sees the gemspec
  // changed and resolves again (`bundle install --frozen` refuses it).
  const listedFor = new Set(
    lock.specs.filter((s) => s.name === name && s.source.kind === "PATH")
      .flatMap((s) => s.dependencies),
  );
  const listed = new Set(lock.dependencies.map((d) => d.name));
  const unlisted = declared
    .filter((d) => locked.has(d.name))
    .filter((d) => !(d.scope === "dev" ? listed : listedFor).has(d.name))
    .map((d) => d.name);
  const sorted = [...new Set(unlocked)].sort(compareStrings);
  const stale = [...new Set(unlisted)].sort(compareStrings);
  return [
    ...(sorted.length === 0 ? [] : [
      unlockedWarning(gemspecPath, sorted, { lock: options.path, install: "bundle install" }),
    ]),
    ...(stale.length === 0 ? [] : [
      `${gemspecPath} declares ${stale.join(", ")}, which ${options.path} locks for other gems ` +
      `but not as ${stale.length === 1 ? "a dependency" : "dependencies"} of ${name}: ` +
      `the lock is older than the gemspec, and the SBOM has no edge from ${name} to ` +
      `${stale.length === 1 ? "it" : "them"}; run \`bundle install\` to update the lock`,
    ]),
  ];
}

/**
 * Reads a `Gemfile.lock`: every spec of its `GEM`, `GIT`, `PATH` and `PLUGIN
 * SOURCE` sections, one component per name, version and platform (the
 * platform is the purl's `platform` qualifier), with the sha256 of the
 * Bundler 2.5+ `CHECKSUMS` section, the `.gem` download URL (registry gems)
 * or the git `vcs_url` at the locked revision, and the dependency edges.
 * `DEPENDENCIES` are the direct gems; the Gemfile tells their groups
 * (`development` / `test` only → dev; `optional: true` groups → optional; in
 * a gem's own repository, where the gemspec's dependencies are the runtime
 * ones, the Gemfile's default group → dev too).
 * In a subfolder, a Gemfile that is no gem's is a project of its own (a Rails app in
 * `web/`, a Jekyll site in `docs/`), as a Pipfile is: its direct gems hang from a member
 * `workspace:<folder>`, which the root depends on.
 * A `PATH` gem of the project itself is the root or a {@linkcode Member}; one
 * under `vendor/` (or outside the project) is a third-party component. The
 * lock of an alternate Gemfile (`alternate`, or one that locks the project's gem from a
 * folder above that has its own Gemfile) installs dev gems only.
 *
 * @example
 * ```ts
 * import { readGemfileLock } from "./gemfile_lock.ts";
 * const lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    rake (13.2.1)\n\n" +
 *   "PLATFORMS\n  ruby\n\nDEPENDENCIES\n  rake\n";
 * readGemfileLock(lock, { path: "Gemfile.lock" }).components[0].purl; // "pkg:gem/rake@13.2.1"
 * ```
 *
 * @param text The lockfile's text.
 * @param options Its path, the Gemfile beside it and a loader for `eval_gemfile`.
 * @returns Members, components, edges, the project (for a gem project) and notes.
 * @throws {VouchError} `inventory.gemfile_lock.invalid` for malformed or
 *   truncated content, duplicate specs or sections, an unknown section or a
 *   `BUNDLED WITH` version other than 1.x to 4.x.
 */
export function readGemfileLock(text: string, options: GemfileLockOptions): GemfileLockResult {
  const { path } = options;
  const lock = decode(text, path);
  const gemfilePath = options.gemfilePath ?? posix.join(posix.dirname(path), "Gemfile");
  const gemfile = options.gemfile === undefined
    ? undefined
    : readGemfile(options.gemfile, gemfilePath, options.load ?? (() => undefined));
  const builder = new OutputBuilder();
  const byName = new Map<string, string[]>();
  let project: Project | undefined;
  const rootGem = projectGem(lock, path, options.load);
  const alternate = options.alternate === true ||
    lock.specs.some((s) => s.name === rootGem && lockedFromAbove(s, path, options.load));
  const members = new Set<string>();
  const ids = lock.specs.map((spec) => {
    const id = mapSpec(builder, spec, { lock, path, rootGem, members });
    if (id === ROOT_ID) {
      project = { name: spec.name, version: spec.version, purl: gemPurl(spec.name, spec.version) };
    }
    const list = byName.get(spec.name);
    if (list) list.push(id);
    else byName.set(spec.name, [id]);
    return id;
  });
  // The Gemfile's project: its gem, else (a Gemfile that is a project of its own in a
  // subfolder) a member for its folder, as a Pipfile's; an alternate Gemfile's is the root's.
  const self = rootGem === undefined && !alternate ? lockFolderNode(builder, path) : ROOT_ID;
  // In an alternate Gemfile's lock, even the project's own gems need their dependencies only there.
  const needs: Scope = alternate ? "dev" : "runtime";
  const scoping = withGemspecDevelopment(gemfile, lock, { gemfilePath, load: options.load });
  const declared = new Map(lock.dependencies.map(({ name }) => {
    const scopes = declaredScopes(scoping, name, project !== undefined);
    return [name, alternate ? { ...scopes, scopes: ["dev" as Scope] } : scopes];
  }));
  const memberNeeds = needsOfMembers(lock, { ids, byName, members, declared, needs });
  lock.specs.forEach((spec, i) => {
    for (const dep of spec.dependencies) {
      for (const to of byName.get(dep) ?? []) {
        for (const scope of memberNeeds.get(ids[i]) ?? [needs]) builder.edge(ids[i], to, scope);
      }
    }
  });
  for (const [name, { scopes, groups }] of declared) {
    for (const to of byName.get(name) ?? []) {
      for (const scope of scopes) builder.edge(self, to, scope);
      if (to !== ROOT_ID) builder.declare(to, groups);
    }
  }
  builder.propagateScopes();
  const output = builder.build({ directFromEdges: true });
  const result: GemfileLockResult = {
    ...output,
    warnings: [
      ...(scoping?.notes ?? []),
      ...severalRemotes(lock, path),
      ...unlockedGems(gemfile, lock, { gemfilePath, path }),
      ...(gemfile?.gemspecs ?? []).flatMap((call) =>
        unlockedGemspec(gemfile!, call, lock, { gemfilePath, path, load: options.load })
      ),
    ],
  };
  if (project) result.project = project;
  return result;
}

/**
 * The scopes with which each member (a gem of the project's own tree) is needed: those the
 * Gemfile declares it with, else those of the gems of the project that depend on it. A member's
 * dependencies are needed only so: those of a `path:` gem in an optional group (discourse's
 * `group :migrations, optional: true`) are not installed by default, nor are those of one in a
 * dev group in production.
 */
function needsOfMembers(
  lock: Lock,
  graph: {
    ids: string[];
    byName: Map<string, string[]>;
    members: Set<string>;
    declared: Map<string, { scopes: Scope[] }>;
    needs: Scope;
  },
): Map<string, Set<Scope>> {
  const { ids, byName, members, declared, needs } = graph;
  const found = new Map<string, Set<Scope>>();
  const add = (id: string, scopes: Iterable<Scope>): boolean => {
    if (!members.has(id)) return false;
    const set = found.get(id) ?? new Set<Scope>();
    const size = set.size;
    for (const scope of scopes) set.add(scope);
    found.set(id, set);
    return set.size > size;
  };
  for (const [name, { scopes }] of declared) {
    for (const id of byName.get(name) ?? []) add(id, scopes);
  }
  // The project's gem (the root) needs its dependencies; a member, as it is needed. A member
  // whose scopes grow passes them on again (a pass over every spec until none changed took
  // time quadratic in a chain of path gems listed from its end).
  const specsOf = new Map<string, Spec[]>();
  lock.specs.forEach((spec, i) => {
    const known = specsOf.get(ids[i]);
    if (known) known.push(spec);
    else specsOf.set(ids[i], [spec]);
  });
  const queue = [ROOT_ID, ...found.keys()];
  for (let at = 0; at < queue.length; at++) {
    const scopes = queue[at] === ROOT_ID ? [needs] : found.get(queue[at])!;
    for (const spec of specsOf.get(queue[at]) ?? []) {
      for (const dep of spec.dependencies) {
        for (const id of byName.get(dep) ?? []) if (add(id, scopes)) queue.push(id);
      }
    }
  }
  return found;
}

/**
 * A warning for each `GEM` section with several remotes, one of them not rubygems.org (Bundler
 * before 2.2 wrote every global source in one section): which one served a gem is not
 * recorded, so its purl names no repository, which reads as rubygems.org.
 */
function severalRemotes(lock: Lock, path: string): string[] {
  const sources = new Map<Source, string[]>();
  for (const spec of lock.specs) {
    const remotes = spec.source.options.get("remote") ?? [];
    if (spec.source.kind !== "GEM" || remotes.length < 2) continue;
    if (remotes.every((r) => RUBYGEMS.test(r))) continue;
    const names = sources.get(spec.source);
    if (names) names.push(spec.name);
    else sources.set(spec.source, [spec.name]);
  }
  return [...sources].map(([source, names]) =>
    `${path}:${source.line}: this GEM section has several remotes (${
      source.options.get("remote")!.map(withoutCredentials).join(", ")
    }) and does not record which one served each gem, so the purls of its ${names.length} gems ` +
    `name no repository (pkg:gem reads as rubygems.org): relock with Bundler 2.2 or later, which ` +
    `writes one section per source`
  );
}

/**
 * Whether a `PATH` folder is the project's: the lockfile's own folder (`remote: .`) or the
 * tree's root (`remote: ..` of an alternate Gemfile's lock in `gemfiles/`).
 */
function isProjectFolder(place: LocalPlace): boolean {
  return place.kind === "self" || place.path === ".";
}

/** Whether a spec is a gem of the project's folder (see {@linkcode isProjectFolder}). */
function isOwnGem(spec: Spec, path: string): boolean {
  const remote = spec.source.options.get("remote")?.[0] ?? ".";
  return spec.source.kind === "PATH" && isProjectFolder(localPlace(path, remote));
}

/**
 * Whether the project's gem is locked from a folder above the lockfile's that has a Gemfile
 * (or gems.rb) of its own: then this Gemfile is an alternate one, a variant the project is
 * tested against (activeadmin's `gemfiles/rails_80/Gemfile` with `gemspec path: "../.."`).
 */
function lockedFromAbove(spec: Spec, path: string, load: GemfileLoad | undefined): boolean {
  const remote = spec.source.options.get("remote")?.[0] ?? ".";
  if (spec.source.kind !== "PATH" || localPlace(path, remote).kind === "self") return false;
  return ["Gemfile", "gems.rb"].some((name) => load?.(posix.join(remote, name)) !== undefined);
}

/**
 * The gem that is the project itself, among those of the lockfile's own
 * folder: the only one, or (a repository of several gems, like Rails, whose
 * `PATH "."` lists every gemspec Bundler found there and in its sub-folders)
 * the one whose `<name>.gemspec` is in that folder; the others are members.
 */
function projectGem(lock: Lock, path: string, load: GemfileLoad | undefined): string | undefined {
  const own = new Set(lock.specs.filter((s) => isOwnGem(s, path)).map((s) => s.name));
  if (own.size <= 1) return [...own][0];
  return [...own].find((name) => load?.(`${name}.gemspec`) !== undefined);
}

/** Adds one spec: a component, a member, or the root; returns its node id. */
function mapSpec(
  builder: OutputBuilder,
  spec: Spec,
  context: { lock: Lock; path: string; rootGem: string | undefined; members: Set<string> },
): string {
  const { lock, path } = context;
  const { name, version, platform, source } = spec;
  const remote = source.options.get("remote") ?? [];
  const qualifiers: Record<string, string | undefined> = { platform };
  let downloadLocation: string | undefined;
  if (source.kind === "PATH") {
    const place = localPlace(path, remote[0] ?? ".");
    if (isProjectFolder(place) && name === context.rootGem) return ROOT_ID;
    // A gem copied under vendor/ is third-party code kept in the tree: a component.
    if (isOwnFolder(place)) {
      const id = gemPurl(name, version, qualifiers);
      context.members.add(id);
      return builder.member({ id, name, version, purl: id });
    }
  } else if (source.kind === "GIT" && remote.length > 0) {
    downloadLocation = gitVcsUrl(remote[0], source.options.get("revision")?.[0]);
    qualifiers.vcs_url = downloadLocation;
  } else if (source.kind === "PLUGIN SOURCE" && remote.length > 0) {
    // A source a Bundler plugin defines (`source "s3://bucket", type: "aws-s3"`): the gem is
    // served from its `remote` (Bundler::Plugin::API::Source#to_lock writes it), not rubygems.org.
    qualifiers.repository_url = remote[0];
  } else if (source.kind === "GEM" && remote.length === 1) {
    // With several remotes (old lockfiles) the one that served the gem is unknown.
    if (!RUBYGEMS.test(remote[0])) qualifiers.repository_url = remote[0];
    downloadLocation = `${remote[0].replace(/\/?$/, "/")}gems/${
      fullName(name, version, platform)
    }.gem`;
  }
  return builder.component({
    purl: gemPurl(name, version, qualifiers),
    ecosystem: "gem",
    name,
    version,
    hashes: lock.checksums.get(fullName(name, version, platform)) ?? [],
    downloadLocation,
    sources: [path],
  });
}
