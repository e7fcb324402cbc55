// Private: the contract every manifest/lockfile reader fulfils, so that the
// scan, the `--lockfile` check and the "supported files" hints are all built
// from one registry (`_registry.ts`).
import type { Ecosystem, Project, ReaderOutput } from "./types.ts";

/**
 * A reader's output, with the project it describes when the file names one,
 * and what it could not establish (one line each, naming the file; e.g. a
 * version managed by a Maven parent POM that is not in the tree).
 */
export type ReaderResult = ReaderOutput & { project?: Project; warnings?: string[] };

/** Reads a file relative to the project root; `undefined` when it does not exist. */
export type Load = (relativePath: string) => string | undefined;

/** What a reader may use besides the text of its own file. */
export interface ReaderContext {
  /** Reads another file of the project (path relative to the root, `/`-separated). */
  load: Load;
  /**
   * Lists the names of the folders in a folder of the project (relative to the
   * root, `""` for the root); `undefined` when it does not exist. Readers
   * expand workspace globs with it and do without when it is not given.
   */
  list?: (folder: string) => string[] | undefined;
  /**
   * The version of a project whose version is dynamic: the release name, as
   * a version of the reader's ecosystem (`v1.2.3` → `1.2.3`, except Go).
   */
  release?: string;
}

/** One reader: which files it reads and how. */
export interface Reader {
  /** Reader name, as in error codes (`inventory.<name>.invalid`). */
  name: string;
  /** The ecosystem of what it reads. */
  ecosystem: Ecosystem;
  /** `lock`: resolved versions; `manifest`: declarations only. */
  kind: "lock" | "manifest";
  /** The file names it reads, as shown to users (e.g. `requirements*.txt`). */
  files: readonly string[];
  /**
   * Tells whether the reader reads a file.
   *
   * @param file The file's base name.
   * @param folder The base name of its folder.
   */
  matches(file: string, folder: string): boolean;
  /**
   * Reads one file. Pure: the same text (and loaded files) give the same output.
   *
   * @param text The file's text.
   * @param path Its path relative to the project root, `/`-separated.
   * @param context Other files and the release.
   */
  read(text: string, path: string, context: ReaderContext): ReaderResult;
}
