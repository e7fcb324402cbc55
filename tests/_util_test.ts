import assert from "node:assert/strict";
import {
  compareStrings,
  countBelow,
  isRecord,
  jsonShape,
  jsonTextChunks,
  MAX_JSON_OBJECT_MEMBERS,
  parseJsonText,
  toJsonText,
  utcSeconds,
  wildcardMatch,
} from "../src/_util.ts";
import { isVouchError } from "../src/errors.ts";
import { cpuStopwatch } from "./_util.ts";

Deno.test("compareStrings: code-unit order, not locale order", () => {
  assert.deepEqual(["b", "B", "a", "_", "A"].sort(compareStrings), ["A", "B", "_", "a", "b"]);
  assert.equal(compareStrings("x", "x"), 0);
  assert.equal(compareStrings("https://h/b", "https://h/a"), 1);
  assert.equal(compareStrings("https://h/a", "https://h/ab"), -1);
  assert.equal(compareStrings("é", "z"), 1);
});

Deno.test("utcSeconds: UTC seconds, no fraction; invalid dates are VouchErrors", () => {
  assert.equal(utcSeconds(new Date("2024-02-29T23:59:59.999+01:00")), "2024-02-29T22:59:59Z");
  assert.equal(utcSeconds(new Date(0)), "1970-01-01T00:00:00Z");
  // The whole range, each field padded as toISOString pads it.
  assert.equal(utcSeconds(new Date("0000-01-01T00:00:00Z")), "0000-01-01T00:00:00Z");
  assert.equal(utcSeconds(new Date("0001-02-03T04:05:06.7Z")), "0001-02-03T04:05:06Z");
  assert.equal(utcSeconds(new Date("9999-12-31T23:59:59.999Z")), "9999-12-31T23:59:59Z");
  for (const bad of [new Date(Number.NaN), new Date(Date.UTC(10000, 0, 1)), new Date(-7e13)]) {
    assert.throws(
      () => utcSeconds(bad),
      (e: unknown) => isVouchError(e) && e.code === "time.invalid" && e.hint !== "",
    );
  }
});

Deno.test("compareStrings orders by code unit, not locale", () => {
  assert.deepEqual(["b", "B", "a", "ä", "A"].sort(compareStrings), ["A", "B", "a", "b", "ä"]);
  assert.equal(compareStrings("x", "x"), 0);
  assert.equal(compareStrings("https://h/b", "https://h/a"), 1);
  assert.equal(compareStrings("https://h/a", "https://h/ab"), -1);
  assert.equal(compareStrings("é", "z"), 1);
});

Deno.test("utcSeconds: UTC, no fraction", () => {
  assert.equal(utcSeconds(new Date("2024-12-31T23:59:59.999Z")), "2024-12-31T23:59:59Z");
  assert.equal(utcSeconds(new Date("2024-01-02T03:04:05Z")), "2024-01-02T03:04:05Z");
  assert.equal(utcSeconds(new Date("2024-06-01T12:00:00.000+02:00")), "2024-06-01T10:00:00Z");
  assert.equal(utcSeconds(new Date(0)), "1970-01-01T00:00:00Z");
  // The whole range, each field padded as toISOString pads it.
  assert.equal(utcSeconds(new Date("0000-01-01T00:00:00Z")), "0000-01-01T00:00:00Z");
  assert.equal(utcSeconds(new Date("0001-02-03T04:05:06.7Z")), "0001-02-03T04:05:06Z");
  assert.equal(utcSeconds(new Date("9999-12-31T23:59:59.999Z")), "9999-12-31T23:59:59Z");
});

Deno.test("isRecord: parsed JSON objects only", () => {
  assert.equal(isRecord(JSON.parse('{"a": 1}')), true);
  assert.equal(isRecord({}), true);
  for (const text of ["[]", "[{}]", "null", "1", '"x"', "true"]) {
    assert.equal(isRecord(JSON.parse(text)), false, text);
  }
  assert.equal(isRecord(undefined), false);
});

Deno.test("isRecord: plain objects only", () => {
  assert.equal(isRecord({}), true);
  assert.equal(isRecord({ a: 1 }), true);
  assert.equal(isRecord([]), false);
  assert.equal(isRecord(null), false);
  assert.equal(isRecord("x"), false);
  assert.equal(isRecord(1), false);
  assert.equal(isRecord(undefined), false);
});

Deno.test("wildcardMatch: a glob of * only, leftmost part by part, each wildcard at least `least` long", () => {
  const match = (pattern: string, text: string, least = 0): boolean =>
    wildcardMatch(pattern.split("*"), text, least);
  assert.equal(match("@babel/*", "@babel/core"), true);
  assert.equal(match("@babel/*", "@babel/"), true);
  assert.equal(match("*", ""), true);
  assert.equal(match("fsevents", "fsevents"), true);
  assert.equal(match("fsevents", "fsevents2"), false);
  assert.equal(match("a*b*a", "ab"), false);
  assert.equal(match("a*b*a", "aba"), true);
  assert.equal(match("a*b*a", "abba"), true);
  assert.equal(match("a*ab", "ab"), false);
  assert.equal(match("*-linux-*", "@rollup/rollup-linux-x64-gnu"), true);
  assert.equal(match("p-*.lockfile", "p-.lockfile", 1), false);
  assert.equal(match("p-*.lockfile", "p-a.lockfile", 1), true);
  assert.equal(match("p-*-*", "p-a-", 1), false);
  assert.equal(match("p-*-*", "p-a--", 1), true);
  // What a regex of the same wildcards (`^a.*a.*…b$`) takes minutes over.
  const elapsed = cpuStopwatch();
  assert.equal(match(`${"a*".repeat(40)}b`, "a".repeat(5_000)), false);
  assert.ok(elapsed() < 1_000);
});

Deno.test("jsonTextChunks: joined, the text toJsonText gives, whatever the document", () => {
  const nested = { a: [1, { b: [2, { c: "\n\u2028" }] }], d: {}, e: [], f: [[]], g: [{}] };
  const cases: unknown[] = [
    1,
    "x",
    null,
    [],
    {},
    [1],
    nested,
    [[[[1]]]],
    // Skipped in objects, null in arrays, as JSON.stringify writes them.
    { u: undefined, f: () => 1, s: Symbol("s"), k: [undefined, () => 1, Symbol("t")] },
    { only: undefined },
    // Integer keys first, as Object.keys and JSON.stringify order them.
    { b: 1, "1": [1], "0": { x: 0 } },
    // Values with toJSON, boxed and null-prototype objects.
    { d: new Date(0), t: { toJSON: () => [1, { x: 2 }] }, s: [new String("x")] },
    Object.assign(Object.create(null), { z: [1, { q: 2 }] }),
    { toJSON: () => ({ a: [1] }) },
    { 'quote"key': { "é": ["\ud800"] } },
  ];
  for (const value of cases) {
    assert.equal([...jsonTextChunks(value)].join(""), toJsonText(value), toJsonText(value));
    const compact = [...jsonTextChunks(value, { compact: true })].join("");
    assert.equal(compact, JSON.stringify(value), compact);
  }
});

Deno.test("jsonTextChunks: a large document comes in chunks of about 64 Ki code units", () => {
  const doc = {
    components: Array.from({ length: 20_000 }, (_, i) => ({ name: `p${i}`, tags: ["a", "b"] })),
    last: { n: 1 },
  };
  const chunks = [...jsonTextChunks(doc)];
  assert.equal(chunks.join(""), toJsonText(doc));
  assert.equal([...jsonTextChunks(doc, { compact: true })].join(""), JSON.stringify(doc));
  assert.ok(chunks.length > 2, `${chunks.length} chunks`);
  for (const chunk of chunks.slice(0, -1)) {
    assert.ok(chunk.length >= 1 << 16 && chunk.length < 1 << 17);
  }
});

Deno.test("jsonTextChunks: a document of many scalars is chunked too, and a huge entry is a chunk of its own, never copied", () => {
  // `[0,0,…]` (a hostile evidence file's shape): gathered whole before, one string of it all.
  const zeros = new Array(100_000).fill(0);
  const chunks = [...jsonTextChunks(zeros)];
  assert.equal(chunks.join(""), toJsonText(zeros));
  assert.ok(chunks.length > 2, `${chunks.length} chunks`);
  assert.ok(chunks.every((c) => c.length < 1 << 17));
  // One string longer than a chunk, at either level: its text (JSON.stringify's) comes alone,
  // neither prefixed nor joined with its neighbours (each would be a copy of it).
  const long = "a".repeat(1 << 17);
  const many = new Array(20_000).fill(0);
  for (const doc of [{ x: long, y: 1, many }, { p: [1, long, 2], many }]) {
    const parts = [...jsonTextChunks(doc)];
    assert.equal(parts.join(""), toJsonText(doc));
    assert.ok(parts.includes(JSON.stringify(long)), `${parts.length} parts`);
  }
});

Deno.test("jsonTextChunks: a document of fewer than 20,000 entries, two levels down, is one chunk", () => {
  const doc = {
    components: Array.from({ length: 19_990 }, (_, i) => ({ name: `p${i}`, deep: [[i], { i }] })),
    metadata: { a: 1, b: [2] },
  };
  assert.deepEqual([...jsonTextChunks(doc)], [toJsonText(doc)]);
  assert.deepEqual([...jsonTextChunks(doc, { compact: true })], [JSON.stringify(doc)]);
  // 19,990 components, two metadata entries and two top-level keys: six more make 20,000.
  for (let i = 0; i < 6; i++) doc.components.push({ name: "one more", deep: [] });
  assert.ok([...jsonTextChunks(doc)].length > 1);
});

Deno.test("jsonTextChunks: a document of few entries too long for one string is chunked, not an error", () => {
  // 1,000 components, each depending on all: 2,010 entries two levels down, 615 million
  // characters (V8's longest string is about 537 million): JSON.stringify of it whole throws.
  const refs = Array.from({ length: 1000 }, (_, i) => `pkg:npm/${"x".repeat(590)}@${i}`);
  const doc = {
    components: refs.map((ref) => ({ "bom-ref": ref })),
    dependencies: refs.map((ref) => ({ ref, dependsOn: refs })),
  };
  let length = 0;
  let chunks = 0;
  for (const chunk of jsonTextChunks(doc)) {
    length += chunk.length;
    chunks++;
  }
  assert.ok(chunks > 1000, `${chunks} chunks`);
  assert.ok(length > 2 ** 29, `${length} characters`); // more than one string holds
});

Deno.test("countBelow: how many sorted numbers are below a value, equal ones not counted", () => {
  const sorted = [2, 5, 5, 9];
  assert.deepEqual([0, 2, 3, 5, 6, 9, 10].map((v) => countBelow(sorted, v)), [0, 0, 1, 1, 3, 3, 4]);
  assert.equal(countBelow([], 1), 0);
});

Deno.test("jsonShape ignores brackets in strings", () => {
  assert.deepEqual(jsonShape('{"a": [1, {"b": "[[[\\"{"}]}'), {
    depth: 3,
    containers: 3,
    members: 1,
  });
  assert.equal(jsonShape("[".repeat(1000)).depth, 1000);
  assert.deepEqual(jsonShape("1"), { depth: 0, containers: 0, members: 0 });
  // Escaped quotes and runs of backslashes: a quote after an odd run is in the string.
  assert.deepEqual(jsonShape('["\\\\", ["\\"]"]]'), { depth: 2, containers: 2, members: 0 });
  assert.deepEqual(jsonShape('["\\\\\\"]", [[]]'), { depth: 3, containers: 3, members: 0 });
  // An unterminated string holds the rest.
  assert.deepEqual(jsonShape('[{"a": "[[[ }'), { depth: 2, containers: 2, members: 1 });
  // The members of the largest object: its commas and one, not those of an array or a string.
  assert.equal(jsonShape('{"a": 1, "b": [1, 2, 3, 4], "c": {"d": ",,,", "e": 2}}').members, 3);
  assert.equal(jsonShape("[1, 2, 3]").members, 0);
});

Deno.test("jsonShape: the same shape as a walk over every character, on random JSON-like text", () => {
  const walk = (text: string): { depth: number; containers: number; members: number } => {
    let depth = 0, max = 0, containers = 0, inString = false, members = 0;
    const open: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === "\\") i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === "[" || c === "{") {
        containers++;
        max = Math.max(max, ++depth);
        open.push(c === "{" ? 1 : 0);
        if (c === "{") members = Math.max(members, 1);
      } else if (c === "]" || c === "}") {
        depth--;
        open.pop();
      } else if (c === "," && open.length > 0 && open[open.length - 1] > 0) {
        members = Math.max(members, ++open[open.length - 1]);
      }
    }
    return { depth: max, containers, members };
  };
  let seed = 20261203;
  const random = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  for (let round = 0; round < 2000; round++) {
    const text = Array.from({ length: random(40) }, () => '[]{}"\\a, '[random(9)]).join("");
    assert.deepEqual(jsonShape(text), walk(text), JSON.stringify(text));
  }
});

Deno.test("parseJsonText: JSON.parse, but an object of too many members is a SyntaxError, not an aborted process", () => {
  assert.deepEqual(parseJsonText('{"a": [1, {"b": 2}]}'), { a: [1, { b: 2 }] });
  assert.throws(() => parseJsonText("{"), SyntaxError);
  // V8's JSON.parse aborts the process (a failed check) on an object of over 8,388,607 members.
  const members = (n: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(`"${i.toString(36)}":0`);
    return `{${parts.join(",")}}`;
  };
  assert.throws(
    () => parseJsonText(members(MAX_JSON_OBJECT_MEMBERS + 1)),
    (e) => e instanceof SyntaxError && /over the 4000000 vouch parses/.test(e.message),
  );
  // As many in an array are values, not members: parsed.
  const array = `[${"0,".repeat(MAX_JSON_OBJECT_MEMBERS)}0]`;
  assert.equal((parseJsonText(array) as number[]).length, MAX_JSON_OBJECT_MEMBERS + 1);
});
