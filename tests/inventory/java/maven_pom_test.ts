import assert from "node:assert/strict";
import { readMavenPom } from "../../../src/inventory/java/maven_pom.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { assertSbomsValid, treeLoad } from "../_tree.ts";
import { assertSbomRefusesEvery } from "../_reader_cases.ts";

const REACTOR = fixture("java", "maven_pom", "reactor");
const CORE = "pkg:maven/com.example/app-core@1.2.0";
const WEB = "pkg:maven/com.example/app-web@1.2.0?type=war";
const BOM = "pkg:maven/com.example/app-bom@1.2.0?type=pom";
const JUNIT_BOM = "pkg:maven/org.junit/junit-bom@5.10.2?type=pom";
const BOOT_PARENT = "pkg:maven/org.springframework.boot/spring-boot-starter-parent@3.2.5?type=pom";

function readReactor(path: string): ReturnType<typeof readMavenPom> {
  const load = treeLoad(REACTOR);
  return readMavenPom(load(path)!, { path, load });
}

function scopesOf(out: ReturnType<typeof readMavenPom>): Record<string, string> {
  return Object.fromEntries(out.components.map((c) => [c.id, c.scopes.join(",")]));
}

Deno.test("readMavenPom: the root POM of a reactor, its modules as members", () => {
  const out = readReactor("pom.xml");
  assertWellFormed(out);
  assert.deepEqual(out.project, {
    name: "com.example:app-parent",
    purl: "pkg:maven/com.example/app-parent@1.2.0?type=pom",
    version: "1.2.0",
    description: "An example reactor",
    license: "Apache-2.0",
  });
  assert.deepEqual(out.members.map((m) => [m.id, m.name, m.version]), [
    [BOM, "com.example:app-bom", "1.2.0"],
    [CORE, "com.example:app-core", "1.2.0"],
    [WEB, "com.example:app-web", "1.2.0"],
  ]);
  assert.deepEqual(scopesOf(out), {
    "pkg:maven/kr.motd.maven/os-maven-plugin@1.7.1": "build",
    "pkg:maven/org.apache.maven.plugins/maven-compiler-plugin@3.13.0": "build",
    "pkg:maven/org.apache.maven.plugins/maven-enforcer-plugin@3.4.1": "build",
    [JUNIT_BOM]: "build",
    "pkg:maven/org.projectlombok/lombok@1.18.32": "build",
    "pkg:maven/org.slf4j/slf4j-api@2.0.13": "runtime",
    [BOOT_PARENT]: "build",
  });
  assert.ok(out.components.every((c) => c.direct && c.sources.includes("pom.xml")));
  assert.deepEqual(edgesFrom(out, ROOT_ID).filter((e) => e.startsWith("pkg:maven/com.example/")), [
    `${BOM} build`, // the BOM import
    `${BOM} runtime`, // the module
    `${CORE} runtime`,
    `${WEB} runtime`,
  ]);
  assert.deepEqual(out.warnings, ["pom.xml: module missing is not in the tree"]);
});

Deno.test("readMavenPom: a pom-packaged reactor project's purl is ?type=pom, as the same POM outside the tree", () => {
  // cyclonedx-maven-plugin gives the project's own component the purl of the project artifact,
  // whose type is its packaging (DefaultModelConverter.generatePackageUrl: `type` qualifier);
  // vouch gives a parent or BOM outside the tree `?type=pom`. Was: no type for a reactor
  // project, the purl of a jar the aggregator does not ship.
  const files: Record<string, string> = {
    "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>org.acme</groupId>" +
      "<artifactId>acme-parent</artifactId><version>2.0.0</version><packaging>pom</packaging>" +
      "<modules><module>core</module><module>web</module></modules></project>",
    "core/pom.xml":
      "<project><modelVersion>4.0.0</modelVersion><parent><groupId>org.acme</groupId>" +
      "<artifactId>acme-parent</artifactId><version>2.0.0</version></parent>" +
      "<artifactId>acme-core</artifactId></project>",
    "web/pom.xml":
      "<project><modelVersion>4.0.0</modelVersion><parent><groupId>org.acme</groupId>" +
      "<artifactId>acme-parent</artifactId><version>2.0.0</version></parent>" +
      "<artifactId>acme-web</artifactId><packaging>war</packaging></project>",
  };
  const root = readMavenPom(files["pom.xml"], { path: "pom.xml", load: (p) => files[p] });
  assert.equal(root.project?.purl, "pkg:maven/org.acme/acme-parent@2.0.0?type=pom");
  // A jar's purl has no type (the purl-spec default); a war's is its type, as a dependency on it.
  assert.deepEqual(root.members.map((m) => m.purl), [
    "pkg:maven/org.acme/acme-core@2.0.0",
    "pkg:maven/org.acme/acme-web@2.0.0?type=war",
  ]);
  // The same parent, not in the tree: a component of that purl.
  const alone = readMavenPom(files["core/pom.xml"], {
    path: "core/pom.xml",
    load: (p) => p === "core/pom.xml" ? files[p] : undefined,
  });
  assert.ok(alone.components.some((c) => c.purl === root.project?.purl));
});

Deno.test("readMavenPom: inheritance, management, in-tree and external BOMs, versions as written", () => {
  const out = readReactor("core/pom.xml");
  assertWellFormed(out);
  assert.equal(out.project, undefined, "a module is not the project");
  assert.deepEqual(scopesOf(out), {
    "pkg:maven/com.example.legacy/pinned@2.0": "runtime", // [2.0]: exact
    "pkg:maven/com.example.legacy/ranged": "runtime", // [1.0,2.0): a specifier
    "pkg:maven/com.example.legacy/unset": "runtime", // ${legacy.version}: unknown
    "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1": "runtime", // parent's DM
    "pkg:maven/com.google.guava/guava@33.2.1-jre": "runtime", // the in-tree BOM's DM
    "pkg:maven/io.netty/netty-transport-native-epoll@4.1.109.Final?classifier=linux-x86_64":
      "runtime",
    "pkg:maven/kr.motd.maven/os-maven-plugin@1.7.1": "build", // an inherited extension
    "pkg:maven/org.apache.commons/commons-lang3@3.14.0": "optional",
    "pkg:maven/org.apache.maven.plugins/maven-compiler-plugin@3.13.0": "build",
    // Not declared: the jar lifecycle binds it, the parent's pluginManagement gives its version.
    "pkg:maven/org.apache.maven.plugins/maven-surefire-plugin@3.2.5": "build",
    "pkg:maven/org.junit.jupiter/junit-jupiter": "dev", // managed by the external BOM
    [JUNIT_BOM]: "build",
    "pkg:maven/org.projectlombok/lombok@1.18.32": "build", // provided, from the DM
    "pkg:maven/org.slf4j/slf4j-api@2.0.13": "runtime", // inherited
    [BOOT_PARENT]: "build",
  });
  const byId = new Map(out.components.map((c) => [c.id, c]));
  assert.equal(byId.get("pkg:maven/com.example.legacy/ranged")?.specifier, "[1.0,2.0)");
  assert.equal(byId.get("pkg:maven/com.example.legacy/ranged")?.version, undefined);
  assert.equal(byId.get("pkg:maven/com.example.legacy/pinned@2.0")?.version, "2.0");
  assert.equal(byId.get("pkg:maven/org.junit.jupiter/junit-jupiter")?.version, undefined);
  assert.equal(
    byId.get("pkg:maven/org.junit.jupiter/junit-jupiter")?.name,
    "org.junit.jupiter:junit-jupiter",
  );
  assert.deepEqual(byId.get("pkg:maven/org.slf4j/slf4j-api@2.0.13")?.sources, ["pom.xml"]);
  assert.deepEqual(byId.get("pkg:maven/org.projectlombok/lombok@1.18.32")?.sources, [
    "core/pom.xml",
    "pom.xml", // also the compiler plugin's annotation processor path
  ]);
  assert.ok(edgesFrom(out, CORE).includes(`${BOM} build`), "the in-tree BOM is a member edge");
  assert.ok(!edgesFrom(out, ROOT_ID).includes(`${CORE} runtime`), "the root POM adds that edge");
  assert.deepEqual(out.warnings, [
    // The parent outside the tree may define it (the BOM cannot: a BOM passes on no property).
    "core/pom.xml: com.example.legacy:unset: its version ${legacy.version} uses a property not defined in the tree (the parent org.springframework.boot:spring-boot-starter-parent:3.2.5 outside it may define it); the purl has no version",
    "core/pom.xml: org.junit.jupiter:junit-jupiter: its version is managed outside the tree (parent org.springframework.boot:spring-boot-starter-parent:3.2.5, BOM org.junit:junit-bom:5.10.2); the purl has no version",
  ]);
});

Deno.test("readMavenPom: sibling modules are member edges; a child's property wins; profiles", () => {
  const out = readReactor("web/pom.xml");
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, WEB).filter((e) => e.includes("com.example/")), [
    `${BOM} build`,
    // A released copy of a module's name is a component, not the member.
    "pkg:maven/com.example/app-core@0.9.0?classifier=released runtime",
    `${CORE} runtime`,
    // The test-jar: the module's tests jar, another artifact than the member's.
    `${CORE}?classifier=tests dev`,
  ]);
  const scopes = scopesOf(out);
  assert.equal(scopes["pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.0"], "runtime");
  assert.equal(scopes["pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.1"], undefined);
  assert.equal(scopes["pkg:maven/jakarta.servlet/jakarta.servlet-api@6.0.0"], "build");
  assert.equal(scopes["pkg:maven/org.apache.maven.plugins/maven-enforcer-plugin@3.4.1"], undefined);
  assert.ok(
    edgesFrom(out, "pkg:maven/org.apache.maven.plugins/maven-war-plugin@3.4.0").includes(
      "pkg:maven/org.codehaus.plexus/plexus-archiver@4.9.2 build",
    ),
    "a plugin's own dependencies hang from the plugin",
  );
  const micrometer = out.components.find((c) => c.name === "io.micrometer:micrometer-core");
  assert.deepEqual(micrometer?.groups, ["profile:metrics"]);
  assert.equal(micrometer?.version, "1.13.0", "a profile's properties apply to it");
  const jackson = out.components.find((c) => c.id.includes("jackson-databind"));
  assert.deepEqual(jackson?.groups, [], "a profile only reconfiguring a dependency adds no group");
});

Deno.test("readMavenPom: the whole reactor through the scan gives valid SBOMs", async () => {
  const inventory = await readInventory(REACTOR);
  assert.deepEqual(inventory.sources, ["bom/pom.xml", "core/pom.xml", "pom.xml", "web/pom.xml"]);
  assert.equal(inventory.project.name, "com.example:app-parent");
  assert.deepEqual(inventory.members.map((m) => m.id), [BOM, CORE, WEB]);
  assert.equal(inventory.components.length, 23); // with app-core's tests jar
  await assertSbomsValid(inventory, "maven reactor");
});

Deno.test("readMavenPom: a lone POM with no parent in the tree is the project", () => {
  const text = `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.example</groupId><artifactId>corp-parent</artifactId><version>7</version></parent>
  <artifactId>lone</artifactId>
  <dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId></dependency></dependencies>
</project>`;
  const out = readMavenPom(text, { path: "svc/pom.xml", load: () => undefined });
  assertWellFormed(out);
  assert.equal(out.project?.purl, "pkg:maven/org.example/lone@7", "group and version inherited");
  assert.deepEqual(edgesFrom(out, ROOT_ID), ["pkg:maven/org.example/lone@7 runtime"]);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/g/a",
    "pkg:maven/org.example/corp-parent@7?type=pom",
  ]);
  assert.deepEqual(out.warnings, [
    "svc/pom.xml: g:a: its version is managed outside the tree (parent org.example:corp-parent:7); the purl has no version",
  ]);
  // Several such dependencies of one POM: one warning names them all (spring-cloud-openfeign
  // printed 45 lines, each naming the same parents and BOMs).
  const several = readMavenPom(
    text.replace(
      "</dependencies>",
      "<dependency><groupId>g</groupId><artifactId>c</artifactId><scope>test</scope></dependency>" +
        "<dependency><groupId>g</groupId><artifactId>b</artifactId></dependency></dependencies>",
    ),
    { path: "svc/pom.xml", load: () => undefined },
  );
  assert.deepEqual(several.warnings, [
    "svc/pom.xml: g:a, g:b, g:c: their versions are managed outside the tree (parent org.example:corp-parent:7); their purls have no version",
  ]);
});

Deno.test("readMavenPom: a parent or BOM that several POMs pass on is named once in the warning", () => {
  // tileverse-rangereader's shape: the root's BOM imports reach a module through its parent and
  // again through the in-tree BOMs it imports, which are children of the same root.
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.example</groupId><artifactId>corp-parent</artifactId><version>7</version></parent>
  <groupId>io.t</groupId><artifactId>parent</artifactId><version>\${revision}</version>
  <packaging>pom</packaging>
  <modules><module>dependencies</module><module>core</module></modules>
  <properties><revision>1.0-SNAPSHOT</revision></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>org.junit</groupId><artifactId>junit-bom</artifactId><version>5.13.2</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
</project>`,
    "dependencies/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>io.t</groupId><artifactId>parent</artifactId><version>\${revision}</version></parent>
  <artifactId>dependencies</artifactId><packaging>pom</packaging>
  <dependencyManagement><dependencies>
    <dependency><groupId>com.fasterxml.jackson</groupId><artifactId>jackson-bom</artifactId><version>2.19.2</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
</project>`,
    "core/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>io.t</groupId><artifactId>parent</artifactId><version>\${revision}</version></parent>
  <artifactId>core</artifactId>
  <dependencyManagement><dependencies>
    <dependency><groupId>io.t</groupId><artifactId>dependencies</artifactId><version>\${project.version}</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>
  </dependencies>
</project>`,
  };
  const load = (path: string): string | undefined => files[path];
  const out = readMavenPom(files["core/pom.xml"], { path: "core/pom.xml", load });
  assertWellFormed(out);
  assert.deepEqual(out.warnings, [
    "core/pom.xml: org.junit.jupiter:junit-jupiter: its version is managed outside the tree " +
    "(parent org.example:corp-parent:7, BOM com.fasterxml.jackson:jackson-bom:2.19.2, " +
    "BOM org.junit:junit-bom:5.13.2); the purl has no version",
  ]);
});

// A module only a profile lists is in the reactor only when the profile is active (`-Prelease`
// builds `distribution`): what it declares was runtime, as if the default build shipped it.
Deno.test("readMavenPom: a module only a profile not active by default lists is in that profile's group", () => {
  const module = (name: string): string =>
    `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.ex</groupId><artifactId>root</artifactId><version>1.0</version></parent>
  <artifactId>${name}</artifactId>
  <dependencies>
    <dependency><groupId>org.dep</groupId><artifactId>${name}-dep</artifactId><version>2.0</version></dependency>
    <dependency><groupId>org.dep</groupId><artifactId>${name}-test</artifactId><version>2.0</version><scope>test</scope></dependency>
  </dependencies>
</project>`;
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>org.ex</groupId><artifactId>root</artifactId><version>1.0</version><packaging>pom</packaging>
  <modules><module>core</module></modules>
  <profiles>
    <profile><id>release</id><modules><module>distribution</module></modules></profile>
    <profile><id>bench</id><activation><activeByDefault>true</activeByDefault></activation>
      <modules><module>bench</module></modules></profile>
  </profiles>
</project>`,
    "core/pom.xml": module("core"),
    "distribution/pom.xml": module("distribution"),
    "bench/pom.xml": module("bench"),
  };
  const load = (path: string): string | undefined => files[path];
  const read = (path: string): ReturnType<typeof readMavenPom> =>
    readMavenPom(files[path], { path, load });
  const groupsOf = (out: ReturnType<typeof readMavenPom>): Record<string, string> =>
    Object.fromEntries(out.components.map((c) => [c.id, c.groups.join(",")]));
  const distribution = read("distribution/pom.xml");
  assertWellFormed(distribution);
  assert.deepEqual(scopesOf(distribution), {
    "pkg:maven/org.dep/distribution-dep@2.0": "optional",
    "pkg:maven/org.dep/distribution-test@2.0": "dev",
  });
  assert.deepEqual(groupsOf(distribution), {
    "pkg:maven/org.dep/distribution-dep@2.0": "profile:release",
    "pkg:maven/org.dep/distribution-test@2.0": "profile:release",
  });
  // Said with the root's profiles, which the module inherits.
  assert.match(
    (distribution.inheritedWarnings ?? []).map((w) => `${w.warning} ${w.by}`).join("\n"),
    /^pom\.xml: .*the runtime dependencies of release, which the build does not activate by default, are optional;.* distribution\/pom\.xml$/,
  );
  // The root's edge to it is optional; a module of the default build, or of a profile it
  // activates by default, is as before.
  assert.deepEqual(edgesFrom(read("pom.xml"), ROOT_ID), [
    "pkg:maven/org.ex/bench@1.0 runtime",
    "pkg:maven/org.ex/core@1.0 runtime",
    "pkg:maven/org.ex/distribution@1.0 optional",
  ]);
  for (const name of ["core", "bench"]) {
    const out = read(`${name}/pom.xml`);
    assert.deepEqual(scopesOf(out), {
      [`pkg:maven/org.dep/${name}-dep@2.0`]: "runtime",
      [`pkg:maven/org.dep/${name}-test@2.0`]: "dev",
    });
    assert.deepEqual(Object.values(groupsOf(out)), ["", ""]);
  }
});

// An OSGi project depends on bundles by their type (`<type>bundle</type>`, Apache Felix's
// maven-bundle-plugin as a build extension): the bundle plugins' handler makes its file the jar.
// It was `?type=bundle`, a file no repository has.
Deno.test("readMavenPom: a dependency of type bundle is a jar", () => {
  const text = `<project><modelVersion>4.0.0</modelVersion>
  <groupId>org.ex</groupId><artifactId>feature</artifactId><version>1.0</version>
  <dependencies>
    <dependency><groupId>org.apache.servicemix.bundles</groupId><artifactId>org.apache.servicemix.bundles.jsch</artifactId><version>0.1.55_1</version><type>bundle</type></dependency>
    <dependency><groupId>org.ex</groupId><artifactId>api</artifactId><version>1.0</version><type>bundle</type><classifier>sources</classifier></dependency>
  </dependencies>
  <build><plugins><plugin><groupId>org.apache.felix</groupId><artifactId>maven-bundle-plugin</artifactId><version>5.1.9</version><extensions>true</extensions></plugin></plugins></build>
</project>`;
  const out = readMavenPom(text, { path: "pom.xml", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/org.apache.felix/maven-bundle-plugin@5.1.9",
    "pkg:maven/org.apache.servicemix.bundles/org.apache.servicemix.bundles.jsch@0.1.55_1",
    "pkg:maven/org.ex/api@1.0?classifier=sources",
  ]);
});

// Bad input in files (truncated, duplicate keys, wrong version, invalid UTF-8, …): the golden
// cases under fixtures/java/maven_pom/invalid/ (tests/inventory/golden_test.ts).
Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(["java", "maven_pom"], "inventory.maven_pom.invalid");
  // truncated, wrong version, duplicate keys, invalid UTF-8
  for (const name of ["truncated", "model-version", "duplicate", "utf8"]) {
    assert.ok(cases.includes(name), name);
  }
});

Deno.test("readMavenPom: a parent chain that loops is invalid", () => {
  const code = "inventory.maven_pom.invalid";
  const cycle = fixture("java", "maven_pom", "invalid", "cycle");
  const load = treeLoad(cycle);
  assertVouchError(
    () => readMavenPom(load("a/pom.xml")!, { path: "a/pom.xml", load }),
    code,
    /the parent chain loops: a\/pom\.xml → b\/pom\.xml → a\/pom\.xml/,
  );
});

Deno.test({
  name: "readMavenPom: the gson reactor is read whole",
  ignore: skipWithoutShared("the gson Maven corpus test"),
  fn: async () => {
    const root = `${SHARED_DIR}/corpus/google__gson`;
    const inventory = await readInventory(root);
    // Established with an independent python3 xml.etree script over the 8 POMs, applying the
    // rules of this reader (parent chain by relativePath, properties, dependencyManagement with
    // in-tree BOM imports, build plugins with versions from pluginManagement, plugin
    // dependencies, annotationProcessorPaths, extensions, profiles' own additions, external
    // BOMs as ?type=pom, reactor self-dependencies left out): 39 distinct purls, 7 modules. Of
    // the 39, 15 are project dependencies (12 with versions, junit-jupiter and
    // junit-platform-launcher managed by the external junit-bom, and junit-bom itself) and 24
    // are build plugins and their dependencies / annotation processors; and the 2 plugins that
    // every packaging's lifecycle binds (install, deploy) that only the parent's pluginManagement
    // names.
    assert.equal(inventory.components.length, 41);
    assert.equal(inventory.members.length, 7);
    assert.equal(
      inventory.project.purl,
      "pkg:maven/com.google.code.gson/gson-parent@2.14.1-SNAPSHOT?type=pom",
    );
    const byId = new Map(inventory.components.map((c) => [c.id, c]));
    const expect: [string, string][] = [
      ["pkg:maven/com.google.errorprone/error_prone_annotations@2.50.0", "runtime"],
      ["pkg:maven/com.google.protobuf/protobuf-java@4.35.1", "runtime"], // ${protobufVersion}
      ["pkg:maven/junit/junit@4.13.2", "dev"], // from the parent's dependencyManagement
      ["pkg:maven/com.google.guava/guava@33.6.0-jre", "dev,runtime"], // test in gson, compile in proto
      ["pkg:maven/org.junit.jupiter/junit-jupiter", "dev"], // version from junit-bom, not in the tree
      ["pkg:maven/org.junit/junit-bom@6.0.3?type=pom", "build"],
      ["pkg:maven/com.google.errorprone/error_prone_core@2.50.0", "build"], // annotation processor
      ["pkg:maven/com.android.tools/r8@9.1.31", "build"], // a plugin's dependency
      ["pkg:maven/org.apache.maven.plugins/maven-jar-plugin@3.5.0", "build"], // pluginManagement
    ];
    for (const [id, scopes] of expect) assert.equal(byId.get(id)?.scopes.join(","), scopes, id);
    assert.ok(
      !inventory.components.some((c) => c.name.startsWith("com.google.code.gson:")),
      "the reactor's own modules (gson ${project.parent.version}) are never components",
    );
    assert.ok(
      inventory.edges.some((e) =>
        e.from === "pkg:maven/com.google.code.gson/proto@2.14.1-SNAPSHOT" &&
        e.to === "pkg:maven/com.google.code.gson/gson@2.14.1-SNAPSHOT"
      ),
      "proto depends on the gson module",
    );
    assert.ok(
      inventory.edges.some((e) =>
        e.from === "pkg:maven/com.google.code.gson/gson-extras@2.14.1-SNAPSHOT" &&
        e.to === "pkg:maven/com.google.errorprone/error_prone_core@2.50.0"
      ),
      "extras, which declares no compiler plugin, is compiled with the managed Error Prone",
    );
    await assertSbomsValid(inventory, "google__gson");
  },
});

Deno.test("readMavenPom: work kept between reads never outlives a changed parent", () => {
  const load = treeLoad(REACTOR);
  const core = load("core/pom.xml")!;
  const jackson = (out: ReturnType<typeof readMavenPom>): string | undefined =>
    out.components.find((c) => c.name === "com.fasterxml.jackson.core:jackson-databind")?.version;
  assert.equal(jackson(readMavenPom(core, { path: "core/pom.xml", load })), "2.17.1");
  const changed = (path: string): string | undefined =>
    path === "pom.xml" ? load(path)!.replace("2.17.1", "2.18.0") : load(path);
  assert.equal(jackson(readMavenPom(core, { path: "core/pom.xml", load: changed })), "2.18.0");
  assert.equal(jackson(readMavenPom(core, { path: "core/pom.xml", load })), "2.17.1");
});

Deno.test("readMavenPom: a parent's profiles are the module's too; profiles are never evaluated silently", () => {
  const dir = fixture("java", "maven_pom", "profiles");
  const out = readMavenPom(Deno.readTextFileSync(`${dir}/app/pom.xml`), {
    path: "app/pom.xml",
    load: treeLoad(dir),
  });
  assert.deepEqual(edgesFrom(out, "pkg:maven/com.example/app@1.0.0"), [
    "pkg:maven/com.google.guava/guava@33.2.1-jre runtime",
    "pkg:maven/javax.annotation/javax.annotation-api@1.3.2 runtime",
    "pkg:maven/org.slf4j/slf4j-simple@2.0.13 runtime",
  ]);
  const slf4j = out.components.find((c) => c.name === "org.slf4j:slf4j-simple");
  assert.deepEqual(slf4j?.groups, ["profile:logging"]);
  // Said about the parent that declares them, for every module alike (the merge says it once).
  assert.deepEqual(out.inheritedWarnings, [{
    warning:
      "pom.xml: its profiles' activation is known only as far as the POMs and .mvn/maven.config say (not the JDK, OS, files or environment of a run): the dependencies and plugins of every " +
      "profile (and the versions its properties give the build's own) are listed, each in the " +
      "group profile:<id>, whether the build activates it or not: logging (activeByDefault), " +
      "jdk8 (by jdk)",
    by: "app/pom.xml",
  }]);
  assert.ok(!out.warnings?.some((w) => w.includes("activation")), String(out.warnings));
});

/** A two-POM reactor in memory (`pom.xml`, g:parent:1, with the module `lib/`), read at `lib/pom.xml`. */
function readLib(parentBody: string, libBody: string): ReturnType<typeof readMavenPom> {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>lib</module></modules>${parentBody}</project>`,
    "lib/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>
  <artifactId>lib</artifactId>${libBody}</project>`,
  };
  const out = readMavenPom(files["lib/pom.xml"], { path: "lib/pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  return out;
}

/** A `<dependency>` element. */
function dep(coordinates: string, more = ""): string {
  const [groupId, artifactId, version] = coordinates.split(":");
  return `<dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>${
    version === undefined ? "" : `<version>${version}</version>`
  }${more}</dependency>`;
}

/** A `<dependency>` importing a BOM (`<type>pom</type>`, `<scope>import</scope>`). */
function bomImport(coordinates: string): string {
  return dep(coordinates, "<type>pom</type><scope>import</scope>");
}

/** A `<plugin>` element of the default plugin group. */
function plugin(artifactId: string, version?: string, more = ""): string {
  return `<plugin><artifactId>${artifactId}</artifactId>${
    version === undefined ? "" : `<version>${version}</version>`
  }${more}</plugin>`;
}

// Shaped like google/guava's reactor: the parent manages junit with <scope>test</scope>, a module
// declares junit with its own version and no scope; Maven applies the managed scope (test).
Deno.test("readMavenPom: a managed scope applies to a dependency that declares none", () => {
  const out = readLib(
    `<dependencyManagement><dependencies>${dep("junit:junit:4.13.2", "<scope>test</scope>")}${
      dep("org.checkerframework:checker-qual:3.12.0", "<classifier>sources</classifier>")
    }</dependencies></dependencyManagement>`,
    `<dependencies>${dep("junit:junit:4.8.2")}${
      dep("org.checkerframework:checker-qual", "<classifier>sources</classifier>")
    }</dependencies>`,
  );
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/junit/junit@4.8.2 dev",
    "pkg:maven/org.checkerframework/checker-qual@3.12.0?classifier=sources runtime",
  ]);
});

// Found by comparing with Maven 3.8.7: a scope written as a property (`<scope>\${dep.scope}</scope>`)
// that only a profile whose activation the POMs do not decide (here a file) defines. Maven warns
// of the scope it cannot interpolate and keeps the dependency; vouch refused the whole scan
// (exit 2). The dependency is kept as compile, Maven's default, with a warning, and the profile
// that defines the property gives its scope in its group.
Deno.test("readMavenPom: a scope from a property the build does not define is compile, with a warning", () => {
  const out = readLib(
    `<profiles><profile><id>bundled</id>
      <activation><file><missing>marker.txt</missing></file></activation>
      <properties><dep.scope>provided</dep.scope></properties>
    </profile></profiles>`,
    `<dependencies>${
      dep("commons-io:commons-io:2.6", "<scope>\${dep.scope}</scope>")
    }</dependencies>`,
  );
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      "pkg:maven/commons-io/commons-io@2.6 build,runtime profile:bundled",
    ],
  );
  assert.ok(
    out.warnings?.includes(
      "lib/pom.xml: commons-io:commons-io: its scope ${dep.scope} uses a property not defined in the tree; it is taken as compile, Maven's default",
    ),
    out.warnings?.join("\n"),
  );
});

// Found by comparing with Maven 3.8.7 (its model builder, its scope filters): `<scope>import</scope>`
// on a dependency, or on a managed entry that is not a `pom` (so imports no BOM), is only warned
// of ("must be one of [provided, compile, runtime, test, system] but is 'import'"); the dependency
// keeps the scope import, which every scope filter lets through as it does `compil`: resolved with
// every classpath and packaged. vouch took it as build (not shipped), silently.
Deno.test("readMavenPom: scope import on what imports no BOM is runtime, with a warning", () => {
  const out = readLib(
    `<dependencyManagement><dependencies>${
      dep("g:managed:3", "<scope>import</scope>")
    }</dependencies></dependencyManagement>`,
    `<dependencies>${dep("g:a:1", "<scope>import</scope>")}${
      dep("g:b:1", "<type>pom</type><scope>import</scope>")
    }${dep("g:managed")}</dependencies>`,
  );
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/g/a@1 runtime",
    "pkg:maven/g/b@1?type=pom runtime",
    "pkg:maven/g/managed@3 runtime",
  ]);
  const why =
    'its scope "import" imports nothing here (only a <type>pom</type> entry of <dependencyManagement> imports a BOM) (Maven warns, resolves it with every classpath and packages it with the runtime ones); it is taken as runtime';
  assert.deepEqual(out.warnings, [
    `lib/pom.xml: g:a: ${why}`,
    `lib/pom.xml: g:b: ${why}`,
    `lib/pom.xml: g:managed: ${
      why.replace('"import"', '"import" (from its dependency management)')
    }`,
  ]);
});

// Found by comparing with Maven 3.8.7 (its model builder and a build of the project): a scope
// Maven does not know (`compil`, `Test`) is a warning of its model validator, not an error; the
// dependency stays with that scope, is resolved whatever the classpath (Maven's scope filters let
// an unknown scope through) and packaged by war, assembly and shade. vouch refused the scan (exit 2).
Deno.test("readMavenPom: a scope Maven does not know is runtime, with a warning naming it", () => {
  const out = readLib(
    `<dependencyManagement><dependencies>${
      dep("g:managed:3", "<scope>Runtime</scope>")
    }</dependencies></dependencyManagement>`,
    `<dependencies>${dep("junit:junit:4.13.2", "<scope>compil</scope>")}${
      dep("g:upper:1", "<scope>Test</scope>")
    }${dep("g:proto:1", "<scope>constructor</scope>")}${dep("g:managed")}</dependencies>`,
  );
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")}`),
    [
      "pkg:maven/g/managed@3 runtime",
      "pkg:maven/g/proto@1 runtime",
      "pkg:maven/g/upper@1 runtime",
      "pkg:maven/junit/junit@4.13.2 runtime",
    ],
  );
  const why =
    "is not one Maven knows (Maven warns, resolves it with every classpath and packages it with the runtime ones); it is taken as runtime";
  for (
    const [name, scope] of [["junit:junit", "compil"], ["g:upper", "Test"], [
      "g:proto",
      "constructor",
    ]]
  ) {
    assert.ok(
      out.warnings?.includes(`lib/pom.xml: ${name}: its scope "${scope}" ${why}`),
      out.warnings?.join("\n"),
    );
  }
  assert.ok(
    out.warnings?.includes(
      `lib/pom.xml: g:managed: its scope "Runtime" (from its dependency management) ${why}`,
    ),
    out.warnings?.join("\n"),
  );
});

// Shaped like qos-ch/slf4j's `.mvn/extensions.xml` (maven-git-versioning-extension): Maven's core
// extensions, loaded before any POM, are build tools as a POM's <build><extensions> are. The file
// was not read at all, and the extension was missing without a word.
Deno.test("readMavenPom: the core extensions of .mvn/extensions.xml beside the POM are build", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>app</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>core</module></modules>
</project>`,
    "core/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>app</artifactId><version>1</version></parent>
  <artifactId>core</artifactId>
</project>`,
    ".mvn/extensions.xml": `<?xml version="1.0" encoding="UTF-8"?>
<extensions xmlns="http://maven.apache.org/EXTENSIONS/1.0.0">
  <extension>
    <groupId>me.qoomon</groupId>
    <artifactId>maven-git-versioning-extension</artifactId>
    <version>9.4.0</version>
  </extension>
</extensions>
`,
  };
  const load = (p: string): string | undefined => files[p];
  const out = readMavenPom(files["pom.xml"], { path: "pom.xml", load });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.sources}`), [
    "pkg:maven/me.qoomon/maven-git-versioning-extension@9.4.0 build .mvn/extensions.xml",
  ]);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:maven/g/core@1 runtime",
    "pkg:maven/me.qoomon/maven-git-versioning-extension@9.4.0 build",
  ]);
  // A module of the build does not list them again.
  const core = readMavenPom(files["core/pom.xml"], { path: "core/pom.xml", load });
  assert.deepEqual(core.components, []);
  // Read before any POM: a POM's property is not the extension's; maven.config's -D is (Maven 4).
  files["pom.xml"] = files["pom.xml"].replace(
    "<packaging>",
    "<properties><ext.version>1.0</ext.version></properties><packaging>",
  );
  files[".mvn/extensions.xml"] = files[".mvn/extensions.xml"].replace("9.4.0", "${ext.version}");
  const unset = readMavenPom(files["pom.xml"], { path: "pom.xml", load });
  assert.deepEqual(unset.components.map((c) => c.id), [
    "pkg:maven/me.qoomon/maven-git-versioning-extension",
  ]);
  assert.deepEqual(unset.warnings, [
    ".mvn/extensions.xml: me.qoomon:maven-git-versioning-extension: its version ${ext.version} uses a property not defined in the tree; the purl has no version",
  ]);
  files[".mvn/maven.config"] = "-Dext.version=9.5.0\n";
  const set = readMavenPom(files["pom.xml"], { path: "pom.xml", load });
  assert.deepEqual(set.components.map((c) => c.id), [
    "pkg:maven/me.qoomon/maven-git-versioning-extension@9.5.0",
  ]);
  // Not Maven's file: refused, as Maven refuses it.
  files[".mvn/extensions.xml"] = "<project/>";
  assert.throws(
    () => readMavenPom(files["pom.xml"], { path: "pom.xml", load }),
    /\.mvn\/extensions\.xml:1: the root element is <project>, not Maven's <extensions>/,
  );
});

// Found by comparing with Maven 3.8.7's own model builder on a reactor: the management entry's
// <optional>true</optional> is not applied to the modules that declare the dependency.
Deno.test("readMavenPom: dependency management does not manage the optional flag", () => {
  const optional = "<optional>true</optional>";
  const out = readLib(
    `<dependencyManagement><dependencies>${dep("commons-io:commons-io:2.11.0", optional)}${
      dep("org.slf4j:slf4j-api:2.0.9", optional)
    }</dependencies></dependencyManagement>`,
    `<dependencies>${dep("commons-io:commons-io")}${
      dep("org.slf4j:slf4j-api", optional)
    }</dependencies>`,
  );
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/commons-io/commons-io@2.11.0 runtime",
    "pkg:maven/org.slf4j/slf4j-api@2.0.9 optional",
  ]);
});

// `<optional>`, `<extensions>` and `<activeByDefault>` counted only the text `true`, though Maven
// reads them as `<inherited>`: trimmed by its POM reader, then Boolean.parseBoolean (maven.mdo's
// Dependency.isOptional, Plugin.isExtensions) or Boolean.valueOf (the reader's boolean
// activeByDefault), so `TRUE` and `True` are true too.
Deno.test("readMavenPom: Maven's boolean fields are true in any case", () => {
  const out = readLib(
    "",
    `<packaging>mule-application</packaging><dependencies>${
      dep("commons-io:commons-io:2.11.0", "<optional>TRUE</optional>")
    }${dep("org.slf4j:slf4j-api:2.0.9", "<optional> True </optional>")}${
      dep("junit:junit:4.13.2", "<optional>yes</optional>")
    }</dependencies><build><plugins><plugin><groupId>org.mule.tools</groupId>
    <artifactId>mule</artifactId><version>1.0</version><extensions>True</extensions></plugin>
    </plugins></build><profiles><profile><id>bench</id><activation>
    <activeByDefault>TRUE</activeByDefault></activation><dependencies>${
      dep("org.openjdk.jmh:jmh-core:1.37")
    }</dependencies></profile></profiles>`,
  );
  assert.deepEqual(scopesOf(out), {
    "pkg:maven/commons-io/commons-io@2.11.0": "optional",
    "pkg:maven/junit/junit@4.13.2": "runtime",
    "pkg:maven/org.mule.tools/mule@1.0": "build",
    // In a profile the build activates by default: runtime, not optional.
    "pkg:maven/org.openjdk.jmh/jmh-core@1.37": "runtime",
    "pkg:maven/org.slf4j/slf4j-api@2.0.9": "optional",
  });
  // The build extension loaded: the packaging's file is not known.
  assert.match(String(out.warnings), /its packaging mule-application is not one vouch knows/);
  assert.match(String(out.warnings), /the build activates bench by default/);
});

// Found by comparing with Maven 3.8.7's own model builder: older POMs write the model's fields
// unprefixed (`${parent.version}`, `${version}`), which Maven 3 resolves (with a deprecation
// warning) after the properties; a property of that name still wins.
Deno.test("readMavenPom: unprefixed model fields resolve after properties", () => {
  const out = readLib(
    "",
    `<version>3.1</version><properties><artifactId>not-a-field</artifactId></properties>
    <dependencies>${dep("g:core:${parent.version}")}${dep("g:api:${version}")}${
      dep("g:${artifactId}:1")
    }</dependencies>`,
  );
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/g/api@3.1",
    "pkg:maven/g/core@1",
    "pkg:maven/g/not-a-field@1",
  ]);
  assert.deepEqual(out.warnings ?? [], []);
});

// Shaped like netty/gRPC builds: os-maven-plugin (a build extension) sets ${os.detected.classifier}
// at build time. The dependency is kept, with its version, and only the classifier is left out.
Deno.test("readMavenPom: a classifier a build extension sets is left out, not the dependency", () => {
  const text = `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>app</artifactId><version>1</version>
  <dependencyManagement><dependencies>
    <dependency><groupId>io.netty</groupId><artifactId>netty-tcnative-boringssl-static</artifactId>
      <version>2.0.61.Final</version><classifier>\${os.detected.classifier}</classifier></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>io.netty</groupId><artifactId>netty-tcnative-boringssl-static</artifactId>
      <classifier>\${os.detected.classifier}</classifier></dependency>
    <dependency><groupId>\${unknown.group}</groupId><artifactId>x</artifactId><version>1</version></dependency>
  </dependencies>
  <build><extensions><extension><groupId>kr.motd.maven</groupId><artifactId>os-maven-plugin</artifactId>
    <version>1.7.1</version></extension></extensions></build>
</project>`;
  const out = readMavenPom(text, { path: "pom.xml", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/io.netty/netty-tcnative-boringssl-static@2.0.61.Final runtime",
    "pkg:maven/kr.motd.maven/os-maven-plugin@1.7.1 build",
  ]);
  assert.deepEqual(out.warnings, [
    "pom.xml: ${unknown.group}:x is left out: ${unknown.group} is not defined in the tree",
    "pom.xml: io.netty:netty-tcnative-boringssl-static: its classifier ${os.detected.classifier} uses a property not defined in the tree (a build extension may set it); the purl has no classifier",
  ]);
});

// Maven's DefaultModelValidator checks each effective dependency's ids once properties are
// expanded (validateId: "is missing", "does not match a valid id pattern"); an id that expands to
// nothing or holds a space or `/` had been written into a purl (`pkg:maven/lib@1`, name ":lib").
Deno.test("readMavenPom: a dependency whose expanded id Maven refuses is left out, warned", () => {
  const text = `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>app</artifactId><version>1</version>
  <properties><empty.group></empty.group><lib.group>com.x</lib.group></properties>
  <dependencies>
    <dependency><groupId>
        com.y
      </groupId><artifactId> lib-a </artifactId><version>1</version></dependency>
    <dependency><groupId>\${lib.group}</groupId><artifactId>lib-b</artifactId><version>1</version></dependency>
    <dependency><groupId>\${empty.group}</groupId><artifactId>lib-c</artifactId><version>1</version></dependency>
    <dependency><groupId>com ex/ample</groupId><artifactId>lib-d</artifactId><version>1</version></dependency>
  </dependencies>
</project>`;
  const out = readMavenPom(text, { path: "pom.xml", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/com.x/lib-b@1",
    "pkg:maven/com.y/lib-a@1",
  ]);
  assert.deepEqual(out.warnings, [
    'pom.xml: ${empty.group}:lib-c is left out: its id is empty once expanded (Maven refuses it: "is missing")',
    'pom.xml: com ex/ample:lib-d is left out: "com ex/ample" is no Maven id (Maven refuses it: "does not match a valid id pattern")',
  ]);
});

// Found by comparing with Maven 3.8.7's own model builder: the root pom.xml is only an aggregator
// and the modules' parent is another module (`parent/`), not at the default relativePath
// `../pom.xml`. Maven takes such a parent from the reactor; its management then applies.
Deno.test("readMavenPom: a parent that is another module of the reactor, not at its relativePath", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>aggregator</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>parent</module><module>app</module></modules>
  <dependencyManagement><dependencies>
    <dependency><groupId>commons-codec</groupId><artifactId>commons-codec</artifactId><version>1.11</version></dependency>
  </dependencies></dependencyManagement>
</project>`,
    "parent/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>
  <properties><io.version>2.6</io.version></properties>
  <dependencyManagement><dependencies>
    <dependency><groupId>commons-io</groupId><artifactId>commons-io</artifactId><version>\${io.version}</version></dependency>
    <dependency><groupId>commons-codec</groupId><artifactId>commons-codec</artifactId><version>1.15</version></dependency>
  </dependencies></dependencyManagement>
</project>`,
    "app/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>
  <artifactId>app</artifactId>
  <dependencies>
    <dependency><groupId>commons-io</groupId><artifactId>commons-io</artifactId></dependency>
    <dependency><groupId>commons-codec</groupId><artifactId>commons-codec</artifactId></dependency>
  </dependencies>
</project>`,
  };
  const out = readMavenPom(files["app/pom.xml"], { path: "app/pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/commons-codec/commons-codec@1.15",
    "pkg:maven/commons-io/commons-io@2.6",
  ]);
  assert.deepEqual(out.warnings ?? [], []);
});

// Found by comparing with Maven 3.8.7's own model builder on jwtk/jjwt: profiles activated by the
// JDK hold only properties (`<groovy.version>`, the managed `<orgjson.version>`), which change the
// versions of the build's own dependencies and plugins. Each profile's versions are listed in its
// group, as its own dependencies are; a module's own property still wins over a parent's profile.
Deno.test("readMavenPom: the versions a profile's properties give the build are listed in its group", () => {
  const out = readLib(
    `<properties><groovy.version>2.5.16</groovy.version><json.version>20231013</json.version>
      <io.version>2.11.0</io.version></properties>
    <dependencyManagement><dependencies>${dep("org.json:json:${json.version}")}</dependencies>
    </dependencyManagement>
    <dependencies>${dep("org.codehaus.groovy:groovy:${groovy.version}", "<scope>test</scope>")}
    </dependencies>
    <build><plugins><plugin><groupId>org.codehaus.gmavenplus</groupId>
      <artifactId>gmavenplus-plugin</artifactId><version>1.6.1</version><dependencies>${
      dep("org.codehaus.groovy:groovy:${groovy.version}")
    }</dependencies></plugin></plugins></build>
    <profiles>
      <profile><id>jdk7</id><activation><jdk>1.7</jdk></activation>
        <properties><json.version>20230618</json.version><io.version>2.6</io.version></properties>
      </profile>
      <profile><id>jdk8AndLater</id><activation><jdk>[1.8,)</jdk></activation>
        <properties><groovy.version>3.0.19</groovy.version></properties>
      </profile>
    </profiles>`,
    `<properties><io.version>2.16.1</io.version></properties>
    <dependencies>${dep("org.json:json")}${
      dep("commons-io:commons-io:${io.version}")
    }</dependencies>`,
  );
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      "pkg:maven/commons-io/commons-io@2.16.1 runtime ",
      "pkg:maven/org.codehaus.gmavenplus/gmavenplus-plugin@1.6.1 build ",
      "pkg:maven/org.codehaus.groovy/groovy@2.5.16 build,dev ",
      "pkg:maven/org.codehaus.groovy/groovy@3.0.19 build,dev profile:jdk8AndLater",
      "pkg:maven/org.json/json@20230618 runtime profile:jdk7",
      "pkg:maven/org.json/json@20231013 runtime ",
    ],
  );
  assert.deepEqual(edgesFrom(out, "pkg:maven/org.codehaus.gmavenplus/gmavenplus-plugin@1.6.1"), [
    "pkg:maven/org.codehaus.groovy/groovy@2.5.16 build",
    "pkg:maven/org.codehaus.groovy/groovy@3.0.19 build",
  ]);
  assert.ok(
    out.inheritedWarnings?.some(({ warning, by }) =>
      warning.startsWith(
        "pom.xml: its profiles' activation is known only as far as the POMs and .mvn/maven.config say (not the JDK, OS, files or environment of a run)",
      ) &&
      warning.endsWith(": jdk7 (by jdk), jdk8AndLater (by jdk)") && by === "lib/pom.xml"
    ),
    JSON.stringify(out.inheritedWarnings),
  );
});

// Shaped like nbbrd/heylogs: a profile manages lombok and imports java-service-bom. vouch took
// the import for a managed entry: the BOM was neither listed nor, when in the tree, followed for
// the versions it manages. (The JDK activates it here: heylogs' own, which the build activates
// by default, is the build's, see "a profile the build activates by default is part of the build".)
Deno.test("readMavenPom: a profile's BOM imports are listed and followed in its group", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>bom</module><module>lib</module></modules>
  <profiles><profile><id>base-processors</id>
    <activation><jdk>[1.8,)</jdk></activation>
    <properties><java-service.version>1.9.0</java-service.version></properties>
    <dependencyManagement><dependencies>${dep("org.projectlombok:lombok:1.18.30")}${
      bomImport("com.github.nbbrd.java-service-util:java-service-bom:${java-service.version}")
    }${bomImport("g:bom:${project.version}")}
    </dependencies></dependencyManagement>
  </profile></profiles></project>`,
    "bom/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>
  <artifactId>bom</artifactId><packaging>pom</packaging>
  <dependencyManagement><dependencies>${dep("info.picocli:picocli:4.7.5")}
  </dependencies></dependencyManagement></project>`,
    "lib/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>
  <artifactId>lib</artifactId>
  <dependencies>${dep("org.projectlombok:lombok", "<scope>provided</scope>")}${
      dep("info.picocli:picocli")
    }${dep("com.github.nbbrd.java-service-util:java-service-processor", "<scope>provided</scope>")}
  </dependencies></project>`,
  };
  const out = readMavenPom(files["lib/pom.xml"], { path: "lib/pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  const profile = out.components.filter((c) => c.groups.includes("profile:base-processors"));
  assert.deepEqual(profile.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/com.github.nbbrd.java-service-util/java-service-bom@1.9.0?type=pom build",
    "pkg:maven/info.picocli/picocli@4.7.5 runtime", // managed by the in-tree BOM
    "pkg:maven/org.projectlombok/lombok@1.18.30 build",
  ]);
  assert.ok(edgesFrom(out, "pkg:maven/g/lib@1").includes("pkg:maven/g/bom@1?type=pom build"));
  assert.ok(
    out.warnings?.includes(
      "lib/pom.xml: com.github.nbbrd.java-service-util:java-service-processor: its version is " +
        "managed outside the tree (BOM com.github.nbbrd.java-service-util:java-service-bom:1.9.0); " +
        "the purl has no version",
    ),
    String(out.warnings),
  );
});

// Maven merges a module's dependencyManagement before its parent's, so the BOMs a module imports
// come first and win over those its parent imports (MNG-6246: "bom2 in child overrides bom1 in
// parent"). vouch imported the parent's first: the version of a parent's BOM won.
Deno.test("readMavenPom: a module's BOM imports win over its parent's", () => {
  const bom = (name: string, version: string): string =>
    `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>${name}</artifactId><version>1</version><packaging>pom</packaging>
  <dependencyManagement><dependencies>${dep(`io.netty:netty-handler:${version}`)}
  </dependencies></dependencyManagement></project>`;
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>old-bom</module><module>new-bom</module><module>lib</module></modules>
  <dependencyManagement><dependencies>${
      bomImport("g:old-bom:${project.version}")
    }</dependencies></dependencyManagement></project>`,
    "old-bom/pom.xml": bom("old-bom", "4.1.100.Final"),
    "new-bom/pom.xml": bom("new-bom", "4.1.118.Final"),
    "lib/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>
  <artifactId>lib</artifactId>
  <dependencyManagement><dependencies>${
      bomImport("g:new-bom:${project.version}")
    }</dependencies></dependencyManagement>
  <dependencies>${dep("io.netty:netty-handler")}</dependencies></project>`,
  };
  const out = readMavenPom(files["lib/pom.xml"], { path: "lib/pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/io.netty/netty-handler@4.1.118.Final",
  ]);
});

// Maven's base directory (maven.multiModuleProjectDirectory, the folder of the build's .mvn/) is
// the first folder with a `.mvn` directory at or above the folder mvn runs in, the top of the
// reactor (the mvn script's find_maven_basedir). vouch took each .mvn file from the nearest folder
// that had that file: a nested reactor with its own .mvn/ (its wrapper) took the tree root's
// maven.config, and one without a .mvn/ missed the core extensions of the root's extensions.xml.
Deno.test("readMavenPom: a nested reactor's .mvn files are those of its build's base directory", () => {
  const files: Record<string, string> = {
    ".mvn/maven.config": "-Drevision=2.0.0\n",
    ".mvn/extensions.xml": "<extensions><extension><groupId>kr.motd.maven</groupId>" +
      "<artifactId>os-maven-plugin</artifactId><version>1.7.1</version></extension></extensions>",
    "backend/pom.xml": `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId>
  <artifactId>backend</artifactId><version>\${revision}</version><packaging>pom</packaging>
  <properties><revision>1.0-SNAPSHOT</revision></properties>
  <modules><module>core</module></modules>
</project>`,
    "backend/core/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>backend</artifactId><version>\${revision}</version></parent>
  <artifactId>core</artifactId>
</project>`,
    // A module's own .mvn is not its reactor's build's.
    "backend/core/.mvn/maven.config": "-Drevision=9.9.9\n",
  };
  const read = (path: string): ReturnType<typeof readMavenPom> =>
    readMavenPom(files[path], { path, load: (p) => files[p] });
  // No .mvn in backend/: Maven run there takes the root's.
  let backend = read("backend/pom.xml");
  assertWellFormed(backend);
  assert.equal(backend.project?.purl, "pkg:maven/g/backend@2.0.0?type=pom");
  assert.deepEqual(backend.members.map((m) => m.id), [
    "pkg:maven/g/backend@2.0.0?type=pom",
    "pkg:maven/g/core@2.0.0",
  ]);
  assert.deepEqual(scopesOf(backend), {
    "pkg:maven/kr.motd.maven/os-maven-plugin@1.7.1": "build",
  });
  assert.deepEqual(read("backend/core/pom.xml").members.map((m) => m.id), [
    "pkg:maven/g/core@2.0.0",
  ]);
  // backend/.mvn/ (its Maven wrapper) is the base directory: the root's .mvn files are not read.
  files["backend/.mvn/wrapper/maven-wrapper.properties"] =
    "distributionUrl=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/3.9.6/apache-maven-3.9.6-bin.zip\n";
  backend = read("backend/pom.xml");
  assert.equal(backend.project?.purl, "pkg:maven/g/backend@1.0-SNAPSHOT?type=pom");
  assert.deepEqual(backend.members.map((m) => m.id), [
    "pkg:maven/g/backend@1.0-SNAPSHOT?type=pom",
    "pkg:maven/g/core@1.0-SNAPSHOT",
  ]);
  assert.deepEqual(backend.components, []);
});

// CI-friendly versions (maven.apache.org/maven-ci-friendly.html) set in the build's
// .mvn/maven.config (`-Drevision=1.2.3`), which Maven reads as command-line options: the
// project's and its modules' versions were unknown, and a property the POM gives a default to
// kept the POM's value, not the one Maven builds with.
Deno.test("readMavenPom: the -D properties of .mvn/maven.config are the build's, over the POMs' own", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>org.example</groupId><artifactId>parent</artifactId><version>\${revision}</version>
  <packaging>pom</packaging>
  <properties><guava.version>32.0.0-jre</guava.version></properties>
  <modules><module>core</module></modules>
  <dependencyManagement><dependencies><dependency><groupId>com.google.guava</groupId>
    <artifactId>guava</artifactId><version>\${guava.version}</version></dependency></dependencies>
  </dependencyManagement>
</project>`,
    "core/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>\${revision}</version></parent>
  <artifactId>core</artifactId>
  <dependencies><dependency><groupId>com.google.guava</groupId><artifactId>guava</artifactId></dependency></dependencies>
</project>`,
    ".mvn/maven.config":
      "# build options\n-Drevision=1.2.3 -T 1C\n--define guava.version=33.1.0-jre\n-Dquiet\n",
  };
  const read = (path: string): ReturnType<typeof readMavenPom> =>
    readMavenPom(files[path], { path, load: (p) => files[p] });
  const core = read("core/pom.xml");
  assertWellFormed(core);
  assert.deepEqual(core.components.map((c) => c.id), [
    "pkg:maven/com.google.guava/guava@33.1.0-jre",
  ]);
  assert.deepEqual(core.members.map((m) => m.id), ["pkg:maven/org.example/core@1.2.3"]);
  assert.equal(read("pom.xml").project?.purl, "pkg:maven/org.example/parent@1.2.3?type=pom");
  assert.deepEqual(core.warnings ?? [], []);
  // Without it, the POM's own default, and the version Maven cannot know.
  delete files[".mvn/maven.config"];
  const without = read("core/pom.xml");
  assert.deepEqual(without.components.map((c) => c.id), [
    "pkg:maven/com.google.guava/guava@32.0.0-jre",
  ]);
  assert.deepEqual(without.members.map((m) => m.id), ["pkg:maven/org.example/core"]);
  assert.equal(read("pom.xml").project?.purl, "pkg:maven/org.example/parent?type=pom");
});

// A core extension that versions the build from git (jgitver: its JGitverModelProcessor sets every
// project's version, and its in-tree parent's, to the one it computes; qoomon's
// maven-git-versioning-extension) makes the POMs' <version> a placeholder: the build's own purls
// were at `0`, or with `${revision}` left undefined every module's dependency on a sibling was
// warned of. Now they have no version, with one warning for the build.
Deno.test("readMavenPom: a core extension that computes the build's versions is one warning, no version", async () => {
  const pom = (body: string): string =>
    `<project><modelVersion>4.0.0</modelVersion>\n  ${body}\n</project>`;
  const parent = "<parent><groupId>com.acme</groupId><artifactId>parent</artifactId>" +
    "<version>${revision}</version></parent>";
  const files: Record<string, string> = {
    "pom.xml": pom(
      "<groupId>com.acme</groupId><artifactId>parent</artifactId><version>${revision}</version>" +
        "<packaging>pom</packaging><modules><module>core</module><module>web</module></modules>",
    ),
    "core/pom.xml": pom(`${parent}<artifactId>core</artifactId>${dep("junit:junit:4.13.2")}`),
    "web/pom.xml": pom(
      `${parent}<artifactId>web</artifactId><dependencies><dependency><groupId>com.acme` +
        "</groupId><artifactId>core</artifactId><version>${project.version}</version>" +
        "</dependency></dependencies>",
    ),
    ".mvn/extensions.xml": "<extensions><extension><groupId>fr.brouillard.oss</groupId>" +
      "<artifactId>jgitver-maven-plugin</artifactId><version>1.9.0</version></extension>" +
      "</extensions>\n",
  };
  const warning = ".mvn/extensions.xml: the core extension fr.brouillard.oss:" +
    "jgitver-maven-plugin computes the version of each project of the build from git when Maven " +
    "runs, in place of the POMs' <version>: vouch cannot know it, so the build's own purls have " +
    "no version";
  const web = readMavenPom(files["web/pom.xml"], { path: "web/pom.xml", load: (p) => files[p] });
  assertWellFormed(web);
  assert.deepEqual(web.members.map((m) => m.id).sort(), [
    "pkg:maven/com.acme/core",
    "pkg:maven/com.acme/web",
  ]);
  assert.deepEqual(web.warnings, [warning]);
  await withTempDir(async (dir) => {
    for (const [path, text] of Object.entries(files)) {
      await Deno.mkdir(`${dir}/${path.split("/").slice(0, -1).join("/")}`, { recursive: true });
      await Deno.writeTextFile(`${dir}/${path}`, text);
    }
    const warnings: string[] = [];
    const inventory = await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    assert.equal(inventory.project.purl, "pkg:maven/com.acme/parent?type=pom");
    assert.deepEqual(warnings.filter((w) => w.includes("no version")), [warning]);
    // Literal placeholders too: the purls are not at `0`.
    for (const path of ["pom.xml", "core/pom.xml", "web/pom.xml"]) {
      await Deno.writeTextFile(`${dir}/${path}`, files[path].replaceAll("${revision}", "0"));
    }
    const literal = await readInventory(dir, { onWarning: () => {} });
    assert.deepEqual(literal.members.map((m) => m.purl).sort(), [
      "pkg:maven/com.acme/core",
      "pkg:maven/com.acme/web",
    ]);
  });
  // qoomon's extension sets versions only as its configuration's <version> formats say.
  const qoomon = "<extensions><extension><groupId>me.qoomon</groupId><artifactId>" +
    "maven-git-versioning-extension</artifactId><version>9.6.4</version></extension></extensions>";
  const placeholder = Object.fromEntries(
    Object.entries(files).map(([p, t]) => [p, t.replaceAll("${revision}", "0.0.0-SNAPSHOT")]),
  );
  placeholder[".mvn/extensions.xml"] = qoomon;
  const read = (): ReturnType<typeof readMavenPom> =>
    readMavenPom(placeholder["web/pom.xml"], { path: "web/pom.xml", load: (p) => placeholder[p] });
  assert.deepEqual(read().members.map((m) => m.id).sort(), [
    "pkg:maven/com.acme/core@0.0.0-SNAPSHOT",
    "pkg:maven/com.acme/web@0.0.0-SNAPSHOT",
  ]);
  assert.deepEqual(read().warnings ?? [], []);
  placeholder[".mvn/maven-git-versioning-extension.xml"] = "<configuration><refs>" +
    '<ref type="tag"><pattern>v(?&lt;version&gt;.*)</pattern><version>${ref.version}</version>' +
    "</ref></refs></configuration>";
  assert.deepEqual(read().members.map((m) => m.id).sort(), [
    "pkg:maven/com.acme/core",
    "pkg:maven/com.acme/web",
  ]);
  assert.equal(read().warnings?.length, 1);
});

// qoomon's maven-git-versioning-extension switched off leaves the POMs' versions: its
// ContextProvider.getDisableOption takes the user property `versioning.disable` (the -D of
// .mvn/maven.config; `-Dversioning.disable` alone is `true`) through Java's parseBoolean, else
// the configuration's <disable>. Was: the build's purls without a version all the same.
Deno.test("readMavenPom: qoomon's versioning extension disabled by -Dversioning.disable keeps the versions", () => {
  const files: Record<string, string> = {
    "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>com.acme</groupId>" +
      "<artifactId>ledger</artifactId><version>1.4.0</version></project>",
    ".mvn/extensions.xml": "<extensions><extension><groupId>me.qoomon</groupId><artifactId>" +
      "maven-git-versioning-extension</artifactId><version>9.10.0</version></extension>" +
      "</extensions>",
    ".mvn/maven-git-versioning-extension.xml": "<configuration><refs>" +
      '<ref type="branch"><pattern>.+</pattern><version>${ref}-SNAPSHOT</version></ref>' +
      "</refs></configuration>",
  };
  const version = (more: Record<string, string>): string | undefined => {
    const tree = { ...files, ...more };
    return readMavenPom(tree["pom.xml"], { path: "pom.xml", load: (p) => tree[p] }).project
      ?.version;
  };
  assert.equal(version({}), undefined);
  for (const config of ["-Dversioning.disable\n", "-B -Dversioning.disable=TRUE\n"]) {
    assert.equal(version({ ".mvn/maven.config": config }), "1.4.0", config);
  }
  assert.equal(version({ ".mvn/maven.config": "-Dversioning.disable=no\n" }), undefined);
  // The configuration's own switch, which a -D of the user properties overrides.
  const off = files[".mvn/maven-git-versioning-extension.xml"].replace(
    "<refs>",
    "<disable>true</disable><refs>",
  );
  assert.equal(version({ ".mvn/maven-git-versioning-extension.xml": off }), "1.4.0");
  assert.equal(
    version({
      ".mvn/maven-git-versioning-extension.xml": off,
      ".mvn/maven.config": "-Dversioning.disable=false\n",
    }),
    undefined,
  );
});

// jgitver skipped leaves the POMs' versions: JGitverUtils.shouldSkip takes Java's parseBoolean of
// `jgitver.skip`, the system property (.mvn/jvm.config) or the user property (.mvn/maven.config,
// where `-Djgitver.skip` alone is `true`), and JGitverModelProcessor then returns each model
// unchanged, as it does for a POM under a folder its configuration's <exclusions> names
// (JGitverConfigurationComponent's ignore). Was: the build's purls without a version all the same.
Deno.test("readMavenPom: jgitver skipped by -Djgitver.skip, or excluding the folder, keeps the versions", () => {
  const files: Record<string, string> = {
    "pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>com.acme</groupId>" +
      "<artifactId>ledger</artifactId><version>1.4.0</version><packaging>pom</packaging>" +
      "<modules><module>tools/gen</module></modules></project>",
    "tools/gen/pom.xml": "<project><modelVersion>4.0.0</modelVersion><groupId>com.acme</groupId>" +
      "<artifactId>gen</artifactId><version>0.3.0</version></project>",
    ".mvn/extensions.xml": "<extensions><extension><groupId>fr.brouillard.oss</groupId>" +
      "<artifactId>jgitver-maven-plugin</artifactId><version>1.9.0</version></extension>" +
      "</extensions>",
  };
  const version = (more: Record<string, string>, path = "pom.xml"): string | undefined => {
    const tree = { ...files, ...more };
    const out = readMavenPom(tree[path], { path, load: (p) => tree[p] });
    return path === "pom.xml"
      ? out.project?.version
      : out.members?.find((m) => m.name === "com.acme:gen")?.version;
  };
  assert.equal(version({}), undefined);
  for (const config of ["-Djgitver.skip\n", "-B -Djgitver.skip=True\n"]) {
    assert.equal(version({ ".mvn/maven.config": config }), "1.4.0", config);
  }
  assert.equal(version({ ".mvn/maven.config": "-Djgitver.skip=false\n" }), undefined);
  assert.equal(version({ ".mvn/jvm.config": "-Xmx2g -Djgitver.skip=true\n" }), "1.4.0");
  // The JVM's -Dname alone is "", which parseBoolean reads as false.
  assert.equal(version({ ".mvn/jvm.config": "-Djgitver.skip\n" }), undefined);
  // A folder the configuration excludes: its POMs keep their versions, the others do not.
  const config = {
    ".mvn/jgitver.config.xml": '<configuration xmlns="http://jgitver.github.io/maven/' +
      'configuration/1.1.0"><exclusions><exclusion>tools</exclusion></exclusions></configuration>',
  };
  assert.equal(version({}, "tools/gen/pom.xml"), undefined);
  assert.equal(version(config, "tools/gen/pom.xml"), "0.3.0");
  assert.equal(version(config), undefined);
});

// A name a POM declares as a dependency whose version a parent outside the tree manages and as a
// plugin's dependency with no version (Maven manages no plugin dependency) is one purl without a
// version: it was warned of twice, once for each declaration.
Deno.test("readMavenPom: a module both a dependency and a plugin dependency without a version is warned of once", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.2.5</version></parent>
  <groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0</version><packaging>pom</packaging>
  <modules><module>core</module><module>web</module></modules>
</project>`,
    "core/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
  <artifactId>core</artifactId>
</project>`,
    "web/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0</version></parent>
  <artifactId>web</artifactId>
  <dependencies><dependency><groupId>com.acme</groupId><artifactId>core</artifactId></dependency></dependencies>
  <build><plugins><plugin><groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId>
    <version>3.1.0</version><dependencies>
      <dependency><groupId>com.acme</groupId><artifactId>core</artifactId></dependency>
      <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId></dependency>
    </dependencies></plugin></plugins></build>
</project>`,
  };
  const out = readMavenPom(files["web/pom.xml"], { path: "web/pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.warnings, [
    "web/pom.xml: com.acme:core: " + UNVERSIONED_SIBLING + "core/pom.xml, 1.0",
    "web/pom.xml: org.slf4j:slf4j-api: it has no version; the purl has no version",
  ]);
});

/** The warning of a dependency without a version on a reactor project, up to its path. */
const UNVERSIONED_SIBLING = 'it has no version, which Maven refuses ("dependencies.dependency.' +
  'version … is missing") unless management outside the tree gives one (Maven 4 gives a model ' +
  "4.1.0 POM's own dependency the reactor project's version); it takes the version of the reactor " +
  "project ";

// A dependency without a version on a module of the reactor was linked to the module, at its
// version, while the warning said "the purl has no version". Maven 3 refuses the POM
// (DefaultModelValidator: "'dependencies.dependency.version' for com.acme:core:jar is missing.");
// Maven 4 gives it the module's version when the POM is of model 4.1.0 and declares it among its
// own dependencies (DefaultModelBuilder's transformFileToRaw; not a profile's): the link stays,
// and the warning says it, unless Maven 4 does the same.
Deno.test("readMavenPom: a dependency without a version on a reactor project takes its version, and the warning says so", () => {
  const files = (model: string, body: string): Record<string, string> => ({
    "pom.xml": `<project><modelVersion>${model}</modelVersion>
  <groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.2.0</version><packaging>pom</packaging>
  <modules><module>core</module><module>app</module></modules>
</project>`,
    "core/pom.xml": `<project><modelVersion>${model}</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.2.0</version></parent>
  <artifactId>core</artifactId>
</project>`,
    "app/pom.xml": `<project><modelVersion>${model}</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.2.0</version></parent>
  <artifactId>app</artifactId>${body}
</project>`,
  });
  const read = (model: string, body: string): ReturnType<typeof readMavenPom> => {
    const tree = files(model, body);
    const out = readMavenPom(tree["app/pom.xml"], { path: "app/pom.xml", load: (p) => tree[p] });
    assertWellFormed(out);
    assert.deepEqual(edgesFrom(out, "pkg:maven/com.acme/app@1.2.0"), [
      "pkg:maven/com.acme/core@1.2.0 runtime",
    ]);
    return out;
  };
  const own = `<dependencies>${dep("com.acme:core")}</dependencies>`;
  assert.deepEqual(read("4.0.0", own).warnings, [
    `app/pom.xml: com.acme:core: ${UNVERSIONED_SIBLING}core/pom.xml, 1.2.0`,
  ]);
  assert.equal(read("4.1.0", own).warnings, undefined);
  // Maven 4 infers none in a profile: an active one's dependency is warned of.
  const profile = `<profiles><profile><id>it</id><activation><activeByDefault>true</activeByDefault>
  </activation>${own}</profile></profiles>`;
  assert.deepEqual(read("4.1.0", profile).warnings?.filter((w) => w.includes("com.acme:core")), [
    `app/pom.xml: com.acme:core: ${UNVERSIONED_SIBLING}core/pom.xml, 1.2.0`,
  ]); // A module whose version no file of the tree defines: no version, none said.
  const tree = files("4.0.0", own);
  tree["core/pom.xml"] = tree["core/pom.xml"].replace(
    "<artifactId>core</artifactId>",
    "<artifactId>core</artifactId><version>${revision}</version>",
  );
  const unknown = readMavenPom(tree["app/pom.xml"], {
    path: "app/pom.xml",
    load: (p) => tree[p],
  });
  assert.deepEqual(edgesFrom(unknown, "pkg:maven/com.acme/app@1.2.0"), [
    "pkg:maven/com.acme/core runtime",
  ]);
  assert.ok(
    unknown.warnings?.includes(`app/pom.xml: com.acme:core: ${UNVERSIONED_SIBLING}core/pom.xml`),
    String(unknown.warnings),
  );
});

// A model 4.1.0 POM's dependency without groupId (nor version) was refused ("a dependency without
// groupId"). Maven 4 infers both from the reactor project of that artifactId (DefaultModelBuilder's
// transformFileToRaw/inferDependencyVersion, the reactor's sources indexed by artifactId alone in
// putSource), the groupId through a `<parent/>` without coordinates too; it stops when several
// projects have the artifactId ("No unique Source"), and refuses one with a version.
Deno.test("readMavenPom: Maven 4 infers a dependency's groupId from the reactor project of its artifactId", () => {
  const files = (app: string, other = ""): Record<string, string> => ({
    "pom.xml": `<project><modelVersion>4.1.0</modelVersion>
  <groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.2.0</version><packaging>pom</packaging>
  <subprojects><subproject>core</subproject><subproject>app</subproject>${other}</subprojects>
</project>`,
    "core/pom.xml": `<project><modelVersion>4.1.0</modelVersion>
  <parent/>
  <artifactId>core</artifactId>
</project>`,
    "other/pom.xml": `<project><modelVersion>4.1.0</modelVersion>
  <groupId>org.other</groupId><artifactId>core</artifactId><version>2.0.0</version>
</project>`,
    "app/pom.xml": `<project><modelVersion>4.1.0</modelVersion>
  <parent/>
  <artifactId>app</artifactId>
  <dependencies>${app}</dependencies>
</project>`,
  });
  const read = (tree: Record<string, string>): ReturnType<typeof readMavenPom> =>
    readMavenPom(tree["app/pom.xml"], { path: "app/pom.xml", load: (p) => tree[p] });
  const core = "<dependency><artifactId>core</artifactId><scope>test</scope></dependency>";
  const out = read(files(core));
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, "pkg:maven/com.acme/app@1.2.0"), [
    "pkg:maven/com.acme/core@1.2.0 dev",
  ]);
  assert.equal(out.warnings, undefined);
  // No reactor project of that artifactId in the tree (it may hold part of the reactor only).
  const none = read(files("<dependency><artifactId>util</artifactId></dependency>"));
  assert.deepEqual(edgesFrom(none, "pkg:maven/com.acme/app@1.2.0"), []);
  assert.deepEqual(none.warnings, [
    "app/pom.xml:4: the dependency util has no groupId, which Maven 4 takes from the reactor " +
    "project of that artifactId: none is in the tree; it is left out",
  ]);
  // One only a profile's modules add (in the reactor only when the profile is active): the other.
  const profiled = files(core)["pom.xml"].replace(
    "</project>",
    "<profiles><profile><id>other</id><subprojects><subproject>other</subproject></subprojects>" +
      "</profile></profiles></project>",
  );
  const tree = { ...files(core), "pom.xml": profiled };
  assert.deepEqual(edgesFrom(read(tree), "pkg:maven/com.acme/app@1.2.0"), [
    "pkg:maven/com.acme/core@1.2.0 dev",
  ]);
  assertVouchError(
    () => read(files(core, "<subproject>other</subproject>")),
    "inventory.maven_pom.invalid",
    /app\/pom\.xml:4: the dependency core has no groupId, .* several have it \(core\/pom\.xml, other\/pom\.xml\): Maven stops/,
  );
  assertVouchError(
    () =>
      read(files("<dependency><artifactId>core</artifactId><version>1.2.0</version></dependency>")),
    "inventory.maven_pom.invalid",
    /app\/pom\.xml:4: a dependency without groupId/,
  );
});

// A POM without <modelVersion> whose namespace is Maven 4's (`http://maven.apache.org/POM/4.1.0`)
// is of model 4.1.0: Maven 4 takes the version from the namespace (DefaultModelBuilder's
// readFileModel, withModelVersion(namespace.substring(NAMESPACE_PREFIX.length()))). Its
// `<parent/>` without coordinates and dependency without groupId were refused.
Deno.test("readMavenPom: Maven 4 takes the model version from the POM's namespace", () => {
  const ns = (prefix: string): string =>
    `xmlns${prefix === "" ? "" : `:${prefix}`}="http://maven.apache.org/POM/4.1.0"`;
  const files: Record<string, string> = {
    "pom.xml": `<project ${ns("")}>
  <groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.2.0</version><packaging>pom</packaging>
  <subprojects><subproject>core</subproject><subproject>app</subproject></subprojects>
</project>`,
    "core/pom.xml": `<project ${ns("")}>
  <parent/>
  <artifactId>core</artifactId>
</project>`,
    "app/pom.xml": `<pom:project ${ns("pom")}>
  <pom:parent/>
  <pom:artifactId>app</pom:artifactId>
  <pom:dependencies><pom:dependency><pom:artifactId>core</pom:artifactId></pom:dependency></pom:dependencies>
</pom:project>`,
  };
  const out = readMavenPom(files["app/pom.xml"], { path: "app/pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, "pkg:maven/com.acme/app@1.2.0"), [
    "pkg:maven/com.acme/core@1.2.0 runtime",
  ]);
  assert.equal(out.warnings, undefined);
});

// A `test-jar` or `ejb-client` dependency on a module of the reactor was an edge to the module:
// the classifier (`tests`, `client`) was lost. It is another file of the module, which Maven's
// ReactorReader finds among the project's attached artifacts by extension and classifier
// (cyclonedx-maven-plugin lists it as a component of its own): a component, as any artifact the
// purl of a member does not name. Without a version, it takes the module's.
Deno.test("readMavenPom: a test-jar or ejb-client dependency on a reactor project is that artifact, not the module", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.1.0</modelVersion>
  <groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.2.0</version><packaging>pom</packaging>
  <subprojects><subproject>core</subproject><subproject>beans</subproject><subproject>app</subproject></subprojects>
</project>`,
    "core/pom.xml": `<project><modelVersion>4.1.0</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.2.0</version></parent>
  <artifactId>core</artifactId>
</project>`,
    "beans/pom.xml": `<project><modelVersion>4.1.0</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.2.0</version></parent>
  <artifactId>beans</artifactId><packaging>ejb</packaging>
</project>`,
    "app/pom.xml": `<project><modelVersion>4.1.0</modelVersion>
  <parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.2.0</version></parent>
  <artifactId>app</artifactId>
  <dependencies>
    ${dep("com.acme:core:${project.version}")}
    ${dep("com.acme:core:${project.version}", "<type>test-jar</type><scope>test</scope>")}
    ${dep("com.acme:beans", "<type>ejb-client</type>")}
    ${dep("com.acme:beans", "<type>ejb</type><classifier/><scope>provided</scope>")}
  </dependencies>
</project>`,
  };
  const out = readMavenPom(files["app/pom.xml"], { path: "app/pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, "pkg:maven/com.acme/app@1.2.0"), [
    // The module itself: an empty classifier names none.
    "pkg:maven/com.acme/beans@1.2.0 build",
    "pkg:maven/com.acme/beans@1.2.0?classifier=client runtime",
    "pkg:maven/com.acme/core@1.2.0 runtime",
    "pkg:maven/com.acme/core@1.2.0?classifier=tests dev",
  ]);
  assert.deepEqual(
    out.components.map((c) => [c.id, c.name, c.version]),
    [
      ["pkg:maven/com.acme/beans@1.2.0?classifier=client", "com.acme:beans", "1.2.0"],
      ["pkg:maven/com.acme/core@1.2.0?classifier=tests", "com.acme:core", "1.2.0"],
    ],
  );
  assert.equal(out.warnings, undefined);
});

// Found by comparing with Maven 3.8.7 on a three-level CI-friendly reactor: a module whose parent
// declares no <version> of its own (it inherits `${revision}` from the root) was not matched to
// that parent, which Maven finds at its relativePath by the raw version it inherits (the model
// builder's getVersion: the POM's version, else its parent's); the module lost the parent's
// management and its own version.
Deno.test("readMavenPom: a parent in the tree that inherits its raw version is the module's parent", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>root</artifactId><version>\${revision}</version><packaging>pom</packaging>
  <properties><revision>1.0</revision></properties>
  <modules><module>mid</module></modules>
  <dependencyManagement><dependencies>
    <dependency><groupId>commons-io</groupId><artifactId>commons-io</artifactId><version>2.6</version></dependency>
  </dependencies></dependencyManagement>
</project>`,
    "mid/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>root</artifactId><version>\${revision}</version></parent>
  <artifactId>mid</artifactId><packaging>pom</packaging>
  <modules><module>leaf</module></modules>
</project>`,
    "mid/leaf/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>mid</artifactId><version>\${revision}</version></parent>
  <artifactId>leaf</artifactId>
  <dependencies><dependency><groupId>commons-io</groupId><artifactId>commons-io</artifactId></dependency></dependencies>
</project>`,
  };
  const out = readMavenPom(files["mid/leaf/pom.xml"], {
    path: "mid/leaf/pom.xml",
    load: (p) => files[p],
  });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:maven/g/leaf@1.0"]);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:maven/commons-io/commons-io@2.6"]);
  assert.deepEqual(out.warnings ?? [], []);
});

// Found on alibaba/Sentinel: a module's parent is written `<version>${sentinel.version}</version>`,
// which Maven does not interpolate (only ${revision}, ${sha1} and ${changelist}, from the command
// line), so it is not the tree's sentinel-parent 0.2.0-SNAPSHOT but a parent from outside. Its
// version being unknown, it was taken for the root project; it is a component without version, as
// is a BOM whose version property is not defined in the tree.
Deno.test("readMavenPom: a parent or BOM from outside the tree is never one of its projects, even without version", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>com.alibaba.csp</groupId><artifactId>sentinel-parent</artifactId><version>0.2.0-SNAPSHOT</version>
  <packaging>pom</packaging>
  <modules><module>sentinel-extension</module></modules>
</project>`,
    "sentinel-extension/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>com.alibaba.csp</groupId><artifactId>sentinel-parent</artifactId>
    <version>\${sentinel.version}</version></parent>
  <artifactId>sentinel-extension</artifactId><packaging>pom</packaging>
  <dependencyManagement><dependencies>
    <dependency><groupId>com.alibaba.csp</groupId><artifactId>sentinel-parent</artifactId>
      <version>\${bom.version}</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
</project>`,
  };
  const path = "sentinel-extension/pom.xml";
  const out = readMavenPom(files[path], { path, load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/com.alibaba.csp/sentinel-parent?type=pom build",
  ]);
  const self = out.members.find((m) => m.name === "com.alibaba.csp:sentinel-extension")!.id;
  assert.deepEqual(edgesFrom(out, self), [
    "pkg:maven/com.alibaba.csp/sentinel-parent?type=pom build",
  ]);
});

// Shaped like release profiles (`<profile><id>release</id>` with maven-gpg-plugin, a newer
// maven-jar-plugin in its pluginManagement, maven-compiler-plugin redeclared with a dependency):
// Maven injects the active profile's <build> into the build, its pluginManagement and its
// declarations of plugins the build already uses winning. vouch listed the profile's new plugins
// only: the versions and plugin dependencies it gives the build's own plugins were lost.
Deno.test("readMavenPom: a profile's pluginManagement and plugins change the build's own plugins in its group", () => {
  const out = readLib(
    `<build><pluginManagement><plugins>${plugin("maven-jar-plugin", "3.3.0")}</plugins>
    </pluginManagement></build>`,
    `<build><plugins>${plugin("maven-surefire-plugin")}${plugin("maven-jar-plugin")}${
      plugin("maven-compiler-plugin", "3.11.0")
    }${plugin("maven-site-plugin", "3.12.1")}</plugins></build>
    <profiles><profile><id>release</id><build>
      <pluginManagement><plugins>${plugin("maven-surefire-plugin", "3.2.5")}${
      plugin("maven-jar-plugin", "3.4.1")
    }${plugin("maven-unused-plugin", "1.0")}${plugin("maven-site-plugin", "4.0.0-M13")}
      </plugins></pluginManagement>
      <plugins>${
      plugin(
        "maven-compiler-plugin",
        "3.13.0",
        `<dependencies>${dep("org.ow2.asm:asm:9.7")}</dependencies>`,
      )
    }${
      plugin(
        "maven-site-plugin",
        undefined,
        `<dependencies>${dep("org.example:skin:1.0")}</dependencies>`,
      )
    }${plugin("maven-gpg-plugin", "3.2.4")}</plugins>
    </build></profile></profiles>`,
  );
  const P = "pkg:maven/org.apache.maven.plugins";
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      `${P}/maven-compiler-plugin@3.11.0 build `,
      `${P}/maven-compiler-plugin@3.13.0 build profile:release`, // the profile's declaration wins
      `${P}/maven-gpg-plugin@3.2.4 build profile:release`, // a plugin only the profile uses
      `${P}/maven-jar-plugin@3.3.0 build `,
      `${P}/maven-jar-plugin@3.4.1 build profile:release`, // the profile's management wins
      `${P}/maven-site-plugin@3.12.1 build `, // a version in <plugins> wins over management
      `${P}/maven-surefire-plugin build `,
      `${P}/maven-surefire-plugin@3.2.5 build profile:release`,
      "pkg:maven/org.example/skin@1.0 build profile:release",
      "pkg:maven/org.ow2.asm/asm@9.7 build profile:release",
    ],
  );
  // A plugin dependency the profile adds hangs from the plugin it is added to.
  assert.deepEqual(edgesFrom(out, `${P}/maven-compiler-plugin@3.13.0`), [
    "pkg:maven/org.ow2.asm/asm@9.7 build",
  ]);
  assert.deepEqual(edgesFrom(out, `${P}/maven-site-plugin@3.12.1`), [
    "pkg:maven/org.example/skin@1.0 build",
  ]);
});

// spring-petclinic/spring-petclinic-microservices: the root's buildDocker profile manages
// exec-maven-plugin, each service's buildDocker profile uses it without a version. `-P buildDocker`
// activates both (a profile id is active in every POM that declares it): it was versionless.
Deno.test("readMavenPom: a parent's profile manages the plugins and dependencies of the module's profile of its id", () => {
  const out = readLib(
    `<profiles><profile><id>buildDocker</id><build><pluginManagement><plugins>
      <plugin><groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId>
      <version>3.1.1</version></plugin></plugins></pluginManagement></build>
      <dependencyManagement><dependencies>${
      dep("org.example:agent:2.0")
    }</dependencies></dependencyManagement>
    </profile><profile><id>other</id><build><pluginManagement><plugins>${
      plugin("maven-gpg-plugin", "3.2.4")
    }</plugins></pluginManagement></build></profile></profiles>`,
    `<profiles><profile><id>buildDocker</id><build><plugins>
      <plugin><groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId></plugin>
      ${plugin("maven-gpg-plugin")}</plugins></build>
      <dependencies>${dep("org.example:agent")}</dependencies></profile></profiles>`,
  );
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.groups.join(",")}`), [
    "pkg:maven/org.apache.maven.plugins/maven-gpg-plugin profile:buildDocker", // another id's
    "pkg:maven/org.codehaus.mojo/exec-maven-plugin@3.1.1 profile:buildDocker",
    "pkg:maven/org.example/agent@2.0 profile:buildDocker",
  ]);
});

// Found reviewing sweep 12's profile rule: a profile that redeclares one of the build's own
// dependencies with another version (a JDK profile pinning an older library) was dropped whole,
// so that version was lost. Maven's profile injector replaces the build's declaration whole (its
// scope too: with -P legacy, Maven 3.8.7 has lib 1.2 compile, not test).
Deno.test("readMavenPom: a profile redeclaring a build dependency with another version lists it in its group", () => {
  const out = readLib(
    `<properties><old.version>1.2</old.version></properties>`,
    `<dependencies>${dep("org.example:lib:2.0", "<scope>test</scope>")}${
      dep("org.example:same:1.0")
    }</dependencies>
    <profiles>
      <profile><id>legacy</id>
        <dependencies>${dep("org.example:lib:${old.version}")}${
      dep("org.example:same:1.0", "<exclusions/>")
    }</dependencies>
      </profile>
    </profiles>`,
  );
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      "pkg:maven/org.example/lib@1.2 optional profile:legacy", // compile, only with -P legacy
      "pkg:maven/org.example/lib@2.0 dev ",
      "pkg:maven/org.example/same@1.0 runtime ",
    ],
  );
});

// Found on flowable/flowable-engine (modules/flowable-ui/flowable-ui-app): `h2mem` is active by
// default, and the `mysql` profile, which only `-P mysql` activates, adds the MySQL driver, which
// was reported as required at runtime. Maven's documentation: a profile without activation is only
// active when `-P` names it (as `.mvn/maven.config` may), and an `activeByDefault` one is off once
// `-P` activates another profile of the same POM.
Deno.test("readMavenPom: the runtime dependencies of a profile not active by default are optional", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>org.flowable</groupId><artifactId>flowable-ui-app</artifactId><version>6.8.0</version>
  <dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId>
    <version>42.5.1</version><scope>test</scope></dependency></dependencies>
  <profiles>
    <profile><id>h2mem</id><activation><activeByDefault>true</activeByDefault></activation>
      <dependencies><dependency><groupId>com.h2database</groupId><artifactId>h2</artifactId>
        <version>2.1.214</version></dependency></dependencies></profile>
    <profile><id>mysql</id>
      <dependencies><dependency><groupId>com.mysql</groupId><artifactId>mysql-connector-j</artifactId>
        <version>8.0.33</version><scope>compile</scope></dependency></dependencies>
      <build><plugins><plugin><groupId>org.springframework.boot</groupId>
        <artifactId>spring-boot-maven-plugin</artifactId><version>2.7.6</version></plugin></plugins></build>
    </profile>
    <profile><id>docker</id><activation><activeByDefault>false</activeByDefault></activation>
      <dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId>
        <version>42.5.1</version><scope>compile</scope></dependency></dependencies></profile>
    <profile><id>jdk17</id><activation><jdk>[17,)</jdk></activation>
      <dependencies><dependency><groupId>javax.annotation</groupId>
        <artifactId>javax.annotation-api</artifactId><version>1.3.2</version></dependency></dependencies>
    </profile>
  </profiles>
</project>`,
  };
  const read = (): ReturnType<typeof readMavenPom> =>
    readMavenPom(files["pom.xml"], { path: "pom.xml", load: (p) => files[p] });
  const out = read();
  assertWellFormed(out);
  assert.deepEqual(scopesOf(out), {
    "pkg:maven/com.h2database/h2@2.1.214": "runtime",
    "pkg:maven/com.mysql/mysql-connector-j@8.0.33": "optional",
    "pkg:maven/javax.annotation/javax.annotation-api@1.3.2": "runtime",
    // Test-scoped in the build; compile-scoped by docker, which only -P docker activates.
    "pkg:maven/org.postgresql/postgresql@42.5.1": "dev,optional",
    "pkg:maven/org.springframework.boot/spring-boot-maven-plugin@2.7.6": "build",
  });
  assert.match(
    out.warnings!.join("\n"),
    /the runtime dependencies of mysql, docker, which the build does not activate by default, are optional/,
  );
  // `-P mysql` in .mvn/maven.config: mysql is on, and h2mem, active by default, is off.
  files[".mvn/maven.config"] = "-Pmysql\n-Dchangelist.format=%d.v%s\n";
  const activated = read();
  assert.equal(scopesOf(activated)["pkg:maven/com.mysql/mysql-connector-j@8.0.33"], "runtime");
  assert.equal(scopesOf(activated)["pkg:maven/com.h2database/h2@2.1.214"], "optional");
  assert.match(activated.warnings!.join("\n"), /mysql \(activated by -P in \.mvn\/maven\.config\)/);
  files[".mvn/maven.config"] = "--activate-profiles=!h2mem,docker";
  assert.equal(scopesOf(read())["pkg:maven/com.h2database/h2@2.1.214"], "optional");
});

// A profile not active by default whose only runtime dependency is a module of the reactor: the
// edge to that member was made optional, but the warning did not name the profile, as it names
// one whose component it made optional.
Deno.test("readMavenPom: a profile's optional edge to a sibling module is named in the warning", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>app</module><module>lib</module></modules></project>`,
    "app/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>
  <artifactId>app</artifactId>
  <profiles><profile><id>with-lib</id><dependencies>${dep("g:lib:1")}</dependencies></profile>
  </profiles></project>`,
    "lib/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>
  <artifactId>lib</artifactId></project>`,
  };
  const out = readMavenPom(files["app/pom.xml"], { path: "app/pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  const app = "pkg:maven/g/app@1";
  assert.deepEqual(edgesFrom(out, app), ["pkg:maven/g/lib@1 optional"]);
  assert.match(
    out.warnings!.join("\n"),
    /the runtime dependencies of with-lib, which the build does not activate by default, are optional/,
  );
});

// Found on YunaiV/ruoyi-vue-pro: yudao-admin-server declares spring-boot-maven-plugin without a
// version, and its reactor imports spring-boot-dependencies; the warning said the plugin's version
// was managed by that BOM, but a BOM import brings dependencyManagement only, never plugins.
Deno.test("readMavenPom: a plugin without version is never said to be managed by a BOM", () => {
  const text = `<project><modelVersion>4.0.0</modelVersion>
  <groupId>cn.iocoder.boot</groupId><artifactId>yudao-admin-server</artifactId><version>1.2.0</version>
  <dependencyManagement><dependencies><dependency><groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-dependencies</artifactId><version>2.4.5</version><type>pom</type>
    <scope>import</scope></dependency></dependencies></dependencyManagement>
  <dependencies><dependency><groupId>de.codecentric</groupId>
    <artifactId>spring-boot-admin-starter-server</artifactId></dependency></dependencies>
  <build><plugins><plugin><groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>
</project>`;
  const out = readMavenPom(text, { path: "pom.xml", load: () => undefined });
  assert.deepEqual(out.warnings, [
    "pom.xml: de.codecentric:spring-boot-admin-starter-server: its version is managed outside the tree (BOM org.springframework.boot:spring-boot-dependencies:2.4.5); the purl has no version",
    "pom.xml: org.springframework.boot:spring-boot-maven-plugin: it has no version; the purl has no version",
  ]);
});

// Maven 4's model 4.1.0, which vouch accepts: `<subprojects>` names the modules, a `<parent/>`
// without coordinates is the POM at its relativePath, and the scopes compile-only, test-only and
// test-runtime are new. The parent was refused (exit 2), the subprojects were no members and their
// sibling dependencies components, and the new scopes were refused as unknown.
Deno.test("readMavenPom: Maven 4 (model 4.1.0) subprojects, inferred parents and scopes", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project xmlns="http://maven.apache.org/POM/4.1.0" root="true">
  <modelVersion>4.1.0</modelVersion>
  <groupId>example</groupId><artifactId>maven4-root</artifactId><version>1.0.0</version>
  <packaging>pom</packaging>
  <subprojects><subproject>app</subproject><subproject>lib</subproject></subprojects>
</project>`,
    "app/pom.xml": `<project xmlns="http://maven.apache.org/POM/4.1.0">
  <modelVersion>4.1.0</modelVersion>
  <parent/>
  <artifactId>app</artifactId>
  <dependencies>
    <dependency><groupId>example</groupId><artifactId>lib</artifactId></dependency>
    <dependency><groupId>org.jspecify</groupId><artifactId>jspecify</artifactId>
      <version>1.0.0</version><scope>compile-only</scope></dependency>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-api</artifactId>
      <version>5.11.0</version><scope>test-only</scope></dependency>
    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter-engine</artifactId>
      <version>5.11.0</version><scope>test-runtime</scope></dependency>
  </dependencies>
</project>`,
    "lib/pom.xml": `<project xmlns="http://maven.apache.org/POM/4.1.0">
  <modelVersion>4.1.0</modelVersion>
  <parent><relativePath>../pom.xml</relativePath></parent>
  <artifactId>lib</artifactId>
</project>`,
  };
  const read = (path: string): ReturnType<typeof readMavenPom> =>
    readMavenPom(files[path], { path, load: (p) => files[p] });
  const app = read("app/pom.xml");
  assertWellFormed(app);
  assert.deepEqual(scopesOf(app), {
    "pkg:maven/org.jspecify/jspecify@1.0.0": "build",
    "pkg:maven/org.junit.jupiter/junit-jupiter-api@5.11.0": "dev",
    "pkg:maven/org.junit.jupiter/junit-jupiter-engine@5.11.0": "dev",
  });
  assert.deepEqual(app.members.map((m) => m.id), [
    "pkg:maven/example/app@1.0.0",
    "pkg:maven/example/lib@1.0.0",
  ]);
  assert.deepEqual(edgesFrom(app, "pkg:maven/example/app@1.0.0"), [
    "pkg:maven/example/lib@1.0.0 runtime",
    "pkg:maven/org.jspecify/jspecify@1.0.0 build",
    "pkg:maven/org.junit.jupiter/junit-jupiter-api@5.11.0 dev",
    "pkg:maven/org.junit.jupiter/junit-jupiter-engine@5.11.0 dev",
  ]);
  const root = read("pom.xml");
  assert.equal(root.project?.purl, "pkg:maven/example/maven4-root@1.0.0?type=pom");
  assert.deepEqual(edgesFrom(root, ROOT_ID), [
    "pkg:maven/example/app@1.0.0 runtime",
    "pkg:maven/example/lib@1.0.0 runtime",
  ]);
});

// Found by comparing with Maven 3.8.7 (its model builder): an empty `<type>` on a dependency of the
// build or of a build plugin is an error ("'dependencies.dependency.type' for d:a: is missing");
// on a managed entry it is another management key, and in a profile only an error once the
// profile is active. vouch took it as jar, silently.
Deno.test("readMavenPom: an empty type on a dependency of the build is invalid", () => {
  const read = (body: string): ReturnType<typeof readMavenPom> =>
    readMavenPom(
      `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId>
  <artifactId>app</artifactId><version>1</version>
  ${body}</project>`,
      { path: "pom.xml", load: () => undefined },
    );
  const empty = dep("d:a:1", "<type></type>");
  assertVouchError(
    () => read(`<dependencies>${empty}</dependencies>`),
    "inventory.maven_pom.invalid",
    /^pom\.xml:3: the dependency d:a has an empty <type>$/,
  );
  assertVouchError(
    () =>
      read(
        `<build><plugins>${
          plugin("maven-x-plugin", "1", `<dependencies>\n${empty}</dependencies>`)
        }</plugins></build>`,
      ),
    "inventory.maven_pom.invalid",
    /^pom\.xml:4: the dependency d:a has an empty <type>$/,
  );
  // Accepted by Maven: a managed entry; a profile's, until -P activates it.
  assert.deepEqual(
    read(`<dependencyManagement><dependencies>${empty}</dependencies></dependencyManagement>
    <dependencies>${dep("d:a:1")}</dependencies>`).components.map((c) => c.id),
    ["pkg:maven/d/a@1"],
  );
  assert.deepEqual(
    read(`<profiles><profile><id>p</id><dependencies>${empty}</dependencies></profile></profiles>`)
      .components.map((c) => c.id),
    ["pkg:maven/d/a@1"],
  );
});

// A coordinate-less parent whose relativePath leaves the tree (the default `../pom.xml` of a
// root POM) is refused, rightly, but the message said "undefined is not in the tree".
Deno.test("readMavenPom: a Maven 4 parent without coordinates outside the tree names its relativePath", () => {
  const text =
    `<project xmlns="http://maven.apache.org/POM/4.1.0"><modelVersion>4.1.0</modelVersion>
  <parent/><groupId>g</groupId><artifactId>app</artifactId><version>1</version></project>`;
  assertVouchError(
    () => readMavenPom(text, { path: "pom.xml", load: () => undefined }),
    "inventory.maven_pom.invalid",
    /^pom\.xml:1: the <parent> names no coordinates and its relativePath \.\.\/pom\.xml names no POM of the tree$/,
  );
  assertVouchError(
    () =>
      readMavenPom(text.replace("<parent/>", "<parent><relativePath>p</relativePath></parent>"), {
        path: "pom.xml",
        load: () => undefined,
      }),
    "inventory.maven_pom.invalid",
    /relativePath p names no POM of the tree \(p\/pom\.xml\)$/,
  );
});

// Found reviewing the purls of test jars: `<type>test-jar</type>` gave `?type=test-jar` and the
// same jar written `<classifier>tests</classifier>` gave `?classifier=tests`, two components for
// one file. Maven's artifact handlers make a type an extension and a default classifier (test-jar:
// jar + tests; the dependency's own classifier wins), and the purl-spec's type defaults to jar.
Deno.test("readMavenPom: a dependency's type is the file's extension and default classifier", () => {
  const out = readLib(
    "",
    `<dependencies>${dep("org.example:lib:2.0", "<type>test-jar</type><scope>test</scope>")}${
      dep("org.example:lib:2.0", "<classifier>tests</classifier><scope>test</scope>")
    }${dep("org.example:lib:2.0", "<type>test-jar</type><classifier>it</classifier>")}${
      dep("org.example:beans:1.0", "<type>ejb</type>")
    }${dep("org.example:beans:1.0", "<type>ejb-client</type>")}${
      dep("org.example:site:1.0", "<type>war</type>")
    }</dependencies>`,
  );
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/org.example/beans@1.0 runtime",
    "pkg:maven/org.example/beans@1.0?classifier=client runtime",
    "pkg:maven/org.example/lib@2.0?classifier=it runtime",
    "pkg:maven/org.example/lib@2.0?classifier=tests dev",
    "pkg:maven/org.example/site@1.0?type=war runtime",
  ]);
});

/** A reactor root whose parent (Spring Boot's) is outside the tree, with the module `lib`. */
function bootRoot(body: string): string {
  return `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId>
    <version>3.2.5</version><relativePath/></parent>
  <groupId>g</groupId><artifactId>root</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>lib</module></modules>
${body}
</project>`;
}

// Found reading a reactor whose root has a parent outside the tree: the root's warning that its
// dependencies' versions are managed outside came from its own read and again from each module's
// (which inherit them, and may import other BOMs), with other lists; and a plugin (which only a
// parent manages) and a dependency of one POM made two warnings. One warning per POM, whole.
Deno.test("readMavenPom: one 'managed outside the tree' warning per POM, from its own read", () => {
  const files: Record<string, string> = {
    "pom.xml": bootRoot(
      `  <dependencyManagement><dependencies>${
        bomImport("org.junit:junit-bom:5.10.2")
      }</dependencies></dependencyManagement>
  <dependencies>${dep("org.slf4j:slf4j-api")}${
        dep("org.junit.jupiter:junit-jupiter")
      }</dependencies>
  <build><plugins><plugin><groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>`,
    ),
    "lib/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>root</artifactId><version>1</version></parent>
  <artifactId>lib</artifactId>
  <dependencyManagement><dependencies>${
      bomImport("org.testcontainers:testcontainers-bom:1.19.7")
    }</dependencies></dependencyManagement>
  <dependencies>${dep("org.testcontainers:postgresql", "<scope>test</scope>")}</dependencies>
</project>`,
  };
  const warnings = ["pom.xml", "lib/pom.xml"].flatMap((path) =>
    readMavenPom(files[path], { path, load: (p) => files[p] }).warnings ?? []
  );
  const parent = "parent org.springframework.boot:spring-boot-starter-parent:3.2.5";
  assert.deepEqual(warnings, [
    `pom.xml: org.junit.jupiter:junit-jupiter, org.slf4j:slf4j-api (${parent}, BOM org.junit:junit-bom:5.10.2); org.springframework.boot:spring-boot-maven-plugin (${parent}): their versions are managed outside the tree; their purls have no version`,
    `lib/pom.xml: org.testcontainers:postgresql: its version is managed outside the tree (${parent}, BOM org.testcontainers:testcontainers-bom:1.19.7, BOM org.junit:junit-bom:5.10.2); the purl has no version`,
  ]);
});

// Profiles activated by a property (`<name>idea.version</name>`, set only inside IntelliJ) were
// taken as unknown. Maven's property activator looks at the -D options and system properties
// only, never the POM's: in a build run without options, a property .mvn/maven.config does not
// set is not set (unless the environment may set it: env.*, java.*, …). All conditions must hold
// (Maven 3.2.2+), and an activeByDefault profile is off once another profile of its POM is on.
Deno.test("readMavenPom: a profile a property activates is on or off as .mvn/maven.config sets it", () => {
  const profile = (id: string, activation: string, artifactId: string): string =>
    `<profile><id>${id}</id><activation>${activation}</activation><dependencies>${
      dep(`org.example:${artifactId}:1.0`)
    }</dependencies></profile>`;
  const property = (name: string, value?: string): string =>
    `<property><name>${name}</name>${
      value === undefined ? "" : `<value>${value}</value>`
    }</property>`;
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>app</artifactId><version>1</version>
  <profiles>${profile("ide", property("idea.version"), "ide")}${
      profile("unless-skipped", property("!skipExtras"), "extras")
    }${profile("ci", property("env.CI"), "ci")}${profile("h2", property("db", "h2"), "h2")}${
      profile("not-h2", property("db", "!h2"), "postgresql")
    }${profile("jdk-and-flag", `<jdk>[17,)</jdk>${property("flag")}`, "flagged")}${
      profile("fallback", "<activeByDefault>true</activeByDefault>", "fallback")
    }</profiles>
</project>`,
  };
  const read = (): Record<string, string> =>
    scopesOf(readMavenPom(files["pom.xml"], { path: "pom.xml", load: (p) => files[p] }));
  const E = "pkg:maven/org.example";
  assert.deepEqual(read(), {
    [`${E}/ci@1.0`]: "runtime", // the environment may set it: unknown
    [`${E}/extras@1.0`]: "runtime", // !skipExtras: on
    [`${E}/fallback@1.0`]: "optional", // unless-skipped and not-h2 are on
    [`${E}/flagged@1.0`]: "optional", // flag is not set, whatever the JDK
    [`${E}/h2@1.0`]: "optional",
    [`${E}/ide@1.0`]: "optional",
    [`${E}/postgresql@1.0`]: "runtime", // db is not h2
  });
  files[".mvn/maven.config"] = "-Ddb=h2 -DskipExtras -Dflag";
  const out = readMavenPom(files["pom.xml"], { path: "pom.xml", load: (p) => files[p] });
  assert.deepEqual(scopesOf(out), {
    [`${E}/ci@1.0`]: "runtime",
    [`${E}/extras@1.0`]: "optional",
    [`${E}/fallback@1.0`]: "optional", // h2 is on
    [`${E}/flagged@1.0`]: "runtime", // the JDK decides
    [`${E}/h2@1.0`]: "runtime",
    [`${E}/ide@1.0`]: "optional",
    [`${E}/postgresql@1.0`]: "optional",
  });
  assert.match(
    out.warnings!.join("\n"),
    /: ide \(by property idea\.version, not set by \.mvn\/maven\.config\), unless-skipped \(by property !skipExtras, set by \.mvn\/maven\.config\), ci \(by property env\.CI\), h2 \(by property db=h2, set by \.mvn\/maven\.config\), not-h2 \(by property db != h2, set by \.mvn\/maven\.config\)/,
  );
});

// Shaped like flowable's h2mem profile: active by default, it redeclares the build's test-scoped
// database driver at compile scope, same version. Maven injects the profile's scope over the
// build's, so a default build ships the driver; vouch listed a redeclaration only when its
// version differed, and the driver stayed test-only. A profile only -P activates lists it in
// its group.
Deno.test("readMavenPom: a profile redeclaring a build dependency with another scope changes it", () => {
  const out = readLib(
    "",
    `<dependencies>${dep("com.h2database:h2:2.2.224", "<scope>test</scope>")}${
      dep("org.example:same:1.0", "<scope>test</scope>")
    }${dep("org.example:tool:1.0", "<scope>test</scope>")}</dependencies>
    <profiles>
      <profile><id>h2mem</id><activation><activeByDefault>true</activeByDefault></activation>
        <dependencies>${dep("com.h2database:h2:2.2.224", "<scope>compile</scope>")}${
      dep("org.example:same:1.0", "<scope>test</scope>")
    }</dependencies>
      </profile>
      <profile><id>tools</id>
        <dependencies>${dep("org.example:tool:1.0", "<scope>runtime</scope>")}</dependencies>
      </profile>
    </profiles>`,
  );
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      "pkg:maven/com.h2database/h2@2.2.224 runtime ", // the build's own, as h2mem is active
      "pkg:maven/org.example/same@1.0 dev ",
      "pkg:maven/org.example/tool@1.0 dev,optional profile:tools", // only -P tools: optional
    ],
  );
});

// Checked with Maven 3.8.7 (RepositoryUtils.toDependency over its artifact handlers gives the file
// fetched): a type's default classifier (test-jar → tests) applies only when the dependency has no
// <classifier> element; an empty one, written or from a property, is kept (`a-1.0.jar`), and is
// another management key than none (Maven's getManagementKey), so an entry without classifier does
// not manage it. vouch took the empty element for none (`?classifier=tests`, and managed it), and a
// type named like an Object property (`constructor`) lost its type.
Deno.test("readMavenPom: a type's default classifier only when no <classifier> is written", () => {
  const out = readLib(
    "",
    `<properties><empty></empty></properties>
    <dependencyManagement><dependencies>${dep("e:m1:1.0")}${
      dep("e:m3:3.0", "<type>test-jar</type>")
    }</dependencies></dependencyManagement>
    <dependencies>${dep("e:tj:1.0", "<type>test-jar</type>")}${
      dep("e:tjc:1.0", "<type>test-jar</type><classifier>jdk8-tests</classifier>")
    }${dep("e:ec:1.0", "<type>ejb-client</type>")}${dep("e:src:1.0", "<type>java-source</type>")}${
      dep("e:c:1.0", "<type>test-jar</type><classifier></classifier>")
    }${dep("e:p:1.0", "<type>test-jar</type><classifier>${empty}</classifier>")}${
      dep("e:m1", "<classifier></classifier>")
    }${dep("e:m3", "<type>test-jar</type>")}${
      dep("e:k:1.0", "<type>constructor</type>")
    }</dependencies>`,
  );
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/e/c@1.0", // c-1.0.jar
    "pkg:maven/e/ec@1.0?classifier=client",
    "pkg:maven/e/k@1.0?type=constructor", // k-1.0.constructor
    "pkg:maven/e/m1", // Maven: 'version' for e:m1:jar: is missing
    "pkg:maven/e/m3@3.0?classifier=tests",
    "pkg:maven/e/p@1.0",
    "pkg:maven/e/src@1.0?classifier=sources",
    "pkg:maven/e/tj@1.0?classifier=tests",
    "pkg:maven/e/tjc@1.0?classifier=jdk8-tests",
  ]);
});

// Found by comparing with Maven 3.8.7's model builder (effective model of the module, with and
// without -P): Maven injects a POM's active profiles into that POM before inheritance, so a
// profile's redeclaration is merged field by field into its own POM's declaration only, and
// between a parent and a module the module's declaration (its own, or its active profile's)
// replaces the parent's (or the parent's profile's) whole. vouch merged a parent's active
// profile into the module's declaration (1.0 test won over the module's 2.0), merged a module's
// profile into the parent's declaration (2.0 kept the parent's test scope), and listed both the
// parent's profile's and the module's profile's declaration of one dependency.
Deno.test("readMavenPom: a module's declaration replaces a parent's or its profile's whole", () => {
  const parentDep = dep("d:both:1.0", "<scope>test</scope>");
  const moduleDep = dep("d:both:2.0");
  const profile = (id: string, deps: string, active = true): string =>
    `<profiles><profile><id>${id}</id>${
      active ? "<activation><activeByDefault>true</activeByDefault></activation>" : ""
    }<dependencies>${deps}</dependencies></profile></profiles>`;
  const edges = (parentBody: string, libBody: string): string[] =>
    readLib(parentBody, libBody).edges.filter((e) => e.from !== ROOT_ID).map((e) =>
      `${e.to} ${e.scope}`
    );
  const deps = (body: string): string => `<dependencies>${body}</dependencies>`;
  // Maven, default build: d:both:2.0 compile in each (its effective model).
  const two = ["pkg:maven/d/both@2.0 runtime"];
  // A parent's active profile; the module's own.
  assert.deepEqual(edges(profile("p", parentDep), deps(moduleDep)), two);
  // The parent's own; the module's active profile.
  assert.deepEqual(edges(deps(parentDep), profile("p", moduleDep)), two);
  assert.deepEqual(edges(deps(parentDep), profile("r", moduleDep)), two);
  // Active profiles in both: of one id, and of two.
  assert.deepEqual(edges(profile("p", parentDep), profile("p", moduleDep)), two);
  assert.deepEqual(edges(profile("p", parentDep), profile("r", moduleDep)), two);
  // Profiles only -P activates. Maven: the parent's 1.0 test by default, 2.0 compile with -P p.
  assert.deepEqual(edges(deps(parentDep), profile("p", moduleDep, false)), [
    "pkg:maven/d/both@1.0 dev",
    "pkg:maven/d/both@2.0 optional",
  ]);
  // Maven: nothing by default, 2.0 compile with -P p (the module's p wins over the parent's).
  assert.deepEqual(edges(profile("p", parentDep, false), profile("p", moduleDep, false)), [
    "pkg:maven/d/both@2.0 optional",
  ]);
  // Maven: 1.0 test by default (the module's p is not active), 2.0 compile with -P p.
  assert.deepEqual(edges(profile("p", parentDep), profile("p", moduleDep, false)), [
    "pkg:maven/d/both@1.0 dev",
    "pkg:maven/d/both@2.0 optional",
  ]);
});

// Found by comparing with Maven 3.8.7 (its model builder, and `mvn validate`): a profile's
// redeclaration replaces its own POM's declaration whole, as a module's replaces a parent's: the
// profile's d:a:2 is compile (not the POM's test scope, nor its optional flag), and a
// redeclaration without version is refused ("'dependencies.dependency.version' for d:a:jar is
// missing"). So does a profile's dependencyManagement entry replace its POM's (a:2, not the
// POM's managed test scope). vouch merged them field by field: d:a:2 was test (dev).
Deno.test("readMavenPom: an active profile's declaration replaces its own POM's whole", () => {
  const active = "<activation><activeByDefault>true</activeByDefault></activation>";
  const edges = (parentBody: string, libBody: string): string[] =>
    readLib(parentBody, libBody).edges.filter((e) => e.from !== ROOT_ID).map((e) =>
      `${e.to} ${e.scope}`
    );
  const profile = (body: string): string =>
    `<profiles><profile><id>p</id>${active}${body}</profile></profiles>`;
  const managed = (body: string): string =>
    `<dependencyManagement><dependencies>${body}</dependencies></dependencyManagement>`;
  const two = ["pkg:maven/d/a@2 runtime"];
  // Dependencies: Maven has d:a:2 compile.
  assert.deepEqual(
    edges(
      "",
      `<dependencies>${
        dep("d:a:1", "<scope>test</scope><optional>true</optional>")
      }</dependencies>${profile(`<dependencies>${dep("d:a:2")}</dependencies>`)}`,
    ),
    two,
  );
  // Dependency management, in the parent and in the module: Maven manages d:a 2, no scope.
  const entries = managed(dep("d:a:1", "<scope>test</scope>")) +
    profile(managed(dep("d:a:2")));
  const uses = `<dependencies>${dep("d:a")}</dependencies>`;
  assert.deepEqual(edges(entries, uses), two);
  assert.deepEqual(edges("", entries + uses), two);
});

// Found by comparing with Maven 3.8.7's model builder (-P p): a profile only -P activates is
// injected into its own POM before inheritance too, so a module's own pluginManagement, plugin
// and dependencyManagement win over a parent's profile's, and the profiles of one id in a parent
// and a module give one plugin. vouch put the profile's after the module's: it listed
// maven-x-plugin 1.0 (and its a:1) and d:a:1 in profile:p, where Maven keeps the module's 2.0,
// a:2 and d:a:2; with p in both POMs it listed 1.0 with a:1 and 2.0 with b:1 (Maven: 2.0 with both).
Deno.test("readMavenPom: a module's declarations win over a parent's profile only -P activates", () => {
  const profile = (body: string): string =>
    `<profiles><profile><id>p</id>${body}</profile></profiles>`;
  const build = (plugins: string, managed = ""): string =>
    `<build>${
      managed === "" ? "" : `<pluginManagement><plugins>${managed}</plugins></pluginManagement>`
    }${plugins === "" ? "" : `<plugins>${plugins}</plugins>`}</build>`;
  const x = (version: string, dependency: string): string =>
    plugin("maven-x-plugin", version, `<dependencies>${dep(dependency)}</dependencies>`);
  const listed = (parentBody: string, libBody: string): string[] => {
    const out = readLib(parentBody, libBody);
    return out.components.map((c) =>
      `${c.id} ${c.groups.join(",")}${
        edgesFrom(out, c.id).map((e) => ` > ${e.replace("pkg:maven/", "")}`).join("")
      }`
    );
  };
  const X = "pkg:maven/org.apache.maven.plugins/maven-x-plugin@2.0";
  const module = ["pkg:maven/d/a@2 ", `${X}  > d/a@2 build`];
  // Its plugin: Maven has maven-x-plugin 2.0 with a:2, with -P p or without.
  assert.deepEqual(listed(profile(build(x("1.0", "d:a:1"))), build(x("2.0", "d:a:2"))), module);
  // Its pluginManagement.
  assert.deepEqual(
    listed(
      profile(build("", x("1.0", "d:a:1"))),
      build(plugin("maven-x-plugin"), x("2.0", "d:a:2")),
    ),
    module,
  );
  // Its dependencyManagement, and its management of a dependency the parent's profile declares.
  const managed = `<dependencyManagement><dependencies>${
    dep("d:a:2")
  }</dependencies></dependencyManagement>`;
  const uses = `<dependencies>${dep("d:a")}</dependencies>`;
  assert.deepEqual(
    listed(
      profile(
        `<dependencyManagement><dependencies>${dep("d:a:1")}</dependencies></dependencyManagement>`,
      ),
      managed + uses,
    ),
    ["pkg:maven/d/a@2 "],
  );
  assert.deepEqual(
    listed(
      profile(
        `<dependencyManagement><dependencies>${
          dep("d:a:1")
        }</dependencies></dependencyManagement>${uses}`,
      ),
      managed,
    ),
    ["pkg:maven/d/a@2 profile:p"],
  );
  // p in both: Maven has maven-x-plugin 2.0 with a:1 and b:1.
  assert.deepEqual(listed(profile(build(x("1.0", "d:a:1"))), profile(build(x("2.0", "d:b:1")))), [
    "pkg:maven/d/a@1 profile:p",
    "pkg:maven/d/b@1 profile:p",
    `${X} profile:p > d/a@1 build > d/b@1 build`,
  ]);
});

// `<reporting><plugins>` (maven-javadoc-plugin, spotbugs, jacoco reports) were not read. They are
// tools the build runs (`mvn site`), as its build plugins are: scope build. A report's version is
// its own, else the build's plugin's, else pluginManagement's (maven-reporting-exec).
Deno.test("readMavenPom: reporting plugins are build tools, versioned as maven-reporting-exec does", () => {
  const out = readLib(
    `<build><pluginManagement><plugins>${plugin("maven-jxr-plugin", "3.3.2")}${
      plugin("maven-javadoc-plugin", "3.6.0")
    }</plugins></pluginManagement></build>
    <reporting><plugins>${plugin("maven-project-info-reports-plugin", "3.5.0")}${
      plugin("maven-pmd-plugin", "3.21.0", "<inherited>false</inherited>")
    }</plugins></reporting>`,
    `<build><plugins>${plugin("maven-javadoc-plugin", "3.6.3")}</plugins></build>
    <reporting><plugins>${plugin("maven-javadoc-plugin")}${plugin("maven-jxr-plugin")}${
      plugin("maven-surefire-report-plugin", "3.2.5")
    }</plugins></reporting>
    <profiles><profile><id>coverage</id><reporting><plugins>${
      plugin("jacoco-maven-plugin", "0.8.11").replace(
        "<artifactId>",
        "<groupId>org.jacoco</groupId><artifactId>",
      )
    }</plugins></reporting></profile></profiles>`,
  );
  const P = "pkg:maven/org.apache.maven.plugins";
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      `${P}/maven-javadoc-plugin@3.6.3 build `, // the build's plugin's version
      `${P}/maven-jxr-plugin@3.3.2 build `, // pluginManagement's
      `${P}/maven-project-info-reports-plugin@3.5.0 build `, // inherited
      `${P}/maven-surefire-report-plugin@3.2.5 build `,
      "pkg:maven/org.jacoco/jacoco-maven-plugin@0.8.11 build profile:coverage",
    ],
  );
  assert.deepEqual(
    out.warnings?.filter((w) => !w.includes("profiles' activation is known only")),
    [],
  );
});

// Found on google/auto (value/pom.xml names src/it/functional and src/it/gwtserializer as modules):
// the scan skips **/src/it (Maven invoker fixtures), so those modules were members with none of
// their dependencies, and nothing said so. The POM naming such a module says it.
Deno.test("readMavenPom: a module in a folder the scan skips is named in a warning", () => {
  const module = (path: string): string =>
    `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version>
    <relativePath>${path.split("/").map(() => "..").join("/")}/pom.xml</relativePath></parent>
  <artifactId>${path.replaceAll("/", "-")}</artifactId>
  <dependencies>${dep("org.example:lib:1.0")}</dependencies>
</project>`;
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>core</module><module>src/it/functional</module></modules>
</project>`,
    "core/pom.xml": module("core"),
    "src/it/functional/pom.xml": module("src/it/functional"),
  };
  const out = readMavenPom(files["pom.xml"], { path: "pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:maven/g/core@1 runtime",
    "pkg:maven/g/src-it-functional@1 runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "pom.xml: module src/it/functional is in src/it, a folder the scan does not enter: its dependencies are not listed; scan src/it/functional with --project-root",
  ]);
});

// The POM reference lets a module name its POM file (`<module>third-project/pom-example.xml</module>`);
// the scan reads only files named pom.xml, so such a module was a member whose dependencies were
// silently missing.
Deno.test("readMavenPom: a module named by its POM file is read with the POM that lists it", () => {
  const module = (artifactId: string, deps: string, more = ""): string =>
    `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>root</artifactId><version>1</version><relativePath>../pom.xml</relativePath></parent>
  <artifactId>${artifactId}</artifactId>${more}
  <dependencies>${deps}</dependencies>
</project>`;
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>root</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>core</module><module>alt/pom-jdk11.xml</module></modules>
</project>`,
    "core/pom.xml": module("core", dep("org.example:a:1") + dep("g:alt:${project.version}")),
    "alt/pom-jdk11.xml": module(
      "alt",
      dep("org.example:c:3"),
      "<modules><module>../deep/custom.xml</module></modules>",
    ),
    "deep/custom.xml": module("deep", dep("org.example:d:4")),
  };
  const out = readMavenPom(files["pom.xml"], { path: "pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(scopesOf(out), {
    "pkg:maven/org.example/c@3": "runtime",
    "pkg:maven/org.example/d@4": "runtime",
  });
  assert.deepEqual(edgesFrom(out, "pkg:maven/g/alt@1"), [
    "pkg:maven/g/deep@1 runtime",
    "pkg:maven/org.example/c@3 runtime",
  ]);
  // core/pom.xml is the scan's to read: its own read lists org.example:a.
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:maven/g/alt@1 runtime",
    "pkg:maven/g/core@1 runtime",
  ]);
});

// A reactor project's purl names its file as a dependency's does: the extension of its packaging's
// artifact handler (maven-core's: ejb and maven-plugin are jars; the OSGi plugins' bundle is a
// jar), else the packaging itself, the extension Maven's DefaultArtifactHandler gives a type it has
// no handler for (a Jenkins plugin's hpi). Only pom, war, ear and rar had been typed: an hpi
// module was a jar, though a dependency on it, <type>hpi</type>, is ?type=hpi.
Deno.test("readMavenPom: a reactor project's purl type is its packaging's file extension", () => {
  const module = (artifactId: string, packaging: string): string =>
    `<project><modelVersion>4.0.0</modelVersion><parent><groupId>g</groupId>` +
    `<artifactId>root</artifactId><version>1</version></parent><artifactId>${artifactId}` +
    `</artifactId><packaging>${packaging}</packaging></project>`;
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId>
  <artifactId>root</artifactId><version>1</version><packaging>pom</packaging>
  <properties><kind>war</kind></properties>
  <modules><module>ejb</module><module>plugin</module><module>bundle</module>
    <module>hpi</module><module>web</module><module>app</module><module>archetype</module>
    <module>tycho</module><module>site</module><module>nbm</module></modules>
</project>`,
    "ejb/pom.xml": module("ejb", "ejb"),
    "plugin/pom.xml": module("plugin", "maven-plugin"),
    "bundle/pom.xml": module("bundle", "bundle"),
    "hpi/pom.xml": module("hpi", "hpi"),
    "web/pom.xml": module("web", "${kind}"),
    "app/pom.xml": module("app", "${undefined.kind}"),
    // Build extensions' packagings: the archetype packaging's, Tycho's (a jar; an update site's
    // zip), not files named by the packaging.
    "archetype/pom.xml": module("archetype", "maven-archetype"),
    "tycho/pom.xml": module("tycho", "eclipse-plugin"),
    "site/pom.xml": module("site", "eclipse-repository"),
    // A NetBeans module: its jar (the .nbm is attached, of the type nbm-file).
    "nbm/pom.xml": module("nbm", "nbm"),
  };
  const out = readMavenPom(files["pom.xml"], { path: "pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.purl).sort(), [
    "pkg:maven/g/app@1",
    "pkg:maven/g/archetype@1",
    "pkg:maven/g/bundle@1",
    "pkg:maven/g/ejb@1",
    "pkg:maven/g/hpi@1?type=hpi",
    "pkg:maven/g/nbm@1",
    "pkg:maven/g/plugin@1",
    "pkg:maven/g/site@1?type=zip",
    "pkg:maven/g/tycho@1",
    "pkg:maven/g/web@1?type=war",
  ]);
});

// The packagings of build extensions whose artifact handler names another file than the
// packaging: Takari's lifecycle (TakariJarArtifactHandler: jar), HK2's hk2-jar (a jar on Maven
// Central), AMPS's atlassian-plugin (jar), maven-hpi-plugin's jenkins-module (extension jm),
// FileVault's content-package (zip). They had kept the packaging as the purl's type, a file
// that is not there (`?type=takari-jar`).
Deno.test("readMavenPom: a build extension's packaging has its artifact handler's extension", () => {
  const module = (artifactId: string, packaging: string, plugin = ""): string =>
    `<project><modelVersion>4.0.0</modelVersion><parent><groupId>g</groupId>` +
    `<artifactId>root</artifactId><version>1</version></parent><artifactId>${artifactId}` +
    `</artifactId><packaging>${packaging}</packaging><build><plugins>${plugin}</plugins>` +
    `</build></project>`;
  const extension = (groupId: string, artifactId: string): string =>
    `<plugin><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>` +
    `<version>1.0</version><extensions>true</extensions></plugin>`;
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId>
  <artifactId>root</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>takari</module><module>hk2</module><module>amps</module>
    <module>jenkins</module><module>content</module><module>other</module>
    <module>plain</module></modules>
</project>`,
    "takari/pom.xml": module(
      "takari",
      "takari-jar",
      extension("io.takari.maven.plugins", "takari-lifecycle-plugin"),
    ),
    "hk2/pom.xml": module("hk2", "hk2-jar", extension("org.glassfish.hk2", "hk2-maven-plugin")),
    "amps/pom.xml": module(
      "amps",
      "atlassian-plugin",
      extension("com.atlassian.maven.plugins", "amps-maven-plugin"),
    ),
    "jenkins/pom.xml": module(
      "jenkins",
      "jenkins-module",
      extension("org.jenkins-ci.tools", "maven-hpi-plugin"),
    ),
    "content/pom.xml": module(
      "content",
      "content-package",
      extension("org.apache.jackrabbit", "filevault-package-maven-plugin"),
    ),
    // A packaging vouch does not know, of a build extension: its handler may name a jar.
    "other/pom.xml": module("other", "mule-application", extension("org.mule.tools", "mule")),
    // Without a build extension, Maven has no handler for it: the file is a .<packaging>.
    "plain/pom.xml": module("plain", "swc"),
  };
  const out = readMavenPom(files["pom.xml"], { path: "pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.members.map((m) => m.purl).sort(), [
    "pkg:maven/g/amps@1",
    "pkg:maven/g/content@1?type=zip",
    "pkg:maven/g/hk2@1",
    "pkg:maven/g/jenkins@1?type=jm",
    "pkg:maven/g/other@1",
    "pkg:maven/g/plain@1?type=swc",
    "pkg:maven/g/takari@1",
  ]);
  assert.deepEqual(out.warnings?.filter((w) => w.includes("packaging")), [
    "other/pom.xml:1: its packaging mule-application is not one vouch knows, and the build " +
    "extensions it loads (org.mule.tools:mule) may give it an artifact handler naming another " +
    "file than a .mule-application: the purl has no type",
  ]);
});

// Maven 4 imports a dependencyManagement entry of the `bom` type whatever its scope (apache/maven
// #12589, fixed in 4.0.x), a POM as the `pom` type is; vouch left it a managed entry: the BOM was
// no component and the versions it manages were not said to be unknown.
Deno.test("readMavenPom: Maven 4's <type>bom</type> is a BOM import, in the tree or not", () => {
  const files: Record<string, string> = {
    "pom.xml":
      `<project xmlns="http://maven.apache.org/POM/4.1.0"><modelVersion>4.1.0</modelVersion>
  <groupId>g</groupId><artifactId>root</artifactId><version>1</version><packaging>pom</packaging>
  <subprojects><subproject>bom</subproject><subproject>app</subproject></subprojects>
</project>`,
    "bom/pom.xml":
      `<project xmlns="http://maven.apache.org/POM/4.1.0"><modelVersion>4.1.0</modelVersion>
  <parent/><artifactId>bom</artifactId><packaging>bom</packaging>
  <dependencyManagement><dependencies>${
        dep("com.google.guava:guava:33.0.0-jre")
      }</dependencies></dependencyManagement>
</project>`,
    "app/pom.xml":
      `<project xmlns="http://maven.apache.org/POM/4.1.0"><modelVersion>4.1.0</modelVersion>
  <parent/><artifactId>app</artifactId>
  <dependencyManagement><dependencies>${dep("g:bom:1", "<type>bom</type>")}${
        dep("io.netty:netty-bom:4.1.100.Final", "<type>bom</type><scope>import</scope>")
      }</dependencies></dependencyManagement>
  <dependencies>${dep("com.google.guava:guava")}${dep("io.netty:netty-handler")}</dependencies>
</project>`,
  };
  const out = readMavenPom(files["app/pom.xml"], { path: "app/pom.xml", load: (p) => files[p] });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/com.google.guava/guava@33.0.0-jre runtime",
    "pkg:maven/io.netty/netty-bom@4.1.100.Final?type=pom build",
    "pkg:maven/io.netty/netty-handler runtime",
  ]);
  // The BOM of the tree is a POM (Maven 4's `bom` type: extension pom), as the one outside it.
  assert.deepEqual(edgesFrom(out, "pkg:maven/g/app@1"), [
    "pkg:maven/com.google.guava/guava@33.0.0-jre runtime",
    "pkg:maven/g/bom@1?type=pom build",
    "pkg:maven/io.netty/netty-bom@4.1.100.Final?type=pom build",
    "pkg:maven/io.netty/netty-handler runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "app/pom.xml: io.netty:netty-handler: its version is managed outside the tree (BOM io.netty:netty-bom:4.1.100.Final); the purl has no version",
  ]);
});

// A module's dependency inherited from its parent, whose version a POM outside the tree manages,
// was left to the parent's own read to warn of; with `--lockfile child/pom.xml` (or the parent in
// a folder the scan skips) nothing read the parent, and the versionless purl went unexplained.
Deno.test("readMavenPom: a parent not read on its own: the module warns of what it inherits", async () => {
  const files: Record<string, string> = {
    "pom.xml": bootRoot(`  <dependencies>${dep("org.slf4j:slf4j-api")}</dependencies>`),
    "lib/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>root</artifactId><version>1</version></parent>
  <artifactId>lib</artifactId>
</project>`,
  };
  const parent = "parent org.springframework.boot:spring-boot-starter-parent:3.2.5";
  const warning =
    `pom.xml: org.slf4j:slf4j-api: its version is managed outside the tree (${parent}); the purl has no version`;
  const read = (reads?: (path: string) => boolean): string[] =>
    readMavenPom(files["lib/pom.xml"], { path: "lib/pom.xml", load: (p) => files[p], reads })
      .warnings ?? [];
  assert.deepEqual(read(), []);
  assert.deepEqual(read((p) => p === "lib/pom.xml"), [warning]);
  await withTempDir(async (dir) => {
    for (const [path, text] of Object.entries(files)) {
      await Deno.mkdir(`${dir}/${path}`.replace(/\/[^/]+$/, ""), { recursive: true });
      await Deno.writeTextFile(`${dir}/${path}`, text);
    }
    const warnings: string[] = [];
    await readInventory(dir, { lockfiles: ["lib/pom.xml"], onWarning: (w) => warnings.push(w) });
    assert.ok(warnings.includes(warning), warnings.join("\n"));
    const scanned: string[] = [];
    await readInventory(dir, { onWarning: (w) => scanned.push(w) });
    assert.equal(scanned.filter((w) => w === warning).length, 1);
  });
});

// Found on nbbrd/heylogs: its base-processors profile, active unless -DskipBaseProcessors is given,
// manages lombok, picocli and the processors its modules declare without a version. Maven injects
// a profile it activates into its POM before inheritance, interpolation and management (Maven
// Model Builder), so a build run without options has lombok 1.18.30; vouch listed each twice: once
// version-less in the build, once versioned in the group profile:base-processors.
Deno.test("readMavenPom: a profile the build activates by default is part of the build", () => {
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>bom</module><module>lib</module></modules>
  <build><pluginManagement><plugins>${plugin("maven-compiler-plugin", "3.11.0")}</plugins>
  </pluginManagement></build>
  <profiles><profile><id>base-processors</id>
    <activation><property><name>!skipBaseProcessors</name></property></activation>
    <properties><lombok.version>1.18.30</lombok.version></properties>
    <dependencyManagement><dependencies>${dep("org.projectlombok:lombok:${lombok.version}")}${
      bomImport("com.github.nbbrd.java-service-util:java-service-bom:1.9.0")
    }${bomImport("g:bom:${project.version}")}
    </dependencies></dependencyManagement>
  </profile><profile><id>next-lombok</id>
    <properties><lombok.version>1.18.32</lombok.version></properties>
  </profile></profiles></project>`,
    // Not a child of the parent, whose profile imports it: Maven refuses a BOM importing itself.
    "bom/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>bom</artifactId><version>1</version><packaging>pom</packaging>
  <dependencyManagement><dependencies>${dep("info.picocli:picocli:4.7.5")}
  </dependencies></dependencyManagement></project>`,
    "lib/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>parent</artifactId><version>1</version></parent>
  <artifactId>lib</artifactId>
  <dependencies>${dep("org.projectlombok:lombok", "<scope>provided</scope>")}${
      dep("info.picocli:picocli")
    }${dep("com.fasterxml.jackson.core:jackson-databind")}${
      dep("com.h2database:h2:2.2.224", "<scope>test</scope>")
    }</dependencies>
  <build><plugins>${plugin("maven-compiler-plugin")}</plugins></build>
  <profiles><profile><id>defaults</id><activation><activeByDefault>true</activeByDefault></activation>
    <properties><jackson.version>2.17.0</jackson.version></properties>
    <dependencyManagement><dependencies>${
      dep("com.fasterxml.jackson.core:jackson-databind:${jackson.version}")
    }</dependencies></dependencyManagement>
    <dependencies>${dep("com.h2database:h2:2.2.224", "<scope>compile</scope>")}${
      dep("org.example:extra:1.0")
    }</dependencies>
    <build><pluginManagement><plugins>${plugin("maven-compiler-plugin", "3.13.0")}</plugins>
    </pluginManagement></build>
  </profile></profiles></project>`,
  };
  const read = (): ReturnType<typeof readMavenPom> => {
    const out = readMavenPom(files["lib/pom.xml"], { path: "lib/pom.xml", load: (p) => files[p] });
    assertWellFormed(out);
    return out;
  };
  const out = read();
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.0 runtime ",
      "pkg:maven/com.github.nbbrd.java-service-util/java-service-bom@1.9.0?type=pom build profile:base-processors",
      "pkg:maven/com.h2database/h2@2.2.224 runtime ", // the profile's compile declaration
      "pkg:maven/info.picocli/picocli@4.7.5 runtime ", // managed by the BOM the profile imports
      "pkg:maven/org.apache.maven.plugins/maven-compiler-plugin@3.13.0 build ",
      "pkg:maven/org.example/extra@1.0 runtime profile:defaults",
      "pkg:maven/org.projectlombok/lombok@1.18.30 build ",
      // A profile only -P activates still gives the build's own other versions in its group.
      "pkg:maven/org.projectlombok/lombok@1.18.32 build profile:next-lombok",
    ],
  );
  assert.ok(edgesFrom(out, "pkg:maven/g/lib@1").includes("pkg:maven/g/bom@1?type=pom build"));
  assert.ok(
    out.warnings?.some((w) =>
      w.startsWith(
        "lib/pom.xml: its profiles' activation is known only as far as the POMs and .mvn/maven.config say (not the JDK, OS, files or environment of a run)",
      ) &&
      w.endsWith(
        ": defaults (activeByDefault); the build activates defaults by default: their " +
          "properties, management and redeclarations are the build's own",
      )
    ),
    String(out.warnings),
  );
  // The parent's profile, in the warning about the parent's profiles.
  assert.ok(
    out.inheritedWarnings?.some(({ warning, by }) =>
      warning.startsWith("pom.xml: its profiles' activation is known only") &&
      by === "lib/pom.xml" &&
      warning.endsWith(
        "; the build activates base-processors by default: their properties, " +
          "management and redeclarations are the build's own",
      )
    ),
    JSON.stringify(out.inheritedWarnings),
  );
  // -DskipBaseProcessors turns base-processors off, -P !defaults turns defaults off: as before.
  files[".mvn/maven.config"] = "-DskipBaseProcessors -P!defaults";
  assert.deepEqual(
    read().components.map((c) => `${c.id} ${c.groups.join(",")}`),
    [
      "pkg:maven/com.fasterxml.jackson.core/jackson-databind ",
      "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.17.0 profile:defaults",
      "pkg:maven/com.github.nbbrd.java-service-util/java-service-bom@1.9.0?type=pom profile:base-processors",
      "pkg:maven/com.h2database/h2@2.2.224 profile:defaults",
      "pkg:maven/info.picocli/picocli ",
      "pkg:maven/info.picocli/picocli@4.7.5 profile:base-processors",
      "pkg:maven/org.apache.maven.plugins/maven-compiler-plugin@3.11.0 ",
      "pkg:maven/org.apache.maven.plugins/maven-compiler-plugin@3.13.0 profile:defaults",
      "pkg:maven/org.example/extra@1.0 profile:defaults",
      "pkg:maven/org.projectlombok/lombok ",
      "pkg:maven/org.projectlombok/lombok@1.18.30 profile:base-processors",
    ],
  );
});

// Each module named by file was mapped inside the one naming it: a chain of 3,000 overflowed the
// stack (exit 3).
Deno.test("readMavenPom: a long chain of modules named by file is mapped", () => {
  const pom = (artifactId: string, module: string): string =>
    `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId>` +
    `<artifactId>${artifactId}</artifactId><version>1</version><packaging>pom</packaging>` +
    `<modules><module>${module}</module></modules></project>\n`;
  const n = 5_000;
  const files = new Map([["pom.xml", pom("root", "m0.xml")]]);
  for (let i = 0; i < n; i++) files.set(`m${i}.xml`, pom(`m${i}`, `m${(i + 1) % n}.xml`));
  const load = (p: string): string | undefined => files.get(p);
  const out = readMavenPom(files.get("pom.xml")!, { path: "pom.xml", load });
  assert.equal(out.members.length, n);
});

// Found by comparing with Maven 3.8.7's model builder (shaped like maven-shade-plugin builds that
// pin a newer ASM): a plugin's dependency replaces, whole, the one of its groupId:artifactId:type
// that the parent's declaration of the plugin or its pluginManagement gives, and
// dependencyManagement manages no plugin dependency (Maven fails one without a version). vouch
// listed both versions of each, and took a version Maven never uses from dependencyManagement.
Deno.test("readMavenPom: a plugin's own dependency replaces a parent's or a managed one, unmanaged", () => {
  const out = readLib(
    `<properties><asm.version>9.6</asm.version></properties>
    <dependencyManagement><dependencies>${dep("com.ex:rules:1.0")}</dependencies>
    </dependencyManagement>
    <build><pluginManagement><plugins>${
      plugin(
        "maven-shade-plugin",
        "3.5.1",
        `<dependencies>${dep("org.ow2.asm:asm:${asm.version}")}${
          dep("org.ow2.asm:asm-commons:${asm.version}")
        }</dependencies>`,
      )
    }</plugins></pluginManagement>
    <plugins>${
      plugin(
        "maven-enforcer-plugin",
        "3.4.1",
        `<dependencies>${dep("org.codehaus.mojo:extra-enforcer-rules:1.7.0")}</dependencies>`,
      )
    }</plugins></build>`,
    `<properties><asm.version>9.7</asm.version></properties>
    <build><plugins>${
      plugin(
        "maven-shade-plugin",
        undefined,
        `<dependencies>${dep("org.ow2.asm:asm:9.5")}</dependencies>`,
      )
    }${
      plugin(
        "maven-enforcer-plugin",
        "3.5.0",
        `<dependencies>${dep("org.codehaus.mojo:extra-enforcer-rules:1.8.0")}${
          dep("com.ex:rules")
        }</dependencies>`,
      )
    }</plugins></build>`,
  );
  const P = "pkg:maven/org.apache.maven.plugins";
  assert.deepEqual(edgesFrom(out, `${P}/maven-shade-plugin@3.5.1`), [
    "pkg:maven/org.ow2.asm/asm-commons@9.7 build",
    "pkg:maven/org.ow2.asm/asm@9.5 build",
  ]);
  assert.deepEqual(edgesFrom(out, `${P}/maven-enforcer-plugin@3.5.0`), [
    "pkg:maven/com.ex/rules build",
    "pkg:maven/org.codehaus.mojo/extra-enforcer-rules@1.8.0 build",
  ]);
  assert.ok(
    out.warnings?.includes("lib/pom.xml: com.ex:rules: it has no version; the purl has no version"),
    out.warnings?.join("\n"),
  );
});

// Found by comparing with Maven 3.8.7 (shaped like netty's os-maven-plugin extension): a module's
// build extension replaces the parent's of the same groupId:artifactId, and neither
// dependencyManagement nor pluginManagement gives an extension a version (Maven looks the newest
// up in the repository). vouch listed the parent's version too, and took a managed one.
Deno.test("readMavenPom: a module's build extension replaces a parent's, unmanaged", () => {
  const wagon = "<groupId>org.apache.maven.wagon</groupId><artifactId>wagon-ssh</artifactId>";
  const out = readLib(
    `<dependencyManagement><dependencies>${dep("org.apache.maven.wagon:wagon-ssh:3.5.3")}
    </dependencies></dependencyManagement>
    <build><extensions><extension><groupId>kr.motd.maven</groupId>
      <artifactId>os-maven-plugin</artifactId><version>1.7.0</version></extension></extensions>
    <pluginManagement><plugins><plugin>${wagon}<version>3.5.2</version></plugin></plugins>
    </pluginManagement></build>`,
    `<build><extensions><extension><groupId>kr.motd.maven</groupId>
      <artifactId>os-maven-plugin</artifactId><version>1.7.1</version></extension>
      <extension>${wagon}</extension></extensions></build>`,
  );
  assert.deepEqual(edgesFrom(out, "pkg:maven/g/lib@1"), [
    "pkg:maven/kr.motd.maven/os-maven-plugin@1.7.1 build",
    "pkg:maven/org.apache.maven.wagon/wagon-ssh build",
  ]);
  assert.ok(
    out.warnings?.includes(
      "lib/pom.xml: org.apache.maven.wagon:wagon-ssh: it has no version; the purl has no version",
    ),
    out.warnings?.join("\n"),
  );
});

// Found by comparing with Maven 3.8.7's model builder: `<inherited>false</inherited>` keeps a
// pluginManagement entry (and a profile's plugin) in the POM that declares it, as it keeps a
// build plugin there. vouch gave a module's versionless plugin the parent's managed version and
// dependencies, and listed the parent's profile's own plugin in the module.
Deno.test("readMavenPom: a parent's pluginManagement entry or profile plugin not inherited stays its own", () => {
  const out = readLib(
    `<build><pluginManagement><plugins>${
      plugin(
        "maven-shade-plugin",
        "3.5.1",
        `<inherited>false</inherited><dependencies>${dep("org.ow2.asm:asm:9.6")}</dependencies>`,
      )
    }${plugin("maven-jar-plugin", "3.4.1")}</plugins></pluginManagement></build>
    <profiles><profile><id>release</id><build><plugins>${
      plugin("maven-gpg-plugin", "3.2.4", "<inherited>false</inherited>")
    }</plugins></build></profile></profiles>`,
    `<build><plugins>${plugin("maven-shade-plugin")}${
      plugin("maven-jar-plugin")
    }</plugins></build>`,
  );
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/org.apache.maven.plugins/maven-jar-plugin@3.4.1",
    "pkg:maven/org.apache.maven.plugins/maven-shade-plugin",
  ]);
});

// Maven's Plugin.isInherited is Boolean.parseBoolean: only `true` (any case) is inherited.
Deno.test("readMavenPom: a parent's plugin is inherited only when <inherited> says true, in any case", () => {
  const out = readLib(
    `<build><plugins>${plugin("maven-pmd-plugin", "3.21.0", "<inherited>False</inherited>")}${
      plugin("maven-jar-plugin", "3.3.0", "<inherited>no</inherited>")
    }${plugin("maven-clean-plugin", "3.3.2", "<inherited>TRUE</inherited>")}</plugins></build>`,
    "",
  );
  assert.deepEqual(
    out.components.map((c) => c.id).filter((id) => id.includes("-plugin")),
    ["pkg:maven/org.apache.maven.plugins/maven-clean-plugin@3.3.2"],
  );
});

// Maven decides `inherited` on the declaration merged down to a POM: a parent's `inherited=false`
// also drops what it merged from the POMs above it (a grandparent's shade 3.4.1 and its asm).
Deno.test("readMavenPom: a parent's inherited=false drops the plugin the POMs above it declare too", () => {
  const shade = (version: string, more = ""): string => plugin("maven-shade-plugin", version, more);
  const asm = `<dependencies>${dep("org.ow2.asm:asm:9.4")}</dependencies>`;
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <groupId>g</groupId><artifactId>top</artifactId><version>1</version><packaging>pom</packaging>
  <modules><module>mid</module></modules>
  <build><pluginManagement><plugins>${shade("3.4.1", asm)}</plugins></pluginManagement></build>
  </project>`,
    "mid/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>top</artifactId><version>1</version></parent>
  <artifactId>mid</artifactId><packaging>pom</packaging><modules><module>lib</module></modules>
  <build><pluginManagement><plugins>${
      shade("3.5.1", "<inherited>false</inherited>")
    }</plugins></pluginManagement></build></project>`,
    "mid/lib/pom.xml": `<project><modelVersion>4.0.0</modelVersion>
  <parent><groupId>g</groupId><artifactId>mid</artifactId><version>1</version></parent>
  <artifactId>lib</artifactId><build><plugins>${
      plugin("maven-shade-plugin")
    }</plugins></build></project>`,
  };
  const out = readMavenPom(files["mid/lib/pom.xml"], {
    path: "mid/lib/pom.xml",
    load: (p) => files[p],
  });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:maven/org.apache.maven.plugins/maven-shade-plugin",
  ]);
});

/** A `<plugin>`'s `<configuration>` with these annotation processor paths (`g:a:v` each). */
function processorPaths(paths: string[], attributes = ""): string {
  return `<configuration><annotationProcessorPaths${attributes}>${
    paths.map((p) => {
      const [groupId, artifactId, version] = p.split(":");
      return `<path><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>${
        version === undefined ? "" : `<version>${version}</version>`
      }</path>`;
    }).join("")
  }</annotationProcessorPaths></configuration>`;
}

/** A parent's pluginManagement giving maven-compiler-plugin 3.11.0 the paths lombok and mapstruct-processor. */
const MANAGED_PROCESSORS = `<build><pluginManagement><plugins>${
  plugin(
    "maven-compiler-plugin",
    "3.11.0",
    processorPaths(["org.projectlombok:lombok:1.18.30", "org.mapstruct:mapstruct-processor:1.5.5"]),
  )
}</plugins></pluginManagement></build>`;

/** The ids of what a read gives other than the compiler plugin: its processor paths. */
function processorIds(out: ReturnType<typeof readMavenPom>): string[] {
  return out.components.map((c) => c.id).filter((id) => !id.includes("maven-compiler-plugin"));
}

// Found on AshishBagdane/ash-core-lib: the parent's pluginManagement gives the compiler plugin the
// paths lombok and mapstruct-processor, the base module declares it with lombok,
// lombok-mapstruct-binding and spring-boot-configuration-processor. Maven merges the two
// configurations with plexus-utils' Xpp3Dom.mergeXpp3Dom, which pairs the <path> children by
// position (the module's win) and drops the parent's beyond the module's count: mapstruct-processor
// is on no processor path (`mvn help:effective-pom` lists the module's three only).
Deno.test("readMavenPom: a module's annotationProcessorPaths merge by position with its parent's", () => {
  const managed = MANAGED_PROCESSORS;
  const own = readLib(
    managed,
    `<build><plugins>${
      plugin(
        "maven-compiler-plugin",
        undefined,
        processorPaths([
          "org.projectlombok:lombok",
          "org.projectlombok:lombok-mapstruct-binding:0.2.0",
          "org.springframework.boot:spring-boot-configuration-processor:3.2.2",
        ]),
      )
    }</plugins></build>`,
  );
  assert.deepEqual(processorIds(own), [
    "pkg:maven/org.projectlombok/lombok-mapstruct-binding@0.2.0",
    "pkg:maven/org.projectlombok/lombok@1.18.30", // its version from the parent's first path
    "pkg:maven/org.springframework.boot/spring-boot-configuration-processor@3.2.2",
  ]);
  // combine.children="append": the parent's paths, then the module's.
  const appended = readLib(
    managed,
    `<build><plugins>${
      plugin(
        "maven-compiler-plugin",
        undefined,
        processorPaths(["org.immutables:value:2.10.1"], ` combine.children="append"`),
      )
    }</plugins></build>`,
  );
  assert.deepEqual(processorIds(appended), [
    "pkg:maven/org.immutables/value@2.10.1",
    "pkg:maven/org.mapstruct/mapstruct-processor@1.5.5",
    "pkg:maven/org.projectlombok/lombok@1.18.30",
  ]);
  // A module that declares the plugin without paths keeps the managed ones.
  const inherited = readLib(
    managed,
    `<build><plugins>${plugin("maven-compiler-plugin")}</plugins></build>`,
  );
  assert.deepEqual(processorIds(inherited), [
    "pkg:maven/org.mapstruct/mapstruct-processor@1.5.5",
    "pkg:maven/org.projectlombok/lombok@1.18.30",
  ]);
});

// Shaped like google/gson: the parent (packaging pom) configures maven-compiler-plugin with Error
// Prone's annotation processor path and versions maven-surefire-plugin in its pluginManagement
// only; gson-extras (packaging jar) declares neither. Maven's model builder injects the plugins
// the jar lifecycle binds, each merged with its pluginManagement declaration
// (DefaultLifecycleBindingsInjector): `mvn -X deploy` on such a module runs
// maven-compiler-plugin:3.15.0 with the path, and maven-surefire-plugin:3.5.6. The pom
// lifecycle binds no compiler: a packaging pom module gets only what it binds (install).
Deno.test("readMavenPom: the plugins the packaging's lifecycle binds take their pluginManagement declaration", () => {
  const managed = `<build><pluginManagement><plugins>${
    plugin(
      "maven-compiler-plugin",
      "3.15.0",
      processorPaths(["com.google.errorprone:error_prone_core:2.50.0"]),
    )
  }${plugin("maven-surefire-plugin", "3.5.6")}${plugin("maven-install-plugin", "3.1.4")}${
    plugin("maven-javadoc-plugin", "3.12.0")
  }</plugins></pluginManagement></build>`;
  const ids = (out: ReturnType<typeof readMavenPom>): string[] =>
    out.components.map((c) => c.id.replace("pkg:maven/org.apache.maven.plugins/", ""));
  assert.deepEqual(ids(readLib(managed, "")), [
    "pkg:maven/com.google.errorprone/error_prone_core@2.50.0",
    "maven-compiler-plugin@3.15.0",
    "maven-install-plugin@3.1.4",
    "maven-surefire-plugin@3.5.6",
  ]);
  assert.deepEqual(ids(readLib(managed, "<packaging>pom</packaging>")), [
    "maven-install-plugin@3.1.4",
  ]);
  // A packaging another build extension defines binds what it says: not known.
  assert.deepEqual(ids(readLib(managed, "<packaging>nbm</packaging>")), []);
});

// Shaped like google/guava: guava-parent's pluginManagement versions maven-surefire-plugin
// (2.7.2) and maven-compiler-plugin; the guava module is `<packaging>bundle</packaging>` with
// maven-bundle-plugin as a build extension and declares no surefire. maven-bundle-plugin's
// META-INF/plexus/components.xml maps `bundle` as a jar's lifecycle (resources, compiler,
// surefire, its own `bundle` goal to package, install, deploy): its tests run with
// surefire 2.7.2. The bundle lifecycle had been taken as unknown: no surefire.
Deno.test("readMavenPom: a bundle module's lifecycle binds surefire as a jar's does", () => {
  const managed = `<build><pluginManagement><plugins>${plugin("maven-compiler-plugin", "3.8.1")}${
    plugin("maven-surefire-plugin", "2.7.2")
  }<plugin><groupId>org.apache.felix</groupId><artifactId>maven-bundle-plugin</artifactId><version>2.5.0</version></plugin></plugins></pluginManagement></build>`;
  const out = readLib(
    managed,
    `<packaging>bundle</packaging><build><plugins><plugin><extensions>true</extensions><groupId>org.apache.felix</groupId><artifactId>maven-bundle-plugin</artifactId></plugin></plugins></build>`,
  );
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:maven/org.apache.felix/maven-bundle-plugin@2.5.0 build",
    "pkg:maven/org.apache.maven.plugins/maven-compiler-plugin@3.8.1 build",
    "pkg:maven/org.apache.maven.plugins/maven-surefire-plugin@2.7.2 build",
  ]);
  // Its purl names the jar the bundle's artifact handler writes.
  assert.equal(out.members?.[0]?.purl, "pkg:maven/g/lib@1");
});

/** An `<execution>` of this id with these annotation processor paths (see processorPaths). */
function execution(id: string, paths: string[], more = ""): string {
  return `<execution><id>${id}</id>${more}${processorPaths(paths)}</execution>`;
}

// A parent's pluginManagement runs the compiler plugin with lombok, and with mapstruct in an
// execution of its own, and auto-service in one it does not pass on (<inherited>false</inherited>);
// the module reuses the mapstruct execution's id for Immutables and gives default-testCompile a
// path that only says <version>. Maven merges executions by id (MavenModelMerger), then each
// execution's configuration over the plugin's (DefaultPluginConfigurationExpander), with
// Xpp3Dom's positional merge: `mvn -X test-compile` (3.8.7) runs default-compile with
// lombok 1.18.30, mapstruct with value 2.10.1 alone, default-testCompile with lombok 1.18.32,
// and no parent-only execution. The paths had been unioned: mapstruct-processor and
// auto-service listed, the version-only path refused.
Deno.test("readMavenPom: an execution's annotationProcessorPaths merge by id, then over the plugin's", () => {
  const managed = `<build><pluginManagement><plugins>${
    plugin(
      "maven-compiler-plugin",
      "3.11.0",
      `${processorPaths(["org.projectlombok:lombok:1.18.30"])}<executions>${
        execution("mapstruct", ["org.mapstruct:mapstruct-processor:1.5.5"])
      }${
        execution(
          "parent-only",
          ["com.google.auto.service:auto-service:1.1.1"],
          "<inherited>false</inherited>",
        )
      }</executions>`,
    )
  }</plugins></pluginManagement></build>`;
  const out = readLib(
    managed,
    `<build><plugins>${
      plugin(
        "maven-compiler-plugin",
        undefined,
        `<executions>${execution("mapstruct", ["org.immutables:value:2.10.1"])}` +
          `<execution><id>default-testCompile</id><configuration><annotationProcessorPaths>` +
          `<path><version>1.18.32</version></path></annotationProcessorPaths></configuration>` +
          `</execution></executions>`,
      )
    }</plugins></build>`,
  );
  assert.deepEqual(
    out.components.map((c) => c.id).filter((id) => !id.includes("maven-compiler-plugin")),
    [
      "pkg:maven/org.immutables/value@2.10.1",
      "pkg:maven/org.projectlombok/lombok@1.18.30",
      "pkg:maven/org.projectlombok/lombok@1.18.32",
    ],
  );
});

// Found on AuthGuard/extensions: the parent's compiler plugin lists its processor as a
// <dependency>, not a <path>. Maven configures every child of <annotationProcessorPaths> as a
// DependencyCoordinate whatever its name (Sisu's AbstractCollectionConverter.getChildType), and
// merges a module's children with the parent's of the same name only.
Deno.test("readMavenPom: every child of annotationProcessorPaths is a path, whatever its name", () => {
  const parent = `<build><plugins>${
    plugin(
      "maven-compiler-plugin",
      "3.8.0",
      `<configuration><annotationProcessorPaths><dependency><groupId>org.immutables</groupId>` +
        `<artifactId>value</artifactId><version>2.7.4</version></dependency>` +
        `</annotationProcessorPaths></configuration>`,
    )
  }</plugins></build>`;
  assert.deepEqual(processorIds(readLib(parent, "")), ["pkg:maven/org.immutables/value@2.7.4"]);
  // A module's <path> pairs with no <dependency>: both are processor paths.
  const own = readLib(
    parent,
    `<build><plugins>${
      plugin(
        "maven-compiler-plugin",
        undefined,
        processorPaths(["org.projectlombok:lombok:1.18.30"]),
      )
    }</plugins></build>`,
  );
  assert.deepEqual(processorIds(own), [
    "pkg:maven/org.immutables/value@2.7.4",
    "pkg:maven/org.projectlombok/lombok@1.18.30",
  ]);
});

// plexus-utils' Xpp3Dom.mergeIntoXpp3Dom pairs a module's <path> with the parent's of the same
// position before the compiler plugin reads it: one that only says combine.self="remove" drops
// its pair, one that only gives a <version> takes the groupId and artifactId of its pair. Only a
// path with none to take them from lacks them (the plugin cannot resolve it).
Deno.test("readMavenPom: a module's annotation processor path may take its groupId and artifactId from the parent's it overrides", () => {
  const parent = MANAGED_PROCESSORS;
  const module = (paths: string): string =>
    `<build><plugins>${
      plugin(
        "maven-compiler-plugin",
        undefined,
        `<configuration><annotationProcessorPaths>${paths}</annotationProcessorPaths></configuration>`,
      )
    }</plugins></build>`;
  // Was: "lib/pom.xml:3: a annotation processor path without groupId", a POM Maven builds.
  const out = readLib(
    parent,
    module(`<path combine.self="remove"/><path><version>1.6.0</version></path>`),
  );
  assert.deepEqual(processorIds(out), ["pkg:maven/org.mapstruct/mapstruct-processor@1.6.0"]);
  assertVouchError(
    () => readLib(parent, module(`<path/><path/><path><version>1.0</version></path>`)),
    "inventory.maven_pom.invalid",
    /^lib\/pom\.xml:3: a annotation processor path without groupId$/,
  );
});

// plexus-utils' Xpp3Dom.mergeIntoXpp3Dom drops a dominant child that says combine.self="remove"
// together with the recessive child it pairs with: a module's `<annotationProcessorPaths
// combine.self="remove"/>` leaves the compiler plugin no paths of its parent's. With
// combine.children="append" on the `<configuration>`, the parent's children are copied before the
// module's and none are merged: the plugin's configurator sets each in turn
// (ObjectWithFieldsConverter.processConfiguration), so the module's list is the one read, whole.
Deno.test('readMavenPom: combine.self="remove" on a module\'s list and combine.children="append" on its configuration', () => {
  const parent = MANAGED_PROCESSORS;
  const module = (configuration: string): string =>
    `<build><plugins>${
      plugin("maven-compiler-plugin", undefined, configuration)
    }</plugins></build>`;
  assert.deepEqual(
    processorIds(readLib(
      parent,
      module(
        `<configuration><annotationProcessorPaths combine.self="remove"/></configuration>`,
      ),
    )),
    [],
  );
  // Merged, the module's <dependency> would pair with no <path>: the parent's two stayed.
  assert.deepEqual(
    processorIds(readLib(
      parent,
      module(
        `<configuration combine.children="append"><annotationProcessorPaths><dependency>` +
          `<groupId>org.immutables</groupId><artifactId>value</artifactId>` +
          `<version>2.10.1</version></dependency></annotationProcessorPaths></configuration>`,
      ),
    )),
    ["pkg:maven/org.immutables/value@2.10.1"],
  );
  // A module whose configuration has no list reads the parent's.
  assert.deepEqual(
    processorIds(readLib(
      parent,
      module(`<configuration combine.children="append"><release>21</release></configuration>`),
    )),
    [
      "pkg:maven/org.mapstruct/mapstruct-processor@1.5.5",
      "pkg:maven/org.projectlombok/lombok@1.18.30",
    ],
  );
});

// maven-compiler-plugin's plugin-level <configuration> reaches a build only merged into an
// execution (DefaultPluginConfigurationExpander): the jar lifecycle's default-compile and
// default-testCompile (DefaultLifecyclePluginAnalyzer's `default-<goal>` ids), and those the POM
// declares. When each of them overrides the paths (combine.self="override"), the plugin-level
// path runs on no processor path; one the POM leaves undeclared still runs with it.
Deno.test("readMavenPom: plugin-level annotationProcessorPaths every execution overrides are not listed", () => {
  const override = (id: string, path: string): string =>
    `<execution><id>${id}</id>${processorPaths([path], ` combine.self="override"`)}</execution>`;
  const pom = (packaging: string, executions: string): string =>
    `<build><plugins>${
      plugin(
        "maven-compiler-plugin",
        "3.13.0",
        `${
          processorPaths(["org.projectlombok:lombok:1.18.30"])
        }<executions>${executions}</executions>`,
      )
    }</plugins></build>${packaging}`;
  const ids = (out: ReturnType<typeof readMavenPom>): string[] =>
    out.components.map((c) => c.id).filter((id) => !id.includes("org.apache.maven.plugins/"));
  const both = override("default-compile", "org.immutables:value:2.10.1") +
    override("default-testCompile", "com.google.auto.service:auto-service:1.1.1");
  assert.deepEqual(ids(readLib("", pom("", both))), [
    "pkg:maven/com.google.auto.service/auto-service@1.1.1",
    "pkg:maven/org.immutables/value@2.10.1",
  ]);
  // default-testCompile, undeclared, runs with the plugin's paths.
  assert.deepEqual(
    ids(readLib("", pom("", override("default-compile", "org.immutables:value:2.10.1")))),
    ["pkg:maven/org.immutables/value@2.10.1", "pkg:maven/org.projectlombok/lombok@1.18.30"],
  );
  // A pom packaging binds no compiler: only its own execution runs.
  assert.deepEqual(
    ids(readLib(
      "",
      pom("<packaging>pom</packaging>", override("gen", "org.immutables:value:2.10.1")),
    )),
    ["pkg:maven/org.immutables/value@2.10.1"],
  );
});

// `<packaging>${build.packaging}</packaging>` with the property set only by a profile: Maven
// interpolates the packaging with the active profiles' properties, so an activeByDefault one's
// applies (install only: pom binds no compiler); one vouch cannot tell the activation of (`jdk`)
// lists the plugins its packaging binds in its group, with a warning, as it does for a profile's
// own plugins. Its packaging was not seen: the compiler plugin and its path were silently missed.
Deno.test("readMavenPom: a packaging a profile's property gives binds the profile's lifecycle plugins", () => {
  const managed = `<build><pluginManagement><plugins>${
    plugin("maven-compiler-plugin", "3.13.0", processorPaths(["org.projectlombok:lombok:1.18.30"]))
  }${plugin("maven-install-plugin", "3.1.2")}</plugins></pluginManagement></build>`;
  const lib = (activation: string, packaging = "jar"): string =>
    `<packaging>\${build.packaging}</packaging><profiles><profile><id>packaged</id>` +
    `<activation>${activation}</activation><properties>` +
    `<build.packaging>${packaging}</build.packaging></properties></profile></profiles>`;
  const ids = (out: ReturnType<typeof readMavenPom>): string[] =>
    out.components.map((c) =>
      `${c.id.replace("pkg:maven/org.apache.maven.plugins/", "")} ${(c.groups ?? []).join(",")}`
    );
  const byDefault = readLib(managed, lib("<activeByDefault>true</activeByDefault>"));
  assert.deepEqual(ids(byDefault), [
    "maven-compiler-plugin@3.13.0 ",
    "maven-install-plugin@3.1.2 ",
    "pkg:maven/org.projectlombok/lombok@1.18.30 ",
  ]);
  const byJdk = readLib(managed, lib("<jdk>[17,)</jdk>"));
  assert.deepEqual(ids(byJdk), [
    "maven-compiler-plugin@3.13.0 profile:packaged",
    "maven-install-plugin@3.1.2 profile:packaged",
    "pkg:maven/org.projectlombok/lombok@1.18.30 profile:packaged",
  ]);
  assert.match(
    byJdk.warnings!.join("\n"),
    /lib\/pom\.xml: its packaging \$\{build\.packaging\} is not known without a profile/,
  );
});

/** An `<artifactItem>` of maven-dependency-plugin. */
function artifactItem(coordinates: string, more = ""): string {
  const [groupId, artifactId, version] = coordinates.split(":");
  return `<artifactItem><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>${
    version === undefined ? "" : `<version>${version}</version>`
  }${more}</artifactItem>`;
}

// Found on jenkinsci/jenkins's war/pom.xml: its maven-dependency-plugin `copy` executions
// (phase generate-resources) copy the detached plugins (`<type>hpi</type>`) into
// WEB-INF/detached-plugins and winstone (no version: the project's test dependency gives it) into
// the war's executable folder, so they ship in the war; none was in the SBOM (winstone only as a
// dev dependency). maven-dependency-plugin's CopyMojo and UnpackMojo default to process-sources;
// an item without a version takes the project's dependency's, then its managed one
// (AbstractFromConfigurationMojo.fillMissingArtifactVersion).
Deno.test("readMavenPom: maven-dependency-plugin's copy and unpack artifactItems are the project's", () => {
  const execution = (id: string, goal: string, phase: string | undefined, items: string[]) =>
    `<execution><id>${id}</id>${phase === undefined ? "" : `<phase>${phase}</phase>`}` +
    `<goals><goal>${goal}</goal></goals><configuration><artifactItems>${
      items.join("")
    }</artifactItems></configuration></execution>`;
  const out = readLib(
    `<properties><winstone.version>8.12</winstone.version></properties>
    <dependencyManagement><dependencies>${
      dep("org.webjars:swagger-ui:5.17.14")
    }</dependencies></dependencyManagement>
    <build><pluginManagement><plugins>${
      plugin("maven-dependency-plugin", "3.8.1")
    }</plugins></pluginManagement></build>`,
    `<packaging>war</packaging><dependencies>${
      dep("org.jenkins-ci:winstone:${winstone.version}", "<scope>test</scope>")
    }</dependencies><build><plugins>${
      plugin(
        "maven-dependency-plugin",
        undefined,
        `<executions>${
          execution("detached-plugins", "copy", "generate-resources", [
            artifactItem("org.jenkins-ci.plugins:mailer:522.va_995fa_cfb_8b_d", "<type>hpi</type>"),
            artifactItem("org.jenkins-ci:winstone", "<destFileName>winstone.jar</destFileName>"),
          ])
        }${execution("ui", "unpack", undefined, [artifactItem("org.webjars:swagger-ui")])}${
          execution("it-server", "copy", "pre-integration-test", [
            artifactItem("org.eclipse.jetty:jetty-runner:9.4.54.v20240208"),
          ])
        }${
          execution("off", "copy", "none", [artifactItem("com.example:never:1.0")])
        }<execution><id>tree</id><goals><goal>tree</goal></goals><configuration><artifactItems>${
          artifactItem("com.example:not-copied:1.0")
        }</artifactItems></configuration></execution></executions>`,
      )
    }</plugins></build><profiles><profile><id>docs</id><build><plugins>${
      plugin(
        "maven-dependency-plugin",
        undefined,
        `<executions>${
          execution("docs", "unpack", "prepare-package", [
            artifactItem("org.example:docs:2.0", "<type>zip</type><classifier>html</classifier>"),
          ])
        }</executions>`,
      )
    }</plugins></build></profile></profiles>`,
  );
  const copied = out.components.filter((c) => !c.name.includes("maven-dependency-plugin"))
    .map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`.trim());
  assert.deepEqual(copied, [
    "pkg:maven/org.eclipse.jetty/jetty-runner@9.4.54.v20240208 dev",
    "pkg:maven/org.example/docs@2.0?classifier=html&type=zip optional profile:docs",
    "pkg:maven/org.jenkins-ci.plugins/mailer@522.va_995fa_cfb_8b_d?type=hpi runtime",
    "pkg:maven/org.jenkins-ci/winstone@8.12 dev,runtime",
    "pkg:maven/org.webjars/swagger-ui@5.17.14 runtime",
  ]);
});

// Found on a 30-module reactor (the lead's sweep): the root POM's profiles, inherited by every
// module, gave each module's read the same long warning, 30 lines saying one thing. A parent's
// profiles are now warned of once, about the POM that declares them, naming the POMs that
// inherit them; a module's own profiles keep a warning of the module's.
Deno.test("readMavenPom: a parent's profiles are warned of once, naming the modules that inherit them", async () => {
  const module = (name: string, own = ""): string =>
    `<project><modelVersion>4.0.0</modelVersion><parent><groupId>g</groupId>` +
    `<artifactId>parent</artifactId><version>1</version></parent><artifactId>${name}</artifactId>` +
    `<dependencies>${dep("org.slf4j:slf4j-api:2.0.13")}</dependencies>${own}</project>`;
  const files: Record<string, string> = {
    "pom.xml": `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId>
      <artifactId>parent</artifactId><version>1</version><packaging>pom</packaging>
      <modules><module>a</module><module>b</module><module>c</module></modules>
      <profiles><profile><id>jdk8</id><activation><jdk>1.8</jdk></activation><dependencies>${
      dep("javax.annotation:javax.annotation-api:1.3.2")
    }</dependencies></profile></profiles></project>`,
    "a/pom.xml": module("a"),
    "b/pom.xml": module("b"),
    "c/pom.xml": module(
      "c",
      `<profiles><profile><id>bench</id><dependencies>${
        dep("org.openjdk.jmh:jmh-core:1.37")
      }</dependencies></profile></profiles>`,
    ),
  };
  await withTempDir(async (dir) => {
    for (const [path, text] of Object.entries(files)) {
      await Deno.mkdir(`${dir}/${posixDir(path)}`, { recursive: true });
      await Deno.writeTextFile(`${dir}/${path}`, text);
    }
    const warnings: string[] = [];
    await readInventory(dir, { onWarning: (w) => warnings.push(w) });
    const head =
      "its profiles' activation is known only as far as the POMs and .mvn/maven.config say (not the JDK, OS, files or environment of a run): the dependencies and plugins of every " +
      "profile (and the versions its properties give the build's own) are listed, each in the " +
      "group profile:<id>, whether the build activates it or not: ";
    assert.deepEqual(warnings.filter((w) => w.includes("activation")), [
      `c/pom.xml: ${head}bench (only with -P); the runtime dependencies of bench, which the ` +
      "build does not activate by default, are optional",
      `pom.xml: ${head}jdk8 (by jdk) (the same for the 3 files that inherit it: a/pom.xml, ` +
      "b/pom.xml, c/pom.xml)",
    ]);
  });
});

/** The folder of a `/`-separated path ("" at the root). */
function posixDir(path: string): string {
  return path.split("/").slice(0, -1).join("/");
}

// A profile's properties and management change some of the build's plugins and not others: each
// plugin is listed again in a profile's group only when what it reads (a property, through another
// property's value too, or a managed version) is the profile's; the plugins it leaves as they are
// are the build's alone, whatever the order of the profiles.
Deno.test("readMavenPom: the plugins a profile's properties and management change, and only those", () => {
  const path = (coordinates: string): string => {
    const [groupId, artifactId, version] = coordinates.split(":");
    return `<path><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId>${
      version === undefined ? "" : `<version>${version}</version>`
    }</path>`;
  };
  const P = "pkg:maven/org.apache.maven.plugins";
  const out = readLib(
    `<properties><lombok.version>\${base.lombok}</lombok.version><base.lombok>1.18.30</base.lombok>
      <compiler.version>3.11.0</compiler.version></properties>
    <dependencyManagement><dependencies>${dep("org.mapstruct:mapstruct-processor:1.5.0")}
    </dependencies></dependencyManagement>`,
    `<build><plugins>${
      plugin(
        "maven-compiler-plugin",
        "${compiler.version}",
        `<configuration><annotationProcessorPaths>${
          path("org.projectlombok:lombok:${lombok.version}")
        }${path("org.mapstruct:mapstruct-processor")}</annotationProcessorPaths></configuration>`,
      )
    }${plugin("maven-jar-plugin", "3.4.1")}</plugins></build>
    <profiles>
      <profile><id>same</id><properties><unused>1</unused></properties>
        <build><plugins>${plugin("maven-gpg-plugin", "3.2.4")}</plugins></build></profile>
      <profile><id>newer</id><properties><base.lombok>1.18.32</base.lombok></properties></profile>
      <profile><id>managed</id><dependencyManagement><dependencies>${
      dep("org.mapstruct:mapstruct-processor:1.6.0")
    }</dependencies></dependencyManagement></profile>
      <profile><id>compiler</id><properties><compiler.version>3.13.0</compiler.version>
        </properties></profile>
      <profile><id>again</id><properties><unused>2</unused></properties></profile>
    </profiles>`,
  );
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      `${P}/maven-compiler-plugin@3.11.0 build `,
      `${P}/maven-compiler-plugin@3.13.0 build profile:compiler`,
      `${P}/maven-gpg-plugin@3.2.4 build profile:same`,
      `${P}/maven-jar-plugin@3.4.1 build `,
      "pkg:maven/org.mapstruct/mapstruct-processor@1.5.0 build ",
      "pkg:maven/org.mapstruct/mapstruct-processor@1.6.0 build profile:managed",
      "pkg:maven/org.projectlombok/lombok@1.18.30 build ",
      "pkg:maven/org.projectlombok/lombok@1.18.32 build profile:newer",
    ],
  );
});

// A plugin's groupId or artifactId may use a property: it is that of the build, or of a profile
// that sets the property (a plugin the build does not use then, listed in the profile's group).
Deno.test("readMavenPom: a plugin whose groupId a property gives is another plugin under a profile", () => {
  const out = readLib(
    `<properties><plugin.group>org.example</plugin.group></properties>
    <build><pluginManagement><plugins><plugin><groupId>org.other</groupId>
      <artifactId>x-plugin</artifactId><version>2</version></plugin></plugins></pluginManagement>
    </build>`,
    `<build><plugins><plugin><groupId>\${plugin.group}</groupId><artifactId>x-plugin</artifactId>
      <version>1</version></plugin><plugin><groupId>org.other</groupId>
      <artifactId>y-plugin</artifactId><version>3</version></plugin></plugins></build>
    <profiles><profile><id>other</id><properties><plugin.group>org.other</plugin.group>
      </properties></profile></profiles>`,
  );
  assert.deepEqual(
    out.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")}`),
    [
      "pkg:maven/org.example/x-plugin@1 build ",
      "pkg:maven/org.other/x-plugin@1 build profile:other",
      "pkg:maven/org.other/y-plugin@3 build ",
    ],
  );
});
