// Helpers shared by the JavaScript reader tests: the SBOMs of a reader's
// output, and its components by id.
import type { ReaderResult } from "../../../src/inventory/_reader.ts";
import { assertSbomsValid } from "../_tree.ts";

/**
 * Asserts the CycloneDX (and, with ../shared, SPDX) documents of a reader's
 * output are valid.
 *
 * @param out The reader's output.
 * @param path The file it read.
 */
export async function assertValidSboms(out: ReaderResult, path: string): Promise<void> {
  await assertSbomsValid({
    project: out.project ?? { name: "project" },
    members: out.members,
    components: out.components,
    edges: out.edges,
    sources: [path],
  }, path);
}

/**
 * The components by id.
 *
 * @param out A reader's output.
 * @returns id → component.
 */
export function byId(out: ReaderResult): Map<string, ReaderResult["components"][number]> {
  return new Map(out.components.map((c) => [c.id, c]));
}
