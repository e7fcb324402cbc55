import assert from "node:assert/strict";
import { posix } from "../../../src/_path.ts";
import { gemPurl, readGemfileLock } from "../../../src/inventory/ruby/gemfile_lock.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { sbomLocations, writeTree } from "../_tree.ts";
import { cpuStopwatch, fixture, skipWithoutShared, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import {
  assertInvalidFixtures,
  assertSbomRefusesEvery,
  readCorpusProject,
  readValidProject,
} from "../_reader_cases.ts";

const DIR = ["ruby", "gemfile_lock"];

function readCase(name: string, withGemfile = true): ReturnType<typeof readGemfileLock> {
  const read = (file: string): string | undefined => {
    try {
      return Deno.readTextFileSync(fixture(...DIR, name, file));
    } catch {
      return undefined;
    }
  };
  return readGemfileLock(read("Gemfile.lock")!, {
    path: "Gemfile.lock",
    gemfile: withGemfile ? read("Gemfile") : undefined,
    load: read,
  });
}

const FEATURE_FLAGS = gemPurl("feature_flags", "2.3.0", {
  vcs_url: "git+https://github.com/acme/feature_flags.git@0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
});

Deno.test("gemPurl: platform is a qualifier (purl-spec gem type); vcs_url encoded as every type's", () => {
  assert.equal(
    gemPurl("jruby-launcher", "1.1.2", { platform: "java" }),
    "pkg:gem/jruby-launcher@1.1.2?platform=java",
  );
  assert.equal(
    gemPurl("ruby-advisory-db-check", "0.12.4"),
    "pkg:gem/ruby-advisory-db-check@0.12.4",
  );
  // Qualifier values are encoded as for every type (ECMA-427): `/` is data there, `:` stays.
  assert.equal(
    FEATURE_FLAGS,
    "pkg:gem/feature_flags@2.3.0?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Ffeature_flags.git" +
      "%400a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
  );
  assert.equal(
    gemPurl("sidekiq-pro", "7.3.0", { repository_url: "https://gems.contribsys.com/" }),
    "pkg:gem/sidekiq-pro@7.3.0?repository_url=https:%2F%2Fgems.contribsys.com%2F",
  );
});

Deno.test("readGemfileLock: one component per name, version and platform", () => {
  const out = readCase("app");
  assertWellFormed(out);
  const ids = out.components.map((c) => c.id);
  assert.equal(ids.length, 22, "21 specs of GEM and GIT sections + the vendored PATH gem");
  for (
    const id of [
      "pkg:gem/nokogiri@1.16.7",
      "pkg:gem/nokogiri@1.16.7?platform=arm64-darwin",
      "pkg:gem/nokogiri@1.16.7?platform=x86_64-linux",
      "pkg:gem/rails@7.1.3.4",
      "pkg:gem/sidekiq-pro@7.3.0?repository_url=https:%2F%2Fgems.contribsys.com%2F",
      "pkg:gem/legacy_csv@0.9.2",
      FEATURE_FLAGS,
    ]
  ) assert.ok(ids.includes(id), id);
  const nokogiri = out.components.find((c) =>
    c.id === "pkg:gem/nokogiri@1.16.7?platform=x86_64-linux"
  );
  assert.equal(nokogiri?.name, "nokogiri");
  assert.equal(nokogiri?.version, "1.16.7");
});

Deno.test("readGemfileLock: a GIT section Bundler 1.1 wrote twice is one source (MSch/bundlerbug)", () => {
  // Bundler 1.1 wrote the section once per gem the Gemfile declares from the repository
  // (`activerecord` and `activesupport`, both from rails.git); Bundler reads the lock.
  const git = "GIT\n  remote: https://github.com/rails/rails.git\n" +
    "  revision: c2897901de4266e5c02da6cc5a9348bfde13552e\n  branch: 3-2-stable\n  specs:\n" +
    "    activerecord (3.2.2)\n      activesupport (= 3.2.2)\n      arel (~> 3.0.2)\n" +
    "    activesupport (3.2.2)\n      i18n (~> 0.6)\n\n";
  const rest =
    "GEM\n  remote: http://rubygems.org/\n  specs:\n    arel (3.0.2)\n    i18n (0.6.0)\n\n" +
    "PLATFORMS\n  ruby\n\nDEPENDENCIES\n  activerecord!\n  activesupport!\n";
  const out = readGemfileLock(git + git + rest, { path: "Gemfile.lock" });
  assertWellFormed(out);
  const rails =
    "vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Frails%2Frails.git%40c2897901de4266e5c02da6cc5a9348bfde13552e";
  assert.deepEqual(out.components.map((c) => c.id).sort(), [
    "pkg:gem/activerecord@3.2.2?" + rails,
    "pkg:gem/activesupport@3.2.2?" + rails,
    "pkg:gem/arel@3.0.2",
    "pkg:gem/i18n@0.6.0",
  ]);
  // The same gem from another source, or with other dependencies, is no repeated section.
  const other = git.replace("c2897901de4266e5c02da6cc5a9348bfde13552e", "0".repeat(40));
  const changed = git.replace(
    "      i18n (~> 0.6)\n",
    "      i18n (~> 0.6)\n      tzinfo (~> 0.3.29)\n",
  );
  const cases: [string, RegExp][] = [
    [other, /^Gemfile\.lock:17: gem activerecord-3\.2\.2 is locked twice/],
    [changed, /^Gemfile\.lock:20: gem activesupport-3\.2\.2 is locked twice/],
  ];
  for (const [second, message] of cases) {
    assertVouchError(
      () => readGemfileLock(git + second + rest, { path: "Gemfile.lock" }),
      "inventory.gemfile_lock.invalid",
      message,
    );
  }
});

Deno.test("readGemfileLock: CHECKSUMS per name-version-platform, .gem URLs, git at the revision", () => {
  const byId = new Map(readCase("app").components.map((c) => [c.id, c]));
  assert.deepEqual(byId.get("pkg:gem/nokogiri@1.16.7?platform=arm64-darwin")?.hashes, [{
    alg: "sha256",
    hex: "c8e1a9b3d5f7e2c4a6b8d0f1e3a5c7b9d2f4e6a8c0b3d5f7e9a1c3b5d7f9e2a4",
  }]);
  assert.equal(
    byId.get("pkg:gem/nokogiri@1.16.7?platform=arm64-darwin")?.downloadLocation,
    "https://rubygems.org/gems/nokogiri-1.16.7-arm64-darwin.gem",
  );
  assert.equal(
    byId.get("pkg:gem/sidekiq-pro@7.3.0?repository_url=https:%2F%2Fgems.contribsys.com%2F")
      ?.downloadLocation,
    "https://gems.contribsys.com/gems/sidekiq-pro-7.3.0.gem",
  );
  assert.equal(
    byId.get(FEATURE_FLAGS)?.downloadLocation,
    "git+https://github.com/acme/feature_flags.git@0a1b2c3d4e5f60718293a4b5c6d7e8f901234567",
  );
  assert.deepEqual(byId.get(FEATURE_FLAGS)?.hashes, [], "no checksum for a git gem");
});

Deno.test("readGemfileLock: a PLUGIN SOURCE gem names its source's remote, not rubygems.org", () => {
  // What Bundler::Plugin::API::Source#to_lock writes for `source "s3://…", type: "aws-s3"`.
  const lock = "PLUGIN SOURCE\n  remote: s3://acme-gems/private\n  type: aws-s3\n  specs:\n" +
    "    acme-secrets (2.0.0)\n\nGEM\n  remote: https://rubygems.org/\n  specs:\n" +
    "    rake (13.2.1)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  acme-secrets!\n  rake\n\n" +
    "BUNDLED WITH\n   2.5.4\n";
  const out = readGemfileLock(lock, { path: "Gemfile.lock" });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:gem/acme-secrets@2.0.0?repository_url=s3:%2F%2Facme-gems%2Fprivate",
    "pkg:gem/rake@13.2.1",
  ]);
});

Deno.test("readGemfileLock: a PATH gem of the project is a member, one under vendor/ a component", () => {
  const out = readCase("app");
  assert.deepEqual(out.members.map((m) => m.id), ["pkg:gem/admin@0.1.0"]);
  assert.ok(!out.components.some((c) => c.name === "admin"));
  assert.deepEqual(edgesFrom(out, "pkg:gem/admin@0.1.0"), ["pkg:gem/rails@7.1.3.4 runtime"]);
  const vendored = out.components.find((c) => c.name === "legacy_csv");
  assert.equal(vendored?.direct, true);
  assert.equal(vendored?.downloadLocation, undefined);
});

Deno.test("readGemfileLock: DEPENDENCIES are direct, the Gemfile's groups give the scopes", () => {
  const out = readCase("app");
  const byName = new Map(out.components.map((c) => [c.id.replace(/@.*/, ""), c]));
  const scopes = (name: string): string => {
    const c = byName.get(`pkg:gem/${name}`)!;
    return `${c.scopes.join(",")} ${c.groups.join(",")}`;
  };
  assert.equal(scopes("rails"), "runtime ");
  assert.equal(scopes("rspec-rails"), "dev development,test");
  assert.equal(scopes("capybara"), "dev development,test", "nested groups add up");
  assert.equal(scopes("listen"), "dev development");
  assert.equal(scopes("pry"), "dev development", "read from eval_gemfile");
  assert.equal(scopes("yard"), "optional docs", "an optional group");
  assert.equal(scopes("rack-mini-profiler"), "runtime staging");
  assert.equal(scopes("pg"), "runtime ", "in a condition: the groups around it");
  assert.equal(scopes("racc"), "dev,runtime ", "transitive: through runtime and dev gems");
  assert.equal(scopes("i18n"), "runtime ");
  assert.equal(byName.get("pkg:gem/i18n")?.direct, false);
  assert.ok(!out.components.some((c) => c.name === "tzinfo-data"), "declared, not locked");
  assert.ok(edgesFrom(out, ROOT_ID).includes("pkg:gem/admin@0.1.0 runtime"));
  assert.deepEqual(out.warnings, [
    "Gemfile:39: a condition is not evaluated; the gems in it keep the groups around it",
  ]);
  const bare = readCase("app", false);
  assert.ok(bare.components.filter((c) => c.direct).every((c) => c.scopes.includes("runtime")));
  assert.deepEqual(bare.warnings, []);
});

// Bundler lists every gem of the Gemfile in DEPENDENCIES: one a lock lacks was added after it, or
// the lock is cut short inside DEPENDENCIES (huginn's, cut at a line, read without a word).
Deno.test("readGemfileLock: a gem the Gemfile declares for sure and DEPENDENCIES lacks is a warning", () => {
  const read = (name: string): string => Deno.readTextFileSync(fixture(...DIR, "app", name));
  const lock = read("Gemfile.lock");
  // Cut after `nokogiri (>= 1.16)`: pg (in a condition), pry (an eval_gemfile'd file's) and the
  // rest are gone.
  const cut = lock.slice(0, lock.indexOf("  pg\n", lock.indexOf("DEPENDENCIES")));
  const out = readGemfileLock(cut, { path: "Gemfile.lock", gemfile: read("Gemfile"), load: read });
  const warning = out.warnings.find((w) => w.includes("does not lock"));
  assert.equal(
    warning,
    "Gemfile declares pry, puma, rack-mini-profiler, rails, rspec-rails, sidekiq-pro, " +
      "tzinfo-data, yard, which Gemfile.lock does not lock: they are not in the SBOM; run " +
      "`bundle install` to update the lock",
    'pg, declared only under `if ENV["WITH_PG"]`, is not named',
  );
  // A gem declared only under a condition, or behind `if`, may be one Bundler never declared.
  const conditional = readGemfileLock(lock, {
    path: "Gemfile.lock",
    gemfile: read("Gemfile") + 'gem "only-on-ci" if ENV["CI"]\nhelper.each do\n  gem "b"\nend\n',
    load: read,
  });
  assert.ok(!conditional.warnings.some((w) => w.includes("does not lock")));
});

// discourse/discourse: its own gems `migrations/*` are `path:` gems of `group :migrations,
// optional: true`, which Bundler installs only when asked to; their dependencies were runtime.
Deno.test("readGemfileLock: a member needs its dependencies as the Gemfile needs it (an optional or dev path: gem)", () => {
  const gemfile = `source "https://rubygems.org"

gem "rack"

group :development do
  gem "devtool", path: "tools/devtool"
end

group :migrations, optional: true do
  gem "migrations-core", path: "migrations/core"
  gem "migrations-importer", path: "migrations/importer"
end
`;
  const lock = `PATH
  remote: migrations/core
  specs:
    migrations-core (0.0.1)
      samovar

PATH
  remote: migrations/importer
  specs:
    migrations-importer (0.0.1)
      migrations-core
      rack

PATH
  remote: tools/devtool
  specs:
    devtool (0.1.0)
      migrations-importer
      rack

GEM
  remote: https://rubygems.org/
  specs:
    console (1.37.0)
    rack (3.2.7)
    samovar (2.5.1)
      console (~> 1.0)

PLATFORMS
  x86_64-linux

DEPENDENCIES
  devtool!
  migrations-core!
  migrations-importer!
  rack

BUNDLED WITH
  4.0.11
`;
  const out = readGemfileLock(lock, { path: "Gemfile.lock", gemfile });
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes.join(",")}`), [
    "pkg:gem/console@1.37.0 dev,optional",
    "pkg:gem/rack@3.2.7 dev,optional,runtime",
    "pkg:gem/samovar@2.5.1 dev,optional", // also through devtool, a dev gem
  ]);
  assert.deepEqual(edgesFrom(out, "pkg:gem/migrations-core@0.0.1"), [
    "pkg:gem/samovar@2.5.1 dev",
    "pkg:gem/samovar@2.5.1 optional",
  ]);
});

Deno.test("readGemfileLock: the gem of a gem's own repository is the root", () => {
  const out = readCase("gem-project");
  assert.deepEqual(out.project, {
    name: "tiny_http",
    version: "1.2.0",
    purl: "pkg:gem/tiny_http@1.2.0",
  });
  assert.deepEqual(out.members, []);
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:gem/base64@0.2.0 runtime",
    "pkg:gem/minitest@5.25.1 dev",
    "pkg:gem/rake@13.2.1 dev",
  ]);
});

// In a gem's repository the Gemfile sets up development in any group: `group :guard` gems
// were runtime, as if they shipped with the gem.
Deno.test("readGemfileLock: in a gem's own repository every Gemfile group is dev", () => {
  const dir = fixture(...DIR, "gem-project");
  const lock = Deno.readTextFileSync(`${dir}/Gemfile.lock`);
  const gemfile = Deno.readTextFileSync(`${dir}/Gemfile`).replace(
    'gem "rake", "~> 13.0"',
    'group :guard do\n  gem "rake", "~> 13.0"\nend',
  );
  const out = readGemfileLock(lock, { path: "Gemfile.lock", gemfile });
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:gem/base64@0.2.0 runtime",
    "pkg:gem/minitest@5.25.1 dev",
    "pkg:gem/rake@13.2.1 dev",
  ]);
});

// A Gemfile of a project of its own in a subfolder (a Rails app in web/, a Jekyll site in
// docs/ beside a root go.mod or package.json): its gems hung from the root of the scan, while
// a subfolder's Pipfile.lock hangs them from a member for its project, which the root needs.
Deno.test("readGemfileLock: in a subfolder, the Gemfile's gems hang from a member for its project, as a Pipfile's", () => {
  const lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    jekyll (4.3.3)\n" +
    "      rouge\n    rouge (4.3.0)\n    rspec (3.13.0)\n\nPLATFORMS\n  ruby\n\n" +
    "DEPENDENCIES\n  jekyll\n  rspec\n";
  const gemfile = 'source "https://rubygems.org"\ngem "jekyll"\ngem "rspec", group: :test\n';
  for (const gemfileText of [gemfile, undefined]) {
    const out = readGemfileLock(lock, { path: "docs/Gemfile.lock", gemfile: gemfileText });
    assert.deepEqual(out.members, [{ id: "workspace:docs", name: "docs" }]);
    assert.deepEqual(edgesFrom(out, ROOT_ID), ["workspace:docs runtime"]);
    assert.deepEqual(edgesFrom(out, "workspace:docs"), [
      "pkg:gem/jekyll@4.3.3 runtime",
      `pkg:gem/rspec@3.13.0 ${gemfileText === undefined ? "runtime" : "dev"}`,
    ]);
  }
  const atRoot = readGemfileLock(lock, { path: "Gemfile.lock", gemfile });
  assert.deepEqual(atRoot.members, []);
  assert.deepEqual(edgesFrom(atRoot, ROOT_ID), [
    "pkg:gem/jekyll@4.3.3 runtime",
    "pkg:gem/rspec@3.13.0 dev",
  ]);
  // An alternate Gemfile's lock is the root project's variant: its gems stay the root's.
  const variant = readGemfileLock(lock, { path: "gemfiles/rails_7.gemfile.lock", alternate: true });
  assert.deepEqual(variant.members, []);
  assert.deepEqual(edgesFrom(variant, ROOT_ID), [
    "pkg:gem/jekyll@4.3.3 dev",
    "pkg:gem/rspec@3.13.0 dev",
  ]);
});

Deno.test("readGemfileLock: bad input is inventory.gemfile_lock.* with file:line", () => {
  assertInvalidFixtures(DIR, "Gemfile.lock", (text, path) => readGemfileLock(text, { path }), [
    [
      "truncated",
      "inventory.gemfile_lock.invalid",
      /^Gemfile\.lock:52: "rack \(3\.1" is not a spec/,
    ],
    [
      "unknown-section",
      "inventory.gemfile_lock.invalid",
      /^Gemfile\.lock:115: section "LOCKED SOURCES"/,
    ],
    [
      "wrong-version",
      "inventory.gemfile_lock.invalid",
      /^Gemfile\.lock:119: BUNDLED WITH 9\.0\.1 is not a version vouch reads \(it reads Bundler 1\.x to 4\.x\)/,
    ],
    [
      "duplicate-spec",
      "inventory.gemfile_lock.invalid",
      /^Gemfile\.lock:47: gem pg-1\.5\.7 is locked twice/,
    ],
    [
      "duplicate-section",
      "inventory.gemfile_lock.invalid",
      /^Gemfile\.lock:115: section PLATFORMS appears twice/,
    ],
    [
      "invalid-utf8",
      "inventory.gemfile_lock.invalid",
      /^Gemfile\.lock:60: the file is not valid UTF-8/,
    ],
  ]);
  const end = "\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  a\n";
  const invalid: [string, RegExp][] = [
    ["GEM\n  remote: https://rubygems.org/\n    a (1.0)\n" + end, /:3: "a \(1\.0\)" is not a spec/],
    ["GEM\n  specs:\n    a (1.0)\n      b (>= 1)\n     c\n" + end, /:5: /],
    [
      "GEM\n  specs:\n    a (1.0 beta)\n" + end,
      /:3: "a \(1\.0 beta\)" is not a gem name and version/,
    ],
    ["GEM\n  remote: x\n  remote: y\n  revision: 1\n  revision: 2\n", /:5: option "revision"/],
    ["DEPENDENCIES\n  a\n", /:2: no PLATFORMS section: the file is truncated/],
    ["CHECKSUMS\n  a (1.0) sha256=XYZ\n" + end, /:2: checksum "sha256=XYZ"/],
    ["  a (1.0)\n" + end, /:1: an indented line before any section/],
    ["gem 'rails'\n", /:1: "gem 'rails'" is not a section/],
    // Cut short after CHECKSUMS (Bundler 2.5+ ends the lock with BUNDLED WITH): at its last line.
    [
      `GEM\n  specs:\n    a (1.0)\n${end}\nCHECKSUMS\n  a (1.0) sha256=${"0".repeat(64)}\n`,
      /:12: no BUNDLED WITH section: the file is truncated/,
    ],
  ];
  for (const [text, message] of invalid) {
    assertVouchError(
      () => readGemfileLock(text, { path: "Gemfile.lock" }),
      "inventory.gemfile_lock.invalid",
      message,
    );
  }
});

Deno.test("the fixture projects give valid SBOMs", async () => {
  for (const name of ["app", "gem-project"]) {
    const inventory = await readValidProject(fixture(...DIR, name));
    assert.ok(inventory.components.length > 0, name);
  }
});

Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(DIR, "inventory.gemfile_lock.invalid");
  // truncated, wrong version, duplicate keys, invalid UTF-8
  for (const name of ["truncated", "wrong-version", "duplicate-spec", "invalid-utf8"]) {
    assert.ok(cases.includes(name), name);
  }
});

// huginn/huginn, counted without vouch: every spec line (exactly 4 spaces of indentation) of the
// GIT, PATH and GEM sections, i.e. before PLATFORMS:
//   awk '/^PLATFORMS/{exit} /^    [^ ]/{n++} END{print n}' Gemfile.lock          → 299
// (2 GIT gems, the vendored PATH gem dotenv, 296 GEM specs, platform variants counted apart:
// ffi, google-protobuf, grpc, nokogiri, pg … ×4). DEPENDENCIES lists 101 gems
//   awk '/^DEPENDENCIES/{f=1;next} /^[A-Z]/{f=0} f&&/^  [^ ]/{print $1}' Gemfile.lock
// of which tzinfo-data (windows only) is not locked: 100 direct names, 106 spec lines with
// those names (grep -cxFf of the names against the spec names).
Deno.test({
  name: "readGemfileLock: huginn/huginn corpus is read whole",
  ignore: skipWithoutShared("the Gemfile.lock corpus test"),
  fn: async () => {
    const inventory = await readCorpusProject("huginn__huginn");
    assert.equal(inventory.components.length, 299);
    assert.equal(inventory.members.length, 0);
    const direct = inventory.components.filter((c) => c.direct);
    assert.equal(new Set(direct.map((c) => c.name)).size, 100);
    assert.equal(direct.length, 106);
    const ids = new Set(inventory.components.map((c) => c.id));
    for (
      const purl of [
        "pkg:gem/Ascii85@2.0.1",
        "pkg:gem/dotenv@3.2.0",
        "pkg:gem/ffi@1.17.4?platform=x86_64-linux-gnu",
        "pkg:gem/pg@1.6.3?platform=arm64-darwin",
        "pkg:gem/mysql2@0.5.7",
        gemPurl("erector", "0.10.0", {
          vcs_url:
            "git+https://github.com/dsander/erector.git@821c2fa9174b56cc39e203883d83b18b60912a36",
        }),
        gemPurl("mini_racer", "0.20.0", {
          vcs_url:
            "git+https://github.com/knu/mini_racer.git@172396ba66144124e3af676e1b8f02f393dfdfdc",
        }),
      ]
    ) assert.ok(ids.has(purl), purl);
    const byName = new Map(inventory.components.map((c) => [c.name, c]));
    assert.deepEqual(byName.get("rspec-rails")?.scopes, ["dev"]);
    assert.deepEqual(byName.get("capybara")?.groups, ["development", "test"]);
    assert.deepEqual(byName.get("spring")?.scopes, ["dev"], "in if_true inside group :development");
    assert.deepEqual(byName.get("rails")?.scopes, ["runtime"]);
    assert.ok(!ids.has("pkg:gem/tzinfo-data"));
    assert.deepEqual(inventory.sources, ["Gemfile", "Gemfile.lock"]);
  },
});

Deno.test('readGemfileLock: a repository of several gems (PATH "."): the root gemspec\'s gem is the root, the others members', async () => {
  // Shaped like rails/rails: `PATH remote: .` lists rails (rails.gemspec at the root) and the
  // gems of its sub-folders; none of them is a component.
  const inventory = await readValidProject(fixture(...DIR, "multi-gem"));
  assert.equal(inventory.project?.purl, "pkg:gem/rails@8.0.0.alpha");
  assert.deepEqual(inventory.members.map((m) => m.id).sort(), [
    "pkg:gem/activesupport@8.0.0.alpha",
    "pkg:gem/railties@8.0.0.alpha",
  ]);
  assert.ok(!inventory.components.some((c) => c.name === "rails" || c.name === "railties"));
  // Without the gemspecs the lock cannot tell which gem is the root: all are members.
  const lock = Deno.readTextFileSync(fixture(...DIR, "multi-gem", "Gemfile.lock"));
  const out = readGemfileLock(lock, { path: "Gemfile.lock" });
  assert.equal(out.project, undefined);
  assert.equal(out.members.length, 3);
});

Deno.test("readGemfileLock: the lock of an alternate Gemfile installs dev gems only", () => {
  const lock = Deno.readTextFileSync(
    fixture(...DIR, "appraisal", "gemfiles", "rails_7.1.gemfile.lock"),
  );
  const scopes = (alternate: boolean): string[] =>
    readGemfileLock(lock, { path: "gemfiles/rails_7.1.gemfile.lock", alternate }).components
      .map((c) => `${c.id} ${c.scopes.join(",")}`);
  assert.deepEqual(scopes(true), [
    "pkg:gem/activesupport@7.1.4 dev", // needed by the project's gem (PATH ..), in this variant only
    "pkg:gem/appraisal@2.5.0 dev",
    "pkg:gem/rake@13.2.1 dev",
  ]);
  // The same lock read as the main one: its `PATH ..` gem (the tree's root) is the project's
  // gem, whose dependencies are runtime; the Gemfile's other gems set up development.
  assert.deepEqual(scopes(false), [
    "pkg:gem/activesupport@7.1.4 dev,runtime", // also in its DEPENDENCIES
    "pkg:gem/appraisal@2.5.0 dev",
    "pkg:gem/rake@13.2.1 dev",
  ]);
});

// activeadmin/activeadmin tests against each Rails version with a Gemfile in a folder of its
// own (gemfiles/rails_80/Gemfile, `gemspec path: "../.."`, locked as gemfiles/rails_80/Gemfile.lock):
// named Gemfile.lock, it was read as a main lock, and the gemspec's dependencies at the versions
// of that variant (railties 8.0.4 beside the root lock's 8.1.2) were required runtime components.
Deno.test("readGemfileLock: a Gemfile.lock that locks the project's gem from a folder above with its own Gemfile is an alternate's (activeadmin/activeadmin)", () => {
  const lock = [
    "PATH",
    "  remote: ../..",
    "  specs:",
    "    activeadmin (4.0.0.beta21)",
    "      railties (>= 7.2)",
    "",
    "GEM",
    "  remote: https://rubygems.org/",
    "  specs:",
    "    railties (8.0.4)",
    "    rake (13.3.1)",
    "",
    "PLATFORMS",
    "  x86_64-linux",
    "",
    "DEPENDENCIES",
    "  activeadmin!",
    "  rake",
    "",
  ].join("\n");
  const gemfile = 'source "https://rubygems.org"\ngem "rake"\ngemspec path: "../.."\n';
  const scopes = (rootGemfile: string | undefined): string[] =>
    readGemfileLock(lock, {
      path: "gemfiles/rails_80/Gemfile.lock",
      gemfile,
      gemfilePath: "gemfiles/rails_80/Gemfile",
      load: (rel) => rel === "../../Gemfile" ? rootGemfile : undefined,
    }).components.map((c) => `${c.id} ${c.scopes.join(",")}`);
  assert.deepEqual(scopes('source "https://rubygems.org"\ngemspec\n'), [
    "pkg:gem/railties@8.0.4 dev",
    "pkg:gem/rake@13.3.1 dev",
  ]);
  // With no Gemfile beside the gemspec, this one is the project's only Gemfile: its lock is the
  // main one (the gemspec's dependencies runtime; in a gem's repository the Gemfile's gems are dev).
  assert.deepEqual(scopes(undefined), [
    "pkg:gem/railties@8.0.4 runtime",
    "pkg:gem/rake@13.3.1 dev",
  ]);
});

Deno.test("the scan reads the locks of alternate Gemfiles (Appraisal's gemfiles/*.gemfile.lock)", async () => {
  // Shaped like a gem tested against several Rails versions with Appraisal: Bundler locks a
  // Gemfile named X in X.lock. They were skipped without a word.
  const inventory = await readValidProject(fixture(...DIR, "appraisal"));
  assert.equal(inventory.project?.purl, "pkg:gem/widget@1.2.0");
  assert.deepEqual(
    inventory.components.map((c) => `${c.id} ${c.scopes.join(",")} ${c.sources.join(",")}`),
    [
      "pkg:gem/activesupport@7.1.4 dev gemfiles/rails_7.1.gemfile.lock",
      "pkg:gem/activesupport@7.2.1 runtime Gemfile.lock",
      "pkg:gem/appraisal@2.5.0 dev Gemfile.lock,gemfiles/rails_7.1.gemfile.lock",
      "pkg:gem/rake@13.2.1 dev Gemfile.lock,gemfiles/rails_7.1.gemfile.lock",
    ],
  );
  assert.deepEqual(inventory.unread ?? [], []);
});

// rubygems/rubygems keeps its tools' Gemfiles as `tool/bundler/dev_gems.rb`, `test_gems.rb`, …
// and Bundler locks each in `<name>.rb.lock` (Bundler 2.5, CHECKSUMS, a dozen platforms): the
// scan found no lockfile there at all. Shaped like its dev_gems.rb.lock, cut down.
Deno.test("the scan reads the lock of a Gemfile named *.rb (rubygems' tool/bundler/dev_gems.rb.lock)", async () => {
  const inventory = await readValidProject(fixture(...DIR, "tool-gemfiles"));
  assert.deepEqual(
    inventory.components.map((c) =>
      `${c.id} ${c.scopes.join(",")} ${c.groups.join(",")} ${c.hashes.length}`
    ),
    [
      "pkg:gem/mini_portile2@2.8.5 dev  1",
      "pkg:gem/nokogiri@1.16.2 dev  1",
      "pkg:gem/nokogiri@1.16.2?platform=java dev  1",
      "pkg:gem/nokogiri@1.16.2?platform=x86_64-linux dev  1",
      "pkg:gem/nronn@0.11.1 dev doc 1",
      "pkg:gem/racc@1.7.3 dev  1",
      "pkg:gem/racc@1.7.3?platform=java dev  1",
      "pkg:gem/rake@13.1.0 dev  1",
    ],
  );
  assert.deepEqual(
    [...new Set(inventory.components.flatMap((c) => c.sources))],
    ["tool/bundler/dev_gems.rb.lock"],
  );
});

// A gem of a GIT section: its repository at the locked revision was a CycloneDX `distribution`
// reference, as if it were a file. It is a `vcs` reference, as npm's and pnpm's git dependencies
// are, the revision kept; SPDX's downloadLocation is the SPDX 2.3 VCS form.
Deno.test("readGemfileLock: a GIT gem is a vcs reference at its revision in CycloneDX, the SPDX VCS form", async () => {
  const inventory = await readInventory(fixture(...DIR, "app"));
  const git =
    "git+https://github.com/acme/feature_flags.git@0a1b2c3d4e5f60718293a4b5c6d7e8f901234567";
  assert.deepEqual(await sbomLocations(inventory, FEATURE_FLAGS), {
    references: [{ type: "vcs", url: git }],
    downloadLocation: git,
  });
  const gem = inventory.components.find((c) => c.downloadLocation?.endsWith(".gem"))!;
  assert.deepEqual((await sbomLocations(inventory, gem.purl)).references.map((r) => r.type), [
    "distribution",
  ]);
});

// A Bundler 1.x lock quoted in a rails/rails issue (ActiveJob and GlobalID keyword arguments):
// one GEM section with the remotes https://rubygems.org/ and https://rails-assets.org/. Its
// rails-assets-moment came from rails-assets.org, yet its purl names no repository, which reads
// as rubygems.org; that was said nowhere.
Deno.test("readGemfileLock: a GEM section with several remotes is warned about: its purls cannot name the one that served a gem (rails/rails issue lock)", () => {
  const lock = (remotes: string[]): string =>
    [
      "GEM",
      ...remotes.map((r) => `  remote: ${r}`),
      "  specs:",
      "    rails-assets-moment (2.10.6)",
      "    rake (10.4.2)",
      "",
      "PLATFORMS",
      "  ruby",
      "",
      "DEPENDENCIES",
      "  rails-assets-moment!",
      "  rake",
      "",
      "BUNDLED WITH",
      "   1.10.6",
      "",
    ].join("\n");
  const read = (remotes: string[]) => readGemfileLock(lock(remotes), { path: "Gemfile.lock" });
  const out = read(["https://rubygems.org/", "https://user:s3cret@rails-assets.org/"]);
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:gem/rails-assets-moment@2.10.6",
    "pkg:gem/rake@10.4.2",
  ]);
  assert.equal(out.warnings.length, 1);
  assert.match(
    out.warnings[0],
    /^Gemfile\.lock:1: .*several remotes \(https:\/\/rubygems\.org\/, https:\/\/rails-assets\.org\/\).* 2 gems/,
  );
  // One remote, or only rubygems.org ones: nothing is in doubt.
  assert.deepEqual(read(["https://rails-assets.org/"]).warnings, []);
  assert.deepEqual(read(["https://rubygems.org/", "http://rubygems.org/"]).warnings, []);
});

// What members need was found by passes over every spec until none changed: a chain of path
// gems listed from its end took one pass per gem (12,000: 7 s).
Deno.test("readGemfileLock: a long chain of path gems takes time linear in it", () => {
  const n = 12_000;
  const sections = Array.from({ length: n }, (_, k) => {
    const i = n - 1 - k;
    const dep = i + 1 < n ? `      g${i + 1}\n` : "";
    return `PATH\n  remote: gems/g${i}\n  specs:\n    g${i} (1.0)\n${dep}\n`;
  });
  const lock = sections.join("") +
    "GEM\n  remote: https://rubygems.org/\n  specs:\n\nPLATFORMS\n  ruby\n\n" +
    "DEPENDENCIES\n  g0!\n\nBUNDLED WITH\n   2.5.0\n";
  const gemfile = 'source "https://rubygems.org"\ngem "g0", path: "gems/g0"\n';
  const elapsed = cpuStopwatch();
  const out = readGemfileLock(lock, { path: "Gemfile.lock", gemfile });
  assert.ok(elapsed() < 3_000, `too slow: ${elapsed()} ms`);
  assert.equal(out.members.length, n);
});

// A gem whose gemspec computes its version (`spec.version = Rails::Snowflake::VERSION`) and that
// commits only its Appraisal locks (luizkowalski/snowflake_id, cut down): the project was
// `pkg:gem/rails-snowflake` without a version and also its own member `rails-snowflake@0.1.0`,
// the gem the alternate lock locks from `..` at the version Bundler evaluated. It is the project.
Deno.test("the scan takes the version of a gem whose gemspec computes it from its Appraisal lock, not a member of itself", async () => {
  const inventory = await readValidProject(fixture(...DIR, "appraisal-constant-version"));
  assert.deepEqual(inventory.project, {
    name: "rails-snowflake",
    version: "0.1.0",
    purl: "pkg:gem/rails-snowflake@0.1.0",
    license: "MIT",
  });
  assert.deepEqual(inventory.members, []);
  assert.ok(edgesFrom(inventory, ROOT_ID).includes("pkg:gem/appraisal@2.5.0 dev"));
});

// Bundler has no main Gemfile: `BUNDLE_GEMFILE=Gemfile.saas bundle install` locks that Gemfile in
// Gemfile.saas.lock. The only lock of its folder is the folder's lock, read as a Gemfile.lock
// (its DEPENDENCIES direct, scopes from its Gemfile's groups); one beside another lock of its
// folder (Gemfile.next.lock beside Gemfile.lock) is a variant: dev. Was: every gem dev.
Deno.test("the scan reads an alternate Gemfile's lock that is the only lock of its folder as the folder's lock", async () => {
  const gemfile = 'source "https://rubygems.org"\n\ngem "rack", "~> 3.0"\n\n' +
    'group :test do\n  gem "minitest"\nend\n';
  const lock = "GEM\n  remote: https://rubygems.org/\n  specs:\n    minitest (5.25.1)\n" +
    "    rack (3.1.8)\n\nPLATFORMS\n  ruby\n\nDEPENDENCIES\n  minitest\n  rack (~> 3.0)\n\n" +
    "BUNDLED WITH\n   2.5.22\n";
  await withTempDir(async (dir) => {
    await writeTree(dir, { "Gemfile.saas": gemfile, "Gemfile.saas.lock": lock });
    const inventory = await readValidProject(dir);
    assert.deepEqual(edgesFrom(inventory, ROOT_ID), [
      "pkg:gem/minitest@5.25.1 dev",
      "pkg:gem/rack@3.1.8 runtime",
    ]);
  });
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Gemfile": gemfile,
      "Gemfile.lock": lock,
      "Gemfile.next": gemfile,
      "Gemfile.next.lock": lock.replace("rack (3.1.8)", "rack (3.1.9)"),
    });
    const inventory = await readValidProject(dir);
    assert.deepEqual(edgesFrom(inventory, ROOT_ID), [
      "pkg:gem/minitest@5.25.1 dev",
      "pkg:gem/rack@3.1.8 runtime",
      "pkg:gem/rack@3.1.9 dev",
    ]);
  });
});

// An Appraisal lock committed before the gem's version was raised (`bundle exec appraisal
// install` not run since): its PATH section still locks the project's gem, from `..`, at the old
// version. Bundler evaluates the gemspec again when it installs and locks the new version; the
// project was its own member at the old one.
Deno.test("the scan drops the project's gem that a stale Appraisal lock keeps at an older version, with a warning", async () => {
  await withTempDir(async (dir) => {
    const from = fixture(...DIR, "appraisal");
    const files: Record<string, string> = {};
    for (const path of ["Gemfile", "Gemfile.lock", "gemfiles/rails_7.1.gemfile"]) {
      files[path] = Deno.readTextFileSync(`${from}/${path}`);
    }
    const lock = Deno.readTextFileSync(`${from}/gemfiles/rails_7.1.gemfile.lock`);
    files["gemfiles/rails_7.1.gemfile.lock"] = lock.replace("widget (1.2.0)", "widget (1.1.0)");
    await writeTree(dir, files);
    const inventory = await readValidProject(dir);
    assert.equal(inventory.project?.purl, "pkg:gem/widget@1.2.0");
    assert.deepEqual(inventory.members, []);
    assert.ok(edgesFrom(inventory, ROOT_ID).includes("pkg:gem/activesupport@7.1.4 dev"));
    assert.deepEqual(inventory.warnings?.filter((w) => w.includes("widget")), [
      "gemfiles/rails_7.1.gemfile.lock locks the project widget at 1.1.0, not at the 1.2.0 it " +
      "states: the lock is older than the manifest (installing locks the project again, at its " +
      "version); the SBOM has the project once, at 1.2.0",
    ]);
  });
});

/**
 * The head of bruno-/sidekiq-power-fetch's lock, up to the GEM specs (the lines that follow): the
 * PATH spec of the gemspec's gem, with its runtime dependency.
 */
const POWER_FETCH_HEAD: readonly string[] = [
  "PATH",
  "  remote: .",
  "  specs:",
  "    sidekiq-power-fetch (0.0.1)",
  "      sidekiq (~> 7.0)",
  "",
  "GEM",
  "  remote: https://rubygems.org/",
  "  specs:",
];

// bruno-/sidekiq-power-fetch: `gemspec` in gems.rb, and a gemspec that later declared the
// development dependencies rubocop-rspec and standard while gems.locked stayed as it was. Bundler's
// `Dsl#gemspec` adds a gemspec's development dependencies to DEPENDENCIES and the PATH spec lists
// its runtime ones, so the lock is older than the gemspec (`bundle install --frozen` refuses it).
Deno.test("readGemfileLock: a dependency of the gemspec the Gemfile names that the lock does not lock is a warning", () => {
  const lock = [
    ...POWER_FETCH_HEAD,
    "    connection_pool (2.4.1)",
    "    rspec (3.12.0)",
    "    sidekiq (7.1.2)",
    "      connection_pool (>= 2.3.0)",
    "    stub_env (1.0.4)",
    "      rspec (>= 2.0, < 4.0)",
    "",
    "PLATFORMS",
    "  arm64-darwin-22",
    "",
    "DEPENDENCIES",
    "  rspec (~> 3)",
    "  sidekiq-power-fetch!",
    "  stub_env (~> 1.0)",
    "",
    "BUNDLED WITH",
    "   2.4.14",
    "",
  ].join("\n");
  const gemfile = 'source "https://rubygems.org"\n\ngemspec\n\ngroup :test do\n' +
    '  gem "rspec", "~> 3"\n  gem "stub_env", "~> 1.0"\n  gem "standard"\nend\n';
  const gemspec = [
    "Gem::Specification.new do |s|",
    '  s.name = "sidekiq-power-fetch"',
    '  s.version = "0.0.1"',
    '  s.add_dependency "sidekiq", "~> 7.0"',
    '  s.add_dependency "connection_pool"',
    '  s.add_dependency "redis-client"',
    '  s.add_dependency "oj" if RUBY_ENGINE == "ruby"',
    '  s.add_development_dependency "rspec", "~> 3.12"',
    '  s.add_development_dependency "rubocop-rspec", "~> 2.23"',
    '  s.add_development_dependency "standard", "~> 1.30"',
    // Bundler never locks itself: a gemspec's `bundler` is no lock older than it.
    '  s.add_development_dependency "bundler", ">= 1.0.0"',
    "end",
    "",
  ].join("\n");
  const read = (gemspecText: string | undefined) =>
    readGemfileLock(lock, {
      path: "gems.locked",
      gemfile,
      gemfilePath: "gems.rb",
      load: (rel) => rel === "sidekiq-power-fetch.gemspec" ? gemspecText : undefined,
    });
  const unlocked = (out: ReturnType<typeof readGemfileLock>) =>
    out.warnings.filter((w) => w.includes("does not lock"));
  // connection_pool is locked (for sidekiq: a warning of its own, see the next test); oj is under
  // a condition; standard is the Gemfile's, which the Gemfile's own check names.
  assert.deepEqual(unlocked(read(gemspec)), [
    "gems.rb declares standard, which gems.locked does not lock: it is not in the SBOM; run " +
    "`bundle install` to update the lock",
    "sidekiq-power-fetch.gemspec declares redis-client, rubocop-rspec, which gems.locked does " +
    "not lock: they are not in the SBOM; run `bundle install` to update the lock",
  ]);
  // The gemspec the lock was written from: nothing to say; no gemspec in the tree: nothing known.
  const before = gemspec.split("\n").filter((l) => !/redis-client|rubocop|standard/.test(l));
  assert.deepEqual(unlocked(read(before.join("\n"))), [
    "gems.rb declares standard, which gems.locked does not lock: it is not in the SBOM; run " +
    "`bundle install` to update the lock",
  ]);
  assert.equal(unlocked(read(undefined)).length, 1);
  // A gemspec its static reading refuses (cut short, no `end`) does not stop the lock's reading.
  assert.equal(unlocked(read(gemspec.replace(/end\n$/, ""))).length, 1);
});

// Bundler's Definition#specs_changed?: the lock's PATH spec must list the gemspec's runtime
// dependencies (Index#subset? compares them) and DEPENDENCIES its development ones
// (dependencies_for_source_changed?); else the gemspec changed since the lock was written and
// Bundler resolves again (`bundle install --frozen` refuses it), though each gem is locked.
Deno.test("readGemfileLock: a gemspec dependency the lock locks for another gem, not for the gemspec's gem, is a warning", () => {
  const lock = [
    ...POWER_FETCH_HEAD,
    "    connection_pool (2.4.1)",
    "    diff-lcs (1.5.0)",
    "    rspec (3.12.0)",
    "      diff-lcs (>= 1.2.0, < 2.0)",
    "    sidekiq (7.1.2)",
    "      connection_pool (>= 2.3.0)",
    "",
    "PLATFORMS",
    "  ruby",
    "",
    "DEPENDENCIES",
    "  rspec (~> 3.12)",
    "  sidekiq-power-fetch!",
    "",
    "BUNDLED WITH",
    "   2.4.14",
    "",
  ].join("\n");
  const gemspec = (lines: string[]): string =>
    [
      "Gem::Specification.new do |s|",
      '  s.name = "sidekiq-power-fetch"',
      '  s.version = "0.0.1"',
      '  s.add_dependency "sidekiq", "~> 7.0"',
      '  s.add_development_dependency "rspec", "~> 3.12"',
      ...lines,
      "end",
      "",
    ].join("\n");
  const warnings = (text: string): string[] =>
    readGemfileLock(lock, {
      path: "Gemfile.lock",
      gemfile: 'source "https://rubygems.org"\ngemspec\n',
      gemfilePath: "Gemfile",
      load: (rel) => rel === "sidekiq-power-fetch.gemspec" ? text : undefined,
    }).warnings.filter((w) => w.includes("sidekiq-power-fetch.gemspec"));
  assert.deepEqual(warnings(gemspec([])), []);
  assert.deepEqual(
    warnings(gemspec([
      '  s.add_dependency "connection_pool", ">= 2.3"',
      '  s.add_development_dependency "diff-lcs"',
    ])),
    [
      "sidekiq-power-fetch.gemspec declares connection_pool, diff-lcs, which Gemfile.lock locks " +
      "for other gems but not as dependencies of sidekiq-power-fetch: the lock is older than the " +
      "gemspec, and the SBOM has no edge from sidekiq-power-fetch to them; run `bundle install` " +
      "to update the lock",
    ],
  );
});

/** The `PATH` sections of ElMassimo/vite_ruby's lock: two of its gems, each in its folder. */
const VITE_RUBY_PATHS: readonly string[] = [
  "PATH",
  "  remote: vite_rails",
  "  specs:",
  "    vite_rails (3.0.17)",
  "      railties (>= 5.1, < 8)",
  "      vite_ruby (~> 3.0, >= 3.2.2)",
  "",
  "PATH",
  "  remote: vite_ruby",
  "  specs:",
  "    vite_ruby (3.4.0)",
  "      zeitwerk (~> 2.2)",
  "",
];

// ElMassimo/vite_ruby: a repository of several gems, each in its folder, that the root Gemfile
// names by `gemspec path: "./vite_ruby"` and so on. Bundler's `Dsl#gemspec` declares each
// gemspec's development dependencies in its `development_group` (`:development` unless given),
// so `DEPENDENCIES` lists m, spring, … as development gems; they were runtime, as the Gemfile's
// default group is where the gemspecs are in no gem project (no `PATH "."`).
Deno.test("readGemfileLock: the development dependencies of the gemspecs the Gemfile names in sub-folders are dev", () => {
  const lock = [
    ...VITE_RUBY_PATHS,
    "GEM",
    "  remote: https://rubygems.org/",
    "  specs:",
    "    m (1.6.2)",
    "      rake (>= 0.9.2.2)",
    "    minitest (5.20.0)",
    "    railties (7.1.0)",
    "      rake (>= 12.2)",
    "      zeitwerk (~> 2.6)",
    "    rake (13.1.0)",
    "    spring (2.1.1)",
    "    zeitwerk (2.6.12)",
    "",
    "PLATFORMS",
    "  ruby",
    "",
    "DEPENDENCIES",
    "  m (~> 1.5)",
    "  minitest (~> 5.0)",
    "  railties",
    "  spring (~> 2.1)",
    "  vite_rails!",
    "  vite_ruby!",
    "",
    "BUNDLED WITH",
    "   2.3.3",
    "",
  ].join("\n");
  const gemspecs: Record<string, string> = {
    "vite_ruby/vite_ruby.gemspec": [
      "Gem::Specification.new do |s|",
      "  s.name     = 'vite_ruby'",
      "  s.version  = ViteRuby::VERSION",
      "  s.add_dependency 'zeitwerk', '~> 2.2'",
      "  s.add_development_dependency 'm', '~> 1.5'",
      "  s.add_development_dependency 'minitest', '~> 5.0'",
      "end",
      "",
    ].join("\n"),
    "vite_rails/vite_rails.gemspec": [
      "Gem::Specification.new do |s|",
      "  s.name     = 'vite_rails'",
      "  s.version  = ViteRails::VERSION",
      "  s.add_dependency 'railties', '>= 5.1', '< 8'",
      "  s.add_dependency 'vite_ruby', '~> 3.0.0.beta.1'",
      "  s.add_development_dependency 'spring', '~> 2.1'",
      "end",
      "",
    ].join("\n"),
  };
  const scopes = (gemfile: string): string[] =>
    readGemfileLock(lock, {
      path: "Gemfile.lock",
      gemfile,
      load: (rel) => gemspecs[posix.normalize(rel)],
    }).components.map((c) => `${c.id} ${c.scopes.join(",")}`);
  const gemfile = 'source "https://rubygems.org"\n\ngem "railties"\n\n' +
    'gemspec path: "./vite_ruby"\ngemspec path: "./vite_rails"\n\n' +
    'group :development, :test do\n  gem "minitest", "~> 5.0"\nend\n';
  assert.deepEqual(scopes(gemfile), [
    "pkg:gem/m@1.6.2 dev",
    "pkg:gem/minitest@5.20.0 dev",
    "pkg:gem/railties@7.1.0 runtime",
    "pkg:gem/rake@13.1.0 dev,runtime",
    "pkg:gem/spring@2.1.1 dev",
    "pkg:gem/zeitwerk@2.6.12 runtime",
  ]);
  // `development_group:` names the group (Bundler's option); one the Gemfile does not install
  // for development only (`:ci`) is runtime, as a gem the Gemfile declares there.
  assert.deepEqual(
    scopes(gemfile.replace('"./vite_rails"', '"./vite_rails", development_group: :ci')).at(-2),
    "pkg:gem/spring@2.1.1 runtime",
  );
  // A computed one names a group vouch cannot tell: spring keeps the Gemfile's default group,
  // with a warning naming the call (was: the same without a word).
  const computed = gemfile.replace(
    '"./vite_rails"',
    '"./vite_rails", development_group: ENV["CI"] ? :ci : :development',
  );
  assert.equal(scopes(computed).at(-2), "pkg:gem/spring@2.1.1 runtime");
  const out = readGemfileLock(lock, {
    path: "Gemfile.lock",
    gemfile: computed,
    load: (rel) => gemspecs[posix.normalize(rel)],
  });
  assert.ok(
    out.warnings?.includes(
      "Gemfile:6: `gemspec`'s `development_group:` is computed, so the group Bundler declares " +
        "vite_rails/vite_rails.gemspec's development dependencies in cannot be told: spring " +
        "keeps the Gemfile's default group",
    ),
    out.warnings?.join("\n"),
  );
});

// Only the first `gemspec` call's gemspec was checked against the lock: vite_rails.gemspec's
// `spring`, which a lock older than it does not lock, was missing from the SBOM without a word.
Deno.test("readGemfileLock: a dependency of any gemspec the Gemfile names that the lock does not lock is a warning", () => {
  const lock = [
    ...VITE_RUBY_PATHS,
    "GEM",
    "  remote: https://rubygems.org/",
    "  specs:",
    "    railties (7.1.0)",
    "      zeitwerk (~> 2.6)",
    "    zeitwerk (2.6.12)",
    "",
    "PLATFORMS",
    "  ruby",
    "",
    "DEPENDENCIES",
    "  vite_rails!",
    "  vite_ruby!",
    "",
    "BUNDLED WITH",
    "   2.3.3",
    "",
  ].join("\n");
  const gemspecs: Record<string, string> = {
    "vite_ruby/vite_ruby.gemspec": "Gem::Specification.new do |s|\n  s.name = 'vite_ruby'\n" +
      "  s.add_dependency 'zeitwerk', '~> 2.2'\nend\n",
    "vite_rails/vite_rails.gemspec": "Gem::Specification.new do |s|\n  s.name = 'vite_rails'\n" +
      "  s.add_dependency 'railties', '>= 5.1', '< 8'\n" +
      "  s.add_dependency 'vite_ruby', '~> 3.0.0.beta.1'\n" +
      "  s.add_development_dependency 'spring', '~> 2.1'\nend\n",
  };
  const out = readGemfileLock(lock, {
    path: "Gemfile.lock",
    gemfile: 'source "https://rubygems.org"\n\ngemspec path: "./vite_ruby"\n' +
      'gemspec path: "./vite_rails"\n',
    load: (rel) => gemspecs[posix.normalize(rel)],
  });
  assert.deepEqual(out.warnings.filter((w) => w.includes("does not lock")), [
    "vite_rails/vite_rails.gemspec declares spring, which Gemfile.lock does not lock: it is not " +
    "in the SBOM; run `bundle install` to update the lock",
  ]);
});
