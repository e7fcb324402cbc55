/**
 * Keyless signing, orchestrated: the identity token (from the CI or the
 * caller), an ephemeral ECDSA P-256 key made in memory, one Fulcio
 * certificate for it, then per payload a DSSE signature, a Rekor entry per
 * selected log, an RFC 3161 timestamp per selected TSA, the bundle in vouch's
 * one keyless form — verified with `verifyBundle` against the instance's
 * trusted root and the certificate's own identity before it is handed back.
 * A bundle that does not verify is an error, never a result. The network
 * edge is the `fetch` passed in (default: the global one), as the clock is.
 *
 * @module
 */
import type { Env } from "../../provenance/context.ts";
import { decodeBase64 } from "../../signing/_base64.ts";
import { signDsse } from "../../signing/dsse.ts";
import { ephemeralKey } from "../../signing/keys.ts";
import { type KeylessBundle, toKeylessBundle } from "../../signing/keyless_bundle.ts";
import { equal } from "../_bytes.ts";
import type { SignerIdentity } from "../policy.ts";
import { publicGoodTrustedRoot, type TrustedRoot } from "../trust_root.ts";
import { type BundleVerification, verifyBundle } from "../verifier.ts";
import { DEFAULT_TRANSPORT, type Transport } from "./_http.ts";
import { signError } from "./errors.ts";
import { requestSigningCertificate } from "./fulcio.ts";
import { fetchIdentityToken, findTokenSource, tokenClaims, type TokenSource } from "./oidc.ts";
import { logDsse } from "./rekor.ts";
import { PUBLIC_GOOD_SERVICES, type SigstoreServices } from "./signing_config.ts";
import { requestTimestamp } from "./tsa.ts";

/** Options of keyless signing (`attest({ keyless })`). */
export interface KeylessOptions {
  /** The services (default: the public-good instance, {@linkcode PUBLIC_GOOD_SERVICES}). */
  services?: SigstoreServices;
  /** The instance's trusted root, for the self-verification (default: the embedded public-good root). */
  trustedRoot?: TrustedRoot;
  /** The OIDC identity token itself (default: from the environment, see `findTokenSource`). */
  identityToken?: string;
  /** The environment variable holding the token (`--identity-token-env`). */
  identityTokenEnv?: string;
  /** The network edge (default: the global `fetch`). */
  fetch?: typeof fetch;
  /** The longest wait for one HTTP attempt, in milliseconds (default 30 000). */
  timeoutMs?: number;
  /** Attempts per HTTP call (default 3). */
  attempts?: number;
  /** The wait before the first retry, doubled for each further one, in milliseconds (default 1 000). */
  backoffMs?: number;
  /** Waits between retries (default: a timer). */
  sleep?: (ms: number) => Promise<void>;
}

/** What is known before any network call. */
export interface KeylessPlan {
  /** Where the identity token comes from. */
  token: TokenSource;
  /** The services. */
  services: SigstoreServices;
  /** The trusted root bundles are verified against. */
  trustedRoot: TrustedRoot;
  /** The fetch and its retry settings. */
  transport: Transport;
}

/** A bundle that verified. */
export interface SignedBundle {
  /** The bundle, in vouch's one keyless form. */
  bundle: KeylessBundle;
  /** Its verification (verified: signer, times, log entries, payload). */
  verification: BundleVerification;
}

/** A keyless signer: one certificate, one ephemeral key, any number of payloads. */
export interface KeylessSession {
  /** The cosign key id of the ephemeral key, base64(SHA-256(SPKI DER)): known before anything is signed. */
  keyid: string;
  /** Who the certificate names. */
  identity: SignerIdentity & { issuer: string };
  /** Signs an in-toto statement into a bundle that verified. */
  sign(payload: Uint8Array): Promise<SignedBundle>;
}

/**
 * Checks what can be checked without the network: the token's source and
 * the options.
 *
 * @param options The keyless options.
 * @param env The environment (CI token variables).
 * @returns The plan.
 * @throws {VouchError} `sigstore.token_missing`, `sigstore.token_invalid`.
 */
export function planKeyless(options: KeylessOptions, env: Env): KeylessPlan {
  return {
    token: findTokenSource(options, env),
    services: options.services ?? PUBLIC_GOOD_SERVICES,
    trustedRoot: options.trustedRoot ?? publicGoodTrustedRoot(),
    transport: {
      fetch: options.fetch ?? globalThis.fetch,
      timeoutMs: options.timeoutMs ?? DEFAULT_TRANSPORT.timeoutMs,
      attempts: options.attempts ?? DEFAULT_TRANSPORT.attempts,
      backoffMs: options.backoffMs ?? DEFAULT_TRANSPORT.backoffMs,
      sleep: options.sleep ?? DEFAULT_TRANSPORT.sleep,
    },
  };
}

function failedChecks(verification: BundleVerification): string {
  const failed = verification.checks.filter((c) => !c.ok);
  const shown = failed.slice(0, 4).map((c) => `${c.code} (${c.message.slice(0, 160)})`);
  return `${shown.join("; ")}${failed.length > 4 ? `; and ${failed.length - 4} more` : ""}`;
}

/**
 * Starts keyless signing: gets the identity token, makes the ephemeral key
 * and has Fulcio certify it.
 *
 * @param plan What {@linkcode planKeyless} found.
 * @param now The clock (token expiry, self-verification).
 * @returns The session.
 * @throws {VouchError} the `sigstore.token_*` and `sigstore.fulcio_*` errors.
 */
export async function startKeyless(plan: KeylessPlan, now: () => Date): Promise<KeylessSession> {
  const { transport, services, trustedRoot } = plan;
  const token = await fetchIdentityToken(plan.token, transport);
  const claims = tokenClaims(token, now());
  const key = await ephemeralKey();
  const { certificate, identity } = await requestSigningCertificate(
    services.fulcioUrl,
    { token, subject: claims.subject, spki: key.spki, signer: key.signer },
    transport,
  );
  const policy = {
    subjectAlternativeName: identity.subjectAlternativeName,
    issuer: identity.issuer,
  };
  return {
    keyid: key.signer.keyid,
    identity,
    sign: async (payload) => {
      const envelope = await signDsse(payload, [key.signer]);
      const signature = decodeBase64(envelope.signatures[0].sig)!;
      const tlogEntries = [];
      for (const log of services.rekor) {
        tlogEntries.push(await logDsse(log, { envelope, certificate }, transport));
      }
      const timestamps = [];
      for (const url of services.tsaUrls) {
        timestamps.push(await requestTimestamp(url, signature, transport));
      }
      const bundle = toKeylessBundle({ envelope, certificate, tlogEntries, timestamps });
      const verification = await verifyBundle(bundle, {
        identity: policy,
        trustedRoot,
        now: now(),
      });
      if (
        !verification.verified || !equal(verification.payload?.bytes ?? new Uint8Array(), payload)
      ) {
        throw signError(
          "sigstore.self_verification_failed",
          `the keyless bundle made with ${services.fulcioUrl} and ${
            services.rekor.map((r) => r.url).join(", ")
          } does not verify: ${failedChecks(verification)}`,
        );
      }
      return { bundle, verification };
    },
  };
}
