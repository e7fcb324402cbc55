// Checks every reader output of package_lock, deno_lock, cargo_lock and go_mod must pass.
import assert from "node:assert/strict";
import { VouchError } from "../../src/errors.ts";
import { ROOT_ID } from "../../src/inventory/types.ts";
import type { Component, Hash, ReaderOutput } from "../../src/inventory/types.ts";

/**
 * Asserts ids are unique and sorted, no member is a component, every edge end is known,
 * scopes are never empty and hashes are lowercase hex.
 *
 * @param output A reader's output.
 */
export function assertWellFormed(output: ReaderOutput): void {
  const ids = output.components.map((c) => c.id);
  assert.deepEqual(ids, [...new Set(ids)].sort());
  const members = new Set(output.members.map((m) => m.id));
  for (const id of ids) assert.ok(!members.has(id), `${id} is both member and component`);
  const known = new Set([ROOT_ID, ...members, ...ids]);
  for (const edge of output.edges) {
    assert.ok(known.has(edge.from) && known.has(edge.to), `dangling edge ${JSON.stringify(edge)}`);
  }
  for (const c of output.components) {
    // A patched copy of a package also installed unpatched: its own id, the same purl.
    if (c.id.startsWith("patch:")) assert.ok(c.id.startsWith(`patch:${c.purl}#`) && c.patches);
    else assert.equal(c.id, c.purl);
    assert.ok(c.scopes.length > 0, `${c.id} has no scope`);
    for (const h of c.hashes) assert.match(h.hex, /^[0-9a-f]+$/);
  }
}

/**
 * Asserts a function throws a VouchError with a code and a message matching a pattern.
 *
 * @param run The call.
 * @param code The expected code.
 * @param message The expected message pattern.
 */
export function assertVouchError(run: () => unknown, code: string, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof VouchError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, message);
    assert.ok(error.hint.length > 0);
    return true;
  });
}

/**
 * The ids of the nodes an edge list leads to from a node, with scopes.
 *
 * @param output A reader's output.
 * @param from A node id.
 * @returns `to scope` strings, sorted.
 */
export function edgesFrom(output: ReaderOutput, from: string): string[] {
  return output.edges.filter((e) => e.from === from).map((e) => `${e.to} ${e.scope}`).sort();
}

/**
 * Every hash a component records: its own (one file) and each distribution's.
 *
 * @param component A component.
 * @returns The hashes, own first.
 */
export function allHashes(component: Component): Hash[] {
  return [...component.hashes, ...(component.distributions ?? []).flatMap((d) => d.hashes)];
}
