import assert from "node:assert/strict";
import { renderVerifyMarkdown } from "../../src/verify/render.ts";
import { verify } from "../../src/verify/mod.ts";
import { bundle, goodOptions } from "./_bundle.ts";

Deno.test("renderVerifyMarkdown lists every check of a real report", async () => {
  const b = await bundle("both");
  const report = await verify(b.dir, goodOptions(b));
  const md = renderVerifyMarkdown(report);
  assert.match(md, /^# vouch verify: PASSED\n/);
  const rows = md.split("\n").filter((l) => /^\| (ok|FAIL) \|/.test(l));
  assert.equal(rows.length, report.checks.length);
  for (const [i, c] of report.checks.entries()) {
    assert.ok(rows[i].includes(`\`${c.code}\``), c.code);
  }
});

Deno.test("renderVerifyMarkdown marks failures and escapes table cells", () => {
  const md = renderVerifyMarkdown({
    passed: false,
    dir: "d",
    checks: [
      { code: "a.ok", ok: true, message: "fine" },
      { code: "b.bad", ok: false, message: "x | y\nz", file: "f|g" },
    ],
  });
  assert.match(md, /^# vouch verify: FAILED\n/);
  assert.ok(md.includes("(2 checks, 1 failed)"));
  assert.ok(md.includes("| FAIL | `b.bad` | f\\|g | x \\| y z |"));
  assert.ok(md.includes("| ok | `a.ok` |  | fine |"));
});
