// Private: the merge of every file's reader output into one, with each
// manifest folded into the lockfiles that resolve it.
import { posix } from "node:path";
import { OutputBuilder } from "./_builder.ts";
import { packageKey } from "./purl.ts";
import type { Reader, ReaderResult } from "./_reader.ts";
import type { Component, Ecosystem, Edge, ReaderOutput } from "./types.ts";
import { ROOT_ID } from "./types.ts";

/** One file read: its path, its reader and what the reader made of it. */
export interface ReadFile {
  /** Path relative to the project root, `/`-separated. */
  path: string;
  /** The reader. */
  reader: Reader;
  /** Its output. */
  output: ReaderResult;
}

/**
 * Folds a manifest into the lockfiles that resolve it. Each declaration
 * becomes a partial component with the id of every locked package of the same
 * name (by the ecosystem's name rule; direct, with the declared scopes, groups
 * and source), which the merge unites with the locked one; declarations the
 * locks do not have (build requirements, members' own packages, stale
 * entries) are dropped: the lockfile says what ships. A workspace member's
 * manifest (its project is a member of the locks) declares from that member,
 * not from the root; a declaration that names a member links to it.
 */
function foldManifest(
  manifest: ReaderResult,
  locks: readonly ReaderResult[],
  ecosystem: Ecosystem,
): ReaderOutput {
  const key = (name: string): string => packageKey(ecosystem, name);
  const locked = Map.groupBy(locks.flatMap((l) => l.components), (c) => key(c.name));
  const members = Map.groupBy(locks.flatMap((l) => l.members), (m) => key(m.name));
  const projectName = manifest.project?.name;
  const self = (projectName === undefined ? undefined : members.get(key(projectName))?.[0]?.id) ??
    ROOT_ID;
  const targets = new Map<string, string[]>();
  const components: Component[] = [];
  for (const declared of manifest.components) {
    const matches = locked.get(key(declared.name)) ?? [];
    const linked = (members.get(key(declared.name)) ?? []).map((m) => m.id);
    targets.set(declared.id, [...matches.map((m) => m.id), ...linked]);
    for (const target of matches) {
      components.push({
        id: target.id,
        ecosystem: target.ecosystem,
        name: target.name,
        version: target.version,
        purl: target.purl,
        hashes: [],
        direct: true,
        scopes: declared.scopes,
        groups: declared.groups,
        sources: declared.sources,
      });
    }
  }
  const edges: Edge[] = [];
  for (const edge of manifest.edges) {
    const from = edge.from === ROOT_ID ? [self] : targets.get(edge.from) ?? [];
    for (const f of from) {
      for (const to of targets.get(edge.to) ?? []) {
        if (f !== to) edges.push({ from: f, to, scope: edge.scope });
      }
    }
  }
  return { members: manifest.members, components, edges };
}

/** Every folder from a file's own up to the root (`.`). */
function foldersUp(path: string): string[] {
  const out: string[] = [];
  for (let dir = posix.dirname(path);; dir = posix.dirname(dir)) {
    out.push(dir);
    if (dir === "." || dir === "/" || dir === "") return out;
  }
}

/**
 * Merges the outputs of every file read. A manifest is folded into the
 * lockfiles of its ecosystem in the nearest folder that has any, its own or
 * one above (see {@linkcode foldManifest}); a manifest without such a lock
 * keeps its declarations. The order of `files` does not matter.
 *
 * @param files The files read, with their outputs.
 * @returns One output: components unique by id, every edge end known.
 */
export function mergeOutputs(files: readonly ReadFile[]): ReaderOutput {
  const locks = new Map<string, ReaderResult[]>();
  for (const f of files) {
    if (f.reader.kind !== "lock") continue;
    const where = `${f.reader.ecosystem}\u0000${posix.dirname(f.path)}`;
    locks.set(where, [...(locks.get(where) ?? []), f.output]);
  }
  const builder = new OutputBuilder();
  for (const f of files) {
    const { ecosystem, kind } = f.reader;
    const resolving = kind !== "manifest" ? undefined : foldersUp(f.path)
      .map((dir) => locks.get(`${ecosystem}\u0000${dir}`))
      .find((list) => list !== undefined);
    builder.addOutput(resolving ? foldManifest(f.output, resolving, ecosystem) : f.output);
  }
  return builder.build({ danglingEdges: "throw" });
}

/**
 * Whether a manifest at `path` is resolved by a lockfile of `ecosystem` that
 * was read in its folder or a folder above.
 *
 * @param path The manifest's path.
 * @param ecosystem The ecosystem its packages belong to.
 * @param files The files read.
 * @returns `true` when such a lockfile was read.
 */
export function resolvedByLock(
  path: string,
  ecosystem: Ecosystem,
  files: readonly ReadFile[],
): boolean {
  const folders = new Set(foldersUp(path));
  return files.some((f) =>
    f.reader.kind === "lock" && f.reader.ecosystem === ecosystem &&
    folders.has(posix.dirname(f.path))
  );
}
