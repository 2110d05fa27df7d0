import { Eye, EyeSlash } from "@medusajs/icons"
import { toast } from "@medusajs/ui"
import { z } from "zod"
import { useAdminMutation } from "../../../lib/api"
import { useT } from "../../../lib/i18n"
import { ReasonDrawer } from "../../../lib/reason-drawer"
import type { AdminNote } from "./types"
import { useConfirm } from "../../../lib/confirm"

/*
 * Hiding takes a reason (shown to the merchant's team, kept on the note)
 * in a Drawer; restoring asks for confirmation in a Prompt.
 */

export function HideNoteDrawer({
  note,
  onOpenChange,
}: {
  note: AdminNote | null
  onOpenChange: (open: boolean) => void
}) {
  const t = useT()
  const hide = useAdminMutation<{ reason: string }, { note: AdminNote }>(
    "POST",
    () => `/admin/notes/${note?.id}/hide`,
    { invalidate: ["/admin/notes"] }
  )
  return (
    <ReasonDrawer
      open={!!note}
      onOpenChange={onOpenChange}
      title={t("notes.hide.title")}
      description={t("notes.hide.body", { title: note?.title ?? "" })}
      rule={z
        .string()
        .trim()
        .min(1, t("notes.hide.reasonRequired"))
        .max(500, t("notes.hide.reasonTooLong"))}
      name="reason"
      id="hide-reason"
      label={t("notes.hide.reason")}
      rows={4}
      submitText={t("notes.actions.hide")}
      danger
      onSubmit={async (reason) => {
        await hide.mutateAsync({ reason })
        toast.success(t("notes.toast.hidden"))
      }}
    />
  )
}

/** Restore after a Prompt: answers whether the note was restored. */
export function useRestoreNote() {
  const t = useT()
  const confirm = useConfirm()
  const restore = useAdminMutation<AdminNote, { note: AdminNote }>(
    "POST",
    (n) => `/admin/notes/${n.id}/restore`,
    { invalidate: ["/admin/notes"], body: () => ({}) }
  )
  return async (note: AdminNote): Promise<boolean> => {
    const ok = await confirm({
      title: t("notes.restore.title"),
      description: t("notes.restore.body", { title: note.title }),
      confirmText: t("notes.actions.restore"),
      variant: "confirmation",
    })
    if (!ok) {
      return false
    }
    try {
      await restore.mutateAsync(note)
      toast.success(t("notes.toast.restored"))
      return true
    } catch (e) {
      toast.error((e as Error).message)
      return false
    }
  }
}

/**
 * A moderated row's action menu: Restore when the row is hidden, else Hide
 * (texts `{prefix}.actions.restore` / `.hide`). For `col.action`.
 */
export function hideOrRestoreActions<Row extends { status: string }>(
  t: ReturnType<typeof useT>,
  prefix: "notes" | "comments",
  on: { hide: (row: Row) => void; restore: (row: Row) => Promise<unknown> }
) {
  return ({ row }: { row: { original: Row } }) =>
    row.original.status === "hidden"
      ? [
          {
            label: t(`${prefix}.actions.restore`),
            icon: <Eye />,
            onClick: () => void on.restore(row.original),
          },
        ]
      : [
          {
            label: t(`${prefix}.actions.hide`),
            icon: <EyeSlash />,
            onClick: () => on.hide(row.original),
          },
        ]
}
