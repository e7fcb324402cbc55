/**
 * Private: Markdown for text vouch does not control (file, package and
 * subject names, messages quoting them). Every summary and report vouch
 * writes renders such text through these, so a name can never become
 * emphasis, a link, HTML, a heading, a table cell of its own, or terminal
 * control sequences.
 *
 * @module
 */

/**
 * Control characters (C0 but the line feed, DEL, C1), line separators and
 * bidirectional controls: a name holding them could rewrite what a terminal
 * shows (say, move up and print PASSED), so they are shown as `\uXXXX`.
 */
// deno-lint-ignore no-control-regex
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text safe to print on a terminal: its line feeds kept, every other control
 * (see `UNSAFE`) shown as `\uXXXX`, so that a message quoting a file's bytes
 * (an error naming a requirement with an ESC in it) cannot rewrite the screen.
 *
 * @example
 * ```ts
 * import { terminalText } from "./_markdown.ts";
 * terminalText("a\x1b[2Kb\nc"); // "a\\u001b[2Kb\nc"
 * ```
 *
 * @param text Any text.
 * @returns The text, its controls escaped.
 */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** One line: line feeds as spaces, other controls as `\uXXXX`. */
function oneLine(text: string): string {
  return terminalText(text.replaceAll("\n", " "));
}

/**
 * Plain text: every character Markdown or HTML acts on inline is
 * backslash-escaped (CommonMark escapes any ASCII punctuation), including
 * `|`, so the result is also a safe table cell; an intraword `_` is left
 * alone (it cannot emphasise).
 *
 * @example
 * ```ts
 * import { markdownText } from "./_markdown.ts";
 * markdownText("**ok** <b>"); // "\\*\\*ok\\*\\* \\<b\\>"
 * ```
 *
 * @param text Any text.
 * @returns Markdown that renders as exactly that text, on one line.
 */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*[\]<>|~&]/g, "\\$&").replace(FLANKING_UNDERSCORE, "\\_");
}

/**
 * An `_` that may open or close emphasis: one not between two letters or
 * digits (CommonMark: an intraword `_` never does, so `demo_app` stays as is).
 */
const FLANKING_UNDERSCORE = /(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu;

/**
 * Inline code no backtick in `text` can end early: the fence is one longer
 * than the longest backtick run inside (CommonMark code spans), padded with a
 * space when the text starts or ends with a backtick. In a table cell pass
 * `table: true`: GFM then needs `|` escaped even inside code.
 *
 * @example
 * ```ts
 * import { markdownCode } from "./_markdown.ts";
 * markdownCode("a`b"); // "``a`b``"
 * ```
 *
 * @param text Any text.
 * @param options `table`: escape `|` for a GFM table cell.
 * @returns An inline code span.
 */
export function markdownCode(text: string, options: { table?: boolean } = {}): string {
  const flat = oneLine(text);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  const span = `${fence}${pad}${flat}${pad}${fence}`;
  return options.table ? span.replaceAll("|", "\\|") : span;
}
