/**
 * `deno task demo`: attests the bundled example project `fixtures/demo` and
 * verifies the result, through the same CLI code path as the binary. The
 * signing key lives in a temporary folder that is removed whatever happens;
 * the public key stays beside the evidence, and the last line printed is a
 * command that verifies the evidence again.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { runCli } from "../src/cli/main.ts";
import { denoCliIo } from "../src/cli/io.ts";

/** The repository root, as a file path (works from a folder with spaces or `%` in its name). */
const ROOT = fileURLToPath(new URL("../", import.meta.url)).replace(/\/$/, "");
/** Where the demo writes, relative to the root. */
const OUTPUT_DIR = "test_artifacts/demo";
const PUBLIC_KEY = "test_artifacts/demo-release.pub";
const SUBJECTS = "fixtures/demo/dist/*";
const POLICY = [
  ...["--expect-repository", "https://github.com/example/demo-app"],
  ...["--expect-release", "v1.0.0"],
];

/**
 * Quotes a word for a POSIX shell when it needs it.
 *
 * @param word The word.
 * @returns The word, single-quoted unless it is made of safe characters only.
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The command that verifies the demo's evidence again, from any folder.
 *
 * @param root The repository root.
 * @returns A shell command line.
 */
export function reverifyCommand(root: string): string {
  const args = [
    ...["deno", "task", "vouch", "verify", OUTPUT_DIR, "--subject", SUBJECTS],
    ...["--public-key", PUBLIC_KEY, ...POLICY],
  ];
  return `cd ${shellQuote(root)} && ${args.map(shellQuote).join(" ")}`;
}

async function demo(): Promise<number> {
  const io = denoCliIo({
    env: { ...Deno.env.toObject(), VOUCH_SIGNING_KEY: "demo-hmac-secret-not-for-production" },
    stderrIsTerminal: false,
  });
  const step = async (argv: string[]): Promise<number> => {
    io.stdout(`\n$ vouch ${argv.map(shellQuote).join(" ")}\n`);
    const code = await runCli(argv, io);
    if (code !== 0) io.stderr(`demo: vouch ${argv[0]} exited with ${code}\n`);
    return code;
  };
  const keys = await Deno.makeTempDir({ prefix: "vouch-demo-" });
  try {
    const key = join(keys, "release");
    const outputDir = join(ROOT, OUTPUT_DIR);
    const publicKey = join(ROOT, PUBLIC_KEY);
    const steps: (() => Promise<number>)[] = [
      () => step(["keygen", "--algorithm", "ed25519", "--out", key]),
      () =>
        step([
          ...["attest", "--project-root", join(ROOT, "fixtures/demo"), "--output-dir", outputDir],
          ...["--subject", "dist/*", "--release", "v1.0.0"],
          ...["--repository", "https://github.com/example/demo-app"],
          ...["--commit-sha", "4b825dc642cb6eb9a060e54bf8d69288fbee4904"],
          ...[
            "--builder-id",
            "https://github.com/example/demo-app/.github/workflows/release.yml@refs/tags/v1.0.0",
          ],
          ...["--private-key", `${key}.key`],
        ]),
      async () => {
        // The public key outlives the temporary folder, so the evidence can be checked again.
        await Deno.copyFile(`${key}.pub`, publicKey);
        return 0;
      },
      () =>
        step([
          ...["verify", outputDir, "--subject", join(ROOT, SUBJECTS), "--public-key", publicKey],
          ...["--hmac-key-env", "VOUCH_SIGNING_KEY", ...POLICY],
        ]),
    ];
    for (const run of steps) {
      const code = await run();
      if (code !== 0) return code;
    }
  } finally {
    await Deno.remove(keys, { recursive: true });
  }
  io.stdout(
    `\ndemo: evidence in ${join(ROOT, OUTPUT_DIR)}; the signing key is deleted.\n` +
      `Verify it again (public key only) with:\n  ${reverifyCommand(ROOT)}\n`,
  );
  return 0;
}

if (import.meta.main) Deno.exit(await demo());
