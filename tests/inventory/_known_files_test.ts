// The catalogue of dependency files: every reader's files are in it, and the
// README documents every entry.
import assert from "node:assert/strict";
import { KNOWN_FILES, knownFile } from "../../src/inventory/_known_files.ts";
import { READERS } from "../../src/inventory/_registry.ts";
import { REPO_ROOT } from "../_util.ts";

Deno.test("knownFile: exact names, `*` patterns, folder-bound names", () => {
  assert.equal(knownFile("Podfile.lock", "ios")?.tool, "CocoaPods");
  assert.equal(knownFile("App.Web.csproj", "src")?.name, "*.csproj");
  assert.equal(knownFile("pylock.minimal.toml", "")?.name, "pylock.*.toml");
  assert.equal(knownFile("buildscript-gradle.lockfile", "app")?.name, "*-gradle.lockfile");
  assert.equal(knownFile("verification-metadata.xml", "gradle")?.tool, "Gradle");
  assert.equal(knownFile("verification-metadata.xml", "config"), undefined);
  assert.equal(knownFile("base.in", "requirements")?.tool, "pip-tools");
  for (const name of ["README.md", "main.py", "lockfile", "package.json5", "Cargo.toml.orig"]) {
    assert.equal(knownFile(name, ""), undefined, name);
  }
});

Deno.test("every file name a reader reads is a known dependency file", () => {
  for (const reader of READERS) {
    for (const file of reader.files) {
      const [folder, name] = file.includes("/") ? file.split("/") : ["", file];
      const example = name.replace("*", "-dev");
      assert.ok(knownFile(example, folder), `${reader.name}: ${file}`);
    }
  }
});

Deno.test("the README lists every known dependency file", () => {
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);
  for (const { name } of KNOWN_FILES) {
    assert.ok(readme.includes(`\`${name}\``), `README lacks \`${name}\``);
  }
});
