import assert from "node:assert/strict";
import {
  conditionProperties,
  evaluateFrameworkFunctions,
  inferredProperties,
  isFrameworkCompatible,
  parseFramework,
} from "../../../src/inventory/dotnet/_frameworks.ts";
import { cpuStopwatch } from "../../_util.ts";

Deno.test("parseFramework: the .NET, .NET Standard and .NET Framework short names; others unknown", () => {
  assert.deepEqual(parseFramework("net8.0"), {
    identifier: ".NETCoreApp",
    version: [8, 0],
    platformVersion: [],
  });
  assert.deepEqual(parseFramework("NET8.0-Windows10.0.19041"), {
    identifier: ".NETCoreApp",
    version: [8, 0],
    platform: "windows",
    platformVersion: [10, 0, 19041],
  });
  assert.equal(parseFramework("netcoreapp3.1")?.identifier, ".NETCoreApp");
  // Without dots, one digit per part, as NuGet reads them.
  assert.deepEqual(parseFramework("netcoreapp21")?.version, [2, 1]);
  assert.deepEqual(parseFramework("netstandard20")?.version, [2, 0]);
  assert.deepEqual(parseFramework("netstandard2.0")?.version, [2, 0]);
  assert.deepEqual(parseFramework("net462"), {
    identifier: ".NETFramework",
    version: [4, 6, 2],
    platformVersion: [],
  });
  assert.equal(parseFramework("net4.7.2")?.identifier, ".NETFramework");
  for (const unknown of ["uap10.0", "monoandroid90", "net5", "netstandard2.0-windows", "", "x"]) {
    assert.equal(parseFramework(unknown), undefined, unknown);
  }
});

Deno.test("inferredProperties: what the SDK infers from TargetFramework", () => {
  assert.deepEqual(
    Object.fromEntries(inferredProperties("net462")!),
    { targetframeworkidentifier: ".NETFramework", targetframeworkversion: "v4.6.2" },
  );
  assert.deepEqual(Object.fromEntries(inferredProperties("net8.0-android34.0")!), {
    targetframeworkidentifier: ".NETCoreApp",
    targetframeworkversion: "v8.0",
    targetplatformidentifier: "android",
    targetplatformversion: "34.0",
  });
  assert.deepEqual(Object.fromEntries(inferredProperties("net8.0")!), {
    targetframeworkidentifier: ".NETCoreApp",
    targetframeworkversion: "v8.0",
    targetplatformidentifier: "",
    targetplatformversion: "",
  });
  // The SDK's spelling of Windows, and its Windows 10 versions in four parts.
  assert.deepEqual(Object.fromEntries(inferredProperties("net8.0-windows10.0.19041")!), {
    targetframeworkidentifier: ".NETCoreApp",
    targetframeworkversion: "v8.0",
    targetplatformidentifier: "Windows",
    targetplatformversion: "10.0.19041.0",
  });
  // A workload's default platform version is not known.
  assert.equal(inferredProperties("net8.0-ios")?.get("targetplatformidentifier"), "ios");
  assert.equal(inferredProperties("net8.0-ios")?.has("targetplatformversion"), false);
  assert.equal(inferredProperties("uap10.0"), undefined);
});

Deno.test("isFrameworkCompatible: NuGet's compatibility of the common families", () => {
  const cases: [string, string, boolean | undefined][] = [
    ["net8.0", "net6.0", true],
    ["net6.0", "net8.0", false],
    ["net8.0", "netcoreapp3.1", true],
    ["net8.0", "netstandard2.1", true],
    ["netcoreapp2.1", "netstandard2.1", false],
    ["netcoreapp2.1", "netstandard2.0", true],
    ["net462", "netstandard2.0", true],
    ["net46", "netstandard2.0", false],
    ["net46", "netstandard1.3", true],
    ["net48", "netstandard2.1", false],
    ["net48", "net462", true],
    ["netstandard2.0", "net462", false],
    ["netstandard2.1", "netstandard2.0", true],
    ["net8.0", "net462", false],
    ["net8.0-windows", "net8.0", true],
    ["net8.0", "net8.0-windows", false],
    ["net8.0-windows10.0.19041", "net8.0-windows10.0.17763", true],
    ["net8.0-windows10.0.17763", "net8.0-windows10.0.19041", false],
    ["uap10.0", "netstandard2.0", undefined],
    ["", "net8.0", undefined],
  ];
  for (const [candidate, target, expected] of cases) {
    assert.equal(isFrameworkCompatible(candidate, target), expected, `${candidate} ${target}`);
  }
});

Deno.test("evaluateFrameworkFunctions: the calls it knows become values, others stay", () => {
  const properties: Record<string, string> = { targetframework: "net8.0", v: "v8.0" };
  const expand = (value: string): string =>
    value.replace(/\$\(([\w.-]+)\)/g, (_, name: string) => properties[name.toLowerCase()] ?? "");
  const evaluate = (text: string): string => evaluateFrameworkFunctions(text, expand);
  assert.equal(
    evaluate("$([MSBuild]::IsTargetFrameworkCompatible('$(TargetFramework)', 'net6.0'))"),
    "true",
  );
  assert.equal(
    evaluate("!$([MSBuild]::IsTargetFrameworkCompatible($(TargetFramework), 'net9.0'))"),
    "!false",
  );
  assert.equal(
    evaluate("'$([MSBuild]::GetTargetFrameworkIdentifier('$(TargetFramework)'))' == 'x'"),
    "'.NETCoreApp' == 'x'",
  );
  assert.equal(evaluate("$([MSBuild]::GetTargetFrameworkVersion('net462'))"), "4.6.2");
  assert.equal(evaluate("$([MSBuild]::GetTargetFrameworkVersion('net8.0', 3))"), "8.0.0");
  assert.equal(evaluate("$([MSBuild]::GetTargetPlatformIdentifier('net8.0-ios17.0'))"), "ios");
  assert.equal(evaluate("$([MSBuild]::VersionGreaterThanOrEquals('$(V)', '8.0'))"), "true");
  assert.equal(evaluate("$([MSBuild]::VersionLessThan('17.4.0-preview', '17.10'))"), "true");
  assert.equal(evaluate("$(TargetFramework.StartsWith('net4'))"), "false");
  assert.equal(evaluate("$(TargetFramework.Contains('8'))"), "true");
  // Not modelled, or arguments it cannot read: kept as written.
  for (
    const kept of [
      "$([MSBuild]::IsOSPlatform('Windows'))",
      "$([MSBuild]::IsTargetFrameworkCompatible('$(Missing)', 'net8.0'))",
      "$([MSBuild]::VersionEquals('abc', '1.0'))",
      "$([System.IO.File]::Exists('x'))",
    ]
  ) {
    assert.equal(evaluate(kept), kept);
  }
});

Deno.test("conditionProperties: the properties a Condition reads, unless it calls another function", () => {
  assert.deepEqual(
    conditionProperties(
      "$([MSBuild]::IsTargetFrameworkCompatible('$(TargetFramework)', 'net8.0')) and $(TargetFrameworkIdentifier.StartsWith('.NET'))",
    ),
    new Set(["targetframework", "targetframeworkidentifier"]),
  );
  assert.deepEqual(conditionProperties("'a' == 'b'"), new Set());
  assert.equal(conditionProperties("$([MSBuild]::IsOSPlatform('Windows'))"), undefined);
  assert.equal(conditionProperties("$([System.String]::Copy('x'))"), undefined);
  assert.equal(conditionProperties("$(TargetFramework.Substring(0, 3)) == 'net'"), undefined);
});

Deno.test("evaluateFrameworkFunctions: long runs of spaces in a call take linear time", () => {
  const spaces = " ".repeat(200_000);
  const elapsed = cpuStopwatch();
  for (
    const text of [
      `$([MSBuild]::IsTargetFrameworkCompatible(${spaces}x`,
      `$([MSBuild]::VersionEquals('a',${spaces}`,
      `$(TargetFramework.StartsWith(${spaces}`,
      "$([MSBuild]::GetTargetFrameworkVersion(".repeat(50_000),
    ]
  ) {
    assert.equal(evaluateFrameworkFunctions(text, (value) => value), text);
  }
  assert.ok(elapsed() < 4_000, "too slow");
});
