import { DatePicker, Select } from "@medusajs/ui"
import { toDateInput } from "./dates"
import { useT } from "./i18n"
import { customLastDays, PERIOD_PRESETS, type Period } from "./period"

function parseDate(value: string): Date {
  const [y, m, d] = value.split("-").map(Number)
  return new Date(y, m - 1, d)
}

/**
 * The report period: 7 / 30 / 90 days, month or year to date, or custom
 * dates (from and to, both inclusive).
 */
export function PeriodPicker({
  value,
  onChange,
}: {
  value: Period
  onChange: (period: Period) => void
}) {
  const t = useT()
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="w-[180px]">
        <Select
          size="small"
          value={value.preset}
          onValueChange={(p) =>
            onChange(
              p === "custom"
                ? customLastDays(30)
                : { preset: p as (typeof PERIOD_PRESETS)[number] }
            )
          }
        >
          <Select.Trigger aria-label={t("common.period.label")}>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {[...PERIOD_PRESETS, "custom" as const].map((p) => (
              <Select.Item key={p} value={p}>
                {t(`common.period.${p}`)}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      {value.preset === "custom" ? (
        <>
          <div className="w-[170px]" aria-label={t("common.period.from")}>
            <DatePicker
              size="small"
              aria-label={t("common.period.from")}
              value={parseDate(value.from)}
              maxValue={parseDate(value.to)}
              onChange={(d) =>
                d && onChange({ ...value, from: toDateInput(d) })
              }
            />
          </div>
          <div className="w-[170px]" aria-label={t("common.period.to")}>
            <DatePicker
              size="small"
              aria-label={t("common.period.to")}
              value={parseDate(value.to)}
              minValue={parseDate(value.from)}
              onChange={(d) => d && onChange({ ...value, to: toDateInput(d) })}
            />
          </div>
        </>
      ) : null}
    </div>
  )
}
