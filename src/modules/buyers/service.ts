import { MedusaService } from "@medusajs/framework/utils"
import Buyer from "./models/buyer"

class BuyersModuleService extends MedusaService({ Buyer }) {}

export default BuyersModuleService
