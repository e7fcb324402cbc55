/**
 * Reader for a `Gemfile` (or `gems.rb`) that no lock beside it resolves (a
 * gem's repository, which commits none): its declarations and those of the
 * gemspec it names, "declared, not resolved".
 *
 * @module
 */

import { posix } from "../../_path.ts";
import { OutputBuilder } from "../_builder.ts";
import { gitVcsUrl } from "../_vcs.ts";
import { localPlace } from "../_paths.ts";
import type { ReaderContext, ReaderResult } from "../_reader.ts";
import type { Scope } from "../types.ts";
import { ROOT_ID } from "../types.ts";
import { type GemOrigin, type GemspecCall, readGemfile } from "./_gemfile.ts";
import { declaredScopes, gemPurl, RUBYGEMS } from "./gemfile_lock.ts";
import { gemSatisfies } from "./_gem_version.ts";
import { computedRequirement, type Gemspec, readGemspec } from "./_gemspec.ts";

/** Options of {@linkcode readGemfileManifest}. */
export interface GemfileOptions extends Pick<ReaderContext, "load" | "files"> {
  /** The file's path relative to the project root. */
  path: string;
  /** The release: the gem's version when its gemspec states none literally. */
  release?: string;
  /**
   * An alternate Gemfile (Appraisal's `gemfiles/rails_7.1.gemfile`): a variant the project is
   * tested against, so what it declares is dev, as what its lock locks is.
   */
  alternate?: boolean;
}

/**
 * An exact requirement: `1.2.3`, `= 1.2.3`. Not `= 7.1`: RubyGems compares versions without
 * their trailing zeros, so it installs `7.1.0`, a version the file does not write.
 */
const EXACT = /^(?:=\s*)?(\d+\.\d+\.[0-9A-Za-z]+(?:\.[0-9A-Za-z]+)*)$/;

/** The version of a gem pinned to one (`"1.2.3"`, `"= 1.2.3"`), else undefined. */
function pinned(requirements: readonly string[]): string | undefined {
  return requirements.length === 1 ? EXACT.exec(requirements[0])?.[1] : undefined;
}

/** Bundler's `GITHUB_PULL_REQUEST_URL`: a `github:` value naming a pull request, not a repository. */
const GITHUB_PULL_REQUEST =
  /^https:\/\/github\.com\/([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)\/pull\/(\d+)$/;

/**
 * The qualifiers of a gem from `origin`: a git repository's `vcs_url` (GitHub's `owner/repo`
 * shorthand is its https URL, a pull request's URL its repository at the pull request's head) at
 * the revision its `ref:`, `branch:` or `tag:` names, a gem
 * server's `repository_url` (rubygems.org is the default).
 */
function originQualifiers(origin: GemOrigin | undefined): Record<string, string> {
  if (origin?.value === undefined) return {};
  if (origin.kind === "git") return { vcs_url: gitVcsUrl(origin.value, origin.ref) };
  if (origin.kind === "github") {
    // A pull request's URL is its repository at the pull request's head: Bundler's `github`
    // git_source gives `GITHUB_PULL_REQUEST_URL` `"branch" => "refs/pull/#{$2}/head"`.
    const pull = GITHUB_PULL_REQUEST.exec(origin.value);
    if (pull !== null) {
      return {
        vcs_url: gitVcsUrl(`https://github.com/${pull[1]}.git`, `refs/pull/${pull[2]}/head`),
      };
    }
    const repo = /^[\w.-]+$/.test(origin.value) ? `${origin.value}/${origin.value}` : origin.value;
    return { vcs_url: gitVcsUrl(`https://github.com/${repo}.git`, origin.ref) };
  }
  if (origin.kind === "source" && !RUBYGEMS.test(origin.value)) {
    return { repository_url: origin.value };
  }
  return {};
}

/**
 * The gemspec a `gemspec` call names, as Bundler finds it: `name.gemspec` with `name:`, else the
 * only `*.gemspec`, in the folder of `path:` (the Gemfile's by default); a file of that folder
 * (a link is none), never one outside the project. Else why none.
 */
function gemspecFile(
  gemfilePath: string,
  call: GemspecCall,
  files: GemfileOptions["files"],
): string | { why: string } {
  if (call.computed) return { why: "names its gemspec by a computed `name:` or `path:`" };
  const place = localPlace(gemfilePath, call.path ?? ".");
  if (place.kind === "outside") {
    return { why: `names the folder ${call.path}, outside the project` };
  }
  const folder = place.path!;
  const names = (files?.(folder === "." ? "" : folder) ?? []).filter((f) => f.endsWith(".gemspec"))
    .filter((f) => call.name === undefined || f === `${call.name}.gemspec`);
  if (names.length === 1) return posix.join(folder, names[0]);
  const which = call.name === undefined ? "*.gemspec" : `${call.name}.gemspec`;
  const where = folder === posix.dirname(gemfilePath) ? "beside it" : `in ${folder}`;
  return { why: `names ${names.length === 0 ? "no" : "several"} ${which} ${where}` };
}

/**
 * Reads a Gemfile (or gems.rb) that no lock resolves: each `gem` is a
 * component without a version (its requirements, `~> 1.0, >= 1.0.1`, are the
 * specifier; one exact `1.2.3` is its version), in the groups it is declared
 * in (`development` / `test` only: dev; `optional: true` groups: optional); a
 * `git:` / `github:` gem carries its repository as `vcs_url`, one of another
 * gem server its `repository_url`; a `path:` gem is the project's own or
 * vendored code and is left out with a warning. With `gemspec`, the gemspec
 * it names (`name:`, `path:` inside the project; by default the only
 * `*.gemspec` beside it) is the project: its
 * `add_dependency` / `add_runtime_dependency` are runtime,
 * `add_development_dependency` dev (unless the Gemfile declares that gem: Bundler prefers the
 * Gemfile's declaration), and the Gemfile's default group is dev; the gemspec each further
 * `gemspec` call names (a repository of several gems) gives its dependencies too, but for those
 * on the project's own gems; a gem
 * both ask for that no pin settles has all their ranges as its specifier
 * (Bundler resolves one version that meets them all).
 * What is not plain declarations (a condition, a computed name, a block vouch
 * does not evaluate) is a warning, never guessed. Only the lock of its own
 * folder resolves it (`standsAlone`). An `alternate` Gemfile's declarations are all dev.
 *
 * @example
 * ```ts
 * import { readGemfileManifest } from "./gemfile.ts";
 * const text = 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\n';
 * const out = readGemfileManifest(text, { path: "Gemfile", load: () => undefined });
 * out.components[0].purl; // "pkg:gem/rails"
 * out.components[0].specifier; // "~> 7.1"
 * ```
 *
 * @param text The file's text.
 * @param options Its path, `load` (`eval_gemfile`, the gemspec), `files` and the release.
 * @returns Components, root edges, the gem as project, and warnings.
 */
export function readGemfileManifest(text: string, options: GemfileOptions): ReaderResult {
  const { path, load } = options;
  const folder = posix.dirname(path);
  const beside = (rel: string): string => posix.join(folder, rel);
  const gemfile = readGemfile(text, path, (rel) => load(beside(rel)));
  const notes = [...gemfile.notes];
  // The first gemspec is the project; each further one (`gemspec path: "vite_rails"` after
  // `gemspec path: "vite_ruby"`, a repository of several gems) is another gem of it, whose
  // dependencies Bundler adds as it adds the first's.
  let spec: Gemspec | undefined;
  const more: Gemspec[] = [];
  const own = new Set<string>();
  gemfile.gemspecs.forEach((call, i) => {
    const found = gemspecFile(path, call, options.files);
    const gemspecText = typeof found === "string" ? load(found) : undefined;
    if (gemspecText === undefined) {
      const why = typeof found === "string" ? `names ${found}, which cannot be read` : found.why;
      notes.push(`${path}: \`gemspec\` ${why}: its dependencies are not in the SBOM`);
      return;
    }
    const read = readGemspec(gemspecText, found as string, i === 0 ? options.release : undefined);
    own.add(read.project?.name ?? posix.basename(found as string).replace(/\.gemspec$/, ""));
    if (i === 0) spec = read;
    else more.push(read);
  });
  // Spaces, not `\s` (lines of blank lines, each tried to the end of the file, took 28 s for
  // 200 KB); each run of them has one place in the pattern.
  const global = /^[ \t]*source[ \t]*(?:\([ \t]*)?['"]([^'"\n]+)['"][ \t]*(?:\)[ \t]*)?\r?$/m
    .exec(text)?.[1];
  // A development dependency of the gemspec that the Gemfile declares too is the Gemfile's
  // declaration: Bundler's Dsl drops the gemspec's ("Always prefer the dependency from the
  // Gemfile"), its requirement with it.
  const specDependencies = [spec, ...more].flatMap((read) => read?.dependencies ?? [])
    .filter((d) => !own.has(d.name) && (d.scope !== "dev" || !gemfile.gems.has(d.name)));
  // Bundler installs one version of a gem for the whole bundle: a range the gemspec writes
  // (`< 2`, runtime) and a pin the Gemfile writes (`1.3.4`, dev) are one gem, at the pin, where
  // it is the one pin of that gem from the default source and satisfies the range.
  const pins = new Map<string, Set<string>>();
  const pin = (name: string, requirements: readonly string[]): void => {
    const version = pinned(requirements);
    if (version !== undefined) pins.set(name, (pins.get(name) ?? new Set()).add(version));
  };
  for (const d of specDependencies) pin(d.name, d.requirements);
  for (const [name, declarations] of gemfile.gems) {
    for (const d of declarations) if (d.origin === undefined) pin(name, d.requirements);
  }
  // Bundler resolves one version that meets every requirement on a gem, the gemspec's (the
  // gem's own dependencies) and the Gemfile's alike: a gem that no pin settles is one
  // component whose specifier is all its ranges (`~> 2.2` of the gemspec, `>= 2.2.4` of the
  // Gemfile), not the first one read.
  const ranges = new Map<string, string[]>();
  const range = (name: string, requirements: readonly string[]): void => {
    if (pinned(requirements) !== undefined) return;
    const all = ranges.get(name) ?? [];
    ranges.set(name, all.concat(requirements.filter((r) => !all.includes(r))));
  };
  for (const d of specDependencies) range(d.name, d.requirements);
  for (const [name, declarations] of gemfile.gems) {
    for (const d of declarations) if (d.origin === undefined) range(name, d.requirements);
  }
  const joined = (name: string, requirements: readonly string[]): string | undefined => {
    const only = pins.get(name);
    const version = only?.size === 1 ? [...only][0] : undefined;
    return version !== undefined && gemSatisfies(version, requirements) === true
      ? version
      : undefined;
  };
  const builder = new OutputBuilder();
  const add = (
    name: string,
    requirements: readonly string[],
    scopes: readonly Scope[],
    groups: readonly string[],
    origin: GemOrigin | undefined,
  ): void => {
    if (options.alternate) scopes = ["dev"];
    const version = origin === undefined
      ? pinned(requirements) ?? joined(name, requirements)
      : origin.kind === "git" || origin.kind === "github"
      ? undefined
      : pinned(requirements);
    const qualifiers = originQualifiers(
      origin ?? (global === undefined ? undefined : { kind: "source", value: global }),
    );
    const id = builder.component({
      purl: gemPurl(name, version, qualifiers),
      ecosystem: "gem",
      name,
      version,
      specifier: version === undefined
        ? ((origin === undefined ? ranges.get(name) : undefined) ?? requirements).join(", ") ||
          undefined
        : undefined,
      downloadLocation: qualifiers.vcs_url,
      scopes: [...scopes],
      sources: [path],
    });
    for (const scope of scopes) builder.edge(ROOT_ID, id, scope);
    builder.declare(id, [...groups]);
  };
  for (const dependency of specDependencies) {
    add(dependency.name, dependency.requirements, [dependency.scope], [], undefined);
  }
  for (const [name, declarations] of gemfile.gems) {
    if (own.has(name)) continue;
    const { scopes, groups } = declaredScopes(gemfile, name, spec !== undefined);
    for (const declaration of declarations) {
      const { origin, where } = declaration;
      if (origin?.kind === "path") {
        notes.push(
          `${where}: gem "${name}" is from the folder ${
            origin.value ?? "that a computed `path` names"
          } ` +
            "(the project's own or vendored code): without a Gemfile.lock it is not in the SBOM",
        );
        continue;
      }
      if (origin !== undefined && origin.value === undefined) {
        notes.push(
          `${where}: gem "${name}" is from a computed \`${origin.kind}\`: ` +
            "its purl names rubygems.org",
        );
      }
      if (declaration.computed) notes.push(computedRequirement(where, name));
      add(name, declaration.requirements, scopes, groups, declaration.origin);
    }
  }
  const output: ReaderResult = { ...builder.build({ directFromEdges: true }), standsAlone: true };
  // An alternate Gemfile's gemspec is the project's, which the project's own Gemfile states.
  if (spec?.project && !options.alternate) output.project = spec.project;
  // A dependency on a gem of the project itself is none: the note that its requirement is
  // computed (`ethotrace-rspec` needs `ethotrace` at `Ethotrace::RSpec::VERSION`) says nothing.
  const ownComputed = new Set(
    [spec, ...more].flatMap((read) => read?.dependencies ?? [])
      .filter((d) => d.computed !== undefined && own.has(d.name))
      .map((d) => computedRequirement(d.computed!, d.name)),
  );
  const warnings = [
    ...notes,
    ...[spec, ...more].flatMap((read) => read?.notes ?? []).filter((n) => !ownComputed.has(n)),
  ];
  if (warnings.length > 0) output.warnings = warnings;
  return output;
}
