// The project scan: files a reader reads, every other dependency file reported
// (no reader, a link out of the project, a FIFO), and the skip rules.
import assert from "node:assert/strict";
import {
  matchesAny,
  MAX_DEPTH,
  scanProject,
  SKIPPED_FOLDERS,
  SKIPPED_PATHS,
  skippedFolder,
} from "../../src/inventory/_scan.ts";
import { writeTree } from "./_tree.ts";
import { REPO_ROOT, withTempDir } from "../_util.ts";
import { withModules } from "../../src/inventory/_reader.ts";

/** Runs `fn` on a temporary tree of these (empty) files. */
function withTree(
  files: Record<string, string>,
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  return withTempDir(async (dir) => {
    await writeTree(dir, files);
    await fn(dir);
  });
}

Deno.test("scanProject: read files, and known formats without a reader reported once each", async () => {
  await withTree({
    "uv.lock": "",
    "pyproject.toml": "",
    "bun.lockb": "",
    "ios/Podfile.lock": "",
    "ios/Podfile": "",
    "app/App.csproj": "",
    "app/build.gradle": "",
    "requirements/dev.txt": "",
    "README.md": "",
    "src/main.py": "",
  }, async (dir) => {
    const { files, unread, superseded } = await scanProject(dir);
    assert.deepEqual(files, [
      "app/App.csproj",
      "pyproject.toml",
      "requirements/dev.txt",
      "uv.lock",
    ]);
    assert.deepEqual(unread.map((u) => [u.path, u.reason]), [
      ["app/build.gradle", "vouch has no reader for Gradle manifests"],
      ["bun.lockb", "vouch has no reader for Bun (binary lockfile) lockfiles"],
      ["ios/Podfile", "vouch has no reader for CocoaPods manifests"],
      ["ios/Podfile.lock", "vouch has no reader for CocoaPods lockfiles"],
    ]);
    assert.match(unread[1].hint ?? "", /bun install --save-text-lockfile/);
    const { forOthersOnly, classpathLocks, ...resolvedBy } = unread[0].resolvedBy!;
    assert.deepEqual(resolvedBy, {
      ecosystem: "maven",
      readers: ["gradle_lockfile", "gradle_verification", "versions_lock"],
      buildRoots: ["settings.gradle", "settings.gradle.kts"],
      ownFolderLocks: ["gradle_lockfile"],
    });
    // The Gradle script parser is imported on demand (`KnownFile.load`).
    assert.equal(
      await withModules(() => forOthersOnly?.("subprojects { dependencies { } }")),
      true,
    );
    assert.equal(classpathLocks?.name.test("buildscript-gradle.lockfile"), true);
    assert.equal(classpathLocks?.declaresModules("dependencies { api project(':a') }"), false);
    assert.equal(unread[2].resolvedBy, undefined);
    assert.deepEqual(superseded, []);
  });
});

Deno.test("scanProject: a Gradle lock at a path no script names is unread for that reason, not for a missing reader", async () => {
  await withTree({ "locks/plugin-buildscript-gradle.lockfile": "empty=\n" }, async (dir) => {
    const { unread } = await scanProject(dir);
    assert.deepEqual(unread.map((u) => u.path), ["locks/plugin-buildscript-gradle.lockfile"]);
    assert.match(unread[0].reason, /^no build or settings script of the tree names it as a lock/);
    assert.doesNotMatch(unread[0].reason, /no reader/);
    assert.match(unread[0].hint ?? "", /lockFile = file\(/);
  });
});

Deno.test("scanProject: a package-lock.json beside npm-shrinkwrap.json is superseded, as npm ignores it", async () => {
  await withTree({
    "npm-shrinkwrap.json": "",
    "package-lock.json": "",
    "package.json": "",
    "web/package-lock.json": "",
  }, async (dir) => {
    const { files, superseded } = await scanProject(dir);
    assert.deepEqual(files, ["npm-shrinkwrap.json", "package.json", "web/package-lock.json"]);
    assert.deepEqual(superseded, [{
      path: "package-lock.json",
      by: "npm-shrinkwrap.json",
      reason: "npm installs npm-shrinkwrap.json beside it, not this file; that is read instead",
    }]);
  });
});

// Gradle's DefaultScriptFileResolver tries `.gradle` before `.gradle.kts` and ignores the other.
Deno.test("scanProject: a build.gradle.kts beside build.gradle is superseded, as Gradle ignores it", async () => {
  await withTree({
    "build.gradle": "",
    "build.gradle.kts": "",
    "app/build.gradle.kts": "",
  }, async (dir) => {
    const { unread, superseded } = await scanProject(dir);
    assert.deepEqual(unread.map((u) => u.path), ["app/build.gradle.kts", "build.gradle"]);
    assert.deepEqual(superseded, [{
      path: "build.gradle.kts",
      by: "build.gradle",
      reason: "Gradle runs build.gradle beside it, not this file",
    }]);
  });
});

Deno.test("scanProject: a pip-tools input in a folder below requirements/ is reported, not passed over", async () => {
  await withTree({
    "requirements/edx/base.in": "",
    "requirements/edx/base.txt": "",
    "requirements/edx/testing.in": "",
    "docs/notes.in": "",
  }, async (dir) => {
    const { files, unread } = await scanProject(dir);
    assert.deepEqual(files, ["requirements/edx/base.txt"]);
    assert.deepEqual(unread.map((u) => [u.path, u.resolvedBy?.ecosystem]), [
      ["requirements/edx/base.in", "pypi"],
      ["requirements/edx/testing.in", "pypi"],
    ]);
  });
});

Deno.test("scanProject: Kong's tree: its rockspec and its Bazel Cargo locks are reported, not passed over", async () => {
  await withTree({
    "kong-3.9.0-0.rockspec": "",
    WORKSPACE: "",
    "crate_locks/atc_router.Cargo.lock": "version = 3\n",
    "crate_locks/README.md": "",
    "scripts/explain_manifest/requirements.txt": "lief==0.12.*\n",
  }, async (dir) => {
    const { files, unread } = await scanProject(dir);
    assert.deepEqual(files, ["scripts/explain_manifest/requirements.txt"]);
    assert.deepEqual(unread.map((u) => [u.path, u.reason]), [
      ["WORKSPACE", "vouch has no reader for Bazel manifests"],
      ["crate_locks/atc_router.Cargo.lock", "vouch has no reader for Bazel rules_rust lockfiles"],
      ["kong-3.9.0-0.rockspec", "vouch has no reader for LuaRocks manifests"],
    ]);
  });
});

Deno.test("scanProject: a polyglot monorepo's Unity, Bazel, Buf, jsonnet and Julia locks are reported; what vouch reads is not", async () => {
  await withTree({
    "go.mod": "module example.com/app\n\ngo 1.22\n",
    "go.sum": "",
    "proto/buf.yaml": "version: v2\ndeps:\n  - buf.build/googleapis/googleapis\n",
    "proto/buf.lock": "version: v2\ndeps:\n  - name: buf.build/googleapis/googleapis\n",
    "maven_install.json": '{"version": "2", "artifacts": {}}\n',
    "game/Packages/manifest.json": '{"dependencies": {"com.unity.ugui": "1.0.0"}}\n',
    "game/Packages/packages-lock.json": '{"dependencies": {}}\n',
    // A web app's manifest in a folder of that name: no dependency file.
    "web/Packages/manifest.json": '{"name": "App", "display": "standalone"}\n',
    "web/package.json": '{"name": "web"}\n',
    "web/package-lock.json": '{"lockfileVersion": 3}\n',
    "monitoring/jsonnetfile.lock.json": '{"version": 1, "dependencies": []}\n',
    "notebooks/Manifest-v1.11.toml": 'julia_version = "1.11.1"\n',
    "notebooks/Project.toml": "[deps]\n",
  }, async (dir) => {
    const { files, unread } = await scanProject(dir);
    assert.deepEqual(files, ["go.mod", "web/package-lock.json", "web/package.json"]);
    assert.deepEqual(unread.map((u) => [u.path, u.reason]), [
      ["game/Packages/manifest.json", "vouch has no reader for Unity Package Manager manifests"],
      [
        "game/Packages/packages-lock.json",
        "vouch has no reader for Unity Package Manager lockfiles",
      ],
      ["go.sum", "vouch has no reader for Go lockfiles"],
      ["maven_install.json", "vouch has no reader for Bazel rules_jvm_external lockfiles"],
      ["monitoring/jsonnetfile.lock.json", "vouch has no reader for jsonnet-bundler lockfiles"],
      ["notebooks/Manifest-v1.11.toml", "vouch has no reader for Julia Pkg lockfiles"],
      ["notebooks/Project.toml", "vouch has no reader for Julia Pkg manifests"],
      ["proto/buf.lock", "vouch has no reader for Buf lockfiles"],
    ]);
  });
});

Deno.test("scanProject: Helm 2's requirements.lock is reported as Helm's, not read as Rye's lock of that name", async () => {
  await withTree({
    // A chart of apiVersion v1 (helm/charts' stable/ charts): `helm dependency update` locks
    // its requirements.yaml in requirements.lock.
    "charts/app/Chart.yaml": "apiVersion: v1\nname: app\nversion: 0.1.0\n",
    "charts/app/requirements.yaml":
      "dependencies:\n- name: postgresql\n  version: 8.6.4\n  repository: https://charts.bitnami.com/bitnami\n",
    "charts/app/requirements.lock": "dependencies:\n- name: postgresql\n" +
      "  repository: https://charts.bitnami.com/bitnami\n  version: 8.6.4\n" +
      "digest: sha256:0a2d7c2dd6b0e6c06e1a3b4fbf0e8a4c4d3b5a2f6c1e8d9a7b3c5e2f4a6d8c1b\n" +
      'generated: "2020-03-05T10:35:03.193346-08:00"\n',
    // Rye's lock of the same name: read.
    "api/requirements.lock": "# generated by rye\n-e file:.\nidna==3.10\n",
  }, async (dir) => {
    const { files, unread } = await scanProject(dir);
    assert.deepEqual(files, ["api/requirements.lock"]);
    assert.deepEqual(unread.map((u) => [u.path, u.reason]), [
      ["charts/app/Chart.yaml", "vouch has no reader for Helm manifests"],
      ["charts/app/requirements.lock", "vouch has no reader for Helm lockfiles"],
    ]);
  });
});

Deno.test("scanProject: bun.lockb beside bun.lock is superseded, not unread", async () => {
  await withTree({ "bun.lock": "", "bun.lockb": "", "old/bun.lockb": "" }, async (dir) => {
    const { files, unread, superseded } = await scanProject(dir);
    assert.deepEqual(files, ["bun.lock"]);
    assert.deepEqual(unread.map((u) => u.path), ["old/bun.lockb"]);
    assert.deepEqual(superseded, [{ path: "bun.lockb", by: "bun.lock" }]);
  });
});

Deno.test("scanProject: the test fixture folders of JVM builds are skipped", async () => {
  await withTree({
    "pom.xml": "",
    "src/it/simple/pom.xml": "",
    "plugin/src/it/other/pom.xml": "",
    "plugin/src/test/resources/unit/pom.xml": "",
    "plugin/src/main/resources/pom.xml": "",
    // detekt's Gradle plugin: the builds its functional tests run.
    "gradle-plugin/src/functionalTest/resources/jvm/build.gradle": "",
    "gradle-plugin/src/integTest/resources/pom.xml": "",
    "gradle-plugin/src/functionalTest/kotlin/pom.xml": "",
  }, async (dir) => {
    assert.deepEqual(SKIPPED_PATHS, [
      "**/src/it",
      "**/src/test/resources",
      "**/src/*Test/resources",
    ]);
    const { files, unread } = await scanProject(dir);
    assert.deepEqual(files, [
      "gradle-plugin/src/functionalTest/kotlin/pom.xml",
      "plugin/src/main/resources/pom.xml",
      "pom.xml",
    ]);
    assert.deepEqual(unread, []);
  });
});

Deno.test("skippedFolder: the folder on a file's path that the scan does not enter", () => {
  assert.equal(skippedFolder("pom.xml"), undefined);
  assert.equal(skippedFolder("plugin/src/main/resources/pom.xml"), undefined);
  assert.equal(skippedFolder("plugin/src/it/other/pom.xml"), "plugin/src/it");
  assert.equal(skippedFolder("a/target/b/pom.xml"), "a/target");
  assert.equal(skippedFolder(".mvn/x/pom.xml"), ".mvn");
});

Deno.test("scanProject: testdata folders, which the go tool ignores, are skipped", async () => {
  // go-gitea/gitea: tests/testdata/… holds the go.mod of repositories its tests serve.
  await withTree({
    "go.mod": "",
    "tests/testdata/repo/go.mod": "",
    "modules/packages/npm/testdata/package.json": "",
    "testdata.go/go.mod": "",
  }, async (dir) => {
    assert.deepEqual((await scanProject(dir)).files, ["go.mod", "testdata.go/go.mod"]);
  });
});

Deno.test("scanProject: a project template's folder ({{…}}, {%…%}) is skipped", async () => {
  // cookiecutter/cookiecutter-django: {{cookiecutter.project_slug}}/requirements/base.txt has
  // `{%- if cookiecutter.use_whitenoise == 'y' %}` lines, and the whole scan exited 2 on them.
  await withTree({
    "requirements.txt": "",
    "{{cookiecutter.project_slug}}/requirements/base.txt":
      "{%- if cookiecutter.use_whitenoise == 'y' %}\nwhitenoise==6.9.0\n{%- endif %}\n",
    "{{cookiecutter.project_slug}}/package.json": "",
    "{{cookiecutter.project_slug}}/{% if cookiecutter.cloud == 'AWS' %}infra{% endif %}/Gemfile":
      "",
    "template/{{ project_name }}/pyproject.toml": "",
    "docs/{braces}/package.json": "",
  }, async (dir) => {
    const { files, unread } = await scanProject(dir);
    assert.deepEqual(files, ["docs/{braces}/package.json", "requirements.txt"]);
    assert.deepEqual(unread, []);
  });
  assert.equal(
    skippedFolder("{{cookiecutter.project_slug}}/requirements/base.txt"),
    "{{cookiecutter.project_slug}}",
  );
});

Deno.test("scanProject: skips hidden and default folders, reads MAX_DEPTH levels deep, reports deeper files", async () => {
  const files: Record<string, string> = { "a/b/c/d/uv.lock": "", "a/b/c/d/e/uv.lock": "" };
  for (const folder of [...SKIPPED_FOLDERS, ".venv", ".git"]) files[`${folder}/uv.lock`] = "";
  await withTree(files, async (dir) => {
    assert.equal(MAX_DEPTH, 4);
    const { files, unread } = await scanProject(dir);
    assert.deepEqual(files, ["a/b/c/d/uv.lock"]);
    // Deeper is not read, and said so.
    assert.deepEqual(unread.map((u) => [u.path, u.reason, u.resolvedBy]), [[
      "a/b/c/d/e/uv.lock",
      "it is more than 4 folders below the project root, deeper than the scan reads",
      undefined,
    ]]);
  });
});

Deno.test("scanProject: a solution's .nuget/packages.config and .config/dotnet-tools.json are read, no other file of a hidden folder", async () => {
  await withTree({
    // App-vNext/Polly's layout: NuGet 2's solution-level packages beside the solution.
    "Polly.sln": "",
    ".nuget/packages.config": "",
    ".nuget/NuGet.targets": "",
    ".nuget/packages.lock.json": "",
    // A solution filter is a solution to `nuget restore` too.
    "src/App.slnf": "",
    "src/.nuget/packages.config": "",
    // So is the XML solution of Visual Studio 17.13 and `dotnet sln` 9.0.200 (nuget.exe 6.14).
    "lib/Lib.slnx": "",
    "lib/.nuget/packages.config": "",
    // Without a solution beside it, NuGet never reads it.
    "tools/.nuget/packages.config": "",
    // The local tool manifest, where `dotnet tool restore` looks first.
    ".config/dotnet-tools.json": "",
    ".config/other.json": "",
    "src/.config/dotnet-tools.json": "",
    "examples/.nuget/packages.config": "",
    "examples/Examples.sln": "",
  }, async (dir) => {
    assert.deepEqual((await scanProject(dir)).files, [
      ".config/dotnet-tools.json",
      ".nuget/packages.config",
      "examples/.nuget/packages.config",
      "lib/.nuget/packages.config",
      "src/.config/dotnet-tools.json",
      "src/.nuget/packages.config",
    ]);
    assert.deepEqual((await scanProject(dir, { exclude: ["examples"] })).files, [
      ".config/dotnet-tools.json",
      ".nuget/packages.config",
      "lib/.nuget/packages.config",
      "src/.config/dotnet-tools.json",
      "src/.nuget/packages.config",
    ]);
  });
});

// sebastianbergmann/phpunit installs its tools (phpab, psalm, php-cs-fixer, php-scoper, composer)
// as PHARs with Phive, which records each with the version installed in .phive/phars.xml (its
// library theseer/tokenizer, in phive.xml, as Phive did before 0.14): the scan never entered the
// hidden folder and knew neither name, so the tools were passed over without a word.
Deno.test("scanProject: Phive's .phive/phars.xml and phive.xml are reported unread, no other file of .phive", async () => {
  await withTree({
    "composer.json": "",
    ".phive/phars.xml": "",
    ".phive/other.xml": "",
    "lib/phive.xml": "",
    "lib/.phive/phars.xml": "",
    "examples/.phive/phars.xml": "",
  }, async (dir) => {
    const unread = async (exclude: string[]): Promise<string[]> =>
      (await scanProject(dir, { exclude })).unread.map((u) => `${u.path}: ${u.reason}`);
    assert.deepEqual(await unread([]), [
      ".phive/phars.xml: vouch has no reader for Phive (PHAR tools) lockfiles",
      "examples/.phive/phars.xml: vouch has no reader for Phive (PHAR tools) lockfiles",
      "lib/.phive/phars.xml: vouch has no reader for Phive (PHAR tools) lockfiles",
      "lib/phive.xml: vouch has no reader for Phive (PHAR tools) lockfiles",
    ]);
    assert.deepEqual(await unread(["examples", "lib/.phive/phars.xml"]), [
      ".phive/phars.xml: vouch has no reader for Phive (PHAR tools) lockfiles",
      "lib/phive.xml: vouch has no reader for Phive (PHAR tools) lockfiles",
    ]);
  });
});

// nextcloud/server installs its packages into `lib/composer` (composer.json's config.vendor-dir)
// and has committed them there: the scan read each package's own composer.json as a manifest of
// the project (guzzlehttp/guzzle's requirements, declared, not resolved) and reported those deeper
// (its vendor-bin/psalm/composer.json) as unread blockers. Composer installs there what the
// composer.lock beside it locks, as in vendor/, which the scan never enters.
Deno.test("scanProject: the folder a composer.json names as its vendor-dir is not entered (nextcloud/server)", async () => {
  await withTree({
    "composer.json": '{"config": {"vendor-dir": "lib/composer"}, "require": {"ext-json": "*"}}',
    "composer.lock": "",
    "lib/composer/guzzlehttp/guzzle/composer.json": "",
    "lib/composer/guzzlehttp/guzzle/vendor-bin/psalm/composer.json": "",
    "lib/private/package.json": "",
    // Relative to its own composer.json; one outside the project or from the environment, none.
    "apps/files/composer.json": '{"config": {"vendor-dir": "./composer/"}}',
    "apps/files/composer/autoload/composer.json": "",
    "apps/other/composer.json": '{"config": {"vendor-dir": "{$home}/vendor"}}',
    "apps/other/lib/composer.json": "",
    "apps/up/composer.json": '{"config": {"vendor-dir": "../../.."}}',
    "apps/up/composer/composer.json": "",
    "apps/bad/composer.json": "{",
    "apps/bad/lib/composer.json": "",
  }, async (dir) => {
    assert.deepEqual((await scanProject(dir)).files, [
      "apps/bad/composer.json",
      "apps/bad/lib/composer.json",
      "apps/files/composer.json",
      "apps/other/composer.json",
      "apps/other/lib/composer.json",
      "apps/up/composer.json",
      "apps/up/composer/composer.json",
      "composer.json",
      "composer.lock",
      "lib/private/package.json",
    ]);
  });
});

// markconroy/markie, a Drupal 8 site, commits what composer/installers installs by its
// composer.json's extra.installer-paths: Drupal core in web/core (its package.json and yarn.lock,
// core's own JavaScript tooling, read as the project's), contributed modules in
// web/modules/contrib/<name> (each module's composer.json). The composer.lock locks them; the
// project's own modules (web/modules/custom) and folders no locked package is installed in stay.
Deno.test("scanProject: the folders composer/installers installs locked packages into are not entered (markconroy/markie)", async () => {
  const lock = JSON.stringify({
    packages: [
      { name: "drupal/core", version: "8.5.3", type: "drupal-core" },
      { name: "drupal/admin_toolbar", version: "1.24.0", type: "drupal-module" },
      { name: "fengyuanchen/cropper", version: "3.0.0-beta", type: "drupal-library" },
      { name: "drush/drush", version: "8.1.16", type: "library" },
      // The project's own theme, from a path repository: its folder is the project's.
      {
        name: "acme/mytheme",
        version: "dev-main",
        type: "drupal-custom-theme",
        dist: { type: "path", url: "web/themes/custom/mytheme" },
      },
    ],
    "packages-dev": [
      { name: "drupal/devel", version: "1.2.0", type: "drupal-module" },
      // composer/installers installs it under its installer-name.
      {
        name: "drupal/ckeditor_media",
        version: "1.0.0",
        type: "drupal-module",
        extra: { "installer-name": "media_ck" },
      },
    ],
  });
  await withTree({
    "composer.json": JSON.stringify({
      extra: {
        "installer-paths": {
          "web/core": ["type:drupal-core"],
          "web/libraries/{$name}": ["type:drupal-library"],
          "web/modules/contrib/{$name}": ["type:drupal-module"],
          "lib/{$name}": ["drush/drush"],
          "web/themes/custom/{$name}": ["type:drupal-custom-theme"],
        },
      },
    }),
    "composer.lock": lock,
    "web/core/composer.json": "",
    "web/core/package.json": "",
    "web/core/yarn.lock": "",
    "web/modules/contrib/admin_toolbar/composer.json": "",
    "web/modules/contrib/devel/composer.json": "",
    "web/modules/contrib/media_ck/composer.json": "",
    "web/modules/contrib/old_module/composer.json": "",
    "web/modules/custom/mine/composer.json": "",
    "web/libraries/cropper/package.json": "",
    "lib/drush/composer.json": "",
    "web/themes/custom/mytheme/package.json": "",
  }, async (dir) => {
    assert.deepEqual((await scanProject(dir)).files, [
      "composer.json",
      "composer.lock",
      "lib/drush/composer.json",
      "web/modules/contrib/old_module/composer.json",
      "web/modules/custom/mine/composer.json",
      "web/themes/custom/mytheme/package.json",
    ]);
  });
});

Deno.test("scanProject: --exclude takes names at any depth, path globs and literal paths", async () => {
  await withTree({
    "uv.lock": "",
    "examples/one/uv.lock": "",
    "docs/site/package-lock.json": "",
    "tests/fixtures/x/Cargo.lock": "",
    "out/evidence/uv.lock": "",
    "sub/bun.lockb": "",
  }, async (dir) => {
    const { files, unread } = await scanProject(dir, {
      exclude: ["examples", "docs/**", "./tests/fixtures/", "out/evidence", "*.lockb"],
    });
    assert.deepEqual(files, ["uv.lock"]);
    assert.deepEqual(unread, []);
  });
});

Deno.test("scanProject: links inside the root are read; out of it, broken, or a FIFO are reported", async () => {
  await withTempDir(async (outside) => {
    await withTree({ "real/uv.lock": "", "README.md": "" }, async (dir) => {
      await Deno.writeTextFile(`${outside}/requirements.txt`, "idna==3.10\n");
      await Deno.mkdir(`${dir}/app`);
      await Deno.symlink(`${dir}/real/uv.lock`, `${dir}/app/uv.lock`);
      await Deno.symlink(`${outside}/requirements.txt`, `${dir}/requirements.txt`);
      await Deno.symlink(`${dir}/nowhere`, `${dir}/poetry.lock`);
      await Deno.symlink(outside, `${dir}/linked-folder`);
      await Deno.symlink(`${dir}/README.md`, `${dir}/notes.md`);
      const made = await new Deno.Command("mkfifo", { args: [`${dir}/pdm.lock`] }).output();
      assert.ok(made.success);
      const { files, unread } = await scanProject(dir);
      assert.deepEqual(files, ["app/uv.lock", "real/uv.lock"]);
      assert.deepEqual(unread.map((u) => [u.path, u.reason]), [
        ["pdm.lock", "it is not a regular file (a FIFO, socket or device)"],
        ["poetry.lock", "it is a broken symbolic link"],
        ["requirements.txt", "it is a symbolic link to a file outside the project root"],
      ]);
    });
  });
});

Deno.test("matchesAny: literal paths, whole-path globs, base-name globs at any depth", () => {
  assert.ok(matchesAny("examples", ["examples"]));
  assert.ok(matchesAny("a/examples", ["examples"]));
  assert.ok(matchesAny("a/examples/uv.lock", ["a/examples/**"]));
  assert.ok(matchesAny("ios/Podfile.lock", ["*.lock"]));
  assert.ok(matchesAny("ios/Podfile.lock", ["ios/*"]));
  assert.ok(
    matchesAny("test_artifacts/supply-chain/current", ["test_artifacts/supply-chain/current/"]),
  );
  assert.ok(matchesAny("docs", ["./docs"]));
  assert.ok(!matchesAny("a/examples", ["b/examples"]));
  assert.ok(!matchesAny("ios/Podfile.lock", ["Podfile"]));
  assert.ok(!matchesAny("x", [""]));
  assert.ok(!matchesAny("x", []));
});

Deno.test("scanProject: the Gradle script parser is imported only for a settings script that may name a lock", async () => {
  // In a process of its own: another test may have imported the parser already.
  const script = `
    import { scanProject } from "${REPO_ROOT}/src/inventory/_scan.ts";
    import { knownFile } from "${REPO_ROOT}/src/inventory/_known_files.ts";
    const asked = () => {
      try {
        return knownFile("build.gradle", "")!.declaresForOthersOnly!("subprojects { }");
      } catch (error) {
        return (error as Error).name;
      }
    };
    const unread = async (dir: string) => (await scanProject(dir)).unread.map((u) => u.path);
    const [plain, named, commented] = Deno.args;
    console.log(JSON.stringify([
      await unread(plain), asked(), await unread(commented), asked(), await unread(named), asked(),
    ]));
  `;
  await withTree({
    "plain/settings.gradle": "include ':app'\n",
    "plain/app/build.gradle": "",
    "commented/settings.gradle.kts": '// lockFile = file("x")\n',
    "named/settings.gradle":
      'dependencyLocking { lockFile = file("gradle/all.lockfile") }\ninclude ":app"\n',
  }, async (dir) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["eval", "--ext=ts", script, "plain", "named", "commented"].map((a, i) =>
        i < 3 ? a : `${dir}/${a}`
      ),
      stderr: "inherit",
    }).output();
    assert.ok(out.success);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(out.stdout)), [
      ["app/build.gradle"],
      "NeedsModule",
      [],
      true,
      ["settings.gradle"],
      true,
    ]);
  });
});
