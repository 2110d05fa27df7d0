import type { NoteStatus } from "../../../types"
import { normalizeTags } from "./sanitize"
import { parseSearch } from "./search-query"

export type SearchNotesParams = {
  q?: string
  /** Defaults to `["published"]`: what the store may see. */
  statuses?: NoteStatus[]
  /**
   * Only notes whose author is not suspended (merchant notes always are).
   * The store sets it; the admin and a buyer's own list do not.
   */
  listed_only?: boolean
  tag?: string
  product_id?: string
  buyer_id?: string
  /** Notes by any of these buyers (`feed=following`); none: no notes. */
  buyer_ids?: string[]
  locale?: string
  /**
   * Order without `q` (with `q`, best match first): newest published first
   * (store) or newest created first (admin). `trending`: highest stored
   * trending score first, with or without `q` (docs/api.md, "Trending").
   */
  order?: "published" | "created" | "trending"
  /**
   * An explicit order (the admin's sortable table): it replaces `order`,
   * and with `q` it replaces the ranking too (matches in that order).
   * Ties break on id in the same direction; notes never published sort last.
   */
  sort?: { field: NoteSortField; desc: boolean }
  limit: number
  offset: number
}

export const NOTE_SORT_FIELDS = ["created_at", "published_at", "title"] as const
export type NoteSortField = (typeof NOTE_SORT_FIELDS)[number]

export type SearchSqlOptions = {
  /**
   * Matches are counted exactly up to this number; above it the count is
   * reported as this number with `count_exact: false`, as search engines do:
   * an exact count of tens of thousands of matches costs a heap visit per
   * match, which no index avoids.
   */
  countCap: number
  /**
   * Relevance is ranked within blocks of this many matches, newest block
   * first. A query with fewer matches is ranked entirely by relevance.
   */
  rankBlock: number
}

export type Statement = { sql: string; bindings: unknown[] }

type Fragment = { sql: string; bindings: unknown[] }

/**
 * The match condition for `q`, or null when `q` has no searchable text.
 *
 * - Latin words: `websearch_to_tsquery('english', …)` (stemmed; quotes,
 *   `or` and `-word` work as on a search engine).
 * - A CJK run: its bigrams ANDed (`plainto_tsquery('simple', '面霜 霜很')`),
 *   answered by the GIN index without reading the rows. Two characters are
 *   one bigram: exact. For three or more, the bigrams could in theory occur
 *   apart, so the run is also checked as a substring of the text
 *   (`strpos`), which reads only the rows the index already selected.
 */
function matchCondition(q: string | undefined): {
  where: Fragment
  tsquery: Fragment
} | null {
  if (!q) {
    return null
  }
  const parsed = parseSearch(q)
  const parts: string[] = []
  const bindings: unknown[] = []
  if (parsed.latin) {
    parts.push(`websearch_to_tsquery('english', ?)`)
    bindings.push(parsed.latin)
  }
  for (const run of parsed.cjk) {
    parts.push(`plainto_tsquery('simple', ?)`)
    bindings.push(run.grams)
  }
  if (!parts.length) {
    return null
  }
  const tsquery = { sql: `(${parts.join(" && ")})`, bindings }
  // Substring checks first: they read only the row's text, and rows that
  // fail them never have their search document decompressed (PostgreSQL
  // keeps the written order of conditions of equal cost).
  const checks: string[] = []
  const checkBindings: unknown[] = []
  for (const run of parsed.cjk) {
    if (Array.from(run.text).length >= 3) {
      // Body first: it is where a match usually is, and OR stops there.
      checks.push(
        `(strpos(n.body, ?) > 0 OR strpos(n.title, ?) > 0 OR strpos(array_to_string(n.tags, ' '), ?) > 0)`
      )
      checkBindings.push(run.text, run.text, run.text)
    }
  }
  const where: Fragment = {
    sql: [...checks, `n.search_vector @@ ${tsquery.sql}`].join(" AND "),
    bindings: [...checkBindings, ...bindings],
  }
  return { where, tsquery }
}

/**
 * Builds the two search statements: the capped count and the page. Every
 * user value is a binding; the text-search functions parse it and never fail
 * on odd input. Pure: no I/O.
 *
 * Ranking: matches are taken newest first in blocks of `rankBlock`; inside a
 * block they are ordered by `ts_rank_cd` (title and tags weigh more than the
 * body), then by recency. For queries with fewer matches than a block this
 * is plain relevance ranking. For very common words it bounds the cost of a
 * page (the ranking function reads each candidate's search document) and
 * favours fresh notes, as a feed should. The tsquery is written inline (not
 * in a CTE) so that the planner sees its selectivity: common words walk the
 * (status, published_at, id) index newest first and stop early; rare words
 * use the GIN index.
 */
export function buildSearchStatements(
  params: SearchNotesParams,
  options: SearchSqlOptions
): { count: Statement; page: Statement; hasQuery: boolean } {
  const filters: string[] = [`n.deleted_at IS NULL`]
  const filterBindings: unknown[] = []
  const statuses = params.statuses ?? ["published"]
  // One placeholder per value: knex interpolates bindings and would expand
  // an array binding into a list anyway.
  filters.push(`n.status IN (${statuses.map(() => "?").join(", ")})`)
  filterBindings.push(...statuses)
  if (params.listed_only) {
    filters.push(`n.author_listed = true`)
  }
  if (params.tag) {
    filters.push(`n.tags @> ARRAY[?]::text[]`)
    filterBindings.push(normalizeTags([params.tag])[0] ?? "")
  }
  if (params.buyer_id) {
    filters.push(`n.buyer_id = ?`)
    filterBindings.push(params.buyer_id)
  }
  if (params.buyer_ids) {
    // One binding whatever the number of buyers (ids hold no commas).
    filters.push(`n.buyer_id = ANY(string_to_array(?, ','))`)
    filterBindings.push(params.buyer_ids.join(","))
  }
  if (params.locale) {
    filters.push(`n.locale = ?`)
    filterBindings.push(params.locale)
  }
  if (params.product_id) {
    filters.push(
      `EXISTS (SELECT 1 FROM note_product np WHERE np.note_id = n.id AND np.product_id = ? AND np.deleted_at IS NULL)`
    )
    filterBindings.push(params.product_id)
  }

  const cap = Math.max(1, Math.floor(options.countCap))
  const match = matchCondition(params.q)
  const trending = params.order === "trending" && !params.sort
  if (!match || params.sort || trending) {
    // The sort field is one of NOTE_SORT_FIELDS, never user text.
    if (params.sort && !NOTE_SORT_FIELDS.includes(params.sort.field)) {
      throw new Error(`sort: cannot sort notes by ${params.sort.field}`)
    }
    const dir = params.sort ? (params.sort.desc ? "DESC" : "ASC") : "DESC"
    const column = params.sort
      ? `n.${params.sort.field}`
      : trending
        ? "n.trending_score"
        : params.order === "created"
          ? "n.created_at"
          : "n.published_at"
    const where = match
      ? `${filters.join(" AND ")} AND ${match.where.sql}`
      : filters.join(" AND ")
    const bindings = match
      ? [...filterBindings, ...match.where.bindings]
      : filterBindings
    return {
      count: {
        sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM note n WHERE ${where} LIMIT ?) s`,
        bindings: [...bindings, cap + 1],
      },
      page: {
        sql: `SELECT n.id FROM note n WHERE ${where}
ORDER BY ${column} ${dir}${params.sort ? " NULLS LAST" : ""}, n.id ${dir}
LIMIT ? OFFSET ?`,
        bindings: [...bindings, params.limit, params.offset],
      },
      hasQuery: false,
    }
  }

  const where = `${filters.join(" AND ")} AND ${match.where.sql}`
  const whereBindings = [...filterBindings, ...match.where.bindings]
  const block = Math.max(1, Math.floor(options.rankBlock))
  const firstBlock = Math.floor(params.offset / block)
  const lastBlock = Math.floor((params.offset + params.limit - 1) / block)
  const blockStart = firstBlock * block
  const blockLen = (lastBlock - firstBlock + 1) * block

  return {
    count: {
      sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM note n WHERE ${where} LIMIT ?) s`,
      bindings: [...whereBindings, cap + 1],
    },
    page: {
      sql: `WITH candidates AS (
  SELECT n.id, n.published_at, n.search_vector
  FROM note n
  WHERE ${where}
  ORDER BY n.published_at DESC, n.id DESC
  LIMIT ? OFFSET ?
),
ranked AS (
  SELECT c.id, c.published_at,
    (row_number() OVER (ORDER BY c.published_at DESC, c.id DESC) - 1) / ? AS block,
    ts_rank_cd(c.search_vector, ${match.tsquery.sql}) AS rank
  FROM candidates c
)
SELECT id FROM ranked
ORDER BY block, rank DESC, published_at DESC, id DESC
LIMIT ? OFFSET ?`,
      bindings: [
        ...whereBindings,
        blockLen,
        blockStart,
        block,
        ...match.tsquery.bindings,
        params.limit,
        params.offset - blockStart,
      ],
    },
    hasQuery: true,
  }
}

/**
 * How to find a page's candidates once the matches are counted:
 * - `bitmap`: read every match through the GIN index, then take the newest
 *   block. Costs one row visit per match.
 * - `walk`: walk the (status, published_at, id) index newest first, testing
 *   each row, until a block of matches is found. Costs about
 *   `block × tableRows / matches` row visits.
 * The two cost the same at `matches = sqrt(block × tableRows)`: below it the
 * bitmap wins, above it the walk. A count that hit the cap says only that
 * there are more, so it walks. Pure.
 */
export function chooseSearchPlan(input: {
  matches: number
  exact: boolean
  block: number
  tableRows: number
}): "bitmap" | "walk" {
  if (input.matches <= input.block) {
    return "bitmap"
  }
  if (!input.exact) {
    // Capped: the matches may be anything up to the whole table.
    return "walk"
  }
  const breakEven = Math.sqrt(input.block * Math.max(input.tableRows, 1))
  return input.matches >= breakEven ? "walk" : "bitmap"
}
