/**
 * Reader for `pyproject.toml`: PEP 621 `[project]`, PEP 735
 * `[dependency-groups]`, `[build-system]`, Poetry's `[tool.poetry]` and the
 * other tools' dev dependencies (Hatch's environments, with the `hatch.toml`
 * beside it).
 * Declarations only: versions appear when pinned, otherwise the specifier.
 *
 * @module
 */

import { isVouchError } from "../../errors.ts";
import { writtenValueLine } from "../_errors.ts";
import { OutputBuilder } from "../_builder.ts";
import {
  at,
  fileNameOf,
  invalid,
  isTable,
  localArchiveQualifiers,
  nthLine,
  pipUrl,
  poetryConstraint,
  pypiComponent,
  repositoryUrl,
  tomlKeyLine,
  versionFromFileName,
} from "./_python.ts";
import { parseToml } from "../_formats/toml.ts";
import { matchesGlob } from "../_glob.ts";
import { localPlace, unscannedFolder } from "../_paths.ts";
import { decodePercent } from "../_url.ts";
import { posix } from "../../_path.ts";
import { parseRequirement, pinnedVersion } from "./pep508.ts";
// For the fold: a lock above that does not know the project has only the versions a range admits.
import { satisfies } from "./pep440.ts";
export { satisfies };
import { pep503Name, pypiPurl } from "../purl.ts";
import { gitVcsUrl } from "../_vcs.ts";
import type { Hash, Project, Scope } from "../types.ts";
import type { ExtraLinks, Load, ReaderResult } from "../_reader.ts";
import { compareStrings } from "../../_util.ts";
import { ROOT_ID } from "../types.ts";

/** Options of {@linkcode readPyproject}. */
export interface PyprojectOptions {
  /** The file's path relative to the project root. */
  path: string;
  /** Version to use when `[project]` declares the version `dynamic`. */
  release?: string;
  /**
   * Reads another file of the project: the hatch.toml beside it, when there is one; the
   * pyproject.toml of the uv workspace root above it.
   */
  load?: Load;
  /** Keeps what several files need for one reading of the tree (the uv workspace roots read). */
  memo?: Map<string, unknown>;
  /**
   * Whether vouch reads a file of the project on its own (by its path relative to the
   * project root): the requirements files that setuptools' or hatch-requirements-txt's
   * dynamic dependencies come from. Without it, none is.
   */
  readsFile?: (path: string) => boolean;
  /**
   * Whether `--exclude` names a folder of the project (root-relative): a path dependency on a
   * folder there is no member the scan reads (see `unscannedFolder`). Absent: none is.
   */
  excluded?: (folder: string) => boolean;
}

const READER = "pyproject";

/** The file name of a wheel or sdist. */
const ARCHIVE = /\.(?:whl|tar\.gz|zip|tar\.bz2|tar\.xz|tgz)$/i;

interface Declaration {
  name: string;
  specifier?: string;
  url?: string;
  vcs?: boolean;
  /**
   * The hashes of the file its URL names (`name @ <url>#sha256=…`), which pip checks the
   * download against (its hash-checking mode counts them as the requirement's hashes).
   */
  hashes?: Hash[];
  /** The package index it comes from (uv's `index`, Poetry's `source`). */
  index?: string;
  /** A local folder or a workspace member: the project's own code. */
  local?: boolean;
  /** A distribution file on disk (`x @ file:dist/x-1.0.tar.gz`): its path, as written. */
  file?: string;
  scope: Scope;
  group?: string;
  /** The extras of the package it asks for (`httpx[http2]`), PEP 685 names. */
  extras?: string[];
  /** The file that declares it, when known here (a hatch.toml beside the pyproject.toml). */
  source?: string;
}

interface Merged {
  name: string;
  version?: string;
  specifier?: string;
  qualifiers: Record<string, string | undefined>;
  downloadLocation?: string;
  /** The hashes of the file at `downloadLocation`. */
  hashes?: Hash[];
  scopes: Set<Scope>;
  groups: Set<string>;
  /** The files that declare it. */
  sources: Set<string>;
  /** The extras asked for, per scope. */
  asks: Map<Scope, Set<string>>;
  /**
   * The package indexes its declarations from an index name, in order, once each (`undefined`
   * for the default one): more than one is a warning (see {@linkcode indexWarnings}).
   */
  indexes: (string | undefined)[];
}

/** A valid name (the core metadata names spec, which PEP 735 group names follow). */
const VALID_NAME = /^(?:[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

type Table = Record<string, unknown>;

/** An empty string, basic or literal, as an array's element (`"",`, `['']`). */
const EMPTY_ELEMENT = /(?:^|[[,])\s*(?:""|'')\s*(?:[,\]]|$)/;

class Context {
  readonly text: string;
  readonly path: string;
  /** What the reader says of the file besides its declarations. */
  readonly warnings: string[];
  /** Whether `--exclude` names a folder (see `PyprojectOptions.excluded`). */
  readonly excluded?: (folder: string) => boolean;
  /**
   * `shared`: `--exclude`'s folders, and the warnings of the file whose options this one's
   * replace (hatch.toml's, pyproject.toml's), which this one's are.
   */
  constructor(
    text: string,
    path: string,
    shared: { excluded?: (folder: string) => boolean; warnings?: string[] } = {},
  ) {
    this.text = text;
    this.path = path;
    this.excluded = shared.excluded;
    this.warnings = shared.warnings ?? [];
  }

  /**
   * `near`: a text of the line to name (as written, or as a basic string escapes it);
   * `key`: the TOML key to find when no line has it.
   */
  fail(
    what: string,
    near?: string | RegExp,
    // Not `/\s*=$/`: it scanned a 200 KB run of spaces from each of its places.
    key = typeof near !== "string"
      ? undefined
      : near.endsWith("=")
      ? near.slice(0, -1).trimEnd()
      : near,
  ): Error {
    const line = near === undefined || near === ""
      ? undefined
      : typeof near !== "string"
      ? nthLine(this.text, near)
      : this.lineOf(near);
    return invalid(
      READER,
      at(this.path, line ?? (key === undefined ? undefined : tomlKeyLine(this.text, key))),
      what,
    );
  }

  /** The line of a string value, as written or as a basic string escapes it. */
  lineOf(value: string): number | undefined {
    return nthLine(this.text, value) ?? nthLine(this.text, JSON.stringify(value).slice(1, -1)) ??
      writtenValueLine(this.text, value);
  }

  /** `key`: the TOML key to find when no line has `near` (default: `what`). */
  table(value: unknown, what: string, near: string, key = what): Table | undefined {
    if (value === undefined) return undefined;
    if (!isTable(value)) throw this.fail(`${what} must be a table`, near, key);
    return value;
  }

  /** `key`: the TOML key to find when no line has `near` (default: from `near`). */
  strings(value: unknown, what: string, near: string, key?: string): string[] {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
      throw this.fail(`${what} must be an array of strings`, near, key);
    }
    return value as string[];
  }

  optionalString(value: unknown, what: string, near: string): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw this.fail(`${what} must be a string`, near);
    return value;
  }

  /**
   * A requirement Hatch formats (`[project]` dependencies and optional dependencies, an
   * environment's dependencies: hatchling's `Context.format`, see {@linkcode hatchFormat}):
   * `{root:uri}` is the project's folder, to which the folder rules apply. One with a field
   * vouch cannot fill in (the developer's `{home}`, an `{env:NAME}` without a default, a
   * modifier Hatch refuses, an environment's `{matrix:…}`) is its name only, with a warning
   * naming its line.
   */
  hatchPep508(text: string, scope: Scope, group?: string): Declaration {
    const { text: formatted, unknown } = hatchFormat(text);
    if (unknown === undefined) return this.pep508(formatted, scope, group, text);
    const named = PACKAGE_NAME.exec(text);
    if (named === null) throw this.fail(`no package name in "${text}"`, text);
    const why = /^\{matrix[:}]/.test(unknown)
      ? "from each environment its matrix makes, which vouch does not expand"
      : "on the machine that builds the project, which vouch cannot know";
    const warning = `${at(this.path, this.lineOf(text))}: "${text}": Hatch fills in ${unknown} ` +
      `${why}: it is in the SBOM by its name only`;
    // Once, though every environment built on this one's template has the entry.
    if (!this.warnings.includes(warning)) this.warnings.push(warning);
    return this.pep508(named[1], scope, group, text);
  }

  /** `written`: the requirement as the file writes it, when `text` is another (formatted). */
  pep508(text: string, scope: Scope, group?: string, written = text): Declaration {
    try {
      const requirement = parseRequirement(text);
      const url = requirement.url === undefined ? undefined : pipUrl(requirement.url);
      const path = url === undefined || url.vcs ? undefined : fileUrlPath(url.url);
      if (path !== undefined) {
        return {
          name: requirement.name,
          ...fromPath(requirement.name, path, this.path, this.excluded),
          vcs: false,
          ...(url!.hashes.length === 0 ? {} : { hashes: url!.hashes }),
          scope,
          group,
          extras: requirement.extras.map(pep503Name),
        };
      }
      return {
        name: requirement.name,
        specifier: requirement.specifier,
        url: url?.url,
        vcs: url?.vcs ?? false,
        ...(url === undefined || url.hashes.length === 0 ? {} : { hashes: url.hashes }),
        scope,
        group,
        extras: requirement.extras.map(pep503Name),
      };
    } catch (error) {
      // An empty requirement is found as its quotes (basic or literal), one of white space as
      // escaped, one with a control character as written (`"python-do\er"`).
      if (isVouchError(error) && text === "") {
        throw invalid(READER, at(this.path, nthLine(this.text, EMPTY_ELEMENT)), error.message);
      }
      if (isVouchError(error)) throw this.fail(error.message, written);
      throw error;
    }
  }
}

/**
 * The declared license as written: PEP 639 `license = "<expression>"`, the
 * older `license = { text = "…" }`, or Poetry's string; `{ file = … }`
 * states no text. The SBOM writers decide whether it is an SPDX expression.
 */
function license(ctx: Context, value: unknown): string | undefined {
  let text: unknown = value;
  if (isTable(value)) text = value.text;
  else if (value !== undefined && typeof value !== "string") {
    throw ctx.fail("license must be a string or a table", "license");
  }
  if (typeof text !== "string") return undefined;
  const trimmed = text.trim();
  return trimmed !== "" ? trimmed : undefined;
}

function dependencyGroups(ctx: Context, groups: Table | undefined): Declaration[] {
  if (groups === undefined) return [];
  // The groups by normalized name: PEP 735 names are valid names, compared normalized (an
  // include of "Test" is the group `test`), and two that normalize alike are an error, as
  // uv and pypa/dependency-groups refuse them.
  const byName = new Map<string, string>();
  for (const group of Object.keys(groups)) {
    if (!VALID_NAME.test(group)) {
      throw ctx.fail(
        `dependency group name ${JSON.stringify(group)} is not a valid name (PEP 735: letters, ` +
          "digits and `-_.` inside)",
        `${JSON.stringify(group)} =`,
        group,
      );
    }
    const normalized = pep503Name(group);
    const other = byName.get(normalized);
    if (other !== undefined) {
      throw ctx.fail(
        `dependency groups "${other}" and "${group}" are one name once normalized (PEP 735)`,
        `${group} =`,
      );
    }
    byName.set(normalized, group);
  }
  const resolved = new Map<string, string[]>();
  const resolve = (included: string, stack: string[]): string[] => {
    const name = byName.get(pep503Name(included)) ?? included;
    const done = resolved.get(name);
    if (done) return done;
    if (stack.includes(name)) {
      throw ctx.fail(
        `dependency group include cycle: ${[...stack, name].join(" -> ")}`,
        "include-group",
      );
    }
    const entries = groups[name];
    if (entries === undefined) {
      // The include's line, as a basic or a literal string (an empty name is on no other line).
      const spelled = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      throw ctx.fail(
        `dependency group "${stack.at(-1)}" includes unknown group "${name}"`,
        new RegExp(
          `["']?include-group["']?\\s*=\\s*(?:"${spelled(JSON.stringify(name).slice(1, -1))}"|` +
            `'${spelled(name)}')`,
        ),
      );
    }
    if (!Array.isArray(entries)) {
      throw ctx.fail(`dependency group "${name}" must be an array`, `${name} =`);
    }
    const out: string[] = [];
    for (const entry of entries) {
      if (typeof entry === "string") out.push(entry);
      else if (isTable(entry) && typeof entry["include-group"] === "string") {
        out.push(...resolve(entry["include-group"], [...stack, name]));
      } else {
        throw ctx.fail(
          `dependency group "${name}" has an entry that is neither a string nor {include-group = "..."}`,
          `${name} =`,
        );
      }
    }
    resolved.set(name, out);
    return out;
  };
  return Object.keys(groups).flatMap((group) =>
    resolve(group, []).map((text) => ctx.pep508(text, "dev", group))
  );
}

/**
 * PDM's dev groups before PEP 735, `[tool.pdm.dev-dependencies]`: PEP 508
 * strings, or `-e <path or URL>` editables. A local editable is the
 * project's own; a remote one names its package in an `#egg=` fragment (one
 * without a name cannot be matched to the lock, which has it anyway).
 * PDM 1.0-1.4 kept one list, `[project] dev-dependencies`, which PDM 1.5
 * moves to the `dev` group (pdm-project/pdm#351, `migrate_pyproject`).
 */
function pdmDevDependencies(
  ctx: Context,
  pdm: Table | undefined,
  project: Table | undefined,
): Declaration[] {
  const where = "[tool.pdm.dev-dependencies]";
  const groups = Object.entries(ctx.table(pdm?.["dev-dependencies"], where, where) ?? {})
    .map(([group, list]) => [group, ctx.strings(list, `${where} ${group}`, group)] as const);
  const old = ctx.strings(
    project?.["dev-dependencies"],
    "[project] dev-dependencies",
    "dev-dependencies",
  );
  if (old.length > 0) groups.push(["dev", old]);
  return groups.flatMap(([group, list]) =>
    list.flatMap((text) => {
      const editable = /^-e\s+(\S+)$/.exec(text.trim());
      if (editable === null) return [ctx.pep508(text, "dev", group)];
      const target = editable[1];
      const egg = /#(?:.*&)?egg=([A-Za-z0-9._-]+)/.exec(target);
      // A local folder (a path, `file:`): of the project, its own, a member, not a dependency;
      // outside it (`-e file:///${PROJECT_ROOT}/../lib#egg=lib`), another checkout's package.
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || /^file:/i.test(target)) {
        const bare = target.replace(/#.*$/s, "");
        const path = fileUrlPath(bare) ?? bare;
        if (egg !== null) {
          return [{
            name: egg[1],
            scope: "dev",
            group,
            ...fromPath(egg[1], path, ctx.path, ctx.excluded),
          }];
        }
        const place = localPlace(ctx.path, path);
        const skipped = unscannedFolder(place, ctx.excluded);
        if (place.kind === "outside" || skipped !== undefined) {
          const where = skipped === undefined
            ? "outside the project"
            : `in ${skipped}/, which the scan skips,`;
          ctx.warnings.push(
            `${ctx.path}: [tool.pdm.dev-dependencies] ${group}: "${target}" is a folder ${where} ` +
              "that names no package (PDM learns its name by building it, vouch " +
              'cannot): it is not in the SBOM; add "#egg=<name>" to list it',
          );
        }
        return [];
      }
      return egg === null ? [] : [ctx.pep508(`${egg[1]} @ ${target}`, "dev", group)];
    })
  );
}

/**
 * PDM's own metadata before PEP 621 (PDM 0.x, 2020; pdm-project/pdm#175): a `[tool.pdm]` that
 * names the project or has `[tool.pdm.dependencies]`, which PDM 1 and later never write.
 */
function legacyPdm(pdm: Table | undefined): Table | undefined {
  return typeof pdm?.name === "string" || isTable(pdm?.dependencies) ? pdm : undefined;
}

/**
 * The declarations of PDM's metadata before PEP 621 ({@linkcode legacyPdm}):
 * `[tool.pdm.dependencies]` runtime, and a `[tool.pdm.<section>-dependencies]`
 * table per section (`dev-dependencies` too), optional when `extras` names
 * the section (an extra), else a dev group; each entry `name = "<specifier>"`
 * or a table (`version`, `extras`, `git` and `ref`, `path`), as in a Pipfile.
 */
function legacyPdmDeclarations(ctx: Context, pdm: Table): Declaration[] {
  const extras = new Set(ctx.strings(pdm.extras, "[tool.pdm] extras", "extras"));
  const names: PoetryNames = { extrasOf: new Map(), indexes: new Map() };
  return Object.entries(pdm).flatMap(([key, value]) => {
    const section = /^(?:(.+)-)?dependencies$/.exec(key);
    if (section === null) return [];
    const group = section[1];
    const scope: Scope = group === undefined ? "runtime" : extras.has(group) ? "optional" : "dev";
    const where = `[tool.pdm.${key}]`;
    return Object.entries(ctx.table(value, where, where) ?? {}).flatMap(([name, spec]) =>
      poetryEntry(ctx, name, spec, scope, group, names)
    );
  });
}

/**
 * The dev dependencies of uv and Rye before PEP 735, `[tool.uv]` or
 * `[tool.rye]` `dev-dependencies`: PEP 508 strings, installed as the `dev`
 * group.
 */
function toolDevDependencies(ctx: Context, tool: Table | undefined, where: string): Declaration[] {
  const list = ctx.strings(
    tool?.["dev-dependencies"],
    `${where} dev-dependencies`,
    "dev-dependencies",
  );
  return list.map((text) => ctx.pep508(text, "dev", "dev"));
}

/** Where Hatch's environments are configured: `[tool.hatch.envs]` of pyproject.toml, or `[envs]` of hatch.toml. */
interface HatchEnvs {
  /** The file's context (its text and path, for errors). */
  ctx: Context;
  /** The `envs` table. */
  envs: Table;
  /** How the file names the table: `tool.hatch.envs` or `envs`. */
  prefix: string;
  /** The file, when it is not the pyproject.toml (declarations name it as their source). */
  source?: string;
}

/** The options of an environment's `overrides` that add dependencies or features (`set-` replaces). */
const HATCH_OVERRIDDEN = /^(?:set-)?(dependencies|extra-dependencies|features)$/;

/**
 * The dependencies of Hatch's environments, `[tool.hatch.envs.<name>]` (or
 * `[envs.<name>]` of hatch.toml) `dependencies` and `extra-dependencies`:
 * PEP 508 strings, installed in that environment only, so each is a dev
 * declaration in the group named for it; `features` installs those extras of
 * the project (its `[project.optional-dependencies]`) there too. An
 * environment inherits every option it does not set from its `template`
 * (default `default`; itself when `detached = true`), as Hatch documents. The
 * `overrides` of an environment (by platform, environment variable, matrix
 * variable or generated name) are not evaluated: every dependency and feature
 * they may add is declared in the environment's group (the matrix itself adds
 * none). Context formatting is applied as in `[project]` (see
 * {@linkcode hatchFormat}); an entry with a field vouch cannot fill in
 * (`{matrix:…}`) keeps its name only (version unknown), with a warning.
 */
function hatchEnvDependencies(
  hatch: HatchEnvs,
  extra: (feature: string) => string[] | undefined,
): { declarations: Declaration[]; warnings: string[] } {
  const { ctx, envs, prefix, source } = hatch;
  const config = (name: string): Table =>
    ctx.table(envs[name], `[${prefix}.${name}]`, `[${prefix}.${name}`) ?? {};
  /** The options of an environment, those of its templates beneath its own. */
  const effective = (name: string, stack: string[]): Table => {
    const own = config(name);
    const template = own.detached === true
      ? name
      : ctx.optionalString(own.template, `[${prefix}.${name}] template`, "template") ??
        "default";
    if (template === name || (template === "default" && envs.default === undefined)) return own;
    if (stack.includes(template)) {
      throw ctx.fail(
        `Hatch environment template cycle: ${[...stack, name, template].join(" -> ")}`,
        "template",
      );
    }
    if (envs[template] === undefined) {
      throw ctx.fail(
        `Hatch environment "${name}" has unknown template "${template}"`,
        `[${prefix}.${name}]`,
      );
    }
    return { ...effective(template, [...stack, name]), ...own };
  };
  const warnings: string[] = [];
  const declarations = Object.keys(envs).flatMap((name) => {
    const env = effective(name, []);
    const where = `[${prefix}.${name}]`;
    const requirement = (text: string, key: string): Declaration[] => {
      const { text: formatted, unknown } = hatchFormat(text);
      if (!formatted.includes("{") || unknown !== undefined) {
        return [ctx.hatchPep508(text, "dev", name)];
      }
      const named = PACKAGE_NAME.exec(formatted);
      if (named === null) throw ctx.fail(`${where} ${key}: no package name in "${text}"`, text);
      return [ctx.pep508(named[1], "dev", name)];
    };
    const lists: { key: string; values: string[] }[] = [
      "dependencies",
      "extra-dependencies",
      "features",
    ]
      .map((key) => ({ key, values: ctx.strings(env[key], `${where} ${key}`, key) }));
    lists.push(...hatchOverrides(ctx, env.overrides, `[${prefix}.${name}.overrides]`));
    return lists.flatMap(({ key, values }) =>
      values.flatMap((value) => {
        if (key !== "features") return requirement(value, key);
        const texts = extra(value);
        if (texts === undefined) {
          warnings.push(
            `${ctx.path}: ${where} features: "${value}" is no extra of ` +
              "[project.optional-dependencies], so what it installs in the environment is not known",
          );
        }
        return (texts ?? []).map((text) => ctx.pep508(text, "dev", name));
      })
    );
  });
  if (source !== undefined) { for (const d of declarations) d.source = source; }
  return { declarations, warnings };
}

/**
 * The dependencies and features an environment's `overrides` may add: every
 * `<source>.<condition>.<option>` (`platform`, `env`, `matrix`, `name`) for
 * `dependencies`, `extra-dependencies` and `features` (`set-` too), an array of
 * strings or of inline tables with a `value`; conditions are not evaluated.
 */
function hatchOverrides(
  ctx: Context,
  value: unknown,
  where: string,
): { key: string; values: string[] }[] {
  const out: { key: string; values: string[] }[] = [];
  const overrides = ctx.table(value, where, "overrides") ?? {};
  for (const [kind, conditions] of Object.entries(overrides)) {
    for (
      const [condition, options] of Object.entries(
        ctx.table(conditions, `${where} ${kind}`, kind) ?? {},
      )
    ) {
      const at = `${where} ${kind}.${condition}`;
      for (const [option, entries] of Object.entries(ctx.table(options, at, condition) ?? {})) {
        const key = HATCH_OVERRIDDEN.exec(option)?.[1];
        if (key === undefined) continue;
        if (!Array.isArray(entries)) throw ctx.fail(`${at}.${option} must be an array`, option);
        const values = entries.map((entry) => {
          const text = isTable(entry) ? entry.value : entry;
          if (typeof text !== "string" || text === "") {
            throw ctx.fail(
              `${at}.${option}: every entry must be a string or an inline table with a value`,
              option,
            );
          }
          return text;
        });
        out.push({ key, values });
      }
    }
  }
  return out;
}

/**
 * The extras of the project (compared by their normalised names, PEP 685):
 * `texts`, per extra, the requirements it installs, with those of the
 * project's own extras it names (`app[server]`), as an installer expands them;
 * `includes`, the own extras each extra names itself (`all =
 * ["app[openai,anthropic]"]`: `openai`, `anthropic`), sorted, for the extras
 * that name some. Each requirement is parsed once and no extra expanded
 * twice: a chain of extras, each naming the next, costs its length.
 */
function extraRequirements(
  optional: Table,
  self: string | undefined,
): { texts: (extra: string) => string[] | undefined; includes: Record<string, string[]> } {
  const byName = new Map(Object.entries(optional).map(([k, v]) => [pep503Name(k), v]));
  /** An entry of an extra: a requirement, or an own extra it names. */
  type Entry = { text: string } | { extra: string };
  const entries = new Map<string, Entry[]>();
  for (const [extra, list] of byName) {
    if (!Array.isArray(list)) continue;
    entries.set(
      extra,
      list.filter((t): t is string => typeof t === "string").flatMap((text): Entry[] => {
        const requirement = parseRequirement(text);
        if (pep503Name(requirement.name) !== self) return [{ text }];
        return requirement.extras.map((e) => ({ extra: pep503Name(e) }));
      }),
    );
  }
  const texts = (extra: string): string[] | undefined => {
    if (!entries.has(pep503Name(extra))) return undefined;
    const out: string[] = [];
    const seen = new Set<string>();
    // Depth first, in the order written, without recursion (a long chain is no deep stack).
    const stack: Entry[] = [{ extra: pep503Name(extra) }];
    while (stack.length > 0) {
      const entry = stack.pop()!;
      if ("text" in entry) {
        out.push(entry.text);
      } else if (!seen.has(entry.extra)) {
        seen.add(entry.extra);
        const list = entries.get(entry.extra)!;
        for (let i = list.length - 1; i >= 0; i--) stack.push(list[i]);
      }
    }
    return out;
  };
  const includes: Record<string, string[]> = {};
  for (const [extra, list] of entries) {
    const named = new Set(
      list.flatMap((e) =>
        "extra" in e && e.extra !== extra && entries.has(e.extra) ? [e.extra] : []
      ),
    );
    if (named.size > 0) includes[extra] = [...named].sort(compareStrings);
  }
  return { texts, includes };
}

/** The URLs of named package indexes (`[[tool.uv.index]]`, `[[tool.poetry.source]]`), by name. */
function namedIndexes(ctx: Context, list: unknown, where: string): Map<string, string> {
  const out = new Map<string, string>();
  if (list === undefined) return out;
  if (!Array.isArray(list)) throw ctx.fail(`${where} must be an array of tables`, where);
  for (const entry of list) {
    if (isTable(entry) && typeof entry.name === "string" && typeof entry.url === "string") {
      out.set(entry.name, entry.url);
    }
  }
  return out;
}

/** A pyproject.toml's `[tool.uv.sources]` entries and its named `[[tool.uv.index]]` URLs. */
interface UvSources {
  sources: Array<[string, unknown]>;
  indexes: Map<string, string>;
}

function uvSources(ctx: Context, uv: Table | undefined): UvSources {
  const sources = ctx.table(uv?.sources, "[tool.uv.sources]", "[tool.uv.sources]") ?? {};
  return {
    sources: Object.entries(sources),
    indexes: namedIndexes(ctx, uv?.index, "[[tool.uv.index]]"),
  };
}

/**
 * The sources of the uv workspace whose member the pyproject.toml at `path` is: uv gives
 * every member the `[tool.uv.sources]` (and indexes) of the workspace root, the nearest
 * pyproject.toml above with a `[tool.uv.workspace]`, when its `members` globs name the
 * member's folder and its `exclude` ones do not (uv2nix fixtures/workspace-members-test:
 * `shared = { workspace = true }` is the root's only, and three members declare `shared`).
 *
 * @param path The member's pyproject.toml, root-relative.
 * @param load Reads another file of the project.
 * @param memo Keeps the workspace roots read.
 * @returns The root's sources, or `undefined` when no workspace above has the member.
 */
function workspaceSources(
  path: string,
  load: Load | undefined,
  memo: Map<string, unknown> | undefined,
): UvSources | undefined {
  const folder = posix.dirname(path);
  if (load === undefined || folder === ".") return undefined;
  for (let dir = posix.dirname(folder);; dir = posix.dirname(dir)) {
    const root = uvWorkspaceAt(dir, load, memo);
    if (root !== undefined) {
      const relative = dir === "." ? folder : folder.slice(dir.length + 1);
      const named = (globs: string[]): boolean =>
        globs.some((glob) => matchesGlob(relative, posix.normalize(glob).replace(/\/$/, "")));
      return named(root.members) && !named(root.exclude) ? root.sources : undefined;
    }
    if (dir === ".") return undefined;
  }
}

/**
 * Whether a glob has a `[` that uv's glob matcher (the `glob` crate) refuses as an invalid range
 * pattern: one with no `]` after the character it must hold (after `[!` and one character for a
 * negated class). Refused before `node:path`'s matcher sees it, which scans from each unclosed
 * `[` to the end: 10,000 of them took longer than any run should.
 */
function unclosedClass(glob: string): boolean {
  for (let i = glob.indexOf("["); i !== -1; i = glob.indexOf("[", i + 1)) {
    const close = glob.indexOf("]", glob[i + 1] === "!" ? i + 3 : i + 2);
    if (close === -1) return true;
    i = close;
  }
  return false;
}

/** A uv workspace root: its member and exclude globs, its sources. */
interface UvWorkspace {
  members: string[];
  exclude: string[];
  sources: UvSources;
}

/**
 * The uv workspace whose root is the pyproject.toml of `dir`, if any (kept in `memo`, per
 * folder).
 */
function uvWorkspaceAt(
  dir: string,
  load: Load,
  memo: Map<string, unknown> | undefined,
): UvWorkspace | undefined {
  const key = `${READER}:uv-workspace:${dir}`;
  if (memo?.has(key)) return memo.get(key) as UvWorkspace | undefined;
  const path = dir === "." ? "pyproject.toml" : `${dir}/pyproject.toml`;
  const text = load(path);
  let found: UvWorkspace | undefined;
  if (text !== undefined) {
    const root = new Context(text, path);
    const doc = parseToml(text, path, `inventory.${READER}.invalid`);
    const uv = root.table(root.table(doc.tool, "[tool]", "[tool")?.uv, "[tool.uv]", "[tool.uv");
    const workspace = root.table(uv?.workspace, "[tool.uv.workspace]", "[tool.uv.workspace]");
    const globs = (key: string): string[] => {
      const list = root.strings(workspace?.[key], `[tool.uv.workspace] ${key}`, key);
      const bad = list.find((glob) => unclosedClass(glob));
      if (bad !== undefined) {
        throw root.fail(
          `[tool.uv.workspace] ${key} glob ${JSON.stringify(bad)} has a [ that no ] closes ` +
            "(uv refuses it: invalid range pattern)",
          bad,
          key,
        );
      }
      return list;
    };
    if (workspace !== undefined) {
      found = {
        members: globs("members"),
        exclude: globs("exclude"),
        sources: uvSources(root, uv),
      };
    }
  }
  memo?.set(key, found);
  return found;
}

/**
 * The `[tool.uv.sources]` entry of a package that vouch applies: a table, or a list's only one
 * when it has no condition. A list of conditional ones (uv's "multiple sources": `torch = [{
 * index = "pytorch-cpu", marker = "sys_platform == 'linux'" }, …]`) is none, with a warning at
 * its line: uv takes the first whose `marker`, `extra` or `group` applies, and the default index
 * where none does, so which one serves the package depends on the platform or the install.
 */
function chosenSource(ctx: Context, name: string, source: unknown): Table | undefined {
  if (!Array.isArray(source)) return isTable(source) ? source : undefined;
  const tables = source.filter(isTable);
  const conditional = tables.some((t) =>
    t.marker !== undefined || t.extra !== undefined || t.group !== undefined
  );
  if (tables.length === 1 && !conditional) return tables[0];
  if (tables.length === 0) return undefined;
  const warning = `${at(ctx.path, ctx.lineOf(`${name} = [`) ?? ctx.lineOf(name))}: ` +
    `[tool.uv.sources] ${name} is a list of sources chosen by marker, extra or group: which ` +
    "one uv takes depends on the platform or the install, and its purl names the default index";
  if (!ctx.warnings.includes(warning)) ctx.warnings.push(warning);
  return undefined;
}

/**
 * Applies `[tool.uv.sources]` to the declarations it names: a workspace
 * member or a local folder is the project's own code, a local wheel or sdist
 * the version its file name says; a git source gives the
 * `vcs_url`, a URL the `download_url`, a named `[[tool.uv.index]]` the
 * `repository_url`. A list of sources (one per marker) is left as declared.
 */
function applyUvSources(
  ctx: Context,
  uv: Table | undefined,
  declarations: Declaration[],
  workspace: UvSources | undefined,
): void {
  const own = uvSources(ctx, uv);
  const indexes = new Map([...workspace?.indexes ?? [], ...own.indexes]);
  // A member's own entry for a package replaces the workspace root's.
  const byName = new Map(
    [...workspace?.sources ?? [], ...own.sources].map(([name, v]) => [pep503Name(name), v]),
  );
  if (byName.size === 0) return;
  for (const declaration of declarations) {
    const source = chosenSource(ctx, declaration.name, byName.get(pep503Name(declaration.name)));
    if (source === undefined) continue;
    const text = (key: string): string | undefined =>
      typeof source[key] === "string" ? source[key] as string : undefined;
    const git = text("git");
    const url = text("url");
    const index = text("index");
    const path = text("path");
    // A source in place of the requirement's URL: that URL's hashes are no longer its file's.
    if (path !== undefined || git !== undefined || url !== undefined) delete declaration.hashes;
    if (path !== undefined) {
      Object.assign(declaration, fromPath(declaration.name, path, ctx.path, ctx.excluded));
    } else if (source.workspace === true) declaration.local = true;
    else if (git !== undefined) {
      const ref = text("rev") ?? text("tag") ?? text("branch");
      declaration.url = gitVcsUrl(git, ref, { subPath: text("subdirectory") });
      declaration.vcs = true;
    } else if (url !== undefined) {
      declaration.url = url;
      declaration.vcs = false;
    } else if (index !== undefined && indexes.has(index)) declaration.index = indexes.get(index);
  }
}

/** The name a requirement starts with (PEP 508). */
const PACKAGE_NAME = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/;

/**
 * A field of Hatch's context formatting (Python's `str.format` fields, a name and its
 * modifiers after `:`): hatchling's `{root}`, `{home}`, `{env}`, and an environment's `{args}`,
 * `{env_name}`, `{env_type}`, `{matrix}`, `{verbosity}` (hatch/env/context.py), or another;
 * not PDM's `${PROJECT_ROOT}` (see {@linkcode fileUrlPath}).
 */
const HATCH_FIELD = /(?<!\$)\{([A-Za-z_][A-Za-z0-9_]*)(?::([^{}]*))?\}/g;

/**
 * A requirement with Hatch's context formatting applied, as hatchling's `Context.format` fills
 * in `[project]` dependencies (hatchling/metadata/core.py: `Requirement(self.context.format(entry))`;
 * hatchling/utils/context.py): `{root}` is the project's folder, the manifest's, each leading
 * `parent` modifier its parent, and `uri` its `file:` URL (`real` the real path): written as the
 * relative `file:.`, `file:./..`, which {@linkcode fileUrlPath} takes as that folder;
 * `{env:NAME:default}` is its default. `unknown`: the first field vouch cannot fill in (the
 * developer's `{home}`, an `{env:NAME}` without a default, an environment's `{matrix:NAME}`,
 * whose value Hatch takes from each environment its matrix makes, or the default when that
 * environment has no such variable: `__format_matrix`), or one Hatch refuses (a modifier other
 * than `parent`, `uri`, `real`: "Unknown path modifier"; an unknown field), left as written.
 */
function hatchFormat(text: string): { text: string; unknown?: string } {
  let unknown: string | undefined;
  const out = text.replace(HATCH_FIELD, (field, name: string, data = "") => {
    if (name === "env") {
      const colon = data.indexOf(":");
      if (colon !== -1) return data.slice(colon + 1);
    } else if (name === "root") {
      const modifiers = data === "" ? [] : data.split(":");
      let parents = 0;
      while (modifiers[0] === "parent") {
        modifiers.shift();
        parents++;
      }
      if (
        modifiers.length === 0 || (modifiers.length === 1 && /^(?:uri|real)$/.test(modifiers[0]))
      ) {
        return `file:${[".", ...Array(parents).fill("..")].join("/")}`;
      }
    }
    unknown ??= field;
    return field;
  });
  return unknown === undefined ? { text: out } : { text: out, unknown };
}

/** PDM's `file:///${PROJECT_ROOT}` prefix (also with two slashes, as early PDM 2 wrote it). */
const PROJECT_ROOT_URL = /^file:\/\/\/?\$\{PROJECT_ROOT\}(?=\/|$)/;

/**
 * The local path a requirement's `file:` URL (or path) names, relative to
 * the manifest's folder unless absolute: `file:///${PROJECT_ROOT}/x` is `./x`
 * (pdm-backend's `expand_vars` puts the project root in its place, and PDM
 * and uv read it so); `file:../x`, without an authority, the relative path
 * it holds (pip's `url_to_path` takes the URL's path); `file:///abs/x` and
 * `file://localhost/abs/x` the absolute path; `undefined` for a URL of
 * another scheme. A URL's path is percent-decoded, as pip's `url_to_path`
 * (pip/_internal/utils/urls.py: `urllib.parse.unquote` of `urlsplit`'s path)
 * and PDM's copy of it decode it: `file:vendor%2Fx` is `vendor/x`; a plain path is as written.
 */
function fileUrlPath(url: string): string | undefined {
  const rooted = PROJECT_ROOT_URL.exec(url);
  if (rooted !== null) return `.${decodePercent(url.slice(rooted[0].length))}`;
  if (/^file:(?!\/)/i.test(url)) return decodePercent(url.slice("file:".length));
  const absolute = /^file:\/\/(?:localhost)?(\/.*)$/i.exec(url);
  if (absolute !== null) return decodePercent(absolute[1]);
  // A file: URL naming another host (`file://server/share`) is no folder of the project.
  if (/^file:/i.test(url)) return url;
  return /^\.{0,2}\//.test(url) ? url : undefined;
}

/**
 * What a declaration from a local path is: a wheel or sdist file, the version its file name
 * says (`path = "../trivial/dist/trivial-0.1.0-py3-none-any.whl"`); a folder of the project, the
 * project's own; a folder outside it (another checkout, `path = "../trivial"` from the root),
 * that package as declared, with no version, as a lock records it (see `_fold.ts`' `localEdges`);
 * so is a folder of the project that the scan skips (`vendor/x`, an `--exclude`d one: see
 * `unscannedFolder`), which no manifest of the scan makes a member.
 *
 * @param name The declared name.
 * @param path The path, relative to the folder of `from`.
 * @param from The manifest's path, relative to the project root.
 * @param excluded Whether `--exclude` names a root-relative folder.
 */
function fromPath(
  name: string,
  path: string,
  from: string,
  excluded?: (folder: string) => boolean,
): Pick<Declaration, "specifier" | "local" | "file"> {
  const version = ARCHIVE.test(path) ? versionFromFileName(name, path) : undefined;
  if (version !== undefined) return { specifier: `==${version}`, file: path };
  const place = localPlace(from, path);
  return place.kind === "outside" || unscannedFolder(place, excluded) !== undefined
    ? {}
    : { local: true };
}

/** What Poetry's entries refer to by name: the extras each package is in, the `[[tool.poetry.source]]` URLs. */
interface PoetryNames {
  extrasOf: Map<string, string[]>;
  indexes: Map<string, string>;
}

function poetryEntry(
  ctx: Context,
  name: string,
  value: unknown,
  scope: Scope,
  group: string | undefined,
  poetry: PoetryNames,
): Declaration[] {
  if (Array.isArray(value)) {
    return value.flatMap((v) => poetryEntry(ctx, name, v, scope, group, poetry));
  }
  if (typeof value === "string") {
    return [{ name, specifier: poetryConstraint(value), scope, group }];
  }
  if (!isTable(value)) {
    throw ctx.fail(`dependency "${name}" must be a string, a table or an array`, name);
  }
  if (value.path !== undefined) {
    return [{ name, scope, group, ...fromPath(name, String(value.path), ctx.path, ctx.excluded) }];
  }
  const optional = value.optional === true && scope === "runtime";
  const constraint = ctx.optionalString(value.version, `version of "${name}"`, name);
  const base = { name, specifier: constraint ? poetryConstraint(constraint) : undefined };
  let extra: Partial<Declaration> = {
    extras: ctx.strings(value.extras, `extras of "${name}"`, name).map(pep503Name),
  };
  if (typeof value.git === "string") {
    // Poetry's `rev`, `tag` or `branch`; the Pipfile-like `ref` of PDM's metadata before PEP 621.
    const ref = [value.rev, value.tag, value.branch, value.ref].find((r) => typeof r === "string");
    const subPath = typeof value.subdirectory === "string" ? value.subdirectory : undefined;
    const url = gitVcsUrl(value.git, ref, { subPath });
    extra = { ...extra, url, vcs: true, specifier: undefined };
  } else if (typeof value.url === "string") {
    extra = { ...extra, url: value.url, vcs: false, specifier: undefined };
  } else if (typeof value.source === "string" && poetry.indexes.has(value.source)) {
    extra = { ...extra, index: poetry.indexes.get(value.source) };
  }
  if (!optional) return [{ ...base, ...extra, scope, group }];
  const extras = poetry.extrasOf.get(pep503Name(name)) ?? [];
  const groups = extras.length > 0 ? extras : [undefined];
  return groups.map((g) => ({ ...base, ...extra, scope: "optional" as const, group: g }));
}

function poetryDependencies(
  ctx: Context,
  table: Table | undefined,
  scope: Scope,
  group: string | undefined,
  poetry: PoetryNames,
): Declaration[] {
  if (table === undefined) return [];
  return Object.entries(table).flatMap(([name, value]) => {
    // Poetry's schema takes names of `[a-zA-Z-_.0-9]+` only (poetry-schema.json): `"" = "^2"` is
    // refused at its key (it was refused as a purl without a name, at no line).
    if (name === "") throw ctx.fail("a dependency with an empty name", undefined, "");
    return pep503Name(name) === "python" ? [] : poetryEntry(ctx, name, value, scope, group, poetry);
  });
}

/**
 * Poetry's declarations: `main`, those of `[tool.poetry.dependencies]` (see
 * {@linkcode poetryMain} for how `[project]` limits them), and `rest`, its dev groups'.
 */
function poetryDeclarations(
  ctx: Context,
  poetry: Table,
): { main: Declaration[]; rest: Declaration[] } {
  const extrasOf = new Map<string, string[]>();
  const extras = ctx.table(poetry.extras, "[tool.poetry.extras]", "[tool.poetry.extras]") ?? {};
  for (const [extra, names] of Object.entries(extras)) {
    for (const name of ctx.strings(names, `[tool.poetry.extras] ${extra}`, extra)) {
      const key = pep503Name(name.replace(/[\s\[(;<>=!~].*$/, ""));
      extrasOf.set(key, [...(extrasOf.get(key) ?? []), extra]);
    }
  }
  const names: PoetryNames = {
    extrasOf,
    indexes: namedIndexes(ctx, poetry.source, "[[tool.poetry.source]]"),
  };
  const main = poetryDependencies(
    ctx,
    ctx.table(poetry.dependencies, "[tool.poetry.dependencies]", "[tool.poetry.dependencies]"),
    "runtime",
    undefined,
    names,
  );
  const out: Declaration[] = [];
  out.push(...poetryDependencies(
    ctx,
    ctx.table(poetry["dev-dependencies"], "[tool.poetry.dev-dependencies]", "dev-dependencies"),
    "dev",
    "dev",
    names,
  ));
  const groups = ctx.table(poetry.group, "[tool.poetry.group]", "[tool.poetry.group") ?? {};
  for (const [group, body] of Object.entries(groups)) {
    const where = `[tool.poetry.group.${group}]`;
    const deps = ctx.table(body, where, where)?.dependencies;
    out.push(...poetryDependencies(
      ctx,
      ctx.table(deps, `${where.slice(0, -1)}.dependencies]`, where),
      "dev",
      group,
      names,
    ));
  }
  return { main, rest: out };
}

/**
 * Standard requirements (`[project]`'s, a `[dependency-groups]` group's) each enriched with
 * the Poetry entries of its name (poetry-core's `_enrich_dependency`: the entry's source,
 * index or checkout, the requirement's own extras, scope and group); Poetry entries of other
 * names are not in the result.
 */
function enriched(standard: Declaration[], poetry: Declaration[]): Declaration[] {
  const byName = new Map<string, Declaration[]>();
  for (const p of poetry) {
    const name = pep503Name(p.name);
    byName.set(name, [...byName.get(name) ?? [], p]);
  }
  return standard.flatMap((d) => {
    const entries = byName.get(pep503Name(d.name));
    // A requirement with its own URL or path stays as written (Poetry clones it).
    if (entries === undefined || d.url !== undefined || d.local || d.file !== undefined) {
      return [d];
    }
    return entries.map((p) => ({
      ...p,
      name: d.name,
      specifier: [d.specifier, p.specifier].filter((s) => s).join(",") || undefined,
      extras: d.extras,
      scope: d.scope,
      group: d.group,
    }));
  });
}

/**
 * Poetry 2.2's dependency groups: a `[dependency-groups]` group with requirements of its own
 * is the group, and `[tool.poetry.group.<name>.dependencies]` (or `dev-dependencies` for
 * `dev`) only enriches them, its other entries left out (poetry-core's Factory
 * `_configure_package_dependency_groups` adds them to the same DependencyGroup as Poetry
 * entries); a group only Poetry declares, or one of includes only, is Poetry's.
 */
function poetryGroups(
  standard: Declaration[],
  poetry: Declaration[],
  groups: Table | undefined,
): Declaration[] {
  const own = new Set(
    Object.entries(groups ?? {})
      .filter(([, entries]) => Array.isArray(entries) && entries.some((e) => typeof e === "string"))
      .map(([name]) => pep503Name(name)),
  );
  const shared = (d: Declaration): boolean => d.group !== undefined && own.has(pep503Name(d.group));
  const out: Declaration[] = [];
  for (const d of standard) {
    if (d.scope !== "dev" || !shared(d)) out.push(d);
    else {
      out.push(...enriched(
        [d],
        poetry.filter((p) => shared(p) && pep503Name(p.group!) === pep503Name(d.group!)),
      ));
    }
  }
  out.push(...poetry.filter((p) => !shared(p)));
  return out;
}

/**
 * The main group as Poetry 2 takes it beside a `[project]` that declares `dependencies` or
 * `optional-dependencies` (poetry-core's DependencyGroup: `dependencies` are then `[project]`'s,
 * and `dependencies_for_locking` only enriches each with the `[tool.poetry.dependencies]`
 * entries of its name, their source, index or `develop`, its own extras and optional kept):
 * an entry `[project]` does not name is left out, but where one of those two fields is
 * `dynamic` (a "mixed dynamic" group, which adds the entries of the kind `[project]` lacks:
 * required ones when it has only extras, optional ones when it has none). Without either
 * field Poetry reads `[tool.poetry.dependencies]` alone, as Poetry 1 did (the caller's case).
 */
function poetryMain(
  project: Declaration[],
  poetry: Declaration[],
  dynamic: string[],
): Declaration[] {
  const out = enriched(project, poetry);
  if (dynamic.includes("dependencies") || dynamic.includes("optional-dependencies")) {
    const onlyOptional = project.every((d) => d.scope === "optional");
    const noOptional = project.every((d) => d.scope !== "optional");
    out.push(
      ...poetry.filter((p) =>
        (onlyOptional && p.scope !== "optional") || (noOptional && p.scope === "optional")
      ),
    );
  }
  return out;
}

/** The hatch metadata hook of uv-dynamic-versioning, which sets a project's dynamic dependencies. */
const UV_DYNAMIC_VERSIONING = "[tool.hatch.metadata.hooks.uv-dynamic-versioning]";

/**
 * A Jinja `{{ … }}` expression and the comparison before it (`=={{ version }}`), with a comma
 * around. Each run of spaces and each `{{` is scanned once: the spaces only from their start,
 * the expression only up to the next brace (200 KB of either took minutes).
 */
const TEMPLATED_CLAUSE = /(?<!\s)\s*(?:===|==|~=|!=|<=|>=|<|>)\s*\{\{[^{}]*\}\}\s*(?:,\s*)?/g;

/**
 * A requirement of uv-dynamic-versioning's hook without its templated clauses: a
 * `=={{ version }}` is the project's own version at build time (its workspace siblings'),
 * which no file says; the rest of the range stays. `undefined` for another template
 * (`{% if %}`), which only the build evaluates.
 */
function untemplated(text: string): string | undefined {
  const out = text.replace(TEMPLATED_CLAUSE, "").replace(/,\s*(?=;|$)/, "");
  return /\{[{%#]/.test(out) ? undefined : out;
}

/**
 * The requirements of a list of uv-dynamic-versioning's hook, untemplated; `undefined` when
 * one has a template only the build evaluates.
 */
function hookRequirements(
  ctx: Context,
  list: unknown,
  what: string,
  key: string,
): string[] | undefined {
  const out = ctx.strings(list, what, "", key).map(untemplated);
  return out.every((text) => text !== undefined) ? out as string[] : undefined;
}

/** Every string of a TOML value (a file name, a list of them, a table of lists). */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return isTable(value) ? Object.values(value).flatMap(strings) : [];
}

/**
 * The `dependencies` and `optional-dependencies` of a `[project]` that declares them
 * `dynamic` (the build backend sets them): those of uv-dynamic-versioning's hatch metadata
 * hook (pydantic/pydantic-ai's `"pydantic-graph=={{ version }}"`), read as `[project]`'s.
 * `unread` names the dynamic fields that nothing vouch reads gives: neither that hook, nor
 * Poetry's `[tool.poetry]` tables, nor requirements files that vouch reads on its own
 * (`readsFile`), named by setuptools' `[tool.setuptools.dynamic]` or hatch-requirements-txt's
 * hook.
 */
function dynamicDependencies(
  ctx: Context,
  project: Table | undefined,
  tool: Table | undefined,
  readsFile: (path: string) => boolean,
): { project: Table | undefined; unread: string[] } {
  const dynamic = ctx.strings(project?.dynamic, "[project] dynamic", "dynamic");
  const fields = ["dependencies", "optional-dependencies"]
    .filter((field) => dynamic.includes(field) && project?.[field] === undefined);
  if (project === undefined || fields.length === 0) return { project, unread: [] };
  const hatch = ctx.table(tool?.hatch, "[tool.hatch]", "[tool.hatch");
  const metadata = ctx.table(hatch?.metadata, "[tool.hatch.metadata]", "[tool.hatch.metadata");
  const hooks = ctx.table(metadata?.hooks, "[tool.hatch.metadata.hooks]", "hooks") ?? {};
  const hook = ctx.table(
    hooks["uv-dynamic-versioning"],
    UV_DYNAMIC_VERSIONING,
    UV_DYNAMIC_VERSIONING,
  );
  const setuptools = ctx.table(tool?.setuptools, "[tool.setuptools]", "[tool.setuptools");
  const fromSetuptools = ctx.table(setuptools?.dynamic, "[tool.setuptools.dynamic]", "dynamic");
  const fromHatch = isTable(hooks.requirements_txt) ? hooks.requirements_txt : {};
  const poetry = ctx.table(tool?.poetry, "[tool.poetry]", "[tool.poetry");
  const others = {
    "dependencies": { poetry: "dependencies", hatch: "files" },
    "optional-dependencies": { poetry: "extras", hatch: "optional-dependencies" },
  };
  // A file outside the project is none vouch reads.
  const read = (file: string): boolean => {
    const place = localPlace(ctx.path, file);
    return place.kind !== "outside" && readsFile(place.path!);
  };
  const filled: Table = { ...project };
  const unread: string[] = [];
  for (const field of fields as Array<keyof typeof others>) {
    const where = `${UV_DYNAMIC_VERSIONING} ${field}`;
    // Its keys' lines: `field` alone names `[project] dynamic`'s line too.
    const key = `tool.hatch.metadata.hooks.uv-dynamic-versioning.${field}`;
    let value: unknown;
    if (hook?.[field] === undefined) value = undefined;
    else if (field === "dependencies") value = hookRequirements(ctx, hook[field], where, key);
    else {
      const extras = Object.entries(ctx.table(hook[field], where, "", key) ?? {})
        .map((
          [extra, list],
        ) => [extra, hookRequirements(ctx, list, `${where} "${extra}"`, `${key}.${extra}`)]);
      if (extras.every(([, list]) => list !== undefined)) value = Object.fromEntries(extras);
    }
    const files = strings([fromSetuptools?.[field], fromHatch[others[field].hatch]]);
    if (value !== undefined) filled[field] = value;
    else if (
      poetry?.[others[field].poetry] === undefined &&
      (files.length === 0 || !files.every(read))
    ) unread.push(field);
  }
  return { project: filled, unread };
}

/** `[project]`'s `dependencies` and `optional-dependencies`. */
function projectDeclarations(ctx: Context, project: Table | undefined): Declaration[] {
  const out: Declaration[] = [];
  if (project !== undefined) {
    for (
      const text of ctx.strings(project.dependencies, "[project] dependencies", "dependencies")
    ) {
      out.push(ctx.hatchPep508(text, "runtime"));
    }
    const optional = ctx.table(
      project["optional-dependencies"],
      "[project.optional-dependencies]",
      "optional-dependencies",
    ) ?? {};
    for (const [extra, list] of Object.entries(optional)) {
      for (const text of ctx.strings(list, `optional dependencies "${extra}"`, extra)) {
        out.push(ctx.hatchPep508(text, "optional", extra));
      }
    }
  }
  return out;
}

/** `[dependency-groups]` and `[build-system] requires`. */
function pep621Declarations(ctx: Context, doc: Table): Declaration[] {
  const out: Declaration[] = [];
  out.push(...dependencyGroups(
    ctx,
    ctx.table(doc["dependency-groups"], "[dependency-groups]", "[dependency-groups]"),
  ));
  const build = ctx.table(doc["build-system"], "[build-system]", "[build-system]");
  for (const text of ctx.strings(build?.requires, "[build-system] requires", "requires")) {
    out.push(ctx.pep508(text, "build"));
  }
  return out;
}

/**
 * Flit's metadata before PEP 621 (Flit before 3.2), `[tool.flit.metadata]`:
 * `requires` are runtime; `requires-extra` the extras, optional; and
 * `dev-requires`, which Flit encodes in the wheel as the extra `dev`, too.
 */
function flitDeclarations(ctx: Context, metadata: Table | undefined): Declaration[] {
  if (metadata === undefined) return [];
  const where = "[tool.flit.metadata]";
  const out = ctx.strings(metadata.requires, `${where} requires`, "requires")
    .map((text) => ctx.pep508(text, "runtime"));
  const extras = ctx.table(metadata["requires-extra"], `${where} requires-extra`, "requires-extra");
  const dev = ctx.strings(metadata["dev-requires"], `${where} dev-requires`, "dev-requires");
  for (const [extra, list] of [...Object.entries(extras ?? {}), ["dev", dev] as const]) {
    for (const text of ctx.strings(list, `${where} requires-extra ${extra}`, extra)) {
      out.push(ctx.pep508(text, "optional", extra));
    }
  }
  return out;
}

/**
 * The exact version a declaration names: a `==` pin, or the version in the
 * file name of a wheel or sdist it points at (`name @ https://…/name-1.0-py3-none-any.whl`).
 */
function declaredVersion(declaration: Declaration): string | undefined {
  const { url } = declaration;
  const archive = url !== undefined && !declaration.vcs && ARCHIVE.test(fileNameOf(url));
  return pinnedVersion(declaration.specifier) ??
    (archive ? versionFromFileName(declaration.name, url) : undefined);
}

/** How many pins of one package in one list a declaration without one may join (see `merge`). */
const MAX_PINS_JOINED = 16;

/**
 * The declarations merged into one entry per package: per name, one per
 * exact version declared (Poetry's multiple-constraint entries and PEP 508
 * requirements that pin different versions under different markers are each
 * a component); declarations without one join the name's first of the same
 * list (scope and extra or group: what one install takes) that their range
 * admits, and stay version-less otherwise: `requests>=2` at run time is no
 * `requests==2.31.0` that only the `test` extra pins, as pip installs the
 * project without it, and `numpy>=1.22; python_version >= '3.8'` is no
 * `numpy==1.21.6` that the same list pins for older Pythons.
 */
function merge(declarations: Declaration[], self: string | undefined): Map<string, Merged> {
  const merged = new Map<string, Merged>();
  const pins = new Map<string, string[]>();
  const list = (d: Declaration): string => `${pep503Name(d.name)} ${d.scope} ${d.group ?? ""}`;
  for (const declaration of declarations) {
    const version = declaredVersion(declaration);
    const key = list(declaration);
    const pinned = pins.get(key) ?? [];
    // The first few: no list pins one package more often (one pin per marker), and each
    // declaration without one is checked against them all.
    if (version !== undefined && pinned.length < MAX_PINS_JOINED) {
      pins.set(key, [...pinned, version]);
    }
  }
  for (const declaration of declarations) {
    const name = pep503Name(declaration.name);
    if (name === self) continue;
    if (isLocal(declaration)) continue;
    const version = declaredVersion(declaration) ??
      pins.get(list(declaration))?.find((pin) => satisfies(pin, declaration.specifier) !== false);
    const key = `${name} ${version ?? ""}`;
    let entry = merged.get(key);
    if (!entry) {
      entry = {
        name: declaration.name,
        version,
        qualifiers: {},
        scopes: new Set(),
        groups: new Set(),
        sources: new Set(),
        asks: new Map(),
        indexes: [],
      };
      merged.set(key, entry);
    }
    entry.specifier ??= declaration.specifier;
    if (declaration.url !== undefined && entry.downloadLocation === undefined) {
      entry.downloadLocation = declaration.url;
      entry.qualifiers[declaration.vcs ? "vcs_url" : "download_url"] = declaration.url;
      if (declaration.hashes !== undefined) entry.hashes = declaration.hashes;
    } else if (declaration.file !== undefined) {
      // A distribution file on disk is no URL: its `file_name`, as the locks and requirements
      // files give it.
      Object.assign(entry.qualifiers, localArchiveQualifiers(declaration.file));
    } else if (declaration.url === undefined && declaration.index !== undefined) {
      entry.qualifiers.repository_url ??= repositoryUrl(declaration.index);
    }
    if (
      declaration.url === undefined && declaration.file === undefined &&
      !entry.indexes.includes(declaration.index)
    ) entry.indexes.push(declaration.index);
    entry.scopes.add(declaration.scope);
    const asked = entry.asks.get(declaration.scope) ?? new Set();
    for (const e of declaration.extras ?? []) entry.asks.set(declaration.scope, asked.add(e));
    if (declaration.group !== undefined) entry.groups.add(declaration.group);
    if (declaration.source !== undefined) entry.sources.add(declaration.source);
  }
  return merged;
}

/**
 * A `[project]` (or PDM 0.x `[tool.pdm]`) value as PEP 621 has it: PDM 0.x and 1 (pdm-pep517
 * before 1.0) wrote a dynamic version as a table, `version = {from = "pkg/__init__.py"}` or
 * `{use_scm = true}`, which is no version here.
 */
function legacyDynamic(project: Table | undefined, key: string): unknown {
  const value = project?.[key];
  if (key !== "version" || !isTable(value)) return value;
  return "from" in value || "use_scm" in value ? undefined : value;
}

function projectInfo(
  ctx: Context,
  project: Table | undefined,
  poetry: Table | undefined,
  release: string | undefined,
  flit?: Table,
  pdm?: Table,
): Project | undefined {
  // An empty string is no value (PDM 1's `pdm init` wrote `name = ""` and `version = ""` for
  // an application that is not a package).
  const field = (key: string): string | undefined =>
    (ctx.optionalString(legacyDynamic(project, key), `[project] ${key}`, `${key} =`) ||
      ctx.optionalString(poetry?.[key], `[tool.poetry] ${key}`, `${key} =`) ||
      ctx.optionalString(legacyDynamic(pdm, key), `[tool.pdm] ${key}`, `${key} =`)) || undefined;
  // Flit's old metadata names the distribution `dist-name`, else after its `module`.
  const name = field("name") ||
    ctx.optionalString(flit?.["dist-name"], "[tool.flit.metadata] dist-name", "dist-name") ||
    ctx.optionalString(flit?.module, "[tool.flit.metadata] module", "module") || undefined;
  if (name === undefined) return undefined;
  const dynamic = ctx.strings(project?.dynamic, "[project] dynamic", "dynamic");
  const isDynamic = dynamic.includes("version") || project?.name === undefined ||
    isTable(project?.version);
  const version = field("version") ?? (isDynamic ? release : undefined);
  const info: Project = { name, purl: pypiPurl(name, version) };
  if (version !== undefined) info.version = version;
  const declared = license(
    ctx,
    project?.license ?? project?.["license-expression"] ?? poetry?.license ?? flit?.license ??
      pdm?.license,
  );
  if (declared !== undefined) info.license = declared;
  const description = field("description");
  if (description !== undefined) info.description = description;
  return info;
}

/**
 * Reads a `pyproject.toml`: the project's identity and every dependency it
 * declares (runtime, optional extras, dependency groups, build requirements,
 * Poetry dependencies and groups, the dev dependencies of PDM, uv, Rye and
 * Hatch's environments), one component per distinct package.
 *
 * @example
 * ```ts
 * import { readPyproject } from "./pyproject.ts";
 * const out = readPyproject('[project]\nname = "demo"\nversion = "1.0"\ndependencies = ["rich>=13"]\n', {
 *   path: "pyproject.toml",
 * });
 * out.project?.purl; // "pkg:pypi/demo@1.0"
 * out.components[0].specifier; // ">=13"
 * ```
 *
 * @param text The file's text.
 * @param options The file's path, the release version for dynamic versions,
 *   and `load` for the `hatch.toml` beside it.
 * @returns Members (none), components, root edges, the project, and warnings
 *   (a Hatch environment's feature that is no extra of the project).
 * @throws {VouchError} `inventory.pyproject.invalid` for malformed TOML or wrong types.
 */
export function readPyproject(
  text: string,
  options: PyprojectOptions,
): ReaderResult {
  const ctx = new Context(text, options.path, { excluded: options.excluded });
  const doc = parseToml(text, options.path, `inventory.${READER}.invalid`);
  const project = ctx.table(doc.project, "[project]", "[project]");
  const tool = ctx.table(doc.tool, "[tool]", "[tool");
  const poetry = ctx.table(tool?.poetry, "[tool.poetry]", "[tool.poetry");
  const flit = ctx.table(tool?.flit, "[tool.flit]", "[tool.flit");
  const flitMetadata = ctx.table(flit?.metadata, "[tool.flit.metadata]", "[tool.flit.metadata");
  const pdm = ctx.table(tool?.pdm, "[tool.pdm]", "[tool.pdm");
  const oldPdm = legacyPdm(pdm);
  const info = projectInfo(ctx, project, poetry, options.release, flitMetadata, oldPdm);
  const dynamic = dynamicDependencies(ctx, project, tool, options.readsFile ?? (() => false));
  const main = projectDeclarations(ctx, dynamic.project);
  const fromPoetry = poetry === undefined ? undefined : poetryDeclarations(ctx, poetry);
  // Without `[project]` requirements Poetry reads `[tool.poetry.dependencies]` alone.
  const legacy = main.length === 0;
  const declarations = fromPoetry === undefined || legacy ? main : poetryMain(
    main,
    fromPoetry.main,
    ctx.strings(project?.dynamic, "[project] dynamic", "dynamic"),
  );
  if (fromPoetry === undefined) declarations.push(...pep621Declarations(ctx, doc));
  else {
    declarations.push(
      ...poetryGroups(
        pep621Declarations(ctx, doc),
        [...legacy ? fromPoetry.main : [], ...fromPoetry.rest],
        ctx.table(doc["dependency-groups"], "[dependency-groups]", "[dependency-groups]"),
      ),
    );
  }
  declarations.push(...flitDeclarations(ctx, flitMetadata));
  declarations.push(
    ...oldPdm === undefined
      ? pdmDevDependencies(ctx, pdm, project)
      : legacyPdmDeclarations(ctx, oldPdm),
  );
  const uv = ctx.table(tool?.uv, "[tool.uv]", "[tool.uv");
  declarations.push(...toolDevDependencies(ctx, uv, "[tool.uv]"));
  const rye = ctx.table(tool?.rye, "[tool.rye]", "[tool.rye");
  declarations.push(...toolDevDependencies(ctx, rye, "[tool.rye]"));
  const self = info ? pep503Name(info.name) : undefined;
  const optional = ctx.table(
    dynamic.project?.["optional-dependencies"],
    "[project.optional-dependencies]",
    "optional-dependencies",
  );
  const extrasOf = extraRequirements(optional ?? {}, self);
  const hatch = hatchEnvDependencies(
    hatchEnvs(ctx, ctx.table(tool?.hatch, "[tool.hatch]", "[tool.hatch"), options.load),
    extrasOf.texts,
  );
  declarations.push(...hatch.declarations);
  // The project itself with extras in a dev group (`test = ["pdm[pytest]"]`) is what those
  // extras require, dev too; an extra naming its siblings (`all`) adds no scope.
  declarations.push(
    ...declarations.flatMap((d) =>
      pep503Name(d.name) === self && d.scope !== "optional"
        ? (d.extras ?? []).flatMap((e) => extrasOf.texts(e) ?? []).map((t) =>
          ctx.pep508(t, d.scope, d.group)
        )
        : []
    ),
  );
  const inherited = uv?.workspace === undefined
    ? workspaceSources(options.path, options.load, options.memo)
    : undefined;
  applyUvSources(ctx, uv, declarations, inherited);
  for (const declaration of declarations) declaration.source ??= options.path;
  const builder = new OutputBuilder();
  const asks: ExtraLinks["asks"] = [];
  const merged = merge(declarations, self);
  for (const entry of merged.values()) {
    const component = pypiComponent({
      name: entry.name,
      version: entry.version,
      specifier: entry.specifier,
      qualifiers: entry.qualifiers,
      downloadLocation: entry.downloadLocation,
      ...(entry.hashes === undefined ? {} : { hashes: entry.hashes }),
      direct: true,
      scopes: entry.scopes,
      groups: entry.groups,
      source: options.path,
    });
    // A declaration of a hatch.toml beside it names that file.
    component.sources = [...entry.sources].sort(compareStrings);
    const id = builder.component(component);
    for (const scope of entry.scopes) builder.edge(ROOT_ID, id, scope);
    for (const [scope, extras] of entry.asks) {
      for (const extra of extras) asks.push({ from: ROOT_ID, to: id, scope, extra });
    }
  }
  const output: ReaderResult = builder.build();
  if (asks.length > 0) output.extras = { asks, gates: [] };
  const locals = localDeclarations(declarations, self);
  if (locals.length > 0) output.localDeclarations = locals;
  if (Object.keys(extrasOf.includes).length > 0) output.extraIncludes = extrasOf.includes;
  const warnings = [
    ...ctx.warnings,
    ...hatch.warnings,
    ...indexWarnings(ctx, merged.values()),
    ...dynamic.unread.map((field) =>
      `${options.path}: [project] ${field} are dynamic (its build backend sets them), and vouch ` +
      "reads no file that lists them: they are not in the SBOM; lock the project (uv lock, " +
      "pip-compile) and commit the lockfile, which vouch reads"
    ),
  ];
  if (warnings.length > 0) output.warnings = warnings;
  if (info === undefined) return output;
  // Neither a runtime dependency nor a build system: a tooling identity (gitea's lint-only Poetry table).
  const tooling = doc["build-system"] === undefined &&
    !declarations.some((declaration) => declaration.scope === "runtime");
  return { ...output, project: info, ...(tooling ? { projectIsTooling: true } : {}) };
}

/**
 * A warning per package whose declarations name different package indexes: Poetry's
 * multiple-constraint entry `torch = [{ version = "~2.1", source = "torch_cu121", markers =
 * "sys_platform == 'linux'" }, { version = "~2.1", source = "PyPI", markers = "sys_platform ==
 * 'darwin'" }]` takes each from its own (Poetry's `source` is per constraint), so which one
 * serves the package depends on the platform: the purl names the first declaration's.
 */
function indexWarnings(ctx: Context, merged: Iterable<Merged>): string[] {
  const warnings: string[] = [];
  for (const entry of merged) {
    if (entry.indexes.length < 2) continue;
    const named = entry.indexes.map((index) => index ?? "the default index").join(", ");
    warnings.push(
      `${at(ctx.path, ctx.lineOf(entry.name))}: ${entry.name}${
        entry.version === undefined ? "" : `@${entry.version}`
      } is ` +
        `declared from different package indexes (${named}): which one serves it depends on ` +
        "the platform or the install, and its purl names the first declaration's",
    );
  }
  return warnings;
}

/** Whether a declaration names the project's own folder (`Declaration.local`, a `file:` URL). */
function isLocal(declaration: Declaration): boolean {
  return declaration.local === true ||
    (declaration.url !== undefined && /^file:|^\.{0,2}\//.test(declaration.url));
}

/** The project's own packages declared by folder, by name and scope, once each, with the extras asked. */
function localDeclarations(
  declarations: readonly Declaration[],
  self: string | undefined,
): Array<{ name: string; scope: Scope; extras?: string[] }> {
  const out = new Map<string, { name: string; scope: Scope; extras?: string[] }>();
  for (const declaration of declarations) {
    const name = pep503Name(declaration.name);
    const key = `${name} ${declaration.scope}`;
    if (!isLocal(declaration) || name === self) continue;
    const entry = out.get(key) ?? { name, scope: declaration.scope };
    const extras = new Set([...entry.extras ?? [], ...declaration.extras ?? []]);
    if (extras.size > 0) entry.extras = [...extras].sort(compareStrings);
    out.set(key, entry);
  }
  return [...out.values()];
}

/**
 * Where Hatch's environments are configured: a hatch.toml beside the
 * pyproject.toml (read with `load`) holds Hatch's options at its top level,
 * and each of them replaces the one of `[tool.hatch]` (as Hatch merges the
 * two files); else `[tool.hatch.envs]`.
 */
function hatchEnvs(ctx: Context, hatch: Table | undefined, load: Load | undefined): HatchEnvs {
  const dir = ctx.path.includes("/") ? ctx.path.slice(0, ctx.path.lastIndexOf("/") + 1) : "";
  const path = `${dir}hatch.toml`;
  const text = load?.(path);
  const own = text === undefined ? undefined : parseToml(text, path, `inventory.${READER}.invalid`);
  if (own?.envs !== undefined) {
    const file = new Context(text!, path, ctx);
    return {
      ctx: file,
      envs: file.table(own.envs, "[envs]", "[envs") ?? {},
      prefix: "envs",
      source: path,
    };
  }
  return {
    ctx,
    envs: ctx.table(hatch?.envs, "[tool.hatch.envs]", "[tool.hatch.envs") ?? {},
    prefix: "tool.hatch.envs",
  };
}
