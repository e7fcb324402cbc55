import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import { pypiPurl } from "../../../src/inventory/purl.ts";
import { mxdevConfig, readRequirements } from "../../../src/inventory/python/requirements.ts";
import { ROOT_ID } from "../../../src/inventory/types.ts";
import { readerFor } from "../../../src/inventory/_registry.ts";
import { cpuStopwatch, fixture, SHARED_DIR, skipWithoutShared, withTempDir } from "../../_util.ts";
import { allHashes, assertVouchError } from "../_lockfile_invariants.ts";
import { readInventory } from "../../../src/inventory/mod.ts";
import { writeTree } from "../_tree.ts";

/** Reads `fixtures/python/<name>` with includes resolved beside the top file. */
function readFixture(name: string): ReturnType<typeof readRequirements> {
  const dir = name.includes("/") ? name.slice(0, name.lastIndexOf("/")) : "";
  const load = (rel: string): string | undefined => {
    try {
      return Deno.readTextFileSync(fixture("python", dir, rel));
    } catch {
      return undefined;
    }
  };
  return readRequirements(load(name.slice(dir.length + 1))!, { path: name, include: load });
}

const INDEX = { repository_url: "https://pypi.example.com/simple" };

Deno.test("readRequirements: pins, hashes, continuations, includes and constraints", () => {
  const out = readFixture("requirements/main.txt");
  const byName = new Map(out.components.map((c) => [c.name, c]));
  assert.deepEqual([...byName.keys()].sort(), [
    "Django",
    "attrs",
    "colorama",
    "editable_lib",
    "named-url",
    "packaging",
    "six",
    "vcs-lib",
    "wheel_pkg",
  ]);
  const django = byName.get("Django");
  assert.equal(django?.id, pypiPurl("django", "5.0.7", INDEX));
  assert.deepEqual(django?.hashes, [], "two --hash values: one per file, not the package's");
  assert.deepEqual(django?.distributions, [
    { hashes: [{ alg: "sha256", hex: "a".repeat(64) }] },
    { hashes: [{ alg: "sha256", hex: "b".repeat(64) }] },
  ]);
  assert.deepEqual(django?.groups, []);
  // attrs is unpinned; the constraint file pins it; unused constraints add nothing
  assert.equal(byName.get("attrs")?.version, "23.2.0");
  assert.ok(!out.components.some((c) => c.name === "unused-constraint"));
  assert.deepEqual(byName.get("six")?.sources, ["requirements/base.txt"]);
  assert.equal(byName.get("six")?.hashes.length, 1);
  assert.deepEqual(byName.get("packaging")?.sources, ["requirements/common/shared.txt"]);
  assert.equal(byName.get("colorama")?.version, "0.4.6");
  for (const c of out.components) {
    assert.equal(c.direct, true);
    assert.deepEqual(c.scopes, ["runtime"]);
    assert.ok(out.edges.some((e) => e.from === ROOT_ID && e.to === c.id && e.scope === "runtime"));
  }
  assert.equal(out.edges.length, out.components.length);
});

Deno.test("readRequirements: editable, VCS and URL requirements; local paths skipped", () => {
  const out = readFixture("requirements/main.txt");
  const byName = new Map(out.components.map((c) => [c.name, c]));
  assert.equal(
    byName.get("editable_lib")?.id,
    pypiPurl("editable_lib", undefined, {
      vcs_url: "git+https://github.com/example/editable-lib.git@v1.2",
    }),
  );
  const vcs = "git+https://github.com/example/vcs-lib.git@0123456789abcdef0123456789abcdef01234567";
  assert.equal(byName.get("vcs-lib")?.downloadLocation, vcs);
  const wheel = byName.get("wheel_pkg");
  assert.equal(wheel?.version, "1.0");
  assert.deepEqual(wheel?.hashes, [{ alg: "sha256", hex: "4".repeat(64) }]);
  assert.equal(wheel?.downloadLocation, "https://example.com/dist/wheel_pkg-1.0-py3-none-any.whl");
  assert.equal(
    byName.get("named-url")?.id,
    pypiPurl("named-url", "2.0", {
      download_url: "https://example.com/archive/named-url-2.0.tar.gz",
    }),
  );
  assert.ok(!out.components.some((c) => c.name === "." || c.name.includes("local")));
});

Deno.test("readRequirements: lines end as pip splits them (a CR alone too), not one long comment", () => {
  const text = "# pinned\nflask==3.1.0 \\\n    --hash=sha256:" + "a".repeat(64) +
    "\nrequests==2.32.3 --hash=sha256:" + "b".repeat(64) + "\n";
  const ids = (t: string): string[] =>
    readRequirements(t, { path: "requirements.txt" }).components.map((c) => c.id);
  assert.deepEqual(ids(text), ["pkg:pypi/flask@3.1.0", "pkg:pypi/requests@2.32.3"]);
  assert.deepEqual(ids(text.replaceAll("\n", "\r")), ids(text)); // was [] (exit 0)
  assert.deepEqual(ids(text.replaceAll("\n", "\r\n")), ids(text));
  // A comment line ending with `\` continues nothing (pip's join_lines): the next line was lost in it.
  const comments = "# Windows: see C:\\path\\\nflask==3.1.0\n    # via app \\\nrequests==2.32.3\n";
  assert.deepEqual(ids(comments), ["pkg:pypi/flask@3.1.0", "pkg:pypi/requests@2.32.3"]);
});

Deno.test("readRequirements: a distribution file in the tree is the package its name says", () => {
  const text = [
    "--index-url https://pypi.example.com/simple",
    "./vendor/Local_Pkg-0.3.0.tar.gz --hash=sha256:" + "a".repeat(64),
    "dist/tool-2.1-py3-none-any.whl",
    "renamed @ file:///opt/wheels/other_name-1.0-py3-none-any.whl",
    "./libs/own",
    "-e .",
  ].join("\n");
  const out = readRequirements(text, { path: "requirements.txt" });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:pypi/local-pkg@0.3.0?file_name=Local_Pkg-0.3.0.tar.gz",
    "pkg:pypi/renamed?file_name=other_name-1.0-py3-none-any.whl",
    "pkg:pypi/tool@2.1?file_name=tool-2.1-py3-none-any.whl",
  ]);
  const local = out.components[0];
  assert.deepEqual(local.hashes, [{ alg: "sha256", hex: "a".repeat(64) }]);
  assert.equal(local.downloadLocation, undefined);
});

Deno.test("readRequirements: cycles, missing includes and malformed lines fail with a line", () => {
  const cases: Array<[string, RegExp]> = [
    ["requirements/cycle_a.txt", /^requirements\/cycle_b\.txt:1: include cycle/],
    ["requirements/missing_include.txt", /^requirements\/missing_include\.txt:2: .*"nowhere\.txt"/],
    [
      "requirements/bad.txt",
      /^requirements\/bad\.txt:3: invalid requirement "this is not valid !!"/,
    ],
  ];
  for (const [file, message] of cases) {
    assert.throws(
      () => readFixture(file),
      (e: unknown) =>
        e instanceof VouchError && e.code === "inventory.requirements.invalid" &&
        message.test(e.message),
      file,
    );
  }
  assert.throws(
    () => readRequirements("-r other.txt\n", { path: "requirements.txt" }),
    (e: unknown) => e instanceof VouchError && e.code === "inventory.requirements.invalid",
  );
});

Deno.test("readRequirements: a bad %-escape in an archive URL is read as written, not thrown", () => {
  // decodeURIComponent("pkg%ZZ-1.0.tar.gz") throws a URIError; that used to end as exit 3.
  const url = "https://example.com/dist/pkg%ZZ-1.0.tar.gz";
  const out = readRequirements(`${url}\nhttps://example.com/dist/my%20pkg-2.0.tar.gz\n`, {
    path: "r.txt",
  });
  const byName = new Map(out.components.map((c) => [c.name, c]));
  assert.deepEqual([...byName.keys()].sort(), ["my pkg", "pkg%ZZ"]);
  const bad = byName.get("pkg%ZZ");
  assert.equal(bad?.version, "1.0");
  assert.equal(bad?.downloadLocation, url);
  assert.equal(bad?.id, pypiPurl("pkg%ZZ", "1.0", { download_url: url }));
  // A well-formed escape is still decoded for the name.
  assert.equal(byName.get("my pkg")?.version, "2.0");
  assert.ok(out.edges.every((e) => e.from === ROOT_ID));
  assert.equal(out.edges.length, 2);
  // Named explicitly, it keeps its declared name; the file name says pkg%ZZ, so nothing is pinned.
  const named = readRequirements(`pkg @ ${url}\n`, { path: "r.txt" });
  assert.deepEqual(named.components.map((c) => [c.name, c.version]), [["pkg", undefined]]);
});

Deno.test("readRequirements: include paths are passed relative to the top file's folder", () => {
  const asked: string[] = [];
  readRequirements("-r ../shared/base.txt\n", {
    path: "reqs/prod/main.txt",
    include: (rel) => {
      asked.push(rel);
      return rel === "../shared/base.txt"
        ? "-c ./pins.txt\n"
        : rel === "../shared/pins.txt"
        ? ""
        : undefined;
    },
  });
  assert.deepEqual(asked, ["../shared/base.txt", "../shared/pins.txt"]);
});

Deno.test("readRequirements: corpus pip-compile files", () => {
  if (skipWithoutShared("requirements corpus accuracy")) return;
  const corpus = `${SHARED_DIR}/corpus`;
  const warehouseText = Deno.readTextFileSync(`${corpus}/pypi__warehouse/requirements/main.txt`);
  const warehouse = readRequirements(warehouseText, { path: "requirements/main.txt" });
  const ids = new Set(warehouse.components.map((c) => c.id));
  assert.equal(ids.size, 184);
  for (
    const s of [
      "pkg:pypi/alembic@1.18.5",
      "pkg:pypi/psycopg@3.3.4",
      "pkg:pypi/psycopg-binary@3.3.4",
    ]
  ) {
    assert.ok(ids.has(s), s);
  }
  const totalHashes = warehouse.components.reduce((n, c) => n + allHashes(c).length, 0);
  assert.equal(totalHashes, warehouseText.match(/--hash=sha256:/g)?.length);
  const block = warehouseText.split(/\n(?=\S)/).find((b) =>
    b.startsWith("argon2-cffi-bindings==")
  )!;
  const bindings = warehouse.components.find((c) => c.name === "argon2-cffi-bindings");
  assert.equal(allHashes(bindings!).length, block.match(/--hash=/g)?.length);
  assert.ok(allHashes(bindings!).length > 10);
  assert.deepEqual(bindings?.hashes, []);

  const rtd = readRequirements(
    Deno.readTextFileSync(`${corpus}/readthedocs__readthedocs.org/requirements.txt`),
    {
      path: "requirements.txt",
      include: (rel) => Deno.readTextFileSync(`${corpus}/readthedocs__readthedocs.org/${rel}`),
    },
  );
  const rtdIds = new Set(rtd.components.map((c) => c.id));
  assert.equal(rtdIds.size, 120);
  for (
    const s of [
      "pkg:pypi/django-allauth@65.17.0",
      "pkg:pypi/bumpver@2026.1132",
      "pkg:pypi/psycopg@3.3.4",
    ]
  ) {
    assert.ok(rtdIds.has(s), s);
  }
  assert.ok(rtd.components.every((c) => c.sources[0] === "requirements/pip.txt"));
});

Deno.test("readRequirements: pip's #subdirectory= is the SPDX #<sub_path> of the vcs_url", () => {
  const text = "git+https://github.com/acme/mono.git@4a23745badf5bf5ef7928f1e346e9986bd696d82" +
    "#egg=sub-pkg&subdirectory=libs/sub\n";
  const [pkg] = readRequirements(text, { path: "requirements.txt" }).components;
  assert.equal(
    pkg.downloadLocation,
    "git+https://github.com/acme/mono.git@4a23745badf5bf5ef7928f1e346e9986bd696d82#libs/sub",
  );
});

Deno.test("readRequirements: a file named for development lists dev requirements", () => {
  const files: Record<string, string> = {
    "requirements-dev.txt": "-r requirements.txt\npytest==8.2.0\n",
    "requirements.txt": "requests==2.32.3\n",
  };
  const out = readRequirements(files["requirements-dev.txt"], {
    path: "requirements-dev.txt",
    include: (rel) => files[rel],
  });
  const scopes = new Map(out.components.map((c) => [c.name, c.scopes]));
  assert.deepEqual(scopes.get("pytest"), ["dev"]);
  assert.deepEqual(
    scopes.get("requests"),
    ["runtime"],
    "what requirements.txt lists stays runtime",
  );
  for (
    const [path, scope] of [
      ["test-requirements.txt", "dev"],
      ["requirements/docs.txt", "dev"],
      ["docs/requirements.txt", "dev"],
      ["tests/requirements.txt", "dev"],
      ["services/api/requirements.txt", "runtime"],
      ["requirements_lint.txt", "dev"],
      ["requirements/base.txt", "runtime"],
      ["requirements-latest.txt", "runtime"],
      ["requirements/contest.txt", "runtime"],
      // django/django: the test suite's requirements, one file per database or Python flavour.
      ["tests/requirements/py3.txt", "dev"],
      ["tests/requirements/postgres.txt", "dev"],
      ["services/api/requirements/base.txt", "runtime"],
    ]
  ) {
    const [c] = readRequirements("idna==3.7\n", { path }).components;
    assert.deepEqual(c.scopes, [scope], path);
  }
});

Deno.test("readRequirements: a file only includes read has the scope of the files including it", () => {
  // celery's requirements/test.txt: `-r extras/yaml.txt` (the files of setup.py's extras) for the tests.
  const files: Record<string, string> = {
    "requirements/test.txt": "pytest==8.3.5\n-r extras/yaml.txt\n-r default.txt\n",
    "requirements/extras/yaml.txt": "PyYAML==6.0.2\n",
    "requirements/default.txt": "vine==5.1.0\n",
  };
  const out = readRequirements(files["requirements/test.txt"], {
    path: "requirements/test.txt",
    include: (rel) => files[`requirements/${rel}`],
    readAlone: (rel) => !rel.startsWith("extras/"),
  });
  const scopes = new Map(out.components.map((c) => [c.name, c.scopes]));
  assert.deepEqual(scopes.get("PyYAML"), ["dev"], "installed for the tests only");
  assert.deepEqual(scopes.get("vine"), ["runtime"], "default.txt, read on its own, says runtime");
  // A runtime file including it too makes it runtime, whichever include comes first.
  files["requirements/test.txt"] = "-r extras/yaml.txt\n-r default.txt\n";
  files["requirements/default.txt"] = "-r extras/yaml.txt\n";
  const both = readRequirements(files["requirements/test.txt"], {
    path: "requirements/test.txt",
    include: (rel) => files[`requirements/${rel}`],
    readAlone: (rel) => !rel.startsWith("extras/"),
  });
  assert.deepEqual(both.components.map((c) => [c.name, c.scopes]), [["PyYAML", ["runtime"]]]);
});

Deno.test("readRequirements: a base file only development files include keeps the runtime scope of its name", () => {
  // edx-platform's requirements/edx/: testing.txt includes base.txt, which production installs alone.
  const files: Record<string, string> = {
    "requirements/edx/testing.txt": "-r base.txt\n-r pip-tools.txt\npytest==8.3.5\n",
    "requirements/edx/base.txt": "Django==4.2.20\n",
    "requirements/edx/pip-tools.txt": "pip-tools==7.4.1\n",
  };
  const out = readRequirements(files["requirements/edx/testing.txt"], {
    path: "requirements/edx/testing.txt",
    include: (rel) => files[`requirements/edx/${rel}`],
    readAlone: () => false,
  });
  assert.deepEqual(out.components.map((c) => [c.name, c.scopes]), [
    ["Django", ["runtime"]],
    ["pip-tools", ["dev"]],
    ["pytest", ["dev"]],
  ]);
  // A base file in an extras folder is still the extra's.
  files["requirements/edx/testing.txt"] = "-r extras/base.txt\n";
  files["requirements/edx/extras/base.txt"] = "redis==5.2.1\n";
  const extra = readRequirements(files["requirements/edx/testing.txt"], {
    path: "requirements/edx/testing.txt",
    include: (rel) => files[`requirements/edx/${rel}`],
    readAlone: () => false,
  });
  assert.deepEqual(extra.components.map((c) => [c.name, c.scopes]), [["redis", ["optional"]]]);
});

Deno.test("readerFor: dev-requirements.txt and test-requirements.txt are requirements files", () => {
  for (const path of ["dev-requirements.txt", "test_requirements.txt", "a/test-requirements.txt"]) {
    assert.equal(readerFor(path)?.name, "requirements", path);
  }
  // pola-rs/polars' py-polars/build.requirements.txt: a `.` before the word, as `-` and `_`.
  for (const path of ["py-polars/build.requirements.txt", "docs.requirements.txt"]) {
    assert.equal(readerFor(path)?.name, "requirements", path);
  }
  const [docs] = readRequirements("idna==3.7\n", { path: "docs.requirements.txt" }).components;
  assert.deepEqual(docs.scopes, ["dev"]);
  assert.equal(readerFor("requirements-dev.in"), undefined);
  assert.equal(readerFor("myrequirements.txt"), undefined);
});

Deno.test("readerFor: a requirements/ folder's README, license or change log is no requirements file", () => {
  for (
    const path of [
      "requirements/README.txt",
      "requirements/edx/LICENSE.txt",
      "requirements/CHANGES.txt",
    ]
  ) {
    assert.equal(readerFor(path), undefined, path);
  }
  for (const path of ["requirements/base.txt", "requirements/edx/tools.txt"]) {
    assert.equal(readerFor(path)?.name, "requirements", path);
  }
});

Deno.test("readRequirements: credentials in an index or VCS URL never reach the purl", () => {
  const text = "--index-url https://__token__:glpat-S3CRET@gitlab.example/simple\nidna==3.7\n" +
    "git+https://ghp_S3CRET@github.com/acme/x.git@v1#egg=x\n";
  const out = readRequirements(text, { path: "requirements.txt" });
  assert.deepEqual(out.components.map((c) => c.purl), [
    pypiPurl("idna", "3.7", { repository_url: "https://gitlab.example/simple" }),
    pypiPurl("x", undefined, { vcs_url: "git+https://github.com/acme/x.git@v1" }),
  ]);
  assert.ok(!JSON.stringify(out).includes("S3CRET"));
});

Deno.test("readRequirements: ${VAR} references pip expands at install time warn once per file, never fail", () => {
  const out = readFixture("requirements-env/requirements.txt");
  const INTERNAL = { repository_url: "https://pypi.internal.example/simple" };
  assert.deepEqual(out.components.map((c) => c.purl), [
    // `https://${WHEELS_TOKEN}@…`: a credential, dropped; the requirement is whole.
    pypiPurl("acme-client", "1.4.0", {
      download_url: "https://wheels.internal.example/acme_client-1.4.0-py3-none-any.whl",
    }),
    // `https://${WHEELS_HOST}/…`: the name is known, the location is not.
    pypiPurl("acme-plugins"),
    pypiPurl("acme-tools", undefined, { vcs_url: "git+https://github.com/acme/tools.git@v2.1.0" }),
    pypiPurl("dagster", undefined, INTERNAL), // `==${DAGSTER_VERSION}`: no version
    pypiPurl("requests", "2.32.3", INTERNAL),
  ]);
  assert.equal(out.warnings?.length, 1);
  assert.match(
    out.warnings![0],
    /^requirements-env\/requirements\.txt:3: pip fills in \$\{VAR\} .* \(also lines 4, 5, 8, 10\)$/,
  );
  assert.ok(!JSON.stringify(out).includes("TOKEN"));
  // A line that is only a reference, alone: a warning and nothing else; no warning without one.
  const only = readRequirements("${PIP_EXTRA}\n", { path: "requirements.txt" });
  assert.deepEqual([only.components, only.warnings?.map((w) => w.slice(0, 20))], [[], [
    "requirements.txt:1: ",
  ]]);
  assert.equal(readRequirements("idna==3.7\n", { path: "r.txt" }).warnings, undefined);
  // `$NAME` and `${lower}` are not pip references: such a line is still malformed.
  for (const line of ["$PIP_EXTRA", "${pip_extra}"]) {
    assert.throws(
      () => readRequirements(`${line}\n`, { path: "r.txt" }),
      (e: unknown) => e instanceof VouchError && e.code === "inventory.requirements.invalid",
      line,
    );
  }
  // In an included file: that file's line, once for that file.
  const include = (rel: string): string | undefined =>
    rel === "base.txt" ? "idna==3.7\n${EXTRA}\n${MORE}\n" : undefined;
  const nested = readRequirements("-r base.txt\n", { path: "requirements.txt", include });
  assert.deepEqual(nested.warnings?.map((w) => /^\S+ /.exec(w)?.[0]), ["base.txt:2: "]);
  assert.match(nested.warnings![0], /\(also line 3\)$/);
});

Deno.test("readRequirements: uv's `# from <index>` annotation is the package's repository_url", () => {
  const out = readFixture("uv-index-annotation/requirements.txt");
  assert.deepEqual(out.components.map((c) => c.purl), [
    pypiPurl("idna", "3.6", { repository_url: "https://pkgs.example.com/simple" }),
    pypiPurl("requests", "2.31.0"),
    pypiPurl("torch", "2.1.2+cpu", { repository_url: "https://download.pytorch.org/whl/cpu" }),
  ]);
});

Deno.test("readRequirements: a named folder outside the project is a version-less component, one inside is the project's own", () => {
  const text = "certifi @ file:///croot/certifi_1690232220950/work/certifi\n" +
    "sibling @ ../sibling\n" +
    "mylib @ ./libs/mylib\n" +
    "-e ./libs/other\n" +
    "-e /home/u/mypkg\n";
  const out = readRequirements(text, { path: "requirements.txt" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.downloadLocation]), [
    ["pkg:pypi/certifi", undefined],
    ["pkg:pypi/sibling", undefined],
  ]);
});

Deno.test("readRequirements: an archive whose file name has no version is a package wherever it lies: named, a version-less component, else a warning", () => {
  const text = "./dist/pkg.zip\n" +
    "file:///opt/wheels/tool.tar.gz\n" +
    "mylib @ file:///opt/dist/mylib.tar.gz\n" +
    "vendored @ ./vendor/vendored.tgz\n";
  const out = readRequirements(text, { path: "requirements.txt" });
  // Was: ./dist/pkg.zip and vendored's archive, inside the project, left out silently as its own
  // code; file:///opt/wheels/tool.tar.gz called "a folder outside the project".
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:pypi/mylib?file_name=mylib.tar.gz",
    "pkg:pypi/vendored?file_name=vendored.tgz",
  ]);
  assert.deepEqual(out.warnings, [
    'requirements.txt:1: "./dist/pkg.zip" is an archive that names no package (pip learns its ' +
    'name by building it, vouch cannot): it is not in the SBOM; write "<name> @ file://<file>" ' +
    "to list it",
    'requirements.txt:2: "file:///opt/wheels/tool.tar.gz" is an archive that names no package ' +
    "(pip learns its name by building it, vouch cannot): it is not in the SBOM; write " +
    '"<name> @ file://<file>" to list it',
  ]);
});

Deno.test("readRequirements: a path's #egg= names its package and its #sha256= hashes it, as a URL's do", () => {
  const text = "file:./dist/bar.tar.gz#egg=bar\n" +
    "./dist/baz.zip#egg=baz&sha256=" + "a".repeat(64) + "\n" +
    "file:///opt/x/qux#egg=qux\n" +
    "./dist/quux-1.2.tar.gz#egg=quux\n" +
    "-e ./libs/own#egg=own\n";
  const out = readRequirements(text, { path: "requirements.txt" });
  // Was: bar and qux "a folder outside the project that names no package", baz left out silently.
  assert.deepEqual(out.components.map((c) => [c.purl, c.hashes.length]), [
    ["pkg:pypi/bar?file_name=bar.tar.gz", 0],
    ["pkg:pypi/baz?file_name=baz.zip", 1],
    ["pkg:pypi/quux@1.2?file_name=quux-1.2.tar.gz", 0],
    ["pkg:pypi/qux", 0],
  ]);
  assert.deepEqual(out.warnings ?? [], []);
});

Deno.test("readRequirements: a URL that names no package is a pkg:generic component with a warning, credentials dropped", () => {
  // A GitHub snapshot's file is named after its ref: `rel-0.7.5.tar.gz` is no package "rel" at
  // 0.7.5 (it was; whamcloud's netaddr).
  const text = "https://bob:s3cret@example.com/download?id=3\n" +
    "git+https://github.com/acme/tool.git@v1.0\n" +
    "https://github.com/drkjam/netaddr/archive/rel-0.7.5.tar.gz\n" +
    "requests==2.31.0\n";
  const out = readRequirements(text, { path: "r.txt" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.ecosystem, c.name, c.downloadLocation]), [
    [
      "pkg:generic/example.com/download?download_url=https:%2F%2Fexample.com%2Fdownload%3Fid%3D3",
      "generic",
      "example.com/download",
      "https://example.com/download?id=3",
    ],
    [
      "pkg:generic/github.com/acme/tool.git?vcs_url=git%2Bhttps:%2F%2Fgithub.com%2Facme%2Ftool.git%40v1.0",
      "generic",
      "github.com/acme/tool.git",
      "git+https://github.com/acme/tool.git@v1.0",
    ],
    [
      "pkg:generic/github.com/drkjam/netaddr/archive/rel-0.7.5.tar.gz?download_url=https:%2F%2Fgithub.com%2Fdrkjam%2Fnetaddr%2Farchive%2Frel-0.7.5.tar.gz",
      "generic",
      "github.com/drkjam/netaddr/archive/rel-0.7.5.tar.gz",
      "https://github.com/drkjam/netaddr/archive/rel-0.7.5.tar.gz",
    ],
    ["pkg:pypi/requests@2.31.0", "pypi", "requests", undefined],
  ]);
  assert.equal(out.warnings?.length, 3);
  assert.match(
    out.warnings![0],
    /^r\.txt:1: pip learns the name of "https:\/\/example\.com\/download\?id=3"/,
  );
  assert.ok(!JSON.stringify(out).includes("s3cret"));
});

Deno.test("Rye's requirements.lock and requirements-dev.lock are requirements files; the dev one lists dev requirements", () => {
  for (const path of ["requirements.lock", "requirements-dev.lock", "sub/requirements.lock"]) {
    assert.equal(readerFor(path)?.name, "requirements", path);
  }
  assert.equal(readerFor("requirements-docs.lock"), undefined);
  const text = "# generated by rye\n-e file:.\nclick==8.1.7\npytest==7.4.0\n";
  assert.deepEqual(
    readRequirements(text, { path: "requirements-dev.lock" }).components.map((c) => [
      c.purl,
      c.scopes,
    ]),
    [["pkg:pypi/click@8.1.7", ["dev"]], ["pkg:pypi/pytest@7.4.0", ["dev"]]],
  );
});

Deno.test("readRequirements: pip freeze's comment above an editable folder names it and its version", () => {
  const text = [
    "certifi==2024.8.30",
    "# Editable install with no version control (mylib==0.3.1)",
    "-e /home/dev/src/mylib",
    "# Editable Git install with no remote (Other_Tool==2.0.0rc1)",
    "-e /home/dev/src/other-tool",
    "# Editable Git install (legacy-thing===2021.a) with either a deleted local remote or invalid URI:",
    "# 'file:///gone/legacy'",
    "-e /opt/legacy",
    "# Editable install with no version control (app==1.0.0)",
    "-e .", // the project itself: its own code, not a component
    "-e /home/dev/src/anonymous", // no comment: nothing names it
    "",
  ].join("\n");
  const out = readRequirements(text, { path: "requirements.txt" });
  assert.deepEqual(out.components.map((c) => [c.purl, c.version, c.direct]), [
    ["pkg:pypi/certifi@2024.8.30", "2024.8.30", true],
    ["pkg:pypi/legacy-thing@2021.a", "2021.a", true],
    ["pkg:pypi/mylib@0.3.1", "0.3.1", true],
    ["pkg:pypi/other-tool@2.0.0rc1", "2.0.0rc1", true],
  ]);
  // The comment applies to the next line only.
  const apart = readRequirements(
    "# Editable install with no version control (mylib==0.3.1)\nrequests==2.32.3\n-e /x/mylib\n",
    { path: "requirements.txt" },
  );
  assert.deepEqual(apart.components.map((c) => c.name), ["requests"]);
  assert.match(
    apart.warnings?.join("\n") ?? "",
    /requirements\.txt:3: "\/x\/mylib" is a folder outside/,
  );
});

Deno.test("readRequirements: an unnamed folder outside the project is a warning with its line, never dropped silently", () => {
  const out = readRequirements(
    "requests==2.32.3\n-e ../sibling-lib\n./libs/own\n-e /opt/src/other\n",
    { path: "requirements.txt" },
  );
  assert.deepEqual(out.components.map((c) => c.name), ["requests"]);
  assert.deepEqual(out.warnings?.map((w) => w.split(" is a folder")[0]), [
    'requirements.txt:2: "../sibling-lib"',
    'requirements.txt:4: "/opt/src/other"',
  ]);
});

Deno.test("readRequirements: pip splits a marker off a bare URL at '; ' and off a path at ';'", () => {
  // The shape of oobabooga/text-generation-webui's requirements.txt: per-platform wheels by URL.
  const text = 'fastkit==0.41.1; platform_system != "Windows"\n' +
    "https://github.com/acme/fastkit-win/releases/download/wheels/fastkit-0.41.1-py3-none-win_amd64.whl" +
    '; platform_system == "Windows"\n' +
    "https://example.com/dl/gpu_kit-0.4.2+cu117-cp310-cp310-linux_x86_64.whl ; " +
    'platform_system == "Linux" and platform_machine == "x86_64"\n' +
    "./wheels/local_kit-1.0-py3-none-any.whl;sys_platform == 'linux'\n" +
    "https://example.com/x;y/plain_kit-2.0.tar.gz\n";
  const out = readRequirements(text, { path: "requirements.txt" });
  assert.deepEqual(out.warnings ?? [], []);
  assert.deepEqual(out.components.map((c) => [c.name, c.version, c.downloadLocation]), [
    ["fastkit", "0.41.1", undefined],
    [
      "fastkit",
      "0.41.1",
      "https://github.com/acme/fastkit-win/releases/download/wheels/fastkit-0.41.1-py3-none-win_amd64.whl",
    ],
    [
      "gpu_kit",
      "0.4.2+cu117",
      "https://example.com/dl/gpu_kit-0.4.2+cu117-cp310-cp310-linux_x86_64.whl",
    ],
    ["local_kit", "1.0", undefined],
    ["plain_kit", "2.0", "https://example.com/x;y/plain_kit-2.0.tar.gz"],
  ]);
});

Deno.test("readRequirements: requirements/local.txt (cookiecutter-django's local development file) lists dev requirements", () => {
  // A pip-compile of base.in + local.in beside base.txt and production.txt.
  const text = "django==2.2.7             # via -r base.in, django-debug-toolbar\n" +
    "pytest==5.4.1             # via -r local.in, pytest-cov\n";
  for (
    const [path, scope] of [
      ["requirements/local.txt", "dev"],
      ["requirements-local.txt", "dev"],
      ["requirements/production.txt", "runtime"],
      ["requirements/base.txt", "runtime"],
    ]
  ) {
    const out = readRequirements(text, { path });
    assert.deepEqual(out.components.map((c) => [c.id, c.scopes]), [
      ["pkg:pypi/django@2.2.7", [scope]],
      ["pkg:pypi/pytest@5.4.1", [scope]],
    ], path);
  }
});

Deno.test("readRequirements: an unpinned requirement is the version a pin of the same name gives, when its range admits it", () => {
  const files: Record<string, string> = {
    "requirements.txt": "flask==2.0.1\n",
    "constraints.txt": "click==8.0.0\njinja2==3.0.0\n",
  };
  const include = (rel: string): string | undefined => files[rel];
  const out = readRequirements("-r requirements.txt\n-c constraints.txt\nflask>=2\nclick\n", {
    path: "requirements-dev.txt",
    include,
  });
  assert.deepEqual(
    out.components.map((c) => [c.id, c.scopes, c.sources]),
    [
      ["pkg:pypi/click@8.0.0", ["dev"], ["requirements-dev.txt"]],
      ["pkg:pypi/flask@2.0.1", ["dev", "runtime"], ["requirements-dev.txt", "requirements.txt"]],
    ],
    "flask>=2 is the pinned flask; the constraint pins click and adds no jinja2",
  );
  assert.equal(out.warnings, undefined);
  assert.equal(out.ranges, undefined);
  // A range the pin does not satisfy: pip would refuse; declared, with a warning.
  const refused = readRequirements("-c constraints.txt\nclick>=8.1\n", {
    path: "requirements.txt",
    include,
  });
  assert.deepEqual(refused.components.map((c) => [c.id, c.specifier]), [
    ["pkg:pypi/click", ">=8.1"],
  ]);
  assert.deepEqual(refused.ranges, ["pkg:pypi/click"]);
  assert.deepEqual(refused.warnings, [
    'requirements.txt:2: "click>=8.1" is not satisfied by "click==8.0.0" at constraints.txt:1 ' +
    "(pip would refuse to install both): it is listed as declared, with no version",
  ]);
});

Deno.test("readRequirements: a constraint pinning another version than a requirement is refused, as pip does", () => {
  const include = (rel: string): string | undefined =>
    rel === "constraints.txt" ? "flask==1.0\n" : undefined;
  assert.throws(
    () =>
      readRequirements("-c constraints.txt\nflask==2.0.1\n", { path: "requirements.txt", include }),
    (e: VouchError) =>
      e.code === "inventory.requirements.invalid" && e.message.includes("requirements.txt:2") &&
      e.message.includes("constraints.txt:1"),
  );
});

Deno.test("readRequirements: a file named for constraints (requirements/constraints.txt) pins, lists nothing", () => {
  for (const path of ["requirements/constraints.txt", "requirements-constraints.txt"]) {
    const out = readRequirements("Django<5.0\ncelery==5.3.4\n", { path });
    assert.deepEqual(out.components, [], path);
    assert.deepEqual(out.edges, [], path);
  }
  assert.equal(
    readRequirements("idna==3.7\n", { path: "requirements/base.txt" }).components.length,
    1,
  );
});

// Checked against pip 23.2.1's parser (shlex-split options, optparse, the finder's index list):
// vouch took the rest of the line as the value, so the mirror's purls carried
// `repository_url=https://mirror.example/simple --trusted-host mirror.example`.
Deno.test("readRequirements: an option line is read as pip splits it: each option its value, quotes dropped, the last index", () => {
  const mirror = readRequirements(
    "-i https://mirror.example/simple --trusted-host mirror.example\nrequests==2.32.3\n",
    { path: "requirements.txt" },
  );
  assert.deepEqual(mirror.components.map((c) => c.purl), [
    "pkg:pypi/requests@2.32.3?repository_url=https:%2F%2Fmirror.example%2Fsimple",
  ]);
  const files: Record<string, string> = {
    "base reqs.txt": "--index-url https://second.example/simple\nclick==8.1.7\n",
  };
  const out = readRequirements(
    "--index-url https://first.example/simple\n--extra-index-url https://extra.example/simple\n" +
      '-r "base reqs.txt"\n',
    { path: "requirements.txt", include: (rel) => files[rel] },
  );
  // A later --index-url replaces the index and the extra ones before it in pip's finder.
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:pypi/click@8.1.7?repository_url=https:%2F%2Fsecond.example%2Fsimple",
  ]);
  assert.equal(out.warnings, undefined);
});

// pip 23.2.1's parser: a `-r` line in a constraints file includes requirements, which pip
// installs (pypa/pip#12222); vouch read them as constraints and dropped them.
Deno.test("readRequirements: a -r file a constraints file includes lists requirements, as pip installs them", () => {
  const files: Record<string, string> = {
    "constraints.txt": "flask==3.0.3\n-r more.txt\n-c pins.txt\n",
    "more.txt": "click==8.1.7\n",
    "pins.txt": "idna==3.10\n",
  };
  const out = readRequirements("-c constraints.txt\nflask\n", {
    path: "requirements.txt",
    include: (rel) => files[rel],
  });
  assert.deepEqual(out.components.map((c) => c.id), [
    "pkg:pypi/click@8.1.7",
    "pkg:pypi/flask@3.0.3",
  ]);
});

Deno.test("readRequirements: with --extra-index-url the index of a package is ambiguous: a warning names them", () => {
  const text = "--extra-index-url https://user:S3CRET@extra.example/simple/\n" +
    "flask==2.0.1\nidna==3.7\n    # from https://pypi.org/simple\n" +
    "wheel @ https://files.example/wheel-0.43.0-py3-none-any.whl\n";
  const out = readRequirements(text, { path: "requirements.txt" });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:pypi/flask@2.0.1",
    "pkg:pypi/idna@3.7",
    "pkg:pypi/wheel@0.43.0?download_url=https:%2F%2Ffiles.example%2Fwheel-0.43.0-py3-none-any.whl",
  ]);
  assert.deepEqual(out.warnings, [
    "requirements.txt:1: --extra-index-url: pip takes each package from whichever of " +
    "https://pypi.org/simple, https://extra.example/simple offers the best match, so the index of " +
    "flask is ambiguous: their purls name the first index, not the one that served them " +
    "(name one index, or annotate each package's, as `uv pip compile --emit-index-annotation` does)",
  ]);
  // The same index twice, or every package's index named: nothing ambiguous.
  const same = readRequirements(
    "-i https://pypi.org/simple\n--extra-index-url https://pypi.org/simple/\nflask==2.0.1\n",
    { path: "requirements.txt" },
  );
  assert.equal(same.warnings, undefined);
  // PyPI's legacy spellings, which it redirects to pypi.org (pip's default index before 2018),
  // are PyPI: no repository_url, and no second index. Was: both, and a warning.
  const legacy = readRequirements(
    "-i http://pypi.python.org/simple\n--extra-index-url https://pypi.python.org/pypi/\n" +
      "--extra-index-url https://pypi.org/simple\nflask==2.0.1\n",
    { path: "requirements.txt" },
  );
  assert.deepEqual(legacy.components.map((c) => c.purl), ["pkg:pypi/flask@2.0.1"]);
  assert.equal(legacy.warnings, undefined);
});

Deno.test("readRequirements: a file included again adds nothing and is not read again (a diamond of includes hung vouch)", () => {
  // Each file includes the next one four times: read each time, the last is read 4^6 times.
  const files: Record<string, string> = { "r6.txt": "flask==2.0.1\n" };
  for (let i = 0; i < 6; i++) files[`r${i}.txt`] = `-r r${i + 1}.txt\n`.repeat(4);
  let includes = 0;
  const out = readRequirements(files["r0.txt"], {
    path: "r0.txt",
    include: (rel) => {
      includes++;
      return files[rel];
    },
  });
  assert.deepEqual(out.components.map((c) => c.id), ["pkg:pypi/flask@2.0.1"]);
  assert.ok(includes <= 4 * 6, `${includes} includes`);
  // A constraints file included as requirements too is read both ways.
  const both = readRequirements("-c pins.txt\n-r pins.txt\n", {
    path: "requirements.txt",
    include: (rel) => rel === "pins.txt" ? "idna==3.7\n" : undefined,
  });
  assert.deepEqual(both.components.map((c) => c.id), ["pkg:pypi/idna@3.7"]);
});

// Shaped like PyTorch's CPU requirements (`-f https://download.pytorch.org/whl/torch_stable.html`)
// and air-gapped builds (`--no-index --find-links ./wheels`): both options were ignored. With
// --find-links beside the index, pip takes each package from whichever offers the best match (as
// with --extra-index-url); with --no-index, only from the --find-links locations, never PyPI.
Deno.test("readRequirements: --find-links makes the source ambiguous; with --no-index purls name the find-links location, not PyPI", () => {
  const purls = (out: ReturnType<typeof readRequirements>): string[] =>
    out.components.map((c) => c.purl!);
  const torch = readRequirements(
    "-f https://download.pytorch.org/whl/torch_stable.html\ntorch==2.3.0\n",
    { path: "requirements.txt" },
  );
  assert.deepEqual(purls(torch), ["pkg:pypi/torch@2.3.0"]);
  assert.deepEqual(torch.warnings, [
    "requirements.txt:1: --find-links: pip takes each package from whichever of " +
    "https://pypi.org/simple, https://download.pytorch.org/whl/torch_stable.html offers the best " +
    "match, so the index of torch is ambiguous: their purls name the first index, not the one " +
    "that served them (name one index, or annotate each package's, as " +
    "`uv pip compile --emit-index-annotation` does)",
  ]);

  // --no-index: the index is not used; the find-links URL is the packages' repository.
  const url = readRequirements(
    "-i https://pypi.example.com/simple\n--no-index\n" +
      "--find-links=https://user:S3CRET@wheels.example/links/\nflask==2.0.1\n" +
      "wheel @ https://files.example/wheel-0.43.0-py3-none-any.whl\n",
    { path: "requirements.txt" },
  );
  assert.deepEqual(purls(url), [
    "pkg:pypi/flask@2.0.1?repository_url=https:%2F%2Fwheels.example%2Flinks%2F",
    "pkg:pypi/wheel@0.43.0?download_url=https:%2F%2Ffiles.example%2Fwheel-0.43.0-py3-none-any.whl",
  ]);
  assert.deepEqual(url.warnings, [
    "requirements.txt:2: --no-index: flask come from --find-links locations, not from PyPI; " +
    "their purls carry repository_url=https://wheels.example/links/",
  ]);

  // An absolute folder is a file:// URL; a second location makes the source ambiguous.
  const folders = readRequirements(
    "--no-index\n-f /opt/wheels\n-f ./more-wheels\nflask==2.0.1\nidna==3.7\n",
    { path: "requirements.txt" },
  );
  assert.deepEqual(purls(folders), [
    "pkg:pypi/flask@2.0.1?repository_url=file:%2F%2F%2Fopt%2Fwheels",
    "pkg:pypi/idna@3.7?repository_url=file:%2F%2F%2Fopt%2Fwheels",
  ]);
  assert.deepEqual(folders.warnings, [
    "requirements.txt:1: --no-index: flask, idna come from --find-links locations, not from " +
    "PyPI; their purls carry repository_url=file:///opt/wheels",
    "requirements.txt:3: --find-links: pip takes each package from whichever of /opt/wheels, " +
    "./more-wheels offers the best match, so the index of flask, idna is ambiguous: their purls " +
    "name the first index, not the one that served them (name one index, or annotate each " +
    "package's, as `uv pip compile --emit-index-annotation` does)",
  ]);

  // A relative folder is no URL: the warning says the purls cannot name it.
  assert.deepEqual(
    readRequirements("--no-index --find-links ./wheels\nflask==2.0.1\n", {
      path: "requirements.txt",
    }).warnings,
    [
      "requirements.txt:1: --no-index: flask come from --find-links locations, not from PyPI; " +
      "their purls cannot name the folder ./wheels (no URL) and carry no repository_url",
    ],
  );
  assert.deepEqual(
    readRequirements("--no-index\nflask==2.0.1\n", { path: "requirements.txt" }).warnings,
    [
      "requirements.txt:1: --no-index: flask come from --find-links locations, not from PyPI; " +
      "no --find-links location names their origin (pip installs them only from files it is " +
      "given): their purls carry no repository_url",
    ],
  );
});

Deno.test("readRequirements: a file below requirements/ has the scope its name and folders say; an extras folder's is optional", () => {
  const scopeOf = (path: string): string[] =>
    readRequirements("idna==3.10\n", { path }).components[0].scopes;
  assert.deepEqual(scopeOf("requirements/extras/zstd.txt"), ["optional"], "celery's zstd extra");
  assert.deepEqual(
    scopeOf("requirements/extras/pytest.txt"),
    ["optional"],
    "an extra, whatever its name",
  );
  assert.deepEqual(scopeOf("requirements/edx/base.txt"), ["runtime"]);
  assert.deepEqual(scopeOf("requirements/edx-sandbox/releases/teak.txt"), ["runtime"]);
  for (const name of ["testing", "doc", "development", "quality", "coverage"]) {
    assert.deepEqual(scopeOf(`requirements/edx/${name}.txt`), ["dev"], name);
  }
  assert.deepEqual(scopeOf("requirements/docs/base.txt"), ["dev"], "a folder named for docs");
  for (const path of ["requirements/edx/base.txt", "requirements/extras/redis.txt"]) {
    assert.equal(readerFor(path)?.name, "requirements", path);
  }
  assert.equal(readerFor("requirements/edx/base.in"), undefined);
});

Deno.test("readRequirements: a remote constraints file (edx-lint's -c https://…) is a warning, not a failure", () => {
  // The requirements/constraints.txt that edx-lint writes into openedx repositories.
  const text = "# This file contains all common constraints for edx-repos\n" +
    "-c https://user:token@raw.githubusercontent.com/edx/edx-lint/master/edx_lint/files/common_constraints.txt\n" +
    "celery<5.0\n";
  const out = readRequirements(`-c constraints.txt\ncelery\n`, {
    path: "requirements/base.txt",
    include: (rel) => rel === "constraints.txt" ? text : undefined,
  });
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/celery"]);
  assert.deepEqual(out.warnings, [
    "requirements/constraints.txt:2: the constraints file " +
    "https://raw.githubusercontent.com/edx/edx-lint/master/edx_lint/files/common_constraints.txt " +
    "is remote and vouch reads no URL: a requirement that pins no version gets none from it " +
    "(constraints install nothing)",
  ]);
});

// pip's req_file.py `_parse_and_recurse` keeps an `http(s):` include as a URL and
// `get_file_content` downloads it: Plone projects install the release's pins so.
Deno.test("readRequirements: a remote requirements file (Plone's -r https://dist.plone.org/…) is an unread include, not a failure", () => {
  const files: Record<string, string> = {
    "requirements.txt": "-r https://dist.plone.org/release/6.0.0.1/requirements.txt\n",
  };
  const out = readRequirements("-r requirements.txt\ncollective.MockMailHost==4.0.0\n", {
    path: "requirements-development.txt",
    include: (rel) => files[rel],
  });
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/collective-mockmailhost@4.0.0"]);
  assert.equal(out.warnings, undefined);
  assert.deepEqual(out.unreadIncludes, [{
    path: "https://dist.plone.org/release/6.0.0.1/requirements.txt",
    reason: "requirements.txt:1 includes it (-r), and vouch reads no URL: pip fetches it and " +
      "installs what it lists",
    hint: "put a copy in the tree and include that, or lock the project",
  }]);
  // A `file:` URL is the build machine's file, as pip reads it: no file of the tree.
  const local = readRequirements("-r file:///srv/ci/base.txt\nsix==1.16.0\n", {
    path: "requirements.txt",
  });
  assert.deepEqual(local.unreadIncludes?.map((u) => u.path), ["file:///srv/ci/base.txt"]);
  // A scheme pip does not download (`git+https:`) is no file pip can open: still refused.
  assert.throws(
    () => readRequirements("-r git+https://example.com/base.txt\n", { path: "requirements.txt" }),
    /remote include "git\+https:\/\/example\.com\/base\.txt" is not supported/,
  );
});

Deno.test("readRequirements: a line of 40,000 options is read in linear time", () => {
  const text = `${"-f ./wheels ".repeat(40_000)}\nsix==1.16.0\n`;
  const elapsed = cpuStopwatch();
  const out = readRequirements(text, { path: "requirements.txt" });
  // Was: 31 s (each option's values copied into a new list).
  assert.ok(elapsed() < 2_000, `${elapsed()} ms`);
  assert.deepEqual(out.components.map((c) => c.id), [pypiPurl("six", "1.16.0")]);
});

// pip's handle_option_line: `if opts.index_url`: an empty one changes nothing.
Deno.test("readRequirements: an empty --index-url leaves the index and the extra ones as they were", () => {
  for (const empty of ["--index-url=", "-i ''"]) {
    const out = readRequirements(
      `-i https://a.example/simple\n${empty}\nfoo==1.0\n`,
      { path: "requirements.txt" },
    );
    assert.deepEqual(out.components.map((c) => c.purl), [
      "pkg:pypi/foo@1.0?repository_url=https:%2F%2Fa.example%2Fsimple",
    ], empty);
  }
});

Deno.test("readRequirements: a hashed file cut between a pin and its hashes is refused, as pip's hash-checking mode refuses it", () => {
  const hash = (c: string): string => `--hash=sha256:${c.repeat(64)}`;
  const head = `certifi==2024.2.2 \\\n    ${hash("a")} \\\n    ${hash("b")}\n`;
  const read = (text: string, path = "requirements.txt"): string[] =>
    readRequirements(text, { path }).components.map((c) => c.purl);
  const refused = (text: string, line: number): void =>
    assert.throws(
      () => read(text),
      (e: unknown) =>
        e instanceof VouchError && e.code === "inventory.requirements.invalid" &&
        e.message.startsWith(
          `requirements.txt:${line}: urllib3==2.2.1 has no --hash, but ` +
            "requirements.txt:1 turns on pip's hash-checking mode",
        ),
    );
  // Cut before the pin's hash lines: at the line's start, after its `\`, or after its newline.
  refused(`${head}urllib3==2.2.1\n`, 4);
  refused(`${head}urllib3==2.2.1 \\`, 4);
  refused(`${head}urllib3==2.2.1 \\\n`, 4);
  // A pin cut inside its version is no PEP 440 version (packaging's Specifier refuses it).
  assert.throws(
    () => read(`${head}urllib3==2.`),
    (e: unknown) => e instanceof VouchError && /:4: .*bad version clause "==2\."/.test(e.message),
  );
  // `--require-hashes` turns the mode on too; a hashed `-c` constraint covers its name.
  assert.throws(() => read("--require-hashes\nurllib3==2.2.1\n"), VouchError);
  const whole = `${head}urllib3==2.2.1 \\\n    ${hash("c")}\n`;
  assert.deepEqual(read(whole), ["pkg:pypi/certifi@2024.2.2", "pkg:pypi/urllib3@2.2.1"]);
  const withConstraint = readRequirements(`${head}-c c.txt\nurllib3==2.2.1\n`, {
    path: "requirements.txt",
    include: (rel) => rel === "c.txt" ? `urllib3==2.2.1 ${hash("c")}\n` : undefined,
  });
  assert.equal(withConstraint.components.length, 2);
  // Left alone: what pip does not fetch from an index by name (`uv export` writes `-e .` beside
  // hashed pins), a requirement behind a marker, one whose line refers to a variable, and every
  // requirement of a file uv wrote (uv requires no hash, and a registry may give none).
  const alone = [
    "-e .",
    "-e git+https://github.com/example/lib.git@v1.2#egg=lib",
    "named-url @ https://example.com/archive/named-url-2.0.tar.gz",
    'colorama==0.4.6 ; sys_platform == "win32"',
    "dagster==${DAGSTER_VERSION}",
  ].join("\n");
  assert.equal(read(`${head}${alone}\n`).length, 5);
  const uv = "# This file was autogenerated by uv via the following command:\n" +
    "#    uv export --format requirements-txt\n";
  assert.deepEqual(read(`${uv}${head}urllib3==2.2.1\n`), [
    "pkg:pypi/certifi@2024.2.2",
    "pkg:pypi/urllib3@2.2.1",
  ]);
  // Without any hash there is no such mode: a file of bare pins is read.
  assert.equal(read("certifi==2024.2.2\nurllib3==2.2.1\n").length, 2);
});

// pip's handle_requirement_line keeps only SUPPORTED_OPTIONS_REQ_DEST (`--hash`,
// `--config-settings`): a `--find-links` after a pin is parsed and passed over.
Deno.test("readRequirements: an index option on a requirement's line, which pip passes over, is a warning", () => {
  const out = readRequirements(
    "# requirements-minimal.txt\nstreamlit==1.28.1\n" +
      "torch==2.1.0+cpu --find-links https://download.pytorch.org/whl/torch_stable.html\n" +
      "idna==3.10 --config-settings a=b\n",
    { path: "requirements-minimal.txt" },
  );
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:pypi/idna@3.10",
    "pkg:pypi/streamlit@1.28.1",
    "pkg:pypi/torch@2.1.0%2Bcpu",
  ]);
  assert.deepEqual(out.warnings, [
    "requirements-minimal.txt:3: --find-links on a requirement's line is passed over by pip, " +
    "which applies only --hash and --config-settings there: the requirement comes from the " +
    "file's indexes (put the option on a line of its own)",
  ]);
});

// pip 26's `--no-require-hashes` (RequirementCommand.get_requirements): a `--hash` then turns on
// no hash-checking mode; with `--require-hashes` too, pip raises CommandError ("mutually exclusive").
Deno.test("readRequirements: --no-require-hashes keeps a --hash from turning on hash-checking mode", () => {
  const hash = `--hash=sha256:${"1".repeat(64)}`;
  const read = (text: string): string[] =>
    readRequirements(text, { path: "requirements.txt" }).components.map((c) => c.purl);
  assert.deepEqual(read(`--no-require-hashes\nidna==3.10 \\\n    ${hash}\nsix==1.16.0\n`), [
    "pkg:pypi/idna@3.10",
    "pkg:pypi/six@1.16.0",
  ]);
  assertVouchError(
    () => read(`--require-hashes\n--no-require-hashes\nidna==3.10 ${hash}\n`),
    "inventory.requirements.invalid",
    /^requirements\.txt:2: --no-require-hashes with requirements\.txt:1's --require-hashes/,
  );
});

// pip 26's release control options (req_file.py SUPPORTED_OPTIONS, cmdoptions `all_releases`,
// `only_final`), each with its value: on a requirement's line pip parses them and passes them over,
// as it does `--find-links` there; they were refused as options pip does not know.
Deno.test("readRequirements: pip 26's --all-releases and --only-final on a requirement's line are passed over, not refused", () => {
  const out = readRequirements("idna==3.10 --only-final idna\nsix==1.16.0 --all-releases=six\n", {
    path: "requirements.txt",
  });
  assert.deepEqual(out.components.map((c) => c.purl), [
    "pkg:pypi/idna@3.10",
    "pkg:pypi/six@1.16.0",
  ]);
  assert.match(
    out.warnings?.[0] ?? "",
    /^requirements\.txt:1: --only-final on a requirement's line/,
  );
});

Deno.test("readRequirements: a requirement's options are pip's, each with its value (a file cut inside them is refused)", () => {
  const hex = "a".repeat(64);
  const read = (line: string) => readRequirements(`${line}\n`, { path: "requirements.txt" });
  // pip's parser (optparse): an option without its value, an unknown or an ambiguous one fail.
  for (
    const [line, why] of [
      ["idna==3.10 --hash", /:1: --hash without its value/],
      ["idna==3.10 --ha", /:1: --hash without its value/],
      ["idna==3.10 --bogus=1", /:1: pip's parser takes no option "--bogus"/],
      [`idna==3.10 --hash=sha256:${hex} --pr`, /:1: pip's parser takes no option "--pr"/],
    ] as const
  ) {
    assertVouchError(() => read(line), "inventory.requirements.invalid", why);
  }
  // A unique prefix is that option (`--ha=` is `--hash`); pip's other options are parsed and
  // passed over on a requirement's line.
  assert.deepEqual(read(`idna==3.10 --ha=sha256:${hex}`).components[0].hashes, [
    { alg: "sha256", hex },
  ]);
  for (
    const line of [
      "idna==3.10 --global-option=x",
      "idna==3.10 --config-settings a=b",
      "idna==3.10 --no-binary x --pre",
      `idna==3.10 --hash=sha256:${hex} -`, // optparse reads `-` as an argument
      `idna==3.10 --hash=sha256:${hex} -- x`, // and ends its options at `--`
    ]
  ) assert.equal(read(line).components.length, 1, line);
});

// pip 23.2 (`pip install --no-index --find-links` of local wheels) installs each of these: it
// checks a name's download against the hashes of its first requirement, so a later one of the
// name needs none; it raises HashMissing where the first one of a name has no hash.
Deno.test("readRequirements: in hash-checking mode, a pin after a hashed one of its name needs no hash", () => {
  const hash = `--hash=sha256:${"a".repeat(64)}`;
  const base = `aa==1.0 ${hash}\nbb==1.0 ${hash}\n`;
  const read = (text: string) =>
    readRequirements(text, {
      path: "requirements.txt",
      include: (rel) => rel === "base.txt" ? base : undefined,
    }).components.map((c) => c.purl);
  for (const later of ["aa==1.0", "AA==1.0", "aa[x]==1.0", "aa", "aa>=0.5"]) {
    assert.deepEqual(read(`${base}${later}\n`), ["pkg:pypi/aa@1.0", "pkg:pypi/bb@1.0"], later);
    assert.deepEqual(read(`-r base.txt\n${later}\n`), ["pkg:pypi/aa@1.0", "pkg:pypi/bb@1.0"]);
  }
  for (const first of ["aa==1.0", "aa[x]==1.0"]) {
    assert.throws(
      () => read(`${first}\n${base}`),
      (e: unknown) =>
        e instanceof VouchError && /^requirements\.txt:1: aa==1\.0 has no --hash/.test(e.message),
      first,
    );
  }
});

Deno.test("readRequirements: a URL without a host is refused at its line, as pip fails to download it", () => {
  // Found by fuzzing: `https://` (here left alone on its line by a `\r`, which ends a line for
  // pip as for Python's splitlines) was an internal error, a TypeError of `new URL`.
  for (
    const text of ["flask==3.0\nhttps://\n", "flask==3.0\nhttps://\rexample.com/x-1.0.tar.gz\n"]
  ) {
    assertVouchError(
      () => readRequirements(text, { path: "requirements.txt", include: () => undefined }),
      "inventory.requirements.invalid",
      /^requirements\.txt:2: "https:\/\/" is no URL pip can download \(no valid host\)$/,
    );
  }
});

// mxdev (mxstack/mxdev): `config.Configuration.infile` is `[settings] requirements-in` of
// mx.ini (default requirements.txt); `processing.resolve_dependencies` opens each `-c`/`-r`
// file relative to the folder mxdev runs in, and a missing one is "Empty file assumed".
const MX_INI = "[settings]\n# mxdev writes requirements-mxdev.txt\nrequirements-in = " +
  "requirements.txt\nversion-overrides =\n    requests==2.32.3\n\n[collective.foo]\n" +
  "url = https://github.com/collective/collective.foo.git\n";

Deno.test("mxdevConfig: the mx.ini beside a file that names it as mxdev's input", () => {
  const files = (ini: string | undefined, dir = ""): (path: string) => string | undefined => (p) =>
    p === `${dir}mx.ini` ? ini : undefined;
  assert.equal(mxdevConfig("requirements.txt", files(MX_INI)), "mx.ini");
  assert.equal(mxdevConfig("plone/requirements.txt", files(MX_INI, "plone/")), "plone/mx.ini");
  // The default input; another name; a name vouch cannot expand; no mx.ini.
  assert.equal(mxdevConfig("requirements.txt", files("[settings]\nthreads = 4\n")), "mx.ini");
  assert.equal(
    mxdevConfig("requirements.txt", files("[settings]\nrequirements-in: req.in\n")),
    undefined,
  );
  assert.equal(mxdevConfig("req.in", files("[settings]\nrequirements-in = ./req.in\n")), "mx.ini");
  // mxdev reads option names as written (`read_with_included`: `cfg.optionxform = str`): another
  // case is another option, and the input stays requirements.txt.
  const cased = files("[settings]\nRequirements-In = ./req.in\n");
  assert.equal(mxdevConfig("req.in", cased), undefined);
  assert.equal(mxdevConfig("requirements.txt", cased), "mx.ini");
  assert.equal(
    mxdevConfig("requirements.txt", files("[settings]\nrequirements-in = ${settings:x}\n")),
    undefined,
  );
  assert.equal(mxdevConfig("requirements.txt", files(undefined)), undefined);
  // A setting of another section names no input.
  assert.equal(
    mxdevConfig("req.in", files("[settings]\n[pkg]\nrequirements-in = req.in\nurl = x\n")),
    undefined,
  );
});

Deno.test("readRequirements: mxdev's input reads a missing include as an empty file", () => {
  const files: Record<string, string> = {
    "requirements/base.txt": "-c constraints-local.txt\nrequests\n",
    "constraints-local.txt": "requests==2.32.3\n",
  };
  const text = "-c constraints.txt\n-r requirements/base.txt\nPlone==6.0.13\n";
  const out = readRequirements(text, {
    path: "requirements.txt",
    include: (rel) => files[rel],
    mxdev: "mx.ini",
  });
  assert.deepEqual(out.components.map((c) => c.purl).sort(), [
    "pkg:pypi/plone@6.0.13",
    "pkg:pypi/requests@2.32.3",
  ]);
  assert.match(
    out.warnings?.join("\n") ?? "",
    /requirements\.txt:1: the included file constraints\.txt does not exist; mx\.ini makes/,
  );
  // pip refuses the missing file.
  assert.throws(
    () => readRequirements(text, { path: "requirements.txt", include: (rel) => files[rel] }),
    /included file "constraints\.txt" \(constraints\.txt\) was not found/,
  );
});

Deno.test("mxdevConfig: the files an mx.ini includes set mxdev's input, unless it sets it itself", () => {
  const files: Record<string, string> = {
    "mx.ini": "[settings]\ninclude =\n    conf/base.ini\nthreads = 4\n",
    // Relative to the including file's folder (including.py: `file.parent / include`).
    "conf/base.ini": "[settings]\ninclude = more.ini\n",
    "conf/more.ini": "[settings]\nrequirements-in = req.in\n",
  };
  const load = (p: string): string | undefined => files[p];
  // Was: requirements.txt, the default, taken for mxdev's input.
  assert.equal(mxdevConfig("req.in", load), "mx.ini");
  assert.equal(mxdevConfig("requirements.txt", load), undefined);
  // The including file's own value wins: it is read after what it includes.
  files["mx.ini"] += "requirements-in = requirements.txt\n";
  assert.equal(mxdevConfig("requirements.txt", load), "mx.ini");
  // An include vouch cannot read (a URL, which mxdev downloads) leaves the input unknown.
  files["mx.ini"] = "[settings]\ninclude = https://h.example/plone/mx.ini\n";
  const warnings: string[] = [];
  assert.equal(mxdevConfig("requirements.txt", load, (w) => warnings.push(w)), undefined);
  // One that includes itself (mxdev recurses without end) too, named where it is.
  files["mx.ini"] = "[settings]\ninclude = conf/base.ini\n";
  files["conf/base.ini"] = "[settings]\ninclude =\n    ../mx.ini\n";
  assert.equal(mxdevConfig("requirements.txt", load, (w) => warnings.push(w)), undefined);
  assert.deepEqual(warnings.map((w) => w.replace(/, so .*/, "")), [
    "mx.ini:2: the include https://h.example/plone/mx.ini is a URL, which mxdev downloads and " +
    "vouch does not",
    "conf/base.ini:3: the include ../mx.ini is a file including it, which mxdev fails on (endless " +
    "recursion)",
  ]);
});

Deno.test("readRequirements: mxdev follows `-r <file>` only; it fails on `-rfile`, and pip reads `--requirement`", () => {
  const files: Record<string, string> = { "base.txt": "requests==2.32.3\n" };
  const read = (text: string): ReturnType<typeof readRequirements> =>
    readRequirements(text, {
      path: "requirements.txt",
      include: (rel) => files[rel],
      mxdev: "mx.ini",
    });
  // processing.py `process_line`: `line.split(" ")[1]` of a line without a space is an IndexError.
  assert.deepEqual(read("-rbase.txt\n").warnings, [
    "requirements.txt:1: mxdev, which mx.ini makes read this file, fails on an include without " +
    'a space after its option (processing.py `line.split(" ")[1]`: an IndexError); vouch reads ' +
    "the file it names all the same",
  ]);
  // mxdev copies `--requirement` into requirements-mxdev.txt, where pip reads it: a missing one
  // is refused, as pip refuses it (was: an empty file, as if mxdev read it).
  assert.throws(
    () => read("--requirement missing.txt\n"),
    /requirements\.txt:1: included file "missing\.txt" \(missing\.txt\) was not found/,
  );
  assert.deepEqual(read("--requirement base.txt\n").components.map((c) => c.purl), [
    "pkg:pypi/requests@2.32.3",
  ]);
  assert.match(read("-r missing.txt\n").warnings?.join() ?? "", /mxdev reads a missing include/);
});

// pip installs `-e .` under the name its pyproject.toml or setup.cfg declares (PyScaffold's
// setup.cfg projects have a setup.py shim and no pyproject.toml). Was: the SBOM's root unnamed,
// called after the folder.
Deno.test("readRequirements: `-e .` names the project as its setup.cfg or pyproject.toml declares it", () => {
  const files: Record<string, string> = {
    "setup.py": "from setuptools import setup\nsetup()\n",
    "setup.cfg": "[metadata]\nname = My_Tool\nversion = 1.3.0\n\n[options]\ninstall_requires =\n" +
      "    requests\n",
    "svc/pyproject.toml": '[project]\nname = "svc"\ndynamic = ["version"]\n',
  };
  const peek = (p: string): string | undefined => files[p];
  const text = "-e .\nrequests==2.32.3\n";
  const out = readRequirements(text, { path: "requirements.txt", peek });
  assert.deepEqual(out.project, {
    name: "my-tool",
    version: "1.3.0",
    purl: "pkg:pypi/my-tool@1.3.0",
  });
  assert.equal(out.projectIsTooling, true); // a manifest naming the project wins
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/requests@2.32.3"]);
  assert.deepEqual(
    readRequirements("--editable=.\n", { path: "svc/requirements.txt", peek }).project,
    { name: "svc", purl: "pkg:pypi/svc" },
  );
  // Another folder of the project, or a setup.py alone (named when run), names no project.
  assert.equal(
    readRequirements("-e ./svc\n", { path: "requirements.txt", peek }).project,
    undefined,
  );
  assert.equal(
    readRequirements("-e .\n", {
      path: "requirements.txt",
      peek: (p) => p === "setup.py" ? "" : undefined,
    })
      .project,
    undefined,
  );
});

Deno.test("readInventory: `-e .` beside a setup.cfg names the SBOM's root; setup.cfg stays unread", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "setup.py": "from setuptools import setup\nsetup()\n",
      "setup.cfg":
        "[metadata]\nname = my-tool\nversion = 1.3.0\n\n[options]\ninstall_requires = idna\n",
      "requirements.txt": "-e .\nidna==3.10\n",
    });
    const inventory = await readInventory(dir);
    assert.equal(inventory.project.purl, "pkg:pypi/my-tool@1.3.0");
    assert.ok(inventory.warnings?.some((w) => w.startsWith("setup.cfg is not read: ")));
  });
});

// pip fails on a folder that holds no pyproject.toml or setup.py, or that does not exist
// ("Directory … is not installable", "Invalid requirement … It looks like a path"; an editable
// one "is not a valid editable requirement"). Was: the line dropped without a word.
Deno.test("readRequirements: a line naming a folder of the project that does not exist is a warning naming file:line", () => {
  const files: Record<string, string> = {
    "libs/ok/pyproject.toml": '[project]\nname = "ok"\nversion = "1.0"\n',
    "libs/legacy/setup.py": "from setuptools import setup\nsetup(name='legacy')\n",
  };
  const peek = (p: string): string | undefined => files[p];
  const text = "idna==3.10\n./missing/folder\n-e ./libs/ok\n-e libs/legacy\n" +
    "gone @ file:./libs/gone\n-e ./libs/cfg_only\n";
  const out = readRequirements(text, { path: "requirements.txt", peek });
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/idna@3.10"]);
  const why = " is no folder of the project with a pyproject.toml or setup.py (missing, or a git " +
    "submodule not checked out?): pip refuses to install it, and fails on the whole file; vouch " +
    "reads the rest";
  assert.deepEqual(out.warnings, [
    `requirements.txt:2: "./missing/folder"${why}`,
    `requirements.txt:5: "file:./libs/gone"${why}`,
    `requirements.txt:6: "./libs/cfg_only"${why}`,
  ]);
  // An included file's folder is its own; without peek nothing is looked into.
  const nested = readRequirements("-r sub/reqs.txt\n", {
    path: "requirements.txt",
    include: (rel) => rel === "sub/reqs.txt" ? "-e ../libs/ok\n-e ./nowhere\n" : undefined,
    peek,
  });
  assert.deepEqual(nested.warnings, [`sub/reqs.txt:2: "./nowhere"${why}`]);
  assert.equal(readRequirements(text, { path: "requirements.txt" }).warnings, undefined);
  // pip takes a relative path from the folder it runs in: `uv pip compile requirements/base.in`
  // writes `-e .` for the project above (apache/superset), and `-e ./libs/ok` is the root's.
  const above: Record<string, string> = {
    ...files,
    "pyproject.toml": '[project]\nname = "top"\nversion = "1"\n',
  };
  assert.equal(
    readRequirements("-e .\n-e ./libs/ok\n", {
      path: "requirements/base.txt",
      peek: (p) => above[p],
    }).warnings,
    undefined,
  );
});

Deno.test("readInventory: a Plone project's mxdev input with a constraints file not made yet", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "mx.ini": MX_INI,
      "requirements.txt": "-c constraints.txt\nPlone==6.0.13\n",
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:pypi/plone@6.0.13"]);
  });
});

Deno.test("readInventory: an mx.ini include vouch cannot read (a URL, a missing file) is a warning with its file:line", async () => {
  // mxdev downloads a URL include and fails on a missing one (including.py
  // resolve_dependencies: request.urlopen; FileNotFoundError): either may set `requirements-in`.
  // Was: requirements.txt read with pip's rules without a word.
  for (
    const [include, why] of [
      ["https://raw.githubusercontent.com/plone/buildout.coredev/6.1/mx.ini", "is a URL"],
      ["conf/plone.ini", "does not exist"],
    ]
  ) {
    await withTempDir(async (dir) => {
      await writeTree(dir, {
        "mx.ini": `[settings]\ninclude =\n    ${include}\nthreads = 4\n`,
        "requirements.txt": "Plone==6.1.0\n",
      });
      const inventory = await readInventory(dir);
      assert.deepEqual(inventory.components.map((c) => c.id), ["pkg:pypi/plone@6.1.0"]);
      assert.match(
        (inventory.warnings ?? []).join("\n"),
        new RegExp(
          `mx\\.ini:3: the include ${include.replaceAll(".", "\\.")} ${why}.*` +
            "whether mxdev reads requirements\\.txt as its input",
        ),
      );
    });
  }
});

Deno.test("readRequirements: a file: URL without an authority is the relative folder it holds, as pip reads it", () => {
  // pip-compile-multi's output (betodealmeida/shillelagh's requirements/base.txt): the project.
  const compiled = [
    "# SHA1:a9dde048f1ee1f00586264d726d0e89f16e56183",
    "#",
    "# This file is autogenerated by pip-compile-multi",
    "-e file:.",
    "    # via -r requirements/base.in",
    "apsw==3.38.5.post1",
    "    # via shillelagh",
    "",
  ].join("\n");
  const out = readRequirements(compiled, { path: "requirements/base.txt" });
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/apsw@3.38.5.post1"]);
  // Was: 'requirements/base.txt:4: "file:." is a folder outside the project …'.
  assert.deepEqual(out.warnings ?? [], []);
  // A folder of the project beside the file's: its own code too; one out of the project, or an
  // absolute file:/// one, is not, and still names no package.
  const text =
    "-e file:../shared\n-e file:../../elsewhere\n-e file:///opt/src/lib\nfastapi==0.110.0\n";
  const backend = readRequirements(text, { path: "backend/requirements.txt" });
  assert.deepEqual(backend.components.map((c) => c.purl), ["pkg:pypi/fastapi@0.110.0"]);
  assert.deepEqual(backend.warnings?.map((w) => w.slice(0, w.indexOf(" is "))), [
    'backend/requirements.txt:2: "file:../../elsewhere"',
    'backend/requirements.txt:3: "file:///opt/src/lib"',
  ]);
});

Deno.test("readRequirements: a file named for a test runner, type checks or benchmarks lists dev requirements", () => {
  // coveragepy's requirements/tox.txt (uv pip compile, hashed): tox for its test matrix.
  const tox = [
    "# This file was autogenerated by uv via the following command:",
    "#    make upgrade",
    "tox==4.63.0 \\",
    "    --hash=sha256:e8c560a9124e127c5e0547912d2ae1ef948dbba2fdea0b8d506e609a126b2e47 \\",
    "    --hash=sha256:fb7105ef125b371e31797cfa615e5a160de3d8ef29b86dca7fcbd9048da3a9d8",
    "    # via",
    "    #   -r requirements/tox.in",
    "    #   tox-gh",
    "",
  ].join("\n");
  const scopes = (text: string, path: string): string[][] =>
    readRequirements(text, { path }).components.map((c) => c.scopes);
  // Was runtime: coverage, which needs nothing at run time, "required" tox, pytest, mypy.
  assert.deepEqual(scopes(tox, "requirements/tox.txt"), [["dev"]]);
  for (
    const path of [
      "requirements/pytest.txt",
      "requirements-typecheck.txt",
      "requirements-benchmark.txt",
      "requirements/benchmarks-real.txt",
      "benchmarks/requirements.txt",
      "bench/requirements.txt",
    ]
  ) {
    assert.deepEqual(scopes("onnx==1.16.0\n", path), [["dev"]], path);
  }
  // python/mypy's own mypy-requirements.txt is what mypy needs at run time.
  assert.deepEqual(scopes("pathspec>=0.9.0\n", "mypy-requirements.txt"), [["runtime"]]);
});

Deno.test("readInventory: a pin not in PEP 440 normal form is the same install as the normal one", async () => {
  await withTempDir(async (dir) => {
    await writeTree(dir, {
      "requirements.txt": "attrs==v23.5\nrich==1.0.0-beta14\nidna===1.0.0.RC1\n",
      "docs/requirements.txt": "attrs==23.5\nrich==1.0.0b14\n",
    });
    const inventory = await readInventory(dir);
    assert.deepEqual(inventory.components.map((c) => c.id).sort(), [
      "pkg:pypi/attrs@23.5",
      "pkg:pypi/idna@1.0.0.RC1",
      "pkg:pypi/rich@1.0.0b14",
    ]);
  });
});

Deno.test("readRequirements: a folder the scan skips (vendor/, --exclude) is a version-less component, or a warning when unnamed", () => {
  const text = "-e ./vendor/x#egg=X\n" +
    "file:vendor/w#egg=w\n" +
    "ok @ ./third_party/ok\n" +
    "./vendor/z\n" +
    "-e ./libs/own\n";
  const out = readRequirements(text, {
    path: "requirements.txt",
    excluded: (folder) => folder === "third_party" || folder.startsWith("third_party/"),
  });
  // Was: X, w and ok left out as the project's own folders (no member: the scan never enters
  // them), ./vendor/z without a word.
  assert.deepEqual(out.components.map((c) => [c.purl, c.version]), [
    ["pkg:pypi/ok", undefined],
    ["pkg:pypi/w", undefined],
    ["pkg:pypi/x", undefined],
  ]);
  assert.deepEqual(out.warnings, [
    'requirements.txt:4: "./vendor/z" is a folder in vendor/, which the scan skips, that names ' +
    "no package (pip learns its name by building it, vouch cannot): it is not in the SBOM; " +
    'write "<name> @ file://<folder>" to list it',
  ]);
});

Deno.test("readRequirements: a relative file: URL's path is percent-decoded, as pip's url_to_path decodes it", () => {
  const out = readRequirements(
    "-e file:%2E%2E/sibling#egg=sibling\n-e file:vendor%2Ftool#egg=tool\n",
    {
      path: "requirements.txt",
    },
  );
  // Was: neither, both taken for folders of the project (`%2E%2E`, `vendor%2Ftool`), own code.
  assert.deepEqual(out.components.map((c) => c.purl), ["pkg:pypi/sibling", "pkg:pypi/tool"]);
});

Deno.test("readRequirements: a file named for a developer tool lists dev requirements, one named for the build build ones", () => {
  const scopes = (text: string, path: string): string[][] =>
    readRequirements(text, { path }).components.map((c) => c.scopes);
  // Was runtime: type checkers, linters, change log and docs tools.
  for (
    const path of [
      "requirements/mypy.txt",
      "requirements-mypy.txt",
      "requirements/towncrier.txt",
      "requirements/flake8.txt",
      "requirements/sphinx.txt",
      "requirements/docs-build.txt",
    ]
  ) {
    assert.deepEqual(scopes("mypy==1.11.2\n", path), [["dev"]], path);
  }
  // Was runtime: what builds the project (numpy's requirements/build_requirements.txt,
  // python/mypy's build-requirements.txt), as `[build-system] requires` is build.
  for (
    const path of [
      "build-requirements.txt",
      "requirements-build.txt",
      "requirements/build.txt",
      "requirements/build_requirements.txt",
    ]
  ) {
    assert.deepEqual(scopes("cython==3.0.11\n", path), [["build"]], path);
  }
  // `<tool>-requirements.txt` may be the tool's own: python/mypy's lists what mypy runs with.
  assert.deepEqual(scopes("pathspec>=0.9.0\n", "mypy-requirements.txt"), [["runtime"]]);
});

Deno.test("readRequirements: a file named for code style or for pre-commit lists dev requirements", () => {
  const scopes = (text: string, path: string): string[][] =>
    readRequirements(text, { path }).components.map((c) => c.scopes);
  // Was runtime: pyvista's requirements_style.txt (flake8, black, isort, codespell) and
  // twisted/klein's requirements/pre-commit.txt (the git hooks' runner).
  for (
    const path of [
      "requirements_style.txt",
      "requirements-style.txt",
      "requirements/pre-commit.txt",
      "requirements/precommit.txt",
      "requirements_pre_commit.txt",
    ]
  ) {
    assert.deepEqual(scopes("flake8==4.0.1\n", path), [["dev"]], path);
  }
  // The tool's own requirements, as for mypy; and a word only containing one is none.
  for (const path of ["pre-commit-requirements.txt", "requirements-prestyle.txt"]) {
    assert.deepEqual(scopes("identify==2.5.0\n", path), [["runtime"]], path);
  }
});

Deno.test("readRequirements: an `#egg=<name>-<version>` fragment names the project, with a warning", () => {
  const text = "-e git+https://github.com/acme/name.git@v1.4#egg=name-1.4\n" +
    "https://h.example/x/archive/v1.tar.gz#egg=xpkg-1.0rc1\n" +
    // A tail without a dot is a name (flake8-2020 is a project).
    "git+https://github.com/acme/f.git@v1#egg=flake8-2020\n";
  const out = readRequirements(text, { path: "requirements.txt" });
  // Was: pkg:pypi/name-1-4 and pkg:pypi/xpkg-1-0rc1, no project's name.
  assert.deepEqual(out.components.map((c) => [c.name, c.version]), [
    ["flake8-2020", undefined],
    ["name", undefined],
    ["xpkg", undefined],
  ]);
  assert.deepEqual(out.warnings, [
    'requirements.txt:1: "#egg=name-1.4" writes a version into the egg fragment ' +
    "(easy_install's form): pip takes all of it for the project's name and refuses a project " +
    'named otherwise (pip 20.3 on: "inconsistent name"); it is in the SBOM as name, its ' +
    'version the project\'s own, unknown; write "name @ <url>"',
    'requirements.txt:2: "#egg=xpkg-1.0rc1" writes a version into the egg fragment ' +
    "(easy_install's form): pip takes all of it for the project's name and refuses a project " +
    'named otherwise (pip 20.3 on: "inconsistent name"); it is in the SBOM as xpkg, its ' +
    'version the project\'s own, unknown; write "xpkg @ <url>"',
  ]);
});
