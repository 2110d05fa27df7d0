import {
  Button,
  clx,
  Drawer,
  FocusModal,
  Heading,
  Hint,
  Input,
  Label,
  Text,
} from "@medusajs/ui"
import type { ReactNode } from "react"
import {
  type Control,
  Controller,
  type ControllerFieldState,
  type ControllerRenderProps,
  type FieldValues,
  type Path,
  type UseFormSetError,
} from "react-hook-form"
import { apiErrors } from "./api"
import { useT } from "./i18n"

/*
 * Forms: react-hook-form + zod (`zodResolver` from @hookform/resolvers, the
 * dashboard's own), the same rules the API enforces. A 400 from the API is
 * put on the field it names with `applyApiErrors`; what names no field of
 * the form goes to `root` and shows as <FormError>.
 */

export function applyApiErrors<T extends FieldValues>(
  e: unknown,
  setError: UseFormSetError<T>,
  fields: readonly string[]
): void {
  const rest: string[] = []
  for (const { field, message } of apiErrors(e)) {
    const name =
      field &&
      fields.find(
        (f) =>
          field === f || field.startsWith(`${f}.`) || field.startsWith(`${f}[`)
      )
    if (name) {
      setError(name as Path<T>, { type: "server", message })
    } else {
      rest.push(field ? `${field}: ${message}` : message)
    }
  }
  if (rest.length) {
    setError("root.server" as Path<T>, {
      type: "server",
      message: rest.join("; "),
    })
  }
}

/** A labelled control with its hint and its error, as the dashboard lays them out. */
export function Field({
  id,
  label,
  hint,
  error,
  optional,
  optionalLabel = "Optional",
  children,
}: {
  id: string
  label: ReactNode
  hint?: ReactNode
  error?: string
  optional?: boolean
  optionalLabel?: string
  children: ReactNode
}) {
  return (
    <div className="flex flex-col gap-y-2">
      <div className="flex items-center gap-x-1">
        <Label htmlFor={id} size="small" weight="plus">
          {label}
        </Label>
        {optional ? (
          <Text size="small" className="text-ui-fg-muted">
            ({optionalLabel})
          </Text>
        ) : null}
      </div>
      {children}
      {hint ? <Hint>{hint}</Hint> : null}
      {error ? (
        <Hint variant="error" id={`${id}-error`} role="alert">
          {error}
        </Hint>
      ) : null}
    </div>
  )
}

/**
 * A field of a react-hook-form form in a <Field>, with the field's error:
 * `children` draws the control from the field (value, onChange) and its
 * state. `optionalLabel` marks it optional.
 */
export function ControlledField<
  T extends FieldValues,
  N extends Path<T> = Path<T>,
>({
  control,
  name,
  id,
  label,
  hint,
  optionalLabel,
  children,
}: {
  control: Control<T>
  name: N
  id: string
  label: ReactNode
  hint?: ReactNode
  optionalLabel?: string
  children: (
    field: ControllerRenderProps<T, N>,
    state: ControllerFieldState
  ) => ReactNode
}) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <Field
          id={id}
          label={label}
          hint={hint}
          optional={optionalLabel !== undefined}
          optionalLabel={optionalLabel}
          error={fieldState.error?.message}
        >
          {children(field, fieldState)}
        </Field>
      )}
    />
  )
}

/**
 * A text field of a react-hook-form form: a small Input in a <Field>, with
 * the field's error. `optionalLabel` marks it optional.
 */
export function TextField<T extends FieldValues>({
  inputMode,
  ...props
}: {
  control: Control<T>
  name: Path<T>
  id: string
  label: ReactNode
  hint?: ReactNode
  optionalLabel?: string
  inputMode?: "decimal" | "text"
}) {
  return (
    <ControlledField {...props}>
      {(field, state) => (
        <Input
          id={props.id}
          size="small"
          inputMode={inputMode}
          aria-invalid={!!state.error}
          {...field}
        />
      )}
    </ControlledField>
  )
}

/** The form-level error (what the API said about no field of the form). */
export function FormError({ message }: { message?: string }) {
  return message ? (
    <Hint variant="error" role="alert">
      {message}
    </Hint>
  ) : null
}

/** A drawer form's footer: "Cancel" (closes it) and the submit button. */
export function DrawerFormFooter({
  submitText,
  danger = false,
  isLoading,
}: {
  submitText: string
  danger?: boolean
  isLoading?: boolean
}) {
  const t = useT()
  return (
    <Drawer.Footer>
      <Drawer.Close asChild>
        <Button size="small" variant="secondary" type="button">
          {t("common.actions.cancel")}
        </Button>
      </Drawer.Close>
      <Button
        size="small"
        variant={danger ? "danger" : "primary"}
        type="submit"
        isLoading={isLoading}
      >
        {submitText}
      </Button>
    </Drawer.Footer>
  )
}

/** A FocusModal form's header: "Cancel" (closes it) and the submit button. */
export function ModalFormHeader({
  submitText,
  isLoading,
}: {
  submitText: string
  isLoading?: boolean
}) {
  const t = useT()
  return (
    <FocusModal.Header>
      <div className="flex items-center justify-end gap-x-2">
        <FocusModal.Close asChild>
          <Button size="small" variant="secondary" type="button">
            {t("common.actions.cancel")}
          </Button>
        </FocusModal.Close>
        <Button size="small" type="submit" isLoading={isLoading}>
          {submitText}
        </Button>
      </div>
    </FocusModal.Header>
  )
}

/**
 * A FocusModal form's body: one centred column (`wide` for a two-column
 * form) under the modal's title and what it does.
 */
export function ModalFormBody({
  title,
  description,
  wide = false,
  children,
}: {
  title: string
  description: string
  wide?: boolean
  children: ReactNode
}) {
  return (
    <FocusModal.Body className="flex flex-1 flex-col items-center overflow-y-auto py-16">
      <div
        className={clx(
          "flex w-full flex-col gap-y-8",
          wide ? "max-w-[720px] px-2" : "max-w-[560px]"
        )}
      >
        <div>
          <FocusModal.Title asChild>
            <Heading>{title}</Heading>
          </FocusModal.Title>
          <Text size="small" className="text-ui-fg-subtle">
            {description}
          </Text>
        </div>
        {children}
      </div>
    </FocusModal.Body>
  )
}
