import type { ExecArgs } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { NOTES_MODULE } from "../modules/notes"
import type NotesModuleService from "../modules/notes/service"

/**
 * Once, on `medusa db:migrate`: notes written before bodies were sanitised
 * with a Markdown parser get their body sanitised again and their
 * `body_html` rendered, so that storefronts rendering `body` themselves are
 * safe for old notes too. (Until it runs, the read path renders a missing
 * `body_html` on the fly.)
 */
export default async function backfillNoteBodyHtml({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const service = container.resolve<NotesModuleService>(NOTES_MODULE)
  const count = await service.backfillBodyHtml()
  logger.info(`notes: sanitised and rendered ${count} note bodies`)
}
