/**
 * The command-line program: dispatches to one module per command (loaded on
 * demand, so a command pays only for what it uses), renders errors, and maps
 * outcomes to exit codes (0 passed, 1 blocked / failed check, 2 usage or
 * input error, 3 internal failure).
 *
 * @module
 */
import { isVouchError, type Problem, VouchError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { toJsonText } from "../bundle/bundle_index.ts";
import { suggest } from "./args.ts";
import { MAIN_HELP } from "./help.ts";
import { type CliIo, EXIT } from "./io.ts";

export { type CliIo, EXIT } from "./io.ts";

const COMMANDS = ["attest", "supply-chain", "verify", "verify-bundle", "keygen", "sbom"];

/** Loads the module of a command and runs it. */
async function dispatch(command: string, rest: string[], io: CliIo): Promise<number> {
  switch (command) {
    case "attest":
      return await (await import("./attest_command.ts")).run(rest, io);
    case "supply-chain":
      if (rest[0] === "attest") {
        return await (await import("./attest_command.ts")).run(rest.slice(1), io);
      }
      throw new VouchError(
        "args.unknown_command",
        `unknown command: supply-chain ${rest[0] ?? ""}`.trim(),
        "the only supply-chain subcommand is attest",
      );
    case "sbom":
      return await (await import("./sbom_command.ts")).run(rest, io);
    case "keygen":
      return await (await import("./keygen_command.ts")).run(rest, io);
    case "verify":
      return await (await import("./verify_command.ts")).run(rest, io);
    case "verify-bundle":
      return await (await import("./verify_bundle_command.ts")).run(rest, io);
  }
  const guess = suggest(command.replace(/^-+/, ""), COMMANDS);
  throw new VouchError(
    "args.unknown_command",
    `unknown command ${JSON.stringify(command)}`,
    guess ? `did you mean ${guess}? (see vouch --help)` : "see vouch --help",
  );
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
    return await dispatch(command, rest, io);
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
