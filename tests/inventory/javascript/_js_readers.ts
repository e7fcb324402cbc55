// Helpers shared by the JavaScript reader tests: loading a fixture or corpus
// folder the way the scan does, and checking the SBOMs of a reader's output.
import assert from "node:assert/strict";
import type { ReaderContext, ReaderResult } from "../../../src/inventory/_reader.ts";
import { toCycloneDx, toSpdx } from "../../../src/sbom/mod.ts";
import { validateCycloneDx, validateSpdx } from "../../_schemas.ts";
import { SHARED_DIR } from "../../_util.ts";

/**
 * A reader context over a folder: `load` decodes as the scan does (invalid
 * UTF-8 becomes U+FFFD), `list` names the subfolders.
 *
 * @param dir The folder standing for the project root.
 * @returns The context.
 */
export function folderContext(dir: string): ReaderContext {
  return {
    load: (path) => {
      try {
        return new TextDecoder().decode(Deno.readFileSync(`${dir}/${path}`));
      } catch {
        return undefined;
      }
    },
    list: (folder) => {
      try {
        return [...Deno.readDirSync(`${dir}/${folder}`)].filter((e) => e.isDirectory)
          .map((e) => e.name).sort();
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Asserts the CycloneDX (and, with ../shared, SPDX) documents of a reader's
 * output are valid.
 *
 * @param out The reader's output.
 * @param path The file it read.
 */
export async function assertValidSboms(out: ReaderResult, path: string): Promise<void> {
  const inventory = {
    project: out.project ?? { name: "project" },
    members: out.members,
    components: out.components,
    edges: out.edges,
    sources: [path],
  };
  const options = {
    created: new Date(0),
    reproducible: true,
    tool: { name: "vouch", version: "test" },
  };
  assert.deepEqual(await validateCycloneDx(await toCycloneDx(inventory, options)), [], path);
  if (SHARED_DIR !== undefined) {
    assert.deepEqual(validateSpdx(await toSpdx(inventory, options)), [], path);
  }
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
