import assert from "node:assert/strict";
import { composerPurl, readComposerLock } from "../../../src/inventory/php/composer_lock.ts";
import { spdxLicenseExpression } from "../../../src/inventory/_license.ts";
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

const DIR = ["php", "composer_lock"];

function readCase(name: string, withManifest = true): ReturnType<typeof readComposerLock> {
  const text = Deno.readTextFileSync(fixture(...DIR, name, "composer.lock"));
  const manifest = withManifest
    ? Deno.readTextFileSync(fixture(...DIR, name, "composer.json"))
    : undefined;
  return readComposerLock(text, { path: "composer.lock", manifest, release: "v2.0.0" });
}

Deno.test("composerPurl: vendor is the namespace, both lowercased (purl-spec composer type)", () => {
  assert.equal(composerPurl("Laravel/Laravel", "5.5.0"), "pkg:composer/laravel/laravel@5.5.0");
  assert.equal(
    composerPurl("guzzlehttp/promises", "2.0.2"),
    "pkg:composer/guzzlehttp/promises@2.0.2",
  );
  assert.equal(composerPurl("acme/x", "dev-master"), "pkg:composer/acme/x@dev-master");
});

Deno.test("readComposerLock: packages are runtime, packages-dev dev, versions as written", () => {
  const out = readCase("basic");
  assertWellFormed(out);
  const byId = new Map(out.components.map((c) => [c.id, c]));
  assert.deepEqual([...byId.keys()], [
    "pkg:composer/acme/legacy-sdk@dev-main?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Flegacy-sdk.git%409a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b",
    "pkg:composer/monolog/monolog@3.7.0",
    "pkg:composer/phpunit/phpunit@11.3.6",
    "pkg:composer/psr/log@3.0.2",
    "pkg:composer/sebastian/diff@6.0.2",
    "pkg:composer/symfony/console@v6.4.12",
    "pkg:composer/symfony/polyfill-mbstring@v1.31.0",
  ]);
  assert.deepEqual(byId.get("pkg:composer/symfony/console@v6.4.12")?.scopes, ["runtime"]);
  assert.deepEqual(byId.get("pkg:composer/phpunit/phpunit@11.3.6")?.scopes, ["dev"]);
  assert.deepEqual(byId.get("pkg:composer/sebastian/diff@6.0.2")?.scopes, ["dev"]);
});

Deno.test("readComposerLock: a path repository of the project is a member, never a component", () => {
  const out = readCase("basic");
  assert.deepEqual(out.members, [{
    id: "pkg:composer/acme/billing@dev-main",
    name: "acme/billing",
    version: "dev-main",
    purl: "pkg:composer/acme/billing@dev-main",
  }]);
  assert.ok(!out.components.some((c) => c.name === "acme/billing"));
  // its requirement of a virtual package goes to the package that provides it
  assert.deepEqual(edgesFrom(out, "pkg:composer/acme/billing@dev-main"), [
    "pkg:composer/monolog/monolog@3.7.0 runtime",
  ]);
});

Deno.test("readComposerLock: SHA-1 only when dist.shasum is not empty; download locations", () => {
  const byName = new Map(readCase("basic").components.map((c) => [c.name, c]));
  assert.deepEqual(byName.get("monolog/monolog")?.hashes, [
    { alg: "sha1", hex: "9c2fa5b3e7d5e0f0a4c8b1d3e6f9a2b5c8d1e4f7" },
  ]);
  assert.deepEqual(byName.get("psr/log")?.hashes, [], "an empty shasum is no hash");
  assert.equal(
    byName.get("psr/log")?.downloadLocation,
    "https://api.github.com/repos/php-fig/log/zipball/f16e1d5863e37f8d8c2a01719f5b34baa2b714d3",
  );
  assert.equal(
    byName.get("acme/legacy-sdk")?.downloadLocation,
    "git+https://github.com/acme/legacy-sdk.git@9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b",
    "a source-only package is downloaded from its repository at the locked commit",
  );
});

Deno.test("readComposerLock: a package another Composer repository served carries its repository_url (purl-spec default: packagist.org)", () => {
  const pkg = (name: string, notification?: string): Record<string, unknown> => ({
    name,
    version: "1.0.0",
    dist: { type: "zip", url: `https://example.test/${name}.zip`, shasum: "" },
    ...(notification === undefined ? {} : { "notification-url": notification }),
  });
  const lock = JSON.stringify({
    packages: [
      pkg("drupal/core", "https://packagist.org/downloads/"),
      pkg("drupal/admin_toolbar", "https://packages.drupal.org/8/downloads"),
      pkg("acme/private", "https://user:secret@repo.packagist.com/acme-org/downloads/"),
      pkg("acme/satis", "https://satis.acme.test/notify?x=1"),
      pkg("acme/from-vcs"),
      pkg("acme/not-a-url", "downloads"),
      {
        ...pkg("acme/git-only", "https://packages.drupal.org/8/downloads"),
        dist: undefined,
        source: { type: "git", url: "https://git.example/x.git", reference: "abc" },
      },
    ],
  });
  const ids = readComposerLock(lock, { path: "composer.lock" }).components.map((c) => c.id);
  assert.deepEqual(ids, [
    "pkg:composer/acme/from-vcs@1.0.0",
    "pkg:composer/acme/git-only@1.0.0?repository_url=https:%2F%2Fpackages.drupal.org%2F8&vcs_url=git%2Bhttps:%2F%2Fgit.example%2Fx.git%40abc",
    "pkg:composer/acme/not-a-url@1.0.0",
    "pkg:composer/acme/private@1.0.0?repository_url=https:%2F%2Frepo.packagist.com%2Facme-org",
    "pkg:composer/acme/satis@1.0.0?repository_url=https:%2F%2Fsatis.acme.test",
    "pkg:composer/drupal/admin_toolbar@1.0.0?repository_url=https:%2F%2Fpackages.drupal.org%2F8",
    "pkg:composer/drupal/core@1.0.0",
  ]);
  assert.ok(!ids.some((id) => id.includes("secret")), "no credentials in a purl");
});

Deno.test("readComposerLock: Packagist's notification-url however written is no repository_url; a look-alike host is one", () => {
  const packages = [
    "https://packagist.org/downloads/?x=1#y",
    "https://packagist.org/%zz",
    "HTTPS://Packagist.ORG/downloads/",
    "http://packagist.org/downloads/",
    "https://packagist.org:443/downloads/",
    "https://packagist.org.evil.test/downloads/",
    "https://packagist.org@evil.test/downloads/",
  ].map((notification, i) => ({
    name: `acme/p${i}`,
    version: "1.0.0",
    "notification-url": notification,
  }));
  const ids = readComposerLock(JSON.stringify({ packages }), { path: "composer.lock" })
    .components.map((c) => c.id);
  assert.deepEqual(ids, [
    "pkg:composer/acme/p0@1.0.0",
    "pkg:composer/acme/p1@1.0.0",
    "pkg:composer/acme/p2@1.0.0",
    "pkg:composer/acme/p3@1.0.0",
    "pkg:composer/acme/p4@1.0.0",
    "pkg:composer/acme/p5@1.0.0?repository_url=https:%2F%2Fpackagist.org.evil.test",
    "pkg:composer/acme/p6@1.0.0?repository_url=https:%2F%2Fevil.test",
  ]);
});

// A WordPress site (roots/bedrock's layout) with WPackagist, whose packages.json names no
// `notify-batch` (outlandishideas/wpackagist's Builder writes `packages`, `providers-url`,
// `provider-includes` only): Composer records no notification-url for its packages, so their
// purls named Packagist (the purl type's default), where wpackagist-plugin/* does not exist.
Deno.test("readComposerLock: a package without notification-url is the one Composer repository of composer.json that may serve it", () => {
  const wpackagist = (name: string, version: string): Record<string, unknown> => ({
    name,
    version,
    source: {
      type: "svn",
      url: `https://plugins.svn.wordpress.org/${name.split("/")[1]}/`,
      reference: `tags/${version}`,
    },
    dist: {
      type: "zip",
      url: `https://downloads.wordpress.org/plugin/${name.split("/")[1]}.${version}.zip`,
    },
    require: { "composer/installers": "~1.0" },
    type: "wordpress-plugin",
    homepage: `https://wordpress.org/plugins/${name.split("/")[1]}/`,
  });
  const lock = JSON.stringify({
    packages: [
      {
        name: "composer/installers",
        version: "v1.12.0",
        dist: {
          type: "zip",
          url:
            "https://api.github.com/repos/composer/installers/zipball/d20a64ed3c94748397ff5973488761b22f6d3f19",
          reference: "d20a64ed3c94748397ff5973488761b22f6d3f19",
          shasum: "",
        },
        "notification-url": "https://packagist.org/downloads/",
      },
      wpackagist("wpackagist-plugin/akismet", "5.3"),
      wpackagist("wpackagist-plugin/wordpress-seo", "21.5"),
    ],
    "packages-dev": [],
  });
  const manifest = (repositories: unknown[]): string =>
    JSON.stringify({
      name: "roots/bedrock",
      repositories,
      require: {
        "composer/installers": "^1.12",
        "wpackagist-plugin/akismet": "^5.3",
        "wpackagist-plugin/wordpress-seo": "^21.5",
      },
    });
  const ids = (repositories: unknown[]): string[] =>
    readComposerLock(lock, { path: "composer.lock", manifest: manifest(repositories) })
      .components.map((c) => c.id);
  const repository = {
    type: "composer",
    url: "https://wpackagist.org/",
    only: ["wpackagist-plugin/*", "wpackagist-theme/*"],
  };
  assert.deepEqual(ids([repository]), [
    "pkg:composer/composer/installers@v1.12.0",
    "pkg:composer/wpackagist-plugin/akismet@5.3?repository_url=https:%2F%2Fwpackagist.org",
    "pkg:composer/wpackagist-plugin/wordpress-seo@21.5?repository_url=https:%2F%2Fwpackagist.org",
  ]);
  // Its `only` and `exclude` filters say which packages it may serve; of two that may, the purl
  // cannot name one.
  const satis = { type: "composer", url: "https://user:secret@satis.acme.test" };
  const excluded = { ...repository, exclude: ["wpackagist-plugin/wordpress-*"] };
  assert.deepEqual(ids([excluded, satis]), [
    "pkg:composer/composer/installers@v1.12.0",
    "pkg:composer/wpackagist-plugin/akismet@5.3",
    "pkg:composer/wpackagist-plugin/wordpress-seo@21.5?repository_url=https:%2F%2Fsatis.acme.test",
  ]);
});

// A fork installed from a VCS repository of composer.json has a dist (the fork's zipball) and
// no notification-url: read as the Packagist package it forks, it named upstream code it is not.
// Composer's svn reference is a path below the repository URL with the revision after `@`
// (`/tags/1.0.0/@42`): it was appended after an `@`, `svn+https://svn.example.com/acme/@/tags/…`.
Deno.test("readComposerLock: an svn source's reference is its path and revision", () => {
  const lock = JSON.stringify({
    packages: [
      {
        name: "acme/svnlib",
        version: "1.0.0",
        source: { type: "svn", url: "https://svn.example.com/acme/", reference: "/tags/1.0.0/@42" },
      },
      {
        name: "acme/trunk",
        version: "dev-trunk",
        source: { type: "svn", url: "https://svn.example.com/t", reference: "/trunk/" },
      },
    ],
    "packages-dev": [],
  });
  const out = readComposerLock(lock, { path: "composer.lock" });
  assert.deepEqual(out.components.map((c) => c.downloadLocation), [
    "svn+https://svn.example.com/acme/tags/1.0.0@42",
    "svn+https://svn.example.com/t/trunk",
  ]);
});

Deno.test("readComposerLock: a package of a VCS repository of composer.json (a fork) carries its vcs_url", () => {
  const manifest = JSON.stringify({
    repositories: [
      { type: "vcs", url: "https://github.com/acme-forks/guzzle" },
      { type: "github", url: "git@github.com:acme-forks/Monolog.git" },
      { type: "composer", url: "https://packages.example.test" },
    ],
    require: { "guzzlehttp/guzzle": "dev-fix-timeouts", "monolog/monolog": "dev-main" },
  });
  const sha = (c: string): string => c.repeat(40);
  const entry = (name: string, url: string, ref: string, extra = {}): Record<string, unknown> => ({
    name,
    version: name === "guzzlehttp/guzzle" ? "dev-fix-timeouts" : "dev-main",
    source: { type: "git", url, reference: ref },
    dist: {
      type: "zip",
      url: `https://api.github.com/repos/${
        url.replace(/^.*github\.com[:/]|\.git$/g, "")
      }/zipball/${ref}`,
      reference: ref,
      shasum: "",
    },
    ...extra,
  });
  const lock = JSON.stringify({
    packages: [
      entry("guzzlehttp/guzzle", "https://github.com/acme-forks/guzzle.git", sha("a")),
      entry("monolog/monolog", "git@github.com:acme-forks/monolog.git", sha("b")),
      // the upstream package, from Packagist: unchanged
      entry("psr/log", "https://github.com/php-fig/log.git", sha("c"), {
        "notification-url": "https://packagist.org/downloads/",
      }),
    ],
  });
  const out = readComposerLock(lock, { path: "composer.lock", manifest });
  const byName = new Map(out.components.map((c) => [c.name, c]));
  assert.equal(
    byName.get("guzzlehttp/guzzle")?.purl,
    `pkg:composer/guzzlehttp/guzzle@dev-fix-timeouts?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme-forks%2Fguzzle.git%40${
      sha("a")
    }`,
  );
  assert.equal(
    byName.get("monolog/monolog")?.purl,
    `pkg:composer/monolog/monolog@dev-main?vcs_url=git%2Bssh:%2F%2Fgit%40github.com%2Facme-forks%2Fmonolog.git%40${
      sha("b")
    }`,
  );
  assert.equal(byName.get("psr/log")?.purl, "pkg:composer/psr/log@dev-main");
  assert.equal(
    byName.get("guzzlehttp/guzzle")?.downloadLocation,
    `https://api.github.com/repos/acme-forks/guzzle/zipball/${sha("a")}`,
    "the dist is still where it is downloaded from",
  );
  // Without composer.json nothing says where it came from.
  assert.equal(
    readComposerLock(lock, { path: "composer.lock" }).components[0].purl,
    "pkg:composer/guzzlehttp/guzzle@dev-fix-timeouts",
  );
});

// composer.json is untrusted: a repository URL with a long run of slashes not at its end took
// time growing with its square (`/\/+$/`: about 20 s here).
Deno.test("readComposerLock: a VCS repository URL with a long run of slashes takes linear time", () => {
  const url = `https://github.com/acme-forks/guzzle${"/".repeat(200_000)}x`;
  const manifest = JSON.stringify({ repositories: [{ type: "vcs", url }] });
  const lock = JSON.stringify({
    packages: [{
      name: "guzzlehttp/guzzle",
      version: "dev-main",
      source: { type: "git", url: "https://github.com/acme-forks/guzzle.git", reference: "a" },
      dist: { type: "zip", url: "https://api.github.com/repos/a/b/zipball/a", reference: "a" },
    }],
  });
  const elapsed = cpuStopwatch();
  const out = readComposerLock(lock, { path: "composer.lock", manifest });
  assert.ok(elapsed() < 2_000);
  assert.equal(out.components[0].purl, "pkg:composer/guzzlehttp/guzzle@dev-main", "not that fork");
});

// A `package` repository defines a package in composer.json itself (a plugin zip, a library off
// Packagist): its lock entry, with no notification-url, read as the Packagist package of that name.
Deno.test("readComposerLock: a package a `package` repository of composer.json defines carries its download_url", () => {
  const zip = "https://downloads.wordpress.org/plugin/akismet.5.3.zip";
  const manifest = JSON.stringify({
    repositories: [
      {
        type: "package",
        package: [
          { name: "WPackagist/akismet", version: "5.3", dist: { type: "zip", url: zip } },
          { name: "wpackagist/akismet", version: "5.2", dist: { type: "zip", url: zip } },
        ],
      },
      { type: "package", package: { name: "acme/src-only", version: "1.0.0" } },
    ],
  });
  const lock = JSON.stringify({
    packages: [
      {
        name: "wpackagist/akismet",
        version: "5.3",
        dist: { type: "zip", url: zip },
        type: "library",
      },
      {
        name: "acme/src-only",
        version: "1.0.0",
        source: { type: "git", url: "https://git.acme.test/src-only.git", reference: "v1.0.0" },
      },
      // the same dist from Packagist: unchanged
      {
        name: "psr/log",
        version: "3.0.2",
        dist: { type: "zip", url: "https://api.github.com/repos/php-fig/log/zipball/f16e1d5" },
        "notification-url": "https://packagist.org/downloads/",
      },
    ],
  });
  assert.deepEqual(
    readComposerLock(lock, { path: "composer.lock", manifest }).components.map((c) => c.purl),
    [
      "pkg:composer/acme/src-only@1.0.0?vcs_url=git%2Bhttps:%2F%2Fgit.acme.test%2Fsrc-only.git%40v1.0.0",
      "pkg:composer/psr/log@3.0.2",
      "pkg:composer/wpackagist/akismet@5.3?download_url=https:%2F%2Fdownloads.wordpress.org%2Fplugin%2Fakismet.5.3.zip",
    ],
  );
});

Deno.test("readComposerLock: licenses become SPDX expressions (a list is a choice)", () => {
  const byName = new Map(readCase("basic").components.map((c) => [c.name, c]));
  assert.equal(byName.get("monolog/monolog")?.license, "MIT");
  assert.equal(byName.get("acme/legacy-sdk")?.license, "(LGPL-2.1-only AND GPL-3.0-or-later)");
  assert.equal(
    spdxLicenseExpression(byName.get("acme/legacy-sdk")?.license),
    byName.get("acme/legacy-sdk")?.license,
  );
  const lock = JSON.stringify({
    packages: [{ name: "fossar/htmlawed", version: "1.2.8", license: ["GPL-2.0+", "LGPL-3.0"] }],
  });
  const license = readComposerLock(lock, { path: "composer.lock" }).components[0].license;
  assert.equal(license, "GPL-2.0+ OR LGPL-3.0");
  assert.equal(spdxLicenseExpression(license), license, "a valid SPDX expression");
});

Deno.test("readComposerLock: require edges, platform requirements are not packages", () => {
  const out = readCase("basic");
  const sdk = out.components.find((c) => c.name === "acme/legacy-sdk")!.id;
  // php, ext-curl, lib-curl are platform packages; symfony/polyfill-php80 is replaced by the root
  assert.deepEqual(edgesFrom(out, sdk), []);
  assert.deepEqual(edgesFrom(out, "pkg:composer/symfony/console@v6.4.12"), [
    "pkg:composer/symfony/polyfill-mbstring@v1.31.0 runtime",
  ]);
  assert.ok(out.components.every((c) => c.name.includes("/")), "no platform package");
});

Deno.test("readComposerLock: composer.json gives the direct packages and the project", () => {
  const out = readCase("basic");
  assert.deepEqual(edgesFrom(out, ROOT_ID), [
    "pkg:composer/acme/billing@dev-main runtime",
    "pkg:composer/acme/legacy-sdk@dev-main?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Flegacy-sdk.git%409a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b runtime",
    "pkg:composer/monolog/monolog@3.7.0 runtime",
    "pkg:composer/phpunit/phpunit@11.3.6 dev",
    "pkg:composer/symfony/console@v6.4.12 runtime",
  ]);
  assert.deepEqual(
    out.components.filter((c) => c.direct).map((c) => c.name),
    ["acme/legacy-sdk", "monolog/monolog", "phpunit/phpunit", "symfony/console"],
  );
  assert.deepEqual(out.project, {
    name: "acme/webshop",
    purl: "pkg:composer/acme/webshop@v2.0.0",
    version: "v2.0.0",
    license: "MIT OR Apache-2.0",
    description: "A small shop built on Symfony components",
  });
  const alone = readCase("basic", false);
  assert.equal(alone.project, undefined);
  assert.deepEqual(
    alone.components.filter((c) => c.direct).map((c) => c.name),
    ["monolog/monolog"],
    "without composer.json only what the project's own path package requires is direct",
  );
  assert.deepEqual(edgesFrom(alone, ROOT_ID), []);
});

Deno.test("readComposerLock: what composer.json requires that the lock does not lock is a warning (humanmade/S3-Uploads)", () => {
  // A lock older than its composer.json: require-dev gained packages the lock never resolved.
  const lock = JSON.stringify({
    packages: [
      { name: "aws/aws-sdk-php", version: "3.48.6", require: { php: ">=5.5" } },
      {
        name: "guzzlehttp/psr7",
        version: "1.4.2",
        provide: { "psr/http-message-implementation": "1.0" },
      },
    ],
    "packages-dev": [],
  });
  const manifest = JSON.stringify({
    name: "humanmade/s3-uploads",
    require: {
      php: ">=7.1",
      "aws/aws-sdk-php": "~3.18",
      "psr/http-message-implementation": "1.0",
      "symfony/polyfill-mbstring": "*",
    },
    "require-dev": { "phpunit/phpunit": "^9.0", "yoast/phpunit-polyfills": "^4.0" },
    replace: { "symfony/polyfill-mbstring": "*" },
  });
  const out = readComposerLock(lock, { path: "composer.lock", manifest });
  assert.deepEqual(out.warnings, [
    "composer.json declares phpunit/phpunit@^9.0, yoast/phpunit-polyfills@^4.0, which composer.lock does not lock: they are not in the SBOM; run `composer update phpunit/phpunit yoast/phpunit-polyfills` to update the lock",
  ]);
  // A package in both maps is named once (the warning listed it twice).
  const both = JSON.parse(manifest);
  both.require["phpunit/phpunit"] = "^9.0";
  assert.deepEqual(
    readComposerLock(lock, { path: "composer.lock", manifest: JSON.stringify(both) }).warnings,
    out.warnings,
  );
  // platform packages, virtual packages a locked one provides, names the root replaces: none missing
  const fresh = JSON.parse(manifest);
  delete fresh["require-dev"];
  assert.equal(
    readComposerLock(lock, { path: "composer.lock", manifest: JSON.stringify(fresh) }).warnings,
    undefined,
  );
});

Deno.test("readComposerLock: a lock whose content-hash is not composer.json's is a warning, as Composer warns", () => {
  // Composer's Locker::isFresh: `content-hash` (or an old lock's `hash`, the MD5 of the whole
  // file) against composer.json. A requirement dropped or a constraint changed since the lock was
  // written: `composer install` installs the lock as it is, with a warning. Was: silent.
  const manifest = JSON.stringify({ name: "acme/app", require: { "psr/log": "^3.0" } }, null, 4);
  const lock = (recorded: Record<string, string>): string =>
    JSON.stringify({
      ...recorded,
      packages: [{ name: "psr/log", version: "3.0.2" }, { name: "psr/clock", version: "1.0.0" }],
      "packages-dev": [],
    });
  const fresh = "50b0cbd9aa7709b77c3613677834b3b6"; // md5 of {"name":"acme\/app","require":{"psr\/log":"^3.0"}}
  const warnings = (recorded: Record<string, string>, text = manifest): string[] | undefined =>
    readComposerLock(lock(recorded), { path: "composer.lock", manifest: text }).warnings;
  assert.equal(warnings({ "content-hash": fresh }), undefined);
  const changed = JSON.stringify({ name: "acme/app", require: { "psr/log": "^3.0.1" } });
  const stale = "composer.json has changed since composer.lock was written (the lock's " +
    "content-hash is not that of composer.json, as Composer checks it): `composer install` " +
    "installs the lock as it is, and so does the SBOM; run `composer update` to update the lock";
  assert.deepEqual(warnings({ "content-hash": fresh }, changed), [stale]);
  // A lock of Composer before 1.3: `hash`, of the whole file (its formatting too).
  assert.equal(warnings({ hash: "006f919e1dbfe0ef67acbcacbca8cb87" }), undefined);
  assert.deepEqual(warnings({ hash: "006f919e1dbfe0ef67acbcacbca8cb87" }, changed), [
    stale.replace("content-hash", "hash"),
  ]);
  // Neither recorded (a lock made by hand): nothing to compare.
  assert.equal(warnings({}, changed), undefined);
});

Deno.test("readComposerLock: bad input is inventory.composer_lock.* with file:line", () => {
  assertInvalidFixtures(DIR, "composer.lock", (text, path) => readComposerLock(text, { path }), [
    ["truncated", "inventory.composer_lock.invalid", /^composer\.lock:\d+: invalid JSON/],
    [
      "duplicate-key",
      "inventory.composer_lock.invalid",
      /^composer\.lock:88: invalid JSON: duplicate key "version"/,
    ],
    [
      "duplicate-package",
      "inventory.composer_lock.invalid",
      /^composer\.lock:195: package "sebastian\/diff" is locked twice/,
    ],
    [
      "wrong-version",
      "inventory.composer_lock.invalid",
      /^composer\.lock:209: .*"3\.0\.0"/,
    ],
    [
      "invalid-utf8",
      "inventory.composer_lock.invalid",
      /^composer\.lock:107: the file is not valid UTF-8/,
    ],
  ]);
  const invalidCases: [string, RegExp][] = [
    ['{"packages": {}}', /`packages` must be an array/],
    ['{"packages-dev": []}', /^composer\.lock:1: `packages` is missing/],
    ['{"packages": [{"name": "noslash", "version": "1"}]}', /`vendor\/name`/],
    ['{"packages": [{"name": "a/b"}]}', /package "a\/b": no `version`/],
    [
      '{"packages": [{"name": "a/b", "version": "1", "dist": {"type": "zip", "shasum": "xyz"}}]}',
      /not a SHA-1/,
    ],
    [
      '{"packages": [{"name": "a/b", "version": "1", "require": ["c/d"]}]}',
      /`require` must be an object/,
    ],
  ];
  for (const [text, message] of invalidCases) {
    assertVouchError(
      () => readComposerLock(text, { path: "composer.lock" }),
      "inventory.composer_lock.invalid",
      message,
    );
  }
  assertVouchError(
    () =>
      readComposerLock('{"packages": []}', {
        path: "composer.lock",
        manifest: '{"require": {"a/b": "1", "a/b": "2"}}',
      }),
    "inventory.composer_lock.invalid",
    /^composer\.json:1: invalid JSON: duplicate key "a\/b"/,
  );
  assertVouchError(
    () =>
      readComposerLock('{"packages": []}', {
        path: "composer.lock",
        manifest: '{\n  "name": "a/b",\n  "require": ["x/y"]\n}',
      }),
    "inventory.composer_lock.invalid",
    /^composer\.json:3: `require` must be an object/,
  );
});

// PHP's json_encode writes an empty map as `[]`: Composer takes `"require-dev": []` (a generated
// composer.json) and `"require": []` as empty; vouch refused both (exit 2).
Deno.test("readComposerLock: an empty list stands for an empty map ([] from PHP's json_encode)", () => {
  const out = readComposerLock(
    '{"packages": [{"name": "psr/log", "version": "3.0.0", "require": [], "replace": []}]}',
    {
      path: "composer.lock",
      manifest: '{"require": {"psr/log": "^3.0"}, "require-dev": [], "replace": [], "provide": []}',
    },
  );
  assert.deepEqual(out.components.map((c) => `${c.id} ${c.scopes} ${c.direct}`), [
    "pkg:composer/psr/log@3.0.0 runtime true",
  ]);
  assert.equal(out.warnings, undefined);
});

Deno.test("the fixture projects give valid SBOMs", async () => {
  for (const name of ["basic"]) {
    const inventory = await readValidProject(fixture(...DIR, name));
    assert.ok(inventory.components.length > 0, name);
  }
});

Deno.test("vouch sbom refuses every bad file: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(DIR, "inventory.composer_lock.invalid");
  // truncated, wrong version, duplicate keys, invalid UTF-8
  for (const name of ["truncated", "wrong-version", "duplicate-key", "invalid-utf8"]) {
    assert.ok(cases.includes(name), name);
  }
});

// wallabag/wallabag, counted without vouch:
//   python3 -c "import json; d = json.load(open('composer.lock'));
//     print(len(d['packages']), len(d['packages-dev']))"                     → 200 71
// (271 distinct names); composer.json requires 103 vendor/name packages (102 locked, plus
// ocramius/proxy-manager, replaced by friendsofphp/proxy-manager-lts) and 25 in require-dev
// (symfony/var-dumper among them, locked in `packages`): 128 direct. Between locked packages
// there are 684 distinct `require` edges (names resolved through `replace`/`provide`).
Deno.test({
  name: "readComposerLock: wallabag/wallabag corpus is read whole",
  ignore: skipWithoutShared("the composer.lock corpus test"),
  fn: async () => {
    const inventory = await readCorpusProject("wallabag__wallabag");
    assert.equal(inventory.components.length, 271);
    assert.equal(inventory.components.filter((c) => c.scopes.includes("dev")).length, 71);
    assert.equal(inventory.components.filter((c) => c.direct).length, 128);
    assert.equal(inventory.edges.filter((e) => e.from !== ROOT_ID).length, 684);
    const ids = new Set(inventory.components.map((c) => c.id));
    for (
      const purl of [
        "pkg:composer/babdev/pagerfanta-bundle@v4.6.0",
        "pkg:composer/wallabag/rulerz@dev-master",
        "pkg:composer/friendsofsymfony/oauth-server-bundle@dev-master",
        "pkg:composer/composer/pcre@3.3.2",
        "pkg:composer/dama/doctrine-test-bundle@v8.2.2",
      ]
    ) assert.ok(ids.has(purl), purl);
    assert.equal(inventory.project.name, "wallabag/wallabag");
    assert.equal(inventory.project.license, "MIT");
    assert.ok(inventory.sources.includes("composer.json"));
  },
});

// A package installed from its git repository only (no dist): its repository at the locked commit
// was a CycloneDX `distribution` reference, as if it were a file. It is a `vcs` reference, as npm's
// and pnpm's git dependencies are, the commit kept; SPDX's downloadLocation is the SPDX 2.3 VCS form.
Deno.test("readComposerLock: a git source is a vcs reference at its commit in CycloneDX, the SPDX VCS form", async () => {
  const inventory = await readInventory(fixture(...DIR, "basic"));
  const git = "git+https://github.com/acme/legacy-sdk.git@9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b";
  const legacy = inventory.components.find((c) => c.name === "acme/legacy-sdk")!;
  assert.deepEqual(await sbomLocations(inventory, legacy.purl), {
    references: [{ type: "vcs", url: git }],
    downloadLocation: git,
  });
  // A dist archive stays a distribution.
  const monolog = inventory.components.find((c) => c.name === "monolog/monolog")!;
  assert.deepEqual((await sbomLocations(inventory, monolog.purl)).references.map((r) => r.type), [
    "distribution",
  ]);
});

// drupal/drupal installs drupal/core from a path repository of its tree (`"url": "core"`):
// core/composer.json, which requires what the root lock locks for it, was reported as a
// composer.json without a lock, an inventory.unread_file blocker of every attest.
Deno.test("readComposerLock: the composer.json of a path repository package of the tree is resolved by the lock (drupal/drupal)", async () => {
  const pkg = (name: string, extra: Record<string, unknown>) => ({
    name,
    version: "11.x-dev",
    ...extra,
  });
  const files = {
    "composer.json": JSON.stringify({
      name: "drupal/drupal",
      require: { "drupal/core": "self.version" },
      repositories: [{ type: "path", url: "core" }],
    }),
    "composer.lock": JSON.stringify({
      packages: [
        pkg("drupal/core", {
          dist: { type: "path", url: "core", reference: "b2fd0bd1" },
          require: { php: ">=8.3.0", "symfony/console": "^7.2" },
          "transport-options": { relative: true },
        }),
        { name: "symfony/console", version: "v7.2.1", require: { php: ">=8.2" } },
      ],
      "packages-dev": [],
      "plugin-api-version": "2.6.0",
    }),
    "core/composer.json": JSON.stringify({
      name: "drupal/core",
      require: { php: ">=8.3.0", "symfony/console": "^7.2" },
    }),
    // Another project's manifest below the root (not a path package of the lock) is its own,
    // declared, not resolved: the root's lock does not install what it requires.
    "tests/fixtures/app/composer.json": JSON.stringify({ require: { "psr/log": "^3" } }),
  };
  await withTempDir(async (dir) => {
    await writeTree(dir, files);
    const inventory = await readValidProject(dir);
    assert.deepEqual(inventory.members.map((m) => m.name), ["drupal/core"]);
    assert.deepEqual(inventory.components.map((c) => c.purl), [
      "pkg:composer/psr/log",
      "pkg:composer/symfony/console@v7.2.1",
    ]);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(inventory.declaredOnly, ["tests/fixtures/app/composer.json"]);
    assert.ok(inventory.sources.includes("core/composer.json"));
  });
});

// nextcloud/server installs its dev tools with bamarni/composer-bin-plugin (a require-dev of the
// root): vendor-bin/cs-fixer, psalm, phpunit, rector, behat, openapi-extractor, each with its own
// composer.lock. Their packages (php-cs-fixer/shim, psalm, phpunit…) were required runtime
// components of the project.
Deno.test("readComposerLock: the lock of a tool the project's require-dev bin plugin installs is dev (nextcloud/server)", async () => {
  const lock = (name: string, version: string) =>
    JSON.stringify({ packages: [{ name, version }], "packages-dev": [] });
  const root = (manifest: Record<string, unknown>) => ({
    "composer.json": JSON.stringify({ name: "nextcloud/nextcloud", ...manifest }),
    "composer.lock": JSON.stringify({
      packages: [],
      "packages-dev": [{ name: "bamarni/composer-bin-plugin", version: "1.8.2" }],
    }),
    "vendor-bin/cs-fixer/composer.json": JSON.stringify({ require: { "php-cs-fixer/shim": "^3" } }),
    "vendor-bin/cs-fixer/composer.lock": lock("php-cs-fixer/shim", "v3.75.0"),
    "tools/composer.json": JSON.stringify({ require: { "psr/log": "^3" } }),
    "tools/composer.lock": lock("psr/log", "3.0.2"),
  });
  const scopes = async (manifest: Record<string, unknown>) => {
    let found: string[] = [];
    await withTempDir(async (dir) => {
      await writeTree(dir, root(manifest));
      const inventory = await readValidProject(dir);
      found = inventory.components.map((c) => `${c.purl} ${c.scopes.join(",")}`);
    });
    return found;
  };
  const plugin = { "bamarni/composer-bin-plugin": "^1.8" };
  assert.deepEqual(await scopes({ "require-dev": plugin }), [
    "pkg:composer/bamarni/composer-bin-plugin@1.8.2 dev",
    "pkg:composer/php-cs-fixer/shim@v3.75.0 dev",
    "pkg:composer/psr/log@3.0.2 runtime", // another project's lock, not a tool's
  ]);
  // Another target-directory; a plugin the project requires at runtime installs its tools then too.
  const custom = {
    "require-dev": plugin,
    extra: { "bamarni-bin": { "target-directory": "tools" } },
  };
  assert.deepEqual((await scopes(custom)).slice(1), [
    "pkg:composer/php-cs-fixer/shim@v3.75.0 runtime",
    "pkg:composer/psr/log@3.0.2 runtime",
  ]);
  assert.deepEqual((await scopes({ require: plugin, "require-dev": plugin })).slice(1, 2), [
    "pkg:composer/php-cs-fixer/shim@v3.75.0 runtime",
  ]);
});

// Composer's `artifact` repository (a folder of archives) records each package's archive by its
// path as composer.json writes the folder, relative or absolute: no URL, but the archive's name
// (purl-spec `file_name`; was: the plain purl of Packagist's package of that name and version).
Deno.test("readComposerLock: an archive on disk (an artifact repository's) has its file_name, no download_url or location", () => {
  const manifest = JSON.stringify({
    repositories: [
      { type: "artifact", url: "artifacts/" },
      { type: "artifact", url: "/srv/php-artifacts" },
      {
        type: "package",
        package: {
          name: "acme/legacy",
          version: "2.0",
          dist: { type: "zip", url: "lib/legacy.zip" },
        },
      },
    ],
    require: { "acme/private-lib": "^1.2", "acme/tools": "^3.0", "acme/legacy": "2.0" },
  });
  const shasum = "6c7a1e9d2f3b4c5d6e7f8091a2b3c4d5e6f70812";
  const lock = JSON.stringify({
    packages: [
      {
        name: "acme/legacy",
        version: "2.0",
        dist: { type: "zip", url: "lib/legacy.zip" },
        type: "library",
      },
      {
        name: "acme/private-lib",
        version: "1.2.0",
        dist: { type: "zip", url: "artifacts/acme-private-lib-1.2.0.zip", shasum },
        type: "library",
        license: ["proprietary"],
      },
      {
        name: "acme/tools",
        version: "3.1.0",
        dist: { type: "tar", url: "/srv/php-artifacts/acme-tools-3.1.0.tar.gz", shasum },
        type: "library",
      },
    ],
    "packages-dev": [],
  });
  const out = readComposerLock(lock, { path: "composer.lock", manifest });
  assertWellFormed(out);
  assert.deepEqual(out.components.map((c) => [c.purl, c.downloadLocation, c.hashes.length]), [
    ["pkg:composer/acme/legacy@2.0?file_name=legacy.zip", undefined, 0],
    ["pkg:composer/acme/private-lib@1.2.0?file_name=acme-private-lib-1.2.0.zip", undefined, 1],
    ["pkg:composer/acme/tools@3.1.0?file_name=acme-tools-3.1.0.tar.gz", undefined, 1],
  ]);
});

Deno.test("readComposerLock: an unlocked `@dev` requirement is named with its constraint as written", () => {
  // Composer reads `@dev` as a stability flag alone (VersionParser::parseConstraints: any version
  // at dev stability). Was: `acme/toolkit@@dev`.
  const lock = JSON.stringify({ packages: [], "packages-dev": [] });
  const manifest = JSON.stringify({
    require: { "acme/toolkit": "@dev", "acme/client": "^2.1@beta" },
    "minimum-stability": "stable",
  });
  const out = readComposerLock(lock, { path: "composer.lock", manifest });
  assert.deepEqual(out.warnings, [
    "composer.json declares acme/toolkit@dev, acme/client@^2.1@beta, which composer.lock does " +
    "not lock: they are not in the SBOM; run `composer update acme/toolkit acme/client` to " +
    "update the lock",
  ]);
});

Deno.test("readComposerLock: a requirement without a vendor that is no platform package is one the lock does not lock", () => {
  // `symfony` is no package Composer can install (it was passed over as a platform package).
  const lock = JSON.stringify({ packages: [{ name: "psr/log", version: "3.0.2" }] });
  const manifest = JSON.stringify({
    require: { php: ">=8.2", "psr/log": "^3.0", symfony: "^6.4" },
  });
  assert.deepEqual(readComposerLock(lock, { path: "composer.lock", manifest }).warnings, [
    "composer.json declares symfony@^6.4, which composer.lock does not lock: it is not in the " +
    "SBOM; run `composer update symfony` to update the lock",
  ]);
});
