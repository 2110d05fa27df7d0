import { StatusBadge } from "@medusajs/ui"
import type { BuyerStatus, EntryStatus, SettlementStatus } from "./api"
import { useT } from "../../lib/i18n"

type Color = "green" | "red" | "orange" | "grey" | "blue" | "purple"

const BUYER: Record<BuyerStatus, Color> = {
  pending: "orange",
  approved: "green",
  suspended: "red",
}

const ENTRY: Record<string, Color> = {
  pending: "orange",
  approved: "blue",
  on_hold: "purple",
  paid: "green",
  void: "grey",
}

const SETTLEMENT: Record<SettlementStatus, Color> = {
  pending: "orange",
  processing: "blue",
  paid: "green",
  failed: "red",
}

export const BuyerStatusBadge = ({ status }: { status: BuyerStatus }) => {
  const t = useT()
  return (
    <StatusBadge color={BUYER[status] ?? "grey"}>
      {t(`buyers.status.${status}`)}
    </StatusBadge>
  )
}

export const EntryStatusBadge = ({ status }: { status: EntryStatus }) => {
  const t = useT()
  return (
    <StatusBadge color={ENTRY[status] ?? "grey"}>
      {t(`commissions.status.${status}`)}
    </StatusBadge>
  )
}

export const SettlementStatusBadge = ({
  status,
}: {
  status: SettlementStatus
}) => {
  const t = useT()
  return (
    <StatusBadge color={SETTLEMENT[status] ?? "grey"}>
      {t(`settlements.status.${status}`)}
    </StatusBadge>
  )
}
