/*
 * The section's pages. Medusa's sidebar nests a route under another when
 * its path extends the other's, so every page of the program lives under
 * `/notes` (the section's root, `src/admin/routes/notes/page.tsx`) and the
 * sidebar shows one section: Notes, then Overview, Commission rules and the
 * other pages indented under it. Buyers, Commissions and Settlements belong
 * in `src/admin/routes/notes/{buyers,commissions,settlements}/` (their
 * owner's files).
 */
export const PATHS = {
  notes: "/notes",
  note: (id: string) => `/notes/${id}`,
  /** Comment moderation; `noteId` opens it filtered to one note. */
  comments: (noteId?: string) =>
    noteId ? `/notes/comments?note_id=${noteId}` : "/notes/comments",
  overview: "/notes/overview",
  rules: "/notes/commission-rules",
  buyers: "/notes/buyers",
  buyer: (id: string) => `/notes/buyers/${id}`,
  commissions: "/notes/commissions",
  settlements: "/notes/settlements",
  settlement: (id: string) => `/notes/settlements/${id}`,
} as const
