/**
 * Help texts for every command.
 *
 * @module
 */

/** Top-level help. */
export const MAIN_HELP = `vouch: turn a release into verifiable supply-chain evidence

Usage:
  vouch attest [flags]                 write SBOMs, provenance, signatures and the bundle index
  vouch supply-chain attest [flags]    the same (the dpone command's spelling)
  vouch verify DIR [flags]             check an evidence bundle offline
  vouch verify-bundle --bundle FILE [flags] ARTIFACT
                                       verify one Sigstore bundle (keyless or key) offline
  vouch keygen --algorithm ALG --out PREFIX
                                       make an Ed25519 / ECDSA P-256 signing key pair
  vouch sbom [flags] [DIR]             print one SBOM to stdout

  vouch help COMMAND                   flags of a command (also: vouch COMMAND --help or -h)
  vouch --version                      print the version

Exit codes: 0 passed, 1 evidence written but blocked / a check failed, 2 usage or input error.
`;

/** How the scan works, for the commands that scan. */
const SCAN_NOTE =
  `The scan reads the project root and folders below it, 4 levels deep, and never enters
hidden folders (.git, .venv, …), node_modules, target, vendor, venv, __pycache__, site-packages,
testdata (Go's test fixtures), the JVM test fixture folders **/src/it, **/src/test/resources
and **/src/*Test/resources (a Gradle test suite's: functionalTest, integTest), a project
template's folder (a name with {{ or {%: cookiecutter's {{cookiecutter.project_slug}}), or
attest's output folder.
Manifests and lockfiles are read only from regular files inside the root, each up to 256 MiB;
a dependency file of a format vouch does not read, or deeper than 4 levels, is reported as not
read.
`;

/** `vouch attest --help`. */
export const ATTEST_HELP = `Usage: vouch attest [flags]

Reads the project's manifests and lockfiles, hashes the release subjects and publishes, atomically,
in --output-dir: sbom.spdx.json, sbom.cyclonedx.json, provenance.intoto.json,
signature.hmac-sha256.json (with an HMAC key), provenance.sigstore.json, sbom.spdx.sigstore.json
and sbom.cyclonedx.sigstore.json (with a private key, or --keyless), supply_chain_attestation.json,
supply_chain_attestation.md and SHA256SUMS.

Flags:
  --project-root DIR        project to read (default .)
  --output-dir DIR          where the evidence goes (default test_artifacts/supply-chain/current)
  --subject PATH|GLOB       a release artifact, relative to --project-root (repeatable; globs expanded by vouch)
  --lockfile PATH           read exactly this manifest/lockfile instead of scanning (repeatable)
  --exclude GLOB            a folder or file the scan skips (repeatable; a glob without / matches a
                            name at any depth, e.g. --exclude examples --exclude 'docs/**')
  --allow-unread GLOB       a dependency file vouch cannot read that does not block (repeatable);
                            without it each one is the blocker inventory.unread_file
  --release NAME            release name   (default: GITHUB_REF_NAME, CI_COMMIT_TAG/CI_COMMIT_REF_NAME, git tag at HEAD)
  --repository URL          source repo    (default: GITHUB_SERVER_URL/GITHUB_REPOSITORY, CI_PROJECT_URL, git origin)
  --commit-sha SHA          source commit  (default: GITHUB_SHA, CI_COMMIT_SHA, git HEAD)
  --builder-id URI          builder        (default: GitHub workflow ref or github-actions:RUN_ID, CI_JOB_URL;
                                            outside CI https://jsr.io/@vouch/vouch/builders/local/v1)
  --signing-key-file PATH   HMAC key from a file
  --signing-key-env NAME    HMAC key from an environment variable
  --signing-key VALUE       HMAC key on the command line (visible to other processes: discouraged;
                            empty: no key, the evidence is written blocked)
                            (no key flag: VOUCH_SIGNING_KEY, then DPONE_LOCAL_ATTESTATION_KEY)
  --signing-key-id ID       key id of the HMAC signature (default local-hmac)
  --private-key PATH        Ed25519 / ECDSA P-256 PEM key: writes the three *.sigstore.json bundles
  --private-key-env NAME    the PEM key from an environment variable (no flag: VOUCH_PRIVATE_KEY)
  --keyless                 sign the three *.sigstore.json bundles keyless with Sigstore: a Fulcio
                            certificate for the CI's OIDC identity, a Rekor entry (the only flag that
                            lets vouch use the network); each bundle is verified before it is written
  --identity-token-env NAME the OIDC token's variable (default: GitLab SIGSTORE_ID_TOKEN, else
                            GitHub Actions' token endpoint: needs permissions: id-token: write)
  --sigstore-staging        Sigstore's staging instance (needs --trusted-root)
  --fulcio-url URL          a custom instance: its Fulcio, with --rekor-url and --trusted-root
  --rekor-url URL           its Rekor (v1 API)
  --tsa-url URL             also an RFC 3161 timestamp from this timestamp authority (full URL)
  --signing-config FILE     the services from a Sigstore signing_config.json (v0.2)
  --trusted-root FILE       the instance's trusted_root.json (default: the embedded public-good root)
  --format md|json          stdout: the Markdown summary (default) or the JSON report
  --help                    this text

${SCAN_NOTE}
With SOURCE_DATE_EPOCH set, every output is byte-identical across runs over the same inputs.
`;

/** `vouch sbom --help`. */
export const SBOM_HELP = `Usage: vouch sbom [flags] [DIR]

Prints one SBOM of the project in DIR (default .) to stdout (or to a file with -o).

Flags:
  --project-root DIR        project to read, the same as DIR (default .)
  --lockfile PATH           read exactly this manifest/lockfile instead of scanning (repeatable)
  --exclude GLOB            a folder or file the scan skips (repeatable)
  --release NAME            version for a project whose version is dynamic
  --format FORMAT           cyclonedx (default) or spdx; also cyclonedx-json and spdx-json
  --output FILE, -o FILE    write the SBOM to FILE instead of stdout
  --help                    this text

${SCAN_NOTE}`;

/** `vouch keygen --help`. */
export const KEYGEN_HELP = `Usage: vouch keygen --algorithm ed25519|ecdsa-p256 --out PREFIX

Writes PREFIX.key (PKCS#8 PEM, mode 0600) and PREFIX.pub (SPKI PEM), never overwriting, and prints
the key id: base64(SHA-256(SPKI DER)), the value cosign uses as publicKey.hint.

Flags:
  --algorithm ALG           ed25519 (default) or ecdsa-p256
  --out PREFIX              path prefix of the two files
  --format text|json        output format (default text)
  --help                    this text
`;

/** `vouch verify --help`. */
export const VERIFY_HELP = `Usage: vouch verify DIR [flags]

Checks an evidence bundle offline: the index and every file's digest, the statements and SBOMs,
the subjects, the signatures and the policy. Exit 0 only when every check passes.

Flags:
  --subject PATH|GLOB       an artifact to check against the provenance (repeatable)
  --public-key PEM          an Ed25519 / ECDSA P-256 public key (SPKI PEM file; repeatable)
  --hmac-key-file PATH      the HMAC key, from a file
  --hmac-key-env NAME       the HMAC key, from an environment variable
  --expect-repository URL   the signed provenance must name this repository
  --expect-commit SHA       ... this commit
  --expect-builder URI      ... this builder id
  --expect-release NAME     ... this release
  --require-signature BOOL  at least one verified signature (default true; --require-signature=false to relax)
  --certificate-identity ID         keyless Sigstore bundles: the signer's identity (SAN), exactly
  --certificate-identity-regexp RE  ... or an RE2 pattern (Go regexp, as cosign) it must match
  --certificate-oidc-issuer URL     ... and its OIDC issuer (keyless bundles fail without both)
  --trusted-root FILE       a trusted_root.json instead of the embedded Sigstore public-good root
  --format md|json          report format (default md)
  --help                    this text
`;

/** `vouch verify-bundle --help`. */
export const VERIFY_BUNDLE_HELP = `Usage:
  vouch verify-bundle --bundle FILE --certificate-identity ID --certificate-oidc-issuer URL [--trusted-root FILE] ARTIFACT
  vouch verify-bundle --bundle FILE --key PUB.pem [--trusted-root FILE] ARTIFACT

Verifies one Sigstore bundle (v0.1-v0.3: message signature or DSSE envelope, keyless certificate or
public key) against ARTIFACT, fully offline: the certificate chain to a Fulcio CA, the embedded SCTs,
the transparency-log entries (inclusion promise, inclusion proof, signed checkpoint, entry body), the
RFC 3161 timestamps, the identity and the signature. ARTIFACT is a path, or sha256:<64 hex> (a digest,
unless a file of that name exists). For a DSSE bundle the artifact must be a subject of the signed
in-toto statement.

Flags:
  --bundle FILE                       the .sigstore.json bundle
  --certificate-identity ID           the certificate's subject alternative name, exactly
  --certificate-identity-regexp RE    ... or an RE2 pattern (Go regexp, as cosign) it must match, unanchored
  --certificate-oidc-issuer URL       the OIDC issuer in the certificate (Fulcio extension)
  --key PUB.pem                       verify a key-signed bundle with this SPKI PEM public key (not
                                      with an identity: both at once fail identity.policy_conflict)
  --trusted-root FILE                 a trusted_root.json instead of the embedded Sigstore public-good root
  --format text|json                  output format (default text)
  --help                              this text

Exit codes: 0 verified, 1 not verified (one line per failed check, with its code), 2 usage or input error.
`;
/** `vouch supply-chain --help`: the attest help under the dpone spelling. */
export const SUPPLY_CHAIN_HELP: string = `Usage: vouch supply-chain attest [flags]

The spelling of \`dpone supply-chain attest\`: the same command as vouch attest, same flags.

${ATTEST_HELP.slice(ATTEST_HELP.indexOf("\n\n") + 2)}`;

/** The help text of each command, by the name typed after `vouch`. */
export const COMMAND_HELP: Readonly<Record<string, string>> = {
  "attest": ATTEST_HELP,
  "supply-chain": SUPPLY_CHAIN_HELP,
  "verify": VERIFY_HELP,
  "verify-bundle": VERIFY_BUNDLE_HELP,
  "keygen": KEYGEN_HELP,
  "sbom": SBOM_HELP,
  "help": MAIN_HELP,
};
