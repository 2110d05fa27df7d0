import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { generateEntityId, MathBN } from "@medusajs/framework/utils"
import { revertLedgerChanges } from "./ledger/sql"
import type { ProviderWebhookEvent } from "./providers"
import {
  emptyChanges,
  type LedgerChanges,
  type ProviderEventResult,
} from "./types"
import { decimal } from "./utils/money"

/*
 * Verified payout-provider webhooks applied to the ledger, once each:
 * account state, payout failures, reversed transfers (an explained
 * negative adjustment inside the reversed settlement).
 */

/** Appends ledger entries (the module service's entity insert) and records them. */
export type InsertEntries = (
  rows: object[],
  changes: LedgerChanges
) => Promise<void>

/**
 * Applies a verified provider webhook once: the event id is recorded in
 * the same transaction, so a re-delivery changes nothing. Answers what
 * changed (for events and for undo).
 */
export async function applyProviderEvent(
  manager: SqlEntityManager,
  providerId: string,
  event: ProviderWebhookEvent,
  insertEntries: InsertEntries,
  now: Date = new Date()
): Promise<ProviderEventResult> {
  const inserted = (await manager.execute(
    `INSERT INTO payout_provider_event (id, provider, event_id, type, created_at, updated_at)
     VALUES (?, ?, ?, ?, now(), now())
     ON CONFLICT (provider, event_id) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [generateEntityId(undefined, "ppev"), providerId, event.id, event.type]
  )) as { id: string }[]
  const result: ProviderEventResult = {
    record_id: inserted[0]?.id ?? null,
    outcome: "duplicate",
    changes: emptyChanges(),
    account: null,
    settlement: null,
  }
  if (!result.record_id) {
    return result
  }
  const change = event.change
  if (change.kind === "account" || change.kind === "payout_failed") {
    const rows = (await manager.execute(
      // An older event than the one applied last carries older state.
      change.kind === "account"
        ? `UPDATE payout_account SET payouts_enabled = ?, details_submitted = ?,
             disabled_reason = ?, updated_at = now(),
             metadata = coalesce(metadata, '{}'::jsonb)
               || jsonb_build_object('provider_event_created', ?::bigint)
           WHERE provider = ? AND account_id = ? AND deleted_at IS NULL
             AND coalesce((metadata->>'provider_event_created')::bigint, 0) <= ?
           RETURNING buyer_id, account_id, payouts_enabled`
        : `UPDATE payout_account SET last_payout_failure = ?, updated_at = now()
           WHERE provider = ? AND account_id = ? AND deleted_at IS NULL
           RETURNING buyer_id, account_id, payouts_enabled`,
      change.kind === "account"
        ? [
            change.payouts_enabled,
            change.details_submitted,
            change.disabled_reason,
            event.created,
            providerId,
            change.account_id,
            event.created,
          ]
        : [change.message, providerId, change.account_id]
    )) as {
      buyer_id: string
      account_id: string
      payouts_enabled: boolean
    }[]
    result.account = rows[0] ?? null
    if (rows[0]) {
      result.outcome = change.kind
    } else {
      const known = (await manager.execute(
        `SELECT 1 FROM payout_account WHERE provider = ? AND account_id = ? AND deleted_at IS NULL`,
        [providerId, change.account_id]
      )) as unknown[]
      result.outcome = known.length ? "stale" : "unknown_account"
    }
  } else if (change.kind === "transfer_reversed") {
    const [s] = (await manager.execute(
      `SELECT id, buyer_id, currency_code, coalesce(reversed_amount, 0)::text AS reversed
       FROM settlement
       WHERE provider = ? AND deleted_at IS NULL
         AND (provider_reference = ? OR id = ?)
       ORDER BY (provider_reference = ?) DESC NULLS LAST LIMIT 1 FOR UPDATE`,
      [
        providerId,
        change.reference,
        change.settlement_id ?? "",
        change.reference,
      ]
    )) as {
      id: string
      buyer_id: string
      currency_code: string
      reversed: string
    }[]
    if (!s) {
      result.outcome = "unknown_settlement"
    } else {
      const delta = MathBN.sub(change.amount_reversed, s.reversed)
      result.settlement = {
        id: s.id,
        previous_reversed: decimal(s.reversed),
        applied_reversed: decimal(change.amount_reversed),
      }
      if (MathBN.gt(delta, 0)) {
        await insertEntries(
          [
            {
              source_key: `transfer_reversal:${change.reference}:${decimal(change.amount_reversed)}`,
              type: "adjustment",
              // Part of the reversed settlement: what it paid, net.
              status: "paid",
              settlement_id: s.id,
              buyer_id: s.buyer_id,
              currency_code: s.currency_code,
              amount: decimal(MathBN.mult(delta, -1)),
              reason: `Transfer ${change.reference} of settlement ${s.id} was reversed at the payout provider: ${decimal(delta)} ${s.currency_code.toUpperCase()} taken back from the buyer`,
              available_at: now,
              approved_at: now,
              metadata: {
                settlement_id: s.id,
                provider_reference: change.reference,
                provider_event_id: event.id,
              },
            },
          ],
          result.changes
        )
        const reversed = decimal(change.amount_reversed)
        await manager.execute(
          `UPDATE settlement SET reversed_amount = ?, raw_reversed_amount = ?::jsonb, updated_at = now()
           WHERE id = ?`,
          [reversed, JSON.stringify({ value: reversed, precision: 20 }), s.id]
        )
        result.outcome = "transfer_reversed"
      } else {
        result.outcome = "already_reversed"
      }
    }
  } else {
    result.outcome = "ignored"
  }
  await manager.execute(
    `UPDATE payout_provider_event SET outcome = ? WHERE id = ?`,
    [result.outcome, result.record_id]
  )
  return result
}
/** Undoes `applyProviderEvent` (workflow compensation): forget the event. */
export async function revertProviderEvent(
  manager: SqlEntityManager,
  result: ProviderEventResult
): Promise<void> {
  if (!result.record_id) {
    return
  }
  await revertLedgerChanges(manager, result.changes)
  // Only if no later event moved it since (then it already includes ours).
  if (result.settlement) {
    const prev = result.settlement.previous_reversed
    const zero = MathBN.eq(prev, 0)
    await manager.execute(
      `UPDATE settlement SET reversed_amount = ?, raw_reversed_amount = ?::jsonb, updated_at = now()
       WHERE id = ? AND reversed_amount = ?`,
      [
        zero ? null : prev,
        zero ? null : JSON.stringify({ value: prev, precision: 20 }),
        result.settlement.id,
        result.settlement.applied_reversed,
      ]
    )
  }
  await manager.execute(`DELETE FROM payout_provider_event WHERE id = ?`, [
    result.record_id,
  ])
}
