// Private: the keyless-identity and trusted-root flags shared by `vouch verify`
// and `vouch verify-bundle`.
import { VouchError } from "../errors.ts";
import { loadTrustedRoot, type TrustedRoot } from "../sigstore/mod.ts";
import type { IdentityPolicy } from "../sigstore/policy.ts";
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
 * @param args The parsed arguments.
 * @returns The policy, or `undefined` when no identity flag is given.
 * @throws {VouchError} `args.conflicting_flags`, `args.identity_incomplete`, `args.invalid_value`.
 */
export function identityPolicy(args: ParsedArgs): IdentityPolicy | undefined {
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
  let regexp: RegExp;
  try {
    regexp = new RegExp(pattern);
  } catch {
    throw new VouchError(
      "args.invalid_value",
      `--certificate-identity-regexp ${
        JSON.stringify(pattern.slice(0, 80))
      } is not a regular expression`,
      "pass a JavaScript regular expression, e.g. ^https://github\\.com/o/r/",
    );
  }
  const re2 = notRe2(pattern);
  if (re2 !== undefined) {
    throw new VouchError(
      "args.invalid_value",
      `--certificate-identity-regexp ${
        JSON.stringify(pattern.slice(0, 80))
      } uses ${re2}, which cosign's RE2 syntax (Go regexp.Compile) refuses`,
      "write the pattern without backreferences and lookarounds, as cosign would accept it",
    );
  }
  return { subjectAlternativeNameRegExp: regexp, issuer };
}

/**
 * What a (valid JavaScript) pattern uses that RE2 refuses: a backreference
 * (`\1`…`\9`, `\k<name>`) or a lookaround (`(?=`, `(?!`, `(?<=`, `(?<!`).
 * cosign and sigstore-go compile the identity pattern with Go's
 * `regexp.Compile` (sigstore-go `verify.NewSANMatcher`), which has neither, so
 * such a pattern fails there; here it would run on the backtracking engine.
 */
function notRe2(pattern: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const next = pattern[i + 1] ?? "";
      if (!inClass && (/[1-9]/.test(next) || (next === "k" && pattern[i + 2] === "<"))) {
        return `a backreference (\\${next}${next === "k" ? "<…>" : ""})`;
      }
      i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
    } else if (c === "(" && pattern[i + 1] === "?") {
      const look = /^\(\?(?:=|!|<=|<!)/.exec(pattern.slice(i, i + 4));
      if (look) return `a lookaround (${look[0]})`;
    }
  }
  return undefined;
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
