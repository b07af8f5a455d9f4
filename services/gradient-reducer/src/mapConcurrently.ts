/**
 * Maps `items` through `fn` with at most `limit` calls in flight, keeping the order of `items`.
 * Rejects with the first error (calls already started still finish).
 *
 * @example
 * const heads = await mapConcurrently(chunks, 32, (c) => store.head(refOf(c)));
 */
export async function mapConcurrently<T, U>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<U>,
): Promise<U[]> {
  const results = new Array<U>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
