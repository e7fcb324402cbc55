/**
 * The command-line program: drops the network permission (kept only for
 * `attest --keyless`), dispatches to one module per command (loaded on
 * demand, so a command pays only for what it uses), renders errors, and maps
 * outcomes to exit codes (0 passed, 1 blocked / failed check, 2 usage or
 * input error, 3 internal failure).
 *
 * @module
 */
import { isVouchError, type Problem, VouchError } from "../errors.ts";
import { VERSION } from "../version.ts";
import { loadNonBlockingOpen } from "../_fs.ts";
import { toJsonText } from "../_util.ts";
import { terminalText } from "../_markdown.ts";
import { suggest } from "./args.ts";
import { isShowable } from "./secrets.ts";
import { type CliIo, EXIT } from "./io.ts";

export { type CliIo, EXIT } from "./io.ts";

const COMMANDS = ["attest", "supply-chain", "verify", "verify-bundle", "keygen", "sbom", "help"];

/** The words given as a command, quoted; not shown when one may be a secret passed by mistake. */
function shownWord(word: string): string {
  return word.split(" ").every(isShowable)
    ? JSON.stringify(word)
    : "(not shown: it may be a secret)";
}

function unknownCommand(command: string): VouchError {
  const guess = suggest(command.replace(/^-+/, ""), COMMANDS);
  return new VouchError(
    "args.unknown_command",
    `unknown command ${shownWord(command)}`,
    guess ? `did you mean ${guess}? (see vouch --help)` : "see vouch --help",
  );
}

/** The help texts, loaded when a help is shown (a run that shows none never pays for them). */
function helpTexts(): Promise<typeof import("./help.ts")> {
  return import("./help.ts");
}

/** `vouch help [COMMAND]`: the help of a command (the main help without one). */
async function help(argv: string[], io: CliIo): Promise<number> {
  const rest = argv.filter((a) => a !== "--help" && a !== "-h");
  const name = rest.join(" ").replace(/^supply-chain attest$/, "supply-chain");
  const { COMMAND_HELP, MAIN_HELP } = await helpTexts();
  if (rest.length === 0) io.stdout(MAIN_HELP);
  else if (Object.hasOwn(COMMAND_HELP, name)) io.stdout(COMMAND_HELP[name]);
  else throw unknownCommand(name);
  return EXIT.ok;
}

/** Loads the module of a command and runs it. */
async function dispatch(command: string, rest: string[], io: CliIo): Promise<number> {
  switch (command) {
    case "attest":
      return await (await import("./attest_command.ts")).run(rest, io);
    case "supply-chain":
      if (rest[0] === "attest") {
        return await (await import("./attest_command.ts")).run(rest.slice(1), io);
      }
      if (rest[0] === undefined || ["--help", "-h", "help"].includes(rest[0])) {
        io.stdout((await helpTexts()).COMMAND_HELP["supply-chain"]);
        return rest[0] === undefined ? EXIT.usage : EXIT.ok;
      }
      throw new VouchError(
        "args.unknown_command",
        `unknown command: supply-chain ${shownWord(rest[0])}`,
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
  throw unknownCommand(command);
}

/**
 * Whether a run may keep the network: only `attest --keyless` (whose command
 * drops it too when its parsed flags are not keyless).
 */
function mayUseNetwork(argv: string[]): boolean {
  const attest = argv[0] === "attest" || (argv[0] === "supply-chain" && argv[1] === "attest");
  return attest && argv.some((a) => a === "--keyless" || a === "--keyless=true");
}

function wantsJson(argv: string[]): boolean {
  const i = argv.indexOf("--format");
  return argv.includes("--format=json") || (i !== -1 && argv[i + 1] === "json");
}

/** Writes an error (and its GitHub Actions annotations, loaded only for an error). */
async function renderError(
  problem: Problem,
  argv: string[],
  io: CliIo,
  exitCode: number,
): Promise<number> {
  // The message may quote a file's bytes: its controls are shown escaped, never sent raw.
  io.stderr(terminalText(`error[${problem.code}]: ${problem.message}\n  hint: ${problem.hint}\n`));
  if (wantsJson(argv)) io.stdout(toJsonText({ passed: false, errors: [problem] }));
  const [word, sub] = argv;
  const command = !COMMANDS.includes(word) || word === "help"
    ? undefined
    : word === "supply-chain" && sub === "attest"
    ? "supply-chain attest"
    : word;
  const github = { env: io.env, appendFile: io.appendTextFile };
  const { publishErrorToGithubActions } = await import("./github_actions.ts");
  for (const line of publishErrorToGithubActions(problem, github, { command, exitCode })) {
    io.stderr(`${line}\n`);
  }
  return exitCode;
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
    if (!mayUseNetwork(argv)) io.revokeNetwork();
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h") {
      io.stdout((await helpTexts()).MAIN_HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === "help") return await help(rest, io);
    if (command === "--version" || command === "-V") {
      io.stdout(`vouch ${VERSION}\n`);
      return EXIT.ok;
    }
    if (
      (command !== "sbom" && command !== "verify-bundle") ||
      io.env.GITHUB_OUTPUT !== undefined || io.env.GITHUB_STEP_SUMMARY !== undefined
    ) {
      // Every open non-blocking (it costs start-up time, which the other commands spend on
      // `node:` modules anyway); `sbom -o` loads it before it writes.
      await loadNonBlockingOpen();
    }
    return await dispatch(command, rest, io);
  } catch (error) {
    if (isVouchError(error)) return await renderError(error.toProblem(), argv, io, EXIT.usage);
    const message = error instanceof Error ? error.message : String(error);
    await renderError(
      {
        code: "internal",
        message: `unexpected failure: ${message}`,
        hint: "please report this with the command you ran",
      },
      argv,
      io,
      EXIT.internal,
    );
    if (io.env.VOUCH_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return EXIT.internal;
  }
}
