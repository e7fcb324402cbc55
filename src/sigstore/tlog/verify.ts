/**
 * Verification of one transparency-log entry against the trusted root: the
 * inclusion promise (Rekor v1 signed entry timestamp), the inclusion proof
 * against a checkpoint signed by the log, and the entry body's consistency
 * with the bundle. Returns the checks made and, when the inclusion promise
 * verified on a Rekor v1 entry, the verified integrated time.
 *
 * @module
 */
import { equal, toHex } from "../_bytes.ts";
import { formatInstant, type Instant, NANOS_PER_SECOND } from "../_asn1/reader.ts";
import type { TlogEntry } from "../bundle.ts";
import { failed, passed, type SigstoreCheck } from "../codes.ts";
import { inWindow, type TransparencyLog, type TrustMaterial } from "../trust_root.ts";
import { type BodyExpectation, checkBody, isRekorV2Entry } from "./body.ts";
import { logKeyName, verifyCheckpoint } from "./checkpoint.ts";
import { leafHash, rootFromInclusionProof } from "./merkle.ts";
import { verifySet } from "./set.ts";

/** Clock skew tolerated before a time counts as "in the future". */
export const CLOCK_SKEW_SECONDS = 300n;

/** What {@linkcode verifyTlogEntry} needs besides the entry. */
export interface TlogContext {
  /** The trust material. */
  trustedRoot: TrustMaterial;
  /** Now (for the "not in the future" check). */
  now: Instant;
  /** What the entry body must record. */
  expect: BodyExpectation;
  /**
   * The signing times the bundle's RFC 3161 timestamps vouch for. An entry proven by its
   * inclusion proof alone (Rekor v2, or v1 without a promise) carries no signed time of its
   * own: its log must be valid at each of these.
   */
  timestamps?: Instant[];
}

/** What {@linkcode verifyTlogEntry} found. */
export interface TlogResult {
  /** The checks made, in order. */
  checks: SigstoreCheck[];
  /** The integrated time, when an inclusion promise vouched for it. */
  time?: Instant;
  /** The log that verified the entry (promise or proof), when one did. */
  log?: TransparencyLog;
}

function describe(entry: TlogEntry): string {
  return `log entry ${entry.logIndex}`;
}

async function checkPromise(
  entry: TlogEntry,
  logs: TransparencyLog[],
  context: TlogContext,
): Promise<{ checks: SigstoreCheck[]; time?: Instant; log?: TransparencyLog }> {
  const at = describe(entry);
  const time = entry.integratedTime * NANOS_PER_SECOND;
  const valid = logs.filter((l) => inWindow(l.validFor, time));
  if (valid.length === 0) {
    return {
      checks: [
        failed(
          "tlog.unknown_log",
          `${at}: no log of the trusted root with id ${
            toHex(entry.logId)
          } is valid at its integrated time ${formatInstant(time)}`,
        ),
      ],
    };
  }
  let log: TransparencyLog | undefined;
  for (const candidate of valid) {
    if (await verifySet(entry, candidate.key!)) {
      log = candidate;
      break;
    }
  }
  if (log === undefined) {
    return {
      checks: [failed("tlog.set_invalid", `${at}: the signed entry timestamp does not verify`)],
    };
  }
  const checks = [
    passed("tlog.set_verified", `${at}: inclusion promise by ${log.baseUrl} verified`),
  ];
  if (entry.integratedTime > context.now / NANOS_PER_SECOND + CLOCK_SKEW_SECONDS) {
    checks.push(
      failed(
        "tlog.time_in_future",
        `${at}: integrated time ${formatInstant(time)} is later than now`,
      ),
    );
  }
  // Rekor v2 entries carry no integrated time to vouch for; only v1 kinds do.
  return isRekorV2Entry(entry) ? { checks, log } : { checks, time, log };
}

/**
 * The logs an inclusion proof may be checked against. A verified promise time already chose the
 * log's window; without one, the entry's integrated time is unsigned (Rekor v2 vouches for none),
 * so the log must be valid at every verified timestamp: a retired log key proves nothing signed
 * after its window. With no verified time at all (a key-signed bundle) there is nothing to check.
 */
function provenLogs(
  entry: TlogEntry,
  usable: TransparencyLog[],
  promised: Instant | undefined,
  context: TlogContext,
): TransparencyLog[] | SigstoreCheck {
  const times = context.timestamps ?? [];
  if (promised !== undefined || times.length === 0) return usable;
  const valid = usable.filter((l) => times.every((t) => inWindow(l.validFor, t)));
  if (valid.length > 0) return valid;
  return failed(
    "tlog.unknown_log",
    `${describe(entry)}: no log of the trusted root with id ${
      toHex(entry.logId)
    } is valid at the verified signing time(s) ${times.map(formatInstant).join(", ")}`,
  );
}

async function checkProof(
  entry: TlogEntry,
  logs: TransparencyLog[],
): Promise<{ checks: SigstoreCheck[]; log?: TransparencyLog }> {
  const at = describe(entry);
  const proof = entry.inclusionProof!;
  // A Rekor v2 log is one tree: its entry's log index is the one the proof proves, and nothing
  // else (no inclusion promise) vouches for it.
  if (isRekorV2Entry(entry) && entry.logIndex !== proof.logIndex) {
    return {
      checks: [
        failed(
          "tlog.inclusion_invalid",
          `${at}: a Rekor v2 entry's log index is its inclusion proof's, ${proof.logIndex}`,
        ),
      ],
    };
  }
  let problem = "";
  for (const log of logs) {
    const result = await verifyCheckpoint(proof.checkpoint, {
      name: logKeyName(log.baseUrl),
      key: log.key!,
      checkpointKeyId: log.checkpointKeyId,
    });
    if ("problem" in result) {
      problem = result.problem;
      continue;
    }
    const { checkpoint } = result;
    if (checkpoint.size !== proof.treeSize || !equal(checkpoint.rootHash, proof.rootHash)) {
      return {
        checks: [
          failed(
            "tlog.checkpoint_invalid",
            `${at}: the checkpoint (size ${checkpoint.size}) does not match the inclusion proof (size ${proof.treeSize}, root ${
              toHex(proof.rootHash).slice(0, 16)
            }…)`,
          ),
        ],
      };
    }
    const root = await rootFromInclusionProof(await leafHash(entry.body), {
      index: proof.logIndex,
      size: proof.treeSize,
      proof: proof.hashes,
    });
    if (root === undefined || !equal(root, checkpoint.rootHash)) {
      return {
        checks: [
          failed(
            "tlog.inclusion_invalid",
            root === undefined
              ? `${at}: the inclusion proof cannot prove index ${proof.logIndex} in a tree of ${proof.treeSize} with ${proof.hashes.length} hashes`
              : `${at}: the inclusion proof leads to another root than the signed checkpoint's`,
          ),
        ],
      };
    }
    return {
      checks: [
        passed(
          "tlog.inclusion_verified",
          `${at}: included at index ${proof.logIndex} of ${proof.treeSize} in ${log.baseUrl}, checkpoint signed by the log`,
        ),
      ],
      log,
    };
  }
  return { checks: [failed("tlog.checkpoint_invalid", `${at}: ${problem}`)] };
}

/**
 * Verifies one transparency-log entry. Never throws.
 *
 * @param entry The entry.
 * @param context The trust material, the clock and what the body must record.
 * @returns The checks and the verified integrated time, if any.
 */
export async function verifyTlogEntry(entry: TlogEntry, context: TlogContext): Promise<TlogResult> {
  const at = describe(entry);
  const matching = context.trustedRoot.tlogs.filter((l) => equal(l.logId, entry.logId));
  const usable = matching.filter((l) => l.key !== undefined);
  const checks: SigstoreCheck[] = [];
  const result: TlogResult = { checks };
  if (usable.length === 0) {
    const reason = matching[0]?.keyProblem;
    checks.push(
      failed(
        "tlog.unknown_log",
        reason === undefined
          ? `${at}: log id ${toHex(entry.logId)} is not a transparency log of the trusted root`
          : `${at}: the trusted root's log ${matching[0].baseUrl} is unusable: ${reason}`,
      ),
    );
  } else {
    if (entry.inclusionPromise !== undefined) {
      const promise = await checkPromise(entry, usable, context);
      checks.push(...promise.checks);
      if (promise.time !== undefined) result.time = promise.time;
      if (promise.log !== undefined) result.log = promise.log;
    }
    if (entry.inclusionProof !== undefined) {
      const logs = provenLogs(entry, usable, result.time, context);
      const proof: { checks: SigstoreCheck[]; log?: TransparencyLog } = Array.isArray(logs)
        ? await checkProof(entry, logs)
        : { checks: [logs] };
      checks.push(...proof.checks);
      if (proof.log !== undefined) result.log ??= proof.log;
    }
  }
  checks.push(await checkBody(entry, context.expect));
  return result;
}
