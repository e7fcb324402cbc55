/**
 * Certification path validation (RFC 5280 §6, the parts Sigstore needs): a
 * path from a leaf up through the certificates of one certificate authority
 * of the trusted root, each signature verified with the issuer's key, every
 * certificate valid at the given time, every issuer a CA (basicConstraints
 * cA, keyCertSign when keyUsage is present) within its path-length
 * constraint, no unknown critical extension anywhere, and extended key usage
 * chained (a CA that restricts its EKU must allow the leaf's purpose).
 *
 * Only the trusted root's certificates are issuers: certificates a bundle
 * carries besides its leaf are never trusted (they are superfluous under the
 * bundle specification; the verifier refuses a root among them). The last
 * certificate of an authority's chain is its trust anchor.
 *
 * @module
 */
import { DerError, formatInstant, type Instant } from "../_asn1/reader.ts";
import { equal } from "../_bytes.ts";
import {
  parsePublicKey,
  type PublicKey,
  schemeFromAlgorithm,
  verifySignature,
} from "../_crypto.ts";
import { type CertificateAuthority, inWindow } from "../trust_root.ts";
import { type Certificate, describeName, isCa, OID } from "./certificate.ts";

/** Longest path accepted (leaf included). */
const MAX_PATH = 8;

const keys = new WeakMap<Certificate, PublicKey | null>();

/**
 * The public key of a certificate (parsed once).
 *
 * @param cert The certificate.
 * @returns The key, or `undefined` when its algorithm is not supported.
 */
export function certificateKey(cert: Certificate): PublicKey | undefined {
  let key = keys.get(cert);
  if (key === undefined) {
    try {
      key = parsePublicKey(cert.spki);
    } catch (error) {
      if (!(error instanceof DerError)) throw error;
      key = null;
    }
    keys.set(cert, key);
  }
  return key ?? undefined;
}

const verified = new WeakMap<Certificate, WeakMap<Certificate, boolean>>();

/**
 * Verifies that `issuer`'s key signed `cert` (results cached per pair).
 *
 * @param cert The issued certificate.
 * @param issuer The candidate issuer.
 * @returns Whether the signature verifies.
 */
export async function issuedBy(cert: Certificate, issuer: Certificate): Promise<boolean> {
  let byIssuer = verified.get(cert);
  const cached = byIssuer?.get(issuer);
  if (cached !== undefined) return cached;
  const key = certificateKey(issuer);
  let ok = false;
  if (key !== undefined) {
    try {
      const scheme = schemeFromAlgorithm(cert.signatureOid, { params: cert.signatureParams });
      ok = await verifySignature(key, cert.tbs, { signature: cert.signature, scheme });
    } catch (error) {
      if (!(error instanceof DerError)) throw error;
    }
  }
  if (byIssuer === undefined) verified.set(cert, byIssuer = new WeakMap());
  byIssuer.set(issuer, ok);
  return ok;
}

function isSelfIssued(cert: Certificate): boolean {
  return equal(cert.subject, cert.issuer);
}

function caProblem(cert: Certificate, below: number, purpose: string): string | undefined {
  const name = describeName(cert.subject);
  if (!isCa(cert)) return `issuer ${name} is not a CA (basicConstraints)`;
  if (cert.keyUsage !== undefined && !cert.keyUsage.has("keyCertSign")) {
    return `issuer ${name} may not sign certificates (keyUsage)`;
  }
  const limit = cert.basicConstraints?.pathLength;
  if (limit !== undefined && below > limit) {
    return `issuer ${name} allows ${limit} intermediate(s) below it, the path has ${below}`;
  }
  const eku = cert.extKeyUsage;
  if (eku !== undefined && !eku.includes(purpose) && !eku.includes(OID.anyExtendedKeyUsage)) {
    return `issuer ${name} is not allowed to certify this purpose (extKeyUsage)`;
  }
  return undefined;
}

async function pathWithin(
  leaf: Certificate,
  authority: CertificateAuthority,
  options: { time: Instant; purpose: string },
): Promise<{ path: Certificate[] } | { problem: string }> {
  if (authority.chain.length === 0) {
    return { problem: "a certificate authority lists no certificate" };
  }
  const path = [leaf];
  const anchor = authority.chain[authority.chain.length - 1];
  let current = leaf;
  // Intermediates below the issuer being checked (RFC 5280: self-issued ones do not count).
  let below = 0;
  while (current !== anchor && !(path.length > 1 && isSelfIssued(current))) {
    if (path.length >= MAX_PATH) return { problem: "the certificate path is too long" };
    if (path.length > 1 && !isSelfIssued(current)) below++; // current is an intermediate
    const candidates = authority.chain.filter((c) =>
      !path.includes(c) && equal(c.subject, current.issuer) &&
      (current.authorityKeyId === undefined || c.subjectKeyId === undefined ||
        equal(current.authorityKeyId, c.subjectKeyId))
    );
    let issuer: Certificate | undefined;
    for (const candidate of candidates) {
      if (await issuedBy(current, candidate)) {
        issuer = candidate;
        break;
      }
    }
    if (issuer === undefined) {
      return {
        problem: candidates.length === 0
          ? `no certificate of the trusted root issued ${describeName(current.subject)} (issuer ${
            describeName(current.issuer)
          })`
          : `the signature on ${
            describeName(current.subject)
          } does not verify with its issuer's key`,
      };
    }
    const problem = caProblem(issuer, below, options.purpose);
    if (problem !== undefined) return { problem };
    path.push(issuer);
    current = issuer;
  }
  for (const cert of path) {
    // The leaf's own extensions are its profile's business (Fulcio or TSA leaf rules).
    if (cert !== leaf && cert.unknownCritical.length > 0) {
      return {
        problem: `${describeName(cert.subject)} has unknown critical extension(s) ${
          cert.unknownCritical.join(", ")
        }`,
      };
    }
    if (options.time < cert.notBefore || options.time > cert.notAfter) {
      return {
        problem: `${describeName(cert.subject)} is not valid at ${
          formatInstant(options.time)
        } (valid ${formatInstant(cert.notBefore)} to ${formatInstant(cert.notAfter)})`,
      };
    }
  }
  return { path };
}

/**
 * Validates a certification path from `leaf` to a certificate authority of
 * the trusted root that is valid at `time`.
 *
 * @param leaf The end-entity certificate.
 * @param options `authorities`: the trusted authorities; `time`: when the
 *   path must be valid; `purpose`: the extended key usage OID of the leaf's use.
 * @returns The path (leaf first, anchor last) or why there is none.
 */
export async function verifyChain(
  leaf: Certificate,
  options: { authorities: CertificateAuthority[]; time: Instant; purpose: string },
): Promise<{ path: Certificate[] } | { problem: string }> {
  const current = options.authorities.filter((a) => inWindow(a.validFor, options.time));
  if (current.length === 0) {
    return {
      problem: `no certificate authority of the trusted root is valid at ${
        formatInstant(options.time)
      }`,
    };
  }
  let problem = "";
  for (const authority of current) {
    const result = await pathWithin(leaf, authority, options);
    if ("path" in result) return result;
    problem = result.problem;
  }
  return { problem };
}
