// readInventory: detection, the manifest/lockfile merge, and SBOM validity
// for every fixture and every real-world corpus project.
import assert from "node:assert/strict";
import { checkProjectRoot, loadInventory, readInventory } from "../../src/inventory/mod.ts";
import { toCycloneDx, toSpdx } from "../../src/sbom/mod.ts";
import { fixture, SHARED_DIR, skipWithoutShared } from "../_util.ts";
import { validateCycloneDx, validateSpdx } from "../_schemas.ts";
import type { Inventory } from "../../src/inventory/types.ts";
import { isVouchError } from "../../src/errors.ts";

const OPTIONS = {
  created: new Date(0),
  reproducible: true,
  tool: { name: "vouch", version: "test" },
};

async function assertValidSboms(inventory: Inventory, label: string): Promise<void> {
  assert.deepEqual(await validateCycloneDx(await toCycloneDx(inventory, OPTIONS)), [], label);
  if (SHARED_DIR !== undefined) {
    assert.deepEqual(validateSpdx(await toSpdx(inventory, OPTIONS)), [], label);
  }
}

function assertGraph(inventory: Inventory, label: string): void {
  const ids = new Set(inventory.components.map((c) => c.id));
  assert.equal(ids.size, inventory.components.length, `${label}: unique ids`);
  const members = new Set(inventory.members.map((m) => m.id));
  for (const m of members) assert.ok(!ids.has(m), `${label}: member ${m} is not a component`);
  for (const e of inventory.edges) {
    assert.ok(e.from === "root" || ids.has(e.from) || members.has(e.from), `${label}: ${e.from}`);
    assert.ok(e.to === "root" || ids.has(e.to) || members.has(e.to), `${label}: ${e.to}`);
  }
}

Deno.test("demo: the lockfile says what ships, the manifest says what is direct", async () => {
  const { inventory, inputs } = await loadInventory(fixture("demo"));
  assert.deepEqual(inventory.sources, ["pyproject.toml", "uv.lock"]);
  assert.deepEqual(inputs.map((i) => i.name), inventory.sources);
  assert.match(inputs[0].sha256, /^[0-9a-f]{64}$/);
  assert.equal(inventory.project.name, "demo_app");
  assert.equal(inventory.project.version, "1.0.0");
  assert.equal(inventory.components.length, 13);
  const byName = new Map(inventory.components.map((c) => [c.name, c]));
  assert.deepEqual(
    inventory.components.filter((c) => c.direct).map((c) => c.name).sort(),
    ["click", "pysocks", "pytest", "requests", "ruff"],
  );
  assert.ok(byName.get("pytest")!.scopes.includes("dev"));
  assert.ok(byName.get("pysocks")!.scopes.includes("optional"));
  assert.ok(byName.get("requests")!.scopes.includes("runtime"));
  assert.ok(!byName.has("hatchling"), "build requirements not in the lock are not components");
  assert.ok(
    inventory.components.every((c) => c.version !== undefined),
    "every component is pinned",
  );
  assert.ok(inventory.edges.some((e) => e.from === "root" && e.to === byName.get("requests")!.id));
  assert.ok(
    inventory.edges.some((e) =>
      e.from === byName.get("requests")!.id && e.to === byName.get("idna")!.id
    ),
  );
  assertGraph(inventory, "demo");
  await assertValidSboms(inventory, "demo");
});

Deno.test("the manifest is folded into poetry.lock and pdm.lock too, whatever the file order", async () => {
  for (
    const lockfiles of [["poetry.lock"], ["pyproject.toml", "poetry.lock"], [
      "poetry.lock",
      "pyproject.toml",
    ]]
  ) {
    const inventory = await readInventory(fixture("python"), { lockfiles });
    const byName = new Map(inventory.components.map((c) => [c.name.toLowerCase(), c]));
    assert.equal(byName.get("pytest")?.direct, true, lockfiles.join(","));
    assert.ok(byName.get("pytest")!.scopes.includes("dev"), lockfiles.join(","));
    assert.ok(byName.get("pytest")!.sources.includes("pyproject.toml"));
    assert.equal(byName.get("tomli")?.direct, true);
    assert.ok(
      byName.get("tomli")!.version !== undefined,
      "the locked version, not the declaration",
    );
    assert.ok(inventory.edges.some((e) => e.from === "root" && e.to === byName.get("pytest")!.id));
    assert.ok(inventory.components.every((c) => c.version !== undefined), "no unpinned leftovers");
  }
});

Deno.test("a manifest without a lockfile keeps its declarations, pinned only when pinned", async () => {
  const inventory = await readInventory(fixture("python"), { lockfiles: ["pyproject.toml"] });
  assert.ok(inventory.components.length > 0);
  for (const c of inventory.components) {
    assert.ok(c.version === undefined || c.purl.endsWith(`@${c.version}`), c.id);
    assert.ok(c.direct, c.id);
  }
  assertGraph(inventory, "pyproject only");
  await assertValidSboms(inventory, "pyproject only");
});

Deno.test("every fixture project gives valid SBOMs", async () => {
  const cases: [string, string[] | undefined][] = [
    ["demo", undefined],
    ["js/workspace", undefined],
    ["deno/v4", undefined],
    ["deno/v5", undefined],
    ["rust/workspace", undefined],
    ["rust/v1", undefined],
    ["go/replace", undefined],
    ["python", ["uv.lock"]],
    ["python", ["poetry.lock", "pyproject_poetry.toml"].slice(0, 1)],
    ["python", ["pdm.lock"]],
    ["python", ["requirements/main.txt"]],
  ];
  for (const [dir, lockfiles] of cases) {
    const inventory = await readInventory(fixture(...dir.split("/")), { lockfiles });
    assert.ok(inventory.components.length > 0, dir);
    assertGraph(inventory, `${dir} ${lockfiles ?? ""}`);
    await assertValidSboms(inventory, `${dir} ${lockfiles ?? ""}`);
  }
});

Deno.test("--lockfile errors: unknown name, missing file", async () => {
  for (
    const [lockfiles, code] of [[["README.md"], "inventory.unknown_lockfile"], [
      ["nope/uv.lock"],
      "inventory.lockfile_missing.nope/uv.lock",
    ]] as const
  ) {
    try {
      await readInventory(fixture("demo"), { lockfiles: [...lockfiles] });
      assert.fail("expected an error");
    } catch (error) {
      assert.ok(isVouchError(error));
      assert.equal(error.code, code);
    }
  }
});

Deno.test("a missing root or a file as root is project_root.missing, not an internal error", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/file`, "not a folder");
    const isMissing = (root: string): (e: unknown) => boolean => (e) => {
      assert.ok(isVouchError(e), `expected a VouchError, got ${e}`);
      assert.equal(e.code, "project_root.missing");
      assert.equal(e.message, `--project-root ${root} is not a directory`);
      assert.ok(e.hint.length > 0);
      return true;
    };
    for (const root of [`${dir}/missing`, `${dir}/file`, `${dir}/file/below`]) {
      assert.throws(() => checkProjectRoot(root), isMissing(root), root);
      await assert.rejects(readInventory(root), isMissing(root), root);
      await assert.rejects(loadInventory(root, { lockfiles: ["uv.lock"] }), isMissing(root), root);
    }
    assert.equal(checkProjectRoot(dir), undefined, "a directory passes");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("the scan skips node_modules, target, vendor, hidden folders and excluded folders", async () => {
  const dir = await Deno.makeTempDir();
  const lock = await Deno.readTextFile(fixture("demo", "uv.lock"));
  for (const sub of ["node_modules/x", "target", "vendor", ".venv", "out", "a/b/c/d/e"]) {
    await Deno.mkdir(`${dir}/${sub}`, { recursive: true });
    await Deno.writeTextFile(`${dir}/${sub}/uv.lock`, lock);
  }
  await Deno.mkdir(`${dir}/requirements`);
  await Deno.writeTextFile(`${dir}/requirements/prod.txt`, "idna==3.10\n");
  await Deno.mkdir(`${dir}/svc`);
  await Deno.writeTextFile(`${dir}/svc/uv.lock`, lock);
  const inventory = await readInventory(dir, { exclude: ["out"] });
  assert.deepEqual(inventory.sources, ["requirements/prod.txt", "svc/uv.lock"]);
  await Deno.remove(dir, { recursive: true });
});

const CORPUS: [string, number][] = [
  ["pydantic__pydantic", 174],
  ["modelcontextprotocol__python-sdk", 114],
  ["pallets__flask", 82],
  ["python-poetry__poetry", 78],
  ["Textualize__textual", 111],
  ["pdm-project__pdm", 96],
  ["pypi__warehouse", 184],
  ["readthedocs__readthedocs.org", 120],
  ["psf__black", 39],
  ["open-telemetry__opentelemetry-js", 1435],
  ["markedjs__marked", 617],
  ["denoland__fresh", 856],
  ["astral-sh__ruff", 505],
  ["lapce__lapce", 747],
  ["cli__cli", 158],
];

/** Python projects with a pyproject.toml beside their lockfile. */
const FOLDED = new Set([
  "pydantic__pydantic",
  "modelcontextprotocol__python-sdk",
  "pallets__flask",
  "python-poetry__poetry",
  "Textualize__textual",
  "pdm-project__pdm",
]);

Deno.test({
  name: "corpus: every real project is read whole, with valid SBOMs",
  ignore: skipWithoutShared("the corpus inventory test"),
  fn: async () => {
    for (const [dir, count] of CORPUS) {
      const inventory = await readInventory(`${SHARED_DIR}/corpus/${dir}`);
      assert.equal(inventory.components.length, count, dir);
      if (FOLDED.has(dir)) {
        assert.ok(
          inventory.components.some((c) => c.direct),
          `${dir}: the manifest marks direct packages`,
        );
      }
      assertGraph(inventory, dir);
      await assertValidSboms(inventory, dir);
    }
  },
});

Deno.test("the inventory never reads files outside the project root", async () => {
  const dir = await Deno.makeTempDir();
  const project = `${dir}/project`;
  await Deno.mkdir(project);
  await Deno.writeTextFile(`${dir}/secret.txt`, "idna==3.10\n");
  const expectOutside = async (options: { lockfiles?: string[] } = {}): Promise<void> => {
    await assert.rejects(
      readInventory(project, options),
      (e: unknown) =>
        isVouchError(e) && e.code === "inventory.outside_root" && !e.message.includes("idna"),
    );
  };
  // An include that climbs out of the project.
  await Deno.writeTextFile(`${project}/requirements.txt`, "-r ../secret.txt\n");
  await expectOutside();
  // A lockfile that is a symbolic link to a file outside.
  await Deno.remove(`${project}/requirements.txt`);
  await Deno.symlink(`${dir}/secret.txt`, `${project}/requirements-prod.txt`);
  await expectOutside({ lockfiles: ["requirements-prod.txt"] });
  // --lockfile naming a file outside.
  await Deno.remove(`${project}/requirements-prod.txt`);
  await Deno.copyFile(`${dir}/secret.txt`, `${dir}/requirements.txt`);
  await expectOutside({ lockfiles: ["../requirements.txt"] });
  // Inside the root, an include in a subfolder is fine.
  await Deno.mkdir(`${project}/requirements`);
  await Deno.writeTextFile(`${project}/requirements/base.txt`, "idna==3.10\n");
  await Deno.writeTextFile(`${project}/requirements.txt`, "-r requirements/base.txt\n");
  const inventory = await readInventory(project, { lockfiles: ["requirements.txt"] });
  assert.deepEqual(inventory.sources, ["requirements.txt", "requirements/base.txt"]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("input digests are of the bytes read, as sha256sum computes them", async () => {
  const dir = await Deno.makeTempDir();
  const bytes = new Uint8Array([
    ...new TextEncoder().encode("idna==3.10  # caf"),
    0xc3,
    0xa9,
    0x0a,
  ]);
  await Deno.writeFile(`${dir}/requirements.txt`, bytes);
  const { inputs } = await loadInventory(dir);
  const expected = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)))
    .map((b) => b.toString(16).padStart(2, "0")).join("");
  assert.deepEqual(inputs, [{ name: "requirements.txt", sha256: expected }]);
  await Deno.remove(dir, { recursive: true });
});
