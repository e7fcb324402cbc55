// readInventory: detection, the manifest/lockfile merge, and SBOM validity
// for every fixture and every real-world corpus project.
import assert from "node:assert/strict";
import { basename } from "node:path";
import {
  checkProjectRoot,
  loadInventory,
  MAX_MANIFEST_BYTES,
  readInventory,
} from "../../src/inventory/mod.ts";
import { toCycloneDx, toSpdx } from "../../src/sbom/mod.ts";
import { fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../_util.ts";
import { validateCycloneDx, validateSpdx } from "../_schemas.ts";
import type { Inventory } from "../../src/inventory/types.ts";
import { isVouchError, type VouchError } from "../../src/errors.ts";
import { edgesFrom } from "./_lockfile_invariants.ts";
import { writeTree } from "./_tree.ts";

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

Deno.test("--lockfile errors: unknown name, missing file, a folder", async () => {
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
  // A folder where the file should be is no file, not a missing one ("no such file" misled).
  const [dir, done] = await tempProject({ "uv.lock/x": "x" });
  try {
    await assert.rejects(
      readInventory(dir, { lockfiles: ["uv.lock"] }),
      hasCode("inventory.not_a_file", /^uv\.lock is a folder, not a regular file/),
    );
  } finally {
    await done();
  }
});

// A Helm 2 chart's requirements.lock has the name of Rye's lock, which the requirements reader
// reads: named with --lockfile it was read as requirements and refused as an invalid one.
Deno.test("--lockfile: a Helm chart's requirements.lock is refused as Helm's; Rye's is read", async () => {
  const [dir, done] = await tempProject({
    "chart/Chart.yaml": "apiVersion: v1\nname: app\nversion: 0.1.0\n",
    "chart/requirements.lock": "dependencies:\n- name: postgresql\n" +
      "  repository: https://charts.bitnami.com/bitnami\n  version: 8.6.4\n" +
      "digest: sha256:0a2d7c2dd6b0e6c06e1a3b4fbf0e8a4c4d3b5a2f6c1e8d9a7b3c5e2f4a6d8c1b\n" +
      'generated: "2020-03-05T10:35:03.193346-08:00"\n',
    "api/requirements.lock": "# generated by rye\nidna==3.10\n",
  });
  try {
    await assert.rejects(
      readInventory(dir, { lockfiles: ["chart/requirements.lock"] }),
      hasCode(
        "inventory.unknown_lockfile",
        /^--lockfile chart\/requirements\.lock: vouch has no reader for Helm lockfiles/,
      ),
    );
    const rye = await readInventory(dir, { lockfiles: ["api/requirements.lock"] });
    assert.deepEqual(rye.components.map((c) => c.id), ["pkg:pypi/idna@3.10"]);
  } finally {
    await done();
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
  // The second batch (counted without vouch: see each reader's corpus test; axios: distinct
  // (name, version) of the package-lock `packages` entries under node_modules/, links left out;
  // crewAI: distinct (name, version) of the uv.lock packages without an editable or virtual source).
  ["mermaid-js__mermaid", 2360],
  ["vuejs__vue", 936],
  ["excalidraw__excalidraw", 1441],
  ["jestjs__jest", 2151],
  ["midday-ai__midday", 2262],
  ["wallabag__wallabag", 271],
  ["huginn__huginn", 299],
  ["bridgecrewio__checkov", 161],
  ["library-data-platform__ldlite", 45],
  ["google__gson", 41],
  ["google__nomulus", 738],
  ["Flow-Launcher__Flow.Launcher", 177],
  ["crewAIInc__crewAI", 470],
  ["axios__axios", 1672],
];

/** The projects whose manifests no lockfile resolves: "declared, not resolved". */
const DECLARED_ONLY = new Set(["psf__black", "google__gson"]);

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
      assert.deepEqual(inventory.unread, [], `${dir}: every dependency file is read`);
      assert.equal((inventory.declaredOnly ?? []).length > 0, DECLARED_ONLY.has(dir), dir);
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
  // A folder whose name starts with `..` is inside. Was: inventory.outside_root.
  await Deno.mkdir(`${project}/..vendor`);
  await Deno.writeTextFile(`${project}/..vendor/base.txt`, "idna==3.10\n");
  await Deno.writeTextFile(`${project}/requirements.txt`, "-r ..vendor/base.txt\n");
  const dotted = await readInventory(project, { lockfiles: ["requirements.txt"] });
  assert.deepEqual(dotted.sources, ["..vendor/base.txt", "requirements.txt"]);
  // So is a symbolic link's target there. Was: a link out of the root, unread.
  await Deno.symlink(`${project}/..vendor/base.txt`, `${project}/requirements-dev.txt`);
  const linked = await readInventory(project);
  assert.ok(linked.sources.includes("requirements-dev.txt"), linked.sources.join());
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

/** A temporary project with the given files; removed by the returned function. */
async function tempProject(
  files: Record<string, string | Uint8Array>,
): Promise<[string, () => Promise<void>]> {
  const dir = await Deno.makeTempDir();
  for (const [path, content] of Object.entries(files)) {
    const slash = path.lastIndexOf("/");
    if (slash > 0) await Deno.mkdir(`${dir}/${path.slice(0, slash)}`, { recursive: true });
    if (typeof content === "string") await Deno.writeTextFile(`${dir}/${path}`, content);
    else await Deno.writeFile(`${dir}/${path}`, content);
  }
  return [dir, () => Deno.remove(dir, { recursive: true })];
}

async function mkfifo(path: string): Promise<void> {
  assert.ok((await new Deno.Command("mkfifo", { args: [path] }).output()).success, "mkfifo");
}

function hasCode(code: string, message?: RegExp): (e: unknown) => boolean {
  return (e) => {
    assert.ok(isVouchError(e), `expected a VouchError, got ${e}`);
    assert.equal(e.code, code);
    if (message) assert.match(e.message, message);
    return true;
  };
}

const MINIMAL_LOCK = JSON.stringify(
  {
    name: "app",
    version: "1.0.0",
    lockfileVersion: 3,
    packages: {
      "": { name: "app", version: "1.0.0", dependencies: { ms: "^2.1.3" } },
      "node_modules/ms": { version: "2.1.3", license: "MIT" },
    },
  },
  null,
  2,
);

Deno.test("a FIFO reached as a lockfile, an include (-r extra.txt), go.sum or --lockfile does not hang", async () => {
  const [dir, done] = await tempProject({
    "requirements.txt": "-r extra.txt\n",
    "svc/go.mod": "module example.com/svc\n\ngo 1.22\n",
  });
  try {
    await mkfifo(`${dir}/extra.txt`);
    await mkfifo(`${dir}/svc/go.sum`);
    await mkfifo(`${dir}/uv.lock`);
    const notAFile = (path: string) =>
      hasCode("inventory.not_a_file", new RegExp(`^${path} is a FIFO`));
    await assert.rejects(readInventory(dir, { lockfiles: ["uv.lock"] }), notAFile("uv\\.lock"));
    await assert.rejects(
      readInventory(dir, { lockfiles: ["requirements.txt"] }),
      notAFile("extra\\.txt"),
    );
    await assert.rejects(
      readInventory(dir, { lockfiles: ["svc/go.mod"] }),
      notAFile("svc/go\\.sum"),
    );
    // The scan never opens the FIFO named like a lockfile: it reports it as not read.
    await Deno.remove(`${dir}/requirements.txt`);
    const warnings: string[] = [];
    const { inventory, blockers } = await loadInventory(dir, {
      onWarning: (w) => warnings.push(w),
      exclude: ["svc"],
    });
    assert.deepEqual(inventory.unread, ["uv.lock"]);
    assert.deepEqual(warnings, [
      "uv.lock is not read: it is not a regular file (a FIFO, socket or device)",
      `no manifest or lockfile that vouch reads was found under ${dir}`,
    ]);
    assert.deepEqual(blockers.map((b) => b.code), ["inventory.unread_file", "inventory.none"]);
  } finally {
    await done();
  }
});

Deno.test("a file a reader loads that is a symbolic link loop is inventory.not_a_file, not exit 3 (fuzz)", async () => {
  const [dir, done] = await tempProject({
    "package-lock.json": MINIMAL_LOCK,
    "requirements.txt": "-r extra.txt\n",
  });
  try {
    await Deno.symlink("package.json", `${dir}/package.json`);
    await Deno.symlink("extra-2.txt", `${dir}/extra.txt`);
    await Deno.symlink("extra.txt", `${dir}/extra-2.txt`);
    const loop = (path: string) =>
      hasCode("inventory.not_a_file", new RegExp(`^${path} is a symbolic link loop`));
    await assert.rejects(
      readInventory(dir, { lockfiles: ["package-lock.json"] }),
      loop("package\\.json"),
    );
    await assert.rejects(
      readInventory(dir, { lockfiles: ["requirements.txt"] }),
      loop("extra\\.txt"),
    );
  } finally {
    await done();
  }
});

Deno.test("every manifest read is capped (256 MiB): a larger lockfile is inventory.file_too_large", async () => {
  const [dir, done] = await tempProject({});
  try {
    const file = await Deno.open(`${dir}/package-lock.json`, { create: true, write: true });
    await file.truncate(MAX_MANIFEST_BYTES + 1);
    file.close();
    await assert.rejects(
      readInventory(dir),
      hasCode("inventory.file_too_large", /^package-lock\.json /),
    );
  } finally {
    await done();
  }
});

// A name other tools use too (versions.lock, project.json) is read to tell whose the file is:
// one over the cap is no lock of vouch's readers, and stopped the whole scan.
Deno.test("a file over the cap whose name other tools share is passed over, not an error", async () => {
  const [dir, done] = await tempProject({ "package.json": '{"name":"app","version":"1.0.0"}' });
  try {
    for (const name of ["versions.lock", "project.json"]) {
      const file = await Deno.open(`${dir}/${name}`, { create: true, write: true });
      await file.truncate(MAX_MANIFEST_BYTES + 1);
      file.close();
    }
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.sources, ["package.json"]);
    assert.deepEqual(inventory.unread, []);
  } finally {
    await done();
  }
});

Deno.test("flask==3.1.0 and Flask==1.0 in one requirements file is an error (pip refuses)", async () => {
  const [dir, done] = await tempProject({
    "requirements.txt": "flask==3.1.0\n-r more.txt\n",
    "more.txt": "idna==3.10\nFlask==1.0\n",
  });
  try {
    await assert.rejects(
      readInventory(dir),
      hasCode(
        "inventory.requirements.invalid",
        /^more\.txt:2: "Flask==1\.0" conflicts with "flask==3\.1\.0" at requirements\.txt:1/,
      ),
    );
    // The same pin twice, pins under different markers and two separate files are fine.
    await Deno.writeTextFile(`${dir}/requirements.txt`, "flask==3.1.0\nFlask==3.1\n");
    await Deno.writeTextFile(
      `${dir}/requirements-old.txt`,
      'flask==1.0 ; python_version < "3"\nflask==2.0 ; python_version >= "3"\n',
    );
    await Deno.writeTextFile(`${dir}/requirements-dev.txt`, "flask==2.3.0\n");
    const inventory = await readInventory(dir);
    assert.ok(inventory.components.some((c) => c.id === "pkg:pypi/flask@2.3.0"));
  } finally {
    await done();
  }
});

Deno.test("invalid UTF-8 in a lockfile is an error naming file:line, not U+FFFD", async () => {
  const lock = new TextEncoder().encode(MINIMAL_LOCK.replace('"MIT"', '"MIT-X"'));
  const bad = lock.indexOf(0x58); // the X
  lock[bad] = 0xff;
  const [dir, done] = await tempProject({ "package-lock.json": lock, "sub/requirements.txt": "" });
  try {
    await assert.rejects(
      readInventory(dir),
      hasCode(
        "inventory.package_lock.invalid",
        /^package-lock\.json:15: the file is not valid UTF-8 \(byte 0xff/,
      ),
    );
    // An include is decoded as strictly, with the including reader's code.
    await Deno.remove(`${dir}/package-lock.json`);
    await Deno.writeTextFile(`${dir}/sub/requirements.txt`, "-r ../latin1.txt\n");
    await Deno.writeFile(`${dir}/latin1.txt`, new Uint8Array([0x23, 0x20, 0xe9, 0x0a]));
    await assert.rejects(
      readInventory(dir),
      hasCode("inventory.requirements.invalid", /^latin1\.txt:1: the file is not valid UTF-8/),
    );
    // A file vouch reads on its own is its reader's to refuse, whichever reader loads it first:
    // the package.json the package-lock.json reader loads (it was inventory.package_lock.invalid).
    await Deno.remove(`${dir}/sub`, { recursive: true });
    await Deno.writeTextFile(`${dir}/package-lock.json`, MINIMAL_LOCK);
    await Deno.writeFile(
      `${dir}/package.json`,
      new Uint8Array([...new TextEncoder().encode('{\n  "name": "'), 0xff, 0x22, 0x0a, 0x7d]),
    );
    await assert.rejects(
      readInventory(dir),
      hasCode("inventory.package_json.invalid", /^package\.json:2: the file is not valid UTF-8/),
    );
  } finally {
    await done();
  }
});

Deno.test("duplicate keys in package-lock are an error", async () => {
  const [dir, done] = await tempProject({
    "package-lock.json": MINIMAL_LOCK.replace(
      '"node_modules/ms": {',
      '"node_modules/ms": { "version": "0.0.1" },\n    "node_modules/ms": {',
    ),
  });
  try {
    await assert.rejects(
      readInventory(dir),
      hasCode(
        "inventory.package_lock.invalid",
        /^package-lock\.json:\d+: invalid JSON: duplicate key "node_modules\/ms" in one object/,
      ),
    );
  } finally {
    await done();
  }
});

Deno.test("a lone surrogate escape in package-lock or deno.lock is a coded error, not exit 3", async () => {
  const [dir, done] = await tempProject({
    "package-lock.json": MINIMAL_LOCK.replace('"node_modules/ms"', '"node_modules/m\\udcff"'),
    "deno.lock":
      '{\n  "version": "5",\n  "npm": {\n    "x\\udcff@1.0.0": { "integrity": "" }\n  }\n}\n',
  });
  try {
    await assert.rejects(
      readInventory(dir, { lockfiles: ["package-lock.json"] }),
      hasCode("inventory.package_lock.invalid", /^package-lock\.json:\d+: .*lone UTF-16 surrogate/),
    );
    await assert.rejects(
      readInventory(dir, { lockfiles: ["deno.lock"] }),
      hasCode("inventory.deno_lock.invalid", /^deno\.lock:4: .*lone UTF-16 surrogate/),
    );
  } finally {
    await done();
  }
});

// Found by fuzzing the readers: each input was an internal error, a refusal naming the file
// alone, or a secret in the SBOM or the message.
const REFUSED_AT_THEIR_LINE: [
  what: string,
  files: Record<string, string>,
  code: string,
  message: RegExp,
][] = [
  [
    "a refusal quoting a URL with credentials drops them",
    {
      "pnpm-lock.yaml":
        "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      x:\n" +
        "        specifier: git+https://ci:s3cr3t@git.example/o/x.git#abc\n" +
        "        version: git+https://ci:s3cr3t@git.example/o/x.git#abc\n",
    },
    "inventory.pnpm_lock.invalid",
    /^pnpm-lock\.yaml:\d+: \. depends on x git\+https:\/\/git\.example\/o\/x\.git#abc, /,
  ],
  [
    "a version holding a URL with credentials",
    { "Cargo.toml": '[package]\nname = "app"\nversion = "https://ci:s3cr3t@h.example/x"\n' },
    "inventory.cargo_toml.invalid",
    /^Cargo\.toml:3: .* holds a URL with credentials/,
  ],
  [
    "a purl part made of two fields, one a URL with credentials: the line of that URL",
    {
      "composer.lock": JSON.stringify(
        {
          packages: [{
            name: "acme/sdk",
            version: "1.0.0",
            source: {
              type: "git",
              url: "https://github.com/acme/sdk.git",
              reference: "https://ci:s3cr3t@github.com/o/r.git",
            },
          }],
        },
        null,
        2,
      ),
    },
    "inventory.composer_lock.invalid",
    /^composer\.lock:9: .* holds a URL with credentials/,
  ],
  [
    "a poetry.lock name holding a URL with credentials, found once normalised",
    {
      "poetry.lock":
        '[[package]]\nname = "https://ci:s3cr3t@Pypi.example/simple"\nversion = "1.0"\n' +
        'description = ""\noptional = false\npython-versions = "*"\nfiles = []\n\n' +
        '[metadata]\nlock-version = "2.0"\npython-versions = "*"\ncontent-hash = "x"\n',
    },
    "inventory.poetry_lock.invalid",
    /^poetry\.lock:2: .* holds a URL with credentials/,
  ],
  [
    "a deno.lock npm key that is a URL, not name@version (its user part unquoted)",
    {
      "deno.lock":
        '{\n  "version": "5",\n  "npm": {\n    "git+https://s3cr3t@h.example/o/r.git#abc": {\n' +
        '      "integrity": "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="\n    }\n  }\n}\n',
    },
    "inventory.deno_lock.invalid",
    /^deno\.lock:4: a URL \(git\+https:\/\/…\) is no npm package name$/,
  ],
  [
    "a go.mod require with an empty path element",
    { "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/ v0.14.0\n)\n" },
    "inventory.go_mod.invalid",
    /^go\.mod:6: .*"golang\.org\/x\/" has an empty path element/,
  ],
  // Found by fuzzing: a control character in a name or version went into the purl (%00).
  [
    "a NUL in a gradle.lockfile version",
    { "gradle.lockfile": "com.google.guava:guava:33.0\u0000-jre=runtimeClasspath\nempty=\n" },
    "inventory.gradle_lockfile.invalid",
    /^gradle\.lockfile:1: .*control character U\+0000/,
  ],
  [
    "an ESC in a go.mod module path",
    { "go.mod": "module example.com/app\n\nrequire (\n\tgolang.org/x/\u001bnet v0.1.0\n)\n" },
    "inventory.go_mod.invalid",
    /^go\.mod:4: .*control character U\+001B/,
  ],
  [
    "a SOH in a yarn.lock v1 version",
    {
      "yarn.lock": "# yarn lockfile v1\n\n\n" +
        'is-odd@^3.0.1:\n  version "3.0.1-\u0001"\n  resolved "https://registry.yarnpkg.com/is-odd/-/is-odd-3.0.1.tgz"\n',
    },
    "inventory.yarn_lock.invalid",
    /^yarn\.lock:5: .*control character U\+0001/,
  ],
  // Found by fuzzing: a value inherited from another file (a parent POM's property, over two
  // lines) was named by the file read alone, with no line (core/pom.xml).
  [
    "a parent POM's version property with a newline, used by a module",
    {
      "pom.xml": "<project>\n  <groupId>g</groupId>\n  <artifactId>parent</artifactId>\n" +
        "  <version>1</version>\n  <packaging>pom</packaging>\n  <modules><module>core</module></modules>\n" +
        "  <properties>\n    <lib.version>1.0\n2</lib.version>\n  </properties>\n</project>\n",
      "core/pom.xml": "<project>\n  <parent><groupId>g</groupId><artifactId>parent</artifactId>" +
        "<version>1</version></parent>\n  <artifactId>core</artifactId>\n  <dependencies>\n" +
        "    <dependency><groupId>org.x</groupId><artifactId>lib</artifactId>" +
        "<version>${lib.version}</version></dependency>\n  </dependencies>\n</project>\n",
    },
    "inventory.maven_pom.invalid",
    /^pom\.xml:8: .*"1\.0\\n2" contains the control character U\+000A/,
  ],
  [
    "a NUL in a Gemfile's git URL, which the vcs_url writes with git+",
    {
      "Gemfile":
        'source "https://rubygems.org"\n\ngem "sdoc", git: "https://git\u0000hub.com/rails/sdoc.git"\n',
    },
    "inventory.gemfile.invalid",
    /^Gemfile:3: .*control character U\+0000/,
  ],
  // Found by fuzzing: a name whose newline the file escapes (`\n` in a JSON string) was named
  // by the file alone, with no line: it was looked for with a raw newline only.
  [
    "a package.json dependency name with an escaped newline",
    {
      "package.json": '{\n  "name": "app",\n  "version": "1.0.0",\n  "dependencies": {\n' +
        '    "jest-runtime": "^30.0.0",\n    "jest-run\\ner": "^30.0.0"\n  }\n}\n',
    },
    "inventory.package_json.invalid",
    /^package\.json:6: "jest-run\\ner" is no npm package name/,
  ],
  // Found by fuzzing: a value the file writes otherwise than it reads (a `\r` XML reads as a
  // newline, a URL built from `github:`) was named by the file alone, with no line.
  [
    "a pom.xml dependency version with a carriage return",
    {
      "pom.xml": "<project>\n  <groupId>g</groupId>\n  <artifactId>app</artifactId>\n" +
        "  <version>1</version>\n  <dependencies>\n" +
        "    <dependency><groupId>org.x</groupId><artifactId>lib</artifactId>" +
        "<version>1.\r4.2</version></dependency>\n  </dependencies>\n</project>\n",
    },
    "inventory.maven_pom.invalid",
    /^pom\.xml:6: .*"1\.\\n4\.2" contains the control character U\+000A/,
  ],
  [
    "a Gemfile github: shorthand with a control character, in the URL built from it",
    {
      "Gemfile":
        'source "https://rubygems.org"\n\ngem "rails"\ngem "money", github: "RubyMo\u000bney/money"\n',
    },
    "inventory.gemfile.invalid",
    /^Gemfile:4: .*control character U\+000B/,
  ],
  // Found by fuzzing: a version no tool writes gave a component (without a version).
  [
    "a Cargo.lock version that is no semver version",
    {
      "Cargo.lock": 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n\n' +
        '[[package]]\nname = "serde"\nversion = "str"\n' +
        'source = "registry+https://github.com/rust-lang/crates.io-index"\n',
    },
    "inventory.cargo_lock.invalid",
    /^Cargo\.lock:9: serde's version "str" is no semver version/,
  ],
  [
    "an empty uv.lock version",
    {
      "uv.lock": 'version = 1\nrequires-python = ">=3.12"\n\n[[package]]\nname = "idna"\n' +
        'version = ""\nsource = { registry = "https://pypi.org/simple" }\n',
    },
    "inventory.uv_lock.invalid",
    /^uv\.lock:4: package "idna" has an empty `version`/,
  ],
  [
    "an empty poetry.lock version",
    {
      "poetry.lock": '[[package]]\nname = "idna"\nversion = ""\ndescription = ""\n' +
        'optional = false\npython-versions = "*"\nfiles = []\n\n' +
        '[metadata]\nlock-version = "2.0"\npython-versions = "*"\ncontent-hash = "x"\n',
    },
    "inventory.poetry_lock.invalid",
    /^poetry\.lock:1: package without a non-empty `name` and `version`/,
  ],
  [
    "an empty pylock.toml version",
    {
      "pylock.toml": 'lock-version = "1.0"\ncreated-by = "x"\n\n[[packages]]\nname = "idna"\n' +
        'version = ""\n',
    },
    "inventory.pylock.invalid",
    /^pylock\.toml:4: package "idna": `version` is empty/,
  ],
];

Deno.test("bad names, versions and URLs are refused at their line, no secret in the message", async () => {
  for (const [what, files, code, message] of REFUSED_AT_THEIR_LINE) {
    const [dir, done] = await tempProject(files);
    try {
      await assert.rejects(readInventory(dir), (e) => {
        hasCode(code, message)(e);
        assert.ok(!JSON.stringify((e as VouchError).toProblem()).includes("s3cr3t"), what);
        return true;
      }, what);
    } finally {
      await done();
    }
  }
});

Deno.test("a long purl part is refused at its line in linear time (fuzz: 53 s for 200,000 letters)", async () => {
  // The search for a URL with credentials in the refused part tried a scheme at every letter.
  const version = `2.1.${"a".repeat(200_000)}0`;
  const [dir, done] = await tempProject({
    "packages.config": `<?xml version="1.0" encoding="utf-8"?>\n<packages>\n` +
      `  <package id="A" version="${version}" targetFramework="net48" />\n</packages>\n`,
  });
  try {
    const start = performance.now();
    await assert.rejects(
      readInventory(dir),
      hasCode("inventory.packages_config.invalid", /^packages\.config:3: a version of 200005 /),
    );
    const seconds = (performance.now() - start) / 1000;
    assert.ok(seconds < 5, `took ${seconds.toFixed(1)} s`);
  } finally {
    await done();
  }
});

Deno.test("a member's or the project's version over 1024 characters is refused at its line, as a component's (fuzz)", async () => {
  // A workspace member is no purl with a version (workspace:<folder>): its version went into
  // the CycloneDX BOM, whose schema takes at most 1024 characters; so did the project's.
  const long = `0.1.0${"[".repeat(1500)}`;
  const lock = {
    name: "root",
    version: "1.0.0",
    lockfileVersion: 3,
    packages: {
      "": { name: "root", version: "1.0.0", workspaces: ["ui"] },
      "node_modules/ui": { resolved: "ui", link: true },
      ui: { name: "ui", version: long },
    },
  };
  const [dir, done] = await tempProject({
    "package-lock.json": JSON.stringify(lock, null, 2),
    "ui/package.json": `{\n  "name": "ui",\n  "version": "${long}"\n}\n`,
    "pom.xml": "<project>\n  <modelVersion>4.0.0</modelVersion>\n" +
      "  <groupId>g</groupId><artifactId>a</artifactId>\n" +
      `  <version>${long}</version>\n</project>\n`,
  });
  try {
    for (
      const [file, code, line] of [
        ["package-lock.json", "package_lock", 19],
        ["ui/package.json", "package_json", 3],
        ["pom.xml", "maven_pom", 4],
      ]
    ) {
      await assert.rejects(
        readInventory(dir, { lockfiles: [file as string] }),
        hasCode(
          `inventory.${code}.invalid`,
          new RegExp(`^${(file as string).replace(".", "\\.")}:${line}: a version of 1505 `),
        ),
      );
    }
  } finally {
    await done();
  }
});

Deno.test("a long version built of a property and written text is refused at the line of the text (fuzz)", async () => {
  // `${revision}` and 1,500 `}` after it: the value is written nowhere whole.
  const [dir, done] = await tempProject({
    "pom.xml": "<project>\n  <modelVersion>4.0.0</modelVersion>\n" +
      "  <groupId>g</groupId><artifactId>a</artifactId>\n  <version>1.0.0</version>\n" +
      "  <properties><lib.version>1.2.3</lib.version></properties>\n" +
      "  <dependencies><dependency><groupId>g</groupId><artifactId>lib</artifactId>\n" +
      `    <version>\${lib.version}${"}".repeat(1500)}</version>\n` +
      "  </dependency></dependencies>\n</project>\n",
  });
  try {
    await assert.rejects(
      readInventory(dir),
      hasCode("inventory.maven_pom.invalid", /^pom\.xml:7: a version of 1505 /),
    );
  } finally {
    await done();
  }
});

Deno.test("a workspace member 100,000 folders deep: read in linear time, no stack overflow", async () => {
  // Found by fuzzing: the real path of each folder was resolved by a recursion from the end (a
  // RangeError, an internal error) and the member glob was normalised again per folder (quadratic).
  const [dir, done] = await tempProject({
    "Cargo.toml": `[workspace]\nmembers = ["app", "${"a/".repeat(100_000)}x"]\n`,
    "Cargo.lock": 'version = 4\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n',
    "app/Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n',
  });
  try {
    const start = performance.now();
    const inventory = await readInventory(dir);
    const seconds = (performance.now() - start) / 1000;
    assert.deepEqual(inventory.members.map((m) => m.name), ["app"]);
    assert.ok(seconds < 3, `took ${seconds.toFixed(1)} s`);
  } finally {
    await done();
  }
});

Deno.test("the project's free text (a description quoting a URL) never carries credentials", async () => {
  const [dir, done] = await tempProject({
    "pyproject.toml":
      '[project]\nname = "app"\nversion = "1.0"\ndescription = "mirror of https://ci:s3cr3t@h.example/x"\n',
  });
  try {
    const inventory = await readInventory(dir);
    assert.equal(inventory.project.description, "mirror of https://h.example/x");
  } finally {
    await done();
  }
});

Deno.test("a remote requirements include (-r https://…) is an unread input: a warning, a blocker unless allowed", async () => {
  // Plone projects' requirements.txt: `-r https://dist.plone.org/release/<version>/requirements.txt`,
  // which pip downloads (req_file.py); vouch reads no URL, so what it lists is not in the SBOM.
  const url = "https://dist.plone.org/release/6.0.0.1/requirements.txt";
  const [dir, done] = await tempProject({
    "requirements.txt": `-r ${url}\ncollective.MockMailHost==4.0.0\n`,
  });
  try {
    const warnings: string[] = [];
    const { inventory, blockers } = await loadInventory(dir, {
      onWarning: (w) => warnings.push(w),
    });
    assert.deepEqual(inventory.sources, ["requirements.txt"]);
    assert.deepEqual(inventory.components.map((c) => c.purl), [
      "pkg:pypi/collective-mockmailhost@4.0.0",
    ]);
    assert.deepEqual(inventory.unread, [url]);
    assert.deepEqual(warnings, [
      `${url} is not read: requirements.txt:1 includes it (-r), and vouch reads no URL: pip ` +
      "fetches it and installs what it lists (put a copy in the tree and include that, or " +
      "lock the project)",
    ]);
    assert.deepEqual(blockers.map((b) => [b.code, b.hint]), [[
      "inventory.unread_file",
      "put a copy in the tree and include that, or lock the project; or pass --allow-unread " +
      `${JSON.stringify(url)} to accept that`,
    ]]);
    assert.deepEqual((await loadInventory(dir, { allowUnread: [url] })).blockers, []);
  } finally {
    await done();
  }
});

Deno.test("a lockfile symlinked from outside the root during the scan warns and blocks", async () => {
  const outside = await Deno.makeTempDir();
  const [dir, done] = await tempProject({
    "uv.lock": 'version = 1\nrevision = 3\nrequires-python = ">=3.12"\n',
  });
  try {
    await Deno.writeTextFile(`${outside}/requirements.txt`, "secret-package==1.0\n");
    await Deno.symlink(`${outside}/requirements.txt`, `${dir}/requirements.txt`);
    const warnings: string[] = [];
    const { inventory, blockers } = await loadInventory(dir, {
      onWarning: (w) => warnings.push(w),
    });
    assert.deepEqual(inventory.sources, ["uv.lock"], "never read");
    assert.deepEqual(inventory.unread, ["requirements.txt"]);
    assert.ok(!JSON.stringify(inventory).includes("secret-package"));
    assert.deepEqual(warnings, [
      "requirements.txt is not read: it is a symbolic link to a file outside the project root",
    ]);
    assert.deepEqual(blockers.map((b) => [b.code, b.message]), [[
      "inventory.unread_file",
      "requirements.txt is not read: it is a symbolic link to a file outside the project root; " +
      "the SBOM does not include what it lists",
    ]]);
    const allowed = await loadInventory(dir, { allowUnread: ["requirements.txt"] });
    assert.deepEqual(allowed.blockers, []);
  } finally {
    await done();
    await Deno.remove(outside, { recursive: true });
  }
});

Deno.test("CRLF go.mod is accepted (Go accepts it)", async () => {
  const [dir, done] = await tempProject({
    "go.mod":
      "module example.com/app\r\n\r\ngo 1.22\r\n\r\nrequire (\r\n\tgithub.com/spf13/cobra v1.8.0\r\n\tgolang.org/x/text v0.14.0 // indirect\r\n)\r\n",
    "go.sum":
      "github.com/spf13/cobra v1.8.0 h1:7aJaZx1B85qltLMc546zn58BxxfZdR/W22ej9CFoEf0=\r\ngithub.com/spf13/cobra v1.8.0/go.mod h1:WXLWApfZ71AjXPya3WOlMsY9yMs7YeiHhFVlvLyhcho=\r\n",
  });
  try {
    const inventory = await readInventory(dir);
    assert.equal(inventory.project.name, "example.com/app");
    assert.deepEqual(inventory.components.map((c) => [c.id, c.direct, c.sources]), [
      ["pkg:golang/github.com/spf13/cobra@v1.8.0", true, ["go.mod", "go.sum"]],
      ["pkg:golang/golang.org/x/text@v0.14.0", false, ["go.mod"]],
    ]);
  } finally {
    await done();
  }
});

Deno.test("go.work: a used module required by another is a member, and its replacements win", async () => {
  const [dir, done] = await tempProject({
    "go.work": "go 1.22\n\nuse (\n\t.\n\t./lib\n)\n\n" +
      "replace github.com/google/uuid v1.5.0 => github.com/google/uuid v1.6.0\n",
    "go.mod": "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/app/lib v0.1.0\n" +
      "\tgithub.com/google/uuid v1.5.0\n)\n\nreplace github.com/google/uuid => github.com/google/uuid v1.4.0\n",
    "lib/go.mod":
      "module example.com/app/lib\n\ngo 1.22\n\nrequire github.com/google/uuid v1.5.0\n",
    "tools/go.mod":
      "module example.com/tools\n\ngo 1.22\n\nrequire github.com/google/uuid v1.5.0\n",
  });
  try {
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.sources]), [
      ["pkg:golang/github.com/google/uuid@v1.5.0", ["tools/go.mod"]],
      ["pkg:golang/github.com/google/uuid@v1.6.0", ["go.mod", "lib/go.mod"]],
    ], "tools/ is not in the workspace: its go.mod stands alone");
  } finally {
    await done();
  }
});

Deno.test("go.work: a used module where the scan does not go (a hidden folder, too deep) is read, unless excluded", async () => {
  // grafana/grafana: go.work uses ./.citools/bra, the module of a CI tool.
  const [dir, done] = await tempProject({
    "go.work": "go 1.24\n\nuse (\n\t.\n\t./.citools/bra\n\t./a/b/c/d/tool\n)\n",
    "go.mod": "module example.com/app\n\ngo 1.24\n\nrequire github.com/google/uuid v1.6.0\n",
    ".citools/bra/go.mod":
      "module example.com/app/bra\n\ngo 1.24\n\nrequire github.com/unknwon/bra v0.1.0\n",
    "a/b/c/d/tool/go.mod":
      "module example.com/app/tool\n\ngo 1.24\n\nrequire github.com/spf13/cobra v1.8.0\n",
  });
  try {
    const { inventory, blockers } = await loadInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.sources]), [
      ["pkg:golang/github.com/google/uuid@v1.6.0", ["go.mod"]],
      ["pkg:golang/github.com/spf13/cobra@v1.8.0", ["a/b/c/d/tool/go.mod"]],
      ["pkg:golang/github.com/unknwon/bra@v0.1.0", [".citools/bra/go.mod"]],
    ]);
    assert.deepEqual([inventory.unread, blockers], [[], []]);
    const excluded = await readInventory(dir, { exclude: [".citools", "a/b/**"] });
    assert.deepEqual(excluded.components.map((c) => c.name), ["github.com/google/uuid"]);
    const named = await readInventory(dir, { lockfiles: ["go.mod"] });
    assert.deepEqual(named.components.map((c) => c.name), ["github.com/google/uuid"], "exactly");
  } finally {
    await done();
  }
});

Deno.test("a requirements file included from a hidden folder is read only as part of the file that includes it", async () => {
  const [dir, done] = await tempProject({
    "requirements-dev.txt": "-r .ci/requirements.txt\npytest==8.0.0\n",
    ".ci/requirements.txt": "coverage==7.0.0\n",
  });
  try {
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.scopes]), [
      ["pkg:pypi/coverage@7.0.0", ["dev"]],
      ["pkg:pypi/pytest@8.0.0", ["dev"]],
    ]);
  } finally {
    await done();
  }
});

Deno.test("a scan that finds no manifest at all is the blocker inventory.none", async () => {
  const [dir, done] = await tempProject({ "README.md": "hello" });
  try {
    const { inventory, blockers } = await loadInventory(dir);
    assert.deepEqual(inventory.components, []);
    assert.deepEqual(blockers.map((b) => b.code), ["inventory.none"]);
    assert.match(blockers[0].hint, /uv\.lock/);
    const explicit = await loadInventory(fixture("demo"), { lockfiles: ["uv.lock"] });
    assert.deepEqual(explicit.blockers, [], "named files are never `none`");
  } finally {
    await done();
  }
});

Deno.test("a composer.json or Gemfile is resolved only by the lock beside it, not by the root's", async () => {
  // appwrite/appwrite: test functions with their own composer.json and Gemfile, no lock, below
  // the root's: each is declared, not resolved (the composer.json's a member for its project).
  const lock = (name: string): string =>
    JSON.stringify({ packages: [{ name, version: "1.0.0" }], "packages-dev": [] });
  const [dir, done] = await tempProject({
    "composer.json": '{"name": "appwrite/server-ce", "require": {"a/b": "1.*"}}',
    "composer.lock": lock("a/b"),
    "Gemfile": "source 'https://rubygems.org'\ngem 'rake'\n",
    "Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rake (13.2.1)\n\n" +
      "PLATFORMS\n  ruby\n\nDEPENDENCIES\n  rake\n",
    "tests/resources/functions/php/composer.json":
      '{"name": "appwrite/cloud-function-demo", "require": {"appwrite/appwrite": "1.1.*"}}',
    "tests/resources/functions/ruby/Gemfile": "source 'https://rubygems.org'\ngem 'appwrite'\n",
  });
  try {
    const { inventory, blockers } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(blockers, []);
    assert.ok(inventory.sources.includes("composer.json") && inventory.sources.includes("Gemfile"));
    assert.deepEqual(inventory.declaredOnly, [
      "tests/resources/functions/php/composer.json",
      "tests/resources/functions/ruby/Gemfile",
    ]);
    assert.deepEqual(inventory.components.map((c) => c.purl), [
      "pkg:composer/a/b@1.0.0",
      "pkg:composer/appwrite/appwrite",
      "pkg:gem/appwrite",
      "pkg:gem/rake@13.2.1",
    ]);
    const demo = inventory.members.find((m) => m.name === "appwrite/cloud-function-demo");
    assert.deepEqual(edgesFrom(inventory, demo!.id), ["pkg:composer/appwrite/appwrite runtime"]);
  } finally {
    await done();
  }
});

Deno.test("a composer.json that requires no package (an autoloader's) is read, and declares nothing (nextcloud/server)", async () => {
  // nextcloud/server: every app's composer/composer.json only configures the class autoloader
  // (dump-autoload); no lock, nothing to lock. One that requires a package is declared, not
  // resolved; one that is not valid JSON is refused.
  const [dir, done] = await tempProject({
    "package-lock.json": MINIMAL_LOCK,
    "apps/dav/composer/composer.json": JSON.stringify({
      config: { "vendor-dir": ".", "autoloader-suffix": "DAV" },
      autoload: { "psr-4": { "OCA\\DAV\\": "../lib/" } },
    }),
    "apps/files/composer/composer.json":
      '{"require": {"php": ">=8.1", "ext-json": "*"}, "require-dev": []}',
    "apps/tool/composer.json": '{"require-dev": {"phpunit/phpunit": "^10"}}',
  });
  try {
    const { inventory, blockers } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(blockers, []);
    assert.deepEqual(inventory.sources, [
      "apps/dav/composer/composer.json",
      "apps/files/composer/composer.json",
      "apps/tool/composer.json",
      "package-lock.json",
    ]);
    assert.deepEqual(inventory.declaredOnly, ["apps/tool/composer.json"]);
    assert.deepEqual(
      inventory.components.filter((c) => c.ecosystem === "composer").map((c) => c.purl),
      ["pkg:composer/phpunit/phpunit"],
    );
    await Deno.mkdir(`${dir}/apps/broken`);
    await Deno.writeTextFile(`${dir}/apps/broken/composer.json`, '{"autoload": ');
    await assert.rejects(
      () => loadInventory(dir),
      (e: VouchError) => e.code === "inventory.composer_json.invalid",
    );
  } finally {
    await done();
  }
});

Deno.test("a NuGet 3 project.json is reported, not an Nx one of that name (jbogard/MediatR 2016)", async () => {
  // jbogard/MediatR at 1a6f9a2 (2016): .NET Core 1.0 projects declare their packages in
  // project.json, per framework or at the top; the scan found nothing and said nothing of them.
  // Nx names its project configuration project.json too, with no `frameworks`: no dependency
  // file. One with a frameworks section but no package declares nothing: read.
  const [dir, done] = await tempProject({
    "package-lock.json": MINIMAL_LOCK,
    "src/MediatR/project.json": JSON.stringify({
      version: "2.1.0-beta-*",
      frameworks: {
        net45: {},
        "netstandard1.1": { dependencies: { "System.Linq": "4.1.0-rc2-24027" } },
      },
    }),
    "test/MediatR.Tests/project.json": JSON.stringify({
      testRunner: "xunit",
      dependencies: { MediatR: { target: "project" }, xunit: "2.1.0" },
      frameworks: { net452: {} },
    }),
    "test/MediatR.Tests/project.lock.json": '{"locked": false, "version": 2, "targets": {}}',
    "src/Empty/project.json": '{"frameworks": {"net45": {}}, "dependencies": {}}',
    "src/Commented/project.json": '{\n  // a comment, as JSON.NET took\n  "frameworks": {}\n}',
    "apps/web/project.json": JSON.stringify({
      name: "web",
      $schema: "../../node_modules/nx/schemas/project-schema.json",
      targets: { build: { executor: "@nx/vite:build", dependsOn: ["^build"] } },
      implicitDependencies: ["shared"],
    }),
  });
  try {
    const { inventory, blockers } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, [
      "src/Commented/project.json",
      "src/MediatR/project.json",
      "test/MediatR.Tests/project.json",
      "test/MediatR.Tests/project.lock.json",
    ]);
    assert.ok(blockers.every((b) => b.code === "inventory.unread_file"));
    assert.deepEqual(inventory.sources, ["package-lock.json", "src/Empty/project.json"]);
  } finally {
    await done();
  }
});

Deno.test("a setup.cfg that only configures tools is read, not reported (huggingface/transformers)", async () => {
  // huggingface/transformers: setup.cfg holds isort, flake8 and pytest settings; setup.py, which
  // declares install_requires, stays unread, and so does a setup.cfg with [options] requirements.
  const [dir, done] = await tempProject({
    "setup.py":
      'from setuptools import setup\nsetup(name="transformers", install_requires=["numpy"])\n',
    "setup.cfg":
      "[isort]\nknown_first_party = transformers\n\n[flake8]\nmax-line-length = 119\n\n" +
      "[tool:pytest]\ndoctest_optionflags=NUMBER NORMALIZE_WHITESPACE ELLIPSIS\n",
    "lib/setup.cfg": "[metadata]\nname = lib\n\n[options]\npackages = find:\ninstall_requires =\n" +
      "    requests>=2\n",
    "extras/setup.cfg": "[metadata]\nname = extras\n\n[options.extras_require]\ndocs = sphinx\n",
  });
  try {
    const { inventory } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, ["extras/setup.cfg", "lib/setup.cfg", "setup.py"]);
    assert.deepEqual(inventory.sources, ["setup.cfg"]);
  } finally {
    await done();
  }
});

// kubernetes-sigs/external-dns keeps its Helm chart in charts/external-dns: a Chart.yaml of
// apiVersion v2 without `dependencies`, its metadata alone. It was reported unread, an
// inventory.unread_file blocker on a Go project that depends on no chart. A Helm 3 chart with
// dependencies, one of apiVersion v1 (its requirements.yaml lists them), one with subcharts
// copied into its charts/ folder, and such a copy stay reported.
Deno.test("a Helm 3 Chart.yaml that declares no dependency is read, not reported (kubernetes-sigs/external-dns)", async () => {
  const chart = (name: string, more = ""): string =>
    `apiVersion: v2\nname: ${name}\ntype: application\nversion: 1.5.1\nappVersion: 0.10.1\n` +
    `maintainers:\n  - name: stevehipwell\n${more}`;
  const [dir, done] = await tempProject({
    "go.mod": "module sigs.k8s.io/external-dns\n\ngo 1.20\n",
    "charts/external-dns/Chart.yaml": chart("external-dns", "dependencies: []\n"),
    "charts/plain/Chart.yaml": chart("plain", "annotations:\n  x: |\n    - kind: changed\n"),
    "charts/db/Chart.yaml": chart(
      "db",
      "dependencies:\n- name: redis\n  version: 17.3.7\n" +
        "  repository: https://charts.bitnami.com/bitnami\n",
    ),
    "charts/old/Chart.yaml": "apiVersion: v1\nname: old\nversion: 0.1.0\n",
    "charts/old/requirements.yaml": "dependencies:\n  - name: redis\n    version: 10.5.7\n",
    "charts/app/Chart.yaml": chart("app"),
    "charts/app/charts/cache/Chart.yaml": chart("cache"),
    "charts/web/Chart.yaml": chart("web"),
    "charts/web/charts/redis-17.3.7.tgz": "",
  });
  try {
    const { inventory } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, [
      "charts/app/Chart.yaml",
      "charts/app/charts/cache/Chart.yaml",
      "charts/db/Chart.yaml",
      "charts/old/Chart.yaml",
      "charts/web/Chart.yaml",
    ]);
    assert.deepEqual(inventory.sources, [
      "charts/external-dns/Chart.yaml",
      "charts/plain/Chart.yaml",
      "go.mod",
    ]);
  } finally {
    await done();
  }
});

// ansible-collections/community.general's galaxy.yml holds the collection's metadata and no
// `dependencies` (the key is commented out): it was reported unread, an inventory.unread_file
// blocker, though it requires no collection. One that lists collections stays reported.
Deno.test("an Ansible galaxy.yml without dependencies is read, not reported (ansible-collections/community.general)", async () => {
  const [dir, done] = await tempProject({
    "galaxy.yml": "namespace: community\nname: general\nversion: 4.6.0\nreadme: README.md\n" +
      "authors:\n  - Ansible (https://github.com/ansible)\ndescription: null\n" +
      "tags: [community]\n# NOTE: No dependencies are expected to be added here\n" +
      "# dependencies:\nrepository: https://github.com/ansible-collections/community.general\n",
    "empty/galaxy.yml": "namespace: acme\nname: empty\nversion: 1.0.0\ndependencies: {}\n",
    "tools/galaxy.yml": "namespace: acme\nname: tools\nversion: 1.0.0\ndependencies:\n" +
      '  ansible.utils: ">=2.0.0"\n',
    "requirements.txt": "ansible-core==2.16.3\n",
  });
  try {
    const { inventory } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, ["tools/galaxy.yml"]);
    assert.deepEqual(inventory.sources, ["empty/galaxy.yml", "galaxy.yml", "requirements.txt"]);
  } finally {
    await done();
  }
});

// hammerjs/hammer.js publishes to Bower with a bower.json of name, main and ignore only: it was
// reported unread, an inventory.unread_file blocker, though bower install installs nothing for it.
Deno.test("a bower.json without dependencies is read, not reported (hammerjs/hammer.js)", async () => {
  const [dir, done] = await tempProject({
    "bower.json": '{\n    "name": "hammerjs",\n    "version": "1.0.7dev",\n' +
      '    "main": "hammer.js",\n    "ignore": ["tests", "component.json", "package.json"]\n}\n',
    "empty/bower.json": '{"name": "e", "dependencies": {}, "devDependencies": null}',
    "site/bower.json": '{"name": "site", "dependencies": {"jquery": "~2.1.0"}}',
    "odd/bower.json": '{"name": "odd", "dependencies": ["jquery"]}',
    "package.json": '{"name": "hammerjs", "version": "1.0.7"}',
  });
  try {
    const { inventory } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, ["odd/bower.json", "site/bower.json"]);
    assert.deepEqual(inventory.sources, ["bower.json", "empty/bower.json", "package.json"]);
  } finally {
    await done();
  }
});

// SnapKit/SnapKit depends on nothing: its Package.swift calls no .package(…) and its podspec no
// .dependency. Both were reported unread, inventory.unread_file blockers on a project without
// a dependency. A manifest, podspec or Package.resolved that declares or pins one stays reported.
Deno.test("a Package.swift and podspec that declare no dependency are read, not reported (SnapKit/SnapKit)", async () => {
  const [dir, done] = await tempProject({
    "Package.swift":
      "// swift-tools-version:5.0\n//\n//  SnapKit\n\nimport PackageDescription\n\n" +
      'let package = Package(\n    name: "SnapKit",\n    platforms: [\n        .iOS(.v10),\n' +
      '    ],\n    products: [\n        .library(name: "SnapKit", targets: ["SnapKit"]),\n' +
      '    ],\n    targets: [\n        .target(name: "SnapKit", path: "Sources"),\n' +
      '        .testTarget(name: "SnapKitTests", dependencies: ["SnapKit"]),\n    ],\n' +
      '    // dependencies: [.package(url: "https://example.com/x", from: "1.0.0")]\n)\n',
    "SnapKit.podspec": "Pod::Spec.new do |s|\n  s.name = 'SnapKit'\n  s.version = '5.6.0'\n" +
      "  s.source = { :git => 'https://github.com/SnapKit/SnapKit.git', :tag => '5.6.0' }\n" +
      "  s.summary = 'no s.dependency here'\n  # s.dependency 'Foo'\n" +
      "  s.source_files = 'Sources/*.swift'\n  s.libraries = 'swiftCoreGraphics'\nend\n",
    "Example/Package.resolved": '{\n  "pins" : [ ],\n  "version" : 2\n}\n',
    "app/Package.swift": 'import PackageDescription\nlet package = Package(name: "App",\n' +
      '  dependencies: [.package(url: "https://github.com/SnapKit/SnapKit", from: "5.6.0")])\n',
    "app/Package.resolved": '{"pins": [{"identity": "snapkit", "kind": "remoteSourceControl", ' +
      '"location": "https://github.com/SnapKit/SnapKit", "state": {"version": "5.6.0"}}], ' +
      '"version": 2}',
    "pods/Kit.podspec": "Pod::Spec.new do |s|\n  s.name = 'Kit'\n  s.subspec 'Core' do |ss|\n" +
      "    ss.dependency 'Alamofire', '~> 5.0'\n  end\nend\n",
    "pods/Kit.podspec.json": '{"name": "Kit", "subspecs": [{"name": "Core", "dependencies": ' +
      '{"Alamofire": ["~> 5.0"]}}]}',
    "pods/Lone.podspec.json": '{"name": "Lone", "dependencies": {}}',
  });
  try {
    const { inventory } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, [
      "app/Package.resolved",
      "app/Package.swift",
      "pods/Kit.podspec",
      "pods/Kit.podspec.json",
    ]);
    assert.deepEqual(inventory.sources, [
      "Example/Package.resolved",
      "Package.swift",
      "SnapKit.podspec",
      "pods/Lone.podspec.json",
    ]);
  } finally {
    await done();
  }
});

// collectiveidea/audited declares its Rails variants in Appraisals (`appraise 'rails52' do gem
// 'rails', '>= 5.2.0.rc1', '< 5.3'; gem 'mysql2' …`), from which Appraisal writes
// gemfiles/*.gemfile: a gem that commits Appraisals without them left those variants out without
// a word. With the gemfiles beside it (read), it says nothing more.
Deno.test("an Appraisals file is reported unless its gemfiles/*.gemfile are there (collectiveidea/audited)", async () => {
  const appraisals = "appraise 'rails52' do\n  gem 'rails', '>= 5.2.0.rc1', '< 5.3'\n" +
    "  gem 'mysql2', '~> 0.4.4'\nend\n";
  const [dir, done] = await tempProject({
    "Gemfile": 'source "https://rubygems.org"\ngem "rake"\n',
    "Appraisals": appraisals,
    "gemfiles/rails52.gemfile":
      'source "https://rubygems.org"\ngem "rails", ">= 5.2.0.rc1", "< 5.3"\n',
    "other/Gemfile": 'source "https://rubygems.org"\ngem "rake"\n',
    "other/Appraisals": appraisals,
    // A gemfile the Gemfile evaluates is none of its variants (palkan/test-prof's rubocop.gemfile).
    "other/gemfiles/rubocop.gemfile": 'gem "rubocop"\n',
  });
  try {
    const { inventory } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, ["other/Appraisals"]);
    assert.ok(inventory.sources.includes("Appraisals"));
    assert.ok(inventory.sources.includes("gemfiles/rails52.gemfile"));
  } finally {
    await done();
  }
});

// Every new Rails app's config/importmap.rb pins its own modules and its gems' assets only
// (`pin "application"`, the turbo-rails and stimulus-rails installers' `pin "@hotwired/turbo-rails",
// to: "turbo.min.js"`, `pin_all_from "app/javascript/controllers"`): it was reported unread, an
// inventory.unread_file blocker, though the Gemfile.lock lists what it pins. One that pins a CDN
// URL, a package bin/importmap downloaded (`# @0.0.8`, basecamp/once-campfire's
// @rails/request.js) or a file of vendor/javascript stays reported.
Deno.test("a Rails importmap.rb that pins only the app's modules and gem assets is read, not reported", async () => {
  const base = '# Pin npm packages by running ./bin/importmap\n\npin "application"\n' +
    'pin "@hotwired/turbo-rails", to: "turbo.min.js"\n' +
    'pin "@hotwired/stimulus", to: "stimulus.min.js"\n' +
    'pin "@hotwired/stimulus-loading", to: "stimulus-loading.js"\n' +
    'pin_all_from "app/javascript/controllers", under: "controllers"\n\n' +
    'pin "lib/confirm_log", to: "lib/confirm_log.js"\n';
  const [dir, done] = await tempProject({
    "config/importmap.rb": base,
    "app/javascript/lib/confirm_log.js": "",
    "campfire/config/importmap.rb": base +
      'pin "@rails/request.js", to: "@rails--request.js" # @0.0.8\n',
    "cdn/config/importmap.rb": base +
      'pin "lodash", to: "https://ga.jspm.io/npm:lodash@4.17.21/lodash.js"\n',
    "jquery/config/importmap.rb": base + 'pin "jquery", to: "jquery.min.js"\n',
    "jquery/vendor/javascript/jquery.min.js": "",
    "langs/config/importmap.rb": base + 'pin_all_from "vendor/javascript/languages"\n',
    "old/config/importmap.rb": base +
      'pin "vue", version: "2.6.14", file: "dist/vue.esm.browser.js"\n',
    "package.json": '{"name": "app", "version": "1.0.0"}',
  });
  try {
    const { inventory } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, [
      "campfire/config/importmap.rb",
      "cdn/config/importmap.rb",
      "jquery/config/importmap.rb",
      "langs/config/importmap.rb",
      "old/config/importmap.rb",
    ]);
    assert.ok(inventory.sources.includes("config/importmap.rb"));
  } finally {
    await done();
  }
});

// Found by sweep 17 on PrefectHQ/prefect 1.x: setup.py reads requirements.txt for install_requires
// and declares ~30 packages in extras_require that no requirements file lists. The requirements
// files counted as its lock, so those packages were left out without a word. A real lock still
// resolves it silently; a setup.cfg that declares nothing is not warned about.
Deno.test("a setup.py or setup.cfg that only requirements files stand for is warned about (prefect 1.x)", async () => {
  const setupPy = 'from setuptools import setup\nsetup(name="prefect", ' +
    'install_requires=open("requirements.txt").read().split(), extras_require={"aws": ["boto3"]})\n';
  const [dir, done] = await tempProject({
    "setup.py": setupPy,
    "requirements.txt": "flask==2.0.1\n",
    "requirements-dev.txt": "pytest==8.0.0\n",
    "tools/setup.cfg": "[flake8]\nmax-line-length = 100\n",
    "tools/requirements.txt": "black==24.1.0\n",
    "locked/setup.py": setupPy,
    "locked/uv.lock": 'version = 1\nrequires-python = ">=3.8"\n\n[[package]]\nname = "flask"\n' +
      'version = "2.0.1"\nsource = { registry = "https://pypi.org/simple" }\n',
    "locked/requirements.txt": "flask==2.0.1\n",
    // A shim beside the pyproject.toml that declares the project (checked against the pins).
    "shim/setup.py": "from setuptools import setup\nsetup()\n",
    "shim/pyproject.toml": '[project]\nname = "shim"\ndependencies = ["flask"]\n',
    "shim/requirements.txt": "flask==2.0.1\n",
  });
  try {
    const { inventory } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(inventory.warnings?.filter((w) => w.includes("stand")), [
      "setup.py is not read: requirements-dev.txt, requirements.txt stand for it, so what it " +
      "declares beyond those files (install_requires, extras_require) is not in the SBOM; lock " +
      "the project (pip-compile, uv pip compile, uv lock) to be sure",
    ]);
  } finally {
    await done();
  }
});

Deno.test("a file the scan found that cannot be read: its error says how to --exclude it; a named one's does not", async () => {
  // A tool's own test fixtures: deliberately broken lockfiles (pnpm, renovate, syft).
  const [dir, done] = await tempProject({
    "package-lock.json": MINIMAL_LOCK,
    "test/fixtures/broken/package-lock.json": '{"lockfileVersion": 3, "packages": {',
    "test/fixtures/latin1/requirements.txt": new Uint8Array([0x61, 0xe9, 0x0a]),
  });
  const hint = async (options: { lockfiles?: string[]; exclude?: string[] }): Promise<string> => {
    try {
      await readInventory(dir, options);
    } catch (error) {
      assert.ok(isVouchError(error));
      return error.hint;
    }
    return "read";
  };
  try {
    assert.match(
      await hint({}),
      /; if it is not part of the release \(a test fixture\), --exclude test\/fixtures\/broken\/package-lock\.json$/,
    );
    assert.match(
      await hint({ exclude: ["broken"] }),
      /UTF-8.*--exclude test\/fixtures\/latin1\/requirements\.txt$/,
      "a file that is not UTF-8 too",
    );
    assert.doesNotMatch(
      await hint({ lockfiles: ["test/fixtures/broken/package-lock.json"] }),
      /--exclude/,
    );
    assert.equal(await hint({ exclude: ["test/fixtures"] }), "read");
  } finally {
    await done();
  }
});

Deno.test("unread files: warned once each, blockers unless --allow-unread, in the inventory", async () => {
  const [dir, done] = await tempProject({
    "requirements.txt": "idna==3.10\n",
    "bun.lockb": "binary",
    "ios/Podfile.lock": "PODS:\n",
    "ios/Podfile": "",
    "web/package.json": '{"dependencies": {"ms": "^2.1.3"}}',
    "web/package-lock.json": MINIMAL_LOCK,
    "docs/build.gradle": "",
  });
  try {
    const warnings: string[] = [];
    const { inventory, blockers } = await loadInventory(dir, {
      allowUnread: ["ios/*"],
      onWarning: (w) => warnings.push(w),
    });
    assert.deepEqual(inventory.unread, [
      "bun.lockb",
      "docs/build.gradle",
      "ios/Podfile",
      "ios/Podfile.lock",
    ], "web/package.json is resolved by web/package-lock.json");
    assert.equal(warnings.length, 4);
    assert.match(
      warnings[0],
      /^bun\.lockb is not read: .*\(run `bun install --save-text-lockfile`/,
    );
    assert.deepEqual(blockers.map((b) => b.message.split(" ")[0]), [
      "bun.lockb",
      "docs/build.gradle",
    ]);
    assert.ok(blockers.every((b) => b.code === "inventory.unread_file"));
    assert.match(blockers[0].hint, /--allow-unread "bun\.lockb"/);
    const excluded = await loadInventory(dir, { exclude: ["docs", "ios", "*.lockb"] });
    assert.deepEqual([excluded.inventory.unread, excluded.blockers], [[], []]);
  } finally {
    await done();
  }
});

Deno.test("the project's identity: one project below the root names it, sibling projects or an unread root manifest do not", async () => {
  const [dir, done] = await tempProject({
    "web_embedding/ng-flutter/package-lock.json": MINIMAL_LOCK,
  });
  try {
    const name = async (): Promise<string> => (await readInventory(dir)).project.name;
    assert.equal(await name(), "app", "the one project of the tree");
    // flutter/samples: two sibling web examples, and the Dart workspace at the root.
    await Deno.mkdir(`${dir}/web_embedding/cra-flutter`);
    await Deno.writeTextFile(
      `${dir}/web_embedding/cra-flutter/package-lock.json`,
      MINIMAL_LOCK.replaceAll('"app"', '"cra-flutter"'),
    );
    assert.equal(await name(), basename(dir), "two sibling projects: neither is the release");
    await Deno.remove(`${dir}/web_embedding/cra-flutter`, { recursive: true });
    await Deno.writeTextFile(`${dir}/pubspec.yaml`, "name: samples\n");
    assert.equal(await name(), basename(dir), "the root's own manifest is not read");
    assert.equal(
      (await readInventory(dir, { lockfiles: ["web_embedding/ng-flutter/package-lock.json"] }))
        .project.name,
      "app",
      "the one file named",
    );
  } finally {
    await done();
  }
});

Deno.test("a subfolder's requirements files or composer.lock hang from a member for the project its manifest names (pulumi's sdk/python beside a root go.mod)", async () => {
  const [dir, done] = await tempProject({
    "go.mod": "module example.com/app\n\ngo 1.22\n",
    "sdk/python/pyproject.toml": '[project]\nname = "pulumi"\nversion = "3.117.0"\n' +
      'dependencies = ["grpcio~=1.60.1"]\n',
    "sdk/python/requirements.txt": "grpcio==1.60.1\n",
    "php/composer.json": JSON.stringify({ name: "acme/site", require: { "psr/log": "^3.0" } }),
    "php/composer.lock": JSON.stringify({
      packages: [{ name: "psr/log", version: "3.0.0", type: "library" }],
      "packages-dev": [],
    }),
    "docs/requirements.txt": "sphinx==7.3.7\n",
  });
  try {
    const inventory = await readInventory(dir);
    assert.equal(inventory.project.name, "example.com/app");
    assert.deepEqual(inventory.members.map((m) => m.id), [
      "pkg:composer/acme/site",
      "pkg:pypi/pulumi@3.117.0",
    ]);
    const from = (id: string): string[] =>
      inventory.edges.filter((e) => e.from === id).map((e) => `${e.to} ${e.scope}`);
    assert.deepEqual(from("root"), [
      "pkg:composer/acme/site runtime",
      "pkg:pypi/pulumi@3.117.0 runtime",
      "pkg:pypi/sphinx@7.3.7 dev", // docs/ names no project: its requirements stay the root's
    ]);
    assert.deepEqual(from("pkg:pypi/pulumi@3.117.0"), ["pkg:pypi/grpcio@1.60.1 runtime"]);
    assert.deepEqual(from("pkg:composer/acme/site"), ["pkg:composer/psr/log@3.0.0 runtime"]);
  } finally {
    await done();
  }
});

Deno.test("a package.json under a lock above that does not know its project is a locked version only where its range admits it (vercel/next.js's examples)", async () => {
  const example = (ms: string): string => JSON.stringify({ private: true, dependencies: { ms } });
  const [dir, done] = await tempProject({
    "package.json": JSON.stringify({
      name: "app",
      version: "1.0.0",
      dependencies: { ms: "^2.1.3" },
    }),
    "package-lock.json": MINIMAL_LOCK,
    "examples/admitted/package.json": example("^2.0.0"),
    "examples/pinned/package.json": example("1.0.0"),
    "examples/older/package.json": example("^1.0.0"),
    "examples/tagged/package.json": example("latest"),
  });
  try {
    const inventory = await readInventory(dir);
    const from = (folder: string): string[] =>
      inventory.edges.filter((e) => e.from === `workspace:examples/${folder}`).map((e) => e.to);
    assert.deepEqual(from("admitted"), ["pkg:npm/ms@2.1.3"]);
    assert.deepEqual(from("pinned"), ["pkg:npm/ms@1.0.0"], "its pin, not the lock's 2.1.3");
    assert.deepEqual(from("older"), ["pkg:npm/ms"], "declared: no locked version admits ^1.0.0");
    assert.deepEqual(from("tagged"), ["pkg:npm/ms@2.1.3"], "a dist-tag cannot be told apart");
    assert.deepEqual(
      inventory.warnings?.filter((w) => w.includes("installs nothing")).map((w) =>
        w.slice(0, w.indexOf(" is no workspace"))
      ),
      ["examples/older/package.json", "examples/pinned/package.json"],
    );
  } finally {
    await done();
  }
});

Deno.test("a pyproject.toml under a lock above that does not know its project is a locked version only where its specifier admits it (a docs/pyproject.toml)", async () => {
  const [dir, done] = await tempProject({
    "pyproject.toml": '[project]\nname = "app"\nversion = "1.0"\ndependencies = ["flask>=3"]\n',
    "requirements.txt": "click==8.1.7\nflask==3.0.0\nsphinx==7.3.7\n",
    "docs/pyproject.toml": '[project]\nname = "app-docs"\nversion = "0.1"\n' +
      'dependencies = ["sphinx<7", "flask>=2", "click==8.0.0"]\n',
  });
  try {
    const inventory = await readInventory(dir);
    assert.deepEqual(
      inventory.edges.filter((e) => e.from === "pkg:pypi/app-docs@0.1").map((e) => e.to),
      ["pkg:pypi/click@8.0.0", "pkg:pypi/flask@3.0.0", "pkg:pypi/sphinx"],
      "sphinx<7 is not the 7.3.7 requirements.txt pins, click==8.0.0 not its 8.1.7",
    );
    assert.ok(inventory.warnings?.some((w) => w.startsWith("docs/pyproject.toml is resolved by")));
  } finally {
    await done();
  }
});

Deno.test("a JavaScript lock left in a workspace's folder is not used: the workspace root's lock installs it", async () => {
  const lock = (name: string, leftPad: string, extra: Record<string, unknown> = {}): string =>
    JSON.stringify({
      name,
      lockfileVersion: 3,
      packages: {
        "": { name, dependencies: { "left-pad": "^1.0.0" } },
        "node_modules/left-pad": { version: leftPad },
        ...extra,
      },
    });
  const [dir, done] = await tempProject({
    "package.json": JSON.stringify({ name: "mono", workspaces: ["packages/*"] }),
    "package-lock.json": lock("mono", "1.3.0", {
      "": { name: "mono", workspaces: ["packages/*"] },
      "node_modules/@mono/a": { resolved: "packages/a", link: true },
      "packages/a": { name: "@mono/a", version: "1.0.0", dependencies: { "left-pad": "^1.0.0" } },
    }),
    "packages/a/package.json": JSON.stringify({
      name: "@mono/a",
      version: "1.0.0",
      dependencies: { "left-pad": "^1.0.0" },
    }),
    // Committed before the repository moved to npm workspaces.
    "packages/a/package-lock.json": lock("@mono/a", "1.2.0"),
    // A separate project, no workspace: its own lock installs it.
    "docs/package.json": JSON.stringify({ name: "docs", dependencies: { "left-pad": "^1.0.0" } }),
    "docs/package-lock.json": lock("docs", "1.1.0"),
  });
  try {
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:npm/left-pad@1.1.0",
      "pkg:npm/left-pad@1.3.0",
    ]);
    assert.deepEqual(
      inventory.edges.filter((e) => e.from === "workspace:packages/a").map((e) => e.to),
      ["pkg:npm/left-pad@1.3.0"],
    );
    assert.ok(
      inventory.warnings?.some((w) =>
        w.startsWith(
          "packages/a/package-lock.json is not used: packages/a/ is a workspace member of " +
            "package-lock.json",
        )
      ),
    );
    // A pnpm link: folder is installed by its own lock: the root's has none of its dependencies.
    const pnpm = (importer: string, more = ""): string =>
      `lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n${importer}${more}`;
    await Deno.writeTextFile(
      `${dir}/pnpm-lock.yaml`,
      pnpm("      x:\n        specifier: link:libs/x\n        version: link:libs/x\n"),
    );
    await Deno.remove(`${dir}/package-lock.json`);
    await Deno.writeTextFile(
      `${dir}/package.json`,
      JSON.stringify({ name: "app", dependencies: { x: "link:libs/x" } }),
    );
    await Deno.mkdir(`${dir}/libs/x`, { recursive: true });
    await Deno.writeTextFile(`${dir}/libs/x/package.json`, JSON.stringify({ name: "x" }));
    await Deno.writeTextFile(
      `${dir}/libs/x/pnpm-lock.yaml`,
      pnpm(
        "      ms:\n        specifier: ^2.1.3\n        version: 2.1.3\n",
        "\npackages:\n\n  ms@2.1.3:\n    resolution: {integrity: sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==}\n\n" +
          "snapshots:\n\n  ms@2.1.3: {}\n",
      ),
    );
    const linked = await readInventory(dir, { exclude: ["packages", "docs"] });
    assert.deepEqual(
      linked.edges.filter((e) => e.from === "workspace:libs/x").map((e) => e.to),
      ["pkg:npm/ms@2.1.3"],
      "its own lock installs a link: folder",
    );
  } finally {
    await done();
  }
});

Deno.test("a workspace's npm-shrinkwrap.json is not used, and is no stale lock: it is for installs of the published package", async () => {
  // npm installs a workspace from the root's lock and reads a package's shrinkwrap only when it
  // installs that package as a dependency: a published package keeps its shrinkwrap.
  const [dir, done] = await tempProject({
    "package.json": JSON.stringify({ name: "mono", workspaces: ["packages/*"] }),
    "package-lock.json": JSON.stringify({
      name: "mono",
      lockfileVersion: 3,
      packages: {
        "": { name: "mono", workspaces: ["packages/*"] },
        "node_modules/@mono/b": { resolved: "packages/b", link: true },
        "node_modules/ms": { version: "2.1.3" },
        "packages/b": { name: "@mono/b", version: "2.0.0", dependencies: { ms: "^2.1.1" } },
      },
    }),
    "packages/b/package.json": JSON.stringify({
      name: "@mono/b",
      version: "2.0.0",
      dependencies: { ms: "^2.1.1" },
    }),
    "packages/b/npm-shrinkwrap.json": JSON.stringify({
      name: "@mono/b",
      lockfileVersion: 3,
      packages: {
        "": { name: "@mono/b", version: "2.0.0", dependencies: { ms: "^2.1.1" } },
        "node_modules/ms": { version: "2.1.1" },
      },
    }),
  });
  try {
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:npm/ms@2.1.3"]);
    assert.deepEqual(inventory.warnings, [
      "packages/b/npm-shrinkwrap.json is not used: packages/b/ is a workspace member of " +
      "package-lock.json, which locks it (npm installs a workspace from that lock; a member's " +
      "shrinkwrap is what an install of its published package uses): its packages are not in " +
      "the SBOM; keep it, and --exclude it to silence this",
    ]);
  } finally {
    await done();
  }
});

Deno.test("a Cargo.toml under a Cargo.lock above that does not know its crate is a locked version only where its requirement admits it (`=` pins one)", async () => {
  const crate = (name: string, version: string): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\n` +
    'source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "0000000000000000000000000000000000000000000000000000000000000000"\n\n';
  const [dir, done] = await tempProject({
    // A member of the workspace (`tools/*`) that the lock, older than it, does not know.
    "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[workspace]\n' +
      'members = ["tools/*"]\n\n[dependencies]\nserde = "1"\nrand = "0.8"\nlog = "0.4"\n',
    "Cargo.lock": 'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
      'dependencies = ["log", "rand", "serde"]\n\n' + crate("log", "0.4.22") +
      crate("rand", "0.8.5") + crate("serde", "1.0.190"),
    "tools/x/Cargo.toml": '[package]\nname = "x"\nversion = "0.1.0"\n\n' +
      '[dependencies]\nserde = "0.9"\nrand = "=0.8.4"\nlog = "0.4.20"\n',
  });
  try {
    const inventory = await readInventory(dir);
    const fromX = (): string[] =>
      inventory.edges.filter((e) => e.from === "pkg:cargo/x@0.1.0").map((e) => e.to);
    assert.deepEqual(
      fromX(),
      ["pkg:cargo/log@0.4.22", "pkg:cargo/rand@0.8.4", "pkg:cargo/serde"],
      "serde 0.9 is not the 1.0.190 locked, =0.8.4 not the 0.8.5",
    );
    assert.ok(inventory.warnings?.some((w) => w.startsWith("tools/x/Cargo.toml is resolved by")));
  } finally {
    await done();
  }
});

// A crate below a root crate that has no [workspace] is a workspace of its own to Cargo, built
// with a Cargo.lock beside it: the root's lock does not resolve it (its log 0.4.22 was taken),
// unless it locks the crate, a path dependency of the root.
Deno.test("a crate with no workspace above is not resolved by a Cargo.lock above, unless that lock locks it", async () => {
  const lock = (x: string): string =>
    'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
    `dependencies = ["log"${x === "" ? "" : ', "x"'}]\n\n[[package]]\nname = "log"\n` +
    'version = "0.4.22"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n' +
    'checksum = "0000000000000000000000000000000000000000000000000000000000000000"\n' + x;
  const [dir, done] = await tempProject({
    "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nlog = "0.4"\n',
    "Cargo.lock": lock(""),
    "tools/x/Cargo.toml": '[package]\nname = "x"\nversion = "0.1.0"\n\n' +
      '[dependencies]\nlog = "0.4.20"\n',
  });
  try {
    const edgesOfX = async (): Promise<string[]> =>
      (await readInventory(dir, { onWarning: () => {} })).edges
        .filter((e) => e.from === "pkg:cargo/x@0.1.0").map((e) => e.to);
    assert.deepEqual(await edgesOfX(), ["pkg:cargo/log"]);
    await writeTree(dir, {
      "Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\n' +
        'log = "0.4"\nx = { path = "tools/x" }\n',
      "Cargo.lock": lock(
        '\n[[package]]\nname = "x"\nversion = "0.1.0"\ndependencies = ["log"]\n',
      ),
    });
    assert.deepEqual(await edgesOfX(), ["pkg:cargo/log@0.4.22"], "a path dependency of the root");
  } finally {
    await done();
  }
});

Deno.test("a crate the workspace excludes, or a workspace of its own, is not resolved by a Cargo.lock above: Cargo builds it alone (a lockless fuzz/)", async () => {
  const [dir, done] = await tempProject({
    "Cargo.toml":
      '[package]\nname = "app"\nversion = "0.1.0"\n\n[workspace]\nexclude = ["fuzz"]\n\n' +
      '[dependencies]\nserde = "1"\n',
    "Cargo.lock": 'version = 3\n\n[[package]]\nname = "app"\nversion = "0.1.0"\n' +
      'dependencies = ["serde"]\n\n[[package]]\nname = "serde"\nversion = "1.0.190"\n' +
      'source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "0000000000000000000000000000000000000000000000000000000000000000"\n',
    "fuzz/Cargo.toml": '[package]\nname = "app-fuzz"\nversion = "0.0.0"\n\n' +
      '[dependencies]\nlibfuzzer-sys = "0.4"\nserde = "1"\napp = { path = ".." }\n',
    // all-is-cubes' fuzz/: "[workspace] # Excludes this from containing workspace".
    "other/fuzz/Cargo.toml":
      '[workspace]\n\n[package]\nname = "other-fuzz"\nversion = "0.0.0"\n\n' +
      '[dependencies]\nserde = "1"\n',
  });
  try {
    const inventory = await readInventory(dir);
    assert.deepEqual(
      inventory.edges.filter((e) => e.from === "pkg:cargo/app-fuzz@0.0.0").map((e) => e.to),
      ["pkg:cargo/libfuzzer-sys", "pkg:cargo/serde"],
      "not the root lock's serde 1.0.190",
    );
    assert.deepEqual(
      inventory.edges.filter((e) => e.from === "pkg:cargo/other-fuzz@0.0.0").map((e) => e.to),
      ["pkg:cargo/serde"],
    );
    assert.ok(!inventory.warnings?.some((w) => w.includes("resolved by Cargo.lock")));
    assert.ok(
      inventory.warnings?.some((w) =>
        w.includes("are declared, not resolved (fuzz/Cargo.toml, other/fuzz/Cargo.toml)")
      ),
    );
  } finally {
    await done();
  }
});

Deno.test("the project's identity: a sibling .NET project, which states no identity, keeps a front end's package.json from naming the tree (bitwarden/server)", async () => {
  const csproj = '<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>' +
    '<PackageReference Include="Newtonsoft.Json" Version="13.0.3" /></ItemGroup></Project>\n';
  const [dir, done] = await tempProject({
    "src/Admin/Admin.csproj": csproj,
    "src/Admin/package.json": JSON.stringify({ name: "app", version: "1.0.0" }),
    "src/Admin/package-lock.json": MINIMAL_LOCK,
    "src/Api/Api.csproj": csproj,
  });
  try {
    const inventory = await readInventory(dir);
    assert.equal(
      inventory.project.name,
      basename(dir),
      "two sibling projects: neither is the release",
    );
    assert.ok(
      inventory.members.some((m) => m.id === "workspace:src/Admin"),
      "the front end is a member",
    );
    await Deno.remove(`${dir}/src/Api`, { recursive: true });
    assert.equal((await readInventory(dir)).project.name, "app", "the one folder of its depth");
  } finally {
    await done();
  }
});

Deno.test("the project's identity: a tooling manifest (private package.json, lint-only pyproject) gives way to another of its folder (jenkins, gitea)", async () => {
  const jenkinsUi = JSON.stringify({
    name: "jenkins-ui",
    version: "1.0.0",
    private: true,
    dependencies: { jquery: "4.0.0" },
  });
  const pom = `<project><modelVersion>4.0.0</modelVersion><groupId>org.jenkins-ci.main</groupId>
<artifactId>jenkins-parent</artifactId><version>2.500</version><packaging>pom</packaging></project>`;
  const [dir, done] = await tempProject({ "package.json": jenkinsUi, "pom.xml": pom });
  try {
    const project = async (): Promise<string | undefined> =>
      (await readInventory(dir)).project.purl;
    assert.equal(await project(), "pkg:maven/org.jenkins-ci.main/jenkins-parent@2.500?type=pom");
    // The same when a lock stands for the package.json (the lock records no `private`).
    const lock = {
      name: "jenkins-ui",
      version: "1.0.0",
      lockfileVersion: 3,
      packages: {
        "": { name: "jenkins-ui", version: "1.0.0", dependencies: { jquery: "4.0.0" } },
        "node_modules/jquery": { version: "4.0.0" },
      },
    };
    await Deno.writeTextFile(`${dir}/package-lock.json`, JSON.stringify(lock));
    assert.equal(await project(), "pkg:maven/org.jenkins-ci.main/jenkins-parent@2.500?type=pom");
    await Deno.remove(`${dir}/package-lock.json`);
    // Published, it is the project's identity again (the first reader's, as before).
    await Deno.writeTextFile(
      `${dir}/package.json`,
      jenkinsUi.replace('"private":true', '"private":false'),
    );
    assert.equal(await project(), "pkg:npm/jenkins-ui@1.0.0");
    // Alone, a private package.json names its project.
    await Deno.remove(`${dir}/pom.xml`);
    await Deno.writeTextFile(`${dir}/package.json`, jenkinsUi);
    assert.equal(await project(), "pkg:npm/jenkins-ui@1.0.0");
    // gitea: a Poetry table of lint tools only, beside the Go module.
    await Deno.remove(`${dir}/package.json`);
    await Deno.writeTextFile(
      `${dir}/pyproject.toml`,
      '[tool.poetry]\nname = "gitea"\nversion = "0.0.0"\n\n[tool.poetry.dependencies]\npython = "^3.8"\n\n[tool.poetry.group.dev.dependencies]\ndjlint = "1.34.1"\n',
    );
    await Deno.writeTextFile(`${dir}/go.mod`, "module code.gitea.io/gitea\n\ngo 1.24\n");
    assert.equal(await project(), "pkg:golang/code.gitea.io/gitea");
    // With a build system it is a Python package, named first as before.
    await Deno.writeTextFile(
      `${dir}/pyproject.toml`,
      '[build-system]\nrequires = ["poetry-core"]\nbuild-backend = "poetry.core.masonry.api"\n\n' +
        (await Deno.readTextFile(`${dir}/pyproject.toml`)),
    );
    assert.equal(await project(), "pkg:pypi/gitea@0.0.0");
  } finally {
    await done();
  }
});
Deno.test("readInventory: of two manifests of the root that name a project, the ecosystem listed first names it", async () => {
  const pyproject = '[project]\nname = "py-app"\nversion = "1.0"\ndependencies = ["idna==3.7"]\n' +
    '[build-system]\nrequires = ["hatchling"]\n';
  const packageJson = JSON.stringify({ name: "js-app", version: "2.0.0" });
  const [dir, done] = await tempProject({
    "pyproject.toml": pyproject,
    "package.json": packageJson,
  });
  try {
    assert.equal((await readInventory(dir)).project.purl, "pkg:pypi/py-app@1.0");
  } finally {
    await done();
  }
});

Deno.test("the project version: the manifest's, else the release with a v-tag's v dropped", async () => {
  const [dir, done] = await tempProject({
    "pyproject.toml": '[project]\nname = "demo"\ndynamic = ["version"]\ndependencies = []\n',
  });
  try {
    const dynamic = await readInventory(dir, { release: "v1.2.3" });
    assert.deepEqual([dynamic.project.version, dynamic.project.purl], [
      "1.2.3",
      "pkg:pypi/demo@1.2.3",
    ]);
    await Deno.writeTextFile(
      `${dir}/pyproject.toml`,
      '[project]\nname = "demo"\nversion = "0.9"\n',
    );
    assert.equal((await readInventory(dir, { release: "v1.2.3" })).project.version, "0.9");
    await Deno.writeTextFile(
      `${dir}/package-lock.json`,
      MINIMAL_LOCK.replaceAll('"1.0.0"', '"2.0.0"'),
    );
    await Deno.remove(`${dir}/pyproject.toml`);
    assert.equal((await readInventory(dir, { release: "v9" })).project.version, "2.0.0");
    await Deno.remove(`${dir}/package-lock.json`);
    await Deno.writeTextFile(`${dir}/go.mod`, "module example.com/m\n");
    const go = await readInventory(dir, { release: "v1.2.3" });
    assert.deepEqual([go.project.version, go.project.purl], [
      "v1.2.3",
      "pkg:golang/example.com/m@v1.2.3",
    ]);
  } finally {
    await done();
  }
});

Deno.test("the project a module below the root names is not also its member when --release versions it", async () => {
  const [dir, done] = await tempProject({
    "server/go.mod": "module example.com/m\n\nrequire example.com/dep v1.0.0\n",
  });
  try {
    const inventory = await readInventory(dir, { release: "v1.2.3" });
    assert.equal(inventory.project.purl, "pkg:golang/example.com/m@v1.2.3");
    assert.deepEqual(inventory.members, []);
    assert.deepEqual(inventory.edges.map((e) => `${e.from} -> ${e.to}`), [
      "root -> pkg:golang/example.com/dep@v1.0.0",
    ]);
  } finally {
    await done();
  }
});

Deno.test("licenses: package-lock entries and root manifests carry them into the inventory", async () => {
  const [dir, done] = await tempProject({
    "package-lock.json": MINIMAL_LOCK.replace(
      '"name": "app",\n      "version": "1.0.0",',
      '"name": "app",\n      "version": "1.0.0",\n      "license": "Apache-2.0",',
    ),
  });
  try {
    const inventory = await readInventory(dir);
    assert.equal(inventory.project.license, "Apache-2.0");
    assert.equal(inventory.components[0].license, "MIT");
  } finally {
    await done();
  }
});

Deno.test("a @jsr/scope__name npm-compat entry is the JSR package, emitted once with deno.lock's", async () => {
  const tarball = "https://npm.jsr.io/~/11/@jsr/std__path/1.0.8.tgz";
  const lock = {
    name: "app",
    lockfileVersion: 3,
    packages: {
      "": { name: "app", dependencies: { "@std/path": "npm:@jsr/std__path@^1.0.8" } },
      "node_modules/@std/path": {
        name: "@jsr/std__path",
        version: "1.0.8",
        resolved: tarball,
        integrity: "sha512-" + "A".repeat(86) + "==",
      },
      "node_modules/x/node_modules/@std/path": {
        name: "@jsr/std__path",
        version: "1.0.8",
        resolved: tarball,
      },
    },
  };
  const [dir, done] = await tempProject({
    "package-lock.json": JSON.stringify(lock),
    "deno.lock": JSON.stringify({
      version: "5",
      specifiers: { "jsr:@std/path@^1.0.8": "1.0.8" },
      jsr: { "@std/path@1.0.8": { integrity: "b".repeat(64) } },
      workspace: { dependencies: ["jsr:@std/path@^1.0.8"] },
    }),
  });
  try {
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:jsr/%40std/path@1.0.8"]);
    const [jsr] = inventory.components;
    assert.equal(jsr.name, "@std/path");
    assert.deepEqual(jsr.sources, ["deno.lock", "package-lock.json"]);
    assert.deepEqual(jsr.distributions?.map((d) => d.url), [tarball]);
  } finally {
    await done();
  }
});

Deno.test("a lockfile deeper than the scan reads is a warning and a blocker; a deep member is its lock's", async () => {
  const deepMember = {
    name: "leaf",
    version: "1.0.0",
    lockfileVersion: 3,
    requires: true,
    packages: {
      "": { name: "app", workspaces: ["a/b/c/d/leaf"] },
      "a/b/c/d/leaf": { name: "leaf", version: "1.0.0" },
      "node_modules/leaf": { resolved: "a/b/c/d/leaf", link: true },
    },
  };
  const [dir, done] = await tempProject({
    "requirements.txt": "idna==3.10\n",
    "svc/x/y/z/deep/requirements.txt": "urllib3==2.2.2\n",
    "web/package.json": '{"name": "app", "workspaces": ["a/b/c/d/leaf"]}',
    "web/package-lock.json": JSON.stringify(deepMember),
    "web/a/b/c/d/leaf/package.json": '{"name": "leaf", "version": "1.0.0"}',
  });
  try {
    const warnings: string[] = [];
    const { inventory, blockers } = await loadInventory(dir, {
      onWarning: (w) => warnings.push(w),
    });
    assert.deepEqual(inventory.unread, ["svc/x/y/z/deep/requirements.txt"]);
    assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:pypi/idna@3.10"]);
    assert.deepEqual(warnings, [
      "svc/x/y/z/deep/requirements.txt is not read: it is more than 4 folders below the " +
      "project root, deeper than the scan reads (scan its folder with --project-root, or name " +
      "it with --lockfile)",
    ]);
    assert.deepEqual(blockers.map((b) => b.code), ["inventory.unread_file"]);
    const allowed = await loadInventory(dir, { allowUnread: ["svc/**"] });
    assert.deepEqual(allowed.blockers, []);
  } finally {
    await done();
  }
});

Deno.test("readInventory: a package no purl can be built for is the reader's invalid error, never a crash", async () => {
  const dir = await Deno.makeTempDir();
  try {
    // A renamed dependency whose real name is empty: the reader does not check it itself.
    await Deno.writeTextFile(
      `${dir}/Cargo.toml`,
      '[package]\nname = "app"\nversion = "0.1.0"\n\n[dependencies]\nx = { package = "", version = "1" }\n',
    );
    await assert.rejects(
      () => readInventory(dir),
      (e: unknown) =>
        isVouchError(e) && e.code === "inventory.cargo_toml.invalid" &&
        e.message === "Cargo.toml: a package URL of type cargo needs a name" && e.hint.length > 0,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("every corpus project reads the same with Windows line ends and a UTF-8 BOM on each file", async () => {
  if (skipWithoutShared("the CRLF/BOM corpus comparison")) return;
  const corpus = `${SHARED_DIR}/corpus`;
  const projects = [...Deno.readDirSync(corpus)].filter((e) => e.isDirectory).map((e) => e.name);
  const summary = (inventory: Inventory): string[] =>
    inventory.components.map((c) =>
      `${c.id} ${c.scopes.join()} ${c.hashes.map((h) => h.hex).join()} ${c.license ?? ""}`
    );
  for (const project of projects.sort()) {
    await withTempDir(async (dir) => {
      const copy = async (from: string, to: string): Promise<void> => {
        await Deno.mkdir(to, { recursive: true });
        for (const e of Deno.readDirSync(from)) {
          if (e.isDirectory) await copy(`${from}/${e.name}`, `${to}/${e.name}`);
          else if (e.isFile) {
            const text = Deno.readTextFileSync(`${from}/${e.name}`);
            await Deno.writeTextFile(`${to}/${e.name}`, `\uFEFF${text.replace(/\r?\n/g, "\r\n")}`);
          }
        }
      };
      await copy(`${corpus}/${project}`, dir);
      const windows = await readInventory(dir);
      const original = await readInventory(`${corpus}/${project}`);
      assert.deepEqual(summary(windows), summary(original), project);
    });
  }
});

Deno.test("a requirements file below a requirements/ subfolder is read unless a file read includes it", async () => {
  // celery's requirements/extras/*.txt, edx-platform's requirements/edx/*.txt: pip-compile outputs
  // that no file includes were skipped without a word.
  const inventory = await readInventory(fixture("python", "requirements-subfolders"));
  const scopes = Object.fromEntries(inventory.components.map((c) => [c.purl, c.scopes]));
  assert.deepEqual(scopes, {
    "pkg:pypi/boto3@1.35.99": ["optional"],
    "pkg:pypi/ddt@1.7.2": ["dev"],
    "pkg:pypi/django@5.2.10": ["dev", "runtime"],
    // Included by extras/sqs.txt only: read once, as part of it, with its scope.
    "pkg:pypi/pycurl@7.45.6": ["optional"],
    "pkg:pypi/pytest@8.3.5": ["dev"],
    // Included by test.txt: installed for the tests, not an extra read on its own.
    "pkg:pypi/pyyaml@6.0.2": ["dev"],
    "pkg:pypi/vine": ["runtime"],
    "pkg:pypi/zstandard@0.23.0": ["optional"],
  });
  assert.deepEqual(inventory.sources, [
    "requirements/default.txt",
    "requirements/deps/pycurl.txt",
    "requirements/edx/base.txt",
    "requirements/edx/testing.txt",
    "requirements/extras/sqs.txt",
    "requirements/extras/yaml.txt",
    "requirements/extras/zstd.txt",
    "requirements/test.txt",
  ]);
  assert.deepEqual(inventory.unread, []);
  assertGraph(inventory, "requirements subfolders");
});

// A manifest the scan reports as a link out of the root is never opened: what a build script
// or deno.json outside the project names as its lock (here, files inside it) was read.
Deno.test("readInventory: a manifest linked from outside the root names no lockfile", async () => {
  await withTempDir(async (outside) => {
    await withTempDir(async (dir) => {
      await Deno.writeTextFile(
        `${outside}/build.gradle`,
        'dependencyLocking {\n  lockFile = file("locks/app.lockfile")\n}\n',
      );
      await Deno.writeTextFile(`${outside}/deno.json`, '{ "lock": "locks/app.deno.lock" }');
      await Deno.mkdir(`${dir}/locks`);
      await Deno.writeTextFile(
        `${dir}/locks/app.lockfile`,
        "# This is a Gradle generated file for dependency locking.\n" +
          "com.google.guava:guava:33.0.0-jre=runtimeClasspath\nempty=\n",
      );
      await Deno.writeTextFile(
        `${dir}/locks/app.deno.lock`,
        JSON.stringify({
          version: "4",
          npm: {
            "ms@2.1.3": {
              integrity:
                "sha512-pKvURIxJVi2CgRXROh/M6pJ/UrTVRZKX+LQ+QtqJI4vBNibkPcs43bCCSIkn7JBPtCBXRDmD6IWFF51QVRr+Yg==",
            },
          },
        }),
      );
      await Deno.symlink(`${outside}/build.gradle`, `${dir}/build.gradle`);
      await Deno.symlink(`${outside}/deno.json`, `${dir}/deno.json`);
      const inventory = await readInventory(dir, {});
      assert.deepEqual(inventory.components.map((c) => c.purl), []);
      assert.deepEqual(inventory.unread, ["build.gradle", "deno.json"]);
    });
  });
});

// langgraph's libs/cli/examples/graph_prerelease_reqs/deps/additional_deps/pyproject.toml, six
// folders down under a requirements.txt that does not list it, counted as resolved by that file:
// its langgraph==1.2.6 was dropped without a word. A lock above resolves a deep manifest only
// when it locks that folder as one of the project's own (a workspace member).
Deno.test("a deep manifest under a lock that does not lock its folder is not read, and said so", async () => {
  const [dir, done] = await tempProject({
    "requirements.txt": "idna==3.10\n",
    "examples/a/b/c/d/pyproject.toml":
      '[project]\nname = "deep"\nversion = "0.1.0"\ndependencies = ["flask==3.0.0"]\n',
    "web/package.json": '{"name": "web", "dependencies": {"ms": "2.1.3"}}',
    "web/package-lock.json": JSON.stringify({
      name: "web",
      lockfileVersion: 3,
      requires: true,
      packages: {
        "": { name: "web", dependencies: { ms: "2.1.3" } },
        "node_modules/ms": { version: "2.1.3" },
      },
    }),
    "web/demo/x/y/z/package.json": '{"name": "demo", "dependencies": {"left-pad": "1.3.0"}}',
  });
  try {
    const { inventory, blockers } = await loadInventory(dir);
    assert.deepEqual(inventory.unread, [
      "examples/a/b/c/d/pyproject.toml",
      "web/demo/x/y/z/package.json",
    ]);
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:npm/ms@2.1.3",
      "pkg:pypi/idna@3.10",
    ]);
    assert.deepEqual(blockers.map((b) => b.code), [
      "inventory.unread_file",
      "inventory.unread_file",
    ]);
  } finally {
    await done();
  }
});

// With --lockfile naming a project file 1,000 folders deep, the MSBuild reader's search upward
// for Directory.Build.props, Directory.Packages.props and global.json took over 20 s: each load
// resolved the real path of every folder of its path again (Deno.realPathSync), the square of the
// depth in system calls. The folders' real paths are now kept: one resolution per symlink. A
// folder symlinked from outside the root is still refused.
Deno.test("readInventory: the files looked for in every folder up to the root do not resolve the whole path each time", async () => {
  await withTempDir(async (dir) => {
    const deep = Array.from({ length: 200 }, () => "d").join("/");
    await Deno.mkdir(`${dir}/project/${deep}`, { recursive: true });
    await Deno.mkdir(`${dir}/outside`);
    await Deno.writeTextFile(
      `${dir}/project/${deep}/App.csproj`,
      `<Project Sdk="Microsoft.NET.Sdk"><ItemGroup><PackageReference Include="X" Version="1.0.0" /></ItemGroup></Project>`,
    );
    const realPathSync = Deno.realPathSync;
    let calls = 0;
    Deno.realPathSync = (path) => {
      calls++;
      return realPathSync(path);
    };
    try {
      const inventory = await readInventory(`${dir}/project`, {
        lockfiles: [`${deep}/App.csproj`],
      });
      assert.deepEqual(inventory.components.map((c) => c.purl), ["pkg:nuget/X@1.0.0"]);
    } finally {
      Deno.realPathSync = realPathSync;
    }
    assert.ok(calls < 20, `${calls} real path resolutions`);
    // Through a folder symlinked from outside, a file is outside the root.
    await Deno.writeTextFile(`${dir}/outside/x.props`, "<Project />");
    await Deno.symlink(`${dir}/outside`, `${dir}/project/linked`);
    await Deno.writeTextFile(
      `${dir}/project/d/App.csproj`,
      `<Project Sdk="Microsoft.NET.Sdk"><Import Project="../linked/x.props" /></Project>`,
    );
    await assert.rejects(
      () => readInventory(`${dir}/project`, { lockfiles: ["d/App.csproj"] }),
      (error: VouchError) => error.code === "inventory.outside_root",
    );
  });
});

Deno.test("readInventory: a workspace member named as the unversioned root is another package, not the root's version", async () => {
  // npm 11 installs and locks a private root `foo` with its workspace `packages/foo`
  // (`foo@1.0.0`): two packages of one name. The root states no version; the member stays.
  const [dir, done] = await tempProject({
    "package.json": JSON.stringify({ name: "foo", private: true, workspaces: ["packages/*"] }),
    "packages/foo/package.json": JSON.stringify({ name: "foo", version: "1.0.0" }),
    "package-lock.json": JSON.stringify(
      {
        name: "foo",
        lockfileVersion: 3,
        requires: true,
        packages: {
          "": { name: "foo", workspaces: ["packages/*"] },
          "node_modules/foo": { resolved: "packages/foo", link: true },
          "packages/foo": { version: "1.0.0" },
        },
      },
      null,
      2,
    ),
  });
  try {
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.project, { name: "foo", purl: "pkg:npm/foo" });
    assert.deepEqual(inventory.members.map((m) => `${m.id} ${m.purl}`), [
      "workspace:packages/foo pkg:npm/foo@1.0.0",
    ]);
  } finally {
    await done();
  }
});

Deno.test("files that together list more components than one SBOM holds are inventory.too_large", async () => {
  // Two Gradle projects of 125,001 coordinates each: each lock alone is under the cap.
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(`${dir}/settings.gradle`, "include 'a', 'b'\n");
    for (const project of ["a", "b"]) {
      const lines = Array.from(
        { length: 125_001 },
        (_, i) => `org.${project}:x${i}:1.0=runtimeClasspath`,
      );
      await Deno.mkdir(`${dir}/${project}`);
      await Deno.writeTextFile(`${dir}/${project}/build.gradle`, "plugins { id 'java' }\n");
      await Deno.writeTextFile(
        `${dir}/${project}/gradle.lockfile`,
        `${lines.join("\n")}\nempty=\n`,
      );
    }
    await assert.rejects(
      () => readInventory(dir),
      (e: VouchError) =>
        isVouchError(e) && e.code === "inventory.too_large" &&
        e.message === "the project lists more than 250,000 components: more than vouch " +
            "describes in one SBOM",
    );
  });
});

Deno.test("a lockfile of more components than one SBOM holds is inventory.too_large at the file", async () => {
  // 250,001 Gradle coordinates (a hostile or generated file; no real project has 20,000).
  await withTempDir(async (dir) => {
    const lines = Array.from({ length: 250_001 }, (_, i) => `org.x:a${i}:1.0=runtimeClasspath`);
    await Deno.writeTextFile(`${dir}/build.gradle`, "plugins { id 'java' }\n");
    await Deno.writeTextFile(`${dir}/gradle.lockfile`, `${lines.join("\n")}\nempty=\n`);
    await assert.rejects(
      () => readInventory(dir),
      (e: VouchError) =>
        isVouchError(e) && e.code === "inventory.too_large" &&
        e.message === "gradle.lockfile: the project lists more than 250,000 components: more " +
            "than vouch describes in one SBOM",
    );
  });
});
