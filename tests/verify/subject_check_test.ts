import assert from "node:assert/strict";
import {
  checkGivenSubjects,
  checkIndexSubjects,
  checkSha256Sums,
} from "../../src/verify/subject_check.ts";
import type { BundleIndex } from "../../src/bundle/bundle_index.ts";

const A = "a".repeat(64);
const B = "b".repeat(64);
const SUBJECTS = [{ name: "dist/x.whl", sha256: A }, { name: "dist/y.tgz", sha256: B }];

Deno.test("checkGivenSubjects matches on base name", () => {
  const codes = (given: { name: string; sha256: string; size: number }[]): string[] =>
    checkGivenSubjects(SUBJECTS, given).map((c) => c.code);
  assert.deepEqual(codes([]), []);
  assert.deepEqual(
    codes([{ name: "x.whl", sha256: A, size: 1 }, { name: "../y.tgz", sha256: B, size: 1 }]),
    [
      "subject.verified",
      "subject.verified",
    ],
  );
  assert.deepEqual(codes([{ name: "x.whl", sha256: B, size: 1 }]), [
    "subject.digest_mismatch",
    "subject.not_given",
  ]);
  assert.deepEqual(codes([{ name: "z.whl", sha256: A, size: 1 }]), [
    "subject.unknown",
    "subject.not_given",
    "subject.not_given",
  ]);
  const twins = [{ name: "a/x.whl", sha256: A }, { name: "b/x.whl", sha256: A }];
  assert.deepEqual(
    checkGivenSubjects(twins, [{ name: "x.whl", sha256: A, size: 1 }]).map((c) => c.code),
    [
      "subject.ambiguous",
    ],
  );
  const index = { subjects: [{ name: "dist/x.whl", sha256: A, size: 5 }] } as BundleIndex;
  assert.deepEqual(
    checkGivenSubjects(SUBJECTS.slice(0, 1), [{ name: "x.whl", sha256: A, size: 4 }], { index })
      .map((c) => c.code),
    ["subject.size_mismatch"],
  );
});

Deno.test("checkSha256Sums and checkIndexSubjects require exact agreement", () => {
  const text = `${A}  dist/x.whl\n${B}  dist/y.tgz\n`;
  assert.equal(checkSha256Sums(SUBJECTS, text).code, "checksums.ok");
  assert.equal(checkSha256Sums(SUBJECTS, `${A}  dist/x.whl\n`).code, "checksums.mismatch");
  assert.equal(checkSha256Sums(SUBJECTS, text + text).code, "checksums.mismatch");
  assert.equal(
    checkSha256Sums(SUBJECTS, text.replace("dist/y", "dist/z")).code,
    "checksums.mismatch",
  );
  assert.equal(checkSha256Sums(SUBJECTS, "garbage\n").code, "checksums.invalid_line");
  const index = { subjects: SUBJECTS.map((s) => ({ ...s, size: 1 })) } as BundleIndex;
  assert.equal(checkIndexSubjects(SUBJECTS, index).code, "index.subjects_ok");
  assert.equal(checkIndexSubjects(SUBJECTS.slice(1), index).code, "index.subjects_mismatch");
});
