/**
 * The Markdown rendering of a verification report.
 *
 * @module
 */
import type { VerifyReport } from "./_check.ts";
import { markdownCode, markdownText } from "../_markdown.ts";

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
    `Bundle: ${markdownCode(report.dir)} (${report.checks.length} checks, ${failed} failed)`,
    "",
    "| Result | Code | File | Message |",
    "| --- | --- | --- | --- |",
    ...report.checks.map((c) =>
      `| ${c.ok ? "ok" : "FAIL"} | ${markdownCode(c.code, { table: true })} | ${
        c.file === undefined ? "" : markdownCode(c.file, { table: true })
      } | ${markdownText(c.message)} |`
    ),
  ];
  return lines.join("\n") + "\n";
}
