import type {
  ViewRollupRow,
  ClickRollupRow,
  LedgerRollupRow,
  ReportInterval,
  RollupQuery,
} from "../types/reports"

/**
 * The module reads a report is composed of (src/types/reports.ts): the
 * attribution module answers for clicks, visitors, orders and units and
 * cuts the buckets; the commission module answers for money; the notes
 * module for views.
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
    filters: RollupQuery["filters"],
    opts?: { folded?: boolean }
  ): Promise<Date | string | null>
  /** Folds the pending clicks and attribution lines (reads with `folded` skip it). */
  foldClickRollups(): Promise<number>
}

export type LedgerReads = {
  readLedgerRollup(q: RollupQuery): Promise<LedgerRollupRow[]>
  /** Folds the pending ledger deltas (reads with `folded` skip it). */
  foldLedgerRollups(): Promise<number>
}

/** The notes module answers for views (`note_view_rollup`). */
export type ViewReads = {
  /** Groups only by note or buyer (no rows for other groupings). */
  readViewRollup(q: RollupQuery): Promise<ViewRollupRow[]>
  firstViewAt(filters: RollupQuery["filters"]): Promise<Date | string | null>
}
