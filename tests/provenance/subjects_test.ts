import assert from "node:assert/strict";
import { join } from "node:path";
import { VouchError } from "../../src/errors.ts";
import {
  expandSubjects,
  hashFile,
  hashSubjects,
  shortSubjectNames,
} from "../../src/provenance/subjects.ts";

const MIB = 1024 * 1024;

async function withTempDir(fn: (dir: string) => Promise<void> | void): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "vouch-subjects-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function write(dir: string, name: string, data: string | Uint8Array = name): Promise<string> {
  const path = join(dir, name);
  await Deno.mkdir(join(path, ".."), { recursive: true });
  if (typeof data === "string") await Deno.writeTextFile(path, data);
  else await Deno.writeFile(path, data);
  return path;
}

/** The digest GNU `sha256sum` prints for a file. */
async function sha256sum(path: string): Promise<string> {
  const out = await new Deno.Command("sha256sum", { args: [path] }).output();
  assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
  return new TextDecoder().decode(out.stdout).split(" ")[0];
}

function randomBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(bytes.subarray(i, i + 65536));
  return bytes;
}

function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VouchError, `expected a VouchError, got ${e}`);
    assert.equal(e.code, code);
    assert.ok(e.message.length > 0 && e.hint.length > 0);
    return true;
  });
}

Deno.test("expandSubjects: literal paths become root-relative, /-separated names", async () => {
  await withTempDir(async (root) => {
    const a = await write(root, "dist/app.tar.gz");
    const b = await write(root, "checksums.txt");
    const got = expandSubjects(["dist/app.tar.gz", "./checksums.txt"], { root });
    assert.deepEqual(got, [
      { name: "checksums.txt", path: b },
      { name: "dist/app.tar.gz", path: a },
    ]);
  });
});

Deno.test("expandSubjects: a backslash or a newline in a POSIX file name is kept", async () => {
  if (Deno.build.os === "windows") return;
  await withTempDir(async (root) => {
    const a = await write(root, "dist/back\\slash.bin");
    const b = await write(root, "dist/new\nline.bin");
    assert.deepEqual(expandSubjects(["dist/*"], { root }), [
      { name: "dist/back\\slash.bin", path: a },
      { name: "dist/new\nline.bin", path: b },
    ]);
  });
});

Deno.test("shortSubjectNames: file names when unique, relative paths when shared, sorted", () => {
  const subjects = [
    { name: "dist/linux/app", path: "/p/dist/linux/app" },
    { name: "dist/mac/app", path: "/p/dist/mac/app" },
    { name: "dist/zz.whl", path: "/p/dist/zz.whl" },
    { name: "b.tar.gz", path: "/elsewhere/b.tar.gz" },
    { name: "dist/a\\b", path: "/p/dist/a\\b" },
  ];
  assert.deepEqual(shortSubjectNames(subjects).map((s) => [s.name, s.path]), [
    ["a\\b", "/p/dist/a\\b"],
    ["b.tar.gz", "/elsewhere/b.tar.gz"],
    ["dist/linux/app", "/p/dist/linux/app"],
    ["dist/mac/app", "/p/dist/mac/app"],
    ["zz.whl", "/p/dist/zz.whl"],
  ]);
  // A subject outside the root (already a file name) beside one inside with that file name.
  const mixed = [{ name: "x.bin", path: "/out/x.bin" }, {
    name: "dist/x.bin",
    path: "/p/dist/x.bin",
  }];
  assert.deepEqual(shortSubjectNames(mixed).map((s) => s.name), ["dist/x.bin", "x.bin"]);
  assert.deepEqual(shortSubjectNames([]), []);
});

Deno.test("expandSubjects: an absolute path inside the root is named relative to it", async () => {
  await withTempDir(async (root) => {
    const a = await write(root, "dist/app.bin");
    assert.deepEqual(expandSubjects([a], { root }), [{ name: "dist/app.bin", path: a }]);
  });
});

Deno.test("expandSubjects: globs are expanded and the result sorted by name", async () => {
  await withTempDir(async (root) => {
    for (const n of ["dist/zeta.bin", "dist/alpha.bin", "dist/Mid.bin", "dist/sub/deep.bin"]) {
      await write(root, n);
    }
    await write(root, "dist/readme.txt");
    await Deno.mkdir(join(root, "dist/folder.bin"));
    const got = expandSubjects(["dist/*.bin"], { root });
    assert.deepEqual(got.map((s) => s.name), ["dist/Mid.bin", "dist/alpha.bin", "dist/zeta.bin"]);
    for (const s of got) assert.equal(s.path, join(root, s.name));
    const deep = expandSubjects(["dist/**/*.bin", "dist/readme.{txt,md}"], { root });
    assert.deepEqual(deep.map((s) => s.name), [
      "dist/Mid.bin",
      "dist/alpha.bin",
      "dist/readme.txt",
      "dist/sub/deep.bin",
      "dist/zeta.bin",
    ]);
  });
});

Deno.test("expandSubjects: the same file named several ways appears once", async () => {
  await withTempDir(async (root) => {
    const a = await write(root, "dist/a.bin");
    await write(root, "dist/b.bin");
    const got = expandSubjects(["dist/a.bin", "dist/*.bin", "./dist/a.bin", a], { root });
    assert.deepEqual(got.map((s) => s.name), ["dist/a.bin", "dist/b.bin"]);
  });
});

Deno.test("expandSubjects: a file outside the root gets its base name, never a path", async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, "project");
    await Deno.mkdir(root);
    const outside = await write(dir, "elsewhere/tool-1.0.tgz");
    for (const pattern of ["../elsewhere/tool-1.0.tgz", outside, "../elsewhere/*.tgz"]) {
      const got = expandSubjects([pattern], { root });
      assert.deepEqual(got, [{ name: "tool-1.0.tgz", path: outside }], pattern);
    }
  });
});

Deno.test("expandSubjects: names are never absolute and never contain ..", async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, "project");
    await write(root, "dist/in.bin");
    await write(dir, "out.bin");
    const got = expandSubjects(["dist/in.bin", "../out.bin"], { root });
    for (const s of got) {
      assert.ok(!s.name.startsWith("/"), s.name);
      assert.ok(!s.name.split("/").includes(".."), s.name);
      assert.ok(!s.name.includes("\\"), s.name);
    }
    assert.deepEqual(got.map((s) => s.name), ["dist/in.bin", "out.bin"]);
  });
});

Deno.test("expandSubjects: two outside files with one base name are a duplicate", async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, "project");
    await Deno.mkdir(root);
    await write(dir, "a/x.bin");
    await write(dir, "b/x.bin");
    throwsCode(
      () => expandSubjects(["../a/x.bin", "../b/x.bin"], { root }),
      "subject.duplicate.x.bin",
    );
  });
});

Deno.test("expandSubjects: keepOutsidePaths names outside files by their absolute paths (verify: two downloads may share a name)", async () => {
  await withTempDir(async (dir) => {
    const root = join(dir, "project");
    await Deno.mkdir(root);
    const a = await write(dir, "a/x.bin");
    const b = await write(dir, "b/x.bin");
    const inside = await write(root, "dist/x.bin");
    const got = expandSubjects(["../a/x.bin", b, "dist/x.bin"], { root, keepOutsidePaths: true });
    assert.deepEqual(
      got,
      [
        { name: a, path: a },
        { name: b, path: b },
        { name: "dist/x.bin", path: inside },
      ].sort((p, q) => (p.name < q.name ? -1 : 1)),
    );
  });
});

Deno.test("expandSubjects: a pattern matching nothing is subject.missing.<pattern>", async () => {
  await withTempDir(async (root) => {
    await write(root, "dist/a.bin");
    throwsCode(() => expandSubjects(["dist/*.zip"], { root }), "subject.missing.dist/*.zip");
    throwsCode(() => expandSubjects(["dist/nope.bin"], { root }), "subject.missing.dist/nope.bin");
    // A glob that only matches folders matches no file.
    await Deno.mkdir(join(root, "dist/only-dir.d"));
    throwsCode(() => expandSubjects(["dist/*.d"], { root }), "subject.missing.dist/*.d");
    // One good and one bad pattern: still an error, naming the bad one.
    throwsCode(
      () => expandSubjects(["dist/a.bin", "build/*.whl"], { root }),
      "subject.missing.build/*.whl",
    );
  });
});

Deno.test("expandSubjects: a directory or a dangling link is subject.missing.<path>", async () => {
  await withTempDir(async (root) => {
    await Deno.mkdir(join(root, "dist"));
    throwsCode(() => expandSubjects(["dist"], { root }), "subject.missing.dist");
    await Deno.symlink(join(root, "gone.bin"), join(root, "link.bin"));
    throwsCode(() => expandSubjects(["link.bin"], { root }), "subject.missing.link.bin");
  });
});

// KNOWN BUG (fails until fixed): src/provenance/subjects.ts filters glob matches
// with `Deno.statSync(p).isFile`, which throws a raw NotFound for a dangling
// symlink instead of skipping it (as folders are skipped) or reporting a VouchError.
Deno.test("expandSubjects: a glob matching a dangling link fails cleanly or skips it", async () => {
  await withTempDir(async (root) => {
    const a = await write(root, "dist/a.bin");
    await Deno.symlink(join(root, "gone.bin"), join(root, "dist/b.bin"));
    let got: unknown;
    try {
      got = expandSubjects(["dist/*.bin"], { root });
    } catch (e) {
      assert.ok(e instanceof VouchError, `expected a VouchError, got ${e}`);
      assert.equal(e.code, "subject.missing.dist/*.bin");
      return;
    }
    assert.deepEqual(got, [{ name: "dist/a.bin", path: a }]);
  });
});

Deno.test("expandSubjects: a glob matching a file whose name is not UTF-8 fails, never drops it", async () => {
  if (Deno.build.os !== "linux") return; // other systems refuse such names
  await withTempDir(async (root) => {
    await write(root, "dist/a.bin");
    // Deno names files by strings: the shell makes the name with byte 0xFF.
    const made = await new Deno.Command("sh", {
      args: ["-c", `printf x > "dist/b$(printf '\\377').bin"`],
      cwd: root,
    }).output();
    assert.ok(made.success);
    throwsCode(() => expandSubjects(["dist/*.bin"], { root }), "subject.missing.dist/*.bin");
  });
});

Deno.test("expandSubjects: an unreadable file is subject.missing.<path>", async () => {
  await withTempDir(async (root) => {
    const path = await write(root, "secret.bin");
    await Deno.chmod(path, 0o000);
    try {
      Deno.openSync(path).close();
      // Still readable: the tests run as root (or with CAP_DAC_OVERRIDE).
      console.log(
        "skipping the unreadable-file case: running as root, chmod 000 does not stop reads",
      );
      return;
    } catch {
      // unreadable, as intended
    }
    throwsCode(() => expandSubjects(["secret.bin"], { root }), "subject.missing.secret.bin");
  });
});

Deno.test("expandSubjects: no pattern at all is subjects.empty", () => {
  throwsCode(() => expandSubjects([], { root: "." }), "subjects.empty");
});

Deno.test("hashFile: equals sha256sum at chunk boundaries and for random data", async () => {
  await withTempDir(async (dir) => {
    const cases: [string, Uint8Array][] = [
      ["empty", new Uint8Array(0)],
      ["one-byte", Uint8Array.of(0x61)],
      ["one-mib", randomBytes(MIB)],
      ["one-mib-plus-one", randomBytes(MIB + 1)],
      ["random-5mib", randomBytes(5 * MIB)],
    ];
    for (const [name, data] of cases) {
      const path = await write(dir, name, data);
      const progress: [number, number][] = [];
      const got = await hashFile(path, { onProgress: (d, t) => progress.push([d, t]) });
      assert.equal(got.sha256, await sha256sum(path), name);
      assert.match(got.sha256, /^[0-9a-f]{64}$/);
      assert.equal(got.size, data.length, name);
      if (data.length > 0) {
        assert.deepEqual(progress.at(-1), [data.length, data.length], name);
        for (const [, t] of progress) assert.equal(t, data.length);
        for (let i = 1; i < progress.length; i++) assert.ok(progress[i][0] > progress[i - 1][0]);
      }
    }
  });
});

Deno.test("hashFile: streams a 2 GiB sparse file with flat memory", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "sparse.img");
    const size = 2 * 1024 * MIB;
    {
      using file = await Deno.open(path, { write: true, create: true });
      await file.truncate(size);
    }
    const before = Deno.memoryUsage().rss;
    let peak = before;
    let calls = 0;
    const got = await hashFile(path, {
      onProgress: () => {
        if (++calls % 16 === 0) peak = Math.max(peak, Deno.memoryUsage().rss);
      },
    });
    peak = Math.max(peak, Deno.memoryUsage().rss);
    assert.equal(got.size, size);
    assert.ok(calls >= 1024, `onProgress called ${calls} times`);
    const growth = peak - before;
    assert.ok(growth < 100 * MIB, `RSS grew by ${(growth / MIB).toFixed(1)} MiB`);
    assert.equal(got.sha256, await sha256sum(path));
  });
});

Deno.test("hashSubjects: keeps the input order and reports progress per subject", async () => {
  await withTempDir(async (dir) => {
    // The first subject is the largest, so with parallel lanes it finishes last.
    const specs: [string, Uint8Array][] = [
      ["big.bin", randomBytes(3 * MIB + 7)],
      ["a.bin", Uint8Array.of(1, 2, 3)],
      ["empty.bin", new Uint8Array(0)],
      ["mid.bin", randomBytes(MIB + 1)],
    ];
    const subjects = [];
    for (const [name, data] of specs) subjects.push({ name, path: await write(dir, name, data) });
    for (const concurrency of [1, 2, 8]) {
      const seen = new Map<string, [number, number]>();
      const got = await hashSubjects(subjects, {
        concurrency,
        onProgress: (name, d, t) => seen.set(name, [d, t]),
      });
      assert.deepEqual(got.map((s) => s.name), specs.map(([n]) => n));
      for (let i = 0; i < specs.length; i++) {
        assert.equal(got[i].path, subjects[i].path);
        assert.equal(got[i].size, specs[i][1].length);
        assert.equal(got[i].sha256, await sha256sum(subjects[i].path));
      }
      for (const [name, data] of specs) {
        if (data.length > 0) assert.deepEqual(seen.get(name), [data.length, data.length], name);
      }
    }
    assert.deepEqual(await hashSubjects([]), []);
  });
});

/** A sparse file of `size` bytes whose first bytes are random (so digests differ). */
async function sparse(dir: string, name: string, size: number): Promise<string> {
  const path = join(dir, name);
  using file = await Deno.open(path, { write: true, create: true });
  await file.write(randomBytes(4096));
  await file.truncate(size);
  return path;
}

Deno.test("hashSubjects: large sets hashed on workers keep order, digests and progress", async () => {
  await withTempDir(async (dir) => {
    // Over 64 MiB in all with several lanes: the worker pool is used.
    const specs: [string, number][] = [
      ["z-first.img", 40 * MIB + 3],
      ["a-small.txt", 5],
      ["m-second.img", 30 * MIB],
      ["b-empty", 0],
    ];
    const subjects = [];
    for (const [name, size] of specs) {
      subjects.push({
        name,
        path: size >= 4096
          ? await sparse(dir, name, size)
          : await write(dir, name, "x".repeat(size)),
      });
    }
    const seen = new Map<string, [number, number]>();
    const got = await hashSubjects(subjects, {
      concurrency: 3,
      onProgress: (name, d, t) => seen.set(name, [d, t]),
    });
    assert.deepEqual(got.map((s) => s.name), specs.map(([n]) => n));
    for (let i = 0; i < specs.length; i++) {
      assert.equal(got[i].path, subjects[i].path);
      assert.equal(got[i].size, specs[i][1]);
      assert.equal(got[i].sha256, await sha256sum(subjects[i].path), specs[i][0]);
    }
    assert.deepEqual(seen.get("z-first.img"), [40 * MIB + 3, 40 * MIB + 3]);
    assert.deepEqual(seen.get("m-second.img"), [30 * MIB, 30 * MIB]);
    // The same digests on the main thread.
    const single = await hashSubjects(subjects, { concurrency: 1 });
    assert.deepEqual(single, got);
  });
});

Deno.test("hashSubjects: a subject that vanished is an error", async () => {
  await withTempDir(async (dir) => {
    const a = await write(dir, "a.bin");
    const gone = join(dir, "gone.bin");
    await assert.rejects(
      hashSubjects([{ name: "a.bin", path: a }, { name: "gone.bin", path: gone }]),
    );
  });
});
