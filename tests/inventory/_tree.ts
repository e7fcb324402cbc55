// Helpers for readers that load other files of the tree, and an SBOM check for whole projects.
import assert from "node:assert/strict";
import type { Load } from "../../src/inventory/_reader.ts";
import type { Inventory } from "../../src/inventory/types.ts";
import { toCycloneDx, toSpdx } from "../../src/sbom/mod.ts";
import { validateCycloneDx, validateSpdx } from "../_schemas.ts";
import { SHARED_DIR } from "../_util.ts";

/**
 * A `load` over a folder, as the scan gives readers (invalid UTF-8 decoded with U+FFFD).
 *
 * @param root The folder standing for the tree's root.
 * @param loaded Collects the paths loaded, when given.
 * @returns The loader.
 */
export function treeLoad(root: string, loaded?: string[]): Load {
  return (path) => {
    try {
      const text = Deno.readTextFileSync(`${root}/${path}`);
      loaded?.push(path);
      return text;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return undefined;
      throw error;
    }
  };
}

/**
 * Asserts that both SBOMs of an inventory pass their validators (SPDX only where ../shared is).
 *
 * @param inventory The inventory.
 * @param label What it is, for messages.
 */
export async function assertSbomsValid(inventory: Inventory, label: string): Promise<void> {
  const options = {
    created: new Date(0),
    reproducible: true,
    tool: { name: "vouch", version: "t" },
  };
  assert.deepEqual(await validateCycloneDx(await toCycloneDx(inventory, options)), [], label);
  if (SHARED_DIR !== undefined) {
    assert.deepEqual(validateSpdx(await toSpdx(inventory, options)), [], label);
  }
}
