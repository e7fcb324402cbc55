import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { VouchError } from "../../src/errors.ts";
import { VERSION } from "../../src/version.ts";
import {
  binaryName,
  classifyCompileFailure,
  compileArgs,
  compileEnv,
  parseCompileArgs,
  PERMISSION_FLAGS,
  releaseBinaries,
  TARGETS,
  V8_FLAGS,
  V8_FLAGS_ARG,
} from "../../scripts/compile.ts";
import { BINARY_PERMISSIONS, BINARY_V8_FLAGS, copyDir, gitIn } from "../_cli.ts";
import { LOCAL_BUILDER_ID } from "../../src/provenance/context.ts";
import { REPO_ROOT } from "../_util.ts";

// What deno 2.9.6 printed here (no DNS) for `deno compile` without a cached runtime.
const OFFLINE_DNS = "\x1b[0m\x1b[32mCheck\x1b[0m main.ts\n" +
  "\x1b[0m\x1b[32mCompile\x1b[0m main.ts to dist/vouch\n" +
  "\x1b[0m\x1b[32mDownload\x1b[0m https://dl.deno.land/release/v2.9.6/denort-x86_64-unknown-linux-gnu.zip\n" +
  "\x1b[0m\x1b[1m\x1b[31merror\x1b[0m: Writing deno compile executable to temporary file 'dist/vouch.tmp-b7e1bd09'\n\n" +
  "Caused by:\n" +
  "    0: Setting up base binary.\n" +
  "    1: error sending request for url (https://dl.deno.land/release/v2.9.6/denort-x86_64-unknown-linux-gnu.zip): " +
  "client error (Connect): dns error: failed to lookup address information: Name or service not known\n" +
  "    2: client error (Connect)\n    3: dns error\n" +
  "    4: failed to lookup address information: Name or service not known\n\n" +
  "Stack backtrace:\n   0: <unknown>\n";

// The same behind an unreachable proxy.
const OFFLINE_REFUSED =
  "error: Writing deno compile executable to temporary file 'x.tmp-1'\n\nCaused by:\n" +
  "    0: Setting up base binary.\n" +
  "    1: error sending request for url (https://dl.deno.land/release/v2.9.6/denort-aarch64-apple-darwin.zip): " +
  "client error (Connect): tcp connect error: Connection refused (os error 111)\n";

const DENORT_MISSING =
  "\x1b[0m\x1b[1m\x1b[31merror\x1b[0m: Writing deno compile executable to temporary file " +
  "'/tmp/v.tmp-32a3'\n\nCaused by:\n    0: Could not find denort at '/opt/denort'\n" +
  "    1: No such file or directory (os error 2)\n\nStack backtrace:\n   0: <unknown>\n";

function problemCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof VouchError, `not a VouchError: ${error}`);
    return error.code;
  }
  assert.fail("no error thrown");
}

Deno.test("TARGETS are the five release platforms", () => {
  assert.deepEqual(TARGETS, [
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
  ]);
});

Deno.test("binaryName adds the version, the target and .exe for Windows only", () => {
  assert.equal(
    binaryName("x86_64-unknown-linux-gnu", { version: "1.2.3" }),
    "vouch-1.2.3-x86_64-unknown-linux-gnu",
  );
  assert.equal(
    binaryName("aarch64-apple-darwin", { version: "0.1.0" }),
    "vouch-0.1.0-aarch64-apple-darwin",
  );
  assert.equal(
    binaryName("x86_64-pc-windows-msvc", { version: "0.1.0" }),
    "vouch-0.1.0-x86_64-pc-windows-msvc.exe",
  );
});

Deno.test("compileArgs bakes in exactly read, write, env and net (net: keyless signing only)", () => {
  assert.deepEqual(compileArgs("x86_64-pc-windows-msvc", { version: "0.1.0", outDir: "dist" }), [
    "compile",
    "--allow-read",
    "--allow-write",
    "--allow-env",
    "--allow-net",
    "--v8-flags=--no-opt,--no-maglev,--max-semi-space-size=2,--single-threaded,--no-lazy",
    "--include",
    "src/provenance/_hash_worker.ts",
    "--target",
    "x86_64-pc-windows-msvc",
    "--output",
    "dist/vouch-0.1.0-x86_64-pc-windows-msvc.exe",
    "main.ts",
  ]);
  const args = compileArgs("aarch64-unknown-linux-gnu", {
    version: "2.0.0",
    outDir: "/tmp/out",
    entry: "cli.ts",
  });
  assert.equal(args.at(-1), "cli.ts");
  assert.equal(
    args[args.indexOf("--output") + 1],
    "/tmp/out/vouch-2.0.0-aarch64-unknown-linux-gnu",
  );
  assert.deepEqual(args.filter((a) => a.startsWith("--allow") || a === "-A"), [
    ...PERMISSION_FLAGS,
  ]);
  assert.deepEqual(args.filter((a) => a.startsWith("--v8-flags")), [V8_FLAGS_ARG]);
});

Deno.test("V8_FLAGS match the CLI tests', the Dockerfile's and `deno task vouch`'s", () => {
  assert.equal(V8_FLAGS_ARG, `--v8-flags=${V8_FLAGS.join(",")}`);
  assert.equal(BINARY_V8_FLAGS, V8_FLAGS_ARG);
  const dockerfile = Deno.readTextFileSync(`${REPO_ROOT}/Dockerfile`);
  assert.deepEqual(dockerfile.split(/\s+/).filter((w) => w.startsWith("--v8-flags")), [
    V8_FLAGS_ARG,
  ]);
  const config = JSON.parse(Deno.readTextFileSync(`${REPO_ROOT}/deno.json`));
  assert.ok(config.tasks.vouch.split(" ").includes(V8_FLAGS_ARG), config.tasks.vouch);
});

Deno.test("PERMISSION_FLAGS match the CLI tests' binary permissions and the Dockerfile", () => {
  assert.deepEqual([...PERMISSION_FLAGS], BINARY_PERMISSIONS);
  const dockerfile = Deno.readTextFileSync(`${REPO_ROOT}/Dockerfile`);
  const compile = dockerfile.split("\n").find((l) => l.includes("deno compile"));
  assert.ok(compile, "the Dockerfile runs deno compile");
  assert.deepEqual(compile.split(/\s+/).filter((w) => w.startsWith("--allow") || w === "-A"), [
    ...PERMISSION_FLAGS,
  ]);
  assert.match(dockerfile, /^FROM denoland\/deno:2\.9\.6 AS build$/m);
  assert.match(dockerfile, /^COPY --from=build \/out\/vouch \/usr\/local\/bin\/vouch$/m);
  assert.match(dockerfile, /^USER nonroot$/m);
  assert.match(dockerfile, /^ENTRYPOINT \["vouch"\]$/m);
});

Deno.test("action.yml downloads a binary for every target and nothing else", () => {
  const action = Deno.readTextFileSync(`${REPO_ROOT}/action.yml`);
  const mapped = [...action.matchAll(/\btarget=([a-z0-9_-]+)/g)].map((m) => m[1]).sort();
  assert.deepEqual(mapped, [...TARGETS].sort());
  assert.match(action, /VOUCH_SIGNING_KEY: \$\{\{ inputs\.signing-key \}\}/);
  assert.match(action, /VOUCH_PRIVATE_KEY: \$\{\{ inputs\.private-key \}\}/);
  // Expressions reach the steps only as environment variables, never spliced into a script.
  const spliced = action.split("\nruns:")[1].split("\n")
    .filter((l) => l.includes("${{") && !/^\s+[A-Z_]+: \$\{\{ [a-z_.-]+ \}\}(\/[a-z-]+)?$/.test(l));
  assert.deepEqual(spliced, []);
});

Deno.test("parseCompileArgs defaults to every target in dist/", () => {
  assert.deepEqual(parseCompileArgs([], { env: {} }), {
    targets: [...TARGETS],
    outDir: "dist",
    help: false,
  });
});

Deno.test("parseCompileArgs picks a subset in TARGETS order without duplicates", () => {
  const plan = parseCompileArgs(
    [
      "--target",
      "x86_64-pc-windows-msvc",
      "--targets",
      "aarch64-apple-darwin, x86_64-pc-windows-msvc",
      "--out-dir",
      "o",
    ],
    { env: {} },
  );
  assert.deepEqual(plan, {
    targets: ["aarch64-apple-darwin", "x86_64-pc-windows-msvc"],
    outDir: "o",
    help: false,
  });
  assert.deepEqual(parseCompileArgs(["--target=x86_64-apple-darwin"], { env: {} }).targets, [
    "x86_64-apple-darwin",
  ]);
  assert.equal(parseCompileArgs(["--help"], { env: {} }).help, true);
});

Deno.test("parseCompileArgs rejects unknown targets, flags and arguments", () => {
  assert.equal(
    problemCode(() => parseCompileArgs(["--target", "x86_64-unknown-linux-musl"], { env: {} })),
    "compile.unknown_target",
  );
  try {
    parseCompileArgs(["--targets", "aarch64-apple-darwn"], { env: {} });
    assert.fail("accepted a typo");
  } catch (error) {
    assert.equal((error as VouchError).hint, "did you mean aarch64-apple-darwin?");
  }
  assert.equal(
    problemCode(() => parseCompileArgs(["--taget", "x"], { env: {} })),
    "args.unknown_flag",
  );
  assert.equal(
    problemCode(() => parseCompileArgs(["main.ts"], { env: {} })),
    "args.unexpected_argument",
  );
});

Deno.test("parseCompileArgs allows DENORT_BIN with one target only", () => {
  const env = { DENORT_BIN: "/opt/denort" };
  assert.equal(problemCode(() => parseCompileArgs([], { env })), "compile.denort_bin_many_targets");
  assert.equal(
    problemCode(() =>
      parseCompileArgs(["--targets", "x86_64-apple-darwin,aarch64-apple-darwin"], { env })
    ),
    "compile.denort_bin_many_targets",
  );
  assert.deepEqual(parseCompileArgs(["--target", "aarch64-apple-darwin"], { env }).targets, [
    "aarch64-apple-darwin",
  ]);
  assert.equal(parseCompileArgs([], { env: { DENORT_BIN: "" } }).targets.length, TARGETS.length);
});

Deno.test("classifyCompileFailure: no network means one line about DENORT_BIN", () => {
  assert.deepEqual(classifyCompileFailure(OFFLINE_DNS, { target: "x86_64-unknown-linux-gnu" }), {
    code: "compile.offline",
    message: "cannot download the Deno runtime for x86_64-unknown-linux-gnu (no network)",
    hint: "set DENORT_BIN to a local denort binary",
  });
  assert.equal(
    classifyCompileFailure(OFFLINE_REFUSED, { target: "aarch64-apple-darwin" }).code,
    "compile.offline",
  );
});

Deno.test("classifyCompileFailure: a DENORT_BIN naming no file", () => {
  assert.deepEqual(classifyCompileFailure(DENORT_MISSING, { target: "x86_64-apple-darwin" }), {
    code: "compile.denort_missing",
    message: "DENORT_BIN=/opt/denort does not exist",
    hint: "point DENORT_BIN at a denort binary for x86_64-apple-darwin, or unset it",
  });
});

Deno.test("classifyCompileFailure: the runtime cannot be set up for another reason", () => {
  const stderr =
    "error: Writing deno compile executable\n\nCaused by:\n    0: Setting up base binary.\n" +
    "    1: Download could not be found, aborting\n";
  assert.deepEqual(classifyCompileFailure(stderr, { target: "x86_64-apple-darwin" }), {
    code: "compile.runtime_unavailable",
    message:
      "cannot get the Deno runtime for x86_64-apple-darwin: Download could not be found, aborting",
    hint: "set DENORT_BIN to a local denort binary",
  });
});

Deno.test("classifyCompileFailure: any other failure quotes deno's first error line", () => {
  const stderr =
    "\x1b[0m\x1b[32mCheck\x1b[0m main.ts\n\x1b[0m\x1b[1m\x1b[31mTS2322 \x1b[0m[ERROR]: Type 'number'\n" +
    "error: Type checking failed.\n";
  assert.deepEqual(classifyCompileFailure(stderr, { target: "x86_64-unknown-linux-gnu" }), {
    code: "compile.failed",
    message: "deno compile failed for x86_64-unknown-linux-gnu: Type checking failed.",
    hint: "fix the error above, then run deno task compile again",
  });
  assert.equal(
    classifyCompileFailure("", { target: "x86_64-unknown-linux-gnu" }).message,
    "deno compile failed for x86_64-unknown-linux-gnu: no output",
  );
});

Deno.test("releaseBinaries keeps the vouch-* files, sorted", () => {
  assert.deepEqual(
    releaseBinaries([
      { name: "vouch-0.1.0-x86_64-pc-windows-msvc.exe", isFile: true },
      { name: "SHA256SUMS", isFile: true },
      { name: "attestation", isFile: false },
      { name: "vouch-dir", isFile: false },
      { name: "vouch-0.1.0-aarch64-apple-darwin", isFile: true },
      { name: "notes.txt", isFile: true },
    ]),
    ["vouch-0.1.0-aarch64-apple-darwin", "vouch-0.1.0-x86_64-pc-windows-msvc.exe"],
  );
});

Deno.test("compileEnv passes only what deno needs: never a signing key", () => {
  const env = {
    PATH: "/usr/bin:/bin",
    HOME: "/home/builder",
    DENO_DIR: "/cache/deno",
    XDG_CACHE_HOME: "/cache",
    TMPDIR: "/tmp/x",
    DENORT_BIN: "/opt/denort",
    HTTPS_PROXY: "http://proxy:3128",
    HTTP_PROXY: "http://proxy:3128",
    NO_PROXY: "localhost",
    https_proxy: "http://lower:3128",
    http_proxy: "http://lower:3128",
    no_proxy: "127.0.0.1",
    VOUCH_SIGNING_KEY: "hmac-secret",
    VOUCH_PRIVATE_KEY: "-----BEGIN PRIVATE KEY-----",
    GITHUB_TOKEN: "ghp_secret",
    AWS_SECRET_ACCESS_KEY: "aws",
    SOURCE_DATE_EPOCH: "1700000000",
  };
  const before = { ...env };
  const passed = compileEnv(env);
  assert.deepEqual(passed, {
    PATH: "/usr/bin:/bin",
    HOME: "/home/builder",
    DENO_DIR: "/cache/deno",
    XDG_CACHE_HOME: "/cache",
    TMPDIR: "/tmp/x",
    DENORT_BIN: "/opt/denort",
    HTTPS_PROXY: "http://proxy:3128",
    HTTP_PROXY: "http://proxy:3128",
    NO_PROXY: "localhost",
    https_proxy: "http://lower:3128",
    http_proxy: "http://lower:3128",
    no_proxy: "127.0.0.1",
  });
  for (const secret of ["hmac-secret", "PRIVATE KEY", "ghp_secret", "aws"]) {
    assert.ok(!JSON.stringify(passed).includes(secret), secret);
  }
  assert.deepEqual(env, before, "the input is not changed");
});

Deno.test("compileEnv drops unset and empty variables", () => {
  assert.deepEqual(compileEnv({}), {});
  assert.deepEqual(
    compileEnv({ PATH: "/bin", DENORT_BIN: "", HOME: undefined, VOUCH_SIGNING_KEY: "k" }),
    { PATH: "/bin" },
  );
  // Names are matched exactly: an inherited property is not a variable.
  assert.deepEqual(compileEnv(Object.create({ PATH: "/inherited" })), {});
});

function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const name of ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "TMPDIR"]) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  return { ...env, ...extra };
}

async function runScript(
  args: string[],
  env: Record<string, string>,
  root = REPO_ROOT,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--allow-read",
      "--allow-write",
      "--allow-env",
      "--allow-run",
      "--allow-net",
      `${root}/scripts/compile.ts`,
      ...args,
    ],
    cwd: root,
    env: childEnv(env),
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array): string => new TextDecoder().decode(b);
  return { code: out.code, stdout: decode(out.stdout), stderr: decode(out.stderr) };
}

function lastLine(text: string): string {
  return text.trimEnd().split("\n").at(-1)!;
}

Deno.test("compile script: a bogus DENORT_BIN stops with one clear line and exit 1", async () => {
  const out = await Deno.makeTempDir();
  try {
    const result = await runScript(["--target", "x86_64-apple-darwin", "--out-dir", out], {
      DENORT_BIN: `${out}/no-such-denort`,
    });
    assert.equal(result.code, 1);
    assert.deepEqual(result.stderr.trimEnd().split("\n"), [
      `compile: x86_64-apple-darwin -> ${out}/vouch-${VERSION}-x86_64-apple-darwin`,
      `compile: DENORT_BIN=${out}/no-such-denort does not exist; ` +
      "point DENORT_BIN at a denort binary for x86_64-apple-darwin, or unset it",
    ]);
    assert.deepEqual([...Deno.readDirSync(out)], []);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("compile script: usage errors exit 2 before compiling", async () => {
  const result = await runScript(["--target", "sparc-sun-solaris"], {});
  assert.equal(result.code, 2);
  assert.match(
    lastLine(result.stderr),
    /^compile: unknown target "sparc-sun-solaris"; use one of: /,
  );
  assert.doesNotMatch(result.stderr, /->/);
});

async function cachedRuntime(target: string): Promise<boolean> {
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json"],
    stdout: "piped",
    stderr: "null",
  })
    .output();
  const denoDir = JSON.parse(new TextDecoder().decode(info.stdout)).denoDir as string;
  try {
    Deno.statSync(`${denoDir}/dl/release/v${Deno.version.deno}/denort-${target}.zip`);
    return true;
  } catch {
    return false;
  }
}

Deno.test("compile script: without network the runtime download fails in one line", async () => {
  const target = "aarch64-apple-darwin";
  if (await cachedRuntime(target)) {
    console.log(
      `skipping the offline run: the ${target} runtime is cached, so no download happens`,
    );
    return;
  }
  const out = await Deno.makeTempDir();
  try {
    const proxy = "http://127.0.0.1:9";
    const result = await runScript(["--target", target, "--out-dir", out], {
      HTTPS_PROXY: proxy,
      HTTP_PROXY: proxy,
      ALL_PROXY: proxy,
    });
    assert.equal(result.code, 1);
    assert.equal(
      lastLine(result.stderr),
      `compile: cannot download the Deno runtime for ${target} (no network); set DENORT_BIN to a local denort binary`,
    );
    assert.doesNotMatch(result.stderr, /Stack backtrace|Caused by|\n\s+at /);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("compile script: builds, writes SHA256SUMS and attests its binary", async () => {
  const target = Deno.build.target;
  if (!TARGETS.includes(target)) {
    console.log(`skipping the end-to-end run: ${target} is not a release target`);
    return;
  }
  const out = await Deno.makeTempDir();
  try {
    // The deno executable stands in for denort: the result does not run as
    // vouch, but it exercises compile → SHA256SUMS → attest without a download.
    const result = await runScript(["--target", target, "--out-dir", out], {
      DENORT_BIN: Deno.execPath(),
      VOUCH_SIGNING_KEY: "test-key",
      GITHUB_ACTIONS: "true",
      GITHUB_REPOSITORY: "example/vouch",
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
      GITHUB_RUN_ID: "7",
      GITHUB_WORKFLOW_REF: "example/vouch/.github/workflows/release.yml@refs/tags/v1",
      SOURCE_DATE_EPOCH: "1700000000",
    });
    assert.equal(result.code, 0, result.stderr);
    const name = binaryName(target, { version: VERSION });
    const bytes = Deno.readFileSync(`${out}/${name}`);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    assert.equal(Deno.readTextFileSync(`${out}/SHA256SUMS`), `${sha256}  ${name}\n`);
    const index = JSON.parse(
      Deno.readTextFileSync(`${out}/attestation/supply_chain_attestation.json`),
    );
    assert.equal(index.passed, true);
    assert.equal(index.release, VERSION);
    assert.deepEqual(index.subjects, [{ name, sha256, size: bytes.length }]);
    assert.ok(
      index.inventory.sources.includes("deno.lock"),
      JSON.stringify(index.inventory.sources),
    );
    assert.match(lastLine(result.stderr), /^compile: attestation passed: /);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("compile script: outside CI the dogfood attestation uses the local builder, never context.missing.builder-id", async () => {
  const target = Deno.build.target;
  if (!TARGETS.includes(target)) {
    console.log(`skipping the end-to-end run: ${target} is not a release target`);
    return;
  }
  // A checkout of its own (the script attests the repository it lives in), with an origin
  // remote and a commit, and no CI variable at all: as a developer runs `deno task compile`.
  const root = await Deno.makeTempDir({ prefix: "vouch-compile-" });
  try {
    for (const file of ["main.ts", "mod.ts", "deno.json", "deno.lock"]) {
      await Deno.copyFile(`${REPO_ROOT}/${file}`, `${root}/${file}`);
    }
    for (const dir of ["src", "scripts"]) await copyDir(`${REPO_ROOT}/${dir}`, `${root}/${dir}`);
    const git = gitIn(root);
    const made = await git("init", "-q").catch(() => undefined);
    if (!made?.success) {
      console.log("skipping: git is not available to make the checkout");
      return;
    }
    await git("add", ".");
    await git("commit", "-qm", "release");
    await git("remote", "add", "origin", "https://github.com/example/vouch.git");
    const head = new TextDecoder().decode((await git("rev-parse", "HEAD")).stdout).trim();
    const result = await runScript(["--target", target], {
      DENORT_BIN: Deno.execPath(),
      VOUCH_SIGNING_KEY: "test-key",
    }, root);
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /context\.missing/);
    const index = JSON.parse(
      await Deno.readTextFile(`${root}/dist/attestation/supply_chain_attestation.json`),
    );
    assert.equal(index.builder_id, LOCAL_BUILDER_ID);
    assert.equal(index.repository, "https://github.com/example/vouch");
    assert.equal(index.commit_sha, head);
    assert.match(
      await Deno.readTextFile(`${root}/dist/attestation/supply_chain_attestation.md`),
      /- Builder: https:\/\/jsr\.io\/@vouch\/vouch\/builders\/local\/v1 \(the local default/,
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});
