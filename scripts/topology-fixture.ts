/**
 * The topology drill's store (`medusa exec ./scripts/topology-fixture.ts`,
 * run by scripts/topology-drill.mjs): the HTTP suites' fixture
 * (`createStoreFixture`: an admin token, a sales channel with its key, a EUR
 * region with shipping and return options, a stock location, three
 * published products) and `TOPOLOGY_BUYERS` customer sessions (the drill's
 * buyers) and the suites' shipping address, written as JSON to
 * `TOPOLOGY_FIXTURE_OUT`.
 */
import fs from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import {
  SHOPPER_ADDRESS,
  createCustomerSession,
  createStoreFixture,
} from "../integration-tests/helpers/fixtures"

export default async function topologyFixture({ container }: ExecArgs) {
  const out = process.env.TOPOLOGY_FIXTURE_OUT
  if (!out) {
    throw new Error("TOPOLOGY_FIXTURE_OUT is required")
  }
  const f = await createStoreFixture(container)
  const buyers = []
  for (let i = 0; i < Number(process.env.TOPOLOGY_BUYERS ?? 3); i++) {
    buyers.push(
      await createCustomerSession(container, f, `buyer${i}@drill.test`)
    )
  }
  fs.writeFileSync(
    out,
    JSON.stringify({ ...f, buyers, address: SHOPPER_ADDRESS })
  )
}
