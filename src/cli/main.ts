/**
 * The command-line program: parses flags, calls the library, renders the
 * result, and maps outcomes to exit codes (0 passed, 1 blocked / failed
 * check, 2 usage or input error).
 *
 * @module
 */
import { isVouchError, type Problem, VouchError } from "../errors.ts";
import { TOOL, VERSION } from "../version.ts";
import {
  attest,
  type AttestReport,
  DEFAULT_OUTPUT_DIR,
  DEFAULT_SIGNING_KEY_ID,
  sourceDateEpoch,
} from "../attest.ts";
import { readInventory } from "../inventory/mod.ts";
import { toCycloneDx, toSpdx } from "../sbom/mod.ts";
import { writeKeyPair } from "../signing/mod.ts";
import { toJsonText } from "../bundle/bundle_index.ts";
import type { Env } from "../provenance/context.ts";
import { type FlagSpec, parseArgs, type ParsedArgs, suggest } from "./args.ts";
import { ATTEST_HELP, KEYGEN_HELP, MAIN_HELP, SBOM_HELP, VERIFY_HELP } from "./help.ts";
import { renderVerifyMarkdown, verify } from "../verify/mod.ts";
import { resolveSecret } from "./secrets.ts";
import { terminalProgress } from "./progress.ts";
import { publishToGithubActions } from "./github_actions.ts";

/** What the program may touch: output streams, environment, files. */
export interface CliIo {
  /** Writes to stdout. */
  stdout: (text: string) => void;
  /** Writes to stderr. */
  stderr: (text: string) => void;
  /** The environment. */
  env: Env;
  /** Whether stderr is an interactive terminal. */
  stderrIsTerminal: boolean;
  /** Reads a text file. */
  readTextFile: (path: string) => string;
  /** Appends text to a file (GitHub Actions' step summary and outputs). */
  appendTextFile: (path: string, text: string) => void;
}

/** Exit codes. */
export const EXIT = { ok: 0, blocked: 1, usage: 2, internal: 3 } as const;

const FORMAT_MD_JSON = ["md", "json"] as const;

const ATTEST_FLAGS: FlagSpec[] = [
  { name: "project-root", type: "string" },
  { name: "output-dir", type: "string" },
  { name: "release", type: "string" },
  { name: "subject", type: "list" },
  { name: "lockfile", type: "list" },
  { name: "repository", type: "string" },
  { name: "commit-sha", type: "string" },
  { name: "builder-id", type: "string" },
  { name: "signing-key", type: "string" },
  { name: "signing-key-file", type: "string" },
  { name: "signing-key-env", type: "string" },
  { name: "signing-key-id", type: "string" },
  { name: "private-key", type: "string" },
  { name: "private-key-env", type: "string" },
  { name: "format", type: "string", choices: FORMAT_MD_JSON },
  { name: "help", type: "boolean" },
];

const SBOM_FLAGS: FlagSpec[] = [
  { name: "project-root", type: "string" },
  { name: "lockfile", type: "list" },
  { name: "release", type: "string" },
  { name: "format", type: "string", choices: ["spdx", "cyclonedx"] },
  { name: "help", type: "boolean" },
];

const KEYGEN_FLAGS: FlagSpec[] = [
  { name: "algorithm", type: "string", choices: ["ed25519", "ecdsa-p256"] },
  { name: "out", type: "string" },
  { name: "format", type: "string", choices: ["text", "json"] },
  { name: "help", type: "boolean" },
];

const VERIFY_FLAGS: FlagSpec[] = [
  { name: "subject", type: "list" },
  { name: "public-key", type: "list" },
  { name: "hmac-key-file", type: "string" },
  { name: "hmac-key-env", type: "string" },
  { name: "expect-repository", type: "string" },
  { name: "expect-commit", type: "string" },
  { name: "expect-builder", type: "string" },
  { name: "expect-release", type: "string" },
  { name: "require-signature", type: "boolean" },
  { name: "format", type: "string", choices: FORMAT_MD_JSON },
  { name: "help", type: "boolean" },
];

const COMMANDS = ["attest", "supply-chain", "verify", "keygen", "sbom"];

function str(args: ParsedArgs, name: string): string | undefined {
  return args.flags[name] as string | undefined;
}

function list(args: ParsedArgs, name: string): string[] {
  return (args.flags[name] as string[] | undefined) ?? [];
}

function noPositionals(args: ParsedArgs, command: string): void {
  if (args.positionals.length > 0) {
    throw new VouchError(
      "args.unexpected_argument",
      `vouch ${command} takes no argument ${JSON.stringify(args.positionals[0])}`,
      "flags take the form --name VALUE (see --help)",
    );
  }
}

async function runAttest(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, ATTEST_FLAGS);
  if (args.flags.help) {
    io.stdout(ATTEST_HELP);
    return EXIT.ok;
  }
  noPositionals(args, "attest");
  const lookup = { env: io.env, readTextFile: io.readTextFile };
  const hmac = resolveSecret(
    {
      value: str(args, "signing-key"),
      file: str(args, "signing-key-file"),
      envName: str(args, "signing-key-env"),
    },
    {
      ...lookup,
      names: { value: "--signing-key", file: "--signing-key-file", env: "--signing-key-env" },
      defaults: ["VOUCH_SIGNING_KEY", "DPONE_LOCAL_ATTESTATION_KEY"],
    },
  );
  const privateKey = resolveSecret(
    { file: str(args, "private-key"), envName: str(args, "private-key-env") },
    {
      ...lookup,
      names: { file: "--private-key", env: "--private-key-env" },
      defaults: ["VOUCH_PRIVATE_KEY"],
    },
  );
  for (const w of [...hmac.warnings, ...privateKey.warnings]) io.stderr(`warning: ${w}\n`);
  const progress = io.stderrIsTerminal ? terminalProgress(io.stderr) : undefined;
  let report: AttestReport;
  try {
    report = await attest({
      projectRoot: str(args, "project-root") ?? ".",
      outputDir: str(args, "output-dir") ?? DEFAULT_OUTPUT_DIR,
      subjects: list(args, "subject"),
      lockfiles: list(args, "lockfile"),
      release: str(args, "release"),
      repository: str(args, "repository"),
      commitSha: str(args, "commit-sha"),
      builderId: str(args, "builder-id"),
      hmacKey: hmac.value,
      signingKeyId: str(args, "signing-key-id") ?? DEFAULT_SIGNING_KEY_ID,
      privateKeyPem: privateKey.value,
      env: io.env,
      onProgress: progress?.onProgress,
    });
  } finally {
    progress?.done();
  }
  const { markdown, ...json } = report;
  if (str(args, "format") === "json") io.stdout(toJsonText(json));
  else io.stdout(markdown);
  for (const b of report.blockers) {
    io.stderr(`blocked[${b.code}]: ${b.message}\n  hint: ${b.hint}\n`);
  }
  for (
    const line of publishToGithubActions(report, { env: io.env, appendFile: io.appendTextFile })
  ) {
    io.stderr(`${line}\n`);
  }
  return report.passed ? EXIT.ok : EXIT.blocked;
}

async function runSbom(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, SBOM_FLAGS);
  if (args.flags.help) {
    io.stdout(SBOM_HELP);
    return EXIT.ok;
  }
  noPositionals(args, "sbom");
  const fixed = sourceDateEpoch(io.env);
  const inventory = await readInventory(str(args, "project-root") ?? ".", {
    lockfiles: list(args, "lockfile"),
    release: str(args, "release"),
  });
  const options = {
    created: fixed ?? new Date(),
    reproducible: fixed !== undefined,
    tool: TOOL,
  };
  const doc = str(args, "format") === "spdx"
    ? toSpdx(inventory, options)
    : toCycloneDx(inventory, options);
  io.stdout(toJsonText(doc));
  return EXIT.ok;
}

async function runKeygen(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, KEYGEN_FLAGS);
  if (args.flags.help) {
    io.stdout(KEYGEN_HELP);
    return EXIT.ok;
  }
  noPositionals(args, "keygen");
  const out = str(args, "out");
  if (out === undefined) {
    throw new VouchError(
      "args.missing.out",
      "vouch keygen needs --out PREFIX",
      "e.g. --out release-signing",
    );
  }
  const algorithm = (str(args, "algorithm") ?? "ed25519") as "ed25519" | "ecdsa-p256";
  const written = await writeKeyPair(out, { algorithm });
  if (str(args, "format") === "json") io.stdout(toJsonText({ algorithm, ...written }));
  else {
    io.stdout(
      `private key: ${written.privateKeyPath} (keep it secret)\npublic key:  ${written.publicKeyPath}\nkey id:      ${written.keyid}\n`,
    );
  }
  return EXIT.ok;
}

async function runVerify(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, VERIFY_FLAGS);
  if (args.flags.help) {
    io.stdout(VERIFY_HELP);
    return EXIT.ok;
  }
  const [dir, ...extra] = args.positionals;
  if (dir === undefined) {
    throw new VouchError(
      "args.missing.dir",
      "vouch verify needs the bundle directory",
      "e.g. vouch verify test_artifacts/supply-chain/current",
    );
  }
  noPositionals({ ...args, positionals: extra }, "verify");
  const hmac = resolveSecret(
    { file: str(args, "hmac-key-file"), envName: str(args, "hmac-key-env") },
    {
      env: io.env,
      readTextFile: io.readTextFile,
      names: { file: "--hmac-key-file", env: "--hmac-key-env" },
      defaults: ["VOUCH_SIGNING_KEY", "DPONE_LOCAL_ATTESTATION_KEY"],
    },
  );
  const publicKeys = list(args, "public-key").map((path) => {
    try {
      return io.readTextFile(path);
    } catch {
      throw new VouchError(
        "verify.key_unreadable",
        `--public-key ${path} cannot be read`,
        "pass the PREFIX.pub file written by vouch keygen",
      );
    }
  });
  const report = await verify(dir, {
    subjects: list(args, "subject"),
    publicKeys,
    hmacKey: hmac.value,
    expect: {
      repository: str(args, "expect-repository"),
      commit: str(args, "expect-commit"),
      builder: str(args, "expect-builder"),
      release: str(args, "expect-release"),
    },
    requireSignature: args.flags["require-signature"] !== false,
  });
  io.stdout(str(args, "format") === "json" ? toJsonText(report) : renderVerifyMarkdown(report));
  return report.passed ? EXIT.ok : EXIT.blocked;
}

function wantsJson(argv: string[]): boolean {
  const i = argv.indexOf("--format");
  return argv.includes("--format=json") || (i !== -1 && argv[i + 1] === "json");
}

function renderError(problem: Problem, argv: string[], io: CliIo): void {
  io.stderr(`error[${problem.code}]: ${problem.message}\n  hint: ${problem.hint}\n`);
  if (wantsJson(argv)) io.stdout(toJsonText({ passed: false, errors: [problem] }));
}

/**
 * Runs the program.
 *
 * @param argv The arguments (without the program name).
 * @param io Streams, environment and file access.
 * @returns The exit code.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.stdout(MAIN_HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === "--version" || command === "-V") {
      io.stdout(`vouch ${VERSION}\n`);
      return EXIT.ok;
    }
    switch (command) {
      case "attest":
        return await runAttest(rest, io);
      case "supply-chain":
        if (rest[0] === "attest") return await runAttest(rest.slice(1), io);
        throw new VouchError(
          "args.unknown_command",
          `unknown command: supply-chain ${rest[0] ?? ""}`.trim(),
          "the only supply-chain subcommand is attest",
        );
      case "sbom":
        return await runSbom(rest, io);
      case "keygen":
        return await runKeygen(rest, io);
      case "verify":
        return await runVerify(rest, io);
    }
    const guess = suggest(command.replace(/^-+/, ""), COMMANDS);
    throw new VouchError(
      "args.unknown_command",
      `unknown command ${JSON.stringify(command)}`,
      guess ? `did you mean ${guess}? (see vouch --help)` : "see vouch --help",
    );
  } catch (error) {
    if (isVouchError(error)) {
      renderError(error.toProblem(), argv, io);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    renderError(
      {
        code: "internal",
        message: `unexpected failure: ${message}`,
        hint: "please report this with the command you ran",
      },
      argv,
      io,
    );
    if (io.env.VOUCH_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return EXIT.internal;
  }
}
