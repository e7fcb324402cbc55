// Test helper: a local stand-in for jsr.io, so `deno run jsr:@vouch/vouch …` can be
// tried without network. `buildJsrRegistry` lays out the files of one package
// version the way JSR serves them (package meta, version meta with a manifest of
// sizes and checksums, the files with bare specifiers unfurled as `deno publish`
// does); run as a program, this module serves such a folder on 127.0.0.1 and
// prints its port (Deno reads the registry from `JSR_URL`).
import { dirname, join } from "node:path";

/** What to publish. */
export interface JsrPackage {
  /** `@scope/name`. */
  name: string;
  /** The version. */
  version: string;
  /** The `exports` of deno.json. */
  exports: Record<string, string>;
  /** The `imports` of deno.json (bare specifier → target), unfurled in the sources. */
  imports: Record<string, string>;
  /** The project folder. */
  root: string;
  /** The files to publish, relative to `root`. */
  files: string[];
}

function unfurl(text: string, imports: Record<string, string>): string {
  let out = text;
  for (const [bare, target] of Object.entries(imports)) {
    out = out.replaceAll(`from "${bare}"`, `from "${target}"`)
      .replaceAll(`import("${bare}")`, `import("${target}")`);
  }
  return out;
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Writes a registry folder holding one version of one package.
 *
 * @param dir The registry folder (served as the `JSR_URL` root).
 * @param pkg The package.
 */
export async function buildJsrRegistry(dir: string, pkg: JsrPackage): Promise<void> {
  const base = join(dir, pkg.name);
  const manifest: Record<string, { size: number; checksum: string }> = {};
  for (const file of pkg.files) {
    let bytes: Uint8Array<ArrayBuffer> = await Deno.readFile(join(pkg.root, file));
    if (/\.[cm]?[jt]sx?$/.test(file)) {
      bytes = new TextEncoder().encode(unfurl(new TextDecoder().decode(bytes), pkg.imports));
    }
    const target = join(base, pkg.version, file);
    await Deno.mkdir(dirname(target), { recursive: true });
    await Deno.writeFile(target, bytes);
    manifest[`/${file}`] = { size: bytes.length, checksum: `sha256-${await sha256Hex(bytes)}` };
  }
  const [scope, name] = pkg.name.slice(1).split("/");
  await Deno.writeTextFile(
    join(base, "meta.json"),
    JSON.stringify({ scope, name, latest: pkg.version, versions: { [pkg.version]: {} } }),
  );
  await Deno.writeTextFile(
    join(base, `${pkg.version}_meta.json`),
    JSON.stringify({ manifest, exports: pkg.exports }),
  );
}

if (import.meta.main) {
  const [root] = Deno.args;
  Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: ({ port }) => console.log(port),
  }, async (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    if (path.split("/").includes("..")) return new Response("bad path", { status: 400 });
    try {
      return new Response(await Deno.readFile(join(root, path)));
    } catch {
      return new Response("not found", { status: 404 });
    }
  });
}
