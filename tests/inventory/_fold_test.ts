// Manifests folded into the lockfiles that resolve them: the nearest lock of
// the ecosystem in the manifest's folder or above; workspace members declare
// from themselves; what the locks lack is dropped. (The same fixtures are
// golden cases; these tests name the rules.)
import assert from "node:assert/strict";
import { loadInventory, readInventory } from "../../src/inventory/mod.ts";
import { cpuStopwatch, fixture, withTempDir } from "../_util.ts";
import { copyDir } from "../_cli.ts";
import { writeTree } from "./_tree.ts";
import { BERRY_APP, PNPM_V9_HEAD } from "./javascript/_js_readers.ts";

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
      ["pkg:pypi/idna@3.10", true, ["runtime"], ["uv.lock"]],
      ["pkg:pypi/pytest@8.3.2", true, ["dev"], ["uv.lock"]],
      ["pkg:pypi/requests@2.32.3", true, ["runtime"], ["uv.lock"]],
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

Deno.test("a uv.lock records what its projects declare: each extra and group keeps the version the lock gives it (uv2nix conflicts)", async () => {
  // pyproject-nix/uv2nix lib/fixtures/conflicts: conflicting extras lock arpeggio twice. Folding
  // the pyproject.toml by name gave both versions every extra and group.
  const arpeggio = (version: string) =>
    `[[package]]\nname = "arpeggio"\nversion = "${version}"\n` +
    'source = { registry = "https://pypi.org/simple" }\n\n';
  const pin = (version: string) =>
    `    { name = "arpeggio", version = "${version}", source = { registry = "https://pypi.org/simple" } },\n`;
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pyproject.toml": '[project]\nname = "conflicts"\nversion = "0.1.0"\ndependencies = []\n\n' +
        '[project.optional-dependencies]\nextra-a = ["arpeggio==2.0.0"]\nextra-b = ["arpeggio==2.0.1"]\n\n' +
        '[dependency-groups]\ngroup-c = ["arpeggio==2.0.0"]\n\n' +
        '[tool.uv]\nconflicts = [[{ extra = "extra-a" }, { extra = "extra-b" }, { group = "group-c" }]]\n',
      "uv.lock": 'version = 1\nrequires-python = ">=3.12"\n\n' + arpeggio("2.0.0") +
        arpeggio("2.0.1") +
        '[[package]]\nname = "conflicts"\nversion = "0.1.0"\nsource = { editable = "." }\n\n' +
        "[package.optional-dependencies]\nextra-a = [\n" + pin("2.0.0") + "]\nextra-b = [\n" +
        pin("2.0.1") + "]\n\n[package.dev-dependencies]\ngroup-c = [\n" + pin("2.0.0") + "]\n",
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.scopes, c.groups]), [
      ["pkg:pypi/arpeggio@2.0.0", ["dev", "optional"], ["extra-a", "group-c"]],
      ["pkg:pypi/arpeggio@2.0.1", ["optional"], ["extra-b"]],
    ]);
  });
});

Deno.test("a uv workspace without a lock: a member's declaration of another member is the edge to it (uv2nix workspace-members-test)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pyproject.toml": '[project]\nname = "workspace-members-test"\nversion = "0.1.0"\n' +
        'dependencies = ["requests"]\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n\n' +
        "[tool.uv.sources]\napi = { workspace = true }\nshared = { workspace = true }\n",
      "packages/api/pyproject.toml": '[project]\nname = "api"\nversion = "0.1.0"\n' +
        'dependencies = ["fastapi", "shared"]\n',
      "packages/shared/pyproject.toml": '[project]\nname = "shared"\nversion = "0.1.0"\n' +
        'dependencies = ["pydantic"]\n',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:pypi/fastapi",
      "pkg:pypi/pydantic",
      "pkg:pypi/requests",
    ], "no version-less shared beside the member");
    const edges = inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`);
    assert.ok(edges.includes("pkg:pypi/api@0.1.0 pkg:pypi/shared@0.1.0 runtime"), edges.join("; "));
  });
});

Deno.test("a nested project's declarations that the lock above lacks keep their edges from it (vercel/next.js examples)", async () => {
  // vercel/next.js: examples/* are not in the pnpm workspace and have no lock of their own;
  // what they declare stays, as declared, reached from their project as from the root.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": '{"name": "nextjs-project", "private": true}',
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
      "packages/next/package.json": '{"name": "next", "version": "15.5.0"}',
      "pnpm-lock.yaml": "lockfileVersion: '9.0'\n\nimporters:\n\n  .: {}\n\n" +
        "  packages/next: {}\n",
      "examples/blog-starter/package.json":
        '{"private": true, "dependencies": {"react": "^19.0.0"}}',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.specifier]), [
      ["pkg:npm/react", "^19.0.0"],
    ]);
    const edges = inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`);
    assert.ok(edges.includes("root workspace:examples/blog-starter runtime"), edges.join("; "));
    assert.ok(edges.includes("workspace:examples/blog-starter pkg:npm/react runtime"));
  });
});

Deno.test("a manifest folds into the nearest lock above it, of its own ecosystem only", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await copyDir(fixture("python", "uv-workspace"), dir);
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
      "those are as declared (versions only where pinned, no transitive dependencies); lock them " +
      "there, give docs/ its own lockfile, or --exclude it",
      "rust/Cargo.toml is declared, not resolved: no lockfile vouch reads resolves it, so its " +
      "1 dependency is as declared (versions only where pinned, no transitive dependencies)",
    ]);
    // docs/ is not a member of the root's workspace: what the lock lacks stays, as declared
    // (its build requirement, hatchling, does not).
    assert.deepEqual(
      inventory.components.filter((c) => ["sphinx", "hatchling"].includes(c.name)).map((
        c,
      ) => [c.id, c.specifier, c.sources]),
      [["pkg:pypi/sphinx", ">=7", ["docs/pyproject.toml"]]],
    );
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

Deno.test("a workspace without a lock (a Cargo library such as tokio) gives one warning, not one per member", async () => {
  await withTempDir(async (dir) => {
    const crate = (name: string): string =>
      `[package]\nname = "${name}"\nversion = "1.45.0"\n\n[dependencies]\nbytes = "1"\n`;
    await writeTree(dir, {
      "Cargo.toml": '[workspace]\nmembers = ["tokio", "tokio-util", "tokio-stream"]\n',
      "tokio/Cargo.toml": crate("tokio"),
      "tokio-util/Cargo.toml": crate("tokio-util"),
      "tokio-stream/Cargo.toml": crate("tokio-stream"),
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.declaredOnly, [
      "tokio-stream/Cargo.toml",
      "tokio-util/Cargo.toml",
      "tokio/Cargo.toml",
    ]);
    assert.deepEqual(warnings, [
      "3 manifests are declared, not resolved (tokio-stream/Cargo.toml, tokio-util/Cargo.toml, " +
      "tokio/Cargo.toml): no lockfile vouch reads resolves them, so their dependencies are as " +
      "declared (versions only where pinned, no transitive dependencies)",
    ]);
  });
});

Deno.test("a lockless manifest below the root is a member that its declarations hang from (polyglot repos)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "go.mod": "module example.com/app\n\nrequire example.com/dep v1.0.0\n",
      "native/Cargo.toml": '[package]\nname = "native"\nversion = "0.1.0"\n\n' +
        '[dependencies]\nserde = "1"\n',
      "sdk/pyproject.toml": '[project]\nname = "app-sdk"\nversion = "2.0"\n' +
        'dependencies = ["requests>=2"]\n',
    });
    const inventory = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(inventory.members.map((m) => [m.id, m.version]), [
      ["pkg:cargo/native@0.1.0", "0.1.0"],
      ["pkg:pypi/app-sdk@2.0", "2.0"],
    ]);
    assert.deepEqual(inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
      "pkg:cargo/native@0.1.0 pkg:cargo/serde runtime",
      "pkg:pypi/app-sdk@2.0 pkg:pypi/requests runtime",
      "root pkg:cargo/native@0.1.0 runtime",
      "root pkg:golang/example.com/dep@v1.0.0 runtime",
      "root pkg:pypi/app-sdk@2.0 runtime",
    ], "not the Go module's dependencies");
    // The one manifest of the tree, in a subfolder: it names the project, which is no member.
    await Deno.remove(`${dir}/go.mod`);
    await Deno.remove(`${dir}/native`, { recursive: true });
    const alone = await readInventory(dir, { onWarning: () => {} });
    assert.equal(alone.project.purl, "pkg:pypi/app-sdk@2.0");
    assert.deepEqual(alone.members, []);
    assert.deepEqual(alone.edges.map((e) => `${e.from} ${e.to}`), ["root pkg:pypi/requests"]);
    // Under a lock above that does not know its project (docs/pyproject.toml under the root's
    // lock): the same, with what the lock has folded in.
    await writeTree(dir, { "requirements.txt": "requests==2.32.3\n", "app.py": "" });
    const under = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(under.members.map((m) => m.id), ["pkg:pypi/app-sdk@2.0"]);
    assert.deepEqual(under.edges.map((e) => `${e.from} ${e.to}`), [
      "pkg:pypi/app-sdk@2.0 pkg:pypi/requests@2.32.3",
      "root pkg:pypi/app-sdk@2.0",
      "root pkg:pypi/requests@2.32.3",
    ]);
  });
});

Deno.test("Cargo.toml folds into Cargo.lock: the locked crates become direct, nothing unpinned", async () => {
  const inventory = await readInventory(fixture("rust", "manifest-and-lock"));
  assert.deepEqual(inventory.project, {
    name: "app",
    purl: "pkg:cargo/app@0.1.0",
    version: "0.1.0",
    license: "MIT",
  });
  // helper/Cargo.toml's dev-dependency serde is not in helper's lock entry: the lock says helper
  // does not depend on it (a path dependency that is no workspace member gets no dev-dependencies).
  assert.deepEqual(inventory.components.map((c) => [c.id, c.direct, c.scopes]), [
    ["pkg:cargo/serde@1.0.210", true, ["runtime"]],
  ]);
  const edges = inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`);
  assert.ok(edges.includes("root pkg:cargo/serde@1.0.210 runtime"));
  assert.ok(!edges.some((e) => e.startsWith("pkg:cargo/helper@0.1.0 ")), edges.join("; "));
});

Deno.test("the project is never its own member: a root crate the Cargo.lock lists is the root (lapce)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // lapce: the root package takes its version from [workspace.package].
      "Cargo.toml": `[package]
name = "lapce"
version = { workspace = true }

[dependencies]
lapce-app = { path = "./lapce-app" }
log = "0.4"

[workspace]
members = ["lapce-app"]

[workspace.package]
version = "0.4.6"
`,
      "lapce-app/Cargo.toml": '[package]\nname = "lapce-app"\nversion = "0.4.6"\n',
      "Cargo.lock": `version = 4

[[package]]
name = "lapce"
version = "0.4.6"
dependencies = ["lapce-app", "log"]

[[package]]
name = "lapce-app"
version = "0.4.6"

[[package]]
name = "log"
version = "0.4.22"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "${"a".repeat(64)}"
`,
    });
    const inventory = await readInventory(dir);
    assert.equal(inventory.project.purl, "pkg:cargo/lapce@0.4.6");
    assert.deepEqual(inventory.members.map((m) => m.id), ["pkg:cargo/lapce-app@0.4.6"]);
    assert.deepEqual(inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
      "root pkg:cargo/lapce-app@0.4.6 runtime",
      "root pkg:cargo/log@0.4.22 runtime",
    ]);
  });
});

// A member that depends on the project itself (a Cargo workspace's CLI crate on its library,
// jujumilk3/python-pdm-monorepo-test-project's test_backend on common, `../../common`): the edge
// was dropped when the project's member folded into the root, so nothing said that the member
// uses the project. It is now an edge to the root.
Deno.test("a member's dependency on the project itself stays, as an edge to the root", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Cargo.toml": `[package]
name = "tool"
version = "1.0.0"

[workspace]
members = ["tool-cli"]
`,
      "tool-cli/Cargo.toml": `[package]
name = "tool-cli"
version = "1.0.0"

[dependencies]
tool = { path = ".." }
`,
      "Cargo.lock": `version = 4

[[package]]
name = "tool"
version = "1.0.0"

[[package]]
name = "tool-cli"
version = "1.0.0"
dependencies = ["tool"]
`,
    });
    const inventory = await readInventory(dir);
    assert.equal(inventory.project.purl, "pkg:cargo/tool@1.0.0");
    assert.deepEqual(inventory.members.map((m) => m.id), ["pkg:cargo/tool-cli@1.0.0"]);
    assert.deepEqual(inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
      "pkg:cargo/tool-cli@1.0.0 root runtime",
      "root pkg:cargo/tool-cli@1.0.0 runtime",
    ]);
  });
});

// sveltejs/kit without a lock: packages/kit/test/apps/basic is a workspace member five folders
// down. The root package.json's reader loaded its package.json for its name, so it counted as
// read, yet what it declares was never read: dropped without a word.
Deno.test("a workspace member deeper than the scan, that no lock resolves, is read: not dropped for being loaded for its name", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "package.json": JSON.stringify({
        name: "root",
        workspaces: ["a/b/c/d/*"],
        dependencies: { ms: "2.1.3" },
      }),
      "a/b/c/d/e/package.json": JSON.stringify({ name: "e", dependencies: { kleur: "^4.1.5" } }),
    });
    const { inventory, blockers } = await loadInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:npm/kleur", "pkg:npm/ms@2.1.3"]);
    assert.deepEqual(inventory.members.map((m) => m.id), ["workspace:a/b/c/d/e"]);
    assert.ok(inventory.sources.includes("a/b/c/d/e/package.json"));
    assert.deepEqual([inventory.unread, blockers], [[], []]);
  });
});

const NUGET_LOCK = (name: string, version: string): string =>
  JSON.stringify({
    version: 1,
    dependencies: {
      "net8.0": {
        [name]: {
          type: "Direct",
          requested: `[${version}, )`,
          resolved: version,
          contentHash: btoa("x".repeat(64)),
        },
      },
    },
  });
const CSPROJ = (references: string): string =>
  `<Project Sdk="Microsoft.NET.Sdk"><ItemGroup>${references}</ItemGroup></Project>`;

Deno.test("a NuGet lock resolves only its own project: not a project below it, not another's", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "App.csproj": CSPROJ('<PackageReference Include="Serilog" Version="3.1.1" />'),
      "packages.lock.json": NUGET_LOCK("Serilog", "3.1.1"),
      // A project below the root's lock, with no lock of its own: its own declarations.
      "src/Lib/Lib.csproj": CSPROJ('<PackageReference Include="Polly" Version="[8.0,9.0)" />'),
      // Two projects in one folder: packages.Api.lock.json is Api's, not Tool's.
      "svc/Api.csproj": CSPROJ('<PackageReference Include="Dapper" Version="2.1.0" />'),
      "svc/packages.Api.lock.json": NUGET_LOCK("Dapper", "2.1.35"),
      "svc/Tool.csproj": CSPROJ('<PackageReference Include="Humanizer" Version="2.14.1" />'),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.sources.join(" ")]), [
      ["pkg:nuget/Dapper@2.1.35", "svc/packages.Api.lock.json"],
      ["pkg:nuget/Humanizer@2.14.1", "svc/Tool.csproj"],
      ["pkg:nuget/Polly", "src/Lib/Lib.csproj"],
      ["pkg:nuget/Serilog@3.1.1", "packages.lock.json"],
    ]);
    assert.deepEqual(inventory.declaredOnly, ["src/Lib/Lib.csproj", "svc/Tool.csproj"]);
  });
});

Deno.test("a NuGet package written in several cases is one component: a lock's spelling, else the first file's", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "A/A.csproj": CSPROJ('<PackageReference Include="Newtonsoft.Json" Version="13.0.3" />'),
      "B/B.csproj": CSPROJ(
        '<PackageReference Include="newtonsoft.json" Version="13.0.3" PrivateAssets="all" />' +
          '<PackageReference Include="serilog" Version="4.0.0-Beta" />',
      ),
      "C/C.csproj": CSPROJ('<PackageReference Include="NEWTONSOFT.JSON" Version="13.0.3" />'),
      "C/packages.lock.json": NUGET_LOCK("NEWTONSOFT.JSON", "13.0.3"),
      "D/D.csproj": CSPROJ('<PackageReference Include="Serilog" Version="4.0.0-beta" />'),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(
      inventory.components.map((c) => [c.id, c.name, c.scopes.join(), c.sources.join(" ")]),
      [
        // The lock's spelling, though A/A.csproj comes first.
        [
          "pkg:nuget/NEWTONSOFT.JSON@13.0.3",
          "NEWTONSOFT.JSON",
          "build,runtime",
          [
            "A/A.csproj",
            "B/B.csproj",
            "C/packages.lock.json",
          ].join(" "),
        ],
        // No lock: the first file's, in path order; versions are case-insensitive too.
        ["pkg:nuget/serilog@4.0.0-Beta", "serilog", "runtime", "B/B.csproj D/D.csproj"],
      ],
    );
    const to = (id: string): string[] =>
      inventory.edges.filter((e) => e.to === id).map((e) => `${e.from} ${e.scope}`);
    assert.deepEqual(to("pkg:nuget/NEWTONSOFT.JSON@13.0.3"), [
      "pkg:nuget/a runtime",
      "pkg:nuget/b build",
      "pkg:nuget/c runtime",
    ]);
    assert.deepEqual(to("pkg:nuget/serilog@4.0.0-Beta"), [
      "pkg:nuget/b runtime",
      "pkg:nuget/d runtime",
    ]);
  });
});

Deno.test("a Gradle lock does not resolve a Maven pom.xml; it resolves build.gradle", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "gradle.lockfile": "com.google.guava:guava:33.2.1-jre=runtimeClasspath\nempty=\n",
      "build.gradle": "dependencies { implementation 'com.google.guava:guava:33.2.1-jre' }\n",
      "legacy/pom.xml": `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId>
<artifactId>legacy</artifactId><version>1</version><dependencies><dependency>
<groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version>
</dependency></dependencies></project>`,
      "sbt/build.sbt": 'libraryDependencies += "a" % "b" % "1"\n',
    });
    const loaded = await loadInventory(dir);
    const { inventory } = loaded;
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:maven/com.google.guava/guava@33.2.1-jre",
      "pkg:maven/junit/junit@4.13.2",
    ]);
    assert.deepEqual(inventory.declaredOnly, ["legacy/pom.xml"]);
    assert.deepEqual(inventory.unread, ["sbt/build.sbt"], "build.gradle is resolved, sbt is not");
    assert.deepEqual(loaded.blockers.map((b) => b.code), ["inventory.unread_file"]);
  });
});

Deno.test("a lock without scopes (Poetry 1.8, PDM 4.1) takes them from the declarations, through the graph", async () => {
  for (const name of ["poetry-1.8", "pdm-4.1"]) {
    const inventory = await readInventory(fixture("python", name));
    const scopes = Object.fromEntries(inventory.components.map((c) => [c.name, c.scopes.join()]));
    assert.deepEqual(scopes, {
      certifi: "runtime",
      colorama: "dev", // only pytest (a dev group) needs it
      idna: "runtime", // needed by pytest too, but requests makes it runtime
      iniconfig: "dev",
      "markdown-it-py": "optional", // only through the `cli` extra
      mdurl: "optional",
      pluggy: "dev",
      pygments: "optional",
      pytest: "dev",
      requests: "runtime",
      rich: "optional",
      six: "runtime", // reached by nothing: the lock's own default stands
      urllib3: "runtime",
    }, name);
  }
  // Without the manifest nothing tells dev from runtime: the lock's own scopes stand
  // (Poetry's `optional = true` for what only extras need; runtime for the rest).
  await withTempDir(async (dir) => {
    await copyDir(fixture("python", "poetry-1.8"), dir);
    await Deno.remove(`${dir}/pyproject.toml`);
    const inventory = await readInventory(dir);
    const optional = inventory.components.filter((c) => c.scopes.join() === "optional");
    assert.deepEqual(optional.map((c) => c.name), ["markdown-it-py", "mdurl", "pygments", "rich"]);
    assert.ok(inventory.components.every((c) => ["optional", "runtime"].includes(c.scopes.join())));
  });
});

Deno.test("a member and a registry package of the same name and version stay two nodes (uv, Poetry)", async () => {
  const cases: Record<string, Record<string, string>> = {
    uv: {
      "uv.lock": 'version = 1\nrevision = 2\nrequires-python = ">=3.11"\n\n' +
        '[manifest]\nmembers = ["app", "mylib"]\n\n' +
        '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { editable = "." }\n' +
        'dependencies = [{ name = "mylib" }]\n\n' +
        '[[package]]\nname = "mylib"\nversion = "1.0.0"\nsource = { editable = "packages/mylib" }\n',
    },
    poetry: {
      "poetry.lock": '[[package]]\nname = "mylib"\nversion = "1.0.0"\ndescription = ""\n' +
        'optional = false\npython-versions = "*"\ngroups = ["main"]\nfiles = []\ndevelop = true\n\n' +
        '[package.source]\ntype = "directory"\nurl = "packages/mylib"\n\n' +
        '[metadata]\nlock-version = "2.1"\npython-versions = "^3.11"\ncontent-hash = "0"\n',
    },
  };
  for (const [name, files] of Object.entries(cases)) {
    await withTempDir(async (dir) => {
      // The docs pin the project's own published release.
      await writeTree(dir, { ...files, "docs/requirements.txt": "mylib==1.0.0\n" });
      const inventory = await readInventory(dir);
      assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:pypi/mylib@1.0.0"], name);
      assert.deepEqual(
        inventory.members.filter((m) => m.name === "mylib").map((m) => m.id),
        ["workspace:pkg:pypi/mylib@1.0.0"],
        name,
      );
    });
  }
});

Deno.test("requirements files lock only what they list: a pyproject.toml's other declarations stay, as declared", async () => {
  await withTempDir(async (dir) => {
    // The common layout (mypy, httpx): the project's dependencies in pyproject.toml,
    // a requirements file beside it that pins the test tools and some of them.
    await writeTree(dir, {
      "pyproject.toml":
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n' +
        '[project]\nname = "app"\nversion = "1.0.0"\ndependencies = ["requests>=2", "click"]\n\n' +
        '[project.optional-dependencies]\nfancy = ["rich>=13"]\n',
      "test-requirements.txt": "click==8.1.7\n    # via -r test-requirements.in\npytest==8.3.2\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(
      inventory.components.map((c) => [c.id, c.version, c.specifier, c.scopes]),
      [
        ["pkg:pypi/click@8.1.7", "8.1.7", undefined, ["dev", "runtime"]],
        ["pkg:pypi/pytest@8.3.2", "8.3.2", undefined, ["dev"]],
        ["pkg:pypi/requests", undefined, ">=2", ["runtime"]],
        ["pkg:pypi/rich", undefined, ">=13", ["optional"]],
      ],
      "nothing the project declares is lost; the build requirement is not shipped",
    );
    assert.deepEqual(warnings, [
      "pyproject.toml is resolved by test-requirements.txt, which does not list requests, rich: " +
      "those are as declared (versions only where pinned, no transitive dependencies)",
    ]);
    assert.ok(
      inventory.edges.some((e) =>
        `${e.from} ${e.to} ${e.scope}` === "root pkg:pypi/requests runtime"
      ),
    );
  });
});

Deno.test("requirements/*.txt resolve the project in the folder above requirements/ (apache/superset)", async () => {
  await withTempDir(async (dir) => {
    // `uv pip compile requirements/base.in`, where base.in is `-e .`: the pins of the
    // pyproject.toml one folder up.
    await writeTree(dir, {
      "pyproject.toml": '[build-system]\nrequires = ["setuptools>=40.9.0", "wheel"]\n\n' +
        '[project]\nname = "apache_superset"\ndynamic = ["version"]\n' +
        'dependencies = ["flask>=2.2.5, <3.0.0", "Pillow==11.3.0", "humanize"]\n',
      "setup.py": "from setuptools import setup\nsetup()\n",
      "requirements/base.in": "-e .\n",
      "requirements/base.txt": "-e .\n    # via -r requirements/base.in\nflask==2.3.3\n" +
        "    # via apache-superset\npillow==11.3.0\n    # via apache-superset\n",
    });
    const warnings: string[] = [];
    const { inventory } = await loadInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(
      inventory.components.map((c) => [c.id, c.direct, c.sources]),
      [
        ["pkg:pypi/flask@2.3.3", true, ["pyproject.toml", "requirements/base.txt"]],
        ["pkg:pypi/humanize", true, ["pyproject.toml"]],
        ["pkg:pypi/pillow@11.3.0", true, ["pyproject.toml", "requirements/base.txt"]],
      ],
      "one flask, pinned; no version-less twin, no build requirement",
    );
    assert.deepEqual([inventory.declaredOnly, inventory.unread], [[], []]);
    assert.deepEqual(warnings, [
      "pyproject.toml is resolved by requirements/base.txt, which does not list humanize: " +
      "those are as declared (versions only where pinned, no transitive dependencies)",
    ]);
  });
});

Deno.test("a requirement unpinned in one requirements file is the package another pins, when the pin satisfies it", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "requirements.txt": "flask==2.0.1\nclick==8.0.0\n",
      "requirements-dev.txt": "flask>=2\nclick>=8.1\npytest==8.0.0\n",
      "requirements/docs.txt": "flask\n",
      // pip-tools' input beside its output: resolved by it, not read.
      "requirements.in": "flask>=2\n",
      // Another index's package of that name is another package.
      "requirements-private.txt": "--index-url https://pypi.example/simple\nclick\n",
      "svc/a/requirements.txt": "rich==13.0.0\n",
      "svc/b/requirements.txt": "rich\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(
      inventory.components.map((c) => [c.id, c.scopes, c.sources]),
      [
        ["pkg:pypi/click", ["dev"], ["requirements-dev.txt"]],
        [
          "pkg:pypi/click?repository_url=https:%2F%2Fpypi.example%2Fsimple",
          ["runtime"],
          ["requirements-private.txt"],
        ],
        ["pkg:pypi/click@8.0.0", ["runtime"], ["requirements.txt"]],
        [
          "pkg:pypi/flask@2.0.1",
          ["dev", "runtime"],
          ["requirements-dev.txt", "requirements.txt", "requirements/docs.txt"],
        ],
        ["pkg:pypi/pytest@8.0.0", ["dev"], ["requirements-dev.txt"]],
        // Another project's pin (a sibling folder) is not this one's.
        ["pkg:pypi/rich", ["runtime"], ["svc/b/requirements.txt"]],
        ["pkg:pypi/rich@13.0.0", ["runtime"], ["svc/a/requirements.txt"]],
      ],
    );
    assert.ok(
      inventory.edges.some((e) =>
        `${e.from} ${e.to} ${e.scope}` === "root pkg:pypi/flask@2.0.1 dev"
      ),
    );
    assert.deepEqual(warnings, [
      'requirements-dev.txt: "click>=8.1" is not satisfied by pkg:pypi/click@8.0.0 ' +
      "(requirements.txt): it is listed as declared, with no version",
      "requirements-private.txt: 1 requirement pins no version, and no requirements file near " +
      "it pins it (click): listed as declared, with no version",
      "svc/b/requirements.txt: 1 requirement pins no version, and no requirements file near it " +
      "pins it (rich): listed as declared, with no version",
    ]);
  });
});

Deno.test("an unpinned requirement is the version the pyproject.toml it stands for pins, when its range admits it (langgraph)", async () => {
  // langchain-ai/langgraph's examples: the requirements.txt beside the pyproject.toml lists the
  // names its pins install. Lost, with a warning that no file near it pinned them.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pyproject.toml": '[project]\nname = "travel-planner"\nversion = "0.1.0"\n' +
        'dependencies = [\n  "langchain-anthropic==1.0.0a5",\n  "langgraph>=1.0.0a4",\n' +
        '  "python-dotenv==1.0.0",\n]\n',
      "requirements.txt": "langchain-anthropic\nlanggraph>=1.0.0a4\npython-dotenv>=1.1\n",
      // Another project's pin, below, is not this one's.
      "tools/pyproject.toml": '[project]\nname = "tools"\ndependencies = ["langgraph==1.0.1"]\n',
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(
      inventory.components.map((c) => [c.id, c.sources]),
      [
        ["pkg:pypi/langchain-anthropic@1.0.0a5", ["pyproject.toml", "requirements.txt"]],
        ["pkg:pypi/langgraph", ["pyproject.toml", "requirements.txt"]],
        ["pkg:pypi/langgraph@1.0.1", ["tools/pyproject.toml"]],
        ["pkg:pypi/python-dotenv", ["requirements.txt"]],
        ["pkg:pypi/python-dotenv@1.0.0", ["pyproject.toml"]],
      ],
    );
    assert.deepEqual(warnings.filter((w) => w.startsWith("requirements.txt")), [
      'requirements.txt: "python-dotenv>=1.1" is not satisfied by ' +
      "pkg:pypi/python-dotenv@1.0.0 (pyproject.toml): it is listed as declared, with no version",
      "requirements.txt: 1 requirement pins no version, and no requirements file near it pins " +
      "it (langgraph>=1.0.0a4): listed as declared, with no version",
    ]);
  });
});

Deno.test("an unpinned requirement takes the pin of the pyproject.toml beside it before a requirements pin of a folder above", async () => {
  // The root's requirements.txt is the root's; the sub-project's own pyproject.toml pins its foo.
  // Was: sub's foo the root's foo@3.0, and foo@1.0 gone without a word.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "requirements.txt": "foo==3.0\n",
      "sub/requirements.txt": "foo\nbar\n",
      "sub/pyproject.toml": '[project]\nname = "sub"\nversion = "1.0"\n' +
        'dependencies = ["foo==1.0", "bar==2.0"]\n',
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:pypi/bar@2.0",
      "pkg:pypi/foo@1.0",
      "pkg:pypi/foo@3.0",
    ]);
    const sub = inventory.members.find((m) => m.name === "sub")!.id;
    assert.deepEqual(
      inventory.edges.filter((e) => e.from === sub).map((e) => e.to),
      ["pkg:pypi/bar@2.0", "pkg:pypi/foo@1.0"],
    );
  });
});

Deno.test("requirements that no file pins are named in one warning per file (langchain docs/api_reference)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "docs/api_reference/requirements.txt": "autodoc_pydantic>=1,<2\nsphinx>=7,<8\nidna==3.10\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:pypi/autodoc-pydantic",
      "pkg:pypi/idna@3.10",
      "pkg:pypi/sphinx",
    ]);
    assert.deepEqual(warnings, [
      "docs/api_reference/requirements.txt: 2 requirements pin no version, and no requirements " +
      "file near it pins them (autodoc_pydantic>=1,<2, sphinx>=7,<8): listed as declared, with " +
      "no version",
    ]);
  });
});

Deno.test("an unpinned requirement of an included file that is read too is warned about once, by that file (home-assistant)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "requirements.txt": "-c homeassistant/package_constraints.txt\ncertifi>=2021.5.30\n" +
        "aiodns==4.0.4\npackaging>=23.1\n",
      "homeassistant/package_constraints.txt": "aiodns==4.0.4\ncertifi>=2021.5.30\n",
      "requirements_all.txt": "-r requirements.txt\nzha==0.0.90\nrich>=13\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => [c.id, c.sources]), [
      ["pkg:pypi/aiodns@4.0.4", ["requirements.txt"]],
      ["pkg:pypi/certifi", ["requirements.txt"]],
      ["pkg:pypi/packaging", ["requirements.txt"]],
      ["pkg:pypi/rich", ["requirements_all.txt"]],
      ["pkg:pypi/zha@0.0.90", ["requirements_all.txt"]],
    ]);
    assert.deepEqual(warnings, [
      "requirements.txt: 2 requirements pin no version, and no requirements file near it pins " +
      "them (certifi>=2021.5.30, packaging>=23.1): listed as declared, with no version",
      "requirements_all.txt: 1 requirement pins no version, and no requirements file near it " +
      "pins it (rich>=13): listed as declared, with no version",
    ]);
  });
});

Deno.test("an unpinned requirement that pins of several versions satisfy stays declared, with a warning", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "requirements/py38.txt": "numpy==1.24.4\n",
      "requirements/py312.txt": "numpy==2.1.0\n",
      "requirements-dev.txt": "numpy\n",
      "docs/requirements.txt": "numpy>=2\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    // docs/ and requirements/ are branches apart: a pin of one does not resolve the other.
    assert.deepEqual(inventory.components.map((c) => [c.id, c.sources]), [
      ["pkg:pypi/numpy", ["docs/requirements.txt", "requirements-dev.txt"]],
      ["pkg:pypi/numpy@1.24.4", ["requirements/py38.txt"]],
      ["pkg:pypi/numpy@2.1.0", ["requirements/py312.txt"]],
    ]);
    assert.deepEqual(warnings, [
      "docs/requirements.txt: 1 requirement pins no version, and no requirements file near it " +
      "pins it (numpy>=2): listed as declared, with no version",
      'requirements-dev.txt: "numpy" is satisfied by several pins: pkg:pypi/numpy@1.24.4 ' +
      "(requirements/py38.txt), pkg:pypi/numpy@2.1.0 (requirements/py312.txt): it is listed as " +
      "declared, with no version",
    ]);
  });
});

Deno.test("a warning quoting a huge piece of a file is cut to 1,000 characters, saying how much more", async () => {
  await withTempDir(async (dir) => {
    const condition = `${"(".repeat(20_000)}'a'=='a'${")".repeat(20_000)}`;
    await writeTree(dir, {
      "App/App.csproj": `<Project Sdk="Microsoft.NET.Sdk"><ItemGroup Condition="${condition}">` +
        '<PackageReference Include="A" Version="1.0.0" /></ItemGroup></Project>',
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    const long = warnings.find((w) => w.includes("Condition"))!;
    assert.equal(long.length, 1000 + "… (39159 more characters)".length);
    assert.match(long, /^App\/App\.csproj:1: <PackageReference> A is under the Condition "\(\(\(/);
    assert.match(long, /… \(39159 more characters\)$/);
    assert.ok(inventory.warnings?.includes(long), "the inventory keeps the same text");
  });
});

/** A Poetry 1.8 lock (no category, no groups): httpx's `http2` extra installs h2 (and hpack). */
const POETRY_18_HTTPX = `[[package]]
name = "h2"
version = "4.1.0"
description = ""
optional = false
python-versions = ">=3.6"
files = []

[package.dependencies]
hpack = ">=4.0,<5"

[[package]]
name = "hpack"
version = "4.0.0"
description = ""
optional = false
python-versions = ">=3.6"
files = []

[[package]]
name = "httpx"
version = "0.28.1"
description = ""
optional = false
python-versions = ">=3.8"
files = []

[package.dependencies]
h2 = {version = ">=3,<5", optional = true, markers = "extra == \\"http2\\""}

[package.extras]
http2 = ["h2 (>=3,<5)"]

[[package]]
name = "respx"
version = "0.22.0"
description = ""
optional = false
python-versions = ">=3.8"
files = []

[package.dependencies]
httpx = {version = ">=0.25.0", extras = ["http2"]}

[metadata]
lock-version = "2.0"
python-versions = "^3.11"
content-hash = "x"
`;

Deno.test("a lock without scopes follows a package's extra only where a dependent asks for it, with that dependent's scope (Poetry 1.8, PDM 4.2)", async () => {
  const scopesOf = async (files: Record<string, string>): Promise<Record<string, string>> => {
    let scopes: Record<string, string> = {};
    await withTempDir(async (dir) => {
      await writeTree(dir, files);
      const inventory = await readInventory(dir);
      scopes = Object.fromEntries(inventory.components.map((c) => [c.name, c.scopes.join()]));
    });
    return scopes;
  };
  const poetry = (dependencies: string, dev: string): Promise<Record<string, string>> =>
    scopesOf({
      "poetry.lock": POETRY_18_HTTPX,
      "pyproject.toml": '[tool.poetry]\nname = "app"\nversion = "0.1.0"\n\n' +
        `[tool.poetry.dependencies]\npython = "^3.11"\n${dependencies}\n\n` +
        `[tool.poetry.group.dev.dependencies]\n${dev}\n`,
    });
  const httpx = 'httpx = "^0.28"';
  const withHttp2 = 'httpx = {version = "^0.28", extras = ["http2"]}';
  // Only the dev group asks for httpx[http2]: h2 is installed for it alone.
  assert.deepEqual(await poetry(httpx, withHttp2), {
    h2: "dev",
    hpack: "dev",
    httpx: "runtime",
    respx: "runtime", // reached by nothing: the lock's own default stands
  });
  // A dev package of the lock (respx) that asks for it: dev too.
  assert.deepEqual(await poetry(httpx, 'respx = "^0.22"'), {
    h2: "dev",
    hpack: "dev",
    httpx: "runtime",
    respx: "dev",
  });
  // The runtime declaration asks for it: runtime.
  assert.deepEqual(await poetry(withHttp2, 'respx = "^0.22"'), {
    h2: "runtime",
    hpack: "runtime",
    httpx: "runtime",
    respx: "dev",
  });
  // Nobody asks for it (a stale lock): an optional dependency of httpx, as before.
  assert.deepEqual((await poetry(httpx, 'pytest = "^8"')).h2, "optional");
  // PDM locks an extra as its own entry (`extras = [...]`), whose dependencies it adds.
  assert.deepEqual(
    await scopesOf({
      "pdm.lock": '[metadata]\ngroups = ["default", "dev"]\nlock_version = "4.2"\n\n' +
        '[[package]]\nname = "h2"\nversion = "4.1.0"\ndependencies = ["hpack<5,>=4.0"]\n\n' +
        '[[package]]\nname = "hpack"\nversion = "4.0.0"\n\n' +
        '[[package]]\nname = "httpx"\nversion = "0.28.1"\n\n' +
        '[[package]]\nname = "httpx"\nversion = "0.28.1"\nextras = ["http2"]\n' +
        'dependencies = ["h2<5,>=3", "httpx==0.28.1"]\n',
      "pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n' +
        'dependencies = ["httpx>=0.28"]\n\n' +
        '[tool.pdm.dev-dependencies]\ndev = ["httpx[http2]>=0.28"]\n',
    }),
    { h2: "dev", hpack: "dev", httpx: "runtime" },
  );
});

/**
 * A monorepo whose lock in `app/` names the sibling folder `shared/` as the project's own package
 * (no lock in `shared/` or above it): `shared/`'s manifest folds into that lock as a member's does.
 * Returns the components (`id scopes`), the edges from the member, from the root and from `app/`'s
 * project (a member of its own: `pkg:pypi/app@0.1.0`) and the warnings.
 */
async function siblingFolded(
  files: Record<string, string>,
  member: string,
): Promise<
  {
    components: string[];
    memberEdges: string[];
    rootEdges: string[];
    appEdges: string[];
    warnings: string[];
  }
> {
  let result!: {
    components: string[];
    memberEdges: string[];
    rootEdges: string[];
    appEdges: string[];
    warnings: string[];
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.declaredOnly ?? [], [], "the manifest is resolved");
    assert.deepEqual(
      inventory.members.filter((m) =>
        m.name === inventory.members.find((n) => n.id === member)?.name
      )
        .map((m) => m.id),
      [member],
      "one member node for the folder",
    );
    const ids = new Set([...inventory.components, ...inventory.members].map((n) => n.id));
    for (const e of inventory.edges) {
      assert.ok(e.from === "root" || ids.has(e.from), `dangling ${e.from}`);
      assert.ok(ids.has(e.to), `dangling ${e.to}`);
    }
    result = {
      components: inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`),
      memberEdges: inventory.edges.filter((e) => e.from === member).map((e) =>
        `${e.to} ${e.scope}`
      ),
      rootEdges: inventory.edges.filter((e) => e.from === "root").map((e) => `${e.to} ${e.scope}`),
      appEdges: inventory.edges.filter((e) => e.from === "pkg:pypi/app@0.1.0").map((e) =>
        `${e.to} ${e.scope}`
      ),
      warnings,
    };
  });
  return result;
}

const REQUESTS_UV = `[[package]]
name = "requests"
version = "2.32.3"
source = { registry = "https://pypi.org/simple" }
sdist = { url = "https://files.pythonhosted.org/packages/63/70/2bf7780ad2d390a8d301ad0b550f1581eadbd9a20f896afe06353c2a2913/requests-2.32.3.tar.gz", hash = "sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760", size = 131218 }
`;

Deno.test("a uv.lock folds in the pyproject.toml of a sibling folder it has as an editable package (K-dash/uv-monorepo-conflict-demo)", async () => {
  const { components, memberEdges, rootEdges, appEdges, warnings } = await siblingFolded({
    "app/pyproject.toml":
      '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = ["common"]\n\n' +
      '[tool.uv.sources]\ncommon = { path = "../common", editable = true }\n',
    "app/uv.lock": 'version = 1\nrequires-python = ">=3.11"\n\n' +
      '[[package]]\nname = "app"\nversion = "0.1.0"\nsource = { virtual = "." }\n' +
      'dependencies = [\n    { name = "common" },\n]\n\n' +
      '[[package]]\nname = "common"\nversion = "0.1.0"\nsource = { editable = "../common" }\n' +
      'dependencies = [\n    { name = "requests" },\n]\n\n' + REQUESTS_UV,
    "common/pyproject.toml": '[project]\nname = "common"\nversion = "0.1.0"\n' +
      'dependencies = ["requests==2.32.3"]\n\n[dependency-groups]\ndev = ["pytest>=8"]\n\n' +
      '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n',
  }, "pkg:pypi/common@0.1.0");
  assert.deepEqual(warnings, []);
  assert.deepEqual(components, ["pkg:pypi/requests@2.32.3 runtime"], "no hatchling, no pytest");
  assert.deepEqual(memberEdges, ["pkg:pypi/requests@2.32.3 runtime"]);
  assert.deepEqual(rootEdges, ["pkg:pypi/app@0.1.0 runtime"], "app/ is a project of its own");
  assert.deepEqual(appEdges, ["pkg:pypi/common@0.1.0 runtime"]);
});

/** The end of `app/poetry.lock`: `../shared_lib` as a `directory` package, and the metadata. */
const SHARED_LIB_LOCKED =
  '[[package]]\nname = "shared-lib"\nversion = "0.2.0"\ndescription = ""\n' +
  'optional = false\npython-versions = ">=3.11"\ngroups = ["main"]\nfiles = []\ndevelop = true\n\n' +
  '[package.dependencies]\nidna = ">=3"\n\n[package.source]\ntype = "directory"\nurl = "../shared_lib"\n\n' +
  '[metadata]\nlock-version = "2.1"\npython-versions = ">=3.11"\ncontent-hash = "0"\n';

Deno.test("a poetry.lock folds in the pyproject.toml of a sibling directory package (develop = true); the project depends on it", async () => {
  const { components, memberEdges, rootEdges, appEdges, warnings } = await siblingFolded({
    "app/pyproject.toml": '[tool.poetry]\nname = "app"\nversion = "0.1.0"\n\n' +
      '[tool.poetry.dependencies]\npython = ">=3.11"\n' +
      'shared-lib = { path = "../shared_lib", develop = true }\n',
    "app/poetry.lock": '[[package]]\nname = "idna"\nversion = "3.10"\ndescription = ""\n' +
      'optional = false\npython-versions = ">=3.6"\ngroups = ["main"]\nfiles = [\n' +
      '    {file = "idna-3.10.tar.gz", hash = "sha256:12f65c9b470abda6dc35cf8e63cc574b1c52b11df2c86030af0ac09b01b13ea9"},\n]\n\n' +
      SHARED_LIB_LOCKED,
    "shared_lib/pyproject.toml": '[project]\nname = "shared-lib"\nversion = "0.2.0"\n' +
      'dependencies = ["idna>=3"]\n\n[tool.poetry.group.dev.dependencies]\npytest = ">=8.0,<9.0"\n\n' +
      '[build-system]\nrequires = ["poetry-core>=1.9.0"]\nbuild-backend = "poetry.core.masonry.api"\n',
  }, "pkg:pypi/shared-lib@0.2.0");
  assert.deepEqual(warnings, []);
  assert.deepEqual(components, ["pkg:pypi/idna@3.10 runtime"], "no poetry-core, no pytest");
  assert.deepEqual(memberEdges, ["pkg:pypi/idna@3.10 runtime"]);
  assert.deepEqual(rootEdges, ["pkg:pypi/app@0.1.0 runtime"], "app/ is a project of its own");
  assert.deepEqual(appEdges, ["pkg:pypi/shared-lib@0.2.0 runtime"], "the path dependency");
});

Deno.test("a sibling package's dev group is not installed: its pytest, locked for the project's own dev group, is no edge from it (Poetry, PDM)", async () => {
  // Poetry and PDM install the groups of the project being locked only; the lock's entry for a
  // path package lists its main dependencies. The sibling's `pytest` matched the project's.
  const pytestPoetry = '[[package]]\nname = "pytest"\nversion = "8.3.3"\ndescription = ""\n' +
    'optional = false\npython-versions = ">=3.8"\ngroups = ["dev"]\nfiles = []\n\n';
  const poetry = await siblingFolded({
    "app/pyproject.toml": '[tool.poetry]\nname = "app"\nversion = "0.1.0"\n\n' +
      '[tool.poetry.dependencies]\npython = ">=3.11"\n' +
      'shared-lib = { path = "../shared_lib", develop = true }\n\n' +
      '[tool.poetry.group.dev.dependencies]\npytest = "^8.0"\n',
    "app/poetry.lock": '[[package]]\nname = "idna"\nversion = "3.10"\ndescription = ""\n' +
      'optional = false\npython-versions = ">=3.6"\ngroups = ["main"]\nfiles = []\n\n' +
      pytestPoetry +
      SHARED_LIB_LOCKED,
    "shared_lib/pyproject.toml": '[project]\nname = "shared-lib"\nversion = "0.2.0"\n' +
      'dependencies = ["idna>=3"]\n\n[tool.poetry.group.dev.dependencies]\npytest = ">=8.0,<9.0"\n',
  }, "pkg:pypi/shared-lib@0.2.0");
  assert.deepEqual(poetry.memberEdges, ["pkg:pypi/idna@3.10 runtime"]);
  assert.deepEqual(poetry.appEdges, [
    "pkg:pypi/pytest@8.3.3 dev",
    "pkg:pypi/shared-lib@0.2.0 runtime",
  ]);
  const pdm = await siblingFolded({
    "app/pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n' +
      'dependencies = ["common @ file:///${PROJECT_ROOT}/../common"]\n\n' +
      '[dependency-groups]\ntest = ["pytest>=8"]\n',
    "app/pdm.lock": '[metadata]\ngroups = ["default", "test"]\nstrategy = ["inherit_metadata"]\n' +
      'lock_version = "4.5.0"\ncontent_hash = "sha256:0"\n\n' +
      '[[package]]\nname = "common"\nversion = "0.1.0"\nrequires_python = ">=3.11"\n' +
      'path = "../common"\nsummary = ""\ngroups = ["default"]\n' +
      'dependencies = [\n    "idna>=3",\n]\n\n' +
      '[[package]]\nname = "idna"\nversion = "3.10"\nrequires_python = ">=3.6"\nsummary = ""\n' +
      'groups = ["default"]\n\n' +
      '[[package]]\nname = "pytest"\nversion = "8.3.3"\nrequires_python = ">=3.8"\nsummary = ""\n' +
      'groups = ["test"]\n',
    "common/pyproject.toml": '[project]\nname = "common"\nversion = "0.1.0"\n' +
      'dependencies = ["idna>=3"]\n\n[dependency-groups]\ntest = ["pytest"]\n',
  }, "pkg:pypi/common@0.1.0");
  assert.deepEqual(pdm.memberEdges, ["pkg:pypi/idna@3.10 runtime"]);
  assert.deepEqual(pdm.appEdges, ["pkg:pypi/common@0.1.0 runtime", "pkg:pypi/pytest@8.3.3 dev"]);
});

Deno.test("a Poetry path dependency outside the project is the lock's package of that folder, declared (poetry2nix tests/path-deps)", async () => {
  // `trivial = { path = "../trivial" }` of a project scanned alone: the lock's `directory`
  // package is another checkout's, a component; the root had no edge and nothing was direct.
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "pyproject.toml": '[tool.poetry]\nname = "path-deps"\nversion = "0.1.0"\n\n' +
        '[tool.poetry.dependencies]\npython = "^3.6"\ntrivial = { path = "../trivial" }\n',
      "poetry.lock": '[[package]]\ncategory = "main"\nname = "click"\noptional = false\n' +
        'python-versions = "*"\nversion = "7.0"\n\n' +
        '[[package]]\ncategory = "main"\ndescription = ""\nname = "trivial"\noptional = false\n' +
        'python-versions = "^3.6"\nversion = "0.1.0"\n\n[package.dependencies]\nclick = "^7.0"\n\n' +
        '[package.source]\nreference = ""\ntype = "directory"\nurl = "../trivial"\n\n' +
        '[metadata]\ncontent-hash = "0"\npython-versions = "^3.6"\n\n' +
        "[metadata.files]\nclick = []\ntrivial = []\n",
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.direct, c.scopes]), [
      ["pkg:pypi/click@7.0", false, ["runtime"]],
      ["pkg:pypi/trivial@0.1.0", true, ["runtime"]],
    ]);
    assert.deepEqual(
      inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`),
      ["pkg:pypi/trivial@0.1.0 pkg:pypi/click@7.0 runtime", "root pkg:pypi/trivial@0.1.0 runtime"],
    );
  });
});

Deno.test("a pdm.lock folds in the pyproject.toml of a sibling path package; the project depends on it", async () => {
  const { components, memberEdges, rootEdges, appEdges, warnings } = await siblingFolded({
    "app/pyproject.toml": '[project]\nname = "app"\nversion = "0.1.0"\n' +
      'dependencies = ["common @ file:///${PROJECT_ROOT}/../common"]\n',
    "app/pdm.lock": '[metadata]\ngroups = ["default"]\nstrategy = ["inherit_metadata"]\n' +
      'lock_version = "4.5.0"\ncontent_hash = "sha256:0"\n\n' +
      '[[package]]\nname = "common"\nversion = "0.1.0"\nrequires_python = ">=3.11"\n' +
      'path = "../common"\nsummary = ""\ngroups = ["default"]\n' +
      'dependencies = [\n    "idna>=3",\n]\n\n' +
      '[[package]]\nname = "idna"\nversion = "3.10"\nrequires_python = ">=3.6"\nsummary = ""\n' +
      'groups = ["default"]\nfiles = [\n' +
      '    {file = "idna-3.10.tar.gz", hash = "sha256:12f65c9b470abda6dc35cf8e63cc574b1c52b11df2c86030af0ac09b01b13ea9"},\n]\n',
    "common/pyproject.toml": '[project]\nname = "common"\nversion = "0.1.0"\n' +
      'dependencies = ["idna>=3"]\n\n[dependency-groups]\ntest = ["pytest"]\n\n' +
      '[build-system]\nrequires = ["pdm-backend"]\nbuild-backend = "pdm.backend"\n',
  }, "pkg:pypi/common@0.1.0");
  assert.deepEqual(warnings, []);
  assert.deepEqual(components, ["pkg:pypi/idna@3.10 runtime"], "no pdm-backend, no pytest");
  assert.deepEqual(memberEdges, ["pkg:pypi/idna@3.10 runtime"]);
  assert.deepEqual(rootEdges, ["pkg:pypi/app@0.1.0 runtime"], "app/ is a project of its own");
  assert.deepEqual(appEdges, ["pkg:pypi/common@0.1.0 runtime"], "the file: dependency");
});

Deno.test("a Cargo.lock folds in the Cargo.toml of a sibling path crate (not a workspace member)", async () => {
  const crate = (name: string, version: string, checksum: string): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\n` +
    `source = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${checksum}"\n`;
  const { components, memberEdges, warnings } = await siblingFolded({
    "app/Cargo.toml": '[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\n\n' +
      '[dependencies]\nshared = { path = "../shared" }\n',
    "app/Cargo.lock": "version = 4\n\n" +
      '[[package]]\nname = "app"\nversion = "0.1.0"\ndependencies = [\n "shared",\n]\n\n' +
      crate("cc", "1.0.0", "f3cb5ba0dc43242ce17de99c180e96db90b235b8a9fdc9dd2b8a6b13bd0c45a1") +
      "\n" +
      crate("ryu", "1.0.18", "f3cb5ba0dc43242ce17de99c180e96db90b235b8a9fdc9dd2b8a6b13bd0c45a0") +
      '\n[[package]]\nname = "shared"\nversion = "0.2.0"\ndependencies = [\n "cc",\n "ryu",\n]\n',
    "shared/Cargo.toml": '[package]\nname = "shared"\nversion = "0.2.0"\nedition = "2021"\n\n' +
      '[dependencies]\nryu = "1.0"\n\n[dev-dependencies]\ntempfile = "3"\n\n' +
      '[build-dependencies]\ncc = "1"\n',
  }, "pkg:cargo/shared@0.2.0");
  assert.deepEqual(warnings, []);
  assert.deepEqual(components, [
    "pkg:cargo/cc@1.0.0 build",
    "pkg:cargo/ryu@1.0.18 runtime",
  ], "no version-less tempfile; cc only builds shared");
  assert.deepEqual(memberEdges, ["pkg:cargo/cc@1.0.0 build", "pkg:cargo/ryu@1.0.18 runtime"]);
});

const MS_INTEGRITY =
  "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==";

/** `app/package.json` depending on the sibling `shared/` by `range`, and `shared/package.json`. */
function sharedPackages(range: string): Record<string, string> {
  return {
    "app/package.json": JSON.stringify({
      name: "app",
      version: "1.0.0",
      dependencies: { shared: range },
    }),
    "shared/package.json": JSON.stringify({
      name: "shared",
      version: "0.1.0",
      dependencies: { ms: "^2.1.0" },
      devDependencies: { jest: "^29.0.0" },
    }),
  };
}

/**
 * Asserts that the lock of `locks` in `app/` resolves `shared/package.json`, which `app/`
 * depends on by `range`: the member `workspace:shared` reaches the locked ms, no
 * version-less ms or jest, no warning.
 */
async function assertSharedResolved(range: string, locks: Record<string, string>): Promise<void> {
  const { components, memberEdges, warnings } = await siblingFolded(
    { ...sharedPackages(range), ...locks },
    "workspace:shared",
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(components, ["pkg:npm/ms@2.1.3 runtime"], "no version-less ms or jest");
  assert.deepEqual(memberEdges, ["pkg:npm/ms@2.1.3 runtime"]);
}

Deno.test("a package-lock.json resolves the package.json of a sibling file: folder", async () => {
  await assertSharedResolved("file:../shared", {
    "app/package-lock.json": JSON.stringify({
      name: "app",
      version: "1.0.0",
      lockfileVersion: 3,
      requires: true,
      packages: {
        "": { name: "app", version: "1.0.0", dependencies: { shared: "file:../shared" } },
        "../shared": {
          name: "shared",
          version: "0.1.0",
          dependencies: { ms: "^2.1.0" },
          devDependencies: { jest: "^29.0.0" },
        },
        "node_modules/ms": {
          version: "2.1.3",
          resolved: "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz",
          integrity: MS_INTEGRITY,
        },
        "node_modules/shared": { resolved: "../shared", link: true },
      },
    }),
  });
});

Deno.test("a pnpm-lock.yaml resolves the package.json of a sibling file: folder (directory resolution)", async () => {
  await assertSharedResolved("file:../shared", {
    "app/pnpm-lock.yaml": [
      ...PNPM_V9_HEAD,
      "    dependencies:",
      "      shared:",
      "        specifier: file:../shared",
      "        version: file:../shared",
      "",
      "packages:",
      "",
      "  ms@2.1.3:",
      `    resolution: {integrity: ${MS_INTEGRITY}}`,
      "",
      "  shared@file:../shared:",
      "    resolution: {directory: ../shared, type: directory}",
      "",
      "snapshots:",
      "",
      "  ms@2.1.3: {}",
      "",
      "  shared@file:../shared:",
      "    dependencies:",
      "      ms: 2.1.3",
      "",
    ].join("\n"),
  });
});

Deno.test("a classic yarn.lock resolves the package.json of a sibling file: folder", async () => {
  await assertSharedResolved("file:../shared", {
    "app/yarn.lock": [
      "# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.",
      "# yarn lockfile v1",
      "",
      "",
      "ms@^2.1.0:",
      '  version "2.1.3"',
      '  resolved "https://registry.yarnpkg.com/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"',
      `  integrity ${MS_INTEGRITY}`,
      "",
      '"shared@file:../shared":',
      '  version "0.1.0"',
      "  dependencies:",
      '    ms "^2.1.0"',
      "",
    ].join("\n"),
  });
});

Deno.test("a Berry yarn.lock resolves the package.json of a sibling portal: folder", async () => {
  await assertSharedResolved("portal:../shared", {
    "app/yarn.lock": [
      '# This file is generated by running "yarn install" inside your project.',
      "# Manual changes might be lost - proceed with caution!",
      "",
      ...BERRY_APP,
      '    shared: "portal:../shared"',
      "  languageName: unknown",
      "  linkType: soft",
      "",
      '"ms@npm:^2.1.0":',
      "  version: 2.1.3",
      '  resolution: "ms@npm:2.1.3"',
      "  checksum: 10c0/d924b57e7312b3b63ad21fc5b3dc0af5e78d61a1fc7cfb5457edaf26326bf62be5307cc87ffb6862ef1c2b33b0233cdb5d4f01c4c958cc0d660948b65a287a48",
      "  languageName: node",
      "  linkType: hard",
      "",
      '"shared@portal:../shared::locator=app%40workspace%3A.":',
      "  version: 0.0.0-use.local",
      '  resolution: "shared@portal:../shared::locator=app%40workspace%3A."',
      "  dependencies:",
      '    ms: "npm:^2.1.0"',
      "  languageName: node",
      "  linkType: soft",
      "",
    ].join("\n"),
  });
});

Deno.test("a bun.lock resolves the package.json of a sibling file: folder", async () => {
  await assertSharedResolved("file:../shared", {
    "app/bun.lock": [
      "{",
      '  "lockfileVersion": 1,',
      '  "workspaces": {',
      '    "": {',
      '      "name": "app",',
      '      "dependencies": {',
      '        "shared": "file:../shared",',
      "      },",
      "    },",
      "  },",
      '  "packages": {',
      `    "ms": ["ms@2.1.3", "", {}, "${MS_INTEGRITY}"],`,
      "",
      '    "shared": ["shared@file:../shared", { "dependencies": { "ms": "^2.1.0" } }],',
      "  }",
      "}",
      "",
    ].join("\n"),
  });
});

/** `common/pyproject.toml`: a sibling project with a dev group and a build requirement. */
const COMMON_PYPROJECT = '[project]\nname = "common"\nversion = "0.1.0"\n' +
  'dependencies = ["requests==2.32.3"]\n\n[dependency-groups]\ndev = ["pytest>=8"]\n\n' +
  '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n';

/**
 * Asserts that the lock of `files` in `app/` folds in `common/pyproject.toml`: the member
 * `workspace:common` reaches the locked requests, no hatchling or pytest, no warning.
 */
async function assertCommonResolved(files: Record<string, string>): Promise<void> {
  const { components, memberEdges, warnings } = await siblingFolded(
    { ...files, "common/pyproject.toml": COMMON_PYPROJECT },
    "workspace:common",
  );
  assert.deepEqual(warnings, []);
  assert.deepEqual(components, ["pkg:pypi/requests@2.32.3 runtime"], "no hatchling, no pytest");
  assert.deepEqual(memberEdges, ["pkg:pypi/requests@2.32.3 runtime"]);
}

Deno.test("a pylock.toml folds in the pyproject.toml of a sibling directory package", async () => {
  await assertCommonResolved({
    "app/pyproject.toml":
      '[project]\nname = "app"\nversion = "0.1.0"\ndependencies = ["common"]\n\n' +
      '[tool.uv.sources]\ncommon = { path = "../common", editable = true }\n',
    "app/pylock.toml": 'lock-version = "1.0"\ncreated-by = "uv"\nrequires-python = ">=3.11"\n\n' +
      '[[packages]]\nname = "common"\ndirectory = { path = "../common", editable = true }\n\n' +
      '[[packages]]\nname = "requests"\nversion = "2.32.3"\nindex = "https://pypi.org/simple"\n' +
      'sdist = { url = "https://files.pythonhosted.org/packages/63/70/2bf7780ad2d390a8d301ad0b550f1581eadbd9a20f896afe06353c2a2913/requests-2.32.3.tar.gz", ' +
      'upload-time = 2024-05-29T15:37:49Z, size = 131218, hashes = { sha256 = "55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760" } }\n',
  });
});

// common/pyproject.toml is the one manifest of the top folders (a Pipfile is none), so it names
// the SBOM's root; the lock's member for common, at the version that manifest states (Pipenv
// writes none for a path), is then that project: listed once, as the root, as a member that is
// the project always is (withoutProjectMember). Before its version was read, the member
// (pkg:pypi/common, no version) stood beside the root of the same package.
Deno.test("a Pipfile.lock folds in the pyproject.toml of a sibling editable path", async () => {
  const files = {
    "common/pyproject.toml": COMMON_PYPROJECT,
    "app/Pipfile":
      '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n' +
      '[packages]\ncommon = {path = "../common", editable = true}\n\n[requires]\npython_version = "3.11"\n',
    "app/Pipfile.lock": JSON.stringify(
      {
        _meta: {
          // Pipenv's hash of the Pipfile above (see _pipfile_hash_test.ts).
          hash: { sha256: "d7aa5df5f930bdef5cd325ebf43d1cc8059d4c66c0d8055fd81258633016e1f3" },
          "pipfile-spec": 6,
          requires: { python_version: "3.11" },
          sources: [{ name: "pypi", url: "https://pypi.org/simple", verify_ssl: true }],
        },
        default: {
          common: { editable: true, path: "../common" },
          requests: {
            hashes: ["sha256:55365417734eb18255590a9ff9eb97e9e1da868d4ccd6402399eaf68af20a760"],
            index: "pypi",
            markers: "python_version >= '3.8'",
            version: "==2.32.3",
          },
        },
        develop: {},
      },
      null,
      4,
    ),
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(warnings, []);
    assert.deepEqual(inventory.declaredOnly ?? [], [], "the manifest is resolved");
    assert.equal(inventory.project.purl, "pkg:pypi/common@0.1.0");
    assert.deepEqual(inventory.members.map((m) => m.id), ["workspace:app"]);
    assert.deepEqual(
      inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`),
      ["pkg:pypi/requests@2.32.3 runtime"],
      "no hatchling, no pytest",
    );
    assert.deepEqual(
      inventory.edges.filter((e) => e.from === "root").map((e) => `${e.to} ${e.scope}`),
      ["pkg:pypi/requests@2.32.3 runtime", "workspace:app runtime"],
    );
  });
});

Deno.test("a lock does not resolve the package.json of a sibling link: folder: it installs none of its dependencies", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      ...sharedPackages("link:../shared"),
      "app/pnpm-lock.yaml": [
        "lockfileVersion: '9.0'",
        "",
        "importers:",
        "",
        "  .:",
        "    dependencies:",
        "      shared:",
        "        specifier: link:../shared",
        "        version: link:../shared",
        "",
      ].join("\n"),
    });
    const inventory = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(inventory.declaredOnly, ["shared/package.json"]);
  });
});

Deno.test("a lock above a link: folder of its tree does not resolve its package.json either: it stays declared, from its member", async () => {
  // As pnpm 10.34 and Yarn 4.18 lock `"tool": "link:./libs/tool"`: the folder is symlinked,
  // none of its dependencies installed. Was: kind-of silently gone (the lock names the member).
  const files = {
    "package.json": JSON.stringify({
      name: "lk-root",
      dependencies: { ms: "2.1.3", tool: "link:./libs/tool" },
    }),
    "libs/tool/package.json": JSON.stringify({
      name: "tool",
      version: "5.0.0",
      dependencies: { "kind-of": "6.0.3" },
    }),
  };
  const ms = "sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO" +
    "/tXtF3WRTlA==";
  const locks = {
    "pnpm-lock.yaml": [
      "lockfileVersion: '9.0'",
      "",
      "importers:",
      "",
      "  .:",
      "    dependencies:",
      "      ms:",
      "        specifier: 2.1.3",
      "        version: 2.1.3",
      "      tool:",
      "        specifier: link:./libs/tool",
      "        version: link:libs/tool",
      "",
      "packages:",
      "",
      "  ms@2.1.3:",
      `    resolution: {integrity: ${ms}}`,
      "",
      "snapshots:",
      "",
      "  ms@2.1.3: {}",
      "",
    ].join("\n"),
    "yarn.lock": [
      "__metadata:",
      "  version: 10",
      "  cacheKey: 10c0",
      "",
      '"lk-root@workspace:.":',
      "  version: 0.0.0-use.local",
      '  resolution: "lk-root@workspace:."',
      "  dependencies:",
      '    ms: "npm:2.1.3"',
      '    tool: "link:./libs/tool"',
      "  languageName: unknown",
      "  linkType: soft",
      "",
      '"ms@npm:2.1.3":',
      "  version: 2.1.3",
      '  resolution: "ms@npm:2.1.3"',
      "  checksum: 10c0/d924b57e7312b3b63ad21fc5b3dc0af5e78d61a1fc7cfb5457edaf26326bf62be5307cc" +
      "87ffb6862ef1c2b33b0233cdb5d4f01c4c958cc0d660948b65a287a48",
      "  languageName: node",
      "  linkType: hard",
      "",
      '"tool@link:./libs/tool::locator=lk-root%40workspace%3A.":',
      "  version: 0.0.0-use.local",
      '  resolution: "tool@link:./libs/tool::locator=lk-root%40workspace%3A."',
      "  languageName: node",
      "  linkType: soft",
      "",
    ].join("\n"),
  };
  for (const [lock, text] of Object.entries(locks)) {
    await withTempDir(async (dir) => {
      await writeTree(dir, { ...files, [lock]: text });
      const inventory = await readInventory(dir, { onWarning: () => {} });
      assert.deepEqual(inventory.declaredOnly, ["libs/tool/package.json"], lock);
      assert.deepEqual(
        inventory.edges.filter((e) => e.from === "workspace:libs/tool").map((e) => e.to),
        ["pkg:npm/kind-of@6.0.3"],
        lock,
      );
    });
  }
});

Deno.test("a monorepo of Python services, each with its own lock: each service is a member its declarations hang from, as a package.json with its lock in a subfolder is", async () => {
  // service-a/poetry.lock (Poetry 1.8: no groups, scopes from the declarations),
  // service-b/pdm.lock, service-c/uv.lock; no lock at the root. Their declarations hung from the
  // root, as if the root declared them all.
  const poetryPackage = (name: string, version: string, deps = ""): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\ndescription = ""\noptional = false\n` +
    `python-versions = ">=3.8"\nfiles = []\n${deps}\n`;
  const uvPackage = (name: string, version: string): string =>
    `[[package]]\nname = "${name}"\nversion = "${version}"\n` +
    'source = { registry = "https://pypi.org/simple" }\n\n';
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "service-a/pyproject.toml": '[tool.poetry]\nname = "service-a"\nversion = "0.1.0"\n\n' +
        '[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2.31"\n\n' +
        '[tool.poetry.group.dev.dependencies]\npytest = "^8.0"\n',
      "service-a/poetry.lock": poetryPackage("certifi", "2024.2.2") +
        poetryPackage("iniconfig", "2.0.0") +
        poetryPackage("pytest", "8.1.1", '\n[package.dependencies]\niniconfig = "*"\n') +
        poetryPackage("requests", "2.31.0", '\n[package.dependencies]\ncertifi = ">=2017.4.17"\n') +
        '[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "0"\n',
      "service-b/pyproject.toml": '[project]\nname = "service-b"\nversion = "1.0.0"\n' +
        'dependencies = ["click>=8"]\n',
      "service-b/pdm.lock": '[metadata]\ngroups = ["default"]\nstrategy = ["inherit_metadata"]\n' +
        'lock_version = "4.5.0"\ncontent_hash = "sha256:0"\n\n' +
        '[[package]]\nname = "click"\nversion = "8.1.7"\nrequires_python = ">=3.7"\n' +
        'summary = ""\ngroups = ["default"]\n',
      "service-c/pyproject.toml": '[project]\nname = "service-c"\nversion = "0.2.0"\n' +
        'dependencies = ["idna>=3"]\n\n[dependency-groups]\ndev = ["ruff>=0.4"]\n',
      "service-c/uv.lock": 'version = 1\nrevision = 2\nrequires-python = ">=3.11"\n\n' +
        uvPackage("idna", "3.7") + uvPackage("ruff", "0.4.4") +
        '[[package]]\nname = "service-c"\nversion = "0.2.0"\nsource = { virtual = "." }\n' +
        'dependencies = [\n    { name = "idna" },\n]\n\n' +
        '[package.dev-dependencies]\ndev = [\n    { name = "ruff" },\n]\n',
      "web/package.json": JSON.stringify({ name: "web", version: "1.0.0" }),
      "web/package-lock.json": JSON.stringify({
        name: "web",
        version: "1.0.0",
        lockfileVersion: 3,
        packages: { "": { name: "web", version: "1.0.0" } },
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.members.map((m) => m.id), [
      "pkg:pypi/service-a@0.1.0",
      "pkg:pypi/service-b@1.0.0",
      "pkg:pypi/service-c@0.2.0",
      "workspace:web",
    ]);
    assert.deepEqual(inventory.edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
      "pkg:pypi/pytest@8.1.1 pkg:pypi/iniconfig@2.0.0 runtime",
      "pkg:pypi/requests@2.31.0 pkg:pypi/certifi@2024.2.2 runtime",
      "pkg:pypi/service-a@0.1.0 pkg:pypi/pytest@8.1.1 dev",
      "pkg:pypi/service-a@0.1.0 pkg:pypi/requests@2.31.0 runtime",
      "pkg:pypi/service-b@1.0.0 pkg:pypi/click@8.1.7 runtime",
      "pkg:pypi/service-c@0.2.0 pkg:pypi/idna@3.7 runtime",
      "pkg:pypi/service-c@0.2.0 pkg:pypi/ruff@0.4.4 dev",
      "root pkg:pypi/service-a@0.1.0 runtime",
      "root pkg:pypi/service-b@1.0.0 runtime",
      "root pkg:pypi/service-c@0.2.0 runtime",
      "root workspace:web runtime",
    ]);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.direct} ${c.scopes}`), [
      "pkg:pypi/certifi@2024.2.2 false runtime",
      "pkg:pypi/click@8.1.7 true runtime",
      "pkg:pypi/idna@3.7 true runtime",
      "pkg:pypi/iniconfig@2.0.0 false dev",
      "pkg:pypi/pytest@8.1.1 true dev",
      "pkg:pypi/requests@2.31.0 true runtime",
      "pkg:pypi/ruff@0.4.4 true dev",
    ]);
    // One service alone in its folder is the project: no member, its declarations the root's.
    for (const gone of ["service-a", "service-b", "web"]) {
      await Deno.remove(`${dir}/${gone}`, { recursive: true });
    }
    const alone = await readInventory(dir);
    assert.equal(alone.project.purl, "pkg:pypi/service-c@0.2.0");
    assert.deepEqual(alone.members, []);
    assert.deepEqual(alone.edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
      "root pkg:pypi/idna@3.7 runtime",
      "root pkg:pypi/ruff@0.4.4 dev",
    ]);
  });
});

Deno.test("3,000 folders of a pyproject.toml and a requirements.txt fold in time linear in their count", async () => {
  // Each manifest's locks were found among all files, and each requirements file's pins among
  // all its fellows (a folder list and a set of paths made for each): 13 s; about 1.5 s now.
  const n = 3000;
  const tree: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const folder = `p${Math.floor(i / 100)}/q${i}`;
    tree[`${folder}/pyproject.toml`] = `[project]\nname = "p${i}"\nversion = "1.0"\n` +
      `dependencies = ["requests==2.31.0", "foo${i}>=1"]\n`;
    tree[`${folder}/requirements.txt`] = `requests\nfoo${i}==1.2\n`;
  }
  await withTempDir(async (dir) => {
    await writeTree(dir, tree);
    const elapsed = cpuStopwatch();
    const inventory = await readInventory(dir);
    assert.ok(elapsed() < 6_000, "too slow");
    // Each requirements.txt's unpinned requests takes the pin of the pyproject.toml beside it.
    assert.equal(inventory.components.length, n + 1);
    assert.ok(inventory.components.some((c) => c.purl === "pkg:pypi/requests@2.31.0"));
    assert.ok(inventory.components.every((c) => c.version !== undefined));
  });
});
