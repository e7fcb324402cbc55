/**
 * A small, strict command-line flag parser: `--flag value`, `--flag=value`,
 * boolean flags, repeatable flags, and unknown flags rejected with a
 * suggestion.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { isShowable } from "./secrets.ts";

/** How a flag takes values. */
export type FlagType = "string" | "boolean" | "list";

/** The description of one flag. */
export interface FlagSpec {
  /** Long name without dashes. */
  name: string;
  /** Value kind. */
  type: FlagType;
  /** Allowed values, when the set is closed. */
  choices?: readonly string[];
  /** The value may be a glob pattern that vouch expands (so a shell-expanded one needs quoting). */
  glob?: boolean;
  /** A one-letter alias used as `-x VALUE` (e.g. `o` for `-o FILE`). */
  short?: string;
  /** An empty (or blank) value is accepted; otherwise it is `args.empty_value`. */
  allowEmpty?: boolean;
}

/** Parsed flags and positional arguments. */
export interface ParsedArgs {
  /** Flag values by name: string, boolean or string list. */
  flags: Record<string, string | boolean | string[] | undefined>;
  /** Positional arguments, in order. */
  positionals: string[];
  /**
   * For each positional, the repeatable flag whose value it directly follows
   * (`--subject a.whl b.whl`: `b.whl` follows `--subject`), with that value.
   */
  follows: ({ flag: string; value: string } | undefined)[];
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The closest known word to `given`, when one is close enough to be a typo.
 *
 * @param given What was typed.
 * @param known The valid words.
 * @returns The suggestion, or `undefined`.
 */
export function suggest(given: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const word of known) {
    const d = word.startsWith(given) || given.startsWith(word) ? 1 : distance(given, word);
    if (d < bestDistance) [best, bestDistance] = [word, d];
  }
  return bestDistance <= Math.max(2, Math.floor(given.length / 3)) ? best : undefined;
}

/**
 * Parses `argv` against `specs`.
 *
 * @param argv The arguments after the command words.
 * @param specs The flags the command accepts.
 * @returns The flags and positionals.
 * @throws {VouchError} `args.unknown_flag`, `args.missing_value`, `args.empty_value`,
 *   `args.invalid_value`.
 */
export function parseArgs(argv: string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const flags: ParsedArgs["flags"] = {};
  const positionals: string[] = [];
  const follows: ParsedArgs["follows"] = [];
  let listValue: ParsedArgs["follows"][number];
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    const alias = /^-([A-Za-z])$/.exec(arg)?.[1];
    const aliased = alias === undefined ? undefined : specs.find((s) => s.short === alias);
    if (aliased !== undefined) arg = `--${aliased.name}`;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      follows.length = positionals.length; // after --, nothing follows a flag
      break;
    }
    if (arg === "-h" && byName.get("help")?.type === "boolean") {
      flags.help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      if (arg.startsWith("-") && arg !== "-") {
        throw unknown(arg, specs);
      }
      positionals.push(arg);
      follows[positionals.length - 1] = listValue;
      continue;
    }
    listValue = undefined;
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw unknown(`--${name}`, specs);
    if (spec.type === "boolean") {
      if (eq !== -1) {
        const v = arg.slice(eq + 1);
        if (v !== "true" && v !== "false") throw invalid(spec, v);
        flags[name] = v === "true";
      } else {
        flags[name] = true;
      }
      continue;
    }
    let value: string;
    if (eq !== -1) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !FLAG_OR_END.test(argv[i + 1])) value = argv[++i];
    else {
      throw new VouchError(
        `args.missing_value`,
        `--${name} needs a value`,
        `write --${name} VALUE (see --help)`,
      );
    }
    if (value.trim() === "" && !spec.allowEmpty) {
      throw new VouchError(
        "args.empty_value",
        `--${name} is empty`,
        `give --${name} a value, or leave the flag out (is the variable it comes from set?)`,
      );
    }
    if (spec.choices && !spec.choices.includes(value)) throw invalid(spec, value);
    if (spec.type === "list") {
      flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
      listValue = { flag: name, value };
    } else flags[name] = value;
  }
  return { flags, positionals, follows };
}

/**
 * What ends a flag's value list: `--`, or `--name[=…]`. Any other next
 * argument is the value, even one starting with dashes such as a PEM key
 * (`-----BEGIN…`) passed by mistake, which then gets its own error.
 */
const FLAG_OR_END = /^--(?:[a-z][a-z0-9-]*(?:=[\s\S]*)?)?$/;

/** The shape of a flag: `-x`, `--kebab-case`; anything else (a secret starting with `-`?) is not shown. */
const FLAG_SHAPED = /^--?[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

function unknown(flag: string, specs: readonly FlagSpec[]): VouchError {
  const shown = flag.length <= 64 && FLAG_SHAPED.test(flag);
  const guess = shown ? suggest(flag.replace(/^-+/, ""), specs.map((s) => s.name)) : undefined;
  return new VouchError(
    "args.unknown_flag",
    shown ? `unknown flag ${flag}` : "an argument starting with - is not a known flag (not shown)",
    guess ? `did you mean --${guess}? (see --help)` : "see --help for the flags this command takes",
  );
}

function invalid(spec: FlagSpec, value: string): VouchError {
  return new VouchError(
    "args.invalid_value",
    `--${spec.name} does not take ${
      isShowable(value) ? JSON.stringify(value) : "the value given (not shown: it may be a secret)"
    }`,
    spec.choices ? `use one of: ${spec.choices.join(", ")}` : `see --help for --${spec.name}`,
  );
}

/**
 * The value of a string flag.
 *
 * @param args Parsed arguments.
 * @param name The flag name.
 * @returns The value, or `undefined` when absent.
 */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  return args.flags[name] as string | undefined;
}

/**
 * The values of a repeatable flag.
 *
 * @param args Parsed arguments.
 * @param name The flag name.
 * @returns The values, in order (empty when absent).
 */
export function listFlag(args: ParsedArgs, name: string): string[] {
  return (args.flags[name] as string[] | undefined) ?? [];
}

/**
 * Rejects positional arguments a command does not take. The argument is shown
 * only when it cannot be a secret passed by mistake (see `isShowable`).
 *
 * @param positionals The positionals left over.
 * @param command The command name, for the message.
 * @throws {VouchError} `args.unexpected_argument`.
 */
export function noPositionals(positionals: string[], command: string): void {
  if (positionals.length > 0) {
    const first = positionals[0];
    throw new VouchError(
      "args.unexpected_argument",
      isShowable(first)
        ? `vouch ${command} takes no argument ${JSON.stringify(first)}`
        : `vouch ${command} takes no argument like the one given (not shown: it may be a secret)`,
      "flags take the form --name VALUE (see --help)",
    );
  }
}

function isFile(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** `dist/a.whl` + `dist/b.whl` → `dist/*.whl`: the pattern a shell may have expanded. */
function likelyPattern(paths: string[]): string | undefined {
  const split = paths.map((p) => {
    const slash = p.lastIndexOf("/");
    const base = p.slice(slash + 1);
    const dot = base.lastIndexOf(".");
    return { dir: p.slice(0, slash + 1), ext: dot > 0 ? base.slice(dot) : "" };
  });
  const [{ dir, ext }] = split;
  if (split.some((s) => s.dir !== dir)) return undefined;
  return `${dir}*${split.every((s) => s.ext === ext) ? ext : ""}`;
}

/**
 * Rejects the positionals a shell made by expanding an unquoted glob after a
 * repeatable flag (`--subject dist/*.whl` matching two files gives
 * `--subject dist/a.whl dist/b.whl`): a positional that directly follows such
 * a flag's value and names an existing file. Call before
 * {@linkcode noPositionals}; other positionals are left to it.
 *
 * @param args Parsed arguments.
 * @param specs The command's flags (`glob` ones get a hint to quote the pattern).
 * @throws {VouchError} `args.unquoted_glob`.
 */
export function rejectExpandedGlob(args: ParsedArgs, specs: readonly FlagSpec[]): void {
  const at = args.positionals.findIndex((p, i) => args.follows[i] !== undefined && isFile(p));
  if (at === -1) return;
  const { flag, value } = args.follows[at]!;
  const run = [value];
  for (let i = at; args.follows[i]?.value === value && isFile(args.positionals[i]); i++) {
    run.push(args.positionals[i]);
  }
  const pattern = likelyPattern(run);
  const quote = pattern === undefined
    ? `quote the pattern, e.g. --${flag} 'dist/*.whl'`
    : `quote the pattern: --${flag} '${pattern}'`;
  const glob = specs.find((s) => s.name === flag)?.glob === true;
  throw new VouchError(
    "args.unquoted_glob",
    `${JSON.stringify(args.positionals[at])} follows --${flag} ${
      JSON.stringify(value)
    }, which takes one value: the shell expanded an unquoted pattern into ${run.length} files`,
    glob
      ? `${quote} (vouch expands it itself), or repeat --${flag} before each file`
      : `repeat --${flag} before each file`,
  );
}

/** The `--format` choices of commands that print Markdown or JSON. */
export const FORMAT_MD_JSON: readonly string[] = ["md", "json"];
