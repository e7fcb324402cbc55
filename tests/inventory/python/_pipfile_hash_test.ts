import assert from "node:assert/strict";
import { isPipfileHash } from "../../../src/inventory/python/_pipfile_hash.ts";
import { loadTomlParser, parseToml } from "../../../src/inventory/_formats/toml.ts";
import { SHARED_DIR, skipWithoutShared } from "../../_util.ts";

const parse = (text: string): Record<string, unknown> => parseToml(text, "Pipfile", "test");

Deno.test("isPipfileHash: Pipenv's _meta.hash, with and without package categories, names normalized or not", async () => {
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
  for (
    const hash of [
      // Pipenv 2026.4+ (calculate_pipfile_hash, pypa/pipenv#6609): names as PEP 503 normalizes
      // them, `zope.interface` is `zope-interface`.
      "57b07cb47e6e9f79b10a116e325422ae79c7d59b14d8f6c3dbd8887bc570d5e4",
      "c2f527af9edd5a94c460fa3dc699c6c4aef935e241ab69d0e38357a020b3b789",
      "24343f50c48ceb2569be3c57cd4b82ec769c28034dfef7ab9025b7d8209622c1",
    ]
  ) {
    assert.equal(isPipfileHash(parse(pipfile), hash), true, hash);
  }
  assert.equal(isPipfileHash(parse(pipfile), "57b07cb4"), false);
  // The hashes pypa/pipenv#4699 reports: Pipenv wrote c99365b8… for `Sphinx = "*"` and
  // d993d725… for `sphinx = "*"`, which Pipenv 2026.4+ writes for both. Was: d993d725… for
  // `Sphinx`, a lock written by a current Pipenv, was "changed since".
  const sphinx = '[[source]]\nname = "pypi"\nurl = "https://pypi.org/simple"\nverify_ssl = true\n' +
    '\n[packages]\nSphinx = "*"\n';
  for (
    const hash of [
      "d993d725f2bfe31e06c4a1f3716caf2d4b1a9a5d8cb8d24a140b58eabe90a3e3",
      "c99365b83495db0f676ba97f11db58b35955f8f5e7da5b56495dbf7044d303bf",
    ]
  ) {
    assert.equal(isPipfileHash(parse(sphinx), hash), true, hash);
  }
  // A number, which Python may write otherwise (`1.0`), is not compared; nor a number that only
  // one of the tables hashed holds (a name normalized twice, a `_meta` category).
  for (
    const text of [
      "[packages]\nx = 1.0\n",
      "[requires]\nx = 3\n",
      '[packages]\nFoo = 1\nfoo = "*"\n',
      '[requires]\npython_version = 3\n[_meta]\nx = "y"\n',
      "[docs]\nd = 1979-05-27T07:32:00Z\n",
    ]
  ) {
    assert.equal(isPipfileHash(parse(text), "0".repeat(64)), undefined, text);
  }
});

Deno.test("isPipfileHash: a real Pipfile's hash is its lock's (checkov)", () => {
  if (skipWithoutShared("checkov Pipfile")) return;
  const dir = `${SHARED_DIR}/corpus/bridgecrewio__checkov`;
  const lock = JSON.parse(Deno.readTextFileSync(`${dir}/Pipfile.lock`));
  assert.equal(
    isPipfileHash(parse(Deno.readTextFileSync(`${dir}/Pipfile`)), lock._meta.hash.sha256),
    true,
  );
});
