/**
 * The tool's identity, as recorded in every output.
 *
 * @module
 */
import config from "../deno.json" with { type: "json" };

/** The tool's name. */
export const TOOL_NAME = "vouch";
/** The tool's version (from deno.json). */
export const VERSION: string = config.version;
/** Name and version together. */
export const TOOL: { name: string; version: string } = { name: TOOL_NAME, version: VERSION };
