// Private: where a Gradle build script puts its dependency lock. Gradle writes a
// project's lock to `gradle.lockfile` beside its build script unless the script
// names another file (`dependencyLocking { lockFile = file("…") }`, Gradle 6.4+;
// `lockFile.set(…)` in the Kotlin DSL); one in its `buildscript { }` block names
// the lock of the script's own classpath. The scan and the lock reader both need
// it: a lock at such a path has no name the scan knows.
import { posix } from "../../_path.ts";
import type { Load } from "../_reader.ts";

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
}

/** Blocks that configure projects other than the script's own: a path there is theirs. */
const OTHER_PROJECTS = new Set(["allprojects", "subprojects", "configure", "project"]);

/** The names of the blocks open at each `{`, by offset: `buildscript`, `dependencyLocking`, … */
function enclosing(script: string, offset: number): string[] {
  const stack: string[] = [];
  for (let i = 0; i < offset; i++) {
    const c = script[i];
    if (c === "{") {
      // `name {`, `name(args) {` or `name { … }` after a dot (`project.dependencyLocking {`).
      const head = /([A-Za-z_]\w*)\s*(?:\([^()]*\))?\s*$/.exec(
        script.slice(Math.max(0, i - 200), i),
      );
      stack.push(head?.[1] ?? "");
    } else if (c === "}") stack.pop();
  }
  return stack;
}

/**
 * A lock path as a string literal writes it, from the project's folder or the
 * build's root: `$projectDir` and `$rootDir` (and their `project.`/`rootProject.`
 * spellings) and the project folder's name (`${projectDir.name}`) are the only values a
 * path may use.
 */
function literalPath(
  quoted: string,
  from: "project" | "root",
  folders: { project: string; root: string },
): { path?: string; why?: string } {
  const quote = quoted[0];
  let text = quoted.slice(1, -1);
  // Groovy's single-quoted strings take no `$`; Kotlin's and Groovy's double-quoted ones do.
  if (quote === '"') {
    // The project's folder name (`${projectDir.name}`: one lock per project in a shared folder).
    const name = /\$\{\s*(?:project\.)?projectDir\.name\s*\}/g;
    if (name.test(text)) {
      if (folders.project === ".") return { why: "it is computed" };
      text = text.replace(name, posix.basename(folders.project));
    }
    const projectDir = /\$(?:\{\s*(?:project\.)?projectDir\s*\}|projectDir\b)/g;
    const rootDir =
      /\$(?:\{\s*(?:(?:project\.)?rootDir|rootProject\.(?:projectDir|rootDir))\s*\}|rootDir\b)/g;
    const base = projectDir.test(text) ? "project" : rootDir.test(text) ? "root" : undefined;
    text = text.replace(projectDir, "\0p").replace(rootDir, "\0r");
    if (text.includes("$")) return { why: "it is computed" };
    if (base !== undefined) {
      const marker = base === "project" ? "\0p" : "\0r";
      if (!text.startsWith(marker) || text.slice(1).includes("\0")) {
        return { why: "it is computed" };
      }
      text = text.slice(2).replace(/^\//, "");
      from = base;
    }
  }
  if (text === "" || text.startsWith("/") || /^[A-Za-z]:[\\/]/.test(text)) {
    return { why: "it is not inside the project" };
  }
  const folder = from === "project" ? folders.project : folders.root;
  const path = posix.normalize(folder === "." ? text : `${folder}/${text}`);
  if (path === ".." || path.startsWith("../")) return { why: "it is not inside the project" };
  return { path };
}

/**
 * The expression that starts at `start`: up to the end of its line, a `;`, a comment, or
 * a `)` or `}` that closes what it is in (`lockFile.set(file("a"))` → `file("a")`).
 */
function expression(script: string, start: number): string {
  let depth = 0;
  let quote: string | undefined;
  let end = start;
  for (; end < script.length; end++) {
    const c = script[end];
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === "\n") break;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") {
      if (depth === 0) break;
      depth--;
    } else if (c === "\n" || c === ";" || script.startsWith("//", end)) break;
  }
  return script.slice(start, end).trim();
}

/** The folder of the build a script belongs to: the nearest at or above it with a settings script. */
function buildRoot(folder: string, load: Load): string {
  for (let dir = folder;; dir = posix.dirname(dir)) {
    const at = (file: string): string => (dir === "." ? file : `${dir}/${file}`);
    if (
      load(at("settings.gradle.kts")) !== undefined || load(at("settings.gradle")) !== undefined
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
 * script), each with a string literal that may start with `$projectDir` or `$rootDir`.
 * Any other value, or one set for other projects (in `allprojects { }`, `subprojects { }`),
 * is named with why its path is not known.
 *
 * @param script The script's text.
 * @param path Its path from the project root.
 * @param load Reads the settings scripts above it (for the build's root), only when a path
 *   needs it.
 * @returns The locks it names, in script order.
 */
export function namedLocks(script: string, path: string, load: Load): NamedLock[] {
  const out: NamedLock[] = [];
  const project = posix.dirname(path);
  let root: string | undefined;
  const folders = {
    project,
    get root(): string {
      return root ??= buildRoot(project, load);
    },
  };
  for (const m of script.matchAll(/\blockFile\s*(?:=(?!=)|\.\s*(?:set|value|fileValue)\s*\()/g)) {
    const blocks = enclosing(script, m.index);
    const before = script.slice(Math.max(0, m.index - 40), m.index);
    if (!blocks.includes("dependencyLocking") && !/\bdependencyLocking\s*\.\s*$/.test(before)) {
      continue;
    }
    const value = expression(script, m.index + m[0].length);
    const op = m[0].replace(/\s+/g, "");
    const written = op === "lockFile=" ? `lockFile = ${value}` : `${op}${value})`;
    const line = script.slice(0, m.index).split("\n").length;
    const named: NamedLock = { buildscript: blocks.includes("buildscript"), written, line };
    out.push(named);
    if (blocks.some((b) => OTHER_PROJECTS.has(b))) {
      named.why = "it is set for other projects (allprojects, subprojects)";
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
    const { path: lock, why } = literalPath(call[3], from, folders);
    if (lock !== undefined) named.path = lock;
    else named.why = why;
  }
  return out;
}
