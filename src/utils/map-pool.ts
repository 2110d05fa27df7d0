/**
 * Maps `items` through `fn` with at most `concurrency` calls in flight,
 * keeping the input order in the result. A rejection stops new calls and
 * rejects once the calls in flight have settled.
 */
export async function mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>
): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  let failed: { error: unknown } | null = null
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++
      try {
        out[i] = await fn(items[i], i)
      } catch (error) {
        failed ??= { error }
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, worker)
  )
  if (failed) {
    throw (failed as { error: unknown }).error
  }
  return out
}

/**
 * A shared limit on calls in flight: `limit(fn)` runs `fn` when fewer than
 * `concurrency` calls started through this limiter are still running.
 */
export function createLimiter(concurrency: number) {
  let running = 0
  const waiting: (() => void)[] = []
  return async function limit<R>(fn: () => Promise<R>): Promise<R> {
    if (running >= concurrency) {
      await new Promise<void>((resolve) => waiting.push(resolve))
    } else {
      running++
    }
    try {
      return await fn()
    } finally {
      const next = waiting.shift()
      if (next) {
        next()
      } else {
        running--
      }
    }
  }
}
