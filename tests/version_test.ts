import assert from "node:assert/strict";
import { TOOL, TOOL_NAME, VERSION } from "../src/version.ts";

Deno.test("VERSION is deno.json's version", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  assert.equal(typeof config.version, "string");
  assert.equal(VERSION, config.version);
  assert.match(VERSION, /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/, "a semantic version");
});

Deno.test("TOOL is the name and version together", () => {
  assert.equal(TOOL_NAME, "vouch");
  assert.deepEqual(TOOL, { name: "vouch", version: VERSION });
});
