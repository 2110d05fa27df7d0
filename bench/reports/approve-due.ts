import type { ExecArgs } from "@medusajs/framework/types"
import approveCommissions from "../../src/jobs/approve-commissions"

/**
 * One run of the plugin's approval job (`src/jobs/approve-commissions.ts`,
 * every 15 minutes in a server), now: the reports benchmark runs it between
 * its two rounds of checks, so the second one compares the reports with the
 * raw tables after pending entries whose hold ended moved to approved.
 */
export default async function approveDue({ container }: ExecArgs) {
  await approveCommissions(container)
}
