import assert from "node:assert/strict";
import { bundleVersion, parseBundle } from "../../src/sigstore/bundle.ts";
import { b64, makeBundle, makeKey, makeStack } from "./_stack.ts";

const stack = await makeStack();
// deno-lint-ignore no-explicit-any
type Json = any;

async function parsed(
  edit: (b: Json) => void,
  options = {},
): Promise<{ code: string; message: string }> {
  const { bundle } = await makeBundle(stack, options);
  edit(bundle);
  const result = parseBundle(bundle);
  return { code: result.check.code, message: result.check.message };
}

Deno.test("bundleVersion: v0.1, v0.2, both spellings of v0.3; nothing else", () => {
  assert.equal(bundleVersion("application/vnd.dev.sigstore.bundle+json;version=0.1"), "0.1");
  assert.equal(bundleVersion("application/vnd.dev.sigstore.bundle+json;version=0.2"), "0.2");
  assert.equal(bundleVersion("application/vnd.dev.sigstore.bundle+json;version=0.3"), "0.3");
  assert.equal(bundleVersion("application/vnd.dev.sigstore.bundle.v0.3+json"), "0.3");
  assert.equal(bundleVersion("application/vnd.dev.sigstore.bundle.v0.3.1+json"), "0.3");
  for (
    const other of [
      "application/vnd.dev.sigstore.bundle+json;version=99.9",
      "application/vnd.dev.sigstore.bundle.v0.4+json",
      "application/vnd.dev.sigstore.bundle.v0.2+json",
      "application/json",
      "",
    ]
  ) assert.equal(bundleVersion(other), undefined, other);
});

Deno.test("parseBundle: the signed entity of each form", async () => {
  const key = await makeKey("P-256");
  for (
    const options of [{}, { content: "dsse" }, { version: "0.1" }, { rekor: "v2" }, {
      publicKey: key,
    }] as const
  ) {
    const { bundle } = await makeBundle(stack, options);
    const result = parseBundle(bundle);
    assert.equal(result.check.code, "bundle.ok", result.check.message);
    assert.ok(result.entity);
  }
  const { bundle } = await makeBundle(stack, { version: "0.2" });
  const entity = parseBundle(bundle).entity!;
  assert.equal(entity.version, "0.2");
  assert.equal(entity.material.type, "certificate");
  assert.equal(entity.tlogEntries[0].logIndex, 1005n);
  assert.equal(entity.tlogEntries[0].inclusionProof?.treeSize, 9n);
});

Deno.test("parseBundle: protobuf JSON forms: null is absent, URL-safe and unpadded base64, wrapped lines, numbers", async () => {
  const ok = (b: Json) => b;
  assert.equal(
    (await parsed((b) => (b.verificationMaterial.timestampVerificationData = null))).code,
    "bundle.ok",
  );
  assert.equal((await parsed((b) => (b.dsseEnvelope = null))).code, "bundle.ok");
  assert.equal(
    (await parsed((
      b,
    ) => (b.messageSignature.signature = b.messageSignature.signature.replaceAll("+", "-")
      .replaceAll("/", "_").replace(/=+$/, ""))
    )).code,
    "bundle.ok",
  );
  assert.equal(
    (await parsed((
      b,
    ) => (b.messageSignature.signature = b.messageSignature.signature.replace(/(.{20})/, "$1\n"))))
      .code,
    "bundle.ok",
  );
  assert.equal(
    (await parsed((b) => (b.verificationMaterial.tlogEntries[0].logIndex = 1005))).code,
    "bundle.ok",
  );
  assert.equal((await parsed(ok)).code, "bundle.ok");
});

Deno.test("parseBundle: malformed bundles are coded failures naming the field", async () => {
  const cases: [(b: Json) => void, string, RegExp][] = [
    [
      (b) => (b.mediaType = "application/vnd.dev.sigstore.bundle+json;version=99.9"),
      "bundle.media_type",
      /unsupported bundle version/,
    ],
    [(b) => delete b.mediaType, "bundle.media_type", /^no mediaType: not a Sigstore bundle/],
    [(b) => (b.mediaType = null), "bundle.media_type", /media type: null$/],
    [
      (b) => (b.messageSignature.signature = "INVALID!!!BASE64"),
      "bundle.malformed",
      /messageSignature.signature is not valid base64/,
    ],
    [(b) => (b.messageSignature.signature = ""), "bundle.malformed", /is empty/],
    [
      (b) => (b.dsseEnvelope = {}),
      "bundle.malformed",
      /exactly one of messageSignature and dsseEnvelope/,
    ],
    [(b) => delete b.messageSignature, "bundle.malformed", /exactly one of/],
    [
      (b) => (b.messageSignature.messageDigest.algorithm = "MD5"),
      "bundle.malformed",
      /not supported/,
    ],
    [
      (b) => (b.verificationMaterial.publicKey = { hint: "x" }),
      "bundle.malformed",
      /exactly one of publicKey/,
    ],
    [
      (b) => (b.verificationMaterial.tlogEntries[0].logIndex = "-1"),
      "bundle.malformed",
      /logIndex is out of range/,
    ],
    [
      (b) => (b.verificationMaterial.tlogEntries[0].logIndex = "1e3"),
      "bundle.malformed",
      /not an integer/,
    ],
    [
      (b) => (b.verificationMaterial.tlogEntries[0].integratedTime = "9223372036854775808"),
      "bundle.malformed",
      /out of range/,
    ],
    [
      (b) => delete b.verificationMaterial.tlogEntries[0].kindVersion,
      "bundle.malformed",
      /kindVersion/,
    ],
    [(b) => (b.verificationMaterial.tlogEntries = {}), "bundle.malformed", /not an array/],
    [
      (b) => (b.verificationMaterial.tlogEntries[0].inclusionProof.hashes = [1]),
      "bundle.malformed",
      /hashes\[0\]/,
    ],
    [(b) => (b.verificationMaterial = "x"), "bundle.malformed", /verificationMaterial/],
    [
      (
        b,
      ) => (b.verificationMaterial.tlogEntries = new Array(33).fill(
        b.verificationMaterial.tlogEntries[0],
      )),
      "bundle.limits",
      /at most 32/,
    ],
    [
      (b) => b.verificationMaterial.tlogEntries.push(b.verificationMaterial.tlogEntries[0]),
      "bundle.limits",
      /same log entry/,
    ],
    [
      (b) => delete b.verificationMaterial.tlogEntries[0].inclusionProof,
      "bundle.version_rules",
      /needs an inclusion proof/,
    ],
    [
      (b) => delete b.verificationMaterial.tlogEntries[0].inclusionProof.checkpoint,
      "bundle.version_rules",
      /needs a checkpoint/,
    ],
  ];
  // A lone surrogate in the payload type PAE-encodes as U+FFFD: never read as another type.
  const surrogate = await parsed(
    (b) => (b.dsseEnvelope.payloadType = JSON.parse('"application/x\\ud800"')),
    { content: "dsse" },
  );
  assert.equal(surrogate.code, "bundle.malformed");
  assert.match(surrogate.message, /payloadType is not well-formed Unicode/);
  for (const [edit, code, message] of cases) {
    const result = await parsed(edit);
    assert.equal(result.code, code, `${message}: ${result.message}`);
    assert.match(result.message, message);
  }
  assert.equal(parseBundle(null).check.code, "bundle.malformed");
  assert.equal(parseBundle([]).check.code, "bundle.malformed");
});

Deno.test("parseBundle: version rules: v0.1 needs the promise; a v0.1 proof without checkpoint is refused", async () => {
  const noPromise = await parsed(
    (b) => delete b.verificationMaterial.tlogEntries[0].inclusionPromise,
    { version: "0.1" },
  );
  assert.equal(noPromise.code, "bundle.version_rules");
  const { bundle } = await makeBundle(stack, { version: "0.2" });
  bundle.mediaType = "application/vnd.dev.sigstore.bundle+json;version=0.1";
  const entry = (bundle as Json).verificationMaterial.tlogEntries[0];
  delete entry.inclusionProof.checkpoint;
  (bundle as Json).verificationMaterial.x509CertificateChain.certificates[0].rawBytes = b64(
    new Uint8Array([1]),
  );
  // Its hashes would go unchecked: sigstore-go and sigstore-js refuse such a proof.
  const result = parseBundle(bundle);
  assert.equal(result.check.code, "bundle.version_rules");
  assert.match(result.check.message, /v0\.1 bundle entry's inclusion proof needs a checkpoint/);
  assert.equal(result.entity, undefined);
  const dsse = await parsed((b) => b.dsseEnvelope.signatures.push(b.dsseEnvelope.signatures[0]), {
    content: "dsse",
  });
  assert.equal(dsse.code, "bundle.limits");
  const empty = await parsed(
    (b) => (b.verificationMaterial.x509CertificateChain.certificates = []),
    { version: "0.2" },
  );
  assert.match(empty.message, /x509CertificateChain is empty/);
});

Deno.test("parseBundle: refuses only what sigstore-go and sigstore-js both refuse: a certificate in v0.1/v0.2 and unknown fields are read", async () => {
  // sigstore-go bundle.go validate accepts verificationMaterial.certificate in every version;
  // sigstore-js bundleFromJSON (assertBundle) too. Unknown fields: protojson refuses them in
  // sigstore-go, the ts-proto fromJSON of sigstore-js ignores them, so vouch reads the bundle.
  for (const version of ["0.1", "0.2"] as const) {
    const result = await parsed((b) => {
      const material = b.verificationMaterial;
      material.certificate = material.x509CertificateChain.certificates[0];
      delete material.x509CertificateChain;
      b.futureField = { any: 1 };
      material.futureField = [];
    }, { version });
    assert.equal(result.code, "bundle.ok", result.message);
  }
  // A chain in v0.3: sigstore-go refuses it (and the bundle specification forbids it).
  const chain = await parsed((b) => {
    const material = b.verificationMaterial;
    material.x509CertificateChain = { certificates: [material.certificate] };
    delete material.certificate;
  });
  assert.equal(chain.code, "bundle.version_rules");
});
