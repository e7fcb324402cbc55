// Private: what the Maven and Gradle readers share: the `pkg:maven` purl and
// the component name (`groupId:artifactId`, as Maven writes coordinates), and
// the purl of a Gradle module, which may have no group.
import { formatPurl } from "../purl.ts";

/** Maven coordinates of one artifact. */
export interface MavenCoordinates {
  /** The group id (purl namespace). */
  groupId: string;
  /** The artifact id (purl name). */
  artifactId: string;
  /** The exact version, when known. */
  version?: string;
  /** The artifact type; `jar` (the default) is left out of the purl. */
  type?: string;
  /** The classifier. */
  classifier?: string;
}

/**
 * Builds a `pkg:maven` purl (purl-spec `maven` type: case kept, `type`
 * qualifier only when not `jar`).
 *
 * @param c The coordinates.
 * @returns The purl.
 */
export function mavenPurl(c: MavenCoordinates): string {
  return formatPurl({
    type: "maven",
    namespace: c.groupId,
    name: c.artifactId,
    version: c.version,
    qualifiers: { classifier: c.classifier, type: c.type === "jar" ? undefined : c.type },
  });
}

/**
 * The component name of a Maven artifact: `groupId:artifactId`.
 *
 * @param c The coordinates.
 * @returns The name.
 */
export function mavenName(c: MavenCoordinates): string {
  return `${c.groupId}:${c.artifactId}`;
}

/** The purl, ecosystem and component name of a module Gradle resolved. */
export interface GradleModuleId {
  /** `pkg:maven/…`, or `pkg:generic/…` for a module without a group or a tool's archive. */
  purl: string;
  /** `maven` or `generic`. */
  ecosystem: "maven" | "generic";
  /** `group:name`, or the name alone for a `pkg:generic` one. */
  name: string;
  /** The version the purl names: a tool's without the platform its revision has (see {@linkcode gradleModuleId}). */
  version?: string;
}

/**
 * The purl of a module Gradle resolved (a lock line, a verified component):
 * `pkg:maven`, or for a module without a group (an Ivy or flat-dir module such
 * as the Kotlin/Native distribution, which Gradle writes with an empty group:
 * no Maven coordinate, as the purl-spec `maven` type needs the group as its
 * namespace) and for a tool's release archive the Kotlin Gradle plugin downloads
 * under Ivy coordinates (`org.nodejs:node`, see `isToolDistribution`), and for the parts of a
 * local IntelliJ Platform the IntelliJ Platform Gradle plugin names under Ivy coordinates of its
 * own (see `INTELLIJ_PLATFORM_IVY_GROUPS`) and the IDEs and JetBrains Runtimes it downloads from
 * Ivy repositories (see `INTELLIJ_PLATFORM_IVY_MODULES`), `pkg:generic/<name>@<version>`.
 *
 * @param c The coordinates, `groupId` possibly empty.
 * @returns The purl, ecosystem and component name.
 */
export function gradleModuleId(c: MavenCoordinates): GradleModuleId {
  if (
    c.groupId === "" || isToolDistribution(c) || INTELLIJ_PLATFORM_IVY_GROUPS.has(c.groupId) ||
    INTELLIJ_PLATFORM_IVY_MODULES.has(mavenName(c))
  ) {
    // D8's revision names its platform (`linux64-rel-11.9.85`, the Kotlin Gradle plugin's
    // `google.d8:v8:<platform>-rel-<version>`): each platform's archive is a distribution of
    // that version.
    const version = mavenName(c) === "google.d8:v8"
      ? c.version?.replace(/^[\w-]+?-rel-(?=\d)/, "")
      : c.version;
    return {
      purl: formatPurl({ type: "generic", name: c.artifactId, version }),
      ecosystem: "generic",
      name: c.artifactId,
      ...version === undefined ? {} : { version },
    };
  }
  return {
    purl: mavenPurl(c),
    ecosystem: "maven",
    name: mavenName(c),
    ...c.version === undefined ? {} : { version: c.version },
  };
}

/**
 * The groups of the Ivy modules the IntelliJ Platform Gradle plugin writes to its local Ivy
 * repository for the IDE it extracted or was given (`bundledPlugin:com.intellij.java:IU-262.7132.23`,
 * `bundledModule:…`: the IDE's bundled plugins and modules; `localIde`, `localPlugin`,
 * `localJetBrainsRuntime`: local installations; Constants.Configurations.Dependencies): parts of
 * an IDE's distribution, no Maven repository's.
 */
const INTELLIJ_PLATFORM_IVY_GROUPS = new Set([
  "bundledPlugin",
  "bundledModule",
  "localIde",
  "localPlugin",
  "localJetBrainsRuntime",
]);

/**
 * The Ivy modules the IntelliJ Platform Gradle plugin downloads from the repositories it declares
 * as Ivy ones, whose content it restricts to them (IntelliJPlatformRepositoriesExtension):
 * `jetbrainsRuntime()`, the JetBrains Runtime archives of cache-redirector's intellij-jbr
 * (`com.jetbrains:jbr`, pattern `[revision].tar.gz`: the revision is the archive's name,
 * `jbr_jcef-21.0.4-linux-x64-b598.4`), and `jetbrainsIdeInstallers()` /
 * `androidStudioInstallers()`, the IDEs' release archives of download.jetbrains.com and Android
 * Studio's (IntelliJPlatformType's `installer` coordinates: `idea:ideaIC`, `idea:idea`,
 * `python:pycharm-community`, `webide:PhpStorm`, …): an IDE's distribution, no Maven artifact (its
 * Maven ones are `com.jetbrains.intellij.idea:ideaIC` and the like).
 */
const INTELLIJ_PLATFORM_IVY_MODULES = new Set([
  "com.jetbrains:jbr",
  "com.google.android.studio:android-studio",
  "aqua:aqua",
  "cpp:CLion",
  "datagrip:datagrip",
  "python:dataspell",
  "idea/gateway:JetBrainsGateway",
  "go:goland",
  "idea:ideaIC",
  "idea:ideaIU",
  "idea:idea",
  "idea/code-with-me:JetBrainsClient",
  "mps:MPS",
  "webide:PhpStorm",
  "python:pycharm",
  "python:pycharm-professional",
  "python:pycharm-community",
  "rider:JetBrains.Rider",
  "ruby:RubyMine",
  "rustrover:RustRover",
  "webstorm:WebStorm",
  "writerside:writerside",
]);

/**
 * The Ivy coordinates under which the Kotlin Gradle plugin downloads the tools Kotlin/JS and
 * Kotlin/Wasm builds run, from the tools' own release pages (`org.nodejs:node` from
 * nodejs.org/dist, `com.yarnpkg:yarn` from Yarn's GitHub releases,
 * `com.github.webassembly:binaryen` from Binaryen's, `google.d8:v8` from the Chromium V8
 * builds' Google storage, D8SetupTask's): no Maven repository has them.
 */
const TOOL_DISTRIBUTIONS = new Set([
  "org.nodejs:node",
  "com.yarnpkg:yarn",
  "com.github.webassembly:binaryen",
  "google.d8:v8",
]);

/**
 * Whether a Gradle module is a tool's release archive the Kotlin Gradle plugin names with Ivy
 * coordinates (`org.nodejs:node`), which is the tool, `pkg:generic/node@…` (as pnpm's
 * `node@runtime:` is), not a Maven artifact.
 *
 * @param c The coordinates.
 * @returns Whether they are one of those tools'.
 */
export function isToolDistribution(c: MavenCoordinates): boolean {
  return TOOL_DISTRIBUTIONS.has(mavenName(c));
}
