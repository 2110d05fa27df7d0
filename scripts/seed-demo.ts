/**
 * Seeds the demo store. Idempotent: every record is looked up by a natural
 * key (name, handle, email, title) first, so running it again adds nothing.
 * Run by `npm run demo` through `medusa exec`; writes what the demo prints
 * (publishable key, region, a note) to `.demo-data/demo.json`.
 */
import fs from "node:fs"
import path from "node:path"
import type { ExecArgs } from "@medusajs/framework/types"
import {
  ContainerRegistrationKeys,
  MedusaError,
  Modules,
  ProductStatus,
} from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createCustomersWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createUsersWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { NOTES_MODULE } from "../src/modules/notes"
import type NotesModuleService from "../src/modules/notes/service"
import type { CreateNoteInput } from "../src/types"
import { BUYERS_MODULE } from "../src/modules/buyers"
import type BuyersModuleService from "../src/modules/buyers/service"
import {
  applyBuyerWorkflow,
  approveBuyerWorkflow,
  createNotesWorkflow,
} from "../src/workflows"
import { DEMO_BUYERS, DEMO_NOTES, DEMO_PRODUCTS } from "./demo-content"

const IMG = "https://medusa-public-images.s3.eu-west-1.amazonaws.com"

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const link = container.resolve(ContainerRegistrationKeys.LINK)

  // Sales channel.
  const salesChannelModule = container.resolve(Modules.SALES_CHANNEL)
  let [channel] = await salesChannelModule.listSalesChannels({
    name: "Notes Demo Store",
  })
  if (!channel) {
    const { result } = await createSalesChannelsWorkflow(container).run({
      input: { salesChannelsData: [{ name: "Notes Demo Store" }] },
    })
    channel = result[0]
    logger.info("demo: sales channel created")
  }

  // Store currencies and default channel.
  const storeModule = container.resolve(Modules.STORE)
  const [store] = await storeModule.listStores()
  if (store && store.default_sales_channel_id !== channel.id) {
    await updateStoresWorkflow(container).run({
      input: {
        selector: { id: store.id },
        update: {
          default_sales_channel_id: channel.id,
          supported_currencies: [
            { currency_code: "eur", is_default: true },
            { currency_code: "cny" },
            { currency_code: "usd" },
          ],
        },
      },
    })
  }

  // Regions.
  const regionModule = container.resolve(Modules.REGION)
  const regionsWanted = [
    {
      name: "Europe",
      currency_code: "eur",
      countries: ["de", "fr", "it", "es", "nl"],
    },
    { name: "China", currency_code: "cny", countries: ["cn"] },
  ]
  const regions: Record<string, string> = {}
  for (const r of regionsWanted) {
    const [existing] = await regionModule.listRegions({ name: r.name })
    if (existing) {
      regions[r.currency_code] = existing.id
      continue
    }
    const { result } = await createRegionsWorkflow(container).run({
      input: { regions: [{ ...r, payment_providers: ["pp_system_default"] }] },
    })
    regions[r.currency_code] = result[0].id
    logger.info(`demo: region ${r.name} created`)
  }

  // Stock location, fulfillment set and a shipping option.
  const stockModule = container.resolve(Modules.STOCK_LOCATION)
  let [location] = await stockModule.listStockLocations({
    name: "Demo Warehouse",
  })
  if (!location) {
    const { result } = await createStockLocationsWorkflow(container).run({
      input: {
        locations: [
          {
            name: "Demo Warehouse",
            address: {
              city: "Berlin",
              country_code: "DE",
              address_1: "Demo Str. 1",
            },
          },
        ],
      },
    })
    location = result[0]
    await linkSalesChannelsToStockLocationWorkflow(container).run({
      input: { id: location.id, add: [channel.id] },
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
    })
    const fulfillment = container.resolve(Modules.FULFILLMENT)
    const { result: profiles } = await createShippingProfilesWorkflow(
      container
    ).run({
      input: { data: [{ name: "Demo", type: "default" }] },
    })
    const set = await fulfillment.createFulfillmentSets({
      name: "Demo delivery",
      type: "shipping",
      service_zones: [
        {
          name: "Demo zones",
          geo_zones: [...regionsWanted.flatMap((r) => r.countries)].map(
            (country_code) => ({
              type: "country" as const,
              country_code,
            })
          ),
        },
      ],
    })
    await link.create({
      [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
      [Modules.FULFILLMENT]: { fulfillment_set_id: set.id },
    })
    await createShippingOptionsWorkflow(container).run({
      input: [
        {
          name: "Standard shipping",
          price_type: "flat",
          provider_id: "manual_manual",
          service_zone_id: set.service_zones[0].id,
          shipping_profile_id: profiles[0].id,
          type: {
            label: "Standard",
            description: "2-3 days",
            code: "standard",
          },
          prices: [
            { currency_code: "eur", amount: 5 },
            { currency_code: "cny", amount: 30 },
          ],
          rules: [
            { attribute: "enabled_in_store", value: "true", operator: "eq" },
            { attribute: "is_return", value: "false", operator: "eq" },
          ],
        },
      ],
    })
    logger.info("demo: stock location, fulfillment and shipping option created")
  }

  // Publishable key.
  const apiKeyModule = container.resolve(Modules.API_KEY)
  let [key] = await apiKeyModule.listApiKeys({ title: "Notes demo storefront" })
  if (!key) {
    const { result } = await createApiKeysWorkflow(container).run({
      input: {
        api_keys: [
          {
            title: "Notes demo storefront",
            type: "publishable",
            created_by: "demo",
          },
        ],
      },
    })
    key = result[0]
    await linkSalesChannelsToApiKeyWorkflow(container).run({
      input: { id: key.id, add: [channel.id] },
    })
    logger.info("demo: publishable key created")
  }

  // Products.
  const { data: existingProducts } = await query.graph({
    entity: "product",
    fields: ["id", "handle"],
    filters: { handle: DEMO_PRODUCTS.map((p) => p.handle) },
  })
  const productIds: Record<string, string> = Object.fromEntries(
    (existingProducts as { id: string; handle: string }[]).map((p) => [
      p.handle,
      p.id,
    ])
  )
  const missing = DEMO_PRODUCTS.filter((p) => !productIds[p.handle])
  if (missing.length) {
    const { result } = await createProductsWorkflow(container).run({
      input: {
        products: missing.map((p) => ({
          title: p.title,
          handle: p.handle,
          description: p.description,
          status: ProductStatus.PUBLISHED,
          thumbnail: `${IMG}/${p.image}`,
          images: [{ url: `${IMG}/${p.image}` }],
          options: [
            { title: p.option, values: p.variants.map((v) => v.value) },
          ],
          sales_channels: [{ id: channel.id }],
          variants: p.variants.map((v) => ({
            title: v.value,
            sku: `${p.handle}-${v.value}`
              .toUpperCase()
              .replace(/[^A-Z0-9]+/g, "-"),
            options: { [p.option]: v.value },
            manage_inventory: false,
            prices: [
              { currency_code: "eur", amount: v.eur },
              { currency_code: "cny", amount: v.cny },
              { currency_code: "usd", amount: Math.round(v.eur * 1.1) },
            ],
          })),
        })),
      },
    })
    for (const p of result) {
      productIds[p.handle] = p.id
    }
    logger.info(`demo: ${result.length} products created`)
  }

  // Buyers: a customer account each, with an approved buyer profile and
  // a storefront login.
  const buyerPassword = process.env.DEMO_BUYER_PASSWORD ?? "supersecret"
  const customerModule = container.resolve(Modules.CUSTOMER)
  const buyersService = container.resolve<BuyersModuleService>(BUYERS_MODULE)
  const buyerIds: Record<string, string> = {}
  for (const b of DEMO_BUYERS) {
    let [customer] = await customerModule.listCustomers({ email: b.email })
    if (!customer) {
      const { result } = await createCustomersWorkflow(container).run({
        input: {
          customersData: [
            {
              email: b.email,
              first_name: b.first_name,
              last_name: b.last_name,
              has_account: true,
            },
          ],
        },
      })
      customer = result[0]
    }
    let [buyer] = await buyersService.listBuyers({ customer_id: customer.id })
    if (!buyer) {
      const { result } = await applyBuyerWorkflow(container).run({
        input: {
          customer_id: customer.id,
          handle: b.key,
          display_name: `${b.first_name} ${b.last_name}`,
          bio: b.bio,
        },
      })
      buyer = result
    }
    if (buyer.status !== "approved") {
      await approveBuyerWorkflow(container).run({ input: { id: buyer.id } })
    }
    buyerIds[b.key] = buyer.id
    // A password, so that the buyer can log in to the storefront's
    // buyer center (the customer's own emailpass login).
    if (
      await ensureEmailpassLogin(container, b.email, buyerPassword, {
        customer_id: customer.id,
      })
    ) {
      logger.info(`demo: buyer login ${b.email} created`)
    }
  }

  // Notes.
  const notesService = container.resolve<NotesModuleService>(NOTES_MODULE)
  const existingNotes = await notesService.listNotes(
    { title: DEMO_NOTES.map((n) => n.title) },
    { select: ["id", "title"] }
  )
  const haveTitles = new Set(existingNotes.map((n) => n.title))
  const newNotes: CreateNoteInput[] = DEMO_NOTES.filter(
    (n) => !haveTitles.has(n.title)
  ).map((n) => ({
    title: n.title,
    body: n.body,
    tags: n.tags,
    locale: n.locale,
    status: "published",
    images: n.images.map((img) => ({ url: `${IMG}/${img}`, alt: n.title })),
    buyer_id: n.author ? buyerIds[n.author] : null,
    products: n.products.map((handle, i) => ({
      product_id: productIds[handle],
      caption: i === 0 ? (n.caption ?? null) : null,
      ...(i === 0 ? { image_index: 0, x: 0.42, y: 0.58 } : {}),
    })),
  }))
  if (newNotes.length) {
    await createNotesWorkflow(container).run({ input: { notes: newNotes } })
    logger.info(`demo: ${newNotes.length} notes created`)
  }

  // Admin user.
  const email = process.env.DEMO_ADMIN_EMAIL ?? "admin@medusa-test.com"
  const password = process.env.DEMO_ADMIN_PASSWORD ?? "supersecret"
  const userModule = container.resolve(Modules.USER)
  const [user] = await userModule.listUsers({ email })
  if (!user) {
    const { result: users } = await createUsersWorkflow(container).run({
      input: { users: [{ email }] },
    })
    await ensureEmailpassLogin(container, email, password, {
      user_id: users[0].id,
    })
    logger.info(`demo: admin user ${email} created`)
  }

  const [firstNote] = await notesService.listNotes(
    { title: DEMO_NOTES[0].title },
    { select: ["id"] }
  )
  const [firstLink] = firstNote
    ? await notesService.listNoteProducts(
        { note_id: firstNote.id },
        { select: ["code"], order: { position: "ASC" }, take: 1 }
      )
    : []
  const out = {
    publishable_key: key.token,
    region_id: regions.eur,
    regions,
    note_id: firstNote?.id ?? null,
    buy_link_code: firstLink?.code ?? null,
    admin_email: email,
    buyer_email: DEMO_BUYERS[0].email,
  }
  const dir = path.resolve(process.cwd(), ".demo-data")
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, "demo.json"), JSON.stringify(out, null, 2))
  logger.info("demo: seed complete")
}

/**
 * An emailpass login for `email` (an admin user's or a customer's, as
 * `appMetadata` says), unless one exists: a run again changes nothing,
 * not even a password changed since. True when it was created.
 */
async function ensureEmailpassLogin(
  container: ExecArgs["container"],
  email: string,
  password: string,
  appMetadata: { user_id: string } | { customer_id: string }
): Promise<boolean> {
  const auth = container.resolve(Modules.AUTH)
  const [existing] = await auth.listProviderIdentities({
    entity_id: email,
    provider: "emailpass",
  })
  if (existing) {
    return false
  }
  const { authIdentity, error } = await auth.register("emailpass", {
    body: { email, password },
  } as never)
  if (error || !authIdentity) {
    throw new MedusaError(
      MedusaError.Types.UNEXPECTED_STATE,
      `demo: could not create the login of ${email}: ${error}`
    )
  }
  await auth.updateAuthIdentities({
    id: authIdentity.id,
    app_metadata: appMetadata,
  })
  return true
}
