import assert from "node:assert/strict";
import { readComposerJson } from "../../../src/inventory/php/composer_json.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { writeTree } from "../_tree.ts";
import { cpuStopwatch, fixture, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed, edgesFrom } from "../_lockfile_invariants.ts";
import { assertSbomRefusesEvery, readValidProject } from "../_reader_cases.ts";

const DIR = ["php", "composer_json"];

function readFixture(name: string): ReturnType<typeof readComposerJson> {
  const text = Deno.readTextFileSync(fixture(...DIR, name, "composer.json"));
  return readComposerJson(text, { path: "composer.json", load: () => undefined });
}

// A library commits composer.json only (guzzle/guzzle, symfony/console): vouch read nothing
// ("no reader for Composer manifests") and, with no other file, refused the project.
Deno.test("readComposerJson: require is runtime, require-dev dev, ranges kept, no fake versions (guzzle/guzzle)", () => {
  const out = readFixture("library");
  assertWellFormed(out);
  assert.deepEqual(
    out.components.map((c) => [c.purl, c.version, c.specifier, c.scopes.join()]),
    [
      [
        "pkg:composer/guzzle/client-integration-tests@v4.0.1?download_url=https:%2F%2Fcodeload.github.com%2Fguzzle%2Fclient-integration-tests%2Fzip%2Fe54cb9d94e3aa5e125dcd7d01bec22db202444ac",
        "v4.0.1",
        undefined,
        "dev",
      ],
      ["pkg:composer/guzzlehttp/promises", undefined, "^3.0.1", "runtime"],
      ["pkg:composer/guzzlehttp/psr7", undefined, "^3.0", "runtime"],
      ["pkg:composer/php-http/message-factory@v1.1.0", "v1.1.0", undefined, "dev"],
      ["pkg:composer/phpunit/phpunit", undefined, "^9.6.34", "dev"],
      ["pkg:composer/psr/http-client", undefined, "^1.0", "runtime"],
      ["pkg:composer/psr/log", undefined, "^1.1 || ^2.0 || ^3.0", "dev"],
      ["pkg:composer/symfony/polyfill-php80", undefined, "^1.25", "runtime"],
      ["pkg:composer/bamarni/composer-bin-plugin", undefined, "^1.8.2", "dev"],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
  );
  // Platform packages (php, ext-json, ext-curl) and what the root provides are no components.
  assert.ok(!out.components.some((c) => !c.name.includes("/")));
  assert.equal(edgesFrom(out, ROOT_ID).length, out.components.length);
  assert.equal(out.components.find((c) => c.name === "GuzzleHttp/PSR7")?.name, "GuzzleHttp/PSR7");
  assert.deepEqual(out.project, {
    name: "guzzlehttp/guzzle",
    purl: "pkg:composer/guzzlehttp/guzzle",
    license: "MIT",
    description: "Guzzle is a PHP HTTP client library",
  });
  assert.equal(out.standsAlone, true);
  assert.equal(out.warnings, undefined);
});

Deno.test("readComposerJson: what the root replaces or provides is none; an exact constraint is the version, alias and stability flag aside", () => {
  const text = JSON.stringify({
    name: "laravel/framework",
    version: "4.1.0",
    require: {
      "filp/whoops": "1.0.10",
      "acme/exact": "== 2.0.0.1",
      "acme/dev-branch": "dev-main",
      "acme/stable": "1.2.3@stable",
      "acme/flagged": "1.0.0-beta2@beta",
      "acme/aliased": "3.0.2 as 3.0.3",
      "acme/aliased-flagged": "v2.0.0@dev as 2.1.0",
      "acme/branch-alias": "dev-main as 1.0.x-dev",
      "acme/range-flagged": "^1.0@dev",
      "acme/dev-version": "1.2.3-dev",
      "acme/dev-upper": "2.0.0-DEV",
      "acme/rc": "2.0.0-RC1",
      "illuminate/support": "self.version",
    },
    replace: { "illuminate/support": "self.version" },
    provide: { "psr/log-implementation": "1.0" },
    "require-dev": { "psr/log-implementation": "*" },
  });
  const out = readComposerJson(text, { path: "composer.json", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:composer/acme/aliased-flagged@v2.0.0",
    "pkg:composer/acme/aliased@3.0.2",
    "pkg:composer/acme/branch-alias",
    "pkg:composer/acme/dev-branch",
    "pkg:composer/acme/dev-upper",
    "pkg:composer/acme/dev-version",
    "pkg:composer/acme/exact@2.0.0.1",
    "pkg:composer/acme/flagged@1.0.0-beta2",
    "pkg:composer/acme/range-flagged",
    "pkg:composer/acme/rc@2.0.0-RC1",
    "pkg:composer/acme/stable@1.2.3",
    "pkg:composer/filp/whoops@1.0.10",
  ]);
  assert.equal(out.project?.purl, "pkg:composer/laravel/framework@4.1.0");
});

Deno.test("readComposerJson: a package defined by several `package` repository entries, or a VCS repository, is a warning", () => {
  const text = JSON.stringify({
    repositories: [
      { type: "vcs", url: "https://github.com/fork/monolog" },
      {
        type: "package",
        package: [{ name: "acme/x", version: "1.0" }, { name: "acme/x", version: "2.0" }],
      },
    ],
    require: { "monolog/monolog": "^3.0", "acme/x": "^1.0" },
  });
  const out = readComposerJson(text, { path: "composer.json", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:composer/acme/x",
    "pkg:composer/monolog/monolog",
  ]);
  assert.equal(out.warnings?.length, 2);
  assert.match(out.warnings![0], /^composer\.json has VCS repositories/);
  assert.match(
    out.warnings![1],
    /^composer\.json requires acme\/x, which its `package` repositories/,
  );
});

Deno.test("readComposerJson: a `package` repository's archive on disk is its file_name, a URL its download_url", () => {
  // As composer.lock reading gives them (was: the plain purl of Packagist's acme/legacy@2.0).
  const text = JSON.stringify({
    repositories: [
      {
        type: "package",
        package: {
          name: "acme/legacy",
          version: "2.0",
          dist: { type: "zip", url: "lib/legacy.zip" },
        },
      },
      {
        type: "package",
        package: {
          name: "acme/web",
          version: "1.0",
          dist: { type: "zip", url: "https://example.com/web-1.0.zip" },
        },
      },
    ],
    require: { "acme/legacy": "2.0", "acme/web": "1.0" },
  });
  const out = readComposerJson(text, { path: "composer.json", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:composer/acme/legacy@2.0?file_name=legacy.zip",
    "pkg:composer/acme/web@1.0?download_url=https:%2F%2Fexample.com%2Fweb-1.0.zip",
  ]);
});

Deno.test("composer.json without composer.lock: malformed files are refused with file:line, exit 2", async () => {
  const cases = await assertSbomRefusesEvery(DIR, "inventory.composer_json.invalid");
  assert.deepEqual(cases, ["constraint-not-string", "duplicate-key", "invalid-utf8", "truncated"]);
});

Deno.test("composer.json without composer.lock: the scan reads it, declared, not resolved", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "composer.json": JSON.stringify({
        name: "acme/lib",
        license: "MIT",
        require: { php: ">=8.1", "psr/log": "^3.0", "acme/util": "*" },
        "require-dev": { "bamarni/composer-bin-plugin": "^1.8" },
        repositories: [{ type: "path", url: "packages/*" }],
      }),
      "packages/util/composer.json": JSON.stringify({
        name: "acme/util",
        require: { "symfony/string": "^7.0" },
      }),
      // A tool the bin plugin installs: what it requires is dev.
      "vendor-bin/phpstan/composer.json": JSON.stringify({
        require: { "phpstan/phpstan": "^2.0" },
      }),
    });
    const inventory = await readValidProject(dir);
    assert.equal(inventory.project.purl, "pkg:composer/acme/lib");
    assert.equal(inventory.project.license, "MIT");
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(inventory.declaredOnly, [
      "composer.json",
      "packages/util/composer.json",
      "vendor-bin/phpstan/composer.json",
    ]);
    assert.deepEqual(inventory.members.map((m) => m.id), ["pkg:composer/acme/util"]);
    assert.deepEqual(
      inventory.components.map((c) => `${c.purl} ${c.specifier} ${c.scopes.join()}`),
      [
        "pkg:composer/bamarni/composer-bin-plugin ^1.8 dev",
        "pkg:composer/phpstan/phpstan ^2.0 dev",
        "pkg:composer/psr/log ^3.0 runtime",
        "pkg:composer/symfony/string ^7.0 runtime",
      ],
    );
    assert.deepEqual(edgesFrom(inventory, "pkg:composer/acme/util"), [
      "pkg:composer/symfony/string runtime",
    ]);
    assert.ok(inventory.warnings?.some((w) => w.includes("declared, not resolved")));
  });
});

// flarum/framework is a monorepo: its root composer.json replaces its packages ("flarum/core":
// "self.version", "flarum/tags", …, split out to Packagist) and each has its composer.json, which
// requires the others (extensions/tags: "flarum/core": "^2.0"). Without a lock, flarum/core was a
// component pkg:composer/flarum/core (^2.0) beside the member of that name. Composer installs the
// root for what it replaces: the requirement is the edge to the member, no component.
Deno.test("composer.json without composer.lock: a package a composer.json above replaces is the project's own (flarum/framework)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "composer.json": JSON.stringify({
        name: "flarum/framework",
        replace: {
          "flarum/core": "self.version",
          "flarum/tags": "self.version",
          "flarum/testing": "self.version",
        },
        require: { php: "^8.1", "monolog/monolog": "^3.3" },
        "require-dev": { "phpunit/phpunit": "^9.0" },
      }),
      "framework/core/composer.json": JSON.stringify({
        name: "flarum/core",
        require: { "monolog/monolog": "^3.3" },
        "require-dev": { "flarum/testing": "^2.0" },
      }),
      "extensions/tags/composer.json": JSON.stringify({
        name: "flarum/tags",
        require: { "flarum/core": "^2.0" },
        "require-dev": { "flarum/testing": "^2.0" },
      }),
      // Another project of the tree, no package the root replaces: it installs flarum/core.
      "examples/site/composer.json": JSON.stringify({
        name: "acme/site",
        require: { "flarum/core": "^1.8" },
      }),
    });
    const inventory = await readValidProject(dir);
    assert.deepEqual(
      inventory.components.map((c) => `${c.purl} ${c.specifier} ${c.scopes}`),
      [
        "pkg:composer/flarum/core ^1.8 runtime",
        "pkg:composer/monolog/monolog ^3.3 runtime",
        "pkg:composer/phpunit/phpunit ^9.0 dev",
      ],
    );
    assert.deepEqual(
      inventory.edges.filter((e) => e.to.includes("pkg:composer/flarum/")).map((e) =>
        `${e.from} ${e.to} ${e.scope}`
      ),
      [
        "pkg:composer/acme/site pkg:composer/flarum/core runtime",
        "pkg:composer/flarum/tags workspace:pkg:composer/flarum/core runtime",
        "root pkg:composer/flarum/tags runtime",
        "root workspace:pkg:composer/flarum/core runtime",
      ],
    );
  });
});

Deno.test("composer.json beside composer.lock: the lock's word, the manifest adds nothing", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "composer.json": JSON.stringify({
        name: "acme/app",
        require: { "psr/log": "^3.0", "acme/stale": "^1.0" },
      }),
      "composer.lock": JSON.stringify({
        packages: [{ name: "psr/log", version: "3.0.2" }],
        "packages-dev": [],
      }),
    });
    const inventory = await readValidProject(dir);
    assert.deepEqual(inventory.components.map((c) => c.purl), ["pkg:composer/psr/log@3.0.2"]);
    assert.deepEqual(inventory.declaredOnly, []);
    assert.ok(inventory.sources.includes("composer.json"));
  });
});

Deno.test("readComposerJson: a path repository's glob is matched without backtracking (`*a*a…*b` against a folder of a's hung vouch), as glob(3) (no leading dot)", () => {
  const folders: Record<string, string[]> = {
    "": ["p"],
    p: ["a".repeat(64), ".hidden", "lib"],
  };
  const manifests: Record<string, string> = {
    "p/lib/composer.json": '{"name": "acme/lib", "version": "1.0.0"}',
    "p/.hidden/composer.json": '{"name": "acme/hidden", "version": "1.0.0"}',
  };
  const read = (url: string) =>
    readComposerJson(
      JSON.stringify({
        repositories: [{ type: "path", url }],
        require: { "acme/lib": "*", "acme/hidden": "*" },
      }),
      { path: "composer.json", load: (p) => manifests[p], list: (f) => folders[f] },
    );
  const elapsed = cpuStopwatch();
  read(`p/${"*a".repeat(16)}*b`);
  assert.ok(elapsed() < 4_000, "too slow");
  assert.deepEqual(read("p/*").members.map((m) => m.purl), ["pkg:composer/acme/lib@1.0.0"]);
});

Deno.test("readComposerJson: a path repository's `options.versions` is its package's version (Composer's PathRepository)", () => {
  const manifests: Record<string, string> = {
    "packages/a/composer.json": '{"name": "Acme/A", "version": "1.0.0"}',
    "packages/b/composer.json": '{"name": "acme/b"}',
    "packages/c/composer.json": '{"name": "acme/c", "version": "3.0.0"}',
  };
  const out = readComposerJson(
    JSON.stringify({
      repositories: [
        { type: "path", url: "packages/a", options: { versions: { "Acme/A": "4.2.x-dev" } } },
        { type: "path", url: "packages/b", options: { versions: { "acme/b": "2.0.0" } } },
        { type: "path", url: "packages/c", options: { symlink: false } },
      ],
      require: { "acme/a": "*", "acme/b": "*", "acme/c": "*" },
    }),
    { path: "composer.json", load: (p) => manifests[p], list: () => [] },
  );
  assert.deepEqual(out.members.map((m) => m.purl), [
    "pkg:composer/acme/a@4.2.x-dev",
    "pkg:composer/acme/b@2.0.0",
    "pkg:composer/acme/c@3.0.0",
  ]);
});

Deno.test("readComposerJson: only Composer's platform packages are passed over; another name without a vendor is refused", () => {
  // Composer's PlatformRepository::PLATFORM_PACKAGE_REGEX: php (and its -64bit, -zts… forms),
  // hhvm, ext-*, lib-*, composer, composer-plugin-api, composer-runtime-api. A requirement
  // `symfony` or `""` is none: Composer cannot find it ("Root composer.json requires symfony,
  // it could not be found"). Was: passed over as a platform package, silently.
  const platform = JSON.stringify({
    require: {
      "php-64bit": ">=8.2",
      hhvm: "*",
      "ext-mbstring": "*",
      "lib-icu": ">=70",
      composer: "^2.6",
      "composer-plugin-api": "^2.0",
      "composer-runtime-api": "^2.2",
      "psr/log": "^3.0",
    },
  });
  const out = readComposerJson(platform, { path: "composer.json", load: () => undefined });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:composer/psr/log"]);
  for (const name of ["symfony", ""]) {
    assertVouchError(
      () =>
        readComposerJson(JSON.stringify({ require: { [name]: "^6.4" } }), {
          load: () => undefined,
          path: "composer.json",
        }),
      "inventory.composer_json.invalid",
      new RegExp(`^composer\\.json:1: "${name}" is no \`vendor/name\`$`),
    );
  }
});
