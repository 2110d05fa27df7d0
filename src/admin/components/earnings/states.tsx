import { Container, Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { LoadingState } from "../../lib/states"

/** A whole detail page while its record loads. */
export const LoadingPage = () => (
  <div className="flex flex-col gap-y-3">
    <Container className="p-0">
      <LoadingState rows={4} />
    </Container>
    <Container className="p-0">
      <LoadingState rows={6} />
    </Container>
  </div>
)

/** A label and its value in a detail section. */
export const DetailRow = ({
  label,
  children,
}: {
  label: string
  children: ReactNode
}) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-start px-6 py-3">
    <Text size="small" weight="plus" leading="compact">
      {label}
    </Text>
    <div className="text-ui-fg-base txt-small break-words">{children}</div>
  </div>
)

/**
 * A detail page's header row: the record's title over its subtitle, its
 * badges beside them, its actions on the right.
 */
export const DetailHeader = ({
  title,
  subtitle,
  badges,
  actions,
}: {
  title: ReactNode
  subtitle: ReactNode
  badges: ReactNode
  actions: ReactNode
}) => (
  <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
    <div className="flex items-center gap-x-3">
      <div>
        <Heading level="h1">{title}</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          {subtitle}
        </Text>
      </div>
      {badges}
    </div>
    <div className="flex items-center gap-x-2">{actions}</div>
  </div>
)

/**
 * A figure on a subtle tile: its label, the value (`large`, or `xlarge` for
 * a lone count) and an optional line under it.
 */
export const StatTile = ({
  label,
  value,
  sub,
  size = "large",
}: {
  label: string
  value: ReactNode
  sub?: string
  size?: "large" | "xlarge"
}) => (
  <div className="bg-ui-bg-subtle shadow-borders-base rounded-lg px-4 py-3">
    <Text size="xsmall" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size={size} weight="plus" className="tabular-nums">
      {value}
    </Text>
    {sub && (
      <Text size="xsmall" className="text-ui-fg-muted">
        {sub}
      </Text>
    )}
  </div>
)
