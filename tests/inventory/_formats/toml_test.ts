import assert from "node:assert/strict";
import { parse, TomlDate, TomlError } from "smol-toml";
import { isVouchError, type VouchError } from "../../../src/errors.ts";
import { fastToml, loadTomlParser, parseToml } from "../../../src/inventory/_formats/toml.ts";
import { NeedsModule } from "../../../src/inventory/_reader.ts";
import { seededRandom, SHARED_DIR, skipWithoutShared } from "../../_util.ts";
import { MAX_OBJECT_PROPERTIES } from "../../../src/_util.ts";

function tomlError(
  text: string,
  file = "pyproject.toml",
  code = "inventory.pyproject.invalid",
): VouchError {
  try {
    parseToml(text, file, code);
  } catch (error) {
    assert.ok(isVouchError(error), String(error));
    return error;
  }
  assert.fail("expected a VouchError");
}

/** What smol-toml itself makes of a text (the reference for the fast reader): a table or its error. */
function reference(text: string): unknown {
  try {
    return parse(text);
  } catch (error) {
    assert.ok(error instanceof TomlError, String(error));
    return error;
  }
}

/**
 * A parsed value with every table as smol-toml makes it, a null-prototype object: the fast
 * reader's tables inherit from an empty null-prototype object instead (faster to make), which
 * is checked here to give them no inherited key.
 */
function asSmolToml(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asSmolToml);
  if (typeof value !== "object" || value === null || value instanceof Date) return value;
  const proto = Object.getPrototypeOf(value);
  assert.ok(
    proto === null ||
      (Object.getPrototypeOf(proto) === null && Reflect.ownKeys(proto).length === 0),
    "a table inherits nothing",
  );
  const table: Record<string, unknown> = Object.setPrototypeOf({}, null);
  for (const [key, item] of Object.entries(value)) table[key] = asSmolToml(item);
  return table;
}

/** The fast reader gives what smol-toml gives, or declines (never a different table). */
function assertSameOrDeclined(text: string, label = JSON.stringify(text)): boolean {
  const fast = fastToml(text);
  if (fast === undefined) return false;
  const expected = reference(text);
  assert.ok(!(expected instanceof TomlError), `the fast reader read invalid TOML: ${label}`);
  assert.deepStrictEqual(asSmolToml(fast), expected, label);
  return true;
}

Deno.test("parseToml: tables, arrays of tables, inline tables and values", async () => {
  await loadTomlParser(); // a float is outside the fast subset
  const table = parseToml(
    [
      "[project]",
      'name = "demo"',
      'dependencies = ["a>=1", "b"]',
      "",
      "[tool.poetry.dependencies]",
      'python = "^3.10"',
      'x = { version = "1.0", optional = true }',
      "",
      "[[package]]",
      'name = "a"',
      "size = 12",
      "[[package]]",
      'name = "b"',
      "ratio = 1.5",
      "",
    ].join("\n"),
    "pyproject.toml",
    "inventory.pyproject.invalid",
  );
  // smol-toml builds null-prototype objects; compare the data.
  assert.deepEqual(JSON.parse(JSON.stringify(table)), {
    project: { name: "demo", dependencies: ["a>=1", "b"] },
    tool: { poetry: { dependencies: { python: "^3.10", x: { version: "1.0", optional: true } } } },
    package: [{ name: "a", size: 12 }, { name: "b", ratio: 1.5 }],
  });
  assert.deepEqual(Object.keys(parseToml("", "empty.toml", "c")), []);
});

Deno.test("parseToml: a syntax error is a VouchError with the given code and file:line:column", async () => {
  await loadTomlParser();
  const error = tomlError('[project]\nname = "x"\ndependencies = [\n  "a",\n  oops\n]\n');
  assert.equal(error.code, "inventory.pyproject.invalid");
  assert.match(error.message, /^pyproject\.toml:5:\d+: invalid TOML: \S/);
  assert.ok(!error.message.includes("\n"), "one line");
  assert.ok(!error.message.includes("Invalid TOML document"), "the engine's prefix is removed");
  assert.equal(error.hint, "fix the TOML syntax at line 5 of pyproject.toml");
});

Deno.test("parseToml: a table of more keys than an object holds is refused at its line", () => {
  // V8 throws a RangeError on an object's 8,388,608th property: an internal error (exit 3)
  // before, on a 117 MB Cargo.lock of one table.
  const keys: string[] = ["[metadata]"];
  for (let i = 0; i <= MAX_OBJECT_PROPERTIES; i++) keys.push(`k${i} = 1`);
  const line = MAX_OBJECT_PROPERTIES + 2; // of the key past the most
  const error = tomlError(keys.join("\n"), "Cargo.lock", "inventory.cargo_lock.invalid");
  assert.equal(error.code, "inventory.cargo_lock.invalid");
  assert.equal(
    error.message,
    `Cargo.lock:${line}: invalid TOML: a table of more than 8388607 keys`,
  );
});

Deno.test("parseToml: line and column of the offending character", async () => {
  await loadTomlParser();
  const error = tomlError("a = 1\nb = \n", "uv.lock", "inventory.uv_lock.invalid");
  assert.equal(error.code, "inventory.uv_lock.invalid");
  assert.match(error.message, /^uv\.lock:2:(\d+): invalid TOML: /);
  const column = Number(/^uv\.lock:2:(\d+):/.exec(error.message)![1]);
  assert.ok(column >= 4 && column <= 5, `column ${column}`);
  assert.equal(error.hint, "fix the TOML syntax at line 2 of uv.lock");
});

Deno.test("parseToml: a redefined key or table is an error on its line", async () => {
  await loadTomlParser();
  const key = tomlError("a = 1\na = 2\n", "Cargo.lock", "inventory.cargo_lock.invalid");
  assert.match(key.message, /^Cargo\.lock:2:\d+: invalid TOML: /);
  assert.equal(key.hint, "fix the TOML syntax at line 2 of Cargo.lock");
  const table = tomlError("[t]\nx = 1\n\n[t]\n", "p.toml", "c");
  assert.match(table.message, /^p\.toml:4:\d+: invalid TOML: /);
});

Deno.test("parseToml: outside the fast subset, smol-toml, loaded on demand", async () => {
  const text = 'a = """\nmulti\nline"""\n';
  try {
    assert.deepStrictEqual(asSmolToml(parseToml(text, "p.toml", "c")), parse(text));
  } catch (error) {
    // Not loaded yet in this process: the inventory awaits `load` and reads again.
    assert.ok(error instanceof NeedsModule);
    await error.load();
  }
  await loadTomlParser();
  assert.deepStrictEqual(asSmolToml(parseToml(text, "p.toml", "c")), parse(text));
});

/** Inside the fast subset: each is read by the fast reader, and equals smol-toml's table. */
const READ_FAST = [
  "",
  "# only a comment\n",
  'version = 1\nrevision = 3\nrequires-python = ">=3.11"\n',
  '[[package]]\nname = "a"\nversion = "1.0"\nsource = { registry = "https://pypi.org/simple" }\n' +
  'dependencies = [\n    { name = "b" },\n    { name = "c", extra = ["x"], marker = "python_version < \'3.12\'" },\n]\n' +
  'sdist = { url = "https://h/a-1.0.tar.gz", hash = "sha256:ab", size = 12 }\n' +
  'wheels = [\n    { url = "https://h/a-1.0-py3-none-any.whl", hash = "sha256:cd", size = 3 },\n]\n\n' +
  '[package.optional-dependencies]\nhttp2 = [\n    { name = "h2" },\n]\n\n' +
  '[package.metadata]\nrequires-dist = [{ name = "b", specifier = ">=1" }]\n\n' +
  '[package.metadata.requires-dev]\ndev = [{ name = "pytest" }]\n\n' +
  '[[package]]\nname = "b"\n\n[package.metadata]\nx = 1\n',
  // Headers: a table after its sub-table (an implicit super-table defined later), quoted and
  // spaced dotted keys, sub-tables and arrays of tables under the last element.
  "[a.b.c]\nx = 1\n[a]\ny = 2\n[a.b]\nz = 3\n",
  "[ \"quoted key\" . 'lit.key' . bare-key_1 ]\nv = true\n",
  "[[a.b]]\nx = 1\n[a.b.c]\ny = 2\n[[a.b]]\nx = 2\n[[a.b.d]]\nz = 1\n[[a.b.d]]\nz = 2\n[a]\nw = 0\n",
  "[[p]]\n[p.q]\n[[p]]\n[p.q]\nk = 1\n",
  // Dotted keys, in the root and in a table.
  'a.b.c = 1\na.b.d = "x"\na.e = false\n"q.k".x = 2\n[t]\nu.v = 1\nu.w = 2\n',
  // Values.
  'e = ""\nl = \'\'\nq = "a \\"b\\" \\\\ \\t \\n \\b \\f \\r \\e \\u00e9 \\U0001F600"\nlit = \'C:\\path\\"x\'\n',
  "i = 0\nj = -17\nk = +42\nbig = 999999999999999\nneg = -999999999999999\n",
  "t = true\nf = false\narr = [true,false,]\n",
  "d1 = 1979-05-27T07:32:00Z\nd2 = 1979-05-27T00:32:00.999999-07:00\nd3 = 2026-04-09T15:21:12.35+05:30\n",
  "a = []\nb = {}\nc = [[], [[1]], [{}], { }]\nd = [\n  # a comment\n  1, # after\n  2\n  ,3\n]\n",
  'mixed = [1, "two", { three = 3 }, [4], 1979-05-27T07:32:00Z]\n',
  'inline = { a = { b = { c = [1, { d = 2 }] } }, e = "f" }\n',
  "tabs\t=\t1\t# tab\n\tindented = 2\n",
  "a=1#no space\nb=[1,2]#c\n",
  // Keys that are names of Object.prototype: own keys of null-prototype tables.
  '__proto__ = 1\nconstructor = 2\n[toString]\nhasOwnProperty = 3\n[__proto__x]\n__proto__ = { __proto__ = "y" }\n',
  '"__proto__".a = 1\n[[constructor]]\nvalueOf = 1\n',
  // Line ends and a byte order mark.
  "a = 1\r\n[b]\r\nc = [\r\n  1,\r\n]\r\n# c\r\n",
  "\uFEFFa = 1\n",
  "a = 1",
  "a = 'x' # comment without a line end",
  "\"\" = 1\n'a' .x = 2\n[t]\n'' = 3\n",
  "[a]\n[b]\n[c]\n",
  'k = "\u00e9\u4e2d\uD83D\uDE00"\n',
  // A backslash or quote after the string (a comment, a later string), a literal string's backslash.
  'a = "p" # \\ "q"\nb = "r\\\\s"\nc = \'t\\u\'\nd = "v\\"w" # "\n',
  // Inline tables of simple pairs (a wheel's), spaced or not, and pairs of other kinds among them.
  'w = { url = "https://h/a.whl", hash = "sha256:ab", size = 151016, upload-time = "2026-04-09T15:21:12.35Z" }\n',
  "x = {a=\"b\",c=1,d='e'}\ny = {\ta\t=\t\"\tv\t\"\t,\tb = 'l'\t}\n",
  "x = { i = 0, j = -17, k = +42, big = 999999999999999, e = \"\", l = '' }\n",
  'x = { a = "b", t = true, c = [1], d = { e = "f" }, g = "h" }\n',
  'x = { a = "\\u00e9", b = "c" }\ny = { k = 1979-05-27T07:32:00Z, l = 1234 }\n',
  '"q" = "x"\ny = "a" # c\nz = 12# c\n',
  // The same keys again, spaced otherwise, and keys that start alike.
  '[[p]]\nurl = "a"\nabc = 1\n[[p]]\nurl  =  "b"\nabcd = 2\nabc = 3\n[[p]]\nurl=\'c\'\n' +
  'x = { url = "d", abc=4, abcd =5, ab = 6, a = 7 }\ny = [{ url = "e" }, { url =\t"f", abc = 8 }]\n',
];

/**
 * Outside the fast subset (valid or not): the fast reader declines each and
 * `parseToml` gives smol-toml's table or error.
 */
const DECLINED = [
  'a = """\nmulti\nline"""\n',
  "a = '''\nraw\n'''\n",
  "a = 1.5\n",
  "a = 1e3\n",
  "a = 1_000\n",
  "a = 0x1F\n",
  "a = 0o17\n",
  "a = 0b11\n",
  "a = inf\n",
  "a = -nan\n",
  "a = -0\n",
  "a = +0\n",
  "a = 01\n",
  "a = 9999999999999999\n",
  "a = 99999999999999999999\n",
  "a = 1979-05-27\n",
  "a = 07:32:00\n",
  "a = 1979-05-27T07:32:00\n",
  "a = 1979-05-27 07:32:00Z\n",
  "a = 1979-05-27t07:32:00z\n",
  "a = 1979-05-27T07:32Z\n",
  "a = 1979-05-27T25:32:00Z\n",
  "a = 1979-13-45T07:32:00Z\n",
  'a = "\\x41"\n',
  'a = "\\q"\n',
  'a = "\\ud800"\n',
  'a = "\\U00110000"\n',
  'a = "tab\tok"\nb = "bell\u0007"\n',
  'a = "\u007f"\n',
  'a = "\\t\u007f"\n',
  "a = '\u007f'\n",
  "a = 1\na = 2\n",
  "[t]\nx = 1\n[t]\n",
  "[t]\n[t.x]\n[t]\n",
  "a = 1\n[a.b]\n",
  "a = { b = 1 }\n[a.c]\n",
  "a = { b = 1 }\na.c = 2\n",
  "a = [1]\n[[a]]\n",
  "[[a]]\n[a]\n",
  "[a.b]\n[[a]]\n",
  "[a]\nb.c = 1\n[a.b]\n",
  "[a]\nb.c = 1\n[a.b.d]\n",
  "[a.b]\nx = 1\n[a]\nb.y = 2\n",
  "a.b = 1\na = 2\n",
  "a.b = 1\na.b.c = 2\n",
  "x = { a.b = 1 }\n",
  "x = { a = 1, }\n",
  "x = { a = 1,\n b = 2 }\n",
  "x = { a = 1, a = 2 }\n",
  "a = 1\rb = 2\n",
  "# bad \u0001 comment\na = 1\n",
  "a = 1 b = 2\n",
  "a = [1 2]\n",
  "a = [1,,2]\n",
  "a = \n",
  "= 1\n",
  "a b = 1\n",
  "[a\n",
  "[[a]\n",
  "[[a] ]\n",
  "[ [a]]\n",
  "[a]]\n",
  "[]\n",
  "a = truex\n",
  "a = 'unterminated\n",
  'a = "unterminated\n',
  'a = "ends on the next line\n"\n',
  "a = 'ends on the next line\n'\n",
  `a = ${"[".repeat(150)}${"]".repeat(150)}\n`,
  // Simple pairs that end otherwise, or values that are not simple after all.
  'x = { a = """b""" }\n',
  "x = { a = '''b''' }\n",
  "x = { a = 1.5 }\n",
  "x = { a = 1_0 }\n",
  "x = { a = 0x1 }\n",
  "x = { a = -0 }\n",
  "x = { a = 01 }\n",
  "x = { a = 9999999999999999 }\n",
  'x = { a = "b" c = 1 }\n',
  'x = { a = "b", }\n',
  'x = { a = "b",, c = 1 }\n',
  'x = { a = "\u0001" }\n',
  'x = { a = "b"\n',
  'x = { a = "b", a = "c" }\n',
  // An integer with a `-` four characters on is taken for a date first (and then declined).
  "x = { l = 0, x-y = 1 }\n",
  "a = 1\nbc-d = 2\n",
  // A key seen before, again in the same table.
  '[[p]]\nurl = "a"\n[[p]]\nurl = "b"\nurl = "c"\n',
  'x = { url = "a" }\ny = { url = "b", url = "c" }\n',
  'url = "a"\n[t]\nurl = "b"\nurl.x = 1\n',
];

Deno.test("fastToml reads the lockfile subset as smol-toml does (tables that inherit nothing, TomlDate)", async () => {
  await loadTomlParser();
  for (const text of READ_FAST) {
    assert.ok(assertSameOrDeclined(text), `declined: ${JSON.stringify(text)}`);
  }
  const table = fastToml("__proto__ = 1\n[t]\nd = 1979-05-27T07:32:00Z\n")!;
  assert.deepStrictEqual(
    asSmolToml(table),
    parse("__proto__ = 1\n[t]\nd = 1979-05-27T07:32:00Z\n"),
  );
  for (const key of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
    assert.equal(table[key], undefined, `no inherited ${key}`);
  }
  assert.ok(Object.hasOwn(table, "__proto__"));
  assert.equal(({} as Record<string, unknown>).t, undefined, "no pollution");
  const t = table.t as Record<string, unknown>;
  assert.ok(t.d instanceof TomlDate);
  assert.equal((t.d as TomlDate).toISOString(), "1979-05-27T07:32:00.000Z");
});

Deno.test("fastToml declines what it does not read; parseToml gives smol-toml's table or error", async () => {
  await loadTomlParser();
  for (const text of DECLINED) {
    assert.equal(fastToml(text), undefined, `read: ${JSON.stringify(text)}`);
    const expected = reference(text);
    if (expected instanceof TomlError) {
      const error = tomlError(text, "f.toml", "c");
      assert.equal(error.code, "c");
      assert.ok(
        error.message.startsWith(`f.toml:${expected.line}:${expected.column}: invalid TOML: `),
        `${JSON.stringify(text)}: ${error.message}`,
      );
    } else {
      assert.deepStrictEqual(
        asSmolToml(parseToml(text, "f.toml", "c")),
        expected,
        JSON.stringify(text),
      );
    }
  }
});

Deno.test("fastToml equals smol-toml on every TOML file of the corpus and the fixtures", async () => {
  await loadTomlParser();
  const roots = ["fixtures"];
  if (!skipWithoutShared("the TOML corpus comparison")) roots.push(`${SHARED_DIR}/corpus`);
  let lockfiles = 0;
  for (const root of roots) {
    for (const path of tomlFiles(root)) {
      const text = Deno.readTextFileSync(path);
      const read = assertSameOrDeclined(text, path);
      if (
        /\/(?:uv|poetry|pdm|Cargo)\.lock$|\/pylock\.toml$/.test(path) && !path.includes("invalid")
      ) {
        assert.ok(read, `the fast reader declined ${path}`);
        lockfiles++;
      }
    }
  }
  assert.ok(lockfiles > 10, `${lockfiles} lockfiles`);
});

/** Every `*.toml` and TOML `*.lock` file below `root`. */
function* tomlFiles(root: string): Generator<string> {
  for (const entry of Deno.readDirSync(root)) {
    const path = `${root}/${entry.name}`;
    if (entry.isDirectory) yield* tomlFiles(path);
    else if (/\.toml$|^(?:uv|poetry|pdm|Cargo)\.lock$/.test(entry.name)) yield path;
  }
}

/** A lock-shaped document: root keys, `[[package]]` tables with sub-tables, inline tables. */
function lockDocument(pick: (n: number) => number): string {
  const choose = <T>(list: readonly T[]): T => list[pick(list.length)];
  const keys = ["name", "version", "url", "hash", "a.b", '"q k"', "'lit'", "__proto__", "x-y_z"];
  const scalar = (): string =>
    choose([
      () => `"${choose(["", "a", "1.0.0", "https://h/x.whl", 'a \\"b\\"', "\\u00e9", "'"])}"`,
      () => `'${choose(["", "C:\\x", 'a"b'])}'`,
      () => String(choose([0, 1, -5, 42, 151016])),
      () => choose(["true", "false"]),
      () => "2026-04-09T15:21:12.35Z",
    ])();
  const value = (depth: number): string => {
    const kind = depth > 2 ? 0 : pick(4);
    if (kind === 1) {
      const items = Array.from({ length: pick(4) }, () => value(depth + 1));
      const multi = pick(2) === 1;
      const sep = multi ? ",\n    " : ", ";
      return items.length === 0
        ? "[]"
        : `[${multi ? "\n    " : ""}${items.join(sep)}${pick(2) ? "," : ""}${multi ? "\n" : ""}]`;
    }
    if (kind === 2) {
      const used = new Set<string>();
      const pairs = Array.from({ length: pick(4) }, () => choose(keys.filter((k) => k !== "a.b")))
        .filter((k) => !used.has(k) && used.add(k))
        .map((k) => `${k} = ${value(depth + 1)}`);
      return pairs.length === 0 ? "{}" : `{ ${pairs.join(", ")} }`;
    }
    return scalar();
  };
  const lines: string[] = [];
  const keyValues = (): void => {
    const used = new Set<string>();
    for (let i = pick(5); i > 0; i--) {
      const key = choose(keys);
      if (used.has(key)) continue;
      used.add(key);
      lines.push(`${key} = ${value(0)}${choose(["", " # c", "\t"])}`);
    }
  };
  keyValues();
  for (let n = pick(4); n > 0; n--) {
    lines.push("", choose(["[[package]]", "[[package]]", "[metadata]", "[a.b]", "[[a.c]]"]));
    keyValues();
    for (let m = pick(3); m > 0; m--) {
      lines.push(
        choose(["[package.metadata]", "[package.optional-dependencies]", "[a]", "[a.b.d]"]),
      );
      keyValues();
    }
  }
  return lines.join(choose(["\n", "\n", "\r\n"])) + "\n";
}

/** The document with a few characters inserted, removed or repeated. */
function mutated(text: string, pick: (n: number) => number): string {
  const pieces = [
    '"',
    "'",
    "[",
    "]",
    "{",
    "}",
    "=",
    ".",
    ",",
    "#",
    "\n",
    "\r",
    "\\",
    " ",
    "0",
    "_",
  ];
  let out = text;
  for (let n = 1 + pick(3); n > 0; n--) {
    const at = pick(out.length + 1);
    const what = pick(3);
    if (what === 0) out = out.slice(0, at) + pieces[pick(pieces.length)] + out.slice(at);
    else if (what === 1) out = out.slice(0, at) + out.slice(at + 1 + pick(3));
    else {
      const end = out.indexOf("\n", at);
      const line = out.slice(out.lastIndexOf("\n", at - 1) + 1, end === -1 ? out.length : end + 1);
      out = out.slice(0, at) + line + out.slice(at);
    }
  }
  return out;
}

Deno.test("fastToml equals smol-toml or declines on random lock-shaped documents and their mutations", async () => {
  await loadTomlParser();
  const pick = seededRandom(751);
  let read = 0;
  let mutants = 0;
  for (let i = 0; i < 1500; i++) {
    const text = lockDocument(pick);
    if (assertSameOrDeclined(text)) read++;
    for (let m = 0; m < 4; m++) if (assertSameOrDeclined(mutated(text, pick))) mutants++;
  }
  // Most generated documents are inside the subset; some mutants are too.
  assert.ok(read > 800, `${read} documents read`);
  assert.ok(mutants > 500, `${mutants} mutants read`);
});

Deno.test("parseToml: what it keeps between reads holds no file's text alive", async () => {
  // A lock's long keys (`requires-python = `) are kept for the next read: as views of the text
  // they were cut from, they kept a 40 MB lock alive after its read. Measured in a process of its
  // own, where garbage can be collected on demand.
  const module = new URL("../../../src/inventory/_formats/toml.ts", import.meta.url).href;
  const script = `
    const { parseToml } = await import(${JSON.stringify(module)});
    const heap = () => { gc(); gc(); return Deno.memoryUsage().heapUsed; };
    const before = heap();
    (() => {
      const text = 'requires-python = ">=3.9"\\n[[package]]\\nname = "x"\\nnote = "' +
        "a".repeat(40_000_000) + '"\\n';
      parseToml(text, "uv.lock", "c");
    })();
    console.log(heap() - before);
  `;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--v8-flags=--expose-gc", script],
    stdout: "piped",
  }).output();
  assert.ok(out.success);
  const kept = Number(new TextDecoder().decode(out.stdout));
  assert.ok(kept < 10_000_000, `${kept} bytes kept`);
});

Deno.test("fastToml equals smol-toml or declines on random uv and PDM file tables and their mutations", async () => {
  // uv's `{ url = "…", hash = "…", size = 1, upload-time = "…" }` and PDM's
  // `{name = "…",url = "…",hashes = {sha256 = "…"}}`, which one regex each reads: strings with
  // escapes, quotes, tabs and control characters, sizes with signs, leading zeros and 16
  // digits, pairs left out, other spacing, a CRLF file.
  await loadTomlParser();
  const pick = seededRandom(4684);
  const choose = <T>(list: readonly T[]): T => list[pick(list.length)];
  const text = (): string =>
    Array.from(
      { length: pick(4) },
      () =>
        choose(["h", "h", "h", "/", "é", "\t", "\\\\", '\\"', "\\u00e9", "'", "\x01", "\x7f", "#"]),
    ).join("");
  const size = (): string =>
    choose(["0", "7", "151016", "007", "+5", "-5", "123456789012345", "1234567890123456", "1_0"]);
  const uv = (): string => {
    const pairs = [`url = "${text()}"`, `hash = "${text()}"`];
    if (pick(4) > 0) pairs.push(`size = ${size()}`);
    if (pick(4) > 0) pairs.push(`upload-time = "${text()}"`);
    return `{ ${pairs.join(choose([", ", ", ", ",", " , "]))} }`;
  };
  const pdm = (): string => {
    const pairs = [`name = "${text()}"`, `url = "${text()}"`];
    pairs.push(
      `hashes = {${choose(["sha256", "sha256", "md5"])} = "${text()}"${choose(["", "", " "])}}`,
    );
    return `{${pairs.join(choose([",", ",", ", ", " ,"]))}${choose(["", "", " "])}}`;
  };
  let read = 0;
  for (let i = 0; i < 3000; i++) {
    const table = pick(2) === 0 ? uv : pdm;
    const doc = `sdist = ${table()}\nwheels = [\n    ${table()},\n    ${table()},\n]\n`;
    const variant = pick(4) === 0 ? mutated(doc, pick) : doc;
    if (assertSameOrDeclined(pick(8) === 0 ? variant.replaceAll("\n", "\r\n") : variant)) read++;
  }
  assert.ok(read > 150, `${read} documents read`);
  // PDM's table holds one more table: read as deep as the pairs are, not deeper.
  const nested = (arrays: number): string =>
    `a = ${"[".repeat(arrays)}{name = "x",url = "u",hashes = {sha256 = "h"}}${
      "]".repeat(arrays)
    }\n`;
  assert.ok(assertSameOrDeclined(nested(98)));
  assert.equal(fastToml(nested(99)), undefined);
});
