/**
 * `deno task demo`: attests the bundled example project `fixtures/demo` and
 * verifies the result, through the same CLI code path as the binary.
 *
 * @module
 */
import { runCli } from "../src/cli/main.ts";
import { denoCliIo } from "../src/cli/io.ts";

const root = new URL("../", import.meta.url).pathname;
const work = await Deno.makeTempDir({ prefix: "vouch-demo-" });
const outputDir = `${root}test_artifacts/demo`;
const env: Record<string, string> = {
  ...Deno.env.toObject(),
  VOUCH_SIGNING_KEY: "demo-hmac-secret-not-for-production",
};
const io = denoCliIo({ env, stderrIsTerminal: false });

async function step(title: string, argv: string[]): Promise<void> {
  io.stdout(`\n$ vouch ${argv.join(" ")}\n`);
  const code = await runCli(argv, io);
  if (code !== 0) {
    io.stderr(`demo: ${title} exited with ${code}\n`);
    Deno.exit(code);
  }
}

await step("keygen", ["keygen", "--algorithm", "ed25519", "--out", `${work}/release`]);
await step("attest", [
  "attest",
  "--project-root",
  `${root}fixtures/demo`,
  "--output-dir",
  outputDir,
  "--subject",
  "dist/*",
  "--release",
  "v1.0.0",
  "--repository",
  "https://github.com/example/demo-app",
  "--commit-sha",
  "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
  "--builder-id",
  "https://github.com/example/demo-app/.github/workflows/release.yml@refs/tags/v1.0.0",
  "--private-key",
  `${work}/release.key`,
]);
await step("verify", [
  "verify",
  outputDir,
  "--subject",
  `${root}fixtures/demo/dist/*`,
  "--public-key",
  `${work}/release.pub`,
  "--hmac-key-env",
  "VOUCH_SIGNING_KEY",
  "--expect-repository",
  "https://github.com/example/demo-app",
  "--expect-release",
  "v1.0.0",
]);
await Deno.remove(work, { recursive: true });
io.stdout(`\ndemo: evidence in ${outputDir}\n`);
