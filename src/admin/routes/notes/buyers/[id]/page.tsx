import { BuyerDetail } from "../../../../components/buyers/buyer-detail"

const Page = () => <BuyerDetail />

export default Page
