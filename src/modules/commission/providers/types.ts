/**
 * How the commission module pays buyers. Two providers ship: `stripe`
 * (Stripe Connect transfers to Express accounts) and `manual` (the merchant
 * pays outside and marks the settlement paid). Amounts cross this boundary
 * as decimal strings in the currency's major unit; a provider converts.
 */
export type TransferRequest = {
  settlement_id: string
  /** Same settlement and generation → same key → the provider pays once. */
  idempotency_key: string
  generation: number
  buyer_id: string
  currency_code: string
  amount: string
  /** The buyer's account at the provider (null for manual payouts). */
  destination: string | null
  description: string
}

/**
 * - `paid`: the provider made the transfer (`reference` is its id);
 * - `awaiting_manual`: nothing is sent; an admin pays and marks it paid;
 * - `declined`: the provider refused; nothing was paid, safe to release;
 * - `unknown`: the outcome is not known (timeout, lost response, 5xx): the
 *   transfer may exist, so the settlement keeps its entries and the next
 *   attempt sends the same idempotency key.
 */
export type TransferOutcome =
  | { status: "paid"; reference: string }
  | { status: "awaiting_manual" }
  | { status: "declined"; message: string; code: string | null }
  | { status: "unknown"; message: string }

export type FoundTransfer =
  | { status: "found"; transfers: ExistingTransfer[] }
  | { status: "none" }
  | { status: "unknown"; message: string }

/** A transfer the provider holds for a settlement (its transfer group). */
export type ExistingTransfer = {
  reference: string
  amount: string
  currency_code: string
  /** The settlement's key generation it was sent under (null: unknown). */
  generation: number | null
}

export type ProviderAccount = {
  account_id: string
  payouts_enabled: boolean
  details_submitted: boolean
  disabled_reason: string | null
}

/** A verified webhook event, in the provider-neutral shape the module applies. */
export type ProviderWebhookEvent = {
  id: string
  type: string
  /** When the provider created the event (unix seconds): older state loses. */
  created: number
  change:
    | ({ kind: "account" } & ProviderAccount)
    | {
        kind: "transfer_reversed"
        reference: string
        settlement_id: string | null
        currency_code: string
        /** Cumulative amount reversed so far (major unit, decimal string). */
        amount_reversed: string
      }
    | { kind: "payout_failed"; account_id: string; message: string }
    | { kind: "ignored" }
}

export interface PayoutProvider {
  readonly id: "stripe" | "manual"
  /** Whether a buyer needs an onboarded account at the provider to be paid. */
  readonly needsAccount: boolean
  transfer(request: TransferRequest): Promise<TransferOutcome>
  /** Looks for a transfer already made for the settlement (crash healing). */
  findTransfer(settlementId: string): Promise<FoundTransfer>
  createAccount(input: {
    buyer_id: string
    email: string | null
  }): Promise<ProviderAccount>
  createOnboardingLink(
    accountId: string
  ): Promise<{ url: string; expires_at: Date }>
  /** The account's current state at the provider. */
  retrieveAccount(accountId: string): Promise<ProviderAccount>
  /** Verifies and parses a webhook; throws a `WebhookSignatureError` if bad. */
  parseWebhook(
    rawBody: Buffer | string,
    signature: string | undefined
  ): ProviderWebhookEvent
}

export class WebhookSignatureError extends Error {}

export class ProviderNotSupportedError extends Error {}
