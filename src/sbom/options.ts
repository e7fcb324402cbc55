/**
 * Options shared by the SBOM writers.
 *
 * @module
 */

/** How an SBOM is stamped: when, in which mode, and by which tool. */
export interface SbomOptions {
  /** Creation time (already resolved by the caller, e.g. from SOURCE_DATE_EPOCH). */
  created: Date;
  /** True when the caller runs in reproducible mode (SOURCE_DATE_EPOCH set). */
  reproducible: boolean;
  /** The generating tool. */
  tool: { name: string; version: string };
}
