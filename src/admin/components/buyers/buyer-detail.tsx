import {
  Badge,
  Container,
  Heading,
  StatusBadge,
  Table,
  Text,
} from "@medusajs/ui"
import { useAdminQuery } from "../../lib/api"
import { Link, useParams } from "react-router-dom"
import { AdjustmentModal } from "../earnings/adjustment-modal"
import {
  type Buyer,
  type PayoutAccountState,
  useBalances,
  useBuyer,
} from "../earnings/api"
import { BuyerStatusBadge } from "../earnings/badges"
import { EntriesTable } from "../earnings/entries-table"
import { useLocale, useT } from "../../lib/i18n"
import { formatMoney } from "../../lib/money"
import { paths } from "../earnings/paths"
import { formatDate, formatDateTime } from "../../lib/dates"
import { EmptyState, ErrorState, LoadingState } from "../../lib/states"
import { DetailHeader, DetailRow, LoadingPage } from "../earnings/states"
import { SettlementsTable } from "../settlements/settlements-table"
import { ApproveButton, SuspendDrawer, TierDrawer } from "./buyer-actions"
import { BuyerPromoCodes } from "./buyer-promo-codes"
import { BuyerReport } from "./buyer-report"
import { useFlaggedBuyers } from "./use-signals"

/** One buyer: profile, report, balances, ledger, notes, settlements, payout account. */
export const BuyerDetail = () => {
  const { id } = useParams()
  const t = useT()
  const locale = useLocale()
  const buyer = useBuyer(id)
  if (buyer.isError) {
    return (
      <Container className="p-0">
        <ErrorState error={buyer.error} onRetry={() => buyer.refetch()} />
      </Container>
    )
  }
  if (!buyer.data) {
    return <LoadingPage />
  }
  const b = buyer.data.buyer
  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <DetailHeader
          title={b.display_name}
          subtitle={`@${b.handle}`}
          badges={<BuyerStatusBadge status={b.status} />}
          actions={
            <>
              <TierDrawer buyer={b} />
              {b.status !== "suspended" && <SuspendDrawer buyer={b} />}
              {b.status !== "approved" && <ApproveButton buyer={b} />}
            </>
          }
        />
        <Signals buyerId={b.id} />
        <DetailRow label={t("buyers.detail.customer")}>
          <Link
            to={paths.customer(b.customer_id)}
            className="text-ui-fg-interactive hover:underline"
          >
            {b.customer_id}
          </Link>
        </DetailRow>
        <DetailRow label={t("buyers.detail.tier")}>
          <Badge size="2xsmall">{b.tier}</Badge>
        </DetailRow>
        <DetailRow label={t("buyers.detail.bio")}>{b.bio || "-"}</DetailRow>
        <DetailRow label={t("buyers.detail.applied")}>
          {formatDateTime(b.created_at, locale)}
        </DetailRow>
        <DetailRow label={t("buyers.detail.approvedAt")}>
          {formatDateTime(b.approved_at, locale)}
        </DetailRow>
        {b.status === "suspended" && (
          <DetailRow label={t("buyers.detail.suspendedBecause")}>
            {b.suspended_reason || "-"} (
            {formatDateTime(b.suspended_at, locale)})
          </DetailRow>
        )}
      </Container>
      <BuyerReport buyerId={b.id} />
      <BuyerPromoCodes buyer={b} />
      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        <BalancesSection buyer={b} />
        <PayoutSection buyerId={b.id} />
      </div>
      <EntriesTable
        title={t("buyers.detail.ledger")}
        fixed={{ buyer_id: b.id }}
        showBuyer={false}
        pageSize={10}
        actions={<AdjustmentModal buyerId={b.id} />}
      />
      <SettlementsTable
        title={t("buyers.detail.settlements")}
        fixed={{ buyer_id: b.id }}
        showBuyer={false}
        pageSize={10}
      />
      <NotesSection buyerId={b.id} />
    </div>
  )
}

const Signals = ({ buyerId }: { buyerId: string }) => {
  const t = useT()
  const flagged = useFlaggedBuyers()
  const signals = flagged.data?.get(buyerId)
  if (!signals?.length) {
    return null
  }
  return (
    <div className="bg-ui-bg-subtle flex flex-wrap items-center gap-2 px-6 py-3">
      <Text size="small" weight="plus">
        {t("buyers.detail.flagged")}
      </Text>
      {signals.map((s) => (
        <StatusBadge key={s.kind + (s.since ?? "")} color="red">
          {t(`buyers.signals.${s.kind}`)}
        </StatusBadge>
      ))}
    </div>
  )
}

const BalancesSection = ({ buyer }: { buyer: Buyer }) => {
  const t = useT()
  const balances = useBalances({ buyer_id: buyer.id })
  const rows = balances.data?.balances ?? []
  const cols = [
    "payable",
    "pending",
    "on_hold",
    "approved",
    "paid",
    "reversed",
    "adjusted",
  ] as const
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">{t("buyers.detail.balances")}</Heading>
      </div>
      {balances.isError ? (
        <ErrorState error={balances.error} onRetry={() => balances.refetch()} />
      ) : balances.isLoading ? (
        <LoadingState />
      ) : rows.length === 0 ? (
        <EmptyState title={t("buyers.detail.noBalances")} />
      ) : (
        <div className="overflow-x-auto">
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>
                  {t("commissions.columns.currency")}
                </Table.HeaderCell>
                {cols.map((c) => (
                  <Table.HeaderCell key={c} className="text-right">
                    {t(`buyers.balance.${c}`)}
                  </Table.HeaderCell>
                ))}
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {rows.map((r) => (
                <Table.Row key={r.currency_code}>
                  <Table.Cell className="uppercase">
                    {r.currency_code}
                  </Table.Cell>
                  {cols.map((c) => (
                    <Table.Cell key={c} className="text-right tabular-nums">
                      {formatMoney(r[c], r.currency_code)}
                    </Table.Cell>
                  ))}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Container>
  )
}

const PayoutSection = ({ buyerId }: { buyerId: string }) => {
  const t = useT()
  const payout = useAdminQuery<PayoutAccountState>(
    `/admin/buyers/${buyerId}/payout-account`
  )
  const a = payout.data?.payout_account
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("buyers.detail.payout")}</Heading>
        {payout.data && (
          <Badge size="2xsmall">
            {t(`settlements.provider.${payout.data.provider}`)}
          </Badge>
        )}
      </div>
      {payout.isError ? (
        <ErrorState error={payout.error} onRetry={() => payout.refetch()} />
      ) : !payout.data ? (
        <LoadingState />
      ) : payout.data.provider === "manual" ? (
        <EmptyState
          title={t("buyers.detail.payoutManual")}
          description={t("buyers.detail.payoutManualHint")}
        />
      ) : !a ? (
        <EmptyState
          title={t("buyers.detail.payoutNone")}
          description={t("buyers.detail.payoutNoneHint")}
        />
      ) : (
        <>
          <DetailRow label={t("buyers.detail.payoutAccount")}>
            {a.account_id}
          </DetailRow>
          <DetailRow label={t("buyers.detail.payoutsEnabled")}>
            <StatusBadge color={a.payouts_enabled ? "green" : "red"}>
              {a.payouts_enabled ? t("buyers.yes") : t("buyers.no")}
            </StatusBadge>
          </DetailRow>
          <DetailRow label={t("buyers.detail.detailsSubmitted")}>
            {a.details_submitted ? t("buyers.yes") : t("buyers.no")}
          </DetailRow>
          {a.disabled_reason && (
            <DetailRow label={t("buyers.detail.disabledReason")}>
              {a.disabled_reason}
            </DetailRow>
          )}
          {a.last_payout_failure && (
            <DetailRow label={t("buyers.detail.lastFailure")}>
              {a.last_payout_failure}
            </DetailRow>
          )}
        </>
      )}
    </Container>
  )
}

type NoteRow = {
  id: string
  title: string
  status: "draft" | "published" | "hidden"
  published_at: string | null
  created_at?: string
}

const NOTE_COLOR = { draft: "grey", published: "green", hidden: "red" } as const

const NotesSection = ({ buyerId }: { buyerId: string }) => {
  const t = useT()
  const locale = useLocale()
  const notes = useAdminQuery<{ notes: NoteRow[]; count: number }>(
    "/admin/notes",
    { buyer_id: buyerId, limit: 10 }
  )
  const rows = notes.data?.notes ?? []
  return (
    <Container className="divide-y p-0">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">{t("buyers.detail.notes")}</Heading>
        {notes.data && (
          <Text size="small" className="text-ui-fg-subtle">
            {t("buyers.detail.notesCount", { count: notes.data.count })}
          </Text>
        )}
      </div>
      {notes.isError ? (
        <ErrorState error={notes.error} onRetry={() => notes.refetch()} />
      ) : notes.isLoading ? (
        <LoadingState />
      ) : rows.length === 0 ? (
        <EmptyState title={t("buyers.detail.noNotes")} />
      ) : (
        <Table>
          <Table.Body>
            {rows.map((n) => (
              <Table.Row key={n.id}>
                <Table.Cell>
                  <Link
                    to={paths.note(n.id)}
                    className="text-ui-fg-interactive hover:underline"
                  >
                    {n.title}
                  </Link>
                </Table.Cell>
                <Table.Cell>
                  <StatusBadge color={NOTE_COLOR[n.status] ?? "grey"}>
                    {t(`buyers.noteStatus.${n.status}`)}
                  </StatusBadge>
                </Table.Cell>
                <Table.Cell className="text-right">
                  {formatDate(n.published_at, locale)}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}
