import assert from "node:assert/strict";
import process from "node:process";
import { parseAllDocuments } from "yaml";
import { isVouchError, type VouchError } from "../../../src/errors.ts";
import { loadYamlParser, parseYamlDocuments } from "../../../src/inventory/_formats/yaml.ts";
import { NeedsModule } from "../../../src/inventory/_reader.ts";
import { seededRandom, SHARED_DIR, skipWithoutShared } from "../../_util.ts";
import { MAX_OBJECT_PROPERTIES } from "../../../src/_util.ts";

const CODE = "inventory.pnpm_lock.invalid";

/** What the `yaml` package itself makes of a text (the reference for the fast reader). */
function reference(text: string): unknown[] {
  return parseAllDocuments(text, { uniqueKeys: true }).map((doc) => doc.toJS());
}

function yamlError(text: string): VouchError {
  try {
    parseYamlDocuments(text, "pnpm-lock.yaml", CODE);
  } catch (error) {
    assert.ok(isVouchError(error), String(error));
    return error;
  }
  assert.fail("expected a VouchError");
}

const SAME_AS_THE_YAML_PACKAGE = [
  // The block style lockfile writers emit (the fast reader's subset).
  "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      a:\n        specifier: ^1\n        version: 1.0.0(b@2.0.0)\n",
  "packages:\n  /@s/a@1.0.0:\n    resolution: {integrity: sha512-x/y+z==, tarball: https://h/a.tgz}\n    os: [darwin, linux]\n    engines: {node: '>=14', npm: ^8 || >=9}\n    dev: true\n",
  '__metadata:\n  version: 8\n  cacheKey: 10c0\n\n"a@npm:^1, a@npm:^1.1":\n  version: 1.2.0\n  resolution: "a@npm:1.2.0"\n  dependencies:\n    "@b/c": "npm:^2"\n  checksum: 10c0/abc\n',
  "list:\n  - a\n  - 'b c'\n  - \"d\\te\"\nsame-indent:\n- x\n- y\nafter: 1\n",
  "# comment\nk: v # trailing\nq: 'it''s'\ne: \"\\u00e9\\\\\\\"\"\nempty:\nnull1: ~\nnull2: null\nt: true\nf: False\nn: 12\nneg: -3\nflt: 1.5\nexp: 1e3\nhex: 0x1F\noct: 0o17\ninf: .inf\nver: 1.2.3\nv: 5.4\nstr: 10c0\nurl: https://a/b#c\n",
  "a: {}\nb: []\nc: {x: }\nd: [1, 'two', {e: f}]\ne: {a: 1,}\n",
  "k:with:colons: v\n'quoted key': 1\n\"dq\": 2\n",
  "---\na: 1\n---\nb: 2\n...\n",
  "---\n",
  // Marker lines after a first document, and names that only start like one.
  "a: 1\n--- \nb: 2\n",
  "a: 1\n...\n",
  "a: 1\n--- # next\nb: 2\n... # end\n",
  "---x: 1\n...y: 2\n",
  "list:\n- a\n---\n- b\n",
  "",
  "# only a comment\n",
  "a: 1\r\nb:\r\n  c: 2\r\n",
  // The one-line forms the fast reader matches natively, and lines just outside them.
  "a:\n  \"k\": \"v\"\n  'q': 'w'\n  p: x:y\n",
  "a: {}\nb: []\nc: {k: v}\nd: {k: '>=1'}\ne: [x64]\ng: {true: 1}\nh: [1]\n",
  "a: 1.0\nb: ~\nc: .inf\nd: 0x1F\ntrue: 1\n1.0: x\nnull: y\n",
  "a: b#c\nd: 'e''f'\ng: \"h\\\\i\"\nj: \"k\" # c\nl: m \n/p: q\n",
  "a: {k: v}\r\nb: [x]\r\nc:\r\n  d: 'e'\r\n",
  // Only spaces end a plain value: a no-break, ideographic or line-separator space is its own.
  "n: o\u00a0\nm: p\u3000 # c\nq: [r\u00a0, s\u2028 ]\nt: {u: v\u00a0}\n",
  "- x\u00a0\n- y\ufeff\n",
  "a: ''\nb: \"\"\n'': 1\nc: {k: ''}\nd: {/k: v}\ne: {k: '#'}\nf: [/x]\n",
  // Digits and dots before a `/` (a Berry checksum, a path): read as they are, never a number.
  "c: 10/e3b0\nd: ./bin.js\ne: ../a\nf: 1./b\ng: .5/c\nh: 10/\ni: 0/:x\nj: 1.2/3.4\n",
  // Outside the subset: the `yaml` package reads these.
  "anchors: &x {a: 1}\nalias: *x\n",
  "block: |\n  line 1\n  line 2\nfolded: >-\n  a\n  b\n",
  "plain: multi\n  line\n",
  "? complex\n: key\n",
  "tagged: !!str 123\n",
  "flow: {a: 1,\n  b: 2}\n",
  "seq:\n  - a: 1\n    b: 2\n",
  "__proto__: 1\n",
  "%YAML 1.2\n---\na: 1\n",
  'emoji: "\\ud83d\\ude00"\n',
];

Deno.test("parseYamlDocuments: outside the fast subset, the yaml package, loaded on demand", async () => {
  // A flow mapping over two lines is outside the fast subset.
  const text = "a: {b: 1,\n  c: 2}\n";
  try {
    assert.deepEqual(parseYamlDocuments(text, "pnpm-lock.yaml", CODE), [{ a: { b: 1, c: 2 } }]);
  } catch (error) {
    // Not loaded yet in this process: the inventory awaits `load` and reads again.
    assert.ok(error instanceof NeedsModule);
    await error.load();
  }
  await loadYamlParser();
  assert.deepEqual(parseYamlDocuments(text, "pnpm-lock.yaml", CODE), [{ a: { b: 1, c: 2 } }]);
});

Deno.test("parseYamlDocuments gives what the yaml package gives, inside and outside the fast subset", async () => {
  await loadYamlParser();
  for (const text of SAME_AS_THE_YAML_PACKAGE) {
    assert.deepEqual(
      parseYamlDocuments(text, "f.yaml", CODE),
      reference(text),
      JSON.stringify(text),
    );
  }
});

Deno.test("parseYamlDocuments: an implicit key over 1,024 characters is read, as js-yaml reads it", async () => {
  await loadYamlParser();
  // A Berry key of many descriptors; the flow mapping after it is outside the fast subset.
  const key = Array.from({ length: 60 }, (_, i) => `left-pad@npm:^1.${i}.0`).join(", ");
  assert.ok(key.length > 1024);
  const text = `"${key}":\n  version: 1.3.0\n  dependencies: {a: 1,\n    b: 2}\n`;
  assert.deepEqual(parseYamlDocuments(text, "yarn.lock", CODE), [{
    [key]: { version: "1.3.0", dependencies: { a: 1, b: 2 } },
  }]);
  // As a plain key, and still checked for duplicates.
  const plain = "x".repeat(1100);
  assert.deepEqual(parseYamlDocuments(`a: [1,\n  2]\n${plain}: 1\n`, "f.yaml", CODE), [{
    a: [1, 2],
    [plain]: 1,
  }]);
  assert.match(
    yamlError(`a: [1,\n  2]\n${plain}: 1\n${plain}: 2\n`).message,
    /^pnpm-lock\.yaml:4: invalid YAML: a mapping has the same key twice/,
  );
});

Deno.test("parseYamlDocuments: duplicate keys and bad syntax are errors with file:line", async () => {
  await loadYamlParser();
  const dup = yamlError("a: 1\nb:\n  c: 1\n  c: 2\n");
  assert.equal(dup.code, CODE);
  assert.match(dup.message, /^pnpm-lock\.yaml:4: invalid YAML: a mapping has the same key twice/);
  assert.match(dup.hint, /line 4 of pnpm-lock\.yaml/);
  assert.match(yamlError("a: {b: 1\n").message, /^pnpm-lock\.yaml:2: invalid YAML: /); // at the end
  assert.match(yamlError("a:\n  b: 1\n c: 2\n").message, /^pnpm-lock\.yaml:3: invalid YAML: /);
  assert.match(yamlError("a: 1\n\tb: 2\n").message, /^pnpm-lock\.yaml:2: invalid YAML: /);
  // A marker line is never a key (`--- b` of `b: 2`): a mapping cannot start on it.
  assert.match(yamlError("a: 1\n--- b: 2\n").message, /^pnpm-lock\.yaml:2: invalid YAML: /);
  assert.match(yamlError("a: 1\n... b: 2\n").message, /^pnpm-lock\.yaml:2: invalid YAML: /);
  // U+FFFD is a character like any other: invalid UTF-8 bytes never get here (decodeText).
  assert.deepEqual(parseYamlDocuments("a: 'x\uFFFDy'\n", "pnpm-lock.yaml", CODE), [{
    a: "x\uFFFDy",
  }]);
});

Deno.test("parseYamlDocuments: a mapping of more keys than an object holds is refused at its line", () => {
  // V8 throws a RangeError on an object's 8,388,608th property: an internal error (exit 3)
  // before, on a 100 MB pnpm-lock.yaml of one mapping.
  // Empty lines count, as do the ones before the simple line the fast reader matches with them.
  const keys: string[] = ["", "a:", ""];
  for (let i = 0; i < MAX_OBJECT_PROPERTIES; i++) keys.push(`  k${i}: 1`);
  keys.push("", "", `  k${MAX_OBJECT_PROPERTIES}: 1`);
  const line = MAX_OBJECT_PROPERTIES + 6; // of the key past the most
  const error = yamlError(keys.join("\n"));
  assert.equal(error.code, CODE);
  assert.equal(
    error.message,
    `pnpm-lock.yaml:${line}: invalid YAML: a mapping of more than 8388607 keys`,
  );
});

Deno.test("parseYamlDocuments: an unresolved alias is refused at its line, an alias bomb at the first alias", async () => {
  // The yaml package throws a ReferenceError for both: an internal error (exit 3) before.
  await loadYamlParser();
  assert.match(
    yamlError("lockfileVersion: '9.0'\nsettings: *x\n").message,
    /^pnpm-lock\.yaml:2: invalid YAML: Unresolved alias \(the anchor must be set before the alias\): x$/,
  );
  // The alias that fails, not the first one (a valid `*a` above it named line 4).
  assert.match(
    yamlError("lockfileVersion: '9.0'\nsettings:\n  a: &a 1\n  b: *a\n\nimporters: *zz\n").message,
    /^pnpm-lock\.yaml:6: invalid YAML: Unresolved alias .*: zz$/,
  );
  const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (const [name, of] of [["b", "a"], ["c", "b"], ["d", "c"], ["e", "d"]]) {
    laughs.push(`${name}: &${name} [${Array(10).fill(`*${of}`).join(", ")}]`);
  }
  const bomb = yamlError(`${laughs.join("\n")}\n`);
  assert.equal(bomb.code, CODE);
  assert.match(bomb.message, /^pnpm-lock\.yaml:2: invalid YAML: Excessive alias count/);
});

Deno.test("parseYamlDocuments: deeply nested flow collections are read or refused, never a stack overflow", async () => {
  await loadYamlParser();
  const nested = (depth: number): string =>
    `lockfileVersion: '9.0'\nsettings:\n  x: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
  // Deeper than the fast reader goes: the yaml package reads it.
  assert.deepEqual(parseYamlDocuments(nested(300), "pnpm-lock.yaml", CODE), reference(nested(300)));
  // Far deeper: a coded error at the line (was a RangeError: an internal error).
  assert.match(yamlError(nested(20_000)).message, /^pnpm-lock\.yaml:3: invalid YAML: /);
});

// Found by fuzzing: nesting past the yaml package's stack was a RangeError it let through (an
// internal error), and a line of 1 Mi `[` took it 11 s before it failed.
Deno.test("parseYamlDocuments: nesting deeper than 512 levels is refused at its line, at once", async () => {
  await loadYamlParser();
  const head = "lockfileVersion: 5.4\n\npackages:\n\n  /a/1.0.0:\n    dev: false\n\n";
  const tail = "\n  /b/1.0.0:\n    dev: false\n";
  const deep: [text: string, line: number][] = [
    // Block sequences, one level per line, after a mapping's entries (two levels open).
    [head + Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i)}- `).join("\n") + tail, 519],
    // Compact block sequences on one line.
    [head + "- ".repeat(10_000) + tail, 8],
    // Flow sequences on one line.
    [`${head}  /c/1.0.0: ${"[".repeat(1 << 20)}${tail}`, 8],
  ];
  for (const [n, [text, line]] of deep.entries()) {
    const start = performance.now();
    assert.equal(
      yamlError(text).message,
      `pnpm-lock.yaml:${line}: invalid YAML: collections nested deeper than 512 levels`,
      `case ${n}`,
    );
    assert.ok(performance.now() - start < 2000, `case ${n}: ${performance.now() - start} ms`);
  }
  // A `[` inside a plain or quoted scalar, or a comment, opens nothing.
  const scalars = `a: x${"[".repeat(600)}\nb: '${"[".repeat(600)}'\n# ${
    "[".repeat(600)
  }\nc: !t 1\n`;
  assert.deepEqual(parseYamlDocuments(scalars, "pnpm-lock.yaml", CODE), reference(scalars));
});

// Found by fuzzing: the yaml package wrote every error's context out (prettyErrors), a scan of
// the text each: 131,072 `"` (65,536 empty scalars, one error each) took 14 s, twice as many 39 s.
Deno.test("parseYamlDocuments: a text with 100,000 errors is refused in linear time", async () => {
  await loadYamlParser();
  const text =
    `__metadata:\n  version: 8\n\n"a@npm:1":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0${
      '"'.repeat(200_000)
    }"\n`;
  const start = performance.now();
  assert.equal(
    yamlError(text).message,
    "pnpm-lock.yaml:6: invalid YAML: Unexpected double-quoted-scalar at node end",
  );
  const seconds = (performance.now() - start) / 1000;
  assert.ok(seconds < 8, `took ${seconds.toFixed(1)} s`);
});

/** What `parseYamlDocuments` makes of a text: values or an error. */
function outcome(text: string): unknown[] | "error" {
  try {
    return parseYamlDocuments(text, "f.yaml", CODE);
  } catch (error) {
    if (!isVouchError(error)) throw error;
    return "error";
  }
}

/** What the `yaml` package makes of a text as `parseYamlDocuments` reads it: values or an error. */
function referenceOutcome(text: string): unknown[] | "error" {
  const docs = parseAllDocuments(text.replace(/\r(?!\n)/g, "\n"), {
    uniqueKeys: true,
    strict: true,
    logLevel: "error",
  });
  const list = Array.isArray(docs) ? docs : [];
  if (list.some((doc) => doc.errors.some((e) => e.code !== "KEY_OVER_1024_CHARS"))) return "error";
  return list.map((doc) => doc.toJS());
}

Deno.test("parseYamlDocuments: collections opened and closed across indentations, as the yaml package", async () => {
  await loadYamlParser();
  for (
    const text of [
      "a:\n  b:\n    c: 1\n  d:\n    - x\n    - y\n  e: 2\nf:\n- 1\n- 2\ng:\nh: 3\n",
      "a:\n  b:\n\n    c: 1\n\nd:\n",
      "- 1\n- 2\n",
      "a:\n  b: 1\n c: 2\n",
      "a:\n  b: 1\n   c: 2\n",
      "a: 1\n  b: 2\n",
      "- a\nb: 1\n",
      "a: 1\n- b\n",
      "a:\n- 1\n  b: 2\n",
      "a:\n  - 1\n  b: 2\n",
      "  a: 1\n",
      "a: 1\na:\n  b: 2\n",
      "a:\n  b: 1\na: 2\n",
      "a:\n  b: {}\n  b:\n",
      "c: 10/a:\n",
      "c: 10/a\nc: 10/a\n",
    ]
  ) assert.deepEqual(outcome(text), referenceOutcome(text), JSON.stringify(text));
});

Deno.test("parseYamlDocuments: long runs of empty lines are read in linear time", async () => {
  // The line regexp takes the empty lines before a line; before a line it does not match, they
  // were skipped one at a time, each scanned again (20,000 took 1.7 s).
  await loadYamlParser();
  const run = "\n".repeat(200_000);
  const start = performance.now();
  for (
    const text of [
      `a:${run}  - x\n`,
      `a:${run}  b: 1${run}c: 'd' # e${run}`,
      `a: 1${run}---${run}b: 2${run}`,
      `a:\r\n${"\r\n".repeat(100_000)}  b: 1\r\n`,
    ]
  ) assert.deepEqual(outcome(text), referenceOutcome(text));
  const seconds = (performance.now() - start) / 1000;
  assert.ok(seconds < 8, `took ${seconds.toFixed(1)} s`);
});

Deno.test("parseYamlDocuments equals the yaml package on random lock-like lines (fuzz)", async () => {
  await loadYamlParser();
  let seed = 1;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const pick = <T>(list: readonly T[]): T => list[random(list.length)];
  const CHARS = [..."ab1.:# '\"\\-{}[],\t/_@^=>~*&!+$(\ré"];
  const WORDS = [
    ..."abnNtTfF",
    ..."x1 1 2.0 true null ~ npm:^1 .inf 0x1F nu Nu tr TR fa Fa nx Tx fo 1.2.3 1.2.3: 10/c 1.2"
      .split(" "),
  ];
  const word = (): string => {
    let s = "";
    for (let n = random(6); n > 0; n--) s += random(3) === 0 ? pick(CHARS) : pick(WORDS);
    return s;
  };
  const value = (): string => {
    switch (random(6)) {
      case 0:
        return `"${word()}"`;
      case 1:
        return `'${word()}'`;
      case 2:
        return `{${word()}: ${random(2) ? `'${word()}'` : word()}}`;
      case 3:
        return `[${word()}]`;
      case 4:
        return pick(["{}", "[]", "1", "true", "a:", "- a"]);
      default:
        return word();
    }
  };
  for (let round = 0; round < 3000; round++) {
    const lines: string[] = [];
    for (let n = 1 + random(6); n > 0; n--) {
      const indent = " ".repeat(pick([0, 0, 2, 2, 4, 1, 3]));
      const key = random(4) === 0
        ? value()
        : pick([word(), `"${word()}"`, `'${word()}'`, "a", "b"]);
      const form = random(5);
      lines.push(
        form === 0
          ? `${indent}${key}:`
          : form === 1
          ? `${indent}- ${value()}`
          : form === 2
          ? ""
          : `${indent}${key}:${pick([" ", "  ", ""])}${value()}${pick(["", " ", " # c", "\r"])}`,
      );
    }
    const text = lines.join(pick(["\n", "\n", "\r\n"])) + pick(["", "\n"]);
    assert.deepEqual(outcome(text), referenceOutcome(text), JSON.stringify(text));
  }
});

Deno.test("parseYamlDocuments equals the yaml package on random well-formed one-line entries (fuzz)", async () => {
  // Nested mappings of `key: value` lines, most inside the natively matched line shapes: the
  // scalars straddle the keyword, number and version boundaries those shapes tell apart.
  await loadYamlParser();
  const random = seededRandom(0x7a31);
  const pick = <T>(list: readonly T[]): T => list[random(list.length)];
  const SCALARS = [
    ..."anNtTfF_/^<=$(~.+-1",
    ..."nu Nu NU null Null NULL nul nx true True TRUE tr TR tx false False FALSE fa FA fo".split(
      " ",
    ),
    ..."0 12 -3 +4 1.5 1. .5 1e3 1.2.3 1.2.3: 1.2.3.4 10/c 10c0 0x1F 0o17 0b1 09 .inf -.Inf".split(
      " ",
    ),
    ..."NaN .nan node x:y a#b a: sha512-x/y+z== 1.0.0(b@2.0.0) ^1.2 >=3 npm:^1 __proto__".split(
      " ",
    ),
    ..."10/c 10/ ./x ../y 1./z .5/a 1.2/3 0/:a 9/b: 1.2.3/4".split(" "),
  ];
  const value = (): string => {
    const s = pick(SCALARS);
    switch (random(9)) {
      case 0:
        return `'${s}'`;
      case 1:
        return `"${s}"`;
      case 2:
        return `{${pick(SCALARS)}: ${s}}`;
      case 3:
        return `{${pick(SCALARS)}: '${s}'}`;
      case 4:
        return `[${s}]`;
      case 5:
        return pick(["{}", "[]"]);
      default:
        return s;
    }
  };
  const key = (): string => {
    const s = pick(SCALARS);
    return random(4) === 0 ? `'${s}'` : random(4) === 0 ? `"${s}"` : s;
  };
  const mapping = (indent: string, depth: number): string[] => {
    const lines: string[] = [];
    for (let n = 1 + random(4); n > 0; n--) {
      if (depth < 3 && random(3) === 0) {
        lines.push(`${indent}${key()}:`, ...mapping(indent + "  ", depth + 1));
      } else lines.push(`${indent}${key()}: ${value()}`);
    }
    return lines;
  };
  for (let round = 0; round < 3000; round++) {
    const text = mapping("", 0).join(pick(["\n", "\r\n"])) + "\n";
    assert.deepEqual(outcome(text), referenceOutcome(text), JSON.stringify(text));
  }
});

Deno.test("parseYamlDocuments equals the yaml package on the corpus pnpm and Berry locks", async () => {
  await loadYamlParser();
  if (skipWithoutShared("YAML corpus equivalence")) return;
  for (
    const file of [
      "mermaid-js__mermaid/pnpm-lock.yaml",
      "vuejs__vue/pnpm-lock.yaml",
      "jestjs__jest/yarn.lock",
      "mermaid-js__mermaid/pnpm-workspace.yaml",
    ]
  ) {
    const text = Deno.readTextFileSync(`${SHARED_DIR}/corpus/${file}`);
    assert.deepEqual(parseYamlDocuments(text, file, CODE), reference(text), file);
  }
});

Deno.test("parseYamlDocuments: a CR alone is a line break, as CRLF and LF (the corpus locks read the same)", async () => {
  await loadYamlParser();
  const text = "a: 1\nb:\n  - x\n  - 'y z'\nc: {d: e}\n";
  const expected = parseYamlDocuments(text, "f.yaml", "c");
  assert.deepEqual(parseYamlDocuments(text.replaceAll("\n", "\r"), "f.yaml", "c"), expected);
  assert.deepEqual(parseYamlDocuments(text.replaceAll("\n", "\r\n"), "f.yaml", "c"), expected);
  // Line numbers are kept: the duplicate key is on line 3 whatever the line ends.
  const dup = "a: 1\nb: 2\na: 3\n".replaceAll("\n", "\r");
  assert.throws(
    () => parseYamlDocuments(dup, "f.yaml", "c"),
    (e: unknown) => isVouchError(e) && e.message.startsWith("f.yaml:3:"),
  );
  if (skipWithoutShared("the CR-only corpus comparison")) return;
  const lock = Deno.readTextFileSync(`${SHARED_DIR}/corpus/vuejs__vue/pnpm-lock.yaml`);
  assert.deepEqual(
    parseYamlDocuments(lock.replaceAll("\n", "\r"), "pnpm-lock.yaml", "c"),
    parseYamlDocuments(lock, "pnpm-lock.yaml", "c"),
  );
});

Deno.test("parseYamlDocuments: a key that is a collection is stringified without a process warning (fuzz)", async () => {
  await loadYamlParser();
  const warnings: unknown[] = [];
  const emitWarning = process.emitWarning;
  process.emitWarning = (warning: string | Error) => void warnings.push(warning);
  try {
    const [doc] = parseYamlDocuments('catalog:\n  ? [ "x" ]\n  : 1\n', ".yarnrc.yml", "c.invalid");
    assert.deepEqual(doc, { catalog: { '[ "x" ]': 1 } });
  } finally {
    process.emitWarning = emitWarning;
  }
  assert.deepEqual(warnings, []);
});
