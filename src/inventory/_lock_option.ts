// Private: the lockfile a manifest names (deno.json's `"lock"`, see `Reader.lockOption`). The
// scan finds lockfiles by their names; a tool its manifest tells to use another file, or none,
// does not use the one of the manifest's folder, and uses the named one whatever its name.
import { posix } from "../_path.ts";
import { isOutside } from "./_paths.ts";
import { type Reader, withModules } from "./_reader.ts";
import { readerFor, READERS } from "./_registry.ts";
import type { UnreadFile } from "./_scan.ts";

/** What the lock options of the manifests the scan found change in what it found. */
export interface LockOptions {
  /** The files to read: those found, less the lockfiles no tool uses, plus those a manifest names. */
  files: string[];
  /**
   * A lockfile a manifest names, by path: its reader, and the manifest when the
   * lockfile is not in its folder (it is that folder's project's lock).
   */
  named: Map<string, { reader: Reader; by?: string }>;
  /** The unread files; a manifest whose lockfile is off or not in the project says so in its hint. */
  unread: UnreadFile[];
  /** Why each lockfile left out is: one line each. */
  warnings: string[];
}

/**
 * Applies the lock options of the manifests the scan found (unread files of
 * a reader's `lockOption.manifests`).
 *
 * @param scanned The files the scan found to read, and the unread ones.
 * @param options `manifest`: a manifest's text, without counting it read;
 *   `lock`: whether a lockfile of the project exists (it is read, then);
 *   `excluded`: whether `--exclude` skips a path.
 * @returns The files to read and how, the unread files, the warnings.
 */
export async function applyLockOptions(
  scanned: { files: readonly string[]; unread: readonly UnreadFile[] },
  options: {
    manifest: (path: string) => string | undefined;
    lock: (path: string, reader: Reader) => boolean;
    excluded: (path: string) => boolean;
  },
): Promise<LockOptions> {
  const unreadPaths = new Set(scanned.unread.map((u) => u.path));
  const named: Array<{ reader: Reader; manifest: string; lock: string | undefined }> = [];
  for (const reader of READERS) {
    const option = reader.lockOption;
    if (option === undefined) continue;
    for (const { path } of scanned.unread) {
      const folder = posix.dirname(path);
      const rank = option.manifests.indexOf(posix.basename(path));
      // The tool reads the first manifest of a folder in its order.
      const earlier = option.manifests.slice(0, Math.max(rank, 0));
      if (rank === -1 || earlier.some((m) => unreadPaths.has(posix.join(folder, m)))) continue;
      const text = options.manifest(path);
      if (text === undefined) continue;
      const lock = await withModules(() => option.lockOf(text, path));
      named.push({ reader, manifest: path, lock });
    }
  }
  // A lockfile its own folder's manifest names is that folder's project's, whoever else names it.
  const own = new Set(
    named.filter((n) =>
      n.lock !== undefined && posix.dirname(n.lock) ===
        posix.dirname(n.manifest)
    ).map((n) => n.lock),
  );
  let files = [...scanned.files];
  const out: LockOptions = { files, named: new Map(), unread: [], warnings: [] };
  const hints = new Map<string, string>();
  for (const { reader, manifest, lock } of named) {
    const { tool, setting } = reader.lockOption!;
    const folder = posix.dirname(manifest);
    const unused = files.filter((f) =>
      f !== lock && posix.dirname(f) === folder && readerFor(f) === reader && !own.has(f)
    );
    files = files.filter((f) => !unused.includes(f));
    const base = posix.basename(manifest);
    for (const f of unused) {
      out.warnings.push(
        `${f} is not read: ${base} beside it ${
          lock === undefined ? "turns the lockfile off" : `names ${lock} as its lockfile`
        } (its ${setting}), so ${tool} does not use it`,
      );
    }
    if (lock === undefined) {
      hints.set(
        manifest,
        `its ${setting} turns ${tool}'s lockfile off: remove that and commit the lockfile ` +
          `${tool} then writes, which vouch reads`,
      );
      continue;
    }
    if (options.excluded(lock)) continue;
    const inside = !isOutside(lock);
    // A lockfile of its reader's own name in the manifest's folder is the default: when it is
    // missing, the manifest's usual hint stands.
    const usual = readerFor(lock) === reader && posix.dirname(lock) === folder;
    if (!inside || !options.lock(lock, reader)) {
      if (usual) continue;
      hints.set(
        manifest,
        `its ${setting} names ${lock} as ${tool}'s lockfile, which is not in the project: ` +
          "commit it there, which vouch reads",
      );
      continue;
    }
    if (!files.includes(lock)) files.push(lock);
    if (out.named.has(lock)) continue;
    const foreign = posix.dirname(lock) !== folder && !own.has(lock);
    if (foreign || readerFor(lock) !== reader) {
      out.named.set(lock, { reader, ...(foreign ? { by: manifest } : {}) });
    }
  }
  out.files = files;
  out.unread = scanned.unread.map((u) => {
    const hint = hints.get(u.path);
    return hint === undefined ? u : { ...u, hint };
  });
  return out;
}
