import assert from "node:assert/strict";
import { VouchError } from "../../src/errors.ts";
import { withTempDir } from "../_util.ts";
import {
  type FlagSpec,
  noPositionals,
  parseArgs,
  rejectExpandedGlob,
  suggest,
} from "../../src/cli/args.ts";

const SPECS: FlagSpec[] = [
  { name: "release", type: "string" },
  { name: "output-dir", type: "string" },
  { name: "subject", type: "list", glob: true },
  { name: "format", type: "string", choices: ["json", "text"] },
  { name: "ecosystem", type: "list", choices: ["npm", "pypi"] },
  { name: "sign", type: "boolean" },
  { name: "verbose", type: "boolean" },
];
const NAMES = SPECS.map((s) => s.name);

function throwsCode(fn: () => unknown, code: string, check?: (e: VouchError) => void): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VouchError, `expected a VouchError, got ${e}`);
    assert.equal(e.code, code);
    assert.ok(e.hint.length > 0);
    check?.(e);
    return true;
  });
}

Deno.test("parseArgs: --flag value and --flag=value", () => {
  assert.deepEqual(parseArgs(["--release", "v1.0.0"], SPECS), {
    flags: { release: "v1.0.0" },
    positionals: [],
    follows: [],
  });
  assert.deepEqual(parseArgs(["--release=v1.0.0"], SPECS), {
    flags: { release: "v1.0.0" },
    positionals: [],
    follows: [],
  });
  // Only the first = separates; the value keeps the rest.
  assert.equal(parseArgs(["--release=a=b"], SPECS).flags.release, "a=b");
  // An explicit empty value is an error (see "parseArgs: empty values").
  // Flags not given are absent.
  assert.equal(parseArgs([], SPECS).flags.release, undefined);
});

Deno.test("parseArgs: booleans", () => {
  assert.deepEqual(parseArgs(["--sign"], SPECS).flags, { sign: true });
  assert.deepEqual(parseArgs(["--sign=true"], SPECS).flags, { sign: true });
  assert.deepEqual(parseArgs(["--sign=false"], SPECS).flags, { sign: false });
  // A boolean does not take the next word as its value.
  assert.deepEqual(parseArgs(["--sign", "false", "x"], SPECS), {
    flags: { sign: true },
    positionals: ["false", "x"],
    follows: [undefined, undefined],
  });
  throwsCode(() => parseArgs(["--sign=yes"], SPECS), "args.invalid_value");
});

Deno.test("parseArgs: list flags accumulate in order", () => {
  const got = parseArgs([
    "--subject",
    "b.bin",
    "--subject=a.bin",
    "--release",
    "v1",
    "--subject",
    "c/*.whl",
  ], SPECS);
  assert.deepEqual(got.flags, { subject: ["b.bin", "a.bin", "c/*.whl"], release: "v1" });
});

Deno.test("parseArgs: positionals between flags, and -- ends the flags", () => {
  assert.deepEqual(parseArgs(["attest", "--verbose", "extra", "-"], SPECS), {
    flags: { verbose: true },
    positionals: ["attest", "extra", "-"],
    follows: [undefined, undefined, undefined],
  });
  assert.deepEqual(parseArgs(["--release", "v1", "--", "--sign", "--nope", "-x"], SPECS), {
    flags: { release: "v1" },
    positionals: ["--sign", "--nope", "-x"],
    follows: new Array(3),
  });
});

Deno.test("parseArgs: unknown flag suggests the close one", () => {
  throwsCode(() => parseArgs(["--relase", "v1"], SPECS), "args.unknown_flag", (e) => {
    assert.ok(e.message.includes("--relase"), e.message);
    assert.ok(e.hint.includes("did you mean --release?"), e.hint);
  });
  throwsCode(() => parseArgs(["--relase=v1"], SPECS), "args.unknown_flag", (e) => {
    assert.ok(e.message.includes("--relase"), e.message);
    assert.ok(!e.message.includes("v1"), e.message);
    assert.ok(e.hint.includes("did you mean --release?"), e.hint);
  });
  throwsCode(() => parseArgs(["--outptu-dir", "x"], SPECS), "args.unknown_flag", (e) => {
    assert.ok(e.hint.includes("did you mean --output-dir?"), e.hint);
  });
});

Deno.test("parseArgs: unknown far flag has no suggestion; short flags are unknown", () => {
  throwsCode(() => parseArgs(["--zzzzzzzzzz"], SPECS), "args.unknown_flag", (e) => {
    assert.ok(!e.hint.includes("did you mean"), e.hint);
    assert.ok(e.hint.includes("--help"), e.hint);
  });
  throwsCode(() => parseArgs(["-r", "v1"], SPECS), "args.unknown_flag", (e) => {
    assert.ok(e.message.includes("-r"), e.message);
  });
});

Deno.test("parseArgs: a declared one-letter alias (-o FILE) stands for its flag", () => {
  const specs: FlagSpec[] = [...SPECS, { name: "output", type: "string", short: "o" }];
  assert.deepEqual(parseArgs(["-o", "sbom.json", "--release", "v1"], specs).flags, {
    output: "sbom.json",
    release: "v1",
  });
  throwsCode(() => parseArgs(["-o"], specs), "args.missing_value");
  throwsCode(() => parseArgs(["-x", "y"], specs), "args.unknown_flag");
  throwsCode(() => parseArgs(["-oo", "y"], specs), "args.unknown_flag");
});

Deno.test("parseArgs: a flag without its value is args.missing_value", () => {
  const cases: [string[], string][] = [
    [["--release"], "--release"],
    [["--release", "--sign"], "--release"],
    [["--subject", "a", "--subject"], "--subject"],
    [["--format", "--"], "--format"],
  ];
  for (const [argv, flag] of cases) {
    throwsCode(() => parseArgs(argv, SPECS), "args.missing_value", (e) => {
      assert.ok(e.message.includes(flag), e.message);
      assert.ok(e.hint.includes(flag), e.hint);
    });
  }
});

Deno.test("parseArgs: choices are enforced", () => {
  assert.equal(parseArgs(["--format", "json"], SPECS).flags.format, "json");
  assert.equal(parseArgs(["--format=text"], SPECS).flags.format, "text");
  throwsCode(() => parseArgs(["--format", "yaml"], SPECS), "args.invalid_value", (e) => {
    assert.ok(e.message.includes("--format") && e.message.includes("yaml"), e.message);
    assert.ok(e.hint.includes("json") && e.hint.includes("text"), e.hint);
  });
  throwsCode(() => parseArgs(["--format="], SPECS), "args.empty_value");
  assert.deepEqual(parseArgs(["--ecosystem", "npm", "--ecosystem=pypi"], SPECS).flags.ecosystem, [
    "npm",
    "pypi",
  ]);
  throwsCode(
    () => parseArgs(["--ecosystem", "npm", "--ecosystem", "cargo"], SPECS),
    "args.invalid_value",
  );
});

Deno.test("suggest: close words and prefixes, undefined for far words", () => {
  assert.equal(suggest("relase", NAMES), "release");
  assert.equal(suggest("releas", NAMES), "release");
  assert.equal(suggest("releasee", NAMES), "release");
  assert.equal(suggest("sgin", NAMES), "sign");
  assert.equal(suggest("verbos", NAMES), "verbose");
  assert.equal(suggest("output", NAMES), "output-dir");
  assert.equal(suggest("zzzzzzzzzz", NAMES), undefined);
  assert.equal(suggest("completely-different", NAMES), undefined);
  assert.equal(suggest("xyzzy", ["release"]), undefined);
  assert.equal(suggest("release", []), undefined);
});

Deno.test("parseArgs: -h is --help where the command has --help", () => {
  const withHelp = [...SPECS, { name: "help", type: "boolean" } as const];
  assert.deepEqual(parseArgs(["--release", "v1", "-h"], withHelp).flags, {
    release: "v1",
    help: true,
  });
  throwsCode(() => parseArgs(["-h"], SPECS), "args.unknown_flag");
});

Deno.test("parseArgs: follows names the repeatable flag value a positional directly follows", () => {
  const got = parseArgs(
    ["--subject", "a", "b", "c", "--release", "v1", "d", "--subject=e", "f"],
    SPECS,
  );
  assert.deepEqual(got.positionals, ["b", "c", "d", "f"]);
  assert.deepEqual(got.follows, [
    { flag: "subject", value: "a" },
    { flag: "subject", value: "a" },
    undefined, // a string flag came between
    { flag: "subject", value: "e" },
  ]);
});

async function withFiles(names: string[], fn: (dir: string) => void): Promise<void> {
  await withTempDir(async (dir) => {
    for (const name of names) {
      await Deno.mkdir(`${dir}/${name.slice(0, name.lastIndexOf("/"))}`, { recursive: true });
      await Deno.writeTextFile(`${dir}/${name}`, name);
    }
    fn(dir);
  });
}

Deno.test("rejectExpandedGlob: a shell-expanded --subject glob gets a hint to quote the pattern", async () => {
  await withFiles(["dist/a.whl", "dist/b.whl", "dist/c.whl"], (dir) => {
    const argv = ["--subject", `${dir}/dist/a.whl`, `${dir}/dist/b.whl`, `${dir}/dist/c.whl`];
    throwsCode(
      () => rejectExpandedGlob(parseArgs(argv, SPECS), SPECS),
      "args.unquoted_glob",
      (e) => {
        assert.match(e.message, /dist\/b\.whl" follows --subject ".*dist\/a\.whl"/);
        assert.match(e.message, /into 3 files/);
        assert.equal(
          e.hint,
          `quote the pattern: --subject '${dir}/dist/*.whl' (vouch expands it itself), or repeat --subject before each file`,
        );
      },
    );
  });
});

Deno.test("rejectExpandedGlob: mixed extensions, mixed folders, and a flag without globs", async () => {
  await withFiles(["dist/a.whl", "dist/b.tar.gz", "other/c.whl"], (dir) => {
    const check = (argv: string[], hint: string): void =>
      throwsCode(
        () => rejectExpandedGlob(parseArgs(argv, SPECS), SPECS),
        "args.unquoted_glob",
        (e) => assert.equal(e.hint, hint),
      );
    check(
      ["--subject", `${dir}/dist/a.whl`, `${dir}/dist/b.tar.gz`],
      `quote the pattern: --subject '${dir}/dist/*' (vouch expands it itself), or repeat --subject before each file`,
    );
    check(
      ["--subject", `${dir}/dist/a.whl`, `${dir}/other/c.whl`],
      "quote the pattern, e.g. --subject 'dist/*.whl' (vouch expands it itself), or repeat --subject before each file",
    );
    const specs: FlagSpec[] = [{ name: "lockfile", type: "list" }];
    throwsCode(
      () =>
        rejectExpandedGlob(
          parseArgs(["--lockfile", `${dir}/dist/a.whl`, `${dir}/dist/b.tar.gz`], specs),
          specs,
        ),
      "args.unquoted_glob",
      (e) => assert.equal(e.hint, "repeat --lockfile before each file"),
    );
  });
});

Deno.test("rejectExpandedGlob: positionals that are no expanded files are left alone", async () => {
  await withFiles(["dist/a.whl"], (dir) => {
    const none = (argv: string[]): void => rejectExpandedGlob(parseArgs(argv, SPECS), SPECS);
    none(["--subject", `${dir}/dist/a.whl`]); // no positional
    none(["--subject", `${dir}/dist/a.whl`, `${dir}/missing.whl`]); // not a file
    none(["--subject", `${dir}/dist/a.whl`, `${dir}/dist`]); // a folder (verify's DIR)
    none([`${dir}/dist/a.whl`, "--subject", "x"]); // follows no flag value
    none(["--release", `${dir}/dist/a.whl`, `${dir}/dist/a.whl`]); // after a single-value flag
    none(["--subject", "x", "--", `${dir}/dist/a.whl`]); // after --
  });
});

Deno.test("parseArgs: empty values are args.empty_value unless the flag allows them", () => {
  for (const argv of [["--release="], ["--release", ""], ["--release", "  "], ["--subject="]]) {
    throwsCode(() => parseArgs(argv, SPECS), "args.empty_value", (e) => {
      assert.ok(e.message.includes(argv[0].replace(/=.*/, "")), e.message);
    });
  }
  const specs: FlagSpec[] = [{ name: "signing-key", type: "string", allowEmpty: true }];
  assert.equal(parseArgs(["--signing-key", ""], specs).flags["signing-key"], "");
  assert.equal(parseArgs(["--signing-key="], specs).flags["signing-key"], "");
});

Deno.test("parseArgs: a value starting with dashes (a PEM passed by mistake) is the flag's value", () => {
  const pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----\n";
  assert.equal(parseArgs(["--release", pem], SPECS).flags.release, pem);
  assert.equal(parseArgs(["--release", "-x"], SPECS).flags.release, "-x");
  // A flag or `--` still ends it.
  throwsCode(() => parseArgs(["--release", "--output-dir", "x"], SPECS), "args.missing_value");
  throwsCode(() => parseArgs(["--release", "--output-dir=x"], SPECS), "args.missing_value");
  throwsCode(() => parseArgs(["--release", "--"], SPECS), "args.missing_value");
});

Deno.test("parseArgs and noPositionals: an argument that may be a secret is never shown", () => {
  const secrets = ["-tok_9fK2xQ7vLp3Zr8Wm1Yc4Nb6Hd0Gs5Ej", "--Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA=="];
  for (const secret of secrets) {
    throwsCode(() => parseArgs([secret], SPECS), "args.unknown_flag", (e) => {
      assert.ok(!e.message.includes(secret.slice(2, 12)), e.message);
      assert.ok(!e.hint.includes(secret.slice(2, 12)), e.hint);
    });
  }
  // A flag-shaped typo is shown, with its suggestion.
  throwsCode(() => parseArgs(["--relase", "v1"], SPECS), "args.unknown_flag", (e) => {
    assert.equal(e.message, "unknown flag --relase");
  });
  for (
    const secret of ["tok_9fK2xQ7vLp3Zr8Wm1Yc4Nb6Hd0Gs5Ej", "a\nb", "deadbeefcafe0123456789abcdef"]
  ) {
    throwsCode(() => noPositionals([secret], "attest"), "args.unexpected_argument", (e) => {
      assert.ok(!e.message.includes(secret), e.message);
      assert.ok(e.message.includes("not shown"), e.message);
    });
  }
  throwsCode(() => noPositionals(["dist/b.whl"], "attest"), "args.unexpected_argument", (e) => {
    assert.equal(e.message, 'vouch attest takes no argument "dist/b.whl"');
  });
});
