import assert from "node:assert/strict";
import { isVouchError, VouchError } from "../../../src/errors.ts";
import { parseYarnV1 } from "../../../src/inventory/_formats/yarn_v1.ts";
import { isTooManyProperties, MAX_OBJECT_PROPERTIES } from "../../../src/_util.ts";
import { seededRandom } from "../../_util.ts";

const CODE = "inventory.yarn_lock.invalid";

Deno.test("parseYarnV1: entries with several specifiers, quoted and bare values, nested maps", () => {
  const text = [
    "# yarn lockfile v1",
    "",
    '"@a/b@^1", "@a/b@^1.1":',
    '  version "1.2.0"',
    '  resolved "https://registry.yarnpkg.com/@a/b/-/b-1.2.0.tgz#0123"',
    "  integrity sha512-AAAA",
    "  dependencies:",
    '    c "^2 || ^3"',
    '    "@d/e" "1.0.0"',
    "  optionalDependencies:",
    "    f latest",
    "  bundled true",
    "  count 3",
    "",
    '"c@^2 || ^3":',
    '  version "3.0.0"',
    "",
  ].join("\n");
  assert.deepEqual(parseYarnV1(text, "yarn.lock", CODE), [
    {
      specs: ["@a/b@^1", "@a/b@^1.1"],
      line: 3,
      fields: {
        version: "1.2.0",
        resolved: "https://registry.yarnpkg.com/@a/b/-/b-1.2.0.tgz#0123",
        integrity: "sha512-AAAA",
        dependencies: { c: "^2 || ^3", "@d/e": "1.0.0" },
        optionalDependencies: { f: "latest" },
        bundled: true,
        count: 3,
      },
    },
    { specs: ["c@^2 || ^3"], line: 15, fields: { version: "3.0.0" } },
  ]);
  assert.deepEqual(parseYarnV1("", "yarn.lock", CODE), []);
});

Deno.test("parseYarnV1: lines near the common shape read as the general code reads them", () => {
  const text = [
    '"a: b@1", c@1:\r',
    '  version "1" \r\r',
    "  k:v #x",
    '  "q k" 007',
    "  n 1.50",
    '  "" ""',
    "  e:",
    "",
    "d@1:",
  ].join("\n");
  assert.deepEqual(parseYarnV1(text, "yarn.lock", CODE), [
    {
      specs: ["a: b@1", "c@1"],
      line: 1,
      fields: { version: "1", "k:v": "#x", "q k": "007", n: 1.5, "": "", e: {} },
    },
    { specs: ["d@1"], line: 9, fields: {} },
  ]);
});

Deno.test("parseYarnV1: strict about indentation, quotes, duplicates and stray text", () => {
  const cases: [string, RegExp][] = [
    ['a@1:\n   version "1"\n', /^yarn\.lock:2: invalid yarn\.lock: odd indentation/],
    ['a@1:\n\tversion "1"\n', /^yarn\.lock:2: invalid yarn\.lock: tab in indentation/],
    ['a@1:\n  version "1\n', /^yarn\.lock:2: invalid yarn\.lock: unterminated quoted string/],
    ['a@1:\n  version "\\q"\n', /^yarn\.lock:2: invalid yarn\.lock: invalid escape/],
    [
      'a@1:\n  version "1"\na@1:\n  version "1"\n',
      /^yarn\.lock:3: invalid yarn\.lock: specifier "a@1" appears twice/,
    ],
    [
      'a@1:\n  version "1"\n  version "2"\n',
      /^yarn\.lock:3: invalid yarn\.lock: key "version" appears twice/,
    ],
    [
      'a@1:\n  version "1" extra\n',
      /^yarn\.lock:2: invalid yarn\.lock: unexpected text after the value/,
    ],
    ['a@1\n  version "1"\n', /^yarn\.lock:1: invalid yarn\.lock: expected a value or ':'/],
    ['a@1 "x"\n', /^yarn\.lock:1: invalid yarn\.lock: an entry header must end with ':'/],
    ['a@1:\n    version "1"\n', /^yarn\.lock:2: invalid yarn\.lock: unexpected indentation/],
    ["a@1,b@1:\n", /^yarn\.lock:1: invalid yarn\.lock: expected a space after ','/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseYarnV1(text, "yarn.lock", CODE),
      (error: unknown) => isVouchError(error) && error.code === CODE && message.test(error.message),
      text,
    );
  }
});

Deno.test("parseYarnV1: a block of more keys than an object holds is refused at its line", () => {
  // V8 throws a RangeError on an object's 8,388,608th property: an internal error (exit 3)
  // before, on a 125 MB yarn.lock of one entry with 9.5 million fields.
  const lines = ["p@1.0.0:"];
  for (let i = 0; i <= MAX_OBJECT_PROPERTIES; i++) lines.push(`  f${i} "1"`);
  const line = MAX_OBJECT_PROPERTIES + 2; // of the key past the most
  assert.throws(
    () => parseYarnV1(lines.join("\n"), "yarn.lock", CODE),
    (error) =>
      isVouchError(error) && error.code === CODE &&
      error.message === `yarn.lock:${line}: invalid yarn.lock: a block of more than 8388607 keys`,
  );
});

// The parser as it was before its one-match-per-line reading (at d54ed929), kept as the
// reference the fuzz test compares the parser with: every result, error line and message.

/** The reference's scalar: a quoted string (JSON escapes), `true`/`false`, a number, or a word. */
function referenceScalar(token: string, quoted: boolean): unknown {
  if (quoted) return token;
  if (token === "true") return true;
  if (token === "false") return false;
  if (/^[0-9]+(?:\.[0-9]+)?$/.test(token) && !/^0[0-9]/.test(token)) return Number(token);
  return token;
}

/** {@linkcode parseYarnV1} as it was before its fast line: the fuzz test's reference. */
function referenceParse(text: string, file: string, code: string): unknown[] {
  const fail = (line: number, reason: string): VouchError =>
    new VouchError(
      code,
      `${file}:${line}: invalid yarn.lock: ${reason}`,
      `regenerate ${file} with \`yarn install\``,
    );
  const entries: unknown[] = [];
  const seen = new Set<string>();
  /** Objects open at each indentation level (level 0 is the entry's fields). */
  const stack: Record<string, unknown>[] = [];
  let lineNo = 0;
  // The current line is text[from, to) (trailing spaces and `\r` cut); tokens are read in place.
  let to = 0;
  let tokenText = "";
  let tokenQuoted = false;
  /** The keys of the current line (an entry header's are copied: its specifiers). */
  const keys: string[] = [];
  /** Reads one token at `i` (a quoted string or a bare word) into tokenText; returns its end. */
  const token = (i: number): number => {
    if (text.charCodeAt(i) === 0x22) {
      let escaped = false;
      for (let j = i + 1; j < to; j++) {
        const c = text.charCodeAt(j);
        if (c === 0x5c) {
          escaped = true;
          j++;
        } else if (c === 0x22) {
          tokenQuoted = true;
          if (!escaped) tokenText = text.slice(i + 1, j);
          else {
            try {
              tokenText = JSON.parse(text.slice(i, j + 1));
            } catch {
              throw fail(lineNo, "invalid escape in a quoted string");
            }
          }
          return j + 1;
        }
      }
      throw fail(lineNo, "unterminated quoted string");
    }
    let j = i;
    for (; j < to; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x20 || c === 0x2c || (c === 0x3a && j === to - 1)) break;
    }
    if (j === i) {
      throw fail(lineNo, `unexpected ${JSON.stringify(j < to ? text[i] : "end of line")}`);
    }
    tokenText = text.slice(i, j);
    tokenQuoted = false;
    return j;
  };
  for (let from = 0; from <= text.length; from = to + 1) {
    const newline = text.indexOf("\n", from);
    to = newline === -1 ? text.length : newline;
    const next = to;
    while (to > from && (text[to - 1] === "\r" || text[to - 1] === " ")) to--;
    lineNo++;
    let first = from;
    while (text.charCodeAt(first) === 0x20 && first < to) first++;
    const indent = first - from;
    if (first === to || text[first] === "#") {
      to = next;
      continue;
    }
    if (text[first] === "\t") throw fail(lineNo, "tab in indentation");
    if (indent % 2 !== 0) throw fail(lineNo, `odd indentation (${indent} spaces)`);
    const level = indent / 2;
    if (level > stack.length) throw fail(lineNo, "unexpected indentation");
    stack.length = level;
    keys.length = 0;
    let i = first;
    let value: unknown;
    let block = false;
    for (;;) {
      i = token(i);
      keys.push(tokenText);
      if (text[i] === "," && i < to) {
        if (text[i + 1] !== " " || i + 1 >= to) throw fail(lineNo, "expected a space after ','");
        i += 2;
        continue;
      }
      if (text[i] === ":" && i === to - 1) {
        block = true;
        break;
      }
      if (i >= to || text[i] !== " " || keys.length > 1) {
        throw fail(lineNo, "expected a value or ':'");
      }
      if (token(i + 1) !== to) throw fail(lineNo, "unexpected text after the value");
      value = referenceScalar(tokenText, tokenQuoted);
      break;
    }
    to = next;
    if (level === 0) {
      if (!block) throw fail(lineNo, "an entry header must end with ':'");
      for (const spec of keys) {
        if (seen.has(spec)) throw fail(lineNo, `specifier ${JSON.stringify(spec)} appears twice`);
        seen.add(spec);
      }
      const fields: Record<string, unknown> = {};
      entries.push({ specs: keys.slice(), line: lineNo, fields });
      stack.push(fields);
      continue;
    }
    const parent = stack[level - 1];
    if (keys.length > 1) throw fail(lineNo, "several keys on a field line");
    const name = keys[0];
    if (Object.hasOwn(parent, name) || name === "__proto__") {
      throw fail(lineNo, `key ${JSON.stringify(name)} appears twice`);
    }
    try {
      if (block) {
        const child: Record<string, unknown> = {};
        parent[name] = child;
        stack.push(child);
      } else parent[name] = value;
    } catch (error) {
      // A block of more keys than an object holds: V8's RangeError, an internal error before.
      if (!isTooManyProperties(error)) throw error;
      throw fail(lineNo, `a block of more than ${MAX_OBJECT_PROPERTIES} keys`);
    }
  }
  return entries;
}

/** A yarn.lock-like text: mostly well-formed headers, fields and blocks, some lines spoilt. */
function lockText(pick: (n: number) => number): string {
  const choose = <T>(list: readonly T[]): T => list[pick(list.length)];
  const rarely = (): boolean => pick(25) === 0;
  const word = (): string => {
    const w = choose(WORDS);
    if (!rarely()) return w;
    const at = pick(w.length + 1);
    return w.slice(0, at) + choose(ODD) + w.slice(at);
  };
  const token = (): string => {
    const w = word();
    if (rarely()) return choose([`"${w}`, `${w}"`, `"${w}"x`, `"${w}\\"`]);
    return pick(2) === 0 ? `"${w}"` : w;
  };
  const lines: string[] = [];
  let open = 0; // the deepest level the next line may have
  for (let n = pick(16); n > 0; n--) {
    if (rarely()) {
      lines.push(choose(["", "  ", "# yarn lockfile v1", "  # c", "\r", "#"]));
      continue;
    }
    const level = rarely() ? pick(4) : pick(open + 1);
    const indent = rarely() ? choose([" ", "\t", "   ", "  \t", "\u00a0"]) : "  ".repeat(level);
    const end = rarely() ? choose([" ", "\r", " \r", "\r\r", ":", ",", " x"]) : "";
    if (level === 0 ? !rarely() : rarely()) {
      const specs = Array.from({ length: 1 + pick(3) }, token);
      lines.push(`${indent}${specs.join(rarely() ? choose([",", " ,", ",  "]) : ", ")}:${end}`);
      open = level + 1;
    } else if (pick(4) === 0) {
      lines.push(`${indent}${token()}:${end}`);
      open = level + 1;
    } else {
      lines.push(`${indent}${token()}${rarely() ? choose(["", "  ", "\t"]) : " "}${token()}${end}`);
      open = level;
    }
  }
  return lines.join(pick(3) === 0 ? "\r\n" : "\n") + choose(["", "\n"]);
}

/** Words of lock files, and odd ones: keys and values of {@linkcode lockText}. */
const WORDS = [
  "a",
  "@b/c",
  "a@^1.0",
  "c@^2 || ^3",
  "0",
  "12",
  "1.5",
  "01",
  "1.",
  "version",
  "resolved",
  "integrity",
  "dependencies",
  "optionalDependencies",
  "true",
  "false",
  "__proto__",
  "sha512-AB+/cd==",
  "https://r.org/a/-/a-1.tgz#ab",
  "",
  "npm:x@1",
];

/** Characters that the parser reads apart. */
const ODD = [":", ",", '"', "#", "\\", " ", "\r", "\t", "\u00a0", "'", "\\u0041", '\\"', "\\q"];

/** What parsing gives: the entries, or the error (class, code and message) as text. */
function outcome(parse: () => unknown): string {
  try {
    return JSON.stringify(parse(), (_, v) => typeof v === "number" ? `number ${v}` : v);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return `${error.name} ${isVouchError(error) ? error.code : ""} ${error.message}`;
  }
}

Deno.test("parseYarnV1 reads random lock-like texts as its reference does (fuzz)", () => {
  const pick = seededRandom(0x59a2);
  let errors = 0;
  for (let run = 0; run < 20_000; run++) {
    const text = lockText(pick);
    const expected = outcome(() => referenceParse(text, "yarn.lock", CODE));
    assert.equal(
      outcome(() => parseYarnV1(text, "yarn.lock", CODE)),
      expected,
      JSON.stringify(text),
    );
    if (!expected.startsWith("[")) errors++;
  }
  // Both kinds are tried often: valid texts and each sort of error.
  assert.ok(errors > 2_000 && errors < 18_000, `${errors} errors`);
});
