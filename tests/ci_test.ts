// CI integrations. The composite GitHub Action (action.yml): its two bash steps
// run here for real, with a stand-in `curl` that serves release files from a
// folder, and a stand-in vouch binary that records its arguments. The README's
// GitLab job: its attest line runs against a GitLab-like environment.
import assert from "node:assert/strict";
import { join } from "node:path";
import { REPO_ROOT, withTempDir } from "./_util.ts";
import {
  BINARY_PERMISSIONS,
  BINARY_V8_FLAGS,
  CONTEXT_FLAGS,
  demoProject,
  runCommand,
} from "./_cli.ts";
import { OUTPUT_KEYS } from "../src/cli/github_actions.ts";
import { MOCK_IDENTITY, mockToken } from "./sigstore/_mock_stack.ts";
import { startStackServer } from "./sigstore/_mock_stack_server.ts";

const ACTION = Deno.readTextFileSync(`${REPO_ROOT}/action.yml`);
const CONFIG = JSON.parse(Deno.readTextFileSync(`${REPO_ROOT}/deno.json`));
const TARGET = "x86_64-unknown-linux-gnu";

/** The `run: |` script of the step with this id (a block scalar: the lines indented deeper). */
function stepScript(id: string): string {
  const lines = ACTION.split("\n");
  const start = lines.findIndex((l) => l.trim() === `id: ${id}`);
  assert.ok(start !== -1, `no step ${id}`);
  const run = lines.findIndex((l, i) => i > start && /^\s+run: \|$/.test(l));
  const indent = lines[run].search(/\S/);
  const body: string[] = [];
  for (const line of lines.slice(run + 1)) {
    if (line.trim() !== "" && line.search(/\S/) <= indent) break;
    body.push(line.slice(indent + 2));
  }
  return body.join("\n");
}

/** The action's outputs: name → the step output it maps. */
function actionOutputs(): Map<string, string> {
  const block = ACTION.split("\noutputs:\n")[1].split("\nruns:")[0];
  return new Map(
    [...block.matchAll(
      /^ {2}([a-z0-9-]+):\n(?: {4}.*\n)*? {4}value: \$\{\{ steps\.attest\.outputs\.([a-z_0-9]+) \}\}$/gm,
    )]
      .map((m) => [m[1], m[2]]),
  );
}

function bash(
  script: string,
  env: Record<string, string>,
  args: string[] = [],
): ReturnType<typeof runCommand> {
  return runCommand("bash", ["-c", script, "bash", ...args], { env });
}

/** A folder with a fake `curl` on PATH serving `releases/<tag>/<file>`, logging each URL. */
async function fakeReleases(dir: string, versions: string[]): Promise<Record<string, string>> {
  const bin = join(dir, "bin");
  await Deno.mkdir(bin, { recursive: true });
  for (const version of versions) {
    const folder = join(dir, "releases", `v${version}`);
    await Deno.mkdir(folder, { recursive: true });
    const name = `vouch-${version}-${TARGET}`;
    const body = `#!/bin/sh\necho "vouch ${version}"\n`;
    await Deno.writeTextFile(join(folder, name), body);
    const digest = new Uint8Array(
      await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body)),
    );
    const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
    await Deno.writeTextFile(join(folder, "SHA256SUMS"), `${hex}  ${name}\n`);
  }
  await Deno.writeTextFile(
    join(bin, "curl"),
    `#!/bin/bash
out=""; url=""
while [ $# -gt 0 ]; do case "$1" in -o) out="$2"; shift 2 ;; -*) shift ;; *) url="$1"; shift ;; esac; done
echo "$url" >> "${dir}/urls.log"
file="${dir}/releases/\${url#*/releases/download/}"
[ -f "$file" ] || exit 22
cp "$file" "$out"
`,
  );
  await Deno.chmod(join(bin, "curl"), 0o755);
  return {
    PATH: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
    VOUCH_VERSION: "",
    VOUCH_REPOSITORY: "",
    ACTION_REPOSITORY: "owner/vouch",
    ACTION_PATH: REPO_ROOT,
    RUNNER_OS_NAME: "Linux",
    RUNNER_ARCH_NAME: "X64",
    INSTALL_DIR: join(dir, "install"),
    GITHUB_OUTPUT: join(dir, "github_output"),
    GITHUB_SERVER_URL: "https://github.com",
  };
}

const readUrls = (dir: string): string[] =>
  Deno.readTextFileSync(join(dir, "urls.log")).trim().split("\n");

Deno.test("action.yml: @v1 and @v0.1 resolve to the release in the action's deno.json", async () => {
  const version: string = CONFIG.version;
  const [major, minor] = version.split(".");
  for (const ref of [`v${major}`, `v${major}.${minor}`, "main", "0123456789abcdef0123"]) {
    await withTempDir(async (dir) => {
      const env = await fakeReleases(dir, [version]);
      const r = await bash(stepScript("install"), { ...env, ACTION_REF: ref });
      assert.equal(r.code, 0, `${ref}: ${r.stdout}${r.stderr}`);
      const name = `vouch-${version}-${TARGET}`;
      assert.deepEqual(readUrls(dir), [
        `https://github.com/owner/vouch/releases/download/v${version}/${name}`,
        `https://github.com/owner/vouch/releases/download/v${version}/SHA256SUMS`,
      ]);
      assert.equal(
        Deno.readTextFileSync(env.GITHUB_OUTPUT),
        `path=${env.INSTALL_DIR}/${name}\n`,
      );
    });
  }
});

Deno.test("action.yml: an exact tag or the version input wins; a moving tag of another line fails", async () => {
  await withTempDir(async (dir) => {
    const env = await fakeReleases(dir, ["9.8.7", "1.2.3-rc.1"]);
    const exact = await bash(stepScript("install"), { ...env, ACTION_REF: "v9.8.7" });
    assert.equal(exact.code, 0, exact.stdout + exact.stderr);
    const input = await bash(stepScript("install"), {
      ...env,
      ACTION_REF: "v1",
      VOUCH_VERSION: "v1.2.3-rc.1",
    });
    assert.equal(input.code, 0, input.stdout + input.stderr);
    assert.deepEqual(readUrls(dir).filter((u) => u.endsWith("SHA256SUMS")), [
      "https://github.com/owner/vouch/releases/download/v9.8.7/SHA256SUMS",
      "https://github.com/owner/vouch/releases/download/v1.2.3-rc.1/SHA256SUMS",
    ]);
    // v99 cannot hold the version in deno.json: a clear error, no download.
    const other = await bash(stepScript("install"), { ...env, ACTION_REF: "v99" });
    assert.equal(other.code, 1);
    assert.match(
      other.stdout,
      new RegExp(
        `^::error title=vouch-action::the action ref 'v99' holds vouch ${CONFIG.version};`,
      ),
    );
    // No deno.json at the action path (not a vouch checkout): the version input is needed.
    const none = await bash(stepScript("install"), { ...env, ACTION_REF: "v1", ACTION_PATH: dir });
    assert.equal(none.code, 1);
    assert.match(none.stdout, /set the version input/);
    assert.equal(readUrls(dir).length, 4, "no download for the failed runs");
  });
});

Deno.test("action.yml: every line of a multi-line args input reaches vouch", async () => {
  await withTempDir(async (dir) => {
    const bin = join(dir, "vouch");
    await Deno.writeTextFile(bin, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/argv"\n`);
    await Deno.chmod(bin, 0o755);
    const r = await bash(stepScript("attest"), {
      VOUCH_BIN: bin,
      VOUCH_SUBJECTS: "dist/*.whl\r\n  dist/app.tar.gz  \n\n",
      VOUCH_RELEASE: "v1.0.0",
      VOUCH_OUTPUT_DIR: "evidence",
      VOUCH_FORMAT: "md",
      VOUCH_EXTRA_ARGS:
        "--lockfile uv.lock\r\n--lockfile   backend/poetry.lock\n\n  --project-root app\n",
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.deepEqual(Deno.readTextFileSync(join(dir, "argv")).split("\n").slice(0, -1), [
      ...["attest", "--output-dir", "evidence", "--format", "md", "--release", "v1.0.0"],
      ...["--subject", "dist/*.whl", "--subject", "dist/app.tar.gz"],
      ...["--lockfile", "uv.lock", "--lockfile", "backend/poetry.lock"],
      ...["--project-root", "app"],
    ]);
    // No args at all: nothing extra.
    const bare = await bash(stepScript("attest"), {
      VOUCH_BIN: bin,
      VOUCH_SUBJECTS: "dist/x",
      VOUCH_RELEASE: "",
      VOUCH_OUTPUT_DIR: "evidence",
      VOUCH_FORMAT: "json",
      VOUCH_EXTRA_ARGS: "",
    });
    assert.equal(bare.code, 0, bare.stdout + bare.stderr);
    assert.equal(
      Deno.readTextFileSync(join(dir, "argv")),
      "attest\n--output-dir\nevidence\n--format\njson\n--subject\ndist/x\n",
    );
  });
});

Deno.test("action.yml: keyless: true adds --keyless (the job's id-token permission gives the token)", async () => {
  assert.match(ACTION, /^ {2}keyless:\n/m);
  assert.match(ACTION, /id-token: write/);
  assert.match(ACTION, /VOUCH_KEYLESS: \$\{\{ inputs\.keyless \}\}/);
  await withTempDir(async (dir) => {
    const bin = join(dir, "vouch");
    await Deno.writeTextFile(bin, `#!/bin/sh\nprintf '%s\\n' "$@" > "${dir}/argv"\n`);
    await Deno.chmod(bin, 0o755);
    const env = {
      VOUCH_BIN: bin,
      VOUCH_SUBJECTS: "dist/x",
      VOUCH_RELEASE: "",
      VOUCH_OUTPUT_DIR: "evidence",
      VOUCH_FORMAT: "md",
      VOUCH_EXTRA_ARGS: "",
    };
    for (const [keyless, added] of [["true", ["--keyless"]], ["false", []], ["", []]] as const) {
      const r = await bash(stepScript("attest"), { ...env, VOUCH_KEYLESS: keyless });
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.deepEqual(Deno.readTextFileSync(join(dir, "argv")).split("\n").slice(0, -1), [
        ...["attest", "--output-dir", "evidence", "--format", "md", ...added],
        ...["--subject", "dist/x"],
      ]);
    }
  });
});

Deno.test("action.yml: an output for every step output vouch writes, SHA256SUMS and SBOM bundles included", () => {
  const outputs = actionOutputs();
  assert.deepEqual([...outputs.values()].toSorted(), [...OUTPUT_KEYS].toSorted());
  for (const [name, key] of outputs) assert.equal(name, key.replaceAll("_", "-"));
  assert.ok(outputs.has("sha256sums-path"));
  assert.ok(outputs.has("sbom-spdx-sigstore-path"));
  assert.ok(outputs.has("sbom-cyclonedx-sigstore-path"));
  // The README lists the same outputs.
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);
  const listed = /^Outputs: ([^.(]+)/m.exec(readme);
  assert.ok(listed, "README: no Outputs: line");
  assert.deepEqual(
    [...listed[1].matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]).toSorted(),
    [...outputs.keys()].toSorted(),
  );
});

/**
 * Runs a line of a README GitLab job in `project` with GitLab's variables and
 * `env`, where `vouch` is this checkout's CLI with the binary's permissions
 * (`extraArgs` after the line's own arguments).
 */
async function runGitlabLine(
  line: string,
  project: string,
  env: Record<string, string>,
  extraArgs = "",
): ReturnType<typeof runCommand> {
  const bin = join(project, "..", "bin");
  await Deno.mkdir(bin);
  await Deno.writeTextFile(
    join(bin, "vouch"),
    `#!/bin/sh\nexec "${Deno.execPath()}" run --quiet ${
      [...BINARY_PERMISSIONS, BINARY_V8_FLAGS].join(" ")
    } "${REPO_ROOT}/main.ts" "$@"${extraArgs}\n`,
  );
  await Deno.chmod(join(bin, "vouch"), 0o755);
  const [, release, , repository, , commit, , builder] = CONTEXT_FLAGS;
  return await bash(`cd "$1" && ${line}`, {
    PATH: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
    GITLAB_CI: "true",
    CI_COMMIT_TAG: release,
    CI_PROJECT_URL: repository,
    CI_COMMIT_SHA: commit,
    CI_JOB_URL: builder,
    ...env,
  }, [project]);
}

Deno.test("README GitLab job: the PEM key is a File variable passed with --private-key, and that line works", async () => {
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);
  const section = readme.split("\n## GitLab CI\n")[1].split("\n## ")[0];
  assert.match(section, /variable of type _File_ named `VOUCH_PRIVATE_KEY_FILE`/);
  const line = /^ {4}- (vouch attest .*)$/m.exec(section);
  assert.ok(line, "no vouch attest line in the GitLab job");
  assert.match(line[1], /--private-key "\$VOUCH_PRIVATE_KEY_FILE"/);

  const project = await demoProject();
  const base = join(project, "..");
  try {
    // GitLab writes a File variable's value to a file and puts the path in the variable.
    const { generateKeyPairSync } = await import("node:crypto");
    const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const keyFile = join(base, "gitlab-tmp", "VOUCH_PRIVATE_KEY_FILE");
    await Deno.mkdir(join(base, "gitlab-tmp"));
    await Deno.writeTextFile(
      keyFile,
      privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    );
    const run = await runGitlabLine(line[1], project, { VOUCH_PRIVATE_KEY_FILE: keyFile });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const index = JSON.parse(
      Deno.readTextFileSync(join(project, "evidence", "supply_chain_attestation.json")),
    );
    assert.equal(index.passed, true);
    assert.ok(
      index.signatures.some((s: { path: string }) => s.path === "provenance.sigstore.json"),
    );
  } finally {
    await Deno.remove(base, { recursive: true });
  }
});

Deno.test("README GitLab keyless job: SIGSTORE_ID_TOKEN from id_tokens (aud sigstore), and its attest line works", async () => {
  const readme = Deno.readTextFileSync(`${REPO_ROOT}/README.md`);
  const section = readme.split("\n## GitLab CI\n")[1].split("\n## ")[0];
  assert.match(section, /\n {2}id_tokens:\n {4}SIGSTORE_ID_TOKEN:\n {6}aud: sigstore\n/);
  const line = /^ {4}- (vouch attest --keyless .*)$/m.exec(section);
  assert.ok(line, "no keyless vouch attest line in the GitLab job");

  const server = await startStackServer();
  const project = await demoProject();
  const base = join(project, "..");
  try {
    const root = join(base, "trusted_root.json");
    await Deno.writeTextFile(root, server.trustedRootJson);
    // The job's `vouch`, pointed at the local Sigstore instance instead of the public-good one.
    const instance =
      ` --fulcio-url ${server.url} --rekor-url ${server.url} --trusted-root "${root}"`;
    const run = await runGitlabLine(line[1], project, { SIGSTORE_ID_TOKEN: mockToken() }, instance);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const index = JSON.parse(
      Deno.readTextFileSync(join(project, "evidence", "supply_chain_attestation.json")),
    );
    assert.equal(index.passed, true);
    const signer = index.signatures.find((s: { path: string }) =>
      s.path === "provenance.sigstore.json"
    ).signer;
    assert.equal(signer.identity, MOCK_IDENTITY.san);
  } finally {
    await server.stop();
    await Deno.remove(base, { recursive: true });
  }
});
