// Test helpers for verify(): valid bundles made by attest() once per signing setup, then copied
// into fresh temp folders so each test can tamper with its own copy.
import { attest } from "../../src/attest.ts";
import { generateKeyPair, type KeyAlgorithm } from "../../src/signing/keys.ts";
import { fixture } from "../_util.ts";

/** The build context every test bundle records. */
export const CONTEXT = {
  release: "v1.0.0",
  repository: "https://github.com/example/demo-app",
  commitSha: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
  builderId: "https://github.com/example/demo-app/.github/workflows/release.yml@refs/tags/v1.0.0",
};

/** The expectations matching {@linkcode CONTEXT}. */
export const EXPECT = {
  repository: CONTEXT.repository,
  commit: CONTEXT.commitSha,
  builder: CONTEXT.builderId,
  release: CONTEXT.release,
};

/** The HMAC secret of the test bundles. */
export const HMAC_KEY = "verify-test-hmac-secret";

/** The demo project, whose `dist/*` files are the subjects. */
export const DEMO = fixture("demo");

/** The subject options that make the demo artifacts verify. */
export const SUBJECTS = { subjects: ["dist/*"], cwd: DEMO };

/** How a test bundle is signed (`none`: unsigned, so blocked by `signature.missing_key`). */
export type Signing = "hmac" | "ed25519" | "ecdsa-p256" | "both" | "none";

/** A bundle copy and the keys that verify it. */
export interface TestBundle {
  /** The bundle directory (a private copy). */
  dir: string;
  /** The public key PEM, for asymmetric signings. */
  publicKeyPem?: string;
}

const scratch = Deno.makeTempDirSync({ prefix: "vouch-verify-test-" });
globalThis.addEventListener("unload", () => Deno.removeSync(scratch, { recursive: true }));

/**
 * A fresh empty folder under this test run's scratch folder.
 *
 * @returns Its path.
 */
export function tempDir(): string {
  return Deno.makeTempDirSync({ dir: scratch });
}

const templates = new Map<Signing, Promise<TestBundle>>();

async function build(signing: Signing): Promise<TestBundle> {
  const algorithm: KeyAlgorithm | undefined = signing === "hmac" || signing === "none"
    ? undefined
    : signing === "both"
    ? "ed25519"
    : signing;
  const pair = algorithm === undefined ? undefined : await generateKeyPair(algorithm);
  const dir = `${tempDir()}/bundle`;
  await attest({
    projectRoot: DEMO,
    outputDir: dir,
    subjects: ["dist/*"],
    ...CONTEXT,
    hmacKey: signing === "hmac" || signing === "both" ? HMAC_KEY : undefined,
    privateKeyPem: pair?.privateKeyPem,
    env: { SOURCE_DATE_EPOCH: "1700000000" },
  });
  return { dir, publicKeyPem: pair?.publicKeyPem };
}

/**
 * Copies a directory's regular files (flat).
 *
 * @param from Source directory.
 * @param to Destination directory (created).
 */
export function copyFlat(from: string, to: string): void {
  Deno.mkdirSync(to, { recursive: true });
  for (const e of Deno.readDirSync(from)) {
    if (e.isFile) Deno.copyFileSync(`${from}/${e.name}`, `${to}/${e.name}`);
  }
}

/**
 * A private copy of a valid bundle signed as asked.
 *
 * @param signing Which signatures the bundle carries.
 * @returns The copy and its public key.
 */
export async function bundle(signing: Signing = "both"): Promise<TestBundle> {
  if (!templates.has(signing)) templates.set(signing, build(signing));
  const template = await templates.get(signing)!;
  const dir = `${tempDir()}/bundle`;
  copyFlat(template.dir, dir);
  return { ...template, dir };
}

/**
 * Verify options that make a bundle pass: its keys, the demo subjects and every expectation.
 *
 * @param b The bundle.
 * @returns The options.
 */
export function goodOptions(b: TestBundle): {
  hmacKey: string;
  publicKeys: string[];
  expect: typeof EXPECT;
  subjects: string[];
  cwd: string;
} {
  return {
    hmacKey: HMAC_KEY,
    publicKeys: b.publicKeyPem === undefined ? [] : [b.publicKeyPem],
    expect: EXPECT,
    ...SUBJECTS,
  };
}

/**
 * Flips bits of one byte of a file in place.
 *
 * @param path The file.
 * @param offset Byte offset (must be inside the file).
 * @param mask XOR mask (non-zero).
 */
export function flipByte(path: string, offset: number, mask = 0x01): void {
  const bytes = Deno.readFileSync(path);
  bytes[offset] ^= mask;
  Deno.writeFileSync(path, bytes);
}

/**
 * The failing check codes of a report.
 *
 * @param report A verify report.
 * @returns The codes of failed checks.
 */
export function failedCodes(report: { checks: { code: string; ok: boolean }[] }): string[] {
  return report.checks.filter((c) => !c.ok).map((c) => c.code);
}
