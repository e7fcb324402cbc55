// Hand-built inventories for the SBOM writer tests, and the options they are written with.
import { formatPurl } from "../../src/inventory/purl.ts";
import { type Component, type Inventory, ROOT_ID } from "../../src/inventory/types.ts";
import type { SbomOptions } from "../../src/sbom/options.ts";

/** Options with a creation time that has milliseconds (they must be dropped). */
export const OPTIONS: SbomOptions = {
  created: new Date("2024-05-06T07:08:09.123Z"),
  reproducible: false,
  tool: { name: "vouch", version: "0.1.0" },
};

/**
 * `count` hex characters derived from `seed` (not a real digest, but well-formed).
 *
 * @param seed Any text.
 * @param count Number of hex characters.
 * @returns Lowercase hex.
 */
export function hex(seed: string, count: number): string {
  let out = "";
  for (let i = 0; out.length < count; i++) {
    out += ((seed.charCodeAt(i % seed.length) * 31 + i) % 256).toString(16).padStart(2, "0");
  }
  return out.slice(0, count);
}

/**
 * A component with defaults: direct, runtime, no hashes, no groups.
 *
 * @param fields The fields to set (`id` defaults to `purl`).
 * @returns The component.
 */
export function component(
  fields: Partial<Component> & Pick<Component, "name" | "purl" | "ecosystem">,
): Component {
  return {
    id: fields.purl,
    hashes: [],
    direct: true,
    scopes: ["runtime"],
    groups: [],
    sources: ["lock"],
    ...fields,
  };
}

/** One project, one component, one runtime edge. */
export function tinyInventory(): Inventory {
  const requests = component({
    ecosystem: "pypi",
    name: "requests",
    version: "2.32.3",
    purl: "pkg:pypi/requests@2.32.3",
    hashes: [{ alg: "sha256", hex: hex("requests", 64) }],
    downloadLocation: "https://files.pythonhosted.org/packages/requests-2.32.3.tar.gz",
    license: "Apache-2.0",
    sources: ["uv.lock"],
  });
  return {
    project: { name: "demo", version: "1.0.0", purl: "pkg:pypi/demo@1.0.0", license: "MIT" },
    members: [],
    components: [requests],
    edges: [{ from: ROOT_ID, to: requests.id, scope: "runtime" }],
    sources: ["pyproject.toml", "uv.lock"],
  };
}

/** Purls of the rich inventory, by short name. */
export const RICH = {
  core: "pkg:npm/%40acme/core@2.0.0",
  cli: "pkg:npm/%40acme/cli@2.0.0",
  lodash4: "pkg:npm/lodash@4.17.21",
  lodash3: "pkg:npm/lodash@3.10.1",
  babel: "pkg:npm/%40babel/core@7.24.0",
  serde: formatPurl({
    type: "cargo",
    name: "serde",
    version: "1.0.200",
    qualifiers: { vcs_url: "git+https://github.com/serde-rs/serde@abc123" },
  }),
  typescript: "pkg:npm/typescript@5.4.5",
  fsevents: "pkg:npm/fsevents@2.3.3",
  esbuild: "pkg:npm/esbuild@0.20.2",
  httpx: "pkg:pypi/httpx",
  vendored: "pkg:generic/vendored@0.1.0",
} as const;

/**
 * A workspace: members, two versions of one package, scoped npm names, a git qualifier, every
 * scope, hashes of every algorithm, an unpinned specifier and a free-text license.
 */
export function richInventory(): Inventory {
  const components: Component[] = [
    component({
      ecosystem: "npm",
      name: "lodash",
      version: "4.17.21",
      specifier: "^4.17.0", // pinned: the constraint is not recorded as unpinned
      purl: RICH.lodash4,
      hashes: [{ alg: "sha512", hex: hex("lodash4", 128) }],
      downloadLocation: "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",
      license: "MIT",
      direct: false,
    }),
    component({
      ecosystem: "npm",
      name: "lodash",
      version: "3.10.1",
      purl: RICH.lodash3,
      hashes: [{ alg: "sha1", hex: hex("lodash3", 40) }],
      direct: false,
    }),
    component({
      ecosystem: "npm",
      name: "@babel/core",
      version: "7.24.0",
      purl: RICH.babel,
      hashes: [{ alg: "sha384", hex: hex("babel", 96) }, { alg: "md5", hex: hex("babel", 32) }],
      license: "BSD 3-Clause License",
      scopes: ["dev", "runtime"],
    }),
    component({
      ecosystem: "cargo",
      name: "serde",
      version: "1.0.200",
      purl: RICH.serde,
      downloadLocation: "git+https://github.com/serde-rs/serde?rev=abc123#abc123",
      license: "MIT OR Apache-2.0",
    }),
    component({
      ecosystem: "npm",
      name: "typescript",
      version: "5.4.5",
      purl: RICH.typescript,
      scopes: ["dev"],
      groups: ["lint", "test"],
    }),
    component({
      ecosystem: "npm",
      name: "fsevents",
      version: "2.3.3",
      purl: RICH.fsevents,
      scopes: ["optional"],
    }),
    component({
      ecosystem: "npm",
      name: "esbuild",
      version: "0.20.2",
      purl: RICH.esbuild,
      scopes: ["build"],
    }),
    component({
      ecosystem: "pypi",
      name: "httpx",
      specifier: ">=0.27,<1",
      purl: RICH.httpx,
      scopes: ["dev"],
      groups: ["test"],
    }),
    component({
      ecosystem: "generic",
      name: "vendored",
      version: "0.1.0",
      purl: RICH.vendored,
      downloadLocation: "../vendor/vendored",
    }),
  ];
  return {
    project: {
      name: "@acme/app",
      version: "2.0.0",
      purl: "pkg:npm/%40acme/app@2.0.0",
      license: "Apache-2.0 OR MIT",
      description: "The app",
    },
    members: [
      { id: RICH.core, name: "@acme/core", version: "2.0.0", purl: RICH.core },
      { id: RICH.cli, name: "@acme/cli", version: "2.0.0", purl: RICH.cli },
    ],
    components,
    edges: [
      { from: ROOT_ID, to: RICH.cli, scope: "runtime" },
      { from: ROOT_ID, to: RICH.core, scope: "runtime" },
      { from: RICH.cli, to: RICH.core, scope: "runtime" },
      { from: RICH.core, to: RICH.lodash4, scope: "runtime" },
      { from: RICH.cli, to: RICH.lodash3, scope: "runtime" },
      { from: RICH.cli, to: RICH.babel, scope: "runtime" },
      { from: ROOT_ID, to: RICH.babel, scope: "dev" },
      { from: RICH.cli, to: RICH.serde, scope: "runtime" },
      { from: ROOT_ID, to: RICH.typescript, scope: "dev" },
      { from: RICH.cli, to: RICH.fsevents, scope: "optional" },
      { from: ROOT_ID, to: RICH.esbuild, scope: "build" },
      { from: RICH.babel, to: RICH.lodash4, scope: "runtime" },
      { from: ROOT_ID, to: RICH.httpx, scope: "dev" },
      { from: RICH.core, to: RICH.vendored, scope: "runtime" },
    ],
    sources: ["package-lock.json", "package.json", "pyproject.toml"],
  };
}

/** Components whose ids sanitize to the same SPDXID (`npm-a-b-1.0.0`), and a name needing care. */
export function collidingInventory(): Inventory {
  const ids = ["pkg:npm/a_b@1.0.0", "pkg:npm/a-b@1.0.0", "pkg:npm/a%2Bb@1.0.0", "pkg:npm/c@1.0.0"];
  const components = ids.map((purl) =>
    component({ ecosystem: "npm", name: purl.slice(8, -6), version: "1.0.0", purl })
  );
  return {
    project: { name: "my project!", version: "0.0.1" },
    members: [],
    components,
    edges: ids.map((to) => ({ from: ROOT_ID, to, scope: "runtime" as const })),
    sources: ["package-lock.json"],
  };
}

/** A project with no version, no components, no sources. */
export function emptyInventory(): Inventory {
  return { project: { name: "empty" }, members: [], components: [], edges: [], sources: [] };
}

/** Purls of the distributed inventory, by short name. */
export const DIST = {
  wheels: "pkg:pypi/pydantic-core@2.27.1",
  poetry: "pkg:pypi/certifi@2024.7.4",
  pip: "pkg:pypi/django@5.0.7",
  jsr: "pkg:jsr/%40std/path@1.0.8",
} as const;

/**
 * Components distributed as several files (URLs, file names only, unnamed
 * `--hash` values, an npm-compat tarball), declared licenses of every kind,
 * and files found but not read.
 */
export function distributedInventory(): Inventory {
  const sha = (seed: string) => ({ alg: "sha256" as const, hex: hex(seed, 64) });
  const base = "https://files.pythonhosted.org/packages/aa/bb";
  return {
    project: { name: "dist-demo", version: "3.0.0", license: "LicenseRef-Acme-Proprietary" },
    members: [],
    components: [
      component({
        ecosystem: "jsr",
        name: "@std/path",
        version: "1.0.8",
        purl: DIST.jsr,
        distributions: [{
          url: "https://npm.jsr.io/~/11/@jsr/std__path/1.0.8.tgz",
          hashes: [{ alg: "sha512", hex: hex("jsr", 128) }],
        }],
        downloadLocation: "https://npm.jsr.io/~/11/@jsr/std__path/1.0.8.tgz",
        license: "mit",
      }),
      component({
        ecosystem: "pypi",
        name: "certifi",
        version: "2024.7.4",
        purl: DIST.poetry,
        distributions: [
          { file: "certifi-2024.7.4-py3-none-any.whl", hashes: [sha("c1")] },
          { file: "certifi-2024.7.4.tar.gz", hashes: [sha("c2")] },
        ],
        license: "MPL-2.0 OR LicenseRef-Certifi",
        scopes: ["dev"],
      }),
      component({
        ecosystem: "pypi",
        name: "Django",
        version: "5.0.7",
        purl: DIST.pip,
        distributions: [{ hashes: [sha("d1")] }, { hashes: [sha("d2")] }],
        license: "BSD License",
        scopes: ["build"],
      }),
      component({
        ecosystem: "pypi",
        name: "pydantic_core",
        version: "2.27.1",
        purl: DIST.wheels,
        distributions: [
          { url: `${base}/pydantic_core-2.27.1-cp312-cp312-manylinux.whl`, hashes: [sha("w1")] },
          { url: `${base}/pydantic_core-2.27.1.tar.gz`, hashes: [sha("s1")] },
        ],
        downloadLocation: `${base}/pydantic_core-2.27.1.tar.gz`,
        scopes: ["optional"],
      }),
    ],
    edges: [],
    sources: ["poetry.lock", "uv.lock"],
    unread: ["bun.lockb", "ios/Podfile.lock"],
  };
}

/** Every test inventory, by name. */
export function allInventories(): Record<string, Inventory> {
  return {
    tiny: tinyInventory(),
    rich: richInventory(),
    colliding: collidingInventory(),
    empty: emptyInventory(),
    distributed: distributedInventory(),
  };
}
