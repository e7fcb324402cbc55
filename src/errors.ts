/**
 * Typed errors with stable codes. Every user-facing failure in vouch is a
 * {@linkcode VouchError}: a machine-readable `code`, a one-line `message` and
 * a one-line `hint` that says how to fix it. Stack traces are never shown for
 * these.
 *
 * @module
 */

/** A problem report: the stable code, what went wrong, and how to fix it. */
export interface Problem {
  /** Stable, dotted identifier such as `subjects.empty`. */
  code: string;
  /** One line saying what went wrong. */
  message: string;
  /** One line saying how to fix it. */
  hint: string;
}

/** An error caused by user input; carries a stable {@linkcode Problem} code. */
export class VouchError extends Error implements Problem {
  /** Stable, dotted identifier such as `subjects.empty`. */
  readonly code: string;
  /** One line saying how to fix it. */
  readonly hint: string;

  /**
   * Creates an error.
   *
   * @param code Stable dotted code.
   * @param message One line saying what went wrong.
   * @param hint One line saying how to fix it.
   */
  constructor(code: string, message: string, hint: string) {
    super(message);
    this.name = "VouchError";
    this.code = code;
    this.hint = hint;
  }

  /** The plain {@linkcode Problem} record of this error. */
  toProblem(): Problem {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/**
 * Tells whether a value is a {@linkcode VouchError}.
 *
 * @param value Anything caught.
 * @returns `true` for a vouch error.
 */
export function isVouchError(value: unknown): value is VouchError {
  return value instanceof VouchError;
}
