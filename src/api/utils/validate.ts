import {
  validateAndTransformQuery,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
} from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"
import { formatPath } from "./request-guard"

type Issue = {
  code: string
  path: PropertyKey[]
  message: string
  keys?: string[]
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input
  for (const key of path) {
    if (!v || typeof v !== "object") {
      return undefined
    }
    v = (v as Record<PropertyKey, unknown>)[key]
  }
  return v
}

/**
 * One issue as `path: message`, the path written as a reader writes it
 * (`images[0].alt`). A message that already starts with the field's own
 * name ("rate: required …", "product_id must be an id") has that name
 * replaced by the full path, so the field is named once.
 */
export function formatIssue(issue: Issue, input: unknown): string {
  if (issue.code === "unrecognized_keys" && issue.keys?.length) {
    return issue.keys
      .map((k) => `${formatPath([...issue.path, k])}: unknown field`)
      .join("; ")
  }
  const path = formatPath(issue.path)
  if (!path) {
    return issue.message
  }
  if (
    issue.code === "invalid_type" &&
    valueAt(input, issue.path) === undefined
  ) {
    return `${path}: is required`
  }
  let message = issue.message
  const last = issue.path.length
    ? String(issue.path[issue.path.length - 1])
    : ""
  for (const name of [path, last]) {
    if (name && message.startsWith(`${name}:`)) {
      message = message.slice(name.length + 1).trimStart()
      break
    }
    if (name && message.startsWith(`${name} `)) {
      message = message.slice(name.length + 1)
      break
    }
  }
  return `${path}: ${message}`
}

/** All issues of a failed parse, one message. */
export function formatIssues(issues: readonly Issue[], input: unknown): string {
  return [...new Set(issues.map((i) => formatIssue(i, input)))]
    .slice(0, 10)
    .join("; ")
}

async function parseOrThrow<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown
): Promise<z.infer<S>> {
  const result = await schema.safeParseAsync(input)
  if (!result.success) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      formatIssues(result.error.issues as unknown as Issue[], input)
    )
  }
  return result.data
}

/**
 * The plugin's body validator: Medusa's `validateAndTransformBody`, with
 * messages that name each field by its path.
 */
export function validateBody<S extends z.ZodTypeAny>(schema: S) {
  return async function validateNotesBody(
    req: MedusaRequest,
    _res: MedusaResponse,
    next: MedusaNextFunction
  ) {
    try {
      req.validatedBody = await parseOrThrow(schema, req.body ?? {})
      next()
    } catch (e) {
      next(e)
    }
  }
}

/**
 * Medusa's query normalisation (a one-element array split at commas, one
 * level of `a.b` keys), so that this check sees what Medusa's validator
 * will see.
 */
function normalizeQuery(query: Record<string, unknown>) {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(query)) {
    const v =
      Array.isArray(value) && value.length === 1 && typeof value[0] === "string"
        ? value[0].split(",")
        : value
    const [parent, child, ...rest] = key.split(".")
    if (child !== undefined && !rest.length) {
      out[parent] = { ...(out[parent] as object), [child]: v }
    } else {
      out[key] = v
    }
  }
  return out
}

/**
 * The plugin's query validator: the schema is checked first with messages
 * naming each field, then Medusa's `validateAndTransformQuery` builds the
 * query config as usual.
 */
export function validateQuery<S extends z.ZodTypeAny>(
  schema: S,
  config: Parameters<typeof validateAndTransformQuery>[1]
) {
  const medusa = validateAndTransformQuery(schema, config)
  return async function validateNotesQuery(
    req: MedusaRequest,
    res: MedusaResponse,
    next: MedusaNextFunction
  ) {
    try {
      await parseOrThrow(
        schema,
        normalizeQuery(req.query as Record<string, unknown>)
      )
    } catch (e) {
      return next(e)
    }
    return medusa(req, res, next)
  }
}
