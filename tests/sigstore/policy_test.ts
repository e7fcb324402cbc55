import assert from "node:assert/strict";
import { isVouchError } from "../../src/errors.ts";
import { checkIdentity, compileSanPattern, signerIdentity } from "../../src/sigstore/policy.ts";
import { type Certificate, parseCertificate } from "../../src/sigstore/x509/certificate.ts";
import { ctx, oid, seq, utf8String } from "./_der_builder.ts";
import { IDENTITY, issueLeaf, ISSUER, leafExtensions, makeKey, makeStack, X } from "./_stack.ts";

const stack = await makeStack();

Deno.test("signerIdentity: SAN, issuer (v2 over v1), Fulcio extensions and the workflow summary", async () => {
  const cert = parseCertificate((await issueLeaf(stack)).cert);
  const identity = signerIdentity(cert)!;
  assert.equal(identity.subjectAlternativeName, IDENTITY);
  assert.equal(identity.subjectAlternativeNameType, "uri");
  assert.equal(identity.issuer, ISSUER);
  assert.equal(identity.extensions.issuerV1, ISSUER);
  assert.equal(identity.extensions.githubWorkflowRepository, "vouch-test/app");
  assert.equal(identity.extensions.sourceRepositoryRef, "refs/tags/v1.0.0");
  assert.deepEqual(identity.workflow, {
    repository: "vouch-test/app",
    ref: "refs/tags/v1.0.0",
    sha: "4b825dc642cb6eb9a060e54bf8d69288fbee4904",
    workflow: IDENTITY,
    runUrl: "https://github.com/vouch-test/app/actions/runs/1/attempts/1",
  });
});

Deno.test("signerIdentity: email and Fulcio username SANs; the legacy issuer alone", async () => {
  const key = await makeKey("P-256");
  const email = parseCertificate(
    (await issueLeaf(stack, {
      key,
      extensions: [
        X.keyUsage("digitalSignature"),
        X.sanEmail("dev@example.com"),
        X.fulcio(1, "https://accounts.google.com"),
      ],
    })).cert,
  );
  assert.deepEqual(signerIdentity(email), {
    subjectAlternativeName: "dev@example.com",
    subjectAlternativeNameType: "email",
    issuer: "https://accounts.google.com",
    extensions: { issuerV1: "https://accounts.google.com" },
  });
  const username = {
    oid: "2.5.29.17",
    critical: true,
    value: seq(ctx(0, true, oid("1.3.6.1.4.1.57264.1.7"), ctx(0, true, utf8String("octocat")))),
  };
  const other = parseCertificate(
    (await issueLeaf(stack, { key, extensions: [username, X.fulcio(8, "https://issuer")] })).cert,
  );
  assert.equal(signerIdentity(other)?.subjectAlternativeName, "octocat");
  assert.equal(signerIdentity(other)?.subjectAlternativeNameType, "otherName");
  const none = parseCertificate(
    (await issueLeaf(stack, { key, extensions: [X.keyUsage("digitalSignature")] })).cert,
  );
  assert.equal(signerIdentity(none), undefined);
});

Deno.test("checkIdentity: exact SAN, unanchored RE2 pattern, exact issuer", async () => {
  const key = await makeKey("P-256");
  const cert = parseCertificate(
    (await issueLeaf(stack, { key, extensions: leafExtensions(key.spki, stack) })).cert,
  );
  const codes = async (policy: Parameters<typeof checkIdentity>[1]) =>
    (await checkIdentity(cert, policy)).checks.map((c) => c.code);
  assert.deepEqual(await codes({ subjectAlternativeName: IDENTITY, issuer: ISSUER }), [
    "identity.ok",
  ]);
  assert.deepEqual(await codes({ subjectAlternativeName: `${IDENTITY}x`, issuer: ISSUER }), [
    "identity.san_mismatch",
  ]);
  assert.deepEqual(
    await codes({ subjectAlternativeName: IDENTITY, issuer: "https://accounts.google.com" }),
    ["identity.issuer_mismatch"],
  );
  assert.deepEqual(
    await codes({ subjectAlternativeNameRegExp: "release\\.yml@refs/tags/", issuer: ISSUER }),
    ["identity.ok"],
  );
  assert.deepEqual(await codes({ subjectAlternativeNameRegExp: "^release", issuer: ISSUER }), [
    "identity.san_mismatch",
  ]);
  const noIssuer = parseCertificate(
    (await issueLeaf(stack, {
      key,
      extensions: [X.keyUsage("digitalSignature"), X.sanUri(IDENTITY)],
    })).cert,
  );
  const result = await checkIdentity(noIssuer, {
    subjectAlternativeName: IDENTITY,
    issuer: ISSUER,
  });
  assert.deepEqual(result.checks.map((c) => c.code), ["identity.issuer_mismatch"]);
  assert.match(result.checks[0].message, /no OIDC issuer extension/);
});

Deno.test("checkIdentity: only the SAN reported as the identity satisfies the policy, never another SAN of the certificate", async () => {
  const key = await makeKey("P-256");
  const enc = (text: string) => new TextEncoder().encode(text);
  const leafWith = async (...names: Uint8Array[]) => {
    const extensions = leafExtensions(key.spki, stack);
    extensions[4] = { oid: "2.5.29.17", critical: true, value: seq(...names) };
    return parseCertificate((await issueLeaf(stack, { key, extensions })).cert);
  };
  const other = "https://github.com/attacker/app/.github/workflows/x.yml@refs/heads/main";
  const cases: [string, Uint8Array[], string][] = [
    ["a second URI", [ctx(6, false, enc(other)), ctx(6, false, enc(IDENTITY))], other],
    ["a DNS name", [ctx(6, false, enc(other)), ctx(2, false, enc(IDENTITY))], other],
    [
      "a URI after an email",
      [ctx(1, false, enc("dev@example.com")), ctx(6, false, enc(other))],
      other,
    ],
    [
      "an otherName of another type",
      [ctx(0, true, oid("1.2.3.4"), ctx(0, true, utf8String(IDENTITY))), ctx(1, false, enc("a@b"))],
      "a@b",
    ],
  ];
  for (const [what, names, reported] of cases) {
    const cert = await leafWith(...names);
    // sigstore-go and sigstore-js read one SAN: the first URI, else the first email.
    assert.equal(signerIdentity(cert)?.subjectAlternativeName, reported, what);
    for (
      const policy of [
        { subjectAlternativeName: IDENTITY, issuer: ISSUER },
        { subjectAlternativeNameRegExp: "vouch-test/app", issuer: ISSUER },
      ]
    ) {
      const result = await checkIdentity(cert, policy);
      assert.deepEqual(result.checks.map((c) => c.code), ["identity.san_mismatch"], what);
    }
    assert.deepEqual(
      (await checkIdentity(cert, { subjectAlternativeName: reported, issuer: ISSUER })).checks.map((
        c,
      ) => c.code),
      ["identity.ok"],
      what,
    );
  }
  // A certificate with no identity SAN at all: the SAN fails, the issuer is still read.
  const dnsOnly = await leafWith(ctx(2, false, enc(IDENTITY)));
  const result = await checkIdentity(dnsOnly, { subjectAlternativeName: IDENTITY, issuer: ISSUER });
  assert.deepEqual(result.checks.map((c) => c.code), ["identity.san_mismatch"]);
  assert.match(result.checks[0].message, /no URI, email or Fulcio username SAN/);
});

Deno.test("checkIdentity: two different issuers in 1.8 and 1.1 are no issuer, in either order", async () => {
  // Fulcio writes the token's iss to both (docs/oid-info.md); sigstore-go keeps the later in the
  // certificate, vouch read 1.8: a certificate naming two is refused whichever the policy names.
  const key = await makeKey("P-256");
  const legacy = "https://accounts.google.com";
  for (const order of [[8, 1], [1, 8]] as const) {
    const cert = parseCertificate(
      (await issueLeaf(stack, {
        key,
        extensions: [
          X.keyUsage("digitalSignature"),
          X.sanEmail("dev@example.com"),
          ...order.map((arc) => X.fulcio(arc, arc === 8 ? ISSUER : legacy)),
        ],
      })).cert,
    );
    assert.equal(signerIdentity(cert)?.issuer, undefined);
    for (const issuer of [ISSUER, legacy]) {
      const { checks } = await checkIdentity(cert, {
        subjectAlternativeName: "dev@example.com",
        issuer,
      });
      assert.deepEqual(checks.map((c) => c.code), ["identity.issuer_mismatch"], issuer);
      assert.match(checks[0].message, /names two OIDC issuers/);
    }
  }
  // The same issuer in both, as Fulcio writes it: read.
  const same = parseCertificate(
    (await issueLeaf(stack, {
      key,
      extensions: [X.sanEmail("dev@example.com"), X.fulcio(1, ISSUER), X.fulcio(8, ISSUER)],
    })).cert,
  );
  assert.deepEqual(
    (await checkIdentity(same, { subjectAlternativeName: "dev@example.com", issuer: ISSUER }))
      .checks
      .map((c) => c.code),
    ["identity.ok"],
  );
});

Deno.test("checkIdentity: the pattern runs on RE2 (Go's regexp, as cosign): linear on any SAN, Go's syntax and meaning", async () => {
  const key = await makeKey("P-256");
  const leaf = async (san: string) =>
    parseCertificate(
      (await issueLeaf(stack, { key, extensions: [X.sanUri(san), X.fulcio(8, ISSUER)] })).cert,
    );
  const codes = async (cert: Certificate, pattern: string) =>
    (await checkIdentity(cert, { subjectAlternativeNameRegExp: pattern, issuer: ISSUER })).checks
      .map((c) => c.code);
  // A catastrophic pattern on a backtracking engine, against a SAN no cap now cuts short (the
  // certificate's 64 KiB bounds it): RE2 answers in time linear in the SAN, where JavaScript's
  // RegExp would never return (the suite would hang).
  const hostile = await leaf(`${"a".repeat(60_000)}!`);
  assert.deepEqual(await codes(hostile, "(a+)+$"), ["identity.san_mismatch"]);
  assert.deepEqual(await codes(hostile, "(a|aa)+!$"), ["identity.ok"]);
  const matches = await compileSanPattern("(a+)+$");
  assert.equal(matches(`${"a".repeat(100_000)}!`), false);
  assert.equal(matches("a".repeat(100_000)), true);
});

Deno.test("compileSanPattern: Go's regexp syntax and meaning, unanchored", async () => {
  // `\d` is ASCII only, `\pN` any number, `(?i)` folds by Unicode (k matches the Kelvin sign),
  // `(?P<n>…)` and `\x{…}` are Go's, `.` is one character even outside the BMP, `$` is the end
  // of the text only (not before a final newline), `\Q…\E` quotes.
  const san = "https://github.com/o/r/.github/workflows/r.yml@refs/tags/v\u0663\u212a😀";
  for (
    const [pattern, ok] of [
      ["@refs/tags/v\\d", false],
      ["@refs/tags/v\\pN", true],
      ["(?i)v\\x{663}k", true],
      ["v\\x{663}k", false],
      ["^https://github\\.com/(?P<owner>o)/", true],
      ["^github", false],
      ["\\x{212A}.$", true],
      ["\\x{212A}..$", false],
      ["\\Qr.yml@\\E", true],
    ] as const
  ) assert.equal((await compileSanPattern(pattern))(san), ok, pattern);
  assert.equal((await compileSanPattern("a$"))("a\n"), false);
});

Deno.test("checkIdentity: a pattern Go's regexp refuses is identity.pattern_invalid, with its message", async () => {
  const key = await makeKey("P-256");
  const cert = parseCertificate(
    (await issueLeaf(stack, { key, extensions: leafExtensions(key.spki, stack) })).cert,
  );
  for (
    const [pattern, message] of [
      ["^(https://.*)\\1$", "invalid escape sequence: `\\1`"],
      ["^https://github\\.com/o/(?=r/)", "invalid or unsupported Perl syntax: `(?=`"],
      ["(?<=github\\.com/)o/", "invalid named capture: `(?<=github\\.com/)o/`"],
      ["a++", "invalid nested repetition operator: `++`"],
    ]
  ) {
    await assert.rejects(
      () => checkIdentity(cert, { subjectAlternativeNameRegExp: pattern, issuer: ISSUER }),
      (e) =>
        isVouchError(e) && e.code === "identity.pattern_invalid" &&
        e.message.includes(`error parsing regexp: ${message}`),
      pattern,
    );
  }
  await assert.rejects(
    () =>
      checkIdentity(cert, {
        subjectAlternativeNameRegExp: /x/ as unknown as string,
        issuer: ISSUER,
      }),
    (e) => isVouchError(e) && e.code === "identity.pattern_invalid",
  );
});
