import { toast } from "@medusajs/ui"
import { z } from "zod"
import type { AdminNoteComment, Wire } from "../../../../types"
import { useAdminMutation } from "../../../lib/api"
import { useConfirm } from "../../../lib/confirm"
import { useT } from "../../../lib/i18n"
import { ReasonDrawer } from "../../../lib/reason-drawer"

/*
 * Comment moderation: hiding takes a reason in the shared ReasonDrawer;
 * restoring asks for confirmation in a Prompt. Both refresh the comments
 * list and the notes (their `comments_count`).
 */

export type Comment = Wire<AdminNoteComment>

const INVALIDATE = ["/admin/note-comments", "/admin/notes"]

/** A comment's first words, for a drawer's or prompt's text. */
export const excerpt = (body: string, max = 80) =>
  body.length > max ? `${body.slice(0, max - 1)}…` : body

export function HideCommentDrawer({
  comment,
  onOpenChange,
}: {
  comment: Comment | null
  onOpenChange: (open: boolean) => void
}) {
  const t = useT()
  const hide = useAdminMutation<{ reason: string }, { comment: Comment }>(
    "POST",
    () => `/admin/note-comments/${comment?.id}/hide`,
    { invalidate: INVALIDATE }
  )
  return (
    <ReasonDrawer
      open={!!comment}
      onOpenChange={onOpenChange}
      title={t("comments.hide.title")}
      description={t("comments.hide.body", {
        excerpt: excerpt(comment?.body ?? ""),
      })}
      rule={z
        .string()
        .trim()
        .min(1, t("comments.hide.reasonRequired"))
        .max(500, t("comments.hide.reasonTooLong"))}
      name="reason"
      id="hide-comment-reason"
      label={t("comments.hide.reason")}
      rows={3}
      submitText={t("comments.actions.hide")}
      danger
      onSubmit={async (reason) => {
        await hide.mutateAsync({ reason })
        toast.success(t("comments.toast.hidden"))
      }}
    />
  )
}

/** Restore after a Prompt: answers whether the comment was restored. */
export function useRestoreComment() {
  const t = useT()
  const confirm = useConfirm()
  const restore = useAdminMutation<Comment, { comment: Comment }>(
    "POST",
    (c) => `/admin/note-comments/${c.id}/restore`,
    { invalidate: INVALIDATE, body: () => ({}) }
  )
  return async (comment: Comment): Promise<boolean> => {
    const ok = await confirm({
      title: t("comments.restore.title"),
      description: t("comments.restore.body", {
        excerpt: excerpt(comment.body),
      }),
      confirmText: t("comments.actions.restore"),
      variant: "confirmation",
    })
    if (!ok) {
      return false
    }
    try {
      await restore.mutateAsync(comment)
      toast.success(t("comments.toast.restored"))
      return true
    } catch (e) {
      toast.error((e as Error).message)
      return false
    }
  }
}
