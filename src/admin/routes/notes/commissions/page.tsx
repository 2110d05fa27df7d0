import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CommissionsPage } from "../../../components/commissions/commissions-page"

const Page = () => <CommissionsPage />

export const config = defineRouteConfig({
  label: "commissions.nav",
  translationNs: "shoppable",
  rank: 5,
})

export default Page
