// Golden-file tests for every reader: one loop over every case folder under
// fixtures/. A case is a folder holding `expected.json` beside real file names
// (`fixtures/<ecosystem>/<case>/uv.lock`, …); the folder is read as a project
// (scan, readers, folding), and the inventory must equal `expected.json`. A
// case below an `invalid/` folder must fail instead: `expected.json` holds the
// error's `code` and `message` (with file:line).
//
// After a deliberate change, rewrite every expected file and review the diff:
//   VOUCH_UPDATE_GOLDEN=1 deno test --allow-read --allow-write --allow-env tests/inventory/golden_test.ts
import assert from "node:assert/strict";
import { readInventory } from "../../src/inventory/mod.ts";
import { isVouchError } from "../../src/errors.ts";
import { toJsonText } from "../../src/bundle/bundle_index.ts";
import { fixture, REPO_ROOT } from "../_util.ts";

const EXPECTED = "expected.json";
const UPDATE = Deno.env.get("VOUCH_UPDATE_GOLDEN") === "1";

/** Every case folder below `dir`, relative to fixtures/, sorted. */
function cases(dir: string, rel = ""): string[] {
  const found: string[] = [];
  const entries = [...Deno.readDirSync(dir)].sort((a, b) => (a.name < b.name ? -1 : 1));
  if (rel !== "" && entries.some((e) => e.isFile && e.name === EXPECTED)) found.push(rel);
  for (const e of entries) {
    if (e.isDirectory) {
      found.push(...cases(`${dir}/${e.name}`, rel === "" ? e.name : `${rel}/${e.name}`));
    }
  }
  return found;
}

/** What reading a case folder gives: the inventory, or the error. */
async function outcome(dir: string): Promise<unknown> {
  try {
    return await readInventory(dir);
  } catch (error) {
    if (!isVouchError(error)) throw error;
    return { code: error.code, message: error.message };
  }
}

const ALL = cases(fixture());

Deno.test("golden cases: at least one valid and one invalid case per ecosystem and format folder", () => {
  // `js/pnpm/v9-workspace` and `js/pnpm/invalid/truncated` are both cases of `js` and `js/pnpm`.
  const groups = (c: string): string[] => {
    const parts = c.split("/");
    return parts.length > 2 && parts[1] !== "invalid" ? [parts[0], parts.slice(0, 2).join("/")] : [
      parts[0],
    ];
  };
  const byGroup = new Map<string, string[]>();
  for (const c of ALL) for (const g of groups(c)) byGroup.set(g, [...byGroup.get(g) ?? [], c]);
  for (const [group, list] of byGroup) {
    assert.ok(list.some((c) => !c.split("/").includes("invalid")), `${group}: a valid case`);
    assert.ok(list.some((c) => c.split("/").includes("invalid")), `${group}: an invalid case`);
  }
  for (
    const format of [
      "js/pnpm",
      "js/yarn",
      "js/bun",
      "js/package-json",
      "php/composer_lock",
      "php/composer_json",
      "ruby/gemfile_lock",
      "ruby/gemfile",
      "python/pipfile_lock",
      "python/pylock",
      "java/maven_pom",
      "java/gradle_lockfile",
      "java/gradle_verification",
      "java/versions_lock",
      "dotnet/nuget_lock",
      "dotnet/msbuild",
      "dotnet/packages_config",
    ]
  ) {
    assert.ok(byGroup.has(format), `${format}: golden cases`);
  }
  for (const c of ALL) {
    assert.ok(!ALL.some((other) => other.startsWith(`${c}/`)), `${c} holds another case`);
  }
});

for (const name of ALL) {
  Deno.test(`golden: ${name}`, async () => {
    const dir = fixture(...name.split("/"));
    const invalid = name.split("/").includes("invalid");
    const actual = await outcome(dir);
    if (invalid) {
      assert.ok(
        typeof actual === "object" && actual !== null && "code" in actual,
        `${name} must fail with a coded error, but it was read`,
      );
    } else {
      assert.ok(!(actual as { code?: string }).code, `${name} failed: ${JSON.stringify(actual)}`);
    }
    const path = `${dir}/${EXPECTED}`;
    if (UPDATE) {
      await Deno.writeTextFile(path, toJsonText(actual));
      return;
    }
    const expected = JSON.parse(await Deno.readTextFile(path));
    assert.deepEqual(
      JSON.parse(JSON.stringify(actual)),
      expected,
      `${name} differs from ${
        path.slice(REPO_ROOT.length + 1)
      } (VOUCH_UPDATE_GOLDEN=1 rewrites it)`,
    );
  });
}
