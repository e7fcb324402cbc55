// Bad input, every reader alike: one valid file of each format, broken in the
// ways the issue names (truncated, duplicate keys, invalid UTF-8), run through
// `vouch sbom` in process. Each must be the reader's coded error naming
// file:line, exit 2, nothing written. (Wrong versions are format-specific:
// each reader's own tests cover them.)
import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { READERS } from "../../src/inventory/_registry.ts";
import { fakeIo } from "../cli/_fake_io.ts";
import { fixture, withTempDir } from "../_util.ts";
import { copyDir } from "../_cli.ts";

type Syntax = "json" | "toml" | "yaml" | "xml" | "lines";

/** A valid file of each reader: its project folder under fixtures/, its path there, its syntax. */
const SAMPLES: [reader: string, folder: string, name: string, syntax: Syntax][] = [
  ["pyproject", "python/uv-workspace", "pyproject.toml", "toml"],
  ["uv_lock", "python/uv-workspace", "uv.lock", "toml"],
  ["poetry_lock", "python/poetry-1.8", "poetry.lock", "toml"],
  ["pdm_lock", "python/pdm-4.1", "pdm.lock", "toml"],
  ["requirements", "python/requirements-hashes", "requirements.txt", "lines"],
  ["package_lock", "js/workspace", "package-lock.json", "json"],
  ["pnpm_lock", "js/pnpm/v6-single", "pnpm-lock.yaml", "yaml"],
  ["yarn_lock", "js/yarn/berry-workspace", "yarn.lock", "yaml"],
  ["bun_lock", "js/bun/workspace", "bun.lock", "json"],
  ["package_json", "js/v1", "package.json", "json"],
  ["deno_lock", "deno/v5", "deno.lock", "json"],
  ["cargo_lock", "rust/workspace", "Cargo.lock", "toml"],
  ["cargo_toml", "rust/dev-scopes", "Cargo.toml", "toml"],
  ["go_mod", "go/replace", "go.mod", "lines"],
  ["composer_lock", "php/composer_lock/basic", "composer.lock", "json"],
  ["composer_json", "php/composer_json/library", "composer.json", "json"],
  ["gemfile_lock", "ruby/gemfile_lock/app", "Gemfile.lock", "lines"],
  ["gemfile", "ruby/gemfile/gem", "Gemfile", "lines"],
  ["pipfile_lock", "python/pipfile_lock/basic", "Pipfile.lock", "json"],
  ["pylock", "python/pylock/basic", "pylock.toml", "toml"],
  ["maven_pom", "java/maven_pom/reactor", "pom.xml", "xml"],
  ["gradle_lockfile", "java/gradle_lockfile/multi", "gradle.lockfile", "lines"],
  [
    "gradle_verification",
    "java/gradle_verification/locked",
    "gradle/verification-metadata.xml",
    "xml",
  ],
  ["versions_lock", "java/versions_lock/conjure", "versions.lock", "lines"],
  ["nuget_lock", "dotnet/nuget_lock/solution/App", "packages.lock.json", "json"],
  ["packages_config", "dotnet/packages_config/web/Web", "packages.config", "xml"],
  ["dotnet_tools", "dotnet/dotnet_tools/app/.config", "dotnet-tools.json", "json"],
  ["msbuild", "dotnet/nuget_lock/solution/App", "App.csproj", "xml"],
];

const encoder = new TextEncoder();

/**
 * The text cut inside a quoted string of a line past 60% of it: an
 * unterminated string (or, in XML, an unclosed tag) that no format accepts.
 */
function truncated(text: string, syntax: Syntax): string {
  const lines = text.split("\n");
  for (let n = Math.floor(lines.length * 0.6); n < lines.length; n++) {
    const at = syntax === "xml" ? lines[n].indexOf("<") : lines[n].search(/["']/);
    if (at !== -1) return [...lines.slice(0, n), lines[n].slice(0, at + 1)].join("\n");
  }
  throw new Error("no line to cut");
}

/** The text with one key written twice, where the syntax has keys. */
function duplicated(text: string, syntax: Syntax): string | undefined {
  switch (syntax) {
    case "json": {
      const open = text.indexOf("{");
      return `${text.slice(0, open + 1)}"vouch-dup": 1, "vouch-dup": 2,${text.slice(open + 1)}`;
    }
    case "toml":
      return `vouch-dup = 1\nvouch-dup = 2\n${text}`;
    case "yaml": {
      // After the leading comments: Yarn tells Berry by its `__metadata:` line.
      const first = text.search(/^[^#\n]/m);
      return `${text.slice(0, first)}vouch-dup: 1\nvouch-dup: 2\n${text.slice(first)}`;
    }
    case "xml": {
      const root = /<[A-Za-z][\w.:-]*/.exec(text)!;
      const end = root.index + root[0].length;
      return `${text.slice(0, end)} vouch-dup="1" vouch-dup="2"${text.slice(end)}`;
    }
    case "lines":
      return undefined;
  }
}

/** The bytes with an invalid UTF-8 byte at the start of a line past the middle. */
function invalidUtf8(text: string): Uint8Array {
  const cut = text.indexOf("\n", Math.floor(text.length / 2)) + 1;
  const head = encoder.encode(text.slice(0, cut));
  const tail = encoder.encode(text.slice(cut));
  return Uint8Array.from([...head, 0xff, ...tail]);
}

/** Runs `vouch sbom --lockfile <name> -o sbom.json` in `dir`; asserts the coded refusal. */
async function assertRefused(
  dir: string,
  name: string,
  reader: string,
  what: string,
): Promise<void> {
  const io = fakeIo();
  const output = `${dir}/sbom.json`;
  const exit = await runCli(["sbom", "--project-root", dir, "--lockfile", name, "-o", output], io);
  const where = `${reader}, ${what}`;
  assert.equal(exit, 2, `${where}: ${io.err}`);
  assert.equal(io.out, "", `${where}: nothing on stdout`);
  assert.ok(io.err.includes(`inventory.${reader}.invalid`), `${where}: ${io.err}`);
  assert.match(io.err, new RegExp(`${name.replaceAll(".", "\\.")}:\\d+`), `${where}: file:line`);
  await assert.rejects(Deno.stat(output), Deno.errors.NotFound, `${where}: nothing written`);
}

Deno.test("every reader refuses a truncated file, a duplicate key, invalid UTF-8: coded, file:line, exit 2", async () => {
  assert.deepEqual(
    SAMPLES.map(([reader]) => reader).sort(),
    READERS.map((r) => r.name).sort(),
    "one sample per reader",
  );
  for (const [reader, folder, name, syntax] of SAMPLES) {
    const text = Deno.readTextFileSync(fixture(folder, name));
    const cases: [string, Uint8Array][] = [["invalid UTF-8", invalidUtf8(text)]];
    if (syntax !== "lines") cases.push(["truncated", encoder.encode(truncated(text, syntax))]);
    const dup = duplicated(text, syntax);
    if (dup !== undefined) cases.push(["a duplicate key", encoder.encode(dup)]);
    for (const [what, bytes] of cases) {
      await withTempDir(async (dir) => {
        await copyDir(fixture(folder), dir);
        await Deno.writeFile(`${dir}/${name}`, bytes);
        await assertRefused(dir, name, reader, what);
      });
    }
    // The sample itself is read: the refusals are the mutations'.
    await withTempDir(async (dir) => {
      await copyDir(fixture(folder), dir);
      const io = fakeIo();
      const exit = await runCli(["sbom", "--project-root", dir, "--lockfile", name], io);
      assert.equal(exit, 0, `${reader}: ${io.err}`);
    });
  }
});

/** The text in UTF-16 (little-endian) after its byte-order mark `FF FE`. */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
}

Deno.test("a UTF-16 byte-order mark: read as UTF-16 where the file's tool reads it so, else refused at line 1", async () => {
  for (const [reader, folder, name] of SAMPLES) {
    const text = Deno.readTextFileSync(fixture(folder, name));
    const utf16 = READERS.find((r) => r.name === reader)!.utf16 === true;
    // `FF FE` before UTF-8 text (bytes no tool reads as UTF-8), both lengths: as UTF-16 it
    // decoded to other characters, and a Gemfile so made gave no gem and no error.
    const utf8 = encoder.encode(text);
    for (const tail of [utf8, Uint8Array.from([...utf8, 0x0a])]) {
      await withTempDir(async (dir) => {
        await copyDir(fixture(folder), dir);
        await Deno.writeFile(`${dir}/${name}`, Uint8Array.from([0xff, 0xfe, ...tail]));
        await assertRefused(dir, name, reader, "FF FE before UTF-8");
      });
    }
    // The same text in UTF-16: refused at line 1 unless the tool reads UTF-16, then as UTF-8.
    const outputs: string[] = [];
    await withTempDir(async (dir) => {
      await copyDir(fixture(folder), dir);
      for (const bytes of [utf8, utf16le(text)]) {
        await Deno.writeFile(`${dir}/${name}`, bytes);
        const io = fakeIo();
        const exit = await runCli(["sbom", "--project-root", dir, "--lockfile", name], io);
        if (bytes === utf8 || utf16) {
          assert.equal(exit, 0, `${reader}: ${io.err}`);
          outputs.push(
            io.out.replace(/"(serialNumber|documentNamespace|timestamp|sha256)": "[^"]*"/g, ""),
          );
          continue;
        }
        assert.equal(exit, 2, `${reader}: ${io.err}`);
        const at = `${
          name.replaceAll(".", "\\.")
        }:1: the file starts with a UTF-16 byte-order mark`;
        assert.match(io.err, new RegExp(`inventory\\.${reader}\\.invalid.*${at} \\(0xff 0xfe\\)`));
      }
    });
    if (utf16) assert.equal(outputs[1], outputs[0], `${reader}: UTF-16 reads as UTF-8`);
  }
});

Deno.test("every reader refuses a file cut inside a digest (the last one): coded, file:line, exit 2", async () => {
  const DIGEST = /[0-9a-fA-F]{40,}|sha(?:1|256|384|512)-[A-Za-z0-9+/]{20,}={0,2}/g;
  const cut: string[] = [];
  for (const [reader, folder, name] of SAMPLES) {
    const text = Deno.readTextFileSync(fixture(folder, name));
    const last = [...text.matchAll(DIGEST)].at(-1);
    if (last === undefined) continue;
    cut.push(reader);
    await withTempDir(async (dir) => {
      await copyDir(fixture(folder), dir);
      await Deno.writeTextFile(`${dir}/${name}`, text.slice(0, last.index + 20));
      await assertRefused(dir, name, reader, "cut inside a digest");
    });
  }
  console.log(cut.join(" "));
});
