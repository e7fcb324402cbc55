import assert from "node:assert/strict";
import type { AttestReport } from "../../src/attest.ts";
import {
  errorAnnotation,
  errorSummary,
  escapeData,
  escapeProperty,
  formatOutput,
  OUTPUT_KEYS,
  publishErrorToGithubActions,
  publishToGithubActions,
  warningLines,
} from "../../src/cli/github_actions.ts";

function sampleReport(overrides: Partial<AttestReport> = {}): AttestReport {
  const dir = "out/evidence";
  return {
    passed: false,
    release: "v1.2.3",
    output_dir: dir,
    sbom_spdx_path: `${dir}/sbom.spdx.json`,
    sbom_cyclonedx_path: `${dir}/sbom.cyclonedx.json`,
    provenance_path: `${dir}/provenance.intoto.json`,
    signature_path: null,
    sigstore_bundle_path: `${dir}/provenance.sigstore.json`,
    sbom_spdx_sigstore_path: `${dir}/sbom.spdx.sigstore.json`,
    sbom_cyclonedx_sigstore_path: `${dir}/sbom.cyclonedx.sigstore.json`,
    bundle_path: `${dir}/supply_chain_attestation.json`,
    markdown_path: `${dir}/supply_chain_attestation.md`,
    sha256sums_path: `${dir}/SHA256SUMS`,
    blockers: [
      {
        code: "signature.missing_key",
        message: "the provenance is not signed",
        hint: "pass --private-key",
      },
    ],
    signatures: [],
    subjects: [{ name: "dist/app.whl", sha256: "a".repeat(64), size: 3 }],
    components: 2,
    sources: ["uv.lock"],
    markdown: "# Supply-chain attestation: v1.2.3\n\n**Status:** blocked\n",
    ...overrides,
  };
}

const fileAppender = (path: string, text: string): void =>
  Deno.writeTextFileSync(path, text, { append: true });

/** Parses `$GITHUB_OUTPUT` text the way the runner does (both forms). */
function parseOutputFile(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === "") continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      assert.ok(end > i, `no closing delimiter for ${heredoc[1]}`);
      out.set(heredoc[1], lines.slice(i + 1, end).join("\n"));
      i = end;
      continue;
    }
    const eq = line.indexOf("=");
    assert.ok(eq > 0, `malformed output line ${JSON.stringify(line)}`);
    out.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return out;
}

Deno.test("publishToGithubActions writes the summary, every output key and returns the annotations", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const summary = `${dir}/summary.md`;
    const output = `${dir}/output.txt`;
    Deno.writeTextFileSync(summary, "earlier step\n");
    const report = sampleReport();
    const lines = publishToGithubActions(report, {
      env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output },
      appendFile: fileAppender,
    });
    assert.equal(Deno.readTextFileSync(summary), `earlier step\n${report.markdown}`);
    const outputs = parseOutputFile(Deno.readTextFileSync(output));
    assert.deepEqual([...outputs.keys()], [...OUTPUT_KEYS]);
    assert.equal(outputs.get("passed"), "false");
    assert.equal(outputs.get("bundle_path"), "out/evidence/supply_chain_attestation.json");
    assert.equal(outputs.get("sbom_spdx_path"), "out/evidence/sbom.spdx.json");
    assert.equal(outputs.get("sbom_cyclonedx_path"), "out/evidence/sbom.cyclonedx.json");
    assert.equal(outputs.get("provenance_path"), "out/evidence/provenance.intoto.json");
    assert.equal(outputs.get("signature_path"), "");
    assert.equal(outputs.get("sigstore_bundle_path"), "out/evidence/provenance.sigstore.json");
    assert.equal(outputs.get("markdown_path"), "out/evidence/supply_chain_attestation.md");
    assert.equal(outputs.get("sbom_spdx_sigstore_path"), "out/evidence/sbom.spdx.sigstore.json");
    assert.equal(
      outputs.get("sbom_cyclonedx_sigstore_path"),
      "out/evidence/sbom.cyclonedx.sigstore.json",
    );
    assert.equal(outputs.get("sha256sums_path"), "out/evidence/SHA256SUMS");
    assert.deepEqual(lines, [
      "::error title=signature.missing_key::the provenance is not signed — pass --private-key",
    ]);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("publishToGithubActions writes passed=true and no annotation for a passing report", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const output = `${dir}/output.txt`;
    const lines = publishToGithubActions(
      sampleReport({ passed: true, blockers: [], markdown: "no newline" }),
      {
        env: { GITHUB_ACTIONS: "true", GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: `${dir}/s.md` },
        appendFile: fileAppender,
      },
    );
    assert.deepEqual(lines, []);
    assert.equal(parseOutputFile(Deno.readTextFileSync(output)).get("passed"), "true");
    assert.equal(Deno.readTextFileSync(`${dir}/s.md`), "no newline\n");
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("publishToGithubActions does nothing outside GitHub Actions", () => {
  const calls: string[] = [];
  for (const value of [undefined, "false", "1", ""]) {
    const lines = publishToGithubActions(sampleReport(), {
      env: {
        GITHUB_ACTIONS: value,
        GITHUB_STEP_SUMMARY: "/nonexistent/s",
        GITHUB_OUTPUT: "/nonexistent/o",
      },
      appendFile: (path) => calls.push(path),
    });
    assert.deepEqual(lines, []);
  }
  assert.deepEqual(calls, []);
});

Deno.test("publishToGithubActions skips unset or empty file variables but still annotates", () => {
  const calls: string[] = [];
  const appendFile = (path: string): void => {
    calls.push(path);
  };
  const lines = publishToGithubActions(sampleReport(), {
    env: { GITHUB_ACTIONS: "true" },
    appendFile,
  });
  assert.equal(lines.length, 1);
  publishToGithubActions(sampleReport(), {
    env: { GITHUB_ACTIONS: "true", GITHUB_OUTPUT: "", GITHUB_STEP_SUMMARY: "" },
    appendFile,
  });
  publishToGithubActions(sampleReport(), {
    env: { GITHUB_ACTIONS: "true", GITHUB_OUTPUT: "o" },
    appendFile,
  });
  publishToGithubActions(sampleReport(), {
    env: { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: "s" },
    appendFile,
  });
  assert.deepEqual(calls, ["o", "s"]);
});

Deno.test("publishToGithubActions writes a multi-line value in the heredoc form", () => {
  const dir = Deno.makeTempDirSync();
  try {
    const output = `${dir}/output.txt`;
    const odd = "out/evil\nname=injected/sbom.spdx.json";
    publishToGithubActions(sampleReport({ sbom_spdx_path: odd }), {
      env: { GITHUB_ACTIONS: "true", GITHUB_OUTPUT: output },
      appendFile: fileAppender,
    });
    const text = Deno.readTextFileSync(output);
    assert.match(text, /^sbom_spdx_path<<ghadelimiter_[0-9a-f-]{36}\n/m);
    const outputs = parseOutputFile(text);
    assert.equal(outputs.get("sbom_spdx_path"), odd);
    assert.equal(outputs.has("name"), false);
    assert.equal(outputs.size, OUTPUT_KEYS.length);
  } finally {
    Deno.removeSync(dir, { recursive: true });
  }
});

Deno.test("formatOutput uses the plain form for one line and never a delimiter found in the value", () => {
  assert.equal(formatOutput("passed", "true"), "passed=true\n");
  assert.equal(formatOutput("empty", ""), "empty=\n");
  const candidates = ["EOF", "", "EOF2"];
  const text = formatOutput("notes", "line one\nEOF\nline three", {
    delimiter: () => candidates.shift()!,
  });
  assert.equal(text, "notes<<EOF2\nline one\nEOF\nline three\nEOF2\n");
  assert.equal(formatOutput("cr", "a\rb", { delimiter: () => "D" }), "cr<<D\na\rb\nD\n");
  const random = formatOutput("x", "a\nb");
  const delimiter = random.split("\n")[0].slice("x<<".length);
  assert.match(delimiter, /^ghadelimiter_/);
  assert.notEqual(formatOutput("x", "a\nb"), random);
});

Deno.test("escapeData and escapeProperty follow the workflow-command rules", () => {
  assert.equal(escapeData("100% done\r\nnext"), "100%25 done%0D%0Anext");
  assert.equal(escapeData("a:b,c"), "a:b,c");
  assert.equal(escapeProperty("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
  assert.equal(escapeData("%0A"), "%250A");
});

Deno.test("errorAnnotation escapes the title and the message", () => {
  assert.equal(
    errorAnnotation({
      code: "subject.missing.dist/*.whl,x:y",
      message: "50% of\nit",
      hint: "fix it",
    }),
    "::error title=subject.missing.dist/*.whl%2Cx%3Ay::50%25 of%0Ait — fix it",
  );
});

Deno.test("warningLines: the plain line, plus a ::warning annotation in GitHub Actions", () => {
  assert.deepEqual(warningLines("50% done\nnext", {}), ["warning: 50% done\nnext"]);
  assert.deepEqual(warningLines("50% done\nnext", { GITHUB_ACTIONS: "true" }), [
    "warning: 50% done\nnext",
    "::warning::50%25 done%0Anext",
  ]);
  assert.deepEqual(warningLines("w", { GITHUB_ACTIONS: "false" }), ["warning: w"]);
  // A warning quoting a file's bytes: an ESC reaches neither the terminal nor the log raw.
  assert.deepEqual(warningLines("a\u001b[31mb", { GITHUB_ACTIONS: "true" }), [
    "warning: a\\u001b[31mb",
    "::warning::a\\u001b[31mb",
  ]);
});

const PROBLEM = {
  code: "subject.missing.dist/*.whl",
  message: "subject dist/*.whl: the pattern matches no file",
  hint: "build the release artifacts first, or fix the --subject path",
};

Deno.test("errorSummary: title, exit code, the code and the escaped message and hint", () => {
  assert.equal(
    errorSummary(PROBLEM, { command: "attest", exitCode: 2 }),
    [
      "# vouch attest: error",
      "",
      "**Status:** stopped with exit code 2 (usage or input error)",
      "",
      "- Error: `subject.missing.dist/*.whl`: subject dist/\\*.whl: the pattern matches no file",
      "- Fix: build the release artifacts first, or fix the --subject path",
      "",
    ].join("\n"),
  );
  const internal = errorSummary(
    { code: "internal", message: "unexpected failure: <b>x</b>\nline", hint: "report it" },
    { exitCode: 3 },
  );
  assert.match(internal, /^# vouch: error\n/);
  assert.match(internal, /exit code 3 \(internal failure\)/);
  assert.match(internal, /unexpected failure: \\<b\\>x\\<\/b\\> line/);
});

Deno.test("publishErrorToGithubActions: ::error and a step summary in GitHub Actions only", () => {
  const appended: [string, string][] = [];
  const appendFile = (path: string, text: string): void => void appended.push([path, text]);
  const options = { command: "verify", exitCode: 2 };
  assert.deepEqual(publishErrorToGithubActions(PROBLEM, { env: {}, appendFile }, options), []);
  assert.deepEqual(appended, []);
  const env = { GITHUB_ACTIONS: "true", GITHUB_STEP_SUMMARY: "/gh/summary" };
  assert.deepEqual(publishErrorToGithubActions(PROBLEM, { env, appendFile }, options), [
    errorAnnotation(PROBLEM),
  ]);
  assert.deepEqual(appended, [["/gh/summary", errorSummary(PROBLEM, options)]]);
  // No summary file: the annotation alone.
  const noSummary = publishErrorToGithubActions(PROBLEM, {
    env: { GITHUB_ACTIONS: "true" },
    appendFile,
  }, options);
  assert.deepEqual(noSummary, [errorAnnotation(PROBLEM)]);
  assert.equal(appended.length, 1);
  // An unwritable summary: the annotation, then a warning (plain and annotated).
  const failing = publishErrorToGithubActions(PROBLEM, {
    env,
    appendFile: () => {
      throw new Error("read-only file system");
    },
  }, options);
  assert.deepEqual(failing, [
    errorAnnotation(PROBLEM),
    "warning: could not write the GitHub Actions step summary: read-only file system",
    "::warning::could not write the GitHub Actions step summary: read-only file system",
  ]);
});
