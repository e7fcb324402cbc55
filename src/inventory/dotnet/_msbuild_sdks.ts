// Private: the MSBuild project SDKs that NuGet's SDK resolver restores, for msbuild.ts.
import { parseJsoncObject } from "../_formats/jsonc.ts";
import { isNugetVersion, normalizeNugetVersion } from "./_nuget.ts";

/** An MSBuild project SDK that a file names, as MSBuild reads the reference. */
export interface SdkReference {
  /** The SDK's name as written. */
  name: string;
  /** The version the reference gives (`Name/Version`, `Version="…"`), when it gives one. */
  version?: string;
  /** The file that names it. */
  source: string;
  /** Where it is named (`file:line`, or the file), for warnings. */
  at: string;
}

/** An SDK restored from a NuGet feed: a package of the build. */
export interface SdkPackage {
  /** The package id: the SDK's name as first written. */
  name: string;
  /** Its version, normalized as NuGet installs it (`1.0` is `1.0.0`). */
  version: string;
  /** The file that names the SDK. */
  source: string;
}

/**
 * The SDKs that come with the .NET SDK (its `Sdks` folder, resolved by its own resolver, and its
 * workloads' `Microsoft.NET.Sdk.*`): no package of a feed. Any other SDK is a NuGet package.
 */
const BUNDLED_SDK =
  /^(?:microsoft\.net\.sdk(?:\..+)?|fsharp\.net\.sdk|microsoft\.build\.tasks\.git|microsoft\.docker\.sdk|microsoft\.net\.illink\.tasks|microsoft\.sourcelink\..+|nuget\.build\.tasks\.pack)$/i;

/**
 * The SDK references of a project's `Sdk` attribute (`A;B/1.0;C/min=2.0`), as MSBuild's
 * `SdkReference.TryParse` reads each `;`-separated part: `Name`, `Name/Version`, or
 * `Name/min=MinimumVersion` (a minimum, no version); a part with more than one `/` is none.
 *
 * @param value The attribute's value.
 * @returns Each SDK's name and version, in order.
 */
export function parseSdkAttribute(value: string): { name: string; version?: string }[] {
  const references: { name: string; version?: string }[] = [];
  for (const sdk of value.split(";")) {
    const parts = sdk.split("/").map((p) => p.trim());
    if (parts.length > 2 || parts[0] === "") continue;
    const version = parts[1] ?? "";
    references.push(
      version === "" || /^min=/i.test(version) ? { name: parts[0] } : { name: parts[0], version },
    );
  }
  return references;
}

/**
 * The versions a `global.json`'s `msbuild-sdks` object gives, by lowercased name, as NuGet's
 * `GlobalJsonReader` reads them: the key spelled exactly so, names in any case (a later one
 * wins), string values only. A file it cannot parse gives none (NuGet logs a message).
 */
function globalJsonVersions(file: { path: string; text: string }): Map<string, string> {
  const versions = new Map<string, string>();
  if (!file.text.includes("msbuild-sdks")) return versions;
  let sdks: unknown;
  try {
    sdks = parseJsoncObject(file.text, file.path, "inventory.msbuild.invalid")["msbuild-sdks"];
  } catch {
    return versions;
  }
  if (typeof sdks !== "object" || sdks === null || Array.isArray(sdks)) return versions;
  for (const [name, version] of Object.entries(sdks)) {
    if (typeof version === "string") versions.set(name.toLowerCase(), version);
  }
  return versions;
}

/**
 * The NuGet packages among a project's SDKs, as MSBuild resolves them: the .NET SDK's own (see
 * {@linkcode BUNDLED_SDK}) are none; NuGet's SDK resolver (`NuGetSdkResolver.TryGetNuGetVersionForSdk`)
 * takes the version the reference gives, else the one the nearest `global.json` above the project
 * gives in `msbuild-sdks` (the reference's wins; one that is no NuGet version is not taken, and
 * the resolver then does not restore the SDK), and restores that package. An SDK is resolved once
 * per build: a second reference to it at another version is ignored (MSBuild's warning MSB4240).
 * An SDK with no version anywhere, or one NuGet cannot read, is a warning.
 *
 * @param references The SDKs the project's files name, in MSBuild's import order.
 * @param globalJson The nearest `global.json` above the project, when there is one.
 * @param warnings Receives what cannot be established.
 * @returns The SDKs restored as packages, each once.
 */
export function sdkPackages(
  references: SdkReference[],
  globalJson: { path: string; text: string } | undefined,
  warnings: string[],
): SdkPackage[] {
  const versions = globalJson === undefined ? new Map() : globalJsonVersions(globalJson);
  const seen = new Map<string, string | undefined>();
  const packages: SdkPackage[] = [];
  for (const reference of references) {
    const name = reference.name.trim();
    const key = name.toLowerCase();
    if (name === "" || BUNDLED_SDK.test(name)) continue;
    const written = reference.version?.trim() ?? "";
    if (seen.has(key)) {
      const first = seen.get(key);
      if (written !== "" && first !== undefined && written !== first) {
        warnings.push(
          `${reference.at}: the SDK ${name} at version ${written} is ignored: MSBuild resolves ` +
            `an SDK once per build, at the version it first met (${first}; warning MSB4240)`,
        );
      }
      continue;
    }
    const version = written !== "" ? written : versions.get(key)?.trim() ?? "";
    seen.set(key, version === "" ? undefined : version);
    if (version === "") {
      warnings.push(
        `${reference.at}: the SDK ${name} has no version (neither the reference nor the ` +
          "msbuild-sdks of a global.json above the project gives one): NuGet does not restore " +
          "it, and the package it would be is not in the SBOM",
      );
    } else if (!isNugetVersion(version)) {
      warnings.push(
        `${reference.at}: the SDK ${name}'s version ${JSON.stringify(version)} is no NuGet ` +
          "version, which NuGet's SDK resolver does not restore: it is not in the SBOM",
      );
    } else {
      packages.push({ name, version: normalizeNugetVersion(version), source: reference.source });
    }
  }
  return packages;
}

/**
 * The SDKs whose files add `PackageReference`s of their own, by lowercased name: which packages
 * (`adds`) and why vouch cannot know them (`unknown`).
 *
 * microsoft/testfx src/Package/MSTest.Sdk: its Sdk.props.template takes `MSTestVersion`,
 * `MicrosoftNETTestSdkVersion`, `MicrosoftTestingPlatformVersion`… from the SDK's build (versions
 * each release writes into its files when it is packed, not the SDK's version), and its runner's
 * targets (VSTest/VSTest.targets, Runner/ClassicEngine.targets) reference Microsoft.NET.Test.Sdk,
 * MSTest.TestAdapter, MSTest.TestFramework, MSTest.Analyzers and the Microsoft.Testing.Extensions.*
 * its profile enables.
 *
 * dotnet/aspire src/Aspire.AppHost.Sdk/SDK/Sdk.in.targets: its `AddReferenceToDashboardAndDCP`
 * target (before Restore, unless `SkipAddAspireDefaultReferences`) references
 * `Aspire.Dashboard.Sdk.<rid>` and `Aspire.Hosting.Orchestration.<rid>` at the version of the
 * project's `Aspire.Hosting.AppHost` (its PackageReference's, else its PackageVersion's; below
 * 8.2.0 the SDK's own), `<rid>` the one of win-x64, win-x86, win-arm64, linux-x64, linux-arm64,
 * osx-x64, osx-arm64 that Aspire.RuntimeIdentifier.Tool picks for the building machine's
 * `NETCoreSdkRuntimeIdentifier`: the names depend on that machine. From Aspire 13 the SDK also
 * references Aspire.Hosting.AppHost, at its own version, when the project does not
 * (dotnet/docs-aspire#5316; the CPM break of that reference, microsoft/aspire#14550).
 */
const PACKAGE_ADDING_SDKS = new Map([
  [
    "mstest.sdk",
    {
      adds: "MSTest.TestFramework, MSTest.TestAdapter, MSTest.Analyzers, Microsoft.NET.Test.Sdk " +
        "and the Microsoft.Testing.* extensions its profile enables",
      unknown: "at versions each release of the SDK pins",
    },
  ],
  [
    "aspire.apphost.sdk",
    {
      adds: "Aspire.Dashboard.Sdk.<rid> and Aspire.Hosting.Orchestration.<rid> at the version of " +
        "the project's Aspire.Hosting.AppHost, and from Aspire 13 Aspire.Hosting.AppHost at the " +
        "SDK's version when the project does not reference it",
      unknown: "<rid> being the runtime identifier of the machine that builds it (win-x64, " +
        "linux-x64, osx-arm64…)",
    },
  ],
]);

/**
 * Whether a project uses MSTest.Sdk, which makes it a test project: the test packages it references
 * (Microsoft.NET.Test.Sdk, MSTest.TestAdapter) set `IsTestProject`, as its first Sdk.props did.
 *
 * @param references The SDKs the project's files name.
 * @returns `true` when one of them is MSTest.Sdk.
 */
export function usesTestSdk(references: SdkReference[]): boolean {
  return references.some((r) => r.name.trim().toLowerCase() === "mstest.sdk");
}

/**
 * Warnings for the SDKs that add package references of their own (see
 * {@linkcode PACKAGE_ADDING_SDKS}), once per SDK: without a lock, vouch cannot know those
 * packages' versions (a `packages.lock.json` locks them, as NuGet restores them with the project's).
 *
 * @param references The SDKs the project's files name.
 * @returns One warning per such SDK.
 */
export function impliedPackageWarnings(references: SdkReference[]): string[] {
  const warned = new Set<string>();
  const warnings: string[] = [];
  for (const reference of references) {
    const key = reference.name.trim().toLowerCase();
    const sdk = PACKAGE_ADDING_SDKS.get(key);
    if (sdk === undefined || warned.has(key)) continue;
    warned.add(key);
    warnings.push(
      `${reference.at}: the SDK ${reference.name.trim()} references packages of its own ` +
        `(${sdk.adds}), ${sdk.unknown}: without a packages.lock.json vouch cannot know them, ` +
        "and they are not in the SBOM",
    );
  }
  return warnings;
}
