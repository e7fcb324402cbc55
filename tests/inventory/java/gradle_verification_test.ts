import assert from "node:assert/strict";
import {
  parseGradleVerification,
  readGradleVerification,
} from "../../../src/inventory/java/gradle_verification.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { cpuStopwatch, fixture, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed } from "../_lockfile_invariants.ts";
import { assertSbomsValid, treeContext, treeLoad, writeTree } from "../_tree.ts";
import { assertSbomRefusesEvery } from "../_reader_cases.ts";

const LOCKED = fixture("java", "gradle_verification", "locked");
const PATH = "gradle/verification-metadata.xml";
const GUAVA = "pkg:maven/com.google.guava/guava@33.2.1-jre";
const JSR305 = "pkg:maven/com.google.code.findbugs/jsr305@3.0.2";

Deno.test("readGradleVerification: every file a distribution, the jar's hashes the component's, scopes from the locks", () => {
  const loaded: string[] = [];
  const load = treeLoad(LOCKED, loaded);
  const out = readGradleVerification(load(PATH)!, { path: PATH, load });
  assertWellFormed(out);
  assert.deepEqual(loaded, [
    PATH,
    "settings.gradle.kts",
    "gradle.lockfile",
    "buildscript-gradle.lockfile",
    "app/gradle.lockfile",
  ]);
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes.join(","), c.hashes.length]), [
    // A type-less pkg:maven purl is the jar: a POM-only module has no hashes of its own.
    ["pkg:maven/com.diffplug.spotless/com.diffplug.spotless.gradle.plugin@6.25.0", "build", 0],
    ["pkg:maven/com.example/unlocked@1.0", "runtime", 1],
    [JSR305, "runtime", 0],
    [GUAVA, "runtime", 4],
    ["pkg:maven/io.netty/netty-bom@4.1.110.Final", "runtime", 0],
    ["pkg:maven/org.mockito/mockito-core@5.12.0", "dev", 1],
  ], "oss-parent (a POM no lock lists) is left out");
  assert.deepEqual(
    out.components.map((c) => (c.distributions ?? []).map((d) => `${d.file} ${d.hashes.length}`)),
    [
      ["com.diffplug.spotless.gradle.plugin-6.25.0.pom 1"],
      ["unlocked-1.0.jar 1"],
      ["jsr305-3.0.2.jar 0", "jsr305-3.0.2.pom 1"],
      ["guava-33.2.1-jre-sources.jar 1", "guava-33.2.1-jre.jar 4", "guava-33.2.1-jre.module 1"],
      ["netty-bom-4.1.110.Final.pom 1"],
      ["mockito-core-5.12.0.jar 1"],
    ],
    "every verified file, with its own checksums",
  );
  const byId = new Map(out.components.map((c) => [c.id, c]));
  assert.deepEqual(byId.get(GUAVA)!.hashes, [
    { alg: "md5", hex: "0123456789abcdef0123456789abcdef" },
    { alg: "sha1", hex: "818e780da2c66c63bbb6480fef1f3855eeafa3e4" },
    { alg: "sha256", hex: "452f2c0f1e0b5e8bd8a4bfa4bfd9cfd5e5ba1f6d8c8b2ad8a5c5e0ff2b7b1b29" },
    { alg: "sha512", hex: "a".repeat(128) },
  ], "the jar's, not the sources jar's or the .module's");
  // Gradle accepts either checksum of the jar, and its writer puts the one of the file it has
  // just verified among the also-trust alternatives when an older one was there first: the
  // file the build used is unknown, and neither is the jar's (nor is the POM's).
  assert.deepEqual(byId.get(JSR305)!.hashes, [], "no checksum the jar may not have");
  assert.equal(byId.get(GUAVA)!.name, "com.google.guava:guava");
  assert.deepEqual(byId.get(GUAVA)!.sources, [PATH]);
  assert.deepEqual(out.warnings, [
    `${PATH}: 1 verified components are in no Gradle lock file; their scope is unknown and reported as runtime`,
    `${PATH}:23: 1 checksums have <also-trust> alternatives (the first here); Gradle accepts any of them, so which file the build used is unknown and none is recorded`,
  ]);
});

Deno.test("readGradleVerification: merged with the locks, the same purls are one component each", async () => {
  const inventory = await readInventory(LOCKED);
  assert.deepEqual(inventory.sources, [
    "app/gradle.lockfile",
    "buildscript-gradle.lockfile",
    "gradle.lockfile",
    PATH,
    "settings.gradle.kts",
  ]);
  assert.equal(inventory.components.length, 6);
  const guava = inventory.components.find((c) => c.id === GUAVA)!;
  assert.deepEqual(guava.scopes, ["runtime"], "the lock's scope, nothing added");
  assert.deepEqual(guava.sources, ["gradle.lockfile", PATH]);
  assert.equal(guava.hashes.length, 4);
  const spotless = inventory.components.find((c) => c.name.endsWith("gradle.plugin"))!;
  assert.deepEqual(spotless.scopes, ["build"]);
  await assertSbomsValid(inventory, "gradle verification");
});

Deno.test("readGradleVerification: without lock files every component is runtime, POM-only ones left out", () => {
  const text = Deno.readTextFileSync(`${LOCKED}/${PATH}`);
  const out = readGradleVerification(text, { path: PATH, load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/com.example/unlocked@1.0",
    JSR305,
    GUAVA,
    "pkg:maven/org.mockito/mockito-core@5.12.0",
  ]);
  assert.ok(out.components.every((c) => c.scopes.join() === "runtime"));
  assert.match(out.warnings![0], /4 verified components are in no Gradle lock file/);
});

// Shaped like 25huizengek1/ical-proxy, which has no lock file and writes its verification file
// with `--write-verification-metadata pgp,sha256`: the key of io.ktor is trusted (a regex on the
// group), and the file lists no Ktor module, as Gradle accepts what a trusted key signs without
// an entry; the SBOM had only the modules listed, silently without Ktor. A trust rule naming a
// module hides it alike; the rules Gradle writes for -sources.jar and -javadoc.jar files do not.
Deno.test("readGradleVerification: trusted keys without a lock file are warned of: what they sign is not listed", () => {
  const file = (configuration: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?>
<verification-metadata xmlns="https://schema.gradle.org/dependency-verification">
   <configuration>
      <verify-metadata>true</verify-metadata>
      <verify-signatures>true</verify-signatures>
${configuration}
   </configuration>
   <components>
      <component group="net.sf.biweekly" name="biweekly" version="0.6.8">
         <artifact name="biweekly-0.6.8.jar">
            <sha256 value="4077af25a5f932a609fe6a369082c3c383189e8a73b111bcdb3b1e03da635ffb" origin="Generated by Gradle"/>
         </artifact>
      </component>
   </components>
</verification-metadata>
`;
  const sources = `      <trusted-artifacts>
         <trust file=".*-javadoc[.]jar" regex="true"/>
         <trust file=".*-sources[.]jar" regex="true"/>
         <trust group="gradle" name="gradle"/>
      </trusted-artifacts>`;
  const keys = `      <trusted-keys>
         <trusted-key id="8E3A02905A1AE67E7B0F9ACD3967D4EDA591B991" group="^io[.]ktor($|([.].*))" regex="true"/>
         <trusted-key id="6F538074CCEBF35F28AF9B066A0975F8B1127B83" group="org.jetbrains.kotlin"/>
      </trusted-keys>`;
  const warned = (text: string, load: (p: string) => string | undefined = () => undefined) =>
    (readGradleVerification(text, { path: PATH, load }).warnings ?? [])
      .filter((w) => w.includes("trust"));
  const trusted = warned(file(`${sources}\n${keys}`));
  assert.equal(trusted.length, 1);
  assert.match(trusted[0], /^gradle\/verification-metadata\.xml:12: its 2 <trusted-key> entries/);
  assert.match(trusted[0], /not in the SBOM/);
  // A rule naming a module: its files are not verified, so not listed either.
  const rule = warned(file(`      <trusted-artifacts>
         <trust group="com.google.android.gms"/>
      </trusted-artifacts>`));
  assert.match(rule[0], /:7: its 1 <trust> rules naming modules/);
  // Only the rules Gradle writes for sources, javadoc and its own sources: nothing hidden.
  assert.deepEqual(warned(file(sources)), []);
  // A lock lists every module the build resolves, trusted or not.
  const lock = "# Gradle\nnet.sf.biweekly:biweekly:0.6.8=runtimeClasspath\nempty=\n";
  assert.deepEqual(warned(file(keys), (p) => p === "gradle.lockfile" ? lock : undefined), []);
});

// Bad input in files (truncated, duplicate keys, wrong version, invalid UTF-8, …): the golden
// cases under fixtures/java/gradle_verification/invalid/ (tests/inventory/golden_test.ts).
Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(
    ["java", "gradle_verification"],
    "inventory.gradle_verification.invalid",
  );
  // truncated, wrong version, duplicate keys, invalid UTF-8
  for (const name of ["truncated", "wrong-version", "duplicate", "utf8"]) {
    assert.ok(cases.includes(name), name);
  }
});

Deno.test("parseGradleVerification: a wrong root element, a repeated artifact are invalid", () => {
  const code = "inventory.gradle_verification.invalid";
  assertVouchError(
    () => parseGradleVerification("<components/>", PATH),
    code,
    /:1: the root element is <components>, not <verification-metadata>/,
  );
  assertVouchError(
    () =>
      parseGradleVerification(
        `<verification-metadata><components><component group="g" name="n" version="1">
<artifact name="n-1.jar"/><artifact name="n-1.jar"/></component></components></verification-metadata>`,
        PATH,
      ),
    code,
    /:2: the artifact n-1\.jar of g:n:1 appears twice/,
  );
});

Deno.test("readGradleVerification: a module only buildSrc or a plugin build locks is build, not an unscoped runtime one", () => {
  const files: Record<string, string> = {
    [PATH]: `<?xml version="1.0" encoding="UTF-8"?>
<verification-metadata xmlns="https://schema.gradle.org/dependency-verification">
   <components>
      <component group="org.jetbrains.kotlin" name="kotlin-gradle-plugin" version="1.9.22">
         <artifact name="kotlin-gradle-plugin-1.9.22-gradle82.jar">
            <sha256 value="${"1".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
      <component group="com.diffplug.spotless" name="spotless-plugin-gradle" version="6.25.0">
         <artifact name="spotless-plugin-gradle-6.25.0.jar">
            <sha256 value="${"3".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
      <component group="org.jetbrains.kotlin" name="kotlin-stdlib" version="1.9.22">
         <artifact name="kotlin-stdlib-1.9.22.jar">
            <sha256 value="${"2".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
   </components>
</verification-metadata>
`,
    "buildSrc/gradle.lockfile":
      "org.jetbrains.kotlin:kotlin-gradle-plugin:1.9.22=buildScriptClasspath,compileClasspath,runtimeClasspath\n" +
      "empty=annotationProcessor\n",
    "gradle.lockfile":
      "org.jetbrains.kotlin:kotlin-stdlib:1.9.22=compileClasspath,runtimeClasspath\nempty=\n",
    "settings.gradle.kts":
      'pluginManagement {\n  includeBuild("build-logic")\n}\ninclude(":app")\n',
    "build-logic/gradle.lockfile":
      "com.diffplug.spotless:spotless-plugin-gradle:6.25.0=compileClasspath,runtimeClasspath\n" +
      "empty=\n",
  };
  const out = readGradleVerification(files[PATH], { path: PATH, load: (p) => files[p] });
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), [
    ["pkg:maven/com.diffplug.spotless/spotless-plugin-gradle@6.25.0", ["build"]],
    ["pkg:maven/org.jetbrains.kotlin/kotlin-gradle-plugin@1.9.22", ["build"]],
    ["pkg:maven/org.jetbrains.kotlin/kotlin-stdlib@1.9.22", ["runtime"]],
  ]);
  assert.equal(out.warnings, undefined, "every component is in a lock");
});

// Found on AAUSoftwareEngineering2/SE2_Gruppenprojekt (an Android app): the verified files of a
// Kotlin Multiplatform root module (androidx.collection:collection, androidx.annotation:annotation)
// are its Gradle Module Metadata alone, its variants being other modules; Gradle resolved it and
// its locks list it (`androidx.collection:collection:1.5.0=…RuntimeClasspath`), so it is a
// component, as when a lock is read. Only a POM-only one (a parent POM) is left out.
Deno.test("readGradleVerification: a module whose only verified file is its .module is kept; a POM-only one is not", () => {
  const text = verificationXml(
    `      <component group="androidx.annotation" name="annotation" version="1.0.0">
         <artifact name="annotation-1.0.0.pom">
            <sha256 value="${"a".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
      <component group="androidx.collection" name="collection" version="1.5.0">
         <artifact name="collection-1.5.0.module">
            <sha256 value="${"b".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
      <component group="androidx.collection" name="collection-jvm" version="1.5.0">
         <artifact name="collection-jvm-1.5.0.jar">
            <sha256 value="${"c".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
         <artifact name="collection-jvm-1.5.0.module">
            <sha256 value="${"d".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
`,
  );
  const out = readGradleVerification(text, { path: PATH, load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.scopes, c.hashes.length]), [
    ["pkg:maven/androidx.collection/collection-jvm@1.5.0", ["runtime"], 1],
    ["pkg:maven/androidx.collection/collection@1.5.0", ["runtime"], 0],
  ]);
});

// Found on AndroidHardeningArchive/Auditor (an Android app without locks): Gradle reads the
// metadata of every version a conflict brings into the graph and downloads the files of the one
// it selects, the highest, so a version whose only verified file is its .module beside a higher
// version with an aar or a jar lost the conflict (androidx.activity:activity 1.7.0 beside 1.8.0,
// androidx.annotation:annotation 1.3.0 beside 1.6.0, in Gradle's version order: 1.10.0 > 1.9.0,
// 2.0.0 > 2.0.0-rc01): it was reported as a runtime component. A Kotlin Multiplatform root
// above every version with files (collection 1.5.0 over 1.1.0's jar) is still kept, and so is a
// lost version a lock lists.
Deno.test("readGradleVerification: a .module-only version below a version with files lost a conflict and is left out", () => {
  const sha = (n: number): string => n.toString(16).repeat(64).slice(0, 64);
  const component = (group: string, name: string, version: string, ...files: string[]): string =>
    `      <component group="${group}" name="${name}" version="${version}">
${
      files.map((f, i) =>
        `         <artifact name="${name}-${version}.${f}">
            <sha256 value="${sha(i + 1)}" origin="Generated by Gradle"/>
         </artifact>
`
      ).join("")
    }      </component>
`;
  const text = verificationXml(
    component("androidx.activity", "activity", "1.7.0", "module") +
      component("androidx.activity", "activity", "1.8.0", "aar", "module") +
      component("androidx.annotation", "annotation", "1.3.0", "module") +
      component("androidx.annotation", "annotation", "1.6.0", "jar", "module") +
      component("androidx.collection", "collection", "1.1.0", "jar", "pom") +
      component("androidx.collection", "collection", "1.5.0", "module") +
      component("androidx.core", "core", "1.9.0", "module") +
      component("androidx.core", "core", "1.10.0", "aar", "module") +
      component("androidx.fragment", "fragment", "1.10.0", "module") +
      component("androidx.fragment", "fragment", "1.9.0", "aar", "module") +
      component("androidx.lifecycle", "lifecycle-common", "2.0.0-rc01", "module") +
      component("androidx.lifecycle", "lifecycle-common", "2.0.0", "jar", "module") +
      component("androidx.test", "runner", "1.5.0", "module") +
      component("androidx.test", "runner", "1.6.0", "aar", "module"),
  );
  const files: Record<string, string> = {
    [PATH]: text,
    "gradle.lockfile": "androidx.test:runner:1.5.0=debugAndroidTestRuntimeClasspath\nempty=\n",
  };
  const out = readGradleVerification(text, { path: PATH, load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/androidx.activity/activity@1.8.0",
    "pkg:maven/androidx.annotation/annotation@1.6.0",
    "pkg:maven/androidx.collection/collection@1.1.0",
    "pkg:maven/androidx.collection/collection@1.5.0",
    "pkg:maven/androidx.core/core@1.10.0",
    "pkg:maven/androidx.fragment/fragment@1.10.0",
    "pkg:maven/androidx.fragment/fragment@1.9.0",
    "pkg:maven/androidx.lifecycle/lifecycle-common@2.0.0",
    "pkg:maven/androidx.test/runner@1.5.0",
    "pkg:maven/androidx.test/runner@1.6.0",
  ]);
});

// Found on ADarko22/JDKCertsTool: clikt-jvm 5.0.2 lost the conflict to 5.0.3, yet the IDE's sync
// had verified its sources jar beside its .module; neither is on a classpath, so 5.0.2 lost it as
// a .module-only version does. A sources jar with no higher version keeps its module.
Deno.test("readGradleVerification: a lost version's sources or javadoc jar does not keep it", () => {
  const sha = (n: number): string => n.toString(16).repeat(64).slice(0, 64);
  const component = (group: string, name: string, version: string, files: string[]): string =>
    `      <component group="${group}" name="${name}" version="${version}">
${
      files.map((f, i) =>
        `         <artifact name="${f}">
            <sha256 value="${sha(i + 1)}" origin="Generated by Gradle"/>
         </artifact>
`
      ).join("")
    }      </component>
`;
  const text = verificationXml(
    component("com.github.ajalt.clikt", "clikt-jvm", "5.0.2", [
      "clikt-jvm-5.0.2-sources.jar",
      "clikt-jvm-5.0.2.module",
    ]) +
      component("com.github.ajalt.clikt", "clikt-jvm", "5.0.3", [
        "clikt-jvm-5.0.3-sources.jar",
        "clikt-jvm-5.0.3.jar",
        "clikt-jvm-5.0.3.module",
      ]) +
      component("com.github.ajalt.mordant", "mordant-jvm", "3.0.1", [
        "mordant-jvm-3.0.1-javadoc.jar",
        "mordant-jvm-3.0.1.module",
      ]),
  );
  const out = readGradleVerification(text, { path: PATH, load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/com.github.ajalt.clikt/clikt-jvm@5.0.3",
    "pkg:maven/com.github.ajalt.mordant/mordant-jvm@3.0.1",
  ]);
});

// Each .module-only version was compared with every version of its module that has files: a
// hostile file of 2,200 of each (900 KB) took 8 s. Each is compared with the highest now.
Deno.test("readGradleVerification: a module's many .module-only versions cost one comparison each", () => {
  const sha = "a".repeat(64);
  const component = (version: string, file: string): string =>
    `<component group="g" name="m" version="${version}"><artifact name="m-${version}.${file}">` +
    `<sha256 value="${sha}"/></artifact></component>\n`;
  const n = 2000;
  const text = verificationXml(
    Array.from(
      { length: n },
      (_, i) => component(`1.${i}.0-alpha${i}`, "module") + component(`0.${i}.1-beta${i}`, "jar"),
    ).join("") + component("2.0.0", "module") + component("0.0.1", "module"),
  );
  const elapsed = cpuStopwatch();
  const out = readGradleVerification(text, { path: PATH, load: () => undefined });
  assert.ok(elapsed() < 3_000, "too slow"); // about 0.5 s
  const ids = new Set(out.components.map((c) => c.id));
  assert.equal(ids.size, 2 * n + 1);
  assert.ok(ids.has("pkg:maven/g/m@2.0.0"), "above every version with files: kept");
  assert.ok(!ids.has("pkg:maven/g/m@0.0.1"), "below the highest with files: left out");
});

// Found on ACINQ/bitcoin-kmp: Gradle verifies the Kotlin/Native distribution, an Ivy module with no
// group, and writes it `group=""`. The file is valid; the module is no Maven coordinate (the
// purl-spec maven type needs the group as namespace): pkg:generic, its only file its own.
// A missing group attribute is still invalid.
Deno.test('readGradleVerification: a module without a group (group="") is pkg:generic', () => {
  const sha512 = "9".repeat(128);
  const text = verificationXml(
    `      <component group="" name="kotlin-native-prebuilt-linux-x86_64" version="1.9.23">
         <artifact name="kotlin-native-prebuilt-linux-x86_64-1.9.23.tar.gz">
            <sha512 value="${sha512}" origin="Generated by Gradle"/>
         </artifact>
      </component>
`,
  );
  const out = readGradleVerification(text, { path: PATH, load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(
    out.components.map((c) => [c.id, c.ecosystem, c.name, c.version, c.hashes]),
    [[
      "pkg:generic/kotlin-native-prebuilt-linux-x86_64@1.9.23",
      "generic",
      "kotlin-native-prebuilt-linux-x86_64",
      "1.9.23",
      [{ alg: "sha512", hex: sha512 }],
    ]],
  );
  assertVouchError(
    () => parseGradleVerification(text.replace(' group=""', ""), PATH),
    "inventory.gradle_verification.invalid",
    /:4: <component> has no group attribute/,
  );
});

// Found on Kotlin/kotlinx.collections.immutable: the Kotlin Gradle plugin downloads Node.js and Yarn
// for Kotlin/JS from their release pages through Ivy repositories it names `org.nodejs:node` and
// `com.yarnpkg:yarn` (includeModule("org.nodejs", "node")), and Gradle verifies them so. No Maven
// repository has them: they were pkg:maven/org.nodejs/node@…; they are the tools, pkg:generic, as
// pnpm's node@runtime: is, their per-platform archives distributions, none the component's hash.
Deno.test("readGradleVerification: the Node.js and Yarn the Kotlin Gradle plugin downloads are pkg:generic", () => {
  const text = verificationXml(
    `      <component group="com.yarnpkg" name="yarn" version="1.22.17">
         <artifact name="yarn-1.22.17.tar.gz">
            <pgp value="6D98490C6F1ACDDD448E45954F77679369475BAA"/>
         </artifact>
      </component>
      <component group="org.nodejs" name="node" version="21.0.0-v8-canary202309167e82ab1fa2">
         <artifact name="node-21.0.0-v8-canary202309167e82ab1fa2-darwin-arm64.tar.gz">
            <sha256 value="2330f83d24a09b3d7d9a3084ba78a22012155bb915899c2f15143d26a5e9cd6c" origin="Generated by Gradle" reason="Artifact is not signed"/>
         </artifact>
      </component>
`,
  );
  const out = readGradleVerification(text, { path: PATH, load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(
    out.components.map((
      c,
    ) => [c.id, c.ecosystem, c.name, c.hashes.length, c.distributions?.length]),
    [
      ["pkg:generic/node@21.0.0-v8-canary202309167e82ab1fa2", "generic", "node", 0, 1],
      ["pkg:generic/yarn@1.22.17", "generic", "yarn", 0, 1],
    ],
  );
});

// Found on gradle/gradle#29039 and square/subzero (whose verification metadata records it): an IDE's
// sync resolves the sources of the Gradle distribution that runs the build (`gradle:gradle:8.7`,
// `gradle-8.7-src.zip` from the "Gradle distributions" repository) to show the build scripts' API,
// and Gradle verifies it there. It was pkg:maven/gradle/gradle@8.7, a runtime component of the
// project with an "in no Gradle lock file" warning; it is no dependency and is left out.
Deno.test("readGradleVerification: the Gradle distribution's sources an IDE verifies are no component", () => {
  const text = verificationXml(
    `      <component group="gradle" name="gradle" version="8.1.1">
         <artifact name="gradle-8.1.1-src.zip">
            <sha256 value="${"4".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
      <component group="junit" name="junit" version="4.13.2">
         <artifact name="junit-4.13.2.jar">
            <sha256 value="8e495b634469d64fb8acfa3495a065cbacc8a0fff55ce1e31007be4c16dc57d3" origin="Generated by Gradle"/>
         </artifact>
         <artifact name="junit-4.13.2.pom">
            <sha256 value="569b6977ee4603c965c1c46c3058fa6e969291b0160eb6964dd092cd89eadd94" origin="Generated by Gradle"/>
         </artifact>
      </component>
`,
  );
  const out = readGradleVerification(text, { path: PATH, load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:maven/junit/junit@4.13.2"]);
  assert.deepEqual(out.warnings, [
    `${PATH}: 1 verified components are in no Gradle lock file; their scope is unknown and reported as runtime`,
  ]);
});

// The IntelliJ Platform Gradle plugin downloads the JetBrains Runtime and the IDE's release archive
// from Ivy repositories it declares (IntelliJPlatformRepositoriesExtension: jetbrainsRuntime(),
// pattern `[revision].tar.gz`, content com.jetbrains:jbr; jetbrainsIdeInstallers(), the
// IntelliJPlatformType installers' coordinates), which Gradle verifies under those coordinates:
// they were pkg:maven/com.jetbrains/jbr@…, pkg:maven/idea/idea@….
Deno.test("readGradleVerification: the IntelliJ Platform plugin's Ivy downloads are pkg:generic", () => {
  const text = verificationXml(
    `      <component group="com.jetbrains" name="jbr" version="jbr_jcef-21.0.4-linux-x64-b598.4">
         <artifact name="jbr-jbr_jcef-21.0.4-linux-x64-b598.4.tar.gz">
            <sha256 value="${"c".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
      <component group="idea" name="idea" version="2025.3">
         <artifact name="idea-2025.3.tar.gz">
            <sha256 value="${"d".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
`,
  );
  const out = readGradleVerification(text, { path: PATH, load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.id, c.ecosystem, c.name, c.version]), [
    ["pkg:generic/idea@2025.3", "generic", "idea", "2025.3"],
    [
      "pkg:generic/jbr@jbr_jcef-21.0.4-linux-x64-b598.4",
      "generic",
      "jbr",
      "jbr_jcef-21.0.4-linux-x64-b598.4",
    ],
  ]);
});

// The Kotlin Gradle plugin's D8SetupTask downloads V8's d8 shell for Kotlin/Wasm from the Chromium
// V8 builds' Google storage through an Ivy repository it names `google.d8:v8`, at the revision
// `<platform>-rel-<version>` (linux64, win64, mac-arm64, mac64): it was pkg:maven/google.d8/v8@…,
// one per platform. It is the tool, as Node.js is: pkg:generic/v8@<version>, each platform's
// archive a distribution.
Deno.test("readGradleVerification: the D8 the Kotlin Gradle plugin downloads is pkg:generic, its platforms distributions", () => {
  const d8 = (platform: string, sha: string): string =>
    `      <component group="google.d8" name="v8" version="${platform}-rel-11.9.85">
         <artifact name="v8-${platform}-rel-11.9.85.zip">
            <sha256 value="${
      sha.repeat(64)
    }" origin="Generated by Gradle" reason="Artifact is not signed"/>
         </artifact>
      </component>
`;
  const text = verificationXml(d8("linux64", "a") + d8("mac-arm64", "b"));
  const out = readGradleVerification(text, { path: PATH, load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(
    out.components.map((c) => [c.id, c.ecosystem, c.name, c.version, c.hashes.length]),
    [["pkg:generic/v8@11.9.85", "generic", "v8", "11.9.85", 0]],
  );
  assert.deepEqual(out.components[0].distributions?.map((d) => d.file), [
    "v8-linux64-rel-11.9.85.zip",
    "v8-mac-arm64-rel-11.9.85.zip",
  ]);
});

// Found by reading the code (sweep 21): a build locked the legacy way, one file per configuration
// under gradle/dependency-locks/ (Gradle 4.8 to 6, read by the gradle_lockfile reader), gave its
// verified modules no lock scopes: test and buildscript modules were runtime, with a false
// "in no Gradle lock file" warning.
Deno.test("readGradleVerification: the legacy per-configuration locks (gradle/dependency-locks/*.lockfile) give the scopes", async () => {
  const files: Record<string, string> = {
    [PATH]: verificationXml(
      jar("com.google.guava", "guava", "28.0-jre", "1") +
        jar("junit", "junit", "4.12", "2") +
        jar("com.github.ben-manes", "gradle-versions-plugin", "0.21.0", "3") +
        jar("org.slf4j", "slf4j-api", "1.7.26", "4") +
        jar("com.example", "unlocked", "1.0", "5"),
    ),
    "settings.gradle": "include 'app'\n",
    "gradle/dependency-locks/compileClasspath.lockfile":
      "# This is a Gradle generated file for dependency locking.\ncom.google.guava:guava:28.0-jre\n",
    "gradle/dependency-locks/runtimeClasspath.lockfile": "com.google.guava:guava:28.0-jre\n",
    "gradle/dependency-locks/testRuntimeClasspath.lockfile":
      "com.google.guava:guava:28.0-jre\njunit:junit:4.12\n",
    "gradle/dependency-locks/buildscript-classpath.lockfile":
      "com.github.ben-manes:gradle-versions-plugin:0.21.0\n",
    "app/gradle/dependency-locks/runtimeClasspath.lockfile": "org.slf4j:slf4j-api:1.7.26\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const out = readGradleVerification(files[PATH], { path: PATH, ...treeContext(dir) });
    assertWellFormed(out);
    const scopes = [
      ["pkg:maven/com.example/unlocked@1.0", ["runtime"]],
      ["pkg:maven/com.github.ben-manes/gradle-versions-plugin@0.21.0", ["build"]],
      ["pkg:maven/com.google.guava/guava@28.0-jre", ["dev", "runtime"]],
      ["pkg:maven/junit/junit@4.12", ["dev"]],
      ["pkg:maven/org.slf4j/slf4j-api@1.7.26", ["runtime"]],
    ];
    assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), scopes);
    assert.deepEqual(out.warnings, [
      `${PATH}: 1 verified components are in no Gradle lock file; their scope is unknown and reported as runtime`,
    ], "only the module no lock lists");
    // The scan reads them the same way: one component each, the locks' scopes.
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.scopes]), scopes);
  });
});

/** A `<component>` whose only verified file is its jar, with a made-up SHA-256 (`hex` repeated). */
function jar(group: string, name: string, version: string, hex: string): string {
  return `      <component group="${group}" name="${name}" version="${version}">
         <artifact name="${name}-${version}.jar">
            <sha256 value="${hex.repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
`;
}

/** A verification metadata file with these `<component>` elements. */
function verificationXml(components: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<verification-metadata xmlns="https://schema.gradle.org/dependency-verification">
   <components>
${components}   </components>
</verification-metadata>
`;
}

// Found on elide-dev/planetscale-java: settings.gradle.kts includes its projects under a computed
// name (`fun subproject(name: String) { include(":subprojects:$name") }`), so their locks
// (subprojects/<name>/gradle.lockfile) were not found: a test-only module was reported as runtime
// (merged with the lock's dev: required) with a false "in no Gradle lock file" warning.
Deno.test("readGradleVerification: the locks of projects the settings script names only by computation give the scopes", async () => {
  const files: Record<string, string> = {
    [PATH]: verificationXml(
      jar("org.slf4j", "slf4j-api", "2.0.9", "1") +
        jar("org.junit.jupiter", "junit-jupiter-api", "5.10.1", "2") +
        jar("org.graalvm.sdk", "graal-sdk", "23.1.1", "3"),
    ),
    "settings.gradle.kts":
      'fun subproject(name: String) {\n    include(":subprojects:$name")\n}\n' +
      'listOf("core-api", "driver").forEach(::subproject)\n',
    "subprojects/core-api/gradle.lockfile":
      "org.junit.jupiter:junit-jupiter-api:5.10.1=testCompileClasspath,testRuntimeClasspath\n" +
      "org.slf4j:slf4j-api:2.0.9=compileClasspath,runtimeClasspath\nempty=\n",
    "subprojects/driver/gradle.lockfile":
      "org.graalvm.sdk:graal-sdk:23.1.1=compileClasspath\nempty=\n",
    // A test fixture's lock under src/ is no project of the build.
    "subprojects/driver/src/test/resources/sample/gradle.lockfile":
      "org.graalvm.sdk:graal-sdk:23.1.1=runtimeClasspath\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const out = readGradleVerification(files[PATH], { path: PATH, ...treeContext(dir) });
    assertWellFormed(out);
    const scopes = [
      ["pkg:maven/org.graalvm.sdk/graal-sdk@23.1.1", ["build"]],
      ["pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.1", ["dev"]],
      ["pkg:maven/org.slf4j/slf4j-api@2.0.9", ["runtime"]],
    ];
    assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), scopes);
    assert.equal(out.warnings, undefined, "every component is in a lock");
    const inventory = await readInventory(dir, { exclude: ["subprojects/driver/src"] });
    assert.deepEqual(inventory.components.map((c) => [c.id, c.scopes]), scopes);
  });
});

// The verification file of a build verifies that build, its buildSrc and the builds it includes
// (Gradle's "Scope of the dependency verification"); another build below its root (a sample with
// its own settings.gradle) is verified by its own file, if any. The scan for project locks went
// into such builds: their test configurations made a runtime module of the root dev too, and a
// module only they lock lost the "in no Gradle lock file" warning.
Deno.test("readGradleVerification: the locks of another build below the root give no scopes; an included build's do", async () => {
  const files: Record<string, string> = {
    [PATH]: verificationXml(
      jar("org.slf4j", "slf4j-api", "2.0.9", "1") +
        jar("org.junit.jupiter", "junit-jupiter-api", "5.10.1", "2") +
        jar("com.google.guava", "guava", "33.2.1-jre", "3"),
    ),
    "settings.gradle": 'rootProject.name = "app"\nincludeBuild("libs/shared")\n',
    "gradle.lockfile": "org.slf4j:slf4j-api:2.0.9=compileClasspath,runtimeClasspath\nempty=\n",
    // A part of the composite build: its projects' locks count.
    "libs/shared/settings.gradle": 'include("core")\n',
    "libs/shared/core/gradle.lockfile":
      "com.google.guava:guava:33.2.1-jre=compileClasspath,runtimeClasspath\nempty=\n",
    // Another build (a sample): not this file's.
    "samples/demo/settings.gradle": 'rootProject.name = "demo"\n',
    "samples/demo/gradle.lockfile": "org.slf4j:slf4j-api:2.0.9=testRuntimeClasspath\n" +
      "org.junit.jupiter:junit-jupiter-api:5.10.1=testRuntimeClasspath\nempty=\n",
    "samples/demo/sub/gradle.lockfile":
      "org.junit.jupiter:junit-jupiter-api:5.10.1=testCompileClasspath\nempty=\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const out = readGradleVerification(files[PATH], { path: PATH, ...treeContext(dir) });
    assertWellFormed(out);
    assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), [
      [GUAVA, ["runtime"]],
      ["pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.1", ["runtime"]],
      ["pkg:maven/org.slf4j/slf4j-api@2.0.9", ["runtime"]],
    ]);
    assert.deepEqual(out.warnings, [
      `${PATH}: 1 verified components are in no Gradle lock file; their scope is unknown and reported as runtime`,
    ]);
  });
});

// A lock a project's build script puts elsewhere (`dependencyLocking { lockFile = file("…") }`)
// gives the verified components their scopes too: they were runtime, with a false "in no Gradle
// lock file" warning, and the test-only module merged with the lock's dev into required.
Deno.test("readGradleVerification: the locks the build scripts name at other paths give the scopes", async () => {
  const files: Record<string, string> = {
    [PATH]: verificationXml(
      jar("org.slf4j", "slf4j-api", "2.0.9", "1") +
        jar("org.junit.jupiter", "junit-jupiter-api", "5.10.1", "2") +
        jar("com.diffplug.spotless", "spotless-plugin-gradle", "6.25.0", "3"),
    ),
    "settings.gradle.kts": 'include("core")\n',
    "build.gradle.kts": "buildscript {\n  dependencyLocking {\n" +
      '    lockFile.set(file("gradle/locks/buildscript.lockfile"))\n  }\n}\n',
    "gradle/locks/buildscript.lockfile":
      "com.diffplug.spotless:spotless-plugin-gradle:6.25.0=classpath\nempty=\n",
    "core/build.gradle.kts":
      'dependencyLocking {\n  lockFile.set(layout.projectDirectory.file("locks/core.lockfile"))\n}\n',
    "core/locks/core.lockfile":
      "org.junit.jupiter:junit-jupiter-api:5.10.1=testCompileClasspath,testRuntimeClasspath\n" +
      "org.slf4j:slf4j-api:2.0.9=compileClasspath,runtimeClasspath\nempty=\n",
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const out = readGradleVerification(files[PATH], { path: PATH, ...treeContext(dir) });
    const scopes = [
      ["pkg:maven/com.diffplug.spotless/spotless-plugin-gradle@6.25.0", ["build"]],
      ["pkg:maven/org.junit.jupiter/junit-jupiter-api@5.10.1", ["dev"]],
      ["pkg:maven/org.slf4j/slf4j-api@2.0.9", ["runtime"]],
    ];
    assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), scopes);
    assert.equal(out.warnings, undefined, "every component is in a lock");
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => [c.id, c.scopes]), scopes);
    assert.deepEqual(inventory.unread, []);
  });
});

// A version catalog's verified file is its TOML (the version-catalog plugin publishes no jar):
// the component is `?type=toml`, as the settings lock's purl for it, so its scope is the lock's
// and its hash the TOML's. Was: a type-less purl, unscoped, with no hash.
Deno.test("readGradleVerification: a version catalog is its TOML, ?type=toml, scoped by the settings lock", () => {
  const files: Record<string, string> = {
    [PATH]: verificationXml(
      `      <component group="org.hypertrace.bom" name="hypertrace-version-catalog" version="0.3.52">
         <artifact name="hypertrace-version-catalog-0.3.52.module">
            <sha256 value="${"a".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
         <artifact name="hypertrace-version-catalog-0.3.52.toml">
            <sha256 value="${"b".repeat(64)}" origin="Generated by Gradle"/>
         </artifact>
      </component>
`,
    ),
    "settings-gradle.lockfile":
      "org.hypertrace.bom:hypertrace-version-catalog:0.3.52=incomingCatalogForCommonLibs0\n" +
      "empty=incomingCatalogForLocalLibs0\n",
  };
  const out = readGradleVerification(files[PATH], { path: PATH, load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(
    out.components.map((c) => [c.id, c.scopes, c.hashes.map((h) => h.hex.slice(0, 2))]),
    [[
      "pkg:maven/org.hypertrace.bom/hypertrace-version-catalog@0.3.52?type=toml",
      ["build"],
      ["bb"],
    ]],
  );
  assert.equal(out.warnings, undefined);
});

// A build verified but not locked was named after the tree's folder: only Gradle locks named it.
// Gradle names the root project from the settings script whatever the build records
// (DefaultProjectDescriptor): the verification metadata of the tree root's build names it as its
// locks would, the settings and root build script peeked at (read only as the search for the
// locks they name reads them).
Deno.test("readInventory: a build verified but not locked is named by rootProject.name", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "settings.gradle": "rootProject.name = 'ledger'\ninclude 'app'\n",
      "build.gradle": "allprojects {\n  group = 'com.acme'\n}\nversion = '2.1.0'\n",
      "app/build.gradle": "plugins { id 'java' }\n" +
        "dependencies { implementation 'junit:junit:4.13.2' }\n",
      [PATH]: verificationXml(jar("junit", "junit", "4.13.2", "a")),
    });
    const inventory = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(inventory.project, {
      name: "com.acme:ledger",
      purl: "pkg:maven/com.acme/ledger@2.1.0",
      version: "2.1.0",
    });
    // The scripts it reads for the locks they name (none here), no other.
    assert.deepEqual(inventory.sources, [
      "app/build.gradle",
      "build.gradle",
      PATH,
      "settings.gradle",
    ]);
    // No rootProject.name: the folder's name, as Gradle's default.
    await writeTree(dir, { "settings.gradle": "include 'app'\n" });
    const unnamed = await readInventory(dir, { onWarning: () => {} });
    assert.equal(unnamed.project.name, dir.split("/").at(-1));
  });
});
