import assert from "node:assert/strict";
import {
  gradleScopes,
  includedBuilds,
  parseGradleLockfile,
  pluginBuilds,
  readGradleLockfile,
} from "../../../src/inventory/java/gradle_lockfile.ts";
import { computedBuildFileNames } from "../../../src/inventory/java/_gradle_script.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { cpuStopwatch, fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../../_util.ts";
import { assertWellFormed } from "../_lockfile_invariants.ts";
import { assertSbomsValid, treeContext, writeTree } from "../_tree.ts";
import { assertSbomRefusesEvery } from "../_reader_cases.ts";

function read(path: string): ReturnType<typeof readGradleLockfile> {
  const text = Deno.readTextFileSync(fixture("java", "gradle_lockfile", ...path.split("/")));
  return readGradleLockfile(text, { path });
}

function scopes(out: ReturnType<typeof readGradleLockfile>): Record<string, string> {
  return Object.fromEntries(out.components.map((c) => [c.id, c.scopes.join(",")]));
}

Deno.test("readGradleLockfile: every locked module, scopes from the configurations", () => {
  const out = read("multi/gradle.lockfile");
  assertWellFormed(out);
  assert.deepEqual(out.members, []);
  assert.deepEqual(out.edges, [], "a lock file has no graph");
  assert.deepEqual(scopes(out), {
    "pkg:maven/com.google.auto.value/auto-value-annotations@1.10.4": "build", // compile only
    "pkg:maven/com.google.auto.value/auto-value@1.10.4": "build", // annotationProcessor
    "pkg:maven/com.google.code.findbugs/jsr305@3.0.2": "dev,runtime",
    "pkg:maven/com.google.guava/guava@33.2.1-jre": "dev,runtime",
    "pkg:maven/com.puppycrawl.tools/checkstyle@10.17.0": "build",
    "pkg:maven/io.netty/netty-bom@4.1.110.Final": "runtime", // a platform, as locked
    "pkg:maven/junit/junit@4.13.2": "dev",
    "pkg:maven/org.hamcrest/hamcrest-core@1.3": "dev",
    "pkg:maven/org.jacoco/org.jacoco.agent@0.8.12": "build",
    "pkg:maven/org.slf4j/slf4j-simple@2.0.13": "runtime", // a custom configuration
  });
  const guava = out.components.find((c) => c.name === "com.google.guava:guava")!;
  assert.equal(guava.version, "33.2.1-jre");
  assert.equal(guava.direct, false, "the lock does not say what is declared");
  assert.deepEqual(guava.groups, [
    "compileClasspath",
    "runtimeClasspath",
    "testCompileClasspath",
    "testRuntimeClasspath",
  ]);
  assert.deepEqual(guava.sources, ["multi/gradle.lockfile"]);
});

Deno.test("readGradleLockfile: buildscript and buildSrc locks are build; Android variants; legacy per-configuration files", () => {
  assert.deepEqual(scopes(read("multi/buildscript-gradle.lockfile")), {
    "pkg:maven/com.diffplug.spotless/com.diffplug.spotless.gradle.plugin@6.25.0": "build",
    "pkg:maven/com.diffplug.spotless/spotless-plugin-gradle@6.25.0": "build",
    "pkg:maven/com.google.guava/guava@33.2.1-jre": "build",
  });
  assert.deepEqual(scopes(read("multi/app/gradle.lockfile")), {
    "pkg:maven/androidx.annotation/annotation@1.8.0": "build",
    "pkg:maven/com.google.guava/guava@32.1.3-jre": "runtime",
    "pkg:maven/org.mockito/mockito-core@5.12.0": "dev",
  });
  const legacy = "legacy/gradle/dependency-locks";
  assert.deepEqual(scopes(read(`${legacy}/compileClasspath.lockfile`)), {
    "pkg:maven/org.apache.commons/commons-lang3@3.14.0": "build",
    "pkg:maven/org.projectlombok/lombok@1.18.32": "build",
  });
  assert.deepEqual(scopes(read(`${legacy}/runtimeClasspath.lockfile`)), {
    "pkg:maven/org.apache.commons/commons-lang3@3.14.0": "runtime",
  });
  assert.deepEqual(scopes(read(`${legacy}/buildscript-classpath.lockfile`)), {
    "pkg:maven/com.github.ben-manes/gradle-versions-plugin@0.51.0": "build",
  });
  // buildSrc's runtimeClasspath (Kotlin/kotlinx.collections.immutable) is the build's own classpath.
  assert.deepEqual(scopes(read("buildsrc/buildSrc/gradle.lockfile")), {
    "pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin-api@1.9.22": "build",
    "pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@1.9.22": "build",
    "pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@1.9.20": "build",
    "pkg:maven/org.jetbrains.kotlinx/kotlinx-coroutines-core-jvm@1.5.0": "build",
  });
});

// Found by sweep 21: the legacy per-configuration locks were scoped file by file, so a module
// compiled against and run (in compileClasspath.lockfile and runtimeClasspath.lockfile) was build
// and runtime, where one gradle.lockfile line `…=compileClasspath,runtimeClasspath` is runtime.
Deno.test("readGradleLockfile: a legacy lock's scopes come from every per-configuration lock of its folder", () => {
  const context = treeContext(fixture("java", "gradle_lockfile", "legacy"));
  const legacy = "gradle/dependency-locks";
  const read = (file: string): Record<string, string> => {
    const path = `${legacy}/${file}`;
    return scopes(readGradleLockfile(context.load(path)!, { path, ...context }));
  };
  assert.deepEqual(read("compileClasspath.lockfile"), {
    "pkg:maven/org.apache.commons/commons-lang3@3.14.0": "runtime",
    "pkg:maven/org.projectlombok/lombok@1.18.32": "build",
  });
  assert.deepEqual(read("runtimeClasspath.lockfile"), {
    "pkg:maven/org.apache.commons/commons-lang3@3.14.0": "runtime",
  });
  assert.deepEqual(read("buildscript-classpath.lockfile"), {
    "pkg:maven/com.github.ben-manes/gradle-versions-plugin@0.51.0": "build",
  }, "the buildscript's lock is the build's classpath whatever the others say");
  // With a memo the folder's locks are read once for all of them, not once per lock (an Android
  // module has a lock per variant configuration: quadratic).
  const loaded: string[] = [];
  const counted = treeContext(fixture("java", "gradle_lockfile", "legacy"), { loaded });
  const memo = new Map<string, unknown>();
  for (const file of ["compileClasspath.lockfile", "runtimeClasspath.lockfile"]) {
    const path = `${legacy}/${file}`;
    readGradleLockfile(
      Deno.readTextFileSync(`${fixture("java", "gradle_lockfile", "legacy")}/${path}`),
      {
        path,
        ...counted,
        memo,
      },
    );
  }
  assert.deepEqual(loaded, [`${legacy}/runtimeClasspath.lockfile`]);
});

Deno.test("readGradleLockfile: a legacy per-configuration lock of the settings script is build scope (tbroyer/gradle-errorprone-plugin)", () => {
  // gradle/dependency-locks/settings-classpath.lockfile: the settings plugins' classpath.
  const settings = readGradleLockfile(
    "com.gradle.enterprise:com.gradle.enterprise.gradle.plugin:3.8.1\n" +
      "com.gradle:gradle-enterprise-gradle-plugin:3.8.1\n",
    { path: "gradle/dependency-locks/settings-classpath.lockfile" },
  );
  assert.deepEqual(settings.components.map((c) => [c.id, c.scopes.join()]), [
    ["pkg:maven/com.gradle.enterprise/com.gradle.enterprise.gradle.plugin@3.8.1", "build"],
    ["pkg:maven/com.gradle/gradle-enterprise-gradle-plugin@3.8.1", "build"],
  ]);
});

Deno.test("readGradleLockfile: a build included for its plugins (pluginManagement includeBuild) is build scope", () => {
  // apple/pkl: settings.gradle.kts includes build-logic for its convention plugins.
  const files: Record<string, string> = {
    "settings.gradle.kts": '@file:Suppress("UnstableApiUsage")\n\npluginManagement {\n' +
      '  includeBuild("build-logic")\n\n  repositories {\n    mavenCentral()\n  }\n}\n\n' +
      'rootProject.name = "pkl"\n\ninclude("pkl-core")\nincludeBuild("../shared-lib")\n',
  };
  const lock =
    "org.jetbrains.kotlin:kotlin-gradle-plugin:2.0.21=compileClasspath,runtimeClasspath\nempty=\n";
  const scopesOf = (path: string): string[] =>
    readGradleLockfile(lock, { path, load: (p) => files[p] }).components[0].scopes;
  assert.deepEqual(scopesOf("build-logic/gradle.lockfile"), ["build"]);
  assert.deepEqual(scopesOf("build-logic/convention/gradle.lockfile"), ["build"]);
  assert.deepEqual(scopesOf("pkl-core/gradle.lockfile"), ["runtime"]);
  assert.deepEqual(scopesOf("build-logic-extra/gradle.lockfile"), ["runtime"]);
  assert.deepEqual(pluginBuilds(files["settings.gradle.kts"], true), ["build-logic"]);
  assert.deepEqual(
    pluginBuilds(
      "pluginManagement {\n  includeBuild('./gradle/plugins/')\n  includeBuild(\"../outside\")\n}\n",
      false,
    ),
    ["gradle/plugins"],
  );
});

// A brace in a comment ended the pluginManagement block early, and a commented-out
// includeBuild counted: build-logic's locks were runtime, an old folder's build.
Deno.test("pluginBuilds: comments and strings in the settings script are not code", () => {
  const settings =
    "pluginManagement {\n  // repositories { gradlePluginPortal() } moved below }\n" +
    '  // includeBuild("old-logic")\n  val note = "}"\n  includeBuild("build-logic")\n}\n' +
    '/* includeBuild("other") */\n';
  assert.deepEqual(pluginBuilds(settings, true), ["build-logic"]);
  assert.deepEqual(includedBuilds(settings, true), ["build-logic"]);
});

// A settings script is untrusted: each `pluginManagement {` walked to its block's end, so
// nested ones took time growing with the square of their count (8,000: 2 s; 20,000: 13 s).
Deno.test("pluginBuilds: nested blocks take time linear in the script's size", () => {
  const settings = `${"pluginManagement {".repeat(20_000)}includeBuild("logic")`;
  const elapsed = cpuStopwatch();
  assert.deepEqual(pluginBuilds(settings, false), ["logic"]);
  assert.ok(elapsed() < 4_000);
});

/** The header Gradle writes atop a lock. */
const HEADER = "# This is a Gradle generated file for dependency locking.\n" +
  "# Manual edits can break the build and are not advised.\n" +
  "# This file is expected to be part of source control.\n";

// Each lock below a settings script asks which builds it includes for their plugins and which
// projects' buildFileName it computes: the script was blanked and scanned again for every lock
// (300 locks under a 300-project settings script: 0.8 s of 2.5 s). What a script's text gives is
// now kept by its text, for every lock read after the first.
Deno.test("readGradleLockfile: the settings script is parsed once for the locks below it", () => {
  const settings = "pluginManagement {\n  includeBuild('build-logic')\n}\n" +
    "rootProject.name = 'many'\n" +
    Array.from({ length: 300 }, (_, i) => `include 'modules:mod-${i}'\n`).join("");
  const files: Record<string, string> = {
    "settings.gradle": settings,
    "build-logic/gradle.lockfile": HEADER +
      "com.google.guava:guava:33.0.0-jre=runtimeClasspath\nempty=\n",
  };
  for (let i = 0; i < 300; i++) {
    files[`modules/mod-${i}/gradle.lockfile`] = HEADER +
      "com.google.guava:guava:33.0.0-jre=runtimeClasspath\nempty=\n";
  }
  const load = (path: string): string | undefined => files[path];
  const memo = new Map<string, unknown>();
  for (const path of Object.keys(files).filter((p) => p.endsWith(".lockfile"))) {
    const out = readGradleLockfile(files[path], { path, load, peek: load, memo });
    const scope = path.startsWith("build-logic/") ? "build" : "runtime";
    assert.deepEqual(scopes(out), { "pkg:maven/com.google.guava/guava@33.0.0-jre": scope }, path);
  }
  // The same text gives the same answer, found once.
  assert.equal(pluginBuilds(settings, false), pluginBuilds(settings, false));
  assert.deepEqual(pluginBuilds(settings, false), ["build-logic"]);
  assert.equal(computedBuildFileNames(settings, false), computedBuildFileNames(settings, false));
});

Deno.test("gradleScopes: test, tool, compile-only and runtime configurations", () => {
  assert.deepEqual(gradleScopes(["runtimeClasspath", "compileClasspath"], false), ["runtime"]);
  assert.deepEqual(gradleScopes(["compileClasspath"], false), ["build"]);
  assert.deepEqual(gradleScopes(["testFixturesRuntimeClasspath"], false), ["dev"]);
  assert.deepEqual(gradleScopes(["debugAndroidTestRuntimeClasspath"], false), ["dev"]);
  assert.deepEqual(gradleScopes(["kapt", "ksp", "annotationProcessor"], false), ["build"]);
  assert.deepEqual(gradleScopes(["kaptTest", "testAnnotationProcessor"], false), ["dev"]);
  assert.deepEqual(gradleScopes(["runtimeClasspath"], true), ["build"]);
  // JoseLion/maybe's gradle.lockfile: SonarLint's analyzer plugins and animal-sniffer
  // signatures are tools of the build, not shipped.
  assert.deepEqual(gradleScopes(["sonarlintPlugins"], false), ["build"]);
  assert.deepEqual(gradleScopes(["signatures", "sonarlint"], false), ["build"]);
  assert.deepEqual(
    gradleScopes(
      ["kotlinCompilerClasspath", "kotlinKlibCommonizerClasspath", "dokkaHtmlPlugin"],
      false,
    ),
    ["build"],
  );
  assert.deepEqual(
    gradleScopes(["kotlinCompilerPluginClasspathMain", "releaseRuntimeClasspath"], false),
    [
      "build",
      "runtime",
    ],
  );
});

Deno.test("gradleScopes: the Kotlin and Android Gradle plugins' tool, lint, metadata and internal configurations are not shipped", () => {
  const cases: Array<[string, Record<string, string[]>]> = [
    // A Kotlin JVM project's lock (ADarko22/JDKCertsTool): swift export, ABI validation and
    // BouncyCastle classpaths of the plugin, and the metadata of shared source sets.
    ["kotlin-tools.lockfile", {
      "pkg:maven/com.github.ajalt.clikt/clikt-jvm@5.1.0": ["dev", "runtime"],
      "pkg:maven/com.github.ajalt.clikt/clikt@5.1.0": ["dev", "runtime"],
      "pkg:maven/com.github.ben-manes.caffeine/caffeine@2.9.3": ["build"],
      "pkg:maven/io.github.java-diff-utils/java-diff-utils@4.12": ["build"],
      "pkg:maven/org.bouncycastle/bcprov-jdk18on@1.80.2": ["build"],
      "pkg:maven/org.jetbrains.kotlin/kotlin-stdlib-common@2.3.0": ["build", "dev"],
      "pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@2.2.21": ["build"],
      "pkg:maven/org.jetbrains.kotlinx/atomicfu@0.23.1": ["build", "dev"],
    }],
    // Lines of an Android app's lock (home-assistant/android): only the variants'
    // RuntimeClasspath ships; Hilt/KSP processors, lint checks, JaCoCo, the Compose
    // mapping producer and AGP's internal (_…) configurations are build tools.
    ["android.lockfile", {
      "pkg:maven/androidx.activity/activity@1.13.0": ["build", "dev", "runtime"],
      "pkg:maven/androidx.compose.material/material-icons-core-desktop@1.7.8": ["build", "dev"],
      "pkg:maven/org.jetbrains.kotlinx/atomicfu@0.22.0": ["build"],
      "pkg:maven/org.jetbrains.kotlinx/kotlinx-serialization-json@1.8.1": ["build", "dev"],
      "pkg:maven/org.jvnet.staxex/stax-ex@1.8.1": ["build"],
      "pkg:maven/org.ow2.asm/asm@9.9": ["build"],
      "pkg:maven/org.ow2.asm/asm@9.9.1": ["build"],
      "pkg:maven/org.xerial/sqlite-jdbc@3.41.2.2": ["build", "dev"],
      "pkg:maven/org.junit.jupiter/junit-jupiter-engine@6.0.3": ["dev"],
    }],
  ];
  for (const [name, expected] of cases) {
    const out = readGradleLockfile(
      Deno.readTextFileSync(fixture("java", "gradle_lockfile", name)),
      { path: "gradle.lockfile" },
    );
    const scopes = Object.fromEntries(out.components.map((c) => [c.id, c.scopes.toSorted()]));
    assert.deepEqual(scopes, expected, name);
  }
});

Deno.test("gradleScopes: Spring Boot's developmentOnly modules are dev, not shipped", () => {
  // A Spring Boot lock: runtimeClasspath is productionRuntimeClasspath plus developmentOnly.
  assert.deepEqual(gradleScopes(["developmentOnly", "runtimeClasspath"], false), ["dev"]);
  assert.deepEqual(
    gradleScopes(["developmentOnly", "runtimeClasspath", "testRuntimeClasspath"], false),
    ["dev"],
  );
  assert.deepEqual(
    gradleScopes(
      ["compileClasspath", "developmentOnly", "productionRuntimeClasspath", "runtimeClasspath"],
      false,
    ),
    ["dev", "runtime"],
  );
  assert.deepEqual(gradleScopes(["testAndDevelopmentOnly"], false), ["dev"]);
});

Deno.test("readGradleLockfile: the scan merges the locks of a multi-project build", async () => {
  const inventory = await readInventory(fixture("java", "gradle_lockfile", "multi"));
  assert.deepEqual(inventory.sources, [
    "app/gradle.lockfile",
    "buildscript-gradle.lockfile",
    "gradle.lockfile",
  ]);
  assert.equal(inventory.components.length, 15);
  const guava = inventory.components.find((c) => c.id.endsWith("guava@33.2.1-jre"))!;
  assert.deepEqual(guava.scopes, ["build", "dev", "runtime"]);
  assert.deepEqual(guava.sources, ["buildscript-gradle.lockfile", "gradle.lockfile"]);
  await assertSbomsValid(inventory, "gradle multi");
});

// Bad input in files (truncated, duplicate keys, wrong version, invalid UTF-8, …): the golden
// cases under fixtures/java/gradle_lockfile/invalid/ (tests/inventory/golden_test.ts).
Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(
    ["java", "gradle_lockfile"],
    "inventory.gradle_lockfile.invalid",
  );
  // truncated, wrong version, duplicate keys, invalid UTF-8
  // A Gradle lock file has no format version to be wrong.
  for (const name of ["truncated", "duplicate", "utf8"]) assert.ok(cases.includes(name), name);
});

// Gradle 6+ ends every lock of all configurations with `empty=<configurations>`
// (LockFileReaderWriter.writeUniqueLockfile): one cut at a line boundary before it lost modules
// and was read as whole, exit 0. Gradle < 6's per-configuration locks have no such line.
Deno.test("parseGradleLockfile: a lock without its last empty= line is cut short, a legacy one is whole", () => {
  const text = Deno.readTextFileSync(
    fixture("java", "gradle_lockfile", "multi", "gradle.lockfile"),
  );
  const lines = text.split("\n");
  assert.equal(lines.at(-2)?.startsWith("empty="), true);
  for (let n = 0; n < lines.length - 2; n++) {
    const cut = lines.slice(0, n).join("\n") + (n === 0 ? "" : "\n");
    for (const path of ["gradle.lockfile", "buildscript-gradle.lockfile", "locks/app.lockfile"]) {
      assert.throws(
        () => parseGradleLockfile(cut, path),
        new RegExp(`${path}:${Math.max(n, 1)}: no last empty= line: the file is cut short`),
        `${path} cut after line ${n}`,
      );
    }
  }
  assert.equal(parseGradleLockfile("empty=\n", "gradle.lockfile").length, 0);
  const legacy = "gradle/dependency-locks/runtimeClasspath.lockfile";
  assert.deepEqual(
    parseGradleLockfile(
      "# This is a Gradle generated file for dependency locking.\njunit:junit:4.13.2\n",
      legacy,
    )
      .map((m) => m.configurations),
    [["runtimeClasspath"]],
  );
  assert.deepEqual(parseGradleLockfile("", legacy), []);
});

// A list Gradle writes (`a,b`) is split as it is; any other has each name trimmed and the empty
// ones left; a space in a coordinate, or an empty name or version, is refused.
Deno.test("parseGradleLockfile: configurations trimmed, empty ones left; coordinates without spaces", () => {
  const configurations = (list: string): string[] =>
    parseGradleLockfile(`g:a:1=${list}\nempty=\n`, "gradle.lockfile")[0].configurations;
  assert.deepEqual(configurations("a,b"), ["a", "b"]);
  assert.deepEqual(configurations(" a ,\tb , ,c,"), ["a", "b", "c"]);
  assert.deepEqual(configurations(",a\u00a0,\ufeffb"), ["a", "b"]);
  assert.throws(() => configurations(" , ,"), /names no configuration after =/);
  assert.deepEqual(
    parseGradleLockfile(":a:1=c\nempty=\n", "gradle.lockfile").map((m) => m.group),
    [""],
  );
  for (const coordinates of ["g::1", "g:a:", "g :a:1", "g:a\u00a0:1", "g:a:1\tb", "g:a"]) {
    assert.throws(
      () => parseGradleLockfile(`${coordinates}=c\nempty=\n`, "gradle.lockfile"),
      /expected group:name:version=configurations/,
      coordinates,
    );
  }
});

Deno.test("parseGradleLockfile: LF, CRLF and CR-alone line ends read alike (Java's readLine)", () => {
  const text = Deno.readTextFileSync(
    fixture("java", "gradle_lockfile", "multi", "gradle.lockfile"),
  );
  const lf = parseGradleLockfile(text, "gradle.lockfile");
  assert.ok(lf.length > 1);
  // A CR alone read no module at all (one long comment line): a silently empty inventory.
  assert.deepEqual(parseGradleLockfile(text.replaceAll("\n", "\r"), "gradle.lockfile"), lf);
  assert.deepEqual(parseGradleLockfile(text.replaceAll("\n", "\r\n"), "gradle.lockfile"), lf);
});

Deno.test("parseGradleLockfile: a line without configurations, or with four coordinates, is invalid", () => {
  assert.throws(
    () => parseGradleLockfile("a:b:1=\n", "gradle.lockfile"),
    /names no configuration after =/,
  );
  assert.throws(
    () => parseGradleLockfile("a:b:c:1=x\n", "gradle.lockfile"),
    /expected group:name:version/,
  );
});

Deno.test({
  name: "readGradleLockfile: the nomulus build (35 lock files) is read whole",
  ignore: skipWithoutShared("the nomulus Gradle corpus test"),
  fn: async () => {
    const root = `${SHARED_DIR}/corpus/google__nomulus`;
    const inventory = await readInventory(root);
    // Counted with grep/cut/sort -u over every *.lockfile (comments and empty= left out):
    // 738 distinct group:name:version; 79 in buildscript locks, 67 of them only there (→ build);
    // 102 whose every configuration in gradle.lockfile files is a test one (→ dev only).
    assert.equal(inventory.sources.filter((s) => s.endsWith(".lockfile")).length, 35);
    assert.equal(inventory.components.length, 738);
    assert.deepEqual(inventory.members, []);
    const only = (scope: string): number =>
      inventory.components.filter((c) => c.scopes.join(",") === scope).length;
    assert.equal(
      inventory.components.filter((c) =>
        c.sources.every((s) => s.endsWith("buildscript-gradle.lockfile"))
      )
        .length,
      67,
    );
    assert.equal(only("dev"), 102);
    const ids = new Set(inventory.components.map((c) => c.id));
    for (
      const purl of [
        "pkg:maven/com.google.guava/guava@33.6.0-jre",
        "pkg:maven/com.google.guava/guava@32.1.2-jre", // buildscript classpath only
        "pkg:maven/com.google.guava/listenablefuture@9999.0-empty-to-avoid-conflict-with-guava",
        "pkg:maven/net.sf.saxon/Saxon-HE@12.5", // case kept
      ]
    ) assert.ok(ids.has(purl), purl);
    assert.deepEqual(
      inventory.components.find((c) => c.id === "pkg:maven/com.google.guava/guava@32.1.2-jre")
        ?.scopes,
      ["build"],
    );
    await assertSbomsValid(inventory, "google__nomulus");
  },
});

// Found on Electric-Coin-Company/kotlin-bip39 (a Kotlin Multiplatform library whose lock has
// `org.json:json:20210307=koverJvmReporter`): Kover's coverage agent and reporter are build
// tools, as JaCoCo's are; so are the executables the protobuf plugin resolves
// (`protobufToolsLocator_<name>`), and its `…ProtoPath` import path is compile-time only.
Deno.test("gradleScopes: Kover's and the protobuf plugin's tool configurations are build", () => {
  const out = readGradleLockfile(
    Deno.readTextFileSync(fixture("java", "gradle_lockfile", "tool-classpaths.lockfile")),
    { path: "lib/gradle.lockfile" },
  );
  assert.deepEqual(Object.fromEntries(out.components.map((c) => [c.id, c.scopes.toSorted()])), {
    "pkg:maven/com.google.api.grpc/proto-google-common-protos@2.41.0": ["build", "dev"],
    "pkg:maven/com.google.protobuf/protobuf-java@3.25.5": ["dev", "runtime"],
    "pkg:maven/com.google.protobuf/protoc@3.25.5": ["build"],
    "pkg:maven/io.grpc/protoc-gen-grpc-java@1.66.0": ["build"],
    "pkg:maven/org.jetbrains.intellij.deps/intellij-coverage-agent@1.0.765": ["build"],
    "pkg:maven/org.jetbrains.intellij.deps/intellij-coverage-reporter@1.0.765": ["build"],
    "pkg:maven/org.jetbrains/annotations@13.0": ["build", "runtime"],
    "pkg:maven/org.json/json@20210307": ["build"],
  });
});

// Found on bwaldvogel/mongo-java-server (the root applies jacoco-report-aggregation: its lock lists
// every subproject's test libraries under `allCodeCoverageReportClassDirectories`) and
// MovingBlocks/gestalt (ru.vyarus.animalsniffer: `signature`, `animalsniffer`): report inputs and
// tool classpaths, never shipped; they were runtime.
Deno.test("gradleScopes: JaCoCo report aggregation and animal-sniffer configurations are build", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "com.toasttab.android:gummy-bears-api-24:0.15.0=signature",
    "io.netty:netty-buffer:4.1.80.Final=allCodeCoverageReportClassDirectories,runtimeClasspath,testRuntimeClasspath",
    "org.assertj:assertj-core:3.23.1=allCodeCoverageReportClassDirectories",
    "org.codehaus.mojo:animal-sniffer:1.24=animalsniffer",
    "org.junit:junit-bom:5.9.0=allCodeCoverageReportSourceDirectories,jacocoRootReportExecutionData",
    "org.mockito:mockito-core:4.7.0=integrationCodeCoverageReportExecutionData",
    "empty=annotationProcessor",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "gradle.lockfile" })), {
    "pkg:maven/com.toasttab.android/gummy-bears-api-24@0.15.0": "build",
    "pkg:maven/io.netty/netty-buffer@4.1.80.Final": "build,dev,runtime",
    "pkg:maven/org.assertj/assertj-core@3.23.1": "build",
    "pkg:maven/org.codehaus.mojo/animal-sniffer@1.24": "build",
    "pkg:maven/org.junit/junit-bom@5.9.0": "build",
    "pkg:maven/org.mockito/mockito-core@4.7.0": "build",
  });
});

// PMD's `pmdAux` (the classpath it resolves types against), the Scala plugin's `zinc` and
// `scalaCompilerPlugins`, scoverage's instrumenter and net.ltgt.apt's `apt`: tools, never shipped.
Deno.test("gradleScopes: PMD, Scala compiler, scoverage and apt configurations are build", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "com.google.auto.value:auto-value:1.10.4=apt",
    "org.scala-lang:scala-library:2.13.12=compileClasspath,runtimeClasspath,zinc",
    "org.scala-sbt:zinc_2.13:1.9.5=zinc",
    "org.scalamacros:paradise_2.12.18:2.1.1=scalaCompilerPlugins",
    "org.scoverage:scalac-scoverage-plugin_2.13.12:2.0.11=scoverage",
    "org.slf4j:slf4j-api:2.0.9=pmdAux",
    "empty=",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "gradle.lockfile" })), {
    "pkg:maven/com.google.auto.value/auto-value@1.10.4": "build",
    "pkg:maven/org.scala-lang/scala-library@2.13.12": "build,runtime",
    "pkg:maven/org.scala-sbt/zinc_2.13@1.9.5": "build",
    "pkg:maven/org.scalamacros/paradise_2.12.18@2.1.1": "build",
    "pkg:maven/org.scoverage/scalac-scoverage-plugin_2.13.12@2.0.11": "build",
    "pkg:maven/org.slf4j/slf4j-api@2.0.9": "build",
  });
});

// Fabric Loom's `mappings` (Yarn, what it remaps Minecraft with; wlritchi/shulker-trims' fabric/
// lock), `mappingsFinal`, `mappingsConstants` and `unpick` (Loom's Constants.Configurations) are
// inputs of the build's remapping, on no classpath: they were runtime, as custom configurations
// are. The mods (`modImplementation`) and Minecraft's libraries stay runtime.
Deno.test("gradleScopes: Fabric Loom's mappings and unpick configurations are build", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "net.fabricmc:fabric-loader:0.17.2=modImplementation,modImplementationCopy",
    "net.fabricmc:yarn:1.21.10+build.2=mappings",
    "net.fabricmc:yarn-constants:1.21.10+build.2=mappingsConstants",
    "net.fabricmc:unpick-definitions:1.21.10=unpick",
    "net.java.dev.jna:jna:5.15.0=minecraftLibraries",
    "empty=modApi,modLocalRuntime",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "gradle.lockfile" })), {
    "pkg:maven/net.fabricmc/fabric-loader@0.17.2": "runtime",
    "pkg:maven/net.fabricmc/unpick-definitions@1.21.10": "build",
    "pkg:maven/net.fabricmc/yarn-constants@1.21.10%2Bbuild.2": "build",
    "pkg:maven/net.fabricmc/yarn@1.21.10%2Bbuild.2": "build",
    "pkg:maven/net.java.dev.jna/jna@5.15.0": "runtime",
  });
});

// Kotlin/Native's distribution and flat-dir or Ivy artifacts have no group: Gradle writes the lock
// line `:name:version=…` (and `group=""` in verification-metadata.xml). Refused as invalid before;
// no Maven coordinate (the purl-spec maven type needs the group), so pkg:generic, as the
// verification reader makes it, and the two merge into one component with the lock's scopes.
Deno.test("readGradleLockfile: a module without a group (:name:version) is pkg:generic, scoped as usual", async () => {
  const lock = [
    "# This is a Gradle generated file for dependency locking.",
    ":kotlin-native-prebuilt-linux-x86_64:1.9.23=kotlinNativeBundleConfiguration",
    ":local-lib:1.0=compileClasspath,runtimeClasspath",
    "junit:junit:4.13.2=testRuntimeClasspath",
    "empty=",
    "",
  ].join("\n");
  const out = readGradleLockfile(lock, { path: "gradle.lockfile" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.ecosystem, c.name, c.scopes]), [
    [
      "pkg:generic/kotlin-native-prebuilt-linux-x86_64@1.9.23",
      "generic",
      "kotlin-native-prebuilt-linux-x86_64",
      ["build"],
    ],
    ["pkg:generic/local-lib@1.0", "generic", "local-lib", ["runtime"]],
    ["pkg:maven/junit/junit@4.13.2", "maven", "junit:junit", ["dev"]],
  ]);
  // Only the group may be empty.
  for (const bad of ["a::1.0=x", "a:b:=x", "::1.0=x"]) {
    assert.throws(() => parseGradleLockfile(bad, "gradle.lockfile"), /expected group:name:version/);
  }
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "gradle.lockfile": lock,
      "gradle/verification-metadata.xml": `<?xml version="1.0" encoding="UTF-8"?>
<verification-metadata xmlns="https://schema.gradle.org/dependency-verification">
   <components>
      <component group="" name="local-lib" version="1.0">
         <artifact name="local-lib-1.0.jar">
            <sha256 value="${"a".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
   </components>
</verification-metadata>
`,
    });
    const inventory = await readInventory(dir);
    const local = inventory.components.filter((c) => c.name === "local-lib");
    assert.deepEqual(local.map((c) => [c.id, c.scopes, c.hashes.length, c.sources]), [[
      "pkg:generic/local-lib@1.0",
      ["runtime"],
      1,
      ["gradle.lockfile", "gradle/verification-metadata.xml"],
    ]]);
    await assertSbomsValid(inventory, "gradle lock without group");
  });
});

// Gradle writes a project's lock where its build script says (`dependencyLocking { lockFile =
// file("…") }`, Gradle 6.4+), under any name. The scan knew only gradle.lockfile's names: such a
// lock was never read, and the build scripts were reported not read (which blocks `vouch attest`).
Deno.test("readInventory: the locks build scripts name at other paths are read, as their folders' locks", async () => {
  const files: Record<string, string> = {
    "settings.gradle": 'rootProject.name = "demo"\ninclude("lib", "app")\n',
    "build.gradle": "buildscript {\n  dependencyLocking {\n    lockAllConfigurations()\n" +
      '    lockFile = file("gradle/dependencies/buildscript.lock")\n  }\n}\n' +
      'dependencyLocking {\n    lockAllConfigurations()\n    lockFile = file("gradle/dependencies/root.lock")\n}\n',
    "gradle/dependencies/buildscript.lock":
      "com.diffplug.spotless:spotless-plugin-gradle:6.25.0=classpath\nempty=\n",
    "gradle/dependencies/root.lock":
      "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\n" +
      "org.junit.jupiter:junit-jupiter-api:5.10.0=testCompileClasspath\nempty=\n",
    // A lock named gradle.lockfile, but not beside the script that names it.
    "lib/build.gradle.kts":
      'dependencyLocking {\n    lockFile.set(rootProject.layout.projectDirectory.file("locks/lib/gradle.lockfile"))\n}\n',
    "locks/lib/gradle.lockfile": "org.slf4j:slf4j-api:2.0.9=runtimeClasspath\nempty=\n",
    "app/build.gradle.kts":
      'dependencyLocking {\n    lockFile.set(file("$projectDir/locks/app.lockfile"))\n}\n',
    "app/locks/app.lockfile": "io.netty:netty-handler:4.1.100.Final=runtimeClasspath\nempty=\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
      "pkg:maven/com.diffplug.spotless/spotless-plugin-gradle@6.25.0 build",
      "pkg:maven/com.google.guava/guava@33.0.0-jre runtime",
      "pkg:maven/io.netty/netty-handler@4.1.100.Final runtime",
      "pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.0 dev",
      "pkg:maven/org.slf4j/slf4j-api@2.0.9 runtime",
    ]);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(warnings, []);
    for (const path of Object.keys(files).filter((p) => p !== "settings.gradle")) {
      assert.ok(inventory.sources.includes(path), `${path} is read`);
    }
    await assertSbomsValid(inventory, "named locks");
  });
});

// Shaped like signalapp/Signal-Android's gradle/: the default catalog and others the settings
// script creates (`versionCatalogs { create("testLibs") { from(files("gradle/test-libs.versions.toml")) } }`).
// Without a lock, each is named unread, not only the default one; a lock of the build resolves them.
Deno.test("readInventory: every version catalog of gradle/ is unread without a lock, resolved with one", async () => {
  const files: Record<string, string> = {
    "settings.gradle.kts": 'rootProject.name = "Signal"\ndependencyResolutionManagement {\n' +
      '  versionCatalogs {\n    create("testLibs") { from(files("gradle/test-libs.versions.toml")) }\n' +
      "  }\n}\n",
    "build.gradle.kts": "plugins {\n  alias(libs.plugins.android.application)\n}\n" +
      "dependencies {\n  implementation(libs.androidx.core)\n  testImplementation(testLibs.junit)\n}\n",
    "gradle/libs.versions.toml": '[libraries]\nandroidx-core = "androidx.core:core:1.13.1"\n',
    "gradle/test-libs.versions.toml": '[libraries]\njunit = "junit:junit:4.13.2"\n',
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const unread = await readInventory(dir);
    assert.deepEqual(unread.unread, [
      "build.gradle.kts",
      "gradle/libs.versions.toml",
      "gradle/test-libs.versions.toml",
    ]);
    await Deno.writeTextFile(
      `${dir}/gradle.lockfile`,
      "androidx.core:core:1.13.1=releaseRuntimeClasspath\n" +
        "junit:junit:4.13.2=testReleaseUnitTestRuntimeClasspath\nempty=\n",
    );
    const locked = await readInventory(dir);
    assert.deepEqual(locked.unread, []);
    assert.deepEqual(locked.components.map((c) => c.id), [
      "pkg:maven/androidx.core/core@1.13.1",
      "pkg:maven/junit/junit@4.13.2",
    ]);
  });
});

// Gradle reads and writes only the lock a script names: a gradle.lockfile left beside it (from
// before the script moved its lock) is stale. It was read too, adding its old versions silently,
// where a deno.lock beside a deno.json that names another lock is left out with a warning.
Deno.test("readInventory: a default lock beside a script that names another is not read, with a warning", async () => {
  const files: Record<string, string> = {
    "settings.gradle": 'rootProject.name = "demo"\n',
    "build.gradle": "buildscript {\n  dependencyLocking {\n    lockAllConfigurations()\n" +
      '    lockFile = file("locks/buildscript.lockfile")\n  }\n}\n' +
      'dependencyLocking {\n    lockAllConfigurations()\n    lockFile = file("locks/app.lockfile")\n}\n',
    "locks/buildscript.lockfile":
      "com.diffplug.spotless:spotless-plugin-gradle:6.25.0=classpath\nempty=\n",
    "locks/app.lockfile": "com.google.guava:guava:33.0.0-jre=runtimeClasspath\nempty=\n",
    "gradle.lockfile": "com.google.guava:guava:20.0=runtimeClasspath\nempty=\n",
    "buildscript-gradle.lockfile":
      "com.diffplug.spotless:spotless-plugin-gradle:5.0.0=classpath\nempty=\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:maven/com.diffplug.spotless/spotless-plugin-gradle@6.25.0",
      "pkg:maven/com.google.guava/guava@33.0.0-jre",
    ]);
    assert.deepEqual(warnings, [
      'buildscript-gradle.lockfile is not read: build.gradle names another lock (line 4, lockFile = file("locks/buildscript.lockfile")), so Gradle does not use it',
      'gradle.lockfile is not read: build.gradle names another lock (line 9, lockFile = file("locks/app.lockfile")), so Gradle does not use it',
    ]);
    assert.deepEqual(inventory.unread, []);
  });
});

// What a script names at a path vouch cannot tell (computed: a property the build does not set
// literally), or a lock it names that is not there, leaves the script unread, saying so, even
// where a lock above would resolve it: that lock is not the one Gradle checks the project's
// dependencies against. Gradle's own example (`val scalaVersion = "2.12"`, then
// `file("$projectDir/locking/gradle-${scalaVersion}.lockfile")`) says its path.
Deno.test("readInventory: a script naming its lock at a computed path or a missing file stays unread, saying why", async () => {
  const files: Record<string, string> = {
    "settings.gradle.kts": 'include("core", "app", "web")\n',
    "gradle.lockfile": "org.slf4j:slf4j-api:2.0.9=runtimeClasspath\nempty=\n",
    "core/build.gradle.kts": 'val scalaVersion = "2.12"\ndependencyLocking {\n' +
      '    lockFile = file("$projectDir/locking/gradle-${scalaVersion}.lockfile")\n}\n',
    "core/locking/gradle-2.12.lockfile":
      "org.scala-lang:scala-library:2.12.18=runtimeClasspath\nempty=\n",
    "app/build.gradle.kts": 'val scalaVersion = findProperty("scala") ?: "2.12"\n' +
      'dependencyLocking {\n    lockFile = file("$projectDir/locking/gradle-${scalaVersion}.lockfile")\n}\n',
    "app/locking/gradle-2.12.lockfile":
      "org.scala-lang:scala-library:2.12.18=runtimeClasspath\nempty=\n",
    "web/build.gradle": 'dependencyLocking {\n    lockFile = file("locks/web.lockfile")\n}\n',
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.unread, ["app/build.gradle.kts", "web/build.gradle"]);
    assert.deepEqual(warnings.map((w) => w.replace(/ \(name the lock .*\)$/, "")), [
      'app/build.gradle.kts is not read: it names a dependency lock vouch cannot read: line 3, lockFile = file("$projectDir/locking/gradle-${scalaVersion}.lockfile"): it is computed',
      'web/build.gradle is not read: it names a dependency lock vouch cannot read: line 2, lockFile = file("locks/web.lockfile"): no such file',
    ]);
    assert.deepEqual(inventory.components.map((c) => c.id), [
      "pkg:maven/org.scala-lang/scala-library@2.12.18",
      "pkg:maven/org.slf4j/slf4j-api@2.0.9",
    ]);
  });
});

// A lock a build keeps at a path of its choosing (`dependencyLocking { lockFile = file(…) }`),
// named with `--lockfile`, was refused for its name: Gradle's header says what it is.
Deno.test("readInventory: --lockfile reads a Gradle lock of any name by its header, refuses other text", async () => {
  const files: Record<string, string> = {
    "gradle/locks/app.lock": "# This is a Gradle generated file for dependency locking.\r\n" +
      "# Manual edits can break the build and are not advised.\r\n" +
      "# This file is expected to be part of source control.\r\n" +
      "org.slf4j:slf4j-api:2.0.9=runtimeClasspath\r\njunit:junit:4.13.2=testRuntimeClasspath\r\n" +
      "empty=\r\n",
    "gradle/locks/other.lock": "org.slf4j:slf4j-api:2.0.9=runtimeClasspath\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const inventory = await readInventory(dir, { lockfiles: ["gradle/locks/app.lock"] });
    assert.deepEqual(
      inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`),
      ["pkg:maven/junit/junit@4.13.2 dev", "pkg:maven/org.slf4j/slf4j-api@2.0.9 runtime"],
    );
    await assert.rejects(
      () => readInventory(dir, { lockfiles: ["gradle/locks/other.lock"] }),
      (error: Error & { code?: string }) =>
        error.code === "inventory.unknown_lockfile" &&
        error.message.includes("no reader for this file name"),
    );
  });
});

// Flutter's Android builds: android/build.gradle.kts locks every subproject in android/, as
// project-<name>.lockfile (its generate_gradle_lockfiles tool). They were not read, and the
// script was unread as "set for other projects".
Deno.test("readInventory: the locks a root script sets for each subproject are read", async () => {
  const files: Record<string, string> = {
    "android/settings.gradle.kts": 'include(":app")\n',
    "android/build.gradle.kts": 'subprojects {\n    project.evaluationDependsOn(":app")\n' +
      '    dependencyLocking {\n        ignoredDependencies.add("io.flutter:*")\n' +
      '        lockFile = file("${rootProject.projectDir}/project-${project.name}.lockfile")\n' +
      '        if (!project.hasProperty("local-engine-repo")) {\n' +
      "            lockAllConfigurations()\n        }\n    }\n}\n",
    "android/app/build.gradle.kts": 'plugins {\n    id("com.android.application")\n}\n',
    "android/project-app.lockfile": "# This is a Gradle generated file for dependency locking.\n" +
      "androidx.core:core:1.13.1=debugRuntimeClasspath,releaseRuntimeClasspath\n" +
      "junit:junit:4.13.2=debugUnitTestRuntimeClasspath\nempty=\n",
    "android/project-url_launcher_android.lockfile":
      "androidx.browser:browser:1.8.0=releaseRuntimeClasspath\nempty=\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const inventory = await readInventory(dir, {});
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
      "pkg:maven/androidx.browser/browser@1.8.0 runtime",
      "pkg:maven/androidx.core/core@1.13.1 runtime",
      "pkg:maven/junit/junit@4.13.2 dev",
    ]);
  });
});

// A root script that only configures its subprojects (`subprojects { dependencyLocking { … } }`)
// has no lock of its own: Gradle writes none for a project with nothing to lock. It was reported
// unread although the subprojects' locks lock all it declares.
Deno.test("readInventory: a root script that declares only for its subprojects is resolved by their locks", async () => {
  const lock = "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\nempty=\n";
  const subprojects = "subprojects {\n  apply plugin: 'java'\n" +
    "  dependencyLocking { lockAllConfigurations() }\n" +
    "  dependencies { testImplementation 'junit:junit:4.13.2' }\n}\n";
  const files: Record<string, string> = {
    "settings.gradle": "rootProject.name = 'demo'\ninclude 'app'\n",
    "build.gradle": "buildscript {\n  dependencies { classpath 'com.diffplug.spotless:" +
      "spotless-plugin-gradle:6.25.0' }\n}\n// dependencies { implementation 'x:y:1' }\n" +
      subprojects,
    "app/build.gradle": "dependencies { implementation 'com.google.guava:guava:33.0.0-jre' }\n",
    "app/gradle.lockfile": lock,
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(warnings, []);
    // Dependencies of the root project's own stay unread: no lock locks them.
    await writeTree(dir, {
      "build.gradle": `${subprojects}dependencies { implementation 'x:y:1' }\n`,
    });
    const own = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(own.unread, ["build.gradle"]);
    // So does a root script of a build without any lock.
    await Deno.remove(`${dir}/app/gradle.lockfile`);
    await writeTree(dir, { "build.gradle": subprojects });
    const none = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(none.unread, ["app/build.gradle", "build.gradle"]);
    // Nor does the lock of a build of its own below (a settings script makes examples/x one).
    await writeTree(dir, {
      "examples/x/settings.gradle": "rootProject.name = 'x'\n",
      "examples/x/build.gradle":
        "dependencies { implementation 'com.google.guava:guava:33.0.0-jre' }\n",
      "examples/x/gradle.lockfile": lock,
    });
    const other = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(other.unread, ["app/build.gradle", "build.gradle"]);
  });
});

// Gradle keeps each project's lock in the project's folder ("unique per project",
// DependencyLockingHandler.getLockFile): the root project's gradle.lockfile (or its settings or
// buildscript lock) locks none of a subproject's dependencies. A subproject script that declares
// dependencies and has no lock of its own counted as read through the root's lock, and what it
// declares was missing from the SBOM unsaid (hypertrace/java-grpc-utils' shape, a subproject
// without its lock).
Deno.test("readInventory: a subproject script without its own lock is not resolved by the root project's", async () => {
  const files: Record<string, string> = {
    "settings.gradle.kts": 'rootProject.name = "grpc-utils"\ninclude(":grpc-context-utils")\n' +
      'include(":grpc-ratelimiter-utils")\ninclude(":docs")\n',
    "settings-gradle.lockfile":
      "org.hypertrace.bom:hypertrace-version-catalog:0.3.52=incomingCatalogForCommonLibs0\n" +
      "empty=incomingCatalogForLocalLibs0\n",
    "build.gradle.kts": 'plugins {\n  id("org.owasp.dependencycheck") version "8.2.1"\n}\n' +
      "dependencyLocking { lockAllConfigurations() }\n",
    "gradle.lockfile": "empty=\n",
    "grpc-context-utils/build.gradle.kts":
      'dependencies {\n  implementation("io.grpc:grpc-core:1.68.3")\n}\n',
    "grpc-context-utils/gradle.lockfile":
      "io.grpc:grpc-core:1.68.3=compileClasspath,runtimeClasspath\nempty=\n",
    "grpc-ratelimiter-utils/build.gradle.kts":
      'dependencies {\n  implementation("com.bucket4j:bucket4j-core:8.7.0")\n}\n',
    // buildSrc is a build of its own: the root's lock does not lock it either.
    "buildSrc/build.gradle.kts": "plugins { `kotlin-dsl` }\n" +
      'dependencies { implementation("org.jetbrains.kotlin:kotlin-gradle-plugin:2.0.0") }\n',
    // A script that declares nothing of its own (its plugins configure it) stays resolved.
    "docs/build.gradle.kts": 'plugins {\n  id("org.hypertrace.docs-plugin")\n}\n',
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.unread, [
      "buildSrc/build.gradle.kts",
      "grpc-ratelimiter-utils/build.gradle.kts",
    ]);
    assert.match(warnings.join("\n"), /grpc-ratelimiter-utils\/build\.gradle\.kts is not read/);
    // Its own lock resolves it; so does the build's verification metadata, which verifies what
    // every project of the build resolves.
    await writeTree(dir, {
      "buildSrc/gradle.lockfile":
        "org.jetbrains.kotlin:kotlin-gradle-plugin:2.0.0=compileClasspath,runtimeClasspath\n" +
        "empty=\n",
      "grpc-ratelimiter-utils/gradle.lockfile":
        "com.bucket4j:bucket4j-core:8.7.0=compileClasspath,runtimeClasspath\nempty=\n",
    });
    assert.deepEqual((await readInventory(dir, {})).unread, []);
    await Deno.remove(`${dir}/grpc-ratelimiter-utils/gradle.lockfile`);
    await writeTree(dir, {
      "gradle/verification-metadata.xml":
        '<?xml version="1.0" encoding="UTF-8"?>\n<verification-metadata>\n<components>\n' +
        '<component group="com.bucket4j" name="bucket4j-core" version="8.7.0">\n' +
        '<artifact name="bucket4j-core-8.7.0.jar"><sha256 value="' + "ab".repeat(32) +
        '" origin="Generated by Gradle"/></artifact>\n</component>\n</components>\n' +
        "</verification-metadata>\n",
    });
    assert.deepEqual((await readInventory(dir, { onWarning: () => {} })).unread, []);
  });
});

// A subproject's `buildscript-gradle.lockfile` locks its script's classpath only
// (`buildscript { }`), not its project's configurations: a subproject whose only lock it is and
// whose script declares modules of its own counted as resolved, and they were missing unsaid.
// One that declares only other projects and files (google/nomulus' integration/) has no module to
// lock: Gradle's locks hold modules only.
Deno.test("readInventory: a subproject's buildscript lock does not resolve the modules its script declares", async () => {
  const buildscript = "buildscript {\n  dependencyLocking { lockAllConfigurations() }\n" +
    "  dependencies { classpath 'com.diffplug.spotless:spotless-plugin-gradle:6.25.0' }\n}\n";
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle": "rootProject.name = 'demo'\ninclude 'app'\ninclude 'integration'\n",
      "build.gradle": "allprojects { dependencyLocking { lockAllConfigurations() } }\n",
      "gradle.lockfile": "empty=\n",
      "app/build.gradle": buildscript +
        "dependencies {\n  implementation project(':integration')\n" +
        "  implementation 'com.google.guava:guava:33.0.0-jre'\n}\n",
      "app/buildscript-gradle.lockfile":
        "com.diffplug.spotless:spotless-plugin-gradle:6.25.0=classpath\nempty=\n",
      "integration/build.gradle": buildscript +
        "dependencies {\n  testRuntimeOnly project(path: ':app', configuration: 'tests')\n" +
        '  testRuntimeOnly files("${projectDir}/lib/schema.jar")\n}\n',
      "integration/buildscript-gradle.lockfile":
        "com.diffplug.spotless:spotless-plugin-gradle:6.25.0=classpath\nempty=\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.unread, ["app/build.gradle"]);
    assert.match(warnings.join("\n"), /app\/build\.gradle is not read/);
    // Its project's own lock resolves it.
    await writeTree(dir, {
      "app/gradle.lockfile":
        "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\nempty=\n",
    });
    assert.deepEqual((await readInventory(dir, {})).unread, []);
  });
});

// The settings script may set every project's lock (`gradle.allprojects { dependencyLocking {
// lockFile = … } }`): the locks were not followed, and the scripts were reported unread.
Deno.test("readInventory: the locks the settings script sets for every project are read", async () => {
  const settings = (kotlin: boolean): string =>
    `rootProject.name = "demo"\ninclude("app")\ngradle.allprojects {\n  dependencyLocking {\n` +
    "    lockAllConfigurations()\n" +
    (kotlin
      ? '    lockFile.set(file("${rootDir}/locks/${project.name}.lockfile"))\n'
      : '    lockFile = file("${rootDir}/locks/${project.name}.lockfile")\n') +
    "  }\n}\n";
  for (const kotlin of [false, true]) {
    const kts = kotlin ? ".kts" : "";
    await withTempDir(async (dir) => {
      await writeTree(dir, {
        [`settings.gradle${kts}`]: settings(kotlin),
        [`build.gradle${kts}`]: "plugins { java }\n",
        [`app/build.gradle${kts}`]: "dependencies { implementation(libs.guava) }\n",
        "locks/demo.lockfile": "empty=\n",
        "locks/app.lockfile":
          "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\nempty=\n",
      });
      const warnings: string[] = [];
      const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
      assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
        "pkg:maven/com.google.guava/guava@33.0.0-jre runtime",
      ]);
      assert.deepEqual(inventory.unread, [], kts);
      assert.deepEqual(warnings, [], kts);
      assert.ok(inventory.sources.includes(`settings.gradle${kts}`));
      // A computed path there leaves the root script unread, saying where.
      await writeTree(dir, {
        [`settings.gradle${kts}`]: settings(kotlin).replace("${project.name}", "${x()}"),
      });
      const computed: string[] = [];
      await readInventory(dir, { onWarning: (w) => computed.push(w) });
      assert.match(
        computed.join("\n"),
        new RegExp(
          `build\\.gradle${kotlin ? "\\.kts" : ""} is not read: it names a dependency ` +
            `lock vouch cannot read: settings\\.gradle${kotlin ? "\\.kts" : ""} line 6, lockFile`,
        ),
      );
    });
  }
});

// After lukebemishprojects/crochet: the settings script names each project's classpath lock at a
// computed path (`gradle.lifecycle.beforeProject { … lockFile.set rootProject.file("locks/${…}…") }`,
// here a method's result, which vouch cannot know). The root script, looked into for the lock, stays
// unread; it was listed as a source of the SBOM too.
Deno.test("readInventory: a build script left unread for a lock at a computed path is no source of the SBOM", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle":
        "buildscript {\n    dependencyLocking {\n        lockAllConfigurations()\n" +
        '        lockFile.set file("locks/settings-buildscript-gradle.lockfile")\n    }\n}\n' +
        "gradle.lifecycle.beforeProject { p ->\n    p.buildscript {\n        dependencyLocking {\n" +
        "            lockAllConfigurations()\n" +
        '            lockFile.set rootProject.file("locks/${lockPrefix(p)}buildscript-gradle.lockfile")\n' +
        '        }\n    }\n}\nrootProject.name = "crochet"\n',
      "settings-gradle.lockfile": "empty=incomingCatalogForLibs0\n",
      "build.gradle": "plugins {\n    id 'com.gradle.plugin-publish'\n    id 'java-library'\n}\n" +
        "dependencies {\n    compileOnly(libs.gradle)\n}\n",
      "gradle/libs.versions.toml": '[versions]\ngradle="9.5.1"\n[libraries]\n' +
        'gradle = { module = "org.gradle.experimental:gradle-public-api", version.ref = "gradle" }\n',
      "locks/buildscript-gradle.lockfile":
        "com.gradle.publish:plugin-publish-plugin:2.1.1=classpath\nempty=\n",
      "locks/settings-buildscript-gradle.lockfile":
        "com.google.code.gson:gson:2.13.2=classpath\nempty=\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.match(warnings.join("\n"), /build\.gradle is not read: it names a dependency lock/);
    assert.ok(inventory.unread?.includes("build.gradle"));
    for (const path of inventory.unread ?? []) {
      assert.ok(!inventory.sources.includes(path), `${path}: listed read and not read`);
    }
  });
});

// Groovy calls a method without parentheses: `lockFile.set file("…")` (lukebemishprojects/crochet's
// settings script) names the lock as `lockFile.set(file("…"))` does. It was not seen: the locks
// were unread files and the script's modules missing, unsaid.
Deno.test('readInventory: a Groovy script\'s lockFile.set file("…") without parentheses names its lock', async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle": "rootProject.name = 'demo'\n",
      "build.gradle": "buildscript {\n  dependencyLocking {\n    lockAllConfigurations()\n" +
        '    lockFile.set file("locks/buildscript.lockfile")\n  }\n' +
        "  dependencies { classpath 'com.diffplug.spotless:spotless-plugin-gradle:6.25.0' }\n}\n" +
        "plugins { id 'java' }\ndependencyLocking {\n  lockAllConfigurations()\n" +
        "  lockFile.set file('locks/demo.lockfile')\n}\n" +
        "dependencies { implementation 'com.google.guava:guava:33.0.0-jre' }\n",
      "locks/buildscript.lockfile": "# This is a Gradle generated file for dependency locking.\n" +
        "com.diffplug.spotless:spotless-plugin-gradle:6.25.0=classpath\nempty=\n",
      "locks/demo.lockfile": "# This is a Gradle generated file for dependency locking.\n" +
        "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\nempty=\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
      "pkg:maven/com.diffplug.spotless/spotless-plugin-gradle@6.25.0 build",
      "pkg:maven/com.google.guava/guava@33.0.0-jre runtime",
    ]);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(warnings, []);
  });
});

// The settings script's own `buildscript { dependencyLocking { lockFile = … } }` moves the lock of
// its classpath (Gradle's LockFileReaderWriter: `settings-gradle.lockfile` by default, the version
// catalogs' `incomingCatalogFor…` locks staying there; lukebemishprojects/crochet's
// locks/settings-buildscript-gradle.lockfile). Only what it sets for every project was followed:
// the lock was an unread file and the settings plugins missing.
Deno.test("readInventory: the lock a settings script names for its own classpath is read, build scope", async () => {
  const header = "# This is a Gradle generated file for dependency locking.\n";
  for (const kotlin of [false, true]) {
    const kts = kotlin ? ".kts" : "";
    await withTempDir(async (dir) => {
      await writeTree(dir, {
        [`settings.gradle${kts}`]: "buildscript {\n  dependencyLocking {\n" +
          "    lockAllConfigurations()\n" +
          (kotlin
            ? '    lockFile.set(file("locks/settings-buildscript-gradle.lockfile"))\n'
            : '    lockFile = file("locks/settings-buildscript-gradle.lockfile")\n') +
          '  }\n}\nplugins {\n  id("org.gradle.toolchains.foojay-resolver-convention") ' +
          'version "1.0.0"\n}\nrootProject.name = "demo"\n',
        [`build.gradle${kts}`]: "plugins { java }\n",
        "settings-gradle.lockfile": header +
          "dev.lukebemish:conventions:0.2.0-beta.5=incomingCatalogForCLibs0\n" +
          "empty=incomingCatalogForLibs0\n",
        "locks/settings-buildscript-gradle.lockfile": header +
          "org.gradle.toolchains:foojay-resolver:1.0.0=classpath\nempty=\n",
      });
      const warnings: string[] = [];
      const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
      assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
        "pkg:maven/dev.lukebemish/conventions@0.2.0-beta.5?type=toml build",
        "pkg:maven/org.gradle.toolchains/foojay-resolver@1.0.0 build",
      ], kts);
      assert.deepEqual(inventory.unread, [], kts);
      assert.deepEqual(warnings, [], kts);
    });
  }
});

// lukebemishprojects/Chronicle's settings script names each project's buildscript lock from a
// variable its `gradle.lifecycle.beforeProject { p -> … }` block computes from the project's path
// (`locks/chronicle-gradle-plugin-buildscript-gradle.lockfile` for `:chronicle-gradle-plugin`).
// The path read as computed: that lock was an unread file ("no reader for Gradle lockfiles"), its
// plugins missing, and the scripts unread. A `${x()}` there stays computed.
Deno.test("readInventory: a lock path from a variable the settings' beforeProject block computes names each project's lock", async () => {
  const header = "# This is a Gradle generated file for dependency locking.\n";
  const settings = "buildscript {\n  dependencyLocking {\n    lockMode = LockMode.STRICT\n" +
    "    lockAllConfigurations()\n" +
    '    lockFile.set file("locks/settings-buildscript-gradle.lockfile")\n  }\n}\n\n' +
    "gradle.lifecycle.beforeProject {p ->\n    p.buildscript{\n        dependencyLocking {\n" +
    "            lockMode = LockMode.STRICT\n            lockAllConfigurations()\n" +
    "            var cleanProjectName = (p.path + \":\").replace(':', ' ').trim()" +
    ".replace(' ', '-')\n" +
    '            lockFile.set rootProject.file("locks/${cleanProjectName}' +
    "${cleanProjectName.empty ? '' : '-'}buildscript-gradle.lockfile\")\n" +
    "        }\n    }\n}\n\nrootProject.name = 'chronicle'\n\ninclude(\"plugin\")\n" +
    'project(":plugin").name = "chronicle-gradle-plugin"\n';
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle": settings,
      "plugin/build.gradle": "plugins {\n    id 'com.gradle.plugin-publish'\n}\n",
      "locks/settings-buildscript-gradle.lockfile": header +
        "com.gradle:develocity-gradle-plugin:4.0.1=classpath\nempty=\n",
      "locks/buildscript-gradle.lockfile": header +
        "org.jetbrains.kotlin:kotlin-gradle-plugin:2.3.0=classpath\nempty=\n",
      "locks/chronicle-gradle-plugin-buildscript-gradle.lockfile": header +
        "com.gradle.publish:plugin-publish-plugin:2.0.0=classpath\n" +
        "org.apache.maven:maven-model:3.6.3=classpath\nempty=\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
      "pkg:maven/com.gradle.publish/plugin-publish-plugin@2.0.0 build",
      "pkg:maven/com.gradle/develocity-gradle-plugin@4.0.1 build",
      "pkg:maven/org.apache.maven/maven-model@3.6.3 build",
      "pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@2.3.0 build",
    ]);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(warnings, []);
    // A method's value is not the block's variable: still computed, and said.
    await writeTree(dir, {
      "settings.gradle": settings.replace("${cleanProjectName}$", "${x()}$")
        .replace("${cleanProjectName.empty", "${x().empty"),
    });
    const computed: string[] = [];
    await readInventory(dir, { onWarning: (w) => computed.push(w) });
    assert.match(computed.join("\n"), /settings\.gradle line 15, lockFile\.set .*: it is computed/);
  });
});

// A build of a settings script and its projects' scripts, no root build script: the lock the
// settings script names for its own classpath was named by no script vouch looks into, and was
// left unread, saying nothing; it is found from the projects' scripts, and one it cannot read
// is said so.
Deno.test("readInventory: a settings script's named lock is read with no root build script", async () => {
  const header = "# This is a Gradle generated file for dependency locking.\n";
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle": "buildscript {\n  dependencyLocking {\n    lockAllConfigurations()\n" +
        "    lockFile = file('gradle/locks/settings.lockfile')\n  }\n}\n" +
        "plugins {\n  id 'org.gradle.toolchains.foojay-resolver-convention' version '0.8.0'\n}\n" +
        "rootProject.name = 'ledger'\ninclude 'app'\n",
      "gradle/locks/settings.lockfile": header +
        "org.gradle.toolchains:foojay-resolver:0.8.0=classpath\nempty=\n",
      "app/build.gradle":
        "plugins { id 'java' }\ndependencies { implementation 'com.google.guava:guava:33.0.0-jre' }\n",
      "app/gradle.lockfile": header +
        "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\nempty=\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
      "pkg:maven/com.google.guava/guava@33.0.0-jre runtime",
      "pkg:maven/org.gradle.toolchains/foojay-resolver@0.8.0 build",
    ]);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(warnings, []);
    // A path vouch cannot tell is said.
    await writeTree(dir, {
      "settings.gradle": "buildscript {\n  dependencyLocking {\n" +
        "    lockFile = file(\"gradle/locks/${System.getenv('LOCK')}.lockfile\")\n  }\n}\n" +
        "include 'app'\n",
    });
    const said: string[] = [];
    await readInventory(dir, { onWarning: (w) => said.push(w) });
    assert.match(
      said.join("\n"),
      /app\/build\.gradle is not read: .*settings\.gradle line 3.*computed/,
    );
  });
});

// A settings script that names `lockFile` only in a comment (or a string) names no lock: it is no
// dependency file, neither read nor unread (lo3 noticed it counted as read, an input of the SBOM).
Deno.test("readInventory: a settings script that says lockFile only in a comment is no input", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle": "// dependencyLocking { lockFile = file('gradle/x.lockfile') }\n" +
        "rootProject.name = 'tools'\n",
      "package.json": JSON.stringify({
        name: "tools",
        version: "1.0.0",
        dependencies: { ms: "2.1.3" },
      }),
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.sources, ["package.json"]);
    assert.deepEqual(inventory.unread, []);
  });
});

// A build of a settings script alone (no build script at all: a settings plugin's build, every
// project's script left empty): Gradle still resolves the settings' classpath with its
// DependencyLockingHandler (LockFileReaderWriter: its lockFile, else settings-gradle.lockfile).
// Was: the lock it names read by nothing, silently.
Deno.test("readInventory: a settings script's named lock is read in a build with no build script", async () => {
  const header = "# This is a Gradle generated file for dependency locking.\n";
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle.kts": "buildscript {\n  dependencyLocking {\n    lockAllConfigurations()\n" +
        '    lockFile = file("gradle/locks/settings.lockfile")\n  }\n}\n' +
        'plugins {\n  id("com.gradle.develocity") version "3.17"\n}\nrootProject.name = "tiny"\n',
      "gradle/locks/settings.lockfile": header +
        "com.gradle:develocity-gradle-plugin:3.17=classpath\nempty=\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
      "pkg:maven/com.gradle/develocity-gradle-plugin@3.17 build",
    ]);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(warnings, []);
    // A path vouch cannot tell leaves the settings script unread, saying why.
    await writeTree(dir, {
      "settings.gradle.kts": "buildscript {\n  dependencyLocking {\n" +
        '    lockFile = file("gradle/locks/${System.getenv("LOCK")}.lockfile")\n  }\n}\n',
    });
    const said: string[] = [];
    await readInventory(dir, { onWarning: (w) => said.push(w) });
    assert.match(said.join("\n"), /settings\.gradle\.kts is not read: .*line 3.*computed/);
  });
});

// A settings script may name each project's build script (`rootProject.buildFileName`,
// `project(":api").buildFileName`): Gradle's DefaultProjectDescriptor runs that file of the
// project's folder in place of build.gradle(.kts). The locks those scripts name were read by
// nothing, silently, the scan knowing build scripts by their default names only.
Deno.test("readInventory: the locks of build scripts a settings script names with buildFileName are read", async () => {
  const header = "# This is a Gradle generated file for dependency locking.\n";
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle.kts": 'rootProject.name = "billing"\n' +
        'rootProject.buildFileName = "billing.gradle.kts"\ninclude("api")\n' +
        'project(":api").buildFileName = "api.gradle.kts"\n',
      "billing.gradle.kts": "buildscript {\n  dependencyLocking {\n    lockAllConfigurations()\n" +
        '    lockFile = file("gradle/classpath.lockfile")\n  }\n}\n',
      "gradle/classpath.lockfile": header +
        "com.diffplug.spotless:spotless-plugin-gradle:6.25.0=classpath\nempty=\n",
      "api/api.gradle.kts": "plugins { java }\ndependencyLocking {\n  lockAllConfigurations()\n" +
        '  lockFile = file("locks/api.lockfile")\n}\n' +
        'dependencies { implementation("com.google.guava:guava:33.0.0-jre") }\n',
      "api/locks/api.lockfile": header +
        "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\nempty=\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
      "pkg:maven/com.diffplug.spotless/spotless-plugin-gradle@6.25.0 build",
      "pkg:maven/com.google.guava/guava@33.0.0-jre runtime",
    ]);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(warnings, []);
    // A path vouch cannot tell leaves the settings script unread, naming the script.
    await writeTree(dir, {
      "api/api.gradle.kts":
        'dependencyLocking {\n  lockFile = file("locks/${property("v")}.lockfile")\n}\n',
    });
    const said: string[] = [];
    await readInventory(dir, { onWarning: (w) => said.push(w) });
    assert.match(
      said.join("\n"),
      /settings\.gradle\.kts is not read: .*api\/api\.gradle\.kts line 2.*computed/,
    );
  });
});

// A lock the root script names for itself (its classpath's, `buildscript { dependencyLocking {
// lockFile = … } }`; the settings script's own, lukebemishprojects/Chronicle's) is not a
// subproject's: only one named for each project (`allprojects { }`) may be. A subproject whose
// script declares modules and has no lock of its own counted as read, its modules missing unsaid.
Deno.test("readInventory: the root script's own named lock does not resolve a subproject's script", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle": "rootProject.name = 'demo'\ninclude 'app'\n",
      "build.gradle": "buildscript {\n  dependencyLocking {\n    lockAllConfigurations()\n" +
        "    lockFile = file('gradle/locks/buildscript.lockfile')\n  }\n" +
        "  dependencies { classpath 'com.diffplug.spotless:spotless-plugin-gradle:6.25.0' }\n}\n",
      "gradle/locks/buildscript.lockfile":
        "com.diffplug.spotless:spotless-plugin-gradle:6.25.0=classpath\nempty=\n",
      "app/build.gradle":
        "plugins { id 'java' }\ndependencies { implementation 'com.google.guava:guava:33.0.0-jre' }\n",
    });
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(inventory.unread, ["app/build.gradle"]);
    assert.match(warnings.join("\n"), /app\/build\.gradle is not read/);
    // Its own lock resolves it.
    await writeTree(dir, {
      "app/gradle.lockfile":
        "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\nempty=\n",
    });
    assert.deepEqual((await readInventory(dir, {})).unread, []);
  });
});

// A lock buildSrc (or a build included for its plugins) names outside its folder is build logic's:
// it was runtime, as only a `buildscript { }` lock was told apart; named with --lockfile, its
// scope came from its name only.
Deno.test("readInventory: a lock a buildSrc script names elsewhere is build scope, scanned or --lockfile", async () => {
  const files: Record<string, string> = {
    "settings.gradle": "rootProject.name = 'demo'\n",
    "build.gradle": "plugins { id 'java' }\n",
    "gradle.lockfile": "com.google.guava:guava:33.0.0-jre=runtimeClasspath\nempty=\n",
    "buildSrc/build.gradle.kts": "plugins { `kotlin-dsl` }\ndependencyLocking {\n" +
      '  lockAllConfigurations()\n  lockFile.set(file("../gradle/locks/buildSrc.lockfile"))\n}\n',
    "gradle/locks/buildSrc.lockfile":
      "# This is a Gradle generated file for dependency locking.\n" +
      "org.jetbrains.kotlin:kotlin-gradle-plugin:1.9.22=compileClasspath,runtimeClasspath\n" +
      "empty=\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const scanned = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(scanned.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
      "pkg:maven/com.google.guava/guava@33.0.0-jre runtime",
      "pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@1.9.22 build",
    ]);
    assert.deepEqual(scanned.unread, []);
    const named = await readInventory(dir, { lockfiles: ["gradle/locks/buildSrc.lockfile"] });
    assert.deepEqual(named.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
      "pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@1.9.22 build",
    ]);
    assert.deepEqual(named.sources, [
      "buildSrc/build.gradle.kts",
      "gradle/locks/buildSrc.lockfile",
    ]);
  });
});

// A settings lock's `incomingCatalogFor<Name>0` locks the version catalog a settings script
// imports (`versionCatalogs { create("commonLibs") { from("g:a:v") } }`, hypertrace's
// hypertrace-version-catalog): Gradle's DefaultVersionCatalogBuilder resolves it as a
// version-catalog platform, whose one artifact the version-catalog plugin publishes is a TOML
// file (VersionCatalogPlugin's generateCatalogAsToml). Was: a type-less purl, a jar that does not
// exist.
Deno.test("readGradleLockfile: a version catalog a settings lock locks is its TOML, ?type=toml", () => {
  const text = "# This is a Gradle generated file for dependency locking.\n" +
    "org.hypertrace.bom:hypertrace-version-catalog:0.3.52=incomingCatalogForCommonLibs0\n" +
    "com.gradle:develocity-gradle-plugin:3.18.1=classpath\n" +
    "empty=incomingCatalogForLocalLibs0\n";
  const out = readGradleLockfile(text, { path: "settings-gradle.lockfile" });
  assertWellFormed(out);
  assert.deepEqual(
    out.components.map((c) => `${c.purl} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      "pkg:maven/com.gradle/develocity-gradle-plugin@3.18.1 build classpath",
      "pkg:maven/org.hypertrace.bom/hypertrace-version-catalog@0.3.52?type=toml build " +
      "incomingCatalogForCommonLibs0",
    ],
  );
});

Deno.test("readInventory: a Gradle build's root project is rootProject.name of its settings script, with the build's literal group and version; the folder's name otherwise", async () => {
  await withTempDir(async (dir) => {
    const lock = "# This is a Gradle generated file for dependency locking.\n" +
      "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\nempty=\n";
    await writeTree(dir, {
      "settings.gradle.kts": 'rootProject.name = "inventory-service"\ninclude("app")\n',
      "build.gradle.kts": 'plugins { java }\ngroup = "com.example"\nversion = "2.4.1"\n',
      "gradle.lockfile": lock,
    });
    let inventory = await readInventory(dir);
    assert.deepEqual(inventory.project, {
      name: "com.example:inventory-service",
      purl: "pkg:maven/com.example/inventory-service@2.4.1",
      version: "2.4.1",
    });
    // No group: the name alone; a version set twice (or computed) is no version.
    await writeTree(dir, {
      "build.gradle.kts": 'version = "1"\nif (x) version = "2"\n',
      "gradle.properties": "org.gradle.jvmargs=-Xmx2g\n",
    });
    inventory = await readInventory(dir);
    assert.deepEqual(inventory.project, { name: "inventory-service" });
    // A settings script that names no root project: the folder names it.
    await writeTree(dir, { "settings.gradle.kts": 'include("app")\n' });
    inventory = await readInventory(dir);
    assert.equal(inventory.project.name, dir.slice(dir.lastIndexOf("/") + 1));
  });
});

// A build with locks only in its subprojects is still the build rootProject.name names (Gradle's
// DefaultProjectDescriptor takes the root project's name from the settings script): it was named
// after the tree's folder. Its settings and root build script are peeked at, not read: a root
// script declaring dependencies no lock locks stays unread.
Deno.test("readInventory: a build locked only in its subprojects is named by rootProject.name, its root script unread", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle": "rootProject.name = 'acme-platform'\ninclude 'app', 'lib'\n",
      "build.gradle": "group = 'com.acme'\nversion = '2.1.0'\nsubprojects {\n" +
        "  dependencyLocking { lockAllConfigurations() }\n}\n" +
        "dependencies { implementation 'org.slf4j:slf4j-api:2.0.13' }\n",
      "app/build.gradle": "dependencies { implementation 'com.google.guava:guava:33.0.0-jre' }\n",
      "app/gradle.lockfile": "com.google.guava:guava:33.0.0-jre=compileClasspath\nempty=\n",
      "lib/build.gradle": "dependencies { implementation 'junit:junit:4.13.2' }\n",
      "lib/gradle.lockfile": "junit:junit:4.13.2=compileClasspath\nempty=\n",
    });
    const inventory = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(inventory.project, {
      name: "com.acme:acme-platform",
      purl: "pkg:maven/com.acme/acme-platform@2.1.0",
      version: "2.1.0",
    });
    assert.deepEqual(inventory.unread, ["build.gradle"]);
    assert.ok(!inventory.sources.includes("build.gradle"));
    // A build of its own below (its settings script) is not the root's.
    await Deno.remove(`${dir}/settings.gradle`);
    await writeTree(dir, { "app/settings.gradle": "rootProject.name = 'app'\n" });
    const other = await readInventory(dir, { onWarning: () => {} });
    assert.equal(other.project.name, dir.split("/").at(-1));
  });
});

// Gradle runs the build file a settings script names for a project (DefaultProjectDescriptor's
// buildFileName); one named by a computed value vouch cannot tell, and so neither the locks that
// script names nor the root's group and version: it had been silent. One warning a line, naming it.
Deno.test("readInventory: a buildFileName the settings script computes is a warning naming its line", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle": "rootProject.name = 'acme'\ninclude 'app'\n" +
        'rootProject.buildFileName = "${rootProject.name}.gradle"\n' +
        'rootProject.children.each { it.buildFileName = "${it.name}.gradle" }\n' +
        "project(':app').buildFileName = 'app.gradle'\n",
      "acme.gradle": "group = 'com.acme'\nversion = '1.0'\n",
      "gradle.lockfile": "empty=\n",
      "app/app.gradle": "dependencies { implementation 'junit:junit:4.13.2' }\n",
      "app/gradle.lockfile": "junit:junit:4.13.2=compileClasspath\nempty=\n",
    });
    const warnings: string[] = [];
    await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    const why = ": a project's buildFileName is computed: vouch cannot tell which build script " +
      "Gradle runs for it, so the locks that script names and, for the root project, its group " +
      "and version are not read";
    assert.deepEqual(warnings, [`settings.gradle:3${why}`, `settings.gradle:4${why}`]);
    // Literal names only: no warning.
    await writeTree(dir, {
      "settings.gradle": "rootProject.name = 'acme'\ninclude 'app'\n" +
        "rootProject.buildFileName = 'acme.gradle'\nproject(':app').buildFileName = 'app.gradle'\n",
    });
    const none: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => none.push(w) });
    assert.deepEqual(none, []);
    assert.equal(inventory.project.version, "1.0");
  });
});
// Found on Kotlin/kotlinx.collections.immutable (benchmarks/gradle.lockfile): kotlinx-benchmark
// resolves `<target>BenchmarkGenerateCP`, the classpath of the JMH bytecode generator it runs on
// the compiled benchmarks (`createJmhGenerationRuntimeConfiguration`, "JMH Generator Runtime
// Configuration"), a tool; the generator and its ASM were runtime.
Deno.test("gradleScopes: kotlinx-benchmark's JMH generator classpath is build", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    "org.openjdk.jmh:jmh-core:1.21=jvmBenchmarkGenerateCP,jvmCompileClasspath,jvmRuntimeClasspath,jvmTestCompileClasspath,jvmTestRuntimeClasspath",
    "org.openjdk.jmh:jmh-generator-asm:1.21=jvmBenchmarkGenerateCP",
    "org.openjdk.jmh:jmh-generator-bytecode:1.21=jvmBenchmarkGenerateCP",
    "org.ow2.asm:asm:5.0.3=jvmBenchmarkGenerateCP",
    "empty=benchmarksJar",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "benchmarks/gradle.lockfile" })), {
    "pkg:maven/org.openjdk.jmh/jmh-core@1.21": "build,dev,runtime",
    "pkg:maven/org.openjdk.jmh/jmh-generator-asm@1.21": "build",
    "pkg:maven/org.openjdk.jmh/jmh-generator-bytecode@1.21": "build",
    "pkg:maven/org.ow2.asm/asm@5.0.3": "build",
  });
});

// Found on wlritchi/shulker-trims (bukkit/gradle.lockfile, a Paper plugin built with
// paperweight-userdev): `mojangMappedServer` (which paperweight adds to compileOnly and
// testImplementation) and `mojangMappedServerRuntime` are the Paper server the plugin compiles and
// runs its dev server against, which Paper provides and the plugin never ships (its
// runtimeClasspath is empty); `macheCodebook`, `macheRemapper`, `macheDecompiler`,
// `macheConstants`, `macheParamMappings`, `mache`, `pluginRemapper` and
// `paperweightDevelopmentBundle` are the tools and bundle it sets Minecraft up with
// (io.papermc.paperweight.util.constants). All were runtime.
Deno.test("gradleScopes: paperweight's Paper server, dev bundle and tools are build", () => {
  const server = "compileClasspath,mojangMappedServer,mojangMappedServerRuntime," +
    "testCompileClasspath,testRuntimeClasspath";
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    `com.google.code.gson:gson:2.11.0=${server}`,
    "com.lmax:disruptor:3.4.4=mojangMappedServer,mojangMappedServerRuntime,testRuntimeClasspath",
    "io.papermc.codebook:codebook-cli:1.0.17=macheCodebook",
    "io.papermc.paper:dev-bundle:1.21.10-R0.1-SNAPSHOT=compileClasspath,mojangMappedServer," +
    "mojangMappedServerRuntime,paperweightDevelopmentBundle,testCompileClasspath,testRuntimeClasspath",
    "io.papermc.parchment.data:parchment:1.21.10+build.12=macheConstants,macheParamMappings," +
    "mojangMappedServer,mojangMappedServerRuntime,testRuntimeClasspath",
    "io.papermc:mache:1.21.10+build.9=compileClasspath,mache,mojangMappedServer," +
    "mojangMappedServerRuntime,testCompileClasspath,testRuntimeClasspath",
    "net.fabricmc:tiny-remapper:0.12.0=pluginRemapper",
    "net.neoforged:AutoRenamingTool:2.0.5=macheRemapper",
    "org.vineflower:vineflower:1.11.1=macheDecompiler",
    "empty=annotationProcessor,decompiler,paramMappings,remapper,runtimeClasspath," +
    "spigotLibrariesClasspath,testAnnotationProcessor",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "bukkit/gradle.lockfile" })), {
    "pkg:maven/com.google.code.gson/gson@2.11.0": "build,dev",
    "pkg:maven/com.lmax/disruptor@3.4.4": "build,dev",
    "pkg:maven/io.papermc.codebook/codebook-cli@1.0.17": "build",
    "pkg:maven/io.papermc.paper/dev-bundle@1.21.10-R0.1-SNAPSHOT": "build,dev",
    "pkg:maven/io.papermc.parchment.data/parchment@1.21.10%2Bbuild.12": "build,dev",
    "pkg:maven/io.papermc/mache@1.21.10%2Bbuild.9": "build,dev",
    "pkg:maven/net.fabricmc/tiny-remapper@0.12.0": "build",
    "pkg:maven/net.neoforged/AutoRenamingTool@2.0.5": "build",
    "pkg:maven/org.vineflower/vineflower@1.11.1": "build",
  });
});

// Found on JanJetze/podometer (app/gradle.lockfile, an Android app): what `debugImplementation`
// adds (Compose's ui-tooling and ui-test-manifest, and what only they bring) is in the debug
// variant's classpaths only, never in the release APK, yet it was runtime. It is dev when the lock
// locks a release variant's runtime classpath and no other variant's classpath has it, as Spring
// Boot's developmentOnly is; a module both variants have stays runtime.
Deno.test("gradleScopes: what only an Android debug variant has is dev", () => {
  const both = "debugAndroidTestCompileClasspath,debugAndroidTestRuntimeClasspath," +
    "debugCompileClasspath,debugRuntimeClasspath,debugUnitTestCompileClasspath," +
    "debugUnitTestRuntimeClasspath,implementationDependenciesMetadata,releaseCompileClasspath," +
    "releaseRuntimeClasspath,releaseUnitTestCompileClasspath,releaseUnitTestRuntimeClasspath";
  const debug = "debugAndroidTestCompileClasspath,debugCompileClasspath,debugRuntimeClasspath," +
    "debugUnitTestCompileClasspath,debugUnitTestRuntimeClasspath";
  const lines = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    `androidx.activity:activity-compose:1.10.0=${both}`,
    "androidx.compose.material:material:1.7.7=debugRuntimeClasspath,debugUnitTestRuntimeClasspath",
    "androidx.compose.ui:ui-test-junit4:1.7.7=androidTestImplementationDependenciesMetadata," +
    "debugAndroidTestCompileClasspath,debugAndroidTestRuntimeClasspath",
    `androidx.compose.ui:ui-test-manifest:1.7.7=${debug}`,
    `androidx.compose.ui:ui-tooling:1.7.7=${debug}`,
    "empty=",
  ];
  assert.deepEqual(scopes(readGradleLockfile(lines.join("\n"), { path: "app/gradle.lockfile" })), {
    "pkg:maven/androidx.activity/activity-compose@1.10.0": "dev,runtime",
    "pkg:maven/androidx.compose.material/material@1.7.7": "dev",
    "pkg:maven/androidx.compose.ui/ui-test-junit4@1.7.7": "dev",
    "pkg:maven/androidx.compose.ui/ui-test-manifest@1.7.7": "dev",
    "pkg:maven/androidx.compose.ui/ui-tooling@1.7.7": "dev",
  });
  // Without a release variant locked (a lock of the debug variants only), nothing says it is
  // debug-only: runtime, as before.
  const debugLock = lines.filter((l) => !l.startsWith("androidx.activity")).join("\n");
  assert.equal(
    scopes(readGradleLockfile(debugLock, { path: "app/gradle.lockfile" }))[
      "pkg:maven/androidx.compose.ui/ui-tooling@1.7.7"
    ],
    "dev,runtime",
  );
});

// A Kotlin Multiplatform module's Android target (`androidTarget()`) resolves its variants'
// classpaths as `androidDebugRuntimeClasspath`, `androidReleaseRuntimeClasspath` (the target's
// name before the variant's, as dependencyGuard and OWASP dependency-check configurations of KMP
// builds list them): they matched the `android…` tool pattern of the Android Gradle plugin's own
// configurations (`androidJacocoAnt`, `androidApis`) and were build. They are the target's
// classpaths, scoped as AGP's `<variant>RuntimeClasspath`: the release's runtime, what only the
// debug variant has dev, the compile classpath alone build.
Deno.test("gradleScopes: a Kotlin Multiplatform Android target's variant classpaths are scoped as AGP's", () => {
  const lines = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    "androidx.compose.ui:ui-tooling:1.7.7=androidDebugCompileClasspath,androidDebugRuntimeClasspath",
    "io.ktor:ktor-client-okhttp:3.0.3=androidDebugCompileClasspath,androidDebugRuntimeClasspath," +
    "androidReleaseCompileClasspath,androidReleaseRuntimeClasspath",
    "io.ktor:ktor-client-core:3.0.3=androidDebugRuntimeClasspath,androidReleaseRuntimeClasspath," +
    "jvmRuntimeClasspath",
    "org.jacoco:org.jacoco.ant:0.8.12=androidJacocoAnt",
    "org.jetbrains:annotations:23.0.0=androidReleaseCompileClasspath",
    "empty=",
  ];
  assert.deepEqual(
    scopes(readGradleLockfile(lines.join("\n"), { path: "shared/gradle.lockfile" })),
    {
      "pkg:maven/androidx.compose.ui/ui-tooling@1.7.7": "dev",
      "pkg:maven/io.ktor/ktor-client-core@3.0.3": "runtime",
      "pkg:maven/io.ktor/ktor-client-okhttp@3.0.3": "runtime",
      "pkg:maven/org.jacoco/org.jacoco.ant@0.8.12": "build",
      "pkg:maven/org.jetbrains/annotations@23.0.0": "build",
    },
  );
});

// Found on DataBiosphere/terra-workspace-manager (service/gradle/dependency-locks/, legacy
// per-configuration locks): `swaggerCodegen` is the classpath the swagger generator plugin
// (org.hidetake.swagger.generator) runs the Swagger Codegen CLI with, as `swaggerUI` and
// `swaggerTemplate` are the Swagger UI webjar its docs are made from and its templates
// (SwaggerGeneratorPlugin); nu.studer.jooq's `jooqGenerator` ("The classpath used to invoke the
// jOOQ code generator"), jOOQ's own plugin's `jooqCodegen` ("The classpath used for code
// generation") and the Liquibase plugin's `liquibaseRuntime` (Liquibase, run to migrate a
// database) are tools too. All were runtime.
Deno.test("gradleScopes: code generators' and database tools' classpaths are build", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    "io.swagger.codegen.v3:swagger-codegen-cli:3.0.23",
  ].join("\n");
  const path = "service/gradle/dependency-locks/swaggerCodegen.lockfile";
  assert.deepEqual(scopes(readGradleLockfile(text, { path })), {
    "pkg:maven/io.swagger.codegen.v3/swagger-codegen-cli@3.0.23": "build",
  });
  for (const conf of ["swaggerUI", "swaggerTemplate", "jooqGenerator", "jooqCodegen"]) {
    assert.deepEqual(gradleScopes([conf], false), ["build"], conf);
  }
  assert.deepEqual(gradleScopes(["liquibaseRuntime", "testRuntimeClasspath"], false), [
    "build",
    "dev",
  ]);
  // What the project ships keeps its scope.
  assert.deepEqual(gradleScopes(["jooqGenerator", "runtimeClasspath"], false), [
    "build",
    "runtime",
  ]);
});

// Flyway's `flywayMigration` (the configuration its documentation has a build make and name in
// `flyway { configurations = ['flywayMigration'] }`: "Gradle configurations that will be added to
// the classpath for running Flyway tasks", AbstractFlywayTask), the Gatling plugin's load-test
// source set (GatlingPlugin: `gatling`, Gatling itself, `gatlingRuntimeClasspath`, which
// `gatlingRun` runs the simulations with and `gatlingEnterprisePackage` packs as a tests jar) and
// a copy of a classpath a plugin resolves for itself (Gradle's Configuration.copy() names it
// `<name>Copy`: `iosArm64CompileKlibrariesCopy`) were runtime.
Deno.test("gradleScopes: Flyway's migration classpath, Gatling's simulations and copied classpaths", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    "io.gatling.highcharts:gatling-charts-highcharts:3.11.5=gatling,gatlingRuntimeClasspath",
    "io.ktor:ktor-client-darwin:2.3.12=iosArm64CompileKlibraries,iosArm64CompileKlibrariesCopy",
    "org.jetbrains.kotlinx:atomicfu:0.25.0=iosArm64CompileKlibrariesCopy",
    "org.postgresql:postgresql:42.7.4=flywayMigration,runtimeClasspath",
    "org.xerial:sqlite-jdbc:3.46.1.0=flywayMigration",
    "empty=",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "gradle.lockfile" })), {
    "pkg:maven/io.gatling.highcharts/gatling-charts-highcharts@3.11.5": "dev",
    "pkg:maven/io.ktor/ktor-client-darwin@2.3.12": "runtime",
    "pkg:maven/org.jetbrains.kotlinx/atomicfu@0.25.0": "build",
    "pkg:maven/org.postgresql/postgresql@42.7.4": "build,runtime",
    "pkg:maven/org.xerial/sqlite-jdbc@3.46.1.0": "build",
  });
  assert.deepEqual(gradleScopes(["gatlingCompileClasspath"], false), ["dev"]);
  assert.deepEqual(gradleScopes(["runtimeClasspathCopy2"], false), ["build"]);
});

// Found on Camelcade/Perl5-IDEA (gradle.lockfile, a plugin built with the IntelliJ Platform Gradle
// plugin 2.x, whose runtimeClasspath is empty): the IDE and its bundled plugins and modules,
// which the plugin adds to compileOnly (IntelliJPlatformBasePlugin) and the IDE provides, its
// Java compiler, JFlex, Grammar-Kit, plugin verifier, Marketplace signer and JetBrains Runtime
// were runtime. `intellijPlatformRuntimeClasspath` extends runtimeClasspath and
// `intellijPlatformPluginModule` is composed into the plugin's jar: those stay runtime.
Deno.test("gradleScopes: the IntelliJ Platform a plugin runs in and its tools are build", () => {
  const ide = "compileClasspath,intellijPlatformBundledPlugins,intellijPlatformDependencies," +
    "intellijPlatformTestBundledPlugins,intellijPlatformTestClasspath," +
    "intellijPlatformTestDependencies,testCompileClasspath";
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    `bundledPlugin:com.intellij.java:IU-262.7132.23=${ide}`,
    "com.jetbrains.intellij.idea:idea:262.7132.23-EAP-SNAPSHOT=compileClasspath," +
    "intellijPlatformClasspath,intellijPlatformClasspath_runInSplitMode,intellijPlatformDependency," +
    "intellijPlatformDependencyArchive,intellijPlatformDependencyArchive_runInSplitMode," +
    "intellijPlatformDependency_runInSplitMode,intellijPlatformTestClasspath," +
    "intellijPlatformTestClasspath_runInSplitMode,testCompileClasspath",
    "com.jetbrains.intellij.java:java-gui-forms-rt:262.7132.23=intellijPlatformJavaCompiler",
    "com.jetbrains.plugins:PsiViewer:252.23892.248=compileClasspath,intellijPlatformDependencies," +
    "intellijPlatformPlugin,intellijPlatformPluginDependency,intellijPlatformTestClasspath," +
    "testCompileClasspath",
    "com.jetbrains:jbr:jbr_jcef-25.0.3-linux-x64-b496.62=jetbrainsRuntime," +
    "jetbrainsRuntimeDependency,jetbrainsRuntime_runInSplitMode",
    "org.jetbrains.intellij.deps.jflex:jflex:1.9.2=intellijPlatformJFlex",
    "org.jetbrains.intellij.plugins:verifier-cli:1.405=intellijPluginVerifier",
    "org.jetbrains:grammar-kit:2023.3.1=intellijPlatformGrammarKit",
    "org.jetbrains:marketplace-zip-signer:0.1.43=marketplaceZipSigner",
    "empty=annotationProcessor,intellijPlatformPluginModule,intellijPlatformRuntimeClasspath," +
    "runtimeClasspath",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "gradle.lockfile" })), {
    "pkg:generic/com.intellij.java@IU-262.7132.23": "build,dev",
    "pkg:maven/com.jetbrains.intellij.idea/idea@262.7132.23-EAP-SNAPSHOT": "build,dev",
    "pkg:maven/com.jetbrains.intellij.java/java-gui-forms-rt@262.7132.23": "build",
    "pkg:maven/com.jetbrains.plugins/PsiViewer@252.23892.248": "build,dev",
    "pkg:generic/jbr@jbr_jcef-25.0.3-linux-x64-b496.62": "build",
    "pkg:maven/org.jetbrains.intellij.deps.jflex/jflex@1.9.2": "build",
    "pkg:maven/org.jetbrains.intellij.plugins/verifier-cli@1.405": "build",
    "pkg:maven/org.jetbrains/grammar-kit@2023.3.1": "build",
    "pkg:maven/org.jetbrains/marketplace-zip-signer@0.1.43": "build",
  });
  for (const conf of ["intellijPlatformRuntimeClasspath", "intellijPlatformPluginModule"]) {
    assert.deepEqual(gradleScopes([conf], false), ["runtime"], conf);
  }
});

// Found on Camelcade/Perl5-IDEA (gradle.lockfile): Compose Hot Reload's agent, which its Gradle
// plugin resolves in `composeHotReloadAgent` for the application's hot-reload runs, as it resolves
// their dev tools and runtime (`composeHotReloadDevTools`, `composeHotReloadRuntime`: "the
// runtime which is required for running in hot reload mode"), was runtime.
Deno.test("gradleScopes: what only Compose Hot Reload's runs use is dev", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    "org.jetbrains.compose.hot-reload:hot-reload-agent:1.1.0-alpha03=composeHotReloadAgent",
    "empty=runtimeClasspath",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "gradle.lockfile" })), {
    "pkg:maven/org.jetbrains.compose.hot-reload/hot-reload-agent@1.1.0-alpha03": "dev",
  });
  for (const conf of ["composeHotReloadDevTools", "composeHotReloadRuntime"]) {
    assert.deepEqual(gradleScopes([conf], false), ["dev"], conf);
  }
  assert.deepEqual(gradleScopes(["composeHotReloadRuntime", "runtimeClasspath"], false), [
    "dev",
    "runtime",
  ]);
});

// Found on Camelcade/Perl5-IDEA (gradle.lockfile): the IntelliJ Platform Gradle plugin names the
// bundled plugins and modules of the IDE it extracted with Ivy modules it writes to a local Ivy
// repository (`bundledPlugin:<id>:<IDE version>`, `bundledModule:…`; `localIde`, `localPlugin`,
// `localJetBrainsRuntime` for local installations), no Maven coordinates: they were
// `pkg:maven/bundledModule/…`. They are `pkg:generic`, as a module without a group is, and so are
// the JetBrains Runtime (`com.jetbrains:jbr`) and the IDEs' release archives (`idea:idea`,
// `idea:ideaIC`, …) it downloads from the Ivy repositories it declares for them
// (IntelliJPlatformRepositoriesExtension's jetbrainsRuntime(), jetbrainsIdeInstallers(): Ivy
// patterns `[revision].tar.gz`, `[organization]/[module]-[revision].tar.gz`), which were pkg:maven.
Deno.test("readGradleLockfile: the IntelliJ Platform's local Ivy modules are pkg:generic", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    "bundledModule:intellij.java.impl:IU-262.7132.23=compileClasspath,intellijPlatformBundledPlugins",
    "bundledPlugin:org.jetbrains.plugins.terminal:IU-262.7132.23=compileClasspath," +
    "intellijPlatformBundledPlugins",
    "com.jetbrains.intellij.idea:idea:262.7132.23-EAP-SNAPSHOT=intellijPlatformDependency",
    "com.jetbrains:jbr:jbr_jcef-25.0.3-linux-x64-b496.62=jetbrainsRuntime",
    "idea:idea:2025.3=intellijPlatformDependencyArchive",
    "empty=runtimeClasspath",
  ].join("\n");
  const out = readGradleLockfile(text, { path: "gradle.lockfile" });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.name, c.ecosystem]), [
    // The IDE's release archive and the JetBrains Runtime, from its Ivy repositories.
    ["pkg:generic/idea@2025.3", "idea", "generic"],
    ["pkg:generic/intellij.java.impl@IU-262.7132.23", "intellij.java.impl", "generic"],
    ["pkg:generic/jbr@jbr_jcef-25.0.3-linux-x64-b496.62", "jbr", "generic"],
    [
      "pkg:generic/org.jetbrains.plugins.terminal@IU-262.7132.23",
      "org.jetbrains.plugins.terminal",
      "generic",
    ],
    [
      "pkg:maven/com.jetbrains.intellij.idea/idea@262.7132.23-EAP-SNAPSHOT",
      "com.jetbrains.intellij.idea:idea",
      "maven",
    ],
  ]);
});

// The Quarkus Gradle plugin's configurations, which projects lock (quarkusio/quarkus#48992, a
// lock of `quarkusDev…`; #41818, `…Configuration.lockfile`) were runtime, but
// ApplicationDeploymentClasspathBuilder makes for each launch mode (Prod, Dev, Test) the runtime
// classpath it packages or runs (`quarkusProdRuntimeClasspathConfiguration`, which extends
// `quarkusProdBaseRuntimeClasspathConfiguration`, which extends runtimeClasspath), and beside it
// the extensions' deployment modules its build step augments the application with and never
// packages (`…Deployment`), the enforced platforms (`…Platform`) and a compile-only
// classpath; the dev mode ones (`quarkusDev…`) only `quarkusDev` runs.
Deno.test("gradleScopes: Quarkus's deployment classpath is build, its dev mode's dev", () => {
  const modes = (suffix: string): string =>
    ["Dev", "Prod", "Test"].map((m) => `quarkus${m}RuntimeClasspathConfiguration${suffix}`)
      .join(",");
  const runtime = "compileClasspath,quarkusDevBaseRuntimeClasspathConfiguration," +
    "quarkusDevRuntimeClasspathConfiguration,quarkusProdBaseRuntimeClasspathConfiguration," +
    "quarkusProdRuntimeClasspathConfiguration,quarkusTestBaseRuntimeClasspathConfiguration," +
    "quarkusTestRuntimeClasspathConfiguration,runtimeClasspath,testCompileClasspath," +
    "testRuntimeClasspath";
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    `io.quarkus:quarkus-arc-deployment:3.15.1=${modes("Deployment")}`,
    `io.quarkus:quarkus-arc:3.15.1=${modes("Deployment")},${runtime}`,
    `io.quarkus:quarkus-bom:3.15.1=${modes("Platform")},${runtime}`,
    "io.quarkus:quarkus-ide-launcher:3.15.1=quarkusDev,quarkusDevBaseRuntimeClasspathConfiguration," +
    "quarkusDevRuntimeClasspathConfiguration",
    "io.quarkus:quarkus-vertx-http-dev-ui-resources:3.15.1=" +
    "quarkusDevRuntimeClasspathConfigurationDeployment",
    "empty=annotationProcessor,quarkusProdCompileOnlyConfiguration,testAnnotationProcessor",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "gradle.lockfile" })), {
    "pkg:maven/io.quarkus/quarkus-arc-deployment@3.15.1": "build,dev",
    "pkg:maven/io.quarkus/quarkus-arc@3.15.1": "build,dev,runtime",
    "pkg:maven/io.quarkus/quarkus-bom@3.15.1": "build,dev,runtime",
    "pkg:maven/io.quarkus/quarkus-ide-launcher@3.15.1": "dev",
    "pkg:maven/io.quarkus/quarkus-vertx-http-dev-ui-resources@3.15.1": "dev",
  });
  for (
    const conf of [
      "quarkusProdCompileOnlyConfiguration",
      "quarkusDeploymentOnlyClasspath",
      "quarkusPlatformProperties",
      "quarkusBootstrapResolverConfiguration",
    ]
  ) {
    assert.deepEqual(gradleScopes([conf], false), ["build"], conf);
  }
});

// Micronaut's Gradle plugin makes `developmentOnly` (micronaut-runtime-osx, the test resources
// client) and its `run` task's classpath `developmentRuntimeClasspath` (runtimeClasspath plus
// developmentOnly), but unlike Spring Boot's its runtimeClasspath does not extend developmentOnly
// and it has no productionRuntimeClasspath (MicronautMinimalApplicationPlugin): what only the run
// task's classpath has was runtime, and what runtimeClasspath shares with developmentOnly (the
// Micronaut platform, which `micronautBoms` brings to both) was dev, as in a Spring Boot lock.
Deno.test("gradleScopes: Micronaut's developmentOnly is dev, its runtimeClasspath runtime", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    "io.micronaut.platform:micronaut-platform:4.6.3=annotationProcessor,compileClasspath," +
    "developmentOnly,developmentRuntimeClasspath,runtimeClasspath,testAnnotationProcessor," +
    "testCompileClasspath,testRuntimeClasspath",
    "io.micronaut.testresources:micronaut-test-resources-client:2.6.2=developmentOnly," +
    "developmentRuntimeClasspath,testRuntimeClasspath",
    "io.micronaut:micronaut-http-server-netty:4.6.5=compileClasspath,developmentRuntimeClasspath," +
    "runtimeClasspath,testCompileClasspath,testRuntimeClasspath",
    "empty=",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "gradle.lockfile" })), {
    "pkg:maven/io.micronaut.platform/micronaut-platform@4.6.3": "build,dev,runtime",
    "pkg:maven/io.micronaut.testresources/micronaut-test-resources-client@2.6.2": "dev",
    "pkg:maven/io.micronaut/micronaut-http-server-netty@4.6.5": "dev,runtime",
  });
  // A Spring Boot lock (it locks productionRuntimeClasspath, here only on its empty= line):
  // runtimeClasspath extends developmentOnly there.
  const boot = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    "org.springframework.boot:spring-boot-devtools:3.3.4=developmentOnly,runtimeClasspath",
    "empty=annotationProcessor,productionRuntimeClasspath",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(boot, { path: "gradle.lockfile" })), {
    "pkg:maven/org.springframework.boot/spring-boot-devtools@3.3.4": "dev",
  });
  assert.deepEqual(
    gradleScopes(["developmentOnly", "runtimeClasspath"], false, false, false),
    ["dev", "runtime"],
  );
});

// io.freefair.lombok makes a `lombok` configuration holding Lombok, which it adds to every source
// set's compileOnly and annotationProcessor and runs delombok with (LombokPlugin): a lock of all
// configurations locks it beside those, and Lombok, which no runtime classpath has, was runtime.
Deno.test("gradleScopes: io.freefair.lombok's lombok configuration is build", () => {
  assert.deepEqual(
    gradleScopes(
      [
        "annotationProcessor",
        "compileClasspath",
        "lombok",
        "testAnnotationProcessor",
        "testCompileClasspath",
      ],
      false,
    ),
    ["build", "dev"],
  );
  assert.deepEqual(gradleScopes(["lombok"], false), ["build"]);
});

// Mockito's documentation (Mockito.html#0.3, "Explicitly setting up instrumentation for inline
// mocking (Java 21+)") has a Gradle build make a `mockitoAgent` configuration holding mockito-core
// and pass it to its Test tasks as `-javaagent:`: a lock of all configurations locks it, and
// mockito-core, otherwise only in test classpaths, was runtime.
Deno.test("gradleScopes: Mockito's documented mockitoAgent configuration is dev", () => {
  const text = [
    "# This is a Gradle generated file for dependency locking.",
    "# Manual edits can break the build and are not advised.",
    "# This file is expected to be part of source control.",
    "org.mockito:mockito-core:5.14.2=mockitoAgent,testCompileClasspath,testRuntimeClasspath",
    "empty=annotationProcessor,testAnnotationProcessor",
  ].join("\n");
  assert.deepEqual(scopes(readGradleLockfile(text, { path: "gradle.lockfile" })), {
    "pkg:maven/org.mockito/mockito-core@5.14.2": "dev",
  });
});

// A projectDir the settings script computes hides where that subproject's script is, which may set
// the root's group or version (Gradle configures subprojects after the root): a warning when the
// settings script names the root project. Unnamed, the root project is the tree's folder, without
// the build's group and version: nothing a subproject sets can change it. Was: the warning there too.
Deno.test("readGradleLockfile: a computed projectDir is a warning only when the root project's group and version are used", () => {
  const files: Record<string, string> = {
    "settings.gradle": "include 'app'\n" +
      'rootProject.children.each { it.projectDir = file("modules/${it.name}") }\n',
    "build.gradle": "plugins { id 'java' }\ngroup = 'com.acme'\nversion = '1.0.0'\n" +
      "dependencyLocking { lockAllConfigurations() }\n",
    "modules/app/build.gradle": "plugins { id 'java' }\n",
  };
  const lock = "com.google.guava:guava:33.0.0-jre=compileClasspath,runtimeClasspath\nempty=\n";
  const read = (): ReturnType<typeof readGradleLockfile> =>
    readGradleLockfile(lock, { path: "gradle.lockfile", load: (p) => files[p] });
  const unnamed = read();
  assert.equal(unnamed.project, undefined);
  assert.equal(unnamed.warnings, undefined);
  files["settings.gradle"] = "rootProject.name = 'ledger'\n" + files["settings.gradle"];
  const named = read();
  assert.deepEqual(named.project, {
    name: "com.acme:ledger",
    purl: "pkg:maven/com.acme/ledger@1.0.0",
    version: "1.0.0",
  });
  assert.deepEqual(named.warnings, [
    "settings.gradle:3: a project's projectDir is set otherwise than literally: vouch cannot " +
    "tell where its build script is, so a group or version it sets for the root project is " +
    "not read",
  ]);
});

// A platform a build script takes (`implementation(platform("org.springframework.boot:spring-boot-
// dependencies:3.2.5"))`, `enforcedPlatform(…)`, `platform(libs.junit.bom)` through the version
// catalog) is locked as any module, and had the purl of a jar. Gradle's platform() takes the
// module's platform variant, whose artifact is the POM (no jar): its purl is now `?type=pom`, as
// the Maven reader gives a BOM. A module no script or catalog of the tree says is a platform (a
// BOM some other module imports) keeps its purl.
Deno.test("readInventory: a module a build script takes as a platform has the purl of its POM", async () => {
  const lock = (...lines: string[]): string =>
    "# This is a Gradle generated file for dependency locking.\n" + lines.join("\n") +
    "\nempty=\n";
  const files: Record<string, string> = {
    "settings.gradle.kts": 'rootProject.name = "shop"\ninclude("app", "lib")\n',
    "gradle/libs.versions.toml": '[versions]\njunit = "5.10.2"\n[libraries]\n' +
      'junit-bom = { module = "org.junit:junit-bom", version.ref = "junit" }\n' +
      'guava = "com.google.guava:guava:33.2.1-jre"\n',
    "app/build.gradle.kts": "dependencies {\n" +
      '  implementation(platform("org.springframework.boot:spring-boot-dependencies:3.2.5"))\n' +
      "  testImplementation(platform(libs.junit.bom))\n" +
      "  implementation(libs.guava)\n" +
      '  implementation(platform(kotlin("bom")))\n' +
      '  // implementation(platform("io.netty:netty-bom:4.1.109.Final"))\n}\n',
    "app/gradle.lockfile": lock(
      "com.google.guava:guava:33.2.1-jre=runtimeClasspath",
      "io.netty:netty-bom:4.1.109.Final=runtimeClasspath",
      "org.jetbrains.kotlin:kotlin-bom:2.0.0=runtimeClasspath",
      "org.junit:junit-bom:5.10.2=testRuntimeClasspath",
      "org.springframework.boot:spring-boot-dependencies:3.2.5=runtimeClasspath",
    ),
    // A convention plugin of buildSrc, in Groovy.
    "buildSrc/build.gradle.kts": "plugins {\n  `kotlin-dsl`\n}\n",
    "buildSrc/src/main/groovy/shop.java-conventions.gradle":
      "dependencies {\n  implementation enforcedPlatform('com.fasterxml.jackson:jackson-bom:2.17.1')\n}\n",
    "lib/build.gradle": "plugins {\n  id 'shop.java-conventions'\n}\n",
    // Its verification file has the platforms' POMs only: the same modules, one purl each.
    "gradle/verification-metadata.xml": '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<verification-metadata xmlns="https://schema.gradle.org/dependency-verification">\n' +
      "<configuration><verify-metadata>true</verify-metadata></configuration><components>\n" +
      [
        ["org.springframework.boot", "spring-boot-dependencies", "3.2.5", "pom"],
        ["com.google.guava", "guava", "33.2.1-jre", "jar"],
      ].map(([g, n, v, ext]) =>
        `<component group="${g}" name="${n}" version="${v}"><artifact name="${n}-${v}.${ext}">` +
        `<sha256 value="${"a".repeat(64)}" origin="Generated by Gradle"/></artifact></component>\n`
      ).join("") + "</components></verification-metadata>\n",
    "lib/gradle.lockfile": lock(
      "com.fasterxml.jackson:jackson-bom:2.17.1=runtimeClasspath",
      "com.fasterxml.jackson.core:jackson-core:2.17.1=runtimeClasspath",
    ),
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.purl), [
      "pkg:maven/com.fasterxml.jackson.core/jackson-core@2.17.1",
      "pkg:maven/com.fasterxml.jackson/jackson-bom@2.17.1?type=pom",
      "pkg:maven/com.google.guava/guava@33.2.1-jre",
      "pkg:maven/io.netty/netty-bom@4.1.109.Final", // only a comment names it
      "pkg:maven/org.jetbrains.kotlin/kotlin-bom@2.0.0?type=pom",
      "pkg:maven/org.junit/junit-bom@5.10.2?type=pom",
      "pkg:maven/org.springframework.boot/spring-boot-dependencies@3.2.5?type=pom",
    ]);
    for (const path of ["app/build.gradle.kts", "gradle/libs.versions.toml"]) {
      assert.ok(inventory.sources.includes(path), `${path} is read`);
    }
    await assertSbomsValid(inventory, "gradle platforms");
  });
});
