import assert from "node:assert/strict";
import { markerNames, mayHold, parseMarker } from "../../../src/inventory/python/_markers.ts";

const none = new Set<string>();
const select = (extras: string[], groups: string[]) => ({
  extras: new Set(extras),
  groups: new Set(groups),
});

Deno.test("mayHold: extras and dependency groups decide, the rest is unknown", () => {
  const m = parseMarker(
    `sys_platform == "win32" and "default" in dependency_groups or "test" in dependency_groups`,
  );
  assert.equal(mayHold(m, select([], ["default"])), true, "win32 may hold");
  assert.equal(mayHold(m, select([], ["test"])), true);
  assert.equal(mayHold(m, select([], ["lint"])), false);
  assert.equal(mayHold(m, { extras: none, groups: none }), false);
  const extra = parseMarker(`python_version >= '3.9' and ('socks' in extras or extra == "http2")`);
  assert.equal(mayHold(extra, select(["socks"], [])), true);
  assert.equal(mayHold(extra, select(["http2"], [])), true);
  assert.equal(mayHold(extra, select([], [])), false);
  const negated = parseMarker(`"dev" not in dependency_groups`);
  assert.equal(mayHold(negated, select([], ["dev"])), false);
  assert.equal(mayHold(negated, select([], [])), true);
  assert.equal(mayHold(parseMarker(`python_version < "3.11"`), select([], [])), true);
  assert.equal(
    mayHold(parseMarker(`"a" in extras and "a" not in extras or os_name == "nt"`), select([], [])),
    true,
    "unknown or false is unknown",
  );
});

Deno.test("markerNames: the extras and groups a marker names", () => {
  const names = markerNames(
    parseMarker(
      `"docs" in dependency_groups or extra == 'cli' or "s3" in extras and "x" == os_name`,
    ),
  );
  assert.deepEqual([...names.extras].sort(), ["cli", "s3"]);
  assert.deepEqual([...names.groups], ["docs"]);
});

Deno.test("parseMarker: malformed markers are errors", () => {
  for (
    const text of [
      `python_version <`,
      `("a" in extras`,
      `"a" in extras xor "b" in extras`,
      `$x == "1"`,
      `"a" in`,
    ]
  ) {
    assert.throws(() => parseMarker(text), Error, text);
  }
});

Deno.test("parseMarker: a marker nested or long beyond any real one is an error, not a stack overflow", () => {
  const parens = (n: number): string => `${"(".repeat(n)}extra == "a"${")".repeat(n)}`;
  assert.equal(
    mayHold(parseMarker(parens(32)), { extras: new Set(["a"]), groups: new Set() }),
    true,
  );
  assert.throws(() => parseMarker(parens(33)), /parentheses nested more than 32 deep/);
  assert.throws(() => parseMarker(parens(50_000)), /longer than 10000 tokens/);
  // The longest chain allowed is read and evaluated (its tree is as deep as it is long).
  const chain = (n: number): string => Array(n).fill('extra == "a"').join(" or ");
  const longest = parseMarker(chain(2500));
  assert.equal(mayHold(longest, { extras: new Set(["a"]), groups: new Set() }), true);
  assert.deepEqual([...markerNames(longest).extras], ["a"]);
  assert.throws(() => parseMarker(chain(50_000)), /longer than 10000 tokens/);
});
