import type {
  AuthenticatedMedusaRequest,
  MedusaResponse,
} from "@medusajs/framework/http"
import type { NoteReactionKind } from "../../modules/notes/service"
import type { StoreNoteLikeResponse, StoreNoteSaveResponse } from "../../types"
import { setNoteReactionWorkflow } from "../../workflows/notes/workflows/set-note-reaction"

/**
 * The handler of `POST` (`on`) or `DELETE` `/store/notes/{id}/like|save`
 * for the logged-in customer: runs `setNoteReactionWorkflow` and answers
 * the reader's state and the note's exact count. Idempotent: a repeat is a
 * 200 with the same answer.
 */
export function noteReactionRoute(kind: NoteReactionKind, on: boolean) {
  return async function handler(
    req: AuthenticatedMedusaRequest,
    res: MedusaResponse<StoreNoteLikeResponse | StoreNoteSaveResponse>
  ) {
    const { result } = await setNoteReactionWorkflow(req.scope).run({
      input: {
        note_id: req.params.id,
        customer_id: req.auth_context.actor_id,
        kind,
        on,
      },
    })
    res.json(
      kind === "like"
        ? { liked: on, likes_count: result.count }
        : { saved: on, saves_count: result.count }
    )
  }
}
