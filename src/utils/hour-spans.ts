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
    if (b > a) {
      appendSpans(s, { from: [a], to: [b] })
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

const DAY = 24 * HOUR

/**
 * As `splitByHours`, with whole UTC days first: a day is read from its
 * day row when it lies inside the range and no edge falls strictly inside
 * it (in a zone whose bucket edges are UTC midnights, such as UTC itself,
 * a daily series reads one row per day, not 24); the rest of the range is
 * split by `splitByHours`. All three lists are merged into maximal runs.
 */
export function splitByDays(
  from: number,
  to: number,
  edges: readonly number[] = []
): { days: Spans; hours: Spans; quarters: Spans } {
  const broken = new Set<number>()
  for (const e of edges) {
    if (e % DAY !== 0) {
      broken.add(e - (((e % DAY) + DAY) % DAY))
    }
  }
  const days: Spans = { from: [], to: [] }
  const hours: Spans = { from: [], to: [] }
  const quarters: Spans = { from: [], to: [] }
  // The part of the range that is not whole days, split by hours at once.
  let restFrom: number | null = null
  let restTo = 0
  const flushRest = () => {
    if (restFrom !== null) {
      const part = splitByHours(restFrom, restTo, edges)
      appendSpans(hours, part.hours)
      appendSpans(quarters, part.quarters)
      restFrom = null
    }
  }
  const start = from - (((from % DAY) + DAY) % DAY)
  for (let d = start; d < to; d += DAY) {
    if (d >= from && d + DAY <= to && !broken.has(d)) {
      flushRest()
      appendSpans(days, { from: [d], to: [d + DAY] })
    } else {
      restFrom ??= Math.max(d, from)
      restTo = Math.min(d + DAY, to)
    }
  }
  flushRest()
  return { days, hours, quarters }
}

/** Appends `more` (in order, after `s`) to `s`, merging touching runs. */
function appendSpans(s: Spans, more: Spans): void {
  for (let i = 0; i < more.from.length; i++) {
    const last = s.to.length - 1
    if (last >= 0 && s.to[last] === more.from[i]) {
      s.to[last] = more.to[i]
    } else {
      s.from.push(more.from[i])
      s.to.push(more.to[i])
    }
  }
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

/** The first instant of the UTC month of `t`, and of the month after. */
const monthOf = (t: number) => {
  const d = new Date(t)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)
}
const monthAfter = (m: number) => {
  const d = new Date(m)
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)
}

/**
 * Whole UTC days [from, to) (both UTC midnights) as per-month rows and
 * day rows: a month wholly inside is its month row; a month partly inside
 * is either its days inside (`add`) or its month row minus its days
 * outside (`subtract`), whichever reads fewer day rows. Days from `now`
 * on hold nothing yet and cost nothing (the current month is its month row
 * minus the few days left of it), but are read all the same: a month row
 * is always the sum of its day rows, so the answer is exact whatever they
 * hold. `months` are spans of month starts.
 */
export function splitDaysByMonths(
  from: number,
  to: number,
  now: number
): { months: Spans; add: Spans; subtract: Spans } {
  const months: Spans = { from: [], to: [] }
  const add: Spans = { from: [], to: [] }
  const subtract: Spans = { from: [], to: [] }
  const live = Math.ceil(now / DAY) * DAY
  const cost = (a: number, b: number) => Math.max(0, Math.min(b, live) - a)
  const put = (s: Spans, a: number, b: number) => {
    if (b > a) {
      appendSpans(s, { from: [a], to: [b] })
    }
  }
  for (let m = monthOf(from); m < to; m = monthAfter(m)) {
    const next = monthAfter(m)
    const a = Math.max(from, m)
    const b = Math.min(to, next)
    if (a === m && b === next) {
      put(months, m, next)
    } else if (DAY + cost(m, a) + cost(b, next) < cost(a, b)) {
      put(months, m, next)
      put(subtract, m, a)
      put(subtract, b, next)
    } else {
      put(add, a, b)
    }
  }
  return { months, add, subtract }
}
