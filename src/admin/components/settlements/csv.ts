import { sdk } from "../../lib/sdk"
import type { Query } from "../earnings/api"

/**
 * Downloads a CSV route's answer as a file (the name from the answer's
 * Content-Disposition), through the admin session.
 */
export async function downloadCsv(
  path: string,
  query: Query,
  fallback: string
) {
  const q = Object.fromEntries(
    Object.entries({
      ...query,
      format: "csv",
      limit: undefined,
      offset: undefined,
    }).filter(([, v]) => v !== undefined && v !== "")
  )
  const res = (await sdk.client.fetch<Response>(path, {
    query: q,
    headers: { accept: "text/csv" },
  })) as unknown as Response
  const blob = await res.blob()
  const name =
    /filename="?([^";]+)"?/.exec(
      res.headers.get("content-disposition") ?? ""
    )?.[1] ?? fallback
  const url = URL.createObjectURL(blob)
  const a = document.createElement("a")
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  URL.revokeObjectURL(url)
}
