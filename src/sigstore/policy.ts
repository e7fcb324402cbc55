/**
 * The signer identity of a Fulcio certificate and the identity policy it is
 * checked against. The identity is the subject alternative name (URI, email
 * or Fulcio's username otherName) and the OIDC issuer from the Fulcio
 * extension 1.3.6.1.4.1.57264.1.8 (or the legacy 1.3.6.1.4.1.57264.1.1); the
 * other Fulcio extensions (docs/oid-info.md of sigstore/fulcio) are exposed
 * by name, and the GitHub workflow claims are summarised.
 *
 * @module
 */
import { DerError, parseDer, readString } from "./_asn1/reader.ts";
import { utf8 } from "./_bytes.ts";
import { failed, passed, type SigstoreCheck } from "./codes.ts";
import { VouchError } from "../errors.ts";
import type { Certificate } from "./x509/certificate.ts";

/** The Fulcio certificate extensions vouch reads, by name. */
export interface FulcioExtensions {
  /** 1.1 (deprecated): the OIDC issuer. */
  issuerV1?: string;
  /** 1.2 (deprecated): GitHub workflow trigger. */
  githubWorkflowTrigger?: string;
  /** 1.3 (deprecated): GitHub workflow commit SHA. */
  githubWorkflowSha?: string;
  /** 1.4 (deprecated): GitHub workflow name. */
  githubWorkflowName?: string;
  /** 1.5 (deprecated): GitHub workflow repository. */
  githubWorkflowRepository?: string;
  /** 1.6 (deprecated): GitHub workflow ref. */
  githubWorkflowRef?: string;
  /** 1.8: the OIDC issuer. */
  issuer?: string;
  /** 1.9: build signer URI (the workflow that signed). */
  buildSignerUri?: string;
  /** 1.10: build signer digest. */
  buildSignerDigest?: string;
  /** 1.11: runner environment (`github-hosted`, `self-hosted`). */
  runnerEnvironment?: string;
  /** 1.12: source repository URI. */
  sourceRepositoryUri?: string;
  /** 1.13: source repository digest (commit). */
  sourceRepositoryDigest?: string;
  /** 1.14: source repository ref. */
  sourceRepositoryRef?: string;
  /** 1.15: source repository identifier. */
  sourceRepositoryIdentifier?: string;
  /** 1.16: source repository owner URI. */
  sourceRepositoryOwnerUri?: string;
  /** 1.17: source repository owner identifier. */
  sourceRepositoryOwnerIdentifier?: string;
  /** 1.18: build config URI (the top-level workflow). */
  buildConfigUri?: string;
  /** 1.19: build config digest. */
  buildConfigDigest?: string;
  /** 1.20: build trigger (event). */
  buildTrigger?: string;
  /** 1.21: run invocation URI (the run's URL). */
  runInvocationUri?: string;
  /** 1.22: source repository visibility at signing. */
  sourceRepositoryVisibilityAtSigning?: string;
  /** 1.23: deployment environment. */
  deploymentEnvironment?: string;
  /** 1.24: the token's raw subject. */
  subject?: string;
}

/** The GitHub Actions workflow claims of a certificate, summarised. */
export interface WorkflowClaims {
  /** `owner/repo`. */
  repository?: string;
  /** The git ref (`refs/tags/v1.2.3`). */
  ref?: string;
  /** The commit SHA. */
  sha?: string;
  /** The workflow (build config URI, else the workflow name). */
  workflow?: string;
  /** The trigger (event name). */
  trigger?: string;
  /** The run's URL. */
  runUrl?: string;
}

/** Who signed, as the certificate says. */
export interface SignerIdentity {
  /** The subject alternative name (URI, email or username). */
  subjectAlternativeName: string;
  /** Its kind. */
  subjectAlternativeNameType: "uri" | "email" | "otherName";
  /** The OIDC issuer (extension 1.8, else 1.1; none when the two differ). */
  issuer?: string;
  /** Every Fulcio extension found, by name. */
  extensions: FulcioExtensions;
  /** The GitHub workflow claims, when the certificate has any. */
  workflow?: WorkflowClaims;
}

/** What the signer identity must be. */
export interface IdentityPolicy {
  /** The exact subject alternative name. */
  subjectAlternativeName?: string;
  /**
   * A regular expression the subject alternative name must match, in Go's RE2 syntax, as
   * cosign's `--certificate-identity-regexp` and sigstore-go's `NewSANMatcher`: unanchored
   * (anchor it with `^…$`), run in time linear in the SAN; a backreference or a lookaround is
   * refused (`identity.pattern_invalid`).
   */
  subjectAlternativeNameRegExp?: string;
  /** The exact OIDC issuer. */
  issuer: string;
}

const FULCIO = "1.3.6.1.4.1.57264.1.";
const NAMES: Record<number, keyof FulcioExtensions> = {
  1: "issuerV1",
  2: "githubWorkflowTrigger",
  3: "githubWorkflowSha",
  4: "githubWorkflowName",
  5: "githubWorkflowRepository",
  6: "githubWorkflowRef",
  8: "issuer",
  9: "buildSignerUri",
  10: "buildSignerDigest",
  11: "runnerEnvironment",
  12: "sourceRepositoryUri",
  13: "sourceRepositoryDigest",
  14: "sourceRepositoryRef",
  15: "sourceRepositoryIdentifier",
  16: "sourceRepositoryOwnerUri",
  17: "sourceRepositoryOwnerIdentifier",
  18: "buildConfigUri",
  19: "buildConfigDigest",
  20: "buildTrigger",
  21: "runInvocationUri",
  22: "sourceRepositoryVisibilityAtSigning",
  23: "deploymentEnvironment",
  24: "subject",
};

/** The Fulcio username SAN (otherName type). */
const OID_USERNAME = "1.3.6.1.4.1.57264.1.7";
/** The OIDC issuer extension (Fulcio's "Issuer (V2)"). */
const ISSUER_V2 = "1.3.6.1.4.1.57264.1.8";

/** A certificate's Fulcio extensions: the values read, and the OIDs of those that do not read. */
interface ReadExtensions {
  values: FulcioExtensions;
  unreadable: string[];
}

function readExtensions(cert: Certificate): ReadExtensions {
  const out: ReadExtensions = { values: {}, unreadable: [] };
  for (const ext of cert.extensions) {
    if (!ext.oid.startsWith(FULCIO)) continue;
    const arc = Number(ext.oid.slice(FULCIO.length));
    const name = NAMES[arc];
    if (name === undefined) continue;
    let value: string | undefined;
    if (arc <= 6) {
      value = utf8(ext.value); // the deprecated OIDs hold the raw string
    } else {
      try {
        value = readString(parseDer(ext.value, name), name);
      } catch (error) {
        if (!(error instanceof DerError)) throw error;
        out.unreadable.push(ext.oid);
      }
    }
    if (value !== undefined) out.values[name] = value;
  }
  return out;
}

/**
 * The Fulcio extensions of a certificate that Fulcio writes as one DER
 * character string (1.3.6.1.4.1.57264.1.8 and later, docs/oid-info.md of
 * sigstore/fulcio) but that are not one: a trailing byte after the string,
 * raw text, another type. sigstore-go refuses such a certificate
 * (`ParseExtensions`: "unexpected trailing bytes in DER-encoded string").
 *
 * @param cert The signing certificate.
 * @returns Their OIDs, in certificate order.
 */
export function unreadableFulcioExtensions(cert: Certificate): string[] {
  return readExtensions(cert).unreadable;
}

/**
 * Whether the certificate names two different OIDC issuers in 1.8 and the
 * legacy 1.1. Fulcio writes the token's `iss` to both (docs/oid-info.md: they
 * differ only in encoding), so no Fulcio certificate does; readers disagree on
 * which one counts (sigstore-go's ParseExtensions keeps the later in the
 * certificate, vouch read 1.8), so neither is the issuer.
 */
function issuersDiffer(read: ReadExtensions): boolean {
  const { issuer, issuerV1 } = read.values;
  return issuer !== undefined && issuerV1 !== undefined && issuer !== issuerV1;
}

/**
 * The OIDC issuer: extension 1.8, else the legacy 1.1 — only when there is no
 * 1.8 at all: an unreadable 1.8 is no issuer, never the legacy one's, and two
 * different ones are none.
 */
function issuerOf(read: ReadExtensions): string | undefined {
  if (read.unreadable.includes(ISSUER_V2) || issuersDiffer(read)) return undefined;
  return read.values.issuer ?? read.values.issuerV1;
}

function workflowOf(e: FulcioExtensions): WorkflowClaims | undefined {
  const repo = e.sourceRepositoryUri?.replace(/^https:\/\/github\.com\//, "");
  const claims: WorkflowClaims = {
    repository: e.githubWorkflowRepository ?? repo,
    ref: e.sourceRepositoryRef ?? e.githubWorkflowRef,
    sha: e.sourceRepositoryDigest ?? e.githubWorkflowSha,
    workflow: e.buildConfigUri ?? e.githubWorkflowName,
    trigger: e.buildTrigger ?? e.githubWorkflowTrigger,
    runUrl: e.runInvocationUri,
  };
  const present = Object.entries(claims).filter(([, v]) => v !== undefined);
  return present.length === 0 ? undefined : Object.fromEntries(present) as WorkflowClaims;
}

/**
 * Reads the signer identity of a Fulcio certificate: its first URI subject
 * alternative name, else its first email, else its Fulcio username.
 *
 * @param cert The signing certificate.
 * @returns The identity, or `undefined` when the certificate has no URI,
 *   email or Fulcio username subject alternative name.
 */
export function signerIdentity(cert: Certificate): SignerIdentity | undefined {
  // One SAN is the identity, chosen as sigstore-go and sigstore-js choose it: the first URI,
  // else the first email, else the Fulcio username.
  const names = cert.subjectAltNames;
  const san = names.find((n) => n.type === "uri") ?? names.find((n) => n.type === "email") ??
    names.find((n) => n.type === "otherName" && n.otherNameOid === OID_USERNAME);
  if (san === undefined) return undefined;
  const read = readExtensions(cert);
  const extensions = read.values;
  const identity: SignerIdentity = {
    subjectAlternativeName: san.value,
    subjectAlternativeNameType: san.type as SignerIdentity["subjectAlternativeNameType"],
    extensions,
  };
  const issuer = issuerOf(read);
  if (issuer !== undefined) identity.issuer = issuer;
  const workflow = workflowOf(extensions);
  if (workflow !== undefined) identity.workflow = workflow;
  return identity;
}

/**
 * Compiles an identity pattern as cosign does (Go's `regexp.Compile`, RE2 syntax), on re2js,
 * loaded here and only here, when a pattern is given.
 *
 * @param pattern The pattern.
 * @returns Whether a SAN matches it (Go's `MatchString`: unanchored, linear time).
 * @throws {VouchError} `identity.pattern_invalid` when Go's parser refuses it (a
 *   backreference, a lookaround…; the message is the parser's) or it is not a string.
 */
export async function compileSanPattern(pattern: string): Promise<(san: string) => boolean> {
  if (typeof pattern !== "string") {
    throw new VouchError(
      "identity.pattern_invalid",
      `the identity pattern is a ${typeof pattern}, not a string in RE2 syntax`,
      "pass the pattern as a string (a RegExp's JavaScript syntax is not RE2's)",
    );
  }
  const { compileRe2 } = await import("./_re2.ts");
  const compiled = compileRe2(pattern);
  if (typeof compiled !== "function") {
    throw new VouchError(
      "identity.pattern_invalid",
      `the identity pattern ${
        JSON.stringify(pattern.slice(0, 80))
      } is not RE2 syntax, which cosign requires (Go regexp.Compile: ${compiled.error})`,
      "write it as cosign would accept it: no backreference, no lookaround; e.g. ^https://github\\.com/o/r/",
    );
  }
  return compiled;
}

/**
 * Checks a certificate's identity against a policy: the subject alternative
 * name {@linkcode signerIdentity} reads (the one reported) must equal (or
 * match) the policy's, and its OIDC issuer must equal the policy's. Another
 * SAN of the certificate (a second URI, a DNS name, an otherName of another
 * type) never satisfies the policy.
 *
 * @param cert The signing certificate.
 * @param policy The policy.
 * @returns The checks (`identity.ok`, or the mismatches) and the identity.
 * @throws {VouchError} `identity.pattern_invalid` (see {@linkcode compileSanPattern}).
 */
export async function checkIdentity(
  cert: Certificate,
  policy: IdentityPolicy,
): Promise<{ checks: SigstoreCheck[]; identity?: SignerIdentity }> {
  const identity = signerIdentity(cert);
  const san = identity?.subjectAlternativeName;
  const wanted = policy.subjectAlternativeName;
  const pattern = policy.subjectAlternativeNameRegExp;
  const matches = pattern === undefined ? undefined : await compileSanPattern(pattern);
  const sanOk = san !== undefined && (wanted === undefined || san === wanted) &&
    (matches === undefined || matches(san));
  const checks: SigstoreCheck[] = [];
  const shown = JSON.stringify((san ?? "").slice(0, 200));
  if (!sanOk) {
    const expected = wanted !== undefined
      ? JSON.stringify(wanted)
      : `matching ${JSON.stringify(pattern)}`;
    checks.push(
      failed(
        "identity.san_mismatch",
        san === undefined
          ? `the certificate has no URI, email or Fulcio username SAN (wanted ${expected})`
          : `the certificate was issued to ${shown}, not ${expected}`,
      ),
    );
  }
  const read = readExtensions(cert);
  const issuer = issuerOf(read);
  if (issuer !== policy.issuer) {
    checks.push(
      failed(
        "identity.issuer_mismatch",
        read.unreadable.includes(ISSUER_V2)
          ? `the certificate's OIDC issuer extension ${ISSUER_V2} is not a DER character string`
          : issuersDiffer(read)
          ? `the certificate names two OIDC issuers, ${
            JSON.stringify(read.values.issuer!.slice(0, 200))
          } (1.3.6.1.4.1.57264.1.8) and ${
            JSON.stringify(read.values.issuerV1!.slice(0, 200))
          } (.1.1); Fulcio writes the same to both`
          : issuer === undefined
          ? "the certificate has no OIDC issuer extension (1.3.6.1.4.1.57264.1.8 or .1.1)"
          : `the certificate's OIDC issuer is ${JSON.stringify(issuer.slice(0, 200))}, not ${
            JSON.stringify(policy.issuer)
          }`,
      ),
    );
  }
  if (checks.length === 0) {
    checks.push(passed("identity.ok", `signed by ${shown} (issuer ${policy.issuer})`));
  }
  return identity === undefined ? { checks } : { checks, identity };
}
