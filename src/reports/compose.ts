import type { MedusaContainer } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
} from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"
import { NOTES_MODULE } from "../modules/notes"
import type NotesModuleService from "../modules/notes/service"
import type {
  ClickRollupRow,
  LedgerRollupRow,
  ReportGroupBy,
  ReportInterval,
  ReportMoneyField,
  RollupQuery,
  ViewRollupRow,
} from "../types/reports"
import {
  buildMetrics,
  compareSortKeys,
  isCurrencyMetric,
  metricValue,
  MONEY_FIELDS,
  sortKey,
  sumClickRows,
  VIEW_METRICS,
  type Metrics,
  type ReportMetric,
} from "./metrics"
import type { ReportQueryParams } from "./query"
import { resolveRange, type ReportPreset } from "./range"
import type { ClickReads, LedgerReads, ViewReads } from "./reads"
import { DAY, HOUR } from "./timezone"

/** Whose report: one buyer's, one note's, or (neither) the whole program's. */
export type ReportSubject = { buyer_id?: string; note_id?: string }

export type ReportSeriesBucket = { start: string; end: string } & Metrics
export type ReportGroup = { key: string | null; label: string | null } & Metrics

/** The answer of every report route (docs/reports.md). */
export type ReportAnswer = {
  range: {
    from: string
    to: string
    tz: string
    interval: ReportInterval
    preset: ReportPreset | null
  }
  totals: Metrics
  series: ReportSeriesBucket[]
  groups: ReportGroup[]
  count: number
  limit: number
  offset: number
}

/**
 * The orders a group can be ranked by from one summed column (its own
 * count or amount): the derived ratios and the distinct visitors need more.
 */
const RANKED_ALONE: ReadonlySet<ReportMetric> = new Set<ReportMetric>([
  "views",
  "clicks",
  "orders",
  "units",
  ...MONEY_FIELDS,
])

/** Groups the attribution splits clicks by but not orders or money. */
const CLICK_ONLY_GROUPS: ReadonlySet<ReportGroupBy> = new Set([
  "utm_source",
  "utm_campaign",
  "referer",
])

/** Groups views are split by (a view has a note and its author, no product, utm or referer). */
const VIEW_GROUPS: ReadonlySet<ReportGroupBy> = new Set(["note", "buyer"])

const invalid = (message: string) =>
  new MedusaError(MedusaError.Types.INVALID_DATA, message)

// The zones PostgreSQL knows, by name in lower case, asked once per zone
// and process (the view reads the zone files from disk on every query).
const pgZones = new Map<string, string | null>()

/**
 * The zone as PostgreSQL spells it (`asia/kolkata` → `Asia/Kolkata`), or a
 * 400 when the database does not know it: buckets are cut there.
 */
async function pgZoneName(scope: MedusaContainer, tz: string): Promise<string> {
  const key = tz.toLowerCase()
  let name = pgZones.get(key)
  if (name === undefined) {
    const pg = scope.resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const res = await pg.raw(
      "SELECT name FROM pg_timezone_names WHERE lower(name) = ? ORDER BY name = ? DESC LIMIT 1",
      [key, tz]
    )
    name = (res.rows as { name: string }[])[0]?.name ?? null
    pgZones.set(key, name)
  }
  if (!name) {
    throw invalid(`tz: ${tz} is not a time zone the database knows`)
  }
  return name
}

/** The report zone when the query gives none: the `report_timezone` option. */
function defaultZone(scope: MedusaContainer): string {
  return scope
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .getOptions().report_timezone
}

async function storeDefaultCurrency(
  scope: MedusaContainer
): Promise<string | null> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "store",
    fields: [
      "id",
      "supported_currencies.currency_code",
      "supported_currencies.is_default",
    ],
    pagination: { take: 1 },
  })
  const currencies =
    (
      data[0] as
        | {
            supported_currencies?: {
              currency_code: string
              is_default?: boolean
            }[]
          }
        | undefined
    )?.supported_currencies ?? []
  const code = (currencies.find((c) => c.is_default) ?? currencies[0])
    ?.currency_code
  return code ? code.toLowerCase() : null
}

/**
 * The labels of one page of group keys, one query: note titles, product
 * titles, buyer display names (the handle when there is none). The utm and
 * referer groups are their own label.
 */
export async function labelsOf(
  scope: MedusaContainer,
  groupBy: ReportGroupBy,
  keys: (string | null)[]
): Promise<Map<string, string | null>> {
  const ids = keys.filter((k): k is string => k !== null)
  if (CLICK_ONLY_GROUPS.has(groupBy)) {
    return new Map(ids.map((k) => [k, k]))
  }
  if (!ids.length) {
    return new Map()
  }
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  if (groupBy === "buyer") {
    const { data } = await query.graph({
      entity: "buyer",
      fields: ["id", "handle", "display_name"],
      filters: { id: ids },
      withDeleted: true,
    })
    return new Map(
      (
        data as { id: string; handle: string; display_name: string | null }[]
      ).map((b) => [b.id, b.display_name || b.handle])
    )
  }
  const { data } = await query.graph({
    entity: groupBy === "note" ? "note" : "product",
    fields: ["id", "title"],
    filters: { id: ids },
    withDeleted: true,
  })
  return new Map(
    (data as { id: string; title: string | null }[]).map((r) => [r.id, r.title])
  )
}

const instant = (v: Date | string) => new Date(v).getTime()

/** How far past the range the bucket after its last one may start. */
const NEXT_BUCKET_REACH: Record<ReportInterval, number> = {
  hour: 3 * HOUR,
  day: 2 * DAY,
  week: 8 * DAY,
  month: 33 * DAY,
}

function ledgerIndex(
  rows: LedgerRollupRow[],
  key: (r: LedgerRollupRow) => string
) {
  const out = new Map<string, LedgerRollupRow[]>()
  for (const r of rows) {
    const k = key(r)
    out.set(k, [...(out.get(k) ?? []), r])
  }
  return out
}

/**
 * A group's sort value without building its metrics, where that is a
 * plain read: a count, or a money sum of the one ledger row of the
 * currency. `undefined`: build the metrics (ratios, several rows).
 */
function cheapSortValue(
  click: ClickRollupRow | undefined,
  ledger: LedgerRollupRow[],
  metric: ReportMetric,
  currency: string | null,
  views: number | null
): string | number | null | undefined {
  if (metric === "views") {
    return views
  }
  if (metric === "clicks" || metric === "orders" || metric === "units") {
    // Orders and units are not asked of click-only groups (a 400).
    return click?.[metric] ?? 0
  }
  if (metric === "returned_share" || metric === "epc") {
    return undefined
  }
  if (isCurrencyMetric(metric)) {
    const rows = ledger.filter(
      (r) => r.currency_code.toLowerCase() === currency
    )
    if (rows.length === 0) {
      return 0
    }
    return rows.length === 1 ? (rows[0][metric] ?? "0") : undefined
  }
  return undefined
}

/** Group keys in code-point order, the group without a key last. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? 1 : -1
  }
  return a < b ? -1 : a > b ? 1 : 0
}

// Map keys for group keys: null (the group without a key) is its own entry.
const NULL_KEY = "\u0000null"
const groupKey = (k: string | null) => (k === null ? NULL_KEY : k)

/**
 * The effective range of a report query: the zone as PostgreSQL spells it,
 * then the preset or from/to resolved in it (the `all` preset asks for the
 * subject's first activity; `opts.folded`: the caller folded the click
 * rollups just before, the lookup does not fold again).
 */
export async function resolveReportRange(
  scope: MedusaContainer,
  subject: ReportSubject,
  q: ReportQueryParams,
  now: number = Date.now(),
  opts: { folded?: boolean } = {}
): Promise<{
  range: ReturnType<typeof resolveRange>
  tz: string
  from: Date
  to: Date
}> {
  const tz = await pgZoneName(scope, q.tz ?? defaultZone(scope))
  const wantsFirst = q.preset === "all" && !q.from && !q.to
  // The first click, attributed order or counted view of the subject.
  const first = wantsFirst
    ? (
        await Promise.all([
          scope
            .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
            .firstActivityAt({ ...subject }, opts),
          scope
            .resolve<NotesModuleService>(NOTES_MODULE)
            .firstViewAt({ ...subject }),
        ])
      )
        .filter((t): t is Date => t !== null)
        .map(instant)
        .reduce<number | null>(
          (a, b) => (a === null ? b : Math.min(a, b)),
          null
        )
    : null
  const range = resolveRange(
    { preset: q.preset, from: q.from, to: q.to, interval: q.interval },
    tz,
    now,
    first
  )
  return { range, tz, from: new Date(range.from), to: new Date(range.to) }
}

/** The answer's `range`. */
export function answerRange(
  range: ReturnType<typeof resolveRange>,
  tz: string
): ReportAnswer["range"] {
  return {
    from: new Date(range.from).toISOString(),
    to: new Date(range.to).toISOString(),
    tz,
    interval: range.interval,
    preset: range.preset,
  }
}

/**
 * A report: the effective range, then the module reads of totals, series
 * and groups in parallel, merged (clicks and orders from the attribution
 * module, money per currency from the commission module), every bucket of
 * the range present, derived metrics computed exactly, groups ordered and
 * paged, with the costly unique visitors read for the page's keys only and
 * the page's labels.
 */
export async function composeReport(
  scope: MedusaContainer,
  subject: ReportSubject,
  q: ReportQueryParams,
  now: number = Date.now()
): Promise<ReportAnswer> {
  const clicks: ClickReads =
    scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const ledger: LedgerReads =
    scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const viewReads: ViewReads = scope.resolve<NotesModuleService>(NOTES_MODULE)
  const filters: RollupQuery["filters"] = { ...subject }

  const groupBy = q.group_by
  const clickOnly = groupBy ? CLICK_ONLY_GROUPS.has(groupBy) : false
  const orderBy: ReportMetric =
    q.order_by ?? (!groupBy || clickOnly ? "clicks" : "net")
  if (
    clickOnly &&
    (isCurrencyMetric(orderBy) ||
      ["orders", "units", "conversion"].includes(orderBy))
  ) {
    throw invalid(
      `order_by: ${groupBy} groups carry clicks and visitors only, not ${orderBy}`
    )
  }
  // Views have a note and its author only: by product, utm or referer
  // they are null, and cannot order the groups.
  const withGroupViews = groupBy ? VIEW_GROUPS.has(groupBy) : false
  if (groupBy && !withGroupViews && VIEW_METRICS.includes(orderBy)) {
    throw invalid(
      `order_by: ${groupBy} groups have no views (views are by note and buyer), not ${orderBy}`
    )
  }

  // The pending clicks, attribution lines and ledger deltas folded once
  // for the whole report (each is a pooled round trip, serialised by its
  // lock): every read below says `folded` and skips its own fold. Reads
  // called from elsewhere still fold first.
  await Promise.all([clicks.foldClickRollups(), ledger.foldLedgerRollups()])
  const { range, tz, from, to } = await resolveReportRange(
    scope,
    subject,
    q,
    now,
    { folded: true }
  )
  const base = { from, to, tz, filters, folded: true }
  const sortCurrency =
    groupBy && isCurrencyMetric(orderBy)
      ? (q.currency_code ?? (await storeDefaultCurrency(scope)))
      : null
  // Distinct visitors only when asked for or sorted on. Sorting on them
  // needs them for every group; otherwise only the page's.
  const visitorsUpFront = orderBy === "unique_visitors"
  const withVisitors = q.visitors === "include" || visitorsUpFront
  // Two phases where the order is one summed column (a count or an
  // amount): every group ranked on that column alone, then the page's
  // groups read in full (at most `limit` keys). The leaderboard has a group
  // per buyer: one sum per buyer instead of fifteen. One buyer's or one
  // note's groups (tens of notes or products) are read in full at once:
  // the page's second read costs more than the columns it saves.
  const only: RollupQuery["only"] =
    !groupBy ||
    q.key ||
    !RANKED_ALONE.has(orderBy) ||
    subject.buyer_id != null ||
    subject.note_id != null
      ? undefined
      : isCurrencyMetric(orderBy)
        ? (orderBy as ReportMoneyField)
        : "counts"

  // The totals add the series' rows up (every count and sum is additive
  // across buckets); only distinct visitors need a read of their own.
  // The bucket starts first (one bucket past the range as well: its start
  // is the last bucket's end): the series reads cut their hours by them.
  const starts = await clicks.reportBucketStarts(
    from,
    new Date(range.to + NEXT_BUCKET_REACH[range.interval]),
    tz,
    range.interval
  )
  const edges = starts.map(instant).filter((t) => t < range.to)
  const [
    visitorTotals,
    clickSeries,
    visitorSeries,
    ledgerSeries,
    clickGroups,
    ledgerGroups,
    viewSeries,
    viewGroups,
  ] = await Promise.all([
    withVisitors
      ? clicks.readClickRollup({
          ...base,
          shape: "totals",
          unique_visitors: true,
          visitors_only: true,
        })
      : Promise.resolve([] as ClickRollupRow[]),
    clicks.readClickRollup({
      ...base,
      shape: "series",
      interval: range.interval,
      edges,
    }),
    withVisitors
      ? clicks.readClickRollup({
          ...base,
          shape: "series",
          interval: range.interval,
          unique_visitors: true,
          visitors_only: true,
        })
      : Promise.resolve([] as ClickRollupRow[]),
    ledger.readLedgerRollup({
      ...base,
      shape: "series",
      interval: range.interval,
      with_totals: true,
      edges,
    }),
    groupBy
      ? clicks.readClickRollup({
          ...base,
          shape: "groups",
          group_by: groupBy,
          keys: q.key,
          unique_visitors: visitorsUpFront,
          only,
        })
      : Promise.resolve([] as ClickRollupRow[]),
    groupBy && !clickOnly
      ? ledger.readLedgerRollup({
          ...base,
          shape: "groups",
          group_by: groupBy,
          keys: q.key,
          only,
          // Ranked on an amount: summed in the sort currency alone (the
          // page's groups are read in full, every currency, below; the
          // other groups need only their key and that amount).
          rank_currency:
            only && only !== "counts" && sortCurrency
              ? sortCurrency
              : undefined,
        })
      : Promise.resolve([] as LedgerRollupRow[]),
    viewReads.readViewRollup({
      ...base,
      shape: "series",
      interval: range.interval,
      edges,
    }),
    // Every group's views (one sum per note or buyer): they rank the
    // groups by views and fill the page.
    groupBy && withGroupViews
      ? viewReads.readViewRollup({
          ...base,
          shape: "groups",
          group_by: groupBy,
          keys: q.key,
        })
      : Promise.resolve([] as ViewRollupRow[]),
  ])

  const totals = buildMetrics(
    {
      ...sumClickRows(clickSeries),
      unique_visitors: withVisitors
        ? (visitorTotals[0]?.unique_visitors ?? 0)
        : null,
    },
    ledgerSeries.filter((r) => r.bucket === null),
    { views: viewSeries.reduce((n, r) => n + r.views, 0) }
  )

  // Series: every bucket, rows matched to buckets by instant.
  const sorted = [...new Set(starts.map(instant))].sort((a, b) => a - b)
  const inRange = sorted.filter((s) => s < range.to)
  const clicksAt = new Map(
    clickSeries
      .filter((r) => r.bucket !== null)
      .map((r) => [instant(r.bucket as string), r])
  )
  const visitorsAt = new Map(
    visitorSeries
      .filter((r) => r.bucket !== null)
      .map((r) => [instant(r.bucket as string), r.unique_visitors ?? 0])
  )
  const ledgerAt = ledgerIndex(
    ledgerSeries.filter((r) => r.bucket !== null),
    (r) => String(instant(r.bucket as string))
  )
  const viewsAt = new Map(
    viewSeries
      .filter((r) => r.bucket !== null)
      .map((r) => [instant(r.bucket as string), r.views])
  )
  const series = inRange.map((start, i) => {
    const end = sorted[i + 1] ?? range.to
    const m = buildMetrics(
      clicksAt.get(start),
      ledgerAt.get(String(start)) ?? [],
      { views: viewsAt.get(start) ?? 0 }
    )
    m.unique_visitors = withVisitors ? (visitorsAt.get(start) ?? 0) : null
    return {
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      ...m,
    }
  })

  // Groups: both modules' rows merged by key, ordered, paged.
  let groups: ReportGroup[] = []
  let count = 0
  if (groupBy) {
    const clickByKey = new Map(clickGroups.map((r) => [groupKey(r.key), r]))
    const ledgerByKey = ledgerIndex(ledgerGroups, (r) => groupKey(r.key))
    const viewsByKey = new Map(
      viewGroups.map((r) => [groupKey(r.key), r.views])
    )
    const viewsOf = (k: string) =>
      withGroupViews ? (viewsByKey.get(k) ?? 0) : null
    const keys = [
      ...new Set([
        ...clickByKey.keys(),
        ...ledgerByKey.keys(),
        ...viewsByKey.keys(),
      ]),
    ]
    // Every group's sort value, then the full metrics of the page only
    // (a leaderboard has a group per buyer): counts and single-row money
    // are read as they are; derived values build the group's metrics.
    const all = keys.map((k) => {
      const click = clickByKey.get(k)
      const ledgerRows = ledgerByKey.get(k) ?? []
      return {
        key: k === NULL_KEY ? null : k,
        click,
        ledgerRows,
        clicks: click?.clicks ?? 0,
        views: viewsOf(k),
        sort: sortKey(
          cheapSortValue(
            click,
            ledgerRows,
            orderBy,
            sortCurrency,
            viewsOf(k)
          ) ??
            metricValue(
              buildMetrics(click, ledgerRows, {
                withOrders: !clickOnly,
                views: viewsOf(k),
              }),
              orderBy,
              sortCurrency
            )
        ),
      }
    })
    all.sort(
      (a, b) =>
        compareSortKeys(a.sort, b.sort, q.order) ||
        b.clicks - a.clicks ||
        compareKeys(a.key, b.key)
    )
    count = all.length
    const ranked = all.slice(q.offset, q.offset + q.limit)
    const pageKeys = ranked.map((g) => g.key)
    // Ranked on one column: the page's groups read in full now.
    const full =
      only && pageKeys.length
        ? await Promise.all([
            clicks.readClickRollup({
              ...base,
              shape: "groups",
              group_by: groupBy,
              keys: pageKeys,
            }),
            clickOnly
              ? Promise.resolve([] as LedgerRollupRow[])
              : ledger.readLedgerRollup({
                  ...base,
                  shape: "groups",
                  group_by: groupBy,
                  keys: pageKeys,
                }),
          ])
        : null
    const fullClick = full
      ? new Map(full[0].map((r) => [groupKey(r.key), r]))
      : null
    const fullLedger = full
      ? ledgerIndex(full[1], (r) => groupKey(r.key))
      : null
    const page = ranked.map((g) => ({
      key: g.key,
      metrics: buildMetrics(
        fullClick ? fullClick.get(groupKey(g.key)) : g.click,
        fullLedger ? (fullLedger.get(groupKey(g.key)) ?? []) : g.ledgerRows,
        { withOrders: !clickOnly, views: g.views }
      ),
    }))
    const [visitors, labels] = await Promise.all([
      visitorsUpFront || !withVisitors || !pageKeys.length
        ? Promise.resolve([] as ClickRollupRow[])
        : clicks.readClickRollup({
            ...base,
            shape: "groups",
            group_by: groupBy,
            keys: pageKeys,
            unique_visitors: true,
          }),
      labelsOf(scope, groupBy, pageKeys),
    ])
    const visitorsOf = new Map(
      visitors.map((r) => [groupKey(r.key), r.unique_visitors ?? 0])
    )
    groups = page.map(({ key, metrics }) => ({
      key,
      label: key === null ? null : (labels.get(key) ?? null),
      ...metrics,
      unique_visitors: withVisitors
        ? (metrics.unique_visitors ?? visitorsOf.get(groupKey(key)) ?? 0)
        : null,
    }))
  }

  return {
    range: answerRange(range, tz),
    totals,
    series,
    groups,
    count,
    limit: q.limit,
    offset: q.offset,
  }
}
