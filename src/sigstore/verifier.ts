/**
 * {@linkcode verifyBundle}: everything a Sigstore verifier checks, offline,
 * following the Sigstore client specification: the bundle's shape; the
 * artifact against the signed digest or in-toto subjects; the transparency
 * log entries (inclusion promise, inclusion proof and signed checkpoint,
 * body consistency); the RFC 3161 timestamps; for keyless bundles the
 * certificate path to a Fulcio CA at each verified signing time, the
 * embedded SCTs, the identity policy and the certificate's validity at those
 * times; and the signature itself. Every finding is a coded check; the
 * verdict is that every check held.
 *
 * @module
 */
import { VouchError } from "../errors.ts";
import { isRecord } from "../_util.ts";
import { parseJsonObject } from "../inventory/_formats/json.ts";
import { pae } from "../signing/dsse.ts";
import { DerError, formatInstant, type Instant, NANOS_PER_SECOND } from "./_asn1/reader.ts";
import { decodePem, equal, hash, type HashName, toHex } from "./_bytes.ts";
import { parseBundleJson } from "./_json.ts";
import {
  defaultScheme,
  parsePublicKey,
  type PublicKey,
  type SignatureScheme,
  verifyDigestSignature,
  verifySignature,
} from "./_crypto.ts";
import { type BundleContent, parseBundle, type SignedEntity } from "./bundle.ts";
import { failed, passed, type SigstoreCheck } from "./codes.ts";
import {
  checkIdentity,
  compileSanPattern,
  type IdentityPolicy,
  type SignerIdentity,
  unreadableFulcioExtensions,
} from "./policy.ts";
import {
  publicGoodTrustedRoot,
  type TrustedRoot,
  type TrustMaterial,
  trustMaterial,
} from "./trust_root.ts";
import { CLOCK_SKEW_SECONDS, verifyTlogEntry } from "./tlog/verify.ts";
import { isRekorV2Entry } from "./tlog/body.ts";
import { type Certificate, describeName, isCa, OID, parseCertificate } from "./x509/certificate.ts";
import { certificateKey, verifyChain } from "./x509/chain.ts";
import { verifyScts } from "./x509/sct.ts";

/** The artifact a bundle is verified against: its bytes, or its SHA-256 digest. */
export type BundleArtifact = { bytes: Uint8Array } | { sha256: Uint8Array };

/** Options of {@linkcode verifyBundle}. */
export interface VerifyBundleOptions {
  /**
   * The artifact. Required for message-signature bundles; for DSSE bundles it
   * must be a subject of the signed in-toto statement (omit it to verify the
   * envelope alone and read the statement from the result).
   */
  artifact?: BundleArtifact;
  /** The trust material (default: the embedded Sigstore public-good root). */
  trustedRoot?: TrustedRoot;
  /**
   * Who must have signed. Required for certificate (keyless) bundles; exclusive with
   * `publicKey` (giving both fails `identity.policy_conflict`).
   */
  identity?: IdentityPolicy;
  /** The public key (SPKI PEM text or DER). Required for public-key bundles; exclusive with `identity`. */
  publicKey?: string | Uint8Array;
  /** The current time, for the "not in the future" checks (default: the clock). */
  now?: Date;
}

/** A signing time a verifier vouched for. */
export interface VerifiedTime {
  /** Who vouched: a Rekor v1 inclusion promise or an RFC 3161 timestamp authority. */
  source: "transparency-log" | "timestamp-authority";
  /** The time, RFC 3339 UTC. */
  time: string;
}

/** A transparency-log entry that verified. */
export interface VerifiedLogEntry {
  /** The global log index. */
  logIndex: string;
  /** The log's base URL (from the trusted root). */
  log: string;
  /** The log id, hex. */
  logId: string;
  /** Entry kind and version, e.g. `hashedrekord 0.0.1`. */
  kind: string;
  /** The integrated time, RFC 3339, when an inclusion promise vouched for it. */
  integratedTime?: string;
  /**
   * Whether a signature binds `logIndex` to the entry: a Rekor v1 inclusion promise (its signed
   * entry timestamp covers the index) or a Rekor v2 inclusion proof (one tree: the proof's index
   * is the entry's). A Rekor v1 entry proven by its inclusion proof alone is not: that proof is of
   * its shard's tree, and the bundle does not carry the shard's offset.
   */
  logIndexBound: boolean;
}

/** Who signed: a certificate identity or a public key. */
export type VerifiedSigner =
  | {
    /** Keyless: a Fulcio certificate. */
    type: "certificate";
    /** The identity in the certificate. */
    identity: SignerIdentity;
    /** The signing certificate, DER. */
    certificate: Uint8Array;
  }
  | {
    /** A key given out of band. */
    type: "publicKey";
    /** Its cosign key id: base64(SHA-256(SPKI DER)). */
    keyId: string;
  };

/** The outcome of {@linkcode verifyBundle}. */
export interface BundleVerification {
  /** True only when every check held. */
  verified: boolean;
  /** Every check made, in order. */
  checks: SigstoreCheck[];
  /** The bundle's media type, when it could be read. */
  mediaType?: string;
  /** The signer (only when verified). */
  signer?: VerifiedSigner;
  /** The verified signing times (only when verified). */
  times: VerifiedTime[];
  /** The verified log entries (only when verified). */
  logEntries: VerifiedLogEntry[];
  /** A DSSE bundle's payload type and payload (only when verified). */
  payload?: { type: string; bytes: Uint8Array };
}

const IN_TOTO = "application/vnd.in-toto+json";
/** The in-toto Statement types whose subjects are read (in-toto attestation spec v1, and v0.1). */
const STATEMENT_TYPES: ReadonlySet<string> = new Set([
  "https://in-toto.io/Statement/v1",
  "https://in-toto.io/Statement/v0.1",
]);

function readPublicKey(publicKey: string | Uint8Array): PublicKey {
  let der: Uint8Array | undefined = typeof publicKey === "string" ? undefined : publicKey;
  if (typeof publicKey === "string") {
    const block = decodePem(publicKey);
    if (block?.label === "PUBLIC KEY") der = block.der;
  }
  try {
    if (der === undefined) throw new DerError("not a PUBLIC KEY PEM block");
    return parsePublicKey(der);
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    throw new VouchError(
      "key.malformed",
      `the public key cannot be used: ${error.message}`,
      "pass an SPKI PEM public key (-----BEGIN PUBLIC KEY-----): ECDSA P-256/P-384/P-521, Ed25519 or RSA",
    );
  }
}

/** The artifact's digest under a hash, when it can be known. */
type DigestOf = (h: HashName) => Promise<Uint8Array | undefined>;

/** Computes (once per hash) the artifact's digests. */
function artifactDigest(
  artifact: BundleArtifact | undefined,
): DigestOf {
  const cache = new Map<HashName, Promise<Uint8Array>>();
  return (algorithm) => {
    if (artifact === undefined) return Promise.resolve(undefined);
    if ("sha256" in artifact) {
      return Promise.resolve(algorithm === "sha256" ? artifact.sha256 : undefined);
    }
    let digest = cache.get(algorithm);
    if (digest === undefined) cache.set(algorithm, digest = hash(algorithm, artifact.bytes));
    return digest;
  };
}

async function checkMessageArtifact(
  content: Extract<BundleContent, { type: "messageSignature" }>,
  artifact: BundleArtifact | undefined,
  digestOf: DigestOf,
): Promise<SigstoreCheck> {
  if (artifact === undefined) {
    return failed(
      "artifact.required",
      "a message-signature bundle is verified against its artifact; none was given",
    );
  }
  if (content.digest === undefined) {
    return passed(
      "artifact.ok",
      "the bundle names no message digest; the signature is checked over the artifact",
    );
  }
  const digest = await digestOf(content.digest.algorithm);
  if (digest === undefined) {
    return failed(
      "artifact.digest_unavailable",
      `the bundle digests the artifact with ${content.digest.algorithm}; only its sha256 was given`,
    );
  }
  return equal(digest, content.digest.value)
    ? passed(
      "artifact.ok",
      `the artifact's ${content.digest.algorithm} is the bundle's message digest`,
    )
    : failed(
      "artifact.digest_mismatch",
      `the artifact's ${content.digest.algorithm} ${
        toHex(digest)
      } is not the bundle's message digest ${toHex(content.digest.value)}`,
    );
}

function checkStatementArtifact(
  content: Extract<BundleContent, { type: "dsseEnvelope" }>,
  sha256: Uint8Array,
): SigstoreCheck {
  if (content.payloadType !== IN_TOTO) {
    return failed(
      "artifact.statement_invalid",
      `the DSSE payloadType is ${JSON.stringify(content.payloadType.slice(0, 80))}, not ${IN_TOTO}`,
    );
  }
  let statement: Record<string, unknown> | undefined;
  let problem = "";
  try {
    // Strict JSON: a key twice in one object (or a lone surrogate escape) is refused. The
    // in-toto and DSSE specifications leave it open and readers disagree on which value counts
    // (sigstore-go's protojson refuses the statement, sigstore-js's JSON.parse takes the last),
    // so a subject one verifier reads could be another's: no tool writes such a statement.
    statement = parseJsonObject(
      new TextDecoder("utf-8", { fatal: true }).decode(content.payload),
      "DSSE payload",
      "artifact.statement_invalid",
    );
  } catch (error) {
    if (error instanceof VouchError) problem = `: ${error.message}`;
    else if (!(error instanceof TypeError)) throw error; // TypeError: not UTF-8
  }
  if (statement === undefined || !Array.isArray(statement.subject)) {
    return failed(
      "artifact.statement_invalid",
      `the DSSE payload is not an in-toto Statement with subjects${problem}`,
    );
  }
  const subjects: unknown[] = statement.subject;
  // The subjects mean what they mean only under a Statement type we know: a missing or
  // unknown `_type` is never read as a v1 Statement.
  const type = statement._type;
  if (typeof type !== "string" || !STATEMENT_TYPES.has(type)) {
    return failed(
      "artifact.statement_invalid",
      type === undefined
        ? "the in-toto Statement has no _type"
        : `the in-toto Statement _type ${JSON.stringify(String(type).slice(0, 80))} is not ${
          [...STATEMENT_TYPES].join(" or ")
        }`,
    );
  }
  const wanted = toHex(sha256);
  const match = subjects.find((s) =>
    isRecord(s) && isRecord(s.digest) && typeof s.digest.sha256 === "string" &&
    s.digest.sha256.toLowerCase() === wanted
  ) as Record<string, unknown> | undefined;
  return match === undefined
    ? failed(
      "artifact.not_a_subject",
      `no subject of the statement (${subjects.length}) has sha256 ${wanted}`,
    )
    : passed(
      "artifact.ok",
      `the artifact is subject ${
        JSON.stringify(String(match.name ?? "").slice(0, 120))
      } of the statement`,
    );
}

/** The leaf's Sigstore profile problems (client spec; sigstore-python's leaf rules). */
function leafProblems(leaf: Certificate): string[] {
  const problems: string[] = [];
  if (leaf.version !== 3) problems.push(`it is an X.509 v${leaf.version} certificate`);
  if (isCa(leaf) || leaf.keyUsage?.has("keyCertSign")) problems.push("it is a CA certificate");
  if (leaf.keyUsage === undefined || !leaf.keyUsage.has("digitalSignature")) {
    problems.push("its keyUsage lacks digitalSignature");
  }
  if (leaf.extKeyUsage === undefined || !leaf.extKeyUsage.includes(OID.codeSigning)) {
    problems.push("its extKeyUsage lacks codeSigning");
  }
  if (leaf.unknownCritical.length > 0) {
    problems.push(`it has unknown critical extension(s) ${leaf.unknownCritical.join(", ")}`);
  }
  const unreadable = unreadableFulcioExtensions(leaf);
  if (unreadable.length > 0) {
    problems.push(
      `its Fulcio extension(s) ${unreadable.join(", ")} are not a DER character string`,
    );
  }
  return problems;
}

async function checkSignature(
  entity: SignedEntity,
  key: PublicKey,
  options: { artifact?: BundleArtifact; digestOf: DigestOf },
): Promise<SigstoreCheck | undefined> {
  const { content } = entity;
  let ok: boolean | undefined;
  if (content.type === "dsseEnvelope") {
    ok = await verifySignature(key, pae(content.payloadType, content.payload), {
      signature: content.signature,
    });
  } else {
    const base = defaultScheme(key);
    const scheme: SignatureScheme = content.digest === undefined || base.kind === "ed25519"
      ? base
      : { ...base, hash: content.digest.algorithm };
    if (options.artifact === undefined) return undefined; // artifact.required is already reported
    if ("bytes" in options.artifact) {
      ok = await verifySignature(key, options.artifact.bytes, {
        signature: content.signature,
        scheme,
      });
    } else {
      const digest = await options.digestOf(scheme.hash);
      if (digest === undefined) {
        return failed(
          "artifact.digest_unavailable",
          `the signature is over the artifact's ${scheme.hash}; only its sha256 was given`,
        );
      }
      ok = await verifyDigestSignature(key, digest, { signature: content.signature, scheme });
    }
  }
  if (ok === undefined) {
    return failed(
      "signature.unsupported",
      `a ${key.type} signature cannot be verified over a digest alone; pass the artifact file`,
    );
  }
  return ok
    ? passed(
      "signature.verified",
      `the ${
        content.type === "dsseEnvelope" ? "DSSE" : "message"
      } signature verifies with the ${key.type} ${
        entity.material.type === "certificate" ? "certificate key" : "public key"
      }`,
    )
    : failed(
      "signature.invalid",
      `the ${content.type === "dsseEnvelope" ? "DSSE" : "message"} signature does not verify`,
    );
}

interface CertificateState {
  leaf: Certificate;
  identity?: SignerIdentity;
}

async function readCertificates(
  entity: SignedEntity,
  checks: SigstoreCheck[],
  policy: IdentityPolicy | undefined,
): Promise<CertificateState | undefined> {
  if (entity.material.type !== "certificate") return undefined;
  let certificates: Certificate[];
  try {
    certificates = entity.material.certificates.map((der) => parseCertificate(der));
  } catch (error) {
    if (!(error instanceof DerError)) throw error;
    checks.push(
      failed(
        "certificate.malformed",
        `a bundle certificate is not valid DER X.509: ${error.message}`,
      ),
    );
    return undefined;
  }
  const [leaf] = certificates;
  const problems = leafProblems(leaf);
  if (problems.length > 0) {
    checks.push(
      failed(
        "certificate.profile",
        `the signing certificate is not a Sigstore leaf: ${problems.join("; ")}`,
      ),
    );
  }
  // Signers must not include a root CA (bundle spec); the suite's bundle-with-root-cert case
  // must be rejected, so a self-issued certificate after the leaf fails the bundle.
  const root = certificates.findIndex((c, i) => i > 0 && equal(c.subject, c.issuer));
  if (root !== -1) {
    checks.push(
      failed(
        "certificate.root_in_bundle",
        `certificate ${root} of the bundle's chain is a self-issued root (${
          describeName(certificates[root].subject)
        }); a root comes only from the trusted root`,
      ),
    );
  }
  const state: CertificateState = { leaf };
  if (policy === undefined) {
    checks.push(
      failed(
        "identity.policy_required",
        "a keyless bundle needs an identity policy (identity and OIDC issuer)",
      ),
    );
  } else {
    const result = await checkIdentity(leaf, policy);
    checks.push(...result.checks);
    if (result.identity !== undefined) state.identity = result.identity;
  }
  return state;
}

async function checkCertificateAtTimes(
  state: CertificateState,
  times: Instant[],
  root: TrustMaterial,
  checks: SigstoreCheck[],
): Promise<void> {
  const { leaf } = state;
  if (times.length === 0) {
    checks.push(
      failed("time.none_verified", "no inclusion promise or timestamp vouches for a signing time"),
    );
    return;
  }
  const outside = times.filter((t) => t < leaf.notBefore || t > leaf.notAfter);
  checks.push(
    outside.length > 0
      ? failed(
        "time.outside_certificate",
        `signing time ${formatInstant(outside[0])} is outside the certificate's validity (${
          formatInstant(leaf.notBefore)
        } to ${formatInstant(leaf.notAfter)})`,
      )
      : passed(
        "time.ok",
        `signed at ${times.map(formatInstant).join(", ")}, within the certificate's validity`,
      ),
  );
  const inside = times.filter((t) => !outside.includes(t));
  let issuer: Certificate | undefined;
  for (const time of inside) {
    const chain = await verifyChain(leaf, {
      authorities: root.certificateAuthorities,
      time,
      purpose: OID.codeSigning,
    });
    if ("problem" in chain) {
      checks.push(failed("certificate.chain_invalid", chain.problem));
      return;
    }
    issuer ??= chain.path[1];
  }
  if (issuer === undefined) return;
  checks.push(
    passed(
      "certificate.chain_ok",
      `the certificate chains to a trusted Fulcio CA at the signing time`,
    ),
  );
  checks.push(await verifyScts(leaf, { issuer, ctlogs: root.ctlogs }));
}

/**
 * Verifies a Sigstore bundle offline against the trusted root. Never throws
 * for anything in the bundle: each finding is a check with a stable code
 * (see `SIGSTORE_CHECKS`); the bundle is verified when every check held.
 *
 * @example Verify a keyless bundle against a GitHub Actions identity
 * ```ts ignore
 * import { verifyBundle } from "./verifier.ts";
 * const bundle = JSON.parse(await Deno.readTextFile("artifact.sigstore.json"));
 * const result = await verifyBundle(bundle, {
 *   artifact: { bytes: await Deno.readFile("artifact.tar.gz") },
 *   identity: {
 *     subjectAlternativeName: "https://github.com/o/r/.github/workflows/release.yml@refs/tags/v1.0.0",
 *     issuer: "https://token.actions.githubusercontent.com",
 *   },
 * });
 * console.log(result.verified, result.signer);
 * ```
 *
 * @example Every finding is a coded check
 * ```ts
 * import { verifyBundle } from "./verifier.ts";
 * const result = await verifyBundle(new TextEncoder().encode('{"mediaType":"text/plain"}'));
 * result.verified; // false
 * result.checks[0].code; // "bundle.media_type"
 * ```
 *
 * @param bundle The bundle: its parsed JSON, or the file's bytes (read as
 *   UTF-8 JSON of at most 256 MiB, nesting at most 32 levels).
 * @param options The artifact, the trusted root, the identity policy or public key, the clock.
 * @returns The checks and, when verified, what verified: signer, times, log entries, payload.
 * @throws {VouchError} `key.malformed` when `publicKey` is not a usable public key;
 *   `identity.pattern_invalid` when the identity's `subjectAlternativeNameRegExp` is not
 *   RE2 syntax (Go's `regexp.Compile` refuses it: a backreference, a lookaround…).
 */
export async function verifyBundle(
  bundle: unknown,
  options: VerifyBundleOptions = {},
): Promise<BundleVerification> {
  const givenKey = options.publicKey === undefined ? undefined : readPublicKey(options.publicKey);
  // A pattern Go's parser refuses is the caller's error, whatever the bundle holds.
  const pattern = options.identity?.subjectAlternativeNameRegExp;
  if (pattern !== undefined) await compileSanPattern(pattern);
  const root = trustMaterial(options.trustedRoot ?? publicGoodTrustedRoot());
  const now = BigInt((options.now ?? new Date()).getTime()) * 1_000_000n;
  const result: BundleVerification = { verified: false, checks: [], times: [], logEntries: [] };
  let json = bundle;
  if (bundle instanceof Uint8Array) {
    const read = parseBundleJson(bundle);
    if ("check" in read) {
      result.checks.push(read.check);
      return result;
    }
    json = read.value;
  }
  const parsed = parseBundle(json);
  const checks = result.checks;
  checks.push(parsed.check);
  if (options.identity !== undefined && givenKey !== undefined) {
    // Either policy alone could be met by a bundle; both at once never: refuse, never pick one.
    checks.push(
      failed(
        "identity.policy_conflict",
        "both a public key and a certificate identity were required; a bundle is signed by one or the other",
      ),
    );
  }
  const entity = parsed.entity;
  if (entity === undefined) return result;
  result.mediaType = entity.mediaType;
  const { content } = entity;
  const digestOf = artifactDigest(options.artifact);

  if (content.type === "messageSignature") {
    checks.push(await checkMessageArtifact(content, options.artifact, digestOf));
  } else if (options.artifact !== undefined) {
    const sha256 = (await digestOf("sha256"))!;
    checks.push(checkStatementArtifact(content, sha256));
  }

  const cert = await readCertificates(entity, checks, options.identity);
  const signingKey = entity.material.type === "publicKey"
    ? givenKey
    : cert === undefined
    ? undefined
    : certificateKey(cert.leaf);
  if (entity.material.type === "publicKey" && givenKey === undefined) {
    checks.push(
      failed("key.required", "the bundle is signed with a public key and none was given"),
    );
  }
  if (entity.material.type === "certificate" && cert !== undefined && signingKey === undefined) {
    checks.push(
      failed("signature.unsupported", "the signing certificate's key type is not supported"),
    );
  }

  const times: { time: Instant; source: VerifiedTime["source"] }[] = [];
  if (entity.material.type === "certificate" && entity.tlogEntries.length === 0) {
    checks.push(failed("tlog.required", "the keyless bundle has no transparency-log entry"));
  }
  const keyDer = entity.material.type === "certificate"
    ? entity.material.certificates[0]
    : givenKey?.spki;
  // The timestamps are verified first (their checks are reported after the log's): a log entry
  // proven by its inclusion proof alone must come from a log valid at their times.
  // The RFC 3161 reader is loaded only for a bundle that carries timestamps.
  const { verifyTimestamp } = entity.timestamps.length === 0
    ? { verifyTimestamp: undefined }
    : await import("./timestamp/rfc3161.ts");
  const stamped: { check: SigstoreCheck; time?: Instant }[] = [];
  for (const [position, der] of entity.timestamps.entries()) {
    stamped.push(
      await verifyTimestamp!(der, {
        signature: content.signature,
        authorities: root.timestampAuthorities,
        now,
        skew: CLOCK_SKEW_SECONDS * NANOS_PER_SECOND,
        position,
      }),
    );
  }
  const timestamps = stamped.flatMap((t) => t.time === undefined ? [] : [t.time]);
  for (const entry of entity.tlogEntries) {
    const outcome = await verifyTlogEntry(entry, {
      trustedRoot: root,
      now,
      expect: {
        content,
        key: keyDer === undefined ? undefined : {
          kind: entity.material.type === "certificate" ? "certificate" : "publicKey",
          der: keyDer,
          type: signingKey?.type,
        },
        artifactDigest: digestOf,
      },
      timestamps,
    });
    checks.push(...outcome.checks);
    if (outcome.time !== undefined) times.push({ time: outcome.time, source: "transparency-log" });
    if (outcome.log !== undefined) {
      const logged: VerifiedLogEntry = {
        logIndex: String(entry.logIndex),
        log: outcome.log.baseUrl,
        logId: toHex(entry.logId),
        kind: `${entry.kind} ${entry.version}`,
        logIndexBound: outcome.time !== undefined || isRekorV2Entry(entry),
      };
      if (outcome.time !== undefined) logged.integratedTime = formatInstant(outcome.time);
      result.logEntries.push(logged);
    }
  }
  checks.push(...stamped.map((t) => t.check));
  for (const { time } of stamped) {
    if (time !== undefined) times.push({ time, source: "timestamp-authority" });
  }

  // Only a certificate must be checked at a verified time; a key given out of band has no
  // validity window in the bundle, so a key-signed entry proven by its inclusion proof alone
  // (Rekor v2, or v1 without a promise) verifies without one (as the conformance suite's
  // managed-key cases require).
  if (cert !== undefined) {
    await checkCertificateAtTimes(cert, times.map((t) => t.time), root, checks);
  }
  const signature = signingKey === undefined
    ? undefined
    : await checkSignature(entity, signingKey, { artifact: options.artifact, digestOf });
  if (signature !== undefined) checks.push(signature);

  result.verified = checks.every((c) => c.ok);
  if (!result.verified) {
    result.logEntries = [];
    return result;
  }
  result.times = times.map((t) => ({ source: t.source, time: formatInstant(t.time) }));
  if (cert?.identity !== undefined) {
    result.signer = { type: "certificate", identity: cert.identity, certificate: cert.leaf.der };
  } else if (givenKey !== undefined) {
    result.signer = {
      type: "publicKey",
      keyId: (await hash("sha256", givenKey.spki)).toBase64(),
    };
  }
  if (content.type === "dsseEnvelope") {
    result.payload = { type: content.payloadType, bytes: content.payload };
  }
  return result;
}
