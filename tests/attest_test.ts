// attest(): the library pipeline, with injected environment and clock.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { attest, type AttestOptions } from "../src/attest.ts";
import { isVouchError } from "../src/errors.ts";
import { generateKeyPair } from "../src/signing/keys.ts";
import { demoProject } from "./_cli.ts";

const CONTEXT = {
  release: "v1.0.0",
  repository: "https://github.com/example/demo-app",
  commitSha: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
  builderId: "https://github.com/example/demo-app/.github/workflows/release.yml@refs/tags/v1.0.0",
};
const WHEEL = "dist/demo_app-1.0.0-py3-none-any.whl";
const SDIST = "dist/demo_app-1.0.0.tar.gz";

async function setup(): Promise<{ project: string; out: string }> {
  const project = await demoProject();
  return { project, out: `${project}/../out` };
}

function options(project: string, out: string, extra: Partial<AttestOptions> = {}): AttestOptions {
  return { projectRoot: project, outputDir: out, subjects: ["dist/*"], ...CONTEXT, ...extra };
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await Deno.readTextFile(path));
}

// deno-lint-ignore no-explicit-any
type Json = any;

function metadata(
  statement: Json,
): { invocationId: string; startedOn: string; finishedOn: string } {
  return statement.predicate.runDetails.metadata;
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch {
    return false;
  }
}

Deno.test("attest: without SOURCE_DATE_EPOCH the times come from now(), start before finish", async () => {
  const { project, out } = await setup();
  const times = [new Date("2024-05-01T10:00:00.400Z"), new Date("2024-05-01T10:00:07.900Z")];
  let calls = 0;
  await attest(options(project, out, { now: () => times[Math.min(calls++, 1)] }));
  assert.equal(calls, 2, "now() is read at the start and at the end");
  const { startedOn, finishedOn } = metadata(await readJson(`${out}/provenance.intoto.json`));
  assert.equal(startedOn, "2024-05-01T10:00:00Z");
  assert.equal(finishedOn, "2024-05-01T10:00:07Z");
  assert.ok(startedOn <= finishedOn);
  const index: Json = await readJson(`${out}/supply_chain_attestation.json`);
  assert.equal(index.created, "2024-05-01T10:00:00Z");
});

Deno.test("attest: SOURCE_DATE_EPOCH fixes every timestamp and the clock is not read", async () => {
  const { project, out } = await setup();
  await attest(options(project, out, {
    env: { SOURCE_DATE_EPOCH: "1700000000" },
    now: () => assert.fail("the clock must not be read"),
  }));
  const { startedOn, finishedOn } = metadata(await readJson(`${out}/provenance.intoto.json`));
  assert.equal(startedOn, "2023-11-14T22:13:20Z");
  assert.equal(finishedOn, "2023-11-14T22:13:20Z");
  const index: Json = await readJson(`${out}/supply_chain_attestation.json`);
  assert.equal(index.created, "2023-11-14T22:13:20Z");
});

Deno.test("attest: the report's fields and paths; no key means a blocker", async () => {
  const { project, out } = await setup();
  const report = await attest(options(project, `${out}/`, { env: { SOURCE_DATE_EPOCH: "0" } }));
  assert.equal(report.passed, false);
  assert.equal(report.release, "v1.0.0");
  assert.equal(report.output_dir, `${out}/`);
  assert.equal(report.sbom_spdx_path, `${out}/sbom.spdx.json`);
  assert.equal(report.sbom_cyclonedx_path, `${out}/sbom.cyclonedx.json`);
  assert.equal(report.provenance_path, `${out}/provenance.intoto.json`);
  assert.equal(report.bundle_path, `${out}/supply_chain_attestation.json`);
  assert.equal(report.markdown_path, `${out}/supply_chain_attestation.md`);
  assert.equal(report.sha256sums_path, `${out}/SHA256SUMS`);
  assert.equal(report.signature_path, null);
  assert.equal(report.sigstore_bundle_path, null);
  assert.equal(report.sbom_spdx_sigstore_path, null);
  assert.equal(report.sbom_cyclonedx_sigstore_path, null);
  assert.deepEqual(report.blockers.map((b) => b.code), ["signature.missing_key"]);
  assert.ok(report.blockers[0].message && report.blockers[0].hint);
  assert.equal(report.markdown, await Deno.readTextFile(report.markdown_path));
  assert.ok(report.components > 0);
  assert.ok(report.sources.includes("uv.lock"), report.sources.join());
  for (const s of report.subjects) {
    const bytes = await Deno.readFile(`${project}/dist/${s.name}`);
    assert.equal(s.sha256, sha256(bytes), s.name);
    assert.equal(s.size, bytes.length);
  }
  const index: Json = await readJson(report.bundle_path);
  assert.equal(index.passed, false);
  assert.deepEqual(index.blockers, report.blockers);
  assert.deepEqual(index.signatures, []);
  assert.equal(index.inventory.components, report.components);
  for (const path of [report.sbom_spdx_path, report.sbom_cyclonedx_path, report.sha256sums_path]) {
    assert.ok(await exists(path), path);
  }
  assert.equal(await exists(`${out}/signature.hmac-sha256.json`), false);
});

Deno.test("attest: subjects are named by file name, sorted, in the statement and SHA256SUMS", async () => {
  const { project, out } = await setup();
  const report = await attest(
    options(project, out, { subjects: [`${project}/${SDIST}`, WHEEL, "dist/*.whl"] }),
  );
  const names = [WHEEL, SDIST].map((p) => p.slice("dist/".length));
  assert.deepEqual(report.subjects.map((s) => s.name), names);
  const statement: Json = await readJson(report.provenance_path);
  assert.deepEqual(statement.subject.map((s: Json) => s.name), names);
  assert.deepEqual(
    statement.subject.map((s: Json) => s.annotations.size),
    report.subjects.map((s) => s.size),
  );
  const sums = await Deno.readTextFile(report.sha256sums_path);
  assert.equal(sums, report.subjects.map((s) => `${s.sha256}  ${s.name}\n`).join(""));
});

Deno.test("attest: two subjects with one file name keep their paths relative to the root", async () => {
  const { project, out } = await setup();
  for (const os of ["linux", "mac"]) {
    await Deno.mkdir(`${project}/build/${os}`, { recursive: true });
    await Deno.writeTextFile(`${project}/build/${os}/app`, os);
  }
  const report = await attest(options(project, out, { subjects: ["build/*/app", WHEEL] }));
  assert.deepEqual(report.subjects.map((s) => s.name), [
    "build/linux/app",
    "build/mac/app",
    "demo_app-1.0.0-py3-none-any.whl",
  ]);
  const sums = await Deno.readTextFile(report.sha256sums_path);
  assert.ok(sums.includes("  build/mac/app\n"), sums);
});

Deno.test("attest: an HMAC key and a private key give every signature file, listed in the index", async () => {
  const { project, out } = await setup();
  const pair = await generateKeyPair("ed25519");
  const report = await attest(options(project, out, {
    hmacKey: "library-secret",
    signingKeyId: "ci-key",
    privateKeyPem: pair.privateKeyPem,
  }));
  assert.equal(report.passed, true);
  assert.deepEqual(report.blockers, []);
  assert.equal(report.signature_path, `${out}/signature.hmac-sha256.json`);
  assert.equal(report.sigstore_bundle_path, `${out}/provenance.sigstore.json`);
  assert.equal(report.sbom_spdx_sigstore_path, `${out}/sbom.spdx.sigstore.json`);
  assert.equal(report.sbom_cyclonedx_sigstore_path, `${out}/sbom.cyclonedx.sigstore.json`);
  for (const path of [report.sbom_spdx_sigstore_path, report.sbom_cyclonedx_sigstore_path]) {
    assert.ok((await Deno.stat(path!)).isFile, path!);
  }
  const index: Json = await readJson(report.bundle_path);
  assert.deepEqual(index.signatures, [
    {
      path: "signature.hmac-sha256.json",
      signs: "provenance.intoto.json",
      algorithm: "hmac-sha256",
      keyid: "ci-key",
    },
    {
      path: "provenance.sigstore.json",
      signs: "provenance.intoto.json",
      algorithm: "ed25519",
      keyid: pair.keyid,
    },
    {
      path: "sbom.spdx.sigstore.json",
      signs: "sbom.spdx.json",
      algorithm: "ed25519",
      keyid: pair.keyid,
    },
    {
      path: "sbom.cyclonedx.sigstore.json",
      signs: "sbom.cyclonedx.json",
      algorithm: "ed25519",
      keyid: pair.keyid,
    },
  ]);
  for (const s of index.signatures) assert.ok(await exists(`${out}/${s.path}`), s.path);
  const envelope: Json = await readJson(`${out}/signature.hmac-sha256.json`);
  assert.equal(
    atob(envelope.payload),
    await Deno.readTextFile(report.provenance_path),
    "the HMAC envelope carries the provenance bytes",
  );
  assert.equal(envelope.signatures[0].keyid, "ci-key");
  for await (const e of Deno.readDir(out)) {
    assert.ok(!(await Deno.readTextFile(`${out}/${e.name}`)).includes("library-secret"), e.name);
  }
});

Deno.test("attest: the index lists every other file with its SHA-256 and size", async () => {
  const { project, out } = await setup();
  await attest(options(project, out, { hmacKey: "k" }));
  const index: Json = await readJson(`${out}/supply_chain_attestation.json`);
  const onDisk: string[] = [];
  for await (const e of Deno.readDir(out)) onDisk.push(e.name);
  assert.deepEqual(
    index.files.map((f: Json) => f.path),
    onDisk.filter((n) => n !== "supply_chain_attestation.json").toSorted(),
  );
  for (const file of index.files) {
    const bytes = await Deno.readFile(`${out}/${file.path}`);
    assert.equal(file.sha256, sha256(bytes), file.path);
    assert.equal(file.size, bytes.length, file.path);
  }
  const kinds = Object.fromEntries(index.files.map((f: Json) => [f.path, f.kind]));
  assert.deepEqual(kinds, {
    "SHA256SUMS": "checksums",
    "provenance.intoto.json": "provenance",
    "sbom.cyclonedx.json": "sbom-cyclonedx",
    "sbom.spdx.json": "sbom-spdx",
    "signature.hmac-sha256.json": "signature-hmac",
    "supply_chain_attestation.md": "summary",
  });
});

Deno.test("attest: a local run derives a urn:uuid invocation id from release, commit and subjects", async () => {
  const ids: string[] = [];
  for (const release of ["v1.0.0", "v1.0.0", "v1.0.1"]) {
    const { project, out } = await setup();
    await attest(options(project, out, { release, env: { SOURCE_DATE_EPOCH: "0" } }));
    ids.push(metadata(await readJson(`${out}/provenance.intoto.json`)).invocationId);
  }
  for (const id of ids) {
    assert.match(
      id,
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  }
  assert.equal(ids[0], ids[1], "the same inputs give the same id");
  assert.notEqual(ids[0], ids[2], "another release gives another id");
});

Deno.test("attest: under GitHub Actions the invocation id is the run attempt URL", async () => {
  const { project, out } = await setup();
  await attest(options(project, out, {
    env: {
      GITHUB_ACTIONS: "true",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_REPOSITORY: "example/demo-app",
      GITHUB_RUN_ID: "4242",
      GITHUB_RUN_ATTEMPT: "3",
    },
  }));
  assert.equal(
    metadata(await readJson(`${out}/provenance.intoto.json`)).invocationId,
    "https://github.com/example/demo-app/actions/runs/4242/attempts/3",
  );
});

Deno.test("attest: output_dir.unsafe when the output is the project root or contains it", async () => {
  const { project } = await setup();
  const parent = `${project}/..`;
  for (const outputDir of [project, `${project}/`, parent]) {
    await assert.rejects(
      attest(options(project, outputDir)),
      (e: unknown) => isVouchError(e) && e.code === "output_dir.unsafe",
      outputDir,
    );
  }
  assert.ok(await exists(`${project}/pyproject.toml`), "the project is untouched");
  assert.equal(await exists(`${project}/supply_chain_attestation.json`), false);
});

Deno.test("attack: HMAC key confusion: attest refuses a public key as the HMAC secret; nothing written", async () => {
  const { project, out } = await setup();
  const pair = await generateKeyPair("ed25519");
  await assert.rejects(
    attest(options(project, out, { hmacKey: pair.publicKeyPem })),
    (e: unknown) => isVouchError(e) && e.code === "key.hmac_public",
  );
  assert.equal(await exists(out), false);
});

Deno.test("attest: project_root.missing for a missing or non-directory root; nothing written", async () => {
  const { project, out } = await setup();
  for (const root of [`${project}/missing`, `${project}/pyproject.toml`]) {
    await assert.rejects(
      attest(options(root, out)),
      (e: unknown) => isVouchError(e) && e.code === "project_root.missing",
      root,
    );
  }
  assert.equal(await exists(out), false);
});

Deno.test("attest: the statement names every other file, the signatures and the blockers", async () => {
  const { project, out } = await setup();
  const pair = await generateKeyPair("ecdsa-p256");
  await attest(options(project, out, { privateKeyPem: pair.privateKeyPem }));
  const statement: Json = await readJson(`${out}/provenance.intoto.json`);
  const run = statement.predicate.runDetails;
  const named: string[] = run.byproducts.map((b: Json) => b.name);
  assert.deepEqual(named, [
    "SHA256SUMS",
    "sbom.cyclonedx.json",
    "sbom.cyclonedx.sigstore.json",
    "sbom.spdx.json",
    "sbom.spdx.sigstore.json",
    "supply_chain_attestation.md",
  ]);
  for (const b of run.byproducts) {
    assert.equal(b.digest.sha256, sha256(await Deno.readFile(`${out}/${b.name}`)), b.name);
  }
  const index: Json = await readJson(`${out}/supply_chain_attestation.json`);
  assert.deepEqual(run.vouch_signatures, index.signatures);
  assert.deepEqual(run.vouch_blockers, []);
  // The summary cannot name the provenance (which names it) nor the signatures over it.
  const summary = await Deno.readTextFile(`${out}/supply_chain_attestation.md`);
  for (const file of index.files) {
    const listed = summary.includes(file.sha256);
    assert.equal(listed, named.includes(file.path) && file.path !== "supply_chain_attestation.md");
  }

  const blocked = await setup();
  const report = await attest(options(blocked.project, blocked.out));
  const unsigned: Json = await readJson(report.provenance_path);
  assert.deepEqual(unsigned.predicate.runDetails.vouch_blockers, report.blockers);
  assert.deepEqual(unsigned.predicate.runDetails.vouch_signatures, []);
});

/** Every evidence file's size. */
async function sizes(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for await (const e of Deno.readDir(dir)) {
    out.set(e.name, (await Deno.stat(`${dir}/${e.name}`)).size);
  }
  return out;
}

/** A project whose requirements.txt pins `count` packages (a generated large inventory). */
async function generatedProject(count: number): Promise<string> {
  const { project } = await setup();
  const lines = Array.from({ length: count }, (_, i) => `package-${i}==1.${i}.0`);
  await Deno.remove(`${project}/uv.lock`);
  await Deno.writeTextFile(`${project}/requirements.txt`, lines.join("\n") + "\n");
  return project;
}

Deno.test("attest output always verifies: evidence over the file limit is refused up front", async () => {
  const project = await generatedProject(2000);
  const out = `${project}/../big`;
  const base = options(project, out, { hmacKey: "k", env: { SOURCE_DATE_EPOCH: "0" } });
  await attest({ ...base, outputDir: `${out}-probe` });
  const largest = Math.max(...(await sizes(`${out}-probe`)).values());
  assert.ok(largest > 1_000_000, `the generated SBOM is large (${largest} bytes)`);

  await assert.rejects(
    attest({ ...base, maxFileBytes: largest - 1 }),
    (e: unknown) =>
      isVouchError(e) && e.code === "evidence.too_large" && /nothing was written/.test(e.message),
  );
  assert.equal(await exists(out), false, "nothing written");

  // At the limit, attest writes, and verify with the same limit reads every file.
  await attest({ ...base, maxFileBytes: largest });
  const { verify } = await import("../src/verify/mod.ts");
  const report = await verify(out, { hmacKey: "k", maxFileBytes: largest });
  assert.deepEqual(report.checks.filter((c) => !c.ok), []);
  const refused = await verify(out, { hmacKey: "k", maxFileBytes: largest - 1 });
  assert.ok(refused.checks.some((c) => c.code === "file.too_large"));
});

Deno.test("attest output always verifies: subject names with a newline and a backslash", async () => {
  if (Deno.build.os === "windows") return; // such names are not possible there
  const { project, out } = await setup();
  const names = ["new\nline.bin", "back\\slash.bin", "carriage\rreturn.bin"];
  for (const name of names) await Deno.writeTextFile(`${project}/dist/${name}`, name);
  const report = await attest(options(project, out, { hmacKey: "k", subjects: ["dist/*"] }));
  assert.deepEqual(
    report.subjects.map((s) => s.name).sort(),
    [...names, WHEEL.slice(5), SDIST.slice(5)].sort(),
  );
  const { verify } = await import("../src/verify/mod.ts");
  const verified = await verify(out, { hmacKey: "k", subjects: ["dist/*"], cwd: project });
  assert.deepEqual(verified.checks.filter((c) => !c.ok), []);
  assert.equal(verified.checks.filter((c) => c.code === "subject.verified").length, 5);

  // A release download: the subjects and SHA256SUMS side by side in one flat folder.
  const flat = `${project}/../download`;
  await Deno.mkdir(flat);
  for (const s of report.subjects) {
    await Deno.copyFile(`${project}/dist/${s.name}`, `${flat}/${s.name}`);
  }
  await Deno.copyFile(report.sha256sums_path, `${flat}/SHA256SUMS`);
  const check = await new Deno.Command("sha256sum", {
    args: ["-c", "--strict", "SHA256SUMS"],
    cwd: flat,
  })
    .output();
  assert.equal(check.code, 0, new TextDecoder().decode(check.stdout));
});

Deno.test("attest: an unread dependency file is the blocker inventory.unread_file, evidence written", async () => {
  const { project, out } = await setup();
  await Deno.mkdir(`${project}/ios`);
  await Deno.writeTextFile(`${project}/ios/Podfile.lock`, "PODS:\n");
  const warnings: string[] = [];
  const report = await attest(
    options(project, out, { hmacKey: "k", onWarning: (w) => warnings.push(w) }),
  );
  assert.equal(report.passed, false);
  assert.deepEqual(report.blockers.map((b) => b.code), ["inventory.unread_file"]);
  // Both ways out name the file, ready to paste (the exclusion said "--exclude it").
  assert.equal(
    report.blockers[0].hint,
    'pass --allow-unread "ios/Podfile.lock" to accept that, or --exclude "ios/Podfile.lock" if ' +
      "it is not part of the release",
  );
  assert.deepEqual(warnings, [
    "ios/Podfile.lock is not read: vouch has no reader for CocoaPods lockfiles",
  ]);
  const index: Json = await readJson(report.bundle_path);
  assert.deepEqual(index.inventory.unread, ["ios/Podfile.lock"]);
  assert.ok(
    report.markdown.includes(
      "Not read (the components they list are missing from the SBOMs): `ios/Podfile.lock`",
    ),
  );
  const bom: Json = await readJson(report.sbom_cyclonedx_path);
  assert.deepEqual(
    bom.metadata.properties.filter((p: Json) => p.name === "vouch:unread").map((p: Json) =>
      p.value
    ),
    ["ios/Podfile.lock"],
  );
  const spdx: Json = await readJson(report.sbom_spdx_path);
  assert.match(spdx.creationInfo.comment, /Found but not read: ios\/Podfile\.lock$/);

  const allowed = await attest(
    options(project, out, { hmacKey: "k", allowUnread: ["Podfile.lock"] }),
  );
  assert.equal(allowed.passed, true, "--allow-unread accepts it; it stays listed");
  assert.deepEqual((await readJson(allowed.bundle_path) as Json).inventory.unread, [
    "ios/Podfile.lock",
  ]);
  const excluded = await attest(options(project, out, { hmacKey: "k", exclude: ["ios"] }));
  assert.equal(excluded.passed, true);
  assert.deepEqual((await readJson(excluded.bundle_path) as Json).inventory.unread, []);
  // How the scan was narrowed is part of the signed provenance.
  const parameters = async (dir: string): Promise<Json> =>
    ((await readJson(`${dir}/provenance.intoto.json`)) as Json).predicate.buildDefinition
      .externalParameters;
  assert.deepEqual((await parameters(out)).exclude, ["ios"]);
  assert.equal((await parameters(out)).allowUnread, undefined);
  await attest(options(project, out, { hmacKey: "k", allowUnread: ["Podfile.lock"] }));
  assert.deepEqual((await parameters(out)).allowUnread, ["Podfile.lock"]);
  assert.equal((await parameters(out)).exclude, undefined);
});

Deno.test("attest: a project with no manifest is the blocker inventory.none (exit 1), not a pass", async () => {
  const { project, out } = await setup();
  await Deno.remove(`${project}/uv.lock`);
  await Deno.remove(`${project}/pyproject.toml`);
  const report = await attest(options(project, out, { hmacKey: "k" }));
  assert.equal(report.passed, false);
  assert.deepEqual(report.blockers.map((b) => b.code), ["inventory.none"]);
  assert.equal(report.components, 0);
  assert.ok(await exists(report.bundle_path), "evidence written");
});

Deno.test("attest: invalid input in a lockfile is exit-2 material: nothing written", async () => {
  const { project, out } = await setup();
  await Deno.writeFile(`${project}/requirements.txt`, new Uint8Array([0x66, 0x6c, 0xe9, 0x0a]));
  await assert.rejects(
    attest(options(project, out, { hmacKey: "k" })),
    (e: unknown) => isVouchError(e) && e.code === "inventory.requirements.invalid",
  );
  assert.equal(await exists(out), false);
});
