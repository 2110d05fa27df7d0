import { zodResolver } from "@hookform/resolvers/zod"
import { Drawer, Input, Text, Textarea, toast } from "@medusajs/ui"
import { type ReactNode, useEffect, useState } from "react"
import { useForm } from "react-hook-form"
import { z } from "zod"
import { apiErrors } from "./api"
import { DrawerFormFooter, Field } from "./form"

/*
 * A Drawer that asks for one text (a reason, a reference, a tier) and
 * posts it: the rule it must meet is the route's, checked before sending
 * (its messages are the page's own words); a 400 naming `name` shows the
 * API's message on the field, anything else shows as a toast.
 *
 *   <ReasonDrawer
 *     trigger={<Button size="small" variant="danger">Suspend</Button>}
 *     title="Suspend @mei" name="reason" id="suspend-reason" label="Reason"
 *     rule={z.string().trim().min(1, required).max(500, required)}
 *     rows={4} submitText="Suspend" danger
 *     onSubmit={(reason) => suspend(reason)}
 *   />
 *
 * `trigger` opens it, or the caller holds it open with `open`/`onOpenChange`.
 * `onSubmit` throws to keep the drawer open; it closes when it resolves.
 * `confirm` is asked after the rule passes and before `onSubmit`.
 */
export function ReasonDrawer({
  trigger,
  open: openProp,
  onOpenChange,
  title,
  description,
  name,
  id,
  label,
  hint,
  rule,
  rows,
  initialValue = "",
  submitText,
  danger = false,
  confirm,
  onSubmit,
}: {
  trigger?: ReactNode
  open?: boolean
  onOpenChange?: (open: boolean) => void
  title: string
  description?: ReactNode
  /** The body field the route names in its 400s. */
  name: string
  id: string
  label: string
  hint?: string
  rule: z.ZodType<string, string>
  /** A Textarea of so many rows; without it, an Input. */
  rows?: number
  initialValue?: string
  submitText: string
  danger?: boolean
  confirm?: (value: string) => Promise<boolean>
  onSubmit: (value: string) => Promise<void>
}) {
  const [openState, setOpenState] = useState(false)
  const open = openProp ?? openState
  const setOpen = (o: boolean) => {
    setOpenState(o)
    onOpenChange?.(o)
  }
  const form = useForm<{ value: string }>({
    resolver: zodResolver(z.object({ value: rule })),
    defaultValues: { value: initialValue },
  })
  const { reset } = form
  useEffect(() => {
    if (open) {
      reset({ value: initialValue })
    }
  }, [open, initialValue, reset])

  const submit = form.handleSubmit(async ({ value }) => {
    if (confirm && !(await confirm(value))) {
      return
    }
    try {
      await onSubmit(value)
      setOpen(false)
    } catch (e) {
      const onField = apiErrors(e).find(
        (x) =>
          x.field === name ||
          x.field?.startsWith(`${name}.`) ||
          x.field?.startsWith(`${name}[`)
      )
      if (onField) {
        form.setError("value", { type: "server", message: onField.message })
      } else {
        toast.error((e as Error).message)
      }
    }
  })
  const error = form.formState.errors.value?.message
  const control = {
    id,
    "aria-invalid": !!error,
    ...form.register("value"),
  }

  return (
    <Drawer open={open} onOpenChange={setOpen}>
      {trigger ? <Drawer.Trigger asChild>{trigger}</Drawer.Trigger> : null}
      <Drawer.Content>
        <form onSubmit={submit} className="flex h-full flex-col" noValidate>
          <Drawer.Header>
            <Drawer.Title>{title}</Drawer.Title>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-4">
            {description ? (
              <Text size="small" className="text-ui-fg-subtle">
                {description}
              </Text>
            ) : null}
            <Field id={id} label={label} hint={hint} error={error}>
              {rows ? (
                <Textarea rows={rows} {...control} />
              ) : (
                <Input autoComplete="off" {...control} />
              )}
            </Field>
          </Drawer.Body>
          <DrawerFormFooter
            submitText={submitText}
            danger={danger}
            isLoading={form.formState.isSubmitting}
          />
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
