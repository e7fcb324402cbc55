import assert from "node:assert/strict";
import { terminalProgress } from "../../src/cli/progress.ts";

const MIB = 1024 * 1024;
const CLEAR = "\r\x1b[2K";

function setup(startAt = 5000): {
  writes: string[];
  clock: { t: number };
  progress: ReturnType<typeof terminalProgress>;
} {
  const writes: string[] = [];
  const clock = { t: startAt };
  const progress = terminalProgress((text) => writes.push(text), { now: () => clock.t });
  return { writes, clock, progress };
}

Deno.test("terminalProgress: nothing is written during the first second", () => {
  const { writes, clock, progress } = setup();
  for (const dt of [0, 10, 100, 500, 999]) {
    clock.t = 5000 + dt;
    progress.onProgress("dist/app.tar.gz", dt * 1000, 100 * MIB);
  }
  assert.deepEqual(writes, []);
  progress.done();
  assert.deepEqual(writes, [], "done() clears nothing when nothing was shown");
});

Deno.test("terminalProgress: after a second, a line with name, MiB and rate", () => {
  const { writes, clock, progress } = setup();
  clock.t = 6000; // 1 s in
  progress.onProgress("dist/app.tar.gz", 3 * MIB, 10 * MIB);
  assert.equal(writes.length, 1);
  const line = writes[0];
  assert.ok(line.startsWith(CLEAR), JSON.stringify(line));
  assert.ok(line.includes("dist/app.tar.gz"), line);
  assert.ok(line.includes("3/10 MiB"), line);
  assert.ok(line.includes("3 MiB/s"), line);
  assert.ok(!line.includes("\n"), "the line updates in place");
  clock.t = 9000; // 4 s in, 48 MiB done: 12 MiB/s
  progress.onProgress("dist/big.iso", 48 * MIB, 1024 * MIB);
  assert.ok(writes[1].includes("dist/big.iso"), writes[1]);
  assert.ok(writes[1].includes("48/1024 MiB"), writes[1]);
  assert.ok(writes[1].includes("12 MiB/s"), writes[1]);
});

Deno.test("terminalProgress: a subject name's control characters are shown escaped", () => {
  const { writes, clock, progress } = setup();
  clock.t = 6000;
  progress.onProgress("dist/a\u001b[1Ab\n.tgz", MIB, 10 * MIB);
  assert.ok(writes[0].startsWith(CLEAR));
  assert.ok(writes[0].slice(CLEAR.length).includes("dist/a\\u001b[1Ab\\u000a.tgz"), writes[0]);
  assert.ok(
    !["\u001b", "\n"].some((c) => writes[0].slice(CLEAR.length).includes(c)),
    "no raw ESC or line feed after the clear",
  );
});

Deno.test("terminalProgress: at most one write per 100 ms", () => {
  const { writes, clock, progress } = setup();
  const times: number[] = [];
  for (let dt = 0; dt <= 2000; dt += 7) {
    clock.t = 5000 + dt;
    const before = writes.length;
    progress.onProgress("f", dt * 1000, 2000 * 1000);
    if (writes.length > before) times.push(dt);
  }
  assert.ok(times.length >= 9 && times.length <= 11, `wrote at ${times}`);
  assert.ok(times[0] >= 1000);
  for (let i = 1; i < times.length; i++) assert.ok(times[i] - times[i - 1] >= 100, `${times}`);
  // Exactly at the boundaries.
  const b = setup(0);
  for (const t of [1000, 1050, 1099, 1100, 1150, 1200]) {
    b.clock.t = t;
    b.progress.onProgress("f", MIB, 2 * MIB);
  }
  assert.equal(b.writes.length, 3);
});

Deno.test("terminalProgress: done() clears the line only when something was shown", () => {
  const { writes, clock, progress } = setup();
  clock.t = 7000;
  progress.onProgress("f", MIB, MIB);
  assert.equal(writes.length, 1);
  progress.done();
  assert.equal(writes.length, 2);
  assert.equal(writes[1], CLEAR);
});
