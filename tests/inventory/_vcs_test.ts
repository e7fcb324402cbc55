import assert from "node:assert/strict";
import { gitVcsUrl, npmGitVcsUrl, subPathFolder } from "../../src/inventory/_vcs.ts";
import { cpuStopwatch } from "../_util.ts";

Deno.test("gitVcsUrl: git+<url>@<revision>; scp-style locations are their ssh:// URL", () => {
  assert.equal(gitVcsUrl("https://g.com/x.git", "abc"), "git+https://g.com/x.git@abc");
  assert.equal(gitVcsUrl("git+ssh://g.com/x", undefined), "git+ssh://g.com/x");
  // git's scp-like form (a Gemfile.lock GIT remote, a composer source) is the ssh URL.
  assert.equal(
    gitVcsUrl("git@github.com:acme/private_gem.git", "abc"),
    "git+ssh://git@github.com/acme/private_gem.git@abc",
  );
  assert.equal(
    gitVcsUrl("ssh://git@g.com:2222/x.git", "abc"),
    "git+ssh://git@g.com:2222/x.git@abc",
  );
  assert.equal(gitVcsUrl("git://g.com/x.git", ""), "git+git://g.com/x.git");
});

Deno.test("gitVcsUrl: a sub-path is the SPDX #<sub_path> after the revision", () => {
  assert.equal(
    gitVcsUrl("https://g.com/x.git", "abc", { subPath: "libs/y" }),
    "git+https://g.com/x.git@abc#libs/y",
  );
  assert.equal(
    gitVcsUrl("https://g.com/x", undefined, { subPath: "./y/" }),
    "git+https://g.com/x#y",
  );
  assert.equal(gitVcsUrl("https://g.com/x", "abc", { subPath: "" }), "git+https://g.com/x@abc");
});

Deno.test("npmGitVcsUrl: the revision after @ (never #, a sub-path in SPDX), shorthands expanded, one spelling per hosted repository", () => {
  const sha = "0123456789abcdef0123456789abcdef01234567";
  const cases: [string, string][] = [
    // package-lock `resolved`, yarn classic: a remote of a public host is its https one
    [`git+ssh://git@github.com/acme/x.git#${sha}`, `git+https://github.com/acme/x.git@${sha}`],
    [`git+https://github.com/acme/x.git#${sha}`, `git+https://github.com/acme/x.git@${sha}`],
    [`git://github.com/acme/x.git#${sha}`, `git+https://github.com/acme/x.git@${sha}`],
    [`git+https://tok3n@github.com/acme/x#${sha}`, `git+https://github.com/acme/x.git@${sha}`],
    [`ssh://git@gitlab.com:22/g/sub/x.git#${sha}`, `git+https://gitlab.com/g/sub/x.git@${sha}`],
    // another host keeps its transport; a GitHub URL that is no repository is kept as written
    [`git+ssh://git@git.acme.dev/x.git#${sha}`, `git+ssh://git@git.acme.dev/x.git@${sha}`],
    // npm's scp-like path after `git+ssh://` (Bun and pnpm write it so) is a URL's path; a
    // port stays one. Was: `git+ssh://git@git.acme.dev:g/x.git@…`, no URL.
    [`git+ssh://git@git.acme.dev:g/x.git#${sha}`, `git+ssh://git@git.acme.dev/g/x.git@${sha}`],
    [`ssh://git@git.acme.dev:g/x.git`, `git+ssh://git@git.acme.dev/g/x.git`],
    [
      `git+ssh://git@git.acme.dev:2222/x.git#${sha}`,
      `git+ssh://git@git.acme.dev:2222/x.git@${sha}`,
    ],
    [
      `git+https://github.com/acme/x/tree/y.git#${sha}`,
      `git+https://github.com/acme/x/tree/y.git@${sha}`,
    ],
    [
      `git+https://github.com.evil.dev/acme/x.git#${sha}`,
      `git+https://github.com.evil.dev/acme/x.git@${sha}`,
    ],
    // Yarn Berry: `#commit=` (`#commit:` before Yarn 3), among other parameters
    [`https://github.com/acme/x.git#commit=${sha}`, `git+https://github.com/acme/x.git@${sha}`],
    [`https://github.com/acme/x.git#commit:${sha}`, `git+https://github.com/acme/x.git@${sha}`],
    [
      `git@github.com:acme/x.git#workspace=pkg&commit=${sha}`,
      `git+https://github.com/acme/x.git@${sha}`,
    ],
    // hosted shorthands (bun, pnpm, package.json)
    [`github:acme/x#${sha}`, `git+https://github.com/acme/x.git@${sha}`],
    ["gitlab:acme/x.git", "git+https://gitlab.com/acme/x.git"],
    ["bitbucket:acme/x#v1.2.0", "git+https://bitbucket.org/acme/x.git@v1.2.0"],
    // a range is no revision
    ["github:acme/x#semver:^1.2.0", "git+https://github.com/acme/x.git"],
    ["git+ssh://git@github.com/acme/x.git", "git+https://github.com/acme/x.git"],
    // a malformed %-escape is kept as written (was a URIError: an internal error)
    ["github:acme/x#v1%zz", "git+https://github.com/acme/x.git@v1%zz"],
  ];
  for (const [ref, url] of cases) assert.equal(npmGitVcsUrl(ref), url, ref);
});

// A sub-path comes from an untrusted lockfile or manifest: a long run of slashes not at its end
// took time growing with its square (`/\/+$/g`: tens of seconds at 200 KB).
Deno.test("subPathFolder: the folder without leading ./ and trailing /, in linear time", () => {
  assert.equal(subPathFolder("./libs/y/"), "libs/y");
  assert.equal(subPathFolder("//libs//"), "libs");
  assert.equal(subPathFolder("./"), "");
  assert.equal(subPathFolder("."), "");
  assert.equal(subPathFolder(undefined), "");
  const elapsed = cpuStopwatch();
  assert.equal(subPathFolder(`a${"/".repeat(200_000)}b/`), `a${"/".repeat(200_000)}b`);
  assert.ok(elapsed() < 2_000);
});
