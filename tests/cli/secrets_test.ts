import assert from "node:assert/strict";
import { join } from "node:path";
import { VouchError } from "../../src/errors.ts";
import { resolveSecret, type SecretFlags, type SecretLookup } from "../../src/cli/secrets.ts";

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
