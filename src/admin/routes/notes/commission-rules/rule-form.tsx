import { zodResolver } from "@hookform/resolvers/zod"
import {
  DatePicker,
  Drawer,
  FocusModal,
  Select,
  Switch,
  Text,
  toast,
} from "@medusajs/ui"
import { type ReactNode, useEffect, useState } from "react"
import {
  Controller,
  useForm,
  type Control,
  type FieldValues,
  type Path,
} from "react-hook-form"
import { z } from "zod"
import { useAdminMutation, useAdminQuery } from "../../../lib/api"
import {
  EntityPicker,
  PICKERS,
  variantSource,
} from "../../../lib/entity-picker"
import {
  applyApiErrors,
  ControlledField,
  DrawerFormFooter,
  Field,
  FormError,
  ModalFormHeader,
  ModalFormBody,
  TextField,
} from "../../../lib/form"
import { useT } from "../../../lib/i18n"
import { SCOPES, TARGETS, type Rule, type Scope } from "./rules"

/*
 * The rule forms. Create (FocusModal): scope first, then the pickers that
 * scope needs, percent or flat with its currency, dates and a cap. Edit
 * (Drawer): what the API lets change (rate or amount, dates, cap, active).
 * The zod schema repeats the API's rules so most mistakes never leave the
 * page; whatever the API still refuses comes back on the field it names.
 */

const DECIMAL = /^\d+(\.\d+)?$/
const decimal = (msg: string) => z.string().trim().regex(DECIMAL, msg)
const optionalDecimal = (msg: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === "" || DECIMAL.test(v), msg)

/** Both forms: a rule cannot end before it starts. */
function checkDates(
  v: { starts_at: Date | null; ends_at: Date | null },
  ctx: z.RefinementCtx,
  t: (k: string) => string
) {
  if (v.starts_at && v.ends_at && v.ends_at <= v.starts_at) {
    ctx.addIssue({
      code: "custom",
      path: ["ends_at"],
      message: t("rules.form.errors.dates"),
    })
  }
}

const formSchema = (t: (k: string) => string) =>
  z
    .object({
      scope: z.enum(SCOPES),
      type: z.enum(["percentage", "flat"]),
      rate: z.string().trim(),
      amount: z.string().trim(),
      currency_code: z.string(),
      product_id: z.string().nullable(),
      variant_id: z.string().nullable(),
      collection_id: z.string().nullable(),
      category_id: z.string().nullable(),
      buyer_id: z.string().nullable(),
      tier: z.string().trim(),
      starts_at: z.date().nullable(),
      ends_at: z.date().nullable(),
      cap_amount: optionalDecimal(t("rules.form.errors.decimal")),
      cap_currency_code: z.string(),
      is_active: z.boolean(),
    })
    .superRefine((v, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: "custom", path: [path], message })
      for (const key of TARGETS[v.scope]) {
        if (!v[key]) {
          issue(key, t("rules.form.errors.target"))
        }
      }
      if (v.type === "percentage") {
        if (!DECIMAL.test(v.rate)) {
          issue("rate", t("rules.form.errors.decimal"))
        } else if (Number(v.rate) > 100) {
          // A bound check only: the value sent is the string itself.
          issue("rate", t("rules.form.errors.rate"))
        }
      } else {
        if (!DECIMAL.test(v.amount)) {
          issue("amount", t("rules.form.errors.decimal"))
        }
        if (!v.currency_code) {
          issue("currency_code", t("rules.form.errors.currency"))
        }
      }
      if (v.cap_amount && !v.cap_currency_code) {
        issue("cap_currency_code", t("rules.form.errors.currency"))
      }
      checkDates(v, ctx, t)
    })

type FormValues = z.infer<ReturnType<typeof formSchema>>

const FIELDS = [
  "scope",
  "type",
  "rate",
  "amount",
  "currency_code",
  "product_id",
  "variant_id",
  "collection_id",
  "category_id",
  "buyer_id",
  "tier",
  "starts_at",
  "ends_at",
  "cap_amount",
  "cap_currency_code",
  "is_active",
] as const

/** The store's currencies (for flat amounts and caps). */
export function useStoreCurrencies(): string[] {
  const q = useAdminQuery<{
    stores: { supported_currencies?: { currency_code: string }[] }[]
  }>("/admin/stores", { fields: "id,supported_currencies.currency_code" })
  return (q.data?.stores[0]?.supported_currencies ?? []).map(
    (c) => c.currency_code
  )
}

/** A currency of the store's, by its code (shown upper case). */
export function CurrencySelect({
  id,
  value,
  onChange,
  currencies,
  invalid,
}: {
  id: string
  value: string
  onChange: (v: string) => void
  currencies: string[]
  invalid?: boolean
}) {
  const t = useT()
  return (
    <Select size="small" value={value || undefined} onValueChange={onChange}>
      <Select.Trigger id={id} aria-invalid={invalid}>
        <Select.Value placeholder={t("rules.form.pickCurrency")} />
      </Select.Trigger>
      <Select.Content>
        {currencies.map((c) => (
          <Select.Item key={c} value={c}>
            {c.toUpperCase()}
          </Select.Item>
        ))}
      </Select.Content>
    </Select>
  )
}

/*
 * The fields both forms share, by their name in either form's values.
 */

function DateField<T extends FieldValues>({
  control,
  name,
  id,
  label,
}: {
  control: Control<T>
  name: Path<T>
  id: string
  label: string
}) {
  const t = useT()
  return (
    <ControlledField
      control={control}
      name={name}
      id={id}
      label={label}
      optionalLabel={t("common.optional")}
    >
      {(field) => (
        <DatePicker
          aria-label={label}
          granularity="minute"
          value={field.value}
          onChange={(d) => field.onChange(d)}
        />
      )}
    </ControlledField>
  )
}

function CurrencyField({
  control,
  name,
  label,
  currencies,
  optional = false,
}: {
  control: Control<FormValues>
  name: "currency_code" | "cap_currency_code"
  label: string
  currencies: string[]
  optional?: boolean
}) {
  const t = useT()
  return (
    <ControlledField
      control={control}
      name={name}
      id={`rule-${name}`}
      label={label}
      optionalLabel={optional ? t("common.optional") : undefined}
    >
      {(field, state) => (
        <CurrencySelect
          id={`rule-${name}`}
          value={field.value}
          onChange={field.onChange}
          currencies={currencies}
          invalid={!!state.error}
        />
      )}
    </ControlledField>
  )
}

function ActiveSwitch<T extends FieldValues & { is_active: boolean }>({
  control,
  id,
}: {
  control: Control<T>
  id: string
}) {
  const t = useT()
  return (
    <Controller
      control={control}
      name={"is_active" as Path<T>}
      render={({ field }) => (
        <div className="flex items-center gap-x-3">
          <Switch
            id={id}
            checked={!!field.value}
            onCheckedChange={field.onChange}
          />
          <Text size="small" asChild>
            <label htmlFor={id}>{t("rules.form.active")}</label>
          </Text>
        </div>
      )}
    />
  )
}

/** What both forms edit the same way. */
type TermsValues = {
  starts_at: Date | null
  ends_at: Date | null
  cap_amount: string
  is_active: boolean
}

/**
 * The field set both forms share: when the rule applies, its cap and
 * whether it is on. The create modal lays them out in two columns with a
 * cap currency to pick; the edit drawer stacks them, and shows the cap only
 * for a rule that has one (its currency cannot change).
 */
function RuleTermsFields<T extends FieldValues & TermsValues>({
  control,
  idPrefix,
  columns,
  cap,
}: {
  control: Control<T>
  idPrefix: string
  columns: boolean
  /** The cap's input id and label, and the currency field beside it. */
  cap: { id: string; label: string; hint?: string; currency?: ReactNode } | null
}) {
  const t = useT()
  const name = (n: keyof TermsValues) => n as Path<T>
  // A function, not a component: a component made here would be a new
  // type each render, and React would remount the inputs inside it.
  const row = (children: ReactNode) =>
    columns ? (
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">{children}</div>
    ) : (
      children
    )
  return (
    <>
      {row(
        <>
          <DateField
            control={control}
            name={name("starts_at")}
            id={`${idPrefix}starts_at`}
            label={t("rules.form.startsAt")}
          />
          <DateField
            control={control}
            name={name("ends_at")}
            id={`${idPrefix}ends_at`}
            label={t("rules.form.endsAt")}
          />
        </>
      )}
      {cap
        ? row(
            <>
              <TextField
                control={control}
                name={name("cap_amount")}
                id={cap.id}
                label={cap.label}
                hint={cap.hint}
                optionalLabel={t("common.optional")}
                inputMode="decimal"
              />
              {cap.currency}
            </>
          )
        : null}
      <ActiveSwitch control={control} id={`${idPrefix}is_active`} />
    </>
  )
}

const emptyValues: FormValues = {
  scope: "product",
  type: "percentage",
  rate: "",
  amount: "",
  currency_code: "",
  product_id: null,
  variant_id: null,
  collection_id: null,
  category_id: null,
  buyer_id: null,
  tier: "",
  starts_at: null,
  ends_at: null,
  cap_amount: "",
  cap_currency_code: "",
  is_active: true,
}

/** The create form's body: only the keys the scope and type use. */
function toCreateBody(v: FormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    scope: v.scope,
    type: v.type,
    is_active: v.is_active,
  }
  for (const key of TARGETS[v.scope]) {
    body[key] = key === "tier" ? v.tier : v[key]
  }
  if (v.type === "percentage") {
    body.rate = v.rate
  } else {
    body.amount = v.amount
    body.currency_code = v.currency_code
  }
  if (v.starts_at) {
    body.starts_at = v.starts_at.toISOString()
  }
  if (v.ends_at) {
    body.ends_at = v.ends_at.toISOString()
  }
  if (v.cap_amount) {
    body.cap_amount = v.cap_amount
    body.cap_currency_code = v.cap_currency_code
  }
  return body
}

export function CreateRuleModal({
  open,
  onOpenChange,
}: {
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const t = useT()
  const currencies = useStoreCurrencies()
  const form = useForm<FormValues>({
    resolver: zodResolver(formSchema(t)),
    defaultValues: emptyValues,
  })
  const { control, handleSubmit, watch, reset, setError, formState } = form
  const scope = watch("scope")
  const type = watch("type")
  // The variant scope picks a product first, then one of its variants.
  const [variantProduct, setVariantProduct] = useState<string | null>(null)

  useEffect(() => {
    if (open) {
      reset(emptyValues)
      setVariantProduct(null)
    }
  }, [open, reset])

  const create = useAdminMutation<
    Record<string, unknown>,
    { commission_rule: Rule }
  >("POST", "/admin/commission-rules", {
    invalidate: ["/admin/commission-rules"],
  })

  const submit = handleSubmit(async (values) => {
    try {
      await create.mutateAsync(toCreateBody(values))
      toast.success(t("rules.toast.created"))
      onOpenChange(false)
    } catch (e) {
      applyApiErrors(e, setError, FIELDS)
    }
  })

  const picker = (
    name: "product_id" | "collection_id" | "category_id" | "buyer_id",
    source: (typeof PICKERS)[keyof typeof PICKERS]
  ) => (
    <ControlledField
      key={name}
      control={control}
      name={name}
      id={`rule-${name}`}
      label={t(`rules.targets.${name}`)}
    >
      {(field, state) => (
        <EntityPicker
          id={`rule-${name}`}
          source={source}
          value={field.value}
          invalid={!!state.error}
          onChange={(id) => field.onChange(id)}
        />
      )}
    </ControlledField>
  )

  return (
    <FocusModal open={open} onOpenChange={onOpenChange}>
      <FocusModal.Content>
        <form
          onSubmit={submit}
          className="flex h-full flex-col overflow-hidden"
        >
          <ModalFormHeader
            submitText={t("common.actions.save")}
            isLoading={formState.isSubmitting}
          />
          <ModalFormBody
            title={t("rules.form.createTitle")}
            description={t("rules.form.createHint")}
            wide
          >
            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              <Controller
                control={control}
                name="scope"
                render={({ field }) => (
                  <Field
                    id="rule-scope"
                    label={t("rules.form.scope")}
                    hint={t(`rules.scopeHelp.${field.value}`)}
                  >
                    <Select
                      size="small"
                      value={field.value}
                      onValueChange={(v) => field.onChange(v as Scope)}
                    >
                      <Select.Trigger id="rule-scope">
                        <Select.Value />
                      </Select.Trigger>
                      <Select.Content>
                        {SCOPES.map((s) => (
                          <Select.Item key={s} value={s}>
                            {t(`rules.scopes.${s}`)}
                          </Select.Item>
                        ))}
                      </Select.Content>
                    </Select>
                  </Field>
                )}
              />
              <Controller
                control={control}
                name="type"
                render={({ field }) => (
                  <Field id="rule-type" label={t("rules.form.type")}>
                    <Select
                      size="small"
                      value={field.value}
                      onValueChange={field.onChange}
                    >
                      <Select.Trigger id="rule-type">
                        <Select.Value />
                      </Select.Trigger>
                      <Select.Content>
                        <Select.Item value="percentage">
                          {t("rules.types.percentage")}
                        </Select.Item>
                        <Select.Item value="flat">
                          {t("rules.types.flat")}
                        </Select.Item>
                      </Select.Content>
                    </Select>
                  </Field>
                )}
              />
            </div>

            {TARGETS[scope].length ? (
              <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
                {TARGETS[scope].includes("buyer_id")
                  ? picker("buyer_id", PICKERS.buyer)
                  : null}
                {TARGETS[scope].includes("product_id")
                  ? picker("product_id", PICKERS.product)
                  : null}
                {TARGETS[scope].includes("collection_id")
                  ? picker("collection_id", PICKERS.collection)
                  : null}
                {TARGETS[scope].includes("category_id")
                  ? picker("category_id", PICKERS.category)
                  : null}
                {scope === "variant" ? (
                  <>
                    <Field
                      id="rule-variant-product"
                      label={t("rules.targets.product_id")}
                    >
                      <EntityPicker
                        id="rule-variant-product"
                        source={PICKERS.product}
                        value={variantProduct}
                        onChange={(id) => {
                          setVariantProduct(id)
                          form.setValue("variant_id", null)
                        }}
                      />
                    </Field>
                    <ControlledField
                      control={control}
                      name="variant_id"
                      id="rule-variant_id"
                      label={t("rules.targets.variant_id")}
                    >
                      {(field, state) => (
                        <EntityPicker
                          id="rule-variant_id"
                          source={variantSource(variantProduct ?? "")}
                          disabled={!variantProduct}
                          value={field.value}
                          invalid={!!state.error}
                          onChange={(id) => field.onChange(id)}
                        />
                      )}
                    </ControlledField>
                  </>
                ) : null}
                {scope === "tier" ? (
                  <TextField
                    control={control}
                    name="tier"
                    id="rule-tier"
                    label={t("rules.targets.tier")}
                    hint={t("rules.form.tierHint")}
                  />
                ) : null}
              </div>
            ) : null}

            <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
              {type === "percentage" ? (
                <TextField
                  control={control}
                  name="rate"
                  id="rule-rate"
                  label={t("rules.form.rate")}
                  inputMode="decimal"
                />
              ) : (
                <>
                  <TextField
                    control={control}
                    name="amount"
                    id="rule-amount"
                    label={t("rules.form.amount")}
                    inputMode="decimal"
                  />
                  <CurrencyField
                    control={control}
                    name="currency_code"
                    label={t("rules.form.currency")}
                    currencies={currencies}
                  />
                </>
              )}
            </div>

            <RuleTermsFields
              control={control}
              idPrefix="rule-"
              columns
              cap={{
                id: "rule-cap_amount",
                label: t("rules.form.cap"),
                hint: t("rules.form.capHint"),
                currency: (
                  <CurrencyField
                    control={control}
                    name="cap_currency_code"
                    label={t("rules.form.capCurrency")}
                    currencies={currencies}
                    optional
                  />
                ),
              }}
            />
            <FormError message={formState.errors.root?.server?.message} />
          </ModalFormBody>
        </form>
      </FocusModal.Content>
    </FocusModal>
  )
}

const editSchema = (t: (k: string) => string, type: Rule["type"]) =>
  z
    .object({
      value: decimal(t("rules.form.errors.decimal")),
      starts_at: z.date().nullable(),
      ends_at: z.date().nullable(),
      cap_amount: optionalDecimal(t("rules.form.errors.decimal")),
      is_active: z.boolean(),
    })
    .superRefine((v, ctx) => {
      if (type === "percentage" && Number(v.value) > 100) {
        ctx.addIssue({
          code: "custom",
          path: ["value"],
          message: t("rules.form.errors.rate"),
        })
      }
      checkDates(v, ctx, t)
    })
type EditValues = z.infer<ReturnType<typeof editSchema>>

export function EditRuleDrawer({
  rule,
  onOpenChange,
}: {
  rule: Rule | null
  onOpenChange: (open: boolean) => void
}) {
  const t = useT()
  const form = useForm<EditValues>({
    resolver: zodResolver(editSchema(t, rule?.type ?? "percentage")),
  })
  const { control, handleSubmit, reset, setError, formState } = form
  useEffect(() => {
    if (rule) {
      reset({
        value: (rule.type === "percentage" ? rule.rate : rule.amount) ?? "",
        starts_at: rule.starts_at ? new Date(rule.starts_at) : null,
        ends_at: rule.ends_at ? new Date(rule.ends_at) : null,
        cap_amount: rule.cap_amount ?? "",
        is_active: rule.is_active,
      })
    }
  }, [rule, reset])

  const update = useAdminMutation<
    Record<string, unknown>,
    { commission_rule: Rule }
  >("POST", () => `/admin/commission-rules/${rule?.id}`, {
    invalidate: ["/admin/commission-rules"],
  })

  const submit = handleSubmit(async (v) => {
    if (!rule) {
      return
    }
    const body: Record<string, unknown> = {
      [rule.type === "percentage" ? "rate" : "amount"]: v.value,
      starts_at: v.starts_at ? v.starts_at.toISOString() : null,
      ends_at: v.ends_at ? v.ends_at.toISOString() : null,
      is_active: v.is_active,
    }
    if (rule.cap_currency_code) {
      body.cap_amount = v.cap_amount || null
    }
    try {
      await update.mutateAsync(body)
      toast.success(t("rules.toast.updated"))
      onOpenChange(false)
    } catch (e) {
      // The API names `rate` or `amount`: both are this form's value.
      const renamed = new Error(
        ((e as Error).message ?? "").replace(/^(rate|amount):/, "value:")
      )
      applyApiErrors(renamed, setError, [
        "value",
        "starts_at",
        "ends_at",
        "cap_amount",
        "is_active",
      ])
    }
  })

  return (
    <Drawer open={!!rule} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col">
          <Drawer.Header>
            <Drawer.Title>{t("rules.form.editTitle")}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4 overflow-y-auto">
            {rule ? (
              <Text size="small" className="text-ui-fg-subtle">
                {t(`rules.scopes.${rule.scope}`)} ·{" "}
                {t(`rules.types.${rule.type}`)}
              </Text>
            ) : null}
            <TextField
              control={control}
              name="value"
              id="edit-value"
              label={
                rule?.type === "flat"
                  ? `${t("rules.form.amount")} (${(rule.currency_code ?? "").toUpperCase()})`
                  : t("rules.form.rate")
              }
              inputMode="decimal"
            />
            <RuleTermsFields
              control={control}
              idPrefix="edit-"
              columns={false}
              cap={
                rule?.cap_currency_code
                  ? {
                      id: "edit-cap",
                      label: `${t("rules.form.cap")} (${rule.cap_currency_code.toUpperCase()})`,
                    }
                  : null
              }
            />
            <FormError message={formState.errors.root?.server?.message} />
          </Drawer.Body>
          <DrawerFormFooter
            submitText={t("common.actions.save")}
            isLoading={formState.isSubmitting}
          />
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
