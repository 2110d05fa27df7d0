import { z } from "@medusajs/framework/zod"
import { parsePluginOptions } from "../../../utils/plugin-options"

const TrendingWeight = z.number().finite().min(0).max(1000)

/**
 * The plugin's options as the notes module reads them. Medusa passes the
 * plugin's options to every module of the plugin, so unknown keys belong to
 * the other modules and are ignored here.
 */
export const NotesModuleOptionsSchema = z.object({
  /**
   * Public origin of this Medusa server, used to make absolute buy links
   * (`{buy_link_base_url}/r/{code}`). Without it, `buy_url` is the path only.
   */
  buy_link_base_url: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), "must be an http(s) URL")
    .optional(),
  /** Exact counts of search results up to this many (see utils/search-sql.ts). */
  search_count_cap: z.number().int().min(100).max(1_000_000).default(2000),
  /** Relevance is ranked within blocks of this many newest matches. */
  search_rank_block: z.number().int().min(20).max(100_000).default(200),
  /**
   * New comments per customer: at most `max` within `window_seconds`
   * (counted from the comments table under a per-customer lock, so exact
   * across processes; see docs/configuration.md).
   */
  comment_rate_limit: z
    .strictObject({
      max: z.number().int().min(1).max(10_000).default(5),
      window_seconds: z
        .number()
        .int()
        .min(1)
        .max(7 * 24 * 3600)
        .default(60),
    })
    .default({ max: 5, window_seconds: 60 }),
  /**
   * The trending order (`GET /store/notes?sort=trending`, docs/api.md):
   * each engagement's weight, and tau, the seconds of freshness worth ten
   * times the engagement. Changing them rescores every note once.
   */
  trending: z
    .strictObject({
      like_weight: TrendingWeight.default(1),
      save_weight: TrendingWeight.default(2),
      comment_weight: TrendingWeight.default(3),
      click_weight: TrendingWeight.default(0.5),
      order_weight: TrendingWeight.default(5),
      tau_seconds: z
        .number()
        .int()
        .min(3600)
        .max(365 * 24 * 3600)
        .default(86_400),
    })
    .prefault({}),
})

export type NotesModuleOptions = z.infer<typeof NotesModuleOptionsSchema>

export function parseNotesOptions(raw: unknown): NotesModuleOptions {
  return parsePluginOptions(NotesModuleOptionsSchema, raw)
}

export function buyUrl(
  options: Pick<NotesModuleOptions, "buy_link_base_url">,
  code: string
): string {
  const base = (options.buy_link_base_url ?? "").replace(/\/+$/, "")
  return `${base}/r/${code}`
}
