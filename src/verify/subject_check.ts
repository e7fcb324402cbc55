/**
 * Subject checks: the artifacts given to `verify()` against the provenance
 * subjects (matched on base name, so downloaded copies verify from anywhere),
 * and `SHA256SUMS` and the index's subject list against the provenance. Pure.
 *
 * @module
 */
import { type BundleIndex, FILES } from "../bundle/bundle_index.ts";
import { parseSha256Sums } from "../bundle/checksums.ts";
import { fail, pass, type VerifyCheck } from "./_check.ts";

/** A provenance subject: its name (a path relative to the project root) and SHA-256. */
export interface NamedDigest {
  /** The subject name. */
  name: string;
  /** Lowercase hex SHA-256. */
  sha256: string;
}

/** An artifact given for verification, hashed. */
export interface GivenSubject extends NamedDigest {
  /** Size in bytes. */
  size: number;
}

function baseName(name: string): string {
  return name.split("/").pop()!;
}

function matchOne(
  file: GivenSubject,
  candidates: NamedDigest[],
  sameBase: number,
  sizes: Map<string, number>,
): VerifyCheck {
  if (candidates.length === 0) {
    return fail("subject.unknown", "no provenance subject has this base name", file.name);
  }
  if (candidates.length > 1 || sameBase > 1) {
    const names = candidates.map((c) => c.name).join(", ");
    return fail(
      "subject.ambiguous",
      `base name shared by several subjects or files: ${names}`,
      file.name,
    );
  }
  const [subject] = candidates;
  if (subject.sha256 !== file.sha256) {
    return fail(
      "subject.digest_mismatch",
      `sha256 ${file.sha256}, the provenance says ${subject.sha256} for ${subject.name}`,
      file.name,
    );
  }
  const size = sizes.get(subject.name);
  if (size !== undefined && size !== file.size) {
    return fail("subject.size_mismatch", `${file.size} bytes, the index says ${size}`, file.name);
  }
  return pass("subject.verified", `matches provenance subject ${subject.name}`, file.name);
}

/**
 * Checks given artifacts against the provenance subjects, matching on base name.
 *
 * @param subjects The provenance subjects.
 * @param given The hashed artifacts (none: no check at all).
 * @param options `index`: the bundle index, whose subject sizes are compared too.
 * @returns One check per given file, plus one per provenance subject not given.
 */
export function checkGivenSubjects(
  subjects: NamedDigest[],
  given: GivenSubject[],
  options: { index?: BundleIndex } = {},
): VerifyCheck[] {
  if (given.length === 0) return [];
  const byBase = Map.groupBy(subjects, (s) => baseName(s.name));
  const givenByBase = Map.groupBy(given, (g) => baseName(g.name));
  const sizes = new Map(options.index?.subjects.map((s) => [s.name, s.size]) ?? []);
  const checks = given.map((file) => {
    const base = baseName(file.name);
    return matchOne(file, byBase.get(base) ?? [], givenByBase.get(base)!.length, sizes);
  });
  for (const subject of subjects) {
    if (!givenByBase.has(baseName(subject.name))) {
      checks.push(
        fail(
          "subject.not_given",
          "a provenance subject with no matching --subject file",
          subject.name,
        ),
      );
    }
  }
  return checks;
}

function digestList(entries: NamedDigest[]): string[] {
  return entries.map((e) => `${e.sha256}  ${e.name}`).sort();
}

function firstDifference(a: string[], b: string[]): string {
  const [inA, inB] = [new Set(a), new Set(b)];
  const onlyA = a.find((x) => !inB.has(x));
  if (onlyA !== undefined) return `has ${onlyA}, which the provenance does not`;
  const onlyB = b.find((x) => !inA.has(x));
  return onlyB !== undefined
    ? `lacks ${onlyB}`
    : `lists ${a.length} entries for ${b.length} subjects`;
}

/**
 * Checks that `SHA256SUMS` lists exactly the provenance subjects.
 *
 * @param subjects The provenance subjects.
 * @param text The `SHA256SUMS` contents.
 * @returns One check.
 */
export function checkSha256Sums(subjects: NamedDigest[], text: string): VerifyCheck {
  const { entries, invalidLines } = parseSha256Sums(text);
  if (invalidLines.length > 0) {
    return fail(
      "checksums.invalid_line",
      `line ${invalidLines[0]} is not "<sha256>  <name>"`,
      FILES.sha256sums,
    );
  }
  const listed = digestList(entries);
  const expected = digestList(subjects);
  return listed.join("\n") === expected.join("\n")
    ? pass("checksums.ok", "lists exactly the provenance subjects", FILES.sha256sums)
    : fail("checksums.mismatch", firstDifference(listed, expected), FILES.sha256sums);
}

/**
 * Checks that the index lists exactly the provenance subjects.
 *
 * @param subjects The provenance subjects.
 * @param index The bundle index.
 * @returns One check.
 */
export function checkIndexSubjects(subjects: NamedDigest[], index: BundleIndex): VerifyCheck {
  const listed = digestList(index.subjects);
  const expected = digestList(subjects);
  return listed.join("\n") === expected.join("\n")
    ? pass("index.subjects_ok", "the index lists exactly the provenance subjects", FILES.index)
    : fail(
      "index.subjects_mismatch",
      `the index ${firstDifference(listed, expected)}`,
      FILES.index,
    );
}
