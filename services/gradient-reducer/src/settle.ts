/** The outcome of a promise, as a value: never rejects, so a batch of reads can be inspected in order. */
export type Settled<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: unknown };

/**
 * Waits for `promise` and returns its outcome instead of throwing.
 *
 * @example
 * const read = await settle(store.get(ref));
 * if (!read.ok) console.error(read.error);
 */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }) as const,
    (error: unknown) => ({ ok: false, error }) as const,
  );
}
