import type { CommissionOptions } from "../utils/options"
import { ManualPayoutProvider } from "./manual"
import { StripePayoutProvider } from "./stripe"
import type { PayoutProvider } from "./types"

export * from "./types"

/** The payout provider the plugin options choose. */
export function createPayoutProvider(
  options: CommissionOptions
): PayoutProvider {
  if (options.payout_provider === "stripe") {
    const base = options.storefront_url.replace(/\/+$/, "")
    return new StripePayoutProvider(options.stripe!, {
      return_url:
        options.stripe!.onboarding_return_url ??
        `${base}/account/payouts?onboarding=done`,
      refresh_url:
        options.stripe!.onboarding_refresh_url ??
        `${base}/account/payouts?onboarding=refresh`,
    })
  }
  return new ManualPayoutProvider()
}
