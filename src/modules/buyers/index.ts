import { Module } from "@medusajs/framework/utils"
import BuyersModuleService from "./service"

export const BUYERS_MODULE = "buyers"

export default Module(BUYERS_MODULE, {
  service: BuyersModuleService,
})
