// Private: a static reading of a Gemfile (or gems.rb). A Gemfile is Ruby
// code; only its declarative forms are understood: `gem "name", …, group:`,
// `group … do … end` (nested groups add up, `optional: true`), `gemspec`,
// `eval_gemfile "file"`, and the source blocks (`source`, `git`, `github`,
// `path`, `platforms`, `install_if`, `env`). Any other block or condition is
// not evaluated: the gems inside keep the groups around them, and a note says
// so. Used to tell in which groups the lockfile's direct gems are, and, without
// a lockfile, what the Gemfile declares (requirements, origin).
import type { VouchError } from "../../errors.ts";
import { invalid } from "../_errors.ts";
import { countBelow } from "../../_util.ts";

/** Where a gem comes from, when not from the Gemfile's global source. */
export interface GemOrigin {
  /** `git` (a URL), `github` (`owner/repo`), `path` (a folder) or `source` (a gem server). */
  kind: "git" | "github" | "path" | "source";
  /** The URL, repository or folder as written; undefined when it is computed. */
  value?: string;
  /**
   * A git origin's revision, as Bundler's `Source::Git` takes it (`ref || branch || tag`): its
   * `ref:` option, else `branch:`, else `tag:` (a literal; undefined when none or computed).
   */
  ref?: string;
}

/** One `gem` declaration. */
export interface GemDeclaration {
  /** Groups it is declared in (`default` when none). */
  groups: string[];
  /** Its version requirements as written (`~> 1.0`, `>= 1.0.1`); none: any version. */
  requirements: string[];
  /** A requirement is computed (`ENV["V"]`): `requirements` is empty, not "any version". */
  computed?: true;
  /** Its `git:` / `github:` / `path:` / `source:` option or the block around it. */
  origin?: GemOrigin;
  /** The file and line it is declared at (`Gemfile:12`). */
  where: string;
  /**
   * Under a condition or in a block vouch does not evaluate (`if ENV["X"]`, `gem "x" if …`,
   * `helper.each do`): whether Bundler declares it is unknown.
   */
  conditional?: true;
}

/** A `gemspec` call: which gemspec it names (Bundler's default: the only one beside the Gemfile). */
export interface GemspecCall {
  /** Its `name:` option, the gemspec's file name without `.gemspec`. */
  name?: string;
  /** Its `path:` option, the gemspec's folder relative to the Gemfile's. */
  path?: string;
  /** `name:` or `path:` is computed (`File.expand_path(…)`): which gemspec cannot be told. */
  computed?: true;
  /**
   * The groups of the gemspec's development dependencies: its `development_group:` option
   * (`:development` by default) and the groups around the call, as Bundler's `Dsl#gemspec`
   * declares them. A computed option leaves them undefined: their groups cannot be told.
   */
  developmentGroups?: string[];
  /** Where the call is, `file:line`. */
  where?: string;
}

/** What a Gemfile says, statically. */
export interface Gemfile {
  /** Declarations by gem name. */
  gems: Map<string, GemDeclaration[]>;
  /** Groups declared `optional: true` (not installed unless asked for). */
  optionalGroups: Set<string>;
  /** Its `gemspec` calls, in order: with one, the project is itself a gem (the first's). */
  gemspecs: GemspecCall[];
  /** What was not understood, as `file:line: what`. */
  notes: string[];
}

/** Reads another file of the project, relative to the Gemfile's folder. */
export type GemfileLoad = (relativePath: string) => string | undefined;

interface Block {
  groups: string[];
  /** The `git`, `github`, `path` or `source` block it is in. */
  origin?: GemOrigin;
  /** Inside a method definition: nothing in it runs when the Gemfile is read. */
  quiet: boolean;
  /** Inside a condition or a block that is not evaluated (see `GemDeclaration.conditional`). */
  conditional?: true;
  /**
   * The note that the block (or condition) is not evaluated, said once a gem in it is read: one
   * that declares no gem (`plugins = list.map { … }`) changes nothing the SBOM says.
   */
  unsaid?: string;
  /**
   * The nearest block around it whose note was unsaid when it opened: the notes to say with a
   * gem are found up this chain, not by walking every block around (gems in 100,000 nested
   * blocks took time quadratic in the file).
   */
  around?: Block;
}

const SOURCE_BLOCKS = new Set([
  "git_source",
  "source",
  "git",
  "github",
  "path",
  "platforms",
  "platform",
  "install_if",
  "env",
]);
/** How many lines one statement may be continued on (a stray bracket must not swallow the file). */
const MAX_CONTINUATION = 20;
/**
 * How many lines one statement's strings may span (a gem's `post_install_message` spans tens):
 * each line joined reads the statement again, so 40,000 lines of `" + "` took minutes.
 */
const MAX_TEXT_LINES = 1000;
const OPENERS = /^(?:if|unless|case|while|until|for|begin|def|class|module)\b/;
/** A condition as a value (`x = if …`, `f(if …`); not a keyword argument's name (`f(a, if: 1)`). */
const ASSIGNED_OPENER = /[=(,]\s*(?:if|unless|case|begin)\b(?!:)/;
/**
 * An endless method (`def name(args) = expression`, `def name = expression`, Ruby 3): a
 * definition with no `end`. A `=` right after the name is part of it (`def name=(value)`, a
 * setter, which Ruby never defines endless): that one has its `end`. One place for each run of
 * spaces (`\s*(?:…)?\s*` tried every split of a long run).
 */
const ENDLESS_DEF = /^def\s+[\w.]+[?!]?(?:\s*\([^)]*\)\s*|\s+)=(?![=~>])/;
/** `… do` or `… do |x|` at a statement's end: it opens a block. */
const OPENS_DO_BLOCK = /\bdo(?:\s*\|[^|]*\|)?$/;
// Each run of spaces has one place in a pattern: `\s*\(?\s*` tried every split of 200 KB of them.
const LITERAL = /^\s*(?:\(\s*)?(?:'([^'\\]*)'|"([^"\\#]*)")/;
/**
 * An origin option: `git: "…"`, `:github => '…'`; or a computed one (`path: local_ast`,
 * `:path => File.expand_path(…)`), whose value no group holds.
 */
const ORIGIN_OPTION =
  /(?:\b(git|github|path|source)\s*:(?!:)|:(git|github|path|source)\s*=>)\s*(?:'([^'\\]*)'|"([^"\\#]*)"|(?=\S))/;

/**
 * Bundler's other git shorthands: `gist: "id"`, `bitbucket: "owner/repo"`, and (Bundler 2.5+,
 * rubygems/rubygems#7449) `gitlab: "group/subgroup/repo"`.
 */
const GIT_SHORTHAND =
  /(?:\b(gist|bitbucket|gitlab)\s*:(?!:)|:(gist|bitbucket|gitlab)\s*=>)\s*(?:'([^'\\]*)'|"([^"\\#]*)"|(?=\S))/;

/** A GitLab merge request's URL, which Bundler's `gitlab:` takes for its project. */
const GITLAB_MERGE_REQUEST = /^https:\/\/gitlab\.com\/(.+?)\/-\/merge_requests\/\d+\/?$/;

/**
 * The repository a git shorthand names, as Bundler's Dsl writes it: a gist's
 * `https://gist.github.com/<id>.git`, Bitbucket's `https://<owner>@bitbucket.org/<owner>/<repo>.git`,
 * GitLab's `https://gitlab.com/<path>.git` (of a merge request's URL, its project's); `repo`
 * alone is `repo/repo`.
 */
function shorthandRepository(kind: string, value: string): string {
  if (kind === "gist") return `https://gist.github.com/${value}.git`;
  const mergeRequest = kind === "gitlab" ? GITLAB_MERGE_REQUEST.exec(value) : null;
  if (mergeRequest !== null) return `https://gitlab.com/${mergeRequest[1]}.git`;
  const repo = value.includes("/") ? value : `${value}/${value}`;
  if (kind === "gitlab") return `https://gitlab.com/${repo}.git`;
  return `https://${repo.split("/")[0]}@bitbucket.org/${repo}.git`;
}

/**
 * A Ruby string literal without interpolation, `.freeze` allowed: `'x'`, `"x"`, `%q<x>`,
 * `%q{x}`, `%q(x)`, `%q[x]` (one group holds its text).
 */
export const STRING_LITERAL =
  /(?:'([^'\\]*)'|"([^"\\#]*)"|%q<([^>]*)>|%q\{([^}]*)\}|%q\(([^)]*)\)|%q\[([^\]]*)\])(?:\.freeze\b)?/;
const ARGUMENT = new RegExp(`\\s*,\\s*(?:${STRING_LITERAL.source}|(\\[))`, "y");
const LIST_ITEM = new RegExp(`\\s*(?:${STRING_LITERAL.source}\\s*(,\\s*)?|(\\]))`, "y");
/**
 * An option (`require: false`, `:git => …`) or the end of the arguments. A run of spaces has one
 * place in it (`\s*(?:,?\s*\)\s*)?` tried every split of 200 KB of them).
 */
const AFTER_ARGUMENTS =
  /\s*,\s*(?:\w+\s*:(?!:)|:\w+\s*=>)|\s*(?:(?:,\s*)?\)\s*)?(?:$|(?:if|unless|do)\b|\{)/y;

/** The text of a {@linkcode STRING_LITERAL} match. */
export function literalText(match: RegExpExecArray): string {
  return match.slice(1, 7).find((g) => g !== undefined)!;
}

/**
 * The version requirements of a `gem` or `add_dependency` call: its positional
 * arguments after the name, string literals or `[…]` lists of them (`"a, b"`
 * split at its commas). `rest` is the call after the name; options
 * (`require: false`), a `)`, an `if` / `unless` modifier or a block end them.
 *
 * @param rest The call after the name literal.
 * @returns The requirements; `undefined` when one is computed (`ENV["V"]`,
 *   `"~> #{v}"`, `"1." + x`): what it is cannot be told.
 */
export function literalRequirements(rest: string): string[] | undefined {
  const texts: string[] = [];
  let at = 0;
  for (;;) {
    AFTER_ARGUMENTS.lastIndex = at;
    if (AFTER_ARGUMENTS.test(rest)) break;
    ARGUMENT.lastIndex = at;
    const argument = ARGUMENT.exec(rest);
    if (argument === null) return undefined;
    at = ARGUMENT.lastIndex;
    if (argument[7] === undefined) {
      texts.push(literalText(argument));
      continue;
    }
    for (let closed = false, comma = true; !closed;) {
      LIST_ITEM.lastIndex = at;
      const item = LIST_ITEM.exec(rest);
      if (item === null || (item[8] === undefined && !comma)) return undefined;
      at = LIST_ITEM.lastIndex;
      closed = item[8] !== undefined;
      if (!closed) texts.push(literalText(item));
      comma = item[7] !== undefined;
    }
  }
  return texts.flatMap((t) => t.split(",")).map((r) => r.trim()).filter((r) => r !== "");
}

/** An option's value, a string literal. */
const OPTION_VALUE = new RegExp(`^\\s*${STRING_LITERAL.source}`);
/** An option's name: `gitlab:`, `:gitlab =>`. */
const OPTION_NAME = /\b(\w+)\s*:(?!:)|:(\w+)\s*=>/g;

/**
 * The requirements and origin of a `gem` statement's arguments after the name literal;
 * `computed` when a requirement is. `customSources` are the `git_source`s the Gemfile defines:
 * an option naming one (`gitlab: "owner/repo"`) is a git repository its block computes.
 */
function gemArguments(
  rest: string,
  customSources: CustomSources,
): { requirements: string[]; computed?: true; origin?: GemOrigin; clash?: string } {
  const requirements = literalRequirements(rest);
  return {
    requirements: requirements ?? [],
    ...requirements === undefined ? { computed: true } : {},
    ...optionOrigin(rest, customSources),
  };
}

/**
 * The revision a `gem` or `git` / `github` block's options give a git origin: `ref:`, else
 * `branch:`, else `tag:`, as Bundler's `Source::Git` takes it (`@ref = options["ref"] ||
 * options["branch"] || options["tag"]`, a symbol's name too); undefined when none, or when the
 * one it takes is computed.
 */
function gitRef(args: string, merged: Readonly<Revisions> = {}): string | undefined {
  for (const option of ["ref", "branch", "tag"] as const) {
    const given = new RegExp(`(?:\\b${option}\\s*:(?!:)|:${option}\\s*=>)\\s*`).exec(args);
    if (given === null && merged[option] !== undefined) return merged[option];
    if (given === null) continue;
    const value = args.slice(given.index + given[0].length);
    // A symbol (`branch: :main`) is its name: `Source::Git` stringifies `ref`, `branch`, `tag`.
    const symbol = SYMBOL.exec(value);
    if (symbol !== null) return symbol[1] ?? symbol[2] ?? symbol[3];
    const literal = STRING_LITERAL.exec(value);
    return literal?.index === 0 ? literalText(literal) : undefined;
  }
  return undefined;
}

/** A symbol literal without interpolation: `:main`, `:"v1.0"`, `:'v1.0'` (one group holds its name). */
const SYMBOL = /^:(?:([A-Za-z_]\w*[?!]?)|"([^"\\#]*)"|'([^'\\]*)')(?![\w:"'])/;

/** A git origin with the revision `args` give it, if any. */
function withRef(origin: GemOrigin, args: string): GemOrigin {
  if (origin.kind !== "git" && origin.kind !== "github") return origin;
  const ref = gitRef(args);
  return ref === undefined ? origin : { ...origin, ref };
}

/** The origin a `gem` statement's options give it (see {@linkcode gemArguments}). */
function optionOrigin(
  rest: string,
  customSources: CustomSources,
): { origin?: GemOrigin; clash?: string } {
  const o = ORIGIN_OPTION.exec(rest);
  if (o !== null) {
    const origin = { kind: (o[1] ?? o[2]) as GemOrigin["kind"], value: o[3] ?? o[4] };
    // `github:` by the Gemfile's own `git_source(:github)`, which replaces Bundler's.
    if (origin.kind === "github" && customSources.has("github")) {
      return sourceOrigin(customSources.get("github"), origin.value, rest);
    }
    return { origin: withRef(origin, rest) };
  }
  const shorthand = GIT_SHORTHAND.exec(rest);
  if (shorthand !== null) {
    const value = shorthand[3] ?? shorthand[4];
    const kind = shorthand[1] ?? shorthand[2];
    // A shorthand the Gemfile defines again (`git_source(:gitlab) { … }`) is its own block's.
    if (customSources.has(kind)) {
      return sourceOrigin(customSources.get(kind), value, rest);
    }
    return {
      origin: withRef({
        kind: "git",
        ...value === undefined ? {} : { value: shorthandRepository(kind, value) },
      }, rest),
    };
  }
  // Each option looked up by name: a pattern of every source's name, built again for each of
  // 20,000 `git_source`s and tried on each gem, took time quadratic in the file.
  for (const m of rest.matchAll(OPTION_NAME)) {
    const name = m[1] ?? m[2];
    if (!customSources.has(name)) continue;
    const literal = OPTION_VALUE.exec(rest.slice(m.index + m[0].length));
    const value = literal === null ? undefined : literalText(literal);
    return sourceOrigin(customSources.get(name), value, rest);
  }
  return {};
}

/**
 * The `git_source`s a Gemfile defines, by name (see {@linkcode SourceBlock}).
 */
type CustomSources = ReadonlyMap<string, SourceBlock>;

/**
 * A `git_source` block read: the pieces of the git URL it returns around its argument
 * (`git_source(:github) { |repo| "git@github.com:#{repo}.git" }` is `git@github.com:`, `.git`),
 * with the revision a hash it returns names; `false` for a hash Bundler takes no git URL from;
 * undefined when the block computes more than that.
 */
type SourceBlock =
  | { pieces: readonly string[]; revisions: Revisions; keys: readonly string[] }
  | false
  | undefined;

/** The `"ref"`, `"branch"` and `"tag"` a `git_source` block's hash gives (literals). */
type Revisions = { ref?: string; branch?: string; tag?: string };

/**
 * The git repository of a `git_source` block given `value`, as Bundler calls the block with the
 * option's value: its string with `value` for the argument; computed (no value) when the block
 * or `value` is; none (a gem of the Gemfile's gem source) for a hash without a `"git"` key. Its
 * revision is Bundler's `ref || branch || tag` of the gem's options with the hash's merged in
 * (`args`: the gem's). Bundler refuses a key that both the gem's options and the hash give
 * (Dsl#normalize_options merges with a block raising GemfileError "The :branch option can't be
 * used with `corp: …`"): `clash` names it.
 */
function sourceOrigin(
  block: SourceBlock,
  value: string | undefined,
  args: string,
): { origin?: GemOrigin; clash?: string } {
  if (block === false) return {};
  if (block === undefined) return { origin: withRef({ kind: "git" }, args) };
  const clash = block.keys.find((key) =>
    new RegExp(`(?:\\b${key}\\s*:(?!:)|:${key}\\s*=>|["']${key}["']\\s*=>)`).test(args)
  );
  if (clash !== undefined) return { clash };
  if (value === undefined) return { origin: withRef({ kind: "git" }, args) };
  const origin: GemOrigin = { kind: "git", value: block.pieces.join(value) };
  const ref = gitRef(args, block.revisions);
  return { origin: ref === undefined ? origin : { ...origin, ref } };
}

/** One `key => value` or `key: value` entry of a hash literal: a string or `nil` value. */
const HASH_ENTRY =
  /^\s*(?:"(\w+)"\s*=>|'(\w+)'\s*=>|(\w+):(?!:)|:(\w+)\s*=>)\s*(?:"([^"\\]*)"|'([^'\\]*)'|(nil))\s*(?:,|$)/;

/**
 * The pieces of a `git_source` block's string around its argument (see {@linkcode SourceBlock}):
 * `opening` is `git_source(:name) do |arg|`, `body` the block's one statement, a double-quoted
 * string whose only interpolation is the argument (`"https://github.com/#{repo}.git"`), or a hash
 * of such strings (`{ "git" => "https://…/#{repo}.git", "branch" => "main" }`). Bundler's
 * Dsl#normalize_options takes a String as `{ "git" => it }` and merges a Hash into the gem's
 * options, then reads `opts["git"]` and the revision from `"ref"`, `"branch"`, `"tag"`: String
 * keys (its own github block returns such a hash for a pull request's URL); a Symbol key
 * (`git:`) is merged as it is and read by nothing, so the gem has no git source: `false`.
 */
function sourceTemplate(opening: string, body: string | undefined): SourceBlock {
  const arg = /\bdo\s*\|\s*(\w+)\s*\|$/.exec(opening)?.[1];
  if (arg === undefined || body === undefined) return undefined;
  const pieces = (text: string): string[] | undefined => {
    const split = text.split(new RegExp(`#\\{\\s*${arg}\\s*\\}`));
    return split.length > 1 && split.every((p) => !p.includes("#")) ? split : undefined;
  };
  const string = /^"([^"\\]*)"$/.exec(body);
  if (string !== null) {
    const url = pieces(string[1]);
    return url === undefined ? undefined : { pieces: url, revisions: {}, keys: ["git"] };
  }
  const hash = /^\{(.*)\}$/s.exec(body);
  if (hash === null) return undefined;
  const strings = new Map<string, string | null>();
  let symbolGit = false;
  for (let rest = hash[1]; rest.trim() !== "";) {
    const entry = HASH_ENTRY.exec(rest);
    if (entry === null) return undefined;
    rest = rest.slice(entry[0].length);
    const key = entry[1] ?? entry[2];
    const value = entry[5] ?? entry[6] ?? null;
    if (key !== undefined) strings.set(key, value);
    else if ((entry[3] ?? entry[4]) === "git") symbolGit = true;
  }
  const git = strings.get("git");
  if (git === undefined) return symbolGit ? false : undefined;
  // Interpolation only in a double-quoted string, and of the argument only.
  const url = git === null || !hash[1].includes(`"${git}"`) ? undefined : pieces(git);
  if (url === undefined) return undefined;
  const revisions: Revisions = {};
  for (const key of ["ref", "branch", "tag"] as const) {
    const given = strings.get(key);
    if (given?.includes("#")) return undefined;
    if (given != null) revisions[key] = given;
  }
  return { pieces: url, revisions, keys: [...strings.keys()] };
}

/**
 * The `name:`, `path:` and `development_group:` options of a `gemspec` call, `args` its
 * arguments, `groups` those around it.
 */
function gemspecCall(args: string, groups: string[]): GemspecCall {
  const call: GemspecCall = {};
  /** The text after the option `key`, undefined when the call does not give it. */
  const option = (key: string): string | undefined => {
    const given = new RegExp(`(?:\\b${key}\\s*:(?!:)|:${key}\\s*=>)\\s*`).exec(args);
    return given === null ? undefined : args.slice(given.index + given[0].length);
  };
  for (const key of ["name", "path"] as const) {
    const value = option(key);
    if (value === undefined) continue;
    const literal = STRING_LITERAL.exec(value);
    if (literal?.index === 0) call[key] = literalText(literal);
    else call.computed = true;
  }
  const group = option("development_group");
  const literal = group === undefined ? null : STRING_LITERAL.exec(group);
  const symbol = group === undefined ? null : /^:(\w+)/.exec(group);
  const named = symbol?.[1] ?? (literal?.index === 0 ? literalText(literal) : undefined);
  if (group === undefined || named !== undefined) {
    call.developmentGroups = [...groups, named ?? "development"];
  }
  return call;
}

/** The line without its `#` comment (quotes respected; `quote`: it starts inside that string). */
function stripComment(line: string, quote = ""): string {
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (c === "'" || c === '"') quote = c;
    else if (c === "/" && REGEX_BEFORE.test(line.slice(Math.max(0, i - 8), i))) {
      // A regex (`name.gsub(/'|"/, "") #'`): a quote or `#` in it starts nothing.
      const end = afterDelimited(line, i + 1, "/");
      if (end === -1) return line;
      i = end - 1;
    } else if (c === "%" && PERCENT_LITERAL_AT.test(line.slice(Math.max(0, i - 1), i + 3))) {
      // A `%q{…}` / `%w[…]` literal: a `#` in it (`%Q{for #{name}}`) starts no comment; one
      // that goes on to the next line has none on this one.
      const open = percentBracket(line, i);
      const end = afterDelimited(line, open + 1, line[open]);
      if (end === -1) return line;
      i = end - 1;
    } else if (c === "#") return line.slice(0, i);
  }
  return line;
}

/** Where the delimiter of the `%` literal at `at` is: after its letter (`%q{`), or right after it (`%{`). */
function percentBracket(text: string, at: number): number {
  return /\w/.test(text[at + 1] ?? "") ? at + 2 : at + 1;
}

/** A `%` literal in brackets where an operand starts (`= %q{`, `(%w[`), by the text around it. */
const PERCENT_LITERAL_AT = /^(?:[\s=(,[]?)%[qQwWiIrsx]?[([{<]/;

/** Group names in `:a, "b", %i[c d], [:e]`. */
function groupNames(text: string): string[] {
  const names: string[] = [];
  for (const m of text.matchAll(/%[iw][[(]([^\][()]*)[\])]|:(\w+)|'(\w+)'|"(\w+)"/g)) {
    // One at a time: `push(...list)` of 200,000 names overflowed the stack.
    if (m[1] === undefined) names.push(m[2] ?? m[3] ?? m[4]);
    else for (const name of m[1].split(/\s+/)) if (name !== "") names.push(name);
  }
  return names;
}

/**
 * The most groups a gem keeps: a Gemfile names a few (`:development, :test`); one of thousands
 * (a `group` of them around thousands of gems, or nested as deep) listed every name for every
 * gem, millions of them (a 64 KB Gemfile: 13 s, 2 GB, then exit 3 writing the SBOM).
 */
const MAX_GROUPS = 16;

/** The groups around a gem and its own, distinct, the first {@linkcode MAX_GROUPS}; `capped` when more. */
function addGroups(outer: readonly string[], own: readonly string[]): {
  groups: string[];
  capped: boolean;
} {
  const groups = [...outer];
  for (const name of own) {
    if (groups.includes(name)) continue;
    if (groups.length === MAX_GROUPS) return { groups, capped: true };
    groups.push(name);
  }
  return { groups, capped: false };
}

/** The `group:` / `groups:` option of a `gem` line. */
function groupOption(args: string): string[] {
  // A list holds no bracket: each of 100,000 `group: [` never closed searched to the end.
  const m =
    /(?:\bgroups?\s*:|:groups?\s*=>)\s*(\[[^\][]*\]|%[iw][[(][^\][()]*[\])]|:\w+|'\w+'|"\w+")/
      .exec(args);
  return m ? groupNames(m[1]) : [];
}

/** `do` (with its `|arguments|`), `end`, `then`, `else`, as keywords (not `done`, `end_date`, `do:`). */
const BLOCK_WORD = /(?:do(?:\s*\|[^|]*\|)?|end|then|else)(?![\w?!:])/y;
/** A block's `|arguments|` after its `{`. */
const BLOCK_ARGUMENTS = /\s*\|[^|]*\|/y;
/** Words before a `{` that make it a hash, not a block (`if {…}.empty?`). */
const KEYWORDS = new Set([
  "and",
  "case",
  "do",
  "else",
  "elsif",
  "if",
  "in",
  "not",
  "or",
  "return",
  "then",
  "unless",
  "until",
  "when",
  "while",
]);

/**
 * Whether the `{` at `at` opens a block (`group(:test) {`, `list.each {`), not a hash (`= {`,
 * `key: {`, `-> {` a lambda) nor a `%w{…}` / `%r{…}` literal: it follows a `)` or a method name.
 */
function opensBraceBlock(body: string, at: number): boolean {
  let end = at;
  while (end > 0 && /\s/.test(body[end - 1])) end--;
  if (body[end - 1] === ")") return true;
  let start = end;
  if (/[!?]/.test(body[start - 1] ?? "")) start--;
  while (start > 0 && /\w/.test(body[start - 1])) start--;
  const word = body.slice(start, end).replace(/[!?]$/, "");
  return /^[A-Za-z_]/.test(word) && !KEYWORDS.has(word) &&
    !/[%\\/@$:]/.test(body[start - 1] ?? " ");
}

/**
 * The statements of one line: Ruby separates them with `;` and allows a block on one line
 * (`group :test do gem "capybara", "1.1.2" end`, `platforms :mri do gem "ruby-debug" end`):
 * its opening (`… do`, `… do |x|`), its body and its `end` are statements of their own, as are
 * the parts of a condition on one line (`if x then`, `gem "y"`, `else`, `gem "z"`, `end`). A
 * block in braces (`group(:test) { gem "x" }`, on one line or several) is read as `do` … `end`;
 * `braces` holds, across lines, whether each `{` still open opened a block, and its line. Quotes, and `%w(…)`
 * / `%i[…]` / `%q{…}` literals, are respected.
 */
function splitLine(
  body: string,
  braces: { block: boolean; line: number }[],
  line: number,
): string[] {
  const pieces: string[] = [];
  let start = 0;
  let quote = "";
  let literals = true;
  const cut = (at: number, piece = body.slice(start, at).trim()): void => {
    if (piece !== "") pieces.push(piece);
    start = at;
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quote !== "") {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === "%" && literals && /^[qQwWiIr]?[([{<]/.test(body.slice(i + 1, i + 3))) {
      // A `%w(…)` / `%i[…]` list or `%q{…}` / `%{…}` string: its words (`%w(to do)`) are no
      // keywords. One that never closes ends the search for more (each would search to the end).
      const open = percentBracket(body, i);
      const end = afterDelimited(body, open + 1, body[open]);
      if (end === -1) literals = false;
      else i = end - 1;
    } else if (c === "/" && literals && REGEX_BEFORE.test(body.slice(Math.max(0, i - 8), i))) {
      // A regex where an operand starts (`f =~ /do$/`, `.grep(/end/)`): its words are no
      // keywords either; a `/` after a value is a division.
      const end = afterDelimited(body, i + 1, "/");
      if (end === -1) literals = false;
      else i = end - 1;
    } else if (c === ";") {
      cut(i);
      start = i + 1;
    } else if (c === "{") {
      const block = opensBraceBlock(body, i);
      braces.push({ block, line });
      if (!block) continue;
      BLOCK_ARGUMENTS.lastIndex = i + 1;
      const after = BLOCK_ARGUMENTS.test(body) ? BLOCK_ARGUMENTS.lastIndex : i + 1;
      // Its `|arguments|` stay, as a `do` block's do (a `git_source` block's template names its own).
      const args = body.slice(i + 1, after).trim();
      cut(after, `${body.slice(start, i).trim()} do${args === "" ? "" : ` ${args}`}`);
      i = after - 1;
    } else if (c === "}") {
      if (braces.pop()?.block !== true) continue;
      cut(i);
      cut(i + 1, "end");
    } else if ("det".includes(c) && !/[\w.:@$]/.test(body[i - 1] ?? " ")) {
      BLOCK_WORD.lastIndex = i;
      const word = BLOCK_WORD.exec(body)?.[0];
      if (word === "end") cut(i);
      else if (word === "else") {
        cut(i);
        cut(i + 4);
      } else if (word) cut(i + word.length);
    }
  }
  cut(body.length);
  return pieces;
}

/**
 * What comes before a `/` that opens a regex (or a heredoc's `<<`): an operator, a bracket or a
 * keyword that wants an operand, a hash's `=>` or `key:`.
 */
const REGEX_BEFORE = /(?:^|[=~(,[{|!&>;]|\w:|\b(?:if|unless|when|and|or|not))\s*$/;

/**
 * The lines that may end a heredoc, by their text: as written (the end of `<<ID`) and trimmed
 * (of `<<~ID`, `<<-ID`), each name with its line indexes in order.
 */
interface HeredocEnds {
  exact: Map<string, number[]>;
  trimmed: Map<string, number[]>;
}

function heredocEnds(lines: readonly string[]): HeredocEnds {
  const ends: HeredocEnds = { exact: new Map(), trimmed: new Map() };
  const add = (map: Map<string, number[]>, id: string, index: number): void => {
    const known = map.get(id);
    if (known) known.push(index);
    else map.set(id, [index]);
  };
  lines.forEach((line, index) => {
    const id = line.trim();
    if (!/^[A-Za-z_]\w*$/.test(id)) return;
    add(ends.trimmed, id, index);
    if (id === line) add(ends.exact, id, index);
  });
  return ends;
}

/** The first of the ascending `indexes` at or after `from`. */
function firstFrom(indexes: readonly number[] | undefined, from: number): number | undefined {
  return indexes?.[countBelow(indexes, from)];
}

/**
 * The line after a heredoc's body, when the line at `index` opens one or more (`<<~EOS`,
 * `<<-'EOS'`, `<<EOS`) that end: what the body says (a message, some text) is no statement.
 * Else `index + 1`, or -1 for a heredoc that no line ends where nothing but a heredoc may start. Each end is looked up in `ends` (searching the lines after each opener, a
 * file of openers with no end, each of its own name, took time quadratic in it).
 */
function afterHeredocs(
  index: number,
  code: string,
  ends: () => HeredocEnds,
): number {
  let next = index + 1;
  for (const m of code.matchAll(/<<([~-]?)(["'`]?)([A-Za-z_]\w*)\2/g)) {
    const [, indent, quoted, id] = m;
    // A bare `<<name` (any case: `<<eos` too) is a heredoc when `<<` does not follow a value
    // (`list<<x` appends) and a line reads its name (a shift's operand ends none).
    const bare = indent === "" && quoted === "";
    if (bare && /[\w)\]]/.test(code[m.index - 1] ?? " ")) continue;
    const end = firstFrom((indent === "" ? ends().exact : ends().trimmed).get(id), next);
    if (end === undefined) {
      // One where only a heredoc may start (`x = <<~EOS`, `f(<<-'EOS'`) that no line ends:
      // Ruby refuses it ("can't find string "EOS" anywhere before EOF"), a file cut inside it.
      return !bare && REGEX_BEFORE.test(code.slice(Math.max(0, m.index - 8), m.index)) ? -1 : next;
    }
    next = end + 1;
  }
  return next;
}

/** How many more `(` and `[` than `)` and `]` a statement's text has. */
function openBrackets(text: string): number {
  return text.split("(").length - text.split(")").length + text.split("[").length -
    text.split("]").length;
}

/** Every quoted string of Ruby, `'…'` or `"…"`, with its escapes (their brackets count not). */
const QUOTED_STRINGS = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/gs;
/**
 * Ruby's literals whose words are no code: quoted strings and `%` literals in brackets
 * (`%q{…, if you like.}`, `%w[to do]`, `%Q{for #{name}, if …}`: brackets nested once).
 */
const LITERALS = new RegExp(
  `${QUOTED_STRINGS.source}|%[qQwWiI]?(?:\\((?:[^()\\\\]|\\\\.|\\([^()]*\\))*\\)|` +
    `\\[(?:[^[\\]\\\\]|\\\\.|\\[[^[\\]]*\\])*\\]|\\{(?:[^{}\\\\]|\\\\.|\\{[^{}]*\\})*\\}|<(?:[^<>\\\\]|\\\\.|<[^<>]*>)*>)`,
  "gs",
);

/**
 * A statement that ends in an operator still waiting for its right side (`ENV["A"] ||`,
 * `x =`, `a.`): Ruby reads on to the next line; at the end of the file it is a syntax error.
 * Not `..` / `...`: a range without its end (`1..`) is whole.
 */
const ENDS_IN_OPERATOR =
  /(?:\|\||&&|[=+\-*\/%^]|(?<!\.)\.|::|\s:|(?<![\w!?])\?|(?<![\w.:$@])(?:and|or|not|if|unless|while|until|rescue))$/;

/**
 * The keywords that may follow an operand (`gem "x" if …`, `group :test do`, `"a" end`): any
 * other word right after a string, a symbol or a closing bracket (`gem "growl" unl`,
 * `group :development d`: cut inside a keyword) is a syntax error.
 */
const AFTER_OPERAND = new Set([
  "and",
  "do",
  "else",
  "elsif",
  "end",
  "ensure",
  "if",
  "in",
  "or",
  "rescue",
  "then",
  "unless",
  "until",
  "when",
  "while",
]);

/** A quoted string at `lastIndex` (`'…'`, `"…"`, `` `…` ``), with its escapes. */
const QUOTED_AT = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/ys;
/** A symbol of an operator method (`:-`, `:==`, `:[]=`), or a name's (`:name?`). */
const SYMBOL_AT =
  /:(?:\[\]=?|<=>|===?|=~|!=|!~|\*\*|[+\-]@|<<|>>|<=|>=|[+\-*\/%<>!~^&|]|\w+[?!=]?)/y;
/** A global variable of punctuation (`$"`, `$/`, `$-w`) or a name (`$stderr`). */
const GLOBAL_AT = /\$(?:-\w|\w+|[^\w\s])/y;
/** A literal argument after a method's name (`puts /x/`; not `x / 2`, `x /= 2`). */
const ARGUMENT_AT = /\s+[\/%?:][^\s=]/y;
/** An identifier or a number, with a method's `?` or `!`. */
const WORD_AT = /\w+[?!]?/y;
/** The words after which an operand starts (`if /x/`, `and ?a`): no operator. */
const BEFORE_OPERAND = new Set([
  ...KEYWORDS,
  "begin",
  "elsif",
  "puts",
  "raise",
  "warn",
  "yield",
]);
/** The delimiter that closes a `%` literal (or a regex) opened by each bracket. */
const CLOSING: Record<string, string> = { "(": ")", "[": "]", "{": "}", "<": ">" };

/**
 * The index after a `%` literal's or a regex's text opened at `from` by `open`, brackets
 * nested and escapes skipped (as Ruby's lexer, which ends `/[/]/` at its second `/`), or -1 when
 * the text never closes it.
 */
function afterDelimited(body: string, from: number, open: string): number {
  const close = CLOSING[open] ?? open;
  let depth = 0;
  for (let i = from; i < body.length; i++) {
    const c = body[i];
    if (c === "\\") i++;
    else if (c === close && close !== open && depth > 0) depth--;
    else if (c === close) return i + 1;
    else if (c === open) depth++;
  }
  return -1;
}

/**
 * How a statement ends, read as Ruby's lexer reads it: its quote (`'` or `"`) inside a quoted
 * string it does not close (`gem "rails", "~> 7`), `"operator"` after a `,`, `\` or an
 * operator waiting for its right side (`ENV["A"] ||`), else `undefined`. Each literal counts as
 * one operand: a regex (`=~ /darwin/`), a `%` literal (`%w[don't]`), a character (`?"`), a
 * symbol (`:-`) or a global (`$"`) ends no string and leaves no operator. A regex or `%`
 * literal that never closes is `"literal"` where an operand must start (`=~ /darw`); after a
 * method's name, where a `/` or `%` may be a division or a modulo as well, and a backquoted
 * command, no refusal.
 */
function lastStatementEnd(body: string): "'" | '"' | "literal" | "operator" | undefined {
  let bare = "";
  /** Whether an operand may start here (a `/` starts a regex, not a division). */
  let operand = true;
  /** Whether one must (after an operator or a keyword), not only may (after a method's name). */
  let sure = true;
  /** Whether the last token ends an operand: a literal or a closing bracket. */
  let closed = false;
  /** Whether the last token is a word no keyword right after an operand (`"x" unl`). */
  let juxtaposed = false;
  for (let i = 0; i < body.length;) {
    const c = body[i];
    const next = body[i + 1] ?? "";
    let end = -1;
    if (/\s/.test(c)) {
      bare += c;
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      QUOTED_AT.lastIndex = i;
      // A command (`` `…` ``) never closed where an operand must start (`unless \``).
      if (!QUOTED_AT.test(body)) return c !== "`" ? c : sure ? "literal" : undefined;
      end = QUOTED_AT.lastIndex;
    } else if (c === "$") {
      GLOBAL_AT.lastIndex = i;
      end = GLOBAL_AT.test(body) ? GLOBAL_AT.lastIndex : -1;
    } else if (operand && c === ":" && next !== ":") {
      SYMBOL_AT.lastIndex = i;
      end = SYMBOL_AT.test(body) ? SYMBOL_AT.lastIndex : -1;
    } else if (operand && c === "/") {
      end = afterDelimited(body, i + 1, "/");
      if (end === -1) return sure ? "literal" : undefined;
      while (/[a-z]/.test(body[end] ?? "")) end++; // flags (`/darwin/i`)
    } else if (
      operand && c === "%" && /[^\w\s]|[qQwWiIrsx][^\w\s]/.test(body.slice(i + 1, i + 3))
    ) {
      const open = percentBracket(body, i);
      end = afterDelimited(body, open + 1, body[open]);
      if (end === -1) return sure ? "literal" : undefined;
    } else if (operand && c === "?" && next !== "" && !/\s/.test(next)) {
      // A character (`?a`, `?"`, `?\n`); `?ab` is no character but a ternary's.
      const after = next === "\\" ? i + 3 : i + 2;
      if (next === "\\" || !/\w/.test(body[after] ?? "")) end = after;
    }
    if (end !== -1) {
      bare += "s";
      i = end;
      operand = sure = juxtaposed = false;
      closed = true;
      continue;
    }
    WORD_AT.lastIndex = i;
    if (WORD_AT.test(body)) {
      const word = body.slice(i, WORD_AT.lastIndex);
      i = WORD_AT.lastIndex;
      bare += word;
      juxtaposed = closed && !AFTER_OPERAND.has(word);
      closed = false;
      // A method's argument without parentheses (`puts /x/`, `send :-`): a `/`, `%`, `?` or
      // `:` after spaces and before no space nor `=` opens a literal, as Ruby reads it.
      ARGUMENT_AT.lastIndex = i;
      sure = BEFORE_OPERAND.has(word);
      operand = sure || ARGUMENT_AT.test(body);
      continue;
    }
    bare += c;
    i++;
    closed = ")]}".includes(c);
    operand = sure = !closed;
    juxtaposed = false;
  }
  bare = bare.trimEnd();
  return juxtaposed || /[,\\]$/.test(bare) || ENDS_IN_OPERATOR.test(bare) ? "operator" : undefined;
}

/**
 * The bracket of the last `%` literal of a statement (`%q{`, `%w[`, `%(`), when the statement
 * leaves it open (`%Q{Thanks for #{name}`), else `undefined`.
 */
function openPercentLiteral(body: string): string | undefined {
  const m = /.*%[qQwWiI]?([([{<])/s.exec(body);
  return m !== null && afterDelimited(body, m[0].length, m[1]) === -1 ? m[1] : undefined;
}

/** The characters at which Ruby's parser stops reading a file (NUL, ^D, ^Z), as its `__END__`. */
// deno-lint-ignore no-control-regex
const END_OF_INPUT = /[\0\x04\x1a]/;

/**
 * The text Ruby reads of a file: up to a NUL, ^D or ^Z where one stands outside a comment and
 * before `__END__`. Text other than
 * blanks after it is refused: Bundler would not read it (a UTF-16 file without its byte-order
 * mark holds a NUL after its first letter, so Ruby read a lone `g` of it).
 */
function endOfInput(text: string, path: string): string {
  const data = text.search(/^__END__\r?$/m);
  const limit = data === -1 ? text.length : data;
  const search = new RegExp(END_OF_INPUT.source, "g");
  for (let m = search.exec(text); m !== null && m.index < limit; m = search.exec(text)) {
    const at = m.index;
    const lineStart = text.lastIndexOf("\n", at) + 1;
    const lineEnd = text.indexOf("\n", at) === -1 ? text.length : text.indexOf("\n", at);
    // Ruby's lexer stops only where a token may start: in a comment (the `# stub:` line of an
    // installed gemspec lists its files between NULs) such a character is text.
    if (stripComment(text.slice(lineStart, lineEnd)).length <= at - lineStart) {
      search.lastIndex = lineEnd;
      continue;
    }
    if (text.slice(at + 1).trim() === "") return text.slice(0, at);
    const line = text.slice(0, at).split("\n").length;
    const char = `U+${text.charCodeAt(at).toString(16).toUpperCase().padStart(4, "0")}`;
    throw invalid(
      "gemfile",
      `${path}:${line}`,
      `the control character ${char}, where Ruby stops reading the file (UTF-16? save it as UTF-8)`,
    );
  }
  return text;
}

/**
 * Joins a statement continued on the next lines (trailing `,`, `\`, open brackets); splits the
 * statements of one line (see {@linkcode splitLine}). A heredoc's body and an `=begin` … `=end`
 * comment are skipped.
 *
 * @throws {VouchError} `inventory.gemfile.invalid` for an `=begin` without its `=end`, which
 *   Ruby refuses (everything after it would be a comment), a bracket or string the file never
 *   closes, a last statement that goes on (`,` or `\` at the end), or text after a character
 *   where Ruby stops reading (see {@linkcode endOfInput}). A `__END__` line ends the text.
 */
export function statements(text: string, path: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = endOfInput(text, path).split(/\r?\n/);
  const braces: { block: boolean; line: number }[] = [];
  let known: HeredocEnds | undefined;
  const ends = (): HeredocEnds => known ??= heredocEnds(lines);
  const afterHeredoc = (index: number, code: string): number => {
    const next = afterHeredocs(index, code, ends);
    if (next !== -1) return next;
    throw invalid(
      "gemfile",
      `${path}:${index + 1}`,
      "a heredoc that is never closed (the file ends in it)",
    );
  };
  /** The last statement that is not blank, as read (strings and all). */
  let last: { body: string; line: number } | undefined;
  for (let i = 0; i < lines.length;) {
    const line = i + 1;
    if (lines[i] === "__END__") break; // Ruby reads no further (what follows is DATA)
    if (/^=begin(?:\s|$)/.test(lines[i])) {
      let end = i + 1;
      while (end < lines.length && !/^=end(?:\s|$)/.test(lines[end])) end++;
      if (end === lines.length) {
        throw invalid("gemfile", `${path}:${line}`, "an =begin comment without its =end");
      }
      i = end + 1;
      continue;
    }
    let code = stripComment(lines[i]).trim();
    let body = code;
    i = afterHeredoc(i, code);
    /** The lines joined as a string's or literal's text (each join reads the statement again). */
    let textLines = 0;
    for (let joined = 0; joined < MAX_CONTINUATION && i < lines.length;) {
      // A string that goes on to the next line (`warn "Tests need a database:` then `  for
      // example …"`): its lines are text, no statements (`for …` opened a block).
      // So does a `%q{…}` / `%w[…]` literal (`s.description = %q{A library` then `  for Rails,
      // if you like.}`). Ruby reads it to its end however many lines it spans (a gem's
      // 30-line `post_install_message`), so its lines count not as continued ones: those read
      // up to a line with its closing character are its text alone.
      const quote = textLines < MAX_TEXT_LINES && /["'%]/.test(body)
        ? lastStatementEnd(body)
        : undefined;
      const literal = quote === "literal" ? openPercentLiteral(body) : undefined;
      if (quote === "'" || quote === '"' || literal !== undefined) {
        const close = literal ? CLOSING[literal] : quote!;
        do {
          body = `${body}\n${stripComment(lines[i], close)}`;
          i++;
          textLines++;
        } while (i < lines.length && !lines[i - 1].includes(close));
        continue;
      }
      if (!/[,\\]$/.test(body) && openBrackets(body) <= 0) break;
      joined++;
      code = stripComment(lines[i]).trim();
      body = `${body.replace(/\\$/, "")} ${code}`;
      i = afterHeredoc(i, code);
    }
    // A bracket still open at the end of the file, outside strings, is a syntax error Ruby
    // refuses; joined, it swallowed the gems after it without a word.
    if (i >= lines.length && openBrackets(body.replace(QUOTED_STRINGS, '""')) > 0) {
      throw invalid("gemfile", `${path}:${line}`, "a ( or [ that is never closed");
    }
    if (body !== "") last = { body, line };
    for (const piece of splitLine(body, braces, line)) out.push({ text: piece, line });
  }
  // The file's end inside a string or a statement that goes on (`gem "rails", "~> 7`,
  // `gem "rails",`, `ENV["A"] ||`: a Gemfile cut short) is a syntax error Ruby refuses.
  const end = last === undefined ? undefined : lastStatementEnd(last.body);
  if (end !== undefined) {
    throw invalid(
      "gemfile",
      `${path}:${last!.line}`,
      end !== "operator"
        ? "a string that is never closed (the file ends in it)"
        : "a statement that goes on past the end of the file",
    );
  }
  // A hash's `{` the file never closes (`gem "a", require: {`): Ruby's "unexpected end-of-input".
  // (A block's is one the block walk finds open.)
  const hash = braces.findLast((brace) => !brace.block);
  if (hash !== undefined) {
    throw invalid("gemfile", `${path}:${hash.line}`, "a { that is never closed");
  }
  return out;
}

/**
 * Whether a statement opens a condition, a loop or a definition that an `end` closes (`if x`,
 * `def name`, `x = if …`; not an endless method, nor an `if` in a literal, `warn "Hello, if …"`).
 */
function opensCompound(s: string): boolean {
  return (OPENERS.test(s) && !ENDLESS_DEF.test(s)) ||
    ASSIGNED_OPENER.test(s.replace(LITERALS, '""'));
}

/**
 * Whether a statement (of {@linkcode statements}) opens a block that an `end` closes: a `do`, a
 * condition, a loop or a definition, not one it ends itself (`if x then y end`).
 *
 * @example
 * ```ts
 * import { opensBlock } from "./_gemfile.ts";
 * opensBlock("if s.respond_to? :add_runtime_dependency then"); // true
 * opensBlock('s.add_dependency "x" if y'); // false
 * ```
 *
 * @param text The statement.
 * @returns Whether an `end` closes what it opens.
 */
export function opensBlock(text: string): boolean {
  return OPENS_DO_BLOCK.test(text) || (opensCompound(text) && !/\bend$/.test(text));
}

/**
 * A block the file never ends (`group :test do` with no `end`, a gemspec's
 * `Gem::Specification.new do |s|`: a file cut short) is a syntax error Ruby refuses ("unexpected
 * end-of-input").
 */
function unclosedBlock(file: string, line: number): VouchError {
  return invalid(
    "gemfile",
    `${file}:${line}`,
    "a block that is never closed with `end` (the file ends in it)",
  );
}

/**
 * Refuses statements (of {@linkcode statements}) that leave a block open at the end of the file:
 * a `do`, a condition, a loop or a definition without its `end`, as Ruby refuses them.
 *
 * @example
 * ```ts
 * import { checkBlocksClosed, statements } from "./_gemfile.ts";
 * const spec = 'Gem::Specification.new do |s|\n  s.name = "x"\nend\n';
 * checkBlocksClosed(statements(spec, "x.gemspec"), "x.gemspec"); // no error
 * ```
 *
 * @param list The file's statements.
 * @param path The file's path, for the error.
 * @throws {VouchError} `inventory.gemfile.invalid` at the line of the innermost block left open.
 */
export function checkBlocksClosed(
  list: readonly { text: string; line: number }[],
  path: string,
): void {
  const openedAt: number[] = [];
  for (const { text, line } of list) {
    if (/^end\b/.test(text)) openedAt.pop();
    else if (opensBlock(text)) openedAt.push(line);
  }
  if (openedAt.length > 0) throw unclosedBlock(path, openedAt.at(-1)!);
}

/** The methods of Bundler's Gemfile DSL (`Bundler::Dsl`, `RubyDsl`). */
const DSL_METHODS = [
  "env",
  "eval_gemfile",
  "gem",
  "gemspec",
  "git",
  "git_source",
  "github",
  "group",
  "install_if",
  "path",
  "platform",
  "platforms",
  "plugin",
  "ruby",
  "source",
];

/** Of them, those that fail without their block (`yield`, or Bundler's "a git source by itself"). */
const BLOCK_METHODS = new Set([
  "env",
  "git",
  "git_source",
  "group",
  "install_if",
  "platform",
  "platforms",
]);

/**
 * The DSL's methods Bundler runs without arguments: `gemspec`; `ruby`, whose versions may be
 * none (`RubyDsl#ruby(*ruby_version)`), and `plugin`, which passes its arguments over.
 */
const NO_ARGUMENTS = new Set(["gemspec", "plugin", "ruby"]);

/** A statement that assigns to its first word (`git = …`, `env ||= …`): no call of it. */
const ASSIGNS = /^[a-z_]\w*\s*(?:\|\||&&|\*\*|<<|>>|[-+*\/%|&^])?=(?![=~>])/;

/**
 * A call that loads other code (`require File.join(…)`, `eval_gemfile`), which may define any
 * name; not an option (`require: false`).
 */
const LOADS_CODE =
  /(?<![\w.:$@])(?:require|require_relative|load|instance_eval|eval|eval_gemfile)(?![\w:?!])(?!\s*=[^=])/;

/** Ruby's constants a Gemfile reads (`if RUBY_PLATFORM =~ /darwin/`): one cut short is none. */
const CONSTANTS = [
  "ENV",
  "Dir",
  "File",
  "Gem",
  "RUBY_ENGINE",
  "RUBY_ENGINE_VERSION",
  "RUBY_PATCHLEVEL",
  "RUBY_PLATFORM",
  "RUBY_VERSION",
];

/** Kernel's methods a Gemfile may call bare (`p`), and Ruby's keywords and values that are words. */
const BARE_WORDS = new Set([
  "__ENCODING__",
  "__FILE__",
  "__LINE__",
  "__dir__",
  "__method__",
  "abort",
  "begin",
  "binding",
  "break",
  "end",
  "ensure",
  "exit",
  "false",
  "next",
  "nil",
  "p",
  "pp",
  "puts",
  "redo",
  "retry",
  "self",
  "super",
  "true",
  "warn",
  "yield",
]);

/**
 * Refuses a last statement that Bundler, evaluating the Gemfile, fails on: what a file cut
 * inside its last line leaves. A bare word that nothing defines (`grou`, `sou`, `w`: the DSL's
 * `method_missing`, "Undefined local variable or method"), or a Bundler method that needs its
 * arguments (`gem`: `ArgumentError`); such a word as the last argument or option value
 * (`require: fal`, `group :doc, o`), or an option without its value (`optional:`, which Ruby 3.1
 * reads as `optional: optional`); the start of one of Ruby's constants (`if RUBY_PLA`); a
 * `group`, `platforms`, `install_if`, `env`, `git` or `git_source` without its block (`yield` with no
 * block; "You can no longer specify a git source by itself"). A file that requires or loads
 * other code, which may define any name, is left alone for a word, but for the start of a DSL
 * method (`ge`, `grou`).
 */
function checkLastCall(
  last: { text: string; line: number } | undefined,
  source: string,
  file: string,
): void {
  if (last === undefined) return;
  const text = last.text.trim();
  const fail = (what: string): never => {
    throw invalid("gemfile", `${file}:${last.line}`, `${what} (the file is cut short?)`);
  };
  const head = /^[a-z_]\w*/.exec(text)?.[0] ?? "";
  if (
    BLOCK_METHODS.has(head) && !OPENS_DO_BLOCK.test(text) && !/\{(?:\s*\|[^|]*\|)?$/.test(text) &&
    !/\bend$/.test(text) && !/\}$/.test(text) && !ASSIGNS.test(text)
  ) {
    fail(`\`${head}\` without its block, which Bundler requires`);
  }
  // A constant cut short (`if RUBY_PLA`, `= F`): Ruby's NameError, unless the file defines it.
  const constant = /(?:^|[^\w.:])([A-Z]\w*)$/.exec(text)?.[1];
  if (
    constant !== undefined && !CONSTANTS.includes(constant) &&
    CONSTANTS.some((c) => c.startsWith(constant)) &&
    !new RegExp(`\\b${constant}\\s*=[^=~]|\\b(?:class|module)\\s+${constant}\\b`).test(source)
  ) {
    fail(`\`${constant}\`, the start of a constant Ruby has, but none itself`);
  }
  const word = /^([a-z_]\w*)$/.exec(text)?.[1] ??
    /(?:[,(]\s*|[a-z_]\w*:\s+)([a-z_]\w*)$/.exec(text.replace(LITERALS, '""'))?.[1] ??
    /(?:^|[,(]\s*)([a-z_]\w*):$/.exec(text)?.[1];
  if (word === undefined || BARE_WORDS.has(word) || NO_ARGUMENTS.has(word)) return;
  // Code the file loads may define any name, but not one that starts a DSL method's (`ge`).
  const dslPrefix = text === word && DSL_METHODS.some((m) => m.startsWith(word));
  if (KEYWORDS.has(word) || (!dslPrefix && LOADS_CODE.test(source))) return;
  const defined = new RegExp(
    `\\b${word}\\s*(?:(?:\\|\\||&&)?=(?![=~>])|,[^=\\n]*=[^=])|\\bdef\\s+(?:self\\.)?${word}\\b|\\|[^|]*\\b${word}\\b[^|]*\\|`,
  );
  if (defined.test(source)) return;
  fail(
    text === word && DSL_METHODS.includes(word)
      ? `\`${word}\` alone, without the arguments Bundler requires`
      : `\`${word}\`, a name nothing in the Gemfile defines (Bundler fails: undefined local ` +
        "variable or method)",
  );
}

/**
 * Reads a Gemfile statically.
 *
 * @param text The Gemfile's text.
 * @param path Its path (for notes).
 * @param load Reads a file named by `eval_gemfile` (relative to the Gemfile's folder).
 * @returns The declarations, its `gemspec` call, and notes.
 */
export function readGemfile(text: string, path: string, load: GemfileLoad): Gemfile {
  const result: Gemfile = { gems: new Map(), optionalGroups: new Set(), gemspecs: [], notes: [] };
  /**
   * The files already evaluated, with the groups around them: one evaluated
   * again in the same place adds nothing (and a diamond of `eval_gemfile`s
   * evaluated each time would grow exponentially).
   */
  const evaluated = new Set<string>();
  /** The `git_source`s the Gemfile defines (see {@linkcode CustomSources}). */
  const customSources = new Map<string, SourceBlock>();
  const visit = (
    source: string,
    file: string,
    enclosing: Block,
    visited: Set<string>,
  ): void => {
    const stack: Block[] = [enclosing];
    /** The line of each block open above `enclosing`, innermost last. */
    const openedAt: number[] = [];
    /** The line of the statement being read. */
    let current = 0;
    /** Opens a block inside the innermost one. */
    const push = (block: Block): void => {
      const top = stack.at(-1)!;
      block.around = top.unsaid === undefined ? top.around : top;
      stack.push(block);
      openedAt.push(current);
    };
    const note = (line: number, what: string): void => {
      if (!stack.at(-1)!.quiet) result.notes.push(`${file}:${line}: ${what}`);
    };
    /** A block that gems in it do not make known: its note, said with the first such gem. */
    const unevaluated = (line: number, what: string): Block => {
      const top = stack.at(-1)!;
      return {
        ...top,
        conditional: true,
        unsaid: top.quiet ? undefined : `${file}:${line}: ${what}`,
      };
    };
    /**
     * Says the notes of the blocks around a gem read now (see `Block.unsaid`), outermost first.
     * A block whose note is said has those around it said too: the walk ends there.
     */
    const sayUnsaid = (): void => {
      const top = stack.at(-1)!;
      const unsaid: Block[] = [];
      for (let b = top.unsaid === undefined ? top.around : top; b?.unsaid !== undefined;) {
        unsaid.push(b);
        b = b.around;
      }
      for (const block of unsaid.reverse()) {
        result.notes.push(block.unsaid!);
        block.unsaid = undefined;
      }
    };
    const list = statements(source, file);
    // An `eval_gemfile`d file may call what the Gemfile defines.
    if (file === path) checkLastCall(list.at(-1), source, file);
    for (const [index, { text: s, line }] of list.entries()) {
      current = line;
      const top = stack.at(-1)!;
      const head = /^[\w.:]+[!?]?/.exec(s)?.[0] ?? "";
      if (/^end\b/.test(s)) {
        if (stack.length > 1) {
          stack.pop();
          openedAt.pop();
        } else note(line, "an `end` without a block");
        continue;
      }
      const opensBlock = OPENS_DO_BLOCK.test(s);
      if (head === "group" && opensBlock) {
        const args = s.slice(5).replace(/\bdo(?:\s*\|[^|]*\|)?$/, "");
        const groups = groupNames(args.replace(/\boptional\s*:\s*\w+|:optional\s*=>\s*\w+/, ""));
        if (/\boptional\s*:\s*true\b|:optional\s*=>\s*true\b/.test(args)) {
          for (const group of groups) result.optionalGroups.add(group);
        }
        const around = addGroups(top.groups, groups);
        if (around.capped) {
          note(line, `more than ${MAX_GROUPS} groups: the first ${MAX_GROUPS} are kept`);
        }
        push({
          groups: around.groups,
          quiet: top.quiet,
          ...top.conditional ? { conditional: true } : {},
        });
        continue;
      }
      if (head === "gem") {
        if (!top.quiet) sayUnsaid();
        const literal = LITERAL.exec(s.slice(3));
        if (!literal) {
          note(line, "a `gem` call with a computed name is not read");
        } else {
          const name = literal[1] ?? literal[2];
          // Bundler's validate_name: "an empty gem name is not valid" (was a purl error, no line).
          if (name === "") throw invalid("gemfile", `${file}:${line}`, "a gem with an empty name");
          const { groups, capped } = addGroups(top.groups, groupOption(s));
          if (capped) {
            note(line, `more than ${MAX_GROUPS} groups: the first ${MAX_GROUPS} are kept`);
          }
          const args = gemArguments(s.slice(3 + literal[0].length), customSources);
          if (args.clash !== undefined) {
            throw invalid(
              "gemfile",
              `${file}:${line}`,
              `gem "${name}" gives the ${args.clash} option its git_source's hash gives too, ` +
                `which Bundler refuses ("The :${args.clash} option can't be used with …")`,
            );
          }
          const origin = args.origin ?? top.origin;
          const declaration: GemDeclaration = {
            groups: groups.length === 0 ? ["default"] : groups,
            requirements: args.requirements,
            where: `${file}:${line}`,
            ...args.computed ? { computed: true } : {},
            ...origin === undefined ? {} : { origin },
            ...top.conditional || /\s(?:if|unless)\s/.test(s) ? { conditional: true } : {},
          };
          // A gem in a method body is declared only if the method is called.
          if (!top.quiet) {
            const known = result.gems.get(name);
            if (known) known.push(declaration);
            else result.gems.set(name, [declaration]);
          }
          if (/\s(?:if|unless)\s/.test(s)) {
            note(line, `the condition on gem "${name}" is not evaluated`);
          }
        }
        if (opensBlock) push({ ...top, unsaid: undefined });
        continue;
      }
      const source = head === "git_source" ? /^git_source\s*\(?\s*:(\w+)/.exec(s)?.[1] : undefined;
      if (source !== undefined && !["git", "path", "source"].includes(source)) {
        // Bundler's `git_source` replaces a shorthand of the same name (its own `github` too).
        const body = list[index + 2]?.text === "end" ? list[index + 1].text : undefined;
        const template = OPENS_DO_BLOCK.test(s) ? sourceTemplate(s, body) : undefined;
        if (template === false) {
          note(
            line,
            `the \`git_source(:${source})\` block returns a hash with a Symbol \`git:\` key, which ` +
              `Bundler does not read (it reads "git" =>): its \`${source}:\` gems are from the gem ` +
              "source, as Bundler installs them",
          );
        }
        if (source !== "github" || template !== undefined) customSources.set(source, template);
        else {
          customSources.delete(source);
          note(
            line,
            "the `git_source(:github)` block is not read: `github:` gems keep Bundler's https://github.com URL",
          );
        }
      }
      if (head === "gemspec") {
        if (!top.quiet) {
          sayUnsaid();
          const call = gemspecCall(s.slice(head.length), top.groups);
          result.gemspecs.push({ ...call, where: `${file}:${line}` });
        }
        continue;
      }
      if (head === "eval_gemfile") {
        const literal = LITERAL.exec(s.slice(head.length));
        const name = literal ? literal[1] ?? literal[2] : undefined;
        const included = name === undefined || visited.has(name) ? undefined : load(name);
        if (included === undefined) {
          note(line, "an `eval_gemfile` that cannot be read is skipped");
          continue;
        }
        const context = JSON.stringify([name, top.groups, top.quiet]);
        if (evaluated.has(context)) continue;
        evaluated.add(context);
        visit(included, name!, top, new Set([...visited, name!]));
        continue;
      }
      if (opensBlock && /^(?:git|github|path|source)$/.test(head)) {
        const literal = LITERAL.exec(s.slice(head.length));
        let origin: GemOrigin = { kind: head as GemOrigin["kind"] };
        if (literal) origin.value = literal[1] ?? literal[2];
        // Bundler's `github` block calls the `github` git_source, the Gemfile's own when it has one.
        if (head === "github" && customSources.has("github")) {
          // (A hash there is Bundler's URI as it is: nothing vouch can name.)
          origin = sourceOrigin(customSources.get("github"), origin.value, "").origin ??
            { kind: "git" };
        }
        push({ ...top, origin: withRef(origin, s.slice(head.length)), unsaid: undefined });
        continue;
      }
      if (opensBlock) {
        push(
          SOURCE_BLOCKS.has(head) ? { ...top, unsaid: undefined } : unevaluated(
            line,
            `the \`${
              head || s.slice(0, 20)
            }\` block is not evaluated; its gems keep the groups around it`,
          ),
        );
      } else if (opensCompound(s)) {
        const definition = /^(?:def|class|module)\b/.test(s);
        const what = "a condition is not evaluated; the gems in it keep the groups around it";
        if (/\bend$/.test(s)) {
          if (!definition) note(line, what);
        } else {
          push(
            definition
              ? { groups: top.groups, quiet: true }
              : { ...unevaluated(line, what), origin: undefined },
          );
        }
      }
    }
    // In an `eval_gemfile`d file too.
    if (openedAt.length > 0) throw unclosedBlock(file, openedAt.at(-1)!);
  };
  visit(text, path, { groups: [], quiet: false }, new Set([path]));
  return result;
}
