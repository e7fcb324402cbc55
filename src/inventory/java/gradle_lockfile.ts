/**
 * Reader for Gradle dependency locks: `gradle.lockfile`,
 * `buildscript-gradle.lockfile`, `settings-gradle.lockfile` and the legacy
 * per-configuration `gradle/dependency-locks/<configuration>.lockfile`.
 *
 * Each line `group:name:version=conf1,conf2` is one locked module: a
 * `pkg:maven` component with the version as written; a module without a group
 * (`:name:version=…`: an Ivy or flat-dir module such as the Kotlin/Native
 * distribution) is no Maven coordinate and is `pkg:generic/<name>@<version>`,
 * as in the verification metadata. The file has no graph,
 * so there are no edges and no component is marked direct. Scopes come from
 * the configurations:
 *
 * - a buildscript or settings lock (also the legacy
 *   `gradle/dependency-locks/buildscript-….lockfile` / `settings-….lockfile`),
 *   any lock of `buildSrc` or of a build that
 *   `settings.gradle(.kts)` includes for its plugins (`pluginManagement {
 *   includeBuild("build-logic") }`): the build's own classpath → build;
 * - test configurations (`test…`, `…Test…`, and the Gatling plugin's load-test `gatling…`) → dev;
 * - Spring Boot's `developmentOnly` / `testAndDevelopmentOnly` (devtools,
 *   docker-compose support: never in the built artifact) → dev, and in a lock that locks
 *   `productionRuntimeClasspath` (a Spring Boot project's) the `runtimeClasspath` they are added
 *   to does not make such a module runtime unless productionRuntimeClasspath (the shipped
 *   classpath) has it too; Micronaut's `developmentOnly` and `developmentRuntimeClasspath` (its
 *   `run` task's classpath) → dev, its runtimeClasspath, which does not extend them, runtime;
 * - Compose Hot Reload's (`composeHotReloadAgent`, `composeHotReloadRuntime`, …: what only
 *   hot-reload development runs use), the Quarkus plugin's dev mode ones (`quarkusDev…`) and
 *   `mockitoAgent`, the configuration Mockito's documentation has a build make for the agent its
 *   tests run with (Mockito.html#0.3: `-javaagent:${mockitoAgent.asPath}` on the Test tasks) → dev;
 * - the Android Gradle plugin's debug variants' classpaths (`debugRuntimeClasspath`,
 *   `freeDebugCompileClasspath`: `debugImplementation`, LeakCanary, Compose's `ui-tooling`, never
 *   in a release build) → dev for a module that no other variant's classpath has, in a lock that
 *   locks a release variant's runtime classpath (`releaseRuntimeClasspath`, `paidReleaseRuntimeClasspath`);
 * - tool configurations (`annotationProcessor` and every `…AnnotationProcessor…`
 *   (`hiltAnnotationProcessorDebug`), `kapt`, `ksp…`, `checkstyle`,
 *   `jacoco…`, `pmd`, `spotbugs…`, `detekt`, `ktlint`, `errorprone`, `lint…`,
 *   `classpath`, `sonarlint…`, the Kotlin
 *   Gradle plugin's own `kotlin…` configurations (compiler, compiler plugins,
 *   Native, klib commonizer, build tools, script definitions, BouncyCastle,
 *   ABI validation) and `swiftExport…`, the Android Gradle plugin's
 *   `android…` (`androidJacocoAnt`, `androidApis`; not a classpath: in Kotlin Multiplatform
 *   `android<Variant>RuntimeClasspath` is the Android target's, scoped as the variant's own), variant lint
 *   (`debugLintChecksClasspath`) and `…ReverseMetadataValues` ones,
 *   `composeMappingProducer…`, every plugin-internal configuration whose
 *   name starts with `_` (`_agp_internal_…`, `_internal_aapt2_binary`), `dokka…`,
 *   `spotless…`, `pitest`, Kover's coverage agent and reporter (`kover…`:
 *   `koverJvmAgent`, `koverJvmReporter`), the protobuf plugin's executables
 *   (`protobufToolsLocator_protoc`, `protobufToolsLocator_grpc`), the inputs of
 *   the JaCoCo report aggregation plugin's reports (`allCodeCoverageReport…`,
 *   `…CodeCoverageReportExecutionData`), animal-sniffer's tool and API
 *   signatures (`animalsniffer`, `signature`, `signatures`), PMD's type
 *   resolution classpath (`pmdAux`), the Scala plugin's compiler and compiler
 *   plugins (`zinc`, `scalaCompilerPlugins`), scoverage's (`scoverage…`),
 *   the old apt plugin's annotation processors (`apt`) and Fabric Loom's
 *   mappings and unpick definitions (`mappings`, `mappingsFinal`,
 *   `mappingsConstants`, `unpick`: what it remaps and unpicks Minecraft with), paperweight's
 *   (the Paper server a plugin compiles and runs its dev server against, `mojangMappedServer`
 *   and `mojangMappedServerRuntime`, which Paper provides and no plugin ships; its dev bundle
 *   `paperweightDevelopmentBundle`; the tools it sets Minecraft up with: `paramMappings`,
 *   `remapper`, `pluginRemapper`, `decompiler`, `javaSourceTransformer`, `mache…`) and
 *   kotlinx-benchmark's JMH generator classpath (`<target>BenchmarkGenerateCP`: the
 *   bytecode generator it runs on the compiled benchmarks), and the classpaths of the code
 *   generators and database tools a build runs (the swagger generator plugin's `swaggerCodegen`,
 *   `swaggerUI` and `swaggerTemplate`: the Swagger Codegen CLI, the Swagger UI webjar its docs are
 *   made from, its templates; nu.studer.jooq's `jooqGenerator` and jOOQ's own plugin's
 *   `jooqCodegen`: the jOOQ code generator and its JDBC driver; the Liquibase plugin's
 *   `liquibaseRuntime`: Liquibase, run to migrate a database; `flywayMigration`, the configuration
 *   Flyway's documentation has a build make and name in `flyway { configurations = […] }`, the
 *   classpath its tasks migrate a database with: AbstractFlywayTask's `configurations`), a copy of a
 *   classpath a plugin resolves for itself (`…ClasspathCopy`, Kotlin Multiplatform's
 *   `…CompileKlibrariesCopy`: Gradle's `Configuration.copy()` names), and the IntelliJ Platform Gradle
 *   plugin's (the IDE and the plugins a plugin for it compiles against and runs in, which the IDE
 *   provides: `intellijPlatformDependency`, `intellijPlatformBundledPlugins`,
 *   `intellijPlatformClasspath`, …, which it adds to compileOnly; its Java compiler, JFlex,
 *   Grammar-Kit, plugin verifier, Marketplace signer and JetBrains Runtime; not
 *   `intellijPlatformRuntimeClasspath`, the `runtimeClasspath` it ships, nor the modules
 *   `intellijPlatformPluginModule` and `intellijPlatformPluginComposedModule` compose into the
 *   plugin's jar), and the Quarkus plugin's build-time ones (`quarkusProdRuntimeClasspathConfigurationDeployment`:
 *   the extensions' deployment modules its build step runs to augment the application, which it
 *   does not package; `…Platform`: the enforced platforms; `…CompileOnlyConfiguration`; the older
 *   `quarkusDeploymentOnlyClasspath`; `quarkusPlatformProperties`;
 *   `quarkusBootstrapResolverConfiguration`; not `quarkusProdRuntimeClasspathConfiguration`, the
 *   runtime classpath it packages), and io.freefair.lombok's `lombok` (Lombok, which it adds to
 *   every source set's compileOnly and annotationProcessor and runs delombok with)) → build;
 * - `…CompileClasspath` / `compileOnly…` / Kotlin's `…DependenciesMetadata` /
 *   the protobuf plugin's import path (`compileProtoPath`,
 *   `testCompileProtoPath`) only (compiled against, not in any runtime
 *   classpath) → build;
 * - everything else (`runtimeClasspath`, custom configurations) → runtime.
 *
 * A module that the build's scripts take as a platform (see `declaredPlatforms`) has the purl of
 * its POM (`?type=pom`), as a Maven BOM has.
 *
 * @module
 */
import { VouchError } from "../../errors.ts";
import { OutputBuilder } from "../_builder.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import { posix } from "../../_path.ts";
import { isOutside } from "../_paths.ts";
import { TextCache } from "../_text_cache.ts";
import { parseToml } from "../_formats/toml.ts";
import { isRecord } from "../../_util.ts";
import type { Project, Scope } from "../types.ts";
import { gradleModuleId, mavenName, mavenPurl } from "./_maven.ts";
import {
  blocksOf,
  computedBuildFileNames,
  gradleRootIdentity,
  gradleScriptNames,
  namedLocks,
  scriptCode,
} from "./_gradle_script.ts";

const CODE = "inventory.gradle_lockfile.invalid";
const TOOLS =
  /^(annotationProcessor|kapt|ksp|checkstyle|jacoco\w*|pmd|spotbugs\w*|detekt\w*|ktlint\w*|errorprone\w*|lint\w*|classpath|buildScriptClasspath|embeddedKotlin|codenarc|jmh\w*|sonarlint\w*|signatures?|kotlin[A-Z]\w*|swiftExport\w*|android(?!\w*(?:Compile|Runtime)Classpath$)[A-Z]\w*|composeMappingProducer\w*|dokka\w*|spotless\w*|pitest|kover\w*|protobufToolsLocator_\w+|allCodeCoverageReport\w+|animalsniffer\w*|pmdAux|zinc|scalaCompilerPlugins|scoverage\w*|apt|mappings\w*|unpick|mojangMappedServer(?:Runtime)?|paperweightDevelopmentBundle|paramMappings|remapper|pluginRemapper|decompiler|javaSourceTransformer|mache(?:Codebook|Remapper|Decompiler|ParamMappings|Constants|Minecraft|MinecraftLibraries)?|swagger(?:Codegen|UI|Template)|jooqGenerator|jooqCodegen|liquibaseRuntime|flywayMigration|intellijPlatform(?!RuntimeClasspath|PluginModule|PluginComposedModule|ComposedJar)\w*|intellijPluginVerifier\w*|marketplaceZipSigner|jetbrainsRuntime\w*|quarkus\w*(?:Deployment|Platform|CompileOnlyConfiguration)|quarkusDeploymentOnlyClasspath|quarkusPlatformProperties|quarkusBootstrapResolverConfiguration|lombok)$|AnnotationProcessor|LintChecks\w*$|Jacoco\w*$|CodeCoverageReportExecutionData$|ReverseMetadataValues$|BenchmarkGenerateCP$|^_|^kapt\w+|^ksp\w+/;
/**
 * Compile-time only: compile classpaths, `compileOnly`, Kotlin's
 * `…DependenciesMetadata` (the metadata of shared source sets), the protobuf
 * plugin's `…ProtoPath` (the jars whose `.proto` files are imported).
 */
const COMPILE_ONLY =
  /CompileClasspath$|^compileClasspath$|^compileOnly|DependenciesMetadata$|^compileProtoPath$|CompileProtoPath$/;

/**
 * The configurations of what only development runs use (never shipped): Spring Boot's
 * `developmentOnly` and `testAndDevelopmentOnly`, Micronaut's `developmentOnly` and the classpath
 * of its `run` task, `developmentRuntimeClasspath` (runtimeClasspath plus developmentOnly).
 */
const DEVELOPMENT_ONLY = /^(?:developmentOnly|testAndDevelopmentOnly|developmentRuntimeClasspath)$/;

/**
 * Whether a lock locks Spring Boot's `productionRuntimeClasspath` (a module's configuration, or
 * one its `empty=` line names): Spring Boot makes runtimeClasspath extend `developmentOnly` and
 * ships productionRuntimeClasspath, so a `developmentOnly` module only productionRuntimeClasspath
 * lacks is in no build. Micronaut's runtimeClasspath does not extend its `developmentOnly`
 * (MicronautMinimalApplicationPlugin): there, what runtimeClasspath has is shipped.
 *
 * @param text The lock's text.
 * @param modules Its modules.
 * @returns Whether it locks productionRuntimeClasspath.
 */
function productionLocked(
  text: string,
  modules: readonly { configurations: readonly string[] }[],
): boolean {
  return /^empty=(?:.*,)?productionRuntimeClasspath\s*(?:,|$)/m.test(text) ||
    modules.some((m) => m.configurations.includes("productionRuntimeClasspath"));
}

/**
 * Compose Hot Reload's configurations: the agent, dev tools and runtime of the application's
 * hot-reload runs (`composeHotReloadAgent`, `composeHotReloadDevTools`, `composeHotReloadRuntime`,
 * `composeHotReloadDev…`), never in the packaged application.
 */
const HOT_RELOAD = /^composeHotReload[A-Z]\w*$/;

/**
 * The Quarkus plugin's dev mode configurations (`quarkusDev`, which `quarkusDev` runs the
 * application with, and `quarkusDevBaseRuntimeClasspathConfiguration`,
 * `quarkusDevRuntimeClasspathConfiguration…`: ApplicationDeploymentClasspathBuilder's for
 * LaunchMode.DEVELOPMENT), never in the built application.
 */
const QUARKUS_DEV = /^quarkusDev(?:[A-Z]\w*)?$/;

/**
 * The Gatling plugin's configurations (io.gatling.gradle GatlingPlugin: the `gatling` source set
 * of load-test simulations, `src/gatling`, which `gatlingRun` runs against the application and
 * `gatlingEnterprisePackage` packs as a `tests` jar; `gatling`, Gatling itself, which
 * `gatlingImplementation` extends; `gatlingCompileClasspath`, `gatlingRuntimeClasspath`): tests,
 * never in the application.
 */
const GATLING = /^gatling(?:[A-Z]\w*)?$/;

/**
 * A copy of a classpath a plugin makes to resolve for a task of its own (Gradle's
 * `Configuration.copy()` / `copyRecursive()` names it `<name>Copy`, then `Copy2`…:
 * DefaultConfiguration.getNameWithCopySuffix), such as the Kotlin Multiplatform native
 * compilations' `iosArm64CompileKlibrariesCopy` or Spring's dependency-management plugin's
 * copies: what it resolves is the original's, which the lock lists under its own name with the
 * scope of what it is; a module only the copy has (one the plugin changed it to resolve) is that
 * plugin's, build.
 */
const CONFIGURATION_COPY = /(?:Classpath|Klibraries|DependenciesMetadata)Copy\d*$/;

/**
 * The Android Gradle plugin's classpaths of a variant of the `debug` build type
 * (`debugRuntimeClasspath`, `freeDebugCompileClasspath`), which `debugImplementation` feeds; its
 * tests' (`debugUnitTestRuntimeClasspath`) are test configurations.
 */
const DEBUG_VARIANT = /^(?:debug|[a-z]\w*Debug)(?:Compile|Runtime)Classpath$/;

/** The runtime classpath of an Android variant of a release build type (`releaseRuntimeClasspath`). */
const RELEASE_RUNTIME = /^(?:release|[a-z]\w*Release)RuntimeClasspath$/;

/** A variant's (or a source set's) classpath: `releaseRuntimeClasspath`, `compileClasspath`. */
const CLASSPATH = /(?:^c|C)ompileClasspath$|(?:^r|R)untimeClasspath$/;

/** One locked module and the configurations that resolve it. */
export interface LockedModule {
  /** The group. */
  group: string;
  /** The module name. */
  name: string;
  /** The version, as written. */
  version: string;
  /** The configurations, as written. */
  configurations: string[];
  /** The 1-based line. */
  line: number;
}

function invalid(path: string, line: number, what: string): VouchError {
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `regenerate ${path} with \`gradle dependencies --write-locks\``,
  );
}

/**
 * Whether a lock file locks the build's own classpath: a buildscript or
 * settings lock, a lock of `buildSrc`, or (with `load`) a lock of a build
 * that a settings script above it includes for its plugins.
 */
function isBuildLock(path: string, load?: Load): boolean {
  const file = path.slice(path.lastIndexOf("/") + 1);
  // buildSrc is the build's own logic: Gradle puts what it resolves on the build scripts' classpath.
  return /^(buildscript|settings)-gradle\.lockfile$/.test(file) ||
    path.split("/").slice(0, -1).includes("buildSrc") ||
    // Gradle names a script's legacy per-configuration locks with the script's prefix.
    (path.includes("dependency-locks/") && /^(buildscript|settings)-/.test(file)) ||
    (load !== undefined && inPluginBuild(path, load));
}

/**
 * The builds a settings script includes for their plugins
 * (`pluginManagement { includeBuild("build-logic") }`): build logic, whose
 * dependencies are the build's classpath. Folders relative to the script's. Comments and strings
 * are not code (a brace in either does not end the block; a commented-out include is none).
 *
 * @param settings The text of `settings.gradle` or `settings.gradle.kts`.
 * @param kotlin Whether it is `settings.gradle.kts`.
 * @returns The folders, normalised, inside the script's folder.
 */
export function pluginBuilds(settings: string, kotlin: boolean): readonly string[] {
  return PLUGIN_BUILDS[kotlin ? 1 : 0].get(settings, () => {
    const { said, code } = scriptCode(settings, kotlin);
    const blocks = blocksOf(code);
    return includes(said, (offset) => blocks(offset).includes("pluginManagement"));
  });
}

/**
 * What {@linkcode pluginBuilds} found in each settings script (Groovy's, Kotlin's), by its text:
 * each lock below it asks (300 locks parsed a 300-project script 600 times, 0.8 s).
 */
const PLUGIN_BUILDS = [new TextCache<readonly string[]>(16), new TextCache<readonly string[]>(16)];

/**
 * Every build a settings script includes (`includeBuild("build-logic")`, for its plugins or
 * as a composite build's part): the builds Gradle resolves, and verifies, with it. A
 * commented-out include is none.
 *
 * @param settings The text of `settings.gradle` or `settings.gradle.kts`.
 * @param kotlin Whether it is `settings.gradle.kts`.
 * @returns The folders, normalised, inside the script's folder.
 */
export function includedBuilds(settings: string, kotlin: boolean): string[] {
  return includes(scriptCode(settings, kotlin).said, () => true);
}

/**
 * The folders a settings script's text (comments blanked) includes as builds, where `at` (the
 * include's offset) says it counts.
 */
function includes(said: string, at: (offset: number) => boolean): string[] {
  const out: string[] = [];
  for (const include of said.matchAll(/\bincludeBuild\s*\(?\s*["']([^"'\n]+)["']/g)) {
    if (!at(include.index)) continue;
    const folder = posix.normalize(include[1]).replace(/\/$/, "");
    if (folder !== "." && !isOutside(folder)) out.push(folder);
  }
  return out;
}

/** Whether a lock file is in a build that a settings script above it includes for its plugins. */
function inPluginBuild(path: string, load: Load): boolean {
  const folders = path.split("/").slice(0, -1);
  for (let n = folders.length - 1; n >= 0; n--) {
    const base = folders.slice(0, n).join("/");
    const at = (file: string): string => (base === "" ? file : `${base}/${file}`);
    const groovy = load(at("settings.gradle"));
    const settings = groovy ?? load(at("settings.gradle.kts"));
    if (settings === undefined) continue;
    const rest = folders.slice(n).join("/");
    if (
      pluginBuilds(settings, groovy === undefined).some((b) =>
        rest === b || rest.startsWith(`${b}/`)
      )
    ) return true;
  }
  return false;
}

/** The configuration of a legacy per-configuration lock file (`<configuration>.lockfile`). */
function legacyConfiguration(path: string): string | undefined {
  const file = path.slice(path.lastIndexOf("/") + 1);
  const folder = path.slice(0, path.lastIndexOf("/"));
  if (!folder.endsWith("dependency-locks") || file === "gradle.lockfile") return undefined;
  return file.replace(/^(buildscript|settings)-/, "").replace(/\.lockfile$/, "");
}

/**
 * A version catalog's configuration: Gradle resolves the catalog a settings script imports
 * (`versionCatalogs { create("libs") { from("g:a:1.0") } }`) in `incomingCatalogFor<Name>0`
 * (DefaultVersionCatalogBuilder's createResolvableConfiguration: locked, attributes
 * Category=platform, Usage=version-catalog), and the version-catalog plugin publishes one
 * artifact, the TOML file its generateCatalogAsToml task writes (VersionCatalogPlugin's
 * `versionCatalogElements`): `<name>-<version>.toml`, no jar.
 */
const CATALOG_CONFIGURATION = /^incomingCatalogFor/;

/**
 * The purl-spec `maven` type qualifier of a locked module: `toml` for a version catalog (locked
 * in catalog configurations only), else none (a jar).
 *
 * @param configurations The configurations that lock it.
 * @returns `toml`, or `undefined`.
 */
function lockedType(configurations: readonly string[]): "toml" | undefined {
  return configurations.every((c) => CATALOG_CONFIGURATION.test(c)) ? "toml" : undefined;
}

/** A platform a script names literally: `platform("g:a:1.0")`, `enforcedPlatform('g:a')`. */
const LITERAL_PLATFORM =
  /\b(?:enforcedPlatform|platform)\s*\(\s*["']([^"'$:\s]+):([^"'$:\s]+)(?::[^"'\n]*)?["']/g;
/** A platform a script names through a version catalog: `platform(libs.spring.boot.bom)`. */
const CATALOG_PLATFORM =
  /\b(?:enforcedPlatform|platform)\s*\(\s*([A-Za-z_]\w*)((?:\.[A-Za-z_]\w*)+?)(?:\.get\(\s*\))?\s*\)/g;
/**
 * A platform a Kotlin script names with the Kotlin DSL's `kotlin(…)`: `platform(kotlin("bom"))`
 * is `org.jetbrains.kotlin:kotlin-bom`.
 */
const KOTLIN_PLATFORM = /\b(?:enforcedPlatform|platform)\s*\(\s*kotlin\s*\(\s*"([\w.-]+)"/g;
/** The platforms a script names: literal `group:name`s, and catalog accessors (`libs`, `a.b`). */
interface PlatformsNamed {
  literal: string[];
  catalog: [string, string][];
}
/** The folders a walk for convention plugins skips: outputs and caches. */
const WALK_SKIPS = new Set(["build", ".gradle", "out", "node_modules", ".git"]);
/** The most files a walk of a plugin build reads: its convention scripts are few. */
const MAX_WALKED = 2000;

/**
 * The modules (`group:name`) the build's scripts declare as platforms, each with the files that
 * say so: `platform(…)` or `enforcedPlatform(…)` of a literal coordinate, or of a version
 * catalog's library (`platform(libs.spring.boot.bom)`: the default `libs` of
 * `gradle/libs.versions.toml`, or a catalog the settings script creates `from(files(…))`). A
 * platform is a POM (Gradle's platform() takes the module's `platform` variant, whose artifact
 * is the POM; no jar), locked as any module. The scripts looked into are those of the lock's
 * folder and of each folder above it to the build's root (`subprojects { }`), and the
 * convention plugins of `buildSrc` and of the builds the settings script includes for its
 * plugins; they are peeked at, and the inventory reads those that name a module the lock has.
 */
export function declaredPlatforms(
  path: string,
  options: {
    load?: Load;
    peek?: Load;
    list?: (folder: string) => string[] | undefined;
    files?: (folder: string) => string[] | undefined;
    memo?: Map<string, unknown>;
  },
): Map<string, string[]> {
  const folder = posix.dirname(path);
  const key = `gradle_lockfile:platforms:${folder}`;
  const known = options.memo?.get(key) as Map<string, string[]> | undefined;
  if (known !== undefined) return known;
  const look = options.peek ?? options.load;
  const out = new Map<string, string[]>();
  if (look === undefined) return out;
  const settings = settingsAbove(path, look);
  const root = settings === undefined ? "" : posix.dirname(settings.path).replace(/^\.$/, "");
  const at = (base: string, file: string): string => (base === "" ? file : `${base}/${file}`);
  const scripts: string[] = [];
  const parts = folder === "." ? [] : folder.split("/");
  for (let n = parts.length; n >= 0; n--) {
    const base = parts.slice(0, n).join("/");
    for (const name of gradleScriptNames("build")) scripts.push(at(base, name));
    if (base === root) break;
  }
  // Convention plugins: buildSrc's and the plugin builds' precompiled script plugins, walked
  // once per build.
  const conventionsKey = `gradle_lockfile:conventions:${root}`;
  let conventions = options.memo?.get(conventionsKey) as string[] | undefined;
  if (conventions === undefined) {
    conventions = [];
    let walked = 0;
    const walk = (dir: string): void => {
      for (const file of options.files?.(dir) ?? []) {
        if (++walked > MAX_WALKED) return;
        if (/\.gradle(?:\.kts)?$/.test(file)) conventions!.push(at(dir, file));
      }
      for (const sub of options.list?.(dir) ?? []) {
        if (!WALK_SKIPS.has(sub) && walked <= MAX_WALKED) walk(at(dir, sub));
      }
    };
    const plugins = settings === undefined
      ? []
      : pluginBuilds(settings.text, settings.path.endsWith(".kts"));
    for (const dir of ["buildSrc", ...plugins]) walk(at(root, dir));
    options.memo?.set(conventionsKey, conventions);
  }
  scripts.push(...conventions);
  // The catalogs by name: `libs` is gradle/libs.versions.toml unless the settings script says.
  const catalogs = new Map<string, string>([["libs", at(root, "gradle/libs.versions.toml")]]);
  const created =
    /(?:\bcreate\s*\(\s*["'](\w+)["']\s*\)|\b(\w+))\s*\{\s*from\s*\(?\s*files\s*\(\s*["']([^"'\n]+)["']/g;
  const said = settings === undefined
    ? ""
    : scriptCode(settings.text, settings.path.endsWith(".kts")).said;
  for (const m of said.matchAll(created)) {
    const file = posix.normalize(at(root, m[3]));
    if (!isOutside(file)) catalogs.set(m[1] ?? m[2], file);
  }
  const libraries = new Map<string, Map<string, string> | undefined>();
  const libraryOf = (catalog: string, accessor: string): string | undefined => {
    const file = catalogs.get(catalog);
    if (file === undefined) return undefined;
    if (!libraries.has(file)) libraries.set(file, catalogLibraries(file, look));
    return libraries.get(file)?.get(accessor);
  };
  const add = (module: string, files: string[]): void => {
    const list = out.get(module) ?? [];
    for (const f of files) if (!list.includes(f)) list.push(f);
    out.set(module, list);
  };
  for (const script of new Set(scripts)) {
    // What each script names, found once per reading of the tree.
    const found = `gradle_lockfile:platformsIn:${script}`;
    let named = options.memo?.get(found) as PlatformsNamed | undefined;
    if (named === undefined) {
      named = { literal: [], catalog: [] };
      const text = look(script);
      if (text !== undefined && /platform\s*\(/i.test(text)) {
        const { said } = scriptCode(text, script.endsWith(".kts"));
        for (const m of said.matchAll(LITERAL_PLATFORM)) named.literal.push(`${m[1]}:${m[2]}`);
        if (script.endsWith(".kts")) {
          for (const m of said.matchAll(KOTLIN_PLATFORM)) {
            named.literal.push(`org.jetbrains.kotlin:kotlin-${m[1]}`);
          }
        }
        for (const m of said.matchAll(CATALOG_PLATFORM)) named.catalog.push([m[1], m[2].slice(1)]);
      }
      options.memo?.set(found, named);
    }
    for (const module of named.literal) add(module, [script]);
    for (const [catalog, accessor] of named.catalog) {
      const module = libraryOf(catalog, accessor);
      if (module !== undefined) add(module, [script, catalogs.get(catalog)!]);
    }
  }
  // Kept once complete: a catalog may need the TOML parser loaded, and the lock read again.
  options.memo?.set(key, out);
  return out;
}

/**
 * A version catalog's libraries, `group:name` by accessor (the alias with `-` and `_` as `.`, as
 * Gradle makes them: `spring-boot-bom` is `libs.spring.boot.bom`); `undefined` when the file is
 * not there or no TOML.
 */
function catalogLibraries(file: string, look: Load): Map<string, string> | undefined {
  const text = look(file);
  if (text === undefined) return undefined;
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text, file, CODE);
  } catch (error) {
    if (error instanceof VouchError) return undefined;
    throw error;
  }
  const out = new Map<string, string>();
  const libraries = isRecord(toml.libraries) ? toml.libraries : {};
  for (const [alias, value] of Object.entries(libraries)) {
    let module: string | undefined;
    if (typeof value === "string") module = value.split(":").slice(0, 2).join(":");
    else if (isRecord(value) && typeof value.module === "string") module = value.module;
    else if (isRecord(value) && typeof value.group === "string" && typeof value.name === "string") {
      module = `${value.group}:${value.name}`;
    }
    if (module !== undefined && /^[^:\s]+:[^:\s]+$/.test(module.trim())) {
      out.set(alias.replace(/[-_]/g, "."), module.trim());
    }
  }
  return out;
}

/** A list of configurations as Gradle writes it: names without spaces, one comma between. */
const PLAIN_LIST = /^[^\s,]+(?:,[^\s,]+)*$/;

/**
 * Parses the lines of a Gradle lock file (no mapping).
 *
 * @param text The file's text.
 * @param path Its path, for messages; a legacy per-configuration file takes its
 *   configuration from the file name.
 * @returns The locked modules, in file order.
 * @throws {VouchError} `inventory.gradle_lockfile.invalid` for a malformed or
 *   repeated line, a second `empty=` line, or none in a lock that is not a legacy one.
 */
export function parseGradleLockfile(text: string, path: string): LockedModule[] {
  const legacy = legacyConfiguration(path);
  const modules: LockedModule[] = [];
  const seen = new Map<string, number>();
  let empty = 0;
  // Line ends as Java's readLine takes them (Gradle reads the file so): LF, CRLF or a CR alone.
  const lines = text.split(/\r\n?|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    const at = i + 1;
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    if (line.startsWith("empty=")) {
      if (empty !== 0) throw invalid(path, at, `a second empty= line (the first is line ${empty})`);
      empty = at;
      continue;
    }
    const coordinates = eq === -1 ? line : line.slice(0, eq);
    const parts = coordinates.split(":");
    // An empty group is a module with none (an Ivy or flat-dir module: `:name:1.0=…`).
    // No part holds a space, nor is empty but the group.
    if (parts.length !== 3 || parts[1] === "" || parts[2] === "" || /\s/.test(coordinates)) {
      throw invalid(
        path,
        at,
        `expected group:name:version=configurations, found ${JSON.stringify(line)}`,
      );
    }
    let configurations: string[];
    if (eq === -1) {
      if (legacy === undefined) {
        throw invalid(path, at, `${coordinates} names no configuration (expected =configurations)`);
      }
      configurations = [legacy];
    } else {
      const list = line.slice(eq + 1);
      // Gradle writes `a,b,c`: split as it is, or else each name trimmed and the empty ones left.
      configurations = PLAIN_LIST.test(list)
        ? list.split(",")
        : list.split(",").map((c) => c.trim()).filter((c) => c !== "");
      if (configurations.length === 0) {
        throw invalid(path, at, `${coordinates} names no configuration after =`);
      }
    }
    const first = seen.get(coordinates);
    if (first !== undefined) {
      throw invalid(path, at, `${coordinates} is locked twice (also on line ${first})`);
    }
    seen.set(coordinates, at);
    const [group, name, version] = parts;
    modules.push({ group, name, version, configurations, line: at });
  }
  // Gradle 6+ writes a lock of all configurations (LockFileReaderWriter.writeUniqueLockfile) as
  // its header, the modules and always, last, `empty=<configurations>` (deleting a lock it
  // would leave empty): one without it is cut short, though Gradle would read what is left. A
  // legacy per-configuration lock has no such line.
  if (legacy === undefined && empty === 0) {
    const last = lines.findLastIndex((l) => l.trim() !== "") + 1;
    throw invalid(
      path,
      Math.max(last, 1),
      "no last empty= line: the file is cut short (Gradle ends every lock it writes with one)",
    );
  }
  return modules;
}

/**
 * Whether a lock locks the runtime classpath of an Android variant of a release build type
 * (`releaseRuntimeClasspath`, `paidReleaseRuntimeClasspath`): then what only the debug variants'
 * classpaths have is in no release build.
 */
function releaseLocked(modules: readonly { configurations: readonly string[] }[]): boolean {
  return modules.some((m) => m.configurations.some((c) => RELEASE_RUNTIME.test(c)));
}

/**
 * The scopes of a module from its configurations (see the module notes).
 *
 * @param configurations The configurations that resolve it.
 * @param buildLock Whether the lock is a buildscript or settings lock.
 * @param releaseLocked Whether the lock locks an Android release variant's runtime classpath
 *   (see `releaseLocked`), against which a debug variant's module is debug-only.
 * @param springBoot Whether the lock is a Spring Boot project's (see `productionLocked`), whose
 *   runtimeClasspath has what only `developmentOnly` brings.
 * @returns The scopes, never empty.
 */
export function gradleScopes(
  configurations: readonly string[],
  buildLock: boolean,
  releaseLocked = false,
  springBoot = true,
): Scope[] {
  if (buildLock) return ["build"];
  const scopes = new Set<Scope>();
  let compileOnly = false;
  // Spring Boot: runtimeClasspath = productionRuntimeClasspath + developmentOnly.
  const developmentOnly = springBoot && configurations.some((c) => DEVELOPMENT_ONLY.test(c)) &&
    !configurations.includes("productionRuntimeClasspath");
  // Android: only the debug variants have it (`debugImplementation`), none a release build has.
  const debugOnly = releaseLocked && configurations.some((c) => DEBUG_VARIANT.test(c)) &&
    !configurations.some((c) => CLASSPATH.test(c) && !DEBUG_VARIANT.test(c) && !/Test/.test(c));
  for (const conf of configurations) {
    const dev = /^test|Test/.test(conf) || DEVELOPMENT_ONLY.test(conf) || HOT_RELOAD.test(conf) ||
      QUARKUS_DEV.test(conf) || conf === "mockitoAgent" || GATLING.test(conf);
    if (dev) scopes.add("dev");
    else if (debugOnly && DEBUG_VARIANT.test(conf)) scopes.add("dev");
    else if (developmentOnly && conf === "runtimeClasspath") continue;
    else if (CONFIGURATION_COPY.test(conf)) {
      // Resolved with its original, the copy is what that is; alone, a plugin's own resolution.
      if (!configurations.includes(conf.replace(/Copy\d*$/, ""))) scopes.add("build");
    } else if (TOOLS.test(conf)) scopes.add("build");
    else if (COMPILE_ONLY.test(conf)) compileOnly = true;
    else scopes.add("runtime");
  }
  if (compileOnly && !scopes.has("runtime")) scopes.add("build");
  return [...scopes];
}

/**
 * Reads a Gradle lock file.
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root;
 *   `load`: reads the settings scripts above it (for builds included for their plugins);
 *   `namedBy`: the build script that names it (`dependencyLocking { lockFile = file("…") }`),
 *   read with `load`: a lock it names in its `buildscript { }` block, or a script of build logic
 *   (`buildSrc`, a build included for its plugins) names, is build scope;
 *   `files`: lists a folder's files, for the other per-configuration locks beside a legacy one
 *   (without it, a legacy lock's scopes are those of its own configuration); `memo`: keeps
 *   those scopes for the folder's other locks, and the build's root project;
 *   `peek`: reads the settings and root build scripts of the build at the tree's root without
 *   counting them read, to name its root project from a subproject's lock (`rootProject`).
 * @returns The components (no members, no edges).
 * @throws {VouchError} `inventory.gradle_lockfile.invalid` as {@linkcode parseGradleLockfile},
 *   also for a malformed lock beside a legacy one.
 */
export function readGradleLockfile(
  text: string,
  options: {
    path: string;
    load?: Load;
    files?: (folder: string) => string[] | undefined;
    memo?: Map<string, unknown>;
    namedBy?: string;
    peek?: Load;
    list?: (folder: string) => string[] | undefined;
  },
): ReaderResult {
  const { path, load, files, list, memo, namedBy, peek } = options;
  const script = namedBy === undefined ? undefined : load?.(namedBy);
  // A named lock is its script's: build logic's (buildSrc's, a plugin build's) or the lock of
  // the script's own classpath is build scope, wherever it lies.
  const buildLock = script === undefined ? isBuildLock(path, load) : isBuildLock(namedBy!, load) ||
    namedLocks(script, namedBy!, load!).some((l) => l.path === path && l.buildscript);
  // A legacy per-configuration lock: a module's scopes come from every configuration of the
  // folder's locks that lists it (compiled against and also run is runtime, not build),
  // derived once per folder and reading.
  const folder = posix.dirname(path);
  const key = `gradle_lockfile:${folder}/`;
  const siblings = legacyConfiguration(path) === undefined || buildLock || load === undefined
    ? undefined
    : memo?.get(key) as Map<string, Set<Scope>> | undefined ?? lockedScopes(
      (files?.(folder) ?? [])
        .filter((f) => f.endsWith(".lockfile") && f !== "gradle.lockfile")
        .map((f) => `${folder}/${f}`)
        .filter((p) => p === path || !isBuildLock(p))
        .map((p) => ({ path: p, text: p === path ? text : load(p) ?? "" })),
    );
  if (siblings !== undefined) memo?.set(key, siblings);
  const out = new OutputBuilder();
  const modules = parseGradleLockfile(text, path);
  const release = releaseLocked(modules);
  const springBoot = productionLocked(text, modules);
  const platforms = declaredPlatforms(namedBy ?? path, { load, peek, list, files, memo });
  // Most modules share their configurations with others: their type and scopes are found once.
  const kinds = new Map<string, { type?: "toml"; scopes?: Scope[] }>();
  for (const m of modules) {
    const configurations = m.configurations.join(",");
    let kind = kinds.get(configurations);
    if (kind === undefined) {
      kinds.set(configurations, kind = { type: lockedType(m.configurations) });
    }
    let type: string | undefined = kind.type;
    const declaring = type === undefined ? platforms.get(`${m.group}:${m.name}`) : undefined;
    if (declaring !== undefined) {
      // A platform's artifact is its POM, as a Maven BOM's purl has it.
      type = "pom";
      for (const file of declaring) load?.(file);
    }
    const id = gradleModuleId({
      groupId: m.group,
      artifactId: m.name,
      version: m.version,
      type,
    });
    const { purl, ecosystem, name } = id;
    const folderScopes = siblings?.get(purl);
    out.component({
      purl,
      ecosystem,
      name,
      version: id.version,
      scopes: folderScopes !== undefined
        ? [...folderScopes]
        : [...kind.scopes ??= gradleScopes(m.configurations, buildLock, release, springBoot)],
      groups: m.configurations,
      sources: [path],
    });
  }
  const result: ReaderResult = out.build();
  const settings = peek === undefined ? undefined : settingsAbove(namedBy ?? path, peek);
  const computed = settings === undefined
    ? []
    : computedBuildFileNames(settings.text, settings.path.endsWith(".kts"));
  if (computed.length > 0) {
    result.warnings = computed.map((line) =>
      `${settings!.path}:${line}: a project's buildFileName is computed: vouch cannot tell which ` +
      "build script Gradle runs for it, so the locks that script names and, for the root " +
      "project, its group and version are not read"
    );
  }
  const warnings: string[] = [];
  const project = folder === "." || folder === "gradle/dependency-locks"
    ? gradleRootProject(load, peek, warnings)
    : undefined;
  if (warnings.length > 0) result.warnings = [...result.warnings ?? [], ...warnings];
  if (project !== undefined) result.project = project;
  else if (settings?.path.includes("/") === false) {
    // A subproject's lock: the root project is the build's, named by its settings script,
    // which is peeked at, not read (a root script no lock resolves stays unread).
    const key = "gradle_lockfile:rootProject";
    const root = memo?.has(key) ? memo.get(key) as Project | undefined : gradleRootProject(peek);
    memo?.set(key, root);
    if (root !== undefined) result.rootProject = root;
  }
  return result;
}

/**
 * The settings script of the build a file is of: the nearest at or above its folder (a
 * settings script makes a build of its own), Groovy first as Gradle takes it.
 */
function settingsAbove(path: string, peek: Load): { path: string; text: string } | undefined {
  const folders = path.split("/").slice(0, -1);
  for (let n = folders.length; n >= 0; n--) {
    const base = folders.slice(0, n).join("/");
    for (const file of gradleScriptNames("settings")) {
      const at = base === "" ? file : `${base}/${file}`;
      const text = peek(at);
      if (text !== undefined) return { path: at, text };
    }
  }
  return undefined;
}

/**
 * The root project of a Gradle build, as its root lock's reader (and its verification metadata's)
 * names it: `rootProject.name` of
 * the settings script, `groupId:name` with the build's literal `group`, and the build's literal
 * `version` (see {@linkcode gradleRootIdentity}); `undefined` when the settings script names none
 * (the tree's folder then names it).
 *
 * @param load Reads the build's files (`undefined`: none can be read).
 * @param peek Reads a file without counting it read: the subprojects' scripts looked into (see
 *   {@linkcode gradleRootIdentity}).
 * @param warnings Gets the warnings of a group or version subprojects set that vouch cannot tell,
 *   when the settings script names the root project (unnamed, it has neither).
 * @returns The root project, or `undefined`.
 */
export function gradleRootProject(
  load: Load | undefined,
  peek: Load | undefined = load,
  warnings: string[] = [],
): Project | undefined {
  const identity = load === undefined ? {} : gradleRootIdentity(load, peek);
  const { name, group, version } = identity;
  // Unnamed, the root project is the tree's folder, without the build's group and version: what
  // vouch cannot tell of them (a subproject's script it cannot find or read) changes nothing.
  if (name === undefined) return undefined;
  warnings.push(...identity.warnings ?? []);
  if (group === undefined) return { name, ...version === undefined ? {} : { version } };
  const coordinates = { groupId: group, artifactId: name, version };
  return {
    name: mavenName(coordinates),
    purl: mavenPurl(coordinates),
    ...version === undefined ? {} : { version },
  };
}

/**
 * The scopes that the lock files of a build give each `pkg:maven` purl.
 *
 * @param locks The lock files: path, text, and whether it locks build logic
 *   (a build included for its plugins), which its path does not tell.
 * @returns Scopes by purl (configurations of every lock unioned).
 * @throws {VouchError} As {@linkcode parseGradleLockfile}.
 */
export function lockedScopes(
  locks: { path: string; text: string; build?: boolean }[],
  platforms?: (lock: string) => ReadonlyMap<string, readonly string[]>,
): Map<string, Set<Scope>> {
  // The configurations of each module by lock; the legacy per-configuration files of one folder
  // are one lock, as one gradle.lockfile lists every configuration of a module on one line.
  const byLock = new Map<
    string,
    { buildLock: boolean; springBoot: boolean; modules: Map<string, string[]> }
  >();
  for (const { path, text, build } of locks) {
    const buildLock = build === true || isBuildLock(path);
    const legacy = legacyConfiguration(path);
    const key = legacy === undefined ? path : `${posix.dirname(path)}/${buildLock ? "build" : ""}`;
    const lock = byLock.get(key) ?? { buildLock, springBoot: false, modules: new Map() };
    byLock.set(key, lock);
    const parsed = parseGradleLockfile(text, path);
    // A legacy lock of productionRuntimeClasspath, even an empty one, is a Spring Boot project's.
    lock.springBoot ||= legacy === "productionRuntimeClasspath" || productionLocked(text, parsed);
    const declared = platforms?.(path);
    for (const m of parsed) {
      const { purl } = gradleModuleId({
        groupId: m.group,
        artifactId: m.name,
        version: m.version,
        type: lockedType(m.configurations) ??
          (declared?.has(`${m.group}:${m.name}`) ? "pom" : undefined),
      });
      lock.modules.set(purl, [...(lock.modules.get(purl) ?? []), ...m.configurations]);
    }
  }
  const out = new Map<string, Set<Scope>>();
  for (const { buildLock, springBoot, modules } of byLock.values()) {
    const release = releaseLocked(
      [...modules.values()].map((configurations) => ({ configurations })),
    );
    for (const [purl, configurations] of modules) {
      const scopes = out.get(purl) ?? new Set();
      for (const s of gradleScopes(configurations, buildLock, release, springBoot)) scopes.add(s);
      out.set(purl, scopes);
    }
  }
  return out;
}
