/**
 * vouch: turn a release into verifiable supply-chain evidence.
 *
 * @module
 */
export * from "./src/inventory/types.ts";
export { VouchError } from "./src/errors.ts";
export type { Problem } from "./src/errors.ts";
