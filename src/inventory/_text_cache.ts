// Private: what a reader derives from a file's text, kept between the reads of
// one tree (a workspace's 70 package.json files each look at the others) and
// between runs in one process, bounded. Keyed by the text itself: the same
// text gives the same value, so a changed file is parsed again.

/** A bounded cache of values derived from a file's text (oldest entry dropped first). */
export class TextCache<T> {
  readonly #entries = new Map<string, T>();
  readonly #limit: number;

  /**
   * @param limit How many texts it keeps.
   */
  constructor(limit = 512) {
    this.#limit = limit;
  }

  /**
   * The value derived from `text`, made once.
   *
   * @param text The file's text.
   * @param make Derives the value (an error it throws is not cached).
   * @returns The value.
   */
  get(text: string, make: () => T): T {
    const known = this.#entries.get(text);
    if (known !== undefined) return known;
    const value = make();
    if (this.#entries.size >= this.#limit) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(text, value);
    return value;
  }
}
