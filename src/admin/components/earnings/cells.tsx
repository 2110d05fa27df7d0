import { Link } from "react-router-dom"
import { formatMoney, signOf } from "../../lib/money"
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
