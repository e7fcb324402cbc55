// Shared by the reader tests of the second corpus batch: the `invalid/` fixture
// cases of a reader, and one real project read whole through readInventory
// (scan, registry, manifest beside the lock), its graph checked and both SBOMs
// validated against the official schemas.
import { decodeText } from "../../src/inventory/_files.ts";
import assert from "node:assert/strict";
import { type Inventory, readInventory } from "../../src/inventory/mod.ts";
import { toCycloneDx, toSpdx } from "../../src/sbom/mod.ts";
import { fixture, SHARED_DIR } from "../_util.ts";
import { assertVouchError } from "./_lockfile_invariants.ts";
import { runCli } from "../../src/cli/main.ts";
import { fakeIo } from "../cli/_fake_io.ts";
import { validateCycloneDx, validateSpdx } from "../_schemas.ts";

const OPTIONS = {
  created: new Date(0),
  reproducible: true,
  tool: { name: "vouch", version: "test" },
};

/**
 * Reads a project folder with the scan, checks that ids are unique, that no
 * member is a component and that every edge end is known, and validates the
 * CycloneDX document (and the SPDX one, whose schema is in `../shared/`, when
 * that is there).
 *
 * @param root The project folder.
 * @returns The inventory, for the caller's own assertions.
 */
export async function readValidProject(root: string): Promise<Inventory> {
  const inventory = await readInventory(root);
  const ids = new Set(inventory.components.map((c) => c.id));
  assert.equal(ids.size, inventory.components.length, `${root}: unique ids`);
  const members = new Set(inventory.members.map((m) => m.id));
  for (const m of members) assert.ok(!ids.has(m), `${root}: member ${m} is not a component`);
  for (const e of inventory.edges) {
    for (const end of [e.from, e.to]) {
      assert.ok(end === "root" || ids.has(end) || members.has(end), `${root}: edge end ${end}`);
    }
  }
  assert.deepEqual(await validateCycloneDx(await toCycloneDx(inventory, OPTIONS)), [], root);
  if (SHARED_DIR !== undefined) {
    assert.deepEqual(validateSpdx(await toSpdx(inventory, OPTIONS)), [], root);
  }
  return inventory;
}

/**
 * {@linkcode readValidProject} of `../shared/corpus/<dir>`; call it only when
 * `skipWithoutShared` said `../shared/` is there.
 *
 * @param dir The corpus folder name.
 * @returns The inventory.
 */
export function readCorpusProject(dir: string): Promise<Inventory> {
  return readValidProject(`${SHARED_DIR}/corpus/${dir}`);
}

/**
 * Reads each `fixtures/<dir…>/invalid/<case>/<file>` (bytes decoded as the inventory does,
 * as the inventory does) and asserts the reader refuses it with the code and
 * a message matching the pattern.
 *
 * @param dir The reader's fixture folder, e.g. `["php", "composer_lock"]`.
 * @param file The lockfile's name, e.g. `composer.lock`.
 * @param read The reader, given the text and the file name as its path.
 * @param cases `[case, code, message pattern]` triples.
 */
export function assertInvalidFixtures(
  dir: string[],
  file: string,
  read: (text: string, path: string) => unknown,
  cases: [string, string, RegExp][],
): void {
  for (const [name, code, message] of cases) {
    const bytes = Deno.readFileSync(fixture(...dir, "invalid", name, file));
    assertVouchError(
      () => read(decodeText(bytes, file, { code, utf16: true }), file),
      code,
      message,
    );
  }
}

/**
 * Runs `vouch sbom --project-root fixtures/<dir…>/invalid/<case>` in process
 * and asserts that it exits 2 with the code (and the message, when given) on
 * stderr and nothing on stdout.
 *
 * @param dir The reader's fixture folder.
 * @param name The invalid case.
 * @param code The expected error code.
 * @param message The expected message, when it is checked too.
 */
export async function assertSbomRefuses(
  dir: string[],
  name: string,
  code: string,
  message?: string,
): Promise<void> {
  const io = fakeIo();
  const exit = await runCli(["sbom", "--project-root", fixture(...dir, "invalid", name)], io);
  assert.equal(exit, 2, io.err);
  assert.equal(io.out, "", "nothing written");
  assert.ok(io.err.includes(code), io.err);
  if (message !== undefined) assert.ok(io.err.includes(message), `${name}: ${io.err}`);
}

/**
 * Runs {@linkcode assertSbomRefuses} on every case of `fixtures/<dir…>/invalid/`
 * (the code and message of its `expected.json`), and checks that each message
 * names the file and line (`path:line: …`) and that the code is the reader's
 * `inventory.<reader>.invalid`.
 *
 * @param dir The reader's fixture folder, e.g. `["php", "composer_lock"]`.
 * @param code The reader's code, e.g. `inventory.composer_lock.invalid`.
 * @returns The cases run, for the caller to check which bad inputs are covered.
 */
export async function assertSbomRefusesEvery(dir: string[], code: string): Promise<string[]> {
  const names = [...Deno.readDirSync(fixture(...dir, "invalid"))]
    .filter((e) => e.isDirectory).map((e) => e.name).sort();
  for (const name of names) {
    const expected = JSON.parse(
      Deno.readTextFileSync(fixture(...dir, "invalid", name, "expected.json")),
    ) as { code: string; message: string };
    assert.equal(expected.code, code, name);
    assert.match(expected.message, /^[^\s:]+(?:\/[^\s:]+)*:\d+(?::\d+)?: /, `${name}: file:line`);
    await assertSbomRefuses(dir, name, expected.code, expected.message);
  }
  return names;
}
