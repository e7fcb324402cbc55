/**
 * `vouch keygen`: an Ed25519 / ECDSA P-256 key pair.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { writeKeyPair } from "../signing/mod.ts";
import { toJsonText } from "../bundle/bundle_index.ts";
import { type FlagSpec, noPositionals, parseArgs, stringFlag } from "./args.ts";
import { type CliIo, EXIT } from "./io.ts";

const KEYGEN_FLAGS: FlagSpec[] = [
  { name: "algorithm", type: "string", choices: ["ed25519", "ecdsa-p256"] },
  { name: "out", type: "string" },
  { name: "format", type: "string", choices: ["text", "json"] },
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
  const args = parseArgs(argv, KEYGEN_FLAGS);
  if (args.flags.help) {
    io.stdout((await import("./help.ts")).KEYGEN_HELP);
    return EXIT.ok;
  }
  noPositionals(args.positionals, "keygen");
  const out = stringFlag(args, "out");
  if (out === undefined) {
    throw new VouchError(
      "args.missing.out",
      "vouch keygen needs --out PREFIX",
      "e.g. --out release-signing",
    );
  }
  const algorithm = (stringFlag(args, "algorithm") ?? "ed25519") as "ed25519" | "ecdsa-p256";
  const written = await writeKeyPair(out, { algorithm });
  if (stringFlag(args, "format") === "json") io.stdout(toJsonText({ algorithm, ...written }));
  else {
    io.stdout(
      `private key: ${written.privateKeyPath} (keep it secret)\npublic key:  ${written.publicKeyPath}\nkey id:      ${written.keyid}\n`,
    );
  }
  return EXIT.ok;
}
