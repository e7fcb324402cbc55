/**
 * Which Sigstore services a keyless signing run uses: the public-good
 * instance (the default), staging, explicit URLs, or a Sigstore
 * `signing_config.json` (protobuf-specs `SigningConfig`, media type
 * `application/vnd.dev.sigstore.signingconfig.v0.2+json`) from which the
 * services are selected as the specification says: only services valid now
 * (`validFor`, inclusive), of an API version vouch speaks (Fulcio 1, Rekor 1
 * and 2, TSA 1), the highest such version, the newest start first; one CA;
 * Rekor logs and TSAs at most one per operator, as many as the
 * `rekorTlogConfig` / `tsaConfig` selector asks (`ALL`, `ANY`, `EXACT` with
 * `count`; a missing configuration reads as `ANY`). A Rekor v2 log gives no
 * signing time, so it needs a timestamp authority.
 *
 * @module
 */
import { isRecord, parseJsonText } from "../../_util.ts";
import type { Instant } from "../_asn1/reader.ts";
import { parseRfc3339 } from "../trust_root.ts";
import type { RekorLog } from "./rekor.ts";
import { signError } from "./errors.ts";

/** The services of one signing run. */
export interface SigstoreServices {
  /** Fulcio's base URL. */
  fulcioUrl: string;
  /** The Rekor logs to write to (at least one). */
  rekor: RekorLog[];
  /** The timestamp authorities' full URLs (may be none with Rekor v1). */
  tsaUrls: string[];
}

/** The Sigstore public-good instance: Fulcio and Rekor v1 (whose inclusion promise dates the signature). */
export const PUBLIC_GOOD_SERVICES: SigstoreServices = {
  fulcioUrl: "https://fulcio.sigstore.dev",
  rekor: [{ url: "https://rekor.sigstore.dev", apiVersion: 1 }],
  tsaUrls: [],
};

/** Sigstore's staging instance (its trusted root is not embedded: pass it). */
export const STAGING_SERVICES: SigstoreServices = {
  fulcioUrl: "https://fulcio.sigstage.dev",
  rekor: [{ url: "https://rekor.sigstage.dev", apiVersion: 1 }],
  tsaUrls: [],
};

/** The signing-config media type vouch reads. */
export const SIGNING_CONFIG_MEDIA_TYPE = "application/vnd.dev.sigstore.signingconfig.v0.2+json";

const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * A service URL, checked and without its trailing slashes: `https://`, or
 * `http://` on the loopback only (the identity token travels to Fulcio), with
 * no credentials, query or fragment.
 *
 * @param text The URL.
 * @param what What it is, for the message (e.g. `--fulcio-url`).
 * @returns The URL.
 * @throws {VouchError} `sigstore.url_invalid`.
 */
export function serviceUrl(text: string, what: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    // reported below
  }
  const ok = url !== undefined && url.username === "" && url.password === "" &&
    url.search === "" && url.hash === "" &&
    (url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.has(url.hostname)));
  if (!ok) {
    throw signError(
      "sigstore.url_invalid",
      `${what} ${JSON.stringify(text.slice(0, 200))} is not an https URL of a service`,
    );
  }
  return text.replace(/\/+$/, "");
}

/** One `Service` of a signing config. */
interface Service {
  url: string;
  version: number;
  start: Instant;
  end?: Instant;
  operator: string;
}

function invalid(message: string): Error {
  return signError("sigstore.signing_config_invalid", `the signing config: ${message}`);
}

function services(value: unknown, field: string): Service[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid(`${field} is not a list`);
  return value.map((s, i) => {
    const where = `${field}[${i}]`;
    if (!isRecord(s) || typeof s.url !== "string") throw invalid(`${where} has no url`);
    if (!Number.isSafeInteger(s.majorApiVersion)) throw invalid(`${where} has no majorApiVersion`);
    const validFor = isRecord(s.validFor) ? s.validFor : {};
    const start = typeof validFor.start === "string" ? parseRfc3339(validFor.start) : undefined;
    if (start === undefined) throw invalid(`${where} has no validFor.start`);
    const end = validFor.end === undefined
      ? undefined
      : typeof validFor.end === "string"
      ? parseRfc3339(validFor.end)
      : undefined;
    if (validFor.end !== undefined && end === undefined) throw invalid(`${where}.validFor.end`);
    return {
      url: serviceUrl(s.url, `${where}.url`),
      version: s.majorApiVersion as number,
      start,
      end,
      operator: typeof s.operator === "string" ? s.operator : "",
    };
  });
}

/** The usable services of the highest supported version, newest start first. */
function usable(list: Service[], versions: number[], now: Instant): Service[] {
  const live = list.filter((s) =>
    versions.includes(s.version) && s.start <= now && (s.end === undefined || now <= s.end)
  );
  const top = Math.max(...live.map((s) => s.version));
  return live.filter((s) => s.version === top).sort((a, b) =>
    a.start === b.start ? 0 : a.start > b.start ? -1 : 1
  );
}

/** Services picked by a `ServiceConfiguration`, at most one per operator. */
function pick(list: Service[], config: unknown, field: string): Service[] {
  const perOperator: Service[] = [];
  for (const s of list) {
    if (!perOperator.some((p) => p.operator === s.operator)) perOperator.push(s);
  }
  const selector = isRecord(config) ? config.selector ?? "ANY" : "ANY";
  if (selector === "ALL") return perOperator;
  if (selector === "ANY") return perOperator.slice(0, 1);
  if (selector === "EXACT") {
    const count = isRecord(config) ? config.count : undefined;
    if (!Number.isSafeInteger(count) || (count as number) < 1) {
      throw invalid(`${field}.count is not a positive integer`);
    }
    if (perOperator.length < (count as number)) {
      throw invalid(
        `${field} asks for ${count} services of distinct operators; ${perOperator.length} are usable now`,
      );
    }
    return perOperator.slice(0, count as number);
  }
  throw invalid(
    `${field}.selector ${JSON.stringify(String(selector).slice(0, 40))} is not ALL, ANY or EXACT`,
  );
}

/**
 * Reads a signing config and selects the services to use now.
 *
 * @param text The `signing_config.json` text.
 * @param now The clock.
 * @returns The services.
 * @throws {VouchError} `sigstore.signing_config_invalid` (the message names
 *   the field or what is missing), `sigstore.url_invalid`.
 */
export function servicesFromSigningConfig(text: string, now: Date): SigstoreServices {
  let config: unknown;
  try {
    config = parseJsonText(text);
  } catch {
    throw invalid("not JSON");
  }
  if (!isRecord(config)) throw invalid("not a JSON object");
  if (config.mediaType !== SIGNING_CONFIG_MEDIA_TYPE) {
    throw invalid(
      `mediaType ${
        JSON.stringify(String(config.mediaType).slice(0, 80))
      } is not ${SIGNING_CONFIG_MEDIA_TYPE}`,
    );
  }
  const instant = BigInt(now.getTime()) * 1_000_000n;
  const [ca] = usable(services(config.caUrls, "caUrls"), [1], instant);
  if (ca === undefined) throw invalid("no CA (caUrls) of API version 1 is valid now");
  const rekor = pick(
    usable(services(config.rekorTlogUrls, "rekorTlogUrls"), [1, 2], instant),
    config.rekorTlogConfig,
    "rekorTlogConfig",
  );
  if (rekor.length === 0) {
    throw invalid("no Rekor log (rekorTlogUrls) of API version 1 or 2 is valid now");
  }
  const tsas = usable(services(config.tsaUrls, "tsaUrls"), [1], instant);
  const tsaUrls = tsas.length === 0
    ? []
    : pick(tsas, config.tsaConfig, "tsaConfig").map((s) => s.url);
  if (rekor[0].version === 2 && tsaUrls.length === 0) {
    throw invalid(
      "Rekor v2 gives no signing time and no timestamp authority (tsaUrls) is valid now",
    );
  }
  return {
    fulcioUrl: ca.url,
    rekor: rekor.map((s) => ({ url: s.url, apiVersion: s.version as 1 | 2 })),
    tsaUrls,
  };
}
