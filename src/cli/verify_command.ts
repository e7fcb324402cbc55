/**
 * `vouch verify`: offline checks of an evidence bundle.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { renderVerifyMarkdown, verify } from "../verify/mod.ts";
import { toJsonText } from "../bundle/bundle_index.ts";
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
import { HMAC_KEY_ENV_DEFAULTS, readKeyFile, resolveSecret } from "./secrets.ts";
import { identityPolicy, SIGSTORE_FLAGS, trustedRootFlag } from "./_sigstore_flags.ts";

const VERIFY_FLAGS: FlagSpec[] = [
  { name: "subject", type: "list", glob: true },
  { name: "public-key", type: "list" },
  { name: "hmac-key-file", type: "string" },
  { name: "hmac-key-env", type: "string" },
  { name: "expect-repository", type: "string" },
  { name: "expect-commit", type: "string" },
  { name: "expect-builder", type: "string" },
  { name: "expect-release", type: "string" },
  { name: "require-signature", type: "boolean" },
  ...SIGSTORE_FLAGS,
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
  const args = parseArgs(argv, VERIFY_FLAGS);
  if (args.flags.help) {
    io.stdout((await import("./help.ts")).VERIFY_HELP);
    return EXIT.ok;
  }
  rejectExpandedGlob(args, VERIFY_FLAGS);
  const [dir, ...extra] = args.positionals;
  if (dir === undefined) {
    throw new VouchError(
      "args.missing.dir",
      "vouch verify needs the bundle directory",
      "e.g. vouch verify test_artifacts/supply-chain/current",
    );
  }
  noPositionals(extra, "verify");
  const hmac = resolveSecret(
    { file: stringFlag(args, "hmac-key-file"), envName: stringFlag(args, "hmac-key-env") },
    {
      env: io.env,
      readTextFile: io.readTextFile,
      names: { file: "--hmac-key-file", env: "--hmac-key-env" },
      defaults: HMAC_KEY_ENV_DEFAULTS,
    },
  );
  const publicKeys = listFlag(args, "public-key").map((path) =>
    readKeyFile(path, { flag: "--public-key", codes: "verify.key", readTextFile: io.readTextFile })
  );
  const report = await verify(dir, {
    subjects: listFlag(args, "subject"),
    publicKeys,
    hmacKey: hmac.value,
    expect: {
      repository: stringFlag(args, "expect-repository"),
      commit: stringFlag(args, "expect-commit"),
      builder: stringFlag(args, "expect-builder"),
      release: stringFlag(args, "expect-release"),
    },
    requireSignature: args.flags["require-signature"] !== false,
    sigstore: { identity: await identityPolicy(args), trustedRoot: trustedRootFlag(args, io) },
  });
  io.stdout(
    stringFlag(args, "format") === "json" ? toJsonText(report) : renderVerifyMarkdown(report),
  );
  return report.passed ? EXIT.ok : EXIT.blocked;
}
