/**
 * Diagnostic (not part of the figures): 4 concurrent `searchNotes` calls in
 * one process for 5 s per query kind, without HTTP. Run with
 * `DATABASE_URL=… npx medusa exec ./bench/search/service-load.ts`.
 */
import type { ExecArgs } from "@medusajs/framework/types"
import { NOTES_MODULE } from "../../src/modules/notes"
import type NotesModuleService from "../../src/modules/notes/service"

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { QUERIES } = require("./corpus.cjs") as {
  QUERIES: Record<string, string[]>
}

export default async function serviceLoad({ container }: ExecArgs) {
  const service = container.resolve<NotesModuleService>(NOTES_MODULE)
  for (const [kind, queries] of Object.entries(QUERIES)) {
    let n = 0
    const end = Date.now() + 5000
    await Promise.all(
      [0, 1, 2, 3].map(async () => {
        while (Date.now() < end) {
          const res = await service.searchNotes({
            q: queries[n++ % queries.length],
            limit: 20,
            offset: 0,
          })
          await service.retrieveNotesForDisplay(res.ids)
        }
      })
    )
    console.log(`SERVICELOAD ${kind}: ${(n / 5).toFixed(0)} searches/s`)
  }
}
