// Private: PEP 508 environment markers, parsed, and evaluated only for what
// a lockfile's scopes depend on: `"x" in extras`, `"x" in dependency_groups`
// (PEP 751) and the older `extra == "x"`. Every other comparison (Python
// version, platform, …) is unknown, and the logic is three-valued, so the
// answer is "may this marker hold" for a given set of extras and groups.

/** A parsed marker. */
export type Marker =
  | { op: "and" | "or"; left: Marker; right: Marker }
  | { op: "compare"; left: Operand; cmp: string; right: Operand };

/** One side of a comparison: an environment variable or a string. */
type Operand = { variable: string } | { value: string };

/** The extras and dependency groups selected for an evaluation. */
export interface Selection {
  /** Extras asked for. */
  extras: ReadonlySet<string>;
  /** Dependency groups asked for. */
  groups: ReadonlySet<string>;
}

const TOKEN =
  /\s*(?:(\()|(\))|'([^']*)'|"([^"]*)"|(===|==|!=|<=|>=|~=|<|>)|(not\s+in|in|and|or)\b|([A-Za-z_][A-Za-z0-9_.]*))/y;

/**
 * Bounds of a marker: real ones are at most a few hundred tokens, a few parentheses
 * deep; a larger one is refused (parsing and evaluating it recurse), never a
 * stack overflow.
 */
const MAX_TOKENS = 10_000;
const MAX_DEPTH = 32;

type Token = { kind: "(" | ")" | "string" | "cmp" | "word" | "name"; text: string };

function tokenize(marker: string): Token[] {
  const text = marker.trim();
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`unexpected "${text.slice(at, at + 10)}" in the marker`);
    if (m[1]) tokens.push({ kind: "(", text: "(" });
    else if (m[2]) tokens.push({ kind: ")", text: ")" });
    else if (m[3] !== undefined || m[4] !== undefined) {
      tokens.push({ kind: "string", text: m[3] ?? m[4] });
    } else if (m[5]) tokens.push({ kind: "cmp", text: m[5] });
    else if (m[6]) tokens.push({ kind: "word", text: m[6].replace(/\s+/, " ") });
    else tokens.push({ kind: "name", text: m[7] });
  }
  return tokens;
}

/**
 * Parses a PEP 508 marker.
 *
 * @param text The marker, e.g. `python_version < "3.11" and "dev" in dependency_groups`.
 * @returns The parsed marker.
 * @throws {Error} A plain error saying what is wrong (callers wrap it in their code).
 */
export function parseMarker(text: string): Marker {
  const tokens = tokenize(text);
  if (tokens.length > MAX_TOKENS) throw new Error(`the marker is longer than ${MAX_TOKENS} tokens`);
  let pos = 0;
  let depth = 0;
  const peek = (): Token | undefined => tokens[pos];
  const operand = (): Operand => {
    const t = tokens[pos++];
    if (t?.kind === "string") return { value: t.text };
    if (t?.kind === "name") return { variable: t.text };
    throw new Error("expected a variable or a quoted string in the marker");
  };
  const expr = (): Marker => {
    if (peek()?.kind === "(") {
      pos++;
      if (++depth > MAX_DEPTH) {
        throw new Error(`parentheses nested more than ${MAX_DEPTH} deep in the marker`);
      }
      const inner = or();
      depth--;
      if (tokens[pos++]?.kind !== ")") throw new Error("unbalanced parentheses in the marker");
      return inner;
    }
    const left = operand();
    const t = tokens[pos++];
    const cmp = t?.kind === "cmp" || (t?.kind === "word" && /^(?:in|not in)$/.test(t.text))
      ? t.text
      : undefined;
    if (cmp === undefined) throw new Error("expected a comparison in the marker");
    return { op: "compare", left, cmp, right: operand() };
  };
  /** `operand (op operand)*`, left-associative. */
  const chain = (op: "and" | "or", operand: () => Marker) => (): Marker => {
    let left = operand();
    while (peek()?.kind === "word" && peek()!.text === op) {
      pos++;
      left = { op, left, right: operand() };
    }
    return left;
  };
  const and = chain("and", expr);
  const or = chain("or", and);
  const marker = or();
  if (pos !== tokens.length) throw new Error("unexpected text after the marker");
  return marker;
}

/** `true`, `false` or unknown (`undefined`). */
type Truth = boolean | undefined;

/** The variable and the string of a comparison, whichever side each is on. */
function sides(m: Extract<Marker, { op: "compare" }>): { variable?: string; value?: string } {
  const { left, right } = m;
  return {
    variable: "variable" in left ? left.variable : "variable" in right ? right.variable : undefined,
    value: "value" in right ? right.value : "value" in left ? left.value : undefined,
  };
}

function compare(m: Extract<Marker, { op: "compare" }>, s: Selection): Truth {
  const { left, right, cmp } = m;
  if ("value" in left && "variable" in right && (cmp === "in" || cmp === "not in")) {
    const set = right.variable === "extras"
      ? s.extras
      : right.variable === "dependency_groups"
      ? s.groups
      : undefined;
    if (set === undefined) return undefined;
    return set.has(left.value) === (cmp === "in");
  }
  const { variable, value } = sides(m);
  if (variable === "extra" && value !== undefined && (cmp === "==" || cmp === "!=")) {
    return s.extras.has(value) === (cmp === "==");
  }
  return undefined;
}

function evaluate(m: Marker, s: Selection): Truth {
  if (m.op === "compare") return compare(m, s);
  const left = evaluate(m.left, s);
  const right = evaluate(m.right, s);
  if (m.op === "and") {
    if (left === false || right === false) return false;
    return left === true && right === true ? true : undefined;
  }
  if (left === true || right === true) return true;
  return left === false && right === false ? false : undefined;
}

/**
 * Whether a marker may hold when the given extras and groups are selected
 * (other conditions are taken as possibly true).
 *
 * @param marker A parsed marker.
 * @param selection The extras and groups selected.
 * @returns `false` only when it cannot hold.
 */
export function mayHold(marker: Marker, selection: Selection): boolean {
  return evaluate(marker, selection) !== false;
}

/**
 * The extras and dependency groups a marker names.
 *
 * @param marker A parsed marker.
 * @returns The names, per kind.
 */
export function markerNames(marker: Marker): { extras: Set<string>; groups: Set<string> } {
  const names = { extras: new Set<string>(), groups: new Set<string>() };
  const visit = (m: Marker): void => {
    if (m.op !== "compare") {
      visit(m.left);
      visit(m.right);
      return;
    }
    const { left, right } = m;
    if ("value" in left && "variable" in right) {
      if (right.variable === "extras") names.extras.add(left.value);
      if (right.variable === "dependency_groups") names.groups.add(left.value);
    }
    const { variable, value } = sides(m);
    if (variable === "extra" && value !== undefined) names.extras.add(value);
  };
  visit(marker);
  return names;
}
