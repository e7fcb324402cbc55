// Private: the scopes of packages from the paths that reach them, for the
// locks that do not record them (Yarn, bun, pnpm's importers, Poetry 1.5–1.8,
// early PDM 2) and npm's flags for those that do.
import type { Scope } from "./types.ts";

/**
 * npm's flags for a package (package-lock `dev`, `optional`, `devOptional`;
 * pnpm's `dev` and `optional`): which trees it is strictly part of.
 */
export interface NpmFlags {
  /** Only dev paths reach it (an optional dependency of a dev dependency included). */
  dev?: boolean;
  /** Every path that reaches it, dev or not, goes through an optional dependency. */
  optional?: boolean;
  /** No path of plain runtime dependencies reaches it: each has a dev or an optional link. */
  devOptional?: boolean;
}

/**
 * The scopes of a package from npm's flags, as the inventory model reads
 * scopes (see `Component.scopes`): `optional` only for what run time may
 * install. A package only dev paths reach is `dev`, optional or not (npm's
 * `dev` + `optional`: an optional dependency of a dev dependency); one run
 * time reaches only through optional dependencies is `optional`, plus `dev`
 * when the dev tree needs it (npm's `devOptional`); anything else is runtime.
 *
 * @param flags The flags.
 * @returns The scopes.
 */
export function flagScopes(flags: NpmFlags): Scope[] {
  if (flags.dev) return ["dev"];
  if (flags.optional) return ["optional"];
  return flags.devOptional ? ["dev", "optional"] : ["runtime"];
}

/** Which nodes each kind of path from the project reaches. */
export interface Reach {
  /** Reached through a runtime or optional first edge. */
  prod: Set<unknown>;
  /** Reached through a dev first edge. */
  dev: Set<unknown>;
  /** Reached through non-optional edges from a first edge that is neither dev nor optional. */
  runtime: Set<unknown>;
  /** Not in `runtime`, reached through non-optional edges from a dev first edge. */
  devRequired: Set<unknown>;
}

/**
 * Walks a dependency graph from the project's own declarations to tell
 * dev-only and optional-only packages apart (for locks without such flags).
 * A dev edge past the first (a linked folder's own `devDependencies`) leads
 * into the dev closure, not the runtime one.
 *
 * @param roots The first edges: target node and scope.
 * @param next The edges out of a node: target and scope.
 * @returns The reached sets.
 */
export function reach<N>(
  roots: readonly (readonly [N, Scope])[],
  next: (node: N) => readonly (readonly [N, Scope])[],
): Reach {
  const result: Reach = {
    prod: new Set(),
    dev: new Set(),
    runtime: new Set(),
    devRequired: new Set(),
  };
  /** The targets of dev edges met on runtime paths (a linked folder's own devDependencies). */
  const devStarts: N[] = [];
  /**
   * Adds what `start` reaches to `seen` (through non-optional edges only when `required`).
   * Indexed loops: a cold run's for-of makes an iterator and a result object per edge.
   */
  const walk = (seen: Set<unknown>, start: N, required: boolean): void => {
    const onRuntimePath = seen === result.prod || seen === result.runtime;
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i];
      if (seen.has(node) || (seen === result.devRequired && result.runtime.has(node))) continue;
      seen.add(node);
      const edges = next(node);
      for (let j = 0; j < edges.length; j++) {
        const edge = edges[j];
        // A dev edge leads into the dev tree, never the runtime one.
        if (onRuntimePath && edge[1] === "dev") {
          if (seen === result.prod) devStarts.push(edge[0]);
        } else if (!required || edge[1] !== "optional") queue.push(edge[0]);
      }
    }
  };
  for (const [node, scope] of roots) {
    walk(scope === "dev" ? result.dev : result.prod, node, false);
    if (scope !== "dev" && scope !== "optional") walk(result.runtime, node, true);
  }
  for (const node of devStarts) walk(result.dev, node, false);
  // After every runtime walk: what runtime already requires needs no second walk.
  for (const [node, scope] of roots) if (scope === "dev") walk(result.devRequired, node, true);
  for (const node of devStarts) walk(result.devRequired, node, true);
  return result;
}

/**
 * The scopes of a node given what reaches it (runtime when nothing does):
 * npm's flags, computed from the graph, through {@linkcode flagScopes}.
 */
export function reachScopes(r: Reach, node: unknown): Scope[] {
  if (!r.prod.has(node) && !r.dev.has(node)) return ["runtime"];
  const runtime = r.runtime.has(node);
  return flagScopes({
    dev: !r.prod.has(node),
    optional: !runtime && !r.devRequired.has(node),
    devOptional: !runtime,
  });
}
