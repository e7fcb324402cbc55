// Safe reads of manifests and lockfiles: regular files only, a size cap, strict
// UTF-8, and coded errors for a project root that cannot be entered.
import assert from "node:assert/strict";
import {
  checkProjectRoot,
  decodeText,
  decodeUtf8,
  MAX_MANIFEST_BYTES,
  readRegularFile,
} from "../../src/inventory/_files.ts";
import { isVouchError } from "../../src/errors.ts";
import { REPO_ROOT } from "../_util.ts";

function hasCode(code: string, message?: RegExp): (e: unknown) => boolean {
  return (e) => {
    assert.ok(isVouchError(e), `expected a VouchError, got ${e}`);
    assert.equal(e.code, code);
    if (message) assert.match(e.message, message);
    assert.ok(e.hint.length > 0);
    return true;
  };
}

Deno.test("readRegularFile: bytes of a file; undefined when missing or a folder", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.txt`, "idna==3.10\n");
    assert.equal(
      new TextDecoder().decode(readRegularFile(`${dir}/a.txt`, "a.txt")),
      "idna==3.10\n",
    );
    assert.equal(readRegularFile(`${dir}/missing.txt`, "missing.txt"), undefined);
    assert.equal(readRegularFile(`${dir}/a.txt/below`, "a.txt/below"), undefined);
    assert.equal(readRegularFile(dir, "."), undefined);
    await Deno.writeFile(`${dir}/empty`, new Uint8Array());
    assert.equal(readRegularFile(`${dir}/empty`, "empty")?.length, 0);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readRegularFile: a FIFO is refused at once (inventory.not_a_file), never read", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const made = await new Deno.Command("mkfifo", { args: [`${dir}/uv.lock`] }).output();
    assert.ok(made.success, "mkfifo");
    assert.throws(
      () => readRegularFile(`${dir}/uv.lock`, "uv.lock"),
      hasCode("inventory.not_a_file", /^uv\.lock is a FIFO \(named pipe\), not a regular file/),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readRegularFile: a file over the 256 MiB cap is inventory.file_too_large", async () => {
  assert.equal(MAX_MANIFEST_BYTES, 256 * 1024 * 1024);
  const dir = await Deno.makeTempDir();
  try {
    // A sparse file: the size is checked before anything is read.
    const file = await Deno.open(`${dir}/package-lock.json`, { create: true, write: true });
    await file.truncate(MAX_MANIFEST_BYTES + 1);
    file.close();
    assert.throws(
      () => readRegularFile(`${dir}/package-lock.json`, "package-lock.json"),
      hasCode("inventory.file_too_large", /larger than 256 MiB/),
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("decodeUtf8: strict UTF-8, a byte-order mark dropped", () => {
  const code = "inventory.x.invalid";
  assert.equal(decodeUtf8(new TextEncoder().encode("café ✓ 😀"), "f", code), "café ✓ 😀");
  assert.equal(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]), "f", code), "a");
  assert.equal(decodeUtf8(new Uint8Array(), "f", code), "");
});

Deno.test("decodeUtf8: invalid bytes are an error naming the file and line, never U+FFFD", () => {
  const line3 = (bytes: number[]): Uint8Array =>
    new Uint8Array([...new TextEncoder().encode("a\nb\nc"), ...bytes, 0x0a]);
  for (
    const [what, bytes] of [
      ["a lone Latin-1 byte", [0xe9]],
      ["an overlong encoding", [0xc0, 0xaf]],
      ["an encoded surrogate", [0xed, 0xa0, 0x80]],
      ["a truncated sequence", [0xe2, 0x82]],
      ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ] as const
  ) {
    assert.throws(
      () => decodeUtf8(line3([...bytes]), "uv.lock", "inventory.uv_lock.invalid"),
      hasCode("inventory.uv_lock.invalid", /^uv\.lock:3: the file is not valid UTF-8 \(byte 0x/),
      what,
    );
  }
});

Deno.test("decodeText: an XML file in the encoding it declares, strict UTF-8 otherwise", () => {
  const code = "inventory.maven_pom.invalid";
  const bytes = (...parts: (string | number[])[]): Uint8Array =>
    new Uint8Array(
      parts.flatMap((p) => typeof p === "string" ? [...new TextEncoder().encode(p)] : p),
    );
  const latin1 = bytes('<?xml version="1.0" encoding="ISO-8859-1"?>\n<a>Jos', [0xe9], "</a>");
  assert.ok(decodeText(latin1, "pom.xml", { code }).endsWith("\n<a>José</a>"));
  const cp1252 = bytes("<?xml version='1.0' encoding='windows-1252' ?><a>", [0x80], "</a>");
  assert.ok(decodeText(cp1252, "pom.xml", { code }).endsWith("<a>€</a>"));
  const utf16 = new Uint8Array([0xff, 0xfe, ...[..."<a/>"].flatMap((c) => [c.charCodeAt(0), 0])]);
  assert.equal(
    decodeText(utf16, "App.csproj", { code, utf16: true }),
    "<a/>",
    "UTF-16 by its byte-order mark",
  );
  // Declared UTF-8, no declaration, or not XML: strict UTF-8.
  for (
    const text of [
      bytes('<?xml version="1.0" encoding="UTF-8"?><a>', [0xe9], "</a>"),
      bytes("<a>", [0xe9], "</a>"),
      bytes('{"encoding": "latin1", "a": "', [0xe9], '"}'),
    ]
  ) {
    assert.throws(
      () => decodeText(text, "pom.xml", { code }),
      hasCode(code, /^pom\.xml:1: the file is not valid UTF-8/),
    );
  }
  assert.throws(
    () => decodeText(bytes('<?xml version="1.0" encoding="x-unknown"?><a/>'), "pom.xml", { code }),
    hasCode(code, /^pom\.xml:1: the declared encoding "x-unknown" is not one vouch can decode/),
  );
  // Invalid in the encoding it declares: the line of the first bad code unit, or of a byte left over.
  const units = (text: string): number[] => [...text].flatMap((c) => [c.charCodeAt(0), 0]);
  const loneSurrogate = new Uint8Array([
    0xff,
    0xfe,
    ...units("<a>\n\n"),
    0x00,
    0xd8,
    ...units("</a>"),
  ]);
  assert.throws(
    () => decodeText(loneSurrogate, "App.csproj", { code, utf16: true }),
    hasCode(code, /^App\.csproj:3: the file is not valid utf-16le, the encoding it declares$/),
  );
  const oddLength = new Uint8Array([0xff, 0xfe, ...units("<a>\n</a>\n"), 0x41]);
  assert.throws(
    () => decodeText(oddLength, "App.csproj", { code, utf16: true }),
    hasCode(code, /^App\.csproj:3: the file is not valid utf-16le/),
  );
});

Deno.test("decodeText: a UTF-16 byte-order mark is refused where the file's tool reads UTF-8 only", () => {
  const code = "inventory.gemfile.invalid";
  const units = (text: string, bigEndian = false): number[] =>
    [...text].flatMap((c) => bigEndian ? [0, c.charCodeAt(0)] : [c.charCodeAt(0), 0]);
  const gemfile = 'gem "rails"\n';
  for (
    const [bytes, mark] of [
      [[0xff, 0xfe, ...units(gemfile)], "0xff 0xfe"],
      [[0xfe, 0xff, ...units(gemfile, true)], "0xfe 0xff"],
      // The mark before UTF-8 text (an invalid UTF-8 file): as UTF-16 it read `≧浥...`, no gem.
      [[0xff, 0xfe, ...new TextEncoder().encode(gemfile)], "0xff 0xfe"],
    ] as const
  ) {
    assert.throws(
      () => decodeText(new Uint8Array(bytes), "Gemfile", { code }),
      hasCode(
        code,
        new RegExp(`^Gemfile:1: the file starts with a UTF-16 byte-order mark \\(${mark}\\)`),
      ),
    );
  }
  // Where the tool reads UTF-16 (pip's requirements files), the mark decides.
  const requirements = new Uint8Array([0xff, 0xfe, ...units("requests==2.0.0\n")]);
  assert.equal(
    decodeText(requirements, "requirements.txt", { code, utf16: true }),
    "requests==2.0.0\n",
  );
});

Deno.test("checkProjectRoot: a missing root or a file is project_root.missing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/file`, "");
    for (const root of [`${dir}/missing`, `${dir}/file`]) {
      assert.throws(() => checkProjectRoot(root), hasCode("project_root.missing"));
    }
    checkProjectRoot(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test({
  name: "a project root the user cannot enter (EACCES at lstat) is project_root.unreadable",
  fn: async () => {
    const dir = await Deno.makeTempDir();
    await Deno.chmod(dir, 0o755);
    await Deno.mkdir(`${dir}/locked/project`, { recursive: true });
    await Deno.chmod(`${dir}/locked`, 0o000);
    try {
      const root = `${dir}/locked/project`;
      let privileged = true;
      try {
        checkProjectRoot(root);
      } catch (error) {
        hasCode("project_root.unreadable")(error);
        privileged = false;
      }
      if (!privileged) return;
      // root may enter anything: check as an unprivileged user (the module imports no npm package).
      const script = `${dir}/check.ts`;
      await Deno.writeTextFile(
        script,
        `import { checkProjectRoot } from "${REPO_ROOT}/src/inventory/_files.ts";\n` +
          `try { checkProjectRoot(${JSON.stringify(root)}); console.log("no error"); }\n` +
          `catch (e) { console.log(JSON.stringify([e.code, e.message])); }\n`,
      );
      await Deno.chmod(script, 0o644);
      await Deno.mkdir(`${dir}/deno-dir`, { mode: 0o777 });
      await Deno.chmod(`${dir}/deno-dir`, 0o777);
      const setpriv = await new Deno.Command("setpriv", { args: ["--version"] }).output()
        .catch(() => undefined);
      if (!setpriv?.success) {
        console.log("skipping the unprivileged check: running as root without setpriv");
        return;
      }
      const out = await new Deno.Command("setpriv", {
        args: [
          "--reuid=65534",
          "--regid=65534",
          "--clear-groups",
          Deno.execPath(),
          "run",
          "--no-config",
          "--allow-read",
          script,
        ],
        env: { DENO_DIR: `${dir}/deno-dir`, NO_COLOR: "1" },
        clearEnv: true,
      }).output();
      const stdout = new TextDecoder().decode(out.stdout).trim();
      assert.equal(
        stdout,
        JSON.stringify([
          "project_root.unreadable",
          `--project-root ${root} cannot be read: permission denied`,
        ]),
        new TextDecoder().decode(out.stderr),
      );
    } finally {
      await Deno.chmod(`${dir}/locked`, 0o755);
      await Deno.remove(dir, { recursive: true });
    }
  },
});
