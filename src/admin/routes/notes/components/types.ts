/** A note as the admin routes answer it: src/types' NoteDTO over JSON. */
import type {
  AdminNotesListResponse,
  NoteDTO,
  NoteProductDTO,
  NoteStatus,
  Wire,
} from "../../../../types"

export type { NoteStatus }

export type NoteProduct = NoteProductDTO

export type AdminNote = Wire<NoteDTO>

export type NotesList = Wire<AdminNotesListResponse>

export const STATUS_COLOR = {
  draft: "grey",
  published: "green",
  hidden: "red",
} as const
