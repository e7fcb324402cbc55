/**
 * The vouch command-line entry point.
 *
 * @module
 */
import { runCli } from "./src/cli/main.ts";
import { denoCliIo } from "./src/cli/io.ts";

if (import.meta.main) Deno.exit(await runCli(Deno.args, denoCliIo()));
