/**
 * The storefront client of medusa-plugin-shoppable-notes
 * (`medusa-plugin-shoppable-notes/client`): typed calls to the plugin's
 * store routes over `@medusajs/js-sdk`, and the referral helpers that carry
 * a buy link's click to the cart. Runs in the browser and on a server; it
 * imports nothing of Medusa's server (a unit test bundles it to check).
 */
export * from "./client"
export * from "./referral"
export type * from "./types"
