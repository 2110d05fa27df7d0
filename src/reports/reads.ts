import type {
  ClickRollupRow,
  LedgerRollupRow,
  ReportInterval,
  RollupQuery,
} from "../types/reports"

/**
 * The module reads a report is composed of (src/types/reports.ts): the
 * attribution module answers for clicks, visitors, orders and units and
 * cuts the buckets; the commission module answers for money.
 */
export type ClickReads = {
  readClickRollup(
    q: RollupQuery & { unique_visitors?: boolean; visitors_only?: boolean }
  ): Promise<ClickRollupRow[]>
  /** Every bucket start of [from, to) in `tz`, as instants. */
  reportBucketStarts(
    from: Date,
    to: Date,
    tz: string,
    interval: ReportInterval
  ): Promise<(Date | string)[]>
  /** The first click or attributed line of the filtered rows; null without any. */
  firstActivityAt(
    filters: RollupQuery["filters"]
  ): Promise<Date | string | null>
}

export type LedgerReads = {
  readLedgerRollup(q: RollupQuery): Promise<LedgerRollupRow[]>
}
