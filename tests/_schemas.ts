// Test-only npm dependencies are pinned inline here, in this one module, on purpose (deno.json
// maps runtime dependencies only).
// deno-lint-ignore-file no-import-prefix
// Shared test wrapper around the SBOM validators (test-only npm dependencies, pinned here).
// - validateSpdx: the official SPDX 2.3 JSON schema from ../shared/ (ajv), plus the rules of the
//   SPDX spec the schema leaves out (SPDXID syntax and uniqueness, references, timestamp format).
//   Call skipWithoutShared() first: it throws when ../shared/ is absent.
// - validateCycloneDx: the official CycloneDX validator (@cyclonedx/cyclonedx-library), strict
//   JSON schema 1.6; works on a fresh clone (needs --allow-read for its bundled schemas).
import "npm:ajv@8.20.0";
import "npm:ajv-formats@3.0.1";
import "npm:ajv-formats-draft2019@1.6.1";
import { Ajv, type ErrorObject, type ValidateFunction } from "npm:ajv@8.20.0";
import { JsonStrictValidator } from "npm:@cyclonedx/cyclonedx-library@10.3.0/Validation";
import { Version } from "npm:@cyclonedx/cyclonedx-library@10.3.0/Spec";
import { SHARED_DIR } from "./_util.ts";

let spdxSchema: ValidateFunction | undefined;

function compiledSpdxSchema(): ValidateFunction {
  if (spdxSchema !== undefined) return spdxSchema;
  if (SHARED_DIR === undefined) {
    throw new Error(
      "validateSpdx needs ../shared/schemas/spdx-2.3-schema.json; check skipWithoutShared() first",
    );
  }
  const schema = JSON.parse(
    Deno.readTextFileSync(`${SHARED_DIR}/schemas/spdx-2.3-schema.json`),
  );
  const compiled = new Ajv({ allErrors: true, strict: false }).compile(schema);
  spdxSchema = compiled;
  return compiled;
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) =>
    `${e.instancePath || "/"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`
  );
}

const SPDX_ID = /^SPDXRef-[A-Za-z0-9.-]+$/;
const ELEMENT_REF = /^(DocumentRef-[A-Za-z0-9.-]+:)?SPDXRef-[A-Za-z0-9.-]+$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

type Json = Record<string, unknown>;

function asArray(value: unknown): Json[] {
  return Array.isArray(value) ? value as Json[] : [];
}

/** The SPDX 2.3 spec rules that the JSON schema does not express. */
function spdxSpecProblems(doc: Json): string[] {
  const problems: string[] = [];
  const elements = [doc, ...asArray(doc.packages), ...asArray(doc.files), ...asArray(doc.snippets)];
  const seen = new Set<string>();
  for (const element of elements) {
    const id = String(element.SPDXID);
    if (!SPDX_ID.test(id)) problems.push(`SPDXID "${id}" does not match SPDXRef-[A-Za-z0-9.-]+`);
    if (seen.has(id)) problems.push(`SPDXID "${id}" is not unique`);
    seen.add(id);
  }
  for (const rel of asArray(doc.relationships)) {
    for (const end of [rel.spdxElementId, rel.relatedSpdxElement]) {
      const ref = String(end);
      const special = ref === "NONE" || ref === "NOASSERTION";
      const external = ref.startsWith("DocumentRef-") && ELEMENT_REF.test(ref);
      if (!special && !external && !seen.has(ref)) {
        problems.push(`relationship refers to unknown element "${ref}"`);
      }
    }
  }
  const info = (doc.creationInfo ?? {}) as Json;
  if (!TIMESTAMP.test(String(info.created))) {
    problems.push(`creationInfo.created "${info.created}" is not YYYY-MM-DDThh:mm:ssZ`);
  }
  const namespace = String(doc.documentNamespace);
  if (!URL.canParse(namespace) || namespace.includes("#")) {
    problems.push(`documentNamespace "${namespace}" is not an absolute URI without "#"`);
  }
  return problems;
}

/**
 * Validates an SPDX 2.3 JSON document against the official schema (from ../shared/) and the
 * spec rules the schema omits.
 *
 * @param doc The parsed document.
 * @returns Problems found; `[]` when valid.
 * @throws {Error} When ../shared/ is absent (check `skipWithoutShared` first).
 */
export function validateSpdx(doc: unknown): string[] {
  const validate = compiledSpdxSchema();
  if (!validate(doc)) return describe(validate.errors);
  return spdxSpecProblems(doc as Json);
}

/** Every bom-ref unique; every dependency ref and dependsOn entry an existing bom-ref. */
function cycloneDxRefProblems(bom: Json): string[] {
  const problems: string[] = [];
  const refs = new Set<string>();
  const walk = (components: Json[]): void => {
    for (const component of components) {
      const ref = component["bom-ref"];
      if (typeof ref === "string") {
        if (refs.has(ref)) problems.push(`bom-ref "${ref}" is not unique`);
        refs.add(ref);
      }
      walk(asArray(component.components));
    }
  };
  const metadata = (bom.metadata ?? {}) as Json;
  walk([...(metadata.component ? [metadata.component as Json] : []), ...asArray(bom.components)]);
  for (const dependency of asArray(bom.dependencies)) {
    for (const ref of [dependency.ref, ...(dependency.dependsOn as unknown[] ?? [])]) {
      if (!refs.has(String(ref))) problems.push(`dependency refers to unknown bom-ref "${ref}"`);
    }
  }
  return problems;
}

let cycloneDxValidator: JsonStrictValidator | undefined;

/**
 * Validates a CycloneDX 1.6 JSON BOM with the official strict JSON validator, then checks that
 * bom-refs are unique and that the dependency graph names only existing bom-refs.
 *
 * @param doc The parsed BOM.
 * @returns Problems found; `[]` when valid.
 */
export async function validateCycloneDx(doc: unknown): Promise<string[]> {
  cycloneDxValidator ??= new JsonStrictValidator(Version.v1dot6);
  const error = await cycloneDxValidator.validate(JSON.stringify(doc));
  if (error !== null) {
    return Array.isArray(error) ? describe(error as ErrorObject[]) : [JSON.stringify(error)];
  }
  return cycloneDxRefProblems(doc as Json);
}
