// deno-lint-ignore-file no-explicit-any
// verify(): happy paths, usage errors, a tamper matrix, hostile files, keys, policy and a
// seeded fuzz test. Bundles come from attest() (see _bundle.ts).
import assert from "node:assert/strict";
import {
  deriveIndex,
  FILES,
  KIND_OF,
  OUTDATED_INDEX_SCHEMA,
  toJsonText,
} from "../../src/bundle/bundle_index.ts";
import { sha256Hex } from "../../src/digest.ts";
import { generateKeyPair, importPrivateKey } from "../../src/signing/keys.ts";
import { signDsse } from "../../src/signing/dsse.ts";
import { hmacSigner } from "../../src/signing/hmac.ts";
import { MAX_FILE_BYTES } from "../../src/verify/_read.ts";
import { toSigstoreBundle } from "../../src/signing/sigstore_bundle.ts";
import { isVouchError } from "../../src/errors.ts";
import { attest } from "../../src/attest.ts";
import { renderVerifyMarkdown, verify, type VerifyReport } from "../../src/verify/mod.ts";
import {
  bundle,
  CONTEXT,
  DEMO,
  EXPECT,
  failedCodes,
  flipByte,
  goodOptions,
  HMAC_KEY,
  tempDir,
  type TestBundle,
} from "./_bundle.ts";

function assertPassed(report: VerifyReport): void {
  assert.deepEqual(failedCodes(report), [], renderVerifyMarkdown(report));
  assert.equal(report.passed, true);
}

function assertFails(report: VerifyReport, code: string): void {
  assert.equal(report.passed, false);
  assert.ok(
    failedCodes(report).includes(code),
    `expected ${code}, got ${failedCodes(report).join(", ")}`,
  );
}

async function assertThrowsCode(run: () => Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(run, (e) => isVouchError(e) && e.code === code);
}

function readIndex(dir: string): Record<string, unknown> & {
  files: { path: string; kind: string; sha256: string; size: number }[];
} {
  return JSON.parse(Deno.readTextFileSync(`${dir}/${FILES.index}`));
}

function writeIndex(dir: string, index: unknown): void {
  Deno.writeTextFileSync(`${dir}/${FILES.index}`, toJsonText(index));
}

/** Rewrites a file and updates its digest and size in the index, as an attacker would. */
async function replaceListed(dir: string, path: string, bytes: Uint8Array): Promise<void> {
  Deno.writeFileSync(`${dir}/${path}`, bytes);
  const index = readIndex(dir);
  const entry = index.files.find((f) => f.path === path)!;
  entry.sha256 = await sha256Hex(bytes);
  entry.size = bytes.length;
  writeIndex(dir, index);
}

/**
 * What an attacker does after changing files: rewrites every index entry's digest and size
 * from the files as they now are (entries of removed files are dropped), in vouch's JSON form.
 * Leaves an index that does not parse as it is.
 */
async function reseal(dir: string): Promise<void> {
  let index;
  try {
    index = readIndex(dir);
  } catch {
    return;
  }
  if (!Array.isArray(index.files)) return;
  const files = [];
  for (const entry of index.files) {
    let bytes: Uint8Array;
    try {
      bytes = Deno.readFileSync(`${dir}/${entry.path}`);
    } catch {
      continue;
    }
    files.push({ ...entry, sha256: await sha256Hex(bytes), size: bytes.length });
  }
  writeIndex(dir, { ...index, files });
}

/** Lists an extra file in the index (with its real digest). */
function listExtra(dir: string, path: string, kind = "summary", sha256?: string, size = 0): void {
  const index = readIndex(dir);
  index.files.push({ path, kind, sha256: sha256 ?? "0".repeat(64), size });
  writeIndex(dir, index);
}

for (const signing of ["hmac", "ed25519", "ecdsa-p256", "both"] as const) {
  Deno.test(`happy path: ${signing}`, async () => {
    const b = await bundle(signing);
    const report = await verify(b.dir, goodOptions(b));
    assertPassed(report);
    const codes = report.checks.map((c) => c.code);
    for (const code of ["index.ok", "statement.ok", "sbom.spdx_ok", "sbom.cyclonedx_ok"]) {
      assert.ok(codes.includes(code), code);
    }
    assert.equal(codes.filter((c) => c === "subject.verified").length, 2);
    assert.equal(codes.filter((c) => c.startsWith("policy.") && c.endsWith("_ok")).length, 4);
    if (signing !== "ed25519" && signing !== "ecdsa-p256") {
      assert.ok(codes.includes("hmac.signature.verified"));
    }
    if (signing !== "hmac") {
      for (const p of ["sigstore", "spdx_sigstore", "cyclonedx_sigstore"]) {
        assert.ok(codes.includes(`${p}.signature.verified`), p);
      }
    }
  });
}

Deno.test("happy path: subjects copied to another directory, report is JSON-able", async () => {
  const b = await bundle("both");
  const elsewhere = tempDir();
  for (const name of ["demo_app-1.0.0-py3-none-any.whl", "demo_app-1.0.0.tar.gz"]) {
    Deno.copyFileSync(`${DEMO}/dist/${name}`, `${elsewhere}/${name}`);
  }
  const report = await verify(b.dir, { ...goodOptions(b), subjects: ["*"], cwd: elsewhere });
  assertPassed(report);
  assert.deepEqual(JSON.parse(JSON.stringify(report)), report);
  const subjectFiles = report.checks.filter((c) => c.code === "subject.verified").map((c) =>
    c.file
  );
  assert.deepEqual(subjectFiles, ["demo_app-1.0.0-py3-none-any.whl", "demo_app-1.0.0.tar.gz"]);
});

Deno.test("subjects sharing a file name verify by absolute paths from any working directory", async () => {
  const project = tempDir();
  for (const [path, text] of [["linux/app", "l"], ["mac/app", "m"], ["other.tgz", "o"]]) {
    Deno.mkdirSync(`${project}/dist/${path.slice(0, path.lastIndexOf("/") + 1)}`, {
      recursive: true,
    });
    Deno.writeTextFileSync(`${project}/dist/${path}`, text);
  }
  Deno.copyFileSync(`${DEMO}/uv.lock`, `${project}/uv.lock`);
  Deno.copyFileSync(`${DEMO}/pyproject.toml`, `${project}/pyproject.toml`);
  const out = `${tempDir()}/evidence`;
  await attest({
    ...CONTEXT,
    projectRoot: project,
    subjects: ["dist/*/app", "dist/other.tgz"],
    outputDir: out,
    hmacKey: HMAC_KEY,
    env: {},
  });
  const given = ["linux/app", "mac/app", "other.tgz"].map((p) => `${project}/dist/${p}`);
  for (const cwd of [tempDir(), "/", project]) {
    const report = await verify(out, { hmacKey: HMAC_KEY, subjects: given, cwd });
    assertPassed(report);
    assert.equal(report.checks.filter((c) => c.code === "subject.verified").length, 3, cwd);
  }
});

Deno.test("keys not given: signatures are reported not checked; required signature fails", async () => {
  const b = await bundle("both");
  const report = await verify(b.dir);
  assert.ok(report.checks.some((c) => c.code === "hmac.not_checked" && c.ok));
  assert.ok(report.checks.some((c) => c.code === "sigstore.not_checked" && c.ok));
  assert.deepEqual(failedCodes(report), ["signature.required"]);
  assertPassed(await verify(b.dir, { requireSignature: false }));
  const onlyHmac = await verify(b.dir, { hmacKey: HMAC_KEY });
  assertPassed(onlyHmac);
});

Deno.test("usage errors throw VouchError", async () => {
  const b = await bundle("hmac");
  await assertThrowsCode(() => verify(`${b.dir}/nope`), "verify.dir_missing");
  await assertThrowsCode(() => verify(`${b.dir}/${FILES.index}`), "verify.dir_missing");
  // A folder with no evidence file at all (vouch verify /, a project folder): a usage error.
  await assertThrowsCode(() => verify("/"), "verify.not_evidence");
  const empty = Deno.makeTempDirSync();
  await assertThrowsCode(() => verify(empty), "verify.not_evidence");
  Deno.removeSync(empty);
  // A system path Deno's sandbox keeps vouch out of (readable under --allow-all: no evidence then).
  await assert.rejects(
    verify("/sys"),
    (e: unknown) =>
      isVouchError(e) && ["verify.dir_unreadable", "verify.not_evidence"].includes(e.code),
  );
  await assertThrowsCode(() => verify(b.dir, { publicKeys: ["not a pem"] }), "key.malformed");
  const pair = await generateKeyPair("ed25519");
  await assertThrowsCode(
    () => verify(b.dir, { publicKeys: [pair.privateKeyPem] }),
    "key.not_public",
  );
  await assertThrowsCode(
    () => verify(b.dir, { subjects: ["dist/*.exe"], cwd: DEMO }),
    "subject.missing.dist/*.exe",
  );
});

// --- tamper matrix -------------------------------------------------------------------------

const TAMPER_EXPECTED: Record<string, string[]> = {
  [FILES.index]: [
    "file.invalid_json",
    "index.not_canonical",
    "index.malformed",
    "index.schema",
    "index.context_mismatch",
    "index.blockers_mismatch",
    "index.subjects_mismatch",
    "index.files_mismatch",
    "index.signatures_mismatch",
    "index.inventory_mismatch",
    "index.unknown_field",
  ],
  // The signatures no longer sign it.
  [FILES.provenance]: ["hmac.payload_mismatch", "sigstore.payload_mismatch"],
};
/** Any other file: its digest no longer matches the index (and, byproducts, the provenance). */
const TAMPER_DEFAULT = ["evidence.digest_mismatch", "index.files_mismatch"];

Deno.test("tamper matrix: one flipped byte in any file (start, middle, end) fails", async () => {
  const template = await bundle("both");
  const names = [...Deno.readDirSync(template.dir)].map((e) => e.name).sort();
  assert.equal(names.length, 10);
  for (const name of names) {
    const size = Deno.statSync(`${template.dir}/${name}`).size;
    for (const offset of [0, Math.floor(size / 2), size - 2, size - 1]) {
      for (const mask of [0x01, 0x20]) {
        const b = await bundle("both");
        flipByte(`${b.dir}/${name}`, offset, mask);
        const report = await verify(b.dir, goodOptions(b));
        const where = `${name}@${offset}^${mask}`;
        assert.equal(report.passed, false, where);
        const expected = TAMPER_EXPECTED[name] ?? TAMPER_DEFAULT;
        const failed = failedCodes(report);
        assert.ok(expected.some((c) => failed.includes(c)), `${where}: ${failed.join(", ")}`);
      }
    }
  }
});

Deno.test("tamper matrix: a flipped byte in a subject fails", async () => {
  const b = await bundle("both");
  const copies = tempDir();
  for (const name of ["demo_app-1.0.0-py3-none-any.whl", "demo_app-1.0.0.tar.gz"]) {
    Deno.copyFileSync(`${DEMO}/dist/${name}`, `${copies}/${name}`);
  }
  flipByte(`${copies}/demo_app-1.0.0.tar.gz`, 10);
  const report = await verify(b.dir, { ...goodOptions(b), subjects: ["*"], cwd: copies });
  assertFails(report, "subject.digest_mismatch");
  assert.equal(failedCodes(report).length, 1);
});

Deno.test("subjects: unknown, not given and ambiguous files are reported", async () => {
  const b = await bundle("hmac");
  const dir = tempDir();
  Deno.mkdirSync(`${dir}/a`);
  Deno.mkdirSync(`${dir}/b`);
  Deno.copyFileSync(`${DEMO}/dist/demo_app-1.0.0.tar.gz`, `${dir}/a/demo_app-1.0.0.tar.gz`);
  Deno.copyFileSync(`${DEMO}/dist/demo_app-1.0.0.tar.gz`, `${dir}/b/demo_app-1.0.0.tar.gz`);
  Deno.writeTextFileSync(`${dir}/other.bin`, "x");
  const report = await verify(b.dir, {
    hmacKey: HMAC_KEY,
    subjects: ["*/*", "other.bin"],
    cwd: dir,
  });
  assert.deepEqual(failedCodes(report).sort(), [
    "subject.ambiguous",
    "subject.ambiguous",
    "subject.not_given",
    "subject.unknown",
  ]);
});

Deno.test("removed file, unnamed file or folder, symlink escaping the directory", async () => {
  const removed = await bundle("hmac");
  Deno.removeSync(`${removed.dir}/${FILES.spdx}`);
  assertFails(await verify(removed.dir, goodOptions(removed)), "evidence.file_missing");

  const extra = await bundle("hmac");
  Deno.writeTextFileSync(`${extra.dir}/notes.txt`, "hello");
  Deno.mkdirSync(`${extra.dir}/sub`);
  Deno.writeTextFileSync(`${extra.dir}/sub/x`, "hello");
  Deno.mkdirSync(`${extra.dir}/empty`);
  const report = await verify(extra.dir, goodOptions(extra));
  assert.deepEqual(
    report.checks.filter((c) => !c.ok).map((c) => `${c.code}:${c.file}`),
    [
      "evidence.unnamed_file:empty/",
      "evidence.unnamed_file:notes.txt",
      "evidence.unnamed_file:sub/",
    ],
  );

  const link = await bundle("hmac");
  Deno.symlinkSync("/etc/passwd", `${link.dir}/passwd`);
  assertFails(await verify(link.dir, goodOptions(link)), "evidence.unnamed_file");

  // A listed file replaced by a symlink to a copy outside the directory: refused, not read.
  const swapped = await bundle("hmac");
  const outside = `${tempDir()}/${FILES.markdown}`;
  Deno.copyFileSync(`${swapped.dir}/${FILES.markdown}`, outside);
  Deno.removeSync(`${swapped.dir}/${FILES.markdown}`);
  Deno.symlinkSync(outside, `${swapped.dir}/${FILES.markdown}`);
  const escaped = await verify(swapped.dir, goodOptions(swapped));
  assert.deepEqual(failedCodes(escaped), ["evidence.outside_dir"]);
});

Deno.test("index entries are never opened: ../x, /etc/passwd, duplicates, kinds", async () => {
  for (const path of ["../x", "/etc/passwd", "a\\b", "./SHA256SUMS", "other.json"]) {
    const b = await bundle("hmac");
    listExtra(b.dir, path);
    const report = await verify(b.dir, goodOptions(b));
    assert.deepEqual(failedCodes(report), ["index.files_mismatch"], path);
  }
  const dup = await bundle("hmac");
  const index = readIndex(dup.dir);
  index.files.push({ ...index.files[0] });
  writeIndex(dup.dir, index);
  assertFails(await verify(dup.dir, goodOptions(dup)), "index.files_mismatch");
  const kind = await bundle("hmac");
  const changed = readIndex(kind.dir);
  changed.files[0].kind = "summary";
  writeIndex(kind.dir, changed);
  assertFails(await verify(kind.dir, goodOptions(kind)), "index.files_mismatch");
});

// --- hostile contents ------------------------------------------------------------------------

Deno.test("truncated, empty, non-JSON and deeply nested files fail clearly", async () => {
  const cases: [string, Uint8Array | string, string][] = [
    [FILES.provenance, '{"_type": "https://in-toto.io/Statement/v1", "sub', "file.invalid_json"],
    [FILES.provenance, "", "file.invalid_json"],
    [FILES.spdx, "not json at all", "file.invalid_json"],
    [FILES.cyclonedx, new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]), "file.invalid_json"],
    [FILES.cyclonedx, "[".repeat(100000), "file.too_deep"],
    [FILES.hmacSignature, "[".repeat(100000) + "]".repeat(100000), "file.too_deep"],
    [FILES.provenance, "[]", "statement.type"],
    [FILES.spdx, "{}", "sbom.spdx_invalid"],
    [FILES.cyclonedx, '{"bomFormat": "CycloneDX", "specVersion": "1.5"}', "sbom.cyclonedx_invalid"],
  ];
  for (const [path, content, code] of cases) {
    const b = await bundle("both");
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    await replaceListed(b.dir, path, bytes);
    assertFails(await verify(b.dir, goodOptions(b)), code);
  }
  for (const content of ["", "{", "[".repeat(100000), "null"]) {
    const b = await bundle("hmac");
    Deno.writeTextFileSync(`${b.dir}/${FILES.index}`, content);
    const report = await verify(b.dir, goodOptions(b));
    assert.equal(report.passed, false);
    assert.ok(
      ["file.invalid_json", "file.too_deep", "index.malformed"].some((c) =>
        failedCodes(report).includes(c)
      ),
    );
  }
  const noIndex = await bundle("hmac");
  Deno.removeSync(`${noIndex.dir}/${FILES.index}`);
  assertFails(await verify(noIndex.dir, goodOptions(noIndex)), "index.missing");
});

Deno.test("attack: a few-MB file whose canonical text is longer than a string is a finding, never a crash", async () => {
  // 5 million entries nested 60 levels deep: 10 MB of JSON, 600 million characters indented.
  // The SBOM is parsed as canonical and wrapped in its statement; the others' form is rebuilt.
  const wide = "[".repeat(60) + "0,".repeat(5_000_000) + "0" + "]".repeat(60);
  const value = JSON.parse(wide);
  const sigstore = (b: string): string => {
    const bundle = JSON.parse(Deno.readTextFileSync(`${b}/${FILES.sigstoreBundle}`));
    return JSON.stringify({ ...bundle, verificationMaterial: { tlogEntries: value } });
  };
  const hmac = (b: string): string => {
    const envelope = JSON.parse(Deno.readTextFileSync(`${b}/${FILES.hmacSignature}`));
    return JSON.stringify({ ...envelope, payloadType: value });
  };
  const cases: [string, (b: string) => string, string][] = [
    [FILES.spdx, () => wide, "file.not_canonical"],
    [FILES.hmacSignature, hmac, "hmac.not_canonical"],
    [FILES.sigstoreBundle, sigstore, "sigstore.not_canonical"],
  ];
  for (const [path, content, code] of cases) {
    const b = await bundle("both");
    Deno.writeTextFileSync(`${b.dir}/${path}`, content(b.dir));
    assertFails(await verify(b.dir, goodOptions(b)), code);
  }
});

Deno.test("a file over the 256 MiB limit is refused from its size, named or not", async () => {
  const b = await bundle("hmac");
  const path = `${b.dir}/${FILES.markdown}`;
  using file = Deno.openSync(path, { write: true, truncate: true });
  file.truncateSync(MAX_FILE_BYTES + 1); // sparse: written instantly
  const report = await verify(b.dir, goodOptions(b));
  assert.deepEqual(failedCodes(report), ["file.too_large"]);
  const index = await bundle("hmac");
  using big = Deno.openSync(`${index.dir}/${FILES.index}`, { write: true });
  big.truncateSync(MAX_FILE_BYTES + 1);
  assertFails(await verify(index.dir, goodOptions(index)), "file.too_large");
});

// --- keys and signatures ----------------------------------------------------------------------

Deno.test("wrong key, wrong key type, wrong HMAC secret fail", async () => {
  const ed = await bundle("ed25519");
  const other = await generateKeyPair("ed25519");
  const ecdsa = await generateKeyPair("ecdsa-p256");
  for (const key of [other.publicKeyPem, ecdsa.publicKeyPem]) {
    const report = await verify(ed.dir, { ...goodOptions(ed), publicKeys: [key] });
    assertFails(report, "sigstore.key_unknown");
    assertFails(report, "signature.required");
    assertFails(report, "policy.unsigned");
  }
  const hmac = await bundle("hmac");
  const wrong = await verify(hmac.dir, { ...goodOptions(hmac), hmacKey: "not-the-secret" });
  assertFails(wrong, "hmac.signature.invalid");
  assertFails(wrong, "signature.required");
});

/** Replaces the provenance Sigstore bundle with one made from the given parts. */
async function resign(
  b: TestBundle,
  parts: { privateKeyPem: string; payload?: Uint8Array; hint?: string },
): Promise<void> {
  const key = await importPrivateKey(parts.privateKeyPem);
  const payload = parts.payload ?? Deno.readFileSync(`${b.dir}/${FILES.provenance}`);
  const envelope = await signDsse(payload, [key.signer]);
  const hint = parts.hint ?? key.keyid;
  envelope.signatures[0].keyid = hint;
  const text = toJsonText(toSigstoreBundle(envelope, { hint }));
  await replaceListed(b.dir, FILES.sigstoreBundle, new TextEncoder().encode(text));
}

Deno.test("key id mismatch, signature by another key under the right id, other payload", async () => {
  const b = await bundle("ed25519");
  const attacker = await generateKeyPair("ed25519");
  const victimId = (await import("../../src/signing/keys.ts")).importPublicKey(b.publicKeyPem!);
  const id = (await victimId).keyid;

  const forged = await bundle("ed25519");
  await resign(forged, { privateKeyPem: attacker.privateKeyPem, hint: id });
  assertFails(await verify(forged.dir, goodOptions(forged)), "sigstore.signature.invalid");

  const hint = await bundle("ed25519");
  const bundleJson = JSON.parse(Deno.readTextFileSync(`${hint.dir}/${FILES.sigstoreBundle}`));
  bundleJson.verificationMaterial.publicKey.hint = attacker.keyid;
  await replaceListed(
    hint.dir,
    FILES.sigstoreBundle,
    new TextEncoder().encode(toJsonText(bundleJson)),
  );
  assertFails(await verify(hint.dir, goodOptions(hint)), "sigstore.hint_mismatch");

  // A valid signature by an unrelated key over a different payload, trusted by the verifier.
  const other = await bundle("ed25519");
  await resign(other, {
    privateKeyPem: attacker.privateKeyPem,
    payload: new TextEncoder().encode('{"_type": "something else"}\n'),
  });
  const report = await verify(other.dir, {
    ...goodOptions(other),
    publicKeys: [attacker.publicKeyPem],
  });
  assertFails(report, "sigstore.payload_mismatch");
  assertFails(report, "policy.unreadable");
  assertFails(report, "sigstore.keyid_mismatch");
});

Deno.test("HMAC envelope with zero or duplicate signatures, wrong payload type", async () => {
  const edits: [(e: { payloadType: string; signatures: unknown[] }) => void, string][] = [
    [(e) => (e.signatures = []), "hmac.signature.none"],
    [(e) => e.signatures.push(e.signatures[0]), "hmac.signature.duplicate"],
    [(e) => (e.payloadType = "text/plain"), "hmac.payload_type"],
  ];
  for (const [edit, code] of edits) {
    const b = await bundle("hmac");
    const envelope = JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.hmacSignature}`));
    edit(envelope);
    await replaceListed(b.dir, FILES.hmacSignature, new TextEncoder().encode(toJsonText(envelope)));
    assertFails(await verify(b.dir, goodOptions(b)), code);
  }
  const zero = await bundle("ed25519");
  const sig = JSON.parse(Deno.readTextFileSync(`${zero.dir}/${FILES.sigstoreBundle}`));
  sig.dsseEnvelope.signatures = [];
  await replaceListed(zero.dir, FILES.sigstoreBundle, new TextEncoder().encode(toJsonText(sig)));
  assertFails(await verify(zero.dir, goodOptions(zero)), "sigstore.malformed");
});

// --- policy ---------------------------------------------------------------------------------

Deno.test("policy: each expectation mismatch fails", async () => {
  const b = await bundle("both");
  for (const field of ["repository", "commit", "builder", "release"] as const) {
    const report = await verify(b.dir, { ...goodOptions(b), expect: { ...EXPECT, [field]: "x" } });
    assert.deepEqual(failedCodes(report), [`policy.${field}_mismatch`]);
  }
  const unsigned = await verify(b.dir, { expect: { release: "v1.0.0" }, requireSignature: false });
  assert.deepEqual(failedCodes(unsigned), ["policy.unsigned"]);
});

Deno.test("attacker edits the provenance AND the index digests: signed payload differs", async () => {
  const b = await bundle("both");
  const statement = JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.provenance}`));
  statement.predicate.buildDefinition.externalParameters.repository = "https://evil.example/x";
  await replaceListed(b.dir, FILES.provenance, new TextEncoder().encode(toJsonText(statement)));
  const index = readIndex(b.dir);
  index.repository = "https://evil.example/x";
  writeIndex(b.dir, index);
  const report = await verify(b.dir, {
    ...goodOptions(b),
    expect: { repository: "https://evil.example/x" },
  });
  assert.ok(!failedCodes(report).some((c) => c.startsWith("index.")), failedCodes(report).join());
  assertFails(report, "hmac.payload_mismatch");
  assertFails(report, "sigstore.payload_mismatch");
  assertFails(report, "policy.repository_mismatch");
});

// --- attacks on evidence whose signatures stay valid (issue 8 §A) ---------------------------------

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

Deno.test("attack: HMAC-only evidence, a component downgraded in sbom.cyclonedx.json, index resealed", async () => {
  const b = await bundle("hmac");
  const path = `${b.dir}/${FILES.cyclonedx}`;
  const edited = Deno.readTextFileSync(path).replaceAll('"2.32.3"', '"2.0.0"')
    .replaceAll("requests@2.32.3", "requests@2.0.0");
  assert.notEqual(edited, Deno.readTextFileSync(path));
  await replaceListed(b.dir, FILES.cyclonedx, encode(edited));
  const report = await verify(b.dir, goodOptions(b));
  assert.deepEqual(failedCodes(report), ["evidence.digest_mismatch"]);
  assert.equal(report.checks.find((c) => !c.ok)?.file, FILES.cyclonedx);
});

Deno.test("attack: key-signed evidence, sbom.*.sigstore.json deleted and dropped from the index", async () => {
  const b = await bundle("ed25519");
  for (const name of [FILES.spdxSigstoreBundle, FILES.cyclonedxSigstoreBundle]) {
    Deno.removeSync(`${b.dir}/${name}`);
  }
  const index = readIndex(b.dir);
  index.files = index.files.filter((f) =>
    !f.path.startsWith("sbom.") || !f.path.endsWith("sigstore.json")
  );
  index.signatures = (index.signatures as { path: string }[]).filter((s) =>
    s.path === FILES.sigstoreBundle
  );
  writeIndex(b.dir, index);
  const report = await verify(b.dir, goodOptions(b));
  assert.deepEqual(
    report.checks.filter((c) => !c.ok).map((c) => `${c.code}:${c.file}`),
    [
      `evidence.file_missing:${FILES.cyclonedxSigstoreBundle}`,
      `evidence.file_missing:${FILES.spdxSigstoreBundle}`,
      `index.signatures_mismatch:${FILES.index}`,
    ],
  );
});

Deno.test('attack: supply_chain_attestation.md edited ("Reviewed and approved"), index resealed', async () => {
  for (const signing of ["hmac", "ed25519"] as const) {
    const b = await bundle(signing);
    const md = Deno.readTextFileSync(`${b.dir}/${FILES.markdown}`);
    await replaceListed(
      b.dir,
      FILES.markdown,
      encode(`${md}\nReviewed and approved by security.\n`),
    );
    const report = await verify(b.dir, goodOptions(b));
    assert.deepEqual(failedCodes(report), ["evidence.digest_mismatch"], signing);
  }
});

Deno.test("attack: unsigned index fields edited: subjects[0].size, an extra field, passed", async () => {
  const edits: [(index: Record<string, any>) => void, string][] = [
    [(i) => (i.subjects[0].size = 1), "index.subjects_mismatch"],
    [(i) => (i.approved_by = "security"), "index.unknown_field"],
    [(i) => (i.subjects[0].verified = true), "index.subjects_mismatch"],
    [(i) => (i.inventory.unread = ["ios/Podfile.lock"]), "index.inventory_mismatch"],
    [(i) => (i.builder_id = "https://github.com/trusted/builder"), "index.context_mismatch"],
    [(i) => i.files.reverse(), "index.files_mismatch"],
  ];
  for (const [edit, code] of edits) {
    const b = await bundle("hmac");
    const index = readIndex(b.dir);
    edit(index);
    writeIndex(b.dir, index);
    assert.deepEqual(failedCodes(await verify(b.dir, goodOptions(b))), [code], code);
  }
});

Deno.test("attack: blocked evidence shown as passed in the index", async () => {
  const { dir } = await bundle("none");
  const blocked = await verify(dir, { requireSignature: false });
  assert.deepEqual(failedCodes(blocked), ["index.blocked"]);
  assert.match(blocked.checks.find((c) => !c.ok)!.message, /signature\.missing_key/);
  const index = readIndex(dir);
  index.passed = true;
  index.blockers = [];
  writeIndex(dir, index);
  // The blockers are in the provenance: the index cannot lift them.
  assert.deepEqual(failedCodes(await verify(dir, { requireSignature: false })), [
    "index.blockers_mismatch",
    "index.blocked",
  ]);
});

Deno.test("attack: a signature file relabelled or reformatted, index resealed", async () => {
  const relabel = await bundle("hmac");
  const envelope = JSON.parse(Deno.readTextFileSync(`${relabel.dir}/${FILES.hmacSignature}`));
  envelope.signatures[0].keyid = "prod-release-key";
  await replaceListed(relabel.dir, FILES.hmacSignature, encode(toJsonText(envelope)));
  const index = readIndex(relabel.dir);
  (index.signatures as { keyid: string }[])[0].keyid = "prod-release-key";
  writeIndex(relabel.dir, index);
  const report = await verify(relabel.dir, goodOptions(relabel));
  assert.ok(report.checks.some((c) => c.code === "hmac.signature.verified"));
  assert.deepEqual(failedCodes(report), ["index.signatures_mismatch", "hmac.keyid_mismatch"]);

  const spaced = await bundle("ed25519");
  const text = Deno.readTextFileSync(`${spaced.dir}/${FILES.sigstoreBundle}`);
  await replaceListed(spaced.dir, FILES.sigstoreBundle, encode(JSON.stringify(JSON.parse(text))));
  assert.deepEqual(failedCodes(await verify(spaced.dir, goodOptions(spaced))), [
    "sigstore.not_canonical",
  ]);
});

Deno.test("attack: one of two provenance signatures deleted; the other key verifies", async () => {
  for (const [removed, keep] of [[FILES.sigstoreBundle, "hmac"], [FILES.hmacSignature, "key"]]) {
    const b = await bundle("both");
    Deno.removeSync(`${b.dir}/${removed}`);
    const index = readIndex(b.dir);
    index.files = index.files.filter((f) => f.path !== removed);
    index.signatures = (index.signatures as { path: string }[]).filter((s) => s.path !== removed);
    writeIndex(b.dir, index);
    const options = keep === "hmac"
      ? { ...goodOptions(b), publicKeys: [] }
      : { ...goodOptions(b), hmacKey: undefined };
    const report = await verify(b.dir, options);
    assert.deepEqual(
      failedCodes(report),
      ["evidence.file_missing", "index.signatures_mismatch"],
      removed,
    );
  }
});

Deno.test("attack: a file added to the evidence and listed in the index", async () => {
  const b = await bundle("hmac");
  Deno.writeTextFileSync(`${b.dir}/approval.txt`, "approved\n");
  listExtra(b.dir, "approval.txt", "summary", await sha256Hex("approved\n"), 9);
  const report = await verify(b.dir, goodOptions(b));
  assert.deepEqual(failedCodes(report), ["evidence.unnamed_file", "index.files_mismatch"]);
});

/**
 * What an attacker (or a key holder) does after rewriting the provenance: the index derived from
 * the statement as it now parses and the evidence files as they now are.
 */
async function deriveIndexFromFiles(dir: string): Promise<void> {
  const files = new Map<string, Uint8Array>();
  for (const name of Object.keys(KIND_OF).sort()) {
    try {
      files.set(name, Deno.readFileSync(`${dir}/${name}`));
    } catch {
      // not in this bundle
    }
  }
  const statement = JSON.parse(Deno.readTextFileSync(`${dir}/${FILES.provenance}`));
  const bom = JSON.parse(Deno.readTextFileSync(`${dir}/${FILES.cyclonedx}`));
  writeIndex(dir, await deriveIndex(statement, { files, bom }));
}

/** Writes the provenance text and signs it with the test HMAC key, as the key holder would. */
async function signProvenance(dir: string, text: string): Promise<void> {
  Deno.writeTextFileSync(`${dir}/${FILES.provenance}`, text);
  const signer = await hmacSigner(HMAC_KEY, { keyid: "local-hmac" });
  const envelope = await signDsse(encode(text), [signer]);
  Deno.writeTextFileSync(`${dir}/${FILES.hmacSignature}`, toJsonText(envelope));
}

Deno.test('attack: hostile JSON values ({"toString": 1}) in the index, provenance and BOM are findings, never a crash', async () => {
  const cases: [string, (doc: any) => void, string][] = [
    [FILES.index, (d) => (d.subjects[0].sha256 = { toString: 1 }), "index.malformed"],
    [FILES.index, (d) => (d.files[0].sha256 = [{ toString: 1 }]), "index.malformed"],
    [FILES.provenance, (d) => (d.subject[0].digest.sha256 = { toString: 1 }), "statement.subject"],
    [
      FILES.provenance,
      (d) => (d.predicate.runDetails.byproducts[0].digest.sha256 = { toString: 1 }),
      "statement.byproducts",
    ],
    [
      FILES.provenance,
      (d) => (d.predicate.runDetails.vouch_signatures[0].algorithm = { toString: 1 }),
      "statement.signatures",
    ],
    [FILES.cyclonedx, (d) => (d.components[0].purl = { toString: 1 }), "index.inventory_mismatch"],
  ];
  for (const [file, edit, code] of cases) {
    const b = await bundle("both");
    const doc = JSON.parse(Deno.readTextFileSync(`${b.dir}/${file}`));
    edit(doc);
    Deno.writeTextFileSync(`${b.dir}/${file}`, toJsonText(doc));
    assertFails(await verify(b.dir, goodOptions(b)), code);
  }
});

Deno.test("attack: HMAC key confusion: a forgery MACed with the public key's PEM or key id is refused", async () => {
  const b = await bundle("hmac");
  const pair = await generateKeyPair("ed25519");
  const statement = JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.provenance}`));
  statement.predicate.buildDefinition.externalParameters.repository = "https://evil.example/x";
  for (const secret of [pair.publicKeyPem.trimEnd(), pair.keyid]) {
    const text = toJsonText(statement);
    Deno.writeTextFileSync(`${b.dir}/${FILES.provenance}`, text);
    const signer = await hmacSigner(secret, { keyid: "local-hmac" });
    const envelope = await signDsse(encode(text), [signer]);
    Deno.writeTextFileSync(`${b.dir}/${FILES.hmacSignature}`, toJsonText(envelope));
    await deriveIndexFromFiles(b.dir);
    // Given the public material as the HMAC key, the forgery would verify: refused up front.
    await assertThrowsCode(
      () => verify(b.dir, { hmacKey: secret, publicKeys: [pair.publicKeyPem] }),
      "key.hmac_public",
    );
    assertFails(await verify(b.dir, goodOptions(b)), "hmac.signature.invalid");
  }
});

Deno.test("attack: the key holder signs an ambiguous provenance (duplicate key, escape, 1e0, spacing)", async () => {
  const edits: ((text: string) => string)[] = [
    (t) => t.replace('"release": "v1.0.0"', '"release": "v9.9.9",\n        "release": "v1.0.0"'),
    (t) => t.replace('"release": "v1.0.0"', '"release": "\\u00761.0.0"'),
    (t) => t.replace(/"size": (\d+)/, '"size": $1e0'),
    (t) => JSON.stringify(JSON.parse(t)),
    (t) => t.replace("{\n", "{ \n"),
  ];
  for (const edit of edits) {
    const b = await bundle("hmac");
    const text = Deno.readTextFileSync(`${b.dir}/${FILES.provenance}`);
    const edited = edit(text);
    assert.notEqual(edited, text);
    await signProvenance(b.dir, edited);
    await deriveIndexFromFiles(b.dir);
    const report = await verify(b.dir, goodOptions(b));
    assert.deepEqual(failedCodes(report), ["file.not_canonical"], edited.slice(0, 400));
    assert.ok(report.checks.some((c) => c.code === "hmac.signature.verified"));
  }
});

Deno.test("attack: the key holder names an SBOM with a duplicate key: another reader sees another version", async () => {
  const b = await bundle("hmac");
  const bom = Deno.readTextFileSync(`${b.dir}/${FILES.cyclonedx}`);
  const version = /"version": "(\d[^"]*)"/.exec(bom.slice(bom.indexOf('"components"')))![0];
  const edited = bom.replace(version, `"version": "0.0.1",\n      ${version}`);
  assert.notEqual(edited, bom);
  Deno.writeTextFileSync(`${b.dir}/${FILES.cyclonedx}`, edited);
  const statement = JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.provenance}`));
  const named = statement.predicate.runDetails.byproducts.find((p: any) =>
    p.name === FILES.cyclonedx
  );
  named.digest.sha256 = await sha256Hex(encode(edited));
  await signProvenance(b.dir, toJsonText(statement));
  await deriveIndexFromFiles(b.dir);
  const report = await verify(b.dir, goodOptions(b));
  assert.deepEqual(
    report.checks.filter((c) => !c.ok).map((c) => `${c.code}:${c.file}`),
    [`file.not_canonical:${FILES.cyclonedx}`],
  );
});

Deno.test("documented: --require-signature=false passes evidence stripped of every signature, keys given or not", async () => {
  const b = await bundle("hmac");
  const statement = JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.provenance}`));
  statement.predicate.runDetails.vouch_signatures = [];
  Deno.writeTextFileSync(`${b.dir}/${FILES.provenance}`, toJsonText(statement));
  Deno.removeSync(`${b.dir}/${FILES.hmacSignature}`);
  await deriveIndexFromFiles(b.dir);
  assertPassed(await verify(b.dir, { ...goodOptions(b), expect: {}, requireSignature: false }));
  assert.deepEqual(failedCodes(await verify(b.dir, { ...goodOptions(b), expect: {} })), [
    "signature.required",
  ]);
});

Deno.test("old evidence (index v1, provenance without byproducts) fails with clear codes", async () => {
  const b = await bundle("hmac");
  // Rebuild what an older vouch wrote: no byproducts, no subject sizes, signed with the same key.
  const statement = JSON.parse(Deno.readTextFileSync(`${b.dir}/${FILES.provenance}`));
  for (const key of ["byproducts", "vouch_signatures", "vouch_blockers"]) {
    delete statement.predicate.runDetails[key];
  }
  for (const subject of statement.subject) delete subject.annotations;
  const payload = encode(toJsonText(statement));
  await replaceListed(b.dir, FILES.provenance, payload);
  const envelope = await signDsse(payload, [await hmacSigner(HMAC_KEY, { keyid: "local-hmac" })]);
  await replaceListed(b.dir, FILES.hmacSignature, encode(toJsonText(envelope)));
  const index = readIndex(b.dir);
  index.schema = OUTDATED_INDEX_SCHEMA;
  writeIndex(b.dir, index);
  const report = await verify(b.dir, goodOptions(b));
  const failed = failedCodes(report);
  for (const code of ["index.schema_outdated", "statement.byproducts_missing"]) {
    assert.ok(failed.includes(code), failed.join());
  }
  assert.ok(report.checks.some((c) => c.code === "hmac.signature.verified"), "signed, but old");
});

// --- fuzz ------------------------------------------------------------------------------------

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every leaf (string, number, boolean, null) of a JSON value, with its path. */
function leaves(value: unknown, path: (string | number)[] = []): [(string | number)[], unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...path, i]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [[path, value]];
}

/** Changes one JSON leaf and re-serializes in vouch's form; `undefined` when not JSON. */
function mutateJsonLeaf(bytes: Uint8Array, random: () => number): Uint8Array | undefined {
  let doc: any;
  try {
    doc = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return undefined;
  }
  const all = leaves(doc);
  if (all.length === 0 || all[0][0].length === 0) return undefined;
  const [path, value] = all[Math.floor(random() * all.length)];
  const next = typeof value === "string"
    ? (value.length > 0 && random() < 0.5 ? value.slice(0, -1) : `${value}x`)
    : typeof value === "number"
    ? value + 1
    : typeof value === "boolean"
    ? !value
    : "x";
  let parent = doc;
  for (const key of path.slice(0, -1)) parent = parent[key];
  parent[path.at(-1)!] = next;
  return new TextEncoder().encode(toJsonText(doc));
}

/** Overwrites 1–3 random bytes. */
function mutateBytes(bytes: Uint8Array, random: () => number): Uint8Array {
  const out = new Uint8Array(bytes);
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Runs seeded mutations of one file of a valid bundle and checks the verdict: verify passes
 * exactly when the directory ends up byte-identical to the original (a mutation can be a no-op,
 * and resealing can undo one in the index), and it never throws.
 */
async function fuzz(mode: "plain" | "resealed", runs: number, seed: number): Promise<void> {
  const random = prng(seed);
  const template = await bundle("both");
  const names = [...Deno.readDirSync(template.dir)].map((e) => e.name).sort();
  const originals = new Map(names.map((n) => [n, Deno.readFileSync(`${template.dir}/${n}`)]));
  const dir = `${tempDir()}/bundle`;
  Deno.mkdirSync(dir);
  let changed = 0;
  for (let run = 0; run < runs; run++) {
    for (const [n, bytes] of originals) Deno.writeFileSync(`${dir}/${n}`, bytes);
    const name = names[Math.floor(random() * names.length)];
    const original = originals.get(name)!;
    const bytes = (mode === "resealed" && random() < 0.6 && mutateJsonLeaf(original, random)) ||
      mutateBytes(original, random);
    Deno.writeFileSync(`${dir}/${name}`, bytes);
    if (mode === "resealed") await reseal(dir);
    const unchanged = names.every((n) =>
      sameBytes(Deno.readFileSync(`${dir}/${n}`), originals.get(n)!)
    );
    if (!unchanged) changed++;
    const report = await verify(dir, goodOptions(template));
    assert.equal(
      report.passed,
      unchanged,
      `${mode} run ${run}: ${name} ${failedCodes(report).join(",")}`,
    );
  }
  assert.ok(changed > runs / 2, `${mode}: only ${changed} of ${runs} runs changed a file`);
}

Deno.test("fuzz: 150 seeded random byte mutations never verify and never throw", async () => {
  await fuzz("plain", 150, 20240601);
});

Deno.test("fuzz resealed: 250 seeded mutations with the index digests and sizes rewritten never verify", async () => {
  await fuzz("resealed", 250, 20261130);
});

Deno.test("a large SBOM's canonical text and signed statement are compared in chunks, never held whole", async () => {
  // A hostile `[0,0,…]` in place of the SPDX SBOM: its canonical text and the in-toto statement
  // its signature must cover were each one string (and the statement its UTF-8 bytes too):
  // 1.1 GB peak RSS for a 64 MiB file. Now no string JSON.stringify makes is much over a chunk.
  const b = await bundle("ecdsa-p256");
  Deno.writeTextFileSync(`${b.dir}/${FILES.spdx}`, JSON.stringify(new Array(500_000).fill(0)));
  const stringify = JSON.stringify;
  let longest = 0;
  JSON.stringify = ((...args: Parameters<typeof stringify>): string => {
    const text = stringify(...args);
    longest = Math.max(longest, text?.length ?? 0);
    return text;
  }) as typeof stringify;
  let report;
  try {
    report = await verify(b.dir, goodOptions(b));
  } finally {
    JSON.stringify = stringify;
  }
  assert.ok(longest < 1 << 17, `a ${longest}-character JSON text`);
  const failed = failedCodes(report);
  for (const code of ["file.not_canonical", "spdx_sigstore.payload_mismatch"]) {
    assert.ok(failed.includes(code), failed.join(","));
  }
});

Deno.test("each SBOM is parsed once: the signature checks rebuild its statement from verify's parse", async () => {
  const b = await bundle("ecdsa-p256");
  const texts = [FILES.spdx, FILES.cyclonedx].map((f) => Deno.readTextFileSync(`${b.dir}/${f}`));
  const parse = JSON.parse;
  let parsed = 0;
  JSON.parse = (text: string, reviver?: Parameters<typeof parse>[1]): unknown => {
    if (texts.includes(text)) parsed++;
    return parse(text, reviver);
  };
  let report;
  try {
    report = await verify(b.dir, goodOptions(b));
  } finally {
    JSON.parse = parse;
  }
  assert.equal(report.passed, true);
  // Twice before: a 64 MiB `[0,0,…]` SBOM cost two parses (peak RSS 1.37-1.43 GB; one parse and
  // the chunked comparisons of the test above: 579 MB).
  assert.equal(parsed, texts.length);
});

Deno.test("a key-signed 6,000-package project verifies: its SBOMs' bundles hold over 4.8 million base64 characters", async () => {
  // The strict base64 check was a pattern of repeated groups: V8's regexp stack overflowed past
  // about 4.8 million characters (a 3.6 MB SBOM), and verify stopped with an internal error.
  const project = tempDir();
  const packages: Record<string, unknown> = { "": { name: "big", version: "1.0.0" } };
  const dependencies: Record<string, string> = {};
  for (let i = 0; i < 6_000; i++) {
    const name = `package-${String(i).padStart(5, "0")}`;
    dependencies[name] = "1.0.0";
    packages[`node_modules/${name}`] = {
      version: "1.0.0",
      resolved: `https://registry.npmjs.org/${name}/-/${name}-1.0.0.tgz`,
      integrity: `sha512-${"A".repeat(86)}==`,
      license: "MIT",
    };
  }
  Object.assign(packages[""] as object, { dependencies });
  Deno.writeTextFileSync(
    `${project}/package-lock.json`,
    JSON.stringify({ name: "big", version: "1.0.0", lockfileVersion: 3, packages }),
  );
  Deno.writeTextFileSync(
    `${project}/package.json`,
    JSON.stringify({ name: "big", version: "1.0.0", dependencies }),
  );
  Deno.mkdirSync(`${project}/dist`);
  Deno.writeTextFileSync(`${project}/dist/app.txt`, "app\n");
  const pair = await generateKeyPair("ecdsa-p256");
  const out = `${tempDir()}/bundle`;
  await attest({
    projectRoot: project,
    outputDir: out,
    subjects: ["dist/*"],
    ...CONTEXT,
    privateKeyPem: pair.privateKeyPem,
    env: { SOURCE_DATE_EPOCH: "1700000000" },
  });
  const bundleFile = JSON.parse(Deno.readTextFileSync(`${out}/${FILES.spdxSigstoreBundle}`));
  assert.ok(bundleFile.dsseEnvelope.payload.length > 4_800_000);
  const report = await verify(out, {
    publicKeys: [pair.publicKeyPem],
    subjects: ["dist/*"],
    cwd: project,
    expect: EXPECT,
  });
  assertPassed(report);
});
