import Stripe from "stripe"
import { MathBN } from "@medusajs/framework/utils"
import { decimal } from "../utils/money"
import type { StripeOptions } from "../utils/options"
import {
  FoundTransfer,
  PayoutProvider,
  ProviderAccount,
  ProviderWebhookEvent,
  TransferOutcome,
  TransferRequest,
  WebhookSignatureError,
} from "./types"

// Stripe's own currency exponents (its "zero-decimal" and "three-decimal"
// lists), which are not ISO's: HUF, COP, IDR, ISK, … have no minor unit in
// ISO 4217 / ICU but are sent to Stripe ×100 like any two-decimal currency.
const STRIPE_ZERO_DECIMAL = new Set(
  "bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split(" ")
)
const STRIPE_THREE_DECIMAL = new Set("bhd jod kwd omr tnd".split(" "))

/** Digits of Stripe's integer amounts for a currency. */
export function stripeExponent(currencyCode: string): number {
  const code = currencyCode.toLowerCase()
  return STRIPE_ZERO_DECIMAL.has(code)
    ? 0
    : STRIPE_THREE_DECIMAL.has(code)
      ? 3
      : 2
}

/** Major-unit decimal → Stripe's integer amount (JPY ×1, EUR and HUF ×100, KWD ×1000). */
export function toMinorUnits(amount: string, currencyCode: string): number {
  const minor = MathBN.mult(amount, 10 ** stripeExponent(currencyCode))
  if (!minor.isInteger()) {
    throw new Error(
      `${amount} ${currencyCode.toUpperCase()} has more decimals than Stripe takes`
    )
  }
  return minor.toNumber()
}

export function fromMinorUnits(amount: number, currencyCode: string): string {
  return decimal(MathBN.div(amount, 10 ** stripeExponent(currencyCode)))
}

/**
 * Is it certain that Stripe did not make the transfer? Only a 4xx from a
 * request Stripe executed (invalid request, permission, card, auth) says
 * so. A connection error, a timeout, a 5xx, a 409 (the same key still
 * executing) or a 429 leave the outcome unknown; an idempotency error means
 * the key was used before with other parameters, so a transfer may exist.
 */
export function isDefinitiveDecline(error: unknown): boolean {
  const e = error as { statusCode?: number; type?: string }
  if (!e?.statusCode || e.type === "StripeIdempotencyError") {
    return false
  }
  return (
    e.statusCode >= 400 &&
    e.statusCode < 500 &&
    e.statusCode !== 409 &&
    e.statusCode !== 429
  )
}

function describe(error: unknown): string {
  const e = error as { message?: string; code?: string; type?: string }
  return [e?.type, e?.code, e?.message].filter(Boolean).join(": ")
}

/**
 * Stripe Connect: buyers onboard as Express accounts, a settlement is a
 * transfer to the buyer's account (`transfer_group` = settlement id) with
 * an idempotency key from the settlement. The real `stripe` SDK; `host`,
 * `port` and `protocol` can point it elsewhere (the tests' local fake).
 */
export class StripePayoutProvider implements PayoutProvider {
  readonly id = "stripe" as const
  readonly needsAccount = true
  protected readonly stripe_: Stripe

  constructor(
    protected readonly options_: StripeOptions,
    protected readonly urls_: { return_url: string; refresh_url: string }
  ) {
    this.stripe_ = new Stripe(options_.api_key, {
      host: options_.host,
      port: options_.port,
      protocol: options_.protocol,
      timeout: options_.timeout_ms,
      maxNetworkRetries: options_.max_network_retries,
      appInfo: { name: "medusa-plugin-shoppable-notes" },
    })
  }

  async transfer(request: TransferRequest): Promise<TransferOutcome> {
    if (!request.destination) {
      return {
        status: "declined",
        code: "no_destination",
        message: "The buyer has no Stripe account",
      }
    }
    try {
      const transfer = await this.stripe_.transfers.create(
        {
          amount: toMinorUnits(request.amount, request.currency_code),
          currency: request.currency_code.toLowerCase(),
          destination: request.destination,
          transfer_group: request.settlement_id,
          description: request.description,
          metadata: {
            settlement_id: request.settlement_id,
            buyer_id: request.buyer_id,
            generation: String(request.generation),
          },
        },
        { idempotencyKey: request.idempotency_key }
      )
      return { status: "paid", reference: transfer.id }
    } catch (error) {
      if (isDefinitiveDecline(error)) {
        return {
          status: "declined",
          code: (error as { code?: string }).code ?? null,
          message: describe(error),
        }
      }
      return { status: "unknown", message: describe(error) }
    }
  }

  async findTransfer(settlementId: string): Promise<FoundTransfer> {
    try {
      const list = await this.stripe_.transfers.list({
        transfer_group: settlementId,
        limit: 100,
      })
      if (!list.data.length) {
        return { status: "none" }
      }
      return {
        status: "found",
        transfers: list.data.map((t) => ({
          reference: t.id,
          amount: fromMinorUnits(t.amount, t.currency),
          currency_code: t.currency,
          generation:
            t.metadata?.generation !== undefined
              ? Number(t.metadata.generation)
              : null,
        })),
      }
    } catch (error) {
      return { status: "unknown", message: describe(error) }
    }
  }

  async createAccount(input: {
    buyer_id: string
    email: string | null
  }): Promise<ProviderAccount> {
    const account = await this.stripe_.accounts.create(
      {
        type: "express",
        ...(input.email ? { email: input.email } : {}),
        ...(this.options_.account_country
          ? { country: this.options_.account_country }
          : {}),
        capabilities: { transfers: { requested: true } },
        metadata: { buyer_id: input.buyer_id },
      },
      // One account per buyer even if the first answer is lost.
      { idempotencyKey: `payout-account:${input.buyer_id}` }
    )
    return accountView(account)
  }

  async retrieveAccount(accountId: string): Promise<ProviderAccount> {
    return accountView(await this.stripe_.accounts.retrieve(accountId))
  }

  async createOnboardingLink(accountId: string) {
    const link = await this.stripe_.accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      return_url: this.urls_.return_url,
      refresh_url: this.urls_.refresh_url,
    })
    return { url: link.url, expires_at: new Date(link.expires_at * 1000) }
  }

  parseWebhook(
    rawBody: Buffer | string,
    signature: string | undefined
  ): ProviderWebhookEvent {
    // Stripe signs an account endpoint's events (transfer.reversed) and a
    // Connect endpoint's (account.updated, payout.failed) with different
    // secrets: any configured one may match.
    let event: Stripe.Event | undefined
    let failure: unknown
    for (const secret of [this.options_.webhook_secret].flat()) {
      try {
        event = this.stripe_.webhooks.constructEvent(
          rawBody,
          signature ?? "",
          secret
        )
        break
      } catch (error) {
        failure = error
      }
    }
    if (!event) {
      throw new WebhookSignatureError(
        `Invalid Stripe signature: ${(failure as Error)?.message}`
      )
    }
    return {
      id: event.id,
      type: event.type,
      created: event.created,
      change: this.changeOf_(event),
    }
  }

  protected changeOf_(event: Stripe.Event): ProviderWebhookEvent["change"] {
    // Stripe sends test-mode Connect events to live endpoints too.
    if (event.livemode !== this.options_.api_key.startsWith("sk_live_")) {
      return { kind: "ignored" }
    }
    switch (event.type) {
      case "account.updated":
        return { kind: "account", ...accountView(event.data.object) }
      case "transfer.reversed": {
        const t = event.data.object
        return {
          kind: "transfer_reversed",
          reference: t.id,
          settlement_id: t.metadata?.settlement_id ?? t.transfer_group,
          currency_code: t.currency,
          amount_reversed: fromMinorUnits(t.amount_reversed, t.currency),
        }
      }
      case "payout.failed": {
        const p = event.data.object
        return event.account
          ? {
              kind: "payout_failed",
              account_id: event.account,
              message: [p.failure_code, p.failure_message]
                .filter(Boolean)
                .join(": "),
            }
          : { kind: "ignored" }
      }
      default:
        return { kind: "ignored" }
    }
  }
}

function accountView(account: Stripe.Account): ProviderAccount {
  return {
    account_id: account.id,
    payouts_enabled: !!account.payouts_enabled,
    details_submitted: !!account.details_submitted,
    disabled_reason: account.requirements?.disabled_reason ?? null,
  }
}
