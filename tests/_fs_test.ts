import assert from "node:assert/strict";
import { join } from "node:path";
import { withTempDir } from "./_util.ts";
import {
  describeFsProblem,
  FsError,
  fsProblem,
  isSameOrInside,
  loadNonBlockingOpen,
  MAX_KEY_BYTES,
  pathExists,
  readRegularFileSync,
  realPathOf,
  writeRegularFileSync,
} from "../src/_fs.ts";

function throwsProblem(fn: () => unknown, problem: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof FsError, `expected an FsError, got ${e}`);
    assert.equal(e.problem, problem);
    return true;
  });
}

Deno.test("readRegularFileSync: reads a regular file, refuses one over the cap", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "key");
    await Deno.writeTextFile(path, "k".repeat(100));
    assert.equal(readRegularFileSync(path, { maxBytes: 100 }).length, 100);
    throwsProblem(() => readRegularFileSync(path, { maxBytes: 99 }), "too_large");
    // Followed symlinks are fine: the target is a regular file.
    await Deno.symlink(path, join(dir, "link"));
    assert.equal(readRegularFileSync(join(dir, "link"), { maxBytes: 100 }).length, 100);
    assert.equal(MAX_KEY_BYTES, 65536);
  });
});

Deno.test("readRegularFileSync: a FIFO, /dev/zero, a folder are refused without blocking or reading", async () => {
  await withTempDir(async (dir) => {
    throwsProblem(
      () => readRegularFileSync("/dev/zero", { maxBytes: MAX_KEY_BYTES }),
      "not_regular",
    );
    throwsProblem(() => readRegularFileSync(dir, { maxBytes: MAX_KEY_BYTES }), "not_regular");
    const fifo = join(dir, "fifo");
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output().catch(() => undefined);
    if (!made?.success) {
      console.log("skipped the FIFO case: mkfifo is not available");
      return;
    }
    // Opening a FIFO for reading blocks until a writer comes: this returns only because it is never opened.
    throwsProblem(() => readRegularFileSync(fifo, { maxBytes: MAX_KEY_BYTES }), "not_regular");
    // Even through a symlink.
    await Deno.symlink(fifo, join(dir, "to-fifo"));
    throwsProblem(
      () => readRegularFileSync(join(dir, "to-fifo"), { maxBytes: MAX_KEY_BYTES }),
      "not_regular",
    );
  });
});

Deno.test("readRegularFileSync: missing paths and parents that are files", async () => {
  await withTempDir(async (dir) => {
    throwsProblem(() => readRegularFileSync(join(dir, "nope"), { maxBytes: 10 }), "missing");
    await Deno.writeTextFile(join(dir, "file"), "x");
    throwsProblem(
      () => readRegularFileSync(join(dir, "file", "below"), { maxBytes: 10 }),
      "not_directory",
    );
  });
});

Deno.test("fsProblem: Deno errors, node:fs codes, the sandbox; others are not classified", () => {
  const withCode = (code: string): Error => Object.assign(new Error(code), { code });
  assert.equal(fsProblem(new Deno.errors.NotFound("x")), "missing");
  assert.equal(fsProblem(new Deno.errors.PermissionDenied("x")), "denied");
  assert.equal(fsProblem(new Deno.errors.NotCapable("x")), "not_allowed");
  assert.equal(fsProblem(new Deno.errors.NotADirectory("x")), "not_directory");
  assert.equal(fsProblem(new Deno.errors.IsADirectory("x")), "not_regular");
  assert.equal(fsProblem(withCode("EROFS")), "read_only");
  assert.equal(fsProblem(withCode("ENOENT")), "missing");
  assert.equal(fsProblem(withCode("EPERM")), "denied");
  assert.equal(fsProblem(withCode("ENOSPC")), "no_space");
  assert.equal(fsProblem(new FsError("too_large", "p")), "too_large");
  assert.equal(fsProblem(new TypeError("bug")), undefined);
  assert.equal(fsProblem(withCode("EWHATEVER")), undefined);
  assert.equal(fsProblem(undefined), undefined);
  assert.equal(describeFsProblem("read_only"), "read-only file system");
  assert.equal(new FsError("denied", "/x").message, "/x: permission denied");
});

Deno.test("realPathOf: resolves symlinks of the existing prefix, keeps the missing rest", async () => {
  await withTempDir(async (dir) => {
    const real = await Deno.realPath(dir);
    await Deno.mkdir(join(dir, "project"));
    await Deno.symlink(join(dir, "project"), join(dir, "alias"));
    assert.equal(realPathOf(join(dir, "alias")), join(real, "project"));
    assert.equal(realPathOf(join(dir, "alias", "new", "deeper")), join(real, "project/new/deeper"));
    assert.equal(realPathOf(join(dir, "alias", "x", "..", "y")), join(real, "project/y"));
    await Deno.writeTextFile(join(dir, "file"), "");
    assert.equal(realPathOf(join(dir, "file")), join(real, "file"));
  });
});

Deno.test("isSameOrInside: paths, not string prefixes", () => {
  assert.equal(isSameOrInside("/a/b", "/a/b"), true);
  assert.equal(isSameOrInside("/a/b", "/a/b/c"), true);
  assert.equal(isSameOrInside("/a/b", "/a/bc"), false);
  assert.equal(isSameOrInside("/a/b", "/a"), false);
  assert.equal(isSameOrInside("/", "/a"), true);
  assert.equal(isSameOrInside("/a/b", "/a/b/..c"), true);
});

Deno.test("fsProblem: an empty path, one with a NUL byte or a name too long is a missing file, never an unexpected error", async () => {
  for (
    const call of [
      () => Deno.stat(""),
      () => Promise.resolve(Deno.statSync("")),
      () => Promise.resolve(Deno.realPathSync("a\0b/package.json")),
      () => Deno.readFile("a\0b"),
      () => Promise.resolve(Deno.realPathSync("a".repeat(300))), // ENAMETOOLONG
    ]
  ) {
    let caught: unknown;
    try {
      await call();
    } catch (error) {
      caught = error;
    }
    assert.equal(fsProblem(caught), "missing");
  }
});

/** The write cases: a regular file written and appended; a FIFO or device refused without blocking. */
async function checkWrites(dir: string): Promise<void> {
  const path = join(dir, "out.txt");
  writeRegularFileSync(path, "first\n");
  writeRegularFileSync(path, "second\n", { append: true });
  assert.equal(await Deno.readTextFile(path), "first\nsecond\n");
  writeRegularFileSync(path, "replaced\n");
  assert.equal(await Deno.readTextFile(path), "replaced\n");
  // Chunks, one after the other (a string is one chunk, never split into characters).
  writeRegularFileSync(path, ["é", "", "t\u00e9\n"]);
  assert.equal(await Deno.readTextFile(path), "ét\u00e9\n");
  writeRegularFileSync(path, "replaced\n");
  assert.equal(new TextDecoder().decode(readRegularFileSync(path, { maxBytes: 9 })), "replaced\n");
  throwsProblem(() => writeRegularFileSync("/dev/zero", "x"), "not_regular");
  throwsProblem(() => writeRegularFileSync(dir, "x"), "not_regular");
  throwsProblem(() => writeRegularFileSync(join(dir, "no", "such"), "x"), "missing");
  throwsProblem(() => readRegularFileSync("/dev/zero", { maxBytes: 9 }), "not_regular");
  const fifo = join(dir, "fifo");
  const made = await new Deno.Command("mkfifo", { args: [fifo] }).output().catch(() => undefined);
  if (!made?.success) {
    console.log("skipped the FIFO case: mkfifo is not available");
    return;
  }
  // Opening a FIFO blocks until the other end comes: this returns only because it is never opened.
  throwsProblem(() => writeRegularFileSync(fifo, "x"), "not_regular");
  throwsProblem(() => writeRegularFileSync(fifo, "x", { append: true }), "not_regular");
  throwsProblem(() => readRegularFileSync(fifo, { maxBytes: 9 }), "not_regular");
}

Deno.test("writeRegularFileSync: writes and appends a regular file; a FIFO or /dev/zero is refused without blocking", async () => {
  await withTempDir(checkWrites);
});

// Last in this module: from here on every open of this process is non-blocking.
Deno.test("loadNonBlockingOpen: the same reads and writes, each open non-blocking", async () => {
  await loadNonBlockingOpen();
  await withTempDir(checkWrites);
});

Deno.test("pathExists: a file, a folder and a dangling link exist; a missing name does not", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, "file"), "x");
    await Deno.symlink(join(dir, "gone"), join(dir, "dangling"));
    assert.equal(pathExists(join(dir, "file")), true);
    assert.equal(pathExists(dir), true);
    assert.equal(pathExists(join(dir, "dangling")), true);
    assert.equal(pathExists(join(dir, "missing")), false);
  });
});
