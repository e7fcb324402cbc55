// Private: the keyless-identity and trusted-root flags shared by `vouch verify`
// and `vouch verify-bundle`.
import { isVouchError, VouchError } from "../errors.ts";
import { loadTrustedRoot, type TrustedRoot } from "../sigstore/mod.ts";
import { compileSanPattern, type IdentityPolicy } from "../sigstore/policy.ts";
import { type FlagSpec, type ParsedArgs, stringFlag } from "./args.ts";
import type { CliIo } from "./io.ts";
import { isShowable } from "./secrets.ts";

/** The flags: `--certificate-identity[-regexp]`, `--certificate-oidc-issuer`, `--trusted-root`. */
export const SIGSTORE_FLAGS: FlagSpec[] = [
  { name: "certificate-identity", type: "string" },
  { name: "certificate-identity-regexp", type: "string" },
  { name: "certificate-oidc-issuer", type: "string" },
  { name: "trusted-root", type: "string" },
];

/**
 * The identity policy the flags give.
 *
 * `--certificate-identity-regexp` is compiled here (re2js, loaded only then): a pattern Go's
 * `regexp.Compile` refuses, as cosign would, is a usage error before any file is read.
 *
 * @param args The parsed arguments.
 * @returns The policy, or `undefined` when no identity flag is given.
 * @throws {VouchError} `args.conflicting_flags`, `args.identity_incomplete`, `args.invalid_value`.
 */
export async function identityPolicy(args: ParsedArgs): Promise<IdentityPolicy | undefined> {
  const exact = stringFlag(args, "certificate-identity");
  const pattern = stringFlag(args, "certificate-identity-regexp");
  const issuer = stringFlag(args, "certificate-oidc-issuer");
  if (exact === undefined && pattern === undefined && issuer === undefined) return undefined;
  if (exact !== undefined && pattern !== undefined) {
    throw new VouchError(
      "args.conflicting_flags",
      "--certificate-identity and --certificate-identity-regexp are alternatives",
      "pass one of them",
    );
  }
  if ((exact === undefined && pattern === undefined) || issuer === undefined) {
    throw new VouchError(
      "args.identity_incomplete",
      "a keyless identity needs --certificate-identity (or -regexp) and --certificate-oidc-issuer",
      "e.g. --certificate-identity https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1 --certificate-oidc-issuer https://token.actions.githubusercontent.com",
    );
  }
  if (pattern === undefined) return { subjectAlternativeName: exact, issuer };
  try {
    await compileSanPattern(pattern);
  } catch (error) {
    if (!isVouchError(error) || error.code !== "identity.pattern_invalid") throw error;
    throw new VouchError(
      "args.invalid_value",
      `--certificate-identity-regexp: ${error.message}`,
      error.hint,
    );
  }
  return { subjectAlternativeNameRegExp: pattern, issuer };
}

/**
 * Reads a text file named by a flag.
 *
 * @param io The I/O.
 * @param path The path.
 * @param options `flag` for the message; `code` of the error.
 * @returns The text.
 * @throws {VouchError} `code` when the file cannot be read.
 */
export function readFlagFile(
  io: CliIo,
  path: string,
  options: { flag: string; code: string },
): string {
  try {
    return io.readTextFile(path);
  } catch (error) {
    throw new VouchError(
      options.code,
      `${
        isShowable(path)
          ? `${options.flag} ${path}`
          : `the value given to ${options.flag} (not shown)`
      } cannot be read (${(error as Error).name})`,
      `check the path given to ${options.flag}`,
    );
  }
}

/**
 * The trusted root `--trusted-root` names, when given.
 *
 * @param args The parsed arguments.
 * @param io The I/O.
 * @returns The root, or `undefined` (the embedded public-good root applies).
 * @throws {VouchError} `verify.trusted_root_unreadable`, `trusted_root.invalid`.
 */
export function trustedRootFlag(args: ParsedArgs, io: CliIo): TrustedRoot | undefined {
  const path = stringFlag(args, "trusted-root");
  if (path === undefined) return undefined;
  return loadTrustedRoot(
    readFlagFile(io, path, { flag: "--trusted-root", code: "verify.trusted_root_unreadable" }),
  );
}
