/**
 * Run by bench/search/run.mjs through `medusa exec`: times the notes search
 * query itself (the module service's `searchNotes`, the same SQL the store
 * route runs) against a plain ILIKE scan that does the same job (the total
 * count and the first page of 20), on the same table, in the same process.
 * Prints one JSON line.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { NOTES_MODULE } from "../../src/modules/notes"
import type NotesModuleService from "../../src/modules/notes/service"

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { QUERIES } = require("./corpus.cjs") as {
  QUERIES: Record<string, string[]>
}

const ROUNDS = Number(process.env.BENCH_SQL_ROUNDS ?? 5)

function percentile(sorted: number[], p: number) {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ]
}

export default async function sqlBench({ container }: ExecArgs) {
  const service = container.resolve<NotesModuleService>(NOTES_MODULE)
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION)
  const results: Record<string, unknown>[] = []

  for (const [kind, queries] of Object.entries(QUERIES)) {
    const ours: number[] = []
    const scan: number[] = []
    let oursCount = 0
    let scanCount = 0
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of queries) {
        let t = process.hrtime.bigint()
        const res = await service.searchNotes({ q, limit: 20, offset: 0 })
        ours.push(Number(process.hrtime.bigint() - t) / 1e6)
        oursCount += round === 0 ? res.count : 0

        t = process.hrtime.bigint()
        const like = `%${q.replace(/[\\%_]/g, (c) => "\\" + c)}%`
        const rows = await pg.raw(
          `SELECT n.id, count(*) OVER () AS total FROM note n
           WHERE n.deleted_at IS NULL AND n.status = 'published'
             AND (n.title ILIKE ? OR n.body ILIKE ? OR array_to_string(n.tags, ' ') ILIKE ?)
           ORDER BY n.published_at DESC, n.id LIMIT 20`,
          [like, like, like]
        )
        scan.push(Number(process.hrtime.bigint() - t) / 1e6)
        scanCount += round === 0 ? Number(rows.rows[0]?.total ?? 0) : 0
      }
    }
    ours.sort((a, b) => a - b)
    scan.sort((a, b) => a - b)
    const p50o = percentile(ours, 50)
    const p50s = percentile(scan, 50)
    results.push({
      kind,
      matches_per_query: Math.round(oursCount / queries.length),
      ilike_matches_per_query: Math.round(scanCount / queries.length),
      search_p50_ms: +p50o.toFixed(2),
      search_p95_ms: +percentile(ours, 95).toFixed(2),
      ilike_p50_ms: +p50s.toFixed(2),
      ilike_p95_ms: +percentile(scan, 95).toFixed(2),
      speedup_p50: +(p50s / p50o).toFixed(1),
    })
  }

  const plan = await pg.raw(
    `EXPLAIN (COSTS OFF) WITH q AS (SELECT phraseto_tsquery('simple', '面霜') AS query)
     SELECT n.id FROM note n, q WHERE n.deleted_at IS NULL AND n.status = 'published'
       AND n.search_vector @@ q.query`
  )
  const planText = (plan.rows as { "QUERY PLAN": string }[])
    .map((r) => r["QUERY PLAN"])
    .join(" | ")
  console.log(
    "SQLBENCH " + JSON.stringify({ results, plan_2char_chinese: planText })
  )
}
