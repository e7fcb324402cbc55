/**
 * Where signing secrets come from: files, named environment variables, the
 * default variables, and (discouraged) argv. Secret values are never echoed,
 * and neither is a flag value that should name a source but looks like the
 * secret itself (a value passed by mistake as a name or a path): messages say
 * "the value given to --flag" instead.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import type { Env } from "../provenance/context.ts";
import { describeFsProblem, fsProblem, MAX_KEY_BYTES } from "../_fs.ts";

/** The variables the HMAC key is read from when no key flag is given, in order. */
export const HMAC_KEY_ENV_DEFAULTS: readonly string[] = [
  "VOUCH_SIGNING_KEY",
  "DPONE_LOCAL_ATTESTATION_KEY",
];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A long run of base64 / hex characters. */
const TOKEN_SHAPED = /^[A-Za-z0-9+/=_-]{16,}$/;
// deno-lint-ignore no-control-regex
const CONTROL = /[\x00-\x1f\x7f]/;

/**
 * Tells whether a value can be an environment variable name (`[A-Za-z_][A-Za-z0-9_]*`).
 *
 * @param value A flag value.
 * @returns `true` for a name.
 */
export function isEnvName(value: string): boolean {
  return ENV_NAME.test(value);
}

/**
 * Tells whether a value can be a file path: one line, no control character,
 * at most 4096 characters, no PEM armour.
 *
 * @param value A flag value.
 * @returns `true` for something that can be a path.
 */
export function isPathLike(value: string): boolean {
  return value.length > 0 && value.length <= 4096 && !CONTROL.test(value) &&
    !value.includes("-----BEGIN");
}

/**
 * Tells whether a value has the shape of a token or key rather than of a name
 * or path: 16 or more base64/hex characters without a dot, except an
 * upper-case variable name (`RELEASE_HMAC_KEY`) and a lower-case path
 * (`/run/secrets/hmac_key`).
 */
function looksLikeToken(value: string): boolean {
  if (!TOKEN_SHAPED.test(value) || /^[A-Z][A-Z0-9_]*$/.test(value)) return false;
  return !(value.includes("/") && !/[A-Z+=]/.test(value) && !value.includes("//"));
}

/**
 * Tells whether a name or path from a flag that names a secret source may be
 * shown in a message: one that can be a path and does not look like a token
 * (so a secret passed there by mistake is not printed). A short or upper-case
 * secret passed as a name can still be shown: it is indistinguishable from one.
 *
 * @param value The flag value.
 * @returns `true` when it may be shown.
 */
export function isShowable(value: string): boolean {
  return isPathLike(value) && !looksLikeToken(value);
}

/** `--flag VALUE` when the value may be shown, else `the value given to --flag`. */
function source(flag: string, value: string): string {
  return isShowable(value) ? `${flag} ${value}` : `the value given to ${flag} (not shown)`;
}

/** Options of {@linkcode readKeyFile}. */
export interface KeyFileOptions {
  /** The flag, for messages (e.g. `--signing-key-file`). */
  flag: string;
  /** The code family: `secret` (`secret.file_unreadable`, …) or `verify.key` (`verify.key_unreadable`, …). */
  codes: "secret" | "verify.key";
  /** Reads a key file as text; throws an `FsError` (or a Deno error) when it cannot. */
  readTextFile: (path: string) => string;
}

/**
 * Reads a key or secret file named by a flag. The path is shown in messages
 * only when it cannot be a secret passed by mistake (see {@linkcode isShowable}).
 *
 * @param path The flag value.
 * @param options The flag, the code family and the reader.
 * @returns The file's text.
 * @throws {VouchError} `<codes>.not_a_path` (the value is not a path: never
 *   shown), `<codes>_unreadable` / `secret.file_unreadable` (absent, permission
 *   denied), `<codes>.not_a_file` (a folder, FIFO or device: never opened),
 *   `<codes>.too_large` (over 64 KiB).
 */
export function readKeyFile(path: string, options: KeyFileOptions): string {
  const { flag } = options;
  const code = (what: string): string =>
    options.codes === "secret" ? `secret.${what}` : `verify.key_${what}`;
  if (!isPathLike(path)) {
    throw new VouchError(
      code("not_a_path"),
      `the value given to ${flag} is not a file path (it spans lines, is empty or too long); it is not shown`,
      `pass the path of a file holding the key${
        options.codes === "secret" ? `, or name an environment variable holding it` : ""
      }`,
    );
  }
  try {
    return options.readTextFile(path);
  } catch (error) {
    const problem = fsProblem(error);
    const where = source(flag, path);
    if (problem === "not_regular") {
      throw new VouchError(
        code("not_a_file"),
        `${where}: ${describeFsProblem(problem)} (a folder, FIFO or device is never opened)`,
        "pass the path of a regular file holding the key",
      );
    }
    if (problem === "too_large") {
      throw new VouchError(
        code("too_large"),
        `${where}: over ${MAX_KEY_BYTES / 1024} KiB, too large for a key`,
        "pass the file holding the key itself",
      );
    }
    throw new VouchError(
      options.codes === "secret" ? "secret.file_unreadable" : "verify.key_unreadable",
      `${where}: the file cannot be read${problem ? `: ${describeFsProblem(problem)}` : ""}`,
      "check the path (relative to the working directory) and its permissions",
    );
  }
}

/** The flags that may name a secret. */
export interface SecretFlags {
  /** The value itself (visible in the process list: warned about; empty: no key, warned about). */
  value?: string;
  /** A file holding it. */
  file?: string;
  /** An environment variable holding it. */
  envName?: string;
}

/** How to look a secret up. */
export interface SecretLookup {
  /** The flag names, for messages: `{ value: "--signing-key", file: "--signing-key-file", env: "--signing-key-env" }`. */
  names: { value?: string; file: string; env: string };
  /** Variables read, in order, when no flag is given. */
  defaults: readonly string[];
  /** The environment. */
  env: Env;
  /** Reads a key file as text (throws when it cannot; see {@linkcode readKeyFile}). */
  readTextFile: (path: string) => string;
}

/** A resolved secret and any warning to print. */
export interface ResolvedSecret {
  /** The secret, or `undefined` when none is configured. */
  value?: string;
  /** Where it came from, safe to print (never the value). */
  origin?: string;
  /** Warnings to print on stderr. */
  warnings: string[];
}

function fromEnv(name: string, lookup: SecretLookup): string {
  const flag = lookup.names.env;
  if (!isEnvName(name)) {
    throw new VouchError(
      "secret.env_name_invalid",
      `the value given to ${flag} is not an environment variable name; it is not shown`,
      `pass the variable's name, e.g. ${flag} RELEASE_HMAC_KEY, not its value`,
    );
  }
  const value = lookup.env[name];
  if (value === undefined) {
    throw new VouchError(
      "secret.env_unset",
      `${source(flag, name)}: the variable is not set`,
      isShowable(name)
        ? `export ${name} in the job's environment, or name another variable`
        : `pass the variable's name (e.g. ${flag} RELEASE_HMAC_KEY), not its value, and export it`,
    );
  }
  return value;
}

/**
 * Resolves a secret from its flags, or the default variables. An empty
 * argv value (`--signing-key ""`, as when the CI secret it comes from is not
 * set) means no key, with a warning: the evidence is then written unsigned
 * and blocked, as `dpone supply-chain attest` did.
 *
 * @param flags What the user passed.
 * @param lookup Flag names, default variables, the environment and a file reader.
 * @returns The secret and where it came from.
 * @throws {VouchError} `args.conflict` for two sources; those of
 *   {@linkcode readKeyFile}; `secret.env_name_invalid`, `secret.env_unset`,
 *   `secret.empty`.
 */
export function resolveSecret(flags: SecretFlags, lookup: SecretLookup): ResolvedSecret {
  const given = [
    flags.value !== undefined && lookup.names.value,
    flags.file !== undefined && lookup.names.file,
    flags.envName !== undefined && lookup.names.env,
  ].filter((x): x is string => typeof x === "string");
  if (given.length > 1) {
    throw new VouchError(
      "args.conflict",
      `${given.join(" and ")} both name a key`,
      "give the key one way only",
    );
  }
  const warnings: string[] = [];
  let value: string | undefined;
  let origin: string | undefined;
  if (flags.value !== undefined) {
    if (flags.value.trim() === "") {
      warnings.push(
        `${lookup.names.value} is empty (is the CI secret it comes from set for this job?): no HMAC key, so no HMAC signature`,
      );
      return { warnings };
    }
    value = flags.value;
    origin = lookup.names.value;
    warnings.push(
      `${lookup.names.value} puts the secret in argv, which other processes can read; prefer ${lookup.names.file} or ${lookup.names.env}`,
    );
  } else if (flags.file !== undefined) {
    value = readKeyFile(flags.file, {
      flag: lookup.names.file,
      codes: "secret",
      readTextFile: lookup.readTextFile,
    });
    origin = source(lookup.names.file, flags.file);
  } else if (flags.envName !== undefined) {
    value = fromEnv(flags.envName, lookup);
    origin = isShowable(flags.envName)
      ? `$${flags.envName}`
      : `the variable given to ${lookup.names.env} (not shown)`;
  } else {
    const name = lookup.defaults.find((n) => (lookup.env[n] ?? "") !== "");
    if (name === undefined) return { warnings };
    value = lookup.env[name];
    origin = `$${name}`;
  }
  const trimmed = value!.replace(/\r?\n$/, "");
  if (trimmed.trim() === "") {
    throw new VouchError(
      "secret.empty",
      `the key from ${origin} is empty`,
      "put the key material in it, or leave the key out",
    );
  }
  return { value: trimmed, origin, warnings };
}
