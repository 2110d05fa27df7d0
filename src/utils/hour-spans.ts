const QUARTER = 15 * 60 * 1000
const HOUR = 4 * QUARTER

/** Half-open [from, to) spans of UTC instants (ms). */
export type Spans = { from: number[]; to: number[] }

/**
 * Which parts of [from, to) the hourly rollups can answer and which need
 * the 15-minute rows: an hour is read from its hourly row when it lies
 * inside the range and no edge (a series bucket's start) falls strictly
 * inside it, so that the whole hour belongs to one bucket; every other
 * part of the range (its ragged ends, the hours holding a bucket edge of a
 * zone offset by 30 or 45 minutes) is read at the 15-minute grain. Both
 * lists are merged into maximal runs. `from`, `to` and the edges lie on
 * the 15-minute grain.
 */
export function splitByHours(
  from: number,
  to: number,
  edges: Iterable<number> = []
): { hours: Spans; quarters: Spans } {
  const broken = new Set<number>()
  for (const e of edges) {
    if (e % HOUR !== 0) {
      broken.add(e - (((e % HOUR) + HOUR) % HOUR))
    }
  }
  const hours: Spans = { from: [], to: [] }
  const quarters: Spans = { from: [], to: [] }
  const add = (s: Spans, a: number, b: number) => {
    if (!(b > a)) {
      return
    }
    const last = s.to.length - 1
    if (last >= 0 && s.to[last] === a) {
      s.to[last] = b
    } else {
      s.from.push(a)
      s.to.push(b)
    }
  }
  const start = from - (((from % HOUR) + HOUR) % HOUR)
  for (let h = start; h < to; h += HOUR) {
    const whole = h >= from && h + HOUR <= to && !broken.has(h)
    if (whole) {
      add(hours, h, h + HOUR)
    } else {
      add(quarters, Math.max(h, from), Math.min(h + HOUR, to))
    }
  }
  return { hours, quarters }
}

/**
 * The statement listing every bucket start of [from, to) cut in `tz` by
 * `interval` (hour, day, week, month: checked by the caller), as instants
 * (column `start`), the first being the bucket that contains `from`: local
 * timestamps each turned into an instant with the expression the series
 * reads use (`date_trunc(interval, local) AT TIME ZONE tz`), so the starts
 * match their buckets across DST changes too.
 */
export function bucketStartsSql(
  from: Date,
  to: Date,
  tz: string,
  interval: string
): { sql: string; bindings: unknown[] } {
  return {
    sql: `SELECT DISTINCT (g AT TIME ZONE ?::text) AS start
       FROM generate_series(
              date_trunc('${interval}', ?::timestamptz AT TIME ZONE ?::text),
              date_trunc('${interval}', (?::timestamptz - interval '1 microsecond') AT TIME ZONE ?::text),
              interval '1 ${interval}') AS g
      ORDER BY 1`,
    bindings: [tz, from, tz, to, tz],
  }
}
