import assert from "node:assert/strict";
import { join } from "node:path";
import { VouchError } from "../../src/errors.ts";
import {
  isEnvName,
  isPathLike,
  isShowable,
  readKeyFile,
  resolveSecret,
  type SecretFlags,
  type SecretLookup,
} from "../../src/cli/secrets.ts";
import { FsError } from "../../src/_fs.ts";

const SECRET = "s3cr3t-KEY-material-7f1e";
const NAMES = { value: "--signing-key", file: "--signing-key-file", env: "--signing-key-env" };
const DEFAULTS = ["VOUCH_SIGNING_KEY", "SIGNING_KEY"];

function lookup(
  env: Record<string, string | undefined> = {},
  files: Record<string, string> = {},
): SecretLookup {
  return {
    names: NAMES,
    defaults: DEFAULTS,
    env,
    readTextFile: (path) => {
      if (path in files) return files[path];
      throw new Deno.errors.NotFound(`no such file ${path}`);
    },
  };
}

/** Asserts a VouchError with `code` whose message and hint never show `SECRET`. */
function throwsCode(fn: () => unknown, code: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof VouchError, `expected a VouchError, got ${e}`);
    assert.equal(e.code, code);
    assert.ok(!e.message.includes(SECRET), e.message);
    assert.ok(!e.hint.includes(SECRET), e.hint);
    assert.ok(!e.message.includes(SECRET.slice(0, 10)), e.message);
    assert.ok(e.hint.length > 0);
    return true;
  });
}

Deno.test("resolveSecret: the argv value is used, with a warning that never shows it", () => {
  const got = resolveSecret({ value: SECRET }, lookup({ VOUCH_SIGNING_KEY: "from-env" }));
  assert.equal(got.value, SECRET);
  assert.equal(got.origin, "--signing-key");
  assert.equal(got.warnings.length, 1);
  assert.ok(got.warnings[0].includes("--signing-key"), got.warnings[0]);
  assert.ok(
    got.warnings[0].includes("--signing-key-file") && got.warnings[0].includes("--signing-key-env"),
  );
  for (const w of got.warnings) assert.ok(!w.includes(SECRET), w);
  assert.ok(!got.origin!.includes(SECRET));
});

Deno.test("resolveSecret: a file, with one trailing newline stripped", () => {
  for (
    const [text, want] of [
      [`${SECRET}\n`, SECRET],
      [`${SECRET}\r\n`, SECRET],
      [SECRET, SECRET],
      [`line1\nline2\n`, "line1\nline2"],
    ]
  ) {
    const got = resolveSecret(
      { file: "/keys/k" },
      lookup({ VOUCH_SIGNING_KEY: "from-env" }, { "/keys/k": text }),
    );
    assert.equal(got.value, want);
    assert.equal(got.origin, "--signing-key-file /keys/k");
    assert.deepEqual(got.warnings, []);
  }
});

Deno.test("resolveSecret: a real key file on disk", async () => {
  const dir = await Deno.makeTempDir({ prefix: "vouch-secret-" });
  try {
    const path = join(dir, "key.pem");
    await Deno.writeTextFile(path, `${SECRET}\n`);
    const got = resolveSecret({ file: path }, { ...lookup(), readTextFile: Deno.readTextFileSync });
    assert.equal(got.value, SECRET);
    throwsCode(
      () =>
        resolveSecret({ file: join(dir, "missing.pem") }, {
          ...lookup(),
          readTextFile: Deno.readTextFileSync,
        }),
      "secret.file_unreadable",
    );
    throwsCode(
      () => resolveSecret({ file: dir }, { ...lookup(), readTextFile: Deno.readTextFileSync }),
      "secret.not_a_file",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("resolveSecret: a named environment variable", () => {
  const got = resolveSecret(
    { envName: "MY_KEY" },
    lookup({ MY_KEY: SECRET, VOUCH_SIGNING_KEY: "other" }),
  );
  assert.equal(got.value, SECRET);
  assert.equal(got.origin, "$MY_KEY");
  assert.deepEqual(got.warnings, []);
});

Deno.test("resolveSecret: default variables in order, empty ones skipped", () => {
  const first = resolveSecret({}, lookup({ VOUCH_SIGNING_KEY: "one", SIGNING_KEY: "two" }));
  assert.deepEqual(first, { value: "one", origin: "$VOUCH_SIGNING_KEY", warnings: [] });
  const second = resolveSecret({}, lookup({ VOUCH_SIGNING_KEY: "", SIGNING_KEY: "two" }));
  assert.deepEqual(second, { value: "two", origin: "$SIGNING_KEY", warnings: [] });
  assert.deepEqual(resolveSecret({}, lookup({})), { warnings: [] });
  assert.deepEqual(resolveSecret({}, lookup({ VOUCH_SIGNING_KEY: "", OTHER: "x" })), {
    warnings: [],
  });
});

Deno.test("resolveSecret: any flag wins over the default variables", () => {
  const env = { VOUCH_SIGNING_KEY: "default", FROM_FLAG: "flag-env" };
  assert.equal(resolveSecret({ envName: "FROM_FLAG" }, lookup(env)).value, "flag-env");
  assert.equal(resolveSecret({ file: "/k" }, lookup(env, { "/k": "file" })).value, "file");
  assert.equal(resolveSecret({ value: "argv" }, lookup(env)).value, "argv");
});

Deno.test("resolveSecret: two sources are args.conflict naming both flags", () => {
  const env = { K: SECRET };
  const files = { "/k": SECRET };
  const cases: [SecretFlags, string[]][] = [
    [{ value: SECRET, file: "/k" }, ["--signing-key", "--signing-key-file"]],
    [{ value: SECRET, envName: "K" }, ["--signing-key", "--signing-key-env"]],
    [{ file: "/k", envName: "K" }, ["--signing-key-file", "--signing-key-env"]],
    [{ value: SECRET, file: "/k", envName: "K" }, [
      "--signing-key",
      "--signing-key-file",
      "--signing-key-env",
    ]],
  ];
  for (const [flags, named] of cases) {
    throwsCode(() => resolveSecret(flags, lookup(env, files)), "args.conflict");
    try {
      resolveSecret(flags, lookup(env, files));
    } catch (e) {
      for (const n of named) assert.ok((e as Error).message.includes(n), (e as Error).message);
    }
  }
});

Deno.test("resolveSecret: errors for unreadable file, unset and empty sources", () => {
  throwsCode(
    () => resolveSecret({ file: "/nope" }, lookup({ VOUCH_SIGNING_KEY: SECRET })),
    "secret.file_unreadable",
  );
  throwsCode(
    () => resolveSecret({ envName: "UNSET" }, lookup({ VOUCH_SIGNING_KEY: SECRET })),
    "secret.env_unset",
  );
  throwsCode(() => resolveSecret({ file: "/e" }, lookup({}, { "/e": "\n" })), "secret.empty");
  throwsCode(() => resolveSecret({ file: "/e" }, lookup({}, { "/e": "" })), "secret.empty");
  throwsCode(() => resolveSecret({ envName: "E" }, lookup({ E: "" })), "secret.empty");
  throwsCode(() => resolveSecret({}, lookup({ VOUCH_SIGNING_KEY: " \n" })), "secret.empty");
});

Deno.test("resolveSecret: the error messages name the source, never the secret", () => {
  try {
    resolveSecret({ envName: "MISSING_VAR" }, lookup({ VOUCH_SIGNING_KEY: SECRET }));
    assert.fail("expected an error");
  } catch (e) {
    assert.ok((e as Error).message.includes("MISSING_VAR"));
  }
  try {
    resolveSecret({ file: "/keys/absent.pem" }, lookup());
    assert.fail("expected an error");
  } catch (e) {
    assert.ok((e as Error).message.includes("/keys/absent.pem"));
  }
});

Deno.test("resolveSecret: an empty --signing-key is no key, with a warning (the missing-key blocker follows)", () => {
  for (const value of ["", "   ", "\n"]) {
    const got = resolveSecret({ value }, lookup({ VOUCH_SIGNING_KEY: SECRET }));
    // No value, and no fallback to the default variables: the flag was explicit.
    assert.equal(got.value, undefined);
    assert.equal(got.warnings.length, 1);
    assert.match(got.warnings[0], /^--signing-key is empty .*no HMAC signature$/);
  }
});

Deno.test("resolveSecret: a value given as a variable name that is not one is never shown", () => {
  const pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----";
  for (const value of [SECRET, pem, "with space", "1ABC", "a-b"]) {
    throwsCode(() => resolveSecret({ envName: value }, lookup()), "secret.env_name_invalid");
    try {
      resolveSecret({ envName: value }, lookup());
    } catch (e) {
      assert.equal(
        (e as Error).message,
        "the value given to --signing-key-env is not an environment variable name; it is not shown",
      );
    }
  }
  // A name with the shape of a token (a lowercase hex secret is a valid name) is not shown either.
  const hex = "deadbeefcafe0123456789abcdef0123";
  assert.throws(
    () => resolveSecret({ envName: hex }, lookup()),
    (e: unknown) =>
      (e as VouchError).code === "secret.env_unset" && !(e as Error).message.includes(hex) &&
      !(e as VouchError).hint.includes(hex),
  );
  // Set: used, and its origin does not show it.
  const got = resolveSecret({ envName: hex }, lookup({ [hex]: "k" }));
  assert.equal(got.value, "k");
  assert.ok(!got.origin!.includes(hex), got.origin);
});

Deno.test("resolveSecret: a value given as a file that is not a path is never shown", () => {
  const pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----";
  for (const value of [pem, `${SECRET}\n`, "x".repeat(5000)]) {
    throwsCode(() => resolveSecret({ file: value }, lookup()), "secret.not_a_path");
  }
  // Path-like but token-shaped and absent: the path is not shown.
  throwsCode(() => resolveSecret({ file: SECRET }, lookup()), "secret.file_unreadable");
});

Deno.test("readKeyFile: FsError problems map to codes; the path is shown when it is one", () => {
  const failing =
    (problem: "not_regular" | "too_large" | "denied" | "missing") => (path: string) => {
      throw new FsError(problem, path);
    };
  const cases: [Parameters<typeof failing>[0], string, string][] = [
    ["not_regular", "secret.not_a_file", "verify.key_not_a_file"],
    ["too_large", "secret.too_large", "verify.key_too_large"],
    ["denied", "secret.file_unreadable", "verify.key_unreadable"],
    ["missing", "secret.file_unreadable", "verify.key_unreadable"],
  ];
  for (const [problem, secretCode, keyCode] of cases) {
    for (const [codes, code] of [["secret", secretCode], ["verify.key", keyCode]] as const) {
      throwsCode(
        () => readKeyFile("keys/k.pem", { flag: "--x", codes, readTextFile: failing(problem) }),
        code,
      );
      try {
        readKeyFile("keys/k.pem", { flag: "--x", codes, readTextFile: failing(problem) });
      } catch (e) {
        assert.ok((e as Error).message.startsWith("--x keys/k.pem: "), (e as Error).message);
      }
    }
  }
  throwsCode(
    () => readKeyFile("a\nb", { flag: "--x", codes: "verify.key", readTextFile: () => "" }),
    "verify.key_not_a_path",
  );
});

Deno.test("isEnvName, isPathLike, isShowable", () => {
  assert.ok(isEnvName("VOUCH_SIGNING_KEY") && isEnvName("_x1") && !isEnvName("1x"));
  assert.ok(!isEnvName("a-b") && !isEnvName(""));
  assert.ok(isPathLike("keys/release.key") && isPathLike("a b") && !isPathLike(""));
  assert.ok(!isPathLike("a\nb") && !isPathLike("x".repeat(4097)) && !isPathLike("-----BEGIN X"));
  for (
    const shown of [
      "RELEASE_HMAC_KEY_FOR_PRODUCTION",
      "keys/release.key",
      "MY_KEY",
      "hmac",
      "/run/secrets/hmac_key_production",
    ]
  ) {
    assert.ok(isShowable(shown), shown);
  }
  for (
    const hidden of [
      SECRET,
      "deadbeefcafe0123456789abcdef0123",
      "Zm9vYmFyYmF6cXV4MTIz/A==",
      "Zm9vYmFy/mF6cXV4MTIzNDU2",
      "a\nb",
    ]
  ) {
    assert.ok(!isShowable(hidden), hidden);
  }
});
