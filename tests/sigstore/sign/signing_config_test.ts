// Service selection from a Sigstore signing_config.json v0.2, as the
// protobuf-specs say: valid now, supported API versions, the highest, the
// newest start, one per operator, the selectors; and the service URL rules.
import assert from "node:assert/strict";
import { VouchError } from "../../../src/errors.ts";
import {
  PUBLIC_GOOD_SERVICES,
  servicesFromSigningConfig,
  serviceUrl,
  SIGNING_CONFIG_MEDIA_TYPE,
} from "../../../src/sigstore/sign/signing_config.ts";

const NOW = new Date("2026-06-01T00:00:00Z");

function service(
  url: string,
  version = 1,
  start = "2024-01-01T00:00:00Z",
  extra = {},
): Record<string, unknown> {
  return { url, majorApiVersion: version, validFor: { start }, operator: "sigstore.dev", ...extra };
}

function config(parts: Record<string, unknown>): string {
  return JSON.stringify({
    mediaType: SIGNING_CONFIG_MEDIA_TYPE,
    caUrls: [service("https://fulcio.example")],
    rekorTlogUrls: [service("https://rekor.example")],
    rekorTlogConfig: { selector: "ANY" },
    ...parts,
  });
}

function invalid(text: string, pattern: RegExp): void {
  assert.throws(() => servicesFromSigningConfig(text, NOW), (e: unknown) => {
    assert.ok(e instanceof VouchError && e.code === "sigstore.signing_config_invalid", String(e));
    assert.match(e.message, pattern);
    return true;
  });
}

Deno.test("signing config: the public-good shape gives Fulcio, Rekor v2 and the TSA (v2 is the highest version)", () => {
  const text = config({
    caUrls: [service("https://fulcio.sigstore.dev", 1, "2023-04-14T21:38:40Z")],
    rekorTlogUrls: [
      service("https://log2025-1.rekor.sigstore.dev", 2, "2025-09-23T00:00:00Z"),
      service("https://rekor.sigstore.dev/", 1, "2021-01-12T11:53:27Z"),
    ],
    tsaUrls: [
      service("https://timestamp.sigstore.dev/api/v1/timestamp", 1, "2025-07-04T00:00:00Z"),
    ],
    tsaConfig: { selector: "ANY" },
  });
  assert.deepEqual(servicesFromSigningConfig(text, NOW), {
    fulcioUrl: "https://fulcio.sigstore.dev",
    rekor: [{ url: "https://log2025-1.rekor.sigstore.dev", apiVersion: 2 }],
    tsaUrls: ["https://timestamp.sigstore.dev/api/v1/timestamp"],
  });
  // Before the v2 log starts, the v1 log (trailing slash dropped), and no TSA needed.
  assert.deepEqual(servicesFromSigningConfig(text, new Date("2025-01-01T00:00:00Z")).rekor, [
    { url: "https://rekor.sigstore.dev", apiVersion: 1 },
  ]);
});

Deno.test("signing config: validity (inclusive), unsupported versions, the newest start, the first of equals", () => {
  const text = config({
    caUrls: [
      service("https://old-ca.example", 1, "2020-01-01T00:00:00Z"),
      service("https://ended-ca.example", 1, "2025-01-01T00:00:00Z", {
        validFor: { start: "2025-01-01T00:00:00Z", end: "2026-01-01T00:00:00Z" },
      }),
      service("https://future-ca.example", 1, "2027-01-01T00:00:00Z"),
      service("https://v3-ca.example", 3, "2024-01-01T00:00:00Z"),
      service("https://new-ca.example", 1, "2024-01-01T00:00:00Z"),
    ],
  });
  assert.equal(servicesFromSigningConfig(text, NOW).fulcioUrl, "https://new-ca.example");
  const ends = config({
    caUrls: [service("https://ca.example", 1, "2024-01-01T00:00:00Z", {
      validFor: { start: "2024-01-01T00:00:00Z", end: "2026-06-01T00:00:00Z" },
    })],
  });
  assert.equal(servicesFromSigningConfig(ends, NOW).fulcioUrl, "https://ca.example");
});

Deno.test("signing config: Rekor logs and TSAs, one per operator, as the selector asks", () => {
  const logs = [
    service("https://a1.example", 1, "2025-01-01T00:00:00Z", { operator: "a" }),
    service("https://a2.example", 1, "2024-01-01T00:00:00Z", { operator: "a" }),
    service("https://b.example", 1, "2024-06-01T00:00:00Z", { operator: "b" }),
  ];
  const pick = (selector: unknown) =>
    servicesFromSigningConfig(config({ rekorTlogUrls: logs, rekorTlogConfig: selector }), NOW).rekor
      .map((r) => r.url);
  assert.deepEqual(pick({ selector: "ALL" }), ["https://a1.example", "https://b.example"]);
  assert.deepEqual(pick({ selector: "ANY" }), ["https://a1.example"]);
  assert.deepEqual(pick(undefined), ["https://a1.example"]);
  assert.deepEqual(pick({ selector: "EXACT", count: 2 }), [
    "https://a1.example",
    "https://b.example",
  ]);
  invalid(
    config({ rekorTlogUrls: logs, rekorTlogConfig: { selector: "EXACT", count: 3 } }),
    /asks for 3/,
  );
  invalid(config({ rekorTlogUrls: logs, rekorTlogConfig: { selector: "EXACT" } }), /count/);
  invalid(
    config({ rekorTlogUrls: logs, rekorTlogConfig: { selector: "SERVICE_SELECTOR_UNDEFINED" } }),
    /selector/,
  );
  const tsas = [
    service("https://tsa-a.example/t", 1, "2024-01-01T00:00:00Z", { operator: "a" }),
    service("https://tsa-b.example/t", 1, "2024-01-01T00:00:00Z", { operator: "b" }),
  ];
  assert.deepEqual(
    servicesFromSigningConfig(config({ tsaUrls: tsas, tsaConfig: { selector: "ALL" } }), NOW)
      .tsaUrls,
    ["https://tsa-a.example/t", "https://tsa-b.example/t"],
  );
});

Deno.test("signing config: what cannot be used is sigstore.signing_config_invalid, naming why", () => {
  invalid("{", /not JSON/);
  invalid("[]", /not a JSON object/);
  invalid(
    config({ mediaType: "application/vnd.dev.sigstore.signingconfig.v0.1+json" }),
    /mediaType/,
  );
  invalid(config({ caUrls: [] }), /no CA/);
  invalid(config({ caUrls: [service("https://ca.example", 2)] }), /no CA/);
  invalid(config({ rekorTlogUrls: [] }), /no Rekor log/);
  invalid(
    config({ rekorTlogUrls: [service("https://r.example", 2)] }),
    /Rekor v2 gives no signing time/,
  );
  invalid(config({ caUrls: {} }), /caUrls is not a list/);
  invalid(config({ caUrls: [{ majorApiVersion: 1 }] }), /caUrls\[0\] has no url/);
  invalid(config({ caUrls: [{ url: "https://x", validFor: {} }] }), /majorApiVersion/);
  invalid(config({ caUrls: [{ url: "https://x", majorApiVersion: 1 }] }), /validFor.start/);
  assert.throws(
    () => servicesFromSigningConfig(config({ caUrls: [service("http://ca.example")] }), NOW),
    (e: unknown) => e instanceof VouchError && e.code === "sigstore.url_invalid",
  );
});

Deno.test("serviceUrl: https, or http on the loopback; no credentials, query or fragment", () => {
  assert.equal(serviceUrl("https://fulcio.example/", "--fulcio-url"), "https://fulcio.example");
  assert.equal(serviceUrl("https://x.example/base//", "u"), "https://x.example/base");
  for (const ok of ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:2"]) {
    assert.equal(serviceUrl(ok, "u"), ok);
  }
  for (
    const bad of [
      "http://fulcio.example",
      "ftp://x",
      "https://u:p@x",
      "https://x/?a=1",
      "https://x/#f",
      "x",
    ]
  ) {
    assert.throws(
      () => serviceUrl(bad, "--rekor-url"),
      (e: unknown) =>
        e instanceof VouchError && e.code === "sigstore.url_invalid" &&
        e.message.startsWith("--rekor-url"),
      bad,
    );
  }
  assert.equal(PUBLIC_GOOD_SERVICES.fulcioUrl, "https://fulcio.sigstore.dev");
});
