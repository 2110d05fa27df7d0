import { PATHS } from "../../lib/paths"

/** Where this area's pages (and the dashboard's own) live, for links. */
export const paths = {
  buyers: PATHS.buyers,
  buyer: PATHS.buyer,
  commissions: PATHS.commissions,
  settlements: PATHS.settlements,
  settlement: PATHS.settlement,
  note: PATHS.note,
  order: (id: string) => `/orders/${id}`,
  customer: (id: string) => `/customers/${id}`,
  product: (id: string) => `/products/${id}`,
}
