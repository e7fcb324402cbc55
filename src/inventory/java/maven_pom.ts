/**
 * Reader for Maven's `pom.xml`: the dependencies a project **declares**, not
 * what Maven would resolve (vouch never downloads anything, so transitive
 * dependencies are not known).
 *
 * What it understands, from the files in the tree only: properties
 * (`${…}`, including `project.version`, `project.groupId`,
 * `project.parent.version` and the unprefixed `version`, `parent.version` that
 * Maven 3 still resolves), parents found through `<relativePath>` (default
 * `../pom.xml`) or, when that file is another project, among the reactor's
 * modules (as Maven takes them from the reactor), with their properties, dependencies, dependency management
 * and plugins, BOM imports (`<scope>import</scope>`, Maven 4's `<type>bom</type>`) of POMs in the tree,
 * multi-module reactors (`<modules>`: the modules are members, and a
 * dependency on a sibling module is an edge between members), profiles (their
 * dependencies and plugins, and the other versions their properties, their
 * pluginManagement and their declarations of the build's plugins give the
 * build's own (with the plugin dependencies they add), under the group
 * `profile:<id>`, a parent's profiles included (what a parent's profile manages is managed in
 * the module's profile of the same id, as `-P` activates an id in every POM);
 * activation is not known beyond the POMs and `.mvn/maven.config`, and a warning says so; a profile
 * the build activates by default is part of the build (its properties, management,
 * pluginManagement and redeclarations are the build's own; what it adds stays in its
 * group), and the runtime dependencies of a profile the build does not activate by default
 * (one without activation that the `-P` of `.mvn/maven.config` does not name,
 * an `activeByDefault` one that it or another active profile turns off, or one
 * a property activates that the build never sets) are optional), and the build
 * plugins (those the packaging's lifecycle binds too, where pluginManagement manages them), their
 * dependencies, `annotationProcessorPaths` and extensions, and
 * the reporting plugins, which `mvn site` runs (all of scope `build`). A
 * parent or BOM that is not in the tree stays a component (`?type=pom`, scope
 * `build`); a version it would manage is unknown: the purl has no version and
 * a warning says so.
 *
 * Maven 4's model 4.1.0: `<subprojects>` are modules, a `<parent>` without
 * coordinates is the POM at its `relativePath`.
 *
 * Scopes: `compile`/`runtime` → runtime (optional when the dependency itself
 * says `<optional>true`: as in Maven, dependency management does not manage
 * the flag),
 * `test` (and Maven 4's `test-only`, `test-runtime`) → dev, `provided`/`system`
 * (and Maven 4's `compile-only`) → build (compiled against, supplied by the
 * environment, not shipped); one Maven does not know (`compil`, `Test`), or `import` on what
 * imports no BOM (a dependency, a managed `jar`), → runtime with a warning (Maven 3 warns, resolves
 * it and may package it). Versions are kept as written;
 * `[1.0]` is the exact version 1.0, other ranges (`[1.0,2.0)`) and
 * `LATEST`/`RELEASE` are specifiers, not versions.
 *
 * Purls name the file: a dependency's `<type>` gives its extension and a
 * default classifier (Maven's artifact handlers), so `<type>test-jar</type>`
 * and `<classifier>tests</classifier>` are the one artifact
 * `?classifier=tests` (the `jar` type left out, as the purl-spec defaults it).
 *
 * @module
 */
import { posix } from "../../_path.ts";
import { localPlace } from "../_paths.ts";
import { VouchError } from "../../errors.ts";
import { compareStrings } from "../../_util.ts";
import { OutputBuilder } from "../_builder.ts";
import { TextCache } from "../_text_cache.ts";
import { skippedFolder } from "../_skipped.ts";
import type { Load, ReaderResult } from "../_reader.ts";
import {
  childElements,
  lineColumn,
  localName,
  parseXml,
  textOf,
  type XmlElement,
} from "../_formats/xml.ts";
import { type Member, type Project, ROOT_ID, type Scope } from "../types.ts";
import { type MavenCoordinates, mavenName, mavenPurl } from "./_maven.ts";

const CODE = "inventory.maven_pom.invalid";
const PLUGIN_GROUP = "org.apache.maven.plugins";
/** Deepest parent / BOM-import chain followed (Maven itself has no limit; loops are errors). */
const MAX_CHAIN = 32;
const MODEL_VERSIONS = new Set(["4.0.0", "4.1.0"]);

/** The namespace of a POM before its model version (`http://maven.apache.org/POM/4.1.0`). */
const POM_NAMESPACE = "http://maven.apache.org/POM/";
const SCOPES: Record<string, Scope> = {
  compile: "runtime",
  runtime: "runtime",
  test: "dev",
  // Maven 4: compiled against only; tests compiled against or run with only.
  "compile-only": "build",
  "test-only": "dev",
  "test-runtime": "dev",
  provided: "build",
  system: "build",
};

/**
 * The dependency types whose file is not `<artifactId>-<version>.<type>`, with the
 * extension and default classifier Maven gives it (maven-core's artifact handlers, and
 * Maven 4's dependency types): a dependency's own `<classifier>` wins over the default.
 */
const TYPES: Record<string, { extension: string; classifier?: string }> = {
  "test-jar": { extension: "jar", classifier: "tests" },
  "ejb-client": { extension: "jar", classifier: "client" },
  "java-source": { extension: "jar", classifier: "sources" },
  javadoc: { extension: "jar", classifier: "javadoc" },
  "maven-plugin": { extension: "jar" },
  ejb: { extension: "jar" },
  fatjar: { extension: "jar" },
  // Maven 4.
  "classpath-jar": { extension: "jar" },
  "classpath-fatjar": { extension: "jar" },
  "modular-jar": { extension: "jar" },
  "modular-fatjar": { extension: "jar" },
  bom: { extension: "pom" },
  // The OSGi bundle plugins' handler (Apache Felix's maven-bundle-plugin as a build extension,
  // bnd's BndArtifactHandler: `bundle`, extension `jar`): a bundle is a jar, and a build without
  // the handler cannot resolve a `bundle` dependency at all.
  bundle: { extension: "jar" },
  // Build extensions' handlers of packagings whose artifact is a jar (or a zip): the archetype
  // packaging's (apache/maven-archetype archetype-packaging's components.xml), Eclipse Tycho's
  // (p2-maven-plugin's EclipsePluginArtifactHandler, EclipseTestPluginArtifactHandler,
  // EclipseFeatureArtifactHandler: jar; EclipseRepositoryArtifactHandler: zip).
  "maven-archetype": { extension: "jar" },
  "eclipse-plugin": { extension: "jar" },
  "eclipse-test-plugin": { extension: "jar" },
  "eclipse-feature": { extension: "jar" },
  "eclipse-repository": { extension: "zip" },
  // The NetBeans module plugin's (apache/netbeans-mavenutils-nbm-maven-plugin components.xml): an
  // nbm module's artifact is its jar (the .nbm is the attached `nbm-file`), an application's a zip.
  nbm: { extension: "jar" },
  "nbm-application": { extension: "zip" },
  "nbm-file": { extension: "nbm" },
  // Takari's lifecycle plugin (takari/takari-lifecycle TakariJarArtifactHandler,
  // TakariMavenPluginArtifactHandler, TakariMavenComponentArtifactHandler: extension jar).
  "takari-jar": { extension: "jar" },
  "takari-maven-plugin": { extension: "jar" },
  "takari-maven-component": { extension: "jar" },
  // GlassFish's HK2 modules (the old hk2-maven-plugin's packaging): a jar, `ha-api-3.1.7.jar`
  // on Maven Central, as Gradle (its "non-existing custom packaging" test), sbt and Coursier
  // read an `hk2-jar` POM.
  "hk2-jar": { extension: "jar" },
  // Atlassian's AMPS (maven-amps-plugin components.xml): an `atlassian-plugin` is a jar.
  "atlassian-plugin": { extension: "jar" },
  // jenkinsci/maven-hpi-plugin components.xml: a plugin is a `.hpi`, a module (`jm`, and
  // `jenkins-module` kept for compatibility) a `.jm`, an `executable-war` a war.
  hpi: { extension: "hpi" },
  jm: { extension: "jm" },
  "jenkins-module": { extension: "jm" },
  "executable-war": { extension: "war" },
  // Apache Jackrabbit FileVault's package plugin (filevault-package-maven-plugin components.xml):
  // a `content-package` is a zip.
  "content-package": { extension: "zip" },
};

// ---------------------------------------------------------------------------
// Decoding: one POM's XML into a typed shape (no inheritance, no interpolation).

interface RawDependency {
  groupId: string;
  artifactId: string;
  version?: string;
  scope?: string;
  type?: string;
  classifier?: string;
  optional?: string;
  offset: number;
  pom: RawPom;
}

/** A dependency whose groupId and artifactId a merge may give it (see {@linkcode RawConfiguration}). */
type PartialDependency = Omit<RawDependency, "groupId" | "artifactId"> & {
  groupId?: string;
  artifactId?: string;
};

interface RawPlugin {
  groupId: string;
  artifactId: string;
  /** `groupId:artifactId` when neither uses a property (else interpolated where used). */
  key?: string;
  offset: number;
  pom: RawPom;
  version?: string;
  inherited?: string;
  /** Its `<extensions>`, as written: `true` loads its components (artifact handlers too). */
  extensions?: string;
  dependencies: RawDependency[];
  /** The `annotationProcessorPaths` of its `<configuration>` (see {@linkcode mergedPaths}). */
  configuration: RawConfiguration;
  /** Its `<executions>`, each with the `annotationProcessorPaths` of its `<configuration>`. */
  executions: RawExecution[];
  /** The `annotationProcessorPaths/path` deeper in its and its executions' configurations. */
  processorPaths: RawDependency[];
}

/** A plugin's `<execution>`: Maven merges those of one id (`default` unless it says). */
interface RawExecution {
  id: string;
  inherited?: string;
  /** Its `<phase>`, as written (none: the goal's default phase). */
  phase?: string;
  /** Its `<goals>`, as written. */
  goals: string[];
  configuration: RawConfiguration;
}

/**
 * A plugin's `<configuration>` as far as its `annotationProcessorPaths` go, with the
 * `combine.self` / `combine.children` attributes that steer how Maven merges it with the
 * configurations it overrides (plexus-utils' `Xpp3Dom.mergeXpp3Dom`).
 */
interface RawConfiguration {
  /**
   * Its `combine.self` (`override`: the ones it overrides are dropped whole); one that has none
   * takes that of the configuration it overrides, as Xpp3Dom merges attributes.
   */
  self?: string;
  /**
   * Its `combine.children` (`append`: the children of the ones it overrides are copied before its
   * own, not merged with them); one that has none takes that of the configuration it overrides.
   */
  children?: string;
  /**
   * Its `<artifactItems>` (maven-dependency-plugin's `copy` and `unpack` goals), each
   * `<artifactItem>` as a path of `paths` is, merged the same way.
   */
  items?: RawConfiguration["paths"];
  /** Its `<annotationProcessorPaths>`, if it has one. */
  paths?: {
    /**
     * Each `<path>` (by its element name), with whether it says `combine.self="remove"`; its
     * groupId or artifactId may come from the path it overrides (see {@linkcode mergedPaths}).
     */
    paths: { name: string; path: PartialDependency; remove: boolean }[];
    /** Its `combine.self`, `combine.children` attributes. */
    self?: string;
    children?: string;
  };
}

interface RawBuild {
  plugins: RawPlugin[];
  pluginManagement: RawPlugin[];
  extensions: RawDependency[];
  /** The plugins of `<reporting>` (beside `<build>`), which `mvn site` runs. */
  reports: RawPlugin[];
}

interface RawProfile {
  id: string;
  /** How Maven activates it, as written: `activeByDefault`, the conditions of `<activation>`, or `[]` (only `-P`). */
  activation: string[];
  /**
   * The `<activation><property>` condition: a name (`!name`: not set) and the value to match
   * (`!value`: to differ).
   */
  property?: { name: string; value?: string };
  /** The POM that declares it. */
  pom: RawPom;
  modules: string[];
  properties: Map<string, string>;
  dependencies: RawDependency[];
  dependencyManagement: RawDependency[];
  build: RawBuild;
}

interface RawPom {
  text: string;
  /** Its `<modelVersion>`: `4.1.0` is Maven 4's (see {@linkcode MODEL_VERSIONS}). */
  modelVersion?: string;
  parent?: { groupId?: string; artifactId?: string; version?: string; relativePath?: string };
  groupId?: string;
  artifactId?: string;
  version?: string;
  packaging?: string;
  /** Where its `<packaging>` is, for a warning. */
  packagingOffset?: number;
  description?: string;
  licenses: string[];
  properties: Map<string, string>;
  modules: string[];
  dependencies: RawDependency[];
  dependencyManagement: RawDependency[];
  build: RawBuild;
  profiles: RawProfile[];
  /**
   * Whether it declares a dependency whose groupId Maven 4 takes from the reactor (see
   * {@linkcode Decoder.dependencies}): then it is decoded again with the reactor at hand.
   */
  inferring?: true;
  /** The warnings of the dependencies whose groupId the tree does not give (left out). */
  uninferred?: string[];
}

const COORDINATES = ["groupId", "artifactId", "version"] as const;
const DEPENDENCY_FIELDS = [...COORDINATES, "scope", "type", "classifier", "optional"];

/**
 * The groupId of the reactor project of an artifactId, for a dependency at an offset of a POM
 * (see {@linkcode Decoder.dependencies}), or `undefined` when the tree has none.
 */
type GroupOf = (artifactId: string, offset: number) => string | undefined;

class Decoder {
  readonly pom: RawPom;
  readonly path: string;
  readonly groupOf?: GroupOf;

  constructor(text: string, path: string, groupOf?: GroupOf) {
    this.path = path;
    if (groupOf !== undefined) this.groupOf = groupOf;
    this.pom = {
      text,
      licenses: [],
      properties: new Map(),
      modules: [],
      dependencies: [],
      dependencyManagement: [],
      build: { plugins: [], pluginManagement: [], extensions: [], reports: [] },
      profiles: [],
    };
  }

  fail(offset: number, what: string): never {
    throw invalid(this.path, lineColumn(this.pom.text, offset).line, what);
  }

  /** The child elements among `names`, each at most once (Maven rejects a repeated tag). */
  fields(element: XmlElement, names: readonly string[]): Map<string, XmlElement> {
    const out = new Map<string, XmlElement>();
    for (const child of element.children) {
      if (typeof child === "string") continue;
      const name = localName(child.name);
      if (!names.includes(name)) continue;
      if (out.has(name)) {
        this.fail(child.offset, `<${name}> appears twice in <${localName(element.name)}>`);
      }
      out.set(name, child);
    }
    return out;
  }

  value(fields: Map<string, XmlElement>, name: string): string | undefined {
    const element = fields.get(name);
    const text = element === undefined ? "" : textOf(element);
    return text === "" ? undefined : text;
  }

  items(element: XmlElement | undefined, item: string): XmlElement[] {
    return element === undefined ? [] : childElements(element, item);
  }

  /**
   * A dependency; with `typed`, an empty `<type>` is refused, as Maven refuses one of the build's
   * dependencies or plugin dependencies ("'dependencies.dependency.type' … is missing").
   */
  dependency(
    element: XmlElement,
    what: string,
    defaultGroup?: string,
    typed = false,
  ): RawDependency {
    const dependency = this.partialDependency(element, what, defaultGroup, typed);
    const { groupId, artifactId } = dependency;
    if (groupId === undefined || artifactId === undefined) {
      this.fail(
        element.offset,
        `a ${what} without ${groupId === undefined ? "groupId" : "artifactId"}`,
      );
    }
    return { ...dependency, groupId, artifactId };
  }

  /** A dependency as {@linkcode Decoder.dependency} reads it, its groupId or artifactId maybe missing. */
  partialDependency(
    element: XmlElement,
    what: string,
    defaultGroup?: string,
    typed = false,
  ): PartialDependency {
    const f = this.fields(element, DEPENDENCY_FIELDS);
    const groupId = this.value(f, "groupId") ?? defaultGroup;
    const artifactId = this.value(f, "artifactId");
    const dependency: PartialDependency = { offset: element.offset, pom: this.pom };
    if (groupId !== undefined) dependency.groupId = groupId;
    if (artifactId !== undefined) dependency.artifactId = artifactId;
    for (const name of ["version", "scope", "type", "classifier", "optional"] as const) {
      const value = this.value(f, name);
      if (value !== undefined) dependency[name] = value;
    }
    // An empty `<classifier/>` is a classifier all the same: Maven keeps "" (no type's default
    // classifier, another management key).
    if (dependency.classifier === undefined && f.has("classifier")) dependency.classifier = "";
    if (typed && dependency.type === undefined && f.has("type")) {
      this.fail(f.get("type")!.offset, `the ${what} ${groupId}:${artifactId} has an empty <type>`);
    }
    return dependency;
  }

  /** A `.mvn/extensions.xml`: Maven's core extensions (`<extensions><extension>`…). */
  coreExtensions(root: XmlElement): RawDependency[] {
    if (localName(root.name) !== "extensions") {
      this.fail(root.offset, `the root element is <${root.name}>, not Maven's <extensions>`);
    }
    return this.items(root, "extension").map((e) => this.dependency(e, "core extension"));
  }

  /**
   * The dependencies of `element`; with `inferring` (a model 4.1.0 POM's own), one without
   * groupId and version takes the groupId of the reactor project of its artifactId, as Maven 4
   * infers it (DefaultModelBuilder's transformFileToRaw and inferDependencyVersion, through the
   * reactor's sources by artifactId alone, putSource); one with a version, or elsewhere, Maven
   * refuses ("'dependencies.dependency.groupId' … is missing"). Without {@linkcode groupOf}
   * (no reactor at hand) such a dependency is left out and the POM marked `inferring`.
   */
  dependencies(element: XmlElement | undefined, typed = false, inferring = false): RawDependency[] {
    const out: RawDependency[] = [];
    for (const d of this.items(element, "dependency")) {
      const partial = this.partialDependency(d, "dependency", undefined, typed);
      const { groupId, artifactId } = partial;
      if (!inferring || groupId !== undefined || artifactId === undefined || partial.version) {
        out.push(this.dependency(d, "dependency", undefined, typed));
        continue;
      }
      this.pom.inferring = true;
      const inferred = this.groupOf?.(artifactId, d.offset);
      if (inferred !== undefined) out.push({ ...partial, groupId: inferred, artifactId });
    }
    return out;
  }

  /**
   * `annotationProcessorPaths/path` in a plugin's or an execution's `<configuration>` (`owner`):
   * those of the configuration's own `<annotationProcessorPaths>`, which Maven merges with the
   * configurations it overrides, and the others, anywhere deeper (pushed to `others`).
   */
  processorPaths(owner: XmlElement, others: RawDependency[]): RawConfiguration {
    const configuration: RawConfiguration = {};
    // Every child is a path, whatever its name (`<path>`, `<dependency>`): the configurator makes
    // each a DependencyCoordinate, the list's element type, unless its name is a class of the
    // plugin's package (Sisu's AbstractCollectionConverter.getChildType).
    const paths = (list: XmlElement): RawDependency[] =>
      childElements(list).map((path) => this.dependency(path, "annotation processor path"));
    /** A list parameter of dependency-shaped entries, with its combine attributes. */
    const listed = (list: XmlElement, what: string) => ({
      paths: childElements(list).map((item) => ({
        name: item.name,
        path: this.partialDependency(item, what),
        remove: item.attributes["combine.self"] === "remove",
      })),
      self: list.attributes["combine.self"],
      children: list.attributes["combine.children"],
    });
    const visit = (element: XmlElement, depth: number, top: boolean): void => {
      for (const child of childElements(element)) {
        if (top && localName(child.name) === "artifactItems") {
          // maven-dependency-plugin's ArtifactItem list, a top-level parameter of its goals.
          configuration.items ??= listed(child, "artifact item");
          continue;
        }
        if (localName(child.name) !== "annotationProcessorPaths") {
          if (depth < 4) visit(child, depth + 1, false);
        } else if (top && configuration.paths === undefined) {
          configuration.paths = listed(child, "annotation processor path");
        } else others.push(...paths(child));
      }
    };
    for (const child of childElements(owner, "configuration")) {
      const self = child.attributes["combine.self"];
      if (self !== undefined) configuration.self = self;
      const children = child.attributes["combine.children"];
      if (children !== undefined) configuration.children = children;
      visit(child, 0, true);
    }
    return configuration;
  }

  /** A plugin's `<executions>`; the paths deeper in their configurations go to `others`. */
  executions(plugin: XmlElement, others: RawDependency[]): RawExecution[] {
    return childElements(plugin, "executions").flatMap((list) =>
      childElements(list, "execution").map((element) => {
        const f = this.fields(element, ["id", "inherited", "phase", "goals"]);
        const execution: RawExecution = {
          // PluginExecution's default id.
          id: this.value(f, "id") ?? "default",
          goals: this.items(f.get("goals"), "goal").map(textOf).filter((g) => g !== ""),
          configuration: this.processorPaths(element, others),
        };
        const inherited = this.value(f, "inherited");
        if (inherited !== undefined) execution.inherited = inherited;
        const phase = this.value(f, "phase");
        if (phase !== undefined) execution.phase = phase;
        return execution;
      })
    );
  }

  /** A plugin; with `typed`, its dependencies may not have an empty `<type>` (see `dependency`). */
  plugin(element: XmlElement, typed = false): RawPlugin {
    const f = this.fields(element, [...COORDINATES, "inherited", "extensions", "dependencies"]);
    const { groupId, artifactId } = this.dependency(element, "plugin", PLUGIN_GROUP);
    const others: RawDependency[] = [];
    const configuration = this.processorPaths(element, others);
    const executions = this.executions(element, others);
    const plugin: RawPlugin = {
      groupId,
      artifactId,
      offset: element.offset,
      pom: this.pom,
      dependencies: this.dependencies(f.get("dependencies"), typed),
      configuration,
      executions,
      processorPaths: others,
    };
    const version = this.value(f, "version");
    const inherited = this.value(f, "inherited");
    const extensions = this.value(f, "extensions");
    if (!groupId.includes("${") && !artifactId.includes("${")) {
      plugin.key = `${groupId}:${artifactId}`;
    }
    if (version !== undefined) plugin.version = version;
    if (inherited !== undefined) plugin.inherited = inherited;
    if (extensions !== undefined) plugin.extensions = extensions;
    return plugin;
  }

  /**
   * A `<build>` and the `<reporting>` beside it (of the project or of a profile); with `typed`,
   * its plugins' dependencies may not have an empty `<type>` (see `dependency`).
   */
  build(fields: Map<string, XmlElement>, typed = false): RawBuild {
    const element = fields.get("build");
    const f = element === undefined
      ? new Map<string, XmlElement>()
      : this.fields(element, ["plugins", "pluginManagement", "extensions"]);
    const plugins = (parent: XmlElement | undefined): RawPlugin[] =>
      this.items(parent && this.fields(parent, ["plugins"]).get("plugins"), "plugin")
        .map((p) => this.plugin(p));
    return {
      plugins: this.items(f.get("plugins"), "plugin").map((p) => this.plugin(p, typed)),
      pluginManagement: plugins(f.get("pluginManagement")),
      extensions: this.items(f.get("extensions"), "extension").map((e) =>
        this.dependency(e, "build extension")
      ),
      reports: plugins(fields.get("reporting")),
    };
  }

  properties(element: XmlElement | undefined): Map<string, string> {
    const out = new Map<string, string>();
    for (const child of element === undefined ? [] : childElements(element)) {
      out.set(child.name, textOf(child));
    }
    return out;
  }

  management(element: XmlElement | undefined): RawDependency[] {
    return this.dependencies(element && this.fields(element, ["dependencies"]).get("dependencies"));
  }

  /** The activation of a profile, as words for a warning (`activeByDefault`, `jdk`, `property`, …). */
  activation(element: XmlElement | undefined): string[] {
    if (element === undefined) return [];
    const out: string[] = [];
    for (const child of childElements(element)) {
      const name = localName(child.name);
      if (name !== "activeByDefault") out.push(name);
      else if (mavenTrue(textOf(child))) out.unshift(name);
    }
    return out;
  }

  /** The `<property>` condition of an activation, when it names one. */
  activationProperty(element: XmlElement | undefined): Pick<RawProfile, "property"> {
    const property = element && this.fields(element, ["property"]).get("property");
    const f = property && this.fields(property, ["name", "value"]);
    const name = f && this.value(f, "name");
    if (name === undefined) return {};
    const value = this.value(f!, "value");
    return { property: value === undefined ? { name } : { name, value } };
  }

  /** The modules, and Maven 4's `<subprojects>` (model 4.1.0's name for them). */
  modules(f: Map<string, XmlElement>): string[] {
    return [
      ...this.items(f.get("modules"), "module"),
      ...this.items(f.get("subprojects"), "subproject"),
    ]
      .map(textOf).filter((m) => m !== "");
  }

  decode(root: XmlElement): RawPom {
    if (localName(root.name) !== "project") {
      this.fail(root.offset, `the root element is <${root.name}>, not a Maven <project>`);
    }
    const f = this.fields(root, [
      ...COORDINATES,
      "modelVersion",
      "parent",
      "packaging",
      "description",
      "licenses",
      "properties",
      "modules",
      "subprojects",
      "dependencies",
      "dependencyManagement",
      "build",
      "reporting",
      "profiles",
    ]);
    const written = this.value(f, "modelVersion");
    if (written !== undefined && !MODEL_VERSIONS.has(written)) {
      this.fail(f.get("modelVersion")!.offset, `modelVersion ${written} is not supported`);
    }
    // Without one, Maven 4 takes it from the project's namespace, `http://maven.apache.org/POM/`
    // and the version (DefaultModelBuilder's readFileModel: withModelVersion(namespace.substring(
    // NAMESPACE_PREFIX.length()))); one vouch does not know is left unset, as before.
    const prefix = root.name.includes(":") ? root.name.slice(0, root.name.indexOf(":")) : "";
    const namespace = root.attributes[prefix === "" ? "xmlns" : `xmlns:${prefix}`] ?? "";
    const named = namespace.startsWith(POM_NAMESPACE)
      ? namespace.slice(POM_NAMESPACE.length)
      : undefined;
    const modelVersion = written ??
      (named !== undefined && MODEL_VERSIONS.has(named) ? named : undefined);
    const pom = this.pom;
    if (modelVersion !== undefined) pom.modelVersion = modelVersion;
    for (const name of [...COORDINATES, "packaging", "description"] as const) {
      const value = this.value(f, name);
      if (value !== undefined) pom[name] = value;
    }
    if (pom.packaging !== undefined) pom.packagingOffset = f.get("packaging")!.offset;
    if (pom.artifactId === undefined) this.fail(root.offset, "the project has no artifactId");
    const parent = f.get("parent");
    if (parent !== undefined) {
      const p = this.fields(parent, [...COORDINATES, "relativePath"]);
      pom.parent = {};
      for (const name of COORDINATES) {
        const value = this.value(p, name);
        if (value !== undefined) pom.parent[name] = value;
      }
      // An empty <relativePath/> turns the lookup in the tree off.
      if (p.has("relativePath")) pom.parent.relativePath = textOf(p.get("relativePath")!);
      // Model 4.1.0 (Maven 4) may leave them out: the parent is the POM at its relativePath.
      const inferred = modelVersion === "4.1.0" && pom.parent.relativePath !== "" &&
        pom.parent.groupId === undefined && pom.parent.artifactId === undefined;
      if (!inferred && (pom.parent.groupId === undefined || pom.parent.artifactId === undefined)) {
        this.fail(parent.offset, "the <parent> has no groupId or artifactId");
      }
    }
    for (const license of this.items(f.get("licenses"), "license")) {
      const name = this.value(this.fields(license, ["name"]), "name");
      if (name !== undefined) pom.licenses.push(name);
    }
    pom.properties = this.properties(f.get("properties"));
    pom.modules = this.modules(f);
    // Maven refuses an empty <type> on the build's dependencies; a profile's only once active.
    pom.dependencies = this.dependencies(f.get("dependencies"), true, modelVersion === "4.1.0");
    pom.dependencyManagement = this.management(f.get("dependencyManagement"));
    pom.build = this.build(f, true);
    for (const profile of this.items(f.get("profiles"), "profile")) {
      const p = this.fields(profile, [
        "id",
        "activation",
        "modules",
        "subprojects",
        "properties",
        "dependencies",
        "dependencyManagement",
        "build",
        "reporting",
      ]);
      pom.profiles.push({
        id: this.value(p, "id") ?? "default",
        activation: this.activation(p.get("activation")),
        ...this.activationProperty(p.get("activation")),
        pom,
        modules: this.modules(p),
        properties: this.properties(p.get("properties")),
        dependencies: this.dependencies(p.get("dependencies")),
        dependencyManagement: this.management(p.get("dependencyManagement")),
        build: this.build(p),
      });
    }
    return pom;
  }
}

function invalid(path: string, line: number, what: string): VouchError {
  return new VouchError(
    CODE,
    `${path}:${line}: ${what}`,
    `fix ${path} so that Maven accepts it (\`mvn validate\`)`,
  );
}

/** A POM of the reactor by its own coordinates (see `reactorPoms`). */
interface ReactorPom {
  groupId?: string;
  artifactId: string;
  version?: string;
  path: string;
  /** Listed only by a profile's `<modules>`: in the reactor only when the profile is active. */
  profile?: true;
}

/**
 * Decoded POMs and models by text: the reader runs once per pom.xml of a
 * reactor and each run looks at every module, so the work is kept between
 * runs (a model only while the files it was built from are unchanged).
 */
const DECODED = new TextCache<RawPom>();
const MODELS_LIMIT = 512;
const MODELS = new Map<string, Map<string, Model>>();

function decodePom(text: string, path: string): RawPom {
  return DECODED.get(text, () => new Decoder(text, path).decode(parseXml(text, path, CODE).root));
}

// ---------------------------------------------------------------------------
// Effective models: inheritance, interpolation, dependency management.

interface Model {
  path: string;
  raw: RawPom;
  /** The files it was built from (path and text, `undefined` for a file that was not there). */
  inputs: [string, string | undefined][];
  /** The chain from the root-most parent in the tree to this model. */
  chain: Model[];
  /** The parent when it is not in the tree. */
  externalParent?: MavenCoordinates;
  /**
   * The profiles of its own POM that a build run without options activates (see
   * {@linkcode activeByDefault}): Maven injects them into the POM before inheritance,
   * interpolation and management, so their properties, management and redeclarations are the
   * build's own.
   */
  active: RawProfile[];
  /** Properties of the chain (its active profiles' included), children overriding parents. */
  properties: Map<string, string>;
  /** The `-D` properties of the build's `.mvn/maven.config`, which override all others. */
  user: Map<string, string>;
  groupId: string;
  artifactId: string;
  version?: string;
  parentCoordinates: { groupId?: string; artifactId?: string; version?: string };
  /**
   * The core extension that computes the version of every project of its build (see
   * {@linkcode VERSIONING_EXTENSIONS}), and the `.mvn/extensions.xml` naming it: the model
   * has no version.
   */
  versionedBy?: { extension: string; file: string };
}

/**
 * The core extensions that give every project of their build a version they compute from git
 * when Maven runs, in place of the `<version>` its POM writes: jgitver's (its
 * JGitverModelProcessor sets each model's version, and its parent's when in the build, to the
 * version it calculates) and qoomon's maven-git-versioning-extension (named
 * maven-branch-versioning-extension before), which sets them from the branch or tag as its
 * `.mvn/<artifactId>.xml` configuration's `<version>` formats say (none: the POMs' own).
 */
/**
 * The files Maven and its wrapper keep in a build's `.mvn` directory, by which vouch sees one
 * (see {@linkcode Resolver.baseDirectory}): core extensions, options, JVM options, and the
 * wrapper's (`mvn wrapper:wrapper`'s) properties.
 */
const MVN_FILES = [
  "extensions.xml",
  "maven.config",
  "jvm.config",
  "wrapper/maven-wrapper.properties",
];

const VERSIONING_EXTENSIONS: ReadonlySet<string> = new Set([
  "fr.brouillard.oss:jgitver-maven-plugin",
  "me.qoomon:maven-git-versioning-extension",
  "me.qoomon:maven-branch-versioning-extension",
]);

/** A dependency after interpolation and dependency management. */
interface Declared extends MavenCoordinates {
  specifier?: string;
  scope: Scope;
  source: string;
  /** A parent or BOM that Maven could not take from the tree: never one of its projects. */
  outside?: true;
}

/** One dependency-management entry after interpolation (Maven manages no `optional` flag). */
interface Managed {
  version?: string;
  scope?: string;
}

interface Management {
  entries: Map<string, Managed>;
  /** BOM imports: in the tree (a model) or not (coordinates). */
  imports: { coordinates: MavenCoordinates; model?: Model }[];
  /** Parents and BOMs not in the tree whose managed versions are unknown. */
  outside: string[];
}

/** A plugin the build uses, as {@linkcode Resolver.plugins} lists it. */
interface PluginUse {
  plugin: Declared;
  dependencies: Declared[];
  paths: Declared[];
  copied: Declared[];
}

/** What one plugin's use is worked out from (see {@linkcode Resolver.workOutPlugin}). */
interface PluginInput {
  /** Its `groupId:artifactId`. */
  key: string;
  /** Its declarations in the build's plugins (none: only the packaging's lifecycle binds it). */
  declarations: RawPlugin[];
  /** Its pluginManagement declarations. */
  managed: RawPlugin[];
  packaging: string;
  management: Management;
}

/** A plugin's use worked out, with the properties it read and their values. */
interface PluginMemo extends PluginInput {
  reads: [string, string | undefined][];
  use: PluginUse | undefined;
}

/**
 * One list of a build's plugins (its build plugins, or its reporting plugins), by key with their
 * declarations: with profiles, every plugin the build has once they are injected, and `main`,
 * the keys of those it has without them.
 */
interface ChainedPlugins {
  all: Map<string, RawPlugin[]>;
  main?: Set<string>;
}

/** The plugin lists of a build (see `Resolver.plugins`). */
interface PluginLists {
  /** The packaging, interpolated. */
  packaging: string;
  /** The pluginManagement declarations the build gets, by key. */
  managed: Map<string, RawPlugin[]>;
  plugins: ChainedPlugins;
  reports: ChainedPlugins;
}

/** How many plugins' uses of one key, and how many managements, a read keeps. */
const MEMO_LIMIT = 8;

/**
 * Appends to `list` the `items` it does not hold yet, in order, and returns it: a BOM that a module,
 * its parent and an in-tree BOM of the same parent each import is named once.
 */
function addNew(list: string[], items: readonly string[]): string[] {
  for (const item of items) if (!list.includes(item)) list.push(item);
  return list;
}

/** The management of what no POM manages (Maven's core and build extensions, plugin dependencies). */
const UNMANAGED: Management = { entries: new Map(), imports: [], outside: [] };

type Lookup = (key: string) => string | undefined;

/**
 * A group or artifact id Maven's model validator takes (`DefaultModelValidator.isValidId`): its
 * effective dependencies' ids are checked once properties are expanded, and an empty one is
 * "missing".
 */
const MAVEN_ID = /^[A-Za-z0-9_.-]+$/;

const PROPERTY = /\$\{([^${}]+)\}/g;

/** Replaces `${key}` references (recursively, loops left unexpanded). */
function expand(value: string, lookup: Lookup, depth = 0): string {
  if (!value.includes("${") || depth > 16) return value;
  return value.replace(PROPERTY, (whole, key: string) => {
    const found = lookup(key);
    return found === undefined ? whole : expand(found, lookup, depth + 1);
  });
}

function managementKey(
  d: { groupId: string; artifactId: string; type?: string; classifier?: string },
): string {
  // Maven's Dependency.getManagementKey: an empty classifier is another key than none.
  return `${d.groupId}:${d.artifactId}:${d.type ?? "jar"}${
    d.classifier === undefined ? "" : `:${d.classifier}`
  }`;
}

/**
 * The BOM a dependency-management entry imports (`<type>pom</type>` with `<scope>import</scope>`,
 * or Maven 4's `bom` type whatever the scope: a POM file, as `pom`), or `undefined`.
 */
function bomImport(c: MavenCoordinates, scope: string | undefined): MavenCoordinates | undefined {
  if (c.type === "bom") return { ...c, type: "pom" };
  return scope === "import" && c.type === "pom" ? c : undefined;
}

function coordinatesText(c: MavenCoordinates): string {
  return `${c.groupId}:${c.artifactId}${c.version === undefined ? "" : `:${c.version}`}`;
}

/** The folder-relative target of a module or relativePath, inside the tree, or `undefined`. */
function inTree(pomPath: string, relative: string): string | undefined {
  const place = localPlace(pomPath, relative);
  if (place.kind === "outside") return undefined;
  return place.path!.endsWith(".xml") ? place.path : posix.join(place.path!, "pom.xml");
}

/**
 * What a `.mvn/maven.config`, as Maven reads it into every build of its folder, says of
 * the build: its user properties (`-Drevision=1.2.0`, `-D key=value`, `--define=key=value`;
 * a `-Dkey` alone is `true`), which override the POMs' own properties (CI-friendly
 * `${revision}`), and the profiles it activates or deactivates (`-Pa,b`, `-P !c`, `-P -c`,
 * `--activate-profiles=a`): profile id → active.
 */
function mavenConfig(
  text: string,
): { properties: Map<string, string>; profiles: Map<string, boolean> } {
  const properties = new Map<string, string>();
  const profiles = new Map<string, boolean>();
  const define = /(?:^|\s)(?:-D|--define(?:=|\s+))\s*([^\s="]+)(?:=("[^"]*"|\S*))?/g;
  const activate = /(?:^|\s)(?:-P|--activate-profiles(?:=|\s+))\s*(\S+)/g;
  for (const line of text.split(/\r?\n/)) {
    if (line.trimStart().startsWith("#")) continue;
    for (const m of line.matchAll(define)) {
      properties.set(m[1], m[2] === undefined ? "true" : m[2].replace(/^"(.*)"$/, "$1"));
    }
    for (const m of line.matchAll(activate)) {
      for (const id of m[1].split(",")) {
        const name = id.replace(/^[!+?-]/, "");
        if (name !== "") profiles.set(name, !/^[!-]/.test(id));
      }
    }
  }
  return { properties, profiles };
}

/** Version as written, split into an exact version or a specifier (ranges, LATEST, RELEASE). */
function splitVersion(version: string): { version?: string; specifier?: string } {
  const exact = /^\[\s*([^,[\]()\s]+)\s*\]$/.exec(version);
  if (exact) return { version: exact[1] };
  if (/[[\](),]/.test(version) || version === "LATEST" || version === "RELEASE") {
    return { specifier: version };
  }
  return { version };
}

/** A build's user properties (see `Resolver.userProperties`) and the files they come from. */
interface UserProperties {
  properties: Map<string, string>;
  /** The profiles its `-P` activates (true) or deactivates (false). */
  profiles: Map<string, boolean>;
  inputs: [string, string | undefined][];
}

/** The reactor of a tree (see {@linkcode Resolver.reactor}). */
interface Reactor {
  /** Its POMs by `groupId:artifactId`. */
  byKey: Map<string, Model>;
  /** The paths of the POMs a POM of it lists as modules. */
  modules: Set<string>;
  /**
   * The modules only the `<modules>` of profiles the build does not activate by default list
   * (`-Prelease` builds `distribution`): the first such profile on the way to each.
   */
  onlyWith: Map<string, string>;
}

/** The modules a POM lists: its own, then each profile's, with that profile. */
function modulesOf(pom: RawPom): [string, RawProfile | undefined][] {
  return [
    ...pom.modules.map((m): [string, undefined] => [m, undefined]),
    ...pom.profiles.flatMap((p) => p.modules.map((m): [string, RawProfile] => [m, p])),
  ];
}

/**
 * The modules of a reactor that the default build leaves out: those no path of `<modules>`
 * reaches from its tops without going through a profile not active by default, each with the
 * first such profile on a way to it. The tops are the tree's root pom.xml and the top of
 * `model`'s parent chain, or `model` itself when no POM lists it.
 */
function onlyWithProfiles(
  lists: Map<string, { target: string; profile?: string }[]>,
  model: Model,
): Map<string, string> {
  const listed = new Set([...lists.values()].flatMap((l) => l.map((e) => e.target)));
  const tops = ["pom.xml", model.chain[0].path, model.path].filter((p) =>
    lists.has(p) && !listed.has(p)
  );
  const built = new Set<string>();
  const queue = [...tops];
  while (queue.length > 0) {
    const path = queue.pop()!;
    if (built.has(path)) continue;
    built.add(path);
    for (const e of lists.get(path) ?? []) if (e.profile === undefined) queue.push(e.target);
  }
  const out = new Map<string, string>();
  const pending: [string, string][] = [];
  for (const path of built) {
    for (const e of lists.get(path) ?? []) {
      if (e.profile !== undefined) pending.push([e.target, e.profile]);
    }
  }
  for (let i = 0; i < pending.length; i++) {
    const [path, profile] = pending[i];
    if (built.has(path) || out.has(path)) continue;
    out.set(path, profile);
    for (const e of lists.get(path) ?? []) pending.push([e.target, profile]);
  }
  return out;
}

class Resolver {
  readonly load: Load;
  readonly models = new Map<string, Model | null>();
  readonly paths = new Map<RawPom, string>();
  readonly managements = new Map<Model, Management>();
  readonly warnings = new Set<string>();
  /**
   * The warnings about the profiles of a parent that the POMs read inherit: the same for each
   * module of a build, said once for all (see `ReaderResult.inheritedWarnings`).
   */
  readonly inherited = new Map<string, Set<string>>();
  /**
   * The dependencies whose versions are managed outside the tree, by the POM
   * declaring them, then by the parents and BOMs that may manage them: one
   * warning per POM (see {@linkcode Resolver.allWarnings}), not one per dependency.
   */
  readonly managedOutside = new Map<string, Map<string, Set<string>>>();
  /**
   * The declarations written with no version that no management gives one (a dependency
   * nothing manages, a plugin's dependency, which no dependency management manages), by the
   * POM declaring them: each is warned of once, unless `managedOutside` names it for that POM
   * already (the same name declared as a dependency too: one purl without a version, said once).
   */
  readonly versionless = new Map<string, Set<string>>();
  #reactor?: Reactor;
  /** The uses of the plugins worked out in this read, by model and key (see `#pluginUse`). */
  readonly #pluginUses = new Map<Model, Map<string, PluginMemo[]>>();
  /** The purls of the declarations listed in this read (see {@linkcode Resolver.purlOf}). */
  readonly #purls = new Map<Declared, string>();
  /** The distinct managements the plugins were worked out with (see `#knownManagement`). */
  readonly #managements: Management[] = [];
  /** The reactor's POMs by their own coordinates, and the files read to find them. */
  #poms?: { poms: ReactorPom[]; read: [string, string | undefined][] };

  /** Whether the inventory reads a POM on its own (see `readMavenPom`). */
  readonly reads: (path: string) => boolean;

  constructor(load: Load, reads: (path: string) => boolean = () => true) {
    this.load = load;
    this.reads = reads;
  }

  /**
   * Every warning, sorted: those of {@linkcode Resolver.warnings}, `versionless` and
   * `managedOutside`.
   */
  allWarnings(): string[] {
    const lines = [...this.warnings];
    for (const [source, names] of this.versionless) {
      const outside = [...this.managedOutside.get(source)?.values() ?? []];
      for (const name of names) {
        if (outside.some((managed) => managed.has(name))) continue;
        lines.push(`${source}: ${name}: it has no version; the purl has no version`);
      }
    }
    for (const [source, byOutside] of this.managedOutside) {
      let count = 0;
      const groups = [...byOutside].map(([outside, names]) => {
        count += names.size;
        return { outside, list: [...names].sort(compareStrings).join(", ") };
      }).sort((a, b) => compareStrings(a.list, b.list));
      const [whose, purls] = count === 1
        ? ["its version is", "the purl has"]
        : ["their versions are", "their purls have"];
      // Names managed by other parents and BOMs (a plugin: by a parent only) each say by which.
      const [first] = groups;
      const text = groups.length === 1
        ? `${first.list}: ${whose} managed outside the tree (${first.outside})`
        : `${
          groups.map((g) => `${g.list} (${g.outside})`).join("; ")
        }: ${whose} managed outside the tree`;
      lines.push(`${source}: ${text}; ${purls} no version`);
    }
    return lines.sort();
  }

  /**
   * The core extensions of the build whose base directory is `folder`, from its
   * `.mvn/extensions.xml`: build tools Maven loads before it reads a POM.
   */
  coreExtensions(folder: string): RawDependency[] {
    const path = posix.join(folder, ".mvn", "extensions.xml");
    const text = this.load(path);
    if (text === undefined) return [];
    const decoder = new Decoder(text, path);
    const extensions = decoder.coreExtensions(parseXml(text, path, CODE).root);
    this.paths.set(decoder.pom, path);
    return extensions;
  }

  /** The user properties of the builds of a base directory, and the files they come from. */
  readonly #user = new Map<string, UserProperties>();

  /**
   * The user properties of the build of the POM at `path`: those of the `.mvn/maven.config` of
   * its build's base directory (see {@linkcode Resolver.buildBase}). The files looked at are
   * added to `inputs`.
   */
  userProperties(path: string, inputs: [string, string | undefined][]): Map<string, string> {
    const base = this.buildBase(path);
    const found = this.#userOf(base.folder);
    inputs.push(...base.inputs, ...found.inputs);
    return found.properties;
  }

  /**
   * The profiles the `-P` of the build's `.mvn/maven.config` (see `userProperties`) activates
   * or deactivates.
   */
  userProfiles(path: string): Map<string, boolean> {
    return this.#userOf(this.buildBase(path).folder).profiles;
  }

  /**
   * The base directory of the build of the POM at `path` (see {@linkcode Resolver.baseDirectory}):
   * Maven runs in the folder of the top of the reactor that builds it, the outermost POM of the
   * folders above it whose `<modules>` list it (or list a POM that lists it), and takes the
   * first folder at or above that one with a `.mvn`; a module's own `.mvn` is not that build's.
   * The files looked at are in `inputs`.
   */
  buildBase(path: string): { folder: string; inputs: [string, string | undefined][] } {
    const known = this.#buildBases.get(path);
    if (known !== undefined) return known;
    const inputs: [string, string | undefined][] = [];
    let top = path;
    for (let folder = posix.dirname(path); folder !== ".";) {
      folder = posix.dirname(folder);
      const aggregator = posix.join(folder, "pom.xml");
      const text = this.load(aggregator);
      inputs.push([aggregator, text]);
      if (text !== undefined && this.#lists(text, aggregator, top)) top = aggregator;
    }
    const base = this.baseDirectory(posix.dirname(top));
    const found = { folder: base.folder, inputs: [...inputs, ...base.inputs] };
    this.#buildBases.set(path, found);
    return found;
  }

  /** The base directories of the builds of POMs, by path (see {@linkcode Resolver.buildBase}). */
  readonly #buildBases = new Map<
    string,
    { folder: string; inputs: [string, string | undefined][] }
  >();

  /** Whether the POM at `path` lists the one at `module` in its or its profiles' `<modules>`. */
  #lists(text: string, path: string, module: string): boolean {
    let known = this.#listed.get(path);
    if (known === undefined || known.text !== text) {
      known = { text, modules: new Set() };
      try {
        const raw = decodePom(text, path);
        for (const m of [...raw.modules, ...raw.profiles.flatMap((p) => p.modules)]) {
          known.modules.add(inTree(path, m));
        }
      } catch (e) {
        // A POM vouch cannot read is refused where it is read itself, not here.
        if (!(e instanceof VouchError)) throw e;
      }
      this.#listed.set(path, known);
    }
    return known.modules.has(module);
  }

  /** The modules the POMs read by `#lists` list, by path, with the text they were read from. */
  readonly #listed = new Map<string, { text: string; modules: Set<string | undefined> }>();

  /** The user properties of the build whose base directory is `folder`. */
  #userOf(folder: string): UserProperties {
    let known = this.#user.get(folder);
    if (known !== undefined) return known;
    const config = posix.join(folder, ".mvn", "maven.config");
    const text = this.load(config);
    known = text === undefined
      ? { properties: new Map(), profiles: new Map(), inputs: [[config, text]] }
      : { ...mavenConfig(text), inputs: [[config, text]] };
    this.#user.set(folder, known);
    return known;
  }

  /** The base directories of the builds of folders (see {@linkcode Resolver.baseDirectory}). */
  readonly #bases = new Map<string, { folder?: string; inputs: [string, string | undefined][] }>();

  /**
   * The base directory of a build run in `folder` (`maven.multiModuleProjectDirectory`, whose
   * `.mvn/` holds the build's `extensions.xml`, `maven.config` and `jvm.config`): the `mvn`
   * script's find_maven_basedir takes the first folder at or above it that has a `.mvn`
   * directory, whatever that holds, else `folder` itself. A `.mvn` is seen by the files Maven
   * and its wrapper put there (see {@linkcode MVN_FILES}); those looked at are in `inputs`.
   */
  baseDirectory(folder: string): { folder: string; inputs: [string, string | undefined][] } {
    const found = this.#mvnAbove(folder);
    return { folder: found.folder ?? folder, inputs: found.inputs };
  }

  /** The nearest folder at or above `folder` with a `.mvn` (none: `undefined`), and the files looked at. */
  #mvnAbove(folder: string): { folder?: string; inputs: [string, string | undefined][] } {
    const known = this.#bases.get(folder);
    if (known !== undefined) return known;
    const inputs: [string, string | undefined][] = [];
    let found: { folder?: string; inputs: [string, string | undefined][] } | undefined;
    for (const name of MVN_FILES) {
      const file = posix.join(folder, ".mvn", name);
      const text = this.load(file);
      inputs.push([file, text]);
      if (text !== undefined) {
        found = { folder, inputs };
        break;
      }
    }
    if (found === undefined) {
      const above = folder === "." ? { inputs: [] } : this.#mvnAbove(posix.dirname(folder));
      found = { ...above, inputs: [...inputs, ...above.inputs] };
    }
    this.#bases.set(folder, found);
    return found;
  }

  /** The model of the POM at `path`, or `undefined` when there is no such file. */
  model(path: string, visiting: string[] = []): Model | undefined {
    const known = this.models.get(path);
    if (known !== undefined) return known ?? undefined;
    if (visiting.includes(path)) {
      throw invalid(path, 1, `the parent chain loops: ${[...visiting, path].join(" → ")}`);
    }
    if (visiting.length > MAX_CHAIN) {
      throw invalid(path, 1, `more than ${MAX_CHAIN} parent POMs above it`);
    }
    const text = this.load(path);
    if (text === undefined) {
      this.models.set(path, null);
      return undefined;
    }
    const cached = MODELS.get(text)?.get(path);
    if (cached !== undefined && cached.inputs.every(([p, t]) => this.load(p) === t)) {
      for (const m of cached.chain) this.paths.set(m.raw, m.path);
      this.models.set(path, cached);
      return cached;
    }
    const model = this.build(path, text, [...visiting, path]);
    if (MODELS.size >= MODELS_LIMIT) MODELS.delete(MODELS.keys().next().value!);
    MODELS.set(text, (MODELS.get(text) ?? new Map()).set(path, model));
    return model;
  }

  /**
   * The path of a POM of the tree's reactor (reached through `<modules>` from
   * the root pom.xml) whose own coordinates are these, read without building
   * models; the files read are added to `inputs`.
   */
  reactorPom(
    c: { groupId?: string; artifactId?: string; version?: string },
    inputs: [string, string | undefined][],
  ): string | undefined {
    const found = this.reactorPoms(inputs).find((p) =>
      p.groupId === c.groupId && p.artifactId === c.artifactId &&
      (c.version === undefined || p.version === c.version)
    );
    return found?.path;
  }

  /**
   * The reactor's POMs (reached through `<modules>` from the tree's root pom.xml) by their own
   * coordinates, read without building models; the files read are added to `inputs`.
   */
  reactorPoms(inputs: [string, string | undefined][]): ReactorPom[] {
    if (this.#poms === undefined) {
      const poms: ReactorPom[] = [];
      const read: [string, string | undefined][] = [];
      /** The POMs whose groupId comes from a parent at a path, by their path. */
      const inherits = new Map<string, string>();
      /** The modules each POM lists outside its profiles. */
      const listed = new Map<string, string[]>();
      const queue = new Set(["pom.xml"]);
      for (const path of queue) {
        const text = this.load(path);
        read.push([path, text]);
        if (text === undefined) continue;
        const raw = decodePom(text, path);
        const user = this.userProperties(path, read);
        const own: Lookup = (key) => user.get(key) ?? raw.properties.get(key);
        const groupId = raw.groupId ?? raw.parent?.groupId;
        const version = raw.version ?? raw.parent?.version;
        poms.push({
          groupId: groupId && expand(groupId, own),
          artifactId: expand(raw.artifactId!, own),
          version: version && expand(version, own),
          path,
        });
        // A model 4.1.0 `<parent/>` without coordinates: Maven 4's file model completes them
        // from the POM at its relativePath, whose groupId the project then inherits.
        if (groupId === undefined && raw.parent !== undefined && raw.parent.relativePath !== "") {
          const target = inTree(path, raw.parent.relativePath ?? "../pom.xml");
          if (target !== undefined) inherits.set(path, target);
        }
        for (const module of [...raw.modules, ...raw.profiles.flatMap((p) => p.modules)]) {
          const target = inTree(path, module);
          if (target !== undefined) queue.add(target);
        }
        listed.set(path, raw.modules.flatMap((m) => inTree(path, m) ?? []));
      }
      const plain = new Set(["pom.xml"]);
      for (const path of plain) for (const target of listed.get(path) ?? []) plain.add(target);
      for (const pom of poms) if (!plain.has(pom.path)) pom.profile = true;
      const byPath = new Map(poms.map((p) => [p.path, p]));
      for (const pom of poms) {
        let from = inherits.get(pom.path);
        for (let depth = 0; from !== undefined && depth <= MAX_CHAIN; depth++) {
          pom.groupId = byPath.get(from)?.groupId;
          from = pom.groupId === undefined ? inherits.get(from) : undefined;
        }
      }
      this.#poms = { poms, read };
    }
    inputs.push(...this.#poms.read);
    return this.#poms.poms;
  }

  /**
   * The POM at `path` decoded again, each of its dependencies without groupId given the groupId
   * of the reactor project of its artifactId (see {@linkcode Decoder.dependencies}), as Maven 4's
   * reactor finds it by artifactId alone; the files read are added to `inputs`. Maven stops when
   * several projects have that artifactId ("No unique Source for null:…", an
   * IllegalStateException of getSource), and refuses the dependency when none has it; the tree
   * may not hold the whole reactor, so that one is left out with a warning.
   */
  inferGroups(text: string, path: string, inputs: [string, string | undefined][]): RawPom {
    const uninferred: string[] = [];
    const groupOf = (artifactId: string, offset: number): string | undefined => {
      const line = lineColumn(text, offset).line;
      const all = this.reactorPoms(inputs).filter((p) => p.artifactId === artifactId);
      // One that only a profile's <modules> list is in the reactor only when it is active.
      const plain = all.filter((p) => p.profile === undefined);
      const found = plain.length > 0 ? plain : all;
      if (found.length > 1 && plain.length === 0) {
        uninferred.push(
          `${path}:${line}: the dependency ${artifactId} has no groupId, which Maven 4 takes ` +
            `from the reactor project of that artifactId, and several profiles add one (${
              found.map((p) => p.path).join(", ")
            }): vouch cannot tell which is built; it is left out`,
        );
        return undefined;
      }
      if (found.length > 1) {
        throw invalid(
          path,
          line,
          `the dependency ${artifactId} has no groupId, which Maven 4 takes from the reactor ` +
            `project of that artifactId, and several have it (${
              found.map((p) => p.path).join(", ")
            }): Maven stops ("No unique Source")`,
        );
      }
      const groupId = found[0]?.groupId;
      if (groupId === undefined || groupId.includes("${")) {
        uninferred.push(
          `${path}:${line}: the dependency ${artifactId} has no groupId, which Maven 4 takes ` +
            `from the reactor project of that artifactId: ${
              found.length === 0 ? "none is in the tree" : `${found[0].path} does not say it`
            }; it is left out`,
        );
      }
      return groupId;
    };
    const raw = new Decoder(text, path, groupOf).decode(parseXml(text, path, CODE).root);
    if (uninferred.length > 0) raw.uninferred = uninferred;
    return raw;
  }

  /** The model of a POM from its text (its parents loaded). */
  build(path: string, text: string, visiting: string[]): Model {
    const inputs: [string, string | undefined][] = [[path, text]];
    const decoded = decodePom(text, path);
    const raw = decoded.inferring ? this.inferGroups(text, path, inputs) : decoded;
    this.paths.set(raw, path);
    const user = this.userProperties(path, inputs);
    const own: Lookup = (key) => user.get(key) ?? raw.properties.get(key);
    const parentCoordinates = {
      groupId: raw.parent?.groupId && expand(raw.parent.groupId, own),
      artifactId: raw.parent?.artifactId && expand(raw.parent.artifactId, own),
      version: raw.parent?.version && expand(raw.parent.version, own),
    };
    let parent: Model | undefined;
    let externalParent: MavenCoordinates | undefined;
    if (raw.parent !== undefined) {
      const target = raw.parent.relativePath === ""
        ? undefined
        : inTree(path, raw.parent.relativePath ?? "../pom.xml");
      // Maven compares the raw versions too: the candidate's own, else the one it inherits from
      // its parent (a `${revision}` written only in the parent's <version>).
      const matches = (candidate: Model | undefined): candidate is Model =>
        candidate !== undefined &&
        candidate.groupId === parentCoordinates.groupId &&
        candidate.artifactId === parentCoordinates.artifactId &&
        (raw.parent!.version === undefined || candidate.version === parentCoordinates.version ||
          (candidate.raw.version ?? candidate.raw.parent?.version) === raw.parent!.version);
      const candidate = target === undefined ? undefined : this.model(target, visiting);
      if (target !== undefined) inputs.push(...candidate?.inputs ?? [[target, undefined]]);
      if (raw.parent.artifactId === undefined) {
        // Maven 4 infers a parent written without coordinates: the POM at its relativePath.
        if (candidate === undefined) {
          const written = raw.parent.relativePath ?? "../pom.xml";
          throw invalid(
            path,
            1,
            `the <parent> names no coordinates and its relativePath ${written} names no POM ` +
              `of the tree${target === undefined || target === written ? "" : ` (${target})`}`,
          );
        }
        parentCoordinates.groupId = candidate.groupId;
        parentCoordinates.artifactId = candidate.artifactId;
        parentCoordinates.version = candidate.version;
      }
      // Not at its relativePath: Maven takes it from the reactor (another module of the build).
      const elsewhere = matches(candidate) ? undefined : this.reactorPom(parentCoordinates, inputs);
      const other = elsewhere === undefined ? undefined : this.model(elsewhere, visiting);
      if (other !== undefined) inputs.push(...other.inputs);
      if (matches(candidate)) parent = candidate;
      else if (matches(other)) parent = other;
      else {
        externalParent = {
          groupId: parentCoordinates.groupId!,
          artifactId: parentCoordinates.artifactId!,
          version: parentCoordinates.version,
          type: "pom",
        };
      }
    }
    const cli = this.userProfiles(path);
    const active = raw.profiles.filter((p) => activeByDefault(p, cli, user) === true);
    const properties = new Map([
      ...(parent?.properties ?? []),
      ...raw.properties,
      ...active.flatMap((p) => [...p.properties]),
    ]);
    const model: Model = {
      path,
      raw,
      inputs,
      chain: [],
      active,
      properties,
      user,
      groupId: "",
      artifactId: raw.artifactId!,
      parentCoordinates,
    };
    if (externalParent !== undefined) model.externalParent = externalParent;
    model.chain = [...(parent?.chain ?? []), model];
    const lookup = this.lookup(model);
    const groupId = raw.groupId ?? raw.parent?.groupId ?? parent?.groupId;
    const version = raw.version ?? raw.parent?.version ?? parent?.version;
    if (groupId === undefined) {
      throw invalid(path, 1, "the project has no groupId and no parent to inherit it from");
    }
    model.groupId = expand(groupId, lookup);
    model.artifactId = expand(raw.artifactId!, lookup);
    const versionedBy = this.versioning(path, inputs);
    if (versionedBy !== undefined) model.versionedBy = versionedBy;
    else if (version !== undefined) model.version = expand(version, lookup);
    this.models.set(path, model);
    return model;
  }

  /**
   * The core extension that computes the versions of the build of the POM at `path` (see
   * {@linkcode VERSIONING_EXTENSIONS}), in the `.mvn/extensions.xml` of its build's base
   * directory (see {@linkcode Resolver.buildBase}); the files looked at are added to `inputs`.
   */
  versioning(
    path: string,
    inputs: [string, string | undefined][],
  ): Model["versionedBy"] {
    const base = this.buildBase(path);
    inputs.push(...base.inputs);
    const folder = base.folder;
    const file = posix.join(folder, ".mvn", "extensions.xml");
    const text = this.load(file);
    inputs.push([file, text]);
    if (text === undefined) return undefined;
    const extension = this.coreExtensions(folder).find((e) =>
      VERSIONING_EXTENSIONS.has(`${e.groupId}:${e.artifactId}`)
    );
    if (extension === undefined) return undefined;
    const key = `${extension.groupId}:${extension.artifactId}`;
    if (extension.groupId !== "me.qoomon") {
      return this.jgitverSkips(folder, path, inputs) ? undefined : { extension: key, file };
    }
    // qoomon's sets a version only as its configuration's <ref> or <rev> says (`<version>`);
    // without one it leaves the POMs' own.
    const config = posix.join(folder, ".mvn", `${extension.artifactId}.xml`);
    const written = this.load(config);
    inputs.push([config, written]);
    const configText = written?.replace(/<!--[\s\S]*?-->/g, "");
    // Disabled, it leaves them too (ContextProvider.getDisableOption): by the user property
    // `versioning.disable` (the `-D` of .mvn/maven.config; `-Dversioning.disable` alone is
    // `true`), as Java's parseBoolean reads it, else by the configuration's
    // `<disable>true</disable>` (read by Jackson: `true`, `True`, `TRUE`).
    const user = this.#userOf(folder);
    inputs.push(...user.inputs);
    const option = user.properties.get("versioning.disable");
    const disabled = option !== undefined
      ? option.toLowerCase() === "true"
      : /<disable>\s*(?:true|True|TRUE)\s*<\/disable>/.test(configText ?? "");
    const setsVersion = configText !== undefined && /<version>/.test(configText);
    return setsVersion && !disabled ? { extension: key, file } : undefined;
  }

  /**
   * Whether jgitver, a core extension of the build at `folder`, leaves the version of the POM at
   * `path` as written: skipped, its session is never made and JGitverModelProcessor returns each
   * model unchanged (JGitverUtils.shouldSkip: Java's parseBoolean of the system property
   * `jgitver.skip`, which `.mvn/jvm.config`'s `-Djgitver.skip=true` sets, or of the user
   * property, which `.mvn/maven.config`'s `-Djgitver.skip` sets, `true` alone); or the POM's
   * folder is one its configuration (`.mvn/jgitver.config.xml`, else `.mvn/jgtiver.config.xml`)
   * excludes (`<exclusions><exclusion>dir</exclusion>`: JGitverConfigurationComponent's ignore,
   * a folder whose path holds the excluded one's, in any case). The files read are added to
   * `inputs`.
   */
  jgitverSkips(folder: string, path: string, inputs: [string, string | undefined][]): boolean {
    const user = this.#userOf(folder);
    inputs.push(...user.inputs);
    if (user.properties.get("jgitver.skip")?.toLowerCase() === "true") return true;
    const jvm = posix.join(folder, ".mvn", "jvm.config");
    const options = this.load(jvm);
    inputs.push([jvm, options]);
    // The JVM's -Dname alone is "": not true.
    const system = options?.match(/(?:^|\s)-Djgitver\.skip=(\S*)/g)?.at(-1)?.split("=")[1];
    if (system?.toLowerCase() === "true") return true;
    for (const name of ["jgitver.config.xml", "jgtiver.config.xml"]) {
      const config = posix.join(folder, ".mvn", name);
      const text = this.load(config);
      inputs.push([config, text]);
      if (text === undefined) continue;
      const code = text.replace(/<!--[\s\S]*?-->/g, "");
      const own = posix.dirname(path).toLowerCase();
      return [...code.matchAll(/<exclusion>\s*([^<]*?)\s*<\/exclusion>/g)].some((m) => {
        const excluded = posix.join(folder, m[1]).toLowerCase();
        return m[1] !== "" && (excluded === "." || own.startsWith(excluded));
      });
    }
    return false;
  }

  /**
   * Property lookup in a model (and an overlay, e.g. a profile's properties),
   * in Maven 3's order: `project.`/`pom.` model fields, then properties, then
   * the model's fields unprefixed (`${version}`, `${parent.version}`, which
   * Maven 3 still resolves with a deprecation warning).
   */
  lookup(model: Model, overlay?: Map<string, string>): Lookup {
    const field = (name: string): string | undefined => {
      switch (name) {
        case "groupId":
          return model.groupId;
        case "artifactId":
          return model.artifactId;
        case "version":
          return model.version;
        case "packaging":
          return model.raw.packaging ?? "jar";
        case "parent.groupId":
          return model.parentCoordinates.groupId;
        case "parent.artifactId":
          return model.parentCoordinates.artifactId;
        case "parent.version":
          return model.parentCoordinates.version;
      }
    };
    return (key) => {
      const dot = key.indexOf(".");
      const prefix = key.slice(0, dot);
      if (prefix === "project" || prefix === "pom") {
        const value = field(key.slice(dot + 1));
        if (value !== undefined) return value;
      }
      return model.user.get(key) ?? overlay?.get(key) ?? model.properties.get(key) ?? field(key);
    };
  }

  /**
   * The reactor: every POM reachable through `<modules>` from the tree's root
   * pom.xml and from the top of `model`'s parent chain, by `groupId:artifactId`.
   */
  reactor(model: Model): Reactor {
    if (this.#reactor !== undefined) return this.#reactor;
    const byKey = new Map<string, Model>();
    const modules = new Set<string>();
    const seen = new Set<string>();
    /** The modules each POM lists, each with the profile not active by default that lists it. */
    const lists = new Map<string, { target: string; profile?: string }[]>();
    // Depth first, each module before the next, on a stack of its own (a call for each, a chain
    // of 5,000 modules overflowed the stack).
    const stack = [model.path, model.chain[0].path, "pom.xml"];
    while (stack.length > 0) {
      const path = stack.pop()!;
      if (seen.has(path)) continue;
      seen.add(path);
      const m = this.model(path);
      if (m === undefined) continue;
      const key = `${m.groupId}:${m.artifactId}`;
      if (!byKey.has(key)) byKey.set(key, m);
      const targets: string[] = [];
      const listed: { target: string; profile?: string }[] = [];
      const cli = this.userProfiles(path);
      for (const [module, profile] of modulesOf(m.raw)) {
        const target = inTree(path, module);
        if (target === undefined) continue;
        modules.add(target);
        targets.push(target);
        const off = profile !== undefined && activeByDefault(profile, cli, m.user) === false;
        listed.push(off ? { target, profile: profile.id } : { target });
      }
      lists.set(path, listed);
      for (let i = targets.length - 1; i >= 0; i--) stack.push(targets[i]);
    }
    return this.#reactor = { byKey, modules, onlyWith: onlyWithProfiles(lists, model) };
  }

  /** The reactor project with these coordinates (same version, or no version given). */
  reactorProject(model: Model, c: MavenCoordinates): Model | undefined {
    const found = this.reactor(model).byKey.get(`${c.groupId}:${c.artifactId}`);
    return found !== undefined && (c.version === undefined || c.version === found.version)
      ? found
      : undefined;
  }

  /**
   * Effective dependency management of a model: its chain's entries, then BOM
   * imports; with `overlay`, interpolated with a profile's properties.
   */
  management(model: Model, importing: Model[] = [], overlay?: Map<string, string>): Management {
    const known = overlay === undefined ? this.managements.get(model) : undefined;
    if (known !== undefined) return known;
    if (importing.includes(model) || importing.length > MAX_CHAIN) {
      throw invalid(
        model.path,
        1,
        `BOM imports loop: ${[...importing, model].map((m) => m.path).join(" → ")}`,
      );
    }
    const lookup = this.lookup(model, overlay);
    const entries = new Map<string, Managed & { raw: RawDependency; c: MavenCoordinates }>();
    // A module's entries first, then its parents' (as Maven merges them): its own win, and so do
    // the BOMs it imports over those its parents import (the first import of a key wins).
    for (const m of model.chain.toReversed()) {
      const own = new Map<string, Managed & { raw: RawDependency; c: MavenCoordinates }>();
      // An active profile's entry replaces its POM's own whole (a scope it leaves out is not kept).
      for (const raw of withActive(m, (p) => p.dependencyManagement)) {
        const c = this.coordinates(raw, lookup);
        if (c === undefined) continue;
        own.set(managementKey(c), { ...this.managed(raw, lookup), raw, c });
      }
      for (const [key, entry] of own) if (!entries.has(key)) entries.set(key, entry);
    }
    const own = new Map<string, Managed>();
    const imports: MavenCoordinates[] = [];
    for (const [key, entry] of entries) {
      const bom = bomImport(entry.c, entry.scope);
      if (bom !== undefined) imports.push(bom);
      else own.set(key, entry);
    }
    const result = this.importBoms(model, imports, own, [...importing, model]);
    const top = model.chain[0];
    if (top.externalParent !== undefined) {
      const parent = `parent ${coordinatesText(top.externalParent)}`;
      result.outside = [parent, ...result.outside.filter((o) => o !== parent)];
    }
    if (overlay === undefined) this.managements.set(model, result);
    return result;
  }

  /**
   * A management of `entries` and the BOMs `model` imports, in order: an entry of `entries` wins
   * over an imported one, and the first BOM that manages a key wins over later ones (as Maven
   * imports them). `importing`: the models whose imports lead here (a loop is an error).
   */
  importBoms(
    model: Model,
    boms: MavenCoordinates[],
    entries: Map<string, Managed>,
    importing: Model[],
  ): Management {
    const result: Management = { entries: new Map(entries), imports: [], outside: [] };
    for (const c of boms) {
      const bom = this.reactorProject(model, c);
      result.imports.push(bom === undefined ? { coordinates: c } : { coordinates: c, model: bom });
      if (bom === undefined) {
        addNew(result.outside, [`BOM ${coordinatesText(c)}`]);
        continue;
      }
      const imported = this.management(bom, importing);
      for (const [key, entry] of imported.entries) {
        if (!result.entries.has(key)) result.entries.set(key, entry);
      }
      addNew(result.outside, imported.outside);
    }
    return result;
  }

  managed(raw: RawDependency, lookup: Lookup): Managed {
    const out: Managed = {};
    for (const name of ["version", "scope"] as const) {
      if (raw[name] !== undefined) out[name] = expand(raw[name]!, lookup);
    }
    return out;
  }

  /**
   * Interpolated coordinates, or `undefined` (with a warning) when the group or
   * artifact uses an unknown property or is no Maven id once expanded (empty, or
   * with a character Maven's validator refuses; see `MAVEN_ID`). A type or classifier that does (one a
   * build extension sets, `${os.detected.classifier}`) is kept as written, so
   * that management entries written alike still match; {@linkcode declared}
   * leaves it out of the purl.
   */
  coordinates(raw: RawDependency, lookup: Lookup): MavenCoordinates | undefined {
    const c: MavenCoordinates = {
      groupId: expand(raw.groupId, lookup),
      artifactId: expand(raw.artifactId, lookup),
    };
    if (raw.type !== undefined) c.type = expand(raw.type, lookup);
    if (raw.classifier !== undefined) c.classifier = expand(raw.classifier, lookup);
    if (raw.version !== undefined) c.version = expand(raw.version, lookup);
    const unknown = [c.groupId, c.artifactId].find((v) => v.includes("${"));
    if (unknown !== undefined) {
      this.warnings.add(
        `${
          this.paths.get(raw.pom)
        }: ${raw.groupId}:${raw.artifactId} is left out: ${unknown} is not defined in the tree`,
      );
      return undefined;
    }
    const bad = [c.groupId, c.artifactId].find((v) => !MAVEN_ID.test(v));
    if (bad !== undefined) {
      this.warnings.add(
        `${this.paths.get(raw.pom)}: ${raw.groupId}:${raw.artifactId} is left out: ${
          bad === ""
            ? 'its id is empty once expanded (Maven refuses it: "is missing")'
            : `${
              JSON.stringify(bad)
            } is no Maven id (Maven refuses it: "does not match a valid id pattern")`
        }`,
      );
      return undefined;
    }
    return c;
  }

  /** A declared dependency after interpolation and management (undefined: left out, warned). */
  declared(
    model: Model,
    raw: RawDependency,
    options: {
      management: Management;
      overlay?: Map<string, string>;
      scope?: Scope;
      /** The properties it may use, in place of the model's (see {@linkcode Resolver.lookup}). */
      lookup?: Lookup;
    },
  ): Declared | undefined {
    const lookup = options.lookup ?? this.lookup(model, options.overlay);
    const c = this.coordinates(raw, lookup);
    if (c === undefined) return undefined;
    const managed = options.management.entries.get(managementKey(c)) ?? {};
    const source = this.paths.get(raw.pom)!;
    const written = c.version ?? managed.version;
    const rawScope = raw.scope === undefined
      ? managed.scope ?? "compile"
      : expand(raw.scope, lookup);
    let scope = options.scope ?? (Object.hasOwn(SCOPES, rawScope) ? SCOPES[rawScope] : undefined);
    if (scope === undefined && rawScope.includes("${")) {
      // Maven keeps it with a warning; a profile or a parent outside the tree may define it.
      this.warnings.add(
        `${source}: ${c.groupId}:${c.artifactId}: its scope ${rawScope} uses a property not defined in the tree; it is taken as compile, Maven's default`,
      );
      scope = "runtime";
    }
    if (scope === undefined) {
      // Maven 3 only warns ("must be one of [provided, compile, runtime, test, system]") and
      // builds: its scope filters let an unknown scope through, so the artifact is resolved with
      // every classpath and packaged by what keeps the runtime scope (war, assembly, shade).
      // `import` too, on a dependency (only a managed `pom` imports a BOM).
      const what = rawScope === "import"
        ? "imports nothing here (only a <type>pom</type> entry of <dependencyManagement> imports a BOM)"
        : "is not one Maven knows";
      this.warnings.add(
        `${source}: ${c.groupId}:${c.artifactId}: its scope ${JSON.stringify(rawScope)}${
          raw.scope === undefined ? " (from its dependency management)" : ""
        } ${what} (Maven warns, resolves it with every classpath and packages it with the runtime ones); it is taken as runtime`,
      );
      scope = "runtime";
    }
    // The dependency's own flag only: Maven's management injector leaves `optional` unmanaged.
    if (
      raw.optional !== undefined && mavenTrue(expand(raw.optional, lookup)) && scope === "runtime"
    ) {
      scope = "optional";
    }
    // Built field by field: no spread, no `delete` (both slow on a hot path).
    const declared: Declared = { groupId: c.groupId, artifactId: c.artifactId, scope, source };
    for (const qualifier of ["type", "classifier"] as const) {
      const value = c[qualifier];
      if (value === undefined) continue;
      if (!value.includes("${")) {
        declared[qualifier] = value;
        continue;
      }
      this.warnings.add(
        `${source}: ${c.groupId}:${c.artifactId}: its ${qualifier} ${value} uses a property not defined in the tree (a build extension may set it); the purl has no ${qualifier}`,
      );
    }
    // The file the type names: `test-jar` is the `tests` jar, as `<classifier>tests</classifier>`
    // is.
    const file = declared.type === undefined || !Object.hasOwn(TYPES, declared.type)
      ? undefined
      : TYPES[declared.type];
    if (file !== undefined) {
      declared.type = file.extension;
      if (c.classifier === undefined && file.classifier !== undefined) {
        declared.classifier = file.classifier;
      }
    }
    // A project of a build whose versions a core extension computes (jgitver): the version of
    // the build's own, `${project.version}`, is not known; the build's warning says so, once.
    if (
      model.versionedBy !== undefined && (written === undefined || written.includes("${")) &&
      this.reactorProject(model, { groupId: c.groupId, artifactId: c.artifactId }) !== undefined
    ) return declared;
    if (written === undefined) {
      const project = this.reactorProject(model, { groupId: c.groupId, artifactId: c.artifactId });
      if (project !== undefined) {
        this.unversionedSibling(`${c.groupId}:${c.artifactId}`, source, raw, project);
        // Maven 4's: the project's; a classifier's artifact of it is a component at that version.
        if (project.version !== undefined && !project.version.includes("${")) {
          declared.version = project.version;
        }
        return declared;
      }
    }
    if (written === undefined && options.management.outside.length > 0) {
      // Inherited from a pom.xml of the tree: its own read says so, whole, once (when it is read:
      // not a parent in a skipped folder, nor one that `--lockfile` leaves out).
      if (source !== model.path && posix.basename(source) === "pom.xml" && this.reads(source)) {
        return declared;
      }
      const outside = options.management.outside.join(", ");
      let bySource = this.managedOutside.get(source);
      if (bySource === undefined) this.managedOutside.set(source, bySource = new Map());
      let names = bySource.get(outside);
      if (names === undefined) bySource.set(outside, names = new Set());
      names.add(`${c.groupId}:${c.artifactId}`);
      return declared;
    }
    if (written === undefined) {
      let names = this.versionless.get(source);
      if (names === undefined) this.versionless.set(source, names = new Set());
      names.add(`${c.groupId}:${c.artifactId}`);
      return declared;
    }
    if (written.includes("${")) {
      // A parent outside the tree may define the property (a BOM passes on none).
      const parents = options.management.outside.filter((o) => o.startsWith("parent "));
      this.warnings.add(
        `${source}: ${c.groupId}:${c.artifactId}: its version ${written} uses a property not ` +
          `defined in the tree${
            parents.length > 0 ? ` (the ${parents.join(", ")} outside it may define it)` : ""
          }; the purl has no version`,
      );
      return declared;
    }
    const { version, specifier } = splitVersion(written);
    if (version !== undefined) declared.version = version;
    if (specifier !== undefined) declared.specifier = specifier;
    return declared;
  }

  /**
   * Warns of a dependency without a version on a project of the reactor, which vouch takes at
   * that project's version: Maven 3 refuses it ("'dependencies.dependency.version' for
   * g:a:jar is missing.", DefaultModelValidator), unless a parent outside the tree manages it (a
   * plugin's dependency: never); Maven 4 gives it the project's version when a POM of model 4.1.0
   * declares it among its own dependencies (DefaultModelBuilder's transformFileToRaw, for a model
   * other than 4.0.0: not a profile's, nor a plugin's), and then says nothing. One text for both
   * declarations of a name in a POM (a dependency and a plugin's): one warning.
   */
  unversionedSibling(name: string, source: string, raw: RawDependency, project: Model): void {
    if (raw.pom.modelVersion === "4.1.0" && raw.pom.dependencies.includes(raw)) return;
    this.warnings.add(
      `${source}: ${name}: it has no version, which Maven refuses ("dependencies.dependency.version ` +
        `… is missing") unless management outside the tree gives one (Maven 4 gives a model ` +
        `4.1.0 POM's own dependency the reactor project's version); it takes the version of the ` +
        `reactor project ${project.path}${
          project.version === undefined || project.version.includes("${")
            ? ""
            : `, ${project.version}`
        }`,
    );
  }

  /**
   * Effective build plugins: the chain's (inherited unless `inherited=false`),
   * versions from pluginManagement, and its reporting plugins (which `mvn site` runs), versions
   * from the build's plugins, then pluginManagement (as maven-reporting-exec takes them); with
   * `extra`, interpolated with a profile's properties, and with `profiles` (a profile and those of
   * its id, which `-P` activates with it): only the plugins the build does not use, or with
   * `merge` the build's own once the profiles are injected into it. Maven injects each into its
   * own POM before inheritance: its pluginManagement and declarations win over its POM's, and a
   * module's win over a parent's profile's.
   */
  plugins(
    model: Model,
    extra: { profiles: RawProfile[]; overlay: Map<string, string>; merge?: boolean } | undefined,
    management: Management,
  ): PluginUse[] {
    const lookup = this.lookup(model, extra?.overlay);
    const last = this.#lastLists;
    // A profile's plugins are listed twice: the build's again under it, then its own.
    const lists = last !== undefined && last.model === model && last.overlay === extra?.overlay &&
        (last.profiles === extra?.profiles ||
          (last.profiles !== undefined && extra !== undefined &&
            last.profiles.length === extra.profiles.length &&
            last.profiles.every((p, i) => p === extra.profiles[i])))
      ? last.lists
      : this.#pluginLists(model, extra, lookup);
    this.#lastLists = { model, overlay: extra?.overlay, profiles: extra?.profiles, lists };
    const { packaging, managed } = lists;
    const merge = extra?.merge === true;
    const listed = ({ all, main }: ChainedPlugins): Map<string, RawPlugin[]> =>
      main === undefined ? all : new Map([...all].filter(([k]) => main.has(k) === merge));
    const options = pluginOptions(management, lookup);
    const known = this.#knownManagement(management);
    const out = [];
    for (const [k, declarations] of listed(lists.plugins)) {
      const use = this.#pluginUse(model, {
        key: k,
        declarations,
        managed: managed.get(k) ?? [],
        packaging,
        management: known,
      }, lookup);
      if (use !== undefined) out.push(use);
    }
    for (const [k, declarations] of listed(lists.reports)) {
      const version = versionOf(declarations, lists.plugins.all.get(k), managed.get(k));
      const plugin = this.declared(model, pluginDependency(declarations[0], version), options);
      if (plugin !== undefined) out.push({ plugin, dependencies: [], paths: [], copied: [] });
    }
    return out;
  }

  /** The lists of the last {@linkcode Resolver.plugins}, and what they were made for. */
  #lastLists?: {
    model: Model;
    overlay?: Map<string, string>;
    profiles?: RawProfile[];
    lists: PluginLists;
  };

  /**
   * The build plugins and reporting plugins of {@linkcode Resolver.plugins}, with their
   * declarations, its packaging and its pluginManagement declarations by key.
   */
  #pluginLists(
    model: Model,
    extra: { profiles: RawProfile[] } | undefined,
    lookup: Lookup,
  ): PluginLists {
    // Each declaration's key, interpolated once (every list below asks for it again).
    const keys = new Map<RawPlugin, string>();
    const keyOf = (p: RawPlugin): string => {
      if (p.key !== undefined) return p.key;
      let key = keys.get(p);
      if (key === undefined) {
        key = `${expand(p.groupId, lookup)}:${expand(p.artifactId, lookup)}`;
        keys.set(p, key);
      }
      return key;
    };
    const byKey = (
      plugins: RawPlugin[],
      into = new Map<string, RawPlugin[]>(),
    ): Map<string, RawPlugin[]> => {
      for (const p of plugins) {
        const k = keyOf(p);
        const list = into.get(k);
        if (list) list.push(p);
        else into.set(k, [p]);
      }
      return into;
    };
    const depth = new Map(model.chain.map((m, i) => [m.raw, i]));
    /**
     * Which of a list's declarations (the build's plugins, pluginManagement, reports) the module
     * gets: its own, and a parent's unless that POM or one below it says `inherited` other than
     * `true` for the plugin (Maven's `isInherited` is `Boolean.parseBoolean`: `False`, `no` are
     * not inherited). Maven decides on the declaration merged down to that POM, so it drops the
     * declarations of the POMs above it too.
     */
    const inheritedOf = (declarations: RawPlugin[]): (p: RawPlugin) => boolean => {
      const cut = new Map<string, number>();
      for (const p of declarations) {
        if (p.pom === model.raw || p.inherited === undefined) continue;
        if (mavenTrue(p.inherited)) continue;
        const k = keyOf(p);
        cut.set(k, Math.max(cut.get(k) ?? -1, depth.get(p.pom) ?? -1));
      }
      // Most builds inherit every declaration.
      if (cut.size === 0) return () => true;
      return (p) =>
        p.pom === model.raw || (depth.get(p.pom) ?? Infinity) > (cut.get(keyOf(p)) ?? -1);
    };
    /** A POM's declarations, then its active profiles', then those of `extra`'s profiles. */
    const layered = <T>(pick: (declarer: RawPom | RawProfile) => T[]): T[] =>
      model.chain.flatMap((m) => [
        ...withActive(m, pick),
        ...(extra?.profiles ?? []).filter((p) => p.pom === m.raw && !m.active.includes(p))
          .flatMap(pick),
      ]);
    const pluginManagement = layered((d) => d.build.pluginManagement);
    const managed = byKey(pluginManagement.filter(inheritedOf(pluginManagement)));
    // The plugins the packaging's lifecycles bind that the build manages (without the profiles of
    // `extra`) are the build's even where no POM declares them (see LIFECYCLE_PLUGINS).
    const packaging = expand(model.raw.packaging ?? "jar", lookup);
    const bound = LIFECYCLE_PLUGINS.get(packaging) ?? [];
    if (extra === undefined && packaging.includes("${")) {
      // Maven refuses a packaging it cannot interpolate ("Unknown packaging"); one a profile's
      // property gives is that profile's (its plugins are listed in its group).
      this.warnings.add(
        `${model.path}: its packaging ${packaging} is not known without a profile (no ` +
          "property of the build's own gives it): the plugins its lifecycle binds are listed " +
          "only in the group of a profile that sets it",
      );
    }
    const buildManagement = extra === undefined
      ? pluginManagement
      : model.chain.flatMap((m) => withActive(m, (d) => d.build.pluginManagement));
    const boundKeys = (list: RawPlugin[]): string[] => {
      const keys = new Set(list.filter(inheritedOf(list)).map(keyOf));
      return bound.filter((k) => keys.has(k));
    };
    const injected = boundKeys(buildManagement);
    /** One list of the chain's plugins and the profile's (see {@linkcode ChainedPlugins}). */
    const chained = (
      pick: (build: RawBuild) => RawPlugin[],
      lifecycle: { build: string[]; profiles: string[] } = { build: [], profiles: [] },
    ): ChainedPlugins => {
      const declared = model.chain.flatMap((m) => withActive(m, (d) => pick(d.build)));
      // Most profiles declare none of these plugins: the build's list is then theirs too.
      const adds = extra !== undefined && extra.profiles.some((p) => pick(p.build).length > 0);
      const withProfiles = adds ? layered((d) => pick(d.build)) : declared;
      const inherited = inheritedOf(withProfiles);
      const own = new Set(model.chain.flatMap((m) => pick(m.raw.build).filter(inherited)));
      const used = new Set([...own].map(keyOf).concat(lifecycle.build));
      /** The lifecycle's plugins `keys` that `plugins` lacks, with no declaration. */
      const bind = (
        plugins: Map<string, RawPlugin[]>,
        keys: string[],
      ): Map<string, RawPlugin[]> => {
        for (const k of keys) if (!plugins.has(k)) plugins.set(k, []);
        return plugins;
      };
      // An active profile's declaration of a plugin the build uses is injected into it (one the
      // build does not use is the profile's, listed in its group).
      const all = bind(
        byKey(declared.filter((p) => inherited(p) && (own.has(p) || used.has(keyOf(p))))),
        lifecycle.build,
      );
      if (extra === undefined) return { all };
      // A profile's plugin that the build already uses reconfigures it: with `merge`, its
      // version and dependencies are the build's plugin's; else only new plugins are listed.
      const main = new Set(all.keys());
      // Each of its plugins with every declaration of it the build then has (another active
      // profile's too).
      const added = new Set(extra.profiles.flatMap((p) => pick(p.build).map(keyOf)));
      // The profiles' pluginManagement may manage more of the lifecycle's plugins.
      const merged = bind(
        !adds ? new Map(all) : byKey(
          withProfiles.filter((p) =>
            inherited(p) && (own.has(p) || used.has(keyOf(p)) || added.has(keyOf(p)))
          ),
        ),
        lifecycle.profiles,
      );
      return { all: merged, main };
    };
    return {
      packaging,
      managed,
      plugins: chained((b) => b.plugins, {
        build: injected,
        profiles: extra === undefined ? injected : boundKeys(pluginManagement),
      }),
      reports: chained((b) => b.reports),
    };
  }

  /**
   * The purl of a declaration, worked out once a read (the uses of the plugins a profile leaves
   * as they are are listed again, the same declarations, by each profile; see `#pluginUse`).
   */
  purlOf(d: Declared): string {
    let purl = this.#purls.get(d);
    if (purl === undefined) this.#purls.set(d, purl = mavenPurl(d));
    return purl;
  }

  /**
   * The management of the plugins worked out in this read that equals `management` (the same
   * entries, in the same order, and the same parents and BOMs outside the tree), else
   * `management`: a profile's management is mostly the build's again, built anew.
   */
  #knownManagement(management: Management): Management {
    for (const known of this.#managements) {
      if (sameManagement(known, management)) return known;
    }
    if (this.#managements.length < MEMO_LIMIT) this.#managements.push(management);
    return management;
  }

  /**
   * One plugin of {@linkcode Resolver.plugins}, as worked out before in this read when its
   * declarations, packaging and management are the same and each property it read has the same
   * value (most of a profile's properties change none of the build's plugins); else worked out
   * (see {@linkcode Resolver.workOutPlugin}), its warnings said then.
   */
  #pluginUse(model: Model, input: PluginInput, lookup: Lookup): PluginUse | undefined {
    let byKey = this.#pluginUses.get(model);
    if (byKey === undefined) this.#pluginUses.set(model, byKey = new Map());
    let memos = byKey.get(input.key);
    if (memos === undefined) byKey.set(input.key, memos = []);
    for (const memo of memos) {
      if (
        memo.packaging === input.packaging && memo.management === input.management &&
        samePlugins(memo.declarations, input.declarations) &&
        samePlugins(memo.managed, input.managed) &&
        memo.reads.every(([key, value]) => lookup(key) === value)
      ) return memo.use;
    }
    const reads: [string, string | undefined][] = [];
    const use = this.workOutPlugin(model, input, (key) => {
      const value = lookup(key);
      reads.push([key, value]);
      return value;
    });
    if (memos.length < MEMO_LIMIT) memos.push({ ...input, reads, use });
    return use;
  }

  /**
   * One plugin the build uses (see {@linkcode Resolver.plugins}): its artifact at the version
   * its declarations or pluginManagement give, its dependencies, annotation processor paths and
   * copied artifacts (`undefined`: left out, warned).
   */
  workOutPlugin(model: Model, input: PluginInput, lookup: Lookup): PluginUse | undefined {
    const { key: k, declarations, managed, packaging, management } = input;
    // A plugin only the lifecycle binds is its dominant pluginManagement declaration's.
    const plugin = this.declared(
      model,
      pluginDependency(declarations[0] ?? managed.at(-1)!, versionOf(declarations, managed)),
      pluginOptions(management, lookup),
    );
    if (plugin === undefined) return undefined;
    const all = [...managed, ...declarations];
    // A plugin's dependency replaces, whole, the one of its key that a parent's or a profile's
    // declaration it overrides, or its pluginManagement, gives (Maven's model merger).
    const dependencies = new Map(
      all.flatMap((p) => p.dependencies).map((d) => [managementKey(d), d]),
    );
    const executions = executionsOf(model, lookup, managed, declarations);
    // The plugin's own configuration reaches a build only through an execution that does not
    // say its own: one the packaging's lifecycle binds (`default-compile`) that the POMs do not
    // declare. A plugin with no execution, or bound by a packaging not known, is taken as used
    // with it (`mvn compiler:compile` runs it so).
    const defaults = LIFECYCLE_PLUGINS.get(packaging)?.includes(k) ? DEFAULT_EXECUTIONS.get(k) : [];
    const pluginUsed = executions.size === 0 || !LIFECYCLE_PLUGINS.has(packaging) ||
      defaults === undefined || defaults.some((id) => !executions.has(id));
    const build = { management, lookup, scope: "build" as const };
    // No dependencyManagement manages a plugin's dependencies (Maven fails one without a version).
    const unmanaged = { management: UNMANAGED, lookup, scope: "build" as const };
    return {
      plugin,
      dependencies: [...dependencies.values()].flatMap((d) =>
        this.declared(model, d, unmanaged) ?? []
      ),
      paths: [
        ...mergedPaths(
          all.map((p) => p.configuration),
          [...executions.values()].map((list) => list.map((e) => e.configuration)),
          model,
          pluginUsed,
        ),
        ...all.flatMap((p) => p.processorPaths),
      ].flatMap((d) => this.declared(model, d, build) ?? []),
      copied: k === DEPENDENCY_PLUGIN
        ? this.copied(model, all, executions, { lookup, management })
        : [],
    };
  }

  /**
   * The artifacts that maven-dependency-plugin's `copy` and `unpack` goals put into the build
   * (`<artifactItems>`, the execution's configuration merged over the plugin's, as Maven merges
   * them: see {@linkcode mergeConfigurations}): components of the project, `dev` when the
   * execution's phase is one of the test or integration-test phases, `build` for the clean and
   * site lifecycles, else `runtime` (copied into the build's output: Jenkins' war bundles its
   * detached plugins so). An execution without `<phase>` runs at the goals' default phase,
   * `process-sources` (CopyMojo's and UnpackMojo's `@Mojo(defaultPhase)`); one bound to `none` or
   * to no phase of Maven's lifecycles never runs. An item without a version takes, as
   * AbstractFromConfigurationMojo's fillMissingArtifactVersion does, that of the project's
   * dependency of the same groupId, artifactId, type and classifier, then of its dependency
   * management's, then of a dependency of the same groupId and artifactId, then of a managed one.
   */
  copied(
    model: Model,
    declarations: RawPlugin[],
    executions: Map<string, RawExecution[]>,
    options: { lookup: Lookup; management: Management },
  ): Declared[] {
    const { lookup, management } = options;
    const fold = (list: RawConfiguration[]): RawConfiguration | undefined =>
      list.reduce<RawConfiguration | undefined>(
        (merged, c) => mergeConfigurations(c, merged),
        undefined,
      );
    const plugin = fold(declarations.map((p) => p.configuration));
    let dependencies: { c: MavenCoordinates; version?: string }[] | undefined;
    const versionOf = (item: RawDependency): string | undefined => {
      dependencies ??= buildDependencies(model).flatMap((raw) => {
        const c = this.coordinates(raw, lookup);
        if (c === undefined) return [];
        return [{ c, version: c.version ?? management.entries.get(managementKey(c))?.version }];
      });
      const c = { ...item, type: item.type ?? "jar" };
      const exact = (d: MavenCoordinates): boolean =>
        d.groupId === c.groupId && d.artifactId === c.artifactId &&
        (d.type ?? "jar") === c.type && d.classifier === c.classifier;
      const loose = (d: MavenCoordinates): boolean =>
        d.groupId === c.groupId && d.artifactId === c.artifactId;
      const managed = [...management.entries].filter(([, m]) => m.version !== undefined);
      return dependencies.find((d) => d.version !== undefined && exact(d.c))?.version ??
        management.entries.get(managementKey(c))?.version ??
        dependencies.find((d) => d.version !== undefined && loose(d.c))?.version ??
        managed.find(([key]) => key.startsWith(`${c.groupId}:${c.artifactId}:`))?.[1].version;
    };
    const out: Declared[] = [];
    for (const list of executions.values()) {
      const goals = new Set(list.flatMap((e) => e.goals.map((g) => expand(g, lookup).trim())));
      if (!goals.has("copy") && !goals.has("unpack")) continue;
      // The most dominant declaration's phase (MavenModelMerger.mergePluginExecution_Phase).
      const written = list.findLast((e) => e.phase !== undefined)?.phase;
      const phase = written === undefined ? "process-sources" : expand(written, lookup).trim();
      const scope: Scope | undefined = TEST_PHASES.has(phase)
        ? "dev"
        : OTHER_LIFECYCLE_PHASES.has(phase)
        ? "build"
        : DEFAULT_PHASES.has(phase)
        ? "runtime"
        : undefined;
      if (scope === undefined) continue;
      const merged = mergeConfigurations(fold(list.map((e) => e.configuration))!, plugin);
      for (const { path } of merged.items?.paths ?? []) {
        // The plugin refuses an item without them when the goal runs.
        if (path.groupId === undefined || path.artifactId === undefined) continue;
        const { offset, pom, groupId, artifactId, type, classifier } = path;
        const item: RawDependency = { offset, pom, groupId, artifactId };
        if (type !== undefined) item.type = type;
        if (classifier !== undefined) item.classifier = classifier;
        const version = path.version ?? versionOf({
          ...item,
          groupId: expand(groupId, lookup),
          artifactId: expand(artifactId, lookup),
          ...(type === undefined ? {} : { type: expand(type, lookup) }),
          ...(classifier === undefined ? {} : { classifier: expand(classifier, lookup) }),
        });
        if (version !== undefined) item.version = version;
        const d = this.declared(model, item, { management, lookup, scope });
        if (d !== undefined) out.push(d);
      }
    }
    return out;
  }
}

/**
 * How a plugin's own artifact is declared: build, with `lookup`; only a parent's pluginManagement
 * gives a plugin its version (a BOM manages no plugin).
 */
function pluginOptions(
  management: Management,
  lookup: Lookup,
): { management: Management; lookup: Lookup; scope: Scope } {
  const parents = management.outside.filter((o) => o.startsWith("parent "));
  return {
    management: { entries: new Map(), imports: [], outside: parents },
    lookup,
    scope: "build",
  };
}

/** A plugin's version: that of the last declaration that says one, of the first list that has one. */
function versionOf(...lists: (RawPlugin[] | undefined)[]): string | undefined {
  for (const list of lists) {
    const version = list?.findLast((p) => p.version !== undefined)?.version;
    if (version !== undefined) return version;
  }
}

/**
 * The configurations of the executions of a plugin of `model`, by id, each least dominant first:
 * those of its pluginManagement declarations (`managed`), then of its `declarations`, each list's
 * a parent's unless that POM or one below it says `inherited` other than `true` for an
 * execution of that id (MavenModelMerger.mergePlugin_Executions, inherited like a plugin).
 */
function executionsOf(
  model: Model,
  lookup: Lookup,
  ...lists: RawPlugin[][]
): Map<string, RawExecution[]> {
  const depth = (pom: RawPom): number | undefined => {
    const at = model.chain.findLastIndex((m) => m.raw === pom);
    return at < 0 ? undefined : at;
  };
  const out = new Map<string, RawExecution[]>();
  for (const list of lists) {
    const executions = list.flatMap((p) =>
      p.executions.map((e) => ({ pom: p.pom, e, id: expand(e.id, lookup) }))
    );
    const cut = new Map<string, number>();
    for (const { pom, e, id } of executions) {
      if (pom === model.raw || e.inherited === undefined) continue;
      if (mavenTrue(e.inherited)) continue;
      cut.set(id, Math.max(cut.get(id) ?? -1, depth(pom) ?? -1));
    }
    for (const { pom, e, id } of executions) {
      if (pom !== model.raw && (depth(pom) ?? Infinity) <= (cut.get(id) ?? -1)) continue;
      const same = out.get(id);
      if (same) same.push(e);
      else out.set(id, [e]);
    }
  }
  return out;
}

/** Whether two lists hold the same declarations, in the same order. */
function samePlugins(a: RawPlugin[], b: RawPlugin[]): boolean {
  return a.length === b.length && a.every((p, i) => p === b[i]);
}

/**
 * Whether two managements give the same: the same entries (version and scope) in the same order
 * (maven-dependency-plugin's items take the first entry of their name), and the same parents and
 * BOMs outside the tree.
 */
function sameManagement(a: Management, b: Management): boolean {
  if (a === b) return true;
  if (a.entries.size !== b.entries.size || a.outside.length !== b.outside.length) return false;
  if (a.outside.some((o, i) => o !== b.outside[i])) return false;
  const others = b.entries.entries();
  for (const [key, entry] of a.entries) {
    const [otherKey, other] = others.next().value!;
    if (key !== otherKey || entry.version !== other.version || entry.scope !== other.scope) {
      return false;
    }
  }
  return true;
}

/** maven-dependency-plugin, whose `copy` and `unpack` goals copy artifacts (see `Resolver.copied`). */
const DEPENDENCY_PLUGIN = `${PLUGIN_GROUP}:maven-dependency-plugin`;

/** The phases of Maven's default lifecycle (Maven 3's, which Maven 4 keeps). */
const DEFAULT_PHASES: ReadonlySet<string> = new Set([
  "validate",
  "initialize",
  "generate-sources",
  "process-sources",
  "generate-resources",
  "process-resources",
  "compile",
  "process-classes",
  "generate-test-sources",
  "process-test-sources",
  "generate-test-resources",
  "process-test-resources",
  "test-compile",
  "process-test-classes",
  "test",
  "prepare-package",
  "package",
  "pre-integration-test",
  "integration-test",
  "post-integration-test",
  "verify",
  "install",
  "deploy",
]);

/** The phases of the default lifecycle that only tests use. */
const TEST_PHASES: ReadonlySet<string> = new Set(
  [...DEFAULT_PHASES].filter((p) => p.includes("test")),
);

/** The phases of the clean and site lifecycles. */
const OTHER_LIFECYCLE_PHASES: ReadonlySet<string> = new Set([
  "pre-clean",
  "clean",
  "post-clean",
  "pre-site",
  "site",
  "post-site",
  "site-deploy",
]);

/**
 * The annotation processor paths of a plugin once Maven has merged its declarations:
 * `configurations`, least dominant first (its pluginManagement's, then the parents' and the
 * module's own), and each execution's, merged by id the same way
 * (MavenModelMerger.mergePlugin_Executions) and then over the plugin's (DefaultPluginConfigurationExpander:
 * an execution's configuration is dominant); the plugin's paths are listed too when an execution
 * that says none of its own runs with them (`pluginUsed`). See {@linkcode mergeConfigurations}. A
 * path left without a groupId or artifactId (none to take them from) is refused, naming its POM
 * of `model`.
 */
function mergedPaths(
  configurations: RawConfiguration[],
  executions: RawConfiguration[][],
  model: Model,
  pluginUsed: boolean,
): RawDependency[] {
  const fold = (list: RawConfiguration[]): RawConfiguration | undefined =>
    list.reduce<RawConfiguration | undefined>(
      (merged, c) => mergeConfigurations(c, merged),
      undefined,
    );
  const plugin = fold(configurations);
  const merged = [
    ...pluginUsed ? [plugin] : [],
    ...executions.map((e) => mergeConfigurations(fold(e)!, plugin)),
  ];
  // A path that has no groupId or artifactId once merged (none to take them from) is no
  // coordinate: the compiler plugin cannot resolve it.
  return merged.flatMap((c) => c?.paths?.paths ?? []).map(({ path }) => {
    const { groupId, artifactId } = path;
    if (groupId !== undefined && artifactId !== undefined) return { ...path, groupId, artifactId };
    const pom = model.chain.find((m) => m.raw === path.pom) ?? model;
    throw invalid(
      pom.path,
      lineColumn(path.pom.text, path.offset).line,
      `a annotation processor path without ${groupId === undefined ? "groupId" : "artifactId"}`,
    );
  });
}

/**
 * plexus-utils' `Xpp3Dom.mergeXpp3Dom(dominant, recessive)` of two `<configuration>`s as far as
 * their `<annotationProcessorPaths>` go: it pairs the children of the dominant list and the
 * recessive one of the same element name by position, each field the dominant path lacks taken
 * from the recessive one, drops the recessive paths beyond the dominant's count of that name and
 * adds those of a name the dominant has none of; `combine.children="append"` lists the recessive
 * paths first and then the dominant's, `combine.self="override"` (of the configuration or the
 * list) keeps only the dominant's, a dominant list or path that says `combine.self="remove"` drops
 * the pair, and `combine.children="append"` on the configuration keeps the lists apart (the
 * dominant's is the one read). An attribute the dominant element lacks is the recessive one's, as
 * Xpp3Dom copies it.
 */
function mergeConfigurations(
  dominant: RawConfiguration,
  recessive: RawConfiguration | undefined,
): RawConfiguration {
  if (recessive === undefined || dominant.self === "override") return dominant;
  const merged: RawConfiguration = {};
  const self = dominant.self ?? recessive.self;
  if (self !== undefined) merged.self = self;
  const children = dominant.children ?? recessive.children;
  if (children !== undefined) merged.children = children;
  // `combine.children="append"` on the configuration: the recessive children, then the dominant
  // ones, none merged; the plugin's configurator sets the field from each child in turn
  // (ObjectWithFieldsConverter.processConfiguration), so the dominant list, if any, is the one.
  const paths = children === "append"
    ? dominant.paths ?? recessive.paths
    : mergePathLists(dominant.paths, recessive.paths);
  if (paths !== undefined) merged.paths = paths;
  const items = children === "append"
    ? dominant.items ?? recessive.items
    : mergePathLists(dominant.items, recessive.items);
  if (items !== undefined) merged.items = items;
  return merged;
}

/** The `<annotationProcessorPaths>` of {@linkcode mergeConfigurations}. */
function mergePathLists(
  dominant: RawConfiguration["paths"],
  recessive: RawConfiguration["paths"],
): RawConfiguration["paths"] {
  type Path = NonNullable<RawConfiguration["paths"]>["paths"][number];
  if (dominant === undefined) return recessive;
  if (recessive === undefined || dominant.self === "override") return dominant;
  // Xpp3Dom drops a dominant child that says `combine.self="remove"` with the recessive one it
  // pairs with: the configuration then has no list.
  if (dominant.self === "remove") return undefined;
  const children = dominant.children ?? recessive.children;
  let paths: Path[];
  if (children === "append") paths = [...recessive.paths, ...dominant.paths];
  else {
    // Each recessive path pairs with the next dominant one of its element name, if any is
    // left; one of a name the dominant list lacks is added after them.
    paths = [...dominant.paths];
    const next = new Map<string, number>();
    for (const r of recessive.paths) {
      if (!dominant.paths.some((d) => d.name === r.name)) {
        paths.push(r);
        continue;
      }
      const at = next.get(r.name) ?? 0;
      const d = dominant.paths.filter((d) => d.name === r.name)[at];
      next.set(r.name, at + 1);
      if (d === undefined) continue;
      const i = paths.indexOf(d);
      if (d.remove) {
        paths.splice(i, 1);
        continue;
      }
      const path: PartialDependency = { ...d.path };
      for (const name of DEPENDENCY_FIELDS) {
        const field = name as keyof PartialDependency;
        if (path[field] === undefined && r.path[field] !== undefined) {
          (path as unknown as Record<string, unknown>)[field] = r.path[field];
        }
      }
      paths[i] = { ...d, path };
    }
  }
  const merged: NonNullable<RawConfiguration["paths"]> = { paths };
  const self = dominant.self ?? recessive.self;
  if (self !== undefined) merged.self = self;
  if (children !== undefined) merged.children = children;
  return merged;
}

/**
 * The plugins Maven's lifecycles bind for each packaging it knows (by `groupId:artifactId`): the
 * `clean` and `site` lifecycles' default bindings for every packaging, and the `default`
 * lifecycle's mapping of the packaging (maven-core 3.8.7's META-INF/plexus/default-bindings.xml
 * and components.xml; 3.9 and 4's lifecycle mapping providers bind the same plugins, and Maven 4
 * binds `bom` as `pom`). Maven's model builder injects each into the build
 * (DefaultLifecycleBindingsInjector), its pluginManagement declaration, if any, merged into it:
 * a module of packaging `jar` that declares no compiler plugin is still built with the one, and
 * the configuration, that its parent's pluginManagement gives. A packaging a build extension
 * defines binds what that extension says: only maven-bundle-plugin's `bundle` is known.
 */
const LIFECYCLE_PLUGINS: ReadonlyMap<string, readonly string[]> = (() => {
  const each = ["maven-clean-plugin", "maven-site-plugin"];
  const deploy = ["maven-install-plugin", "maven-deploy-plugin"];
  const java = (packager: string[]): string[] => [
    "maven-resources-plugin",
    "maven-compiler-plugin",
    "maven-surefire-plugin",
    ...packager,
  ];
  const bindings: [string, string[]][] = [
    ["pom", []],
    ["bom", []],
    ["jar", java(["maven-jar-plugin"])],
    ["ejb", java(["maven-ejb-plugin"])],
    ["maven-plugin", java(["maven-jar-plugin", "maven-plugin-plugin"])],
    ["war", java(["maven-war-plugin"])],
    ["ear", ["maven-ear-plugin", "maven-resources-plugin"]],
    ["rar", java(["maven-rar-plugin"])],
    // The one packaging of a build extension known: maven-bundle-plugin's `bundle` (Felix's
    // META-INF/plexus/components.xml maps it as a jar's lifecycle, its own `bundle` goal the
    // packager), which OSGi libraries (Guava, …) build with.
    ["bundle", java(["org.apache.felix:maven-bundle-plugin"])],
  ];
  const key = (a: string): string => a.includes(":") ? a : `${PLUGIN_GROUP}:${a}`;
  return new Map(
    bindings.map(([packaging, plugins]) => [packaging, [...each, ...plugins, ...deploy].map(key)]),
  );
})();

/**
 * The executions Maven's lifecycle gives a plugin it binds, by id (`default-<goal>`, maven-core's
 * DefaultLifecyclePluginAnalyzer.getExecutionId): the compiler plugin's `compile` and
 * `testCompile` goals for every packaging of {@linkcode LIFECYCLE_PLUGINS} that binds it. A bound
 * plugin not here has executions not known.
 */
const DEFAULT_EXECUTIONS: ReadonlyMap<string, readonly string[]> = new Map([
  [`${PLUGIN_GROUP}:maven-compiler-plugin`, ["default-compile", "default-testCompile"]],
]);

/** A plugin as a dependency on its artifact, with the version it is used at. */
function pluginDependency(plugin: RawPlugin, version: string | undefined): RawDependency {
  const { groupId, artifactId, offset, pom } = plugin;
  return version === undefined
    ? { groupId, artifactId, offset, pom }
    : { groupId, artifactId, offset, pom, version };
}

// ---------------------------------------------------------------------------
// Mapping: one POM's effective model to members, components and edges.

/**
 * The file extension of a reactor project's artifact, as a purl's `type` (`undefined` for a jar,
 * the purl-spec's default): its packaging's artifact handler's extension (see
 * {@linkcode TYPES}: `ejb`, `maven-plugin`, `bundle`, `takari-jar` are jars, `content-package`
 * a zip), else the packaging itself, as Maven's DefaultArtifactHandler names the file of a type
 * it has no handler for (`war`, `ear`, `rar`, `pom`). `undefined` too for a packaging a property
 * the build does not define gives, and, with a warning to `warnings`, for a packaging vouch does
 * not know in a build that loads a build extension (a plugin with `<extensions>true</extensions>`,
 * a `<build><extensions>` one): that extension's artifact handler, if it has one, names the
 * file, which may be a jar or a zip as well as the packaging.
 */
function packagingType(model: Model, lookup: Lookup, warnings: Set<string>): string | undefined {
  const raw = model.raw.packaging?.trim();
  const packaging = raw === undefined ? undefined : expand(raw, lookup);
  if (packaging === undefined || packaging.includes("${")) return undefined;
  if (Object.hasOwn(TYPES, packaging)) {
    const extension = TYPES[packaging].extension;
    return extension === "jar" ? undefined : extension;
  }
  if (LIFECYCLE_PLUGINS.has(packaging)) return packaging === "jar" ? undefined : packaging;
  const extensions = buildExtensions(model, lookup);
  if (extensions.length === 0) return packaging;
  const line = lineColumn(model.raw.text, model.raw.packagingOffset ?? 0).line;
  warnings.add(
    `${model.path}:${line}: its packaging ${packaging} is not one vouch knows, and the build ` +
      `extensions it loads (${
        extensions.join(", ")
      }) may give it an artifact handler naming another file than a .${packaging}: the purl ` +
      "has no type",
  );
  return undefined;
}

/**
 * A boolean of the POM as Maven reads it: its reader trims the text, and the model says
 * `Boolean.parseBoolean` (Dependency.isOptional, Plugin.isExtensions and isInherited,
 * PluginExecution.isInherited in maven.mdo) or reads the field with `Boolean.valueOf`
 * (Activation.activeByDefault): `true` in any case (`TRUE`, `True`), anything else is false.
 */
function mavenTrue(text: string): boolean {
  return text.toLowerCase() === "true";
}

/**
 * The build extensions a project loads (by `groupId:artifactId`): the plugins of its build (its
 * parents' and active profiles' too) whose declaration or management says
 * `<extensions>true</extensions>`, and its `<build><extensions>`.
 */
function buildExtensions(model: Model, lookup: Lookup): string[] {
  const plugins = model.chain.flatMap((m) => withActive(m, (d) => d.build.plugins));
  const managed = model.chain.flatMap((m) => withActive(m, (d) => d.build.pluginManagement));
  const name = (p: { groupId: string; artifactId: string }): string => expand(mavenName(p), lookup);
  const declared = new Set(plugins.map(name));
  const loaded = new Set(
    [...plugins, ...managed]
      .filter((p) => p.extensions !== undefined && mavenTrue(expand(p.extensions, lookup)))
      .map(name).filter((n) => declared.has(n)),
  );
  for (const m of model.chain) {
    for (const e of withActive(m, (d) => d.build.extensions)) loaded.add(name(e));
  }
  return [...loaded].sort(compareStrings);
}

/**
 * A reactor project as a member. A project whose artifact is no jar has its file's type (see
 * {@linkcode packagingType}): a pom-packaged one (an aggregator, a parent) ships its POM alone,
 * `?type=pom` as the same POM has as a parent or BOM outside the tree; a war, ear or rar its
 * archive, as a dependency on it declares it. (cyclonedx-maven-plugin gives the project's own
 * component the project artifact's type, its packaging: `?type=ejb` where vouch, naming files
 * as it does for dependencies, has the jar.)
 */
function memberOf(model: Model, lookup: Lookup, warnings: Set<string>): Member {
  const c = { groupId: model.groupId, artifactId: model.artifactId };
  const version = model.version?.includes("${") ? undefined : model.version;
  const type = packagingType(model, lookup, warnings);
  const purl = mavenPurl({ ...c, version, type });
  return version === undefined
    ? { id: purl, name: mavenName(c), purl }
    : { id: purl, name: mavenName(c), version, purl };
}

class Mapper {
  readonly out: OutputBuilder;
  readonly resolver: Resolver;
  readonly model: Model;
  /** The POMs mapped into {@linkcode Mapper.out}: this one and the modules it maps itself. */
  readonly mapped: Set<string>;
  /** The modules named by file that are still to map, in the order they were found. */
  readonly pending: Model[];
  /** The project's own (non-profile) dependencies, by management key. */
  declared = new Map<string, RawDependency>();
  /** What the build declares without any profile: purl and scope (see {@linkcode Mapper.add}). */
  readonly base = new Set<string>();
  /** While a profile changes the build's own declarations: those it leaves as they are. */
  unchanged?: Set<string>;
  /** How many component occurrences were added. */
  added = 0;
  /** While a profile the build does not activate by default is mapped: its id. */
  inactive?: string;
  /**
   * For a module only a profile not active by default adds to the reactor: that profile's id
   * (see {@linkcode Reactor.onlyWith}). All it declares is in that profile's group, as a
   * profile's own declarations are, and what it would ship is optional.
   */
  withProfile?: string;
  /** The profiles not active by default whose runtime dependencies were made optional. */
  readonly optional = new Set<string>();

  constructor(
    resolver: Resolver,
    model: Model,
    out = new OutputBuilder(),
    mapped = new Set([model.path]),
    pending: Model[] = [],
  ) {
    this.resolver = resolver;
    this.model = model;
    this.out = out;
    this.mapped = mapped;
    this.pending = pending;
  }

  /** The node id of a reactor project: the root for the tree's own pom.xml, else a member. */
  node(model: Model): string {
    if (model.path === "pom.xml") return ROOT_ID;
    return this.out.member(
      memberOf(model, this.resolver.lookup(model), this.resolver.warnings),
    );
  }

  /** A parent or BOM POM that is not in the tree, as a build-scope declaration. */
  outside(c: MavenCoordinates, source: string): Declared {
    const { version, ...rest } = c;
    const declared: Declared = { ...rest, scope: "build", source, outside: true };
    if (version === undefined || version.includes("${")) {
      this.resolver.warnings.add(
        `${source}: the version of ${
          coordinatesText(c)
        } is not known in the tree; the purl has no version`,
      );
      return declared;
    }
    return { ...declared, ...splitVersion(version) };
  }

  /** Adds a declared artifact: an edge to a reactor project, or a component. */
  add(from: string, d: Declared, groups: string[] = []): string {
    // Not in the default build: what it would ship is only there when the profile is activated.
    const off = this.inactive ?? this.withProfile;
    const scope = off !== undefined && d.scope === "runtime" ? "optional" : d.scope;
    // Another artifact of a reactor project (its `tests` or `client` jar: a classifier) is another
    // file, which Maven's ReactorReader finds among the project's attached artifacts by extension
    // and classifier: a component, as any artifact the purl of a member does not name.
    // An empty `<classifier/>` names none: the main artifact, which the member's purl names.
    const project = d.specifier === undefined && !d.outside && (d.classifier ?? "") === ""
      ? this.resolver.reactorProject(this.model, d)
      : undefined;
    if (project !== undefined) {
      const id = this.node(project);
      this.out.edge(from, id, scope);
      // The warning names the profile whose edge to a module it made optional, too.
      if (scope !== d.scope) this.optional.add(off!);
      return id;
    }
    const purl = this.resolver.purlOf(d);
    // The scope as declared: a profile not active by default makes no other declaration.
    const declaration = `${purl} ${d.scope}`;
    if (this.unchanged?.has(declaration)) return purl;
    if (groups.length === 0) this.base.add(declaration);
    if (scope !== d.scope) this.optional.add(off!);
    const group = this.withProfile === undefined ? undefined : `profile:${this.withProfile}`;
    if (group !== undefined && !groups.includes(group)) groups = [...groups, group];
    this.added++;
    const id = this.out.component({
      purl,
      ecosystem: "maven",
      name: mavenName(d),
      version: d.version,
      specifier: d.specifier,
      direct: true,
      scopes: [scope],
      groups,
      sources: [d.source],
    });
    this.out.edge(from, id, scope);
    return id;
  }

  /**
   * Adds dependencies (the build's, or with `profile` its own, or with
   * `profile` and `rebuild` the build's again under the profile's properties).
   */
  dependencies(
    self: string,
    raws: RawDependency[],
    management: Management,
    profile?: { profile: RawProfile; overlay: Map<string, string>; rebuild?: boolean },
  ): void {
    const groups = profile === undefined ? [] : [`profile:${profile.profile.id}`];
    const seen = new Map<string, RawDependency>();
    for (const raw of raws) seen.set(managementKey(raw), raw); // a child's declaration wins
    if (profile === undefined) this.declared = seen;
    /** A profile's redeclarations of the build's dependencies, merged into them. */
    const redeclared: RawDependency[] = [];
    if (profile !== undefined && !profile.rebuild) {
      const below = declaredBelow(this.model, profile.profile);
      for (const [key, raw] of seen) {
        // A module's own declaration replaces, whole, the one of a parent's profile.
        if (below.has(key)) {
          seen.delete(key);
          continue;
        }
        const own = this.declared.get(key);
        if (own === undefined) continue;
        seen.delete(key);
        // It replaces the build's declaration whole, its own POM's too (Maven's profile injector
        // merges no field of a dependency: a version or scope it leaves out is not the build's).
        redeclared.push(raw);
      }
    }
    const add = (raw: RawDependency): void => {
      const d = this.resolver.declared(this.model, raw, {
        management,
        overlay: profile?.overlay,
      });
      if (d !== undefined) this.add(self, d, groups);
    };
    for (const raw of seen.values()) add(raw);
    // A redeclaration only changes the build's declaration: listed when it gives another
    // version or scope.
    if (redeclared.length > 0) {
      this.unchanged = this.base;
      for (const raw of redeclared) add(raw);
      this.unchanged = undefined;
    }
    this.imports(self, management.imports, groups);
  }

  /** Adds BOM imports: an edge to a reactor project, or a component for one outside the tree. */
  imports(self: string, imports: Management["imports"], groups: string[]): void {
    for (const entry of imports) {
      if (entry.model !== undefined) this.out.edge(self, this.node(entry.model), "build");
      else this.add(self, this.outside(entry.coordinates, this.model.path), groups);
    }
  }

  plugins(
    self: string,
    management: Management,
    profile?: { profile: RawProfile; overlay: Map<string, string>; rebuild?: boolean },
  ): void {
    const groups = profile === undefined ? [] : [`profile:${profile.profile.id}`];
    // A profile the build activates is already injected; one it does not comes with those of its
    // id (`-P` activates them all).
    const applied = profile !== undefined && isApplied(this.model, profile.profile);
    const extra = profile && {
      profiles: applied ? [profile.profile] : sameId(this.model, profile.profile),
      overlay: profile.overlay,
      merge: profile.rebuild,
    };
    for (
      const { plugin, dependencies, paths, copied } of this.resolver.plugins(
        this.model,
        extra,
        management,
      )
    ) {
      const id = this.add(self, plugin, groups);
      for (const d of dependencies) this.add(id, d, groups);
      for (const d of paths) this.add(self, d, groups);
      for (const d of copied) this.add(self, d, groups);
    }
  }

  /**
   * Says that every profile is listed whether Maven activates it or not: vouch cannot know the JDK, OS,
   * properties and `-P` flags of the build, so every profile's dependencies
   * and plugins are listed (group `profile:<id>`), whether Maven would
   * activate it or not; and names those it activates by default (`applied`), whose
   * properties, management and redeclarations are the build's own.
   */
  warnProfiles(
    profiles: RawProfile[],
    changing: Set<RawProfile>,
    cli: Map<string, boolean>,
    applied: Set<RawProfile>,
  ): void {
    const used = profiles.filter((p) =>
      p.dependencies.length > 0 || p.build.plugins.length > 0 || p.build.reports.length > 0 ||
      p.modules.length > 0 ||
      changing.has(p)
    );
    if (used.length === 0) return;
    // One warning per POM that declares the profiles: a module's own, and one for each parent's
    // (said for every module that inherits them alike: the merge of the build's POMs says it once,
    // naming them, see `inheritedWarnings`).
    const byPom = new Map<string, RawProfile[]>();
    for (const p of used) {
      const from = this.resolver.paths.get(p.pom)!;
      const list = byPom.get(from);
      if (list) list.push(p);
      else byPom.set(from, [p]);
    }
    const poms = new Map(
      [...used, ...applied].map((p) => [p.pom, this.resolver.paths.get(p.pom)!]),
    );
    const ownPath = this.model.path;
    // The profile ids of each warning: a profile not active by default whose runtime
    // dependencies were made optional, or one the build activates, goes to its POM's warning
    // (the module's own for a profile of its POM or of one whose profiles are not listed).
    const home = (path: string | undefined): string =>
      path !== undefined && byPom.has(path) ? path : ownPath;
    const optional = new Map<string, string[]>();
    for (const id of this.optional) {
      const path = home([...byPom].find(([, list]) => list.some((p) => p.id === id))?.[0]);
      optional.set(path, [...optional.get(path) ?? [], id]);
    }
    const active = new Map<string, string[]>();
    for (const p of applied) {
      const path = home(poms.get(p.pom));
      const ids = active.get(path) ?? [];
      if (!ids.includes(p.id)) active.set(path, [...ids, p.id]);
    }
    for (const path of new Set([...byPom.keys(), ...optional.keys(), ...active.keys()])) {
      const profiles = byPom.get(path);
      const optionalIds = optional.get(path) ?? [];
      const activeIds = active.get(path) ?? [];
      const notes = [
        ...optionalIds.length === 0 ? [] : [
          `the runtime dependencies of ${
            optionalIds.join(", ")
          }, which the build does not activate by default, are optional`,
        ],
        ...activeIds.length === 0 ? [] : [
          `the build activates ${
            activeIds.join(", ")
          } by default: their properties, management and redeclarations are the build's own`,
        ],
      ];
      const text = profiles === undefined
        ? `${path}: ${notes.join("; ")}`
        : `${path}: its profiles' activation is known only as far as the POMs and .mvn/maven.config say (not the JDK, OS, files or environment of a run): the dependencies and plugins of ` +
          `every profile (and the versions its properties give the build's own) are listed, ` +
          `each in the group profile:<id>, whether the build activates it or not: ${
            profiles.map((p) => `${p.id} (${activationText(p, cli, this.model.user)})`).join(", ")
          }${notes.map((n) => `; ${n}`).join("")}`;
      if (path === ownPath) this.resolver.warnings.add(text);
      else {
        const by = this.resolver.inherited.get(text);
        if (by) by.add(ownPath);
        else this.resolver.inherited.set(text, new Set([ownPath]));
      }
    }
  }

  /**
   * Maps the POM, then the modules named by file it reaches, one after another (mapped each
   * inside the one naming it, a chain of 3,000 overflowed the stack).
   */
  map(): void {
    this.mapOwn();
    for (const found of this.pending) {
      new Mapper(this.resolver, found, this.out, this.mapped, this.pending).mapOwn();
    }
  }

  /** Maps the POM; the modules named by file it names are left in {@linkcode Mapper.pending}. */
  mapOwn(): void {
    const { model, resolver } = this;
    const self = this.node(model);
    const reactor = resolver.reactor(model);
    this.withProfile = reactor.onlyWith.get(model.path);
    if (self !== ROOT_ID && !reactor.modules.has(model.path)) {
      this.out.edge(ROOT_ID, self, "runtime");
    }
    for (const [module] of modulesOf(model.raw)) {
      const target = inTree(model.path, module);
      const found = target === undefined ? undefined : resolver.model(target);
      if (found === undefined) {
        resolver.warnings.add(`${model.path}: module ${module} is not in the tree`);
        continue;
      }
      // A module only a profile not active by default builds is in the build only with it.
      const only = reactor.onlyWith.get(found.path) !== undefined;
      this.out.edge(self, this.node(found), only ? "optional" : "runtime");
      // A member all the same, whose own pom.xml the scan does not read.
      const skipped = skippedFolder(found.path);
      if (skipped !== undefined) {
        resolver.warnings.add(
          `${model.path}: module ${module} is in ${skipped}, a folder the scan does not enter: ` +
            `its dependencies are not listed; scan ${
              posix.dirname(found.path)
            } with --project-root`,
        );
      } else if (posix.basename(found.path) !== "pom.xml" && !this.mapped.has(found.path)) {
        // Named by its file (`<module>alt/pom-jdk11.xml</module>`): the scan reads only
        // pom.xml files, so its dependencies are listed here.
        this.mapped.add(found.path);
        this.pending.push(found);
      }
    }
    const top = model.chain[0];
    if (top.externalParent !== undefined) {
      this.add(self, this.outside(top.externalParent, top.path));
    }
    const management = resolver.management(model);
    this.build(self, management);
    // Maven's core extensions (the `.mvn/extensions.xml` of the build's base directory, see
    // Resolver.buildBase), listed once, by the top of the reactor: build tools, as the POM's own
    // build extensions are. Maven reads them before any POM: no POM manages them or gives them
    // a property (Maven 4 gives them the user properties, `-D` of `.mvn/maven.config`).
    const user: Lookup = (key) => model.user.get(key);
    const builds = !resolver.reactor(this.model).modules.has(model.path);
    for (
      const raw of builds ? resolver.coreExtensions(resolver.buildBase(model.path).folder) : []
    ) {
      const d = resolver.declared(model, raw, {
        management: UNMANAGED,
        scope: "build",
        lookup: user,
      });
      if (d !== undefined) this.add(self, d, []);
    }
    // A parent's profile, once active, is part of the parent's model that the
    // module inherits: its dependencies are the module's too.
    const profiles = model.chain.flatMap((m) => m.raw.profiles);
    const changing = new Set<RawProfile>();
    const cli = resolver.userProfiles(model.path);
    const applied = new Set(model.chain.flatMap((m) => m.active));
    /** The texts of the chain that use a property, gathered once for all its profiles. */
    let texts: PropertyTexts | undefined;
    for (const profile of profiles) {
      this.inactive = activeByDefault(profile, cli, model.user) === false ? profile.id : undefined;
      const overlay = profileProperties(model, profile);
      const lookup = resolver.lookup(model, overlay);
      const own = new Map<string, Managed>();
      const boms: MavenCoordinates[] = [];
      // Injected into its own POM before inheritance: what a POM below manages (itself or by a
      // profile it activates) wins over a parent's profile's entry.
      const ofId = sameId(model, profile);
      for (const m of model.chain) {
        // (Nothing to replace before the profiles manage an entry: most manage none.)
        for (const raw of own.size === 0 ? [] : withActive(m, (d) => d.dependencyManagement)) {
          const c = resolver.coordinates(raw, lookup);
          if (c !== undefined) own.delete(managementKey(c));
        }
        for (
          const raw of ofId.filter((p) => p.pom === m.raw).flatMap((p) => p.dependencyManagement)
        ) {
          const c = resolver.coordinates(raw, lookup);
          if (c === undefined) continue;
          const managed = resolver.managed(raw, lookup);
          const bom = bomImport(c, managed.scope);
          if (bom !== undefined) boms.push(bom);
          else own.set(managementKey(c), managed);
        }
      }
      // An active profile's properties and management are already the build's.
      const changed = applied.has(profile) || profile.properties.size === 0
        ? management
        : resolver.management(model, [], overlay);
      // The profile's imports come after the build's (which win) and its own entries (which win).
      const imported = resolver.importBoms(
        model,
        boms,
        new Map([...changed.entries, ...own]),
        [],
      );
      const merged = {
        entries: imported.entries,
        imports: changed.imports,
        outside: addNew([...changed.outside], imported.outside),
      };
      const { plugins, pluginManagement, reports } = profile.build;
      const declarations = own.size > 0 || boms.length > 0 ||
        (profile.properties.size > 0 && usesProperties(texts ??= propertyTexts(model), profile));
      if (
        !applied.has(profile) &&
        (declarations || plugins.length > 0 || pluginManagement.length > 0 || reports.length > 0)
      ) {
        // What the profile's properties, management and plugins change in the build's own
        // declarations (only its plugins, when it changes nothing else).
        const before = this.added;
        this.unchanged = this.base;
        const rebuild = { profile, overlay, rebuild: true } as const;
        if (declarations) this.build(self, merged, rebuild);
        else this.plugins(self, merged, rebuild);
        this.unchanged = undefined;
        if (this.added > before) changing.add(profile);
      }
      const options = { profile, overlay };
      this.dependencies(self, profile.dependencies, { ...merged, imports: [] }, options);
      this.imports(self, imported.imports, [`profile:${profile.id}`]);
      this.plugins(self, merged, options);
    }
    this.inactive = undefined;
    this.warnProfiles(profiles, changing, cli, applied);
  }

  /** The build's own dependencies, plugins and extensions (with `profile`: under its properties). */
  build(
    self: string,
    management: Management,
    profile?: { profile: RawProfile; overlay: Map<string, string>; rebuild: true },
  ): void {
    const { model, resolver } = this;
    const groups = profile === undefined ? [] : [`profile:${profile.profile.id}`];
    for (const m of model.chain) m.raw.uninferred?.forEach((w) => resolver.warnings.add(w));
    this.dependencies(self, buildDependencies(model), management, profile);
    this.plugins(self, management, profile);
    // A module's extension replaces a parent's of its groupId:artifactId; neither
    // dependencyManagement nor pluginManagement gives one a version (Maven looks for the newest).
    const extensions = new Map(
      model.chain.flatMap((m) => m.raw.build.extensions).map((e) => [
        `${e.groupId}:${e.artifactId}`,
        e,
      ]),
    );
    for (const raw of extensions.values()) {
      const d = resolver.declared(model, raw, {
        management: UNMANAGED,
        overlay: profile?.overlay,
        scope: "build",
      });
      if (d !== undefined) this.add(self, d, groups);
    }
  }
}

/**
 * The profiles of a model's chain that are active with `profile`: those of its id, the
 * root-most first. `-P <id>` activates the profile of that id in every POM that declares one, so
 * what a parent's profile manages (plugins, dependencies) is managed in the module's profile of
 * the same id, and the other way round.
 */
function sameId(model: Model, profile: RawProfile): RawProfile[] {
  return model.chain.flatMap((m) => m.raw.profiles).filter((p) => p.id === profile.id);
}

/**
 * The properties of a model once `profile` is active: the profile's override
 * those of the POM that declares it (and of the profiles it activates by default), and a
 * module's own still win over a parent's profile (Maven activates a profile in its own POM,
 * before inheritance).
 */
function profileProperties(model: Model, profile: RawProfile): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of model.chain) {
    for (const p of withActive(m, (d) => [d.properties])) for (const [k, v] of p) out.set(k, v);
    if (m.raw === profile.pom) { for (const [k, v] of profile.properties) out.set(k, v); }
  }
  return out;
}

/**
 * The build's own dependencies: the chain's, as the profiles its POMs activate by default
 * redeclare them. Maven injects a POM's profiles into that POM before inheritance: a
 * redeclaration replaces the POM's own declaration whole (a version or scope it leaves out is
 * not kept), and then a module's declaration replaces a parent's whole, so a profile's
 * redeclaration changes only its own POM's, and what a profile adds (its own, listed in its
 * group) replaces a parent's.
 */
function buildDependencies(model: Model): RawDependency[] {
  const byKey = new Map<string, RawDependency>();
  for (const m of model.chain) {
    const own = new Map(m.raw.dependencies.map((raw) => [managementKey(raw), raw]));
    for (const raw of m.active.flatMap((p) => p.dependencies)) {
      const key = managementKey(raw);
      if (own.has(key)) own.set(key, raw);
      else byKey.delete(key);
    }
    for (const [key, raw] of own) byKey.set(key, raw); // a child's wins, whole
  }
  return [...byKey.values()];
}

/** Whether the build activates a profile (by default, or by its property, JDK or `-P`). */
function isApplied(model: Model, profile: RawProfile): boolean {
  return model.chain.some((m) => m.active.includes(profile));
}

/**
 * The management keys of the dependencies that the POMs below `profile`'s in a model's chain
 * declare while it is active: their own, those of the profiles they activate by default, and,
 * when it is not active by default, those of their profiles of its id (`-P` activates an id in
 * every POM). Each replaces, whole, the profile's declaration of its key (Maven injects a
 * profile into its own POM, before inheritance).
 */
function declaredBelow(model: Model, profile: RawProfile): Set<string> {
  const at = model.chain.findIndex((m) => m.raw === profile.pom);
  const applied = isApplied(model, profile);
  const keys = new Set<string>();
  for (const m of model.chain.slice(at + 1)) {
    const profiles = m.raw.profiles.filter((p) =>
      m.active.includes(p) || (!applied && p.id === profile.id)
    );
    for (const raw of [...m.raw.dependencies, ...profiles.flatMap((p) => p.dependencies)]) {
      keys.add(managementKey(raw));
    }
  }
  return keys;
}

/**
 * The texts of a model's chain that use a property (see {@linkcode usesProperties}): the
 * properties whose values do, and the fields of its declarations that do.
 */
interface PropertyTexts {
  properties: [string, string][];
  declarations: string[];
}

/**
 * The {@linkcode PropertyTexts} of a model's chain: its POMs' and the profiles they activate by
 * default (coordinates, scopes and flags of their dependencies, managed dependencies, plugins and
 * extensions, the POMs' own coordinates and the model's packaging).
 */
function propertyTexts(model: Model): PropertyTexts {
  const properties: [string, string][] = [];
  const declarations: string[] = [];
  const text = (value: string | undefined): void => {
    if (value !== undefined && value.includes("${")) declarations.push(value);
  };
  const dependency = (d: PartialDependency): void => {
    for (const f of DEPENDENCY_FIELDS) text(d[f as keyof PartialDependency] as string | undefined);
  };
  const plugin = (p: RawPlugin): void => {
    for (const value of [p.groupId, p.artifactId, p.version, p.inherited]) text(value);
    for (const d of [...p.dependencies, ...p.processorPaths]) dependency(d);
    for (const c of [p.configuration, ...p.executions.map((e) => e.configuration)]) {
      for (const d of [...c.paths?.paths ?? [], ...c.items?.paths ?? []]) dependency(d.path);
    }
    for (const e of p.executions) {
      for (const value of [e.id, e.inherited, e.phase, ...e.goals]) text(value);
    }
  };
  // The packaging chooses the plugins its lifecycle binds (`<packaging>${packaging}</packaging>`).
  text(model.raw.packaging);
  for (const m of model.chain) {
    for (const [k, v] of withActive(m, (d) => [...d.properties])) {
      if (v.includes("${")) properties.push([k, v]);
    }
    for (
      const value of [m.raw.groupId, m.raw.version, m.raw.parent?.groupId, m.raw.parent?.version]
    ) {
      text(value);
    }
    for (const { dependencies, dependencyManagement, build } of withActive(m, (d) => [d])) {
      for (const d of [...dependencies, ...dependencyManagement, ...build.extensions]) {
        dependency(d);
      }
      for (const p of [...build.plugins, ...build.pluginManagement, ...build.reports]) plugin(p);
    }
  }
  return { properties, declarations };
}

/**
 * Whether the declarations of a model's chain (its {@linkcode PropertyTexts}) use a property that
 * `profile` sets, directly or through another property's value: when none does, the profile's
 * properties change none of the build's own declarations, and the build is not read again under
 * them.
 */
function usesProperties(texts: PropertyTexts, profile: RawProfile): boolean {
  const affected = new Set(profile.properties.keys());
  const uses = (text: string): boolean => {
    for (const name of affected) if (text.includes(`\${${name}}`)) return true;
    return false;
  };
  for (let grew = true; grew;) {
    grew = false;
    for (const [k, v] of texts.properties) {
      if (!affected.has(k) && uses(v)) {
        affected.add(k);
        grew = true;
      }
    }
  }
  return texts.declarations.some(uses);
}

/**
 * The properties the environment sets, whether or not the tree does: Maven's own, the JVM's
 * and the environment variables (`env.*`), which Maven gives profile activation as system
 * properties with the `-D` options (never the POM's properties).
 */
const ENVIRONMENT =
  /^(?:env|java|os|user|file|sun|jdk|native|stdout|stderr)\.|^(?:line|path)\.separator$|^maven\.(?:home|version|build\.version|conf|multiModuleProjectDirectory)$/;

/**
 * Whether an `<activation><property>` condition holds in a build run without options, as
 * Maven's property activator decides: a name alone when the property is set (`!name`: when it
 * is not), a value when the property has it (`!value`: when it has not). A property that
 * `.mvn/maven.config` does not set is not set, unless the environment may set it (`undefined`).
 */
function propertyHolds(
  property: { name: string; value?: string },
  user: Map<string, string>,
): boolean | undefined {
  const reverse = property.name.startsWith("!");
  const name = reverse ? property.name.slice(1) : property.name;
  const set = user.get(name);
  if (set === undefined && ENVIRONMENT.test(name)) return undefined;
  if (property.value === undefined) return (set !== undefined && set !== "") !== reverse;
  const differ = property.value.startsWith("!");
  return (set === (differ ? property.value.slice(1) : property.value)) !== differ;
}

/**
 * Whether a profile's activation conditions are met in a build run without options: all of
 * them must be (Maven 3.2.2 and later), so a property that does not hold decides alone;
 * `false` for a profile without conditions, `undefined` when the JDK, OS, a file or the
 * environment decides.
 */
function conditionsMet(profile: RawProfile, user: Map<string, string>): boolean | undefined {
  const conditions = profile.activation.filter((a) => a !== "activeByDefault");
  if (conditions.length === 0) return false;
  const property = profile.property && propertyHolds(profile.property, user);
  if (property === false) return false;
  return conditions.length === 1 && property === true ? true : undefined;
}

/**
 * Whether Maven activates a profile in a build run without options, as far as the POM
 * and `.mvn/maven.config` (its `-P` and `-D` options) say: one its `-P` names is on (off with
 * `!`); else one whose conditions are met is on (see {@linkcode conditionsMet}); an
 * `activeByDefault` one whose conditions are not is on unless `-P` or its conditions activate
 * another profile of the same POM (unknown when the JDK, OS, a file or the environment decide
 * whether they do); one without activation is only on with `-P`.
 */
function activeByDefault(
  profile: RawProfile,
  cli: Map<string, boolean>,
  user: Map<string, string>,
): boolean | undefined {
  const named = cli.get(profile.id);
  if (named !== undefined) return named;
  const met = conditionsMet(profile, user);
  if (met !== false || !profile.activation.includes("activeByDefault")) return met;
  let unknown = false;
  for (const p of profile.pom.profiles) {
    if (p === profile) continue;
    const on = cli.get(p.id) ?? conditionsMet(p, user);
    if (on === true) return false;
    if (on === undefined) unknown = true;
  }
  return unknown ? undefined : true;
}

/**
 * What a model's own POM declares under `pick`, then what the profiles it activates by default
 * declare (injected into it after its own, so that theirs win).
 */
function withActive<T>(model: Model, pick: (declarer: RawPom | RawProfile) => T[]): T[] {
  return [...pick(model.raw), ...model.active.flatMap(pick)];
}

/** How a profile is activated, for a warning. */
function activationText(
  profile: RawProfile,
  cli: Map<string, boolean>,
  user: Map<string, string>,
): string {
  const named = cli.get(profile.id);
  if (named !== undefined) {
    return `${named ? "activated" : "deactivated"} by -P in .mvn/maven.config`;
  }
  if (profile.activation.length === 0) return "only with -P";
  return profile.activation.map((a) => {
    if (a === "activeByDefault") return a;
    if (a !== "property" || profile.property === undefined) return `by ${a}`;
    const { name, value } = profile.property;
    const bare = name.replace(/^!/, "");
    const how = user.has(bare)
      ? ", set by .mvn/maven.config"
      : ENVIRONMENT.test(bare)
      ? ""
      : ", not set by .mvn/maven.config";
    // `<value>!h2</value>`: any value but h2.
    const test = value === undefined
      ? name
      : value.startsWith("!")
      ? `${bare} != ${value.slice(1)}`
      : `${bare}=${value}`;
    return `by property ${test}${how}`;
  }).join(", ");
}

function projectOf(model: Model, lookup: Lookup, warnings: Set<string>): Project {
  const member = memberOf(model, lookup, warnings);
  const project: Project = { name: member.name, purl: member.purl! };
  if (member.version !== undefined) project.version = member.version;
  if (model.raw.description !== undefined) {
    project.description = model.raw.description.replace(/\s+/g, " ");
  }
  if (model.raw.licenses.length === 1) project.license = model.raw.licenses[0];
  return project;
}

/**
 * Reads a Maven `pom.xml` (declared dependencies; see the module notes).
 * The POM is a member of the project (the root itself when it is the tree's
 * `pom.xml`); its modules are members too, never components.
 *
 * @param text The file's text.
 * @param options `path`: the file's path relative to the project root;
 *   `load`: reads other files of the tree (parents, modules, BOMs); `reads`: whether the
 *   inventory reads a POM on its own, which then warns of the versions of its dependencies
 *   that are managed outside the tree (absent: every POM of the tree is read).
 * @returns Members, components, edges, the project and warnings about what
 *   the tree does not say.
 * @throws {VouchError} `inventory.maven_pom.invalid` for malformed XML, a
 *   repeated tag, a dependency without coordinates, an empty `<type>` on one of the build's, an
 *   unsupported modelVersion or a looping parent chain.
 */
export function readMavenPom(
  text: string,
  options: { path: string; load: Load; reads?: (path: string) => boolean },
): ReaderResult {
  const { path } = options;
  const resolver = new Resolver((p) => (p === path ? text : options.load(p)), options.reads);
  const model = resolver.model(path)!;
  const mapper = new Mapper(resolver, model);
  mapper.map();
  const result: ReaderResult = mapper.out.build();
  // The project is the top of a reactor (or a lone POM), never one of its modules.
  if (!resolver.reactor(model).modules.has(path)) {
    result.project = projectOf(model, resolver.lookup(model), resolver.warnings);
  }
  const warnings = resolver.allWarnings();
  const versioning = model.versionedBy;
  if (versioning !== undefined) {
    // Said by every POM of the build alike: one warning for the build once merged.
    warnings.push(
      `${versioning.file}: the core extension ${versioning.extension} computes the version of ` +
        "each project of the build from git when Maven runs, in place of the POMs' <version>: " +
        "vouch cannot know it, so the build's own purls have no version",
    );
    warnings.sort(compareStrings);
  }
  if (warnings.length > 0) result.warnings = warnings;
  if (resolver.inherited.size > 0) {
    result.inheritedWarnings = [...resolver.inherited].flatMap(([warning, by]) =>
      [...by].map((pom) => ({ warning, by: pom }))
    );
  }
  return result;
}
