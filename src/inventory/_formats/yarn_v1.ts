import { VouchError } from "../../errors.ts";
import { rejectInvalidUtf8 } from "./yaml.ts";

/** One top-level entry of a Yarn classic lockfile: its specifiers and fields. */
export interface YarnV1Entry {
  /** The specifiers the entry resolves (`"a@^1", a@^1.1:` gives two). */
  specs: string[];
  /** The 1-based line of its header. */
  line: number;
  /** Its fields (`version`, `resolved`, nested `dependencies`, …). */
  fields: Record<string, unknown>;
}

/** A scalar: a quoted string (JSON escapes), `true`/`false`, a number, or a bare word. */
function scalar(token: string, quoted: boolean): unknown {
  if (quoted) return token;
  if (token === "true") return true;
  if (token === "false") return false;
  if (/^[0-9]+(?:\.[0-9]+)?$/.test(token) && !/^0[0-9]/.test(token)) return Number(token);
  return token;
}

/**
 * Parses a Yarn classic (v1) `yarn.lock`: its own indentation-based format
 * (not YAML) of `key value` pairs and `key:` blocks, with quoted strings and
 * comma-separated specifiers on entry headers. Strict: odd indentation,
 * unterminated strings, duplicate keys and stray tokens are errors.
 *
 * @param text The file's text.
 * @param file The file's path, for messages.
 * @param code The error code (e.g. `inventory.yarn_lock.invalid`).
 * @returns The top-level entries in file order.
 * @throws {VouchError} `code` with `file:line`.
 */
export function parseYarnV1(text: string, file: string, code: string): YarnV1Entry[] {
  rejectInvalidUtf8(text, file, code);
  const fail = (line: number, reason: string): VouchError =>
    new VouchError(
      code,
      `${file}:${line}: invalid yarn.lock: ${reason}`,
      `regenerate ${file} with \`yarn install\``,
    );
  const entries: YarnV1Entry[] = [];
  const seen = new Set<string>();
  /** Objects open at each indentation level (level 0 is the entry's fields). */
  const stack: Record<string, unknown>[] = [];
  let lineNo = 0;
  let start = 0;
  /** Reads one token at `i`: a quoted string or a bare word; returns it and the next index. */
  const token = (s: string, i: number): { text: string; quoted: boolean; end: number } => {
    if (s[i] === '"') {
      for (let j = i + 1; j < s.length; j++) {
        if (s[j] === "\\") j++;
        else if (s[j] === '"') {
          try {
            return { text: JSON.parse(s.slice(i, j + 1)), quoted: true, end: j + 1 };
          } catch {
            throw fail(lineNo, "invalid escape in a quoted string");
          }
        }
      }
      throw fail(lineNo, "unterminated quoted string");
    }
    let j = i;
    while (j < s.length && s[j] !== " " && s[j] !== "," && !(s[j] === ":" && j === s.length - 1)) {
      j++;
    }
    if (j === i) throw fail(lineNo, `unexpected ${JSON.stringify(s[i] ?? "end of line")}`);
    return { text: s.slice(i, j), quoted: false, end: j };
  };
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    let line = text.slice(start, end);
    start = end + 1;
    lineNo++;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    let indent = 0;
    while (line.charCodeAt(indent) === 0x20) indent++;
    if (indent === line.length || line[indent] === "#") continue;
    if (line[indent] === "\t") throw fail(lineNo, "tab in indentation");
    if (indent % 2 !== 0) throw fail(lineNo, `odd indentation (${indent} spaces)`);
    const level = indent / 2;
    if (level > stack.length) throw fail(lineNo, "unexpected indentation");
    stack.length = level;
    const body = line.slice(indent).trimEnd();
    const keys: string[] = [];
    let i = 0;
    let value: unknown;
    let block = false;
    for (;;) {
      const key = token(body, i);
      keys.push(key.text);
      i = key.end;
      if (body[i] === ",") {
        if (body[i + 1] !== " ") throw fail(lineNo, "expected a space after ','");
        i += 2;
        continue;
      }
      if (body[i] === ":" && i === body.length - 1) {
        block = true;
        break;
      }
      if (body[i] !== " " || keys.length > 1) throw fail(lineNo, "expected a value or ':'");
      const v = token(body, i + 1);
      if (v.end !== body.length) throw fail(lineNo, "unexpected text after the value");
      value = scalar(v.text, v.quoted);
      break;
    }
    if (level === 0) {
      if (!block) throw fail(lineNo, "an entry header must end with ':'");
      for (const spec of keys) {
        if (seen.has(spec)) throw fail(lineNo, `specifier ${JSON.stringify(spec)} appears twice`);
        seen.add(spec);
      }
      const fields: Record<string, unknown> = {};
      entries.push({ specs: keys, line: lineNo, fields });
      stack.push(fields);
      continue;
    }
    const parent = stack[level - 1];
    if (keys.length > 1) throw fail(lineNo, "several keys on a field line");
    const name = keys[0];
    if (Object.hasOwn(parent, name) || name === "__proto__") {
      throw fail(lineNo, `key ${JSON.stringify(name)} appears twice`);
    }
    if (block) {
      const child: Record<string, unknown> = {};
      parent[name] = child;
      stack.push(child);
    } else parent[name] = value;
  }
  return entries;
}
