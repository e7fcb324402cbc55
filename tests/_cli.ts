// Runs the CLI the way the compiled binary runs: `deno run` with exactly the
// permissions baked into the binary, and a clean environment.
import { REPO_ROOT } from "./_util.ts";

/**
 * The permission flags the compiled binary gets (the network is dropped at
 * the start of every run but `attest --keyless`).
 */
export const BINARY_PERMISSIONS = ["--allow-read", "--allow-write", "--allow-env", "--allow-net"];

/** The V8 flags the compiled binary gets (see `V8_FLAGS` in scripts/compile.ts). */
export const BINARY_V8_FLAGS =
  "--v8-flags=--no-opt,--no-maglev,--max-semi-space-size=2,--single-threaded,--no-lazy";

/** What one CLI run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `main.ts` (or another entry point) with `args`.
 *
 * @param args The CLI arguments.
 * @param options `cwd`, extra environment variables (the rest of the environment is cleared),
 *   `entry`, the module run (default `main.ts`), `denoFlags`, more flags for `deno run`,
 *   `wrapper`: a command that runs deno (e.g. `["setpriv", …]`, ending where deno's path goes),
 *   `signal`: aborts the run (a guard against hangs).
 * @returns Exit code and output.
 */
export async function runVouch(
  args: string[],
  options: {
    cwd?: string;
    env?: Record<string, string>;
    entry?: string;
    denoFlags?: string[];
    wrapper?: string[];
    signal?: AbortSignal;
  } = {},
): Promise<CliResult> {
  const deno = [
    ...["run", "--quiet", ...BINARY_PERMISSIONS, BINARY_V8_FLAGS, ...(options.denoFlags ?? [])],
    options.entry ?? `${REPO_ROOT}/main.ts`,
    ...args,
  ];
  const [program, ...prefix] = options.wrapper ?? [Deno.execPath()];
  return await runCommand(program, options.wrapper ? [...prefix, Deno.execPath(), ...deno] : deno, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env,
    signal: options.signal,
  });
}

/**
 * Runs a program in a clean environment: `NO_COLOR=1` and this process's
 * `PATH`, `HOME`, `DENO_DIR`, `XDG_CACHE_HOME` and `TMPDIR`, then `env`.
 *
 * @param command The program.
 * @param args Its arguments.
 * @param options `cwd`, more (or replaced) environment variables, and an abort `signal`.
 * @returns Exit code and output.
 */
export async function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<CliResult> {
  const keep = ["PATH", "HOME", "DENO_DIR", "XDG_CACHE_HOME", "TMPDIR"];
  const env: Record<string, string> = { NO_COLOR: "1" };
  for (const name of keep) {
    const value = Deno.env.get(name);
    if (value !== undefined) env[name] = value;
  }
  const out = await new Deno.Command(command, {
    args,
    cwd: options.cwd,
    signal: options.signal,
    env: { ...env, ...options.env },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/**
 * Copies the demo fixture into a fresh temp folder (outside any git checkout).
 *
 * @returns The project path inside the temp folder.
 */
export async function demoProject(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "vouch-e2e-" });
  const project = `${dir}/project`;
  await copyDir(`${REPO_ROOT}/fixtures/demo`, project);
  return project;
}

/**
 * Copies a folder tree.
 *
 * @param from The folder.
 * @param to Where the copy goes (created).
 */
export async function copyDir(from: string, to: string): Promise<void> {
  await Deno.mkdir(to, { recursive: true });
  for await (const e of Deno.readDir(from)) {
    if (e.isDirectory) await copyDir(`${from}/${e.name}`, `${to}/${e.name}`);
    else await Deno.copyFile(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/** Flags that pin the whole build context, so no CI or git lookup is needed. */
export const CONTEXT_FLAGS: string[] = [
  "--release",
  "v1.0.0",
  "--repository",
  "https://github.com/example/demo-app",
  "--commit-sha",
  "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
  "--builder-id",
  "https://github.com/example/demo-app/.github/workflows/release.yml@refs/tags/v1.0.0",
];

/**
 * Reads every file of a directory as text.
 *
 * @param dir The directory.
 * @returns File name → contents.
 */
export async function readDir(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const e of Deno.readDir(dir)) {
    files.set(e.name, await Deno.readTextFile(`${dir}/${e.name}`));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * A `git` runner for a folder, with a fixed identity and no global configuration.
 *
 * @param cwd The folder.
 * @returns A function running `git ARGS…` there.
 */
export function gitIn(cwd: string): (...args: string[]) => Promise<Deno.CommandOutput> {
  return (...args) =>
    new Deno.Command("git", {
      args: ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args],
      cwd,
      env: { GIT_CONFIG_GLOBAL: "/dev/null" },
    }).output();
}
