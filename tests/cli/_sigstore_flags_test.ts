import assert from "node:assert/strict";
import {
  identityPolicy,
  readFlagFile,
  SIGSTORE_FLAGS,
  trustedRootFlag,
} from "../../src/cli/_sigstore_flags.ts";
import { parseArgs } from "../../src/cli/args.ts";
import { isVouchError } from "../../src/errors.ts";
import { publicGoodTrustedRoot } from "../../src/sigstore/trust_root.ts";
import { PUBLIC_GOOD_TRUSTED_ROOT_JSON } from "../../src/sigstore/public_good_trusted_root.ts";
import { fakeIo } from "./_fake_io.ts";

const args = (...argv: string[]) => parseArgs(argv, SIGSTORE_FLAGS);

Deno.test("identityPolicy: none, exact, regexp; incomplete and conflicting flags are usage errors", async () => {
  assert.equal(await identityPolicy(args()), undefined);
  assert.deepEqual(
    await identityPolicy(args("--certificate-identity", "a", "--certificate-oidc-issuer", "b")),
    {
      subjectAlternativeName: "a",
      issuer: "b",
    },
  );
  const regexp = await identityPolicy(
    args("--certificate-identity-regexp", "^a.*", "--certificate-oidc-issuer", "b"),
  );
  assert.equal(regexp?.subjectAlternativeNameRegExp, "^a.*");
  for (
    const [argv, code] of [
      [["--certificate-oidc-issuer", "b"], "args.identity_incomplete"],
      [["--certificate-identity", "a"], "args.identity_incomplete"],
      [[
        "--certificate-identity",
        "a",
        "--certificate-identity-regexp",
        "a",
        "--certificate-oidc-issuer",
        "b",
      ], "args.conflicting_flags"],
      [
        ["--certificate-identity-regexp", "[", "--certificate-oidc-issuer", "b"],
        "args.invalid_value",
      ],
    ] as const
  ) {
    await assert.rejects(
      () => identityPolicy(args(...argv)),
      (e) => isVouchError(e) && e.code === code,
      code,
    );
  }
});

Deno.test("trustedRootFlag and readFlagFile", () => {
  assert.equal(trustedRootFlag(args(), fakeIo()), undefined);
  const io = fakeIo({ files: { "root.json": PUBLIC_GOOD_TRUSTED_ROOT_JSON } });
  assert.deepEqual({ ...trustedRootFlag(args("--trusted-root", "root.json"), io) }, {
    ...publicGoodTrustedRoot(),
  });
  assert.throws(
    () => readFlagFile(fakeIo(), "/nonexistent/x", { flag: "--key", code: "some.code" }),
    (e) => isVouchError(e) && e.code === "some.code" && e.message.includes("--key /nonexistent/x"),
  );
});

Deno.test("vouch verify takes the keyless flags: incomplete identities and bad roots are usage errors", async () => {
  const { run } = await import("../../src/cli/verify_command.ts");
  const dir = await Deno.makeTempDir();
  await assert.rejects(
    () => run([dir, "--certificate-identity", "x"], fakeIo()),
    (e) => isVouchError(e) && e.code === "args.identity_incomplete",
  );
  await assert.rejects(
    () => run([dir, "--trusted-root", `${dir}/none.json`], fakeIo()),
    (e) => isVouchError(e) && e.code === "verify.trusted_root_unreadable",
  );
  await Deno.writeTextFile(`${dir}/root.json`, "{}");
  await assert.rejects(
    () => run([dir, "--trusted-root", `${dir}/root.json`], fakeIo()),
    (e) => isVouchError(e) && e.code === "trusted_root.invalid",
  );
});

Deno.test("identityPolicy: a pattern Go's regexp refuses (backreference, lookaround) is a usage error with its message, as cosign fails to compile it", async () => {
  const policy = (pattern: string) =>
    identityPolicy(
      args("--certificate-identity-regexp", pattern, "--certificate-oidc-issuer", "b"),
    );
  for (
    const [pattern, what] of [
      ["^(https://.*)\\1$", "invalid escape sequence: `\\1`"],
      ["(?<o>[a-z]+)/\\k<o>", "invalid escape sequence: `\\k`"],
      ["^https://github\\.com/o/(?=r/)", "invalid or unsupported Perl syntax: `(?=`"],
      ["^(?!https://evil)", "invalid or unsupported Perl syntax: `(?!`"],
      ["(?<=github\\.com/)o/", "invalid named capture: `(?<=github\\.com/)o/`"],
      ["(?<!x)o/", "invalid named capture: `(?<!x)o/`"],
      ["[", "missing closing ]: `[`"],
    ] as const
  ) {
    await assert.rejects(
      () => policy(pattern),
      (e) =>
        isVouchError(e) && e.code === "args.invalid_value" &&
        e.message.includes(`error parsing regexp: ${what}`),
      pattern,
    );
  }
  // RE2 reads these: escapes, classes holding the characters, Go's named groups.
  for (
    const pattern of [
      "^https://github\\.com/o/r/\\.github/workflows/release\\.yml@refs/tags/v\\d+",
      "[(?=]x",
      "\\(?=x",
      "[\\]\\\\]1",
      "(?<repo>r)/",
      "(?P<repo>r)/",
    ]
  ) assert.equal((await policy(pattern))?.subjectAlternativeNameRegExp, pattern);
});
