import assert from "node:assert/strict";
import {
  type ComponentInit,
  distributionFields,
  lockFolderNode,
  MAX_COMPONENTS,
  MAX_EDGES,
  OutputBuilder,
} from "../../src/inventory/_builder.ts";
import type { Component } from "../../src/inventory/types.ts";
import { ROOT_ID } from "../../src/inventory/types.ts";
import { cpuStopwatch } from "../_util.ts";

const npm = (name: string, extra: Partial<ComponentInit> = {}): ComponentInit => ({
  purl: `pkg:npm/${name}@1.0.0`,
  ecosystem: "npm",
  name,
  version: "1.0.0",
  sources: ["package-lock.json"],
  ...extra,
});

Deno.test("component merges occurrences: direct OR-ed, sets unioned, first download kept", () => {
  const b = new OutputBuilder();
  const id = b.component(npm("ms", {
    hashes: [{ alg: "sha512", hex: "bb".repeat(64) }],
    scopes: ["dev"],
    groups: ["g2"],
    sources: ["b/package-lock.json"],
  }));
  assert.equal(id, "pkg:npm/ms@1.0.0");
  b.component(npm("ms", {
    hashes: [{ alg: "sha512", hex: "aa".repeat(64) }, { alg: "sha1", hex: "cc".repeat(20) }, {
      alg: "sha512",
      hex: "bb".repeat(64),
    }],
    downloadLocation: "https://first/ms.tgz",
    direct: true,
    scopes: ["optional", "dev"],
    groups: ["g1"],
    sources: ["a/package-lock.json"],
  }));
  b.component(npm("ms", { downloadLocation: "https://second/ms.tgz", direct: false }));
  assert.deepEqual(b.build().components, [{
    id: "pkg:npm/ms@1.0.0",
    ecosystem: "npm",
    name: "ms",
    version: "1.0.0",
    purl: "pkg:npm/ms@1.0.0",
    hashes: [{ alg: "sha1", hex: "cc".repeat(20) }, { alg: "sha512", hex: "aa".repeat(64) }, {
      alg: "sha512",
      hex: "bb".repeat(64),
    }],
    downloadLocation: "https://first/ms.tgz",
    direct: true,
    scopes: ["dev", "optional"],
    groups: ["g1", "g2"],
    sources: ["a/package-lock.json", "b/package-lock.json", "package-lock.json"],
  }]);
});

Deno.test("component and declare: a million groups or sources are merged, no stack overflow", () => {
  // `push(...items)` overflowed the stack (an internal error, exit 3) on a gradle.lockfile line
  // of 200,000 configurations.
  const many = Array.from({ length: 1_000_000 }, (_, i) => `g${i}`);
  const b = new OutputBuilder();
  const id = b.component(npm("ms", { groups: many, sources: many }));
  b.declare(id, many);
  const [component] = b.build().components;
  assert.equal(component.groups?.length, many.length);
  assert.equal(component.sources.length, many.length);
});

Deno.test("component: an occurrence with its own id is another component of the same purl", () => {
  const b = new OutputBuilder();
  const patched = "patch:pkg:npm/ms@1.0.0#p.patch";
  assert.equal(b.component(npm("ms", { id: patched, patches: ["p.patch"] })), patched);
  assert.equal(b.component(npm("ms")), "pkg:npm/ms@1.0.0");
  b.component(npm("ms", { id: patched, direct: true }));
  assert.deepEqual(
    b.build().components.map((c) => `${c.id} ${c.purl} ${c.direct} ${c.patches ?? "-"}`),
    [`${patched} pkg:npm/ms@1.0.0 true p.patch`, "pkg:npm/ms@1.0.0 pkg:npm/ms@1.0.0 false -"],
  );
});

Deno.test("component: no scope means runtime, absent fields are absent keys, first specifier kept", () => {
  const b = new OutputBuilder();
  b.component({ purl: "pkg:pypi/rich", ecosystem: "pypi", name: "rich", sources: ["a.txt"] });
  b.component({
    purl: "pkg:pypi/rich",
    ecosystem: "pypi",
    name: "rich",
    specifier: ">=13",
    sources: ["b.txt"],
  });
  b.component({
    purl: "pkg:pypi/rich",
    ecosystem: "pypi",
    name: "rich",
    specifier: ">=12",
    sources: [],
  });
  b.component({
    purl: "pkg:pypi/idna@3.7",
    ecosystem: "pypi",
    name: "idna",
    version: "3.7",
    specifier: "==3.7",
    sources: ["c.txt"],
  });
  const [idna, rich] = b.build().components;
  assert.deepEqual(Object.keys(rich), [
    "id",
    "ecosystem",
    "name",
    "specifier",
    "purl",
    "hashes",
    "direct",
    "scopes",
    "groups",
    "sources",
  ]);
  assert.equal(rich.specifier, ">=13");
  assert.deepEqual(rich.scopes, ["runtime"]);
  assert.deepEqual(rich.sources, ["a.txt", "b.txt"]);
  assert.equal(idna.version, "3.7");
  assert.ok(!("specifier" in idna), "a pinned component has no specifier");
});

Deno.test("add merges finished components, keeping the first one's fields and key order", () => {
  const first: Component = {
    id: "pkg:pypi/a@1",
    ecosystem: "pypi",
    name: "A",
    version: "1",
    specifier: "==1",
    purl: "pkg:pypi/a@1",
    hashes: [{ alg: "sha256", hex: "bb".repeat(32) }],
    direct: false,
    scopes: ["runtime"],
    groups: [],
    sources: ["poetry.lock"],
  };
  const second: Component = {
    ...first,
    name: "a",
    specifier: ">=1",
    hashes: [{ alg: "sha256", hex: "aa".repeat(32) }],
    downloadLocation: "https://x/a-1.tar.gz",
    license: "MIT",
    direct: true,
    scopes: ["dev"],
    groups: ["test"],
    sources: ["uv.lock"],
  };
  const b = new OutputBuilder();
  assert.equal(b.add(first), first.id);
  b.add(second);
  const [merged] = b.build().components;
  assert.deepEqual(merged, {
    ...first,
    hashes: [{ alg: "sha256", hex: "aa".repeat(32) }, { alg: "sha256", hex: "bb".repeat(32) }],
    direct: true,
    scopes: ["dev", "runtime"],
    groups: ["test"],
    sources: ["poetry.lock", "uv.lock"],
    downloadLocation: "https://x/a-1.tar.gz",
    license: "MIT",
  });
  assert.deepEqual(Object.keys(merged).slice(-2), ["downloadLocation", "license"]);
  assert.deepEqual(first.sources, ["poetry.lock"], "the added component is not changed");
});

Deno.test("addOutput takes members, components and edges; the first member per id wins", () => {
  const b = new OutputBuilder();
  const member = { id: "pkg:npm/ws@1", name: "ws", version: "1" };
  b.addOutput({
    members: [member],
    components: [],
    edges: [{ from: ROOT_ID, to: member.id, scope: "runtime" }],
  });
  b.addOutput({
    members: [{ id: member.id, name: "other" }],
    components: [],
    edges: [{ from: ROOT_ID, to: member.id, scope: "runtime" }],
  });
  const out = b.build();
  assert.deepEqual(out.members, [member]);
  assert.deepEqual(out.edges, [{ from: ROOT_ID, to: member.id, scope: "runtime" }]);
});

Deno.test("build: directFromEdges marks what the root and members depend on", () => {
  const build = (directFromEdges: boolean): string[] => {
    const b = new OutputBuilder();
    const ws = b.member({ id: "workspace:a", name: "a" });
    const x = b.component(npm("x"));
    const y = b.component(npm("y"));
    const z = b.component(npm("z"));
    b.component(npm("w", { direct: true }));
    b.edge(ROOT_ID, x, "runtime");
    b.edge(ws, y, "dev");
    b.edge(x, z, "runtime");
    b.edge("workspace:unknown", z, "runtime");
    return b.build({ directFromEdges }).components.filter((c) => c.direct).map((c) => c.name);
  };
  assert.deepEqual(build(true), ["w", "x", "y"]);
  assert.deepEqual(build(false), ["w"]);
});

Deno.test("build: edges sorted and unique, dangling ones dropped or thrown", () => {
  const b = new OutputBuilder();
  const x = b.component(npm("x"));
  const y = b.component(npm("y"));
  b.edge(y, x, "runtime");
  b.edge(x, y, "optional");
  b.edge(x, y, "dev");
  b.edge(x, y, "dev");
  b.edge(x, x, "runtime");
  b.edge(ROOT_ID, y, "runtime");
  b.edge(x, "pkg:npm/gone@1.0.0", "runtime");
  assert.deepEqual(b.build().edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
    `${x} ${y} dev`,
    `${x} ${y} optional`,
    `${y} ${x} runtime`,
    `${ROOT_ID} ${y} runtime`,
  ]);
  assert.throws(
    () => b.build({ danglingEdges: "throw" }),
    /^Error: internal: dangling inventory edge pkg:npm\/x@1\.0\.0 -> pkg:npm\/gone@1\.0\.0$/,
  );
});

Deno.test("build: the error of dangling edges names the first one added", () => {
  const b = new OutputBuilder();
  const x = b.component(npm("x"));
  b.edge(x, "pkg:npm/z@1.0.0", "runtime");
  b.edge("pkg:npm/gone@1.0.0", x, "dev");
  b.edge(x, "pkg:npm/a@1.0.0", "runtime");
  assert.throws(
    () => b.build({ danglingEdges: "throw" }),
    /^Error: internal: dangling inventory edge pkg:npm\/x@1\.0\.0 -> pkg:npm\/z@1\.0\.0$/,
  );
});

Deno.test("declare and hasComponent: only known components, direct under groups", () => {
  const b = new OutputBuilder();
  const x = b.component(npm("x"));
  b.declare(x, ["docs"]);
  b.declare("pkg:npm/unknown@1.0.0", ["docs"]);
  assert.equal(b.hasComponent(x), true);
  assert.equal(b.hasComponent("pkg:npm/unknown@1.0.0"), false);
  assert.deepEqual(b.build().components.map((c) => [c.name, c.direct, c.groups]), [
    ["x", true, ["docs"]],
  ]);
});

Deno.test("propagateScopes: first-edge scopes through every path, own scopes kept", () => {
  const b = new OutputBuilder();
  const ws = b.member({ id: "pkg:pypi/ws@1", name: "ws" });
  const [a, bb, c, own, lone] = ["a", "b", "c", "own", "lone"].map((n) => b.component(npm(n)));
  b.component(npm("own", { scopes: ["build"] }));
  b.edge(ROOT_ID, a, "runtime");
  b.edge(ws, bb, "dev");
  b.edge(a, c, "dev");
  b.edge(bb, c, "runtime");
  b.edge(c, a, "runtime");
  b.edge(ROOT_ID, own, "runtime");
  b.propagateScopes();
  const scopes = Object.fromEntries(b.build().components.map((x) => [x.id, x.scopes]));
  assert.deepEqual(scopes[a], ["dev", "runtime"]);
  assert.deepEqual(scopes[bb], ["dev"]);
  assert.deepEqual(scopes[c], ["dev", "runtime"]);
  assert.deepEqual(scopes[own], ["build"]);
  assert.deepEqual(scopes[lone], ["runtime"]);
});

Deno.test("OutputBuilder stays linear: 20,000 components in a chain", () => {
  const b = new OutputBuilder();
  let previous = ROOT_ID;
  for (let i = 0; i < 20_000; i++) {
    const id = b.component(
      npm(`p${i}`, { hashes: [{ alg: "sha512", hex: i.toString(16).padStart(128, "0") }] }),
    );
    b.component(npm(`p${i}`, { sources: [`other${i % 3}`] }));
    b.edge(previous, id, "runtime");
    previous = id;
  }
  b.propagateScopes();
  const elapsed = cpuStopwatch();
  const out = b.build({ directFromEdges: true });
  assert.ok(elapsed() < 2_000, "build took too long");
  assert.equal(out.components.length, 20_000);
  assert.equal(out.edges.length, 20_000);
  assert.equal(out.components.filter((c) => c.direct).length, 1);
});

Deno.test("distributionFields: one file's hashes are the component's, several stay per file", () => {
  const sha = (hex: string) => ({ alg: "sha256" as const, hex: hex.repeat(32) });
  assert.deepEqual(distributionFields([{ url: "https://x/a-1.tgz", hashes: [sha("aa")] }]), {
    hashes: [sha("aa")],
    distributions: [],
    downloadLocation: "https://x/a-1.tgz",
  });
  const two = [{ file: "a-1.tar.gz", hashes: [sha("aa")] }, {
    file: "a-1.whl",
    hashes: [sha("bb")],
  }];
  assert.deepEqual(distributionFields(two), { hashes: [], distributions: two });
  assert.deepEqual(distributionFields([{ hashes: [] }]), { hashes: [], distributions: [] });
});

Deno.test("component: a distribution's URL or file name loses its credentials", () => {
  const b = new OutputBuilder();
  b.component(npm("a", {
    distributions: [
      { url: "https://u:s3cret@x.example/a.whl", hashes: [] },
      { file: "https://__token__:s3cret@x.example/b.whl", hashes: [] },
      { url: "https://x.example/c.whl?X-Amz-Signature=s3cret&v=1", hashes: [] },
    ],
  }));
  const [a] = b.build().components;
  assert.ok(!JSON.stringify(a).includes("s3cret"), JSON.stringify(a));
  assert.ok(a.distributions?.some((d) => d.url === "https://x.example/c.whl?v=1"));
});

Deno.test("component: free text quoting a URL (specifier, license, groups, patches) loses its credentials", () => {
  const url = "https://u:s3cret@x.example/a.tgz";
  const b = new OutputBuilder();
  b.component({
    ...npm("a"),
    version: undefined,
    specifier: url,
    license: `see ${url}`,
    groups: [url],
    patches: [url],
    bundled: [url],
  });
  b.declare("pkg:npm/a@1.0.0", [url]);
  const [a] = b.build().components;
  assert.equal(a.specifier, "https://x.example/a.tgz");
  assert.ok(!JSON.stringify(a).includes("s3cret"), JSON.stringify(a));
});

Deno.test("component: the bundled names of its occurrences merge, sorted, each once; none: absent", () => {
  const b = new OutputBuilder();
  b.component(npm("npm", { bundled: ["semver", "@npmcli/arborist"] }));
  b.component(npm("npm", { bundled: ["abbrev", "semver"] }));
  b.component(npm("plain", { bundled: [] }));
  const [withBundled, plain] = b.build().components;
  assert.deepEqual(withBundled.bundled, ["@npmcli/arborist", "abbrev", "semver"]);
  assert.ok(!("bundled" in plain));
});

Deno.test("component: distributions merge per URL/file name, unnamed ones by hash, sorted", () => {
  const sha = (hex: string) => ({ alg: "sha256" as const, hex: hex.repeat(32) });
  const b = new OutputBuilder();
  b.component(npm("a", {
    distributions: [{ url: "https://x/b.whl", hashes: [sha("bb")] }, { hashes: [sha("11")] }],
  }));
  b.component(npm("a", {
    distributions: [
      { url: "https://x/b.whl", hashes: [sha("bb"), sha("cc")] },
      { url: "https://x/a.tgz", hashes: [sha("aa")] },
      { hashes: [sha("22")] },
    ],
  }));
  b.component(npm("plain"));
  const [a, plain] = b.build().components;
  assert.deepEqual(a.distributions, [
    { hashes: [sha("11")] },
    { hashes: [sha("22")] },
    { url: "https://x/a.tgz", hashes: [sha("aa")] },
    { url: "https://x/b.whl", hashes: [sha("bb"), sha("cc")] },
  ]);
  assert.deepEqual(a.hashes, []);
  assert.equal("distributions" in plain, false, "absent when none");
  // URL first (a prefix sorts first), then file name; a file without URL before any URL.
  const c = new OutputBuilder();
  const files = [
    { url: "https://x/a.whl", file: "z", hashes: [sha("01")] },
    { url: "https://x/a", hashes: [sha("02")] },
    { url: "https://x/a.whl", file: "y", hashes: [sha("03")] },
    { file: "only.tgz", hashes: [sha("04")] },
  ];
  c.component(npm("c", { distributions: files }));
  assert.deepEqual(c.build().components[0].distributions, [files[3], files[1], files[2], files[0]]);
  // Files known by one hash each: by algorithm, then hex.
  const d = new OutputBuilder();
  const hashed = [
    { hashes: [sha("bb")] },
    { hashes: [{ alg: "md5" as const, hex: "ff".repeat(16) }] },
    { hashes: [sha("aa")] },
    { hashes: [{ alg: "sha1" as const, hex: "00".repeat(20) }] },
  ];
  d.component(npm("d", { distributions: hashed }));
  assert.deepEqual(d.build().components[0].distributions, [
    hashed[1],
    hashed[3],
    hashed[2],
    hashed[0],
  ]);
  assert.deepEqual(Object.keys(a).slice(0, 8), [
    "id",
    "ecosystem",
    "name",
    "version",
    "purl",
    "hashes",
    "distributions",
    "direct",
  ]);
});

Deno.test("component: a file known by its hash alone, in three occurrences, is one file", () => {
  // A Pipfile.lock package in `default`, `develop` and a custom category: the same hashes thrice.
  const sha = (hex: string) => ({ alg: "sha256" as const, hex: hex.repeat(32) });
  const b = new OutputBuilder();
  for (let i = 0; i < 3; i++) {
    b.component(npm("a", { distributions: [{ hashes: [sha("aa")] }, { hashes: [sha("bb")] }] }));
  }
  assert.deepEqual(b.build().components[0].distributions, [
    { hashes: [sha("aa")] },
    { hashes: [sha("bb")] },
  ]);
});

Deno.test("component: 20,000 entries of one file merge in linear time", () => {
  // A pylock.toml whose wheel line is repeated 20,000 times took 10 s (each copy's hashes were
  // added to a new list of all those before it), 40,000: 42 s.
  const sha = (hex: string) => ({ alg: "sha256" as const, hex: hex.repeat(32) });
  const b = new OutputBuilder();
  const files = Array.from({ length: 20_000 }, (_, i) => ({
    url: "https://x/a.whl",
    hashes: [sha(i % 2 === 0 ? "aa" : "bb")],
  }));
  b.component(npm("a", { distributions: files }));
  const elapsed = cpuStopwatch();
  const [a] = b.build().components;
  assert.ok(elapsed() < 2_000, `${elapsed()} ms`);
  assert.deepEqual(a.distributions, [{ url: "https://x/a.whl", hashes: [sha("aa"), sha("bb")] }]);
});

Deno.test("lockFolderNode: the root for a lock at the root; else a member for its folder, the root's", () => {
  const builder = new OutputBuilder();
  let made = 0;
  const own = () => {
    made++;
    return { id: "pkg:pypi/api@1.0", name: "api", version: "1.0", purl: "pkg:pypi/api@1.0" };
  };
  assert.equal(lockFolderNode(builder, "uv.lock", own), ROOT_ID);
  assert.equal(lockFolderNode(builder, "./Gemfile.lock"), ROOT_ID);
  assert.equal(made, 0, "the lock's own member is made only for a subfolder");
  assert.equal(lockFolderNode(builder, "api/uv.lock", own), "pkg:pypi/api@1.0");
  assert.equal(lockFolderNode(builder, "web/app/Gemfile.lock"), "workspace:web/app");
  const out = builder.build();
  assert.deepEqual(out.members.map((m) => `${m.id} ${m.name}`), [
    "pkg:pypi/api@1.0 api",
    "workspace:web/app web/app",
  ]);
  assert.deepEqual(out.edges.map((e) => `${e.from} ${e.to} ${e.scope}`), [
    `${ROOT_ID} pkg:pypi/api@1.0 runtime`,
    `${ROOT_ID} workspace:web/app runtime`,
  ]);
});

Deno.test("OutputBuilder: more than MAX_COMPONENTS components, or MAX_EDGES edges, is inventory.too_large", () => {
  const builder = new OutputBuilder();
  for (let i = 0; i < MAX_COMPONENTS; i++) builder.component(npm(`p${i}`));
  builder.component(npm("p0", { direct: true })); // an occurrence of a known one is no new one
  assert.throws(
    () => builder.component(npm("one-more")),
    (e: Error & { code?: string }) =>
      e.code === "inventory.too_large" && e.message.includes("more than 250,000 components"),
  );
  const edges = new OutputBuilder();
  const ids = Array.from({ length: 2_000 }, (_, i) => edges.component(npm(`q${i}`)));
  let added = 0;
  for (let i = 0; added < MAX_EDGES; i++) {
    for (let j = 0; j < ids.length && added < MAX_EDGES; j++, added++) {
      edges.edge(ids[i], ids[j] === ids[i] ? ROOT_ID : ids[j], "runtime");
    }
  }
  edges.edge(ids[0], ids[1], "runtime"); // known: no new edge
  assert.throws(
    () => edges.edge(ids[0], ids[1], "dev"),
    (e: Error & { code?: string }) =>
      e.code === "inventory.too_large" && e.message.includes("more than 2,500,000 edges"),
  );
});
