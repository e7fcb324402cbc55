/**
 * `vouch sbom`: one SBOM of the project on stdout.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { describeFsProblem, fsProblem, loadNonBlockingOpen, writeRegularFileSync } from "../_fs.ts";
import { sourceDateEpoch } from "../provenance/context.ts";
import { TOOL } from "../version.ts";
import { readInventory } from "../inventory/mod.ts";
import { jsonTextChunks } from "../_util.ts";
import { type FlagSpec, listFlag, noPositionals, parseArgs, stringFlag } from "./args.ts";
import { type CliIo, EXIT } from "./io.ts";
import { warningLines } from "./github_actions.ts";

const SBOM_FLAGS: FlagSpec[] = [
  { name: "project-root", type: "string" },
  { name: "lockfile", type: "list" },
  { name: "release", type: "string" },
  { name: "exclude", type: "list" },
  {
    name: "format",
    type: "string",
    choices: ["spdx", "cyclonedx", "spdx-json", "cyclonedx-json"],
  },
  { name: "output", type: "string", short: "o" },
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
  const args = parseArgs(argv, SBOM_FLAGS);
  if (args.flags.help) {
    io.stdout((await import("./help.ts")).SBOM_HELP);
    return EXIT.ok;
  }
  const fixed = sourceDateEpoch(io.env);
  const inventory = await readInventory(
    projectRoot(args.positionals, stringFlag(args, "project-root")),
    {
      lockfiles: listFlag(args, "lockfile"),
      release: stringFlag(args, "release"),
      exclude: listFlag(args, "exclude"),
      onWarning: (message) => {
        for (const line of warningLines(message, io.env)) io.stderr(`${line}\n`);
      },
    },
  );
  const options = {
    created: fixed ?? new Date(),
    reproducible: fixed !== undefined,
    tool: TOOL,
  };
  const format = stringFlag(args, "format") ?? "cyclonedx";
  // Only the writer asked for is loaded.
  const doc = format.startsWith("spdx")
    ? await (await import("../sbom/spdx.ts")).toSpdx(inventory, options)
    : await (await import("../sbom/cyclonedx.ts")).toCycloneDx(inventory, options);
  const output = stringFlag(args, "output");
  // Written in chunks when large: such an SBOM is never one string (see jsonTextChunks).
  if (output === undefined || output === "-") {
    for (const chunk of jsonTextChunks(doc)) io.stdout(chunk);
  } else {
    await loadNonBlockingOpen();
    writeOutput(output, jsonTextChunks(doc));
  }
  return EXIT.ok;
}

/**
 * The project to read: `vouch sbom DIR` (as syft and cdxgen take it) or
 * `--project-root DIR`, not both; default `.`.
 */
function projectRoot(positionals: string[], flag: string | undefined): string {
  if (positionals.length === 0) return flag ?? ".";
  noPositionals(positionals.slice(1), "sbom");
  if (flag !== undefined) {
    throw new VouchError(
      "args.conflict",
      "vouch sbom takes the project folder once: as DIR or as --project-root, not both",
      "drop one of them",
    );
  }
  return positionals[0];
}

/**
 * Writes the SBOM to `-o FILE`, replacing the file; a coded error when it
 * cannot (a FIFO or device there is refused, never waited on).
 */
function writeOutput(path: string, text: Iterable<string>): void {
  try {
    writeRegularFileSync(path, text);
  } catch (error) {
    const problem = fsProblem(error);
    const why = problem === undefined ? (error as Error).message : describeFsProblem(problem);
    throw new VouchError(
      "output_file.unwritable",
      `-o ${path} cannot be written: ${why}`,
      "name a file in a folder that exists and that you can write to",
    );
  }
}
