import assert from "node:assert/strict";
import {
  declaresOwnDependencies,
  gradleRootIdentity,
  namedLocks,
  scriptCode,
} from "../../../src/inventory/java/_gradle_script.ts";
import { cpuStopwatch } from "../../_util.ts";

const SETTINGS: Record<string, string> = { "settings.gradle.kts": "" };
const load = (path: string): string | undefined => SETTINGS[path];

/** The path (or why none) of each lock a script names, and whether it is its buildscript's. */
function locks(
  script: string,
  path = "app/build.gradle",
  files: Record<string, string> = SETTINGS,
): string[] {
  return namedLocks(script, path, (p) => files[p]).map((l) =>
    `${l.line} ${l.path ?? `? ${l.why}`}${l.buildscript ? " buildscript" : ""}`
  );
}

// Gradle's own example (dependency_locking.adoc, "Configuring the per project lock file name and
// location") and the forms real scripts use: Groovy assignment, Kotlin `.set(…)`, the project's
// layout, the root project's, `$projectDir` and `$rootDir` in the string.
Deno.test("namedLocks: the lock files a build script names, from its folder or the build's root", () => {
  assert.deepEqual(
    locks('dependencyLocking {\n    lockFile = file("gradle/dependencies/x.lock")\n}\n'),
    ["2 app/gradle/dependencies/x.lock"],
  );
  assert.deepEqual(
    locks(
      'dependencyLocking {\n  lockFile.set(layout.projectDirectory.file("locks/gradle.lockfile"))\n}',
      "app/build.gradle.kts",
    ),
    ["2 app/locks/gradle.lockfile"],
  );
  assert.deepEqual(
    locks("dependencyLocking { lockFile = file('$projectDir/locks/x.lockfile') }"),
    ["1 app/$projectDir/locks/x.lockfile"],
    "Groovy's single quotes take no $",
  );
  assert.deepEqual(
    locks(
      'dependencyLocking {\n  lockFile = file("$projectDir/a.lockfile")\n}\n' +
        'dependencyLocking.lockFile = file("${rootProject.projectDir}/gradle/lockfile/app.lockfile")\n' +
        "dependencyLocking { lockFile = rootProject.file('locks/app.lockfile') } // the last wins\n",
    ),
    ["2 app/a.lockfile", "4 gradle/lockfile/app.lockfile", "5 locks/app.lockfile"],
  );
  assert.deepEqual(
    locks(
      "buildscript {\n  repositories { mavenCentral() }\n  dependencyLocking {\n" +
        '    lockFile = file("gradle/locks/buildscript.lockfile")\n  }\n}\n',
      "build.gradle",
    ),
    ["4 gradle/locks/buildscript.lockfile buildscript"],
  );
  // SunnyBe/NoteApp: one lock per project in a shared folder, named for the project's folder.
  assert.deepEqual(
    locks(
      "dependencyLocking {\n" +
        '    lockFile = file("${rootProject.projectDir}/gradle/lockfile/${projectDir.name}.lockfile")\n' +
        "    lockMode = LockMode.STRICT\n}\n",
      "core/data/build.gradle.kts",
    ),
    ["2 gradle/lockfile/data.lockfile"],
  );
  assert.deepEqual(locks('val lockFile = file("unrelated.txt")\n'), [], "not dependencyLocking's");
});

Deno.test("namedLocks: a computed path, one for other projects or outside the project is named with why", () => {
  assert.deepEqual(
    locks(
      'val scalaVersion = findProperty("scala") ?: "2.12"\ndependencyLocking {\n' +
        '    lockFile = file("$projectDir/locking/gradle-${scalaVersion}.lockfile")\n}\n',
    ),
    ["3 ? it is computed"],
  );
  assert.deepEqual(
    locks("dependencyLocking {\n  lockFile.set(lockDir.file(name))\n}", "app/build.gradle.kts"),
    ["2 ? it is computed"],
  );
  assert.deepEqual(
    locks('subprojects {\n  dependencyLocking { lockFile = file("locks/x.lockfile") }\n}'),
    ["2 ? it is set for other projects (allprojects, subprojects)"],
  );
  assert.deepEqual(
    locks('dependencyLocking { lockFile = file("../../elsewhere.lockfile") }'),
    ["1 ? it is not inside the project"],
  );
  assert.deepEqual(
    namedLocks(
      'dependencyLocking { lockFile = file("$projectDir/locking/gradle.lockfile") }',
      "app/build.gradle",
      load,
    )[0].written,
    'lockFile = file("$projectDir/locking/gradle.lockfile")',
  );
});

Deno.test("scriptCode: comments and the text of strings are blanked, offsets and lines kept", () => {
  const groovy =
    'a { // }\n/* { */ b("{", \'}\', """\n}""", "${c("}")}", /x}/, $/y{/$) }\nz = 4 / 2 }';
  const { said, code } = scriptCode(groovy, false);
  assert.equal(said.length, groovy.length);
  assert.equal(code.length, groovy.length);
  assert.equal(said.split("\n").length, groovy.split("\n").length);
  assert.equal(code.replace(/[^{}]/g, ""), "{}}", "the braces of code only");
  assert.ok(said.includes("b(\"{\", '}'"), "strings stay in what it says");
  assert.ok(!said.includes("//") && !said.includes("/*"));
  const kotlin = '/* a /* nested */ { */ x("""\\""") { \'}\' }';
  assert.equal(scriptCode(kotlin, true).code.replace(/[^{}]/g, ""), "{}", "raw string, char");
});

/**
 * What scriptCode gave before it jumped from one character that matters to the next: a plain
 * walk over each character, the reference its output must equal.
 */
function blankedByWalk(script: string, kotlin: boolean): { said: string; code: string } {
  const n = script.length;
  const said = script.split("");
  const code = script.split("");
  const blank = (out: string[], from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== "\n" && out[k] !== "\r") out[k] = " ";
  };
  let i = 0;
  let nesting = 0;
  const valueStarts = (at: number): boolean => {
    let k = at - 1;
    while (k >= 0 && /[ \t]/.test(script[k])) k--;
    return k < 0 || /[=(,\[:!&|?{};\n]/.test(script[k]) ||
      /(?:^|[^\w.])(?:return|assert)$/.test(script.slice(Math.max(0, k - 7), k + 1));
  };
  const skipCode = (nested: boolean): void => {
    let depth = 0;
    while (i < n) {
      const c = script[i];
      if (c === "/" && script[i + 1] === "/") {
        const end = script.indexOf("\n", i);
        const to = end === -1 ? n : end;
        blank(said, i, to);
        blank(code, i, to);
        i = to;
      } else if (c === "/" && script[i + 1] === "*") {
        const from = i;
        let open = 0;
        while (i < n) {
          if (script.startsWith("/*", i) && (open === 0 || kotlin)) {
            open++;
            i += 2;
          } else if (script.startsWith("*/", i)) {
            i += 2;
            if (--open === 0) break;
          } else i++;
        }
        blank(said, from, i);
        blank(code, from, i);
      } else if (c === '"' || c === "'") {
        const triple = script.startsWith(c.repeat(3), i);
        skipString(triple ? c.repeat(3) : c, c === '"', !(kotlin && triple), triple);
      } else if (!kotlin && c === "$" && script[i + 1] === "/") {
        skipString("/$", true, false, true, 2);
      } else if (!kotlin && c === "/" && valueStarts(i)) {
        skipString("/", true, false, true);
      } else if (c === "{") {
        depth++;
        i++;
      } else if (c === "}") {
        if (nested && depth === 0) return;
        depth--;
        i++;
      } else i++;
    }
  };
  const skipString = (
    close: string,
    templates: boolean,
    escapes: boolean,
    multiline: boolean,
    open = close.length,
  ): void => {
    i += open;
    const from = i;
    let to = n;
    while (i < n) {
      if (script.startsWith(close, i)) {
        to = i;
        i += close.length;
        break;
      }
      const c = script[i];
      if (c === "\n" && !multiline) {
        to = i;
        break;
      }
      if (close === "/$" && c === "$" && /[$/]/.test(script[i + 1] ?? "")) i += 2;
      else if (close === "/" && c === "\\" && script[i + 1] === "/") i += 2;
      else if (escapes && c === "\\") i += 2;
      else if (templates && c === "$" && script[i + 1] === "{" && nesting < 100) {
        i += 2;
        nesting++;
        skipCode(true);
        nesting--;
        i++;
      } else i++;
    }
    blank(code, from, Math.min(to, n));
  };
  skipCode(false);
  return { said: said.join(""), code: code.join("") };
}

// scriptCode jumps from one character that may matter to the next and blanks by stretches: the
// same as a walk over each character, on random scripts of the characters that matter.
Deno.test("scriptCode: the same as a walk over each character, on random scripts", () => {
  const pieces = [
    "/",
    "*",
    '"',
    "'",
    "$",
    "{",
    "}",
    "\n",
    "\r",
    "\\",
    " ",
    "\t",
    "a",
    "=",
    "(",
    ",",
    ".",
    ";",
    "return ",
    "assert",
    '"""',
    "'''",
    "${",
    "$/",
    "/$",
    "//",
    "/*",
    "*/",
    "é",
    "\ud83d",
  ];
  let seed = 9;
  const random = (below: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * below);
  };
  const deep = '"${'.repeat(120) + "x /* c */ 'a' // d\n" + '}"'.repeat(120);
  const scripts = [deep, "/* /* */ x */ y", "/*/ x */", "x = /a\\/b/ + $/a$$b$/c/$ // z"];
  for (let t = 0; t < 4000; t++) {
    let script = "";
    for (let k = random(60); k > 0; k--) script += pieces[random(pieces.length)];
    scripts.push(script);
  }
  for (const script of scripts) {
    for (const kotlin of [false, true]) {
      assert.deepEqual({ ...scriptCode(script, kotlin) }, blankedByWalk(script, kotlin), script);
    }
  }
});

// A brace in a comment or a string misplaced the blocks: the lock read as another's.
Deno.test("namedLocks: a brace or a lockFile in a comment or a string is not code", () => {
  assert.deepEqual(
    locks(
      "buildscript {\n  // configure the classpath { here\n  repositories { mavenCentral() }\n}\n" +
        'println("} done")\n/* dependencyLocking { lockFile = file("old.lockfile") } */\n' +
        "dependencyLocking {\n" +
        '  lockFile = file("gradle/x.lockfile") // not { the buildscript\'s\n}\n',
      "build.gradle",
    ),
    ["8 gradle/x.lockfile"],
  );
  assert.deepEqual(
    locks(
      "allprojects {\n  def re = /\\{/\n  description = '''{\n'''\n}\n" +
        'dependencyLocking { lockFile = file("x.lockfile") }\n',
      "build.gradle",
    ),
    ["6 x.lockfile"],
    "not in allprojects: its braces were in a slashy and a triple-quoted string",
  );
  assert.deepEqual(
    locks(
      'buildscript {\n  val note = """${"}"}"""\n  dependencyLocking {\n' +
        '    lockFile.set(file("locks/classpath.lockfile")) /* ) } */\n  }\n}\n',
      "build.gradle.kts",
    ),
    ["4 locks/classpath.lockfile buildscript"],
  );
});

// The variables a lock path uses, when the build sets them literally (rootProject.name in the
// settings script, a property in gradle.properties or the script).
Deno.test("namedLocks: the project's name and properties set literally are followed", () => {
  const build = {
    "settings.gradle": "rootProject.name = 'shop' // the build\ninclude ':api'\n",
    "gradle.properties": "# versions\nversion=2.1.0\nlockDir : gradle/locks\n",
  };
  assert.deepEqual(
    locks(
      'dependencyLocking { lockFile = file("$rootDir/locks/${rootProject.name}-${version}.lockfile") }',
      "api/build.gradle",
      build,
    ),
    ["1 locks/shop-2.1.0.lockfile"],
  );
  assert.deepEqual(
    locks(
      'dependencyLocking { lockFile = file("${project.name}/$lockDir/${project.version}.lockfile") }',
      "build.gradle",
      build,
    ),
    ["1 shop/gradle/locks/2.1.0.lockfile"],
  );
  assert.deepEqual(
    locks(
      'version = "3.0"\ndependencyLocking { lockFile = file("locks/$name-${version}.lockfile") }',
      "api/build.gradle",
      build,
    ),
    ["2 api/locks/api-3.0.lockfile"],
    "the script's own assignment before the path wins",
  );
  assert.deepEqual(
    locks(
      'val scala: String by project\nval tag = "ci"\n' +
        'dependencyLocking { lockFile.set(file("locks/$tag-${scala}-${version}.lockfile")) }',
      "api/build.gradle.kts",
      { ...build, "api/gradle.properties": "scala=2.13\n" },
    ),
    ["3 api/locks/ci-2.13-2.1.0.lockfile"],
  );
  assert.deepEqual(
    locks(
      'if (ci) { version = "1" }\ndependencyLocking { lockFile = file("a-${version}.lockfile") }\n' +
        'dependencyLocking { lockFile = file("b-${lockDir}.lockfile") }\n' +
        'dependencyLocking { lockFile = file("c-${rootProject.name}.lockfile") }\n',
      "api/build.gradle",
      { "settings.gradle": "rootProject.name = System.getenv('NAME')\n" },
    ),
    ["2 ? it is computed", "3 ? it is computed", "4 ? it is computed"],
    "set in a condition, nowhere, or not literally",
  );
  assert.deepEqual(
    locks(
      'dependencyLocking { lockFile = file("locks/${foo}.lockfile") }',
      "api/build.gradle.kts",
      { ...build, "gradle.properties": "foo=x\n" },
    ),
    ["1 ? it is computed"],
    "Kotlin sees a property it does not declare as no variable",
  );
  assert.deepEqual(
    locks(
      'dependencyLocking { lockFile = file("locks/${version}.lockfile") }',
      "api/build.gradle",
      { ...build, "build.gradle": 'allprojects { version = "9" }\n' },
    ),
    ["1 ? it is computed"],
    "the root script sets it too",
  );
});

// Flutter's Android builds (its generate_gradle_lockfiles tool): the root script sets every
// subproject's lock in the root folder, named for the project. It was "set for other projects".
Deno.test("namedLocks: a path set for each project names the files of its folder it matches", () => {
  const files: Record<string, string[]> = {
    ".": ["build.gradle.kts", "project-app.lockfile", "project-url_launcher.lockfile", "x.lock"],
  };
  const list = (folder: string): string[] | undefined => files[folder];
  const script = 'subprojects {\n    project.evaluationDependsOn(":app")\n' +
    '    dependencyLocking {\n        ignoredDependencies.add("io.flutter:*")\n' +
    '        lockFile = file("${rootProject.projectDir}/project-${project.name}.lockfile")\n' +
    "    }\n}\n";
  const named = (text: string, path = "build.gradle.kts"): string[] =>
    namedLocks(text, path, load, list).map((l) => `${l.line} ${l.path ?? `? ${l.why}`}`);
  assert.deepEqual(named(script), ["5 project-app.lockfile", "5 project-url_launcher.lockfile"]);
  assert.deepEqual(
    named(
      script.replaceAll('"', "'").replace("'${", '"${').replace("lockfile')", 'lockfile")'),
      "build.gradle",
    ),
    ["5 project-app.lockfile", "5 project-url_launcher.lockfile"],
    "Groovy",
  );
  assert.deepEqual(named(script.replace("project-", "locks/")), [
    "5 ? no file matches locks/*.lockfile",
  ]);
  // A name of many `${project.name}` against files that almost match it: was a regex of as many
  // `[^/]+`, which backtracked for about 30 s (the script and the files are untrusted).
  const many = script.replace("project-${project.name}", "p" + "-${project.name}".repeat(9));
  files["."].push(`p${"-".repeat(60)}.lock`, `p${"-x".repeat(9)}.lockfile`);
  const elapsed = cpuStopwatch();
  assert.deepEqual(named(many), [`5 p${"-x".repeat(9)}.lockfile`]);
  assert.ok(elapsed() < 2_000);
  files["."].splice(-2);
  assert.deepEqual(
    named(script.replace("${rootProject.projectDir}/", "")),
    ["5 ? it is set for other projects (allprojects, subprojects)"],
    "from each project's own folder",
  );
  assert.deepEqual(
    namedLocks(script, "build.gradle.kts", load).map((l) => l.why),
    ["it is set for other projects (allprojects, subprojects)"],
    "without a way to list the folder",
  );
});

// A build script is untrusted input: each `lockFile`, its blocks, its line and the properties
// its path uses are found without a pass over the script before it (these took 7 s to 25 s,
// growing with the square of the size), and strings in templates nested past any real use do
// not overflow the stack (a RangeError, exit 3).
Deno.test("namedLocks: a hostile script takes time linear in its size and never overflows the stack", () => {
  const lines = 'dependencyLocking.lockFile = file("${v}.lockfile")\n'.repeat(10_000);
  for (
    const script of [
      "dependencyLocking.lockFile=x\n".repeat(20_000),
      `dependencyLocking{${"lockFile=".repeat(20_000)}}`,
      `${"{".repeat(20_000)}${"dependencyLocking{lockFile=file('a')}".repeat(2_000)}`,
      `def v = "x"\n${lines}`,
      '"${'.repeat(20_000),
    ]
  ) {
    const elapsed = cpuStopwatch();
    namedLocks(script, "app/build.gradle", load);
    assert.ok(elapsed() < 4_000, `${script.slice(0, 30)}…: too slow`);
  }
  assert.deepEqual(
    locks(`def v = "x"\n${"dependencyLocking.lockFile=y\n".repeat(2)}${lines.slice(0, 52)}`),
    ["2 ? it is computed", "3 ? it is computed", "4 app/x.lockfile"],
  );
});

Deno.test("declaresOwnDependencies: not the classpath's nor other projects', comments and strings aside", () => {
  const own = (script: string, kotlin = false): boolean => declaresOwnDependencies(script, kotlin);
  assert.equal(own("dependencies { implementation 'a:b:1' }\n"), true);
  assert.equal(own("project.dependencies.add('implementation', 'a:b:1')\n"), true);
  assert.equal(own("allprojects {\n  dependencies { implementation 'a:b:1' }\n}\n"), true);
  assert.equal(own("buildscript {\n  dependencies { classpath 'a:b:1' }\n}\n"), false);
  assert.equal(own("subprojects {\n  dependencies { implementation 'a:b:1' }\n}\n"), false);
  assert.equal(
    own('configure(subprojects.findAll { it.name != "x" }) {\n  dependencies { }\n}\n'),
    false,
  );
  assert.equal(own('project(":app") {\n  dependencies { }\n}\n'), false);
  assert.equal(
    own('subprojects {\n  dependencies { "implementation"("a:b:1") }\n}\n', true),
    false,
  );
  assert.equal(own("// dependencies { }\nprintln('dependencies')\n"), false);
  assert.equal(
    own("plugins { id 'base' }\ndependencyLocking { lockAllConfigurations() }\n"),
    false,
  );
});

/** What {@linkcode gradleRootIdentity} reads of a build made of these files. */
function identity(files: Record<string, string>): ReturnType<typeof gradleRootIdentity> {
  return gradleRootIdentity((path) => files[path]);
}

/** The identity of the root project `ledger` of group `com.acme`, version 2.1.0. */
const LEDGER = { name: "ledger", group: "com.acme", version: "2.1.0" };

// A build that names each project's script after it (the settings script sets
// rootProject.buildFileName): Gradle's DefaultProjectDescriptor runs that file for the root
// project, and never build.gradle(.kts) beside it (here a Groovy one the Kotlin migration left).
Deno.test("gradleRootIdentity: the root's group and version come from the script rootProject.buildFileName names", () => {
  const files = {
    "settings.gradle.kts": 'rootProject.name = "billing"\n' +
      'rootProject.buildFileName = "billing.gradle.kts"\ninclude("api")\n',
    "billing.gradle.kts": 'plugins { java }\n\ngroup = "com.example.billing"\nversion = "3.1.0"\n',
    "build.gradle": "group = 'com.example.old'\nversion = '0.9'\n",
  };
  assert.deepEqual(identity(files), {
    name: "billing",
    group: "com.example.billing",
    version: "3.1.0",
  });
  // A file that does not exist: Gradle runs no script; gradle.properties alone may say.
  assert.deepEqual(
    identity({
      ...files,
      "billing.gradle.kts": undefined!,
      "gradle.properties": "version=3.2.0\n",
    }),
    { name: "billing", version: "3.2.0" },
  );
  // A name computed: which script runs is unknown, and so are the group and version.
  assert.deepEqual(
    identity({
      ...files,
      "settings.gradle.kts": 'rootProject.name = "billing"\n' +
        'rootProject.buildFileName = "${rootProject.name}.gradle.kts"\n',
    }),
    { name: "billing" },
  );
});

// The root script may configure the root project through its path (Project.project(":", closure),
// as it configures any other): `project(':') { group = … }` sets the root's own group and version.
// Was: unknown, as in any other project's block.
Deno.test("gradleRootIdentity: a group and version set in the root script's project(':') { } are the root's", () => {
  const groovy = {
    "settings.gradle": "rootProject.name = 'ledger'\ninclude 'app'\n",
    "build.gradle": "project(':') {\n  group = 'com.acme'\n  version '2.1.0'\n}\n" +
      "project(':app') {\n  apply plugin: 'java'\n}\n",
  };
  const kotlin = {
    "settings.gradle.kts": 'rootProject.name = "ledger"\n',
    "build.gradle.kts": 'project(":") {\n  group = "com.acme"\n  version = "2.1.0"\n}\n',
  };
  for (const files of [groovy, kotlin]) assert.deepEqual(identity(files), LEDGER);
  // Another project's block is that project's.
  assert.deepEqual(
    identity({
      "settings.gradle": "rootProject.name = 'ledger'\ninclude 'app'\n",
      "build.gradle": "project(':app') {\n  group = 'com.acme.app'\n}\n",
    }),
    { name: "ledger" },
  );
});

// In the root project's script `rootProject` is the project itself (DefaultProject's constructor:
// `rootProject = parent != null ? … : this`): `rootProject.version = '…'` sets its own version.
// Was: unread, the root unversioned.
Deno.test("gradleRootIdentity: the root script's rootProject.group and rootProject.version are the root's", () => {
  const groovy = {
    "settings.gradle": "rootProject.name = 'ledger'\n",
    "build.gradle": "plugins { id 'java' }\nrootProject.group = 'com.acme'\n" +
      "rootProject.version '2.1.0'\n",
  };
  const kotlin = {
    "settings.gradle.kts": 'rootProject.name = "ledger"\n',
    "build.gradle.kts": 'plugins { java }\nproject.rootProject.group = "com.acme"\n' +
      'allprojects {\n  rootProject.version = "2.1.0"\n}\n',
  };
  for (const files of [groovy, kotlin]) assert.deepEqual(identity(files), LEDGER);
  // Set both ways, or as an extra property: not known.
  assert.deepEqual(
    identity({
      "settings.gradle": "rootProject.name = 'ledger'\n",
      "build.gradle": "version = '2.0.0'\nrootProject.version = '2.1.0'\n" +
        "rootProject.ext.group = 'com.acme'\n",
    }),
    { name: "ledger" },
  );
});

// A subproject's `rootProject.version = '…'` sets the root's version, and Gradle configures the
// root project before its subprojects (TaskPathProjectEvaluator's configureHierarchy, the
// subprojects by depth then path: DefaultProject's compareTo): the last subproject's wins over
// the root script's. Was: only the root script's was read.
Deno.test("gradleRootIdentity: a subproject's rootProject.version sets the root's, after the root script", () => {
  const build = (subprojects: Record<string, string>): Record<string, string> => ({
    "settings.gradle": "rootProject.name = 'ledger'\ninclude 'app', 'lib:core'\n" +
      "include('docs')\nproject(':docs').buildFileName = 'docs.gradle'\n",
    "build.gradle": "plugins { id 'java' }\ngroup = 'com.acme'\nversion = '1.0.0'\n",
    ...subprojects,
  });
  const read: string[] = [];
  const peeked = (files: Record<string, string>) =>
    gradleRootIdentity((path) => {
      read.push(path);
      return files[path];
    }, (path) => files[path]);
  assert.deepEqual(
    peeked(build({
      "app/build.gradle": "plugins { id 'java' }\nrootProject.version = '2.0.0'\n",
      "lib/core/build.gradle.kts": "plugins { java }\nversion = rootProject.version\n",
    })),
    { name: "ledger", group: "com.acme", version: "2.0.0" },
  );
  // Read only where it sets the root's version (a subproject that reads it is looked into).
  assert.deepEqual(read.filter((p) => p.includes("/")), ["app/build.gradle"]);
  // Several, the deepest last (":lib:core" after ":app" and ":docs"): its value, with a warning.
  assert.deepEqual(
    identity(build({
      "app/build.gradle": "rootProject.version '2.0.0'\n",
      "docs/docs.gradle": "rootProject.version = '2.0.0'\n",
      "lib/core/build.gradle.kts": 'project.rootProject.version = "3.0.0"\n',
    })),
    {
      name: "ledger",
      group: "com.acme",
      version: "3.0.0",
      warnings: [
        "app/build.gradle:1, docs/docs.gradle:1, lib/core/build.gradle.kts:1: subprojects set the " +
        "root project's version to 2.0.0, 3.0.0: the last Gradle configures sets it (by default " +
        "3.0.0; evaluationDependsOn, configuration on demand or in parallel change the order)",
      ],
    },
  );
  // Set under a condition: not known.
  assert.deepEqual(
    identity(build({
      "app/build.gradle": "if (System.getenv('CI')) rootProject.version = '2.0.0-SNAPSHOT'\n",
    })),
    {
      name: "ledger",
      group: "com.acme",
      warnings: [
        "app/build.gradle:1: the subproject sets the root project's version otherwise than " +
        "literally, once, at its top: vouch cannot tell it, so the root project has no version",
      ],
    },
  );
});

// A subproject's script configures the root project in a block too (`rootProject.allprojects { }`,
// `configure(rootProject) { }`, `project(':') { }`: Project.allprojects, configure and project
// run their closure on the root), and a subproject the settings script moves
// (`project(':app').projectDir = file('modules/app')`, DefaultProjectDescriptor's projectDir; a
// child of it is in its folder) runs the script of that folder. Was: neither was looked into, and
// the root script's version stood; a subproject's own `allprojects { }` is its subtree's only.
Deno.test("gradleRootIdentity: a moved subproject's script, and its root-project blocks, set the root's", () => {
  const files: Record<string, string> = {
    "settings.gradle": "rootProject.name = 'ledger'\ninclude 'app', 'app:api', 'lib'\n" +
      "project(':app').projectDir = file('modules/app')\n" +
      "project(':lib').projectDir = new File(settingsDir, 'libs/lib')\n",
    "build.gradle": "group = 'com.acme'\nversion = '1.0.0'\n",
    "modules/app/build.gradle": "plugins { id 'java' }\nrootProject.version = '2.0.0'\n" +
      "allprojects { group = 'com.acme.app' }\n",
    "modules/app/api/build.gradle": "rootProject.allprojects {\n  group = 'org.ledger'\n}\n",
    // Its default folder, which Gradle does not run.
    "lib/build.gradle": "rootProject.version = '9.9.9'\n",
    "libs/lib/build.gradle.kts": 'configure(rootProject) {\n  version = "3.0.0"\n}\n',
  };
  assert.deepEqual(identity(files), {
    name: "ledger",
    group: "org.ledger",
    version: "3.0.0",
    warnings: [
      "modules/app/build.gradle:2, libs/lib/build.gradle.kts:2: subprojects set the root " +
      "project's version to 2.0.0, 3.0.0: the last Gradle configures sets it (by default 3.0.0; " +
      "evaluationDependsOn, configuration on demand or in parallel change the order)",
    ],
  });
  // `project(':')` in Kotlin, under a condition: not known.
  files["libs/lib/build.gradle.kts"] = 'if (true) project(":") {\n  version = "3.0.0"\n}\n';
  assert.deepEqual(identity(files), {
    name: "ledger",
    group: "org.ledger",
    warnings: [
      "libs/lib/build.gradle.kts:2: the subproject sets the root project's version otherwise " +
      "than literally, once, at its top: vouch cannot tell it, so the root project has no version",
    ],
  });
  // A folder the settings script computes: where the script is, vouch cannot tell.
  files["settings.gradle"] +=
    'rootProject.children.each { it.projectDir = file("x/${it.name}") }\n';
  delete files["libs/lib/build.gradle.kts"];
  assert.deepEqual(identity(files), {
    name: "ledger",
    group: "org.ledger",
    version: "2.0.0",
    warnings: [
      "settings.gradle:5: a project's projectDir is set otherwise than literally: vouch cannot " +
      "tell where its build script is, so a group or version it sets for the root project is " +
      "not read",
    ],
  });
});

// The settings script configures projects before their build scripts run: Gradle runs
// `gradle.rootProject { }` and `gradle.allprojects { }` on projectsLoaded (DefaultGradle), which
// NotifyingBuildLoader fires once ProjectPropertySettingBuildLoader has applied gradle.properties:
// what it sets there is the root's group and version over gradle.properties, unless the build
// script sets it. Was: unread.
// (`rootProject { }` in a build script is no Gradle method: Groovy fails on it, not read.)
Deno.test("gradleRootIdentity: a group and version the settings script sets in gradle.rootProject { } or gradle.allprojects { }", () => {
  const settings = "rootProject.name = 'ledger'\ngradle.rootProject {\n  group = 'com.acme'\n" +
    "  version '2.1.0'\n}\n";
  assert.deepEqual(
    identity({ "settings.gradle": settings, "build.gradle": "apply plugin: 'java'\n" }),
    LEDGER,
  );
  assert.deepEqual(
    identity({
      "settings.gradle.kts": 'rootProject.name = "ledger"\ngradle.allprojects {\n' +
        '  group = "com.acme"\n  version = "2.1.0"\n}\n',
    }),
    LEDGER,
  );
  // The build script sets it after, gradle.properties before.
  assert.deepEqual(
    identity({
      "settings.gradle": settings,
      "gradle.properties": "version=3.0.0\ngroup=net.acme\n",
      "build.gradle": "group = 'org.acme'\n",
    }),
    { name: "ledger", group: "org.acme", version: "2.1.0" },
  );
  // Under a condition, in another block, or twice: not known.
  for (
    const body of [
      "gradle.rootProject {\n  if (ci) {\n    group = 'com.acme'\n  }\n}\n",
      "gradle.beforeSettings {\n  gradle.rootProject {\n    group = 'com.acme'\n  }\n}\n",
      "if (ci) gradle.rootProject {\n  group = 'com.acme'\n}\n",
      "gradle.rootProject {\n  group = 'com.acme'\n}\ngradle.allprojects {\n  group = 'org.acme'\n}\n",
      "rootProject {\n  group = 'com.acme'\n}\n",
    ]
  ) {
    assert.deepEqual(identity({ "settings.gradle": `rootProject.name = 'ledger'\n${body}` }), {
      name: "ledger",
    }, body);
  }
});

// A settings script may name the root project only when a condition holds (a composite build's
// alias, a CI-only name); Gradle's default, the folder's name, is then as likely: no name is
// known. One set at the top after an `if { }` block (google/nomulus's settings.gradle shape) is
// the name; a version set only in a brace-less `if` is as unknown.
Deno.test("gradleRootIdentity: a name or version the script sets under a condition is not known", () => {
  const build = "group = 'com.acme'\nversion = '2.0.0'\n";
  assert.deepEqual(
    identity({
      "settings.gradle": "if (System.getenv('ACME_COMPOSITE') != null) {\n" +
        "  rootProject.name = 'acme-composite'\n}\ninclude 'app'\n",
      "build.gradle": build,
    }),
    { group: "com.acme", version: "2.0.0" },
  );
  assert.deepEqual(
    identity({
      "settings.gradle.kts": 'if (gradle.parent != null)\n  rootProject.name = "acme-included"\n',
      "build.gradle": build,
    }),
    { group: "com.acme", version: "2.0.0" },
  );
  assert.deepEqual(
    identity({
      "settings.gradle":
        "if (!pluginsUrl.isEmpty()) {\n  println 'Plugins: custom repo'\n} else {\n" +
        "  println 'Plugins: default repo'\n}\n\nrootProject.name = 'nomulus'\ninclude 'core'\n",
      "build.gradle": "group = 'com.acme'\nif (release) version = '2.0.0'\n",
    }),
    { name: "nomulus", group: "com.acme" },
  );
});

// `ext.version = …` and `ext { version = … }` set an extra property named version: Gradle's
// project reads its own version first (DefaultProject.getVersion(), before the extra
// properties), so project.version stays what gradle.properties gives, else `unspecified`.
Deno.test("gradleRootIdentity: an extra property named version or group is not the project's", () => {
  const settings = { "settings.gradle": "rootProject.name = 'ledger'\n" };
  assert.deepEqual(
    identity({
      ...settings,
      "build.gradle": "plugins { id 'java' }\n\next {\n  version = '1.4.0'\n" +
        "  springBootVersion = '3.2.5'\n}\next.group = 'com.acme.old'\ngroup = 'com.acme'\n",
      "gradle.properties": "version=1.4.0-SNAPSHOT\n",
    }),
    { name: "ledger", group: "com.acme", version: "1.4.0-SNAPSHOT" },
  );
  assert.deepEqual(
    identity({ ...settings, "build.gradle": "project.ext.version = '2.0'\n" }),
    { name: "ledger" },
  );
});

// IntelliJ IDEA's Gradle wizard writes the Groovy DSL's call form: `group 'org.example'`,
// `version '1.0-SNAPSHOT'`. Groovy calls the set method Gradle's class generator gives each
// property of the project (AbstractClassGenerator's addSetMethod), which sets it. A plugin's
// `id '…' version '…'` is no such call.
Deno.test("gradleRootIdentity: Groovy's group 'x' and version 'y' set the project's", () => {
  assert.deepEqual(
    identity({
      "settings.gradle": "rootProject.name = 'untitled'\n",
      "build.gradle": "plugins {\n    id 'java'\n    id 'com.github.ben-manes.versions' " +
        "version '0.51.0'\n}\n\ngroup 'org.example'\nversion '1.0-SNAPSHOT'\n\n" +
        "repositories {\n    mavenCentral()\n}\n",
    }),
    { name: "untitled", group: "org.example", version: "1.0-SNAPSHOT" },
  );
  assert.deepEqual(
    identity({
      "settings.gradle": "rootProject.name = 'untitled'\n",
      "build.gradle": "project.group('org.example')\nversion '1.0'\nversion '2.0'\n",
    }),
    { name: "untitled", group: "org.example" },
  );
});

// A folder with both scripts (a Kotlin DSL migration half done): Gradle's
// DefaultScriptFileResolver tries `.gradle` before `.gradle.kts` and runs the first it finds,
// warning that it ignores the other ("Multiple script candidates"); so for settings scripts.
Deno.test("gradleRootIdentity: build.gradle and settings.gradle are run before their Kotlin twins", () => {
  assert.deepEqual(
    identity({
      "settings.gradle": "rootProject.name = 'ledger'\n",
      "settings.gradle.kts": 'rootProject.name = "ledger-kts"\n',
      "build.gradle": "group = 'com.acme'\nversion = '1.0'\n",
      "build.gradle.kts": 'group = "com.acme.kts"\nversion = "2.0"\n',
    }),
    { name: "ledger", group: "com.acme", version: "1.0" },
  );
});

// A task's `group` is the task's own (Task's `setGroup`: its group in `gradle tasks`), not the
// project's; so is a named argument (`exclude(group = …)`). A task has no `version`: one set in a
// task's block writes the project's, when the task is configured, so it leaves it unknown.
Deno.test("gradleRootIdentity: a task's group or a named argument is not the project's group", () => {
  const settings = { "settings.gradle": "rootProject.name = 'ledger'\n" };
  assert.deepEqual(
    identity({
      ...settings,
      "build.gradle": "plugins { id 'java' }\n\ngroup = 'com.acme'\nversion = '1.2.0'\n\n" +
        "tasks.register('e2e', Test) {\n    group = 'verification'\n}\n" +
        "task docs(type: Copy) {\n  group = 'documentation'\n}\n" +
        "tasks.withType(Javadoc).configureEach { group 'documentation' }\n",
    }),
    { name: "ledger", group: "com.acme", version: "1.2.0" },
  );
  assert.deepEqual(
    identity({
      "settings.gradle.kts": 'rootProject.name = "ledger"\n',
      "build.gradle.kts": 'group = "com.acme"\nversion = "1.2.0"\n\n' +
        'dependencies {\n    implementation("org.apache.kafka:kafka-clients:3.7.0") {\n' +
        '        exclude(group = "org.slf4j", module = "slf4j-api")\n    }\n}\n\n' +
        'tasks {\n    register<Test>("e2e") {\n        group = "verification"\n    }\n}\n' +
        'val docs by tasks.registering(Copy::class) {\n    group = "documentation"\n}\n' +
        'tasks.named<Test>("test") { group = "verification" }\n',
    }),
    { name: "ledger", group: "com.acme", version: "1.2.0" },
  );
  // The task's version is none: the project's, set twice.
  assert.deepEqual(
    identity({
      ...settings,
      "build.gradle": "group = 'com.acme'\nversion = '1.2.0'\n" +
        "tasks.register('bump') {\n  version = '1.3.0'\n}\n",
    }),
    { name: "ledger", group: "com.acme" },
  );
  // A group set in a block of no task (`afterEvaluate`) may be the project's: unknown.
  assert.deepEqual(
    identity({
      ...settings,
      "build.gradle": "group = 'com.acme'\nafterEvaluate {\n  group = 'com.acme.late'\n}\n",
    }),
    { name: "ledger" },
  );
});

// `def version = '1.0'` declares a variable of the script's body (Groovy's Script.run local; Kotlin
// `val version = "1.0"` likewise): the project's version stays what gradle.properties gives, else
// unspecified. A plain assignment in its scope is to the variable; `project.version =` is not.
Deno.test("gradleRootIdentity: a script-local variable named version or group is not the project's", () => {
  const settings = { "settings.gradle": "rootProject.name = 'ledger'\n" };
  assert.deepEqual(
    identity({
      ...settings,
      "build.gradle": "def version = '1.0'\ndef group = 'com.acme.local'\n" +
        'println "building ${version}"\n',
      "gradle.properties": "version=2.0.0\n",
    }),
    { name: "ledger", version: "2.0.0" },
  );
  assert.deepEqual(
    identity({
      "settings.gradle.kts": 'rootProject.name = "ledger"\n',
      "build.gradle.kts": 'val version = "1.0"\ngroup = "com.acme"\n',
    }),
    { name: "ledger", group: "com.acme" },
  );
  assert.deepEqual(
    identity({
      ...settings,
      "build.gradle": "def version = '1.0'\nversion = '1.1'\n",
    }),
    { name: "ledger" },
  );
  assert.deepEqual(
    identity({
      ...settings,
      "build.gradle": "String v = '1.0'\ndef version = v\nproject.version = '1.2'\n",
    }),
    { name: "ledger", version: "1.2" },
  );
});
