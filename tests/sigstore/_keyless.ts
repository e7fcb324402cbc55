// Test helpers for keyless signing in process: the local Sigstore instance of
// _mock_stack.ts served through an injected fetch (no network), keyless options
// pointing at it (no waits between retries), and evidence attested keyless.
import { attest } from "../../src/attest.ts";
import type { KeylessOptions } from "../../src/sigstore/sign/keyless.ts";
import { loadTrustedRoot, type TrustedRoot } from "../../src/sigstore/trust_root.ts";
import { CONTEXT, copyFlat, DEMO, HMAC_KEY, tempDir } from "../verify/_bundle.ts";
import { makeMockStack, MOCK_IDENTITY, type MockStack, mockToken } from "./_mock_stack.ts";

/** The identity policy the local instance's certificates satisfy. */
export const KEYLESS_POLICY = {
  subjectAlternativeName: MOCK_IDENTITY.san,
  issuer: MOCK_IDENTITY.issuer,
};

/** The in-process instance's base URL (never contacted: its fetch is injected). */
export const LOCAL_URL = "http://127.0.0.1:9";

let shared: Promise<MockStack> | undefined;

/**
 * The local Sigstore instance shared by a test module (made once).
 *
 * @returns The instance.
 */
export function localStack(): Promise<MockStack> {
  return shared ??= makeMockStack(LOCAL_URL);
}

/** How a test run reaches the instance. */
export interface LocalServices {
  /** Fulcio's base URL (a fault path, e.g. `${url}/fault/status-500`). */
  fulcio?: string;
  /** Rekor's base URL. */
  rekor?: string;
  /** Rekor's API version (default 1). */
  rekorVersion?: 1 | 2;
  /** The TSA's full URLs (default: none with Rekor v1, the instance's with v2). */
  tsa?: string[];
}

/**
 * Keyless options for the local instance: its services, trusted root and
 * fetch, the test token, no wait between retries.
 *
 * @param stack The instance.
 * @param services Where each service is (fault paths), and the Rekor version.
 * @param overrides Other options.
 * @returns The options.
 */
export function keylessOptions(
  stack: MockStack,
  services: LocalServices = {},
  overrides: Partial<KeylessOptions> = {},
): KeylessOptions {
  const version = services.rekorVersion ?? 1;
  return {
    services: {
      fulcioUrl: services.fulcio ?? stack.url,
      rekor: [{ url: services.rekor ?? stack.url, apiVersion: version }],
      tsaUrls: services.tsa ?? (version === 2 ? [`${stack.url}/api/v1/timestamp`] : []),
    },
    trustedRoot: loadTrustedRoot(stack.trustedRootJson),
    identityToken: mockToken(),
    fetch: stack.fetch,
    backoffMs: 0,
    sleep: () => Promise.resolve(),
    ...overrides,
  };
}

/** Evidence attested keyless, and what verifies it. */
export interface KeylessEvidence {
  /** A private copy of the evidence directory. */
  dir: string;
  /** The instance's trusted root. */
  trustedRoot: TrustedRoot;
  /** The instance. */
  stack: MockStack;
}

const templates = new Map<string, Promise<string>>();

/**
 * A private copy of the demo project's evidence, attested keyless with the
 * local instance (made once per variant).
 *
 * @param variant `rekorVersion` (default 1; 2 adds the TSA), `hmac`: also HMAC-signed.
 * @returns The copy, the trusted root and the instance.
 */
export async function keylessEvidence(
  variant: { rekorVersion?: 1 | 2; hmac?: boolean } = {},
): Promise<KeylessEvidence> {
  const stack = await localStack();
  const key = JSON.stringify(variant);
  if (!templates.has(key)) {
    templates.set(
      key,
      (async () => {
        const dir = `${tempDir()}/keyless`;
        await attest({
          projectRoot: DEMO,
          outputDir: dir,
          subjects: ["dist/*"],
          ...CONTEXT,
          hmacKey: variant.hmac ? HMAC_KEY : undefined,
          keyless: keylessOptions(stack, { rekorVersion: variant.rekorVersion }),
          env: { SOURCE_DATE_EPOCH: "1700000000" },
        });
        return dir;
      })(),
    );
  }
  const dir = `${tempDir()}/bundle`;
  copyFlat(await templates.get(key)!, dir);
  return { dir, trustedRoot: loadTrustedRoot(stack.trustedRootJson), stack };
}
