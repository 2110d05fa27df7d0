import { MathBN } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"
import type { AttributionOptions } from "../modules/attribution/utils/options"
import type {
  ClickSignalRow,
  OrderSignalRow,
  SelfReferralRow,
} from "../modules/attribution/rollup/signals"
import type { ReturnSignalRow } from "../modules/commission/rollup/signals"
import { labelsOf } from "./compose"
import { ratio } from "./metrics"

/** The kinds, in the order ties of severity are listed. */
export const SIGNAL_KINDS = [
  "self_referral",
  "dropped_share",
  "click_spike",
  "conversion_outlier",
  "repeat_customer",
  "returns",
] as const
export type ReviewSignalKind = (typeof SIGNAL_KINDS)[number]

/**
 * One case a merchant should look at (docs/reports.md, "Review signals").
 * `value` fires when above `threshold`; `program_value` is the same
 * measure over the whole program. Nothing is done automatically.
 */
export type ReviewSignal = {
  buyer_id: string
  label: string | null
  kind: ReviewSignalKind
  value: string
  program_value: string | null
  threshold: string
  /** The start (UTC ISO) of the first 15-minute bucket where the evidence shows. */
  since: string | null
  detail: Record<string, unknown>
}

type Options = Pick<
  AttributionOptions,
  | "signal_dropped_share"
  | "signal_min_clicks"
  | "signal_conversion_z"
  | "signal_repeat_share"
  | "signal_min_orders"
  | "signal_self_referrals"
  | "signal_returns_share"
  | "signal_min_accrued"
  | "signal_spike_factor"
>

/** A signal before its label, with how far past its threshold it is. */
type Found = Omit<ReviewSignal, "label"> & { severity: number }

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const fixed = (v: number, places: number) => v.toFixed(places)
/** value ÷ threshold; a zero threshold makes every signal of the kind maximal. */
const severity = (value: number, threshold: number) =>
  threshold > 0 ? value / threshold : Number.POSITIVE_INFINITY

function droppedShare(
  rows: ClickSignalRow[],
  program: ClickSignalRow | undefined,
  o: Options
): Found[] {
  const t = o.signal_dropped_share
  const programAll = (program?.clicks ?? 0) + (program?.dropped ?? 0)
  return rows.flatMap((r): Found[] => {
    const all = r.clicks + r.dropped
    if (all < o.signal_min_clicks || !(r.dropped > t * all)) {
      return []
    }
    return [
      {
        buyer_id: r.buyer_id!,
        kind: "dropped_share",
        value: ratio(r.dropped, all, 6)!,
        program_value: ratio(program?.dropped ?? 0, programAll, 6),
        threshold: fixed(t, 6),
        since: iso(r.first_dropped_at),
        detail: { clicks: all, dropped: r.dropped, counted: r.clicks },
        severity: severity(r.dropped / all, t),
      },
    ]
  })
}

/**
 * A binomial z-score against the pooled conversion of the buyers with at
 * least `signal_min_clicks` counted clicks: z = (p − P) ÷ √(P(1 − P) ÷ n).
 * The threshold is given as the conversion z reaches `signal_conversion_z`
 * at: P + z·√(P(1 − P) ÷ n).
 */
function conversionOutlier(rows: ClickSignalRow[], o: Options): Found[] {
  const eligible = rows.filter((r) => r.clicks >= o.signal_min_clicks)
  const clicks = eligible.reduce((s, r) => s + r.clicks, 0)
  const orders = eligible.reduce((s, r) => s + r.orders, 0)
  if (!clicks) {
    return []
  }
  const P = orders / clicks
  if (!(P > 0 && P < 1)) {
    return []
  }
  const zt = o.signal_conversion_z
  return eligible.flatMap((r): Found[] => {
    const se = Math.sqrt((P * (1 - P)) / r.clicks)
    const z = (r.orders / r.clicks - P) / se
    if (!(z > zt)) {
      return []
    }
    return [
      {
        buyer_id: r.buyer_id!,
        kind: "conversion_outlier",
        value: ratio(r.orders, r.clicks, 6)!,
        program_value: ratio(orders, clicks, 6),
        threshold: fixed(P + zt * se, 6),
        since: iso(r.first_order_at),
        detail: {
          clicks: r.clicks,
          orders: r.orders,
          z: fixed(z, 4),
          z_threshold: zt,
          buyers: eligible.length,
          program_clicks: clicks,
          program_orders: orders,
        },
        severity: severity(z, zt),
      },
    ]
  })
}

function repeatCustomer(
  rows: OrderSignalRow[],
  program: OrderSignalRow | undefined,
  o: Options
): Found[] {
  const t = o.signal_repeat_share
  return rows.flatMap((r): Found[] => {
    if (r.orders < o.signal_min_orders) {
      return []
    }
    // The larger of the two; a tie is reported by customer.
    const byAddress = r.address_orders > r.customer_orders
    const top = byAddress ? r.address_orders : r.customer_orders
    if (!(top > t * r.orders)) {
      return []
    }
    const programTop = byAddress
      ? program?.address_orders
      : program?.customer_orders
    return [
      {
        buyer_id: r.buyer_id!,
        kind: "repeat_customer",
        value: ratio(top, r.orders, 6)!,
        program_value: ratio(programTop ?? 0, program?.orders ?? 0, 6),
        threshold: fixed(t, 6),
        since: iso(byAddress ? r.address_first_at : r.customer_first_at),
        detail: {
          by: byAddress ? "address" : "customer",
          orders: r.orders,
          top_orders: top,
        },
        severity: severity(top / r.orders, t),
      },
    ]
  })
}

function selfReferral(
  rows: SelfReferralRow[],
  program: SelfReferralRow | undefined,
  o: Options
): Found[] {
  const t = o.signal_self_referrals
  return rows.flatMap((r): Found[] =>
    r.orders >= t
      ? [
          {
            buyer_id: r.buyer_id!,
            kind: "self_referral",
            value: String(r.orders),
            program_value: String(program?.orders ?? 0),
            threshold: String(t),
            since: iso(r.first_at),
            detail: { order_ids: r.order_ids },
            // At the threshold is already a case (count ≥ option).
            severity: (r.orders + 1) / t,
          },
        ]
      : []
  )
}

function returns(rows: ReturnSignalRow[], o: Options): Found[] {
  const t = o.signal_returns_share
  const program = new Map(
    rows.filter((r) => r.buyer_id === null).map((r) => [r.currency_code, r])
  )
  return rows.flatMap((r): Found[] => {
    // Money compared exactly, never as floats.
    const accrued = MathBN.convert(r.accrued)
    const returned = MathBN.mult(r.reversed, -1)
    if (
      r.buyer_id === null ||
      !MathBN.gt(accrued, 0) ||
      MathBN.lt(accrued, o.signal_min_accrued) ||
      !MathBN.gt(returned, MathBN.mult(accrued, t))
    ) {
      return []
    }
    const p = program.get(r.currency_code)
    const negated = (v: string) => (v.startsWith("-") ? v.slice(1) : `-${v}`)
    return [
      {
        buyer_id: r.buyer_id,
        kind: "returns",
        value: ratio(negated(r.reversed), r.accrued, 6)!,
        program_value:
          p && !MathBN.eq(p.accrued, 0)
            ? ratio(negated(p.reversed), p.accrued, 6)
            : null,
        threshold: fixed(t, 6),
        since: iso(r.first_reversal_at),
        detail: {
          currency_code: r.currency_code,
          accrued: r.accrued,
          reversed: r.reversed,
        },
        severity: severity(MathBN.div(returned, accrued).toNumber(), t),
      },
    ]
  })
}

function clickSpike(
  rows: ClickSignalRow[],
  program: ClickSignalRow | undefined,
  o: Options
): Found[] {
  const f = o.signal_spike_factor
  return rows.flatMap((r): Found[] => {
    // peak ÷ (clicks ÷ active buckets) > factor, without dividing.
    if (
      r.clicks < o.signal_min_clicks ||
      !(r.peak_clicks * r.active_buckets > f * r.clicks)
    ) {
      return []
    }
    return [
      {
        buyer_id: r.buyer_id!,
        kind: "click_spike",
        value: ratio(r.peak_clicks * r.active_buckets, r.clicks, 4)!,
        program_value: program?.clicks
          ? ratio(
              program.peak_clicks * program.active_buckets,
              program.clicks,
              4
            )
          : null,
        threshold: fixed(f, 4),
        since: iso(r.first_spike_at),
        detail: {
          clicks: r.clicks,
          active_buckets: r.active_buckets,
          peak_clicks: r.peak_clicks,
          peak_at: iso(r.peak_at),
        },
        severity: severity((r.peak_clicks * r.active_buckets) / r.clicks, f),
      },
    ]
  })
}

/**
 * The program's review signals over [from, to): per buyer, each kind whose
 * value is above its threshold (the `signal_*` options), ordered by
 * severity (value ÷ threshold; z ÷ its option for conversion; count + 1 ÷
 * option for self-referrals), then kind, then buyer. Four module reads in
 * parallel, then the buyers' labels in one query.
 */
export async function composeSignals(
  scope: MedusaContainer,
  range: { from: Date; to: Date }
): Promise<ReviewSignal[]> {
  const attribution =
    scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const commission = scope.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const o = attribution.getOptions()
  const [clicks, orders, selfRefs, ledger] = await Promise.all([
    attribution.readClickSignals({
      ...range,
      spike_factor: o.signal_spike_factor,
    }),
    attribution.readOrderSignals(range),
    attribution.readSelfReferrals(range),
    commission.readReturnSignals(range),
  ])
  const buyers = <T extends { buyer_id: string | null }>(rows: T[]) =>
    rows.filter((r) => r.buyer_id !== null)
  const programOf = <T extends { buyer_id: string | null }>(rows: T[]) =>
    rows.find((r) => r.buyer_id === null)

  const found: Found[] = [
    ...droppedShare(buyers(clicks), programOf(clicks), o),
    ...conversionOutlier(buyers(clicks), o),
    ...repeatCustomer(buyers(orders), programOf(orders), o),
    ...selfReferral(buyers(selfRefs), programOf(selfRefs), o),
    ...returns(ledger, o),
    ...clickSpike(buyers(clicks), programOf(clicks), o),
  ]
  found.sort(
    (a, b) =>
      b.severity - a.severity ||
      SIGNAL_KINDS.indexOf(a.kind) - SIGNAL_KINDS.indexOf(b.kind) ||
      (a.buyer_id < b.buyer_id ? -1 : a.buyer_id > b.buyer_id ? 1 : 0)
  )
  const labels = await labelsOf(scope, "buyer", [
    ...new Set(found.map((s) => s.buyer_id)),
  ])
  return found.map(({ severity: _severity, ...s }) => ({
    buyer_id: s.buyer_id,
    label: labels.get(s.buyer_id) ?? null,
    kind: s.kind,
    value: s.value,
    program_value: s.program_value,
    threshold: s.threshold,
    since: s.since,
    detail: s.detail,
  }))
}
