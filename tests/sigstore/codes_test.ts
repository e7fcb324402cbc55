import assert from "node:assert/strict";
import { failed, passed, SIGSTORE_CHECKS } from "../../src/sigstore/codes.ts";
import { REPO_ROOT } from "../_util.ts";

function sources(dir: string): string {
  let text = "";
  for (const entry of Deno.readDirSync(dir)) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory) text += sources(path);
    else if (entry.name.endsWith(".ts") && entry.name !== "codes.ts") {
      text += Deno.readTextFileSync(path);
    }
  }
  return text;
}

Deno.test("codes: every check code is documented in the README with its pass mark", () => {
  const rows = Deno.readTextFileSync(`${REPO_ROOT}/README.md`).split("\n")
    .filter((line) => line.startsWith("|"))
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()).join(" | "));
  for (const [code, spec] of Object.entries(SIGSTORE_CHECKS)) {
    const mark = "pass" in spec ? " ✓" : "";
    assert.ok(rows.includes(`\`${code}\`${mark} | ${spec.hint}`), `README row of ${code}`);
  }
});

Deno.test("codes: every code is reported somewhere, and passing codes only pass", () => {
  const src = sources(`${REPO_ROOT}/src/sigstore`);
  for (const [code, spec] of Object.entries(SIGSTORE_CHECKS)) {
    const maker = "pass" in spec ? "passed" : "failed";
    assert.ok(
      new RegExp(`${maker}\\(\\s*"${code.replace(".", "\\.")}"`).test(src) ||
        src.includes(`code: "${code}"`),
      `${code} is never reported by ${maker}()`,
    );
    const other = "pass" in spec ? "failed" : "passed";
    assert.equal(
      new RegExp(`${other}\\(\\s*"${code.replace(".", "\\.")}"`).test(src),
      false,
      `${code} is reported by ${other}()`,
    );
  }
  assert.deepEqual(passed("bundle.ok", "m"), { code: "bundle.ok", ok: true, message: "m" });
  assert.deepEqual(failed("bundle.json", "m"), { code: "bundle.json", ok: false, message: "m" });
  for (const spec of Object.values(SIGSTORE_CHECKS)) assert.ok(!spec.hint.includes("\n"));
});
