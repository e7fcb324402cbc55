// Network only where it is needed: run with exactly the binary's permissions
// (which include --allow-net), every command but `attest --keyless` gives the
// permission up at start, so a fetch made after it fails; keyless keeps it.
import assert from "node:assert/strict";
import { BINARY_PERMISSIONS, CONTEXT_FLAGS, demoProject, runVouch } from "../_cli.ts";
import { REPO_ROOT } from "../_util.ts";
import { startStackServer } from "../sigstore/_mock_stack_server.ts";

Deno.test("with the binary's permissions, a fetch fails after every command but attest --keyless", async () => {
  assert.ok(BINARY_PERMISSIONS.includes("--allow-net"));
  const server = await startStackServer();
  const guard = AbortSignal.timeout(120_000); // a hang guard only
  try {
    const project = await demoProject();
    const attest = [
      ...["attest", "--project-root", project, "--output-dir", `${project}/../out`],
      ...["--subject", "dist/*", ...CONTEXT_FLAGS],
    ];
    const cases: [string[], "denied" | "granted"][] = [
      [["--version"], "denied"],
      [["verify", `${project}/../out`], "denied"],
      [["sbom", "--project-root", project], "denied"],
      [["verify-bundle", "--help"], "denied"],
      [["keygen", "--help"], "denied"],
      [["attest", "--unknown-flag"], "denied"],
      [attest, "denied"],
      [[...attest, "--keyless=false"], "denied"],
      // Keyless keeps the network (here it fails for want of a token, after the check).
      [[...attest, "--keyless"], "granted"],
    ];
    for (const [argv, state] of cases) {
      const run = await runVouch([server.url, ...argv], {
        entry: `${REPO_ROOT}/tests/cli/_network_probe.ts`,
        signal: guard,
      });
      assert.equal(run.code, 0, run.stderr);
      const probe = JSON.parse(run.stdout);
      assert.equal(
        probe.before,
        "ok",
        `${argv.join(" ")}: the binary's permissions allow the network`,
      );
      assert.equal(probe.state, state, argv.join(" "));
      assert.equal(probe.after, state === "denied" ? "NotCapable" : "ok", argv.join(" "));
    }
  } finally {
    await server.stop();
  }
});
