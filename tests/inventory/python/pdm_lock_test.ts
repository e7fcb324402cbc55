import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { readPdmLock } from "../../../src/inventory/python/pdm_lock.ts";
import { pypiPurl } from "../../../src/inventory/purl.ts";
import { fixture, SHARED_DIR, skipWithoutShared } from "../../_util.ts";

function readFixture(name: string): ReturnType<typeof readPdmLock> {
  return readPdmLock(Deno.readTextFileSync(fixture("python", name)), { path: name });
}

Deno.test("readPdmLock: extras entries collapse into one component", () => {
  const out = readFixture("pdm.lock");
  const httpx = out.components.filter((c) => c.name === "httpx");
  assert.equal(httpx.length, 1);
  assert.deepEqual(httpx[0].hashes, [], "two files: no package-level hash");
  assert.equal(httpx[0].distributions?.length, 2);
  assert.ok(httpx[0].distributions!.every((d) => d.file !== undefined && d.hashes.length === 1));
  assert.deepEqual(httpx[0].groups, ["socks"]);
  assert.deepEqual(httpx[0].scopes, ["dev", "runtime"]);
  assert.deepEqual(out.components.map((c) => c.name), ["httpx", "idna", "pytest", "socksio"]);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:pypi/demo-plugin@0.2.0"]);
});

Deno.test("readPdmLock: git and url files, edges without the root", () => {
  const out = readFixture("pdm.lock");
  const vcs =
    "git+https://github.com/pytest-dev/pytest.git@fedcba9876543210fedcba9876543210fedcba98";
  const pytest = out.components.find((c) => c.name === "pytest");
  assert.equal(pytest?.id, pypiPurl("pytest", "8.3.2", { vcs_url: vcs }));
  assert.equal(pytest?.downloadLocation, vcs);
  assert.deepEqual(pytest?.scopes, ["dev"]);
  const idna = out.components.find((c) => c.name === "idna");
  assert.equal(
    idna?.downloadLocation,
    "https://files.pythonhosted.org/packages/21/ed/idna-3.7.tar.gz",
  );
  assert.deepEqual(out.edges.map((e) => `${e.from} ${e.to}`), [
    "pkg:pypi/demo-plugin@0.2.0 pkg:pypi/httpx@0.27.0",
    "pkg:pypi/httpx@0.27.0 pkg:pypi/idna@3.7",
    "pkg:pypi/httpx@0.27.0 pkg:pypi/socksio@1.0.0",
  ]);
  assert.ok(out.components.every((c) => !c.direct));
});

Deno.test("readPdmLock: unsupported version and bad dependency", () => {
  assert.throws(
    () => readFixture("pdm_unsupported.lock"),
    (e: unknown) =>
      e instanceof VouchError && e.code === "inventory.pdm_lock.unsupported_version" &&
      e.message.startsWith("pdm_unsupported.lock:3: "),
  );
  assert.throws(
    () => readFixture("pdm_bad_dependency.lock"),
    (e: unknown) =>
      e instanceof VouchError && e.code === "inventory.pdm_lock.invalid" &&
      e.message.startsWith("pdm_bad_dependency.lock:9: ") && e.message.includes("bad name here"),
  );
  assert.throws(
    () => readPdmLock("[metadata\n", { path: "pdm.lock" }),
    (e: unknown) =>
      e instanceof VouchError && e.code === "inventory.pdm_lock.invalid" &&
      /^pdm\.lock:1:/.test(e.message),
  );
});

Deno.test("readPdmLock: corpus lock gives exactly the locked packages", () => {
  if (skipWithoutShared("pdm.lock corpus accuracy")) return;
  const text = Deno.readTextFileSync(`${SHARED_DIR}/corpus/pdm-project__pdm/pdm.lock`);
  const out = readPdmLock(text, { path: "pdm.lock" });
  const ids = new Set(out.components.map((c) => c.id));
  assert.equal(ids.size, 96);
  assert.equal(out.components.length, 96);
  for (
    const s of [
      "pkg:pypi/hishel@1.2.1",
      "pkg:pypi/httpx@0.28.1",
      "pkg:pypi/coverage@7.13.5",
      "pkg:pypi/mkdocstrings@1.0.4",
    ]
  ) {
    assert.ok(ids.has(s), s);
  }
  assert.ok(out.edges.every((e) => ids.has(e.from) && ids.has(e.to)));
  assert.ok(!out.edges.some((e) => e.from === e.to));
});
