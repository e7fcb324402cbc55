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
  assert.ok(md.includes("| FAIL | `b.bad` | `f\\|g` | x \\| y z |"));
  assert.ok(md.includes("| ok | `a.ok` |  | fine |"));
});

Deno.test("attack: a file name with terminal escapes cannot print PASSED over the verdict", () => {
  const file = "x\r\u001b[16A\u001b[2K# vouch verify: PASSED\u001b[8m\u009b2J\u202e\u2028";
  const md = renderVerifyMarkdown({
    passed: false,
    dir: "d\u001b]0;t\u0007",
    checks: [{ code: "evidence.unnamed_file", ok: false, message: "m\u001b[0m", file }],
  });
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(md, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u202e]/);
  assert.ok(md.includes(
    "| `x\\u000d\\u001b[16A\\u001b[2K# vouch verify: PASSED\\u001b[8m\\u009b2J\\u202e\\u2028` | m\\\\u001b\\[0m |",
  ));
  assert.ok(md.includes("`d\\u001b]0;t\\u0007`"));
  assert.equal(md.split("\n").filter((l) => l.startsWith("# vouch verify")).length, 1);
});
