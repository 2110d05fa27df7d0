import { ExclamationCircle, MagnifyingGlass } from "@medusajs/icons"
import { Button, Container, Heading, Skeleton, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { useT } from "./i18n"

/*
 * The three states every page and section has besides its data: loading
 * (skeletons where the content will be), empty (what to do next) and error
 * (what failed, and a retry). <QueryState> picks one from a react-query
 * result; the page renders its data only once there is some.
 */

export function LoadingState({ rows = 3 }: { rows?: number }) {
  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-7 w-full" />
      ))}
    </div>
  )
}

export function EmptyState({
  title,
  description,
  action,
}: {
  title: string
  description?: ReactNode
  action?: ReactNode
}) {
  return (
    <div className="flex flex-col items-center justify-center gap-y-3 px-6 py-10 text-center">
      <MagnifyingGlass className="text-ui-fg-muted" />
      <div className="flex flex-col gap-y-1">
        <Text size="small" weight="plus">
          {title}
        </Text>
        {description ? (
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        ) : null}
      </div>
      {action}
    </div>
  )
}

export function ErrorState({
  error,
  onRetry,
}: {
  error: unknown
  onRetry?: () => void
}) {
  const t = useT()
  const message = (error as { message?: string } | null)?.message
  return (
    <div
      role="alert"
      className="flex flex-col items-center justify-center gap-y-3 px-6 py-10 text-center"
    >
      <ExclamationCircle className="text-ui-fg-error" />
      <div className="flex flex-col gap-y-1">
        <Text size="small" weight="plus">
          {t("common.error.title")}
        </Text>
        {message ? (
          <Text size="small" className="text-ui-fg-subtle">
            {message}
          </Text>
        ) : null}
      </div>
      {onRetry ? (
        <Button size="small" variant="secondary" onClick={onRetry}>
          {t("common.actions.retry")}
        </Button>
      ) : null}
    </div>
  )
}

/** Loading, error or the children (given the data) of a query. */
export function QueryState<T>({
  query,
  rows,
  children,
}: {
  query: {
    data: T | undefined
    isPending: boolean
    isError: boolean
    error: unknown
    refetch: () => unknown
  }
  rows?: number
  children: (data: T) => ReactNode
}) {
  if (query.isError && query.data === undefined) {
    return <ErrorState error={query.error} onRetry={() => query.refetch()} />
  }
  if (query.isPending || query.data === undefined) {
    return <LoadingState rows={rows} />
  }
  return <>{children(query.data)}</>
}

/** A whole page that could not load: its title and the error. */
export function PageError({
  title,
  error,
  onRetry,
}: {
  title: string
  error: unknown
  onRetry?: () => void
}) {
  return (
    <Container className="divide-y p-0">
      <div className="px-6 py-4">
        <Heading>{title}</Heading>
      </div>
      <ErrorState error={error} onRetry={onRetry} />
    </Container>
  )
}
