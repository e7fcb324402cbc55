/**
 * Writes `src/inventory/javascript/_yarn_compat.ts`: the dependencies that Yarn Berry's builtin
 * compatibility extensions add (plugin-compat registers its list, `@yarnpkg/extensions` since
 * Yarn 3.1, as package extensions of every project), each with the Yarn releases that bundle it.
 * The list is read from each release's own bundle (`@yarnpkg/cli-dist`'s `bin/yarn.js`, fetched
 * with `npm pack`): within a major line, releases between two that bundle the same list are
 * taken to bundle it too, so only the releases where it changes are fetched. It also records the
 * lockfile version (`__metadata.version`) each release writes, with the newest release writing
 * each. Run it when Yarn releases:
 *
 * ```sh
 * deno run -A --no-lock scripts/yarn_compat.ts
 * deno fmt src/inventory/javascript/_yarn_compat.ts
 * ```
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/** Where the data module goes. */
const OUTPUT = fileURLToPath(
  new URL("../src/inventory/javascript/_yarn_compat.ts", import.meta.url),
);

/** An extension that adds dependencies: its descriptor and what it adds. */
type Row = [string, Record<string, string>];

/** Runs a command, its standard output as text; exits when it fails. */
async function run(cmd: string, args: string[], cwd?: string): Promise<string> {
  const out = await new Deno.Command(cmd, { args, cwd, stderr: "inherit" }).output();
  if (!out.success) {
    console.error(`${cmd} ${args.join(" ")} failed`);
    Deno.exit(1);
  }
  return new TextDecoder().decode(out.stdout);
}

const work = await Deno.makeTempDir({ prefix: "yarn-compat-" });

/** What a Yarn release bundles: the extensions that add dependencies, and its lockfile version. */
interface Bundle {
  rows: Row[];
  lock: number;
}

/**
 * The lockfile version a release's bundle writes in `__metadata`: a literal in Yarn 2's
 * (`__metadata:{version:4}`), else a constant, Project.ts's `LOCKFILE_VERSION` (Yarn 4:
 * `YARN_LOCKFILE_VERSION_OVERRIDE ?? 8`).
 */
function lockVersion(source: string, version: string): number {
  const written = /__metadata\s*[=:]\s*\{\s*version:\s*([\w$]+)/.exec(source);
  if (written === null) throw new Error(`${version}: no lockfile version found`);
  if (/^\d+$/.test(written[1])) return Number(written[1]);
  const name = written[1].replace(/\$/g, "\\$");
  const defined = new RegExp(
    `(?<![\\w$.])${name}\\s*=\\s*(?:[\\w$]+\\(process\\.env\\.YARN_LOCKFILE_VERSION_OVERRIDE\\?\\?)?(\\d+)\\b`,
  ).exec(source);
  if (defined === null) throw new Error(`${version}: the lockfile version's value not found`);
  return Number(defined[1]);
}

/** The extensions a Yarn release bundles that add dependencies, in its order, and its lock's version. */
async function bundled(version: string): Promise<Bundle> {
  const dir = `${work}/${version}`;
  await Deno.mkdir(dir);
  const tgz = (await run("npm", ["pack", `@yarnpkg/cli-dist@${version}`, "--silent"], dir)).trim();
  await run("tar", ["xzf", tgz, "package/bin/yarn.js"], dir);
  const source = await Deno.readTextFile(`${dir}/package/bin/yarn.js`);
  await Deno.remove(dir, { recursive: true });
  // The list is one array literal of `[descriptor, extension]` pairs, a few spread from a
  // `.map` over descriptors; @pm2/agent's has been in it since Yarn 2.
  const inside = source.indexOf('["@pm2/agent@<1.0.4"');
  if (inside < 0) throw new Error(`${version}: no extension list found`);
  for (let start = inside - 1; start > inside - 50_000; start--) {
    if (source[start] !== "[" || source[start + 1] !== "[") continue;
    const end = matching(source, start);
    if (end < inside) continue;
    // Minified names (`kt`, the `{optional: true}` of peer metadata) read as empty objects.
    const scope = new Proxy({}, {
      has: () => true,
      get: (_, key) => key === Symbol.unscopables ? undefined : {},
    });
    const list = new Function(
      "scope",
      `with (scope) { return (${source.slice(start, end + 1)}); }`,
    )(
      scope,
    ) as [string, { dependencies?: Record<string, string> }][];
    const rows = list.filter(([, extension]) => extension.dependencies !== undefined)
      .map(([descriptor, extension]): Row => [descriptor, extension.dependencies!]);
    return { rows, lock: lockVersion(source, version) };
  }
  throw new Error(`${version}: the extension list's start not found`);
}

/** The index of the bracket closing the one at `start` (strings skipped). */
function matching(source: string, start: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (quote !== undefined) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "[" || c === "{" || c === "(") depth++;
    else if (c === "]" || c === "}" || c === ")") {
      if (--depth === 0) return i;
    }
  }
  return -1;
}

const key = (row: Row): string => JSON.stringify(row);
const releases =
  (JSON.parse(await run("npm", ["view", "@yarnpkg/cli-dist", "versions", "--json"])) as string[])
    .filter((v) => /^\d+\.\d+\.\d+$/.test(v))
    .sort((a, b) => {
      const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
    });
const lists = new Map<string, Bundle>();
const listOf = async (i: number): Promise<Bundle> => {
  const v = releases[i];
  if (!lists.has(v)) lists.set(v, await bundled(v));
  return lists.get(v)!;
};
/** Fetches the releases between `low` and `high` where the list changes. */
const bisect = async (low: number, high: number): Promise<void> => {
  const [a, b] = [await listOf(low), await listOf(high)];
  if (high - low <= 1 || JSON.stringify(a) === JSON.stringify(b)) return;
  const mid = Math.floor((low + high) / 2);
  await bisect(low, mid);
  await bisect(mid, high);
};
// Each major line apart: a later 3.x release may have what 4.0 had not yet (a backport).
for (const major of new Set(releases.map((v) => v.split(".")[0]))) {
  const line = releases.flatMap((v, i) => v.startsWith(`${major}.`) ? [i] : []);
  await bisect(line[0], line.at(-1)!);
}
// A release not fetched bundles the list of the last one fetched before it (in its line).
let last: Bundle = { rows: [], lock: 0 };
const bundles = releases.map((v) => last = lists.get(v) ?? last);
const byRelease = bundles.map((bundle) => bundle.rows);
/** The newest release writing each lockfile version. */
const lockNewest = new Map<number, string>();
bundles.forEach((bundle, i) => lockNewest.set(bundle.lock, releases[i]));

// Every extension, in the newest list's order, one an older release alone has after the
// one it follows there.
const order: string[] = [];
for (const list of [...byRelease].reverse()) {
  list.forEach((row, i) => {
    if (order.includes(key(row))) return;
    const after = i === 0 ? -1 : order.indexOf(key(list[i - 1]));
    order.splice(after + 1, 0, key(row));
  });
}
/** The Yarn releases bundling an extension, as a range (`undefined`: every one). */
const range = (row: string): string | undefined => {
  const has = byRelease.map((list) => list.some((r) => key(r) === row));
  if (has.every(Boolean)) return undefined;
  const parts: string[] = [];
  for (let i = 0; i < has.length; i++) {
    if (!has[i] || has[i - 1]) continue;
    let j = i;
    while (has[j + 1]) j++;
    const low = i === 0 ? "" : `>=${releases[i]}`;
    const high = j === has.length - 1 ? "" : `<${releases[j + 1]}`;
    parts.push([low, high].filter(Boolean).join(" "));
  }
  return parts.join(" || ");
};
const rows = order.map((row) => {
  const [descriptor, deps] = JSON.parse(row) as Row;
  const yarn = range(row);
  return `  [${JSON.stringify(descriptor)}, ${JSON.stringify(deps)}${
    yarn === undefined ? "" : `, ${JSON.stringify(yarn)}`
  }],`;
});
const newest = releases.at(-1)!;
const text = `/**
 * The dependencies that Yarn Berry's builtin compatibility extensions add to well-known packages
 * (plugin-compat's \`registerPackageExtensions\` hook registers its list, \`@yarnpkg/extensions\`
 * since Yarn 3.1, before the \`.yarnrc.yml\`'s \`packageExtensions\`), by the descriptor that
 * selects the package versions, each with the Yarn releases that bundle it when not every one
 * does (the list grows and changes with Yarn). Their peer dependencies and peer metadata are left
 * out (see \`yarn_lock.ts\`).
 *
 * Generated by \`scripts/yarn_compat.ts\` from the bundles of Yarn ${releases[0]} to ${newest}
 * (\`@yarnpkg/cli-dist\`): do not edit.
 *
 * @module
 */

/** The newest Yarn release the list knows. */
export const YARN_COMPAT_NEWEST = ${JSON.stringify(newest)};

/**
 * The newest release that writes each lockfile version (\`__metadata.version\`): a lock tells the
 * Yarn releases that can have written it.
 */
export const YARN_LOCK_VERSION_NEWEST: Readonly<Record<number, string>> = {
${
  [...lockNewest].sort(([a], [b]) => a - b).map(([lock, v]) => `  ${lock}: ${JSON.stringify(v)},`)
    .join("\n")
}
};

/**
 * Each compatibility extension that adds dependencies: its descriptor, what it adds and, when
 * not every Berry release bundles it, the range of the Yarn releases that do.
 */
export const YARN_COMPAT_DEPENDENCIES:
  readonly (readonly [string, Readonly<Record<string, string>>, string?])[] = [
${rows.join("\n")}
];
`;
await Deno.writeTextFile(OUTPUT, text);
await Deno.remove(work, { recursive: true });
console.log(
  `${OUTPUT}: ${rows.length} extensions, from ${lists.size} of ${releases.length} releases`,
);
