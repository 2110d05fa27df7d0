import {
  PayoutProvider,
  ProviderNotSupportedError,
  TransferOutcome,
} from "./types"

/**
 * The merchant pays outside the store (bank transfer, Alipay, …): the
 * settlement waits in `processing` until an admin marks it paid with the
 * payment's reference, or failed. Every approved buyer can be paid.
 */
export class ManualPayoutProvider implements PayoutProvider {
  readonly id = "manual" as const
  readonly needsAccount = false

  async transfer(): Promise<TransferOutcome> {
    return { status: "awaiting_manual" }
  }

  async findTransfer() {
    return { status: "none" as const }
  }

  async createAccount(): Promise<never> {
    throw new ProviderNotSupportedError(
      "This store pays buyers manually: there is no payout account to set up"
    )
  }

  async retrieveAccount(): Promise<never> {
    throw new ProviderNotSupportedError(
      "This store pays buyers manually: there is no payout account"
    )
  }

  async createOnboardingLink(): Promise<never> {
    throw new ProviderNotSupportedError(
      "This store pays buyers manually: there is no payout account to set up"
    )
  }

  parseWebhook(): never {
    throw new ProviderNotSupportedError(
      "This store pays buyers manually and takes no payout webhooks"
    )
  }
}
