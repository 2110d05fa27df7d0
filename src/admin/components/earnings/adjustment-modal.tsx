import { zodResolver } from "@hookform/resolvers/zod"
import { Button, FocusModal, Input, Textarea, toast } from "@medusajs/ui"
import { useState } from "react"
import { Controller, useForm } from "react-hook-form"
import { z } from "zod"
import { EntityPicker, PICKERS } from "../../lib/entity-picker"
import {
  Field as FormField,
  FormError,
  ModalFormHeader,
  ModalFormBody,
  applyApiErrors,
} from "../../lib/form"
import { useT } from "../../lib/i18n"
import { type CommissionEntry, keys, post, useAction } from "./api"

/** The rules `POST /admin/commissions/adjustments` enforces. */
const schema = z.object({
  buyer_id: z.string().trim().min(1, "buyer_id").max(100),
  currency_code: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "currency_code"),
  amount: z
    .string()
    .trim()
    .regex(/^-?\d{1,12}(\.\d{1,10})?$/, "amount"),
  reason: z.string().trim().min(3, "reason").max(500, "reason"),
})
type Values = z.infer<typeof schema>
const FIELDS = ["buyer_id", "currency_code", "amount", "reason"] as const

/**
 * Add a signed adjustment to a buyer's ledger (a bonus, or a correction
 * as a negative amount): a FocusModal form checked as the API checks it,
 * with the API's own 400 shown on the field it names.
 */
export const AdjustmentModal = ({
  buyerId,
  defaultCurrency = "",
}: {
  buyerId?: string
  defaultCurrency?: string
}) => {
  const t = useT()
  const [open, setOpen] = useState(false)
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      buyer_id: buyerId ?? "",
      currency_code: defaultCurrency,
      amount: "",
      reason: "",
    },
  })
  const create = useAction(
    (v: Values) =>
      post<{ commission: CommissionEntry }>("/admin/commissions/adjustments", {
        ...v,
        currency_code: v.currency_code.toLowerCase(),
      }),
    [keys.commissions, keys.buyers, keys.settlements]
  )

  const submit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values)
      toast.success(t("commissions.adjustment.created"))
      form.reset()
      setOpen(false)
    } catch (e) {
      applyApiErrors(e, form.setError, FIELDS)
    }
  })

  const err = (f: (typeof FIELDS)[number]) => {
    const e = form.formState.errors[f]
    if (!e?.message) {
      return undefined
    }
    // Client-side issues carry the field name; show the rule instead.
    return e.message === f
      ? t(`commissions.adjustment.invalid.${f}`)
      : e.message
  }

  return (
    <FocusModal
      open={open}
      onOpenChange={(o) => {
        setOpen(o)
        if (!o) {
          form.reset()
        }
      }}
    >
      <FocusModal.Trigger asChild>
        <Button size="small" variant="secondary">
          {t("commissions.adjustment.add")}
        </Button>
      </FocusModal.Trigger>
      <FocusModal.Content>
        <form onSubmit={submit} className="flex h-full flex-col" noValidate>
          <ModalFormHeader
            submitText={t("commissions.adjustment.save")}
            isLoading={create.isPending}
          />
          <ModalFormBody
            title={t("commissions.adjustment.title")}
            description={t("commissions.adjustment.description")}
          >
            {!buyerId && (
              <FormField
                id="adj-buyer"
                label={t("commissions.adjustment.buyer")}
                error={err("buyer_id")}
              >
                <Controller
                  control={form.control}
                  name="buyer_id"
                  render={({ field }) => (
                    <EntityPicker
                      id="adj-buyer"
                      source={PICKERS.buyer}
                      value={field.value}
                      onChange={(id) => field.onChange(id ?? "")}
                      placeholder={t("commissions.adjustment.pickBuyer")}
                      invalid={!!form.formState.errors.buyer_id}
                    />
                  )}
                />
              </FormField>
            )}
            <div className="grid grid-cols-2 gap-4">
              <FormField
                id="adj-currency"
                label={t("commissions.adjustment.currency")}
                hint={t("commissions.adjustment.currencyHint")}
                error={err("currency_code")}
              >
                <Input
                  id="adj-currency"
                  placeholder="eur"
                  autoComplete="off"
                  aria-invalid={!!form.formState.errors.currency_code}
                  {...form.register("currency_code")}
                />
              </FormField>
              <FormField
                id="adj-amount"
                label={t("commissions.adjustment.amount")}
                hint={t("commissions.adjustment.amountHint")}
                error={err("amount")}
              >
                <Input
                  id="adj-amount"
                  inputMode="decimal"
                  placeholder="-12.50"
                  autoComplete="off"
                  aria-invalid={!!form.formState.errors.amount}
                  {...form.register("amount")}
                />
              </FormField>
            </div>
            <FormError message={form.formState.errors.root?.server?.message} />
            <FormField
              id="adj-reason"
              label={t("commissions.adjustment.reason")}
              hint={t("commissions.adjustment.reasonHint")}
              error={err("reason")}
            >
              <Textarea
                id="adj-reason"
                rows={3}
                aria-invalid={!!form.formState.errors.reason}
                {...form.register("reason")}
              />
            </FormField>
          </ModalFormBody>
        </form>
      </FocusModal.Content>
    </FocusModal>
  )
}
