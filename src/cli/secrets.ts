/**
 * Where signing secrets come from: files, named environment variables, the
 * default variables, and (discouraged) argv. Secret values are never echoed.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import type { Env } from "../provenance/context.ts";

/** The variables the HMAC key is read from when no key flag is given, in order. */
export const HMAC_KEY_ENV_DEFAULTS: readonly string[] = [
  "VOUCH_SIGNING_KEY",
  "DPONE_LOCAL_ATTESTATION_KEY",
];

/** The flags that may name a secret. */
export interface SecretFlags {
  /** The value itself (visible in the process list: warned about). */
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
  /** Reads a file as text (throws when it cannot). */
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

/**
 * Resolves a secret from its flags, or the default variables.
 *
 * @param flags What the user passed.
 * @param lookup Flag names, default variables, the environment and a file reader.
 * @returns The secret and where it came from.
 * @throws {VouchError} `args.conflict` for two sources; `secret.file_unreadable`,
 *   `secret.env_unset`, `secret.empty`.
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
    value = flags.value;
    origin = lookup.names.value;
    warnings.push(
      `${lookup.names.value} puts the secret in argv, which other processes can read; prefer ${lookup.names.file} or ${lookup.names.env}`,
    );
  } else if (flags.file !== undefined) {
    try {
      value = lookup.readTextFile(flags.file);
    } catch {
      throw new VouchError(
        "secret.file_unreadable",
        `${lookup.names.file} ${flags.file}: the file cannot be read`,
        "check the path and its permissions",
      );
    }
    origin = `${lookup.names.file} ${flags.file}`;
  } else if (flags.envName !== undefined) {
    value = lookup.env[flags.envName];
    if (value === undefined) {
      throw new VouchError(
        "secret.env_unset",
        `${lookup.names.env} ${flags.envName}: the variable is not set`,
        `export ${flags.envName} in the job's environment, or name another variable`,
      );
    }
    origin = `$${flags.envName}`;
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
