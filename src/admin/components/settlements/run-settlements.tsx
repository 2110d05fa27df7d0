import { Button, Drawer, Heading, Table, toast } from "@medusajs/ui"
import { useState, type ReactNode } from "react"
import {
  type SettlementRunResult,
  keys,
  post,
  useAction,
} from "../earnings/api"
import { SettlementStatusBadge } from "../earnings/badges"
import { StatTile } from "../earnings/states"
import { useBuyerLabels } from "../earnings/buyer-labels"
import { useT } from "../../lib/i18n"
import { formatMoney } from "../../lib/money"
import { EmptyState } from "../../lib/states"
import { useConfirm } from "../../lib/confirm"

/**
 * "Run now": after a confirmation, runs the settlement workflow for every
 * buyer and currency (`POST /admin/settlements`) and shows what it did:
 * settlements created, which are paid, and who was skipped and why.
 */
export const RunSettlements = () => {
  const t = useT()
  const confirm = useConfirm()
  const [result, setResult] = useState<SettlementRunResult | null>(null)
  const run = useAction(
    () => post<SettlementRunResult>("/admin/settlements", {}),
    [keys.settlements, keys.commissions, keys.buyers]
  )
  const onClick = async () => {
    const ok = await confirm({
      title: t("settlements.run.confirmTitle"),
      description: t("settlements.run.confirmDescription"),
      confirmText: t("settlements.run.confirm"),
      variant: "confirmation",
    })
    if (!ok) {
      return
    }
    try {
      const r = await run.mutateAsync(undefined)
      setResult(r)
      toast.success(
        t("settlements.run.done", {
          created: r.settlements.length,
          skipped: r.skipped.length,
        })
      )
    } catch (e) {
      toast.error((e as Error).message)
    }
  }
  return (
    <>
      <Button size="small" onClick={onClick} isLoading={run.isPending}>
        {t("settlements.run.button")}
      </Button>
      <Drawer open={!!result} onOpenChange={(o) => !o && setResult(null)}>
        <Drawer.Content>
          <Drawer.Header>
            <Drawer.Title>{t("settlements.run.resultTitle")}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
            {result && <RunResult result={result} />}
          </Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary">
                {t("common.actions.close")}
              </Button>
            </Drawer.Close>
          </Drawer.Footer>
        </Drawer.Content>
      </Drawer>
    </>
  )
}

const RunResult = ({ result }: { result: SettlementRunResult }) => {
  const t = useT()
  const buyers = useBuyerLabels([
    ...result.settlements.map((s) => s.buyer_id),
    ...result.skipped.map((s) => s.buyer_id),
  ])
  const name = (id: string) =>
    buyers.get(id) ? `@${buyers.get(id)!.handle}` : id
  const paid = result.settlements.filter((s) => s.status === "paid")
  return (
    <>
      <div className="grid grid-cols-3 gap-3" data-testid="run-summary">
        <StatTile
          size="xlarge"
          label={t("settlements.run.created")}
          value={result.settlements.length}
        />
        <StatTile
          size="xlarge"
          label={t("settlements.run.paid")}
          value={paid.length}
        />
        <StatTile
          size="xlarge"
          label={t("settlements.run.skipped")}
          value={result.skipped.length}
        />
      </div>
      <RunSection
        title={t("settlements.run.created")}
        empty={t("settlements.run.noneCreated")}
        rows={result.settlements.map((s) => ({
          key: s.id,
          buyer: name(s.buyer_id),
          what: <SettlementStatusBadge status={s.status} />,
          amount: formatMoney(s.amount, s.currency_code),
        }))}
      />
      <RunSection
        title={t("settlements.run.skipped")}
        empty={t("settlements.run.noneSkipped")}
        rows={result.skipped.map((s) => ({
          key: `${s.buyer_id}-${s.currency_code}`,
          buyer: name(s.buyer_id),
          what: t(`settlements.skip.${s.reason}`),
          amount: formatMoney(s.amount, s.currency_code),
        }))}
      />
    </>
  )
}

/** One list of the run's answer: a row per buyer (what happened, how much). */
const RunSection = ({
  title,
  empty,
  rows,
}: {
  title: string
  empty: string
  rows: { key: string; buyer: string; what: ReactNode; amount: string }[]
}) => (
  <section className="flex flex-col gap-y-2">
    <Heading level="h3">{title}</Heading>
    {rows.length === 0 ? (
      <EmptyState title={empty} />
    ) : (
      <Table>
        <Table.Body>
          {rows.map((r) => (
            <Table.Row key={r.key}>
              <Table.Cell>{r.buyer}</Table.Cell>
              <Table.Cell>{r.what}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">
                {r.amount}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    )}
  </section>
)
