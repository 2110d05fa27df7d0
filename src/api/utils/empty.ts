import { z } from "@medusajs/framework/zod"

/**
 * The query of a route that takes none, or the body of an action that
 * takes none: anything sent is a 400 naming the unknown key.
 */
export const Empty = z.strictObject({})
