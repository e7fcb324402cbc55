/**
 * Reads the facts of a local git checkout straight from `.git` (no `git`
 * process): the HEAD commit and ref, a tag pointing at HEAD, and the `origin`
 * remote URL.
 *
 * @module
 */
import { dirname, join, resolve } from "node:path";

/** What a checkout says about the source. */
export interface GitCheckout {
  /** The HEAD commit (40 hex characters). */
  commit?: string;
  /** The symbolic ref HEAD points at, e.g. `refs/heads/main`. */
  ref?: string;
  /** A tag name whose commit is HEAD (the highest in sort order when several). */
  tag?: string;
  /** The `origin` remote URL, normalized to https for well-known SSH forms. */
  remoteUrl?: string;
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await Deno.readTextFile(path);
  } catch {
    return undefined;
  }
}

async function findGitDir(
  start: string,
): Promise<{ gitDir: string; commonDir: string } | undefined> {
  let dir = resolve(start);
  for (;;) {
    const dotGit = join(dir, ".git");
    try {
      const info = await Deno.stat(dotGit);
      let gitDir = dotGit;
      if (info.isFile) {
        const m = /^gitdir:\s*(.+)$/m.exec((await readText(dotGit)) ?? "");
        if (!m) return undefined;
        gitDir = resolve(dir, m[1].trim());
      }
      const common = (await readText(join(gitDir, "commondir")))?.trim();
      return { gitDir, commonDir: common ? resolve(gitDir, common) : gitDir };
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }
}

/** Parses `packed-refs` into ref → commit (peeled for annotated tags). */
function parsePackedRefs(text: string): Map<string, string> {
  const refs = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split("\n")) {
    const peeled = /^\^([0-9a-f]{40,64})$/.exec(line.trim());
    if (peeled && last) {
      refs.set(last, peeled[1]);
      continue;
    }
    const m = /^([0-9a-f]{40,64}) (\S+)$/.exec(line.trim());
    if (m) {
      refs.set(m[2], m[1]);
      last = m[2];
    }
  }
  return refs;
}

async function readLooseObject(commonDir: string, sha: string): Promise<string | undefined> {
  try {
    const data = await Deno.readFile(join(commonDir, "objects", sha.slice(0, 2), sha.slice(2)));
    const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new TextDecoder().decode(await new Response(stream).arrayBuffer());
  } catch {
    return undefined;
  }
}

/** Follows an annotated tag object to the commit it tags (loose objects only). */
async function peel(commonDir: string, sha: string): Promise<string> {
  for (let i = 0; i < 4; i++) {
    const obj = await readLooseObject(commonDir, sha);
    const m = obj && /^tag \d+\0object ([0-9a-f]{40,64})\ntype (\w+)/.exec(obj);
    if (!m) return sha;
    sha = m[1];
    if (m[2] !== "tag") return sha;
  }
  return sha;
}

async function looseRefs(commonDir: string, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    try {
      for await (const entry of Deno.readDir(join(commonDir, rel))) {
        const child = `${rel}/${entry.name}`;
        if (entry.isDirectory) await walk(child);
        else {
          const sha = (await readText(join(commonDir, child)))?.trim();
          if (sha && /^[0-9a-f]{40,64}$/.test(sha)) out.set(child, sha);
        }
      }
    } catch {
      // no such folder
    }
  };
  await walk(prefix);
  return out;
}

/**
 * Normalizes a git remote URL to an https URL where it is a common SSH form
 * (`git@host:owner/repo.git`, `ssh://git@host/owner/repo.git`); credentials are removed.
 *
 * @param url The configured URL.
 * @returns The normalized URL.
 */
export function normalizeRemoteUrl(url: string): string {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/)(.+?)(?:\.git)?\/?$/.exec(url);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  const ssh = /^ssh:\/\/(?:[^@/]+@)?([\w.-]+)(?::\d+)?\/(.+?)(?:\.git)?\/?$/.exec(url);
  if (ssh) return `https://${ssh[1]}/${ssh[2]}`;
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return u.href.replace(/\.git\/?$/, "").replace(/\/$/, "");
  } catch {
    return url;
  }
}

/**
 * Reads HEAD, its ref, a tag at HEAD and the origin URL from the checkout that
 * contains `start` (walking up to the nearest `.git`).
 *
 * @param start A folder inside the checkout.
 * @returns What was found; empty when there is no checkout.
 */
export async function readGitCheckout(start: string): Promise<GitCheckout> {
  const found = await findGitDir(start);
  if (!found) return {};
  const { gitDir, commonDir } = found;
  const packed = parsePackedRefs((await readText(join(commonDir, "packed-refs"))) ?? "");
  const out: GitCheckout = {};
  const head = (await readText(join(gitDir, "HEAD")))?.trim() ?? "";
  const symbolic = /^ref:\s*(\S+)$/.exec(head);
  if (symbolic) {
    out.ref = symbolic[1];
    out.commit = (await readText(join(commonDir, out.ref)))?.trim() || packed.get(out.ref);
  } else if (/^[0-9a-f]{40,64}$/.test(head)) {
    out.commit = head;
  }
  if (out.commit) {
    const tags = new Map(packed);
    for (const [ref, sha] of await looseRefs(commonDir, "refs/tags")) tags.set(ref, sha);
    const atHead: string[] = [];
    for (const [ref, sha] of tags) {
      if (!ref.startsWith("refs/tags/")) continue;
      if (sha === out.commit || (await peel(commonDir, sha)) === out.commit) {
        atHead.push(ref.slice("refs/tags/".length));
      }
    }
    if (atHead.length > 0) out.tag = atHead.sort().at(-1);
  }
  const config = (await readText(join(commonDir, "config"))) ?? "";
  const origin = /\[remote "origin"\]([^[]*)/.exec(config);
  const url = origin && /^\s*url\s*=\s*(.+)$/m.exec(origin[1]);
  if (url) out.remoteUrl = normalizeRemoteUrl(url[1].trim());
  return out;
}
