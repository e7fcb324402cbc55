// Private: where NuGet gets a project's packages from, as the `nuget.config` files of the tree
// say it (the `repository_url` of their purls), for the readers of NuGet packages.
import { VouchError } from "../../errors.ts";
import { posix } from "../../_path.ts";
import { childElements, lineColumn, localName, parseXml } from "../_formats/xml.ts";
import type { XmlElement } from "../_formats/xml.ts";
import type { ComponentInit } from "../_builder.ts";
import type { Load } from "../_reader.ts";
import { withoutCredentials } from "../_url.ts";
import { nugetPurl } from "./_nuget.ts";

const CODE = "inventory.nuget_config.invalid";

/**
 * The names NuGet reads a folder's settings file under, in its order: the first that exists
 * (NuGet.Configuration's `Settings.OrderedSettingsFileNames` on a case-sensitive file system;
 * on a case-insensitive one, Windows's and macOS's, it asks for `NuGet.Config`, which the file
 * system finds in any case).
 */
const CONFIG_NAMES = ["nuget.config", "NuGet.config", "NuGet.Config"];

/** Lists the names of the files in a folder of the tree (`""` is the root). */
export type Files = (folder: string) => string[] | undefined;

/**
 * The source every NuGet installation starts with: the user-level `NuGet.Config` that NuGet
 * writes on first use adds `nuget.org` (vouch cannot read a machine's settings and takes that).
 */
const NUGET_ORG = { key: "nuget.org", value: "https://api.nuget.org/v3/index.json" };

/** A package source: its key and its URL or folder, as written. */
interface Source {
  key: string;
  value: string;
  /** The settings file that adds it. */
  file: string;
}

/** Where a package comes from. */
export interface PackageSource {
  /** Its purl's `repository_url`, when NuGet takes it from one source other than nuget.org. */
  repositoryUrl?: string;
  /** What vouch cannot know of it (several sources, a folder), once per reading. */
  warning?: string;
}

/** The package sources of a project, and the package source mapping that picks among them. */
export interface NugetSources {
  /** What vouch cannot know of the settings files themselves (a name Linux's NuGet skips). */
  warnings: string[];
  /**
   * Where NuGet takes a package from (see {@linkcode nugetSources}).
   *
   * @param id The package id.
   * @returns Its source.
   */
  sourceOf(id: string): PackageSource;
}

/**
 * The sources a project file names for its restore (see `restoreSourcesOf`, msbuild.ts): URLs or
 * folders, as written.
 */
export interface RestoreSources {
  /** `RestoreSources`: they replace the settings' sources (none: `Clear`). */
  sources?: string[];
  /** `RestoreAdditionalProjectSources`: added to them. */
  additional?: string[];
}

/**
 * Whether a source is nuget.org's (its v3 index, its v2 API): an http(s) URL whose host is
 * `nuget.org` or one of its subdomains, case ignored (NuGet.Configuration's
 * `UriUtility.IsNuGetOrg`).
 */
function isNugetOrg(value: string): boolean {
  const url = value.trim();
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return false;
  const host = new URL(url).hostname;
  return host === "nuget.org" || host.endsWith(".nuget.org");
}

/**
 * A reference to an environment variable in a setting's value (`%FEED_URL%`), which NuGet expands
 * when it reads it (`AddItem.Value` is `Settings.ApplyEnvironmentTransform`, .NET's
 * `Environment.ExpandEnvironmentVariables`, on every OS). A URL's percent-encoding between two
 * `%` (`%E2%80`, `%2Fa%`) is none: a name starts with a letter or `_` and is no hex byte.
 */
const ENV_REFERENCE = /%(?![0-9A-Fa-f]{2}%)[A-Za-z_][\w().-]*%/;

/** The `repository_url` of a source: its URL without credentials, `file://` for an absolute folder. */
function repositoryUrl(source: Source): string | undefined {
  const value = source.value.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return withoutCredentials(value);
  if (value.startsWith("/")) return `file://${value}`;
  return undefined;
}

/**
 * A source's key as a warning names it: without the credentials of a key that is a URL (a source
 * added under its own URL, `https://user:token@feed/…`, as the key NuGet's UI lets one type).
 */
function shownKey(source: Source): string {
  return withoutCredentials(source.key);
}

/**
 * The settings files NuGet reads for a folder of the tree, the farthest first. A folder's file
 * in another case (`Nuget.Config`, `NUGET.CONFIG`), found when its files are listed, is read as
 * NuGet on Windows or macOS reads it, with a warning that NuGet on Linux does not.
 */
function configFiles(
  folder: string,
  load: Load,
  options: { files?: Files; warnings: string[] },
): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  let dir = folder === "." ? "" : folder;
  for (;;) {
    const at = (name: string): string => dir === "" ? name : `${dir}/${name}`;
    const found = CONFIG_NAMES.map(at).find((path) => load(path) !== undefined);
    const other = found === undefined
      ? options.files?.(dir)?.find((f) => f.toLowerCase() === "nuget.config")
      : undefined;
    if (found !== undefined) out.push({ path: found, text: load(found)! });
    else if (other !== undefined && load(at(other)) !== undefined) {
      out.push({ path: at(other), text: load(at(other))! });
      options.warnings.push(
        `${at(other)}: NuGet reads it on Windows and macOS, whose file systems ignore case, but ` +
          `not on Linux, where it looks for ${CONFIG_NAMES.join(", ")} only: vouch reads it, ` +
          "and a restore on Linux takes the sources of the other settings files instead",
      );
    }
    if (dir === "") break;
    const up = posix.dirname(dir);
    dir = up === "." ? "" : up;
  }
  return out.reverse();
}

/** The child of `<configuration>` of that name, when there is one. */
function section(root: XmlElement, name: string): XmlElement[] {
  return childElements(root).filter((e) => localName(e.name) === name);
}

/**
 * The package sources and package source mapping of a folder of the tree, from the
 * `nuget.config` files of it and of the folders above it up to the root, as NuGet reads them
 * (NuGet.Configuration's `Settings.LoadDefaultSettings`): the nearest file wins, and a
 * `<clear/>` of a section drops what the files above it (and the user-level `NuGet.Config`,
 * whose nuget.org vouch assumes) put there; `<disabledPackageSources>` leaves a source out.
 * With a `<packageSourceMapping>`, a package comes from the sources of the pattern that names
 * it most closely (its id, else the longest `prefix*`; `PackageSourceMapping`, case
 * ignored), else from any source: of several, NuGet takes the first that answers, which
 * vouch cannot know (a warning; nuget.org among them is assumed). A source whose URL names an
 * environment variable (`%FEED_URL%`, which NuGet expands) has no known URL (a warning).
 * `<packageSourceCredentials>` is not read: no credential reaches a purl. A project file's
 * literal `RestoreSources` replace the enabled sources, its `RestoreAdditionalProjectSources`
 * are added (`restore`). `undefined` when the tree has no such file and the project names no
 * source: nuget.org.
 *
 * A `packages.lock.json` does not record the source a package came from (only its
 * `contentHash`): its readers take it from the settings too.
 *
 * @param folder The project's folder, root-relative (`""` or `.` for the root).
 * @param load Reads a file of the tree.
 * @param restore The sources the project file names, when it names any.
 * @param list Lists a folder's files: a settings file named in another case is found with it.
 * @returns The sources, when a settings file or the project names any.
 * @throws {VouchError} `inventory.nuget_config.invalid` for a settings file that is no XML or
 *   whose root is not `<configuration>`: NuGet refuses to restore with it.
 */
export function nugetSources(
  folder: string,
  load: Load,
  restore?: RestoreSources,
  list?: Files,
): NugetSources | undefined {
  const warnings: string[] = [];
  const files = configFiles(folder, load, { files: list, warnings });
  if (files.length === 0 && restore === undefined) return undefined;
  let sources: Source[] = [{ ...NUGET_ORG, file: "the user-level NuGet.Config" }];
  let disabled = new Set<string>();
  let mapping = new Map<string, string[]>();
  for (const { path, text } of files) {
    const { root } = parseXml(text, path, CODE);
    if (localName(root.name) !== "configuration") {
      throw new VouchError(
        CODE,
        `${path}:${lineColumn(text, root.offset).line}: the root element is <${root.name}>, ` +
          "not <configuration>",
        `fix ${path} (NuGet refuses to restore with it) and run vouch again`,
      );
    }
    for (const list of section(root, "packageSources")) {
      for (const item of childElements(list)) {
        const key = item.attributes.key;
        if (localName(item.name) === "clear") sources = [];
        else if (localName(item.name) === "add" && key && item.attributes.value) {
          sources = sources.filter((s) => s.key.toLowerCase() !== key.toLowerCase());
          sources.push({ key, value: item.attributes.value, file: path });
        } else if (localName(item.name) === "remove" && key) {
          sources = sources.filter((s) => s.key.toLowerCase() !== key.toLowerCase());
        }
      }
    }
    for (const list of section(root, "disabledPackageSources")) {
      for (const item of childElements(list)) {
        const key = item.attributes.key?.toLowerCase();
        if (localName(item.name) === "clear") disabled = new Set();
        else if (localName(item.name) === "add" && key) {
          if (item.attributes.value?.trim().toLowerCase() === "true") disabled.add(key);
          else disabled.delete(key);
        }
      }
    }
    for (const list of section(root, "packageSourceMapping")) {
      for (const item of childElements(list)) {
        const key = item.attributes.key?.toLowerCase();
        if (localName(item.name) === "clear") mapping = new Map();
        else if (localName(item.name) === "packageSource" && key) {
          const patterns = childElements(item)
            .filter((p) => localName(p.name) === "package" && p.attributes.pattern)
            .map((p) => p.attributes.pattern!.trim().toLowerCase());
          mapping.set(key, [...mapping.get(key) ?? [], ...patterns]);
        }
      }
    }
  }
  let enabled = sources.filter((s) => !disabled.has(s.key.toLowerCase()));
  if (restore !== undefined) enabled = projectSources(enabled, restore, folder);
  const nearest = files.at(-1)?.path ?? `the project in ${folder || "."}`;
  return {
    warnings,
    sourceOf: (id) => {
      const candidates = mapping.size === 0 ? enabled : mapped(id, enabled, mapping);
      if (candidates.every((s) => isNugetOrg(s.value))) return {};
      if (candidates.length > 1) {
        // NuGet asks every source at once and takes the first that answers with the version
        // (ResolverUtility.FindLibraryFromSourcesAsync, Task.WhenAny): which one served a
        // package is not recorded.
        const nugetOrg = candidates.some((s) => isNugetOrg(s.value));
        return {
          warning: `${nearest}: NuGet takes packages from whichever of the sources ` +
            `${candidates.map(shownKey).join(", ")} answers first (no ` +
            "packageSourceMapping says which), so vouch cannot tell which a package came from: " +
            (nugetOrg ? "their purls assume nuget.org" : "their purls name no repository_url"),
        };
      }
      const variable = ENV_REFERENCE.exec(candidates[0].value)?.[0];
      if (variable !== undefined) {
        return {
          warning: `${candidates[0].file}: the source ${shownKey(candidates[0])}, ` +
            `${withoutCredentials(candidates[0].value.trim())}, names the environment variable ` +
            `${variable}, which NuGet expands when it restores: vouch does not know its value, ` +
            "so the purls of its packages name no repository_url",
        };
      }
      const url = repositoryUrl(candidates[0]);
      return url !== undefined ? { repositoryUrl: url } : {
        warning: `${candidates[0].file}: NuGet takes packages from the folder ` +
          `${candidates[0].value} (source ${shownKey(candidates[0])}), which has no URL: ` +
          "their purls name no repository_url",
      };
    },
  };
}

/**
 * The sources of a project's restore when its project file names them: its `RestoreSources`
 * instead of the settings' enabled ones, then its `RestoreAdditionalProjectSources`. A source
 * whose URL is a settings source's is that source, named by its key for the package source
 * mapping (NuGet's `RestoreArgs.GetEffectiveSources` takes the provider's `PackageSource` of the
 * same URL); another is named by its URL.
 */
function projectSources(enabled: Source[], restore: RestoreSources, folder: string): Source[] {
  const file = `the RestoreSources of the project in ${folder || "."}`;
  const named = (value: string): Source =>
    enabled.find((s) => s.value.trim() === value) ?? { key: value, value, file };
  return [
    ...restore.sources === undefined ? enabled : restore.sources.map(named),
    ...(restore.additional ?? []).map(named),
  ];
}

/**
 * The sources the package source mapping gives a package: those of the pattern that names it
 * most closely (its id exactly, else the longest `prefix*` it starts with), none when no
 * pattern does (NuGet then fails the restore, NU1100).
 */
function mapped(id: string, sources: Source[], mapping: Map<string, string[]>): Source[] {
  const name = id.toLowerCase();
  let best: string | undefined;
  const fits = (pattern: string): boolean =>
    pattern === name || (pattern.endsWith("*") && name.startsWith(pattern.slice(0, -1)));
  const better = (pattern: string): boolean =>
    best === undefined || (best.endsWith("*") &&
      (!pattern.endsWith("*") || pattern.length > best.length));
  for (const patterns of mapping.values()) {
    for (const pattern of patterns) if (fits(pattern) && better(pattern)) best = pattern;
  }
  if (best === undefined) return [];
  const keys = new Set([...mapping].filter(([, p]) => p.includes(best!)).map(([key]) => key));
  return sources.filter((s) => keys.has(s.key.toLowerCase()));
}

/**
 * The `pkg:nuget` purl of a package, with the `repository_url` of its source (see
 * {@linkcode nugetSources}); what vouch cannot know of the source goes to `warnings`.
 *
 * @param sources The project's sources (none: nuget.org).
 * @param name The package id as written.
 * @param version The version, when known.
 * @param warnings Collects the warnings, once each.
 * @returns The purl.
 */
export function sourcedNugetPurl(
  sources: NugetSources | undefined,
  name: string,
  version: string | undefined,
  warnings: Set<string>,
): string {
  for (const warning of sources?.warnings ?? []) warnings.add(warning);
  const source = sources?.sourceOf(name) ?? {};
  if (source.warning !== undefined) warnings.add(source.warning);
  return nugetPurl(name, version, source.repositoryUrl);
}

/**
 * The component of a package a project declares itself (a PackageReference, a PackageDownload, an
 * SDK it names): direct, its purl naming its source (see {@linkcode sourcedNugetPurl}).
 *
 * @param sources The project's sources (none: nuget.org).
 * @param declared The package: its id, version or range, and the file that declares it.
 * @param warnings Collects the warnings of its source, once each.
 * @returns What the output builder takes of it, but for its scopes.
 */
export function declaredNugetComponent(
  sources: NugetSources | undefined,
  declared: { name: string; version?: string; specifier?: string; source: string },
  warnings: Set<string>,
): ComponentInit {
  return {
    purl: sourcedNugetPurl(sources, declared.name, declared.version, warnings),
    ecosystem: "nuget",
    name: declared.name,
    version: declared.version,
    specifier: declared.specifier,
    direct: true,
    sources: [declared.source],
  };
}
