import { Container, Text } from "@medusajs/ui"
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
