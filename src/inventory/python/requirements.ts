/**
 * Reader for pip requirements files (`requirements.txt`, pip-compile output):
 * pins, `--hash` options, continuations, markers, extras, `-r`/`-c` includes,
 * editable and URL/VCS requirements, and where pip looks for packages
 * (`--index-url`, `--extra-index-url`, `--find-links`, `--no-index`).
 *
 * @module
 */

import { isVouchError } from "../../errors.ts";
import { OutputBuilder } from "../_builder.ts";
import {
  archiveNameVersion,
  at,
  declaredProject,
  DISTRIBUTION_FILE,
  hashOnlyFiles,
  hasNameWord,
  holdsPythonProject,
  invalid,
  isPypiIndex,
  localArchiveQualifiers,
  lockProject,
  namesBuild,
  namesDevelopment,
  parseHash,
  pipUrl,
  pypiComponent,
  repositoryUrl,
} from "./_python.ts";
import { parseRequirement, pinnedVersion } from "./pep508.ts";
import { sameVersion, satisfies } from "./pep440.ts";
export { satisfies };
import { compareStrings, withoutTrailing } from "../../_util.ts";
import { genericUrlPurl, pep503Name } from "../purl.ts";
import { decodePercent, withoutCredentials } from "../_url.ts";
import { type LocalPlace, localPlace, unscannedFolder } from "../_paths.ts";
import type { ReaderResult } from "../_reader.ts";
import type { Hash, Scope } from "../types.ts";
import { ROOT_ID } from "../types.ts";

/** Options of {@linkcode readRequirements}. */
export interface RequirementsOptions {
  /** The file's path relative to the project root. */
  path: string;
  /**
   * Returns the text of another file named by `-r`/`-c`, or `undefined` when
   * it does not exist. The reader resolves each include against the folder of
   * the file that names it and passes the result relative to the folder of
   * the top-level file (`options.path`), `/`-separated and normalized.
   */
  include?: (relativePath: string) => string | undefined;
  /**
   * Whether the scan reads a file that `-r` includes on its own too (as
   * `include`'s path; `requirements.txt` beside the file: yes). One it does
   * not (celery's `requirements/extras/redis.txt`) has no scope of its own:
   * its requirements have that of the files including it. Default: all are.
   */
  readAlone?: (relativePath: string) => boolean;
  /**
   * The `mx.ini` that names this file as mxdev's input (see {@linkcode mxdevConfig}): mxdev
   * reads it, not pip, so an include resolves against the folder mxdev runs in (that of the
   * `mx.ini`) and a missing one is an empty file, as mxdev assumes. Absent: pip's rules.
   */
  mxdev?: string;
  /**
   * Warnings about how the file is read, found before reading it (those {@linkcode mxdevConfig}
   * gives): added to the result's.
   */
  warnings?: readonly string[];
  /**
   * Whether `--exclude` names a folder of the project (root-relative): a requirement of a
   * folder there is no member the scan reads (see `unscannedFolder`). Absent: none is.
   */
  excluded?: (folder: string) => boolean;
  /**
   * Reads another file of the project (root-relative path) without counting it read: the
   * pyproject.toml or setup.cfg of the folder a line installs when it is the file's own
   * (`-e .`), for the project's name and version (see `declaredProject`), and whether each
   * folder of the project a line installs holds a Python project (see `holdsPythonProject`).
   * They stay unread: what a setup.cfg declares beyond the file is not in the SBOM (a warning
   * says so). Absent: the project is not named, and no folder is looked into.
   */
  peek?: (path: string) => string | undefined;
}

const READER = "requirements";

/** mxdev's configuration file, which it reads from the folder it runs in (`mxdev -c mx.ini`). */
const MXDEV_CONFIG = "mx.ini";

/**
 * The `mx.ini` beside a requirements file that names it as mxdev's input, or `undefined`.
 *
 * mxdev (mxstack/mxdev's `config.Configuration.infile`) reads the file that `[settings]`
 * `requirements-in` names (`requirements.txt` when not set), relative to the folder it runs
 * in, and writes what pip installs (`requirements-mxdev.txt`) from it. A value with a
 * `${…}` interpolation is not followed: vouch cannot tell the file it names. The files that
 * `[settings] include` names (one a line, relative to the including file's folder, each with
 * its own includes) are read before it, so its own value wins, else the last one's
 * (including.py `resolve_dependencies` lists them, `read_with_included` reads them in that
 * order); one vouch cannot read (a URL, which mxdev downloads; a missing file or one that
 * includes itself, which mxdev fails on: `FileNotFoundError`, endless recursion) leaves the
 * input unknown unless a file read after it sets it: the file is read with pip's rules, and
 * `warn` is told so, naming the include's `file:line`.
 *
 * @param path The requirements file's path, relative to the project root.
 * @param load Returns a file's text, or `undefined` when it does not exist.
 * @param warn Told, when an include leaves unknown whether mxdev reads the file.
 * @returns The `mx.ini`'s path, when it names the file as mxdev's input.
 */
export function mxdevConfig(
  path: string,
  load: (path: string) => string | undefined,
  warn?: (message: string) => void,
): string | undefined {
  const dir = dirname(normalizePath(path));
  const config = dir === "" ? MXDEV_CONFIG : `${dir}/${MXDEV_CONFIG}`;
  const text = load(config);
  if (text === undefined) return undefined;
  const input = mxdevInput(config, text, load, [config]) ?? "requirements.txt";
  if (typeof input !== "string") {
    warn?.(
      `${input.where}: ${input.why}, so vouch cannot tell whether mxdev reads ${path} as its ` +
        `input (\`requirements-in\`, which ${config} leaves to its includes): ` +
        "it is read with pip's rules",
    );
    return undefined;
  }
  if (input.includes("${")) return undefined;
  const named = normalizePath(dir === "" || input.startsWith("/") ? input : `${dir}/${input}`);
  return named === normalizePath(path) ? config : undefined;
}

/** An include of an mxdev configuration that vouch cannot read: where it is, and why. */
interface UnknownInput {
  where: string;
  why: string;
}

/**
 * The `[settings] requirements-in` of an mxdev configuration and the files it includes (see
 * {@linkcode mxdevConfig}), the include that leaves it unknown when one it reads last cannot be
 * read, or `undefined` when none sets it.
 */
function mxdevInput(
  path: string,
  text: string,
  load: (path: string) => string | undefined,
  stack: string[],
): string | UnknownInput | undefined {
  const { settings, include } = mxdevSettings(text);
  let input: string | UnknownInput | undefined;
  for (const { name, line } of include) {
    const where = at(path, line);
    if (URL_START.test(name)) {
      input = {
        where,
        why: `the include ${name} is a URL, which mxdev downloads and vouch does not`,
      };
      continue;
    }
    const file = normalizePath(dirname(path) === "" ? name : `${dirname(path)}/${name}`);
    const included = stack.includes(file) ? undefined : load(file);
    input = stack.includes(file)
      ? {
        where,
        why: `the include ${name} is a file including it, which mxdev fails on (endless recursion)`,
      }
      : included === undefined
      ? {
        where,
        why: `the include ${name} does not exist, which mxdev fails on (FileNotFoundError)`,
      }
      : mxdevInput(file, included, load, [...stack, file]) ?? input;
  }
  return settings.get("requirements-in") ?? input;
}

/**
 * The `[settings]` options of an mxdev configuration, as configparser reads them: `[section]`
 * headers, `key = value` or `key: value`, `#`/`;` comment lines, an indented line continuing
 * the value above; the last value of a key wins. mxdev's parser keeps option names as written
 * (`including.read_with_included`: `cfg.optionxform = str`), so `Requirements-In` is another;
 * the one that finds `include` lowercases them (`resolve_dependencies`: a plain ConfigParser).
 */
function mxdevSettings(
  text: string,
): { settings: Map<string, string>; include: { name: string; line: number }[] } {
  const settings = new Map<string, string>();
  let include: { name: string; line: number }[] = [];
  let section: string | undefined;
  let key: string | undefined;
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    if (/^[#;]/.test(line) || line.trim() === "") continue;
    if (/^\s/.test(line) && key !== undefined) {
      if (section === "settings" && key.toLowerCase() === "include") {
        include.push({ name: line.trim(), line: i + 1 });
      }
      continue;
    }
    key = undefined;
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header !== null) {
      section = header[1];
      continue;
    }
    const option = /^([^\s#;[][^=:]*?)\s*[=:]\s*(.*)$/.exec(line);
    if (option === null) continue;
    key = option[1];
    if (section !== "settings") continue;
    settings.set(key, option[2].trim());
    if (key.toLowerCase() === "include") include = [{ name: option[2].trim(), line: i + 1 }];
  }
  return { settings, include: include.filter(({ name }) => name !== "") };
}

/**
 * The scope of the requirements a file lists, from its name and its folders'
 * (from the nearest `requirements/` folder down, and the folder above it;
 * else its own folder): `optional` in an `extras` folder below
 * `requirements/` (celery's `requirements/extras/zstd.txt`, the `zstd` extra
 * of the package), `dev` for a development, test, lint or documentation file
 * (`requirements-dev.txt`, `dev-requirements.txt`, `requirements/test.txt`,
 * `requirements_docs.txt`, the Read the Docs `docs/requirements.txt`,
 * django's `tests/requirements/py3.txt`, edx-platform's
 * `requirements/edx/testing.txt`, `requirements/mypy.txt`), `build` for a file
 * named for the build (`build-requirements.txt`, `requirements/build.txt`; a
 * `docs-build.txt` is dev), else `runtime`.
 */
function fileScope(path: string): Scope {
  const parts = path.toLowerCase().split("/");
  const file = parts.pop()?.replace(/\.[^.]*$/, "") ?? "";
  const top = parts.findLastIndex((folder) => /^requirements?$/.test(folder));
  if (top !== -1 && parts.slice(top + 1).includes("extras")) return "optional";
  const folders = top === -1 ? parts.slice(-1) : parts.slice(Math.max(top - 1, 0));
  if ([file, ...folders].some(namesDevelopment)) return "dev";
  return namesBuild(file) ? "build" : "runtime";
}

/**
 * The words of a requirements file's name that say it holds what every install
 * of the project needs (edx-platform's `requirements/edx/base.txt`, celery's
 * `requirements/default.txt`).
 */
const BASE_WORDS: ReadonlySet<string> = new Set([
  "base",
  "common",
  "core",
  "default",
  "main",
  "prod",
  "production",
  "runtime",
]);

/**
 * Whether a file's name says it holds the project's own requirements (see
 * {@linkcode BASE_WORDS}): such a file keeps the scope of its name and
 * folders when only development files include it (edx-platform's
 * `testing.txt` and `development.txt` include `-r base.txt`, which production
 * installs on its own).
 */
function namesBase(path: string): boolean {
  return hasNameWord(path.split("/").at(-1)!.replace(/\.[^.]*$/, ""), BASE_WORDS);
}

/**
 * Whether a file's name says it is a constraints file (`requirements/constraints.txt`,
 * `requirements-constraints.txt`): pip reads one given with `-c`, whose pins
 * limit the versions of what other files require and install nothing.
 */
function namesConstraints(path: string): boolean {
  const name = path.split("/").at(-1)!.replace(/\.[^.]*$/, "");
  return /(?:^|[-_.])constraints?(?:[-_.]|$)/i.test(name);
}

interface Entry {
  name: string;
  specifier?: string;
  url?: string;
  vcs: boolean;
  hashes: Hash[];
  source: string;
  /** `path:line` of the requirement. */
  where?: string;
  /** Whether an environment marker limits it. */
  marked?: boolean;
  /** A distribution file in the tree (`./dist/x-1.0-py3-none-any.whl`): no index, no URL. */
  local?: boolean;
  /**
   * A folder outside the project, or an archive whose file name gives no name and version
   * (`./dist/pkg.zip`), as written (a package only when named).
   */
  folder?: string;
  /** With `folder`: the folder of the project the scan skips (`vendor`) that holds it. */
  skipped?: string;
  /** With `folder`: it is an archive, not a folder. */
  archive?: boolean;
  /** A distribution file on disk: its path or `file:` URL as written. */
  file?: string;
  /** Its URL is filled in from the environment (`name @ ${WHEEL_URL}`): no index, no URL. */
  unlocated?: boolean;
  /** Its line refers to an environment variable: what pip fills in (hashes too) is unknown. */
  unexpanded?: boolean;
  /** The index it was resolved from, when the file says (uv's `# from <index>` annotation). */
  index?: string;
  /** Named by an `#egg=<name>-<version>` fragment: the version it writes (see `eggName`). */
  eggVersion?: string;
}

/** A folder of the project a line installs (`-e .`, `./libs/x`, `name @ file:../x`). */
interface OwnFolder {
  /** Where it lies, relative to the file's folder. */
  place: LocalPlace;
  /** As the line writes it. */
  written: string;
  /** The relative path it holds (a relative `file:` URL's, decoded). */
  relative: string;
}

interface State {
  include?: (relativePath: string) => string | undefined;
  /** The `mx.ini` whose mxdev reads the file (see `RequirementsOptions.mxdev`). */
  mxdev?: string;
  /** The includes that do not exist, which mxdev reads as empty files, with where each is. */
  missingForMxdev: { path: string; where: string }[];
  /**
   * The options of a requirement's line that pip parses and passes over (it applies only
   * `--hash` and `--config-settings` there), with where each is: `torch==2.1.0+cpu
   * --find-links https://…` takes torch from the file's indexes, not that one.
   */
  ignoredOptions: { option: string; where: string }[];
  /** The include lines of mxdev's input that mxdev fails on (see `mxdevInclude`). */
  mxdevFailures: string[];
  excluded?: (folder: string) => boolean;
  /** The project's folders the lines install (`-e .`, `./libs/x`), as written, with where each is. */
  ownFolders: (OwnFolder & { where: string })[];
  readAlone: (relativePath: string) => boolean;
  topDir: string;
  entries: Entry[];
  /** The pinned entries of the constraint files (`-c`), which pin but add nothing. */
  constraints: Entry[];
  index?: string;
  /** The `--extra-index-url` options, with where each is. */
  extraIndexes: { url: string; where: string }[];
  /** The `--find-links` (`-f`) locations, as written, with where each is. */
  findLinks: { url: string; where: string }[];
  /** Where `--no-index` is, when it is: pip then looks only in the `--find-links` locations. */
  noIndex?: string;
  /**
   * The remote constraint files (`-c https://…`), without credentials, with
   * where each is named: vouch reads no URL, so their pins are unknown.
   */
  remoteConstraints: { url: string; where: string }[];
  /**
   * The remote requirements files (`-r https://…`), without credentials, with
   * where each is named: pip downloads and installs what they list, vouch
   * reads no URL, so those packages are missing.
   */
  remoteRequirements: { url: string; where: string }[];
  /**
   * Where pip's hash-checking mode is turned on: the first `--hash` of a
   * requirement or a constraint, or a `--require-hashes` line.
   */
  hashMode?: string;
  /** Where a `--require-hashes` line is. */
  requireHashes?: string;
  /**
   * Where a `--no-require-hashes` line is (pip 26): pip then turns on its hash-checking mode
   * only for a `--require-hashes` line, not for a `--hash`.
   */
  noRequireHashes?: string;
  /** The files `uv pip compile` or `uv export` wrote (their header says), which uv installs. */
  uvWritten: Set<string>;
  /** The lines, by file, whose `${VAR}` references leave something unknown. */
  unexpanded: Map<string, number[]>;
  /**
   * The scope of each file read, by path: its name's (see `fileScope`), or,
   * for an included file the scan does not read on its own, that of the
   * files including it (celery's `requirements/test.txt` with
   * `-r extras/redis.txt`: redis is installed for the tests only).
   */
  scopes: Map<string, Scope>;
  /**
   * The files included so far, with how (`r:` or `c:` and the path): a file
   * included again adds nothing (and a diamond of includes read each time
   * would grow exponentially).
   */
  included: Set<string>;
}

/**
 * An environment variable reference as pip expands it in a requirements file
 * (`${NAME}`, the name in upper-case letters, digits and `_`; no `$NAME`), at
 * install time: vouch cannot know the value.
 */
const ENV_VAR = /\$\{[A-Z0-9_]+\}/;

/** Text that starts with a URL (`https://…`, `git+https://…`): a remote include, a URL requirement. */
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * An include pip fetches (`-r https://dist.plone.org/release/6.0.0.1/requirements.txt`):
 * `_parse_and_recurse` of pip's req_file.py keeps a name its `SCHEME_RE` (`http`, `https`,
 * `file`) matches as a URL, and `get_file_content` gets it, a `file:` one from the build
 * machine's disk, where no path of the tree is.
 */
const FETCHED_URL = /^(?:https?|file):/i;

/** The user information of every URL in a line (`https://${TOKEN}@`): dropped from any SBOM. */
const USERINFO = /(:\/\/)[^/?#@\s]*@/g;

/**
 * The name of a requirement whose rest pip fills in from the environment
 * (`dagster==${DAGSTER_VERSION}`, `name[extra] @ ${WHEEL_URL}`).
 */
const NAME_BEFORE_VARIABLE =
  /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]$]*\])?\s*[^$]*\$\{/;

interface Line {
  text: string;
  line: number;
}

function logicalLines(text: string): Line[] {
  const out: Line[] = [];
  let pending: Line | undefined;
  // Lines as pip splits them (str.splitlines): a CR alone ends one too.
  // deno-lint-ignore no-control-regex -- str.splitlines' separators include \x1c-\x1e
  text.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/).forEach((raw, i) => {
    // A comment line ends a logical line even when it ends with `\` (pip's `join_lines`).
    const continued = /(^|[^\\])\\\s*$/.test(raw) && !/^\s*#/.test(raw);
    const body = continued ? raw.replace(/\\\s*$/, "") : raw;
    if (pending) pending.text += " " + body;
    else pending = { text: body, line: i + 1 };
    if (!continued) {
      out.push(pending);
      pending = undefined;
    }
  });
  if (pending) out.push(pending);
  return out;
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === ".." && out.length > 0 && out.at(-1) !== "..") out.pop();
    else out.push(segment);
  }
  return (path.startsWith("/") ? "/" : "") + out.join("/");
}

function relativeTo(dir: string, path: string): string {
  if (dir === "" || path.startsWith("/")) return path;
  const from = dir.split("/");
  const to = path.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** A `file:` URL's scheme when no authority (`//`) nor absolute path follows it: `file:../x`. */
const RELATIVE_FILE_URL = /^file:(?!\/)/i;

function isLocalPath(target: string): boolean {
  return /^(?:\.{1,2}(?:[\\/[]|$)|\/|~|file:|[A-Za-z]:[\\/])/.test(target) ||
    (!target.includes("://") && !target.includes("@") && /[\\/]/.test(target));
}

/**
 * A requirement written as a bare URL (`git+https://…#egg=name`, archive
 * URL). pip learns the name of one that says none (no `#egg=`, no
 * `name-version` file name) by building it; vouch cannot: it gets the empty
 * name, and becomes a `pkg:generic` component.
 */
function urlEntry(
  url: string,
  hashes: Hash[],
  source: string,
  where: string,
  declared?: string,
): Entry {
  const { url: location, vcs, egg, eggVersion, hashes: inUrl } = pipUrl(url);
  // A URL without a host (`https://`, a line a `\r` cut): pip takes it for a link and fails to
  // download it (requests' `prepare_url`: "Invalid URL …: No host supplied"). It had been an
  // internal error (a TypeError of `new URL`).
  if (!URL.canParse(location.replace(/^[a-z]+\+/i, ""))) {
    throw invalid(READER, where, `"${url}" is no URL pip can download (no valid host)`);
  }
  const archive = vcs ? undefined : archiveNameVersion(location);
  const name = declared ?? (egg || archive?.name);
  if (!name) return { name: "", url: location, vcs, hashes: [...hashes, ...inUrl], source, where };
  return {
    name,
    specifier: archive && pep503Name(archive.name) === pep503Name(name)
      ? `==${archive.version}`
      : undefined,
    url: location,
    vcs,
    hashes: [...hashes, ...inUrl],
    source,
    ...declared === undefined && eggVersion !== undefined ? { eggVersion, where } : {},
  };
}

/**
 * A requirement naming a distribution file on disk (`./vendor/x-1.0.tar.gz`,
 * `name @ file:///…/x-1.0-py3-none-any.whl`): a package, named and versioned
 * by its file name; a folder of the project (`.`, `./libs/x`) is its own
 * code and gives `undefined`, a named folder outside it (an absolute path or
 * `file:` URL, `../x`) or in a folder the scan skips (`-e ./vendor/x#egg=x`:
 * see `unscannedFolder`), or a named archive whose file name has no version
 * (`name @ file:///…/pkg.tar.gz`) a version-less component. `own` is told of a folder of the
 * project's own.
 */
function localFileEntry(
  target: string,
  hashes: Hash[],
  source: string,
  declared?: string,
  excluded?: (folder: string) => boolean,
  own?: (folder: OwnFolder) => void,
): Entry | undefined {
  // pip reads a path's fragment as a URL's: `#egg=<name>` names it, `#sha256=…` hashes it.
  const { egg, eggVersion, hashes: inUrl } = pipUrl(target);
  const fromEgg = declared === undefined && eggVersion !== undefined ? { eggVersion } : {};
  const path = target.replace(/#.*$/s, "");
  const all = [...hashes, ...inUrl];
  const archive = archiveNameVersion(path.replaceAll("\\", "/"));
  if (archive === undefined) {
    // A named folder outside the project (`name @ file:///…`, `name @ ../lib`) is another
    // checkout's package, as in the lockfiles: a component without a version. An unnamed one
    // (`-e /src/lib`) is reported: pip learns its name by building it, vouch cannot. So is an
    // archive its file name does not name (`./dist/pkg.zip`), wherever it lies: a package.
    // A `file:` URL without an authority (`-e file:.` of pip-compile and Rye, `-e file:../shared`)
    // is the relative path it holds, as pip reads it (`url_to_path` of pip/_internal/utils/urls.py
    // takes the URL's path): the folder `.` or `../shared` is. It had been "outside the project".
    // A folder the scan never enters (`./vendor/x`, an `--exclude`d one) is read by no manifest
    // of the scan: no member, but third-party code copied into the tree. It had been left out
    // of the SBOM without a word.
    const file = DISTRIBUTION_FILE.test(path);
    // A `file:` URL's path is percent-decoded (`url_to_path`: `urllib.parse.unquote`); a path not.
    const relative = RELATIVE_FILE_URL.test(path)
      ? decodePercent(path.replace(RELATIVE_FILE_URL, ""))
      : path;
    const place = localPlace(source, relative);
    const skipped = file ? undefined : unscannedFolder(place, excluded);
    if (!file && place.kind !== "outside" && skipped === undefined) {
      own?.({ place, written: path, relative });
      return undefined;
    }
    return {
      name: declared ?? egg ?? "",
      vcs: false,
      hashes: all,
      source,
      local: true,
      ...fromEgg,
      folder: path,
      ...file ? { archive: true, file: path } : {},
      ...skipped === undefined ? {} : { skipped },
    };
  }
  const name = declared ?? egg ?? archive.name;
  const same = pep503Name(archive.name) === pep503Name(name);
  return {
    name,
    specifier: same ? `==${archive.version}` : undefined,
    vcs: false,
    hashes: all,
    source,
    local: true,
    ...fromEgg,
    file: path,
  };
}

/**
 * A requirement line without the environment marker pip splits off a bare
 * URL or path: after `"; "` for a URL, after `";"` for a path
 * (`https://…/x-1.0-py3-none-win_amd64.whl; platform_system == "Windows"`);
 * a `name @ url ; marker` requirement is PEP 508's and keeps its marker.
 */
function withoutMarker(text: string): { text: string; marked: boolean } {
  const url = URL_START.test(text);
  if (!url && !isLocalPath(text)) return { text, marked: false };
  const at = text.indexOf(url ? "; " : ";");
  return at === -1 ? { text, marked: false } : { text: text.slice(0, at).trim(), marked: true };
}

function requirementEntry(
  line: string,
  hashes: Hash[],
  source: string,
  where: string,
  excluded?: (folder: string) => boolean,
  own?: (folder: OwnFolder) => void,
): Entry | undefined {
  const { text, marked } = withoutMarker(line);
  if (marked) {
    const entry = requirementEntry(text, hashes, source, where, excluded, own);
    return entry === undefined ? undefined : { ...entry, marked };
  }
  if (isLocalPath(text)) {
    const entry = localFileEntry(text, hashes, source, undefined, excluded, own);
    return entry === undefined ? undefined : { ...entry, where };
  }
  if (URL_START.test(text)) return urlEntry(text, hashes, source, where);
  try {
    const requirement = parseRequirement(text);
    if (requirement.url !== undefined) {
      if (isLocalPath(requirement.url)) {
        return localFileEntry(requirement.url, hashes, source, requirement.name, excluded, own);
      }
      return urlEntry(requirement.url, hashes, source, where, requirement.name);
    }
    return {
      name: requirement.name,
      specifier: requirement.specifier,
      vcs: false,
      hashes,
      source,
      where,
      marked: requirement.marker !== undefined,
    };
  } catch (error) {
    if (isVouchError(error) && error.code === "inventory.requirement.invalid") {
      throw invalid(READER, where, error.message);
    }
    throw error;
  }
}

/**
 * What is known of a line with an environment variable reference outside URL
 * credentials: the requirement when its name is written, without what a
 * variable fills in (`dagster==${DAGSTER_VERSION}`: no version;
 * `name @ https://${HOST}/name-1.0.tar.gz`: no URL, no version, no origin),
 * else nothing (a line that is only `${PIP_EXTRA}`, an option, an include
 * path or an index pip fills in).
 */
function unexpandedEntry(content: string, path: string, where: string): Entry | undefined {
  if (content.startsWith("-")) return undefined;
  const optionStart = content.search(/\s--[a-z]/);
  const requirement = optionStart === -1 ? content : content.slice(0, optionStart).trim();
  let entry: Entry | undefined;
  try {
    entry = requirementEntry(requirement, [], path, where);
  } catch (error) {
    if (!isVouchError(error)) throw error;
  }
  if (entry && !ENV_VAR.test(`${entry.specifier ?? ""} ${withoutCredentials(entry.url ?? "")}`)) {
    return entry; // the reference was elsewhere (a marker)
  }
  const name = (entry?.name || undefined) ?? NAME_BEFORE_VARIABLE.exec(requirement)?.[1];
  if (name === undefined || name.includes("${")) return undefined;
  const located = entry ? entry.url === undefined : !/@\s*\S*\$\{/.test(requirement);
  return { name, vcs: false, hashes: [], source: path, where, unlocated: !located };
}

/** The long names of the short options of a requirements file. */
const SHORT_OPTIONS: Readonly<Record<string, string>> = {
  "-r": "--requirement",
  "-c": "--constraint",
  "-e": "--editable",
  "-i": "--index-url",
  "-f": "--find-links",
};

/** The options of a requirements file that take no value. */
const FLAGS: ReadonlySet<string> = new Set([
  "--no-index",
  "--pre",
  "--prefer-binary",
  "--require-hashes",
  "--no-require-hashes",
]);

/**
 * The words of an option line as pip splits them (`shlex.split`): at
 * whitespace outside quotes, the quotes dropped (`-r "base reqs.txt"`); a
 * backslash is kept as written (a Windows path).
 */
function optionWords(text: string): string[] {
  const words: string[] = [];
  for (const match of text.matchAll(/(?:"[^"]*"|'[^']*'|[^\s"']+)+/g)) {
    words.push(match[0].replace(/"([^"]*)"|'([^']*)'/g, (_, double, single) => double ?? single));
  }
  return words;
}

/**
 * The long options of pip's requirements-file parser (`SUPPORTED_OPTIONS` and
 * `SUPPORTED_OPTIONS_REQ`; `--install-option` until pip 23.1, `--all-releases` and
 * `--only-final` from pip 26). On a requirement's line it parses
 * them all, and uses `--hash`, `--global-option` and `--config-settings`.
 */
const PIP_OPTIONS = [
  ...Object.values(SHORT_OPTIONS),
  ...FLAGS,
  "--extra-index-url",
  "--no-binary",
  "--only-binary",
  // pip 26's release control (`--all-releases :all:`, `--only-final lib`): which releases
  // pip may pick from an index, nothing a pin changes.
  "--all-releases",
  "--only-final",
  "--trusted-host",
  "--use-feature",
  "--hash",
  "--global-option",
  "--config-settings",
  "--install-option",
];

/**
 * The options pip applies on a requirement's line (req_file.py `SUPPORTED_OPTIONS_REQ`:
 * `--hash` and `--config-settings`, and `--global-option` before pip 26); the others it parses
 * and passes over (`handle_requirement_line` keeps only `SUPPORTED_OPTIONS_REQ_DEST`).
 */
const REQUIREMENT_OPTIONS: ReadonlySet<string> = new Set([
  "--hash",
  "--config-settings",
  "--global-option",
  "--install-option",
]);

/** The long name of an option as optparse reads it: a short one's, or the one a unique prefix starts. */
function optionName(written: string): string | undefined {
  if (!written.startsWith("--")) return SHORT_OPTIONS[written.slice(0, 2)];
  if (PIP_OPTIONS.includes(written)) return written;
  const named = PIP_OPTIONS.filter((o) => written.length > 2 && o.startsWith(written));
  return named.length === 1 ? named[0] : undefined;
}

/**
 * The options of a line as pip's parser reads them, by long name, each
 * option's values in order: `-i https://mirror/simple --trusted-host mirror`
 * is an index and a trusted host, `-rbase.txt` and `--requirement=base.txt`
 * an include, `--ha=…` a hash (a unique prefix names an option); a flag has
 * the empty value; a lone `-` is an argument and `--` ends the options. With
 * `where` (a requirement's options), what pip's parser refuses is refused: an
 * unknown or ambiguous option, or one without its value (`idna==3.10
 * --hash`, a file cut short); without it, such an option is passed over.
 */
function lineOptions(text: string, where?: string): Map<string, string[]> {
  const options = new Map<string, string[]>();
  const words = optionWords(text);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === "--") break;
    if (!word.startsWith("-") || word === "-") continue;
    const long = word.startsWith("--");
    const equals = long ? word.indexOf("=") : -1;
    const name = optionName(equals === -1 ? word : word.slice(0, equals));
    if (name === undefined) {
      if (where === undefined) continue;
      throw invalid(
        READER,
        where,
        `pip's parser takes no option "${word.split("=")[0]}" (unknown or ambiguous)`,
      );
    }
    const attached = long
      ? (equals === -1 ? undefined : word.slice(equals + 1))
      : word.slice(2) || undefined;
    const value = FLAGS.has(name) ? "" : attached ?? words[++i];
    if (value === undefined && where !== undefined) {
      throw invalid(READER, where, `${name} without its value (the file is cut short?)`);
    }
    const values = options.get(name);
    if (values === undefined) options.set(name, [value ?? ""]);
    else values.push(value ?? ""); // not a copy per option: a line may repeat one without bound
  }
  return options;
}

/**
 * The comment `pip freeze` writes above an editable install whose source it
 * cannot name (a folder without version control, or a VCS checkout without a
 * usable remote): `# Editable install with no version control (name==1.0)`,
 * `# Editable Git install with no remote (name==1.0)`, `# Editable Git
 * install (name==1.0) with either a deleted local remote or invalid URI:`
 * (`===` for a version that is not PEP 440). The `-e <folder>` line below it
 * is that distribution.
 */
const FREEZE_EDITABLE =
  /^\s*#\s*Editable (?:\w+ )?install (?:with no (?:version control|remote) \((.+)\)|\((.+)\) with either a deleted local remote or invalid URI:)\s*$/;

/** The name and pin of a `name==version` / `name===version` in a freeze comment. */
function frozenDisplay(display: string): { name: string; pin: string } | undefined {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(===?)(\S+)$/.exec(display.trim());
  return match === null ? undefined : { name: match[1], pin: `${match[2]}${match[3]}` };
}

/**
 * `mxdev`: whether mxdev reads the file's lines (its input, and what that includes the way
 * mxdev follows: see {@linkcode mxdevInclude}), else pip.
 */
function readFile(
  state: State,
  text: string,
  path: string,
  stack: string[],
  constraints: boolean,
  mxdev: boolean,
): void {
  if (UV_HEADER.test(text.slice(0, 200))) state.uvWritten.add(path);
  let last: Entry | undefined;
  /** What pip freeze's comment above an editable line says of it. */
  let frozen: { name: string; pin: string } | undefined;
  for (const { text: raw, line } of logicalLines(text)) {
    const editableComment = FREEZE_EDITABLE.exec(raw);
    if (editableComment !== null) {
      frozen = frozenDisplay(editableComment[1] ?? editableComment[2]);
      continue;
    }
    // `uv pip compile --emit-index-annotation` names each package's index below it.
    const from = /^\s+#\s*from\s+(\S+:\/\/\S+)\s*$/.exec(raw)?.[1];
    if (from !== undefined && last !== undefined && last.url === undefined) {
      last.index = withoutCredentials(from);
    }
    const content = raw.replace(/(^|\s)#.*$/, "").trim();
    if (content === "") continue;
    last = undefined;
    const said = frozen;
    frozen = undefined;
    const where = at(path, line);
    const own = (folder: OwnFolder): void => void state.ownFolders.push({ ...folder, where });
    // Credentials are never recorded: a reference in a URL's user information leaves nothing unknown.
    if (ENV_VAR.test(content.replace(USERINFO, "$1"))) {
      const lines = state.unexpanded.get(path) ?? [];
      state.unexpanded.set(path, [...lines, line]);
      const entry = constraints ? undefined : unexpandedEntry(content, path, where);
      if (entry) state.entries.push({ ...entry, unexpanded: true });
      continue;
    }
    if (content.startsWith("-")) {
      // pip parses every option of a line (`--no-index --find-links ./wheels`,
      // `-i https://mirror/simple --trusted-host mirror`); a line with `-e` is that requirement,
      // one with `-r` or `-c` that include, and only another line's options set where pip looks.
      const options = lineOptions(content);
      const editable = options.get("--editable")?.[0];
      const requirement = options.get("--requirement")?.[0];
      const include = requirement ?? options.get("--constraint")?.[0];
      if (editable !== undefined) {
        if (constraints) continue;
        // A folder pip freeze names in the comment above: that distribution at that version.
        const entry = said !== undefined && isLocalPath(editable)
          ? localFileEntry(editable, [], path, said.name, state.excluded, own)
          : requirementEntry(editable, [], path, where, state.excluded, own);
        if (entry && said !== undefined && entry.specifier === undefined) {
          Object.assign(entry, { specifier: said.pin, where });
        }
        if (entry) state.entries.push(entry);
      } else if (include !== undefined) {
        // pip reads a `-r` file as requirements even in a constraints file (pypa/pip#12222): it installs them.
        const asConstraints = requirement === undefined;
        // edx-lint's `-c https://…/common_constraints.txt`: pins vouch cannot fetch, that add nothing.
        if (asConstraints && URL_START.test(include)) {
          state.remoteConstraints.push({ url: withoutCredentials(include), where });
          continue;
        }
        // Plone's `-r https://dist.plone.org/release/<version>/requirements.txt`: pip installs
        // what it lists, vouch cannot fetch it: an unread include (see `unreadIncludes`).
        if (FETCHED_URL.test(include)) {
          state.remoteRequirements.push({ url: withoutCredentials(include), where });
          continue;
        }
        const byMxdev = mxdev && mxdevInclude(state, raw, where);
        const target = resolveInclude(state, path, include, where, stack, { mxdev, byMxdev });
        if (target === undefined) continue;
        const key = `${asConstraints ? "c" : "r"}:${target.path}`;
        // What a runtime install includes is runtime, whichever dev file includes it too.
        const scope = state.readAlone(relativeTo(state.topDir, target.path)) ||
            namesBase(target.path)
          ? fileScope(target.path)
          : state.scopes.get(path)!;
        if (state.scopes.get(target.path) !== "runtime") state.scopes.set(target.path, scope);
        if (state.included.has(key)) continue;
        state.included.add(key);
        readFile(state, target.text, target.path, [...stack, target.path], asConstraints, byMxdev);
      } else {
        if (options.has("--no-index")) state.noIndex ??= where;
        if (options.has("--require-hashes")) {
          state.hashMode ??= where;
          state.requireHashes ??= where;
        }
        if (options.has("--no-require-hashes")) state.noRequireHashes ??= where;
        // A later `--index-url` replaces the index and the extra ones before it, as pip's finder
        // does; an empty one changes nothing (pip: `if opts.index_url`).
        const index = options.get("--index-url")?.at(-1);
        if (index !== undefined && index !== "") {
          state.index = index;
          state.extraIndexes = [];
        }
        for (const url of options.get("--extra-index-url") ?? []) {
          state.extraIndexes.push({ url, where });
        }
        // pip takes the first `--find-links` of a line.
        const links = options.get("--find-links")?.[0];
        if (links !== undefined) state.findLinks.push({ url: links, where });
      }
      continue;
    }
    const optionStart = content.search(/\s--[a-z]/);
    const requirement = optionStart === -1 ? content : content.slice(0, optionStart).trim();
    const hashes = optionStart === -1 ? [] : requirementHashes(content.slice(optionStart), where);
    if (optionStart !== -1) {
      for (const option of lineOptions(content.slice(optionStart), where).keys()) {
        if (!REQUIREMENT_OPTIONS.has(option)) state.ignoredOptions.push({ option, where });
      }
    }
    const entry = requirementEntry(
      requirement,
      hashes,
      path,
      where,
      state.excluded,
      constraints ? undefined : own,
    );
    if (hashes.length > 0) state.hashMode ??= where;
    if (!entry) continue;
    if (constraints) {
      if (pinnedVersion(entry.specifier) !== undefined) state.constraints.push({ ...entry, where });
    } else {
      state.entries.push(entry);
      last = entry;
    }
  }
}

/** The `--hash` values of a requirement's options (see {@linkcode lineOptions}). */
function requirementHashes(options: string, where: string): Hash[] {
  return (lineOptions(options, where).get("--hash") ?? []).map((value) => {
    const hash = parseHash(value);
    if (!hash) throw invalid(READER, where, `bad hash "${value}"`);
    return hash;
  });
}

/** The header `uv pip compile` and `uv export` write at the top of a requirements file. */
const UV_HEADER = /^#\s*This file was autogenerated by uv\b/m;

/**
 * Refuses a requirement pip's hash-checking mode fails: once any requirement
 * or constraint of an install has a `--hash` (or a line says
 * `--require-hashes`), pip requires a hash of every requirement it
 * downloads from an index (`RequirementCommand.get_requirements` sets
 * `require_hashes`; `RequirementPreparer._get_linked_req_hashes` raises
 * `HashMissing` for one without, `HashUnpinned` for one that pins no
 * version). A file cut between a pin and its `--hash` lines reads so. Left
 * alone, as pip or uv install them: URL, VCS, local and editable
 * requirements (pip refuses some of those too, but `uv export` writes
 * `-e .` beside hashed pins), a requirement with a marker (pip skips it on
 * another platform), one after a hashed requirement of its name, one a
 * hashed constraint covers, one filled in from the environment, and every
 * requirement of a file uv wrote (uv checks the hashes it is given and
 * requires none). A `--no-require-hashes` line (pip 26) leaves the mode off unless a
 * `--require-hashes` line turns it on, and pip refuses the two together
 * (`RequirementCommand.get_requirements`: "mutually exclusive", then `if not
 * options.no_require_hashes and any(req.has_hash_options …)`).
 */
function checkHashMode(state: State): void {
  if (state.hashMode === undefined) return;
  if (state.noRequireHashes !== undefined) {
    if (state.requireHashes === undefined) return;
    throw invalid(
      READER,
      state.noRequireHashes,
      `--no-require-hashes with ${state.requireHashes}'s --require-hashes: pip refuses the two ` +
        "together (they are mutually exclusive)",
    );
  }
  const hashed = new Set(
    state.constraints.filter((c) => c.hashes.length > 0).map((c) => pep503Name(c.name)),
  );
  for (const entry of state.entries) {
    // pip checks a name's download against its first requirement's hashes (the resolver's
    // `Factory._iter_found_candidates` takes `ireqs[0]` as the candidates' template): one
    // without hashes after a hashed one of its name (`aa==1.0` in requirements.txt after
    // `-r base.txt`'s `aa==1.0 --hash=…`) is installed; before one, pip raises HashMissing.
    if (entry.hashes.length > 0) hashed.add(pep503Name(entry.name));
    if (
      entry.hashes.length > 0 || entry.url !== undefined || entry.local || entry.unexpanded ||
      entry.marked || entry.folder !== undefined || entry.name === "" ||
      state.uvWritten.has(entry.source) || hashed.has(pep503Name(entry.name))
    ) continue;
    throw invalid(
      READER,
      entry.where ?? entry.source,
      `${entry.name}${entry.specifier ?? ""} has no --hash, but ${state.hashMode} turns on ` +
        "pip's hash-checking mode, which then requires one for every requirement (was the file " +
        "cut between a pin and its hashes?)",
    );
  }
}

/**
 * Whether mxdev follows an include line of a file it reads (mxstack/mxdev processing.py
 * `process_line`): a line starting with `-r` or `-c` is its include, of the file named after the
 * line's first space (`line.split(" ")[1]`), which mxdev opens relative to the folder it runs in,
 * an empty file when missing; one without a space after the option (`-rbase.txt`, `-r\tbase.txt`)
 * makes mxdev fail (an IndexError), a warning. Any other (`--requirement base.txt`, an indented
 * `-r`) mxdev copies into the file it writes (`requirements-mxdev.txt`, beside the `mx.ini`), and
 * pip reads it from there: pip's include, missing refused.
 */
function mxdevInclude(state: State, raw: string, where: string): boolean {
  if (!/^-[rc]/.test(raw)) return false;
  if (!raw.includes(" ")) {
    state.mxdevFailures.push(where);
  }
  return true;
}

function resolveInclude(
  state: State,
  from: string,
  target: string,
  where: string,
  stack: string[],
  /** `mxdev`: mxdev reads the line; `byMxdev`: mxdev follows the include (see `mxdevInclude`). */
  how: { mxdev: boolean; byMxdev: boolean },
): { path: string; text: string } | undefined {
  if (target === "") throw invalid(READER, where, "include option without a file name");
  if (URL_START.test(target)) {
    throw invalid(READER, where, `remote include "${target}" is not supported`);
  }
  // mxdev opens a file it includes as `Path(file_or_url)`: relative to the folder it runs in;
  // pip reads an include mxdev copies into its output, beside the mx.ini, from that folder too.
  const dir = how.mxdev ? state.topDir : dirname(from);
  const path = normalizePath(target.startsWith("/") || dir === "" ? target : `${dir}/${target}`);
  if (stack.includes(path)) {
    throw invalid(READER, where, `include cycle: ${[...stack, path].join(" -> ")}`);
  }
  const text = state.include?.(relativeTo(state.topDir, path));
  if (text === undefined && how.byMxdev) {
    // mxdev's `processing.resolve_dependencies`: "Can not read … file '…', it does not exist.
    // Empty file assumed."
    state.missingForMxdev.push({ path, where });
    return undefined;
  }
  if (text === undefined) {
    throw invalid(READER, where, `included file "${target}" (${path}) was not found`);
  }
  return { path, text };
}

/**
 * The unconditional pins of the requirements and constraints, by PEP 503
 * name. Refuses two pins of one name to different versions (as pip does:
 * `flask==3.1.0` with `Flask==1.0`, or with a constraint `flask==1.0`,
 * cannot both be installed).
 */
function checkPins(entries: readonly Entry[]): Map<string, { entry: Entry; pin: string }> {
  const pins = new Map<string, { entry: Entry; pin: string }>();
  for (const entry of entries) {
    const pin = entry.url === undefined && !entry.marked
      ? pinnedVersion(entry.specifier)
      : undefined;
    if (pin === undefined) continue;
    const key = pep503Name(entry.name);
    const first = pins.get(key);
    if (first === undefined) pins.set(key, { entry, pin });
    else if (!sameVersion(first.pin, pin)) {
      throw invalid(
        READER,
        entry.where ?? entry.source,
        `"${entry.name}${entry.specifier}" conflicts with "${first.entry.name}${first.entry.specifier}" ` +
          `at ${first.entry.where ?? first.entry.source}: pip refuses two versions of one package`,
      );
    }
  }
  return pins;
}

/**
 * The version pip installs for an entry that pins none: the one a pin of
 * the same name (another line, an included file, a constraint) gives, which
 * pip installs for every requirement of that name; `undefined` when there is
 * none, or when the entry's range refuses it (pip would fail: a warning
 * says so, and the entry stays as declared).
 */
function versionFromPins(
  entry: Entry,
  pins: ReadonlyMap<string, { entry: Entry; pin: string }>,
  warnings: string[],
): string | undefined {
  if (entry.url !== undefined || entry.local || entry.unlocated) return undefined;
  const pinned = pins.get(pep503Name(entry.name));
  if (pinned === undefined) return undefined;
  if (satisfies(pinned.pin, entry.specifier) !== false) return pinned.pin;
  warnings.push(
    `${entry.where ?? entry.source}: "${entry.name}${entry.specifier}" is not satisfied by ` +
      `"${pinned.entry.name}${pinned.entry.specifier}" at ${
        pinned.entry.where ?? pinned.entry.source
      }` +
      " (pip would refuse to install both): it is listed as declared, with no version",
  );
  return undefined;
}

/**
 * An index URL as compared: without credentials and a trailing `/`; any spelling of PyPI's
 * (`https://pypi.python.org/simple`, which PyPI redirects to pypi.org: see `isPypiIndex`) is
 * `https://pypi.org/simple`, so that two of them are one index, not an ambiguous pair.
 */
function indexKey(url: string): string {
  const key = withoutTrailing(withoutCredentials(url), "/");
  return isPypiIndex(key) ? "https://pypi.org/simple" : key;
}

/** A place pip looks for packages: how a warning shows it, the option, and its URL for a purl. */
interface PackageSource {
  /** As compared and shown: without credentials and a trailing `/`. */
  key: string;
  /** The `repository_url` it gives a purl: a URL, or `file://` for an absolute folder; none for a relative one. */
  url?: string;
  /** `--index-url`, `--extra-index-url` or `--find-links`. */
  option: string;
  /** `path:line` of the option, when the file has one. */
  where?: string;
}

/** A `--find-links` location: a URL, or a folder (an absolute one is a `file://` URL). */
function findLinksSource(location: { url: string; where: string }): PackageSource {
  const source = { key: indexKey(location.url), option: "--find-links", where: location.where };
  if (/^[A-Za-z][A-Za-z0-9+.-]+:/.test(location.url)) {
    return { ...source, url: withoutCredentials(location.url) };
  }
  return location.url.startsWith("/")
    ? { ...source, url: `file://${encodeURI(location.url)}` }
    : source;
}

/**
 * Where pip looks for the packages a file names without a URL of their own:
 * the first place, which their purls name, and the others, from any of
 * which pip may take each package (the best match wins). The index
 * (`--index-url`, else PyPI), then the `--extra-index-url`s and
 * `--find-links` locations; with `--no-index`, only the `--find-links`
 * locations.
 */
function packageSources(state: State): { first?: PackageSource; others: PackageSource[] } {
  const links = state.findLinks.map(findLinksSource);
  const [first, ...rest] = state.noIndex !== undefined ? links : [
    { key: indexKey(state.index ?? "https://pypi.org/simple"), url: state.index, option: "-i" },
    ...state.extraIndexes.map((e) => ({
      key: indexKey(e.url),
      option: "--extra-index-url",
      where: e.where,
    })),
    ...links,
  ];
  return { first, others: rest.filter((o) => o.key !== first?.key) };
}

/**
 * The PEP 503 names of the packages whose source pip chooses: no URL or
 * file of their own, no index the file names for them (uv's `# from`
 * annotation).
 */
function sourcedNames(state: State): string[] {
  return [
    ...new Set(
      state.entries
        .filter((e) => e.name !== "" && e.url === undefined && !e.local && !e.unlocated && !e.index)
        .map((e) => pep503Name(e.name)),
    ),
  ].sort(compareStrings);
}

/** At most five names, then how many in all. */
function shownNames(names: string[]): string {
  return names.slice(0, 5).join(", ") + (names.length > 5 ? `, … (${names.length} in all)` : "");
}

/**
 * The warnings for the packages whose source pip chooses: with an
 * `--extra-index-url` or a `--find-links` location beside the index
 * (`--index-url`, else PyPI), or several `--find-links` with `--no-index`,
 * pip takes each package from whichever place offers the best match, so a
 * purl's `repository_url` (or its absence: PyPI) says which place was asked
 * first, not which one served it; with `--no-index` the packages are not
 * PyPI's: a warning says where they come from. A package whose index the
 * file names (uv's `# from` annotation) or that has its own URL or file is
 * known.
 */
function sourceWarnings(state: State): string[] {
  const names = sourcedNames(state);
  if (names.length === 0) return [];
  const shown = shownNames(names);
  const { first, others } = packageSources(state);
  const warnings: string[] = [];
  if (first !== undefined && others.length > 0) {
    const places = [first.key, ...new Set(others.map((o) => o.key))].join(", ");
    warnings.push(
      `${others[0].where}: ${others[0].option}: pip takes each package from whichever of ` +
        `${places} offers the best match, so the index of ${shown} is ambiguous: ` +
        "their purls name the first index, not the one that served them " +
        "(name one index, or annotate each package's, as `uv pip compile --emit-index-annotation` does)",
    );
  }
  if (state.noIndex !== undefined) {
    const origin = first === undefined
      ? "no --find-links location names their origin (pip installs them only from files it is " +
        "given): their purls carry no repository_url"
      : first.url === undefined
      ? `their purls cannot name the folder ${first.key} (no URL) and carry no repository_url`
      : `their purls carry repository_url=${first.url}`;
    warnings.push(
      `${state.noIndex}: --no-index: ${shown} come from --find-links locations, not from PyPI; ${origin}`,
    );
  }
  return warnings;
}

/**
 * Reads a pip requirements file, following `-r` and `-c` includes through
 * `options.include`. Every requirement becomes a direct component with an
 * edge from the root, runtime unless the file that lists it is named for
 * development (`requirements-dev.txt`, `test-requirements.txt`,
 * `requirements/docs.txt`: dev). A requirement that pins no version takes
 * the one a pin of the same name gives (another line, an included file, a
 * constraint file given with `-c`), when its range admits it (else a
 * warning: pip would refuse); constraints add nothing (a `-r` file a
 * constraints file includes lists requirements, as pip installs them), and a file named for
 * constraints (`requirements/constraints.txt`) is read as one. Local folders (`-e .`, `./libs/x`) are first-party and
 * skipped, a local distribution file (`./dist/x-1.0-py3-none-any.whl`) is the
 * package its file name says. An editable folder outside the project that
 * `pip freeze` names in the comment above it (`# Editable install with no
 * version control (name==1.0)`, `# Editable Git install with no remote
 * (…)`) is that package at that version, with no origin. With an
 * `--extra-index-url` or a `--find-links` location, a warning names the
 * packages whose index is ambiguous (pip may take each from any of them);
 * with `--no-index`, their purls name the first `--find-links` location (an
 * absolute folder as a `file://` URL; a relative folder is no URL) as
 * `repository_url`, never PyPI, and a warning says so.
 *
 * @example
 * ```ts
 * import { readRequirements } from "./requirements.ts";
 * const out = readRequirements(`requests==2.32.3 \\\n    --hash=sha256:${"AB".repeat(32)}\n`, {
 *   path: "requirements.txt",
 * });
 * out.components[0].purl; // "pkg:pypi/requests@2.32.3"
 * ```
 *
 * @param text The file's text.
 * @param options The file's path and the include callback.
 * @returns Components and root edges.
 * @throws {VouchError} `inventory.requirements.invalid` for a malformed line,
 *   a missing include (but for mxdev's input, see `options.mxdev`), an include cycle, or two pins of one name to
 *   different versions (in requirements or constraints).
 */
export function readRequirements(text: string, options: RequirementsOptions): ReaderResult {
  const state: State = {
    include: options.include,
    mxdev: options.mxdev,
    missingForMxdev: [],
    ignoredOptions: [],
    mxdevFailures: [],
    excluded: options.excluded,
    ownFolders: [],
    readAlone: options.readAlone ?? (() => true),
    topDir: dirname(normalizePath(options.path)),
    entries: [],
    constraints: [],
    extraIndexes: [],
    findLinks: [],
    remoteConstraints: [],
    remoteRequirements: [],
    unexpanded: new Map(),
    uvWritten: new Set(),
    included: new Set(),
    scopes: new Map([[options.path, fileScope(options.path)]]),
  };
  readFile(
    state,
    text,
    options.path,
    [normalizePath(options.path)],
    namesConstraints(options.path),
    options.mxdev !== undefined,
  );
  checkHashMode(state);
  const pins = checkPins([...state.entries, ...state.constraints]);
  // A constraint limited by a marker still pins what it names, when nothing else does.
  for (const c of state.constraints) {
    if (!pins.has(pep503Name(c.name))) {
      pins.set(pep503Name(c.name), { entry: c, pin: pinnedVersion(c.specifier)! });
    }
  }
  const builder = new OutputBuilder();
  const warnings: string[] = [];
  const sources = packageSources(state);
  /** The ids of the version-less declarations another file's pin may resolve (see `ranges`). */
  const ranges = new Set<string>();
  for (const entry of state.entries) {
    const scope = state.scopes.get(entry.source)!;
    if (entry.eggVersion !== undefined) {
      const egg = `${entry.name}-${entry.eggVersion}`;
      warnings.push(
        `${entry.where ?? entry.source}: "#egg=${egg}" writes a version into the egg fragment ` +
          `(easy_install's form): pip takes all of it for the project's name and refuses a ` +
          `project named otherwise (pip 20.3 on: "inconsistent name"); it is in the SBOM as ` +
          `${entry.name}, its version the project's own, unknown; write "${entry.name} @ <url>"`,
      );
    }
    if (entry.name === "" && entry.folder !== undefined) {
      warnings.push(
        `${entry.where ?? entry.source}: "${withoutCredentials(entry.folder)}" is ` +
          `${
            entry.archive
              ? "an archive"
              : entry.skipped !== undefined
              ? `a folder in ${entry.skipped}/, which the scan skips,`
              : "a folder outside the project"
          } that names no ` +
          "package (pip learns its name by building it, vouch cannot): it is not in the SBOM; " +
          `write "<name> @ file://<${entry.archive ? "file" : "folder"}>" to list it`,
      );
      continue;
    }
    if (entry.name === "" && entry.url !== undefined) {
      const url = withoutCredentials(entry.url);
      const { name, purl } = genericUrlPurl(url, entry.vcs ? "vcs_url" : "download_url");
      const id = builder.component({
        purl,
        ecosystem: "generic",
        name,
        hashes: entry.hashes,
        downloadLocation: url,
        direct: true,
        scopes: [scope],
        sources: [entry.source],
      });
      builder.edge(ROOT_ID, id, scope);
      warnings.push(
        `${entry.where ?? entry.source}: pip learns the name of "${url}" by building it, ` +
          `vouch cannot: it is listed as ${purl}; add "#egg=<name>" or write "<name> @ <url>"`,
      );
      continue;
    }
    const repository = repositoryUrl(entry.index ?? sources.first?.url);
    const version = pinnedVersion(entry.specifier) ?? versionFromPins(entry, pins, warnings);
    // A distribution file on disk is no URL: its `file_name`.
    const qualifiers = entry.file !== undefined
      ? localArchiveQualifiers(entry.file)
      : entry.local || entry.unlocated
      ? {}
      : entry.url === undefined
      ? { repository_url: repository }
      : { [entry.vcs ? "vcs_url" : "download_url"]: entry.url };
    const id = builder.component(pypiComponent({
      name: entry.name,
      version,
      specifier: entry.specifier,
      qualifiers,
      // Several `--hash` values of a name-only requirement are one per file (sdist, wheels).
      files: entry.url === undefined && !entry.local
        ? hashOnlyFiles(entry.hashes)
        : { hashes: entry.hashes, distributions: [] },
      downloadLocation: entry.url,
      direct: true,
      scopes: [scope],
      source: entry.source,
    }));
    builder.edge(ROOT_ID, id, scope);
    if (version === undefined && entry.url === undefined && !entry.local && !entry.unlocated) {
      ranges.add(id);
    }
  }
  warnings.push(...sourceWarnings(state), ...options.warnings ?? []);
  for (const { path, where } of state.missingForMxdev) {
    warnings.push(
      `${where}: the included file ${path} does not exist; ${state.mxdev} makes this file ` +
        "mxdev's input, and mxdev reads a missing include as an empty file, so vouch does too",
    );
  }
  for (const { option, where } of state.ignoredOptions) {
    warnings.push(
      `${where}: ${option} on a requirement's line is passed over by pip, which applies only ` +
        "--hash and --config-settings there: the requirement comes from the file's indexes " +
        "(put the option on a line of its own)",
    );
  }
  for (const where of state.mxdevFailures) {
    warnings.push(
      `${where}: mxdev, which ${state.mxdev} makes read this file, fails on an include without ` +
        'a space after its option (processing.py `line.split(" ")[1]`: an IndexError); ' +
        "vouch reads the file it names all the same",
    );
  }
  for (const { url, where } of state.remoteConstraints) {
    warnings.push(
      `${where}: the constraints file ${url} is remote and vouch reads no URL: ` +
        "a requirement that pins no version gets none from it (constraints install nothing)",
    );
  }
  const result: ReaderResult = builder.build();
  if (state.remoteRequirements.length > 0) {
    result.unreadIncludes = state.remoteRequirements.map(({ url, where }) => ({
      path: url,
      reason: `${where} includes it (-r), and vouch reads no URL: pip fetches it and installs ` +
        "what it lists",
      hint: "put a copy in the tree and include that, or lock the project",
    }));
  }
  if (ranges.size > 0) result.ranges = [...ranges].sort(compareStrings);
  if (state.included.size > 0) {
    const paths = [...state.included].map((key) => key.slice(2));
    result.included = [...new Set(paths)].sort(compareStrings);
  }
  for (const [file, lines] of state.unexpanded) {
    warnings.push(
      `${at(file, lines[0])}: pip fills in \${VAR} from the environment at install time, which ` +
        "vouch cannot know: a line that is only a reference, or an option or include using one, " +
        "is skipped; a requirement keeps its name, not what a variable gives" +
        (lines.length > 1
          ? ` (also line${lines.length > 2 ? "s" : ""} ${lines.slice(1).join(", ")})`
          : ""),
    );
  }
  // pip refuses a folder without a pyproject.toml or setup.py, one that does not exist too
  // (req_install's `_get_url_from_path`: "Directory … is not installable. Neither 'setup.py'
  // nor 'pyproject.toml' found"; a path to no folder is no requirement it can parse, and an
  // editable one "is not a valid editable requirement"). It had been dropped without a word.
  // pip takes a relative path from the folder it runs in, not the file's (`uv pip compile
  // requirements/base.in` writes `-e .` for the project above): the file's folder, the top
  // file's, or the project's root (a path that climbs out of it is left alone).
  for (const { place, written, relative, where } of state.ownFolders) {
    const { peek } = options;
    if (peek === undefined) break;
    const folders = [
      place,
      localPlace(`${state.topDir || "."}/-`, relative),
      localPlace("-", relative),
    ];
    if (folders.some((f) => f.kind === "outside" || holdsPythonProject(f.path!, peek))) continue;
    warnings.push(
      `${where}: "${written}" is no folder of the project with a pyproject.toml or setup.py ` +
        "(missing, or a git submodule not checked out?): pip refuses to install it, and fails " +
        "on the whole file; vouch reads the rest",
    );
  }
  if (warnings.length > 0) result.warnings = warnings.sort();
  // A line that installs the (top) file's own folder (`-e .`) names the project as pip installs it:
  // under the name (and version) its pyproject.toml or setup.cfg declares. A setup.cfg project
  // without a pyproject.toml (PyScaffold's) had been left unnamed. A manifest naming it wins.
  const top = state.topDir === "" ? "." : state.topDir;
  const self = state.ownFolders.find(({ place }) => place.path === top);
  const declared = self === undefined || options.peek === undefined
    ? undefined
    : declaredProject(self.place.path!, options.peek);
  return declared === undefined
    ? result
    : { ...result, ...lockProject(declared.name, declared.version) };
}
