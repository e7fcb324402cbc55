/**
 * `vouch verify-bundle`: one Sigstore bundle against one artifact, offline.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { toJsonText } from "../_util.ts";
import { pathExists } from "../_fs.ts";
import {
  type BundleArtifact,
  type BundleVerification,
  MAX_BUNDLE_BYTES,
  verifyBundle,
} from "../sigstore/mod.ts";
import { type FlagSpec, noPositionals, parseArgs, stringFlag } from "./args.ts";
import {
  identityPolicy,
  readFlagFile,
  SIGSTORE_FLAGS,
  trustedRootFlag,
} from "./_sigstore_flags.ts";
import { type CliIo, EXIT } from "./io.ts";
import { terminalText } from "../_markdown.ts";

const VERIFY_BUNDLE_FLAGS: FlagSpec[] = [
  { name: "bundle", type: "string" },
  ...SIGSTORE_FLAGS,
  { name: "key", type: "string" },
  { name: "format", type: "string", choices: ["text", "json"] },
  { name: "help", type: "boolean" },
];

/**
 * Artifacts up to this size are read whole (their bytes verify any signature;
 * larger ones are hashed in chunks). A bundle is read up to {@linkcode MAX_BUNDLE_BYTES},
 * never past it (`bundle.too_large` from its size alone).
 */
const READ_WHOLE_BYTES = 64 * 1024 * 1024;

function usage(code: string, message: string, hint: string): VouchError {
  return new VouchError(code, message, hint);
}

/**
 * Reads a regular file of at most {@linkcode READ_WHOLE_BYTES} (a bundle: {@linkcode MAX_BUNDLE_BYTES});
 * a larger one gives its size only.
 */
function readRegularFile(
  path: string,
  what: "artifact" | "bundle",
  flag: string,
): Uint8Array | { size: number } {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (error) {
    throw usage(
      `verify_bundle.${what}_unreadable`,
      `${flag} ${path} cannot be read (${(error as Error).name})`,
      `check the path of the ${what}`,
    );
  }
  if (!info.isFile) {
    throw usage(
      `verify_bundle.${what}_unreadable`,
      `${flag} ${path} is not a regular file`,
      `pass the ${what} file itself`,
    );
  }
  if (info.size > (what === "bundle" ? MAX_BUNDLE_BYTES : READ_WHOLE_BYTES)) {
    return { size: info.size };
  }
  try {
    return Deno.readFileSync(path);
  } catch (error) {
    throw usage(
      `verify_bundle.${what}_unreadable`,
      `${flag} ${path} cannot be read (${(error as Error).name})`,
      `check the permissions of the ${what}`,
    );
  }
}

async function sha256OfFile(path: string): Promise<Uint8Array> {
  // Loaded only here: node:crypto costs a CLI run more than the verification.
  const { createHash } = await import("node:crypto");
  using file = await Deno.open(path);
  const hash = createHash("sha256");
  const buffer = new Uint8Array(1 << 20);
  for (let n = await file.read(buffer); n !== null; n = await file.read(buffer)) {
    hash.update(buffer.subarray(0, n));
  }
  return new Uint8Array(hash.digest());
}

async function readArtifact(spec: string): Promise<BundleArtifact> {
  // A file named `sha256:…` is read, as the conformance suite's protocol says.
  if (spec.startsWith("sha256:") && !pathExists(spec)) {
    const hex = spec.slice("sha256:".length);
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
      throw usage(
        "args.invalid_value",
        `ARTIFACT ${JSON.stringify(spec.slice(0, 80))} is not sha256:<64 hex digits>`,
        "pass the artifact's path, or sha256: and its 64-digit hex SHA-256",
      );
    }
    return { sha256: Uint8Array.fromHex(hex) };
  }
  const read = readRegularFile(spec, "artifact", "ARTIFACT");
  return read instanceof Uint8Array ? { bytes: read } : { sha256: await sha256OfFile(spec) };
}

/**
 * A value on one line: a line feed (a certificate's name in a message, from the bundle) shown as
 * `\u000a`, so no quoted text starts a line of its own (a forged `VERIFIED` verdict). `run`
 * escapes the other controls (terminalText).
 */
function oneLine(text: string): string {
  return text.replaceAll("\n", "\\u000a");
}

function renderText(result: BundleVerification, bundlePath: string): string {
  const lines: string[] = [];
  if (!result.verified) {
    lines.push(`vouch verify-bundle: NOT VERIFIED ${oneLine(bundlePath)}`);
    for (const check of result.checks.filter((c) => !c.ok)) {
      lines.push(`FAIL ${check.code}: ${oneLine(check.message)}`);
    }
    return lines.map((l) => `${l}\n`).join("");
  }
  lines.push(`vouch verify-bundle: VERIFIED ${oneLine(bundlePath)}`);
  const rows: [string, string | undefined][] = [];
  const signer = result.signer;
  if (signer?.type === "certificate") {
    const { identity } = signer;
    const w = identity.workflow ?? {};
    rows.push(
      ["signer", identity.subjectAlternativeName],
      ["issuer", identity.issuer ?? "(none)"],
      ["repository", w.repository],
      ["ref", w.ref],
      ["sha", w.sha],
      ["workflow", w.workflow],
      ["run", w.runUrl],
    );
  } else if (signer?.type === "publicKey") {
    rows.push(["signer", `public key ${signer.keyId}`]);
  }
  for (const entry of result.logEntries) {
    const time = entry.integratedTime === undefined ? "" : `, integrated ${entry.integratedTime}`;
    const unbound = entry.logIndexBound ? "" : ", index not signed (no inclusion promise)";
    rows.push(["log", `${entry.log} index ${entry.logIndex} (${entry.kind}${unbound})${time}`]);
  }
  for (const t of result.times) rows.push(["time", `${t.time} (${t.source})`]);
  rows.push(["checks", `${result.checks.length} passed`]);
  for (const [label, value] of rows) {
    if (value !== undefined) lines.push(`  ${`${label}:`.padEnd(12)}${oneLine(value)}`);
  }
  return lines.map((l) => `${l}\n`).join("");
}

function renderJson(result: BundleVerification, bundlePath: string, artifact: string): string {
  const signer = result.signer?.type === "certificate"
    ? {
      type: "certificate",
      identity: result.signer.identity,
      certificate: `-----BEGIN CERTIFICATE-----\n${
        (result.signer.certificate.toBase64().match(/.{1,64}/g) ?? []).join("\n")
      }\n-----END CERTIFICATE-----\n`,
    }
    : result.signer;
  return toJsonText({
    verified: result.verified,
    bundle: bundlePath,
    artifact,
    ...(result.mediaType === undefined ? {} : { mediaType: result.mediaType }),
    checks: result.checks,
    ...(signer === undefined ? {} : { signer }),
    times: result.times,
    logEntries: result.logEntries,
  });
}

/**
 * Runs the command.
 *
 * @param argv The arguments after the command word.
 * @param io Streams, environment and files.
 * @returns The exit code: 0 verified, 1 not verified, 2 usage or input error.
 */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, VERIFY_BUNDLE_FLAGS);
  if (args.flags.help) {
    io.stdout((await import("./help.ts")).VERIFY_BUNDLE_HELP);
    return EXIT.ok;
  }
  const bundlePath = stringFlag(args, "bundle");
  if (bundlePath === undefined) {
    throw usage(
      "args.missing.bundle",
      "vouch verify-bundle needs --bundle FILE",
      "e.g. vouch verify-bundle --bundle a.sigstore.json --key cosign.pub a.txt",
    );
  }
  const [artifactSpec, ...extra] = args.positionals;
  if (artifactSpec === undefined) {
    throw usage(
      "args.missing.artifact",
      "vouch verify-bundle needs the ARTIFACT (a path or sha256:HEX)",
      "pass the signed file as the last argument",
    );
  }
  noPositionals(extra, "verify-bundle");
  const identity = await identityPolicy(args);
  const keyPath = stringFlag(args, "key");
  if (identity === undefined && keyPath === undefined) {
    throw usage(
      "args.missing.policy",
      "vouch verify-bundle needs --key PUB.pem, or --certificate-identity[-regexp] with --certificate-oidc-issuer",
      "say who must have signed: a public key or a keyless identity",
    );
  }
  const publicKey = keyPath === undefined
    ? undefined
    : readFlagFile(io, keyPath, { flag: "--key", code: "verify_bundle.key_unreadable" });
  const trustedRoot = trustedRootFlag(args, io);
  const artifact = await readArtifact(artifactSpec);
  const bundleFile = readRegularFile(bundlePath, "bundle", "--bundle");
  const result: BundleVerification = bundleFile instanceof Uint8Array
    ? await verifyBundle(bundleFile, { artifact, trustedRoot, identity, publicKey })
    : {
      verified: false,
      checks: [{
        code: "bundle.too_large",
        ok: false,
        message: `${bundleFile.size} bytes is over the ${MAX_BUNDLE_BYTES}-byte limit; not read`,
      }],
      times: [],
      logEntries: [],
    };
  io.stdout(
    stringFlag(args, "format") === "json"
      ? renderJson(result, bundlePath, artifactSpec)
      : terminalText(renderText(result, bundlePath)), // a bundle's text may hold controls
  );
  return result.verified ? EXIT.ok : EXIT.blocked;
}
