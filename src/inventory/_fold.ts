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
 * `unmatched` names the declarations (build requirements aside) that found
 * neither a locked package nor a member; `member` tells whether the
 * manifest's project is a member of the locks.
 */
function foldManifest(
  manifest: ReaderResult,
  locks: readonly ReaderResult[],
  ecosystem: Ecosystem,
): { output: ReaderOutput; unmatched: string[]; member: boolean } {
  const key = (name: string): string => packageKey(ecosystem, name);
  const locked = Map.groupBy(locks.flatMap((l) => l.components), (c) => key(c.name));
  const members = Map.groupBy(locks.flatMap((l) => l.members), (m) => key(m.name));
  const projectName = manifest.project?.name;
  const self = (projectName === undefined ? undefined : members.get(key(projectName))?.[0]?.id) ??
    ROOT_ID;
  const targets = new Map<string, string[]>();
  const components: Component[] = [];
  const unmatched: string[] = [];
  for (const declared of manifest.components) {
    const matches = locked.get(key(declared.name)) ?? [];
    const linked = (members.get(key(declared.name)) ?? []).map((m) => m.id);
    targets.set(declared.id, [...matches.map((m) => m.id), ...linked]);
    if (matches.length + linked.length === 0 && declared.scopes.some((s) => s !== "build")) {
      unmatched.push(declared.name);
    }
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
  return {
    output: { members: manifest.members, components, edges },
    unmatched,
    member: self !== ROOT_ID,
  };
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
 * keeps its declarations. The order of `files` does not matter. A manifest
 * folded into a lock of a folder above that does not know its project (not a
 * workspace member), and whose declarations that lock lacks, gives a warning:
 * those declarations are not in the inventory.
 *
 * @param files The files read, with their outputs.
 * @returns One output (components unique by id, every edge end known) and the warnings.
 */
export function mergeOutputs(
  files: readonly ReadFile[],
): { output: ReaderOutput; warnings: string[] } {
  const locks = new Map<string, ReadFile[]>();
  for (const f of files) {
    if (f.reader.kind !== "lock") continue;
    const where = `${f.reader.ecosystem}\u0000${posix.dirname(f.path)}`;
    locks.set(where, [...(locks.get(where) ?? []), f]);
  }
  const builder = new OutputBuilder();
  const warnings: string[] = [];
  for (const f of files) {
    const { ecosystem, kind } = f.reader;
    const resolving = kind !== "manifest" ? undefined : foldersUp(f.path)
      .map((dir) => locks.get(`${ecosystem}\u0000${dir}`))
      .find((list) => list !== undefined);
    if (resolving === undefined) {
      builder.addOutput(f.output);
      continue;
    }
    const folded = foldManifest(f.output, resolving.map((l) => l.output), ecosystem);
    builder.addOutput(folded.output);
    const above = posix.dirname(resolving[0].path) !== posix.dirname(f.path);
    if (above && !folded.member && folded.unmatched.length > 0) {
      const names = folded.unmatched.slice(0, 5).join(", ") +
        (folded.unmatched.length > 5 ? `, … (${folded.unmatched.length} in all)` : "");
      warnings.push(
        `${f.path} is resolved by ${resolving.map((l) => l.path).join(", ")}, which does not ` +
          `lock what it declares (${names}): those are not in the SBOM; lock them there, give ` +
          `${posix.dirname(f.path)}/ its own lockfile, or --exclude it`,
      );
    }
  }
  return { output: builder.build({ danglingEdges: "throw" }), warnings };
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
