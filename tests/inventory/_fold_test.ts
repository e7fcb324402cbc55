// Manifests folded into the lockfiles that resolve them: the nearest lock of
// the ecosystem in the manifest's folder or above; workspace members declare
// from themselves; what the locks lack is dropped. (The same fixtures are
// golden cases; these tests name the rules.)
import assert from "node:assert/strict";
import { readInventory } from "../../src/inventory/mod.ts";
import { fixture } from "../_util.ts";

async function copyTree(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyTree(`${from}/${e.name}`, `${to}/${e.name}`);
    else if (e.name !== "expected.json") {
      await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
    }
  }
}

Deno.test("uv workspace members' pyproject.toml fold into the root uv.lock", async () => {
  const warnings: string[] = [];
  const inventory = await readInventory(fixture("python", "uv-workspace"), {
    onWarning: (w) => warnings.push(w),
  });
  assert.deepEqual(warnings, [], "a member's unlocked declaration is the lock's business");
  assert.deepEqual(inventory.sources, [
    "packages/lib/pyproject.toml",
    "packages/other/pyproject.toml",
    "pyproject.toml",
    "uv.lock",
  ]);
  assert.deepEqual(inventory.project.name, "ws", "the root folder's identity, not a member's");
  assert.deepEqual(
    inventory.components.map((c) => [c.id, c.direct, c.scopes, c.sources]),
    [
      ["pkg:pypi/idna@3.10", true, ["runtime"], ["packages/lib/pyproject.toml", "uv.lock"]],
      ["pkg:pypi/pytest@8.3.2", true, ["dev"], ["packages/lib/pyproject.toml", "uv.lock"]],
      ["pkg:pypi/requests@2.32.3", true, ["runtime"], ["pyproject.toml", "uv.lock"]],
    ],
    "build requirements and unlocked declarations are not components; every one is pinned",
  );
  const lib = "pkg:pypi/lib";
  const edges = inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`);
  assert.ok(edges.includes(`${lib} pkg:pypi/idna@3.10 runtime`), "declared from the member");
  assert.ok(edges.includes(`${lib} pkg:pypi/ws-other@0.1.0 runtime`), "member to member");
  assert.ok(edges.includes(`${lib} pkg:pypi/pytest@8.3.2 dev`));
  assert.ok(!edges.includes("root pkg:pypi/idna@3.10 runtime"), "not from the root");
  assert.ok(edges.includes("root pkg:pypi/requests@2.32.3 runtime"));
});

Deno.test("a manifest folds into the nearest lock above it, of its own ecosystem only", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await copyTree(fixture("python", "uv-workspace"), dir);
    await Deno.mkdir(`${dir}/svc`);
    await Deno.writeTextFile(`${dir}/svc/requirements.txt`, "requests==2.31.0\n");
    await Deno.writeTextFile(
      `${dir}/svc/pyproject.toml`,
      '[project]\nname = "svc"\ndependencies = ["requests"]\n',
    );
    await Deno.mkdir(`${dir}/rust`);
    await Deno.writeTextFile(
      `${dir}/rust/Cargo.toml`,
      '[package]\nname = "tool"\nversion = "0.1.0"\n\n[dependencies]\nidna = "1"\n',
    );
    await Deno.mkdir(`${dir}/docs`);
    await Deno.writeTextFile(
      `${dir}/docs/pyproject.toml`,
      '[project]\nname = "docs"\ndependencies = ["sphinx>=7", "requests"]\n\n' +
        '[build-system]\nrequires = ["hatchling"]\n',
    );
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(warnings, [
      "docs/pyproject.toml is resolved by uv.lock, which does not lock what it declares (sphinx): " +
      "those are not in the SBOM; lock them there, give docs/ its own lockfile, or --exclude it",
    ]);
    assert.ok(!inventory.components.some((c) => c.name === "sphinx"));
    const requests = inventory.components.filter((c) => c.name === "requests");
    assert.deepEqual(requests.map((c) => c.id), [
      "pkg:pypi/requests@2.31.0",
      "pkg:pypi/requests@2.32.3",
    ]);
    assert.deepEqual(
      requests[0].sources,
      ["svc/pyproject.toml", "svc/requirements.txt"],
      "svc's own lock is nearer than the root's",
    );
    assert.ok(!requests[1].sources.includes("svc/pyproject.toml"));
    const cargo = inventory.components.find((c) => c.ecosystem === "cargo");
    assert.equal(cargo?.id, "pkg:cargo/idna", "no cargo lock: the declaration stays, unpinned");
    assert.equal(cargo?.specifier, "1");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("Cargo.toml folds into Cargo.lock: the locked crates become direct, nothing unpinned", async () => {
  const inventory = await readInventory(fixture("rust", "manifest-and-lock"));
  assert.deepEqual(inventory.project, {
    name: "app",
    purl: "pkg:cargo/app@0.1.0",
    version: "0.1.0",
    license: "MIT",
  });
  assert.deepEqual(inventory.components.map((c) => [c.id, c.direct, c.scopes]), [
    ["pkg:cargo/serde@1.0.210", true, ["dev", "runtime"]],
  ]);
  const edges = inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`);
  assert.ok(edges.includes("pkg:cargo/helper@0.1.0 pkg:cargo/serde@1.0.210 dev"));
});
