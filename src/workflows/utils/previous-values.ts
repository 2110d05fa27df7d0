/**
 * For an update step's compensation: the current values of every field the
 * update touches, per record, read before the update is applied.
 */
export function touchedFields<T extends object>(updates: T[]): (keyof T)[] {
  return [...new Set(updates.flatMap((u) => Object.keys(u)))] as (keyof T)[]
}

export function previousValues(
  fields: PropertyKey[],
  current: object[]
): Record<string, unknown>[] {
  return current.map((p) => {
    const restore: Record<string, unknown> = {}
    for (const key of fields) {
      restore[key as string] = (p as Record<string, unknown>)[key as string]
    }
    return restore
  })
}
