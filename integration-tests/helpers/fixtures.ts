import type {
  IEventBusModuleService,
  MedusaContainer,
} from "@medusajs/framework/types"
import {
  ApiKeyType,
  ContainerRegistrationKeys,
  Modules,
  ProductStatus,
  generateJwtToken,
} from "@medusajs/framework/utils"
import {
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import { ATTRIBUTION_MODULE } from "../../src/modules/attribution"
import type AttributionModuleService from "../../src/modules/attribution/service"

export type StoreFixture = {
  adminHeaders: { headers: Record<string, string> }
  storeHeaders: { headers: Record<string, string> }
  salesChannelId: string
  regionId: string
  shippingOptionId: string
  locationId: string
  returnOptionId: string
  products: {
    id: string
    title: string
    handle: string
    variants: { id: string; title: string }[]
  }[]
}

/**
 * An admin user with a JWT, a sales channel with a publishable key, a EUR
 * region, and three published products (two variants each, EUR and USD
 * prices) in that sales channel. The integration runner restores the
 * database before each test, so call this in `beforeEach`.
 */
export async function createStoreFixture(
  container: MedusaContainer
): Promise<StoreFixture> {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const email = "admin@notes.test"
  const user = await userModule.createUsers({ email })
  const identity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { user_id: user.id },
  })
  const token = generateJwtToken(
    {
      actor_id: user.id,
      actor_type: "user",
      auth_identity_id: identity.id,
      app_metadata: { user_id: user.id },
    },
    { secret: "supersecret", expiresIn: "1d" }
  )

  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Notes web" }] },
  })
  const apiKey = await container.resolve(Modules.API_KEY).createApiKeys({
    title: "notes storefront",
    type: ApiKeyType.PUBLISHABLE,
    created_by: user.id,
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({
    input: { id: apiKey.id, add: [channel.id] },
  })

  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "Europe",
          currency_code: "eur",
          countries: ["de", "fr"],
          payment_providers: ["pp_system_default"],
        },
      ],
    },
  })

  // Checkout: a stock location serving the channel, a fulfillment set with
  // a service zone for the region's countries, a shipping profile for the
  // products and a flat shipping option.
  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [
        {
          name: "Warehouse",
          address: { address_1: "x", city: "Berlin", country_code: "DE" },
        },
      ],
    },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [channel.id] },
  })
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  const fulfillmentSet = await container
    .resolve(Modules.FULFILLMENT)
    .createFulfillmentSets({
      name: "Shipping",
      type: "shipping",
      service_zones: [
        {
          name: "Europe",
          geo_zones: [
            { type: "country", country_code: "de" },
            { type: "country", country_code: "fr" },
          ],
        },
      ],
    })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const {
    result: [shippingOption, returnOption],
  } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "2 days", code: "standard" },
        prices: [{ currency_code: "eur", amount: 5 }],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
      {
        name: "Return",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Return", description: "drop-off", code: "return" },
        prices: [{ currency_code: "eur", amount: 0 }],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "true", operator: "eq" },
        ],
      },
    ],
  })

  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: ["Night Cream", "Sun Serum", "Lip Oil"].map((title, i) => ({
        title,
        handle: title.toLowerCase().replace(/\s+/g, "-"),
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: profile.id,
        thumbnail: `https://img.example/${i}.jpg`,
        options: [{ title: "Size", values: ["30ml", "50ml"] }],
        sales_channels: [{ id: channel.id }],
        variants: ["30ml", "50ml"].map((size, j) => ({
          title: size,
          options: { Size: size },
          manage_inventory: false,
          prices: [
            { currency_code: "eur", amount: 20 + i * 10 + j * 5 },
            { currency_code: "usd", amount: 22 + i * 10 + j * 5 },
          ],
        })),
      })),
    },
  })

  return {
    adminHeaders: { headers: { authorization: `Bearer ${token}` } },
    storeHeaders: { headers: { "x-publishable-api-key": apiKey.token } },
    salesChannelId: channel.id,
    regionId: region.id,
    shippingOptionId: shippingOption.id,
    locationId: location.id,
    returnOptionId: returnOption.id,
    products: products.map((p) => ({
      id: p.id,
      title: p.title,
      handle: p.handle,
      variants: (p.variants ?? []).map((v) => ({ id: v.id, title: v.title })),
    })),
  }
}

/** Runs a SQL statement against the test database (assertions only). */
export async function sql<T = Record<string, unknown>>(
  container: MedusaContainer,
  text: string,
  bindings: unknown[] = []
): Promise<T[]> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const res = await pg.raw(text, bindings as never)
  return res.rows as T[]
}

/** axios throws on >= 400; tests want the response either way. */
export async function settle<T>(
  p: Promise<T>
): Promise<{ status: number; data: any }> {
  try {
    const r = (await p) as unknown as { status: number; data: unknown }
    return { status: r.status, data: r.data }
  } catch (e) {
    const err = e as { response?: { status: number; data: unknown } }
    if (!err.response) {
      throw e
    }
    return { status: err.response.status, data: err.response.data }
  }
}

/** A customer's id and the request config of their store API calls. */
export type CustomerSession = {
  id: string
  headers: { headers: Record<string, string> }
}

/**
 * A registered customer with a bearer token for the store API (with the
 * fixture's publishable key).
 */
export async function createCustomerSession(
  container: MedusaContainer,
  f: StoreFixture,
  email: string
): Promise<CustomerSession> {
  const customer = await container
    .resolve(Modules.CUSTOMER)
    .createCustomers({ email, has_account: true })
  const identity = await container.resolve(Modules.AUTH).createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: email }],
    app_metadata: { customer_id: customer.id },
  })
  const token = generateJwtToken(
    {
      actor_id: customer.id,
      actor_type: "customer",
      auth_identity_id: identity.id,
      app_metadata: { customer_id: customer.id },
    },
    { secret: "supersecret", expiresIn: "1d" }
  )
  return {
    id: customer.id,
    headers: {
      headers: { ...f.storeHeaders.headers, authorization: `Bearer ${token}` },
    },
  }
}

type Api = {
  post: (
    url: string,
    body?: unknown,
    config?: unknown
  ) => Promise<{ data: any }>
  request: (config: Record<string, unknown>) => Promise<{
    headers: Record<string, string>
  }>
}

/** The shipping address of the orders `placeOrder` places (in the fixture's region). */
export const SHOPPER_ADDRESS = {
  first_name: "Ada",
  last_name: "Shopper",
  address_1: "Main St 1",
  city: "Berlin",
  postal_code: "10115",
  country_code: "de",
}

/**
 * Places an order through the store API as a shopper would: cart, address,
 * shipping method, payment session (system provider), complete. `click_id`
 * carries a buy link's click to the cart as a storefront does
 * (`POST /store/carts/{id}/referral`, with the order's headers); `before`
 * runs on the open cart for anything else.
 */
export async function placeOrder(
  api: Api,
  f: StoreFixture,
  opts: {
    headers?: { headers: Record<string, string> }
    items: { variant_id: string; quantity: number }[]
    click_id?: string
    before?: (cartId: string) => Promise<unknown>
    email?: string
  }
): Promise<{
  id: string
  items: { id: string; product_id: string; quantity: number }[]
}> {
  const headers = opts.headers ?? f.storeHeaders
  const {
    data: { cart },
  } = await api.post(
    "/store/carts",
    {
      region_id: f.regionId,
      sales_channel_id: f.salesChannelId,
      email: opts.email ?? "shopper@notes.test",
      items: opts.items,
      shipping_address: SHOPPER_ADDRESS,
    },
    headers
  )
  await api.post(
    `/store/carts/${cart.id}/shipping-methods`,
    { option_id: f.shippingOptionId },
    headers
  )
  if (opts.click_id) {
    await api.post(
      `/store/carts/${cart.id}/referral`,
      { click_id: opts.click_id },
      headers
    )
  }
  if (opts.before) {
    await opts.before(cart.id)
  }
  const {
    data: { payment_collection },
  } = await api.post(
    "/store/payment-collections",
    { cart_id: cart.id },
    headers
  )
  await api.post(
    `/store/payment-collections/${payment_collection.id}/payment-sessions`,
    { provider_id: "pp_system_default" },
    headers
  )
  const { data } = await api.post(
    `/store/carts/${cart.id}/complete`,
    {},
    headers
  )
  if (data.type !== "order") {
    throw new Error(
      `cart did not complete: ${JSON.stringify(data.error ?? data)}`
    )
  }
  return data.order
}

/**
 * A return of `items` through the admin API, received at once: request,
 * ship back, receive (Medusa emits `order.return_received`).
 */
export async function receiveReturn(
  api: Api,
  f: StoreFixture,
  orderId: string,
  items: { id: string; quantity: number }[]
): Promise<void> {
  const h = f.adminHeaders
  const {
    data: { return: ret },
  } = await api.post(
    "/admin/returns",
    { order_id: orderId, location_id: f.locationId },
    h
  )
  await api.post(`/admin/returns/${ret.id}/request-items`, { items }, h)
  await api.post(
    `/admin/returns/${ret.id}/shipping-method`,
    { shipping_option_id: f.returnOptionId },
    h
  )
  await api.post(`/admin/returns/${ret.id}/request`, {}, h)
  await api.post(`/admin/returns/${ret.id}/receive`, {}, h)
  await api.post(`/admin/returns/${ret.id}/receive-items`, { items }, h)
  await api.post(`/admin/returns/${ret.id}/receive/confirm`, {}, h)
}

/**
 * A customer who applied as buyer `handle` and was approved, through the
 * store and admin APIs.
 */
export async function createApprovedBuyer(
  api: Api,
  container: MedusaContainer,
  f: StoreFixture,
  email: string,
  handle: string
): Promise<{ session: CustomerSession; buyerId: string }> {
  const session = await createCustomerSession(container, f, email)
  const {
    data: { buyer },
  } = await api.post(
    "/store/buyers",
    { handle, display_name: handle.toUpperCase() },
    session.headers
  )
  await api.post(`/admin/buyers/${buyer.id}/approve`, {}, f.adminHeaders)
  return { session, buyerId: buyer.id }
}

/**
 * Every event of `names` the event bus delivers from now on, in order of
 * delivery (a subscriber per name, `spec-{name}`).
 */
export function collectEvents(
  container: MedusaContainer,
  names: string[]
): { name: string; data: Record<string, unknown> }[] {
  const bus = container.resolve<IEventBusModuleService>(Modules.EVENT_BUS)
  const seen: { name: string; data: Record<string, unknown> }[] = []
  for (const name of names) {
    bus.subscribe(
      name,
      (async (event: { data: Record<string, unknown> }) => {
        seen.push({ name, data: event.data })
      }) as never,
      { subscriberId: `spec-${name}` }
    )
  }
  return seen
}

/**
 * The ledger specs' two approved buyers, lin and maya (`lin@<domain>`,
 * `maya@<domain>`): lin earns, maya is the other buyer whose rows must not
 * show up in lin's answers.
 */
export async function createLinAndMaya(
  api: Api,
  container: MedusaContainer,
  f: StoreFixture,
  domain: string
) {
  const lin = await createApprovedBuyer(
    api,
    container,
    f,
    `lin@${domain}`,
    "lin"
  )
  const maya = await createApprovedBuyer(
    api,
    container,
    f,
    `maya@${domain}`,
    "maya"
  )
  return {
    lin: lin.session,
    linId: lin.buyerId,
    maya: maya.session,
    mayaId: maya.buyerId,
  }
}

/**
 * A published note by the buyer signed in as `session`, tagging `productIds`
 * in order (`POST /store/buyers/me/notes`; `extra` fields override), its id
 * and buy-link codes.
 */
export async function publishBuyerNote(
  api: Api,
  session: { headers: { headers: Record<string, string> } },
  title: string,
  productIds: string[],
  extra: Record<string, unknown> = {}
): Promise<{ id: string; codes: string[] }> {
  const { note } = (
    await api.post(
      "/store/buyers/me/notes",
      {
        title,
        body: "b",
        status: "published",
        products: productIds.map((product_id) => ({ product_id })),
        ...extra,
      },
      session.headers
    )
  ).data
  return {
    id: note.id,
    codes: note.products.map((p: { code: string }) => p.code),
  }
}

/** A desktop browser's user agent: clicks with it are counted, not dropped as bots. */
export const BROWSER =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

/**
 * Follows a buy link as a browser would and returns the click id the
 * redirect hands the storefront (`ref`), once the click is written.
 */
export async function followBuyLink(
  api: Api,
  container: MedusaContainer,
  code: string,
  cookie?: string
): Promise<string> {
  const res = await api.request({
    url: `/r/${code}`,
    maxRedirects: 0,
    validateStatus: () => true,
    headers: { "user-agent": BROWSER, ...(cookie ? { cookie } : {}) },
  })
  await container
    .resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
    .flushClicks()
  return new URL(res.headers.location).searchParams.get("ref")!
}
