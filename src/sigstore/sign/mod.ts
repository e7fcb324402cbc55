/**
 * Keyless signing with Sigstore: the identity token (GitHub Actions, GitLab
 * CI, a named variable), an ephemeral key, a Fulcio certificate, Rekor
 * entries and RFC 3161 timestamps, bundles verified before they are handed
 * back. The only network code of vouch; its `fetch` is passed in
 * (`attest({ keyless: { fetch } })`), as the clock and the environment are.
 *
 * @module
 */
export type { KeylessOptions } from "./keyless.ts";
export {
  PUBLIC_GOOD_SERVICES,
  servicesFromSigningConfig,
  SIGNING_CONFIG_MEDIA_TYPE,
  STAGING_SERVICES,
} from "./signing_config.ts";
export type { SigstoreServices } from "./signing_config.ts";
export type { RekorLog } from "./rekor.ts";
export { SIGN_ERRORS } from "./errors.ts";
export type { SignErrorCode } from "./errors.ts";
