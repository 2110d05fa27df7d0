import { defineRouteConfig } from "@medusajs/admin-sdk"
import { SettlementsPage } from "../../../components/settlements/settlements-page"

const Page = () => <SettlementsPage />

export const config = defineRouteConfig({
  label: "settlements.nav",
  translationNs: "shoppable",
  rank: 6,
})

export default Page
