import assert from "node:assert/strict";
import type { AttestReport } from "../../src/attest.ts";
import {
  errorAnnotation,
  escapeData,
  escapeProperty,
  formatOutput,
  OUTPUT_KEYS,
  publishToGithubActions,
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
