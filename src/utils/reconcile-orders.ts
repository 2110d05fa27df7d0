import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ATTRIBUTION_MODULE } from "../modules/attribution"
import type AttributionModuleService from "../modules/attribution/service"
import { COMMISSION_MODULE } from "../modules/commission"
import type CommissionModuleService from "../modules/commission/service"
import {
  accrueOrderCommissionsWorkflow,
  attributeOrderWorkflow,
} from "../workflows"

/*
 * Heals what a lost event left undone. Medusa's Redis event bus can lose an
 * event (a release that meets Redis restarting is not retried; a worker
 * that lost Redis while it started never subscribes: docs/deploying.md),
 * and the plugin's ledger follows the order only through events. Each run:
 *
 * 1. **Undecided orders.** Orders placed in the window (older than the
 *    grace, so the `order.placed` subscriber had its chance) without an
 *    attribution decision are decided now (`attributeOrderWorkflow`).
 * 2. **Attributed orders without commission.** Attributed decisions in the
 *    window with no commission entry are accrued
 *    (`accrueOrderCommissionsWorkflow`, which also applies the order's
 *    fulfilments, returns, refunds and cancel).
 * 3. **A sweep.** A slice of the attributed orders of the last
 *    `reconcile_sweep_days` is accrued and synced again, in order id order
 *    from where the last run stopped (a lost `order.return_received`,
 *    `order.fulfillment_created`, `order.canceled` or `payment.refunded`);
 *    a turn takes (attributed orders ÷ slice) runs; the job starts one at
 *    most once an hour.
 *
 * Every workflow it runs is idempotent, so running beside the subscribers
 * (or in two workers at once) changes nothing twice. Each step heals at
 * most `reconcile_batch_size` orders a run; the next run goes on.
 */

export type ReconcileOutcome = {
  /** Orders decided now (their `order.placed` had not been handled). */
  decided: number
  /** Attributed orders accrued now (no commission entry before). */
  accrued: number
  /** Attributed orders synced by the sweep… */
  swept: number
  /** …and those of them whose ledger it changed (an event had been lost). */
  resynced: number
  /** Orders whose workflow failed (logged; tried again next run). */
  failed: number
}

const PAGE = 1000
const RUN_BUDGET_MS = 50_000

/**
 * One reconciliation pass (see above) at `now`, healing for at most
 * `budget_ms`. The sweep starts at the attributed order after `sweep_from`
 * ("" for the first; null: no sweep); the answer's `sweep_next` is where
 * the next run goes on ("" from the first again, when the budget ran out
 * before the turn's first run swept anything), null once the turn is over.
 */
export async function reconcileOrders(
  container: MedusaContainer,
  {
    now = new Date(),
    sweep_from = "",
    budget_ms = RUN_BUDGET_MS,
  }: { now?: Date; sweep_from?: string | null; budget_ms?: number } = {}
): Promise<ReconcileOutcome & { sweep_next: string | null }> {
  const attribution =
    container.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  const commission =
    container.resolve<CommissionModuleService>(COMMISSION_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const options = commission.getOptions()
  const batch = options.reconcile_batch_size
  const until = new Date(now.getTime() - options.reconcile_grace_seconds * 1000)
  const since = new Date(
    now.getTime() - options.reconcile_window_hours * 3600 * 1000
  )
  const out: ReconcileOutcome = {
    decided: 0,
    accrued: 0,
    swept: 0,
    resynced: 0,
    failed: 0,
  }

  // A run stops healing after this long (a decision can wait up to a
  // minute for a carried click), so runs of the every-minute job do not
  // pile up; the next run goes on.
  const deadline = Date.now() + budget_ms
  // Answers how many of `orderIds` it got to before the deadline.
  const run = async (
    orderIds: string[],
    what: "decided" | "accrued" | "swept"
  ): Promise<number> => {
    for (const [done, order_id] of orderIds.entries()) {
      if (Date.now() > deadline) {
        return done
      }
      try {
        if (what === "decided") {
          await attributeOrderWorkflow(container).run({ input: { order_id } })
        } else {
          const { result } = await accrueOrderCommissionsWorkflow(
            container
          ).run({ input: { order_id } })
          if (
            what === "swept" &&
            (result.accrued.length ||
              result.synced.created.length ||
              result.synced.status_changes.length)
          ) {
            out.resynced++
          }
        }
        out[what]++
      } catch (e) {
        out.failed++
        logger.warn(
          `notes: reconciling order ${order_id} (${what}) failed, next run tries again: ${(e as Error).message}`
        )
      }
    }
    return orderIds.length
  }

  // 1. Orders without a decision.
  const undecided = await ordersWithoutDecision(
    container,
    attribution,
    since,
    until,
    batch
  )
  await run(undecided, "decided")

  // 2. Attributed orders without a commission entry.
  const unaccrued: string[] = []
  for (let skip = 0; unaccrued.length < batch; skip += PAGE) {
    const decisions = (await attribution.listOrderAttributions(
      { outcome: "attributed", decided_at: { $gte: since, $lte: until } },
      {
        select: ["order_id"],
        take: PAGE,
        skip,
        order: { decided_at: "ASC", id: "ASC" },
      }
    )) as { order_id: string }[]
    if (!decisions.length) {
      break
    }
    const ids = decisions.map((d) => d.order_id)
    const withEntries = new Set(
      (
        (await commission.listCommissionEntries(
          { order_id: ids },
          { select: ["order_id"] }
        )) as { order_id: string | null }[]
      ).map((e) => e.order_id)
    )
    unaccrued.push(...ids.filter((id) => !withEntries.has(id)))
    if (decisions.length < PAGE) {
      break
    }
  }
  await run(unaccrued.slice(0, batch), "accrued")

  // 3. The sweep.
  let sweep_next: string | null = null
  if (options.reconcile_sweep_days > 0 && sweep_from !== null) {
    const sweepSince = new Date(
      now.getTime() - options.reconcile_sweep_days * 86_400_000
    )
    const slice = (await attribution.listOrderAttributions(
      {
        outcome: "attributed",
        decided_at: { $gte: sweepSince, $lte: until },
        ...(sweep_from ? { order_id: { $gt: sweep_from } } : {}),
      },
      {
        select: ["order_id"],
        take: options.reconcile_sweep_batch_size,
        order: { order_id: "ASC" },
      }
    )) as { order_id: string }[]
    const ids = slice.map((d) => d.order_id)
    const done = await run(ids, "swept")
    // Cut by the deadline: the next run starts after the last one synced
    // (or where this one started); a full slice: after its last.
    if (done < ids.length) {
      sweep_next = done > 0 ? ids[done - 1] : sweep_from
    } else if (ids.length === options.reconcile_sweep_batch_size) {
      sweep_next = ids[ids.length - 1]
    }
  }
  return { ...out, sweep_next }
}

/**
 * Placed orders created in [since, until] without an attribution decision,
 * oldest first, at most `limit`. Draft orders are never placed.
 */
async function ordersWithoutDecision(
  container: MedusaContainer,
  attribution: AttributionModuleService,
  since: Date,
  until: Date,
  limit: number
): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const out: string[] = []
  for (let skip = 0; out.length < limit; skip += PAGE) {
    const { data } = await query.graph({
      entity: "order",
      fields: ["id", "status"],
      filters: { created_at: { $gte: since, $lte: until } },
      pagination: { take: PAGE, skip, order: { created_at: "ASC", id: "ASC" } },
    })
    const orders = (data as { id: string; status: string }[]).filter(
      (o) => o.status !== "draft"
    )
    if (orders.length) {
      const decided = new Set(
        (
          (await attribution.listOrderAttributions(
            { order_id: orders.map((o) => o.id) },
            { select: ["order_id"] }
          )) as { order_id: string }[]
        ).map((d) => d.order_id)
      )
      out.push(...orders.map((o) => o.id).filter((id) => !decided.has(id)))
    }
    if (data.length < PAGE) {
      break
    }
  }
  return out.slice(0, limit)
}
