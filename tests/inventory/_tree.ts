// Helpers for readers that load other files of the tree, and an SBOM check for whole projects.
import assert from "node:assert/strict";
import type { Load, ReaderContext } from "../../src/inventory/_reader.ts";
import { decodeText } from "../../src/inventory/_files.ts";
import type { Inventory } from "../../src/inventory/types.ts";
import { toCycloneDx, toSpdx } from "../../src/sbom/mod.ts";
import { validateCycloneDx, validateSpdx } from "../_schemas.ts";
import { SHARED_DIR } from "../_util.ts";

/**
 * A reader context over a folder, as the scan gives readers: `load` decodes
 * as the inventory does (strict UTF-8, or an XML file's declared encoding;
 * `code` is the error code of a decoding error), `list` names the subfolders,
 * `files` the files.
 *
 * @param root The folder standing for the tree's root.
 * @param options `loaded` collects the paths loaded; `code` (default
 *   `inventory.test.invalid`) is the decoding error's code.
 * @returns The context.
 */
export function treeContext(
  root: string,
  options: { loaded?: string[]; code?: string } = {},
): ReaderContext {
  const entries = (folder: string, kind: (e: Deno.DirEntry) => boolean): string[] | undefined => {
    try {
      return [...Deno.readDirSync(`${root}/${folder}`)].filter(kind).map((e) => e.name).sort();
    } catch {
      return undefined;
    }
  };
  return {
    load: (path) => {
      let bytes: Uint8Array;
      try {
        bytes = Deno.readFileSync(`${root}/${path}`);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) return undefined;
        throw error;
      }
      options.loaded?.push(path);
      return decodeText(bytes, path, {
        code: options.code ?? "inventory.test.invalid",
        utf16: true,
      });
    },
    list: (folder) => entries(folder, (e) => e.isDirectory),
    files: (folder) => entries(folder, (e) => e.isFile),
  };
}

/**
 * The `load` of {@linkcode treeContext}.
 *
 * @param root The folder standing for the tree's root.
 * @param loaded Collects the paths loaded, when given.
 * @returns The loader.
 */
export function treeLoad(root: string, loaded?: string[]): Load {
  return treeContext(root, { loaded }).load;
}

/**
 * Asserts that both SBOMs of an inventory pass their validators (SPDX only where ../shared is).
 *
 * @param inventory The inventory.
 * @param label What it is, for messages.
 */
export async function assertSbomsValid(inventory: Inventory, label: string): Promise<void> {
  assert.deepEqual(await validateCycloneDx(await toCycloneDx(inventory, SBOM_OPTIONS)), [], label);
  if (SHARED_DIR !== undefined) {
    assert.deepEqual(validateSpdx(await toSpdx(inventory, SBOM_OPTIONS)), [], label);
  }
}

/** The SBOM options of these checks: reproducible, at the epoch. */
const SBOM_OPTIONS = {
  created: new Date(0),
  reproducible: true,
  tool: { name: "vouch", version: "t" },
};

/**
 * Where both SBOMs of an inventory say a component comes from: its CycloneDX
 * `externalReferences` and its SPDX package's `downloadLocation`.
 *
 * @param inventory The inventory.
 * @param purl The component's purl.
 * @returns The references (type and URL) and the download location.
 */
export async function sbomLocations(
  inventory: Inventory,
  purl: string,
): Promise<{ references: { type: string; url: string }[]; downloadLocation?: string }> {
  const cdx = (await toCycloneDx(inventory, SBOM_OPTIONS)).components.find((c) => c.purl === purl);
  const spdx = (await toSpdx(inventory, SBOM_OPTIONS)).packages.find((p) =>
    p.externalRefs?.some((r) => r.referenceLocator === purl)
  );
  assert.ok(cdx !== undefined && spdx !== undefined, purl);
  return {
    references: (cdx.externalReferences ?? []).map(({ type, url }) => ({ type, url })),
    downloadLocation: spdx.downloadLocation,
  };
}

/**
 * Writes files (path → text) below a folder, creating their folders.
 *
 * @param root The folder.
 * @param files The files, by path relative to `root`.
 */
export async function writeTree(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    const slash = path.lastIndexOf("/");
    if (slash > 0) await Deno.mkdir(`${root}/${path.slice(0, slash)}`, { recursive: true });
    await Deno.writeTextFile(`${root}/${path}`, text);
  }
}
