import { defineRouteConfig } from "@medusajs/admin-sdk"
import {
  Badge,
  Button,
  Container,
  FocusModal,
  Heading,
  Input,
  Label,
  Select,
  Table,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useCallback, useEffect, useState } from "react"
import { sdk } from "../../../lib/sdk"

/*
 * Commission rules: every rule grouped by scope in the order the engine
 * tries them, created in a FocusModal whose target fields follow the scope,
 * deleted after a Prompt, and a preview of the rule that would apply to a
 * buyer and a product now (GET /admin/commission-rules/preview). The API
 * validates; its 400 message ("field: why") is shown on the field it names.
 */

const SCOPES = [
  "buyer_product",
  "buyer",
  "variant",
  "product",
  "collection",
  "category",
  "tier",
  "default",
] as const
type Scope = (typeof SCOPES)[number]

const SCOPE_LABEL: Record<Scope, string> = {
  buyer_product: "Buyer + product",
  buyer: "Buyer",
  variant: "Variant",
  product: "Product",
  collection: "Collection",
  category: "Category",
  tier: "Buyer tier",
  default: "Default",
}

const TARGETS: Record<Scope, TargetKey[]> = {
  buyer_product: ["buyer_id", "product_id"],
  buyer: ["buyer_id"],
  variant: ["variant_id"],
  product: ["product_id"],
  collection: ["collection_id"],
  category: ["category_id"],
  tier: ["tier"],
  default: [],
}
type TargetKey =
  | "buyer_id"
  | "product_id"
  | "variant_id"
  | "collection_id"
  | "category_id"
  | "tier"

const TARGET_LABEL: Record<TargetKey, string> = {
  buyer_id: "Buyer ID",
  product_id: "Product ID",
  variant_id: "Variant ID",
  collection_id: "Collection ID",
  category_id: "Category ID",
  tier: "Tier",
}

type Rule = {
  id: string
  scope: Scope
  type: "percentage" | "flat"
  rate: string | null
  amount: string | null
  currency_code: string | null
  cap_amount: string | null
  cap_currency_code: string | null
  starts_at: string | null
  ends_at: string | null
  is_active: boolean
} & Partial<Record<TargetKey, string | null>>

type Preview = {
  commission_rule: Rule | null
  passed_over: { rule_id: string; scope: Scope; reason: string }[]
}

/** The commission a rule gives, as the API stores it (decimal strings). */
const terms = (r: Rule) =>
  r.type === "percentage"
    ? `${r.rate}%`
    : `${r.amount} ${(r.currency_code ?? "").toUpperCase()}`

const targetOf = (r: Rule) =>
  TARGETS[r.scope].map((k) => r[k]).join(" · ") || "Every sale"

/** The field a 400 names ("rate: must be …" → rate), and its message. */
const fieldError = (e: unknown): { field: string; message: string } => {
  const message = (e as Error).message ?? String(e)
  const m = /^([a-z_]+)(?: and [a-z_]+)?: /.exec(message)
  return { field: m?.[1] ?? "form", message }
}

type Draft = {
  scope: Scope
  type: "percentage" | "flat"
  value: string
  currency_code: string
  starts_at: string
  ends_at: string
  cap_amount: string
  cap_currency_code: string
} & Record<TargetKey, string>

const emptyDraft = (): Draft => ({
  scope: "product",
  type: "percentage",
  value: "",
  currency_code: "",
  starts_at: "",
  ends_at: "",
  cap_amount: "",
  cap_currency_code: "",
  buyer_id: "",
  product_id: "",
  variant_id: "",
  collection_id: "",
  category_id: "",
  tier: "",
})

const Field = ({
  id,
  label,
  error,
  children,
}: {
  id: string
  label: string
  error?: string
  children: React.ReactNode
}) => (
  <div className="flex flex-col gap-y-1">
    <Label htmlFor={id} size="small" weight="plus">
      {label}
    </Label>
    {children}
    {error ? (
      <Text size="small" className="text-ui-fg-error" role="alert">
        {error}
      </Text>
    ) : null}
  </div>
)

const CreateRule = ({ onCreated }: { onCreated: () => void }) => {
  const [open, setOpen] = useState(false)
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [error, setError] = useState<{ field: string; message: string }>()
  const [saving, setSaving] = useState(false)
  const set = (k: keyof Draft) => (v: string) =>
    setDraft((d) => ({ ...d, [k]: v }))
  const input = (k: keyof Draft, type = "text") => (
    <Input
      id={`rule-${k}`}
      name={k}
      type={type}
      value={draft[k]}
      aria-invalid={error?.field === k}
      onChange={(e) => set(k)(e.target.value)}
    />
  )
  const errorOf = (k: string) =>
    error?.field === k ? error.message : undefined

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    setSaving(true)
    setError(undefined)
    const body: Record<string, unknown> = {
      scope: draft.scope,
      type: draft.type,
    }
    for (const k of TARGETS[draft.scope]) {
      body[k] = draft[k].trim()
    }
    if (draft.type === "percentage") {
      body.rate = draft.value.trim()
    } else {
      body.amount = draft.value.trim()
      body.currency_code = draft.currency_code.trim().toLowerCase()
    }
    if (draft.starts_at) {
      body.starts_at = new Date(draft.starts_at).toISOString()
    }
    if (draft.ends_at) {
      body.ends_at = new Date(draft.ends_at).toISOString()
    }
    if (draft.cap_amount.trim() || draft.cap_currency_code.trim()) {
      body.cap_amount = draft.cap_amount.trim()
      body.cap_currency_code = draft.cap_currency_code.trim().toLowerCase()
    }
    try {
      await sdk.client.fetch("/admin/commission-rules", {
        method: "POST",
        body,
      })
      toast.success("Rule created")
      setOpen(false)
      setDraft(emptyDraft())
      onCreated()
    } catch (err) {
      setError(fieldError(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <FocusModal open={open} onOpenChange={setOpen}>
      <FocusModal.Trigger asChild>
        <Button size="small" variant="secondary" className="shrink-0">
          Create rule
        </Button>
      </FocusModal.Trigger>
      <FocusModal.Content>
        <form onSubmit={submit} className="flex h-full flex-col">
          <FocusModal.Header>
            <Button size="small" type="submit" isLoading={saving}>
              Save
            </Button>
          </FocusModal.Header>
          <FocusModal.Body className="flex justify-center overflow-auto p-8">
            <div className="flex w-full max-w-[560px] flex-col gap-y-4">
              <FocusModal.Title asChild>
                <Heading>Create a commission rule</Heading>
              </FocusModal.Title>
              <Field
                id="rule-scope"
                label="Applies to"
                error={errorOf("scope")}
              >
                <Select value={draft.scope} onValueChange={set("scope")}>
                  <Select.Trigger id="rule-scope" aria-label="Applies to">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    {SCOPES.map((s) => (
                      <Select.Item key={s} value={s}>
                        {SCOPE_LABEL[s]}
                      </Select.Item>
                    ))}
                  </Select.Content>
                </Select>
              </Field>
              {TARGETS[draft.scope].map((k) => (
                <Field
                  key={k}
                  id={`rule-${k}`}
                  label={TARGET_LABEL[k]}
                  error={errorOf(k)}
                >
                  {input(k)}
                </Field>
              ))}
              <Field id="rule-type" label="Commission" error={errorOf("type")}>
                <Select value={draft.type} onValueChange={set("type")}>
                  <Select.Trigger id="rule-type" aria-label="Commission">
                    <Select.Value />
                  </Select.Trigger>
                  <Select.Content>
                    <Select.Item value="percentage">
                      Percentage of the sale
                    </Select.Item>
                    <Select.Item value="flat">Flat amount per unit</Select.Item>
                  </Select.Content>
                </Select>
              </Field>
              <Field
                id="rule-value"
                label={draft.type === "percentage" ? "Rate (%)" : "Amount"}
                error={errorOf(draft.type === "percentage" ? "rate" : "amount")}
              >
                {input("value")}
              </Field>
              {draft.type === "flat" ? (
                <Field
                  id="rule-currency_code"
                  label="Currency"
                  error={errorOf("currency_code")}
                >
                  {input("currency_code")}
                </Field>
              ) : null}
              <div className="grid grid-cols-2 gap-4">
                <Field
                  id="rule-starts_at"
                  label="Starts"
                  error={errorOf("starts_at")}
                >
                  {input("starts_at", "datetime-local")}
                </Field>
                <Field
                  id="rule-ends_at"
                  label="Ends"
                  error={errorOf("ends_at")}
                >
                  {input("ends_at", "datetime-local")}
                </Field>
                <Field
                  id="rule-cap_amount"
                  label="Cap per line (optional)"
                  error={errorOf("cap_amount")}
                >
                  {input("cap_amount")}
                </Field>
                <Field
                  id="rule-cap_currency_code"
                  label="Cap currency"
                  error={errorOf("cap_currency_code")}
                >
                  {input("cap_currency_code")}
                </Field>
              </div>
              {error && error.field === "form" ? (
                <Text className="text-ui-fg-error" role="alert">
                  {error.message}
                </Text>
              ) : null}
            </div>
          </FocusModal.Body>
        </form>
      </FocusModal.Content>
    </FocusModal>
  )
}

const PreviewPanel = () => {
  const [buyer, setBuyer] = useState("")
  const [product, setProduct] = useState("")
  const [variant, setVariant] = useState("")
  const [currency, setCurrency] = useState("eur")
  const [result, setResult] = useState<Preview | null>(null)
  const [error, setError] = useState<string>()

  const run = async (e: React.FormEvent) => {
    e.preventDefault()
    setError(undefined)
    setResult(null)
    const query: Record<string, string> = {
      buyer_id: buyer.trim(),
      product_id: product.trim(),
      currency_code: currency.trim().toLowerCase(),
    }
    if (variant.trim()) {
      query.variant_id = variant.trim()
    }
    try {
      setResult(
        await sdk.client.fetch<Preview>("/admin/commission-rules/preview", {
          query,
        })
      )
    } catch (err) {
      setError((err as Error).message)
    }
  }

  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading level="h2">Preview</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Which rule pays a buyer for a product now, and why the more specific
          ones do not.
        </Text>
      </div>
      <form
        onSubmit={run}
        className="grid grid-cols-5 items-end gap-3 px-6 py-4"
      >
        <Field id="preview-buyer" label="Buyer ID">
          <Input
            id="preview-buyer"
            value={buyer}
            onChange={(e) => setBuyer(e.target.value)}
          />
        </Field>
        <Field id="preview-product" label="Product ID">
          <Input
            id="preview-product"
            value={product}
            onChange={(e) => setProduct(e.target.value)}
          />
        </Field>
        <Field id="preview-variant" label="Variant ID (optional)">
          <Input
            id="preview-variant"
            value={variant}
            onChange={(e) => setVariant(e.target.value)}
          />
        </Field>
        <Field id="preview-currency" label="Currency">
          <Input
            id="preview-currency"
            value={currency}
            onChange={(e) => setCurrency(e.target.value)}
          />
        </Field>
        <Button size="small" type="submit" variant="secondary">
          Preview
        </Button>
      </form>
      {error ? (
        <Text className="text-ui-fg-error px-6 py-4" role="alert">
          {error}
        </Text>
      ) : null}
      {result ? (
        <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="preview">
          {result.commission_rule ? (
            <Text>
              Applies:{" "}
              <strong>{SCOPE_LABEL[result.commission_rule.scope]}</strong> rule,{" "}
              {terms(result.commission_rule)} ({result.commission_rule.id})
            </Text>
          ) : (
            <Text>No rule applies: this sale earns no commission.</Text>
          )}
          {result.passed_over.map((p) => (
            <Text key={p.rule_id} size="small" className="text-ui-fg-subtle">
              Passed over: {SCOPE_LABEL[p.scope]} rule {p.rule_id}: {p.reason}
            </Text>
          ))}
        </div>
      ) : null}
    </Container>
  )
}

const CommissionRulesPage = () => {
  const [rules, setRules] = useState<Rule[] | null>(null)
  const [failed, setFailed] = useState<string>()
  const prompt = usePrompt()

  const load = useCallback(async () => {
    try {
      // Every rule, a page at a time (a store has tens, not thousands).
      const all: Rule[] = []
      for (let offset = 0; ; offset += 100) {
        const page = await sdk.client.fetch<{
          commission_rules: Rule[]
          count: number
        }>("/admin/commission-rules", { query: { limit: 100, offset } })
        all.push(...page.commission_rules)
        if (all.length >= page.count || !page.commission_rules.length) {
          break
        }
      }
      setRules(all)
      setFailed(undefined)
    } catch (e) {
      setFailed((e as Error).message)
    }
  }, [])

  useEffect(() => {
    void load()
  }, [load])

  const remove = async (rule: Rule) => {
    const ok = await prompt({
      title: "Delete this rule?",
      description: `${SCOPE_LABEL[rule.scope]} · ${targetOf(rule)} · ${terms(rule)}. Entries already accrued keep their commission.`,
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!ok) {
      return
    }
    try {
      await sdk.client.fetch(`/admin/commission-rules/${rule.id}`, {
        method: "DELETE",
      })
      toast.success("Rule deleted")
      void load()
    } catch (e) {
      toast.error((e as Error).message)
    }
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="divide-y p-0">
        <div className="flex items-center justify-between gap-x-4 px-6 py-4">
          <div>
            <Heading>Commission rules</Heading>
            <Text size="small" className="text-ui-fg-subtle">
              The most specific rule wins: buyer + product, buyer, variant,
              product, collection, category, buyer tier, then the default; among
              rules of one scope, the newest. A rule outside its dates, or a
              flat rule in another currency, is passed over.
            </Text>
          </div>
          <CreateRule onCreated={() => void load()} />
        </div>
        {failed ? (
          <Text className="text-ui-fg-error px-6 py-4" role="alert">
            {failed}
          </Text>
        ) : rules === null ? (
          <Text className="text-ui-fg-muted px-6 py-4">Loading…</Text>
        ) : rules.length === 0 ? (
          <Text className="text-ui-fg-muted px-6 py-4">
            No rules yet: buyers earn nothing until a rule applies. Start with a
            default rule.
          </Text>
        ) : (
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>Scope</Table.HeaderCell>
                <Table.HeaderCell>Target</Table.HeaderCell>
                <Table.HeaderCell>Commission</Table.HeaderCell>
                <Table.HeaderCell>Dates</Table.HeaderCell>
                <Table.HeaderCell>Cap</Table.HeaderCell>
                <Table.HeaderCell />
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {SCOPES.flatMap((scope) =>
                rules
                  .filter((r) => r.scope === scope)
                  .map((r) => (
                    <Table.Row key={r.id}>
                      <Table.Cell>
                        <Badge size="2xsmall">{SCOPE_LABEL[scope]}</Badge>
                      </Table.Cell>
                      <Table.Cell>{targetOf(r)}</Table.Cell>
                      <Table.Cell>{terms(r)}</Table.Cell>
                      <Table.Cell>
                        {r.starts_at || r.ends_at
                          ? `${r.starts_at?.slice(0, 10) ?? "…"} – ${r.ends_at?.slice(0, 10) ?? "…"}`
                          : "Always"}
                      </Table.Cell>
                      <Table.Cell>
                        {r.cap_amount
                          ? `${r.cap_amount} ${(r.cap_currency_code ?? "").toUpperCase()}`
                          : "—"}
                      </Table.Cell>
                      <Table.Cell className="text-right">
                        <Button
                          size="small"
                          variant="danger"
                          onClick={() => void remove(r)}
                        >
                          Delete
                        </Button>
                      </Table.Cell>
                    </Table.Row>
                  ))
              )}
            </Table.Body>
          </Table>
        )}
      </Container>
      <PreviewPanel />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "Commission rules",
})

export default CommissionRulesPage
