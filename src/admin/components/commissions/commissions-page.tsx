import { Container, Heading, Text } from "@medusajs/ui"
import { AdjustmentModal } from "../earnings/adjustment-modal"
import { EntriesTable } from "../earnings/entries-table"
import { HoldDrawer } from "../earnings/hold-drawer"
import { useT } from "../../lib/i18n"

/** Commissions: the whole ledger, its totals, adjustments and order holds. */
export const CommissionsPage = () => {
  const t = useT()
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-col gap-y-1 px-6 py-4">
        <Heading level="h1">{t("commissions.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("commissions.subtitle")}
        </Text>
      </Container>
      <EntriesTable
        title={t("commissions.ledger")}
        actions={
          <>
            <HoldDrawer />
            <AdjustmentModal />
          </>
        }
      />
    </div>
  )
}
