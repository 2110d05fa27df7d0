import { Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useCallback, useState } from "react"
import { ExclamationCircle } from "@medusajs/icons"
import {
  type Query,
  type SettlementsPage as Page,
  useSettlements,
} from "../earnings/api"
import { useT } from "../../lib/i18n"
import { addDecimals, formatMoney } from "../../lib/money"
import { downloadCsv } from "./csv"
import { RunSettlements } from "./run-settlements"
import { SettlementsTable } from "./settlements-table"

/**
 * Settlements: totals per currency and status, "Run now", the CSV of the
 * filtered list, and the list with the ones that need attention marked.
 */
export const SettlementsPage = () => {
  const t = useT()
  const [data, setData] = useState<Page | undefined>()
  const [query, setQuery] = useState<Query>({})
  const [downloading, setDownloading] = useState(false)
  const onData = useCallback((d: Page | undefined) => d && setData(d), [])
  const onQuery = useCallback((q: Query) => setQuery(q), [])

  const download = async () => {
    setDownloading(true)
    try {
      await downloadCsv("/admin/settlements", query, "settlements.csv")
    } catch (e) {
      toast.error((e as Error).message)
    } finally {
      setDownloading(false)
    }
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
          <div>
            <Heading level="h1">{t("settlements.title")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("settlements.subtitle")}
            </Text>
          </div>
          <div className="flex items-center gap-x-2">
            <Button
              size="small"
              variant="secondary"
              onClick={download}
              isLoading={downloading}
            >
              {t("settlements.csv")}
            </Button>
            <RunSettlements />
          </div>
        </div>
        <AttentionBanner />
        <Totals data={data} />
      </Container>
      <SettlementsTable
        title={t("settlements.list")}
        onData={onData}
        onQuery={onQuery}
      />
    </div>
  )
}

const STATUS_ORDER = ["failed", "processing", "pending", "paid"] as const

/** Per currency: each status's amount and count (over the filtered list). */
const Totals = ({ data }: { data: Page | undefined }) => {
  const t = useT()
  const totals = data?.totals ?? []
  const currencies = [...new Set(totals.map((x) => x.currency_code))].sort()
  if (!currencies.length) {
    return null
  }
  return (
    <div
      className="flex flex-wrap gap-3 px-6 py-4"
      data-testid="settlement-totals"
    >
      {currencies.map((c) => {
        const rows = totals.filter((x) => x.currency_code === c)
        return (
          <div
            key={c}
            className="bg-ui-bg-subtle shadow-borders-base min-w-[240px] rounded-lg px-4 py-3"
          >
            <div className="flex items-baseline justify-between gap-x-4">
              <Text size="xsmall" className="text-ui-fg-subtle uppercase">
                {c}
              </Text>
              <Text size="large" weight="plus" className="tabular-nums">
                {formatMoney(addDecimals(rows.map((r) => r.amount)), c)}
              </Text>
            </div>
            {STATUS_ORDER.map((s) => {
              const r = rows.find((x) => x.status === s)
              if (!r) {
                return null
              }
              return (
                <div
                  key={s}
                  className={
                    "flex justify-between gap-x-4 " +
                    (s === "failed" ? "text-ui-fg-error" : "text-ui-fg-subtle")
                  }
                >
                  <Text size="small">
                    {t(`settlements.status.${s}`)} ({r.count})
                  </Text>
                  <Text size="small" className="tabular-nums">
                    {formatMoney(r.amount, c)}
                  </Text>
                </div>
              )
            })}
          </div>
        )
      })}
    </div>
  )
}

/** Failed settlements and payouts still in flight, over every settlement. */
const AttentionBanner = () => {
  const t = useT()
  const open = useSettlements({ status: "failed,processing", limit: 1 })
  const totals = open.data?.totals ?? []
  const count = (status: string) =>
    totals.filter((x) => x.status === status).reduce((n, x) => n + x.count, 0)
  const failed = count("failed")
  const processing = count("processing")
  if (!failed && !processing) {
    return null
  }
  return (
    <div
      role="status"
      data-testid="settlements-attention"
      className={
        "flex items-center gap-x-2 px-6 py-3 " +
        (failed
          ? "bg-ui-tag-red-bg text-ui-tag-red-text"
          : "bg-ui-tag-orange-bg text-ui-tag-orange-text")
      }
    >
      <ExclamationCircle />
      <Text size="small" weight="plus">
        {t("settlements.attention", { failed, processing })}
      </Text>
    </div>
  )
}
