/**
 * The human summary `supply_chain_attestation.md`.
 *
 * @module
 */
import type { BundleIndex } from "./bundle_index.ts";
import { LOCAL_BUILDER_ID } from "../provenance/context.ts";
import { markdownCode as code, markdownText as text } from "../_markdown.ts";

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
    lines.push(`| ${code(s.name, { table: true })} | \`${s.sha256}\` | ${s.size} |`);
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
    `Read from: ${
      inv.sources.length > 0 ? inv.sources.map((s) => code(s)).join(", ") : "no manifest found"
    }`,
    "",
  );
  if (inv.unread.length > 0) {
    lines.push(
      `Not read (the components they list are missing from the SBOMs): ${
        inv.unread.map((s) => code(s)).join(", ")
      }`,
      "",
    );
  }
  if (inv.declared_only.length > 0) {
    lines.push(
      "Declared, not resolved (no lockfile resolves them: versions only where pinned, no " +
        `transitive dependencies): ${inv.declared_only.map((s) => code(s)).join(", ")}`,
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
  for (const f of index.files) {
    lines.push(`| ${code(f.path, { table: true })} | \`${f.sha256}\` | ${f.size} |`);
  }
  lines.push(
    "",
    "`provenance.intoto.json` names the SHA-256 of each file above and of this summary, so the " +
      "signatures over it cover them all.",
    "",
  );
  return lines.join("\n");
}
