import { getAuthHeaders, loginHref } from "@/lib/auth"
import { httpStatus, sdk } from "@/lib/medusa"

const ID = /^[A-Za-z0-9_]{1,64}$/

/**
 * `GET /account/settlements/{id}/statement`: the settlement's CSV
 * statement, fetched with the customer's token on the server
 * (`GET /store/buyers/me/settlements/{id}/statement`) and handed over as a
 * download; the token never reaches the browser.
 */
export async function GET(
  request: Request,
  { params }: { params: Promise<{ id: string }> }
) {
  const { id } = await params
  if (!ID.test(id)) {
    return Response.json(
      { message: "id: not a settlement id" },
      { status: 400 }
    )
  }
  const auth = await getAuthHeaders()
  if (!auth.authorization) {
    const back = new URL(request.url).pathname
    return Response.redirect(new URL(loginHref(back), request.url), 303)
  }
  try {
    // The SDK answers the raw Response when JSON is not asked for.
    const upstream = await sdk.client.fetch<Response>(
      `/store/buyers/me/settlements/${id}/statement`,
      { method: "GET", headers: { ...auth, accept: "text/csv" } }
    )
    return new Response(await upstream.text(), {
      headers: {
        "content-type":
          upstream.headers.get("content-type") ?? "text/csv; charset=utf-8",
        "content-disposition":
          upstream.headers.get("content-disposition") ??
          `attachment; filename="statement-${id}.csv"`,
        "cache-control": "private, no-store",
      },
    })
  } catch (e) {
    const status = httpStatus(e) ?? 502
    return Response.json(
      {
        message:
          status === 404
            ? "id: no such settlement of yours"
            : "The statement could not be read.",
      },
      { status: status === 401 ? 401 : status === 404 ? 404 : 502 }
    )
  }
}
