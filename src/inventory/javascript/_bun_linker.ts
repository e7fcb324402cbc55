// Private: which of its two linkers Bun installs a bun.lock with, and the graph its isolated
// linker (pnpm-like: `node_modules/.bun/<name>@<version>[+<peer hash>]`) builds, where a
// package's peer dependency is what the nearest package above it on its install path
// provides, not what the lock's hoisted `packages` keys give it.
import { isRecord } from "../../_util.ts";
import { parseToml } from "../_formats/toml.ts";
import type { Reach } from "../_reach.ts";
import { reach } from "../_reach.ts";
import type { Scope } from "../types.ts";

/** A dependency of a workspace or a package of a bun.lock. */
export interface BunDep<E> {
  name: string;
  /** What the lock's keys resolve it to (`parent/name`, nearest parent first): hoisted. */
  to: E | undefined;
  scope: Scope;
  peer: boolean;
}

/**
 * Whether `bun install` links the lock with its isolated linker: `linker` of
 * `[install]` in the project's bunfig.toml when it says `isolated` or
 * `hoisted`, else Bun's default, isolated for a lock with `configVersion` 1
 * (Bun 1.3.2 and later write it for a new project) and a workspace besides the
 * root, hoisted otherwise (`configVersion` 0 or none: a project Bun installed
 * before). Bun's `--linker` flag and a global `~/.bunfig.toml` are not in the project.
 *
 * @param lock The parsed bun.lock.
 * @param bunfig The bunfig.toml beside it: its path and text (`undefined` without one).
 * @param options `code`: the error code for invalid TOML.
 * @returns Whether the install is isolated.
 */
export function isolatedLinker(
  lock: Record<string, unknown>,
  bunfig: { path: string; text: string | undefined },
  options: { code: string },
): boolean {
  if (bunfig.text !== undefined) {
    const install = parseToml(bunfig.text, bunfig.path, options.code).install;
    const linker = isRecord(install) ? install.linker : undefined;
    if (linker === "isolated" || linker === "hoisted") return linker === "isolated";
  }
  const version = lock.configVersion;
  const workspaces = isRecord(lock.workspaces) ? Object.keys(lock.workspaces) : [];
  return typeof version === "number" && Number.isInteger(version) && version >= 1 &&
    workspaces.some((folder) => folder !== "");
}

/** A package where Bun's isolated linker installs it: its entry and what its links lead to. */
interface Node<E> {
  entry: E;
  edges: [Node<E>, Scope][];
}

/** What the packages on an install path provide by name, the nearest first. */
interface Frame<E> {
  provides: Map<string, E>;
  parent: Frame<E> | undefined;
}

function lookup<E>(frame: Frame<E> | undefined, name: string): E | undefined {
  for (let f = frame; f !== undefined; f = f.parent) {
    const found = f.provides.get(name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The frame of a workspace or package below `parent`, and its links: a dependency is what
 * the lock resolves it to; a peer, what the package itself or the nearest one above provides
 * under that name, else what the lock resolves it to (Bun installs it), else nothing (an
 * optional peer nobody provides).
 */
function frameOf<E>(
  deps: readonly BunDep<E>[],
  parent: Frame<E> | undefined,
): [Frame<E>, [E, Scope][]] {
  const frame: Frame<E> = { provides: new Map(), parent };
  for (const dep of deps) {
    if (!dep.peer && dep.to !== undefined) frame.provides.set(dep.name, dep.to);
  }
  const links: [E, Scope][] = [];
  for (const dep of deps) {
    const to = dep.peer ? lookup(frame, dep.name) ?? dep.to : dep.to;
    if (to === undefined) continue;
    if (dep.peer) frame.provides.set(dep.name, to);
    links.push([to, dep.scope]);
  }
  return [frame, links];
}

/**
 * For each package, the peer names of its dependency closure that the closure does not
 * provide itself: where it is installed, these alone come from above it. Each name carried
 * to a package above takes one of `budget.steps` ({@linkcode TOO_MANY_STEPS} past them).
 */
function leakingPeers<E>(
  lists: readonly (readonly BunDep<E>[])[],
  entries: ReadonlyMap<E, readonly BunDep<E>[]>,
  budget: { steps: number },
): Map<E, Set<string>> {
  const peerTargets = new Map<string, Set<E>>();
  for (const deps of lists) {
    for (const dep of deps) if (dep.peer) peerTargets.set(dep.name, new Set());
  }
  const leak = new Map<E, Set<string>>();
  if (peerTargets.size === 0) return leak;
  for (const deps of lists) {
    for (const dep of deps) if (dep.to !== undefined) peerTargets.get(dep.name)?.add(dep.to);
  }
  /** The packages whose closure each one is in: to look at again when its set grows. */
  const above = new Map<E, E[]>();
  for (const [entry, deps] of entries) {
    leak.set(entry, new Set());
    for (const dep of deps) {
      const below = dep.peer ? peerTargets.get(dep.name)! : dep.to === undefined ? [] : [dep.to];
      for (const to of below) {
        const list = above.get(to);
        if (list === undefined) above.set(to, [entry]);
        else list.push(entry);
      }
    }
  }
  // The sets only grow, so a worklist reaches the fixpoint.
  const queue = [...entries.keys()];
  const queued = new Set(queue);
  for (let i = 0; i < queue.length; i++) {
    const entry = queue[i];
    queued.delete(entry);
    const deps = entries.get(entry)!;
    const next = new Set<string>();
    for (const dep of deps) {
      if (dep.peer) next.add(dep.name);
      const below = dep.peer ? peerTargets.get(dep.name)! : dep.to === undefined ? [] : [dep.to];
      for (const to of below) {
        for (const name of leak.get(to) ?? []) {
          if (--budget.steps < 0) throw TOO_MANY_STEPS;
          next.add(name);
        }
      }
    }
    for (const dep of deps) if (!dep.peer && dep.to !== undefined) next.delete(dep.name);
    if (next.size === leak.get(entry)!.size) continue;
    leak.set(entry, next);
    for (const parent of above.get(entry) ?? []) {
      if (queued.has(parent)) continue;
      queued.add(parent);
      queue.push(parent);
    }
  }
  return leak;
}

/**
 * The steps {@linkcode isolatedGraph} may take, per package and beyond: a peer name carried
 * to a package above, a step up an install path in search of a peer. A real lock takes a few
 * per package (midday, made isolated: 5,053 up paths for 2,820 packages, in 2,818 copies),
 * while one built so that peers resolve differently down every path doubles the copies at
 * each level (2^n for n levels) and carries n names through n² places. Each copy past a
 * package's first costs at least one step, so this bounds the copies too.
 */
const STEPS_PER_PACKAGE = 100;
const MORE_STEPS = 100_000;

/** Thrown inside {@linkcode isolatedGraph} when its steps run out. */
const TOO_MANY_STEPS = new Error("too many steps");

/** The isolated install of a bun.lock, by entry. */
export interface IsolatedGraph<E> {
  /** Each workspace's links (as `workspaces` was given). */
  firstEdges: [E, Scope][][];
  /** The links of each installed package, over every place it is installed. */
  targets: Map<E, [E, Scope][]>;
  /** What each kind of path reaches, by entry. */
  reached: Reach;
}

/**
 * The graph Bun's isolated linker installs (its `build_store`): each workspace's packages
 * below it, each package's peers linked to what the nearest package above it provides by
 * that name (Bun's search up the install path), else to what the lock resolves them to. A
 * package is installed once per resolution of the peers its closure leaves open (Bun's
 * `+<peer hash>` store entries); one already on its own path links back to it.
 *
 * @param workspaces The dependencies of each workspace, the project's (`""`) first: the
 *   others are installed below it.
 * @param entries The dependencies of every package.
 * @returns Workspace links, package links and scopes; `undefined` when that takes more than
 *   100 steps per package and 100,000 more (a lock built to explode: Bun's would too).
 */
export function isolatedGraph<E extends { key: string }>(
  workspaces: readonly (readonly BunDep<E>[])[],
  entries: ReadonlyMap<E, readonly BunDep<E>[]>,
): IsolatedGraph<E> | undefined {
  const budget = { steps: STEPS_PER_PACKAGE * entries.size + MORE_STEPS };
  let leak: Map<E, Set<string>>;
  const memo = new Map<string, Node<E>>();
  const onPath = new Map<E, Node<E>>();
  /** The packages being linked, the deepest last: each with where its links stand. */
  const stack: { node: Node<E>; frame: Frame<E>; links: [E, Scope][]; next: number }[] = [];
  /** The copy of a package below `parent`: on its own path, known, or a new one to link. */
  const copyOf = (entry: E, parent: Frame<E>): Node<E> => {
    const back = onPath.get(entry);
    if (back !== undefined) return back;
    let id = entry.key;
    for (const name of leak.get(entry) ?? []) {
      // The nearest provider above, each step counted: a lock built so that peers resolve
      // differently down every path would take exponential time.
      let found: E | undefined;
      for (let f: Frame<E> | undefined = parent; f !== undefined; f = f.parent) {
        if (--budget.steps < 0) throw TOO_MANY_STEPS;
        found = f.provides.get(name);
        if (found !== undefined) break;
      }
      id += `\0${found?.key ?? ""}`;
    }
    let node = memo.get(id);
    if (node !== undefined) return node;
    node = { entry, edges: [] };
    memo.set(id, node);
    onPath.set(entry, node);
    const [frame, links] = frameOf(entries.get(entry) ?? [], parent);
    stack.push({ node, frame, links, next: 0 });
    return node;
  };
  /** Links a copy and every new one below it, depth first (a loop: chains may be long). */
  const link = (entry: E, parent: Frame<E>): Node<E> => {
    const node = copyOf(entry, parent);
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next === top.links.length) {
        onPath.delete(top.node.entry);
        stack.pop();
        continue;
      }
      const [to, scope] = top.links[top.next++];
      top.node.edges.push([copyOf(to, top.frame), scope]);
    }
    return node;
  };
  const firstEdges: [E, Scope][][] = [];
  const roots: [Node<E>, Scope][] = [];
  let top: Frame<E> | undefined;
  try {
    leak = leakingPeers([...workspaces, ...entries.values()], entries, budget);
    for (const deps of workspaces) {
      const [frame, links] = frameOf(deps, top);
      top ??= frame;
      firstEdges.push(links);
      for (const [to, scope] of links) roots.push([link(to, frame), scope]);
    }
  } catch (error) {
    if (error === TOO_MANY_STEPS) return undefined;
    throw error;
  }
  const r = reach(roots, (node) => node.edges);
  const byEntry = (nodes: Set<unknown>): Set<unknown> =>
    new Set([...nodes].map((node) => (node as Node<E>).entry));
  // A package's links over its copies: a copy's that another one has already given are left
  // out (one package has few links; most have one copy).
  const targets = new Map<E, [E, Scope][]>();
  for (const node of memo.values()) {
    const list = targets.get(node.entry);
    if (list === undefined) {
      targets.set(node.entry, node.edges.map(([to, scope]) => [to.entry, scope]));
      continue;
    }
    for (const [to, scope] of node.edges) {
      if (!list.some(([known, as]) => known === to.entry && as === scope)) {
        list.push([to.entry, scope]);
      }
    }
  }
  return {
    firstEdges,
    targets,
    reached: {
      prod: byEntry(r.prod),
      dev: byEntry(r.dev),
      runtime: byEntry(r.runtime),
      devRequired: byEntry(r.devRequired),
    },
  };
}
