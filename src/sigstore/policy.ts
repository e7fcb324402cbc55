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
  /** A regular expression the subject alternative name must match (unanchored, as cosign). */
  subjectAlternativeNameRegExp?: RegExp;
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

/**
 * The longest SAN an identity regular expression is run on. A real Fulcio SAN
 * is an email (at most 254) or a CI workflow URI (a few hundred characters).
 */
export const MAX_REGEXP_SAN_LENGTH = 4096;

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
 * Checks a certificate's identity against a policy: the subject alternative
 * name {@linkcode signerIdentity} reads (the one reported) must equal (or
 * match) the policy's, and its OIDC issuer must equal the policy's. Another
 * SAN of the certificate (a second URI, a DNS name, an otherName of another
 * type) never satisfies the policy.
 *
 * @param cert The signing certificate.
 * @param policy The policy.
 * @returns The checks (`identity.ok`, or the mismatches) and the identity.
 */
export function checkIdentity(
  cert: Certificate,
  policy: IdentityPolicy,
): { checks: SigstoreCheck[]; identity?: SignerIdentity } {
  const identity = signerIdentity(cert);
  const san = identity?.subjectAlternativeName;
  const wanted = policy.subjectAlternativeName;
  // A global or sticky expression would carry state between tests.
  const source = policy.subjectAlternativeNameRegExp;
  const pattern = source === undefined
    ? undefined
    : new RegExp(source.source, source.flags.replace(/[gy]/g, ""));
  // The pattern runs on JavaScript's backtracking engine (cosign's is RE2): it never sees a
  // SAN longer than any real one, whatever the certificate holds.
  const tooLong = pattern !== undefined && san !== undefined &&
    san.length > MAX_REGEXP_SAN_LENGTH;
  const sanOk = san !== undefined && !tooLong && (wanted === undefined || san === wanted) &&
    (pattern === undefined || pattern.test(san));
  const checks: SigstoreCheck[] = [];
  const shown = JSON.stringify((san ?? "").slice(0, 200));
  if (tooLong) {
    checks.push(
      failed(
        "identity.san_mismatch",
        `the certificate's SAN is ${san.length} characters, over the ${MAX_REGEXP_SAN_LENGTH} a regular expression is run on`,
      ),
    );
  } else if (!sanOk) {
    const expected = wanted !== undefined
      ? JSON.stringify(wanted)
      : `matching /${pattern?.source}/`;
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
