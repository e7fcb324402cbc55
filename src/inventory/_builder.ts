import type { Component, Edge, Hash, Member, ReaderOutput, Scope } from "./types.ts";
import { ROOT_ID } from "./types.ts";

/** What a reader knows about one component occurrence. */
export interface ComponentInit {
  /** The purl (also the id). */
  purl: string;
  /** Ecosystem of the purl. */
  ecosystem: Component["ecosystem"];
  /** Package name. */
  name: string;
  /** Exact version (absent for unversioned downloads). */
  version?: string;
  /** Recorded hashes. */
  hashes?: Hash[];
  /** Download URL. */
  downloadLocation?: string;
  /** Scopes of this occurrence (runtime when empty). */
  scopes?: Scope[];
  /** Declared directly by the project (when the reader decides it itself). */
  direct?: boolean;
  /** Files that mention it. */
  sources: string[];
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Accumulates members, components and edges, merging repeated components
 * (same purl) and edges, and emits a sorted, dangling-free
 * {@linkcode ReaderOutput}.
 */
export class OutputBuilder {
  #members = new Map<string, Member>();
  #components = new Map<string, Component>();
  #edges = new Map<string, Edge>();

  /**
   * Adds a workspace member (first-party), keeping the first one per id.
   *
   * @param member The member.
   * @returns Its id.
   */
  member(member: Member): string {
    if (!this.#members.has(member.id)) this.#members.set(member.id, member);
    return member.id;
  }

  /**
   * Adds a component, or merges scopes, hashes and sources into the one with the same purl.
   *
   * @param init The occurrence.
   * @returns The component id.
   */
  component(init: ComponentInit): string {
    const scopes: Scope[] = init.scopes?.length ? init.scopes : ["runtime"];
    const existing = this.#components.get(init.purl);
    if (existing === undefined) {
      this.#components.set(init.purl, {
        id: init.purl,
        ecosystem: init.ecosystem,
        name: init.name,
        ...(init.version === undefined ? {} : { version: init.version }),
        purl: init.purl,
        hashes: [...(init.hashes ?? [])],
        downloadLocation: init.downloadLocation,
        direct: init.direct ?? false,
        scopes: [...scopes],
        groups: [],
        sources: [...init.sources],
      });
      return init.purl;
    }
    existing.scopes.push(...scopes);
    existing.hashes.push(...(init.hashes ?? []));
    existing.sources.push(...init.sources);
    existing.direct ||= init.direct ?? false;
    existing.downloadLocation ??= init.downloadLocation;
    return init.purl;
  }

  /**
   * Tells whether a component id is known.
   *
   * @param id A purl.
   * @returns `true` when added.
   */
  hasComponent(id: string): boolean {
    return this.#components.has(id);
  }

  /**
   * Adds an edge (duplicates and self-loops are dropped).
   *
   * @param from Depending node id.
   * @param to Depended-on node id.
   * @param scope The dependency's scope.
   */
  edge(from: string, to: string, scope: Scope): void {
    if (from !== to) this.#edges.set(`${from}\u0000${to}\u0000${scope}`, { from, to, scope });
  }

  /**
   * Emits the sorted output. Edges whose ends are unknown are dropped; unless
   * `direct` was decided by the reader, a component is direct when the root
   * or a member has an edge to it.
   *
   * @param options `directFromEdges`: derive `direct` from root/member edges.
   * @returns The reader output.
   */
  build(options: { directFromEdges: boolean }): ReaderOutput {
    const known = (id: string): boolean =>
      id === ROOT_ID || this.#members.has(id) || this.#components.has(id);
    const edges = [...this.#edges.values()].filter((e) => known(e.from) && known(e.to));
    for (const edge of edges) {
      const to = this.#components.get(edge.to);
      if (options.directFromEdges && to && !this.#components.has(edge.from)) to.direct = true;
    }
    const components = [...this.#components.values()].sort((a, b) => compare(a.id, b.id));
    for (const c of components) {
      c.scopes = [...new Set(c.scopes)].sort(compare);
      c.sources = [...new Set(c.sources)].sort(compare);
      const seen = new Set<string>();
      c.hashes = c.hashes
        .filter((h) => !seen.has(`${h.alg}:${h.hex}`) && seen.add(`${h.alg}:${h.hex}`))
        .sort((a, b) => compare(a.alg, b.alg) || compare(a.hex, b.hex));
      if (c.downloadLocation === undefined) delete c.downloadLocation;
    }
    return {
      members: [...this.#members.values()].sort((a, b) => compare(a.id, b.id)),
      components,
      edges: edges.sort((a, b) =>
        compare(a.from, b.from) || compare(a.to, b.to) || compare(a.scope, b.scope)
      ),
    };
  }
}
