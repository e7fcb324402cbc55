// Helpers shared by the JavaScript reader tests: the SBOMs of a reader's
// output, and its components by id.
import type { ReaderResult } from "../../../src/inventory/_reader.ts";
import assert from "node:assert/strict";
import { assertSbomsValid } from "../_tree.ts";

/**
 * Asserts the CycloneDX (and, with ../shared, SPDX) documents of a reader's
 * output are valid.
 *
 * @param out The reader's output.
 * @param path The file it read.
 */
export async function assertValidSboms(out: ReaderResult, path: string): Promise<void> {
  await assertSbomsValid({
    project: out.project ?? { name: "project" },
    members: out.members,
    components: out.components,
    edges: out.edges,
    sources: [path],
  }, path);
}

/**
 * The components by id.
 *
 * @param out A reader's output.
 * @returns id → component.
 */
export function byId(out: ReaderResult): Map<string, ReaderResult["components"][number]> {
  return new Map(out.components.map((c) => [c.id, c]));
}

/**
 * The package.json files of a project (`app`, member `packages/a`) whose
 * member declares `zod`, which a lock older than it does not record.
 */
export const STALE_MEMBER_FILES: Readonly<Record<string, string>> = {
  "package.json": JSON.stringify({ name: "app", dependencies: { ms: "^2.1.3" } }),
  "packages/a/package.json": JSON.stringify({
    name: "a",
    dependencies: { zod: "^3.23.0" },
    devDependencies: { ms: "^2.1.3" },
    peerDependencies: { react: "^18.0.0" },
  }),
};

/**
 * Asserts a reader's output of a stale lock of {@linkcode STALE_MEMBER_FILES}
 * (it records `ms@2.1.3` only): that one component, and one warning naming
 * `zod` and the command that updates the lock.
 *
 * @param out The reader's output.
 * @param lock The lock's path.
 * @param install The command that updates it.
 */
export function assertStaleMember(out: ReaderResult, lock: string, install: string): void {
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
  assert.deepEqual(out.warnings, [
    `packages/a/package.json declares zod@^3.23.0, which ${lock} does not lock: it is not in ` +
    `the SBOM; run \`${install}\` to update the lock`,
  ]);
}

/**
 * The head of a v9 `pnpm-lock.yaml` as `pnpm install` writes it with the default settings, up to
 * the root importer, whose dependencies are the lines that follow.
 */
export const PNPM_V9_HEAD: readonly string[] = [
  "lockfileVersion: '9.0'",
  "",
  "settings:",
  "  autoInstallPeers: true",
  "  excludeLinksFromLockfile: false",
  "",
  "importers:",
  "",
  "  .:",
];

/** The head of a Berry lock whose root workspace `app` has dependencies (the lines that follow). */
export const BERRY_APP: readonly string[] = [
  "__metadata:",
  "  version: 8",
  "  cacheKey: 10c0",
  "",
  '"app@workspace:.":',
  "  version: 0.0.0-use.local",
  '  resolution: "app@workspace:."',
  "  dependencies:",
];

/**
 * The package.json files of {@linkcode STALE_MEMBER_FILES} with member `packages/a` no longer
 * declaring `ms`, which the locks of {@linkcode assertStaleMember} record for it.
 */
export const UNDECLARED_MEMBER_FILES: Readonly<Record<string, string>> = {
  ...STALE_MEMBER_FILES,
  "packages/a/package.json": JSON.stringify({
    name: "a",
    peerDependencies: { react: "^18.0.0" },
  }),
};

/**
 * Asserts a reader's output of a stale lock of {@linkcode UNDECLARED_MEMBER_FILES}: `ms@2.1.3`
 * as the lock has it, and one warning naming `ms`, the install that refuses the lock and the
 * command that updates it.
 *
 * @param out The reader's output.
 * @param lock The lock's path.
 * @param commands `install` updates the lock; `frozen` refuses it.
 */
export function assertUndeclaredMember(
  out: ReaderResult,
  lock: string,
  commands: { install: string; frozen: string },
): void {
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
  assert.deepEqual(out.warnings, [
    `packages/a/package.json does not declare ms, which ${lock} records for it (a lock older ` +
    `than the package.json, which \`${commands.frozen}\` refuses): the SBOM has it as the lock ` +
    `does; run \`${commands.install}\` to update the lock`,
  ]);
}
