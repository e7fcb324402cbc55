// Private: a gemspec read statically, for the Gemfile reader (the project and its dependencies)
// and the Gemfile.lock reader (what the lock must list for it).

import { formatPurl } from "../purl.ts";
import type { Project, Scope } from "../types.ts";
import {
  checkBlocksClosed,
  literalRequirements,
  literalText,
  opensBlock,
  statements,
  STRING_LITERAL,
} from "./_gemfile.ts";

/** The string literals of a piece of Ruby. */
const STRING = new RegExp(STRING_LITERAL.source, "g");
/** A call's first argument, a string literal (a dependency's name). */
const NAME = new RegExp(`^\\s*${STRING_LITERAL.source}`);
const DEPENDENCY = /^\w+\.add_(runtime_|development_)?dependency\b\s*\(?/;
/**
 * A Ruby word list, `%w[MIT Ruby]` (`%w(…)`, `%w{…}`, `%w<…>`; `%W` without interpolation): one
 * group holds its words.
 */
const WORD_LIST =
  /^%(?:w|W(?![^#]*#\{))(?:\[([^\]]*)\]|\(([^)]*)\)|\{([^}]*)\}|<([^>]*)>)(?:\.freeze)?$/;
/**
 * The conditions of the gemspec RubyGems' `Specification#to_ruby` writes (`gem spec x --ruby`, the
 * gemspecs Jeweler and Hoe generate): `if s.respond_to? :add_runtime_dependency then`, `if
 * s.respond_to? :specification_version then` and, in older ones, `if Gem::Version.new(Gem::VERSION)
 * >= Gem::Version.new('1.2.0') then`. Every RubyGems since 1.2 (2008) takes their first branch;
 * their `else`, for older ones, lists every dependency with `add_dependency`, development ones too.
 */
const GENERATED_CONDITION =
  /^if\s+(?:\w+\.respond_to\?\s*\(?\s*:(?:add_runtime_dependency|specification_version)\s*\)?|Gem::Version\.new\(Gem::VERSION\)\s*>=\s*Gem::Version\.new\((['"])1\.2\.0\1\))(?:\s+then)?$/;
/** `Gem::Specification.new "name", "1.0" do |s|`: the call, up to its first argument. */
const SPECIFICATION_NEW = /^(?:::)?Gem::Specification\.new\b\s*\(?/;
/** A further argument: a comma, then a string literal, the last argument. */
const NEXT_ARGUMENT = new RegExp(`^\\s*,\\s*${STRING_LITERAL.source}(?=\\s*(?:\\)|do\\b|\\{|$))`);

/** The strings of a piece of Ruby, in order. */
function strings(text: string): string[] {
  return [...text.matchAll(STRING)].map(literalText);
}

/** The warning for a gem whose version requirement is computed. */
export function computedRequirement(where: string, name: string): string {
  return `${where}: the version requirement of gem "${name}" is computed: the SBOM gives none`;
}

/** A gemspec, read statically. */
export interface Gemspec {
  project?: Project;
  /**
   * Its dependencies; `conditional`: in a condition vouch does not evaluate (`if RUBY_ENGINE …`,
   * `… unless …`), which Bundler may not have met when it wrote a lock.
   */
  dependencies: {
    name: string;
    requirements: string[];
    scope: Scope;
    conditional: boolean;
    /**
     * Where it is declared, `file:line`, when its requirement is computed (`Foo::VERSION`): a
     * note says so.
     */
    computed?: string;
  }[];
  notes: string[];
}

/**
 * Reads a gemspec statically: `name`, `version` and `license(s)` when they
 * are literals, and each `add_dependency` / `add_runtime_dependency` (runtime)
 * and `add_development_dependency` (dev) with a literal name. A computed name
 * or a condition around a dependency is a note; the dependency counts.
 */
export function readGemspec(text: string, path: string, release: string | undefined): Gemspec {
  const spec: Gemspec = { dependencies: [], notes: [] };
  const fields = new Map<string, string[]>();
  const list = statements(text, path);
  checkBlocksClosed(list, path);
  /**
   * The blocks open around a statement: a generated condition, whether in its `else`, and
   * whether it is a condition (`if`, `unless`, `case`).
   */
  const blocks: { generated: boolean; otherwise: boolean; condition: boolean }[] = [];
  for (const { text: s, line } of list) {
    if (/^end\b/.test(s)) {
      blocks.pop();
      continue;
    }
    if (/^(?:else|elsif)\b/.test(s)) {
      const top = blocks.at(-1);
      if (top) top.otherwise = true;
      continue;
    }
    // The `else` of a generated condition is for RubyGems before 1.2: no dependency in it counts.
    const skipped = blocks.some((b) => b.generated && b.otherwise);
    const generated = GENERATED_CONDITION.test(s);
    if (opensBlock(s)) {
      blocks.push({ generated, otherwise: false, condition: /^(?:if|unless|case)\b/.test(s) });
    }
    if (skipped || generated) continue;
    const created = SPECIFICATION_NEW.exec(s);
    if (created) {
      // RubyGems' `initialize(name = nil, version = nil)` sets both (sinatra's and dotenv's
      // gemspecs name themselves so); the block's own assignments, read next, override them.
      // A computed one (`Sinatra::VERSION`) is none, as a computed assignment is.
      const rest = s.slice(created[0].length);
      const name = NAME.exec(rest);
      if (name) {
        fields.set("name", [literalText(name)]);
        const version = NEXT_ARGUMENT.exec(rest.slice(name[0].length));
        if (version) fields.set("version", [literalText(version)]);
      }
      continue;
    }
    const field = /^\w+\.(name|version|licenses?)\s*=\s*(.*)$/.exec(s);
    if (field) {
      // A word list, `licenses = %w[MIT]` (sferik/t's, prawn's gemspecs), is a list of literals.
      const words = field[1] === "licenses" ? WORD_LIST.exec(field[2].trim()) : null;
      if (words) {
        fields.set(
          field[1],
          words.slice(1).find((w) => w !== undefined)!.split(/\s+/).filter(Boolean),
        );
        continue;
      }
      // Only a literal (a list of them for `licenses`): `VERSION`, `"1." + x` are computed. A
      // frozen list, `["MIT"].freeze`, is the list: Ruby's `Object#freeze` returns its receiver.
      const value = field[2].replace(/\]\s*\.freeze\s*$/, "]");
      const literal = /^[\s,[\]]*$/.test(value.replace(STRING, ""));
      fields.set(field[1], literal ? strings(value) : []);
      continue;
    }
    const dependency = DEPENDENCY.exec(s);
    if (dependency) {
      const args = s.slice(dependency[0].length);
      const literal = NAME.exec(args);
      if (!literal) {
        spec.notes.push(`${path}:${line}: a dependency with a computed name is not read`);
        continue;
      }
      const name = literalText(literal);
      const requirements = literalRequirements(args.slice(literal[0].length));
      const modified = /\s(?:if|unless)\s/.test(s);
      spec.dependencies.push({
        name,
        requirements: requirements ?? [],
        scope: dependency[1] === "development_" ? "dev" : "runtime",
        conditional: modified || blocks.some((b) => b.condition && !b.generated),
        ...requirements === undefined ? { computed: `${path}:${line}` } : {},
      });
      if (requirements === undefined) {
        spec.notes.push(computedRequirement(`${path}:${line}`, name));
      }
      if (modified) {
        spec.notes.push(`${path}:${line}: the condition on dependency "${name}" is not evaluated`);
      }
      continue;
    }
    if (/^(?:if|unless|case)\b/.test(s)) {
      spec.notes.push(
        `${path}:${line}: a condition is not evaluated; the dependencies in it count`,
      );
    }
  }
  const name = fields.get("name")?.[0];
  if (name !== undefined) {
    const version = fields.get("version")?.[0] ?? release;
    const project: Project = { name, purl: formatPurl({ type: "gem", name, version }) };
    if (version !== undefined) project.version = version;
    const licenses = fields.get("licenses") ?? fields.get("license") ?? [];
    if (licenses.length > 0) {
      project.license = licenses.length === 1 ? licenses[0] : licenses.join(" OR ");
    }
    spec.project = project;
  }
  return spec;
}
