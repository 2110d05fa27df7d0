import {
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
  type UseQueryOptions,
} from "@tanstack/react-query"
import { sdk } from "./sdk"

/*
 * Reads and writes of the plugin's admin routes: `sdk.client.fetch` (the
 * admin session) under the dashboard's own @tanstack/react-query client.
 *
 *   const { data, isPending, isError, error, refetch } =
 *     useAdminQuery<{ rules: Rule[] }>("/admin/commission-rules", { limit: 20 })
 *   const create = useAdminMutation<Body, { rule: Rule }>("POST",
 *     "/admin/commission-rules", { invalidate: ["/admin/commission-rules"] })
 *
 * Query keys are `["shoppable", path, query]`; a mutation invalidates every
 * query whose path starts with one of its `invalidate` prefixes.
 */

export type Query = Record<
  string,
  string | number | boolean | string[] | null | undefined
>

export const queryKey = (path: string, query?: Query) =>
  ["shoppable", path, clean(query)] as const

/** Drops undefined, null and "" so they neither reach the URL nor the key. */
function clean(
  query?: Query
): Record<string, string | number | boolean | string[]> {
  const out: Record<string, string | number | boolean | string[]> = {}
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === "") {
      continue
    }
    if (Array.isArray(v) && !v.length) {
      continue
    }
    out[k] = v
  }
  return out
}

export function fetchAdmin<T>(
  path: string,
  init: { method?: string; query?: Query; body?: unknown } = {}
): Promise<T> {
  return sdk.client.fetch<T>(path, {
    method: init.method,
    query: clean(init.query),
    body: init.body as Record<string, unknown> | undefined,
  })
}

/**
 * A GET of one of the admin routes. The previous page stays on screen while
 * the next one loads (paging and filtering do not flash an empty table).
 */
export function useAdminQuery<T>(
  path: string,
  query?: Query,
  options: Omit<
    UseQueryOptions<T, Error, T, readonly unknown[]>,
    "queryKey" | "queryFn"
  > = {}
) {
  return useQuery({
    queryKey: queryKey(path, query),
    queryFn: () => fetchAdmin<T>(path, { query }),
    placeholderData: keepPreviousData,
    ...options,
  })
}

export function useInvalidate() {
  const client = useQueryClient()
  return (prefixes: string[]) =>
    client.invalidateQueries({
      predicate: (q) =>
        q.queryKey[0] === "shoppable" &&
        typeof q.queryKey[1] === "string" &&
        prefixes.some((p) => (q.queryKey[1] as string).startsWith(p)),
    })
}

/**
 * A write. `path` may depend on the variables (`(v) => \`/admin/notes/${v.id}/hide\``);
 * `body` picks what is sent (default: the variables themselves).
 */
export function useAdminMutation<TVars, TRes = unknown>(
  method: "POST" | "DELETE",
  path: string | ((vars: TVars) => string),
  opts: {
    invalidate?: string[]
    body?: (vars: TVars) => unknown
  } = {}
) {
  const invalidate = useInvalidate()
  return useMutation<TRes, Error, TVars>({
    mutationFn: (vars) =>
      fetchAdmin<TRes>(typeof path === "function" ? path(vars) : path, {
        method,
        body:
          method === "DELETE" ? undefined : opts.body ? opts.body(vars) : vars,
      }),
    onSuccess: async () => {
      if (opts.invalidate?.length) {
        await invalidate(opts.invalidate)
      }
    },
  })
}

export type FieldError = { field: string | null; message: string }

/**
 * The fields a 400 names. The plugin's validators answer
 * `"field: why; other[0].path: why"`; anything else is a message for the
 * whole form (`field: null`).
 */
export function apiErrors(e: unknown): FieldError[] {
  const message =
    (e as { message?: string } | null)?.message ?? String(e ?? "Error")
  const parts = message.split("; ")
  const out: FieldError[] = []
  for (const part of parts) {
    const m = /^([A-Za-z_][\w.[\]]*?)(?: and [A-Za-z_][\w.[\]]*)?: (.+)$/s.exec(
      part
    )
    out.push(
      m ? { field: m[1], message: m[2] } : { field: null, message: part }
    )
  }
  return out.length ? out : [{ field: null, message }]
}

/** The HTTP status of a failed request, when there is one. */
export function apiStatus(e: unknown): number | undefined {
  return (e as { status?: number } | null)?.status
}
