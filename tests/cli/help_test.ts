// Every flag a command accepts is documented in its help text, every documented
// flag exists, and MAIN_HELP lists every command.
import assert from "node:assert/strict";
import {
  ATTEST_HELP,
  KEYGEN_HELP,
  MAIN_HELP,
  SBOM_HELP,
  VERIFY_BUNDLE_HELP,
  VERIFY_HELP,
} from "../../src/cli/help.ts";
import { runCli } from "../../src/cli/main.ts";
import { fakeIo } from "./_fake_io.ts";

const HELP_OF: Record<string, string> = {
  attest: ATTEST_HELP,
  sbom: SBOM_HELP,
  keygen: KEYGEN_HELP,
  verify: VERIFY_HELP,
  verify_bundle: VERIFY_BUNDLE_HELP,
};

function source(path: string): string {
  return Deno.readTextFileSync(new URL(`../../src/cli/${path}`, import.meta.url));
}

/**
 * The flags declared in the `*_FLAGS: FlagSpec[]` array of a command module
 * (a `...SIGSTORE_FLAGS` spread brings in the shared array of _sigstore_flags.ts).
 */
function declaredFlags(command: string): { name: string; choices: string[] }[] {
  const flagsIn = (file: string): string => {
    const block = /_FLAGS: FlagSpec\[\] = \[([\s\S]*?)\n\];/.exec(source(file));
    assert.ok(block, `${file}: FLAGS array not found`);
    return block[1];
  };
  let text = flagsIn(`${command}_command.ts`);
  if (text.includes("...SIGSTORE_FLAGS")) text += flagsIn("_sigstore_flags.ts");
  return [...text.matchAll(/\{ name: "([a-z-]+)"[^}]*\}/g)].map((m) => ({
    name: m[1],
    choices: [...(/choices: \[([^\]]*)\]/.exec(m[0])?.[1] ?? "").matchAll(/"([^"]+)"/g)].map(
      (c) => c[1],
    ),
  }));
}

function documentedFlags(help: string): string[] {
  return [...new Set([...help.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]))];
}

Deno.test("every declared flag appears in its command's help, with its choices", () => {
  for (const [command, help] of Object.entries(HELP_OF)) {
    const flags = declaredFlags(command);
    assert.ok(flags.length >= 4, `${command}: ${flags.length} flags`);
    for (const { name, choices } of flags) {
      assert.match(help, new RegExp(`^\\s+--${name}\\b`, "m"), `${command} --${name}`);
      for (const choice of choices) {
        assert.ok(help.includes(choice), `${command} --${name} ${choice}`);
      }
    }
  }
});

Deno.test("every flag a help text mentions exists", () => {
  for (const [command, help] of Object.entries(HELP_OF)) {
    const declared = declaredFlags(command).map((f) => f.name);
    for (const flag of documentedFlags(help)) {
      assert.ok(declared.includes(flag), `${command} help mentions --${flag}`);
    }
  }
});

Deno.test("MAIN_HELP lists every command, and each one's --help works", async () => {
  const list = /const COMMANDS = \[([^\]]*)\]/.exec(source("main.ts"));
  assert.ok(list, "COMMANDS not found in main.ts");
  const commands = [...list[1].matchAll(/"([a-z-]+)"/g)].map((m) => m[1]);
  assert.deepEqual(commands.toSorted(), [
    "attest",
    "keygen",
    "sbom",
    "supply-chain",
    "verify",
    "verify-bundle",
  ]);
  for (const command of commands) {
    assert.match(MAIN_HELP, new RegExp(`^  vouch ${command}\\b`, "m"), command);
  }
  const listed = [...MAIN_HELP.matchAll(/^ {2}vouch ([a-z][a-z-]*)/gm)].map((m) => m[1]);
  assert.deepEqual([...new Set(listed)].toSorted(), commands.toSorted(), "no extra command listed");
  for (
    const [argv, help] of [
      [["attest", "--help"], ATTEST_HELP],
      [["supply-chain", "attest", "--help"], ATTEST_HELP],
      [["sbom", "--help"], SBOM_HELP],
      [["keygen", "--help"], KEYGEN_HELP],
      [["verify", "--help"], VERIFY_HELP],
      [["verify-bundle", "--help"], VERIFY_BUNDLE_HELP],
      [["--help"], MAIN_HELP],
      [["help"], MAIN_HELP],
      [["-h"], MAIN_HELP],
    ] as const
  ) {
    const io = fakeIo();
    assert.equal(await runCli([...argv], io), 0, argv.join(" "));
    assert.equal(io.out, help, argv.join(" "));
  }
  const bare = fakeIo();
  assert.equal(await runCli([], bare), 2, "no command is a usage error");
  assert.equal(bare.out, MAIN_HELP);
});

Deno.test("help texts end with one newline", () => {
  for (const help of [MAIN_HELP, ...Object.values(HELP_OF)]) {
    assert.ok(help.endsWith("\n") && !help.endsWith("\n\n"));
  }
});
