// The catalogue of dependency files: every reader's files are in it, and the
// README documents every entry.
import assert from "node:assert/strict";
import { KNOWN_FILES, knownFile } from "../../src/inventory/_known_files.ts";
import { readerFor, READERS } from "../../src/inventory/_registry.ts";
import { REPO_ROOT } from "../_util.ts";

Deno.test("knownFile: exact names, `*` patterns, folder-bound names", () => {
  assert.equal(knownFile("Podfile.lock", "ios")?.tool, "CocoaPods");
  assert.equal(knownFile("buildscript-gradle.lockfile", "app")?.name, "*-gradle.lockfile");
  assert.equal(knownFile("base.in", "requirements")?.tool, "pip-tools");
  // `requirements/**/*.in`: also in the folders below one (edx-platform's requirements/edx/).
  assert.equal(knownFile("base.in", "requirements/edx")?.tool, "pip-tools");
  assert.equal(knownFile("base.in", "src/requirements/edx/ci")?.tool, "pip-tools");
  assert.equal(knownFile("base.in", "requirements-old/edx"), undefined);
  assert.equal(
    knownFile("dev.in", "config"),
    undefined,
    "`requirements/*.in` only in requirements/",
  );
  assert.equal(knownFile("bun.lockb", "")?.supersededBy, "bun.lock");
  assert.equal(knownFile("release.py.lock", "scripts")?.tool, "uv (script lock)");
  assert.deepEqual(knownFile("build.gradle.kts", "app")?.resolvedBy, [
    "gradle_lockfile",
    "gradle_verification",
    "versions_lock",
  ]);
  for (const name of ["README.md", "main.py", "lockfile", "package.json5", "Cargo.toml.orig"]) {
    assert.equal(knownFile(name, ""), undefined, name);
  }
});

Deno.test("knownFile: Gradle version catalogs, Bazel WORKSPACE, Cabal, Bower, dub, Gleam and opam files", () => {
  const cases: [string, string, string, string | undefined][] = [
    ["libs.versions.toml", "gradle", "Gradle", "maven"],
    ["test-libs.versions.toml", "gradle", "Gradle", "maven"], // another catalog of the build
    ["WORKSPACE", "", "Bazel", undefined],
    ["WORKSPACE.bazel", "", "Bazel", undefined],
    ["app.cabal", "", "Cabal", undefined],
    ["cabal.project", "", "Cabal", undefined],
    ["bower.json", "", "Bower", undefined],
    ["dub.json", "", "dub (D)", undefined],
    ["dub.sdl", "", "dub (D)", undefined],
    ["dub.selections.json", "", "dub (D)", undefined],
    ["gleam.toml", "", "Gleam", undefined],
    ["app.opam", "", "opam", undefined],
    ["app.opam.locked", "", "opam", undefined],
  ];
  for (const [file, folder, tool, covers] of cases) {
    const known = knownFile(file, folder);
    assert.equal(known?.tool, tool, file);
    assert.equal(known?.covers, covers, file);
  }
  assert.equal(knownFile("libs.versions.toml", "config"), undefined, "only gradle/'s catalog");
  assert.equal(knownFile("dub.selections.json", "")?.kind, "lock");
  assert.equal(knownFile("manifest.toml", ""), undefined, "too common a name to be Gleam's");
});

// Files that declare third-party packages with no reader of vouch's: reported, never silent.
Deno.test("knownFile: CocoaPods podspecs, LibMan, Rails importmap pins, an R package's DESCRIPTION", () => {
  assert.equal(knownFile("AFNetworking.podspec", "")?.tool, "CocoaPods");
  assert.equal(knownFile("libman.json", "src/Web")?.tool, "LibMan");
  assert.equal(knownFile("importmap.rb", "config")?.tool, "Rails importmap");
  assert.equal(knownFile("importmap.rb", "lib"), undefined, "only config/'s");
  const description = knownFile("DESCRIPTION", "");
  assert.equal(description?.tool, "R package");
  assert.equal(description?.sharedName, true);
  assert.equal(
    description?.recognizes?.("Package: dplyr\nVersion: 1.1.4\nImports: rlang (>= 1.1.0)\n"),
    true,
  );
  assert.equal(description?.recognizes?.("A tool that prints the date.\n"), false);
});

Deno.test("knownFile: LuaRocks rockspecs and locks, Bazel rules_rust Cargo locks (Kong's tree)", () => {
  const cases: [string, string, "lock" | "manifest"][] = [
    ["kong-3.9.0-0.rockspec", "LuaRocks", "manifest"],
    ["luarocks.lock", "LuaRocks", "lock"],
    ["atc_router.Cargo.lock", "Bazel rules_rust", "lock"],
    ["Cargo.Bazel.lock", "Bazel rules_rust", "lock"],
    ["tools.Cargo.Bazel.lock", "Bazel rules_rust", "lock"],
    ["cargo-bazel-lock.json", "Bazel rules_rust", "lock"],
  ];
  for (const [file, tool, kind] of cases) {
    const known = knownFile(file, "crate_locks");
    assert.equal(known?.tool, tool, file);
    assert.equal(known?.kind, kind, file);
    assert.equal(known?.covers, undefined, `${file}: nothing vouch reads resolves it`);
  }
  assert.equal(knownFile("Cargo.lock", ""), undefined, "read by the Cargo reader");
  assert.match(knownFile("atc_router.Cargo.lock", "")?.hint ?? "", /Cargo\.lock/);
});

Deno.test("the known files are those no reader reads; what they are resolved by exists", () => {
  const names = new Set(READERS.map((r) => r.name));
  for (const known of KNOWN_FILES) {
    const [folder, name] = known.name.includes("/") ? known.name.split("/") : ["x", known.name];
    const example = `${folder}/${name.replace("*", "other")}`;
    if (known.overReader) {
      // It claims a reader's file by its text (Helm's requirements.lock, Rye's name).
      assert.ok(readerFor(example) !== undefined && known.recognizes !== undefined, known.name);
    } else assert.equal(readerFor(example), undefined, `${known.name} is read by a reader`);
    for (const reader of known.resolvedBy ?? []) assert.ok(names.has(reader), reader);
  }
});

Deno.test("the README lists every file vouch reads and every known file it does not", () => {
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);
  const section = (title: string): string => {
    const start = readme.indexOf(title);
    assert.ok(start !== -1, `README: no ${title}`);
    return readme.slice(start, readme.indexOf("\n#", start + title.length));
  };
  const read = section("### Files vouch reads");
  for (const reader of READERS) {
    for (const file of reader.files) assert.ok(read.includes(`\`${file}\``), `${file} (read)`);
  }
  const notRead = section("### Files vouch does not read");
  for (const { name } of KNOWN_FILES) {
    assert.ok(notRead.includes(`\`${name}\``), `README lacks \`${name}\` (not read)`);
  }
});

Deno.test("the README runbook names every reader in inventory.<reader>.invalid", () => {
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);
  const row = readme.split("\n").find((l) => l.startsWith("| `inventory.<reader>.invalid`"));
  assert.ok(row, "README: no inventory.<reader>.invalid row");
  for (const reader of READERS) assert.ok(row.includes(`\`${reader.name}\``), reader.name);
});

Deno.test("a manifest whose lockfile vouch reads says how to write that lockfile", () => {
  const locks: Record<string, string> = {
    Pipfile: "Pipfile.lock",
    "deno.json": "deno.lock",
    "deno.jsonc": "deno.lock",
    "requirements*.in": "requirements.txt",
    "requirements/**/*.in": "requirements.txt",
    // pip-tools' and uv's compile step reads them as it reads a requirements.in (pypa/pip-tools'
    // tests/test_data/packages/*/setup.py).
    "setup.py": "requirements.txt",
    "setup.cfg": "requirements.txt",
    "*.gemspec": "Gemfile.lock",
  };
  for (const [name, lock] of Object.entries(locks)) {
    const known = KNOWN_FILES.find((k) => k.name === name);
    assert.ok(known?.hint?.includes(lock), `${name}: ${known?.hint}`);
  }
});

Deno.test("knownFile: an MLflow project's or Robocorp robot's conda.yaml is a conda environment", () => {
  // AitoDotAI/example-robocorp-invoice's conda.yaml: conda packages and a pip list, no reader.
  const robot = "channels:\n  - conda-forge\ndependencies:\n  - python=3.7.5\n  - pip=20.1\n" +
    "  - pip:\n    - rpaframework==12.1.1\n    - aitoai==0.4.3\n";
  for (const name of ["conda.yaml", "conda.yml"]) {
    const known = knownFile(name, "");
    assert.equal(known?.tool, "conda", name);
    assert.equal(known?.kind, "manifest", name);
    assert.equal(known?.sharedName, true, name);
    assert.equal(known?.recognizes?.(robot), true, name);
    // A file of that name that is no environment (a tool's settings) is none.
    assert.equal(
      known?.recognizes?.("channel_priority: strict\nauto_activate_base: false\n"),
      false,
    );
  }
});

// ros-navigation/navigation2: each ROS 2 package's package.xml (nav2_amcl's: ament_cmake, rclcpp,
// nav_msgs, …, built with CMake, no other manifest) declares what it builds and runs with; the
// scan knew no such name and passed them over. Only a ROS manifest of that common name is one.
Deno.test("knownFile: a ROS package.xml that declares dependencies is a ROS manifest (ros-navigation/navigation2)", () => {
  const ros = '<?xml version="1.0"?>\n<?xml-model href="http://download.ros.org/schema/' +
    'package_format3.xsd" schematypens="http://www.w3.org/2001/XMLSchema"?>\n' +
    '<package format="3">\n  <name>nav2_amcl</name>\n  <version>0.1.0</version>\n' +
    "  <!-- <author>Brian P. Gerkey</author> -->\n" +
    "  <buildtool_depend>ament_cmake</buildtool_depend>\n  <depend>rclcpp</depend>\n" +
    "  <test_depend>ament_lint_auto</test_depend>\n</package>\n";
  const catkin = "<package>\n  <name>foo</name>\n  <run_depend>roscpp</run_depend>\n</package>\n";
  const known = knownFile("package.xml", "nav2_amcl");
  assert.equal(known?.tool, "ROS");
  assert.equal(known?.sharedName, true);
  assert.equal(known?.recognizes?.(ros), true);
  assert.equal(known?.recognizes?.(catkin), true, "format 1 (catkin)");
  // A PEAR/PECL package.xml (its namespace), a Salesforce manifest, one that declares nothing.
  const pear = '<?xml version="1.0" encoding="UTF-8"?>\n<package packagerversion="1.9.4" ' +
    'version="2.0" xmlns="http://pear.php.net/dtd/package-2.0">\n <name>xdebug</name>\n' +
    " <dependencies><required><php><min>7.1.0</min></php></required></dependencies>\n</package>\n";
  const salesforce = '<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns=' +
    '"http://soap.sforce.com/2006/04/metadata">\n  <version>58.0</version>\n</Package>\n';
  const bare = '<package format="2">\n  <name>meta</name>\n</package>\n';
  for (const text of [pear, salesforce, bare, "<!-- <depend>x</depend> -->\n<package/>\n"]) {
    assert.equal(known?.recognizes?.(text), false, text);
  }
});

// Build and package files of polyglot repositories that the scan passed over in silence: Mill's
// (Iltotore/iron's build.mill, `mvn"org.typelevel::cats-core::2.13.0"`), shadow-cljs's
// (7even/endless-ships: re-frame, reagent, … beside the package.json of its npm packages),
// Spago's (0rphee/class-scheduler's spago.yaml), Meson's wraps (git/git's subprojects/zlib.wrap).
Deno.test("knownFile: Mill, Scala CLI, shadow-cljs, Spago and Meson wrap files are reported", () => {
  const cases: [string, string, string, "lock" | "manifest"][] = [
    ["build.mill", "", "Mill", "manifest"],
    ["build.sc", "", "Mill", "manifest"],
    ["package.mill", "core", "Mill", "manifest"],
    ["shadow-cljs.edn", "", "shadow-cljs", "manifest"],
    ["spago.yaml", "", "Spago (PureScript)", "manifest"],
    ["spago.lock", "", "Spago (PureScript)", "lock"],
    ["spago.dhall", "", "Spago (PureScript)", "manifest"],
    ["packages.dhall", "", "Spago (PureScript)", "lock"],
    ["zlib.wrap", "subprojects", "Meson", "manifest"],
    ["glib.wrap", "lib/subprojects", "Meson", "manifest"],
  ];
  for (const [file, folder, tool, kind] of cases) {
    const known = knownFile(file, folder);
    assert.equal(known?.tool, tool, file);
    assert.equal(known?.kind, kind, file);
  }
  assert.equal(knownFile("zlib.wrap", "src"), undefined, "only subprojects/'s");
  // Scala CLI's project.scala (MateuszKubuszok/renamer's), only with a dependency directive.
  const scalaCli = knownFile("project.scala", "")!;
  assert.equal(scalaCli.tool, "Scala CLI");
  assert.equal(
    scalaCli.recognizes?.(
      "//> using scala 3.7.1\n//> using dep com.olvind.tui::tui::0.0.7\n" +
        "//> using publish.name renamer\n",
    ),
    true,
  );
  assert.equal(scalaCli.recognizes?.("//> using test.dep org.scalameta::munit::1.0.0\n"), true);
  assert.equal(scalaCli.recognizes?.("//> using scala 3.3.1\n//> using jvm 21\n"), false);
  assert.equal(scalaCli.recognizes?.("object Project:\n  val deps = List()\n"), false);
  const shadow = knownFile("shadow-cljs.edn", "")!;
  const place = { path: "shadow-cljs.edn", files: () => [], folders: () => [] };
  const endless = '{:source-paths ["src/cljs"]\n :dependencies [[re-frame "0.11.0"]\n' +
    '                [reagent "0.9.1"]]\n :builds {:main {:target :browser}}}\n';
  assert.equal(shadow.declaresNothing?.(endless, place), false);
  // Its libraries from deps.edn (reported itself), or none at all: nothing of its own.
  for (const text of ["{:deps true\n :builds {}}\n", "{:dependencies []\n :builds {}}\n"]) {
    assert.equal(shadow.declaresNothing?.(text, place), true, text);
  }
  assert.equal(
    shadow.declaresNothing?.(';; :dependencies [[x "1"]]\n{:dependencies []}\n', place),
    true,
    "a comment declares nothing",
  );
});

// AskalotCQA/askalot, a Rails app, keeps its deployments in config/environment.yml (module, type,
// name per environment) and CleberQa/httparty_api its API URLs per stage: each was reported as an
// unread conda environment, an inventory.unread_file blocker. Only conda's is one.
Deno.test("knownFile: an environment.yml is conda's only with a top-level dependencies list (AskalotCQA/askalot)", () => {
  const conda = "name: base\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n" +
    "  - pip:\n    - requests==2.31.0\n";
  const rails = "fiit_development:\n  module: university\n  type: development\n  name: fiit\n\n" +
    "edx_production:\n  module: mooc\n  type: production\n  name: edx\n";
  const stages = "dev:\n  api:\n    url: https://api.openweathermap.org/data/2.5/weather?";
  for (const name of ["environment.yml", "environment.yaml"]) {
    const known = knownFile(name, "config");
    assert.equal(known?.tool, "conda", name);
    assert.equal(known?.sharedName, true, name);
    assert.equal(known?.recognizes?.(conda), true, name);
    assert.equal(known?.recognizes?.(rails), false, name);
    assert.equal(known?.recognizes?.(stages), false, name);
  }
});

// AlekSi/trash (and moby/moby, containerd before Go modules, with vndr) pin their vendored Go
// packages in vendor.conf, an import path and revision a line: the scan passed it over in silence.
Deno.test("knownFile: vndr's and trash's vendor.conf is a Go lock (AlekSi/trash)", () => {
  const trash = "# package\ngithub.com/AlekSi/trash\n\n" +
    "github.com/Sirupsen/logrus                      v0.10.0\n" +
    "golang.org/x/sys                                a408501\n";
  const vndr = "github.com/docker/go-units 9e638d38cf6977a37a8ea0078f3ee75a7cdb2dd1\n" +
    "golang.org/x/net 0ed95abb35c445290478a5348a7b38bb154135fd https://github.com/golang/net\n";
  const known = knownFile("vendor.conf", "");
  assert.equal(known?.tool, "vndr / trash (Go)");
  assert.equal(known?.kind, "lock");
  assert.equal(known?.recognizes?.(trash), true);
  assert.equal(known?.recognizes?.(vndr), true);
  // Another tool's settings of that name.
  for (const text of ["[vendor]\npath = lib\n", "# github.com/x/y v1\n", "VENDOR_DIR=./v\n"]) {
    assert.equal(known?.recognizes?.(text), false, text);
  }
});

// The lockfiles and manifests real polyglot monorepos hold besides those of the list before
// (found in public repositories: a Unity game's Packages/, a Bazel build's maven_install.json,
// a Protobuf workspace's buf.lock, kube-prometheus' jsonnetfile.lock.json, a Julia 1.11
// environment's Manifest-v1.11.toml): each is reported, never silent.
Deno.test("knownFile: Unity, rules_jvm_external, Buf, jsonnet-bundler, Berkshelf, godep, Glide, Julia, Packrat, Carthage, Cabal", () => {
  const cases: [string, string, string, "lock" | "manifest"][] = [
    ["packages-lock.json", "Packages", "Unity Package Manager", "lock"],
    ["manifest.json", "Packages", "Unity Package Manager", "manifest"],
    ["maven_install.json", "", "Bazel rules_jvm_external", "lock"],
    ["buf.lock", "proto", "Buf", "lock"],
    ["jsonnetfile.json", "monitoring", "jsonnet-bundler", "manifest"],
    ["jsonnetfile.lock.json", "monitoring", "jsonnet-bundler", "lock"],
    ["Berksfile", "cookbooks/app", "Berkshelf (Chef)", "manifest"],
    ["Berksfile.lock", "cookbooks/app", "Berkshelf (Chef)", "lock"],
    ["Godeps.json", "Godeps", "godep", "lock"],
    ["glide.yaml", "", "Glide", "manifest"],
    ["JuliaProject.toml", "", "Julia Pkg", "manifest"],
    ["JuliaManifest.toml", "", "Julia Pkg", "lock"],
    ["Manifest-v1.11.toml", "docs", "Julia Pkg", "lock"],
    ["JuliaManifest-v1.10.toml", "", "Julia Pkg", "lock"],
    ["packrat.lock", "packrat", "Packrat (R)", "lock"],
    ["Cartfile.private", "", "Carthage", "manifest"],
    ["cabal.project.ghc96.freeze", "", "Cabal", "lock"],
  ];
  for (const [file, folder, tool, kind] of cases) {
    const known = knownFile(file, folder);
    assert.equal(known?.tool, tool, file);
    assert.equal(known?.kind, kind, file);
  }
  // Folder-bound: those names elsewhere are another tool's.
  assert.equal(knownFile("manifest.json", "public"), undefined, "a web app manifest");
  assert.equal(knownFile("Godeps.json", ""), undefined, "only Godeps/'s");
  assert.equal(knownFile("packrat.lock", ""), undefined, "only packrat/'s");
  // Unity's manifest has a `dependencies` object; a manifest.json of another kind is none.
  const unity = knownFile("manifest.json", "Packages");
  assert.equal(unity?.sharedName, true);
  assert.equal(
    unity?.recognizes?.(
      '{"dependencies":{"com.unity.ugui":"1.0.0","com.unity.modules.ai":"1.0.0"}}',
    ),
    true,
  );
  assert.equal(unity?.recognizes?.('{"name":"App","icons":[],"display":"standalone"}'), false);
});

// More of what polyglot repositories hold: SwiftPM's versioned manifests, JSON podspecs, Mint's
// tools, conda-lock's other locks, Nimble, niv's and npins' pins, PlatformIO, Zephyr, Homebrew.
Deno.test("knownFile: Package@swift-5.9.swift, podspec.json, Mintfile, conda-lock, Nimble, niv, PlatformIO, west, Brewfile", () => {
  const cases: [string, string, string, "lock" | "manifest"][] = [
    ["Package@swift-5.9.swift", "", "Swift Package Manager", "manifest"],
    ["Alamofire.podspec.json", "", "CocoaPods", "manifest"],
    ["Mintfile", "", "Mint", "manifest"],
    ["env.conda-lock.yml", "", "conda-lock", "lock"],
    ["conda-linux-64.lock", "", "conda-lock", "lock"],
    ["app.nimble", "", "Nimble", "manifest"],
    ["nimble.lock", "", "Nimble", "lock"],
    ["sources.json", "nix", "niv (Nix)", "lock"],
    ["sources.json", "npins", "npins (Nix)", "lock"],
    ["platformio.ini", "firmware", "PlatformIO", "manifest"],
    ["west.yml", "", "Zephyr west", "manifest"],
    ["Brewfile", "", "Homebrew Bundle", "manifest"],
    ["Brewfile.lock.json", "", "Homebrew Bundle", "lock"],
  ];
  for (const [file, folder, tool, kind] of cases) {
    const known = knownFile(file, folder);
    assert.equal(known?.tool, tool, file);
    assert.equal(known?.kind, kind, file);
  }
  assert.equal(knownFile("sources.json", "data"), undefined, "only nix/'s and npins/'");
});

// What Renovate's managers find in repositories besides the files above: Stack's stack.yaml,
// Helmfile, vendir, devbox, devenv, Puppet, Ansible Galaxy.
Deno.test("knownFile: stack.yaml, Helmfile, vendir, devbox, devenv, Puppetfile, Ansible Galaxy requirements", () => {
  const cases: [string, string, "lock" | "manifest"][] = [
    ["stack.yaml", "Stack", "manifest"],
    ["helmfile.yaml", "Helmfile", "manifest"],
    ["helmfile.lock", "Helmfile", "lock"],
    ["vendir.yml", "Carvel vendir", "manifest"],
    ["vendir.lock.yml", "Carvel vendir", "lock"],
    ["devbox.json", "devbox", "manifest"],
    ["devbox.lock", "devbox", "lock"],
    ["devenv.yaml", "devenv", "manifest"],
    ["devenv.lock", "devenv", "lock"],
    ["Puppetfile", "Puppet", "manifest"],
    ["Puppetfile.lock", "Puppet", "lock"],
    ["requirements.yml", "Ansible Galaxy", "manifest"],
    ["requirements.yaml", "Ansible Galaxy", "manifest"],
    ["galaxy.yml", "Ansible Galaxy", "manifest"],
  ];
  for (const [file, tool, kind] of cases) {
    const known = knownFile(file, "infra");
    assert.equal(known?.tool, tool, file);
    assert.equal(known?.kind, kind, file);
  }
  const galaxy = knownFile("requirements.yml", "ansible");
  assert.equal(galaxy?.sharedName, true);
  for (
    const text of [
      "---\ncollections:\n  - name: community.general\n    version: 9.0.0\n",
      "roles:\n  - name: geerlingguy.docker\n    version: 7.1.0\n",
      "- src: geerlingguy.java\n  version: 2.3.1\n",
    ]
  ) assert.equal(galaxy?.recognizes?.(text), true, text);
  // A Helm 2 chart's requirements.yaml (its Chart.yaml and requirements.lock are reported).
  assert.equal(
    galaxy?.recognizes?.(
      "dependencies:\n- name: postgresql\n  version: 8.6.4\n  repository: https://charts.bitnami.com/bitnami\n",
    ),
    false,
  );
  assert.equal(galaxy?.recognizes?.("site_name: docs\nnav:\n  - index.md\n"), false);
  // Stack's stack.yaml names its snapshot; a Docker Swarm stack of that name is none.
  const stack = knownFile("stack.yaml", "");
  assert.equal(stack?.sharedName, true);
  assert.equal(stack?.recognizes?.("resolver: lts-22.33\npackages:\n- .\n"), true);
  assert.equal(stack?.recognizes?.("snapshot: lts-23.0\nextra-deps: []\n"), true);
  assert.equal(stack?.recognizes?.("version: '3.8'\nservices:\n  web:\n    image: nginx\n"), false);
});
