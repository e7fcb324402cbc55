/**
 * Reader for a `composer.json` that no `composer.lock` resolves (a library's,
 * which commits no lock): its declarations, "declared, not resolved".
 *
 * @module
 */

import { posix } from "../../_path.ts";
import { OutputBuilder } from "../_builder.ts";
import { keyLine, parseJsonObject } from "../_formats/json.ts";
import { at, invalid } from "../_errors.ts";
import { localPlace } from "../_paths.ts";
import { segmentMatches } from "../_glob.ts";
import type { ReaderContext, ReaderResult } from "../_reader.ts";
import type { Scope } from "../types.ts";
import { ROOT_ID } from "../types.ts";
import { isRecord, parseJsonText } from "../../_util.ts";
import {
  composerPurl,
  isBinPluginTool,
  isLocalFile,
  localArchiveQualifiers,
  readManifest,
} from "./composer_lock.ts";
import type { Repositories } from "./composer_lock.ts";
import { withoutCredentials } from "../_url.ts";

const READER = "composer_json";

/**
 * An exact version constraint: `1.2.3`, `=1.2.3`, `==v1.2.3`, a fourth number
 * (`1.2.3.4`) or a stability suffix (`1.2.3-beta1`); Composer installs that
 * version and no other. Not `1.2.3-dev`: a branch's development version, no release.
 */
const EXACT = /^(?:==?)?\s*(v?\d+\.\d+\.\d+(?:\.\d+)?(?:-(?!dev$)[0-9a-z.]+)?)$/i;

/**
 * A constraint as Composer's VersionParser matches it: without an inline alias (`1.0.2 as
 * 1.0.3`: the alias names the version to others, 1.0.2 is installed) or a stability flag
 * (`1.0.0@beta`), which it strips before parsing.
 */
function parsedConstraint(constraint: string): string {
  const unaliased = /^([^,\s]+) +as +[^,\s]+$/.exec(constraint)?.[1] ?? constraint;
  return /^([^,\s]+)@(?:stable|RC|beta|alpha|dev)$/i.exec(unaliased)?.[1] ?? unaliased;
}

/** Options of {@linkcode readComposerJson}. */
export interface ComposerJsonOptions extends Pick<ReaderContext, "load" | "list"> {
  /** The file's path relative to the project root. */
  path: string;
  /** The release: the project's version when `composer.json` states none. */
  release?: string;
  /**
   * The names the composer.json files of the folders above it replace or provide (a monorepo
   * root's `replace` of its packages, flarum/framework's `"flarum/core": "self.version"`): the
   * project's own packages, which the root stands for.
   */
  above?: ReadonlySet<string>;
}

/**
 * The folders of the tree that a `path` repository's `url` names (relative to
 * the manifest's folder; `*` and `?` globs expanded with `list`): none outside
 * the project.
 */
function pathFolders(manifestPath: string, url: string, list: ReaderContext["list"]): string[] {
  const place = localPlace(manifestPath, url);
  if (place.kind !== "inside") return [];
  let folders = [""];
  for (const segment of place.path!.split("/")) {
    if (!/[*?]/.test(segment)) {
      folders = folders.map((f) => posix.join(f, segment));
      continue;
    }
    folders = folders.flatMap((f) =>
      (list?.(f) ?? []).filter((name) => segmentMatches(segment, name))
        .map((name) => posix.join(f, name))
    );
  }
  return folders;
}

/**
 * The packages the manifest's `path` repositories of the tree hold (Composer
 * links their folder), by lowercased name: their name, and their version as the
 * repository's `options.versions` gives it, else as their own `composer.json`
 * states it (Composer's PathRepository).
 */
function pathPackages(
  manifestPath: string,
  repositories: Repositories["paths"],
  options: ComposerJsonOptions,
): Map<string, { name: string; version?: string }> {
  const packages = new Map<string, { name: string; version?: string }>();
  for (const { url, versions } of repositories) {
    for (const folder of pathFolders(manifestPath, url, options.list)) {
      let doc: unknown;
      try {
        doc = parseJsonText(options.load(posix.join(folder, "composer.json")) ?? "null");
      } catch {
        continue; // its own read reports it
      }
      if (!isRecord(doc) || typeof doc.name !== "string" || !doc.name.includes("/")) continue;
      const given = versions[doc.name] ?? doc.version;
      const version = typeof given === "string" ? given : options.release;
      packages.set(doc.name.toLowerCase(), { name: doc.name, version });
    }
  }
  return packages;
}

/**
 * Reads a `composer.json` that no `composer.lock` resolves: each package of
 * `require` (runtime) and `require-dev` (dev) is a component without a
 * version, its constraint the `specifier` (an exact one, `1.2.3`, `=v1.2.3`,
 * `1.2.3 as 1.3.0` or `1.2.3@beta`, is its version, as written without the
 * operator, alias or flag); a package required in both is runtime, as
 * Composer installs it then. Platform
 * requirements (`php`, `ext-*`, `lib-*`, `composer-plugin-api`, …) are not
 * packages, nor what the root `replace`s or `provide`s. A package of a `path`
 * repository of the tree is a first-party member; one that a `package`
 * repository defines once is that definition (its version, and its archive's
 * `download_url`, or `file_name` for one on disk, as `composer.lock` reading gives them). The file of a tool that the
 * project's `require-dev` bin plugin installs (see `isBinPluginTool`) declares
 * dev packages only. Its `name`, `version` and
 * `license` are the project. Only the lock of its own folder resolves it, or
 * one that installs it from a `path` repository (`standsAlone`, see
 * `_fold.ts`): a root lock says nothing of another project's composer.json
 * below it.
 *
 * @example
 * ```ts
 * import { readComposerJson } from "./composer_json.ts";
 * const text = '{"name": "acme/lib", "require": {"php": ">=8.1", "psr/log": "^3.0"}}';
 * const out = readComposerJson(text, { path: "composer.json", load: () => undefined });
 * out.components[0].purl; // "pkg:composer/psr/log"
 * out.components[0].specifier; // "^3.0"
 * ```
 *
 * @param text The file's text.
 * @param options Its path, the release, `load` and `list` (for `path` repositories).
 * @returns Components, root edges, members and the project; a warning when
 *   VCS or `package` repositories may serve what it requires.
 * @throws {VouchError} `inventory.composer_json.invalid` for malformed JSON,
 *   duplicate keys, wrong types or a constraint that is not a string.
 */
export function readComposerJson(text: string, options: ComposerJsonOptions): ReaderResult {
  const { path } = options;
  const manifest = readManifest(text, path, options.release, READER);
  const doc = parseJsonObject(text, path, `inventory.${READER}.invalid`);
  const stands = new Set(manifest.stands.map((n) => n.toLowerCase()));
  const local = pathPackages(path, manifest.repositories.paths, options);
  const runtime = new Set(manifest.require.map(([name]) => name.toLowerCase()));
  const builder = new OutputBuilder();
  /** The project's own packages it requires, which a composer.json above stands for. */
  const locals: { name: string; scope: Scope }[] = [];
  /** What a `package` repository defines more than once, or without a version. */
  const unknown: string[] = [];
  const declarations: [string, string, Scope][] = [
    ...manifest.require.map(([n, c]): [string, string, Scope] => [n, c, "runtime"]),
    ...manifest.requireDev.filter(([n]) => !runtime.has(n.toLowerCase()))
      .map(([n, c]): [string, string, Scope] => [n, c, "dev"]),
  ];
  // A tool the project's require-dev bin plugin installs is dev, whatever it requires.
  const tool = isBinPluginTool(path, options.load);
  for (const [name, constraint, declaredScope] of declarations) {
    const scope = tool ? "dev" : declaredScope;
    const field = declaredScope === "runtime" ? "require" : "require-dev";
    if (typeof (doc[field] as Record<string, unknown>)[name] !== "string") {
      throw invalid(
        READER,
        at(path, keyLine(text, name)),
        `"${name}": the constraint is no string`,
      );
    }
    if (!/^[^/\s]+\/[^/\s]+$/.test(name)) {
      throw invalid(READER, at(path, keyLine(text, name)), `"${name}" is no \`vendor/name\``);
    }
    const key = name.toLowerCase();
    if (stands.has(key)) continue; // the root package stands for it
    // A package a composer.json above replaces or provides is the project's own (a monorepo's
    // package requiring another of its packages): Composer installs the root for it, so it is
    // no component, and the edge to the member of that name, if the tree has one.
    if (options.above?.has(key)) {
      locals.push({ name, scope });
      continue;
    }
    const own = local.get(key);
    if (own !== undefined) {
      const purl = composerPurl(own.name, own.version);
      const member = builder.member({ id: purl, name: own.name, version: own.version, purl });
      builder.edge(ROOT_ID, member, scope);
      continue;
    }
    // A `package` repository that defines it once is what Composer installs (it is canonical).
    const defined = manifest.repositories.inline.get(key);
    if (defined !== undefined && (defined.length !== 1 || defined[0].version === undefined)) {
      unknown.push(name);
    }
    const inline = defined?.length === 1 ? defined[0] : undefined;
    const download = inline?.url === undefined || isLocalFile(inline.url)
      ? undefined
      : withoutCredentials(inline.url);
    const version = inline?.version ?? EXACT.exec(parsedConstraint(constraint.trim()))?.[1];
    const id = builder.component({
      purl: composerPurl(
        name,
        version,
        inline?.url !== undefined && download === undefined
          ? localArchiveQualifiers(inline.url)
          : { download_url: download },
      ),
      ecosystem: "composer",
      name,
      version,
      specifier: version === undefined ? constraint : undefined,
      downloadLocation: download,
      scopes: [scope],
      sources: [path],
    });
    builder.edge(ROOT_ID, id, scope);
  }
  const output: ReaderResult = { ...builder.build({ directFromEdges: true }), standsAlone: true };
  if (manifest.project) output.project = manifest.project;
  if (locals.length > 0) output.localDeclarations = locals;
  const warnings: string[] = [];
  if (output.components.length > 0 && manifest.repositories.vcs.size > 0) {
    warnings.push(
      `${path} has VCS repositories, which may serve what it requires instead of Packagist: ` +
        "without a composer.lock vouch cannot tell which packages they serve, and the purls " +
        "name Packagist's; commit the composer.lock that `composer update` writes",
    );
  }
  if (unknown.length > 0) {
    warnings.push(
      `${path} requires ${unknown.join(", ")}, which its \`package\` repositories define ` +
        "in several versions or without one: their versions are as declared",
    );
  }
  if (warnings.length > 0) output.warnings = warnings;
  return output;
}
