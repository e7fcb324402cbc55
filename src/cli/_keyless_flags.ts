// Private: `vouch attest`'s keyless-signing flags, turned into the options of
// `attest({ keyless })`: which instance (public good, staging, explicit URLs,
// a signing config), its trusted root, and the identity token's variable.
import { VouchError } from "../errors.ts";
import type { KeylessOptions } from "../sigstore/sign/keyless.ts";
import {
  PUBLIC_GOOD_SERVICES,
  servicesFromSigningConfig,
  serviceUrl,
  type SigstoreServices,
  STAGING_SERVICES,
} from "../sigstore/sign/signing_config.ts";
import { signError } from "../sigstore/sign/errors.ts";
import { type FlagSpec, type ParsedArgs, stringFlag } from "./args.ts";
import type { CliIo } from "./io.ts";
import { resolveSecret } from "./secrets.ts";
import { readFlagFile, trustedRootFlag } from "./_sigstore_flags.ts";

/** The flags. */
export const KEYLESS_FLAGS: FlagSpec[] = [
  { name: "keyless", type: "boolean" },
  { name: "identity-token-env", type: "string" },
  { name: "sigstore-staging", type: "boolean" },
  { name: "fulcio-url", type: "string" },
  { name: "rekor-url", type: "string" },
  { name: "tsa-url", type: "string" },
  { name: "signing-config", type: "string" },
  { name: "trusted-root", type: "string" },
];

/** The flags that mean something only with --keyless. */
const KEYLESS_ONLY = KEYLESS_FLAGS.slice(1).map((f) => f.name);

function given(args: ParsedArgs, name: string): boolean {
  return args.flags[name] !== undefined && args.flags[name] !== false;
}

function conflict(a: string, b: string): VouchError {
  return new VouchError(
    "args.conflicting_flags",
    `--${a} and --${b} both choose the Sigstore instance`,
    "choose it one way: --sigstore-staging, --signing-config FILE, or --fulcio-url and --rekor-url",
  );
}

/** The services the flags choose. */
function services(args: ParsedArgs, io: CliIo, now: Date): SigstoreServices {
  const staging = given(args, "sigstore-staging");
  const config = stringFlag(args, "signing-config");
  const fulcio = stringFlag(args, "fulcio-url");
  const rekor = stringFlag(args, "rekor-url");
  const tsa = stringFlag(args, "tsa-url");
  const explicit = fulcio !== undefined || rekor !== undefined;
  if (staging && config !== undefined) throw conflict("sigstore-staging", "signing-config");
  if (staging && explicit) throw conflict("sigstore-staging", fulcio ? "fulcio-url" : "rekor-url");
  if (config !== undefined && (explicit || tsa !== undefined)) {
    throw conflict("signing-config", fulcio ? "fulcio-url" : rekor ? "rekor-url" : "tsa-url");
  }
  if (explicit && (fulcio === undefined || rekor === undefined)) {
    throw new VouchError(
      "args.instance_incomplete",
      `--${fulcio === undefined ? "rekor-url" : "fulcio-url"} needs --${
        fulcio === undefined ? "fulcio-url" : "rekor-url"
      }: a custom instance has both`,
      "pass --fulcio-url, --rekor-url (and --tsa-url) with the instance's --trusted-root",
    );
  }
  if ((staging || explicit) && stringFlag(args, "trusted-root") === undefined) {
    throw signError(
      "sigstore.trusted_root_required",
      staging
        ? "--sigstore-staging needs --trusted-root: vouch embeds only the public-good trusted root"
        : "--fulcio-url and --rekor-url name a custom instance: pass its --trusted-root",
    );
  }
  if (config !== undefined) {
    const text = readFlagFile(io, config, {
      flag: "--signing-config",
      code: "attest.signing_config_unreadable",
    });
    return servicesFromSigningConfig(text, now);
  }
  const tsaUrls = tsa === undefined ? [] : [serviceUrl(tsa, "--tsa-url")];
  if (explicit) {
    return {
      fulcioUrl: serviceUrl(fulcio!, "--fulcio-url"),
      rekor: [{ url: serviceUrl(rekor!, "--rekor-url"), apiVersion: 1 }],
      tsaUrls,
    };
  }
  return { ...(staging ? STAGING_SERVICES : PUBLIC_GOOD_SERVICES), tsaUrls };
}

/**
 * The keyless options the flags give.
 *
 * @param args The parsed arguments.
 * @param io The I/O (files, environment, fetch).
 * @param now The clock (signing-config validity).
 * @returns The options, or `undefined` without --keyless.
 * @throws {VouchError} `args.keyless_only` (an instance flag without --keyless),
 *   `args.conflicting_flags`, `args.instance_incomplete`,
 *   `sigstore.trusted_root_required`, `sigstore.url_invalid`,
 *   `sigstore.signing_config_invalid`, `attest.signing_config_unreadable`,
 *   `verify.trusted_root_unreadable`, `trusted_root.invalid`, and the
 *   `secret.*` errors of --identity-token-env.
 */
export function keylessFlags(args: ParsedArgs, io: CliIo, now: Date): KeylessOptions | undefined {
  if (!given(args, "keyless")) {
    const stray = KEYLESS_ONLY.find((name) => given(args, name));
    if (stray === undefined) return undefined;
    throw new VouchError(
      "args.keyless_only",
      `--${stray} is a keyless-signing flag, and --keyless is not given`,
      "add --keyless, or leave the flag out",
    );
  }
  const options: KeylessOptions = { services: services(args, io, now), fetch: io.fetch };
  const trustedRoot = trustedRootFlag(args, io);
  if (trustedRoot !== undefined) options.trustedRoot = trustedRoot;
  const tokenEnv = stringFlag(args, "identity-token-env");
  if (tokenEnv !== undefined) {
    options.identityToken = resolveSecret({ envName: tokenEnv }, {
      names: { file: "--identity-token-env", env: "--identity-token-env" },
      defaults: [],
      env: io.env,
      readTextFile: io.readTextFile,
    }).value;
  }
  return options;
}
