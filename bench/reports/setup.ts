import type { ExecArgs } from "@medusajs/framework/types"
import {
  ApiKeyType,
  ContainerRegistrationKeys,
  Modules,
  generateJwtToken,
} from "@medusajs/framework/utils"
import { writeFileSync } from "node:fs"
import { COMMISSION_MODULE } from "../../src/modules/commission"
import type CommissionModuleService from "../../src/modules/commission/service"

/**
 * What the reports benchmark's HTTP load needs, as the HTTP tests make it
 * (integration-tests/helpers/fixtures.ts): an admin user with a bearer
 * token, a publishable key, and for each buyer of BENCH_BUYER_IDS (comma
 * separated) a customer account with an auth identity and a bearer token,
 * the buyer moved onto that customer. Also the default 10 % commission rule
 * the ledger phase accrues with. Idempotent. Writes
 * `{ admin_token, publishable_key, buyers: [{ buyer_id, token }] }` to
 * BENCH_SETUP_OUT.
 */
export default async function setupReportsBench({ container }: ExecArgs) {
  const secret = process.env.JWT_SECRET || "supersecret"
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const users = container.resolve(Modules.USER)
  const auth = container.resolve(Modules.AUTH)
  const customers = container.resolve(Modules.CUSTOMER)
  const apiKeys = container.resolve(Modules.API_KEY)
  const commission =
    container.resolve<CommissionModuleService>(COMMISSION_MODULE)

  const email = "admin@reports.bench"
  let [user] = await users.listUsers({ email })
  if (!user) {
    user = await users.createUsers({ email })
  }
  const identityOf = async (
    entityId: string,
    appMetadata: Record<string, string>
  ) => {
    const [existing] = await auth.listAuthIdentities({
      provider_identities: { entity_id: entityId, provider: "emailpass" },
    })
    return (
      existing ??
      (await auth.createAuthIdentities({
        provider_identities: [{ provider: "emailpass", entity_id: entityId }],
        app_metadata: appMetadata,
      }))
    )
  }
  const adminIdentity = await identityOf(email, { user_id: user.id })
  const adminToken = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: adminIdentity.id,
      app_metadata: { user_id: user.id },
    },
    { secret, expiresIn: "1d" }
  )

  let [key] = await apiKeys.listApiKeys({
    title: "reports bench",
    type: ApiKeyType.PUBLISHABLE,
  })
  if (!key) {
    key = await apiKeys.createApiKeys({
      title: "reports bench",
      type: ApiKeyType.PUBLISHABLE,
      created_by: user.id,
    })
  }

  const buyers: { buyer_id: string; token: string }[] = []
  for (const buyerId of (process.env.BENCH_BUYER_IDS ?? "")
    .split(",")
    .filter(Boolean)) {
    const customerEmail = `${buyerId}@reports.bench`
    let [customer] = await customers.listCustomers({ email: customerEmail })
    if (!customer) {
      customer = await customers.createCustomers({
        email: customerEmail,
        has_account: true,
      })
    }
    await pg.raw(`UPDATE buyer SET customer_id = ? WHERE id = ?`, [
      customer.id,
      buyerId,
    ])
    const identity = await identityOf(customerEmail, {
      customer_id: customer.id,
    })
    buyers.push({
      buyer_id: buyerId,
      token: generateJwtToken(
        {
          actor_id: customer.id,
          actor_type: "customer",
          auth_identity_id: identity.id,
          app_metadata: { customer_id: customer.id },
        },
        { secret, expiresIn: "1d" }
      ),
    })
  }

  if (!(await commission.listCommissionRules({ scope: "default" })).length) {
    await commission.createCommissionRules({
      scope: "default",
      type: "percentage",
      rate: "10",
    } as never)
  }

  writeFileSync(
    process.env.BENCH_SETUP_OUT ?? "/tmp/reports-setup.json",
    JSON.stringify({
      admin_token: adminToken,
      publishable_key: key.token,
      buyers,
    })
  )
}
