import assert from "node:assert/strict";
import { goWorkspace, readGoMod, treeModules } from "../../../src/inventory/go/go_mod.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";

const text = (file: string): string => Deno.readTextFileSync(fixture("go", file));

Deno.test("readGoMod applies replace and exclude, marks indirect, checks go.sum", () => {
  const out = readGoMod(text("replace/go.mod"), {
    path: "go.mod",
    goSum: text("replace/go.sum"),
  });
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "example.com/tool/v2",
    purl: "pkg:golang/example.com/tool/v2",
  });
  const SHARED = "pkg:golang/example.com/tool/internal/shared";
  assert.deepEqual(out.members, [
    { id: SHARED, name: "example.com/tool/internal/shared", purl: SHARED },
  ]);
  assert.deepEqual(
    out.components.map((c) => [c.id, c.direct, c.sources.join(",")]),
    [
      [
        "pkg:golang/github.com/Azure/go-ansiterm@v0.0.0-20230124172434-306776ec8161",
        false,
        "go.mod,go.sum",
      ],
      ["pkg:golang/github.com/docker/cli@v27.1.1%2Bincompatible", false, "go.mod"],
      [
        "pkg:golang/github.com/me/lib@v1.0.1-0.20240101000000-abcdefabcdef",
        false,
        "go.mod",
      ],
      ["pkg:golang/github.com/new/thing@v1.3.0", true, "go.mod,go.sum"],
      ["pkg:golang/github.com/spf13/cobra@v1.8.1", true, "go.mod,go.sum"],
      ["pkg:golang/golang.org/x/text@v0.18.0", false, "go.mod"],
    ],
  );
  assert.ok(out.components.every((c) => c.hashes.length === 0 && c.scopes[0] === "runtime"));
  assert.equal(out.components.find((c) => c.name === "github.com/new/thing")?.version, "v1.3.0");
  assert.deepEqual(
    edgesFrom(out, ROOT_ID),
    [SHARED, ...out.components.map((c) => c.id)].sort().map((id) => `${id} runtime`),
  );
});

Deno.test("readGoMod: a replacement by a folder outside the project is a component without a version", () => {
  const goMod = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/lib v1.0.0\n" +
    "\texample.com/util v0.3.0 // indirect\n\texample.com/own v0.0.0\n)\n\n" +
    "replace example.com/lib => ../lib\nreplace example.com/util v0.3.0 => /src/util\n" +
    "replace example.com/own => ./own\n";
  const out = readGoMod(goMod, { path: "go.mod" });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:golang/example.com/own"]);
  assert.deepEqual(out.components.map((c) => [c.purl, c.version, c.direct, c.scopes.join()]), [
    ["pkg:golang/example.com/lib", undefined, true, "runtime"],
    ["pkg:golang/example.com/util", undefined, false, "runtime"],
  ]);
  // The same folder seen from a go.mod one level down is inside the project: a member.
  const nested = readGoMod(goMod, { path: "services/app/go.mod" });
  assert.deepEqual(nested.members.map((m) => m.id).sort(), [
    "pkg:golang/example.com/app",
    "pkg:golang/example.com/lib",
    "pkg:golang/example.com/own",
  ]);
  assert.deepEqual(nested.components.map((c) => c.purl), ["pkg:golang/example.com/util"]);
});

Deno.test("readGoMod: a required module replaced by a project folder without a go.mod is a warning", () => {
  // palourde/revocation-test: cfssl is replaced by ./cfssl, a folder the checkout lacks (a git
  // submodule): Go refuses to build ("replacement directory ./cfssl does not exist").
  const goMod = "module github.com/palourde/revocation-test\n\ngo 1.14\n\nrequire (\n" +
    "\tgithub.com/cloudflare/cfssl v1.4.1\n)\n\nreplace github.com/cloudflare/cfssl => ./cfssl\n";
  const files: Record<string, string> = {};
  const out = readGoMod(goMod, { path: "go.mod", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:golang/github.com/cloudflare/cfssl"]);
  assert.equal(out.warnings?.length, 1);
  assert.match(
    out.warnings[0],
    /^go\.mod replaces github\.com\/cloudflare\/cfssl => \.\/cfssl, a folder with no go\.mod/,
  );
  // With the folder's go.mod there (relative to a nested go.mod's folder), nothing to say.
  files["svc/cfssl/go.mod"] = "module github.com/cloudflare/cfssl\n\ngo 1.12\n";
  assert.equal(readGoMod(goMod, { path: "svc/go.mod", load: (p) => files[p] }).warnings, undefined);
  // A replaced module go.mod does not require is never looked up.
  const unused = "module example.com/app\n\ngo 1.22\n\nreplace example.com/x => ./x\n";
  assert.equal(readGoMod(unused, { path: "go.mod", load: (p) => files[p] }).warnings, undefined);
});

Deno.test("readGoMod: a nested module requiring the project's own module at a version keeps it, with a warning", () => {
  // sub/go.mod requires the root module at a pseudo-version, without a replace: `cd sub && go
  // build` downloads that version (modload's goModSummary looks it up by path and version), the
  // project's code at another commit. It stays a component, but no longer silently.
  const goMod = "module example.com/proj/sub\n\ngo 1.22\n\nrequire (\n" +
    "\texample.com/proj v0.0.0-20240101000000-abcdefabcdef\n\tgolang.org/x/sys v0.1.0\n)\n";
  const files: Record<string, string> = { "go.mod": "module example.com/proj\n\ngo 1.22\n" };
  const out = readGoMod(goMod, { path: "sub/go.mod", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:golang/example.com/proj@v0.0.0-20240101000000-abcdefabcdef",
    "pkg:golang/golang.org/x/sys@v0.1.0",
  ]);
  assert.deepEqual(out.warnings, [
    "sub/go.mod requires example.com/proj@v0.0.0-20240101000000-abcdefabcdef (go.mod), the " +
    "project's own module at a version: Go builds example.com/proj/sub with that version " +
    "downloaded, the project's code at another commit, not this checkout's, and the SBOM lists " +
    "it as a component (a `replace` by the folder, or a go.work using it, builds it from the tree)",
  ]);
  // Replaced by the folder, it is the project's code: a member, nothing to say.
  const replaced = `${goMod}\nreplace example.com/proj => ../\n`;
  const local = readGoMod(replaced, { path: "sub/go.mod", load: (p) => files[p] });
  assert.deepEqual(local.members.map((m) => m.id), [
    "pkg:golang/example.com/proj",
    "pkg:golang/example.com/proj/sub",
  ]);
  assert.equal(local.warnings, undefined);
});

Deno.test("readInventory: a module requiring another module of the tree (a sibling, not above) at a version keeps it, with a warning", async () => {
  // tools/go.mod requires lib/go.mod's module at a version, no replace: `cd tools && go build`
  // downloads it (modload's goModSummary looks it up by path and version; only a folder
  // replacement is read from the tree), as it does the root module. Was: silent.
  await withTempDir(async (dir) => {
    await Deno.mkdir(`${dir}/lib`);
    await Deno.mkdir(`${dir}/tools`);
    await Deno.writeTextFile(`${dir}/go.mod`, "module github.com/o/r\n\ngo 1.22\n");
    await Deno.writeTextFile(`${dir}/lib/go.mod`, "module github.com/o/r/lib\n\ngo 1.22\n");
    await Deno.writeTextFile(
      `${dir}/tools/go.mod`,
      "module github.com/o/r/tools\n\ngo 1.22\n\nrequire (\n\tgithub.com/o/r v0.3.0\n" +
        "\tgithub.com/o/r/lib v0.1.0\n\tgolang.org/x/sys v0.1.0\n)\n",
    );
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.warnings?.filter((w) => w.includes("own module")), [
      "tools/go.mod requires github.com/o/r@v0.3.0 (go.mod), github.com/o/r/lib@v0.1.0 " +
      "(lib/go.mod), the project's own modules at versions: Go builds github.com/o/r/tools with " +
      "those versions downloaded, the project's code at another commit, not this checkout's, and " +
      "the SBOM lists them as components (a `replace` by the folder, or a go.work using it, " +
      "builds them from the tree)",
    ]);
  });
});

// docker/cli (and moby/moby) is no Go module by choice ("There is no 'go.mod' file", CalVer): its
// module file is vendor.mod, with vendor.sum, which its scripts pass to `go mod vendor
// -modfile=vendor.mod`. The scan found nothing to read ("no manifest or lockfile"), an empty SBOM.
Deno.test("readInventory: a vendor.mod is the module file of a repository without go.mod (docker/cli)", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(
      `${dir}/vendor.mod`,
      "module github.com/docker/cli\n\n// 'vendor.mod' enables use of 'go mod vendor' to managed " +
        "'vendor/' directory.\n// There is no 'go.mod' file\n\ngo 1.23.0\n\nrequire (\n" +
        "\tdario.cat/mergo v1.0.2\n\tgithub.com/docker/distribution v2.8.3+incompatible\n" +
        "\tgithub.com/moby/moby/api v1.52.0-beta.1.0.20250923190348-e98849831fc4 // master\n)\n\n" +
        "require golang.org/x/crypto v0.39.0 // indirect\n",
    );
    await Deno.writeTextFile(
      `${dir}/vendor.sum`,
      "dario.cat/mergo v1.0.2 h1:85+piFYR1tMbRrLcDwR18y4UKJ3aH1Tbzi24VRW1TK8=\n",
    );
    // Beside a go.mod, which Go uses, another vendor.mod is not read.
    await Deno.mkdir(`${dir}/tool`);
    await Deno.writeTextFile(
      `${dir}/tool/go.mod`,
      "module github.com/docker/cli/tool\n\ngo 1.23\n",
    );
    await Deno.writeTextFile(
      `${dir}/tool/vendor.mod`,
      "module github.com/docker/cli/tool\n\ngo 1.23\n\nrequire github.com/pkg/errors v0.9.1\n",
    );
    const inventory = await readInventory(dir);
    assert.equal(inventory.project.purl, "pkg:golang/github.com/docker/cli");
    assert.deepEqual(inventory.components.map((c) => `${c.purl} ${c.scopes}`), [
      "pkg:golang/dario.cat/mergo@v1.0.2 runtime",
      "pkg:golang/github.com/docker/distribution@v2.8.3%2Bincompatible runtime",
      "pkg:golang/github.com/moby/moby/api@v1.52.0-beta.1.0.20250923190348-e98849831fc4 runtime",
      "pkg:golang/golang.org/x/crypto@v0.39.0 runtime",
    ]);
    assert.ok(inventory.sources.includes("vendor.sum"));
    assert.ok(
      inventory.warnings?.some((w) => w.startsWith("tool/vendor.mod is not read: the go.mod")),
    );
  });
});

Deno.test("readGoMod: a requirement of a module of the tree's other go.mod files at a version is warned", () => {
  const goMod = "module github.com/o/r/examples/x\n\ngo 1.22\n\n" +
    "require github.com/o/r/lib v0.0.0-20240101000000-abcdefabcdef\n";
  const modules = new Map([
    ["github.com/o/r/examples/x", "examples/x/go.mod"],
    ["github.com/o/r/lib", "lib/go.mod"],
  ]);
  const out = readGoMod(goMod, { path: "examples/x/go.mod", load: () => undefined, modules });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:golang/github.com/o/r/lib@v0.0.0-20240101000000-abcdefabcdef",
  ]);
  assert.equal(out.warnings?.length, 1);
  assert.match(
    out.warnings![0],
    /^examples\/x\/go\.mod requires github\.com\/o\/r\/lib@v0\.0\.0-20240101000000-abcdefabcdef \(lib\/go\.mod\), the project's own module at a version:/,
  );
  // A go.mod that does not parse declares nothing; the one read is left out of its own list.
  assert.deepEqual(
    treeModules(
      ["bad/go.mod", "lib/go.mod"],
      (p) => p === "lib/go.mod" ? "module github.com/o/r/lib\n" : 'module "unterminated\n',
    ),
    new Map([["github.com/o/r/lib", "lib/go.mod"]]),
  );
});

Deno.test("readGoMod: one folder replacing two required modules is one member, and a warning", () => {
  // `X => ./dir` and `Y => ./dir`: one module version under two paths, which Go refuses
  // (modload's checkMultiplePaths: "./dir@ used for two different module paths (X and Y)").
  // The folder is the module its go.mod declares. Was: two members for one folder.
  const goMod = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/x v0.0.0\n" +
    "\texample.com/y v0.0.0\n\tgolang.org/x/sys v0.1.0\n)\n\nreplace example.com/x => ./dir\n\n" +
    "replace example.com/y => ./dir\n";
  const files: Record<string, string> = { "dir/go.mod": "module example.com/y\n\ngo 1.22\n" };
  const out = readGoMod(goMod, { path: "go.mod", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:golang/example.com/y"]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:golang/example.com/y runtime",
    "pkg:golang/golang.org/x/sys@v0.1.0 runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "go.mod replaces example.com/x and example.com/y by one folder, dir, which Go refuses to " +
    'build ("used for two different module paths"): the SBOM has it once, as example.com/y',
  ]);
  // The folder's go.mod declaring neither: still one member, the module it declares, as the
  // folder's own go.mod is read. Was: example.com/x, beside the example.com/z of dir/go.mod.
  files["dir/go.mod"] = "module example.com/z\n\ngo 1.22\n";
  const neither = readGoMod(goMod, { path: "go.mod", load: (p) => files[p] });
  assert.deepEqual(neither.members.map((m) => m.id), ["pkg:golang/example.com/z"]);
  assert.match(neither.warnings?.[0] ?? "", /the SBOM has it once, as example\.com\/z$/);
  // Two folders, two modules: nothing to say.
  const apart = goMod.replace("example.com/y => ./dir", "example.com/y => ./other");
  files["other/go.mod"] = "module example.com/y\n\ngo 1.22\n";
  files["dir/go.mod"] = "module example.com/x\n\ngo 1.22\n";
  const two = readGoMod(apart, { path: "go.mod", load: (p) => files[p] });
  assert.deepEqual(two.members.map((m) => m.id), [
    "pkg:golang/example.com/x",
    "pkg:golang/example.com/y",
  ]);
  assert.equal(two.warnings, undefined);
});

Deno.test("readGoMod: a folder replacement whose go.mod declares another path is the module it declares", () => {
  // `X => ./dir`, dir/go.mod `module Y`: Go builds it (modload's goModSummary, for a local
  // replacement: "matching module paths. Anything goes."). dir/go.mod is read as member Y; the
  // requirement is that folder, one member. Was: X and Y, two members for one folder.
  const goMod = "module example.com/proj\n\ngo 1.22\n\nrequire example.com/lib v1.0.0\n\n" +
    "replace example.com/lib => ./dir\n";
  const files: Record<string, string> = { "dir/go.mod": "module example.com/other\n\ngo 1.22\n" };
  const out = readGoMod(goMod, { path: "go.mod", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:golang/example.com/other"]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:golang/example.com/other runtime"]);
  assert.equal(out.warnings, undefined);
  // Without the folder's go.mod (a submodule not checked out) it keeps the required path.
  const gone = readGoMod(goMod, { path: "go.mod", load: () => undefined });
  assert.deepEqual(gone.members.map((m) => m.id), ["pkg:golang/example.com/lib"]);
});

Deno.test("readGoMod: a go.mod below the root is a module of its own, a member its requirements hang from", () => {
  const goMod =
    "module example.com/tools\n\ngo 1.22\n\nrequire (\n\tgithub.com/google/uuid v1.6.0\n" +
    "\tgolang.org/x/text v0.14.0 // indirect\n)\n";
  const out = readGoMod(goMod, { path: "tools/go.mod" });
  assertWellFormed(out);
  const TOOLS = "pkg:golang/example.com/tools";
  assert.deepEqual(out.members, [{ id: TOOLS, name: "example.com/tools", purl: TOOLS }]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [`${TOOLS} runtime`]);
  assert.deepEqual(edgesFrom(out, TOOLS), [
    "pkg:golang/github.com/google/uuid@v1.6.0 runtime",
    "pkg:golang/golang.org/x/text@v0.14.0 runtime",
  ]);
  assert.deepEqual(out.project, { name: "example.com/tools", purl: TOOLS });
  // At the root the module is the project itself: no member.
  const root = readGoMod(goMod, { path: "go.mod" });
  assert.deepEqual(root.members, []);
  assert.equal(edgesFrom(root, ROOT_ID).length, 2);
});

/** A go.sum line for `module version` (or `module version/go.mod`) with a made-up h1: hash. */
function sumLine(moduleVersion: string, letter: string): string {
  return `${moduleVersion} h1:${letter.repeat(43)}=`;
}

Deno.test("readGoMod before Go 1.17: go.sum's other modules are the rest of the build list", () => {
  const goSum = [
    sumLine("github.com/gorilla/securecookie v1.1.0", "A"),
    sumLine("github.com/gorilla/securecookie v1.1.1", "B"),
    sumLine("github.com/gorilla/securecookie v1.1.1/go.mod", "C"),
    sumLine("github.com/gorilla/sessions v1.2.1", "D"),
    sumLine("github.com/stretchr/testify v1.4.0/go.mod", "E"),
    sumLine("golang.org/x/sys v0.0.0-20200116001909-b77594299b42", "F"),
    sumLine("golang.org/x/sys v0.0.0-20191026070338-33540a1f6037", "G"),
  ].join("\n");
  const goMod = (go: string) =>
    `module example.com/old\n\n${go}\nrequire github.com/gorilla/sessions v1.2.1\n`;
  const old = readGoMod(goMod("go 1.15\n"), { path: "go.mod", goSum });
  assertWellFormed(old);
  assert.deepEqual(old.components.map((c) => [c.id, c.direct, c.sources.join()]), [
    ["pkg:golang/github.com/gorilla/securecookie@v1.1.1", false, "go.sum"],
    ["pkg:golang/github.com/gorilla/sessions@v1.2.1", true, "go.mod,go.sum"],
    ["pkg:golang/golang.org/x/sys@v0.0.0-20200116001909-b77594299b42", false, "go.sum"],
  ]);
  // No go directive reads as go 1.16; from 1.17 on, go.mod lists the whole build list.
  assert.equal(readGoMod(goMod(""), { path: "go.mod", goSum }).components.length, 3);
  assert.equal(readGoMod(goMod("go 1.17\n"), { path: "go.mod", goSum }).components.length, 1);
});

Deno.test("readGoMod before Go 1.17: a go.mod that requires nothing builds with nothing, whatever a stale go.sum lists", () => {
  const goSum = [
    sumLine("github.com/pkg/errors v0.9.1", "A"),
    sumLine("github.com/pkg/errors v0.9.1/go.mod", "B"),
    sumLine("golang.org/x/tools v0.21.0", "C"),
  ].join("\n");
  // A module line alone (read as go 1.16), a `go 1.16` one, an empty go.mod (a module boundary).
  for (const goMod of ["module example.com/app\n", "module example.com/app\n\ngo 1.16\n", ""]) {
    const out = readGoMod(goMod, { path: "go.mod", goSum });
    assertWellFormed(out);
    assert.deepEqual(out.components, [], JSON.stringify(goMod));
    assert.equal(out.warnings, undefined);
  }
});

Deno.test("readGoMod before Go 1.17: go.sum's hashes of a replaced or workspace module are not the build's", () => {
  // A go.sum keeps the download hashes of a module from before `replace` pointed it at a folder
  // or another module (or before a go.work used it); Go builds the replacement instead.
  const goSum = [
    sumLine("example.com/lib v1.2.0", "A"),
    sumLine("example.com/old v1.0.0", "B"),
    sumLine("example.com/fork v1.0.1", "C"),
    sumLine("example.com/sibling v0.3.0", "D"),
    sumLine("golang.org/x/sys v0.1.0", "E"),
  ].join("\n");
  const goMod = "module example.com/app\n\ngo 1.14\n\nrequire example.com/lib v1.2.0\n\n" +
    "replace example.com/lib => ./lib\n\nreplace example.com/old v1.0.0 => example.com/fork v1.0.1\n";
  const workspace = {
    folders: ["", "sibling"],
    modules: new Set(["example.com/app", "example.com/sibling"]),
    path: "go.work",
    unloaded: [],
    replaced: new Map(),
    missingFolders: [],
    moduleReplaced: new Map(),
    selected: new Map(),
  };
  const out = readGoMod(goMod, { path: "go.mod", goSum, workspace });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:golang/example.com/lib"]);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:golang/example.com/fork@v1.0.1",
    "pkg:golang/golang.org/x/sys@v0.1.0",
  ]);
});

// cmd/go's modload (mvs.go, cmpVersion): the main module's version, "", is higher than every
// other, so a requirement of the module's own path never selects a version of it.
Deno.test("readGoMod: a requirement of the module itself (a cycle) is none, and neither is its go.sum line", () => {
  const goSum = [
    sumLine("example.com/me v0.0.0-20200101000000-abcdefabcdef", "A"),
    sumLine("example.com/me v0.0.0-20200101000000-abcdefabcdef/go.mod", "B"),
    sumLine("example.com/me/sub v0.1.0", "C"),
    sumLine("example.com/me/sub v0.1.0/go.mod", "D"),
  ].join("\n");
  const goMod = "module example.com/me\n\ngo 1.16\n\nrequire (\n" +
    "\texample.com/me v0.0.0-20200101000000-abcdefabcdef\n\texample.com/me/sub v0.1.0\n)\n";
  const out = readGoMod(goMod, { path: "go.mod", goSum });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:golang/example.com/me/sub@v0.1.0"]);
  assert.deepEqual(out.members, []);
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:golang/example.com/me/sub@v0.1.0 runtime"]);
  // Required alone, it leaves the module requiring nothing: go.sum's other lines are stale.
  const alone = readGoMod(
    "module example.com/me\n\ngo 1.16\n\nrequire example.com/me v0.0.0-20200101000000-abcdefabcdef\n",
    { path: "go.mod", goSum },
  );
  assert.deepEqual(alone.components, []);
});

Deno.test("readGoMod before Go 1.17 without go.sum warns that the build list is incomplete (hashicorp/terraform)", () => {
  // terraform's 2019 go.mod: no go directive, so go.mod lists only part of the build list.
  const goMod = "module github.com/hashicorp/terraform\n\nrequire (\n" +
    "\tcloud.google.com/go v0.36.0\n" +
    "\tgithub.com/Unknwon/com v0.0.0-20151008135407-28b053d5a292 // indirect\n)\n";
  const out = readGoMod(goMod, { path: "go.mod" });
  assert.equal(out.components.length, 2);
  assert.deepEqual(out.warnings, [
    "go.mod has no go directive (read as before Go 1.17): its requirements are only part of " +
    "the modules the build uses, and there is no go.sum to complete them; the SBOM has only " +
    "the 2 modules it requires (commit go.sum: `go mod tidy` writes it)",
  ]);
  const go115 = readGoMod(goMod.replace("\n\n", "\n\ngo 1.15\n\n"), { path: "svc/go.mod" });
  assert.match(
    go115.warnings?.[0] ?? "",
    /^svc\/go\.mod says go 1\.15 \(before Go 1\.17\): .* no svc\/go\.sum /,
  );
  // With a go.sum (even one without module hashes), from Go 1.17 on, or with nothing required: no warning.
  assert.equal(readGoMod(goMod, { path: "go.mod", goSum: "" }).warnings, undefined);
  const go117 = goMod.replace("\n\n", "\n\ngo 1.17\n\n");
  assert.equal(readGoMod(go117, { path: "go.mod" }).warnings, undefined);
  assert.equal(readGoMod("module example.com/x\n", { path: "go.mod" }).warnings, undefined);
});

Deno.test("readGoMod works without go.sum and rejects malformed files", () => {
  const out = readGoMod(text("replace/go.mod"), { path: "svc/go.mod" });
  assert.ok(out.components.every((c) => c.sources.join() === "svc/go.mod"));
  assertVouchError(
    () => readGoMod(text("invalid/truncated/go.mod"), { path: "go.mod" }),
    "inventory.go_mod.invalid",
    /^go\.mod:3: require block is never closed/,
  );
  assertVouchError(
    () => readGoMod(text("invalid/malformed/go.mod"), { path: "go.mod" }),
    "inventory.go_mod.invalid",
    /^go\.mod:3: malformed require directive/,
  );
  assertVouchError(
    () =>
      readGoMod("module x\n\nrequire a.b/c v1.0.0\n", {
        path: "m/go.mod",
        goSum: text("invalid/malformed-go-sum/go.sum"),
      }),
    "inventory.go_mod.invalid",
    /^m\/go\.sum:2: expected/,
  );
  assertVouchError(
    () => readGoMod('module x\nrequire "a.b/c v1.0.0\n', { path: "go.mod" }),
    "inventory.go_mod.invalid",
    /^go\.mod:2: unterminated quoted string/,
  );
  assertVouchError(
    () => readGoMod("module x\nrequires a v1\n", { path: "go.mod" }),
    "inventory.go_mod.invalid",
    /^go\.mod:2: unknown directive "requires"/,
  );
  assertVouchError(
    () => readGoMod("module x\nreplace a => b\n", { path: "go.mod" }),
    "inventory.go_mod.invalid",
    /^go\.mod:2: replacement b needs a version/,
  );
  // Found by fuzzing: an empty replacement module had been refused by its purl, with no line.
  assertVouchError(
    () => readGoMod('module x\n\nreplace a => "" v1.3.0\n', { path: "go.mod" }),
    "inventory.go_mod.invalid",
    /^go\.mod:3: replace directive with an empty replacement path/,
  );
  // What Go's modfile refuses: a second module, go or toolchain line, a go version not 1.N[.N][rcN].
  for (
    const [mod, message] of [
      ["module x\nmodule y\n", "repeated module statement"],
      ["module x\ngo 1.22\n\ngo 1.23\n", "repeated go statement"],
      ["module x\ntoolchain go1.22.1\ntoolchain go1.22.2\n", "repeated toolchain statement"],
      ["module x\n\ngo abc\n", 'invalid go version "abc"'],
      ["module x\n\ngo 1.22.5.1\n", 'invalid go version "1.22.5.1"'],
    ]
  ) {
    const line = mod.trimEnd().split("\n").length;
    assertVouchError(
      () => readGoMod(mod, { path: "go.mod" }),
      "inventory.go_mod.invalid",
      new RegExp(`^go\\.mod:${line}: ${message.replace(/[.]/g, "\\.")}`),
    );
  }
  for (const go of ["1.22", "1.22.5", "1.21rc1", "1.0"]) {
    assert.equal(readGoMod(`module x\ngo ${go}\n`, { path: "go.mod" }).components.length, 0);
  }
  // A version Go's semver.IsValid refuses (it went into the SBOM, 125,000 characters long once).
  for (
    const [mod, version] of [
      ["require a.b/c 1.0.0\n", "1.0.0"],
      ["require a.b/c v0.1\uFFFD4.0\n", "v0.1\uFFFD4.0"],
      ["exclude a.b/c latest\n", "latest"],
      ["replace a.b/c => d.e/f v1.0.0.0\n", "v1.0.0.0"],
      [`require a.b/c v${"9".repeat(100)}x\n`, `v${"9".repeat(63)}…`],
    ]
  ) {
    assertVouchError(
      () => readGoMod(`module x\n${mod}`, { path: "go.mod" }),
      "inventory.go_mod.invalid",
      new RegExp(
        `^go\\.mod:2: \\w+ a\\.b/c: invalid version ${
          JSON.stringify(version).replace(/[.+]/g, "\\$&")
        }$`,
      ),
    );
  }
  // A valid version that is not canonical: the go command looks it up (modload's fixVersion:
  // `v1.2` is the newest v1.2.x) and rewrites go.mod, which `-mod=readonly` refuses; no version
  // is known. Was: `pkg:golang/a.b/d@v1.2`, a version no module has.
  for (
    const [mod, version] of [
      ["require a.b/c v1\n", "v1"],
      ["require a.b/d v1.2\n", "v1.2"],
      ["exclude a.b/c v1.0.0-rc.1+meta\n", "v1.0.0-rc.1+meta"],
      ["replace a.b/c v1.2 => d.e/f v1.0.0\n", "v1.2"],
      ["replace a.b/c => d.e/f v2.0.0+build\n", "v2.0.0+build"],
    ]
  ) {
    assertVouchError(
      () => readGoMod(`module x\n${mod}`, { path: "go.mod" }),
      "inventory.go_mod.invalid",
      new RegExp(
        `^go\\.mod:2: \\w+ a\\.b/[cd]: version ${
          JSON.stringify(version).replace(/[.+]/g, "\\$&")
        } is not canonical \\(v1\\.2\\.3\\): the go command looks up the release it names`,
      ),
    );
  }
  // A go.work is parsed without the go command's version fixer (modload's ReadWorkFile passes
  // none to modfile.ParseWork): modfile's parseVersion takes the canonical form, `v1.2` is
  // v1.2.0, `+build` is dropped, `+incompatible` kept. Was: refused as in a go.mod.
  const work = goWorkspace(
    "go 1.22\nreplace a.b/c v1.2 => d.e/f v1\nreplace a.b/g => h.i/j v2.0.0+build\n" +
      "replace a.b/k => l.m/n v3.1.0+incompatible\n",
    { path: "go.work", load: () => undefined },
  );
  assert.deepEqual([...work.replaced], [
    ["a.b/c v1.2.0", ["d.e/f", "v1.0.0", false]],
    ["a.b/g", ["h.i/j", "v2.0.0", false]],
    ["a.b/k", ["l.m/n", "v3.1.0+incompatible", false]],
  ]);
  // What Go keeps: pre-releases, +incompatible, pseudo-versions.
  const ok = "require (\n\ta.b/e v2.0.0+incompatible\n" +
    "\ta.b/f v0.0.0-20200405005733-88cbf1b4c40d\n\ta.b/g v1.0.0-rc.1\n)\n";
  assert.equal(readGoMod(`module x\n${ok}`, { path: "go.mod" }).components.length, 3);
});

Deno.test("readGoMod matches the cli/cli go.mod exactly", () => {
  if (skipWithoutShared("cli/cli go.mod accuracy")) return;
  const dir = `${SHARED_DIR}/corpus/cli__cli`;
  const out = readGoMod(Deno.readTextFileSync(`${dir}/go.mod`), {
    path: "go.mod",
    goSum: Deno.readTextFileSync(`${dir}/go.sum`),
  });
  assertWellFormed(out);
  // Counted with awk: 158 requires, 47 direct and 111 `// indirect`; one replace.
  assert.equal(out.components.length, 158);
  assert.equal(out.components.filter((c) => c.direct).length, 47);
  assert.equal(out.edges.length, 158);
  assert.deepEqual(out.members, []);
  assert.equal(out.project?.name, "github.com/cli/cli/v2");
  // Every built module has its module h1: hash in go.sum.
  assert.ok(out.components.every((c) => c.sources.join() === "go.mod,go.sum"));
  const ids = new Set(out.components.map((c) => c.id));
  for (
    const purl of [
      "pkg:golang/github.com/cli/go-internal@v0.0.0-20241024130215-fa3c22e38b9b",
      "pkg:golang/github.com/sassoftware/relic@v7.2.1%2Bincompatible",
      "pkg:golang/github.com/charmbracelet/lipgloss@v0.10.1-0.20240413172830-d0be07ea6b9c",
      "pkg:golang/github.com/AlecAivazis/survey/v2@v2.3.7",
    ]
  ) assert.ok(ids.has(purl), purl);
  assert.ok(![...ids].some((id) => id.includes("rogpeppe/go-internal")));
});

Deno.test("readGoMod: a bad escape or a raw control character in a quoted token is an input error", () => {
  const cases: Array<[string, RegExp]> = [
    // \x is a Go escape JSON lacks; it used to escape JSON.parse as a SyntaxError (exit 3).
    ['module x\n\nrequire "a.b/c\\x41" v1.0.0\n', /^go\.mod:3: bad escape/],
    ['module x\nrequire "a.b/c\tz" v1.0.0\n', /^go\.mod:2: bad escape or control character/],
    ['module x\nrequire (\n\t"a.b/\\q" v1.0.0\n)\n', /^go\.mod:3: bad escape/],
    ['module "x\\\n', /^go\.mod:1: /],
  ];
  for (const [text, message] of cases) {
    assertVouchError(
      () => readGoMod(text, { path: "go.mod" }),
      "inventory.go_mod.invalid",
      message,
    );
  }
  // The escapes Go and JSON share still decode.
  assert.deepEqual(readGoMod('module "ex\\u0061mple.com/m"\n', { path: "go.mod" }).project, {
    name: "example.com/m",
    purl: "pkg:golang/example.com/m",
  });
});

Deno.test("readGoMod: a module that only provides tools (tool directive, // indirect) is a direct build dependency", () => {
  const out = readGoMod(text("tools/go.mod"), { path: "go.mod" });
  assertWellFormed(out);
  const scoped = (scope: string): string[] =>
    out.components.filter((c) => c.scopes.includes(scope as "build"))
      .map((c) => `${c.name} ${c.direct}`);
  // The longest required path that prefixes the tool package: x/tools, not x/tools/go/expect.
  assert.deepEqual(scoped("build"), [
    "golang.org/x/tools true",
    "golang.org/x/vuln true",
    "honnef.co/go/tools true",
  ]);
  assert.ok(edgesFrom(out, ROOT_ID).includes("pkg:golang/golang.org/x/tools@v0.36.0 build"));
  // x/mod provides gorelease but is not // indirect: the module's own code imports it.
  // What the tools need in turn (x/sync, x/telemetry, …) cannot be told apart: runtime.
  assert.deepEqual(scoped("runtime"), [
    "github.com/BurntSushi/toml false",
    "github.com/julienschmidt/httprouter true",
    "github.com/lib/pq true",
    "golang.org/x/exp/typeparams false",
    "golang.org/x/mod true",
    "golang.org/x/sync false",
    "golang.org/x/sys false",
    "golang.org/x/telemetry false",
    "golang.org/x/tools/go/expect false",
  ]);
  // A tool of the main module itself (internal/cmd/gen) and a replaced tool module.
  const replaced = readGoMod(
    [
      "module example.com/m",
      "go 1.24",
      "require example.com/m/tools v1.0.0 // indirect",
      "require github.com/golangci/golangci-lint v1.64.0 // indirect",
      "replace github.com/golangci/golangci-lint => github.com/acme/golangci-lint v1.64.1",
      "tool github.com/golangci/golangci-lint/cmd/golangci-lint",
      "tool example.com/m/cmd/gen",
    ].join("\n"),
    { path: "go.mod" },
  );
  assert.deepEqual(replaced.components.map((c) => `${c.name} ${c.scopes}`), [
    "example.com/m/tools runtime", // not a prefix of example.com/m/cmd/gen
    "github.com/acme/golangci-lint build",
  ]);
  assertVouchError(
    () => readGoMod("module m\ngo 1.24\ntool a b\n", { path: "go.mod" }),
    "inventory.go_mod.invalid",
    /^go\.mod:3: malformed tool directive/,
  );
});

Deno.test("readGoMod: a tool that no required module provides is a warning, not silence", () => {
  // As in bruli/waterSystem-data-pipeline: three tools, none of their modules required.
  const goMod = [
    "module example.com/pipeline",
    "go 1.26.1",
    "require github.com/nats-io/nats.go v1.49.0",
    "require golang.org/x/sys v0.39.0 // indirect",
    "tool (",
    "\tgithub.com/mfridman/tparse",
    "\tgolang.org/x/vuln/cmd/govulncheck",
    "\texample.com/pipeline/cmd/gen",
    "\tgolang.org/x/sys/unix/mkall",
    ")",
  ].join("\n");
  const out = readGoMod(goMod, { path: "go.mod" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.scopes}`), [
    "github.com/nats-io/nats.go runtime",
    "golang.org/x/sys build",
  ]);
  // The main module's own tool and the one x/sys provides are built; the other two cannot be.
  assert.equal(out.warnings?.length, 1);
  assert.match(
    out.warnings[0],
    /^go\.mod names tools github\.com\/mfridman\/tparse, golang\.org\/x\/vuln\/cmd\/govulncheck that no module it requires provides: .*`go mod tidy`/,
  );
  // A tool that a module of the go.work workspace provides is no warning.
  const workspace = goWorkspace("go 1.24\nuse (\n\t.\n\t./tparse\n)\n", {
    path: "go.work",
    load: (path) =>
      ({ "go.mod": goMod, "tparse/go.mod": "module github.com/mfridman/tparse\n" })[path],
  });
  const inWorkspace = readGoMod(goMod, { path: "go.mod", workspace });
  assert.match(
    inWorkspace.warnings?.[0] ?? "",
    /names tool golang\.org\/x\/vuln\/cmd\/govulncheck /,
  );
});

Deno.test("goWorkspace: used folders and their module paths, replacements; bad directives are input errors", () => {
  const files: Record<string, string> = {
    "mono/go.mod": "module example.com/mono\n",
    "mono/libs/a/go.mod": "// a\nmodule example.com/mono/a\n",
  };
  const work = goWorkspace(
    "go 1.23\ntoolchain go1.23.4\nuse (\n\t.\n\t./libs/a\n\t./gone\n)\n" +
      "replace example.com/x v1.0.0 => ../x\n",
    { path: "mono/go.work", load: (p) => files[p] },
  );
  assert.deepEqual(work.folders, ["mono", "mono/libs/a", "mono/gone"]);
  assert.deepEqual([...work.modules], ["example.com/mono", "example.com/mono/a"]);
  assert.deepEqual([...work.replaced], [["example.com/x v1.0.0", ["../x", undefined, false]]]);
  const load = () => undefined;
  assertVouchError(
    () => goWorkspace("use ./a ./b\n", { path: "go.work", load }),
    "inventory.go_mod.invalid",
    /^go\.work:1: malformed use directive/,
  );
  assertVouchError(
    () => goWorkspace("require x v1\n", { path: "go.work", load }),
    "inventory.go_mod.invalid",
    /^go\.work:1: unknown directive "require"/,
  );
  // As in a go.mod, what Go's workfile parser refuses (they were read silently).
  assertVouchError(
    () => goWorkspace("go 1.22\n\ngo 1.23\n", { path: "go.work", load }),
    "inventory.go_mod.invalid",
    /^go\.work:3: repeated go statement/,
  );
  assertVouchError(
    () => goWorkspace("go abc\n", { path: "go.work", load }),
    "inventory.go_mod.invalid",
    /^go\.work:1: invalid go version "abc"/,
  );
  // A replacement's version, as in a go.mod: modfile's parseVersion refuses it in both (it went
  // into the SBOM as pkg:golang/a.b/c@v; found by fuzzing).
  for (const replace of ["a.b/c v1.5.0 => a.b/c v", "a.b/c latest => ./c"]) {
    assertVouchError(
      () => goWorkspace(`go 1.22\nreplace ${replace}\n`, { path: "go.work", load }),
      "inventory.go_mod.invalid",
      /^go\.work:2: replace a\.b\/c: invalid version "(?:v|latest)"$/,
    );
  }
});

Deno.test("readGoMod in a go.work workspace that replaces a required module by a folder without a go.mod: a warning, said once", () => {
  // go.work's `replace` by a folder is relative to go.work's folder (modload's
  // replaceRelativeTo) and reads its go.mod as a go.mod's does (rawGoModData: `reading
  // x/go.mod` fails, Go refuses to build). Was: silent, where a go.mod's replace warns.
  const files: Record<string, string> = {
    "go.work": "go 1.22\n\nuse (\n\t./a\n\t./b\n)\n\nreplace example.com/x => ./x\n\n" +
      "replace example.com/unused => ./unused\n",
    "a/go.mod": "module example.com/a\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n",
    "b/go.mod": "module example.com/b\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n",
  };
  const workspace = goWorkspace(files["go.work"], { path: "go.work", load: (p) => files[p] });
  const a = readGoMod(files["a/go.mod"], { path: "a/go.mod", workspace, load: (p) => files[p] });
  assertWellFormed(a);
  assert.deepEqual(a.members.map((m) => m.id), [
    "pkg:golang/example.com/a",
    "pkg:golang/example.com/x",
  ]);
  assert.deepEqual(a.warnings, [
    "go.work replaces example.com/x => ./x, a folder with no go.mod in the project (a git " +
    "submodule not checked out?): Go refuses to build it, and the SBOM has it as first-party " +
    "code without its requirements",
  ]);
  // The other module of the workspace does not say it again.
  const b = readGoMod(files["b/go.mod"], { path: "b/go.mod", workspace, load: (p) => files[p] });
  assert.equal(b.warnings, undefined);
  // With the folder's go.mod there, nothing to say.
  files["x/go.mod"] = "module example.com/x\n\ngo 1.22\n";
  const whole = goWorkspace(files["go.work"], { path: "go.work", load: (p) => files[p] });
  assert.deepEqual(whole.missingFolders, []);
});

Deno.test("readGoMod in a go.work workspace that uses a folder without a go.mod: a warning, said once", () => {
  // A go.work whose `use` names a folder without a go.mod (one since removed, one not checked
  // out): the go command refuses every command in the workspace ("cannot load module ./GWui
  // listed in go.work file"), as hoonfeng's F:\\syproject\\go.work did.
  const files: Record<string, string> = {
    "go.work": "go 1.22\n\nuse (\n\t./a\n\t./b\n\t./c\n\t./d\n\t../elsewhere\n)\n",
    "b/go.mod": "module example.com/b\n\ngo 1.22\n\nrequire golang.org/x/sys v0.1.0\n",
    "d/go.mod": "module example.com/d\n\ngo 1.22\n",
  };
  const workspace = goWorkspace(files["go.work"], { path: "go.work", load: (p) => files[p] });
  assert.deepEqual(workspace.unloaded, ["a", "c"]);
  const b = readGoMod(files["b/go.mod"], { path: "b/go.mod", workspace });
  assertWellFormed(b);
  assert.deepEqual(b.components.map((c) => c.id), ["pkg:golang/golang.org/x/sys@v0.1.0"]);
  assert.equal(b.warnings?.length, 1);
  assert.match(
    b.warnings?.[0] ?? "",
    /^go\.work uses a, c, with no go\.mod in the project: Go refuses/,
  );
  // The other modules of the workspace do not say it again.
  assert.equal(readGoMod(files["d/go.mod"], { path: "d/go.mod", workspace }).warnings, undefined);
});

Deno.test("readGoMod in a go.work workspace: one build list, each module at the highest version required", () => {
  const files: Record<string, string> = {
    "go.work": "go 1.22\nuse (\n\t./api\n\t./worker\n)\n",
    "api/go.mod": "module example.com/api\n\ngo 1.22\n\nrequire (\n" +
      "\tgolang.org/x/net v0.20.0\n\tgithub.com/google/uuid v1.6.0\n)\n" +
      "replace github.com/old/lib => github.com/new/lib v1.1.0\n",
    "worker/go.mod": "module example.com/worker\n\ngo 1.22\n\nrequire (\n" +
      "\tgolang.org/x/net v0.17.0\n\tgithub.com/google/uuid v1.3.0 // indirect\n" +
      "\tgithub.com/old/lib v1.0.0\n\texample.com/api v0.0.0\n)\n",
  };
  const workspace = goWorkspace(files["go.work"], { path: "go.work", load: (p) => files[p] });
  assert.deepEqual([...workspace.selected].sort(), [
    ["example.com/api", "v0.0.0"],
    ["github.com/google/uuid", "v1.6.0"],
    ["github.com/old/lib", "v1.0.0"],
    ["golang.org/x/net", "v0.20.0"],
  ]);
  const worker = readGoMod(files["worker/go.mod"], { path: "worker/go.mod", workspace });
  assertWellFormed(worker);
  // `go build` in the workspace uses x/net v0.20.0 and uuid v1.6.0 for worker too (MVS), and
  // api's replacement of old/lib applies to the whole workspace.
  assert.deepEqual(worker.components.map((c) => [c.id, c.direct]), [
    ["pkg:golang/github.com/google/uuid@v1.6.0", false],
    ["pkg:golang/github.com/new/lib@v1.1.0", true],
    ["pkg:golang/golang.org/x/net@v0.20.0", true],
  ]);
  assert.deepEqual(worker.members.map((m) => m.id), [
    "pkg:golang/example.com/api",
    "pkg:golang/example.com/worker",
  ]);
  assert.deepEqual(edgesFrom(worker, "pkg:golang/example.com/worker").length, 4);
  // Outside the workspace the module's own go.mod versions stand.
  assert.deepEqual(
    readGoMod(files["worker/go.mod"], { path: "worker/go.mod" }).components.map((c) => c.id),
    [
      "pkg:golang/example.com/api@v0.0.0",
      "pkg:golang/github.com/google/uuid@v1.3.0",
      "pkg:golang/github.com/old/lib@v1.0.0",
      "pkg:golang/golang.org/x/net@v0.17.0",
    ],
  );
});

Deno.test("readGoMod in a go.work workspace whose first use is outside the tree: its first module of the tree says what the workspace leaves open", () => {
  // `use ../other` first (another checkout, whose go.mod vouch never reads): the warnings of a
  // used folder without a go.mod and of a replace by one were said by nobody.
  const files: Record<string, string> = {
    "go.work": "go 1.22\n\nuse (\n\t../other\n\t./m\n\t./gone\n)\n\nreplace example.com/x => ./x\n",
    "m/go.mod": "module example.com/m\n\ngo 1.22\n\nrequire example.com/x v1.0.0\n",
  };
  const workspace = goWorkspace(files["go.work"], { path: "go.work", load: (p) => files[p] });
  const m = readGoMod(files["m/go.mod"], { path: "m/go.mod", workspace, load: (p) => files[p] });
  assertWellFormed(m);
  assert.deepEqual(m.warnings, [
    'go.work uses gone, with no go.mod in the project: Go refuses every command in the workspace ("cannot load module ... listed in go.work file"); the SBOM has the workspace\'s other modules',
    "go.work replaces example.com/x => ./x, a folder with no go.mod in the project (a git " +
    "submodule not checked out?): Go refuses to build it, and the SBOM has it as first-party " +
    "code without its requirements",
  ]);
});

Deno.test("goWorkspace: modules that replace one module differently are refused as Go refuses them, unless go.work replaces it", () => {
  const files: Record<string, string> = {
    "m/go.mod": "module example.com/m\nrequire example.com/dep v1.0.0\n" +
      "replace example.com/dep v1.0.0 => ../dep1\n",
    "n/go.mod": "module example.com/n\nrequire example.com/dep v1.0.0\n" +
      "replace example.com/dep v1.0.0 => ../dep2\n",
    // The same folder, written from another module's folder: no conflict.
    "o/go.mod": "module example.com/o\nreplace example.com/dep v1.0.0 => ./../dep1\n",
  };
  const load = (p: string): string | undefined => files[p];
  assertVouchError(
    () => goWorkspace("go 1.22\nuse ./m\nuse ./n\n", { path: "go.work", load }),
    "inventory.go_mod.invalid",
    /^n\/go\.mod:3: conflicting replacements for example\.com\/dep@v1\.0\.0 in the workspace: dep2 and dep1 \(m\/go\.mod\), which Go refuses; choose one with a replace in go\.work/,
  );
  goWorkspace("go 1.22\nuse ./m\nuse ./o\n", { path: "go.work", load });
  // go.work's own replacement (of that version, or of every version) settles it.
  for (const replace of ["example.com/dep v1.0.0 => ./dep3", "example.com/dep => ./dep3"]) {
    const work = goWorkspace(`go 1.22\nuse ./m\nuse ./n\nreplace ${replace}\n`, {
      path: "go.work",
      load,
    });
    assert.deepEqual(work.folders, ["m", "n"]);
  }
  // A replacement by another module version conflicts the same way.
  files["n/go.mod"] =
    "module example.com/n\nreplace example.com/dep v1.0.0 => example.com/fork v1.0.1\n";
  assertVouchError(
    () => goWorkspace("use ./m\nuse ./n\n", { path: "go.work", load }),
    "inventory.go_mod.invalid",
    /conflicting replacements for example\.com\/dep@v1\.0\.0 in the workspace: example\.com\/fork@v1\.0\.1 and dep1/,
  );
});

Deno.test("goWorkspace: replacements of a workspace module, or of a module nothing requires, do not conflict (etcd)", () => {
  // etcd: api/go.mod replaces its own module by ./FORBIDDEN_DEPENDENCY, client/v3/go.mod by ../../api.
  const files: Record<string, string> = {
    "api/go.mod": "module go.etcd.io/etcd/api/v3\n\ngo 1.26\n\n" +
      "replace (\n\tgo.etcd.io/etcd/api/v3 => ./FORBIDDEN_DEPENDENCY\n)\n",
    "client/v3/go.mod": "module go.etcd.io/etcd/client/v3\n\ngo 1.22\n\n" +
      "require go.etcd.io/etcd/api/v3 v3.6.0-alpha.0\n\n" +
      "replace go.etcd.io/etcd/api/v3 => ../../api\n",
  };
  // Both guard against bad imports of a module neither requires: Go never looks it up.
  for (const module of ["api", "client/v3"]) {
    files[`${module}/go.mod`] += "replace go.etcd.io/etcd => ./FORBIDDEN_DEPENDENCY\n";
  }
  const load = (p: string): string | undefined => files[p];
  const work = goWorkspace("go 1.24\n\nuse (\n\t./api\n\t./client/v3\n)\n", {
    path: "go.work",
    load,
  });
  const out = readGoMod(files["client/v3/go.mod"], { path: "client/v3/go.mod", workspace: work });
  assert.deepEqual(out.components, [], "the api module is a member, not a component");
  assert.ok(out.members?.some((m) => m.purl === "pkg:golang/go.etcd.io/etcd/api/v3"));
});

Deno.test("readGoMod: directives without a module declaration are refused, as Go does; an empty go.mod lists nothing", () => {
  assertVouchError(
    () =>
      readGoMod("// generated\ngo 1.22\n\nrequire github.com/pkg/errors v0.9.1\n", {
        path: "tools/go.mod",
      }),
    "inventory.go_mod.invalid",
    /^tools\/go\.mod:4: no module declaration, which Go refuses/,
  );
  // A module boundary: an empty go.mod keeps its folder out of the module above; so does one with
  // a `go` line only, which lists nothing (it was refused, stopping a whole scan).
  for (
    const text of ["// keeps examples/ out of the module\n", "go 1.21\n\ntoolchain go1.22.1\n"]
  ) {
    const empty = readGoMod(text, { path: "examples/go.mod" });
    assert.deepEqual([empty.components, empty.members, empty.project], [[], [], undefined]);
  }
});

Deno.test("readGoMod: `// indirect` marks a requirement only as Go's modfile reads it (isIndirect)", () => {
  // gomodjail's annotation after `// indirect` (its docker profile, from docker/cli's vendor.mod):
  // Go's isIndirect takes the words after `//`, `indirect // gomodjail:confined`, as no mark, so
  // the requirement is direct; `go mod tidy` then writes `// indirect; indirect // …`, which is one
  // (openstack-k8s-operators' go.mod files), as are `//indirect` and `// indirect; reason`.
  const out = readGoMod(
    "module github.com/docker/cli\n\ngo 1.21\n\nrequire (\n" +
      "\tgithub.com/docker/go-connections v0.5.0\n" +
      "\tgithub.com/docker/go-units v0.5.0 // gomodjail:confined\n)\n\nrequire (\n" +
      "\tgithub.com/Azure/go-ansiterm v0.0.0-20210617225240-d185dfc1b5a1 // indirect // gomodjail:confined\n" +
      "\tgithub.com/golang/protobuf v1.5.4 // indirect\n" +
      "\tgithub.com/openstack-k8s-operators/lib-common/modules/storage v0.0.0-20230301145136-e77d8d19c2ff // indirect; indirect // indirect\n" +
      "\tgoogle.golang.org/grpc v1.60.1 //indirect\n" +
      "\tgoogle.golang.org/protobuf v1.33.0 // indirect; needed by grpc\n" +
      "\tgolang.org/x/sys v0.18.0 // indirect;\n)\n",
    { path: "go.mod" },
  );
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.name} ${c.direct}`), [
    "github.com/Azure/go-ansiterm true",
    "github.com/docker/go-connections true",
    "github.com/docker/go-units true",
    "github.com/golang/protobuf false",
    "github.com/openstack-k8s-operators/lib-common/modules/storage false",
    "golang.org/x/sys true",
    "google.golang.org/grpc false",
    "google.golang.org/protobuf false",
  ]);
});
