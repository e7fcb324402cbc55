import assert from "node:assert/strict";
import { checkGivenSubjects, checkSha256Sums } from "../../src/verify/subject_check.ts";

const A = "a".repeat(64);
const B = "b".repeat(64);
const SUBJECTS = [{ name: "x.whl", sha256: A, size: 1 }, { name: "y.tgz", sha256: B, size: 2 }];

function codes(subjects: typeof SUBJECTS, given: typeof SUBJECTS): string[] {
  return checkGivenSubjects(subjects, given).map((c) => c.code);
}

Deno.test("checkGivenSubjects matches a given path by file name, checking digest and size", () => {
  assert.deepEqual(codes(SUBJECTS, []), []);
  assert.deepEqual(
    codes(SUBJECTS, [{ name: "dist/x.whl", sha256: A, size: 1 }, {
      name: "../y.tgz",
      sha256: B,
      size: 2,
    }]),
    ["subject.verified", "subject.verified"],
  );
  assert.deepEqual(codes(SUBJECTS, [{ name: "x.whl", sha256: B, size: 1 }]), [
    "subject.digest_mismatch",
    "subject.not_given",
  ]);
  assert.deepEqual(codes(SUBJECTS, [{ name: "x.whl", sha256: A, size: 5 }]), [
    "subject.size_mismatch",
    "subject.not_given",
  ]);
  assert.deepEqual(codes(SUBJECTS, [{ name: "z.whl", sha256: A, size: 1 }]), [
    "subject.unknown",
    "subject.not_given",
    "subject.not_given",
  ]);
  // Two given files with one file name for one subject: ambiguous.
  assert.deepEqual(
    codes(SUBJECTS.slice(0, 1), [
      { name: "a/x.whl", sha256: A, size: 1 },
      { name: "b/x.whl", sha256: A, size: 1 },
    ]),
    ["subject.ambiguous", "subject.ambiguous"],
  );
});

Deno.test("checkGivenSubjects: subjects sharing a file name are matched by path", () => {
  const twins = [
    { name: "linux/app", sha256: A, size: 1 },
    { name: "mac/app", sha256: B, size: 2 },
  ];
  assert.deepEqual(
    codes(twins, [
      { name: "linux/app", sha256: A, size: 1 },
      { name: "mac/app", sha256: B, size: 2 },
    ]),
    ["subject.verified", "subject.verified"],
  );
  // A flat download cannot tell them apart.
  assert.deepEqual(codes(twins, [{ name: "app", sha256: A, size: 1 }]), [
    "subject.ambiguous",
  ]);
  // A path naming one subject exactly wins over the file-name match of another.
  const mixed = [{ name: "app", sha256: A, size: 1 }, { name: "mac/app", sha256: B, size: 2 }];
  assert.deepEqual(codes(mixed, [{ name: "mac/app", sha256: B, size: 2 }]), [
    "subject.verified",
    "subject.not_given",
  ]);
});

Deno.test("checkGivenSubjects: subjects sharing a file name match a given path that ends with theirs (verify run from elsewhere)", () => {
  const twins = [
    { name: "dist/linux/app", sha256: A, size: 1 },
    { name: "dist/mac/app", sha256: B, size: 2 },
  ];
  assert.deepEqual(
    codes(twins, [
      { name: "../checkout/dist/linux/app", sha256: A, size: 1 },
      { name: "tmp/release/dist/mac/app", sha256: B, size: 2 },
    ]),
    ["subject.verified", "subject.verified"],
  );
  // Only at a folder boundary: `xdist/linux/app` is no copy of `dist/linux/app`.
  assert.deepEqual(codes(twins, [{ name: "xdist/linux/app", sha256: A, size: 1 }]), [
    "subject.ambiguous",
  ]);
  // The longest matching subject path wins; the digest is still checked.
  const nested = [
    { name: "dist/linux/app", sha256: A, size: 1 },
    { name: "linux/app", sha256: B, size: 2 },
  ];
  assert.deepEqual(codes(nested, [{ name: "up/dist/linux/app", sha256: B, size: 2 }]), [
    "subject.digest_mismatch",
    "subject.not_given",
  ]);
});

Deno.test("checkSha256Sums requires exactly the text vouch writes for the subjects", () => {
  const text = `${A}  x.whl\n${B}  y.tgz\n`;
  assert.equal(checkSha256Sums(SUBJECTS, text).code, "checksums.ok");
  assert.equal(checkSha256Sums(SUBJECTS, `${A}  x.whl\n`).code, "checksums.mismatch");
  assert.equal(checkSha256Sums(SUBJECTS, text + text).code, "checksums.mismatch");
  assert.equal(
    checkSha256Sums(SUBJECTS, text.replace("y.tgz", "z.tgz")).code,
    "checksums.mismatch",
  );
  // The same entries in another order or form are not what vouch writes.
  const reordered = checkSha256Sums(SUBJECTS, `${B}  y.tgz\n${A}  x.whl\n`);
  assert.equal(reordered.code, "checksums.mismatch");
  assert.match(reordered.message, /order and form/);
  assert.equal(checkSha256Sums(SUBJECTS, text.replaceAll("  ", " *")).code, "checksums.mismatch");
  assert.equal(checkSha256Sums(SUBJECTS, "garbage\n").code, "checksums.invalid_line");
  // Escaped names (GNU form) are read.
  const odd = [{ name: "a\\b\nc", sha256: A, size: 1 }];
  assert.equal(checkSha256Sums(odd, `\\${A}  a\\\\b\\nc\n`).code, "checksums.ok");
});
