import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Badge, Container, Heading, Select, Table, Text } from "@medusajs/ui"
import { useEffect, useState } from "react"
import { sdk } from "../../../lib/sdk"

/*
 * The program at a glance (GET /admin/program-report, docs/reports.md):
 * KPIs of the period against the one before, the buyer leaderboard by net
 * commission, dropped clicks by reason and the review signals. Money is
 * shown as the API answers it: decimal strings per currency, never summed
 * across currencies. Not yet here (issue 12): the time-series chart.
 */

type Currency = {
  currency_code: string
  sales: string
  net: string
  pending: string
  approved: string
}
type Metrics = {
  clicks: number
  orders: number | null
  conversion: string | null
  dropped: Record<string, number>
  currencies: Currency[]
}
type Report = {
  range: { from: string; to: string }
  totals: Metrics
  groups: ({ key: string | null; label: string | null } & Metrics)[]
  count: number
  signals?: {
    buyer_id: string
    kind: string
    value: string | number
    since: string | null
  }[]
}

type Period = "7d" | "30d" | "90d"

const DAY = 24 * 3600 * 1000

/** The change of `now` against `before`, as a whole percentage. */
const change = (now: number, before: number): string | null => {
  if (before === 0) {
    return now === 0 ? null : "new"
  }
  const pct = Math.round(((now - before) / before) * 100)
  return `${pct > 0 ? "+" : ""}${pct}%`
}

/** "0.123456" → "12.3456%": the decimal string moved two places, exactly. */
const percent = (ratio: string): string => {
  const [int, frac = ""] = ratio.split(".")
  const digits = `${int}${frac.padEnd(2, "0")}`
  const whole = digits.slice(0, int.length + 2).replace(/^(-?)0+(?=\d)/, "$1")
  const rest = frac.slice(2).replace(/0+$/, "")
  return `${whole}${rest ? `.${rest}` : ""}%`
}

const Kpi = ({
  label,
  value,
  delta,
}: {
  label: string
  value: string
  delta?: string | null
}) => (
  <Container className="flex flex-col gap-y-1 px-6 py-4">
    <Text size="small" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="xlarge" weight="plus" aria-label={label}>
      {value}
    </Text>
    {delta ? (
      <Text size="xsmall" className="text-ui-fg-muted">
        {delta} against the previous period
      </Text>
    ) : null}
  </Container>
)

const OverviewPage = () => {
  const [period, setPeriod] = useState<Period>("30d")
  const [now, setNow] = useState<Report | null>(null)
  const [before, setBefore] = useState<Report | null>(null)
  const [failed, setFailed] = useState<string>()

  useEffect(() => {
    let live = true
    const load = async () => {
      try {
        const current = await sdk.client.fetch<Report>(
          "/admin/program-report",
          {
            query: {
              preset: period,
              group_by: "buyer",
              limit: 10,
              signals: "include",
            },
          }
        )
        // The period before, of the same length, ending where this starts.
        const from = Date.parse(current.range.from)
        const span = Date.parse(current.range.to) - from
        const previous = await sdk.client.fetch<Report>(
          "/admin/program-report",
          {
            query: {
              from: new Date(from - Math.max(span, DAY)).toISOString(),
              to: new Date(from).toISOString(),
              interval: "day",
            },
          }
        )
        if (live) {
          setNow(current)
          setBefore(previous)
          setFailed(undefined)
        }
      } catch (e) {
        if (live) {
          setFailed((e as Error).message)
        }
      }
    }
    void load()
    return () => {
      live = false
    }
  }, [period])

  const t = now?.totals
  const p = before?.totals
  const dropped = t ? Object.entries(t.dropped).filter(([, n]) => n > 0) : []

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading>Program overview</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Clicks, orders and commission of your buyers' notes.
          </Text>
        </div>
        <Select value={period} onValueChange={(v) => setPeriod(v as Period)}>
          <Select.Trigger className="w-40" aria-label="Period">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            <Select.Item value="7d">Last 7 days</Select.Item>
            <Select.Item value="30d">Last 30 days</Select.Item>
            <Select.Item value="90d">Last 90 days</Select.Item>
          </Select.Content>
        </Select>
      </Container>
      {failed ? (
        <Container className="px-6 py-4">
          <Text className="text-ui-fg-error" role="alert">
            {failed}
          </Text>
        </Container>
      ) : !t || !p ? (
        <Container className="px-6 py-4">
          <Text className="text-ui-fg-muted">Loading…</Text>
        </Container>
      ) : (
        <>
          <div className="grid grid-cols-3 gap-3">
            <Kpi
              label="Clicks"
              value={String(t.clicks)}
              delta={change(t.clicks, p.clicks)}
            />
            <Kpi
              label="Orders"
              value={String(t.orders ?? 0)}
              delta={change(t.orders ?? 0, p.orders ?? 0)}
            />
            <Kpi
              label="Conversion"
              value={t.conversion === null ? "—" : percent(t.conversion)}
            />
          </div>
          <Container className="divide-y p-0">
            <div className="px-6 py-4">
              <Heading level="h2">Sales and commission</Heading>
            </div>
            {t.currencies.length === 0 ? (
              <Text className="text-ui-fg-muted px-6 py-4">
                No attributed sales in this period.
              </Text>
            ) : (
              <Table>
                <Table.Header>
                  <Table.Row>
                    <Table.HeaderCell>Currency</Table.HeaderCell>
                    <Table.HeaderCell>Sales</Table.HeaderCell>
                    <Table.HeaderCell>Commission (net)</Table.HeaderCell>
                    <Table.HeaderCell>Pending</Table.HeaderCell>
                    <Table.HeaderCell>Payable</Table.HeaderCell>
                  </Table.Row>
                </Table.Header>
                <Table.Body>
                  {t.currencies.map((c) => (
                    <Table.Row key={c.currency_code}>
                      <Table.Cell>{c.currency_code.toUpperCase()}</Table.Cell>
                      <Table.Cell>{c.sales}</Table.Cell>
                      <Table.Cell>{c.net}</Table.Cell>
                      <Table.Cell>{c.pending}</Table.Cell>
                      <Table.Cell>{c.approved}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            )}
          </Container>
          <div className="grid grid-cols-2 gap-3">
            <Container className="divide-y p-0">
              <div className="px-6 py-4">
                <Heading level="h2">Top buyers</Heading>
              </div>
              {now.groups.length === 0 ? (
                <Text className="text-ui-fg-muted px-6 py-4">
                  No buyer had a click or an order in this period.
                </Text>
              ) : (
                <Table>
                  <Table.Header>
                    <Table.Row>
                      <Table.HeaderCell>Buyer</Table.HeaderCell>
                      <Table.HeaderCell>Clicks</Table.HeaderCell>
                      <Table.HeaderCell>Orders</Table.HeaderCell>
                      <Table.HeaderCell>Net</Table.HeaderCell>
                    </Table.Row>
                  </Table.Header>
                  <Table.Body>
                    {now.groups.map((g) => (
                      <Table.Row key={g.key ?? "none"}>
                        <Table.Cell>
                          {g.label ?? g.key ?? "No buyer"}
                        </Table.Cell>
                        <Table.Cell>{g.clicks}</Table.Cell>
                        <Table.Cell>{g.orders ?? 0}</Table.Cell>
                        <Table.Cell>
                          {g.currencies
                            .map(
                              (c) => `${c.net} ${c.currency_code.toUpperCase()}`
                            )
                            .join(" · ") || "—"}
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              )}
            </Container>
            <Container className="divide-y p-0">
              <div className="px-6 py-4">
                <Heading level="h2">Needs a look</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  Dropped clicks and review signals. Nothing is held
                  automatically.
                </Text>
              </div>
              <div className="flex flex-col gap-y-2 px-6 py-4">
                {dropped.length === 0 && !now.signals?.length ? (
                  <Text className="text-ui-fg-muted">Nothing to review.</Text>
                ) : null}
                {dropped.map(([reason, n]) => (
                  <Text key={reason} size="small">
                    Dropped ({reason.replace("_", " ")}): {n}{" "}
                    {n === 1 ? "click" : "clicks"}
                  </Text>
                ))}
                {now.signals?.map((s) => (
                  <Text key={`${s.buyer_id}-${s.kind}`} size="small">
                    <Badge size="2xsmall" color="orange">
                      {s.kind.replace(/_/g, " ")}
                    </Badge>{" "}
                    {s.buyer_id}
                  </Text>
                ))}
              </div>
            </Container>
          </div>
        </>
      )}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Program overview",
})

export default OverviewPage
