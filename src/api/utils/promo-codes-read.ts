import type { MedusaContainer } from "@medusajs/framework/types"
import { MathBN, MedusaError, Modules } from "@medusajs/framework/utils"
import { BUYERS_MODULE } from "../../modules/buyers"
import type BuyersModuleService from "../../modules/buyers/service"
import type { BuyerPromoCodeDTO } from "../../types/promo-codes"

type PromotionRow = {
  id: string
  application_method?: {
    type: string
    value?: unknown
    raw_value?: { value: string | number } | null
    currency_code?: string | null
  } | null
  campaign?: {
    starts_at?: Date | string | null
    ends_at?: Date | string | null
    budget?: {
      limit?: unknown
      used?: unknown
      raw_limit?: { value: string | number } | null
      raw_used?: { value: string | number } | null
    } | null
  } | null
}

const iso = (d: Date | string | null | undefined) =>
  d ? new Date(d).toISOString() : null

const num = (raw: { value: string | number } | null | undefined, v: unknown) =>
  raw?.value ?? v ?? null

/**
 * A buyer's promo codes (newest first), each with its promotion's discount,
 * dates, usage limit and uses read from Medusa's promotion module.
 * `status`: only the codes in that state.
 */
export async function listBuyerPromoCodes(
  container: MedusaContainer,
  filters: { buyer_id: string; status?: "active" | "disabled"; id?: string }
): Promise<BuyerPromoCodeDTO[]> {
  const buyers = container.resolve<BuyersModuleService>(BUYERS_MODULE)
  const rows = await buyers.listBuyerPromoCodes(filters, {
    order: { created_at: "DESC", id: "DESC" },
  })
  if (!rows.length) {
    return []
  }
  const promotions = (await container.resolve(Modules.PROMOTION).listPromotions(
    { id: rows.map((r) => r.promotion_id) },
    {
      relations: ["application_method", "campaign", "campaign.budget"],
      withDeleted: true,
    }
  )) as unknown as PromotionRow[]
  const byId = new Map(promotions.map((p) => [p.id, p]))
  return rows.map((r) => {
    const p = byId.get(r.promotion_id)
    const am = p?.application_method
    const budget = p?.campaign?.budget
    const limit = num(budget?.raw_limit, budget?.limit)
    const used = num(budget?.raw_used, budget?.used)
    return {
      id: r.id,
      buyer_id: r.buyer_id,
      code: r.code,
      status: r.status,
      promotion_id: r.promotion_id,
      discount: {
        type: am?.type === "fixed" ? "fixed" : "percentage",
        value: MathBN.convert(
          (num(am?.raw_value, am?.value) ?? 0) as number
        ).toFixed(),
        currency_code: am?.currency_code ?? null,
      },
      usage_limit: limit == null ? null : Number(limit),
      uses: used == null ? 0 : Number(used),
      starts_at: iso(p?.campaign?.starts_at),
      ends_at: iso(p?.campaign?.ends_at),
      created_at: new Date(r.created_at).toISOString(),
    }
  })
}

/** One of a buyer's codes, or NOT_FOUND (another buyer's code looks absent). */
export async function fetchBuyerPromoCodeOrThrow(
  container: MedusaContainer,
  buyer_id: string,
  id: string
): Promise<BuyerPromoCodeDTO> {
  const [code] = await listBuyerPromoCodes(container, { buyer_id, id })
  if (!code) {
    throw new MedusaError(
      MedusaError.Types.NOT_FOUND,
      `Promo code ${id} of buyer ${buyer_id} was not found`
    )
  }
  return code
}
