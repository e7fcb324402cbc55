// Every flag a command accepts is documented in its help text, every documented
// flag exists, and MAIN_HELP lists every command.
import assert from "node:assert/strict";
import {
  ATTEST_HELP,
  COMMAND_HELP,
  KEYGEN_HELP,
  MAIN_HELP,
  SBOM_HELP,
  SUPPLY_CHAIN_HELP,
  VERIFY_BUNDLE_HELP,
  VERIFY_HELP,
} from "../../src/cli/help.ts";
import { runCli } from "../../src/cli/main.ts";
import { fakeIo } from "./_fake_io.ts";
import { MAX_DEPTH, SKIPPED_FOLDERS, SKIPPED_PATHS } from "../../src/inventory/_scan.ts";

/** Every command, sorted. */
const COMMANDS = ["attest", "help", "keygen", "sbom", "supply-chain", "verify", "verify-bundle"];

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
 * (a `...SIGSTORE_FLAGS` / `...KEYLESS_FLAGS` spread brings in the shared array of
 * _sigstore_flags.ts / _keyless_flags.ts).
 */
function declaredFlags(command: string): { name: string; choices: string[] }[] {
  const flagsIn = (file: string): string => {
    const block = /_FLAGS: FlagSpec\[\] = \[([\s\S]*?)\n\];/.exec(source(file));
    assert.ok(block, `${file}: FLAGS array not found`);
    return block[1];
  };
  let text = flagsIn(`${command}_command.ts`);
  if (text.includes("...SIGSTORE_FLAGS")) text += flagsIn("_sigstore_flags.ts");
  if (text.includes("...KEYLESS_FLAGS")) text += flagsIn("_keyless_flags.ts");
  return [...text.matchAll(/\{\s*name: "([a-z-]+)"[^}]*\}/g)].map((m) => ({
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
  assert.deepEqual(commands.toSorted(), COMMANDS);
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

Deno.test("vouch help COMMAND, COMMAND --help and COMMAND -h print the same help, exit 0", async () => {
  assert.deepEqual(Object.keys(COMMAND_HELP).toSorted(), COMMANDS);
  for (const [command, help] of Object.entries(COMMAND_HELP)) {
    const words = command === "supply-chain" ? [command, "attest"] : [command];
    for (
      const argv of [["help", command], [...words, "--help"], [...words, "-h"], ["help", ...words]]
    ) {
      const io = fakeIo();
      assert.equal(await runCli(argv, io), 0, argv.join(" "));
      const expected = command === "supply-chain" && argv.includes("attest") && argv[0] !== "help"
        ? ATTEST_HELP // `vouch supply-chain attest --help` is attest's own parser
        : help;
      assert.equal(io.out, expected, argv.join(" "));
      assert.equal(io.err, "", argv.join(" "));
    }
  }
  // -h among other flags, as --help is.
  const io = fakeIo();
  assert.equal(await runCli(["verify", "evidence", "-h"], io), 0);
  assert.equal(io.out, VERIFY_HELP);
});

Deno.test("vouch supply-chain --help / -h / help show the attest help under the dpone spelling", async () => {
  assert.match(SUPPLY_CHAIN_HELP, /^Usage: vouch supply-chain attest \[flags\]\n/);
  assert.ok(SUPPLY_CHAIN_HELP.endsWith(ATTEST_HELP.slice(ATTEST_HELP.indexOf("\n\n") + 2)));
  for (
    const argv of [["supply-chain", "--help"], ["supply-chain", "-h"], ["supply-chain", "help"]]
  ) {
    const io = fakeIo();
    assert.equal(await runCli(argv, io), 0, argv.join(" "));
    assert.equal(io.out, SUPPLY_CHAIN_HELP);
  }
  const bare = fakeIo();
  assert.equal(await runCli(["supply-chain"], bare), 2, "no subcommand is a usage error");
  assert.equal(bare.out, SUPPLY_CHAIN_HELP);
});

Deno.test("vouch help with an unknown command is a usage error with a suggestion", async () => {
  for (
    const [name, hint] of [["atest", /did you mean attest\?/], ["constructor", /see vouch --help/]]
  ) {
    const io = fakeIo();
    assert.equal(await runCli(["help", name as string], io), 2);
    assert.match(io.err, /^error\[args\.unknown_command\]/);
    assert.match(io.err, hint as RegExp);
    assert.equal(io.out, "");
  }
  const typo = fakeIo();
  assert.equal(await runCli(["hlep"], typo), 2);
  assert.match(typo.err, /did you mean help\?/);
});

Deno.test("every evidence file is named in attest --help and the README file table; the README report has every field", async () => {
  const { FILES } = await import("../../src/bundle/bundle_index.ts");
  const readme = Deno.readTextFileSync(new URL("../../README.md", import.meta.url));
  const table = readme.split("### Output files")[1].split("\n\n").find((p) => p.startsWith("|"))!;
  const rows = [...table.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]);
  for (const file of Object.values(FILES)) {
    assert.ok(ATTEST_HELP.includes(file), `attest --help: ${file}`);
    assert.ok(rows.includes(file), `README file table: ${file}`);
  }
  assert.equal(rows.length, Object.values(FILES).length, "no extra row");
  // The JSON report example: every field of AttestReport except the Markdown text.
  const example = /The JSON report:\n\n```json\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(example, "README: no JSON report example");
  const documented = Object.keys(JSON.parse(example[1].replaceAll("…", ""))).toSorted();
  const source = Deno.readTextFileSync(new URL("../../src/attest.ts", import.meta.url));
  const body = /export interface AttestReport \{([\s\S]*?)\n\}/.exec(source)![1];
  const fields = [...body.matchAll(/^ {2}([a-z_0-9]+): /gm)].map((m) => m[1]);
  assert.deepEqual(documented, fields.filter((f) => f !== "markdown").toSorted());
});

Deno.test("the help of the scanning commands lists the folders the scan skips by default", () => {
  for (const help of [ATTEST_HELP, SBOM_HELP]) {
    for (const folder of [...SKIPPED_FOLDERS, ...SKIPPED_PATHS]) {
      assert.ok(help.includes(folder), folder);
    }
    assert.ok(help.includes(`${MAX_DEPTH} levels deep`));
    assert.ok(help.includes("hidden folders"));
    assert.ok(help.includes("256 MiB"));
  }
});
