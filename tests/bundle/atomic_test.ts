import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { withTempDir } from "../_util.ts";
import { VouchError } from "../../src/errors.ts";
import { checkReplaceable, outputDirError, publishDirectory } from "../../src/bundle/atomic.ts";

const MARKER = "supply_chain_attestation.json";
/** A stand-in for vouch's content check: a folder holding MARKER is earlier output. */
const OPTIONS = {
  isEarlierOutput: async (dir: string): Promise<boolean> => {
    try {
      return (await Deno.lstat(join(dir, MARKER))).isFile;
    } catch {
      return false;
    }
  },
};

/** Every entry below `dir` (recursive), with file bytes, for byte-exact comparisons. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    for await (const e of Deno.readDir(join(dir, rel))) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory) {
        out.set(`${child}/`, "<dir>");
        await walk(child);
      } else {
        const bytes = await Deno.readFile(join(dir, child));
        out.set(child, Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""));
      }
    }
  };
  await walk("");
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

async function assertNoLeftovers(parent: string): Promise<void> {
  for (const name of await names(parent)) {
    assert.ok(
      !name.includes(".vouch-tmp-") && !name.includes(".vouch-old-"),
      `left behind: ${name}`,
    );
  }
}

async function rejectsCode(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof VouchError, `expected a VouchError, got ${e}`);
    assert.equal(e.code, code);
    assert.ok(e.hint.length > 0);
    return true;
  });
}

Deno.test("publishDirectory: publishes into a new directory, creating parents", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "out/evidence");
    const files = new Map<string, string | Uint8Array>([
      [MARKER, "{}\n"],
      ["SHA256SUMS", "abc  x\n"],
      ["blob.bin", Uint8Array.of(0, 1, 2, 255)],
    ]);
    await publishDirectory(target, files, OPTIONS);
    assert.deepEqual(await names(target), ["SHA256SUMS", "blob.bin", MARKER].sort());
    assert.equal(await Deno.readTextFile(join(target, MARKER)), "{}\n");
    assert.deepEqual(await Deno.readFile(join(target, "blob.bin")), Uint8Array.of(0, 1, 2, 255));
    assert.deepEqual(await names(join(dir, "out")), ["evidence"]);
  });
});

Deno.test("publishDirectory: replaces earlier evidence, stale files never survive", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    await publishDirectory(
      target,
      new Map([
        [MARKER, "old index"],
        ["signature.hmac-sha256.json", "old signature"],
        ["sbom.spdx.json", "old sbom"],
      ]),
      OPTIONS,
    );
    await publishDirectory(
      target,
      new Map([
        [MARKER, "new index"],
        ["sbom.spdx.json", "new sbom"],
      ]),
      OPTIONS,
    );
    assert.deepEqual(await names(target), [MARKER, "sbom.spdx.json"].sort());
    assert.equal(await Deno.readTextFile(join(target, MARKER)), "new index");
    assert.equal(await Deno.readTextFile(join(target, "sbom.spdx.json")), "new sbom");
    await assertNoLeftovers(dir);
    assert.deepEqual(await names(dir), ["evidence"]);
  });
});

Deno.test("publishDirectory: a failure while writing leaves the previous directory intact", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    await publishDirectory(
      target,
      new Map<string, string | Uint8Array>([
        [MARKER, "index v1"],
        ["signature.hmac-sha256.json", "sig v1"],
        ["blob", Uint8Array.of(9, 8, 7)],
      ]),
      OPTIONS,
    );
    const before = await snapshot(target);
    await assert.rejects(
      publishDirectory(
        target,
        new Map([
          [MARKER, "index v2"],
          ["sub/x", "cannot be written: no such subfolder"],
        ]),
        OPTIONS,
      ),
    );
    assert.deepEqual(await snapshot(target), before);
    await assertNoLeftovers(dir);
    assert.deepEqual(await names(dir), ["evidence"]);
  });
});

Deno.test("publishDirectory: a failure while writing a new directory leaves nothing", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    await assert.rejects(publishDirectory(target, new Map([["a", "1"], ["sub/x", "2"]]), OPTIONS));
    assert.deepEqual(await names(dir), []);
  });
});

Deno.test("publishDirectory: refuses a non-empty directory without the marker", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "src");
    await Deno.mkdir(target);
    await Deno.writeTextFile(join(target, "main.ts"), "precious source");
    const before = await snapshot(target);
    await rejectsCode(
      publishDirectory(target, new Map([[MARKER, "x"]]), OPTIONS),
      "output_dir.not_evidence",
    );
    assert.deepEqual(await snapshot(target), before);
    await assertNoLeftovers(dir);
  });
});

Deno.test("publishDirectory: refuses a regular file", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    await Deno.writeTextFile(target, "not a folder");
    await rejectsCode(
      publishDirectory(target, new Map([[MARKER, "x"]]), OPTIONS),
      "output_dir.not_directory",
    );
    assert.equal(await Deno.readTextFile(target), "not a folder");
    await assertNoLeftovers(dir);
  });
});

Deno.test("publishDirectory: an empty existing directory is fine", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    await Deno.mkdir(target);
    await publishDirectory(target, new Map([[MARKER, "idx"], ["b", "2"]]), OPTIONS);
    assert.deepEqual(await names(target), ["b", MARKER].sort());
    assert.equal(await Deno.readTextFile(join(target, "b")), "2");
    await assertNoLeftovers(dir);
  });
});

Deno.test("checkReplaceable: absent, empty, earlier evidence, or refused", async () => {
  await withTempDir(async (dir) => {
    assert.equal(await checkReplaceable(join(dir, "absent"), OPTIONS), false);
    const empty = join(dir, "empty");
    await Deno.mkdir(empty);
    assert.equal(await checkReplaceable(empty, OPTIONS), true);
    const evidence = join(dir, "evidence");
    await Deno.mkdir(evidence);
    await Deno.writeTextFile(join(evidence, "SHA256SUMS"), "");
    await Deno.writeTextFile(join(evidence, MARKER), "{}");
    assert.equal(await checkReplaceable(evidence, OPTIONS), true);
    const other = join(dir, "other");
    await Deno.mkdir(other);
    await Deno.writeTextFile(join(other, "README.md"), "mine");
    await rejectsCode(checkReplaceable(other, OPTIONS), "output_dir.not_evidence");
    const file = join(dir, "file");
    await Deno.writeTextFile(file, "x");
    await rejectsCode(checkReplaceable(file, OPTIONS), "output_dir.not_directory");
    // It only checks: nothing was changed.
    assert.deepEqual(await names(dir), ["empty", "evidence", "file", "other"]);
    assert.deepEqual(await names(evidence), [MARKER, "SHA256SUMS"].sort());
  });
});

Deno.test("checkReplaceable: evidence another run swaps in while it looks is no refusal (the look under the lock decides)", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    await Deno.mkdir(target);
    await Deno.writeTextFile(join(target, MARKER), "{}");
    /** Another run's two renames, the content check caught between them (its index gone). */
    const midSwap = {
      isEarlierOutput: async (path: string): Promise<boolean> => {
        await Deno.rename(target, join(dir, ".evidence.vouch-old-1"));
        const found = await OPTIONS.isEarlierOutput(path);
        await Deno.mkdir(join(dir, ".evidence.vouch-tmp-1"));
        await Deno.writeTextFile(join(dir, ".evidence.vouch-tmp-1", MARKER), "{}");
        await Deno.rename(join(dir, ".evidence.vouch-tmp-1"), target);
        return found;
      },
    };
    assert.equal(await checkReplaceable(target, midSwap), true);
    // Caught while the folder is gone: the same.
    const gone = {
      isEarlierOutput: async (): Promise<boolean> => {
        await Deno.rename(target, join(dir, ".evidence.vouch-old-2"));
        throw new Deno.errors.NotFound("no such file or directory");
      },
    };
    assert.equal(await checkReplaceable(target, gone), true);
    // A folder that is not evidence and stays put is refused, as before.
    const other = join(dir, "other");
    await Deno.mkdir(other);
    await Deno.writeTextFile(join(other, "README.md"), "mine");
    const finds = { isEarlierOutput: (): Promise<boolean> => Promise.resolve(false) };
    await rejectsCode(checkReplaceable(other, finds), "output_dir.not_evidence");
  });
});

Deno.test("publishDirectory: a folder swapped in after the look under the lock is put back, never deleted", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    await Deno.mkdir(target);
    await Deno.writeTextFile(join(target, MARKER), "{}");
    let looks = 0;
    /** The second look is the one under the lock; right after it, someone swaps their own folder in. */
    const swappedAfterLook = {
      isEarlierOutput: async (path: string): Promise<boolean> => {
        const found = await OPTIONS.isEarlierOutput(path);
        if (++looks === 2) {
          await Deno.rename(target, join(dir, "aside"));
          await Deno.mkdir(target);
          await Deno.writeTextFile(join(target, "tax-return.pdf"), "precious");
        }
        return found;
      },
    };
    await rejectsCode(
      publishDirectory(target, new Map([[MARKER, "new index"]]), swappedAfterLook),
      "output_dir.not_evidence",
    );
    assert.deepEqual(await names(target), ["tax-return.pdf"]);
    assert.equal(await Deno.readTextFile(join(target, "tax-return.pdf")), "precious");
    await assertNoLeftovers(dir);
  });
});

Deno.test("publishDirectory and checkReplaceable: a target under a regular file is not_directory", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "somefile");
    await Deno.writeTextFile(file, "keep me");
    for (const target of [join(file, "out"), join(file, "deeper", "out")]) {
      // Both used to end as a bare AlreadyExists / NotADirectory (exit 3, "internal").
      await rejectsCode(checkReplaceable(target, OPTIONS), "output_dir.not_directory");
      await rejectsCode(
        publishDirectory(target, new Map([[MARKER, "x"]]), OPTIONS),
        "output_dir.not_directory",
      );
      await assert.rejects(checkReplaceable(target, OPTIONS), {
        message: `--output-dir ${target}: a parent of it is not a directory`,
      });
    }
    assert.equal(await Deno.readTextFile(file), "keep me");
    assert.deepEqual(await names(dir), ["somefile"]);
  });
});

/** Takes the lock of `target` as another run would: an OS lock on `.NAME.vouch-lock` beside it. */
async function holdLock(target: string): Promise<{ path: string; file: Deno.FsFile }> {
  const path = join(target, "..", `.${target.split("/").pop()}.vouch-lock`);
  const file = await Deno.open(path, { read: true, write: true, create: true });
  assert.equal(await file.tryLock(true), true);
  return { path, file };
}

Deno.test("publishDirectory: stale .X.vouch-tmp-*/.X.vouch-old-* leftovers of the output dir are removed by the next run", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    // What a SIGKILLed run leaves: a temp folder (evidence files, partly written) and an old
    // folder (earlier output, with the target already published again beside it).
    await Deno.mkdir(join(dir, ".evidence.vouch-tmp-0a1b2c3d"));
    await Deno.writeTextFile(join(dir, ".evidence.vouch-tmp-0a1b2c3d", MARKER), "x".repeat(1000));
    await publishDirectory(target, new Map([[MARKER, "current"]]), OPTIONS);
    await publishDirectory(
      join(dir, ".evidence.vouch-old-deadbeef"),
      new Map([[MARKER, "v0"]]),
      OPTIONS,
    );
    // Not vouch's names for this output dir, or not a folder: kept.
    const kept = [
      ".other.vouch-tmp-0a1b2c3d", // another output dir's (its own run cleans it)
      ".evidence.vouch-tmp-notours!", // not the 8-hex suffix vouch makes
      "evidence.vouch-tmp-0a1b2c3d", // not hidden
      ".evidence.vouch-tmp-0a1b2c3d.bak",
    ];
    for (const name of kept) await Deno.mkdir(join(dir, name));
    await Deno.writeTextFile(join(dir, ".evidence.vouch-old-12345678"), "a file, not vouch's");
    await publishDirectory(target, new Map([[MARKER, "idx"]]), OPTIONS);
    assert.deepEqual(
      await names(dir),
      [...kept, ".evidence.vouch-old-12345678", "evidence"].sort(),
    );
  });
});

Deno.test("publishDirectory: earlier output a run killed between its two renames left as .X.vouch-old-* is put back, never deleted", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    // The killed run had moved the earlier evidence aside and not yet moved its own in.
    const old = join(dir, ".evidence.vouch-old-0a1b2c3d");
    await publishDirectory(old, new Map([[MARKER, "index v1"], ["sbom", "v1"]]), OPTIONS);
    const before = await snapshot(old);
    await Deno.mkdir(join(dir, ".evidence.vouch-tmp-4e5f6a7b"));
    // A run that then fails while writing leaves the earlier evidence where it belongs.
    await assert.rejects(
      publishDirectory(target, new Map([[MARKER, "v2"], ["sub/x", "no subfolder"]]), OPTIONS),
    );
    assert.deepEqual(await snapshot(target), before);
    assert.deepEqual(await names(dir), ["evidence"]);
    // An old folder that is not earlier output is a leftover like any other: removed.
    await Deno.remove(target, { recursive: true });
    await Deno.mkdir(join(dir, ".evidence.vouch-old-deadbeef"));
    await publishDirectory(target, new Map([[MARKER, "v3"]]), OPTIONS);
    assert.deepEqual(await names(dir), ["evidence"]);
    assert.equal(await Deno.readTextFile(join(target, MARKER)), "v3");
  });
});

Deno.test("publishDirectory: a folder named as a temporary leftover that holds anything but evidence files is kept", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    const theirs = [
      [".evidence.vouch-tmp-0a1b2c3d", "notes.txt"], // a file vouch never writes
      [".evidence.vouch-tmp-4e5f6a7b", `sub/${MARKER}`], // a subfolder
    ];
    for (const [folder, file] of theirs) {
      await Deno.mkdir(dirname(join(dir, folder, file)), { recursive: true });
      await Deno.writeTextFile(join(dir, folder, file), "keep me");
    }
    await Deno.mkdir(join(dir, ".evidence.vouch-tmp-89abcdef"));
    await Deno.symlink(join(dir, "elsewhere"), join(dir, ".evidence.vouch-tmp-89abcdef", MARKER));
    await publishDirectory(target, new Map([[MARKER, "v1"]]), OPTIONS);
    assert.deepEqual(
      await names(dir),
      [...theirs.map(([folder]) => folder), ".evidence.vouch-tmp-89abcdef", "evidence"].sort(),
    );
    for (const [folder, file] of theirs) {
      assert.equal(await Deno.readTextFile(join(dir, folder, file)), "keep me");
    }
  });
});

Deno.test("publishDirectory: a temporary leftover of a run that wrote other evidence files (other options) is removed when fileNames names them", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    const leftover = join(dir, ".evidence.vouch-tmp-0a1b2c3d");
    await Deno.mkdir(leftover);
    await Deno.writeTextFile(join(leftover, "signature.json"), "partly written");
    // This run writes no signature: by its own files alone, the folder is kept.
    await publishDirectory(target, new Map([[MARKER, "v1"]]), OPTIONS);
    assert.deepEqual(await names(dir), [".evidence.vouch-tmp-0a1b2c3d", "evidence"]);
    const fileNames = new Set([MARKER, "signature.json"]);
    await publishDirectory(target, new Map([[MARKER, "v2"]]), { ...OPTIONS, fileNames });
    assert.deepEqual(await names(dir), ["evidence"]);
  });
});

// A run killed after moving aside a folder swapped in by something else, before putting it back,
// left the user's folder as .X.vouch-old-*: the next run deleted it with the leftovers.
Deno.test("publishDirectory: an old folder that is not earlier output is put back or kept, never deleted", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    const theirs = join(dir, ".evidence.vouch-old-0a1b2c3d");
    await Deno.mkdir(theirs);
    await Deno.writeTextFile(join(theirs, "tax-return.pdf"), "keep me");
    // No target: the folder is put back, and then refused as not evidence.
    await rejectsCode(
      publishDirectory(target, new Map([[MARKER, "v1"]]), OPTIONS),
      "output_dir.not_evidence",
    );
    assert.equal(await Deno.readTextFile(join(target, "tax-return.pdf")), "keep me");
    assert.deepEqual(await names(dir), ["evidence"]);
    // Beside a target (earlier output): kept as it is.
    await Deno.rename(target, theirs);
    await Deno.mkdir(target);
    await Deno.writeTextFile(join(target, MARKER), "v0");
    await publishDirectory(target, new Map([[MARKER, "v1"]]), OPTIONS);
    assert.deepEqual(await names(dir), [".evidence.vouch-old-0a1b2c3d", "evidence"]);
    assert.equal(await Deno.readTextFile(join(theirs, "tax-return.pdf")), "keep me");
  });
});

Deno.test("publishDirectory: leftovers are not touched while another run holds the lock; output_dir.busy", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    const live = join(dir, ".evidence.vouch-tmp-0a1b2c3d");
    await Deno.mkdir(live);
    await Deno.writeTextFile(join(live, MARKER), "being written by the other run");
    const other = await holdLock(target);
    try {
      await rejectsCode(
        publishDirectory(target, new Map([[MARKER, "idx"]]), { ...OPTIONS, lockWaitMs: 0 }),
        "output_dir.busy",
      );
      await assert.rejects(
        publishDirectory(target, new Map([[MARKER, "idx"]]), { ...OPTIONS, lockWaitMs: 0 }),
        (e: unknown) => (e as Error).message.includes(other.path),
      );
      // The other run's temp folder and lock file are intact; nothing of ours is left.
      assert.equal(await Deno.readTextFile(join(live, MARKER)), "being written by the other run");
      assert.deepEqual(await names(dir), [".evidence.vouch-lock", ".evidence.vouch-tmp-0a1b2c3d"]);
    } finally {
      other.file.close();
    }
  });
});

Deno.test("publishDirectory: a run waiting for the lock publishes once the holder lets go", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    const other = await holdLock(target);
    const waiting = publishDirectory(target, new Map([[MARKER, "second"]]), {
      ...OPTIONS,
      lockWaitMs: 600_000,
    });
    // The holder finishes as vouch does: removes the lock file, then releases it.
    await Deno.remove(other.path);
    other.file.close();
    await waiting;
    assert.equal(await Deno.readTextFile(join(target, MARKER)), "second");
    assert.deepEqual(await names(dir), ["evidence"]);
  });
});

Deno.test("publishDirectory: a lock file left by a killed run does not block; it is removed", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    await Deno.writeTextFile(join(dir, ".evidence.vouch-lock"), "");
    await publishDirectory(target, new Map([[MARKER, "idx"]]), { ...OPTIONS, lockWaitMs: 0 });
    assert.deepEqual(await names(dir), ["evidence"]);
    // A lock path that is not a regular file is refused, not followed.
    await Deno.mkdir(join(dir, ".evidence.vouch-lock"));
    await rejectsCode(
      publishDirectory(target, new Map([[MARKER, "idx2"]]), OPTIONS),
      "output_dir.unwritable",
    );
    assert.equal(await Deno.readTextFile(join(target, MARKER)), "idx");
  });
});

Deno.test("publishDirectory: the lock is released and removed after a failed write", async () => {
  await withTempDir(async (dir) => {
    const target = join(dir, "evidence");
    await assert.rejects(publishDirectory(target, new Map([["sub/x", "2"]]), OPTIONS));
    assert.deepEqual(await names(dir), []);
    await publishDirectory(target, new Map([[MARKER, "idx"]]), { ...OPTIONS, lockWaitMs: 0 });
    assert.deepEqual(await names(dir), ["evidence"]);
  });
});

Deno.test("checkReplaceable: a symlinked output dir is refused, its target untouched", async () => {
  await withTempDir(async (dir) => {
    const real = join(dir, "real");
    await Deno.mkdir(real);
    await Deno.writeTextFile(join(real, MARKER), "idx");
    await Deno.symlink(real, join(dir, "link"));
    await rejectsCode(checkReplaceable(join(dir, "link"), OPTIONS), "output_dir.not_directory");
    await rejectsCode(
      publishDirectory(join(dir, "link"), new Map([[MARKER, "new"]]), OPTIONS),
      "output_dir.not_directory",
    );
    assert.equal(await Deno.readTextFile(join(real, MARKER)), "idx");
  });
});

Deno.test("outputDirError: OS and sandbox failures become output_dir.* codes; bugs stay bugs", () => {
  const withCode = (code: string): Error => Object.assign(new Error(`os error: ${code}`), { code });
  const cases: [unknown, string][] = [
    [withCode("EROFS"), "output_dir.unwritable"],
    [withCode("EACCES"), "output_dir.unwritable"],
    [new Deno.errors.PermissionDenied("denied"), "output_dir.unwritable"],
    [new Deno.errors.NotCapable('Requires all access to "/proc/x"'), "output_dir.unwritable"],
    [withCode("ENOSPC"), "output_dir.no_space"],
    [withCode("EDQUOT"), "output_dir.no_space"],
    [new Deno.errors.NotADirectory("x"), "output_dir.not_directory"],
  ];
  for (const [error, code] of cases) {
    const mapped = outputDirError(error, "out");
    assert.ok(mapped instanceof VouchError, String(error));
    assert.equal(mapped.code, code);
    assert.ok(mapped.message.startsWith("--output-dir out"), mapped.message);
    assert.ok(mapped.hint.length > 0);
  }
  const rof = outputDirError(withCode("EROFS"), "out") as VouchError;
  assert.ok(rof.message.includes("read-only file system") && rof.hint.includes("writable"));
  const bug = new TypeError("x is undefined");
  assert.equal(outputDirError(bug, "out"), bug);
});
