/**
 * The checked, ordered view of an inventory that both SBOM writers walk.
 *
 * @module
 */
import { sortedUnique } from "./_common.ts";
import { compareStrings } from "../_util.ts";
import {
  compareEdges,
  type Component,
  type Edge,
  type Inventory,
  type Member,
  ROOT_ID,
} from "../inventory/types.ts";

/** An inventory's nodes and edges in a deterministic order, every reference checked. */
export interface InventoryGraph {
  /** Workspace members, sorted by id. */
  members: Member[];
  /** Third-party components, sorted by id. */
  components: Component[];
  /** Edges, unique, sorted by `from`, `to`, then `scope`. */
  edges: Edge[];
}

/**
 * Orders an inventory and checks that it is a consistent graph.
 *
 * An inconsistent inventory is a bug in whatever built it, so this throws a
 * plain `Error` rather than a user-facing error.
 *
 * @param inventory The inventory.
 * @returns The ordered graph.
 * @throws {Error} When an id is reused (or is {@linkcode ROOT_ID}), or an edge names an unknown node.
 */
export function inventoryGraph(inventory: Inventory): InventoryGraph {
  const known = new Set<string>([ROOT_ID]);
  const claim = ({ id }: { id: string }): void => {
    if (known.has(id)) throw new Error(`inventory bug: node id "${id}" is used more than once`);
    known.add(id);
  };
  inventory.members.forEach(claim);
  inventory.components.forEach(claim);
  for (const edge of inventory.edges) {
    const end = !known.has(edge.from) ? edge.from : !known.has(edge.to) ? edge.to : undefined;
    if (end !== undefined) {
      throw new Error(
        `inventory bug: edge ${edge.from} -> ${edge.to} (${edge.scope}) names unknown node "${end}"`,
      );
    }
  }
  return {
    members: inventory.members.toSorted(byId),
    components: inventory.components.toSorted(byId),
    edges: sortedUnique(inventory.edges, compareEdges),
  };
}

function byId(a: { id: string }, b: { id: string }): number {
  return compareStrings(a.id, b.id);
}
