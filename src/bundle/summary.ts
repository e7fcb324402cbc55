/**
 * The human summary `supply_chain_attestation.md`.
 *
 * @module
 */
import type { BundleIndex } from "./bundle_index.ts";
import { LOCAL_BUILDER_ID } from "../provenance/context.ts";

/** Line breaks (which would end a list item or a table row) as spaces. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ");
}

/**
 * Plain text with every character that Markdown or HTML would act on
 * escaped: file and package names come from the project, and the summary is
 * signed, so a name must never render as emphasis, a link, HTML or a table
 * cell of its own.
 */
function text(value: string): string {
  return oneLine(value).replace(/[\\`*_[\]<>|~&]/g, "\\$&");
}

/**
 * Inline code no backtick in `value` can end early: the fence is one longer
 * than the longest backtick run inside (CommonMark code spans), padded when
 * the value starts or ends with a backtick.
 */
function code(value: string): string {
  const flat = oneLine(value);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** {@linkcode code} inside a table cell, where `|` must be escaped even in code (GFM). */
function codeCell(value: string): string {
  return code(value).replaceAll("|", "\\|");
}

/**
 * Renders the Markdown summary of a bundle.
 *
 * @param index The bundle index; its `files` list the files written before the summary,
 *   which the provenance names by SHA-256 along with the summary itself.
 * @returns Markdown text ending with a newline.
 */
export function renderSummary(index: BundleIndex): string {
  const lines: string[] = [];
  lines.push(`# Supply-chain attestation: ${text(index.release)}`, "");
  lines.push(`**Status:** ${index.passed ? "passed" : "blocked"}`, "");
  lines.push(
    `- Release: ${code(index.release)}`,
    `- Repository: ${text(index.repository)}`,
    `- Commit: ${code(index.commit_sha)}`,
    `- Builder: ${text(index.builder_id)}${
      index.builder_id === LOCAL_BUILDER_ID
        ? " (the local default: no CI was detected and no --builder-id was given)"
        : ""
    }`,
    `- Created: ${index.created}`,
    `- Tool: ${index.tool.name} ${index.tool.version}`,
    "",
  );
  lines.push("## Subjects", "", "| Subject | SHA-256 | Size (bytes) |", "|---|---|---:|");
  for (const s of index.subjects) {
    lines.push(`| ${codeCell(s.name)} | \`${s.sha256}\` | ${s.size} |`);
  }
  lines.push("");
  const inv = index.inventory;
  lines.push(
    "## Components",
    "",
    `${inv.components} third-party components (${inv.direct} direct, ${
      inv.components - inv.direct
    } transitive).`,
    "",
  );
  const ecosystems = Object.entries(inv.ecosystems);
  if (ecosystems.length > 0) {
    lines.push("| Ecosystem | Components |", "|---|---:|");
    for (const [name, count] of ecosystems) lines.push(`| ${text(name)} | ${count} |`);
    lines.push("");
  }
  lines.push(
    `Read from: ${inv.sources.length > 0 ? inv.sources.map(code).join(", ") : "no manifest found"}`,
    "",
  );
  if (inv.unread.length > 0) {
    lines.push(
      `Not read (the components they list are missing from the SBOMs): ${
        inv.unread.map(code).join(", ")
      }`,
      "",
    );
  }
  if (inv.declared_only.length > 0) {
    lines.push(
      "Declared, not resolved (no lockfile resolves them: versions only where pinned, no " +
        `transitive dependencies): ${inv.declared_only.map(code).join(", ")}`,
      "",
    );
  }
  if (inv.warnings.length > 0) {
    lines.push("Warnings:", "");
    for (const w of inv.warnings) lines.push(`- ${text(w)}`);
    lines.push("");
  }
  lines.push("## Signatures", "");
  if (index.signatures.length === 0) lines.push("None.");
  for (const s of index.signatures) {
    lines.push(
      `- ${code(s.path)} signs ${code(s.signs)}: ${text(s.algorithm)}, key id ${code(s.keyid)}`,
    );
    if (s.signer !== undefined) {
      const entries = s.signer.tlog_entries.map((e) => `${e.log} entry ${e.log_index}`).join(", ");
      lines.push(
        `  - certificate for ${code(s.signer.identity)} (issuer ${
          code(s.signer.issuer)
        }), logged in ${text(entries)}`,
      );
    } else if (s.algorithm === "sigstore-keyless") {
      lines.push(
        "  - signed after this summary was written: its signer and log entry are in supply_chain_attestation.json",
      );
    }
  }
  lines.push("");
  lines.push("## Blockers", "");
  if (index.blockers.length === 0) lines.push("None.");
  for (const b of index.blockers) {
    lines.push(`- ${code(b.code)}: ${text(b.message)}. Fix: ${text(b.hint)}.`);
  }
  lines.push("");
  lines.push("## Files", "", "| File | SHA-256 | Size (bytes) |", "|---|---|---:|");
  for (const f of index.files) lines.push(`| ${codeCell(f.path)} | \`${f.sha256}\` | ${f.size} |`);
  lines.push(
    "",
    "`provenance.intoto.json` names the SHA-256 of each file above and of this summary, so the " +
      "signatures over it cover them all.",
    "",
  );
  return lines.join("\n");
}
