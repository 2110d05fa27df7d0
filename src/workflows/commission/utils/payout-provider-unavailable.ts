/** The payout provider did not answer (a 502 to the caller). */
export class PayoutProviderUnavailable extends Error {
  constructor(readonly cause: unknown) {
    super(
      `The payout provider is unavailable: ${(cause as Error)?.message ?? cause}`
    )
    this.name = "PayoutProviderUnavailable"
  }
}
