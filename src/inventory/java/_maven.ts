// Private: what the Maven and Gradle readers share: the `pkg:maven` purl and
// the component name (`groupId:artifactId`, as Maven writes coordinates).
import { formatPurl } from "../purl.ts";

/** Maven coordinates of one artifact. */
export interface MavenCoordinates {
  /** The group id (purl namespace). */
  groupId: string;
  /** The artifact id (purl name). */
  artifactId: string;
  /** The exact version, when known. */
  version?: string;
  /** The artifact type; `jar` (the default) is left out of the purl. */
  type?: string;
  /** The classifier. */
  classifier?: string;
}

/**
 * Builds a `pkg:maven` purl (purl-spec `maven` type: case kept, `type`
 * qualifier only when not `jar`).
 *
 * @param c The coordinates.
 * @returns The purl.
 */
export function mavenPurl(c: MavenCoordinates): string {
  return formatPurl({
    type: "maven",
    namespace: c.groupId,
    name: c.artifactId,
    version: c.version,
    qualifiers: { classifier: c.classifier, type: c.type === "jar" ? undefined : c.type },
  });
}

/**
 * The component name of a Maven artifact: `groupId:artifactId`.
 *
 * @param c The coordinates.
 * @returns The name.
 */
export function mavenName(c: MavenCoordinates): string {
  return `${c.groupId}:${c.artifactId}`;
}
