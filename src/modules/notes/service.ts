import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import Note from "./models/note"
import NoteProduct from "./models/note-product"
import { mintBuyLinkCode } from "./utils/buy-link-code"
import { NotesModuleOptions, buyUrl, parseNotesOptions } from "./utils/options"
import { parseSearch } from "./utils/search-query"
import { normalizeTags } from "./utils/sanitize"
import type { NoteProductInput, NoteStatus } from "../../types"

export type { NoteProductInput }

/** A note_product row as it was before a write, so a compensation can put it back. */
export type NoteProductSnapshot = {
  id: string
  note_id: string
  product_id: string
  variant_id: string | null
  position: number
  image_index: number | null
  x: number | null
  y: number | null
  caption: string | null
  code: string
}

export type SetNoteProductsResult = {
  note_id: string
  created_ids: string[]
  updated: NoteProductSnapshot[]
  removed_ids: string[]
}

export type SearchNotesParams = {
  q?: string
  /** Defaults to `["published"]`: what the store may see. */
  statuses?: NoteStatus[]
  tag?: string
  product_id?: string
  buyer_id?: string
  locale?: string
  /**
   * Order without `q` (with `q`, best match first): newest published first
   * (store) or newest created first (admin).
   */
  order?: "published" | "created"
  limit: number
  offset: number
}

type SearchRow = { id: string; total: string | number }

const SNAPSHOT_FIELDS = [
  "id",
  "note_id",
  "product_id",
  "variant_id",
  "position",
  "image_index",
  "x",
  "y",
  "caption",
  "code",
] as const

class NotesModuleService extends MedusaService({ Note, NoteProduct }) {
  protected readonly options_: NotesModuleOptions

  constructor(container: Record<string, unknown>, options?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseNotesOptions(options)
  }

  getOptions(): NotesModuleOptions {
    return this.options_
  }

  buyUrl(code: string): string {
    return buyUrl(this.options_, code)
  }

  /**
   * Makes the note's tagged products exactly `items` (in that order unless
   * positions are given). Products that stay keep their row and so their
   * buy-link code; new ones get a fresh code; the others are soft-deleted.
   * Returns what changed so a workflow compensation can undo it.
   */
  @InjectTransactionManager()
  async setNoteProducts(
    noteId: string,
    items: NoteProductInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SetNoteProductsResult> {
    const existing = await this.listNoteProducts(
      { note_id: noteId },
      { select: [...SNAPSHOT_FIELDS] },
      sharedContext
    )
    const byProduct = new Map(existing.map((p) => [p.product_id, p]))
    const wanted = new Set(items.map((i) => i.product_id))
    if (wanted.size !== items.length) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "products: a product can be tagged only once per note"
      )
    }

    const removed = existing.filter((p) => !wanted.has(p.product_id))
    if (removed.length) {
      await this.softDeleteNoteProducts(
        removed.map((p) => p.id),
        {},
        sharedContext
      )
    }

    const toCreate: Record<string, unknown>[] = []
    const toUpdate: Record<string, unknown>[] = []
    items.forEach((item, index) => {
      const fields = {
        variant_id: item.variant_id ?? null,
        position: item.position ?? index,
        image_index: item.image_index ?? null,
        x: item.x ?? null,
        y: item.y ?? null,
        caption: item.caption ?? null,
      }
      const current = byProduct.get(item.product_id)
      if (current) {
        toUpdate.push({ id: current.id, ...fields })
      } else {
        toCreate.push({
          note_id: noteId,
          product_id: item.product_id,
          code: mintBuyLinkCode(),
          ...fields,
        })
      }
    })

    const created = toCreate.length
      ? await this.createNoteProducts(toCreate as never, sharedContext)
      : []
    if (toUpdate.length) {
      await this.updateNoteProducts(toUpdate as never, sharedContext)
    }

    return {
      note_id: noteId,
      created_ids: (created as { id: string }[]).map((p) => p.id),
      updated: existing
        .filter((p) => wanted.has(p.product_id))
        .map((p) => toSnapshot(p)),
      removed_ids: removed.map((p) => p.id),
    }
  }

  /** Undoes `setNoteProducts` from its result. */
  @InjectTransactionManager()
  async revertNoteProducts(
    change: SetNoteProductsResult,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (change.created_ids.length) {
      await this.deleteNoteProducts(change.created_ids, sharedContext)
    }
    if (change.removed_ids.length) {
      await this.restoreNoteProducts(change.removed_ids, {}, sharedContext)
    }
    if (change.updated.length) {
      await this.updateNoteProducts(
        change.updated.map(
          ({ note_id: _n, code: _c, product_id: _p, ...rest }) => rest
        ) as never,
        sharedContext
      )
    }
  }

  /**
   * Notes matching the filters (published ones unless `statuses` says
   * otherwise), best match first (or newest first
   * without `q`). Raw SQL because ranking runs over the generated
   * `search_vector` column, which the ORM does not know about (see the
   * search migration). Returns ids in order and the total count.
   */
  @InjectManager()
  async searchNotes(
    params: SearchNotesParams,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ ids: string[]; count: number }> {
    const manager = sharedContext.manager as SqlEntityManager
    const { sql, bindings } = buildSearchSql(params)
    const rows = (await manager.execute(sql, bindings)) as SearchRow[]
    let count = rows.length ? Number(rows[0].total) : 0
    if (!rows.length && params.offset > 0) {
      // The window count is only known when the page has rows.
      const counted = buildSearchSql({ ...params, limit: 1, offset: 0 })
      const first = (await manager.execute(
        counted.sql,
        counted.bindings
      )) as SearchRow[]
      count = first.length ? Number(first[0].total) : 0
    }
    return { ids: rows.map((r) => r.id), count }
  }
}

function toSnapshot(p: Record<string, unknown>): NoteProductSnapshot {
  const out: Record<string, unknown> = {}
  for (const key of SNAPSHOT_FIELDS) {
    out[key] = p[key] ?? null
  }
  return out as NoteProductSnapshot
}

/**
 * Builds the search statement. Every user value is a binding; the text
 * search functions parse it (they never fail on odd input).
 */
export function buildSearchSql(params: SearchNotesParams): {
  sql: string
  bindings: unknown[]
} {
  const where: string[] = [`n.deleted_at IS NULL`]
  const bindings: unknown[] = []
  const queryParts: string[] = []

  if (params.q) {
    const parsed = parseSearch(params.q)
    if (parsed.latin) {
      queryParts.push(`websearch_to_tsquery('english', ?)`)
      bindings.push(parsed.latin)
    }
    for (const run of parsed.cjk) {
      queryParts.push(`phraseto_tsquery('simple', ?)`)
      bindings.push(run)
    }
  }
  const hasQuery = queryParts.length > 0
  const tsquery = hasQuery ? `(${queryParts.join(" && ")})` : null

  const filterBindings: unknown[] = []
  const statuses = params.statuses ?? ["published"]
  // One placeholder per value: bindings are interpolated by knex, which
  // would expand an array binding into a list anyway.
  where.push(`n.status IN (${statuses.map(() => "?").join(", ")})`)
  filterBindings.push(...statuses)
  if (params.tag) {
    const [tag] = normalizeTags([params.tag])
    where.push(`n.tags @> ARRAY[?]::text[]`)
    filterBindings.push(tag ?? "")
  }
  if (params.buyer_id) {
    where.push(`n.buyer_id = ?`)
    filterBindings.push(params.buyer_id)
  }
  if (params.locale) {
    where.push(`n.locale = ?`)
    filterBindings.push(params.locale)
  }
  if (params.product_id) {
    where.push(
      `EXISTS (SELECT 1 FROM note_product np WHERE np.note_id = n.id AND np.product_id = ? AND np.deleted_at IS NULL)`
    )
    filterBindings.push(params.product_id)
  }

  let sql: string
  if (tsquery) {
    // The tsquery is computed once in a CTE and joined, so the planner sees
    // a single query value and can use the GIN index on search_vector.
    sql = `WITH q AS (SELECT ${tsquery} AS query)
SELECT n.id, count(*) OVER () AS total
FROM note n, q
WHERE ${where.join(" AND ")} AND n.search_vector @@ q.query
ORDER BY ts_rank_cd(n.search_vector, q.query) DESC, n.published_at DESC NULLS LAST, n.id
LIMIT ? OFFSET ?`
    return {
      sql,
      bindings: [...bindings, ...filterBindings, params.limit, params.offset],
    }
  }
  sql = `SELECT n.id, count(*) OVER () AS total
FROM note n
WHERE ${where.join(" AND ")}
ORDER BY ${params.order === "created" ? "n.created_at" : "n.published_at"} DESC NULLS LAST, n.id
LIMIT ? OFFSET ?`
  return { sql, bindings: [...filterBindings, params.limit, params.offset] }
}

export default NotesModuleService
