/**
 * Publishes a directory of evidence atomically: every file is written into a
 * temporary directory beside the target, which then replaces the target by
 * rename. A failed run leaves the previous evidence untouched and no partial
 * files behind.
 *
 * @module
 */
import { basename, dirname, join, resolve } from "node:path";
import { VouchError } from "../errors.ts";

/** Options of {@linkcode publishDirectory}. */
export interface PublishOptions {
  /**
   * A file that marks a directory as one vouch wrote: an existing, non-empty
   * target without it is never replaced.
   */
  marker: string;
}

function randomSuffix(): string {
  return crypto.randomUUID().slice(0, 8);
}

async function exists(path: string): Promise<Deno.FileInfo | undefined> {
  try {
    return await Deno.lstat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
}

/**
 * Checks that `target` may be published to: absent, an empty directory, or
 * earlier evidence (a directory holding `marker`).
 *
 * @param target The directory.
 * @param options The marker file of earlier evidence.
 * @returns `true` when the directory exists (and will be replaced).
 * @throws {VouchError} `output_dir.not_directory` or `output_dir.not_evidence`.
 */
export async function checkReplaceable(target: string, options: PublishOptions): Promise<boolean> {
  const marker = options.marker;
  let info: Deno.FileInfo | undefined;
  try {
    info = await exists(target);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotADirectory)) throw error;
    throw new VouchError(
      "output_dir.not_directory",
      `--output-dir ${target}: a parent of it is not a directory`,
      "choose another --output-dir",
    );
  }
  if (!info) return false;
  if (!info.isDirectory) {
    throw new VouchError(
      "output_dir.not_directory",
      `--output-dir ${target} exists and is not a directory`,
      "choose another --output-dir",
    );
  }
  for await (const _ of Deno.readDir(target)) {
    if (await exists(join(target, marker))) return true;
    throw new VouchError(
      "output_dir.not_evidence",
      `--output-dir ${target} is not empty and holds no ${marker}: refusing to replace it`,
      "point --output-dir at an empty folder or at earlier vouch evidence",
    );
  }
  return true;
}

/**
 * Writes `files` as the complete contents of `target`, atomically.
 *
 * @param target The directory to publish (created with its parents).
 * @param files File name → contents. Names are plain file names.
 * @param options The marker file that identifies earlier evidence.
 * @throws {VouchError} `output_dir.*` when the target may not be replaced.
 */
export async function publishDirectory(
  target: string,
  files: Map<string, string | Uint8Array>,
  options: PublishOptions,
): Promise<void> {
  const dir = resolve(target);
  const parent = dirname(dir);
  // Check first: under a regular file, mkdir would fail with a bare AlreadyExists.
  const replacing = await checkReplaceable(dir, options);
  await Deno.mkdir(parent, { recursive: true });
  const temp = join(parent, `.${basename(dir)}.vouch-tmp-${randomSuffix()}`);
  await Deno.mkdir(temp);
  try {
    for (const [name, content] of files) {
      if (
        name === "" || name.includes("/") || name.includes("\\") || name === "." || name === ".."
      ) {
        throw new Error(
          `internal: evidence file name ${JSON.stringify(name)} is not a plain file name`,
        );
      }
      const path = join(temp, name);
      if (typeof content === "string") await Deno.writeTextFile(path, content);
      else await Deno.writeFile(path, content);
    }
  } catch (error) {
    await Deno.remove(temp, { recursive: true });
    throw error;
  }
  if (!replacing) {
    await Deno.rename(temp, dir);
    return;
  }
  const old = join(parent, `.${basename(dir)}.vouch-old-${randomSuffix()}`);
  await Deno.rename(dir, old);
  try {
    await Deno.rename(temp, dir);
  } catch (error) {
    await Deno.rename(old, dir);
    await Deno.remove(temp, { recursive: true });
    throw error;
  }
  await Deno.remove(old, { recursive: true });
}
