import assert from "node:assert/strict";
import { denoCliIo, EXIT } from "../../src/cli/io.ts";

Deno.test("denoCliIo: the given environment, real files, appends", async () => {
  const dir = await Deno.makeTempDir();
  const io = denoCliIo({ env: { A: "1" }, stderrIsTerminal: true });
  assert.deepEqual(io.env, { A: "1" });
  assert.equal(io.stderrIsTerminal, true);
  io.appendTextFile(`${dir}/out.txt`, "one\n");
  io.appendTextFile(`${dir}/out.txt`, "two\n");
  assert.equal(io.readTextFile(`${dir}/out.txt`), "one\ntwo\n");
  assert.throws(() => io.readTextFile(`${dir}/missing`));
  await Deno.remove(dir, { recursive: true });
});

Deno.test("denoCliIo: the process environment by default", () => {
  assert.equal(denoCliIo().env.PATH, Deno.env.get("PATH"));
});

Deno.test("EXIT codes: 0 passed, 1 blocked, 2 usage, 3 internal", () => {
  assert.deepEqual(EXIT, { ok: 0, blocked: 1, usage: 2, internal: 3 });
});
