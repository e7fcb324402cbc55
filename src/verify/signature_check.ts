/**
 * Signature checks: the HMAC DSSE envelope `signature.hmac-sha256.json` and
 * the Sigstore bundles (`provenance.sigstore.json`, `sbom.spdx.sigstore.json`,
 * `sbom.cyclonedx.sigstore.json`). The DSSE PAE is recomputed and verified
 * with the given keys; each signed payload must be byte-identical to what it
 * binds (the provenance bytes, or the in-toto statement of an SBOM over the
 * provenance subjects). What a signature does not sign is pinned down too: each
 * file must be in the one form vouch writes (its canonical JSON, one signature,
 * ECDSA in low-S form) and name the key id the provenance declares for it.
 * Never throws.
 *
 * @module
 */
import { FILES, type KeylessSignerRecord, keylessSignerRecord } from "../bundle/bundle_index.ts";
import { jsonTextChunks, toJsonText } from "../_util.ts";
import {
  CYCLONEDX_PREDICATE_TYPE,
  type ProvenanceStatement,
  type SbomStatement,
  sbomStatement,
  type SignatureRecord,
  SPDX_PREDICATE_TYPE,
} from "../provenance/statement.ts";
import { bytesEqual } from "./_bytes.ts";
import {
  hmacVerifier,
  IN_TOTO_PAYLOAD_TYPE,
  isCanonicalBase64,
  isEcdsaLowS,
  keyIdFromSpki,
  keylessBundleForm,
  parseSigstoreBundle,
  type SigstoreBundle,
  toSigstoreBundle,
  type Verifier,
  verifyDsse,
} from "../signing/mod.ts";
import { isVouchError } from "../errors.ts";
import { type TrustedRoot, verifyBundle } from "../sigstore/mod.ts";
import { parseCertificate } from "../sigstore/x509/certificate.ts";
import type { IdentityPolicy } from "../sigstore/policy.ts";
import { fail, isRecord, pass, quote, type VerifyCheck } from "./_check.ts";
import { parseJson } from "./_read.ts";

/** Inputs of {@linkcode checkSignatures}. */
export interface SignatureInput {
  /** The evidence bytes by bundle path (as read by `checkIndex`). */
  files: Map<string, Uint8Array>;
  /** The provenance statement, when valid: its subjects are what the SBOM statements name. */
  statement?: ProvenanceStatement;
  /**
   * The SBOMs as the caller already parsed them from `files`, by path; a path that did not
   * parse is absent. Without it each SBOM a signature binds is parsed here.
   */
  documents?: Map<string, unknown>;
  /** The HMAC secret, when given. */
  hmacKey?: string;
  /** The trusted public keys. */
  publicKeys: Verifier[];
  /** Whether at least one provenance signature must verify (default true). */
  requireSignature?: boolean;
  /** Keyless (certificate) Sigstore bundles: who must have signed, and the trusted root (default public-good). */
  sigstore?: { identity?: IdentityPolicy; trustedRoot?: TrustedRoot };
}

/** What {@linkcode checkSignatures} found. */
export interface SignatureResult {
  /** The findings. */
  checks: VerifyCheck[];
  /** The distinct provenance payloads whose signatures verified. */
  signedPayloads: Uint8Array[];
  /** Who signed each keyless bundle that verified, by path (the index records it). */
  signers: Map<string, KeylessSignerRecord>;
}

/** A signature file of the bundle: its check-code prefix and the file it binds. */
interface SignatureFile {
  path: string;
  prefix: string;
  signs: string;
  /** For SBOM bundles: the predicate type of the SBOM statement. */
  predicateType?: string;
}

const SIGNATURE_FILES: SignatureFile[] = [
  { path: FILES.hmacSignature, prefix: "hmac", signs: FILES.provenance },
  { path: FILES.sigstoreBundle, prefix: "sigstore", signs: FILES.provenance },
  {
    path: FILES.spdxSigstoreBundle,
    prefix: "spdx_sigstore",
    signs: FILES.spdx,
    predicateType: SPDX_PREDICATE_TYPE,
  },
  {
    path: FILES.cyclonedxSigstoreBundle,
    prefix: "cyclonedx_sigstore",
    signs: FILES.cyclonedx,
    predicateType: CYCLONEDX_PREDICATE_TYPE,
  },
];

/** What a signature file turned out to be: the algorithm that verified it, when one did. */
interface Found {
  algorithm?: string;
  /**
   * A keyless bundle: its key id is the cosign key id of its certificate's
   * key (`undefined` when the certificate cannot be read), and, when it
   * verified, who signed.
   */
  keyless?: { keyid?: string; signer?: KeylessSignerRecord };
}

function decodeStrictBase64(text: unknown): Uint8Array | undefined {
  return typeof text === "string" && isCanonicalBase64(text)
    ? Uint8Array.fromBase64(text)
    : undefined;
}

/**
 * An SBOM's parsed value: the caller's when it parsed the file already (a 64 MiB
 * document is then parsed once, not twice), else parsed here; `undefined` when
 * it does not parse.
 */
function sbomDocument(
  path: string,
  bytes: Uint8Array,
  documents: Map<string, unknown> | undefined,
): { value: unknown } | undefined {
  if (documents !== undefined) {
    return documents.has(path) ? { value: documents.get(path) } : undefined;
  }
  const parsed = parseJson(bytes, path);
  return parsed.check ? undefined : { value: parsed.value };
}

/**
 * The text of an SBOM's in-toto statement, `toJsonText(sbomStatement(…))`, in chunks: the
 * document's own ({@linkcode jsonTextChunks}), indented where the statement holds it, as its
 * last key `predicate`. Held whole, the statement's text and its UTF-8 bytes cost about seven
 * times the SBOM file (a hostile 64 MiB `[0,0,…]`: 224 MB of text, 224 MB of bytes).
 */
function* statementChunks(statement: SbomStatement): Generator<string, void, undefined> {
  const { predicate, ...head } = statement;
  const text = toJsonText(head); // `{…\n  "predicateType": "…"\n}\n`
  yield `${text.slice(0, -"\n}\n".length)},\n  "predicate": `;
  const indented = (chunk: string): string =>
    chunk.includes("\n") ? chunk.replaceAll("\n", "\n  ") : chunk;
  let held: string | undefined;
  for (const chunk of jsonTextChunks(predicate)) {
    if (held !== undefined) yield indented(held);
    held = chunk;
  }
  // The document's text ends with a newline: the statement's closing brace stands there.
  yield `${indented(held!.slice(0, -1))}\n}\n`;
}

/**
 * Whether UTF-8 bytes are exactly the chunks of text joined, given up at the first chunk that
 * differs (or runs past them): the joined text and its encoding are never held whole.
 */
function bytesAreChunks(bytes: Uint8Array, chunks: Iterable<string>): boolean {
  const encoder = new TextEncoder();
  let at = 0;
  for (const chunk of chunks) {
    const encoded = encoder.encode(chunk);
    if (!bytesEqual(encoded, bytes.subarray(at, at + encoded.length))) return false;
    at += encoded.length;
  }
  return at === bytes.length;
}

/**
 * What a signature file must have signed: the target file's bytes, or (an SBOM signature)
 * the in-toto statement of the SBOM over the provenance subjects, as chunks of its text; or
 * why it cannot be known.
 */
function expectedPayload(
  file: SignatureFile,
  input: SignatureInput,
): { bytes: Uint8Array } | { chunks: Iterable<string> } | { problem: string } {
  const target = input.files.get(file.signs);
  if (target === undefined) return { problem: `${file.signs} could not be read to compare` };
  if (file.predicateType === undefined) return { bytes: target };
  if (input.statement === undefined) {
    return { problem: `no valid ${FILES.provenance} to take subjects from` };
  }
  const document = sbomDocument(file.signs, target, input.documents);
  if (document === undefined) return { problem: `${file.signs} does not parse` };
  const subjects = input.statement.subject.map((s) => ({
    name: s.name,
    sha256: s.digest.sha256,
    size: s.annotations.size,
  }));
  const statement = sbomStatement(subjects, {
    predicateType: file.predicateType,
    document: document.value,
  });
  return { chunks: statementChunks(statement) };
}

/**
 * Whether a payload is what a signature file must have signed, or why that cannot be known.
 * One entry of a hostile document can be text longer than a string holds (a `RangeError`):
 * no statement vouch writes is, so that is a mismatch, said as such.
 */
function payloadIs(
  payload: Uint8Array,
  file: SignatureFile,
  input: SignatureInput,
): boolean | { problem: string } {
  const expected = expectedPayload(file, input);
  if ("problem" in expected) return expected;
  if ("bytes" in expected) return bytesEqual(payload, expected.bytes);
  try {
    return bytesAreChunks(payload, expected.chunks);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { problem: `the in-toto statement of ${file.signs} is too large to write` };
  }
}

/** payloadType and payload-is-what-it-binds checks of one envelope. */
function payloadChecks(
  file: SignatureFile,
  envelope: Record<string, unknown>,
  input: SignatureInput,
): VerifyCheck[] {
  const { prefix, path } = file;
  const checks: VerifyCheck[] = [];
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    checks.push(
      fail(
        `${prefix}.payload_type`,
        `payloadType is ${quote(envelope.payloadType)}, expected ${IN_TOTO_PAYLOAD_TYPE}`,
        path,
      ),
    );
  }
  const payload = decodeStrictBase64(envelope.payload);
  const what = file.predicateType === undefined
    ? file.signs
    : `the in-toto statement of ${file.signs} over the provenance subjects`;
  const same = payload === undefined ? undefined : payloadIs(payload, file, input);
  if (same === undefined) {
    checks.push(fail(`${prefix}.payload_mismatch`, "payload is not standard base64", path));
  } else if (typeof same === "object") {
    checks.push(fail(`${prefix}.payload_mismatch`, same.problem, path));
  } else if (!same) {
    checks.push(
      fail(
        `${prefix}.payload_mismatch`,
        `the signed payload is not byte-identical to ${what}`,
        path,
      ),
    );
  } else checks.push(pass(`${prefix}.payload_ok`, `the signed payload is ${what}`, path));
  return checks;
}

/** Runs `verifyDsse`; when it passes, also names the (first) key that verified a signature. */
async function runDsse(
  file: SignatureFile,
  envelope: unknown,
  verifiers: Verifier[],
): Promise<{ checks: VerifyCheck[]; payload?: Uint8Array; key?: Verifier }> {
  let key: Verifier | undefined;
  const watched = verifiers.map((verifier): Verifier => ({
    keyid: verifier.keyid,
    algorithm: verifier.algorithm,
    verify: async (data, signature) => {
      const ok = await verifier.verify(data, signature);
      if (ok) key ??= verifier;
      return ok;
    },
  }));
  const result = await verifyDsse(envelope, watched);
  const checks = result.checks.map((c) => ({
    code: `${file.prefix}.${c.code}`,
    ok: c.ok,
    message: c.message,
    file: file.path,
  }));
  if (!result.ok) return { checks };
  return { checks, payload: result.payload, key };
}

function keyidsOf(envelope: Record<string, unknown>): string[] {
  const sigs: unknown[] = Array.isArray(envelope.signatures) ? envelope.signatures : [];
  // A missing keyid is the empty one, as verifyDsse reads it.
  const ids = sigs.flatMap((s) => {
    const keyid = isRecord(s) ? s.keyid ?? "" : undefined;
    return typeof keyid === "string" ? [keyid] : [];
  });
  return [...new Set(ids)];
}

async function checkHmac(
  file: SignatureFile,
  value: unknown,
  input: SignatureInput,
  out: VerifyCheck[],
): Promise<{ found?: Found; payload?: Uint8Array }> {
  if (!isRecord(value)) {
    out.push(fail("hmac.envelope.malformed", "the envelope is not a JSON object", file.path));
    return {};
  }
  out.push(...payloadChecks(file, value, input));
  if (input.hmacKey === undefined) {
    out.push(pass("hmac.not_checked", "not checked: no HMAC key", file.path));
    return {};
  }
  // HMAC key ids are labels: the secret answers to whichever key id the envelope names.
  const key = input.hmacKey;
  const verifiers = await Promise.all(keyidsOf(value).map((keyid) => hmacVerifier(key, { keyid })));
  const dsse = await runDsse(file, value, verifiers);
  out.push(...dsse.checks);
  return dsse.payload === undefined
    ? {}
    : { found: { algorithm: "hmac-sha256" }, payload: dsse.payload };
}

function isKeyless(value: unknown): boolean {
  const material = isRecord(value) ? value.verificationMaterial : undefined;
  return isRecord(material) &&
    (material.certificate != null || material.x509CertificateChain != null);
}

/** The cosign key id of a keyless bundle's signing certificate, when it can be read. */
function certificateKeyid(value: unknown): string | undefined {
  const material = isRecord(value) ? value.verificationMaterial : undefined;
  if (!isRecord(material)) return undefined;
  const chain = isRecord(material.x509CertificateChain)
    ? material.x509CertificateChain.certificates
    : undefined;
  const leaf = isRecord(material.certificate)
    ? material.certificate
    : Array.isArray(chain) && isRecord(chain[0])
    ? chain[0]
    : undefined;
  const der = decodeStrictBase64(leaf?.rawBytes);
  if (der === undefined) return undefined;
  try {
    return keyIdFromSpki(parseCertificate(der).spki);
  } catch {
    return undefined; // reported by the bundle's verification
  }
}

/** A keyless bundle: verified by src/sigstore against the identity policy; never accepted without one. */
async function checkKeyless(
  file: SignatureFile,
  value: unknown,
  input: SignatureInput,
  out: VerifyCheck[],
): Promise<{ found?: Found; payload?: Uint8Array }> {
  const found: Found = {
    algorithm: "sigstore-keyless",
    keyless: { keyid: certificateKeyid(value) },
  };
  const identity = input.sigstore?.identity;
  if (identity === undefined) {
    out.push(
      fail(
        `${file.prefix}.identity_required`,
        "keyless bundle: no identity policy given (--certificate-identity[-regexp] and --certificate-oidc-issuer)",
        file.path,
      ),
    );
    return { found };
  }
  const envelope = isRecord(value) && isRecord(value.dsseEnvelope) ? value.dsseEnvelope : {};
  out.push(...payloadChecks(file, envelope, input));
  const result = await verifyBundle(value, { identity, trustedRoot: input.sigstore?.trustedRoot });
  out.push(
    ...result.checks.map((c) => ({ ...c, code: `${file.prefix}.${c.code}`, file: file.path })),
  );
  if (result.payload === undefined) return { found };
  found.keyless!.signer = keylessSignerRecord(result);
  return { found, payload: result.payload.bytes };
}

async function checkSigstore(
  file: SignatureFile,
  value: unknown,
  input: SignatureInput,
  out: VerifyCheck[],
): Promise<{ found?: Found; payload?: Uint8Array }> {
  if (isKeyless(value)) return await checkKeyless(file, value, input, out);
  let bundle: SigstoreBundle;
  try {
    bundle = parseSigstoreBundle(value);
  } catch (error) {
    if (!isVouchError(error)) throw error;
    out.push(fail(error.code.replace(/^bundle\./, `${file.prefix}.`), error.message, file.path));
    return {};
  }
  const envelope = bundle.dsseEnvelope;
  const hint = bundle.verificationMaterial.publicKey.hint;
  out.push(...payloadChecks(file, { ...envelope }, input));
  const { keyid, sig } = envelope.signatures[0];
  // An empty hint or keyid names no key, so only two different names conflict.
  if (hint !== "" && keyid !== "" && keyid !== hint) {
    out.push(
      fail(
        `${file.prefix}.hint_mismatch`,
        `publicKey.hint ${quote(hint)} differs from the signature key id ${quote(keyid)}`,
        file.path,
      ),
    );
    return {};
  }
  const name = hint || keyid;
  if (input.publicKeys.length === 0) {
    out.push(pass(`${file.prefix}.not_checked`, "not checked: no public key", file.path));
    return {};
  }
  const named = input.publicKeys.filter((k) => k.keyid === name);
  // The name carries no trust: when it names no given key, every given key is tried.
  const tried = named.length > 0 ? named : input.publicKeys;
  const signed = { ...envelope, signatures: [{ keyid: named.length > 0 ? name : "", sig }] };
  const dsse = await runDsse(file, signed, tried);
  if (named.length === 0 && dsse.key === undefined) {
    out.push(
      fail(
        `${file.prefix}.key_unknown`,
        `${namedNoKey(name)}, and none verifies the signature`,
        file.path,
      ),
    );
    return {};
  }
  out.push(...dsse.checks);
  if (dsse.key === undefined) return {};
  if (named.length === 0) {
    out.push(
      pass(
        `${file.prefix}.hint_unmatched`,
        `${namedNoKey(name)}; the signature verified with given key ${quote(dsse.key.keyid)}`,
        file.path,
      ),
    );
  }
  return { found: { algorithm: dsse.key.algorithm }, payload: dsse.payload };
}

/** Says what a bundle's key name (hint, else keyid) refers to among the given keys: none. */
function namedNoKey(name: string): string {
  return name === ""
    ? "the bundle names no key (no publicKey.hint or keyid)"
    : `no given public key has key id ${quote(name)}`;
}

/**
 * The value whose text (`toJsonText`) vouch would write for a signature file with these parts,
 * or `undefined` when there is none.
 */
function canonicalForm(file: SignatureFile, value: Record<string, unknown>): unknown {
  // Base64 with other (ignored) padding bits decodes to the same bytes: only the canonical text.
  const envelope = file.prefix === "hmac" ? value : value.dsseEnvelope;
  const sigs = isRecord(envelope) ? envelope.signatures : undefined;
  if (
    !isRecord(envelope) || typeof envelope.payload !== "string" ||
    !isCanonicalBase64(envelope.payload) || !Array.isArray(sigs) || sigs.length !== 1 ||
    !isRecord(sigs[0]) || decodeStrictBase64(sigs[0].sig) === undefined
  ) return undefined;
  if (file.prefix === "hmac") {
    const { keyid, sig } = sigs[0];
    return { payloadType: value.payloadType, payload: value.payload, signatures: [{ keyid, sig }] };
  }
  if (isKeyless(value)) return keylessBundleForm(value);
  // A bundle with neither a key hint nor a certificate: it must at least be canonical JSON.
  const material = value.verificationMaterial;
  if (!isRecord(material) || material.publicKey === undefined) return value;
  try {
    const bundle = parseSigstoreBundle(value);
    const hint = bundle.verificationMaterial.publicKey.hint;
    return toSigstoreBundle(bundle.dsseEnvelope, { hint });
  } catch {
    return undefined;
  }
}

/**
 * Whether a file's bytes are the text vouch writes for a value, compared chunk by chunk: a large
 * SBOM's bundle (its payload, the SBOM in base64) is never held again as one string and its
 * encoding. One entry of a hostile file can be longer than a string holds: not canonical.
 */
function isWrittenAs(bytes: Uint8Array, form: unknown): boolean {
  try {
    return bytesAreChunks(bytes, jsonTextChunks(form));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return false;
  }
}

/** The key id a signature file names: its hint (a Sigstore bundle), else its signature's keyid. */
function namedKeyid(file: SignatureFile, value: Record<string, unknown>): unknown {
  const material = value.verificationMaterial;
  if (file.prefix !== "hmac" && isRecord(material) && isRecord(material.publicKey)) {
    return material.publicKey.hint ?? "";
  }
  const envelope = file.prefix === "hmac" ? value : value.dsseEnvelope;
  const sigs = isRecord(envelope) && Array.isArray(envelope.signatures) ? envelope.signatures : [];
  return isRecord(sigs[0]) ? sigs[0].keyid ?? "" : undefined;
}

/** The first signature's bytes, when they are standard base64. */
function firstSig(file: SignatureFile, value: Record<string, unknown>): Uint8Array | undefined {
  const envelope = file.prefix === "hmac" ? value : value.dsseEnvelope;
  const sigs = isRecord(envelope) && Array.isArray(envelope.signatures) ? envelope.signatures : [];
  return isRecord(sigs[0]) ? decodeStrictBase64(sigs[0].sig) : undefined;
}

/**
 * The checks of what the signatures do not sign: the file is in vouch's one
 * form and names the key id (and verified with the algorithm) the provenance
 * declares for it.
 */
function formChecks(
  file: SignatureFile,
  value: Record<string, unknown>,
  bytes: Uint8Array,
  context: { declared?: SignatureRecord; found?: Found },
): VerifyCheck[] {
  const { prefix, path } = file;
  const checks: VerifyCheck[] = [];
  const form = canonicalForm(file, value);
  if (form === undefined || !isWrittenAs(bytes, form)) {
    checks.push(
      fail(
        `${prefix}.not_canonical`,
        "not in the one form vouch writes (canonical JSON, one signature, no other fields)",
        path,
      ),
    );
  }
  const { declared, found } = context;
  if (declared === undefined) return checks; // not named by the provenance: reported elsewhere
  // A keyless bundle names its key by its certificate; vouch writes no key id in it.
  const keyid = found?.keyless !== undefined ? found.keyless.keyid : namedKeyid(file, value);
  if (keyid !== declared.keyid) {
    checks.push(
      fail(
        `${prefix}.keyid_mismatch`,
        `names key id ${quote(keyid)}, the provenance declares ${quote(declared.keyid)}`,
        path,
      ),
    );
  }
  if (declared.algorithm === "sigstore-keyless" && found?.keyless === undefined) {
    // Else a key-based bundle, unchecked when no key is given, would stand in for the keyless one.
    checks.push(
      fail(
        `${prefix}.algorithm_mismatch`,
        "the provenance declares a keyless bundle (a certificate), the file is not one",
        path,
      ),
    );
  } else if (found?.algorithm !== undefined && found.algorithm !== declared.algorithm) {
    checks.push(
      fail(
        `${prefix}.algorithm_mismatch`,
        `verified as ${found.algorithm}, the provenance declares ${declared.algorithm}`,
        path,
      ),
    );
  }
  const sig = firstSig(file, value);
  const ecdsa = declared.algorithm === "ecdsa-p256" || declared.algorithm === "sigstore-keyless";
  if (ecdsa && sig !== undefined && !isEcdsaLowS(sig)) {
    checks.push(
      fail(
        `${prefix}.signature.high_s`,
        "the ECDSA signature is not in low-S form (its other valid form was swapped in?)",
        path,
      ),
    );
  }
  return checks;
}

/**
 * Checks every signature file of the bundle.
 *
 * @param input The evidence bytes, the statement (its subjects and declared signatures), the
 *   keys and whether a signature is required.
 * @returns The checks and the verified provenance payloads.
 */
export async function checkSignatures(input: SignatureInput): Promise<SignatureResult> {
  const checks: VerifyCheck[] = [];
  const signedPayloads: Uint8Array[] = [];
  const signers = new Map<string, KeylessSignerRecord>();
  const declarations = input.statement?.predicate.runDetails.vouch_signatures ?? [];
  for (const file of SIGNATURE_FILES) {
    const bytes = input.files.get(file.path);
    if (bytes === undefined) continue;
    const parsed = parseJson(bytes, file.path);
    if (parsed.check) {
      checks.push(parsed.check);
      continue;
    }
    const unit = file.prefix === "hmac" ? checkHmac : checkSigstore;
    const result = await unit(file, parsed.value, input, checks);
    if (isRecord(parsed.value)) {
      const declared = declarations.find((d) => d.path === file.path);
      checks.push(...formChecks(file, parsed.value, bytes, { declared, found: result.found }));
    }
    const signer = result.found?.keyless?.signer;
    if (signer !== undefined) signers.set(file.path, signer);
    const payload = result.payload;
    if (
      payload !== undefined && file.signs === FILES.provenance &&
      !signedPayloads.some((p) => bytesEqual(p, payload))
    ) signedPayloads.push(payload);
  }
  if (input.requireSignature ?? true) {
    checks.push(
      signedPayloads.length > 0
        ? pass("signature.required", "at least one provenance signature verified")
        : fail("signature.required", "no provenance signature verified with the given keys"),
    );
  }
  return { checks, signedPayloads, signers };
}
