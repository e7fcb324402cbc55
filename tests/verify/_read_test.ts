import assert from "node:assert/strict";
import { MAX_JSON_OBJECT_MEMBERS } from "../../src/_util.ts";
import {
  isCanonicalText,
  MAX_FILE_BYTES,
  MAX_JSON_CONTAINERS,
  parseJson,
  readCapped,
} from "../../src/verify/_read.ts";
import { tempDir } from "./_bundle.ts";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

Deno.test("parseJson never throws", () => {
  assert.deepEqual(parseJson(enc('{"a":1}'), "f"), { value: { a: 1 } });
  assert.equal(parseJson(enc(""), "f").check?.code, "file.invalid_json");
  assert.equal(parseJson(new Uint8Array([0xc3, 0x28]), "f").check?.code, "file.invalid_json");
  assert.equal(parseJson(enc("[".repeat(100000)), "f").check?.code, "file.too_deep");
  assert.equal(parseJson(enc("[".repeat(64) + "]".repeat(64)), "f").check, undefined);
});

Deno.test("readCapped reads small files and refuses large ones by size", async () => {
  const dir = tempDir();
  Deno.writeTextFileSync(`${dir}/small`, "abc");
  assert.deepEqual((await readCapped(`${dir}/small`, "small")).check, undefined);
  using f = Deno.openSync(`${dir}/big`, { write: true, create: true });
  f.truncateSync(MAX_FILE_BYTES + 1);
  assert.equal((await readCapped(`${dir}/big`, "big")).check?.code, "file.too_large");
  assert.equal((await readCapped(dir, "dir")).check?.code, "file.not_regular");
  assert.equal((await readCapped(`${dir}/none`, "none")).check?.code, "file.unreadable");
});

Deno.test({
  name: "readCapped on a FIFO is file.not_regular and does not block",
  ignore: Deno.build.os === "windows",
  fn: async () => {
    const fifo = `${tempDir()}/pipe`;
    const made = await new Deno.Command("mkfifo", { args: [fifo] }).output();
    assert.ok(made.success, "mkfifo failed");
    // Opening a FIFO for reading with no writer blocks: fail the test instead of hanging it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), 5000);
    });
    try {
      const pending = readCapped(fifo, "pipe");
      const result = await Promise.race([pending, timeout]);
      if (result === "timeout") {
        // Give the blocked open a writer so the run ends with this failure instead of hanging.
        Deno.openSync(fifo, { write: true }).close();
        await pending;
        assert.fail("readCapped blocked on the FIFO");
      }
      assert.deepEqual(result, {
        check: { code: "file.not_regular", ok: false, message: "not a regular file", file: "pipe" },
      });
    } finally {
      clearTimeout(timer);
    }
  },
});

Deno.test("attack: ambiguous JSON: parseJson tells the text vouch writes from any other", () => {
  const canonical = '{\n  "a": "v1",\n  "n": 1\n}\n';
  assert.deepEqual(parseJson(enc(canonical), "f", { canonical: true }), {
    value: { a: "v1", n: 1 },
    canonical: true,
  });
  assert.deepEqual(parseJson(enc(canonical), "f"), { value: { a: "v1", n: 1 } });
  for (
    const text of [
      '{\n  "a": "v9",\n  "a": "v1",\n  "n": 1\n}\n', // duplicate key: the last wins
      '{\n  "a": "\\u00761",\n  "n": 1\n}\n', // an escape
      '{\n  "a": "v1",\n  "n": 1e0\n}\n', // another number form
      '{"a":"v1","n":1}\n', // other spacing
      '{\n  "a": "v1",\n  "n": 1\n}', // no final newline
    ]
  ) {
    const parsed = parseJson(enc(text), "f", { canonical: true });
    assert.ok(!parsed.check && parsed.canonical === false, text);
  }
  const bom = parseJson(enc(`\ufeff${canonical}`), "f", { canonical: true });
  assert.equal(bom.check?.code, "file.invalid_json");
});

Deno.test("attack: a dense JSON file ([{},{},…]) is file.too_complex before it is parsed", () => {
  const count = MAX_JSON_CONTAINERS + 1;
  const text = "[" + "{},".repeat(count - 2) + "{}]";
  const result = parseJson(new TextEncoder().encode(text), "supply_chain_attestation.json");
  assert.equal(result.check?.code, "file.too_complex");
  const fits = parseJson(new TextEncoder().encode("[" + "{},".repeat(999) + "{}]"), "x.json");
  assert.equal(fits.check, undefined);
});

Deno.test("attack: an object of millions of members is file.too_complex before it is parsed", () => {
  // V8's JSON.parse aborts the process on an object of over 8,388,607 members (a 64 MB file).
  const parts: string[] = [];
  for (let i = 0; i <= MAX_JSON_OBJECT_MEMBERS; i++) parts.push(`"${i.toString(36)}":0`);
  const result = parseJson(enc(`{${parts.join(",")}}`), "sbom.spdx.json");
  assert.equal(result.check?.code, "file.too_complex");
  assert.match(result.check?.message ?? "", /an object of 4000001 members/);
});

Deno.test("isCanonicalText: the text vouch writes for the value, compared chunk by chunk", () => {
  const zeros = new Array(50_000).fill(0);
  const canonical = `[\n${zeros.map(() => "  0").join(",\n")}\n]\n`;
  assert.equal(isCanonicalText(zeros, canonical), true);
  for (
    const text of [
      JSON.stringify(zeros),
      canonical.slice(0, -1),
      `${canonical}\n`,
      canonical.replace(/0\n\]/, "1\n]"),
      canonical.replace("  0", "  -0"),
    ]
  ) assert.equal(isCanonicalText(zeros, text), false, text.slice(-12));
  assert.equal(isCanonicalText({ a: "é" }, '{\n  "a": "é"\n}\n'), true);
  assert.equal(isCanonicalText({ a: "é" }, '{\n  "a": "\\u00e9"\n}\n'), false);
});
