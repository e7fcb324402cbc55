// In-process tests of `vouch sbom` through its run(argv, io).
import assert from "node:assert/strict";
import { run } from "../../src/cli/sbom_command.ts";
import { SBOM_HELP } from "../../src/cli/help.ts";
import { isVouchError } from "../../src/errors.ts";
import { demoProject } from "../_cli.ts";
import { runCli } from "../../src/cli/main.ts";
import { fakeIo } from "./_fake_io.ts";
import { REPO_ROOT } from "../_util.ts";

const EPOCH = { SOURCE_DATE_EPOCH: "1700000000" };
const EPOCH_ISO = "2023-11-14T22:13:20Z";

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => isVouchError(e) && e.code === code);
}

Deno.test("sbom: an error quoting a file's control characters shows them escaped", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/requirements.txt`, "requests==2.0\nfoo\u001b[2J bar==1\n");
    const io = fakeIo({ env: EPOCH });
    assert.equal(await runCli(["sbom", "--project-root", dir], io), 2);
    assert.match(io.err, /^error\[inventory\.requirements\.invalid\]: requirements\.txt:2: /);
    assert.ok(io.err.includes("foo\\u001b[2J bar==1"), io.err);
    assert.ok(!io.err.includes("\u001b"), "no raw ESC on stderr");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("sbom --help prints the help text only", async () => {
  const io = fakeIo();
  assert.equal(await run(["--help"], io), 0);
  assert.equal(io.out, SBOM_HELP);
  assert.equal(io.err, "");
});

Deno.test("sbom: CycloneDX by default, SPDX with --format spdx, nothing on stderr", async () => {
  const project = await demoProject();
  const cdx = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project], cdx), 0);
  const bom = JSON.parse(cdx.out);
  assert.equal(cdx.out, JSON.stringify(bom, null, 2) + "\n");
  assert.equal(bom.bomFormat, "CycloneDX");
  assert.equal(bom.specVersion, "1.6");
  assert.ok(cdx.out.includes("pkg:pypi/requests@"), "the locked dependencies are listed");
  assert.equal(cdx.err, "");

  const spdx = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project, "--format", "spdx"], spdx), 0);
  const doc = JSON.parse(spdx.out);
  assert.equal(doc.spdxVersion, "SPDX-2.3");
  assert.ok(spdx.out.includes("pkg:pypi/requests@"));
  assert.equal(spdx.err, "");
});

Deno.test("sbom DIR: the project folder as a positional (as syft and cdxgen take it), the same as --project-root", async () => {
  const project = await demoProject();
  const byFlag = fakeIo({ env: EPOCH });
  const byArg = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project], byFlag), 0);
  assert.equal(await run(["--format", "cyclonedx", project], byArg), 0);
  assert.equal(byArg.out, byFlag.out);
  await rejectsWith(run([`${project}/missing`], fakeIo()), "project_root.missing");
});

Deno.test("sbom: SOURCE_DATE_EPOCH pins the timestamp and makes the output reproducible", async () => {
  const project = await demoProject();
  const first = fakeIo({ env: EPOCH });
  const second = fakeIo({ env: EPOCH });
  await run(["--project-root", project, "--format", "spdx"], first);
  await run(["--project-root", project, "--format", "spdx"], second);
  assert.equal(first.out, second.out);
  assert.equal(JSON.parse(first.out).creationInfo.created, EPOCH_ISO);
  const now = fakeIo();
  const before = Date.now();
  await run(["--project-root", project, "--format", "spdx"], now);
  const created = Date.parse(JSON.parse(now.out).creationInfo.created);
  assert.ok(created >= Math.floor(before / 1000) * 1000 - 1000 && created <= Date.now() + 1000);
});

Deno.test("sbom --lockfile reads exactly that file", async () => {
  const project = await demoProject();
  const all = fakeIo({ env: EPOCH });
  await run(["--project-root", project], all);
  const only = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project, "--lockfile", "pyproject.toml"], only), 0);
  assert.ok(only.out.includes("pkg:pypi/requests"), "declared dependencies are listed");
  assert.notEqual(only.out, all.out, "without uv.lock the SBOM differs");
});

Deno.test("sbom: usage errors are VouchErrors", async () => {
  const project = await demoProject();
  await rejectsWith(run([project, "stray"], fakeIo()), "args.unexpected_argument");
  await rejectsWith(run([project, "--project-root", project], fakeIo()), "args.conflict");
  await rejectsWith(run(["--format", "xml"], fakeIo()), "args.invalid_value");
  await rejectsWith(run(["--formt", "spdx"], fakeIo()), "args.unknown_flag");
  await rejectsWith(
    run(["--project-root", project], fakeIo({ env: { SOURCE_DATE_EPOCH: "soon" } })),
    "env.invalid.SOURCE_DATE_EPOCH",
  );
});

Deno.test("sbom --project-root <missing or a file>: project_root.missing, exit 2", async () => {
  const project = await demoProject();
  for (const root of [`${project}/missing`, `${project}/pyproject.toml`]) {
    await rejectsWith(
      run(["--project-root", root], fakeIo({ env: EPOCH })),
      "project_root.missing",
    );
    const io = fakeIo({ env: EPOCH });
    assert.equal(await runCli(["sbom", "--project-root", root], io), 2);
    assert.equal(io.out, "");
    assert.match(
      io.err,
      /^error\[project_root\.missing\]: --project-root .* is not a directory\n {2}hint: /,
    );
  }
});

Deno.test("the sbom command's module graph has no node:crypto (it costs 15-30 ms to load)", async () => {
  /** The node: modules loaded at run time: static imports only (not `import type`). */
  const nodeModules = async (file: string): Promise<string[]> => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["info", "--json", file],
      cwd: REPO_ROOT,
      stdout: "piped",
    }).output();
    type Dependency = { code?: { specifier: string } };
    const graph = JSON.parse(new TextDecoder().decode(out.stdout)) as {
      roots: string[];
      modules: { specifier: string; dependencies?: Dependency[] }[];
    };
    const bySpecifier = new Map(graph.modules.map((m) => [m.specifier, m]));
    const loaded = new Set(graph.roots);
    for (const specifier of loaded) {
      for (const d of bySpecifier.get(specifier)?.dependencies ?? []) {
        if (d.code !== undefined) loaded.add(d.code.specifier);
      }
    }
    return [...loaded].filter((s) => s.startsWith("node:"));
  };
  assert.ok(!(await nodeModules("src/cli/sbom_command.ts")).includes("node:crypto"));
  assert.ok(
    (await nodeModules("src/cli/attest_command.ts")).includes("node:crypto"),
    "the check can fail",
  );
});

Deno.test("sbom --format spdx-json / cyclonedx-json (syft's names) and -o FILE", async () => {
  const project = await demoProject();
  const spdx = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project, "--format", "spdx-json"], spdx), 0);
  assert.equal(JSON.parse(spdx.out).spdxVersion, "SPDX-2.3");
  const cdx = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project, "--format=cyclonedx-json"], cdx), 0);
  assert.equal(JSON.parse(cdx.out).bomFormat, "CycloneDX");

  const file = `${project}/../sbom.spdx.json`;
  const written = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project, "--format", "spdx", "-o", file], written), 0);
  assert.equal(written.out, "", "nothing on stdout");
  assert.equal(await Deno.readTextFile(file), spdx.out);
  const long = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project, "--output", file], long), 0);
  assert.equal(await Deno.readTextFile(file), cdx.out);
  await rejectsWith(
    run(["--project-root", project, "-o", `${project}/missing/dir/sbom.json`], fakeIo()),
    "output_file.unwritable",
  );
  await rejectsWith(run(["--project-root", project, "-x", "y"], fakeIo()), "args.unknown_flag");
});

Deno.test("sbom: an unread dependency file is a warning on stderr and listed in the SBOM; --exclude skips it", async () => {
  const project = await demoProject();
  await Deno.writeTextFile(`${project}/bun.lockb`, "binary");
  const io = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project], io), 0);
  assert.equal(
    io.err,
    "warning: bun.lockb is not read: vouch has no reader for Bun (binary lockfile) lockfiles " +
      "(run `bun install --save-text-lockfile` to write the text bun.lock)\n",
  );
  const unread = JSON.parse(io.out).metadata.properties.filter(
    (p: { name: string }) => p.name === "vouch:unread",
  );
  assert.deepEqual(unread, [{ name: "vouch:unread", value: "bun.lockb" }]);
  const excluded = fakeIo({ env: EPOCH });
  assert.equal(await run(["--project-root", project, "--exclude", "*.lockb"], excluded), 0);
  assert.equal(excluded.err, "");
  // In GitHub Actions each warning is also a ::warning annotation.
  const actions = fakeIo({ env: { ...EPOCH, GITHUB_ACTIONS: "true" } });
  assert.equal(await run(["--project-root", project], actions), 0);
  assert.match(
    actions.err,
    /^warning: bun\.lockb is not read: .*\n::warning::bun\.lockb is not read: /,
  );
  // Named with --lockfile, it is an input error with the command that writes bun.lock.
  await rejectsWith(
    run(["--project-root", project, "--lockfile", "bun.lockb"], fakeIo()),
    "inventory.bun_lockb.binary",
  );
});
