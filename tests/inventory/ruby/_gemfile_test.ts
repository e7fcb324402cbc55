import assert from "node:assert/strict";
import { readGemfile } from "../../../src/inventory/ruby/_gemfile.ts";
import { VouchError } from "../../../src/errors.ts";
import { cpuStopwatch } from "../../_util.ts";

function groupsOf(text: string, files: Record<string, string> = {}): Record<string, string[][]> {
  const gemfile = readGemfile(text, "Gemfile", (p) => files[p]);
  return Object.fromEntries(
    [...gemfile.gems].map(([name, list]) => [name, list.map((d) => d.groups)]),
  );
}

Deno.test("readGemfile: gem declarations with their groups, in every written form", () => {
  const text = `
source "https://rubygems.org" # a comment with gem "nope"
gem "rails", "~> 7.1" # comment
gem 'puma', group: :production
gem "rspec", groups: [:development, :test]
gem "rubocop", :group => :lint
gem "yard", group: %i[docs ci]
gem "multi",
  "~> 1.0",
  group: :development
gem "tagged" # a comment with "quotes" and gem "nope"
gem "computed-#{ENV["X"]}"
gem("parens", group: "test")
group :development, :test do
  gem "debug"
end
group(:ci) do
  group("test") do
    gem "nested"
  end
end
`;
  assert.deepEqual(groupsOf(text), {
    rails: [["default"]],
    puma: [["production"]],
    rspec: [["development", "test"]],
    rubocop: [["lint"]],
    yard: [["docs", "ci"]],
    multi: [["development"]],
    tagged: [["default"]],
    parens: [["test"]],
    debug: [["development", "test"]],
    nested: [["ci", "test"]],
  });
});

// A Rails 3.2 app's `group :test do gem 'capybara', '1.1.2' end`, ChiliProject's (OpenProject's
// first) `platforms :mri_18, :mingw_18 do gem 'ruby-debug' end`: the gem in them was dropped.
Deno.test("readGemfile: a block on one line, statements separated by `;`", () => {
  const text = `source 'https://rubygems.org'

gem 'rails', '3.2.8'

group :test do gem 'capybara', '1.1.2' end

group :test do
  platforms :mri_18, :mingw_18 do gem 'ruby-debug' end
  platforms :mri_19, :mingw_19 do gem 'ruby-debug19', :require => 'ruby-debug' end
end

group :development do gem 'listen'; gem 'guard', require: "guard; do end" end
gem 'pry'; gem 'coderay'
`;
  assert.deepEqual(groupsOf(text), {
    rails: [["default"]],
    capybara: [["test"]],
    "ruby-debug": [["test"]],
    "ruby-debug19": [["test"]],
    listen: [["development"]],
    guard: [["development"]],
    pry: [["default"]],
    coderay: [["default"]],
  });
  assert.deepEqual(readGemfile(text, "Gemfile", () => undefined).notes, []);
});

// Sinatra's `when 'stable', nil then nil`, a one-line `if … then gem … end`: the gem after
// `then` or `else` was part of the condition's statement and was dropped.
Deno.test("readGemfile: a condition on one line keeps the gems after its `then` and `else`", () => {
  const text = `source "https://rubygems.org"
if ENV["A"] then gem "one" end
group :test do
  if RUBY_VERSION >= "3" then gem "two", "~> 1.0" else gem "three" end
end
case RUBY_VERSION
when /^2/ then gem "four"
else gem "five"
end
dep = case ENV["X"]
      when "stable", nil then nil
      else {:git => "x", :branch => "y"}
      end
gem "six"
`;
  assert.deepEqual(groupsOf(text), {
    one: [["default"]],
    two: [["test"]],
    three: [["test"]],
    four: [["default"]],
    five: [["default"]],
    six: [["default"]],
  });
  assert.deepEqual(
    readGemfile(text, "Gemfile", () => undefined).gems.get("two")?.[0].requirements,
    ["~> 1.0"],
  );
});

// Bundler's DSL methods take a block in braces as well as `do … end`; a `{` after `=`, `=>`,
// `->`, a keyword or `%w` is a hash, a lambda or a literal, not a block.
Deno.test("readGemfile: a block in braces, on one line or several, holds its gems", () => {
  const text = `git_source(:github) { |repo| "https://github.com/#{repo}.git" }
git_source(:bitbucket) { |name|
  name = "#{name}/#{name}" unless name.include?("/")
  "https://bitbucket.org/#{name}.git"
}
group(:test) { gem "capybara" }
group(:development) {
  gem "listen", "~> 3.0"
  platforms(:mri) { gem "byebug" }
  OPTIONS = {
    a: { b: 1 },
  }
  adapters = config.values.map {|c| c["adapter"]}.compact
  gem "web-console"
}
install_if -> { RUBY_PLATFORM =~ /darwin/ } do
  gem "rb-fsevent"
end
gem "rails"
`;
  assert.deepEqual(groupsOf(text), {
    capybara: [["test"]],
    listen: [["development"]],
    byebug: [["development"]],
    "web-console": [["development"]],
    "rb-fsevent": [["default"]],
    rails: [["default"]],
  });
});

// Ruby stops reading a file at a NUL, ^D or ^Z (its parser's end of input): blanks after one
// are nothing; a gem after one is refused, as Bundler never reads it. An `eval_gemfile`d file
// is read the same way.
Deno.test("readGemfile: a NUL, ^D or ^Z ends the file; a statement after one is refused", () => {
  for (const end of ["\0", "\x04", "\x1a"]) {
    const gemfile = readGemfile(`gem "rails"\n${end}\n  \n`, "Gemfile", () => undefined);
    assert.deepEqual([...gemfile.gems.keys()], ["rails"]);
    assert.throws(
      () => readGemfile(`gem "rails"\n\n${end}gem "puma"\n`, "Gemfile", () => undefined),
      (e: Error & { code?: string }) =>
        e.code === "inventory.gemfile.invalid" &&
        e.message.startsWith(
          `Gemfile:3: the control character U+00${
            end === "\0" ? "00" : end === "\x04" ? "04" : "1A"
          }`,
        ),
    );
  }
  assert.throws(
    () => readGemfile('eval_gemfile "other.rb"\n', "Gemfile", () => 'gem "a"\0gem "b"\n'),
    (e: Error & { code?: string }) =>
      e.code === "inventory.gemfile.invalid" && e.message.startsWith("other.rb:1: the control"),
  );
  // Only where a token may start: in a comment (the `# stub:` line RubyGems writes into an
  // installed gemspec lists its files between NULs) or after `__END__` it is text (`ruby -c`
  // accepts both).
  const commented = readGemfile(
    '# stub: ext/a/extconf.rb\0ext/b/extconf.rb\ngem "rails" # x\x04y\ngem "puma"\n__END__\n\0\x1a data\n',
    "Gemfile",
    () => undefined,
  );
  assert.deepEqual([...commented.gems.keys()], ["rails", "puma"]);
});

// Ruby reads no further than a `__END__` line; a `for` loop is a block its `end` closes (it
// closed the group around it instead). A file cut short is a syntax error, in an included
// file too, at the line that opens what is left open.
Deno.test("readGemfile: __END__ ends the file; for opens a block; a file cut short is refused", () => {
  const gemfile = readGemfile(
    `group :test do\n  for name in %w[a b]\n  end\n  gem "rspec"\nend\n__END__\ngem "data"\n`,
    "Gemfile",
    () => undefined,
  );
  assert.deepEqual([...gemfile.gems].map(([name, [d]]) => [name, d.groups]), [["rspec", ["test"]]]);
  const refused = (text: string, message: string, load = (): string | undefined => undefined) =>
    assert.throws(
      () => readGemfile(text, "Gemfile", load),
      (e: Error & { code?: string }) =>
        e.code === "inventory.gemfile.invalid" && e.message === message,
    );
  refused(
    'gem "a"\ngem "rails", "~> 7',
    "Gemfile:2: a string that is never closed (the file ends in it)",
  );
  refused(
    'gem "a"\ngem "rails", \'7.1',
    "Gemfile:2: a string that is never closed (the file ends in it)",
  );
  for (const end of ['db = ENV["DB"] ||', "x =", 'gem "a" if ENV["A"] &&', "Foo.", "x = 1 +"]) {
    refused(`gem "a"\n${end}\n`, "Gemfile:2: a statement that goes on past the end of the file");
  }
  // A literal Ruby reads whole is no open string nor operator (each Ruby's `-c` accepts).
  for (
    const end of [
      "gem 'rb-fsevent' if RUBY_PLATFORM =~ /darwin/",
      "puts /x-/",
      "X = %w[don't]",
      'puts %(he said "hi)',
      'x = ?"',
      "x = ?-",
      'puts $"',
      "send :-",
      "x = :==",
      "x = 1..",
      "foo a:", // Ruby 3.1's shorthand hash: `a: a`
      'x = "a" "b"',
      'gem "b" do end',
      "x = :a if true",
      "x = y.nil?",
      'gem "c", "1" unless ENV["X"]',
    ]
  ) readGemfile(`gem "a"\n${end}\n`, "Gemfile", () => undefined);
  // Cut inside or right after a keyword or an operator: `ruby -c` refuses each.
  for (
    const end of [
      'x = "%d" %',
      "x = a&.",
      "x = 4/",
      "x = $stderr ||",
      'gem "growl" unl', // a word right after a string: `unless` cut short
      "group :development d", // and after a symbol: `do`
      'gem("w") x',
      'gem "w" if',
      'gem "w" unless',
      'gem "w" rescue',
      "x = not",
      'x = ENV["A"] ?',
      'x = ENV["A"] ? 1 :',
      "group :",
      "gem Foo::",
    ]
  ) {
    refused(`gem "a"\n${end}\n`, "Gemfile:2: a statement that goes on past the end of the file");
  }
  refused(
    'gem "a"\ngem "rails",\n\n',
    "Gemfile:2: a statement that goes on past the end of the file",
  );
  refused(
    'group :test do\n  if ENV["CI"]\n    gem "a"\n  end\n',
    "Gemfile:1: a block that is never closed with `end` (the file ends in it)",
  );
  refused(
    'eval_gemfile "other.rb"\n',
    "other.rb:2: a block that is never closed with `end` (the file ends in it)",
    () => 'gem "a"\nplatforms :jruby do\n  gem "b"\n',
  );
  // An endless method (Ruby 3) needs no `end`; `def ==(other)` and a plain `def` do.
  const endless = readGemfile(
    'def rails_version = "7.1"\ndef self.ok?(x) = x\ngroup :test do\n  gem "rspec"\nend\n',
    "Gemfile",
    () => undefined,
  );
  assert.deepEqual([...endless.gems.keys()], ["rspec"]);
  // A `%w(…)` list's words and a keyword argument named `if` open no block.
  assert.deepEqual(
    groupsOf('X = %w(to do)\nfoo(a: 1, if: 2)\ngroup :test do\n  gem "a"\nend\ngem "b"\n'),
    { a: [["test"]], b: [["default"]] },
  );
  // A setter (`def name=(value)`) is no endless method: its `end` closes it, not the group.
  assert.deepEqual(
    groupsOf('group :test do\n  def x=(v)\n    @x = v\n  end\n  gem "a"\nend\n'),
    { a: [["test"]] },
  );
  refused(
    "def ==(other)\n  true\n",
    "Gemfile:1: a block that is never closed with `end` (the file ends in it)",
  );
  // Quotes in strings and comments, and a complete last statement, are no open string.
  readGemfile(`gem "it's" # don't\ngem 'say "hi"'\n`, "Gemfile", () => undefined);
});

// Bundler evaluates the Gemfile: a last line cut inside a word leaves a name nothing defines
// (its DSL's method_missing: "Undefined local variable or method"), a method without the
// arguments or the block it requires, or the start of a Ruby constant. Each case is what Ruby
// 3.1's `ruby -c` accepts and Bundler 2.3's `Bundler::Dsl#eval_gemfile` refuses; the others are
// what both accept.
Deno.test("readGemfile: a last statement Bundler fails on (a word cut short) is refused", () => {
  const read = (end: string) => readGemfile(`gem "rails"\n${end}\n`, "Gemfile", () => undefined);
  for (
    const end of [
      "gr",
      "sou",
      "w",
      "gem",
      'gem "x", require: fal',
      "group :doc, o",
      "group :doc, optional:",
      "group :test",
      "platforms :mri",
      'env "X"',
      "git_source(:github)",
      'gem "w" if RUBY_PLA',
      "x = F",
      'gem "growl" unless `',
      'require "./gemfile_helper"\ngr', // loaded code defines no DSL method's start
      'gem "a", require: {', // a hash's `{` never closed
      "x = <<~EOS\n  hello", // a heredoc never closed
    ]
  ) {
    assert.throws(
      () => read(end),
      (e: Error & { code?: string }) =>
        e.code === "inventory.gemfile.invalid" && /^Gemfile:[23]: /.test(e.message),
      end,
    );
  }
  for (
    const end of [
      "gemspec",
      'gem "x", require: false',
      "p",
      'path "vendor"',
      'x = "1.0"\ngem "a", x',
      "def helper; end\nhelper",
      'gem "w" if RUBY_PLATFORM',
      'group :test do gem "c" end',
      'require "./gemfile_helper"\nhelper_gems', // code loaded may define any name
      'eval_gemfile "Gemfile.local"\nlocal_gems',
      'version ||= ENV["V"]\ngem "a", version', // `||=` defines the name
      'gem "a", path: __FILE__',
      "ruby", // Bundler's `ruby` takes no version, `plugin` nothing
      "plugin",
      'git = "https://example.com/a.git"', // an assignment, no call of `git`
      "group ||= :test",
    ]
  ) read(end);
});

// Ruby reads a string to its end, whatever lines it spans: one longer than the 20 lines a
// statement may be continued on was read as code from its 21st line (`if you …` opened a block,
// its closing quote a string never closed). A `%{…}` literal is one too (its `do` opened a block).
Deno.test("readGemfile: a string of many lines, or a %{…} literal, is one statement", () => {
  const text = (open: string, close: string): string =>
    `gem "a"\nwarn ${open}Upgrading?\n${"  if you do, run the migration\n".repeat(30)}${close}\n` +
    'gem "b"\n';
  for (const [open, close] of [['"', '"'], ["'", "'"], ["%q{", "}"], ["%Q(", ")"], ["%{", "}"]]) {
    const out = readGemfile(text(open, close), "Gemfile", () => undefined);
    assert.deepEqual([...out.gems.keys()], ["a", "b"], open);
  }
  const percent = readGemfile(
    'warn %{Please do\n  if you like}\ngem "c"\n',
    "Gemfile",
    () => undefined,
  );
  assert.deepEqual([...percent.gems.keys()], ["c"]);
});

// A regex's words (`/do$/`) opened a block, its quote (`/'|"/`) a string that swallowed the
// lines after it, and a string continued by `\` at a line's end never closed: each valid file
// (`ruby -c`) was refused.
Deno.test("readGemfile: a regex and a string continued by a backslash are one value each", () => {
  const text = [
    'name = ENV.fetch("N", "x").gsub(/\'|"/, "") #\'',
    'files = Dir["*"].reject { |f| f =~ /do$/ || f.match(/(end|then)\\//) }',
    "x = 10 / 2 / 5",
    'note = "\\',
    'lib = #{[1, 2].join(" ")}',
    '"',
    "group :test do",
    '  gem "rspec"',
    "end",
    'gem "rails"',
    "",
  ].join("\n");
  assert.deepEqual(groupsOf(text), { rspec: [["test"]], rails: [["default"]] });
});

// A heredoc's text ("Please do …", "The end") opened and closed blocks, and a `gem` line in it
// or in an `=begin` comment was a gem Bundler never sees.
Deno.test("readGemfile: a heredoc's body and an =begin comment are not statements", () => {
  const text = `source "https://rubygems.org"
=begin
gem "commented-out"
group :test do
=end
group :development do
  unless ENV["QUIET"]
    warn <<~MSG
      Please do the following
      and then run it again. The end
    MSG
  end
  gem "listen"
end
TEMPLATE = <<-'RUBY'
  gem "in-a-heredoc"
  RUBY
gem "rails", <<~V.strip
  ~> 7.1
V
puts <<eos
gem "in-a-lowercase-heredoc"
eos
gem "puma"
`;
  const gemfile = readGemfile(text, "Gemfile", () => undefined);
  assert.deepEqual(groupsOf(text), {
    listen: [["development"]],
    rails: [["default"]],
    puma: [["default"]],
  });
  assert.equal(gemfile.gems.get("rails")?.[0].computed, true);
  assert.equal(gemfile.gems.get("puma")?.[0].where, "Gemfile:24");
});

Deno.test("readGemfile: heredocs that end nowhere are refused, in time linear in the file", () => {
  // Ruby: "can't find string "A" anywhere before EOF" (a file cut inside a heredoc).
  const elapsed = cpuStopwatch();
  assert.throws(
    () => readGemfile("x = <<~A\n".repeat(40_000) + 'gem "after"\n', "Gemfile", () => undefined),
    (e: Error & { code?: string }) =>
      e.code === "inventory.gemfile.invalid" &&
      e.message === "Gemfile:1: a heredoc that is never closed (the file ends in it)",
  );
  assert.ok(elapsed() < 4_000, "too slow");
  // A bare `<<A` may be a shift (`list <<A`): no refusal without its end.
  const shift = readGemfile('x <<A\ngem "after"\n', "Gemfile", () => undefined);
  assert.deepEqual([...shift.gems.keys()], ["after"]);
});

// A multi-line call whose last argument has a trailing comma (`gem("x",\n  "~> 2.0",\n)`)
// read as a computed requirement: the SBOM gave none.
Deno.test("readGemfile: a trailing comma before the closing parenthesis ends the arguments", () => {
  const text = 'gem(\n  "rails",\n  "~> 7.1",\n  ">= 7.1.2",\n)\ngem("puma", "~> 6.0", )\n';
  const gemfile = readGemfile(text, "Gemfile", () => undefined);
  assert.deepEqual(
    [...gemfile.gems].map(([name, [d]]) => [name, d.requirements, d.computed]),
    [["rails", ["~> 7.1", ">= 7.1.2"], undefined], ["puma", ["~> 6.0"], undefined]],
  );
});

Deno.test("readGemfile: every `gemspec` call, with the groups of its development dependencies", () => {
  const text = `
gemspec path: "./vite_ruby"
group :tools do
  gemspec path: "./vite_rails", development_group: :test
end
gemspec name: "x", :development_group => "ci"
gemspec path: File.expand_path("..", __dir__), development_group: GROUP
`;
  assert.deepEqual(readGemfile(text, "Gemfile", () => undefined).gemspecs, [
    { path: "./vite_ruby", developmentGroups: ["development"], where: "Gemfile:2" },
    { path: "./vite_rails", developmentGroups: ["tools", "test"], where: "Gemfile:4" },
    { name: "x", developmentGroups: ["ci"], where: "Gemfile:6" },
    { computed: true, where: "Gemfile:7" },
  ]);
});

Deno.test("readGemfile: nested and optional groups, gemspec, repeated declarations", () => {
  const text = `
gemspec
group :development do
  gem "listen"
  group :test do
    gem "capybara"
  end
end
group :docs, optional: true do
  gem "yard"
end
gem "listen", platforms: :mri
`;
  const gemfile = readGemfile(text, "Gemfile", () => undefined);
  assert.deepEqual(gemfile.gemspecs, [{ developmentGroups: ["development"], where: "Gemfile:2" }]);
  assert.deepEqual([...gemfile.optionalGroups], ["docs"]);
  assert.deepEqual(groupsOf(text), {
    listen: [["development"], ["default"]],
    capybara: [["development", "test"]],
    yard: [["docs"]],
  });
  assert.deepEqual(gemfile.notes, []);
});

Deno.test("readGemfile: a block that declares no gem is not noted; one whose eval_gemfile does is", () => {
  const text =
    'plugins = %w[a b].map { |c| "x-#{c}" }\nif ENV["EXTRA"]\n  eval_gemfile "extra.rb"\nend\n' +
    'gem "rails"\n';
  const gemfile = readGemfile(
    text,
    "Gemfile",
    (p) => (p === "extra.rb" ? 'gem "pry"\n' : undefined),
  );
  assert.deepEqual([...gemfile.gems.keys()], ["pry", "rails"]);
  assert.deepEqual(gemfile.notes, [
    "Gemfile:2: a condition is not evaluated; the gems in it keep the groups around it",
  ]);
});

// A block or condition is said to be not evaluated once a gem in it is read: the `case` of line
// 18 declares none (nor does `plugins = list.map { … }`), and its note was noise.
Deno.test("readGemfile: what is not evaluated is said, and keeps the groups around it", () => {
  const text = `
def if_true(condition, &block)
  if condition
    yield
  else
    platform :ruby_18, &block
  end
  gem "never-declared"
end
group :development do
  if_true(ENV["SPRING"]) do
    gem "spring"
  end
end
if ENV["PG"]
  gem "pg"
end
adapter = case ENV["DB"]
  when "pg" then "pg"
  else "mysql2"
end
gem "late"
Helper.each_gem(ENV["EXTRA"]) do |args|
  gem(*args)
end
gem "cond" if RUBY_VERSION >= "3"
platforms :jruby do
  gem "jruby-openssl"
end
`;
  const gemfile = readGemfile(text, "Gemfile", () => undefined);
  assert.deepEqual(groupsOf(text), {
    spring: [["development"]],
    pg: [["default"]],
    late: [["default"]],
    cond: [["default"]],
    "jruby-openssl": [["default"]],
  });
  assert.deepEqual(gemfile.notes, [
    "Gemfile:11: the `if_true` block is not evaluated; its gems keep the groups around it",
    "Gemfile:15: a condition is not evaluated; the gems in it keep the groups around it",
    "Gemfile:23: the `Helper.each_gem` block is not evaluated; its gems keep the groups around it",
    "Gemfile:24: a `gem` call with a computed name is not read",
    'Gemfile:26: the condition on gem "cond" is not evaluated',
  ]);
});

Deno.test("readGemfile: eval_gemfile is read in place, once; a missing one is a note", () => {
  const files = {
    "Gemfile.common": 'gem "shared"\neval_gemfile "Gemfile"\neval_gemfile "Gemfile.common"\n',
  };
  const text =
    'group :test do\n  eval_gemfile "Gemfile.common"\nend\neval_gemfile "Gemfile.local"\n';
  const gemfile = readGemfile(text, "Gemfile", (p) => files[p as keyof typeof files]);
  assert.deepEqual(groupsOf(text, files), { shared: [["test"]] });
  assert.deepEqual(gemfile.notes, [
    "Gemfile.common:2: an `eval_gemfile` that cannot be read is skipped",
    "Gemfile.common:3: an `eval_gemfile` that cannot be read is skipped",
    "Gemfile:4: an `eval_gemfile` that cannot be read is skipped",
  ]);
});

Deno.test("readGemfile: a stray bracket does not swallow the rest of the file", () => {
  const text = 'x = foo("(" \n' + "\n".repeat(25) + 'gem "after"\n';
  assert.deepEqual(groupsOf(text), { after: [["default"]] });
});

Deno.test("readGemfile: a file eval_gemfile'd again in the same groups is not read again (a diamond hung vouch); in other groups it is", () => {
  // Each file evaluates the next one four times: evaluated each time, the last is read 4^6 times.
  const files: Record<string, string> = { "g6.rb": "gem 'rake'\n" };
  for (let i = 0; i < 6; i++) files[`g${i}.rb`] = `eval_gemfile 'g${i + 1}.rb'\n`.repeat(4);
  let loads = 0;
  const gemfile = readGemfile(
    "eval_gemfile 'g0.rb'\ngroup :test do\n  eval_gemfile 'g6.rb'\nend\n",
    "Gemfile",
    (p) => {
      loads++;
      return files[p];
    },
  );
  assert.ok(loads <= 4 * 7 + 1, `${loads} loads`);
  assert.deepEqual(gemfile.gems.get("rake")?.map((d) => d.groups), [["default"], ["test"]]);
});

Deno.test("readGemfile: a gem declared 26,000 times takes time linear in the file (each declaration copied the list: 13 s)", () => {
  const elapsed = cpuStopwatch();
  const gemfile = readGemfile('gem "a"\n'.repeat(26_000), "Gemfile", () => undefined);
  assert.ok(elapsed() < 4_000, "too slow");
  assert.equal(gemfile.gems.get("a")?.length, 26_000);
});

Deno.test("readGemfile: a long run of spaces where a gem name may start takes time linear in it (a `gem` and 200 KB of spaces took 18 s)", () => {
  const elapsed = cpuStopwatch();
  const gemfile = readGemfile(
    `gem${" ".repeat(200_000)}x\ngem "after"\n`,
    "Gemfile",
    () => undefined,
  );
  assert.ok(elapsed() < 4_000, "too slow");
  assert.deepEqual([...gemfile.gems.keys()], ["after"]);
});

Deno.test("readGemfile: a %i[] of 200,000 group names is read (spread into push, it overflowed the stack: exit 3)", () => {
  const gemfile = readGemfile(
    `group %i[${"a ".repeat(200_000)}] do\n  gem "x"\nend\n`,
    "Gemfile",
    () => undefined,
  );
  assert.deepEqual(gemfile.gems.get("x")?.[0].groups, ["a"]);
});

// A group of thousands of names around thousands of gems listed every name for every gem:
// a 64 KB Gemfile took 13 s and 2 GB, then exit 3 writing the SBOM.
Deno.test("readGemfile: a gem keeps at most 16 distinct groups, around it and its own; a note says so", () => {
  const names = Array.from({ length: 3_000 }, (_, i) => `g${i}`);
  const gems = Array.from({ length: 3_000 }, (_, i) => `  gem "x${i}"`).join("\n");
  const gemfile = readGemfile(
    `group %i[${names.join(" ")}] do\n${gems}\n  gem "y", group: :extra\nend\n` +
      'group :development, :test, :development do\n  gem "z"\nend\n',
    "Gemfile",
    () => undefined,
  );
  assert.deepEqual(gemfile.gems.get("x2999")?.[0].groups, names.slice(0, 16));
  assert.deepEqual(gemfile.gems.get("y")?.[0].groups, names.slice(0, 16));
  assert.deepEqual(gemfile.gems.get("z")?.[0].groups, ["development", "test"]);
  assert.deepEqual(gemfile.notes, [
    "Gemfile:1: more than 16 groups: the first 16 are kept",
    "Gemfile:3002: more than 16 groups: the first 16 are kept",
  ]);
});

// Each took time quadratic in the file (a 1 MB Gemfile: minutes).
Deno.test("readGemfile: hostile Gemfiles take time linear in them", async (t) => {
  // The count of gem "a" read, or 0: the file is refused, as Ruby refuses it.
  const cases: [string, string, number][] = [
    // gems in 40,000 nested blocks: each gem walked every block around it
    [
      "nested blocks",
      "foo do\n".repeat(40_000) + 'gem "a"\n'.repeat(40_000) + "end\n".repeat(40_000),
      40_000,
    ],
    // heredocs of 40,000 names, none ended: each searched the rest of the file (refused now, as
    // Ruby refuses a heredoc without its end)
    [
      "unended heredocs",
      Array.from({ length: 40_000 }, (_, i) => `x = <<~A${i}\n`).join("") + 'gem "a"\n',
      0,
    ],
    // 200 KB of spaces after a method's name: each split of them tried as an endless method's
    ["spaces after a def's name", `def x${" ".repeat(200_000)}y\nend\ngem "a"\n`, 1],
    // a last statement of 50,000 literals of every kind and 200 KB of spaces after a word
    [
      "literals in the last statement",
      `gem "a"\nx = ${"/a/ + %w[b] + ?c + :d + $e + 'f' + ".repeat(50_000)}y${
        " ".repeat(200_000)
      }z\n`,
      1,
    ],
    // 60,000 `%w<` that never close: each searched to the end of the line (the list goes on to
    // the end of the file: "unterminated list meets end of file")
    ["unclosed %w lists", `x = ${"%w<".repeat(60_000)}\ngem "a"\n`, 0],
    // one statement of 40,000 lines of strings (`"a\n" + "b\n" + …`): each line joined read the
    // whole statement again (minutes); past 1,000 lines of text its lines are read as code
    ["a statement of 40,000 string lines", `x = "a\n${'" + "b\n'.repeat(40_000)}"\ngem "a"\n`, 0],
    // 200 KB of spaces after a gem's arguments
    ["spaces after the arguments", `gem "a", "1"${" ".repeat(200_000)}if x\n`, 1],
    // 40,000 `group: [` or `%i[`, closed only after all of them: each searched to the end of
    // the line (one never closed is a syntax error, refused: see statements)
    ["unclosed group lists", `gem "a", ${"group: [".repeat(40_000)}\n${"]".repeat(40_000)}\n`, 1],
    [
      "unclosed %i lists",
      `group ${"%i[".repeat(60_000)}${"]".repeat(60_000)} do\ngem "a"\nend\n`,
      1,
    ],
    // 10,000 git_sources: a pattern of every name built for each and tried on each gem
    [
      "many git_sources",
      Array.from({ length: 10_000 }, (_, i) => `git_source(:s${i}) { |r| r }\n`).join("") +
      Array.from({ length: 10_000 }, (_, i) => `gem "a", s${i}: "o/r"\n`).join(""),
      10_000,
    ],
  ];
  for (const [what, text, count] of cases) {
    await t.step(what, () => {
      const elapsed = cpuStopwatch();
      let read = 0;
      try {
        read = readGemfile(text, "Gemfile", () => undefined).gems.get("a")?.length ?? -1;
      } catch (error) {
        if (!(error instanceof VouchError) || error.code !== "inventory.gemfile.invalid") {
          throw error;
        }
      }
      assert.ok(elapsed() < 3_000, `too slow: ${elapsed()} ms`);
      assert.equal(read, count);
    });
  }
});
// Ruby reads a pattern (`=~ /darwin/`), a percent literal (`%q(it's)`, `%r{…}`) and a string
// that goes on to the next line as one value each: a Gemfile ending in `… =~ /darwin/` was
// refused as going on past its end (the closing `/` read as a division), a string's line
// starting `for …` as a block never closed, `"Hello, if …"` as a condition. A file Ruby
// refuses, cut inside a pattern or string, still is.
Deno.test("readGemfile: a pattern, a percent literal, a string over lines are one value", () => {
  const text = `source "https://rubygems.org"

gemspec

group :development do
  gem "guard-rspec"
  gem "rb-inotify" unless \`uname\` =~ %r{Darwin}
end

warn "Tests need a database:
  for example PostgreSQL, if you run them all" if ENV["CI"]
jobs = ENV.fetch("JOBS", "4").to_i
size = jobs /2
gem "growl", require: %q(growl's)
gem "rb-fsevent" if RUBY_PLATFORM =~ /darwin/
`;
  const gemfile = readGemfile(text, "Gemfile", () => undefined);
  assert.deepEqual([...gemfile.gems.keys()], ["guard-rspec", "rb-inotify", "growl", "rb-fsevent"]);
  assert.deepEqual(gemfile.gems.get("rb-fsevent")?.[0].where, "Gemfile:15");
  for (
    const [cut, line] of [['gem "b" if RUBY_PLATFORM =~ /darw', 2], ['warn "Tests need\n  for', 2]]
  ) {
    assert.throws(
      () => readGemfile(`gem "a"\n${cut}\n`, "Gemfile", () => undefined),
      (e: Error & { code?: string }) =>
        e.code === "inventory.gemfile.invalid" &&
        e.message === `Gemfile:${line}: a string that is never closed (the file ends in it)`,
    );
  }
});
