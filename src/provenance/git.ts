/**
 * Reads the facts of a local git checkout straight from `.git` (no `git`
 * process): the HEAD commit and ref, a tag pointing at HEAD, and the `origin`
 * remote URL.
 *
 * @module
 */
import { dirname, join, resolve } from "../_path.ts";
import { inflateSync } from "node:zlib";

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

/**
 * Parses `packed-refs` into ref → commit (peeled for annotated tags), and the
 * refs that need no peeling: with the `fully-peeled` trait every annotated
 * tag carries its `^` line, so a packed ref without one is not a tag object.
 */
function parsePackedRefs(text: string): { refs: Map<string, string>; settled: Set<string> } {
  const refs = new Map<string, string>();
  const fullyPeeled = /^# pack-refs with:.*\bfully-peeled\b/m.test(text);
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
  return { refs, settled: fullyPeeled ? new Set(refs.keys()) : new Set() };
}

/** A git object's type and body. */
interface GitObject {
  type: string;
  body: string;
}

async function readLooseObject(commonDir: string, sha: string): Promise<GitObject | undefined> {
  try {
    const data = await Deno.readFile(join(commonDir, "objects", sha.slice(0, 2), sha.slice(2)));
    const text = new TextDecoder().decode(inflateSync(data));
    const nul = text.indexOf("\0");
    return { type: text.slice(0, text.indexOf(" ")), body: text.slice(nul + 1) };
  } catch {
    return undefined;
  }
}

const PACK_TYPES = ["", "commit", "tree", "blob", "tag"];

/** Finds an object's offset in one pack index (version 2), or `undefined`. */
function packOffset(idx: Uint8Array, hash: Uint8Array): number | undefined {
  const view = new DataView(idx.buffer, idx.byteOffset, idx.byteLength);
  if (idx.length < 1032 || view.getUint32(0) !== 0xff744f63 || view.getUint32(4) !== 2) {
    return undefined;
  }
  const count = view.getUint32(8 + 255 * 4);
  const names = 8 + 1024;
  const width = hash.length;
  let lo = hash[0] === 0 ? 0 : view.getUint32(8 + (hash[0] - 1) * 4);
  let hi = view.getUint32(8 + hash[0] * 4);
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    let cmp = 0;
    for (let i = 0; i < width && cmp === 0; i++) cmp = idx[names + mid * width + i] - hash[i];
    if (cmp === 0) {
      const offsets = names + count * width + count * 4;
      const small = view.getUint32(offsets + mid * 4);
      if ((small & 0x80000000) === 0) return small;
      return Number(view.getBigUint64(offsets + count * 4 + (small & 0x7fffffff) * 8));
    }
    if (cmp < 0) lo = mid + 1;
    else hi = mid;
  }
  return undefined;
}

/** Reads objects of one repository; the pack indexes are read once. */
class ObjectStore {
  readonly #commonDir: string;
  #indexes?: Promise<{ pack: string; idx: Uint8Array }[]>;

  constructor(commonDir: string) {
    this.#commonDir = commonDir;
  }

  #packIndexes(): Promise<{ pack: string; idx: Uint8Array }[]> {
    this.#indexes ??= (async () => {
      const dir = join(this.#commonDir, "objects", "pack");
      const out: { pack: string; idx: Uint8Array }[] = [];
      try {
        for await (const entry of Deno.readDir(dir)) {
          if (!entry.name.endsWith(".idx")) continue;
          out.push({
            pack: join(dir, entry.name.replace(/\.idx$/, ".pack")),
            idx: await Deno.readFile(join(dir, entry.name)),
          });
        }
      } catch {
        // no packs, or unreadable
      }
      return out;
    })();
    return this.#indexes;
  }

  /** Reads a non-delta object from the packs (enough for tag objects). */
  async #packed(sha: string): Promise<GitObject | undefined> {
    const hash = Uint8Array.from(sha.match(/../g)!.map((h) => parseInt(h, 16)));
    for (const { pack, idx } of await this.#packIndexes()) {
      const offset = packOffset(idx, hash);
      if (offset === undefined) continue;
      try {
        using file = await Deno.open(pack);
        await file.seek(offset, Deno.SeekMode.Start);
        const chunk = new Uint8Array(1 << 16);
        const n = (await file.read(chunk)) ?? 0;
        let i = 0;
        let byte = chunk[i++];
        const type = PACK_TYPES[(byte >> 4) & 7];
        while (byte & 0x80 && i < n) byte = chunk[i++];
        if (!type) return undefined; // a delta: not needed for tags
        return { type, body: new TextDecoder().decode(inflateSync(chunk.subarray(i, n))) };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** Follows an annotated tag object to the commit it tags (loose or packed objects). */
  async peel(sha: string): Promise<string> {
    for (let i = 0; i < 4; i++) {
      const obj = (await readLooseObject(this.#commonDir, sha)) ?? (await this.#packed(sha));
      const m = obj?.type === "tag" ? /^object ([0-9a-f]{40,64})\ntype (\w+)/.exec(obj.body) : null;
      if (!m) return sha;
      sha = m[1];
      if (m[2] !== "tag") return sha;
    }
    return sha;
  }
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
  const { refs: packed, settled } = parsePackedRefs(
    (await readText(join(commonDir, "packed-refs"))) ?? "",
  );
  const out: GitCheckout = {};
  const head = (await readText(join(gitDir, "HEAD")))?.trim() ?? "";
  const symbolic = /^ref:\s*(\S+)$/.exec(head);
  if (symbolic) {
    out.ref = symbolic[1];
    const loose = (await readText(join(commonDir, out.ref)))?.trim();
    const commit = loose || packed.get(out.ref);
    if (commit && /^[0-9a-f]{40,64}$/.test(commit)) out.commit = commit;
  } else if (/^[0-9a-f]{40,64}$/.test(head)) {
    out.commit = head;
  }
  if (out.commit) {
    const tags = new Map(packed);
    for (const [ref, sha] of await looseRefs(commonDir, "refs/tags")) {
      tags.set(ref, sha);
      settled.delete(ref);
    }
    const objects = new ObjectStore(commonDir);
    const atHead: string[] = [];
    for (const [ref, sha] of tags) {
      if (!ref.startsWith("refs/tags/")) continue;
      if (sha === out.commit || (!settled.has(ref) && (await objects.peel(sha)) === out.commit)) {
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
