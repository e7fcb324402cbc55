/**
 * The Markdown rendering of a verification report.
 *
 * @module
 */
import type { VerifyReport } from "./_check.ts";

/**
 * Control characters (C0 but the line feed, DEL, C1), line separators and
 * bidirectional controls: a file or subject name holding them could rewrite
 * what a terminal shows (say, move up and print PASSED), so they are shown as
 * `\uXXXX`.
 */
// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function cell(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll("|", "\\|").replaceAll("\n", " ")
    .replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Renders a report as Markdown: the verdict, then a table with every check.
 *
 * @example
 * ```ts
 * import { renderVerifyMarkdown } from "./render.ts";
 * const md = renderVerifyMarkdown({
 *   passed: false,
 *   dir: "evidence",
 *   checks: [{ code: "index.missing", ok: false, message: "no bundle index in the directory" }],
 * });
 * md.includes("index.missing"); // true
 * ```
 *
 * @param report The report.
 * @returns The Markdown text, ending in a newline.
 */
export function renderVerifyMarkdown(report: VerifyReport): string {
  const failed = report.checks.filter((c) => !c.ok).length;
  const lines = [
    `# vouch verify: ${report.passed ? "PASSED" : "FAILED"}`,
    "",
    `Bundle: \`${cell(report.dir)}\` (${report.checks.length} checks, ${failed} failed)`,
    "",
    "| Result | Code | File | Message |",
    "| --- | --- | --- | --- |",
    ...report.checks.map((c) =>
      `| ${c.ok ? "ok" : "FAIL"} | \`${c.code}\` | ${c.file === undefined ? "" : cell(c.file)} | ${
        cell(c.message)
      } |`
    ),
  ];
  return lines.join("\n") + "\n";
}
