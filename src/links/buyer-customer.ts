import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import BuyersModule from "../modules/buyers"

/** buyer.customer_id → customer (read-only: no link table). */
export default defineLink(
  {
    linkable: BuyersModule.linkable.buyer,
    field: "customer_id",
    isList: false,
  },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
