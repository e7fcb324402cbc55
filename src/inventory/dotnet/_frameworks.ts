/**
 * Target frameworks as MSBuild and NuGet read them: a framework's short name (`net8.0`,
 * `netstandard2.0`, `net462`, `net8.0-windows10.0.19041`) parsed, the properties the .NET SDK
 * infers from it (`TargetFrameworkIdentifier`, `TargetFrameworkVersion`,
 * `TargetPlatformIdentifier`), NuGet's compatibility between two frameworks, and the MSBuild
 * property functions that Conditions ask of them
 * (`$([MSBuild]::IsTargetFrameworkCompatible('$(TargetFramework)', 'net6.0'))`,
 * `$([MSBuild]::GetTargetFrameworkIdentifier(…))`, `$([MSBuild]::VersionGreaterThanOrEquals(…))`,
 * `$(TargetFramework.StartsWith('net4'))`).
 *
 * Only the frameworks of today's SDK-style projects are known: .NETCoreApp (`netcoreappX.Y`,
 * `netX.Y` from 5.0), .NETStandard and .NETFramework (`net20` … `net481`). Another (`uap10.0`,
 * `monoandroid90`, a portable profile) gives `undefined`, and a Condition asking of it stays
 * unevaluated.
 *
 * @module
 */

/** A target framework parsed. */
export interface Framework {
  /** `.NETCoreApp`, `.NETStandard` or `.NETFramework`. */
  identifier: string;
  /** Its version's parts (`[8, 0]`, `[4, 6, 2]`). */
  version: number[];
  /** The platform of a platform-specific framework, lowercased (`windows`, `android`). */
  platform?: string;
  /** The platform's version parts, empty when none is written. */
  platformVersion: number[];
}

const CORE = ".NETCoreApp";
const STANDARD = ".NETStandard";
const FRAMEWORK = ".NETFramework";

/**
 * Parses a target framework's short name, case-insensitively; `undefined` for one of no known
 * family.
 *
 * @param tfm The short name (`net8.0`, `netstandard2.1`, `net472`, `net8.0-ios17.0`).
 */
export function parseFramework(tfm: string): Framework | undefined {
  const m =
    /^net(?:(coreapp|standard)(\d+(?:\.\d+)*)|(\d+\.\d+(?:\.\d+)*)|(\d{2,3}))(?:-([a-z]+)(\d+(?:\.\d+)*)?)?$/i
      .exec(tfm.trim());
  if (m === null) return undefined;
  const [, family, familyVersion, dotted, digits, platform, platformVersion] = m;
  // A version without dots has one digit per part, as NuGet reads it (`netcoreapp21` is 2.1).
  const parts = (text: string | undefined): number[] =>
    text === undefined
      ? []
      : text.includes(".")
      ? text.split(".").map(Number)
      : [...text].map(Number);
  let identifier: string;
  let version: number[];
  if (family !== undefined) {
    identifier = family.toLowerCase() === "standard" ? STANDARD : CORE;
    version = parts(familyVersion);
  } else if (dotted !== undefined) {
    version = parts(dotted);
    // `net5.0` and later are .NET (Core); a dotted `net4.7.2` is the .NET Framework's.
    identifier = version[0] >= 5 ? CORE : FRAMEWORK;
  } else {
    // `net462` is .NET Framework 4.6.2; `net5` without a dot is no framework NuGet knows.
    version = parts(digits);
    if (version[0] >= 5) return undefined;
    identifier = FRAMEWORK;
  }
  // Only .NET 5 and later have platforms (`net8.0-windows`); `netstandard2.0-x` is none.
  if (platform !== undefined && !(identifier === CORE && version[0] >= 5)) return undefined;
  return {
    identifier,
    version,
    ...(platform === undefined ? {} : { platform: platform.toLowerCase() }),
    platformVersion: parts(platformVersion),
  };
}

/** A version's parts as MSBuild shows them: at least `minimum` parts, more while not zero. */
function versionText(parts: readonly number[], minimum = 2): string {
  const shown = [...parts];
  while (shown.length < minimum) shown.push(0);
  while (shown.length > minimum && shown.at(-1) === 0) shown.pop();
  return shown.join(".");
}

/**
 * The properties the .NET SDK infers from `TargetFramework` (its TargetFrameworkInference
 * targets), by lowercased name: `targetframeworkidentifier`, `targetframeworkversion`
 * (`v8.0`), and for .NET 5 and later `targetplatformidentifier` (`Windows`, `android`; empty
 * for none) and `targetplatformversion` (empty for none; a Windows 10 one in four parts,
 * `10.0.19041.0`, as the SDK writes it). A property left out is one vouch cannot tell: the
 * platform version of a platform that writes none (a workload's default), the platform of an
 * older framework (the common targets default it to Windows 7.0). `undefined` for a framework
 * of no known family (`monoandroid90`, whose identifier NuGet knows).
 *
 * @param tfm The target framework's short name.
 */
export function inferredProperties(tfm: string): Map<string, string> | undefined {
  const framework = parseFramework(tfm);
  if (framework === undefined) return undefined;
  const properties = new Map([
    ["targetframeworkidentifier", framework.identifier],
    ["targetframeworkversion", `v${versionText(framework.version)}`],
  ]);
  if (framework.identifier !== CORE || framework.version[0] < 5) return properties;
  const { platform, platformVersion } = framework;
  if (platform === undefined) {
    properties.set("targetplatformidentifier", "");
    properties.set("targetplatformversion", "");
    return properties;
  }
  // The SDK writes `windows` as `Windows`; another platform as the framework spells it.
  const written = /-([a-z]+)/i.exec(tfm)![1];
  properties.set("targetplatformidentifier", platform === "windows" ? "Windows" : written);
  if (platformVersion.length > 0) {
    const windows10 = platform === "windows" && compareParts(platformVersion, [10]) >= 0;
    properties.set("targetplatformversion", versionText(platformVersion, windows10 ? 4 : 2));
  }
  return properties;
}

/** Compares two versions' parts (missing parts are 0). */
function compareParts(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/**
 * The highest .NET Standard a framework implements (NuGet's table: .NET Core 1.x → 1.6, 2.x →
 * 2.0, 3.0 and later → 2.1; .NET Framework 4.5 → 1.1, 4.5.1 → 1.2, 4.6 → 1.3, 4.6.1 and later →
 * 2.0); `undefined` for none.
 */
function standardOf(framework: Framework): number[] | undefined {
  const v = framework.version;
  if (framework.identifier === STANDARD) return v;
  if (framework.identifier === CORE) {
    return compareParts(v, [3]) >= 0 ? [2, 1] : compareParts(v, [2]) >= 0 ? [2, 0] : [1, 6];
  }
  if (compareParts(v, [4, 6, 1]) >= 0) return [2, 0];
  if (compareParts(v, [4, 6]) >= 0) return [1, 3];
  if (compareParts(v, [4, 5, 1]) >= 0) return [1, 2];
  if (compareParts(v, [4, 5]) >= 0) return [1, 1];
  return undefined;
}

/**
 * Whether a project of framework `candidate` may use what targets `target` (MSBuild's
 * `IsTargetFrameworkCompatible`, NuGet's compatibility): the same family at the same or a lower
 * version (and, when `target` names a platform, the same platform at the same or a lower
 * version), or a .NET Standard that `candidate` implements. `undefined` when either is of no
 * known family.
 *
 * @param candidate The framework that would use it (`net8.0`).
 * @param target The framework it targets (`netstandard2.0`).
 */
export function isFrameworkCompatible(candidate: string, target: string): boolean | undefined {
  const a = parseFramework(candidate);
  const b = parseFramework(target);
  if (a === undefined || b === undefined) return undefined;
  if (b.identifier === STANDARD) {
    const implemented = standardOf(a);
    return implemented !== undefined && compareParts(implemented, b.version) >= 0;
  }
  if (a.identifier !== b.identifier || compareParts(a.version, b.version) < 0) return false;
  if (b.platform === undefined) return true;
  return a.platform === b.platform && compareParts(a.platformVersion, b.platformVersion) >= 0;
}

/** A version as MSBuild's version functions read it (`v8.0`, `17.4.0-preview`); `undefined` else. */
function versionParts(text: string): number[] | undefined {
  const m = /^v?(\d+(?:\.\d+){0,3})(?:[-+].*)?$/i.exec(text.trim());
  return m === null ? undefined : m[1].split(".").map(Number);
}

/** MSBuild's version comparisons, by lowercased name, on the comparison's sign. */
const VERSION_TESTS: Record<string, (sign: number) => boolean> = {
  versionequals: (s) => s === 0,
  versionnotequals: (s) => s !== 0,
  versiongreaterthan: (s) => s > 0,
  versiongreaterthanorequals: (s) => s >= 0,
  versionlessthan: (s) => s < 0,
  versionlessthanorequals: (s) => s <= 0,
};

/**
 * A quoted argument, a property, or a bare word, or none, with the spaces around it (the spaces
 * after it only after one: one way to match a run of spaces, which takes linear time).
 */
const ARGUMENT = String.raw`\s*(?:('[^']*'|\$\([A-Za-z_][\w.-]*\)|[^,()'$\s]+)\s*)?`;

/** `$([MSBuild]::Name(arg[, arg]))`, its arguments free of nested calls. */
const STATIC_CALL = new RegExp(
  String.raw`\$\(\[MSBuild\]::(\w+)\(${ARGUMENT}(?:,${ARGUMENT})?\)\)`,
  "gi",
);

/** `$(Name.StartsWith('x'))`, `.EndsWith`, `.Contains`: a string method of a property's value. */
const STRING_CALL = /\$\(([A-Za-z_][\w-]*)\.(StartsWith|EndsWith|Contains)\(\s*'([^']*)'\s*\)\)/gi;

/**
 * The value of one MSBuild static function call on expanded arguments, as text; `undefined` for
 * a function not modelled here or arguments it cannot read.
 */
function staticCall(name: string, args: string[]): string | undefined {
  const lower = name.toLowerCase();
  const [first, second] = args;
  if (lower === "istargetframeworkcompatible" && second !== undefined) {
    return isFrameworkCompatible(first, second)?.toString();
  }
  if (lower === "gettargetframeworkidentifier") return parseFramework(first)?.identifier;
  if (lower === "gettargetframeworkversion") {
    // The second argument: how many parts at the least (2 by default).
    const minimum = second === undefined ? 2 : Number(second);
    const framework = parseFramework(first);
    if (framework === undefined || !Number.isInteger(minimum) || minimum < 1 || minimum > 4) {
      return undefined;
    }
    return versionText(framework.version, minimum);
  }
  if (lower === "gettargetplatformidentifier") {
    const framework = parseFramework(first);
    return framework && (framework.platform ?? "");
  }
  const test = VERSION_TESTS[lower];
  if (test !== undefined && second !== undefined) {
    const a = versionParts(first);
    const b = versionParts(second);
    return a && b && test(Math.sign(compareParts(a, b))).toString();
  }
  return undefined;
}

/** The static functions {@linkcode evaluateFrameworkFunctions} knows, lowercased. */
export const FRAMEWORK_FUNCTIONS: ReadonlySet<string> = new Set([
  "istargetframeworkcompatible",
  "gettargetframeworkidentifier",
  "gettargetframeworkversion",
  "gettargetplatformidentifier",
  ...Object.keys(VERSION_TESTS),
]);

/**
 * Replaces, in a Condition, the property functions on target frameworks and versions whose
 * arguments `expand` makes readable with their values (`true`, `.NETStandard`, `8.0`); others
 * are kept as written (a Condition with one is not evaluated).
 *
 * @param text The Condition.
 * @param expand Expands `$(Name)` properties (an undefined one is empty).
 */
export function evaluateFrameworkFunctions(
  text: string,
  expand: (value: string) => string,
): string {
  if (!text.includes("$(")) return text;
  const argument = (written: string | undefined): string | undefined =>
    written === undefined ? undefined : expand(written.replace(/^'(.*)'$/s, "$1")).trim();
  return text
    .replace(STATIC_CALL, (call, name: string, a: string, b: string | undefined) => {
      const args = [argument(a ?? "")!, ...(b === undefined ? [] : [argument(b)!])];
      return staticCall(name, args) ?? call;
    })
    .replace(STRING_CALL, (_call, name: string, method: string, value: string) => {
      const own = expand(`$(${name})`);
      const lower = method.toLowerCase();
      const holds = lower === "startswith"
        ? own.startsWith(value)
        : lower === "endswith"
        ? own.endsWith(value)
        : own.includes(value);
      return holds.toString();
    });
}

/**
 * The properties a Condition reads (lowercased; `$(Name)` and the receiver of
 * `$(Name.StartsWith('x'))`), or `undefined` when it calls a property function
 * {@linkcode evaluateFrameworkFunctions} does not evaluate.
 *
 * @param text The Condition.
 */
export function conditionProperties(text: string): Set<string> | undefined {
  for (const m of text.matchAll(/\$\(\[([^\]]*)\]::(\w+)/g)) {
    if (m[1].toLowerCase() !== "msbuild" || !FRAMEWORK_FUNCTIONS.has(m[2].toLowerCase())) {
      return undefined;
    }
  }
  const names = new Set<string>();
  for (const m of text.matchAll(/\$\(([A-Za-z_][\w-]*)(\.\w+)?/g)) {
    if (m[2] !== undefined && !/^\.(?:StartsWith|EndsWith|Contains)$/i.test(m[2])) return undefined;
    names.add(m[1].toLowerCase());
  }
  return names;
}
