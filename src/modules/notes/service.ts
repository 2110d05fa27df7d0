import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import Note from "./models/note"
import NoteProduct from "./models/note-product"
import NoteReaction from "./models/note-reaction"
import NoteComment from "./models/note-comment"
import NoteView from "./models/note-view"
import { mintBuyLinkCode } from "./utils/buy-link-code"
import { renderNoteHtml, sanitizeMarkdown } from "./utils/markdown"
import { NotesModuleOptions, buyUrl, parseNotesOptions } from "./utils/options"
import {
  SearchNotesParams,
  buildSearchStatements,
  chooseSearchPlan,
} from "./utils/search-sql"
import * as comments from "./utils/comments"
import type { NoteDTO, NoteProductDTO, NoteProductInput } from "../../types"
import { sqlPage } from "../../utils/sql-page"
import type { RollupQuery, ViewRollupRow } from "../../types/reports"
import * as views from "./rollup/read"
import { VIEW_ROLLUPS_V2_REBUILD_SQL } from "./rollup/view-sql"

export type { NoteProductInput, SearchNotesParams }

/** A note_product row as it was before a write, so a compensation can put it back. */
export type NoteProductSnapshot = NoteProductDTO

export type SetNoteProductsResult = {
  note_id: string
  created_ids: string[]
  updated: NoteProductSnapshot[]
  removed_ids: string[]
}

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

export type NoteReactionKind = "like" | "save"

export type SetReactionInput = {
  note_id: string
  customer_id: string
  kind: NoteReactionKind
  /** True to like/save, false to undo. */
  on: boolean
  /**
   * Refuse (404) a note the store does not show. Off only for a
   * compensation, which must undo its change whatever the note became.
   */
  public_only: boolean
}

export type SetReactionResult = {
  note_id: string
  customer_id: string
  kind: NoteReactionKind
  on: boolean
  /** False when the customer already had (or had not) the reaction. */
  changed: boolean
  /** The note's likes_count or saves_count after the change. */
  count: number
}

const COUNT_COLUMN: Record<NoteReactionKind, string> = {
  like: "likes_count",
  save: "saves_count",
}

class NotesModuleService extends MedusaService({
  Note,
  NoteProduct,
  NoteReaction,
  NoteComment,
  NoteView,
}) {
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

  /**
   * Likes or saves a note for a customer (`on`), or undoes it. Idempotent:
   * a repeat changes nothing and says so (`changed: false`).
   *
   * One statement, outside any transaction of its own (autocommit), so the
   * note's row lock is held only while PostgreSQL runs it and commits, with
   * no round trip to the server in between: the note row is locked first
   * (`FOR NO KEY UPDATE`, the lock the counter update takes anyway), so
   * every reaction to one note queues there; the visibility check reads the
   * locked, latest row, so a note hidden meanwhile cannot be liked after
   * its hiding committed; the reaction row (unique per note, customer and
   * kind) is inserted or deleted and the note's counter moved in the same
   * statement, so the counter always equals the rows. The count answered is
   * the one under the lock (after the change, or as it stands).
   */
  @InjectManager()
  async setReaction(
    input: SetReactionInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SetReactionResult> {
    const manager = (sharedContext.transactionManager ??
      sharedContext.manager) as SqlEntityManager
    const column = COUNT_COLUMN[input.kind]
    const change = input.on
      ? `INSERT INTO note_reaction (id, note_id, customer_id, kind)
         SELECT ?, id, ?, ? FROM locked WHERE allowed
         ON CONFLICT (note_id, customer_id, kind) WHERE deleted_at IS NULL
         DO NOTHING RETURNING note_id`
      : `DELETE FROM note_reaction
         WHERE note_id IN (SELECT id FROM locked WHERE allowed)
           AND customer_id = ? AND kind = ? AND deleted_at IS NULL
         RETURNING note_id`
    const changeParams = input.on
      ? [generateEntityId(undefined, "nreact"), input.customer_id, input.kind]
      : [input.customer_id, input.kind]
    const [row] = (await manager.execute(
      `WITH locked AS (
         SELECT id, ${column} AS count,
           (NOT ?::boolean OR (status = 'published' AND author_listed)) AS allowed
         FROM note WHERE id = ? AND deleted_at IS NULL
         FOR NO KEY UPDATE
       ), changed AS (
         ${change}
       ), counted AS (
         UPDATE note SET ${column} = ${column} + ?
         WHERE id IN (SELECT note_id FROM changed)
         RETURNING ${column} AS count
       )
       SELECT (SELECT allowed FROM locked) AS allowed,
         (SELECT count FROM locked) AS before,
         (SELECT count FROM counted) AS after`,
      [input.public_only, input.note_id, ...changeParams, input.on ? 1 : -1]
    )) as { allowed: boolean | null; before: number; after: number | null }[]
    if (!row?.allowed) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Note with id: ${input.note_id} was not found`
      )
    }
    const changed = row.after !== null
    return {
      note_id: input.note_id,
      customer_id: input.customer_id,
      kind: input.kind,
      on: input.on,
      changed,
      count: Number(changed ? row.after : row.before),
    }
  }

  /**
   * Counts a view of a note the store shows by a visitor: at most one per
   * visitor, note and UTC day (`counted: false` for a repeat). A note the
   * store does not show is a 404.
   *
   * One statement (so one round trip and no explicit transaction): the
   * visibility check, the `note_view` insert (`ON CONFLICT DO NOTHING` on
   * its unique index) and the counter update happen together, and the
   * counter moves only when a row went in, so it always equals the rows.
   * The note row is locked only from its UPDATE to the statement's commit,
   * which is the last thing the statement does: thousands of views an hour
   * on one note queue there for microseconds each. `views_count` is not an
   * input of the trending trigger, so a view does not rescore the note.
   */
  @InjectManager()
  async recordView(
    input: { note_id: string; visitor_id: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{
    note_id: string
    visitor_id: string
    counted: boolean
    day: string | null
  }> {
    const manager = (sharedContext.transactionManager ??
      sharedContext.manager) as SqlEntityManager
    const [row] = (await manager.execute(
      `WITH shown AS (
         SELECT id FROM note
         WHERE id = ? AND deleted_at IS NULL AND status = 'published' AND author_listed
       ), added AS (
         INSERT INTO note_view (id, note_id, visitor_id, day)
         SELECT ?, id, ?, date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
         FROM shown
         ON CONFLICT (note_id, visitor_id, day) WHERE deleted_at IS NULL DO NOTHING
         RETURNING note_id, day
       ), counted AS (
         UPDATE note SET views_count = views_count + 1
         WHERE id IN (SELECT note_id FROM added) RETURNING id
       )
       SELECT (SELECT count(*) FROM shown)::int AS shown,
         (SELECT count(*) FROM counted)::int AS counted,
         (SELECT day FROM added) AS day`,
      [input.note_id, generateEntityId(undefined, "nview"), input.visitor_id]
    )) as { shown: number; counted: number; day: Date | string | null }[]
    if (!row?.shown) {
      throw new MedusaError(
        MedusaError.Types.NOT_FOUND,
        `Note with id: ${input.note_id} was not found`
      )
    }
    return {
      note_id: input.note_id,
      visitor_id: input.visitor_id,
      counted: row.counted > 0,
      day: row.day ? new Date(row.day).toISOString() : null,
    }
  }

  /**
   * Undoes a counted view (a compensation): removes the row and moves the
   * counter back, in one statement, only if the row was still there.
   */
  @InjectManager()
  async removeView(
    input: { note_id: string; visitor_id: string; day: string },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = (sharedContext.transactionManager ??
      sharedContext.manager) as SqlEntityManager
    await manager.execute(
      `WITH removed AS (
         DELETE FROM note_view
         WHERE note_id = ? AND visitor_id = ? AND day = ? AND deleted_at IS NULL
         RETURNING note_id
       )
       UPDATE note SET views_count = views_count - 1
       WHERE id IN (SELECT note_id FROM removed)`,
      [input.note_id, input.visitor_id, input.day]
    )
  }

  /**
   * Sets notes' `clicks_count` / `orders_count` (copied from the
   * attribution rollups), which the trending trigger folds into their
   * score in the same statement. Only rows that change are written; returns
   * their previous values, so a compensation can put them back. One
   * statement per 1,000 notes, the note rows locked in id order.
   */
  @InjectTransactionManager()
  async setEngagementCounts(
    rows: { note_id: string; clicks: number; orders: number }[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ note_id: string; clicks: number; orders: number }[]> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const previous: { note_id: string; clicks: number; orders: number }[] = []
    const sorted = [...rows].sort((a, b) => a.note_id.localeCompare(b.note_id))
    for (let i = 0; i < sorted.length; i += 1000) {
      const chunk = sorted.slice(i, i + 1000)
      const changed = (await manager.execute(
        `WITH v AS (
           SELECT * FROM json_to_recordset(?::json)
             AS v(note_id text, clicks integer, orders integer)
         ), old AS (
           SELECT n.id, n.clicks_count, n.orders_count
           FROM note n JOIN v ON v.note_id = n.id
           WHERE (n.clicks_count, n.orders_count) IS DISTINCT FROM (v.clicks, v.orders)
           ORDER BY n.id FOR UPDATE OF n
         )
         UPDATE note n SET clicks_count = v.clicks, orders_count = v.orders
         FROM v, old WHERE n.id = v.note_id AND old.id = n.id
         RETURNING n.id, old.clicks_count AS clicks, old.orders_count AS orders`,
        [JSON.stringify(chunk)]
      )) as { id: string; clicks: number; orders: number }[]
      previous.push(
        ...changed.map((r) => ({
          note_id: r.id,
          clicks: Number(r.clicks),
          orders: Number(r.orders),
        }))
      )
    }
    return previous
  }

  private trendingSynced_: Promise<void> | null = null

  /**
   * Makes `note_trending_config` (read by the trending trigger) equal to
   * the `trending` option, and rescores every note when it was not, in one
   * transaction. Once per process, before the first trending read: writes
   * made before it use the stored weights, and the rescore covers them.
   */
  protected async syncTrendingConfig_(): Promise<void> {
    this.trendingSynced_ ??= this.writeTrendingConfig_().catch((e) => {
      this.trendingSynced_ = null
      throw e
    })
    return this.trendingSynced_
  }

  @InjectTransactionManager()
  protected async writeTrendingConfig_(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    const t = this.options_.trending
    const changed = (await manager.execute(
      `INSERT INTO note_trending_config AS c (id, like_weight, save_weight,
         comment_weight, click_weight, order_weight, tau_seconds)
       VALUES (true, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET like_weight = EXCLUDED.like_weight,
         save_weight = EXCLUDED.save_weight,
         comment_weight = EXCLUDED.comment_weight,
         click_weight = EXCLUDED.click_weight,
         order_weight = EXCLUDED.order_weight,
         tau_seconds = EXCLUDED.tau_seconds
       WHERE (c.like_weight, c.save_weight, c.comment_weight, c.click_weight,
              c.order_weight, c.tau_seconds)
         IS DISTINCT FROM (EXCLUDED.like_weight, EXCLUDED.save_weight,
              EXCLUDED.comment_weight, EXCLUDED.click_weight,
              EXCLUDED.order_weight, EXCLUDED.tau_seconds)
       RETURNING id`,
      [
        t.like_weight,
        t.save_weight,
        t.comment_weight,
        t.click_weight,
        t.order_weight,
        t.tau_seconds,
      ]
    )) as unknown[]
    if (changed.length) {
      // Raw SQL: `updated_at` is kept (nobody edited these notes).
      await manager.execute(
        `UPDATE note SET trending_score = coalesce(notes_trending_score(
           likes_count, saves_count, comments_count, clicks_count,
           orders_count, coalesce(published_at, created_at)), 0)`
      )
    }
  }

  /** Which of `noteIds` the customer likes and has saved. */
  @InjectManager()
  async reactionsOf(
    customerId: string,
    noteIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, { liked: boolean; saved: boolean }>> {
    const out = new Map(
      noteIds.map((id) => [id, { liked: false, saved: false }])
    )
    if (!noteIds.length) {
      return out
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT note_id, kind FROM note_reaction
       WHERE customer_id = ? AND note_id IN (?) AND deleted_at IS NULL`,
      [customerId, noteIds]
    )) as { note_id: string; kind: NoteReactionKind }[]
    for (const row of rows) {
      const mine = out.get(row.note_id)
      if (mine) {
        mine[row.kind === "like" ? "liked" : "saved"] = true
      }
    }
    return out
  }

  /**
   * The notes a customer saved that the store shows, newest save first,
   * and how many there are.
   */
  @InjectManager()
  async listSavedNoteIds(
    customerId: string,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ ids: string[]; count: number }> {
    const { rows, count } = await sqlPage<{ note_id: string }>(
      sharedContext.manager as SqlEntityManager,
      {
        select: "r.note_id",
        from: `FROM note_reaction r JOIN note n ON n.id = r.note_id
          WHERE r.customer_id = ? AND r.kind = 'save' AND r.deleted_at IS NULL
            AND n.deleted_at IS NULL AND n.status = 'published' AND n.author_listed`,
        order: "r.created_at DESC, r.id DESC",
        params: [customerId],
      },
      page
    )
    return { ids: rows.map((r) => r.note_id), count }
  }

  /**
   * A buyer's public figures: how many notes the store shows (published,
   * author listed) and the likes those notes received. One statement over
   * the `buyer_id` index, summing the notes' exact `likes_count` counters.
   */
  @InjectManager()
  async authorStats(
    buyerId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ notes_count: number; likes_received: number }> {
    const manager = sharedContext.manager as SqlEntityManager
    const [row] = (await manager.execute(
      `SELECT count(*) AS notes, coalesce(sum(likes_count), 0) AS likes
       FROM note WHERE buyer_id = ? AND status = 'published'
         AND author_listed AND deleted_at IS NULL`,
      [buyerId]
    )) as { notes: string; likes: string }[]
    return { notes_count: Number(row.notes), likes_received: Number(row.likes) }
  }

  /**
   * Lists or unlists every note of a buyer (suspension takes them out of the
   * store). Returns the ids whose flag changed, so a compensation can flip
   * exactly those back.
   */
  @InjectTransactionManager()
  async setAuthorListed(
    buyerId: string,
    listed: boolean,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const notes = await this.listNotes(
      { buyer_id: buyerId, author_listed: !listed },
      { select: ["id"] },
      sharedContext
    )
    if (notes.length) {
      await this.updateNotes(
        notes.map((n) => ({ id: n.id, author_listed: listed })),
        sharedContext
      )
    }
    return notes.map((n) => n.id)
  }

  /**
   * Soft-deletes notes and their tagged products that are still live, and
   * returns exactly the rows it touched. Not `softDeleteNotes`: its cascade
   * also stamps products untagged earlier, and `restoreNotes` would then
   * bring those back (and fail where the product was tagged again). Raw
   * SQL for the `deleted_at IS NULL` guard on the cascade.
   */
  @InjectTransactionManager()
  async softDeleteNotesExactly(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ note_ids: string[]; product_ids: string[] }> {
    if (!ids.length) {
      return { note_ids: [], product_ids: [] }
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const notes = (await manager.execute(
      `UPDATE note SET deleted_at = now() WHERE id IN (?) AND deleted_at IS NULL RETURNING id`,
      [ids]
    )) as { id: string }[]
    const products = notes.length
      ? ((await manager.execute(
          `UPDATE note_product SET deleted_at = now()
           WHERE note_id IN (?) AND deleted_at IS NULL RETURNING id`,
          [notes.map((n) => n.id)]
        )) as { id: string }[])
      : []
    return {
      note_ids: notes.map((n) => n.id),
      product_ids: products.map((p) => p.id),
    }
  }

  /** Undoes `softDeleteNotesExactly` from its result. */
  @InjectTransactionManager()
  async restoreNotesExactly(
    deleted: { note_ids: string[]; product_ids: string[] },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    if (deleted.note_ids.length) {
      await manager.execute(
        `UPDATE note SET deleted_at = NULL WHERE id IN (?)`,
        [deleted.note_ids]
      )
    }
    if (deleted.product_ids.length) {
      await manager.execute(
        `UPDATE note_product SET deleted_at = NULL WHERE id IN (?)`,
        [deleted.product_ids]
      )
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
   * otherwise), best match first with `q`, newest first without. Returns ids
   * in order and the count (exact up to the `search_count_cap` option).
   *
   * Raw SQL because the search runs over the generated `search_vector`
   * column, which the ORM does not know about (see the search migration and
   * `utils/search-sql.ts`). With `q`, the count runs first and decides the
   * page's plan (`chooseSearchPlan`); the planner cannot tell how common a
   * word is well enough to make that choice itself, so the plan is pinned
   * with transaction-local settings. Always runs in its own transaction
   * (`searchNotes` is a read: do not call it inside a write transaction whose
   * later statements should keep the default planner settings).
   */
  @InjectTransactionManager()
  async searchNotes(
    params: SearchNotesParams,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ ids: string[]; count: number; count_exact: boolean }> {
    if (params.order === "trending") {
      await this.syncTrendingConfig_()
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const cap = this.options_.search_count_cap
    const block = this.options_.search_rank_block
    const { count, page, hasQuery } = buildSearchStatements(params, {
      countCap: cap,
      rankBlock: block,
    })
    if (!hasQuery) {
      const counted = (await manager.execute(count.sql, count.bindings)) as {
        n: number
      }[]
      const rows = (await manager.execute(page.sql, page.bindings)) as {
        id: string
      }[]
      const n = Number(counted[0]?.n ?? 0)
      return {
        ids: rows.map((r) => r.id),
        count: Math.min(n, cap),
        count_exact: n <= cap,
      }
    }

    // Counting through the GIN index reads only the matching rows; a
    // sequential scan would read the search document of every row it passes.
    // Parallel workers cost more to start than these bounded scans take, and
    // under load they only compete for the same cores. The settings are
    // transaction-local (`set_config(…, true)`): they end with the
    // transaction. Statements are few on purpose: each round trip to
    // PostgreSQL costs more than these queries' own work.
    const [state] = (await manager.execute(
      `SELECT set_config('enable_seqscan', 'off', true) AS seq,
         set_config('max_parallel_workers_per_gather', '0', true) AS par,
         (SELECT reltuples FROM pg_class WHERE oid = 'note'::regclass) AS rows`
    )) as { rows: number }[]
    const counted = (await manager.execute(count.sql, count.bindings)) as {
      n: number
    }[]
    const n = Number(counted[0]?.n ?? 0)
    const plan = chooseSearchPlan({
      matches: n,
      exact: n <= cap,
      block,
      tableRows: Number(state.rows),
    })
    await manager.execute(
      plan === "walk"
        ? `SELECT set_config('enable_bitmapscan', 'off', true)`
        : `SELECT set_config('enable_indexscan', 'off', true)`
    )
    const rows = (await manager.execute(page.sql, page.bindings)) as {
      id: string
    }[]
    return {
      ids: rows.map((r) => r.id),
      count: Math.min(n, cap),
      count_exact: n <= cap,
    }
  }

  /**
   * Notes by id, in the order of `ids`, with their tagged products (in tag
   * order), for display. One statement with the products aggregated as
   * JSON: list pages read up to 100 notes per request, and hydrating them
   * as ORM entities cost more than the search itself.
   */
  /**
   * Rewrites, in batches, the notes written before bodies were sanitised
   * with a Markdown parser (`body_html` null): the body is sanitised again
   * and rendered. Raw SQL so that `updated_at` is kept (nobody edited these
   * notes). Returns how many notes were rewritten. Run by the
   * `backfill-note-body-html` migration script.
   */
  @InjectTransactionManager()
  async backfillBodyHtml(
    batch = 200,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    let done = 0
    for (;;) {
      const rows = (await manager.execute(
        `SELECT id, body FROM note WHERE body_html IS NULL ORDER BY id LIMIT ?`,
        [batch]
      )) as { id: string; body: string }[]
      for (const row of rows) {
        const body = sanitizeMarkdown(row.body)
        await manager.execute(
          `UPDATE note SET body = ?, body_html = ? WHERE id = ?`,
          [body, renderNoteHtml(body), row.id]
        )
      }
      done += rows.length
      if (rows.length < batch) {
        return done
      }
    }
  }

  @InjectManager()
  async retrieveNotesForDisplay(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<NoteDTO[]> {
    if (!ids.length) {
      return []
    }
    const manager = sharedContext.manager as SqlEntityManager
    const rows = (await manager.execute(
      `SELECT n.id, n.title, n.body, n.body_html, n.images, n.tags, n.status, n.buyer_id, n.author_listed,
         n.locale, n.published_at, n.hidden_reason, n.hidden_at, n.metadata,
         n.comments_count,
         n.likes_count, n.saves_count, n.views_count, n.created_at, n.updated_at,
         coalesce((
           SELECT json_agg(json_build_object(
             'id', p.id, 'note_id', p.note_id, 'product_id', p.product_id,
             'variant_id', p.variant_id, 'position', p.position,
             'image_index', p.image_index, 'x', p.x, 'y', p.y,
             'caption', p.caption, 'code', p.code
           ) ORDER BY p.position, p.id)
           FROM note_product p
           WHERE p.note_id = n.id AND p.deleted_at IS NULL
         ), '[]'::json) AS products
       FROM note n
       WHERE n.deleted_at IS NULL AND n.id IN (${ids.map(() => "?").join(", ")})`,
      ids
    )) as NoteDTO[]
    const byId = new Map(rows.map((r) => [r.id, r]))
    return ids
      .map((id) => byId.get(id))
      .filter((n): n is NoteDTO => !!n)
      .map((n) => ({
        ...n,
        // Notes written before `body_html` existed are rendered here (their
        // body is sanitised again first: it predates the Markdown parser).
        body_html: n.body_html ?? renderNoteHtml(sanitizeMarkdown(n.body)),
        images: n.images ?? [],
        tags: n.tags ?? [],
      }))
  }

  // Comments (`utils/comments.ts` holds the SQL and the rules).

  /**
   * Writes a comment or a reply on a note the store shows, under the
   * customer's lock (the `comment_rate_limit` option: `CommentRateLimited`
   * past it) and the note's row lock (`comments_count` moves with the row).
   */
  @InjectTransactionManager()
  async createComment(
    input: comments.CreateCommentInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<comments.CreateCommentResult> {
    return comments.createComment(
      sharedContext.transactionManager as SqlEntityManager,
      input,
      this.options_.comment_rate_limit
    )
  }

  /** Soft-deletes a comment for its author or the note's author (else 404). */
  @InjectTransactionManager()
  async deleteComment(
    input: comments.DeleteCommentInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<comments.DeleteCommentResult> {
    return comments.deleteComment(
      sharedContext.transactionManager as SqlEntityManager,
      input
    )
  }

  /** Compensation of `createComment`: removes the row, and its count. */
  @InjectTransactionManager()
  async undoCreateComment(
    id: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await comments.undoCreateComment(
      sharedContext.transactionManager as SqlEntityManager,
      id
    )
  }

  /** Compensation of `deleteComment`: brings the comment (and its count) back. */
  @InjectTransactionManager()
  async undoDeleteComment(
    id: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await comments.undoDeleteComment(
      sharedContext.transactionManager as SqlEntityManager,
      id
    )
  }

  /** Moderation: hide or restore a comment (idempotent, counter exact). */
  @InjectTransactionManager()
  async setCommentStatus(
    input: comments.SetCommentStatusInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<comments.SetCommentStatusResult> {
    return comments.setCommentStatus(
      sharedContext.transactionManager as SqlEntityManager,
      input
    )
  }

  /** A page of a public note's comment thread (404 for a note not shown). */
  @InjectManager()
  async listCommentThreads(
    noteId: string,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<comments.CommentThreadsPage> {
    return comments.listThreads(
      sharedContext.manager as SqlEntityManager,
      noteId,
      page
    )
  }

  /** A page of one top-level comment's visible replies, oldest first. */
  @InjectManager()
  async listCommentReplies(
    noteId: string,
    parentId: string,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<comments.CommentRepliesPage> {
    return comments.listReplies(
      sharedContext.manager as SqlEntityManager,
      noteId,
      parentId,
      page
    )
  }

  /** Live comments for moderation, filtered, newest first. */
  @InjectManager()
  async listCommentsForModeration(
    filters: comments.ModerationFilters,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ rows: comments.ModerationRow[]; count: number }> {
    return comments.listForModeration(
      sharedContext.manager as SqlEntityManager,
      filters
    )
  }

  /** Counted views for the reports (docs/reports.md): see `readViewRollup`. */
  @InjectManager()
  async readViewRollup(
    q: RollupQuery,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ViewRollupRow[]> {
    return views.readViewRollup(sharedContext.manager as SqlEntityManager, q)
  }

  /** The first 15-minute bucket with a counted view of the filtered notes, or null. */
  @InjectManager()
  async firstViewAt(
    filters: { buyer_id?: string; note_id?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Date | null> {
    return views.firstViewAt(sharedContext.manager as SqlEntityManager, filters)
  }

  /**
   * Rebuilds the views rollups (`note_view_rollup`, `note_view_day`,
   * `note_view_hour`) from the counted `note_view` rows, in one transaction
   * holding a `SHARE` lock on `note_view` (new views wait for it, reports
   * keep answering). Running it twice changes nothing. Answers the
   * 15-minute table's rows and views.
   */
  @InjectTransactionManager()
  async rebuildViewRollup(
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ rows: number; views: number }> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    for (const sql of VIEW_ROLLUPS_V2_REBUILD_SQL) {
      await manager.execute(sql)
    }
    const [row] = (await manager.execute(
      `SELECT count(*)::int AS rows, coalesce(sum(views), 0)::bigint AS views FROM note_view_rollup`
    )) as { rows: number; views: string }[]
    return { rows: row.rows, views: Number(row.views) }
  }
}

function toSnapshot(p: Record<string, unknown>): NoteProductSnapshot {
  const out: Record<string, unknown> = {}
  for (const key of SNAPSHOT_FIELDS) {
    out[key] = p[key] ?? null
  }
  return out as NoteProductSnapshot
}

export default NotesModuleService
