// Private: where a Gradle build script puts its dependency lock. Gradle writes a
// project's lock to `gradle.lockfile` beside its build script unless the script
// names another file (`dependencyLocking { lockFile = file("…") }`, Gradle 6.4+;
// `lockFile.set(…)` in the Kotlin DSL); one in its `buildscript { }` block names
// the lock of the script's own classpath. The scan and the lock reader both need
// it: a lock at such a path has no name the scan knows.
import { posix } from "../../_path.ts";
import { isOutside } from "../_paths.ts";
import { compareStrings, countBelow, wildcardMatch } from "../../_util.ts";
import type { Load } from "../_reader.ts";
import { TextCache } from "../_text_cache.ts";

/** A lock file a build script names. */
export interface NamedLock {
  /** The lock's path from the project root, when the script writes it literally. */
  path?: string;
  /** Whether it locks the script's own classpath (set in `buildscript { }`). */
  buildscript: boolean;
  /** The assignment as written, for messages (`lockFile = file("…")`). */
  written: string;
  /** The 1-based line. */
  line: number;
  /** Why vouch cannot tell the path, when it cannot (a computed path). */
  why?: string;
  /** The file it is set in, when not the script (the build's settings script). */
  in?: string;
  /**
   * The build script whose lock it is, when not the script asked (one a settings script names
   * with `buildFileName`): the lock is that script's folder's.
   */
  by?: string;
  /**
   * Whether it is set for each project (`allprojects { }`, `subprojects { }`, the settings
   * script's `gradle.allprojects { }`): it may be the lock of any project of the build.
   */
  each?: true;
  /**
   * The lock Gradle keeps by default that this one stands in for, which it then does not use:
   * `gradle.lockfile` beside the script (`buildscript-gradle.lockfile` for its classpath's).
   */
  replaces?: string;
}

/** Blocks that configure projects other than the script's own: a path there is theirs. */
const OTHER_PROJECTS = new Set(["allprojects", "subprojects", "configure", "project"]);
/** Why a path set for other projects is not known. */
const FOR_OTHERS = "it is set for other projects (allprojects, subprojects)";
/** Stands for each project's name in a path set in `subprojects { }` or `allprojects { }`. */
const EACH = "\u0001";

/**
 * The deepest templates in strings in templates that are followed (`"${"${…}"}"`): deeper,
 * `${` is text, which no real script needs and a hostile one would overflow the stack with.
 */
const MAX_NESTING = 100;

/** A build script's text, blanked where it is not code, offset for offset (line breaks kept). */
export interface ScriptCode {
  /** The script with its comments blanked: what it says. */
  said: string;
  /** Also with the text of its string literals blanked (their quotes kept): its structure. */
  code: string;
}

/**
 * Blanks a Groovy or Kotlin build script's comments and the text of its string literals, so
 * that a brace or a name in either is not taken for code: line and block comments (nested in
 * Kotlin), single-, double- and triple-quoted strings (with their `${…}` templates, which may
 * hold strings of their own), Groovy's slashy (`/…/`, where a value starts) and dollar-slashy
 * (`$/…/$`) strings. A string a line break ends unclosed ends there.
 *
 * @param script The script's text.
 * @param kotlin Whether it is a Kotlin script (`.gradle.kts`): `'…'` is a character, nested
 *   block comments, raw triple-quoted strings, no slashy strings.
 * @returns The two blanked texts.
 */
export function scriptCode(script: string, kotlin: boolean): ScriptCode {
  if (script.length <= MAX_KEPT_SCRIPT) {
    return SCRIPT_CODES[kotlin ? 1 : 0].get(script, () => blankScript(script, kotlin));
  }
  if (lastBlanked?.script === script && lastBlanked.kotlin === kotlin) return lastBlanked.out;
  const out = blankScript(script, kotlin);
  lastBlanked = { script, kotlin, out };
  return out;
}

/**
 * What {@linkcode scriptCode} gave for each script (Groovy's, Kotlin's), by its text: the readers
 * ask for a build's scripts again for each lock (nomulus's 35 locks blanked its 16 scripts 114
 * times).
 */
const SCRIPT_CODES = [new TextCache<ScriptCode>(64), new TextCache<ScriptCode>(64)];

/**
 * The longest script {@linkcode SCRIPT_CODES} keeps (characters; real ones are a few tens of
 * thousands): a longer one is kept alone, so that many hostile ones hold little memory.
 */
const MAX_KEPT_SCRIPT = 128 * 1024;

/**
 * The longer script {@linkcode scriptCode} blanked last, and what it gave: the readers ask for
 * one settings script several times (its plugin builds, its included builds, its projects), and
 * once for each lock below it.
 */
let lastBlanked: { script: string; kotlin: boolean; out: ScriptCode } | undefined;

/** What may start a comment, a string, or a block or end one, in Groovy's code. */
const GROOVY_CODE_MARK = /[/"'{}$]/g;
/** What may start a comment, a string, or a block or end one, in Kotlin's code. */
const KOTLIN_CODE_MARK = /[/"'{}]/g;
/** What may end a string, escape a character or start a template in one, of any kind. */
const STRING_MARK = /["'/\n\\$]/g;
/** Where a Kotlin block comment opens or closes (they nest). */
const KOTLIN_COMMENT_MARK = /\/\*|\*\//g;
/** A character a blanked stretch blanks: any but a line break. */
const NOT_LINE_BREAK = /[^\n\r]/g;

/**
 * What {@linkcode scriptCode} gives, computed. It jumps from one character that may matter to
 * the next (a regexp's `lastIndex`), and blanks the stretches it finds in one pass at the end.
 */
function blankScript(script: string, kotlin: boolean): ScriptCode {
  const n = script.length;
  /** The stretches blanked in `said` (comments), as offset pairs, in order. */
  const said: number[] = [];
  /** The stretches blanked in `code` (comments and strings' text), as offset pairs, in order. */
  const code: number[] = [];
  const comment = (from: number, to: number): void => {
    said.push(from, to);
    code.push(from, to);
  };
  /** A string's text, which holds the stretches found in its templates since `from`. */
  const stringText = (from: number, to: number): void => {
    let end = to;
    while (code.length > 0 && code[code.length - 2] >= from) {
      end = Math.max(end, code.pop()!);
      code.pop();
    }
    code.push(from, end);
  };
  let i = 0;
  /** How many templates the string being skipped is in (`"${"${…}"}"`). */
  let nesting = 0;
  /** Where a Groovy slash starts a slashy string: where a value starts, not after one. */
  const valueStarts = (at: number): boolean => {
    let k = at - 1;
    while (k >= 0 && /[ \t]/.test(script[k])) k--;
    return k < 0 || /[=(,\[:!&|?{};\n]/.test(script[k]) ||
      /(?:^|[^\w.])(?:return|assert)$/.test(script.slice(Math.max(0, k - 7), k + 1));
  };
  /** Skips code from `i` to the `}` that closes a template (`nested`) or to the end. */
  const skipCode = (nested: boolean): void => {
    const mark = kotlin ? KOTLIN_CODE_MARK : GROOVY_CODE_MARK;
    let depth = 0;
    while (i < n) {
      mark.lastIndex = i;
      if (!mark.test(script)) {
        i = n;
        break;
      }
      i = mark.lastIndex - 1;
      const c = script[i];
      if (c === "/" && script[i + 1] === "/") {
        const end = script.indexOf("\n", i);
        const to = end === -1 ? n : end;
        comment(i, to);
        i = to;
      } else if (c === "/" && script[i + 1] === "*") {
        const from = i;
        i = kotlin ? kotlinCommentEnd(i) : script.indexOf("*/", i + 2);
        i = i === -1 ? n : i + 2;
        comment(from, i);
      } else if (c === '"' || c === "'") {
        const triple = script.startsWith(c.repeat(3), i);
        skipString(triple ? c.repeat(3) : c, c === '"', !(kotlin && triple), triple);
      } else if (!kotlin && c === "$" && script[i + 1] === "/") {
        skipString("/$", true, false, true, 2);
      } else if (!kotlin && c === "/" && valueStarts(i)) {
        skipString("/", true, false, true);
      } else if (c === "{") {
        depth++;
        i++;
      } else if (c === "}") {
        if (nested && depth === 0) return;
        depth--;
        i++;
      } else i++;
    }
  };
  /** Where the Kotlin block comment at `from` ends, its nested ones closed (`-1`: it does not). */
  const kotlinCommentEnd = (from: number): number => {
    let open = 0;
    KOTLIN_COMMENT_MARK.lastIndex = from;
    for (let m; (m = KOTLIN_COMMENT_MARK.exec(script)) !== null;) {
      if (m[0] === "/*") open++;
      else if (--open === 0) return m.index;
    }
    return -1;
  };
  /**
   * Skips the string literal at `i` that `close` ends (opened by `open` characters, the length
   * of `close` unless told), blanking its text.
   */
  const skipString = (
    close: string,
    templates: boolean,
    escapes: boolean,
    multiline: boolean,
    open = close.length,
  ): void => {
    i += open;
    const from = i;
    let to = n;
    while (i < n) {
      STRING_MARK.lastIndex = i;
      if (!STRING_MARK.test(script)) {
        i = n;
        break;
      }
      i = STRING_MARK.lastIndex - 1;
      if (script.startsWith(close, i)) {
        to = i;
        i += close.length;
        break;
      }
      const c = script[i];
      if (c === "\n" && !multiline) {
        to = i;
        break;
      }
      if (close === "/$" && c === "$" && /[$/]/.test(script[i + 1] ?? "")) i += 2;
      else if (close === "/" && c === "\\" && script[i + 1] === "/") i += 2;
      else if (escapes && c === "\\") i += 2;
      else if (templates && c === "$" && script[i + 1] === "{" && nesting < MAX_NESTING) {
        i += 2;
        nesting++;
        skipCode(true);
        nesting--;
        i++;
      } else i++;
    }
    stringText(from, Math.min(to, n));
  };
  skipCode(false);
  return { said: blanked(script, said), code: blanked(script, code) };
}

/** A text with stretches of it (offset pairs, in order, apart) blanked but its line breaks. */
function blanked(text: string, stretches: readonly number[]): string {
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < stretches.length; k += 2) {
    const from = stretches[k];
    const to = stretches[k + 1];
    if (to <= from) continue;
    parts.push(text.slice(at, from), text.slice(from, to).replace(NOT_LINE_BREAK, " "));
    at = to;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** The longest text before a `{` that names its block (`name`, `name(args)`). */
const HEAD_CHARS = 200;

/**
 * The name of the block a `{` at `brace` of a script's code opens: `name {`, `name(args) {`, or
 * `name {` after a dot (`project.dependencyLocking {`); `""` for none. Scans back over at most
 * {@linkcode HEAD_CHARS} characters, without a regex that could backtrack.
 */
function blockName(code: string, brace: number): string {
  const low = Math.max(0, brace - HEAD_CHARS);
  const space = (i: number): boolean => i >= low && /\s/.test(code[i]);
  let i = brace - 1;
  while (space(i)) i--;
  if (i >= low && code[i] === ")") {
    let open = i - 1;
    while (open >= low && code[open] !== "(" && code[open] !== ")") open--;
    if (open < low || code[open] !== "(") return "";
    i = open - 1;
    while (space(i)) i--;
  }
  const end = i + 1;
  while (i >= low && /\w/.test(code[i])) i--;
  const name = code.slice(i + 1, end);
  return /^[A-Za-z_]/.test(name) ? name : "";
}

/**
 * The block names the script's readers ask about; any other name is one of the blocks that
 * matter for no reader but which a property set in it is not the script's.
 */
const MATTERS = new Set([
  ...OTHER_PROJECTS,
  "dependencyLocking",
  "beforeProject",
  "buildscript",
  "ext",
  "pluginManagement",
]);

/**
 * The names of the blocks open at an offset of a script's code (see {@linkcode scriptCode}),
 * outermost first, each once (`buildscript`, `dependencyLocking`, …), of those in
 * {@linkcode MATTERS} and the first of any other: what the readers ask is whether one is
 * open. The braces are found in one pass and each block's names are kept with it, so each
 * offset asked costs a binary search, not a pass over the script before it nor over the
 * blocks it is in (many `lockFile`s in a hostile script took time growing with its square,
 * then with its depth of braces times their count: 1.6 s for 20,000 `{` and 2,000 locks).
 *
 * @param code A script's code, comments and strings blanked.
 * @returns The names of the blocks open at an offset of it.
 */
export function blocksOf(code: string): (offset: number) => readonly string[] {
  return code.length <= MAX_KEPT_SCRIPT
    ? BLOCKS.get(code, () => findBlocks(code))
    : findBlocks(code);
}

/** What {@linkcode blocksOf} gave for each script's code: the readers ask again for each lock. */
const BLOCKS = new TextCache<(offset: number) => readonly string[]>(64);

/** A brace. */
const BRACE = /[{}]/g;

/** What {@linkcode blocksOf} gives, computed. */
function findBlocks(code: string): (offset: number) => readonly string[] {
  /** The offsets of the braces, and the names of the blocks open just after each. */
  const braces: number[] = [];
  const inside: (readonly string[])[] = [];
  const opened: Array<{ names: readonly string[]; parent: number }> = [];
  const none: readonly string[] = [];
  let current = -1;
  BRACE.lastIndex = 0;
  while (BRACE.test(code)) {
    const i = BRACE.lastIndex - 1;
    if (code[i] === "{") {
      const outer = current === -1 ? none : opened[current].names;
      const name = blockName(code, i);
      const kept = MATTERS.has(name) ? outer.includes(name) : outer.some((n) => !MATTERS.has(n));
      opened.push({ names: kept ? outer : [...outer, name], parent: current });
      current = opened.length - 1;
    } else if (current !== -1) current = opened[current].parent;
    braces.push(i);
    inside.push(current === -1 ? none : opened[current].names);
  }
  return (offset) => {
    const low = countBelow(braces, offset);
    return low === 0 ? none : inside[low - 1];
  };
}

/** Blocks whose `dependencies` are not the script's project's: its classpath's, other projects'. */
const NOT_OWN = new Set(["buildscript", "subprojects", "configure", "project"]);

/**
 * Whether a build script declares dependencies of its own project: `dependencies` outside
 * `buildscript { }` (its classpath) and outside the blocks that configure other projects only
 * (`subprojects { }`, `configure(…) { }`, `project(":app") { }`; `allprojects { }` configures
 * its own too). Comments and strings are not code.
 *
 * @param script The script's text.
 * @param kotlin Whether it is a Kotlin script.
 * @returns `false` for a script that only configures its subprojects (and its classpath).
 */
export function declaresOwnDependencies(script: string, kotlin: boolean): boolean {
  const { code } = scriptCode(script, kotlin);
  const blocks = blocksOf(code);
  for (const m of code.matchAll(/\bdependencies\b/g)) {
    if (!blocks(m.index).some((b) => NOT_OWN.has(b))) return true;
  }
  return false;
}

/** The calls in a `dependencies { }` block that name no module: another project, files. */
const NOT_MODULE = /\b(?:project|files|fileTree)\s*\(/g;
/**
 * What names a module in a `dependencies { }` block once {@linkcode NOT_MODULE} calls are
 * blanked: a `"group:name…"` string, a catalog's `libs.…`, a map's `group:` / `group =`, a
 * Kotlin `kotlin("…")`.
 */
const MODULE = /["'][^"'\s:]+:[^"'\s]+["']|\blibs\.|\bgroup\s*[:=]|\bkotlin\s*\(/;

/**
 * Whether a build script declares external modules of its own: a `dependencies { }` block of
 * its own (see {@linkcode declaresOwnDependencies}) that names one, not only other projects
 * (`project(":core")`) and files (`files("x.jar")`). Gradle's locks hold modules only
 * (`DependencyLockingArtifactVisitor.visitNode` records `ModuleComponentIdentifier`s, file
 * dependencies are no-ops): a project of none has nothing to lock.
 * One whose block is not a literal `{ }` (`dependencies.add(…)`) counts as naming one.
 *
 * @param script The script's text.
 * @param kotlin Whether it is a Kotlin script.
 */
export function declaresOwnModules(script: string, kotlin: boolean): boolean {
  const { code, said } = scriptCode(script, kotlin);
  const blocks = blocksOf(code);
  for (const m of code.matchAll(/\bdependencies\b/g)) {
    if (blocks(m.index).some((b) => NOT_OWN.has(b))) continue;
    const open = /^\s*\{/.exec(code.slice(m.index + m[0].length));
    if (open === null) return true;
    const start = m.index + m[0].length + open[0].length;
    const end = closing(code, start, "{", "}");
    const body = said.slice(start, end).split("");
    for (const call of code.slice(start, end).matchAll(NOT_MODULE)) {
      const from = call.index + call[0].length;
      body.fill(" ", call.index, closing(code, start + from, "(", ")") - start);
    }
    if (MODULE.test(body.join(""))) return true;
  }
  return false;
}

/** The offset of the bracket that closes one opened just before `from` (the end when none). */
function closing(code: string, from: number, open: string, close: string): number {
  let depth = 1;
  for (let i = from; i < code.length; i++) {
    if (code[i] === open) depth++;
    else if (code[i] === close && --depth === 0) return i;
  }
  return code.length;
}

/** What a lock path's string may use: the script, its folders and how to read the build's files. */
interface Context {
  /** Its text, blanked (see {@linkcode scriptCode}). */
  text: ScriptCode;
  /** Whether it is a Kotlin script. */
  kotlin: boolean;
  /** The names of the blocks open at an offset of its code (see {@linkcode blocksOf}). */
  blocks: (offset: number) => readonly string[];
  /** What {@linkcode propertyFact} found of each property or variable, by name. */
  facts: Map<string, PropertyFact>;
  /** Its folder. */
  project: string;
  /** The folder of its build's settings script (read when needed). */
  readonly root: string;
  /** Reads the build's settings scripts, root build script and `gradle.properties`. */
  load: Load;
  /**
   * Whether the path is set for each project (in `subprojects { }`, `allprojects { }`): the
   * project's name is then each one's ({@linkcode EACH}), and no other value is known.
   */
  each: boolean;
  /**
   * Whether `group` and `version` are asked as the project's own (its identity), not as a path's
   * template: a script-local variable of that name (`def version = '1.0'`) is then none of them.
   */
  own?: true;
}

/** `folder/file`, or `file` at the project root. */
function inFolder(folder: string, file: string): string {
  return folder === "." ? file : `${folder}/${file}`;
}

/** The text of a plain string literal (no template), or `undefined` for any other value. */
function plainString(value: string, kotlin: boolean): string | undefined {
  const m = /^(?:"([^"$\\\n]*)"|'([^'\\\n]*)')$/.exec(value);
  if (m === null || (kotlin && m[2] !== undefined)) return undefined;
  return m[1] ?? m[2];
}

/**
 * The names Gradle tries for a build's script, in its order: the Groovy script first
 * (DefaultScriptFileResolver tries ScriptFileUtil.getValidExtensions(), `.gradle` before
 * `.gradle.kts`, and takes the first that exists; it ignores the other, with a warning).
 *
 * @param base The script's base name: `build` or `settings`.
 * @returns The file names, the one Gradle takes first.
 */
export function gradleScriptNames(base: "build" | "settings"): [string, string] {
  return [`${base}.gradle`, `${base}.gradle.kts`];
}

/** The build's settings script, blanked, and whether it is Kotlin; `undefined` without one. */
function settingsOf(context: Pick<Context, "root" | "load">): Script | undefined {
  for (const file of gradleScriptNames("settings")) {
    const text = context.load(inFolder(context.root, file));
    if (text !== undefined) {
      const kotlin = file.endsWith(".kts");
      return { text: scriptCode(text, kotlin), kotlin };
    }
  }
  return undefined;
}

/** A script, blanked (see {@linkcode scriptCode}), and whether it is Kotlin. */
interface Script {
  text: ScriptCode;
  kotlin: boolean;
}

/**
 * The root project's build script: the file `rootProject.buildFileName = "…"` of the settings
 * script names (Gradle's DefaultProjectDescriptor: the root project's build file is that name in
 * its folder, a Kotlin script if it ends in `.kts`), else `build.gradle` or `build.gradle.kts`
 * (Gradle's order, see {@linkcode gradleScriptNames});
 * an empty script when there is no such file (Gradle runs none). `undefined` when the settings
 * script sets the name otherwise (computed, twice, or by a call): which script is unknown.
 */
function rootScriptOf(context: Pick<Context, "root" | "load">): Script | undefined {
  const empty = { text: scriptCode("", false), kotlin: false };
  const settings = settingsOf(context);
  const sets = [
    ...(settings?.text.code ?? "").matchAll(
      /\brootProject\s*\.\s*(?:buildFileName\s*=(?!=)|(?:set)?[bB]uildFileName\b)/g,
    ),
  ];
  let files: string[] = gradleScriptNames("build");
  if (settings !== undefined && sets.length > 0) {
    const m = sets[0];
    const name = sets.length === 1 && m[0].endsWith("=")
      ? plainString(expression(settings.text, m.index + m[0].length), settings.kotlin)
      : undefined;
    if (name === undefined || name.startsWith("/") || name.split("/").includes("..")) {
      return undefined;
    }
    files = [name];
  }
  for (const file of files) {
    const text = context.load(inFolder(context.root, file));
    if (text === undefined) continue;
    const kotlin = file.endsWith(".kts");
    return { text: scriptCode(text, kotlin), kotlin };
  }
  return empty;
}

/**
 * `rootProject.name` as the settings script sets it, once, literally and unconditionally (at
 * its top, in no block nor brace-less `if`/`else`/loop: one the script may skip leaves Gradle's
 * default, the folder's name, as likely); else `undefined`.
 */
function rootProjectName(context: Context): string | undefined {
  const settings = settingsOf(context);
  if (settings === undefined) return undefined;
  const { code } = settings.text;
  const sets = [...code.matchAll(/\brootProject\s*\.\s*name\s*=(?!=)/g)];
  if (sets.length !== 1) return undefined;
  const m = sets[0];
  if (blocksOf(code)(m.index).length > 0 || guarded(code, m.index)) return undefined;
  return plainString(expression(settings.text, m.index + m[0].length), settings.kotlin);
}

/**
 * Whether the statement at `at` of a script's code is the body of a brace-less `if (…)`,
 * `else`, `while (…)` or `for (…)`: one the script may skip.
 */
function guarded(code: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /\s/.test(code[i])) i--;
  if (i >= 3 && code.slice(i - 3, i + 1) === "else" && !/\w/.test(code[i - 4] ?? "")) return true;
  if (code[i] !== ")") return false;
  // The `(` that opens it, and the word before that.
  for (let depth = 0; i >= 0; i--) {
    if (code[i] === ")") depth++;
    else if (code[i] === "(" && --depth === 0) break;
  }
  let end = i - 1;
  while (end >= 0 && /\s/.test(code[end])) end--;
  let start = end;
  while (start >= 0 && /\w/.test(code[start])) start--;
  return ["if", "while", "for"].includes(code.slice(start + 1, end + 1));
}

/** A property's value in a `gradle.properties` (Java properties: `key=value`, `key: value`). */
function propertyIn(text: string, key: string): string | undefined {
  let value: string | undefined;
  for (const raw of text.split(/\r\n?|\n/)) {
    const line = raw.trimStart();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const m = /^((?:[^\s=:\\]|\\.)+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (m === null || m[1] !== key) continue;
    // An escape or a continued line is not worth reading: no plain value.
    value = m[2].includes("\\") ? "" : m[2].trimEnd();
  }
  return value === "" ? undefined : value;
}

/** Where a script writes a property or variable `name`, other than by a plain assignment. */
function otherWrites(said: string, name: string): boolean {
  const q = `["']${name}["']`;
  return new RegExp(
    `\\[\\s*${q}\\s*\\]\\s*=(?!=)|\\bset(?:Property)?\\s*\\(\\s*${q}|\\b${name}\\s*\\.\\s*set\\s*\\(|\\bset${
      name[0].toUpperCase() + name.slice(1)
    }\\s*\\(`,
  ).test(said);
}

/**
 * The assignments of `name` in a script (`version = …`, `val x = …`, `ext.x = …`, `val x by
 * project`), not a call's named argument (Kotlin's `exclude(group = "org.slf4j")`): one right
 * after a `(` or `,` is no assignment.
 */
function assignments(code: string, name: string, owner = PROJECT): RegExpExecArray[] {
  return [
    ...code.matchAll(
      new RegExp(
        `(?<![\\w.])(?:(?:val|var|def|final|String)\\s+)?(?:(?:project\\.)?(?:ext|extra)\\s*\\.\\s*|${owner})?${name}\\s*(?::\\s*[\\w.<>?]+\\s*)?(=(?!=)|by\\b)`,
        "g",
      ),
    ),
  ].filter((m) => !/[(,]\s*$/.test(code.slice(Math.max(0, m.index - HEAD_CHARS), m.index)));
}

/** How a script names its own project before a property: `project.`. */
const PROJECT = String.raw`project\s*\.\s*`;

/**
 * How the root project's script names its own project: `project.`, and `rootProject.` (or
 * `project.rootProject.`), which is the root project itself there (DefaultProject's
 * constructor: `rootProject` is `this` for a project without a parent).
 */
const ROOT_PROJECT = String.raw`(?:project\s*\.\s*)?rootProject\s*\.\s*|project\s*\.\s*`;

/**
 * What a `{` opens a task's configuration with, from the statement before it: the task
 * container (`tasks {`, `project.tasks {`), one of its calls or accessors (`tasks.register("x")
 * {`, `tasks.named<Test>("test").configure {`, `tasks.withType(Jar) {`, `tasks.jar {`), a
 * Groovy task declaration (`task docs(type: Copy) {`, `task('docs') {`) or a Kotlin delegate
 * (`val docs by tasks.registering(Copy::class) {`).
 */
const TASK_HEADS = [
  /(?:^|[^\w.]|\bproject\s*\.\s*)tasks\s*(?:\.\s*[A-Za-z_]\w*\s*)?(?:<[^<>]*>\s*)?(?:\((?:[^()]|\([^()]*\))*\)\s*)?(?:\.\s*(?:configure|configureEach|all)\s*)?$/,
  /(?:^|\n)[ \t]*task(?:\s*\(|\s+[A-Za-z_])[^\n]*$/,
  /\bby\s+tasks\s*\.\s*(?:registering|creating|getting|existing)\s*(?:<[^<>]*>\s*)?(?:\((?:[^()]|\([^()]*\))*\)\s*)?$/,
];

/**
 * Whether an offset of a script's code is in a task's configuration (see {@linkcode TASK_HEADS}),
 * at any depth: a `group = …` there is the task's own property (Task's `setGroup`), not the
 * project's. One pass over the braces, as {@linkcode blocksOf}.
 *
 * @param code A script's code, comments and strings blanked.
 * @returns Whether an offset is in a task's block.
 */
function taskBlocks(code: string): (offset: number) => boolean {
  return code.length <= MAX_KEPT_SCRIPT ? TASKS.get(code, () => findTasks(code)) : findTasks(code);
}

/** What {@linkcode taskBlocks} gave for each script's code: each of a build's locks asks again. */
const TASKS = new TextCache<(offset: number) => boolean>(64);

/** A brace, or a `;` that ends a statement. */
const BRACE_OR_END = /[{};]/g;

/** What {@linkcode taskBlocks} gives, computed. */
function findTasks(code: string): (offset: number) => boolean {
  const braces: number[] = [];
  const inside: boolean[] = [];
  const open: boolean[] = [];
  let statement = 0;
  BRACE_OR_END.lastIndex = 0;
  while (BRACE_OR_END.test(code)) {
    const i = BRACE_OR_END.lastIndex - 1;
    const c = code[i];
    if (c === ";") statement = i + 1;
    if (c !== "{" && c !== "}") continue;
    if (c === "{") {
      const head = code.slice(Math.max(statement, i - HEAD_CHARS), i);
      const outer = open.length > 0 && open[open.length - 1];
      open.push(outer || TASK_HEADS.some((re) => re.test(head)));
    } else open.pop();
    statement = i + 1;
    braces.push(i);
    inside.push(open.length > 0 && open[open.length - 1]);
  }
  return (offset) => {
    const low = countBelow(braces, offset);
    return low > 0 && inside[low - 1];
  };
}

/** The project's own properties vouch reads, which no extra property of their name changes. */
const OWN_PROPERTIES = new Set(["group", "version"]);

/**
 * The assignments of `name` in a script (see {@linkcode assignments}), and for the project's own
 * `group` and `version` their calls in Groovy (`version '1.0'`), but not the assignments of an
 * extra property of that name (`ext.version = …`,
 * `ext { version = … }`): Gradle's project reads its own property first (DefaultProject's
 * `getVersion()`, before its extra properties), so these never set `project.version`.
 */
function setsOf(
  code: string,
  name: string,
  kotlin: boolean,
  blocks: (offset: number) => readonly string[] = blocksOf(code),
  owner = PROJECT,
): RegExpExecArray[] {
  if (!OWN_PROPERTIES.has(name)) return assignments(code, name);
  const sets = assignments(code, name, owner);
  // Groovy's `version '1.0'`, `group('com.acme')` where a statement starts (not a plugin's
  // `id '…' version '…'`): the set method Gradle's class generator gives each property of the
  // project (AbstractClassGenerator's addSetMethod), which sets it.
  if (!kotlin) {
    const calls = code.matchAll(
      new RegExp(`(?:${owner})?${name}(?<call>[ \\t]*(?:\\(\\s*)?)(?=["'])`, "g"),
    );
    for (const m of calls) {
      let i = m.index - 1;
      while (i >= 0 && (code[i] === " " || code[i] === "\t")) i--;
      if (i < 0 || "\n;{}".includes(code[i])) sets.push(m);
    }
    sets.sort((a, b) => a.index - b.index);
  }
  // A task's `group` is its own (Task's `setGroup`): `tasks.register("e2e") { group = "verification" }`.
  // A task has no `version`: one set there is the project's, when the task is configured.
  let inTask: ((offset: number) => boolean) | undefined;
  return sets.filter((m) =>
    !/\b(?:ext|extra)\s*\.\s*$/.test(m[0].slice(0, m[0].lastIndexOf(name))) &&
    !blocks(m.index).includes("ext") &&
    !(name === "group" && blocks(m.index).length > 0 && (inTask ??= taskBlocks(code))(m.index))
  );
}

/**
 * The value of a project property or script variable a lock path uses (`${version}`,
 * `$project.version`, `${scalaVersion}`), when the build says it unambiguously: one literal
 * assignment at the top of the script before the path, else (the root script setting nothing)
 * the project's `gradle.properties` or the build's (`val x: String by project` in Kotlin).
 */
function propertyValue(context: Context, name: string, at: number): string | undefined {
  let fact = context.facts.get(name);
  if (fact === undefined) context.facts.set(name, fact = propertyFact(context, name));
  return at >= fact.from ? fact.value : undefined;
}

/**
 * What the build says of a property or variable, looked up once per script (see
 * {@linkcode propertyValue}): its value, for a path at or after offset `from` of the script.
 */
interface PropertyFact {
  from: number;
  value?: string;
}

/**
 * Whether every `project(…) { }` block open at an offset of a script's code is the root
 * project's, `project(':')` or `project(":")` (Project.project(String, Closure) with the root's
 * path): what is set there is the root project's own.
 */
function inRootProjectBlocks(text: ScriptCode, offset: number): boolean {
  const { code, said } = text;
  let depth = 0;
  let found = false;
  for (let i = offset - 1; i >= 0; i--) {
    if (code[i] === "}") depth++;
    else if (code[i] === "{" && depth > 0) depth--;
    else if (code[i] === "{") {
      if (blockName(code, i) !== "project") continue;
      let close = i - 1;
      while (close >= 0 && /\s/.test(code[close])) close--;
      const open = code[close] === ")" ? code.lastIndexOf("(", close) : -1;
      if (open === -1 || !/^(['"]):\1$/.test(said.slice(open + 1, close).trim())) return false;
      found = true;
    }
  }
  return found;
}

/** Finds the {@linkcode PropertyFact} of a property or variable. */
function propertyFact(context: Context, name: string): PropertyFact {
  const none = { from: 0 };
  const { text, kotlin } = context;
  if (otherWrites(text.said, name)) return none;
  // The root project's script sets its own group and version as `rootProject.version = …` too.
  const owner = context.project === context.root ? ROOT_PROJECT : PROJECT;
  let sets = setsOf(text.code, name, kotlin, context.blocks, owner);
  if (context.own && OWN_PROPERTIES.has(name)) {
    // A declaration (`def version = '1.0'`, Kotlin's `val version = "1.0"`) is a variable of the
    // script's body, not the project's property; a plain assignment in its scope is to it too.
    const declared = (m: RegExpExecArray): boolean =>
      m[1] === "=" && /^(?:val|var|def|final|String)\s/.test(m[0]);
    if (sets.some(declared)) {
      sets = sets.filter((m) => !declared(m));
      if (sets.some((m) => !/^(?:project|rootProject)\s*\./.test(m[0]))) return none;
    }
  }
  if (sets.length > 1) return none;
  if (sets.length === 1) {
    const m = sets[0];
    if (m[1] !== "=" && m.groups?.call === undefined) {
      if (!/^by\s+project\b/.test(text.code.slice(m.index + m[0].length - 2))) return none;
    } else {
      const blocks = context.blocks(m.index);
      // `project(':') { group = '…' }` in the root script configures the root project itself
      // (Project.project(path, closure) with the root's path, ":").
      const rootBlock = (b: string): boolean =>
        b === "project" && context.project === context.root && inRootProjectBlocks(text, m.index);
      if (blocks.some((b) => b !== "ext" && b !== "allprojects" && !rootBlock(b))) return none;
      if (guarded(text.code, m.index)) return none;
      return { from: m.index, value: plainString(expression(text, m.index + m[0].length), kotlin) };
    }
  } else if (kotlin && name !== "version" && name !== "group") {
    return none; // Kotlin sees no property it does not declare
  }
  // Not set in this script: the root script's value, if it sets one, is for every project.
  if (context.root !== context.project) {
    const root = rootScriptOf(context);
    if (root === undefined) return none;
    const { code, said } = root.text;
    if (setsOf(code, name, root.kotlin).length > 0 || otherWrites(said, name)) return none;
  }
  const set = OWN_PROPERTIES.has(name) ? settingsProjectValue(context, name) : undefined;
  if (set !== undefined) return { from: 0, value: set };
  for (const folder of new Set([context.project, context.root])) {
    const properties = context.load(inFolder(folder, "gradle.properties"));
    const value = properties === undefined ? undefined : propertyIn(properties, name);
    if (value !== undefined) return { from: 0, value };
  }
  return none;
}

/**
 * The `group` or `version` the settings script gives a project before its build script runs:
 * in `gradle.rootProject { }` (the root project only) or `gradle.allprojects { }` (every
 * project), set once, literally, right in the block. Gradle runs these actions once the
 * projects are loaded (DefaultGradle runs the rootProject actions on `projectsLoaded`, which
 * NotifyingBuildLoader fires after the loader, ProjectPropertySettingBuildLoader, has applied
 * `gradle.properties`; `allprojects` is one of them), before the build script runs: this sets
 * it over `gradle.properties`, the build script over this. `undefined` when it sets none, or
 * several.
 */
function settingsProjectValue(context: Context, name: string): string | undefined {
  const settings = settingsOf(context);
  if (settings === undefined) return undefined;
  const { text, kotlin } = settings;
  const blocks = context.project === context.root
    ? ["rootProject", "allprojects"]
    : ["allprojects"];
  const sets = setsOf(text.code, name, kotlin);
  if (sets.length !== 1 || otherWrites(text.said, name)) return undefined;
  const m = sets[0];
  if (m[1] !== "=" && m.groups?.call === undefined) return undefined;
  const brace = enclosingBrace(text.code, m.index);
  if (brace === undefined || !blocks.includes(blockName(text.code, brace))) return undefined;
  // `gradle.rootProject {` (or `settings.gradle.…`) at the script's top, not under a condition.
  const head = text.code.slice(Math.max(0, brace - HEAD_CHARS), brace);
  const call = /(?:^|[^\w.])(?:settings\s*\.\s*)?gradle\s*\.\s*(?:rootProject|allprojects)\s*$/
    .exec(head);
  if (call === null) return undefined;
  const start = brace - head.length + call.index + call[0].search(/settings|gradle/);
  if (blocksOf(text.code)(start).length > 0 || guarded(text.code, start)) return undefined;
  return plainString(expression(text, m.index + m[0].length), kotlin);
}

/** The offset of the innermost `{` open at an offset of a script's code; `undefined` at its top. */
function enclosingBrace(code: string, offset: number): number | undefined {
  let depth = 0;
  for (let i = offset - 1; i >= 0; i--) {
    if (code[i] === "}") depth++;
    else if (code[i] === "{" && depth-- === 0) return i;
  }
  return undefined;
}

/**
 * The value of a template in a lock path (`${…}`, `$name`): the project's name (its folder's
 * for a project below the root, unless the settings script places or names projects itself;
 * `rootProject.name` as the settings script sets it), a property or variable (see
 * {@linkcode propertyValue}); `undefined` when vouch cannot tell.
 */
function templateValue(context: Context, template: string, at: number): string | undefined {
  const expr = template.replace(/\s+/g, "");
  if (context.each) {
    return expr === "name" || expr === "project.name" || eachLocal(context, expr, at)
      ? EACH
      : undefined;
  }
  const root = context.root === context.project;
  if (expr === "rootProject.name" || (root && (expr === "name" || expr === "project.name"))) {
    return rootProjectName(context);
  }
  if (expr === "name" || expr === "project.name") {
    const settings = settingsOf(context);
    const code = settings?.text.code.replace(/\brootProject\s*\.\s*name\s*=/g, "") ?? "";
    return /\bprojectDir\s*=|\.\s*name\s*=(?!=)/.test(code)
      ? undefined
      : posix.basename(context.project);
  }
  const property = /^(?:project\.)?([A-Za-z_]\w*)$/.exec(expr)?.[1];
  return property === undefined ? undefined : propertyValue(context, property, at);
}

/** The blocks that run for each project: a variable declared in one is computed per project. */
const FOR_EACH_PROJECT = new Set(["allprojects", "subprojects", "beforeProject"]);

/**
 * Whether a template of a path set for each project starts with a variable the block that runs
 * for each project declares before the path (`def`, `var`, `val`, `final`, `String`):
 * lukebemishprojects' settings scripts compute one from the project's path in `gradle.lifecycle
 * .beforeProject { p -> … }` (`var cleanProjectName = (p.path + ":").replace(…)`), so it is each
 * project's, as its name is. A method call or a variable of the script (`${x()}`, `${lockDir}`)
 * is none.
 */
function eachLocal(context: Context, expr: string, at: number): boolean {
  const name = /^([A-Za-z_]\w*)(?![\w(])/.exec(expr)?.[1];
  if (name === undefined) return false;
  const { code } = context.text;
  // The `{` of the innermost block around the path that runs for each project.
  let start: number | undefined;
  for (let i = at - 1, depth = 0; i >= 0 && start === undefined; i--) {
    if (code[i] === "}") depth++;
    else if (code[i] === "{" && depth-- === 0) {
      depth = 0;
      if (FOR_EACH_PROJECT.has(blockName(code, i))) start = i;
    }
  }
  if (start === undefined) return false;
  return new RegExp(`\\b(?:def|var|val|final|String)\\s+${name}\\s*=(?!=)`).test(
    code.slice(start, at),
  );
}

/**
 * A lock path as a string literal writes it, from the project's folder or the
 * build's root: `$projectDir` and `$rootDir` (and their `project.`/`rootProject.`
 * spellings) may start it; the project folder's name (`${projectDir.name}`), the project's
 * name and properties the build sets literally (see {@linkcode templateValue}) may be in it.
 */
function literalPath(
  quoted: string,
  from: "project" | "root",
  context: Context,
  at: number,
): { path?: string; why?: string } {
  const quote = quoted[0];
  let text = quoted.slice(1, -1);
  // Groovy's single-quoted strings take no `$`; Kotlin's and Groovy's double-quoted ones do.
  if (quote === '"') {
    // `${a.b}`, and `$a` (Kotlin) or `$a.b.c` (Groovy: the dotted names are the template's).
    const templates = context.kotlin
      ? /\$\{([^{}]*)\}|\$([A-Za-z_]\w*)/g
      : /\$\{([^{}]*)\}|\$([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)/g;
    let computed = false;
    let base: "project" | "root" | undefined;
    text = text.replace(templates, (whole, braced, bare, offset) => {
      const expr = ((braced ?? bare) as string).replace(/\s+/g, "");
      if (/^(?:project\.)?projectDir$/.test(expr)) base ??= "project";
      else if (/^(?:(?:project\.)?rootDir|rootProject\.(?:projectDir|rootDir))$/.test(expr)) {
        base ??= "root";
      } else if (/^(?:project\.)?projectDir\.name$/.test(expr)) {
        if (context.project === "." && !context.each) computed = true;
        return context.each ? EACH : posix.basename(context.project);
      } else {
        const value = templateValue(context, expr, at);
        if (value === undefined) computed = true;
        return value ?? whole;
      }
      return offset === 0 ? "\0" : (computed = true, whole);
    });
    if (computed) return { why: "it is computed" };
    if (base !== undefined) {
      text = text.slice(1).replace(/^\//, "");
      from = base;
    }
  }
  if (text === "" || text.startsWith("/") || /^[A-Za-z]:[\\/]/.test(text)) {
    return { why: "it is not inside the project" };
  }
  // Set for each project, a path from the project's folder is in each one's.
  if (context.each && from === "project") return { why: FOR_OTHERS };
  const folder = from === "project" ? context.project : context.root;
  const path = posix.normalize(folder === "." ? text : `${folder}/${text}`);
  if (isOutside(path)) return { why: "it is not inside the project" };
  return { path };
}

/** The most characters of a value read: a longer one is cut. */
const MAX_EXPRESSION = 1000;

/**
 * The expression that starts at `start` of a script's text: up to the end of its line, a `;`,
 * or a `)` or `}` that closes what it is in (`lockFile.set(file("a"))` → `file("a")`). The
 * script's structure (its code, see {@linkcode scriptCode}) tells where it ends; the text it
 * says (comments blanked), what it is.
 */
function expression(text: ScriptCode, start: number): string {
  const { said, code } = text;
  let depth = 0;
  let end = start;
  // Longer than any value a script writes: the rest is cut (it reads as computed).
  for (const last = Math.min(code.length, start + MAX_EXPRESSION); end < last; end++) {
    const c = code[end];
    if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") {
      if (depth === 0) break;
      depth--;
    } else if (c === "\n" || c === ";") break;
  }
  return said.slice(start, end).trim();
}

/** The folder of the build a script belongs to: the nearest at or above it with a settings script. */
function buildRoot(folder: string, load: Load): string {
  for (let dir = folder;; dir = posix.dirname(dir)) {
    if (
      load(inFolder(dir, "settings.gradle.kts")) !== undefined ||
      load(inFolder(dir, "settings.gradle")) !== undefined
    ) {
      return dir;
    }
    if (dir === ".") return ".";
  }
}

/**
 * The lock files a Gradle build script names (`dependencyLocking { lockFile = … }`):
 * `file("…")`, `project.file("…")`, `layout.projectDirectory.file("…")` (from the
 * script's folder), `rootProject.file("…")`, `rootProject.layout.projectDirectory.file("…")`,
 * `layout.settingsDirectory.file("…")` (from the build's root, the folder of its settings
 * script), each with a string literal that may start with `$projectDir` or `$rootDir` and use
 * the project's name and properties the build sets literally. Comments and strings are not
 * code. A path set for each project (in `allprojects { }`, `subprojects { }`: Flutter's
 * `file("${rootProject.projectDir}/project-${project.name}.lockfile")`) from the build's root,
 * with the project's name in its file name, names each file of that folder it matches (with
 * `files`), as does one the build's settings script (beside a root script) sets for every
 * project in `gradle.allprojects { }` or `gradle.beforeProject { }` (`in` names it), and the
 * lock of its own classpath it names in its `buildscript { }` block. Any other
 * value, or one set for other projects, is named with why its path is not
 * known.
 *
 * @param script The script's text.
 * @param path Its path from the project root.
 * @param load Reads the settings scripts above it (for the build's root and name), the root
 *   build script and `gradle.properties` files, only when a path needs them.
 * @param files Lists a folder's files, for the locks a path set for each project matches.
 * @param peek Reads a file without counting it read: the settings script beside the script (of
 *   the build's root), looked into for the locks it sets for every project (`gradle.allprojects
 *   { }`) and read with `load` when it sets any.
 * @returns The locks it names, in script order.
 */
export function namedLocks(
  script: string,
  path: string,
  load: Load,
  files?: (folder: string) => string[] | undefined,
  peek: Load = load,
): NamedLock[] {
  const project = posix.dirname(path);
  let root: string | undefined;
  const rootOf = (): string => root ??= buildRoot(project, load);
  const out = locksIn(script, path.endsWith(".kts"), project, rootOf, load, files);
  // The settings script beside it (it is its build's root script) may set the locks of every
  // project (`gradle.allprojects { dependencyLocking { lockFile = … } }`) and its own
  // classpath's (`buildscript { dependencyLocking { … } }`). A build with no root build script
  // (a settings script over its projects' scripts) has its settings' locks found from each
  // project's script, none other naming them.
  let settingsFolder: string | undefined = project;
  if (gradleScriptNames("settings").every((f) => peek(inFolder(project, f)) === undefined)) {
    // Looked into without counting it read: it is read only if it names a lock.
    const root = buildRoot(project, peek);
    const rootScript = gradleScriptNames("build").some((f) =>
      peek(inFolder(root, f)) !== undefined
    );
    settingsFolder = root === project || rootScript ? undefined : root;
  }
  for (const file of settingsFolder === undefined ? [] : gradleScriptNames("settings")) {
    const at = inFolder(settingsFolder!, file);
    const settings = peek(at);
    if (settings === undefined) continue;
    if (!/\blockFile\b/.test(settings) || load(at) === undefined) break;
    const each = locksIn(
      settings,
      file.endsWith(".kts"),
      settingsFolder!,
      rootOf,
      load,
      files,
      true,
    );
    out.push(...each.map((l) => ({ ...l, in: at })));
    break;
  }
  return out;
}

/**
 * The locks a settings script names (its own classpath's in `buildscript { dependencyLocking {
 * lockFile = … } }`, every project's in `gradle.allprojects { }`), for a build with no root
 * build script: a root script finds them itself (see {@linkcode namedLocks}), as do the
 * projects' scripts of a build without one. Gradle resolves the settings' classpath with the
 * settings script's DependencyLockingHandler, with or without any build script
 * (LockFileReaderWriter: its `lockFile`, else `settings-gradle.lockfile`). Also the locks the
 * build scripts it names name (`rootProject.buildFileName = "app.gradle.kts"`,
 * `project(":core").buildFileName = "core.gradle"`: Gradle's DefaultProjectDescriptor runs
 * that file of the project's folder in place of `build.gradle`), which the scan, knowing
 * scripts by their default names, does not look into.
 *
 * @param script The settings script's text.
 * @param path Its path from the project root.
 * @param load Reads the files a path needs (`gradle.properties`, as {@linkcode namedLocks}).
 * @param files Lists a folder's files, for the locks a path set for each project matches.
 * @param peek Reads a file without counting it read: the build scripts looked into.
 * @returns The locks it names, in script order, then those of the scripts it names.
 */
export function settingsNamedLocks(
  script: string,
  path: string,
  load: Load,
  files?: (folder: string) => string[] | undefined,
  peek: Load = load,
): NamedLock[] {
  const folder = posix.dirname(path);
  const kotlin = path.endsWith(".kts");
  const out = gradleScriptNames("build").some((f) => peek(inFolder(folder, f)) !== undefined)
    ? []
    : locksIn(script, kotlin, folder, () => folder, load, files, true);
  for (const named of namedBuildScripts(script, kotlin, folder)) {
    const text = peek(named);
    if (text === undefined || !/\blockFile\b/.test(text) || load(named) === undefined) continue;
    const locks = namedLocks(text, named, load, files, peek);
    out.push(...locks.map((l) => ({ ...l, in: l.in ?? named, by: named })));
  }
  return out;
}

/**
 * A literal `buildFileName` set: `rootProject.…` or `project(":a:b").…` (group 2: the project's
 * path) `= "…"` (group 4: the file's name).
 */
const LITERAL_BUILD_FILE_NAME =
  /\b(?:rootProject|project\s*\(\s*(["'])(:[^"'$]*)\1\s*\))\s*\.\s*buildFileName\s*=\s*(["'])([^"'$/\\]+)\3/g;

/**
 * The build scripts a settings script names literally: `rootProject.buildFileName = "…"`, and
 * `project(":a:b").buildFileName = "…"` (in the folder `a/b` of the settings script's, the
 * project's default folder), Groovy or Kotlin.
 */
function namedBuildScripts(script: string, kotlin: boolean, folder: string): string[] {
  const { said } = scriptCode(script, kotlin);
  const out: string[] = [];
  const sets = said.matchAll(LITERAL_BUILD_FILE_NAME);
  for (const m of sets) {
    const projectPath = m[2] ?? ":";
    const dir = posix.join(folder, ...projectPath.split(":").filter((s) => s !== ""));
    out.push(inFolder(dir, m[4]));
  }
  return out;
}

/**
 * The lines of a settings script that set a project's `buildFileName` otherwise than literally
 * (a computed name, `"${it.name}.gradle"`, a project found by a loop, `setBuildFileName(…)`):
 * which script Gradle runs for that project (DefaultProjectDescriptor's build file) vouch cannot
 * tell, nor follow its locks, nor, for the root project, its group and version.
 *
 * @param script The settings script's text.
 * @param kotlin Whether it is `settings.gradle.kts`.
 * @returns 1-based line numbers, in order.
 */
export function computedBuildFileNames(script: string, kotlin: boolean): readonly number[] {
  return COMPUTED_BUILD_FILE_NAMES[kotlin ? 1 : 0].get(
    script,
    () => buildFileNameLines(script, kotlin),
  );
}

/**
 * What {@linkcode computedBuildFileNames} found in each settings script (Groovy's, Kotlin's), by
 * its text: each lock below it asks.
 */
const COMPUTED_BUILD_FILE_NAMES = [
  new TextCache<readonly number[]>(16),
  new TextCache<readonly number[]>(16),
];

/** The lines {@linkcode computedBuildFileNames} gives, found. */
function buildFileNameLines(script: string, kotlin: boolean): number[] {
  const { said, code } = scriptCode(script, kotlin);
  const literal = new Set(
    [...said.matchAll(LITERAL_BUILD_FILE_NAME)].map((m) => m.index + m[0].indexOf("buildFileName")),
  );
  const lines: number[] = [];
  for (const m of code.matchAll(/\b(?:buildFileName\s*=(?!=)|setBuildFileName\s*\()/g)) {
    const at = m[0].startsWith("set") ? m.index + 3 : m.index;
    if (literal.has(at)) continue;
    const line = code.slice(0, m.index).split("\n").length;
    if (lines.at(-1) !== line) lines.push(line);
  }
  return lines;
}

/**
 * The locks a script names (see {@linkcode namedLocks}); a settings script (`settings`) names
 * those it sets for every project (`gradle.allprojects { }`, `gradle.beforeProject { }`) and its
 * own classpath's (`buildscript { }`), and no other.
 */
function locksIn(
  script: string,
  kotlin: boolean,
  project: string,
  rootOf: () => string,
  load: Load,
  files: ((folder: string) => string[] | undefined) | undefined,
  settings = false,
): NamedLock[] {
  const out: NamedLock[] = [];
  const text = scriptCode(script, kotlin);
  const context: Context = {
    text,
    kotlin,
    blocks: blocksOf(text.code),
    facts: new Map(),
    project,
    get root(): string {
      return rootOf();
    },
    load,
    each: false,
  };
  const { code } = text;
  let line = 1;
  let counted = 0;
  // Groovy also calls a method without parentheses: `lockFile.set file("…")`.
  const assignment = kotlin
    ? /\blockFile\s*(?:=(?!=)|\.\s*(?:set|value|fileValue)\s*\()/g
    : /\blockFile\s*(?:=(?!=)|\.\s*(?:set|value|fileValue)(?:\s*\(|[ \t]+(?=[\w"'$])))/g;
  for (const m of code.matchAll(assignment)) {
    const blocks = context.blocks(m.index);
    const before = code.slice(Math.max(0, m.index - 40), m.index);
    if (!blocks.includes("dependencyLocking") && !/\bdependencyLocking\s*\.\s*$/.test(before)) {
      continue;
    }
    const forEach = blocks.some((b) => b === "allprojects" || b === "beforeProject");
    // The settings script's own `buildscript { }` names the lock of its classpath (Gradle's
    // default there is `settings-gradle.lockfile`, which keeps the version catalogs' locks).
    const ownClasspath = settings && !forEach && blocks.includes("buildscript") &&
      !blocks.some((b) => OTHER_PROJECTS.has(b));
    if (settings && !forEach && !ownClasspath) continue;
    const value = expression(text, m.index + m[0].length);
    const op = m[0].replace(/\s+/g, "");
    const written = op === "lockFile="
      ? `lockFile = ${value}`
      : op.endsWith("(")
      ? `${op}${value})`
      : `${op} ${value}`;
    for (; counted < m.index; counted++) if (script[counted] === "\n") line++;
    const named: NamedLock = { buildscript: blocks.includes("buildscript"), written, line };
    out.push(named);
    const others = blocks.filter((b) => OTHER_PROJECTS.has(b));
    context.each = others.length > 0 || (settings && !ownClasspath);
    if (others.some((b) => b !== "allprojects" && b !== "subprojects")) {
      named.why = FOR_OTHERS;
      continue;
    }
    const call =
      /^(?:(project|rootProject)\s*\.\s*)?(?:layout\s*\.\s*(projectDirectory|settingsDirectory)\s*\.\s*)?file\s*\(\s*("[^"\n]*"|'[^'\n]*')\s*\)$/
        .exec(value);
    if (call === null) {
      named.why = "it is computed";
      continue;
    }
    const from = call[1] === "rootProject" || call[2] === "settingsDirectory" ? "root" : "project";
    const { path: lock, why } = literalPath(call[3], from, context, m.index);
    if (lock === undefined) named.why = why;
    else if (ownClasspath) named.path = lock;
    else if (!context.each) {
      named.path = lock;
      named.replaces = inFolder(
        project,
        named.buildscript ? "buildscript-gradle.lockfile" : "gradle.lockfile",
      );
    } else {
      named.each = true;
      out.push(...eachLock(named, lock, files) ?? []);
    }
  }
  return out.filter((l) => l.path !== undefined || l.why !== undefined);
}

/**
 * The locks a path set for each project names: the files of its folder its file name matches,
 * the project's name ({@linkcode EACH}) standing for any; `named` says why when there is none.
 */
function eachLock(
  named: NamedLock,
  lock: string,
  files: ((folder: string) => string[] | undefined) | undefined,
): NamedLock[] | undefined {
  const folder = posix.dirname(lock);
  // Two templates side by side (`${cleanProjectName}${cleanProjectName.empty ? '' : '-'}`) are
  // one stretch of the project's text.
  let name = posix.basename(lock);
  while (name.includes(EACH + EACH)) name = name.replaceAll(EACH + EACH, EACH);
  if (!name.includes(EACH) || folder.includes(EACH) || files === undefined) {
    named.why = FOR_OTHERS;
    return undefined;
  }
  const parts = name.split(EACH);
  const found = (files(folder) ?? []).filter((f) => wildcardMatch(parts, f, 1)).sort();
  if (found.length === 0) {
    named.why = `no file matches ${inFolder(folder, name).replaceAll(EACH, "*")}`;
    return undefined;
  }
  return found.map((f) => ({ ...named, path: folder === "." ? f : `${folder}/${f}` }));
}

/**
 * What a Gradle build says of its root project, literally: its name (`rootProject.name` of the
 * settings script, once), `group` and `version` (one top-level assignment in the root build
 * script, the one `rootProject.buildFileName` names if the settings script sets it, else
 * `gradle.properties`), unless a subproject's script sets the root's (`rootProject.version =
 * '1.0'`): Gradle configures the subprojects after the root, so the last one's is the root's,
 * with a warning when they disagree; one set otherwise than literally is not known, with a
 * warning. Each is `undefined` when the build does not say it plainly.
 *
 * @param load Reads the build's files (the settings script, root build script and properties,
 *   a subproject's script that sets the root's group or version).
 * @param peek Reads a file without counting it read: the subprojects' scripts looked into.
 * @returns The name, group and version found, and the warnings.
 */
export function gradleRootIdentity(
  load: Load,
  peek: Load = load,
): { name?: string; group?: string; version?: string; warnings?: string[] } {
  const script = rootScriptOf({ root: ".", load });
  // Which script the root project runs is unknown: so are its group and version.
  const { text, kotlin } = script ?? { text: scriptCode("", false), kotlin: false };
  const context: Context = {
    text,
    kotlin,
    blocks: blocksOf(text.code),
    facts: new Map(),
    project: ".",
    root: ".",
    load,
    each: false,
    own: true,
  };
  const out: { name?: string; group?: string; version?: string; warnings?: string[] } = {};
  const name = rootProjectName(context);
  if (name !== undefined) out.name = name;
  const warnings: string[] = [];
  const unplaced: number[] = [];
  for (const key of script === undefined ? [] : ["group", "version"] as const) {
    let value = propertyValue(context, key, Infinity);
    // Gradle configures the root project, then each subproject (TaskPathProjectEvaluator's
    // configureHierarchy, the subprojects in DefaultProject's order: by depth, then path): the
    // last subproject's script that sets `rootProject.version` sets the root's.
    const sets = subprojectRootSets(context, peek, key, unplaced);
    const values = new Set(sets.map((s) => s.value));
    if (sets.length > 0) value = values.has(undefined) ? undefined : sets.at(-1)!.value;
    if (values.has(undefined)) {
      const at = sets.find((s) => s.value === undefined)!;
      warnings.push(
        `${at.script}:${at.line}: the subproject sets the root project's ${key} otherwise than ` +
          `literally, once, at its top: vouch cannot tell it, so the root project has no ${key}`,
      );
    } else if (values.size > 1) {
      warnings.push(
        `${sets.map((s) => `${s.script}:${s.line}`).join(", ")}: subprojects set the root ` +
          `project's ${key} to ${[...values].join(", ")}: the last Gradle configures sets it ` +
          `(by default ${value}; evaluationDependsOn, configuration on demand or in parallel ` +
          `change the order)`,
      );
    }
    // Gradle's default for a version not set.
    if (value !== undefined && value !== "unspecified") out[key] = value;
  }
  const settings = gradleScriptNames("settings").find((f) => load(f) !== undefined);
  for (const line of new Set(unplaced)) {
    warnings.push(
      `${settings}:${line}: a project's projectDir is set otherwise than literally: vouch ` +
        "cannot tell where its build script is, so a group or version it sets for the root " +
        "project is not read",
    );
  }
  if (warnings.length > 0) out.warnings = warnings;
  return out;
}

/** A subproject's script setting the root project's group or version (see {@linkcode subprojectRootSets}). */
interface RootSet {
  script: string;
  line: number;
  /** The literal value, set once at the script's top; `undefined` when set otherwise. */
  value?: string;
}

/**
 * Where the scripts of the subprojects the settings script includes literally (`include
 * 'a:b'`, Kotlin's `include("a:b")`, each path's parents too, in the folder of its path unless
 * the settings script names its `buildFileName`, or places it with a literal `projectDir`:
 * `project(':a').projectDir = file('modules/a')`, whose children are then below that folder, as
 * Gradle's DefaultProjectDescriptor places a child in its parent's folder) set the root project's
 * `name` property (`rootProject.version = '1.0'`, Groovy's `rootProject.version '1.0'`,
 * `rootProject.setVersion(…)`, or `version = '1.0'` in a block that configures the root project:
 * `rootProject.allprojects { }`, `configure(rootProject) { }`, `project(':') { }`,
 * `rootProject.with { }` / `.apply { }` / `.run { }`), in Gradle's order of configuration: by
 * depth, then path (DefaultProject's compareTo). Each script is looked into with `peek`, and read
 * with the context's `load` when it sets it. A `projectDir` set otherwise than literally is in
 * `unplaced` (its settings script's line): where that project's script is, vouch cannot tell.
 */
function subprojectRootSets(
  context: Pick<Context, "root" | "load">,
  peek: Load,
  name: "group" | "version",
  unplaced: number[] = [],
): RootSet[] {
  const settings = settingsOf(context);
  if (settings === undefined) return [];
  const projects = new Set<string>();
  const { said, code: settingsCode } = settings.text;
  for (const include of said.matchAll(/(?<![\w.])include\b(?=\s*\(|[ \t]+["'])/g)) {
    const list = said.slice(include.index + include[0].length).match(
      /^\s*\(?\s*((?:(["'])[^"'$\n]*\2\s*,\s*)*(["'])[^"'$\n]*\3)/,
    );
    for (const literal of list?.[1].matchAll(/(["'])([^"'$\n]*)\1/g) ?? []) {
      const segments = literal[2].split(":").filter((segment) => segment !== "");
      for (let n = 1; n <= segments.length; n++) projects.add(segments.slice(0, n).join(":"));
    }
  }
  const named = new Map<string, string>();
  for (const m of said.matchAll(LITERAL_BUILD_FILE_NAME)) {
    if (m[2] !== undefined) named.set(m[2].split(":").filter((s) => s !== "").join(":"), m[4]);
  }
  const placed = new Map<string, string>();
  for (const m of settingsCode.matchAll(/\bprojectDir\s*=(?!=)|\bsetProjectDir\s*\(/g)) {
    const line = settingsCode.slice(0, m.index).split("\n").length;
    const statement = said.slice(m.index, m.index + MAX_EXPRESSION).split("\n")[0];
    const head = said.slice(Math.max(0, m.index - HEAD_CHARS), m.index).split("\n").at(-1)!;
    const owner = /\bproject\s*\(\s*(["'])(:[^"'$]*)\1\s*\)\s*\.\s*$/.exec(head);
    const folder = LITERAL_PROJECT_DIR.exec(statement.slice(statement.indexOf("=") + 1).trim());
    const relative = folder?.[2] ?? folder?.[4];
    if (
      owner === null || relative === undefined || blocksOf(settingsCode)(m.index).length > 0 ||
      guarded(settingsCode, m.index - head.length) || relative.startsWith("/") ||
      isOutside(posix.normalize(relative))
    ) {
      unplaced.push(line);
      continue;
    }
    placed.set(owner[2].split(":").filter((s) => s !== "").join(":"), posix.normalize(relative));
  }
  const folderOf = (project: string): string => {
    const own = placed.get(project);
    if (own !== undefined) return inFolder(context.root, own);
    const at = project.lastIndexOf(":");
    return at === -1
      ? inFolder(context.root, project)
      : inFolder(folderOf(project.slice(0, at)), project.slice(at + 1));
  };
  const order = [...projects].sort((a, b) =>
    a.split(":").length - b.split(":").length || compareStrings(a, b)
  );
  const out: RootSet[] = [];
  for (const project of order) {
    const folder = folderOf(project);
    const file = named.get(project) ??
      gradleScriptNames("build").find((f) => peek(inFolder(folder, f)) !== undefined);
    const path = file === undefined ? undefined : inFolder(folder, file);
    const text = path === undefined ? undefined : peek(path);
    if (
      path === undefined || text === undefined ||
      !/\b(?:rootProject|project\s*\(\s*["']:["'])/.test(text)
    ) continue;
    const set = rootSetIn(text, path.endsWith(".kts"), name);
    if (set === undefined) continue;
    context.load(path);
    out.push({ script: path, ...set });
  }
  return out;
}

/** Where a script sets the root project's group or version (see {@linkcode RootSet}). */
type RootSetAt = Omit<RootSet, "script">;

/**
 * Where a subproject's script sets the root project's `group` or `version` (see
 * {@linkcode subprojectRootSets}): the line, and the value when literal; `undefined` when it does
 * not. Kept by the script's text: each of a build's root locks asks again.
 */
function rootSetIn(
  text: string,
  kotlin: boolean,
  name: "group" | "version",
): RootSetAt | undefined {
  const kept = text.length <= MAX_KEPT_SCRIPT
    ? ROOT_SETS[kotlin ? 1 : 0].get(text, () => new Map())
    : new Map<string, RootSetAt | undefined>();
  if (kept.has(name)) return kept.get(name);
  const found = findRootSet(text, kotlin, name);
  kept.set(name, found);
  return found;
}

/** What {@linkcode rootSetIn} gives, found. */
function findRootSet(
  text: string,
  kotlin: boolean,
  name: "group" | "version",
): RootSetAt | undefined {
  const script = scriptCode(text, kotlin);
  const { code } = script;
  const blocks = blocksOf(code);
  // The blocks that configure the root project: the offset of their `{`, and of their head.
  const rootBlocks = new Map<number, number>();
  for (const open of code.matchAll(/\{/g)) {
    const from = Math.max(0, open.index - HEAD_CHARS);
    const head = ROOT_BLOCK.exec(script.said.slice(from, open.index));
    if (head !== null) rootBlocks.set(open.index, from + head.index + head[0].search(/\S/));
  }
  const inRootBlock = (m: RegExpExecArray): boolean =>
    [...rootBlocks.keys()].some((b) => b < m.index && closing(code, b + 1, "{", "}") > m.index);
  const sets = setsOf(code, name, kotlin, blocks, ROOT_PROJECT)
    .filter((m) => /^(?:project\s*\.\s*)?rootProject\b/.test(m[0]) || inRootBlock(m));
  const calls = ROOT_SETTERS[name].exec(script.said);
  if (sets.length === 0 && calls === null) return undefined;
  const first = calls === null ? sets[0].index : Math.min(calls.index, sets[0]?.index ?? Infinity);
  const set: RootSetAt = { line: code.slice(0, first).split("\n").length };
  const m = sets[0];
  // At the script's top, or right in a root project's block there.
  const brace = m === undefined ? undefined : enclosingBrace(code, m.index);
  const head = brace === undefined ? undefined : rootBlocks.get(brace);
  const top = m !== undefined &&
    (brace === undefined
      ? blocks(m.index).length === 0
      : head !== undefined && blocks(head).length === 0 && !guarded(code, head));
  if (
    calls === null && sets.length === 1 && (m[1] === "=" || m.groups?.call !== undefined) &&
    top && !guarded(code, m.index)
  ) {
    const value = plainString(expression(script, m.index + m[0].length), kotlin);
    if (value !== undefined) set.value = value;
  }
  return set;
}

/** What {@linkcode rootSetIn} found in each script (Groovy's, Kotlin's), by its text and name. */
const ROOT_SETS = [
  new TextCache<Map<string, RootSetAt | undefined>>(64),
  new TextCache<Map<string, RootSetAt | undefined>>(64),
];

/** A subproject's script setting the root project's group or version by a call. */
const ROOT_SETTERS = {
  group: /\brootProject\s*\.\s*setGroup\s*\(/,
  version: /\brootProject\s*\.\s*setVersion\s*\(/,
};

/**
 * What opens a block of a subproject's script that configures the root project (before its `{`):
 * `rootProject.allprojects`, `rootProject.with` / `.apply` / `.run` / `.also`,
 * `configure(rootProject)`, `project(':')`.
 */
const ROOT_BLOCK =
  /(?:^|[^\w.])(?:(?:project\s*\.\s*)?rootProject\s*\.\s*(?:allprojects|with|apply|run|also)|configure\s*\(\s*rootProject\s*\)|project\s*\(\s*(["']):\1\s*\))\s*$/;

/**
 * A literal folder a settings script gives a project (`projectDir = …`): `file('…')` (from the
 * settings script's folder), `new File(settingsDir, '…')` or `new File(rootDir, '…')`, Kotlin's
 * `File(settingsDir, "…")`; group 2 or 4 is the folder.
 */
const LITERAL_PROJECT_DIR =
  /^(?:file\s*\(\s*(["'])([^"'$\n]+)\1\s*\)|(?:new\s+)?(?:java\.io\.)?File\s*\(\s*(?:settingsDir|rootDir|settings\s*\.\s*settingsDir|rootProject\s*\.\s*projectDir)\s*,\s*(["'])([^"'$\n]+)\3\s*\))\s*;?$/;
