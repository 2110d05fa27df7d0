import {
  createDataTableColumnHelper,
  createDataTableFilterHelper,
} from "@medusajs/ui"
import { Link } from "react-router-dom"
import { formatDateTime } from "../../lib/dates"
import { formatMoney, signOf } from "../../lib/money"
import { sortable } from "../../lib/table"
import { paths } from "./paths"

/*
 * Cells the ledger and settlement tables share. A click on a link opens
 * what it names, not the row's own page.
 */

const LINK = "text-ui-fg-interactive hover:underline"

/** A buyer as `@handle` (the id until their label loads). */
export const BuyerLink = ({ id, handle }: { id: string; handle?: string }) => (
  <Link
    to={paths.buyer(id)}
    className={LINK}
    onClick={(e) => e.stopPropagation()}
  >
    {handle ? `@${handle}` : id}
  </Link>
)

/** An order by the end of its id, or "-" for none. */
export const OrderLink = ({ id }: { id: string | null }) =>
  id ? (
    <Link
      to={paths.order(id)}
      className={LINK}
      onClick={(e) => e.stopPropagation()}
    >
      {id.slice(-8)}
    </Link>
  ) : (
    "-"
  )

/** An amount, right-aligned; `signed`: a negative one in red. */
export const AmountCell = ({
  amount,
  currency,
  signed = false,
}: {
  amount: string
  currency: string
  signed?: boolean
}) => (
  <div
    className={
      "text-right tabular-nums" +
      (signed && signOf(amount) < 0 ? " text-ui-fg-error" : "")
    }
  >
    {formatMoney(amount, currency)}
  </div>
)

/**
 * The first columns of the ledger and settlements tables: when (sortable,
 * `dateKey` names it) and, given the labels, whose (`buyerKey`).
 */
export function whenAndWhoColumns<
  T extends { created_at: string; buyer_id: string },
>({
  t,
  locale,
  dateKey,
  buyerKey,
  buyers,
}: {
  t: (key: string) => string
  locale: string
  dateKey: string
  buyerKey: string
  buyers: Map<string, { handle: string }> | null
}) {
  const column = createDataTableColumnHelper<T>()
  return [
    column.accessor((r) => r.created_at, {
      id: "created_at",
      header: t(dateKey),
      ...sortable(t, dateKey),
      cell: ({ getValue }) => formatDateTime(getValue(), locale),
    }),
    ...(buyers
      ? [
          column.accessor((r) => r.buyer_id, {
            id: "buyer_id",
            header: t(buyerKey),
            cell: ({ getValue }) => (
              <BuyerLink
                id={getValue()}
                handle={buyers.get(getValue())?.handle}
              />
            ),
          }),
        ]
      : []),
  ]
}

const ledgerFilter = createDataTableFilterHelper<{
  currency_code: string
  buyer_id: string
  created_at: string
}>()

/**
 * The filters the ledger and settlements tables share: the currency, the
 * buyer (none when the table is fixed to one), the creation date
 * (`createdKey` names it). Each table places them among its own.
 */
export function ledgerFilters({
  t,
  createdKey,
  withBuyer,
}: {
  t: (key: string) => string
  createdKey: string
  withBuyer: boolean
}) {
  return {
    currency: ledgerFilter.accessor("currency_code", {
      type: "string",
      label: t("commissions.columns.currency"),
      placeholder: "eur",
    }),
    buyer: withBuyer
      ? [
          ledgerFilter.accessor("buyer_id", {
            type: "string",
            label: t("commissions.columns.buyerId"),
            placeholder: "buyer_…",
          }),
        ]
      : [],
    created: ledgerFilter.accessor("created_at", {
      type: "date",
      label: t(createdKey),
      format: "date",
      options: [],
    }),
  }
}
