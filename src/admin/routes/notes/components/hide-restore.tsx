import { zodResolver } from "@hookform/resolvers/zod"
import { Button, Drawer, Text, Textarea, toast, usePrompt } from "@medusajs/ui"
import { useEffect } from "react"
import { Controller, useForm } from "react-hook-form"
import { z } from "zod"
import { useAdminMutation } from "../../../lib/api"
import { applyApiErrors, Field, FormError } from "../../../lib/form"
import { useT } from "../../../lib/i18n"
import type { AdminNote } from "./types"

/*
 * Hiding takes a reason (shown to the merchant's team, kept on the note)
 * in a Drawer; restoring asks for confirmation in a Prompt.
 */

const schema = (t: (k: string) => string) =>
  z.object({
    reason: z
      .string()
      .trim()
      .min(1, t("notes.hide.reasonRequired"))
      .max(500, t("notes.hide.reasonTooLong")),
  })

export function HideNoteDrawer({
  note,
  onOpenChange,
}: {
  note: AdminNote | null
  onOpenChange: (open: boolean) => void
}) {
  const t = useT()
  const form = useForm<{ reason: string }>({
    resolver: zodResolver(schema(t)),
    defaultValues: { reason: "" },
  })
  const { control, handleSubmit, reset, setError, formState } = form
  useEffect(() => {
    if (note) {
      reset({ reason: "" })
    }
  }, [note, reset])
  const hide = useAdminMutation<{ reason: string }, { note: AdminNote }>(
    "POST",
    () => `/admin/notes/${note?.id}/hide`,
    { invalidate: ["/admin/notes"] }
  )
  const submit = handleSubmit(async (v) => {
    try {
      await hide.mutateAsync({ reason: v.reason.trim() })
      toast.success(t("notes.toast.hidden"))
      onOpenChange(false)
    } catch (e) {
      applyApiErrors(e, setError, ["reason"])
    }
  })
  return (
    <Drawer open={!!note} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col">
          <Drawer.Header>
            <Drawer.Title>{t("notes.hide.title")}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4">
            <Text size="small" className="text-ui-fg-subtle">
              {t("notes.hide.body", { title: note?.title ?? "" })}
            </Text>
            <Controller
              control={control}
              name="reason"
              render={({ field, fieldState }) => (
                <Field
                  id="hide-reason"
                  label={t("notes.hide.reason")}
                  error={fieldState.error?.message}
                >
                  <Textarea
                    id="hide-reason"
                    rows={4}
                    aria-invalid={!!fieldState.error}
                    {...field}
                  />
                </Field>
              )}
            />
            <FormError message={formState.errors.root?.server?.message} />
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary" type="button">
                {t("common.actions.cancel")}
              </Button>
            </Drawer.Close>
            <Button
              size="small"
              variant="danger"
              type="submit"
              isLoading={formState.isSubmitting}
            >
              {t("notes.actions.hide")}
            </Button>
          </Drawer.Footer>
        </form>
      </Drawer.Content>
    </Drawer>
  )
}

/** Restore after a Prompt: answers whether the note was restored. */
export function useRestoreNote() {
  const t = useT()
  const prompt = usePrompt()
  const restore = useAdminMutation<AdminNote, { note: AdminNote }>(
    "POST",
    (n) => `/admin/notes/${n.id}/restore`,
    { invalidate: ["/admin/notes"], body: () => ({}) }
  )
  return async (note: AdminNote): Promise<boolean> => {
    const ok = await prompt({
      title: t("notes.restore.title"),
      description: t("notes.restore.body", { title: note.title }),
      confirmText: t("notes.actions.restore"),
      cancelText: t("common.actions.cancel"),
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
