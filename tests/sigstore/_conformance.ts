// The Sigstore conformance suite's bundle-verify cases in ../shared (see its
// SOURCES.md): each case's bundle, artifact, identity, issuer, key and trusted
// root, with the suite's defaults filled in.
import { SHARED_DIR } from "../_util.ts";

/** The suite's default identity (SOURCES.md). */
export const DEFAULT_IDENTITY =
  "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main";
/** The suite's default OIDC issuer (SOURCES.md). */
export const DEFAULT_ISSUER = "https://token.actions.githubusercontent.com";

/** One bundle-verify case. */
export interface ConformanceCase {
  /** The folder name. */
  name: string;
  /** Whether the bundle must verify (`_fail` cases must not). */
  expectVerified: boolean;
  /** The bundle path. */
  bundle: string;
  /** The artifact path (the case's `artifact`, else the suite's `a.txt`). */
  artifact: string;
  /** The identity (the case's `identity` file, else the default). */
  identity: string;
  /** The issuer (the case's `issuer` file, else the default). */
  issuer: string;
  /** The case's `key.pub`, when it has one. */
  key?: string;
  /** The case's `trusted_root.json`, when it has one. */
  trustedRoot?: string;
}

function exists(path: string): boolean {
  try {
    return Deno.statSync(path).isFile;
  } catch {
    return false;
  }
}

/** The suite's folder, when ../shared is present. */
export const SUITE: string | undefined = SHARED_DIR === undefined
  ? undefined
  : `${SHARED_DIR}/sigstore-conformance/bundle-verify`;

/**
 * Every case of the suite, sorted by name.
 *
 * @returns The cases (empty when ../shared is absent).
 */
export function conformanceCases(): ConformanceCase[] {
  if (SUITE === undefined) return [];
  const suite = SUITE;
  return [...Deno.readDirSync(suite)].filter((e) => e.isDirectory).map((e) => e.name).sort()
    .map((name): ConformanceCase => {
      const dir = `${suite}/${name}`;
      const text = (file: string, fallback: string): string =>
        exists(`${dir}/${file}`) ? Deno.readTextFileSync(`${dir}/${file}`).trim() : fallback;
      const c: ConformanceCase = {
        name,
        expectVerified: !name.endsWith("_fail"),
        bundle: `${dir}/bundle.sigstore.json`,
        artifact: exists(`${dir}/artifact`) ? `${dir}/artifact` : `${suite}/a.txt`,
        identity: text("identity", DEFAULT_IDENTITY),
        issuer: text("issuer", DEFAULT_ISSUER),
      };
      if (exists(`${dir}/key.pub`)) c.key = `${dir}/key.pub`;
      if (exists(`${dir}/trusted_root.json`)) c.trustedRoot = `${dir}/trusted_root.json`;
      return c;
    });
}

/**
 * The `vouch verify-bundle` arguments of a case, as SOURCES.md describes:
 * the key when the case has one, else the identity and issuer; the case's
 * trusted root when it has one; the artifact last: its path, or (`artifact`) what the suite's
 * harness passes in its second run, `sha256:<hex>`.
 *
 * @param c The case.
 * @param artifact The artifact argument, when not the path.
 * @returns The arguments after `verify-bundle`.
 */
export function cliArgs(c: ConformanceCase, artifact: string = c.artifact): string[] {
  return [
    "--bundle",
    c.bundle,
    ...(c.key !== undefined
      ? ["--key", c.key]
      : ["--certificate-identity", c.identity, "--certificate-oidc-issuer", c.issuer]),
    ...(c.trustedRoot === undefined ? [] : ["--trusted-root", c.trustedRoot]),
    artifact,
  ];
}
