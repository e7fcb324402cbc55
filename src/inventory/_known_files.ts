// Private: the dependency files of common ecosystems, whether vouch reads them
// or not. The scan reports every file of this list that no registered reader
// reads (`inventory.unread_file`), so a project is never silently half read.
// The README lists the same files (a test checks it).
import type { Ecosystem } from "./types.ts";

/** A kind of dependency file. */
export interface KnownFile {
  /** Base-name glob (`Podfile.lock`, `*.csproj`), or `folder/glob` for a file that counts only in that folder. */
  name: string;
  /** The tool or ecosystem that writes it, as shown to users. */
  tool: string;
  /** `lock`: resolved versions; `manifest`: declarations. */
  kind: "lock" | "manifest";
  /**
   * The purl ecosystem of a manifest whose packages a lockfile of that
   * ecosystem describes: such a manifest counts as read when vouch read a
   * lockfile of the ecosystem in its folder or a folder above.
   */
  covers?: Ecosystem;
  /** What the user can do, when there is something better than `--allow-unread`. */
  hint?: string;
}

/** Every dependency file vouch knows of, grouped by ecosystem. */
export const KNOWN_FILES: readonly KnownFile[] = [
  // JavaScript / TypeScript
  { name: "package.json", tool: "npm", kind: "manifest", covers: "npm" },
  { name: "package-lock.json", tool: "npm", kind: "lock" },
  { name: "npm-shrinkwrap.json", tool: "npm", kind: "lock" },
  { name: "yarn.lock", tool: "Yarn", kind: "lock" },
  { name: "pnpm-lock.yaml", tool: "pnpm", kind: "lock" },
  { name: "bun.lock", tool: "Bun", kind: "lock" },
  {
    name: "bun.lockb",
    tool: "Bun (binary lockfile)",
    kind: "lock",
    hint: "run `bun install --save-text-lockfile` to write the text bun.lock",
  },
  { name: "deno.json", tool: "Deno", kind: "manifest", covers: "jsr" },
  { name: "deno.jsonc", tool: "Deno", kind: "manifest", covers: "jsr" },
  { name: "deno.lock", tool: "Deno", kind: "lock" },
  // Python
  { name: "pyproject.toml", tool: "Python", kind: "manifest", covers: "pypi" },
  { name: "requirements*.txt", tool: "pip", kind: "lock" },
  { name: "requirements/*.txt", tool: "pip", kind: "lock" },
  { name: "requirements*.in", tool: "pip-tools", kind: "manifest", covers: "pypi" },
  { name: "requirements/*.in", tool: "pip-tools", kind: "manifest", covers: "pypi" },
  { name: "setup.py", tool: "setuptools", kind: "manifest", covers: "pypi" },
  { name: "setup.cfg", tool: "setuptools", kind: "manifest", covers: "pypi" },
  { name: "uv.lock", tool: "uv", kind: "lock" },
  { name: "poetry.lock", tool: "Poetry", kind: "lock" },
  { name: "pdm.lock", tool: "PDM", kind: "lock" },
  { name: "Pipfile", tool: "Pipenv", kind: "manifest", covers: "pypi" },
  { name: "Pipfile.lock", tool: "Pipenv", kind: "lock" },
  { name: "pylock.toml", tool: "PEP 751", kind: "lock" },
  { name: "pylock.*.toml", tool: "PEP 751", kind: "lock" },
  { name: "environment.yml", tool: "conda", kind: "manifest" },
  { name: "environment.yaml", tool: "conda", kind: "manifest" },
  { name: "conda-lock.yml", tool: "conda-lock", kind: "lock" },
  { name: "pixi.toml", tool: "pixi", kind: "manifest" },
  { name: "pixi.lock", tool: "pixi", kind: "lock" },
  // Rust
  { name: "Cargo.toml", tool: "Cargo", kind: "manifest", covers: "cargo" },
  { name: "Cargo.lock", tool: "Cargo", kind: "lock" },
  // Go
  { name: "go.mod", tool: "Go", kind: "lock" },
  {
    name: "go.sum",
    tool: "Go",
    kind: "lock",
    hint: "vouch reads go.sum with the go.mod beside it",
  },
  { name: "Gopkg.toml", tool: "dep", kind: "manifest" },
  { name: "Gopkg.lock", tool: "dep", kind: "lock" },
  { name: "glide.lock", tool: "Glide", kind: "lock" },
  // PHP
  { name: "composer.json", tool: "Composer", kind: "manifest", covers: "composer" },
  { name: "composer.lock", tool: "Composer", kind: "lock" },
  // Ruby
  { name: "Gemfile", tool: "Bundler", kind: "manifest", covers: "gem" },
  { name: "gems.rb", tool: "Bundler", kind: "manifest", covers: "gem" },
  { name: "*.gemspec", tool: "RubyGems", kind: "manifest", covers: "gem" },
  { name: "Gemfile.lock", tool: "Bundler", kind: "lock" },
  { name: "gems.locked", tool: "Bundler", kind: "lock" },
  // JVM
  { name: "pom.xml", tool: "Maven", kind: "manifest", covers: "maven" },
  { name: "build.gradle", tool: "Gradle", kind: "manifest", covers: "maven" },
  { name: "build.gradle.kts", tool: "Gradle", kind: "manifest", covers: "maven" },
  { name: "gradle.lockfile", tool: "Gradle", kind: "lock" },
  { name: "*-gradle.lockfile", tool: "Gradle", kind: "lock" },
  { name: "gradle/verification-metadata.xml", tool: "Gradle", kind: "lock" },
  { name: "build.sbt", tool: "sbt", kind: "manifest", covers: "maven" },
  { name: "ivy.xml", tool: "Ivy", kind: "manifest", covers: "maven" },
  { name: "deps.edn", tool: "Clojure", kind: "manifest" },
  { name: "project.clj", tool: "Leiningen", kind: "manifest" },
  // .NET
  { name: "packages.lock.json", tool: "NuGet", kind: "lock" },
  { name: "*.csproj", tool: "NuGet", kind: "manifest", covers: "nuget" },
  { name: "*.fsproj", tool: "NuGet", kind: "manifest", covers: "nuget" },
  { name: "*.vbproj", tool: "NuGet", kind: "manifest", covers: "nuget" },
  { name: "Directory.Packages.props", tool: "NuGet", kind: "manifest", covers: "nuget" },
  { name: "packages.config", tool: "NuGet", kind: "manifest", covers: "nuget" },
  { name: "paket.dependencies", tool: "Paket", kind: "manifest" },
  { name: "paket.lock", tool: "Paket", kind: "lock" },
  // C / C++
  { name: "conanfile.txt", tool: "Conan", kind: "manifest" },
  { name: "conanfile.py", tool: "Conan", kind: "manifest" },
  { name: "conan.lock", tool: "Conan", kind: "lock" },
  { name: "vcpkg.json", tool: "vcpkg", kind: "manifest" },
  // Swift / Apple
  { name: "Package.swift", tool: "Swift Package Manager", kind: "manifest" },
  { name: "Package.resolved", tool: "Swift Package Manager", kind: "lock" },
  { name: "Podfile", tool: "CocoaPods", kind: "manifest" },
  { name: "Podfile.lock", tool: "CocoaPods", kind: "lock" },
  { name: "Cartfile", tool: "Carthage", kind: "manifest" },
  { name: "Cartfile.resolved", tool: "Carthage", kind: "lock" },
  // Dart / Flutter
  { name: "pubspec.yaml", tool: "Dart pub", kind: "manifest" },
  { name: "pubspec.lock", tool: "Dart pub", kind: "lock" },
  // Elixir / Erlang
  { name: "mix.exs", tool: "Mix", kind: "manifest" },
  { name: "mix.lock", tool: "Mix", kind: "lock" },
  { name: "rebar.config", tool: "rebar3", kind: "manifest" },
  { name: "rebar.lock", tool: "rebar3", kind: "lock" },
  // Haskell
  { name: "stack.yaml.lock", tool: "Stack", kind: "lock" },
  { name: "cabal.project.freeze", tool: "Cabal", kind: "lock" },
  // Others
  { name: "flake.nix", tool: "Nix", kind: "manifest" },
  { name: "flake.lock", tool: "Nix", kind: "lock" },
  { name: "renv.lock", tool: "renv (R)", kind: "lock" },
  { name: "Project.toml", tool: "Julia Pkg", kind: "manifest" },
  { name: "Manifest.toml", tool: "Julia Pkg", kind: "lock" },
  { name: "cpanfile", tool: "Perl (cpanm)", kind: "manifest" },
  { name: "cpanfile.snapshot", tool: "Carton (Perl)", kind: "lock" },
  { name: "elm.json", tool: "Elm", kind: "manifest" },
  { name: "build.zig.zon", tool: "Zig", kind: "manifest" },
  { name: "shard.yml", tool: "Crystal Shards", kind: "manifest" },
  { name: "shard.lock", tool: "Crystal Shards", kind: "lock" },
  { name: "MODULE.bazel", tool: "Bazel", kind: "manifest" },
  { name: "MODULE.bazel.lock", tool: "Bazel", kind: "lock" },
  { name: ".terraform.lock.hcl", tool: "Terraform", kind: "lock" },
  { name: "Chart.yaml", tool: "Helm", kind: "manifest" },
  { name: "Chart.lock", tool: "Helm", kind: "lock" },
];

/** `*` in a name pattern: any run of characters but `/`. */
function namePattern(glob: string): RegExp {
  const body = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${body.join("[^/]*")}$`);
}

/** The known files by exact base name, and those with a `*` or a folder. */
const EXACT = new Map<string, KnownFile>();
const PATTERNS: { folder?: string; pattern: RegExp; known: KnownFile }[] = [];
for (const known of KNOWN_FILES) {
  const slash = known.name.indexOf("/");
  const name = known.name.slice(slash + 1);
  if (slash === -1 && !name.includes("*")) EXACT.set(name, known);
  else {
    PATTERNS.push({
      folder: slash === -1 ? undefined : known.name.slice(0, slash),
      pattern: namePattern(name),
      known,
    });
  }
}

/**
 * The known kind of a dependency file, by its base name and its folder's.
 *
 * @param file The file's base name.
 * @param folder The base name of its folder.
 * @returns The kind, or `undefined` when the name is not a known dependency file.
 */
export function knownFile(file: string, folder: string): KnownFile | undefined {
  return EXACT.get(file) ??
    PATTERNS.find((p) => (p.folder === undefined || p.folder === folder) && p.pattern.test(file))
      ?.known;
}
