import assert from "node:assert/strict";
import {
  parseDependencyChecksLock,
  parseVersionsLock,
  readVersionsLock,
} from "../../../src/inventory/java/versions_lock.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { scanProject } from "../../../src/inventory/_scan.ts";
import { cpuStopwatch, fixture, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed } from "../_lockfile_invariants.ts";
import { assertSbomsValid, writeTree } from "../_tree.ts";
import { assertSbomRefusesEvery } from "../_reader_cases.ts";

const PROJECT = fixture("java", "versions_lock", "conjure");

Deno.test("readVersionsLock: every locked module; [Test dependencies] are dev, the rest runtime", () => {
  const out = readVersionsLock(Deno.readTextFileSync(`${PROJECT}/versions.lock`), {
    path: "versions.lock",
  });
  assertWellFormed(out);
  assert.deepEqual(out.edges, [], "the lock has no graph");
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.3 runtime",
    "pkg:maven/com.google.guava/guava@33.0.0-jre runtime",
    "pkg:maven/com.google.guava/listenablefuture@9999.0-empty-to-avoid-conflict-with-guava runtime",
    "pkg:maven/com.palantir.conjure.java/conjure-lib@8.9.0 runtime",
    "pkg:maven/org.junit.jupiter/junit-jupiter@5.9.0 dev",
    "pkg:maven/org.opentest4j/opentest4j@1.2.0 dev",
  ]);
  const guava = out.components.find((c) => c.name === "com.google.guava:guava")!;
  assert.equal(guava.version, "33.0.0-jre");
  assert.equal(guava.direct, false, "the lock does not say what is declared");
  assert.deepEqual(guava.sources, ["versions.lock"]);
});

Deno.test("parseVersionsLock: LF, CRLF and CR-alone line ends read alike; the header and blank lines are skipped", () => {
  const text = Deno.readTextFileSync(`${PROJECT}/versions.lock`);
  const lf = parseVersionsLock(text, "versions.lock").map(({ line: _, ...l }) => l);
  assert.equal(lf.length, 6);
  for (const end of ["\r\n", "\r"]) {
    const other = parseVersionsLock(text.replaceAll("\n", end), "versions.lock");
    assert.deepEqual(other.map(({ line: _, ...l }) => l), lf);
  }
  assertVouchError(
    () => parseVersionsLock("a:b:1 (1 constraints: 0a)\n<<<<<<< HEAD\n", "versions.lock"),
    "inventory.versions_lock.invalid",
    /^versions\.lock:2: expected group:name:version/,
  );
});

Deno.test("versions.lock: the build scripts of the build count as read, and the SBOMs are valid", async () => {
  const warnings: string[] = [];
  const inventory = await readInventory(PROJECT, { onWarning: (w) => warnings.push(w) });
  assert.deepEqual(warnings, [], "build.gradle is resolved by versions.lock");
  assert.deepEqual(inventory.unread, []);
  assert.deepEqual(inventory.sources, ["versions.lock"]);
  assert.equal(inventory.components.length, 6);
  await assertSbomsValid(inventory, "versions.lock");
});

Deno.test("versions.lock: another tool's file of that name is passed over by the scan", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      // A kernel build's pinned versions, and a Palantir lock in a folder below.
      "versions.lock": "device=RMX5060\nkernel=6.1.157-android14-11\nsusfs_version=2.2.0\n",
      "tools/versions.lock": "v10.19.0\n1.22.5\n",
      "web/versions.lock": '{ "node": "20.11.0", "pnpm": "8.15.1" }\n',
      "app/versions.lock": "com.google.guava:guava:33.0.0-jre (25 constraints: 7af3c2ab)\r\n",
      "app/build.gradle": "apply plugin: 'com.palantir.consistent-versions'\n",
    });
    const scan = await scanProject(dir);
    assert.deepEqual(scan.files, ["app/versions.lock"]);
    assert.deepEqual(scan.unread.map((u) => u.path), ["app/build.gradle"]);
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.sources, ["app/versions.lock"]);
    assert.deepEqual(inventory.unread, [], "app/build.gradle is resolved by the lock");
    // Named, another tool's file is read all the same, and refused.
    await assert.rejects(
      () => readInventory(dir, { lockfiles: ["versions.lock"] }),
      /versions\.lock:1: expected group:name:version/,
    );
  });
});

// Apache Lucene and HPPC keep a versions.lock of another plugin: Carrot Search's
// gradle-dependencychecks, JSON, whose `because` names the configurations of each module.
Deno.test("readVersionsLock: a gradle-dependencychecks lock, scopes from the configurations of every group", () => {
  const dir = fixture("java", "versions_lock", "dependencychecks");
  const text = Deno.readTextFileSync(`${dir}/versions.lock`);
  const out = readVersionsLock(text, { path: "versions.lock" });
  assertWellFormed(out);
  assert.deepEqual(out.edges, []);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/com.carrotsearch.randomizedtesting/randomizedtesting-runner@2.8.4 dev",
    "pkg:maven/com.google.errorprone/error_prone_core@2.28.0 build", // annotationProcessor
    "pkg:maven/it.unimi.dsi/fastutil@8.5.18 dev,runtime", // in both groups
    "pkg:maven/junit/junit@4.13.2 dev",
    "pkg:maven/org.apache.commons/commons-lang3@3.11 build", // compileClasspath only
    "pkg:maven/org.openjdk.jmh/jmh-core@1.37 runtime",
  ]);
  assert.deepEqual(
    parseDependencyChecksLock(text, "versions.lock").get("it.unimi.dsi:fastutil:8.5.18"),
    {
      group: "it.unimi.dsi",
      name: "fastutil",
      version: "8.5.18",
      configurations: [
        "compileClasspath",
        "runtimeClasspath",
        "testCompileClasspath",
        "testRuntimeClasspath",
      ],
    },
  );
  assertVouchError(
    () =>
      parseDependencyChecksLock(
        '{\n  "configurationGroups" : {\n    "main" : {\n      "a:b" : "k,refs=1"\n    }\n  },\n  "because" : { }\n}\n',
        "versions.lock",
      ),
    "inventory.versions_lock.invalid",
    /^versions\.lock:4: expected "group:name:version", found "a:b"/,
  );
});

Deno.test("versions.lock: a gradle-dependencychecks lock resolves the build scripts", async () => {
  const warnings: string[] = [];
  const inventory = await readInventory(fixture("java", "versions_lock", "dependencychecks"), {
    onWarning: (w) => warnings.push(w),
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(inventory.sources, ["versions.lock"]);
  assert.equal(inventory.components.length, 6);
  await assertSbomsValid(inventory, "dependencychecks");
});

Deno.test("readVersionsLock: a malformed file is refused with file:line", async () => {
  const cases = await assertSbomRefusesEvery(
    ["java", "versions_lock"],
    "inventory.versions_lock.invalid",
  );
  // truncated, garbled, duplicate keys, invalid UTF-8 (the file has no format version)
  for (const name of ["truncated", "garbled", "duplicate", "utf8", "json-truncated"]) {
    assert.ok(cases.includes(name), name);
  }
});

Deno.test("parseDependencyChecksLock: a key's configurations are found once, distinct: 200,000 of them crashed vouch (a spread past the stack), 2,000 modules sharing one key were walked each", () => {
  const lock = (entries: number, modules: number): string =>
    JSON.stringify({
      configurationGroups: {
        main: Object.fromEntries(
          Array.from({ length: modules }, (_, i) => [`g:m${i}:1`, "k,refs=1"]),
        ),
        test: { "g:m0:1": "t,refs=1" },
      },
      because: {
        k: Array.from({ length: entries }, (_, i) => ({ configuration: `c${i % 3}` })),
        t: [{ configuration: "c1" }, { configuration: "testRuntimeClasspath" }],
      },
    });
  const elapsed = cpuStopwatch();
  const modules = parseDependencyChecksLock(lock(200_000, 1), "versions.lock");
  assert.deepEqual(modules.get("g:m0:1")?.configurations, [
    "c0",
    "c1",
    "c2",
    "testRuntimeClasspath",
  ]);
  assert.equal(parseDependencyChecksLock(lock(2_000, 2_000), "versions.lock").size, 2_000);
  assert.ok(elapsed() < 4_000, "too slow");
});

// 5,000 modules of one key with 5,000 configurations: each module listed them all as its groups
// (25 million names: 22 s, 2.6 GB, then exit 3 writing the SBOM). The configurations give the
// scopes, told once per set; they are not listed, as a gradle.lockfile's are not.
Deno.test("readVersionsLock: modules sharing a key share its scopes; configurations are not listed", () => {
  const lock = JSON.stringify({
    configurationGroups: {
      main: Object.fromEntries(
        Array.from({ length: 5_000 }, (_, i) => [`g:m${i}:1`, "k,refs=1"]),
      ),
    },
    because: {
      k: Array.from({ length: 5_000 }, (_, i) => ({
        configuration: i === 0 ? "runtimeClasspath" : `testC${i}`,
      })),
    },
  });
  const out = readVersionsLock(lock, { path: "versions.lock" });
  assert.equal(out.components.length, 5_000);
  assert.ok(
    out.components.every((c) => c.groups.length === 0 && c.scopes.join() === "dev,runtime"),
  );
});
