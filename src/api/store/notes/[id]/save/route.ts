import { noteReactionRoute } from "../../../../utils/note-reactions"

/** `POST /store/notes/{id}/save`: the logged-in customer saves the note. */
export const POST = noteReactionRoute("save", true)

/** `DELETE /store/notes/{id}/save`: takes the save back (a no-op if none). */
export const DELETE = noteReactionRoute("save", false)
