import { usePrompt } from "@medusajs/ui"
import { useCallback } from "react"
import { useT } from "./i18n"

export type ConfirmOptions = {
  title: string
  description: string
  confirmText: string
  /** "danger" (the default) for a step that removes or stops something. */
  variant?: "danger" | "confirmation"
}

/*
 * A confirmation before a step the merchant should not take by accident:
 * the dashboard's Prompt, with our "Cancel".
 *
 *   const confirm = useConfirm()
 *   if (!(await confirm({ title, description, confirmText }))) return
 */
export function useConfirm() {
  const t = useT()
  const prompt = usePrompt()
  return useCallback(
    (opts: ConfirmOptions): Promise<boolean> =>
      prompt({ ...opts, cancelText: t("common.actions.cancel") }),
    [prompt, t]
  )
}
