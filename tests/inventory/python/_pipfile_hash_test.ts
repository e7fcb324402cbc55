import assert from "node:assert/strict";
import { pipfileHashes } from "../../../src/inventory/python/_pipfile_hash.ts";
import { loadTomlParser, parseToml } from "../../../src/inventory/_formats/toml.ts";
import { SHARED_DIR, skipWithoutShared } from "../../_util.ts";

const parse = (text: string): Record<string, unknown> => parseToml(text, "Pipfile", "test");

Deno.test("pipfileHashes: Pipenv's _meta.hash, with and without package categories", async () => {
  await loadTomlParser(); // for a float
  // The expected hashes are Python's: hashlib.sha256(json.dumps(data, sort_keys=True,
  // separators=(",", ":"))) of plette's get_hash data (the default source when there is none;
  // `[pipenv]` is no category), with the categories (Pipenv 2022.10+), then without.
  const pipfile = [
    "[packages]",
    'requests = "~=2.32"',
    `"zope.interface" = {version = "*", markers = "sys_platform != 'win32'"}`,
    "",
    "[dev-packages]",
    'pytest = "*"',
    "",
    "[docs]",
    'sphinx = "*"',
    'mkdocs = {extras = ["i18n"], version = "==1.6.1"}',
    "",
    "[pipenv]",
    "allow_prereleases = true",
    "",
    "[requires]",
    'python_version = "3.12"',
    "",
  ].join("\n");
  assert.deepEqual(pipfileHashes(parse(pipfile)), [
    "c2f527af9edd5a94c460fa3dc699c6c4aef935e241ab69d0e38357a020b3b789",
    "24343f50c48ceb2569be3c57cd4b82ec769c28034dfef7ab9025b7d8209622c1",
  ]);
  // A number, which Python may write otherwise (`1.0`), is not compared.
  assert.equal(pipfileHashes(parse("[packages]\nx = 1.0\n")), undefined);
  assert.equal(pipfileHashes(parse("[requires]\nx = 3\n")), undefined);
});

Deno.test("pipfileHashes: a real Pipfile's hash is its lock's (checkov)", () => {
  if (skipWithoutShared("checkov Pipfile")) return;
  const dir = `${SHARED_DIR}/corpus/bridgecrewio__checkov`;
  const lock = JSON.parse(Deno.readTextFileSync(`${dir}/Pipfile.lock`));
  assert.ok(
    pipfileHashes(parse(Deno.readTextFileSync(`${dir}/Pipfile`)))!
      .includes(lock._meta.hash.sha256),
  );
});
