import assert from "node:assert/strict";
import { join } from "node:path";
import { normalizeRemoteUrl, readGitCheckout } from "../../src/provenance/git.ts";

// The tests build real repositories with the git CLI (the product reads .git itself).
const GIT_ENV: Record<string, string> = {
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_SYSTEM: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Vouch Test",
  GIT_AUTHOR_EMAIL: "test@vouch.invalid",
  GIT_COMMITTER_NAME: "Vouch Test",
  GIT_COMMITTER_EMAIL: "test@vouch.invalid",
  GIT_TERMINAL_PROMPT: "0",
};

async function git(cwd: string, ...args: string[]): Promise<string> {
  const out = await new Deno.Command("git", {
    args: [
      "-c",
      "init.defaultBranch=main",
      "-c",
      "commit.gpgSign=false",
      "-c",
      "tag.gpgSign=false",
      ...args,
    ],
    cwd,
    env: GIT_ENV,
  }).output();
  const dec = new TextDecoder();
  assert.equal(out.code, 0, `git ${args.join(" ")}: ${dec.decode(out.stderr)}`);
  return dec.decode(out.stdout).trim();
}

async function commit(cwd: string, message: string): Promise<string> {
  await Deno.writeTextFile(join(cwd, "file.txt"), `${message}\n`, { append: true });
  await git(cwd, "add", "file.txt");
  await git(cwd, "commit", "-q", "-m", message);
  return await git(cwd, "rev-parse", "HEAD");
}

async function withRepo(
  fn: (dir: string) => Promise<void>,
  initArgs: string[] = [],
): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "vouch-git-" });
  try {
    await git(dir, "init", "-q", ...initArgs);
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("readGitCheckout: HEAD commit and branch ref equal git rev-parse", async () => {
  await withRepo(async (dir) => {
    await commit(dir, "one");
    await commit(dir, "two");
    const got = await readGitCheckout(dir);
    assert.equal(got.commit, await git(dir, "rev-parse", "HEAD"));
    assert.equal(got.ref, await git(dir, "symbolic-ref", "HEAD"));
    assert.equal(got.ref, "refs/heads/main");
    assert.equal(got.tag, undefined);
    assert.equal(got.remoteUrl, undefined);
    await git(dir, "switch", "-q", "-c", "feature/x");
    const head = await commit(dir, "three");
    const feature = await readGitCheckout(dir);
    assert.equal(feature.ref, "refs/heads/feature/x");
    assert.equal(feature.commit, head);
  });
});

Deno.test("readGitCheckout: an empty repository has a ref but no commit", async () => {
  await withRepo(async (dir) => {
    const got = await readGitCheckout(dir);
    assert.equal(got.ref, "refs/heads/main");
    assert.equal(got.commit, undefined);
    assert.equal(got.tag, undefined);
  });
});

for (const packed of [false, true]) {
  const how = packed ? "packed refs" : "loose refs";

  Deno.test(`readGitCheckout: lightweight tag at HEAD (${how})`, async () => {
    await withRepo(async (dir) => {
      await commit(dir, "one");
      await git(dir, "tag", "v0.9.0"); // an older tag, not at HEAD in the end
      const head = await commit(dir, "two");
      await git(dir, "tag", "v1.0.0");
      if (packed) {
        await git(dir, "pack-refs", "--all");
        assert.ok(!(await exists(join(dir, ".git/refs/tags/v1.0.0"))));
        assert.ok(!(await exists(join(dir, ".git/refs/heads/main"))));
      }
      const got = await readGitCheckout(dir);
      assert.equal(got.commit, head);
      assert.equal(got.ref, "refs/heads/main");
      assert.equal(got.tag, "v1.0.0");
    });
  });

  Deno.test(`readGitCheckout: annotated tag at HEAD is peeled to its commit (${how})`, async () => {
    await withRepo(async (dir) => {
      await commit(dir, "one");
      await git(dir, "tag", "-a", "-m", "old release", "v0.1.0");
      const head = await commit(dir, "two");
      await git(dir, "tag", "-a", "-m", "release", "v2.0.0");
      const tagObject = await git(dir, "rev-parse", "refs/tags/v2.0.0");
      assert.notEqual(tagObject, head); // really an annotated tag object
      if (packed) await git(dir, "pack-refs", "--all");
      const got = await readGitCheckout(dir);
      assert.equal(got.commit, head);
      assert.equal(got.tag, "v2.0.0");
    });
  });

  Deno.test(`readGitCheckout: several tags at HEAD give the highest (${how})`, async () => {
    await withRepo(async (dir) => {
      await commit(dir, "one");
      await git(dir, "tag", "-a", "-m", "a", "v1.0.0");
      await git(dir, "tag", "v1.0.1");
      await git(dir, "tag", "-a", "-m", "b", "v1.0.2");
      if (packed) await git(dir, "pack-refs", "--all");
      assert.equal((await readGitCheckout(dir)).tag, "v1.0.2");
    });
  });

  Deno.test(`readGitCheckout: tags on other commits are not reported (${how})`, async () => {
    await withRepo(async (dir) => {
      await commit(dir, "one");
      await git(dir, "tag", "light-old");
      await git(dir, "tag", "-a", "-m", "x", "annotated-old");
      await commit(dir, "two");
      if (packed) await git(dir, "pack-refs", "--all");
      assert.equal((await readGitCheckout(dir)).tag, undefined);
    });
  });
}

// KNOWN BUG (fails until src/provenance/git.ts can read packed objects): after
// `git fetch --tags` the tag refs are loose while the tag objects arrive in a
// pack file, so the annotated tag cannot be peeled and is not found.
Deno.test("readGitCheckout: annotated tag with a loose ref and a packed tag object", async () => {
  await withRepo(async (dir) => {
    const head = await commit(dir, "one");
    await git(dir, "tag", "-a", "-m", "release", "v3.0.0");
    await git(dir, "repack", "-q", "-a", "-d");
    await git(dir, "prune-packed");
    assert.ok(await exists(join(dir, ".git/refs/tags/v3.0.0"))); // ref still loose
    const tagObject = await git(dir, "rev-parse", "refs/tags/v3.0.0");
    assert.ok(
      !(await exists(join(dir, ".git/objects", tagObject.slice(0, 2), tagObject.slice(2)))),
    );
    const got = await readGitCheckout(dir);
    assert.equal(got.commit, head);
    assert.equal(got.tag, "v3.0.0");
  });
});

Deno.test("readGitCheckout: a loose tag overrides a stale packed one", async () => {
  await withRepo(async (dir) => {
    await commit(dir, "one");
    await git(dir, "tag", "moving");
    await git(dir, "pack-refs", "--all");
    const head = await commit(dir, "two");
    await git(dir, "tag", "-f", "moving"); // now a loose ref at HEAD, packed one stale
    const got = await readGitCheckout(dir);
    assert.equal(got.commit, head);
    assert.equal(got.tag, "moving");
  });
});

Deno.test("readGitCheckout: detached HEAD has a commit and no ref", async () => {
  await withRepo(async (dir) => {
    const first = await commit(dir, "one");
    await git(dir, "tag", "v1");
    await commit(dir, "two");
    await git(dir, "switch", "-q", "--detach", first);
    const got = await readGitCheckout(dir);
    assert.equal(got.commit, first);
    assert.equal(got.commit, await git(dir, "rev-parse", "HEAD"));
    assert.equal(got.ref, undefined);
    assert.equal(got.tag, "v1");
  });
});

Deno.test("readGitCheckout: a worktree, whose .git is a file", async () => {
  await withRepo(async (dir) => {
    const main = join(dir, "main");
    await Deno.mkdir(main);
    await git(main, "init", "-q");
    await git(main, "remote", "add", "origin", "git@github.com:octo/worktree.git");
    const mainHead = await commit(main, "one");
    const wt = join(dir, "wt");
    await git(main, "worktree", "add", "-q", "-b", "side", wt);
    assert.ok((await Deno.lstat(join(wt, ".git"))).isFile);
    const wtHead = await commit(wt, "side work");
    await git(wt, "tag", "side-tag");
    assert.notEqual(wtHead, mainHead);
    const got = await readGitCheckout(wt);
    assert.equal(got.commit, wtHead);
    assert.equal(got.commit, await git(wt, "rev-parse", "HEAD"));
    assert.equal(got.ref, "refs/heads/side");
    assert.equal(got.tag, "side-tag");
    assert.equal(got.remoteUrl, "https://github.com/octo/worktree");
    // The main checkout is unaffected.
    const fromMain = await readGitCheckout(main);
    assert.equal(fromMain.commit, mainHead);
    assert.equal(fromMain.ref, "refs/heads/main");
    assert.equal(fromMain.tag, undefined);
    // A subfolder of the worktree walks up to its .git file.
    await Deno.mkdir(join(wt, "pkg/sub"), { recursive: true });
    assert.equal((await readGitCheckout(join(wt, "pkg/sub"))).commit, wtHead);
  });
});

Deno.test("readGitCheckout: origin URL is read and normalized", async () => {
  const cases: [string, string][] = [
    ["git@github.com:o/r.git", "https://github.com/o/r"],
    ["ssh://git@host.example:22/o/r.git", "https://host.example/o/r"],
    ["https://user:s3cret@github.com/o/r.git", "https://github.com/o/r"],
    ["https://github.com/o/r", "https://github.com/o/r"],
  ];
  for (const [url, want] of cases) {
    await withRepo(async (dir) => {
      await commit(dir, "one");
      await git(dir, "remote", "add", "upstream", "https://other.example/not/this.git");
      await git(dir, "remote", "add", "origin", url);
      const got = await readGitCheckout(dir);
      assert.equal(got.remoteUrl, want, url);
    });
  }
});

Deno.test("readGitCheckout: only the origin remote counts", async () => {
  await withRepo(async (dir) => {
    await commit(dir, "one");
    await git(dir, "remote", "add", "upstream", "https://other.example/o/r.git");
    assert.equal((await readGitCheckout(dir)).remoteUrl, undefined);
  });
});

Deno.test("readGitCheckout: reading from a subfolder walks up to the repository", async () => {
  await withRepo(async (dir) => {
    const head = await commit(dir, "one");
    await git(dir, "tag", "v5");
    const sub = join(dir, "a/b/c");
    await Deno.mkdir(sub, { recursive: true });
    const got = await readGitCheckout(sub);
    assert.deepEqual(got, { commit: head, ref: "refs/heads/main", tag: "v5" });
  });
});

Deno.test("readGitCheckout: SHA-256 repositories give 64-hex commits", async () => {
  await withRepo(async (dir) => {
    const head = await commit(dir, "one");
    await git(dir, "tag", "-a", "-m", "x", "v1");
    assert.equal(head.length, 64);
    const got = await readGitCheckout(dir);
    assert.equal(got.commit, head);
    assert.equal(got.tag, "v1");
  }, ["--object-format=sha256"]);
});

Deno.test("readGitCheckout: no repository gives {}", async () => {
  const dir = await Deno.makeTempDir({ prefix: "vouch-nogit-" });
  try {
    const probe = await new Deno.Command("git", {
      args: ["rev-parse", "--git-dir"],
      cwd: dir,
      env: GIT_ENV,
      stderr: "null",
      stdout: "null",
    }).output();
    if (probe.code === 0) {
      console.log(`skipping the no-repository case: the temp dir ${dir} is inside a git checkout`);
      return;
    }
    assert.deepEqual(await readGitCheckout(dir), {});
    assert.deepEqual(await readGitCheckout(join(dir, "does/not/exist")), {});
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("normalizeRemoteUrl: SSH forms become https, credentials are removed", () => {
  const cases: [string, string][] = [
    ["git@github.com:o/r.git", "https://github.com/o/r"],
    ["git@github.com:o/r", "https://github.com/o/r"],
    ["git@gitlab.example.com:group/sub/r.git", "https://gitlab.example.com/group/sub/r"],
    ["ssh://git@host:22/o/r.git", "https://host/o/r"],
    ["ssh://git@host/o/r.git", "https://host/o/r"],
    ["ssh://host.example/o/r/", "https://host.example/o/r"],
    ["https://user:token@github.com/o/r.git", "https://github.com/o/r"],
    ["https://token@github.com/o/r", "https://github.com/o/r"],
    ["https://github.com/o/r.git/", "https://github.com/o/r"],
    ["https://github.com/o/r", "https://github.com/o/r"],
  ];
  for (const [url, want] of cases) assert.equal(normalizeRemoteUrl(url), want, url);
  for (const url of ["https://user:token@github.com/o/r.git", "https://token@github.com/o/r"]) {
    assert.ok(!normalizeRemoteUrl(url).includes("token"), url);
  }
});
