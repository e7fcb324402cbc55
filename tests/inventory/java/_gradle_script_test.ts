import assert from "node:assert/strict";
import { namedLocks } from "../../../src/inventory/java/_gradle_script.ts";

const SETTINGS: Record<string, string> = { "settings.gradle.kts": "" };
const load = (path: string): string | undefined => SETTINGS[path];

/** The path (or why none) of each lock a script names, and whether it is its buildscript's. */
function locks(script: string, path = "app/build.gradle"): string[] {
  return namedLocks(script, path, load).map((l) =>
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
      'val scalaVersion = "2.12"\ndependencyLocking {\n' +
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
