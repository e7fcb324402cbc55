// Private: the folders the scan never enters (hidden ones, installed packages, build output,
// JVM test fixtures, project templates) and the path patterns of `--exclude`. Apart from `_scan.ts` so that a reader
// may ask where a file lies (a Maven module in `src/it`) without importing the scan, which imports
// the reader registry.
import { basename } from "../_path.ts";
import { globPattern, matchesGlob } from "./_glob.ts";

/**
 * Folders never scanned (besides hidden ones, whose names start with `.`):
 * installed packages, build output, and `testdata`, which the go tool
 * ignores (test fixtures, such as the go.mod of a repository a test serves).
 */
export const SKIPPED_FOLDERS: readonly string[] = [
  "node_modules",
  "target",
  "vendor",
  "venv",
  "__pycache__",
  "site-packages",
  "testdata",
];
const SKIPPED = new Set(SKIPPED_FOLDERS);

/**
 * Folders never scanned, by path (globs, as `--exclude` takes them): the
 * integration-test projects and test resources of JVM builds, whose POMs and
 * project files are test fixtures (a Maven plugin's `src/it/<case>/pom.xml`),
 * not part of the release; also the resources of a Gradle test suite other
 * than `test` (`src/<name>Test/resources`: detekt's Gradle plugin keeps the
 * builds its functional tests run in `src/functionalTest/resources/<case>`).
 */
export const SKIPPED_PATHS: readonly string[] = [
  "**/src/it",
  "**/src/test/resources",
  "**/src/*Test/resources",
];

/**
 * Whether a folder's name holds a template expression: a project template's folder
 * (cookiecutter's `{{cookiecutter.project_slug}}`, copier's `{{ project_name }}`, a Jinja
 * `{% if … %}infra{% endif %}`), whose files the tool renders into another project, with
 * `{%- if … %}` lines in their requirements files: cookiecutter/cookiecutter-django's. No
 * folder of the release is so named.
 */
function templateFolder(name: string): boolean {
  return name.includes("{{") || name.includes("{%");
}

/** Whether the scan enters a folder (its name, and its path below the project root). */
export function entered(name: string, path: string): boolean {
  return !name.startsWith(".") && !SKIPPED.has(name) && !templateFolder(name) &&
    !matchesAny(path, SKIPPED_PATHS);
}

/**
 * The folder holding a file below the project root that the scan never enters
 * (hidden, one of {@linkcode SKIPPED_FOLDERS} or {@linkcode SKIPPED_PATHS}, a template's), or
 * `undefined` when the scan reaches the file's folder. Off Linux, matching
 * {@linkcode SKIPPED_PATHS} needs `node:path`'s matcher (see `_glob.ts`).
 *
 * @param path The file's path relative to the project root, `/`-separated.
 * @returns The first folder on its path the scan skips.
 */
export function skippedFolder(path: string): string | undefined {
  const parts = path.split("/").slice(0, -1);
  for (let i = 1; i <= parts.length; i++) {
    const folder = parts.slice(0, i).join("/");
    if (!entered(parts[i - 1], folder)) return folder;
  }
  return undefined;
}

/**
 * Whether a path matches one of the patterns: a pattern equal to the path, a
 * glob over the whole relative path (`docs/**`, `examples/*`), or a glob
 * without `/` that matches the base name at any depth (`fixtures`,
 * `*.lock`). Patterns may start with `./`; a trailing `/` is ignored.
 *
 * @param path A path relative to the project root, `/`-separated.
 * @param patterns The patterns.
 * @returns `true` when one matches.
 */
export function matchesAny(path: string, patterns: readonly string[]): boolean {
  for (const raw of patterns) {
    const pattern = globPattern(raw);
    if (pattern === "") continue;
    if (pattern === path) return true;
    if (!pattern.includes("/") && matchesGlob(basename(path), pattern)) return true;
    if (matchesGlob(path, pattern)) return true;
  }
  return false;
}
