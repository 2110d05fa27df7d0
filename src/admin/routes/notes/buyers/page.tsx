import { defineRouteConfig } from "@medusajs/admin-sdk"
import { BuyersList } from "../../../components/buyers/buyers-list"

const Page = () => <BuyersList />

export const config = defineRouteConfig({
  label: "buyers.nav",
  translationNs: "shoppable",
  rank: 4,
})

export default Page
