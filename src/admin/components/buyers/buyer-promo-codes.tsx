import { zodResolver } from "@hookform/resolvers/zod"
import {
  Button,
  Container,
  DataTable,
  FocusModal,
  Heading,
  Input,
  Select,
  StatusBadge,
  Text,
  createDataTableColumnHelper,
  toast,
  useDataTable,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useForm } from "react-hook-form"
import { z } from "zod"
import { useAdminQuery } from "../../lib/api"
import { useConfirm } from "../../lib/confirm"
import { formatDate } from "../../lib/dates"
import {
  ControlledField,
  FormError,
  ModalFormBody,
  ModalFormHeader,
  TextField,
  applyApiErrors,
} from "../../lib/form"
import { useLocale, useT } from "../../lib/i18n"
import { formatMoney } from "../../lib/money"
import type { BuyerPromoCodeDTO } from "../../../types/promo-codes"
import { type Buyer, keys, post, useAction } from "../earnings/api"

type PromoCode = BuyerPromoCodeDTO

const path = (buyerId: string) => `/admin/buyers/${buyerId}/promo-codes`

/**
 * The rules `POST /admin/buyers/{id}/promo-codes` enforces, each message
 * the rule in the dashboard's language (`msg(field)`).
 */
const schemaOf = (msg: (field: string) => string) =>
  z
    .object({
      code: z
        .string()
        .trim()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,31}$/, msg("code")),
      type: z.enum(["percentage", "fixed"]),
      value: z
        .string()
        .trim()
        .regex(/^\d{1,12}(\.\d{1,10})?$/, msg("value"))
        .refine((v) => Number(v) > 0, msg("value")),
      currency_code: z.string().trim(),
      usage_limit: z
        .string()
        .trim()
        .regex(/^([1-9]\d{0,6})?$/, msg("usage_limit")),
      starts_at: z.string().trim(),
      ends_at: z.string().trim(),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string) =>
        ctx.addIssue({ code: "custom", path: [path], message: msg(path) })
      if (v.type === "percentage" && Number(v.value) > 100) {
        issue("value")
      }
      if (v.type === "fixed" && !/^[A-Za-z]{3}$/.test(v.currency_code)) {
        issue("currency_code")
      }
      if (v.starts_at && v.ends_at && v.ends_at <= v.starts_at) {
        issue("ends_at")
      }
    })
type Values = z.infer<ReturnType<typeof schemaOf>>
const FIELDS = [
  "code",
  "type",
  "value",
  "currency_code",
  "usage_limit",
  "starts_at",
  "ends_at",
] as const

const EMPTY: Values = {
  code: "",
  type: "percentage",
  value: "",
  currency_code: "",
  usage_limit: "",
  starts_at: "",
  ends_at: "",
}

/** The request body: empty optional fields are left out. */
function bodyOf(v: Values): Record<string, unknown> {
  return {
    code: v.code,
    type: v.type,
    value: v.value,
    ...(v.type === "fixed"
      ? { currency_code: v.currency_code.toLowerCase() }
      : {}),
    ...(v.usage_limit ? { usage_limit: Number(v.usage_limit) } : {}),
    ...(v.starts_at ? { starts_at: v.starts_at } : {}),
    ...(v.ends_at ? { ends_at: v.ends_at } : {}),
  }
}

/** "10 %" or "€5.50". */
export function discountText(c: PromoCode, locale: string): string {
  return c.discount.type === "percentage"
    ? `${c.discount.value} %`
    : formatMoney(c.discount.value, c.discount.currency_code ?? "eur", locale)
}

const column = createDataTableColumnHelper<PromoCode>()

/**
 * A buyer's personal promo codes: code, discount, uses of the limit, dates
 * and status, "Give a code" (a FocusModal form) and disable / enable (after
 * a Prompt). Orders that use a code are credited to the buyer.
 */
export const BuyerPromoCodes = ({ buyer }: { buyer: Buyer }) => {
  const t = useT()
  const locale = useLocale()
  const confirm = useConfirm()
  const list = useAdminQuery<{ promo_codes: PromoCode[] }>(path(buyer.id))
  const setStatus = useAction(
    ({ code, action }: { code: PromoCode; action: "disable" | "enable" }) =>
      post<{ promo_code: PromoCode }>(`${path(buyer.id)}/${code.id}/${action}`),
    [keys.buyers]
  )

  const columns = useMemo(
    () => [
      column.accessor("code", {
        header: t("promoCodes.columns.code"),
        cell: ({ getValue }) => (
          <span className="txt-compact-small-plus font-mono">{getValue()}</span>
        ),
      }),
      column.display({
        id: "discount",
        header: t("promoCodes.columns.discount"),
        cell: ({ row }) => discountText(row.original, locale),
      }),
      column.display({
        id: "uses",
        header: t("promoCodes.columns.uses"),
        cell: ({ row }) =>
          row.original.usage_limit == null
            ? t("promoCodes.usesUnlimited", { uses: row.original.uses })
            : t("promoCodes.usesOfLimit", {
                uses: row.original.uses,
                limit: row.original.usage_limit,
              }),
      }),
      column.display({
        id: "dates",
        header: t("promoCodes.columns.dates"),
        cell: ({ row }) =>
          row.original.starts_at || row.original.ends_at
            ? `${formatDate(row.original.starts_at, locale)} – ${formatDate(row.original.ends_at, locale)}`
            : t("promoCodes.always"),
      }),
      column.accessor("status", {
        header: t("promoCodes.columns.status"),
        cell: ({ getValue }) => (
          <StatusBadge color={getValue() === "active" ? "green" : "grey"}>
            {t(`promoCodes.status.${getValue()}`)}
          </StatusBadge>
        ),
      }),
      column.display({
        id: "actions",
        cell: ({ row }) => {
          const code = row.original
          const action = code.status === "active" ? "disable" : "enable"
          return (
            <div className="flex justify-end">
              <Button
                size="small"
                variant="transparent"
                onClick={async () => {
                  const ok = await confirm({
                    title: t(`promoCodes.${action}.title`, { code: code.code }),
                    description: t(`promoCodes.${action}.description`),
                    confirmText: t(`promoCodes.${action}.confirm`),
                    variant: action === "disable" ? "danger" : "confirmation",
                  })
                  if (!ok) {
                    return
                  }
                  try {
                    await setStatus.mutateAsync({ code, action })
                    toast.success(
                      t(`promoCodes.${action}.done`, { code: code.code })
                    )
                  } catch (e) {
                    toast.error((e as Error).message)
                  }
                }}
              >
                {t(`promoCodes.${action}.action`)}
              </Button>
            </div>
          )
        },
      }),
    ],
    [t, locale, confirm, setStatus]
  )
  const table = useDataTable({
    columns,
    data: list.data?.promo_codes ?? [],
    getRowId: (c) => c.id,
    rowCount: list.data?.promo_codes.length ?? 0,
    isLoading: list.isLoading,
  })

  return (
    <Container className="divide-y p-0">
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex items-center justify-between gap-x-4 px-6 py-4">
          <div>
            <Heading level="h2">{t("promoCodes.title")}</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t("promoCodes.subtitle")}
            </Text>
          </div>
          {buyer.status === "approved" && <GiveCodeModal buyerId={buyer.id} />}
        </DataTable.Toolbar>
        <DataTable.Table
          emptyState={{
            empty: {
              heading: t("promoCodes.empty.title"),
              description: t("promoCodes.empty.description"),
            },
          }}
        />
      </DataTable>
    </Container>
  )
}

/** "Give a code": a FocusModal form checked as the API checks it. */
export const GiveCodeModal = ({ buyerId }: { buyerId: string }) => {
  const t = useT()
  const [open, setOpen] = useState(false)
  const schema = useMemo(
    () => schemaOf((f) => t(`promoCodes.invalid.${f}`)),
    [t]
  )
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: EMPTY,
  })
  const type = form.watch("type")
  const create = useAction(
    (v: Values) => post<{ promo_code: PromoCode }>(path(buyerId), bodyOf(v)),
    [keys.buyers]
  )
  const submit = form.handleSubmit(async (values) => {
    try {
      const { promo_code } = await create.mutateAsync(values)
      toast.success(t("promoCodes.give.done", { code: promo_code.code }))
      form.reset(EMPTY)
      setOpen(false)
    } catch (e) {
      applyApiErrors(e, form.setError, FIELDS)
    }
  })
  const optional = t("promoCodes.give.optional")

  return (
    <FocusModal
      open={open}
      onOpenChange={(o) => {
        setOpen(o)
        if (!o) {
          form.reset(EMPTY)
        }
      }}
    >
      <FocusModal.Trigger asChild>
        <Button size="small" variant="secondary" className="shrink-0">
          {t("promoCodes.give.action")}
        </Button>
      </FocusModal.Trigger>
      <FocusModal.Content>
        <form onSubmit={submit} className="flex h-full flex-col" noValidate>
          <ModalFormHeader
            submitText={t("promoCodes.give.save")}
            isLoading={create.isPending}
          />
          <ModalFormBody
            title={t("promoCodes.give.title")}
            description={t("promoCodes.give.description")}
          >
            <ControlledField
              control={form.control}
              name="code"
              id="promo-code"
              label={t("promoCodes.give.code")}
              hint={t("promoCodes.give.codeHint")}
            >
              {(field, state) => (
                <Input
                  id="promo-code"
                  size="small"
                  autoComplete="off"
                  placeholder="LIN10"
                  aria-invalid={!!state.error}
                  {...field}
                  onChange={(e) => field.onChange(e.target.value.toUpperCase())}
                />
              )}
            </ControlledField>
            <div className="grid grid-cols-2 gap-4">
              <ControlledField
                control={form.control}
                name="type"
                id="promo-type"
                label={t("promoCodes.give.type")}
              >
                {(field) => (
                  <Select
                    size="small"
                    value={field.value}
                    onValueChange={field.onChange}
                  >
                    <Select.Trigger id="promo-type">
                      <Select.Value />
                    </Select.Trigger>
                    <Select.Content>
                      <Select.Item value="percentage">
                        {t("promoCodes.give.percentage")}
                      </Select.Item>
                      <Select.Item value="fixed">
                        {t("promoCodes.give.fixed")}
                      </Select.Item>
                    </Select.Content>
                  </Select>
                )}
              </ControlledField>
              <TextField
                control={form.control}
                name="value"
                id="promo-value"
                label={t("promoCodes.give.value")}
                hint={t(
                  type === "fixed"
                    ? "promoCodes.give.valueFixedHint"
                    : "promoCodes.give.valuePercentHint"
                )}
                inputMode="decimal"
              />
            </div>
            {type === "fixed" && (
              <TextField
                control={form.control}
                name="currency_code"
                id="promo-currency"
                label={t("promoCodes.give.currency")}
              />
            )}
            <TextField
              control={form.control}
              name="usage_limit"
              id="promo-limit"
              label={t("promoCodes.give.limit")}
              hint={t("promoCodes.give.limitHint")}
              optionalLabel={optional}
              inputMode="decimal"
            />
            <div className="grid grid-cols-2 gap-4">
              {(["starts_at", "ends_at"] as const).map((name) => (
                <ControlledField
                  key={name}
                  control={form.control}
                  name={name}
                  id={`promo-${name}`}
                  label={t(`promoCodes.give.${name}`)}
                  optionalLabel={optional}
                >
                  {(field, state) => (
                    <Input
                      id={`promo-${name}`}
                      size="small"
                      type="date"
                      aria-invalid={!!state.error}
                      {...field}
                    />
                  )}
                </ControlledField>
              ))}
            </div>
            <FormError message={form.formState.errors.root?.server?.message} />
          </ModalFormBody>
        </form>
      </FocusModal.Content>
    </FocusModal>
  )
}
