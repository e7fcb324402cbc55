// callService: bounded retries with backoff for what may succeed another time,
// none for a refusal, a timeout per attempt, a capped answer, and one coded
// error whose message never carries the secret. Scripted fetches, no network.
import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import {
  callService,
  jsonAnswer,
  type ServiceCall,
  shownUrl,
  type Transport,
} from "../../../src/sigstore/sign/_http.ts";

const CALL: ServiceCall = {
  service: "rekor",
  url: "https://rekor.example/api/v1/log/entries",
  method: "POST",
  headers: {},
  body: "{}",
  maxBytes: 1024,
  secret: "eyJ-secret-token-value",
};

/** A transport whose fetch answers from a script, recording each call and each wait. */
function scripted(answers: (() => Promise<Response>)[]): Transport & {
  calls: number;
  waits: number[];
} {
  const t = {
    calls: 0,
    waits: [] as number[],
    timeoutMs: 50,
    attempts: 3,
    backoffMs: 10,
    sleep: (ms: number) => {
      t.waits.push(ms);
      return Promise.resolve();
    },
    fetch: ((_input: unknown, init?: RequestInit) => {
      const answer = answers[Math.min(t.calls++, answers.length - 1)];
      return new Promise<Response>((resolve, reject) => {
        init?.signal?.addEventListener(
          "abort",
          () => reject(new DOMException("aborted", "AbortError")),
        );
        answer().then(resolve, reject);
      });
    }) as typeof fetch,
  };
  return t;
}

const status = (code: number, body = "") => () =>
  Promise.resolve(new Response(body, { status: code }));
const hang = () => new Promise<Response>(() => {});
const refused = () => Promise.reject(new TypeError("connection refused"));

async function rejectsWith(promise: Promise<unknown>, code: string): Promise<VouchError> {
  let caught: unknown;
  await promise.catch((e) => (caught = e));
  assert.ok(caught instanceof VouchError, `expected ${code}, got ${caught}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

Deno.test("callService: 5xx, 408, 429, timeouts and network errors are retried with doubling waits", async () => {
  for (const failure of [status(500), status(503), status(408), status(429), hang, refused]) {
    const t = scripted([failure, failure, status(201, "{}")]);
    const answer = await callService(CALL, t);
    assert.equal(answer.status, 201);
    assert.equal(t.calls, 3);
    assert.deepEqual(t.waits, [10, 20]);
  }
});

Deno.test("callService: retries are bounded; the last failure is named", async () => {
  const t = scripted([status(502)]);
  const error = await rejectsWith(callService(CALL, t), "sigstore.rekor_unavailable");
  assert.equal(t.calls, 3);
  assert.match(
    error.message,
    /Rekor at https:\/\/rekor\.example\/api\/v1\/log\/entries failed 3 time\(s\); last: HTTP 502/,
  );
  const slow = await rejectsWith(callService(CALL, scripted([hang])), "sigstore.rekor_unavailable");
  assert.match(slow.message, /no answer within 0\.05 s/);
  const down = await rejectsWith(
    callService(CALL, scripted([refused])),
    "sigstore.rekor_unavailable",
  );
  assert.match(down.message, /network error: TypeError/);
});

Deno.test("callService: another 4xx is refused at once, the server's message quoted without the secret", async () => {
  for (const code of [400, 401, 403, 404, 409, 422]) {
    const body = JSON.stringify({ message: `bad token eyJ-secret-token-value\nline two` });
    const t = scripted([status(code, body)]);
    const error = await rejectsWith(callService(CALL, t), "sigstore.rekor_rejected");
    assert.equal(t.calls, 1);
    assert.deepEqual(t.waits, []);
    assert.ok(error.message.includes(`HTTP ${code}: bad token [token] line two`), error.message);
    assert.ok(!error.message.includes("eyJ-secret"));
  }
});

Deno.test("callService: an answer over the limit is malformed, not read whole", async () => {
  const t = scripted([status(200, "x".repeat(5000))]);
  await rejectsWith(callService(CALL, t), "sigstore.rekor_malformed");
  assert.equal(t.calls, 1);
});

Deno.test("callService: a missing network permission is not a service failure", async () => {
  const t = scripted([() => Promise.reject(new Deno.errors.NotCapable("Requires net access"))]);
  await assert.rejects(callService(CALL, t), Deno.errors.NotCapable);
  assert.equal(t.calls, 1);
});

Deno.test("callService: each service's own codes; jsonAnswer refuses what is not JSON", async () => {
  for (const service of ["token", "fulcio", "tsa"] as const) {
    await rejectsWith(
      callService({ ...CALL, service }, scripted([status(400)])),
      `sigstore.${service}_rejected`,
    );
  }
  const answer = await callService(CALL, scripted([status(200, "<html>")]));
  assert.throws(
    () => jsonAnswer(answer, CALL),
    (e: unknown) => e instanceof VouchError && e.code === "sigstore.rekor_malformed",
  );
  assert.equal(shownUrl("https://x.example/p?token=abc#f"), "https://x.example/p");
  assert.equal(shownUrl("not a url"), "(an invalid URL)");
});
