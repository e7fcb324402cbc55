/**
 * Subject checks: the artifacts given to `verify()` against the provenance
 * subjects, and `SHA256SUMS` against the provenance subjects. A given file
 * matches the subject of its path (relative to where verify runs), else the
 * subject its path ends with, else the one subject with its file name, so the
 * flat files of a release download verify from anywhere. Pure.
 *
 * @module
 */
import { FILES } from "../bundle/bundle_index.ts";
import { formatSha256Sums, parseSha256Sums } from "../bundle/checksums.ts";
import { fail, pass, type VerifyCheck } from "./_check.ts";

/** A subject: its name (its file name, or its path when two subjects share a file name) and SHA-256. */
export interface NamedDigest {
  /** The subject name. */
  name: string;
  /** Lowercase hex SHA-256. */
  sha256: string;
}

/** A subject with its size, as the provenance names it. */
export interface SizedDigest extends NamedDigest {
  /** Size in bytes. */
  size: number;
}

/** An artifact given for verification, hashed, named by its path relative to where verify runs. */
export type GivenSubject = SizedDigest;

function baseName(name: string): string {
  return name.split("/").pop()!;
}

/**
 * The subjects a given file may be: the one of its path; else the one its path
 * ends with, the longest (`../release/linux/app` for `linux/app`, when verify
 * runs elsewhere); else those with its file name.
 */
function candidatesOf(file: GivenSubject, subjects: SizedDigest[]): SizedDigest[] {
  const exact = subjects.filter((s) => s.name === file.name);
  if (exact.length > 0) return exact;
  const tail = subjects.filter((s) => s.name.includes("/") && file.name.endsWith(`/${s.name}`));
  const longest = Math.max(...tail.map((s) => s.name.length));
  return tail.length > 0
    ? tail.filter((s) => s.name.length === longest)
    : subjects.filter((s) => baseName(s.name) === baseName(file.name));
}

function matchOne(
  file: GivenSubject,
  candidates: SizedDigest[],
  givenFor: Map<SizedDigest, number>,
): VerifyCheck {
  if (candidates.length === 0) {
    return fail("subject.unknown", "no provenance subject has this path or file name", file.name);
  }
  if (candidates.length > 1 || givenFor.get(candidates[0])! > 1) {
    const names = candidates.map((c) => c.name).join(", ");
    return fail(
      "subject.ambiguous",
      `file name shared by several subjects or given files: ${names}`,
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
  if (subject.size !== file.size) {
    return fail(
      "subject.size_mismatch",
      `${file.size} bytes, the provenance says ${subject.size}`,
      file.name,
    );
  }
  return pass("subject.verified", `matches provenance subject ${subject.name}`, file.name);
}

/**
 * Checks given artifacts against the provenance subjects: by path, else by file name.
 *
 * @param subjects The provenance subjects, with their sizes.
 * @param given The hashed artifacts (none: no check at all).
 * @returns One check per given file, plus one per provenance subject no given file matched.
 */
export function checkGivenSubjects(subjects: SizedDigest[], given: GivenSubject[]): VerifyCheck[] {
  if (given.length === 0) return [];
  const candidates = given.map((file) => candidatesOf(file, subjects));
  const givenFor = new Map<SizedDigest, number>();
  for (const list of candidates) {
    for (const subject of list) givenFor.set(subject, (givenFor.get(subject) ?? 0) + 1);
  }
  const checks = given.map((file, i) => matchOne(file, candidates[i], givenFor));
  for (const subject of subjects) {
    if (!givenFor.has(subject)) {
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
 * Checks that `SHA256SUMS` lists exactly the provenance subjects, in the text
 * vouch writes (sorted by name, GNU escaping).
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
  if (listed.join("\n") !== expected.join("\n")) {
    return fail("checksums.mismatch", firstDifference(listed, expected), FILES.sha256sums);
  }
  return text === formatSha256Sums(subjects)
    ? pass("checksums.ok", "lists exactly the provenance subjects", FILES.sha256sums)
    : fail(
      "checksums.mismatch",
      "lists the provenance subjects, but not in the order and form vouch writes",
      FILES.sha256sums,
    );
}
