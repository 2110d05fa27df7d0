import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ATTRIBUTION_MODULE } from "../../../../../modules/attribution"
import type AttributionModuleService from "../../../../../modules/attribution/service"
import { isBot } from "../../../../../modules/attribution/utils/bots"
import { cleanText } from "../../../../../modules/attribution/utils/clean-text"
import { recordNoteViewWorkflow } from "../../../../../workflows/notes/workflows/record-note-view"
import { visitorIdOf } from "../../../../utils/visitor"

/**
 * `POST /store/notes/{id}/views`: the note page's beacon. Counts one view
 * per visitor (the buy links' visitor cookie, set here when missing), note
 * and UTC day; answers 204 whether or not this request counted. Bots and
 * link previews (the buy links' user-agent list) are answered and not
 * counted. A note the store does not show is a 404.
 */
export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const attribution =
    req.scope.resolve<AttributionModuleService>(ATTRIBUTION_MODULE)
  res.setHeader("Cache-Control", "no-store")
  const visitorId = visitorIdOf(
    req,
    res,
    attribution.getOptions().visitor_cookie
  )
  if (!isBot(cleanText(req.headers["user-agent"], 512))) {
    await recordNoteViewWorkflow(req.scope).run({
      input: { note_id: req.params.id, visitor_id: visitorId },
    })
  }
  res.status(204).end()
}
