// mod.ts as a program: `deno run jsr:@vouch/vouch …` runs the CLI. JSR itself is
// not reachable here, so the package is published (as `deno publish --dry-run`
// lists it) into a local registry and run from there through `JSR_URL`.
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO_ROOT } from "./_util.ts";
import { copyDir, runVouch } from "./_cli.ts";
import { buildJsrRegistry } from "./_jsr_registry.ts";
import { VERSION } from "../src/version.ts";
import { ATTEST_HELP } from "../src/cli/help.ts";

const config = JSON.parse(Deno.readTextFileSync(`${REPO_ROOT}/deno.json`));

Deno.test("deno.json exports the library (.) and the CLI (./cli)", () => {
  assert.deepEqual(config.exports, { ".": "./mod.ts", "./cli": "./main.ts" });
});

Deno.test("mod.ts run as the main module is the CLI; imported, it runs nothing", async () => {
  const entry = `${REPO_ROOT}/mod.ts`;
  const version = await runVouch(["--version"], { entry });
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stdout, `vouch ${VERSION}\n`);
  const help = await runVouch(["attest", "--help"], { entry });
  assert.equal(help.stdout, ATTEST_HELP);
  const wrong = await runVouch(["atest"], { entry });
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /error\[args\.unknown_command\]/);

  const dir = await Deno.makeTempDir({ prefix: "vouch-mod-" });
  try {
    await Deno.writeTextFile(
      `${dir}/use.ts`,
      `import { VouchError } from ${JSON.stringify(entry)};\nconsole.log(typeof VouchError);\n`,
    );
    const imported = await runVouch(["--version"], {
      entry: `${dir}/use.ts`,
      denoFlags: ["--config", `${REPO_ROOT}/deno.json`],
    });
    assert.equal(imported.code, 0, imported.stderr);
    assert.equal(imported.stdout, "function\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** The files `deno publish --dry-run` would upload, relative to the repository root. */
async function publishedFiles(): Promise<string[]> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["publish", "--dry-run", "--allow-dirty"],
    cwd: REPO_ROOT,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, text);
  const prefix = `file://${REPO_ROOT}/`;
  return [...text.matchAll(/^\s+(file:\/\/\S+) \(/gm)].map((m) => {
    assert.ok(m[1].startsWith(prefix), m[1]);
    return decodeURIComponent(m[1].slice(prefix.length));
  });
}

/** Where this machine's Deno keeps npm packages (copied so the run needs no network). */
async function npmCache(): Promise<string> {
  const out = await new Deno.Command(Deno.execPath(), { args: ["info", "--json"] }).output();
  return JSON.parse(new TextDecoder().decode(out.stdout)).npmCache;
}

Deno.test("deno run jsr:@vouch/vouch … runs the CLI from the published package", async () => {
  const files = await publishedFiles();
  for (const f of ["mod.ts", "main.ts", "deno.json", "src/cli/main.ts", "src/cli/io.ts"]) {
    assert.ok(files.includes(f), `the package lacks ${f}`);
  }
  const dir = await Deno.makeTempDir({ prefix: "vouch-jsr-" });
  const registry = join(dir, "registry");
  const denoDir = join(dir, "deno-dir");
  await buildJsrRegistry(registry, {
    name: config.name,
    version: config.version,
    exports: config.exports,
    imports: config.imports,
    root: REPO_ROOT,
    files,
  });
  // The npm dependencies, from this machine's cache, in a DENO_DIR of the test's own.
  for (const spec of Object.values(config.imports as Record<string, string>)) {
    const name = /^npm:\/?((?:@[^/]+\/)?[^@/]+)@/.exec(spec)?.[1];
    if (name === undefined) continue; // not an npm package
    const from = join(await npmCache(), "registry.npmjs.org", name);
    await copyDir(from, join(denoDir, "npm", "registry.npmjs.org", name));
  }
  const server = new Deno.Command(Deno.execPath(), {
    args: [
      ...["run", "--quiet", "--allow-net=127.0.0.1", `--allow-read=${registry}`],
      ...[`${REPO_ROOT}/tests/_jsr_registry.ts`, registry],
    ],
    stdin: "null",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const reader = server.stdout.pipeThrough(new TextDecoderStream()).getReader();
  try {
    let port = "";
    while (!port.includes("\n")) {
      const { value, done } = await reader.read();
      if (done) throw new Error("the registry server exited");
      port += value;
    }
    const host = `127.0.0.1:${port.trim()}`;
    const run = (specifier: string, args: string[]) =>
      runVouch(args, {
        entry: specifier,
        cwd: dir,
        env: { JSR_URL: `http://${host}/`, DENO_DIR: denoDir },
        denoFlags: [`--allow-import=${host}`],
      });
    const version = await run("jsr:@vouch/vouch", ["--version"]);
    assert.equal(version.code, 0, version.stderr);
    assert.equal(version.stdout, `vouch ${VERSION}\n`);
    const cli = await run(`jsr:@vouch/vouch@${config.version}/cli`, ["--version"]);
    assert.equal(cli.stdout, `vouch ${VERSION}\n`, cli.stderr);
    // A real command through the whole module graph (manifests, TOML via npm, SBOM).
    const sbom = await run("jsr:@vouch/vouch", [
      ...["sbom", "--project-root", `${REPO_ROOT}/fixtures/demo`, "--format", "spdx"],
    ]);
    assert.equal(sbom.code, 0, sbom.stderr);
    assert.equal(JSON.parse(sbom.stdout).spdxVersion, "SPDX-2.3");
  } finally {
    await reader.cancel();
    server.kill();
    await server.status;
    await Deno.remove(dir, { recursive: true });
  }
});
