import { z } from "@medusajs/framework/zod"
import { sanitizePlainText } from "../../modules/notes/utils/sanitize"

// Field types shared by every route's validators: strict where zod's
// coercions are lenient (`z.coerce.number()` reads "0x10", "0b11" and ""
// as numbers; `z.coerce.date()` reads true, [2020] and "' OR '1'='1").

/**
 * A whole number in a query string: decimal digits only.
 */
export const queryInt = ({
  min,
  max,
  fallback,
}: {
  min: number
  max: number
  fallback: number
}) =>
  z
    .union([z.string(), z.number()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) {
        return fallback
      }
      const text = String(v)
      if (!/^\d{1,9}$/.test(text)) {
        ctx.addIssue({
          code: "custom",
          message: "must be a whole number written in decimal digits",
        })
        return z.NEVER
      }
      return Number(text)
    })
    .pipe(z.number().int().min(min).max(max))

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/i

/**
 * An ISO 8601 date or date-time between the years 1 and 9999 (what
 * PostgreSQL and every client can hold); a date-time without an offset is
 * UTC. Refuses other types and other spellings.
 */
export const isoDate = z.string().transform((v, ctx) => {
  const text = v.trim()
  const m = ISO_8601.exec(text)
  let date: Date | null = null
  if (m) {
    const t = text.replace(" ", "T")
    const hasOffset = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i.test(t.slice(10))
    date = new Date(m[4] ? (hasOffset ? t : `${t}Z`) : `${t}T00:00:00Z`)
  }
  if (!m || !date || Number.isNaN(date.getTime())) {
    ctx.addIssue({
      code: "custom",
      message:
        "must be an ISO 8601 date such as 2026-12-01 or 2026-12-01T08:00:00Z",
    })
    return z.NEVER
  }
  const year = date.getUTCFullYear()
  if (year < 1 || year > 9999 || Number(m[2]) > 12 || Number(m[3]) > 31) {
    ctx.addIssue({
      code: "custom",
      message: "must be a date between the years 1 and 9999",
    })
    return z.NEVER
  }
  return date
})

/**
 * One line of plain text (a title, a name, a reason): control characters
 * removed and white space collapsed before the length rules, so a value of
 * only control characters is empty, as it would be once stored.
 */
export const plainText = ({ min = 1, max }: { min?: number; max: number }) =>
  z
    .string()
    .transform(sanitizePlainText)
    .pipe(
      z
        .string()
        .min(
          min,
          min === 1
            ? "must not be empty"
            : `must have at least ${min} characters`
        )
        .max(max, `must have at most ${max} characters`)
    )

/**
 * A list's `order` query parameter, Medusa's convention: one sortable field,
 * `-` in front for descending (`order=-created_at`). Stays a string (Medusa's
 * query middleware reads `order` as one); `orderBy` turns it into what a
 * module service's `order` takes.
 */
export const sortOrder = <F extends string>(
  fields: readonly [F, ...F[]],
  fallback: `${"" | "-"}${F}`
) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => checkOrder(fields, v ?? fallback, ctx))

/** `sortOrder` without a fallback: undefined when absent (the route's own order applies). */
export const optionalSortOrder = <F extends string>(
  fields: readonly [F, ...F[]]
) =>
  z
    .string()
    .optional()
    .transform((v, ctx) =>
      v === undefined ? undefined : checkOrder(fields, v, ctx)
    )

function checkOrder(
  fields: readonly string[],
  value: string,
  ctx: z.RefinementCtx
): string {
  const allowed = fields.flatMap((f) => [f, `-${f}`])
  if (!allowed.includes(value)) {
    ctx.addIssue({
      code: "custom",
      message: `must be one of ${allowed.join(", ")}`,
    })
    return z.NEVER
  }
  return value
}

/**
 * `-amount` → `{ amount: "DESC", id: "DESC" }`: the tie on `id` keeps pages
 * stable when values repeat.
 */
export const orderBy = (order: string): Record<string, "ASC" | "DESC"> => {
  const dir = order.startsWith("-") ? "DESC" : "ASC"
  const field = order.replace(/^-/, "")
  return field === "id" ? { id: dir } : { [field]: dir, id: dir }
}

/**
 * Up to `max` ids in a query string, comma-separated or repeated
 * (`id=a,b` or `id=a&id=b`), each trimmed; an empty list is a 400 naming
 * `field`.
 */
export const queryIdList = (field: string, max = 100) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) =>
      (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean)
    )
    .pipe(
      z
        .array(z.string().min(1).max(100))
        .min(1, `${field}: give at least one`)
        .max(max, `${field}: at most ${max}`)
    )
