// Private: one HTTP call to a Sigstore service (or the CI token endpoint) over
// the fetch passed in: a timeout per attempt, bounded retries with exponential
// backoff for network errors, timeouts, 408, 429 and 5xx, a capped response
// body, and one coded error at the end. Messages name the service, the URL
// (without its query) and the status, never a header or the request body.
import { signError, type SignErrorCode } from "./errors.ts";

/** How the signing stage reaches the network. */
export interface Transport {
  /** The fetch to use (the network edge). */
  fetch: typeof fetch;
  /** The longest wait for one attempt (connect, answer and body), in milliseconds. */
  timeoutMs: number;
  /** Attempts per call, the first included (at least 1). */
  attempts: number;
  /** The wait before the second attempt, in milliseconds; doubled for each further one. */
  backoffMs: number;
  /** Waits (injected so tests need not). */
  sleep: (ms: number) => Promise<void>;
}

/** The defaults: 30 s per attempt, 3 attempts, 1 s then 2 s between them. */
export const DEFAULT_TRANSPORT: Omit<Transport, "fetch"> = {
  timeoutMs: 30_000,
  attempts: 3,
  backoffMs: 1_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The services called, with the codes their failures get. */
export type Service = "token" | "fulcio" | "rekor" | "tsa";

const NAMES: Record<Service, string> = {
  token: "the CI token endpoint",
  fulcio: "Fulcio",
  rekor: "Rekor",
  tsa: "the timestamp authority",
};

/** One request. */
export interface ServiceCall {
  /** Which service (for the error codes and messages). */
  service: Service;
  /** The full URL. */
  url: string;
  /** `GET` or `POST`. */
  method: "GET" | "POST";
  /** Request headers. */
  headers: Record<string, string>;
  /** The request body (POST). */
  body?: string;
  /** The largest answer read, in bytes. */
  maxBytes: number;
  /** Text removed from any server message quoted in an error (the identity token). */
  secret?: string;
}

/** A successful (2xx) answer. */
export interface ServiceAnswer {
  /** The HTTP status. */
  status: number;
  /** The body. */
  bytes: Uint8Array;
}

function code(service: Service, outcome: "unavailable" | "rejected" | "malformed"): SignErrorCode {
  return `sigstore.${service}_${outcome}` as SignErrorCode;
}

/** The URL without query or fragment (the token endpoint's query is not shown). */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

/** A server's message, safe for one line: no control characters, no secret, at most 200 characters. */
function serverMessage(bytes: Uint8Array, secret: string | undefined): string {
  let text = new TextDecoder().decode(bytes.subarray(0, 4096));
  try {
    const json = JSON.parse(text);
    if (typeof json?.message === "string") text = json.message;
  } catch {
    // not JSON: the text itself
  }
  // deno-lint-ignore no-control-regex
  text = text.replace(/[\x00-\x1f\x7f]+/g, " ").trim();
  if (secret !== undefined && secret.length >= 8) text = text.replaceAll(secret, "[token]");
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

class TooLarge extends Error {}

async function readBody(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (response.body === null) return new Uint8Array();
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) throw new TooLarge();
      parts.push(value);
    }
  } finally {
    reader.releaseLock();
    if (size > maxBytes) await response.body.cancel().catch(() => {});
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Retried: the service may answer another time. */
function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

type Attempt =
  | { answer: ServiceAnswer }
  | { retry: string }
  | { rejected: string }
  | { tooLarge: true };

async function attempt(call: ServiceCall, transport: Transport): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), transport.timeoutMs);
  try {
    const response = await transport.fetch(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: controller.signal,
      redirect: "error",
    });
    const bytes = await readBody(response, call.maxBytes);
    if (response.ok) return { answer: { status: response.status, bytes } };
    const said = serverMessage(bytes, call.secret);
    const what = `HTTP ${response.status}${said === "" ? "" : `: ${said}`}`;
    return retryable(response.status) ? { retry: what } : { rejected: what };
  } catch (error) {
    if (error instanceof TooLarge) return { tooLarge: true };
    if (controller.signal.aborted) {
      return { retry: `no answer within ${transport.timeoutMs / 1000} s` };
    }
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw error; // no network permission: not a service failure
    }
    return { retry: `network error: ${(error as Error).name}` };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Makes one call, retrying what may succeed another time.
 *
 * @param call The request.
 * @param transport The fetch, timeout, attempts and backoff.
 * @returns The 2xx answer.
 * @throws {VouchError} `sigstore.<service>_unavailable` (retries exhausted),
 *   `sigstore.<service>_rejected` (another 4xx), `sigstore.<service>_malformed`
 *   (an answer over `maxBytes`).
 */
export async function callService(call: ServiceCall, transport: Transport): Promise<ServiceAnswer> {
  const where = `${NAMES[call.service]} at ${shownUrl(call.url)}`;
  const attempts = Math.max(1, Math.floor(transport.attempts));
  let last = "";
  for (let i = 0; i < attempts; i++) {
    if (i > 0) await transport.sleep(transport.backoffMs * 2 ** (i - 1));
    const outcome = await attempt(call, transport);
    if ("answer" in outcome) return outcome.answer;
    if ("tooLarge" in outcome) {
      throw signError(
        code(call.service, "malformed"),
        `${where} answered with more than ${call.maxBytes} bytes`,
      );
    }
    if ("rejected" in outcome) {
      throw signError(
        code(call.service, "rejected"),
        `${where} refused the request: ${outcome.rejected}`,
      );
    }
    last = outcome.retry;
  }
  throw signError(
    code(call.service, "unavailable"),
    `${where} failed ${attempts} time(s); last: ${last}`,
  );
}

/**
 * Parses a JSON answer.
 *
 * @param answer The answer.
 * @param call The call (for the error).
 * @returns The parsed value.
 * @throws {VouchError} `sigstore.<service>_malformed` when it is not JSON.
 */
export function jsonAnswer(answer: ServiceAnswer, call: ServiceCall): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(answer.bytes));
  } catch {
    throw malformedAnswer(call, "its answer is not JSON");
  }
}

/**
 * The error for an answer that does not have the expected shape.
 *
 * @param call The call.
 * @param why What is wrong (no value from the answer beyond field names).
 * @returns `sigstore.<service>_malformed`.
 */
export function malformedAnswer(call: ServiceCall, why: string): Error {
  return signError(
    code(call.service, "malformed"),
    `${NAMES[call.service]} at ${shownUrl(call.url)}: ${why}`,
  );
}
