/**
 * `vouch attest` (and `vouch supply-chain attest`).
 *
 * @module
 */
import {
  attest,
  type AttestReport,
  DEFAULT_OUTPUT_DIR,
  DEFAULT_SIGNING_KEY_ID,
} from "../attest.ts";
import { toJsonText } from "../bundle/bundle_index.ts";
import { terminalText } from "../_markdown.ts";
import {
  type FlagSpec,
  FORMAT_MD_JSON,
  listFlag,
  noPositionals,
  parseArgs,
  rejectExpandedGlob,
  stringFlag,
} from "./args.ts";
import { type CliIo, EXIT } from "./io.ts";
import { HMAC_KEY_ENV_DEFAULTS, resolveSecret } from "./secrets.ts";
import { terminalProgress } from "./progress.ts";
import { publishToGithubActions, warningLines } from "./github_actions.ts";
import { KEYLESS_FLAGS, keylessFlags } from "./_keyless_flags.ts";

const ATTEST_FLAGS: FlagSpec[] = [
  { name: "project-root", type: "string" },
  { name: "output-dir", type: "string" },
  { name: "release", type: "string" },
  { name: "subject", type: "list", glob: true },
  { name: "lockfile", type: "list" },
  { name: "exclude", type: "list" },
  { name: "allow-unread", type: "list" },
  { name: "repository", type: "string" },
  { name: "commit-sha", type: "string" },
  { name: "builder-id", type: "string" },
  { name: "signing-key", type: "string", allowEmpty: true },
  { name: "signing-key-file", type: "string" },
  { name: "signing-key-env", type: "string" },
  { name: "signing-key-id", type: "string" },
  { name: "private-key", type: "string" },
  { name: "private-key-env", type: "string" },
  ...KEYLESS_FLAGS,
  { name: "format", type: "string", choices: FORMAT_MD_JSON },
  { name: "help", type: "boolean" },
];

/**
 * Runs the command.
 *
 * @param argv The arguments after the command words.
 * @param io Streams, environment and files.
 * @returns The exit code.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ATTEST_FLAGS);
  // Only keyless signing talks to the network; any other run gives the permission up now.
  if (args.flags.keyless !== true) io.revokeNetwork();
  if (args.flags.help) {
    io.stdout((await import("./help.ts")).ATTEST_HELP);
    return EXIT.ok;
  }
  rejectExpandedGlob(args, ATTEST_FLAGS);
  noPositionals(args.positionals, "attest");
  const lookup = { env: io.env, readTextFile: io.readTextFile };
  const hmac = resolveSecret(
    {
      value: stringFlag(args, "signing-key"),
      file: stringFlag(args, "signing-key-file"),
      envName: stringFlag(args, "signing-key-env"),
    },
    {
      ...lookup,
      names: { value: "--signing-key", file: "--signing-key-file", env: "--signing-key-env" },
      defaults: HMAC_KEY_ENV_DEFAULTS,
    },
  );
  const keyless = keylessFlags(args, io, new Date());
  const privateKey = resolveSecret(
    { file: stringFlag(args, "private-key"), envName: stringFlag(args, "private-key-env") },
    {
      ...lookup,
      names: { file: "--private-key", env: "--private-key-env" },
      defaults: ["VOUCH_PRIVATE_KEY"],
    },
  );
  for (const w of [...hmac.warnings, ...privateKey.warnings]) {
    for (const line of warningLines(w, io.env)) io.stderr(`${line}\n`);
  }
  const progress = io.stderrIsTerminal ? terminalProgress(io.stderr) : undefined;
  let report: AttestReport;
  try {
    report = await attest({
      projectRoot: stringFlag(args, "project-root") ?? ".",
      outputDir: stringFlag(args, "output-dir") ?? DEFAULT_OUTPUT_DIR,
      subjects: listFlag(args, "subject"),
      lockfiles: listFlag(args, "lockfile"),
      exclude: listFlag(args, "exclude"),
      allowUnread: listFlag(args, "allow-unread"),
      onWarning: (message) => {
        for (const line of warningLines(message, io.env)) io.stderr(`${line}\n`);
      },
      release: stringFlag(args, "release"),
      repository: stringFlag(args, "repository"),
      commitSha: stringFlag(args, "commit-sha"),
      builderId: stringFlag(args, "builder-id"),
      hmacKey: hmac.value,
      signingKeyId: stringFlag(args, "signing-key-id") ?? DEFAULT_SIGNING_KEY_ID,
      privateKeyPem: privateKey.value,
      keyless,
      env: io.env,
      onProgress: progress?.onProgress,
    });
  } finally {
    progress?.done();
  }
  const { markdown, ...json } = report;
  if (stringFlag(args, "format") === "json") io.stdout(toJsonText(json));
  else io.stdout(markdown);
  for (const b of report.blockers) {
    io.stderr(terminalText(`blocked[${b.code}]: ${b.message}\n  hint: ${b.hint}\n`));
  }
  try {
    const annotations = publishToGithubActions(report, {
      env: io.env,
      appendFile: io.appendTextFile,
    });
    for (const line of annotations) io.stderr(`${line}\n`);
  } catch (error) {
    // The evidence is written; a step-summary or output file that cannot be
    // appended to must not turn the run into a failure with a second report.
    const warning = `could not write the GitHub Actions summary or outputs: ${
      (error as Error).message
    }`;
    for (const line of warningLines(warning, io.env)) io.stderr(`${line}\n`);
  }
  return report.passed ? EXIT.ok : EXIT.blocked;
}
