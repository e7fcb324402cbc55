/**
 * Writes a new signing key pair to disk: `PREFIX.key` (PKCS#8 PEM, mode 0600)
 * and `PREFIX.pub` (SPKI PEM). Never overwrites an existing file.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { describeFsProblem, fsProblem } from "../_fs.ts";
import { generateKeyPair, type KeyAlgorithm } from "./keys.ts";

/** Where {@linkcode writeKeyPair} put the keys. */
export interface WrittenKeyPair {
  /** Path of the private key, `PREFIX.key`. */
  privateKeyPath: string;
  /** Path of the public key, `PREFIX.pub`. */
  publicKeyPath: string;
  /** base64(SHA-256(SPKI DER)) of the public key. */
  keyid: string;
}

function exists(path: string): VouchError {
  return new VouchError(
    "key.exists",
    `${path} already exists`,
    "Choose another prefix or move the existing key away; vouch never overwrites keys.",
  );
}

/**
 * The coded error for a key file that cannot be written (no such folder, a
 * read-only file system, a system path such as `/proc`), or `error` itself
 * when it is no file-system problem.
 */
function unwritable(path: string, error: unknown): unknown {
  const problem = fsProblem(error);
  if (problem === undefined) return error;
  const why = problem === "missing"
    ? "no such folder"
    : problem === "not_directory"
    ? "a parent is not a folder"
    : describeFsProblem(problem);
  return new VouchError(
    "key.unwritable",
    `cannot write ${path}: ${why}`,
    "create the folder first, or choose an --out prefix in a folder you can write to",
  );
}

async function present(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    // A parent that is not a folder: the file cannot exist (writeNew says why).
    const problem = fsProblem(error);
    if (problem === "missing" || problem === "not_directory") return false;
    throw unwritable(path, error);
  }
}

async function writeNew(path: string, text: string, mode: number): Promise<void> {
  try {
    await Deno.writeTextFile(path, text, { createNew: true, mode });
  } catch (error) {
    if (error instanceof Deno.errors.AlreadyExists) throw exists(path);
    throw unwritable(path, error);
  }
  if (Deno.build.os !== "windows") await Deno.chmod(path, mode);
}

/**
 * Generates a key pair and writes `PREFIX.key` (mode 0600, created exclusively)
 * and `PREFIX.pub`. Fails with `key.exists` when either file already exists,
 * before writing anything.
 *
 * @param prefix Path prefix, e.g. `release` for `release.key` / `release.pub`.
 * @param options `algorithm`: `ed25519` or `ecdsa-p256`.
 * @returns The paths written and the key id.
 */
export async function writeKeyPair(
  prefix: string,
  options: { algorithm: KeyAlgorithm },
): Promise<WrittenKeyPair> {
  const privateKeyPath = `${prefix}.key`;
  const publicKeyPath = `${prefix}.pub`;
  for (const path of [privateKeyPath, publicKeyPath]) {
    if (await present(path)) throw exists(path);
  }
  const pair = await generateKeyPair(options.algorithm);
  await writeNew(privateKeyPath, pair.privateKeyPem, 0o600);
  try {
    await writeNew(publicKeyPath, pair.publicKeyPem, 0o644);
  } catch (error) {
    await Deno.remove(privateKeyPath); // do not leave a private key without its public half
    throw error;
  }
  return { privateKeyPath, publicKeyPath, keyid: pair.keyid };
}
