import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { formatSha256Sums, parseSha256Sums } from "../../src/bundle/checksums.ts";

const A = "a".repeat(64);
const B = "0123456789abcdef".repeat(4);

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "vouch-sums-" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

async function sha256sum(cwd: string, args: string[]): Promise<{ code: number; stdout: string }> {
  const out = await new Deno.Command("sha256sum", { args, cwd }).output();
  return { code: out.code, stdout: new TextDecoder().decode(out.stdout) };
}

/** Real files with their digests (computed independently of the module under test). */
async function realFiles(dir: string): Promise<{ name: string; sha256: string }[]> {
  const contents: [string, string][] = [
    ["sbom.spdx.json", '{"spdxVersion":"SPDX-2.3"}\n'],
    ["provenance.intoto.json", "{}\n"],
    ["empty", ""],
    ["name with spaces.json", "spaces"],
  ];
  const entries = [];
  for (const [name, text] of contents) {
    await Deno.writeTextFile(join(dir, name), text);
    entries.push({ name, sha256: createHash("sha256").update(text).digest("hex") });
  }
  return entries;
}

Deno.test("formatSha256Sums: two spaces between digest and name, one line each", () => {
  assert.equal(
    formatSha256Sums([{ name: "b.json", sha256: B }, { name: "a.json", sha256: A }]),
    `${B}  b.json\n${A}  a.json\n`,
  );
  assert.equal(formatSha256Sums([]), "");
});

Deno.test("formatSha256Sums: sha256sum -c accepts the file", async () => {
  await withTempDir(async (dir) => {
    const entries = await realFiles(dir);
    await Deno.writeTextFile(join(dir, "SHA256SUMS"), formatSha256Sums(entries));
    const ok = await sha256sum(dir, ["-c", "--strict", "SHA256SUMS"]);
    assert.equal(ok.code, 0, ok.stdout);
    for (const e of entries) assert.ok(ok.stdout.includes(`${e.name}: OK`), ok.stdout);
    // And it really checks: a changed file fails.
    await Deno.writeTextFile(join(dir, "empty"), "no longer empty");
    const bad = await sha256sum(dir, ["-c", "SHA256SUMS"]);
    assert.notEqual(bad.code, 0);
    assert.ok(bad.stdout.includes("empty: FAILED"), bad.stdout);
  });
});

Deno.test("parseSha256Sums: reads what sha256sum writes, text and binary mode", async () => {
  await withTempDir(async (dir) => {
    const entries = await realFiles(dir);
    const names = entries.map((e) => e.name);
    for (const mode of ["--text", "--binary"]) {
      const out = await sha256sum(dir, [mode, ...names]);
      assert.equal(out.code, 0);
      assert.deepEqual(parseSha256Sums(out.stdout), { entries, invalidLines: [] }, mode);
    }
  });
});

Deno.test("parseSha256Sums: round-trips formatSha256Sums", () => {
  const entries = [
    { name: "sbom.cyclonedx.json", sha256: A },
    { name: "dir/with spaces/file.tar.gz", sha256: B },
    { name: "*starts-with-star", sha256: A },
  ];
  assert.deepEqual(parseSha256Sums(formatSha256Sums(entries)), { entries, invalidLines: [] });
  assert.deepEqual(parseSha256Sums(""), { entries: [], invalidLines: [] });
});

Deno.test("parseSha256Sums: binary-mode *name is accepted", () => {
  assert.deepEqual(parseSha256Sums(`${A} *app.bin\n`), {
    entries: [{ name: "app.bin", sha256: A }],
    invalidLines: [],
  });
});

Deno.test("parseSha256Sums: invalid lines are reported by 1-based number", () => {
  const text = [
    `${A}  good-1`, // 1
    "not a checksum line", // 2
    "", // 3: blank, skipped
    `${A.slice(1)}  short-digest`, // 4
    `${A.toUpperCase()}x  bad`, // 5
    `${B}  good-2`, // 6
    `${A}\tname-after-tab`, // 7
    `${A}  `, // 8: no name
    "", // trailing newline
  ].join("\n");
  const got = parseSha256Sums(text);
  assert.deepEqual(got.entries, [{ name: "good-1", sha256: A }, { name: "good-2", sha256: B }]);
  assert.deepEqual(got.invalidLines, [2, 4, 5, 7, 8]);
});

// --- names with a backslash, a line feed or a carriage return -----------------------------------

const ODD_NAMES = ["back\\slash.bin", "new\nline.bin", "carriage\rreturn.bin", "\\\\n-literal"];

Deno.test("formatSha256Sums: escapes \\, LF and CR as GNU sha256sum does, flagging the line", () => {
  assert.equal(
    formatSha256Sums(ODD_NAMES.map((name) => ({ name, sha256: A }))),
    [
      `\\${A}  back\\\\slash.bin`,
      `\\${A}  new\\nline.bin`,
      `\\${A}  carriage\\rreturn.bin`,
      `\\${A}  \\\\\\\\n-literal`,
      "",
    ].join("\n"),
  );
});

Deno.test("formatSha256Sums: sha256sum writes the same bytes and -c accepts them", async () => {
  await withTempDir(async (dir) => {
    const entries = ODD_NAMES.map((name, i) => {
      Deno.writeTextFileSync(join(dir, name), `content ${i}`);
      return { name, sha256: createHash("sha256").update(`content ${i}`).digest("hex") };
    });
    const written = await sha256sum(dir, ODD_NAMES);
    assert.equal(written.code, 0);
    assert.equal(formatSha256Sums(entries), written.stdout, "byte-identical to GNU sha256sum");
    await Deno.writeTextFile(join(dir, "SHA256SUMS"), formatSha256Sums(entries));
    const check = await sha256sum(dir, ["-c", "--strict", "SHA256SUMS"]);
    assert.equal(check.code, 0, check.stdout);
  });
});

Deno.test("parseSha256Sums: reads escaped lines back; a bad escape is an invalid line", () => {
  const entries = ODD_NAMES.map((name) => ({ name, sha256: B }));
  assert.deepEqual(parseSha256Sums(formatSha256Sums(entries)), { entries, invalidLines: [] });
  const bad = [`\\${A}  a\\tb`, `\\${A}  trailing\\`, `${A}  plain\\name`, ""].join("\n");
  assert.deepEqual(parseSha256Sums(bad), {
    entries: [{ name: "plain\\name", sha256: A }],
    invalidLines: [1, 2],
  });
  assert.deepEqual(parseSha256Sums(`${A}  crlf.bin\r\n`).entries, [{
    name: "crlf.bin",
    sha256: A,
  }]);
});
