import assert from "node:assert/strict";
import { readGemfileManifest } from "../../../src/inventory/ruby/gemfile.ts";
import { writeTree } from "../_tree.ts";
import { posix } from "../../../src/_path.ts";
import { cpuStopwatch, fixture, withTempDir } from "../../_util.ts";
import { assertVouchError, assertWellFormed } from "../_lockfile_invariants.ts";
import { assertSbomRefusesEvery, readValidProject } from "../_reader_cases.ts";

const GEM = ["ruby", "gemfile", "gem"];

function readGem(release?: string): ReturnType<typeof readGemfileManifest> {
  const files: Record<string, string> = {
    "rack.gemspec": Deno.readTextFileSync(fixture(...GEM, "rack.gemspec")),
  };
  return readGemfileManifest(Deno.readTextFileSync(fixture(...GEM, "Gemfile")), {
    path: "Gemfile",
    load: (p) => files[p],
    files: () => ["Gemfile", "rack.gemspec"],
    release,
  });
}

// A gem's repository commits its Gemfile and gemspec, no Gemfile.lock (rack/rack): vouch left
// both unread, an inventory.unread_file blocker, and read nothing.
Deno.test("readGemfileManifest: a gem's Gemfile and gemspec without a lock, declared, not resolved (rack/rack)", () => {
  const out = readGem();
  assertWellFormed(out);
  assert.deepEqual(
    out.components.map((c) => `${c.purl} ${c.version ?? c.specifier ?? "*"} ${c.scopes}`),
    [
      "pkg:gem/base64 * dev",
      "pkg:gem/concurrent-ruby >= 1.2, < 2 dev",
      "pkg:gem/minitest ~> 5.0 dev",
      "pkg:gem/minitest-global_expectations * dev",
      "pkg:gem/minitest-sprint * dev",
      "pkg:gem/rake ~> 13.0 dev",
      "pkg:gem/rdoc * optional",
      "pkg:gem/rubocop@1.65.0 1.65.0 dev",
      "pkg:gem/uri >= 0.12 runtime",
      "pkg:gem/webrick?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Fruby%2Fwebrick.git * dev",
    ],
  );
  // The version is computed (File.read(…)[…]): none, never guessed; --release gives it.
  assert.deepEqual(out.project, { name: "rack", purl: "pkg:gem/rack", license: "MIT" });
  assert.equal(readGem("3.1.0").project?.purl, "pkg:gem/rack@3.1.0");
  assert.deepEqual(out.warnings, [
    "Gemfile:20: a condition is not evaluated; the gems in it keep the groups around it",
  ]);
  assert.equal(out.standsAlone, true);
});

Deno.test("readGemfileManifest: a path gem, a computed name, another gem server are warnings or qualifiers", () => {
  const gemfile = [
    'source "https://gems.example.com"',
    'gem "rails", "~> 7.1"',
    'gem "engine", path: "engines/engine"',
    "gem ENV.fetch('DB_GEM', 'pg')",
    'gem "pinned", "= 2.0.1"',
    'source "https://rubygems.org" do',
    '  gem "rack"',
    "end",
    'path ENV.fetch("ENGINES") do',
    '  gem "local"',
    "end",
    'gem "short", "= 7.1"',
  ].join("\n");
  const out = readGemfileManifest(gemfile, { path: "app/Gemfile", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:gem/pinned@2.0.1?repository_url=https:%2F%2Fgems.example.com",
    "pkg:gem/rack",
    "pkg:gem/rails?repository_url=https:%2F%2Fgems.example.com",
    // `= 7.1` installs 7.1.0 (RubyGems compares without trailing zeros): no version.
    "pkg:gem/short?repository_url=https:%2F%2Fgems.example.com",
  ]);
  assert.deepEqual(out.components.map((c) => c.scopes.join()), [
    "runtime",
    "runtime",
    "runtime",
    "runtime",
  ]);
  assert.deepEqual(out.warnings, [
    "app/Gemfile:4: a `gem` call with a computed name is not read",
    'app/Gemfile:3: gem "engine" is from the folder engines/engine (the project\'s own or vendored code): without a Gemfile.lock it is not in the SBOM',
    'app/Gemfile:10: gem "local" is from the folder that a computed `path` names (the project\'s own or vendored code): without a Gemfile.lock it is not in the SBOM',
  ]);
});

// jekyll: `gem "test-theme", :path => File.expand_path("test/fixtures/test-theme", __dir__)`,
// rubocop: `gem 'rubocop-ast', path: local_ast if Dir.exist? local_ast`: a computed `path:` is
// a folder all the same, yet these were rubygems.org gems (pkg:gem/test-theme).
Deno.test("readGemfileManifest: a computed `path:` / `git:` option is that origin, its value untold", () => {
  const gemfile = [
    'source "https://rubygems.org"',
    'gem "test-theme", :path => File.expand_path("test/fixtures/test-theme", __dir__)',
    "local_ast = File.expand_path('../rubocop-ast', __dir__)",
    "gem 'rubocop-ast', path: local_ast if Dir.exist? local_ast",
    'gem "private", git: ENV["PRIVATE_GIT"]',
    'gem "rake", "~> 13.0", require: false',
  ].join("\n");
  const out = readGemfileManifest(gemfile, { path: "Gemfile", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:gem/private", "pkg:gem/rake"]);
  assert.deepEqual(out.warnings?.filter((w) => !w.includes("condition")), [
    'Gemfile:2: gem "test-theme" is from the folder that a computed `path` names (the project\'s own or vendored code): without a Gemfile.lock it is not in the SBOM',
    'Gemfile:4: gem "rubocop-ast" is from the folder that a computed `path` names (the project\'s own or vendored code): without a Gemfile.lock it is not in the SBOM',
    'Gemfile:5: gem "private" is from a computed `git`: its purl names rubygems.org',
  ]);
});

// Bundler's `bitbucket:` and `gist:` shorthands and a Gemfile's own `git_source` name git
// repositories: `gem "a", "1.2.3", bitbucket: "owner/a"` was pkg:gem/a@1.2.3, a rubygems.org
// release.
Deno.test("readGemfileManifest: a `bitbucket:` / `gist:` gem or one of a `git_source` is from git", () => {
  const gemfile = [
    'source "https://rubygems.org"',
    'git_source(:gitlab) { |repo| "https://gitlab.com/#{repo}.git" }',
    'gem "a", "1.2.3", bitbucket: "owner/a"',
    'gem "b", :gist => "4815162342"',
    'gem "c", "1.0.0", gitlab: "owner/c"',
    'gem "d", "2.0.0", require: "gitlab"',
  ].join("\n");
  const out = readGemfileManifest(gemfile, { path: "Gemfile", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:gem/a?vcs_url=git%2Bhttps:%2F%2Fbitbucket.org%2Fowner%2Fa.git",
    "pkg:gem/b?vcs_url=git%2Bhttps:%2F%2Fgist.github.com%2F4815162342.git",
    // The block's string, its argument the option's value.
    "pkg:gem/c?vcs_url=git%2Bhttps:%2F%2Fgitlab.com%2Fowner%2Fc.git",
    "pkg:gem/d@2.0.0",
  ]);
  assert.equal(out.warnings, undefined);
});

// A Gemfile's own `git_source(:github)` replaces Bundler's (Dsl#git_source: `@git_sources[name.to_s]
// = block`; `github:` and the `github` block call `@git_sources["github"]`): vouch gave
// `https://github.com/…` whatever the block said.
Deno.test("readGemfileManifest: a Gemfile's own `git_source(:github)` block names its gems' repository", () => {
  const read = (source: string) => {
    const gemfile = [
      'source "https://rubygems.org"',
      'gem "early", github: "acme/early"',
      source,
      'gem "a", github: "acme/a", branch: "main"',
      'github "acme/b" do',
      '  gem "b"',
      "end",
      'gem "c", github: C_REPO',
    ].join("\n");
    const out = readGemfileManifest(gemfile, { path: "Gemfile", load: () => undefined });
    return { purls: out.components.map((c) => c.purl), warnings: out.warnings ?? [] };
  };
  assert.deepEqual(read('git_source(:github) { |repo| "git@github.com:#{repo}.git" }').purls, [
    "pkg:gem/a?vcs_url=git%2Bssh:%2F%2Fgit%40github.com%2Facme%2Fa.git%40main",
    "pkg:gem/b?vcs_url=git%2Bssh:%2F%2Fgit%40github.com%2Facme%2Fb.git",
    "pkg:gem/c",
    // Declared before the block: Bundler's own.
    "pkg:gem/early?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fearly.git",
  ]);
  const https = read('git_source(:github) do |repo|\n  "https://github.com/#{repo}.git"\nend');
  assert.deepEqual(https.purls.slice(0, 2), [
    "pkg:gem/a?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fa.git%40main",
    "pkg:gem/b?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fb.git",
  ]);
  // A block that computes more than its argument's place: Bundler's URL, with a warning.
  const computed = read(
    'git_source(:github) do |repo|\n  repo = "#{repo}/#{repo}" unless repo.include?("/")\n' +
      '  "https://github.com/#{repo}.git"\nend',
  );
  assert.deepEqual(computed.purls.slice(0, 2), [
    "pkg:gem/a?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fa.git%40main",
    "pkg:gem/b?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fb.git",
  ]);
  assert.equal(
    computed.warnings[0],
    "Gemfile:3: the `git_source(:github)` block is not read: `github:` gems keep Bundler's https://github.com URL",
  );
  assert.deepEqual(
    read('git_source(:github) { |repo| "https://#{HOST}/#{repo}.git" }').warnings[0],
    computed.warnings[0],
  );
});

// A `git_source` block may return a hash (Bundler's own github and gitlab blocks do for a pull or
// merge request's URL): Dsl#normalize_options merges it into the gem's options and reads
// `opts["git"]`, and `"ref"`, `"branch"`, `"tag"` as the revision. Was: a computed `git`, the
// gem a rubygems.org release, with a warning. A Symbol `git:` key is merged as it is and read by
// nothing: Bundler installs the gem from the gem source, and vouch says so.
Deno.test('readGemfileManifest: a `git_source` block that returns a hash names its "git" URL', () => {
  const read = (block: string) => {
    const gemfile = [
      'source "https://rubygems.org"',
      block,
      'gem "a", "1.0.0", corp: "acme/a"',
      'gem "b", corp: "acme/b", tag: "v2"',
    ].join("\n");
    const out = readGemfileManifest(gemfile, { path: "Gemfile", load: () => undefined });
    return { purls: out.components.map((c) => c.purl), warnings: out.warnings };
  };
  assert.deepEqual(
    read('git_source(:corp) { |repo| { "git" => "https://git.corp.example/#{repo}.git" } }'),
    {
      purls: [
        "pkg:gem/a?vcs_url=git%2Bhttps:%2F%2Fgit.corp.example%2Facme%2Fa.git",
        "pkg:gem/b?vcs_url=git%2Bhttps:%2F%2Fgit.corp.example%2Facme%2Fb.git%40v2",
      ],
      warnings: undefined,
    },
  );
  // Its revision, merged with the gem's options: Source::Git's `ref || branch || tag`.
  assert.deepEqual(
    read(
      "git_source(:corp) do |repo|\n" +
        '  { "git" => "https://git.corp.example/#{repo}.git", "branch" => "stable" }\nend',
    ).purls,
    [
      "pkg:gem/a?vcs_url=git%2Bhttps:%2F%2Fgit.corp.example%2Facme%2Fa.git%40stable",
      "pkg:gem/b?vcs_url=git%2Bhttps:%2F%2Fgit.corp.example%2Facme%2Fb.git%40stable",
    ],
  );
  assert.deepEqual(
    read('git_source(:corp) { |repo| { git: "https://git.corp.example/#{repo}.git" } }'),
    {
      purls: ["pkg:gem/a@1.0.0", "pkg:gem/b"],
      warnings: [
        "Gemfile:2: the `git_source(:corp)` block returns a hash with a Symbol `git:` key, which " +
        'Bundler does not read (it reads "git" =>): its `corp:` gems are from the gem source, as ' +
        "Bundler installs them",
      ],
    },
  );
});

// Dsl#normalize_options merges the hash with a block that raises GemfileError on a key both give:
// "The :branch option can't be used with `corp: \"acme/b\"`". Was: the gem's branch, silently.
Deno.test("readGemfileManifest: a gem giving an option its git_source's hash gives too is refused, as Bundler refuses it", () => {
  const gemfile = [
    'source "https://rubygems.org"',
    "git_source(:corp) do |repo|",
    '  { "git" => "https://git.corp.example/#{repo}.git", "branch" => "stable" }',
    "end",
    'gem "a", corp: "acme/a", tag: "v1"',
    'gem "b", corp: "acme/b", branch: "dev"',
  ].join("\n");
  assertVouchError(
    () => readGemfileManifest(gemfile, { path: "Gemfile", load: () => undefined }),
    "inventory.gemfile.invalid",
    /^Gemfile:6: gem "b" gives the branch option its git_source's hash gives too, which Bundler refuses/,
  );
});

// Bundler 2.5 added `gitlab:` (rubygems/rubygems#7449): `https://gitlab.com/<path>.git`, subgroups
// kept, a merge request's URL naming its project. It was a rubygems.org release.
Deno.test("readGemfileManifest: Bundler's own `gitlab:` shorthand names its GitLab repository", () => {
  const gemfile = [
    'source "https://rubygems.org"',
    'git_source(:gist) { |id| "https://example.com/#{id}.git" }',
    'gem "sdk", "0.3.0", gitlab: "gitlab-org/analytics/sdk-rb"',
    'gem "mr", gitlab: "https://gitlab.com/acme/tools/mr-gem/-/merge_requests/27"',
    'gem "solo", :gitlab => "solo"',
    'gem "own", "1.0.0", gist: "123"',
  ].join("\n");
  const out = readGemfileManifest(gemfile, { path: "Gemfile", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:gem/mr?vcs_url=git%2Bhttps:%2F%2Fgitlab.com%2Facme%2Ftools%2Fmr-gem.git",
    "pkg:gem/own?vcs_url=git%2Bhttps:%2F%2Fexample.com%2F123.git",
    "pkg:gem/sdk?vcs_url=git%2Bhttps:%2F%2Fgitlab.com%2Fgitlab-org%2Fanalytics%2Fsdk-rb.git",
    "pkg:gem/solo?vcs_url=git%2Bhttps:%2F%2Fgitlab.com%2Fsolo%2Fsolo.git",
  ]);
  // A shorthand the Gemfile defines again is its own block's.
  assert.equal(out.warnings, undefined);
});

// mastodon/mastodon's Gemfile pins a fork by commit (`github: …, ref: "f14a…"`): its vcs_url named
// the repository only. Bundler's Source::Git takes `ref || branch || tag`.
Deno.test("readGemfileManifest: a git gem's `ref:`, else `branch:`, else `tag:` is its vcs_url's revision", () => {
  const gemfile = [
    "source 'https://rubygems.org'",
    "gem 'webpush', github: 'ClearlyClaire/webpush', ref: 'f14a4d52e201128b1b00245d11b6de80d6cfdcd9'",
    'gem "foo", git: "https://example.com/foo.git", tag: "v1.0", branch: "main"',
    'gem "bar", :git => "https://example.com/bar.git", :tag => "v2.0"',
    'gem "baz", gitlab: "acme/baz", ref: BAZ_REF',
    'git "https://github.com/rails/sprockets.git", branch: "4.x" do',
    '  gem "sprockets"',
    "end",
  ].join("\n");
  const out = readGemfileManifest(gemfile, { path: "Gemfile", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:gem/bar?vcs_url=git%2Bhttps:%2F%2Fexample.com%2Fbar.git%40v2.0",
    // A computed ref: the repository only, never a guess.
    "pkg:gem/baz?vcs_url=git%2Bhttps:%2F%2Fgitlab.com%2Facme%2Fbaz.git",
    "pkg:gem/foo?vcs_url=git%2Bhttps:%2F%2Fexample.com%2Ffoo.git%40main",
    "pkg:gem/sprockets?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Frails%2Fsprockets.git%404.x",
    "pkg:gem/webpush?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2FClearlyClaire%2Fwebpush.git%40" +
    "f14a4d52e201128b1b00245d11b6de80d6cfdcd9",
  ]);
});

// `branch: :main`, `:tag => :"v1.0"`: symbols, which Bundler's Source::Git stringifies (`%w[ref
// branch tag revision].each {|k| options[k] = options[k].to_s if options[k] }`). vouch read them
// as computed and named the repository only.
Deno.test("readGemfileManifest: a git gem's `branch: :main` symbol is its vcs_url's revision", () => {
  const gemfile = [
    "source 'https://rubygems.org'",
    'gem "foo", git: "https://example.com/foo.git", branch: :main',
    'gem "bar", :git => "https://example.com/bar.git", :tag => :"v2.0"',
    "gem 'baz', github: 'acme/baz', ref: :'abc123', require: false",
    'gem "qux", github: "acme/qux", tag: :"v#{VERSION}"',
    'git "https://github.com/rails/sprockets.git", branch: :stable do',
    '  gem "sprockets"',
    "end",
  ].join("\n");
  const out = readGemfileManifest(gemfile, { path: "Gemfile", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:gem/bar?vcs_url=git%2Bhttps:%2F%2Fexample.com%2Fbar.git%40v2.0",
    "pkg:gem/baz?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fbaz.git%40abc123",
    "pkg:gem/foo?vcs_url=git%2Bhttps:%2F%2Fexample.com%2Ffoo.git%40main",
    // An interpolated symbol: computed, the repository only.
    "pkg:gem/qux?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Fqux.git",
    "pkg:gem/sprockets?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Frails%2Fsprockets.git%40stable",
  ]);
});

// `github:` takes a pull request's URL too (Bundler's GITHUB_PULL_REQUEST_URL): vouch made it
// the repository https://github.com/https://github.com/rails/rails/pull/49223.git.
Deno.test("readGemfileManifest: a `github:` pull request's URL is its repository at refs/pull/<n>/head", () => {
  const gemfile = [
    'source "https://rubygems.org"',
    'gem "rails", github: "https://github.com/rails/rails/pull/49223"',
    'gem "rack", github: "rack/rack"',
  ].join("\n");
  const out = readGemfileManifest(gemfile, { path: "Gemfile", load: () => undefined });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:gem/rack?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Frack%2Frack.git",
    "pkg:gem/rails?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Frails%2Frails.git%40refs%2Fpull%2F49223%2Fhead",
  ]);
});

Deno.test("Gemfile without its lock: the scan reads it and its gemspec; beside a lock, the lock's word", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Gemfile": 'source "https://rubygems.org"\ngemspec\ngem "rake", "~> 13.0"\n',
      "demo.gemspec": 'Gem::Specification.new do |s|\n  s.name = "demo"\n  s.version = "0.3.0"\n' +
        '  s.add_dependency "zeitwerk", "~> 2.6"\nend\n',
      "site/Gemfile": 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n',
      "site/Gemfile.lock":
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    jekyll (4.3.4)\n\n" +
        "PLATFORMS\n  ruby\n\nDEPENDENCIES\n  jekyll (~> 4.3)\n",
    });
    const inventory = await readValidProject(dir);
    assert.equal(inventory.project.purl, "pkg:gem/demo@0.3.0");
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(inventory.declaredOnly, ["Gemfile"]);
    assert.ok(inventory.sources.includes("demo.gemspec"));
    assert.deepEqual(
      inventory.components.map((c) => `${c.purl} ${c.scopes}`),
      ["pkg:gem/jekyll@4.3.4 runtime", "pkg:gem/rake dev", "pkg:gem/zeitwerk runtime"],
    );
  });
});

// collectiveidea/audited commits Appraisal's gemfiles/rails80.gemfile (mysql2, pg, rails >= 7.1)
// but not its lock, nor a Gemfile.lock: the scan passed the file over without a word, an SBOM
// without mysql2 and pg. An alternate Gemfile without its lock is read as a Gemfile, its gems dev
// (a variant the project is tested against, as its lock's gems are); one beside its lock is the
// lock's, and another variant's lock, or the project's Gemfile.lock, does not lock it.
Deno.test("an Appraisal gemfiles/*.gemfile without its lock is read, its gems dev (collectiveidea/audited)", async () => {
  const lock = (gem: string): string =>
    `GEM\n  remote: https://rubygems.org/\n  specs:\n    ${gem}\n\nPLATFORMS\n  ruby\n\n` +
    `DEPENDENCIES\n  ${gem.replace(/ .*/, "")}\n\nBUNDLED WITH\n   2.5.3\n`;
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Gemfile": 'source "https://rubygems.org"\n\ngemspec name: "audited"\n',
      "audited.gemspec": 'Gem::Specification.new do |gem|\n  gem.name = "audited"\n' +
        '  gem.version = "5.8.0"\n  gem.add_dependency "activerecord", ">= 5.2"\nend\n',
      "Gemfile.lock":
        "PATH\n  remote: .\n  specs:\n    audited (5.8.0)\n      activerecord (>= 5.2)\n\n" +
        lock("activerecord (7.2.1)").replace("  activerecord\n", "  audited!\n"),
      "gemfiles/rails80.gemfile": "# This file was generated by Appraisal\n\n" +
        'source "https://rubygems.org"\n\ngem "rails", ">= 8.0.0", "< 8.1"\n' +
        'gem "mysql2", ">= 0.4.4"\ngem "pg", ">= 1.1"\n\ngemspec name: "audited", path: "../"\n',
      "gemfiles/rails72.gemfile": 'source "https://rubygems.org"\n\ngem "sqlite3", ">= 1.4"\n',
      "gemfiles/rails72.gemfile.lock": lock("sqlite3 (1.7.3)"),
    });
    const inventory = await readValidProject(dir);
    assert.deepEqual(inventory.unread, []);
    assert.deepEqual(
      inventory.components.map((c) => `${c.purl} ${c.specifier ?? ""} ${c.scopes}`),
      [
        "pkg:gem/activerecord >= 5.2 dev",
        "pkg:gem/activerecord@7.2.1  runtime",
        "pkg:gem/mysql2 >= 0.4.4 dev",
        "pkg:gem/pg >= 1.1 dev",
        "pkg:gem/rails >= 8.0.0, < 8.1 dev",
        "pkg:gem/sqlite3@1.7.3  dev",
      ],
    );
  });
});

// palkan/test-prof's Gemfile evaluates gemfiles/rubocop.gemfile (`eval_gemfile
// "gemfiles/rubocop.gemfile"`): that file is part of the Gemfile, which its lock resolves, no
// Appraisal variant. Read as one, it gave rubocop again, unversioned, declared, not resolved.
Deno.test("a *.gemfile that the Gemfile evaluates is no variant of its own (palkan/test-prof)", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "Gemfile":
        "source 'https://rubygems.org'\n\ngemspec\n\neval_gemfile \"gemfiles/rubocop.gemfile\"\n",
      "test-prof.gemspec": 'Gem::Specification.new do |s|\n  s.name = "test-prof"\n' +
        '  s.version = "1.4.0"\nend\n',
      "gemfiles/rubocop.gemfile": 'gem "rubocop-md", "~> 1.0"\n',
      "lib/Gemfile": 'source "https://rubygems.org"\n' +
        'eval_gemfile File.expand_path("../gemfiles/rbs.gemfile", __dir__)\n',
      "gemfiles/rbs.gemfile": 'gem "rbs", "~> 3.0"\n',
      "lib/Gemfile.lock": "GEM\n  remote: https://rubygems.org/\n  specs:\n    rbs (3.4.0)\n\n" +
        "PLATFORMS\n  ruby\n\nDEPENDENCIES\n  rbs (~> 3.0)\n\nBUNDLED WITH\n   2.5.3\n",
      "Gemfile.lock": "PATH\n  remote: .\n  specs:\n    test-prof (1.4.0)\n\n" +
        "GEM\n  remote: https://rubygems.org/\n  specs:\n    rubocop-md (1.2.4)\n\n" +
        "PLATFORMS\n  ruby\n\nDEPENDENCIES\n  rubocop-md (~> 1.0)\n  test-prof!\n\n" +
        "BUNDLED WITH\n   2.5.3\n",
    });
    const inventory = await readValidProject(dir);
    assert.deepEqual(inventory.components.map((c) => `${c.purl} ${c.scopes}`), [
      "pkg:gem/rbs@3.4.0 runtime",
      "pkg:gem/rubocop-md@1.2.4 dev",
    ]);
    assert.deepEqual(inventory.declaredOnly ?? [], []);
    assert.deepEqual(inventory.unread, []);
  });
});

Deno.test("readGemfileManifest: the global source is found in time linear in the file (200 KB of blank lines took 28 s), CRLF lines too", () => {
  for (const text of ["\n".repeat(200_000), `source${" ".repeat(200_000)}x\n`]) {
    const elapsed = cpuStopwatch();
    readGemfileManifest(`${text}gem "rack"\n`, { path: "Gemfile", load: () => undefined });
    assert.ok(elapsed() < 4_000, "too slow");
  }
  const out = readGemfileManifest('source "https://gems.example.com"\r\ngem "rack"\r\n', {
    path: "Gemfile",
    load: () => undefined,
  });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:gem/rack?repository_url=https:%2F%2Fgems.example.com",
  ]);
});

/** Reads a root `Gemfile` whose `gemspec` is `demo.gemspec`, of text `gemspec`. */
function readWithGemspec(gemfile: string, gemspec: string): ReturnType<typeof readGemfileManifest> {
  return readGemfileManifest(gemfile, {
    path: "Gemfile",
    load: (p) => (p === "demo.gemspec" ? gemspec : undefined),
    files: () => ["Gemfile", "demo.gemspec"],
  });
}

Deno.test("readGemfileManifest: requirements are the literal arguments only; a condition's or a computed argument's strings are none", () => {
  const gemfile = [
    "gemspec",
    'gem "pg" if ENV["DB"] == "postgres"',
    'gem "pinned", "1.0.0" unless ENV["CI"]',
    'gem "rails", ENV["RAILS_VERSION"] || "7.0.0"',
    'gem "ruby", RUBY_VERSION >= "3.0" ? "2.0.0" : "1.0.0"',
    'gem "listed", [">= 1.0", "< 2"], require: false',
    'gem("parens", "~> 1.0", ">= 1.0.2")',
  ].join("\n");
  const gemspec = [
    "Gem::Specification.new do |s|",
    '  s.name = "demo".freeze',
    '  s.add_runtime_dependency(%q<rack>.freeze, [">= 2.0".freeze, "< 4".freeze])',
    '  s.add_dependency "json", ">= 2" if RUBY_VERSION < "3.4"',
    '  s.add_development_dependency "rake", Demo::RAKE',
    "end",
  ].join("\n");
  const out = readWithGemspec(gemfile, gemspec);
  assert.deepEqual(
    out.components.map((c) => `${c.purl} ${c.version ?? c.specifier ?? "*"}`),
    [
      "pkg:gem/json >= 2",
      "pkg:gem/listed >= 1.0, < 2",
      "pkg:gem/parens ~> 1.0, >= 1.0.2",
      "pkg:gem/pg *",
      "pkg:gem/pinned@1.0.0 1.0.0",
      "pkg:gem/rack >= 2.0, < 4",
      "pkg:gem/rails *",
      "pkg:gem/rake *",
      "pkg:gem/ruby *",
    ],
  );
  assert.deepEqual(out.warnings?.filter((w) => w.includes("computed")), [
    'Gemfile:4: the version requirement of gem "rails" is computed: the SBOM gives none',
    'Gemfile:5: the version requirement of gem "ruby" is computed: the SBOM gives none',
    'demo.gemspec:5: the version requirement of gem "rake" is computed: the SBOM gives none',
  ]);
});

// flipper: the gemspec asks concurrent-ruby "< 2" at run time, the Gemfile pins 1.3.4 for
// development; Bundler installs the one version, 1.3.4, yet they were two components.
Deno.test("readGemfileManifest: a range and the one pin of a gem that satisfies it are one gem, at the pin", () => {
  const gemfile = [
    "gemspec",
    'gem "concurrent-ruby", "1.3.4"',
    'gem "rack", "3.1.8"',
    'gem "json", "2.7.2"',
    'gem "json", "2.9.1", group: :test',
  ].join("\n");
  const gemspec = [
    "Gem::Specification.new do |s|",
    '  s.name = "demo"',
    '  s.add_dependency "concurrent-ruby", "< 2"',
    '  s.add_dependency "rack", "~> 2.2"',
    '  s.add_dependency "json", ">= 2"',
    "end",
  ].join("\n");
  const out = readWithGemspec(gemfile, gemspec);
  assert.deepEqual(
    out.components.map((c) => `${c.purl} ${c.specifier ?? "-"} ${c.scopes.join(",")}`),
    [
      "pkg:gem/concurrent-ruby@1.3.4 - dev,runtime",
      "pkg:gem/json >= 2 runtime", // two pins: which one is not told
      "pkg:gem/json@2.7.2 - dev",
      "pkg:gem/json@2.9.1 - dev",
      "pkg:gem/rack ~> 2.2 runtime", // the pin does not satisfy the range
      "pkg:gem/rack@3.1.8 - dev",
    ],
  );
});

// rubocop: the gemspec's development dependencies rake "~> 10.0" and simplecov "~> 0.7", the
// Gemfile's rake "~> 12.0" and simplecov "~> 0.10", "< 0.18": Bundler keeps the Gemfile's
// (its Dsl: "Always prefer the dependency from the Gemfile"), yet the SBOM gave the gemspec's,
// and a Gemfile pin outside the gemspec's range was a second, version-less component.
Deno.test("readGemfileManifest: a gem the Gemfile declares is its declaration, not the gemspec's development dependency", () => {
  const gemfile = [
    "gemspec",
    "gem 'rake', '~> 12.0'",
    "gem 'simplecov', '~> 0.10', '< 0.18'",
    "gem 'rspec', '3.13.0'",
    "group :test do",
    "  gem 'webmock', require: false",
    "end",
  ].join("\n");
  const gemspec = [
    "Gem::Specification.new do |s|",
    "  s.name = 'demo'",
    "  s.add_runtime_dependency('rainbow', '>= 1.1.4')",
    "  s.add_development_dependency('rake', '~> 10.0')",
    "  s.add_development_dependency('rspec', '~> 2.13')",
    "  s.add_development_dependency('simplecov', '~> 0.7')",
    "  s.add_development_dependency('webmock', '= 3.0.1')",
    "  s.add_development_dependency('yard', '~> 0.8')",
    "end",
  ].join("\n");
  const out = readWithGemspec(gemfile, gemspec);
  assert.deepEqual(
    out.components.map((c) => `${c.purl} ${c.specifier ?? "-"} ${c.scopes.join(",")}`),
    [
      "pkg:gem/rainbow >= 1.1.4 runtime",
      "pkg:gem/rake ~> 12.0 dev",
      "pkg:gem/rspec@3.13.0 - dev",
      "pkg:gem/simplecov ~> 0.10, < 0.18 dev",
      "pkg:gem/webmock - dev",
      "pkg:gem/yard ~> 0.8 dev",
    ],
  );
});

// sinatra/sinatra's and bkeepers/dotenv's gemspecs name the gem in `Gem::Specification.new`
// (RubyGems' initialize(name = nil, version = nil)): vouch read no project, only `s.name =`.
Deno.test("readGemfileManifest: a gemspec's name and version given to `Gem::Specification.new` are the project's", () => {
  const read = (gemspec: string) =>
    readGemfileManifest('source "https://rubygems.org"\ngemspec\n', {
      path: "Gemfile",
      load: (p) => p === "x.gemspec" ? gemspec : undefined,
      files: () => ["Gemfile", "x.gemspec"],
    }).project;
  const sinatra = [
    "$LOAD_PATH.unshift File.expand_path('../lib', __FILE__)",
    "require 'sinatra/version'",
    "",
    "Gem::Specification.new 'sinatra', Sinatra::VERSION do |s|",
    '  s.summary           = "Classy web-development dressed in a DSL"',
    "  s.add_dependency 'rack',            '~> 1.3'",
    "end",
  ].join("\n");
  // A computed version is none, as a computed `s.version =` is.
  assert.deepEqual(read(sinatra), { name: "sinatra", purl: "pkg:gem/sinatra" });
  const shards = 'Gem::Specification.new "active_record_shards", "3.19.1" do |s|\n' +
    '  s.license = "MIT"\nend\n';
  assert.deepEqual(read(shards), {
    name: "active_record_shards",
    version: "3.19.1",
    purl: "pkg:gem/active_record_shards@3.19.1",
    license: "MIT",
  });
  // The block's own assignments, run after `new`, override its arguments.
  const renamed = 'Gem::Specification.new("old", "0.0.0") do |s|\n  s.name = "new"\n' +
    '  s.version = "1.2.0"\nend\n';
  assert.deepEqual(read(renamed), { name: "new", version: "1.2.0", purl: "pkg:gem/new@1.2.0" });
  // A string that is not the whole argument (`"1.0" + x`) is computed: no version.
  assert.deepEqual(read('Gem::Specification.new "a", "1.0" + SUFFIX do |s|\nend\n'), {
    name: "a",
    purl: "pkg:gem/a",
  });
});

/** The license of a project whose Gemfile takes a gemspec assigning `spec.licenses = <licenses>`. */
function gemspecLicense(licenses: string): string | undefined {
  return readGemfileManifest('source "https://rubygems.org"\ngemspec\n', {
    path: "Gemfile",
    load: (p) =>
      p === "t.gemspec"
        ? `Gem::Specification.new do |spec|\n  spec.licenses = ${licenses}\n  spec.name = "t"\nend\n`
        : undefined,
    files: () => ["Gemfile", "t.gemspec"],
  }).project?.license;
}

// sferik/t's and prawnpdf/prawn's gemspecs write `licenses = %w[MIT]`, a word list: vouch read
// no license (only string literals).
Deno.test("readGemfileManifest: a gemspec's `licenses = %w[…]` word list is its licenses", () => {
  const read = gemspecLicense;
  assert.equal(read("%w[MIT]"), "MIT");
  assert.equal(read("%w(Ruby BSD-2-Clause)"), "Ruby OR BSD-2-Clause");
  assert.equal(read("%W{MIT}"), "MIT");
  // Interpolated (`%W[#{x}]`) or computed: none, never guessed.
  assert.equal(read("%W[#{LICENSE}]"), undefined);
  assert.equal(read("%w[MIT] + EXTRA"), undefined);
});

// A frozen list, `spec.licenses = ["MIT"].freeze` (rubocop-generated gemspecs), is the list:
// `Object#freeze` returns its receiver. vouch read `[…].freeze` as computed: no license.
Deno.test('readGemfileManifest: a gemspec\'s frozen `licenses = ["MIT"].freeze` is its licenses', () => {
  const read = gemspecLicense;
  assert.equal(read('["MIT"].freeze'), "MIT");
  assert.equal(read("['Ruby', 'BSD-2-Clause'] .freeze"), "Ruby OR BSD-2-Clause");
  assert.equal(read("%w[MIT].freeze"), "MIT");
  // Frozen after something computed: none, never guessed.
  assert.equal(read('(["MIT"] + EXTRA).freeze'), undefined);
  assert.equal(read('["MIT"].freeze + EXTRA'), undefined);
});

// The gemspec RubyGems' Specification#to_ruby writes (RubyGems 3.3's, below) and the Jeweler- and
// Hoe-generated ones (puma's, heartcombo/devise's) list every dependency again with
// `add_dependency` in the `else` of `if s.respond_to? :add_runtime_dependency`, for RubyGems
// before 1.2: vouch counted that branch, and the development dependencies were runtime too.
Deno.test("readGemfileManifest: the `else` of a generated gemspec's RubyGems-version condition is none", () => {
  const read = (gemspec: string) => {
    const out = readGemfileManifest('source "https://rubygems.org"\ngemspec\n', {
      path: "Gemfile",
      load: (p) => p === "demo.gemspec" ? gemspec : undefined,
      files: () => ["Gemfile", "demo.gemspec"],
    });
    return [...out.components.map((c) => `${c.name} ${c.scopes}`), ...out.warnings ?? []];
  };
  const toRuby = [
    "# -*- encoding: utf-8 -*-",
    "# stub: demo 1.0.0 ruby lib",
    "",
    "Gem::Specification.new do |s|",
    '  s.name = "demo".freeze',
    '  s.version = "1.0.0"',
    "",
    '  s.required_rubygems_version = Gem::Requirement.new(">= 0".freeze) if ' +
    "s.respond_to? :required_rubygems_version=",
    '  s.require_paths = ["lib".freeze]',
    '  s.summary = "x".freeze',
    "",
    "  if s.respond_to? :specification_version then",
    "    s.specification_version = 4",
    "  end",
    "",
    "  if s.respond_to? :add_runtime_dependency then",
    '    s.add_runtime_dependency(%q<rack>.freeze, ["~> 2.0"])',
    '    s.add_development_dependency(%q<rake>.freeze, ["~> 13.0"])',
    "  else",
    '    s.add_dependency(%q<rack>.freeze, ["~> 2.0"])',
    '    s.add_dependency(%q<rake>.freeze, ["~> 13.0"])',
    "  end",
    "end",
  ].join("\n");
  assert.deepEqual(read(toRuby), ["rack runtime", "rake dev"]);
  const jeweler = [
    "Gem::Specification.new do |s|",
    '  s.name = "puma"',
    "  if s.respond_to? :specification_version then",
    "    s.specification_version = 3",
    "",
    "    if Gem::Version.new(Gem::VERSION) >= Gem::Version.new('1.2.0') then",
    '      s.add_runtime_dependency(%q<rack>, ["~> 1.2"])',
    '      s.add_development_dependency(%q<hoe>, ["~> 3.0"])',
    "    else",
    '      s.add_dependency(%q<rack>, ["~> 1.2"])',
    '      s.add_dependency(%q<hoe>, ["~> 3.0"])',
    "    end",
    "  else",
    '    s.add_dependency(%q<rack>, ["~> 1.2"])',
    '    s.add_dependency(%q<hoe>, ["~> 3.0"])',
    "  end",
    "end",
  ].join("\n");
  assert.deepEqual(read(jeweler), ["hoe dev", "rack runtime"]);
  // Any other condition is not evaluated: both branches count, with a warning.
  const other = 'Gem::Specification.new do |s|\n  s.name = "x"\n  if RUBY_ENGINE == "jruby"\n' +
    '    s.add_dependency "jar"\n  else\n    s.add_dependency "ext"\n  end\nend\n';
  assert.deepEqual(read(other), [
    "ext runtime",
    "jar runtime",
    "demo.gemspec:3: a condition is not evaluated; the dependencies in it count",
  ]);
});

Deno.test("readGemfileManifest: `gemspec name:` / `path:` name the gemspec as Bundler finds it; none outside the project, nor a computed one", () => {
  const gemspec = (name: string): string =>
    `Gem::Specification.new do |s|\n  s.name = "${name}"\n  s.add_dependency "${name}-dep"\nend\n`;
  const tree: Record<string, string> = {
    "flipper.gemspec": gemspec("flipper"),
    "flipper-redis.gemspec": gemspec("flipper-redis"),
    "core/core.gemspec": gemspec("core"),
  };
  const read = (gemfile: string, path = "Gemfile") =>
    readGemfileManifest(gemfile, {
      path,
      load: (p) => tree[p],
      files: (folder) =>
        Object.keys(tree).filter((p) => posix.dirname(p) === (folder || "."))
          .map((p) => posix.basename(p)),
    });
  const project = (gemfile: string, path?: string) => {
    const out = read(gemfile, path);
    return [out.project?.name, ...out.warnings ?? []];
  };
  assert.deepEqual(project("gemspec name: 'flipper'\n"), ["flipper"]);
  assert.deepEqual(project('gemspec path: "core"\n'), ["core"]);
  assert.deepEqual(project('gemspec path: ".."\n', "core/Gemfile"), [
    undefined,
    "core/Gemfile: `gemspec` names several *.gemspec in .: its dependencies are not in the SBOM",
  ]);
  assert.deepEqual(project('gemspec :name => "flipper-redis", :path => ".."\n', "core/Gemfile"), [
    "flipper-redis",
  ]);
  assert.deepEqual(project("gemspec\n"), [
    undefined,
    "Gemfile: `gemspec` names several *.gemspec beside it: its dependencies are not in the SBOM",
  ]);
  assert.deepEqual(project('gemspec path: "../outside"\n'), [
    undefined,
    "Gemfile: `gemspec` names the folder ../outside, outside the project: its dependencies are not in the SBOM",
  ]);
  assert.deepEqual(project("gemspec path: File.expand_path('..', __FILE__)\n"), [
    undefined,
    "Gemfile: `gemspec` names its gemspec by a computed `name:` or `path:`: its dependencies are not in the SBOM",
  ]);
  assert.deepEqual(
    read("gemspec name: 'flipper'\n").components.map((c) => `${c.purl} ${c.scopes}`),
    ["pkg:gem/flipper-dep runtime"],
  );
});

// A gem's gemspec asks rack "~> 2.2" at run time and its Gemfile rack ">= 2.2.4": Bundler
// resolves one rack that meets both, yet the SBOM showed only the gemspec's requirement.
Deno.test("readGemfileManifest: the gemspec's and the Gemfile's ranges on one gem are its one specifier", () => {
  const gemfile = ["gemspec", 'gem "rack", ">= 2.2.4"', 'gem "rake", "~> 13.0"'].join("\n");
  const gemspec = [
    "Gem::Specification.new do |s|",
    '  s.name = "demo"',
    '  s.add_dependency "rack", "~> 2.2"',
    '  s.add_dependency "rake"',
    "end",
  ].join("\n");
  const out = readWithGemspec(gemfile, gemspec);
  assert.deepEqual(
    out.components.map((c) => `${c.purl} ${c.specifier ?? "-"} ${c.scopes.join(",")}`),
    ["pkg:gem/rack ~> 2.2, >= 2.2.4 dev,runtime", "pkg:gem/rake ~> 13.0 dev,runtime"],
  );
});

// A gemspec cut short leaves its `Gem::Specification.new do |s|` (or a condition) open: a syntax
// error to Ruby, as to Bundler's `gemspec`. It was read as far as it went (exit 0).
Deno.test("readGemfileManifest: a gemspec cut short is refused; multi-line literals are one value", () => {
  const spec = [
    "Gem::Specification.new do |s|", // 1
    '  s.name = "demo"',
    '  s.version = "1.0.0"',
    "  s.description = %q{A library", // a literal's lines are no code: `for` opens no block
    "    for Rails, if you like.}",
    "  s.post_install_message = %Q{Thanks for #{s.name}", // nor is an interpolation a comment
    "    installing, if you do.}",
    '  if RUBY_VERSION < "3"', // 8
    '    s.add_dependency "racc"',
    "  end",
    '  s.add_dependency "rack", ">= 2.2.4", "< 4"',
    "end",
    "",
  ];
  const gemfile = 'source "https://rubygems.org"\ngemspec\n';
  const out = readWithGemspec(gemfile, spec.join("\n"));
  assert.equal(out.project?.purl, "pkg:gem/demo@1.0.0");
  assert.deepEqual(out.components.map((c) => c.name), ["racc", "rack"]);
  const cut = (lines: number): string => spec.slice(0, lines).join("\n") + "\n";
  assertVouchError(
    () => readWithGemspec(gemfile, cut(11)),
    "inventory.gemfile.invalid",
    /^demo\.gemspec:1: a block that is never closed with `end`/,
  );
  assertVouchError(
    () => readWithGemspec(gemfile, cut(9)),
    "inventory.gemfile.invalid",
    /^demo\.gemspec:8: a block that is never closed with `end`/,
  );
  assertVouchError(
    () => readWithGemspec(gemfile, cut(4)),
    "inventory.gemfile.invalid",
    /^demo\.gemspec:4: a string that is never closed/,
  );
});

// `ruby -c` accepts each: a post_install_message longer than 20 lines was read as code from its
// 21st (`if you …` opened a block the file never closed), and a `%{…}` one's `do` opened one.
Deno.test("readGemfileManifest: a gemspec's long or %{…} message is one value", () => {
  const gemfile = 'source "https://rubygems.org"\ngemspec\n';
  for (const [open, close] of [["%q{", "}"], ['"', '"'], ["%{", "}"]]) {
    const spec = 'Gem::Specification.new do |s|\n  s.name = "demo"\n  s.version = "1.0.0"\n' +
      `  s.post_install_message = ${open}\n${
        "  If you upgrade, do run it\n".repeat(25)
      }  ${close}\n` +
      '  s.add_dependency "rack"\nend\n';
    const out = readWithGemspec(gemfile, spec);
    assert.deepEqual(out.components.map((c) => c.name), ["rack"], open);
  }
});

Deno.test("readGemfileManifest: a gem with an empty name is refused at its line, as Bundler refuses it", () => {
  assertVouchError(
    () =>
      readGemfileManifest('source "https://rubygems.org"\n\ngem "rails"\ngem ""\n', {
        path: "Gemfile",
        load: () => undefined,
      }),
    "inventory.gemfile.invalid",
    /^Gemfile:4: a gem with an empty name$/,
  );
});

// An `=begin` without its `=end` makes the rest of the file a comment, which Ruby refuses: every
// gem after it was dropped without a word (exit 0). So did a `(` the file never closes: the
// statement joined every line after it (sidekiq lost); one in a string (`"pry(main)"`) is text.
// A NUL is where Ruby stops reading: a NUL mid-file, or a UTF-16 Gemfile without its byte-order
// mark, was read whole or as nothing, exit 0. A Gemfile cut short (in a string, after a `,`,
// inside a `group … do`) is a syntax error to Ruby too; it was read as far as it went, exit 0.
Deno.test("vouch sbom refuses every bad Gemfile: exit 2, file:line, nothing written", async () => {
  const cases = await assertSbomRefusesEvery(["ruby", "gemfile"], "inventory.gemfile.invalid");
  assert.deepEqual(cases, [
    "cut-after-comma",
    "cut-in-a-string",
    "invalid-utf8",
    "nul-mid-file",
    "unclosed-block",
    "unclosed-bracket",
    "unended-begin",
    "utf16-without-mark",
  ]);
});

// ElMassimo/vite_ruby and uproad/ethotrace without their lock: a repository of several gems whose
// Gemfile names each gemspec (`gemspec path: "vite_rails"`). Bundler's `Dsl#gemspec` adds every
// gemspec's gem and development dependencies, and the gem's runtime ones come with it; only the
// first gemspec was read, the others' dependencies (railties, spring) were missing, and the scan
// called their gemspecs files vouch has no reader for.
Deno.test("readGemfileManifest: every gemspec the Gemfile's `gemspec` calls name gives its dependencies", () => {
  const files: Record<string, string> = {
    "vite_ruby/vite_ruby.gemspec": [
      "Gem::Specification.new do |s|",
      "  s.name     = 'vite_ruby'",
      "  s.version  = ViteRuby::VERSION",
      "  s.add_dependency 'zeitwerk', '~> 2.2'",
      "  s.add_development_dependency 'm', '~> 1.5'",
      "end",
    ].join("\n"),
    "vite_rails/vite_rails.gemspec": [
      "Gem::Specification.new do |s|",
      "  s.name     = 'vite_rails'",
      "  s.version  = ViteRails::VERSION",
      "  s.add_dependency 'railties', '>= 5.1', '< 8'",
      "  s.add_dependency 'vite_ruby', ViteRuby::VERSION",
      "  s.add_development_dependency 'spring', '~> 2.1'",
      "end",
    ].join("\n"),
  };
  const gemfile = 'source "https://rubygems.org"\n\ngem "rails"\n\n' +
    'gemspec path: "./vite_ruby"\ngemspec path: "./vite_rails"\n';
  const out = readGemfileManifest(gemfile, {
    path: "Gemfile",
    load: (p) => files[p],
    files: (folder) =>
      Object.keys(files).filter((f) => posix.dirname(f) === folder).map((f) => posix.basename(f)),
  });
  assert.deepEqual(out.components.map((c) => `${c.purl} ${c.scopes.join(",")}`), [
    "pkg:gem/m dev",
    "pkg:gem/rails dev",
    "pkg:gem/railties runtime",
    "pkg:gem/spring dev",
    "pkg:gem/zeitwerk runtime",
  ]);
  assert.equal(out.project?.name, "vite_ruby");
  // vite_ruby is the project's own gem, no component: its computed requirement is no warning.
  assert.deepEqual(out.warnings, undefined);
});
