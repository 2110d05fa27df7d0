import { defineRouteConfig } from "@medusajs/admin-sdk"
import { PencilSquare, Trash } from "@medusajs/icons"
import {
  Badge,
  Button,
  Container,
  createDataTableColumnHelper,
  DataTable,
  Heading,
  Select,
  Text,
  toast,
  useDataTable,
  type DataTablePaginationState,
} from "@medusajs/ui"
import { useMemo, useState } from "react"
import { useAdminMutation, useAdminQuery } from "../../../lib/api"
import { formatDateTime } from "../../../lib/dates"
import { useLocale, useT } from "../../../lib/i18n"
import { ErrorState } from "../../../lib/states"
import { PreviewPanel } from "./preview-panel"
import { CreateRuleModal, EditRuleDrawer } from "./rule-form"
import { SCOPES, type Rule, type RulesList, type Scope } from "./rules"
import { RuleTarget } from "./target-label"
import { useTerms } from "./use-terms"
import { TablePagination } from "../../../lib/table-pagination"
import { useConfirm } from "../../../lib/confirm"

/*
 * Commission rules, grouped by scope in the order the engine tries them
 * (the first scope with a rule that matches and is valid now wins; in a
 * scope, the newest). Create in a FocusModal, edit in a Drawer, delete
 * after a Prompt, and the preview panel answers "which rule would pay this
 * buyer for this product, and how much".
 */

type Active = "all" | "true" | "false"

const col = createDataTableColumnHelper<Rule>()

function ScopeSection({
  scope,
  active,
  onEdit,
}: {
  scope: Scope
  active: Active
  onEdit: (rule: Rule) => void
}) {
  const t = useT()
  const locale = useLocale()
  const terms = useTerms()
  const confirm = useConfirm()
  const [pagination, setPagination] = useState<DataTablePaginationState>({
    pageIndex: 0,
    pageSize: 10,
  })
  const list = useAdminQuery<RulesList>("/admin/commission-rules", {
    scope,
    is_active: active === "all" ? undefined : active,
    limit: pagination.pageSize,
    offset: pagination.pageIndex * pagination.pageSize,
  })
  const remove = useAdminMutation<Rule>(
    "DELETE",
    (r) => `/admin/commission-rules/${r.id}`,
    { invalidate: ["/admin/commission-rules"] }
  )

  const columns = useMemo(
    () => [
      col.display({
        id: "target",
        header: t("rules.columns.target"),
        cell: ({ row }) => <RuleTarget rule={row.original} />,
      }),
      col.display({
        id: "terms",
        header: t("rules.columns.terms"),
        cell: ({ row }) => terms(row.original),
      }),
      col.display({
        id: "dates",
        header: t("rules.columns.dates"),
        cell: ({ row }) => {
          const r = row.original
          if (!r.starts_at && !r.ends_at) {
            return t("rules.always")
          }
          return `${r.starts_at ? formatDateTime(r.starts_at, locale) : "…"} → ${r.ends_at ? formatDateTime(r.ends_at, locale) : "…"}`
        },
      }),
      col.display({
        id: "status",
        header: t("rules.columns.status"),
        cell: ({ row }) => (
          <Badge
            size="2xsmall"
            color={row.original.is_active ? "green" : "grey"}
          >
            {row.original.is_active ? t("rules.active") : t("rules.inactive")}
          </Badge>
        ),
      }),
      col.action({
        actions: [
          {
            label: t("common.actions.edit"),
            icon: <PencilSquare />,
            onClick: ({ row }) => onEdit(row.original),
          },
          {
            label: t("common.actions.delete"),
            icon: <Trash />,
            onClick: async ({ row }) => {
              const ok = await confirm({
                title: t("rules.delete.title"),
                description: t("rules.delete.description"),
                confirmText: t("common.actions.delete"),
              })
              if (!ok) {
                return
              }
              try {
                await remove.mutateAsync(row.original)
                toast.success(t("rules.toast.deleted"))
              } catch (e) {
                toast.error((e as Error).message)
              }
            },
          },
        ],
      }),
    ],
    [t, terms, locale, onEdit, confirm, remove]
  )

  const table = useDataTable({
    data: list.data?.commission_rules ?? [],
    columns,
    getRowId: (r) => r.id,
    rowCount: list.data?.count ?? 0,
    isLoading: list.isPending,
    pagination: { state: pagination, onPaginationChange: setPagination },
  })

  if (list.isError) {
    return (
      <Container className="p-0">
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      </Container>
    )
  }
  // A scope without rules takes no room (the precedence card lists it).
  if (!list.isPending && !list.data?.count) {
    return null
  }
  const rank = SCOPES.indexOf(scope) + 1
  return (
    <Container className="divide-y p-0" data-testid={`scope-${scope}`}>
      <DataTable instance={table}>
        <DataTable.Toolbar className="flex items-center justify-between px-6 py-4">
          <div>
            <Heading level="h2">
              {rank}. {t(`rules.scopes.${scope}`)}
            </Heading>
            <Text size="small" className="text-ui-fg-subtle">
              {t(`rules.scopeHelp.${scope}`)}
            </Text>
          </div>
          <Badge size="2xsmall">{list.data?.count ?? 0}</Badge>
        </DataTable.Toolbar>
        <DataTable.Table />
        {(list.data?.count ?? 0) > pagination.pageSize ? (
          <TablePagination />
        ) : null}
      </DataTable>
    </Container>
  )
}

function Precedence({ active }: { active: Active }) {
  const t = useT()
  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4">
      <div>
        <Heading level="h2">{t("rules.precedence.title")}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {t("rules.precedence.body")}
        </Text>
      </div>
      <ol className="flex flex-wrap items-center gap-2">
        {SCOPES.map((s, i) => (
          <li key={s} className="flex items-center gap-x-2">
            <ScopeCount scope={s} active={active} rank={i + 1} />
            {i < SCOPES.length - 1 ? (
              <span className="text-ui-fg-muted" aria-hidden>
                →
              </span>
            ) : null}
          </li>
        ))}
      </ol>
    </Container>
  )
}

function ScopeCount({
  scope,
  active,
  rank,
}: {
  scope: Scope
  active: Active
  rank: number
}) {
  const t = useT()
  const q = useAdminQuery<RulesList>("/admin/commission-rules", {
    scope,
    is_active: active === "all" ? undefined : active,
    limit: 10,
    offset: 0,
  })
  const n = q.data?.count
  return (
    <Badge size="small" color={n ? "blue" : "grey"}>
      {rank}. {t(`rules.scopes.${scope}`)}
      {n !== undefined ? ` (${n})` : ""}
    </Badge>
  )
}

const CommissionRulesPage = () => {
  const t = useT()
  const [creating, setCreating] = useState(false)
  const [editing, setEditing] = useState<Rule | null>(null)
  const [active, setActive] = useState<Active>("all")
  const all = useAdminQuery<RulesList>("/admin/commission-rules", {
    is_active: active === "all" ? undefined : active,
    limit: 1,
    offset: 0,
  })

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-wrap items-center justify-between gap-4 px-6 py-4">
        <div>
          <Heading>{t("rules.title")}</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            {t("rules.subtitle")}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <div className="w-[160px]">
            <Select
              size="small"
              value={active}
              onValueChange={(v) => setActive(v as Active)}
            >
              <Select.Trigger aria-label={t("rules.filterActive")}>
                <Select.Value />
              </Select.Trigger>
              <Select.Content>
                <Select.Item value="all">{t("rules.filter.all")}</Select.Item>
                <Select.Item value="true">
                  {t("rules.filter.active")}
                </Select.Item>
                <Select.Item value="false">
                  {t("rules.filter.inactive")}
                </Select.Item>
              </Select.Content>
            </Select>
          </div>
          <Button size="small" onClick={() => setCreating(true)}>
            {t("rules.create")}
          </Button>
        </div>
      </Container>
      <Precedence active={active} />
      {all.data && all.data.count === 0 ? (
        <Container className="px-6 py-10 text-center">
          <Text size="small" weight="plus">
            {t("rules.empty.title")}
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {t("rules.empty.body")}
          </Text>
        </Container>
      ) : null}
      {SCOPES.map((s) => (
        <ScopeSection key={s} scope={s} active={active} onEdit={setEditing} />
      ))}
      <PreviewPanel />
      <CreateRuleModal open={creating} onOpenChange={setCreating} />
      <EditRuleDrawer
        rule={editing}
        onOpenChange={(o) => !o && setEditing(null)}
      />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "rules.nav",
  translationNs: "shoppable",
  rank: 3,
})

export default CommissionRulesPage
