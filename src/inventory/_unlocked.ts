// Private: the warning for what a manifest declares and its lock does not lock
// (npm, Yarn, Bun and Composer readers).

/**
 * The warning for the declarations (`name@range`) of a manifest that its lock
 * does not resolve, a stale or empty lock: those packages are not in the
 * SBOM, and the command named updates the lock. Optional ones the package
 * manager left out (a platform package not published yet) are no stale lock:
 * the command leaves them out again, and the warning says that instead.
 *
 * @param manifestPath The manifest's path.
 * @param unlocked Its declarations the lock does not resolve (not empty).
 * @param options `lock`: the lock's path; `install`: the command that updates it;
 *   `optional`: they are optional dependencies the command left out.
 * @returns One warning line.
 */
export function unlockedWarning(
  manifestPath: string,
  unlocked: readonly string[],
  options: { lock: string; install: string; optional?: boolean },
): string {
  const them = unlocked.length === 1 ? "it is" : "they are";
  const head = `${manifestPath} declares ${options.optional ? "optional " : ""}` +
    `${unlocked.join(", ")}, which ${options.lock} does not lock: ${them} not in the SBOM`;
  return options.optional
    ? `${head} (\`${options.install}\` leaves out an optional dependency it cannot resolve)`
    : `${head}; run \`${options.install}\` to update the lock`;
}
