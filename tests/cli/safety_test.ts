// End-to-end tests of issue 8 §B–§D through the CLI (`deno run` with the binary's permissions):
// vouch never destroys, never hangs, never exits 3 on input, never echoes a secret, and behaves
// like `dpone supply-chain attest` for an empty --signing-key and a local builder.
//
// Permission errors are real: as root, the run is started under `setpriv` with
// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped from the bounding set, so mode bits
// apply to it as to any user (a non-root runner needs no wrapper). The read-only file
// system is real too: a private mount namespace (`unshare -m`) bind-mounts a folder
// read-only for that one run. Each such test skips with a message where the tool is missing.
import assert from "node:assert/strict";
import { CONTEXT_FLAGS, demoProject, gitIn, runVouch } from "../_cli.ts";
import { LOCAL_BUILDER_ID } from "../../src/provenance/context.ts";

const SECRET = "e2e-hmac-secret-value-7f3a";
const CONTEXT_WITHOUT_BUILDER = CONTEXT_FLAGS.slice(0, 6);
/** A guard against hangs: a run that does not return within this is aborted (and fails). */
const HANG_GUARD_MS = 120_000;

function assertUsageError(result: { code: number; stderr: string }, code: string): void {
  assert.equal(result.code, 2, result.stderr);
  assert.match(
    result.stderr,
    new RegExp(`^error\\[${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\]: .+\\n  hint: .+\\n$`),
  );
}

async function names(dir: string): Promise<string[]> {
  const out: string[] = [];
  for await (const e of Deno.readDir(dir)) out.push(e.name);
  return out.sort();
}

function attestArgs(project: string, out: string, ...more: string[]): string[] {
  return ["attest", "--project-root", project, "--output-dir", out, "--subject", "dist/*", ...more];
}

// --- §B: recognise earlier evidence by content --------------------------------------------

Deno.test("output_dir.not_evidence: a `{}` index beside tax-return.pdf and photos/ keeps both", async () => {
  const project = await demoProject();
  const out = `${project}/../documents`;
  await Deno.mkdir(`${out}/photos`, { recursive: true });
  await Deno.writeTextFile(`${out}/supply_chain_attestation.json`, "{}");
  await Deno.writeTextFile(`${out}/tax-return.pdf`, "%PDF-1.7 precious");
  await Deno.writeTextFile(`${out}/photos/holiday.jpg`, "jpeg");
  const r = await runVouch(attestArgs(project, out, ...CONTEXT_FLAGS), {
    env: { VOUCH_SIGNING_KEY: SECRET },
  });
  assertUsageError(r, "output_dir.not_evidence");
  assert.deepEqual(await names(out), ["photos", "supply_chain_attestation.json", "tax-return.pdf"]);
  assert.equal(await Deno.readTextFile(`${out}/tax-return.pdf`), "%PDF-1.7 precious");
  assert.deepEqual(await names(`${out}/photos`), ["holiday.jpg"]);

  // Real earlier evidence is replaced; with a stranger added to it, it is kept.
  const evidence = `${project}/../evidence`;
  const args = attestArgs(project, evidence, ...CONTEXT_FLAGS);
  assert.equal((await runVouch(args, { env: { VOUCH_SIGNING_KEY: SECRET } })).code, 0);
  assert.equal((await runVouch(args, { env: { VOUCH_SIGNING_KEY: SECRET } })).code, 0);
  await Deno.writeTextFile(`${evidence}/notes.txt`, "mine");
  assertUsageError(
    await runVouch(args, { env: { VOUCH_SIGNING_KEY: SECRET } }),
    "output_dir.not_evidence",
  );
  assert.equal(await Deno.readTextFile(`${evidence}/notes.txt`), "mine");
});

// --- §B: compare real paths ------------------------------------------------------------------

Deno.test("real paths: --project-root through a symlink and --output-dir = the real project is output_dir.unsafe", async () => {
  const project = await demoProject();
  const alias = `${project}/../alias`;
  await Deno.symlink(project, alias);
  // Content recognition would refuse the project too (it holds dist/); the real-path check
  // comes first and says why.
  const before = await names(project);
  for (
    const [root, out] of [
      [alias, project],
      [project, alias],
      [alias, `${project}/..`],
      [`${alias}/dist/..`, `${project}/../alias/.`],
    ]
  ) {
    const r = await runVouch(attestArgs(root, out, ...CONTEXT_FLAGS), {
      env: { VOUCH_SIGNING_KEY: SECRET },
    });
    assertUsageError(r, "output_dir.unsafe");
  }
  assert.deepEqual(await names(project), before);
  // An output folder inside the project, reached through the alias, is fine and not scanned.
  const inside = await runVouch(
    attestArgs(alias, `${project}/evidence`, ...CONTEXT_FLAGS, "--format", "json"),
    { env: { VOUCH_SIGNING_KEY: SECRET } },
  );
  assert.equal(inside.code, 0, inside.stderr);
});

// --- §B: leftovers ---------------------------------------------------------------------------

Deno.test("leftovers: stale .X.vouch-tmp-*/.X.vouch-old-* of the same output dir are removed by the next run", async () => {
  const project = await demoProject();
  const parent = `${project}/../artifacts`;
  // What killed runs leave: a temp folder, and earlier evidence moved aside (a run killed
  // between its two renames; an old folder that is not evidence is never removed).
  const first = await runVouch(attestArgs(project, `${parent}/current`, ...CONTEXT_FLAGS), {
    env: { VOUCH_SIGNING_KEY: SECRET },
  });
  assert.equal(first.code, 0, first.stderr);
  await Deno.rename(`${parent}/current`, `${parent}/.current.vouch-old-5e6f7a8b`);
  await Deno.mkdir(`${parent}/.current.vouch-tmp-1a2b3c4d`, { recursive: true });
  await Deno.writeTextFile(`${parent}/.current.vouch-tmp-1a2b3c4d/sbom.spdx.json`, "x".repeat(1e6));
  await Deno.mkdir(`${parent}/.other.vouch-tmp-1a2b3c4d`);
  await Deno.writeTextFile(`${parent}/.current.vouch-lock`, ""); // left by a killed run
  const r = await runVouch(attestArgs(project, `${parent}/current`, ...CONTEXT_FLAGS), {
    env: { VOUCH_SIGNING_KEY: SECRET },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await names(parent), [".other.vouch-tmp-1a2b3c4d", "current"]);
});

// --- §B: concurrent publishes ------------------------------------------------------------------

for (const runs of [2, 4]) {
  Deno.test(`concurrent publishes: ${runs} runs into the same new dir publish in turn or fail with output_dir.busy, never exit 3, no leftovers`, async () => {
    const project = await demoProject();
    const parent = `${project}/../release`;
    const out = `${parent}/evidence`;
    const args = attestArgs(project, out, ...CONTEXT_FLAGS);
    const results = await Promise.all(
      Array.from({ length: runs }, () => runVouch(args, { env: { VOUCH_SIGNING_KEY: SECRET } })),
    );
    for (const r of results) {
      if (r.code !== 0) assertUsageError(r, "output_dir.busy");
    }
    assert.ok(results.some((r) => r.code === 0), results.map((r) => r.stderr).join("\n"));
    // One complete bundle, nothing else beside it: no temp, old or lock file.
    assert.deepEqual(await names(parent), ["evidence"]);
    const verified = await runVouch(["verify", out, "--hmac-key-env", "K"], {
      env: { K: SECRET },
    });
    assert.equal(verified.code, 0, verified.stdout);
  });
}

// --- §B: hangs and unbounded reads of key and secret files ----------------------------------

Deno.test("hangs: a FIFO or /dev/zero as a key or secret file is refused at once, never opened", async () => {
  const project = await demoProject();
  const fifo = `${project}/../key.fifo`;
  const made = await new Deno.Command("mkfifo", { args: [fifo] }).output().catch(() => undefined);
  const big = `${project}/../big.key`;
  await Deno.writeTextFile(big, "k".repeat(64 * 1024 + 1));
  const evidence = `${project}/../evidence`;
  const ok = await runVouch(attestArgs(project, evidence, ...CONTEXT_FLAGS), {
    env: { VOUCH_SIGNING_KEY: SECRET },
  });
  assert.equal(ok.code, 0, ok.stderr);
  const cases: [string[], string][] = [
    [["--signing-key-file", "/dev/zero"], "secret.not_a_file"],
    [["--private-key", "/dev/zero"], "secret.not_a_file"],
    [["--signing-key-file", big], "secret.too_large"],
    [["--private-key", big], "secret.too_large"],
    [["--signing-key-file", project], "secret.not_a_file"],
  ];
  const verifyCases: [string[], string][] = [
    [["--public-key", "/dev/zero"], "verify.key_not_a_file"],
    [["--public-key", big], "verify.key_too_large"],
    [["--hmac-key-file", "/dev/zero"], "secret.not_a_file"],
  ];
  if (made?.success) {
    cases.push([["--signing-key-file", fifo], "secret.not_a_file"]);
    cases.push([["--private-key", fifo], "secret.not_a_file"]);
    verifyCases.push([["--hmac-key-file", fifo], "secret.not_a_file"]);
    verifyCases.push([["--public-key", fifo], "verify.key_not_a_file"]);
  } else console.log("skipped the FIFO cases: mkfifo is not available");
  for (const [flags, code] of cases) {
    const signal = AbortSignal.timeout(HANG_GUARD_MS);
    const out = `${project}/../never-${code}`;
    assertUsageError(
      await runVouch(attestArgs(project, out, ...CONTEXT_FLAGS, ...flags), { signal }),
      code,
    );
    await assert.rejects(Deno.lstat(out), Deno.errors.NotFound);
  }
  for (const [flags, code] of verifyCases) {
    const signal = AbortSignal.timeout(HANG_GUARD_MS);
    assertUsageError(await runVouch(["verify", evidence, ...flags], { signal }), code);
  }
});

Deno.test("hangs: a FIFO or device as sbom -o, GITHUB_OUTPUT or GITHUB_STEP_SUMMARY is refused at once, never waited on", async () => {
  const project = await demoProject();
  const fifo = `${project}/../out.fifo`;
  const made = await new Deno.Command("mkfifo", { args: [fifo] }).output().catch(() => undefined);
  const targets = made?.success ? [fifo, "/dev/zero", "/dev/null"] : ["/dev/zero", "/dev/null"];
  if (!made?.success) console.log("skipped the FIFO cases: mkfifo is not available");
  for (const target of targets) {
    const signal = AbortSignal.timeout(HANG_GUARD_MS);
    const sbom = await runVouch(["sbom", "--project-root", project, "-o", target], { signal });
    assertUsageError(sbom, "output_file.unwritable");
    assert.match(sbom.stderr, /not a regular file/);
    // The evidence is written; the GitHub Actions files are a warning (and an annotation).
    const out = `${project}/../evidence-${target.replaceAll("/", "_")}`;
    const gh = { GITHUB_ACTIONS: "true", GITHUB_OUTPUT: target, GITHUB_STEP_SUMMARY: target };
    const attest = await runVouch(attestArgs(project, out, ...CONTEXT_FLAGS), {
      env: { ...gh, VOUCH_SIGNING_KEY: SECRET },
      signal,
    });
    assert.equal(attest.code, 0, attest.stderr);
    assert.match(
      attest.stderr,
      /^warning: could not write the GitHub Actions .*not a regular file/m,
    );
    assert.ok((await Deno.lstat(`${out}/supply_chain_attestation.json`)).isFile);
    // An error run's step summary.
    const error = await runVouch(["verify", `${project}/nope`], { env: gh, signal });
    assertUsageError(
      { code: error.code, stderr: error.stderr.replace(/^(::|warning: ).*\n/gm, "") },
      "verify.dir_missing",
    );
  }
  // A system path the binary's permissions exclude: the words say so, not "--allow-all".
  const proc = await runVouch(
    attestArgs(project, `${project}/../evidence-proc`, ...CONTEXT_FLAGS),
    {
      env: { GITHUB_ACTIONS: "true", GITHUB_OUTPUT: "/proc/x", VOUCH_SIGNING_KEY: SECRET },
    },
  );
  assert.equal(proc.code, 0, proc.stderr);
  assert.match(proc.stderr, /a system path \(\/proc, \/sys, \/dev\) that vouch does not touch/);
  assert.doesNotMatch(proc.stderr, /--allow-all/);
});

// --- §B: exit 3 on plausible input → coded errors -------------------------------------------

Deno.test("exit 2, never 3: /proc and /sys as output dir, project root, key file, keygen and sbom -o output; vouch verify / and /sys", async () => {
  const project = await demoProject();
  const cases: [string[], string][] = [
    [attestArgs(project, "/proc/x", ...CONTEXT_FLAGS), "output_dir.unwritable"],
    [attestArgs(project, "/sys/x", ...CONTEXT_FLAGS), "output_dir.unwritable"],
    [attestArgs(project, "/sys/kernel/x/y", ...CONTEXT_FLAGS), "output_dir.unwritable"],
    [attestArgs("/proc", `${project}/../o`, ...CONTEXT_FLAGS), "project_root.unreadable"],
    [attestArgs("/sys/x", `${project}/../o`, ...CONTEXT_FLAGS), "project_root.unreadable"],
    [
      attestArgs(
        project,
        `${project}/../o`,
        ...CONTEXT_FLAGS,
        "--signing-key-file",
        "/proc/x",
      ),
      "secret.file_unreadable",
    ],
    [["sbom", "--project-root", "/proc"], "project_root.unreadable"],
    [["verify", "/"], "verify.not_evidence"],
    [["verify", project], "verify.not_evidence"],
    [["verify", "/sys"], "verify.dir_unreadable"],
    [["verify", "/proc/x"], "verify.dir_unreadable"],
    [["verify", `${project}/nope`], "verify.dir_missing"],
    [["keygen", "--out", "/proc/x"], "key.unwritable"],
    [["keygen", "--out", "/sys/x"], "key.unwritable"],
    [["keygen", "--out", "/dev/x"], "key.unwritable"],
    [["sbom", "--project-root", project, "-o", "/proc/x"], "output_file.unwritable"],
    [["sbom", "--project-root", project, "-o", "/sys/x"], "output_file.unwritable"],
  ];
  for (const [args, code] of cases) {
    const r = await runVouch(args, { signal: AbortSignal.timeout(HANG_GUARD_MS) });
    assertUsageError(r, code);
    assert.doesNotMatch(r.stderr, /internal|--allow-all/, r.stderr);
  }
  // Inputs below /proc and /sys: a coded error of their stage (the exact code is the stage's).
  for (
    const flags of [
      ["--lockfile", "/proc/self/uv.lock"],
      ["--lockfile", "/sys/x/uv.lock"],
      ["--subject", "/proc/self/status"],
      ["--subject", "/sys/x"],
    ]
  ) {
    const r = await runVouch(attestArgs(project, `${project}/../o`, ...CONTEXT_FLAGS, ...flags), {
      signal: AbortSignal.timeout(HANG_GUARD_MS),
    });
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^error\[(inventory|subject)\.[^\]]+\]: .+\n {2}hint: .+\n$/);
    assert.doesNotMatch(r.stderr, /internal|--allow-all/, r.stderr);
  }
});

/**
 * The wrapper that makes mode bits apply to this run: none for a non-root user;
 * `setpriv` without the DAC override capabilities for root; `undefined` (the skip reason
 * printed) when neither works.
 */
async function withoutDacOverride(): Promise<string[] | undefined> {
  const probe = await Deno.makeTempDir({ prefix: "vouch-dac-" });
  try {
    await Deno.chmod(probe, 0o000);
    try {
      [...Deno.readDirSync(probe)];
    } catch {
      return []; // mode bits already apply
    }
    const wrapper = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"];
    const r = await new Deno.Command(wrapper[0], {
      args: [...wrapper.slice(1), "ls", probe],
      stdout: "null",
      stderr: "null",
    }).output().catch(() => undefined);
    if (r !== undefined && r.code !== 0 && r.code !== 127) return wrapper;
    console.log("skipped: running as root and setpriv cannot drop CAP_DAC_OVERRIDE here");
    return undefined;
  } finally {
    await Deno.chmod(probe, 0o700);
    await Deno.remove(probe, { recursive: true });
  }
}

Deno.test("exit 2, never 3: a project root the user cannot enter or list (real EACCES at lstat)", async () => {
  const wrapper = await withoutDacOverride();
  if (wrapper === undefined) return;
  const project = await demoProject();
  const out = `${project}/../out`;
  try {
    // r-- : listable, not enterable (lstat of its entries fails); --x: enterable, not listable;
    // ---: neither; and a root whose parent cannot be entered (lstat of the root itself fails).
    for (const [path, mode] of [[project, 0o400], [project, 0o100], [project, 0o000]] as const) {
      await Deno.chmod(path, mode);
      const r = await runVouch(attestArgs(project, out, ...CONTEXT_FLAGS), { wrapper });
      assertUsageError(r, "project_root.unreadable");
      assert.match(r.stderr, /permission denied/);
      await Deno.chmod(path, 0o755);
    }
    // Folders inside it that cannot be entered: the subjects' folder, a folder the scan visits.
    await Deno.chmod(`${project}/dist`, 0o000);
    assertUsageError(
      await runVouch(attestArgs(project, out, ...CONTEXT_FLAGS), { wrapper }),
      "subject.missing.dist/*",
    );
    await Deno.chmod(`${project}/dist`, 0o755);
    await Deno.mkdir(`${project}/locked`);
    await Deno.chmod(`${project}/locked`, 0o000);
    assertUsageError(
      await runVouch(attestArgs(project, out, ...CONTEXT_FLAGS), { wrapper }),
      "inventory.unreadable",
    );
    await Deno.chmod(`${project}/locked`, 0o755);
    const parent = `${project}/..`;
    await Deno.chmod(parent, 0o600);
    const r = await runVouch(
      attestArgs(project, `/tmp/vouch-never-${crypto.randomUUID()}`, ...CONTEXT_FLAGS),
      { wrapper },
    );
    await Deno.chmod(parent, 0o755);
    assertUsageError(r, "project_root.unreadable");
  } finally {
    for (const path of [`${project}/..`, project, `${project}/dist`, `${project}/locked`]) {
      await Deno.chmod(path, 0o755).catch(() => {});
    }
  }
  await assert.rejects(Deno.lstat(out), Deno.errors.NotFound);
});

Deno.test("exit 2, never 3: unreadable evidence folders and subfolders for verify (real EACCES)", async () => {
  const wrapper = await withoutDacOverride();
  if (wrapper === undefined) return;
  const project = await demoProject();
  const evidence = `${project}/../evidence`;
  const made = await runVouch(attestArgs(project, evidence, ...CONTEXT_FLAGS), {
    env: { VOUCH_SIGNING_KEY: SECRET },
  });
  assert.equal(made.code, 0, made.stderr);
  await Deno.mkdir(`${evidence}/locked/deeper`, { recursive: true });
  await Deno.chmod(`${evidence}/locked`, 0o000);
  try {
    const r = await runVouch(["verify", evidence, "--hmac-key-env", "K", "--format", "json"], {
      wrapper,
      env: { K: SECRET },
    });
    assert.equal(r.code, 1, r.stderr);
    const failed = JSON.parse(r.stdout).checks.filter((c: { ok: boolean }) => !c.ok);
    assert.deepEqual(failed.map((c: { code: string; file: string }) => `${c.code}:${c.file}`), [
      "evidence.unnamed_file:locked/",
    ]);
    // Listable but not enterable (r--), or neither (---): the folder is unreadable, not each file.
    for (const mode of [0o400, 0o000]) {
      await Deno.chmod(evidence, mode);
      assertUsageError(await runVouch(["verify", evidence], { wrapper }), "verify.dir_unreadable");
    }
    // And attest into it: not even readable, so it cannot be checked, let alone replaced.
    assertUsageError(
      await runVouch(attestArgs(project, evidence, ...CONTEXT_FLAGS), { wrapper }),
      "output_dir.unwritable",
    );
  } finally {
    await Deno.chmod(evidence, 0o755);
    await Deno.chmod(`${evidence}/locked`, 0o755);
  }
});

Deno.test("never destroy: write-protected earlier evidence that cannot be replaced is kept whole, output_dir.unwritable, no leftovers", async () => {
  const wrapper = await withoutDacOverride();
  if (wrapper === undefined) return;
  const project = await demoProject();
  const parent = `${project}/../release`;
  const evidence = `${parent}/evidence`;
  const args = attestArgs(project, evidence, ...CONTEXT_FLAGS);
  const made = await runVouch(args, { env: { VOUCH_SIGNING_KEY: SECRET } });
  assert.equal(made.code, 0, made.stderr);
  const before = await Deno.readTextFile(`${evidence}/supply_chain_attestation.json`);
  // Its folder is r-x: it can be renamed away, but its files cannot be deleted.
  await Deno.chmod(evidence, 0o555);
  try {
    const r = await runVouch([...args, "--release", "v2.0.0"], {
      wrapper,
      env: { VOUCH_SIGNING_KEY: SECRET },
    });
    assertUsageError(r, "output_dir.unwritable");
    assert.match(r.stderr, /permission denied/);
    assert.equal(await Deno.readTextFile(`${evidence}/supply_chain_attestation.json`), before);
    assert.equal((await Deno.stat(evidence)).mode! & 0o777, 0o555);
    assert.deepEqual(await names(parent), ["evidence"]);
  } finally {
    await Deno.chmod(evidence, 0o755);
  }
});

/**
 * Runs in a private mount namespace where `dir` is bind-mounted read-only (a real EROFS);
 * `undefined` when this machine cannot (not root, no unshare).
 */
async function readOnlyWrapper(dir: string): Promise<string[] | undefined> {
  const wrapper = [
    "unshare",
    "-m",
    "--propagation",
    "private",
    "sh",
    "-c",
    'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"',
    "sh",
    dir,
  ];
  const probe = await new Deno.Command(wrapper[0], {
    args: [...wrapper.slice(1), "sh", "-c", `! touch "${dir}/.probe" 2>/dev/null`],
    stdout: "null",
    stderr: "null",
  }).output().catch(() => undefined);
  await Deno.remove(`${dir}/.probe`).catch(() => {});
  return probe?.success ? wrapper : undefined;
}

Deno.test("EROFS: an output dir on a read-only file system is output_dir.unwritable; earlier evidence intact; keygen and sbom -o coded too", async () => {
  const project = await demoProject();
  const parent = `${project}/../ro`;
  await Deno.mkdir(parent);
  const wrapper = await readOnlyWrapper(parent);
  if (wrapper === undefined) {
    console.log("skipped: no private mount namespace here (needs root and unshare)");
    return;
  }
  const evidence = `${parent}/evidence`;
  const made = await runVouch(attestArgs(project, evidence, ...CONTEXT_FLAGS), {
    env: { VOUCH_SIGNING_KEY: SECRET },
  });
  assert.equal(made.code, 0, made.stderr);
  const before = await names(evidence);
  for (const out of [evidence, `${parent}/new`, `${parent}/new/deeper`]) {
    const r = await runVouch(attestArgs(project, out, ...CONTEXT_FLAGS), {
      wrapper,
      env: { VOUCH_SIGNING_KEY: SECRET },
    });
    assertUsageError(r, "output_dir.unwritable");
    assert.match(r.stderr, /read-only file system/);
  }
  // The other commands that write: coded errors too, never exit 3.
  for (
    const [args, code] of [
      [["keygen", "--out", `${parent}/release`], "key.unwritable"],
      [["sbom", "--project-root", project, "-o", `${parent}/sbom.json`], "output_file.unwritable"],
    ] as const
  ) {
    const r = await runVouch([...args], { wrapper });
    assertUsageError(r, code);
    assert.match(r.stderr, /read-only file system/);
  }
  assert.deepEqual(await names(evidence), before);
  assert.deepEqual(await names(parent), ["evidence"]);
});

// --- §C: secrets -------------------------------------------------------------------------------

Deno.test("secrets: a secret passed where a name or path belongs is never echoed, in md, json and GitHub Actions annotations and step summary", async () => {
  const project = await demoProject();
  const { privateKey } = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const der = new Uint8Array(await crypto.subtle.exportKey("pkcs8", privateKey));
  const b64 = btoa(String.fromCharCode(...der));
  const pem = `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
  // A token, a lowercase hex secret (which has the shape of a variable name), a PEM.
  const secrets = [
    "tok_9fK2xQ7vLp3Zr8Wm1Yc4Nb6Hd0Gs5Ej",
    "deadbeefcafe0123456789abcdef0123",
    pem,
  ];
  const out = `${project}/../out`;
  const evidence = `${project}/../evidence`;
  assert.equal(
    (await runVouch(attestArgs(project, evidence, ...CONTEXT_FLAGS), {
      env: { VOUCH_SIGNING_KEY: SECRET },
    })).code,
    0,
  );
  for (const secret of secrets) {
    const attempts: [string[], string][] = [
      [attestArgs(project, out, ...CONTEXT_FLAGS, "--signing-key-env", secret), ""],
      [attestArgs(project, out, ...CONTEXT_FLAGS, `--signing-key-env=${secret}`), ""],
      [attestArgs(project, out, ...CONTEXT_FLAGS, "--signing-key-file", secret), ""],
      [attestArgs(project, out, ...CONTEXT_FLAGS, `--private-key=${secret}`), ""],
      [attestArgs(project, out, ...CONTEXT_FLAGS, "--private-key", secret), ""],
      [attestArgs(project, out, ...CONTEXT_FLAGS, `--private-key-env=${secret}`), ""],
      [attestArgs(project, out, ...CONTEXT_FLAGS, "--keyless", "--identity-token-env", secret), ""],
      [attestArgs(project, out, ...CONTEXT_FLAGS, secret), ""],
      [["verify", evidence, "--hmac-key-env", secret], ""],
      [["verify", evidence, "--hmac-key-file", secret], ""],
      [["verify", evidence, "--public-key", secret], ""],
      [["verify", evidence, secret], ""],
      // Where a command, a choice or a public key belongs.
      [[secret, "attest"], ""],
      [["help", secret], ""],
      [["supply-chain", secret], ""],
      [["keygen", "--algorithm", secret, "--out", `${out}-key`], ""],
      [[
        "verify-bundle",
        "--bundle",
        `${evidence}/SHA256SUMS`,
        "--key",
        secret,
        `${evidence}/SHA256SUMS`,
      ], ""],
    ];
    for (const [args] of attempts) {
      // Markdown, JSON, and in GitHub Actions (annotations, step summary, outputs).
      const github = (n: number): Record<string, string> => ({
        GITHUB_ACTIONS: "true",
        GITHUB_STEP_SUMMARY: `${project}/../summary-${n}.md`,
        GITHUB_OUTPUT: `${project}/../output-${n}.txt`,
      });
      const modes: { format: string[]; env?: Record<string, string> }[] = [
        { format: [] },
        { format: ["--format", "json"] },
        ...[0, 1].map((n) => ({
          format: n === 0 ? [] : ["--format", "json"],
          env: github(n),
        })),
      ];
      const results = await Promise.all(
        modes.map((mode) => runVouch([...args, ...mode.format], { env: mode.env })),
      );
      for (const [i, r] of results.entries()) {
        const mode = modes[i];
        const where = `${args.join(" ").slice(0, 40)}… ${mode.format.join(" ")} ${
          mode.env ? "(GitHub Actions)" : ""
        }`;
        assert.equal(r.code, 2, `${where}: ${r.stderr}`);
        const files = Object.values(mode.env ?? {}).filter((v) => v.includes("/"));
        const written = await Promise.all(files.map((f) => Deno.readTextFile(f).catch(() => "")));
        if (mode.env) {
          assert.match(r.stderr, /^::error title=/m);
          assert.match(written[0], /\*\*Status:\*\* stopped with exit code 2/);
        }
        for (const text of [r.stdout, r.stderr, ...written]) {
          for (const line of secret.split("\n").filter((l) => l.length >= 8)) {
            assert.ok(!text.includes(line), `${where} echoed the secret:\n${text}`);
            assert.ok(!text.includes(line.slice(0, 16)), `${where} echoed part of it:\n${text}`);
          }
        }
        if (mode.format.length > 0) assert.equal(JSON.parse(r.stdout).passed, false);
        await assert.rejects(Deno.lstat(out), Deno.errors.NotFound);
        await Promise.all(files.map((f) => Deno.remove(f).catch(() => {})));
      }
    }
  }
  // The words the issue asks for.
  const named = await runVouch(
    attestArgs(project, out, ...CONTEXT_FLAGS, "--signing-key-env", SECRET),
  );
  assert.match(
    named.stderr,
    /the value given to --signing-key-env is not an environment variable name/,
  );
  const pemAsPath = await runVouch(
    attestArgs(project, out, ...CONTEXT_FLAGS, `--private-key=${pem}`),
  );
  assertUsageError(pemAsPath, "secret.not_a_path");
  assert.match(pemAsPath.stderr, /the value given to --private-key is not a file path/);
  // A real name or path is still shown, so a typo is easy to spot.
  const typo = await runVouch(
    attestArgs(project, out, ...CONTEXT_FLAGS, "--signing-key-env", "RELEASE_HMAC_KYE"),
  );
  assertUsageError(typo, "secret.env_unset");
  assert.match(typo.stderr, /--signing-key-env RELEASE_HMAC_KYE: the variable is not set/);
  const path = await runVouch(
    attestArgs(project, out, ...CONTEXT_FLAGS, "--signing-key-file", "keys/hmac.key"),
  );
  assertUsageError(path, "secret.file_unreadable");
  assert.match(path.stderr, /--signing-key-file keys\/hmac\.key: /);
});

// --- §D: the switcher from `dpone supply-chain attest` --------------------------------------

Deno.test("switcher: an empty --signing-key is the signature.missing_key blocker with a warning (exit 1, evidence written)", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  for (const spelling of [["attest"], ["supply-chain", "attest"]]) {
    const args = attestArgs(project, out, ...CONTEXT_FLAGS, "--signing-key", "");
    const r = await runVouch([...spelling, ...args.slice(1), "--format", "json"], {
      // A default variable does not stand in for the explicit (empty) flag.
      env: { VOUCH_SIGNING_KEY: SECRET },
    });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /^warning: --signing-key is empty .*no HMAC signature\n/);
    assert.match(r.stderr, /blocked\[signature\.missing_key\]/);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.blockers.map((b: { code: string }) => b.code), [
      "signature.missing_key",
    ]);
    assert.equal(report.signature_path, null);
    const index = JSON.parse(await Deno.readTextFile(`${out}/supply_chain_attestation.json`));
    assert.equal(index.passed, false);
  }
});

Deno.test("switcher: outside CI the builder id defaults to the local builder, and the summary says so", async () => {
  const project = await demoProject();
  const git = gitIn(project);
  const out = `${project}/../out`;
  // As the README's docker example: only --subject and --release; the rest from .git.
  const gitOk = (await git("init", "-q", "-b", "main")).success;
  if (gitOk) {
    await git("add", ".");
    await git("commit", "-qm", "init");
    await git("remote", "add", "origin", "https://github.com/example/demo-app.git");
  } else console.log("git is not available: passing --repository and --commit-sha instead");
  const context = gitOk ? ["--release", "v1.2.0"] : CONTEXT_WITHOUT_BUILDER;
  const r = await runVouch(attestArgs(project, out, ...context), {
    env: { VOUCH_SIGNING_KEY: SECRET },
  });
  assert.equal(r.code, 0, r.stderr);
  assert.match(
    r.stdout,
    /- Builder: https:\/\/jsr\.io\/@vouch\/vouch\/builders\/local\/v1 \(the local default: no CI was detected and no --builder-id was given\)/,
  );
  const index = JSON.parse(await Deno.readTextFile(`${out}/supply_chain_attestation.json`));
  assert.equal(index.builder_id, LOCAL_BUILDER_ID);
  const statement = JSON.parse(await Deno.readTextFile(`${out}/provenance.intoto.json`));
  assert.equal(statement.predicate.runDetails.builder.id, LOCAL_BUILDER_ID);
  const verified = await runVouch([
    "verify",
    out,
    "--hmac-key-env",
    "K",
    "--expect-builder",
    LOCAL_BUILDER_ID,
  ], { env: { K: SECRET } });
  assert.equal(verified.code, 0, verified.stdout);
  // In CI, a missing builder id is still an error: no silent local default there.
  const ci = await runVouch(attestArgs(project, `${out}2`, ...CONTEXT_WITHOUT_BUILDER), {
    env: { VOUCH_SIGNING_KEY: SECRET, GITLAB_CI: "true" },
  });
  assertUsageError(ci, "context.missing.builder-id");
});

Deno.test("switcher: empty and half-empty values are coded errors, nothing written", async () => {
  const project = await demoProject();
  const out = `${project}/../out`;
  const cases: [string[], string][] = [
    [["--builder-id", "github-actions:"], "context.invalid.builder-id"],
    [["--builder-id", "urn:vouch:builder:"], "context.invalid.builder-id"],
    [["--repository", "https://"], "context.invalid.repository"],
    [["--release", ""], "args.empty_value"],
    [["--release", "  "], "args.empty_value"],
    [["--commit-sha", ""], "args.empty_value"],
    [["--commit-sha="], "args.empty_value"],
    [["--builder-id", ""], "args.empty_value"],
    [["--repository", ""], "args.empty_value"],
    [["--signing-key-id", ""], "args.empty_value"],
    [["--signing-key-env", ""], "args.empty_value"],
    [["--signing-key-file", ""], "args.empty_value"],
    [["--private-key", ""], "args.empty_value"],
    [["--output-dir", ""], "args.empty_value"],
    [["--project-root", ""], "args.empty_value"],
    [["--subject", ""], "args.empty_value"],
    [["--lockfile", ""], "args.empty_value"],
  ];
  for (const [flags, code] of cases) {
    // The empty value comes after the full context, so it is the one that counts.
    const r = await runVouch(attestArgs(project, out, ...CONTEXT_FLAGS, ...flags), {
      env: { VOUCH_SIGNING_KEY: SECRET },
    });
    assertUsageError(r, code);
    assert.match(r.stderr, new RegExp(flags[0].split("=")[0].replace(/-/g, "\\-")));
    await assert.rejects(Deno.lstat(out), Deno.errors.NotFound);
  }
});
