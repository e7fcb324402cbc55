/**
 * Inventory: finds a project's manifests and lockfiles, runs one reader per
 * file, and merges their outputs into one neutral {@linkcode Inventory}.
 *
 * @module
 */
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { VouchError } from "../errors.ts";
import { sha256Hex } from "../digest.ts";
import { OutputBuilder } from "./_builder.ts";
import { pep503Name } from "./purl.ts";
import type { Component, Edge, Inventory, Project, ReaderOutput } from "./types.ts";
import type { Load, Reader, ReaderResult } from "./_reader.ts";
import { readerFor, READERS, supportedFiles } from "./_registry.ts";

export * from "./types.ts";
export * from "./purl.ts";

/** Folders never scanned for manifests. */
const SKIPPED = new Set([
  "node_modules",
  "target",
  "vendor",
  "venv",
  "__pycache__",
  "site-packages",
]);
/** How deep below the project root the scan goes. */
const MAX_DEPTH = 4;

/** Lists the supported files below `root`, relative and sorted. */
async function scan(root: string, skip: Set<string>): Promise<string[]> {
  const found: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    const entries: Deno.DirEntry[] = [];
    try {
      for await (const e of Deno.readDir(join(root, rel))) entries.push(e);
    } catch (error) {
      if (error instanceof Deno.errors.PermissionDenied) throw unreadable(rel === "" ? "." : rel);
      throw error;
    }
    for (const e of entries) {
      const child = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory) {
        if (
          depth < MAX_DEPTH && !e.name.startsWith(".") && !SKIPPED.has(e.name) && !skip.has(child)
        ) {
          await walk(child, depth + 1);
        }
      } else if (e.isFile && readerFor(child)) {
        found.push(child);
      }
    }
  };
  await walk("", 0);
  return found.sort();
}

/** Options of {@linkcode readInventory}. */
export interface ReadInventoryOptions {
  /** Read exactly these files (relative to the root or absolute) instead of scanning. */
  lockfiles?: string[];
  /** The release, used as the version of a project whose version is dynamic. */
  release?: string;
  /** Folders (relative to the root) not to scan, e.g. the output directory. */
  exclude?: string[];
}

/** An inventory and the SHA-256 of every file it was read from. */
export interface LoadedInventory {
  /** The inventory. */
  inventory: Inventory;
  /** Each file read (relative path) with its SHA-256, sorted by name. */
  inputs: { name: string; sha256: string }[];
}

/**
 * Folds a Python manifest into the locks of its folder: each declaration
 * becomes a partial component with the id of every locked package of the same
 * name (direct, with the declared scopes, groups and source), which the merge
 * unites with the locked one; the manifest's edges point at the locked
 * packages. The unpinned declaration itself is dropped: the lockfile says what
 * ships.
 */
function foldManifest(manifest: ReaderResult, locks: ReaderResult[]): ReaderResult {
  const locked = Map.groupBy(locks.flatMap((l) => l.components), (c) => pep503Name(c.name));
  const targets = new Map<string, Component[]>();
  const components: Component[] = [];
  for (const declared of manifest.components) {
    const matches = locked.get(pep503Name(declared.name)) ?? [];
    targets.set(declared.id, matches);
    for (const target of matches) {
      components.push({
        ...target,
        direct: true,
        scopes: declared.scopes,
        groups: declared.groups,
        sources: declared.sources,
        hashes: [],
        downloadLocation: undefined,
        license: undefined,
      });
    }
  }
  const edges: Edge[] = manifest.edges.flatMap((e) =>
    (targets.get(e.to) ?? [{ id: e.to }]).map((t) => ({ ...e, to: t.id }))
  );
  return { ...manifest, components, edges };
}

/** Merges the outputs, each Python manifest folded into its folder's locks. */
function merge(outputs: { path: string; reader: Reader; output: ReaderResult }[]): ReaderOutput {
  const builder = new OutputBuilder();
  for (const group of Map.groupBy(outputs, (o) => dirname(o.path)).values()) {
    const locks = group.filter((o) => o.reader.ecosystem === "pypi" && o.reader.kind === "lock")
      .map((o) => o.output);
    for (const o of group) {
      const manifest = o.reader.ecosystem === "pypi" && o.reader.kind === "manifest" &&
        locks.length > 0;
      builder.addOutput(manifest ? foldManifest(o.output, locks) : o.output);
    }
  }
  return builder.build({ danglingEdges: "throw" });
}

function outsideRoot(path: string): VouchError {
  return new VouchError(
    "inventory.outside_root",
    `${path} is outside --project-root: vouch reads only the project's own files`,
    "move the file into the project, or point --project-root at a folder that contains it",
  );
}

function unreadable(path: string): VouchError {
  return new VouchError(
    "inventory.unreadable",
    `${path} cannot be read: permission denied`,
    "make the project's manifests and lockfiles readable",
  );
}

function explicitFiles(root: string, lockfiles: string[]): string[] {
  return lockfiles.map((given) => {
    const rel = relative(root, resolve(root, given)).replaceAll("\\", "/");
    if (!readerFor(rel)) {
      throw new VouchError(
        "inventory.unknown_lockfile",
        `--lockfile ${given}: vouch has no reader for this file name`,
        `name a ${supportedFiles()}`,
      );
    }
    return rel;
  });
}

/**
 * Checks that the project root is a directory.
 *
 * @param root The project root.
 * @throws {VouchError} `project_root.missing` when it is absent or not a directory.
 */
export function checkProjectRoot(root: string): void {
  let isDirectory = false;
  try {
    isDirectory = Deno.statSync(root).isDirectory;
  } catch {
    // reported below
  }
  if (!isDirectory) {
    throw new VouchError(
      "project_root.missing",
      `--project-root ${root} is not a directory`,
      "run from the project folder or pass --project-root DIR",
    );
  }
}

/** The inventory, and the text of every file it was read from (relative path → text). */
async function inventoryAndFiles(
  root: string,
  options: ReadInventoryOptions,
): Promise<{ inventory: Inventory; read: Map<string, { text: string; bytes: Uint8Array }> }> {
  checkProjectRoot(root);
  const absRoot = resolve(root);
  const skip = new Set((options.exclude ?? []).map((p) => relative(absRoot, resolve(absRoot, p))));
  const explicit = options.lockfiles !== undefined && options.lockfiles.length > 0;
  const files = explicit ? explicitFiles(absRoot, options.lockfiles!) : await scan(absRoot, skip);
  const read = new Map<string, { text: string; bytes: Uint8Array }>();
  const realRoot = Deno.realPathSync(absRoot);
  const load: Load = (rel) => {
    const key = rel.replace(/^\.\//, "");
    const known = read.get(key);
    if (known) return known.text;
    let bytes: Uint8Array;
    try {
      const inside = relative(realRoot, Deno.realPathSync(join(absRoot, key)));
      if (inside.startsWith("..") || isAbsolute(inside)) throw outsideRoot(key);
      bytes = Deno.readFileSync(join(absRoot, key));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.IsADirectory) {
        return undefined;
      }
      if (error instanceof Deno.errors.PermissionDenied) throw unreadable(key);
      throw error;
    }
    const text = new TextDecoder().decode(bytes);
    read.set(key, { text, bytes });
    return text;
  };
  const list = (rel: string): string[] | undefined => {
    try {
      const dir = join(absRoot, rel);
      const inside = relative(realRoot, Deno.realPathSync(dir));
      if (inside.startsWith("..") || isAbsolute(inside)) return undefined;
      return [...Deno.readDirSync(dir)].filter((e) => e.isDirectory).map((e) => e.name).sort();
    } catch {
      return undefined;
    }
  };
  if (explicit && !files.includes("pyproject.toml") && load("pyproject.toml") !== undefined) {
    files.push("pyproject.toml");
  }
  const outputs = files.map((path) => {
    const text = load(path);
    if (text === undefined) {
      throw new VouchError(
        `inventory.lockfile_missing.${path}`,
        `--lockfile ${path}: no such file`,
        "check the path; it is relative to --project-root",
      );
    }
    const reader = readerFor(path)!;
    const context = { load, list, release: options.release };
    return { path, reader, output: reader.read(text, path, context) };
  });
  const merged = merge(outputs);
  const rootFirst = [...outputs].sort((a, b) =>
    Number(a.path.includes("/")) - Number(b.path.includes("/")) || READERS.indexOf(a.reader) -
      READERS.indexOf(b.reader)
  );
  const declared = rootFirst.find((o) => o.output.project)?.output.project;
  const project: Project = declared ?? { name: basename(absRoot) };
  if (project.version === undefined && options.release !== undefined) {
    project.version = options.release;
  }
  const sources = [...read.keys()].sort((a, b) => (a < b ? -1 : 1));
  return { inventory: { project, ...merged, sources }, read };
}

/**
 * Reads the inventory of the project at `root` and the digests of the files read.
 *
 * @param root The project root.
 * @param options Which files, the release, folders to skip.
 * @returns The inventory and its inputs.
 * @throws {VouchError} `project_root.missing` when `root` is not a directory;
 *   `inventory.<reader>.invalid` for a malformed file;
 *   `inventory.lockfile_missing.<path>` for a named file that does not exist.
 */
export async function loadInventory(
  root: string,
  options: ReadInventoryOptions = {},
): Promise<LoadedInventory> {
  const { inventory, read } = await inventoryAndFiles(root, options);
  const inputs = await Promise.all(
    inventory.sources.map(async (name) => ({
      name,
      sha256: await sha256Hex(read.get(name)!.bytes),
    })),
  );
  return { inventory, inputs };
}

/**
 * Reads the inventory of the project at `root`: scans for every supported
 * manifest and lockfile (or reads the named ones) and merges what they say.
 *
 * @example
 * ```ts
 * import { readInventory } from "../../mod.ts";
 * const inventory = await readInventory("fixtures/demo");
 * console.log(inventory.components.length);
 * ```
 *
 * @param root The project root.
 * @param options Which files, the release, folders to skip.
 * @returns The inventory.
 * @throws {VouchError} As {@linkcode loadInventory}.
 */
export async function readInventory(
  root: string,
  options: ReadInventoryOptions = {},
): Promise<Inventory> {
  return (await inventoryAndFiles(root, options)).inventory;
}
