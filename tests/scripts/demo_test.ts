// scripts/demo.ts: runs from a checkout in a folder with spaces, removes its
// temporary signing key whatever happens, and prints a command that verifies
// its evidence again.
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO_ROOT, withTempDir } from "../_util.ts";
import { copyDir, runCommand } from "../_cli.ts";
import { reverifyCommand, shellQuote } from "../../scripts/demo.ts";

Deno.test("shellQuote: safe words as they are, the rest single-quoted", () => {
  assert.equal(shellQuote("test_artifacts/demo"), "test_artifacts/demo");
  assert.equal(shellQuote("https://github.com/x/y"), "https://github.com/x/y");
  assert.equal(shellQuote("fixtures/demo/dist/*"), "'fixtures/demo/dist/*'");
  assert.equal(shellQuote("/tmp/my checkout"), "'/tmp/my checkout'");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
  assert.equal(shellQuote(""), "''");
});

Deno.test("reverifyCommand: cd into the checkout, then deno task vouch verify", () => {
  assert.equal(
    reverifyCommand("/tmp/a b"),
    "cd '/tmp/a b' && deno task vouch verify test_artifacts/demo --subject 'fixtures/demo/dist/*'" +
      " --public-key test_artifacts/demo-release.pub" +
      " --expect-repository https://github.com/example/demo-app --expect-release v1.0.0",
  );
});

async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const path = join(dir, entry.name);
    out.push(path);
    if (entry.isDirectory) out.push(...await listTree(path));
  }
  return out;
}

function shell(
  command: string,
  options: { cwd: string; env: Record<string, string> },
): ReturnType<typeof runCommand> {
  return runCommand("bash", ["-c", command], options);
}

Deno.test("deno task demo from a checkout whose path has spaces: evidence, no key left, re-verifiable", async () => {
  await withTempDir(async (base) => {
    const checkout = join(base, "my vouch checkout");
    await Deno.mkdir(checkout);
    for (const file of ["deno.json", "deno.lock", "main.ts", "mod.ts"]) {
      await Deno.copyFile(join(REPO_ROOT, file), join(checkout, file));
    }
    for (const dir of ["src", "scripts", "fixtures/demo"]) {
      await copyDir(join(REPO_ROOT, dir), join(checkout, dir));
    }
    const tmp = join(base, "tmp dir");
    await Deno.mkdir(tmp);
    const demo = await shell("deno task demo", { cwd: checkout, env: { TMPDIR: tmp } });
    assert.equal(demo.code, 0, demo.stdout + demo.stderr);
    assert.deepEqual(await listTree(tmp), [], "the temporary signing key is removed");
    const files = await listTree(checkout);
    assert.ok(!files.some((f) => f.endsWith(".key")), "no private key left in the checkout");
    assert.ok(files.includes(join(checkout, "test_artifacts/demo/provenance.sigstore.json")));
    assert.ok(files.includes(join(checkout, "test_artifacts/demo-release.pub")));

    // The printed command verifies the evidence again, from anywhere, without the HMAC secret.
    const lines = demo.stdout.trimEnd().split("\n");
    const command = lines[lines.length - 1].trim();
    assert.equal(command, reverifyCommand(checkout));
    const again = await shell(command, { cwd: base, env: {} });
    assert.equal(again.code, 0, again.stdout + again.stderr);
    assert.match(again.stdout, /^# vouch verify: PASSED$/m);

    // A failing step still removes the key, and the demo exits with the step's code.
    await Deno.remove(join(checkout, "fixtures/demo/dist"), { recursive: true });
    const failed = await shell("deno task demo", { cwd: checkout, env: { TMPDIR: tmp } });
    assert.equal(failed.code, 2, failed.stdout + failed.stderr);
    assert.match(failed.stderr, /demo: vouch attest exited with 2/);
    assert.deepEqual(await listTree(tmp), []);
  }, { prefix: "vouch-demo-test-" });
});
