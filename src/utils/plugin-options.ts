import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

/**
 * Validates the plugin's options for one module. Medusa passes the plugin's
 * options to every module of the plugin, so each schema ignores the keys of
 * the others. A bad value stops the server with a message naming it.
 */
export function parsePluginOptions<S extends z.ZodTypeAny>(
  schema: S,
  raw: unknown
): z.infer<S> {
  const parsed = schema.safeParse(raw ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `Invalid option '${issue.path.join(".")}' of the shoppable notes plugin: ${issue.message}`
    )
  }
  return parsed.data
}
