import { SettlementDetail } from "../../../../components/settlements/settlement-detail"

const Page = () => <SettlementDetail />

export default Page
