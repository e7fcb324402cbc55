import assert from "node:assert/strict";
import { jvmReaderInputs, syntheticNugetLock, syntheticPom } from "../../scripts/_bench_jvm.ts";

Deno.test("jvmReaderInputs: every synthetic file is read whole by its reader", () => {
  const inputs = jvmReaderInputs(60);
  assert.deepEqual(inputs.map((i) => i.reader), [
    "maven_pom",
    "gradle_lockfile",
    "gradle_verification",
    "nuget_lock",
    "msbuild",
  ]);
  for (const input of inputs) assert.equal(input.read(), 60, input.reader);
});

Deno.test("synthetic files are deterministic", () => {
  assert.equal(syntheticPom(10), syntheticPom(10));
  assert.equal(syntheticNugetLock(10), syntheticNugetLock(10));
});
