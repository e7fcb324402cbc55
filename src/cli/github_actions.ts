/**
 * GitHub Actions integration: for `vouch attest` the Markdown summary goes to
 * the job summary (`$GITHUB_STEP_SUMMARY`), the evidence paths become step
 * outputs (`$GITHUB_OUTPUT`), and each blocker becomes an `::error`
 * annotation; for every command an error (exit 2 or 3) becomes an `::error`
 * annotation and a step summary, and a warning a `::warning` annotation.
 * Outside GitHub Actions nothing happens.
 *
 * @module
 */
import type { Problem } from "../errors.ts";
import type { AttestReport } from "../attest.ts";
import type { Env } from "../provenance/context.ts";
import { markdownCode, markdownText, terminalText } from "../_markdown.ts";

/** What {@linkcode publishToGithubActions} may touch. */
export interface GithubActionsIo {
  /** The environment (`GITHUB_ACTIONS`, `GITHUB_STEP_SUMMARY`, `GITHUB_OUTPUT`). */
  env: Env;
  /** Appends text to a file, creating it when absent. */
  appendFile: (path: string, text: string) => void;
  /** Makes a heredoc delimiter candidate (default: random); tried until one is absent from the value. */
  delimiter?: () => string;
}

/** The step outputs written, in this order. */
export const OUTPUT_KEYS = [
  "passed",
  "bundle_path",
  "sbom_spdx_path",
  "sbom_cyclonedx_path",
  "provenance_path",
  "signature_path",
  "sigstore_bundle_path",
  "sbom_spdx_sigstore_path",
  "sbom_cyclonedx_sigstore_path",
  "markdown_path",
  "sha256sums_path",
] as const satisfies readonly (keyof AttestReport)[];

/**
 * Escapes workflow-command data (the text after `::`): `%`, `\r`, `\n`, and
 * other controls as `\\uXXXX` (see `terminalText`).
 *
 * @param text The message.
 * @returns The escaped message.
 */
export function escapeData(text: string): string {
  // Other controls, which the log would show raw (an ESC colours it), are shown escaped.
  return terminalText(text.replaceAll("%", "%25").replaceAll("\r", "%0D").replaceAll("\n", "%0A"));
}

/**
 * Escapes a workflow-command property value: as {@linkcode escapeData}, plus `:` and `,`.
 *
 * @param text The property value.
 * @returns The escaped value.
 */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

/**
 * The `::error` annotation of a blocker.
 *
 * @param problem The blocker.
 * @returns `::error title=<code>::<message> — <hint>`, escaped, without a newline.
 */
export function errorAnnotation(problem: Problem): string {
  return `::error title=${escapeProperty(problem.code)}::${
    escapeData(`${problem.message} — ${problem.hint}`)
  }`;
}

/**
 * Whether this process runs as a GitHub Actions step.
 *
 * @param env The environment.
 * @returns `true` when `GITHUB_ACTIONS` is `true`.
 */
export function inGithubActions(env: Env): boolean {
  return env.GITHUB_ACTIONS === "true";
}

/**
 * The stderr lines of a warning: `warning: <text>`, and in GitHub Actions its
 * `::warning::` annotation too.
 *
 * @param text The warning.
 * @param env The environment.
 * @returns The lines, without newlines.
 */
export function warningLines(text: string, env: Env): string[] {
  const plain = `warning: ${terminalText(text)}`;
  return inGithubActions(env) ? [plain, `::warning::${escapeData(text)}`] : [plain];
}

/**
 * The step summary of a run that stopped with an error instead of evidence.
 *
 * @param problem The error.
 * @param options `command` (e.g. `attest`; absent for an unknown one) and the `exitCode`.
 * @returns Markdown text ending with a newline.
 */
export function errorSummary(
  problem: Problem,
  options: { command?: string; exitCode: number },
): string {
  const title = options.command === undefined ? "vouch" : `vouch ${options.command}`;
  const kind = options.exitCode === 2 ? "usage or input error" : "internal failure";
  return [
    `# ${title}: error`,
    "",
    `**Status:** stopped with exit code ${options.exitCode} (${kind})`,
    "",
    `- Error: ${markdownCode(problem.code)}: ${markdownText(problem.message)}`,
    `- Fix: ${markdownText(problem.hint)}`,
    "",
  ].join("\n");
}

/**
 * Publishes an error to GitHub Actions when running there: appends
 * {@linkcode errorSummary} to `$GITHUB_STEP_SUMMARY` (when set).
 *
 * @param problem The error.
 * @param io The environment and a file appender.
 * @param options As for {@linkcode errorSummary}.
 * @returns The lines for the caller to print on stderr: the `::error`
 *   annotation, and a warning when the summary cannot be written; empty
 *   outside GitHub Actions.
 */
export function publishErrorToGithubActions(
  problem: Problem,
  io: GithubActionsIo,
  options: { command?: string; exitCode: number },
): string[] {
  if (!inGithubActions(io.env)) return [];
  const lines = [errorAnnotation(problem)];
  try {
    if (io.env.GITHUB_STEP_SUMMARY) {
      io.appendFile(io.env.GITHUB_STEP_SUMMARY, errorSummary(problem, options));
    }
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    lines.push(...warningLines(`could not write the GitHub Actions step summary: ${why}`, io.env));
  }
  return lines;
}

function randomDelimiter(): string {
  return `ghadelimiter_${crypto.randomUUID()}`;
}

/**
 * One `$GITHUB_OUTPUT` entry: `name=value`, or the heredoc form
 * `name<<DELIMITER` … `DELIMITER` when the value spans lines.
 *
 * @param name The output name.
 * @param value The value.
 * @param options `delimiter` makes delimiter candidates; the first one not
 *   occurring in the value is used.
 * @returns The text to append, ending with a newline.
 */
export function formatOutput(
  name: string,
  value: string,
  options: { delimiter?: () => string } = {},
): string {
  if (!value.includes("\n") && !value.includes("\r")) return `${name}=${value}\n`;
  const make = options.delimiter ?? randomDelimiter;
  let delimiter = make();
  while (delimiter === "" || value.includes(delimiter) || name.includes(delimiter)) {
    delimiter = make();
  }
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

function outputValue(value: AttestReport[(typeof OUTPUT_KEYS)[number]]): string {
  return value === null ? "" : String(value);
}

/**
 * Publishes an attest report to GitHub Actions when running there
 * (`GITHUB_ACTIONS=true`): appends the Markdown summary to
 * `$GITHUB_STEP_SUMMARY` and the {@linkcode OUTPUT_KEYS} to `$GITHUB_OUTPUT`
 * (a `null` path is written as an empty value). An unset file variable is
 * skipped.
 *
 * @example
 * ```ts ignore
 * const lines = publishToGithubActions(report, {
 *   env: Deno.env.toObject(),
 *   appendFile: (path, text) => Deno.writeTextFileSync(path, text, { append: true }),
 * });
 * for (const line of lines) console.error(line);
 * ```
 *
 * @param report The attest report.
 * @param io The environment and a file appender.
 * @returns The `::error` annotation lines of the blockers, for the caller to
 *   print; empty outside GitHub Actions.
 */
export function publishToGithubActions(report: AttestReport, io: GithubActionsIo): string[] {
  if (!inGithubActions(io.env)) return [];
  const summary = io.env.GITHUB_STEP_SUMMARY;
  if (summary) {
    io.appendFile(
      summary,
      report.markdown.endsWith("\n") ? report.markdown : `${report.markdown}\n`,
    );
  }
  const output = io.env.GITHUB_OUTPUT;
  if (output) {
    const text = OUTPUT_KEYS.map((key) =>
      formatOutput(key, outputValue(report[key]), { delimiter: io.delimiter })
    )
      .join("");
    io.appendFile(output, text);
  }
  return report.blockers.map(errorAnnotation);
}
