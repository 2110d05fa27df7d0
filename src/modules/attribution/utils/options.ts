import { MedusaError } from "@medusajs/framework/utils"
import { parsePluginOptions } from "../../../utils/plugin-options"
import { AttributionOptions, AttributionOptionsSchema } from "./options-schema"
import { ipHashKeyOf } from "./options-schema"

export { AttributionOptionsSchema, ipHashKeyOf } from "./options-schema"
export type { AttributionOptions } from "./options-schema"

export function parseAttributionOptions(raw: unknown): AttributionOptions {
  return parsePluginOptions(AttributionOptionsSchema, raw)
}

/**
 * The key of the IP hash (`ipHashKeyOf`); in production without a key
 * long enough the server refuses to start.
 */
export function resolveIpHashKey(
  options: Pick<AttributionOptions, "ip_hash_secret">,
  env: Record<string, string | undefined>
): { key: string; warning: string | null } {
  const key = ipHashKeyOf(options, env)
  if ("error" in key) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid option 'ip_hash_secret' of the shoppable notes plugin: ${key.error}`
    )
  }
  return key
}
